//! Step 1, load: walk `content/`, read every Markdown file (strict UTF-8, front
//! matter parsed) and list every asset. No interpretation of what a page *is*
//! happens here; that is the model's job.

mod cache;
pub mod frontmatter;
pub mod include;
pub mod read;
mod text;
mod walk;

use crate::diag::{Diagnostic, Diagnostics};
pub use cache::LoadCache;
use frontmatter::{Format, FrontMatter};
use std::path::{Path, PathBuf};
use std::sync::Arc;
pub use text::PageText;
pub use walk::is_ignored;
use walk::walk;

/// A Markdown file, read and split.
#[derive(Debug, Clone)]
pub struct SourcePage {
    /// Path under `content/` with `/` separators, e.g. `lessons/01-理解客户服务.md`.
    pub rel: String,
    /// Path as shown in diagnostics.
    pub display: PathBuf,
    /// The whole file, normalised (no BOM, LF line ends). Shared, not
    /// copied: `serve` keeps every page between builds and hands the same
    /// text to each rebuild's model.
    pub text: PageText,
    pub front: FrontMatter,
    pub format: Format,
    pub body_offset: usize,
    pub body_line: usize,
    /// Where the text's lines came from, when it includes other files
    /// (empty otherwise); diagnostics in the page are placed by it.
    pub lines: crate::diag::LineMap,
    /// Markdown files the page includes (paths under content/): not pages.
    pub fragments: Vec<String>,
}

impl SourcePage {
    pub fn body(&self) -> &str {
        &self.text[self.body_offset..]
    }
}

/// A non-Markdown file next to the pages (image, PDF, …), copied as is.
#[derive(Debug, Clone)]
pub struct Asset {
    pub rel: String,
    pub abs: PathBuf,
}

#[derive(Debug, Default)]
pub struct Sources {
    /// Shared with `serve`'s [`LoadCache`], which keeps them for the next build.
    pub pages: Vec<Arc<SourcePage>>,
    pub assets: Vec<Asset>,
    /// Every file name found (as `rel`), including those that failed to load.
    pub names: Vec<String>,
    /// The author's table of contents, when the course has one: mdBook's
    /// `SUMMARY.md` or Docsify's `_sidebar.md` at the top of content/ (not
    /// pages), else MkDocs' `mkdocs.yml` beside course.toml (its `nav:`).
    pub nav_file: Option<NavFile>,
}

/// A table-of-contents file: its name under content/, how it is shown, its text.
#[derive(Debug, Clone)]
pub struct NavFile {
    pub rel: String,
    pub display: PathBuf,
    pub text: String,
}

/// Names of table-of-contents files at the top of content/, first found wins.
pub const NAV_FILES: &[&str] = &["SUMMARY.md", "_sidebar.md"];

/// Walk `root/content`. `display_root` is how the project folder is shown to the user.
pub fn load_content(root: &Path, display_root: &Path, diags: &mut Diagnostics) -> Sources {
    load_content_cached(root, display_root, diags, None)
}

/// [`load_content`] reusing (and refreshing) `cache`.
pub fn load_content_cached(
    root: &Path,
    display_root: &Path,
    diags: &mut Diagnostics,
    mut cache: Option<&mut LoadCache>,
) -> Sources {
    let content = root.join("content");
    let mut sources = Sources::default();
    if !content.is_dir() {
        diags.push(
            Diagnostic::error(msg!("no_content")).in_file(&display_root.join("content")).hint(msg!("no_content_hint")),
        );
        return sources;
    }
    let mut timer = crate::timing::Timer::from_env();
    let (pages, check) = match cache.as_deref_mut().and_then(|c| c.last_walk(&content)) {
        Some((walked, check)) => (walked.replay(&mut sources, diags), Some(check)),
        None => {
            let mut walk_diags = Diagnostics::default();
            let pages = walk(root, display_root, &mut sources, &mut walk_diags);
            let walk_diags = walk_diags.sorted();
            if let Some(cache) = cache.as_deref_mut() {
                cache.keep_walk(cache::Walked::of(&pages, &sources, &walk_diags));
            }
            diags.extend(walk_diags);
            (pages, None)
        }
    };
    timer.lap("l/walk");
    let mkdocs = root.join("mkdocs.yml");
    if sources.nav_file.is_none() && mkdocs.is_file() {
        read_nav_file(&mkdocs, "mkdocs.yml".into(), display_root.join("mkdocs.yml"), &mut sources, diags);
    }
    let roots = include::Roots { root, display_root };
    let read = cache::read_all(&pages, check.as_ref(), cache, |i, meta| {
        let (path, rel, display) = &pages[i];
        read_page(path, meta, (rel.clone(), display.clone()), roots).map(|(p, w)| (Arc::new(p), w))
    });
    timer.lap("l/read");
    for result in read {
        match result {
            Ok((page, warnings)) => {
                diags.map_lines(&page.display, page.lines.clone());
                diags.extend(warnings);
                sources.pages.push(page);
            }
            Err(d) => diags.push(d),
        }
    }
    drop_fragments(&mut sources);
    timer.lap("l/pages");
    sources
}

