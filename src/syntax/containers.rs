//! Other tools' containers, read as coursesite's own callouts: a source pre-pass
//! ([`rewrite`]) turns each into `> [!kind] title` lines, so every later step
//! (the student edition's stripping, the model's parsers, the renderer, slides,
//! search) sees one syntax, and the kinds stay those of [`super::callouts::KINDS`]
//! (MkDocs' and VitePress' names are aliases there).
//!
//! Accepted:
//! - MkDocs / pymdown admonitions: `!!! tip "标题"`, `??? success "答案"`
//!   (folded), `???+ note` (open). The body is the following lines indented by
//!   four spaces or a tab (blank lines inside allowed); it ends at the first
//!   non-blank line indented less. An empty title (`!!! warning ""`) keeps the
//!   kind's default title. A line whose kind is unknown and whose body is empty
//!   (`!!! 好`) is left as text.
//! - VitePress / Docusaurus / markdown-it containers: `::: tip 标题` … `:::`,
//!   `:::note[标题]`, `::: details 标题` (a folded note); a container holding
//!   another is opened with more colons (`:::: tip` … `::::`), or the inner one
//!   is closed first; an unclosed one runs to the end of the page. MyST's colon
//!   form `:::{note}` is read the same way.
//! - MyST directives: ```` ```{note} ```` … ```` ``` ````, ```` ```{admonition} 标题 ````
//!   (a note with that title); `:class:` and other `:option:` lines at the top
//!   of the body are dropped.
//! - pymdown content tabs `=== "Python"` (body indented like an admonition):
//!   `> [!tab] Python` callouts; consecutive ones form a tab set (the renderer's
//!   `render::tabs`).
//!
//! Every line stays on its line (openers become the marker line, closers and
//! option lines become blank or `>`), so diagnostics keep their line numbers;
//! columns inside a rewritten body move by the indentation removed. Fenced code
//! is never looked into ([`super::lines`]), except a MyST directive's own fence.

use super::callouts::{self, Fold};
use super::lines::{Fences, Kind};

/// The callout kind a tab is written as (`> [!tab] 标签`): one of [`callouts::KINDS`].
pub const TAB: &str = "tab";

/// Can `text` hold a container at all? A cheap test that keeps pages without
/// any untouched (and unallocated): every container opens a line (after its
/// indentation), so one pass over the line starts is enough (five substring
/// searches of every page were 2 % of a build).
fn may_contain(text: &str) -> bool {
    text.split('\n').any(|line| {
        let t = line.trim_start_matches([' ', '\t']);
        let opener = ["!!!", "???", ":::", "==="].iter().any(|m| t.starts_with(m));
        let myst = (t.starts_with("```") || t.starts_with("~~~")) && t.trim_start_matches(['`', '~']).starts_with('{');
        opener || myst
    })
}

/// `text` with every container rewritten as callouts; the front matter before
/// `body_offset` is left alone. The same text when there is none.
pub fn rewrite(text: &str, body_offset: usize) -> String {
    let (front, body) = super::split_body(text, body_offset);
    if !may_contain(body) {
        return text.to_string();
    }
    let lines: Vec<&str> = body.split('\n').collect();
    let mut out = String::with_capacity(text.len() + text.len() / 8);
    out.push_str(front);
    out.push_str(&rewrite_lines(&lines).join("\n"));
    out
}

/// A container's first line, read.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Head<'a> {
    /// Leading spaces of the opener (kept before every `>` written).
    indent: &'a str,
    /// The kind's name as written (`tip`, `details`, `admonition`, `tab`).
    name: &'a str,
    title: Option<&'a str>,
    fold: Fold,
}

impl Head<'_> {
    /// The callout marker line, `> [!tip]- 标题`.
    fn marker(&self) -> String {
        let (name, fold) = match self.name.to_lowercase().as_str() {
            "details" if self.fold == Fold::Open => ("note", Fold::Open),
            "details" => ("note", Fold::Folded),
            "admonition" => ("note", self.fold),
            _ => (self.name, self.fold),
        };
        let sign = match fold {
            Fold::None => "",
            Fold::Open => "+",
            Fold::Folded => "-",
        };
        let title = self.title.map(|t| format!(" {t}")).unwrap_or_default();
        format!("{}> [!{name}]{sign}{title}", self.indent)
    }
}

