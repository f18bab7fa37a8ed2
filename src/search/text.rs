//! Text for the search index: normalisation shared with the browser (one char in,
//! one char out, so a match in normalised text is at the same place in the
//! original) and tokens (Chinese character bigrams and single characters, Latin
//! words). The visible text of rendered HTML is read in `sections`.

/// CJK punctuation folded to its ASCII look-alike, as (from, to) strings of equal
/// char count. Full-width ASCII (U+FF01–U+FF5E) and ASCII upper case are folded by
/// range, see [`fold`]. The browser gets this table in the index file, so both
/// sides fold the same way.
pub const FOLD_FROM: &str = "\u{3000}。、，；：？！“”‘’「」『』【】〔〕《》〈〉—–…·①②③④⑤⑥⑦⑧⑨";
pub const FOLD_TO: &str = " .,,;:?!\"\"''\"\"\"\"[]()<><>--..123456789";

/// Fold one character: full-width → half-width, CJK punctuation → ASCII,
/// circled digits → digits, ASCII upper → lower case, a traditional-only
/// character → its simplified form (客戶 finds 客户, and the reverse). Always
/// one char out.
pub fn fold(c: char) -> char {
    // Fast paths for the characters every page is made of (the build folds
    // every character of every page to find its keys).
    if c.is_ascii() {
        return c.to_ascii_lowercase();
    }
    if is_cjk(c) {
        return crate::hanzi::tables().trad_only(c).unwrap_or(c);
    }
    let c = match c as u32 {
        0xFF01..=0xFF5E => char::from_u32(c as u32 - 0xFEE0).unwrap_or(c),
        _ => match FOLD_FROM.chars().position(|f| f == c) {
            Some(i) => FOLD_TO.chars().nth(i).unwrap_or(c),
            None => crate::hanzi::tables().trad_only(c).unwrap_or(c),
        },
    };
    c.to_ascii_lowercase()
}

/// The fold table the browser gets: [`FOLD_FROM`] and [`FOLD_TO`], then the
/// traditional-only characters whose simplified form, or which themselves,
/// the index's text holds (`has`): only those can make a match, and all ~4,000
/// of them would add 19 KB (gzip) to every index.
pub fn fold_table(has: impl Fn(char) -> bool) -> [String; 2] {
    let pairs: Vec<(char, char)> =
        crate::hanzi::traditional_pairs().iter().copied().filter(|&(t, s)| has(t) || has(s)).collect();
    let from = FOLD_FROM.chars().chain(pairs.iter().map(|p| p.0)).collect();
    let to = FOLD_TO.chars().chain(pairs.iter().map(|p| p.1)).collect();
    [from, to]
}

pub fn normalize(text: &str) -> String {
    text.chars().map(fold).collect()
}

/// Han ideographs (and kana): matched by character n-grams, no segmenter.
pub fn is_cjk(c: char) -> bool {
    matches!(c as u32,
        0x3040..=0x30FF | 0x3400..=0x4DBF | 0x4E00..=0x9FFF | 0xF900..=0xFAFF | 0x20000..=0x2FFFF | 0x30000..=0x3134F)
}

