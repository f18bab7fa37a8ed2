//! Callouts: GitHub alerts (`> [!NOTE]` …) and the boxes Chinese lecture notes
//! use, written the same way (`> [!本讲重点]`, `> [!小结]`, `> [!举例]`, `> [!思考]`,
//! `> [!课堂小思考]`, `> [!注意]`). Each gets a CSS class and a localized title;
//! text after the marker (`> [!TIP] 记住`) replaces the title.

/// (markers, CSS class, i18n key of the title)
const KINDS: &[(&[&str], &str, &str)] = &[
    (&["note"], "note", "callout_note"),
    (&["tip"], "tip", "callout_tip"),
    (&["important"], "important", "callout_important"),
    (&["warning"], "warning", "callout_warning"),
    (&["caution"], "caution", "callout_caution"),
    (&["本讲重点", "重点", "key-points"], "key-points", "callout_key_points"),
    (&["小结", "本讲小结", "summary"], "summary", "callout_summary"),
    (&["举例", "例", "example"], "example", "callout_example"),
    (&["思考", "think"], "think", "callout_think"),
    (&["课堂小思考", "问题"], "class-question", "callout_class_question"),
    (&["注意", "attention"], "attention", "callout_attention"),
];

#[derive(Debug, PartialEq, Eq)]
pub struct Callout {
    /// CSS class suffix: `callout-key-points`.
    pub class: &'static str,
    /// i18n key of the default title, or None for a marker we don't know.
    pub title_key: Option<&'static str>,
    /// The marker as written, for unknown kinds.
    pub marker: String,
    /// Title text written after the marker, if any.
    pub custom_title: Option<String>,
}

/// Parse the first line of a block quote: `[!本讲重点]` or `[!TIP] 自定义标题`.
pub fn parse_marker(first_line: &str) -> Option<Callout> {
    let rest = first_line.trim_start().strip_prefix("[!")?;
    let (marker, after) = rest.split_once(']')?;
    let marker = marker.trim();
    if marker.is_empty() || marker.chars().count() > 20 {
        return None;
    }
    let lower = marker.to_lowercase();
    let known = KINDS.iter().find(|(names, _, _)| names.contains(&lower.as_str()));
    let after = after.trim();
    Some(Callout {
        class: known.map_or("custom", |k| k.1),
        title_key: known.map(|k| k.2),
        marker: marker.to_string(),
        custom_title: (!after.is_empty()).then(|| after.to_string()),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn github_and_chinese_markers() {
        let c = parse_marker("[!NOTE]").unwrap();
        assert_eq!((c.class, c.title_key), ("note", Some("callout_note")));
        let c = parse_marker("[!本讲重点]").unwrap();
        assert_eq!(c.class, "key-points");
        let c = parse_marker("[!课堂小思考] 想一想").unwrap();
        assert_eq!(c.class, "class-question");
        assert_eq!(c.custom_title.as_deref(), Some("想一想"));
        let c = parse_marker("[!自创]").unwrap();
        assert_eq!((c.class, c.title_key), ("custom", None));
        assert_eq!(parse_marker("普通引用"), None);
        assert_eq!(parse_marker("[!]"), None);
    }
}
