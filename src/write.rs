//! Step 4, write: the rendered site goes into a staging folder beside the output
//! and is swapped in only when every file was written. A failed build leaves the
//! previous `site/` untouched and no staging folder behind. Only a folder carrying
//! our marker file (or an empty one) is ever replaced, so `--out ~` cannot wipe a home.
//!
//! A build ended by Ctrl-C, SIGTERM or SIGHUP removes its staging folder too
//! ([`clean_up_on_signal`]); one killed outright (SIGKILL, power loss) leaves it,
//! and the next build beside the same output removes it ([`remove_stale`]).

use crate::render::{Contents, Site};
use std::fs;
use std::path::{Path, PathBuf};
use std::sync::{PoisonError, RwLock, RwLockReadGuard};

/// Present in every folder coursesite wrote; its absence protects user folders.
pub const MARKER: &str = ".coursesite-output";

#[derive(Debug)]
pub struct WriteError {
    pub path: PathBuf,
    pub message: String,
    pub hint: Option<String>,
}

fn err(path: &Path, message: impl Into<String>) -> WriteError {
    WriteError { path: path.to_path_buf(), message: message.into(), hint: None }
}

/// Refuse an output path we must not replace. Called before rendering too, so
/// `check` and a doomed build say so early.
pub fn check_target(out: &Path) -> Result<(), WriteError> {
    match fs::symlink_metadata(out) {
        Err(_) => Ok(()),
        Ok(meta) if meta.is_dir() => {
            let empty =
                fs::read_dir(out).map_err(|e| err(out, format!("cannot read output folder: {e}")))?.next().is_none();
            if empty || out.join(MARKER).is_file() {
                Ok(())
            } else {
                Err(WriteError {
                    path: out.to_path_buf(),
                    message: "output folder exists and was not made by coursesite; refusing to replace it".into(),
                    hint: Some("choose another --out, or empty/delete this folder yourself".into()),
                })
            }
        }
        Ok(_) => Err(WriteError {
            path: out.to_path_buf(),
            message: "output path exists and is not a folder".into(),
            hint: Some("delete or rename that file, or choose another --out".into()),
        }),
    }
}

/// Rendered pages and decks go straight into the staging folder (render hands
/// them over as they are finished, so a big build never holds them all).
impl crate::render::Sink for Staging {
    fn accept(&self, path: &str, bytes: &[u8]) -> Result<(), crate::diag::Diagnostic> {
        self.put(path, bytes).map_err(WriteError::into_diagnostic)
    }
}

/// This process's staging folders not swapped in yet, and whether a signal has
/// ended the build.
struct Live {
    dirs: Vec<PathBuf>,
    interrupted: bool,
}

/// Read-locked while a file is written into a staging folder and during a swap;
/// write-locked by the signal cleanup. So the cleanup waits for writes under
/// way (one finishing after the removal would re-create the folder) and never
/// cuts a swap in half (the old site moved aside, the new one not yet in place).
static LIVE: RwLock<Live> = RwLock::new(Live { dirs: Vec::new(), interrupted: false });

/// The lock for writing into a staging folder; refused once a signal has ended the build.
fn writing(path: &Path) -> Result<RwLockReadGuard<'static, Live>, WriteError> {
    let live = LIVE.read().unwrap_or_else(PoisonError::into_inner);
    if live.interrupted {
        return Err(err(path, "interrupted"));
    }
    Ok(live)
}

/// Remove this process's staging folders on Ctrl-C (SIGINT), SIGTERM or SIGHUP,
/// then end by that same signal (as the default action would: a shell sees the
/// build was interrupted). Call once, before building. Elsewhere than on Unix it
/// does nothing: the next build removes what was left ([`remove_stale`]).
pub fn clean_up_on_signal() {
    #[cfg(unix)]
    {
        use signal_hook::consts::{SIGHUP, SIGINT, SIGTERM};
        // The thread registers the handlers itself: if it cannot be spawned,
        // nothing is registered and the signals keep their default action.
        let _ = std::thread::Builder::new().name("signals".into()).spawn(|| {
            let Ok(mut signals) = signal_hook::iterator::Signals::new([SIGINT, SIGTERM, SIGHUP]) else {
                return;
            };
            if let Some(signal) = signals.forever().next() {
                remove_live_staging();
                let _ = signal_hook::low_level::emulate_default_handler(signal);
                // Not reached unless the default action could not be restored.
                std::process::exit(128 + signal);
            }
        });
    }
}

/// Remove every staging folder of this process, once no file is being written.
fn remove_live_staging() {
    let mut live = LIVE.write().unwrap_or_else(PoisonError::into_inner);
    live.interrupted = true;
    for dir in std::mem::take(&mut live.dirs) {
        let _ = fs::remove_dir_all(dir);
    }
}

