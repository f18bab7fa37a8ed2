//! OOXML packages (.docx, .pptx): a zip of XML parts, read with `zip` and
//! `quick-xml` into a small element tree that the importers walk, and written
//! back from in-memory parts by the exporter. Everything is read into memory
//! first (teaching documents are small), with caps so a zip bomb cannot eat it.

use quick_xml::events::Event;
use std::collections::BTreeMap;
use std::io::{Cursor, Read, Write};

/// A part larger than this (uncompressed) is refused: no lesson plan needs it.
const MAX_PART: u64 = 64 * 1024 * 1024;
/// And the package as a whole.
const MAX_TOTAL: u64 = 256 * 1024 * 1024;

/// The OLE compound-file signature: old binary .doc/.ppt, and what Office
/// wraps a password-protected .docx/.pptx in.
const OLE: [u8; 8] = [0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1];

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    Docx,
    Pptx,
}

/// Every part of a package, by its name inside the zip.
#[derive(Debug, Default)]
pub struct Package {
    parts: BTreeMap<String, Vec<u8>>,
}

impl Package {
    /// Read a package from the bytes of a file. The error says what is wrong
    /// in words a teacher understands; the caller adds the file name.
    pub fn open(bytes: &[u8]) -> Result<Package, crate::messages::Msg> {
        if bytes.starts_with(&OLE) {
            return Err(msg!("ooxml_old_format"));
        }
        if !bytes.starts_with(b"PK") {
            return Err(msg!("ooxml_not_zip"));
        }
        let corrupt = |e: zip::result::ZipError| msg!("ooxml_corrupt_zip", error = e);
        let mut zip = zip::ZipArchive::new(Cursor::new(bytes)).map_err(corrupt)?;
        let mut parts = BTreeMap::new();
        let mut total = 0u64;
        for i in 0..zip.len() {
            let mut entry = match zip.by_index(i) {
                Ok(e) => e,
                Err(zip::result::ZipError::UnsupportedArchive(m)) if m == zip::result::ZipError::PASSWORD_REQUIRED => {
                    return Err(msg!("ooxml_password"))
                }
                Err(e) => return Err(corrupt(e)),
            };
            if entry.is_dir() {
                continue;
            }
            let name = entry.name().map_err(corrupt)?.trim_start_matches('/').to_string();
            if entry.size() > MAX_PART {
                return Err(msg!("ooxml_part_too_big", name, mb = MAX_PART / 1024 / 1024));
            }
            total += entry.size();
            if total > MAX_TOTAL {
                return Err(msg!("ooxml_too_big", mb = MAX_TOTAL / 1024 / 1024));
            }
            let mut data = Vec::new();
            entry
                .by_ref()
                .take(MAX_PART + 1)
                .read_to_end(&mut data)
                .map_err(|e| msg!("ooxml_corrupt_part", name = &name, error = e))?;
            parts.insert(name, data);
        }
        let pkg = Package { parts };
        if pkg.kind().is_none() {
            return Err(msg!("ooxml_not_office"));
        }
        Ok(pkg)
    }

    pub fn kind(&self) -> Option<Kind> {
        if self.parts.contains_key("word/document.xml") {
            Some(Kind::Docx)
        } else if self.parts.contains_key("ppt/presentation.xml") {
            Some(Kind::Pptx)
        } else {
            None
        }
    }

    pub fn bytes(&self, name: &str) -> Option<&[u8]> {
        self.parts.get(name).map(Vec::as_slice)
    }

    /// Parse a part as XML; `Ok(None)` when the part is absent.
    pub fn xml(&self, name: &str) -> Result<Option<Element>, crate::messages::Msg> {
        let Some(bytes) = self.bytes(name) else {
            return Ok(None);
        };
        let text = std::str::from_utf8(bytes).map_err(|_| msg!("ooxml_not_utf8", name))?;
        // The XML reader's own words are the detail: a teacher fixes this by re-saving.
        parse_xml(text).map(Some).map_err(|error| msg!("ooxml_corrupt_part", name, error))
    }

    /// The relationships of a part (`word/document.xml` → `word/_rels/document.xml.rels`):
    /// id → target, resolved to a part name unless external.
    pub fn rels(&self, part: &str) -> Result<BTreeMap<String, Rel>, crate::messages::Msg> {
        let (dir, file) = part.rsplit_once('/').unwrap_or(("", part));
        let rels_name = if dir.is_empty() { format!("_rels/{file}.rels") } else { format!("{dir}/_rels/{file}.rels") };
        let mut out = BTreeMap::new();
        let Some(root) = self.xml(&rels_name)? else {
            return Ok(out);
        };
        for rel in root.all("Relationship") {
            let (Some(id), Some(target)) = (rel.attr("Id"), rel.attr("Target")) else {
                continue;
            };
            let external = rel.attr("TargetMode") == Some("External");
            let target = if external { target.to_string() } else { resolve(dir, target) };
            out.insert(id.to_string(), Rel { target, external, kind: rel.attr("Type").unwrap_or("").to_string() });
        }
        Ok(out)
    }
}

