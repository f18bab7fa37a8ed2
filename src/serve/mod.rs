//! `coursesite serve`: build in memory, serve over HTTP on 127.0.0.1, watch the
//! course, rebuild on change (only what changed, through the render cache) and
//! tell open pages to reload over Server-Sent Events. A failed rebuild keeps the
//! last good site and shows the errors in an overlay and in the terminal.

pub mod http;
pub mod watch;

use crate::diag::Diagnostic;
use crate::messages::{IntoArg, Language};
pub use crate::options::ServeOptions;
use crate::render::{Contents, Site};
use crate::session::Session;
use crate::{render_in_memory, Report};
use std::collections::HashMap;
use std::io::Write;
use std::net::{TcpListener, TcpStream};
use std::path::PathBuf;
use std::sync::mpsc::{self, Sender};
use std::sync::{Arc, Mutex, RwLock};
use std::time::{Duration, Instant};
use watch::Change;

const LIVE_JS: &str = include_str!("live.js");
const LIVE_PATH: &str = "__coursesite/live.js";
const EVENTS_PATH: &str = "__coursesite/events";
/// How long the event stream must stay silent before a rebuild starts. A
/// save touches a file or three (write, rename, chmod): a bit more than the
/// debouncer's tick (a quarter of `watch::DEBOUNCE`) is enough, and it is
/// added to every save's latency. A burst of many files (a git checkout, a
/// folder copied in) is written over a longer spell: wait longer, so it is
/// one rebuild.
fn quiet_spell(paths_so_far: usize) -> Duration {
    if paths_so_far <= 3 {
        Duration::from_millis(3)
    } else {
        Duration::from_millis(30)
    }
}

/// A served file: rendered bytes, or an asset read from the course when asked for.
enum Served {
    Bytes(Arc<Vec<u8>>),
    File(PathBuf),
}

/// What the HTTP threads read and the rebuild loop writes.
struct Shared {
    files: RwLock<Arc<HashMap<String, Served>>>,
    /// Errors of the last build (the overlay), None when it succeeded.
    errors: RwLock<Option<String>>,
    clients: Mutex<Vec<Sender<String>>>,
    /// The address we listen on: one of the host names we answer to.
    bind: String,
}

impl Shared {
    fn broadcast(&self, message: String) {
        if let Ok(mut clients) = self.clients.lock() {
            clients.retain(|c| c.send(message.clone()).is_ok());
        }
    }
}

fn event(name: &str, data: &str) -> String {
    let json = serde_json::to_string(data).unwrap_or_else(|_| "\"\"".into());
    format!("event: {name}\ndata: {json}\n\n")
}

fn files_of(site: Site) -> HashMap<String, Served> {
    site.files
        .into_iter()
        .filter_map(|f| {
            let served = match f.contents {
                Contents::Bytes(b) => Served::Bytes(Arc::new(b)),
                Contents::Shared(b) => Served::Bytes(b),
                Contents::Copy(p) => Served::File(p),
                // Only a build with a staging folder writes while rendering; serve has none.
                Contents::Written | Contents::Kept => return None,
            };
            Some((f.path, served))
        })
        .collect()
}

/// The listening socket, or why there is none (a port in use: try the next).
fn listen(opts: &ServeOptions) -> Result<TcpListener, Diagnostic> {
    TcpListener::bind((opts.bind.as_str(), opts.port)).map_err(|e| {
        let (bind, port) = (&opts.bind, opts.port);
        let d = Diagnostic::error(msg!("serve_cannot_listen", bind, port, error = crate::messages::io_error(&e)));
        if e.kind() == std::io::ErrorKind::AddrInUse {
            d.hint(msg!("serve_port_in_use", port, next = port.wrapping_add(1)))
        } else {
            d.hint(msg!("serve_check_bind"))
        }
    })
}

