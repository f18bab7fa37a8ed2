//! Where a URL in Markdown leads. Links between pages are written to the source
//! file (`../cases/东方饭店.md`) and become the output file, relative to the page so
//! the site works from `file://` and under any sub-path; local images and files
//! must exist inside the course; script URLs are removed.

use crate::diag::did_you_mean;
use crate::messages::Msg;
use crate::model::Course;
use std::collections::{BTreeMap, BTreeSet};

/// Every way to name a page or file, built once per build.
#[derive(Debug, Default)]
pub struct LinkIndex {
    /// Source path under content/ → page (`lessons/01.md`). Folder indexes are
    /// listed as `dir/index.md` even when generated.
    pub by_source: BTreeMap<String, usize>,
    /// Page id → page (`cases/东方饭店`).
    pub by_id: BTreeMap<String, usize>,
    /// File stem → pages with that stem (`东方饭店`), for `[[东方饭店]]`.
    pub by_stem: BTreeMap<String, Vec<usize>>,
    /// Output path of each page.
    pub outs: Vec<String>,
    /// Output path → page (`lessons/01.html`), for links written to the HTML.
    pub by_out: BTreeMap<String, usize>,
    /// Every non-Markdown file under content/.
    pub assets: BTreeSet<String>,
    /// Ids of pages that failed to load: links to them are left alone (their own
    /// error is reported once).
    pub unloaded: BTreeSet<String>,
    /// Ids of teacher-only pages left out of the student edition.
    pub teacher_only: BTreeSet<String>,
    /// Jekyll permalinks, normalised ([`permalink_key`]) → page.
    pub by_permalink: BTreeMap<String, usize>,
}

/// `/about/`, `/about`, `/about.html`, `/about/index.html` → `about`.
fn permalink_key(path: &str) -> String {
    let path = path.trim_matches('/');
    let path = path.strip_suffix(".html").unwrap_or(path);
    let path = path.strip_suffix("/index").or_else(|| (path == "index").then_some("")).unwrap_or(path);
    path.to_string()
}

impl LinkIndex {
    pub fn new(course: &Course) -> Self {
        let mut index = LinkIndex::default();
        for (i, page) in course.pages.iter().enumerate() {
            index.by_source.insert(page.source.clone(), i);
            index.by_id.insert(page.id.clone(), i);
            let stem = page.id.rsplit('/').next().unwrap_or(&page.id);
            if !page.generated {
                index.by_stem.entry(stem.to_string()).or_default().push(i);
            }
            index.outs.push(page.out.clone());
            index.by_out.insert(page.out.clone(), i);
            if let Some(permalink) = &page.permalink {
                index.by_permalink.insert(permalink_key(permalink), i);
            }
            if page.is_index {
                // A folder's index, whatever its file (README.md, _index.md), answers to `dir/index.md`.
                let as_index = if page.dir.is_empty() { "index.md".into() } else { format!("{}/index.md", page.dir) };
                index.by_source.entry(as_index).or_insert(i);
            }
        }
        index.assets = course.assets.iter().map(|a| a.rel.clone()).collect();
        index.unloaded = course.unloaded.clone();
        index.teacher_only = course.teacher_only.clone();
        index
    }
}

/// Link resolution from one page.
pub struct Links<'a> {
    pub index: &'a LinkIndex,
    /// The page being rendered.
    pub page: usize,
    /// Its source folder under content/ (`lessons`), `""` at the root.
    pub page_dir: &'a str,
    /// Its output depth: how many `../` lead to the site root.
    pub depth: usize,
}

#[derive(Debug, PartialEq, Eq)]
pub enum LinkTarget {
    /// Leave the URL as written (external, or a copied file).
    Keep,
    /// Another page (or this one, for `#anchor`), at an optional anchor.
    Page {
        index: usize,
        fragment: Option<String>,
    },
    Unsafe,
    /// A file of the course linked from the site root (`/img/a.png`): this
    /// relative URL instead.
    Rewrite(String),
    Missing {
        message: Msg,
        hint: Option<Msg>,
    },
}

