//! One iterator over a page's lines that knows CommonMark fenced code, so the
//! steps that scan Markdown line by line (quiz, glossary, script, case split,
//! profile stripping, lint) agree with comrak about which lines are code, and
//! none keeps a fence tracker of its own.
//!
//! The fence rules are CommonMark's (spec 0.31, §4.5):
//! - an opening fence is at least three backticks or tildes, indented by at
//!   most three spaces; a backtick fence's info string may not contain a
//!   backtick (such a line is text: an inline code span);
//! - a closing fence is the same character, at least as long as the opening,
//!   indented by at most three spaces, with only spaces and tabs after it;
//! - an unclosed fence runs to the end of the text.
//!
//! Containers: the scanner reads lines as if they were at the top level.
//! - Block quotes are not looked into: `> ```` is text, as it was for every
//!   scanner before this one. A caller that needs a quote's fences strips the
//!   `>` markers and feeds the inner lines to a [`Fences`] of its own (the
//!   script parser does, for `> [!反面示例]`).
//! - List items: a fence indented by up to three spaces (`1. q` then `   ````)
//!   is found, as comrak finds it; a fence indented by four or more (content
//!   of a nested item) is not — at the top level that is an indented code
//!   block, and telling the two apart needs the list structure. Lines inside
//!   such a block are then text; the callers look for `##` headings and
//!   numbered items at column 0, which an indented line never is.
//! - A fence left open inside a list item or quote ends with its container in
//!   comrak, but runs to the end of the text here: the scanner does not know
//!   where the container ends. Only broken pages see the difference.
//!
//! Lines end at `\n`; a `\r` before it belongs to the line ending (CRLF). A
//! lone `\r` is not a line break here (comrak treats it as one; course files
//! never have them).

/// What a line is, with respect to fenced code.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind<'a> {
    /// Ordinary Markdown, outside fenced code.
    Text,
    /// The opening fence of a code block. `info` is the info string with the
    /// surrounding spaces and tabs removed (`rust`, `quiz`, or empty).
    Open { info: &'a str },
    /// A line between the fences.
    Code,
    /// The closing fence.
    Close,
}

/// One line of a text, as [`lines`] yields it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Line<'a> {
    /// 1-based line number within the scanned text.
    pub number: usize,
    /// Byte offset of the line's first byte in the scanned text.
    pub offset: usize,
    /// The line with its line ending (`\n` or `\r\n`, none on a last line
    /// without one); the lines joined give back the text.
    pub raw: &'a str,
    pub kind: Kind<'a>,
}

impl<'a> Line<'a> {
    /// The line without its line ending, as [`str::lines`] gives it.
    pub fn text(&self) -> &'a str {
        without_eol(self.raw)
    }

    /// Byte offset just past the line ending: where the next line starts.
    pub fn end(&self) -> usize {
        self.offset + self.raw.len()
    }

    /// Outside fenced code: the line is Markdown to read.
    pub fn is_text(&self) -> bool {
        self.kind == Kind::Text
    }

    /// Part of a fenced code block, fence lines included.
    pub fn is_code(&self) -> bool {
        !self.is_text()
    }
}

/// The lines of `text`, each with its number, offset and [`Kind`].
pub fn lines(text: &str) -> Lines<'_> {
    Lines { text, offset: 0, number: 0, fences: Fences::default() }
}

/// The iterator [`lines`] returns.
#[derive(Debug, Clone)]
pub struct Lines<'a> {
    text: &'a str,
    offset: usize,
    number: usize,
    fences: Fences,
}

impl<'a> Iterator for Lines<'a> {
    type Item = Line<'a>;

    fn next(&mut self) -> Option<Line<'a>> {
        let rest = &self.text[self.offset..];
        if rest.is_empty() {
            return None;
        }
        let len = rest.find('\n').map_or(rest.len(), |i| i + 1);
        let raw = &rest[..len];
        let line = Line { number: self.number + 1, offset: self.offset, raw, kind: self.fences.kind(raw) };
        self.number += 1;
        self.offset += len;
        Some(line)
    }
}

