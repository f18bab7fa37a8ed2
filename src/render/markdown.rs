//! Markdown → HTML: the one place comrak's options live. The document is parsed to
//! an AST, transformed (raw HTML escaped, unsafe URLs neutralised, `.md` links
//! rewritten, images checked, code highlighted, CJK soft breaks dropped, callouts
//! built, heading ids assigned), then formatted. Every problem found is a
//! diagnostic located in the source file.

use super::anchor::Slugger;
use super::callout;
use super::cjk;
use super::highlight::{self, escape};
use super::links::{LinkTarget, Links};
use crate::config::{Language, MarkdownConfig};
use crate::diag::Diagnostic;
use crate::i18n;
use comrak::adapters::{HeadingAdapter, HeadingMeta};
use comrak::nodes::{AstNode, NodeCodeBlock, NodeHtmlBlock, NodeValue, Sourcepos};
use comrak::{format_html_with_plugins, parse_document, Arena, Options};
use serde::Serialize;
use std::collections::VecDeque;
use std::path::Path;
use std::sync::Mutex;

/// Everything the renderer needs to know about the page being rendered.
pub struct Env<'a> {
    pub markdown: &'a MarkdownConfig,
    pub lang: Language,
    pub display: &'a Path,
    /// The whole source file, to quote lines in diagnostics.
    pub file_text: &'a str,
    /// Added to comrak's line numbers: the Markdown starts on this line + 1.
    pub line_offset: usize,
    pub links: &'a Links<'a>,
}

#[derive(Debug, Clone, Serialize, PartialEq, Eq)]
pub struct Heading {
    pub level: u8,
    pub id: String,
    pub text: String,
}

#[derive(Debug, Default)]
pub struct Rendered {
    pub html: String,
    pub headings: Vec<Heading>,
}

fn options(md: &MarkdownConfig) -> Options<'static> {
    let mut o = Options::default();
    o.extension.strikethrough = true;
    o.extension.table = true;
    o.extension.autolink = true;
    o.extension.tasklist = true;
    o.extension.footnotes = true;
    o.extension.cjk_friendly_emphasis = true;
    o.parse.smart = md.smart_punctuation;
    o.parse.sourcepos_chars = true;
    o.render.hardbreaks = md.hard_breaks;
    // Raw HTML is dealt with on the AST (escaped unless `unsafe_html`), and the
    // HTML we inject for callouts and code must pass through.
    o.render.r#unsafe = true;
    o
}

pub fn render(markdown: &str, env: &Env, slugger: &mut Slugger, diags: &mut Vec<Diagnostic>) -> Rendered {
    let arena = Arena::new();
    let opts = options(env.markdown);
    let root = parse_document(&arena, markdown, &opts);
    let mut headings = Vec::new();
    let mut raw_html_warned = false;
    let nodes: Vec<_> = root.descendants().collect();
    for node in &nodes {
        let pos = node.data().sourcepos;
        let value = node.data().value.clone();
        match value {
            NodeValue::HtmlBlock(NodeHtmlBlock { literal, .. }) => {
                if is_comment(&literal) {
                    node.detach();
                } else if !env.markdown.unsafe_html {
                    warn_raw_html(env, pos, &mut raw_html_warned, diags);
                    let code = NodeCodeBlock { fenced: true, info: "html".into(), literal, ..Default::default() };
                    node.data_mut().value = NodeValue::CodeBlock(Box::new(code));
                }
            }
            NodeValue::HtmlInline(literal) => {
                if is_comment(&literal) {
                    node.detach();
                } else if !env.markdown.unsafe_html {
                    warn_raw_html(env, pos, &mut raw_html_warned, diags);
                    node.data_mut().value = NodeValue::Text(literal.into());
                }
            }
            NodeValue::Link(mut link) => {
                link.url = check_url(&link.url, false, env, pos, diags);
                node.data_mut().value = NodeValue::Link(link);
            }
            NodeValue::Image(mut link) => {
                link.url = check_url(&link.url, true, env, pos, diags);
                node.data_mut().value = NodeValue::Image(link);
            }
            NodeValue::Heading(h) => {
                let text = plain_text(node);
                let id = slugger.unique(&text);
                headings.push(Heading { level: h.level, id, text });
            }
            NodeValue::SoftBreak if env.markdown.cjk_breaks => {
                let before = node.previous_sibling().and_then(|n| edge_char(n, true));
                let after = node.next_sibling().and_then(|n| edge_char(n, false));
                if cjk::drop_break(before, after) {
                    node.detach();
                }
            }
            _ => {}
        }
    }
    // Second pass: the code blocks (including escaped raw HTML) and callouts,
    // which replace nodes with HTML of our own.
    for node in root.descendants().collect::<Vec<_>>() {
        let value = node.data().value.clone();
        match value {
            NodeValue::CodeBlock(code) => {
                let lang = code.info.split_whitespace().next().unwrap_or("");
                let html = highlight::code_block(&code.literal, lang, env.markdown.highlight);
                node.data_mut().value = NodeValue::HtmlBlock(NodeHtmlBlock { block_type: 0, literal: html });
            }
            NodeValue::BlockQuote => make_callout(&arena, node, env.lang),
            _ => {}
        }
    }
    let ids = HeadingIds { ids: Mutex::new(headings.iter().map(|h| h.id.clone()).collect()) };
    let mut plugins = comrak::options::Plugins::default();
    plugins.render.heading_adapter = Some(&ids);
    let mut html = String::new();
    if format_html_with_plugins(root, &opts, &mut html, &plugins).is_err() {
        diags.push(Diagnostic::error("could not render this page's Markdown").in_file(env.display));
    }
    Rendered { html, headings }
}

