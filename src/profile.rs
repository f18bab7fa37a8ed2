//! Teacher and student editions. `coursesite build --profile teacher` keeps the
//! teacher-only material; the default student build removes it from the source
//! text *before* the model is built, so no later step (HTML, glossary
//! where-used lists, backlinks, search index, slide decks) ever sees it.
//!
//! Teacher-only material:
//! - callouts whose kind is in [`TEACHER_CALLOUTS`] (`> [!教师]`, speaker notes `> [!notes]`);
//! - sections whose heading is in [`TEACHER_SECTIONS`] (a lesson's 课后自我总结分析);
//! - pages with `teacher_only = true` in their front matter.
//!
//! Removed lines become empty lines, so every diagnostic keeps its line number.

use serde::Serialize;

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

/// Callout kinds (`> [!kind]`, compared in lower case) only the teacher's edition
/// shows. `notes` are slide speaker notes.
pub const TEACHER_CALLOUTS: &[&str] = &["教师", "teacher", "教师提示", "notes", "讲稿", "speaker-notes"];

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

/// Is this line (a blockquote's first line) a teacher-only callout marker?
pub fn is_teacher_callout(line: &str) -> bool {
    let inner = line.trim_start();
    let Some(inner) = inner.strip_prefix('>') else { return false };
    let inner = inner.trim_start();
    let Some(rest) = inner.strip_prefix("[!") else { return false };
    let Some((kind, _)) = rest.split_once(']') else { return false };
    let kind = kind.trim().to_lowercase();
    TEACHER_CALLOUTS.contains(&kind.as_str())
}

/// `## 课后自我总结分析` → Some(2).
fn teacher_heading(line: &str) -> Option<usize> {
    let level = heading_level(line)?;
    let title = line[level..].trim().trim_end_matches('#').trim().trim_end_matches(['：', ':']).trim();
    TEACHER_SECTIONS.contains(&title).then_some(level)
}

fn heading_level(line: &str) -> Option<usize> {
    let level = line.chars().take_while(|&c| c == '#').count();
    ((1..=6).contains(&level) && line[level..].starts_with([' ', '\t'])).then_some(level)
}

