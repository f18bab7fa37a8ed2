//! The sidebar and the breadcrumbs: each page's place in the course. The
//! sidebar is built as a tree (`nav`, for themes that walk it) and written by
//! the theme's `macros/nav.html` (`nav_html`, see [`NavMarkup`]).

use super::{ContextBuilder, Link};
use crate::diag::Diagnostic;
use crate::i18n;
use crate::model::{Kind, TopItem};
use crate::render::templates::{Fragment, Templates};
use serde::Serialize;
use std::collections::HashMap;
use std::sync::{Arc, Mutex, RwLock};

#[derive(Debug, Serialize)]
pub struct NavNode {
    /// The page (a section's index page for a section).
    #[serde(skip)]
    pub index: usize,
    pub title: String,
    pub url: String,
    pub current: bool,
    /// The current page is this node or below it.
    pub open: bool,
    pub kind: Kind,
    pub children: Vec<NavNode>,
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

    /// A large course's sidebar is not in its pages: it is built in the browser
    /// from one shared `nav.js` ([`ContextBuilder::nav_script`]), so the pages do
    /// not each repeat every section (24 KB a page at 10,000 pages).
    pub fn shared_nav(&self) -> bool {
        self.course.pages.len() > NAV_FULL
    }

    pub(super) fn nav(&self, current: usize, root: &str) -> Vec<NavNode> {
        if self.shared_nav() {
            return Vec::new();
        }
        self.item_nodes(&self.course.top, current, root)
    }

    /// `nav.js` of a large course: `window.coursesiteNav`, the whole tree
    /// (sections with their pages and sub-sections, URLs from the site root),
    /// which the theme's `main.js` turns into each page's sidebar: the
    /// sections, and the current one's pages around the current page.
    pub fn nav_script(&self) -> String {
        /// A page, or a section with its pages and sub-sections: fields in
        /// name order, written straight into the script (a `serde_json::Value`
        /// per page was most of the time this took).
        #[derive(Serialize)]
        struct Item<'a> {
            #[serde(skip_serializing_if = "Option::is_none")]
            p: Option<Vec<Item<'a>>>,
            #[serde(skip_serializing_if = "Option::is_none")]
            s: Option<Vec<Item<'a>>>,
            t: &'a str,
            u: &'a str,
        }
        #[derive(Serialize)]
        struct Tree<'a> {
            items: Vec<Item<'a>>,
            more: &'a str,
            window: usize,
        }
        let page =
            |index: usize| Item { p: None, s: None, t: &self.course.pages[index].title, u: &self.encoded[index] };
        fn section<'a>(b: &'a ContextBuilder, dir: &str, page: &dyn Fn(usize) -> Item<'a>) -> Item<'a> {
            let this = &b.course.sections[dir];
            Item {
                p: Some(this.pages.iter().map(|&p| page(p)).collect()),
                s: Some(this.subsections.iter().map(|d| section(b, d, page)).collect()),
                ..page(this.index)
            }
        }
        let items = self.course.top.iter().map(|item| match item {
            TopItem::Section(dir) => section(self, dir, &page),
            TopItem::Page(p) => page(*p),
        });
        let lang = self.course.config.language;
        let tree = Tree { items: items.collect(), more: i18n::t(lang, "nav_all"), window: NAV_WINDOW };
        let json = serde_json::to_string(&tree).unwrap_or_else(|_| "{}".into());
        format!("window.coursesiteNav={json};\n")
    }

    /// Nodes for pages and sections in order. When the author's table of
    /// contents ordered the course, a folder it gives no page of its own (a
    /// generated listing) is not a node: its pages stand in its place.
    fn item_nodes(&self, items: &[TopItem], current: usize, root: &str) -> Vec<NavNode> {
        let lift = self.course.follows_nav_file;
        let mut nodes = Vec::with_capacity(items.len());
        for item in items {
            match item {
                TopItem::Section(dir) if lift && !self.course.sections[dir].named => {
                    nodes.extend(self.section_node(dir, current, root).children);
                }
                TopItem::Section(dir) => nodes.push(self.section_node(dir, current, root)),
                TopItem::Page(p) => nodes.push(self.page_node(*p, current, root)),
            }
        }
        nodes
    }

    fn page_node(&self, index: usize, current: usize, root: &str) -> NavNode {
        let page = &self.course.pages[index];
        NavNode {
            index,
            title: page.title.clone(),
            url: self.url(root, index),
            current: index == current,
            open: index == current,
            kind: page.kind,
            children: Vec::new(),
        }
    }

    /// A section and all its pages, pages and sub-folders in their one order.
    fn section_node(&self, dir: &str, current: usize, root: &str) -> NavNode {
        let mut node = self.page_node(self.course.sections[dir].index, current, root);
        let page_dir = &self.course.pages[current].dir;
        node.open = node.current || page_dir == dir || page_dir.starts_with(&format!("{dir}/"));
        node.children = self.item_nodes(&self.course.section_items(dir), current, root);
        node
    }
}

/// What `macros/nav.html` is given for one item.
#[derive(Debug, Serialize)]
struct ItemData<'a> {
    node: NodeData<'a>,
    children: &'a str,
}

#[derive(Debug, Serialize)]
struct NodeData<'a> {
    title: &'a str,
    url: &'a str,
    current: bool,
    open: bool,
    kind: Kind,
    has_children: bool,
}

/// Stands for an item's children when its markup is rendered once for every
/// page: the markup is split there, and each page puts its own children in.
const CHILDREN: &str = "\u{0}coursesite-nav-children\u{0}";

