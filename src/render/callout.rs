//! Callouts: GitHub alerts (`> [!NOTE]` …) and the boxes Chinese lecture notes
//! use, written the same way (`> [!本讲重点]`, `> [!小结]`, `> [!举例]`, `> [!思考]`,
//! `> [!课堂小思考]`, `> [!注意]`). Each gets a CSS class and a localized title;
//! text after the marker (`> [!TIP] 记住`) replaces the title.

use super::highlight::escape;
use crate::config::Language;
use crate::i18n;
use comrak::nodes::{AstNode, NodeHtmlBlock, NodeValue};
use comrak::Arena;

/// The class of speaker notes (`> [!notes]`).
pub const NOTES: &str = "notes";

/// (markers, CSS class, i18n key of the title)
const KINDS: &[(&[&str], &str, &str)] = &[
    (&["note"], "note", "callout_note"),
    (&["tip"], "tip", "callout_tip"),
    (&["important"], "important", "callout_important"),
    (&["warning"], "warning", "callout_warning"),
    (&["caution"], "caution", "callout_caution"),
    (&["本讲重点", "重点", "key-points"], "key-points", "callout_key_points"),
    (&["小结", "本讲小结", "summary"], "summary", "callout_summary"),
    (&["举例", "例", "example"], "example", "callout_example"),
    (&["思考", "think"], "think", "callout_think"),
    (&["课堂小思考", "问题"], "class-question", "callout_class_question"),
    (&["注意", "attention"], "attention", "callout_attention"),
    // Speaker notes: kept off the page and the audience deck (render::slides).
    (&["notes", "讲稿", "备注"], "notes", "callout_notes"),
    // Teacher-only (see `profile::TEACHER_CALLOUTS`): only ever rendered in the teacher's edition.
    (&["教师", "teacher", "教师提示"], "teacher", "callout_teacher"),
];

#[derive(Debug, PartialEq, Eq)]
pub struct Callout {
    /// CSS class suffix: `callout-key-points`.
    pub class: &'static str,
    /// i18n key of the default title, or None for a marker we don't know.
    pub title_key: Option<&'static str>,
    /// The marker as written, for unknown kinds.
    pub marker: String,
    /// Title text written after the marker, if any.
    pub custom_title: Option<String>,
}

/// Parse the first line of a block quote: `[!本讲重点]` or `[!TIP] 自定义标题`.
pub fn parse_marker(first_line: &str) -> Option<Callout> {
    let rest = first_line.trim_start().strip_prefix("[!")?;
    let (marker, after) = rest.split_once(']')?;
    let marker = marker.trim();
    if marker.is_empty() || marker.chars().count() > 20 {
        return None;
    }
    let lower = marker.to_lowercase();
    let known = KINDS.iter().find(|(names, _, _)| names.contains(&lower.as_str()));
    let after = after.trim();
    Some(Callout {
        class: known.map_or("custom", |k| k.1),
        title_key: known.map(|k| k.2),
        marker: marker.to_string(),
        custom_title: (!after.is_empty()).then(|| after.to_string()),
    })
}

/// Read and remove a block quote's `[!本讲重点]` marker line. Runs before the
/// other transforms, while the line break after the marker is still there.
pub fn take_marker<'a>(quote: &'a AstNode<'a>) -> Option<Callout> {
    let para = quote.first_child().filter(|p| matches!(p.data().value, NodeValue::Paragraph))?;
    // The marker line: leading text nodes up to the first line break.
    let mut marker_nodes = Vec::new();
    let mut first_line = String::new();
    let mut next = para.first_child();
    while let Some(n) = next {
        let value = n.data().value.clone();
        match value {
            NodeValue::Text(t) => {
                first_line.push_str(&t);
                marker_nodes.push(n);
            }
            NodeValue::SoftBreak | NodeValue::LineBreak => {
                marker_nodes.push(n);
                break;
            }
            _ => return None,
        }
        next = n.next_sibling();
    }
    let c = parse_marker(&first_line)?;
    for n in marker_nodes {
        n.detach();
    }
    if para.first_child().is_none() {
        para.detach();
    }
    Some(c)
}

/// `> [!本讲重点]` → `<div class="callout callout-key-points">` with a title.
pub fn wrap_callout<'a>(arena: &'a Arena<'a>, quote: &'a AstNode<'a>, c: &Callout, lang: Language) {
    let title = match (&c.custom_title, c.title_key) {
        (Some(custom), _) => escape(custom),
        (None, Some(key)) => escape(i18n::t(lang, key)),
        (None, None) => escape(&c.marker),
    };
    let html =
        |literal: String| arena.alloc(AstNode::from(NodeValue::HtmlBlock(NodeHtmlBlock { block_type: 6, literal })));
    quote.insert_before(html(format!(
        "<div class=\"callout callout-{}\" role=\"note\">\n<p class=\"callout-title\">{title}</p>\n",
        c.class
    )));
    while let Some(child) = quote.first_child() {
        child.detach();
        quote.insert_before(child);
    }
    quote.insert_before(html("</div>\n".into()));
    quote.detach();
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn github_and_chinese_markers() {
        let c = parse_marker("[!NOTE]").unwrap();
        assert_eq!((c.class, c.title_key), ("note", Some("callout_note")));
        let c = parse_marker("[!本讲重点]").unwrap();
        assert_eq!(c.class, "key-points");
        let c = parse_marker("[!课堂小思考] 想一想").unwrap();
        assert_eq!(c.class, "class-question");
        assert_eq!(c.custom_title.as_deref(), Some("想一想"));
        let c = parse_marker("[!自创]").unwrap();
        assert_eq!((c.class, c.title_key), ("custom", None));
        assert_eq!(parse_marker("普通引用"), None);
        assert_eq!(parse_marker("[!]"), None);
    }
}
