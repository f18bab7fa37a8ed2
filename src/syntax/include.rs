//! Includes written for other tools, found in a page's text: mdBook's
//! `{{#include path}}` (also `path:anchor`, `path:N`, `path:N:M`, `path:N:`,
//! `path::M`, and `{{#rustdoc_include …}}`) anywhere, fenced code included, as
//! mdBook reads them (`\{{#include …}}` is the literal text); Docsify's
//! `[text](path ':include')` embeds (`:type=code`, `:type=markdown`,
//! `:fragment=name`) outside code. This module only reads the syntax and picks
//! the lines an include asks for; reading files is the load step's
//! (`load::include`).

/// Which part of the included file to take.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Select {
    All,
    /// Lines `from..=to`, 1-based; `None` is the file's start or end.
    Lines(Option<usize>, Option<usize>),
    /// Between `ANCHOR: name` and `ANCHOR_END: name` (mdBook).
    Anchor(String),
    /// Between two `[name]` marker lines (Docsify's `:fragment=name`).
    Fragment(String),
    /// Between `#region name` and `#endregion` (VitePress' `file.md#name`).
    Region(String),
}

/// How the included text goes into the page.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum As {
    /// As written (mdBook; Docsify's Markdown files).
    Text,
    /// In a fenced code block of this language (Docsify's code files).
    Code(String),
}

/// One include in a line: where it is (bytes within the line), what it names.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Directive {
    pub start: usize,
    pub end: usize,
    /// The path as written, relative to the page (or, from `/`, to content/).
    pub path: String,
    pub select: Select,
    pub insert: As,
}

const MDBOOK: &[&str] = &["{{#include ", "{{#rustdoc_include "];

/// Can `text` hold an include at all? Keeps pages without any untouched.
pub fn may_contain(text: &str) -> bool {
    text.contains("{{#") || text.contains("include")
}

/// The includes of one line (without its line ending), left to right.
/// `docsify`: whether Docsify embeds count here (outside fenced code).
pub fn directives(line: &str, docsify: bool) -> Vec<Directive> {
    let mut found = mdbook_directives(line);
    if docsify {
        let mut embeds = docsify_directives(line);
        embeds.extend(vitepress_directives(line));
        embeds.retain(|d| !found.iter().any(|m| overlaps(m, d)));
        found.extend(embeds);
        found.sort_by_key(|d| d.start);
    }
    found
}

fn overlaps(a: &Directive, b: &Directive) -> bool {
    a.start < b.end && b.start < a.end
}

/// `\{{#include x}}` written to be shown: the line with the backslash removed.
pub fn unescape(line: &str) -> Option<String> {
    MDBOOK.iter().any(|m| line.contains(&format!("\\{m}"))).then(|| {
        let mut out = line.to_string();
        for m in MDBOOK {
            out = out.replace(&format!("\\{m}"), m);
        }
        out
    })
}

fn mdbook_directives(line: &str) -> Vec<Directive> {
    let mut out = Vec::new();
    let mut from = 0;
    while let Some((at, marker)) = MDBOOK.iter().filter_map(|m| line[from..].find(m).map(|i| (from + i, *m))).min() {
        let args_start = at + marker.len();
        let Some(close) = line[args_start..].find("}}") else { break };
        let end = args_start + close + 2;
        let escaped = at > 0 && line.as_bytes()[at - 1] == b'\\';
        let args = line[args_start..args_start + close].trim();
        if !escaped && !args.is_empty() {
            let (path, select) = mdbook_select(args);
            out.push(Directive { start: at, end, path, select, insert: As::Text });
        }
        from = end;
    }
    out
}

