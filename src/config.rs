//! `course.toml`: the course's settings, read strictly (unknown keys are errors
//! with a did-you-mean) so a typo never silently changes nothing.

use crate::diag::{key_line, Diagnostic};
use crate::toml_diag::{self, Located};
use serde::Deserialize;
use std::path::Path;

pub const FILE_NAME: &str = "course.toml";

/// Defined with the messages (the lowest layer), which are put into words in it.
pub use crate::messages::Language;

/// The language messages are shown in: the command line's, else course.toml's
/// in `root`, else zh-CN (course.toml's own default).
pub fn language_for(explicit: Option<Language>, root: &Path) -> Language {
    explicit.or_else(|| peek_language(root)).unwrap_or_default()
}

/// The language course.toml asks for, read leniently: messages must be in the
/// course's language even when course.toml is what is wrong (an unknown key, a
/// bad value elsewhere). None when there is no course.toml or no readable
/// `language` line (the caller falls back to zh-CN).
pub fn peek_language(root: &Path) -> Option<Language> {
    let text = std::fs::read_to_string(root.join(FILE_NAME)).ok()?;
    if let Ok(table) = text.parse::<toml::Table>() {
        return table.get("language").and_then(toml::Value::as_str).and_then(Language::from_tag);
    }
    // Not TOML: the top-level `language = "…"` line, before any [table].
    let line = text
        .lines()
        .take_while(|l| !l.trim_start().starts_with('['))
        .find_map(|l| l.trim_start().strip_prefix("language").map(str::trim_start).and_then(|r| r.strip_prefix('=')))?;
    Language::from_tag(line.split('#').next().unwrap_or_default().trim().trim_matches(|c| c == '"' || c == '\''))
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Config {
    pub title: String,
    #[serde(default)]
    pub subtitle: Option<String>,
    #[serde(default)]
    pub authors: Vec<String>,
    #[serde(default)]
    pub language: Language,
    /// Where the site will live on its host (`/` or `/course/`). Pages link to each
    /// other relatively; only `404.html`, which a host serves from any path, needs it.
    #[serde(default = "default_base_path")]
    pub base_path: String,
    /// Order of the sections (top-level folders) in the navigation.
    #[serde(default)]
    pub nav: Vec<String>,
    #[serde(default = "default_theme")]
    pub theme: String,
    #[serde(default)]
    pub markdown: MarkdownConfig,
    #[serde(default)]
    pub glossary: GlossaryConfig,
    #[serde(default)]
    pub slides: SlidesConfig,
    #[serde(default)]
    pub lint: LintConfig,
    #[serde(default)]
    pub lesson: LessonConfig,
    #[serde(default)]
    pub print: PrintConfig,
}

/// `[print]`: the whole course as one book, `print.html` (`render::print`).
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct PrintConfig {
    /// Write `print.html`: `true` always, `false` never; unset, for a course
    /// of up to [`PrintConfig::AUTO_MAX_PAGES`] pages.
    pub book: Option<bool>,
}

impl PrintConfig {
    /// Past this many pages a book is not written unless asked for: nobody
    /// prints 3,000 sheets, and the file would outweigh the rest of the site
    /// (a generated 10,000-page course: a 57 MB print.html beside 133 MB).
    pub const AUTO_MAX_PAGES: usize = 1_000;

    /// Is the book written for a course of `pages` pages?
    pub fn book_for(&self, pages: usize) -> bool {
        self.book.unwrap_or(pages <= Self::AUTO_MAX_PAGES)
    }
}

/// Where the settings were read from: course.toml's text and how its path is
/// shown, so later steps can point a diagnostic into it. Kept beside [`Config`]
/// (which holds only what the file says), never inside it.
#[derive(Debug, Clone, Default)]
pub struct Source {
    pub text: String,
    pub display: std::path::PathBuf,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct MarkdownConfig {
    /// What happens to raw HTML in Markdown: sanitised (the default), escaped or trusted.
    pub raw_html: RawHtml,
    /// Old spelling of `raw_html = "trust"` (courses written before `raw_html`).
    pub unsafe_html: bool,
    /// Join hard-wrapped Chinese lines without a space (CSS Text 3 segment-break rule).
    pub cjk_breaks: bool,
    /// Highlight fenced code at build time.
    pub highlight: bool,
    /// Curly quotes and dashes from ASCII punctuation.
    pub smart_punctuation: bool,
    /// Every newline in a paragraph becomes a line break.
    pub hard_breaks: bool,
}

impl Default for MarkdownConfig {
    fn default() -> Self {
        MarkdownConfig {
            raw_html: RawHtml::Sanitize,
            unsafe_html: false,
            cjk_breaks: true,
            highlight: true,
            smart_punctuation: false,
            hard_breaks: false,
        }
    }
}

impl MarkdownConfig {
    /// `raw_html`, with `unsafe_html = true` meaning "trust".
    pub fn raw_html_mode(&self) -> RawHtml {
        if self.unsafe_html {
            RawHtml::Trust
        } else {
            self.raw_html
        }
    }
}

/// `[markdown] raw_html`.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum RawHtml {
    /// Allowlisted presentational tags and attributes kept, the rest removed with a warning.
    #[default]
    #[serde(alias = "sanitise")]
    Sanitize,
    /// Shown as text, with a warning.
    Escape,
    /// Passed through as written: only if every author is trusted.
    Trust,
}

#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct GlossaryConfig {
    /// Which occurrences of a term in running text link to the glossary.
    pub link: LinkMode,
}