impl Links<'_> {
    /// A Markdown link or image URL.
    pub fn resolve(&self, url: &str, image: bool) -> LinkTarget {
        let url = url.trim();
        if url.is_empty() {
            return LinkTarget::Keep;
        }
        if let Some(frag) = url.strip_prefix('#') {
            return LinkTarget::Page { index: self.page, fragment: Some(percent_decode(frag)) };
        }
        if let Some(scheme) = scheme(url) {
            return if is_safe_scheme(&scheme, url, image) { LinkTarget::Keep } else { LinkTarget::Unsafe };
        }
        if url.starts_with("//") {
            return LinkTarget::Keep;
        }
        let what = Msg::new(if image { "link_what_image" } else { "link_what_link" });
        // `/2019/foo/`, `/images/a.png`: from the course root (content/), as
        // Jekyll, Hugo and MkDocs sites write them; made relative below.
        let rooted = url.starts_with('/') || url.starts_with('\\');
        let (path_part, suffix) = url.find(['#', '?']).map_or((url, ""), |i| (&url[..i], &url[i..]));
        let fragment = suffix.strip_prefix('#').map(percent_decode);
        let decoded = percent_decode(path_part);
        let Some(target) = join(if rooted { "" } else { self.page_dir }, &decoded) else {
            return missing(msg!("link_outside", what, url), Some(msg!("link_outside_hint")));
        };
        if let Some(&index) = self.index.by_permalink.get(&permalink_key(&decoded)).filter(|_| rooted && !image) {
            return LinkTarget::Page { index, fragment };
        }
        if !image {
            let folder = target.is_empty() || decoded.ends_with('/') || decoded.ends_with('\\');
            if let Some(found) = self.page_link(&target, folder, url, fragment) {
                return found;
            }
        }
        if self.index.assets.contains(&target) {
            return match rooted {
                true => LinkTarget::Rewrite(format!("{}{}{suffix}", "../".repeat(self.depth), encode_path(&target))),
                false => LinkTarget::Keep,
            };
        }
        // VitePress serves `/x.png` from `public/x.png`.
        let public = format!("public/{target}");
        if rooted && self.index.assets.contains(&public) {
            return LinkTarget::Rewrite(format!("{}{}{suffix}", "../".repeat(self.depth), encode_path(&public)));
        }
        let hint = did_you_mean(&target, self.index.assets.iter().map(String::as_str))
            .map(|best| msg!("did_you_mean", best))
            .or_else(|| Some(msg!("link_file_missing_hint")));
        missing(msg!("link_file_missing", what, target), hint)
    }

    /// A link to a page, written to its source (`x.md`, a folder's `README.md`),
    /// its output (`x.html`), its folder (`x/`) or without an extension (`x`).
    /// None if `target` names no page and is not written as one (a file, maybe).
    fn page_link(&self, target: &str, folder: bool, url: &str, fragment: Option<String>) -> Option<LinkTarget> {
        let source = |s: &str| self.index.by_source.get(s).copied();
        let as_page = |stem: &str| source(&format!("{stem}.md")).or_else(|| source(&format!("{stem}.markdown")));
        let as_folder = |dir: &str| source(&if dir.is_empty() { "index.md".into() } else { format!("{dir}/index.md") });
        let page = |index: usize| Some(LinkTarget::Page { index, fragment: fragment.clone() });
        if folder {
            return match as_folder(target).or_else(|| as_page(target)) {
                Some(i) => page(i),
                None => Some(missing(msg!("link_no_folder", url, target), None)),
            };
        }
        if target.ends_with(".md") || target.ends_with(".markdown") {
            let id = target.rsplit_once('.').map_or(target, |(stem, _)| stem);
            return match source(target) {
                Some(i) => page(i),
                None if self.index.teacher_only.contains(id) => Some(teacher_only_link(id)),
                None if self.index.unloaded.contains(id) => Some(LinkTarget::Keep),
                None => Some(missing(
                    msg!("link_target_missing", target),
                    did_you_mean(target, self.index.by_source.keys().map(String::as_str))
                        .map(|best| msg!("did_you_mean", best)),
                )),
            };
        }
        if let Some(&i) = self.index.by_out.get(target) {
            return page(i);
        }
        if self.index.assets.contains(target) {
            return None;
        }
        as_page(target).or_else(|| as_folder(target)).and_then(page)
    }

    /// A short link `[[cases/东方饭店#思考]]`: by page id, else by a unique file stem.
    pub fn resolve_short(&self, target: &str) -> LinkTarget {
        let (name, fragment) = match target.split_once('#') {
            Some((n, f)) => (n.trim(), Some(f.trim().to_string())),
            None => (target.trim(), None),
        };
        if name.is_empty() {
            return LinkTarget::Page { index: self.page, fragment };
        }
        let name = name.trim_end_matches(".md").trim_start_matches("./");
        if let Some(&i) = self.index.by_id.get(name) {
            return LinkTarget::Page { index: i, fragment };
        }
        if let Some(id) = self.index.teacher_only.iter().find(|u| *u == name || u.rsplit('/').next() == Some(name)) {
            return teacher_only_link(id);
        }
        if self.index.unloaded.iter().any(|u| u == name || u.rsplit('/').next() == Some(name)) {
            return LinkTarget::Keep;
        }
        match self.index.by_stem.get(name).map(Vec::as_slice) {
            Some([i]) => LinkTarget::Page { index: *i, fragment },
            Some(many) => {
                let ids: Vec<String> = many
                    .iter()
                    .filter_map(|&i| self.index.by_id.iter().find(|(_, &v)| v == i))
                    .map(|(k, _)| k.clone())
                    .collect();
                let ids: Vec<String> = ids.iter().map(|id| format!("[[{id}]]")).collect();
                missing(
                    msg!("short_ambiguous", name, n = many.len()),
                    Some(msg!("short_ambiguous_hint", ids = crate::messages::list(ids))),
                )
            }
            None => {
                let candidates =
                    self.index.by_id.keys().map(String::as_str).chain(self.index.by_stem.keys().map(String::as_str));
                missing(
                    msg!("short_missing", name),
                    Some(match did_you_mean(name, candidates) {
                        Some(best) => msg!("short_did_you_mean", best),
                        None => msg!("short_missing_hint"),
                    }),
                )
            }
        }
    }

    /// The relative URL of page `index` (at `fragment`) from this page.
    pub fn url(&self, index: usize, fragment: Option<&str>) -> String {
        let mut url = format!("{}{}", "../".repeat(self.depth), encode_path(&self.index.outs[index]));
        if let Some(f) = fragment {
            url.push('#');
            url.push_str(f);
        }
        url
    }
}