/// A Markdown file another page includes is part of that page, not a page
/// of its own (mdBook's `{{#include}}`, Docsify's embeds).
fn drop_fragments(sources: &mut Sources) {
    let fragments: std::collections::BTreeSet<String> =
        sources.pages.iter().flat_map(|p| p.fragments.iter().cloned()).collect();
    if !fragments.is_empty() {
        sources.pages.retain(|p| !fragments.contains(&p.rel));
    }
}

/// Keep the first table-of-contents file found (an unreadable one is an error).
pub(super) fn read_nav_file(
    path: &Path,
    rel: String,
    display: PathBuf,
    sources: &mut Sources,
    diags: &mut Diagnostics,
) {
    if sources.nav_file.is_some() {
        return;
    }
    match std::fs::read_to_string(path) {
        Ok(text) => {
            let text = text.trim_start_matches('\u{feff}').replace("\r\n", "\n");
            sources.nav_file = Some(NavFile { rel, display, text });
        }
        Err(err) => diags.push(
            Diagnostic::error(msg!("file_unreadable", error = crate::messages::io_error(&err))).in_file(&display),
        ),
    }
}

/// `meta`: the file's metadata when the walk could read it (else it is read
/// here again, for the error message).
fn read_page(
    path: &Path,
    meta: Option<&std::fs::Metadata>,
    (rel, display): (String, PathBuf),
    roots: include::Roots,
) -> Result<(SourcePage, Vec<Diagnostic>), Diagnostic> {
    let io_err = |e: std::io::Error| {
        Diagnostic::error(msg!("io_cannot_read_file", error = crate::messages::io_error(&e))).in_file(&display)
    };
    let size = match meta {
        Some(meta) => meta.len(),
        None => std::fs::metadata(path).map_err(io_err)?.len(),
    };
    if size > read::MAX_PAGE_BYTES {
        let (size, limit) = (format!("{:.1}", size as f64 / 1e6), read::MAX_PAGE_BYTES / 1_000_000);
        return Err(Diagnostic::error(msg!("page_too_big", size, limit))
            .in_file(&display)
            .hint(msg!("page_too_big_hint")));
    }
    let bytes = std::fs::read(path).map_err(io_err)?;
    let text = read::decode(bytes, &display)?;
    let parsed = frontmatter::parse(&text, &display)?;
    let mut warnings = parsed.warnings;
    // Includes first (what they bring in is part of the page), then Jekyll's
    // and Hugo's template tags (a comment may hold anything), other tools'
    // one-line markers (`[TOC]`, `{: .note }`, `?>`, mdBook's `\\(`), then their
    // containers (`!!! tip`, `::: tip`, MyST, tabs) become callouts,
    // line for line, so the stripping and every parser see one syntax.
    let foreign = text.get(parsed.body_offset..).is_some_and(crate::syntax::may_hold_foreign);
    let expanded = foreign.then(|| include::expand(&text, parsed.body_offset, path, &display, roots)).flatten();
    let (text, lines, fragments) = match expanded {
        Some(expanded) => {
            warnings.extend(expanded.errors);
            (expanded.text, expanded.map, expanded.fragments)
        }
        None => (text, Default::default(), Vec::new()),
    };
    let text = match foreign {
        true => crate::syntax::foreign::rewrite(
            &template_leftovers(&text, parsed.body_offset, &display, &mut warnings),
            parsed.body_offset,
        ),
        false => text,
    };
    let text = crate::syntax::containers::rewrite(&text, parsed.body_offset);
    if text.trim().is_empty() {
        warnings.push(Diagnostic::warning(msg!("empty_page")).in_file(&display).hint(msg!("empty_page_hint")));
    }
    let page = SourcePage {
        rel,
        display,
        front: parsed.front,
        format: parsed.format,
        body_offset: parsed.body_offset,
        body_line: parsed.body_line,
        text: text.into(),
        lines,
        fragments,
    };
    Ok((page, warnings))
}

