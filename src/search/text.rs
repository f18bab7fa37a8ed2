//! Text for the search index: normalisation shared with the browser (one char in,
//! one char out, so a match in normalised text is at the same place in the
//! original), tokens (Chinese character bigrams and single characters, Latin
//! words), and the visible text of rendered HTML split into sections.

/// CJK punctuation folded to its ASCII look-alike, as (from, to) strings of equal
/// char count. Full-width ASCII (U+FF01–U+FF5E) and ASCII upper case are folded by
/// range, see [`fold`]. The browser gets this table in the index file, so both
/// sides fold the same way.
pub const FOLD_FROM: &str = "\u{3000}。、，；：？！“”‘’「」『』【】〔〕《》〈〉—–…·①②③④⑤⑥⑦⑧⑨";
pub const FOLD_TO: &str = " .,,;:?!\"\"''\"\"\"\"[]()<><>--..123456789";

/// Fold one character: full-width → half-width, CJK punctuation → ASCII,
/// circled digits → digits, ASCII upper → lower case. Always one char out.
pub fn fold(c: char) -> char {
    let c = match c as u32 {
        0xFF01..=0xFF5E => char::from_u32(c as u32 - 0xFEE0).unwrap_or(c),
        _ => match FOLD_FROM.chars().position(|f| f == c) {
            Some(i) => FOLD_TO.chars().nth(i).unwrap_or(c),
            None => c,
        },
    };
    c.to_ascii_lowercase()
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

/// One section of a page: the text under a heading (the first has none).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Section {
    pub anchor: String,
    pub heading: String,
    pub text: String,
}

/// The visible text of rendered HTML, split at headings that carry an `id`.
/// Reads exactly what the page shows: whatever rendering leaves out (a teacher-only
/// block in a student build) is never indexed. Elements marked `data-noindex`,
/// scripts and styles are skipped.
pub fn html_sections(html: &str) -> Vec<Section> {
    let mut sections = vec![Section::default()];
    let mut rest = html;
    // Tag name and depth of an element being skipped.
    let mut skip: Option<(String, usize)> = None;
    let mut in_heading: Option<String> = None;
    while !rest.is_empty() {
        let Some(lt) = rest.find('<') else {
            push_text(&mut sections, in_heading.is_some(), skip.is_some(), rest);
            break;
        };
        push_text(&mut sections, in_heading.is_some(), skip.is_some(), &rest[..lt]);
        rest = &rest[lt..];
        let Some(gt) = tag_end(rest) else {
            break;
        };
        let tag = &rest[1..gt];
        rest = &rest[gt + 1..];
        let closing = tag.starts_with('/');
        // The tag's name, lower-cased in a small buffer: one tag after another
        // of every page passes here, and allocating a String for each showed.
        let bare = tag.trim_start_matches('/');
        let name_len = bare.bytes().take_while(u8::is_ascii_alphanumeric).count();
        let mut name_buf = [0u8; 16];
        let name: &str = match bare.get(..name_len).filter(|n| n.len() <= name_buf.len()) {
            Some(n) => {
                name_buf[..n.len()].copy_from_slice(n.as_bytes());
                name_buf[..n.len()].make_ascii_lowercase();
                std::str::from_utf8(&name_buf[..n.len()]).unwrap_or_default()
            }
            None => "", // longer than any tag this cares about
        };
        let void = tag.ends_with('/') || matches!(name, "br" | "hr" | "img" | "input" | "meta" | "link" | "wbr");
        if let Some((skip_name, depth)) = &mut skip {
            if name == skip_name.as_str() {
                if closing {
                    *depth -= 1;
                    if *depth == 0 {
                        skip = None;
                    }
                } else if !void {
                    *depth += 1;
                }
            }
            continue;
        }
        if !closing && !void && (matches!(name, "script" | "style" | "template") || has_word(tag, "data-noindex")) {
            skip = Some((name.to_string(), 1));
            continue;
        }
        let heading = name.len() == 2 && name.starts_with('h') && name.as_bytes()[1].is_ascii_digit();
        if heading && !closing {
            if let Some(id) = attr(tag, "id") {
                sections.push(Section { anchor: id, ..Section::default() });
                in_heading = Some(name.to_string());
                continue;
            }
        }
        if closing && in_heading.as_deref() == Some(name) {
            in_heading = None;
            continue;
        }
        if is_block(name) {
            push_text(&mut sections, in_heading.is_some(), false, " ");
        }
    }
    for s in &mut sections {
        s.text = collapse(&s.text);
        s.heading = collapse(&s.heading);
    }
    sections.retain(|s| !s.text.is_empty() || !s.heading.is_empty());
    sections
}

