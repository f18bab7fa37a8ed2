//! Reading a script page's Markdown into nodes, lines and branches, with a
//! diagnostic at `file:line:col` for everything that is wrong.

use super::*;

mod validate;
use crate::diag::{did_you_mean, Diagnostic};
use crate::syntax;
use crate::syntax::lines::{Fences, Kind, Line};
use std::collections::BTreeMap;
use std::path::Path;

/// Parse the body of a script page. `first_line` is the file line of the body's
/// first line; `file_text` the whole file (for diagnostics).
pub fn parse(
    body: &str,
    first_line: usize,
    agent: Option<&str>,
    customer: Option<&str>,
    display: &Path,
    file_text: &str,
    diags: &mut Vec<Diagnostic>,
) -> Script {
    let names = |given: Option<&str>, default: [&str; 2]| match given.map(str::trim).filter(|g| !g.is_empty()) {
        Some(g) => vec![g.to_string()],
        None => default.iter().map(|s| s.to_string()).collect(),
    };
    let mut p = Parser {
        script: Script {
            agent: names(agent, DEFAULT_AGENT),
            customer: names(customer, DEFAULT_CUSTOMER),
            intro_line: first_line,
            ..Script::default()
        },
        display,
        file_text,
        diags,
    };
    let scanned: Vec<Line> = syntax::lines::lines(body).collect();
    let lines: Vec<(usize, &str)> = scanned.iter().map(|l| (first_line + l.number - 1, l.text())).collect();
    // Split into the intro and one run of lines per `##` node (outside fences).
    let starts: Vec<usize> =
        scanned.iter().filter(|l| l.is_text() && l.raw.starts_with("## ")).map(|l| l.number - 1).collect();
    let intro_end = starts.first().copied().unwrap_or(lines.len());
    // A script without `##` nodes is one plain dialogue: a single untitled node.
    if starts.is_empty() && !body.trim().is_empty() {
        let items = p.items(&lines, true);
        let items = items.into_iter().filter(|i| !matches!(i, Item::Step { .. })).collect();
        p.script.nodes.push(Node { id: "start".into(), title: String::new(), step: None, line: first_line, items });
        p.validate();
        return p.script;
    }
    p.script.intro = lines[..intro_end].iter().map(|(_, l)| format!("{l}\n")).collect();
    for (k, &start) in starts.iter().enumerate() {
        let end = starts.get(k + 1).copied().unwrap_or(lines.len());
        let (line_no, heading) = lines[start];
        let (title, id, step) = parse_heading(&heading[3..]);
        let items = p.items(&lines[start + 1..end], true);
        let mut node = Node { id, title, step, line: line_no, items };
        // `> [!步骤] label` lines become the node's step label.
        node.items.retain(|item| match item {
            Item::Step { label, .. } => {
                if node.step.is_none() {
                    node.step = Some(label.clone());
                }
                false
            }
            _ => true,
        });
        p.script.nodes.push(node);
    }
    p.validate();
    p.script
}

/// `客户说很忙 {#busy step="拒绝处理"}` → (title, id, step). Without `{#id}` the
/// id is the title with spaces as dashes.
pub(super) fn parse_heading(text: &str) -> (String, String, Option<String>) {
    let text = text.trim().trim_end_matches('#').trim();
    let (title, attrs) = match text.rfind('{') {
        Some(open) if text.ends_with('}') => (text[..open].trim(), &text[open + 1..text.len() - 1]),
        _ => (text, ""),
    };
    let mut id = None;
    let mut step = None;
    let mut rest = attrs.trim();
    while !rest.is_empty() {
        if let Some(r) = rest.strip_prefix('#') {
            let end = r.find(char::is_whitespace).unwrap_or(r.len());
            id = Some(r[..end].to_string());
            rest = r[end..].trim_start();
        } else if let Some(r) = rest.strip_prefix("step=").or_else(|| rest.strip_prefix("步骤=")) {
            let (value, after) = match r.strip_prefix('"') {
                Some(q) => match q.find('"') {
                    Some(e) => (&q[..e], &q[e + 1..]),
                    None => (q, ""),
                },
                None => {
                    let e = r.find(char::is_whitespace).unwrap_or(r.len());
                    (&r[..e], &r[e..])
                }
            };
            step = Some(value.trim().to_string()).filter(|s| !s.is_empty());
            rest = after.trim_start();
        } else {
            let end = rest.find(char::is_whitespace).unwrap_or(rest.len());
            rest = rest[end..].trim_start();
        }
    }
    let title = if title.is_empty() { text.to_string() } else { title.to_string() };
    let id = id.filter(|i| !i.is_empty()).unwrap_or_else(|| title.split_whitespace().collect::<Vec<_>>().join("-"));
    (title, id, step)
}

