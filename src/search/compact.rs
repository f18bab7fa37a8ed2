//! A compact spelling of the search files. Chinese characters take three bytes
//! in UTF-8, and gzip's byte-level model never learns that those three bytes are
//! one symbol. The commonest characters of written Chinese are respelt as code
//! points U+0100–U+07FE (two bytes each); `search.js` undoes it on load with the
//! same table, which the manifest carries. Measured with gzip -9 on one file:
//! −13 % on the real course text of the seeds, −16 % on `gen_corpus`.
//!
//! The table is fixed ([`COMMON`], from a general word-frequency list, see
//! `scripts/common_chars.py`), not computed from the course: an edit to one
//! page must not respell every other page's search file (`serve` rewrites only
//! the files whose pages changed). A character the text itself has in the code
//! range (ǎ, Greek, Cyrillic…) is written after the escape [`ESCAPE`].

/// The first code point used as a code; codes run below [`ESCAPE`] (two-byte UTF-8).
pub const FIRST: u32 = 0x100;
/// Marks the next character as itself, not a code.
pub const ESCAPE: char = '\u{7FF}';
const END: u32 = 0x800;

/// The respelt characters, commonest first: position `i` ↔ code `FIRST + i`.
pub const COMMON: &str = include_str!("common_chars.txt");

/// The table's characters, position `i` ↔ code `FIRST + i`.
pub fn chars() -> &'static [char] {
    static CHARS: std::sync::OnceLock<Vec<char>> = std::sync::OnceLock::new();
    CHARS.get_or_init(|| COMMON.trim_end().chars().take((ESCAPE as u32 - FIRST) as usize).collect())
}

/// Code of each BMP character of the table (0: none).
fn codes() -> &'static [u16] {
    static CODES: std::sync::OnceLock<Vec<u16>> = std::sync::OnceLock::new();
    CODES.get_or_init(|| {
        let mut code = vec![0u16; 0x10000];
        for (i, c) in chars().iter().enumerate() {
            if let Some(slot) = code.get_mut(*c as usize) {
                *slot = (FIRST as usize + i) as u16;
            }
        }
        code
    })
}

/// Append `text` to `out` with every table character replaced by its code and
/// every character of the code range escaped.
pub fn encode_into(out: &mut String, text: &str) {
    let code = codes();
    for c in text.chars() {
        let n = c as u32;
        match code.get(n as usize) {
            Some(&k) if k != 0 => out.extend(char::from_u32(u32::from(k))),
            _ if (FIRST..END).contains(&n) => {
                out.push(ESCAPE);
                out.push(c);
            }
            _ => out.push(c),
        }
    }
}

pub fn encode(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    encode_into(&mut out, text);
    out
}

/// The inverse of [`encode`], as `search.js` does it (tests read the files with it).
pub fn decode(text: &str) -> String {
    let table = chars();
    let mut out = String::with_capacity(text.len() * 3 / 2);
    let mut escaped = false;
    for c in text.chars() {
        let n = c as u32;
        if escaped {
            out.push(c);
            escaped = false;
        } else if c == ESCAPE {
            escaped = true;
        } else if (FIRST..END).contains(&n) {
            out.push(table.get((n - FIRST) as usize).copied().unwrap_or(c));
        } else {
            out.push(c);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn round_trip_keeps_every_character_and_shrinks_chinese() {
        let text = "客户服务的客户，售后服务是企业的生命线。ǎ ω Ж é 😀 \"quoted\" 客户\u{2028}\u{7FF}\u{100}龘";
        let enc = encode(text);
        assert!(enc.len() < text.len());
        assert!(!enc.contains('客') && !enc.contains('，'));
        assert!(enc.contains('龘') && enc.contains('é'), "rare and Latin-1 characters stay as they are");
        assert_eq!(decode(&enc), text);
    }

    #[test]
    fn the_table_fills_the_code_range_with_distinct_common_characters() {
        let t = chars();
        assert_eq!(t.len(), (ESCAPE as u32 - FIRST) as usize);
        let distinct: std::collections::BTreeSet<&char> = t.iter().collect();
        assert_eq!(distinct.len(), t.len());
        assert!(t.iter().all(|&c| c as u32 >= END && (c as u32) < 0x10000), "no code-range or astral character");
        for c in ['的', '客', '户', '服', '务', '。'] {
            assert!(t.contains(&c), "{c}");
        }
    }
}
