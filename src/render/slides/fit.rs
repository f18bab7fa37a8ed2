//! The build-side fit estimate: how many lines of body text a slide needs at
//! the smallest size the runtime allows.

use crate::render::text::plain_text;
use comrak::nodes::{AstNode, NodeValue};
use unicode_width::UnicodeWidthChar;

/// The runtime's slide geometry (themes/default/static/slides.css): a 1280×720
/// canvas whose text shrinks from 30 px down to MIN_FONT_PX to fit.
pub const MIN_FONT_PX: f32 = 18.0;
/// Room on a slide at the smallest size, in lines of body text: the content box
/// is about 1152×590 px and a line is 1.5 × 18 px, i.e. 21.8 plain lines; the
/// estimate counts margins generously, so the threshold was calibrated against
/// Chromium's measurements on the sample course (slides estimated at 24 lines
/// fit at 20–21 px, those at 27 and more do not).
pub(super) const CAPACITY_LINES: f32 = 25.0;
/// Full-width characters on one line at the smallest size.
pub(super) const LINE_EMS: f32 = 64.0;

/// Width of `text` in ems: CJK characters are one em, Latin ones about half.
pub(super) fn ems(text: &str) -> f32 {
    text.chars().map(|c| if c.width().unwrap_or(0) >= 2 { 1.0 } else { 0.55 }).sum()
}

pub(super) fn wrapped(text: &str, width: f32) -> f32 {
    (ems(text.trim()) / width.max(4.0)).ceil().max(1.0)
}

/// Estimated height of a slide's Markdown at the smallest text size, in lines.
/// A heuristic (no fonts at build time): wrapped text, table rows at their
/// tallest cell, code at its line count, images as a third of the slide.
#[cfg(test)]
pub fn estimate_lines(markdown: &str, md: &crate::config::MarkdownConfig) -> f32 {
    let arena = comrak::Arena::new();
    estimate_lines_in(comrak::parse_document(&arena, markdown, &crate::render::markdown::options(md)))
}

/// The same, for a parsed slide.
pub fn estimate_lines_in<'a>(root: &'a AstNode<'a>) -> f32 {
    root.children().map(|b| block_lines(b, LINE_EMS)).sum()
}

pub(super) fn block_lines<'a>(node: &'a AstNode<'a>, width: f32) -> f32 {
    let value = node.data().value.clone();
    match value {
        NodeValue::Heading(h) => {
            let f = match h.level {
                1 | 2 => 1.45,
                3 => 1.25,
                4 => 1.12,
                _ => 1.0,
            };
            wrapped(&plain_text(node), width / f) * f * 1.1 + 0.6
        }
        NodeValue::Paragraph => {
            let images = node.descendants().filter(|n| matches!(n.data().value, NodeValue::Image(_))).count();
            wrapped(&plain_text(node), width) + 0.6 + images as f32 * 7.0
        }
        NodeValue::List(_) => node.children().map(|item| block_lines(item, width)).sum::<f32>() + 0.5,
        NodeValue::Item(_) | NodeValue::TaskItem(_) => {
            node.children().map(|c| block_lines(c, width - 1.6)).sum::<f32>() - 0.45
        }
        NodeValue::CodeBlock(code) => code.literal.lines().count() as f32 * 0.92 + 1.4,
        NodeValue::Table(t) => {
            // Table text is 0.9 em with 1.45 line height; columns share the width
            // in proportion to their longest cell, as automatic table layout does.
            let cols = t.alignments.len().max(1);
            let rows: Vec<Vec<f32>> =
                node.children().map(|row| row.children().map(|cell| ems(plain_text(cell).trim())).collect()).collect();
            let mut longest = vec![1.0f32; cols];
            for row in &rows {
                for (c, w) in row.iter().enumerate().take(cols) {
                    longest[c] = longest[c].max(*w);
                }
            }
            let inner = width / 0.9 - 1.3 * cols as f32;
            let sum: f32 = longest.iter().sum();
            let shares: Vec<f32> = longest.iter().map(|l| (inner * l / sum).min(l + 0.5).max(1.0)).collect();
            rows.iter()
                .map(|row| {
                    let tallest =
                        row.iter().zip(&shares).map(|(w, share)| (w / share).ceil().max(1.0)).fold(1.0, f32::max);
                    tallest * 0.87 + 0.4
                })
                .sum::<f32>()
                + 0.6
        }
        NodeValue::BlockQuote => node.children().map(|c| block_lines(c, width - 2.0)).sum::<f32>() + 1.6,
        NodeValue::ThematicBreak => 1.0,
        NodeValue::HtmlBlock(_) => 0.0,
        _ => node.children().map(|c| block_lines(c, width)).sum(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::config::MarkdownConfig;

    #[test]
    fn estimates_grow_with_content() {
        let md = MarkdownConfig::default();
        let short = estimate_lines("## 标题\n\n一句话。", &md);
        assert!(short < 4.0, "{short}");
        let long = estimate_lines(&"很长的一段话。".repeat(400), &md);
        assert!(long > CAPACITY_LINES, "{long}");
        let table = format!("| a | b |\n|---|---|\n{}", "| 一 | 二 |\n".repeat(30));
        assert!(estimate_lines(&table, &md) > CAPACITY_LINES);
    }
}
