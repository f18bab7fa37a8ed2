//! One slide's Markdown (as `render::slides` cut it) → what the slide shows:
//! its title, text paragraphs with bullet levels, code, tables and pictures.
//! Inline Markdown keeps bold, italic and code; the rest becomes its text.

use comrak::nodes::{AstNode, ListType, NodeValue};

#[derive(Debug, Clone, Default, PartialEq)]
pub struct Run {
    pub text: String,
    pub bold: bool,
    pub italic: bool,
    pub code: bool,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Bullet {
    None,
    Char,
    Number,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Para {
    pub level: usize,
    pub bullet: Bullet,
    pub runs: Vec<Run>,
}

impl Para {
    pub fn text(&self) -> String {
        self.runs.iter().map(|r| r.text.as_str()).collect()
    }
}

#[derive(Debug, Clone, PartialEq)]
pub enum Shape {
    /// Consecutive paragraphs and list items share one text box.
    Text(Vec<Para>),
    Code(Vec<String>),
    Table(Vec<Vec<Vec<Run>>>),
    Picture {
        url: String,
        alt: String,
    },
}

/// The slide's title (its opening heading, if any) and its shapes.
pub fn slide_content<'a>(root: &'a AstNode<'a>) -> (Option<String>, Vec<Shape>) {
    let mut shapes = Vec::new();
    let mut title = None;
    for (i, node) in root.children().enumerate() {
        if i == 0 {
            if let NodeValue::Heading(_) = node.data().value {
                let text = plain(node);
                let kept = crate::syntax::anchor::split_heading_attrs(&text).map_or(text.as_str(), |(k, _)| k);
                title = Some(kept.trim().to_string());
                continue;
            }
        }
        block(node, 0, &mut shapes);
    }
    (title, shapes)
}

fn push_para(shapes: &mut Vec<Shape>, para: Para) {
    if para.runs.iter().all(|r| r.text.trim().is_empty()) {
        return;
    }
    if let Some(Shape::Text(paras)) = shapes.last_mut() {
        paras.push(para);
    } else {
        shapes.push(Shape::Text(vec![para]));
    }
}

fn block<'a>(node: &'a AstNode<'a>, level: usize, shapes: &mut Vec<Shape>) {
    let value = node.data().value.clone();
    match value {
        NodeValue::Heading(_) => {
            let mut runs = runs_of(node);
            runs.iter_mut().for_each(|r| r.bold = true);
            push_para(shapes, Para { level: 0, bullet: Bullet::None, runs });
        }
        NodeValue::Paragraph => {
            if let Some((url, alt)) = lone_image(node) {
                shapes.push(Shape::Picture { url, alt });
            } else {
                push_para(shapes, Para { level, bullet: Bullet::None, runs: runs_of(node) });
            }
        }
        NodeValue::List(list) => {
            let bullet = if list.list_type == ListType::Ordered { Bullet::Number } else { Bullet::Char };
            for item in node.children() {
                list_item(item, level, bullet, shapes);
            }
        }
        NodeValue::CodeBlock(code) => {
            shapes.push(Shape::Code(code.literal.trim_end_matches('\n').lines().map(String::from).collect()))
        }
        NodeValue::Table(_) => {
            let rows = node.children().map(|row| row.children().map(runs_of).collect()).collect();
            shapes.push(Shape::Table(rows));
        }
        NodeValue::BlockQuote => {
            for child in node.children() {
                block(child, level, shapes);
            }
            drop_callout_marker(shapes);
        }
        NodeValue::HtmlBlock(_) | NodeValue::ThematicBreak | NodeValue::FrontMatter(_) => {}
        _ => {
            let text = plain(node);
            let run = Run { text: text.trim().to_string(), ..Run::default() };
            push_para(shapes, Para { level, bullet: Bullet::None, runs: vec![run] });
        }
    }
}

fn list_item<'a>(item: &'a AstNode<'a>, level: usize, bullet: Bullet, shapes: &mut Vec<Shape>) {
    let mut first = true;
    for child in item.children() {
        match child.data().value {
            NodeValue::Paragraph if first => {
                push_para(shapes, Para { level, bullet, runs: runs_of(child) });
                first = false;
            }
            NodeValue::List(_) => block(child, level + 1, shapes),
            _ => block(child, level + 1, shapes),
        }
    }
}

/// `> [!tip] 小提示`: the callout's marker is markup, its title is text.
fn drop_callout_marker(shapes: &mut [Shape]) {
    let Some(Shape::Text(paras)) = shapes.last_mut() else { return };
    for para in paras.iter_mut() {
        let Some(first) = para.runs.first_mut() else { continue };
        let t = first.text.trim_start();
        if let Some(rest) = t.strip_prefix("[!").and_then(|r| r.split_once(']')).map(|(_, r)| r) {
            first.text = rest.trim_start_matches(['+', '-']).trim_start().to_string();
        }
    }
}

/// A paragraph that is one picture (and blanks): the picture's URL and alt text.
fn lone_image<'a>(para: &'a AstNode<'a>) -> Option<(String, String)> {
    let mut found = None;
    for child in para.children() {
        match &child.data().value {
            NodeValue::Image(link) if found.is_none() => found = Some((link.url.clone(), plain(child))),
            NodeValue::Text(t) if t.trim().is_empty() => {}
            NodeValue::SoftBreak | NodeValue::LineBreak => {}
            _ => return None,
        }
    }
    found
}

