//! Dark colours that follow the reader's choice as well as the system's.
//!
//! The theme button (main.js) stores 跟随系统 / 浅色 / 深色 and `theme/colour.js`
//! puts it on `<html data-theme="system|light|dark">` before the first paint.
//! A stylesheet still writes each dark block once, the plain way:
//! `@media (prefers-color-scheme: dark) { … }`. When the site is written,
//! [`expand`] turns every such block into the two the browser needs:
//!
//! ```css
//! @media screen { :where(:root[data-theme="dark"]) .x { … } }
//! @media screen and (prefers-color-scheme: dark) { :where(:root:not([data-theme="light"])) .x { … } }
//! ```
//!
//! So dark chosen → dark, light chosen → light, system (or no script) → the
//! media query; print (not `screen`) stays light. The conditions sit in
//! `:where()`, which adds no specificity: each rule wins or loses against the
//! others exactly as the block written by hand did.

/// The dark branch taken when the reader chose 深色.
const CHOSEN: &str = "[data-theme=\"dark\"]";
/// The dark branch taken under a dark system unless the reader chose 浅色.
const SYSTEM: &str = ":not([data-theme=\"light\"])";
const QUERY: &str = "@media (prefers-color-scheme: dark)";

/// `css` with every top-level `@media (prefers-color-scheme: dark) { … }` block
/// expanded as the module says; anything else is kept byte for byte (a
/// stylesheet without such a block comes back unchanged).
pub fn expand(css: &str) -> String {
    let mut out = String::with_capacity(css.len() * 2);
    let mut rest = css;
    while let Some(at) = find_query(rest) {
        let open = at + QUERY.len() + rest[at + QUERY.len()..].find('{').unwrap_or(0);
        let Some(close) = block_end(rest, open) else { break };
        out.push_str(&rest[..at]);
        let body = &rest[open + 1..close];
        out.push_str("@media screen {\n");
        out.push_str(&prefixed(body, CHOSEN));
        out.push_str("}\n@media screen and (prefers-color-scheme: dark) {\n");
        out.push_str(&prefixed(body, SYSTEM));
        out.push('}');
        rest = &rest[close + 1..];
    }
    out.push_str(rest);
    out
}

/// Where the next dark block starts: the query followed by only white space
/// before its `{` (`… dark) and (max-width: …)` is left alone).
fn find_query(css: &str) -> Option<usize> {
    let mut from = 0;
    while let Some(i) = css[from..].find(QUERY) {
        let at = from + i;
        let after = &css[at + QUERY.len()..];
        if after.trim_start().starts_with('{') && !in_comment(&css[..at]) {
            return Some(at);
        }
        from = at + QUERY.len();
    }
    None
}

/// Is the end of `before` inside a `/* … */` comment?
fn in_comment(before: &str) -> bool {
    before.rfind("/*").is_some_and(|open| !before[open..].contains("*/"))
}

/// The index of the `}` that closes the `{` at `open`, skipping comments and strings.
fn block_end(css: &str, open: usize) -> Option<usize> {
    let bytes = css.as_bytes();
    let mut depth = 0usize;
    let mut i = open;
    while i < bytes.len() {
        match bytes[i] {
            b'/' if bytes.get(i + 1) == Some(&b'*') => {
                i = css[i + 2..].find("*/").map_or(bytes.len(), |e| i + 2 + e + 1);
            }
            quote @ (b'"' | b'\'') => {
                i += 1;
                while i < bytes.len() && bytes[i] != quote {
                    i += if bytes[i] == b'\\' { 2 } else { 1 };
                }
            }
            b'{' => depth += 1,
            b'}' => {
                depth -= 1;
                if depth == 0 {
                    return Some(i);
                }
            }
            _ => {}
        }
        i += 1;
    }
    None
}

/// The rules of a block's body, each selector under the condition `cond` on
/// the root element; a nested at-rule keeps its prelude, its rules are
/// prefixed in turn. Comments between rules are dropped.
fn prefixed(body: &str, cond: &str) -> String {
    let mut out = String::new();
    let mut rest = body;
    loop {
        rest = skip_space_and_comments(rest);
        let Some(open) = rest.find('{') else { break };
        let Some(close) = block_end(rest, open) else { break };
        let prelude = rest[..open].trim();
        let inner = &rest[open + 1..close];
        if prelude.starts_with('@') {
            out.push_str(&format!("{prelude} {{\n{}}}\n", prefixed(inner, cond)));
        } else {
            let selectors: Vec<String> = split_selectors(prelude).iter().map(|s| under(s, cond)).collect();
            out.push_str(&format!("{} {{{inner}}}\n", selectors.join(", ")));
        }
        rest = &rest[close + 1..];
    }
    out
}

