//! `coursesite export --quizzes moodle-xml|gift`: each bank is read back (Moodle
//! XML with the XML reader the Office import uses, quick-xml; GIFT with a small
//! strict reader written from Moodle's GIFT documentation) and every question's
//! kind, stem, options, right answers, classification pairs and feedback must
//! equal the quiz model's — for the sample course and for a fixture holding
//! every kind of question and every character GIFT and XML treat specially.

mod common;

use common::*;
use coursesite::model::quiz::{self, Answer, Question};
use coursesite::office::ooxml::{parse_xml, Element};

/// A question as every bank format can say it.
#[derive(Debug, Clone, PartialEq)]
struct Seen {
    kind: &'static str,
    stem: String,
    /// Choice options in order (a true/false question: none).
    options: Vec<String>,
    /// Indexes of the right options; a true/false question: `[0]` true, `[1]` false.
    right: Vec<usize>,
    /// A classification: (item, group).
    pairs: Vec<(String, String)>,
    feedback: String,
}

/// A quiz page: its title and questions.
type Bank = Vec<(String, Vec<Seen>)>;

fn seen(q: &Question) -> Seen {
    let mut s = Seen {
        kind: q.answer.kind(),
        stem: q.stem.trim().to_string(),
        options: Vec::new(),
        right: Vec::new(),
        pairs: Vec::new(),
        feedback: q.explain.trim().to_string(),
    };
    match &q.answer {
        Answer::TrueFalse(value) => s.right = vec![usize::from(!value)],
        Answer::Single { options, answer } => {
            s.options = options.iter().map(|o| o.trim().to_string()).collect();
            s.right = vec![*answer];
        }
        Answer::Multi { options, answers } => {
            s.options = options.iter().map(|o| o.trim().to_string()).collect();
            s.right = answers.clone();
        }
        Answer::Sort { groups, items } => {
            s.pairs = items.iter().map(|(item, g)| (item.trim().to_string(), groups[*g].trim().to_string())).collect();
        }
        Answer::Short => {}
    }
    s
}

/// What the quiz model makes of the course's quiz pages (content/quizzes/, in file order).
fn expected(course: &TestCourse) -> Bank {
    let mut files: Vec<_> = std::fs::read_dir(course.path("content/quizzes"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "md"))
        .collect();
    files.sort();
    files
        .iter()
        .map(|path| {
            let text = std::fs::read_to_string(path).unwrap();
            let parsed = coursesite::load::frontmatter::parse(&text, path).unwrap();
            let mut diags = Vec::new();
            let body = &text[parsed.body_offset..];
            let quiz = quiz::parse(body, parsed.body_line, path, &text, &mut diags);
            assert!(diags.iter().all(|d| !d.is_error()), "{diags:?}");
            (parsed.front.title.unwrap(), quiz.questions().map(seen).collect())
        })
        .collect()
}

/// Export the bank and return its text.
fn export(course: &TestCourse, format: &str, file: &str) -> String {
    let (code, stdout, stderr) = course.run_cli(&["export", "--quizzes", format]);
    assert_eq!(code, 0, "{stderr}");
    assert!(stdout.contains(file), "{stdout}");
    std::fs::read_to_string(course.path(&format!("export/{file}"))).unwrap()
}

/// The quiz's title from a category path `$course$/top/COURSE/QUIZ`.
fn quiz_of(category: &str, course: &str) -> String {
    let prefix = format!("$course$/top/{course}/");
    category.strip_prefix(&prefix).unwrap_or_else(|| panic!("{category} is not under {prefix}")).replace("//", "/")
}