/// `[lint]`: warnings about text pasted from document-sharing sites (see `lint.rs`).
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct LintConfig {
    /// Page kinds not linted at all, e.g. `["case"]`.
    pub skip_kinds: Vec<String>,
    /// Traditional characters in a simplified page (and the reverse).
    pub script: bool,
    /// Pinyin in parentheses after a word: `服務(wù)`.
    pub pinyin: bool,
    /// Download-site boilerplate lines: 下载声明, 本文档由…提供, 仅供学习.
    pub boilerplate: bool,
    /// Half-width `,;:?!()` between Chinese characters.
    pub punctuation: bool,
}

impl Default for LintConfig {
    fn default() -> Self {
        LintConfig { skip_kinds: Vec::new(), script: true, pinyin: true, boilerplate: true, punctuation: true }
    }
}

/// `[lesson]`: the school's class period, and the 教案 form's header rows
/// (课程名称, 授课教师, 授课班级, 授课时间) for every lesson that does not set
/// its own `course`, `teacher`, `class` or `taught` in its front matter.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct LessonConfig {
    /// Minutes in one 学时: 40, 45 (the default) or 50.
    pub period_minutes: u32,
    pub course: Option<String>,
    pub teacher: Option<String>,
    pub class: Option<String>,
    pub taught: Option<String>,
}

impl Default for LessonConfig {
    fn default() -> Self {
        LessonConfig { period_minutes: DEFAULT_PERIOD_MINUTES, course: None, teacher: None, class: None, taught: None }
    }
}

/// The class periods schools use.
pub const PERIODS: [u32; 3] = [40, 45, 50];

/// One 学时 is 45 minutes in most Chinese schools.
pub const DEFAULT_PERIOD_MINUTES: u32 = 45;

#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum LinkMode {
    /// The first occurrence of each term on a page (the default: a page full of
    /// links to the same entry is noise).
    #[default]
    First,
    All,
    None,
}

/// `[slides]`: how lessons become slide decks (see `render::slides`).
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct SlidesConfig {
    /// Where slides break; unset: at `---` if the page has any, else at `##`.
    pub split: Option<SlideSplit>,
}

/// `hr`: at `---` thematic breaks; `h2`…`h6`: at every heading of that level or higher.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum SlideSplit {
    Hr,
    H2,
    H3,
    H4,
    H5,
    H6,
}

fn default_base_path() -> String {
    "/".into()
}

fn default_theme() -> String {
    "default".into()
}

/// Parse `course.toml` text; `path` is how the file is shown in messages.
pub fn parse(text: &str, path: &Path) -> Result<Config, Diagnostic> {
    let at = Located { path, file_text: text, offset: 0, what: "where_course_toml" };
    let mut config: Config = toml_diag::parse(text, &at)?;
    config.base_path = normalize_base_path(&config.base_path).map_err(|why| {
        Diagnostic::error(msg!("bad_base_path", raw = &config.base_path, why))
            .in_file(path)
            .at(text, key_line(text, "base_path").unwrap_or(1), 1)
            .hint(msg!("bad_base_path_hint"))
    })?;
    if config.theme.contains(['/', '\\']) || config.theme.starts_with('.') || config.theme.is_empty() {
        let offset = text.find("theme").unwrap_or(0);
        return Err(Diagnostic::error(msg!("bad_theme_name", name = &config.theme))
            .in_file(path)
            .at_offset(text, offset)
            .hint(msg!("bad_theme_name_hint")));
    }
    let minutes = config.lesson.period_minutes;
    if !PERIODS.contains(&minutes) {
        return Err(Diagnostic::error(msg!("bad_period_minutes", minutes))
            .in_file(path)
            .at(text, key_line(text, "period_minutes").unwrap_or(1), 1)
            .hint(msg!("bad_period_minutes_hint")));
    }
    Ok(config)
}

