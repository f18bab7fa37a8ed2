//! The student edition of a page's text: which lines are teacher-only (callout
//! blocks, sections under a teacher heading) and blanking them, keeping the
//! footnotes and link definitions the rest of the page still uses.

use super::{is_teacher_callout, TEACHER_SECTIONS};
use crate::syntax::lines::lines;

/// `- item`, `* item`, `+ item`, `1. item`, `2) item` → `item` (its text after
/// the marker); None for any other line.
pub(super) fn list_marker(line: &str) -> Option<&str> {
    let digits = line.bytes().take_while(u8::is_ascii_digit).count();
    let rest = match digits {
        0 => line.strip_prefix(['-', '*', '+'])?,
        1..=9 => line[digits..].strip_prefix(['.', ')'])?,
        _ => return None,
    };
    (rest.is_empty() || rest.starts_with([' ', '\t', '\n', '\r'])).then_some(rest)
}

/// Does this unquoted line start a list item that ends a block quote before it?
/// A bullet or `1.` item with text does (CommonMark lets it interrupt a
/// paragraph); `2. x` or a bare `-` would be a lazy continuation of the quote.
fn interrupts_quote(line: &str) -> bool {
    let t = line.trim_start();
    let Some(rest) = list_marker(t) else { return false };
    let ordinal = &t[..t.len() - rest.len() - 1];
    (ordinal.is_empty() || ordinal == "1") && !rest.trim().is_empty()
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
    let drop = teacher_lines(body);
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

/// Whether `text` may hold teacher-only material: a callout marker (`[!`) or
/// a teacher section's heading. Most pages hold neither and skip the line
/// pass (it was two thirds of the model step of a `serve` rebuild).
pub fn may_hold_teacher_material(text: &str) -> bool {
    text.contains("[!") || TEACHER_SECTIONS.iter().any(|title| text.contains(title))
}

/// How many `>` open the line (spaces between them allowed), and the rest.
fn quote_depth(line: &str) -> (usize, &str) {
    let mut rest = line.trim_start();
    let mut depth = 0;
    while let Some(r) = rest.strip_prefix('>') {
        depth += 1;
        rest = r.trim_start();
    }
    (depth, rest)
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

/// Which lines of `body` are teacher-only, and why: one entry a line. Fenced
/// code, fences included, belongs to the callout or section it is in and
/// never starts or ends one (a `> [!教师]` or `## 课后自我总结分析` in it is code).
fn teacher_lines(body: &str) -> Vec<Drop> {
    let mut out = Vec::new();
    // The quote depth of the open teacher callout's marker (`> > [!教师]`: 2).
    let mut in_callout: Option<usize> = None;
    let mut in_section: Option<usize> = None;
    for line in lines(body) {
        let content = line.raw.trim_end_matches(['\n', '\r']);
        let t = content.trim_start();
        let mut drop = Drop::Keep;
        if line.is_code() {
            if in_section.is_some() {
                drop = Drop::Section;
            } else if in_callout.is_some() {
                drop = Drop::Callout;
            }
        } else {
            if let Some(depth) = in_callout {
                // A line blank at the callout's depth (`>` after `> > [!教师]`,
                // as a nested container is written) ends it like a blank line.
                let (line_depth, rest) = quote_depth(t);
                if (rest.is_empty() && line_depth < depth) || heading_level(t).is_some() || interrupts_quote(t) {
                    in_callout = None;
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
                    in_callout = Some(quote_depth(t.trim_start_matches(|c| c != '>')).0);
                    drop = Drop::Callout;
                }
            }
        }
        out.push(drop);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_pages_with_a_marker_or_a_teacher_heading_can_change() {
        // Every teacher-only line strip() finds needs `[!` or a teacher
        // heading: a text without either comes back whole, so skipping it is safe.
        let repo = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("content");
        let mut skipped = 0;
        for entry in
            walkdir::WalkDir::new(repo).into_iter().flatten().filter(|e| e.path().extension() == Some("md".as_ref()))
        {
            let text = std::fs::read_to_string(entry.path()).expect("sample page");
            if !may_hold_teacher_material(&text) {
                skipped += 1;
                assert_eq!(strip(&text, 0), text, "{}", entry.path().display());
            }
        }
        assert!(skipped > 0, "no sample page without teacher material");
        let marked = ["> [!教师]\n> x\n", "## 课后自我总结分析\n反思\n", "- > [!notes]\n  > 讲稿\n"];
        assert!(marked.iter().all(|t| may_hold_teacher_material(t) && strip(t, 0) != *t));
    }

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
        // CommonMark: a ``` line does not close a ```` fence.
        let text = "````\n```\n> [!教师]\n## 课后自我总结分析\n````\n";
        assert_eq!(strip(text, 0), text);
        assert_eq!(strip("", 0), "");
        assert_eq!(strip("> [!教师", 0), "> [!教师");
        assert_eq!(strip("x", 99), "x");
        assert!(is_teacher_callout("> [!Teacher] x"));
        assert!(!is_teacher_callout("> [!NOTE]"));
        assert!(!is_teacher_callout("[!教师] not quoted") && !is_teacher_callout("- [!教师]"));
        for odd in ["", ">", "- ", "1.", "12345678901. > [!教师]", "> [!", "\u{0}", "*>"] {
            let _ = (is_teacher_callout(odd), strip(odd, 0));
        }
    }

    #[test]
    fn every_teacher_only_alias_is_stripped_in_any_case() {
        for kind in crate::syntax::callouts::KINDS {
            for alias in kind.aliases {
                for name in [alias.to_string(), alias.to_uppercase()] {
                    let text = format!("前\n\n> [!{name}] 标题\n> 内文\n\n后\n");
                    let out = strip(&text, 0);
                    assert_eq!(out.contains("内文"), !kind.teacher_only, "{name}: {out}");
                    assert!(out.contains("前") && out.contains("后"), "{name}: {out}");
                }
            }
        }
    }

    #[test]
    fn a_nested_teacher_callout_ends_with_its_quote_level() {
        // As `!!! note` holding `!!! teacher` is rewritten (syntax::containers).
        let text = "> [!note] 外\n> 外文\n>\n> > [!teacher]\n> > 秘密\n> >\n> > 秘密二\n>\n> 外文二\n";
        let out = strip(text, 0);
        assert!(!out.contains("秘密") && out.contains("> 外文二") && out.contains("> 外文\n"), "{out}");
        assert_eq!(out.lines().count(), text.lines().count());
    }

    #[test]
    fn callouts_inside_lists_and_quotes_are_stripped_and_end_at_the_next_item() {
        let text = "- 甲\n- > [!教师] 秘密一\n  > 秘密二\n- 乙\n\n1. > [!备注]\n   秘密三\n\n> > [!notes]\n> > 秘密四\n> 懒惰续行秘密\n\n> [!教师]\n> 秘密五\n2. 秘密六\n\n> [!教师]\n> 秘密七\n1. 丁\n";
        let out = strip(text, 0);
        // `2. 秘密六` cannot interrupt a paragraph: it is the callout's lazy continuation.
        assert!(!out.contains("秘密"), "{out}");
        assert!(out.contains("- 甲\n") && out.contains("- 乙\n") && out.contains("1. 丁\n"), "{out}");
        assert_eq!(out.lines().count(), text.lines().count());
    }
}
