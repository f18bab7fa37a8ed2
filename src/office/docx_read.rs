//! Reading a Word document's body into [`Para`]s and tables: the style, list
//! numbering and formatting of each paragraph, with its runs already turned
//! into inline Markdown (bold, italic, links, footnote references, images).
//! What a paragraph *means* (a 教案 field, a step, a heading) is decided in
//! `lesson.rs`; this file only reads.

use super::emit::escape;
use super::ooxml::{Element, Package, Rel};
use std::collections::BTreeMap;

/// One Word paragraph.
#[derive(Debug, Clone, Default)]
pub struct Para {
    /// Style name, lower-cased (`heading 2`, `list paragraph`, `cscallout`).
    pub style: String,
    /// From a heading style or an outline level: 1 = Heading 1.
    pub heading: Option<u8>,
    /// List membership: level and whether the list is a bullet list (with its glyph).
    pub list: Option<ListInfo>,
    /// Inline Markdown.
    pub md: String,
    /// Plain text, for recognising labels and numbering.
    pub text: String,
    pub hidden: bool,
    /// Things we could not convert, to mark for review.
    pub unknown: Vec<String>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ListInfo {
    pub level: usize,
    /// `None` for a numbered list; the glyph for a bullet list.
    pub bullet: Option<char>,
}

#[derive(Debug, Clone)]
pub enum Item {
    P(Para),
    /// Rows → cells → paragraphs.
    Table(Vec<Vec<Vec<Para>>>),
}

/// An image found in the document, to be written next to the page.
#[derive(Debug, Clone)]
pub struct Image {
    /// Path relative to the page, as written in the Markdown.
    pub rel_path: String,
    pub bytes: Vec<u8>,
}

/// Everything read from a .docx.
#[derive(Debug, Default)]
pub struct Doc {
    pub items: Vec<Item>,
    /// Footnote definitions in order of first reference: (label, inline Markdown).
    pub footnotes: Vec<(String, String)>,
    pub images: Vec<Image>,
    pub title: Option<String>,
    pub description: Option<String>,
    /// The `coursesite` custom property: front-matter keys the form has no field for.
    pub extra: Option<String>,
}

struct Ctx<'a> {
    pkg: &'a Package,
    styles: BTreeMap<String, (String, Option<u8>)>,
    numbering: BTreeMap<String, BTreeMap<usize, Option<char>>>,
    rels: BTreeMap<String, Rel>,
    footnote_xml: BTreeMap<String, Element>,
    footnotes: Vec<(String, String)>,
    footnote_ids: BTreeMap<String, String>,
    images: Vec<Image>,
    image_names: BTreeMap<String, String>,
    /// Stem for extracted image names (`img/<stem>-1.png`).
    stem: String,
}

pub fn read(pkg: &Package, stem: &str) -> Result<Doc, String> {
    let body = pkg.xml("word/document.xml")?.ok_or("no word/document.xml")?;
    let body = body.child("body").ok_or("word/document.xml has no body")?;
    let mut ctx = Ctx {
        pkg,
        styles: styles(pkg)?,
        numbering: numbering(pkg)?,
        rels: pkg.rels("word/document.xml")?,
        footnote_xml: BTreeMap::new(),
        footnotes: Vec::new(),
        footnote_ids: BTreeMap::new(),
        images: Vec::new(),
        image_names: BTreeMap::new(),
        stem: stem.to_string(),
    };
    if let Some(f) = pkg.xml("word/footnotes.xml")? {
        for note in f.all("footnote") {
            if let Some(id) = note.attr("id") {
                ctx.footnote_xml.insert(id.to_string(), note.clone());
            }
        }
    }
    let items = block_items(body, &mut ctx);
    let (title, description) = core_props(pkg)?;
    Ok(Doc {
        items,
        footnotes: ctx.footnotes,
        images: ctx.images,
        title,
        description,
        extra: custom_prop(pkg, "coursesite")?,
    })
}

