//! Front matter: TOML between `+++` lines (the native form), or YAML between `---`
//! lines so pages written for Jekyll, Hugo, MkDocs or Quarto keep working. Both
//! fill the same [`FrontMatter`]; TOML is strict (unknown keys are errors), YAML
//! is lenient because foreign files carry foreign keys: other tools' keys
//! ([`FOREIGN_KEYS`]) are ignored quietly, any other unknown key is a warning.

use crate::diag::{did_you_mean, Diagnostic};
use crate::toml_diag::{self, Located};
use serde::{Deserialize, Deserializer};
use std::path::Path;

/// Every key a page may set. Which ones apply depends on the page kind; the model
/// checks that (a lesson needs its 教案 fields).
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct FrontMatter {
    pub title: Option<String>,
    pub kind: Option<String>,
    pub summary: Option<String>,
    pub weight: Option<i64>,
    /// Output file name (without `.html`) instead of the source file's stem.
    pub slug: Option<String>,
    /// `false` turns glossary auto-linking off for this page.
    pub glossary: Option<bool>,
    /// `slides = true` (or a `[slides]` table) also builds a slide deck; `false`
    /// turns a lesson's deck off.
    pub slides: Option<SlidesFront>,
    /// `false` turns the Chinese text lint off for this page.
    pub lint: Option<bool>,

    // 教案 (lesson plan) fields, in the form's order.
    pub number: Option<u32>,
    pub chapter: Option<String>,
    pub objectives: Option<Objectives>,
    #[serde(default, deserialize_with = "one_or_many")]
    pub content: Vec<String>,
    #[serde(default, deserialize_with = "one_or_many")]
    pub methods: Vec<String>,
    pub hours: Option<u32>,
    pub deck: Option<String>,
    #[serde(default, deserialize_with = "one_or_many")]
    pub key_points: Vec<String>,
    #[serde(default, deserialize_with = "one_or_many")]
    pub difficulties: Vec<String>,
    #[serde(default, deserialize_with = "one_or_many")]
    pub cases: Vec<String>,
    #[serde(default)]
    pub steps: Vec<Step>,
    #[serde(default, deserialize_with = "one_or_many")]
    pub homework: Vec<String>,
    /// The 教案 form's header rows (课程名称, 授课教师, 授课班级, 授课时间),
    /// each defaulting to course.toml's `[lesson]` value of the same name; kept
    /// on import so an imported lesson loses none of its form.
    pub course: Option<String>,
    pub teacher: Option<String>,
    pub class: Option<String>,
    pub taught: Option<String>,

    // 案例 (case study) fields.
    pub company: Option<String>,
    pub source: Option<String>,
    #[serde(default, deserialize_with = "one_or_many")]
    pub questions: Vec<String>,

    // 话术 (call script) roles: names are values, TOML bare keys cannot be Chinese.
    pub agent: Option<String>,
    pub customer: Option<String>,

    /// Only in the teacher's edition (`coursesite build --profile teacher`):
    /// `true` for the whole page, or a list of front-matter fields
    /// (`teacher_only = ["difficulties", "homework"]`).
    pub teacher_only: Option<TeacherOnly>,

    /// Jekyll's `permalink` (a fixed path, not a `:title` pattern): where the
    /// page was published, so links written to that path find it.
    #[serde(skip)]
    pub permalink: Option<String>,
    /// Keys of other tools ([`FOREIGN_KEYS`]) this YAML front matter carried,
    /// ignored without a warning; the build names them once.
    #[serde(skip)]
    pub foreign: Vec<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(untagged)]
pub enum TeacherOnly {
    Page(bool),
    Fields(Vec<String>),
}

impl FrontMatter {
    /// `teacher_only = true`: the page is left out of the students' edition.
    pub fn teacher_only_page(&self) -> bool {
        self.teacher_only == Some(TeacherOnly::Page(true))
    }

    /// `teacher_only = [...]`: these fields are left out of the students' edition.
    pub fn teacher_only_fields(&self) -> &[String] {
        match &self.teacher_only {
            Some(TeacherOnly::Fields(f)) => f,
            _ => &[],
        }
    }
}

/// The keys above, for did-you-mean on YAML front matter.
pub const KEYS: &[&str] = &[
    "title",
    "kind",
    "summary",
    "weight",
    "slug",
    "glossary",
    "slides",
    "lint",
    "number",
    "chapter",
    "objectives",
    "content",
    "methods",
    "hours",
    "deck",
    "key_points",
    "difficulties",
    "cases",
    "steps",
    "homework",
    "course",
    "teacher",
    "class",
    "taught",
    "company",
    "source",
    "questions",
    "agent",
    "customer",
    "teacher_only",
];

