//! Cutting a page's Markdown into slides: breaks, notes, skip/break/step
//! directives, link definitions shared by every slide, fragment lists.

use crate::config::{MarkdownConfig, SlideSplit};
use crate::render::markdown;
use crate::render::text::plain_text;
use crate::syntax::callouts;
use comrak::nodes::{AstNode, NodeValue};
use comrak::{parse_document, Arena};

/// One slide as cut from the Markdown, before rendering.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct RawSlide {
    /// The slide's Markdown, notes and skipped blocks removed.
    pub markdown: String,
    /// The speaker notes' Markdown (the `>` quoting removed).
    pub notes: String,
    /// 1-based line of the slide's first block in the page body.
    pub first_line: usize,
    /// Texts of the headings the slide sits under, outermost first.
    pub trail: Vec<String>,
    /// The `##` heading the slide sits under (or starts with).
    pub section: Option<String>,
    /// An explicit `<!-- slides: step … -->` in force.
    pub step: Option<String>,
}

#[derive(Debug, PartialEq, Eq)]
pub(super) enum Directive {
    Skip,
    Break,
    Step(String),
}

/// `<!-- slides: skip -->` and friends; None for any other comment.
pub(super) fn directive(html: &str) -> Option<Directive> {
    let inner = html.trim().strip_prefix("<!--")?.strip_suffix("-->")?.trim();
    let (key, rest) = inner.split_once(':')?;
    if !key.trim().eq_ignore_ascii_case("slides") && key.trim() != "幻灯片" {
        return None;
    }
    let rest = rest.trim();
    let lower = rest.to_lowercase();
    match lower.as_str() {
        "skip" | "跳过" => Some(Directive::Skip),
        "break" | "分页" => Some(Directive::Break),
        _ => {
            let name = lower.strip_prefix("step").or_else(|| rest.strip_prefix("步骤"))?;
            let name = rest[rest.len() - name.len()..].trim();
            (!name.is_empty()).then(|| Directive::Step(name.to_string()))
        }
    }
}

/// A block quote opening with a speaker-notes marker (`[!notes]` or any alias
/// in the callout table): its Markdown without the quoting and the marker line.
pub(super) fn notes_of(block: &str) -> Option<String> {
    let mut lines = block.lines();
    let first = unquote(lines.next()?)?;
    if !callouts::parse(first)?.speaker_notes() {
        return None;
    }
    let rest: Vec<&str> = lines.map(|l| unquote(l).unwrap_or(l)).collect();
    Some(rest.join("\n").trim().to_string())
}

/// `   > text` → `text`; None when the line is not quoted.
pub(super) fn unquote(line: &str) -> Option<&str> {
    let t = line.trim_start();
    let rest = t.strip_prefix('>')?;
    Some(rest.strip_prefix(' ').unwrap_or(rest))
}

pub(super) fn max_level(mode: SlideSplit) -> u8 {
    match mode {
        SlideSplit::Hr => 0,
        SlideSplit::H2 => 2,
        SlideSplit::H3 => 3,
        SlideSplit::H4 => 4,
        SlideSplit::H5 => 5,
        SlideSplit::H6 => 6,
    }
}

/// Cut a page body into slides, and find its link reference definitions, from
/// one parse of the body.
pub fn cut_body(body: &str, mode: Option<SlideSplit>, md: &MarkdownConfig) -> (Vec<RawSlide>, String) {
    let arena = Arena::new();
    let root = parse_document(&arena, body, &markdown::options(md));
    let lines: Vec<&str> = body.lines().collect();
    (split_blocks(root, &lines, mode), definitions_outside(root, &lines))
}

/// Cut a page body into slides. `mode` None: at `---` if there is any top-level
/// one, else at `##`.
#[cfg(test)]
pub fn split(body: &str, mode: Option<SlideSplit>, md: &MarkdownConfig) -> Vec<RawSlide> {
    cut_body(body, mode, md).0
}