fn block_items(parent: &Element, ctx: &mut Ctx) -> Vec<Item> {
    let mut out = Vec::new();
    for e in parent.elements() {
        match e.name.as_str() {
            "p" => out.push(Item::P(paragraph(e, ctx))),
            "tbl" => out.push(Item::Table(table(e, ctx))),
            // Content controls and custom XML wrap ordinary paragraphs.
            "sdt" | "customXml" => {
                if let Some(content) = e.child("sdtContent") {
                    out.extend(block_items(content, ctx));
                } else {
                    out.extend(block_items(e, ctx));
                }
            }
            "sectPr" | "bookmarkStart" | "bookmarkEnd" | "proofErr" | "permStart" | "permEnd" => {}
            other => out.push(Item::P(Para {
                unknown: vec![format!("Word element <w:{other}> not converted")],
                ..Para::default()
            })),
        }
    }
    out
}

fn table(tbl: &Element, ctx: &mut Ctx) -> Vec<Vec<Vec<Para>>> {
    let mut rows = Vec::new();
    for tr in tbl.elements().filter(|e| e.name == "tr") {
        let mut cells = Vec::new();
        for tc in tr.elements().filter(|e| e.name == "tc") {
            let mut paras = Vec::new();
            for item in block_items(tc, ctx) {
                match item {
                    Item::P(p) => paras.push(p),
                    // A table inside a cell: its text, row by row, keeps nothing lost.
                    Item::Table(inner) => {
                        for row in inner {
                            let text: Vec<String> = row
                                .iter()
                                .map(|c| c.iter().map(|p| p.md.clone()).collect::<Vec<_>>().join(" "))
                                .collect();
                            paras.push(Para {
                                md: text.join(" / "),
                                text: text.join(" / "),
                                unknown: vec!["a table nested in a table cell was flattened".into()],
                                ..Para::default()
                            });
                        }
                    }
                }
            }
            // A merged cell (gridSpan) still counts as one column here; a
            // vertically merged continuation is an empty cell.
            cells.push(paras);
        }
        rows.push(cells);
    }
    rows
}

/// A run of text with its formatting, before Markdown markers are added.
#[derive(Debug, Clone, PartialEq)]
pub(super) struct Seg {
    pub text: String,
    pub bold: bool,
    pub italic: bool,
    pub link: Option<String>,
    /// Already Markdown (images, footnote references): never escaped or wrapped.
    pub raw: bool,
}

fn paragraph(p: &Element, ctx: &mut Ctx) -> Para {
    let mut para = Para::default();
    let ppr = p.child("pPr");
    if let Some(id) = ppr.and_then(|x| x.path(&["pStyle"])).and_then(|s| s.attr("val")) {
        let (name, level) = ctx.styles.get(id).cloned().unwrap_or_else(|| (id.to_lowercase(), heading_level(id)));
        para.style = name;
        para.heading = level;
    }
    if let Some(lvl) = ppr.and_then(|x| x.path(&["outlineLvl"])).and_then(|o| o.attr("val")) {
        if let Ok(n) = lvl.parse::<u8>() {
            if n < 9 {
                para.heading = Some(n + 1);
            }
        }
    }
    if let Some(num) = ppr.and_then(|x| x.child("numPr")) {
        let id = num.path(&["numId"]).and_then(|n| n.attr("val")).unwrap_or("0");
        let level = num.path(&["ilvl"]).and_then(|n| n.attr("val")).and_then(|v| v.parse().ok()).unwrap_or(0usize);
        // numId 0 means "no numbering" (a style's list switched off).
        if id != "0" {
            let bullet = ctx.numbering.get(id).and_then(|l| l.get(&level).copied()).unwrap_or(None);
            para.list = Some(ListInfo { level: level.min(8), bullet });
        }
    }
    para.hidden = ppr.and_then(|x| x.path(&["rPr", "vanish"])).is_some();
    let mut segs = Vec::new();
    inline(p, ctx, &mut segs, &mut para, None);
    para.text = segs.iter().filter(|s| !s.raw).map(|s| s.text.as_str()).collect();
    para.md = render(&segs);
    para
}

fn on(rpr: Option<&Element>, name: &str) -> bool {
    rpr.and_then(|r| r.child(name)).is_some_and(|b| !matches!(b.attr("val"), Some("0" | "false" | "off")))
}

