//! Links inside Markdown: URLs checked and rewritten, `[[short links]]` turned
//! into links, and every link to a page of the course recorded for anchor checks
//! and backlinks.

use super::links::LinkTarget;
use super::markdown::{located, Env, LinkRef, PageState};
use super::text::plain_text;
use crate::diag::Diagnostic;
use comrak::nodes::{AstNode, NodeLink, NodeValue, Sourcepos};
use comrak::Arena;

/// `[[cases/东方饭店#思考|label]]` → a link to that page, labelled with its title
/// unless a label is given. `node` is the wiki link (its target is read from
/// it); `pos` its position in characters.
pub fn short_link<'a>(
    arena: &'a Arena<'a>,
    node: &'a AstNode<'a>,
    env: &Env,
    pos: Sourcepos,
    state: &mut PageState,
    diags: &mut Vec<Diagnostic>,
) {
    let target = match &node.data().value {
        NodeValue::WikiLink(wiki) => wiki.url.clone(),
        _ => return,
    };
    let target = target.as_str();
    let default_label = plain_text(node) == target.trim();
    match env.links.resolve_short(target) {
        LinkTarget::Page { index, fragment } => {
            let url = env.links.url(index, fragment.as_deref());
            record_link(state, index, fragment, env, pos);
            node.data_mut().value = NodeValue::Link(Box::new(NodeLink { url, title: String::new() }));
            if default_label {
                while let Some(child) = node.first_child() {
                    child.detach();
                }
                let title = env.titles.get(index).cloned().unwrap_or_default();
                node.append(arena.alloc(AstNode::from(NodeValue::Text(title.into()))));
            }
        }
        other => {
            report(other, target, env, pos, diags);
            node.data_mut().value = NodeValue::Text(format!("[[{target}]]").into());
            while let Some(child) = node.first_child() {
                child.detach();
            }
        }
    }
}

fn record_link(state: &mut PageState, target: usize, fragment: Option<String>, env: &Env, pos: Sourcepos) {
    let line = pos.start.line + env.line_offset;
    state.links.push(LinkRef { target, fragment, line, col: pos.start.column, heading: state.current });
}

/// Neutralise script URLs, rewrite links to `.md` sources, and check local images.
pub fn check_url(
    url: &str,
    image: bool,
    env: &Env,
    pos: Sourcepos,
    state: &mut PageState,
    diags: &mut Vec<Diagnostic>,
) -> String {
    match env.links.resolve(url, image) {
        LinkTarget::Keep => url.to_string(),
        LinkTarget::Rewrite(new) => new,
        LinkTarget::Page { index, fragment } => {
            let new = if url.trim().starts_with('#') {
                url.trim().to_string()
            } else {
                env.links.url(index, fragment.as_deref())
            };
            record_link(state, index, fragment, env, pos);
            new
        }
        LinkTarget::Unsafe => {
            report(LinkTarget::Unsafe, url, env, pos, diags);
            String::new()
        }
        other => {
            report(other, url, env, pos, diags);
            url.to_string()
        }
    }
}

fn report(target: LinkTarget, url: &str, env: &Env, pos: Sourcepos, diags: &mut Vec<Diagnostic>) {
    match target {
        LinkTarget::Unsafe => diags.push(
            located(Diagnostic::warning(msg!("unsafe_link", url = shorten(url))), env, pos)
                .hint(msg!("unsafe_link_hint")),
        ),
        LinkTarget::Missing { message, hint } => {
            let mut d = located(Diagnostic::error(message), env, pos);
            if let Some(hint) = hint {
                d = d.hint(hint);
            }
            diags.push(d);
        }
        LinkTarget::Keep | LinkTarget::Rewrite(_) | LinkTarget::Page { .. } => {}
    }
}

fn shorten(s: &str) -> String {
    let short: String = s.chars().take(40).collect();
    if short.len() < s.len() {
        format!("{short}…")
    } else {
        short
    }
}
