//! Raw HTML in Markdown, sanitised (`[markdown] raw_html = "sanitize"`).
//!
//! comrak hands inline HTML over one tag per node (`<u>`, text, `</u>`) and a
//! block as the lines it spans, so a `<details>` opened in one block is closed
//! in another. Sanitising each piece as a document would close or drop the
//! halves; instead every piece is re-tokenised the way a browser's tokenizer
//! reads it, tag by tag: an allowlisted tag is written again with its allowed
//! attributes only, anything else is removed (a warning for each), text is
//! kept with every `<` that was not a kept tag escaped — so the browser finds
//! no tag we did not write. Open elements are tracked (per paragraph for inline
//! HTML, per page piece for blocks) and closed where the author forgot to.
//! URLs in kept attributes are judged by `ammonia` (html5ever's entity decoding
//! and its scheme allowlist), so `javascript&#58;` is seen for what it is.

use super::columns::CharColumns;
use super::Env;
use crate::diag::Diagnostic;
use crate::render::links::LinkTarget;
use comrak::nodes::{AstNode, NodeHtmlBlock, NodeValue};
use comrak::Arena;
use std::borrow::Cow;
use std::collections::HashSet;
use std::sync::OnceLock;

/// Elements kept (with the attributes below); the presentational ones real
/// course material uses, and the usual safe set.
const TAGS: &[&str] = &[
    "a",
    "abbr",
    "audio",
    "b",
    "bdi",
    "bdo",
    "blockquote",
    "br",
    "caption",
    "center",
    "cite",
    "code",
    "col",
    "colgroup",
    "dd",
    "del",
    "details",
    "dfn",
    "div",
    "dl",
    "dt",
    "em",
    "figcaption",
    "figure",
    "font",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "hr",
    "i",
    "img",
    "ins",
    "kbd",
    "li",
    "mark",
    "ol",
    "p",
    "picture",
    "pre",
    "q",
    "rp",
    "rt",
    "ruby",
    "s",
    "samp",
    "small",
    "source",
    "span",
    "strike",
    "strong",
    "sub",
    "summary",
    "sup",
    "table",
    "tbody",
    "td",
    "tfoot",
    "th",
    "thead",
    "time",
    "tr",
    "track",
    "tt",
    "u",
    "ul",
    "var",
    "video",
    "wbr",
];

/// Elements without content (never on the stack of open elements).
const VOID: &[&str] = &["br", "col", "hr", "img", "source", "track", "wbr"];

/// Elements whose content a browser reads as raw text: removed with it.
const RAW_TEXT: &[&str] =
    &["script", "style", "textarea", "title", "xmp", "iframe", "noembed", "noframes", "noscript", "plaintext"];

/// Attributes allowed on every kept element.
const GENERIC_ATTRS: &[&str] = &["title", "align", "lang", "dir"];

/// Attributes allowed on some elements.
const TAG_ATTRS: &[(&str, &[&str])] = &[
    ("a", &["href", "name"]),
    ("img", &["src", "alt", "width", "height"]),
    ("video", &["src", "controls", "width", "height", "poster", "loop", "muted", "preload"]),
    ("audio", &["src", "controls", "loop", "muted", "preload"]),
    ("source", &["src", "type", "media"]),
    ("track", &["src", "kind", "srclang", "label", "default"]),
    ("font", &["color", "size", "face"]),
    ("table", &["width", "border", "cellpadding", "cellspacing"]),
    ("td", &["colspan", "rowspan", "width", "height", "valign"]),
    ("th", &["colspan", "rowspan", "width", "height", "valign", "scope"]),
    ("tr", &["valign"]),
    ("col", &["span", "width"]),
    ("colgroup", &["span", "width"]),
    ("details", &["open"]),
    ("ol", &["start", "type", "reversed"]),
    ("li", &["value"]),
    ("abbr", &["title"]),
    ("time", &["datetime"]),
    ("q", &["cite"]),
    ("blockquote", &["cite"]),
    ("del", &["cite", "datetime"]),
    ("ins", &["cite", "datetime"]),
];

/// Attributes holding a URL: their value is checked too.
const URL_ATTRS: &[&str] = &["href", "src", "poster", "cite"];

/// Attributes other tools' pages carry that mean nothing here and are dropped
/// without a warning: kramdown's `markdown="1"`, Typora's image `style="zoom:50%"`.
fn quietly_dropped(attr: &str, value: Option<&str>) -> bool {
    let zoom_only = || {
        let mut declarations = value.unwrap_or("").split(';').map(str::trim).filter(|d| !d.is_empty());
        declarations.all(|d| d.starts_with("zoom"))
    };
    attr == "markdown" || (attr == "style" && zoom_only())
}

