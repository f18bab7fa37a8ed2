//! The command line, validated, in one place (as ripgrep turns raw arguments into
//! validated ones): clap's raw values ([`crate::cli`]) become the options each
//! command runs with. Nothing later re-reads the command line or patches the
//! course's settings with it: a bad value is reported here, before any work.

use crate::cli::{Cli, Command};
use crate::diag::Diagnostic;
use crate::messages::Language;
use crate::profile::Profile;
use std::path::{Path, PathBuf};

/// What to build, validated from the command line.
#[derive(Debug, Clone)]
pub struct BuildOptions {
    /// The course project folder.
    pub root: PathBuf,
    /// How `root` is shown in messages (`""` when it is the current folder).
    pub display_root: PathBuf,
    /// Output folder.
    pub out: PathBuf,
    /// Overrides `base_path` of course.toml; already normalised (`/sub/`).
    pub base_path: Option<String>,
    /// Student (default) or teacher edition.
    pub profile: Profile,
    /// Use and keep the build cache (`store`); `--no-cache` turns it off.
    pub cache: bool,
    /// `--pdf`: also print the book to `course.pdf` in the output (see `pdf`);
    /// such a build neither reads nor saves the build cache.
    pub pdf: bool,
}

impl BuildOptions {
    /// Defaults for a project folder: output in `DIR/site`.
    pub fn new(root: impl Into<PathBuf>) -> Self {
        let root = root.into();
        let display_root = if root == Path::new(".") { PathBuf::new() } else { root.clone() };
        BuildOptions {
            out: root.join("site"),
            display_root,
            root,
            base_path: None,
            profile: Profile::Student,
            cache: true,
            pdf: false,
        }
    }
}

/// `coursesite serve`: the build it repeats, and where and how it serves.
#[derive(Debug, Clone)]
pub struct ServeOptions {
    pub build: BuildOptions,
    pub port: u16,
    pub bind: String,
    pub open: bool,
    pub poll: bool,
    pub color: bool,
    pub quiet: bool,
    /// `--lang`, if given; else each rebuild reads course.toml's (it may change while serving).
    pub lang: Option<Language>,
}

/// `coursesite import`: Word and PowerPoint files (or folders of them).
#[derive(Debug)]
pub struct ImportOptions {
    pub inputs: Vec<PathBuf>,
    /// The course folder (holding content/).
    pub into: PathBuf,
    pub force: bool,
    /// `--deck-for LESSON`: the decks of this run are that lesson's slides
    /// (a lesson page path or its 章节名称).
    pub deck_for: Option<String>,
}

/// `coursesite export --docx`: lessons as the 教案 form.
#[derive(Debug)]
pub struct ExportOptions {
    /// The course folder.
    pub root: PathBuf,
    /// Lessons by page id (`lessons/01-理解客户服务`), file stem or path; empty: every lesson.
    pub lessons: Vec<String>,
    /// Output folder [default: DIR/export].
    pub out: Option<PathBuf>,
    pub force: bool,
    /// Write the 教案 form (.docx).
    pub docx: bool,
    /// Write the slide deck (.pptx).
    pub pptx: bool,
    /// Write the course as an IMS Common Cartridge (.imscc).
    pub imscc: bool,
    /// Write the quizzes as a question bank in this format.
    pub quizzes: Option<QuizFormat>,
    /// Write the student site as a SCORM 2004 package (`package::scorm`).
    pub scorm: bool,
}

impl ExportOptions {
    /// Where every export writes: `--out`, else `DIR/export`.
    pub fn out_dir(&self) -> PathBuf {
        self.out.clone().unwrap_or_else(|| self.root.join("export"))
    }
}

/// `--quizzes FORMAT`: the question-bank formats (`package`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum QuizFormat {
    MoodleXml,
    Gift,
    Qti,
}

impl QuizFormat {
    /// The format as `--quizzes` names it (clap has checked the name).
    pub fn parse(name: &str) -> Option<QuizFormat> {
        match name {
            "moodle-xml" => Some(QuizFormat::MoodleXml),
            "gift" => Some(QuizFormat::Gift),
            "qti" => Some(QuizFormat::Qti),
            _ => None,
        }
    }
}

/// One command, ready to run.
#[derive(Debug)]
pub enum Action {
    New { dir: PathBuf },
    Build(BuildOptions),
    Check(BuildOptions),
    Serve(ServeOptions),
    Import(ImportOptions),
    Export(ExportOptions),
    FixEncoding { files: Vec<PathBuf> },
}

/// What every command shares.
#[derive(Debug, Clone, Copy)]
pub struct Common {
    /// Errors only: no warnings, no summary.
    pub quiet: bool,
    /// Colour the diagnostics (a terminal, and `NO_COLOR` unset).
    pub color: bool,
    /// Threads to render with; None: one per core.
    pub jobs: Option<usize>,
    /// The language of the messages (see [`language`]).
    pub lang: Language,
}

