//! `coursesite build --pdf`: the print book (`print.html`) printed to
//! `course.pdf` by headless Chromium or Chrome, the browser the book is made
//! for (CSS page breaks, `@page` running headers and page numbers need
//! Chromium 131 or newer; older ones print without the headers).
//!
//! The browser prints the staging folder's print.html into a temporary folder
//! of its own; the pipeline hands the bytes to `write`, which puts them into
//! the staging folder before it is swapped in, so course.pdf appears with the
//! site it was printed from, or not at all. No browser, or one that fails, is
//! a warning: the site is built and whole, and print.html prints from any
//! browser by hand.

mod dests;

use crate::diag::Diagnostic;
use crate::messages::Msg;
use std::io::Read;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

/// The PDF's name in the output folder.
pub const FILE_NAME: &str = "course.pdf";

/// The variable naming the browser's program, first; the tests' variable too.
pub const ENV: &str = "CHROMIUM_PATH";

/// Program names looked for on PATH, in order (Debian's, other Linux
/// distributions', Chrome's, and Edge, which is Chromium too).
const NAMES: &[&str] =
    &["chromium", "chromium-browser", "google-chrome", "google-chrome-stable", "chrome", "microsoft-edge", "msedge"];

/// Where installers put the browser outside PATH (macOS apps, Windows).
const KNOWN: &[&str] = &[
    "/Applications/Google Chrome.app/Contents/MacOS/Google Chrome",
    "/Applications/Chromium.app/Contents/MacOS/Chromium",
    r"C:\Program Files\Google\Chrome\Application\chrome.exe",
    r"C:\Program Files (x86)\Google\Chrome\Application\chrome.exe",
    r"C:\Program Files (x86)\Microsoft\Edge\Application\msedge.exe",
];

/// A print that takes longer has hung (a 1,000-page course prints in about a minute).
const TIMEOUT: Duration = Duration::from_secs(600);

/// Print `book` (the print.html of a built site) to PDF: its bytes, or a
/// warning saying why there are none and what to do.
pub fn print(book: &Path) -> Result<Vec<u8>, Diagnostic> {
    let Some(browser) = find_browser() else {
        let names = crate::messages::list(NAMES);
        return Err(
            Diagnostic::warning(msg!("pdf_no_browser", env = ENV, names)).hint(msg!("pdf_no_browser_hint", env = ENV))
        );
    };
    let failed =
        |why| Diagnostic::warning(msg!("pdf_failed", browser = browser.display(), why)).hint(msg!("pdf_failed_hint"));
    let url = file_url(book).map_err(failed)?;
    let first = run(&browser, &url).map_err(failed)?;
    // Printed again with the page each chapter starts on (found in the first
    // PDF), which the book's print.js writes into its contents list. The
    // numbers take room already kept for them: no chapter moves.
    // (A chapter no link points at has no destination: its place stays empty.)
    let pages = dests::chapter_pages(&first);
    let Some(last) = pages.keys().filter_map(|k| k["page-".len()..].parse::<usize>().ok()).max() else {
        return Ok(first);
    };
    let page = |n: usize| pages.get(&format!("page-{n}")).map_or(String::new(), usize::to_string);
    let list: Vec<String> = (1..=last).map(page).collect();
    Ok(run(&browser, &format!("{url}?pages={}", list.join(","))).unwrap_or(first))
}

/// The browser: `CHROMIUM_PATH` when it names a file, else the first of
/// [`NAMES`] on PATH, else a usual install location.
pub fn find_browser() -> Option<PathBuf> {
    if let Some(path) = std::env::var_os(ENV).map(PathBuf::from).filter(|p| p.is_file()) {
        return Some(path);
    }
    let dirs: Vec<PathBuf> = std::env::var_os("PATH").map(|p| std::env::split_paths(&p).collect()).unwrap_or_default();
    let on_path = NAMES.iter().find_map(|name| {
        dirs.iter().find_map(|dir| {
            let exe = dir.join(format!("{name}{}", std::env::consts::EXE_SUFFIX));
            exe.is_file().then_some(exe)
        })
    });
    on_path.or_else(|| KNOWN.iter().map(PathBuf::from).find(|p| p.is_file()))
}

