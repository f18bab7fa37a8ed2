//! The whole course as one printable book, `print.html` (like mdBook's print
//! page): the home page as its cover, a contents list, then every page in the
//! course's reading order (`Course::order`, the order of the sidebar and of
//! 上一页/下一页), each a chapter that starts on a new sheet. Printing it from a
//! browser gives the course as a PDF; `build --pdf` has headless Chromium do
//! that (`crate::pdf`).
//!
//! A chapter is the page as its template drew it — the theme's `<article
//! class="page">` cut from the finished page — so a lesson keeps its 教案 form,
//! a script its flow map and branch targets, a quiz its keys in the teacher's
//! edition only, and a theme's changes show in the book too. `rewrite` makes
//! its ids the book's and its links land in the book.

pub mod rewrite;

use super::context::{Context, ContextBuilder};
use super::templates::{self, Templates};
use crate::diag::Diagnostic;
use crate::i18n;
use crate::model::{Course, Kind};
use crate::theme::Theme;
use rewrite::{Chapter, Target};
use serde::Serialize;
use std::collections::HashMap;
use std::sync::Arc;

/// The book's file, at the site root.
pub const PRINT_PAGE: &str = "print.html";

/// The start tag `base.html` wraps a page's own content in (its header, body
/// and what follows), apart from the site's bars around it.
const ARTICLE: &str = "<article class=\"page\"";

/// The book's contents list: where a link to a page the book leaves out goes
/// when no chapter stands in for it.
const CONTENTS: &str = "book-contents";

/// Parts of a page that only serve the website, cut from its chapter: the
/// book's contents list does their work on paper and on screen (the print
/// style sheet hides them when a single page is printed).
const WEB_ONLY: &[(&str, &str)] = &[
    ("<nav class=\"toc\"", "nav"),
    ("<section class=\"backlinks\"", "section"),
    ("<p class=\"deck-link\"", "p"),
    ("<div class=\"quiz-actions\"", "div"),
    ("<div class=\"script-toolbar\"", "div"),
    ("<section class=\"listing\"", "section"),
    ("<div class=\"home-sections\"", "div"),
    ("<p class=\"hero-start\"", "p"),
    ("<p class=\"hero-print\"", "p"),
];

/// Which pages are chapters of the book, and where a link to each lands.
#[derive(Debug, Default)]
pub struct Book {
    /// Each page's chapter anchor (`page-1` is the cover); None: not a chapter.
    anchors: Vec<Option<String>>,
    /// Output path → where a link to that page lands.
    targets: HashMap<String, Target>,
}

impl Book {
    /// The home page (the cover) and every page of the reading order but the
    /// folder listings the build generated (the contents list is the book's).
    pub fn new(course: &Course) -> Book {
        if !course.config.print.book_for(course.pages.len()) {
            return Book::default();
        }
        let mut anchors = vec![None; course.pages.len()];
        let chapters = course.order.iter().filter(|&&i| i == course.home() || !course.pages[i].generated);
        for (n, &index) in chapters.enumerate() {
            anchors[index] = Some(format!("page-{}", n + 1));
        }
        let targets = course
            .pages
            .iter()
            .enumerate()
            .map(|(index, page)| {
                let target = match &anchors[index] {
                    Some(anchor) => Target { anchor: anchor.clone(), chapter: true },
                    None => Target { anchor: stand_in(course, &anchors, index), chapter: false },
                };
                (page.out.clone(), target)
            })
            .collect();
        Book { anchors, targets }
    }

    /// Is the book written (see `config::PrintConfig`)?
    pub fn is_written(&self) -> bool {
        !self.anchors.is_empty()
    }

    pub fn is_chapter(&self, index: usize) -> bool {
        self.anchors.get(index).is_some_and(Option::is_some)
    }

