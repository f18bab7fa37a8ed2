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
//! What is indexed is what the page renders ([`text::html_sections`] reads the
//! rendered body HTML, plus the 教案 and case fields the templates print), so
//! content a student build leaves out (teacher-only blocks, once they exist) never
//! reaches the index.

pub mod compact;
pub mod text;

use crate::config::Language;
use crate::i18n;
use crate::model::{Course, Kind};
use crate::render::body::Body;
use crate::render::links::encode_path;
use serde::Serialize;
use std::collections::{BTreeMap, BTreeSet};
use std::sync::Arc;
use text::{Section, Term};

/// Output path of the index, under the site root.
pub const INDEX_FILE: &str = "search-index.js";
/// The full results page (`search.html?q=…`).
pub const RESULTS_PAGE: &str = "search.html";

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

/// Glossary names: any of them typed as a query also finds the others.
#[derive(Debug, Clone)]
struct Synonyms {
    /// Normalised name or alias → all normalised names of that term.
    by_name: BTreeMap<String, Vec<String>>,
}

#[derive(Debug)]
pub struct Index {
    pub docs: Vec<Doc>,
    /// Key (CJK character, CJK bigram or word) → documents holding it.
    postings: BTreeMap<String, Vec<u32>>,
    /// Per document: normalised title, names, headings, section texts.
    norm: Vec<NormDoc>,
    synonyms: Synonyms,
    kinds: Vec<&'static str>,
}

