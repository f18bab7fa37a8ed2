//! The build cache: what one `coursesite build` keeps for the next, in
//! `.coursesite-cache/` under the course. It is the session `serve` keeps in
//! memory (each step's part, keyed by hashes of that step's inputs), saved
//! without any file's bytes: the output folder holds those. A build that finds
//! a cache made for the same binary, settings, theme and output folder — and
//! finds that folder as the cache left it — runs the serve path with it: only
//! what depends on an edit is rendered again, and only the files that changed
//! are written. Anything else (no cache, a corrupt or foreign one, an output
//! folder changed behind our back, `--no-cache`) is a clean build.
//!
//! The steps' keys are the same code `serve` trusts, so a cached build's
//! output is byte-identical to a clean build's (tests/cache.rs compares them
//! after random edits).

use crate::fingerprint::hash_of;
use crate::messages::Msg;
use crate::render::{Contents, Site};
use crate::session::Session;
use crate::write::Stamps;
use crate::BuildOptions;
use serde::{Deserialize, Serialize};
use std::path::{Path, PathBuf};

/// The cache folder, under the course root.
pub const DIR: &str = ".coursesite-cache";
/// Bumped whenever what a cache holds changes shape.
const FORMAT: u32 = 7;

/// What a cache was made for: a cache is used only when all of it matches.
#[derive(Debug, PartialEq, Eq, Serialize, Deserialize)]
struct Identity {
    format: u32,
    version: String,
    /// The running binary (its size and time): a rebuilt coursesite renders anew.
    binary: u64,
    /// course.toml, the course's own theme files and the build's options.
    inputs: u64,
}

#[derive(Serialize, Deserialize)]
struct Saved {
    identity: Identity,
    site: u64,
    stamps: Vec<(String, Option<u64>)>,
    lint: crate::lint::LintCache,
    render: crate::render::cache::RenderCache,
    search: crate::search::PageDocs,
    /// The text file this cache's search parts point into (see `texts_file`).
    texts: TextStamp,
}

/// A text file's length and hash as saved: a file that no longer hashes the
/// same (an append cut short, a file from another save) refuses the cache.
#[derive(Serialize, Deserialize)]
struct TextStamp {
    len: u64,
    hash: u64,
}

/// What a build may start from.
pub enum Restore {
    /// No cache yet (the first build): a clean build, nothing to say.
    Absent,
    /// A cache that must not be used, and why (said as a note): a clean build.
    Refused(Msg),
    /// The last build's session, and its output files (see `write::Stamps`).
    Restored(Box<Session>, Stamps),
}

/// The cache file of a build into `opts.out` in `opts.profile`'s edition: a
/// teacher's and a student's build each keep their own.
pub fn file(opts: &BuildOptions) -> PathBuf {
    let key = hash_of(&(absolute(&opts.out), opts.profile.default_out()));
    opts.root.join(DIR).join(format!("build-{key:016x}.bin"))
}

/// The file beside a cache file that holds its search heads and texts (see
/// `search::filed`): appended to by a build from the cache, not rewritten.
fn texts_file(cache: &Path) -> PathBuf {
    cache.with_extension("text")
}

/// The cache of the last build into `opts.out`, checked against this build.
pub fn restore(opts: &BuildOptions) -> Restore {
    let bytes = match std::fs::read(file(opts)) {
        Ok(bytes) => bytes,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Restore::Absent,
        Err(e) => return Restore::Refused(msg!("cache_unreadable", error = crate::messages::io_error(&e))),
    };
    let saved: Saved = match postcard::from_bytes(&bytes) {
        Ok(saved) => saved,
        Err(_) => return Restore::Refused(msg!("cache_damaged")),
    };
    if let Some(why) = mismatch(&saved.identity, &identity(opts)) {
        return Restore::Refused(why);
    }
    if crate::write::folder_id(&opts.out) != Some(saved.site) {
        return Restore::Refused(msg!("cache_other_site", out = opts.out.display()));
    }
    // A system call a file: in parallel (10,000 files took 20 ms one by one).
    use rayon::prelude::*;
    crate::parallel::configure(None);
    if let Some((missing, _)) = saved.stamps.par_iter().find_first(|(path, _)| !opts.out.join(path).exists()) {
        return Restore::Refused(msg!("cache_file_missing", missing, out = opts.out.display()));
    }
    let Saved { stamps, lint, mut render, mut search, texts, .. } = saved;
    let restored = read_texts(&texts_file(&file(opts)), &texts).is_some_and(|bytes| search.restored(bytes));
    if !restored {
        return Restore::Refused(msg!("cache_damaged"));
    }
    render.restored();
    let session = Session { lint, render, search, save: true, once: true, ..Session::default() };
    Restore::Restored(Box::new(session), stamps.into_iter().collect())
}

/// The text file as saved with the cache: its first `stamp.len` bytes, if
/// they hash as saved (bytes after them are an append that was cut short).
fn read_texts(path: &Path, stamp: &TextStamp) -> Option<Vec<u8>> {
    let mut bytes = std::fs::read(path).ok()?;
    bytes.truncate(usize::try_from(stamp.len).ok().filter(|&len| len <= bytes.len())?);
    (hash_bytes(&[&bytes]) == stamp.hash).then_some(bytes)
}

