//! What the glossary template sees: terms grouped under their index letter
//! (A–Z, `#` first), a jump bar, and per term its definition, aliases, English
//! name, related terms and where it is used (出现在). Also the tooltip text that
//! term links carry on every page.

use super::body::Body;
use super::context::Link;
use super::graph::Graph;
use super::links::encode_path;
use super::text::plain_summary;
use crate::i18n;
use crate::model::glossary::Glossary;
use crate::model::Course;
use serde::Serialize;

/// Tooltips stay short: the first paragraph, cut at this many characters.
const SUMMARY_CHARS: usize = 120;

#[derive(Debug, Serialize)]
pub struct GlossaryCtx {
    pub letters: Vec<Link>,
    pub groups: Vec<Group>,
    pub count: usize,
}

#[derive(Debug, Serialize)]
pub struct Group {
    pub letter: String,
    pub id: String,
    pub terms: Vec<TermCtx>,
}

#[derive(Debug, Serialize)]
pub struct TermCtx {
    pub name: String,
    pub id: String,
    pub aliases: Vec<String>,
    pub en: Option<String>,
    pub definition: String,
    pub related: Vec<Link>,
    pub used_in: Vec<Use>,
    /// Every use, listed or not (`used_in` stops at [`USES_LISTED`]).
    pub used_count: usize,
    /// "另有 N 处" when the list is cut, in the page's language.
    pub used_more: Option<String>,
}

/// Uses listed under a term. A term of a large course is used on hundreds of
/// pages; listing them all made a 10,000-page course's glossary 14 MB, too big
/// for a phone, and search finds every use anyway.
pub const USES_LISTED: usize = 30;

#[derive(Debug, Serialize)]
pub struct Use {
    pub title: String,
    pub url: String,
    pub heading: Option<String>,
}

pub fn letter_id(letter: char) -> String {
    if letter == '#' {
        "letter-0-9".into()
    } else {
        format!("letter-{letter}")
    }
}

/// Tooltip text of each term, in glossary order.
pub fn summaries(glossary: &Glossary) -> Vec<String> {
    glossary.terms.iter().map(|t| plain_summary(&t.definition, SUMMARY_CHARS)).collect()
}

/// The glossary page's context; `root` leads from it to the site root.
pub fn context(course: &Course, glossary: &Glossary, bodies: &[Body], graph: &Graph, root: &str) -> GlossaryCtx {
    let url = |page: usize, fragment: Option<&str>| {
        let mut u = format!("{root}{}", encode_path(&course.pages[page].out));
        if let Some(f) = fragment {
            u.push('#');
            u.push_str(f);
        }
        u
    };
    let own = &bodies[glossary.page];
    let mut groups: Vec<Group> = Vec::new();
    for letter in glossary.letters() {
        groups.push(Group { letter: letter.to_string(), id: letter_id(letter), terms: Vec::new() });
    }
    for (i, term) in glossary.terms.iter().enumerate() {
        let used_count = graph.term_uses.get(i).map_or(0, Vec::len);
        let used_in = graph.term_uses.get(i).map_or_else(Vec::new, |uses| {
            uses.iter()
                .take(USES_LISTED)
                .map(|u| {
                    let heading = u.heading.and_then(|h| bodies[u.source].headings().get(h));
                    Use {
                        title: course.pages[u.source].title.clone(),
                        url: url(u.source, heading.map(|h| h.id.as_str())),
                        heading: heading.map(|h| h.text.clone()),
                    }
                })
                .collect()
        });
        let ctx = TermCtx {
            name: term.name.clone(),
            id: term.id.clone(),
            aliases: term.aliases.clone(),
            en: term.en.clone(),
            definition: own.definitions.get(i).cloned().unwrap_or_default(),
            related: term
                .related
                .iter()
                .map(|&r| Link { title: glossary.terms[r].name.clone(), url: format!("#{}", glossary.terms[r].id) })
                .collect(),
            used_in,
            used_count,
            used_more: (used_count > USES_LISTED).then(|| {
                i18n::t(course.config.language, "glossary_used_more")
                    .replace("{n}", &(used_count - USES_LISTED).to_string())
            }),
        };
        if let Some(group) = groups.iter_mut().find(|g| g.letter.starts_with(term.letter)) {
            group.terms.push(ctx);
        }
    }
    let letters = groups.iter().map(|g| Link { title: g.letter.clone(), url: format!("#{}", g.id) }).collect();
    GlossaryCtx { letters, groups, count: glossary.terms.len() }
}
