//! The 教案 form: the field table in the institutional order (序号, 章节名称,
//! 教学目的和要求, …), one labelled row per front-matter field, numbered
//! items where the form lists several. `lesson::form` reads it back.
//!
//! The header rows departments ask for (课程名称, 授课教师, 授课班级, 授课时间)
//! come first, each only when the lesson (`course`, `teacher`, `class`,
//! `taught`) or course.toml's `[lesson]` sets it; 学时 also says the minutes,
//! from `[lesson] period_minutes`.

use super::{run, Fmt, TABLE_START, W};
use crate::config::LessonConfig;
use crate::load::frontmatter::FrontMatter;
use std::fmt::Write as _;

fn field_row(w: &mut W, label: &str, values: &[String]) {
    let cell = |width: u32, content: &str| {
        format!(
            r#"<w:tc><w:tcPr><w:tcW w:w="{width}" w:type="dxa"/><w:vAlign w:val="center"/></w:tcPr>{content}</w:tc>"#
        )
    };
    let label_p = format!(r#"<w:p><w:pPr><w:pStyle w:val="FormLabel"/></w:pPr>{}</w:p>"#, run(label, Fmt::default()));
    let mut value = String::new();
    for v in values {
        let _ = write!(value, "<w:p>{}</w:p>", run(v, Fmt::default()));
    }
    if value.is_empty() {
        value.push_str("<w:p/>");
    }
    let _ = write!(w.out, "<w:tr>{}{}</w:tr>", cell(2000, &label_p), cell(7638, &value));
}

fn numbered(items: &[String]) -> Vec<String> {
    items.iter().enumerate().map(|(i, s)| format!("{}.{s}", i + 1)).collect()
}

/// The header rows that are set, the lesson's own value first: (label, value).
pub(crate) fn header_rows(fm: &FrontMatter, settings: &LessonConfig) -> Vec<(&'static str, String)> {
    let rows = [
        ("课程名称", &fm.course, &settings.course),
        ("授课教师", &fm.teacher, &settings.teacher),
        ("授课班级", &fm.class, &settings.class),
        ("授课时间", &fm.taught, &settings.taught),
    ];
    rows.into_iter()
        .filter_map(|(label, own, default)| {
            let value = own.as_deref().or(default.as_deref()).map(str::trim).filter(|v| !v.is_empty())?;
            Some((label, value.to_string()))
        })
        .collect()
}

pub(super) fn field_table(w: &mut W, fm: &FrontMatter, settings: &LessonConfig) {
    w.out.push_str(TABLE_START);
    w.out.push_str(r#"<w:tblGrid><w:gridCol w:w="2000"/><w:gridCol w:w="7638"/></w:tblGrid>"#);
    for (label, value) in header_rows(fm, settings) {
        field_row(w, label, &[value]);
    }
    field_row(w, "序号", &[fm.number.map(|n| n.to_string()).unwrap_or_default()]);
    field_row(w, "章节名称", &[fm.chapter.clone().or_else(|| fm.title.clone()).unwrap_or_default()]);
    let objectives = fm.objectives.clone().unwrap_or_default();
    let mut aims = vec!["【知识目标】".to_string()];
    aims.extend(numbered(&objectives.knowledge));
    aims.push("【能力目标】".into());
    aims.extend(numbered(&objectives.ability));
    field_row(w, "教学目的和要求", &aims);
    field_row(w, "教学内容", &numbered(&fm.content));
    field_row(w, "教学方法", &[fm.methods.join("、")]);
    let period = settings.period_minutes;
    field_row(w, "学时", &[fm.hours.map(|h| format!("{h}学时（{}分钟）", h * period)).unwrap_or_default()]);
    field_row(w, "教学课件名称", &[fm.deck.clone().unwrap_or_default()]);
    if !fm.key_points.is_empty() {
        field_row(w, "教学重点", &numbered(&fm.key_points));
    }
    if !fm.difficulties.is_empty() {
        field_row(w, "教学难点", &numbered(&fm.difficulties));
    }
    if !fm.cases.is_empty() {
        field_row(w, "使用案例", &fm.cases);
    }
    w.out.push_str("</w:tbl>");
}
