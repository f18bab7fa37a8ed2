//! Heading anchors that keep Chinese: `## 教学目标` → `id="教学目标"`. Transliterating
//! to pinyin would collide (实验 and 试验 are both `shi-yan`) and be unreadable in
//! a shared link, so ids keep every letter of every script; repeats get `-1`, `-2`.
//! A heading never takes an id the theme gives its own elements (`## main`
//! would break the skip link): it gets a suffix, as a repeat does.

use std::collections::HashSet;

/// Every fixed `id` the default theme's templates and the Rust-built page
/// markup give an element. One table, so a new template id cannot be forgotten:
/// a unit test below scans the embedded templates and fails on any id missing here.
pub const THEME_IDS: &[&str] = &[
    // base.html: the skip link's target, the sidebar and the 被引用 section.
    "main",
    "sidebar",
    "backlinks",
    // lesson.html: the 教案 form's title and the homework section.
    "lesson-form-title",
    "homework",
    // case.html: the questions' and analysis' headings when the case has none.
    "case-questions",
    "case-analysis",
    // search.html, search_box.html.
    "search-page",
    "search-popup",
    // slides.html: the deck's data.
    "deck-data",
    // render/flowmap/mod.rs: the SVG arrowhead marker.
    "fm-arrow",
    // print.html: the print book's contents list (its chapters are `page-N`).
    "book-contents",
    "book-contents-title",
];

/// Numbered theme ids: one of these prefixes and a number (`sec-1`, the home
/// page's sections in index.html; `slide-2`, a deck's slides in slides.html;
/// `page-3`, a chapter of the print book, print.html).
pub const THEME_ID_PREFIXES: &[&str] = &["sec-", "slide-", "page-"];

/// Is `id` one the theme gives its own elements?
pub fn is_theme_id(id: &str) -> bool {
    THEME_IDS.contains(&id)
        || THEME_ID_PREFIXES
            .iter()
            .any(|p| id.strip_prefix(p).is_some_and(|n| !n.is_empty() && n.bytes().all(|b| b.is_ascii_digit())))
}

#[derive(Debug, Default)]
pub struct Slugger {
    used: HashSet<String>,
}

impl Slugger {
    /// Mark `id` as taken (an anchor the template, the glossary or the author
    /// fixes); false if it already was.
    pub fn reserve(&mut self, id: &str) -> bool {
        self.used.insert(id.to_string())
    }

    /// A fresh id for `text`, unique among the ids this slugger has handed out
    /// and never one of the theme's ([`is_theme_id`]).
    pub fn unique(&mut self, text: &str) -> String {
        let base = slugify(text);
        let mut id = base.clone();
        let mut n = 1;
        while is_theme_id(&id) || !self.used.insert(id.clone()) {
            id = format!("{base}-{n}");
            n += 1;
        }
        id
    }
}

/// Letters and digits of any script are kept (ASCII lower-cased), whitespace and
/// dashes become one `-`, everything else (punctuation, symbols) is dropped.
pub fn slugify(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut dash = false;
    for ch in text.chars() {
        if ch.is_alphanumeric() || ch == '_' {
            if dash && !out.is_empty() {
                out.push('-');
            }
            dash = false;
            out.extend(ch.to_lowercase());
        } else if ch.is_whitespace() || ch == '-' || ch == '\u{3000}' {
            dash = true;
        }
    }
    if out.is_empty() {
        "section".to_string()
    } else {
        out
    }
}

/// What a heading's trailing attribute block says (`## 标题 {#id .class}`, the
/// kramdown / Pandoc / Hugo syntax): an id and classes; `key=value` pairs are
/// accepted and ignored.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct HeadingAttrs {
    pub id: Option<String>,
    pub classes: Vec<String>,
}

/// `标题 {#id .class}` → (`标题`, the attributes). None unless the text ends with
/// a block whose every token is `#id`, `.class` or `key=value` (`key="…"`), so
/// `{x}` or `{a b}` in an ordinary heading stays text.
pub fn split_heading_attrs(text: &str) -> Option<(&str, HeadingAttrs)> {
    let trimmed = text.trim_end();
    let inner_end = trimmed.strip_suffix('}')?.len();
    let open = trimmed[..inner_end].rfind('{')?;
    let before = &trimmed[..open];
    if !(before.is_empty() || before.ends_with(char::is_whitespace)) {
        return None;
    }
    let attrs = parse_attr_tokens(&trimmed[open + 1..inner_end])?;
    Some((before.trim_end(), attrs))
}

