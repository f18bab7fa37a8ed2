//! Step 3, render: the course model → every output file, in memory. Markdown
//! becomes HTML, pages go through the theme's templates, theme files and assets
//! are listed. Nothing touches the disk here; `write` does that, all or nothing.

pub use crate::syntax::anchor;
pub mod body;
pub mod cache;
pub mod callout;
pub mod case;
pub mod cjk;
pub mod context;
pub mod dark;
pub mod flowmap;
pub mod glossary_page;
pub mod graph;
pub mod highlight;
pub mod links;
pub mod markdown;
mod md_links;
mod pages;
pub mod print;
pub mod quiz;
pub mod script;
mod search_page;
pub mod slides;
pub mod tabs;
mod template_text;
mod templates;
pub mod terms;
pub mod text;

use crate::diag::{Diagnostic, Diagnostics};
use crate::model::{Course, Page};
use crate::theme::Theme;
use cache::RenderCache;
use context::ContextBuilder;
use graph::Graph;
use links::LinkIndex;
use pages::Pass2;
use std::collections::BTreeMap;
use std::path::PathBuf;
use std::sync::Arc;
use terms::TermMatcher;

pub use body::Body;

/// The full search results page (`search.html?q=…`).
pub const RESULTS_PAGE: &str = "search.html";
use unicode_normalization::UnicodeNormalization;

#[derive(Debug)]
pub enum Contents {
    Bytes(Vec<u8>),
    /// Bytes also held by the render cache: `serve` keeps every page between
    /// builds, and copying them all on each rebuild cost more than rendering one.
    Shared(Arc<Vec<u8>>),
    /// A file copied as is (assets can be large: read them only when writing).
    Copy(PathBuf),
    /// Already handed to the build's [`Sink`] as it was rendered.
    Written,
    /// Unchanged since the last build: the output folder holds it (a build
    /// that reuses the build cache, see `store`).
    Kept,
}

impl Contents {
    /// The bytes, when they are in memory (not a file to copy).
    pub fn bytes(&self) -> Option<&[u8]> {
        match self {
            Contents::Bytes(b) => Some(b),
            Contents::Shared(b) => Some(b.as_slice()),
            Contents::Copy(_) | Contents::Written | Contents::Kept => None,
        }
    }
}

#[derive(Debug)]
pub struct OutputFile {
    /// Path under the output folder, `/`-separated.
    pub path: String,
    pub contents: Contents,
    /// What produced it, for collision messages.
    pub origin: PathBuf,
}

#[derive(Debug, Default)]
pub struct Site {
    pub files: Vec<OutputFile>,
}

/// Where a build puts each finished file as soon as it is rendered, so a
/// 10,000-page build never holds every page in memory at once. `write`'s
/// staging folder is one; render never touches the disk itself.
pub trait Sink: Sync {
    /// Take one file (`path` is `/`-separated, under the output).
    fn accept(&self, path: &str, bytes: &[u8]) -> Result<(), Diagnostic>;
}

/// What the search step makes of a page, opaque here: render knows nothing of search.
pub type SearchRow = Arc<dyn std::any::Any + Send + Sync>;

/// Makes a page's search row from its freshly rendered HTML (see
/// [`Output::page_row`]). Supplied by the caller.
pub type PageRow = dyn Fn(&Page, &str, &Body) -> SearchRow + Sync;

/// Where rendered files go.
#[derive(Clone, Copy, Default)]
pub struct Output<'a> {
    /// A one-off build's sink; None keeps every file in memory (`serve`, `check`).
    pub sink: Option<&'a dyn Sink>,
    /// With a sink: each page's search row is made as soon as the page is
    /// rendered and its HTML freed then (it is not read again), so the
    /// site's text is never held twice.
    pub page_row: Option<&'a PageRow>,
    /// A one-off build whose caches are saved for the next build (the build
    /// cache, `store`): the pages' links, terms and headings are kept.
    pub save: bool,
}

/// Everything a render produced: the files, and what later steps read (the
/// bodies for the search index, the pass-1 keys its cache is keyed by).
#[derive(Debug, Default)]
pub struct Rendered {
    pub site: Site,
    pub bodies: Vec<Body>,
    /// Every page's pass-1 key (its body is a function of it).
    pub keys: Vec<u64>,
    /// Search rows made while pages were rendered (see [`Output::page_row`]).
    pub rows: Vec<Option<SearchRow>>,
    /// What rendering each page's Markdown reported, cached with its body.
    body_diags: Vec<Vec<Diagnostic>>,
}

