//! Incremental rendering, the simple way (STYLE.md): the model is rebuilt on
//! every change; a page is re-rendered only when the inputs it reads hash
//! differently. Pass 1 (Markdown) reads the page's own source plus what every
//! page may name (ids, titles, outputs, assets, glossary); pass 2 (templates)
//! reads its body, its backlinks and the site-wide navigation. A build with an
//! empty cache and one after any sequence of edits run the same code on the
//! same inputs, so their output is byte-identical.

use super::body::Body;
use super::graph::Graph;
use crate::diag::Diagnostic;
use crate::fingerprint::KeyHasher;
use crate::model::{Course, TopItem};
use std::collections::HashMap;
use std::hash::{Hash, Hasher};
use std::sync::Arc;

/// A deck's input key, HTML and fit warnings.
pub type CachedDeck = (u64, Cached, Vec<Diagnostic>);

/// A file a cache keeps: its bytes (`serve` holds every page), or only the
/// knowledge that the output folder holds it as the last build wrote it (a
/// one-off build, and a cache restored from disk by `store`).
#[derive(Debug, Clone)]
pub enum Cached {
    Held(Arc<Vec<u8>>),
    Written,
}

/// A kept file is stored as "written": a cache saved to disk (`store`) never
/// holds bytes, the output folder does.
impl serde::Serialize for Cached {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_unit()
    }
}

impl<'de> serde::Deserialize<'de> for Cached {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        <()>::deserialize(deserializer).map(|()| Cached::Written)
    }
}

impl Cached {
    /// The file of this build: the same bytes, or the one already written.
    pub fn contents(&self) -> super::Contents {
        match self {
            Cached::Held(bytes) => super::Contents::Shared(Arc::clone(bytes)),
            Cached::Written => super::Contents::Kept,
        }
    }

    /// The bytes of a file made by this build (empty for one written before).
    pub fn held(&self) -> &[u8] {
        match self {
            Cached::Held(bytes) => bytes,
            Cached::Written => &[],
        }
    }

    /// What to keep of a file this build made: its bytes when it is in memory.
    pub fn of(contents: &super::Contents) -> Option<Cached> {
        match contents {
            super::Contents::Shared(bytes) => Some(Cached::Held(Arc::clone(bytes))),
            super::Contents::Written | super::Contents::Kept => Some(Cached::Written),
            super::Contents::Bytes(_) | super::Contents::Copy(_) => None,
        }
    }
}

/// What survives between builds of one `serve` session, or from one build to
/// the next through the build cache (`store`, which keeps all but the templates).
#[derive(Debug, Default, serde::Serialize, serde::Deserialize)]
pub struct RenderCache {
    /// Page source → (input key, rendered body, what rendering reported).
    pass1: HashMap<String, (u64, Body, Vec<Diagnostic>)>,
    /// Output path → (input key, HTML).
    pass2: HashMap<String, (u64, Cached)>,
    /// Print-book chapters: output path → (the page's input key, chapter). Kept
    /// with their bytes (unlike pages): a build from the build cache puts the
    /// book together from every page's chapter.
    chapters: HashMap<String, (u64, super::pages::Chapter)>,
    /// Slide decks: output path → (input key, HTML, fit warnings). Kept apart from
    /// pages so `rendered` lists pages only (see render::slides).
    pub decks: HashMap<String, CachedDeck>,
    /// Output paths re-rendered by the last build, in page order.
    #[serde(skip)]
    pub rendered: Vec<String>,
    /// The parsed templates and the hash of their sources.
    #[serde(skip)]
    tera: Option<(u64, Arc<super::templates::Templates>)>,
}

impl RenderCache {
    /// A cached body for `source` if its key matches (removed from the cache: it
    /// is put back by [`RenderCache::store_body`] after the build).
    pub fn take_body(&mut self, source: &str, key: u64) -> Option<(Body, Vec<Diagnostic>)> {
        match self.pass1.remove(source) {
            Some((k, body, diags)) if k == key => Some((body, diags)),
            _ => None,
        }
    }

    pub fn store_body(&mut self, source: String, key: u64, body: Body, diags: Vec<Diagnostic>) {
        self.pass1.insert(source, (key, body, diags));
    }

    pub fn html(&self, out: &str, key: u64) -> Option<&Cached> {
        self.pass2.get(out).filter(|(k, _)| *k == key).map(|(_, html)| html)
    }

    pub fn store_html(&mut self, out: String, key: u64, html: Cached) {
        self.pass2.insert(out, (key, html));
    }

    pub fn chapter(&self, out: &str, key: u64) -> Option<super::pages::Chapter> {
        self.chapters.get(out).filter(|(k, _)| *k == key).map(|(_, chapter)| Arc::clone(chapter))
    }

    pub fn store_chapter(&mut self, out: String, key: u64, chapter: super::pages::Chapter) {
        self.chapters.insert(out, (key, chapter));
    }

    /// The theme's templates, parsed again only when a template changed.
    pub fn tera(
        &mut self,
        theme: &crate::theme::Theme,
        lang: crate::config::Language,
    ) -> Result<Arc<super::templates::Templates>, Diagnostic> {
        let sources: Vec<_> = theme.templates.iter().map(|(k, f)| (k, &f.contents, &f.origin)).collect();
        let key = hash_of(&(sources, lang.tag()));
        if let Some((k, tera)) = &self.tera {
            if *k == key {
                return Ok(Arc::clone(tera));
            }
        }
        self.tera = None;
        let tera = Arc::new(super::templates::load(theme, lang)?);
        self.tera = Some((key, Arc::clone(&tera)));
        Ok(tera)
    }

