//! The pipeline, in the order data flows: config → load → model (with lint) →
//! render → search → write. Each step reads what the one before produced and
//! nothing flows back; this file only calls them in turn. `build` runs it once
//! with a staging folder as the sink; `serve` runs it on every save with the
//! session it keeps.

use crate::diag::{Diagnostic, Diagnostics};
use crate::render::{self, OutputFile, Site};
use crate::session::Session;
use crate::{config, lint, load, model, pdf, search, store, theme, timing, write};
use crate::{BuildOptions, CacheUse, Report, Status, Summary};
use std::path::Path;
use std::sync::Arc;
use std::time::Instant;

/// Build (`write_output`) or only check: steps 1–5, or 1–4. A build starts
/// from the build cache when it can (see `store`).
pub(crate) fn run(opts: &BuildOptions, write_output: bool) -> Report {
    let start = Instant::now();
    let mut reason = None;
    if write_output && uses_cache(opts) {
        let mut timer = timing::Timer::from_env();
        let restored = store::restore(opts);
        timer.lap("cache/restore");
        match restored {
            store::Restore::Restored(session, previous) => return cached(opts, *session, previous, start),
            store::Restore::Refused(why) => reason = Some(why),
            store::Restore::Absent => {}
        }
    }
    let mut report = clean(opts, write_output, start);
    if report.summary.cache.is_some() {
        report.summary.cache = Some(CacheUse::Clean { reason });
    }
    report
}

/// Does this build read and keep the build cache? Not with `--pdf`: printing
/// takes Chromium seconds, so the build is a clean one, and it saves no cache
/// (the next build, without `--pdf`, finds the output folder changed and starts
/// clean too, so no course.pdf of an older build stays beside a newer site).
fn uses_cache(opts: &BuildOptions) -> bool {
    opts.cache && !opts.pdf
}

/// A build (or check) from nothing; a build into a staging folder swapped in
/// at the end, which saves the build cache when `opts.cache`.
fn clean(opts: &BuildOptions, write_output: bool, start: Instant) -> Report {
    let failed = |d: Diagnostic| {
        let mut diags = Diagnostics::default();
        diags.push(d);
        Report {
            status: Status::Failed,
            diagnostics: diags.sorted(),
            summary: Summary { elapsed: start.elapsed(), ..Summary::default() },
        }
    };
    let staging = match write_output.then(|| prepare_output(opts)).transpose() {
        Ok(staging) => staging,
        Err(d) => return failed(d),
    };
    let sink = staging.as_ref().map(|s| s as &dyn render::Sink);
    let mut session = Session { save: write_output && uses_cache(opts), ..Session::default() };
    let (mut report, site) = render_to(opts, &mut session, sink);
    // Without a site (errors), dropping the staging folder removes it.
    if let (Some(staging), Some(site)) = (staging, site) {
        let files = site.files.len() + 1;
        let committed = if opts.pdf {
            let filled = staging.fill(&site).and_then(|()| print_pdf(opts, &staging, &site, &mut report));
            filled.and_then(|()| staging.swap_in())
        } else {
            staging.commit(&site)
        };
        match committed {
            Ok(()) => report.summary.files_written = files + usize::from(report.summary.pdf.is_some()),
            Err(e) => {
                report.diagnostics.push(e.into_diagnostic());
                report.status = Status::Failed;
            }
        }
        if report.status == Status::Ok && session.save {
            report.summary.cache = Some(CacheUse::Clean { reason: None });
            keep_cache(opts, session, store::stamps(&site), &mut report);
        }
    }
    report.summary.elapsed = start.elapsed();
    report
}

/// A build from the build cache: the serve path (only what changed is
/// rendered, in memory), then only the files that changed are written into
/// the output folder in place. With errors nothing is written and the cache
/// stays as it was.
fn cached(opts: &BuildOptions, mut session: Session, previous: write::Stamps, start: Instant) -> Report {
    let (mut report, site) = render_to(opts, &mut session, None);
    let Some(site) = site else {
        report.summary.elapsed = start.elapsed();
        return report;
    };
    // From here the output changes: a build killed halfway leaves no cache.
    store::forget(opts);
    let mut timer = timing::Timer::from_env();
    let stamps = store::stamps(&site);
    let updated = write::update(&opts.out, &site, &stamps, &previous);
    timer.lap("write");
    match updated {
        Ok(written) => {
            report.summary.files_written = written;
            let rendered = session.rendered().len();
            report.summary.cache = Some(CacheUse::Reused { rendered, written });
            keep_cache(opts, session, stamps, &mut report);
        }
        Err(e) => {
            report.diagnostics.push(e.into_diagnostic());
            report.status = Status::Failed;
        }
    }
    report.summary.elapsed = start.elapsed();
    report
}