/// The inputs every page's Markdown reads: link targets, titles, glossary terms.
struct Shared {
    index: LinkIndex,
    titles: Vec<String>,
    summaries: Vec<String>,
    matcher: Option<TermMatcher>,
}

impl Shared {
    fn new(course: &Course) -> Shared {
        let summaries = course.glossary.as_ref().map(glossary_page::summaries).unwrap_or_default();
        let matcher = course.glossary.as_ref().and_then(|g| {
            let out = &course.pages[g.page].out;
            TermMatcher::new(g, out, course.config.glossary.link)
        });
        let titles = course.pages.iter().map(|p| p.title.clone()).collect();
        Shared { index: LinkIndex::new(course), titles, summaries, matcher }
    }
}

/// Render every output file. `cache` carries pages from the previous build of a
/// `serve` session (a one-off build passes an empty one); `output` says where
/// finished files go.
pub fn render_site(
    course: &Course,
    theme: &Theme,
    diags: &mut Diagnostics,
    cache: &mut RenderCache,
    output: Output,
) -> Rendered {
    let mut timer = crate::timing::Timer::from_env();
    let tera = match cache.tera(theme, course.config.language) {
        Ok(tera) => tera,
        Err(d) => {
            diags.push(d);
            return Rendered::default();
        }
    };
    timer.lap("r/templates");
    let mut found = Vec::new();
    let shared = Shared::new(course);
    let inputs = body::Inputs {
        course,
        index: &shared.index,
        titles: &shared.titles,
        terms: shared.matcher.as_ref(),
        templates: &tera,
    };
    cache.retain(course);
    cache.rendered.clear();
    let shared1 = cache::shared_pass1(course, tera.key);
    timer.lap("r/index");
    let keys: Vec<u64> = (0..course.pages.len()).map(|i| cache::page_pass1(shared1, course, i)).collect();
    let (mut bodies, body_diags) = pass1(&inputs, cache, &keys, &mut found);
    release(output);
    timer.lap("r/pass1");
    let refill = |index: usize| refill(&inputs, index);
    graph::check_anchors(course, &mut bodies, &mut found, &refill);
    let graph = Graph::new(course, &bodies);
    let shared2 = cache::shared_pass2(course, shared1);
    timer.lap("r/graph");
    let book = print::Book::new(course);
    let pass2 = Pass2 { course, theme, tera: &tera, builder: ContextBuilder::new(course, &tera), output, book: &book };
    let (mut files, rows, chapters) = pass2.pages(&mut bodies, (&graph, &refill), cache, (shared2, &keys), &mut found);
    release(output);
    timer.lap("r/pages");
    let decks = slides::Decks { inputs: &inputs, tera: &tera, theme, shared2, keys1: &keys, sink: output.sink };
    decks.render(cache, &mut files, &mut found);
    if output.sink.is_some() && !output.save {
        // A one-off build needs no more than the bodies' HTML from here on:
        // free the link graph and each page's links, terms and headings before
        // the search index, the step that peaks.
        drop(graph);
        for body in &mut bodies {
            body.state = Default::default();
        }
    }
    release(output);
    timer.lap("r/decks");
    files.extend(pass2.site_pages(cache, shared2, &mut found));
    files.extend(terms_script(course, &shared.summaries));
    files.extend(pass2.print_book(chapters, &mut found));
    files.extend(site_files(course, theme));
    // A failing sidebar template left the pages without a sidebar: say why.
    found.extend(pass2.builder.take_error());
    diags.extend(found);
    timer.lap("r/rest");
    Rendered { site: Site { files }, bodies, keys, rows, body_diags }
}

/// The terms' shared tooltip texts (`terms.js`), when pages link terms.
fn terms_script(course: &Course, summaries: &[String]) -> Option<OutputFile> {
    let glossary = course.glossary.as_ref().filter(|_| terms::linked(course))?;
    Some(OutputFile {
        path: terms::SCRIPT.into(),
        contents: Contents::Bytes(terms::script(glossary, summaries).into_bytes()),
        origin: format!("(generated) {}", terms::SCRIPT).into(),
    })
}