    /// Page `index`'s chapter, cut from its finished `html`. None: the page
    /// is no chapter, or its template has no `<article class="page">`.
    pub fn chapter(&self, course: &Course, index: usize, html: &[u8]) -> Option<Arc<str>> {
        let anchor = self.anchors.get(index)?.as_deref()?;
        let html = std::str::from_utf8(html).ok()?;
        let start = html.find(ARTICLE)?;
        let end = html.rfind("</article>").filter(|&e| e > start)? + "</article>".len();
        let out = &course.pages[index].out;
        let dir = out.rsplit_once('/').map_or("", |(dir, _)| dir);
        Some(Chapter { anchor, dir, targets: &self.targets, cut: WEB_ONLY }.rewrite(&html[start..end]).into())
    }

    /// `print.html`: the theme's `print.html` template with the home page's
    /// context and the book (`chapters[i]` is page i's chapter).
    ///
    /// The book is as large as the whole course, so its chapters do not go
    /// through Tera (its context would copy each, and its output again): the
    /// template is given [`SPLICE`] for each chapter's `html`, and each is
    /// put in its place afterwards, in order, and freed as it goes.
    pub fn render(
        &self,
        builder: &ContextBuilder,
        tera: &Templates,
        theme: &Theme,
        mut chapters: Vec<Option<Arc<str>>>,
    ) -> Result<Vec<u8>, Diagnostic> {
        let course = builder.course;
        let lang = course.config.language;
        let mut page = builder.base(course.home(), String::new());
        (page.nav, page.nav_html, page.breadcrumbs, page.listing) = Default::default();
        (page.prev, page.next) = (None, None);
        page.page.title = i18n::t(lang, "print_book_title");
        page.page.is_home = false;
        let in_order: Vec<usize> =
            course.order.iter().copied().filter(|&i| chapters.get(i).is_some_and(Option::is_some)).collect();
        let mut parts = in_order.iter().filter_map(|&index| {
            let anchor = self.anchors[index].as_deref()?;
            let p = &course.pages[index];
            Some(ChapterCtx { anchor, kind: p.kind, title: &p.title, html: SPLICE })
        });
        let cover = parts.next();
        let book = BookCtx {
            running_title: css_string(&running_title(course)),
            contents: self.contents(course),
            cover,
            chapters: parts.collect(),
        };
        let frame = templates::render(tera, theme, PRINT_PAGE, &PrintCtx { page, book }, 64 * 1024)?;
        let size = frame.len() + in_order.iter().filter_map(|&i| chapters[i].as_ref()).map(|c| c.len()).sum::<usize>();
        Ok(splice(&frame, in_order.into_iter().filter_map(|i| chapters[i].take()), size))
    }

    /// The contents list: every page of the reading order but the cover, a
    /// generated folder listing as a heading linking its first chapter.
    fn contents(&self, course: &Course) -> Vec<Entry> {
        let lang = course.config.language;
        course
            .order
            .iter()
            .filter(|&&index| index != course.home())
            .map(|&index| {
                let page = &course.pages[index];
                let target = &self.targets[&page.out];
                let depth = page.dir.split('/').filter(|s| !s.is_empty()).count();
                Entry {
                    title: page.title.clone(),
                    url: format!("#{}", target.anchor),
                    kind: page.kind,
                    kind_label: i18n::t(lang, &format!("kind_{}", page.kind.as_str())),
                    // A folder's own page heads its pages: one level up.
                    depth: if page.is_index { depth.saturating_sub(1) } else { depth },
                    section: page.is_index,
                }
            })
            .collect()
    }
}

/// What the template is given for a chapter's HTML, put in by [`splice`]: a
/// comment no title can hold (Tera escapes theirs). A theme writes each
/// chapter's `html` once, in the order given (the cover's first).
const SPLICE: &str = "<!--coursesite:chapter-->";

