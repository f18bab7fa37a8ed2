//! Pass 2 of rendering: every page through its template, once every page's
//! body and links are known (so each can list its backlinks), and the
//! site-wide pages (search results, 404).

use super::cache::{self, Cached, RenderCache};
use super::context::{CaseCtx, ContextBuilder};
use super::graph::Graph;
use super::RESULTS_PAGE;
use super::{
    deliver, glossary_page, markdown, print, search_page, slides, templates, Body, Contents, Output, OutputFile,
};
use crate::diag::Diagnostic;
use crate::model::{Course, Kind, Page};
use crate::theme::Theme;
use std::path::PathBuf;
use std::sync::Arc;

/// Pass 2: the templates, once every page's body and links are known.
pub(super) struct Pass2<'a> {
    pub course: &'a Course,
    pub theme: &'a Theme,
    pub tera: &'a templates::Templates,
    pub builder: ContextBuilder<'a>,
    pub output: Output<'a>,
    /// Which pages are chapters of the print book.
    pub book: &'a print::Book,
}

/// A large course's sidebar, shared by every page (see `context::nav`).
pub const NAV_SCRIPT: &str = "nav.js";
/// The UI's words for the theme's scripts (see `i18n::SCRIPT_STRINGS`).
pub const STRINGS_SCRIPT: &str = "strings.js";

/// A rendered page's file, in a one-off build its search row, and its chapter
/// of the print book.
type PageResult = Result<(Contents, Option<super::SearchRow>, Option<Chapter>), Diagnostic>;

/// A page's chapter of the print book (see `print`).
pub type Chapter = Arc<str>;

/// What pass 2 made of the pages: their files, search rows (a one-off build)
/// and print-book chapters, in page order.
type Pages = (Vec<OutputFile>, Vec<Option<super::SearchRow>>, Vec<Option<Chapter>>);

