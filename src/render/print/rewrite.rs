//! One rendered page made a chapter of the print book: its ids prefixed with
//! the chapter's anchor (every page has its own `#思考`, `#fm-arrow`, `q1`:
//! one document must not hold two of an id), every reference to an id
//! (`href="#…"`, `aria-labelledby`, `for`, SVG's `url(#…)`) prefixed the same
//! way, links to other pages of the course pointed at their chapters, and
//! other relative URLs (figures, decks) made relative to the site root, where
//! print.html sits. The quiz keys of `data-answer` (read by quiz.js, which the
//! book does not load) are dropped: a student's book holds no key in any form.
//!
//! A small tag scanner, not a full HTML parser: its input is the theme's and
//! comrak's output (sanitised raw HTML included), so tags are well formed;
//! attribute values may be quoted either way or not at all.

use super::super::links::{join, percent_decode, scheme};
use super::super::text::decode_entities;
use super::super::text::escape;
use std::collections::HashMap;

/// Where a link to a page lands in the book.
#[derive(Debug, Clone)]
pub struct Target {
    /// The chapter's anchor (`page-3`), or for a page the book leaves out (a
    /// generated folder listing) the anchor standing in for it.
    pub anchor: String,
    /// The page is a chapter: a link's `#fragment` on it is one of its ids.
    pub chapter: bool,
}

/// How one page's HTML is rewritten into the book.
pub struct Chapter<'a> {
    /// The chapter's anchor: its ids become `ANCHOR-id`.
    pub anchor: &'a str,
    /// The page's output folder (`lessons`; `""` at the root): where its relative URLs start.
    pub dir: &'a str,
    /// Every page's output path (`lessons/01.html`, not encoded) → where it lands.
    pub targets: &'a HashMap<String, Target>,
    /// Elements left out, each by the start of its start tag and its name
    /// (`("<nav class=\"toc\"", "nav")`): up to its end tag, with all it holds.
    pub cut: &'a [(&'a str, &'a str)],
}

/// Attributes holding one id, or a space-separated list of ids.
const ID_REFS: &[&str] = &[
    "for",
    "headers",
    "list",
    "form",
    "aria-labelledby",
    "aria-describedby",
    "aria-controls",
    "aria-owns",
    "aria-details",
    "aria-flowto",
    "aria-activedescendant",
    "aria-errormessage",
    // script.js's choice → node (not loaded by the book, kept consistent).
    "data-target",
];

/// Attributes holding a URL.
const URLS: &[&str] = &["href", "src", "xlink:href", "poster"];

/// quiz.js's key: the book does not load quiz.js, and a student's book holds no key.
const DROPPED: &str = "data-answer";

/// Form fields, whose `name` groups radio buttons: one group per page, not
/// one for every page's `q1`.
const FORM_FIELDS: &[&str] = &["input", "select", "textarea", "button"];

/// Elements whose text is not markup: copied up to their end tag.
const RAW_TEXT: &[&str] = &["script", "style"];