/// `file.rs:main` → anchor; `file.rs:2:5`, `file.rs:2`, `file.rs:2:`, `file.rs::5` → lines.
fn mdbook_select(args: &str) -> (String, Select) {
    let mut parts = args.splitn(3, ':');
    let path = parts.next().unwrap_or_default().trim().to_string();
    let first = parts.next().map(str::trim);
    let second = parts.next().map(str::trim);
    let number = |s: &str| s.parse::<usize>().ok();
    let select = match (first, second) {
        (None, _) => Select::All,
        (Some(a), None) => match number(a) {
            Some(n) => Select::Lines(Some(n), Some(n)),
            None if a.is_empty() => Select::All,
            None => Select::Anchor(a.to_string()),
        },
        (Some(a), Some(b)) => Select::Lines(number(a), number(b)),
    };
    (path, select)
}

/// `[text](path ':include :type=code :fragment=demo')`, single or double quotes.
fn docsify_directives(line: &str) -> Vec<Directive> {
    let mut out = Vec::new();
    let mut from = 0;
    while let Some(open) = line[from..].find("](").map(|i| from + i) {
        let Some(close) = line[open + 2..].find(')').map(|i| open + 2 + i) else { break };
        let inner = line[open + 2..close].trim();
        from = close + 1;
        let Some((path, options)) = inner.split_once(char::is_whitespace) else { continue };
        let options = options.trim().trim_matches(['\'', '"']);
        let mut words = options.split_whitespace();
        if words.next() != Some(":include") || path.contains("://") {
            continue;
        }
        let Some(start) = line[..open].rfind('[') else { continue };
        out.push(docsify_directive(start, close + 1, path, words));
    }
    out
}

/// VitePress: `<!--@include: ./parts/a.md-->`, `…a.md{3,5}-->`, `…a.md#region-->`.
fn vitepress_directives(line: &str) -> Vec<Directive> {
    const OPEN: &str = "<!--@include:";
    let mut out = Vec::new();
    let mut from = 0;
    while let Some(at) = line[from..].find(OPEN).map(|i| from + i) {
        let Some(len) = line[at..].find("-->") else { break };
        let end = at + len + 3;
        let mut spec = line[at + OPEN.len()..at + len].trim();
        let mut select = Select::All;
        if let Some((rest, range)) = spec.strip_suffix('}').and_then(|s| s.rsplit_once('{')) {
            let (a, b) = range.split_once(',').unwrap_or((range, range));
            select = Select::Lines(a.trim().parse().ok(), b.trim().parse().ok());
            spec = rest;
        }
        if let Some((path, region)) = spec.split_once('#') {
            select = Select::Region(region.to_string());
            spec = path;
        }
        out.push(Directive { start: at, end, path: spec.to_string(), select, insert: As::Text });
        from = end;
    }
    out
}

fn docsify_directive<'a>(start: usize, end: usize, path: &str, options: impl Iterator<Item = &'a str>) -> Directive {
    let ext = path.rsplit_once('.').map_or("", |(_, e)| e).to_ascii_lowercase();
    let mut insert =
        if matches!(ext.as_str(), "md" | "markdown" | "html" | "htm") { As::Text } else { As::Code(ext.clone()) };
    let mut select = Select::All;
    for option in options {
        match option.split_once('=') {
            Some((":type", "code")) => insert = As::Code(ext.clone()),
            Some((":type", "markdown" | "html")) => insert = As::Text,
            Some((":fragment", name)) => select = Select::Fragment(name.to_string()),
            _ => {}
        }
    }
    let path = path.trim_matches(['<', '>']).to_string();
    Directive { start, end, path, select, insert }
}

/// The part of `text` that `select` names, without the marker lines, and the
/// line of `text` it starts at; an error says what is missing (the anchors
/// there are, or the line count).
pub fn select(text: &str, select: &Select) -> Result<(String, usize), crate::messages::Msg> {
    let lines: Vec<&str> = text.lines().collect();
    let (first, picked): (usize, &[&str]) = match select {
        Select::All => (1, &lines),
        Select::Lines(from, to) => {
            let from = from.unwrap_or(1).max(1);
            let to = to.unwrap_or(lines.len()).min(lines.len());
            if from > lines.len() {
                return Err(msg!("include_short_file", lines = lines.len(), from));
            }
            (from, &lines[from - 1..to.max(from - 1)])
        }
        Select::Anchor(name) => between(&lines, name, is_anchor_start, is_anchor_end)
            .ok_or_else(|| missing(name, "include_what_anchor", &anchors(&lines)))?,
        Select::Fragment(name) => between(&lines, name, is_fragment, is_fragment)
            .ok_or_else(|| missing(name, "include_what_fragment", &[]))?,
        Select::Region(name) => between(&lines, name, is_region_start, is_region_end)
            .ok_or_else(|| missing(name, "include_what_region", &regions(&lines)))?,
    };
    let kept: Vec<&str> = picked.iter().copied().filter(|l| !is_marker(l)).collect();
    Ok((kept.join("\n"), first))
}

