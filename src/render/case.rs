//! A case study's parts. Teachers write the story, then `## 思考` questions, then
//! `## 分析提示` analysis; the page shows them as separate parts so students meet
//! the questions before the analysis (a later step adds the reveal).

use crate::syntax::lines::{lines, Line};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Part {
    Story,
    Questions,
    Analysis,
}

/// One part of the body and the 0-based line (within the body) where its text starts.
#[derive(Debug, PartialEq, Eq)]
pub struct Chunk<'a> {
    pub part: Part,
    /// The heading that opened this part, as written (`思考`); None for the story.
    pub heading: Option<&'a str>,
    pub text: &'a str,
    pub first_line: usize,
}

fn heading_part(line: &str) -> Option<(Part, &str)> {
    let title = line.strip_prefix("## ")?.trim().trim_end_matches(['：', ':']).trim();
    let part = match title {
        "思考" | "思考题" | "讨论" | "讨论题" | "问题" | "Questions" | "Discussion" => Part::Questions,
        "分析提示" | "引例分析" | "案例分析" | "分析" | "参考答案" | "Analysis" => Part::Analysis,
        _ => return None,
    };
    Some((part, title))
}

/// Split at the `## 思考` / `## 分析提示` headings (outside fenced code). The heading
/// lines themselves are dropped: the template titles each part.
pub fn split(body: &str) -> Vec<Chunk<'_>> {
    let mut chunks = Vec::new();
    let mut part = Part::Story;
    let mut heading = None;
    let mut start = 0;
    let mut start_line = 0;
    for line in lines(body).filter(Line::is_text) {
        if let Some((next, title)) = heading_part(line.raw.trim_end()) {
            chunks.push(Chunk { part, heading, text: &body[start..line.offset], first_line: start_line });
            part = next;
            heading = Some(title);
            start = line.end();
            // The 0-based line after the heading.
            start_line = line.number;
        }
    }
    chunks.push(Chunk { part, heading, text: &body[start..], first_line: start_line });
    // A case that opens with `## 思考` has no story before it.
    if chunks.len() > 1 && chunks[0].text.trim().is_empty() {
        chunks.remove(0);
    }
    chunks
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn splits_story_questions_analysis() {
        let body = "故事第一段。\n\n## 思考\n1. 为什么？\n\n```\n## 思考\n```\n## 分析提示\n分析。\n";
        let chunks = split(body);
        assert_eq!(chunks.len(), 3);
        assert_eq!(chunks[0].part, Part::Story);
        assert_eq!(chunks[0].text, "故事第一段。\n\n");
        assert_eq!(chunks[1].part, Part::Questions);
        assert_eq!(chunks[1].heading, Some("思考"));
        assert!(chunks[1].text.contains("```\n## 思考\n```"));
        assert_eq!(chunks[1].first_line, 3);
        assert_eq!(chunks[2].part, Part::Analysis);
        assert_eq!(chunks[2].text, "分析。\n");
        assert_eq!(chunks[2].first_line, 9);
    }

    #[test]
    fn a_long_fence_is_not_closed_by_a_short_one() {
        let chunks = split("故事。\n~~~~\n~~~\n## 思考\n~~~~\n## 思考\n为什么？\n");
        assert_eq!(chunks.len(), 2, "{chunks:?}");
        assert!(chunks[0].text.contains("## 思考"));
        assert_eq!((chunks[1].part, chunks[1].text, chunks[1].first_line), (Part::Questions, "为什么？\n", 6));
    }

    #[test]
    fn body_without_parts_is_all_story() {
        let chunks = split("只有故事。\n");
        assert_eq!(chunks, vec![Chunk { part: Part::Story, heading: None, text: "只有故事。\n", first_line: 0 }]);
    }
}
