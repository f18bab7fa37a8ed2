//! `search.html`, the full results page (`search.html?q=…`): the site's
//! navigation around an empty results list that the theme's search.js fills
//! from the search files under `search/` (written by the search step after rendering).

use super::context::{Context, ContextBuilder, Link};
use crate::i18n;
use crate::model::{Course, Kind};

/// The results page's template context: the home page's, made a page of its own.
pub fn results_page<'a>(course: &'a Course, builder: &ContextBuilder<'a>) -> Context<'a> {
    let lang = course.config.language;
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
    ctx
}
