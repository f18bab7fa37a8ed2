//! Offline full-text search. The build writes the search files under `search/`
//! ([`shards`]), classic scripts that the theme's `search.js` loads with
//! `<script>` tags as a query needs them (fetch fails from `file://`; a script
//! tag does not): a manifest, key shards, head files and text buckets.
//!
//! Chinese needs no segmenter: a query's CJK run is looked up by its characters
//! (each a key), then checked as an exact substring of the candidates'
//! normalised text, loaded for the results shown: every Chinese substring is
//! found, nothing else is. Latin words are looked up by their first two letters
//! and checked at word starts. The Rust [`Index::search`] is the reference the
//! browser code follows; its unit tests pin the behaviour.
//!
//! What is indexed is what the page renders ([`sections::html_sections`] reads the
//! rendered body HTML, plus the 教案 and case fields the templates print), so
//! content a student build leaves out (teacher-only blocks, once they exist) never
//! reaches the index.

pub mod compact;
mod file;
pub mod filed;
mod index;
pub mod parts;
mod postings;
pub mod sections;
pub mod shards;
pub mod text;

pub use file::{read_index, read_part};
pub use index::{Hit, Index};
pub use parts::DocPart;

use crate::config::Language;
use crate::i18n;
use crate::model::url::encode_path;
use crate::model::{Course, Kind};
use crate::render::{Body, SearchRow};
use sections::Section;
use std::sync::Arc;

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

impl Doc {
    /// A glossary term's title and other names, normalised: typed as a query,
    /// each also finds the others.
    pub fn all_names(&self) -> Vec<String> {
        std::iter::once(&self.title).chain(&self.names).map(|n| text::normalize(n)).collect()
    }
}