fn allowed_attr(tag: &str, attr: &str) -> bool {
    GENERIC_ATTRS.contains(&attr) || TAG_ATTRS.iter().any(|(t, attrs)| *t == tag && attrs.contains(&attr))
}

/// One thing removed, at a byte offset into the piece.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Removed {
    pub at: usize,
    pub what: crate::messages::Msg,
}

/// A piece of raw HTML, cleaned.
#[derive(Debug, Default)]
pub struct Cleaned {
    pub html: String,
    pub removed: Vec<Removed>,
}

/// Clean one piece of raw HTML; `open` is the stack of elements left open by
/// the pieces before it (and after it, by this one).
pub fn clean(src: &str, open: &mut Vec<String>) -> Cleaned {
    let mut out = Cleaned::default();
    let b = src.as_bytes();
    let mut i = 0;
    while i < b.len() {
        let Some(lt) = src[i..].find('<').map(|k| i + k) else {
            out.html.push_str(&src[i..]);
            break;
        };
        out.html.push_str(&src[i..lt]);
        let next = b.get(lt + 1).copied();
        i = match next {
            Some(c) if c.is_ascii_alphabetic() => start_tag(src, lt, open, &mut out),
            Some(b'/') if b.get(lt + 2).is_some_and(u8::is_ascii_alphabetic) => end_tag(src, lt, open, &mut out),
            Some(b'!') if src[lt..].starts_with("<!--") => {
                src[lt + 4..].find("-->").map_or(b.len(), |k| lt + 4 + k + 3)
            }
            Some(b'!' | b'?' | b'/') => src[lt..].find('>').map_or(b.len(), |k| lt + k + 1),
            _ => {
                out.html.push_str("&lt;");
                lt + 1
            }
        };
    }
    out
}

/// The end tags of the elements still open, innermost first.
pub fn close_all(open: &mut Vec<String>) -> String {
    open.drain(..).rev().map(|t| format!("</{t}>")).collect()
}

/// A tag as a browser's tokenizer reads it.
struct Tag<'s> {
    name: String,
    attrs: Vec<(String, Option<&'s str>)>,
    /// Just past the `>`; None when the input ends inside the tag (a browser drops it).
    end: Option<usize>,
}

fn is_space(c: u8) -> bool {
    matches!(c, b' ' | b'\t' | b'\n' | b'\r' | b'\x0c')
}

/// Read the tag whose name starts at `from` (after `<` or `</`).
fn read_tag(src: &str, from: usize) -> Tag<'_> {
    let b = src.as_bytes();
    let mut i = from;
    while i < b.len() && !is_space(b[i]) && b[i] != b'/' && b[i] != b'>' {
        i += 1;
    }
    let name = src[from..i].to_ascii_lowercase();
    let mut attrs: Vec<(String, Option<&str>)> = Vec::new();
    loop {
        while i < b.len() && (is_space(b[i]) || b[i] == b'/') {
            i += 1;
        }
        if i >= b.len() {
            return Tag { name, attrs, end: None };
        }
        if b[i] == b'>' {
            return Tag { name, attrs, end: Some(i + 1) };
        }
        let start = i;
        i += 1; // a first `=` belongs to the name
        while i < b.len() && !is_space(b[i]) && !matches!(b[i], b'/' | b'>' | b'=') {
            i += 1;
        }
        let attr = src[start..i].to_ascii_lowercase();
        let (value, after) = read_value(src, i);
        i = after;
        if !attrs.iter().any(|(a, _)| *a == attr) {
            attrs.push((attr, value)); // the first of duplicates wins, as in a browser
        }
    }
}

/// An attribute's value after its name (if there is an `=`), and where it ends.
fn read_value(src: &str, mut i: usize) -> (Option<&str>, usize) {
    let b = src.as_bytes();
    let mut j = i;
    while j < b.len() && is_space(b[j]) {
        j += 1;
    }
    if b.get(j) != Some(&b'=') {
        return (None, i);
    }
    j += 1;
    while j < b.len() && is_space(b[j]) {
        j += 1;
    }
    match b.get(j) {
        Some(&q @ (b'"' | b'\'')) => match src[j + 1..].find(q as char) {
            Some(k) => (Some(&src[j + 1..j + 1 + k]), j + 2 + k),
            None => (Some(&src[j + 1..]), b.len()),
        },
        _ => {
            i = j;
            while i < b.len() && !is_space(b[i]) && b[i] != b'>' {
                i += 1;
            }
            (Some(&src[j..i]), i)
        }
    }
}

