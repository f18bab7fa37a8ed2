//! What a `serve` session keeps between loads: each page as read, and the last
//! walk of content/. A page whose size and modification time are unchanged is
//! not read and parsed again. When the watcher names what changed and every
//! name is a page the last walk found, still a file, nothing was added, removed
//! or renamed: the walk is reused and only those pages are looked at.

use super::walk::Found;
use super::{Asset, NavFile, SourcePage, Sources};
use crate::diag::{Diagnostic, Diagnostics};
use std::collections::{HashMap, HashSet};
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::SystemTime;

/// A page read (with its warnings), or why it could not be.
pub(super) type Loaded = Result<(Arc<SourcePage>, Vec<Diagnostic>), Diagnostic>;
/// Size, modification time, when it was read, and what was read.
type Cached = (u64, SystemTime, SystemTime, Loaded);

/// Git's rule for "racily clean" files: a page modified within `RACY` of
/// being read is always read again, so a second save inside one tick of a
/// coarse clock (FAT on a USB stick: 2 s) is never missed.
const RACY: std::time::Duration = std::time::Duration::from_secs(3);

#[derive(Debug, Default)]
pub struct LoadCache {
    pages: HashMap<PathBuf, Cached>,
    walked: Option<Walked>,
    /// What the watcher saw change since the last load (absolute paths under
    /// content/), or None: look at everything.
    changed: Option<Vec<PathBuf>>,
}

/// A walk of content/: its pages, and what it put into `Sources` and said.
#[derive(Debug, Clone)]
pub(super) struct Walked {
    pages: Vec<Found>,
    assets: Vec<Asset>,
    names: Vec<String>,
    nav_file: Option<NavFile>,
    diags: Vec<Diagnostic>,
}

impl Walked {
    pub(super) fn of(pages: &[Found], sources: &Sources, diags: &[Diagnostic]) -> Walked {
        Walked {
            pages: pages.to_vec(),
            assets: sources.assets.clone(),
            names: sources.names.clone(),
            nav_file: sources.nav_file.clone(),
            diags: diags.to_vec(),
        }
    }

    /// Put the walk's findings into `sources` and `diags`, as the walk did.
    pub(super) fn replay(self, sources: &mut Sources, diags: &mut Diagnostics) -> Vec<Found> {
        (sources.assets, sources.names, sources.nav_file) = (self.assets, self.names, self.nav_file);
        diags.extend(self.diags);
        self.pages
    }
}

impl LoadCache {
    /// `serve`, before a rebuild: the paths under content/ its watcher saw
    /// change since the last one (absolute, as the watcher names them).
    pub fn watched(&mut self, paths: Vec<PathBuf>) {
        // Added to what no load has looked at yet (a build that stopped early).
        self.changed.get_or_insert_with(Vec::new).extend(paths);
    }

    pub(super) fn keep_walk(&mut self, walked: Walked) {
        self.walked = Some(walked);
    }

    /// The last walk and the indexes of the pages to look at again, when the
    /// watcher's paths allow it (see the module's comment). `content` is the
    /// content folder as the walk named it.
    pub(super) fn last_walk(&mut self, content: &Path) -> Option<(Walked, HashSet<usize>)> {
        let changed = self.changed.take()?;
        let walked = self.walked.as_ref()?;
        let content = std::path::absolute(content).ok()?;
        let by_rel: HashMap<&str, usize> =
            walked.pages.iter().enumerate().map(|(i, (_, rel, _))| (rel.as_str(), i)).collect();
        let mut check = HashSet::new();
        for path in &changed {
            let rel = path.strip_prefix(&content).ok()?;
            let parts: Option<Vec<&str>> = rel.components().map(|c| c.as_os_str().to_str()).collect();
            let parts = parts?;
            if parts.iter().any(|p| super::is_ignored(p)) {
                continue; // editor litter: the walk skips it too
            }
            let index = *by_rel.get(parts.join("/").as_str())?;
            std::fs::symlink_metadata(path).ok().filter(|m| m.is_file())?;
            check.insert(index);
        }
        Some((walked.clone(), check))
    }

    /// The page read last time from `path`, if it is unchanged: same size and
    /// time, settled (see [`RACY`]) and including no other file.
    fn get(&self, path: &Path, meta: &std::fs::Metadata) -> Option<Loaded> {
        let (len, mtime, read_at, result) = self.pages.get(path)?;
        if includes(result) {
            return None; // it includes other files, which may have changed
        }
        let modified = meta.modified().ok()?;
        let settled = modified.checked_add(RACY).is_some_and(|m| m < *read_at);
        (*len == meta.len() && *mtime == modified && settled).then(|| result.clone())
    }

    /// The page read last time from `path`, trusted unchanged (the watcher
    /// did not name it), unless it includes other files.
    fn trusted(&self, path: &Path) -> Option<Loaded> {
        let (_, _, _, result) = self.pages.get(path)?;
        (!includes(result)).then(|| result.clone())
    }

