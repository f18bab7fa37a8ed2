//! Every callout kind (`> [!kind] title`), described once in [`KINDS`].
//!
//! Every step that cares what a callout is reads this table and nothing else:
//! the student edition's stripping (`profile`) drops [`Kind::teacher_only`]
//! kinds, the renderer (`render::callout`) draws the box with [`Kind::class`] and
//! [`Kind::label_key`] and keeps [`Kind::speaker_notes`] off the page (and so off
//! the search index, which reads the rendered page), and the slide cutter
//! (`render::slides`) moves speaker notes into the presenter view. Two lists of
//! the same names drifted apart once (`[!备注]` was notes to the deck but not
//! teacher-only to the stripper, and so reached the student edition); one table
//! makes that impossible.
//!
//! Marker syntax, [`parse`]: `[!` name `]`, then optionally a fold sign
//! (`-` folded, `+` open; Obsidian's spelling) and a title. Names are compared
//! case-insensitively (Unicode lower case), so `[!NOTE]`, `[!Teacher]` and
//! `[!SPEAKER-NOTES]` are the kinds their lower-case aliases name. A name not in
//! the table is still a callout (a "custom" box titled with the name as written).

/// One callout kind.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Kind {
    /// Names accepted in `[!name]`, in lower case (the comparison lower-cases
    /// what the author wrote), Chinese and English. The first is the canonical
    /// spelling: the one importers write and the README shows first.
    pub aliases: &'static [&'static str],
    /// CSS class suffix of the box: `callout-{class}`.
    pub class: &'static str,
    /// i18n key of the default title (text after the marker replaces it).
    pub label_key: &'static str,
    /// Only the teacher's edition has it: the student build removes the whole
    /// block from the source before anything else reads the page.
    pub teacher_only: bool,
    /// Slide speaker notes: never drawn on the page (so never in the search
    /// index either); a deck shows them in the presenter view only.
    pub speaker_notes: bool,
    /// `> [!kind]-` (folded) and `> [!kind]+` (open) render the box as a
    /// `<details>` the reader can fold. A kind that is not collapsible accepts
    /// and ignores the sign: speaker notes are never a box on the page.
    pub collapsible: bool,
}

/// The one kind the student edition never shows as a box: the teacher's remarks.
pub const TEACHER: Kind = Kind {
    aliases: &["教师", "teacher", "教师提示"],
    class: "teacher",
    label_key: "callout_teacher",
    teacher_only: true,
    speaker_notes: false,
    collapsible: true,
};

/// Slide speaker notes: teacher-only too (a student's deck has no notes).
pub const SPEAKER_NOTES: Kind = Kind {
    aliases: &["notes", "讲稿", "备注", "speaker-notes"],
    class: "notes",
    label_key: "callout_notes",
    teacher_only: true,
    speaker_notes: true,
    collapsible: false,
};

/// An ordinary box everyone sees, foldable.
const fn ordinary(aliases: &'static [&'static str], class: &'static str, label_key: &'static str) -> Kind {
    Kind { aliases, class, label_key, teacher_only: false, speaker_notes: false, collapsible: true }
}

/// Every kind: GitHub's alerts, the boxes Chinese lecture notes use, then the
/// teacher-only ones. README's "Callouts" section lists the same aliases.
/// MkDocs' admonition types and VitePress' container names (`info`, `danger`,
/// `success`, `question` …; see [`super::containers`]) are aliases here too.
pub const KINDS: &[Kind] = &[
    ordinary(&["note", "info", "todo", "quote", "cite"], "note", "callout_note"),
    ordinary(&["tip", "hint", "success", "check", "done"], "tip", "callout_tip"),
    ordinary(&["important"], "important", "callout_important"),
    ordinary(&["warning"], "warning", "callout_warning"),
    ordinary(&["caution", "danger", "error", "failure", "fail", "missing", "bug"], "caution", "callout_caution"),
    ordinary(&["本讲重点", "重点", "key-points"], "key-points", "callout_key_points"),
    ordinary(&["小结", "本讲小结", "summary", "abstract", "tldr"], "summary", "callout_summary"),
    ordinary(&["举例", "例", "example"], "example", "callout_example"),
    ordinary(&["思考", "think"], "think", "callout_think"),
    ordinary(&["课堂小思考", "问题", "question", "help", "faq"], "class-question", "callout_class_question"),
    ordinary(&["注意", "attention"], "attention", "callout_attention"),
    SPEAKER_NOTES,
    TEACHER,
];