/// Run until killed. Errors only for what stops the server from starting.
pub fn serve(opts: ServeOptions) -> Result<(), Diagnostic> {
    // Not a course folder: say so and stop, as `build` does, rather than serve nothing.
    let config = opts.build.root.join(crate::config::FILE_NAME);
    if !config.is_file() {
        return Err(Diagnostic::error(msg!("serve_no_config", root = opts.build.root.display()))
            .in_file(&opts.build.display_root.join(crate::config::FILE_NAME))
            .hint(msg!("serve_no_config_hint")));
    }
    let listener = listen(&opts)?;
    let port = listener.local_addr().map(|a| a.port()).unwrap_or(opts.port);
    if !["127.0.0.1", "localhost", "::1"].contains(&opts.bind.as_str()) {
        eprintln!("{}", msg!("serve_exposed", bind = &opts.bind).render(lang_of(&opts)));
    }
    let shared = Arc::new(Shared {
        files: RwLock::new(Arc::new(HashMap::new())),
        errors: RwLock::new(None),
        clients: Mutex::new(Vec::new()),
        bind: opts.bind.clone(),
    });
    let mut session = Session::default();
    rebuild(&opts, &shared, &mut session, Instant::now(), true);

    let (tx, rx) = mpsc::channel();
    let root = std::path::absolute(&opts.build.root).unwrap_or_else(|_| opts.build.root.clone());
    let out = std::path::absolute(&opts.build.out).unwrap_or_else(|_| opts.build.out.clone());
    let mut watcher = watch::Watcher::start(&root, opts.poll, tx)
        .map_err(|e| Diagnostic::error(msg!("serve_cannot_watch", error = e)).hint(msg!("serve_cannot_watch_hint")))?;

    let server = Arc::clone(&shared);
    std::thread::spawn(move || {
        for stream in listener.incoming().flatten() {
            let shared = Arc::clone(&server);
            std::thread::spawn(move || handle(stream, &shared));
        }
    });
    let url = format!("http://{}:{port}/", if opts.bind == "0.0.0.0" { "127.0.0.1" } else { &opts.bind });
    eprintln!("{}", msg!("serve_serving", root = opts.build.root.display(), url = &url).render(lang_of(&opts)));
    if opts.open {
        open_browser(&url, lang_of(&opts));
    }

    while let Ok(paths) = rx.recv() {
        let started = Instant::now();
        let mut change = classify_all(&paths, &root, &out);
        let mut paths_seen = paths;
        // Coalesce a burst (git checkout, a save that writes, renames and
        // chmods): the debouncer hands over batches as they age, so wait until
        // none has come for a short quiet spell, then rebuild once.
        while let Ok(more) = rx.recv_timeout(quiet_spell(paths_seen.len())) {
            change = change.max(classify_all(&more, &root, &out));
            paths_seen.extend(more);
        }
        if change == Change::Ignore {
            continue;
        }
        if change == Change::Everything {
            session = Session::default();
        } else {
            let content = paths_seen.iter().filter(|p| watch::classify(p, &root, &out) == Change::Content);
            session.load.watched(content.cloned().collect());
        }
        // content/ or themes/ itself created or removed: its old watch is gone.
        // (Re-watching on every save would rescan the tree: slow with --poll.)
        if paths_seen
            .iter()
            .any(|p| p.parent() == Some(root.as_path()) && (p.ends_with("content") || p.ends_with("themes")))
        {
            watcher.rewatch(&root);
        }
        rebuild(&opts, &shared, &mut session, started, false);
    }
    Ok(())
}

fn classify_all(paths: &[PathBuf], root: &std::path::Path, out: &std::path::Path) -> Change {
    paths.iter().map(|p| watch::classify(p, root, out)).max().unwrap_or(Change::Ignore)
}