fn start_tag(src: &str, lt: usize, open: &mut Vec<String>, out: &mut Cleaned) -> usize {
    let tag = read_tag(src, lt + 1);
    let Some(end) = tag.end else {
        out.removed.push(Removed { at: lt, what: msg!("html_unfinished", tag = &tag.name) });
        return src.len();
    };
    if RAW_TEXT.contains(&tag.name.as_str()) {
        out.removed.push(Removed { at: lt, what: msg!("html_with_content", tag = &tag.name) });
        return skip_raw_text(src, end, &tag.name);
    }
    if !TAGS.contains(&tag.name.as_str()) {
        out.removed.push(Removed { at: lt, what: msg!("html_tag", tag = &tag.name) });
        return end;
    }
    out.html.push('<');
    out.html.push_str(&tag.name);
    for (attr, value) in &tag.attrs {
        if !allowed_attr(&tag.name, attr) {
            if !quietly_dropped(attr, *value) {
                out.removed.push(Removed { at: lt, what: msg!("html_attribute", attr, tag = &tag.name) });
            }
            continue;
        }
        let value = value.unwrap_or("");
        if URL_ATTRS.contains(&attr.as_str()) && !url_allowed(&tag.name, attr, value) {
            out.removed.push(Removed { at: lt, what: msg!("html_unsafe_url", attr, tag = &tag.name) });
            continue;
        }
        out.html.push_str(&format!(" {attr}=\"{}\"", value.replace('"', "&quot;")));
    }
    out.html.push('>');
    if !VOID.contains(&tag.name.as_str()) {
        open.push(tag.name);
    }
    end
}

/// Past the end tag of a raw-text element (or to the end: `<plaintext>` has none).
fn skip_raw_text(src: &str, from: usize, name: &str) -> usize {
    let closing = format!("</{name}");
    let lower = src[from..].to_ascii_lowercase();
    match lower.find(&closing).filter(|_| name != "plaintext") {
        Some(k) => src[from + k..].find('>').map_or(src.len(), |g| from + k + g + 1),
        None => src.len(),
    }
}

fn end_tag(src: &str, lt: usize, open: &mut Vec<String>, out: &mut Cleaned) -> usize {
    let tag = read_tag(src, lt + 2);
    let end = tag.end.unwrap_or(src.len());
    if !TAGS.contains(&tag.name.as_str()) || VOID.contains(&tag.name.as_str()) {
        return end; // its start tag was removed (and warned about) or it has none
    }
    match open.iter().rposition(|t| *t == tag.name) {
        Some(k) => out.html.push_str(&close_all(&mut open.split_off(k))),
        None => out.removed.push(Removed { at: lt, what: msg!("html_stray_end", tag = &tag.name) }),
    }
    end
}

/// Whether a URL attribute may keep its value (as written, entities and all):
/// ammonia parses it as a browser would and keeps http(s), mailto, tel, ftp
/// and relative URLs; `data:` only as an image on `img src`.
fn url_allowed(tag: &str, attr: &str, value: &str) -> bool {
    static CLEANER: OnceLock<ammonia::Builder<'static>> = OnceLock::new();
    let cleaner = CLEANER.get_or_init(|| {
        let mut b = ammonia::Builder::empty();
        b.tags(HashSet::from(["a", "img"]))
            .add_tag_attributes("a", ["href"])
            .add_tag_attributes("img", ["src"])
            .url_schemes(HashSet::from(["http", "https", "mailto", "tel", "ftp", "data"]))
            .url_relative(ammonia::UrlRelative::PassThrough)
            .link_rel(None)
            .attribute_filter(|element, _, value| {
                let v: String = value.chars().filter(|c| !c.is_whitespace() && !c.is_control()).collect();
                let v = v.to_ascii_lowercase();
                let image = ["data:image/png", "data:image/gif", "data:image/jpeg", "data:image/webp"];
                let ok = !v.starts_with("data:") || element == "img" && image.iter().any(|p| v.starts_with(p));
                ok.then_some(Cow::Borrowed(value))
            });
        b
    });
    let image = tag == "img" && attr == "src";
    let quoted = value.replace('"', "&quot;");
    let probe = if image { format!("<img src=\"{quoted}\">") } else { format!("<a href=\"{quoted}\">x</a>") };
    let cleaned = cleaner.clean(&probe).to_string();
    cleaned.contains(if image { "src=" } else { "href=" })
}