/// The fence state behind [`lines`], for callers whose lines are not one text
/// (the inner lines of a block quote, its `>` markers removed): feed it the
/// lines in order, and it says what each one is.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Fences {
    /// The open fence: its character and length.
    open: Option<(u8, usize)>,
}

impl Fences {
    /// What `line` (with or without its line ending) is, given the lines fed before it.
    pub fn kind<'a>(&mut self, line: &'a str) -> Kind<'a> {
        let line = without_eol(line);
        match self.open {
            Some((c, n)) => {
                if is_closing(line, c, n) {
                    self.open = None;
                    Kind::Close
                } else {
                    Kind::Code
                }
            }
            None => match opening(line) {
                Some((c, n, info)) => {
                    self.open = Some((c, n));
                    Kind::Open { info }
                }
                None => Kind::Text,
            },
        }
    }

    /// Inside a fenced block (after its opening fence, before its closing one).
    pub fn in_code(&self) -> bool {
        self.open.is_some()
    }
}

fn without_eol(line: &str) -> &str {
    match line.strip_suffix('\n') {
        Some(l) => l.strip_suffix('\r').unwrap_or(l),
        None => line,
    }
}

/// A run of three or more backticks or tildes after at most three spaces:
/// (the character, the run's length, what follows it). A tab in the
/// indentation reaches column 4, which makes the line indented code.
fn fence_run(line: &str) -> Option<(u8, usize, &str)> {
    let body = line.trim_start_matches(' ');
    if line.len() - body.len() > 3 {
        return None;
    }
    let c = *body.as_bytes().first().filter(|c| matches!(c, b'`' | b'~'))?;
    let n = body.bytes().take_while(|&b| b == c).count();
    // The run is ASCII, so `n` is a char boundary.
    (n >= 3).then(|| (c, n, &body[n..]))
}

const SPACE_OR_TAB: [char; 2] = [' ', '\t'];

fn opening(line: &str) -> Option<(u8, usize, &str)> {
    let (c, n, rest) = fence_run(line)?;
    if c == b'`' && rest.contains('`') {
        return None;
    }
    // A lone `\r` ending the last line is a line ending to comrak.
    Some((c, n, rest.trim_end_matches('\r').trim_matches(SPACE_OR_TAB)))
}