/// The language of a command's messages: `--lang`, else the `language` of the
/// course.toml in the folder the command works on, else zh-CN.
pub fn language(cli: &Cli) -> Language {
    let dir = match &cli.command {
        Command::Build { project, .. } | Command::Check { project } | Command::Serve { project, .. } => &project.dir,
        Command::Import { into, .. } => into,
        Command::Export { course, .. } => course,
        Command::New { .. } | Command::FixEncoding { .. } => Path::new("."),
    };
    crate::config::language_for(explicit_language(cli), dir)
}

fn explicit_language(cli: &Cli) -> Option<Language> {
    cli.lang.as_deref().and_then(Language::from_tag)
}

/// Validate the parsed command line. `color` is decided by the caller (it
/// depends on the terminal, not on the arguments).
pub fn from_cli(cli: Cli, color: bool) -> Result<(Action, Common), Diagnostic> {
    let lang = language(&cli);
    let explicit = explicit_language(&cli);
    let mut common = Common { quiet: cli.quiet, color, jobs: None, lang };
    let action = match cli.command {
        Command::New { dir } => Action::New { dir },
        Command::Build { project, out, base_path, profile, no_cache, pdf } => {
            common.jobs = project.jobs;
            let mut opts = BuildOptions::new(project.dir);
            opts.profile = parse_profile(&profile)?;
            opts.out = out.unwrap_or_else(|| opts.root.join(opts.profile.default_out()));
            opts.base_path = base_path.as_deref().map(parse_base_path).transpose()?;
            opts.cache = !no_cache;
            opts.pdf = pdf;
            Action::Build(opts)
        }
        Command::Check { project } => {
            common.jobs = project.jobs;
            Action::Check(BuildOptions::new(project.dir))
        }
        Command::Serve { project, port, bind, open, poll, profile } => {
            common.jobs = project.jobs;
            let build = BuildOptions { profile: parse_profile(&profile)?, ..BuildOptions::new(project.dir) };
            Action::Serve(ServeOptions { build, port, bind, open, poll, color, quiet: cli.quiet, lang: explicit })
        }
        Command::Import { files, into, force, deck_for } => {
            Action::Import(ImportOptions { inputs: files, into, force, deck_for })
        }
        Command::FixEncoding { files } => Action::FixEncoding { files },
        Command::Export { lessons, docx, pptx, imscc, quizzes, scorm, course, out, force } => {
            let quizzes = quizzes.as_deref().and_then(QuizFormat::parse);
            Action::Export(ExportOptions { root: course, lessons, out, force, docx, pptx, imscc, quizzes, scorm })
        }
    };
    Ok((action, common))
}

fn parse_profile(name: &str) -> Result<Profile, Diagnostic> {
    Profile::parse(name).ok_or_else(|| Diagnostic::error(msg!("bad_profile", name)).hint(msg!("bad_profile_hint")))
}

/// `--base-path`, normalised as course.toml's `base_path` is.
fn parse_base_path(raw: &str) -> Result<String, Diagnostic> {
    crate::config::normalize_base_path(raw)
        .map_err(|why| Diagnostic::error(msg!("bad_base_path_arg", raw, why)).hint(msg!("bad_base_path_arg_hint")))
}

#[cfg(test)]
mod tests {
    use super::*;
    use clap::Parser;

    fn action(args: &[&str]) -> Result<Action, Diagnostic> {
        from_cli(Cli::try_parse_from(args).expect("clap accepts it"), false).map(|(a, _)| a)
    }

    #[test]
    fn build_options_are_validated_once() {
        let Ok(Action::Build(opts)) =
            action(&["coursesite", "build", "c", "--profile", "teacher", "--base-path", "sub"])
        else {
            panic!("a build")
        };
        assert_eq!(opts.profile, Profile::Teacher);
        assert_eq!(opts.out, Path::new("c").join("site-teacher"));
        assert_eq!(opts.base_path.as_deref(), Some("/sub/"));
        let Ok(Action::Build(opts)) = action(&["coursesite", "build", "--out", "x"]) else { panic!("a build") };
        assert_eq!((opts.out, opts.profile, opts.display_root), (PathBuf::from("x"), Profile::Student, PathBuf::new()));
    }

    #[test]
    fn a_bad_base_path_is_a_usage_error_naming_it() {
        let err = action(&["coursesite", "build", "--base-path", "/a b?/"]).unwrap_err();
        let text = err.message.en();
        assert!(text.contains("--base-path '/a b?/'"), "{text}");
    }

    #[test]
    fn jobs_are_common_to_the_commands_that_render() {
        let (_, common) =
            from_cli(Cli::try_parse_from(["coursesite", "-q", "check", "--jobs", "3"]).unwrap(), true).unwrap();
        assert_eq!((common.jobs, common.quiet, common.color), (Some(3), true, true));
    }
}
