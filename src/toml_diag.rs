//! TOML → typed struct, with errors turned into located [`Diagnostic`]s.
//! Shared by `course.toml` and page front matter so both speak the same way:
//! spans are shifted into file coordinates, and serde's "unknown field" message
//! becomes "unknown key 'x' in …; did you mean 'y'?".

use crate::diag::{did_you_mean, Diagnostic};
use serde::de::DeserializeOwned;
use std::path::Path;

/// Where a TOML snippet sits inside a file.
pub struct Located<'a> {
    pub path: &'a Path,
    /// The whole file (after BOM/CRLF normalisation), to quote the offending line.
    pub file_text: &'a str,
    /// Byte offset of the snippet inside `file_text`.
    pub offset: usize,
    /// "front matter" or "course.toml", used in messages.
    pub what: &'a str,
}

pub fn parse<T: DeserializeOwned>(snippet: &str, at: &Located) -> Result<T, Diagnostic> {
    toml::from_str::<T>(snippet).map_err(|err| {
        let start = err.span().map_or(0, |s| s.start);
        let (message, hint) = explain(err.message(), snippet, start, at.what);
        let mut d = Diagnostic::error(message).in_file(at.path).at_offset(at.file_text, at.offset + start);
        if let Some(hint) = hint {
            d = d.hint(hint);
        }
        d
    })
}

/// Reword serde's messages into the project's voice, with a fix where we know one.
fn explain(raw: &str, snippet: &str, start: usize, what: &str) -> (String, Option<String>) {
    let raw = raw.trim();
    if let Some(rest) = raw.strip_prefix("unknown field ") {
        let names: Vec<&str> = rest.split('`').skip(1).step_by(2).collect();
        if let Some((field, expected)) = names.split_first() {
            let message = match did_you_mean(field, expected.iter().copied()) {
                Some(best) => format!("unknown key '{field}' in {what}; did you mean '{best}'?"),
                None => format!("unknown key '{field}' in {what}"),
            };
            let hint = if expected.is_empty() {
                "remove this key".to_string()
            } else {
                format!("valid keys here: {}", expected.join(", "))
            };
            return (message, Some(hint));
        }
    }
    if let Some(rest) = raw.strip_prefix("missing field ") {
        let field = rest.trim_matches('`');
        let _ = snippet;
        return (format!("missing key '{field}' in {what}"), Some(format!("add a line `{field} = …`")));
    }
    if raw.starts_with("invalid type") {
        let key = key_at(snippet, start);
        let message = match key {
            Some(k) => format!("wrong type for '{k}' in {what}: {raw}"),
            None => format!("wrong type in {what}: {raw}"),
        };
        return (message, Some("check the value's quotes, brackets and numbers".into()));
    }
    if raw.starts_with("unknown variant") {
        return (format!("{raw} in {what}"), None);
    }
    (
        format!("invalid TOML in {what}: {raw}"),
        Some("TOML strings need \"quotes\", lists need [brackets]; see https://toml.io".into()),
    )
}

/// The key on the line where an error starts (for "wrong type for 'hours'").
fn key_at(snippet: &str, offset: usize) -> Option<String> {
    let line_start = snippet[..offset.min(snippet.len())].rfind('\n').map_or(0, |i| i + 1);
    let line = snippet[line_start..].lines().next()?;
    let (key, _) = line.split_once('=')?;
    let key = key.trim();
    (!key.is_empty()).then(|| key.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde::Deserialize;

    #[derive(Deserialize, Debug)]
    #[serde(deny_unknown_fields)]
    #[allow(dead_code)]
    struct Fm {
        title: String,
        hours: Option<u32>,
    }

    fn located<'a>(path: &'a Path, text: &'a str) -> Located<'a> {
        Located { path, file_text: text, offset: 4, what: "front matter" }
    }

    #[test]
    fn unknown_key_points_at_key_in_file_coordinates() {
        let text = "+++\ntitle = \"x\"\nhourss = 4\n+++\n";
        let path = Path::new("a.md");
        let err = parse::<Fm>(&text[4..27], &located(path, text)).unwrap_err();
        assert_eq!((err.line, err.col), (3, 1));
        assert_eq!(err.message, "unknown key 'hourss' in front matter; did you mean 'hours'?");
    }

    #[test]
    fn wrong_type_names_the_key() {
        let text = "+++\ntitle = \"x\"\nhours = \"four\"\n+++\n";
        let path = Path::new("a.md");
        let err = parse::<Fm>(&text[4..31], &located(path, text)).unwrap_err();
        assert_eq!(err.line, 3);
        assert!(err.message.contains("wrong type for 'hours'"), "{}", err.message);
    }

    #[test]
    fn syntax_error_is_located() {
        let text = "+++\ntitle = \"x\nhours = 4\n+++\n";
        let path = Path::new("a.md");
        let err = parse::<Fm>(&text[4..25], &located(path, text)).unwrap_err();
        assert_eq!(err.line, 2);
        assert!(err.message.starts_with("invalid TOML in front matter"), "{}", err.message);
    }
}
