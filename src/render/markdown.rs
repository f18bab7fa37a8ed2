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
    let quotes: Vec<_> = root.descendants().filter(|n| matches!(n.data().value, NodeValue::BlockQuote)).collect();
    let callouts: Vec<_> = quotes.into_iter().filter_map(|q| take_marker(q).map(|c| (q, c))).collect();
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
            NodeValue::BlockQuote => {
                if let Some((_, c)) = callouts.iter().find(|(q, _)| std::ptr::eq(*q, node)) {
                    wrap_callout(&arena, node, c, env.lang);
                }
            }
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
    diags.push(located(Diagnostic::warning("raw HTML is shown as text"), env, pos).hint(
        "write it in Markdown, or set `unsafe_html = true` under [markdown] in course.toml if you trust every author",
    ));
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
        NodeValue::Text(t) => {
            if last {
                t.chars().last()
            } else {
                t.chars().next()
            }
        }
        NodeValue::Code(c) => {
            if last {
                c.literal.chars().last()
            } else {
                c.literal.chars().next()
            }
        }
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

/// Read and remove a block quote's `[!本讲重点]` marker line. Runs before the
/// other transforms, while the line break after the marker is still there.
fn take_marker<'a>(quote: &'a AstNode<'a>) -> Option<callout::Callout> {
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
    let c = callout::parse_marker(&first_line)?;
    for n in marker_nodes {
        n.detach();
    }
    if para.first_child().is_none() {
        para.detach();
    }
    Some(c)
}

/// `> [!本讲重点]` → `<div class="callout callout-key-points">` with a title.
fn wrap_callout<'a>(arena: &'a Arena<'a>, quote: &'a AstNode<'a>, c: &callout::Callout, lang: Language) {
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
    use std::collections::{BTreeMap, BTreeSet};

    fn render_with(md: &str, markdown: &MarkdownConfig, lang: Language) -> (Rendered, Vec<Diagnostic>) {
        let pages = BTreeMap::from([("cases/a.md".to_string(), "cases/a.html".to_string())]);
        let assets = BTreeSet::from(["lessons/img/x.png".to_string()]);
        let links = Links { page_dir: "lessons", depth: 1, pages: &pages, assets: &assets };
        let file_text = format!("+++\n+++\n{md}");
        let env = Env {
            markdown,
            lang,
            display: Path::new("content/lessons/a.md"),
            file_text: &file_text,
            line_offset: 2,
            links: &links,
        };
        let mut diags = Vec::new();
        let rendered = render(md, &env, &mut Slugger::default(), &mut diags);
        (rendered, diags)
    }

    fn html(md: &str) -> (String, Vec<Diagnostic>) {
        let (r, d) = render_with(md, &MarkdownConfig::default(), Language::ZhCn);
        (r.html, d)
    }

    #[test]
    fn cjk_soft_breaks_vanish_latin_ones_stay() {
        assert!(html("客户\n服务").0.contains("<p>客户服务</p>"));
        assert!(html("**重点**\n内容").0.contains("<strong>重点</strong>内容"));
        assert!(html("hello\nworld").0.contains("hello\nworld"));
        assert!(html("客户\nCRM").0.contains("客户\nCRM"));
        let off = MarkdownConfig { cjk_breaks: false, ..MarkdownConfig::default() };
        assert!(render_with("客户\n服务", &off, Language::ZhCn).0.html.contains("客户\n服务"));
    }

    #[test]
    fn chinese_heading_ids_are_kept_and_unique() {
        let (r, _) = render_with(
            "## 教学目标\n\n## 教学目标\n\n### `code` 与 **粗体**",
            &MarkdownConfig::default(),
            Language::ZhCn,
        );
        assert!(r.html.contains("<h2 id=\"教学目标\">教学目标</h2>"), "{}", r.html);
        assert!(r.html.contains("<h2 id=\"教学目标-1\">"), "{}", r.html);
        assert_eq!(r.headings[2].text, "code 与 粗体");
        assert_eq!(r.headings[2].id, "code-与-粗体");
    }

    #[test]
    fn callouts_get_class_and_localized_title() {
        let (out, _) = html("> [!本讲重点]\n> 第一条\n");
        assert!(out.contains("<div class=\"callout callout-key-points\" role=\"note\">"), "{out}");
        assert!(out.contains("<p class=\"callout-title\">本讲重点</p>"), "{out}");
        assert!(out.contains("<p>第一条</p>"), "{out}");
        assert!(!out.contains("[!"), "{out}");
        let (r, _) = render_with("> [!NOTE]\n> text", &MarkdownConfig::default(), Language::En);
        assert!(r.html.contains("callout-note") && r.html.contains(">Note</p>"), "{}", r.html);
        let (out, _) = html("> [!TIP] 自己的<标题>\n> 内容");
        assert!(out.contains(">自己的&lt;标题&gt;</p>"), "{out}");
        let (out, _) = html("> 普通引用");
        assert!(out.contains("<blockquote>"), "{out}");
    }

    #[test]
    fn raw_html_is_escaped_with_one_warning() {
        let (out, diags) = html("<script>alert(1)</script>\n\n文字 <b onmouseover=x>粗</b>\n\n<!-- 注释 -->");
        assert!(!out.contains("<script>"), "{out}");
        assert!(!out.contains("<b "), "{out}");
        assert!(out.contains("language-html") && out.contains("&lt;b onmouseover=x&gt;"), "{out}");
        assert!(!out.contains("注释"), "{out}");
        assert_eq!(diags.len(), 1, "{diags:?}");
        assert_eq!((diags[0].line, diags[0].col), (3, 1));
        let unsafe_ok = MarkdownConfig { unsafe_html: true, ..MarkdownConfig::default() };
        let (r, d) = render_with("<b>粗</b>", &unsafe_ok, Language::ZhCn);
        assert!(r.html.contains("<b>粗</b>") && d.is_empty());
    }

    #[test]
    fn script_links_are_emptied_and_md_links_rewritten() {
        let (out, diags) = html("[x](javascript:alert(1)) [y](&#106;avascript:alert(1)) [案例](../cases/a.md#思考)");
        assert!(!out.contains("javascript"), "{out}");
        assert!(
            out.contains("href=\"../cases/a.html#%E6%80%9D%E8%80%83\"")
                || out.contains("href=\"../cases/a.html#思考\""),
            "{out}"
        );
        assert_eq!(diags.len(), 2);
    }

    #[test]
    fn missing_image_is_an_error_at_its_position() {
        let (_, diags) = html("正文\n\n前 ![图](img/nope.png)");
        assert_eq!(diags.len(), 1);
        assert!(diags[0].is_error());
        assert_eq!((diags[0].line, diags[0].col), (5, 3));
        let (_, diags) = html("![图](img/x.png)");
        assert!(diags.is_empty(), "{diags:?}");
    }

    #[test]
    fn gfm_extensions_and_highlighting() {
        let (out, _) = html("| a | b |\n|---|---|\n| 1 | 2 |\n\n~~删~~ https://example.org\n\n- [x] 完成\n\n注[^1]\n\n[^1]: 脚注\n\n```rust\nfn main() {}\n```\n");
        for needle in
            ["<table>", "<del>删</del>", "href=\"https://example.org\"", "type=\"checkbox\"", "footnote", "hl-"]
        {
            assert!(out.contains(needle), "{needle} in {out}");
        }
    }
}
