//! A page's fields in an edition: `teacher_only = ["difficulties", …]` names
//! front-matter fields only the teacher's edition shows; the student's edition
//! clears them here, once the page is parsed, so no template, deck or index
//! ever sees them. (Teacher-only *blocks and pages* are removed earlier, from
//! the source text: see `profile`.)

use super::Page;
use crate::profile::{Profile, TEACHER_FIELDS};

/// Check a page's `teacher_only = [...]` names and, in the students' edition,
/// clear those fields so no template, deck or index ever sees them.
pub fn hide_fields(page: &mut Page, fields: &[String], profile: Profile, diags: &mut Vec<crate::diag::Diagnostic>) {
    for name in fields {
        if !TEACHER_FIELDS.contains(&name.as_str()) {
            let line = crate::diag::key_line(&page.text, "teacher_only").unwrap_or(1);
            let mut d = crate::diag::Diagnostic::error(msg!("teacher_field", name))
                .in_file(&page.display)
                .at(&page.text, line, 1);
            d = match crate::diag::did_you_mean(name, TEACHER_FIELDS.iter().copied()) {
                Some(best) => d.hint(msg!("teacher_field_best", best, fields = crate::messages::list(TEACHER_FIELDS))),
                None => d.hint(msg!("teacher_field_hint", fields = crate::messages::list(TEACHER_FIELDS))),
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
