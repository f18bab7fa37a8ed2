//! Diagnostics as data: every problem the build finds becomes a [`Diagnostic`]
//! carrying the file, line and column, the offending source line, and a hint.
//! Steps collect them into [`Diagnostics`] instead of stopping at the first, so one
//! `coursesite check` run reports everything; the worst severity picks the exit code.
//! Message and hint are [`Msg`]s (a key and arguments), put into words by
//! [`Diagnostic::render`] in the language the edge chose.

use crate::messages::{t, Language, Msg};
use std::fmt::Write as _;
use std::path::{Path, PathBuf};
use unicode_width::UnicodeWidthChar;

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, serde::Serialize, serde::Deserialize)]
pub enum Severity {
    Warning,
    Error,
}

/// One problem, located in a file when it has a location.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct Diagnostic {
    pub severity: Severity,
    /// Path as the user should see it (relative to where they ran the command).
    pub path: Option<PathBuf>,
    /// 1-based line and column (column counted in characters).
    pub line: usize,
    pub col: usize,
    /// The full text of the offending line, shown with a caret under `col`.
    pub source_line: Option<String>,
    pub message: Msg,
    pub hint: Option<Msg>,
}

impl Diagnostic {
    /// Takes a [`Msg`] (`msg!("key", …)`), never a sentence: the words are the table's.
    pub fn error(message: Msg) -> Self {
        Diagnostic { severity: Severity::Error, path: None, line: 0, col: 0, source_line: None, message, hint: None }
    }

    pub fn warning(message: Msg) -> Self {
        Diagnostic { severity: Severity::Warning, ..Diagnostic::error(message) }
    }

    pub fn in_file(mut self, path: &Path) -> Self {
        self.path = Some(path.to_path_buf());
        self
    }

    /// Locate the diagnostic at `line:col` of `text` (the whole file, LF line ends),
    /// keeping a copy of that line to show under the message.
    pub fn at(mut self, text: &str, line: usize, col: usize) -> Self {
        self.line = line.max(1);
        self.col = col.max(1);
        self.source_line = text.lines().nth(self.line - 1).map(str::to_owned);
        self
    }

    /// Locate at a byte offset into `text`.
    pub fn at_offset(self, text: &str, offset: usize) -> Self {
        let (line, col) = line_col(text, offset);
        self.at(text, line, col)
    }

    pub fn hint(mut self, hint: Msg) -> Self {
        self.hint = Some(hint);
        self
    }

    pub fn is_error(&self) -> bool {
        self.severity == Severity::Error
    }

    /// Render as `path:line:col: error: message`, then the line with a caret and
    /// the hint. The `path:line:col: ` prefix is the same in every language; the
    /// severity words are the language's (`错误：`, `警告：`, `= 帮助：` in
    /// zh-CN): tools that parse the output pass `--lang en`.
    pub fn render(&self, lang: Language, color: bool) -> String {
        let (red, yellow, blue, bold, reset) =
            if color { ("\x1b[31m", "\x1b[33m", "\x1b[34m", "\x1b[1m", "\x1b[0m") } else { ("", "", "", "", "") };
        let (label, tint) = match self.severity {
            Severity::Error => (t(lang, "sev_error"), red),
            Severity::Warning => (t(lang, "sev_warning"), yellow),
        };
        let mut out = String::new();
        if let Some(path) = &self.path {
            let _ = write!(out, "{bold}{}", path.display());
            if self.line > 0 {
                let _ = write!(out, ":{}:{}", self.line, self.col);
            }
            out.push_str(": ");
            out.push_str(reset);
        }
        // The word in colour, its colon (`: ` or `：`) plain.
        let word = label.trim_end_matches([':', ' ', '：']);
        let colon = &label[word.len()..];
        let _ = writeln!(out, "{tint}{bold}{word}{reset}{colon}{bold}{}{reset}", self.message.render(lang));
        if let Some(src) = &self.source_line {
            let number = self.line.to_string();
            let pad = " ".repeat(number.len());
            let _ = writeln!(out, "{blue}{pad} |{reset}");
            let _ = writeln!(out, "{blue}{number} |{reset} {}", src);
            let _ = writeln!(out, "{blue}{pad} |{reset} {}{tint}^{reset}", caret_padding(src, self.col));
        }
        if let Some(hint) = &self.hint {
            let help = t(lang, "sev_help");
            let word = help.trim_end();
            let _ = writeln!(out, "  {blue}= {word}{reset}{}{}", &help[word.len()..], hint.render(lang));
        }
        out
    }
}

/// Spaces that put a caret under character column `col` of `line`, counting
/// East Asian wide characters as two terminal columns and keeping tabs as tabs.
pub fn caret_padding(line: &str, col: usize) -> String {
    let mut pad = String::new();
    for ch in line.chars().take(col.saturating_sub(1)) {
        if ch == '\t' {
            pad.push('\t');
        } else {
            let width = ch.width().unwrap_or(0);
            pad.extend(std::iter::repeat_n(' ', width));
        }
    }
    pad
}

