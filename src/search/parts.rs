//! One document cut into what the sharded search files hold (see [`super::shards`]):
//! its head (URL, title, kind, names, section anchors and headings), its text
//! by section, and its keys. Made once per page and cached by `serve`, so a
//! rebuild re-cuts only the pages that changed.

use super::text::{self, Term};
use super::{compact, Doc};

/// A document's share of the search files. `head` and `text` are JSON in the
/// compact spelling of [`compact`]; `keys` are sorted and distinct.
#[derive(Debug, Default, PartialEq, Eq, Hash)]
pub struct DocPart {
    /// `[url, title, kind, names, [[anchor, heading], …]]`
    pub head: String,
    /// `[text, …]`, one per section of the head.
    pub text: String,
    /// See [`key_string`].
    pub keys: Vec<u64>,
}

/// Latin prefix keys carry their length above the two 21-bit code points.
const PREFIX_1: u64 = 1 << 42;
const PREFIX_2: u64 = 2 << 42;
const CP_BITS: u32 = 21;

impl DocPart {
    pub fn of(doc: &Doc) -> DocPart {
        let secs: Vec<[&str; 2]> = doc.sections.iter().map(|s| [s.anchor.as_str(), s.heading.as_str()]).collect();
        let head = (doc.url.as_str(), doc.title.as_str(), doc.kind.code(), doc.names.as_slice(), secs);
        let texts: Vec<&str> = doc.sections.iter().map(|s| s.text.as_str()).collect();
        let fields = std::iter::once(doc.title.as_str())
            .chain(doc.names.iter().map(String::as_str))
            .chain(doc.sections.iter().flat_map(|s| [s.heading.as_str(), s.text.as_str()]));
        DocPart { head: compact_json(&head), text: compact_json(&texts), keys: keys_of(fields) }
    }
}

fn compact_json(value: &impl serde::Serialize) -> String {
    compact::encode(&serde_json::to_string(value).unwrap_or_else(|_| "null".into()))
}

/// The keys of some texts: each CJK character, and the first letter and the
/// first two letters of each word (a query word is looked up by its first two
/// letters, or its one letter, then checked at word starts in the text).
fn keys_of<'a>(fields: impl Iterator<Item = &'a str>) -> Vec<u64> {
    let mut keys = Vec::new();
    for field in fields {
        for term in text::terms(field) {
            match term {
                Term::Cjk(run) => keys.extend(run.chars().map(|c| c as u64)),
                Term::Word(w) => keys.extend(prefix_keys(&w)),
            }
        }
    }
    keys.sort_unstable();
    keys.dedup();
    keys
}

fn prefix_keys(word: &str) -> impl Iterator<Item = u64> {
    let mut chars = word.chars().map(|c| c as u64);
    let first = chars.next();
    let second = chars.next();
    let one = first.map(|a| PREFIX_1 | a);
    let two = first.zip(second).map(|(a, b)| PREFIX_2 | a << CP_BITS | b);
    one.into_iter().chain(two)
}

/// The key as the search files spell it: the character, or the word prefix.
pub fn key_string(key: u64) -> String {
    let cp = |n: u64| char::from_u32((n & ((1 << CP_BITS) - 1)) as u32).unwrap_or('\u{FFFD}');
    match key >> 42 {
        0 => cp(key).to_string(),
        1 => cp(key).to_string(),
        _ => [cp(key >> CP_BITS), cp(key)].iter().collect(),
    }
}

/// The keys a query term is looked up by (all must hold; the text is then
/// checked): a CJK term's distinct characters, a word's first two letters.
pub fn term_keys(term: &Term) -> Vec<String> {
    match term {
        Term::Cjk(s) => {
            let mut keys: Vec<String> = s.chars().map(String::from).collect();
            keys.sort();
            keys.dedup();
            keys
        }
        Term::Word(w) => vec![w.chars().take(2).collect()],
    }
}

/// The first key of a term (its first character, or its word's first two
/// letters): the shard that holds it also holds the term's synonyms.
pub fn first_key(term: &Term) -> String {
    match term {
        Term::Cjk(s) => s.chars().take(1).collect(),
        Term::Word(w) => w.chars().take(2).collect(),
    }
}

/// Which key shard holds a key: FNV-1a over its code points (`search.js` has
/// the same function), modulo the shard count (a power of two).
pub fn shard_of(key: &str, shards: usize) -> usize {
    let mut h: u32 = 0x811c_9dc5;
    for c in key.chars() {
        h ^= c as u32;
        h = h.wrapping_mul(0x0100_0193);
    }
    h as usize & (shards.max(1) - 1)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::search::sections::Section;
    use crate::search::DocKind;

    fn doc(title: &str, text: &str) -> Doc {
        Doc {
            url: "a.html".into(),
            title: title.into(),
            kind: DocKind::Term,
            names: vec!["Key Account".into()],
            sections: vec![Section { anchor: "x".into(), heading: "服務".into(), text: text.into() }],
        }
    }

    #[test]
    fn keys_are_folded_characters_and_word_prefixes() {
        let part = DocPart::of(&doc("客户", "CRM 系统, a"));
        let keys: Vec<String> = part.keys.iter().map(|&k| key_string(k)).collect();
        for k in ["客", "户", "服", "务", "系", "统", "c", "cr", "k", "ke", "a", "ac"] {
            assert!(keys.contains(&k.to_string()), "{k} in {keys:?}");
        }
        assert!(!keys.contains(&"務".to_string()), "traditional folds to simplified");
        assert!(!keys.iter().any(|k| k.chars().count() > 2), "{keys:?}");
    }

    #[test]
    fn head_and_text_read_back_through_the_compact_spelling() {
        let part = DocPart::of(&doc("客户", "正文"));
        let head: serde_json::Value = serde_json::from_str(&compact::decode(&part.head)).expect("json");
        assert_eq!(head, serde_json::json!(["a.html", "客户", 6, ["Key Account"], [["x", "服務"]]]));
        assert_eq!(compact::decode(&part.text), "[\"正文\"]");
    }

    #[test]
    fn query_terms_need_their_characters_or_their_first_two_letters() {
        assert_eq!(term_keys(&Term::Cjk("客户客".into())), vec!["客", "户"]);
        assert_eq!(term_keys(&Term::Word("customer".into())), vec!["cu"]);
        assert_eq!(term_keys(&Term::Word("c".into())), vec!["c"]);
        // Stable and spread: the browser computes the same numbers.
        assert_eq!(shard_of("客", 1), 0);
        assert_eq!(shard_of("a", 1 << 20), 0xe40c292c & ((1 << 20) - 1));
    }
}
