//! The Office bridge (issue #11): `coursesite import` turns Word 教案 and
//! PowerPoint decks into pages of the course, `coursesite export --docx`
//! writes a lesson back as the department's 教案 form, `export --pptx` its
//! slide deck as an editable PowerPoint file.
//!
//! - `ooxml`       zip + XML reading and writing shared by both formats
//! - `docx_read`   a Word body → paragraphs and tables with inline Markdown
//! - `lesson`      what those paragraphs mean: the form, steps, cases, scripts
//! - `pptx_import` a deck → a slide page or a call script
//! - `attach`      a deck imported for a lesson → that lesson's slides
//! - `detect`      numbering, bullets, dialogue and file-name heuristics
//! - `clean`       boilerplate and pinyin noise removed, every change reported
//! - `emit`        the Markdown and front-matter writer
//! - `export`      `export --docx / --pptx`: which lessons, their settings, all-or-nothing writing
//! - `docx_export` a lesson → .docx
//! - `pptx_export` a lesson's slides → .pptx
//!
//! Both commands compute every output in memory, check for collisions
//! (refusing, and listing every existing file, without `--force`), and only
//! then write; a failure while writing removes what this run wrote.

mod attach;
mod clean;
mod detect;
mod docx_export;
mod docx_read;
mod emit;
mod export;
mod lesson;
pub mod ooxml;
mod pptx_export;
mod pptx_import;

use crate::diag::Diagnostic;
pub use crate::options::{ExportOptions, ImportOptions};
use crate::Status;
pub use export::export;
use std::path::{Path, PathBuf};

/// A page produced by an importer: `content/<dir>/<stem>.md`.
#[derive(Debug, Clone, Default)]
pub struct Page {
    pub dir: &'static str,
    pub stem: String,
    pub text: String,
    /// A slide deck's title: the deck may be a lesson's slides instead of a page.
    pub deck_title: Option<String>,
}

/// One file to write, relative to the course folder.
#[derive(Debug, Clone)]
pub struct Output {
    pub path: PathBuf,
    pub bytes: Vec<u8>,
    /// An existing lesson given more (a deck's slides): replacing it is the point.
    pub update: bool,
}

/// What one input became.
#[derive(Debug, Default)]
pub struct Imported {
    pub source: PathBuf,
    /// Pages and pictures, relative to the course folder.
    pub created: Vec<PathBuf>,
    /// Text cleaning, one line per change.
    pub cleaned: Vec<crate::messages::Msg>,
    /// Anything the teacher should check.
    pub notes: Vec<crate::messages::Msg>,
    /// What came in and what did not: the fields found, missing or dropped.
    pub report: Vec<crate::messages::Msg>,
}

/// The outcome of `import` or `export`: what was done, or why nothing was.
#[derive(Debug)]
pub struct Outcome {
    pub status: Status,
    pub files: Vec<Imported>,
    pub diagnostics: Vec<Diagnostic>,
}

impl Outcome {
    fn failed(status: Status, diagnostics: Vec<Diagnostic>) -> Outcome {
        Outcome { status, files: Vec::new(), diagnostics }
    }
}

/// Import Word and PowerPoint files (or folders of them) into the course.
pub fn import(opts: &ImportOptions) -> Outcome {
    let mut diags = Vec::new();
    let inputs = collect_inputs(&opts.inputs, &mut diags);
    let mut converted: Vec<Converted> = Vec::new();
    let mut status = Status::Ok;
    for input in inputs {
        let bytes = match std::fs::read(&input) {
            Ok(b) => b,
            Err(e) => {
                diags.push(
                    Diagnostic::error(msg!("io_cannot_read", error = crate::messages::io_error(&e))).in_file(&input),
                );
                status = Status::Failed;
                continue;
            }
        };
        match convert(&input, &bytes) {
            Ok(c) => converted.push(c),
            Err(message) => {
                diags.push(
                    Diagnostic::error(msg!("import_failed", detail = message))
                        .in_file(&input)
                        .hint(msg!("import_failed_hint")),
                );
                if status == Status::Ok {
                    status = Status::ContentErrors;
                }
            }
        }
    }
    if status != Status::Ok {
        return Outcome::failed(status, diags);
    }
    // Lessons first, so a deck finds its lesson whatever the order of the inputs.
    let (decks, docs): (Vec<Converted>, Vec<Converted>) =
        converted.into_iter().partition(|(pages, _, _)| pages.first().is_some_and(|p| p.deck_title.is_some()));
    let mut run = Run { outputs: Vec::new(), files: Vec::new() };
    for c in docs {
        run.place(c);
    }
    let mut lessons = attach::Lessons::new(&opts.into, &run.outputs);
    for c in decks {
        if let Err(d) = attach::deck(c, opts.deck_for.as_deref(), &mut lessons, &mut run) {
            diags.push(d);
            return Outcome::failed(Status::Failed, diags);
        }
    }
    match write_all(&opts.into, &run.outputs, &run.files, opts.force) {
        Ok(()) => Outcome { status: Status::Ok, files: run.files, diagnostics: diags },
        Err(mut d) => {
            diags.append(&mut d);
            Outcome::failed(Status::Failed, diags)
        }
    }
}