/// Headings are rendered in document order, so ids are handed out in that order.
struct HeadingIds {
    ids: Mutex<VecDeque<String>>,
}

impl HeadingAdapter for HeadingIds {
    fn enter(&self, out: &mut dyn std::fmt::Write, h: &HeadingMeta, _: Option<Sourcepos>) -> std::fmt::Result {
        let id = self.ids.lock().ok().and_then(|mut q| q.pop_front()).unwrap_or_default();
        write!(out, "<h{} id=\"{}\">", h.level, escape(&id))
    }

    fn exit(&self, out: &mut dyn std::fmt::Write, h: &HeadingMeta) -> std::fmt::Result {
        writeln!(out, "</h{}>", h.level)
    }
}

fn is_comment(html: &str) -> bool {
    let t = html.trim();
    t.starts_with("<!--") && t.ends_with("-->")
}

fn warn_raw_html(env: &Env, pos: Sourcepos, warned: &mut bool, diags: &mut Vec<Diagnostic>) {
    if std::mem::replace(warned, true) {
        return;
    }
    diags.push(
        located(Diagnostic::warning("raw HTML is shown as text"), env, pos)
            .hint("write it in Markdown, or set `unsafe_html = true` under [markdown] in course.toml if you trust every author"),
    );
}

pub fn located(d: Diagnostic, env: &Env, pos: Sourcepos) -> Diagnostic {
    d.in_file(env.display).at(env.file_text, pos.start.line + env.line_offset, pos.start.column)
}

/// Neutralise script URLs, rewrite links to `.md` sources, and check local images.
fn check_url(url: &str, image: bool, env: &Env, pos: Sourcepos, diags: &mut Vec<Diagnostic>) -> String {
    match env.links.resolve(url, image) {
        LinkTarget::Keep => url.to_string(),
        LinkTarget::Rewritten(new) => new,
        LinkTarget::Unsafe => {
            diags.push(
                located(Diagnostic::warning(format!("unsafe link '{}' removed", shorten(url))), env, pos)
                    .hint("links may use http:, https:, mailto:, tel: or a path to a file of the course"),
            );
            String::new()
        }
        LinkTarget::Missing { message, hint } => {
            let mut d = located(Diagnostic::error(message), env, pos);
            if let Some(hint) = hint {
                d = d.hint(hint);
            }
            diags.push(d);
            url.to_string()
        }
    }
}

fn shorten(s: &str) -> String {
    let short: String = s.chars().take(40).collect();
    if short.len() < s.len() {
        format!("{short}…")
    } else {
        short
    }
}

/// The first (or last) character of a node's text, looking into emphasis, links….
fn edge_char<'a>(node: &'a AstNode<'a>, last: bool) -> Option<char> {
    let value = node.data().value.clone();
    match value {
        NodeValue::Text(t) => if last { t.chars().last() } else { t.chars().next() },
        NodeValue::Code(c) => if last { c.literal.chars().last() } else { c.literal.chars().next() },
        NodeValue::Emph | NodeValue::Strong | NodeValue::Strikethrough | NodeValue::Link(_) => {
            let child = if last { node.last_child() } else { node.first_child() };
            child.and_then(|c| edge_char(c, last))
        }
        _ => None,
    }
}

/// The text of a heading, without markup.
fn plain_text<'a>(node: &'a AstNode<'a>) -> String {
    let mut out = String::new();
    for d in node.descendants() {
        match &d.data().value {
            NodeValue::Text(t) => out.push_str(t),
            NodeValue::Code(c) => out.push_str(&c.literal),
            NodeValue::SoftBreak | NodeValue::LineBreak => out.push(' '),
            _ => {}
        }
    }
    out.trim().to_string()
}

/// `> [!本讲重点]` → `<div class="callout callout-key-points">` with a title.
fn make_callout<'a>(arena: &'a Arena<'a>, quote: &'a AstNode<'a>, lang: Language) {
    let Some(para) = quote.first_child().filter(|p| matches!(p.data().value, NodeValue::Paragraph)) else {
        return;
    };
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
            _ => return,
        }
        next = n.next_sibling();
    }
    let Some(c) = callout::parse_marker(&first_line) else { return };
    for n in marker_nodes {
        n.detach();
    }
    if para.first_child().is_none() {
        para.detach();
    }
    let title = match (&c.custom_title, c.title_key) {
        (Some(custom), _) => escape(custom),
        (None, Some(key)) => escape(i18n::t(lang, key)),
        (None, None) => escape(&c.marker),
    };
    let html = |literal: String| arena.alloc(AstNode::from(NodeValue::HtmlBlock(NodeHtmlBlock { block_type: 6, literal })));
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