    /// Keep what this load read (where `read_now`), and, after a new walk
    /// (`walked`), forget the files that are gone; a reused walk found the
    /// same files. An entry reused keeps its read time: its text is that old.
    /// `started`: when this load began reading (a file changed while it read
    /// must not look settled).
    fn refresh(
        &mut self,
        (pages, walked): (&[Found], bool),
        (metas, read): (&[Option<std::fs::Metadata>], &[Loaded]),
        read_now: &[bool],
        started: SystemTime,
    ) {
        if walked {
            let present: HashSet<&Path> = pages.iter().map(|(p, _, _)| p.as_path()).collect();
            self.pages.retain(|path, _| present.contains(path.as_path()));
        }
        for (i, (path, _, _)) in pages.iter().enumerate().filter(|(i, _)| read_now[*i]) {
            match &metas[i] {
                Some(meta) => {
                    let mtime = meta.modified().unwrap_or(std::time::UNIX_EPOCH);
                    self.pages.insert(path.clone(), (meta.len(), mtime, started, read[i].clone()));
                }
                None => {
                    self.pages.remove(path);
                }
            }
        }
    }
}

fn includes(result: &Loaded) -> bool {
    result.as_ref().is_ok_and(|(page, _)| !page.lines.is_empty())
}

/// Read the pages in parallel, kept in walk order, reusing (and refreshing)
/// `cache`. `check`: the only pages that may have changed (the watcher said
/// so), else every page's size and time are looked at. `read(i, meta)` reads
/// page `i`.
pub(super) fn read_all(
    pages: &[Found],
    check: Option<&HashSet<usize>>,
    mut cache: Option<&mut LoadCache>,
    read: impl Fn(usize, Option<&std::fs::Metadata>) -> Loaded + Sync,
) -> Vec<Loaded> {
    // The cache needs each file's size and time before deciding what to read
    // (a system call each: in parallel); without one, `read` looks them up.
    let (metas, slots): (Vec<Option<std::fs::Metadata>>, Vec<Option<Loaded>>) = match cache.as_deref() {
        Some(cache) => {
            use rayon::prelude::*;
            crate::parallel::configure(None);
            (0..pages.len())
                .into_par_iter()
                .map(|i| {
                    let path = &pages[i].0;
                    if let Some(hit) = check.filter(|c| !c.contains(&i)).and_then(|_| cache.trusted(path)) {
                        return (None, Some(hit));
                    }
                    let meta = std::fs::metadata(path).ok();
                    let hit = meta.as_ref().and_then(|m| cache.get(path, m));
                    (meta, hit)
                })
                .unzip()
        }
        None => (vec![None; pages.len()], (0..pages.len()).map(|_| None).collect()),
    };
    let read_now: Vec<bool> = slots.iter().map(Option::is_none).collect();
    let started = SystemTime::now();
    let loaded = crate::parallel::fill(slots, |i| read(i, metas[i].as_ref()));
    if let Some(cache) = cache.as_mut() {
        cache.refresh((pages, check.is_none()), (&metas, &loaded), &read_now, started);
    }
    loaded
}

#[cfg(test)]
mod tests {
    use super::*;

    fn texts(root: &Path, cache: &mut LoadCache) -> Vec<String> {
        let mut diags = Diagnostics::default();
        let sources = super::super::load_content_cached(root, root, &mut diags, Some(cache));
        sources.pages.iter().map(|p| p.text.to_string()).collect()
    }

    #[test]
    fn only_the_pages_the_watcher_names_are_looked_at_unless_a_name_is_new() {
        let tmp = tempfile::tempdir().unwrap();
        let root = std::path::absolute(tmp.path()).unwrap();
        let page = |name: &str| root.join("content").join(name);
        std::fs::create_dir_all(root.join("content")).unwrap();
        std::fs::write(page("a.md"), "# 甲\n").unwrap();
        std::fs::write(page("b.md"), "# 乙\n").unwrap();
        let mut cache = LoadCache::default();
        assert_eq!(texts(&root, &mut cache), ["# 甲\n", "# 乙\n"]);

        // Both pages change; the watcher names only a.md (and editor litter).
        std::fs::write(page("a.md"), "# 甲二\n").unwrap();
        std::fs::write(page("b.md"), "# 乙二\n").unwrap();
        cache.watched(vec![page("a.md"), page(".a.md.swp")]);
        assert_eq!(texts(&root, &mut cache), ["# 甲二\n", "# 乙\n"], "b.md was trusted unchanged");

        // A name the last walk did not find: everything is looked at again.
        std::fs::write(page("c.md"), "# 丙\n").unwrap();
        cache.watched(vec![page("c.md")]);
        assert_eq!(texts(&root, &mut cache), ["# 甲二\n", "# 乙二\n", "# 丙\n"]);

        // A page removed, or events lost (the content folder named): a new walk.
        std::fs::remove_file(page("c.md")).unwrap();
        cache.watched(vec![page("c.md")]);
        assert_eq!(texts(&root, &mut cache), ["# 甲二\n", "# 乙二\n"]);
        std::fs::write(page("b.md"), "# 乙三\n").unwrap();
        cache.watched(vec![root.join("content")]);
        assert_eq!(texts(&root, &mut cache), ["# 甲二\n", "# 乙三\n"]);

        // No names at all (a build that is not a watched rebuild): every page's time is looked at.
        std::fs::write(page("a.md"), "# 甲三!\n").unwrap();
        assert_eq!(texts(&root, &mut cache), ["# 甲三!\n", "# 乙三\n"]);
    }
}
