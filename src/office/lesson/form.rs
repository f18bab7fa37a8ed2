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
    /// A row of its own for 【知识目标】 (English forms split the aims in two).
    Knowledge,
    Ability,
    Content,
    Methods,
    Hours,
    Deck,
    KeyPoints,
    Difficulties,
    Cases,
    Course,
    Teacher,
    Class,
    Taught,
    Design,
    Homework,
    Reflection,
}

/// Every label the importer knows, in ONE table: the sample form's, the other
/// spellings teachers use (授课章节, 课题, 教学手段 …) and English forms.
/// Matching ignores spaces, colons, brackets, a trailing `.` and ASCII case,
/// so `Class hours:` and `学 时` are found as written here.
const LABELS: &[(&str, Field)] = &[
    // The sample 教案 form.
    ("序号", Field::Number),
    ("章节名称", Field::Chapter),
    ("教学目的和要求", Field::Aims),
    ("教学内容", Field::Content),
    ("教学内容综合", Field::Content),
    ("教学方法", Field::Methods),
    ("学时", Field::Hours),
    ("教学课件名称", Field::Deck),
    ("教学重点", Field::KeyPoints),
    ("教学难点", Field::Difficulties),
    ("使用案例", Field::Cases),
    ("教学设计", Field::Design),
    ("作业", Field::Homework),
    ("课后自我总结分析", Field::Reflection),
    // Other departments' spellings.
    ("授课章节", Field::Chapter),
    ("章节", Field::Chapter),
    ("课题", Field::Chapter),
    ("课题名称", Field::Chapter),
    ("授课内容", Field::Content),
    ("教学目的与要求", Field::Aims),
    ("教学目标", Field::Aims),
    ("教学目的", Field::Aims),
    ("知识目标", Field::Knowledge),
    ("能力目标", Field::Ability),
    ("教学方法与手段", Field::Methods),
    ("教学手段", Field::Methods),
    ("教学方法和手段", Field::Methods),
    ("课时", Field::Hours),
    ("学时数", Field::Hours),
    ("课件名称", Field::Deck),
    ("教学课件", Field::Deck),
    ("教学重难点", Field::KeyPoints),
    ("课程名称", Field::Course),
    ("课程", Field::Course),
    ("授课教师", Field::Teacher),
    ("任课教师", Field::Teacher),
    ("教师", Field::Teacher),
    ("授课班级", Field::Class),
    ("班级", Field::Class),
    ("授课时间", Field::Taught),
    ("授课日期", Field::Taught),
    ("教学过程", Field::Design),
    ("课后作业", Field::Homework),
    ("作业布置", Field::Homework),
    ("课后反思", Field::Reflection),
    ("教学反思", Field::Reflection),
    ("教学后记", Field::Reflection),
    // English forms.
    ("No", Field::Number),
    ("Number", Field::Number),
    ("Chapter", Field::Chapter),
    ("Title", Field::Chapter),
    ("Objectives", Field::Aims),
    ("Aims", Field::Aims),
    ("Knowledge objectives", Field::Knowledge),
    ("Ability objectives", Field::Ability),
    ("Content", Field::Content),
    ("Teaching methods", Field::Methods),
    ("Methods", Field::Methods),
    ("Class hours", Field::Hours),
    ("Periods", Field::Hours),
    ("Hours", Field::Hours),
    ("Key points", Field::KeyPoints),
    ("Difficult points", Field::Difficulties),
    ("Difficulties", Field::Difficulties),
    ("Slides", Field::Deck),
    ("Deck", Field::Deck),
    ("Course", Field::Course),
    ("Teacher", Field::Teacher),
    ("Class", Field::Class),
    ("Date", Field::Taught),
    ("Time", Field::Taught),
    ("Teaching design", Field::Design),
    ("Teaching process", Field::Design),
    ("Homework", Field::Homework),
    ("Reflection", Field::Reflection),
];

/// How a label is compared: no spaces, colons or brackets, no trailing `.`, ASCII lower case.
fn norm_label(text: &str) -> String {
    let n: String = text
        .chars()
        .filter(|c| !c.is_whitespace() && !"：:【】[]".contains(*c))
        .map(|c| c.to_ascii_lowercase())
        .collect();
    n.trim_end_matches(['.', '．']).to_string()
}

fn label(text: &str) -> Option<Field> {
    let norm = norm_label(text);
    if norm.is_empty() {
        return None;
    }
    LABELS.iter().find(|(l, _)| norm_label(l) == norm).map(|(_, f)| *f)
}

