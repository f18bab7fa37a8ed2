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
    let text_run = |out: &mut String, t: &str, f: Fmt, prev: &mut Option<char>| {
        if !t.is_empty() {
            out.push_str(&run(t, f));
            *prev = t.chars().last();
        }
    };
    match value {
        NodeValue::Text(t) => text_run(out, &t, f, prev),
        NodeValue::Code(c) => text_run(out, &c.literal, Fmt { code: true, ..f }, prev),
        NodeValue::HtmlInline(h) => text_run(out, &h, f, prev),
        NodeValue::SoftBreak => {
            // Hard-wrapped Chinese lines join without a space (CSS Text 3 segment breaks).
            let next = node.next_sibling().map(|n| plain_text(n)).and_then(|t| t.chars().next());
            let cjk = |c: Option<char>| {
                c.is_some_and(|c| crate::search::text::is_cjk(c) || (!c.is_ascii() && !c.is_alphabetic()))
            };
            if !(cjk(*prev) && cjk(next)) {
                text_run(out, " ", f, prev);
            }
        }
        NodeValue::LineBreak => out.push_str("<w:r><w:br/></w:r>"),
        NodeValue::Strong => {
            for c in node.children() {
                inline(w, c, ctx, Fmt { bold: true, ..f }, out, prev);
            }
        }
        NodeValue::Emph => {
            for c in node.children() {
                inline(w, c, ctx, Fmt { italic: true, ..f }, out, prev);
            }
        }
        NodeValue::Strikethrough => {
            for c in node.children() {
                inline(w, c, ctx, Fmt { strike: true, ..f }, out, prev);
            }
        }
        NodeValue::Link(link) => {
            let id = format!("rIdLink{}", w.rels.len() + 1);
            w.rels.push((id.clone(), "hyperlink".into(), link.url.clone(), true));
            let mut inner = String::new();
            for c in node.children() {
                inline(w, c, ctx, f, &mut inner, prev);
            }
            let _ = write!(out, r#"<w:hyperlink r:id="{id}">{inner}</w:hyperlink>"#);
        }
        NodeValue::WikiLink(link) => {
            let label = plain_text(node);
            let text = if label.is_empty() || label == link.url {
                format!("[[{}]]", link.url)
            } else {
                format!("[[{}|{label}]]", link.url)
            };
            text_run(out, &text, f, prev);
        }
        NodeValue::Image(link) => {
            let alt = plain_text(node);
            out.push_str(&image(w, &link.url, &alt, ctx));
        }
        NodeValue::FootnoteReference(r) => {
            let n = match w.footnote_ids.iter().position(|x| *x == r.name) {
                Some(i) => i + 1,
                None => {
                    w.footnote_ids.push(r.name.clone());
                    let def = footnote_def(node, &r.name);
                    let body = match def {
                        Some(d) => {
                            let mut runs = String::new();
                            for p in d.children() {
                                runs.push_str(&inlines(w, p, ctx, Fmt::default()));
                            }
                            runs
                        }
                        None => String::new(),
                    };
                    w.footnotes.push(body);
                    w.footnote_ids.len()
                }
            };
            let _ = write!(
                out,
                r#"<w:r><w:rPr><w:rStyle w:val="FootnoteReference"/></w:rPr><w:footnoteReference w:id="{n}"/></w:r>"#
            );
        }
        _ => {
            for c in node.children() {
                inline(w, c, ctx, f, out, prev);
            }
        }
    }
}

fn footnote_def<'a>(node: &'a AstNode<'a>, name: &str) -> Option<&'a AstNode<'a>> {
    let root = node.ancestors().last()?;
    root.children().find(|n| matches!(&n.data().value, NodeValue::FootnoteDefinition(d) if d.name == name))
}