/// Liquid/Jinja tags: comments dropped, raw blocks unwrapped, anything else
/// kept as text with a warning at its line and column.
fn template_leftovers(text: &str, body_offset: usize, display: &Path, warnings: &mut Vec<Diagnostic>) -> String {
    let (out, leftovers) = crate::syntax::liquid::rewrite(text, body_offset);
    for left in leftovers {
        warnings.push(
            Diagnostic::warning(msg!("template_tag_shown", tag = &left.tag))
                .in_file(display)
                .at(text, left.line, left.col)
                .hint(msg!("template_tag_shown_hint")),
        );
    }
    out
}

/// `root/x` shown as `display_root/x` (what the user typed, not an absolute path).
pub fn display_path(path: &Path, root: &Path, display_root: &Path) -> PathBuf {
    match path.strip_prefix(root) {
        Ok(rel) if display_root.as_os_str().is_empty() || display_root == Path::new(".") => rel.to_path_buf(),
        Ok(rel) => display_root.join(rel),
        Err(_) => path.to_path_buf(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn load_text(root: &Path, cache: &mut LoadCache) -> String {
        let mut diags = Diagnostics::default();
        let sources = load_content_cached(root, root, &mut diags, Some(cache));
        sources.pages[0].text.to_string()
    }

    #[test]
    fn the_load_cache_reuses_settled_pages_and_rereads_racy_ones() {
        let tmp = tempfile::tempdir().unwrap();
        let page = tmp.path().join("content/a.md");
        std::fs::create_dir_all(page.parent().unwrap()).unwrap();
        let write = |text: &str, mtime: std::time::SystemTime| {
            std::fs::write(&page, text).unwrap();
            std::fs::File::options().write(true).open(&page).unwrap().set_modified(mtime).unwrap();
        };
        let mut cache = LoadCache::default();
        // Modified just now: same size, same (coarse) time, new text → read again.
        let now = std::time::SystemTime::now();
        write("# 甲\n", now);
        assert_eq!(load_text(tmp.path(), &mut cache), "# 甲\n");
        write("# 乙\n", now);
        assert_eq!(load_text(tmp.path(), &mut cache), "# 乙\n", "a racy page is always read again");
        // Settled long before it was read: size and time unchanged → not read again…
        let old = now - std::time::Duration::from_secs(60);
        write("# 丙\n", old);
        assert_eq!(load_text(tmp.path(), &mut cache), "# 丙\n");
        write("# 丁\n", old);
        assert_eq!(load_text(tmp.path(), &mut cache), "# 丙\n", "reused from the cache");
        // …and any change of time or size is seen.
        write("# 丁\n", old + std::time::Duration::from_secs(1));
        assert_eq!(load_text(tmp.path(), &mut cache), "# 丁\n");
    }

    #[test]
    fn editor_litter_is_ignored() {
        for name in [".x.md.swp", "a.md~", "#a.md#", "4913", "a.md___jb_tmp___", ".DS_Store", ".git"] {
            assert!(is_ignored(name), "{name}");
        }
        for name in ["01-客户.md", "img.png", "index.md"] {
            assert!(!is_ignored(name), "{name}");
        }
    }
}