fn moodle(xml: &str, course: &str) -> Bank {
    let root = parse_xml(xml).expect("well-formed Moodle XML");
    assert_eq!(root.name, "quiz");
    let mut bank: Bank = Vec::new();
    for q in root.elements().filter(|e| e.name == "question") {
        let text = |names: &[&str]| q.path(names).map(Element::text).unwrap_or_default();
        if q.attr("type") == Some("category") {
            bank.push((quiz_of(&text(&["category", "text"]), course), Vec::new()));
            continue;
        }
        let answers: Vec<(f64, String)> = q
            .elements()
            .filter(|e| e.name == "answer")
            .map(|a| (a.attr("fraction").unwrap().parse().unwrap(), a.child("text").unwrap().text()))
            .collect();
        let right = |a: &[(f64, String)]| a.iter().enumerate().filter(|(_, a)| a.0 > 0.0).map(|(i, _)| i).collect();
        let mut s = Seen {
            kind: "",
            stem: text(&["questiontext", "text"]),
            options: Vec::new(),
            right: Vec::new(),
            pairs: Vec::new(),
            feedback: text(&["generalfeedback", "text"]),
        };
        assert_eq!(q.child("questiontext").unwrap().attr("format"), Some("markdown"));
        match q.attr("type").unwrap() {
            "truefalse" => {
                s.kind = "tf";
                let true_right = answers.iter().any(|(f, t)| t == "true" && *f == 100.0);
                s.right = vec![usize::from(!true_right)];
            }
            "multichoice" => {
                s.kind = if text(&["single"]) == "true" { "single" } else { "multi" };
                s.options = answers.iter().map(|a| a.1.clone()).collect();
                s.right = right(&answers);
                let total: f64 = answers.iter().filter(|a| a.0 > 0.0).map(|a| a.0).sum();
                assert!((total - 100.0).abs() < 0.01, "right options add up to {total}");
            }
            "matching" => {
                s.kind = "sort";
                s.pairs = q
                    .elements()
                    .filter(|e| e.name == "subquestion")
                    .map(|e| (e.child("text").unwrap().text(), e.path(&["answer", "text"]).unwrap().text()))
                    .collect();
            }
            "essay" => {
                s.kind = "short";
                assert_eq!(text(&["graderinfo", "text"]), s.feedback, "the model answer is the graders' information");
            }
            other => panic!("unexpected question type {other}"),
        }
        bank.last_mut().expect("a category first").1.push(s);
    }
    bank
}

/// GIFT text as characters, each marked when a backslash escaped it (`\n` is
/// an escaped line break).
fn lex(text: &str) -> Vec<(char, bool)> {
    let mut out = Vec::new();
    let mut chars = text.chars();
    while let Some(c) = chars.next() {
        match (c, c == '\\') {
            (_, true) => match chars.next() {
                Some('n') => out.push(('\n', true)),
                Some(next) => out.push((next, true)),
                None => panic!("a lone backslash at the end"),
            },
            _ => out.push((c, false)),
        }
    }
    out
}

fn plain(tokens: &[(char, bool)]) -> String {
    tokens.iter().map(|t| t.0).collect::<String>().trim().to_string()
}

/// Where the unescaped `pat` starts in `tokens`.
fn find(tokens: &[(char, bool)], pat: &str) -> Option<usize> {
    let pat: Vec<char> = pat.chars().collect();
    (0..tokens.len())
        .find(|&i| tokens.len() >= i + pat.len() && pat.iter().enumerate().all(|(k, c)| tokens[i + k] == (*c, false)))
}

/// One GIFT question: `::name::[markdown]stem{answers####feedback}`.
fn gift_question(chunk: &str) -> Seen {
    let t = lex(chunk);
    assert_eq!(find(&t, "::"), Some(0), "{chunk}");
    let name_end = 2 + find(&t[2..], "::").expect("the name's closing ::");
    let mut rest = &t[name_end + 2..];
    if let Some(0) = find(rest, "[markdown]") {
        rest = &rest[10..];
    } else {
        panic!("no [markdown] format: {chunk}");
    }
    let open = find(rest, "{").expect("an answer block");
    let close = rest.iter().rposition(|c| *c == ('}', false)).expect("a closing brace");
    let mut s = Seen {
        kind: "short",
        stem: plain(&rest[..open]),
        options: Vec::new(),
        right: Vec::new(),
        pairs: Vec::new(),
        feedback: String::new(),
    };
    let mut block = &rest[open + 1..close];
    if let Some(at) = find(block, "####") {
        s.feedback = plain(&block[at + 4..]);
        block = &block[..at];
    }
    match plain(block).as_str() {
        "" => return s,
        "TRUE" | "T" => return Seen { kind: "tf", right: vec![0], ..s },
        "FALSE" | "F" => return Seen { kind: "tf", right: vec![1], ..s },
        _ => {}
    }
    let starts: Vec<usize> =
        (0..block.len()).filter(|&i| block[i] == ('=', false) || block[i] == ('~', false)).collect();
    let mut weighted = false;
    for (k, &start) in starts.iter().enumerate() {
        let end = starts.get(k + 1).copied().unwrap_or(block.len());
        let mut answer = &block[start + 1..end];
        let mut weight = if block[start].0 == '=' { 100.0 } else { 0.0 };
        if answer.first() == Some(&('%', false)) {
            let to = 1 + find(&answer[1..], "%").expect("closing %");
            weight = plain(&answer[1..to]).parse().unwrap();
            answer = &answer[to + 1..];
            weighted = true;
        }
        assert_eq!(find(answer, "#"), None, "no per-answer feedback is written: {chunk}");
        match find(answer, "->") {
            Some(arrow) => s.pairs.push((plain(&answer[..arrow]), plain(&answer[arrow + 2..]))),
            None => {
                if weight > 0.0 {
                    s.right.push(s.options.len());
                }
                s.options.push(plain(answer));
            }
        }
    }
    s.kind = if !s.pairs.is_empty() {
        "sort"
    } else if weighted {
        "multi"
    } else {
        "single"
    };
    s
}