impl Chapter<'_> {
    /// `html` (one page's article) rewritten as a chapter of the book.
    pub fn rewrite(&self, html: &str) -> String {
        let mut out = String::with_capacity(html.len() + html.len() / 8);
        let mut rest = html;
        while let Some(lt) = memchr::memchr(b'<', rest.as_bytes()) {
            out.push_str(&rest[..lt]);
            rest = &rest[lt..];
            if rest.starts_with("<!--") {
                let end = rest.find("-->").map_or(rest.len(), |e| e + 3);
                out.push_str(&rest[..end]);
                rest = &rest[end..];
                continue;
            }
            if let Some((_, tag)) = self.cut.iter().find(|(open, _)| rest.starts_with(open)) {
                rest = &rest[element_end(rest, tag)..];
                continue;
            }
            let mark = out.len();
            let Some((len, raw_text)) = self.tag(rest, &mut out) else {
                // Not a tag, or one that never ends: the `<` is text.
                out.truncate(mark);
                out.push('<');
                rest = &rest[1..];
                continue;
            };
            rest = &rest[len..];
            if let Some(name) = raw_text {
                let end = find_end_tag(rest, name).unwrap_or(rest.len());
                // A style sheet's references to ids (SVG's `url(#…)`) follow them.
                out.push_str(&self.css_refs(&rest[..end]));
                rest = &rest[end..];
            }
        }
        out.push_str(rest);
        out
    }

    /// One tag at the start of `s`, written to `out` with its attributes
    /// rewritten: how many bytes it took, and for a start tag of a
    /// [`RAW_TEXT`] element its name. None: not a tag (`out` half written).
    fn tag(&self, s: &str, out: &mut String) -> Option<(usize, Option<&'static str>)> {
        let bytes = s.as_bytes();
        let closing = bytes.get(1) == Some(&b'/');
        let start = if closing { 2 } else { 1 };
        if !bytes.get(start).is_some_and(u8::is_ascii_alphabetic) {
            return None;
        }
        let name_end = bytes[start..].iter().position(|&b| b.is_ascii_whitespace() || b == b'>' || b == b'/')? + start;
        let name = &s[start..name_end];
        out.push_str(&s[..name_end]);
        let mut i = name_end;
        loop {
            let attr = attribute(s, i)?;
            if attr.name.eq_ignore_ascii_case(DROPPED) {
                i = attr.end;
                continue;
            }
            out.push_str(&s[i..attr.start]);
            if attr.name.is_empty() {
                // `>` or `/>`: the tag ends.
                out.push_str(&s[attr.start..attr.end]);
                let raw_text = RAW_TEXT.iter().copied().find(|r| !closing && r.eq_ignore_ascii_case(name));
                return Some((attr.end, raw_text));
            }
            match self.rewritten(name, &attr) {
                Some(new) => {
                    out.push_str(attr.name);
                    out.push_str("=\"");
                    out.push_str(&escape(&new));
                    out.push('"');
                }
                None => out.push_str(&s[attr.start..attr.end]),
            }
            i = attr.end;
        }
    }

    /// An attribute's new value; None: keep it as written. Values are decoded
    /// only for the attributes rewritten (most are not).
    fn rewritten(&self, tag: &str, attr: &Attribute) -> Option<String> {
        let raw = attr.value?;
        // Names are lower case in what the theme and comrak write; raw HTML may differ.
        let lower;
        let name = if attr.name.bytes().any(|b| b.is_ascii_uppercase()) {
            lower = attr.name.to_ascii_lowercase();
            lower.as_str()
        } else {
            attr.name
        };
        match name {
            "id" => Some(self.id(&decode_entities(raw))),
            "name" if FORM_FIELDS.iter().any(|f| tag.eq_ignore_ascii_case(f)) => Some(self.id(&decode_entities(raw))),
            n if URLS.contains(&n) => self.url(decode_entities(raw).trim()),
            n if ID_REFS.contains(&n) => {
                let value = decode_entities(raw);
                Some(value.split_ascii_whitespace().map(|v| self.id(v)).collect::<Vec<_>>().join(" "))
            }
            _ if raw.contains("url(#") => Some(self.css_refs(&decode_entities(raw))),
            _ => None,
        }
    }

    /// A page's own id, made the book's.
    fn id(&self, id: &str) -> String {
        format!("{}-{id}", self.anchor)
    }

    /// `url(#x)` → `url(#ANCHOR-x)`.
    fn css_refs(&self, css: &str) -> String {
        css.replace("url(#", &format!("url(#{}-", self.anchor))
    }

    /// A URL of the page, as the book needs it; None: keep it as written.
    fn url(&self, url: &str) -> Option<String> {
        if let Some(fragment) = url.strip_prefix('#') {
            return Some(format!("#{}", if fragment.is_empty() { self.anchor.to_string() } else { self.id(fragment) }));
        }
        if url.is_empty() || url.starts_with(['/', '?', '\\']) || scheme(url).is_some() {
            return None;
        }
        let (path, fragment) = url.split_once('#').map_or((url, None), |(p, f)| (p, Some(f)));
        let (path, query) = path.split_once('?').map_or((path, None), |(p, q)| (p, Some(q)));
        let joined = join(self.dir, path)?;
        if let Some(target) = self.targets.get(&percent_decode(&joined)) {
            return Some(match fragment.filter(|f| target.chapter && !f.is_empty()) {
                Some(f) => format!("#{}-{f}", target.anchor),
                None => format!("#{}", target.anchor),
            });
        }
        // A figure, a deck, any other file: from the site root.
        let mut from_root = joined;
        if let Some(q) = query {
            from_root.push('?');
            from_root.push_str(q);
        }
        if let Some(f) = fragment {
            from_root.push('#');
            from_root.push_str(f);
        }
        Some(from_root)
    }
}