fn skip_space_and_comments(mut css: &str) -> &str {
    loop {
        css = css.trim_start();
        match css.strip_prefix("/*") {
            Some(c) => css = c.find("*/").map_or("", |e| &c[e + 2..]),
            None => return css,
        }
    }
}

/// A selector list split at its top-level commas (not those in `:not(a, b)`).
fn split_selectors(list: &str) -> Vec<&str> {
    let mut parts = Vec::new();
    let (mut depth, mut start) = (0i32, 0);
    for (i, ch) in list.char_indices() {
        match ch {
            '(' | '[' => depth += 1,
            ')' | ']' => depth -= 1,
            ',' if depth == 0 => {
                parts.push(list[start..i].trim());
                start = i + 1;
            }
            _ => {}
        }
    }
    parts.push(list[start..].trim());
    parts.into_iter().filter(|s| !s.is_empty()).collect()
}

/// One selector under the root condition: `:root` and `html` take it
/// themselves (`:root:where([data-theme="dark"])`), anything else is a
/// descendant of the root (`:where(:root[data-theme="dark"]) .x`).
fn under(selector: &str, cond: &str) -> String {
    for root in [":root", "html"] {
        if let Some(rest) = selector.strip_prefix(root) {
            let ends_word = !rest.starts_with(|c: char| c.is_ascii_alphanumeric() || c == '-' || c == '_');
            if ends_word {
                return format!("{root}:where({cond}){rest}");
            }
        }
    }
    format!(":where(:root{cond}) {selector}")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_dark_block_becomes_a_chosen_and_a_system_block() {
        let css = "a { color: blue; }\n@media (prefers-color-scheme: dark) {\n  :root { --bg: #000; }\n  .x, .y:not(.a, .b) > p { color: #fff; }\n}\nb { x: y; }\n";
        let out = expand(css);
        assert!(out.starts_with("a { color: blue; }\n@media screen {\n"), "{out}");
        assert!(out.ends_with("}\nb { x: y; }\n"), "{out}");
        assert!(out.contains(":root:where([data-theme=\"dark\"]) { --bg: #000; }"), "{out}");
        assert!(out.contains(":root:where(:not([data-theme=\"light\"])) { --bg: #000; }"), "{out}");
        assert!(out.contains(
            ":where(:root[data-theme=\"dark\"]) .x, :where(:root[data-theme=\"dark\"]) .y:not(.a, .b) > p { color: #fff; }"
        ));
        assert!(out.contains("}\n@media screen and (prefers-color-scheme: dark) {\n:root:where(:not("), "{out}");
        assert!(out.contains(":where(:root:not([data-theme=\"light\"])) .x, "), "{out}");
        // Each declaration block twice, nothing else of the original left.
        assert_eq!(out.matches("color: #fff;").count(), 2);
        assert!(!out.contains("@media (prefers-color-scheme: dark)"), "{out}");
    }

    #[test]
    fn one_line_blocks_comments_nesting_and_html() {
        let css = "/* @media (prefers-color-scheme: dark) { in a comment } */\n@media (prefers-color-scheme: dark) { /* why */ html.deck-html, .deck-body { background: #000; } @media (max-width: 40rem) { .z { content: \"}\"; } } }";
        let out = expand(css);
        assert!(
            out.starts_with("/* @media (prefers-color-scheme: dark) { in a comment } */\n@media screen {\n"),
            "{out}"
        );
        assert!(
            out.contains("html:where([data-theme=\"dark\"]).deck-html, :where(:root[data-theme=\"dark\"]) .deck-body")
        );
        assert!(
            out.contains("@media (max-width: 40rem) {\n:where(:root[data-theme=\"dark\"]) .z { content: \"}\"; }\n}"),
            "{out}"
        );
        assert!(!out.contains("why"), "{out}");
        // `htmlx` is an element of its own, not the root.
        assert_eq!(under("htmlx", CHOSEN), ":where(:root[data-theme=\"dark\"]) htmlx");
    }

    #[test]
    fn other_css_is_unchanged() {
        let css = "/* custom */\nbody { color: red; }\n@media (prefers-color-scheme: dark) and (max-width: 9px) { a { b: c; } }\n";
        assert_eq!(expand(css), css);
    }
}
