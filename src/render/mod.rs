//! Step 3, render: the course model → every output file, in memory. Markdown
//! becomes HTML, pages go through the theme's templates, theme files and assets
//! are listed. Nothing touches the disk here; `write` does that, all or nothing.

pub mod anchor;
pub mod body;
pub mod cache;
pub mod callout;
pub mod case;
pub mod cjk;
pub mod context;
pub mod flowmap;
pub mod glossary_page;
pub mod graph;
pub mod highlight;
pub mod links;
pub mod markdown;
mod md_links;
pub mod quiz;
pub mod script;
mod search_page;
pub mod slides;
mod template_text;
mod templates;
pub mod terms;
pub mod text;

use crate::diag::{Diagnostic, Diagnostics};
use crate::model::{Course, Kind, Page};
use crate::theme::Theme;
use crate::write::Staging;
use cache::RenderCache;
use context::{CaseCtx, ContextBuilder};
use graph::Graph;
use links::LinkIndex;
use std::collections::BTreeMap;
use std::path::PathBuf;
use std::sync::Arc;
use terms::TermMatcher;
use unicode_normalization::UnicodeNormalization;

#[derive(Debug)]
pub enum Contents {
    Bytes(Vec<u8>),
    /// Bytes also held by the render cache: `serve` keeps every page between
    /// builds, and copying them all on each rebuild cost more than rendering one.
    Shared(Arc<Vec<u8>>),
    /// A file copied as is (assets can be large: read them only when writing).
    Copy(PathBuf),
    /// Already written to the build's staging folder as it was rendered.
    Written,
}

