//! A Word document read by `docx_read` becomes pages: the 教案 form's field
//! table becomes the lesson's front matter, 教学设计 steps its `[[steps]]` and
//! `##` sections, 作业 its homework, and a case told inside (案例 … 思考 …
//! 分析提示) a page of its own in `cases/`. A document without the form is a
//! call script when it is a dialogue, a case when it has 思考 and 分析提示,
//! else a plain page.
//!
//! - this file  `pages`: a 教案 → the lesson page (and its case pages); any
//!   other document → `other_page`
//! - `form`     the form's fields (table rows or labelled lines) → front matter
//! - `design`   the body after the form: steps and their minutes, homework,
//!   callouts, code fences
//! - `blocks`   one Word paragraph or table → Markdown blocks
//! - `cases`    a case told inside the text → a page of its own in `cases/`

mod blocks;
mod cases;
mod design;
mod form;

use super::detect::{self, outline_pass};
use super::docx_read::{Doc, Para};
use super::emit::{self, Block, LessonFront};
use super::Page;
use blocks::{para_blocks, table_block};
use cases::{para_text, split_cases};
use form::Field;

/// The document after the form, in order: a section label (教学设计, 作业,
/// 课后自我总结分析), a paragraph, or a table (rows → cells → paragraphs).
enum Body {
    Section(Field, String),
    P(Para),
    Table(Vec<Vec<Vec<Para>>>),
}

/// What one .docx becomes, plus notes for the import report.
pub fn pages(doc: Doc, file_stem: &str, imported: &mut crate::office::Imported) -> Vec<Page> {
    let notes = &mut imported.notes;
    let ours = doc.extra.is_some();
    let (fields, body) = form::fields_and_body(doc.items);
    let is_lesson = fields.len() >= 3;
    if !is_lesson {
        return other_page(body, &doc.title, file_stem, doc.footnotes, notes);
    }
    let unlabelled = body
        .iter()
        .filter(|b| matches!(b, Body::P(p) if p.unknown.iter().any(|u| u.contains(form::UNLABELLED))))
        .count();
    if unlabelled > 0 {
        notes.push(msg!("import_unlabelled_cells", n = unlabelled));
    }
    let mut front = form::front_from_fields(&fields, notes);
    if !ours {
        // A hand-made form ends its last item with 。 where the others end with ；.
        for list in [
            &mut front.knowledge,
            &mut front.ability,
            &mut front.content,
            &mut front.key_points,
            &mut front.difficulties,
        ] {
            for item in list.iter_mut() {
                *item = item.trim_end_matches('。').to_string();
            }
        }
    }
    if let Some(t) = doc.title.clone().filter(|_| ours) {
        front.title = t;
    }
    // A form without 章节名称 is named by the document's title, not left blank.
    if front.title.is_empty() {
        front.title = doc.title.clone().unwrap_or_default();
    }
    let ignored = doc.description.clone().filter(|d| !is_summary(d));
    if let Some(text) = &ignored {
        notes.push(msg!("import_summary_ignored", text));
    }
    front.summary = doc.description.filter(|d| is_summary(d));
    extra_keys(&mut front, doc.extra.as_deref(), notes);
    let mut blocks = design::lesson_blocks(body, ours, &mut front);
    design::spread_minutes(&mut front, notes);
    if !ours {
        blocks = outline_pass(blocks, 3);
        let (rest, cases) = split_cases(blocks);
        blocks = rest;
        let mut pages = Vec::new();
        for (title, page) in cases {
            let stem = detect::stem(&title);
            front.cases.push(format!("cases/{stem}"));
            notes.push(msg!("docx_case_split", title = &title, stem = &stem));
            pages.push(Page { dir: "cases", stem, text: page, deck_title: None });
        }
        imported.report = field_report(&front, ignored.is_some());
        let mut all = vec![lesson_page(front, blocks, doc.footnotes, file_stem)];
        all.extend(pages);
        return all;
    }
    imported.report = field_report(&front, ignored.is_some());
    // An exported lesson's .docx is named after the page: keep that name.
    let mut page = lesson_page(front, blocks, doc.footnotes, file_stem);
    page.stem = detect::stem(file_stem);
    vec![page]
}

/// The `coursesite` document property's keys; one the form gave a row for is
/// written once, from the row.
fn extra_keys(front: &mut LessonFront, extra: Option<&str>, notes: &mut Vec<crate::messages::Msg>) {
    if let Some(extra) = extra {
        match toml::from_str::<toml::Table>(extra) {
            Ok(t) => front.extra = t,
            Err(e) => notes.push(msg!("docx_property_not_toml", error = e)),
        }
    }
    for (key, set) in [
        ("course", front.course.is_some()),
        ("teacher", front.teacher.is_some()),
        ("class", front.class.is_some()),
        ("taught", front.taught.is_some()),
    ] {
        if set {
            front.extra.remove(key);
        }
    }
}

