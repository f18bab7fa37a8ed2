//! The `coursesite` binary: parse arguments, call the library, print diagnostics
//! and a one-line summary on stderr, exit 0 (ok), 1 (content errors) or 2
//! (usage or file-system errors).

use clap::Parser;
use coursesite::cli::Cli;
use coursesite::messages::{count, Arg, IntoArg, Msg};
use coursesite::msg;
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
/// Windows keeps its own allocator: jemalloc does not build with MSVC.
#[cfg(not(windows))]
#[global_allocator]
static GLOBAL: tikv_jemallocator::Jemalloc = tikv_jemallocator::Jemalloc;

/// jemalloc's settings, read when it starts (`_RJEM_MALLOC_CONF` in the
/// environment still overrides them): freed memory goes back to the system
/// after 100 ms instead of 10 s, so a build's peak is what it uses, not what
/// it used a few steps ago.
#[cfg(not(windows))]
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
    // Known before the options are checked, so their errors are in it too.
    let lang = options::language(&cli);
    let (action, common) = match options::from_cli(cli, color) {
        Ok(parsed) => parsed,
        Err(d) => {
            eprint!("{}", d.render(lang, color));
            return ExitCode::from(Status::Failed.exit_code());
        }
    };
    coursesite::parallel::configure(common.jobs);
    let (report, verb, out) = match action {
        Action::New { dir } => return new_course(&dir, common),
        Action::Build(opts) => {
            // Ctrl-C or SIGTERM mid-build: no staging folder left behind.
            coursesite::write::clean_up_on_signal();
            (coursesite::build(&opts), "verb_built", Some(opts.out))
        }
        Action::Check(opts) => (coursesite::check(&opts), "verb_checked", None),
        Action::Serve(opts) => {
            return match coursesite::serve::serve(opts) {
                Ok(()) => ExitCode::SUCCESS,
                Err(d) => {
                    eprint!("{}", d.render(lang, color));
                    ExitCode::from(Status::Failed.exit_code())
                }
            };
        }
        Action::Import(opts) => return office_outcome(&coursesite::office::import(&opts), "office_created", common),
        Action::FixEncoding { files } => return fix_encoding(&files, common),
        Action::Export(opts) => return office_outcome(&coursesite::package::export(&opts), "office_wrote", common),
    };
    report_build(&report, verb, out.as_deref(), common);
    ExitCode::from(report.status.exit_code())
}

/// Diagnostics, the summary line and the notes of a build or check, on stderr.
fn report_build(report: &Report, verb: &'static str, out: Option<&std::path::Path>, common: Common) {
    let Common { color, quiet, lang, .. } = common;
    for d in &report.diagnostics {
        if d.is_error() || !quiet {
            eprint!("{}", d.render(lang, color));
        }
    }
    if !quiet || report.status != Status::Ok {
        eprintln!("{}", summary_line(report, verb, out).render(lang));
    }
    if let (false, Some((path, size))) = (quiet, &report.summary.pdf) {
        eprintln!("{}", msg!("pdf_written", path = path.display(), size = size.div_ceil(1024)).render(lang));
    }
    if let (false, Some(CacheUse::Clean { reason: Some(why) })) = (quiet, &report.summary.cache) {
        eprintln!("{}", msg!("cache_note_clean", why = why.clone()).render(lang));
    }
    if !quiet && !report.summary.ignored_keys.is_empty() {
        eprintln!("{}", ignored_keys_note(&report.summary.ignored_keys).render(lang));
    }
}

fn new_course(dir: &std::path::Path, common: Common) -> ExitCode {
    match coursesite::scaffold::create(dir) {
        Ok(files) => {
            if !common.quiet {
                eprintln!("{}", msg!("new_created", files, dir = dir.display()).render(common.lang));
            }
            ExitCode::SUCCESS
        }
        Err(d) => {
            eprint!("{}", d.render(common.lang, common.color));
            ExitCode::from(Status::Failed.exit_code())
        }
    }
}