#[derive(Debug, Clone)]
pub struct Rel {
    pub target: String,
    pub external: bool,
    /// The relationship type URI (…/image, …/notesSlide, …).
    pub kind: String,
}

/// `word` + `media/image1.png` → `word/media/image1.png`; `../media/x.png` from `ppt/slides`.
fn resolve(dir: &str, target: &str) -> String {
    if let Some(abs) = target.strip_prefix('/') {
        return abs.to_string();
    }
    let mut parts: Vec<&str> = dir.split('/').filter(|s| !s.is_empty()).collect();
    for seg in target.split('/') {
        match seg {
            ".." => {
                parts.pop();
            }
            "." | "" => {}
            s => parts.push(s),
        }
    }
    parts.join("/")
}

/// An XML element with local names (prefixes dropped: Word and PowerPoint
/// always use the same ones, and strict OOXML changes only the namespaces).
#[derive(Debug, Clone, Default)]
pub struct Element {
    pub name: String,
    pub attrs: Vec<(String, String)>,
    pub children: Vec<Node>,
}

#[derive(Debug, Clone)]
pub enum Node {
    Element(Element),
    Text(String),
}

impl Element {
    pub fn attr(&self, local: &str) -> Option<&str> {
        self.attrs.iter().find(|(k, _)| k == local).map(|(_, v)| v.as_str())
    }

    pub fn elements(&self) -> impl Iterator<Item = &Element> {
        self.children.iter().filter_map(|n| match n {
            Node::Element(e) => Some(e),
            Node::Text(_) => None,
        })
    }

    pub fn child(&self, name: &str) -> Option<&Element> {
        self.elements().find(|e| e.name == name)
    }

    /// A chain of children: `p.path(&["pPr", "pStyle"])`.
    pub fn path(&self, names: &[&str]) -> Option<&Element> {
        names.iter().try_fold(self, |e, n| e.child(n))
    }

    /// Every descendant element with this name, in document order.
    pub fn all(&self, name: &str) -> Vec<&Element> {
        let mut out = Vec::new();
        self.collect(name, &mut out);
        out
    }

    fn collect<'a>(&'a self, name: &str, out: &mut Vec<&'a Element>) {
        for e in self.elements() {
            if e.name == name {
                out.push(e);
            }
            e.collect(name, out);
        }
    }

    /// All text below this element, concatenated.
    pub fn text(&self) -> String {
        let mut out = String::new();
        for n in &self.children {
            match n {
                Node::Text(t) => out.push_str(t),
                Node::Element(e) => out.push_str(&e.text()),
            }
        }
        out
    }
}

fn local(name: &str) -> &str {
    name.rsplit_once(':').map_or(name, |(_, l)| l)
}

/// Parse XML text into its root element. Depth is bounded so hostile input
/// cannot overflow the stack of the walkers.
pub fn parse_xml(text: &str) -> Result<Element, String> {
    const MAX_DEPTH: usize = 256;
    let mut reader = quick_xml::Reader::from_str(text);
    let mut stack: Vec<Element> = vec![Element::default()];
    loop {
        let event = reader.read_event().map_err(|e| format!("malformed XML: {e}"))?;
        match event {
            Event::Start(e) | Event::Empty(e) if stack.len() > MAX_DEPTH => {
                return Err(format!("XML nested deeper than {MAX_DEPTH} levels at <{}>", e.name().as_ref()));
            }
            Event::Start(e) => stack.push(element(&e)?),
            Event::Empty(e) => {
                let el = element(&e)?;
                if let Some(parent) = stack.last_mut() {
                    parent.children.push(Node::Element(el));
                }
            }
            Event::End(_) => {
                let done = stack.pop().ok_or("unbalanced end tag")?;
                match stack.last_mut() {
                    Some(parent) => parent.children.push(Node::Element(done)),
                    None => return Err("unbalanced end tag".into()),
                }
            }
            Event::Text(t) => push_text(&mut stack, &t.xml10_content()),
            Event::CData(t) => push_text(&mut stack, &t.into_inner()),
            Event::GeneralRef(r) => {
                let name = r.xml10_content();
                let resolved = if r.is_char_ref() {
                    r.resolve_char_ref().ok().flatten().map(String::from)
                } else {
                    quick_xml::escape::resolve_predefined_entity(&name).map(String::from)
                };
                push_text(&mut stack, &resolved.unwrap_or_else(|| format!("&{name};")));
            }
            Event::Eof => break,
            _ => {}
        }
    }
    if stack.len() != 1 {
        return Err("unexpected end of XML (an element is never closed)".into());
    }
    let doc = stack.pop().unwrap_or_default();
    let root = doc.children.into_iter().find_map(|n| match n {
        Node::Element(e) => Some(e),
        Node::Text(_) => None,
    });
    root.ok_or_else(|| "no root element".to_string())
}

