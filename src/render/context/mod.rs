//! What templates see. Each page gets a plain, serialisable context: the site,
//! the page, its rendered body, navigation (sidebar, breadcrumbs, 上一页/下一页)
//! and kind-specific data. Every URL is relative to the page (`root` + path), so
//! the site works from `file://` and under any sub-path.

use super::body::Body;
use super::graph::Backlink;
use super::links::encode_path;
use super::markdown::Heading;
use super::templates::Templates;
use crate::i18n;
use crate::model::lesson::{chinese_numeral, LessonPlan};
use crate::model::page::CaseInfo;
use crate::model::{Course, Kind, Page, TopItem};
use serde::Serialize;
use std::collections::BTreeMap;

mod nav;
pub use nav::{NavMarkup, NavNode, NAV_FULL, NAV_WINDOW};

#[derive(Debug, Serialize)]
pub struct Link {
    pub title: String,
    pub url: String,
}

#[derive(Debug, Serialize)]
pub struct ListItem {
    pub title: String,
    pub url: String,
    pub summary: Option<String>,
    pub kind: Kind,
    pub kind_label: String,
    /// A short fact under the title: `4 学时` for a lesson, the company for a case.
    pub meta: Option<String>,
    pub count: Option<usize>,
    pub children: Vec<ListItem>,
}

#[derive(Debug, Serialize)]
pub struct BacklinkGroup {
    pub kind: Kind,
    pub label: String,
    pub items: Vec<BacklinkItem>,
}

#[derive(Debug, Serialize)]
pub struct BacklinkItem {
    pub title: String,
    pub url: String,
    /// The heading of the linking page under which the link sits.
    pub heading: Option<String>,
}

#[derive(Debug, Serialize)]
pub struct SiteCtx<'a> {
    pub title: &'a str,
    pub subtitle: Option<&'a str>,
    /// The site has `print.html` (see `config::PrintConfig`).
    pub print_book: bool,
    pub authors: &'a [String],
    /// Pages link glossary terms: they load the tooltips' `terms.js`.
    pub terms: bool,
}

#[derive(Debug, Serialize)]
pub struct PageCtx<'a> {
    pub title: &'a str,
    pub kind: Kind,
    pub kind_label: &'a str,
    pub summary: Option<&'a str>,
    pub id: &'a str,
    pub is_home: bool,
    pub is_index: bool,
}

#[derive(Debug, Serialize)]
pub struct CaseCtx<'a> {
    pub info: &'a CaseInfo,
    pub questions: &'a CasePart,
    pub analysis: &'a CasePart,
}

/// The 思考 or 分析提示 part of a case: its rendered body and its heading, which
/// keeps the anchor a `## 思考` heading would have had (`#思考`).
#[derive(Debug, Clone, Default, Serialize, serde::Deserialize)]
pub struct CasePart {
    pub html: String,
    pub title: Option<String>,
    pub id: Option<String>,
}

#[derive(Debug, Serialize)]
pub struct Context<'a> {
    pub lang: &'static str,
    /// The UI strings, when a template reads them other than as `t.key` (those
    /// are written into the templates when they are loaded).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub t: Option<BTreeMap<&'static str, &'static str>>,
    /// `../` repeated up to the site root (`""` at the top).
    pub root: String,
    pub site: SiteCtx<'a>,
    pub page: PageCtx<'a>,
    /// Rendered Markdown: the only value templates print with `| safe`.
    pub content: String,
    pub toc: Vec<Heading>,
    pub breadcrumbs: Vec<Link>,
    pub nav: Vec<NavNode>,
    /// `nav` as the theme's sidebar markup (`macros/nav.html`), put together
    /// from items rendered once per build rather than by a recursive macro per
    /// page (that was 8 % of a build's time); a theme may still walk `nav` itself.
    pub nav_html: String,
    /// A large course's sidebar comes from the shared `nav.js`: the page's
    /// URL from the site root, for the script to mark it (None: `nav_html`).
    pub nav_page: Option<String>,
    pub prev: Option<Link>,
    pub next: Option<Link>,
    pub lesson: Option<&'a LessonPlan>,
    pub step_labels: Vec<String>,
    pub lesson_cases: Vec<Link>,
    pub case: Option<CaseCtx<'a>>,
    /// Pages that link here, grouped by kind (被引用).
    pub backlinks: Vec<BacklinkGroup>,
    pub glossary: Option<super::glossary_page::GlossaryCtx>,
    pub listing: Vec<ListItem>,
    /// The page's slide deck (`01.slides.html`), relative to the page.
    pub deck_url: Option<String>,
    pub generator: &'static str,
    /// The teacher's edition (`build --profile teacher`): a 教师版 badge and teacher.css.
    pub teacher: bool,
}