/// `name：text` with a short name (no spaces or punctuation): (name, text, column of the colon).
pub fn split_speaker(line: &str) -> Option<(&str, &str)> {
    let colon = line.char_indices().take(12).find(|(_, c)| *c == '：' || *c == ':').map(|(i, _)| i)?;
    let name = line[..colon].trim().trim_matches('*').trim();
    let count = name.chars().count();
    if count == 0 || count > 8 || name.chars().any(|c| c.is_whitespace() || (c.is_ascii_punctuation() && c != '_')) {
        return None;
    }
    if name.chars().any(|c| "，。、！？；（）【】《》“”‘’".contains(c)) {
        return None;
    }
    let after = &line[colon..];
    let text = after[after.chars().next().map_or(0, char::len_utf8)..].trim();
    // `http://…`, `12:30`: not dialogue.
    if after.starts_with(':') && (text.is_empty() || line[colon..].starts_with("://")) {
        return None;
    }
    if name.chars().all(|c| c.is_ascii_digit()) {
        return None;
    }
    Some((name, text))
}

/// `（很生气）你们怎么回事？` → (Some("很生气"), "你们怎么回事？").
pub(super) fn split_direction(text: &str) -> (Option<String>, String) {
    if let Some(rest) = text.strip_prefix('（') {
        if let Some(end) = rest.find('）') {
            let dir = rest[..end].trim().to_string();
            return (Some(dir).filter(|d| !d.is_empty()), rest[end + '）'.len_utf8()..].trim().to_string());
        }
    }
    (None, text.to_string())
}

/// `-> #busy` / `→ #busy` at the end of `text`: (text before, target id, byte offset of `#`).
pub(super) fn split_arrow(text: &str) -> Option<(&str, &str, usize)> {
    let (at, len) = ["->", "→", "=>"].iter().filter_map(|a| text.rfind(a).map(|i| (i, a.len()))).max()?;
    let after = text[at + len..].trim_start();
    let hash = text.len() - after.len();
    let id = after.strip_prefix('#')?.trim();
    if id.is_empty() || id.contains(char::is_whitespace) {
        return None;
    }
    Some((text[..at].trim(), id, hash))
}

/// Blank lines between `? prompt` and its choices (or between two choices) are
/// easy to type and invisible in the rendered source: when the next line that is
/// not blank is a choice with a `-> #target`, the branch goes on there (its
/// index). A list without targets after a blank line is ordinary Markdown.
fn choice_after_blank_lines(lines: &[(usize, &str)], from: usize) -> Option<usize> {
    let next = (from..lines.len()).find(|&j| !lines[j].1.trim().is_empty())?;
    let t = lines[next].1.trim();
    let item = t.strip_prefix("- ").or_else(|| t.strip_prefix("* "))?;
    split_arrow(item).map(|_| next)
}

pub(super) struct Parser<'a> {
    script: Script,
    display: &'a Path,
    file_text: &'a str,
    diags: &'a mut Vec<Diagnostic>,
}

pub(super) fn col_of(line: &str, byte: usize) -> usize {
    line[..byte.min(line.len())].chars().count() + 1
}