fn split_blocks<'a>(root: &'a AstNode<'a>, lines: &[&str], mode: Option<SlideSplit>) -> Vec<RawSlide> {
    let blocks: Vec<_> = root.children().collect();
    let has_hr = blocks.iter().any(|b| matches!(b.data().value, NodeValue::ThematicBreak));
    let mode = mode.unwrap_or(if has_hr { SlideSplit::Hr } else { SlideSplit::H2 });
    let mut cutter = Cutter::new(max_level(mode));
    for block in blocks {
        let pos = block.data().sourcepos;
        let (start, end) = (pos.start.line.max(1), pos.end.line.max(pos.start.line).min(lines.len()));
        let text = if start <= end { lines[start - 1..end].join("\n") } else { String::new() };
        let value = block.data().value.clone();
        match value {
            NodeValue::HtmlBlock(ref html) => {
                if let Some(d) = directive(&html.literal) {
                    cutter.directive(d);
                    continue;
                }
            }
            NodeValue::ThematicBreak => {
                cutter.thematic_break();
                continue;
            }
            NodeValue::Heading(h) => {
                let title = plain_text(block);
                // `## 标题 {#id}`: the trail shows the title without its attribute block.
                let title = crate::syntax::anchor::split_heading_attrs(&title).map_or(title.trim(), |(kept, _)| kept);
                cutter.heading(h.level, title.trim().to_string(), start, &text);
                continue;
            }
            _ => {}
        }
        cutter.block(matches!(value, NodeValue::BlockQuote), start, &text);
    }
    cutter.flush();
    cutter.slides
}

/// Cutting a page body into slides, one top-level block at a time.
struct Cutter {
    /// Heading levels up to this one start a new slide (0: none do).
    split_level: u8,
    slides: Vec<RawSlide>,
    /// The slide being filled.
    cur: RawSlide,
    /// Blocks other than headings in `cur`: a slide of headings alone joins the next.
    cur_content: usize,
    /// The headings the next block sits under: (level, text), outermost first.
    stack: Vec<(u8, String)>,
    section: Option<String>,
    step: Option<String>,
    /// A `<!-- slides: skip -->` came just before: leave the next block out.
    skip_next: bool,
}

impl Cutter {
    fn new(split_level: u8) -> Cutter {
        Cutter {
            split_level,
            slides: Vec::new(),
            cur: RawSlide::default(),
            cur_content: 0,
            stack: Vec::new(),
            section: None,
            step: None,
            skip_next: false,
        }
    }

    /// End the slide being filled and start an empty one.
    fn flush(&mut self) {
        let done = std::mem::take(&mut self.cur);
        self.cur_content = 0;
        if !done.markdown.trim().is_empty() {
            self.slides.push(done);
        } else if !done.notes.is_empty() {
            // Notes with no slide of their own belong to the slide before.
            if let Some(prev) = self.slides.last_mut() {
                push_para(&mut prev.notes, &done.notes);
            }
        }
    }

    fn directive(&mut self, directive: Directive) {
        match directive {
            Directive::Skip => self.skip_next = true,
            Directive::Break => self.flush(),
            Directive::Step(s) => {
                self.step = Some(s.clone());
                if self.cur.markdown.is_empty() || self.cur_content == 0 {
                    self.cur.step = Some(s);
                }
            }
        }
    }

    /// A `---` is the author's own break in every mode.
    fn thematic_break(&mut self) {
        if !std::mem::take(&mut self.skip_next) {
            self.flush();
        }
    }

    /// A heading: maybe a new slide, and always the new trail and section for
    /// what follows, even when the heading itself is skipped.
    fn heading(&mut self, level: u8, title: String, start: usize, text: &str) {
        if self.split_level > 0 && level <= self.split_level && self.cur_content > 0 {
            self.flush();
        }
        while self.stack.last().is_some_and(|(l, _)| *l >= level) {
            self.stack.pop();
        }
        if level <= 2 {
            self.section = (level == 2).then(|| title.clone());
            self.step = None;
        }
        if std::mem::take(&mut self.skip_next) {
            self.stack.push((level, title));
            return;
        }
        self.start_if_empty(start);
        self.stack.push((level, title));
        push_para(&mut self.cur.markdown, text);
    }