fn inline(parent: &Element, ctx: &mut Ctx, segs: &mut Vec<Seg>, para: &mut Para, link: Option<&str>) {
    for e in parent.elements() {
        match e.name.as_str() {
            "r" => run(e, ctx, segs, para, link),
            "hyperlink" => {
                let target = e
                    .attr("id")
                    .and_then(|id| ctx.rels.get(id))
                    .map(|r| r.target.clone())
                    .or_else(|| e.attr("anchor").map(|a| format!("#{a}")));
                inline(e, ctx, segs, para, target.as_deref().or(link));
            }
            "ins" | "smartTag" | "fldSimple" | "customXml" | "dir" | "bdo" => inline(e, ctx, segs, para, link),
            "sdt" => {
                if let Some(c) = e.child("sdtContent") {
                    inline(c, ctx, segs, para, link);
                }
            }
            "oMath" | "oMathPara" => {
                let text = e.text();
                segs.push(Seg { text: text.clone(), bold: false, italic: false, link: None, raw: false });
                para.unknown.push(format!("an equation was imported as plain text: {text}"));
            }
            _ => {}
        }
    }
}

fn run(r: &Element, ctx: &mut Ctx, segs: &mut Vec<Seg>, para: &mut Para, link: Option<&str>) {
    let rpr = r.child("rPr");
    if on(rpr, "vanish") {
        para.hidden = true;
    }
    let bold = on(rpr, "b");
    let italic = on(rpr, "i");
    let push = |segs: &mut Vec<Seg>, text: String, raw: bool| {
        segs.push(Seg { text, bold: bold && !raw, italic: italic && !raw, link: link.map(String::from), raw });
    };
    for e in r.elements() {
        match e.name.as_str() {
            "t" => push(segs, e.text(), false),
            "tab" | "ptab" => push(segs, " ".into(), false),
            "br" | "cr" => push(segs, " ".into(), false),
            "noBreakHyphen" => push(segs, "-".into(), false),
            "footnoteReference" | "endnoteReference" => {
                if let Some(id) = e.attr("id") {
                    let label = footnote(id, ctx);
                    push(segs, format!("[^{label}]"), true);
                }
            }
            "drawing" | "pict" | "object" => {
                let blips: Vec<&Element> = e.all("blip").into_iter().chain(e.all("imagedata")).collect();
                let mut found = false;
                for blip in blips {
                    let id = blip.attr("embed").or_else(|| blip.attr("id"));
                    if let Some(md) = id.and_then(|id| image(id, e, ctx)) {
                        push(segs, md, true);
                        found = true;
                    }
                }
                // Text boxes hold paragraphs of their own.
                for tb in e.all("txbxContent") {
                    for p in tb.elements().filter(|x| x.name == "p") {
                        let inner = paragraph(p, ctx);
                        if !inner.md.is_empty() {
                            push(segs, format!(" {} ", inner.md), true);
                            found = true;
                        }
                    }
                }
                if !found {
                    para.unknown.push(format!("an embedded <{}> without a picture was not converted", e.name));
                }
            }
            "sym" => {
                if let Some(c) = e.attr("char").and_then(|c| u32::from_str_radix(c, 16).ok()).and_then(char::from_u32) {
                    push(segs, c.to_string(), false);
                }
            }
            _ => {}
        }
    }
}

fn footnote(id: &str, ctx: &mut Ctx) -> String {
    if let Some(label) = ctx.footnote_ids.get(id) {
        return label.clone();
    }
    let label = (ctx.footnotes.len() + 1).to_string();
    ctx.footnote_ids.insert(id.to_string(), label.clone());
    let text = match ctx.footnote_xml.get(id).cloned() {
        Some(note) => {
            let mut parts = Vec::new();
            for p in note.elements().filter(|e| e.name == "p") {
                let mut para = paragraph(&p.clone(), ctx);
                para.md = para.md.trim().to_string();
                if !para.md.is_empty() {
                    parts.push(para.md);
                }
            }
            parts.join(" ")
        }
        None => "<!-- coursesite import: footnote text not found; review -->".into(),
    };
    ctx.footnotes.push((label.clone(), text));
    label
}

