//! One document cut into what the sharded search files hold (see [`super::shards`]):
//! its head (URL, title, kind, names, section anchors and headings), its text
//! by section, and its keys. Made once per page and cached by `serve`, so a
//! rebuild re-cuts only the pages that changed.

use super::filed::Chars;
use super::text::{self, Term};
use super::{compact, Doc};

/// A document's share of the search files. `head` and `text` are JSON in the
/// compact spelling of [`compact`]; its keys (see [`DocPart::keys`]) are kept
/// as the varint-coded gaps between them, one or two bytes a key (a
/// 10,000-page course holds millions), saved in the build cache as one run of
/// bytes.
#[derive(Debug, Default, Clone, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
pub struct DocPart {
    /// `[url, title, kind, names, [[anchor, heading], …]]`
    pub head: Chars,
    /// `[text, …]`, one per section of the head.
    pub text: Chars,
    /// The sorted keys (see [`key_string`]), as gaps (see [`DocPart::keys`]).
    #[serde(with = "byte_run")]
    keys: Box<[u8]>,
    /// `hash_of` `head` and of `text`, made with them: a rebuild tells which
    /// search files changed without hashing every page's text again.
    hashes: [u64; 2],
}

/// A key is a code point (a CJK character), or a word's first letter above
/// [`PREFIX_1`], or its first two letters above [`PREFIX_2`].
const PREFIX_1: u64 = 1 << 21;
const PREFIX_2: u64 = 1 << 42;
const CP_BITS: u32 = 21;

impl DocPart {
    pub fn of(doc: &Doc) -> DocPart {
        let secs: Vec<[&str; 2]> = doc.sections.iter().map(|s| [s.anchor.as_str(), s.heading.as_str()]).collect();
        let head = (doc.url.as_str(), doc.title.as_str(), doc.kind.code(), doc.names.as_slice(), secs);
        let texts: Vec<&str> = doc.sections.iter().map(|s| s.text.as_str()).collect();
        let fields = std::iter::once(doc.title.as_str())
            .chain(doc.names.iter().map(String::as_str))
            .chain(doc.sections.iter().flat_map(|s| [s.heading.as_str(), s.text.as_str()]));
        let keys = keys_of(fields);
        let (head, text) = (compact_json(&head), compact_json(&texts));
        let hashes = [crate::fingerprint::hash_of(&head), crate::fingerprint::hash_of(&text)];
        DocPart { head: Chars::Here(head), text: Chars::Here(text), keys: gaps(&keys), hashes }
    }

    /// Whether `other` has the same keys (the postings need no change).
    pub fn same_keys(&self, other: &DocPart) -> bool {
        self.keys == other.keys
    }

    /// A document with only these keys (sorted, distinct): for tests.
    #[cfg(test)]
    pub fn with_keys(keys: &[u64]) -> DocPart {
        DocPart { keys: gaps(keys), ..DocPart::default() }
    }

    /// The hash of [`DocPart::head`].
    pub fn head_hash(&self) -> u64 {
        self.hashes[0]
    }

    /// The hash of [`DocPart::text`].
    pub fn text_hash(&self) -> u64 {
        self.hashes[1]
    }

    /// The document's keys (see [`key_string`]), sorted and distinct.
    pub fn keys(&self) -> impl Iterator<Item = u64> + '_ {
        let mut bytes = self.keys.iter();
        let mut key = 0u64;
        std::iter::from_fn(move || {
            let mut gap = 0u64;
            for shift in (0..64).step_by(7) {
                let byte = *bytes.next()?;
                gap |= u64::from(byte & 0x7f) << shift;
                if byte < 0x80 {
                    break;
                }
            }
            key += gap;
            Some(key)
        })
    }
}

/// Sorted, distinct `keys` as LEB128 varints of the gaps between them.
fn gaps(keys: &[u64]) -> Box<[u8]> {
    let mut out = Vec::with_capacity(keys.len() * 2);
    let mut last = 0;
    for &key in keys {
        let mut gap = key - last;
        last = key;
        while gap >= 0x80 {
            out.push((gap as u8) | 0x80);
            gap >>= 7;
        }
        out.push(gap as u8);
    }
    out.into()
}

/// Bytes saved as one run (`serialize_bytes`), not element by element: a
/// cache of 10,000 pages decodes them as a copy.
mod byte_run {
    pub fn serialize<S: serde::Serializer>(bytes: &[u8], serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_bytes(bytes)
    }

    pub fn deserialize<'de, D: serde::Deserializer<'de>>(deserializer: D) -> Result<Box<[u8]>, D::Error> {
        struct Run;
        impl serde::de::Visitor<'_> for Run {
            type Value = Box<[u8]>;
            fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
                f.write_str("bytes")
            }
            fn visit_bytes<E>(self, bytes: &[u8]) -> Result<Box<[u8]>, E> {
                Ok(bytes.into())
            }
            fn visit_byte_buf<E>(self, bytes: Vec<u8>) -> Result<Box<[u8]>, E> {
                Ok(bytes.into())
            }
        }
        deserializer.deserialize_byte_buf(Run)
    }
}

fn compact_json(value: &impl serde::Serialize) -> String {
    compact::encode(&serde_json::to_string(value).unwrap_or_else(|_| "null".into()))
}