/// A body restored from the build cache without its HTML (`Body::hollow`),
/// rendered again where its HTML is needed (its page is rendered, or a link
/// in it rewritten). Its key is the one it was cached under, so this is the
/// body it was; what rendering it reports was replayed from the cache already.
fn refill(inputs: &body::Inputs, index: usize) -> Body {
    let mut replayed = Vec::new();
    let mut body = body::render_page(inputs, index, &mut replayed);
    graph::add_aliases(&mut body);
    body
}

/// Between steps of a one-off build, hand freed memory back (its peak is what
/// counts); `serve` keeps its pages cached, so it skips the call.
fn release(output: Output) {
    if output.sink.is_some() {
        crate::timing::release_memory();
    }
}

/// Pass 1: every page's Markdown (cached bodies first, the rest in parallel).
fn pass1(
    inputs: &body::Inputs,
    cache: &mut RenderCache,
    keys: &[u64],
    found: &mut Vec<Diagnostic>,
) -> (Vec<Body>, Vec<Vec<Diagnostic>>) {
    let course = inputs.course;
    // Taking a cached body mutates the cache: done before the parallel part.
    let slots = course.pages.iter().enumerate().map(|(i, page)| cache.take_body(&page.source, keys[i])).collect();
    let done = crate::parallel::fill(slots, |i| {
        let mut page_diags = Vec::new();
        let body = body::render_page(inputs, i, &mut page_diags);
        (body, page_diags)
    });
    let mut bodies = Vec::with_capacity(course.pages.len());
    let mut body_diags = Vec::with_capacity(course.pages.len());
    for (body, page_diags) in done {
        found.extend(page_diags.iter().cloned());
        bodies.push(body);
        body_diags.push(page_diags);
    }
    (bodies, body_diags)
}

/// The theme's static files, the generated stylesheets and the course's assets.
fn site_files(course: &Course, theme: &Theme) -> Vec<OutputFile> {
    let mut files = Vec::new();
    for (rel, file) in &theme.statics {
        let path = format!("theme/{}", rel.trim_start_matches("static/"));
        // A stylesheet's dark blocks follow the reader's choice too (see `dark`).
        let contents = match std::str::from_utf8(&file.contents) {
            Ok(css) if path.ends_with(".css") => dark::expand(css).into_bytes(),
            _ => file.contents.clone(),
        };
        files.push(OutputFile { path, contents: Contents::Bytes(contents), origin: file.origin.clone() });
    }
    if course.profile.is_teacher() {
        // Only the teacher's edition carries these styles: the student's has no trace of them.
        files.push(OutputFile {
            path: "theme/teacher.css".into(),
            contents: Contents::Bytes(dark::expand(crate::profile::TEACHER_CSS).into_bytes()),
            origin: "(generated) teacher.css".into(),
        });
    }
    files.push(OutputFile {
        path: "theme/highlight.css".into(),
        contents: Contents::Bytes(highlight::stylesheet().as_bytes().to_vec()),
        origin: "(generated) highlight.css".into(),
    });
    for asset in &course.assets {
        files.push(OutputFile {
            path: asset.rel.clone(),
            contents: Contents::Copy(asset.abs.clone()),
            origin: asset.abs.clone(),
        });
    }
    files
}

/// A rendered file: handed to the sink at once when building (`Written`),
/// else kept in memory for the cache and `serve` (`Shared`).
pub fn deliver(sink: Option<&dyn Sink>, path: &str, bytes: Vec<u8>) -> Result<Contents, Diagnostic> {
    match sink {
        Some(sink) => sink.accept(path, &bytes).map(|()| Contents::Written),
        None => Ok(Contents::Shared(Arc::new(bytes))),
    }
}

/// Two outputs at one path, compared as a case-insensitive file system would
/// (NFC + lower case): all reported at once, each naming every source.
pub fn collisions(files: &[OutputFile]) -> Vec<Diagnostic> {
    let mut by_key: BTreeMap<String, Vec<&OutputFile>> = BTreeMap::new();
    for file in files {
        let key: String = file.path.nfc().collect::<String>().to_lowercase();
        by_key.entry(key).or_default().push(file);
    }
    by_key
        .values()
        .filter(|group| group.len() > 1)
        .map(|group| {
            let names: Vec<String> = group.iter().map(|f| f.origin.display().to_string()).collect();
            let (n, path) = (group.len(), &group[0].path);
            Diagnostic::error(msg!("collision", n, path, names = crate::messages::list(names)))
                .in_file(&group[0].origin)
                .hint(msg!("collision_hint"))
        })
        .collect()
}
