//! Quizzes (自检, 判断题, 选择题, 分类, 简答题) as data. A question is a top-level
//! numbered list item; what is indented under it says what kind it is, with the
//! key inline so the source reads as a teacher's answer sheet:
//!
//! ```text
//! 1. 内部客户也是企业的客户。（对）                ← 判断题: （对）/（错）/（√）/（×）
//! 2. 以下哪项属于售后服务？                        ← 单选: one [x]; 多选: several [x]
//!    - [ ] 产品介绍
//!    - [x] 上门维修
//!    > 解析：维修发生在购买之后。                  ← explanation (any `>` lines)
//! 3. 把下列服务分类：                              ← 分类: `- group：item、item`
//!    - 定期服务：季度保养、年度体检
//!    - 不定期服务：故障抢修
//! 4. 简述投诉处理六步。                            ← 简答: no options
//!    > 参考答案：……
//! ```
//!
//! Text between questions is Markdown. Parsing never fails; what is wrong is a
//! diagnostic at `file:line:col`.

use crate::diag::Diagnostic;
use crate::messages::Msg;
use crate::syntax;
use std::path::Path;

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Answer {
    TrueFalse(bool),
    Single {
        options: Vec<String>,
        answer: usize,
    },
    Multi {
        options: Vec<String>,
        answers: Vec<usize>,
    },
    /// Groups, and each item with the index of its group (in the order shown).
    Sort {
        groups: Vec<String>,
        items: Vec<(String, usize)>,
    },
    Short,
}