/// Build, swap the served files in on success, tell the pages, report in the terminal.
fn rebuild(opts: &ServeOptions, shared: &Shared, session: &mut Session, started: Instant, first: bool) {
    let (report, site) = render_in_memory(&opts.build, session);
    // Read on every build: the teacher may change course.toml's `language` while serving.
    let lang = lang_of(opts);
    print_diagnostics(&report, opts, lang);
    let ms = started.elapsed().as_millis();
    match site {
        Some(site) => {
            if let Ok(mut files) = shared.files.write() {
                *files = Arc::new(files_of(site));
            }
            if let Ok(mut errors) = shared.errors.write() {
                *errors = None;
            }
            let changed = session.rendered();
            shared.broadcast(event("reload", &changed.join("\n")));
            if !opts.quiet {
                eprintln!("{}", rebuilt_line(changed, ms, first).render(lang));
            }
        }
        None => {
            let text: String =
                report.diagnostics.iter().filter(|d| d.is_error()).map(|d| d.render(lang, false)).collect();
            if let Ok(mut errors) = shared.errors.write() {
                *errors = Some(text.clone());
            }
            // Only a good build fills `files`: empty, there is nothing good to serve.
            let none_yet = shared.files.read().map_or(true, |files| files.is_empty());
            // The terminal first, then the pages: what they show is already said.
            let said = if none_yet { msg!("serve_failed_none", ms) } else { msg!("serve_failed_kept", ms) };
            eprintln!("{}", said.render(lang));
            shared.broadcast(event("build-error", &text));
        }
    }
}

/// `coursesite: rebuilt 3 page(s) in 40 ms: a, b, c`, naming the first five.
fn rebuilt_line(changed: &[String], ms: u128, first: bool) -> crate::messages::Msg {
    let names = crate::messages::list(changed.iter().take(5));
    let list = match changed.len() {
        0 => String::new().into_arg(),
        n if n > 5 => msg!("serve_list", names = msg!("serve_more", names, n = n - 5)).into_arg(),
        _ => msg!("serve_list", names).into_arg(),
    };
    let n = changed.len();
    if first {
        msg!("serve_built", n, ms, list)
    } else {
        msg!("serve_rebuilt", n, ms, list)
    }
}

/// The language of serve's messages: `--lang`, else course.toml's now.
fn lang_of(opts: &ServeOptions) -> Language {
    crate::config::language_for(opts.lang, &opts.build.root)
}

fn print_diagnostics(report: &Report, opts: &ServeOptions, lang: Language) {
    for d in &report.diagnostics {
        if d.is_error() || !opts.quiet {
            eprint!("{}", d.render(lang, opts.color));
        }
    }
}

fn handle(mut stream: TcpStream, shared: &Shared) {
    let _ = stream.set_read_timeout(Some(Duration::from_secs(10)));
    let request = match http::read_request(&mut stream) {
        Ok(r) => r,
        Err(http::Refusal::MethodNotAllowed) => {
            return http::respond(&mut stream, 405, "text/plain; charset=utf-8", b"GET or HEAD only\n", false)
        }
        Err(http::Refusal::BadRequest) => {
            return http::respond(&mut stream, 400, "text/plain; charset=utf-8", b"bad request\n", false)
        }
    };
    if !http::host_allowed(request.host.as_deref(), &shared.bind) {
        return http::respond(&mut stream, 403, "text/plain; charset=utf-8", b"unknown Host\n", request.head_only);
    }
    if request.path == EVENTS_PATH {
        if !http::origin_allowed(request.origin.as_deref(), &shared.bind) {
            return http::respond(&mut stream, 403, "text/plain; charset=utf-8", b"foreign origin\n", false);
        }
        return stream_events(stream, shared);
    }
    if request.path == LIVE_PATH {
        return http::respond(&mut stream, 200, http::content_type(LIVE_PATH), live_js().as_bytes(), request.head_only);
    }
    let files = shared.files.read().map(|f| Arc::clone(&f)).unwrap_or_default();
    let (status, path, body) = match files.get(&request.path).and_then(read_served) {
        Some(body) => (200, request.path.as_str(), body),
        // No good build yet (the first one failed): a page that shows the overlay.
        None if files.is_empty() => (503, "index.html", no_site_yet().into_bytes()),
        None => {
            (404, "404.html", files.get("404.html").and_then(read_served).unwrap_or_else(|| b"not found\n".to_vec()))
        }
    };
    let body = if path.ends_with(".html") { inject(body) } else { body };
    http::respond(&mut stream, status, http::content_type(path), &body, request.head_only);
}

fn read_served(served: &Served) -> Option<Vec<u8>> {
    match served {
        Served::Bytes(b) => Some(b.as_ref().clone()),
        Served::File(p) => std::fs::read(p).ok(),
    }
}

