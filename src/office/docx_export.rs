//! A lesson as the department's 教案 form in .docx: the field table in the
//! institutional order, then 教学设计 (the body's step sections), 作业 and
//! 课后自我总结分析, on A4 with 2 cm margins, 宋体 body and 黑体 headings.
//!
//! The OOXML parts are written with `quick-xml`'s escaping and zipped with
//! `zip` rather than through docx-rs: docx-rs brings its own zip and image
//! stacks, and the importer needs exact control of the markers it reads back
//! (style names, hidden Markdown comments, the `coursesite` document property)
//! for import(export(lesson)) to give the same lesson.

use super::ooxml::{esc, write_package};
use crate::load::frontmatter::FrontMatter;
use comrak::nodes::{AstNode, ListType, NodeValue};
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
}

const TWIPS_PER_CM: u32 = 567;
const EMU_PER_CM: u64 = 360_000;

#[derive(Default)]
struct W {
    out: String,
    rels: Vec<(String, String, String, bool)>,
    media: Vec<(String, Vec<u8>)>,
    footnotes: Vec<String>,
    footnote_ids: Vec<String>,
    nums: u32,
    images: u32,
    warnings: Vec<String>,
}

#[derive(Clone, Copy, Default)]
struct Fmt {
    bold: bool,
    italic: bool,
    code: bool,
    strike: bool,
}