/// Longest name taken as a callout: `> [!一整句话]` is more likely a quote of
/// someone's text than a kind (and a custom box titled with it would be odd).
pub const MAX_NAME_CHARS: usize = 20;

/// The kind a name (as written, any case, surrounding spaces ignored) stands for.
pub fn lookup(name: &str) -> Option<&'static Kind> {
    let lower = name.trim().to_lowercase();
    KINDS.iter().find(|k| k.aliases.contains(&lower.as_str()))
}

/// How a `> [!kind]±` box folds.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Fold {
    /// No sign: a plain box.
    #[default]
    None,
    /// `+`: foldable, open at first.
    Open,
    /// `-`: foldable, folded at first.
    Folded,
}

/// A parsed `[!kind]± title` marker.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Marker<'a> {
    /// The name as written (trimmed), for a custom box's title.
    pub name: &'a str,
    /// The kind in [`KINDS`], or None for a name the table does not know.
    pub kind: Option<&'static Kind>,
    /// The fold sign written. A kind that is not collapsible ignores it: see
    /// [`Marker::fold`].
    pub sign: Fold,
    /// Text after the marker, which replaces the default title.
    pub title: Option<&'a str>,
}

impl Marker<'_> {
    /// Is this teacher-only material (a kind the student edition removes)?
    pub fn teacher_only(&self) -> bool {
        self.kind.is_some_and(|k| k.teacher_only)
    }

    /// Are these slide speaker notes?
    pub fn speaker_notes(&self) -> bool {
        self.kind.is_some_and(|k| k.speaker_notes)
    }

    /// How the box folds: the sign written, if the kind may fold (custom kinds
    /// may, like ordinary ones).
    pub fn fold(&self) -> Fold {
        if self.kind.is_none_or(|k| k.collapsible) {
            self.sign
        } else {
            Fold::None
        }
    }
}

/// Parse a block quote's first line, without its `>`: `[!本讲重点]`,
/// `[!TIP] 自定义标题`, `[!NOTE]- 折叠的标题`. None when the line is no marker.
pub fn parse(first_line: &str) -> Option<Marker<'_>> {
    let rest = first_line.trim_start().strip_prefix("[!")?;
    let (name, after) = rest.split_once(']')?;
    let name = name.trim();
    if name.is_empty() || name.chars().count() > MAX_NAME_CHARS {
        return None;
    }
    // A sign counts only standing alone (`]-` or `]- 标题`), so `]-5 度` keeps its title.
    let (sign, after) = match after.chars().next() {
        Some(c @ ('-' | '+')) if after[1..].is_empty() || after[1..].starts_with(char::is_whitespace) => {
            (if c == '-' { Fold::Folded } else { Fold::Open }, &after[1..])
        }
        _ => (Fold::None, after),
    };
    let title = after.trim();
    Some(Marker { name, kind: lookup(name), sign, title: (!title.is_empty()).then_some(title) })
}

