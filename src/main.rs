//! The `coursesite` binary: parse arguments, call the library, print diagnostics
//! and a one-line summary on stderr, exit 0 (ok), 1 (content errors) or 2
//! (usage or file-system errors).

use clap::Parser;
use coursesite::cli::Cli;
use coursesite::options::{self, Action, Common};
use coursesite::{CacheUse, Report, Status};
use std::io::IsTerminal;
use std::process::ExitCode;

/// Deeply nested Markdown (thousands of `>` or list levels) recurses deep in the
/// parser and renderer; a large stack turns a would-be stack overflow into a build.
const STACK_BYTES: usize = coursesite::parallel::STACK_BYTES;

/// jemalloc instead of glibc's malloc: a build allocates and frees millions of
/// small values on every thread (Markdown nodes, template values, strings), and
/// glibc's malloc and free were a fifth of a build's time. With jemalloc a
/// 10,000-page build takes 17 % less CPU and peaks lower (docs/benchmarks.md).
#[global_allocator]
static GLOBAL: tikv_jemallocator::Jemalloc = tikv_jemallocator::Jemalloc;

/// jemalloc's settings, read when it starts (`_RJEM_MALLOC_CONF` in the
/// environment still overrides them): freed memory goes back to the system
/// after 100 ms instead of 10 s, so a build's peak is what it uses, not what
/// it used a few steps ago.
#[used]
#[export_name = "_rjem_malloc_conf"]
static JEMALLOC_CONF: &[u8; 36] = b"dirty_decay_ms:100,muzzy_decay_ms:0\0";

fn main() -> ExitCode {
    let cli = Cli::parse();
    match std::thread::Builder::new().stack_size(STACK_BYTES).spawn(move || run(cli)) {
        Ok(handle) => handle.join().unwrap_or(ExitCode::from(Status::Failed.exit_code())),
        // No thread could be spawned: run on the main thread's stack.
        Err(_) => run(Cli::parse()),
    }
}

fn run(cli: Cli) -> ExitCode {
    let color = std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty()) && std::io::stderr().is_terminal();
    let (action, common) = match options::from_cli(cli, color) {
        Ok(parsed) => parsed,
        Err(d) => {
            eprint!("{}", d.render(color));
            return ExitCode::from(Status::Failed.exit_code());
        }
    };
    coursesite::parallel::configure(common.jobs);
    let (report, verb, out) = match action {
        Action::New { dir } => return new_course(&dir, common),
        Action::Build(opts) => {
            // Ctrl-C or SIGTERM mid-build: no staging folder left behind.
            coursesite::write::clean_up_on_signal();
            (coursesite::build(&opts), "built", Some(opts.out))
        }
        Action::Check(opts) => (coursesite::check(&opts), "checked", None),
        Action::Serve(opts) => {
            return match coursesite::serve::serve(opts) {
                Ok(()) => ExitCode::SUCCESS,
                Err(d) => {
                    eprint!("{}", d.render(color));
                    ExitCode::from(Status::Failed.exit_code())
                }
            };
        }
        Action::Import(opts) => return office_outcome(&coursesite::office::import(&opts), "created", common),
        Action::FixEncoding { files } => return fix_encoding(&files, common),
        Action::Export(opts) => return office_outcome(&coursesite::office::export(&opts), "wrote", common),
    };
    for d in &report.diagnostics {
        if d.is_error() || !common.quiet {
            eprint!("{}", d.render(color));
        }
    }
    if !common.quiet || report.status != Status::Ok {
        eprintln!("{}", summary_line(&report, verb, out.as_deref()));
    }
    if let (false, Some(CacheUse::Clean { reason: Some(why) })) = (common.quiet, &report.summary.cache) {
        eprintln!("coursesite: note: the build cache was not used ({why}): everything was built anew");
    }
    if !common.quiet && !report.summary.ignored_keys.is_empty() {
        eprintln!("{}", ignored_keys_note(&report.summary.ignored_keys));
    }
    ExitCode::from(report.status.exit_code())
}

