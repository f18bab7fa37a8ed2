//! What every question-bank format shares: the course's quiz pages in the
//! author's reading order, the text of a question as the bank carries it, and
//! the grade a right option earns in a multiple-response question.
//!
//! Text goes out as the author wrote it (Markdown; Moodle and GIFT are told so,
//! QTI carries it as plain text), trimmed: the stem, each option, each
//! classified item and group, and the explanation or model answer as the
//! question's general feedback.

use crate::model::quiz::{Question, Quiz};
use crate::model::Course;

/// One quiz page of the course.
#[derive(Debug, Clone, Copy)]
pub struct QuizPage<'a> {
    /// Page id (`quizzes/01-理解客户服务`).
    pub id: &'a str,
    pub title: &'a str,
    /// The source file, as messages show it.
    pub display: &'a std::path::Path,
    pub quiz: &'a Quiz,
}

impl QuizPage<'_> {
    /// The page's file name without `.md` (`01-理解客户服务`).
    pub fn stem(&self) -> &str {
        self.id.rsplit('/').next().unwrap_or(self.id)
    }
}

/// The quiz pages that have questions, in reading order.
pub fn quizzes(course: &Course) -> Vec<QuizPage<'_>> {
    course
        .order
        .iter()
        .map(|&i| &course.pages[i])
        .filter_map(|p| {
            let quiz = p.quiz.as_ref().filter(|q| q.questions().next().is_some())?;
            Some(QuizPage { id: &p.id, title: &p.title, display: &p.display, quiz })
        })
        .collect()
}

/// The question's stem as banks carry it.
pub fn stem(q: &Question) -> &str {
    q.stem.trim()
}

/// The explanation (or a short answer's model answer) as banks carry it:
/// its lines, without the trailing newline.
pub fn feedback(q: &Question) -> &str {
    q.explain.trim()
}

/// A question's name in a bank's list: its number and the start of its stem.
pub fn name(q: &Question) -> String {
    const SHOWN: usize = 30;
    let stem = stem(q);
    let mut short: String = stem.chars().take(SHOWN).collect();
    if stem.chars().count() > SHOWN {
        short.push('…');
    }
    format!("{}. {short}", q.number)
}

/// A category path below the course's question bank (`$course$/top/课程/测验`):
/// a `/` inside a name is doubled, as Moodle reads it.
pub fn category(course: &str, quiz: &str) -> String {
    let part = |s: &str| s.trim().replace('/', "//");
    format!("$course$/top/{}/{}", part(course), part(quiz))
}

/// The percentage each of `right` right options earns, written as Moodle's
/// grade list writes it (100, 50, 33.33333, 25, …, 14.28571, …).
pub fn share(right: usize) -> String {
    let value = 100.0 / right.max(1) as f64;
    let text = format!("{value:.5}");
    text.trim_end_matches('0').trim_end_matches('.').to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shares_are_moodles_grades() {
        let shares: Vec<String> = (1..=7).map(share).collect();
        assert_eq!(shares, ["100", "50", "33.33333", "25", "20", "16.66667", "14.28571"]);
    }

    #[test]
    fn category_doubles_slashes_and_names_are_short() {
        assert_eq!(category("客户/服务", " 测验一 "), "$course$/top/客户//服务/测验一");
        let q = Question {
            number: 3,
            line: 1,
            stem: "一".repeat(40),
            answer: crate::model::quiz::Answer::Short,
            explain: String::new(),
            explain_line: 1,
        };
        assert_eq!(name(&q), format!("3. {}…", "一".repeat(30)));
    }
}