fn missing(name: &str, what: &'static str, known: &[String]) -> crate::messages::Msg {
    let what = crate::messages::Msg::new(what);
    match known.is_empty() {
        true => msg!("include_no_part", what, name),
        false => msg!("include_no_part_known", what, name, known = crate::messages::list(known)),
    }
}

/// The lines strictly between the first line `start` accepts for `name` and
/// the next one `end` accepts, with the 1-based number of the first.
fn between<'l, 'a>(
    lines: &'l [&'a str],
    name: &str,
    start: fn(&str, &str) -> bool,
    end: fn(&str, &str) -> bool,
) -> Option<(usize, &'l [&'a str])> {
    let open = lines.iter().position(|l| start(l, name))?;
    let close = lines[open + 1..].iter().position(|l| end(l, name)).map_or(lines.len(), |i| open + 1 + i);
    Some((open + 2, &lines[open + 1..close]))
}

fn marker_name<'a>(line: &'a str, marker: &str) -> Option<&'a str> {
    let at = line.find(marker)?;
    line[at + marker.len()..].split_whitespace().next()
}

fn is_anchor_start(line: &str, name: &str) -> bool {
    marker_name(line, "ANCHOR:") == Some(name)
}

fn is_anchor_end(line: &str, name: &str) -> bool {
    marker_name(line, "ANCHOR_END:") == Some(name)
}

/// Docsify's fragment markers: `### [demo]` or `/// [demo]`.
fn is_fragment(line: &str, name: &str) -> bool {
    let t = line.trim();
    (t.starts_with("###") || t.starts_with("///")) && t.ends_with(&format!("[{name}]"))
}

fn is_region_start(line: &str, name: &str) -> bool {
    marker_name(line, "#region") == Some(name)
}

fn is_region_end(line: &str, name: &str) -> bool {
    line.contains("#endregion") && marker_name(line, "#endregion").is_none_or(|n| n == name || n == "-->" || n == "*/")
}

fn regions(lines: &[&str]) -> Vec<String> {
    lines.iter().filter_map(|l| marker_name(l, "#region")).map(str::to_string).collect()
}

/// mdBook drops every anchor marker line from what it includes, VitePress
/// every region marker.
fn is_marker(line: &str) -> bool {
    line.contains("ANCHOR:") || line.contains("ANCHOR_END:") || line.contains("#region") || line.contains("#endregion")
}