/// One attribute of a tag (or, with an empty name, the tag's end).
struct Attribute<'a> {
    /// Where it starts (after the white space before it) and ends in the tag's text.
    start: usize,
    end: usize,
    name: &'a str,
    /// Its value as written (entities not decoded), without quotes.
    value: Option<&'a str>,
}

/// The attribute (or the tag's end) at or after byte `i` of `s`. None: the tag never ends.
fn attribute(s: &str, i: usize) -> Option<Attribute<'_>> {
    let bytes = s.as_bytes();
    let mut start = i;
    while bytes.get(start).is_some_and(u8::is_ascii_whitespace) {
        start += 1;
    }
    let at = |k: usize| bytes.get(k).copied();
    match at(start)? {
        b'>' => return Some(Attribute { start, end: start + 1, name: "", value: None }),
        b'/' if at(start + 1) == Some(b'>') => return Some(Attribute { start, end: start + 2, name: "", value: None }),
        _ => {}
    }
    let mut k = start + 1;
    while at(k).is_some_and(|b| !b.is_ascii_whitespace() && !matches!(b, b'=' | b'>' | b'/')) {
        k += 1;
    }
    let name = &s[start..k];
    let mut v = k;
    while at(v).is_some_and(|b| b.is_ascii_whitespace()) {
        v += 1;
    }
    if at(v) != Some(b'=') {
        // No value (`disabled`; a stray `/` too): copied as written.
        return Some(Attribute { start, end: k, name, value: None });
    }
    v += 1;
    while at(v).is_some_and(|b| b.is_ascii_whitespace()) {
        v += 1;
    }
    let (value, end) = match at(v)? {
        q @ (b'"' | b'\'') => {
            let close = memchr::memchr(q, &bytes[v + 1..])? + v + 1;
            (&s[v + 1..close], close + 1)
        }
        _ => {
            let stop = bytes[v..].iter().position(|&b| b.is_ascii_whitespace() || b == b'>').map_or(s.len(), |e| v + e);
            (&s[v..stop], stop)
        }
    };
    Some(Attribute { start, end, name, value: Some(value) })
}

/// Where the element starting `s` (a `<tag …>` start tag) ends: after its
/// matching `</tag>`, nested elements of the same name counted; the end of
/// `s` when it is never closed.
fn element_end(s: &str, tag: &str) -> usize {
    let (start_tag, end_tag) = (format!("<{tag}"), format!("</{tag}>"));
    let mut depth = 0usize;
    let mut i = 0;
    loop {
        let next_open = s[i + 1..].find(&start_tag).map(|p| p + i + 1);
        let Some(close) = s[i + 1..].find(&end_tag).map(|p| p + i + 1) else { return s.len() };
        match next_open.filter(|&o| o < close && is_tag_start(&s[o + start_tag.len()..])) {
            Some(o) => {
                depth += 1;
                i = o;
            }
            None if depth == 0 => return close + end_tag.len(),
            None => {
                depth -= 1;
                i = close;
            }
        }
    }
}

/// After `<tag`: is this that tag (`<p>`, `<p class…`), not a longer name (`<pre`)?
fn is_tag_start(after: &str) -> bool {
    after.starts_with(|c: char| c == '>' || c == '/' || c.is_ascii_whitespace())
}

