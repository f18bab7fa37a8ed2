//! Other tools' one-line markers, read for what they mean, so a page written
//! for them shows no raw syntax:
//! - contents markers — Typora's `[TOC]`, VitePress' `[[toc]]`, kramdown's
//!   `{:toc}` (and the `* TOC` item before it): dropped, the theme shows the
//!   page's contents (本页内容) already;
//! - kramdown attribute lists: a `{: .class }` line is dropped, except the
//!   callout classes of Just the Docs (`{: .note }`, `{: .warning-title }` …)
//!   before a paragraph or quote, which make it a callout; `{: … }` after a
//!   span is dropped;
//! - Docsify: `?> 提示` and `!> 重要` are a tip and an important callout;
//!   `## 标题 :id=x` is `## 标题 {#x}`;
//! - mdBook's MathJax delimiters `\\( … \\)` and `\\[ … \\]` (written with
//!   Markdown's escapes inside) are TeX's `\( … \)` and `\[ … \]`;
//! - arithmatex's bare `\begin{aligned} … \end{aligned}` blocks are display math.
//!
//! Line for line, so diagnostics keep their lines; fenced code is left alone.

use super::callouts;
use super::lines;

/// Can `text` hold a marker at all? Keeps pages without any untouched. Few
/// searches, each for a piece several markers share (`toc]` for `[TOC]` and
/// `[[toc]]`, `\\` for mdBook's `\\(` and `\\[`): every page pays for them.
fn may_contain(text: &str) -> bool {
    ["OC]", "oc]", "{:", "?> ", "!> ", ":id=", "\\\\", "\\begin{"].iter().any(|m| text.contains(m))
}

/// `text` with the markers read (front matter before `body_offset` left alone).
pub fn rewrite(text: &str, body_offset: usize) -> String {
    let (front, body) = super::split_body(text, body_offset);
    if !may_contain(body) {
        return text.to_string();
    }
    let mut out: Vec<String> = Vec::new();
    let all: Vec<lines::Line> = lines::lines(body).collect();
    let mut i = 0;
    while i < all.len() {
        let line = &all[i];
        if line.is_code() {
            out.push(line.raw.to_string());
        } else if let Some(taken) = block(&all, i, &mut out) {
            i += taken;
            continue;
        } else {
            out.push(inline(line.text()) + &line.raw[line.text().len()..]);
        }
        i += 1;
    }
    format!("{front}{}", out.concat())
}

/// A marker that takes whole lines at `all[i]`: writes them, returns how many.
fn block(all: &[lines::Line], i: usize, out: &mut Vec<String>) -> Option<usize> {
    let line = &all[i];
    let text = line.text().trim();
    let eol = &line.raw[line.text().len()..];
    let next = all.get(i + 1).filter(|l| l.is_text()).map_or("", |l| l.text().trim());
    if is_toc(text) || (next == "{:toc}" && text.ends_with("TOC") && text.len() <= 6) {
        let taken = if is_toc(text) { 1 } else { 2 };
        all[i..i + taken].iter().for_each(|l| out.push(l.raw[l.text().len()..].to_string()));
        return Some(taken);
    }
    if let Some(attrs) = block_ial(text) {
        return Some(callout_ial(all, i, attrs, out).unwrap_or_else(|| {
            out.push(eol.to_string());
            1
        }));
    }
    for (sign, kind) in [("?> ", "tip"), ("!> ", "important")] {
        if let Some(rest) = line.text().strip_prefix(sign) {
            out.push(format!("> [!{kind}] {}{eol}", inline(rest.trim())));
            return Some(1);
        }
    }
    if text == "\\\\[" {
        // mdBook's display math over several lines: `\\[`, the TeX (Markdown-escaped), `\\]`.
        let end = (i + 1..all.len()).find(|&j| all[j].is_text() && all[j].text().trim() == "\\\\]")?;
        for (j, l) in all.iter().enumerate().take(end + 1).skip(i) {
            let eol = &l.raw[l.text().len()..];
            let line = match j {
                _ if j == i => "\\[".to_string(),
                _ if j == end => "\\]".to_string(),
                _ => unescape(l.text()),
            };
            out.push(line + eol);
        }
        return Some(end + 1 - i);
    }
    // A bare environment is a block of its own: a blank line before it (not
    // the `$$` line of display math written around it).
    let after_blank = i == 0 || all[i - 1].text().trim().is_empty();
    if let Some(env) = bare_environment(text).filter(|_| after_blank) {
        let end = (i..all.len()).find(|&j| all[j].is_text() && all[j].text().trim() == format!("\\end{{{env}}}"))?;
        for (j, l) in all.iter().enumerate().take(end + 1).skip(i) {
            let (open, close) = (if j == i { "$$" } else { "" }, if j == end { "$$" } else { "" });
            out.push(format!("{open}{}{close}{}", l.text(), &l.raw[l.text().len()..]));
        }
        return Some(end + 1 - i);
    }
    None
}