/// The reload script goes in only when serving, just before `</body>`.
fn inject(mut html: Vec<u8>) -> Vec<u8> {
    let tag = format!("<script src=\"/{LIVE_PATH}\"></script>");
    let at = html.windows(7).rposition(|w| w == b"</body>").unwrap_or(html.len());
    html.splice(at..at, tag.into_bytes());
    html
}

/// Server-Sent Events: the current state at once, then every rebuild, with a
/// heartbeat so closed tabs are noticed.
fn stream_events(mut stream: TcpStream, shared: &Shared) {
    let head = "HTTP/1.1 200 OK\r\nContent-Type: text/event-stream\r\nCache-Control: no-store\r\nConnection: keep-alive\r\n\r\n";
    if stream.write_all(head.as_bytes()).is_err() {
        return;
    }
    let (tx, rx) = mpsc::channel();
    let first = match shared.errors.read().ok().and_then(|e| e.clone()) {
        Some(text) => event("build-error", &text),
        None => event("ok", ""),
    };
    if let Ok(mut clients) = shared.clients.lock() {
        clients.push(tx);
    }
    let mut message = first;
    loop {
        if stream.write_all(message.as_bytes()).and_then(|()| stream.flush()).is_err() {
            return;
        }
        message = match rx.recv_timeout(Duration::from_secs(15)) {
            Ok(m) => m,
            Err(mpsc::RecvTimeoutError::Timeout) => ": keep-alive\n\n".into(),
            Err(mpsc::RecvTimeoutError::Disconnected) => return,
        };
    }
}

fn open_browser(url: &str, lang: Language) {
    let cmd = if cfg!(target_os = "macos") {
        "open"
    } else if cfg!(windows) {
        "explorer"
    } else {
        "xdg-open"
    };
    if std::process::Command::new(cmd).arg(url).spawn().is_err() {
        eprintln!("{}", msg!("serve_no_browser", url).render(lang));
    }
}
/// live.js with the overlay's words from the strings table, for every language
/// (it picks by the page's `<html lang>`): `errors` over a good version,
/// `none` on the page served while there is none ([`no_site_yet`]).
fn live_js() -> String {
    let words = |l| {
        let t = |key| crate::i18n::t(l, key);
        serde_json::json!({ "errors": t("serve_errors"), "none": t("serve_errors_no_good_version") })
    };
    let strings: std::collections::BTreeMap<&str, serde_json::Value> =
        crate::i18n::LANGUAGES.iter().map(|&l| (l.tag(), words(l))).collect();
    let json = serde_json::to_string(&strings).unwrap_or_else(|_| "{}".into());
    format!("window.coursesiteServeStrings={json};\n{LIVE_JS}")
}

/// The page served before any build has succeeded (the course's language may be
/// what is broken, so it says it in every language of the table). Its
/// `data-coursesite-no-site` tells live.js that there is no good version yet:
/// every other page served exists only because a build succeeded.
fn no_site_yet() -> String {
    let lines: String = crate::i18n::LANGUAGES
        .iter()
        .map(|&l| format!("<p lang=\"{}\">{}</p>", l.tag(), crate::i18n::t(l, "serve_not_built")))
        .collect();
    format!("<!doctype html><html lang=\"zh-CN\"><meta charset=\"utf-8\"><title>coursesite</title><body data-coursesite-no-site>{lines}</body></html>")
}

#[cfg(test)]
mod i18n_tests {
    use super::*;
    use crate::config::Language;

    #[test]
    fn overlay_and_waiting_page_words_come_from_the_table() {
        let js = live_js();
        assert!(js.starts_with("window.coursesiteServeStrings={"));
        for lang in crate::i18n::LANGUAGES {
            assert!(js.contains(crate::i18n::t(lang, "serve_errors")), "{}", lang.tag());
            assert!(js.contains(crate::i18n::t(lang, "serve_errors_no_good_version")), "{}", lang.tag());
            assert!(no_site_yet().contains(crate::i18n::t(lang, "serve_not_built")), "{}", lang.tag());
        }
        assert!(no_site_yet().contains("<p lang=\"en\">"));
        assert_ne!(crate::i18n::t(Language::En, "serve_errors"), crate::i18n::t(Language::ZhCn, "serve_errors"));
    }
}