impl Parser<'_> {
    fn diag(&mut self, d: Diagnostic, line: usize, col: usize) {
        self.diags.push(d.in_file(self.display).at(self.file_text, line, col));
    }

    fn role(&self, name: &str) -> Option<Role> {
        if self.script.agent.iter().any(|n| n == name) {
            Some(Role::Agent)
        } else if self.script.customer.iter().any(|n| n == name) {
            Some(Role::Customer)
        } else {
            None
        }
    }

    /// A `名字：` that is meant as a speaker: close to a role's name, or a word
    /// for a person (客服人员, 业务代表, 用户, 店长…). `点评：`, `注意：`, `提示：` are
    /// ordinary sentences.
    fn looks_like_role(&self, name: &str) -> bool {
        let roles = self.script.agent.iter().chain(&self.script.customer).map(String::as_str);
        did_you_mean(name, roles).is_some()
            || name.chars().last().is_some_and(|c| "员人户客席服表者方长理师问".contains(c))
    }

    /// The items of a node (or of a bad example when `top` is false).
    fn items(&mut self, lines: &[(usize, &str)], top: bool) -> Vec<Item> {
        let mut items = Vec::new();
        let mut md = String::new();
        let mut md_line = 0;
        // The lines are a node's or, for a bad example, a quote's without the
        // `>` markers: fences are tracked here, not by scanning the page.
        let mut fences = Fences::default();
        let mut in_list = false;
        let flush = |md: &mut String, md_line: usize, items: &mut Vec<Item>| {
            if !md.trim().is_empty() {
                items.push(Item::Markdown { text: std::mem::take(md), line: md_line });
            }
            md.clear();
        };
        let mut i = 0;
        while i < lines.len() {
            let (no, raw) = lines[i];
            let line = raw.trim_end();
            let t = line.trim_start();
            i += 1;
            let push_md = |md: &mut String, md_line: &mut usize| {
                if md.is_empty() {
                    *md_line = no;
                }
                md.push_str(raw);
                md.push('\n');
            };
            if fences.kind(raw) != Kind::Text {
                push_md(&mut md, &mut md_line);
                continue;
            }
            if t.is_empty() {
                in_list = false;
                push_md(&mut md, &mut md_line);
                continue;
            }
            // `> [!步骤] …` and `> [!反面示例] …`
            if top && t.starts_with('>') {
                let inner = t.trim_start_matches('>').trim_start();
                let marker = inner.strip_prefix("[!").and_then(|r| r.split_once(']'));
                match marker {
                    Some((m, label)) if matches!(m.trim(), "步骤" | "step" | "Step") => {
                        flush(&mut md, md_line, &mut items);
                        items.push(Item::Step { label: label.trim().to_string(), line: no });
                        continue;
                    }
                    Some((m, title)) if matches!(m.trim(), "反面示例" | "bad" | "Bad") => {
                        flush(&mut md, md_line, &mut items);
                        let mut inner_lines = Vec::new();
                        while i < lines.len() && lines[i].1.trim_start().starts_with('>') {
                            let l = lines[i].1.trim_start();
                            let l = l.strip_prefix('>').unwrap_or(l);
                            inner_lines.push((lines[i].0, l.strip_prefix(' ').unwrap_or(l)));
                            i += 1;
                        }
                        let inner = self.items(&inner_lines, false);
                        let title = Some(title.trim().to_string()).filter(|s| !s.is_empty());
                        items.push(Item::Bad { title, items: inner, line: no });
                        continue;
                    }
                    _ => {}
                }
            }
            if top && !in_list {
                // `? 客户反应` and its choices.
                if let Some(prompt) = t.strip_prefix("? ").or_else(|| t.strip_prefix("？")) {
                    flush(&mut md, md_line, &mut items);
                    let mut branch = Branch { prompt: prompt.trim().to_string(), choices: Vec::new(), line: no };
                    while i < lines.len() {
                        let (cno, craw) = lines[i];
                        let ct = craw.trim();
                        if ct.is_empty() {
                            let Some(next) = choice_after_blank_lines(lines, i) else { break };
                            i = next;
                            continue;
                        }
                        let Some(item) = ct.strip_prefix("- ").or_else(|| ct.strip_prefix("* ")) else {
                            break;
                        };
                        i += 1;
                        let offset = craw.len() - craw.trim_start().len() + (ct.len() - item.len());
                        match split_arrow(item) {
                            Some((label, id, hash)) => branch.choices.push(Choice {
                                label: label.to_string(),
                                target: Target { id: id.to_string(), line: cno, col: col_of(craw, offset + hash) },
                            }),
                            None => self.diag(
                                Diagnostic::error("branch choice has no target")
                                    .hint("end the choice with the node it leads to: `- 我现在很忙。 -> #busy`"),
                                cno,
                                col_of(craw, offset),
                            ),
                        }
                    }
                    if branch.choices.is_empty() {
                        self.diag(
                            Diagnostic::warning(format!("branch point '{}' has no choices", branch.prompt))
                                .hint("list the customer's reactions below it: `- 我现在很忙。 -> #busy`"),
                            no,
                            1,
                        );
                    }
                    items.push(Item::Branch(branch));
                    continue;
                }
                // A bare `-> #close`.
                if t.starts_with("->") || t.starts_with('→') || t.starts_with("=>") {
                    if let Some(("", id, hash)) = split_arrow(t) {
                        flush(&mut md, md_line, &mut items);
                        let lead = raw.len() - raw.trim_start().len();
                        items.push(Item::Jump(Target { id: id.to_string(), line: no, col: col_of(raw, lead + hash) }));
                        continue;
                    }
                }
            }
            let list_start = t.starts_with("- ")
                || t.starts_with("* ")
                || t.starts_with("+ ")
                || t.split_once(". ").is_some_and(|(n, _)| !n.is_empty() && n.chars().all(|c| c.is_ascii_digit()));
            if list_start || t.starts_with('#') || t.starts_with('|') || t.starts_with('>') || raw.starts_with("    ") {
                in_list = in_list || list_start;
                push_md(&mut md, &mut md_line);
                continue;
            }
            if in_list {
                push_md(&mut md, &mut md_line);
                continue;
            }
            // A stage direction on its own: `（客户沉默了几秒）`.
            if t.chars().count() >= 2 && t.starts_with('（') && t.ends_with('）') && !t[3..t.len() - 3].contains('）')
            {
                flush(&mut md, md_line, &mut items);
                items.push(Item::Direction { text: t[3..t.len() - 3].trim().to_string(), line: no });
                continue;
            }
            if let Some((name, text)) = split_speaker(t) {
                match self.role(name) {
                    Some(role) => {
                        flush(&mut md, md_line, &mut items);
                        let (direction, text) = split_direction(text);
                        items.push(Item::Line { role, name: name.to_string(), direction, text, line: no });
                        continue;
                    }
                    None if (md.trim().is_empty() || md.ends_with("\n\n")) && self.looks_like_role(name) => {
                        let roles: Vec<&str> =
                            self.script.agent.iter().chain(&self.script.customer).map(String::as_str).collect();
                        let mut d = Diagnostic::error(format!("unknown role '{name}'"));
                        d = match did_you_mean(name, roles.iter().copied()) {
                            Some(best) => d.hint(format!(
                                "did you mean '{best}'? this script's roles are {} (set agent = \"…\" and customer = \"…\" in the front matter)",
                                roles.join("、")
                            )),
                            None => d.hint(format!(
                                "this script's roles are {}; name others with agent = \"…\" and customer = \"…\" in the front matter, or write the sentence without a leading `名字：`",
                                roles.join("、")
                            )),
                        };
                        let lead = raw.len() - raw.trim_start().len();
                        self.diag(d, no, col_of(raw, lead));
                    }
                    None => {}
                }
            }
            // Continuation of the previous dialogue line (a hard-wrapped line).
            if md.is_empty() {
                if let Some(Item::Line { text, .. }) = items.last_mut() {
                    text.push_str(t);
                    continue;
                }
            }
            push_md(&mut md, &mut md_line);
        }
        flush(&mut md, md_line, &mut items);
        items
    }
}
