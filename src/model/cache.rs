//! What the model keeps between the builds of a `serve` session: each page as
//! `page::from_source` made it, and each page's student-edition text, keyed by
//! the source they were made from. A save re-derives the page it touched; the
//! other pages are copies.

use super::glossary::GlossaryCache;
use super::Page;
use crate::diag::Diagnostic;
use crate::fingerprint::hash_of;
use crate::load::SourcePage;
use std::collections::HashMap;

/// A page made of a source, and what making it said.
pub type Made = (Option<Page>, Vec<Diagnostic>);

#[derive(Debug, Default)]
pub struct ModelCache {
    /// The parsed glossary (see [`GlossaryCache`]).
    pub glossary: GlossaryCache,
    /// Key of the source (see [`page_key`]) → the page made of it.
    pages: HashMap<u64, Made>,
    /// Each text's student edition (see `profile::StudentTexts`).
    pub student: crate::profile::StudentTexts,
}

/// Everything `from_source` reads. The text's hash covers the front matter:
/// it is parsed from the text, and no rewrite of the body touches it.
pub fn page_key(src: &SourcePage, is_index: bool, period: u32) -> u64 {
    hash_of(&(&src.text, &src.rel, &src.display, src.body_offset, src.body_line, is_index, period))
}

impl ModelCache {
    /// The page made last time from the source keyed `key` (taken: what
    /// this build uses it gives back with [`ModelCache::keep`]).
    pub fn reuse(&mut self, key: u64) -> Option<Made> {
        self.pages.remove(&key)
    }

    /// Keep this build's pages (by key) for the next: the rest are dropped.
    pub fn keep(&mut self, pages: HashMap<u64, Made>) {
        self.pages = pages;
        // Bounded by what was ever edited in the session: cleared now and then.
        self.student.bound(2 * self.pages.len() + 64);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_source_keeps_its_page_until_its_text_or_place_changes() {
        let src = |text: &str, rel: &str| SourcePage {
            rel: rel.into(),
            display: rel.into(),
            text: text.into(),
            front: Default::default(),
            format: crate::load::frontmatter::Format::None,
            body_offset: 0,
            body_line: 1,
            lines: Default::default(),
            fragments: Vec::new(),
        };
        let a = page_key(&src("# 甲\n", "a.md"), false, 45);
        assert_eq!(a, page_key(&src("# 甲\n", "a.md"), false, 45));
        for other in [
            page_key(&src("# 乙\n", "a.md"), false, 45),
            page_key(&src("# 甲\n", "b.md"), false, 45),
            page_key(&src("# 甲\n", "a.md"), true, 45),
            page_key(&src("# 甲\n", "a.md"), false, 40),
        ] {
            assert_ne!(a, other);
        }
        let mut cache = ModelCache::default();
        cache.keep(HashMap::from([(a, (None, Vec::new()))]));
        assert!(cache.reuse(a).is_some());
        assert!(cache.reuse(a).is_none(), "taken by the build that uses it");
    }
}