/// Keys other site generators read (Jekyll, Hugo, MkDocs, Docusaurus, Just the
/// Docs, Quarto, VitePress): YAML front matter written for them carries these,
/// and coursesite ignores them quietly instead of warning per key and page.
pub const FOREIGN_KEYS: &[&str] = &[
    "layout",
    "permalink",
    "icon",
    "comments",
    "hide",
    "parent",
    "grand_parent",
    "has_children",
    "has_toc",
    "nav_exclude",
    "search_exclude",
    "tags",
    "categories",
    "keywords",
    "date",
    "lastmod",
    "updated",
    "author",
    "authors",
    "toc",
    "toc_depth",
    "draft",
    "published",
    "aliases",
    "redirect_from",
    "id",
    "sidebar_label",
    "sidebar_class_name",
    "pagination_next",
    "pagination_prev",
    "image",
    "cover",
    "lang",
    "excerpt",
    "subtitle",
    "menu",
    "series",
    "math",
    "mathjax",
    "katex",
    "format",
    "editor",
    "jupyter",
    "execute",
    "status",
    "template",
    "search",
    "outline",
    "prev",
    "next",
    "sidebar",
    "navbar",
    "footer",
    "aside",
    "lastUpdated",
    "editLink",
    "hero",
    "features",
    "head",
    "titleTemplate",
    "pageClass",
    "typora-root-url",
    "typora-copy-images-to",
    "nav",
    "render_macros",
    "social",
    "sidebar_custom_props",
    "hide_title",
    "hide_table_of_contents",
    "custom_edit_url",
];

/// `slides = true | false` or `[slides] split = "hr"`.
#[derive(Debug, Clone)]
pub enum SlidesFront {
    On(bool),
    Table(SlidesTable),
}

impl<'de> Deserialize<'de> for SlidesFront {
    fn deserialize<D: Deserializer<'de>>(de: D) -> Result<Self, D::Error> {
        struct Visitor;
        impl<'de> serde::de::Visitor<'de> for Visitor {
            type Value = SlidesFront;
            fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
                f.write_str("true, false, or a table such as { split = \"hr\" }")
            }
            fn visit_bool<E: serde::de::Error>(self, v: bool) -> Result<Self::Value, E> {
                Ok(SlidesFront::On(v))
            }
            fn visit_map<A: serde::de::MapAccess<'de>>(self, map: A) -> Result<Self::Value, A::Error> {
                SlidesTable::deserialize(serde::de::value::MapAccessDeserializer::new(map)).map(SlidesFront::Table)
            }
        }
        de.deserialize_any(Visitor)
    }
}

#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SlidesTable {
    pub split: Option<crate::config::SlideSplit>,
}

/// 教学目的和要求: 【知识目标】 and 【能力目标】.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Objectives {
    #[serde(default, deserialize_with = "one_or_many")]
    pub knowledge: Vec<String>,
    #[serde(default, deserialize_with = "one_or_many")]
    pub ability: Vec<String>,
}

/// One step of 教学设计, e.g. 步骤二 案例导入, 15 minutes.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Step {
    pub name: String,
    pub minutes: u32,
}

/// A teacher may write `methods = "讲授"` or `methods = ["讲授", "讨论"]`.
fn one_or_many<'de, D: Deserializer<'de>>(de: D) -> Result<Vec<String>, D::Error> {
    struct Visitor;
    impl<'de> serde::de::Visitor<'de> for Visitor {
        type Value = Vec<String>;
        fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
            f.write_str("a string or a list of strings")
        }
        fn visit_str<E: serde::de::Error>(self, v: &str) -> Result<Self::Value, E> {
            Ok(vec![v.to_string()])
        }
        fn visit_seq<A: serde::de::SeqAccess<'de>>(self, mut seq: A) -> Result<Self::Value, A::Error> {
            let mut out = Vec::new();
            while let Some(item) = seq.next_element::<String>()? {
                out.push(item);
            }
            Ok(out)
        }
    }
    de.deserialize_any(Visitor)
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    Toml,
    Yaml,
    None,
}

