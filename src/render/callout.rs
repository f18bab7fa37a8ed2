//! Callouts: GitHub alerts (`> [!NOTE]` …) and the boxes Chinese lecture notes
//! use, written the same way (`> [!本讲重点]`, `> [!小结]` …). The kinds, their
//! aliases, classes and titles are [`crate::syntax::callouts::KINDS`]; this file
//! only finds the marker in the AST and draws the box. Text after the marker
//! (`> [!TIP] 记住`) replaces the title; `> [!TIP]-` draws a folded `<details>`.

use super::text::escape;
use crate::config::Language;
use crate::i18n;
use crate::syntax::callouts::{self, Fold, Kind};
use comrak::nodes::{AstNode, NodeHtmlBlock, NodeValue};
use comrak::Arena;

/// A parsed callout marker, owned so it can outlive the AST text it came from.
#[derive(Debug, PartialEq, Eq)]
pub struct Callout {
    /// The kind in the table, or None for a name it does not know (a custom box).
    pub kind: Option<&'static Kind>,
    /// The name as written, the title of a custom box.
    pub marker: String,
    /// Title text written after the marker, if any.
    pub custom_title: Option<String>,
    /// Whether (and how) the box folds.
    pub fold: Fold,
}

impl Callout {
    /// CSS class suffix: `callout-key-points`; `custom` for unknown kinds.
    pub fn class(&self) -> &'static str {
        self.kind.map_or("custom", |k| k.class)
    }

    pub fn is_speaker_notes(&self) -> bool {
        self.kind.is_some_and(|k| k.speaker_notes)
    }

    pub fn is_teacher_only(&self) -> bool {
        self.kind.is_some_and(|k| k.teacher_only)
    }
}

/// Parse the first line of a block quote: `[!本讲重点]` or `[!TIP] 自定义标题`.
pub fn parse_marker(first_line: &str) -> Option<Callout> {
    let m = callouts::parse(first_line)?;
    Some(Callout {
        kind: m.kind,
        marker: m.name.to_string(),
        custom_title: m.title.map(str::to_string),
        fold: m.fold(),
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

/// `> [!本讲重点]` → `<div class="callout callout-key-points">` with a title;
/// a folding one (`> [!TIP]-`) is a `<details>` whose `<summary>` is the title.
pub fn wrap_callout<'a>(arena: &'a Arena<'a>, quote: &'a AstNode<'a>, c: &Callout, lang: Language) {
    let title = match (&c.custom_title, c.kind) {
        (Some(custom), _) => escape(custom),
        (None, Some(kind)) => escape(i18n::t(lang, kind.label_key)),
        (None, None) => escape(&c.marker),
    };
    let class = c.class();
    let (open, close) = match c.fold {
        Fold::None => (
            format!("<div class=\"callout callout-{class}\" role=\"note\">\n<p class=\"callout-title\">{title}</p>\n"),
            "</div>\n",
        ),
        fold => {
            let open = if fold == Fold::Open { " open" } else { "" };
            // No role: ARIA allows `details` none but its own (a group).
            (
                format!("<details class=\"callout callout-{class}\"{open}>\n<summary class=\"callout-title\">{title}</summary>\n"),
                "</details>\n",
            )
        }
    };
    let html =
        |literal: String| arena.alloc(AstNode::from(NodeValue::HtmlBlock(NodeHtmlBlock { block_type: 6, literal })));
    quote.insert_before(html(open));
    while let Some(child) = quote.first_child() {
        child.detach();
        quote.insert_before(child);
    }
    quote.insert_before(html(close.into()));
    quote.detach();
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn github_and_chinese_markers() {
        let c = parse_marker("[!NOTE]").unwrap();
        assert_eq!((c.class(), c.kind.map(|k| k.label_key)), ("note", Some("callout_note")));
        let c = parse_marker("[!本讲重点]").unwrap();
        assert_eq!(c.class(), "key-points");
        let c = parse_marker("[!课堂小思考] 想一想").unwrap();
        assert_eq!(c.class(), "class-question");
        assert_eq!(c.custom_title.as_deref(), Some("想一想"));
        let c = parse_marker("[!自创]").unwrap();
        assert_eq!((c.class(), c.kind, c.marker.as_str()), ("custom", None, "自创"));
        assert_eq!(parse_marker("普通引用"), None);
        assert_eq!(parse_marker("[!]"), None);
        let c = parse_marker("[!Speaker-Notes]").unwrap();
        assert!(c.is_speaker_notes() && c.is_teacher_only() && c.class() == "notes");
        assert_eq!(parse_marker("[!TIP]- 收起").unwrap().fold, Fold::Folded);
    }
}