/// `frame` with each [`SPLICE`] replaced by the next chapter (each freed once
/// copied, unless a cache keeps it); `size` is the whole book's.
fn splice(frame: &[u8], mut chapters: impl Iterator<Item = Arc<str>>, size: usize) -> Vec<u8> {
    let mut out = Vec::with_capacity(size);
    let mut rest = frame;
    while let Some(at) = memchr::memmem::find(rest, SPLICE.as_bytes()) {
        out.extend_from_slice(&rest[..at]);
        if let Some(chapter) = chapters.next() {
            out.extend_from_slice(chapter.as_bytes());
        }
        rest = &rest[at + SPLICE.len()..];
    }
    out.extend_from_slice(rest);
    out
}

/// Where a link to a page the book leaves out (a generated folder listing)
/// lands: the first chapter inside that folder, else the contents list.
fn stand_in(course: &Course, anchors: &[Option<String>], index: usize) -> String {
    let dir = &course.pages[index].dir;
    let inside = |d: &str| d == dir || d.strip_prefix(dir.as_str()).is_some_and(|rest| rest.starts_with('/'));
    let after = course.order.iter().skip_while(|&&i| i != index);
    after
        .filter(|&&i| inside(&course.pages[i].dir))
        .find_map(|&i| anchors[i].clone())
        .unwrap_or_else(|| CONTENTS.to_string())
}

/// The running header: the course's title, and which edition.
fn running_title(course: &Course) -> String {
    let title = course.config.title.clone();
    if course.profile.is_teacher() {
        format!("{title} · {}", i18n::t(course.config.language, "teacher_edition"))
    } else {
        title
    }
}

/// `text` as the inside of a CSS string that is safe in a `<style>` element:
/// anything but letters, digits and spaces as a CSS escape (`\22 ` for `"`),
/// so no quote, backslash or `</style>` can end it early.
fn css_string(text: &str) -> String {
    let mut out = String::with_capacity(text.len() * 2);
    for c in text.chars() {
        if c.is_alphanumeric() || c == ' ' {
            out.push(c);
        } else if !c.is_control() {
            out.push_str(&format!("\\{:x} ", c as u32));
        }
    }
    out
}

/// What the `print.html` template is given: the home page's context (site,
/// strings, edition) and the book.
#[derive(Serialize)]
struct PrintCtx<'a> {
    #[serde(flatten)]
    page: Context<'a>,
    book: BookCtx<'a>,
}

#[derive(Serialize)]
struct BookCtx<'a> {
    /// The course's title (and edition) for the pages' running header, as
    /// the inside of a CSS string.
    running_title: String,
    contents: Vec<Entry>,
    /// The home page's chapter.
    cover: Option<ChapterCtx<'a>>,
    chapters: Vec<ChapterCtx<'a>>,
}

#[derive(Serialize)]
struct ChapterCtx<'a> {
    anchor: &'a str,
    kind: Kind,
    title: &'a str,
    /// The page's article, rewritten (see `rewrite`).
    html: &'a str,
}

/// One line of the contents list.
#[derive(Serialize)]
struct Entry {
    title: String,
    /// `#page-3`.
    url: String,
    kind: Kind,
    kind_label: &'static str,
    /// How many folders deep the page sits.
    depth: usize,
    /// A folder's own page (its listing, when generated).
    section: bool,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn chapters_go_where_the_template_put_their_html() {
        let frame = format!("<main>{SPLICE}<nav></nav>{SPLICE}|{SPLICE}</main>");
        let chapters = ["<p>一</p>", "<p>二</p>"].map(Arc::<str>::from);
        let book = splice(frame.as_bytes(), chapters.into_iter(), 0);
        assert_eq!(String::from_utf8(book).unwrap(), "<main><p>一</p><nav></nav><p>二</p>|</main>");
    }

    #[test]
    fn the_running_title_cannot_end_its_style_sheet() {
        assert_eq!(css_string("客户服务 101"), "客户服务 101");
        assert_eq!(css_string("a\"</style>\\"), "a\\22 \\3c \\2f style\\3e \\5c ");
        assert_eq!(css_string("x\ny · 教师版"), "xy \\b7  教师版");
    }
}
