//! A call script's page body: the intro, the flow map, every node as a chat
//! (agent and customer bubbles, directions in italics, step labels in the
//! margin, bad examples boxed), branch choices as links that `script.js` turns
//! into buttons revealing the chosen path, and the objection table (异议 → 应对).
//! Without JS every node is shown and every choice is an anchor link.

use super::flowmap;
use super::highlight::escape;
use super::markdown::{Heading, PageState};
use crate::config::Language;
use crate::i18n::t;
use crate::model::script::{Item, Role, Script};
use std::fmt::Write as _;

/// Renders a piece of the page's Markdown that starts on a file line.
pub type Md<'a> = dyn FnMut(&str, usize, &mut PageState) -> String + 'a;

/// One line of Markdown, without the paragraph around it.
fn inline(text: &str, line: usize, md: &mut Md, state: &mut PageState) -> String {
    let html = md(text, line, state);
    let trimmed = html.trim();
    match trimmed.strip_prefix("<p>").and_then(|h| h.strip_suffix("</p>")) {
        Some(inner) if !inner.contains("<p>") => inner.to_string(),
        _ => trimmed.to_string(),
    }
}

pub fn render(script: &Script, page_id: &str, lang: Language, state: &mut PageState, md: &mut Md) -> String {
    for node in &script.nodes {
        state.slugger.reserve(&node.id);
    }
    let mut out = String::new();
    let start = script.nodes.first().map_or("", |n| n.id.as_str());
    let _ = writeln!(
        out,
        "<div class=\"script\" data-script=\"{}\" data-start=\"{}\" data-t-walk=\"{}\" data-t-all=\"{}\" data-t-practice=\"{}\" data-t-restart=\"{}\" data-t-reveal=\"{}\" data-t-your-turn=\"{}\" data-t-placeholder=\"{}\">",
        escape(page_id),
        escape(start),
        escape(t(lang, "script_walk")),
        escape(t(lang, "script_show_all")),
        escape(t(lang, "script_practice")),
        escape(t(lang, "script_restart")),
        escape(t(lang, "script_reveal")),
        escape(t(lang, "script_your_turn")),
        escape(t(lang, "script_placeholder")),
    );
    if !script.intro.trim().is_empty() {
        out.push_str("<div class=\"script-intro\">\n");
        out.push_str(&md(&script.intro, script.intro_line, state));
        out.push_str("</div>\n");
    }
    // A flow map of one node with no way on says nothing.
    if script.nodes.len() > 1 || script.nodes.iter().any(|n| !n.exits().is_empty()) {
        let title = t(lang, "script_flowmap");
        let id = state.push_heading(2, title);
        let _ = write!(
            out,
            "<section class=\"flowmap\" data-noindex aria-labelledby=\"{id}\">\n<h2 id=\"{id}\">{}</h2>\n<p class=\"flowmap-hint\">{}</p>\n<div class=\"flowmap-scroll\" tabindex=\"0\">{}</div>\n</section>\n",
            escape(title),
            escape(t(lang, "script_flowmap_hint")),
            flowmap::svg(script, title)
        );
    }
    out.push_str("<div class=\"script-toolbar\" hidden></div>\n<div class=\"script-nodes\">\n");
    let mut line_no = 0;
    for node in &script.nodes {
        if !node.title.is_empty() {
            state.headings.push(Heading { level: 2, id: node.id.clone(), text: node.title.clone() });
            state.current = Some(state.headings.len() - 1);
        }
        let _ = writeln!(out, "<section class=\"script-node\" data-node=\"{}\">", escape(&node.id));
        if let Some(step) = &node.step {
            let _ = writeln!(out, "<p class=\"script-step\"><span>{}</span></p>", escape(step));
        }
        if node.title.is_empty() {
            let _ = writeln!(out, "<span id=\"{}\"></span>", escape(&node.id));
        } else {
            let _ = writeln!(out, "<h2 id=\"{}\">{}</h2>", escape(&node.id), escape(&node.title));
        }
        items(&node.items, script, lang, state, md, &node.id, &mut line_no, &mut out);
        if node.exits().is_empty() {
            let _ = writeln!(out, "<p class=\"script-end\">{}</p>", escape(t(lang, "script_end")));
        }
        out.push_str("</section>\n");
    }
    out.push_str("</div>\n");
    objections(script, lang, state, md, &mut out);
    out.push_str("</div>\n");
    out
}

