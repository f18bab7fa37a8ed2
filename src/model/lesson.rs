//! The 教案 form (DOMAIN.md §1): a lesson's front matter, checked for the fields a
//! department requires and for a teaching design whose minutes fit its 学时.

use crate::diag::Diagnostic;
use crate::load::frontmatter::{FrontMatter, Step};
use crate::load::SourcePage;
use serde::Serialize;

/// One 学时 (class period) is 45 minutes in most Chinese schools; course.toml's
/// `[lesson] period_minutes` says 40 or 50 where the school's differs.
pub const MINUTES_PER_HOUR: u32 = crate::config::DEFAULT_PERIOD_MINUTES;

#[derive(Debug, Clone, Serialize)]
pub struct LessonPlan {
    pub number: u32,
    pub chapter: String,
    pub knowledge: Vec<String>,
    pub ability: Vec<String>,
    pub content: Vec<String>,
    pub methods: Vec<String>,
    pub hours: u32,
    pub deck: Option<String>,
    pub key_points: Vec<String>,
    pub difficulties: Vec<String>,
    pub steps: Vec<StepView>,
    pub total_minutes: u32,
    pub homework: Vec<String>,
}

#[derive(Debug, Clone, Serialize)]
pub struct StepView {
    /// 步骤一, 步骤二, … (or Step 1 in English, filled by the renderer's strings).
    pub ordinal: usize,
    pub name: String,
    pub minutes: u32,
}

/// Build the plan, or report every missing field at once. Steps that don't add up
/// to hours × `period` minutes (±10 %) are a warning, not an error: the plan is still usable.
pub fn lesson_plan(src: &SourcePage, title: &str, period: u32, out: &mut Vec<Diagnostic>) -> Option<LessonPlan> {
    let fm: &FrontMatter = &src.front;
    // (field as named in the message, what to write to add it)
    let mut missing: Vec<(&str, &str)> = Vec::new();
    let objectives = fm.objectives.clone().unwrap_or_default();
    let required = [
        (fm.number.is_none(), "number", "number = 1"),
        (fm.hours.is_none(), "hours", "hours = 4"),
        (objectives.knowledge.is_empty(), "[objectives] knowledge", "knowledge = [\"…\"] under [objectives]"),
        (objectives.ability.is_empty(), "[objectives] ability", "ability = [\"…\"] under [objectives]"),
        (fm.content.is_empty(), "content", "content = [\"…\"]"),
        (fm.methods.is_empty(), "methods", "methods = [\"讲授\", \"讨论\"]"),
        (fm.steps.is_empty(), "[[steps]]", "[[steps]] with name = \"组织教学\" and minutes = 5"),
    ];
    for (absent, name, example) in required {
        if absent {
            missing.push((name, example));
        }
    }
    if !missing.is_empty() {
        let names: Vec<&str> = missing.iter().map(|m| m.0).collect();
        let examples: Vec<&str> = missing.iter().map(|m| m.1).collect();
        out.push(
            Diagnostic::error(msg!("lesson_missing_fields", names = crate::messages::list(names)))
                .in_file(&src.display)
                .at(&src.text, 1, 1)
                .hint(msg!("lesson_missing_fields_hint", examples = examples.join("; "))),
        );
        return None;
    }
    let (Some(number), Some(hours)) = (fm.number, fm.hours) else {
        return None;
    };
    let total_minutes: u32 = fm.steps.iter().map(|s| s.minutes).sum();
    check_minutes(src, &fm.steps, (hours, period), total_minutes, out);
    Some(LessonPlan {
        number,
        chapter: fm.chapter.clone().unwrap_or_else(|| title.to_string()),
        knowledge: objectives.knowledge,
        ability: objectives.ability,
        content: fm.content.clone(),
        methods: fm.methods.clone(),
        hours,
        deck: fm.deck.clone(),
        key_points: fm.key_points.clone(),
        difficulties: fm.difficulties.clone(),
        steps: fm
            .steps
            .iter()
            .enumerate()
            .map(|(i, s)| StepView { ordinal: i + 1, name: s.name.clone(), minutes: s.minutes })
            .collect(),
        total_minutes,
        homework: fm.homework.clone(),
    })
}

fn check_minutes(src: &SourcePage, steps: &[Step], (hours, period): (u32, u32), total: u32, out: &mut Vec<Diagnostic>) {
    let planned = hours * period;
    let slack = planned / 10;
    if total + slack >= planned && total <= planned + slack {
        return;
    }
    let line = src
        .text
        .lines()
        .position(|l| l.trim() == "[[steps]]" || l.trim_start().starts_with("steps"))
        .map_or(1, |i| i + 1);
    let breakdown: Vec<String> = steps.iter().map(|s| s.minutes.to_string()).collect();
    out.push(
        Diagnostic::warning(msg!(
            "lesson_minutes",
            total,
            breakdown = breakdown.join(" + "),
            hours,
            per_hour = period,
            planned
        ))
        .in_file(&src.display)
        .at(&src.text, line, 1)
        .hint(msg!("lesson_minutes_hint")),
    );
}

