//! A lesson as the department's 教案 form in .docx: the field table in the
//! institutional order, then 教学设计 (the body's step sections), 作业 and
//! 课后自我总结分析, on A4 with 2 cm margins, 宋体 body and 黑体 headings.
//!
//! The OOXML parts are written with `quick-xml`'s escaping and zipped with
//! `zip` rather than through docx-rs: docx-rs brings its own zip and image
//! stacks, and the importer needs exact control of the markers it reads back
//! (style names, hidden Markdown comments, the `coursesite` document property)
//! for import(export(lesson)) to give the same lesson.
//!
//! - this file   `export` (the document in order, then the package), the
//!   writer's state and the paragraph, run and table primitives
//! - `form`      the 教案 field table, from the front matter
//! - `body`      the lesson's Markdown blocks: headings, lists, callouts, code
//! - `runs`      inline Markdown: emphasis, links, footnotes, pictures
//! - `pictures`  a picture next to the lesson embedded in the package
//! - `package`   page setup, styles, numbering, footnotes, rels, properties

mod body;
mod form;
mod package;
pub(in crate::office) mod pictures;
mod runs;

use super::ooxml::{esc, write_package};
use crate::load::frontmatter::FrontMatter;
use body::block;
use comrak::nodes::{AstNode, NodeValue};
use comrak::{parse_document, Arena};
use std::fmt::Write as _;
use std::path::Path;

/// The lesson: its front matter (typed and as raw TOML, for the keys the form
/// has no field for), body Markdown, and the folder its images are relative to.
pub struct Lesson<'a> {
    pub front: &'a FrontMatter,
    pub extra: toml::Table,
    pub title: String,
    pub body: &'a str,
    pub dir: &'a Path,
    /// course.toml's `[lesson]`: the class period and the header rows' defaults.
    pub settings: &'a crate::config::LessonConfig,
}

#[derive(Default)]
struct W {
    out: String,
    rels: Vec<(String, String, String, bool)>,
    media: Vec<(String, Vec<u8>)>,
    footnotes: Vec<String>,
    footnote_ids: Vec<String>,
    nums: u32,
    images: u32,
    warnings: Vec<crate::messages::Msg>,
}

#[derive(Clone, Copy, Default)]
struct Fmt {
    bold: bool,
    italic: bool,
    code: bool,
    strike: bool,
}

/// The .docx bytes, and warnings (a missing image, …).
pub fn export(lesson: &Lesson) -> Result<(Vec<u8>, Vec<crate::messages::Msg>), String> {
    let mut w = W::default();
    let fm = lesson.front;
    para(&mut w, "Title", &run("教  案", Fmt::default()));
    form::field_table(&mut w, fm, lesson.settings);
    para(&mut w, "Heading1", &run("教学设计", Fmt::default()));
    let arena = Arena::new();
    let options = crate::render::markdown::options(&crate::config::MarkdownConfig::default());
    let root = parse_document(&arena, lesson.body, &options);
    let lines: Vec<&str> = lesson.body.lines().collect();
    let mut main = Vec::new();
    let mut reflection = Vec::new();
    let mut in_reflection = false;
    for node in root.children() {
        if let NodeValue::Heading(h) = &node.data().value {
            if h.level <= 2 {
                in_reflection = is_reflection(&plain_text(node));
            }
        }
        if in_reflection {
            reflection.push(node);
        } else {
            main.push(node);
        }
    }
    let ctx = Ctx { steps: &fm.steps, lines: &lines, dir: lesson.dir };
    for node in main {
        block(&mut w, node, &ctx, Where::Body);
    }
    if !fm.homework.is_empty() {
        para(&mut w, "Heading1", &run("作业", Fmt::default()));
        let num = new_num(&mut w, false);
        for h in &fm.homework {
            list_para(&mut w, "ListParagraph", num, 0, &run(h, Fmt::default()));
        }
    }
    for node in reflection {
        block(&mut w, node, &ctx, Where::Body);
    }
    let body = std::mem::take(&mut w.out);
    let document = package::document(&body);
    let extra =
        toml::to_string(&lesson.extra).map_err(|e| format!("cannot keep the front matter's other keys: {e}"))?;
    let mut parts: Vec<(String, Vec<u8>)> = vec![
        ("[Content_Types].xml".into(), package::CONTENT_TYPES.as_bytes().to_vec()),
        ("_rels/.rels".into(), package::ROOT_RELS.as_bytes().to_vec()),
        ("word/document.xml".into(), document.into_bytes()),
        ("word/styles.xml".into(), package::STYLES.as_bytes().to_vec()),
        ("word/numbering.xml".into(), package::numbering(w.nums).into_bytes()),
        ("word/footnotes.xml".into(), package::footnotes(&w.footnotes).into_bytes()),
        ("word/_rels/document.xml.rels".into(), package::doc_rels(&w.rels).into_bytes()),
        ("docProps/core.xml".into(), package::core(&lesson.title, fm.summary.as_deref()).into_bytes()),
        ("docProps/custom.xml".into(), package::custom(&extra).into_bytes()),
    ];
    parts.append(&mut w.media);
    Ok((write_package(&parts)?, w.warnings))
}

