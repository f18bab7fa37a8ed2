//! A compact spelling of `search-index.js`. Chinese characters take three bytes
//! in UTF-8, and gzip's byte-level model never learns that those three bytes are
//! one symbol. The index's commonest characters are respelt as code points
//! U+0100–U+07FF (two bytes each), most frequent first, and the table ships in
//! the file for `search.js` to undo on load. Measured with gzip -9: −13 % on the
//! real course text of the seeds, −16 % on `gen_corpus` (docs/search.md).
//!
//! Every character the text itself has in U+0100–U+07FF (ǎ, Greek, Cyrillic…)
//! is put in the table too, so each code point of that range in the encoded text
//! means exactly one table entry and decoding needs no escapes.

/// The first code point used as a code; codes run below [`END`] (two-byte UTF-8).
pub const FIRST: u32 = 0x100;
pub const END: u32 = 0x800;
/// How many characters fit: every code point of the two-byte range from [`FIRST`].
pub const SLOTS: usize = (END - FIRST) as usize;

/// The characters to respell, position `i` ↔ code `FIRST + i`, and the reverse
/// lookup for encoding.
pub struct Table {
    chars: Vec<char>,
    code: Vec<u16>,
}

impl Table {
    /// The table for some texts: their BMP characters from [`FIRST`] up, by
    /// frequency, ties by code point (deterministic). Astral characters stay as
    /// they are.
    pub fn of<'a>(texts: impl IntoIterator<Item = &'a str>) -> Table {
        let mut counts = vec![0u32; 0x10000];
        for text in texts {
            for c in text.chars() {
                let n = c as u32;
                if (FIRST..0x10000).contains(&n) {
                    counts[n as usize] += 1;
                }
            }
        }
        let mut present: Vec<(u32, u32)> =
            counts.iter().enumerate().filter(|(_, n)| **n > 0).map(|(c, n)| (c as u32, *n)).collect();
        present.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
        // Characters already in the code range must be in the table, whatever their count.
        let in_range = present.iter().filter(|(c, _)| *c < END).count();
        let mut room = SLOTS - in_range;
        let mut chars = Vec::new();
        for (c, _) in present {
            let taken = c < END || room > 0;
            if c >= END && room > 0 {
                room -= 1;
            }
            if taken {
                chars.extend(char::from_u32(c));
            }
        }
        let mut code = vec![0u16; 0x10000];
        for (i, c) in chars.iter().enumerate() {
            code[*c as usize] = (FIRST as usize + i) as u16;
        }
        Table { chars, code }
    }

    pub fn chars(&self) -> &[char] {
        &self.chars
    }

    /// Append `text` to `out` with every table character replaced by its code.
    pub fn encode_into(&self, out: &mut String, text: &str) {
        out.extend(text.chars().map(|c| match self.code.get(c as usize) {
            Some(&k) if k != 0 => char::from_u32(u32::from(k)).unwrap_or(c),
            _ => c,
        }));
    }

    pub fn encode(&self, text: &str) -> String {
        let mut out = String::with_capacity(text.len());
        self.encode_into(&mut out, text);
        out
    }
}

/// The inverse of [`Table::encode`] given the table's characters, as `search.js`
/// does it (tests read the index with it).
pub fn decode(text: &str, table: &[char]) -> String {
    text.chars()
        .map(|c| {
            let n = c as u32;
            if (FIRST..END).contains(&n) {
                table.get((n - FIRST) as usize).copied().unwrap_or(c)
            } else {
                c
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn round_trip_keeps_every_character_and_shrinks_chinese() {
        let text = "客户服务的客户，ǎ ω Ж é 😀 \"quoted\" 客户\u{2028}";
        let table = Table::of([text]);
        let t = table.chars();
        assert_eq!(t[0], '客', "most frequent first");
        for c in ['ǎ', 'ω', 'Ж'] {
            assert!(t.contains(&c), "{c} is in the code range, so it must be in the table");
        }
        assert!(!t.contains(&'é') && !t.contains(&'😀'), "Latin-1 and astral characters stay");
        let enc = table.encode(text);
        assert!(enc.len() < text.len());
        assert!(!enc.contains('客'));
        assert_eq!(decode(&enc, t), text);
    }

    #[test]
    fn a_text_with_more_characters_than_slots_keeps_the_commonest() {
        let mut text = String::new();
        for (i, c) in ('\u{4E00}'..='\u{9FFF}').take(SLOTS + 500).enumerate() {
            for _ in 0..(1 + i % 7) {
                text.push(c);
            }
        }
        text.push_str("αβγ");
        let table = Table::of([text.as_str()]);
        let t = table.chars();
        assert_eq!(t.len(), SLOTS);
        assert!(t.contains(&'α') && t.contains(&'γ'));
        assert_eq!(decode(&table.encode(&text), t), text);
    }

    #[test]
    fn the_table_is_deterministic() {
        // Counted over several texts together.
        assert_eq!(Table::of(["乙甲", "乙甲丙"]).chars(), ['乙', '甲', '丙']);
    }
}