/// The inputs, a folder standing for every .docx and .pptx inside it.
fn collect_inputs(given: &[PathBuf], diags: &mut Vec<Diagnostic>) -> Vec<PathBuf> {
    let mut inputs = Vec::new();
    for input in given {
        if !input.is_dir() {
            inputs.push(input.clone());
            continue;
        }
        let mut found: Vec<PathBuf> = walkdir::WalkDir::new(input)
            .into_iter()
            .filter_map(Result::ok)
            .map(walkdir::DirEntry::into_path)
            .filter(|p| {
                let name = p.file_name().map(|n| n.to_string_lossy().to_lowercase()).unwrap_or_default();
                !name.starts_with("~$") && (name.ends_with(".docx") || name.ends_with(".pptx"))
            })
            .collect();
        found.sort();
        if found.is_empty() {
            diags.push(Diagnostic::warning(msg!("import_no_files")).in_file(input));
        }
        inputs.extend(found);
    }
    inputs
}

/// What this import run will write, and the report per input file.
struct Run {
    outputs: Vec<Output>,
    files: Vec<Imported>,
}

impl Run {
    /// Give each page of one input its path and queue it with its pictures.
    /// A name another input of this run already takes gets `-2` (the report
    /// names both sources); this input's links to a renamed case follow it.
    fn place(&mut self, (pages, images, mut imported): Converted) {
        let mut texts: Vec<(PathBuf, String)> = Vec::new();
        let mut renames: Vec<(String, String)> = Vec::new();
        for page in pages {
            let dir = Path::new("content").join(page.dir);
            let rel = unique(dir.clone(), &page.stem, "md", &self.outputs, &texts);
            if rel != dir.join(format!("{}.md", page.stem)) {
                let first = self.source_of(&dir.join(format!("{}.md", page.stem)));
                imported.notes.push(msg!(
                    "import_renamed",
                    first = first.display(),
                    second = imported.source.display(),
                    path = dir.join(format!("{}.md", page.stem)).display(),
                    renamed = rel.display()
                ));
                let new_stem = rel.file_stem().map(|s| s.to_string_lossy().into_owned()).unwrap_or_default();
                renames.push((format!("{}/{}", page.dir, page.stem), format!("{}/{new_stem}", page.dir)));
            }
            imported.created.push(rel.clone());
            let text = clean::clean_page(&page.text, &mut imported.cleaned);
            texts.push((rel, text));
        }
        for (rel, mut text) in texts {
            for (old, new) in &renames {
                text = text
                    .replace(&format!("{old}\""), &format!("{new}\""))
                    .replace(&format!("{old}.md)"), &format!("{new}.md)"));
            }
            self.outputs.push(Output { path: rel, bytes: text.into_bytes(), update: false });
        }
        let dir = imported.created.first().and_then(|p| p.parent()).map(Path::to_path_buf);
        self.images(images, dir, &mut imported);
        self.files.push(imported);
    }

    /// Pictures go next to the page that shows them.
    fn images(&mut self, images: Vec<docx_read::Image>, dir: Option<PathBuf>, imported: &mut Imported) {
        for image in images {
            let rel = dir.clone().unwrap_or_else(|| PathBuf::from("content/lessons")).join(&image.rel_path);
            imported.created.push(rel.clone());
            self.outputs.push(Output { path: rel, bytes: image.bytes, update: false });
        }
    }

    /// The input that made a path of this run.
    fn source_of(&self, path: &Path) -> PathBuf {
        self.files.iter().find(|f| f.created.iter().any(|c| c == path)).map(|f| f.source.clone()).unwrap_or_default()
    }
}