/// The review comment on a cell of the form whose label is not in [`LABELS`].
pub(super) const UNLABELLED: &str = "a cell of the form without a known label";

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
    let mut form = Form::default();
    for item in items {
        match item {
            Item::Table(rows) if form.preamble && is_field_table(&rows) => {
                for row in rows {
                    field_row(row, &mut form.fields, &mut form.body);
                }
            }
            Item::Table(rows) => {
                form.preamble = false;
                form.body.push(Body::Table(rows));
            }
            // `课程名称：…` ⏎ `授课教师：…` typed with Shift+Enter in one paragraph:
            // each line is read as if it were a paragraph of its own.
            Item::P(p) if form.preamble && p.text.contains('\n') && p.list.is_none() => {
                for line in p.text.split('\n') {
                    form.preamble_para(Para { md: escape(line.trim()), text: line.to_string(), ..p.clone() });
                }
            }
            Item::P(p) if form.preamble => form.preamble_para(p),
            Item::P(p) => match label(&p.text) {
                Some(f @ (Field::Design | Field::Homework | Field::Reflection)) => {
                    form.body.push(Body::Section(f, p.text.trim().to_string()))
                }
                _ => form.body.push(Body::P(p)),
            },
        }
    }
    (form.fields, form.body)
}

struct Form {
    fields: Vec<(Field, Vec<Para>)>,
    body: Vec<Body>,
    preamble: bool,
    /// The field a label line opened, collecting the paragraphs under it.
    pending: Option<usize>,
}

impl Default for Form {
    fn default() -> Self {
        Form { fields: Vec::new(), body: Vec::new(), preamble: true, pending: None }
    }
}

