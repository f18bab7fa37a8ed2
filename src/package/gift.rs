//! The GIFT question bank (Moodle's "GIFT format"): one text file for the
//! course, each quiz page a `$CATEGORY:` below the course's bank, each
//! question `::name::[markdown]stem{answers####explanation}`.
//!
//! | quiz model | GIFT |
//! |------------|------|
//! | 判断 | `{TRUE}` / `{FALSE}` |
//! | 单选 | `{=right ~wrong}` |
//! | 多选 | `{~%50%right ~%-100%wrong}` (each right option 100 ÷ n %) |
//! | 分类 | matching: `{=item -> group}` |
//! | 简答 | essay: `{}`, the model answer as general feedback |
//!
//! GIFT's special characters `~ = # { } :` and the backslash are escaped with a
//! backslash, and a line break inside a text is `\n`: a blank line would end
//! the question.

use super::bank::{self, QuizPage};
use crate::model::quiz::{Answer, Question};
use std::fmt::Write;

/// The bank of every quiz page of the course titled `course`.
pub fn bank(course: &str, quizzes: &[QuizPage]) -> String {
    let mut x = format!("// {}: coursesite\n\n", escape(course));
    for page in quizzes {
        let _ = writeln!(x, "// {}\n$CATEGORY: {}\n", page.id, bank::category(course, page.title));
        for q in page.quiz.questions() {
            question(&mut x, q);
        }
    }
    x
}

/// Text with GIFT's special characters escaped.
pub fn escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '\\' | '~' | '=' | '#' | '{' | '}' | ':' => {
                out.push('\\');
                out.push(c);
            }
            '\n' => out.push_str("\\n"),
            '\r' => {}
            c => out.push(c),
        }
    }
    out
}

fn question(x: &mut String, q: &Question) {
    let _ = write!(x, "::{}::[markdown]{}{{", escape(&bank::name(q)), escape(bank::stem(q)));
    match &q.answer {
        Answer::TrueFalse(value) => x.push_str(if *value { "TRUE" } else { "FALSE" }),
        Answer::Single { options, answer } => {
            for (i, option) in options.iter().enumerate() {
                let mark = if i == *answer { '=' } else { '~' };
                let _ = write!(x, "\n\t{mark}{}", escape(option.trim()));
            }
        }
        Answer::Multi { options, answers } => {
            let share = bank::share(answers.len());
            for (i, option) in options.iter().enumerate() {
                let weight = if answers.contains(&i) { share.as_str() } else { "-100" };
                let _ = write!(x, "\n\t~%{weight}%{}", escape(option.trim()));
            }
        }
        Answer::Sort { groups, items } => {
            for (item, group) in items {
                let group = groups.get(*group).map_or("", |g| g.trim());
                let _ = write!(x, "\n\t={} -> {}", escape(item.trim()), escape(group));
            }
        }
        Answer::Short => {}
    }
    let feedback = bank::feedback(q);
    if !feedback.is_empty() {
        let _ = write!(x, "\n\t####{}", escape(feedback));
    }
    x.push_str("\n}\n\n");
}

#[cfg(test)]
mod tests {
    #[test]
    fn specials_are_escaped_and_line_breaks_kept_on_one_line() {
        assert_eq!(super::escape("a~b=c#d{e}f:g\\h\n第二行"), "a\\~b\\=c\\#d\\{e\\}f\\:g\\\\h\\n第二行");
    }
}
