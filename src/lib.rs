//! coursesite: a static course-site generator for Chinese teaching material.
//!
//! One pipeline (`pipeline`), run by [`build`] and [`check`] and, on every
//! save, by `serve`:
//! 1. `config`  — read course.toml (`options` has validated the command line)
//! 2. `load`    — walk content/, read files, parse front matter
//! 3. `model`   — the course: pages, kinds, lesson plans, sections, order;
//!    `profile` strips the teacher's material first; `lint` reads the model
//! 4. `render`  — Markdown → HTML, templates, in memory; `search` indexes the
//!    rendered pages
//! 5. `write`   — the only code that touches the output: a staging folder,
//!    swapped into place only on success (`build --pdf` first has `pdf` print
//!    the staged print.html into it)
//!
//! Modules depend only on those before them: config ← load ← profile ← model
//! ← render ← search ← write ← pipeline; `syntax` (the Markdown dialect's
//! tables) and `diag` are read by all.
//!
//! Every problem becomes a [`diag::Diagnostic`]; the worst one decides the exit code.

// First: its `msg!` macro is used by every module after it.
#[macro_use]
pub mod messages;
pub mod cli;
pub mod config;
pub mod diag;
pub mod fingerprint;
pub mod fix;
pub mod hanzi;
pub mod i18n;
pub mod lint;
pub mod load;
pub mod model;
pub mod office;
pub mod options;
pub mod package;
pub mod parallel;
pub mod pdf;
mod pipeline;
pub mod profile;
pub mod render;
pub mod scaffold;
pub mod search;
pub mod serve;
pub mod session;
pub mod store;
pub mod syntax;
pub mod theme;
pub mod timing;
mod toml_diag;
pub mod write;

use diag::{Diagnostic, Diagnostics};
use model::Kind;
use std::collections::BTreeMap;
use std::time::Duration;

pub use options::BuildOptions;

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
    /// Other tools' front-matter keys the pages carried (ignored), with how many pages had each.
    pub ignored_keys: BTreeMap<String, usize>,
    /// How the build cache served this build (None: it was not used).
    pub cache: Option<CacheUse>,
    /// `build --pdf`: the course.pdf written, and its size in bytes.
    pub pdf: Option<(std::path::PathBuf, usize)>,
}

/// What a build did with the build cache (`store`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum CacheUse {
    /// It reused the last build's work: these pages were rendered again and
    /// these files written.
    Reused { rendered: usize, written: usize },
    /// A clean build (the first, or one after `reason`), which made the cache.
    Clean { reason: Option<messages::Msg> },
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
    pipeline::run(opts, true)
}

/// Everything `build` checks, writing nothing. The student edition is checked
/// with the teacher's, so a problem inside teacher-only material (which the
/// student build never sees) is reported too.
pub fn check(opts: &BuildOptions) -> Report {
    let mut report = pipeline::run(opts, false);
    if opts.profile.is_teacher() {
        return report;
    }
    let teacher = pipeline::run(&BuildOptions { profile: profile::Profile::Teacher, ..opts.clone() }, false);
    let mut all = Diagnostics::default();
    all.extend(report.diagnostics.drain(..));
    all.extend(teacher.diagnostics);
    report.diagnostics = all.sorted();
    if teacher.status.exit_code() > report.status.exit_code() {
        report.status = teacher.status;
    }
    report
}

/// Steps 1–4 without writing: the site in memory (when there are no errors) and
/// the report. `serve` calls this on every change with its [`Session`](session::Session).
pub fn render_in_memory(opts: &BuildOptions, session: &mut session::Session) -> (Report, Option<render::Site>) {
    pipeline::render_to(opts, session, None)
}