#[allow(clippy::too_many_arguments)]
fn items(
    list: &[Item],
    script: &Script,
    lang: Language,
    state: &mut PageState,
    md: &mut Md,
    node_id: &str,
    line_no: &mut usize,
    out: &mut String,
) {
    for item in list {
        match item {
            Item::Line { role, name, direction, text, line } => {
                *line_no += 1;
                let side = if *role == Role::Agent { "agent" } else { "customer" };
                let _ = write!(
                    out,
                    "<div class=\"say say-{side}\" data-line=\"{}-{}\"><span class=\"say-who\">{}</span><p class=\"say-text\">",
                    escape(node_id),
                    line_no,
                    escape(name)
                );
                if let Some(d) = direction {
                    let _ = write!(out, "<em class=\"say-dir\">（{}）</em>", escape(d));
                }
                out.push_str(&inline(text, *line, md, state));
                out.push_str("</p></div>\n");
            }
            Item::Direction { text, .. } => {
                let _ = writeln!(out, "<p class=\"say-direction\"><em>（{}）</em></p>", escape(text));
            }
            Item::Markdown { text, line } => {
                out.push_str("<div class=\"script-note\">\n");
                out.push_str(&md(text, *line, state));
                out.push_str("</div>\n");
            }
            Item::Bad { title, items: inner, .. } => {
                let label = t(lang, "script_bad");
                let title = match title {
                    Some(tt) => format!("{label} · {}", escape(tt)),
                    None => escape(label),
                };
                let _ = writeln!(
                    out,
                    "<div class=\"script-bad\" role=\"note\">\n<p class=\"script-bad-title\">{title}</p>"
                );
                self::items(inner, script, lang, state, md, node_id, line_no, out);
                out.push_str("</div>\n");
            }
            Item::Branch(b) => {
                let _ = writeln!(
                    out,
                    "<div class=\"script-branch\">\n<p class=\"script-prompt\">{}</p>\n<ul class=\"script-choices\">",
                    escape(&b.prompt)
                );
                for c in &b.choices {
                    let _ = writeln!(
                        out,
                        "<li><a class=\"script-choice\" href=\"#{}\" data-target=\"{}\">{}</a></li>",
                        escape(&c.target.id),
                        escape(&c.target.id),
                        inline(&c.label, c.target.line, md, state)
                    );
                }
                out.push_str("</ul>\n</div>\n");
            }
            // The parser lifts step markers into the node's margin label.
            Item::Step { .. } => {}
            Item::Jump(target) => {
                let title = script.node(&target.id).map_or(target.id.as_str(), |i| script.nodes[i].title.as_str());
                let _ = writeln!(
                    out,
                    "<p class=\"script-jump\"><a class=\"script-choice\" href=\"#{}\" data-target=\"{}\">{}{} →</a></p>",
                    escape(&target.id),
                    escape(&target.id),
                    escape(t(lang, "script_next")),
                    escape(title)
                );
            }
        }
    }
}

/// 异议 → 应对: every branch choice with the first agent line of the node it leads to.
fn objections(script: &Script, lang: Language, state: &mut PageState, md: &mut Md, out: &mut String) {
    let mut rows = String::new();
    for node in &script.nodes {
        for item in &node.items {
            let Item::Branch(b) = item else { continue };
            for c in &b.choices {
                let Some(target) = script.node(&c.target.id).map(|i| &script.nodes[i]) else { continue };
                let answer = target.first_agent_line().map(|a| inline(a, target.line, md, state)).unwrap_or_default();
                let _ = writeln!(
                    rows,
                    "<tr><td>{}</td><td>{}</td><td><a href=\"#{}\">{}</a></td></tr>",
                    inline(&c.label, c.target.line, md, state),
                    answer,
                    escape(&target.id),
                    escape(&target.title)
                );
            }
        }
    }
    if rows.is_empty() {
        return;
    }
    let title = t(lang, "script_objections");
    let id = state.push_heading(2, title);
    let _ = write!(
        out,
        "<section class=\"objections\" data-noindex aria-labelledby=\"{id}\">\n<h2 id=\"{id}\">{}</h2>\n<table class=\"objection-table\">\n<thead><tr><th scope=\"col\">{}</th><th scope=\"col\">{}</th><th scope=\"col\">{}</th></tr></thead>\n<tbody>\n{rows}</tbody>\n</table>\n</section>\n",
        escape(title),
        escape(t(lang, "script_objection")),
        escape(t(lang, "script_response")),
        escape(t(lang, "script_node")),
    );
}
