//! A quiz's page body: each question as a small form (radio buttons, check
//! boxes, a drop-down per item to classify, a text box), its explanation held
//! back until the student checks. `quiz.js` checks, scores and remembers the
//! answers in localStorage. The teacher's edition shows every key inline.
//! The markup is the theme's (`templates/macros/quiz.html`); this module hands
//! it the questions, with their Markdown rendered.

use super::markdown::PageState;
use super::script::Md;
use super::templates::{Fragment, Templates};
use crate::config::Language;
use crate::diag::Diagnostic;
use crate::i18n::t;
use crate::model::quiz::{Answer, Part, Question, Quiz};
use serde::Serialize;

fn inline(text: &str, line: usize, md: &mut Md, state: &mut PageState) -> String {
    let html = md(text, line, state);
    let trimmed = html.trim();
    match trimmed.strip_prefix("<p>").and_then(|h| h.strip_suffix("</p>")) {
        Some(inner) if !inner.contains("<p>") => inner.to_string(),
        _ => trimmed.to_string(),
    }
}

/// A ```quiz block inside any page: parsed and rendered like a quiz page, its
/// questions' ids prefixed so several blocks can share a page.
pub fn block(
    source: &str,
    first_line: usize,
    env: &super::markdown::Env,
    state: &mut PageState,
    diags: &mut Vec<crate::diag::Diagnostic>,
) -> String {
    let quiz = crate::model::quiz::parse(source, first_line, env.display, env.file_text, diags);
    state.quiz_blocks += 1;
    let prefix = format!("quiz{}-", state.quiz_blocks);
    let mut md = |text: &str, line: usize, state: &mut PageState| {
        // Nested Markdown: its headings are not the page's (they would shift the ids).
        let (headings, current) = (state.headings.len(), state.current);
        let sub = super::markdown::Env { line_offset: line.saturating_sub(1), ..*env };
        let html = super::markdown::render(text, &sub, state, diags);
        state.headings.truncate(headings);
        state.current = current;
        html
    };
    let html = render_with(&quiz, "", &prefix, (env.templates, env.lang, env.teacher), state, &mut md);
    html.unwrap_or_else(|d| {
        diags.push(d);
        String::new()
    })
}

pub fn render(
    quiz: &Quiz,
    page_id: &str,
    env: (&Templates, Language, bool),
    state: &mut PageState,
    md: &mut Md,
) -> Result<String, Diagnostic> {
    render_with(quiz, page_id, "", env, state, md)
}

/// What `macros/quiz.html` is given: the data, Markdown already rendered.
#[derive(Debug, Serialize)]
struct QuizData<'a> {
    page_id: &'a str,
    /// The teacher's edition: keys are marked.
    teacher: bool,
    parts: Vec<PartData>,
}

/// Text between questions (`html`) or a question.
#[derive(Debug, Serialize)]
struct PartData {
    html: Option<String>,
    question: Option<QuestionData>,
}

#[derive(Debug, Serialize)]
struct QuestionData {
    /// The form field's name and the fieldset's id (`q3`, `quiz2-q3`).
    name: String,
    /// tf, single, multi, sort or short.
    kind: &'static str,
    kind_label: &'static str,
    number: usize,
    /// The key as quiz.js reads it (`data-answer`).
    answer: String,
    /// The key in words, for the teacher's edition.
    key_text: String,
    stem_html: String,
    /// tf (`true`, `false`), single and multi.
    options: Vec<OptionData>,
    /// sort: the items to classify and the groups to pick from.
    items: Vec<String>,
    groups: Vec<String>,
    /// Empty when the question has no explanation.
    explain_html: String,
}

#[derive(Debug, Serialize)]
struct OptionData {
    value: String,
    letter: String,
    html: String,
    /// This option is (part of) the key.
    key: bool,
}

