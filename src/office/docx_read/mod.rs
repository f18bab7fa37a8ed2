//! Reading a Word document's body into [`Para`]s and tables: the style, list
//! numbering and formatting of each paragraph, with its runs already turned
//! into inline Markdown (bold, italic, links, footnote references, images).
//! What a paragraph *means* (a 教案 field, a step, a heading) is decided in
//! `lesson`; this module only reads.
//!
//! - this file   what `read` hands over, the body's blocks (paragraphs, tables,
//!   content controls) and the document properties
//! - `paragraph` one `<w:p>`: style, list level, runs, footnotes
//! - `pictures`  pictures a run embeds, extracted for writing next to the page
//! - `styles`    styles.xml and numbering.xml, which paragraphs name by id
//! - `markdown`  formatted runs → inline Markdown (`pptx_import` uses it too)

mod markdown;
mod paragraph;
mod pictures;
mod styles;

pub use markdown::join_cjk;
pub(super) use markdown::{render, Seg};

use super::ooxml::{Element, Package, Rel};
use paragraph::paragraph;
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
    styles: BTreeMap<String, styles::Style>,
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

pub fn read(pkg: &Package, stem: &str) -> Result<Doc, crate::messages::Msg> {
    let missing = || msg!("ooxml_no_part", part = "word/document.xml");
    let body = pkg.xml("word/document.xml")?.ok_or_else(missing)?;
    let body = body.child("body").ok_or_else(missing)?;
    let mut ctx = Ctx {
        pkg,
        styles: styles::styles(pkg)?,
        numbering: styles::numbering(pkg)?,
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

fn core_props(pkg: &Package) -> Result<(Option<String>, Option<String>), crate::messages::Msg> {
    let Some(root) = pkg.xml("docProps/core.xml")? else {
        return Ok((None, None));
    };
    let get = |n: &str| root.child(n).map(Element::text).map(|t| t.trim().to_string()).filter(|t| !t.is_empty());
    Ok((get("title"), get("description")))
}

fn custom_prop(pkg: &Package, name: &str) -> Result<Option<String>, crate::messages::Msg> {
    let Some(root) = pkg.xml("docProps/custom.xml")? else {
        return Ok(None);
    };
    let found = root.elements().find(|p| p.attr("name") == Some(name)).map(Element::text);
    Ok(found)
}
