//! Liquid and Jinja leftovers in pages copied from Jekyll or Hugo sites. Those
//! tools run a template language over every page; coursesite does not, so:
//! - `{% comment %}…{% endcomment %}` is dropped (it was never meant to show);
//! - `{% raw %}` and `{% endraw %}` are unwrapped (what they hold is literal text);
//! - `{{ site.baseurl }}` is dropped, `{{ "/x" | relative_url }}` and
//!   `{% link x.md %}` become `/x` and `/x.md` (the course's root is the site's);
//! - any other `{% … %}`, and `{{ … }}` (mdBook's `{{#include …}}` is put in
//!   before, at load),
//!   stays as text, with a warning naming its line and column.
//!
//! Lines are kept (a dropped comment leaves empty lines), so every later
//! diagnostic keeps its line number. Fenced code and code spans are left alone.

use super::lines::{self, Line};

/// A template tag left in the text, to warn about: its 1-based line in the
/// whole file, 1-based column in characters, and the tag as written.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Leftover {
    pub line: usize,
    pub col: usize,
    pub tag: String,
}

/// Can `text` hold a tag at all? Keeps pages without any untouched.
fn may_contain(text: &str) -> bool {
    text.contains("{%") || text.contains("{{")
}

/// `text` with comments dropped and raw blocks unwrapped (the front matter
/// before `body_offset` left alone), and the tags left as text.
pub fn rewrite(text: &str, body_offset: usize) -> (String, Vec<Leftover>) {
    let (front, body) = super::split_body(text, body_offset);
    if !may_contain(body) {
        return (text.to_string(), Vec::new());
    }
    let first_line = front.matches('\n').count();
    let mut state = State::default();
    let mut out = String::with_capacity(text.len());
    out.push_str(front);
    for line in lines::lines(body) {
        state.line(&line, first_line + line.number, &mut out);
    }
    (out, state.leftovers)
}

/// What a line carries over to the next.
#[derive(Default)]
struct State {
    in_comment: bool,
    in_raw: bool,
    leftovers: Vec<Leftover>,
}

impl State {
    fn line(&mut self, line: &Line, number: usize, out: &mut String) {
        if line.is_code() && !self.in_comment {
            out.push_str(line.raw);
            return;
        }
        let text = line.text();
        let ending = &line.raw[text.len()..];
        let mut at = 0;
        let mut code_span: Option<usize> = None; // backtick run length of an open span
        while at < text.len() {
            let rest = &text[at..];
            let c = rest.chars().next().unwrap_or(' ');
            if c == '`' && !self.in_comment {
                let run = rest.bytes().take_while(|&b| b == b'`').count();
                code_span = match code_span {
                    Some(open) if open == run => None,
                    None => Some(run),
                    other => other,
                };
                out.push_str(&rest[..run]);
                at += run;
                continue;
            }
            if code_span.is_none() {
                if let Some(used) = self.tag(rest, (number, col_of(text, at)), out) {
                    at += used;
                    continue;
                }
            }
            if !self.in_comment {
                out.push(c);
            }
            at += c.len_utf8();
        }
        out.push_str(ending);
    }

    /// A tag at the start of `rest`: how many bytes it took (None: no tag here).
    fn tag(&mut self, rest: &str, (line, col): (usize, usize), out: &mut String) -> Option<usize> {
        if let Some(inner) = rest.strip_prefix("{%") {
            let end = inner.find("%}")?;
            let words = inner[..end].trim_matches(['-', ' ', '\t']);
            let name = words.split_whitespace().next().unwrap_or("");
            let whole = &rest[..end + 4];
            match (name, self.in_comment, self.in_raw) {
                ("endcomment", true, _) => self.in_comment = false,
                (_, true, _) => {}
                ("comment", false, false) => self.in_comment = true,
                ("raw", false, false) => self.in_raw = true,
                ("endraw", false, true) => self.in_raw = false,
                (_, false, true) => out.push_str(whole),
                ("link", false, false) => out.push_str(&site_path(words.split_whitespace().nth(1).unwrap_or(""))),
                _ => self.keep(whole, (line, col), out),
            }
            return Some(whole.len());
        }
        let inner = rest.strip_prefix("{{")?;
        // `{{ x }}`, `{{#include …}}`, `{{- x }}`: not TeX's `{{a}}`.
        if self.in_comment || self.in_raw || !inner.starts_with([' ', '#', '-']) {
            return None;
        }
        let end = inner.find("}}")?;
        let whole = &rest[..end + 4];
        match site_url(&inner[..end]) {
            Some(url) => out.push_str(&url),
            None => self.keep(whole, (line, col), out),
        }
        Some(whole.len())
    }

