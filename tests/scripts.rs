//! Call scripts (话术) and quizzes (测验) end to end: fixture courses built
//! through the library (HTML structure) and the real binary (every validation
//! problem located at `file:line:col` on stderr).

mod common;

use common::*;

const SCRIPT: &str = "+++\ntitle = \"回访\"\nagent = \"坐席\"\ncustomer = \"客户\"\n+++\n\n开场说明，见 [[about]]。\n\n## 开场 {#open step=\"问好，自我介绍\"}\n\n坐席：（微笑）您好，我是小林。\n客户：什么事？\n\n? 客户的反应\n- 我现在很忙。 -> #busy\n- 我不感兴趣。 -> #nope\n\n## 客户很忙 {#busy}\n\n> [!步骤] 拒绝处理\n\n坐席：那我明天上午再打给您，好吗？\n客户：好。\n\n-> 结束\n\n## 不感兴趣 {#nope}\n\n> [!反面示例] 硬推\n> 坐席：您听我说完嘛！\n> 客户：（挂断电话）\n\n点评：不要硬推。\n\n坐席：理解，这次是免费服务。\n\n-> #close\n\n## 约时间 {#close step=\"二择一法敲定时间\"}\n\n坐席：您周六来还是周日来？\n（客户想了想）\n";

fn course_with_script() -> TestCourse {
    let c = TestCourse::new();
    c.file("content/index.md", "# 首页\n").file("content/about.md", "# 关于\n\n见 [[scripts/回访#busy]]。\n");
    c.file("content/scripts/回访.md", SCRIPT);
    c
}

#[test]
fn a_script_renders_chat_nodes_branches_flow_map_and_objection_table() {
    let c = course_with_script();
    let report = c.build_ok();
    assert_eq!(report.warnings(), 0, "{}", render_all(&report));
    let doc = c.html("scripts/回访.html");
    // Nodes in source order, each a section with its heading id.
    assert_eq!(attrs(&doc, ".script-node", "data-node"), vec!["open", "busy", "nope", "close"]);
    assert_eq!(attrs(&doc, ".script-node > h2", "id"), vec!["open", "busy", "nope", "close"]);
    // Chat bubbles: role names, sides, stage directions in italics.
    assert_eq!(texts(&doc, ".script-node[data-node='open'] .say-who"), vec!["坐席", "客户"]);
    assert_eq!(select(&doc, ".script-node[data-node='open'] .say-agent").len(), 1);
    assert_eq!(texts(&doc, ".script-node[data-node='open'] .say-agent em.say-dir"), vec!["（微笑）"]);
    assert_eq!(texts(&doc, ".script-node[data-node='close'] .say-direction em"), vec!["（客户想了想）"]);
    // Step labels from the heading attribute and from `> [!步骤]`.
    assert_eq!(texts(&doc, ".script-step"), vec!["问好，自我介绍", "拒绝处理", "二择一法敲定时间"]);
    // Branch choices link to their nodes; a jump too; nodes without exits end the call.
    assert_eq!(texts(&doc, ".script-prompt"), vec!["客户的反应"]);
    assert_eq!(attrs(&doc, ".script-branch .script-choice", "href"), vec!["#busy", "#nope"]);
    assert_eq!(attrs(&doc, ".script-jump .script-choice", "data-target"), vec!["close"]);
    assert_eq!(select(&doc, ".script-node[data-node='busy'] .script-end").len(), 1);
    assert_eq!(select(&doc, ".script-node[data-node='close'] .script-end").len(), 1);
    // The bad example holds its dialogue; the critique follows outside it.
    assert_eq!(texts(&doc, ".script-bad .say-who"), vec!["坐席", "客户"]);
    assert!(text(one(&doc, ".script-bad .script-bad-title")).contains("硬推"));
    assert!(text(one(&doc, ".script-node[data-node='nope'] .script-note")).contains("点评"));
    // The flow map: an inline SVG, one box per node linking to it, labelled edges.
    let svg = one(&doc, ".flowmap svg");
    // A labelled group, not an image: its boxes are links (axe: nested-interactive).
    assert_eq!(svg.value().attr("role"), Some("group"));
    assert!(svg.value().attr("aria-label").is_some_and(|l| !l.is_empty()));
    assert_eq!(attrs(&doc, ".flowmap a.fm-node", "href"), vec!["#open", "#busy", "#nope", "#close"]);
    assert_eq!(select(&doc, ".flowmap path.fm-edge").len(), 3);
    let labels: Vec<String> = select(&doc, ".flowmap text.fm-label").into_iter().map(squash).collect();
    assert!(labels.iter().any(|l| l.starts_with("我现在很忙。")), "{labels:?}");
    // The objection table: each objection with the agent's answer in the node it leads to.
    let rows: Vec<String> = select(&doc, ".objection-table tbody tr").into_iter().map(squash).collect();
    assert_eq!(rows.len(), 2, "{rows:?}");
    assert!(rows[0].contains("我现在很忙。") && rows[0].contains("那我明天上午再打给您"), "{rows:?}");
    assert!(rows[1].contains("我不感兴趣。") && rows[1].contains("理解，这次是免费服务"), "{rows:?}");
    // The page loads its script, the nodes are in the contents, and links to a node work.
    assert!(attrs(&doc, "script[src]", "src").iter().any(|s| s.ends_with("theme/script.js")));
    assert!(c.exists("theme/script.js") && c.exists("theme/quiz.js"));
    let toc = texts(&doc, ".toc a");
    assert!(toc.contains(&"客户很忙".to_string()) && toc.contains(&"流程图".to_string()), "{toc:?}");
    let about = c.html("about.html");
    assert!(attrs(&about, ".content a", "href").iter().any(|h| h.ends_with(".html#busy") && h.contains("scripts/")));
}

