//! Fragment lists: a list written with `+` bullets or `1)` numbers shows its
//! items one by one on the slide. Which lists those are is read from the
//! parse; the rendered HTML's lists are then marked in the same order.

use comrak::nodes::{AstNode, ListDelimType, NodeValue};

/// For each list in `markdown`, in document order: is it a fragment list
/// (`+` bullets or `1)` numbers)?
#[cfg(test)]
pub(super) fn fragment_lists(markdown: &str, md: &crate::config::MarkdownConfig) -> Vec<bool> {
    let arena = comrak::Arena::new();
    fragment_lists_in(comrak::parse_document(&arena, markdown, &crate::render::markdown::options(md)))
}

/// The same, for a parsed slide.
pub(super) fn fragment_lists_in<'a>(root: &'a AstNode<'a>) -> Vec<bool> {
    root.descendants()
        .filter_map(|n| match &n.data().value {
            NodeValue::List(l) => Some(l.bullet_char == b'+' || l.delimiter == ListDelimType::Paren),
            _ => None,
        })
        .collect()
}

/// Mark the rendered lists `flags` says are fragments with `data-fragments`:
/// comrak writes lists in document order, and every other `<ul`/`<ol` in our
/// output is escaped text.
pub(super) fn mark_fragments(html: &str, flags: &[bool]) -> String {
    if !flags.contains(&true) {
        return html.to_string();
    }
    let mut out = String::with_capacity(html.len() + 32);
    let mut rest = html;
    let mut n = 0;
    while let Some(i) = rest.find('<') {
        out.push_str(&rest[..i]);
        rest = &rest[i..];
        let is_list = (rest.starts_with("<ul") || rest.starts_with("<ol"))
            && matches!(rest.as_bytes().get(3), Some(b'>') | Some(b' '));
        if is_list {
            out.push_str(&rest[..3]);
            if flags.get(n) == Some(&true) {
                out.push_str(" data-fragments");
            }
            n += 1;
            rest = &rest[3..];
        } else {
            out.push('<');
            rest = &rest[1..];
        }
    }
    out.push_str(rest);
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::config::MarkdownConfig;

    #[test]
    fn fragments_are_marked_on_plus_and_paren_lists_only() {
        let md = "- a\n\n+ b\n+ c\n\n1) d\n\n1. e\n";
        let flags = fragment_lists(md, &MarkdownConfig::default());
        assert_eq!(flags, vec![false, true, true, false]);
        let html = mark_fragments("<ul>\n<li>a</li></ul><ul><li>b</li></ul><ol><li>d</li></ol><ol start=\"2\"><li>e</li></ol><p>&lt;ul&gt;</p>", &flags);
        assert_eq!(html.matches("data-fragments").count(), 2, "{html}");
        assert!(html.starts_with("<ul>") && html.contains("<ol start=\"2\">"), "{html}");
    }
}