/// The inline content of a block as runs; soft breaks between Chinese
/// characters join without a space, as the site does.
pub fn runs_of<'a>(node: &'a AstNode<'a>) -> Vec<Run> {
    let mut runs: Vec<Run> = Vec::new();
    inline(node, Run::default(), &mut runs);
    let mut merged: Vec<Run> = Vec::new();
    for run in runs {
        match merged.last_mut() {
            Some(last) if (last.bold, last.italic, last.code) == (run.bold, run.italic, run.code) => {
                last.text.push_str(&run.text)
            }
            _ => merged.push(run),
        }
    }
    let joined = join_breaks(&merged);
    joined.into_iter().filter(|r| !r.text.is_empty()).collect()
}

const SOFT: char = '\u{1}';

fn inline<'a>(node: &'a AstNode<'a>, style: Run, out: &mut Vec<Run>) {
    for child in node.children() {
        let text = |t: &str| Run { text: t.to_string(), ..style.clone() };
        match &child.data().value {
            NodeValue::Text(t) => out.push(text(t)),
            NodeValue::Code(c) => out.push(Run { code: true, ..text(&c.literal) }),
            NodeValue::SoftBreak => out.push(text(&SOFT.to_string())),
            NodeValue::LineBreak => out.push(text(" ")),
            NodeValue::Strong => inline(child, Run { bold: true, ..style.clone() }, out),
            NodeValue::Emph => inline(child, Run { italic: true, ..style.clone() }, out),
            NodeValue::Math(m) => out.push(text(&m.literal)),
            NodeValue::HtmlInline(_) | NodeValue::FootnoteReference(_) => {}
            _ => inline(child, style.clone(), out),
        }
    }
}

fn is_wide(c: char) -> bool {
    c as u32 >= 0x2E80
}

/// A soft break is a space between Latin words and nothing next to Chinese.
fn join_breaks(runs: &[Run]) -> Vec<Run> {
    let all: Vec<char> = runs.iter().flat_map(|r| r.text.chars()).collect();
    let mut at = 0;
    runs.iter()
        .map(|r| {
            let mut text = String::new();
            for c in r.text.chars() {
                if c == SOFT {
                    let before = all[..at].iter().rev().find(|c| **c != SOFT).copied();
                    let after = all[at + 1..].iter().find(|c| **c != SOFT).copied();
                    if !before.is_some_and(is_wide) && !after.is_some_and(is_wide) {
                        text.push(' ');
                    }
                } else {
                    text.push(c);
                }
                at += 1;
            }
            Run { text, ..r.clone() }
        })
        .collect()
}

pub fn plain<'a>(node: &'a AstNode<'a>) -> String {
    runs_of(node).iter().map(|r| r.text.as_str()).collect()
}

/// Speaker notes' Markdown → their paragraphs as plain text, one per
/// paragraph or list item.
pub fn notes_paragraphs<'a>(root: &'a AstNode<'a>) -> Vec<String> {
    let mut shapes = Vec::new();
    for node in root.children() {
        block(node, 0, &mut shapes);
    }
    let mut out = Vec::new();
    for shape in shapes {
        match shape {
            Shape::Text(paras) => out.extend(paras.iter().map(Para::text)),
            Shape::Code(lines) => out.extend(lines),
            Shape::Table(rows) => out.extend(rows.iter().map(|r| {
                r.iter().map(|c| c.iter().map(|x| x.text.as_str()).collect::<String>()).collect::<Vec<_>>().join(" | ")
            })),
            Shape::Picture { alt, .. } => out.push(alt),
        }
    }
    out.into_iter().map(|s| s.trim().to_string()).filter(|s| !s.is_empty()).collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use comrak::{parse_document, Arena};

    fn content(md: &str) -> (Option<String>, Vec<Shape>) {
        let arena = Arena::new();
        let root =
            parse_document(&arena, md, &crate::render::markdown::options(&crate::config::MarkdownConfig::default()));
        slide_content(root)
    }

    #[test]
    fn title_bullets_levels_code_tables_and_pictures() {
        let (title, shapes) = content(
            "## 倾听的层次 {#listen}\n\n导语**重点**\n\n- 一级\n  - 二级\n1. 第一\n\n```\nlet x = 1;\n```\n\n| a | b |\n|---|---|\n| 1 | 2 |\n\n![图](img/a.png)\n",
        );
        assert_eq!(title.as_deref(), Some("倾听的层次"));
        let Shape::Text(paras) = &shapes[0] else { panic!("{shapes:?}") };
        assert_eq!(paras[0].runs[1], Run { text: "重点".into(), bold: true, ..Run::default() });
        let levels: Vec<(usize, Bullet)> = paras.iter().map(|p| (p.level, p.bullet)).collect();
        assert_eq!(levels, [(0, Bullet::None), (0, Bullet::Char), (1, Bullet::Char), (0, Bullet::Number)]);
        assert_eq!(shapes[1], Shape::Code(vec!["let x = 1;".into()]));
        let Shape::Table(rows) = &shapes[2] else { panic!("{shapes:?}") };
        assert_eq!((rows.len(), rows[1][1][0].text.as_str()), (2, "2"));
        assert_eq!(shapes[3], Shape::Picture { url: "img/a.png".into(), alt: "图".into() });
    }

    #[test]
    fn soft_breaks_join_chinese_and_space_latin() {
        let (_, shapes) = content("第一行\n第二行 and\nmore\n");
        let Shape::Text(paras) = &shapes[0] else { panic!() };
        assert_eq!(paras[0].text(), "第一行第二行 and more");
    }
}
