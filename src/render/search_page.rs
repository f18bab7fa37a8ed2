//! The search outputs of a build: `search-index.js` (every page's rendered text,
//! see [`crate::search`]) and `search.html`, the full results page
//! (`search.html?q=…`). Both are whole-site files: they are regenerated on every
//! build, cached or not, from the bodies of pass 1, so an incremental build
//! writes the same bytes as a clean one.

use super::body::Body;
use super::context::{ContextBuilder, Link};
use super::{templates, Contents, OutputFile};
use crate::diag::Diagnostic;
use crate::i18n;
use crate::model::{Course, Kind};
use crate::search;
use crate::theme::Theme;

#[allow(clippy::too_many_arguments)]
pub fn files(
    course: &Course,
    bodies: &mut [Body],
    tera: &super::templates::Templates,
    theme: &Theme,
    found: &mut Vec<Diagnostic>,
    cache: &mut super::cache::RenderCache,
    keys: super::cache::Keys,
    sink: Option<&crate::write::Staging>,
    made: Vec<Option<std::sync::Arc<str>>>,
) -> Vec<OutputFile> {
    let lang = course.config.language;
    // A build (with a sink) keeps no rows for next time and writes the index at once.
    let rows = match sink {
        Some(_) => search::Rows::Made(made),
        None => search::Rows::Cached(&mut cache.search_docs),
    };
    let index = search::index_js(course, bodies, rows, keys.pages).into_bytes();
    let mut files = Vec::new();
    match super::deliver(sink, search::INDEX_FILE, index) {
        Ok(contents) => files.push(OutputFile {
            path: search::INDEX_FILE.into(),
            contents,
            origin: format!("(generated) {}", search::INDEX_FILE).into(),
        }),
        Err(d) => found.push(d),
    }
    // The results page reads only site-wide inputs (navigation, names): cached like 404.html.
    let key = super::cache::hash_of(&(keys.site, search::RESULTS_PAGE));
    if let Some(html) = cache.html(search::RESULTS_PAGE, key) {
        files.push(OutputFile {
            path: search::RESULTS_PAGE.into(),
            contents: Contents::Shared(html),
            origin: format!("(generated) {}", search::RESULTS_PAGE).into(),
        });
        return files;
    }
    let builder = ContextBuilder::new(course, tera);
    let mut ctx = builder.base(course.home(), String::new());
    ctx.page.title = i18n::t(lang, "search_title");
    ctx.page.kind = Kind::Page;
    ctx.page.kind_label = i18n::t(lang, "search");
    ctx.page.summary = None;
    ctx.page.is_home = false;
    ctx.page.is_index = false;
    ctx.breadcrumbs = vec![Link { title: i18n::t(lang, "home").into(), url: builder.url("", course.home()) }];
    ctx.prev = None;
    ctx.next = None;
    ctx.lesson = None;
    ctx.step_labels.clear();
    ctx.lesson_cases.clear();
    ctx.listing.clear();
    match templates::render(tera, theme, search::RESULTS_PAGE, &ctx, 16 * 1024) {
        Ok(html) => {
            let html = std::sync::Arc::new(html);
            cache.store_html(search::RESULTS_PAGE.into(), key, std::sync::Arc::clone(&html));
            files.push(OutputFile {
                path: search::RESULTS_PAGE.into(),
                contents: Contents::Shared(html),
                origin: format!("(generated) {}", search::RESULTS_PAGE).into(),
            })
        }
        Err(d) => found.push(d),
    }
    files
}