fn push_text(stack: &mut [Element], text: &str) {
    if let Some(parent) = stack.last_mut() {
        if let Some(Node::Text(prev)) = parent.children.last_mut() {
            prev.push_str(text);
        } else {
            parent.children.push(Node::Text(text.to_string()));
        }
    }
}

fn element(e: &quick_xml::events::BytesStart) -> Result<Element, String> {
    let mut attrs = Vec::new();
    for a in e.attributes() {
        let a = a.map_err(|e| format!("malformed attribute: {e}"))?;
        let value =
            a.normalized_value(quick_xml::XmlVersion::Implicit1_0).map_err(|e| format!("malformed attribute: {e}"))?;
        attrs.push((local(a.key.as_ref()).to_string(), value.into_owned()));
    }
    Ok(Element { name: local(e.name().as_ref()).to_string(), attrs, children: Vec::new() })
}

/// Escape text for XML content and attribute values.
pub fn esc(s: &str) -> String {
    // Control characters other than tab and newline are not allowed in XML 1.0.
    let clean: String = s.chars().filter(|c| !c.is_control() || *c == '\t' || *c == '\n').collect();
    quick_xml::escape::escape(clean.as_str()).into_owned()
}

/// Zip parts into a package. `[Content_Types].xml` goes first, as Office expects.
pub fn write_package(parts: &[(String, Vec<u8>)]) -> Result<Vec<u8>, String> {
    let mut zip = zip::ZipWriter::new(Cursor::new(Vec::new()));
    let options = zip::write::SimpleFileOptions::default().compression_method(zip::CompressionMethod::Deflated);
    let mut ordered: Vec<&(String, Vec<u8>)> = parts.iter().collect();
    ordered.sort_by_key(|(name, _)| name != "[Content_Types].xml");
    for (name, data) in ordered {
        zip.start_file(name.as_str(), options).map_err(|e| format!("cannot write {name}: {e}"))?;
        zip.write_all(data).map_err(|e| format!("cannot write {name}: {e}"))?;
    }
    let cursor = zip.finish().map_err(|e| format!("cannot finish the zip: {e}"))?;
    Ok(cursor.into_inner())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_text_entities_and_local_names() {
        let root = parse_xml(r#"<?xml version="1.0"?><w:document xmlns:w="x"><w:p w:val="a&amp;b"><w:t>A &lt; B&#x4e2d;</w:t></w:p></w:document>"#).unwrap();
        assert_eq!(root.name, "document");
        let p = root.child("p").unwrap();
        assert_eq!(p.attr("val"), Some("a&b"));
        assert_eq!(p.text(), "A < B中");
    }

    #[test]
    fn malformed_xml_is_an_error_not_a_panic() {
        for bad in ["<a><b></a>", "<a>", "", "<a x='1></a>"] {
            assert!(parse_xml(bad).is_err(), "{bad}");
        }
        let deep = "<a>".repeat(1000) + &"</a>".repeat(1000);
        assert!(parse_xml(&deep).is_err());
    }

    #[test]
    fn open_names_what_is_wrong() {
        assert!(Package::open(&OLE).unwrap_err().en().contains("password-protected or old"));
        assert!(Package::open(b"hello").unwrap_err().en().contains("not a zip"));
        assert!(Package::open(b"PK\x03\x04garbage").unwrap_err().en().contains("corrupt"));
        let zip = write_package(&[("a.txt".into(), b"x".to_vec())]).unwrap();
        assert!(Package::open(&zip).unwrap_err().en().contains("not a Word or PowerPoint"));
        let docx = write_package(&[("word/document.xml".into(), b"<d/>".to_vec())]).unwrap();
        assert_eq!(Package::open(&docx).unwrap().kind(), Some(Kind::Docx));
    }

    #[test]
    fn resolves_relative_targets() {
        assert_eq!(resolve("word", "media/a.png"), "word/media/a.png");
        assert_eq!(resolve("ppt/slides", "../media/a.png"), "ppt/media/a.png");
        assert_eq!(resolve("ppt/slides", "/ppt/x.xml"), "ppt/x.xml");
    }
}