/// Letters and digits of alphabetic scripts: matched as words, by prefix.
pub fn is_word(c: char) -> bool {
    c.is_alphanumeric() && !is_cjk(c)
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Term {
    /// A run of Chinese characters: found as an exact substring.
    Cjk(String),
    /// A Latin word (folded): found at the start of a word.
    Word(String),
}

impl Term {
    pub fn as_str(&self) -> &str {
        match self {
            Term::Cjk(s) | Term::Word(s) => s,
        }
    }
}

/// Split a query (or any text) into terms: runs of CJK characters and words; all
/// else separates. `CRM系统` and `CRM 系统` both give [Word(crm), Cjk(系统)].
pub fn terms(text: &str) -> Vec<Term> {
    let mut out = Vec::new();
    let mut cur = String::new();
    let mut cjk = false;
    let flush = |cur: &mut String, cjk: bool, out: &mut Vec<Term>| {
        if !cur.is_empty() {
            let s = std::mem::take(cur);
            out.push(if cjk { Term::Cjk(s) } else { Term::Word(s) });
        }
    };
    for c in text.chars().map(fold) {
        if is_cjk(c) {
            if !cjk {
                flush(&mut cur, cjk, &mut out);
            }
            cjk = true;
            cur.push(c);
        } else if is_word(c) {
            if cjk {
                flush(&mut cur, cjk, &mut out);
            }
            cjk = false;
            cur.push(c);
        } else {
            flush(&mut cur, cjk, &mut out);
        }
    }
    flush(&mut cur, cjk, &mut out);
    out
}

/// What the index stores for a text: every single CJK character, every pair of
/// adjacent CJK characters, and every word. Sorted and deduplicated.
pub fn tokens(text: &str) -> Vec<String> {
    let mut out = Vec::new();
    for term in terms(text) {
        match term {
            Term::Cjk(run) => {
                let chars: Vec<char> = run.chars().collect();
                for (i, c) in chars.iter().enumerate() {
                    out.push(c.to_string());
                    if let Some(d) = chars.get(i + 1) {
                        out.push(format!("{c}{d}"));
                    }
                }
            }
            Term::Word(w) => out.push(w),
        }
    }
    out.sort();
    out.dedup();
    out
}

/// The index keys a query term needs: its bigrams (or the character itself for a
/// one-character term). Every key must be present in a matching document;
/// adjacency is then checked on the text, so recall is exact.
pub fn keys_for(term: &str) -> Vec<String> {
    let chars: Vec<char> = term.chars().collect();
    if chars.len() == 1 {
        return vec![term.to_string()];
    }
    let mut keys: Vec<String> = chars.windows(2).map(|w| w.iter().collect()).collect();
    keys.sort();
    keys.dedup();
    keys
}

/// Byte offsets where `term` occurs in normalised `text`: anywhere for CJK, at the
/// start of a word for words.
pub fn find_all(text: &str, term: &Term) -> Vec<usize> {
    let needle = term.as_str();
    if needle.is_empty() {
        return Vec::new();
    }
    text.match_indices(needle)
        .map(|(i, _)| i)
        .filter(|&i| match term {
            Term::Cjk(_) => true,
            Term::Word(_) => !text[..i].chars().next_back().is_some_and(is_word),
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fold_table_is_one_to_one() {
        assert_eq!(FOLD_FROM.chars().count(), FOLD_TO.chars().count());
        let [from, to] = fold_table(|_| true);
        assert_eq!(from.chars().count(), to.chars().count());
        assert!(from.chars().count() > 2000, "OpenCC's traditional-only characters");
    }

    #[test]
    fn traditional_folds_to_simplified_and_the_browser_table_keeps_what_the_text_has() {
        assert_eq!(normalize("客戶服務質量"), "客户服务质量");
        assert_eq!(normalize("著 着 後來"), "著 着 后来", "著 is also a simplified character: kept");
        let [from, to] = fold_table(|c| "客户服务".contains(c));
        assert!(from.contains('戶') && from.contains('務') && !from.contains('質'), "only pairs the text can match");
        assert_eq!(from.chars().position(|c| c == '戶').and_then(|i| to.chars().nth(i)), Some('户'));
    }

    #[test]
    fn normalisation_folds_width_case_punctuation_and_digits() {
        assert_eq!(normalize("ＣＲＭ系统，Ｖ２。"), "crm系统,v2.");
        assert_eq!(normalize("“售后”①"), "\"售后\"1");
        assert_eq!(normalize("RATER"), "rater");
        // One char out per char in: offsets carry over to the original text.
        let s = "客户（大客户）：ＡＢ…①";
        assert_eq!(normalize(s).chars().count(), s.chars().count());
    }

    #[test]
    fn terms_split_scripts_and_separators() {
        use Term::*;
        assert_eq!(terms("CRM 系统"), vec![Word("crm".into()), Cjk("系统".into())]);
        assert_eq!(terms("CRM系统"), vec![Word("crm".into()), Cjk("系统".into())]);
        assert_eq!(terms("售后服务，投诉处理"), vec![Cjk("售后服务".into()), Cjk("投诉处理".into())]);
        assert_eq!(terms("ＲＡＴＥＲ五维度"), vec![Word("rater".into()), Cjk("五维度".into())]);
        assert_eq!(terms("5W1H"), vec![Word("5w1h".into())]);
        assert!(terms("，。！ ").is_empty());
    }

    #[test]
    fn tokens_are_cjk_unigrams_bigrams_and_words() {
        assert_eq!(tokens("大客户"), vec!["大", "大客", "客", "客户", "户"]);
        assert_eq!(tokens("Key 客户"), vec!["key", "客", "客户", "户"]);
        // No bigram across a separator.
        assert!(!tokens("客户，服务").contains(&"户服".to_string()));
        assert_eq!(keys_for("售后服务"), vec!["后服", "售后", "服务"]);
        assert_eq!(keys_for("客"), vec!["客"]);
    }

    #[test]
    fn words_match_at_word_starts_only() {
        let t = normalize("Customer CRM accustomed");
        assert_eq!(find_all(&t, &Term::Word("cust".into())), vec![0]);
        assert_eq!(find_all(&t, &Term::Word("crm".into())), vec![9]);
        assert_eq!(find_all("大客户的客户", &Term::Cjk("客户".into())), vec![3, 12]);
    }
}