fn is_reflection(text: &str) -> bool {
    matches!(text.trim(), "课后自我总结分析" | "课后反思" | "教学反思" | "教学后记")
}

struct Ctx<'a> {
    steps: &'a [crate::load::frontmatter::Step],
    lines: &'a [&'a str],
    dir: &'a Path,
}

#[derive(Clone, Copy, PartialEq)]
enum Where {
    Body,
    Quote,
}

fn run(text: &str, f: Fmt) -> String {
    let mut rpr = String::new();
    if f.bold {
        rpr.push_str("<w:b/><w:bCs/>");
    }
    if f.italic {
        rpr.push_str("<w:i/><w:iCs/>");
    }
    if f.strike {
        rpr.push_str("<w:strike/>");
    }
    if f.code {
        rpr.push_str(r#"<w:rFonts w:ascii="Consolas" w:hAnsi="Consolas"/>"#);
    }
    let rpr = if rpr.is_empty() { String::new() } else { format!("<w:rPr>{rpr}</w:rPr>") };
    format!(r#"<w:r>{rpr}<w:t xml:space="preserve">{}</w:t></w:r>"#, esc(text))
}

fn para(w: &mut W, style: &str, runs: &str) {
    let _ = write!(w.out, r#"<w:p><w:pPr><w:pStyle w:val="{style}"/></w:pPr>{runs}</w:p>"#);
}

fn list_para(w: &mut W, style: &str, num: u32, level: usize, runs: &str) {
    let _ = write!(
        w.out,
        r#"<w:p><w:pPr><w:pStyle w:val="{style}"/><w:numPr><w:ilvl w:val="{level}"/><w:numId w:val="{num}"/></w:numPr></w:pPr>{runs}</w:p>"#
    );
}

/// Markdown kept hidden in the document (HTML comments, code fences) so the
/// importer can put it back; Word shows nothing.
fn hidden(w: &mut W, text: &str) {
    let _ = write!(
        w.out,
        r#"<w:p><w:pPr><w:pStyle w:val="CsMarkdown"/><w:rPr><w:vanish/></w:rPr></w:pPr><w:r><w:rPr><w:vanish/></w:rPr><w:t xml:space="preserve">{}</w:t></w:r></w:p>"#,
        esc(text)
    );
}

/// A new list: numbered lists restart at 1 (numIds 1–3 are the shared bullet
/// lists; every numbered list gets its own from 10 up).
fn new_num(w: &mut W, _bullet: bool) -> u32 {
    w.nums += 1;
    9 + w.nums
}

const TABLE_START: &str = r#"<w:tbl><w:tblPr><w:tblStyle w:val="FormTable"/><w:tblW w:w="5000" w:type="pct"/><w:tblBorders><w:top w:val="single" w:sz="8" w:space="0" w:color="000000"/><w:left w:val="single" w:sz="8" w:space="0" w:color="000000"/><w:bottom w:val="single" w:sz="8" w:space="0" w:color="000000"/><w:right w:val="single" w:sz="8" w:space="0" w:color="000000"/><w:insideH w:val="single" w:sz="4" w:space="0" w:color="000000"/><w:insideV w:val="single" w:sz="4" w:space="0" w:color="000000"/></w:tblBorders><w:tblLayout w:type="fixed"/><w:tblCellMar><w:left w:w="108" w:type="dxa"/><w:right w:w="108" w:type="dxa"/></w:tblCellMar></w:tblPr>"#;

fn plain_text<'a>(node: &'a AstNode<'a>) -> String {
    let mut out = String::new();
    for d in node.descendants() {
        match &d.data().value {
            NodeValue::Text(t) => out.push_str(t),
            NodeValue::Code(c) => out.push_str(&c.literal),
            _ => {}
        }
    }
    out
}