fn is_toc(text: &str) -> bool {
    matches!(text, "[TOC]" | "[toc]" | "[[toc]]" | "[[TOC]]" | "{:toc}" | "{:.no_toc}")
}

/// `{: .note }`, `{:.warning-title}`, `{: #id .class key="v" }` alone on a line: its inside.
fn block_ial(text: &str) -> Option<&str> {
    let inner = text.strip_prefix("{:")?.strip_suffix('}')?;
    (!inner.contains(['{', '}']) && !inner.starts_with(':')).then_some(inner.trim())
}

/// A Just the Docs callout: `{: .note }` then a paragraph (quoted here), or
/// `{: .note-title }` then a quote whose first line is the title.
fn callout_ial(all: &[lines::Line], i: usize, attrs: &str, out: &mut Vec<String>) -> Option<usize> {
    let class = attrs.split_whitespace().find_map(|w| w.strip_prefix('.'))?;
    let (name, titled) = match class.strip_suffix("-title") {
        Some(name) => (name, true),
        None => (class, false),
    };
    let kind = match name {
        "highlight" => "note",
        "new" => "tip",
        other => callouts::lookup(other).map(|_| other)?,
    };
    let eol = |l: &lines::Line| l.raw[l.text().len()..].to_string();
    let body: Vec<&lines::Line> =
        all[i + 1..].iter().take_while(|l| l.is_text() && !l.text().trim().is_empty()).collect();
    let quoted = body.first().is_some_and(|l| l.text().trim_start().starts_with('>'));
    let title = match (titled, quoted) {
        (true, true) => body[0].text().trim_start().trim_start_matches('>').trim(),
        _ => "",
    };
    out.push(format!("> [!{kind}] {title}").trim_end().to_string() + &eol(&all[i]));
    for (k, l) in body.iter().enumerate() {
        let line = match (quoted, k == 0 && !title.is_empty()) {
            (true, true) => ">".to_string(),
            (true, false) => l.text().to_string(),
            (false, _) => format!("> {}", l.text()),
        };
        out.push(line + &eol(l));
    }
    Some(1 + body.len())
}

/// `\begin{aligned}` alone on a line (arithmatex reads it as display math).
fn bare_environment(text: &str) -> Option<&str> {
    const ENVS: &[&str] = &[
        "aligned",
        "align",
        "align*",
        "equation",
        "equation*",
        "gather",
        "gather*",
        "cases",
        "split",
        "multline",
        "matrix",
        "pmatrix",
        "bmatrix",
    ];
    let env = text.strip_prefix("\\begin{")?.split_once('}')?.0;
    ENVS.contains(&env).then_some(env)
}

/// The span-level markers of one line outside code spans (a line with a
/// backtick is left as it is: its code spans are not read here).
fn inline(text: &str) -> String {
    if text.contains('`') {
        return text.to_string();
    }
    let text = docsify_id(text);
    let text = span_ials(&text);
    mdbook_math(&text)
}

/// `## 标题 :id=x` → `## 标题 {#x}`.
fn docsify_id(text: &str) -> String {
    match (text.starts_with('#'), text.rsplit_once(" :id=")) {
        (true, Some((head, id))) if !id.is_empty() && !id.contains(char::is_whitespace) => format!("{head} {{#{id}}}"),
        _ => text.to_string(),
    }
}

/// `[按钮](x){: .btn }` → `[按钮](x)`: kramdown's span attributes, dropped.
fn span_ials(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(at) = rest.find("{:") {
        let Some(end) = rest[at..].find('}') else { break };
        let inner = &rest[at + 2..at + end];
        out.push_str(&rest[..at]);
        if !(inner.starts_with([' ', '.', '#']) || inner.contains('=')) {
            out.push_str(&rest[at..at + end + 1]);
        }
        rest = &rest[at + end + 1..];
    }
    out.push_str(rest);
    out
}

