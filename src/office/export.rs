//! `coursesite export --docx / --pptx`: lessons as the department's 教案 form
//! (.docx) and their slide decks (.pptx), computed in memory, then written
//! with [`super::write_all`] (all or nothing).

use super::{docx_export, markdown_files, pptx_export, write_all, ExportOptions, Imported, Outcome, Output};
use crate::diag::Diagnostic;
use crate::Status;
use std::path::{Path, PathBuf};

/// Export lessons as .docx 教案 forms.
pub fn export(opts: &ExportOptions) -> Outcome {
    let lessons_dir = opts.root.join("content").join("lessons");
    let mut sources: Vec<PathBuf> = Vec::new();
    let mut diags = Vec::new();
    if opts.lessons.is_empty() {
        let all = markdown_files(&lessons_dir);
        if all.is_empty() {
            return Outcome::failed(
                Status::Failed,
                vec![Diagnostic::error(msg!("export_no_lessons"))
                    .in_file(&lessons_dir)
                    .hint(msg!("export_no_lessons_hint"))],
            );
        }
        sources = all;
    } else {
        for want in &opts.lessons {
            match find_lesson(&opts.root, want) {
                Some(p) => sources.push(p),
                None => {
                    diags.push(Diagnostic::error(msg!("export_no_lesson", want)).hint(msg!("export_no_lesson_hint")))
                }
            }
        }
    }
    if !diags.is_empty() {
        return Outcome::failed(Status::Failed, diags);
    }
    let settings = match course_settings(&opts.root) {
        Ok(s) => s,
        Err(d) => return Outcome::failed(Status::ContentErrors, vec![d]),
    };
    let out_dir = opts.out_dir();
    let formats: Vec<&str> = [("docx", opts.docx), ("pptx", opts.pptx)].iter().filter(|f| f.1).map(|f| f.0).collect();
    let mut outputs = Vec::new();
    let mut files = Vec::new();
    let mut status = Status::Ok;
    for src in sources {
        for format in &formats {
            match export_one(&src, format, &settings) {
                Ok((bytes, warnings)) => {
                    let stem = src.file_stem().map(|s| s.to_string_lossy().into_owned()).unwrap_or_default();
                    let path = PathBuf::from(format!("{stem}.{format}"));
                    files.push(Imported {
                        source: src.clone(),
                        created: vec![out_dir.join(&path)],
                        notes: warnings,
                        ..Imported::default()
                    });
                    outputs.push(Output { path, bytes, update: false });
                }
                Err(d) => {
                    diags.push(d);
                    status = Status::ContentErrors;
                }
            }
        }
    }
    if status != Status::Ok {
        return Outcome::failed(status, diags);
    }
    match write_all(&out_dir, &outputs, &files, opts.force) {
        Ok(()) => Outcome { status: Status::Ok, files, diagnostics: diags },
        Err(d) => Outcome::failed(Status::Failed, d),
    }
}

fn find_lesson(root: &Path, want: &str) -> Option<PathBuf> {
    let content = root.join("content");
    let trimmed = want.trim_end_matches(".md").trim_start_matches("content/");
    let candidates = [
        PathBuf::from(want),
        root.join(want),
        content.join(format!("{trimmed}.md")),
        content.join("lessons").join(format!("{trimmed}.md")),
    ];
    candidates.into_iter().find(|p| p.is_file())
}

/// What the export reads from course.toml: `[lesson]`, `[markdown]` and
/// `[slides]`; the defaults when the folder has no course.toml.
struct Settings {
    lesson: crate::config::LessonConfig,
    markdown: crate::config::MarkdownConfig,
    split: Option<crate::config::SlideSplit>,
}

fn course_settings(root: &Path) -> Result<Settings, Diagnostic> {
    let path = root.join(crate::config::FILE_NAME);
    let Ok(bytes) = std::fs::read(&path) else {
        let markdown = crate::config::MarkdownConfig::default();
        return Ok(Settings { lesson: Default::default(), markdown, split: None });
    };
    let text = crate::load::read::decode(bytes, &path)?;
    let config = crate::config::parse(&text, &path)?;
    Ok(Settings { lesson: config.lesson, markdown: config.markdown, split: config.slides.split })
}

fn export_one(
    src: &Path,
    format: &str,
    settings: &Settings,
) -> Result<(Vec<u8>, Vec<crate::messages::Msg>), Diagnostic> {
    let bytes = std::fs::read(src)
        .map_err(|e| Diagnostic::error(msg!("io_cannot_read", error = crate::messages::io_error(&e))).in_file(src))?;
    let text = crate::load::read::decode(bytes, src)?;
    let parsed = crate::load::frontmatter::parse(&text, src)?;
    let front_text = &text[..parsed.body_offset];
    let extra = extra_keys(front_text, parsed.format);
    let title = parsed.front.title.clone().or_else(|| parsed.front.chapter.clone()).unwrap_or_default();
    let dir = src.parent().unwrap_or(Path::new("."));
    let failed = |detail: String| Diagnostic::error(msg!("export_failed", detail)).in_file(src);
    if format == "pptx" {
        let split = match &parsed.front.slides {
            Some(crate::load::frontmatter::SlidesFront::Table(t)) => t.split.or(settings.split),
            _ => settings.split,
        };
        let deck = pptx_export::Deck {
            title: &title,
            summary: parsed.front.summary.as_deref(),
            body: &text[parsed.body_offset..],
            dir,
            split,
            markdown: &settings.markdown,
        };
        return pptx_export::export(&deck).map_err(failed);
    }
    let lesson = docx_export::Lesson {
        front: &parsed.front,
        extra,
        title,
        body: &text[parsed.body_offset..],
        dir,
        settings: &settings.lesson,
    };
    docx_export::export(&lesson).map_err(failed)
}

/// Front-matter keys the 教案 form has no row for, kept in the .docx so an
/// import gives them back.
fn extra_keys(front_text: &str, format: crate::load::frontmatter::Format) -> toml::Table {
    const FORM: &[&str] = &[
        "title",
        "summary",
        "number",
        "chapter",
        "objectives",
        "content",
        "methods",
        "hours",
        "deck",
        "key_points",
        "difficulties",
        "cases",
        "steps",
        "homework",
        "course",
        "teacher",
        "class",
        "taught",
    ];
    // trim_start: front matter may follow blank lines (see frontmatter::parse).
    let inner: String = front_text.trim_start().lines().skip(1).collect::<Vec<_>>().join("\n");
    let inner = inner.trim_end().trim_end_matches("+++").trim_end_matches("---");
    let table: toml::Table = match format {
        crate::load::frontmatter::Format::Toml => toml::from_str(inner).unwrap_or_default(),
        crate::load::frontmatter::Format::Yaml => serde_yaml::from_str::<toml::Table>(inner).unwrap_or_default(),
        crate::load::frontmatter::Format::None => toml::Table::new(),
    };
    table.into_iter().filter(|(k, _)| !FORM.contains(&k.as_str())).collect()
}
