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
use crate::load::SourcePage;
pub use strip::{may_hold_teacher_material, strip};

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
/* Beside the course's title, so the search box keeps its place at the right. */
.teacher-badge {
  display: inline-block; flex: none; padding: .15rem .65rem; border-radius: 999px;
  background: #b45309; color: #fff; font-size: .8rem; font-weight: 700; letter-spacing: .08em; white-space: nowrap;
}
@media (max-width: 40rem) {
  .teacher-badge { padding: .1rem .4rem; font-size: .72rem; letter-spacing: 0; }
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

/// Each page text's student edition, by the text's hash: `serve` strips
/// only the texts a save changed (the model's cache holds it).
#[derive(Debug, Default)]
pub struct StudentTexts(std::collections::HashMap<u64, crate::load::PageText>);

impl StudentTexts {
    /// The student-edition text of `text`, from `strip` or from last time.
    pub fn get(
        &mut self,
        text: &crate::load::PageText,
        strip: impl FnOnce() -> crate::load::PageText,
    ) -> crate::load::PageText {
        self.0.entry(crate::fingerprint::hash_of(text)).or_insert_with(strip).clone()
    }

    /// Forget them all when there are more than `max` (texts edited away pile up).
    pub fn bound(&mut self, max: usize) {
        if self.0.len() > max {
            self.0.clear();
        }
    }
}

/// The pages of an edition: the teacher's keeps everything; the student's drops
/// `teacher_only = true` pages and strips teacher-only blocks from the rest.
pub fn edition(
    profile: Profile,
    pages: Vec<std::sync::Arc<SourcePage>>,
    cache: Option<&mut StudentTexts>,
) -> Vec<std::sync::Arc<SourcePage>> {
    if profile.is_teacher() {
        return pages;
    }
    let student = |p: &SourcePage| match may_hold_teacher_material(&p.text) {
        true => strip(&p.text, p.body_offset).into(),
        false => p.text.clone(),
    };
    // Copied only when its text changes: most pages hold nothing for teachers.
    let with_text = |mut p: std::sync::Arc<SourcePage>, text: crate::load::PageText| {
        if text != p.text {
            std::sync::Arc::make_mut(&mut p).text = text;
        }
        p
    };
    let pages = pages.into_iter().filter(|p| !p.front.teacher_only_page());
    if let Some(cache) = cache {
        // serve: each text was looked at last time unless it changed.
        return pages
            .map(|p| {
                let text = cache.get(&p.text, || student(&p));
                with_text(p, text)
            })
            .collect();
    }
    use rayon::prelude::*;
    // In parallel (a pass over every page's text); rayon keeps the order.
    pages
        .collect::<Vec<_>>()
        .into_par_iter()
        .map(|p| {
            let text = student(&p);
            with_text(p, text)
        })
        .collect()
}
