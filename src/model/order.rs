//! Sorting that works for Chinese: pages by the author's table of contents
//! (`SUMMARY.md`, `_sidebar.md`) when there is one, then weight, then the number prefix of the
//! file name (`01-…`), then title in pinyin order (the order of a Chinese index),
//! so 客户 sorts under K with Latin words, not after every ASCII title by code point.

use pinyin::ToPinyin;
use std::cmp::Ordering;

/// `01-理解客户服务` → (Some(1), "理解客户服务"). A prefix needs digits then `-`, `_`, `.` or a space.
pub fn split_number_prefix(stem: &str) -> (Option<u64>, &str) {
    let digits = stem.chars().take_while(char::is_ascii_digit).count();
    if digits == 0 || digits > 9 {
        return (None, stem);
    }
    let rest = &stem[digits..];
    match rest.chars().next() {
        Some(c @ ('-' | '_' | '.' | ' ')) => (stem[..digits].parse().ok(), &rest[c.len_utf8()..]),
        None => (stem.parse().ok(), stem),
        _ => (None, stem),
    }
}

/// Collation key of Chinese and Latin text together, the order of a Chinese
/// index: Han characters by pinyin (客户 sorts under K, among Latin words), then,
/// as a tie-break, by tone, then by the text itself. Words are read as words
/// ([`readings`]: 行业 hang ye, 银行 yin hang); `pinyin` overrides the reading.
pub fn collation_key(text: &str, pinyin: Option<&str>) -> String {
    let mut letters = String::with_capacity(text.len() * 2);
    let mut tones = String::new();
    match pinyin {
        Some(reading) => {
            for syllable in reading.split_whitespace() {
                push_syllable(syllable, &mut letters, &mut tones);
            }
        }
        None => {
            for reading in readings(text) {
                match reading {
                    Reading::Syllable(syllable) => push_syllable(syllable, &mut letters, &mut tones),
                    Reading::Other(ch) => {
                        letters.extend(ch.to_lowercase());
                        tones.push('0');
                    }
                }
            }
        }
    }
    // \u{1} sorts before every letter, so a key that is a prefix of another comes first.
    format!("{letters}\u{1}{tones}\u{1}{text}")
}

/// How one character of a text reads.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Reading {
    /// A Han character's syllable, tone number last (`hang2`).
    Syllable(&'static str),
    /// Anything else, as it is.
    Other(char),
}

/// Words whose characters read otherwise alone (行业 hang2 ye4), from
/// `phrases.txt` (see its header): word → syllables.
/// The phrase table (`phrases.txt`: a word, then its syllables), with the
/// length in characters of the longest word starting with each character:
/// most characters start none, and for them one lookup replaces nine.
struct Phrases {
    words: std::collections::HashMap<&'static str, &'static str>,
    longest_from: crate::fingerprint::FastMap<char, usize>,
}

fn phrases() -> &'static Phrases {
    static TABLE: std::sync::OnceLock<Phrases> = std::sync::OnceLock::new();
    TABLE.get_or_init(|| {
        let lines = include_str!("phrases.txt").lines().filter(|l| !l.starts_with('#'));
        let words: std::collections::HashMap<&str, &str> = lines.filter_map(|l| l.split_once(' ')).collect();
        let mut longest_from = crate::fingerprint::FastMap::default();
        for word in words.keys() {
            if let Some(first) = word.chars().next() {
                let longest = longest_from.entry(first).or_insert(0);
                *longest = (*longest).max(word.chars().count());
            }
        }
        Phrases { words, longest_from }
    })
}

/// The reading of each character of `text`: at each place the longest word of
/// the phrase table that starts there (重庆火锅店: 重庆 chong qing), else the
/// character's own reading.
pub fn readings(text: &str) -> Vec<Reading> {
    let table = phrases();
    let starts: Vec<usize> = text.char_indices().map(|(i, _)| i).chain([text.len()]).collect();
    let mut out = Vec::with_capacity(starts.len());
    let mut at = 0;
    while at + 1 < starts.len() {
        let ch = text[starts[at]..].chars().next().unwrap_or(' ');
        let longest = table.longest_from.get(&ch).copied().unwrap_or(0).min(starts.len() - 1 - at);
        let phrase = (2..=longest).rev().find_map(|n| {
            let word = &text[starts[at]..starts[at + n]];
            table.words.get(word).map(|syllables| (n, *syllables))
        });
        match phrase {
            Some((n, syllables)) => {
                out.extend(syllables.split(' ').map(Reading::Syllable));
                at += n;
            }
            None => {
                out.push(ch.to_pinyin().map_or(Reading::Other(ch), |py| Reading::Syllable(py.with_tone_num_end())));
                at += 1;
            }
        }
    }
    out
}

/// `ke4` → letters `ke `, tone `4` (a neutral tone counts as 5, after the four).
fn push_syllable(syllable: &str, letters: &mut String, tones: &mut String) {
    let toned = tones.len();
    for c in syllable.chars() {
        if c.is_ascii_digit() {
            tones.push(c);
        } else {
            letters.extend(c.to_lowercase());
        }
    }
    letters.push(' ');
    if tones.len() == toned {
        tones.push('5');
    }
}

/// Collation key without an override (page titles).
pub fn pinyin_key(text: &str) -> String {
    collation_key(text, None)
}