/// The student edition of a page's text: teacher-only blocks and sections of
/// the body (after `body_offset`) replaced by empty lines. A footnote or link
/// definition inside a removed section stays when the rest of the page uses it
/// (Markdown collects them from anywhere, so they often sit at the very end).
pub fn strip(text: &str, body_offset: usize) -> String {
    let mut body_offset = body_offset.min(text.len());
    while !text.is_char_boundary(body_offset) {
        body_offset -= 1;
    }
    let (front, body) = text.split_at(body_offset);
    let lines: Vec<&str> = body.split_inclusive('\n').collect();
    let drop = teacher_lines(&lines);
    // Definitions inside removed sections: (first line, last line, label).
    let mut defs: Vec<(usize, usize, String)> = Vec::new();
    let mut i = 0;
    while i < lines.len() {
        if drop[i] == Drop::Section {
            if let Some(label) = definition_label(lines[i]) {
                let mut end = i;
                while end + 1 < lines.len()
                    && drop[end + 1] == Drop::Section
                    && lines[end + 1].starts_with(['\t', ' '])
                    && !lines[end + 1].trim().is_empty()
                {
                    end += 1;
                }
                defs.push((i, end, label));
                i = end + 1;
                continue;
            }
        }
        i += 1;
    }
    let kept_text: String = lines
        .iter()
        .zip(&drop)
        .filter(|(l, d)| **d == Drop::Keep && definition_label(l).is_none())
        .map(|(l, _)| *l)
        .collect();
    let mut keep = drop.iter().map(|d| *d == Drop::Keep).collect::<Vec<_>>();
    for (first, last, label) in defs {
        if kept_text.contains(&format!("[{label}]")) {
            keep[first..=last].iter_mut().for_each(|k| *k = true);
        }
    }
    let mut out = String::with_capacity(text.len());
    out.push_str(front);
    for (line, keep) in lines.iter().zip(keep) {
        if keep {
            out.push_str(line);
        } else if line.ends_with('\n') {
            out.push('\n');
        }
    }
    out
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Drop {
    Keep,
    Callout,
    Section,
}

/// `[^1]: …` or `[label]: url` at the start of a line: the label (`^1`, `label`).
fn definition_label(line: &str) -> Option<String> {
    let rest = line.strip_prefix('[')?;
    let (label, after) = rest.split_once(']')?;
    (after.starts_with(':') && !label.is_empty()).then(|| label.to_string())
}

/// Which lines are teacher-only, and why.
fn teacher_lines(lines: &[&str]) -> Vec<Drop> {
    let mut out = Vec::with_capacity(lines.len());
    let mut fence: Option<&str> = None;
    let mut in_callout = false;
    let mut in_section: Option<usize> = None;
    for line in lines {
        let content = line.trim_end_matches(['\n', '\r']);
        let t = content.trim_start();
        let mut drop = Drop::Keep;
        if let Some(f) = fence {
            if t.starts_with(f) {
                fence = None;
            }
            if in_section.is_some() {
                drop = Drop::Section;
            } else if in_callout {
                drop = Drop::Callout;
            }
        } else {
            if in_callout {
                if t.is_empty() || heading_level(t).is_some() {
                    in_callout = false;
                } else {
                    drop = Drop::Callout;
                }
            }
            if let Some(level) = in_section {
                match heading_level(content) {
                    Some(l) if l <= level => in_section = None,
                    _ => drop = Drop::Section,
                }
            }
            if drop == Drop::Keep {
                if let Some(level) = teacher_heading(content) {
                    in_section = Some(level);
                    drop = Drop::Section;
                } else if is_teacher_callout(content) {
                    in_callout = true;
                    drop = Drop::Callout;
                }
            }
            if t.starts_with("```") || t.starts_with("~~~") {
                fence = Some(&t[..3]);
            }
        }
        out.push(drop);
    }
    out
}

/// The pages of an edition: the teacher's keeps everything; the student's drops
/// `teacher_only = true` pages and strips teacher-only blocks from the rest.
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn callouts_of_teacher_kinds_are_blanked_keeping_lines() {
        let text = "+++\ntitle = \"x\"\n+++\n正文\n\n> [!教师] 提示\n> 秘密一\n懒惰续行\n\n> [!NOTE]\n> 公开\n\n- 列表\n  > [!notes]\n  > 讲稿\n";
        let out = strip(text, 18);
        assert_eq!(out.lines().count(), text.lines().count());
        assert!(!out.contains("秘密") && !out.contains("懒惰") && !out.contains("讲稿"), "{out}");
        assert!(out.contains("> 公开") && out.contains("- 列表") && out.starts_with("+++\ntitle"), "{out}");
    }

    #[test]
    fn teacher_sections_end_at_the_next_heading_of_their_level() {
        let text = "## 步骤五\n任务\n## 课后自我总结分析\n反思\n### 小节\n更多\n```\n## 不是标题\n```\n## 作业\n保留\n";
        let out = strip(text, 0);
        assert!(!out.contains("反思") && !out.contains("小节") && !out.contains("不是标题"), "{out}");
        assert!(out.contains("## 作业\n保留") && out.contains("## 步骤五\n任务"), "{out}");
        assert_eq!(out.lines().count(), text.lines().count());
    }

    #[test]
    fn footnotes_used_elsewhere_survive_a_removed_section() {
        let text = "正文[^1]。\n\n## 课后自我总结分析\n反思[^2]\n\n[^1]: 公开的注释\n    续行\n[^2]: 只有反思用到\n";
        let out = strip(text, 0);
        assert!(out.contains("[^1]: 公开的注释\n    续行"), "{out}");
        assert!(!out.contains("反思") && !out.contains("只有反思用到"), "{out}");
        assert_eq!(out.lines().count(), text.lines().count());
    }

    #[test]
    fn fenced_markers_are_not_callouts_and_odd_input_is_fine() {
        let text = "```\n> [!教师]\n```\n";
        assert_eq!(strip(text, 0), text);
        assert_eq!(strip("", 0), "");
        assert_eq!(strip("> [!教师", 0), "> [!教师");
        assert_eq!(strip("x", 99), "x");
        assert!(is_teacher_callout("> [!Teacher] x"));
        assert!(!is_teacher_callout("> [!NOTE]"));
    }
}

/// Random documents from the pieces scripts, quizzes and callouts are made of:
/// no parser may panic on any mix of them.
#[cfg(test)]
mod fuzz {
    use crate::model::{quiz, script};
    use std::path::Path;

    const PIECES: &[&str] = &[
        "## ",
        "# ",
        "### ",
        "{#",
        "}",
        "step=\"",
        "\"",
        "坐席",
        "客户",
        "顾客",
        "：",
        ":",
        "（",
        "）",
        "(",
        ")",
        "? ",
        "？",
        "- ",
        "* ",
        "1. ",
        "12. ",
        "-> #",
        "→",
        "=>",
        "> ",
        ">",
        "[!教师]",
        "[!notes]",
        "[!反面示例]",
        "[!步骤]",
        "[x]",
        "[ ]",
        "（对）",
        "（×）",
        "、",
        "，",
        "```",
        "~~~",
        "\n",
        "\n\n",
        "   ",
        "\t",
        "服務(wù)",
        "a",
        "é",
        "𠀀",
        "课后自我总结分析",
        "[^1]:",
        "[^1]",
        "|",
        "#",
    ];

    #[test]
    fn random_documents_never_panic() {
        let mut seed: u64 = 0x2545_f491_4f6c_dd1d;
        let mut next = || {
            seed ^= seed << 13;
            seed ^= seed >> 7;
            seed ^= seed << 17;
            seed
        };
        for _ in 0..3000 {
            let len = (next() % 40) as usize;
            let doc: String = (0..len).map(|_| PIECES[(next() % PIECES.len() as u64) as usize]).collect();
            let mut diags = Vec::new();
            let s = script::parse(&doc, 1, None, None, Path::new("a.md"), &doc, &mut diags);
            let _ = crate::render::flowmap::svg(&s, "流程图");
            let _ = s.depths();
            let _ = quiz::parse(&doc, 1, Path::new("a.md"), &doc, &mut diags);
            let stripped = super::strip(&doc, (next() % (doc.len() as u64 + 1)) as usize);
            assert_eq!(stripped.matches('\n').count(), doc.matches('\n').count());
        }
    }
}
