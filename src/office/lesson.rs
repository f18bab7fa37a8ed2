//! A Word document read by `docx_read` becomes pages: the 教案 form's field
//! table becomes the lesson's front matter, 教学设计 steps its `[[steps]]` and
//! `##` sections, 作业 its homework, and a case told inside (案例 … 思考 …
//! 分析提示) a page of its own in `cases/`. A document without the form is a
//! call script when it is a dialogue, a case when it has 思考 and 分析提示,
//! else a plain page.

use super::detect::{self, outline_pass};
use super::docx_read::{join_cjk, Doc, Item, Para};
use super::emit::{self, escape, guard_line_start, Block, LessonFront, Marker};
use super::Page;
use crate::model::lesson::MINUTES_PER_HOUR;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Field {
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

enum Body {
    Section(Field, String),
    P(Para),
    Table(Vec<Vec<Vec<Para>>>),
}

/// What one .docx becomes, plus notes for the import report.
pub fn pages(doc: Doc, file_stem: &str, notes: &mut Vec<String>) -> Vec<Page> {
    let ours = doc.extra.is_some();
    let mut fields: Vec<(Field, Vec<Para>)> = Vec::new();
    let mut body: Vec<Body> = Vec::new();
    let mut preamble = true;
    let mut pending: Option<usize> = None;
    for item in doc.items {
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
    let is_lesson = fields.len() >= 3;
    if !is_lesson {
        return other_page(body, &doc.title, file_stem, doc.footnotes, notes);
    }
    let mut front = front_from_fields(&fields, notes);
    if !ours {
        // A hand-made form ends its last item with 。 where the others end with ；.
        for list in [
            &mut front.knowledge,
            &mut front.ability,
            &mut front.content,
            &mut front.key_points,
            &mut front.difficulties,
        ] {
            for item in list.iter_mut() {
                *item = item.trim_end_matches('。').to_string();
            }
        }
    }
    if let Some(t) = doc.title.filter(|_| ours) {
        front.title = t;
    }
    front.summary = doc.description;
    if let Some(extra) = &doc.extra {
        match toml::from_str::<toml::Table>(extra) {
            Ok(t) => front.extra = t,
            Err(e) => notes.push(format!("the coursesite document property is not TOML ({e}); ignored")),
        }
    }
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
    spread_minutes(&mut front, notes);
    if !ours {
        blocks = outline_pass(blocks, 3);
        let (rest, cases) = split_cases(blocks);
        blocks = rest;
        let mut pages = Vec::new();
        for (title, page) in cases {
            let stem = detect::stem(&title);
            front.cases.push(format!("cases/{stem}"));
            notes.push(format!("case “{title}” split out into cases/{stem}.md and linked from the lesson"));
            pages.push(Page { dir: "cases", stem, text: page });
        }
        let mut all = vec![lesson_page(front, blocks, doc.footnotes, file_stem)];
        all.extend(pages);
        return all;
    }
    // An exported lesson's .docx is named after the page: keep that name.
    let mut page = lesson_page(front, blocks, doc.footnotes, file_stem);
    page.stem = detect::stem(file_stem);
    vec![page]
}

fn lesson_page(front: LessonFront, mut blocks: Vec<Block>, footnotes: Vec<(String, String)>, file_stem: &str) -> Page {
    for (label, text) in footnotes {
        blocks.push(Block::Raw(format!("[^{label}]: {text}")));
    }
    let stem = match front.number {
        Some(n) if !front.chapter.is_empty() => format!("{n:02}-{}", detect::stem(&front.chapter)),
        _ if !front.chapter.is_empty() => detect::stem(&front.chapter),
        _ => detect::stem(file_stem),
    };
    let text = format!("{}\n{}", front.to_toml(), emit::markdown(&blocks));
    Page { dir: "lessons", stem, text }
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

fn front_from_fields(fields: &[(Field, Vec<Para>)], notes: &mut Vec<String>) -> LessonFront {
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
            notes.push(format!("the form has no {name}: fill it in before building"));
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

/// Steps whose minutes the document does not give share what the 学时 leave.
fn spread_minutes(front: &mut LessonFront, notes: &mut Vec<String>) {
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
    notes.push(format!(
        "the document gives no minutes for {missing} step(s): {left} minutes spread over them; check [[steps]]"
    ));
}

/// A paragraph as blocks: a heading, a list item, or a paragraph, plus a
/// review comment for anything that could not be converted.
fn para_blocks(p: Para, ours: bool) -> Vec<Block> {
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
                None => (Marker::Ordered, md.clone()),
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

fn table_block(rows: Vec<Vec<Vec<Para>>>) -> Block {
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

fn para_text(b: &Block) -> Option<&str> {
    match b {
        Block::Para(t) => Some(t.trim_start_matches("**")),
        _ => None,
    }
}

fn starts_any(text: &str, words: &[&str]) -> bool {
    words.iter().any(|w| text.starts_with(w))
}

const THINK: &[&str] = &["思考", "【思考】", "讨论", "问题："];
const ANALYSIS: &[&str] = &["分析提示", "【分析提示】", "引例分析", "案例分析", "参考分析"];

/// Cases told inside a lesson: from a `案例：title` paragraph (or the first
/// paragraph under a heading) through 思考 and 分析提示 to the next heading.
/// Each becomes (title, page text); a link takes its place.
fn split_cases(blocks: Vec<Block>) -> (Vec<Block>, Vec<(String, String)>) {
    let mut out: Vec<Block> = Vec::new();
    let mut cases = Vec::new();
    let mut i = 0;
    while i < blocks.len() {
        let is_heading = |b: &Block| matches!(b, Block::Heading(..));
        // A section: from here to the next heading.
        let end = (i + 1..blocks.len()).find(|&j| is_heading(&blocks[j])).unwrap_or(blocks.len());
        let start = if is_heading(&blocks[i]) { i + 1 } else { i };
        let section = &blocks[start..end];
        let think = section.iter().position(|b| para_text(b).is_some_and(|t| starts_any(t, THINK)));
        let analysis = section.iter().position(|b| para_text(b).is_some_and(|t| starts_any(t, ANALYSIS)));
        match (think, analysis) {
            (Some(t), Some(a)) if t > 0 && a > t => {
                out.extend(blocks[i..start].iter().cloned());
                // Story starts at an explicit 案例 paragraph, else at the section's start.
                let case_at = section[..t]
                    .iter()
                    .position(|b| para_text(b).is_some_and(|x| x.starts_with("案例") || x.starts_with("【案例")))
                    .unwrap_or(0);
                out.extend(section[..case_at].iter().cloned());
                let story = &section[case_at..t];
                let first = story.first().and_then(para_text).unwrap_or("").trim_end_matches("**");
                let (title, story_from) = case_title(first);
                let story: Vec<Block> = story[story_from..].to_vec();
                let questions = after_label(para_text(&section[t]).unwrap_or(""));
                let mut q_blocks: Vec<Block> = Vec::new();
                if !questions.is_empty() {
                    q_blocks.push(Block::Para(questions));
                }
                q_blocks.extend(section[t + 1..a].iter().cloned());
                let mut a_blocks: Vec<Block> = Vec::new();
                let first_analysis = after_label(para_text(&section[a]).unwrap_or(""));
                if !first_analysis.is_empty() {
                    a_blocks.push(Block::Para(first_analysis));
                }
                a_blocks.extend(section[a + 1..].iter().cloned());
                let mut page = emit::simple_front(&[("title", &title)], &[]);
                page.push('\n');
                page.push_str(&emit::markdown(&story));
                page.push_str("\n## 思考\n\n");
                page.push_str(&emit::markdown(&q_blocks));
                page.push_str("\n## 分析提示\n\n");
                page.push_str(&emit::markdown(&a_blocks));
                let stem = detect::stem(&title);
                out.push(Block::Para(format!("阅读案例[{title}](../cases/{stem}.md)。")));
                cases.push((title, page));
                i = end;
            }
            _ => {
                out.extend(blocks[i..end].iter().cloned());
                i = end;
            }
        }
    }
    (out, cases)
}

/// `案例：东方饭店` or a short first line is the title (and not part of the story).
fn case_title(first: &str) -> (String, usize) {
    let stripped = first.trim_start_matches("【案例】").trim_start_matches("案例");
    let stripped = stripped
        .trim_start_matches(|c: char| c.is_ascii_digit() || "一二三四五六七八九十-—".contains(c))
        .trim_start_matches(['：', ':', ' ', '】'])
        .trim();
    let short = stripped.chars().count() <= 30 && !stripped.ends_with('。');
    if !stripped.is_empty() && short {
        (stripped.to_string(), 1)
    } else {
        ("案例".to_string(), 0)
    }
}

fn after_label(text: &str) -> String {
    let t = text.trim_start_matches("**");
    match t.find(['：', ':']) {
        Some(i) if t[..i].chars().count() <= 8 => {
            let colon = t[i..].chars().next().map_or(1, char::len_utf8);
            t[i + colon..].trim_start_matches("**").trim().to_string()
        }
        _ => String::new(),
    }
}

/// Not a 教案: a call script, a case, or a plain page.
fn other_page(
    body: Vec<Body>,
    title: &Option<String>,
    file_stem: &str,
    footnotes: Vec<(String, String)>,
    _notes: &mut [String],
) -> Vec<Page> {
    let mut blocks = Vec::new();
    for b in body {
        match b {
            Body::Section(_, text) => blocks.push(Block::Heading(2, text)),
            Body::P(p) => blocks.extend(para_blocks(p, false)),
            Body::Table(rows) => blocks.push(table_block(rows)),
        }
    }
    let mut blocks = outline_pass(blocks, 2);
    for (label, text) in footnotes {
        blocks.push(Block::Raw(format!("[^{label}]: {text}")));
    }
    let title = title.clone().unwrap_or_else(|| file_stem.to_string());
    let lines: Vec<&str> = blocks.iter().filter_map(para_text).collect();
    if let Some((agent, customer)) = detect::dialogue(&lines) {
        let front = emit::simple_front(&[("title", &title), ("agent", &agent), ("customer", &customer)], &[]);
        return vec![Page {
            dir: "scripts",
            stem: detect::stem(&title),
            text: format!("{front}\n{}", emit::markdown(&blocks)),
        }];
    }
    let (rest, cases) = split_cases(blocks);
    if cases.len() == 1 && rest.iter().all(|b| matches!(b, Block::Para(t) if t.starts_with("阅读案例"))) {
        let (case_title, text) = cases.into_iter().next().unwrap_or_default();
        let t = if case_title == "案例" { title } else { case_title };
        return vec![Page { dir: "cases", stem: detect::stem(&t), text }];
    }
    let front = emit::simple_front(&[("title", &title), ("kind", "page")], &[]);
    let mut body = emit::markdown(&rest);
    let mut pages = Vec::new();
    for (t, text) in cases {
        pages.push(Page { dir: "cases", stem: detect::stem(&t), text });
    }
    body = format!("{front}\n{body}");
    pages.insert(0, Page { dir: "lessons", stem: detect::stem(&title), text: body });
    pages
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn labels_and_cases() {
        assert_eq!(label("教学目的和要求"), Some(Field::Aims));
        assert_eq!(label(" 学 时 "), Some(Field::Hours));
        assert_eq!(label_with_value("学时：4学时"), Some((Field::Hours, "4学时".into())));
        let p = |t: &str| Block::Para(t.into());
        let (rest, cases) = split_cases(vec![
            Block::Heading(2, "步骤二 案例导入".into()),
            p("海边小店的回头客"),
            p("店主记得每位客人的口味。"),
            p("思考：为什么客人会回来？"),
            p("分析提示："),
            p("记住客人就是最好的服务。"),
            Block::Heading(2, "步骤三 新课讲解".into()),
        ]);
        assert_eq!(cases.len(), 1);
        assert_eq!(cases[0].0, "海边小店的回头客");
        assert!(cases[0].1.contains("## 思考\n\n为什么客人会回来？"), "{}", cases[0].1);
        assert!(cases[0].1.contains("## 分析提示\n\n记住客人就是最好的服务。"), "{}", cases[0].1);
        assert_eq!(rest.len(), 3);
        assert_eq!(rest[1], p("阅读案例[海边小店的回头客](../cases/海边小店的回头客.md)。"));
    }
}
