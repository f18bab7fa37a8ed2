//! Reading a Tera template's source before Tera parses it, to make the data
//! each page hands it smaller:
//!
//! - `t.key` (a UI string) becomes the string itself: the strings are fixed
//!   for a build's language, and serialising the 146-entry table into every
//!   page's context, then looking keys up in it, was ~5 % of a build.
//! - the top-level names the templates read: a context field no template
//!   reads need not be serialised.
//!
//! Both work on the expression tags only (`{{ … }}` and `{% … %}`, outside
//! `{# comments #}` and `{% raw %}` blocks). Reading too many names is
//! harmless (a field is serialised for nothing); too few is not, so anything
//! unusual keeps the name: `t` written any other way than `t.key` keeps the
//! whole table.

use std::collections::{BTreeMap, HashSet};
use std::ops::Range;

/// Byte ranges of the insides of the template's expression tags.
fn tags(text: &str) -> Vec<Range<usize>> {
    let bytes = text.as_bytes();
    let mut out = Vec::new();
    let mut i = 0;
    while let Some(found) = text[i..].find('{') {
        let open = i + found;
        let kind = bytes.get(open + 1).copied();
        match kind {
            Some(b'#') => {
                i = text[open..].find("#}").map_or(text.len(), |e| open + e + 2);
            }
            Some(b'{') | Some(b'%') => {
                let close = if kind == Some(b'{') { "}}" } else { "%}" };
                let start = open + 2;
                let end = tag_end(text, start, close);
                let inner = start..end;
                i = (end + 2).min(text.len());
                let words = text[inner.clone()].trim_matches(|c: char| c == '-' || c.is_whitespace());
                if kind == Some(b'%') && (words == "raw") {
                    // Everything up to `{% endraw %}` is text.
                    i = text[i..].find("endraw").map_or(text.len(), |e| i + e);
                    continue;
                }
                out.push(inner);
            }
            _ => i = open + 1,
        }
    }
    out
}

/// Where a tag opened at `start` closes, skipping string literals.
fn tag_end(text: &str, start: usize, close: &str) -> usize {
    let bytes = text.as_bytes();
    let mut i = start;
    while i < bytes.len() {
        match bytes[i] {
            q @ (b'"' | b'\'' | b'`') => {
                i = text[i + 1..].find(q as char).map_or(text.len(), |e| i + 1 + e + 1);
            }
            _ if text[i..].starts_with(close) => return i,
            _ => i += 1,
        }
    }
    text.len()
}

/// An identifier starting at byte `i` (not part of a longer one, not a field
/// after `.`): its end.
fn identifier_at(tag: &str, i: usize) -> Option<usize> {
    let bytes = tag.as_bytes();
    let is_ident = |b: u8| b.is_ascii_alphanumeric() || b == b'_';
    let first = *bytes.get(i)?;
    if !(first.is_ascii_alphabetic() || first == b'_') {
        return None;
    }
    if i > 0 && (is_ident(bytes[i - 1]) || bytes[i - 1] == b'.') {
        return None;
    }
    Some(i + bytes[i..].iter().take_while(|&&b| is_ident(b)).count())
}

/// Calls `f(start, end)` for every identifier outside string literals in `tag`.
fn each_identifier(tag: &str, mut f: impl FnMut(usize, usize)) {
    let bytes = tag.as_bytes();
    let mut i = 0;
    while i < bytes.len() {
        match bytes[i] {
            q @ (b'"' | b'\'' | b'`') => {
                i = tag[i + 1..].find(q as char).map_or(tag.len(), |e| i + 1 + e + 1);
            }
            _ => match identifier_at(tag, i) {
                Some(end) => {
                    f(i, end);
                    i = end;
                }
                None => i += 1,
            },
        }
    }
}

/// A Tera string literal of `s`: Tera has no escapes, so a quote the string
/// does not contain; None when it contains all three.
fn literal(s: &str) -> Option<String> {
    ['"', '\'', '`'].into_iter().find(|q| !s.contains(*q)).map(|q| format!("{q}{s}{q}"))
}