impl Contents {
    /// The bytes, when they are in memory (not a file to copy).
    pub fn bytes(&self) -> Option<&[u8]> {
        match self {
            Contents::Bytes(b) => Some(b),
            Contents::Shared(b) => Some(b.as_slice()),
            Contents::Copy(_) | Contents::Written => None,
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

/// Render every output file. `cache` carries pages from the previous build of a
/// `serve` session; `build` passes an empty one and a `sink`, the staging
/// folder pages and decks are written to as they are rendered (they are then
/// neither kept in memory nor cached).
pub fn render_site(
    course: &Course,
    theme: &Theme,
    diags: &mut Diagnostics,
    cache: &mut RenderCache,
    sink: Option<&Staging>,
) -> Site {
    let mut timer = crate::timing::Timer::from_env();
    // Between steps of a one-off build, hand freed memory back (its peak is what
    // counts); `serve` keeps its pages cached, so it skips the call.
    let release = || {
        if sink.is_some() {
            crate::timing::release_memory();
        }
    };
    let tera = match cache.tera(theme, course.config.language) {
        Ok(tera) => tera,
        Err(d) => {
            diags.push(d);
            return Site::default();
        }
    };
    timer.lap("r/templates");
    let mut found = Vec::new();
    // Pass 1: every page's Markdown, and what links where.
    let index = LinkIndex::new(course);
    let titles: Vec<String> = course.pages.iter().map(|p| p.title.clone()).collect();
    let summaries = course.glossary.as_ref().map(glossary_page::summaries).unwrap_or_default();
    let matcher = course.glossary.as_ref().and_then(|g| {
        let out = &course.pages[g.page].out;
        TermMatcher::new(g, summaries.clone(), out, course.config.glossary.link)
    });
    let inputs = body::Inputs { course, index: &index, titles: &titles, terms: matcher.as_ref(), templates: &tera };
    cache.retain(course);
    cache.rendered.clear();
    let shared1 = cache::shared_pass1(course, &summaries, tera.key);
    timer.lap("r/index");
    let keys1: Vec<u64> = (0..course.pages.len()).map(|i| cache::page_pass1(shared1, course, i)).collect();
    // Cached bodies first (taking them mutates the cache), the rest in parallel.
    let slots = course.pages.iter().enumerate().map(|(i, page)| cache.take_body(&page.source, keys1[i])).collect();
    let done = crate::parallel::fill(slots, |i| {
        let mut page_diags = Vec::new();
        let body = body::render_page(&inputs, i, &mut page_diags);
        (body, page_diags)
    });
    let mut bodies = Vec::with_capacity(course.pages.len());
    let mut body_diags = Vec::with_capacity(course.pages.len());
    for (body, page_diags) in done {
        found.extend(page_diags.iter().cloned());
        bodies.push(body);
        body_diags.push(page_diags);
    }
    release();
    timer.lap("r/pass1");
    graph::check_anchors(course, &bodies, &mut found);
    let graph = Graph::new(course, &bodies);
    let shared2 = cache::shared_pass2(course, shared1);

    timer.lap("r/graph");
    // Pass 2: templates.
    let builder = ContextBuilder::new(course, &tera);
    let keys2: Vec<u64> =
        (0..course.pages.len()).map(|i| cache::page_pass2(shared2, course, &bodies, &graph, i, keys1[i])).collect();
    let cached: Vec<Option<Result<Contents, Diagnostic>>> = course
        .pages
        .iter()
        .zip(&keys2)
        .map(|(page, &key)| cache.html(&page.out, key).map(|h| Ok(Contents::Shared(h))))
        .collect();
    let fresh: Vec<bool> = cached.iter().map(Option::is_none).collect();
    // A one-off build makes each page's search row as soon as the page is
    // written and frees its HTML then (it is not read again): the site's text
    // is never held twice, and no copy is made for the template.
    let once = sink.is_some();
    let contents: Vec<std::sync::Mutex<String>> = match once {
        true => bodies.iter_mut().map(|b| std::sync::Mutex::new(std::mem::take(&mut b.content))).collect(),
        false => Vec::new(),
    };
    let done = crate::parallel::fill(cached.into_iter().map(|c| c.map(|c| c.map(|c| (c, None)))).collect(), |index| {
        let page = &course.pages[index];
        let root = "../".repeat(page.depth());
        let body = &bodies[index];
        let mut ctx = builder.base(index, root.clone());
        ctx.content = match contents.get(index) {
            Some(taken) => std::mem::take(&mut *taken.lock().unwrap_or_else(|e| e.into_inner())),
            None => body.content.clone(),
        };
        ctx.deck_url = page.slides.then(|| slides::deck_href(page));
        ctx.toc = toc(body.headings());
        ctx.backlinks = builder.backlinks(&graph.backlinks[index], &bodies, &root);
        if let Some(info) = &page.case {
            ctx.case = Some(CaseCtx { info, questions: &body.questions, analysis: &body.analysis });
        }
        if let Some(glossary) = course.glossary.as_ref().filter(|g| g.page == index) {
            ctx.glossary = Some(glossary_page::context(course, glossary, &bodies, &graph, &root));
            ctx.toc = Vec::new();
        }
        // The page is its content and about 8 KB of navigation and markup.
        let size = ctx.content.len() + ctx.nav_html.len() + 8 * 1024;
        let html = templates::render(&tera, theme, template_for(course, index, page), &ctx, size)?;
        let row = (once && !page.generated).then(|| crate::search::page_row(page, &ctx.content, body));
        Ok((deliver(sink, &page.out, html)?, row))
    });
    let mut files = Vec::new();
    let mut rows = Vec::with_capacity(if once { course.pages.len() } else { 0 });
    for (index, (page, contents)) in course.pages.iter().zip(done).enumerate() {
        match contents {
            Ok((contents, row)) => {
                if let (true, Contents::Shared(html)) = (fresh[index], &contents) {
                    cache.store_html(page.out.clone(), keys2[index], Arc::clone(html));
                }
                if fresh[index] {
                    cache.rendered.push(page.out.clone());
                }
                files.push(OutputFile { path: page.out.clone(), contents, origin: origin(page) });
                rows.push(row);
            }
            Err(d) => {
                found.push(d);
                rows.push(None);
            }
        }
    }
    // Pages not rendered just now (none in a one-off build) keep their HTML
    // for their rows.
    for (body, taken) in bodies.iter_mut().zip(contents) {
        let left = taken.into_inner().unwrap_or_else(|e| e.into_inner());
        if !left.is_empty() {
            body.content = left;
        }
    }
    release();
    timer.lap("r/pages");
    slides::render_decks(&inputs, &tera, theme, shared2, &keys1, cache, sink, &mut files, &mut found);
    if sink.is_some() {
        // A one-off build needs no more than the bodies' HTML from here on:
        // free the link graph and each page's links, terms and headings before
        // the search index, the step that peaks.
        drop(graph);
        for body in &mut bodies {
            body.state = Default::default();
        }
    }
    release();
    timer.lap("r/decks");
    files.extend(search_page::files(
        course,
        &mut bodies,
        &tera,
        theme,
        &mut found,
        cache,
        cache::Keys { site: shared2, pages: &keys1 },
        sink,
        rows,
    ));
    for ((page, body), (key, page_diags)) in course.pages.iter().zip(bodies).zip(keys1.into_iter().zip(body_diags)) {
        cache.store_body(page.source.clone(), key, body, page_diags);
    }
    timer.lap("r/store");
    // Hosts serve 404.html for any missing path, so it links from the base path.
    let mut ctx = builder.base(course.home(), course.config.base_path.clone());
    ctx.breadcrumbs.clear();
    ctx.prev = None;
    ctx.next = None;
    let key = cache::hash_of(&(shared2, "404.html"));
    let page404 = match cache.html("404.html", key) {
        Some(html) => Ok(html),
        None => templates::render(&tera, theme, "404.html", &ctx, 16 * 1024).map(|html| {
            let html = Arc::new(html);
            cache.store_html("404.html".into(), key, Arc::clone(&html));
            html
        }),
    };
    match page404 {
        Ok(html) => files.push(OutputFile {
            path: "404.html".into(),
            contents: Contents::Shared(html),
            origin: "404.html".into(),
        }),
        Err(d) => found.push(d),
    }
    // A failing sidebar template left the pages without a sidebar: say why.
    found.extend(builder.take_error());
    diags.extend(found);
    for (rel, file) in &theme.statics {
        let path = format!("theme/{}", rel.trim_start_matches("static/"));
        files.push(OutputFile { path, contents: Contents::Bytes(file.contents.clone()), origin: file.origin.clone() });
    }
    if course.config.profile.is_teacher() {
        // Only the teacher's edition carries these styles: the student's has no trace of them.
        files.push(OutputFile {
            path: "theme/teacher.css".into(),
            contents: Contents::Bytes(crate::profile::TEACHER_CSS.as_bytes().to_vec()),
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
    timer.lap("r/rest");
    diags.extend(collisions(&files));
    timer.lap("r/collisions");
    Site { files }
}

/// A rendered file: written to the staging folder at once when building
/// (`Written`), else kept in memory for the cache and `serve` (`Shared`).
pub(crate) fn deliver(sink: Option<&Staging>, path: &str, bytes: Vec<u8>) -> Result<Contents, Diagnostic> {
    match sink {
        Some(staging) => staging.put(path, &bytes).map(|()| Contents::Written).map_err(|e| e.into_diagnostic()),
        None => Ok(Contents::Shared(Arc::new(bytes))),
    }
}

fn origin(page: &Page) -> PathBuf {
    if page.generated {
        PathBuf::from(format!("(generated index of {}/)", page.dir))
    } else {
        page.display.clone()
    }
}

fn template_for(course: &Course, index: usize, page: &Page) -> &'static str {
    if index == course.home() {
        "index.html"
    } else if page.is_index {
        "section.html"
    } else {
        match page.kind {
            Kind::Lesson => "lesson.html",
            Kind::Case => "case.html",
            Kind::Script if page.script.is_some() => "script.html",
            Kind::Quiz if page.quiz.is_some() => "quiz.html",
            Kind::Glossary if course.glossary.as_ref().is_some_and(|g| g.page == index) => "glossary.html",
            _ => "page.html",
        }
    }
}

/// The on-page table of contents: `##` and `###` headings, when there are two or more.
fn toc(headings: &[markdown::Heading]) -> Vec<markdown::Heading> {
    let toc: Vec<_> = headings.iter().filter(|h| (2..=3).contains(&h.level)).cloned().collect();
    if toc.len() < 2 {
        Vec::new()
    } else {
        toc
    }
}

/// Two outputs at one path, compared as a case-insensitive file system would
/// (NFC + lower case): all reported at once, each naming every source.
fn collisions(files: &[OutputFile]) -> Vec<Diagnostic> {
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
            Diagnostic::error(format!("{} files would be written to '{}': {}", group.len(), group[0].path, names.join(", ")))
                .in_file(&group[0].origin)
                .hint("rename one of them, or give one a different `slug` in its front matter (names differing only in letter case collide on Windows and macOS)")
        })
        .collect()
}