    /// Any other block: speaker notes if it is a notes block quote, else content.
    fn block(&mut self, is_quote: bool, start: usize, text: &str) {
        if std::mem::take(&mut self.skip_next) {
            return;
        }
        if is_quote {
            if let Some(notes) = notes_of(text) {
                push_para(&mut self.cur.notes, &notes);
                return;
            }
        }
        self.start_if_empty(start);
        push_para(&mut self.cur.markdown, text);
        self.cur_content += 1;
    }

    /// The slide's first block starting at `line`: the slide takes the trail,
    /// section and step in force there.
    fn start_if_empty(&mut self, line: usize) {
        if self.cur.markdown.is_empty() {
            start_slide(&mut self.cur, line, &self.stack, &self.section, &self.step);
        }
    }
}

pub(super) fn start_slide(
    cur: &mut RawSlide,
    line: usize,
    stack: &[(u8, String)],
    section: &Option<String>,
    step: &Option<String>,
) {
    cur.first_line = line;
    cur.trail = stack.iter().map(|(_, t)| t.clone()).collect();
    cur.section = section.clone();
    if cur.step.is_none() {
        cur.step = step.clone();
    }
}

pub(super) fn push_para(to: &mut String, text: &str) {
    if !to.is_empty() {
        to.push_str("\n\n");
    }
    to.push_str(text);
}

/// Link reference definitions (`[东方饭店]: ../cases/东方饭店.md`) anywhere in the
/// body: they belong to no block, so every slide gets them all.
#[cfg(test)]
pub fn link_definitions(body: &str, md: &MarkdownConfig) -> String {
    cut_body(body, None, md).1
}

/// The lines no block covers that look like link reference definitions.
fn definitions_outside<'a>(root: &'a AstNode<'a>, lines: &[&str]) -> String {
    let mut covered = vec![false; lines.len() + 1];
    for block in root.children() {
        let pos = block.data().sourcepos;
        let end = pos.end.line.min(lines.len());
        for c in covered.iter_mut().take(end + 1).skip(pos.start.line) {
            *c = true;
        }
    }
    let looks_like_def = |l: &str| {
        let t = l.trim_start();
        l.len() - t.len() < 4 && t.starts_with('[') && !t.starts_with("[^") && t.contains("]:")
    };
    lines
        .iter()
        .enumerate()
        .filter(|(i, l)| !covered[i + 1] && looks_like_def(l))
        .map(|(_, l)| *l)
        .collect::<Vec<_>>()
        .join("\n")
}

#[cfg(test)]
mod tests {
    use super::super::fit::estimate_lines;
    use super::*;

    fn cut(md: &str) -> Vec<RawSlide> {
        split(md, None, &MarkdownConfig::default())
    }

    fn texts(slides: &[RawSlide]) -> Vec<&str> {
        slides.iter().map(|s| s.markdown.as_str()).collect()
    }

    #[test]
    fn thematic_breaks_split_when_present() {
        let s = cut("# 一\n\n甲\n\n---\n\n## 二\n\n乙\n\n---\n\n丙\n");
        assert_eq!(texts(&s), vec!["# 一\n\n甲", "## 二\n\n乙", "丙"]);
        assert_eq!(s[1].first_line, 7);
        assert_eq!(s[2].section.as_deref(), Some("二"));
    }

    #[test]
    fn without_breaks_h2_headings_split_and_lone_headings_join_the_next_slide() {
        let s =
            cut("导语\n\n## 步骤一 组织教学\n\n问好\n\n## 步骤三 新课讲解\n\n### 任务1\n\n内容\n\n### 任务2\n\n更多\n");
        assert_eq!(
            texts(&s),
            vec!["导语", "## 步骤一 组织教学\n\n问好", "## 步骤三 新课讲解\n\n### 任务1\n\n内容\n\n### 任务2\n\n更多"]
        );
        assert_eq!(s[2].section.as_deref(), Some("步骤三 新课讲解"));
        assert!(s[0].section.is_none());
    }