/// The index letter a key files under: A–Z, or `#` for digits and symbols.
pub fn index_letter(key: &str) -> char {
    match key.chars().next() {
        Some(c) if c.is_ascii_alphabetic() => c.to_ascii_uppercase(),
        _ => '#',
    }
}

/// Everything that orders pages within a section, compared field by field.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SortKey {
    /// Place in the author's table of contents (`SUMMARY.md`, `_sidebar.md`), first of all.
    pub rank: Option<u64>,
    pub weight: Option<i64>,
    pub number: Option<u64>,
    pub title: String,
    pub id: String,
}

impl SortKey {
    pub fn new(weight: Option<i64>, number: Option<u64>, title: &str, id: &str) -> Self {
        SortKey { rank: None, weight, number, title: pinyin_key(title), id: id.to_string() }
    }
}

/// `None` sorts after every `Some`: unweighted pages follow weighted ones.
pub fn some_first<T: Ord>(a: &Option<T>, b: &Option<T>) -> Ordering {
    match (a, b) {
        (Some(a), Some(b)) => a.cmp(b),
        (Some(_), None) => Ordering::Less,
        (None, Some(_)) => Ordering::Greater,
        (None, None) => Ordering::Equal,
    }
}

impl Ord for SortKey {
    fn cmp(&self, other: &Self) -> Ordering {
        some_first(&self.rank, &other.rank)
            .then_with(|| some_first(&self.weight, &other.weight))
            .then_with(|| some_first(&self.number, &other.number))
            .then_with(|| self.title.cmp(&other.title))
            .then_with(|| self.id.cmp(&other.id))
    }
}

impl PartialOrd for SortKey {
    fn partial_cmp(&self, other: &Self) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn number_prefixes() {
        assert_eq!(split_number_prefix("01-理解客户服务"), (Some(1), "理解客户服务"));
        assert_eq!(split_number_prefix("10_x"), (Some(10), "x"));
        assert_eq!(split_number_prefix("2024年"), (None, "2024年"));
        assert_eq!(split_number_prefix("东方饭店"), (None, "东方饭店"));
        assert_eq!(split_number_prefix("7"), (Some(7), "7"));
    }

    #[test]
    fn chinese_titles_sort_by_pinyin() {
        let mut titles = vec!["王永庆卖米", "沃尔玛退轮胎", "东方饭店", "西南航空", "CRM 系统", "营业厅评分"];
        titles.sort_by_key(|t| pinyin_key(t));
        assert_eq!(titles, vec!["CRM 系统", "东方饭店", "王永庆卖米", "沃尔玛退轮胎", "西南航空", "营业厅评分"]);
    }

    #[test]
    fn tone_is_only_a_tie_break_and_overrides_win() {
        // 买 mai3 and 卖 mai4 share letters: the tone decides, after the letters.
        let mut words = vec!["卖", "麦子", "买", "卖点"];
        words.sort_by_key(|t| pinyin_key(t));
        assert_eq!(words, vec!["买", "卖", "卖点", "麦子"]);
        // 行业 read as hang2 ye4 sorts under H, before 客户 (K), not under X.
        let hangye = collation_key("行业客户", Some("hang2 ye4 ke4 hu4"));
        assert!(hangye < pinyin_key("客户"));
        assert_eq!(index_letter(&hangye), 'H');
        assert_eq!(index_letter(&pinyin_key("5W1H")), '#');
        assert_eq!(index_letter(&pinyin_key("CRM")), 'C');
        assert!(pinyin_key("从业") < pinyin_key("CRM") && pinyin_key("CRM") < pinyin_key("促销"));
    }

    #[test]
    fn words_read_as_words() {
        let letters = |t: &str| -> String {
            readings(t)
                .iter()
                .map(|r| match r {
                    Reading::Syllable(s) => s.trim_end_matches(|c: char| c.is_ascii_digit()).to_string(),
                    Reading::Other(c) => c.to_string(),
                })
                .collect::<Vec<_>>()
                .join(" ")
        };
        assert_eq!(letters("银行卡"), "yin hang ka");
        assert_eq!(letters("重庆火锅店"), "chong qing huo guo dian");
        assert_eq!(letters("长城饭店"), "chang cheng fan dian");
        assert_eq!(letters("A 行业"), "A   hang ye");
        let mut words = vec!["银行", "银卡", "行业", "客户"];
        words.sort_by_key(|t| pinyin_key(t));
        assert_eq!(words, vec!["行业", "客户", "银行", "银卡"], "银行 is yin hang: before yin ka");
    }

    #[test]
    fn weight_then_number_then_title() {
        let a = SortKey::new(Some(2), None, "甲", "a");
        let b = SortKey::new(None, Some(1), "乙", "b");
        let c = SortKey::new(None, Some(2), "阿", "c");
        let d = SortKey::new(None, None, "啊", "d");
        let mut keys = vec![d.clone(), c.clone(), b.clone(), a.clone()];
        keys.sort();
        assert_eq!(keys, vec![a.clone(), b.clone(), c.clone(), d.clone()]);
        // A place in the table of contents comes before everything else.
        let mut ranked = d.clone();
        ranked.rank = Some(5);
        let mut first = c.clone();
        first.rank = Some(1);
        let mut keys = vec![a.clone(), ranked.clone(), b.clone(), first.clone()];
        keys.sort();
        assert_eq!(keys, vec![first, ranked, a, b]);
    }
}
