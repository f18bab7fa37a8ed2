//! Source positions in characters, not bytes, for the few nodes that need one.
//!
//! comrak counts columns in UTF-8 bytes; a diagnostic must count characters
//! (`好` is one column, not three). comrak's own `sourcepos_chars` converts every
//! node's columns by counting the characters of its line from the start, so a
//! line with n inline nodes costs n × (length of the line): 8,000 links on one
//! line took 28 s. Here the text is indexed once (line starts, and a character
//! count every [`STRIDE`] bytes), so each conversion costs at most [`STRIDE`]
//! bytes of counting, whatever the line's length or the order of the questions.

use comrak::nodes::{LineColumn, Sourcepos};
use std::cell::OnceCell;

/// Bytes between two checkpoints of the character count.
const STRIDE: usize = 256;

/// Converts comrak's byte columns of one parsed text to character columns,
/// exactly as comrak's `sourcepos_chars` would: lines are `str::lines`, and a
/// column past the end of its line (a line break's) is one past its last character.
pub struct CharColumns<'s> {
    text: &'s str,
    index: OnceCell<Index>,
}

struct Index {
    /// Each line's start (byte offset in the text) and length, as `str::lines` cuts them.
    lines: Vec<(usize, usize)>,
    /// `checkpoints[k]`: characters in `text[..k * STRIDE]`.
    checkpoints: Vec<usize>,
}

impl<'s> CharColumns<'s> {
    /// Nothing is computed until the first conversion: most nodes need none.
    pub fn new(text: &'s str) -> Self {
        CharColumns { text, index: OnceCell::new() }
    }

    pub fn sourcepos(&self, pos: Sourcepos) -> Sourcepos {
        Sourcepos { start: self.line_column(pos.start), end: self.line_column(pos.end) }
    }

    fn line_column(&self, lc: LineColumn) -> LineColumn {
        LineColumn { line: lc.line, column: self.column(lc.line, lc.column) }
    }

    /// The character column of 1-based byte column `byte_col` on 1-based `line`.
    /// Positions comrak leaves at 0, or on a line the text does not have, are kept.
    fn column(&self, line: usize, byte_col: usize) -> usize {
        if byte_col == 0 {
            return 0;
        }
        let index = self.index.get_or_init(|| Index::new(self.text));
        let Some(&(start, len)) = line.checked_sub(1).and_then(|l| index.lines.get(l)) else {
            return byte_col;
        };
        if byte_col > len {
            return index.chars_before(self.text, start + len) - index.chars_before(self.text, start) + 1;
        }
        // The characters that start at or before the byte column's byte.
        index.chars_before(self.text, start + byte_col) - index.chars_before(self.text, start)
    }
}

impl Index {
    fn new(text: &str) -> Index {
        let base = text.as_ptr() as usize;
        let lines = text.lines().map(|l| (l.as_ptr() as usize - base, l.len())).collect();
        let mut checkpoints = Vec::with_capacity(text.len() / STRIDE + 1);
        let mut count = 0;
        checkpoints.push(0);
        for chunk in text.as_bytes().chunks(STRIDE) {
            count += char_starts(chunk);
            checkpoints.push(count);
        }
        Index { lines, checkpoints }
    }

    /// Characters that start in `text[..end]`.
    fn chars_before(&self, text: &str, end: usize) -> usize {
        let end = end.min(text.len());
        let k = end / STRIDE;
        self.checkpoints[k] + char_starts(&text.as_bytes()[k * STRIDE..end])
    }
}

/// Characters that start in `bytes`: every byte but UTF-8 continuation bytes.
fn char_starts(bytes: &[u8]) -> usize {
    bytes.iter().filter(|&&b| b & 0xC0 != 0x80).count()
}

#[cfg(test)]
mod tests {
    use super::*;
    use comrak::{parse_document, Arena, Options};

    /// Every node's position, converted here and by comrak's own option.
    fn both(text: &str) -> (Vec<Sourcepos>, Vec<Sourcepos>) {
        let arena = Arena::new();
        let mut options = Options::default();
        options.extension.strikethrough = true;
        options.extension.footnotes = true;
        options.extension.table = true;
        let root = parse_document(&arena, text, &options);
        let columns = CharColumns::new(text);
        let ours = root.descendants().map(|n| columns.sourcepos(n.data().sourcepos)).collect();
        let arena = Arena::new();
        options.parse.sourcepos_chars = true;
        let root = parse_document(&arena, text, &options);
        (ours, root.descendants().map(|n| n.data().sourcepos).collect())
    }

    #[test]
    fn same_columns_as_comrak() {
        let long = "好".repeat(300) + &"**粗** [链](x) ".repeat(40);
        for text in [
            "",
            "plain",
            "# 标题\n\n段落 **粗体** 和 [链接](a.md)。\n",
            "a\r\nb **好**\r\n\r\n> 引用 *斜* `代码`\n",
            "- 一\n  - 二 ~~删~~\n\n| 表 | 格 |\n|---|---|\n| 😀 | x |\n",
            "脚注[^1]\n\n[^1]: 注 **释**\n",
            "tail without newline 好",
            long.as_str(),
        ] {
            let (ours, comraks) = both(text);
            assert_eq!(ours, comraks, "{text:?}");
        }
    }

    #[test]
    fn positions_off_the_text_are_kept() {
        let columns = CharColumns::new("好");
        assert_eq!(columns.column(1, 0), 0);
        assert_eq!(columns.column(9, 7), 7);
        assert_eq!(columns.column(1, 1), 1);
        assert_eq!(columns.column(1, 4), 2);
    }
}