/// The tokens inside `{…}`; None if any is not an attribute or there are none.
fn parse_attr_tokens(inner: &str) -> Option<HeadingAttrs> {
    let mut attrs = HeadingAttrs::default();
    let mut rest = inner.trim();
    let mut any = false;
    while !rest.is_empty() {
        let token_end = match rest.find('=') {
            Some(eq) if !rest[..eq].contains(char::is_whitespace) && rest[eq + 1..].starts_with('"') => {
                eq + 2 + rest[eq + 2..].find('"')? + 1
            }
            _ => rest.find(char::is_whitespace).unwrap_or(rest.len()),
        };
        let token = &rest[..token_end];
        let ok_name = |s: &str| !s.is_empty() && !s.contains(['{', '}', '#', '"']);
        if let Some(id) = token.strip_prefix('#') {
            if !ok_name(id) || attrs.id.is_some() {
                return None;
            }
            attrs.id = Some(id.to_string());
        } else if let Some(class) = token.strip_prefix('.') {
            if !ok_name(class) {
                return None;
            }
            attrs.classes.push(class.to_string());
        } else {
            let (key, _) = token.split_once('=')?;
            if !key.chars().all(|c| c.is_alphanumeric() || matches!(c, '-' | '_' | ':')) || key.is_empty() {
                return None;
            }
        }
        any = true;
        rest = rest[token_end..].trim_start();
    }
    any.then_some(attrs)
}

/// The anchor GitHub (and github-slugger, used by VS Code, Docusaurus, VitePress)
/// gives a heading: lower-cased, each space a `-`, every character that is not a
/// letter, digit, `-` or `_` dropped. `Dependencies & Environments` →
/// `dependencies--environments`. Repeats are numbered by [`github_slugs`].
pub fn github_slug(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for ch in text.trim().chars() {
        if ch.is_alphanumeric() || ch == '_' || ch == '-' {
            out.extend(ch.to_lowercase());
        } else if ch == ' ' {
            out.push('-');
        }
    }
    out
}