/// How a container's body is delimited.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Body {
    /// Indented four spaces (or a tab) more than the opener: `!!!`, `???`, `===`.
    Indented,
    /// Up to a line of at least this many colons: `:::`.
    Colons(usize),
}

fn rewrite_lines(lines: &[&str]) -> Vec<String> {
    let mut out: Vec<String> = Vec::with_capacity(lines.len());
    let mut fences = Fences::default();
    let mut i = 0;
    while i < lines.len() {
        let line = lines[i];
        match fences.kind(line) {
            Kind::Open { info } => {
                if let Some(head) = myst_head(line, info) {
                    let end = (i + 1..lines.len()).find(|&j| fences.kind(lines[j]) == Kind::Close);
                    let end = end.unwrap_or(lines.len());
                    emit(&mut out, &head, &myst_body(&lines[i + 1..end]), end < lines.len());
                    i = end + 1;
                    continue;
                }
            }
            Kind::Text => {
                if let Some((head, body)) = opener(line) {
                    let consumed = emit_container(&mut out, lines, i, head, body);
                    if consumed > 0 {
                        i += consumed;
                        continue;
                    }
                }
            }
            Kind::Code | Kind::Close => {}
        }
        out.push(line.to_string());
        i += 1;
    }
    out
}

/// Write the container opened at `lines[i]`; the number of lines it took (0:
/// not a container after all, the line is text).
fn emit_container(out: &mut Vec<String>, lines: &[&str], i: usize, head: Head, body: Body) -> usize {
    match body {
        Body::Indented => {
            let end = indented_end(lines, i + 1, head.indent.len());
            let known = callouts::lookup(head.name).is_some() || head.name == TAB;
            if end == i + 1 && !known {
                return 0;
            }
            let inner: Vec<&str> = lines[i + 1..end].iter().map(|l| dedent(l, head.indent.len() + 4)).collect();
            emit(out, &head, &inner, false);
            end - i
        }
        Body::Colons(n) => {
            let end = colon_end(lines, i + 1, n);
            let inner: Vec<&str> = lines[i + 1..end].iter().map(|l| l.strip_prefix(head.indent).unwrap_or(l)).collect();
            let closed = end < lines.len();
            if head.name == CODE_GROUP {
                out.extend(code_group(head.indent, &inner));
                if closed {
                    out.push(String::new());
                }
            } else {
                emit(out, &head, &inner, closed);
            }
            end + usize::from(closed) - i
        }
    }
}

/// VitePress' tab set of code blocks: `::: code-group` holding fences whose
/// info names the tab (```` ```js [config.js] ````; the language when none).
const CODE_GROUP: &str = "code-group";

/// The fences of a code group as tabs, `> [!tab] config.js` each. Line for
/// line when blank lines separate the fences (the usual way): the opener
/// becomes the first tab's marker, a closing fence the blank line that ends
/// its quote (the fence closes with it), the blank line the next tab's marker.
fn code_group(indent: &str, inner: &[&str]) -> Vec<String> {
    let mut out = vec![String::new()]; // the opener's line
    let mut fences = Fences::default();
    for line in inner {
        match fences.kind(line) {
            Kind::Open { info } => {
                let (lang, label) = match info.split_once('[') {
                    Some((lang, rest)) => (lang.trim(), rest.split(']').next().unwrap_or("").trim()),
                    None => (info, info.split_whitespace().next().unwrap_or("")),
                };
                let marker = format!("{indent}> [!{TAB}] {}", if label.is_empty() { "code" } else { label });
                // A free blank line (the opener's, or one after a blank) takes the marker.
                let n = out.len();
                match n == 1 || (out[n - 1].is_empty() && out[n - 2].is_empty()) {
                    true => out[n - 1] = marker,
                    false => out.push(marker),
                }
                let t = line.trim_start();
                let fence = &t[..t.len() - t.trim_start_matches(['`', '~']).len()];
                out.push(format!("{indent}> {fence}{lang}"));
            }
            Kind::Close => out.push(String::new()),
            Kind::Code => out.push(format!("{indent}> {line}")),
            Kind::Text if line.trim().is_empty() => out.push(String::new()),
            Kind::Text => out.push(line.to_string()),
        }
    }
    out
}

