//! Where a search document's head and text live between builds. They are
//! nine tenths of what the build cache holds (26 of 32 MB at 10,000 pages),
//! and a build after a one-page edit needs only the few its changed search
//! files are made of: decoding them all into strings at restore and encoding
//! them all again at save was a third of such a build. So the cache keeps
//! them in a file of their own (see `store`), read back whole as one block of
//! bytes, and a build appends what it made instead of writing it all again;
//! a document holds where its bytes are ([`Chars::Filed`]).

use super::parts::DocPart;
use std::sync::Arc;

/// A document's head or text: made by this build, or in the text file.
#[derive(Debug, Clone, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
pub enum Chars {
    Here(String),
    Filed { at: u64, len: u32 },
}

impl Default for Chars {
    fn default() -> Self {
        Chars::Here(String::new())
    }
}

impl Chars {
    /// The characters, from `file` (the text file as read) when filed there.
    pub fn get<'a>(&'a self, file: &'a [u8]) -> &'a str {
        match self {
            Chars::Here(s) => s,
            Chars::Filed { .. } => {
                let text = self.range().and_then(|r| file.get(r)).and_then(|b| std::str::from_utf8(b).ok());
                // Bounds were checked at restore and the file's hash matched
                // the one saved with the offsets: a miss is a bug of ours.
                debug_assert!(text.is_some(), "filed text out of its file");
                text.unwrap_or_default()
            }
        }
    }

    fn len(&self) -> usize {
        match self {
            Chars::Here(s) => s.len(),
            Chars::Filed { len, .. } => *len as usize,
        }
    }

    fn range(&self) -> Option<std::ops::Range<usize>> {
        let Chars::Filed { at, len } = self else { return None };
        let at = usize::try_from(*at).ok()?;
        Some(at..at.checked_add(*len as usize)?)
    }

    /// Whether these characters can be read from a file of `size` bytes.
    pub fn fits(&self, size: usize) -> bool {
        match self {
            Chars::Here(_) => true,
            Chars::Filed { .. } => self.range().is_some_and(|r| r.end <= size),
        }
    }
}

/// What a save writes to the text file.
#[derive(Debug, PartialEq, Eq)]
pub enum Filing {
    /// These bytes go after the file's, which stay where they are.
    Append(Vec<u8>),
    /// These bytes are the whole new file: the first save, or one that finds
    /// more than half of the file no longer read by any document.
    Replace(Vec<u8>),
}

/// File every document of `parts` whose head or text this build made: each
/// then points at its place in the text file, `file` (as read at restore;
/// empty for a clean build) followed by what the returned [`Filing`] says.
pub fn file_all<'a>(parts: impl Iterator<Item = &'a mut Arc<DocPart>>, file: &[u8]) -> Filing {
    let mut parts: Vec<&mut Arc<DocPart>> = parts.collect();
    let live: usize = parts.iter().map(|p| p.head.len() + p.text.len()).sum();
    let made: usize =
        parts.iter().flat_map(|p| [&p.head, &p.text]).filter(|c| matches!(c, Chars::Here(_))).map(Chars::len).sum();
    let replace = file.is_empty() || live * 2 < file.len() + made;
    let (base, mut out) = if replace { (0, Vec::with_capacity(live)) } else { (file.len(), Vec::with_capacity(made)) };
    for part in &mut parts {
        let needs = |c: &Chars| replace || matches!(c, Chars::Here(_));
        if !needs(&part.head) && !needs(&part.text) {
            continue;
        }
        let part = Arc::make_mut(part);
        for chars in [&mut part.head, &mut part.text] {
            if needs(chars) {
                let text = chars.get(file);
                let at = (base + out.len()) as u64;
                out.extend_from_slice(text.as_bytes());
                *chars = Chars::Filed { at, len: text.len() as u32 };
            }
        }
    }
    if replace {
        Filing::Replace(out)
    } else {
        Filing::Append(out)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn part(head: &str, text: &str) -> Arc<DocPart> {
        let mut part = DocPart::default();
        part.head = Chars::Here(head.into());
        part.text = Chars::Here(text.into());
        Arc::new(part)
    }

    fn read(parts: &[Arc<DocPart>], file: &[u8]) -> Vec<(String, String)> {
        parts.iter().map(|p| (p.head.get(file).to_string(), p.text.get(file).to_string())).collect()
    }

    /// File the parts as a save does, and give the file the next build reads.
    fn save(parts: &mut [Arc<DocPart>], file: &[u8]) -> (Vec<u8>, bool) {
        match file_all(parts.iter_mut(), file) {
            Filing::Append(more) => ([file, &more[..]].concat(), false),
            Filing::Replace(all) => (all, true),
        }
    }

    #[test]
    fn filed_documents_read_back_the_same_through_appends_and_replacements() {
        let mut parts: Vec<Arc<DocPart>> =
            (0..6).map(|i| part(&format!("[\"第{i}页\"]"), &"客户".repeat(i + 1))).collect();
        let expected = read(&parts, &[]);
        let (file, replaced) = save(&mut parts, &[]);
        assert!(replaced, "the first save writes the whole file");
        assert!(parts.iter().all(|p| matches!(p.text, Chars::Filed { .. })));
        assert_eq!(read(&parts, &file), expected);
        // One document changed: only its bytes are added.
        let mut expected = expected;
        parts[2] = part("[\"改\"]", "新的正文");
        expected[2] = ("[\"改\"]".into(), "新的正文".into());
        let (next, replaced) = save(&mut parts, &file);
        assert!(!replaced);
        assert_eq!(next.len(), file.len() + "[\"改\"]新的正文".len());
        assert_eq!(read(&parts, &next), expected);
        // Most documents changed: the file is written anew, with no dead bytes.
        for (i, p) in parts.iter_mut().enumerate().skip(1) {
            *p = part("[]", &format!("第{i}次"));
            expected[i] = ("[]".into(), format!("第{i}次"));
        }
        let (last, replaced) = save(&mut parts, &next);
        assert!(replaced);
        let live: usize = expected.iter().map(|(h, t)| h.len() + t.len()).sum();
        assert_eq!(last.len(), live);
        assert_eq!(read(&parts, &last), expected);
    }

    #[test]
    fn only_ranges_inside_the_file_fit() {
        assert!(Chars::Filed { at: 2, len: 3 }.fits(5));
        assert!(!Chars::Filed { at: 3, len: 3 }.fits(5));
        assert!(!Chars::Filed { at: u64::MAX, len: 3 }.fits(5));
        assert!(Chars::Here("x".into()).fits(0));
    }
}