fn gift(text: &str, course: &str) -> Bank {
    let mut bank: Bank = Vec::new();
    for chunk in text.split("\n\n") {
        let lines: Vec<&str> = chunk.lines().filter(|l| !l.trim_start().starts_with("//")).collect();
        let chunk = lines.join("\n");
        if chunk.trim().is_empty() {
            continue;
        }
        if let Some(category) = chunk.trim().strip_prefix("$CATEGORY:") {
            bank.push((quiz_of(category.trim(), course), Vec::new()));
            continue;
        }
        bank.last_mut().expect("a category first").1.push(gift_question(chunk.trim()));
    }
    bank
}

/// A quiz with every kind of question and the characters banks must escape:
/// GIFT's `~ = # { } :` and backslash, XML's `<` and `&`, Chinese
/// punctuation, and explanations over several lines.
const AWKWARD: &str = r#"+++
title = "怪字符：测验 {一} / 二"
+++

1. 客户说“我要投诉你！”时，先道歉 = 认错吗？（对）
   > 解析：先道歉 = 先接住情绪；
   > 第二行：用 #1 优先级 {处理} ~ 不推诿 \ 反斜杠 & <b>不是标签</b>
2. 下列哪一项属于售中服务？a < b & c > d
   - [ ] 上门安装 ~ 调试
   - [x] 帮助顾客挑选商品 = 推荐
   - [ ] 回访: 满意度 {A}
   > 解析：售中 # 购买过程中。
3. 哪些做法体现了软服务？（多选）
   - [x] 耐心倾听 {态度}
   - [ ] 增加停车位
   - [x] 微笑：真诚
   - [x] 使用“您好”\称呼
4. 把下列服务分类：
   - 定期服务：季度保养、年度体检 #1
   - 不定期服务：故障抢修、来电咨询 ~ 投诉
   > 解析：看是否有固定周期。
5. 简述投诉处理的六个步骤。
   > 参考答案：倾听 → 道歉 → 记录；
   > 解决 = 方案 {A}；
   > 跟进 ~ 回访：完成。
6. 售后服务只包括维修。（错）
7. 说说“服务”二字的含义。
"#;

fn awkward_course() -> TestCourse {
    let course = TestCourse::new();
    course.file("content/quizzes/01-怪字符.md", AWKWARD);
    course
}

#[test]
fn moodle_xml_gives_back_every_question_of_the_sample_course() {
    let course = sample_course();
    let xml = export(&course, "moodle-xml", "客户服务实务.moodle.xml");
    let want = expected(&course);
    assert_eq!(want.len(), 2, "the sample course's two quiz pages");
    assert_eq!(moodle(&xml, "客户服务实务"), want);
}

#[test]
fn gift_gives_back_every_question_of_the_sample_course() {
    let course = sample_course();
    let text = export(&course, "gift", "客户服务实务.gift.txt");
    assert_eq!(gift(&text, "客户服务实务"), expected(&course));
}

#[test]
fn every_kind_and_every_special_character_survive_both_banks() {
    let course = awkward_course();
    let want = expected(&course);
    let kinds: Vec<&str> = want[0].1.iter().map(|q| q.kind).collect();
    assert_eq!(kinds, ["tf", "single", "multi", "sort", "short", "tf", "short"]);
    assert!(want[0].1[0].feedback.contains('\n'), "a multi-line explanation");
    let xml = export(&course, "moodle-xml", "测试课程.moodle.xml");
    assert_eq!(moodle(&xml, "测试课程"), want);
    let text = export(&course, "gift", "测试课程.gift.txt");
    assert!(text.contains("$CATEGORY: $course$/top/测试课程/怪字符：测验 {一} // 二\n"), "a slash doubled: {text}");
    assert_eq!(gift(&text, "测试课程"), want);
}

#[test]
fn a_course_without_quizzes_is_an_error_that_says_what_a_quiz_is() {
    let course = TestCourse::new();
    course.file("content/index.md", "# 首页\n");
    let (code, stdout, stderr) = course.run_cli(&["export", "--quizzes", "gift"]);
    assert_eq!(code, 1, "{stdout}{stderr}");
    assert!(stderr.contains("no quizzes") && stderr.contains("content/quizzes/"), "{stderr}");
    assert!(!course.path("export").exists(), "nothing written");
}