#[derive(Debug)]
struct NormDoc {
    title: String,
    names: Vec<String>,
    headings: Vec<String>,
    texts: Vec<String>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Hit {
    pub doc: usize,
    pub score: u32,
    /// The section whose text (or heading) matched first, for the link and snippet.
    pub section: usize,
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
            let def = defs.get(i).map(|h| text::html_sections(h)).unwrap_or_default();
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
    let mut sec = text::html_sections(content);
    if !fields.is_empty() {
        let head = fields.join(" ");
        match sec.first_mut().filter(|s| s.anchor.is_empty()) {
            Some(first) => first.text = format!("{head} {}", first.text).trim().to_string(),
            None => sec.insert(0, Section { text: head, ..Section::default() }),
        }
    }
    sections.append(&mut sec);
    for part in [&body.questions, &body.analysis] {
        let mut part_secs = text::html_sections(&part.html);
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

fn kinds(lang: Language) -> Vec<&'static str> {
    let mut kinds: Vec<&'static str> =
        Kind::ALL.iter().map(|k| i18n::t(lang, &format!("kind_{}", k.as_str()))).collect();
    kinds.push(i18n::t(lang, "search_kind_term"));
    kinds
}

impl Index {
    pub fn new(docs: Vec<Doc>, lang: Language) -> Index {
        let mut postings: BTreeMap<String, Vec<u32>> = BTreeMap::new();
        let mut norm = Vec::with_capacity(docs.len());
        let mut by_name: BTreeMap<String, Vec<String>> = BTreeMap::new();
        for (i, doc) in docs.iter().enumerate() {
            let n = NormDoc {
                title: text::normalize(&doc.title),
                names: doc.names.iter().map(|s| text::normalize(s)).collect(),
                headings: doc.sections.iter().map(|s| text::normalize(&s.heading)).collect(),
                texts: doc.sections.iter().map(|s| text::normalize(&s.text)).collect(),
            };
            let mut keys = BTreeSet::new();
            for field in std::iter::once(&n.title).chain(&n.names).chain(&n.headings).chain(&n.texts) {
                keys.extend(text::tokens(field));
            }
            for key in keys {
                postings.entry(key).or_default().push(i as u32);
            }
            if doc.kind == DocKind::Term {
                let all: Vec<String> = std::iter::once(n.title.clone()).chain(n.names.iter().cloned()).collect();
                for name in &all {
                    by_name.entry(name.clone()).or_default().extend(all.iter().cloned());
                }
            }
            norm.push(n);
        }
        Index { docs, postings, norm, synonyms: Synonyms { by_name }, kinds: kinds(lang) }
    }

    /// Documents matching every term of `query`, best first (ties in page order).
    pub fn search(&self, query: &str) -> Vec<Hit> {
        let terms = text::terms(query);
        if terms.is_empty() {
            return Vec::new();
        }
        // Each term with the names it stands for (an alias finds its term's pages).
        let expanded: Vec<(Term, Vec<Term>)> = terms
            .iter()
            .map(|t| {
                let others = self.synonyms.by_name.get(t.as_str()).cloned().unwrap_or_default();
                let others = others.into_iter().filter(|o| o != t.as_str()).map(|o| as_term(&o)).collect();
                (t.clone(), others)
            })
            .collect();
        let mut hits = Vec::new();
        for doc in 0..self.docs.len() {
            let mut total = 0;
            let mut section = None;
            let mut all = true;
            for (term, syns) in &expanded {
                let (mut score, mut sec) = self.score(doc, term);
                // Another name of the same glossary term counts half.
                for s in syns {
                    let (sc, se) = self.score(doc, s);
                    if sc / 2 > score {
                        score = sc / 2;
                        sec = se;
                    }
                }
                if score == 0 {
                    all = false;
                    break;
                }
                total += score;
                section = section.or(sec);
            }
            if all {
                if self.norm[doc].title == text::normalize(query.trim()) {
                    total += SCORE_TITLE;
                }
                hits.push(Hit { doc, score: total, section: section.unwrap_or(0) });
            }
        }
        hits.sort_by(|a, b| b.score.cmp(&a.score).then(a.doc.cmp(&b.doc)));
        hits
    }

    /// Candidate documents for a term, from the postings.
    fn candidates(&self, term: &Term) -> Option<BTreeSet<u32>> {
        match term {
            Term::Cjk(s) => {
                let mut set: Option<BTreeSet<u32>> = None;
                for key in text::keys_for(s) {
                    let docs: BTreeSet<u32> = self.postings.get(&key)?.iter().copied().collect();
                    set = Some(match set {
                        Some(prev) => prev.intersection(&docs).copied().collect(),
                        None => docs,
                    });
                }
                set
            }
            Term::Word(w) => {
                let set: BTreeSet<u32> = self
                    .postings
                    .range(w.clone()..)
                    .take_while(|(k, _)| k.starts_with(w.as_str()))
                    .flat_map(|(_, d)| d.iter().copied())
                    .collect();
                Some(set)
            }
        }
    }

    /// Best place of `term` in document `doc`: (score, section).
    fn score(&self, doc: usize, term: &Term) -> (u32, Option<usize>) {
        if !self.candidates(term).is_some_and(|c| c.contains(&(doc as u32))) {
            return (0, None);
        }
        let n = &self.norm[doc];
        let found = |s: &str| !text::find_all(s, term).is_empty();
        if found(&n.title) {
            let sec = n.texts.iter().position(|t| found(t));
            return (SCORE_TITLE, sec);
        }
        if let Some(i) = n.headings.iter().position(|h| found(h)) {
            return (SCORE_HEADING, Some(i));
        }
        if n.names.iter().any(|s| found(s)) {
            return (SCORE_TERM, None);
        }
        match n.texts.iter().position(|t| found(t)) {
            Some(i) => (SCORE_BODY, Some(i)),
            None => (0, None),
        }
    }

    /// `search-index.js`: one assignment the search UI picks up after loading the
    /// file. Deterministic (page order, then glossary order).
    pub fn to_js(&self) -> String {
        let rows: Vec<String> = self.docs.iter().map(row).collect();
        js(rows, &self.kinds)
    }
}

/// One document as its row of `search-index.js`:
/// `[url, title, kind, names, [[anchor, heading, text], …]]`.
fn row(d: &Doc) -> String {
    let secs: Vec<[&str; 3]> =
        d.sections.iter().map(|s| [s.anchor.as_str(), s.heading.as_str(), s.text.as_str()]).collect();
    serde_json::to_string(&(d.url.as_str(), d.title.as_str(), d.kind.code(), d.names.as_slice(), secs))
        .unwrap_or_else(|_| "null".into())
}

/// The whole file from its rows (cached per page by `serve`): one assignment
/// the search UI picks up after loading it. The documents are written in the
/// compact spelling of [`compact`], with its table in `map`.
fn js<R: AsRef<str>>(rows: Vec<R>, kinds: &[&'static str]) -> String {
    #[derive(Serialize)]
    struct Head<'a> {
        v: u32,
        fold: [&'a str; 2],
        kinds: &'a [&'static str],
        scores: [u32; 4],
        map: String,
    }
    let table = compact::Table::of(rows.iter().map(AsRef::as_ref));
    let head = Head {
        v: 2,
        fold: [text::FOLD_FROM, text::FOLD_TO],
        kinds,
        scores: [SCORE_TITLE, SCORE_HEADING, SCORE_TERM, SCORE_BODY],
        map: table.chars().iter().collect(),
    };
    let head = serde_json::to_string(&head).unwrap_or_else(|_| "{}".into());
    let size: usize = rows.iter().map(|r| r.as_ref().len()).sum();
    let mut out = String::with_capacity(size * 3 / 4 + head.len() + 64);
    out.push_str(INDEX_PREFIX);
    out.push_str(head.strip_suffix('}').unwrap_or("{"));
    out.push_str(",\"docs\":[");
    // Consumed in order: a row no one else holds is freed once encoded.
    for (i, r) in rows.into_iter().enumerate() {
        if i > 0 {
            out.push(',');
        }
        table.encode_into(&mut out, r.as_ref());
    }
    out.push_str("]};\n");
    out
}

/// How `search-index.js` starts: one assignment to this global.
pub const INDEX_PREFIX: &str = "window.coursesiteSearchIndex=";

/// The JSON of a `search-index.js` with its documents decoded back to plain
/// text: what the browser sees after loading it (for tests and tools).
pub fn read_index_js(js: &str) -> Option<serde_json::Value> {
    let json = js.trim_end().strip_prefix(INDEX_PREFIX)?.strip_suffix(';')?;
    let mut value: serde_json::Value = serde_json::from_str(json).ok()?;
    let table: Vec<char> = value.get("map")?.as_str()?.chars().collect();
    decode_strings(value.get_mut("docs")?, &table);
    Some(value)
}

fn decode_strings(v: &mut serde_json::Value, table: &[char]) {
    match v {
        serde_json::Value::String(s) => *s = compact::decode(s, table),
        serde_json::Value::Array(items) => items.iter_mut().for_each(|i| decode_strings(i, table)),
        _ => {}
    }
}

fn as_term(normalised: &str) -> Term {
    match text::terms(normalised).as_slice() {
        [Term::Word(w)] => Term::Word(w.clone()),
        _ => Term::Cjk(normalised.to_string()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn doc(url: &str, title: &str, kind: DocKind, names: &[&str], secs: &[(&str, &str)]) -> Doc {
        Doc {
            url: url.into(),
            title: title.into(),
            kind,
            names: names.iter().map(|s| s.to_string()).collect(),
            sections: secs
                .iter()
                .map(|(h, t)| Section { anchor: h.to_string(), heading: h.to_string(), text: t.to_string() })
                .collect(),
        }
    }

    fn sample() -> Index {
        Index::new(
            vec![
                doc(
                    "lessons/01.html",
                    "项目一 理解客户服务",
                    DocKind::Page(Kind::Lesson),
                    &[],
                    &[("", "客户是企业的衣食父母。"), ("售后服务", "售后服务包括退换货。大客户要专人跟进。")],
                ),
                doc(
                    "lessons/02.html",
                    "项目二 接待",
                    DocKind::Page(Kind::Lesson),
                    &[],
                    &[("", "CRM 系统记录每位关键客户的需求。Customers come first.")],
                ),
                doc(
                    "cases/a.html",
                    "投诉处理六步",
                    DocKind::Page(Kind::Case),
                    &[],
                    &[("", "第一步，倾听。用ＣＲＭ系统查询。")],
                ),
                doc(
                    "glossary.html#关键客户",
                    "关键客户",
                    DocKind::Term,
                    &["大客户", "key account"],
                    &[("", "利润贡献最大的客户。")],
                ),
            ],
            Language::ZhCn,
        )
    }

    fn urls(index: &Index, q: &str) -> Vec<String> {
        index.search(q).into_iter().map(|h| index.docs[h.doc].url.clone()).collect()
    }

    #[test]
    fn bigram_queries_have_exact_substring_recall() {
        let ix = sample();
        assert_eq!(urls(&ix, "售后服务"), vec!["lessons/01.html"]);
        assert_eq!(urls(&ix, "投诉处理六步"), vec!["cases/a.html"]);
        assert_eq!(urls(&ix, "户服务"), vec!["lessons/01.html"]);
        assert_eq!(urls(&ix, "衣食父母"), vec!["lessons/01.html"]);
        // Lesson 1 holds every bigram of 户服务包 (客户服务 in the title, 售后服务包括
        // in the body) but not the string: no false hit.
        assert!(urls(&ix, "户服务包").is_empty());
        assert!(urls(&ix, "父母衣食").is_empty());
        assert!(urls(&ix, "售前服务").is_empty());
    }

    #[test]
    fn one_character_queries_use_single_characters() {
        let ix = sample();
        assert_eq!(urls(&ix, "衣"), vec!["lessons/01.html"]);
        assert_eq!(urls(&ix, "步"), vec!["cases/a.html"]);
        assert!(urls(&ix, "龙").is_empty());
    }

    #[test]
    fn latin_words_are_case_folded_and_prefix_matched() {
        let ix = sample();
        assert_eq!(urls(&ix, "custom"), vec!["lessons/02.html"]);
        assert_eq!(urls(&ix, "CUSTOMERS"), vec!["lessons/02.html"]);
        assert!(urls(&ix, "ustomer").is_empty(), "prefix, not infix");
        assert_eq!(urls(&ix, "key acc"), vec!["glossary.html#关键客户"]);
    }

    #[test]
    fn mixed_queries_need_every_term() {
        let ix = sample();
        assert_eq!(urls(&ix, "CRM 系统"), vec!["lessons/02.html", "cases/a.html"]);
        assert_eq!(urls(&ix, "crm系统"), vec!["lessons/02.html", "cases/a.html"]);
        assert_eq!(urls(&ix, "CRM 倾听"), vec!["cases/a.html"]);
        assert!(urls(&ix, "CRM 售后").is_empty());
    }

    #[test]
    fn full_width_and_punctuation_are_normalised() {
        let ix = sample();
        // Full-width ＣＲＭ in the text, half-width in the query, and the reverse.
        assert!(urls(&ix, "crm").contains(&"cases/a.html".to_string()));
        assert!(urls(&ix, "ＣＲＭ").contains(&"lessons/02.html".to_string()));
        // Punctuation separates terms whatever its width.
        assert_eq!(urls(&ix, "第一步,倾听"), vec!["cases/a.html"]);
        assert_eq!(urls(&ix, "第一步，倾听"), vec!["cases/a.html"]);
        assert!(urls(&ix, "，。").is_empty());
        assert!(urls(&ix, "").is_empty());
    }

    #[test]
    fn ranking_title_heading_term_body_and_aliases_find_their_term() {
        let ix = sample();
        let hits = ix.search("大客户");
        let got: Vec<&str> = hits.iter().map(|h| ix.docs[h.doc].url.as_str()).collect();
        // The term (its title 关键客户 is the alias's other name), then the lesson
        // saying 大客户 in its body, then the lesson using the name 关键客户.
        assert_eq!(got, vec!["glossary.html#关键客户", "lessons/01.html", "lessons/02.html"]);
        assert_eq!(hits.iter().map(|h| h.score).collect::<Vec<_>>(), vec![SCORE_TITLE / 2, SCORE_BODY, SCORE_BODY / 2]);
        // An alias alone (no synonym involved) ranks at the glossary level.
        let hits = ix.search("key account");
        assert_eq!(hits[0].score, SCORE_TERM * 2);
        // 客户: in the titles of lesson 1 and the term; headings outrank body.
        let hits = ix.search("售后");
        assert_eq!(hits[0].score, SCORE_HEADING);
        assert_eq!(hits[0].section, 1);
        let hits = ix.search("关键客户");
        assert_eq!(ix.docs[hits[0].doc].url, "glossary.html#关键客户");
        assert_eq!(hits[0].score, SCORE_TITLE * 2, "exact title");
    }

    #[test]
    fn the_file_is_a_script_with_labels_the_fold_table_and_compact_text() {
        let ix = sample();
        let js = ix.to_js();
        assert!(js.starts_with("window.coursesiteSearchIndex={\"v\":2,"));
        assert!(js.contains("\"kinds\":[\"教案\",\"案例\",\"话术\",\"测验\",\"术语表\",\"页面\",\"术语\"]"), "{js}");
        assert!(js.trim_end().ends_with("};"));
        // The documents are respelt: the term's row is not in the file as typed…
        assert!(!js.contains("[\"glossary.html#关键客户\",\"关键客户\""));
        // …and reads back exactly.
        let read = read_index_js(&js).expect("readable");
        let docs = read["docs"].as_array().expect("docs");
        assert_eq!(docs.len(), ix.docs.len());
        let term = docs.iter().find(|d| d[0] == "glossary.html#关键客户").expect("term row");
        assert_eq!(term[1], "关键客户");
        assert_eq!(term[3], serde_json::json!(["大客户", "key account"]));
        for (row, doc) in docs.iter().zip(&ix.docs) {
            assert_eq!(row[1], doc.title.as_str());
            let secs = row[4].as_array().expect("sections");
            for (s, d) in secs.iter().zip(&doc.sections) {
                assert_eq!(
                    (s[0].as_str(), s[1].as_str(), s[2].as_str()),
                    (Some(&*d.anchor), Some(&*d.heading), Some(&*d.text))
                );
            }
        }
    }
}