fn missing(message: Msg, hint: Option<Msg>) -> LinkTarget {
    LinkTarget::Missing { message, hint }
}

/// The URL scheme, lower-cased, ignoring the whitespace and control characters
/// browsers ignore (`java\tscript:` is still `javascript:`).
pub(crate) fn scheme(url: &str) -> Option<String> {
    let cleaned: String = url.chars().filter(|c| !c.is_whitespace() && !c.is_control()).collect();
    let colon = cleaned.find(':')?;
    let candidate = &cleaned[..colon];
    let valid = candidate.chars().next().is_some_and(|c| c.is_ascii_alphabetic())
        && candidate.chars().all(|c| c.is_ascii_alphanumeric() || matches!(c, '+' | '-' | '.'));
    valid.then(|| candidate.to_ascii_lowercase())
}

fn is_safe_scheme(scheme: &str, url: &str, image: bool) -> bool {
    match scheme {
        "http" | "https" | "mailto" | "tel" | "ftp" => true,
        "data" => {
            let lower = url.to_ascii_lowercase();
            image
                && ["data:image/png", "data:image/gif", "data:image/jpeg", "data:image/webp"]
                    .iter()
                    .any(|p| lower.starts_with(p))
        }
        _ => false,
    }
}

/// A link from a page students see to a page only the teacher's edition has.
fn teacher_only_link(id: &str) -> LinkTarget {
    LinkTarget::Missing {
        message: msg!("link_teacher_only", id),
        hint: Some(msg!("link_teacher_only_hint", callout = crate::syntax::callouts::TEACHER.aliases[0])),
    }
}

