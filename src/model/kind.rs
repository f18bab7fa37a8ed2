//! Page kinds: what a page *is* decides its template, its header card and, in
//! later steps, its slides, quiz or script rendering.

use serde::Serialize;

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Kind {
    Lesson,
    Case,
    Script,
    Quiz,
    Glossary,
    Page,
}

impl Kind {
    pub const ALL: [Kind; 6] = [Kind::Lesson, Kind::Case, Kind::Script, Kind::Quiz, Kind::Glossary, Kind::Page];
    pub const NAMES: [&'static str; 6] = ["lesson", "case", "script", "quiz", "glossary", "page"];

    pub fn as_str(self) -> &'static str {
        Self::NAMES[self as usize]
    }

    pub fn parse(name: &str) -> Option<Kind> {
        Self::NAMES.iter().position(|n| *n == name).map(|i| Self::ALL[i])
    }

    /// The conventional top folder for a kind: `lessons/`, `cases/`, …
    pub fn folder(self) -> Option<&'static str> {
        match self {
            Kind::Lesson => Some("lessons"),
            Kind::Case => Some("cases"),
            Kind::Script => Some("scripts"),
            Kind::Quiz => Some("quizzes"),
            Kind::Glossary | Kind::Page => None,
        }
    }

    pub fn from_folder(top: &str) -> Option<Kind> {
        Self::ALL.into_iter().find(|k| k.folder() == Some(top))
    }

    /// Kind of a page at `rel` (path under content/) with no `kind` key.
    pub fn infer(rel: &str) -> Kind {
        if rel == "glossary.md" {
            return Kind::Glossary;
        }
        match rel.split_once('/') {
            Some((top, _)) => Kind::from_folder(top).unwrap_or(Kind::Page),
            None => Kind::Page,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn kind_from_folder_and_name() {
        assert_eq!(Kind::infer("lessons/01.md"), Kind::Lesson);
        assert_eq!(Kind::infer("cases/a/b.md"), Kind::Case);
        assert_eq!(Kind::infer("scripts/x.md"), Kind::Script);
        assert_eq!(Kind::infer("quizzes/x.md"), Kind::Quiz);
        assert_eq!(Kind::infer("glossary.md"), Kind::Glossary);
        assert_eq!(Kind::infer("about.md"), Kind::Page);
        assert_eq!(Kind::infer("notes/x.md"), Kind::Page);
        assert_eq!(Kind::parse("case"), Some(Kind::Case));
        assert_eq!(Kind::parse("cases"), None);
        for k in Kind::ALL {
            assert_eq!(Kind::parse(k.as_str()), Some(k));
        }
    }
}