/// The .docx bytes, and warnings (a missing image, …).
pub fn export(lesson: &Lesson) -> Result<(Vec<u8>, Vec<String>), String> {
    let mut w = W::default();
    let fm = lesson.front;
    para(&mut w, "Title", &run("教  案", Fmt::default()));
    field_table(&mut w, fm);
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
    let document = format!(
        r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships" xmlns:wp="http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing" xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main" xmlns:pic="http://schemas.openxmlformats.org/drawingml/2006/picture"><w:body>{body}<w:sectPr><w:pgSz w:w="11906" w:h="16838"/><w:pgMar w:top="{m}" w:right="{m}" w:bottom="{m}" w:left="{m}" w:header="851" w:footer="992" w:gutter="0"/></w:sectPr></w:body></w:document>"#,
        m = 2 * TWIPS_PER_CM
    );
    let extra =
        toml::to_string(&lesson.extra).map_err(|e| format!("cannot keep the front matter's other keys: {e}"))?;
    let mut parts: Vec<(String, Vec<u8>)> = vec![
        ("[Content_Types].xml".into(), CONTENT_TYPES.as_bytes().to_vec()),
        ("_rels/.rels".into(), ROOT_RELS.as_bytes().to_vec()),
        ("word/document.xml".into(), document.into_bytes()),
        ("word/styles.xml".into(), STYLES.as_bytes().to_vec()),
        ("word/numbering.xml".into(), numbering(w.nums).into_bytes()),
        ("word/footnotes.xml".into(), footnotes(&w.footnotes).into_bytes()),
        ("word/_rels/document.xml.rels".into(), doc_rels(&w.rels).into_bytes()),
        ("docProps/core.xml".into(), core(&lesson.title, fm.summary.as_deref()).into_bytes()),
        ("docProps/custom.xml".into(), custom(&extra).into_bytes()),
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

fn field_row(w: &mut W, label: &str, values: &[String]) {
    let cell = |width: u32, content: &str| {
        format!(
            r#"<w:tc><w:tcPr><w:tcW w:w="{width}" w:type="dxa"/><w:vAlign w:val="center"/></w:tcPr>{content}</w:tc>"#
        )
    };
    let label_p = format!(r#"<w:p><w:pPr><w:pStyle w:val="FormLabel"/></w:pPr>{}</w:p>"#, run(label, Fmt::default()));
    let mut value = String::new();
    for v in values {
        let _ = write!(value, "<w:p>{}</w:p>", run(v, Fmt::default()));
    }
    if value.is_empty() {
        value.push_str("<w:p/>");
    }
    let _ = write!(w.out, "<w:tr>{}{}</w:tr>", cell(2000, &label_p), cell(7638, &value));
}

fn numbered(items: &[String]) -> Vec<String> {
    items.iter().enumerate().map(|(i, s)| format!("{}.{s}", i + 1)).collect()
}

fn field_table(w: &mut W, fm: &FrontMatter) {
    w.out.push_str(TABLE_START);
    w.out.push_str(r#"<w:tblGrid><w:gridCol w:w="2000"/><w:gridCol w:w="7638"/></w:tblGrid>"#);
    field_row(w, "序号", &[fm.number.map(|n| n.to_string()).unwrap_or_default()]);
    field_row(w, "章节名称", &[fm.chapter.clone().or_else(|| fm.title.clone()).unwrap_or_default()]);
    let objectives = fm.objectives.clone().unwrap_or_default();
    let mut aims = vec!["【知识目标】".to_string()];
    aims.extend(numbered(&objectives.knowledge));
    aims.push("【能力目标】".into());
    aims.extend(numbered(&objectives.ability));
    field_row(w, "教学目的和要求", &aims);
    field_row(w, "教学内容", &numbered(&fm.content));
    field_row(w, "教学方法", &[fm.methods.join("、")]);
    field_row(w, "学时", &[fm.hours.map(|h| format!("{h}学时")).unwrap_or_default()]);
    field_row(w, "教学课件名称", &[fm.deck.clone().unwrap_or_default()]);
    if !fm.key_points.is_empty() {
        field_row(w, "教学重点", &numbered(&fm.key_points));
    }
    if !fm.difficulties.is_empty() {
        field_row(w, "教学难点", &numbered(&fm.difficulties));
    }
    if !fm.cases.is_empty() {
        field_row(w, "使用案例", &fm.cases);
    }
    w.out.push_str("</w:tbl>");
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

fn block<'a>(w: &mut W, node: &'a AstNode<'a>, ctx: &Ctx, at: Where) {
    let style = if at == Where::Quote { "CsCallout" } else { "Normal" };
    let value = node.data().value.clone();
    match value {
        NodeValue::Heading(h) => {
            let text = inlines(w, node, ctx, Fmt::default());
            let title = plain_text(node);
            // `## 步骤二 案例导入` carries the step's minutes into the form.
            let minutes = super::detect::step(&title)
                .and_then(|(_, name, _)| ctx.steps.iter().find(|s| s.name == name).map(|s| s.minutes));
            let level = h.level.saturating_sub(1).max(1);
            match minutes {
                Some(m) => para(
                    w,
                    &format!("Heading{level}"),
                    &format!("{text}{}", run(&format!("（{m}分钟）"), Fmt::default())),
                ),
                None => para(w, &format!("Heading{level}"), &text),
            }
        }
        NodeValue::Paragraph => {
            let runs = inlines(w, node, ctx, Fmt::default());
            para(w, style, &runs);
        }
        NodeValue::List(_) => list(w, node, ctx, at, 0),
        NodeValue::BlockQuote => quote(w, node, ctx),
        NodeValue::Table(_) => table(w, node, ctx),
        NodeValue::HtmlBlock(html) => {
            for line in html.literal.trim_end().lines() {
                hidden(w, line);
            }
        }
        NodeValue::CodeBlock(code) => {
            let fence = "`".repeat(code.fence_length.max(3));
            hidden(w, &format!("{fence}{}", code.info));
            for line in code.literal.trim_end_matches('\n').lines() {
                para(w, "CsCode", &run(line, Fmt { code: true, ..Fmt::default() }));
            }
            hidden(w, &fence);
        }
        NodeValue::ThematicBreak => hidden(w, "---"),
        NodeValue::FootnoteDefinition(_) => {} // written with their references
        _ => {
            let text = plain_text(node);
            if !text.is_empty() {
                para(w, style, &run(&text, Fmt::default()));
            }
        }
    }
}

fn list<'a>(w: &mut W, node: &'a AstNode<'a>, ctx: &Ctx, at: Where, level: usize) {
    let NodeValue::List(l) = node.data().value.clone() else { return };
    let num = match (l.list_type, l.bullet_char) {
        (ListType::Ordered, _) => new_num(w, false),
        (_, b'+') => 3,
        _ => 1,
    };
    let style = if at == Where::Quote { "CsCallout" } else { "ListParagraph" };
    for item in node.children() {
        let task = match &item.data().value {
            NodeValue::TaskItem(t) => Some(t.symbol.is_some()),
            _ => None,
        };
        let mut first = true;
        for child in item.children() {
            match &child.data().value {
                NodeValue::Paragraph if first => {
                    let mut runs = inlines(w, child, ctx, Fmt::default());
                    if let Some(done) = task {
                        runs = run(if done { "☒ " } else { "☐ " }, Fmt::default()) + &runs;
                    }
                    list_para(w, style, num, level, &runs);
                    first = false;
                }
                NodeValue::List(_) => list(w, child, ctx, at, level + 1),
                _ => block(w, child, ctx, at),
            }
        }
    }
}

fn quote<'a>(w: &mut W, node: &'a AstNode<'a>, ctx: &Ctx) {
    let start = node.data().sourcepos.start.line;
    let first_line = ctx.lines.get(start.saturating_sub(1)).copied().unwrap_or("");
    let marker = first_line.trim_start().trim_start_matches('>').trim();
    let callout = marker.strip_prefix("[!").and_then(|m| m.split_once(']'));
    if let Some((kind, title)) = callout {
        let text = format!("【{kind}】{}", title.trim());
        para(w, "CsCallout", &run(&text, Fmt { bold: true, ..Fmt::default() }));
    }
    for (i, child) in node.children().enumerate() {
        if i == 0 && callout.is_some() {
            if let NodeValue::Paragraph = child.data().value {
                // Drop the marker line, keep what follows it in the same paragraph.
                let rest: Vec<_> = child
                    .children()
                    .skip_while(|n| !matches!(n.data().value, NodeValue::SoftBreak | NodeValue::LineBreak))
                    .skip(1)
                    .collect();
                if !rest.is_empty() {
                    let mut runs = String::new();
                    let mut prev = None;
                    for n in rest {
                        inline(w, n, ctx, Fmt::default(), &mut runs, &mut prev);
                    }
                    para(w, "CsCallout", &runs);
                }
                continue;
            }
        }
        block(w, child, ctx, Where::Quote);
    }
}

fn table<'a>(w: &mut W, node: &'a AstNode<'a>, ctx: &Ctx) {
    w.out.push_str(TABLE_START);
    for (i, row) in node.children().enumerate() {
        let header = i == 0;
        w.out.push_str("<w:tr>");
        if header {
            w.out.push_str("<w:trPr><w:tblHeader/></w:trPr>");
        }
        for cell in row.children() {
            let runs = inlines(w, cell, ctx, Fmt { bold: header, ..Fmt::default() });
            let _ = write!(w.out, "<w:tc><w:p>{runs}</w:p></w:tc>");
        }
        w.out.push_str("</w:tr>");
    }
    w.out.push_str("</w:tbl>");
}

fn inlines<'a>(w: &mut W, node: &'a AstNode<'a>, ctx: &Ctx, f: Fmt) -> String {
    let mut out = String::new();
    let mut prev: Option<char> = None;
    for child in node.children() {
        inline(w, child, ctx, f, &mut out, &mut prev);
    }
    out
}