/// `build --pdf`: print the staged site's print.html into its course.pdf,
/// before the site is swapped in. A browser missing or failing is a warning
/// (the site is whole without the PDF); only writing the file can fail the build.
fn print_pdf(
    opts: &BuildOptions,
    staging: &write::Staging,
    site: &Site,
    report: &mut Report,
) -> Result<(), write::WriteError> {
    if site.files.iter().any(|f| f.path == pdf::FILE_NAME) {
        report.diagnostics.push(Diagnostic::warning(msg!("pdf_taken")).hint(msg!("pdf_taken_hint")));
        return Ok(());
    }
    if !site.files.iter().any(|f| f.path == render::print::PRINT_PAGE) {
        let max = crate::config::PrintConfig::AUTO_MAX_PAGES;
        report.diagnostics.push(Diagnostic::warning(msg!("pdf_no_book", max)).hint(msg!("pdf_no_book_hint")));
        return Ok(());
    }
    let mut timer = timing::Timer::from_env();
    let printed = pdf::print(&staging.path().join(render::print::PRINT_PAGE));
    timer.lap("pdf");
    match printed {
        Ok(bytes) => {
            staging.put(pdf::FILE_NAME, &bytes)?;
            report.summary.pdf = Some((opts.out.join(pdf::FILE_NAME), bytes.len()));
        }
        Err(warning) => report.diagnostics.push(warning),
    }
    Ok(())
}

/// Save the cache of the build that wrote the output folder (its files'
/// `stamps`). A failure here costs only the next build's speed: said as a warning.
fn keep_cache(opts: &BuildOptions, session: Session, stamps: write::Stamps, report: &mut Report) {
    let mut timer = timing::Timer::from_env();
    let saved = match write::folder_id(&opts.out) {
        Some(id) => store::save(opts, session, stamps, id),
        None => Err(msg!("cache_no_marker", out = opts.out.display(), marker = write::MARKER)),
    };
    timer.lap("cache/save");
    if let Err(why) = saved {
        let d = Diagnostic::warning(msg!("cache_not_saved", why)).hint(msg!("cache_not_saved_hint"));
        report.diagnostics.push(d);
    }
}

/// Refuse a bad output path, then make the staging folder the build writes to.
fn prepare_output(opts: &BuildOptions) -> Result<write::Staging, Diagnostic> {
    check_output_path(opts)?;
    write::Staging::create(&opts.out).map_err(|e| e.into_diagnostic())
}

/// Steps 1–4 (and the search index) into `sink` if given, else in memory: the
/// site (when there are no errors) and the report.
pub(crate) fn render_to(
    opts: &BuildOptions,
    session: &mut Session,
    sink: Option<&dyn render::Sink>,
) -> (Report, Option<Site>) {
    let (report, rendered) = render_model(opts, session, sink);
    (report, rendered.map(|(_, site)| site))
}

/// Steps 1–4 in memory, keeping the model beside the site: the learning-platform
/// packages (`package`) read the course's order and quizzes as well as its files.
pub(crate) fn render_course(opts: &BuildOptions) -> (Report, Option<(model::Course, Site)>) {
    render_model(opts, &mut Session { once: true, ..Session::default() }, None)
}

/// [`render_to`], returning the course model too.
fn render_model(
    opts: &BuildOptions,
    session: &mut Session,
    sink: Option<&dyn render::Sink>,
) -> (Report, Option<(model::Course, Site)>) {
    let start = Instant::now();
    let mut diags = Diagnostics::default();
    let mut summary = Summary::default();
    let finish = |status: Status, diags: Diagnostics, mut summary: Summary| {
        summary.elapsed = start.elapsed();
        (Report { status, diagnostics: diags.sorted(), summary }, None)
    };
    let settings = match read_settings(opts) {
        Ok(settings) => settings,
        Err((status, d)) => {
            diags.push(*d);
            return finish(status, diags, summary);
        }
    };
    let mut timer = timing::Timer::from_env();
    let theme = theme::Theme::load(&opts.root, &opts.display_root, &settings.config, &settings.source);
    // A one-off build (with a sink), or one no build follows, has nothing to
    // reuse: the load and the model keep no copies.
    let keep_copies = sink.is_none() && !session.once;
    let load_cache = keep_copies.then_some(&mut session.load);
    let sources = load::load_content_cached(&opts.root, &opts.display_root, &mut diags, load_cache);
    timer.lap("load");
    for key in sources.pages.iter().flat_map(|p| &p.front.foreign) {
        *summary.ignored_keys.entry(key.clone()).or_insert(0) += 1;
    }
    let model_cache = keep_copies.then_some(&mut session.model);
    let course = model::build_course(settings, sources, &mut diags, model_cache);
    timer.lap("model");
    lint::check_course(&course, &mut diags, &mut session.lint);
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
    let site = render_and_index(&course, &theme, &mut diags, session, sink);
    timer.lap("render");
    if diags.has_errors() {
        return finish(Status::ContentErrors, diags, summary);
    }
    summary.elapsed = start.elapsed();
    (Report { status: Status::Ok, diagnostics: diags.sorted(), summary }, Some((course, site)))
}

