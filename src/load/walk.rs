//! Step 1's walk of content/: every file name, in file-name order, sorted into
//! pages, assets and the table-of-contents file; editor litter, symbolic links
//! and special files (pipes, sockets, devices) skipped, each with its reason.

use super::{display_path, read_nav_file, Asset, Sources, NAV_FILES};
use crate::diag::{Diagnostic, Diagnostics};
use std::path::{Path, PathBuf};
use walkdir::WalkDir;

/// A page file found by the walk: its path, its id path under content/ and how
/// it is shown in messages.
pub(super) type Found = (PathBuf, String, PathBuf);

/// Walk content/ in file-name order: every name goes into `sources.names`,
/// assets into `sources.assets`; the page files are returned, to be read.
pub(super) fn walk(root: &Path, display_root: &Path, sources: &mut Sources, diags: &mut Diagnostics) -> Vec<Found> {
    let content = root.join("content");
    let walker = WalkDir::new(&content)
        .follow_links(false)
        .sort_by_file_name()
        .into_iter()
        .filter_entry(|e| e.depth() == 0 || !is_ignored(&e.file_name().to_string_lossy()));
    let mut pages: Vec<Found> = Vec::new();
    for entry in walker {
        let entry = match entry {
            Ok(entry) => entry,
            Err(err) => {
                let path = err.path().map(|p| display_path(p, root, display_root)).unwrap_or_default();
                diags.push(Diagnostic::error(msg!("walk_entry_unreadable", error = err)).in_file(&path));
                continue;
            }
        };
        let display = display_path(entry.path(), root, display_root);
        let Some(rel) = rel_path(entry.path(), &content) else {
            diags.push(
                Diagnostic::error(msg!("walk_name_not_utf8")).in_file(&display).hint(msg!("walk_name_not_utf8_hint")),
            );
            continue;
        };
        sources.names.push(rel.clone());
        let file_type = entry.file_type();
        if file_type.is_symlink() {
            diags.push(symlink_diagnostic(entry.path(), root, &display));
            continue;
        }
        if !file_type.is_file() {
            if !file_type.is_dir() {
                diags.push(special_file_diagnostic(&file_type, &display));
            }
            continue;
        }
        if NAV_FILES.contains(&rel.as_str()) {
            read_nav_file(entry.path(), rel, display, sources, diags);
        } else if rel.ends_with(".md") || rel.ends_with(".markdown") {
            pages.push((entry.path().to_path_buf(), rel, display));
        } else if rel == "index.html" && is_docsify_loader(entry.path()) {
            // Docsify's loader page: the site coursesite builds takes its place.
        } else {
            sources.assets.push(Asset { rel, abs: entry.path().to_path_buf() });
        }
    }
    pages
}

/// `content/index.html` that starts Docsify (`window.$docsify`).
fn is_docsify_loader(path: &Path) -> bool {
    std::fs::read_to_string(path).is_ok_and(|html| html.contains("$docsify"))
}

/// Symlinks are never followed: one that leaves the course is an error (it could
/// publish a private file), any other is skipped with a warning, never silently.
fn symlink_diagnostic(path: &Path, root: &Path, display: &Path) -> Diagnostic {
    let target = std::fs::read_link(path).map(|t| t.display().to_string()).unwrap_or_default();
    let inside = match (std::fs::canonicalize(path), std::fs::canonicalize(root)) {
        (Ok(resolved), Ok(root)) => resolved.starts_with(root),
        _ => true, // dangling or looping: nothing outside can leak
    };
    if inside {
        Diagnostic::warning(msg!("walk_link_skipped", target)).in_file(display).hint(msg!("walk_link_skipped_hint"))
    } else {
        Diagnostic::error(msg!("walk_link_outside", target)).in_file(display).hint(msg!("walk_link_outside_hint"))
    }
}

/// A named pipe, socket or device file is never opened (reading a FIFO blocks
/// until someone writes to it: the build would hang) and never published, but a
/// teacher should hear about it: it is probably a file that did not copy right.
fn special_file_diagnostic(file_type: &std::fs::FileType, display: &Path) -> Diagnostic {
    let name = display.file_name().map_or_else(|| display.display().to_string(), |n| n.to_string_lossy().into_owned());
    Diagnostic::warning(msg!("walk_special", name, kind = crate::messages::Msg::new(special_kind(file_type))))
        .in_file(display)
        .hint(msg!("walk_special_hint"))
}

#[cfg(unix)]
fn special_kind(file_type: &std::fs::FileType) -> &'static str {
    use std::os::unix::fs::FileTypeExt;
    if file_type.is_fifo() {
        "special_fifo"
    } else if file_type.is_socket() {
        "special_socket"
    } else if file_type.is_block_device() {
        "special_block"
    } else if file_type.is_char_device() {
        "special_char"
    } else {
        "special_file"
    }
}

#[cfg(not(unix))]
fn special_kind(_: &std::fs::FileType) -> &'static str {
    "special_file"
}

/// Editor temp files, backups (`fix-encoding` keeps `FILE.bak`), OS litter and
/// hidden files never become pages or assets.
pub fn is_ignored(name: &str) -> bool {
    name.starts_with('.')
        || name.ends_with('~')
        || name.ends_with(".bak")
        || name.ends_with(".swp")
        || name.ends_with(".swx")
        || name.ends_with(".tmp")
        || (name.starts_with('#') && name.ends_with('#'))
        || name.contains("___jb_tmp___")
        || name.contains("___jb_old___")
        || name == "4913"
        || name == "Thumbs.db"
        || name == "desktop.ini"
}

fn rel_path(path: &Path, base: &Path) -> Option<String> {
    let rel = path.strip_prefix(base).ok()?;
    let parts: Option<Vec<&str>> = rel.components().map(|c| c.as_os_str().to_str()).collect();
    Some(parts?.join("/"))
}
