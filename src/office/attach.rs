//! A deck imported for a lesson becomes that lesson's slides, not a second
//! page with the same title. The lesson is the one `--deck-for` names (its
//! page path or 章节名称), else the one whose 章节名称 or title is the deck's
//! title, in this import run or already in `content/lessons/`. A lesson's
//! deck is cut from its own page (render/slides), so the deck's slides are
//! appended to the lesson after a `---` break, and `deck` (教学课件名称) is
//! set when the form left it empty.

use super::{detect, Converted, Output, Run};
use crate::diag::Diagnostic;
use std::path::{Path, PathBuf};

/// A lesson a deck may belong to.
struct Lesson {
    /// `content/lessons/x.md`.
    path: PathBuf,
    chapter: String,
    title: String,
}

/// The lessons of this run and of the course.
pub(super) struct Lessons {
    root: PathBuf,
    all: Vec<Lesson>,
}

impl Lessons {
    pub(super) fn new(root: &Path, outputs: &[Output]) -> Lessons {
        let mut all: Vec<Lesson> = outputs
            .iter()
            .filter(|o| o.path.starts_with("content/lessons") && o.path.extension().is_some_and(|e| e == "md"))
            .filter_map(|o| lesson(o.path.clone(), &String::from_utf8_lossy(&o.bytes)))
            .collect();
        let dir = root.join("content").join("lessons");
        for p in super::markdown_files(&dir) {
            let rel = Path::new("content/lessons").join(p.file_name().unwrap_or_default());
            if all.iter().any(|l| l.path == rel) {
                continue;
            }
            if let Some(l) = std::fs::read_to_string(&p).ok().and_then(|t| lesson(rel, &t)) {
                all.push(l);
            }
        }
        Lessons { root: root.to_path_buf(), all }
    }

    /// `--deck-for`: a page path (`lessons/03-接待客户`, with or without
    /// `content/` and `.md`), a file stem, or a 章节名称 / title.
    fn named(&self, want: &str) -> Option<&Lesson> {
        let w = want.trim().trim_start_matches("./").trim_start_matches("content/").trim_end_matches(".md");
        self.all.iter().find(|l| {
            let stem = l.path.file_stem().map(|s| s.to_string_lossy().into_owned()).unwrap_or_default();
            w == stem || w == format!("lessons/{stem}") || same_title(w, &l.chapter) || same_title(w, &l.title)
        })
    }

    /// The lesson whose 章节名称 or title is the deck's title.
    fn titled(&self, deck_title: &str) -> Option<&Lesson> {
        self.all.iter().find(|l| same_title(deck_title, &l.chapter) || same_title(deck_title, &l.title))
    }
}

/// A lesson page's path, 章节名称 and title; None for another kind of page.
fn lesson(path: PathBuf, text: &str) -> Option<Lesson> {
    let parsed = crate::load::frontmatter::parse(text, &path).ok()?;
    let kind = parsed.front.kind.clone().unwrap_or_else(|| "lesson".into());
    if kind != "lesson" {
        return None;
    }
    let chapter = parsed.front.chapter.clone().unwrap_or_default();
    let title = parsed.front.title.clone().unwrap_or_default();
    Some(Lesson { path, chapter, title })
}

/// `项目三 接待客户` is `接待客户` is `接待 客户`: spaces and the 项目N prefix aside.
fn same_title(a: &str, b: &str) -> bool {
    let flat = |s: &str| s.chars().filter(|c| !c.is_whitespace()).collect::<String>();
    !a.trim().is_empty() && !b.trim().is_empty() && (flat(a) == flat(b) || detect::stem(a) == detect::stem(b))
}

/// Place one converted deck: as its lesson's slides when it has one, else as
/// a page of its own. `--deck-for` naming no lesson is an error.
pub(super) fn deck(
    c: Converted,
    deck_for: Option<&str>,
    lessons: &mut Lessons,
    run: &mut Run,
) -> Result<(), Diagnostic> {
    let deck_title = c.0.first().and_then(|p| p.deck_title.clone()).unwrap_or_default();
    let target = match deck_for {
        Some(want) => Some(lessons.named(want).ok_or_else(|| {
            Diagnostic::error(msg!("import_deck_for_unknown", want))
                .in_file(&c.2.source)
                .hint(msg!("import_deck_for_unknown_hint"))
        })?),
        None => lessons.titled(&deck_title),
    };
    let Some(target) = target.map(|l| l.path.clone()) else {
        run.place(c);
        return Ok(());
    };
    let (pages, images, mut imported) = c;
    let Some(page) = pages.into_iter().next() else { return Ok(()) };
    let index = match run.outputs.iter().position(|o| o.path == target) {
        Some(i) => i,
        None => {
            let bytes = std::fs::read(lessons.root.join(&target)).unwrap_or_default();
            run.outputs.push(Output { path: target.clone(), bytes, update: true });
            run.outputs.len() - 1
        }
    };
    let lesson_text = String::from_utf8_lossy(&run.outputs[index].bytes).into_owned();
    let source = imported.source.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
    let deck_text = super::clean::clean_page(&page.text, &mut imported.cleaned);
    run.outputs[index].bytes = with_slides(&lesson_text, &deck_text, &deck_title, &source).into_bytes();
    imported.notes.push(msg!("import_deck_attached", lesson = target.display(), title = &deck_title));
    let dir = target.parent().map(Path::to_path_buf);
    run.images(images, dir, &mut imported);
    run.files.push(imported);
    Ok(())
}

/// The lesson with the deck's slides after its body, and `deck = "…"` when
/// the lesson names no deck yet (TOML front matter only: top-level keys go
/// before its `[objectives]` table, so right after the opening `+++`).
fn with_slides(lesson: &str, deck: &str, deck_title: &str, source: &str) -> String {
    let body =
        deck.strip_prefix("+++\n").and_then(|rest| rest.split_once("\n+++\n")).map_or(deck, |(_, body)| body).trim();
    let mut out = match lesson.strip_prefix("+++\n") {
        Some(rest) if !front_has_deck(rest) => {
            format!("+++\ndeck = {}\n{rest}", super::emit::toml_str(deck_title))
        }
        _ => lesson.to_string(),
    };
    let out_len = out.trim_end().len();
    out.truncate(out_len);
    out.push_str(&format!("\n\n---\n\n<!-- coursesite import: the slides of {source} -->\n\n{body}\n"));
    out
}

fn front_has_deck(after_open: &str) -> bool {
    let front = after_open.split_once("\n+++").map_or(after_open, |(f, _)| f);
    front.lines().any(|l| l.trim_start().starts_with("deck =") || l.trim_start().starts_with("deck="))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn slides_follow_the_lesson_and_name_the_deck() {
        let lesson = "+++\ntitle = \"接待客户\"\n\n[objectives]\nknowledge = []\n+++\n\n正文\n";
        let deck = "+++\ntitle = \"接待客户\"\nkind = \"page\"\nslides = true\n+++\n\n## 第一张\n";
        let out = with_slides(lesson, deck, "接待客户", "课件.pptx");
        assert!(out.starts_with("+++\ndeck = \"接待客户\"\ntitle"), "{out}");
        assert!(
            out.ends_with("正文\n\n---\n\n<!-- coursesite import: the slides of 课件.pptx -->\n\n## 第一张\n"),
            "{out}"
        );
        assert!(same_title("项目三 接待客户", "接待客户") && !same_title("", ""));
    }
}