fn is_closing(line: &str, c: u8, n: usize) -> bool {
    fence_run(line).is_some_and(|(d, m, rest)| {
        d == c && m >= n && rest.trim_end_matches('\r').trim_matches(SPACE_OR_TAB).is_empty()
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The kinds of the lines of `text`, one letter each: Text, Open, Code, Close.
    fn kinds(text: &str) -> String {
        lines(text)
            .map(|l| match l.kind {
                Kind::Text => 'T',
                Kind::Open { .. } => 'O',
                Kind::Code => 'C',
                Kind::Close => 'E',
            })
            .collect()
    }

    #[test]
    fn a_fence_opens_and_closes_around_code() {
        assert_eq!(kinds("a\n```\ncode\n```\nb\n"), "TOCET");
        assert_eq!(kinds("~~~\n~~~\n"), "OE");
        assert_eq!(kinds(""), "");
    }

    #[test]
    fn a_longer_fence_is_closed_only_by_one_as_long() {
        assert_eq!(kinds("````\n```\n````\nx\n"), "OCET");
        assert_eq!(kinds("```\n`````\nx\n"), "OET");
        assert_eq!(kinds("~~~~~\n~~~~\n~~~~~~\n"), "OCE");
    }

    #[test]
    fn tildes_and_backticks_do_not_close_each_other() {
        assert_eq!(kinds("~~~\n```\n~~~\n"), "OCE");
        assert_eq!(kinds("```\n~~~\n```\n"), "OCE");
    }

    #[test]
    fn two_characters_are_not_a_fence() {
        assert_eq!(kinds("``\n## a\n~~\n"), "TTT");
    }

    #[test]
    fn info_strings() {
        let first = |t: &'static str| lines(t).next().map(|l| l.kind);
        assert_eq!(first("```rust\n"), Some(Kind::Open { info: "rust" }));
        assert_eq!(first("```  quiz  id=1 \t\r\n"), Some(Kind::Open { info: "quiz  id=1" }));
        // A backtick in a backtick fence's info string: an inline code span, not a fence.
        assert_eq!(kinds("``` a`b\nx\n"), "TT");
        assert_eq!(kinds("```a`\nx\n"), "TT");
        // Tilde fences may have backticks in theirs.
        assert_eq!(first("~~~ a`b\n"), Some(Kind::Open { info: "a`b" }));
        // A closing fence has no info string: with one, the line is code.
        assert_eq!(kinds("```\n```rust\n```  \t\n"), "OCE");
    }

    #[test]
    fn up_to_three_spaces_of_indentation() {
        assert_eq!(kinds(" ```\n  x\n   ```\n"), "OCE");
        assert_eq!(kinds("   ~~~\n~~~\n"), "OE");
        // Four spaces or a tab: indented code, not a fence.
        assert_eq!(kinds("    ```\nx\n"), "TT");
        assert_eq!(kinds("\t```\nx\n"), "TT");
        assert_eq!(kinds("  \t```\nx\n"), "TT");
        // Nor does a closing fence indented four spaces close.
        assert_eq!(kinds("```\n    ```\n```\n"), "OCE");
    }

    #[test]
    fn an_unclosed_fence_runs_to_the_end() {
        assert_eq!(kinds("x\n```\n## a\n\n> b"), "TOCCC");
    }

    #[test]
    fn containers_are_read_as_the_top_level() {
        // A quote's fence is not seen; a list item's, indented 0-3, is.
        assert_eq!(kinds("> ```\n## a\n"), "TT");
        assert_eq!(kinds("1. q\n   ```\n   ## a\n   ```\n"), "TOCE");
    }

    #[test]
    fn crlf_and_offsets() {
        let text = "a\r\n```\r\ncode\r\n```\r\nend";
        let all: Vec<Line> = lines(text).collect();
        assert_eq!(kinds(text), "TOCET");
        assert_eq!(all[1].kind, Kind::Open { info: "" });
        assert_eq!(all.iter().map(Line::text).collect::<Vec<_>>(), text.lines().collect::<Vec<_>>());
        assert_eq!(all.iter().map(|l| l.raw).collect::<String>(), text);
        assert_eq!(all.iter().map(|l| l.number).collect::<Vec<_>>(), [1, 2, 3, 4, 5]);
        for l in &all {
            assert_eq!(&text[l.offset..l.end()], l.raw);
        }
        assert_eq!(all[4].end(), text.len());
    }

    #[test]
    fn odd_input_does_not_panic() {
        for text in ["\n", "\r", "```", "```\r", "`\u{3000}```", "   ", "~~~\u{feff}", "\n\n```\n\n"] {
            assert_eq!(lines(text).map(|l| l.raw).collect::<String>(), text);
        }
        assert_eq!(kinds("```\r"), "O");
        assert_eq!(kinds("```\n```\r"), "OE");
    }

    #[test]
    fn fences_can_be_fed_line_by_line() {
        let mut f = Fences::default();
        assert_eq!(f.kind("```x\n"), Kind::Open { info: "x" });
        assert!(f.in_code());
        assert_eq!(f.kind("a"), Kind::Code);
        assert_eq!(f.kind("```"), Kind::Close);
        assert!(!f.in_code());
    }

    // ------------------------------------------------------------ property

    use comrak::nodes::NodeValue;
    use proptest::prelude::*;
    use proptest::sample::select;
    use proptest::test_runner::{Config, RngAlgorithm, TestRng, TestRunner};
    use std::collections::BTreeSet;

    /// A fence line: backticks or tildes, 3-5 long, indented 0-4 spaces or a
    /// tab, with an info string (one with a backtick), trailing blanks or none.
    fn fence_line() -> impl Strategy<Value = String> {
        let indent = select(vec!["", " ", "  ", "   ", "    ", "\t"]);
        let info = select(vec!["", "rust", " quiz id=1", "a`b", "~x", " \t"]);
        (indent, select(vec!['`', '~']), 3..6usize, info)
            .prop_map(|(indent, c, n, info)| format!("{indent}{}{info}", c.to_string().repeat(n)))
    }

    /// Lines that are not fences but could be mistaken for one, or end a block.
    fn other_line() -> impl Strategy<Value = String> {
        select(vec![
            "",
            "   ",
            "text",
            "段落，中文。",
            "## 标题",
            "# h",
            "    indented",
            "\tcode",
            "> 引用",
            "***",
            "---",
            "===",
            "``",
            "~~",
            "`` inline ``",
            "a ``` b",
            "\\```",
        ])
        .prop_map(str::to_string)
    }

    /// Random Markdown from the vocabulary, with `\n` or `\r\n` endings and
    /// with or without a final line ending.
    fn document() -> impl Strategy<Value = String> {
        let line = prop_oneof![2 => fence_line(), 3 => other_line()];
        (prop::collection::vec(line, 0..24), any::<bool>(), any::<bool>()).prop_map(|(lines, crlf, last)| {
            let eol = if crlf { "\r\n" } else { "\n" };
            let mut text = lines.join(eol);
            if last {
                text.push_str(eol);
            }
            text
        })
    }

    /// The 1-based lines comrak puts in fenced code blocks, fences included.
    fn comrak_code_lines(text: &str) -> BTreeSet<usize> {
        let arena = comrak::Arena::new();
        let root = comrak::parse_document(&arena, text, &comrak::Options::default());
        let mut out = BTreeSet::new();
        for node in root.descendants() {
            let data = node.data();
            if matches!(&data.value, NodeValue::CodeBlock(c) if c.fenced) {
                out.extend(data.sourcepos.start.line..=data.sourcepos.end.line);
            }
        }
        out
    }

    /// The scanner's code lines are exactly comrak's, on top-level Markdown.
    ///
    /// Input domain: top-level blocks only — paragraphs, ATX and setext headings,
    /// thematic breaks, indented code, one-line block quotes with no fence in
    /// them, and fences of every character, length, indentation (0-4 spaces, a
    /// tab) and info string (with a backtick), with `\n` or `\r\n` endings. Left
    /// out, because the scanner reads containers as the top level (see the
    /// module comment): list items, and fences inside block quotes, where
    /// comrak ends an unclosed fence with its container and finds fences
    /// indented relative to the item. Also left out: HTML blocks (a fence inside
    /// one is HTML to comrak) and lone `\r` line breaks.
    #[test]
    fn code_lines_agree_with_comrak() {
        let config = Config { cases: 2000, failure_persistence: None, ..Config::default() };
        let mut runner = TestRunner::new_with_rng(config, TestRng::deterministic_rng(RngAlgorithm::ChaCha));
        runner
            .run(&document(), |text| {
                let ours: BTreeSet<usize> = lines(&text).filter(Line::is_code).map(|l| l.number).collect();
                prop_assert_eq!(ours, comrak_code_lines(&text), "text: {:?}", text);
                Ok(())
            })
            .unwrap();
    }

    /// The property can fail: a scanner that closes a ```` fence with ``` differs from comrak.
    #[test]
    fn the_property_sees_a_short_closing_fence() {
        let text = "````\n```\nx\n````\n";
        assert_eq!(comrak_code_lines(text), BTreeSet::from([1, 2, 3, 4]));
        assert_eq!(lines(text).filter(Line::is_code).count(), 4);
    }
}
