//! The body of a 教案 (教学设计, 作业, 课后自我总结分析) → blocks. A step
//! line (`步骤二 案例导入（15分钟）`) under 教学设计 becomes a `##` section and a
//! `[[steps]]` entry, 作业 lines the homework, 课后自我总结分析 a section of its
//! own; an exported lesson's callouts and hidden code fences come back as
//! they were written. Steps without minutes share what the 学时 leave.

use super::blocks::{para_blocks, table_block};
use super::form::Field;
use super::Body;
use crate::model::lesson::MINUTES_PER_HOUR;
use crate::office::detect;
use crate::office::emit::{Block, LessonFront};

/// The body as blocks; steps and homework go into `front` on the way.
pub(super) fn lesson_blocks(body: Vec<Body>, ours: bool, front: &mut LessonFront) -> Vec<Block> {
    let mut blocks = Vec::new();
    let mut state = Field::Design;
    let mut quote: Vec<Block> = Vec::new();
    // Code fences of an exported lesson: hidden fence lines around CsCode paragraphs.
    let mut fence: Option<String> = None;
    for b in body {
        if let Body::P(p) = &b {
            let marker = p.hidden && p.style == "csmarkdown" && p.text.trim_start().starts_with("```");
            match (&mut fence, marker) {
                (None, true) => {
                    fence = Some(p.text.clone());
                    continue;
                }
                (Some(f), true) => {
                    f.push('\n');
                    f.push_str(&p.text);
                    blocks.push(Block::Raw(std::mem::take(f)));
                    fence = None;
                    continue;
                }
                (Some(f), false) => {
                    f.push('\n');
                    f.push_str(&p.text);
                    continue;
                }
                (None, false) => {}
            }
        }
        if !matches!(&b, Body::P(p) if p.style == "cscallout") && !quote.is_empty() {
            blocks.push(Block::Quote(std::mem::take(&mut quote)));
        }
        match b {
            Body::Section(f, text) => {
                state = f;
                if f == Field::Reflection {
                    blocks.push(Block::Heading(2, text.trim_matches(['：', ':']).to_string()));
                }
            }
            Body::Table(rows) => blocks.push(table_block(rows)),
            Body::P(p) => {
                if state == Field::Homework && !p.text.trim().is_empty() {
                    front.homework.push(detect::strip_number(&p.text));
                    continue;
                }
                if let Some((ordinal, name, minutes)) = detect::step(&p.text).filter(|_| state == Field::Design) {
                    blocks.push(Block::Heading(2, format!("{ordinal} {name}")));
                    front.steps.push((name, minutes.unwrap_or(0)));
                    continue;
                }
                if p.style == "cscallout" {
                    // 【思考】 opening an exported callout is its `[!思考]` marker.
                    let marker = ours && p.text.starts_with('【');
                    if marker && !quote.is_empty() {
                        blocks.push(Block::Quote(std::mem::take(&mut quote)));
                    }
                    match p.text.split_once('】').filter(|_| marker) {
                        Some((kind, title)) => {
                            let kind = kind.trim_start_matches('【');
                            let title = title.trim();
                            let line =
                                if title.is_empty() { format!("[!{kind}]") } else { format!("[!{kind}] {title}") };
                            quote.push(Block::Para(line));
                        }
                        None => quote.extend(para_blocks(p, true)),
                    }
                    continue;
                }
                blocks.extend(para_blocks(p, ours));
            }
        }
    }
    if !quote.is_empty() {
        blocks.push(Block::Quote(quote));
    }
    if let Some(f) = fence {
        blocks.push(Block::Raw(f));
    }
    blocks
}

/// Steps whose minutes the document does not give share what the 学时 leave.
pub(super) fn spread_minutes(front: &mut LessonFront, notes: &mut Vec<crate::messages::Msg>) {
    let missing = front.steps.iter().filter(|s| s.1 == 0).count();
    if missing == 0 {
        return;
    }
    let planned = front.hours.unwrap_or(2) * MINUTES_PER_HOUR;
    let known: u32 = front.steps.iter().map(|s| s.1).sum();
    let left = planned.saturating_sub(known);
    let each = (left / missing as u32).max(1);
    let mut last = None;
    for (i, s) in front.steps.iter_mut().enumerate() {
        if s.1 == 0 {
            s.1 = each;
            last = Some(i);
        }
    }
    if let Some(i) = last {
        front.steps[i].1 += left.saturating_sub(each * missing as u32);
    }
    notes.push(msg!("docx_minutes_spread", missing, left));
}
