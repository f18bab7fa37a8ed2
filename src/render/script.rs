//! A call script's page body: the intro, the flow map, every node as a chat
//! (agent and customer bubbles, directions in italics, step labels in the
//! margin, bad examples boxed), branch choices as links that `script.js` turns
//! into buttons revealing the chosen path, and the objection table (异议 → 应对).
//! Without JS every node is shown and every choice is an anchor link.
//! The markup is the theme's (`templates/macros/script.html`); this module
//! hands it the nodes, with their Markdown rendered.

use super::flowmap;
use super::markdown::{Heading, PageState};
use super::templates::{Fragment, Templates};
use crate::config::Language;
use crate::diag::Diagnostic;
use crate::i18n::t;
use crate::model::script::{Item, Role, Script};
use serde::Serialize;

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

/// What `macros/script.html` is given: the data, Markdown already rendered.
#[derive(Debug, Serialize)]
struct ScriptData<'a> {
    page_id: &'a str,
    /// The first node's id.
    start: &'a str,
    /// Empty when the script has no intro.
    intro_html: String,
    flowmap: Option<SectionData<'a>>,
    nodes: Vec<NodeData<'a>>,
    objections: Option<SectionData<'a>>,
}

/// The flow map (`svg`) or the objection table (`rows`), under a heading `id`.
#[derive(Debug, Serialize)]
struct SectionData<'a> {
    id: String,
    svg: String,
    rows: Vec<RowData<'a>>,
}

#[derive(Debug, Serialize)]
struct NodeData<'a> {
    id: &'a str,
    title: &'a str,
    step: Option<&'a str>,
    items: Vec<ItemData<'a>>,
    /// No branch and no jump: the call ends here.
    end: bool,
}

#[derive(Debug, Serialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
enum ItemData<'a> {
    /// `number` counts the script's lines from 1 (practice mode's progress keys).
    Line {
        side: &'static str,
        number: usize,
        name: &'a str,
        direction: Option<&'a str>,
        html: String,
    },
    Direction {
        text: &'a str,
    },
    Markdown {
        html: String,
    },
    Bad {
        title: Option<&'a str>,
        items: Vec<ItemData<'a>>,
    },
    Branch {
        prompt: &'a str,
        choices: Vec<ChoiceData<'a>>,
    },
    /// `title` is the target node's (its id when there is no such node).
    Jump {
        target: &'a str,
        title: &'a str,
    },
}

#[derive(Debug, Serialize)]
struct ChoiceData<'a> {
    target: &'a str,
    /// The title of the node it leads to (a printed script shows it).
    title: &'a str,
    html: String,
}

/// 异议 → 应对: a choice, the first agent line of the node it leads to, that node.
#[derive(Debug, Serialize)]
struct RowData<'a> {
    label_html: String,
    answer_html: String,
    target: &'a str,
    title: &'a str,
}

pub fn render(
    script: &Script,
    page_id: &str,
    (templates, lang): (&Templates, Language),
    state: &mut PageState,
    md: &mut Md,
) -> Result<String, Diagnostic> {
    for node in &script.nodes {
        state.slugger.reserve(&node.id);
    }
    // Markdown is rendered here in reading order: headings and footnotes are
    // numbered in the page's state as they come.
    let intro_html =
        if script.intro.trim().is_empty() { String::new() } else { md(&script.intro, script.intro_line, state) };
    // A flow map of one node with no way on says nothing.
    let flowmap = (script.nodes.len() > 1 || script.nodes.iter().any(|n| !n.exits().is_empty())).then(|| {
        let title = t(lang, "script_flowmap");
        SectionData { id: state.push_heading(2, title), svg: flowmap::svg(script, title), rows: Vec::new() }
    });
    let mut line_no = 0;
    let mut nodes = Vec::with_capacity(script.nodes.len());
    for node in &script.nodes {
        if !node.title.is_empty() {
            state.headings.push(Heading { level: 2, id: node.id.clone(), text: node.title.clone(), class: None });
            state.current = Some(state.headings.len() - 1);
        }
        nodes.push(NodeData {
            id: &node.id,
            title: &node.title,
            step: node.step.as_deref(),
            items: items(&node.items, script, state, md, &mut line_no),
            end: node.exits().is_empty(),
        });
    }
    let objections = objections(script, lang, state, md);
    let data = ScriptData {
        page_id,
        start: script.nodes.first().map_or("", |n| n.id.as_str()),
        intro_html,
        flowmap,
        nodes,
        objections,
    };
    templates.fragment(Fragment::Script, "script", &data)
}

fn items<'a>(
    list: &'a [Item],
    script: &'a Script,
    state: &mut PageState,
    md: &mut Md,
    line_no: &mut usize,
) -> Vec<ItemData<'a>> {
    let mut out = Vec::with_capacity(list.len());
    for item in list {
        out.push(match item {
            Item::Line { role, name, direction, text, line } => {
                *line_no += 1;
                let side = if *role == Role::Agent { "agent" } else { "customer" };
                let html = inline(text, *line, md, state);
                ItemData::Line { side, number: *line_no, name, direction: direction.as_deref(), html }
            }
            Item::Direction { text, .. } => ItemData::Direction { text },
            Item::Markdown { text, line } => ItemData::Markdown { html: md(text, *line, state) },
            Item::Bad { title, items: inner, .. } => {
                ItemData::Bad { title: title.as_deref(), items: self::items(inner, script, state, md, line_no) }
            }
            Item::Branch(b) => {
                let choices = b
                    .choices
                    .iter()
                    .map(|c| ChoiceData {
                        target: &c.target.id,
                        title: script
                            .node(&c.target.id)
                            .map_or(c.target.id.as_str(), |i| script.nodes[i].title.as_str()),
                        html: inline(&c.label, c.target.line, md, state),
                    })
                    .collect();
                ItemData::Branch { prompt: &b.prompt, choices }
            }
            // The parser lifts step markers into the node's margin label; an
            // end marker shows as the node's end of the call.
            Item::Step { .. } | Item::End { .. } => continue,
            Item::Jump(target) => {
                let title = script.node(&target.id).map_or(target.id.as_str(), |i| script.nodes[i].title.as_str());
                ItemData::Jump { target: &target.id, title }
            }
        });
    }
    out
}

/// 异议 → 应对: every branch choice with the first agent line of the node it leads to.
fn objections<'a>(script: &'a Script, lang: Language, state: &mut PageState, md: &mut Md) -> Option<SectionData<'a>> {
    let mut rows = Vec::new();
    for node in &script.nodes {
        for item in &node.items {
            let Item::Branch(b) = item else { continue };
            for c in &b.choices {
                let Some(target) = script.node(&c.target.id).map(|i| &script.nodes[i]) else { continue };
                let label_html = inline(&c.label, c.target.line, md, state);
                let answer_html =
                    target.first_agent_line().map(|a| inline(a, target.line, md, state)).unwrap_or_default();
                rows.push((label_html, answer_html, target));
            }
        }
    }
    if rows.is_empty() {
        return None;
    }
    let id = state.push_heading(2, t(lang, "script_objections"));
    let rows = rows
        .into_iter()
        .map(|(label_html, answer_html, target)| RowData {
            label_html,
            answer_html,
            target: &target.id,
            title: &target.title,
        })
        .collect();
    Some(SectionData { id, svg: String::new(), rows })
}