/// Run the browser on `url` (the book's); the PDF's bytes, or why not.
fn run(browser: &Path, url: &str) -> Result<Vec<u8>, Msg> {
    let work = TempDir::new().map_err(|e| msg!("pdf_io", error = crate::messages::io_error(&e)))?;
    let pdf = work.0.join(FILE_NAME);
    let mut command = Command::new(browser);
    command
        .args(["--headless", "--disable-gpu", "--no-first-run", "--no-default-browser-check", "--disable-extensions"])
        .args(["--disable-background-networking", "--disable-component-update", "--disable-sync"])
        // The book's own running header and page numbers (its @page rules), not the browser's.
        .arg("--no-pdf-header-footer")
        // PDF bookmarks from the headings (Chromium 117+; older ones ignore it).
        .arg("--generate-pdf-document-outline")
        .arg(format!("--user-data-dir={}", work.0.join("profile").display()))
        .arg(format!("--print-to-pdf={}", pdf.display()))
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::piped());
    if running_as_root() {
        // Chromium refuses to start as root with its sandbox (CI containers run as root).
        command.arg("--no-sandbox");
    }
    command.arg(url);
    let mut child = command.spawn().map_err(|e| msg!("pdf_io", error = crate::messages::io_error(&e)))?;
    // Read stderr on a thread: a browser that fills the pipe would block forever.
    let mut stderr = child.stderr.take();
    let reader = std::thread::spawn(move || {
        let mut text = String::new();
        if let Some(pipe) = stderr.as_mut() {
            let _ = pipe.read_to_string(&mut text);
        }
        text
    });
    let status = wait(&mut child)?;
    let said = reader.join().unwrap_or_default();
    let bytes = std::fs::read(&pdf).unwrap_or_default();
    if status.success() && bytes.starts_with(b"%PDF") {
        return Ok(bytes);
    }
    let last: Vec<&str> = said.lines().filter(|l| !l.trim().is_empty()).collect();
    let tail = last[last.len().saturating_sub(3)..].join(" / ");
    let code = status.code().map_or_else(|| "-".to_string(), |c| c.to_string());
    Err(msg!("pdf_exit", code, stderr = tail))
}

/// Wait for the browser, at most [`TIMEOUT`]; a hung one is killed.
fn wait(child: &mut std::process::Child) -> Result<std::process::ExitStatus, Msg> {
    let start = Instant::now();
    loop {
        match child.try_wait() {
            Ok(Some(status)) => return Ok(status),
            Ok(None) if start.elapsed() > TIMEOUT => {
                let _ = child.kill();
                let _ = child.wait();
                return Err(msg!("pdf_timeout", seconds = TIMEOUT.as_secs()));
            }
            Ok(None) => std::thread::sleep(Duration::from_millis(50)),
            Err(e) => return Err(msg!("pdf_io", error = crate::messages::io_error(&e))),
        }
    }
}

/// `file:///…` for a file, its path percent-encoded as the site's URLs are.
fn file_url(path: &Path) -> Result<String, Msg> {
    let absolute = std::path::absolute(path).map_err(|e| msg!("pdf_io", error = crate::messages::io_error(&e)))?;
    let text = absolute.to_string_lossy().replace('\\', "/");
    let encoded = crate::model::url::encode_path(&text);
    Ok(if encoded.starts_with('/') { format!("file://{encoded}") } else { format!("file:///{encoded}") })
}

#[cfg(unix)]
fn running_as_root() -> bool {
    // SAFETY: geteuid has no preconditions and cannot fail.
    unsafe { libc::geteuid() == 0 }
}

#[cfg(not(unix))]
fn running_as_root() -> bool {
    false
}

/// A folder of our own under the system's temporary folder, removed when dropped.
struct TempDir(PathBuf);

impl TempDir {
    fn new() -> std::io::Result<TempDir> {
        static COUNT: std::sync::atomic::AtomicUsize = std::sync::atomic::AtomicUsize::new(0);
        let n = COUNT.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
        let dir = std::env::temp_dir().join(format!("coursesite-pdf-{}-{n}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir)?;
        Ok(TempDir(dir))
    }
}

impl Drop for TempDir {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn file_urls_encode_what_would_end_a_path() {
        let url = file_url(Path::new("/tmp/课程 #1/print.html")).unwrap();
        assert_eq!(url, "file:///tmp/课程%20%231/print.html");
    }
}
