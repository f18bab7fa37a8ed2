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
/// first line; the roles are the front matter's `agent` and `customer` (None:
/// the defaults); `file_text` the whole file (for diagnostics).
pub fn parse(
    body: &str,
    first_line: usize,
    (agent, customer): (Option<&str>, Option<&str>),
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
    fall_through(&mut p.script.nodes);
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
        let mut run = Run { lines, next: 0, items: Vec::new(), md: String::new(), md_line: 0, ..Run::default() };
        while run.next < lines.len() {
            let (no, raw) = lines[run.next];
            run.next += 1;
            self.item(&mut run, no, raw, top);
        }
        run.flush();
        run.items
    }

    /// Read one line into `run` (and, for a branch point or a bad example, the
    /// lines that belong to it).
    fn item(&mut self, run: &mut Run, no: usize, raw: &str, top: bool) {
        let t = raw.trim_end().trim_start();
        if run.fences.kind(raw) != Kind::Text {
            return run.push_md(no, raw);
        }
        if t.is_empty() {
            run.in_list = false;
            return run.push_md(no, raw);
        }
        if top && t.starts_with('>') && self.quote_marker(run, t, no) {
            return;
        }
        if top && !run.in_list {
            // `? 客户反应` and its choices.
            if let Some(prompt) = t.strip_prefix("? ").or_else(|| t.strip_prefix("？")) {
                let branch = self.branch(run, prompt, no);
                return run.push(Item::Branch(branch));
            }
            if let Some(target) = bare_jump(t, raw, no) {
                return run.push(Item::Jump(target));
            }
            if is_end_marker(t) {
                return run.push(Item::End { line: no });
            }
        }
        let list_start = t.starts_with("- ")
            || t.starts_with("* ")
            || t.starts_with("+ ")
            || t.split_once(". ").is_some_and(|(n, _)| !n.is_empty() && n.chars().all(|c| c.is_ascii_digit()));
        if list_start || t.starts_with('#') || t.starts_with('|') || t.starts_with('>') || raw.starts_with("    ") {
            run.in_list = run.in_list || list_start;
            return run.push_md(no, raw);
        }
        if run.in_list {
            return run.push_md(no, raw);
        }
        // A stage direction on its own: `（客户沉默了几秒）`.
        if t.chars().count() >= 2 && t.starts_with('（') && t.ends_with('）') && !t[3..t.len() - 3].contains('）') {
            return run.push(Item::Direction { text: t[3..t.len() - 3].trim().to_string(), line: no });
        }
        if let Some((name, text)) = split_speaker(t) {
            if self.speaker(run, (name, text), raw, no) {
                return;
            }
        }
        // Continuation of the previous dialogue line (a hard-wrapped line).
        if run.md.is_empty() {
            if let Some(Item::Line { text, .. }) = run.items.last_mut() {
                return text.push_str(t);
            }
        }
        run.push_md(no, raw);
    }

    /// `> [!步骤] …` (a step label) and `> [!反面示例] …` (a bad example, with
    /// the quote's lines as its items). False for any other quote.
    fn quote_marker(&mut self, run: &mut Run, t: &str, no: usize) -> bool {
        let inner = t.trim_start_matches('>').trim_start();
        match inner.strip_prefix("[!").and_then(|r| r.split_once(']')) {
            Some((m, label)) if matches!(m.trim(), "步骤" | "step" | "Step") => {
                run.push(Item::Step { label: label.trim().to_string(), line: no });
                true
            }
            Some((m, title)) if matches!(m.trim(), "反面示例" | "bad" | "Bad") => {
                let mut inner_lines = Vec::new();
                while let Some(&(n, l)) = run.lines.get(run.next).filter(|(_, l)| l.trim_start().starts_with('>')) {
                    let l = l.trim_start();
                    let l = l.strip_prefix('>').unwrap_or(l);
                    inner_lines.push((n, l.strip_prefix(' ').unwrap_or(l)));
                    run.next += 1;
                }
                let items = self.items(&inner_lines, false);
                let title = Some(title.trim().to_string()).filter(|s| !s.is_empty());
                run.push(Item::Bad { title, items, line: no });
                true
            }
            _ => false,
        }
    }

    /// A branch point's choices: the `- reaction -> #node` lines after it
    /// (blank lines between them allowed).
    fn branch(&mut self, run: &mut Run, prompt: &str, no: usize) -> Branch {
        let mut branch = Branch { prompt: prompt.trim().to_string(), choices: Vec::new(), line: no };
        while let Some(&(cno, craw)) = run.lines.get(run.next) {
            let ct = craw.trim();
            if ct.is_empty() {
                let Some(next) = choice_after_blank_lines(run.lines, run.next) else { break };
                run.next = next;
                continue;
            }
            let Some(item) = ct.strip_prefix("- ").or_else(|| ct.strip_prefix("* ")) else {
                break;
            };
            run.next += 1;
            let offset = craw.len() - craw.trim_start().len() + (ct.len() - item.len());
            match split_arrow(item) {
                Some((label, id, hash)) => branch.choices.push(Choice {
                    label: label.to_string(),
                    target: Target { id: id.to_string(), line: cno, col: col_of(craw, offset + hash) },
                }),
                None => self.diag(
                    Diagnostic::error(msg!("script_choice_no_target")).hint(msg!("script_choice_no_target_hint")),
                    cno,
                    col_of(craw, offset),
                ),
            }
        }
        if branch.choices.is_empty() {
            self.diag(
                Diagnostic::warning(msg!("script_no_choices", prompt = &branch.prompt))
                    .hint(msg!("script_no_choices_hint")),
                no,
                1,
            );
        }
        branch
    }

    /// `名字：台词`: a dialogue line when the name is a role (true); an error
    /// when it looks meant as one (an unknown role); else ordinary text (false).
    fn speaker(&mut self, run: &mut Run, (name, text): (&str, &str), raw: &str, no: usize) -> bool {
        if let Some(role) = self.role(name) {
            let (direction, text) = split_direction(text);
            run.push(Item::Line { role, name: name.to_string(), direction, text, line: no });
            return true;
        }
        if (run.md.trim().is_empty() || run.md.ends_with("\n\n")) && self.looks_like_role(name) {
            let roles: Vec<&str> = self.script.agent.iter().chain(&self.script.customer).map(String::as_str).collect();
            let mut d = Diagnostic::error(msg!("script_unknown_role", name));
            d = match did_you_mean(name, roles.iter().copied()) {
                Some(best) => d.hint(msg!("script_role_best", best, roles = roles.join("、"))),
                None => d.hint(msg!("script_role_hint", roles = roles.join("、"))),
            };
            let lead = raw.len() - raw.trim_start().len();
            self.diag(d, no, col_of(raw, lead));
        }
        false
    }
}

