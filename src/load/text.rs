//! A page's text as every later step holds it: shared, not copied, and hashed
//! once, when it is read.

use std::hash::{Hash, Hasher};
use std::sync::Arc;

/// A page's whole text and its [`hash_of`](crate::fingerprint::hash_of),
/// made together so they cannot disagree. `serve` keeps every page between
/// builds and hands the same text to each rebuild; the caches of lint, render
/// and search key pages by their text, and hashing a `PageText` feeds in the
/// stored 64-bit hash instead of the text again.
#[derive(Clone)]
pub struct PageText {
    text: Arc<str>,
    hash: u64,
}

impl PageText {
    pub fn new(text: &str) -> PageText {
        PageText { text: text.into(), hash: crate::fingerprint::hash_of(text) }
    }
}

impl From<String> for PageText {
    fn from(text: String) -> PageText {
        PageText::new(&text)
    }
}

impl From<&str> for PageText {
    fn from(text: &str) -> PageText {
        PageText::new(text)
    }
}

impl Default for PageText {
    fn default() -> PageText {
        PageText::new("")
    }
}

impl std::ops::Deref for PageText {
    type Target = str;
    fn deref(&self) -> &str {
        &self.text
    }
}

impl AsRef<str> for PageText {
    fn as_ref(&self) -> &str {
        &self.text
    }
}

impl Hash for PageText {
    fn hash<H: Hasher>(&self, state: &mut H) {
        state.write_u64(self.hash);
    }
}

impl PartialEq for PageText {
    fn eq(&self, other: &PageText) -> bool {
        Arc::ptr_eq(&self.text, &other.text) || (self.hash == other.hash && self.text == other.text)
    }
}

impl Eq for PageText {}

impl std::fmt::Debug for PageText {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        std::fmt::Debug::fmt(&*self.text, f)
    }
}

impl std::fmt::Display for PageText {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.text)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::fingerprint::hash_of;

    #[test]
    fn a_texts_key_changes_with_its_text_and_only_with_it() {
        let (a, b) = (PageText::new("# 甲\n"), PageText::new("# 乙\n"));
        assert_ne!(hash_of(&a), hash_of(&b));
        assert_eq!(hash_of(&a), hash_of(&PageText::from(String::from("# 甲\n"))));
        assert_eq!(&*a, "# 甲\n");
        assert_eq!(a, a.clone());
    }
}