/// `t.key` → the key's string, wherever it stands alone in an expression.
pub fn inline_strings(text: &str, strings: &BTreeMap<&str, &str>) -> String {
    let mut edits: Vec<(Range<usize>, String)> = Vec::new();
    for tag in tags(text) {
        let inner = &text[tag.clone()];
        each_identifier(inner, |start, end| {
            if &inner[start..end] != "t" || inner.as_bytes().get(end) != Some(&b'.') {
                return;
            }
            let key_end = end
                + 1
                + inner.as_bytes()[end + 1..].iter().take_while(|b| b.is_ascii_alphanumeric() || **b == b'_').count();
            // `t.key.more`, `t.key[…]` or `t.key(…)` are left to Tera.
            if matches!(inner.as_bytes().get(key_end), Some(b'.' | b'[' | b'(')) {
                return;
            }
            let Some(value) = strings.get(&inner[end + 1..key_end]) else { return };
            if let Some(lit) = literal(value) {
                edits.push((tag.start + start..tag.start + key_end, lit));
            }
        });
    }
    let mut out = String::with_capacity(text.len());
    let mut last = 0;
    for (range, lit) in edits {
        out.push_str(&text[last..range.start]);
        out.push_str(&lit);
        last = range.end;
    }
    out.push_str(&text[last..]);
    out
}

/// Every name the template's expressions read (with keywords, filters and
/// loop variables among them: more is harmless).
pub fn identifiers(text: &str, into: &mut HashSet<String>) {
    for tag in tags(text) {
        let inner = &text[tag];
        each_identifier(inner, |start, end| {
            into.insert(inner[start..end].to_string());
        });
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn table() -> BTreeMap<&'static str, &'static str> {
        [("home", "首页"), ("colon", "："), ("quote", "say \"hi\""), ("all", "\"'`")].into_iter().collect()
    }

    fn names(text: &str) -> Vec<String> {
        let mut set = HashSet::new();
        identifiers(text, &mut set);
        let mut v: Vec<String> = set.into_iter().collect();
        v.sort();
        v
    }

    #[test]
    fn strings_are_inlined_only_in_expressions_and_only_when_standing_alone() {
        let t = table();
        assert_eq!(inline_strings("<a>{{ t.home }}</a>", &t), "<a>{{ \"首页\" }}</a>");
        assert_eq!(inline_strings("{{ a | join(sep=t.colon) }}", &t), "{{ a | join(sep=\"：\") }}");
        assert_eq!(inline_strings("{{ t.quote }}", &t), "{{ 'say \"hi\"' }}");
        // No quote left to write it with, an unknown key, a field of another
        // name, text outside tags, comments, strings and raw blocks: unchanged.
        for same in [
            "{{ t.all }}",
            "{{ t.nope }}",
            "{{ next.t.home }}{{ at.home }}",
            "t.home {# {{ t.home }} #}",
            "{{ \"t.home\" }}",
            "{% raw %}{{ t.home }}{% endraw %}",
            "{{ t.home.x }}{{ t.home[0] }}",
        ] {
            assert_eq!(inline_strings(same, &t), same);
        }
        assert_eq!(
            inline_strings("{%- if x %}{{- t.home -}}{% endif -%}", &t),
            "{%- if x %}{{- \"首页\" -}}{% endif -%}"
        );
    }

    #[test]
    fn names_read_are_found_outside_strings_and_fields() {
        assert_eq!(
            names("{% for h in toc %}{{ h.text | upper }}{% endfor %}"),
            ["endfor", "for", "h", "in", "toc", "upper"]
        );
        assert_eq!(names("{{ \"nav\" }}{# nav #}x nav"), Vec::<String>::new());
        assert_eq!(names("{{ page.nav }}"), ["page"]);
        assert_eq!(names("{{ t[key] }}"), ["key", "t"]);
    }
}