/// Each glossary name → every name of the terms so named (`groups`: each
/// term's [`Doc::all_names`]), names in first-seen order.
pub(crate) fn synonym_map(groups: &[Vec<String>]) -> std::collections::BTreeMap<String, Vec<String>> {
    let mut by_name: std::collections::BTreeMap<String, Vec<String>> = std::collections::BTreeMap::new();
    for group in groups {
        for name in group {
            let all = by_name.entry(name.clone()).or_default();
            all.extend(group.iter().filter(|n| !all.contains(n)).cloned().collect::<Vec<_>>());
        }
    }
    by_name
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

/// The search files of a rendered course (see [`shards`]). `keys` are the
/// pages' pass-1 keys (their bodies are a function of them).
pub fn files(course: &Course, bodies: &mut [Body], rows: Rows, keys: &[u64]) -> Vec<shards::File> {
    let hold = matches!(rows, Rows::Cached(_));
    let (mut parts, cache, filed) = match rows {
        Rows::Cached(cache) => {
            let parts = page_parts(course, bodies, cache, keys);
            (parts, Some(&mut cache.files), cache.filed.as_slice())
        }
        Rows::Made(made, None) => (page_parts_once(course, bodies, made), None, &[][..]),
        Rows::Made(made, Some(cache)) => {
            let parts = page_parts_once(course, bodies, made);
            cache.parts = kept_parts(course, &parts, keys);
            (parts, Some(&mut cache.files), &[][..])
        }
    };
    let terms = term_docs(course, bodies);
    let synonyms = terms.iter().map(Doc::all_names).collect();
    parts.extend(terms.iter().map(|d| Arc::new(DocPart::of(d))));
    let kinds = kinds(course.config.language);
    let meta = shards::Meta { kinds: &kinds, synonyms, filed };
    shards::files(&parts, &meta, cache, hold)
}

/// Where the pages' parts come from.
pub enum Rows<'a> {
    /// `serve`: kept from the last build (see [`PageDocs`]).
    Cached(&'a mut PageDocs),
    /// A one-off build: parts already made while the pages were written (by
    /// page index; see [`page_row`]), the others made from the bodies now;
    /// with the cache to fill for the next build (the build cache, `store`).
    Made(Vec<Option<SearchRow>>, Option<&'a mut PageDocs>),
}

/// Each page's part of the search files from its last build, keyed by the
/// page's pass-1 key, and the files themselves: `serve` re-extracts only the
/// pages that changed and re-encodes only the files they are in.
#[derive(Debug, Default, serde::Serialize, serde::Deserialize)]
pub struct PageDocs {
    parts: PartMap,
    files: shards::FileCache,
    /// The build cache's text file, which the parts' filed heads and texts
    /// point into (see [`filed`]); empty in a build with no cache restored.
    #[serde(skip)]
    filed: Vec<u8>,
}

impl PageDocs {
    /// Whether the part of the page read from `source` is kept for pass-1 key `key`.
    pub fn has(&self, source: &str, key: u64) -> bool {
        self.parts.get(source).is_some_and(|(k, _)| *k == key)
    }

    /// Take the text file these parts were saved with (see [`filed`]); false,
    /// and nothing taken, when a part points outside it.
    pub fn restored(&mut self, file: Vec<u8>) -> bool {
        let fits = self.parts.values().all(|(_, p)| p.head.fits(file.len()) && p.text.fits(file.len()));
        if fits {
            self.filed = file;
        }
        fits
    }

    /// The text file as restored (empty if none was).
    pub fn filed(&self) -> &[u8] {
        &self.filed
    }

    /// Point every part at the text file, and say what to write to it for that
    /// (see [`filed::file_all`]).
    pub fn file_texts(&mut self) -> filed::Filing {
        filed::file_all(self.parts.values_mut().map(|(_, part)| part), &self.filed)
    }
}

/// Page source → (the page's pass-1 key, its part).
type PartMap = std::collections::HashMap<String, (u64, Arc<DocPart>)>;

/// Every page's part. Pages whose key is unchanged come from `cache`; the
/// others are extracted in parallel. Only parts are kept: the documents they
/// come from are dropped at once (a 10,000-page course's text is tens of MB).
fn page_parts(course: &Course, bodies: &[Body], cache: &mut PageDocs, keys: &[u64]) -> Vec<Arc<DocPart>> {
    let pages: Vec<(usize, u64)> = course
        .pages
        .iter()
        .enumerate()
        .filter(|(i, page)| !page.generated && *i < bodies.len())
        .map(|(i, _)| (i, keys.get(i).copied().unwrap_or_default()))
        .collect();
    let slots = pages
        .iter()
        .map(|&(i, key)| match cache.parts.remove(&course.pages[i].source) {
            Some((k, part)) if k == key => Some(part),
            _ => None,
        })
        .collect();
    let parts = crate::parallel::fill(slots, |p| {
        let body = &bodies[pages[p].0];
        Arc::new(DocPart::of(&page_doc(&course.pages[pages[p].0], &body.content, body)))
    });
    cache.parts = pages
        .iter()
        .zip(&parts)
        .map(|(&(i, key), part)| (course.pages[i].source.clone(), (key, Arc::clone(part))))
        .collect();
    parts
}

/// A one-off build's parts (non-generated pages, in order), by source
/// with their pages' pass-1 keys, as [`page_parts`] keeps them.
fn kept_parts(course: &Course, parts: &[Arc<DocPart>], keys: &[u64]) -> PartMap {
    let pages = course.pages.iter().enumerate().filter(|(i, page)| !page.generated && *i < keys.len());
    pages.zip(parts).map(|((i, page), part)| (page.source.clone(), (keys[i], Arc::clone(part)))).collect()
}

/// [`page_parts`] for a one-off build: parts in `made` are used as they are;
/// for the others each page's HTML is freed as soon as its part is made, so
/// the text is never held twice (the step that set a 10,000-page build's peak
/// memory).
fn page_parts_once(course: &Course, bodies: &mut [Body], mut made: Vec<Option<SearchRow>>) -> Vec<Arc<DocPart>> {
    use rayon::prelude::*;
    crate::parallel::configure(None);
    made.resize(bodies.len(), None);
    bodies
        .par_iter_mut()
        .zip(made)
        .enumerate()
        .filter(|(i, _)| course.pages.get(*i).is_some_and(|p| !p.generated))
        .map(|(i, (body, made))| {
            let part = made.and_then(|m| m.downcast::<DocPart>().ok());
            let part = part.unwrap_or_else(|| Arc::new(DocPart::of(&page_doc(&course.pages[i], &body.content, body))));
            body.content = String::new();
            body.questions.html = String::new();
            body.analysis.html = String::new();
            part
        })
        .collect()
}

/// One page's part of the search files, as the render step's [`SearchRow`].
/// `content` is the page's rendered Markdown (`body.content`, or what was
/// taken out of it); a case's questions and analysis come from `body`.
pub fn page_row(page: &crate::model::Page, content: &str, body: &Body) -> SearchRow {
    Arc::new(DocPart::of(&page_doc(page, content, body)))
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