    /// Keep a render's bodies for the next build (with what rendering them
    /// reported), and hand back its files.
    pub fn keep(&mut self, course: &Course, rendered: super::Rendered) -> super::Site {
        let super::Rendered { site, bodies, keys, body_diags, .. } = rendered;
        for ((page, body), (key, page_diags)) in course.pages.iter().zip(bodies).zip(keys.into_iter().zip(body_diags)) {
            // A body whose anchors were rewritten to another page's ids depends on
            // that page: render it again next time.
            if body.state.anchor_fixes.is_empty() {
                self.store_body(page.source.clone(), key, body, page_diags);
            }
        }
        site
    }

    /// Keep only the bodies `keep(source, key)` approves (the build cache keeps
    /// a body only with its page's search part, which is made from its HTML).
    pub fn retain_bodies(&mut self, keep: impl Fn(&str, u64) -> bool) {
        self.pass1.retain(|source, (key, _, _)| keep(source, *key));
    }

    /// A body restored from the build cache without its HTML (see `store`).
    pub fn restored(&mut self) {
        for (_, body, _) in self.pass1.values_mut() {
            body.hollow = true;
        }
    }

    /// Forget pages that no longer exist.
    pub fn retain(&mut self, course: &Course) {
        let sources: std::collections::HashSet<&str> = course.pages.iter().map(|p| p.source.as_str()).collect();
        let outs: std::collections::HashSet<&str> = course.pages.iter().map(|p| p.out.as_str()).collect();
        self.pass1.retain(|k, _| sources.contains(k.as_str()));
        self.pass2.retain(|k, _| outs.contains(k.as_str()) || k == "404.html" || k == super::RESULTS_PAGE);
        self.chapters.retain(|k, _| outs.contains(k.as_str()));
    }
}

pub use crate::fingerprint::hash_of;

/// Everything any page's Markdown may read besides its own source: how pages
/// and files are named, their titles, the glossary, the Markdown options.
/// `templates` is the theme's key ([`super::templates::Templates::key`]):
/// quizzes and scripts in bodies are written by its macros.
pub fn shared_pass1(course: &Course, templates: u64) -> u64 {
    let mut h = KeyHasher::new();
    templates.hash(&mut h);
    let md = &course.config.markdown;
    (md.raw_html_mode(), md.cjk_breaks, md.highlight, md.smart_punctuation, md.hard_breaks).hash(&mut h);
    course.config.language.tag().hash(&mut h);
    course.profile.hash(&mut h);
    format!("{:?}", course.config.glossary.link).hash(&mut h);
    for p in &course.pages {
        (&p.source, &p.id, &p.out, &p.title, p.generated, &p.dir).hash(&mut h);
    }
    for a in &course.assets {
        a.rel.hash(&mut h);
    }
    if let Some(g) = &course.glossary {
        g.page.hash(&mut h);
        for t in &g.terms {
            (&t.name, &t.id, &t.aliases).hash(&mut h);
        }
    }
    h.finish()
}

/// A page's pass-1 key: the shared inputs and its own source.
pub fn page_pass1(shared: u64, course: &Course, index: usize) -> u64 {
    let p = &course.pages[index];
    hash_of(&(shared, index, &p.text, p.body_offset, p.body_line, p.kind, p.glossary_links, &p.display))
}

/// What every page's template reads from the whole site: navigation, order,
/// sections, summaries, the course settings.
pub fn shared_pass2(course: &Course, shared1: u64) -> u64 {
    let mut h = KeyHasher::new();
    shared1.hash(&mut h);
    let c = &course.config;
    (&c.title, &c.subtitle, &c.authors, &c.base_path, &c.nav).hash(&mut h);
    course.order.hash(&mut h);
    for item in &course.top {
        match item {
            TopItem::Section(d) => (0u8, d).hash(&mut h),
            TopItem::Page(p) => (1u8, *p).hash(&mut h),
        }
    }
    for (dir, s) in &course.sections {
        (dir, s.index, &s.pages, &s.subsections).hash(&mut h);
    }
    for p in &course.pages {
        (&p.summary, &p.cases_used, p.lesson.as_ref().map(|l| l.hours), p.case.as_ref().map(|c| &c.company))
            .hash(&mut h);
        // Listings show a script's number of steps and a quiz's number of questions.
        (p.script.as_ref().map(|s| s.nodes.len()), p.quiz.as_ref().map(|q| q.questions().count())).hash(&mut h);
    }
    h.finish()
}

/// A page's pass-2 key: the site, its body, and who links to it (with the
/// headings the links sit under). The body is a function of the page's pass-1
/// key (`key1`), so that key stands in for it: hashing every body's HTML again
/// on each rebuild cost `serve` ~15 ms at 1,000 pages.
pub fn page_pass2(shared: u64, course: &Course, bodies: &[Body], graph: &Graph, index: usize, key1: u64) -> u64 {
    let mut h = KeyHasher::new();
    (shared, index, key1).hash(&mut h);
    bodies[index].state.anchor_fixes.hash(&mut h);
    for b in &graph.backlinks[index] {
        let heading = b.heading.and_then(|i| bodies[b.source].headings().get(i));
        (b.source, heading.map(|x| (&x.id, &x.text))).hash(&mut h);
    }
    if course.glossary.as_ref().is_some_and(|g| g.page == index) {
        for uses in &graph.term_uses {
            for u in uses {
                let heading = u.heading.and_then(|i| bodies[u.source].headings().get(i));
                (u.source, heading.map(|x| (&x.id, &x.text))).hash(&mut h);
            }
        }
    }
    h.finish()
}
