//! The 教案 form: its field labels as departments write them, the field table
//! (or `标签：值` lines) that opens the document, and the lesson front matter
//! made from the fields. 教学设计, 作业 and 课后自我总结分析 are not fields but
//! the start of the body, handed on as sections.

use super::Body;
use crate::office::detect;
use crate::office::docx_read::{join_cjk, Item, Para};
use crate::office::emit::{escape, LessonFront};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Field {
    Number,
    Chapter,
    Aims,
    Content,
    Methods,
    Hours,
    Deck,
    KeyPoints,
    Difficulties,
    Cases,
    Design,
    Homework,
    Reflection,
}

/// Labels as departments write them; the first of each is what export writes.
const LABELS: &[(&str, Field)] = &[
    ("序号", Field::Number),
    ("章节名称", Field::Chapter),
    ("章节", Field::Chapter),
    ("课题", Field::Chapter),
    ("课题名称", Field::Chapter),
    ("教学目的和要求", Field::Aims),
    ("教学目的与要求", Field::Aims),
    ("教学目标", Field::Aims),
    ("教学内容", Field::Content),
    ("教学内容综合", Field::Content),
    ("教学方法", Field::Methods),
    ("教学方法与手段", Field::Methods),
    ("学时", Field::Hours),
    ("课时", Field::Hours),
    ("教学课件名称", Field::Deck),
    ("课件名称", Field::Deck),
    ("教学重点", Field::KeyPoints),
    ("教学难点", Field::Difficulties),
    ("使用案例", Field::Cases),
    ("教学设计", Field::Design),
    ("教学过程", Field::Design),
    ("作业", Field::Homework),
    ("课后作业", Field::Homework),
    ("作业布置", Field::Homework),
    ("课后自我总结分析", Field::Reflection),
    ("课后反思", Field::Reflection),
    ("教学反思", Field::Reflection),
    ("教学后记", Field::Reflection),
];

fn label(text: &str) -> Option<Field> {
    let norm: String = text.chars().filter(|c| !c.is_whitespace() && !"：:【】[]".contains(*c)).collect();
    LABELS.iter().find(|(l, _)| *l == norm).map(|(_, f)| *f)
}

/// `学时：4学时` on one line.
fn label_with_value(text: &str) -> Option<(Field, String)> {
    let (head, value) = text.split_once(['：', ':'])?;
    let field = label(head)?;
    Some((field, value.trim().to_string()))
}

/// The document's items split into the form's fields and the body. Until the
/// body starts (at a step, a heading, a table other than the field table, or
/// a 教学设计 / 作业 / 课后自我总结分析 label), the field table, `标签：值`
/// lines and the paragraphs under a label line are the form.
pub(super) fn fields_and_body(items: Vec<Item>) -> (Vec<(Field, Vec<Para>)>, Vec<Body>) {
    let mut fields: Vec<(Field, Vec<Para>)> = Vec::new();
    let mut body: Vec<Body> = Vec::new();
    let mut preamble = true;
    let mut pending: Option<usize> = None;
    for item in items {
        match item {
            Item::Table(rows) if preamble && is_field_table(&rows) => {
                for row in rows {
                    field_row(row, &mut fields, &mut body);
                }
            }
            Item::Table(rows) => {
                preamble = false;
                body.push(Body::Table(rows));
            }
            Item::P(p) if preamble => {
                let norm: String = p.text.chars().filter(|c| !c.is_whitespace()).collect();
                if norm == "教案" {
                    continue;
                }
                if let Some(f) = label(&p.text) {
                    if matches!(f, Field::Design | Field::Homework | Field::Reflection) {
                        preamble = false;
                        body.push(Body::Section(f, p.text.trim().to_string()));
                    } else {
                        fields.push((f, Vec::new()));
                        pending = Some(fields.len() - 1);
                    }
                } else if let Some((f, v)) = label_with_value(&p.text) {
                    fields.push((f, vec![Para { md: escape(&v), text: v, ..Para::default() }]));
                    pending = None;
                } else if detect::step(&p.text).is_some() || p.heading.is_some() {
                    preamble = false;
                    body.push(Body::P(p));
                } else if let Some(i) = pending {
                    fields[i].1.push(p);
                } else if !p.text.trim().is_empty() || !p.md.trim().is_empty() {
                    body.push(Body::P(p));
                }
            }
            Item::P(p) => match label(&p.text) {
                Some(f @ (Field::Design | Field::Homework | Field::Reflection)) => {
                    body.push(Body::Section(f, p.text.trim().to_string()))
                }
                _ => body.push(Body::P(p)),
            },
        }
    }
    (fields, body)
}