/// `sub`, `/sub`, `/sub/` all become `/sub/`; `/` stays. Rejects what is not a plain path.
pub fn normalize_base_path(raw: &str) -> Result<String, crate::messages::Msg> {
    let raw = raw.trim();
    if raw.contains("://") || raw.starts_with("//") {
        return Err(msg!("base_path_is_url"));
    }
    let trimmed = raw.trim_matches('/');
    if trimmed.is_empty() {
        return Ok("/".into());
    }
    let bad =
        |seg: &str| seg.is_empty() || seg == "." || seg == ".." || seg.contains(['\\', '?', '#', '"', '<', '>', ' ']);
    if trimmed.split('/').any(bad) {
        return Err(msg!("base_path_bad_segment"));
    }
    Ok(format!("/{trimmed}/"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn minimal_config_gets_defaults() {
        let c = parse("title = \"课程\"\n", Path::new("course.toml")).unwrap();
        assert_eq!(c.language, Language::ZhCn);
        assert_eq!(c.base_path, "/");
        assert!(c.markdown.cjk_breaks && !c.markdown.unsafe_html);
    }

    #[test]
    fn unknown_key_suggests_the_right_one() {
        let err = parse("title = \"x\"\nlanguge = \"en\"\n", Path::new("course.toml")).unwrap_err();
        assert_eq!(err.message.en(), "unknown key 'languge' in course.toml; did you mean 'language'?");
        assert_eq!((err.line, err.col), (2, 1));
    }

    #[test]
    fn unknown_markdown_option_is_an_error() {
        let err = parse("title = \"x\"\n[markdown]\nunsafe = true\n", Path::new("course.toml")).unwrap_err();
        assert!(err.message.en().contains("did you mean 'unsafe_html'"), "{}", err.message.en());
        assert_eq!(err.line, 3);
    }

    #[test]
    fn bad_language_is_an_error() {
        let err = parse("title = \"x\"\nlanguage = \"fr\"\n", Path::new("course.toml")).unwrap_err();
        assert_eq!(err.line, 2);
        assert!(err.message.en().contains("zh-CN"), "{}", err.message.en());
    }

    #[test]
    fn period_minutes_defaults_to_45_and_takes_40_or_50() {
        let c = parse("title = \"x\"\n", Path::new("course.toml")).unwrap();
        assert_eq!(c.lesson.period_minutes, 45);
        let c = parse("title = \"x\"\n[lesson]\nperiod_minutes = 40\nteacher = \"王老师\"\n", Path::new("course.toml"))
            .unwrap();
        assert_eq!(c.lesson.period_minutes, 40);
        assert_eq!(c.lesson.teacher.as_deref(), Some("王老师"));
    }

    #[test]
    fn another_period_is_a_located_error_with_a_hint() {
        let err = parse("title = \"x\"\n\n[lesson]\nperiod_minutes = 60\n", Path::new("course.toml")).unwrap_err();
        assert_eq!(err.line, 4);
        assert!(err.message.en().contains("60"), "{}", err.message.en());
        assert!(err.path.as_deref().is_some_and(|f| f.ends_with("course.toml")));
        assert!(err.hint.as_ref().is_some_and(|h| h.en().contains("40, 45 or 50")), "{:?}", err.hint);
    }

    #[test]
    fn base_path_is_normalised() {
        assert_eq!(normalize_base_path("course").unwrap(), "/course/");
        assert_eq!(normalize_base_path("/a/b/").unwrap(), "/a/b/");
        assert_eq!(normalize_base_path("").unwrap(), "/");
        assert!(normalize_base_path("/../x").is_err());
        assert!(normalize_base_path("https://x.org/").is_err());
        assert!(normalize_base_path("//host/x").is_err());
    }
}