fn inline<'a>(w: &mut W, node: &'a AstNode<'a>, ctx: &Ctx, f: Fmt, out: &mut String, prev: &mut Option<char>) {
    let value = node.data().value.clone();
    let text_run = |out: &mut String, t: &str, f: Fmt, prev: &mut Option<char>| {
        if !t.is_empty() {
            out.push_str(&run(t, f));
            *prev = t.chars().last();
        }
    };
    match value {
        NodeValue::Text(t) => text_run(out, &t, f, prev),
        NodeValue::Code(c) => text_run(out, &c.literal, Fmt { code: true, ..f }, prev),
        NodeValue::HtmlInline(h) => text_run(out, &h, f, prev),
        NodeValue::SoftBreak => {
            // Hard-wrapped Chinese lines join without a space (CSS Text 3 segment breaks).
            let next = node.next_sibling().map(|n| plain_text(n)).and_then(|t| t.chars().next());
            let cjk = |c: Option<char>| {
                c.is_some_and(|c| crate::search::text::is_cjk(c) || (!c.is_ascii() && !c.is_alphabetic()))
            };
            if !(cjk(*prev) && cjk(next)) {
                text_run(out, " ", f, prev);
            }
        }
        NodeValue::LineBreak => out.push_str("<w:r><w:br/></w:r>"),
        NodeValue::Strong => {
            for c in node.children() {
                inline(w, c, ctx, Fmt { bold: true, ..f }, out, prev);
            }
        }
        NodeValue::Emph => {
            for c in node.children() {
                inline(w, c, ctx, Fmt { italic: true, ..f }, out, prev);
            }
        }
        NodeValue::Strikethrough => {
            for c in node.children() {
                inline(w, c, ctx, Fmt { strike: true, ..f }, out, prev);
            }
        }
        NodeValue::Link(link) => {
            let id = format!("rIdLink{}", w.rels.len() + 1);
            w.rels.push((id.clone(), "hyperlink".into(), link.url.clone(), true));
            let mut inner = String::new();
            for c in node.children() {
                inline(w, c, ctx, f, &mut inner, prev);
            }
            let _ = write!(out, r#"<w:hyperlink r:id="{id}">{inner}</w:hyperlink>"#);
        }
        NodeValue::WikiLink(link) => {
            let label = plain_text(node);
            let text = if label.is_empty() || label == link.url {
                format!("[[{}]]", link.url)
            } else {
                format!("[[{}|{label}]]", link.url)
            };
            text_run(out, &text, f, prev);
        }
        NodeValue::Image(link) => {
            let alt = plain_text(node);
            out.push_str(&image(w, &link.url, &alt, ctx));
        }
        NodeValue::FootnoteReference(r) => {
            let n = match w.footnote_ids.iter().position(|x| *x == r.name) {
                Some(i) => i + 1,
                None => {
                    w.footnote_ids.push(r.name.clone());
                    let def = footnote_def(node, &r.name);
                    let body = match def {
                        Some(d) => {
                            let mut runs = String::new();
                            for p in d.children() {
                                runs.push_str(&inlines(w, p, ctx, Fmt::default()));
                            }
                            runs
                        }
                        None => String::new(),
                    };
                    w.footnotes.push(body);
                    w.footnote_ids.len()
                }
            };
            let _ = write!(
                out,
                r#"<w:r><w:rPr><w:rStyle w:val="FootnoteReference"/></w:rPr><w:footnoteReference w:id="{n}"/></w:r>"#
            );
        }
        _ => {
            for c in node.children() {
                inline(w, c, ctx, f, out, prev);
            }
        }
    }
}