/// The keys of some texts: each CJK character, and the first letter and the
/// first two letters of each word (a query word is looked up by its first two
/// letters, or its one letter, then checked at word starts in the text). The
/// same split as [`text::terms`], in one pass with no allocation per word: the
/// build does it for every character of every page.
fn keys_of<'a>(fields: impl Iterator<Item = &'a str>) -> Vec<u64> {
    // Characters of the common CJK blocks are marked in a bitset (a page has
    // thousands, a few hundred distinct: sorting them all cost more than
    // finding them); the others are pushed and sorted.
    let mut common = [0u64; COMMON_SPAN / 64];
    let mut keys = Vec::with_capacity(64);
    for field in fields {
        // The current word's first two letters, and how many letters it has.
        let mut word = [0u64; 2];
        let mut letters = 0;
        for c in field.chars().map(text::fold) {
            // CJK first: the cheap range test settles most characters, which
            // `is_word`'s Unicode tables would look up slowly.
            let cjk = text::is_cjk(c);
            if !cjk && text::is_word(c) {
                if letters < 2 {
                    word[letters] = c as u64;
                }
                letters += 1;
                continue;
            }
            end_word(&word, letters, &mut keys);
            letters = 0;
            match (c as usize).checked_sub(COMMON_FROM).filter(|&i| i < COMMON_SPAN) {
                Some(i) if cjk => common[i / 64] |= 1 << (i % 64),
                _ if cjk => keys.push(c as u64),
                _ => {}
            }
        }
        end_word(&word, letters, &mut keys);
    }
    for (w, &bits) in common.iter().enumerate() {
        let mut bits = bits;
        while bits != 0 {
            keys.push((COMMON_FROM + w * 64 + bits.trailing_zeros() as usize) as u64);
            bits &= bits - 1;
        }
    }
    keys.sort_unstable();
    keys.dedup();
    keys.shrink_to_fit();
    keys
}

/// The CJK blocks most text is in: kana, Extension A, the Unified Ideographs.
const COMMON_FROM: usize = 0x3000;
const COMMON_SPAN: usize = 0xA000 - COMMON_FROM;

fn end_word(word: &[u64; 2], letters: usize, keys: &mut Vec<u64>) {
    if letters > 0 {
        keys.push(PREFIX_1 | word[0]);
    }
    if letters > 1 {
        keys.push(PREFIX_2 | word[0] << CP_BITS | word[1]);
    }
}

/// The key as the search files spell it: the character, or the word prefix.
pub fn key_string(key: u64) -> String {
    let cp = |n: u64| char::from_u32((n & ((1 << CP_BITS) - 1)) as u32).unwrap_or('\u{FFFD}');
    if key >= PREFIX_2 {
        [cp(key >> CP_BITS), cp(key)].iter().collect()
    } else {
        cp(key).to_string()
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
    fn keys_come_back_from_their_gaps_and_from_the_build_cache() {
        let keys = [0, 1, 0x4e00, 0x4e2d, 0x9fff, PREFIX_1 + 3, PREFIX_2 + 7, u64::MAX >> 1];
        let part = DocPart { keys: gaps(&keys), ..DocPart::default() };
        assert_eq!(part.keys().collect::<Vec<_>>(), keys);
        let saved = postcard::to_stdvec(&part).unwrap();
        let restored: DocPart = postcard::from_bytes(&saved).unwrap();
        assert_eq!(restored, part);
        let real = DocPart::of(&doc("客户服务", "大客户 CRM 系统"));
        assert_eq!(postcard::from_bytes::<DocPart>(&postcard::to_stdvec(&real).unwrap()).unwrap(), real);
        assert!(real.keys().count() > 5 && real.keys().is_sorted());
    }

    #[test]
    fn keys_are_folded_characters_and_word_prefixes() {
        let part = DocPart::of(&doc("客户", "CRM 系统, a"));
        let keys: Vec<String> = part.keys().map(key_string).collect();
        for k in ["客", "户", "服", "务", "系", "统", "c", "cr", "k", "ke", "a", "ac"] {
            assert!(keys.contains(&k.to_string()), "{k} in {keys:?}");
        }
        assert!(!keys.contains(&"務".to_string()), "traditional folds to simplified");
        assert!(!keys.iter().any(|k| k.chars().count() > 2), "{keys:?}");
    }

    #[test]
    fn the_one_pass_split_finds_the_keys_the_terms_have() {
        let text = "ＣＲＭ系統a1 客戶、Ｘ　résumé —x 한국어 q ① ab客cd";
        let mut expected: Vec<u64> = Vec::new();
        for term in text::terms(text) {
            match term {
                Term::Cjk(run) => expected.extend(run.chars().map(|c| c as u64)),
                Term::Word(w) => {
                    let cs: Vec<u64> = w.chars().map(|c| c as u64).collect();
                    expected.push(PREFIX_1 | cs[0]);
                    if let Some(b) = cs.get(1) {
                        expected.push(PREFIX_2 | cs[0] << CP_BITS | b);
                    }
                }
            }
        }
        expected.sort_unstable();
        expected.dedup();
        assert_eq!(keys_of([text].into_iter()), expected);
        assert!(expected.len() > 10);
    }

    #[test]
    fn head_and_text_read_back_through_the_compact_spelling() {
        let part = DocPart::of(&doc("客户", "正文"));
        let head: serde_json::Value = serde_json::from_str(&compact::decode(part.head.get(&[]))).expect("json");
        assert_eq!(head, serde_json::json!(["a.html", "客户", 6, ["Key Account"], [["x", "服務"]]]));
        assert_eq!(compact::decode(part.text.get(&[])), "[\"正文\"]");
    }

    #[test]
    fn a_term_s_first_key_is_its_first_character_or_its_first_two_letters() {
        assert_eq!(first_key(&Term::Cjk("客户客".into())), "客");
        assert_eq!(first_key(&Term::Word("customer".into())), "cu");
        assert_eq!(first_key(&Term::Word("c".into())), "c");
        // Stable and spread: the browser computes the same numbers.
        assert_eq!(shard_of("客", 1), 0);
        assert_eq!(shard_of("a", 1 << 20), 0xe40c292c & ((1 << 20) - 1));
    }
}