/// GitHub slugs of headings in document order, repeats numbered `-1`, `-2` as GitHub does.
pub fn github_slugs<'a>(texts: impl IntoIterator<Item = &'a str>) -> Vec<String> {
    let mut seen: HashSet<String> = HashSet::new();
    let mut out = Vec::new();
    for text in texts {
        let base = github_slug(text);
        let mut slug = base.clone();
        let mut n = 1;
        while !seen.insert(slug.clone()) {
            slug = format!("{base}-{n}");
            n += 1;
        }
        out.push(slug);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn heading_attribute_blocks() {
        let attrs = |id: Option<&str>, classes: &[&str]| HeadingAttrs {
            id: id.map(String::from),
            classes: classes.iter().map(|c| c.to_string()).collect(),
        };
        assert_eq!(split_heading_attrs("标题 {#goal .red}"), Some(("标题", attrs(Some("goal"), &["red"]))));
        assert_eq!(split_heading_attrs("Step 1 {#s1}  "), Some(("Step 1", attrs(Some("s1"), &[]))));
        assert_eq!(split_heading_attrs("甲 {.a .b key=\"v w\"}"), Some(("甲", attrs(None, &["a", "b"]))));
        assert_eq!(split_heading_attrs("{#only}"), Some(("", attrs(Some("only"), &[]))));
        // Not attribute blocks: text in braces, no space before, two ids, empty.
        for text in ["集合 {a, b}", "标题{#x}", "a {#x #y}", "a {}", "a {#}", "a {x}", "plain"] {
            assert_eq!(split_heading_attrs(text), None, "{text}");
        }
    }

    #[test]
    fn github_slugs_match_github() {
        assert_eq!(github_slug("Dependencies & Environments"), "dependencies--environments");
        assert_eq!(github_slug("Step 1"), "step-1");
        assert_eq!(github_slug("What's new? (v2.0)"), "whats-new-v20");
        assert_eq!(github_slug("教学目标：理解"), "教学目标理解");
        assert_eq!(github_slugs(["A", "a", "A"]), vec!["a", "a-1", "a-2"]);
    }

    #[test]
    fn keeps_chinese_and_drops_punctuation() {
        assert_eq!(slugify("教学目标"), "教学目标");
        assert_eq!(slugify("步骤一 组织教学"), "步骤一-组织教学");
        assert_eq!(slugify("（一）客户的内涵"), "一客户的内涵");
        assert_eq!(slugify("RATER 五个度：Reliability"), "rater-五个度reliability");
        assert_eq!(slugify("4P → 4C"), "4p-4c");
        assert_eq!(slugify("？！"), "section");
    }

    #[test]
    fn repeats_are_numbered() {
        let mut s = Slugger::default();
        assert_eq!(s.unique("思考"), "思考");
        assert_eq!(s.unique("思考"), "思考-1");
        assert_eq!(s.unique("思考"), "思考-2");
        assert_eq!(s.unique("思考-1"), "思考-1-1");
    }

    #[test]
    fn theme_ids_are_never_handed_out() {
        let mut s = Slugger::default();
        assert_eq!(s.unique("main"), "main-1");
        assert_eq!(s.unique("Sidebar"), "sidebar-1");
        assert_eq!(s.unique("Homework"), "homework-1");
        assert_eq!(s.unique("Homework"), "homework-2");
        assert_eq!(s.unique("Slide 2"), "slide-2-1");
        assert_eq!(s.unique("sec 1"), "sec-1-1");
        // Near misses are the author's.
        assert_eq!(s.unique("sec"), "sec");
        assert_eq!(s.unique("slide-x"), "slide-x");
        assert_eq!(s.unique("main course"), "main-course");
    }

    /// The values of `id` attributes in `text`: between `open` and `close` (`id="` and `"` in a
    /// template, `id=\"` and `\"` in Rust source).
    fn ids_in<'a>(text: &'a str, open: &str, close: &str) -> Vec<&'a str> {
        text.split(open).skip(1).filter_map(|rest| rest.split(close).next()).collect()
    }

    /// Is the id (as written, maybe with Tera or format! placeholders) covered by the tables?
    fn covered(id: &str) -> bool {
        // `{{ q.id | default(value='case-questions') }}`: the literal fallback.
        if let Some(rest) = id.split("default(value='").nth(1) {
            return rest.split('\'').next().is_some_and(is_theme_id);
        }
        match id.find('{') {
            None => is_theme_id(id),
            // `sec-{{ loop.index }}`: a numbered id.
            Some(at) if id[at..].starts_with("{{") && at > 0 => THEME_ID_PREFIXES.contains(&&id[..at]),
            // The author's id, or one the page's own slugger hands out (a term, a node, a heading).
            Some(at) => at == 0,
        }
    }

    #[test]
    fn every_template_id_is_in_the_table() {
        let mut seen = 0;
        for (path, contents) in crate::theme::DEFAULT.iter().filter(|(p, _)| p.starts_with("templates/")) {
            for id in ids_in(contents, " id=\"", "\"") {
                seen += 1;
                assert!(covered(id), "{path}: id=\"{id}\" is not in syntax::anchor::THEME_IDS or THEME_ID_PREFIXES");
            }
        }
        assert!(seen >= 10, "the scan found only {seen} ids: is it still reading the templates?");
    }

    #[test]
    fn every_fixed_id_in_rust_built_markup_is_in_the_table() {
        // Markup written by Rust code: fixed ids are literal, the rest come from a slugger or the author.
        let sources = [
            include_str!("../render/flowmap/mod.rs"),
            include_str!("../render/script.rs"),
            include_str!("../render/quiz.rs"),
            include_str!("../render/case.rs"),
            include_str!("../render/body.rs"),
            include_str!("../render/markdown/mod.rs"),
            include_str!("../render/glossary_page.rs"),
            include_str!("../render/slides/mod.rs"),
        ];
        let fixed: Vec<&str> = sources
            .iter()
            .flat_map(|s| ids_in(s, " id=\\\"", "\\\""))
            .filter(|id| !id.contains('{') && !id.is_empty())
            .collect();
        assert!(fixed.contains(&"fm-arrow"), "the scan no longer sees flowmap.rs's marker id: {fixed:?}");
        for id in fixed {
            assert!(is_theme_id(id), "id=\"{id}\" in Rust-built markup is not in syntax::anchor::THEME_IDS");
        }
    }
}