/// Does `tag` contain `word`? Tags are short, and `str::contains` sets up a
/// two-way search on every call.
fn has_word(tag: &str, word: &str) -> bool {
    let (tag, word) = (tag.as_bytes(), word.as_bytes());
    tag.len() >= word.len() && tag.windows(word.len()).any(|w| w[0] == word[0] && w == word)
}

fn tag_end(s: &str) -> Option<usize> {
    let mut quote: Option<char> = None;
    for (i, c) in s.char_indices().skip(1) {
        match (quote, c) {
            (Some(q), c) if c == q => quote = None,
            (Some(_), _) => {}
            (None, '"' | '\'') => quote = Some(c),
            (None, '>') => return Some(i),
            _ => {}
        }
    }
    None
}

fn attr(tag: &str, name: &str) -> Option<String> {
    let pat = format!(" {name}=\"");
    let start = tag.find(&pat)? + pat.len();
    let end = tag[start..].find('"')? + start;
    Some(decode_entities(&tag[start..end]))
}

fn is_block(name: &str) -> bool {
    matches!(
        name,
        "p" | "div"
            | "li"
            | "ul"
            | "ol"
            | "td"
            | "th"
            | "tr"
            | "table"
            | "br"
            | "hr"
            | "pre"
            | "blockquote"
            | "section"
            | "dt"
            | "dd"
            | "dl"
            | "h1"
            | "h2"
            | "h3"
            | "h4"
            | "h5"
            | "h6"
            | "figcaption"
            | "details"
            | "summary"
    )
}

fn push_text(sections: &mut [Section], heading: bool, skipped: bool, raw: &str) {
    if skipped || raw.is_empty() {
        return;
    }
    let Some(last) = sections.last_mut() else { return };
    let text = decode_entities(raw);
    if heading {
        last.heading.push_str(&text);
    } else {
        last.text.push_str(&text);
    }
}

fn collapse(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

pub fn decode_entities(s: &str) -> String {
    if !s.contains('&') {
        return s.to_string();
    }
    let mut out = String::with_capacity(s.len());
    let mut rest = s;
    while let Some(amp) = rest.find('&') {
        out.push_str(&rest[..amp]);
        rest = &rest[amp..];
        let end = rest.find(';').filter(|&e| e <= 10);
        let decoded = end.and_then(|e| {
            let name = &rest[1..e];
            let c = match name {
                "amp" => Some('&'),
                "lt" => Some('<'),
                "gt" => Some('>'),
                "quot" => Some('"'),
                "apos" => Some('\''),
                "nbsp" => Some(' '),
                _ => {
                    let num = name.strip_prefix('#')?;
                    let code = match num.strip_prefix(['x', 'X']) {
                        Some(hex) => u32::from_str_radix(hex, 16).ok(),
                        None => num.parse().ok(),
                    }?;
                    char::from_u32(code)
                }
            }?;
            Some((c, e))
        });
        match decoded {
            Some((c, e)) => {
                out.push(c);
                rest = &rest[e + 1..];
            }
            None => {
                out.push('&');
                rest = &rest[1..];
            }
        }
    }
    out.push_str(rest);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fold_table_is_one_to_one() {
        assert_eq!(FOLD_FROM.chars().count(), FOLD_TO.chars().count());
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

    #[test]
    fn html_sections_follow_headings_and_skip_hidden() {
        let html = "<p>引言&amp;说明</p><h2 id=\"一-客户\">一 客户</h2><p>客户<a class=\"term\" data-def=\"x>y\" href=\"#\">服务</a></p>\
                    <table><tr><td>甲</td><td>乙</td></tr></table><div data-noindex><p>教师用</p><div>秘密</div></div><h3>无锚</h3><p>尾</p>";
        let s = html_sections(html);
        assert_eq!(s.len(), 2, "{s:?}");
        assert_eq!(s[0], Section { anchor: String::new(), heading: String::new(), text: "引言&说明".into() });
        assert_eq!(s[1].anchor, "一-客户");
        assert_eq!(s[1].heading, "一 客户");
        assert_eq!(s[1].text, "客户服务 甲 乙 无锚 尾");
        assert!(!s[1].text.contains("教师用") && !s[1].text.contains("秘密"));
    }

    #[test]
    fn bad_html_does_not_panic() {
        for html in ["<", "<h2 id=\"x", "&#xFFFFFFFF;", "&;", "<p>&amp", "</h2>文字", "<div data-noindex>"] {
            let _ = html_sections(html);
        }
        assert_eq!(decode_entities("&#x5BA2;&#25143;&bogus;"), "客户&bogus;");
    }
}