/// Sanitise every piece of raw HTML of a parsed page piece, in document order:
/// inline tags balanced per paragraph (or heading, table cell …), blocks over
/// the piece. Each removal is a warning at its `file:line:col`.
pub(super) fn sanitize_tree<'a>(
    arena: &'a Arena<'a>,
    root: &'a AstNode<'a>,
    env: &Env,
    columns: &CharColumns,
    diags: &mut Vec<Diagnostic>,
) {
    let mut blocks: Vec<String> = Vec::new();
    let mut inline: Option<(&'a AstNode<'a>, Vec<String>)> = None;
    for node in root.descendants().collect::<Vec<_>>() {
        let (literal, is_block) = match &node.data().value {
            NodeValue::HtmlBlock(b) => (b.literal.clone(), true),
            NodeValue::HtmlInline(s) => (s.clone(), false),
            _ => continue,
        };
        if super::is_comment(&literal) {
            continue; // dropped by the main pass
        }
        let cleaned = if is_block {
            clean(&literal, &mut blocks)
        } else {
            let container = node.ancestors().skip(1).find(|a| a.data().value.block()).unwrap_or(root);
            if !inline.as_ref().is_some_and(|(c, _)| std::ptr::eq(*c, container)) {
                close_inline(arena, inline.take());
            }
            let (_, open) = inline.get_or_insert_with(|| (container, Vec::new()));
            clean(&literal, open)
        };
        let pos = columns.sourcepos(node.data().sourcepos);
        for r in &cleaned.removed {
            let (line, col) = locate(env, pos.start.line, pos.start.column, &literal, r.at);
            let d = Diagnostic::warning(msg!("html_removed", what = r.what.clone())).in_file(env.display);
            diags.push(d.at(env.file_text, line, col).hint(msg!("html_removed_hint")));
        }
        let html = root_urls_resolved(&cleaned.html, env);
        if html.trim().is_empty() {
            node.detach();
        } else if is_block {
            node.data_mut().value = NodeValue::HtmlBlock(NodeHtmlBlock { block_type: 0, literal: html });
        } else {
            node.data_mut().value = NodeValue::HtmlInline(html);
        }
    }
    close_inline(arena, inline.take());
    if !blocks.is_empty() {
        let literal = close_all(&mut blocks) + "\n";
        root.append(arena.alloc(AstNode::from(NodeValue::HtmlBlock(NodeHtmlBlock { block_type: 0, literal }))));
    }
}

/// Root-absolute URLs in cleaned HTML (`<img src="/assets/a.png">`, `<a
/// href="/docs/x.html">`) resolved as Markdown's are: to the page or the file,
/// relative, so the site works from a sub-path and from `file://`. The
/// cleaner writes every attribute as ` name="value"`, so this scan is exact.
fn root_urls_resolved(html: &str, env: &Env) -> String {
    if !html.contains("=\"/") {
        return html.to_string();
    }
    let mut out = String::with_capacity(html.len());
    let mut rest = html;
    while let Some(at) = URL_ATTRS.iter().filter_map(|a| rest.find(&format!(" {a}=\"/")).map(|i| (i, a.len()))).min() {
        let start = at.0 + at.1 + 3;
        let Some(len) = rest[start..].find('"') else { break };
        let url = &rest[start..start + len];
        out.push_str(&rest[..start]);
        let image = rest[..at.0].rfind('<').is_some_and(|lt| rest[lt..].starts_with("<img"));
        let resolved = match env.links.resolve(url, image) {
            _ if url.starts_with("//") => None,
            LinkTarget::Rewrite(new) => Some(new),
            LinkTarget::Page { index, fragment } => Some(env.links.url(index, fragment.as_deref())),
            _ => None,
        };
        out.push_str(&resolved.map_or_else(|| url.to_string(), |u| u.replace('"', "&quot;")));
        rest = &rest[start + len..];
    }
    out.push_str(rest);
    out
}

/// Close the inline elements a paragraph (or other container) left open.
fn close_inline<'a>(arena: &'a Arena<'a>, inline: Option<(&'a AstNode<'a>, Vec<String>)>) {
    if let Some((container, mut open)) = inline.filter(|(_, open)| !open.is_empty()) {
        container.append(arena.alloc(AstNode::from(NodeValue::HtmlInline(close_all(&mut open)))));
    }
}