fn anchors(lines: &[&str]) -> Vec<String> {
    lines.iter().filter_map(|l| marker_name(l, "ANCHOR:")).map(str::to_string).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn one(line: &str) -> Directive {
        let found = directives(line, true);
        assert_eq!(found.len(), 1, "{line}: {found:?}");
        found.into_iter().next().unwrap()
    }

    #[test]
    fn mdbook_forms() {
        let d = one("{{#include ../code/hello.rs:main}}");
        assert_eq!(
            (d.path.as_str(), &d.select, d.start, d.end),
            ("../code/hello.rs", &Select::Anchor("main".into()), 0, 34)
        );
        assert_eq!(one("{{#include a.rs:2:5}}").select, Select::Lines(Some(2), Some(5)));
        assert_eq!(one("{{#include a.rs:2}}").select, Select::Lines(Some(2), Some(2)));
        assert_eq!(one("{{#include a.rs:2:}}").select, Select::Lines(Some(2), None));
        assert_eq!(one("{{#include a.rs::5}}").select, Select::Lines(None, Some(5)));
        assert_eq!(one("x {{#rustdoc_include  a.md }} y").path, "a.md");
        assert!(directives("\\{{#include a.md}}", true).is_empty(), "escaped");
        assert_eq!(unescape("见 \\{{#include a.md}}").as_deref(), Some("见 {{#include a.md}}"));
        assert!(directives("{{#include }} {{#include a.md", true).is_empty());
        assert_eq!(directives("{{#include a.md}}{{#include b.md}}", false).len(), 2);
    }

    #[test]
    fn docsify_forms() {
        let d = one("前 [规则](_media/rules.md ':include') 后");
        assert_eq!(
            (d.path.as_str(), &d.insert, &d.line_part("前 [规则](_media/rules.md ':include') 后")),
            ("_media/rules.md", &As::Text, &"[规则](_media/rules.md ':include')")
        );
        let d = one("[代码](code/a.py \":include :type=code :fragment=demo\")");
        assert_eq!((d.insert, d.select), (As::Code("py".into()), Select::Fragment("demo".into())));
        assert_eq!(one("[x](a.js ':include')").insert, As::Code("js".into()));
        assert!(directives("[x](a.md ':include')", false).is_empty(), "not in code");
        assert!(directives("[x](https://e.org/a.md ':include')", true).is_empty());
        assert!(directives("[x](a.md \"title\")", true).is_empty());
    }

    #[test]
    fn vitepress_forms() {
        let d = one("<!--@include: ./parts/a.md-->");
        assert_eq!((d.path.as_str(), d.select, d.end), ("./parts/a.md", Select::All, 29));
        assert_eq!(one("<!--@include: a.md{3,}-->").select, Select::Lines(Some(3), None));
        assert_eq!(one("<!--@include: a.md{,5}-->").select, Select::Lines(None, Some(5)));
        assert_eq!(one("<!--@include: a.md#用法-->").select, Select::Region("用法".into()));
        let text = "头\n<!-- #region 用法 -->\n内容\n<!-- #endregion 用法 -->\n尾";
        assert_eq!(select(text, &Select::Region("用法".into())).unwrap(), ("内容".into(), 3));
        assert!(select(text, &Select::Region("别的".into())).unwrap_err().en().contains("用法"));
    }

    impl Directive {
        fn line_part<'a>(&self, line: &'a str) -> &'a str {
            &line[self.start..self.end]
        }
    }

    const CODE: &str = "use std::io;\n// ANCHOR: main\nfn main() {\n    // ANCHOR: inner\n    println!(\"hi\");\n    // ANCHOR_END: inner\n}\n// ANCHOR_END: main\n";

    #[test]
    fn anchors_and_ranges() {
        assert_eq!(
            select(CODE, &Select::Anchor("main".into())).unwrap(),
            ("fn main() {\n    println!(\"hi\");\n}".into(), 3)
        );
        assert_eq!(select(CODE, &Select::Anchor("inner".into())).unwrap().0, "    println!(\"hi\");");
        let err = select(CODE, &Select::Anchor("mian".into())).unwrap_err();
        assert!(err.en().contains("main, inner"), "{err:?}");
        assert_eq!(select(CODE, &Select::Lines(Some(1), Some(1))).unwrap(), ("use std::io;".into(), 1));
        assert_eq!(select(CODE, &Select::Lines(Some(7), None)).unwrap(), ("}".into(), 7));
        assert!(select(CODE, &Select::Lines(Some(40), None)).is_err());
        assert_eq!(select("a\nb\n", &Select::All).unwrap(), ("a\nb".into(), 1));
        let frag = "x\n### [demo]\n内容\n### [demo]\ny";
        assert_eq!(select(frag, &Select::Fragment("demo".into())).unwrap(), ("内容".into(), 3));
        assert!(select(frag, &Select::Fragment("nope".into())).is_err());
    }
}
