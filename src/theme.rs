//! The theme: Tera templates, CSS and JS. The default theme is compiled into the
//! binary so a course with no `themes/` folder builds; a project's
//! `themes/<name>/<path>` overrides the embedded file of the same path, and any
//! extra file under its `static/` is published too.

use crate::diag::Diagnostic;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

macro_rules! embed {
    ($($path:literal),* $(,)?) => {
        &[$(($path, include_str!(concat!("../themes/default/", $path)))),*]
    };
}

/// (path inside the theme, contents)
pub(crate) const DEFAULT: &[(&str, &str)] = embed!(
    "templates/base.html",
    "templates/macros.html",
    "templates/index.html",
    "templates/section.html",
    "templates/page.html",
    "templates/lesson.html",
    "templates/case.html",
    "templates/script.html",
    "templates/quiz.html",
    "templates/glossary.html",
    "templates/404.html",
    "templates/slides.html",
    "templates/print.html",
    "static/print.css",
    "static/print.js",
    "static/style.css",
    "static/main.js",
    "static/colour.js",
    "static/slides.css",
    "static/slides.js",
    "templates/search.html",
    "templates/search_box.html",
    "templates/theme_button.html",
    "templates/head_meta.html",
    "static/search.js",
    "static/search.css",
    "static/script.js",
    "static/quiz.js",
    "static/tabs.js",
    "static/scorm.js",
    "templates/macros/quiz.html",
    "templates/macros/script.html",
    "templates/macros/nav.html",
);

/// One file of the theme, with where it came from for error messages.
#[derive(Debug, Clone)]
pub struct ThemeFile {
    pub contents: Vec<u8>,
    /// `themes/default/templates/page.html`, or `(built-in) templates/page.html`.
    pub origin: PathBuf,
}

#[derive(Debug, Default)]
pub struct Theme {
    /// `templates/x.html` → file.
    pub templates: BTreeMap<String, ThemeFile>,
    /// `static/x` → file; published under `theme/x`.
    pub statics: BTreeMap<String, ThemeFile>,
}

impl Theme {
    /// The embedded default theme alone.
    pub fn builtin() -> Theme {
        let mut theme = Theme::default();
        for (path, contents) in DEFAULT {
            theme.insert(path, contents.as_bytes().to_vec(), PathBuf::from(format!("(built-in) {path}")));
        }
        theme
    }

    /// Embedded defaults overlaid with `root/themes/<name>/`.
    /// `source` is course.toml, which a missing theme's error points into.
    pub fn load(
        root: &Path,
        display_root: &Path,
        config: &crate::config::Config,
        source: &crate::config::Source,
    ) -> Result<Theme, Diagnostic> {
        let name = config.theme.as_str();
        let mut theme = Theme::builtin();
        let dir = root.join("themes").join(name);
        if !dir.is_dir() {
            if name != "default" {
                let line = crate::diag::key_line(&source.text, "theme").unwrap_or(1);
                return Err(Diagnostic::error(msg!("theme_not_found", name))
                    .in_file(&source.display)
                    .at(&source.text, line, 1)
                    .hint(msg!("theme_not_found_hint", name)));
            }
            return Ok(theme);
        }
        for entry in walkdir::WalkDir::new(&dir).follow_links(false).sort_by_file_name() {
            let entry =
                entry.map_err(|e| Diagnostic::error(msg!("theme_folder_unreadable", error = e)).in_file(&dir))?;
            if !entry.file_type().is_file() || crate::load::is_ignored(&entry.file_name().to_string_lossy()) {
                continue;
            }
            let Ok(rel) = entry.path().strip_prefix(&dir) else {
                continue;
            };
            let rel: Vec<String> = rel.components().map(|c| c.as_os_str().to_string_lossy().into_owned()).collect();
            let rel = rel.join("/");
            let display = crate::load::display_path(entry.path(), root, display_root);
            let contents = std::fs::read(entry.path()).map_err(|e| {
                Diagnostic::error(msg!("theme_file_unreadable", error = crate::messages::io_error(&e)))
                    .in_file(&display)
            })?;
            theme.insert(&rel, contents, display);
        }
        Ok(theme)
    }

    fn insert(&mut self, rel: &str, contents: Vec<u8>, origin: PathBuf) {
        let file = ThemeFile { contents, origin };
        if rel.starts_with("templates/") {
            self.templates.insert(rel.to_string(), file);
        } else if rel.starts_with("static/") {
            self.statics.insert(rel.to_string(), file);
        }
    }
}