/// Resolve `rel` against folder `base` (both under content/); None if it climbs out.
pub fn join(base: &str, rel: &str) -> Option<String> {
    let mut parts: Vec<&str> = base.split('/').filter(|s| !s.is_empty()).collect();
    for seg in rel.split(['/', '\\']) {
        match seg {
            "" | "." => {}
            ".." => {
                parts.pop()?;
            }
            s => parts.push(s),
        }
    }
    Some(parts.join("/"))
}

pub use crate::model::url::{encode_path, percent_decode};

#[cfg(test)]
mod tests {
    use super::*;

    fn fixture() -> LinkIndex {
        let mut index = LinkIndex::default();
        for (i, (source, id, out)) in [
            ("cases/东方饭店.md", "cases/东方饭店", "cases/东方饭店.html"),
            ("cases/index.md", "cases/index", "cases/index.html"),
            ("lessons/01 a#b.md", "lessons/01 a#b", "lessons/01 a#b.html"),
            ("lessons/东方饭店.md", "lessons/东方饭店", "lessons/东方饭店.html"),
            ("lessons/唯一.md", "lessons/唯一", "lessons/唯一.html"),
        ]
        .into_iter()
        .enumerate()
        {
            index.by_source.insert(source.into(), i);
            index.by_id.insert(id.into(), i);
            index.by_stem.entry(id.rsplit('/').next().unwrap().into()).or_default().push(i);
            index.outs.push(out.into());
            index.by_out.insert(out.into(), i);
        }
        index.assets.insert("lessons/img/图1.svg".into());
        index.assets.insert("lessons/LICENSE".into());
        index.assets.insert("public/logo.png".into());
        index
    }

