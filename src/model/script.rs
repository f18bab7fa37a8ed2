//! Call scripts (话术, DOMAIN.md §3) as data. The source stays plain Markdown:
//!
//! - `## 客户说很忙 {#busy step="拒绝处理"}` starts a node (id and step label optional);
//! - `坐席：台词` / `客户: 台词` is a dialogue line (full- or half-width colon);
//!   `客户：（很生气）……` carries a stage direction, a line `（挂断电话）` is one;
//! - `> [!步骤] 二择一法敲定时间` labels the node in the margin;
//! - `? 客户反应` followed by `- 我现在很忙。 -> #busy` items is a branch point;
//!   a bare `-> #close` jumps; a node with neither ends the call;
//! - `> [!反面示例]` quotes a bad example (its critique follows as plain text).
//!
//! Everything else is Markdown, rendered as usual. Parsing never fails: what
//! is wrong becomes a diagnostic at `file:line:col`.

use crate::diag::{did_you_mean, Diagnostic};
use std::collections::{BTreeMap, VecDeque};
use std::path::Path;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Role {
    Agent,
    Customer,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Item {
    /// `坐席：（微笑）您好` → name as written, direction, speech.
    Line {
        role: Role,
        name: String,
        direction: Option<String>,
        text: String,
        line: usize,
    },
    /// `（客户沉默）` on its own.
    Direction {
        text: String,
        line: usize,
    },
    /// Plain Markdown; `line` is the file line of its first line.
    Markdown {
        text: String,
        line: usize,
    },
    /// `> [!反面示例] title`: a bad example to critique.
    Bad {
        title: Option<String>,
        items: Vec<Item>,
        line: usize,
    },
    Branch(Branch),
    Jump(Target),
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Branch {
    pub prompt: String,
    pub choices: Vec<Choice>,
    pub line: usize,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Choice {
    pub label: String,
    pub target: Target,
}

/// `#busy`, with where it was written.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Target {
    pub id: String,
    pub line: usize,
    pub col: usize,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Node {
    pub id: String,
    pub title: String,
    pub step: Option<String>,
    pub line: usize,
    pub items: Vec<Item>,
}

impl Node {
    /// Every `-> #target` of the node, in order: (label, target).
    pub fn exits(&self) -> Vec<(Option<&str>, &Target)> {
        let mut out = Vec::new();
        for item in &self.items {
            match item {
                Item::Branch(b) => out.extend(b.choices.iter().map(|c| (Some(c.label.as_str()), &c.target))),
                Item::Jump(t) => out.push((None, t)),
                _ => {}
            }
        }
        out
    }

    /// The first line the agent says here (the model answer to an objection).
    pub fn first_agent_line(&self) -> Option<&str> {
        self.items.iter().find_map(|i| match i {
            Item::Line { role: Role::Agent, text, .. } => Some(text.as_str()),
            _ => None,
        })
    }
}

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Script {
    /// Names that mean the agent / the customer (the first is shown in tables).
    pub agent: Vec<String>,
    pub customer: Vec<String>,
    /// Markdown before the first node, and its first file line.
    pub intro: String,
    pub intro_line: usize,
    pub nodes: Vec<Node>,
}

impl Script {
    pub fn node(&self, id: &str) -> Option<usize> {
        self.nodes.iter().position(|n| n.id == id)
    }

    /// For each node, the nodes it leads to (existing targets only, in order, no repeats).
    pub fn edges(&self) -> Vec<Vec<usize>> {
        self.nodes
            .iter()
            .map(|n| {
                let mut to = Vec::new();
                for (_, t) in n.exits() {
                    if let Some(j) = self.node(&t.id) {
                        if !to.contains(&j) {
                            to.push(j);
                        }
                    }
                }
                to
            })
            .collect()
    }

    /// Breadth-first depth of each node from the first one (None: unreachable).
    pub fn depths(&self) -> Vec<Option<usize>> {
        let edges = self.edges();
        let mut depth = vec![None; self.nodes.len()];
        if self.nodes.is_empty() {
            return depth;
        }
        depth[0] = Some(0);
        let mut queue = VecDeque::from([0]);
        while let Some(i) = queue.pop_front() {
            let d = depth[i].unwrap_or(0);
            for &j in &edges[i] {
                if depth[j].is_none() {
                    depth[j] = Some(d + 1);
                    queue.push_back(j);
                }
            }
        }
        depth
    }
}

pub const DEFAULT_AGENT: [&str; 2] = ["坐席", "客服"];
pub const DEFAULT_CUSTOMER: [&str; 2] = ["客户", "顾客"];

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
    let lines: Vec<(usize, &str)> = body.lines().enumerate().map(|(i, l)| (first_line + i, l)).collect();
    // Split into the intro and one run of lines per `##` node (outside fences).
    let mut fence: Option<&str> = None;
    let mut starts = Vec::new();
    for (i, (_, line)) in lines.iter().enumerate() {
        let t = line.trim_start();
        if let Some(f) = fence {
            if t.starts_with(f) {
                fence = None;
            }
        } else if t.starts_with("```") || t.starts_with("~~~") {
            fence = Some(&t[..3]);
        } else if line.starts_with("## ") {
            starts.push(i);
        }
    }
    let intro_end = starts.first().copied().unwrap_or(lines.len());
    // A script without `##` nodes is one plain dialogue: a single untitled node.
    if starts.is_empty() && !body.trim().is_empty() {
        let items = p.items(&lines, true);
        let items = items
            .into_iter()
            .filter(|i| !matches!(i, Item::Markdown { text, .. } if text.starts_with('\u{0}')))
            .collect();
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
            Item::Markdown { text, .. } if text.starts_with("\u{0}step:") => {
                if node.step.is_none() {
                    node.step = Some(text["\u{0}step:".len()..].to_string());
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
fn parse_heading(text: &str) -> (String, String, Option<String>) {
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
fn split_direction(text: &str) -> (Option<String>, String) {
    if let Some(rest) = text.strip_prefix('（') {
        if let Some(end) = rest.find('）') {
            let dir = rest[..end].trim().to_string();
            return (Some(dir).filter(|d| !d.is_empty()), rest[end + '）'.len_utf8()..].trim().to_string());
        }
    }
    (None, text.to_string())
}

/// `-> #busy` / `→ #busy` at the end of `text`: (text before, target id, byte offset of `#`).
fn split_arrow(text: &str) -> Option<(&str, &str, usize)> {
    let (at, len) = ["->", "→", "=>"].iter().filter_map(|a| text.rfind(a).map(|i| (i, a.len()))).max()?;
    let after = text[at + len..].trim_start();
    let hash = text.len() - after.len();
    let id = after.strip_prefix('#')?.trim();
    if id.is_empty() || id.contains(char::is_whitespace) {
        return None;
    }
    Some((text[..at].trim(), id, hash))
}

struct Parser<'a> {
    script: Script,
    display: &'a Path,
    file_text: &'a str,
    diags: &'a mut Vec<Diagnostic>,
}

fn col_of(line: &str, byte: usize) -> usize {
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
        let mut fence: Option<String> = None;
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
            if let Some(f) = &fence {
                if t.starts_with(f.as_str()) {
                    fence = None;
                }
                push_md(&mut md, &mut md_line);
                continue;
            }
            if t.starts_with("```") || t.starts_with("~~~") {
                fence = Some(t[..3].to_string());
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
                        items.push(Item::Markdown { text: format!("\u{0}step:{}", label.trim()), line: no });
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

    fn validate(&mut self) {
        let nodes = self.script.nodes.clone();
        if nodes.is_empty() {
            self.diag(
                Diagnostic::warning("this call script is empty")
                    .hint("write the dialogue as `坐席：台词` lines, and start each step of the call with a heading: `## 开场 {#open}`"),
                self.script.intro_line,
                1,
            );
            return;
        }
        let mut first_at: BTreeMap<&str, usize> = BTreeMap::new();
        for n in &nodes {
            if let Some(first) = first_at.get(n.id.as_str()) {
                self.diag(
                    Diagnostic::error(format!("duplicate node id '#{}'", n.id)).hint(format!(
                        "the id is already used by the node on line {first}; give this one another {{#id}}"
                    )),
                    n.line,
                    1,
                );
            } else {
                first_at.insert(&n.id, n.line);
            }
        }
        let ids: Vec<&str> = nodes.iter().map(|n| n.id.as_str()).collect();
        for n in &nodes {
            for (_, t) in n.exits() {
                if self.script.node(&t.id).is_none() {
                    let mut d = Diagnostic::error(format!("branch to a missing node '#{}'", t.id));
                    d = match did_you_mean(&t.id, ids.iter().copied()) {
                        Some(best) => d.hint(format!("did you mean '#{best}'? nodes: {}", ids.join(", "))),
                        None => d.hint(format!("nodes: {}", ids.join(", "))),
                    };
                    self.diag(d, t.line, t.col);
                }
            }
        }
        let depths = self.script.depths();
        for (n, d) in nodes.iter().zip(&depths) {
            if d.is_none() {
                self.diag(
                    Diagnostic::warning(format!("node '#{}' cannot be reached from the start of the call", n.id))
                        .hint(format!("add a branch choice or a `-> #{}` that leads here, or remove the node", n.id)),
                    n.line,
                    1,
                );
            }
        }
        // Reachable nodes from which no path ends the call: a cycle with no way out.
        let edges = self.script.edges();
        let mut can_end: Vec<bool> = edges.iter().map(|e| e.is_empty()).collect();
        loop {
            let mut changed = false;
            for i in 0..nodes.len() {
                if !can_end[i] && edges[i].iter().any(|&j| can_end[j]) {
                    can_end[i] = true;
                    changed = true;
                }
            }
            if !changed {
                break;
            }
        }
        let trapped: Vec<usize> = (0..nodes.len()).filter(|&i| depths[i].is_some() && !can_end[i]).collect();
        let mut reported = vec![false; nodes.len()];
        for &i in &trapped {
            if reported[i] {
                continue;
            }
            // Everything trapped that this node leads to is the same loop.
            let mut group = vec![i];
            let mut k = 0;
            while k < group.len() {
                for &j in &edges[group[k]] {
                    if !can_end[j] && !group.contains(&j) {
                        group.push(j);
                    }
                }
                k += 1;
            }
            group.sort_unstable();
            for &g in &group {
                reported[g] = true;
            }
            let names: Vec<String> = group.iter().map(|&g| format!("#{}", nodes[g].id)).collect();
            self.diag(
                Diagnostic::warning(format!("the call can loop forever: {} never lead to an end", names.join(" → ")))
                    .hint(
                        "give one of these nodes a choice that leads to a node without branches (the end of the call)",
                    ),
                nodes[i].line,
                1,
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse_str(body: &str) -> (Script, Vec<Diagnostic>) {
        let mut diags = Vec::new();
        let s = parse(body, 1, None, None, Path::new("content/scripts/a.md"), body, &mut diags);
        (s, diags)
    }

    const FOLLOW_UP: &str = "开场说明。\n\n## 问好 {#hello step=\"问好，自我介绍\"}\n\n坐席：您好，我是小王。\n客户: （很忙）什么事？\n\n? 客户反应\n- 我现在很忙。 -> #busy\n- 我不感兴趣。 -> #nope\n\n## 客户说很忙 {#busy}\n\n> [!步骤] 拒绝处理\n\n坐席：那我长话短说。\n-> #close\n\n## 不感兴趣 {#nope}\n\n客服：理解您。\n\n-> #close\n\n## 约时间 {#close}\n\n（客户同意）\n坐席：周二还是周三？\n";

    #[test]
    fn nodes_lines_directions_steps_branches_and_jumps() {
        let (s, diags) = parse_str(FOLLOW_UP);
        assert!(diags.is_empty(), "{diags:?}");
        assert_eq!(s.intro, "开场说明。\n\n");
        let ids: Vec<&str> = s.nodes.iter().map(|n| n.id.as_str()).collect();
        assert_eq!(ids, ["hello", "busy", "nope", "close"]);
        let hello = &s.nodes[0];
        assert_eq!(hello.step.as_deref(), Some("问好，自我介绍"));
        assert_eq!(hello.title, "问好");
        assert_eq!(hello.line, 3);
        assert!(
            matches!(&hello.items[0], Item::Line { role: Role::Agent, name, text, line: 5, .. } if name == "坐席" && text == "您好，我是小王。")
        );
        assert!(
            matches!(&hello.items[1], Item::Line { role: Role::Customer, direction: Some(d), text, .. } if d == "很忙" && text == "什么事？")
        );
        let Item::Branch(b) = &hello.items[2] else { panic!("{:?}", hello.items) };
        assert_eq!(b.prompt, "客户反应");
        assert_eq!(b.choices[0].label, "我现在很忙。");
        assert_eq!(b.choices[0].target, Target { id: "busy".into(), line: 9, col: 13 });
        assert_eq!(s.nodes[1].step.as_deref(), Some("拒绝处理"));
        assert!(matches!(s.nodes[1].items.last(), Some(Item::Jump(t)) if t.id == "close"));
        assert!(matches!(&s.nodes[2].items[0], Item::Line { role: Role::Agent, name, .. } if name == "客服"));
        assert!(matches!(&s.nodes[3].items[0], Item::Direction { text, .. } if text == "客户同意"));
        assert_eq!(s.depths(), vec![Some(0), Some(1), Some(1), Some(2)]);
        assert_eq!(s.nodes[1].first_agent_line(), Some("那我长话短说。"));
    }

    #[test]
    fn heading_without_id_uses_title_and_roles_come_from_front_matter() {
        let mut diags = Vec::new();
        let body = "## 开 场\n\n业务代表：您好。\n顾客：你好。\n";
        let s = parse(body, 1, Some("业务代表"), Some("顾客"), Path::new("a.md"), body, &mut diags);
        assert_eq!(s.nodes[0].id, "开-场");
        assert!(diags.is_empty(), "{diags:?}");
        assert_eq!(s.nodes[0].items.len(), 2);
    }

    #[test]
    fn bad_example_holds_dialogue_and_critique_follows() {
        let (s, diags) =
            parse_str("## 错误示范 {#bad}\n\n> [!反面示例] 推卸责任\n> 客服：肯定是你手机的问题。\n> 客户：（很生气）我要投诉你！\n\n点评：把责任推给客户。\n");
        assert!(diags.is_empty(), "{diags:?}");
        let Item::Bad { title, items, line } = &s.nodes[0].items[0] else { panic!() };
        assert_eq!(title.as_deref(), Some("推卸责任"));
        assert_eq!(*line, 3);
        assert_eq!(items.len(), 2);
        assert!(matches!(&items[1], Item::Line { direction: Some(d), line: 5, .. } if d == "很生气"));
        assert!(matches!(&s.nodes[0].items[1], Item::Markdown { text, .. } if text.contains("点评")));
    }

    #[test]
    fn markdown_lists_code_and_continuations_stay_markdown() {
        let (s, diags) =
            parse_str("## 甲 {#a}\n\n- 要点：语气要平和\n\n```\n坐席：代码里\n```\n\n坐席：第一行\n接着说。\n");
        assert!(diags.is_empty(), "{diags:?}");
        let items = &s.nodes[0].items;
        assert!(matches!(&items[0], Item::Markdown { text, .. } if text.contains("要点") && text.contains("代码里")));
        assert!(matches!(&items[1], Item::Line { text, .. } if text == "第一行接着说。"));
    }

    #[test]
    fn unknown_role_is_located_with_did_you_mean() {
        let (_, diags) = parse_str("## 甲 {#a}\n\n坐度：您好\n");
        assert_eq!(diags.len(), 1);
        assert!(diags[0].is_error());
        assert_eq!(diags[0].message, "unknown role '坐度'");
        assert_eq!((diags[0].line, diags[0].col), (3, 1));
        assert!(diags[0].hint.as_deref().unwrap().contains("did you mean '坐席'"));
        let (_, diags) = parse_str("## 甲 {#a}\n\n点评：这是评语。\n\n  销售员：您好\n");
        assert_eq!(diags.len(), 1, "{diags:?}");
        assert_eq!((diags[0].line, diags[0].col), (5, 3));
    }

    #[test]
    fn missing_target_suggests_closest_id() {
        let (_, diags) = parse_str("## 甲 {#start}\n\n? 反应\n- 忙 -> #bussy\n\n## 乙 {#busy}\n\n坐席：好。\n");
        let d = diags.iter().find(|d| d.message.contains("missing node")).unwrap();
        assert!(d.is_error());
        assert_eq!((d.line, d.col), (4, 8));
        assert!(d.hint.as_deref().unwrap().contains("did you mean '#busy'"), "{:?}", d.hint);
    }

    #[test]
    fn choice_without_target_is_an_error() {
        let (_, diags) = parse_str("## 甲 {#a}\n\n? 反应\n- 忙\n");
        assert!(diags.iter().any(|d| d.is_error() && d.message.contains("no target") && d.line == 4), "{diags:?}");
        assert!(diags.iter().any(|d| !d.is_error() && d.message.contains("no choices")), "{diags:?}");
    }

    #[test]
    fn unreachable_node_warns_at_its_heading() {
        let (_, diags) = parse_str("## 甲 {#a}\n\n坐席：好。\n\n## 乙 {#b}\n\n坐席：没人来。\n");
        assert_eq!(diags.len(), 1, "{diags:?}");
        assert!(!diags[0].is_error());
        assert!(diags[0].message.contains("'#b' cannot be reached"));
        assert_eq!((diags[0].line, diags[0].col), (5, 1));
    }

    #[test]
    fn cycle_without_exit_warns_once_but_a_cycle_with_exit_is_fine() {
        let (_, diags) = parse_str("## 甲 {#a}\n-> #b\n## 乙 {#b}\n-> #a\n");
        assert_eq!(diags.len(), 1, "{diags:?}");
        assert!(!diags[0].is_error() && diags[0].message.contains("#a → #b"), "{diags:?}");
        assert_eq!(diags[0].line, 1);
        let (_, diags) = parse_str("## 甲 {#a}\n? r\n- x -> #b\n- y -> #end\n## 乙 {#b}\n-> #a\n## 完 {#end}\n");
        assert!(diags.is_empty(), "{diags:?}");
    }

    #[test]
    fn duplicate_ids_are_errors_at_the_second_heading() {
        let (_, diags) = parse_str("## 甲 {#a}\n-> #a2\n## 乙 {#a2}\n## 丙 {#a2}\n");
        let d = diags.iter().find(|d| d.message.contains("duplicate")).unwrap();
        assert!(d.is_error());
        assert_eq!(d.line, 4);
        assert!(d.hint.as_deref().unwrap().contains("line 3"));
    }

    #[test]
    fn empty_and_odd_scripts_never_panic() {
        let (s, diags) = parse_str("");
        assert!(s.nodes.is_empty());
        assert!(diags.iter().any(|d| d.message.contains("empty")));
        // Dialogue without `##` nodes is one untitled node.
        let (s, diags) = parse_str("说明。\n\n坐席：您好。\n客户：你好。\n");
        assert!(diags.is_empty(), "{diags:?}");
        assert_eq!(s.nodes.len(), 1);
        assert_eq!(s.nodes[0].title, "");
        assert_eq!(s.nodes[0].items.len(), 3);
        for odd in [
            "## \n",
            "## {#}\n",
            "## x {#a step=\"\n-> #\n? \n- -> #\n（）\n：\n客户：\n",
            "## x\n> [!反面示例]\n",
            "（\n）",
        ] {
            let _ = parse_str(odd);
        }
        assert_eq!(split_speaker("http://example.org"), None);
        assert_eq!(split_speaker("12:30 开会"), None);
        assert_eq!(split_speaker("这是一句很长的话，不是角色：对吧"), None);
        assert_eq!(split_speaker("**客户**：你好"), Some(("客户", "你好")));
    }
}
