//! Front matter: TOML between `+++` lines (the native form), or YAML between `---`
//! lines so pages written for Jekyll, Hugo, MkDocs or Quarto keep working. Both
//! fill the same [`FrontMatter`]; TOML is strict (unknown keys are errors), YAML
//! is lenient (unknown keys are warnings) because foreign files carry foreign keys.

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
    "company",
    "source",
    "questions",
    "agent",
    "customer",
    "teacher_only",
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
pub fn parse(text: &str, path: &Path) -> Result<Parsed, Diagnostic> {
    let (format, delim) = match text.lines().next().map(str::trim_end) {
        Some("+++") => (Format::Toml, "+++"),
        Some("---") => (Format::Yaml, "---"),
        _ => {
            return Ok(Parsed {
                front: FrontMatter::default(),
                format: Format::None,
                body_offset: 0,
                body_line: 1,
                warnings: Vec::new(),
            })
        }
    };
    let open_len = text.find('\n').map_or(text.len(), |i| i + 1);
    let Some((close_start, close_end, close_line)) = find_closing(text, open_len, delim, format) else {
        let what = if format == Format::Toml { "TOML" } else { "YAML" };
        return Err(Diagnostic::error(format!("{what} front matter opened here is never closed"))
            .in_file(path)
            .at(text, 1, 1)
            .hint(format!("add a line with just `{delim}` after the front matter")));
    };
    let snippet = &text[open_len..close_start];
    let mut warnings = Vec::new();
    let front = match format {
        Format::Toml => {
            let at = Located { path, file_text: text, offset: open_len, what: "front matter" };
            toml_diag::parse::<FrontMatter>(snippet, &at)?
        }
        _ => parse_yaml(snippet, text, open_len, path, &mut warnings)?,
    };
    Ok(Parsed { front, format, body_offset: close_end, body_line: close_line + 1, warnings })
}

/// The closing delimiter line: (start, end incl. newline, its 1-based line number).
fn find_closing(text: &str, from: usize, delim: &str, format: Format) -> Option<(usize, usize, usize)> {
    let mut pos = from;
    let mut line = 2;
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

fn parse_yaml(
    snippet: &str,
    text: &str,
    offset: usize,
    path: &Path,
    warnings: &mut Vec<Diagnostic>,
) -> Result<FrontMatter, Diagnostic> {
    let first_line = 2;
    let value: serde_yaml::Value = serde_yaml::from_str(snippet).map_err(|e| {
        let (line, col) = e.location().map_or((0, 1), |l| (l.line(), l.column()));
        Diagnostic::error(format!("invalid YAML in front matter: {}", first_sentence(&e.to_string())))
            .in_file(path)
            .at(text, first_line + line.saturating_sub(1), col)
            .hint("YAML needs `key: value` pairs, one per line")
    })?;
    let mut map = match value {
        serde_yaml::Value::Mapping(map) => map,
        serde_yaml::Value::Null => return Ok(FrontMatter::default()),
        _ => {
            return Err(Diagnostic::error("YAML front matter must be a list of `key: value` pairs")
                .in_file(path)
                .at(text, first_line, 1))
        }
    };
    // Hugo, MkDocs and Quarto call the summary `description`.
    if !map.contains_key("summary") {
        if let Some(desc) = map.remove("description") {
            map.insert("summary".into(), desc);
        }
    }
    let unknown: Vec<String> = map
        .keys()
        .map(|k| k.as_str().map_or_else(|| format!("{k:?}"), str::to_owned))
        .filter(|k| !KEYS.contains(&k.as_str()))
        .collect();
    for key in unknown {
        map.remove(key.as_str());
        let line =
            snippet.lines().position(|l| l.starts_with(&format!("{key}:"))).map_or(first_line, |i| first_line + i);
        let mut w =
            Diagnostic::warning(format!("ignored key '{key}' in YAML front matter")).in_file(path).at(text, line, 1);
        w = match did_you_mean(&key, KEYS.iter().copied()) {
            Some(best) => w.hint(format!("did you mean '{best}'?")),
            None => w.hint(format!("coursesite reads: {}", KEYS.join(", "))),
        };
        warnings.push(w);
    }
    let _ = offset;
    serde_yaml::from_value(serde_yaml::Value::Mapping(map.clone())).map_err(|e| {
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
        let what = culprit.map(|k| format!(" for '{k}'")).unwrap_or_default();
        Diagnostic::error(format!("wrong value{what} in YAML front matter: {}", first_sentence(&e.to_string())))
            .in_file(path)
            .at(text, line, 1)
    })
}

fn first_sentence(msg: &str) -> &str {
    msg.split(" at line ").next().unwrap_or(msg)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn p(text: &str) -> Result<Parsed, Diagnostic> {
        parse(text, Path::new("a.md"))
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
        assert!(err.message.contains("never closed"));
    }

    #[test]
    fn yaml_reads_same_keys_and_warns_on_foreign_ones() {
        let parsed = p("---\ntitle: 客户\nlayout: post\ndescription: 简介\nweight: 2\n---\nbody").unwrap();
        assert_eq!(parsed.front.title.as_deref(), Some("客户"));
        assert_eq!(parsed.front.summary.as_deref(), Some("简介"));
        assert_eq!(parsed.front.weight, Some(2));
        assert_eq!(parsed.warnings.len(), 1);
        assert_eq!(parsed.warnings[0].line, 3);
        assert_eq!(parsed.format, Format::Yaml);
    }

    #[test]
    fn malformed_yaml_is_located() {
        let err = p("---\ntitle: [unclosed\n---\n").unwrap_err();
        assert!(err.message.starts_with("invalid YAML"), "{}", err.message);
        assert!(err.line >= 2, "{}", err.line);
    }

    #[test]
    fn one_or_many_accepts_both_shapes() {
        let parsed = p("+++\nmethods = \"讲授\"\ncontent = [\"a\", \"b\"]\n+++\n").unwrap();
        assert_eq!(parsed.front.methods, vec!["讲授"]);
        assert_eq!(parsed.front.content, vec!["a", "b"]);
    }

    #[test]
    fn no_front_matter_is_fine() {
        let parsed = p("# 标题\n正文").unwrap();
        assert_eq!(parsed.format, Format::None);
        assert_eq!(parsed.body_line, 1);
    }
}
