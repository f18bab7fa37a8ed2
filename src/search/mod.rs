//! Offline full-text search. The build writes `search-index.js`, which the theme's
//! `search.js` loads with a `<script>` tag on first use (fetch fails from
//! `file://`; a script tag does not).
//!
//! Chinese needs no segmenter: the index keys are single CJK characters, pairs of
//! adjacent CJK characters and Latin words, so a query is looked up by its
//! bigrams (or its one character) and then checked as an exact substring of the
//! normalised text: every Chinese substring is found, nothing else is.
//!
//! The file carries each page's visible text by section (which doubles as the
//! snippet source and is the smallest form of the bigram index: gzip packs text
//! better than posting lists), and the browser builds the key → documents table
//! from it at load time, with the same folding table as [`text::fold`]. The Rust
//! [`Index::search`] is the reference the browser code follows; its unit tests pin
//! the behaviour.
//!
//! What is indexed is what the page renders ([`sections::html_sections`] reads the
//! rendered body HTML, plus the 教案 and case fields the templates print), so
//! content a student build leaves out (teacher-only blocks, once they exist) never
//! reaches the index.

pub mod compact;
mod file;
mod index;
pub mod sections;
pub mod text;

use file::{js, row};
pub use file::{read_index_js, INDEX_PREFIX};
pub use index::{Hit, Index};

use crate::config::Language;
use crate::i18n;
use crate::model::url::encode_path;
use crate::model::{Course, Kind};
use crate::render::Body;
use sections::Section;
use std::sync::Arc;

/// Output path of the index, under the site root.
pub const INDEX_FILE: &str = "search-index.js";

/// Ranking: where a query term is found. Title > heading > glossary term or
/// alias > body.
pub const SCORE_TITLE: u32 = 100;
pub const SCORE_HEADING: u32 = 50;
pub const SCORE_TERM: u32 = 30;
pub const SCORE_BODY: u32 = 10;

/// What a result is, for its label: a page kind, or a glossary term.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DocKind {
    Page(Kind),
    Term,
}

impl DocKind {
    /// Index into the `kinds` label list of the file: [`Kind::ALL`], then 术语.
    fn code(self) -> usize {
        match self {
            DocKind::Page(k) => k as usize,
            DocKind::Term => Kind::ALL.len(),
        }
    }
}

#[derive(Debug, Clone)]
pub struct Doc {
    /// Relative to the site root, with `#anchor` for a glossary term.
    pub url: String,
    pub title: String,
    pub kind: DocKind,
    /// A glossary term's aliases and English name.
    pub names: Vec<String>,
    pub sections: Vec<Section>,
}

/// The index of a rendered course: every non-generated page, by section, and
/// every glossary term as its own result.
pub fn build(course: &Course, bodies: &[Body]) -> Index {
    let mut docs: Vec<Doc> = course
        .pages
        .iter()
        .zip(bodies)
        .filter(|(page, _)| !page.generated)
        .map(|(page, body)| page_doc(page, &body.content, body))
        .collect();
    docs.extend(term_docs(course, bodies));
    Index::new(docs, course.config.language)
}

/// `search-index.js` of a rendered course. The browser builds its own lookup
/// tables when the file loads, so only the documents are written (computing
/// the Rust-side postings here cost a serve rebuild a second at 1,000 pages).
/// `keys` are the pages' pass-1 keys (their bodies are a function of them).
/// Without a `cache` (a one-off build) no row outlives the call: each is
/// freed as soon as it is encoded into the file.
pub fn index_js(course: &Course, bodies: &mut [Body], rows: Rows, keys: &[u64]) -> String {
    let mut rows = match rows {
        Rows::Cached(cache) => page_rows(course, bodies, cache, keys),
        Rows::Made(made) => page_rows_once(course, bodies, made),
    };
    rows.extend(term_docs(course, bodies).iter().map(|d| Arc::from(row(d))));
    js(rows, &kinds(course.config.language))
}

/// Where the pages' rows come from.
pub enum Rows<'a> {
    /// `serve`: kept from the last build (see [`PageDocs`]).
    Cached(&'a mut PageDocs),
    /// A one-off build: rows already made while the pages were written (by
    /// page index; see [`page_row`]), the others made from the bodies now.
    Made(Vec<Option<Arc<str>>>),
}

/// Each page's row of `search-index.js` from its last build, keyed by the
/// page's pass-1 key: `serve` re-extracts only the pages that changed.
#[derive(Debug, Default)]
pub struct PageDocs {
    rows: std::collections::HashMap<String, (u64, Arc<str>)>,
}

/// Every page's serialised row. Pages whose key is unchanged come from
/// `cache`; the others are extracted in parallel. Only rows are kept: the
/// documents they come from are dropped at once (a 10,000-page course's text
/// is tens of MB).
fn page_rows(course: &Course, bodies: &[Body], cache: &mut PageDocs, keys: &[u64]) -> Vec<Arc<str>> {
    let pages: Vec<(usize, u64)> = course
        .pages
        .iter()
        .enumerate()
        .filter(|(i, page)| !page.generated && *i < bodies.len())
        .map(|(i, _)| (i, keys.get(i).copied().unwrap_or_default()))
        .collect();
    let slots = pages
        .iter()
        .map(|&(i, key)| match cache.rows.remove(&course.pages[i].out) {
            Some((k, row)) if k == key => Some(row),
            _ => None,
        })
        .collect();
    let rows = crate::parallel::fill(slots, |p| {
        let body = &bodies[pages[p].0];
        page_row(&course.pages[pages[p].0], &body.content, body)
    });
    cache.rows =
        pages.iter().zip(&rows).map(|(&(i, key), row)| (course.pages[i].out.clone(), (key, Arc::clone(row)))).collect();
    rows
}