/// Write what `filing` says to the text file at `path`, which holds `old`.
fn write_texts(path: &Path, old: &[u8], filing: crate::search::filed::Filing) -> std::io::Result<TextStamp> {
    use crate::search::filed::Filing;
    use std::io::Write;
    let all: [&[u8]; 2] = match &filing {
        Filing::Append(more) => {
            let mut file = std::fs::OpenOptions::new().write(true).open(path)?;
            // Drop what an append cut short left after the saved length.
            file.set_len(old.len() as u64)?;
            std::io::Seek::seek(&mut file, std::io::SeekFrom::End(0))?;
            file.write_all(more)?;
            [old, more]
        }
        Filing::Replace(all) => {
            let temp = path.with_extension(format!("text.tmp-{}", std::process::id()));
            std::fs::write(&temp, all).and_then(|()| std::fs::rename(&temp, path))?;
            [all, &[]]
        }
    };
    Ok(TextStamp { len: (all[0].len() + all[1].len()) as u64, hash: hash_bytes(&all) })
}

/// The hash of some bytes, read as one run.
fn hash_bytes(runs: &[&[u8]]) -> u64 {
    let mut hasher = crate::fingerprint::KeyHasher::new();
    runs.iter().for_each(|run| hasher.update(run));
    hasher.digest()
}

/// Why a cache made for `old` cannot serve a build for `new`.
fn mismatch(old: &Identity, new: &Identity) -> Option<Msg> {
    if old.format != new.format || old.version != new.version || old.binary != new.binary {
        Some(msg!("cache_other_binary"))
    } else if old.inputs != new.inputs {
        Some(msg!("cache_inputs_changed"))
    } else {
        None
    }
}

/// Remove the cache before the output folder is changed in place: a build
/// stopped halfway leaves no cache, so the next one is a clean build.
pub fn forget(opts: &BuildOptions) {
    let _ = std::fs::remove_file(file(opts));
}

/// Save what `session` kept of a build that wrote the files `stamps` (see
/// [`stamps`]) into the output folder `site_id` (see `write::folder_id`). A
/// cache that cannot be written only costs the next build its speed: the
/// caller says so as a warning.
pub fn save(opts: &BuildOptions, session: Session, stamps: Stamps, site_id: u64) -> Result<(), Msg> {
    let Session { lint, mut render, mut search, .. } = session;
    // A body is kept only with its page's search part, which is made from its HTML.
    render.retain_bodies(|source, key| search.has(source, key));
    let mut stamps: Vec<(String, Option<u64>)> = stamps.into_iter().collect();
    stamps.sort_unstable();
    let path = file(opts);
    let dir = path.parent().unwrap_or(Path::new("."));
    std::fs::create_dir_all(dir)
        .map_err(|e| msg!("cache_cannot_create", dir = dir.display(), error = crate::messages::io_error(&e)))?;
    // Git ignores the folder by itself (as .pytest_cache does): no .gitignore line needed.
    let _ = std::fs::write(dir.join(".gitignore"), "# made by coursesite: its build cache\n*\n");
    let filing = search.file_texts();
    let texts_path = texts_file(&path);
    let texts = write_texts(&texts_path, search.filed(), filing)
        .map_err(|e| msg!("cache_cannot_write", path = texts_path.display(), error = crate::messages::io_error(&e)))?;
    let saved = Saved { identity: identity(opts), site: site_id, stamps, lint, render, search, texts };
    let bytes = postcard::to_stdvec(&saved).map_err(|e| msg!("cache_cannot_encode", error = e))?;
    let temp = dir.join(format!(".build.tmp-{}", std::process::id()));
    std::fs::write(&temp, bytes)
        .and_then(|()| std::fs::rename(&temp, &path))
        .map_err(|e| msg!("cache_cannot_write", path = path.display(), error = crate::messages::io_error(&e)))
}

/// Each file of `site` with its stamp (see `write::Stamps`).
pub fn stamps(site: &Site) -> Stamps {
    site.files
        .iter()
        .map(|file| {
            let stamp = match &file.contents {
                Contents::Written | Contents::Kept => None,
                // An asset is copied again when its size or time changed.
                Contents::Copy(source) => {
                    let meta = std::fs::metadata(source).ok();
                    Some(hash_of(&meta.map(|m| (m.len(), m.modified().ok()))))
                }
                contents => Some(hash_of(contents.bytes().unwrap_or_default())),
            };
            (file.path.clone(), stamp)
        })
        .collect()
}

fn identity(opts: &BuildOptions) -> Identity {
    let binary = std::env::current_exe().and_then(std::fs::metadata).ok().map(|m| (m.len(), m.modified().ok()));
    let config = std::fs::read(opts.root.join(crate::config::FILE_NAME)).unwrap_or_default();
    let settings = (absolute(&opts.out), opts.profile.default_out(), &opts.base_path);
    Identity {
        format: FORMAT,
        version: env!("CARGO_PKG_VERSION").into(),
        binary: hash_of(&binary),
        inputs: hash_of(&(config, theme_files(&opts.root), settings)),
    }
}

/// The course's own theme files (`themes/`), by path, size and time.
fn theme_files(root: &Path) -> Vec<(PathBuf, u64, Option<std::time::SystemTime>)> {
    let mut files: Vec<_> = walkdir::WalkDir::new(root.join("themes"))
        .into_iter()
        .flatten()
        .filter_map(|e| {
            let meta = e.metadata().ok()?;
            Some((e.path().to_path_buf(), meta.len(), meta.modified().ok()))
        })
        .collect();
    files.sort_unstable();
    files
}

fn absolute(path: &Path) -> PathBuf {
    std::path::absolute(path).unwrap_or_else(|_| path.to_path_buf())
}
