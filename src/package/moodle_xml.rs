//! The Moodle XML question bank (Moodle's "Moodle XML format"): one file for
//! the course, each quiz page a category below the course's bank
//! (`$course$/top/课程/测验`), so one import files every question under its quiz.
//!
//! | quiz model | Moodle type |
//! |------------|-------------|
//! | 判断 | `truefalse` |
//! | 单选 / 多选 | `multichoice` (`single` true / false; each right option 100 ÷ n %, each wrong one −100 %) |
//! | 分类 | `matching`: each item a subquestion, its group the answer |
//! | 简答 | `essay`, the model answer as information for graders |
//!
//! Text is the author's Markdown with `format="markdown"` (Moodle renders it),
//! escaped; the explanation is the question's general feedback.

use super::bank::{self, QuizPage};
use crate::model::quiz::{Answer, Question};
use crate::office::ooxml::esc;
use std::fmt::Write;

/// The bank of every quiz page of the course titled `course`.
pub fn bank(course: &str, quizzes: &[QuizPage]) -> String {
    let mut x = String::from("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<quiz>\n");
    for page in quizzes {
        let _ = writeln!(
            x,
            "  <question type=\"category\">\n    <category>{}</category>\n  </question>",
            text(&bank::category(course, page.title))
        );
        for q in page.quiz.questions() {
            question(&mut x, q);
        }
    }
    x.push_str("</quiz>\n");
    x
}

/// `<text>…</text>`, escaped.
fn text(s: &str) -> String {
    format!("<text>{}</text>", esc(s))
}

/// An element holding Markdown text: `<questiontext format="markdown"><text>…`.
fn markdown(tag: &str, s: &str) -> String {
    format!("<{tag} format=\"markdown\">{}</{tag}>", text(s))
}

fn question(x: &mut String, q: &Question) {
    let kind = match q.answer {
        Answer::TrueFalse(_) => "truefalse",
        Answer::Single { .. } | Answer::Multi { .. } => "multichoice",
        Answer::Sort { .. } => "matching",
        Answer::Short => "essay",
    };
    let _ = writeln!(x, "  <question type=\"{kind}\">");
    let _ = writeln!(x, "    <name>{}</name>", text(&bank::name(q)));
    let _ = writeln!(x, "    {}", markdown("questiontext", bank::stem(q)));
    let _ = writeln!(x, "    {}", markdown("generalfeedback", bank::feedback(q)));
    x.push_str("    <defaultgrade>1</defaultgrade>\n    <hidden>0</hidden>\n");
    match &q.answer {
        Answer::TrueFalse(value) => {
            for (word, right) in [("true", *value), ("false", !*value)] {
                let fraction = if right { 100 } else { 0 };
                let _ = writeln!(x, "    <answer fraction=\"{fraction}\" format=\"moodle_auto_format\">{}<feedback format=\"markdown\"><text></text></feedback></answer>", text(word));
            }
        }
        Answer::Single { options, answer } => choices(x, options, &[*answer], true),
        Answer::Multi { options, answers } => choices(x, options, answers, false),
        Answer::Sort { groups, items } => {
            x.push_str("    <shuffleanswers>true</shuffleanswers>\n");
            for (item, group) in items {
                let group = groups.get(*group).map_or("", |g| g.trim());
                let _ = writeln!(
                    x,
                    "    <subquestion format=\"markdown\">{}<answer>{}</answer></subquestion>",
                    text(item.trim()),
                    text(group)
                );
            }
        }
        Answer::Short => {
            x.push_str("    <responseformat>editor</responseformat>\n    <responserequired>1</responserequired>\n");
            x.push_str("    <responsefieldlines>10</responsefieldlines>\n    <attachments>0</attachments>\n");
            let _ = writeln!(x, "    {}", markdown("graderinfo", bank::feedback(q)));
            x.push_str("    <responsetemplate format=\"html\"><text></text></responsetemplate>\n");
        }
    }
    x.push_str("  </question>\n");
}

/// A multichoice question's options: 100 % for the one right option, or
/// 100 ÷ n % for each of n right ones and −100 % for each wrong one.
fn choices(x: &mut String, options: &[String], right: &[usize], single: bool) {
    let _ = writeln!(x, "    <single>{single}</single>\n    <shuffleanswers>true</shuffleanswers>\n    <answernumbering>abc</answernumbering>");
    let share = bank::share(right.len());
    for (i, option) in options.iter().enumerate() {
        let fraction = match (right.contains(&i), single) {
            (true, _) => share.as_str(),
            (false, true) => "0",
            (false, false) => "-100",
        };
        let _ = writeln!(
            x,
            "    <answer fraction=\"{fraction}\" format=\"markdown\">{}<feedback format=\"markdown\"><text></text></feedback></answer>",
            text(option.trim())
        );
    }
}