/// `\\( x_1 \\)` → `\( x_1 \)`: mdBook's MathJax delimiters, the math inside
/// unescaped as Markdown would have (`\\\\` → `\\`, `\_` → `_`).
fn mdbook_math(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    loop {
        let open = ["\\\\(", "\\\\["].iter().filter_map(|d| rest.find(d).map(|i| (i, *d))).min();
        let Some((at, delim)) = open else { break };
        let close = if delim == "\\\\(" { "\\\\)" } else { "\\\\]" };
        let inner_start = at + delim.len();
        let Some(len) = rest[inner_start..].find(close) else { break };
        out.push_str(&rest[..at]);
        out.push_str(&delim[1..]);
        out.push_str(&unescape(&rest[inner_start..inner_start + len]));
        out.push_str(&close[1..]);
        rest = &rest[inner_start + len + close.len()..];
    }
    out.push_str(rest);
    out
}

/// Markdown's backslash escapes undone: `\` before ASCII punctuation goes.
fn unescape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        match chars.peek() {
            Some(&next) if c == '\\' && next.is_ascii_punctuation() => {
                out.push(next);
                chars.next();
            }
            _ => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn rw(text: &str) -> String {
        let out = rewrite(text, 0);
        assert_eq!(out.split('\n').count(), text.split('\n').count(), "lines kept:\n{text}\n→\n{out}");
        out
    }

    #[test]
    fn contents_markers_are_dropped() {
        assert_eq!(rw("# 题\n\n[TOC]\n\n正文\n"), "# 题\n\n\n\n正文\n");
        assert_eq!(rw("[[toc]]\n"), "\n");
        assert_eq!(rw("1. TOC\n{:toc}\n正文\n"), "\n\n正文\n");
        assert_eq!(rw("```\n[TOC]\n```\n"), "```\n[TOC]\n```\n", "not in code");
    }

    #[test]
    fn kramdown_attributes_and_just_the_docs_callouts() {
        assert_eq!(rw("大标题\n{: .fs-9 }\n"), "大标题\n\n");
        assert_eq!(rw("[开始](/a){: .btn .btn-primary } 后\n"), "[开始](/a) 后\n");
        assert_eq!(rw("{: .note }\n一段话\n第二行\n\n后\n"), "> [!note]\n> 一段话\n> 第二行\n\n后\n");
        assert_eq!(rw("{: .warning-title }\n> 当心\n>\n> 正文\n"), "> [!warning] 当心\n>\n>\n> 正文\n");
        assert_eq!(rw("{: .highlight }\n> 引文\n"), "> [!note]\n> 引文\n");
        assert_eq!(rw("{: .unknown }\n段\n"), "\n段\n");
        assert_eq!(rw("集合 {a: 1}\n"), "集合 {a: 1}\n", "not an attribute list");
    }

    #[test]
    fn docsify_tips_and_ids() {
        assert_eq!(rw("?> 先听完\n!> 别打断\n"), "> [!tip] 先听完\n> [!important] 别打断\n");
        assert_eq!(rw("## 标题 :id=start\n"), "## 标题 {#start}\n");
    }

    #[test]
    fn mdbook_mathjax_and_bare_environments_become_math() {
        assert_eq!(rw("设 \\\\( x\\_1 \\\\) 与 \\\\[ a \\\\\\\\ b \\\\]\n"), "设 \\( x_1 \\) 与 \\[ a \\\\ b \\]\n");
        assert_eq!(
            rw("\\begin{aligned}\na &= b \\\\\nc &= d\n\\end{aligned}\n"),
            "$$\\begin{aligned}\na &= b \\\\\nc &= d\n\\end{aligned}$$\n"
        );
        assert_eq!(rw("\\begin{aligned}\n没结束\n"), "\\begin{aligned}\n没结束\n");
        let block = "\\\\[\n\\begin{aligned}\na \\\\\\\\\nb\n\\end{aligned}\n\\\\]\n";
        assert_eq!(rw(block), "\\[\n\\begin{aligned}\na \\\\\nb\n\\end{aligned}\n\\]\n");
        let wrapped = "$$\n\\begin{cases}\na\n\\end{cases}\n$$\n";
        assert_eq!(rw(wrapped), wrapped, "already display math");
    }
}