fn new_course(dir: &std::path::Path, common: Common) -> ExitCode {
    match coursesite::scaffold::create(dir) {
        Ok(files) => {
            if !common.quiet {
                let dir = dir.display();
                eprintln!("coursesite: created {files} files in {dir}; next: cd {dir} && coursesite build");
            }
            ExitCode::SUCCESS
        }
        Err(d) => {
            eprint!("{}", d.render(common.color));
            ExitCode::from(Status::Failed.exit_code())
        }
    }
}

/// What import/export did: each created file on stdout, cleaning changes and
/// notes under it, diagnostics on stderr.
fn office_outcome(outcome: &coursesite::office::Outcome, verb: &str, common: Common) -> ExitCode {
    let Common { color, quiet, .. } = common;
    for d in &outcome.diagnostics {
        if d.is_error() || !quiet {
            eprint!("{}", d.render(color));
        }
    }
    for file in &outcome.files {
        for path in &file.created {
            println!("{verb} {} (from {})", path.display(), file.source.display());
        }
        for change in &file.cleaned {
            println!("  cleaned: {change}");
        }
        for note in &file.notes {
            println!("  check: {note}");
        }
    }
    if outcome.status != Status::Ok {
        eprintln!("coursesite: nothing written");
    }
    ExitCode::from(outcome.status.exit_code())
}

/// `fix-encoding`: each file converted (or left), errors at the end; exit 1 if any failed.
fn fix_encoding(files: &[std::path::PathBuf], common: Common) -> ExitCode {
    let mut failed = false;
    for file in files {
        match coursesite::fix::fix_file(file) {
            Ok(coursesite::fix::Fixed::Converted { backup }) => {
                println!("converted {} (GB18030 → UTF-8); the original is {}", file.display(), backup.display())
            }
            Ok(coursesite::fix::Fixed::AlreadyUtf8) => println!("left {} as it was: already UTF-8", file.display()),
            Err(d) => {
                eprint!("{}", d.render(common.color));
                failed = true;
            }
        }
    }
    ExitCode::from(if failed { Status::ContentErrors.exit_code() } else { 0 })
}

/// One note per build for the front-matter keys of other tools that pages carry.
fn ignored_keys_note(keys: &std::collections::BTreeMap<String, usize>) -> String {
    let list: Vec<String> = keys.iter().map(|(k, n)| format!("{k} ({n} {})", plural("page", *n))).collect();
    format!("coursesite: note: ignored front-matter keys other tools read: {}", list.join(", "))
}

fn summary_line(report: &Report, verb: &str, out: Option<&std::path::Path>) -> String {
    let s = &report.summary;
    let total: usize = s.pages_by_kind.values().sum();
    let kinds: Vec<String> = s.pages_by_kind.iter().map(|(k, n)| format!("{n} {}", plural(k.as_str(), *n))).collect();
    let ms = s.elapsed.as_millis();
    let counts = |n: usize, what: &str| format!("{n} {}", plural(what, n));
    match report.status {
        Status::Ok => {
            let place = out.map(|o| format!(" into {}", o.display())).unwrap_or_default();
            let place = match s.cache {
                Some(CacheUse::Reused { rendered, written }) => format!(
                    "{place} from the build cache ({} rendered again, {} written)",
                    counts(rendered, "page"),
                    counts(written, "file")
                ),
                _ => place,
            };
            format!(
                "coursesite: {verb} {} ({}) + {} + {}{place} in {ms} ms; {}",
                counts(total, "page"),
                kinds.join(", "),
                counts(s.indexes, "generated index"),
                counts(s.assets, "asset"),
                counts(report.warnings(), "warning")
            )
        }
        _ => format!(
            "coursesite: failed with {}, {} in {ms} ms{}",
            counts(report.errors(), "error"),
            counts(report.warnings(), "warning"),
            if verb == "built" { "; the previous output was left untouched" } else { "" }
        ),
    }
}

fn plural(word: &str, n: usize) -> String {
    match (word, n) {
        (w, 1) => w.to_string(),
        ("quiz", _) => "quizzes".into(),
        ("glossary", _) => "glossaries".into(),
        ("generated index", _) => "generated indexes".into(),
        (w, _) => format!("{w}s"),
    }
}