/// Parse a source line that opens a block quote with a marker, `> [!教师] 提示`
/// (leading spaces and the space after `>` allowed). None for any other line.
pub fn parse_quoted(line: &str) -> Option<Marker<'_>> {
    parse(line.trim_start().strip_prefix('>')?)
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::HashSet;

    #[test]
    fn every_alias_resolves_to_its_kind_in_any_case() {
        for kind in KINDS {
            for alias in kind.aliases {
                assert_eq!(lookup(alias), Some(kind), "{alias}");
                assert_eq!(lookup(&alias.to_uppercase()), Some(kind), "{alias}");
                assert_eq!(lookup(&format!(" {alias} ")), Some(kind), "{alias}");
                let line = format!("[!{}] 标题", alias.to_uppercase());
                let m = parse(&line).expect(alias);
                assert_eq!((m.kind, m.title), (Some(kind), Some("标题")), "{alias}");
                assert_eq!(parse_quoted(&format!("  >[!{alias}]")).and_then(|m| m.kind), Some(kind), "{alias}");
            }
        }
    }

    #[test]
    fn aliases_and_classes_are_unique_lower_case_and_parseable() {
        let mut aliases = HashSet::new();
        let mut classes = HashSet::new();
        for kind in KINDS {
            assert!(!kind.aliases.is_empty(), "{kind:?}");
            assert!(classes.insert(kind.class), "class {} listed twice", kind.class);
            assert!(kind.label_key.starts_with("callout_"), "{kind:?}");
            for alias in kind.aliases {
                assert!(aliases.insert(*alias), "alias {alias} listed twice");
                assert_eq!(*alias, alias.to_lowercase(), "aliases are stored in lower case");
                assert!(!alias.contains([']', '[']) && alias.trim() == *alias && !alias.is_empty(), "{alias}");
                assert!(alias.chars().count() <= MAX_NAME_CHARS, "{alias}");
            }
        }
    }

    #[test]
    fn the_teacher_only_aliases_are_the_union_of_the_old_lists() {
        // profile::TEACHER_CALLOUTS and render::callout's KINDS, before the merge.
        let old = ["教师", "teacher", "教师提示", "notes", "讲稿", "备注", "speaker-notes"];
        for name in old {
            assert!(lookup(name).is_some_and(|k| k.teacher_only), "{name}");
        }
        let teacher_only: usize = KINDS.iter().filter(|k| k.teacher_only).map(|k| k.aliases.len()).sum();
        assert_eq!(teacher_only, old.len());
        // Speaker notes are teacher-only: a student's deck has no presenter notes.
        assert!(KINDS.iter().filter(|k| k.speaker_notes).all(|k| k.teacher_only));
        assert_eq!(KINDS.iter().filter(|k| k.speaker_notes).count(), 1);
        assert_eq!(lookup("备注"), Some(&SPEAKER_NOTES));
        assert_eq!(lookup("Speaker-Notes"), Some(&SPEAKER_NOTES));
        assert_eq!(lookup("教师提示"), Some(&TEACHER));
        assert!(!lookup("note").unwrap().teacher_only);
    }

    #[test]
    fn the_readme_lists_every_kind_with_the_tables_aliases() {
        let readme = include_str!("../../README.md");
        for kind in KINDS {
            let aliases: Vec<String> = kind.aliases.iter().map(|a| format!("`{a}`")).collect();
            let row = format!("\n| {} | {} | ", kind.class, aliases.join(", "));
            assert!(readme.contains(&row), "README has no row {row:?}");
            let audience = if kind.teacher_only { "| teacher's edition only" } else { "| everyone |" };
            assert!(readme[readme.find(&row).unwrap() + 2..].split('\n').next().unwrap().contains(audience), "{row}");
        }
    }

    #[test]
    fn markers_titles_and_fold_signs() {
        let m = parse("[!NOTE]").unwrap();
        assert_eq!((m.name, m.kind.map(|k| k.class), m.sign, m.title), ("NOTE", Some("note"), Fold::None, None));
        let m = parse("[!课堂小思考] 想一想").unwrap();
        assert_eq!((m.kind.map(|k| k.class), m.title), (Some("class-question"), Some("想一想")));
        let m = parse("[!TIP]- 收起").unwrap();
        assert_eq!((m.fold(), m.title), (Fold::Folded, Some("收起")));
        assert_eq!(parse("[!tip]+").unwrap().fold(), Fold::Open);
        // A sign glued to text is part of the title.
        let m = parse("[!注意]-5 度以下").unwrap();
        assert_eq!((m.fold(), m.title), (Fold::None, Some("-5 度以下")));
        // Notes are never a box, so never fold; custom kinds fold like ordinary ones.
        let m = parse("[!备注]-").unwrap();
        assert!(m.speaker_notes() && m.teacher_only());
        assert_eq!((m.sign, m.fold()), (Fold::Folded, Fold::None));
        let m = parse("[!自创]- 标题").unwrap();
        assert_eq!((m.kind, m.name, m.fold()), (None, "自创", Fold::Folded));
        assert!(!m.teacher_only() && !m.speaker_notes());
    }

    #[test]
    fn non_markers_and_odd_input() {
        for line in [
            "普通引用",
            "[!]",
            "[! ]",
            "[!教师",
            "[教师]",
            "",
            "[!",
            "!]",
            "[!二十一个字二十一个字二十一个字二十一个字二十一]",
        ] {
            assert_eq!(parse(line), None, "{line}");
        }
        assert_eq!(parse_quoted("[!教师]"), None, "no `>`: not a quote");
        assert_eq!(parse_quoted("> 引用"), None);
        assert!(parse("[!é]-\u{0}").is_some());
        assert!(parse("[!x]+\u{3000}标题").is_some_and(|m| m.fold() == Fold::Open && m.title == Some("标题")));
    }
}
