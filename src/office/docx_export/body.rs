//! The lesson's Markdown, block by block: headings (a step's minutes added
//! back from `[[steps]]`), paragraphs, lists, callouts and quotes, tables,
//! and what Word cannot show (HTML, code fences, rules) kept as hidden
//! CsMarkdown paragraphs for the importer.

use super::runs::{inline, inlines};
use super::{hidden, list_para, new_num, para, plain_text, run, Ctx, Fmt, Where, TABLE_START, W};
use comrak::nodes::{AstNode, ListType, NodeValue};
use std::fmt::Write as _;

pub(super) fn block<'a>(w: &mut W, node: &'a AstNode<'a>, ctx: &Ctx, at: Where) {
    let style = if at == Where::Quote { "CsCallout" } else { "Normal" };
    let value = node.data().value.clone();
    match value {
        NodeValue::Heading(h) => {
            let text = inlines(w, node, ctx, Fmt::default());
            let title = plain_text(node);
            // `## 步骤二 案例导入` carries the step's minutes into the form.
            let minutes = crate::office::detect::step(&title)
                .and_then(|(_, name, _)| ctx.steps.iter().find(|s| s.name == name).map(|s| s.minutes));
            let level = h.level.saturating_sub(1).max(1);
            match minutes {
                Some(m) => para(
                    w,
                    &format!("Heading{level}"),
                    &format!("{text}{}", run(&format!("（{m}分钟）"), Fmt::default())),
                ),
                None => para(w, &format!("Heading{level}"), &text),
            }
        }
        NodeValue::Paragraph => {
            let runs = inlines(w, node, ctx, Fmt::default());
            para(w, style, &runs);
        }
        NodeValue::List(_) => list(w, node, ctx, at, 0),
        NodeValue::BlockQuote => quote(w, node, ctx),
        NodeValue::Table(_) => table(w, node, ctx),
        NodeValue::HtmlBlock(html) => {
            for line in html.literal.trim_end().lines() {
                hidden(w, line);
            }
        }
        NodeValue::CodeBlock(code) => {
            let fence = "`".repeat(code.fence_length.max(3));
            hidden(w, &format!("{fence}{}", code.info));
            for line in code.literal.trim_end_matches('\n').lines() {
                para(w, "CsCode", &run(line, Fmt { code: true, ..Fmt::default() }));
            }
            hidden(w, &fence);
        }
        NodeValue::ThematicBreak => hidden(w, "---"),
        NodeValue::FootnoteDefinition(_) => {} // written with their references
        _ => {
            let text = plain_text(node);
            if !text.is_empty() {
                para(w, style, &run(&text, Fmt::default()));
            }
        }
    }
}

fn list<'a>(w: &mut W, node: &'a AstNode<'a>, ctx: &Ctx, at: Where, level: usize) {
    let NodeValue::List(l) = node.data().value.clone() else { return };
    let num = match (l.list_type, l.bullet_char) {
        (ListType::Ordered, _) => new_num(w, false),
        (_, b'+') => 3,
        _ => 1,
    };
    let style = if at == Where::Quote { "CsCallout" } else { "ListParagraph" };
    for item in node.children() {
        let task = match &item.data().value {
            NodeValue::TaskItem(t) => Some(t.symbol.is_some()),
            _ => None,
        };
        let mut first = true;
        for child in item.children() {
            match &child.data().value {
                NodeValue::Paragraph if first => {
                    let mut runs = inlines(w, child, ctx, Fmt::default());
                    if let Some(done) = task {
                        runs = run(if done { "☒ " } else { "☐ " }, Fmt::default()) + &runs;
                    }
                    list_para(w, style, num, level, &runs);
                    first = false;
                }
                NodeValue::List(_) => list(w, child, ctx, at, level + 1),
                _ => block(w, child, ctx, at),
            }
        }
    }
}

fn quote<'a>(w: &mut W, node: &'a AstNode<'a>, ctx: &Ctx) {
    let start = node.data().sourcepos.start.line;
    let first_line = ctx.lines.get(start.saturating_sub(1)).copied().unwrap_or("");
    let marker = first_line.trim_start().trim_start_matches('>').trim();
    let callout = marker.strip_prefix("[!").and_then(|m| m.split_once(']'));
    if let Some((kind, title)) = callout {
        let text = format!("【{kind}】{}", title.trim());
        para(w, "CsCallout", &run(&text, Fmt { bold: true, ..Fmt::default() }));
    }
    for (i, child) in node.children().enumerate() {
        if i == 0 && callout.is_some() {
            if let NodeValue::Paragraph = child.data().value {
                // Drop the marker line, keep what follows it in the same paragraph.
                let rest: Vec<_> = child
                    .children()
                    .skip_while(|n| !matches!(n.data().value, NodeValue::SoftBreak | NodeValue::LineBreak))
                    .skip(1)
                    .collect();
                if !rest.is_empty() {
                    let mut runs = String::new();
                    let mut prev = None;
                    for n in rest {
                        inline(w, n, ctx, Fmt::default(), &mut runs, &mut prev);
                    }
                    para(w, "CsCallout", &runs);
                }
                continue;
            }
        }
        block(w, child, ctx, Where::Quote);
    }
}

fn table<'a>(w: &mut W, node: &'a AstNode<'a>, ctx: &Ctx) {
    w.out.push_str(TABLE_START);
    for (i, row) in node.children().enumerate() {
        let header = i == 0;
        w.out.push_str("<w:tr>");
        if header {
            w.out.push_str("<w:trPr><w:tblHeader/></w:trPr>");
        }
        for cell in row.children() {
            let runs = inlines(w, cell, ctx, Fmt { bold: header, ..Fmt::default() });
            let _ = write!(w.out, "<w:tc><w:p>{runs}</w:p></w:tc>");
        }
        w.out.push_str("</w:tr>");
    }
    w.out.push_str("</w:tbl>");
}