    fn keep(&mut self, whole: &str, (line, col): (usize, usize), out: &mut String) {
        out.push_str(whole);
        self.leftovers.push(Leftover { line, col, tag: whole.to_string() });
    }
}

/// Jekyll's ways of writing a URL on the site, whose meaning is clear: the
/// site's root is the course's (root-absolute links resolve against it).
/// `site.baseurl` → nothing; `"/x" | relative_url` (or `absolute_url`) → `/x`.
fn site_url(inner: &str) -> Option<String> {
    let inner = inner.trim_matches(['-', ' ', '\t']);
    if matches!(inner, "site.baseurl" | "site.url") {
        return Some(String::new());
    }
    let (value, filter) = inner.split_once('|')?;
    let value = value.trim().strip_prefix(['"', '\''])?.strip_suffix(['"', '\''])?;
    matches!(filter.trim(), "relative_url" | "absolute_url").then(|| value.to_string())
}

/// `{% link docs/x.md %}`: the file's path from the site's root.
fn site_path(file: &str) -> String {
    format!("/{}", file.trim_start_matches('/'))
}

fn col_of(text: &str, byte: usize) -> usize {
    text[..byte].chars().count() + 1
}

#[cfg(test)]
mod tests {
    use super::*;

    fn body(text: &str) -> (String, Vec<Leftover>) {
        rewrite(text, 0)
    }

    #[test]
    fn comments_are_dropped_and_raw_blocks_unwrapped_keeping_lines() {
        let text = "前\n{% comment %}\n不该显示\n{% endcomment %}后\n{% raw %}{{ 字面 }}{% endraw %}\n";
        let (out, left) = body(text);
        assert_eq!(out, "前\n\n\n后\n{{ 字面 }}\n");
        assert!(left.is_empty(), "{left:?}");
        assert_eq!(out.lines().count(), text.lines().count());
    }

    #[test]
    fn other_tags_stay_as_text_with_their_position() {
        let (out, left) = body("标题\n链接 {{ site.title }}/a 和 {% include nav.html %}\n{{#include code.rs:main}}\n");
        assert_eq!(out, "标题\n链接 {{ site.title }}/a 和 {% include nav.html %}\n{{#include code.rs:main}}\n");
        let found: Vec<(usize, usize, &str)> = left.iter().map(|l| (l.line, l.col, l.tag.as_str())).collect();
        assert_eq!(
            found,
            [(2, 4, "{{ site.title }}"), (2, 25, "{% include nav.html %}"), (3, 1, "{{#include code.rs:main}}")]
        );
    }

    #[test]
    fn site_urls_become_root_absolute_paths() {
        let (out, left) =
            body("[a]({{ site.baseurl }}/docs/a.html) [b]({{ '/b/' | relative_url }}) [c]({% link docs/c.md %})\n");
        assert_eq!(out, "[a](/docs/a.html) [b](/b/) [c](/docs/c.md)\n");
        assert!(left.is_empty(), "{left:?}");
    }

    #[test]
    fn code_tex_and_front_matter_are_left_alone() {
        let text = "+++\ntitle = \"{{ x }}\"\n+++\n`{{ a }}` 与 $x^{{2}}$\n```\n{% comment %}\n```\n";
        let (out, left) = rewrite(text, text.find('`').unwrap_or(0));
        assert_eq!(out, text);
        assert!(left.is_empty(), "{left:?}");
        let (out, _) = body("无标签的页面");
        assert_eq!(out, "无标签的页面");
    }

    #[test]
    fn odd_input_never_panics() {
        for text in ["{%", "{% comment", "{% comment %}", "{{", "{{ ", "{{ x }", "`{{ x }}", "{%%}", "{{ 中 }}\r\n"] {
            let (out, _) = body(text);
            assert!(out.len() <= text.len(), "{text:?} → {out:?}");
        }
        let (out, left) = body("{% comment %}\n没有结束");
        assert_eq!((out.as_str(), left.len()), ("\n", 0));
    }
}
