//! Small rewrites of comrak's tree for text written for other tools, and for
//! Chinese line breaking: a one-tilde "subscript" that is a range (`1~2 小时`)
//! put back as written, mdBook's hidden lines of Rust examples, kramdown's
//! `$$…$$` inside a sentence, and a closing mark kept with the formula before it.

use comrak::nodes::{AstNode, NodeValue};

/// Does text sit right beside the node on its line (`满意率 $$p$$ 和`)? A
/// `$$` block on lines of its own, even without blank lines around it, does not.
pub(super) fn has_words_beside<'a>(node: &'a AstNode<'a>) -> bool {
    let words = |c: Option<&'a AstNode<'a>>| {
        let Some(c) = c else { return false };
        match &c.data().value {
            NodeValue::Text(t) => !t.trim().is_empty(),
            NodeValue::SoftBreak | NodeValue::LineBreak => false,
            _ => true,
        }
    };
    words(node.previous_sibling()) || words(node.next_sibling())
}

/// Chinese never starts a line with a closing mark (，。、；：！？）」』】》),
/// but a browser may break between a formula and the mark after it: the mark
/// is taken into an unbreakable span with the formula.
pub(super) fn with_closing_mark<'a>(node: &'a AstNode<'a>, html: String) -> String {
    const CLOSING: &[char] = &['，', '。', '、', '；', '：', '！', '？', '）', '」', '』', '】', '》', '”', '’'];
    let Some(next) = node.next_sibling() else { return html };
    let mark = match &next.data().value {
        NodeValue::Text(t) => t.chars().next().filter(|c| CLOSING.contains(c)),
        _ => None,
    };
    let Some(mark) = mark.filter(|_| !html.starts_with("<span class=\"math-wide\"")) else { return html };
    if let NodeValue::Text(t) = &mut next.data_mut().value {
        let rest = t[mark.len_utf8()..].to_string();
        *t = rest.into();
    }
    format!("<span class=\"math-nobr\">{html}{mark}</span>")
}

/// Text that reads as Typora's and Pandoc's `H~2~O`: no spaces, no Chinese.
/// One tilde is also how Chinese writes a range (`1~2小时，练习3~4次`): two of
/// them on a line are not a subscript.
pub(super) fn is_sub_or_superscript(text: &str) -> bool {
    !text.is_empty() && !text.chars().any(|c| c.is_whitespace() || c >= '\u{2E80}')
}

/// A node put back as the text it was written as: its children between `delim`s.
pub(super) fn as_written<'a>(arena: &'a comrak::Arena<'a>, node: &'a AstNode<'a>, delim: &str) {
    let text = |s: &str| arena.alloc(AstNode::from(NodeValue::Text(s.to_string().into())));
    node.insert_before(text(delim));
    while let Some(child) = node.first_child() {
        node.insert_before(child);
    }
    node.insert_before(text(delim));
    node.detach();
}

/// mdBook hides the lines of a Rust example that start with `# ` (setup the
/// reader need not see); `##` is a literal `#`.
pub(super) fn without_hidden_lines(code: &str) -> String {
    let mut out = String::with_capacity(code.len());
    for line in code.split_inclusive('\n') {
        let t = line.trim_start();
        let indent = &line[..line.len() - t.len()];
        if t.starts_with("##") {
            out.push_str(indent);
            out.push_str(&t[1..]);
        } else if !(t.starts_with("# ") || t.trim_end() == "#") {
            out.push_str(line);
        }
    }
    out
}