impl Answer {
    pub fn kind(&self) -> &'static str {
        match self {
            Answer::TrueFalse(_) => "tf",
            Answer::Single { .. } => "single",
            Answer::Multi { .. } => "multi",
            Answer::Sort { .. } => "sort",
            Answer::Short => "short",
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Question {
    pub number: usize,
    pub line: usize,
    pub stem: String,
    pub answer: Answer,
    /// Markdown of the explanation / model answer, and its first file line.
    pub explain: String,
    pub explain_line: usize,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Part {
    Markdown { text: String, line: usize },
    Question(Question),
}

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Quiz {
    pub parts: Vec<Part>,
}

impl Quiz {
    pub fn questions(&self) -> impl Iterator<Item = &Question> {
        self.parts.iter().filter_map(|p| match p {
            Part::Question(q) => Some(q),
            _ => None,
        })
    }
}

/// `1. ` / `12. ` at the start of a line: the rest.
fn numbered(line: &str) -> Option<&str> {
    let (n, rest) = line.split_once(". ")?;
    (!n.is_empty() && n.len() <= 3 && n.chars().all(|c| c.is_ascii_digit())).then_some(rest)
}

/// Why a question with neither options nor a key looks like a 判断题 (so its
/// missing key is a slip, not a 简答题): it ends with a bracket left blank or
/// holding a word we do not read as a key (`（ ）`, `（是）`; not `（10分）`), or
/// it sits under a heading naming 判断题 and has no model answer.
fn missing_key(stem: &str, true_false_section: bool, explain: &str) -> Option<&'static str> {
    // Not `[…]`: a stem may end with a reference such as `[注]`.
    let bracketed = trailing_bracket(stem, &KEY_BRACKETS[..3])
        .is_some_and(|(_, key)| key.chars().count() <= 2 && !key.chars().any(|c| c.is_ascii_digit()));
    if bracketed {
        Some("quiz_why_bracket")
    } else if true_false_section && explain.trim().is_empty() {
        Some("quiz_why_heading")
    } else {
        None
    }
}

/// The brackets a 判断题's key is written in.
const KEY_BRACKETS: [(char, char); 4] = [('（', '）'), ('(', ')'), ('【', '】'), ('[', ']')];

/// The bracket of `brackets` that ends `stem`: (the stem before it, what it
/// holds), both trimmed.
fn trailing_bracket<'s>(stem: &'s str, brackets: &[(char, char)]) -> Option<(&'s str, &'s str)> {
    let s = stem.trim_end();
    brackets.iter().find_map(|&(open, close)| {
        let inner = s.strip_suffix(close)?;
        let start = inner.rfind(open)?;
        Some((inner[..start].trim_end(), inner[start + open.len_utf8()..].trim()))
    })
}

/// A 判断题 key at the end of the stem: (stem without it, answer).
fn true_false(stem: &str) -> Option<(&str, bool)> {
    let (before, key) = trailing_bracket(stem, &KEY_BRACKETS)?;
    let value = match key {
        "对" | "√" | "✓" | "✔" | "T" | "正确" | "true" => true,
        "错" | "×" | "✗" | "✘" | "F" | "错误" | "false" => false,
        _ => return None,
    };
    Some((before, value))
}

fn split_items(text: &str) -> Vec<String> {
    text.split(['、', '，', ',', '；', ';']).map(str::trim).filter(|s| !s.is_empty()).map(str::to_string).collect()
}

/// A stable, seedless shuffle, so classification items are not listed group by group.
fn shuffle_key(s: &str) -> u64 {
    s.bytes().fold(0xcbf2_9ce4_8422_2325u64, |h, b| (h ^ u64::from(b)).wrapping_mul(0x100_0000_01b3))
}

pub fn parse(body: &str, first_line: usize, display: &Path, file_text: &str, diags: &mut Vec<Diagnostic>) -> Quiz {
    // (file line, text, outside fenced code)
    let lines: Vec<(usize, &str, bool)> =
        syntax::lines::lines(body).map(|l| (first_line + l.number - 1, l.text(), l.is_text())).collect();
    let mut quiz = Quiz::default();
    let mut md = String::new();
    let mut md_line = first_line;
    let mut i = 0;
    let mut number = 0;
    // Under a heading naming 判断题 (`## 一、判断题`).
    let mut true_false_section = false;
    while i < lines.len() {
        let (no, raw, outside_code) = lines[i];
        i += 1;
        if let Some(stem) = numbered(raw).filter(|_| outside_code) {
            if !md.trim().is_empty() {
                quiz.parts.push(Part::Markdown { text: std::mem::take(&mut md), line: md_line });
            }
            md.clear();
            // The question's own lines: indented, or blank between indented ones.
            let mut sub: Vec<(usize, &str)> = Vec::new();
            while i < lines.len() {
                let (n, l, _) = lines[i];
                if l.trim().is_empty() {
                    if lines[i + 1..]
                        .iter()
                        .find(|(_, x, _)| !x.trim().is_empty())
                        .is_some_and(|(_, x, _)| x.starts_with(' '))
                    {
                        i += 1;
                        continue;
                    }
                    break;
                }
                if !l.starts_with(' ') && !l.starts_with('\t') {
                    break;
                }
                sub.push((n, l.trim()));
                i += 1;
            }
            number += 1;
            let raw = RawQuestion { number, line: no, stem, sub: &sub, true_false_section };
            quiz.parts.push(Part::Question(question(raw, display, file_text, diags)));
            md_line = lines.get(i).map_or(no + 1, |l| l.0);
            continue;
        }
        if md.is_empty() {
            md_line = no;
        }
        if outside_code && raw.starts_with('#') {
            true_false_section = raw.contains("判断");
        }
        md.push_str(raw);
        md.push('\n');
    }
    if !md.trim().is_empty() {
        quiz.parts.push(Part::Markdown { text: md, line: md_line });
    }
    if number == 0 {
        diags.push(
            Diagnostic::warning(msg!("quiz_empty"))
                .in_file(display)
                .at(file_text, first_line, 1)
                .hint(msg!("quiz_empty_hint")),
        );
    }
    quiz
}

/// A question as the page wrote it: its number, line, stem and the lines under it.
struct RawQuestion<'a> {
    number: usize,
    line: usize,
    stem: &'a str,
    sub: &'a [(usize, &'a str)],
    /// The question sits under a heading naming 判断题.
    true_false_section: bool,
}

/// What the lines under a question hold: options, groups and an explanation.
struct Parts {
    stem: String,
    options: Vec<(String, bool)>,
    groups: Vec<(String, Vec<String>)>,
    explain: String,
    explain_line: usize,
}