/// 1-based line and character column of a byte offset (clamped into the text).
pub fn line_col(text: &str, offset: usize) -> (usize, usize) {
    let mut offset = offset.min(text.len());
    while !text.is_char_boundary(offset) {
        offset -= 1;
    }
    let before = &text[..offset];
    let line = before.matches('\n').count() + 1;
    let line_start = before.rfind('\n').map_or(0, |i| i + 1);
    let col = before[line_start..].chars().count() + 1;
    (line, col)
}

/// The 1-based line where `key = …` (TOML) or `key: …` (YAML) is set.
pub fn key_line(text: &str, key: &str) -> Option<usize> {
    text.lines()
        .position(|l| l.trim_start().strip_prefix(key).is_some_and(|rest| rest.trim_start().starts_with(['=', ':'])))
        .map(|i| i + 1)
}

/// The closest candidate to `word`, if it is close enough to be a likely typo.
/// The shared prefix is set aside first (`cases/东方饭` vs `cases/东方饭店` differ by
/// one character; `cases/东方饭店` vs `cases/西南航空` share only the folder). Then a
/// candidate is close when the rest is at most one edit per three characters
/// (short Chinese names), or Jaro-Winkler finds it similar and the rests are not
/// unrelated (Latin keys: `languge` → `language`, `unsafe` → `unsafe_html`).
pub fn did_you_mean<'a>(word: &str, candidates: impl IntoIterator<Item = &'a str>) -> Option<&'a str> {
    let mut best: Option<(usize, f64, &str)> = None;
    for candidate in candidates {
        let shared = word.chars().zip(candidate.chars()).take_while(|(a, b)| a == b).count();
        let rest_w: String = word.chars().skip(shared).collect();
        let rest_c: String = candidate.chars().skip(shared).collect();
        let distance = strsim::osa_distance(&rest_w, &rest_c);
        let similarity = strsim::jaro_winkler(word, candidate);
        let few_edits = distance <= (rest_w.chars().count() / 3).max(1);
        let related = rest_w.is_empty() || rest_c.is_empty() || strsim::jaro_winkler(&rest_w, &rest_c) > 0.5;
        let close = few_edits || (similarity > 0.8 && related);
        if close && distance > 0 && best.is_none_or(|(d, s, _)| (distance, -similarity) < (d, -s)) {
            best = Some((distance, similarity, candidate));
        }
    }
    best.map(|(_, _, c)| c)
}

/// Where the lines of a text put together from several files came from (a
/// page with includes): runs of consecutive lines, each from one file.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct LineMap {
    /// (first line of the run in the text, file, that line's number in the file), by first line.
    runs: Vec<(usize, PathBuf, usize)>,
}

impl LineMap {
    /// Lines from `line` of the text on come from `file`, starting at `file_line`.
    pub fn start_run(&mut self, line: usize, file: &Path, file_line: usize) {
        if let Some((first, last_file, last_line)) = self.runs.last() {
            if last_file == file && last_line + (line - first) == file_line {
                return; // continues the run
            }
        }
        self.runs.retain(|(first, _, _)| *first < line);
        self.runs.push((line, file.to_path_buf(), file_line));
    }

    pub fn is_empty(&self) -> bool {
        self.runs.is_empty()
    }

    /// The file and line that line `line` of the text came from.
    pub fn origin(&self, line: usize) -> Option<(&Path, usize)> {
        let at = self.runs.partition_point(|(first, _, _)| *first <= line).checked_sub(1)?;
        let (first, file, file_line) = &self.runs[at];
        Some((file, file_line + (line - first)))
    }
}

/// Collects diagnostics from every step of a build.
#[derive(Debug, Default)]
pub struct Diagnostics {
    items: Vec<Diagnostic>,
    /// Texts whose lines came from other files: a diagnostic in one is moved
    /// to the file and line it came from.
    maps: std::collections::HashMap<PathBuf, LineMap>,
}

impl Diagnostics {
    pub fn push(&mut self, mut d: Diagnostic) {
        if let Some(map) = d.path.as_ref().and_then(|p| self.maps.get(p)) {
            if let Some((file, line)) = map.origin(d.line).filter(|_| d.line > 0) {
                (d.path, d.line) = (Some(file.to_path_buf()), line);
            }
        }
        self.items.push(d);
    }

    pub fn extend(&mut self, other: impl IntoIterator<Item = Diagnostic>) {
        for d in other {
            self.push(d);
        }
    }

    /// From now on, a diagnostic in `path` is placed by `map`.
    pub fn map_lines(&mut self, path: &Path, map: LineMap) {
        if !map.is_empty() {
            self.maps.insert(path.to_path_buf(), map);
        }
    }

