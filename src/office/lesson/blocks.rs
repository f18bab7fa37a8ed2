//! One Word paragraph or table → Markdown blocks, the conversion a lesson's
//! body (`design`) and a page without the form (`other_page`) share: list
//! items keep their level and kind (numbered, bullet, task), a bold header
//! row loses its `**`, a one-cell table (a 举例 or 注意 frame) is a quote.

use crate::office::detect;
use crate::office::docx_read::{join_cjk, Para};
use crate::office::emit::{guard_line_start, Block, Marker};

/// A paragraph as blocks: a heading, a list item, or a paragraph, plus a
/// review comment for anything that could not be converted.
pub(super) fn para_blocks(p: Para, ours: bool) -> Vec<Block> {
    let mut out = Vec::new();
    let md = p.md.trim().to_string();
    if p.hidden && matches!(p.style.as_str(), "csmarkdown" | "cscode") {
        out.push(Block::Raw(p.text.clone()));
        return out;
    }
    if let Some(level) = p.heading.filter(|_| !md.is_empty() && p.list.is_none()) {
        out.push(Block::Heading((level + 1).min(6), md.trim_matches('*').to_string()));
    } else if let Some(list) = p.list.filter(|_| !md.is_empty()) {
        let (marker, text) = if let Some(rest) = md.strip_prefix("☐ ") {
            (Marker::Task(false), rest.to_string())
        } else if let Some(rest) = md.strip_prefix("☒ ") {
            (Marker::Task(true), rest.to_string())
        } else {
            match list.bullet {
                // Word numbers the item; a number typed as well would show twice.
                None => match detect::outline(&md) {
                    Some((3, rest)) => (Marker::Ordered, rest.to_string()),
                    _ => (Marker::Ordered, md.clone()),
                },
                Some('▸') => (Marker::Bullet('+'), md.clone()),
                Some(_) => (Marker::Bullet('-'), md.clone()),
            }
        };
        out.push(Block::Item { level: list.level, marker, text });
    } else if !md.is_empty() {
        let text = if ours { guard_line_start(&md) } else { md };
        out.push(Block::Para(text));
    }
    for u in p.unknown {
        out.push(Block::Raw(format!("<!-- coursesite import: {u}; review -->")));
    }
    out
}

pub(super) fn table_block(rows: Vec<Vec<Vec<Para>>>) -> Block {
    // A one-cell table is a box around text (a 举例 or 注意 frame): a quote.
    if rows.len() == 1 && rows[0].len() == 1 {
        let inner: Vec<Block> = rows.into_iter().flatten().flatten().flat_map(|p| para_blocks(p, false)).collect();
        return Block::Quote(inner);
    }
    let mut rows: Vec<Vec<String>> = rows
        .into_iter()
        .map(|row| row.into_iter().map(|cell| join_cjk(&cell.into_iter().map(|p| p.md).collect::<Vec<_>>())).collect())
        .collect();
    // A bold header row is how Word shows a header; Markdown's header is bold already.
    if let Some(header) = rows.first_mut() {
        for cell in header.iter_mut() {
            if let Some(inner) = cell.strip_prefix("**").and_then(|c| c.strip_suffix("**")) {
                if !inner.contains("**") {
                    *cell = inner.to_string();
                }
            }
        }
    }
    Block::Table(rows)
}
