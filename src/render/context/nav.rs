//! The sidebar and the breadcrumbs: each page's place in the course. The
//! sidebar is built as a tree (`nav`, for themes that walk it) and written as
//! the default theme's markup (`nav_html`).

use super::{ContextBuilder, Link};
use crate::i18n;
use crate::model::{Kind, TopItem};
use serde::Serialize;

#[derive(Debug, Serialize)]
pub struct NavNode {
    pub title: String,
    pub url: String,
    pub current: bool,
    /// The current page is this node or below it.
    pub open: bool,
    pub kind: Kind,
    pub children: Vec<NavNode>,
    /// A section whose pages are not all listed here: how many it has, and the
    /// label of the link to its index ("全部 400 篇").
    pub count: Option<usize>,
    pub more: Option<String>,
}

/// A course up to this many pages lists every page in every page's sidebar.
/// Beyond it, the sidebar lists the sections, and the current section's pages
/// around the current one: listing every page on every page made output and
/// build time grow with the square of the pages (1,000 pages: 2.6 s, 100 MB).
pub const NAV_FULL: usize = 200;
/// Pages listed on each side of the current page in a large course's sidebar.
pub const NAV_WINDOW: usize = 12;

impl<'a> ContextBuilder<'a> {
    pub(super) fn breadcrumbs(&self, index: usize, root: &str) -> Vec<Link> {
        let course = self.course;
        let page = &course.pages[index];
        if index == course.home() {
            return Vec::new();
        }
        let mut crumbs = vec![Link {
            title: i18n::t(course.config.language, "home").to_string(),
            url: self.url(root, course.home()),
        }];
        let mut dir = String::new();
        for segment in page.dir.split('/').filter(|s| !s.is_empty()) {
            dir = if dir.is_empty() { segment.to_string() } else { format!("{dir}/{segment}") };
            if let Some(section) = course.sections.get(&dir) {
                if section.index != index {
                    crumbs.push(self.link(root, section.index));
                }
            }
        }
        crumbs
    }

    pub(super) fn nav(&self, current: usize, root: &str) -> Vec<NavNode> {
        let course = self.course;
        let full = course.pages.len() <= NAV_FULL;
        course
            .top
            .iter()
            .map(|item| match item {
                TopItem::Section(dir) => self.section_node(dir, current, root, full),
                TopItem::Page(p) => self.page_node(*p, current, root),
            })
            .collect()
    }

    fn page_node(&self, index: usize, current: usize, root: &str) -> NavNode {
        let page = &self.course.pages[index];
        NavNode {
            title: page.title.clone(),
            url: self.url(root, index),
            current: index == current,
            open: index == current,
            kind: page.kind,
            children: Vec::new(),
            count: None,
            more: None,
        }
    }

    /// A section and, unless the course is large (`full` false), all its pages.
    /// In a large course a section lists its pages only when the current page is
    /// in it, and then at most [`NAV_WINDOW`] on each side of the current one.
    fn section_node(&self, dir: &str, current: usize, root: &str, full: bool) -> NavNode {
        let section = &self.course.sections[dir];
        let mut node = self.page_node(section.index, current, root);
        let inside = |d: &str| {
            let page_dir = &self.course.pages[current].dir;
            page_dir == d || page_dir.starts_with(&format!("{d}/"))
        };
        node.open = node.current || inside(dir);
        let pages: &[usize] = if full || node.open { &section.pages } else { &[] };
        let window = match pages.iter().position(|&p| p == current) {
            _ if full || pages.len() <= 2 * NAV_WINDOW + 1 => 0..pages.len(),
            Some(at) => {
                let start = at.saturating_sub(NAV_WINDOW).min(pages.len() - (2 * NAV_WINDOW + 1));
                start..start + 2 * NAV_WINDOW + 1
            }
            None => 0..2 * NAV_WINDOW + 1,
        };
        node.children = pages[window.clone()].iter().map(|&p| self.page_node(p, current, root)).collect();
        if window.len() < section.pages.len() {
            let lang = self.course.config.language;
            node.count = Some(section.pages.len());
            node.more = Some(i18n::t(lang, "nav_all").replace("{n}", &section.pages.len().to_string()));
        }
        node.children.extend(section.subsections.iter().map(|d| self.section_node(d, current, root, full)));
        node
    }
}

/// The sidebar's list items for `nodes`, nested sections in `<ul>`s, escaped as
/// Tera escapes template values.
pub fn nav_html(nodes: &[NavNode]) -> String {
    fn node(n: &NavNode, out: &mut String) {
        let url = tera::escape_html(&n.url);
        out.push_str("<li");
        if !n.children.is_empty() || n.count.is_some() {
            out.push_str(if n.open { " class=\"nav-section is-open\"" } else { " class=\"nav-section\"" });
        }
        out.push_str("><a href=\"");
        out.push_str(&url);
        out.push('"');
        if n.current {
            out.push_str(" aria-current=\"page\"");
        }
        out.push('>');
        out.push_str(&tera::escape_html(&n.title));
        out.push_str("</a>");
        if !n.children.is_empty() {
            out.push_str("<ul>");
            for child in &n.children {
                node(child, out);
            }
            if let Some(more) = &n.more {
                out.push_str("<li class=\"nav-more\"><a href=\"");
                out.push_str(&url);
                out.push_str("\">");
                out.push_str(&tera::escape_html(more));
                out.push_str("</a></li>");
            }
            out.push_str("</ul>");
        } else if let Some(count) = n.count {
            out.push_str(" <span class=\"nav-count\">");
            out.push_str(&count.to_string());
            out.push_str("</span>");
        }
        out.push_str("</li>");
    }
    let mut out = String::new();
    for n in nodes {
        node(n, &mut out);
    }
    out
}