fn set_live(dir: &Path, live: bool) {
    let mut state = LIVE.write().unwrap_or_else(PoisonError::into_inner);
    state.dirs.retain(|d| d != dir);
    if live {
        state.dirs.push(dir.to_path_buf());
    }
}

/// Remove the staging and aside folders (`.NAME.staging-PID`, `.NAME.old-PID`)
/// that builds killed before they could clean up left in `parent`: only ours
/// (they carry [`MARKER`]; anything else is the user's) and only when no process
/// with that id runs (another build may be writing there right now).
fn remove_stale(parent: &Path, name: &str) {
    let Ok(entries) = fs::read_dir(parent) else { return };
    let own = std::process::id();
    for entry in entries.flatten() {
        let Some(pid) = entry.file_name().to_str().and_then(|n| stale_pid(n, name)) else { continue };
        let path = entry.path();
        let is_dir = entry.file_type().is_ok_and(|t| t.is_dir()); // not a symlink to one
        if is_dir && pid != own && path.join(MARKER).is_file() && !process_runs(pid) {
            let _ = fs::remove_dir_all(&path);
        }
    }
}

/// The process id in `.NAME.staging-PID` or `.NAME.old-PID`, for output `NAME`.
fn stale_pid(file_name: &str, name: &str) -> Option<u32> {
    let rest = file_name.strip_prefix('.')?.strip_prefix(name)?;
    let pid = rest.strip_prefix(".staging-").or_else(|| rest.strip_prefix(".old-"))?;
    if pid.is_empty() || !pid.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    pid.parse().ok()
}

/// Does a process with this id run? `kill(pid, 0)` sends nothing, it only
/// checks; EPERM means it runs as another user.
#[cfg(unix)]
fn process_runs(pid: u32) -> bool {
    match libc::pid_t::try_from(pid) {
        // 0 and negative ids name process groups: never treat them as gone.
        Ok(pid) if pid <= 0 => true,
        Ok(pid) => {
            // SAFETY: kill with signal 0 performs only the existence and permission check.
            let exists = unsafe { libc::kill(pid, 0) } == 0;
            exists || std::io::Error::last_os_error().raw_os_error() == Some(libc::EPERM)
        }
        Err(_) => false, // larger than any process id
    }
}

/// Off Unix we cannot tell cheaply: a folder is never taken from a running build.
#[cfg(not(unix))]
fn process_runs(_pid: u32) -> bool {
    true
}

/// Write `site` to `out` atomically (as far as the file system allows: two renames).
pub fn write_site(site: &Site, out: &Path) -> Result<(), WriteError> {
    Staging::create(out)?.commit(site)
}

/// A staging folder beside the output. Pages go in as they are rendered (so a
/// 10,000-page build never holds every page in memory), the rest at
/// [`Staging::commit`], which swaps it in. Dropped before that, it is removed:
/// a failed build leaves the previous output as it was and no staging behind.
#[derive(Debug)]
pub struct Staging {
    dir: PathBuf,
    out: PathBuf,
    old: PathBuf,
    committed: bool,
}

impl Staging {
    pub fn create(out: &Path) -> Result<Staging, WriteError> {
        check_target(out)?;
        let parent = match out.parent() {
            Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
            _ => PathBuf::from("."),
        };
        fs::create_dir_all(&parent).map_err(|e| err(&parent, format!("cannot create folder: {e}")))?;
        let name = out.file_name().map_or_else(|| "site".into(), |n| n.to_string_lossy().into_owned());
        remove_stale(&parent, &name);
        let pid = std::process::id();
        let staging = Staging {
            dir: parent.join(format!(".{name}.staging-{pid}")),
            out: out.to_path_buf(),
            old: parent.join(format!(".{name}.old-{pid}")),
            committed: false,
        };
        let _ = fs::remove_dir_all(&staging.dir);
        // Known before it exists: a signal from here on removes it.
        set_live(&staging.dir, true);
        {
            let _writing = writing(&staging.dir)?;
            fs::create_dir_all(&staging.dir)
                .map_err(|e| err(&staging.dir, format!("cannot create staging folder: {e}")))?;
            fs::write(
                staging.dir.join(MARKER),
                "This folder is generated by coursesite and replaced on every build.\n",
            )
            .map_err(|e| err(&staging.dir, format!("cannot write: {e}")))?;
        }
        Ok(staging)
    }

    /// Write one file (`rel` is `/`-separated, under the output). Safe to call
    /// from several threads.
    pub fn put(&self, rel: &str, bytes: &[u8]) -> Result<(), WriteError> {
        let _writing = writing(&self.dir)?;
        let target = self.target(rel)?;
        fs::write(&target, bytes).map_err(|e| err(&target, format!("cannot write: {e}")))
    }

