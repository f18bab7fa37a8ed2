//! TOML → typed struct, with errors turned into located [`Diagnostic`]s.
//! Shared by `course.toml` and page front matter so both speak the same way:
//! spans are shifted into file coordinates, and serde's "unknown field" message
//! becomes "unknown key 'x' in …; did you mean 'y'?".

use crate::diag::{did_you_mean, Diagnostic};
use crate::messages::Msg;
use serde::de::DeserializeOwned;
use std::path::Path;

/// Where a TOML snippet sits inside a file.
pub struct Located<'a> {
    pub path: &'a Path,
    /// The whole file (after BOM/CRLF normalisation), to quote the offending line.
    pub file_text: &'a str,
    /// Byte offset of the snippet inside `file_text`.
    pub offset: usize,
    /// Where, as a message key (`where_front_matter`, `where_course_toml`, …).
    pub what: &'static str,
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

/// Reword serde's messages into the project's voice, with a fix where we know
/// one. The parser's own words (`raw`) are kept only where they are the detail.
fn explain(raw: &str, snippet: &str, start: usize, what: &'static str) -> (Msg, Option<Msg>) {
    let raw = raw.trim();
    let names = |rest: &str| -> Vec<String> { rest.split('`').skip(1).step_by(2).map(str::to_owned).collect() };
    let place = Msg::new(what);
    if let Some(rest) = raw.strip_prefix("unknown field ") {
        if let Some((field, expected)) = names(rest).split_first() {
            let message = match did_you_mean(field, expected.iter().map(String::as_str)) {
                Some(best) => msg!("toml_unknown_key_best", field, what = place, best),
                None => msg!("toml_unknown_key", field, what = place),
            };
            let hint = if expected.is_empty() {
                msg!("toml_remove_key")
            } else {
                msg!("toml_valid_keys", keys = crate::messages::list(expected))
            };
            return (message, Some(hint));
        }
    }
    if let Some(rest) = raw.strip_prefix("missing field ") {
        let field = rest.trim_matches('`');
        let _ = snippet;
        return (msg!("toml_missing_key", field, what = place), Some(msg!("toml_add_key", field)));
    }
    if raw.starts_with("invalid type") {
        let message = match key_at(snippet, start) {
            Some(key) => msg!("toml_wrong_type_key", key, what = place, raw),
            None => msg!("toml_wrong_type", what = place, raw),
        };
        return (message, Some(msg!("toml_wrong_type_hint")));
    }
    if let Some(rest) = raw.strip_prefix("unknown variant ") {
        if let Some((given, expected)) = names(rest).split_first() {
            let expected = crate::messages::list(expected);
            return (msg!("toml_unknown_value", given, what = place, expected), None);
        }
    }
    (msg!("toml_invalid", what = place, raw), Some(msg!("toml_invalid_hint")))
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
        Located { path, file_text: text, offset: 4, what: "where_front_matter" }
    }

    #[test]
    fn unknown_key_points_at_key_in_file_coordinates() {
        let text = "+++\ntitle = \"x\"\nhourss = 4\n+++\n";
        let path = Path::new("a.md");
        let err = parse::<Fm>(&text[4..27], &located(path, text)).unwrap_err();
        assert_eq!((err.line, err.col), (3, 1));
        assert_eq!(err.message.en(), "unknown key 'hourss' in front matter; did you mean 'hours'?");
    }

    #[test]
    fn wrong_type_names_the_key() {
        let text = "+++\ntitle = \"x\"\nhours = \"four\"\n+++\n";
        let path = Path::new("a.md");
        let err = parse::<Fm>(&text[4..31], &located(path, text)).unwrap_err();
        assert_eq!(err.line, 3);
        assert!(err.message.en().contains("wrong type for 'hours'"), "{:?}", err.message.en());
    }

    #[test]
    fn syntax_error_is_located() {
        let text = "+++\ntitle = \"x\nhours = 4\n+++\n";
        let path = Path::new("a.md");
        let err = parse::<Fm>(&text[4..25], &located(path, text)).unwrap_err();
        assert_eq!(err.line, 2);
        assert!(err.message.en().starts_with("invalid TOML in front matter"), "{:?}", err.message.en());
    }
}