    fn from_lessons(index: &LinkIndex) -> Links<'_> {
        Links { index, page: 2, page_dir: "lessons", depth: 1 }
    }

    #[test]
    fn md_links_resolve_to_pages() {
        let index = fixture();
        let links = from_lessons(&index);
        assert_eq!(
            links.resolve("../cases/东方饭店.md#思考", false),
            LinkTarget::Page { index: 0, fragment: Some("思考".into()) }
        );
        assert_eq!(links.url(0, Some("思考")), "../cases/东方饭店.html#思考");
        assert_eq!(links.resolve("../cases/", false), LinkTarget::Page { index: 1, fragment: None });
        assert_eq!(links.resolve("01%20a%23b.md", false), LinkTarget::Page { index: 2, fragment: None });
        assert_eq!(links.url(2, None), "../lessons/01%20a%23b.html");
        assert_eq!(links.resolve("#%E6%80%9D", false), LinkTarget::Page { index: 2, fragment: Some("思".into()) });
        assert!(
            matches!(links.resolve("../cases/东方饭.md", false), LinkTarget::Missing { hint: Some(h), .. } if h.en().contains("东方饭店"))
        );
    }

    #[test]
    fn short_links_by_id_stem_and_anchor() {
        let index = fixture();
        let links = from_lessons(&index);
        assert_eq!(
            links.resolve_short("cases/东方饭店#思考"),
            LinkTarget::Page { index: 0, fragment: Some("思考".into()) }
        );
        assert_eq!(links.resolve_short("唯一"), LinkTarget::Page { index: 4, fragment: None });
        assert!(matches!(links.resolve_short("东方饭店"),
            LinkTarget::Missing { message, hint: Some(h) } if message.en().contains("ambiguous") && h.en().contains("[[cases/东方饭店]]") && h.en().contains("[[lessons/东方饭店]]")));
        assert!(
            matches!(links.resolve_short("唯二"), LinkTarget::Missing { hint: Some(h), .. } if h.en().contains("唯一"))
        );
    }

    #[test]
    fn images_must_exist_inside_the_course() {
        let index = fixture();
        let links = from_lessons(&index);
        assert_eq!(links.resolve("img/图1.svg", true), LinkTarget::Keep);
        assert!(matches!(links.resolve("img/图2.svg", true), LinkTarget::Missing { .. }));
        assert!(
            matches!(links.resolve("../../../etc/passwd", true), LinkTarget::Missing { message, .. } if message.en().contains("outside"))
        );
        assert!(matches!(links.resolve("/img/x.png", true), LinkTarget::Missing { .. }));
    }

    #[test]
    fn root_absolute_html_folder_and_bare_links() {
        let index = fixture();
        let links = from_lessons(&index);
        let page =
            |index: usize, fragment: Option<&str>| LinkTarget::Page { index, fragment: fragment.map(String::from) };
        // From the course root, made relative to the page.
        assert_eq!(links.resolve("/lessons/img/图1.svg", true), LinkTarget::Rewrite("../lessons/img/图1.svg".into()));
        assert_eq!(links.resolve("/lessons/LICENSE?x#y", false), LinkTarget::Rewrite("../lessons/LICENSE?x#y".into()));
        // VitePress' public/ folder answers for the root.
        assert_eq!(links.resolve("/logo.png", true), LinkTarget::Rewrite("../public/logo.png".into()));
        assert_eq!(links.resolve("/cases/东方饭店/#思考", false), page(0, Some("思考")));
        assert_eq!(links.resolve("/cases/", false), page(1, None));
        // To the output file, the folder, or without an extension.
        assert_eq!(links.resolve("../cases/东方饭店.html#思考", false), page(0, Some("思考")));
        assert_eq!(links.resolve("唯一", false), page(4, None));
        assert_eq!(links.resolve("../cases/东方饭店", false), page(0, None));
        assert_eq!(links.resolve("../cases", false), page(1, None));
        // A file without an extension stays a file; a missing one is an error.
        assert_eq!(links.resolve("LICENSE", false), LinkTarget::Keep);
        assert!(matches!(links.resolve("/nowhere", false), LinkTarget::Missing { .. }));
        assert!(
            matches!(links.resolve("/../x", false), LinkTarget::Missing { message, .. } if message.en().contains("outside"))
        );
    }

    #[test]
    fn script_urls_are_unsafe_and_web_urls_kept() {
        let index = fixture();
        let links = Links { index: &index, page: 0, page_dir: "", depth: 0 };
        for bad in [
            "javascript:alert(1)",
            "JaVa\tScRiPt:alert(1)",
            " vbscript:x",
            "data:text/html,<script>",
            "file:///etc/passwd",
        ] {
            assert_eq!(links.resolve(bad, false), LinkTarget::Unsafe, "{bad}");
        }
        assert_eq!(links.resolve("data:image/png;base64,AAAA", true), LinkTarget::Keep);
        for ok in ["https://example.org/a", "mailto:a@b.c", "tel:10086"] {
            assert_eq!(links.resolve(ok, false), LinkTarget::Keep, "{ok}");
        }
    }

    #[test]
    fn helpers() {
        assert_eq!(join("a/b", "../c/d.md"), Some("a/c/d.md".into()));
        assert_eq!(join("a", "../../x"), None);
        assert_eq!(percent_decode("%E5%AE%A2%20x%zz"), "客 x%zz");
        assert_eq!(encode_path("a b/c#d?.html"), "a%20b/c%23d%3F.html");
    }
}
