//! Call scripts (话术, DOMAIN.md §3) as data. The source stays plain Markdown:
//!
//! - `## 客户说很忙 {#busy step="拒绝处理"}` starts a node (id and step label optional);
//! - `坐席：台词` / `客户: 台词` is a dialogue line (full- or half-width colon);
//!   `客户：（很生气）……` carries a stage direction, a line `（挂断电话）` is one;
//! - `> [!步骤] 二择一法敲定时间` labels the node in the margin;
//! - `? 客户反应` followed by `- 我现在很忙。 -> #busy` items is a branch point;
//!   a bare `-> #close` jumps; `-> 结束` (or `-> end`) ends the call there; a
//!   node with none of these goes on to the next node, the last one ends;
//! - `> [!反面示例]` quotes a bad example (its critique follows as plain text);
//!   a node that is only a bad example and its critique is an aside: it is
//!   shown, never "unreachable", and the call does not run into it.
//!
//! Everything else is Markdown, rendered as usual. Parsing never fails: what
//! is wrong becomes a diagnostic at `file:line:col`.

mod parse;

pub use parse::{parse, split_speaker};
use std::collections::VecDeque;

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
    /// `-> 结束`: the call ends here (no going on to the next node).
    End {
        line: usize,
    },
    /// `> [!步骤] label`: a margin label. The parser lifts the first one of a
    /// node into [`Node::step`] and drops the rest, so a node's items hold none.
    Step {
        label: String,
        line: usize,
    },
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

    /// `-> 结束` ends the call here.
    pub fn ends(&self) -> bool {
        self.items.iter().any(|i| matches!(i, Item::End { .. }))
    }

    /// Only a bad example and its critique (no dialogue of the call itself):
    /// shown on the page, outside the call's flow.
    pub fn is_aside(&self) -> bool {
        self.items.iter().any(|i| matches!(i, Item::Bad { .. }))
            && !self.items.iter().any(|i| matches!(i, Item::Line { .. }))
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diag::Diagnostic;
    use std::path::Path;

    fn parse_str(body: &str) -> (Script, Vec<Diagnostic>) {
        let mut diags = Vec::new();
        let s = parse(body, 1, (None, None), Path::new("content/scripts/a.md"), body, &mut diags);
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
    fn step_markers_are_lifted_into_the_node_and_never_left_as_items() {
        let (s, diags) = parse_str("## 甲 {#a}\n\n> [!步骤] 第一\n\n坐席：好。\n\n> [!step] 第二\n");
        assert!(diags.is_empty(), "{diags:?}");
        // The first marker labels the node; a later one is dropped, not shown as text.
        assert_eq!(s.nodes[0].step.as_deref(), Some("第一"));
        assert_eq!(s.nodes[0].items.len(), 1, "{:?}", s.nodes[0].items);
        // A heading's `step=` wins over a marker below it.
        let (s, _) = parse_str("## 甲 {#a step=\"标题里\"}\n\n> [!步骤] 正文里\n");
        assert_eq!(s.nodes[0].step.as_deref(), Some("标题里"));
        assert!(s.nodes[0].items.is_empty());
        // Without `##` nodes a marker has no node to label and is dropped.
        let (s, _) = parse_str("> [!步骤] 无处\n\n坐席：您好。\n");
        assert!(s.nodes[0].items.iter().all(|i| !matches!(i, Item::Step { .. } | Item::Markdown { .. })));
    }

    #[test]
    fn heading_without_id_uses_title_and_roles_come_from_front_matter() {
        let mut diags = Vec::new();
        let body = "## 开 场\n\n业务代表：您好。\n顾客：你好。\n";
        let s = parse(body, 1, (Some("业务代表"), Some("顾客")), Path::new("a.md"), body, &mut diags);
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
    fn long_fences_hold_short_ones_in_nodes_and_bad_examples() {
        let (s, diags) = parse_str(
            "## 甲 {#a}\n\n````\n```\n坐席：代码里\n## 不是节点\n````\n\n> [!反面示例]\n> ~~~~\n> ~~~\n> 坐席：也是代码\n> ~~~~\n> 坐席：反面\n",
        );
        assert!(diags.is_empty(), "{diags:?}");
        assert_eq!(s.nodes.len(), 1);
        let items = &s.nodes[0].items;
        assert!(
            matches!(&items[0], Item::Markdown { text, .. } if text.contains("代码里") && text.contains("不是节点"))
        );
        let Item::Bad { items: bad, .. } = &items[1] else { panic!("{items:?}") };
        assert!(matches!(&bad[0], Item::Markdown { text, .. } if text.contains("也是代码")));
        assert!(matches!(&bad[1], Item::Line { text, .. } if text == "反面"), "{bad:?}");
    }

    #[test]
    fn unknown_role_is_located_with_did_you_mean() {
        let (_, diags) = parse_str("## 甲 {#a}\n\n坐度：您好\n");
        assert_eq!(diags.len(), 1);
        assert!(diags[0].is_error());
        assert_eq!(diags[0].message.en(), "unknown role '坐度'");
        assert_eq!((diags[0].line, diags[0].col), (3, 1));
        assert!(diags[0].hint.as_ref().unwrap().en().contains("did you mean '坐席'"));
        let (_, diags) = parse_str("## 甲 {#a}\n\n点评：这是评语。\n\n  销售员：您好\n");
        assert_eq!(diags.len(), 1, "{diags:?}");
        assert_eq!((diags[0].line, diags[0].col), (5, 3));
    }

    #[test]
    fn blank_lines_between_prompt_and_choices_keep_the_branch() {
        let body =
            "## 甲 {#a}\n\n? 反应\n\n\n- 忙 -> #b\n\n- 不忙 -> #missing\n\n- 普通列表\n\n## 乙 {#b}\n\n坐席：好。\n";
        let (s, diags) = parse_str(body);
        let Item::Branch(b) = &s.nodes[0].items[0] else { panic!("{:?}", s.nodes[0].items) };
        let targets: Vec<&str> = b.choices.iter().map(|c| c.target.id.as_str()).collect();
        assert_eq!(targets, ["b", "missing"]);
        let errors: Vec<&Diagnostic> = diags.iter().filter(|d| d.is_error()).collect();
        assert_eq!(errors.len(), 1, "{diags:?}");
        assert_eq!(errors[0].message.en(), "branch to a missing node '#missing'");
        assert_eq!((errors[0].line, errors[0].col), (8, 9));
        // A list without targets after the choices is the author's Markdown.
        assert!(matches!(&s.nodes[0].items[1], Item::Markdown { text, .. } if text.contains("普通列表")));
        // So is one after a prompt: the prompt has no choices (a warning, as before).
        let (s, diags) = parse_str("## 甲 {#a}\n\n? 反应\n\n- 要点一\n");
        assert!(matches!(&s.nodes[0].items[1], Item::Markdown { text, .. } if text.contains("要点一")));
        assert!(diags.iter().any(|d| !d.is_error() && d.message.en().contains("has no choices")), "{diags:?}");
    }

    #[test]
    fn missing_target_suggests_closest_id() {
        let (_, diags) = parse_str("## 甲 {#start}\n\n? 反应\n- 忙 -> #bussy\n\n## 乙 {#busy}\n\n坐席：好。\n");
        let d = diags.iter().find(|d| d.message.en().contains("missing node")).unwrap();
        assert!(d.is_error());
        assert_eq!((d.line, d.col), (4, 8));
        assert!(d.hint.as_ref().unwrap().en().contains("did you mean '#busy'"), "{:?}", d.hint);
    }

    #[test]
    fn choice_without_target_is_an_error() {
        let (_, diags) = parse_str("## 甲 {#a}\n\n? 反应\n- 忙\n");
        assert!(diags.iter().any(|d| d.is_error() && d.message.en().contains("no target") && d.line == 4), "{diags:?}");
        assert!(diags.iter().any(|d| !d.is_error() && d.message.en().contains("no choices")), "{diags:?}");
    }

    #[test]
    fn unreachable_node_warns_at_its_heading() {
        let (_, diags) = parse_str("## 甲 {#a}\n\n坐席：好。\n-> 结束\n\n## 乙 {#b}\n\n坐席：没人来。\n");
        assert_eq!(diags.len(), 1, "{diags:?}");
        assert!(!diags[0].is_error());
        assert!(diags[0].message.en().contains("'#b' cannot be reached"));
        assert_eq!((diags[0].line, diags[0].col), (6, 1));
    }

    #[test]
    fn a_node_without_an_exit_goes_on_to_the_next_unless_it_ends_the_call() {
        let text = "## 甲 {#a}\n坐席：您好。\n## 反面 {#bad}\n> [!反面示例] 推卸\n> 坐席：不关我事。\n\n点评：推卸责任。\n## 乙 {#b}\n坐席：再见。\n-> 结束\n## 丙 {#c}\n坐席：最后。\n";
        let (s, diags) = parse_str(text);
        // 甲 runs on to 乙 past the aside; 乙 ends the call; 丙, last, ends it too.
        let exits: Vec<Vec<&str>> =
            s.nodes.iter().map(|n| n.exits().iter().map(|(_, t)| t.id.as_str()).collect()).collect();
        assert_eq!(exits, vec![vec!["b"], vec![], vec![], vec![]]);
        assert!(s.nodes[1].is_aside() && s.nodes[2].ends() && !s.nodes[3].ends());
        // The aside is never "unreachable"; 丙 is (乙 ends the call before it).
        let unreachable: Vec<String> =
            diags.iter().filter(|d| d.message.en().contains("cannot be reached")).map(|d| d.message.en()).collect();
        assert_eq!(unreachable.len(), 1, "{diags:?}");
        assert!(unreachable[0].contains("'#c'"), "{diags:?}");
    }

    #[test]
    fn cycle_without_exit_warns_once_but_a_cycle_with_exit_is_fine() {
        let (_, diags) = parse_str("## 甲 {#a}\n-> #b\n## 乙 {#b}\n-> #a\n");
        assert_eq!(diags.len(), 1, "{diags:?}");
        assert!(!diags[0].is_error() && diags[0].message.en().contains("#a → #b"), "{diags:?}");
        assert_eq!(diags[0].line, 1);
        let (_, diags) = parse_str("## 甲 {#a}\n? r\n- x -> #b\n- y -> #end\n## 乙 {#b}\n-> #a\n## 完 {#end}\n");
        assert!(diags.is_empty(), "{diags:?}");
    }

    #[test]
    fn duplicate_ids_are_errors_at_the_second_heading() {
        let (_, diags) = parse_str("## 甲 {#a}\n-> #a2\n## 乙 {#a2}\n## 丙 {#a2}\n");
        let d = diags.iter().find(|d| d.message.en().contains("duplicate")).unwrap();
        assert!(d.is_error());
        assert_eq!(d.line, 4);
        assert!(d.hint.as_ref().unwrap().en().contains("line 3"));
    }

    #[test]
    fn empty_and_odd_scripts_never_panic() {
        let (s, diags) = parse_str("");
        assert!(s.nodes.is_empty());
        assert!(diags.iter().any(|d| d.message.en().contains("empty")));
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