fn is_field_table(rows: &[Vec<Vec<Para>>]) -> bool {
    let labelled = rows.iter().filter(|r| r.first().is_some_and(|c| label(&cell_text(c)).is_some())).count();
    labelled >= 3
}

fn cell_text(cell: &[Para]) -> String {
    join_cjk(&cell.iter().map(|p| p.text.clone()).collect::<Vec<_>>())
}

/// A row of the form: `label | value`, or several pairs on one row
/// (`学时 | 4 | 课件 | …`). 教学设计 / 作业 / 课后自我总结分析 rows carry body text.
fn field_row(row: Vec<Vec<Para>>, fields: &mut Vec<(Field, Vec<Para>)>, body: &mut Vec<Body>) {
    let mut cells = row.into_iter();
    while let Some(label_cell) = cells.next() {
        let text = cell_text(&label_cell);
        let Some(field) = label(&text) else {
            // A value cell without a label: keep its text for review.
            if !text.trim().is_empty() {
                for p in label_cell {
                    body.push(Body::P(Para { unknown: vec!["a cell of the form without a known label".into()], ..p }));
                }
            }
            continue;
        };
        let value = cells.next().unwrap_or_default();
        match field {
            Field::Design | Field::Homework | Field::Reflection => {
                body.push(Body::Section(field, text.trim().to_string()));
                body.extend(value.into_iter().map(Body::P));
            }
            _ => fields.push((field, value)),
        }
    }
}

fn texts(paras: &[Para]) -> Vec<String> {
    paras.iter().map(|p| p.text.trim().to_string()).filter(|t| !t.is_empty()).collect()
}

pub(super) fn front_from_fields(fields: &[(Field, Vec<Para>)], notes: &mut Vec<crate::messages::Msg>) -> LessonFront {
    let mut f = LessonFront::default();
    for (field, paras) in fields {
        let lines = texts(paras);
        let joined = join_cjk(&lines);
        match field {
            Field::Number => f.number = first_number(&joined),
            Field::Chapter => f.chapter = joined,
            Field::Aims => {
                let mut target = 0;
                for line in lines {
                    if line.contains("知识目标") {
                        target = 1;
                        let rest = after_marker(&line);
                        if !rest.is_empty() {
                            f.knowledge.push(detect::strip_number(rest));
                        }
                    } else if line.contains("能力目标") {
                        target = 2;
                        let rest = after_marker(&line);
                        if !rest.is_empty() {
                            f.ability.push(detect::strip_number(rest));
                        }
                    } else if target == 2 {
                        f.ability.push(detect::strip_number(&line));
                    } else {
                        f.knowledge.push(detect::strip_number(&line));
                    }
                }
            }
            Field::Content => f.content = lines.iter().map(|l| detect::strip_number(l)).collect(),
            Field::Methods => {
                f.methods = joined
                    .split(['、', '，', ',', '；', ';', '/'])
                    .map(|s| s.trim().to_string())
                    .filter(|s| !s.is_empty())
                    .collect()
            }
            Field::Hours => f.hours = first_number(&joined),
            Field::Deck => f.deck = Some(joined).filter(|d| !d.is_empty()),
            Field::KeyPoints => f.key_points = lines.iter().map(|l| detect::strip_number(l)).collect(),
            Field::Difficulties => f.difficulties = lines.iter().map(|l| detect::strip_number(l)).collect(),
            Field::Cases => f.cases = lines.iter().map(|l| detect::strip_number(l)).collect(),
            Field::Design | Field::Homework | Field::Reflection => {}
        }
    }
    f.title = f.chapter.clone();
    for (missing, name) in [
        (f.number.is_none(), "序号"),
        (f.chapter.is_empty(), "章节名称"),
        (f.hours.is_none(), "学时"),
        (f.knowledge.is_empty(), "【知识目标】"),
        (f.ability.is_empty(), "【能力目标】"),
        (f.content.is_empty(), "教学内容"),
        (f.methods.is_empty(), "教学方法"),
    ] {
        if missing {
            notes.push(msg!("docx_form_missing", name));
        }
    }
    f
}

fn after_marker(line: &str) -> &str {
    line.rsplit_once('】').map_or("", |(_, r)| r).trim()
}

fn first_number(s: &str) -> Option<u32> {
    let digits: String = s.chars().skip_while(|c| !c.is_ascii_digit()).take_while(char::is_ascii_digit).collect();
    digits.parse().ok().or_else(|| {
        let n: String = s.chars().filter(|c| "一二三四五六七八九十".contains(*c)).collect();
        detect::numeral_value(&n)
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn labels() {
        assert_eq!(label("教学目的和要求"), Some(Field::Aims));
        assert_eq!(label(" 学 时 "), Some(Field::Hours));
        assert_eq!(label_with_value("学时：4学时"), Some((Field::Hours, "4学时".into())));
    }
}