/// The call script example of README.md, without its `← …` notes.
fn readme_script() -> String {
    let readme = read_to_string(&std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("README.md"));
    let section = &readme[readme.find("### Call scripts").expect("the README's call script section")..];
    let block = &section[section.find("```md\n").expect("its example") + 6..];
    let block = &block[..block.find("```").expect("the example's end")];
    block.lines().map(|l| l.split("  ← ").next().unwrap_or(l).trim_end().to_string() + "\n").collect()
}

#[test]
fn the_readmes_call_script_builds_without_warnings() {
    let c = TestCourse::new();
    c.file("content/index.md", "# 首页\n").file("content/scripts/回访.md", readme_script());
    let report = c.build_ok();
    assert_eq!(report.warnings(), 0, "{}", render_all(&report));
    let doc = c.html("scripts/回访.html");
    // 客户不感兴趣 has no branch: it goes on to 约定时间; 客户说很忙 ends with `-> 结束`.
    let jumps = attrs(&doc, ".script-node[data-node='not-interested'] .script-jump .script-choice", "data-target");
    assert_eq!(jumps, vec!["close"]);
    assert_eq!(select(&doc, ".script-node[data-node='busy'] .script-end").len(), 1);
    assert_eq!(select(&doc, ".script-node[data-node='confirm'] .script-end").len(), 1);
    assert!(!c.read("scripts/回访.html").contains("-&gt; 结束"), "the end marker is not shown as text");
}

#[test]
fn script_output_is_deterministic() {
    let c = course_with_script();
    c.build_ok();
    let first = c.read("scripts/回访.html");
    c.build_ok();
    assert_eq!(first, c.read("scripts/回访.html"));
}