    pub fn has_errors(&self) -> bool {
        self.items.iter().any(Diagnostic::is_error)
    }

    pub fn error_count(&self) -> usize {
        self.items.iter().filter(|d| d.is_error()).count()
    }

    pub fn warning_count(&self) -> usize {
        self.items.len() - self.error_count()
    }

    /// Diagnostics in a stable order: by file, then position, so output is deterministic
    /// whatever order the steps found them in.
    pub fn sorted(mut self) -> Vec<Diagnostic> {
        self.items.sort_by(|a, b| {
            (&a.path, a.line, a.col, b.severity, &a.message).cmp(&(&b.path, b.line, b.col, a.severity, &b.message))
        });
        self.items.dedup();
        self.items
    }

    pub fn iter(&self) -> impl Iterator<Item = &Diagnostic> {
        self.items.iter()
    }
}

impl IntoIterator for Diagnostics {
    type Item = Diagnostic;
    type IntoIter = std::vec::IntoIter<Diagnostic>;
    fn into_iter(self) -> Self::IntoIter {
        self.items.into_iter()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn caret_counts_cjk_as_two_columns() {
        assert_eq!(caret_padding("学时 = x", 6), " ".repeat(7));
        assert_eq!(caret_padding("ab", 3), "  ");
        assert_eq!(caret_padding("\tx", 2), "\t");
    }

    #[test]
    fn a_line_map_moves_diagnostics_to_the_file_they_came_from() {
        let (page, part) = (Path::new("page.md"), Path::new("part.md"));
        let mut map = LineMap::default();
        for (line, file, file_line) in [(1, page, 1), (2, page, 2), (3, part, 1), (4, part, 2), (5, page, 4)] {
            map.start_run(line, file, file_line);
        }
        assert_eq!(map.runs.len(), 3, "continuing lines extend a run");
        let mut diags = Diagnostics::default();
        diags.map_lines(page, map);
        for line in [2, 4, 6] {
            diags.push(Diagnostic::error(msg!("empty_page")).in_file(page).at("", line, 1));
        }
        diags.push(Diagnostic::error(msg!("empty_page")).in_file(Path::new("other.md")).at("", 4, 1));
        let got: Vec<(String, usize)> =
            diags.sorted().iter().map(|d| (d.path.as_ref().unwrap().display().to_string(), d.line)).collect();
        let want = [("other.md", 4), ("page.md", 2), ("page.md", 5), ("part.md", 2)];
        assert_eq!(got, want.map(|(p, l)| (p.to_string(), l)));
    }

    #[test]
    fn line_col_counts_characters() {
        let text = "第一行\n二行 x";
        assert_eq!(line_col(text, 0), (1, 1));
        let x = text.find('x').unwrap();
        assert_eq!(line_col(text, x), (2, 4));
        assert_eq!(line_col(text, 10_000), (2, 5));
    }

    #[test]
    fn render_shows_location_line_caret_and_hint() {
        let text = "+++\nhourss = 4\n+++\n";
        let d = Diagnostic::error(msg!("toml_unknown_key", field = "hourss", what = Msg::new("where_front_matter")))
            .in_file(Path::new("content/a.md"))
            .at(text, 2, 1)
            .hint(msg!("did_you_mean", best = "hours"));
        let out = d.render(Language::En, false);
        assert!(out.starts_with("content/a.md:2:1: error: unknown key 'hourss' in front matter\n"), "{out}");
        assert!(out.contains("2 | hourss = 4\n  | ^\n"), "{out}");
        assert!(out.contains("= help: did you mean 'hours'?"), "{out}");
        let out = d.render(Language::ZhCn, false);
        assert!(out.starts_with("content/a.md:2:1: 错误：front matter 中有未知的键 'hourss'\n"), "{out}");
        assert!(out.contains("2 | hourss = 4\n  | ^\n"), "{out}");
        assert!(out.contains("= 帮助：是不是想写 'hours'？"), "{out}");
    }

    #[test]
    fn did_you_mean_finds_close_keys_only() {
        assert_eq!(did_you_mean("hourss", ["title", "hours", "weight"]), Some("hours"));
        assert_eq!(did_you_mean("zzz", ["title", "hours"]), None);
        // A swapped pair of letters is one slip, not two.
        assert_eq!(did_you_mean("titel", ["title", "kind", "summary"]), Some("title"));
        assert_eq!(did_you_mean("唯二", ["唯一", "别的"]), Some("唯一"));
        assert_eq!(did_you_mean("东方饭", ["cases/东方饭店", "东方饭店"]), Some("东方饭店"));
        assert_eq!(did_you_mean("cases/东方饭店", ["cases/西南航空", "cases/营业厅评分"]), None);
        assert_eq!(did_you_mean("unsafe", ["unsafe_html", "cjk_breaks"]), Some("unsafe_html"));
        assert_eq!(did_you_mean("languge", ["language", "title"]), Some("language"));
    }
}