/// The import report's two lines for a lesson: the front-matter keys that
/// came in, and those a lesson needs that did not (or that were dropped).
fn field_report(f: &LessonFront, summary_dropped: bool) -> Vec<crate::messages::Msg> {
    // (key, present, required by the build)
    let keys = [
        ("number", f.number.is_some(), true),
        ("chapter", !f.chapter.is_empty(), true),
        ("hours", f.hours.is_some(), true),
        ("objectives.knowledge", !f.knowledge.is_empty(), true),
        ("objectives.ability", !f.ability.is_empty(), true),
        ("content", !f.content.is_empty(), true),
        ("methods", !f.methods.is_empty(), true),
        ("steps", !f.steps.is_empty(), true),
        ("key_points", !f.key_points.is_empty(), false),
        ("difficulties", !f.difficulties.is_empty(), false),
        ("deck", f.deck.is_some(), false),
        ("course", f.course.is_some(), false),
        ("teacher", f.teacher.is_some(), false),
        ("class", f.class.is_some(), false),
        ("taught", f.taught.is_some(), false),
        ("summary", f.summary.is_some(), false),
        ("cases", !f.cases.is_empty(), false),
        ("homework", !f.homework.is_empty(), false),
    ];
    let found: Vec<&str> = keys.iter().filter(|k| k.1).map(|k| k.0).collect();
    let mut dropped: Vec<&str> = keys.iter().filter(|k| !k.1 && k.2).map(|k| k.0).collect();
    if summary_dropped {
        dropped.push("summary");
    }
    let mut out = vec![msg!("import_fields_found", names = crate::messages::list(found))];
    out.push(if dropped.is_empty() {
        msg!("import_fields_complete")
    } else {
        msg!("import_fields_dropped", names = crate::messages::list(dropped))
    });
    out
}

/// Words of a document description written by a program, not a teacher:
/// such a description is boilerplate, never the lesson's summary.
const GENERATED: &[&str] = &[
    "python-docx",
    "generated by",
    "created with",
    "created by",
    "microsoft office",
    "microsoft word",
    "wps office",
    "libreoffice",
    "openoffice",
    "apache poi",
    "docx4j",
    "aspose",
    "pandoc",
    "officegen",
    "docx.js",
];

/// A real description: some words, not a program's signature, not a lone
/// placeholder (`无`, `-`, `description`).
fn is_summary(text: &str) -> bool {
    let lower = text.trim().to_lowercase();
    let placeholder = ["无", "暂无", "-", "none", "n/a", "description", "摘要", "备注"].contains(&lower.as_str());
    lower.chars().count() >= 2 && !placeholder && !GENERATED.iter().any(|g| lower.contains(g))
}

fn lesson_page(front: LessonFront, mut blocks: Vec<Block>, footnotes: Vec<(String, String)>, file_stem: &str) -> Page {
    for (label, text) in footnotes {
        blocks.push(Block::Raw(format!("[^{label}]: {text}")));
    }
    // 序号 and 章节名称, else the title, else the source file's name.
    let name = [&front.chapter, &front.title].into_iter().find(|t| !t.trim().is_empty()).map_or(file_stem, |t| t);
    let stem = match front.number {
        Some(n) => format!("{n:02}-{}", detect::stem(name)),
        None => detect::stem(name),
    };
    let text = format!("{}\n{}", front.to_toml(), emit::markdown(&blocks));
    Page { dir: "lessons", stem, text, deck_title: None }
}

/// Not a 教案: a call script, a case, or a plain page.
fn other_page(
    body: Vec<Body>,
    title: &Option<String>,
    file_stem: &str,
    footnotes: Vec<(String, String)>,
    _notes: &mut [crate::messages::Msg],
) -> Vec<Page> {
    let mut blocks = Vec::new();
    for b in body {
        match b {
            Body::Section(_, text) => blocks.push(Block::Heading(2, text)),
            Body::P(p) => blocks.extend(para_blocks(p, false)),
            Body::Table(rows) => blocks.push(table_block(rows)),
        }
    }
    let mut blocks = outline_pass(blocks, 2);
    for (label, text) in footnotes {
        blocks.push(Block::Raw(format!("[^{label}]: {text}")));
    }
    let title = title.clone().unwrap_or_else(|| file_stem.to_string());
    let lines: Vec<&str> = blocks.iter().filter_map(para_text).collect();
    if let Some((agent, customer)) = detect::dialogue(&lines) {
        let front = emit::simple_front(&[("title", &title), ("agent", &agent), ("customer", &customer)], &[]);
        return vec![Page {
            dir: "scripts",
            stem: detect::stem(&title),
            text: format!("{front}\n{}", emit::markdown(&blocks)),
            deck_title: None,
        }];
    }
    let (rest, cases) = split_cases(blocks);
    if cases.len() == 1 && rest.iter().all(|b| matches!(b, Block::Para(t) if t.starts_with("阅读案例"))) {
        let (case_title, text) = cases.into_iter().next().unwrap_or_default();
        let t = if case_title == "案例" { title } else { case_title };
        return vec![Page { dir: "cases", stem: detect::stem(&t), text, deck_title: None }];
    }
    let front = emit::simple_front(&[("title", &title), ("kind", "page")], &[]);
    let mut body = emit::markdown(&rest);
    let mut pages = Vec::new();
    for (t, text) in cases {
        pages.push(Page { dir: "cases", stem: detect::stem(&t), text, deck_title: None });
    }
    body = format!("{front}\n{body}");
    pages.insert(0, Page { dir: "lessons", stem: detect::stem(&title), text: body, deck_title: None });
    pages
}