/// Step 4 and the search index: render every file, index the rendered pages,
/// then check that no two files land on one path.
fn render_and_index(
    course: &model::Course,
    theme: &theme::Theme,
    diags: &mut Diagnostics,
    session: &mut Session,
    sink: Option<&dyn render::Sink>,
) -> Site {
    // A one-off build makes each page's search row as soon as the page is
    // rendered, so its HTML can be freed then (see render::Output).
    let row = |page: &model::Page, html: &str, body: &render::Body| search::page_row(page, html, body);
    let output = render::Output { sink, page_row: sink.map(|_| &row as &render::PageRow), save: session.save };
    let mut rendered = render::render_site(course, theme, diags, &mut session.render, output);
    let rows = match sink {
        Some(_) => search::Rows::Made(std::mem::take(&mut rendered.rows), session.save.then_some(&mut session.search)),
        None => search::Rows::Cached(&mut session.search),
    };
    let mut timer = crate::timing::Timer::from_env();
    let files = search::files(course, &mut rendered.bodies, rows, &rendered.keys);
    timer.lap("search");
    for file in files {
        let contents = match (sink, file.bytes) {
            (Some(_), render::cache::Cached::Held(bytes)) => {
                render::deliver(sink, &file.path, Arc::try_unwrap(bytes).unwrap_or_else(|b| b.to_vec()))
            }
            (_, kept) => Ok(kept.contents()),
        };
        match contents {
            Ok(contents) => rendered.site.files.push(OutputFile {
                origin: format!("(generated) {}", file.path).into(),
                path: file.path,
                contents,
            }),
            Err(d) => diags.push(d),
        }
    }
    let mut site = session.render.keep(course, rendered);
    diags.extend(render::collisions(&site.files));
    site.files.shrink_to_fit();
    site
}

/// course.toml, with the command line's overrides, and the edition to build.
fn read_settings(opts: &BuildOptions) -> Result<model::Settings, (Status, Box<Diagnostic>)> {
    let path = opts.root.join(config::FILE_NAME);
    let display = opts.display_root.join(config::FILE_NAME);
    let bytes = std::fs::read(&path).map_err(|e| {
        let d = Diagnostic::error(msg!("config_unreadable", error = crate::messages::io_error(&e)))
            .in_file(&display)
            .hint(msg!("not_a_course_hint"));
        (Status::Failed, Box::new(d))
    })?;
    let text = load::read::decode(bytes, &display).map_err(|d| (Status::ContentErrors, Box::new(d)))?;
    let mut config = config::parse(&text, &display).map_err(|d| (Status::ContentErrors, Box::new(d)))?;
    if let Some(base_path) = &opts.base_path {
        // Validated and normalised by `options`: the command line wins.
        config.base_path = base_path.clone();
    }
    let source = config::Source { text, display };
    Ok(model::Settings { config, source, profile: opts.profile })
}

/// The output must not be the project, hold it, or sit inside content/ (where the
/// next build would read it back as pages).
pub(crate) fn check_output_path(opts: &BuildOptions) -> Result<(), Diagnostic> {
    let absolute = |p: &Path| std::path::absolute(p).unwrap_or_else(|_| p.to_path_buf());
    let out = absolute(&opts.out);
    let root = absolute(&opts.root);
    let content = root.join("content");
    let bad = if root.starts_with(&out) {
        Some(msg!("out_contains_course"))
    } else if out.starts_with(&content) {
        Some(msg!("out_inside_content"))
    } else {
        None
    };
    if let Some(why) = bad {
        return Err(
            Diagnostic::error(msg!("out_refused", out = opts.out.display(), why)).hint(msg!("out_refused_hint"))
        );
    }
    write::check_target(&opts.out).map_err(|e| e.into_diagnostic())
}