impl Pass2<'_> {
    /// Every page through its template, reusing cached HTML whose key matches.
    pub fn pages(
        &self,
        bodies: &mut [Body],
        (graph, refill): (&Graph, &(dyn Fn(usize) -> Body + Sync)),
        cache: &mut RenderCache,
        (shared2, keys1): (u64, &[u64]),
        found: &mut Vec<Diagnostic>,
    ) -> Pages {
        let course = self.course;
        let keys2: Vec<u64> =
            (0..course.pages.len()).map(|i| cache::page_pass2(shared2, course, bodies, graph, i, keys1[i])).collect();
        let cached: Vec<Option<PageResult>> = course
            .pages
            .iter()
            .zip(&keys2)
            .enumerate()
            .map(|(index, (page, &key))| {
                // A chapter of the book is reused with its page's HTML, or both are made anew.
                let chapter = cache.chapter(&page.out, key);
                let html = cache.html(&page.out, key).filter(|_| chapter.is_some() || !self.book.is_chapter(index));
                html.map(|h| Ok((h.contents(), None, chapter)))
            })
            .collect();
        let fresh: Vec<bool> = cached.iter().map(Option::is_none).collect();
        // Bodies the build cache kept without their HTML, for pages rendered now.
        let hollow = fresh.iter().zip(bodies.iter()).map(|(&fresh, body)| (!fresh || !body.hollow).then_some(None));
        let refilled = crate::parallel::fill(hollow.collect(), |index| Some(refill(index)));
        for (body, refilled) in bodies.iter_mut().zip(refilled) {
            if let Some(refilled) = refilled {
                *body = refilled;
            }
        }
        // A one-off build moves each page's HTML into its template context
        // (no copy), and frees it once the page is written.
        let taken: Vec<std::sync::Mutex<String>> = match self.output.sink {
            Some(_) => bodies.iter_mut().map(|b| std::sync::Mutex::new(std::mem::take(&mut b.content))).collect(),
            None => Vec::new(),
        };
        let done = crate::parallel::fill(cached, |index| self.page(index, bodies, graph, taken.get(index)));
        let mut files = Vec::new();
        let mut rows = Vec::with_capacity(if self.output.sink.is_some() { course.pages.len() } else { 0 });
        let mut chapters = Vec::with_capacity(course.pages.len());
        for (index, (page, contents)) in course.pages.iter().zip(done).enumerate() {
            match contents {
                Ok((contents, row, chapter)) => {
                    if let Some(kept) = Cached::of(&contents).filter(|_| fresh[index]) {
                        cache.store_html(page.out.clone(), keys2[index], kept);
                        // Kept for the next build (serve, the build cache), not by a one-off build.
                        if let Some(chapter) =
                            chapter.as_ref().filter(|_| self.output.sink.is_none() || self.output.save)
                        {
                            cache.store_chapter(page.out.clone(), keys2[index], Arc::clone(chapter));
                        }
                    }
                    chapters.push(chapter);
                    if fresh[index] {
                        cache.rendered.push(page.out.clone());
                    }
                    files.push(OutputFile { path: page.out.clone(), contents, origin: origin(page) });
                    rows.push(row);
                }
                Err(d) => {
                    found.push(d);
                    rows.push(None);
                    chapters.push(None);
                }
            }
        }
        // Pages not rendered just now (none in a one-off build) keep their
        // HTML for their search rows.
        for (body, taken) in bodies.iter_mut().zip(taken) {
            let left = taken.into_inner().unwrap_or_else(|e| e.into_inner());
            if !left.is_empty() {
                body.content = left;
            }
        }
        (files, rows, chapters)
    }

    /// One page through its template (`taken`: its HTML, moved out of its body).
    fn page(
        &self,
        index: usize,
        bodies: &[Body],
        graph: &Graph,
        taken: Option<&std::sync::Mutex<String>>,
    ) -> PageResult {
        let course = self.course;
        let page = &course.pages[index];
        let root = "../".repeat(page.depth());
        let body = &bodies[index];
        let mut ctx = self.builder.base(index, root.clone());
        ctx.content = match taken {
            Some(taken) => std::mem::take(&mut *taken.lock().unwrap_or_else(|e| e.into_inner())),
            None => body.content.clone(),
        };
        ctx.deck_url = page.slides.then(|| slides::deck_href(page));
        ctx.toc = toc(body.headings());
        ctx.backlinks = self.builder.backlinks(&graph.backlinks[index], bodies, &root);
        if let Some(info) = &page.case {
            ctx.case = Some(CaseCtx { info, questions: &body.questions, analysis: &body.analysis });
        }
        if let Some(glossary) = course.glossary.as_ref().filter(|g| g.page == index) {
            ctx.glossary = Some(glossary_page::context(course, glossary, bodies, graph, &root));
            ctx.toc = Vec::new();
        }
        // The page is its content and about 8 KB of navigation and markup.
        let size = ctx.content.len() + ctx.nav_html.len() + 8 * 1024;
        let html = templates::render(self.tera, self.theme, template_for(course, index, page), &ctx, size)?;
        let row = self.output.page_row.filter(|_| !page.generated).map(|make| make(page, &ctx.content, body));
        let chapter = self.book.chapter(course, index, &html);
        Ok((deliver(self.output.sink, &page.out, html)?, row, chapter))
    }

    /// The print book, `print.html`, from every page's chapter (see `print`).
    pub fn print_book(&self, chapters: Vec<Option<Chapter>>, found: &mut Vec<Diagnostic>) -> Option<OutputFile> {
        if !self.book.is_written() {
            return None;
        }
        let missing = (0..chapters.len()).filter(|&i| self.book.is_chapter(i) && chapters[i].is_none()).count();
        if missing > 0 && !found.iter().any(Diagnostic::is_error) {
            // A theme whose base.html has no `<article class="page">`: the book would be empty.
            found.push(Diagnostic::warning(msg!("print_no_article", n = missing)).hint(msg!("print_no_article_hint")));
        }
        let html = self.book.render(&self.builder, self.tera, self.theme, chapters);
        match html.and_then(|html| deliver(self.output.sink, print::PRINT_PAGE, html)) {
            Ok(contents) => Some(OutputFile {
                path: print::PRINT_PAGE.into(),
                contents,
                origin: format!("(generated) {}", print::PRINT_PAGE).into(),
            }),
            Err(d) => {
                found.push(d);
                None
            }
        }
    }

    /// The site-wide pages: the search results page and 404.html, and a large
    /// course's shared sidebar, `nav.js`.
    pub fn site_pages(&self, cache: &mut RenderCache, shared2: u64, found: &mut Vec<Diagnostic>) -> Vec<OutputFile> {
        let course = self.course;
        let mut files = Vec::new();
        let results = search_page::results_page(course, &self.builder);
        // Hosts serve 404.html for any missing path, so it links from the base path.
        let mut ctx = self.builder.base(course.home(), course.config.base_path.clone());
        ctx.breadcrumbs.clear();
        ctx.prev = None;
        ctx.next = None;
        for (path, ctx) in [(RESULTS_PAGE, results), ("404.html", ctx)] {
            // They read only site-wide inputs (navigation, names): one key each.
            let key = cache::hash_of(&(shared2, path));
            let html = match cache.html(path, key) {
                Some(html) => Ok(html.contents()),
                None => templates::render(self.tera, self.theme, path, &ctx, 16 * 1024).map(|html| {
                    let html = Arc::new(html);
                    cache.store_html(path.into(), key, Cached::Held(Arc::clone(&html)));
                    Contents::Shared(html)
                }),
            };
            match html {
                Ok(contents) => files.push(OutputFile {
                    path: path.into(),
                    contents,
                    origin: if path == RESULTS_PAGE { format!("(generated) {path}").into() } else { path.into() },
                }),
                Err(d) => found.push(d),
            }
        }
        files.push(OutputFile {
            path: STRINGS_SCRIPT.into(),
            contents: Contents::Bytes(crate::i18n::script(self.builder.course.config.language).into_bytes()),
            origin: format!("(generated) {STRINGS_SCRIPT}").into(),
        });
        if self.builder.shared_nav() {
            files.push(OutputFile {
                path: NAV_SCRIPT.into(),
                contents: Contents::Bytes(self.builder.nav_script().into_bytes()),
                origin: format!("(generated) {NAV_SCRIPT}").into(),
            });
        }
        files
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