/// Extract an image and return its Markdown.
fn image(rel_id: &str, drawing: &Element, ctx: &mut Ctx) -> Option<String> {
    let rel = ctx.rels.get(rel_id)?.clone();
    if rel.external {
        return Some(format!("![]({})", rel.target));
    }
    let doc_pr = drawing.all("docPr").into_iter().next().or_else(|| drawing.all("cNvPr").into_iter().next());
    let alt = doc_pr.and_then(|d| d.attr("descr")).unwrap_or("").to_string();
    let path = match ctx.image_names.get(&rel.target) {
        Some(p) => p.clone(),
        None => {
            let bytes = ctx.pkg.bytes(&rel.target)?.to_vec();
            let ext = rel.target.rsplit_once('.').map_or("bin", |(_, e)| e).to_lowercase();
            // An exported lesson names each picture by its path in the course.
            let original = doc_pr.and_then(|d| d.attr("name")).filter(|n| safe_rel_path(n));
            let taken = |p: &str| ctx.images.iter().any(|i| i.rel_path == p);
            let path = match original {
                Some(n) if !taken(n) => n.to_string(),
                _ => format!("img/{}-{}.{ext}", ctx.stem, ctx.images.len() + 1),
            };
            ctx.images.push(Image { rel_path: path.clone(), bytes });
            ctx.image_names.insert(rel.target.clone(), path.clone());
            path
        }
    };
    Some(format!("![{}]({})", escape(&alt), path))
}

/// `img/客户分类.svg`: relative, no `..`, has an image extension.
pub(super) fn safe_rel_path(p: &str) -> bool {
    let ext_ok = p.rsplit_once('.').is_some_and(|(_, e)| {
        matches!(e.to_lowercase().as_str(), "png" | "jpg" | "jpeg" | "gif" | "svg" | "webp" | "bmp")
    });
    ext_ok
        && !p.starts_with('/')
        && !p.contains('\\')
        && !p.contains(':')
        && p.split('/').all(|s| !s.is_empty() && s != ".." && s != ".")
}

/// Segments → inline Markdown: neighbours with the same formatting merge, so
/// Word's habit of splitting a word into many runs leaves no `****`.
pub(super) fn render(segs: &[Seg]) -> String {
    let mut merged: Vec<Seg> = Vec::new();
    for s in segs {
        match merged.last_mut() {
            Some(m) if !m.raw && !s.raw && m.bold == s.bold && m.italic == s.italic && m.link == s.link => {
                m.text.push_str(&s.text);
            }
            _ => merged.push(s.clone()),
        }
    }
    let mut out = String::new();
    for s in merged {
        if s.raw {
            out.push_str(&s.text);
            continue;
        }
        let trimmed = s.text.trim();
        if trimmed.is_empty() {
            out.push_str(&s.text);
            continue;
        }
        let lead = &s.text[..s.text.len() - s.text.trim_start().len()];
        let trail = &s.text[s.text.trim_end().len()..];
        let mut body = escape(trimmed);
        if s.italic {
            body = format!("*{body}*");
        }
        if s.bold {
            body = format!("**{body}**");
        }
        if let Some(link) = &s.link {
            body = format!("[{body}]({})", link.replace(' ', "%20"));
        }
        out.push_str(lead);
        out.push_str(&body);
        out.push_str(trail);
    }
    out
}

/// `Heading2`, `heading 2`, `标题 2` → 2.
fn heading_level(name: &str) -> Option<u8> {
    let lower = name.to_lowercase().replace(' ', "");
    let rest = lower.strip_prefix("heading").or_else(|| lower.strip_prefix("标题"))?;
    rest.parse::<u8>().ok().filter(|n| (1..=9).contains(n))
}

/// styleId → (name lower-cased, heading level).
fn styles(pkg: &Package) -> Result<BTreeMap<String, (String, Option<u8>)>, String> {
    let mut out = BTreeMap::new();
    if let Some(root) = pkg.xml("word/styles.xml")? {
        for s in root.elements().filter(|e| e.name == "style") {
            let Some(id) = s.attr("styleId") else { continue };
            let name = s.path(&["name"]).and_then(|n| n.attr("val")).unwrap_or(id).to_lowercase();
            let outline = s
                .path(&["pPr", "outlineLvl"])
                .and_then(|o| o.attr("val"))
                .and_then(|v| v.parse::<u8>().ok())
                .filter(|n| *n < 9)
                .map(|n| n + 1);
            let level = heading_level(&name).or(outline);
            out.insert(id.to_string(), (name, level));
        }
    }
    Ok(out)
}