type Converted = (Vec<Page>, Vec<docx_read::Image>, Imported);

fn convert(input: &Path, bytes: &[u8]) -> Result<Converted, crate::messages::Msg> {
    let pkg = ooxml::Package::open(bytes)?;
    let file_stem = input.file_stem().map(|s| s.to_string_lossy().into_owned()).unwrap_or_default();
    let mut imported = Imported { source: input.to_path_buf(), ..Imported::default() };
    match pkg.kind() {
        Some(ooxml::Kind::Docx) => {
            let stem = detect::stem(&file_stem);
            let mut doc = docx_read::read(&pkg, &stem)?;
            let images = std::mem::take(&mut doc.images);
            let pages = lesson::pages(doc, &file_stem, &mut imported);
            Ok((pages, images, imported))
        }
        Some(ooxml::Kind::Pptx) => {
            let (pages, images) = pptx_import::pages(&pkg, &file_stem, &mut imported.notes)?;
            Ok((pages, images, imported))
        }
        None => Err(msg!("ooxml_not_office")),
    }
}

/// `content/lessons/x.md`, or `x-2.md` when this run already makes `x.md`
/// (`pending`: the pages of the input being placed).
fn unique(dir: PathBuf, stem: &str, ext: &str, taken: &[Output], pending: &[(PathBuf, String)]) -> PathBuf {
    let mut n = 1;
    loop {
        let name = if n == 1 { format!("{stem}.{ext}") } else { format!("{stem}-{n}.{ext}") };
        let path = dir.join(name);
        if !taken.iter().any(|o| o.path == path) && !pending.iter().any(|(p, _)| *p == path) {
            return path;
        }
        n += 1;
    }
}

/// All or nothing: refuse when any target exists (unless `force`), listing
/// them all; write each file through a temporary name; on a failure remove
/// what this run wrote.
/// Write every output under `root`, or none: a file already there stops it
/// (unless `force`), named with the input that would have replaced it, so two
/// 教案 of one chapter imported in two runs are told apart, not overwritten.
pub(crate) fn write_all(
    root: &Path,
    outputs: &[Output],
    files: &[Imported],
    force: bool,
) -> Result<(), Vec<Diagnostic>> {
    let existing: Vec<&Output> = outputs.iter().filter(|o| !o.update && root.join(&o.path).exists()).collect();
    if !existing.is_empty() && !force {
        let source_of = |o: &Output| {
            let made = |f: &&Imported| f.created.iter().any(|c| c == &o.path || c.ends_with(&o.path));
            files.iter().find(made).map_or_else(String::new, |f| f.source.display().to_string())
        };
        return Err(existing
            .iter()
            .map(|o| {
                Diagnostic::error(msg!("office_exists", source = source_of(o)))
                    .in_file(&root.join(&o.path))
                    .hint(msg!("office_exists_hint"))
            })
            .collect());
    }
    let mut written: Vec<PathBuf> = Vec::new();
    for o in outputs {
        let target = root.join(&o.path);
        if let Err(e) = write_one(&target, &o.bytes) {
            for w in &written {
                let _ = std::fs::remove_file(w);
            }
            return Err(vec![
                Diagnostic::error(msg!("import_cannot_write", error = crate::messages::io_error(&e))).in_file(&target)
            ]);
        }
        if !o.update && !existing.iter().any(|x| x.path == o.path) {
            written.push(target);
        }
    }
    Ok(())
}

fn write_one(target: &Path, bytes: &[u8]) -> std::io::Result<()> {
    if let Some(dir) = target.parent() {
        std::fs::create_dir_all(dir)?;
    }
    let name = target.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
    let tmp = target.with_file_name(format!(".{name}.coursesite-tmp-{}", std::process::id()));
    std::fs::write(&tmp, bytes)?;
    std::fs::rename(&tmp, target).inspect_err(|_| {
        let _ = std::fs::remove_file(&tmp);
    })
}

/// The pages (`*.md`) directly in `dir`, sorted; none when it cannot be read.
fn markdown_files(dir: &Path) -> Vec<PathBuf> {
    let mut files: Vec<PathBuf> = std::fs::read_dir(dir)
        .map(|rd| {
            rd.filter_map(Result::ok).map(|e| e.path()).filter(|p| p.extension().is_some_and(|e| e == "md")).collect()
        })
        .unwrap_or_default();
    files.sort();
    files
}