/// Builds contexts for the pages of one course.
pub struct ContextBuilder<'a> {
    pub course: &'a Course,
    t: Option<BTreeMap<&'static str, &'static str>>,
    /// Does a template walk `nav` (the default theme prints `nav_html`)?
    nav_read: bool,
    templates: &'a Templates,
    /// The sidebar's items, rendered once and shared by every page.
    nav_markup: NavMarkup,
    /// Each page's place in reading order (looked up once, not per page).
    positions: Vec<Option<usize>>,
    /// Each page's output path, percent-encoded once: every page's sidebar
    /// links some 40 pages.
    encoded: Vec<String>,
}

impl<'a> ContextBuilder<'a> {
    pub fn new(course: &'a Course, templates: &'a Templates) -> Self {
        let mut positions = vec![None; course.pages.len()];
        for (pos, &page) in course.order.iter().enumerate() {
            if let Some(slot) = positions.get_mut(page) {
                *slot = Some(pos);
            }
        }
        ContextBuilder {
            course,
            t: templates.reads("t").then(|| i18n::table(course.config.language)),
            nav_read: templates.reads("nav"),
            templates,
            nav_markup: NavMarkup::default(),
            positions,
            encoded: course.pages.iter().map(|p| encode_path(&p.out)).collect(),
        }
    }