/// numId → level → bullet glyph (None for numbers).
fn numbering(pkg: &Package) -> Result<BTreeMap<String, BTreeMap<usize, Option<char>>>, String> {
    let mut out = BTreeMap::new();
    let Some(root) = pkg.xml("word/numbering.xml")? else {
        return Ok(out);
    };
    let mut abstracts: BTreeMap<String, BTreeMap<usize, Option<char>>> = BTreeMap::new();
    for a in root.elements().filter(|e| e.name == "abstractNum") {
        let Some(id) = a.attr("abstractNumId") else { continue };
        let mut levels = BTreeMap::new();
        for lvl in a.elements().filter(|e| e.name == "lvl") {
            let Some(n) = lvl.attr("ilvl").and_then(|v| v.parse().ok()) else { continue };
            let fmt = lvl.path(&["numFmt"]).and_then(|f| f.attr("val")).unwrap_or("decimal");
            let glyph = lvl.path(&["lvlText"]).and_then(|t| t.attr("val")).and_then(|t| t.chars().next());
            levels.insert(n, (fmt == "bullet" || fmt == "none").then(|| glyph.unwrap_or('•')));
        }
        abstracts.insert(id.to_string(), levels);
    }
    for n in root.elements().filter(|e| e.name == "num") {
        let (Some(id), Some(a)) = (n.attr("numId"), n.path(&["abstractNumId"]).and_then(|a| a.attr("val"))) else {
            continue;
        };
        out.insert(id.to_string(), abstracts.get(a).cloned().unwrap_or_default());
    }
    Ok(out)
}

fn core_props(pkg: &Package) -> Result<(Option<String>, Option<String>), String> {
    let Some(root) = pkg.xml("docProps/core.xml")? else {
        return Ok((None, None));
    };
    let get = |n: &str| root.child(n).map(Element::text).map(|t| t.trim().to_string()).filter(|t| !t.is_empty());
    Ok((get("title"), get("description")))
}

fn custom_prop(pkg: &Package, name: &str) -> Result<Option<String>, String> {
    let Some(root) = pkg.xml("docProps/custom.xml")? else {
        return Ok(None);
    };
    let found = root.elements().find(|p| p.attr("name") == Some(name)).map(Element::text);
    Ok(found)
}

/// Plain text of a paragraph list (a table cell), joined the way Chinese text
/// joins: no space between two CJK characters.
pub fn join_cjk(parts: &[String]) -> String {
    let mut out = String::new();
    for part in parts.iter().map(|p| p.trim()).filter(|p| !p.is_empty()) {
        let cjk_end = out.chars().last().is_some_and(crate::search::text::is_cjk);
        let cjk_start = part.chars().next().is_some_and(crate::search::text::is_cjk);
        if !(out.is_empty() || cjk_end && cjk_start) {
            out.push(' ');
        }
        out.push_str(part);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn runs_merge_and_escape() {
        let seg = |t: &str, b: bool| Seg { text: t.into(), bold: b, italic: false, link: None, raw: false };
        assert_eq!(
            render(&[seg("客户", true), seg("服务", true), seg(" 是*什么*", false)]),
            "**客户服务** 是\\*什么\\*"
        );
        assert_eq!(heading_level("heading 3"), Some(3));
        assert_eq!(heading_level("标题 1"), Some(1));
        assert_eq!(heading_level("Normal"), None);
        assert!(safe_rel_path("img/客户分类.svg"));
        assert!(!safe_rel_path("../etc/passwd.png") && !safe_rel_path("/a.png") && !safe_rel_path("img/a.exe"));
        assert_eq!(join_cjk(&["内部".into(), "客户".into()]), "内部客户");
        assert_eq!(join_cjk(&["CRM".into(), "系统".into()]), "CRM 系统");
    }
}