#[test]
fn every_script_problem_is_located_with_file_line_col() {
    let c = TestCourse::new();
    c.file("content/index.md", "# 首页\n");
    let bad = "+++\ntitle = \"坏\"\n+++\n\n## 开场 {#open}\n\n坐度：您好。\n\n? 反应\n- 很忙 -> #bussy\n- 没兴趣 -> #loop\n- 没目标\n- 好的 -> #busy\n\n## 很忙 {#busy}\n\n客户：好。\n-> 结束\n\n## 循环 {#loop}\n\n-> #loop2\n\n## 循环二 {#loop2}\n\n-> #loop\n\n## 重复 {#busy}\n";
    c.file("content/scripts/坏.md", bad);
    let (code, _, stderr) = c.run_cli(&["build"]);
    assert_eq!(code, 1, "{stderr}");
    let at = |line: usize, col: usize| format!("content/scripts/坏.md:{line}:{col}: ");
    let has = |loc: String, severity: &str, msg: &str| {
        let prefix = format!("{loc}{severity}: ");
        let line =
            stderr.lines().find(|l| l.starts_with(&prefix)).unwrap_or_else(|| panic!("no '{prefix}' in:\n{stderr}"));
        assert!(line.contains(msg), "'{msg}' not in '{line}'");
    };
    has(at(7, 1), "error", "unknown role '坐度'");
    assert!(stderr.contains("did you mean '坐席'?"), "{stderr}");
    has(at(10, 9), "error", "branch to a missing node '#bussy'");
    assert!(stderr.contains("did you mean '#busy'?"), "{stderr}");
    has(at(12, 3), "error", "branch choice has no target");
    has(at(20, 1), "warning", "the call can loop forever: #loop → #loop2");
    has(at(28, 1), "error", "duplicate node id '#busy'");
    // The second '#busy' is never reached: the first one takes the name.
    let c2 = TestCourse::new();
    c2.file("content/index.md", "# 首页\n");
    c2.file("content/scripts/孤.md", "## 甲 {#a}\n\n坐席：好。\n-> 结束\n\n## 乙 {#b}\n\n坐席：没人来。\n");
    let (code, _, stderr) = c2.run_cli(&["build"]);
    assert_eq!(code, 0, "warnings do not fail the build: {stderr}");
    assert!(stderr.contains("content/scripts/孤.md:6:1: warning: node '#b' cannot be reached"), "{stderr}");
}

#[test]
fn odd_scripts_and_quizzes_build_without_panicking() {
    let c = TestCourse::new();
    c.file("content/index.md", "# 首页\n");
    let odd = [
        "",
        "## \n",
        "## {#}\n-> #\n? \n- -> #\n（）\n：\n客户：\n",
        "## x {#a step=\"\n> [!反面示例]\n>\n",
        "（\n）\n服務(wù)：\n## 甲 {#a}\n-> #a\n",
        "## 甲 {#a}\n```\n## 乙 {#b}\n```\n? r\n- x -> #a\n",
    ];
    for (i, text) in odd.iter().enumerate() {
        c.file(&format!("content/scripts/s{i}.md"), text);
        c.file(&format!("content/quizzes/q{i}.md"), text);
    }
    let report = c.build();
    assert_ne!(report.status, coursesite::Status::Failed, "{}", render_all(&report));
    let report = c.check();
    assert!(report.diagnostics.iter().all(|d| d.path.is_some()), "{}", render_all(&report));
}

const QUIZ: &str = "+++\ntitle = \"自检\"\n+++\n\n判断下列说法。\n\n1. 内部客户也是客户。（对）\n   > 解析：员工也是客户。\n2. 以下哪项属于售后服务？\n   - [ ] 产品介绍\n   - [x] 上门维修\n3. 哪些属于软服务？\n   - [x] 微笑\n   - [ ] 停车场\n   - [x] 倾听\n4. 分类：\n   - 定期服务：季度保养、年度体检\n   - 不定期服务：故障抢修\n5. 简述投诉处理六步。\n   > 参考答案：倾听、道歉、记录、方案、确认、回访。\n";