fn footnote_def<'a>(node: &'a AstNode<'a>, name: &str) -> Option<&'a AstNode<'a>> {
    let root = node.ancestors().last()?;
    root.children().find(|n| matches!(&n.data().value, NodeValue::FootnoteDefinition(d) if d.name == name))
}

fn image(w: &mut W, url: &str, alt: &str, ctx: &Ctx) -> String {
    let rel_path = url.split(['#', '?']).next().unwrap_or(url);
    let path = ctx.dir.join(rel_path);
    let bytes = if rel_path.contains("..") || rel_path.contains("://") { None } else { std::fs::read(&path).ok() };
    let Some(bytes) = bytes else {
        w.warnings.push(format!("image {url} not found next to the lesson; left as text"));
        return run(&format!("![{alt}]({url})"), Fmt::default());
    };
    w.images += 1;
    let ext = rel_path.rsplit_once('.').map_or("png", |(_, e)| e).to_lowercase();
    let part = format!("word/media/image{}.{ext}", w.images);
    let id = format!("rIdImg{}", w.images);
    w.rels.push((id.clone(), "image".into(), format!("media/image{}.{ext}", w.images), false));
    w.media.push((part, bytes.clone()));
    let (cx, cy) = size(&bytes, &ext);
    let n = w.images;
    format!(
        r#"<w:r><w:drawing><wp:inline distT="0" distB="0" distL="0" distR="0"><wp:extent cx="{cx}" cy="{cy}"/><wp:docPr id="{n}" name="{name}" descr="{alt}"/><a:graphic><a:graphicData uri="http://schemas.openxmlformats.org/drawingml/2006/picture"><pic:pic><pic:nvPicPr><pic:cNvPr id="{n}" name="{name}" descr="{alt}"/><pic:cNvPicPr/></pic:nvPicPr><pic:blipFill><a:blip r:embed="{id}"/><a:stretch><a:fillRect/></a:stretch></pic:blipFill><pic:spPr><a:xfrm><a:off x="0" y="0"/><a:ext cx="{cx}" cy="{cy}"/></a:xfrm><a:prstGeom prst="rect"><a:avLst/></a:prstGeom></pic:spPr></pic:pic></a:graphicData></a:graphic></wp:inline></w:drawing></w:r>"#,
        name = esc(rel_path),
        alt = esc(alt)
    )
}

