//! Content tabs: consecutive `> [!tab] 标签` quotes (what pymdown's `=== "标签"`
//! becomes, see [`crate::syntax::containers`]) form one tab set. The markup is an
//! ARIA tab list of buttons and one `role="tabpanel"` per tab; `theme/tabs.js`
//! makes it switch (click, arrow keys) and remembers the label chosen. Without
//! script every panel is shown, one after another, under its label.

use super::callout::Callout;
use super::text::escape;
use crate::syntax::containers::TAB;
use comrak::nodes::{AstNode, NodeHtmlBlock, NodeValue};
use comrak::Arena;

/// Is this callout a tab (`[!tab]`, a name the callout table does not hold)?
pub fn is_tab(c: &Callout) -> bool {
    c.kind.is_none() && c.marker.eq_ignore_ascii_case(TAB)
}

/// Turn every run of sibling tab quotes into a tab set; the other callouts are
/// returned, to be drawn as boxes. `sets` counts the page's tab sets (ids).
pub fn build<'a>(
    arena: &'a Arena<'a>,
    callouts: Vec<(&'a AstNode<'a>, Callout)>,
    sets: &mut usize,
) -> Vec<(&'a AstNode<'a>, Callout)> {
    let (tabs, others): (Vec<_>, Vec<_>) = callouts.into_iter().partition(|(_, c)| is_tab(c));
    let index_of = |n: &'a AstNode<'a>| tabs.iter().position(|(q, _)| std::ptr::eq(*q, n));
    let mut done = vec![false; tabs.len()];
    for i in 0..tabs.len() {
        if done[i] {
            continue;
        }
        // A run: each next tab quote is the next sibling of the one before
        // (tabs nested in a panel come between them in document order).
        let mut run = vec![i];
        while let Some(next) = tabs[run[run.len() - 1]].0.next_sibling().and_then(index_of) {
            run.push(next);
        }
        run.iter().for_each(|&j| done[j] = true);
        *sets += 1;
        tab_set(arena, &run.iter().map(|&j| &tabs[j]).collect::<Vec<_>>(), *sets);
    }
    others
}

/// One tab set: the tab list before the first quote, each quote's content in a panel.
fn tab_set<'a>(arena: &'a Arena<'a>, run: &[&(&'a AstNode<'a>, Callout)], set: usize) {
    let html =
        |literal: String| arena.alloc(AstNode::from(NodeValue::HtmlBlock(NodeHtmlBlock { block_type: 6, literal })));
    let label = |c: &Callout| escape(c.custom_title.as_deref().unwrap_or(TAB));
    let mut list = String::from("<div class=\"tabs\" data-tabs>\n<div class=\"tab-list\" role=\"tablist\">\n");
    for (n, (_, c)) in run.iter().enumerate() {
        let selected = n == 0;
        list.push_str(&format!(
            "<button type=\"button\" role=\"tab\" id=\"tab{set}-{n}\" aria-controls=\"tabpanel{set}-{n}\" aria-selected=\"{selected}\" tabindex=\"{}\">{}</button>\n",
            if selected { 0 } else { -1 },
            label(c)
        ));
    }
    list.push_str("</div>\n");
    run[0].0.insert_before(html(list));
    for (n, (quote, c)) in run.iter().enumerate() {
        let open = format!(
            "<section class=\"tab-panel\" role=\"tabpanel\" id=\"tabpanel{set}-{n}\" aria-labelledby=\"tab{set}-{n}\" tabindex=\"0\">\n<p class=\"tab-label\">{}</p>\n",
            label(c)
        );
        quote.insert_before(html(open));
        while let Some(child) = quote.first_child() {
            child.detach();
            quote.insert_before(child);
        }
        let close = if n + 1 == run.len() { "</section>\n</div>\n" } else { "</section>\n" };
        quote.insert_before(html(close.into()));
        quote.detach();
    }
}