fn question(raw: RawQuestion, display: &Path, file_text: &str, diags: &mut Vec<Diagnostic>) -> Question {
    let RawQuestion { number, line, .. } = raw;
    let Parts { mut stem, options, groups, explain, explain_line } = read_parts(&raw);
    let error = |message: Msg, hint: Msg, diags: &mut Vec<Diagnostic>| {
        diags.push(Diagnostic::error(message).in_file(display).at(file_text, line, 1).hint(hint));
    };
    let answer = if !options.is_empty() {
        let correct: Vec<usize> = options.iter().enumerate().filter(|(_, o)| o.1).map(|(i, _)| i).collect();
        let multi = stem.contains("多选") || correct.len() > 1;
        let texts: Vec<String> = options.into_iter().map(|o| o.0).collect();
        if correct.is_empty() {
            // The hint quotes the teacher's own first option.
            let example = texts.first().map_or("上门维修", String::as_str);
            error(msg!("quiz_no_correct", number), msg!("quiz_no_correct_hint", example), diags);
        }
        if multi {
            Answer::Multi { options: texts, answers: correct }
        } else {
            Answer::Single { options: texts, answer: correct.first().copied().unwrap_or(0) }
        }
    } else if !groups.is_empty() {
        if groups.len() < 2 {
            error(msg!("quiz_one_group", number), msg!("quiz_one_group_hint"), diags);
        }
        let mut items: Vec<(String, usize)> =
            groups.iter().enumerate().flat_map(|(g, (_, its))| its.iter().map(move |it| (it.clone(), g))).collect();
        if items.is_empty() {
            error(msg!("quiz_no_items", number), msg!("quiz_no_items_hint"), diags);
        }
        items.sort_by_key(|(t, _)| (shuffle_key(t), t.clone()));
        Answer::Sort { groups: groups.into_iter().map(|g| g.0).collect(), items }
    } else if let Some((s, value)) = true_false(&stem) {
        stem = s.to_string();
        Answer::TrueFalse(value)
    } else {
        if let Some(why) = missing_key(&stem, raw.true_false_section, &explain) {
            diags.push(
                Diagnostic::warning(msg!("quiz_no_key", number, why = Msg::new(why)))
                    .in_file(display)
                    .at(file_text, line, 1)
                    .hint(msg!("quiz_no_key_hint")),
            );
        }
        Answer::Short
    };
    Question { number, line, stem, answer, explain, explain_line }
}

/// Sort the lines under a question: `>` lines explain, `- [x]`/`- [ ]` are
/// options, `- 组：项、项` groups; other lines continue the stem (before any
/// option) or the explanation.
fn read_parts(raw: &RawQuestion) -> Parts {
    let mut parts = Parts {
        stem: raw.stem.trim().to_string(),
        options: Vec::new(),
        groups: Vec::new(),
        explain: String::new(),
        explain_line: raw.line,
    };
    for &(n, l) in raw.sub {
        if let Some(q) = l.strip_prefix('>') {
            if parts.explain.is_empty() {
                parts.explain_line = n;
            }
            parts.explain.push_str(q.strip_prefix(' ').unwrap_or(q));
            parts.explain.push('\n');
        } else if let Some(item) = l.strip_prefix("- ").or_else(|| l.strip_prefix("* ")) {
            let item = item.trim();
            if let Some(rest) = item.strip_prefix("[x]").or_else(|| item.strip_prefix("[X]")) {
                parts.options.push((rest.trim().to_string(), true));
            } else if let Some(rest) = item.strip_prefix("[ ]") {
                parts.options.push((rest.trim().to_string(), false));
            } else if let Some((group, items)) = item.split_once(['：', ':']) {
                parts.groups.push((group.trim().to_string(), split_items(items)));
            } else {
                parts.options.push((item.to_string(), false));
            }
        } else if parts.explain.is_empty() && parts.options.is_empty() && parts.groups.is_empty() {
            parts.stem.push_str(l);
        } else {
            parts.explain.push_str(l);
            parts.explain.push('\n');
        }
    }
    parts
}

#[cfg(test)]
mod tests {
    use super::*;

    fn p(body: &str) -> (Quiz, Vec<Diagnostic>) {
        let mut d = Vec::new();
        let q = parse(body, 1, Path::new("content/quizzes/a.md"), body, &mut d);
        (q, d)
    }

    #[test]
    fn a_true_false_question_without_its_key_is_a_warning() {
        let body = "## 一、判断题\n\n1. 内部客户也是客户。\n2. 客户只指外部顾客。（ ）\n3. 服务就是微笑。（是）\n\n## 二、简答题\n\n4. 简述投诉处理六步。（10分）\n5. 什么是服务？\n";
        let (q, d) = p(body);
        let warned: Vec<usize> = d.iter().map(|d| d.line).collect();
        assert_eq!(warned, vec![3, 4, 5], "{d:?}");
        assert!(
            d.iter().all(|d| !d.is_error()
                && d.hint.as_ref().map(crate::messages::Msg::en).unwrap_or_default().contains("（对）")),
            "{d:?}"
        );
        assert!(d[0].message.en().contains("判断题 heading") && d[1].message.en().contains("bracket"), "{d:?}");
        assert_eq!(q.questions().filter(|q| q.answer == Answer::Short).count(), 5);
    }