/// [`page_rows`] for a one-off build: rows in `made` are used as they are; for
/// the others each page's HTML is freed as soon as its row is made, so the
/// text is never held twice (the step that set a 10,000-page build's peak
/// memory).
fn page_rows_once(course: &Course, bodies: &mut [Body], mut made: Vec<Option<Arc<str>>>) -> Vec<Arc<str>> {
    use rayon::prelude::*;
    crate::parallel::configure(None);
    made.resize(bodies.len(), None);
    bodies
        .par_iter_mut()
        .zip(made)
        .enumerate()
        .filter(|(i, _)| course.pages.get(*i).is_some_and(|p| !p.generated))
        .map(|(i, (body, made))| {
            let row = made.unwrap_or_else(|| page_row(&course.pages[i], &body.content, body));
            body.content = String::new();
            body.questions.html = String::new();
            body.analysis.html = String::new();
            row
        })
        .collect()
}

/// One page's serialised row of `search-index.js`. `content` is the page's
/// rendered Markdown (`body.content`, or what was taken out of it); a case's
/// questions and analysis come from `body`.
pub fn page_row(page: &crate::model::Page, content: &str, body: &Body) -> Arc<str> {
    Arc::from(row(&page_doc(page, content, body)))
}

/// Every glossary term as a document of its own, linking to its entry.
fn term_docs(course: &Course, bodies: &[Body]) -> Vec<Doc> {
    let Some(glossary) = &course.glossary else { return Vec::new() };
    let out = encode_path(&course.pages[glossary.page].out);
    let defs = bodies.get(glossary.page).map(|b| b.definitions.as_slice()).unwrap_or_default();
    glossary
        .terms
        .iter()
        .enumerate()
        .map(|(i, term)| {
            let mut names = term.aliases.clone();
            names.extend(term.en.iter().cloned());
            let def = defs.get(i).map(|h| sections::html_sections(h)).unwrap_or_default();
            let text = def.iter().map(|s| s.text.as_str()).collect::<Vec<_>>().join(" ");
            Doc {
                url: format!("{out}#{}", encode_path(&term.id)),
                title: term.name.clone(),
                kind: DocKind::Term,
                names,
                sections: vec![Section { text, ..Section::default() }],
            }
        })
        .collect()
}

/// One page's document: its visible text by section, the 教案 and case fields
/// the templates print leading the first section.
fn page_doc(page: &crate::model::Page, content: &str, body: &Body) -> Doc {
    let mut sections = Vec::new();
    let mut fields = Vec::new();
    if let Some(plan) = &page.lesson {
        fields.extend(plan.knowledge.iter().chain(&plan.ability).chain(&plan.content).chain(&plan.methods).cloned());
        fields.extend(plan.key_points.iter().chain(&plan.difficulties).chain(&plan.homework).cloned());
        fields.extend(plan.deck.iter().cloned());
        fields.extend(plan.steps.iter().map(|s| s.name.clone()));
    }
    if let Some(case) = &page.case {
        fields.extend(case.company.iter().chain(&case.source).cloned());
    }
    if let Some(summary) = &page.summary {
        fields.insert(0, summary.clone());
    }
    let mut sec = sections::html_sections(content);
    if !fields.is_empty() {
        let head = fields.join(" ");
        match sec.first_mut().filter(|s| s.anchor.is_empty()) {
            Some(first) => first.text = format!("{head} {}", first.text).trim().to_string(),
            None => sec.insert(0, Section { text: head, ..Section::default() }),
        }
    }
    sections.append(&mut sec);
    for part in [&body.questions, &body.analysis] {
        let mut part_secs = sections::html_sections(&part.html);
        if let (Some(id), Some(title)) = (&part.id, &part.title) {
            match part_secs.first_mut().filter(|s| s.anchor.is_empty()) {
                Some(first) => {
                    first.anchor = id.clone();
                    first.heading = title.clone();
                }
                None => {
                    part_secs.insert(0, Section { anchor: id.clone(), heading: title.clone(), ..Section::default() })
                }
            }
        }
        sections.append(&mut part_secs);
    }
    Doc {
        url: encode_path(&page.out),
        title: page.title.clone(),
        kind: DocKind::Page(page.kind),
        names: Vec::new(),
        sections,
    }
}

pub(super) fn kinds(lang: Language) -> Vec<&'static str> {
    let mut kinds: Vec<&'static str> =
        Kind::ALL.iter().map(|k| i18n::t(lang, &format!("kind_{}", k.as_str()))).collect();
    kinds.push(i18n::t(lang, "search_kind_term"));
    kinds
}
