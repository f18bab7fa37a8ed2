//! coursesite: a static course-site generator for Chinese teaching material.
//!
//! One pipeline, run by [`build`] and [`check`]:
//! 1. `config`  — read course.toml
//! 2. `load`    — walk content/, read files, parse front matter
//! 3. `model`   — the course: pages, kinds, lesson plans, sections, order
//! 4. `render`  — Markdown → HTML, templates, in memory
//! 5. `write`   — staging folder, swapped into place only on success
//!
//! Every problem becomes a [`diag::Diagnostic`]; the worst one decides the exit code.

pub mod cli;
pub mod config;
pub mod diag;
pub mod i18n;
pub mod lint;
pub mod load;
pub mod model;
pub mod office;
pub mod parallel;
pub mod profile;
pub mod render;
pub mod scaffold;
pub mod search;
pub mod serve;
pub mod syntax;
pub mod theme;
pub mod timing;
mod toml_diag;
pub mod write;

use diag::{Diagnostic, Diagnostics};
use model::Kind;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

/// What to build, validated from the command line.
#[derive(Debug, Clone)]
pub struct BuildOptions {
    /// The course project folder.
    pub root: PathBuf,
    /// How `root` is shown in messages (`""` when it is the current folder).
    pub display_root: PathBuf,
    /// Output folder.
    pub out: PathBuf,
    /// Overrides `base_path` of course.toml.
    pub base_path: Option<String>,
    /// Student (default) or teacher edition.
    pub profile: profile::Profile,
}