/// Picture size in EMU: 14 cm wide, height from the picture's own proportions
/// (PNG header or SVG width/height/viewBox) when they can be read.
fn size(bytes: &[u8], ext: &str) -> (u64, u64) {
    let width = 14 * EMU_PER_CM;
    let ratio = match ext {
        "png" if bytes.len() > 24 => {
            let w = u32::from_be_bytes([bytes[16], bytes[17], bytes[18], bytes[19]]) as f64;
            let h = u32::from_be_bytes([bytes[20], bytes[21], bytes[22], bytes[23]]) as f64;
            (w > 0.0).then(|| h / w)
        }
        "svg" => {
            let text = String::from_utf8_lossy(bytes);
            text.find("viewBox=\"").and_then(|i| {
                let v: Vec<f64> =
                    text[i + 9..].split('"').next()?.split([' ', ',']).filter_map(|s| s.parse().ok()).collect();
                (v.len() == 4 && v[2] > 0.0).then(|| v[3] / v[2])
            })
        }
        _ => None,
    };
    let ratio = ratio.unwrap_or(0.6).clamp(0.1, 3.0);
    (width, (width as f64 * ratio) as u64)
}

fn numbering(nums: u32) -> String {
    let levels = |fmt: &str, text: &dyn Fn(usize) -> String| {
        (0..9)
            .map(|l| {
                format!(
                    r#"<w:lvl w:ilvl="{l}"><w:start w:val="1"/><w:numFmt w:val="{fmt}"/><w:lvlText w:val="{}"/><w:lvlJc w:val="left"/><w:pPr><w:ind w:left="{}" w:hanging="360"/></w:pPr></w:lvl>"#,
                    esc(&text(l)),
                    420 * (l + 1)
                )
            })
            .collect::<String>()
    };
    let mut out = String::from(
        r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:numbering xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">"#,
    );
    let _ = write!(out, r#"<w:abstractNum w:abstractNumId="1">{}</w:abstractNum>"#, levels("bullet", &|_| "•".into()));
    let _ = write!(
        out,
        r#"<w:abstractNum w:abstractNumId="2">{}</w:abstractNum>"#,
        levels("decimal", &|l| format!("%{}.", l + 1))
    );
    let _ = write!(out, r#"<w:abstractNum w:abstractNumId="3">{}</w:abstractNum>"#, levels("bullet", &|_| "▸".into()));
    out.push_str(r#"<w:num w:numId="1"><w:abstractNumId w:val="1"/></w:num><w:num w:numId="3"><w:abstractNumId w:val="3"/></w:num>"#);
    for i in 1..=nums {
        let _ = write!(
            out,
            r#"<w:num w:numId="{}"><w:abstractNumId w:val="2"/><w:lvlOverride w:ilvl="0"><w:startOverride w:val="1"/></w:lvlOverride></w:num>"#,
            9 + i
        );
    }
    out.push_str("</w:numbering>");
    out
}

fn footnotes(notes: &[String]) -> String {
    let mut out = String::from(
        r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:footnotes xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><w:footnote w:type="separator" w:id="-1"><w:p><w:r><w:separator/></w:r></w:p></w:footnote><w:footnote w:type="continuationSeparator" w:id="0"><w:p><w:r><w:continuationSeparator/></w:r></w:p></w:footnote>"#,
    );
    for (i, runs) in notes.iter().enumerate() {
        let _ = write!(
            out,
            r#"<w:footnote w:id="{}"><w:p><w:pPr><w:pStyle w:val="FootnoteText"/></w:pPr><w:r><w:rPr><w:rStyle w:val="FootnoteReference"/></w:rPr><w:footnoteRef/></w:r>{runs}</w:p></w:footnote>"#,
            i + 1
        );
    }
    out.push_str("</w:footnotes>");
    out
}

fn doc_rels(rels: &[(String, String, String, bool)]) -> String {
    let mut out = String::from(
        r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rIdStyles" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/><Relationship Id="rIdNumbering" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/numbering" Target="numbering.xml"/><Relationship Id="rIdFootnotes" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/footnotes" Target="footnotes.xml"/>"#,
    );
    for (id, kind, target, external) in rels {
        let mode = if *external { r#" TargetMode="External""# } else { "" };
        let _ = write!(
            out,
            r#"<Relationship Id="{id}" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/{kind}" Target="{}"{mode}/>"#,
            esc(target)
        );
    }
    out.push_str("</Relationships>");
    out
}

fn core(title: &str, summary: Option<&str>) -> String {
    format!(
        r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?><cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"><dc:title>{}</dc:title><dc:description>{}</dc:description><dc:creator>coursesite</dc:creator></cp:coreProperties>"#,
        esc(title),
        esc(summary.unwrap_or(""))
    )
}

/// The `coursesite` property: front-matter keys the form has no row for.
fn custom(extra_toml: &str) -> String {
    format!(
        r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/custom-properties" xmlns:vt="http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes"><property fmtid="{{D5CDD505-2E9C-101B-9397-08002B2CF9AE}}" pid="2" name="coursesite"><vt:lpwstr>{}</vt:lpwstr></property></Properties>"#,
        esc(extra_toml)
    )
}

const CONTENT_TYPES: &str = r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Default Extension="png" ContentType="image/png"/><Default Extension="jpg" ContentType="image/jpeg"/><Default Extension="jpeg" ContentType="image/jpeg"/><Default Extension="gif" ContentType="image/gif"/><Default Extension="svg" ContentType="image/svg+xml"/><Default Extension="webp" ContentType="image/webp"/><Default Extension="bmp" ContentType="image/bmp"/><Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/><Override PartName="/word/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.styles+xml"/><Override PartName="/word/numbering.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.numbering+xml"/><Override PartName="/word/footnotes.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.footnotes+xml"/><Override PartName="/docProps/core.xml" ContentType="application/vnd.openxmlformats-package.core-properties+xml"/><Override PartName="/docProps/custom.xml" ContentType="application/vnd.openxmlformats-officedocument.custom-properties+xml"/></Types>"#;

const ROOT_RELS: &str = r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/><Relationship Id="rId2" Type="http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties" Target="docProps/core.xml"/><Relationship Id="rId3" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/custom-properties" Target="docProps/custom.xml"/></Relationships>"#;

/// 宋体 body (五号, 10.5 pt) and 黑体 headings, with Latin fallbacks; a
/// Chinese Word or WPS finds both fonts, others substitute SimSun/SimHei.
const STYLES: &str = r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:styles xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:docDefaults><w:rPrDefault><w:rPr><w:rFonts w:ascii="Times New Roman" w:eastAsia="宋体" w:hAnsi="Times New Roman" w:cs="Times New Roman"/><w:sz w:val="21"/><w:szCs w:val="21"/><w:lang w:val="en-US" w:eastAsia="zh-CN"/></w:rPr></w:rPrDefault><w:pPrDefault><w:pPr><w:spacing w:line="360" w:lineRule="auto"/><w:jc w:val="both"/></w:pPr></w:pPrDefault></w:docDefaults><w:style w:type="paragraph" w:default="1" w:styleId="Normal"><w:name w:val="Normal"/></w:style><w:style w:type="paragraph" w:styleId="Title"><w:name w:val="Title"/><w:pPr><w:jc w:val="center"/><w:spacing w:after="240"/></w:pPr><w:rPr><w:rFonts w:ascii="SimHei" w:eastAsia="黑体" w:hAnsi="SimHei"/><w:b/><w:sz w:val="36"/></w:rPr></w:style><w:style w:type="paragraph" w:styleId="Heading1"><w:name w:val="heading 1"/><w:pPr><w:keepNext/><w:spacing w:before="240" w:after="120"/><w:outlineLvl w:val="0"/></w:pPr><w:rPr><w:rFonts w:ascii="SimHei" w:eastAsia="黑体" w:hAnsi="SimHei"/><w:b/><w:sz w:val="30"/></w:rPr></w:style><w:style w:type="paragraph" w:styleId="Heading2"><w:name w:val="heading 2"/><w:pPr><w:keepNext/><w:spacing w:before="200" w:after="100"/><w:outlineLvl w:val="1"/></w:pPr><w:rPr><w:rFonts w:ascii="SimHei" w:eastAsia="黑体" w:hAnsi="SimHei"/><w:b/><w:sz w:val="28"/></w:rPr></w:style><w:style w:type="paragraph" w:styleId="Heading3"><w:name w:val="heading 3"/><w:pPr><w:keepNext/><w:outlineLvl w:val="2"/></w:pPr><w:rPr><w:rFonts w:ascii="SimHei" w:eastAsia="黑体" w:hAnsi="SimHei"/><w:b/><w:sz w:val="24"/></w:rPr></w:style><w:style w:type="paragraph" w:styleId="Heading4"><w:name w:val="heading 4"/><w:pPr><w:keepNext/><w:outlineLvl w:val="3"/></w:pPr><w:rPr><w:rFonts w:ascii="SimHei" w:eastAsia="黑体" w:hAnsi="SimHei"/><w:sz w:val="24"/></w:rPr></w:style><w:style w:type="paragraph" w:styleId="Heading5"><w:name w:val="heading 5"/><w:pPr><w:keepNext/><w:outlineLvl w:val="4"/></w:pPr><w:rPr><w:rFonts w:ascii="SimHei" w:eastAsia="黑体" w:hAnsi="SimHei"/><w:sz w:val="21"/></w:rPr></w:style><w:style w:type="paragraph" w:styleId="FormLabel"><w:name w:val="Form Label"/><w:pPr><w:jc w:val="center"/></w:pPr><w:rPr><w:rFonts w:ascii="SimHei" w:eastAsia="黑体" w:hAnsi="SimHei"/><w:b/></w:rPr></w:style><w:style w:type="paragraph" w:styleId="ListParagraph"><w:name w:val="List Paragraph"/><w:pPr><w:ind w:firstLine="0"/></w:pPr></w:style><w:style w:type="paragraph" w:styleId="CsCallout"><w:name w:val="CsCallout"/><w:pPr><w:pBdr><w:left w:val="single" w:sz="18" w:space="8" w:color="808080"/></w:pBdr><w:shd w:val="clear" w:color="auto" w:fill="F2F2F2"/><w:ind w:left="284"/></w:pPr><w:rPr><w:rFonts w:ascii="KaiTi" w:eastAsia="楷体"/></w:rPr></w:style><w:style w:type="paragraph" w:styleId="CsCode"><w:name w:val="CsCode"/><w:pPr><w:spacing w:line="240" w:lineRule="auto"/></w:pPr><w:rPr><w:rFonts w:ascii="Consolas" w:hAnsi="Consolas"/><w:sz w:val="18"/></w:rPr></w:style><w:style w:type="paragraph" w:styleId="CsMarkdown"><w:name w:val="CsMarkdown"/><w:rPr><w:vanish/></w:rPr></w:style><w:style w:type="paragraph" w:styleId="FootnoteText"><w:name w:val="footnote text"/><w:rPr><w:sz w:val="18"/></w:rPr></w:style><w:style w:type="character" w:styleId="FootnoteReference"><w:name w:val="footnote reference"/><w:rPr><w:vertAlign w:val="superscript"/></w:rPr></w:style><w:style w:type="table" w:styleId="FormTable"><w:name w:val="Form Table"/><w:tblPr><w:tblBorders><w:top w:val="single" w:sz="8" w:space="0" w:color="000000"/><w:left w:val="single" w:sz="8" w:space="0" w:color="000000"/><w:bottom w:val="single" w:sz="8" w:space="0" w:color="000000"/><w:right w:val="single" w:sz="8" w:space="0" w:color="000000"/><w:insideH w:val="single" w:sz="4" w:space="0" w:color="000000"/><w:insideV w:val="single" w:sz="4" w:space="0" w:color="000000"/></w:tblBorders></w:tblPr></w:style></w:styles>"#;
