//! Cases told inside a document: a story, then 思考 (questions), then 分析提示
//! (the analysis), cut out into a page of its own under `cases/`, with a
//! link left where the case was.

use crate::office::detect;
use crate::office::emit::{self, Block};

pub(super) fn para_text(b: &Block) -> Option<&str> {
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

/// A paragraph's or heading's text, for the 案例 / 思考 / 分析提示 labels.
fn label_text(b: &Block) -> Option<&str> {
    match b {
        Block::Heading(_, t) => Some(t.trim_start_matches("**")),
        _ => para_text(b),
    }
}

fn is_case_label(text: &str) -> bool {
    text.starts_with("案例") || text.starts_with("【案例")
}

/// Where a case told without a heading of its own stops telling: the next
/// step, a heading, or a paragraph that opens another labelled block
/// (`【教师小结】`, a bold line of its own).
fn ends_case(b: &Block) -> bool {
    match b {
        Block::Heading(..) => true,
        Block::Para(t) => {
            let t = t.trim();
            detect::step(t).is_some()
                || (t.starts_with('【') && !starts_any(t, ANALYSIS))
                || (t.starts_with("**")
                    && t.ends_with("**")
                    && !t[2..t.len() - 2].contains("**")
                    && !starts_any(t.trim_matches('*'), ANALYSIS))
        }
        _ => false,
    }
}

/// Cases told inside a lesson: from a `案例：title` paragraph (or a 案例
/// heading, or the first paragraph under a heading) through 思考 and 分析提示.
/// A case under a heading of its own ends at the next heading of the same or
/// a higher level; any other ends with its 分析提示 block ([`ends_case`]).
/// Each becomes (title, page text); a link takes its place.
pub(super) fn split_cases(blocks: Vec<Block>) -> (Vec<Block>, Vec<(String, String)>) {
    let mut out: Vec<Block> = Vec::new();
    let mut cases = Vec::new();
    let mut i = 0;
    while i < blocks.len() {
        let heading = match &blocks[i] {
            Block::Heading(level, text) => Some((*level, text.as_str())),
            _ => None,
        };
        let own = heading.filter(|(_, t)| is_case_label(t.trim_start_matches("**")));
        // A section: to the next heading (of the same or a higher level, or a step, for a case heading).
        let end = (i + 1..blocks.len())
            .find(|&j| match (&blocks[j], own) {
                (Block::Heading(l, t), Some((level, _))) => *l <= level || detect::step(t).is_some(),
                (Block::Heading(..), None) => true,
                _ => false,
            })
            .unwrap_or(blocks.len());
        let start = if heading.is_some() { i + 1 } else { i };
        let section = &blocks[start..end];
        let think = section.iter().position(|b| label_text(b).is_some_and(|t| starts_any(t, THINK)));
        let analysis = section.iter().position(|b| label_text(b).is_some_and(|t| starts_any(t, ANALYSIS)));
        let (Some(t), Some(a)) = (think, analysis) else {
            out.extend(blocks[i..end].iter().cloned());
            i = end;
            continue;
        };
        if a <= t || (t == 0 && own.is_none()) {
            out.extend(blocks[i..end].iter().cloned());
            i = end;
            continue;
        }
        // The analysis runs to the section's end under a case heading, else to the block's end.
        let stop = match own {
            Some(_) => section.len(),
            None => (a + 1..section.len()).find(|&j| ends_case(&section[j])).unwrap_or(section.len()),
        };
        let case_at = match own {
            Some(_) => 0,
            None => {
                out.extend(blocks[i..start].iter().cloned());
                section[..t].iter().position(|b| para_text(b).is_some_and(is_case_label)).unwrap_or(0)
            }
        };
        out.extend(section[..case_at].iter().cloned());
        let heading_title = own.map(|(_, text)| text.trim_matches('*'));
        let (title, story_from) = title_of(heading_title, &section[case_at..t]);
        let story = &section[case_at + story_from..t];
        let page = case_page(&title, story, &section[t..a], &section[a..stop]);
        let stem = detect::stem(&title);
        out.push(Block::Para(format!("阅读案例[{title}](../cases/{stem}.md)。")));
        cases.push((title, page));
        i = start + stop;
    }
    (out, cases)
}

/// The case's title and where its story starts in `story`: the heading's
/// `案例：标题`, else the 案例 line's, else the line after a bare `案例` / `案例：`,
/// else a short first line.
fn title_of(heading: Option<&str>, story: &[Block]) -> (String, usize) {
    let line = |k: usize| story.get(k).and_then(para_text).unwrap_or("").trim_end_matches("**").to_string();
    let bare = |t: &str| is_case_label(t) && strip_case_label(t).is_empty();
    match heading {
        Some(h) if !bare(h) => (strip_case_label(h), 0),
        Some(_) => match case_title(&line(0)) {
            (t, 1) => (t, 1),
            _ => ("案例".into(), 0),
        },
        None if bare(&line(0)) => match case_title(&line(1)) {
            (t, 1) => (t, 2),
            _ => ("案例".into(), 1),
        },
        None => case_title(&line(0)),
    }
}

/// `【案例】` / `案例一：` / `案例：` taken off the front of a line.
fn strip_case_label(text: &str) -> String {
    let stripped = text.trim_start_matches("【案例】").trim_start_matches('【').trim_start_matches("案例");
    stripped
        .trim_start_matches(|c: char| c.is_ascii_digit() || "一二三四五六七八九十-—".contains(c))
        .trim_start_matches(['：', ':', ' ', '】'])
        .trim()
        .to_string()
}

/// The case's page: its story, then 思考 and 分析提示 as sections.
fn case_page(title: &str, story: &[Block], think: &[Block], analysis: &[Block]) -> String {
    let section = |blocks: &[Block]| {
        let mut out: Vec<Block> = Vec::new();
        let first = blocks.first().and_then(label_text).map(after_label).unwrap_or_default();
        if !first.is_empty() {
            out.push(Block::Para(first));
        }
        out.extend(blocks.iter().skip(1).cloned());
        out
    };
    let mut page = emit::simple_front(&[("title", title)], &[]);
    page.push('\n');
    page.push_str(&emit::markdown(story));
    page.push_str("\n## 思考\n\n");
    page.push_str(&emit::markdown(&section(think)));
    page.push_str("\n## 分析提示\n\n");
    page.push_str(&emit::markdown(&section(analysis)));
    page
}

/// `案例：东方饭店` or a short first line is the title (and not part of the story).
fn case_title(first: &str) -> (String, usize) {
    let stripped = strip_case_label(first);
    let short = stripped.chars().count() <= 30 && !stripped.ends_with('。');
    if !stripped.is_empty() && short {
        (stripped, 1)
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cases_split_out() {
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

    #[test]
    fn a_case_gets_its_title_and_stops_at_its_end() {
        let p = |t: &str| Block::Para(t.into());
        // A bare 案例 line: the title is the next line; the case ends before 【教师小结】.
        let (rest, cases) = split_cases(vec![
            Block::Heading(2, "步骤二 案例导入".into()),
            p("案例："),
            p("银行柜员的一句话"),
            p("客户排队很久，柜员先道歉。"),
            p("思考："),
            p("柜员做对了什么？"),
            p("分析提示：先处理情绪。"),
            p("【教师小结】情绪先于事情。"),
        ]);
        assert_eq!(cases[0].0, "银行柜员的一句话");
        assert!(!cases[0].1.contains("教师小结"), "{}", cases[0].1);
        assert_eq!(rest.last(), Some(&p("【教师小结】情绪先于事情。")));
        // A case under its own heading: to the next heading of the same level, subheadings inside.
        let (rest, cases) = split_cases(vec![
            Block::Heading(3, "案例：东方饭店".into()),
            p("饭店记得客人的生日。"),
            Block::Heading(4, "思考".into()),
            p("为什么客人会回来？"),
            Block::Heading(4, "分析提示".into()),
            p("细节留住客人。"),
            Block::Heading(3, "二、服务的细节".into()),
            p("正文继续。"),
        ]);
        assert_eq!(cases[0].0, "东方饭店");
        assert!(cases[0].1.contains("## 分析提示\n\n细节留住客人。"), "{}", cases[0].1);
        assert_eq!(rest[0], p("阅读案例[东方饭店](../cases/东方饭店.md)。"));
        assert_eq!(rest.len(), 3, "{rest:?}");
    }
}
