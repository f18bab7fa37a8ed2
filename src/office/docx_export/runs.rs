//! Inline Markdown → runs: text with bold, italic, strike and code
//! formatting, Chinese soft breaks joined without a space, hyperlinks (each a
//! relationship), wiki links as text, pictures, and footnote references, each
//! note written once, in the order first referenced.

use super::pictures::image;
use super::{plain_text, run, Ctx, Fmt, W};
use comrak::nodes::{AstNode, NodeValue};
use std::fmt::Write as _;

pub(super) fn inlines<'a>(w: &mut W, node: &'a AstNode<'a>, ctx: &Ctx, f: Fmt) -> String {
    let mut out = String::new();
    let mut prev: Option<char> = None;
    for child in node.children() {
        inline(w, child, ctx, f, &mut out, &mut prev);
    }
    out
}

pub(super) fn inline<'a>(
    w: &mut W,
    node: &'a AstNode<'a>,
    ctx: &Ctx,
    f: Fmt,
    out: &mut String,
    prev: &mut Option<char>,
) {
    let value = node.data().value.clone();
    match value {
        NodeValue::Text(t) => text_run(out, &t, f, prev),
        NodeValue::Code(c) => text_run(out, &c.literal, Fmt { code: true, ..f }, prev),
        NodeValue::HtmlInline(h) => text_run(out, &h, f, prev),
        // Word gets the TeX as written, between its dollars.
        NodeValue::Math(m) => {
            let fence = if m.display_math { "$$" } else { "$" };
            text_run(out, &format!("{fence}{}{fence}", m.literal), Fmt { code: true, ..f }, prev)
        }
        NodeValue::SoftBreak => {
            // Hard-wrapped Chinese lines join without a space (CSS Text 3 segment breaks).
            if !between_cjk(*prev, node) {
                text_run(out, " ", f, prev);
            }
        }
        NodeValue::LineBreak => out.push_str("<w:r><w:br/></w:r>"),
        NodeValue::Strong => inline_children(w, node, ctx, Fmt { bold: true, ..f }, out, prev),
        NodeValue::Emph => inline_children(w, node, ctx, Fmt { italic: true, ..f }, out, prev),
        NodeValue::Strikethrough => inline_children(w, node, ctx, Fmt { strike: true, ..f }, out, prev),
        NodeValue::Link(link) => {
            let id = format!("rIdLink{}", w.rels.len() + 1);
            w.rels.push((id.clone(), "hyperlink".into(), link.url.clone(), true));
            let mut inner = String::new();
            inline_children(w, node, ctx, f, &mut inner, prev);
            let _ = write!(out, r#"<w:hyperlink r:id="{id}">{inner}</w:hyperlink>"#);
        }
        NodeValue::WikiLink(link) => text_run(out, &wiki_link_text(node, &link.url), f, prev),
        NodeValue::Image(link) => {
            let alt = plain_text(node);
            out.push_str(&image(w, &link.url, &alt, ctx));
        }
        NodeValue::FootnoteReference(r) => {
            let n = footnote_number(w, node, ctx, &r.name);
            let _ = write!(
                out,
                r#"<w:r><w:rPr><w:rStyle w:val="FootnoteReference"/></w:rPr><w:footnoteReference w:id="{n}"/></w:r>"#
            );
        }
        _ => inline_children(w, node, ctx, f, out, prev),
    }
}

/// Each child of `node` as runs in format `f`.
fn inline_children<'a>(w: &mut W, node: &'a AstNode<'a>, ctx: &Ctx, f: Fmt, out: &mut String, prev: &mut Option<char>) {
    for c in node.children() {
        inline(w, c, ctx, f, out, prev);
    }
}

/// A run of text `t` (nothing for empty text), remembering its last character
/// for the soft break that may follow.
fn text_run(out: &mut String, t: &str, f: Fmt, prev: &mut Option<char>) {
    if !t.is_empty() {
        out.push_str(&run(t, f));
        *prev = t.chars().last();
    }
}

/// The soft break `node` sits between two CJK characters (or other non-letters
/// outside ASCII): `prev` before it, the first character of the next sibling after.
fn between_cjk<'a>(prev: Option<char>, node: &'a AstNode<'a>) -> bool {
    let next = node.next_sibling().map(|n| plain_text(n)).and_then(|t| t.chars().next());
    let cjk =
        |c: Option<char>| c.is_some_and(|c| crate::search::text::is_cjk(c) || (!c.is_ascii() && !c.is_alphabetic()));
    cjk(prev) && cjk(next)
}

/// A wiki link written as text: `[[target]]`, or `[[target|label]]` when it has
/// a label of its own.
fn wiki_link_text<'a>(node: &'a AstNode<'a>, url: &str) -> String {
    let label = plain_text(node);
    if label.is_empty() || label == url {
        format!("[[{url}]]")
    } else {
        format!("[[{url}|{label}]]")
    }
}

/// The 1-based number of footnote `name`; on its first reference the note's
/// text is written too, so notes are numbered in the order first referenced.
fn footnote_number<'a>(w: &mut W, node: &'a AstNode<'a>, ctx: &Ctx, name: &str) -> usize {
    if let Some(i) = w.footnote_ids.iter().position(|x| *x == name) {
        return i + 1;
    }
    // Recorded before the note's text is read, so a note that refers to itself
    // finds its number instead of reading itself forever.
    w.footnote_ids.push(name.to_string());
    let mut body = String::new();
    if let Some(def) = footnote_def(node, name) {
        for p in def.children() {
            body.push_str(&inlines(w, p, ctx, Fmt::default()));
        }
    }
    w.footnotes.push(body);
    w.footnote_ids.len()
}

fn footnote_def<'a>(node: &'a AstNode<'a>, name: &str) -> Option<&'a AstNode<'a>> {
    let root = node.ancestors().last()?;
    root.children().find(|n| matches!(&n.data().value, NodeValue::FootnoteDefinition(d) if d.name == name))
}