/// An item's markup, rendered once.
#[derive(Debug, Clone)]
enum Piece {
    /// Before and after its children.
    Around(Arc<(String, String)>),
    /// The template does not print the children: this is all of it.
    Alone(Arc<String>),
    /// The template prints the children more than once: rendered with them,
    /// page by page.
    PerPage,
}

/// An item's state, which with the page's root decides its markup.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
struct PieceKey {
    index: usize,
    current: bool,
    open: bool,
    has_children: bool,
}

/// The sidebar's markup, from the theme's `macros/nav.html`. Every page's
/// sidebar is a different tree (its current page, open sections, relative
/// links), but it is made of few distinct items: each item in each state is
/// rendered once per build and root, and each page's sidebar is put together
/// from those (a recursive macro rendered for every page was 8 % of a build).
#[derive(Debug, Default)]
pub struct NavMarkup {
    /// root → item state → markup. Read once per page (a lock per item made
    /// the page threads wait on each other); written only when a page needs
    /// an item not rendered yet.
    pieces: RwLock<HashMap<String, Pieces>>,
    /// The first template failure, reported once.
    error: Mutex<Option<Diagnostic>>,
}

/// Item state → markup, looked up for every item of every page (SipHash, the
/// default, was 4 % of a 10,000-page build).
type Pieces = crate::fingerprint::FastMap<PieceKey, Piece>;

fn key_of(n: &NavNode) -> PieceKey {
    PieceKey { index: n.index, current: n.current, open: n.open, has_children: !n.children.is_empty() }
}

impl NavMarkup {
    /// The first failure of the sidebar's template, if any.
    pub fn take_error(&self) -> Option<Diagnostic> {
        self.error.lock().unwrap_or_else(|e| e.into_inner()).take()
    }

    /// `nodes` as list items (empty if the template fails: the failure is
    /// kept for [`NavMarkup::take_error`]).
    pub fn html(&self, templates: &Templates, nodes: &[NavNode], root: &str) -> String {
        match self.try_html(templates, nodes, root) {
            Ok(html) => html,
            Err(d) => {
                self.error.lock().unwrap_or_else(|e| e.into_inner()).get_or_insert(d);
                String::new()
            }
        }
    }

    fn try_html(&self, templates: &Templates, nodes: &[NavNode], root: &str) -> Result<String, Diagnostic> {
        // At most twice: after the missing items are rendered, all are there.
        for _ in 0..2 {
            {
                let pieces = self.pieces.read().unwrap_or_else(|e| e.into_inner());
                if let Some(map) = pieces.get(root) {
                    let mut out = String::new();
                    if assemble(map, templates, nodes, &mut out)? {
                        return Ok(out);
                    }
                }
            }
            self.fill(templates, nodes, root)?;
        }
        Err(Diagnostic::error(msg!("internal_sidebar")))
    }

    /// Render the items of `nodes` (and their children) not rendered yet for `root`.
    fn fill(&self, templates: &Templates, nodes: &[NavNode], root: &str) -> Result<(), Diagnostic> {
        let mut missing = Vec::new();
        {
            let pieces = self.pieces.read().unwrap_or_else(|e| e.into_inner());
            let map = pieces.get(root);
            let mut stack: Vec<&NavNode> = nodes.iter().collect();
            while let Some(n) = stack.pop() {
                if !map.is_some_and(|m| m.contains_key(&key_of(n))) {
                    missing.push(n);
                }
                stack.extend(&n.children);
            }
        }
        let mut made = Vec::with_capacity(missing.len());
        for n in missing {
            let key = key_of(n);
            // A leaf is rendered with no children, as it would be page by page.
            let whole = render(templates, n, if key.has_children { CHILDREN } else { "" })?;
            let piece = match whole.split_once(CHILDREN) {
                Some((_, tail)) if tail.contains(CHILDREN) => Piece::PerPage,
                Some((head, tail)) => Piece::Around(Arc::new((head.to_string(), tail.to_string()))),
                None => Piece::Alone(Arc::new(whole)),
            };
            made.push((key, piece));
        }
        let mut pieces = self.pieces.write().unwrap_or_else(|e| e.into_inner());
        pieces.entry(root.to_string()).or_default().extend(made);
        Ok(())
    }
}

/// Put `nodes` together from their rendered pieces; false if one is missing.
fn assemble(map: &Pieces, templates: &Templates, nodes: &[NavNode], out: &mut String) -> Result<bool, Diagnostic> {
    for n in nodes {
        match map.get(&key_of(n)) {
            None => return Ok(false),
            Some(Piece::Around(piece)) => {
                out.push_str(&piece.0);
                if !assemble(map, templates, &n.children, out)? {
                    return Ok(false);
                }
                out.push_str(&piece.1);
            }
            Some(Piece::Alone(html)) => out.push_str(html),
            Some(Piece::PerPage) => {
                let mut children = String::new();
                if !assemble(map, templates, &n.children, &mut children)? {
                    return Ok(false);
                }
                out.push_str(&render(templates, n, &children)?);
            }
        }
    }
    Ok(true)
}

fn render(templates: &Templates, n: &NavNode, children: &str) -> Result<String, Diagnostic> {
    let node = NodeData {
        title: &n.title,
        url: &n.url,
        current: n.current,
        open: n.open,
        kind: n.kind,
        has_children: !n.children.is_empty(),
    };
    templates.fragment(Fragment::Nav, "nav", &ItemData { node, children })
}