/// Where the end tag `</name` first occurs in `hay`, ignoring ASCII case.
fn find_end_tag(hay: &str, name: &str) -> Option<usize> {
    let (hay, name) = (hay.as_bytes(), name.as_bytes());
    memchr::memmem::find_iter(hay, b"</")
        .find(|&at| hay.get(at + 2..at + 2 + name.len()).is_some_and(|candidate| candidate.eq_ignore_ascii_case(name)))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn targets() -> HashMap<String, Target> {
        let mut t = HashMap::new();
        t.insert("cases/东方饭店.html".into(), Target { anchor: "page-2".into(), chapter: true });
        t.insert("lessons/01.html".into(), Target { anchor: "page-1".into(), chapter: true });
        t.insert("cases/index.html".into(), Target { anchor: "page-2".into(), chapter: false });
        t
    }

    fn rewrite(html: &str) -> String {
        let targets = targets();
        let cut =
            [("<nav class=\"toc\"", "nav"), ("<p class=\"deck-link\"", "p"), ("<div class=\"quiz-actions\"", "div")];
        Chapter { anchor: "page-1", dir: "lessons", targets: &targets, cut: &cut }.rewrite(html)
    }

    #[test]
    fn web_only_parts_are_cut_nested_elements_and_all() {
        let html = "<p>a</p><nav class=\"toc\"><nav>x</nav><ol><li>b</li></ol></nav><p>c</p>";
        assert_eq!(rewrite(html), "<p>a</p><p>c</p>");
        let html = "<p class=\"deck-link\"><a>▶</a></p><pre>x</pre><p>y</p>";
        assert_eq!(rewrite(html), "<pre>x</pre><p>y</p>");
        let twice = "<div class=\"quiz-actions\"><div></div></div>1<div class=\"quiz-actions\">x</div>2";
        assert_eq!(rewrite(twice), "12");
        // Never closed: cut to the end.
        assert_eq!(rewrite("a<nav class=\"toc\"><ol>"), "a");
    }

    #[test]
    fn ids_and_references_to_them_are_prefixed() {
        assert_eq!(rewrite(r#"<h2 id="思考">x</h2>"#), r#"<h2 id="page-1-思考">x</h2>"#);
        assert_eq!(rewrite(r##"<a href="#思考">x</a>"##), r##"<a href="#page-1-思考">x</a>"##);
        assert_eq!(rewrite(r##"<a href="#">top</a>"##), r##"<a href="#page-1">top</a>"##);
        assert_eq!(
            rewrite(r#"<section aria-labelledby="a b"><label for=q1>"#),
            r#"<section aria-labelledby="page-1-a page-1-b"><label for="page-1-q1">"#
        );
        assert_eq!(
            rewrite(r#"<path marker-end="url(#fm-arrow)"/><style>.x{fill:url(#g)}</style>"#),
            r#"<path marker-end="url(#page-1-fm-arrow)"/><style>.x{fill:url(#page-1-g)}</style>"#
        );
        assert_eq!(
            rewrite(r#"<input type="radio" name="q1" value="0">"#),
            r#"<input type="radio" name="page-1-q1" value="0">"#
        );
        // A `name` elsewhere (a meta tag, a map) is no form field's.
        assert_eq!(rewrite(r#"<meta name="q1">"#), r#"<meta name="q1">"#);
    }

    #[test]
    fn links_to_pages_point_at_their_chapters_and_files_at_the_site_root() {
        assert_eq!(
            rewrite(r#"<a href="../cases/%E4%B8%9C%E6%96%B9%E9%A5%AD%E5%BA%97.html">"#),
            r##"<a href="#page-2">"##
        );
        assert_eq!(rewrite(r#"<a href="..&#x2F;cases&#x2F;东方饭店.html#思考">"#), r##"<a href="#page-2-思考">"##);
        assert_eq!(rewrite(r#"<a href="01.html">"#), r##"<a href="#page-1">"##);
        // A folder listing the book leaves out: its stand-in, without the fragment.
        assert_eq!(rewrite(r#"<a href="../cases/index.html#x">"#), r##"<a href="#page-2">"##);
        assert_eq!(rewrite(r#"<img src="img/图1.svg" alt="">"#), r#"<img src="lessons/img/图1.svg" alt="">"#);
        assert_eq!(rewrite(r#"<a href="01.slides.html?x=1#3">"#), r#"<a href="lessons/01.slides.html?x=1#3">"#);
        for kept in [
            r#"<a href="https://example.com/a.html">"#,
            r#"<a href="mailto:a@b.c">"#,
            r#"<a href="/abs/x.html">"#,
            r#"<img src="data:image/png;base64,AA==">"#,
        ] {
            assert_eq!(rewrite(kept), kept);
        }
    }

    #[test]
    fn quiz_keys_go_and_everything_else_stays() {
        assert_eq!(
            rewrite(r#"<fieldset class="quiz-q" id="q1" data-kind="tf" data-answer="true">"#),
            r#"<fieldset class="quiz-q" id="page-1-q1" data-kind="tf">"#
        );
        let plain = "<p class=note>a &lt; b <br/> <b>c</b> 3 > 2 < 4</p><!-- id=\"x\" --><input disabled checked>";
        assert_eq!(rewrite(plain), plain);
        assert_eq!(rewrite(r#"<script>if (a<b) x.id="q"</script>"#), r#"<script>if (a<b) x.id="q"</script>"#);
        // Entities in a rewritten value are written once, escaped.
        assert_eq!(rewrite(r#"<h2 id="a&amp;b">"#), r#"<h2 id="page-1-a&amp;b">"#);
        // A tag cut off at the end is left as it was.
        assert_eq!(rewrite(r#"<a href="x"#), r#"<a href="x"#);
    }
}