/// The marker line, the body (rewritten in turn, then quoted) and, when the
/// container had a closing line, a blank line in its place.
fn emit(out: &mut Vec<String>, head: &Head, body: &[&str], closed: bool) {
    out.push(head.marker());
    for line in rewrite_lines(body) {
        if line.trim().is_empty() {
            out.push(format!("{}>", head.indent));
        } else {
            out.push(format!("{}> {line}", head.indent));
        }
    }
    if closed {
        out.push(String::new());
    }
}

/// Where an indented body starting at `from` ends (exclusive): the first
/// non-blank line indented less than `indent + 4`, blank lines before it left out.
fn indented_end(lines: &[&str], from: usize, indent: usize) -> usize {
    let mut end = from;
    for (j, line) in lines.iter().enumerate().skip(from) {
        if line.trim().is_empty() {
            continue;
        }
        if !is_indented(line, indent + 4) {
            break;
        }
        end = j + 1;
    }
    end
}

/// Indented by at least `n` columns (a tab reaching the next multiple of four).
fn is_indented(line: &str, n: usize) -> bool {
    let mut col = 0;
    for c in line.chars() {
        match c {
            ' ' => col += 1,
            '\t' => col += 4 - col % 4,
            _ => break,
        }
        if col >= n {
            return true;
        }
    }
    false
}

/// The line with `n` columns of indentation removed (a blank line: empty).
fn dedent(line: &str, n: usize) -> &str {
    let mut col = 0;
    for (i, c) in line.char_indices() {
        if col >= n {
            return &line[i..];
        }
        match c {
            ' ' => col += 1,
            '\t' => col += 4 - col % 4,
            _ => return &line[i..],
        }
    }
    ""
}

/// Where a `:::` body starting at `from` ends: the index of its closing line
/// (at least `n` colons, outside fenced code and nested containers), or the
/// number of lines when it is never closed.
fn colon_end(lines: &[&str], from: usize, n: usize) -> usize {
    let mut fences = Fences::default();
    let mut depth = 0usize;
    for (j, line) in lines.iter().enumerate().skip(from) {
        if fences.kind(line) != Kind::Text {
            continue;
        }
        if let Some(k) = colon_close(line) {
            if depth == 0 && k >= n {
                return j;
            }
            depth = depth.saturating_sub(1);
        } else if matches!(opener(line), Some((_, Body::Colons(_)))) {
            depth += 1;
        }
    }
    lines.len()
}

/// A closing line, `:::` (three or more colons alone): how many.
fn colon_close(line: &str) -> Option<usize> {
    let t = line.trim();
    (t.len() >= 3 && t.bytes().all(|b| b == b':') && leading_spaces(line) <= 3).then_some(t.len())
}

fn leading_spaces(line: &str) -> usize {
    line.len() - line.trim_start_matches(' ').len()
}

/// A container's opening line: `!!! tip "标题"`, `???+ note`, `=== "Tab"`, `::: tip 标题`.
fn opener(line: &str) -> Option<(Head<'_>, Body)> {
    let indent = &line[..leading_spaces(line)];
    let rest = &line[indent.len()..];
    if let Some(after) = rest.strip_prefix("???+") {
        return admonition(indent, after, Fold::Open).map(|h| (h, Body::Indented));
    }
    if let Some(after) = rest.strip_prefix("???") {
        return admonition(indent, after, Fold::Folded).map(|h| (h, Body::Indented));
    }
    if let Some(after) = rest.strip_prefix("!!!") {
        return admonition(indent, after, Fold::None).map(|h| (h, Body::Indented));
    }
    if let Some(after) = rest.strip_prefix("===") {
        return tab(indent, after).map(|h| (h, Body::Indented));
    }
    if indent.len() <= 3 && rest.starts_with(":::") {
        let n = rest.bytes().take_while(|&b| b == b':').count();
        return colon_head(indent, &rest[n..]).map(|h| (h, Body::Colons(n)));
    }
    None
}