/// Words that, after a bare arrow, end the call: `-> 结束`.
const END_WORDS: &[&str] = &["结束", "通话结束", "end", "END", "End"];

/// A bare `-> 结束` line.
fn is_end_marker(t: &str) -> bool {
    let rest = ["->", "→", "=>"].iter().find_map(|a| t.strip_prefix(a));
    rest.is_some_and(|r| END_WORDS.contains(&r.trim().trim_start_matches('#')))
}

/// A node with no branch, jump or end marker goes on to the next node of the
/// call (asides skipped); the last one ends it. The jump is written as the
/// node's last item, so the page shows it (接着：…) and the flow map draws it.
fn fall_through(nodes: &mut [Node]) {
    for i in 0..nodes.len() {
        let node = &nodes[i];
        if !node.exits().is_empty() || node.ends() || node.is_aside() {
            continue;
        }
        let Some(next) = nodes[i + 1..].iter().find(|n| !n.is_aside()) else { continue };
        let line = node.items.iter().rev().find_map(item_line).unwrap_or(node.line);
        let target = Target { id: next.id.clone(), line, col: 1 };
        nodes[i].items.push(Item::Jump(target));
    }
}

/// The file line an item starts at.
fn item_line(item: &Item) -> Option<usize> {
    match item {
        Item::Line { line, .. }
        | Item::Direction { line, .. }
        | Item::Markdown { line, .. }
        | Item::Bad { line, .. }
        | Item::Step { line, .. }
        | Item::End { line } => Some(*line),
        Item::Branch(b) => Some(b.line),
        Item::Jump(t) => Some(t.line),
    }
}

/// A bare `-> #close` line: a jump to that node.
fn bare_jump(t: &str, raw: &str, no: usize) -> Option<Target> {
    if !(t.starts_with("->") || t.starts_with('→') || t.starts_with("=>")) {
        return None;
    }
    let ("", id, hash) = split_arrow(t)? else { return None };
    let lead = raw.len() - raw.trim_start().len();
    Some(Target { id: id.to_string(), line: no, col: col_of(raw, lead + hash) })
}

/// The state of reading one run of lines (a node's, or a bad example's) into
/// items: the Markdown gathered since the last item, and the block it is in.
#[derive(Default)]
struct Run<'l> {
    lines: &'l [(usize, &'l str)],
    /// The next line to read.
    next: usize,
    items: Vec<Item>,
    md: String,
    /// The line `md` starts at.
    md_line: usize,
    /// The lines are a node's or, for a bad example, a quote's without the
    /// `>` markers: fences are tracked here, not by scanning the page.
    fences: Fences,
    /// Inside a Markdown list: its lines stay Markdown.
    in_list: bool,
}

impl Run<'_> {
    /// The Markdown gathered so far becomes an item (if it holds anything).
    fn flush(&mut self) {
        if !self.md.trim().is_empty() {
            self.items.push(Item::Markdown { text: std::mem::take(&mut self.md), line: self.md_line });
        }
        self.md.clear();
    }

    fn push(&mut self, item: Item) {
        self.flush();
        self.items.push(item);
    }

    fn push_md(&mut self, no: usize, raw: &str) {
        if self.md.is_empty() {
            self.md_line = no;
        }
        self.md.push_str(raw);
        self.md.push('\n');
    }
}