    /// Where `rel` goes in the staging folder, its parent folders created.
    fn target(&self, rel: &str) -> Result<PathBuf, WriteError> {
        let target = self.dir.join(rel);
        if let Some(dir) = target.parent() {
            fs::create_dir_all(dir).map_err(|e| err(dir, format!("cannot create folder: {e}")))?;
        }
        Ok(target)
    }

    /// Write the files of `site` still in memory (or to copy), then swap the
    /// staging folder in for the output.
    pub fn commit(mut self, site: &Site) -> Result<(), WriteError> {
        for file in &site.files {
            match &file.contents {
                Contents::Copy(source) => {
                    let _writing = writing(&self.dir)?;
                    let target = self.target(&file.path)?;
                    fs::copy(source, &target).map_err(|e| err(source, format!("cannot copy: {e}")))?;
                }
                Contents::Written => {}
                contents => self.put(&file.path, contents.bytes().unwrap_or_default())?,
            }
        }
        {
            let _writing = writing(&self.dir)?;
            swap(&self.dir, &self.out, &self.old)?;
            self.committed = true;
        }
        set_live(&self.dir, false);
        Ok(())
    }
}

impl Drop for Staging {
    fn drop(&mut self) {
        if !self.committed {
            let _ = fs::remove_dir_all(&self.dir);
            set_live(&self.dir, false);
        }
    }
}

impl WriteError {
    pub fn into_diagnostic(self) -> crate::diag::Diagnostic {
        let d = crate::diag::Diagnostic::error(self.message).in_file(&self.path);
        match self.hint {
            Some(hint) => d.hint(hint),
            None => d,
        }
    }
}

fn swap(staging: &Path, out: &Path, old: &Path) -> Result<(), WriteError> {
    let had_old = out.exists();
    if had_old {
        let _ = fs::remove_dir_all(old);
        fs::rename(out, old).map_err(|e| err(out, format!("cannot move the previous site aside: {e}")))?;
    }
    if let Err(e) = fs::rename(staging, out) {
        if had_old {
            let _ = fs::rename(old, out);
        }
        return Err(err(out, format!("cannot move the new site into place: {e}")));
    }
    if had_old {
        let _ = fs::remove_dir_all(old);
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::render::OutputFile;

    fn site(files: &[(&str, &str)]) -> Site {
        Site {
            files: files
                .iter()
                .map(|(p, c)| OutputFile {
                    path: p.to_string(),
                    contents: Contents::Bytes(c.as_bytes().to_vec()),
                    origin: PathBuf::new(),
                })
                .collect(),
        }
    }

    #[test]
    fn replaces_previous_output_and_leaves_no_staging() {
        let tmp = tempfile::tempdir().unwrap();
        let out = tmp.path().join("site");
        write_site(&site(&[("a.html", "1"), ("x/b.html", "2")]), &out).unwrap();
        write_site(&site(&[("c.html", "3")]), &out).unwrap();
        assert!(!out.join("a.html").exists());
        assert_eq!(fs::read_to_string(out.join("c.html")).unwrap(), "3");
        let names: Vec<_> = fs::read_dir(tmp.path()).unwrap().map(|e| e.unwrap().file_name()).collect();
        assert_eq!(names, vec![std::ffi::OsString::from("site")]);
    }

    #[test]
    fn stale_names_are_ours_exactly() {
        assert_eq!(stale_pid(".site.staging-12", "site"), Some(12));
        assert_eq!(stale_pid(".site.old-7", "site"), Some(7));
        assert_eq!(stale_pid(".网站.staging-7", "网站"), Some(7));
        for name in [".site.staging-", ".site.staging-1a", ".site.staging--1", ".sitex.staging-1", "site.staging-1"] {
            assert_eq!(stale_pid(name, "site"), None, "{name}");
        }
        assert_eq!(stale_pid(".site.staging-99999999999999999999", "site"), None);
    }

    #[cfg(unix)]
    #[test]
    fn a_process_runs_until_it_is_gone() {
        assert!(process_runs(std::process::id()));
        assert!(process_runs(0), "0 names a process group, never 'gone'");
        let mut child = std::process::Command::new("true").spawn().unwrap();
        let pid = child.id();
        child.wait().unwrap();
        assert!(!process_runs(pid));
    }

    #[test]
    fn refuses_foreign_folders_and_files() {
        let tmp = tempfile::tempdir().unwrap();
        let out = tmp.path().join("mine");
        fs::create_dir(&out).unwrap();
        fs::write(out.join("keep.txt"), "x").unwrap();
        assert!(write_site(&site(&[("a.html", "1")]), &out).is_err());
        assert_eq!(fs::read_to_string(out.join("keep.txt")).unwrap(), "x");
        let file = tmp.path().join("file");
        fs::write(&file, "x").unwrap();
        assert!(write_site(&site(&[("a.html", "1")]), &file).is_err());
        assert_eq!(fs::read_to_string(&file).unwrap(), "x");
    }
}
