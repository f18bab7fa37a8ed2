//! Includes put in at load (mdBook's `{{#include}}`, Docsify's `':include'`;
//! the syntax is `syntax::include`'s): the page's text becomes the text with
//! the named files' lines in place, before any other step reads it, as mdBook
//! and Docsify do. A [`LineMap`] remembers where each line came from, so a
//! later diagnostic still names the right file and line.
//!
//! Paths are relative to the including file (from `/`: to content/; Docsify's
//! also to content/ when not found beside the page) and must stay inside the
//! course folder: an include never publishes a file from elsewhere.

use super::read;
use crate::diag::{Diagnostic, LineMap};
use crate::syntax::include::{self, As, Directive};
use crate::syntax::lines;
use std::path::{Component, Path, PathBuf};

/// Nested includes deeper than this are refused (mdBook's limit too): a file
/// including itself through others would otherwise never end.
const MAX_DEPTH: usize = 10;

/// Why an include failed, and how to fix it.
type Failure = (crate::messages::Msg, Option<crate::messages::Msg>);

/// Where the course is: its folder, and how that folder is shown.
#[derive(Debug, Clone, Copy)]
pub struct Roots<'a> {
    pub root: &'a Path,
    pub display_root: &'a Path,
}

/// A page's text with its includes put in.
#[derive(Debug, Default)]
pub struct Expanded {
    pub text: String,
    /// Where each line came from; empty when nothing was included.
    pub map: LineMap,
    /// Markdown files taken in, as paths under content/: fragments, not pages.
    pub fragments: Vec<String>,
    pub errors: Vec<Diagnostic>,
}

/// One file being read: where it is, how it is shown, its text.
struct File<'a> {
    abs: &'a Path,
    display: &'a Path,
    text: &'a str,
}

/// `text` (the page at `path`) with its includes put in, or `None` when it has none.
pub fn expand(text: &str, body_offset: usize, path: &Path, display: &Path, roots: Roots) -> Option<Expanded> {
    let body = text.get(body_offset..)?;
    if !include::may_contain(body) {
        return None;
    }
    let mut out = Expanded::default();
    let front_lines = text[..body_offset].matches('\n').count();
    out.text.push_str(&text[..body_offset]);
    out.map.start_run(1, display, 1);
    let real = std::fs::canonicalize(path).unwrap_or_else(|_| path.to_path_buf());
    let file = File { abs: &real, display, text };
    let mut stack = vec![real.clone()];
    let real_root = std::fs::canonicalize(roots.root).unwrap_or_else(|_| roots.root.to_path_buf());
    let real_content = real_root.join("content");
    let mut ctx = Walk { roots, real_root, real_content, stack: &mut stack, out: &mut out, counted: (0, 0) };
    ctx.lines(&file, body, front_lines + 1);
    let changed = out.text != text || !out.errors.is_empty();
    changed.then_some(out)
}

/// The walk through a page and the files it includes.
struct Walk<'r, 'o> {
    roots: Roots<'r>,
    /// The course folder and its content/, symbolic links resolved (once a page).
    real_root: PathBuf,
    real_content: PathBuf,
    /// The files being included (real paths), outermost first: a cycle is an error.
    stack: &'o mut Vec<PathBuf>,
    out: &'o mut Expanded,
    /// Bytes of the output already counted, and the line breaks in them.
    counted: (usize, usize),
}

impl Walk<'_, '_> {
    /// Copy `body` (lines of `file` from `first_line` on) into the output,
    /// includes put in.
    fn lines(&mut self, file: &File, body: &str, first_line: usize) {
        for line in lines::lines(body) {
            let number = first_line + line.number - 1;
            let out_line = self.next_line();
            self.out.map.start_run(out_line, file.display, number);
            let found = include::directives(line.text(), line.is_text());
            if found.is_empty() {
                match include::unescape(line.raw) {
                    Some(shown) => self.out.text.push_str(&shown),
                    None => self.out.text.push_str(line.raw),
                }
                continue;
            }
            let mut at = 0;
            for directive in &found {
                self.out.text.push_str(&line.text()[at..directive.start]);
                self.include(file, directive, (number, out_line));
                at = directive.end;
            }
            self.out.text.push_str(&line.raw[at..]);
        }
    }

    /// Put in what `directive` (at `number` of `file`, line `out_line` of the
    /// output) names, or an error at the directive.
    fn include(&mut self, file: &File, directive: &Directive, (number, out_line): (usize, usize)) {
        let read = self.read(directive, file.abs).and_then(|(abs, text)| {
            let picked =
                include::select(&text, &directive.select).map_err(|m| (m, Some(msg!("include_select_hint"))))?;
            Ok((abs, text, picked))
        });
        match read {
            Ok((abs, text, (picked, first))) => {
                let display = self.display(&abs);
                self.put(&File { abs: &abs, display: &display, text: &text }, directive, &picked, first);
            }
            Err((message, hint)) => {
                let line = file.text.lines().nth(number - 1).unwrap_or_default();
                let col = line.get(..directive.start).map_or(1, |l| l.chars().count() + 1);
                let mut d = Diagnostic::error(message).in_file(file.display).at(file.text, number, col);
                d.hint = hint;
                if self.stack.len() == 1 {
                    d.line = out_line; // placed back at `number` by the page's line map
                }
                self.out.errors.push(d);
                self.out.text.push_str(line.get(directive.start..directive.end).unwrap_or_default());
            }
        }
    }