impl Form {
    /// A paragraph before the body starts: a label line, `标签：值`, a value
    /// under the last label, or the first paragraph of the body.
    fn preamble_para(&mut self, p: Para) {
        let norm: String = p.text.chars().filter(|c| !c.is_whitespace()).collect();
        if norm == "教案" {
            return;
        }
        if let Some(f) = label(&p.text) {
            if matches!(f, Field::Design | Field::Homework | Field::Reflection) {
                self.preamble = false;
                self.body.push(Body::Section(f, p.text.trim().to_string()));
            } else {
                self.fields.push((f, Vec::new()));
                self.pending = Some(self.fields.len() - 1);
            }
        } else if let Some((f, v)) = label_with_value(&p.text) {
            self.fields.push((f, vec![Para { md: escape(&v), text: v, ..Para::default() }]));
            self.pending = None;
        } else if detect::step(&p.text).is_some() || p.heading.is_some() {
            self.preamble = false;
            self.body.push(Body::P(p));
        } else if let Some(i) = self.pending {
            self.fields[i].1.push(p);
        } else if !p.text.trim().is_empty() || !p.md.trim().is_empty() {
            self.body.push(Body::P(p));
        }
    }
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
/// An empty first cell is the continuation of a label merged down over
/// several rows (`w:vMerge`): its value belongs to the field above.
fn field_row(row: Vec<Vec<Para>>, fields: &mut Vec<(Field, Vec<Para>)>, body: &mut Vec<Body>) {
    let mut cells = row.into_iter().peekable();
    if cells.peek().is_some_and(|c| cell_text(c).trim().is_empty()) && !fields.is_empty() {
        cells.next();
        if let (Some(value), Some(last)) = (cells.next(), fields.last_mut()) {
            last.1.extend(value);
        }
    }
    while let Some(label_cell) = cells.next() {
        let text = cell_text(&label_cell);
        let Some(field) = label(&text) else {
            // A value cell without a label: keep its text for review.
            if !text.trim().is_empty() {
                for p in label_cell {
                    body.push(Body::P(Para { unknown: vec![UNLABELLED.into()], ..p }));
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

/// One field's lines: a paragraph, a line break (Shift+Enter) and a
/// 【知识目标】 marker in the middle of a line all start a new line.
fn texts(paras: &[Para]) -> Vec<String> {
    let mut out = Vec::new();
    for p in paras {
        for line in p.text.split('\n') {
            out.extend(split_at_markers(line));
        }
    }
    out.into_iter().map(|t| t.trim().to_string()).filter(|t| !t.is_empty()).collect()
}

/// Markers that route the aims: (as written, knowledge?).
const AIM_MARKERS: &[(&str, bool)] = &[
    ("【知识目标】", true),
    ("【能力目标】", false),
    ("知识目标", true),
    ("能力目标", false),
    ("Knowledge objectives", true),
    ("Ability objectives", false),
];

/// `…；【能力目标】1.…` → `…；`, `【能力目标】1.…`.
fn split_at_markers(line: &str) -> Vec<String> {
    let mut cuts: Vec<usize> = Vec::new();
    for (m, _) in AIM_MARKERS {
        for (i, _) in line.match_indices(m) {
            // `知识目标` inside `【知识目标】` is the same marker.
            let inside = line[..i].ends_with('【');
            if i > 0 && !inside && !cuts.iter().any(|&c| c <= i && i < c + m.len()) {
                cuts.push(i);
            }
        }
    }
    cuts.sort_unstable();
    cuts.dedup();
    let mut out = Vec::new();
    let mut from = 0;
    for c in cuts {
        out.push(line[from..c].to_string());
        from = c;
    }
    out.push(line[from..].to_string());
    out
}

/// A line holding several items: `1.甲；2.乙` or `甲；乙；丙` → one item each.
fn items_of(line: &str) -> Vec<String> {
    let parts: Vec<String> = line
        .split(['；', ';'])
        .flat_map(split_numbered_run)
        .map(|s| detect::strip_number(&s))
        .filter(|s| !s.is_empty())
        .collect();
    if parts.is_empty() {
        vec![detect::strip_number(line)]
    } else {
        parts
    }
}

/// `1.甲 2.乙 3.丙` in one line → the three items (each keeps its number,
/// stripped later). A number only counts after a space or punctuation, and not
/// when a digit follows its dot (`2.5学时`).
fn split_numbered_run(s: &str) -> Vec<String> {
    let chars: Vec<(usize, char)> = s.char_indices().collect();
    let mut cuts = Vec::new();
    for (k, &(i, c)) in chars.iter().enumerate() {
        let after_break = k == 0 || chars[k - 1].1.is_whitespace() || "，。,、".contains(chars[k - 1].1);
        if k == 0 || !c.is_ascii_digit() || !after_break {
            continue;
        }
        let digits = chars[k..].iter().take_while(|(_, d)| d.is_ascii_digit()).count();
        let sep = chars.get(k + digits).map(|x| x.1);
        let next = chars.get(k + digits + 1).map(|x| x.1);
        if matches!(sep, Some('.' | '．' | '、')) && !next.is_some_and(|n| n.is_ascii_digit()) {
            cuts.push(i);
        }
    }
    let mut out = Vec::new();
    let mut from = 0;
    for c in cuts {
        out.push(s[from..c].to_string());
        from = c;
    }
    out.push(s[from..].to_string());
    out
}

/// The lines of a list field, each split into its items.
fn list_items(lines: &[String]) -> Vec<String> {
    lines.iter().flat_map(|l| items_of(l)).collect()
}

/// 【知识目标】/【能力目标】 anywhere in the aims route what follows; lines
/// before any marker are knowledge. Returns (knowledge, ability).
fn aims(lines: &[String], knowledge_first: bool) -> (Vec<String>, Vec<String>) {
    let (mut k, mut a) = (Vec::new(), Vec::new());
    let mut to_knowledge = knowledge_first;
    for line in lines {
        let mut rest = line.as_str();
        if let Some((m, is_k)) = AIM_MARKERS.iter().find(|(m, _)| line.starts_with(m)) {
            to_knowledge = *is_k;
            rest = line[m.len()..].trim_start_matches(['】', '：', ':', ' ']);
        }
        let target = if to_knowledge { &mut k } else { &mut a };
        target.extend(items_of(rest).into_iter().filter(|s| !s.is_empty()));
    }
    (k, a)
}

/// A field with one value (a name, a date): its lines joined.
fn one_value(lines: &[String]) -> Option<String> {
    Some(join_cjk(lines)).filter(|v| !v.is_empty())
}

pub(super) fn front_from_fields(fields: &[(Field, Vec<Para>)], notes: &mut Vec<crate::messages::Msg>) -> LessonFront {
    let mut f = LessonFront::default();
    for (field, paras) in fields {
        let lines = texts(paras);
        let joined = join_cjk(&lines);
        match field {
            Field::Number => f.number = first_number(&joined),
            Field::Chapter => f.chapter = joined,
            Field::Aims | Field::Knowledge | Field::Ability => {
                let (k, a) = aims(&lines, *field != Field::Ability);
                f.knowledge.extend(k);
                f.ability.extend(a);
            }
            Field::Content => f.content = list_items(&lines),
            Field::Methods => {
                f.methods = lines
                    .iter()
                    .flat_map(|l| l.split(['、', '，', ',', '；', ';', '/']))
                    .map(|s| s.trim().trim_end_matches('。').to_string())
                    .filter(|s| !s.is_empty())
                    .collect()
            }
            Field::Hours => f.hours = first_number(&joined),
            Field::Deck => f.deck = one_value(&lines),
            Field::KeyPoints => f.key_points = list_items(&lines),
            Field::Difficulties => f.difficulties = list_items(&lines),
            Field::Cases => f.cases = list_items(&lines),
            Field::Course => f.course = one_value(&lines),
            Field::Teacher => f.teacher = one_value(&lines),
            Field::Class => f.class = one_value(&lines),
            Field::Taught => f.taught = one_value(&lines),
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
        assert_eq!(label("Class hours:"), Some(Field::Hours));
        assert_eq!(label("No."), Some(Field::Number));
        assert_eq!(label("授课教师"), Some(Field::Teacher));
        assert_eq!(label_with_value("学时：4学时"), Some((Field::Hours, "4学时".into())));
    }

    #[test]
    fn items_split_at_breaks_markers_and_runs() {
        let line = |s: &str| s.to_string();
        let lines = texts(&[Para {
            text: "【知识目标】1.甲；2.乙\n【能力目标】能够丙。".into(), ..Para::default()
        }]);
        assert_eq!(aims(&lines, true), (vec![line("甲"), line("乙")], vec![line("能够丙。")]));
        let lines = texts(&[Para {
            text: "【知识目标】了解甲 【能力目标】能够乙".into(), ..Para::default()
        }]);
        assert_eq!(aims(&lines, true), (vec![line("了解甲")], vec![line("能够乙")]));
        assert_eq!(items_of("1.倾听 2.复述 3.确认"), vec!["倾听", "复述", "确认"]);
        assert_eq!(items_of("学时 2.5 小时"), vec!["学时 2.5 小时"]);
    }
}
