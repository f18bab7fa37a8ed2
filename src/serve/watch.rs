//! Watching the course: an event is only a hint that something changed. Events
//! are debounced (editors save in bursts: temp file, rename, chmod; `git
//! checkout` touches hundreds of files) and filtered (editor litter, the output
//! and staging folders, `.git`). A rebuild looks again only at the pages named
//! when every name is a page the last walk found (see `load::LoadCache`);
//! anything else — a new, removed or renamed file, a folder, lost events —
//! rescans the whole course, so a rename-over save or a deleted and
//! re-created folder needs no special case.

use crate::load::is_ignored;
use notify::RecursiveMode;
use notify_debouncer_full::{new_debouncer, new_debouncer_opt, DebounceEventResult, Debouncer, RecommendedCache};
use std::path::{Path, PathBuf};
use std::sync::mpsc::Sender;
use std::time::Duration;

/// How long the debouncer waits for a burst of events to end.
pub const DEBOUNCE: Duration = Duration::from_millis(10);

/// What an event means for the build.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Change {
    /// Not ours: output, litter, `.git`, unrelated files.
    Ignore,
    /// A page or asset under content/.
    Content,
    /// course.toml or a theme file: every page may change.
    Everything,
}

/// Classify a changed path of the project at `root` (output folder `out`).
pub fn classify(path: &Path, root: &Path, out: &Path) -> Change {
    if path.starts_with(out) {
        return Change::Ignore;
    }
    let Ok(rel) = path.strip_prefix(root) else { return Change::Ignore };
    let parts: Vec<String> = rel.components().map(|c| c.as_os_str().to_string_lossy().into_owned()).collect();
    if parts.iter().any(|p| is_ignored(p) || p.contains(".staging-") || p.contains(".old-")) {
        return Change::Ignore;
    }
    match parts.first().map(String::as_str) {
        Some("content") => Change::Content,
        Some("themes") => Change::Everything,
        Some(crate::config::FILE_NAME) if parts.len() == 1 => Change::Everything,
        // MkDocs' nav, read for the page order.
        Some("mkdocs.yml") if parts.len() == 1 => Change::Content,
        _ => Change::Ignore,
    }
}

pub enum Watcher {
    Native(Debouncer<notify::RecommendedWatcher, RecommendedCache>),
    Poll(Debouncer<notify::PollWatcher, RecommendedCache>),
}

impl Watcher {
    /// Watch the project root (not recursively: course.toml, and content/ or
    /// themes/ appearing) and content/ and themes/ recursively. Each debounced
    /// batch of paths is sent to `tx`.
    pub fn start(root: &Path, poll: bool, tx: Sender<Vec<PathBuf>>) -> notify::Result<Watcher> {
        // The content folder itself, named when events were lost: the next
        // load walks the whole folder instead of trusting the names it got.
        let everything = root.join("content");
        let handler = move |result: DebounceEventResult| {
            let paths: Vec<PathBuf> = match result {
                Ok(events) if events.iter().any(|e| e.event.need_rescan()) => vec![everything.clone()],
                // Reads (our own build opening files) are not changes.
                Ok(events) => events
                    .into_iter()
                    .filter(|e| !matches!(e.event.kind, notify::EventKind::Access(_)))
                    .flat_map(|e| e.event.paths)
                    .collect(),
                Err(_) => vec![everything.clone()],
            };
            if !paths.is_empty() {
                let _ = tx.send(paths);
            }
        };
        let mut watcher = if poll {
            // notify's poller keeps mtimes in whole seconds, so a second save
            // within the same second would be missed: compare contents too.
            let config =
                notify::Config::default().with_poll_interval(Duration::from_millis(300)).with_compare_contents(true);
            Watcher::Poll(new_debouncer_opt(DEBOUNCE, None, handler, RecommendedCache::new(), config)?)
        } else {
            Watcher::Native(new_debouncer(DEBOUNCE, None, handler)?)
        };
        watcher.watch(root, RecursiveMode::NonRecursive)?;
        watcher.rewatch(root);
        Ok(watcher)
    }

    fn watch(&mut self, path: &Path, mode: RecursiveMode) -> notify::Result<()> {
        match self {
            Watcher::Native(d) => d.watch(path, mode),
            Watcher::Poll(d) => d.watch(path, mode),
        }
    }

    fn unwatch(&mut self, path: &Path) {
        let _ = match self {
            Watcher::Native(d) => d.unwatch(path),
            Watcher::Poll(d) => d.unwatch(path),
        };
    }

    /// (Re-)watch content/ and themes/: after a folder is deleted and created
    /// again, the old watch is gone.
    pub fn rewatch(&mut self, root: &Path) {
        for dir in ["content", "themes"] {
            let path = root.join(dir);
            self.unwatch(&path);
            if path.is_dir() {
                let _ = self.watch(&path, RecursiveMode::Recursive);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn classifier() {
        let root = Path::new("/c");
        let out = Path::new("/c/site");
        let cases = [
            ("/c/content/lessons/01.md", Change::Content),
            ("/c/content/img/a.png", Change::Content),
            ("/c/content/lessons/.01.md.swp", Change::Ignore),
            ("/c/content/lessons/4913", Change::Ignore),
            ("/c/content/lessons/01.md~", Change::Ignore),
            ("/c/content/lessons/01.md___jb_tmp___", Change::Ignore),
            ("/c/content/#01.md#", Change::Ignore),
            ("/c/content/.DS_Store", Change::Ignore),
            ("/c/course.toml", Change::Everything),
            ("/c/mkdocs.yml", Change::Content),
            ("/c/docs/mkdocs.yml", Change::Ignore),
            ("/c/themes/default/templates/page.html", Change::Everything),
            ("/c/site/index.html", Change::Ignore),
            ("/c/.site.staging-12/index.html", Change::Ignore),
            ("/c/.git/index", Change::Ignore),
            ("/c/target/debug/x", Change::Ignore),
            ("/elsewhere/x.md", Change::Ignore),
        ];
        for (path, want) in cases {
            assert_eq!(classify(Path::new(path), root, out), want, "{path}");
        }
    }
}
