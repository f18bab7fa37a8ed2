//! A quiz's page body: each question as a small form (radio buttons, check
//! boxes, a drop-down per item to classify, a text box), its explanation held
//! back until the student checks. `quiz.js` checks, scores and remembers the
//! answers in localStorage. The teacher's edition shows every key inline.

use super::highlight::escape;
use super::markdown::PageState;
use super::script::Md;
use crate::config::Language;
use crate::i18n::t;
use crate::model::quiz::{Answer, Part, Question, Quiz};
use std::fmt::Write as _;

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
    render_with(&quiz, "", &prefix, env.lang, env.teacher, state, &mut md)
}

pub fn render(quiz: &Quiz, page_id: &str, lang: Language, teacher: bool, state: &mut PageState, md: &mut Md) -> String {
    render_with(quiz, page_id, "", lang, teacher, state, md)
}

fn render_with(
    quiz: &Quiz,
    page_id: &str,
    prefix: &str,
    lang: Language,
    teacher: bool,
    state: &mut PageState,
    md: &mut Md,
) -> String {
    for q in quiz.questions() {
        state.slugger.reserve(&format!("{prefix}q{}", q.number));
    }
    let mut out = String::new();
    let _ = writeln!(
        out,
        "<div class=\"quiz\" data-quiz=\"{}\" data-t-right=\"{}\" data-t-wrong=\"{}\" data-t-partial=\"{}\" data-t-unanswered=\"{}\" data-t-score=\"{}\" data-t-self=\"{}\">",
        escape(page_id),
        escape(t(lang, "quiz_right")),
        escape(t(lang, "quiz_wrong")),
        escape(t(lang, "quiz_partial")),
        escape(t(lang, "quiz_unanswered")),
        escape(t(lang, "quiz_score")),
        escape(t(lang, "quiz_self")),
    );
    for part in &quiz.parts {
        match part {
            Part::Markdown { text, line } => {
                out.push_str("<div class=\"quiz-text\">\n");
                out.push_str(&md(text, *line, state));
                out.push_str("</div>\n");
            }
            Part::Question(q) => question(q, prefix, lang, teacher, state, md, &mut out),
        }
    }
    let _ = writeln!(
        out,
        "<div class=\"quiz-actions\"><button type=\"button\" class=\"quiz-check\">{}</button> <button type=\"button\" class=\"quiz-reset\">{}</button><p class=\"quiz-score\" aria-live=\"polite\"></p></div>\n</div>",
        escape(t(lang, "quiz_check")),
        escape(t(lang, "quiz_reset")),
    );
    out
}

fn question(
    q: &Question,
    prefix: &str,
    lang: Language,
    teacher: bool,
    state: &mut PageState,
    md: &mut Md,
    out: &mut String,
) {
    let name = format!("{prefix}q{}", q.number);
    let (key, key_text): (String, String) = match &q.answer {
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
    };
    let label = t(lang, &format!("quiz_kind_{}", q.answer.kind()));
    let _ = writeln!(
        out,
        "<fieldset class=\"quiz-q\" id=\"{name}\" data-kind=\"{}\" data-answer=\"{}\">\n<legend class=\"quiz-stem\"><span class=\"quiz-no\">{}</span><span class=\"quiz-kind\">{}</span> {}</legend>",
        q.answer.kind(),
        escape(&key),
        q.number,
        escape(label),
        inline(&q.stem, q.line, md, state)
    );
    out.push_str("<div class=\"quiz-options\">\n");
    match &q.answer {
        Answer::TrueFalse(v) => {
            for (value, word) in [(true, "quiz_true"), (false, "quiz_false")] {
                let mark = if teacher && value == *v { " is-key" } else { "" };
                let _ = writeln!(
                    out,
                    "<label class=\"quiz-option{mark}\"><input type=\"radio\" name=\"{name}\" value=\"{value}\"> <span class=\"quiz-option-text\">{}</span></label>",
                    escape(t(lang, word))
                );
            }
        }
        Answer::Single { options, answer } => {
            for (i, o) in options.iter().enumerate() {
                let mark = if teacher && i == *answer { " is-key" } else { "" };
                let _ = writeln!(
                    out,
                    "<label class=\"quiz-option{mark}\"><input type=\"radio\" name=\"{name}\" value=\"{i}\"> <span class=\"quiz-letter\">{}</span> <span class=\"quiz-option-text\">{}</span></label>",
                    letter_only(i),
                    inline(o, q.line, md, state)
                );
            }
        }
        Answer::Multi { options, answers } => {
            for (i, o) in options.iter().enumerate() {
                let mark = if teacher && answers.contains(&i) { " is-key" } else { "" };
                let _ = writeln!(
                    out,
                    "<label class=\"quiz-option{mark}\"><input type=\"checkbox\" name=\"{name}\" value=\"{i}\"> <span class=\"quiz-letter\">{}</span> <span class=\"quiz-option-text\">{}</span></label>",
                    letter_only(i),
                    inline(o, q.line, md, state)
                );
            }
        }
        Answer::Sort { groups, items } => {
            out.push_str("<ul class=\"quiz-sort\">\n");
            for (k, (item, _)) in items.iter().enumerate() {
                let _ = write!(
                    out,
                    "<li><span class=\"quiz-sort-item\">{}</span> <select name=\"{name}-{k}\" aria-label=\"{}\"><option value=\"\">{}</option>",
                    escape(item),
                    escape(item),
                    escape(t(lang, "quiz_pick"))
                );
                for (g, group) in groups.iter().enumerate() {
                    let _ = write!(out, "<option value=\"{g}\">{}</option>", escape(group));
                }
                out.push_str("</select></li>\n");
            }
            out.push_str("</ul>\n");
        }
        Answer::Short => {
            let _ = writeln!(
                out,
                "<textarea name=\"{name}\" rows=\"3\" aria-label=\"{}\" placeholder=\"{}\"></textarea>",
                escape(t(lang, "quiz_your_answer")),
                escape(t(lang, "quiz_your_answer"))
            );
        }
    }
    out.push_str("</div>\n");
    let hidden = if teacher { "" } else { " hidden" };
    let _ = writeln!(out, "<div class=\"quiz-feedback\"{hidden}>\n<p class=\"quiz-verdict\"></p>");
    if teacher && !key_text.is_empty() {
        let _ = writeln!(out, "<p class=\"quiz-key\">{}：{}</p>", escape(t(lang, "quiz_key")), escape(&key_text));
    }
    if !q.explain.trim().is_empty() {
        out.push_str("<div class=\"quiz-explain\">\n");
        out.push_str(&md(&q.explain, q.explain_line, state));
        out.push_str("</div>\n");
    }
    out.push_str("</div>\n</fieldset>\n");
}

fn letter_only(i: usize) -> String {
    char::from_u32('A' as u32 + (i as u32 % 26)).map_or_else(String::new, |c| c.to_string())
}

fn letter(i: usize, option: &str) -> String {
    format!("{} {}", letter_only(i), option)
}