/// A page split into front matter and body, with the body's place in the file.
#[derive(Debug)]
pub struct Parsed {
    pub front: FrontMatter,
    pub format: Format,
    /// Byte offset of the body in the file text.
    pub body_offset: usize,
    /// 1-based line number of the body's first line, for Markdown diagnostics.
    pub body_line: usize,
    pub warnings: Vec<Diagnostic>,
}

/// Split and parse; `text` is the whole normalised file.
///
/// Blank lines before the opening `+++`/`---` are skipped: a teacher who leaves
/// one there by accident expects the front matter read, not shown as text with
/// the title taken from the file name. `+++` means nothing else in Markdown, so
/// it always opens front matter; `---` after blank lines may be a horizontal
/// rule, so it is front matter only when it closes and reads as YAML with a key
/// coursesite knows (else a warning, when it looks like a forgotten key line).
pub fn parse(text: &str, path: &Path) -> Result<Parsed, Diagnostic> {
    let none = |warnings| Parsed {
        front: FrontMatter::default(),
        format: Format::None,
        body_offset: 0,
        body_line: 1,
        warnings,
    };
    let (open_start, open_line) = skip_blank_lines(text);
    let (format, delim) = match text[open_start..].lines().next().map(str::trim_end) {
        Some("+++") => (Format::Toml, "+++"),
        Some("---") => (Format::Yaml, "---"),
        _ => return Ok(none(Vec::new())),
    };
    let open_len = text[open_start..].find('\n').map_or(text.len(), |i| open_start + i + 1);
    let closing = find_closing(text, open_len, open_line + 1, delim, format);
    if open_line > 1 && format == Format::Yaml && !is_yaml_front(text, open_len, closing) {
        return Ok(none(late_rule_warning(text, open_len, open_line, path).into_iter().collect()));
    }
    let Some((close_start, close_end, close_line)) = closing else {
        let what = if format == Format::Toml { "TOML" } else { "YAML" };
        return Err(Diagnostic::error(msg!("fm_never_closed", what))
            .in_file(path)
            .at(text, open_line, 1)
            .hint(msg!("fm_never_closed_hint", delim)));
    };
    let snippet = &text[open_len..close_start];
    let mut warnings = Vec::new();
    let front = match format {
        Format::Toml => {
            let at = Located { path, file_text: text, offset: open_len, what: "where_front_matter" };
            toml_diag::parse::<FrontMatter>(snippet, &at)
        }
        _ => parse_yaml(snippet, text, open_line + 1, path, &mut warnings),
    };
    // A front matter that does not parse fails the build, but does not hide
    // the page's other errors: its body is still checked, as a plain page
    // (so no 教案 or case field is reported missing on top).
    let front = front.unwrap_or_else(|error| {
        warnings.push(error);
        FrontMatter { kind: Some("page".into()), ..FrontMatter::default() }
    });
    Ok(Parsed { front, format, body_offset: close_end, body_line: close_line + 1, warnings })
}

/// Byte offset and 1-based line number of the first line that is not blank
/// (whitespace only counts as blank: it is invisible in an editor).
fn skip_blank_lines(text: &str) -> (usize, usize) {
    let mut pos = 0;
    let mut line = 1;
    while let Some(len) = text[pos..].find('\n') {
        if !text[pos..pos + len].trim().is_empty() {
            break;
        }
        pos += len + 1;
        line += 1;
    }
    (pos, line)
}

/// Does the `---` block (opened before `from`, closed at `closing`) read as
/// YAML front matter: a mapping with at least one key coursesite reads?
fn is_yaml_front(text: &str, from: usize, closing: Option<(usize, usize, usize)>) -> bool {
    let Some((close_start, _, _)) = closing else {
        return false;
    };
    match serde_yaml::from_str::<serde_yaml::Value>(&text[from..close_start]) {
        Ok(serde_yaml::Value::Mapping(map)) => {
            map.keys().filter_map(|k| k.as_str()).any(|k| KEYS.contains(&k) || k == "description")
        }
        _ => false,
    }
}

/// A `---` after blank lines kept as a horizontal rule, although the line under
/// it looks like `key: value`: probably front matter that did not make it.
fn late_rule_warning(text: &str, from: usize, open_line: usize, path: &Path) -> Option<Diagnostic> {
    let next = text[from..].lines().next()?;
    let key = next.split_once(':').map(|(k, _)| k.trim_end())?;
    let keyish = key.starts_with(|c: char| c.is_ascii_alphabetic() || c == '_')
        && key.chars().all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '-');
    keyish.then(|| {
        Diagnostic::warning(msg!("fm_late_rule")).in_file(path).at(text, open_line, 1).hint(msg!("fm_late_rule_hint"))
    })
}