    #[test]
    fn no_correct_option_quotes_the_teachers_own_option() {
        let (_, d) = p("1. 以下哪项属于售后服务？\n   - [ ] 产品介绍\n   - [ ] 上门维修\n");
        assert_eq!(d.len(), 1, "{d:?}");
        assert!(
            d[0].hint.as_ref().map(crate::messages::Msg::en).unwrap_or_default().contains("`- [x] 产品介绍`"),
            "{d:?}"
        );
    }

    #[test]
    fn every_question_kind() {
        let body = "说明文字。\n\n1. 内部客户也是客户。（对）\n   > 解析：员工也是客户。\n2. 客户只指外部顾客。(×)\n3. 以下哪项属于售后服务？\n   - [ ] 产品介绍\n   - [x] 上门维修\n4. 哪些属于软服务？\n   - [x] 微笑\n   - [ ] 停车场\n   - [x] 倾听\n5. 分类：\n   - 定期服务：季度保养、年度体检\n   - 不定期服务：故障抢修，临时咨询\n6. 简述投诉处理六步。\n\n   > 参考答案：倾听、道歉……\n\n结尾。\n";
        let (q, d) = p(body);
        assert!(d.is_empty(), "{d:?}");
        let qs: Vec<&Question> = q.questions().collect();
        assert_eq!(qs.len(), 6);
        assert!(matches!(&q.parts[0], Part::Markdown { text, line: 1 } if text.contains("说明")));
        assert_eq!(qs[0].answer, Answer::TrueFalse(true));
        assert_eq!(qs[0].stem, "内部客户也是客户。");
        assert_eq!(qs[0].explain, "解析：员工也是客户。\n");
        assert_eq!(qs[0].explain_line, 4);
        assert_eq!(qs[1].answer, Answer::TrueFalse(false));
        assert_eq!(qs[2].answer, Answer::Single { options: vec!["产品介绍".into(), "上门维修".into()], answer: 1 });
        assert!(matches!(&qs[3].answer, Answer::Multi { answers, .. } if answers == &[0, 2]));
        let Answer::Sort { groups, items } = &qs[4].answer else { panic!() };
        assert_eq!(groups, &["定期服务", "不定期服务"]);
        assert_eq!(items.len(), 4);
        assert!(items.contains(&("临时咨询".to_string(), 1)));
        assert_eq!(qs[5].answer, Answer::Short);
        assert!(qs[5].explain.contains("参考答案"));
        assert_eq!(qs[5].line, 16);
        assert!(matches!(q.parts.last(), Some(Part::Markdown { text, .. }) if text.contains("结尾")));
    }

    #[test]
    fn numbered_lines_in_fenced_code_are_not_questions() {
        // A ``` line inside a ```` fence is code (CommonMark), not its end.
        let (q, d) = p("````md\n```\n1. 代码里。（对）\n````\n1. 真题。（对）\n\n~~~\n2. 未闭合的围栏到文末。（错）\n");
        assert!(d.is_empty(), "{d:?}");
        let stems: Vec<&str> = q
            .parts
            .iter()
            .filter_map(|p| if let Part::Question(q) = p { Some(q.stem.as_str()) } else { None })
            .collect();
        assert_eq!(stems, ["真题。"]);
        assert!(matches!(&q.parts[0], Part::Markdown { text, line: 1 } if text.contains("代码里")));
    }

    #[test]
    fn choice_without_key_is_located_error() {
        let (_, d) = p("1. 选哪个？\n   - [ ] 甲\n   - [ ] 乙\n");
        assert_eq!(d.len(), 1);
        assert!(d[0].is_error() && d[0].message.en().contains("no correct option"));
        assert_eq!((d[0].line, d[0].col), (1, 1));
    }

    #[test]
    fn one_group_is_an_error_and_empty_quiz_warns() {
        let (_, d) = p("1. 分类：\n   - 定期服务：保养\n");
        assert!(d.iter().any(|d| d.is_error() && d.message.en().contains("one group")), "{d:?}");
        let (_, d) = p("");
        assert!(d.iter().any(|d| !d.is_error() && d.message.en().contains("no questions")));
        for odd in ["1. \n", "1. （）\n", "1. x\n   -\n   - [x]\n   - ：\n", "1. x\n\n"] {
            let _ = p(odd);
        }
    }
}