/// A word of a type name: letters, digits, `_` and `-` (Python-Markdown's `[\w-]`).
fn is_word(s: &str) -> bool {
    !s.is_empty() && s.chars().all(|c| c.is_alphanumeric() || c == '_' || c == '-')
}

/// `tip "标题"` after `!!!`: the first type word names the kind (more words
/// are CSS classes to MkDocs, ignored here); the quoted title, if any.
fn admonition<'a>(indent: &'a str, after: &'a str, fold: Fold) -> Option<Head<'a>> {
    let after = after.strip_prefix(' ').unwrap_or(after);
    let (types, title) = match after.find('"') {
        Some(q) => {
            let quoted = after[q + 1..].trim_end().strip_suffix('"')?;
            (&after[..q], Some(quoted.trim()))
        }
        None => (after, None),
    };
    let mut words = types.split(' ').filter(|w| !w.is_empty());
    let name = words.next()?;
    if !is_word(name) || !words.all(is_word) || name.chars().count() > callouts::MAX_NAME_CHARS {
        return None;
    }
    Some(Head { indent, name, title: title.filter(|t| !t.is_empty()), fold })
}

/// ` "Python"` after `===` (`===!` and `===+` accepted): a tab titled Python.
fn tab<'a>(indent: &'a str, after: &'a str) -> Option<Head<'a>> {
    let after = after.strip_prefix(['!', '+']).unwrap_or(after).trim();
    let label = after.strip_prefix('"')?.strip_suffix('"')?.trim();
    (!label.is_empty()).then_some(Head { indent, name: TAB, title: Some(label), fold: Fold::None })
}

/// ` tip 标题`, `note[标题]`, ` {note} 标题` after the colons.
fn colon_head<'a>(indent: &'a str, after: &'a str) -> Option<Head<'a>> {
    let after = after.trim();
    let end = after.find(|c: char| c.is_whitespace() || c == '[').unwrap_or(after.len());
    let (name, rest) = after.split_at(end);
    let name = name.strip_prefix('{').and_then(|n| n.strip_suffix('}')).unwrap_or(name);
    if !is_word(name) || name.chars().count() > callouts::MAX_NAME_CHARS {
        return None;
    }
    let rest = rest.trim();
    // VitePress: `::: details 标题 {open}` starts open.
    let (rest, fold) = match rest.strip_suffix("{open}") {
        Some(r) => (r.trim_end(), Fold::Open),
        None => (rest, Fold::None),
    };
    let title = match rest.strip_prefix('[') {
        Some(r) => r.rsplit_once(']').map_or(r, |(t, _)| t).trim(),
        None => rest,
    };
    Some(Head { indent, name, title: (!title.is_empty()).then_some(title), fold })
}

/// A MyST directive's opening fence, ```` ```{note} 标题 ````: info `{name} title`.
fn myst_head<'a>(line: &'a str, info: &'a str) -> Option<Head<'a>> {
    let name = info.strip_prefix('{')?.split_once('}')?.0.trim();
    let title = info.split_once('}')?.1.trim();
    if !is_word(name) || name.chars().count() > callouts::MAX_NAME_CHARS {
        return None;
    }
    let indent = &line[..leading_spaces(line)];
    Some(Head { indent, name, title: (!title.is_empty()).then_some(title), fold: Fold::None })
}

/// A directive's body with its leading `:option: value` lines blanked.
fn myst_body<'a>(lines: &[&'a str]) -> Vec<&'a str> {
    let options = lines.iter().take_while(|l| is_option(l)).count();
    lines.iter().enumerate().map(|(j, l)| if j < options { "" } else { *l }).collect()
}

fn is_option(line: &str) -> bool {
    let t = line.trim();
    t.strip_prefix(':').and_then(|r| r.split_once(':')).is_some_and(|(key, _)| is_word(key))
}

#[cfg(test)]
mod tests;
