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

/// Cases told inside a lesson: from a `案例：title` paragraph (or the first
/// paragraph under a heading) through 思考 and 分析提示 to the next heading.
/// Each becomes (title, page text); a link takes its place.
pub(super) fn split_cases(blocks: Vec<Block>) -> (Vec<Block>, Vec<(String, String)>) {
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
}