/// 1 → 一, 12 → 十二: step ordinals as a 教案 writes them (步骤三).
pub fn chinese_numeral(n: usize) -> String {
    const DIGITS: [&str; 10] = ["零", "一", "二", "三", "四", "五", "六", "七", "八", "九"];
    match n {
        0..=9 => DIGITS[n].to_string(),
        10..=19 => format!("十{}", if n == 10 { "" } else { DIGITS[n - 10] }),
        20..=99 => format!("{}十{}", DIGITS[n / 10], if n.is_multiple_of(10) { "" } else { DIGITS[n % 10] }),
        _ => n.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::load::frontmatter;
    use std::path::Path;

    fn source(text: &str) -> SourcePage {
        let parsed = frontmatter::parse(text, Path::new("lessons/a.md")).unwrap();
        SourcePage {
            rel: "lessons/a.md".into(),
            display: "content/lessons/a.md".into(),
            text: text.into(),
            front: parsed.front,
            format: parsed.format,
            body_offset: parsed.body_offset,
            body_line: parsed.body_line,
            lines: Default::default(),
            fragments: Vec::new(),
        }
    }

    const FULL: &str = "+++\nnumber = 1\nchapter = \"项目一\"\nhours = 2\ncontent = [\"c\"]\nmethods = [\"讲授\"]\n[objectives]\nknowledge = [\"k\"]\nability = [\"a\"]\n[[steps]]\nname = \"组织教学\"\nminutes = 10\n[[steps]]\nname = \"新课讲解\"\nminutes = MIN\n+++\n";

    #[test]
    fn complete_plan_builds_without_warnings() {
        let src = source(&FULL.replace("MIN", "80"));
        let mut out = Vec::new();
        let plan = lesson_plan(&src, "t", MINUTES_PER_HOUR, &mut out).unwrap();
        assert!(out.is_empty(), "{out:?}");
        assert_eq!(plan.total_minutes, 90);
        assert_eq!(plan.steps[1].ordinal, 2);
    }

    #[test]
    fn minutes_off_by_more_than_ten_percent_warn_with_numbers() {
        let src = source(&FULL.replace("MIN", "50"));
        let mut out = Vec::new();
        assert!(lesson_plan(&src, "t", MINUTES_PER_HOUR, &mut out).is_some());
        assert_eq!(out.len(), 1);
        assert!(!out[0].is_error());
        assert!(out[0].message.en().contains("60 minutes (10 + 50)"), "{}", out[0].message.en());
        assert!(out[0].message.en().contains("90 minutes"), "{}", out[0].message.en());
        assert_eq!(out[0].line, 10);
    }

    #[test]
    fn the_class_period_sets_what_the_minutes_must_add_up_to() {
        // 2 学时 of 40 minutes are 80: 10 + 70 fits, and does not at 50 minutes (100).
        let src = source(&FULL.replace("MIN", "70"));
        let mut out = Vec::new();
        assert!(lesson_plan(&src, "t", 40, &mut out).is_some());
        assert!(out.is_empty(), "{out:?}");
        assert!(lesson_plan(&src, "t", 50, &mut out).is_some());
        assert_eq!(out.len(), 1);
        let en = out[0].message.en();
        assert!(en.contains("50") && en.contains("100 minutes"), "{en}");
    }

    #[test]
    fn missing_fields_are_one_error_listing_all() {
        let src = source("+++\ntitle = \"x\"\nhours = 2\n+++\n");
        let mut out = Vec::new();
        assert!(lesson_plan(&src, "t", MINUTES_PER_HOUR, &mut out).is_none());
        assert_eq!(out.len(), 1);
        let msg = out[0].message.en();
        for field in ["number", "[objectives] knowledge", "content", "methods", "[[steps]]"] {
            assert!(msg.contains(field), "{field} in {msg}");
        }
        assert!(!msg.contains("hours"), "{msg}");
    }

    #[test]
    fn numerals() {
        assert_eq!(chinese_numeral(1), "一");
        assert_eq!(chinese_numeral(5), "五");
        assert_eq!(chinese_numeral(10), "十");
        assert_eq!(chinese_numeral(12), "十二");
        assert_eq!(chinese_numeral(20), "二十");
    }
}