    #[test]
    fn deeper_split_levels_and_trails() {
        let md = "## 步骤三 新课讲解\n\n### 任务1\n\n#### 一、甲\n\n内容\n\n#### 二、乙\n\n更多\n";
        let s = split(md, Some(SlideSplit::H4), &MarkdownConfig::default());
        assert_eq!(s.len(), 2, "{s:?}");
        assert!(s[0].markdown.starts_with("## 步骤三"));
        assert_eq!(s[1].trail, vec!["步骤三 新课讲解".to_string(), "任务1".to_string()]);
        assert_eq!(s[1].section.as_deref(), Some("步骤三 新课讲解"));
        // hr mode ignores headings even when asked on a page without breaks…
        let s = split(md, Some(SlideSplit::Hr), &MarkdownConfig::default());
        assert_eq!(s.len(), 1);
        // …and heading modes still break at `---`.
        let s = split("## 甲\n\n一\n\n---\n\n二\n", Some(SlideSplit::H2), &MarkdownConfig::default());
        assert_eq!(texts(&s), vec!["## 甲\n\n一", "二"]);
        assert_eq!(s[1].trail, vec!["甲".to_string()]);
    }

    #[test]
    fn notes_are_extracted_from_any_marker_spelling() {
        let s = cut(
            "## 甲\n\n正文\n\n> [!notes]\n> 先问学生\n> **再**讲\n\n> [!讲稿]\n> 第二段\n\n> [!思考]\n> 留在幻灯片上\n",
        );
        assert_eq!(s.len(), 1);
        assert_eq!(s[0].notes, "先问学生\n**再**讲\n\n第二段");
        assert!(s[0].markdown.contains("[!思考]") && !s[0].markdown.contains("先问学生"), "{}", s[0].markdown);
        // Every alias in the table, any case.
        for alias in callouts::SPEAKER_NOTES.aliases {
            let s = cut(&format!("甲\n\n> [!{}] \n> 讲给自己\n", alias.to_uppercase()));
            assert_eq!((s[0].notes.as_str(), s[0].markdown.as_str()), ("讲给自己", "甲"), "{alias}");
        }
        // Notes after the last break go to the slide before.
        let s = cut("甲\n\n---\n\n> [!备注]\n> 收尾\n");
        assert_eq!(s.len(), 1);
        assert_eq!(s[0].notes, "收尾");
    }

    #[test]
    fn skip_break_and_step_directives() {
        let s =
            cut("甲\n\n<!-- slides: skip -->\n| 只在教案里 |\n|---|\n| x |\n\n乙\n\n<!-- slides: break -->\n\n丙\n");
        assert_eq!(texts(&s), vec!["甲\n\n乙", "丙"]);
        let s = cut("<!-- slides: skip -->\n## 不上幻灯片\n\n## 二\n\n<!-- slides: step 3 -->\n内容\n");
        assert_eq!(texts(&s), vec!["## 二\n\n内容"]);
        assert_eq!(s[0].step.as_deref(), Some("3"));
        assert_eq!(directive("<!-- 普通注释 -->"), None);
        assert_eq!(directive("<!-- Slides: Skip -->"), Some(Directive::Skip));
        assert_eq!(directive("<!-- slides: step 案例导入 -->"), Some(Directive::Step("案例导入".into())));
    }

    #[test]
    fn bad_input_never_panics() {
        for md in [
            "",
            "---",
            "---\n---\n",
            "> [!notes]",
            "> [!notes]\n",
            "<!-- slides: skip -->",
            "<!-- slides: step -->",
            "#\n",
            "\u{0}",
        ] {
            let _ = cut(md);
            let _ = estimate_lines(md, &MarkdownConfig::default());
        }
        assert!(cut("").is_empty());
    }

    #[test]
    fn link_definitions_reach_every_slide() {
        let md = MarkdownConfig::default();
        let body = "## 一\n\n见[案例][甲]。\n\n## 二\n\n再见[案例][甲]。\n\n[甲]: ../cases/a.md\n[^1]: 脚注\n";
        assert_eq!(link_definitions(body, &md), "[甲]: ../cases/a.md");
        assert_eq!(link_definitions("[不是定义] 文字\n", &md), "");
    }
}