    pub fn base(&self, index: usize, root: String) -> Context<'a> {
        let course = self.course;
        let page = &course.pages[index];
        let config = &course.config;
        let position = self.positions.get(index).copied().flatten();
        let link_at = |pos: Option<usize>| pos.and_then(|p| course.order.get(p)).map(|&i| self.link(&root, i));
        let mut nav = self.nav(index, &root);
        let nav_html = self.nav_markup.html(self.templates, &nav, &root);
        if !self.nav_read {
            nav.clear();
        }
        Context {
            lang: config.language.tag(),
            t: self.t.clone(),
            site: SiteCtx {
                title: &config.title,
                subtitle: config.subtitle.as_deref(),
                authors: &config.authors,
                print_book: config.print.book_for(course.pages.len()),
                terms: crate::render::terms::linked(course),
            },
            page: PageCtx {
                title: &page.title,
                kind: page.kind,
                kind_label: i18n::t(config.language, &format!("kind_{}", page.kind.as_str())),
                summary: page.summary.as_deref(),
                id: &page.id,
                is_home: index == course.home(),
                is_index: page.is_index,
            },
            content: String::new(),
            toc: Vec::new(),
            breadcrumbs: self.breadcrumbs(index, &root),
            nav,
            nav_html,
            nav_page: self.shared_nav().then(|| self.encoded[index].clone()),
            prev: position.and_then(|p| p.checked_sub(1)).and_then(|p| link_at(Some(p))),
            next: link_at(position.map(|p| p + 1)),
            lesson: page.lesson.as_ref(),
            step_labels: self.step_labels(page),
            lesson_cases: page.cases_used.iter().map(|&c| self.link(&root, c)).collect(),
            case: None,
            backlinks: Vec::new(),
            glossary: None,
            listing: if page.is_index { self.listing(&page.dir, &root, index == course.home()) } else { Vec::new() },
            deck_url: None,
            generator: concat!("coursesite ", env!("CARGO_PKG_VERSION")),
            teacher: course.profile.is_teacher(),
            root,
        }
    }

    /// The first failure of the sidebar's template, if any (its pages got an
    /// empty sidebar).
    pub fn take_error(&self) -> Option<crate::diag::Diagnostic> {
        self.nav_markup.take_error()
    }

    pub fn url(&self, root: &str, index: usize) -> String {
        let path = &self.encoded[index];
        let mut url = String::with_capacity(root.len() + path.len());
        url.push_str(root);
        url.push_str(path);
        url
    }

    fn link(&self, root: &str, index: usize) -> Link {
        Link { title: self.course.pages[index].title.clone(), url: self.url(root, index) }
    }

    fn step_labels(&self, page: &Page) -> Vec<String> {
        let Some(plan) = &page.lesson else {
            return Vec::new();
        };
        let lang = self.course.config.language;
        let label = i18n::t(lang, "lesson_step_n");
        plan.steps
            .iter()
            .map(|s| {
                let n = match lang {
                    crate::config::Language::ZhCn => chinese_numeral(s.ordinal),
                    crate::config::Language::En => s.ordinal.to_string(),
                };
                label.replace("{n}", &n)
            })
            .collect()
    }

    /// Backlinks grouped by the kind of the linking page (教案, 案例, 话术, 测验, …),
    /// each with the heading the link sits under.
    pub fn backlinks(&self, links: &[Backlink], bodies: &[Body], root: &str) -> Vec<BacklinkGroup> {
        let lang = self.course.config.language;
        let mut groups: Vec<BacklinkGroup> = Vec::new();
        for kind in Kind::ALL {
            let items: Vec<BacklinkItem> = links
                .iter()
                .filter(|b| self.course.pages[b.source].kind == kind)
                .map(|b| {
                    let heading = b.heading.and_then(|h| bodies[b.source].headings().get(h));
                    let mut url = self.url(root, b.source);
                    if let Some(h) = heading {
                        url.push('#');
                        url.push_str(&h.id);
                    }
                    BacklinkItem {
                        title: self.course.pages[b.source].title.clone(),
                        url,
                        heading: heading.map(|h| h.text.clone()),
                    }
                })
                .collect();
            if !items.is_empty() {
                groups.push(BacklinkGroup {
                    kind,
                    label: i18n::t(lang, &format!("kind_{}", kind.as_str())).to_string(),
                    items,
                });
            }
        }
        groups
    }

    /// What an index page lists: its pages and sub-folders; the home page lists
    /// every top-level section with its pages.
    fn listing(&self, dir: &str, root: &str, home: bool) -> Vec<ListItem> {
        let course = self.course;
        if home {
            return course
                .top
                .iter()
                .map(|item| match item {
                    TopItem::Section(d) => self.section_item(d, root, true),
                    TopItem::Page(p) => self.page_item(*p, root),
                })
                .collect();
        }
        let section = &course.sections[dir];
        let mut items: Vec<ListItem> = section.pages.iter().map(|&p| self.page_item(p, root)).collect();
        items.extend(section.subsections.iter().map(|d| self.section_item(d, root, false)));
        items
    }

    fn section_item(&self, dir: &str, root: &str, with_pages: bool) -> ListItem {
        let section = &self.course.sections[dir];
        let mut item = self.page_item(section.index, root);
        item.count = Some(section.pages.len());
        if with_pages {
            item.children = section.pages.iter().map(|&p| self.page_item(p, root)).collect();
        }
        item
    }

    fn page_item(&self, index: usize, root: &str) -> ListItem {
        let page = &self.course.pages[index];
        let lang = self.course.config.language;
        let meta = match (&page.lesson, &page.case) {
            (Some(plan), _) => Some(format!("{} {}", plan.hours, i18n::t(lang, "lesson_hours_unit"))),
            (_, Some(case)) => case.company.clone(),
            // A script's steps, a quiz's questions.
            _ => match (&page.script, &page.quiz) {
                (Some(s), _) if s.nodes.len() > 1 => {
                    Some(i18n::t(lang, "script_list_meta").replace("{n}", &s.nodes.len().to_string()))
                }
                (_, Some(q)) => {
                    Some(i18n::t(lang, "quiz_list_meta").replace("{n}", &q.questions().count().to_string()))
                }
                _ => None,
            },
        };
        ListItem {
            title: page.title.clone(),
            url: self.url(root, index),
            summary: page.summary.clone(),
            kind: page.kind,
            kind_label: i18n::t(lang, &format!("kind_{}", page.kind.as_str())).to_string(),
            meta,
            count: None,
            children: Vec::new(),
        }
    }
}