/// The file line (without the Markdown's offset) and character column of byte
/// `at` of a piece starting at `line`:`col`. A piece's later lines lose the
/// indentation of their container: it is found again on the file's line.
fn locate(env: &Env, line: usize, col: usize, literal: &str, at: usize) -> (usize, usize) {
    let at = at.min(literal.len());
    let before = &literal[..at];
    let delta = before.matches('\n').count();
    let line_start = before.rfind('\n').map_or(0, |k| k + 1);
    let in_line = literal[line_start..at].chars().count();
    let line = line + env.line_offset + delta;
    if delta == 0 {
        return (line, col + in_line);
    }
    let lit_line = literal[line_start..].lines().next().unwrap_or("");
    let file_line = env.file_text.lines().nth(line.saturating_sub(1)).unwrap_or("");
    let indent = file_line.strip_suffix(lit_line).map_or(0, |p| p.chars().count());
    (line, indent + in_line + 1)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn one(src: &str) -> (String, Vec<String>) {
        let mut open = Vec::new();
        let c = clean(src, &mut open);
        let html = c.html + &close_all(&mut open);
        (html, c.removed.into_iter().map(|r| r.what.en()).collect())
    }

    #[test]
    fn html_other_tools_attributes_go_quietly() {
        let (html, removed) =
            one("<details markdown=\"1\"><summary>答</summary></details><img src=\"a.png\" style=\"zoom:50%;\">");
        assert_eq!(html, "<details><summary>答</summary></details><img src=\"a.png\">");
        assert!(removed.is_empty(), "{removed:?}");
        let (_, removed) = one("<img src=\"a.png\" style=\"zoom:50%; color:red\">");
        assert_eq!(removed, ["attribute `style` of <img>"]);
    }

    #[test]
    fn html_allowed_tags_keep_their_allowed_attributes() {
        let (h, r) = one("<p align=\"center\"><img src=\"img/a.png\" width=300 alt='图'></p><u>下</u><br/>");
        assert_eq!(h, "<p align=\"center\"><img src=\"img/a.png\" width=\"300\" alt=\"图\"></p><u>下</u><br>");
        assert!(r.is_empty(), "{r:?}");
        let (h, _) = one("<table><tr><td colspan=2>甲</td></tr></table><font color=red>红</font><kbd>K</kbd>");
        assert!(h.contains("<td colspan=\"2\">") && h.contains("<font color=\"red\">"), "{h}");
        let (h, r) = one("<video src=\"v.mp4\" controls></video><details open><summary>看</summary></details>");
        assert!(h.contains("controls=\"\"") && h.contains("<details open=\"\">"), "{h}");
        assert!(r.is_empty(), "{r:?}");
    }

    #[test]
    fn html_dangerous_things_are_removed_and_named() {
        let (h, r) = one("<script>alert(1)</script><img src=x onerror=\"alert(1)\"><a href=\"javascript&#58;x\">a</a>");
        assert_eq!(h, "<img src=\"x\"><a>a</a>");
        assert_eq!(r, ["<script> with its content", "attribute `onerror` of <img>", "unsafe URL in `href` of <a>"]);
        let (h, r) = one("<svg onload=alert(1)><iframe src=x></iframe><form><style>*{}</style><b style=\"x\">b</b>");
        assert_eq!(h, "<b>b</b>");
        assert_eq!(r.len(), 5, "{r:?}");
        let (h, _) = one(
            "<img src=\"data:image/png;base64,AA\"><a href=\"data:text/html,x\">x</a><a href=\" JaVa\tscript:x\">y</a>",
        );
        assert_eq!(h, "<img src=\"data:image/png;base64,AA\"><a>x</a><a>y</a>");
    }

    #[test]
    fn html_stray_angle_brackets_and_unclosed_tags() {
        let (h, r) = one("<div><u>a < b <svg/onload=alert(1)> <!-- c --> <?x?>");
        assert_eq!(h, "<div><u>a &lt; b   </u></div>");
        assert_eq!(r, ["<svg>"]);
        let (h, r) = one("<b>x</i></b></u><img src=x");
        assert_eq!(h, "<b>x</b>");
        assert_eq!(r, ["</i> without its start tag", "</u> without its start tag", "unfinished <img> tag"]);
        let (h, _) = one("<i><b>x</i>y");
        assert_eq!(h, "<i><b>x</b></i>y");
        let (h, _) = one("<a title='say \"hi\"' href=a.html>x</a>");
        assert_eq!(h, "<a title=\"say &quot;hi&quot;\" href=\"a.html\">x</a>");
    }
}
