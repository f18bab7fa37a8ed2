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
    // render/flowmap.rs: the SVG arrowhead marker.
    "fm-arrow",
];

/// Numbered theme ids: one of these prefixes and a number (`sec-1`, the home
/// page's sections in index.html; `slide-2`, a deck's slides in slides.html).
pub const THEME_ID_PREFIXES: &[&str] = &["sec-", "slide-"];

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
    /// Mark `id` as taken (an anchor the template or glossary fixes).
    pub fn reserve(&mut self, id: &str) {
        self.used.insert(id.to_string());
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

#[cfg(test)]
mod tests {
    use super::*;

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
            include_str!("../render/flowmap.rs"),
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