#[test]
fn a_quiz_renders_each_kind_with_its_key_for_the_browser() {
    let c = TestCourse::new();
    c.file("content/index.md", "# 首页\n").file("content/quizzes/自检.md", QUIZ);
    c.build_ok();
    let doc = c.html("quizzes/自检.html");
    assert_eq!(attrs(&doc, ".quiz-q", "data-kind"), vec!["tf", "single", "multi", "sort", "short"]);
    assert_eq!(attrs(&doc, ".quiz-q", "id"), vec!["q1", "q2", "q3", "q4", "q5"]);
    let answers = attrs(&doc, ".quiz-q", "data-answer");
    assert_eq!(&answers[..3], &["true", "1", "0,2"]);
    assert_eq!(answers[3].split(',').count(), 3);
    assert_eq!(select(&doc, "#q1 input[type=radio]").len(), 2);
    assert_eq!(select(&doc, "#q3 input[type=checkbox]").len(), 3);
    assert_eq!(select(&doc, "#q4 select").len(), 3);
    assert_eq!(select(&doc, "#q4 select option").len(), 9);
    assert_eq!(select(&doc, "#q5 textarea").len(), 1);
    // Explanations are there, hidden until checked; the student edition shows no key text.
    assert!(text(one(&doc, "#q1 .quiz-feedback")).contains("员工也是客户"));
    assert!(one(&doc, "#q1 .quiz-feedback").value().attr("hidden").is_some());
    assert!(select(&doc, ".quiz-key, .is-key").is_empty());
    assert_eq!(select(&doc, ".quiz-check").len(), 1);
    assert_eq!(select(&doc, ".quiz-reset").len(), 1);
    assert!(attrs(&doc, "script[src]", "src").iter().any(|s| s.ends_with("theme/quiz.js")));
}

#[test]
fn quiz_problems_are_located() {
    let c = TestCourse::new();
    c.file("content/index.md", "# 首页\n");
    c.file(
        "content/quizzes/坏.md",
        "+++\ntitle = \"坏\"\n+++\n\n1. 选哪个？\n   - [ ] 甲\n   - [ ] 乙\n2. 分类：\n   - 只有一组：甲、乙\n",
    );
    let (code, _, stderr) = c.run_cli(&["build"]);
    assert_eq!(code, 1, "{stderr}");
    assert!(stderr.contains("content/quizzes/坏.md:5:1: error: question 1 has no correct option"), "{stderr}");
    assert!(
        stderr.contains("content/quizzes/坏.md:8:1: error: classification question 2 has only one group"),
        "{stderr}"
    );
}

#[test]
fn quiz_blocks_inside_a_page_render_and_report_at_their_file_line() {
    let c = TestCourse::new();
    c.file("content/index.md", "# 首页\n");
    c.file(
        "content/about.md",
        "# 关于\n\n正文。\n\n```quiz\n1. 内部客户也是客户。（对）\n   > 解析：员工也是客户。\n```\n\n```quiz\n1. 选一个？\n   - [x] 甲\n   - [ ] 乙\n```\n",
    );
    c.build_ok();
    let doc = c.html("about.html");
    assert_eq!(attrs(&doc, ".quiz .quiz-q", "id"), vec!["quiz1-q1", "quiz2-q1"]);
    assert_eq!(attrs(&doc, ".quiz .quiz-q", "data-kind"), vec!["tf", "single"]);
    assert!(attrs(&doc, "script[src]", "src").iter().any(|s| s.ends_with("theme/quiz.js")));
    assert!(select(&doc, "pre code.language-quiz").is_empty());
    // A page without a quiz does not load quiz.js.
    let home = c.html("index.html");
    assert!(!attrs(&home, "script[src]", "src").iter().any(|s| s.ends_with("quiz.js")));
    c.file("content/about.md", "# 关于\n\n```quiz\n1. 哪个？\n   - [ ] 甲\n```\n");
    let (code, _, stderr) = c.run_cli(&["build"]);
    assert_eq!(code, 1, "{stderr}");
    assert!(stderr.contains("content/about.md:4:1: error: question 1 has no correct option"), "{stderr}");
}