    /// Put in `picked` (lines of `file` from `first` on), its includes put in,
    /// in code fences if the directive asks for them.
    fn put(&mut self, file: &File, directive: &Directive, picked: &str, first: usize) {
        if let Some(rel) = self.fragment_rel(file.abs) {
            self.out.fragments.push(rel);
        }
        match &directive.insert {
            As::Text => {
                self.stack.push(file.abs.to_path_buf());
                self.lines(file, picked, first);
                self.stack.pop();
            }
            As::Code(lang) => {
                let fence = "`".repeat(longest_backtick_run(picked).max(2) + 1);
                self.out.text.push_str(&format!("{fence}{lang}\n"));
                let out_line = self.next_line();
                self.out.map.start_run(out_line, file.display, first);
                self.out.text.push_str(picked);
                self.out.text.push_str(&format!("\n{fence}"));
            }
        }
    }

    /// The file a directive names, read: (its real path, its text), or what is
    /// wrong and how to fix it.
    fn read(&self, directive: &Directive, from: &Path) -> Result<(PathBuf, String), Failure> {
        let abs = self.resolve(from, directive)?;
        if self.stack.contains(&abs) {
            return Err((msg!("include_itself", path = &directive.path), Some(msg!("include_itself_hint"))));
        }
        if self.stack.len() > MAX_DEPTH {
            return Err((msg!("include_too_deep", max = MAX_DEPTH), Some(msg!("include_too_deep_hint"))));
        }
        let io = |e: std::io::Error| {
            (msg!("include_unreadable", path = &directive.path, error = crate::messages::io_error(&e)), None)
        };
        let text =
            read::decode(std::fs::read(&abs).map_err(io)?, &self.display(&abs)).map_err(|d| (d.message, d.hint))?;
        if self.out.text.len() + text.len() > read::MAX_PAGE_BYTES as usize {
            return Err((msg!("include_too_big"), Some(msg!("include_too_big_hint"))));
        }
        Ok((abs, text))
    }

    /// The included file's real path: beside the including file (from content/
    /// for `/…`; for Docsify's embeds and Markdown files also from content/),
    /// and inside the course folder, symbolic links resolved.
    fn resolve(&self, from: &Path, directive: &Directive) -> Result<PathBuf, Failure> {
        let content = self.roots.root.join("content");
        let written = directive.path.split(['#', '?']).next().unwrap_or_default();
        let mut candidates = vec![match written.strip_prefix('/') {
            Some(from_root) => content.join(from_root),
            None => from.parent().unwrap_or(&content).join(written),
        }];
        if directive.insert != As::Text || written.ends_with(".md") {
            candidates.push(content.join(written.trim_start_matches('/')));
        }
        let found = candidates.iter().find_map(|c| std::fs::canonicalize(c).ok().filter(|r| r.is_file()));
        match found {
            Some(real) if real.starts_with(&self.real_root) => Ok(real),
            Some(_) => Err((msg!("include_outside", path = &directive.path), Some(msg!("include_outside_hint")))),
            None => Err((
                msg!("include_missing", path = &directive.path, file = self.display(&candidates[0]).display()),
                Some(msg!("include_missing_hint")),
            )),
        }
    }

    /// A path as the user should see it (under the course folder as typed).
    fn display(&self, abs: &Path) -> PathBuf {
        let lexical = normalize(abs).unwrap_or_else(|| abs.to_path_buf());
        match lexical.strip_prefix(&self.real_root) {
            Ok(rel) => super::display_path(&self.roots.root.join(rel), self.roots.root, self.roots.display_root),
            Err(_) => super::display_path(&lexical, self.roots.root, self.roots.display_root),
        }
    }

    /// The output's next line number (1-based), counted as far as needed.
    fn next_line(&mut self) -> usize {
        let new = &self.out.text[self.counted.0..];
        self.counted = (self.out.text.len(), self.counted.1 + new.matches('\n').count());
        self.counted.1 + 1
    }

    /// `content/x/y.md` → `x/y.md` for a Markdown file (it is a fragment now).
    fn fragment_rel(&self, abs: &Path) -> Option<String> {
        let rel = abs.strip_prefix(&self.real_content).ok()?;
        let rel = rel.to_str()?.replace('\\', "/");
        (rel.ends_with(".md") || rel.ends_with(".markdown")).then_some(rel)
    }
}

/// `a/b/../c` → `a/c`, without touching the disk; `None` above the start.
fn normalize(path: &Path) -> Option<PathBuf> {
    let mut out = PathBuf::new();
    for part in path.components() {
        match part {
            Component::ParentDir => {
                if !out.pop() {
                    return None;
                }
            }
            Component::CurDir => {}
            other => out.push(other),
        }
    }
    Some(out)
}

fn longest_backtick_run(text: &str) -> usize {
    text.split(|c| c != '`').map(str::len).max().unwrap_or(0)
}