/// The closing delimiter line: (start, end incl. newline, its 1-based line number).
/// `line`: the 1-based line number of the line at `from`.
fn find_closing(text: &str, from: usize, line: usize, delim: &str, format: Format) -> Option<(usize, usize, usize)> {
    let mut pos = from;
    let mut line = line;
    while pos < text.len() {
        let end = text[pos..].find('\n').map_or(text.len(), |i| pos + i + 1);
        let content = text[pos..end].trim_end();
        if content == delim || (format == Format::Yaml && content == "...") {
            return Some((pos, end, line));
        }
        pos = end;
        line += 1;
    }
    None
}

/// YAML that does not parse, at the place it fails (or the tab that made it fail).
fn yaml_syntax_error(e: &serde_yaml::Error, snippet: &str, text: &str, first_line: usize, path: &Path) -> Diagnostic {
    let (line, col) = e.location().map_or((0, 1), |l| (l.line(), l.column()));
    // YAML forbids tabs for indentation; editors insert them unseen.
    let tab = snippet.lines().enumerate().find(|(_, l)| l.starts_with(|c: char| c.is_whitespace()) && l.contains('\t'));
    let (line, col, hint) = match tab {
        Some((i, l)) => (i + 1, l.chars().position(|c| c == '\t').map_or(1, |p| p + 1), msg!("yaml_tab_hint")),
        None => (line, col, msg!("yaml_pairs_hint")),
    };
    Diagnostic::error(msg!("yaml_invalid", raw = first_sentence(&e.to_string())))
        .in_file(path)
        .at(text, first_line + line.saturating_sub(1), col)
        .hint(hint)
}

fn parse_yaml(
    snippet: &str,
    text: &str,
    first_line: usize,
    path: &Path,
    warnings: &mut Vec<Diagnostic>,
) -> Result<FrontMatter, Diagnostic> {
    let value: serde_yaml::Value =
        serde_yaml::from_str(snippet).map_err(|e| yaml_syntax_error(&e, snippet, text, first_line, path))?;
    let mut map = match value {
        serde_yaml::Value::Mapping(map) => map,
        serde_yaml::Value::Null => return Ok(FrontMatter::default()),
        _ => return Err(Diagnostic::error(msg!("yaml_not_map")).in_file(path).at(text, first_line, 1)),
    };
    let permalink = map
        .get("permalink")
        .and_then(|v| v.as_str())
        .filter(|p| p.starts_with('/') && !p.contains(':'))
        .map(String::from);
    let foreign = adopt_other_tools(&mut map);
    let unknown: Vec<String> = map
        .keys()
        .map(|k| k.as_str().map_or_else(|| format!("{k:?}"), str::to_owned))
        .filter(|k| !KEYS.contains(&k.as_str()))
        .collect();
    for key in unknown {
        map.remove(key.as_str());
        let line =
            snippet.lines().position(|l| l.starts_with(&format!("{key}:"))).map_or(first_line, |i| first_line + i);
        let mut w = Diagnostic::warning(msg!("yaml_ignored_key", key = &key)).in_file(path).at(text, line, 1);
        w = match did_you_mean(&key, KEYS.iter().copied()) {
            Some(best) => w.hint(msg!("did_you_mean", best)),
            None => w.hint(msg!("yaml_keys_read", keys = crate::messages::list(KEYS))),
        };
        warnings.push(w);
    }
    let mut front: FrontMatter = serde_yaml::from_value(serde_yaml::Value::Mapping(map.clone())).map_err(|e| {
        // serde_yaml's message does not name the key: find the one that fails alone.
        let culprit = map.iter().find_map(|(k, v)| {
            let single = serde_yaml::Mapping::from_iter([(k.clone(), v.clone())]);
            serde_yaml::from_value::<FrontMatter>(serde_yaml::Value::Mapping(single))
                .is_err()
                .then(|| k.as_str().map(str::to_owned))
                .flatten()
        });
        let line = culprit
            .as_deref()
            .and_then(|k| snippet.lines().position(|l| l.starts_with(&format!("{k}:"))))
            .map_or(first_line, |i| first_line + i);
        let error = e.to_string();
        let raw = first_sentence(&error);
        let message = match culprit {
            Some(key) => msg!("yaml_wrong_value_key", key, raw),
            None => msg!("yaml_wrong_value", raw),
        };
        Diagnostic::error(message).in_file(path).at(text, line, 1)
    })?;
    front.foreign = foreign;
    front.permalink = permalink;
    Ok(front)
}