impl BuildOptions {
    /// Defaults for a project folder: output in `DIR/site`.
    pub fn new(root: impl Into<PathBuf>) -> Self {
        let root = root.into();
        let display_root = if root == Path::new(".") { PathBuf::new() } else { root.clone() };
        BuildOptions { out: root.join("site"), display_root, root, base_path: None, profile: profile::Profile::Student }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Status {
    Ok,
    /// Errors in the course's files: exit 1.
    ContentErrors,
    /// Usage or file-system trouble: exit 2.
    Failed,
}

impl Status {
    pub fn exit_code(self) -> u8 {
        match self {
            Status::Ok => 0,
            Status::ContentErrors => 1,
            Status::Failed => 2,
        }
    }
}

#[derive(Debug, Default)]
pub struct Summary {
    pub pages_by_kind: BTreeMap<Kind, usize>,
    pub indexes: usize,
    pub assets: usize,
    pub files_written: usize,
    pub elapsed: Duration,
}

#[derive(Debug)]
pub struct Report {
    pub status: Status,
    /// Sorted by file and position.
    pub diagnostics: Vec<Diagnostic>,
    pub summary: Summary,
}

impl Report {
    pub fn errors(&self) -> usize {
        self.diagnostics.iter().filter(|d| d.is_error()).count()
    }

    pub fn warnings(&self) -> usize {
        self.diagnostics.len() - self.errors()
    }
}

/// Build the course into `opts.out`; on any error the previous output stays as it was.
pub fn build(opts: &BuildOptions) -> Report {
    run(opts, true)
}

/// Everything `build` checks, writing nothing. The student edition is checked
/// with the teacher's, so a problem inside teacher-only material (which the
/// student build never sees) is reported too.
pub fn check(opts: &BuildOptions) -> Report {
    let mut report = run(opts, false);
    if opts.profile.is_teacher() {
        return report;
    }
    let teacher = run(&BuildOptions { profile: profile::Profile::Teacher, ..opts.clone() }, false);
    let mut all = Diagnostics::default();
    all.extend(report.diagnostics.drain(..));
    all.extend(teacher.diagnostics);
    report.diagnostics = all.sorted();
    if teacher.status.exit_code() > report.status.exit_code() {
        report.status = teacher.status;
    }
    report
}

fn run(opts: &BuildOptions, write_output: bool) -> Report {
    let start = Instant::now();
    if write_output {
        if let Err(d) = check_output_path(opts) {
            let mut diags = Diagnostics::default();
            diags.push(d);
            return Report {
                status: Status::Failed,
                diagnostics: diags.sorted(),
                summary: Summary { elapsed: start.elapsed(), ..Summary::default() },
            };
        }
    }
    let staging = match write_output.then(|| write::Staging::create(&opts.out)).transpose() {
        Ok(staging) => staging,
        Err(e) => {
            let mut diags = Diagnostics::default();
            diags.push(e.into_diagnostic());
            return Report {
                status: Status::Failed,
                diagnostics: diags.sorted(),
                summary: Summary { elapsed: start.elapsed(), ..Summary::default() },
            };
        }
    };
    let (mut report, site) = render_to(opts, &mut render::cache::RenderCache::default(), staging.as_ref());
    // Without a site (errors), dropping the staging folder removes it.
    if let (Some(staging), Some(site)) = (staging, site) {
        let files = site.files.len() + 1;
        match staging.commit(&site) {
            Ok(()) => report.summary.files_written = files,
            Err(e) => {
                report.diagnostics.push(e.into_diagnostic());
                report.status = Status::Failed;
            }
        }
    }
    report.summary.elapsed = start.elapsed();
    report
}

/// Steps 1–4 without writing: the site in memory (when there are no errors) and
/// the report. `serve` calls this on every change with its [`RenderCache`](render::cache::RenderCache).
pub fn render_in_memory(opts: &BuildOptions, cache: &mut render::cache::RenderCache) -> (Report, Option<render::Site>) {
    render_to(opts, cache, None)
}

/// [`render_in_memory`], writing pages and decks to `sink` as they are rendered.
fn render_to(
    opts: &BuildOptions,
    cache: &mut render::cache::RenderCache,
    sink: Option<&write::Staging>,
) -> (Report, Option<render::Site>) {
    let start = Instant::now();
    let mut diags = Diagnostics::default();
    let mut summary = Summary::default();
    let finish = |status: Status, diags: Diagnostics, mut summary: Summary| {
        summary.elapsed = start.elapsed();
        (Report { status, diagnostics: diags.sorted(), summary }, None)
    };
    let mut config = match read_config(opts) {
        Ok(config) => config,
        Err((status, d)) => {
            diags.push(*d);
            return finish(status, diags, summary);
        }
    };
    config.profile = opts.profile;
    if let Some(raw) = &opts.base_path {
        match config::normalize_base_path(raw) {
            Ok(path) => config.base_path = path,
            Err(why) => {
                diags.push(
                    Diagnostic::error(format!("invalid --base-path '{raw}': {why}"))
                        .hint("e.g. --base-path /my-course/"),
                );
                return finish(Status::Failed, diags, summary);
            }
        }
    }
    let mut timer = timing::Timer::from_env();
    let theme = theme::Theme::load(&opts.root, &opts.display_root, &config);
    // A one-off build (with a sink) has nothing to reuse: no copies kept.
    let load_cache = if sink.is_some() { None } else { Some(&mut cache.load) };
    let sources = load::load_content_cached(&opts.root, &opts.display_root, &mut diags, load_cache);
    timer.lap("load");
    let course = model::build_course(config, sources, &mut diags);
    timer.lap("model");
    lint::check_course(&course, &mut diags, &mut cache.lint);
    timer.lap("lint");
    summary.pages_by_kind = course.count_by_kind();
    summary.indexes = course.pages.iter().filter(|p| p.generated).count();
    summary.assets = course.assets.len();
    let theme = match theme {
        Ok(theme) => theme,
        Err(d) => {
            diags.push(d);
            return finish(Status::ContentErrors, diags, summary);
        }
    };
    let site = render::render_site(&course, &theme, &mut diags, cache, sink);
    timer.lap("render");
    if diags.has_errors() {
        return finish(Status::ContentErrors, diags, summary);
    }
    summary.elapsed = start.elapsed();
    (Report { status: Status::Ok, diagnostics: diags.sorted(), summary }, Some(site))
}

fn read_config(opts: &BuildOptions) -> Result<config::Config, (Status, Box<Diagnostic>)> {
    let path = opts.root.join(config::FILE_NAME);
    let display = opts.display_root.join(config::FILE_NAME);
    let bytes = std::fs::read(&path).map_err(|e| {
        let d = Diagnostic::error(format!("cannot read course.toml: {e}"))
            .in_file(&display)
            .hint("run coursesite in a course folder (one with course.toml and content/), or create one with `coursesite new DIR`");
        (Status::Failed, Box::new(d))
    })?;
    let text = load::read::decode(bytes, &display).map_err(|d| (Status::ContentErrors, Box::new(d)))?;
    config::parse(&text, &display).map_err(|d| (Status::ContentErrors, Box::new(d)))
}

/// The output must not be the project, hold it, or sit inside content/ (where the
/// next build would read it back as pages).
fn check_output_path(opts: &BuildOptions) -> Result<(), Diagnostic> {
    let absolute = |p: &Path| std::path::absolute(p).unwrap_or_else(|_| p.to_path_buf());
    let out = absolute(&opts.out);
    let root = absolute(&opts.root);
    let content = root.join("content");
    let bad = if root.starts_with(&out) {
        Some("the output folder would contain the course itself")
    } else if out.starts_with(&content) {
        Some("the output folder is inside content/")
    } else {
        None
    };
    if let Some(why) = bad {
        return Err(Diagnostic::error(format!("refusing to write to '{}': {why}", opts.out.display()))
            .hint("choose another --out, e.g. the default DIR/site"));
    }
    write::check_target(&opts.out).map_err(|e| {
        let d = Diagnostic::error(e.message).in_file(&e.path);
        match e.hint {
            Some(h) => d.hint(h),
            None => d,
        }
    })
}
