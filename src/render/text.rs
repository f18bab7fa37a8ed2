//! Plain text out of the Markdown AST: heading texts, first characters for the
//! CJK line-break rule, tooltip summaries, and merging text runs for term matching.

use super::cjk;
use comrak::nodes::{AstNode, NodeValue};
use comrak::{parse_document, Arena, Options};

/// The text of the first paragraph of `markdown`, at most `max` characters
/// (with an ellipsis when cut): a term's tooltip.
pub fn plain_summary(markdown: &str, max: usize) -> String {
    let arena = Arena::new();
    let root = parse_document(&arena, markdown, &Options::default());
    let Some(para) = root.descendants().find(|n| matches!(n.data().value, NodeValue::Paragraph)) else {
        return String::new();
    };
    for node in para.descendants().collect::<Vec<_>>() {
        drop_cjk_break(node);
    }
    let text = plain_text(para).split_whitespace().collect::<Vec<_>>().join(" ");
    if text.chars().count() > max {
        format!("{}…", text.chars().take(max).collect::<String>())
    } else {
        text
    }
}

/// Remove `node` if it is a soft line break between two wide characters (CSS
/// Text 3 segment-break rule, see [`cjk`]); true if it was removed.
pub fn drop_cjk_break<'a>(node: &'a AstNode<'a>) -> bool {
    if !matches!(node.data().value, NodeValue::SoftBreak) {
        return false;
    }
    let before = node.previous_sibling().map(|n| edge_chars(n, true)).unwrap_or_default();
    let after = node.next_sibling().map(|n| edge_chars(n, false)).unwrap_or_default();
    let drop = cjk::drop_break(&before, &after);
    if drop {
        node.detach();
    }
    drop
}

/// Adjacent text nodes (split by the parser at brackets, or joined by a dropped
/// CJK line break) become one, so a term spanning them is found.
pub fn merge_text_runs<'a>(placed: &[(&'a AstNode<'a>, Option<usize>)]) {
    for &(node, _) in placed {
        if node.parent().is_none() || !matches!(node.data().value, NodeValue::Text(_)) {
            continue;
        }
        while let Some(next) = node.next_sibling() {
            let NodeValue::Text(more) = next.data().value.clone() else { break };
            if let NodeValue::Text(text) = &mut node.data_mut().value {
                text.to_mut().push_str(&more);
            }
            next.detach();
        }
    }
}

/// The first (or last) few characters of a node's text, looking into
/// emphasis, links…, nearest the edge first.
pub fn edge_chars<'a>(node: &'a AstNode<'a>, last: bool) -> Vec<char> {
    const FEW: usize = 4;
    let take = |t: &str| match last {
        true => t.chars().rev().take(FEW).collect(),
        false => t.chars().take(FEW).collect(),
    };
    match &node.data().value {
        NodeValue::Text(t) => take(t),
        NodeValue::Code(c) => take(&c.literal),
        NodeValue::Emph | NodeValue::Strong | NodeValue::Strikethrough | NodeValue::Link(_) => {
            let child = if last { node.last_child() } else { node.first_child() };
            child.map(|c| edge_chars(c, last)).unwrap_or_default()
        }
        _ => Vec::new(),
    }
}

/// The text of a heading, without markup.
pub fn plain_text<'a>(node: &'a AstNode<'a>) -> String {
    let mut out = String::new();
    for d in node.descendants() {
        match &d.data().value {
            NodeValue::Text(t) => out.push_str(t),
            NodeValue::Code(c) => out.push_str(&c.literal),
            NodeValue::Math(m) => out.push_str(&m.literal),
            NodeValue::SoftBreak | NodeValue::LineBreak => out.push(' '),
            _ => {}
        }
    }
    out.trim().to_string()
}

/// Text for HTML content and quoted attribute values, as comrak escapes it
/// (`&#39;`, `/` kept): the page templates (Tera's escape is set to it) and
/// every piece of markup the build writes itself.
pub fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for ch in text.chars() {
        match ch {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            _ => out.push(ch),
        }
    }
    out
}

/// `&amp;`, `&#x2F;`, `&#25143;` … → the characters (the search index reads
/// rendered text with it; the print book, attribute values); an unknown entity
/// stays as written.
pub fn decode_entities(s: &str) -> String {
    if !s.contains('&') {
        return s.to_string();
    }
    let mut out = String::with_capacity(s.len());
    let mut rest = s;
    while let Some(amp) = rest.find('&') {
        out.push_str(&rest[..amp]);
        rest = &rest[amp..];
        let end = rest.find(';').filter(|&e| e <= 10);
        let decoded = end.and_then(|e| {
            let name = &rest[1..e];
            let c = match name {
                "amp" => Some('&'),
                "lt" => Some('<'),
                "gt" => Some('>'),
                "quot" => Some('"'),
                "apos" => Some('\''),
                "nbsp" => Some(' '),
                _ => {
                    let num = name.strip_prefix('#')?;
                    let code = match num.strip_prefix(['x', 'X']) {
                        Some(hex) => u32::from_str_radix(hex, 16).ok(),
                        None => num.parse().ok(),
                    }?;
                    char::from_u32(code)
                }
            }?;
            Some((c, e))
        });
        match decoded {
            Some((c, e)) => {
                out.push(c);
                rest = &rest[e + 1..];
            }
            None => {
                out.push('&');
                rest = &rest[1..];
            }
        }
    }
    out.push_str(rest);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn summary_is_first_paragraph_joined_and_cut() {
        assert_eq!(plain_summary("对企业**最重要**的\n客户。\n\n第二段", 50), "对企业最重要的客户。");
        assert_eq!(plain_summary("一二三四五六", 3), "一二三…");
        assert_eq!(plain_summary("CRM\nsystem", 50), "CRM system");
        assert_eq!(plain_summary("详见项目一 理解客户服务，见 `代码` 与", 50), "详见项目一 理解客户服务，见 代码 与");
    }
}