/// What import/export did: each created file on stdout, cleaning changes and
/// notes under it, diagnostics on stderr.
fn office_outcome(outcome: &coursesite::office::Outcome, verb: &'static str, common: Common) -> ExitCode {
    let Common { color, quiet, lang, .. } = common;
    for d in &outcome.diagnostics {
        if d.is_error() || !quiet {
            eprint!("{}", d.render(lang, color));
        }
    }
    for file in &outcome.files {
        let source = file.source.display();
        for path in &file.created {
            println!("{}", Msg::new(verb).arg("path", path.display()).arg("source", &source).render(lang));
        }
        for change in &file.cleaned {
            println!("{}", msg!("office_cleaned", change).render(lang));
        }
        for note in &file.notes {
            println!("{}", msg!("office_check", note).render(lang));
        }
        for line in &file.report {
            println!("{}", line.render(lang));
        }
    }
    if outcome.status != Status::Ok {
        eprintln!("{}", msg!("nothing_written").render(lang));
    }
    ExitCode::from(outcome.status.exit_code())
}

/// `fix-encoding`: each file converted (or left), errors at the end; exit 1 if any failed.
fn fix_encoding(files: &[std::path::PathBuf], common: Common) -> ExitCode {
    let mut failed = false;
    for file in files {
        let said = match coursesite::fix::fix_file(file) {
            Ok(coursesite::fix::Fixed::Converted { backup }) => {
                msg!("fix_converted", file = file.display(), backup = backup.display())
            }
            Ok(coursesite::fix::Fixed::AlreadyUtf8) => msg!("fix_left", file = file.display()),
            Err(d) => {
                eprint!("{}", d.render(common.lang, common.color));
                failed = true;
                continue;
            }
        };
        println!("{}", said.render(common.lang));
    }
    ExitCode::from(if failed { Status::ContentErrors.exit_code() } else { 0 })
}

/// One note per build for the front-matter keys of other tools that pages carry.
fn ignored_keys_note(keys: &std::collections::BTreeMap<String, usize>) -> Msg {
    let items = keys.iter().map(|(key, n)| msg!("note_ignored_key", key, pages = count(*n, "page"))).collect();
    msg!("note_ignored_keys", keys = join(items))
}

/// The one line that says how a build or check went.
fn summary_line(report: &Report, verb: &'static str, out: Option<&std::path::Path>) -> Msg {
    let s = &report.summary;
    let total: usize = s.pages_by_kind.values().sum();
    let kinds: Vec<Msg> = s.pages_by_kind.iter().map(|(k, n)| count(*n, &format!("kind_{}", k.as_str()))).collect();
    let ms = s.elapsed.as_millis();
    let (warnings, errors) = (count(report.warnings(), "warning"), count(report.errors(), "error"));
    match report.status {
        Status::Ok => {
            let mut place = out.map_or(nothing(), |o| msg!("summary_into", out = o.display()).into_arg());
            if let Some(CacheUse::Reused { rendered, written }) = s.cache {
                let (rendered, written) = (count(rendered, "page"), count(written, "file"));
                place = msg!("summary_cached", place, rendered, written).into_arg();
            }
            msg!(
                "summary_ok",
                verb = Msg::new(verb),
                pages = count(total, "page"),
                kinds = join(kinds),
                indexes = count(s.indexes, "index"),
                assets = count(s.assets, "asset"),
                place,
                ms,
                warnings
            )
        }
        _ => {
            let untouched = if verb == "verb_built" { msg!("summary_untouched").into_arg() } else { nothing() };
            msg!("summary_failed", errors, warnings, ms, untouched)
        }
    }
}

/// Messages joined with the language's list separator.
fn join(items: Vec<Msg>) -> Arg {
    items.into_iter().reduce(|before, item| msg!("list_pair", before, item)).map_or(nothing(), Msg::into_arg)
}

/// An empty argument: a part of a line that this build has nothing for.
fn nothing() -> Arg {
    Arg::Text(String::new())
}