/// Other tools' spellings of our keys become ours (`description`, `sidebar_position`,
/// `nav_order`); their own keys ([`FOREIGN_KEYS`]) are taken out and returned.
fn adopt_other_tools(map: &mut serde_yaml::Mapping) -> Vec<String> {
    // Hugo, MkDocs and Quarto call the summary `description`.
    if !map.contains_key("summary") {
        if let Some(desc) = map.remove("description") {
            map.insert("summary".into(), desc);
        }
    }
    // Docusaurus' `sidebar_position` and Just the Docs' `nav_order` are our `weight`.
    for alias in ["sidebar_position", "nav_order"] {
        if let Some(value) = map.remove(alias) {
            let weight = value.as_i64().or_else(|| value.as_f64().map(|f| f.round() as i64));
            if let (Some(weight), false) = (weight, map.contains_key("weight")) {
                map.insert("weight".into(), weight.into());
            }
        }
    }
    let mut foreign = Vec::new();
    for key in FOREIGN_KEYS {
        if map.remove(*key).is_some() {
            foreign.push(key.to_string());
        }
    }
    foreign
}

fn first_sentence(msg: &str) -> &str {
    msg.split(" at line ").next().unwrap_or(msg)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The parse, with a front matter that failed as its error.
    fn p(text: &str) -> Result<Parsed, Diagnostic> {
        let parsed = parse(text, Path::new("a.md"))?;
        match parsed.warnings.iter().find(|d| d.is_error()) {
            Some(error) => Err(error.clone()),
            None => Ok(parsed),
        }
    }

    #[test]
    fn a_broken_front_matter_is_an_error_and_the_body_is_still_read_as_a_page() {
        let parsed = parse("+++\ntitle = \"x\"\nhourss = 2\n+++\n正文\n", Path::new("a.md")).unwrap();
        assert_eq!(parsed.warnings.len(), 1);
        assert!(parsed.warnings[0].is_error() && parsed.warnings[0].message.en().contains("hourss"));
        assert_eq!(parsed.front.kind.as_deref(), Some("page"));
        assert_eq!(parsed.body_line, 5);
    }

    #[test]
    fn other_tools_keys_are_ignored_quietly_in_yaml_only() {
        let parsed =
            p("---\ntitle: 甲\nlayout: post\ntags: [a, b]\ndate: 2024-01-01\nauthor: 王\ntitel: x\n---\n").unwrap();
        assert_eq!(parsed.front.title.as_deref(), Some("甲"));
        assert_eq!(parsed.front.foreign, vec!["layout", "tags", "date", "author"]);
        // A key no tool uses still warns (a typo, probably), with a suggestion.
        assert_eq!(parsed.warnings.len(), 1, "{:?}", parsed.warnings);
        assert!(parsed.warnings[0].message.en().contains("titel"));
        // TOML front matter is coursesite's own: strict.
        assert!(p("+++\ntitle = \"甲\"\nlayout = \"post\"\n+++\n").is_err());
        assert!(p("+++\nforeign = [\"x\"]\n+++\n").is_err());
    }

    #[test]
    fn sidebar_position_and_nav_order_are_the_weight() {
        let parsed = p("---\ntitle: 甲\nsidebar_position: 3\n---\n正文\n").unwrap();
        assert_eq!(parsed.front.weight, Some(3));
        assert!(parsed.warnings.is_empty(), "{:?}", parsed.warnings);
        assert_eq!(p("---\nnav_order: 2.4\n---\n").unwrap().front.weight, Some(2));
        assert_eq!(p("---\nweight: 1\nnav_order: 9\n---\n").unwrap().front.weight, Some(1));
    }

    #[test]
    fn toml_front_matter_and_body_line() {
        let parsed = p("+++\ntitle = \"教案\"\nhours = 4\n+++\n正文\n").unwrap();
        assert_eq!(parsed.front.title.as_deref(), Some("教案"));
        assert_eq!(parsed.front.hours, Some(4));
        assert_eq!(parsed.body_line, 5);
        assert_eq!(parsed.body_offset, "+++\ntitle = \"教案\"\nhours = 4\n+++\n".len());
    }

    #[test]
    fn unclosed_front_matter_points_at_line_one() {
        let err = p("+++\ntitle = \"x\"\n\n正文\n").unwrap_err();
        assert_eq!((err.line, err.col), (1, 1));
        assert!(err.message.en().contains("never closed"));
    }

    #[test]
    fn yaml_reads_same_keys_and_warns_on_unknown_ones() {
        // `colour` is no key of coursesite or of another tool: a warning at its line.
        let parsed = p("---\ntitle: 客户\ncolour: red\ndescription: 简介\nweight: 2\n---\nbody").unwrap();
        assert_eq!(parsed.front.title.as_deref(), Some("客户"));
        assert_eq!(parsed.front.summary.as_deref(), Some("简介"));
        assert_eq!(parsed.front.weight, Some(2));
        assert_eq!(parsed.warnings.len(), 1);
        assert_eq!(parsed.warnings[0].line, 3);
        assert_eq!(parsed.format, Format::Yaml);
    }

    #[test]
    fn a_tab_in_yaml_says_to_use_spaces_at_its_line() {
        let err = p("---\ntitle: 甲\ntags:\n\t- a\n---\n").unwrap_err();
        assert_eq!((err.line, err.col), (4, 1), "{err:?}");
        assert!(
            err.hint.as_ref().map(crate::messages::Msg::en).unwrap_or_default().contains("replace the tab"),
            "{err:?}"
        );
    }

    #[test]
    fn malformed_yaml_is_located() {
        let err = p("---\ntitle: [unclosed\n---\n").unwrap_err();
        assert!(err.message.en().starts_with("invalid YAML"), "{}", err.message.en());
        assert!(err.line >= 2, "{}", err.line);
    }

    #[test]
    fn one_or_many_accepts_both_shapes() {
        let parsed = p("+++\nmethods = \"讲授\"\ncontent = [\"a\", \"b\"]\n+++\n").unwrap();
        assert_eq!(parsed.front.methods, vec!["讲授"]);
        assert_eq!(parsed.front.content, vec!["a", "b"]);
    }

    #[test]
    fn toml_after_blank_lines_is_read_with_file_line_numbers() {
        let parsed = p("\n  \t\n+++\ntitle = \"教案\"\n+++\n正文\n").unwrap();
        assert_eq!(parsed.front.title.as_deref(), Some("教案"));
        assert_eq!(parsed.format, Format::Toml);
        assert_eq!(parsed.body_line, 6);
        assert_eq!(&"\n  \t\n+++\ntitle = \"教案\"\n+++\n正文\n"[parsed.body_offset..], "正文\n");
        let err = p("\n\n+++\ntitle = \"x\"\nhourss = 2\n+++\n").unwrap_err();
        assert_eq!((err.line, err.col), (5, 1), "{}", err.message.en());
        let err = p("\n+++\ntitle = \"x\"\n").unwrap_err();
        assert_eq!((err.line, err.col), (2, 1));
        assert!(err.message.en().contains("never closed"));
    }

    #[test]
    fn yaml_after_blank_lines_is_read_when_it_is_front_matter() {
        let parsed = p("\n---\ntitle: 客户\ncolour: red\n---\nbody").unwrap();
        assert_eq!(parsed.front.title.as_deref(), Some("客户"));
        assert_eq!((parsed.format, parsed.body_line), (Format::Yaml, 6));
        assert_eq!(parsed.warnings.len(), 1);
        assert_eq!(parsed.warnings[0].line, 4, "the unknown key's own line");
    }

    #[test]
    fn a_rule_after_blank_lines_stays_a_rule() {
        // Two horizontal rules around a paragraph: no front matter, no warning.
        let parsed = p("\n---\n\n正文\n\n---\n").unwrap();
        assert_eq!((parsed.format, parsed.body_offset), (Format::None, 0));
        assert!(parsed.warnings.is_empty());
        // A rule followed by what looks like a key, never closed: a warning at the rule.
        let parsed = p("\n\n---\ntitle: 客户\n\n正文\n").unwrap();
        assert_eq!(parsed.format, Format::None);
        assert_eq!(parsed.warnings.len(), 1);
        assert_eq!(parsed.warnings[0].line, 3);
        assert!(parsed.warnings[0].hint.as_ref().map(crate::messages::Msg::en).unwrap_or_default().contains("line 1"));
    }

    #[test]
    fn no_front_matter_is_fine() {
        let parsed = p("# 标题\n正文").unwrap();
        assert_eq!(parsed.format, Format::None);
        assert_eq!(parsed.body_line, 1);
    }
}
