//! Facts about Chinese characters that several steps read: which are
//! traditional-only or simplified-only, from OpenCC's tables as shipped by
//! `hanconv`, in the dense form the lint's hot loop needs; the search folds
//! traditional-only characters to simplified with the same table.

use std::collections::HashMap;
use std::sync::OnceLock;

/// OpenCC's character tables (via hanconv): traditional-only and
/// simplified-only characters, each with its counterpart.
pub struct Tables {
    /// Traditional character → its one simplified form (ambiguous ones left out).
    trad: CharMap,
    /// Simplified character → its first traditional form.
    simp: CharMap,
}

impl Tables {
    /// Is `c` a traditional-only character? (The hot loop's question.)
    pub fn is_traditional(&self, c: char) -> bool {
        self.trad.has(c)
    }
    /// Is `c` a simplified-only character?
    pub fn is_simplified(&self, c: char) -> bool {
        self.simp.has(c)
    }
    /// The simplified form of a traditional-only character.
    pub fn trad_only(&self, c: char) -> Option<char> {
        self.trad.get(c)
    }
    /// The traditional form of a simplified-only character.
    pub fn simp_only(&self, c: char) -> Option<char> {
        self.simp.get(c)
    }
}

/// char → char as a dense array over the planes Han characters live in: two
/// lookups per character of every page, and a hashed map made them 0.4 s of a
/// 10,000-page build.
///
/// The hot loop asks only whether a character is in the map: a bit per
/// character (32 KB) answers that from the cache, the 1 MB table only when a
/// finding is written.
struct CharMap {
    table: Vec<u32>,
    present: Vec<u64>,
}

impl CharMap {
    const END: usize = 0x40000;

    fn new(pairs: impl IntoIterator<Item = (char, char)>) -> CharMap {
        let mut table = vec![0u32; Self::END];
        let mut present = vec![0u64; Self::END / 64];
        for (k, v) in pairs {
            if let Some(slot) = table.get_mut(k as usize) {
                *slot = v as u32;
                present[k as usize / 64] |= 1 << (k as usize % 64);
            }
        }
        CharMap { table, present }
    }

    fn has(&self, c: char) -> bool {
        self.present.get(c as usize / 64).is_some_and(|bits| bits & (1 << (c as usize % 64)) != 0)
    }

    fn get(&self, c: char) -> Option<char> {
        self.table.get(c as usize).filter(|v| **v != 0).and_then(|v| char::from_u32(*v))
    }
}

fn single(s: &str) -> Option<char> {
    let mut it = s.chars();
    let c = it.next()?;
    it.next().is_none().then_some(c)
}

/// Every traditional-only character and its simplified form, in code point
/// order: the search's fold table (the browser gets it in the index).
pub fn traditional_pairs() -> &'static [(char, char)] {
    static PAIRS: OnceLock<Vec<(char, char)>> = OnceLock::new();
    PAIRS.get_or_init(|| {
        let t = tables();
        let chars = (0..CharMap::END as u32).filter_map(char::from_u32);
        chars.filter(|&c| t.is_traditional(c)).filter_map(|c| Some((c, t.trad_only(c)?))).collect()
    })
}

pub fn tables() -> &'static Tables {
    static TABLES: OnceLock<Tables> = OnceLock::new();
    TABLES.get_or_init(|| {
        use hanconv::RawDictionary::{STCharacters, TSCharacters};
        // key → all values, per table.
        let read = |dict: hanconv::RawDictionary| -> HashMap<char, Vec<char>> {
            dict.var_iter()
                .filter_map(|(k, vs)| Some((single(k)?, vs.iter().filter_map(|v| single(v)).collect())))
                .collect()
        };
        let ts = read(TSCharacters);
        let st = read(STCharacters);
        // Traditional-only: converts to something else, and is not itself a
        // simplified character (後 yes; 乾, 著, 干 no: they are also simplified).
        let trad = CharMap::new(
            ts.iter()
                .filter(|(k, vs)| vs.first().is_some_and(|v| v != *k) && !st.contains_key(k))
                .filter_map(|(k, vs)| Some((*k, *vs.first()?))),
        );
        let simp = CharMap::new(
            st.iter()
                .filter(|(k, vs)| vs.first().is_some_and(|v| v != *k) && !ts.contains_key(k))
                .filter_map(|(k, vs)| Some((*k, *vs.first()?))),
        );
        Tables { trad, simp }
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tables_come_from_opencc() {
        let t = tables();
        assert_eq!(t.trad_only('戶'), Some('户'));
        assert_eq!(t.trad_only('務'), Some('务'));
        assert_eq!(t.simp_only('户'), Some('戶'));
        // Characters that are also simplified are never "traditional".
        for c in ['干', '后', '着', '客', '服'] {
            assert_eq!(t.trad_only(c), None, "{c}");
        }
    }
}