fn render_with(
    quiz: &Quiz,
    page_id: &str,
    prefix: &str,
    (templates, lang, teacher): (&Templates, Language, bool),
    state: &mut PageState,
    md: &mut Md,
) -> Result<String, Diagnostic> {
    for q in quiz.questions() {
        state.slugger.reserve(&format!("{prefix}q{}", q.number));
    }
    // Markdown is rendered here, in reading order: it numbers headings and
    // footnotes in the page's state.
    let parts = quiz
        .parts
        .iter()
        .map(|part| match part {
            Part::Markdown { text, line } => PartData { html: Some(md(text, *line, state)), question: None },
            Part::Question(q) => PartData { html: None, question: Some(question(q, prefix, lang, state, md)) },
        })
        .collect();
    templates.fragment(Fragment::Quiz, "quiz", &QuizData { page_id, teacher, parts })
}

fn question(q: &Question, prefix: &str, lang: Language, state: &mut PageState, md: &mut Md) -> QuestionData {
    let (answer, key_text) = key(&q.answer, lang);
    let stem_html = inline(&q.stem, q.line, md, state);
    let mut data = QuestionData {
        name: format!("{prefix}q{}", q.number),
        kind: q.answer.kind(),
        kind_label: t(lang, &format!("quiz_kind_{}", q.answer.kind())),
        number: q.number,
        answer,
        key_text,
        stem_html,
        options: Vec::new(),
        items: Vec::new(),
        groups: Vec::new(),
        explain_html: String::new(),
    };
    let mut choices = |options: &[String], is_key: &dyn Fn(usize) -> bool, state: &mut PageState| {
        let html = |(i, o): (usize, &String)| OptionData {
            value: i.to_string(),
            letter: letter_only(i),
            html: inline(o, q.line, md, state),
            key: is_key(i),
        };
        options.iter().enumerate().map(html).collect()
    };
    match &q.answer {
        Answer::TrueFalse(v) => {
            data.options = [true, false]
                .into_iter()
                .map(|value| OptionData {
                    value: value.to_string(),
                    letter: String::new(),
                    html: String::new(),
                    key: value == *v,
                })
                .collect();
        }
        Answer::Single { options, answer } => data.options = choices(options, &|i| i == *answer, state),
        Answer::Multi { options, answers } => data.options = choices(options, &|i| answers.contains(&i), state),
        Answer::Sort { groups, items } => {
            data.items = items.iter().map(|(item, _)| item.clone()).collect();
            data.groups = groups.clone();
        }
        Answer::Short => {}
    }
    if !q.explain.trim().is_empty() {
        data.explain_html = md(&q.explain, q.explain_line, state);
    }
    data
}

/// The key as `data-answer` holds it, and in words.
fn key(answer: &Answer, lang: Language) -> (String, String) {
    match answer {
        Answer::TrueFalse(v) => (v.to_string(), t(lang, if *v { "quiz_true" } else { "quiz_false" }).to_string()),
        Answer::Single { options, answer } => {
            (answer.to_string(), options.get(*answer).map_or(String::new(), |o| letter(*answer, o)))
        }
        Answer::Multi { options, answers } => (
            answers.iter().map(usize::to_string).collect::<Vec<_>>().join(","),
            answers.iter().filter_map(|&a| options.get(a).map(|o| letter(a, o))).collect::<Vec<_>>().join("；"),
        ),
        Answer::Sort { groups, items } => (
            items.iter().map(|(_, g)| g.to_string()).collect::<Vec<_>>().join(","),
            groups
                .iter()
                .enumerate()
                .map(|(g, name)| {
                    let its: Vec<&str> = items.iter().filter(|(_, ig)| *ig == g).map(|(s, _)| s.as_str()).collect();
                    format!("{name}：{}", its.join("、"))
                })
                .collect::<Vec<_>>()
                .join("；"),
        ),
        Answer::Short => (String::new(), String::new()),
    }
}

fn letter_only(i: usize) -> String {
    char::from_u32('A' as u32 + (i as u32 % 26)).map_or_else(String::new, |c| c.to_string())
}

fn letter(i: usize, option: &str) -> String {
    format!("{} {}", letter_only(i), option)
}
