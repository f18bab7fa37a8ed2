//! Teacher and student editions. `coursesite build --profile teacher` keeps the
//! teacher-only material; the default student build removes it from the source
//! text *before* the model is built, so no later step (HTML, glossary
//! where-used lists, backlinks, search index, slide decks) ever sees it.
//!
//! Teacher-only material:
//! - callouts of a `teacher_only` kind in [`crate::syntax::callouts::KINDS`]
//!   (`> [!教师]`, slide speaker notes `> [!notes]`, and their aliases);
//! - sections whose heading is in [`TEACHER_SECTIONS`] (a lesson's 课后自我总结分析);
//! - pages with `teacher_only = true` in their front matter.
//!
//! Removed lines become empty lines, so every diagnostic keeps its line number.

use serde::Serialize;

mod strip;
pub use strip::strip;

#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Profile {
    #[default]
    Student,
    Teacher,
}

impl Profile {
    pub fn parse(name: &str) -> Option<Profile> {
        match name {
            "student" | "学生" => Some(Profile::Student),
            "teacher" | "教师" => Some(Profile::Teacher),
            _ => None,
        }
    }

    pub fn is_teacher(self) -> bool {
        self == Profile::Teacher
    }

    /// The default output folder name.
    pub fn default_out(self) -> &'static str {
        match self {
            Profile::Student => "site",
            Profile::Teacher => "site-teacher",
        }
    }
}

/// Headings (any level) whose whole section only the teacher's edition shows.
pub const TEACHER_SECTIONS: &[&str] = &["课后自我总结分析", "课后反思", "教学反思", "教师笔记"];

/// Styles of the teacher's edition, published as `theme/teacher.css` in that
/// edition only (a class in the shared style.css would hint at what was removed).
pub const TEACHER_CSS: &str = r#"/* coursesite: teacher's edition only. */
.teacher-badge {
  display: inline-block; margin-left: auto; padding: .15rem .65rem; border-radius: 999px;
  background: #b45309; color: #fff; font-size: .8rem; font-weight: 700; letter-spacing: .08em; white-space: nowrap;
}
.callout-teacher { --c: #b45309; --c-bg: #fff4e6; border-left-style: double; border-left-width: 6px; }
.callout-teacher > .callout-title::before { content: "✎"; }
.quiz-option.is-key { background: #fff4e6; border-color: #b45309; }
.quiz-key { font-weight: 700; color: #b45309; margin: 0 0 .4rem; }
@media (prefers-color-scheme: dark) {
  .teacher-badge { background: #f59e0b; color: #1b1206; }
  .callout-teacher { --c: #fbbf24; --c-bg: #2b2112; }
  .quiz-option.is-key { background: #2b2112; border-color: #fbbf24; }
  .quiz-key { color: #fbbf24; }
}
@media print { .teacher-badge { border: 1px solid #000; color: #000; background: none; } }
"#;

/// Does this source line open a teacher-only callout (a kind in
/// [`crate::syntax::callouts::KINDS`] with `teacher_only`)? The quote may sit in
/// list items or other quotes (`- > [!教师]`, `> > [!notes]`): the renderer finds
/// callouts at any depth, so the stripping must too.
pub fn is_teacher_callout(line: &str) -> bool {
    let mut rest = line.trim_start();
    let mut quoted = false;
    loop {
        if let Some(r) = rest.strip_prefix('>') {
            quoted = true;
            rest = r.trim_start();
        } else if let Some(r) = strip::list_marker(rest) {
            rest = r.trim_start();
        } else {
            break;
        }
    }
    quoted && crate::syntax::callouts::parse(rest).is_some_and(|m| m.teacher_only())
}

/// Front-matter fields a page may keep for the teacher's edition: the 教案 form's
/// optional rows, the page summary and a case's company and source.
pub const TEACHER_FIELDS: &[&str] = &["summary", "key_points", "difficulties", "deck", "homework", "company", "source"];

/// Check a page's `teacher_only = [...]` names and, in the students' edition,
/// clear those fields so no template, deck or index ever sees them.
pub fn hide_fields(
    page: &mut crate::model::Page,
    fields: &[String],
    profile: Profile,
    diags: &mut Vec<crate::diag::Diagnostic>,
) {
    for name in fields {
        if !TEACHER_FIELDS.contains(&name.as_str()) {
            let line = crate::diag::key_line(&page.text, "teacher_only").unwrap_or(1);
            let mut d = crate::diag::Diagnostic::error(format!("'{name}' cannot be teacher-only"))
                .in_file(&page.display)
                .at(&page.text, line, 1);
            d = match crate::diag::did_you_mean(name, TEACHER_FIELDS.iter().copied()) {
                Some(best) => {
                    d.hint(format!("did you mean '{best}'? fields that can be: {}", TEACHER_FIELDS.join(", ")))
                }
                None => d.hint(format!(
                    "fields that can be: {}; or `teacher_only = true` for the whole page",
                    TEACHER_FIELDS.join(", ")
                )),
            };
            diags.push(d);
            continue;
        }
        if profile.is_teacher() {
            continue;
        }
        match name.as_str() {
            "summary" => page.summary = None,
            "company" | "source" => {
                if let Some(case) = page.case.as_mut() {
                    if name == "company" {
                        case.company = None
                    } else {
                        case.source = None
                    }
                }
            }
            field => {
                if let Some(plan) = page.lesson.as_mut() {
                    match field {
                        "key_points" => plan.key_points.clear(),
                        "difficulties" => plan.difficulties.clear(),
                        "deck" => plan.deck = None,
                        _ => plan.homework.clear(),
                    }
                }
            }
        }
    }
}

/// The pages of an edition: the teacher's keeps everything; the student's drops
/// `teacher_only = true` pages and strips teacher-only blocks from the rest.
pub fn edition(profile: Profile, pages: Vec<crate::load::SourcePage>) -> Vec<crate::load::SourcePage> {
    if profile.is_teacher() {
        return pages;
    }
    use rayon::prelude::*;
    // In parallel (a pass over every page's text); rayon keeps the order.
    pages
        .into_par_iter()
        .filter(|p| !p.front.teacher_only_page())
        .map(|mut p| {
            p.text = strip(&p.text, p.body_offset);
            p
        })
        .collect()
}
