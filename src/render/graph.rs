//! The web between pages, computed once every page is rendered: each link's
//! anchor is checked against the target's headings, each page learns what links
//! to it (its backlinks, "被引用"), and each glossary term where it is used.

use super::body::Body;
use crate::diag::{did_you_mean, Diagnostic};
use crate::model::Course;
use std::collections::{BTreeMap, BTreeSet};

/// Ids the templates add to every page, or to pages of some kind.
pub const TEMPLATE_ANCHORS: &[&str] =
    &["main", "sidebar", "lesson-form-title", "homework", "backlinks", "case-questions", "case-analysis"];

/// A page that links here, and the heading (index into its headings) the link sits under.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub struct Backlink {
    pub source: usize,
    pub heading: Option<usize>,
}

#[derive(Debug, Default)]
pub struct Graph {
    /// Per page: who links to it, in reading order of the source pages.
    pub backlinks: Vec<Vec<Backlink>>,
    /// Per glossary term: where it occurs (pages other than the glossary), in reading order.
    pub term_uses: Vec<Vec<Backlink>>,
}

impl Graph {
    pub fn new(course: &Course, bodies: &[Body]) -> Graph {
        let n = course.pages.len();
        let mut position = vec![usize::MAX; n];
        for (pos, &page) in course.order.iter().enumerate() {
            position[page] = pos;
        }
        let mut backlinks: Vec<BTreeSet<(usize, Backlink)>> = vec![BTreeSet::new(); n];
        for (source, body) in bodies.iter().enumerate() {
            for link in &body.state.links {
                if link.target != source {
                    backlinks[link.target].insert((position[source], Backlink { source, heading: link.heading }));
                }
            }
        }
        // A lesson's `cases = [...]` counts as a link from its header card, unless
        // the lesson's text already links there (under a heading, which says more).
        for (source, page) in course.pages.iter().enumerate() {
            for &case in &page.cases_used {
                if !backlinks[case].iter().any(|(_, b)| b.source == source) {
                    backlinks[case].insert((position[source], Backlink { source, heading: None }));
                }
            }
        }
        let terms = course.glossary.as_ref().map_or(0, |g| g.terms.len());
        let glossary_page = course.glossary.as_ref().map(|g| g.page);
        let mut term_uses: Vec<BTreeSet<(usize, Backlink)>> = vec![BTreeSet::new(); terms];
        for (source, body) in bodies.iter().enumerate() {
            if Some(source) == glossary_page {
                continue;
            }
            for term_use in &body.state.terms {
                if let Some(set) = term_uses.get_mut(term_use.term) {
                    set.insert((position[source], Backlink { source, heading: term_use.heading }));
                }
            }
        }
        let strip = |sets: Vec<BTreeSet<(usize, Backlink)>>| -> Vec<Vec<Backlink>> {
            sets.into_iter().map(|s| s.into_iter().map(|(_, b)| b).collect()).collect()
        };
        Graph { backlinks: strip(backlinks), term_uses: strip(term_uses) }
    }
}

/// Every `#anchor` of every internal link must exist in its target page; the
/// closest existing one is suggested. An anchor written for GitHub (the GitHub
/// slug of one of the target's headings, `#dependencies--environments`) or as
/// the heading's text (`#一、服务礼仪（上）`) is not an error: the link is
/// rewritten to that heading's id.
/// `refill` renders a body again whose HTML the build cache did not keep
/// (`Body::hollow`), for its links to be rewritten.
pub fn check_anchors(
    course: &Course,
    bodies: &mut [Body],
    diags: &mut Vec<Diagnostic>,
    refill: &dyn Fn(usize) -> Body,
) {
    // A page has a few headings: a look along them beats building a set
    // for every page links point into.
    let ids_of =
        |target: usize| bodies[target].headings().iter().map(|h| h.id.as_str()).chain(TEMPLATE_ANCHORS.iter().copied());
    let has_id = |target: usize, id: &str| ids_of(target).any(|known| known == id);
    let mut github: Vec<Option<BTreeMap<String, String>>> = vec![None; bodies.len()];
    let mut fixes: Vec<(usize, usize, String)> = Vec::new();
    for (source, body) in bodies.iter().enumerate() {
        let page = &course.pages[source];
        for (k, link) in body.state.links.iter().enumerate() {
            let Some(fragment) = link.fragment.as_deref().filter(|f| !f.is_empty()) else { continue };
            if has_id(link.target, fragment) {
                continue;
            }
            let slugs = github[link.target].get_or_insert_with(|| github_ids(&bodies[link.target]));
            if let Some(id) = slugs.get(fragment) {
                fixes.push((source, k, id.clone()));
                continue;
            }
            // Written as the heading's text (`#一、服务礼仪（上）`): made an id
            // the way the heading's text was.
            let as_id = crate::syntax::anchor::slugify(fragment);
            if has_id(link.target, &as_id) {
                fixes.push((source, k, as_id));
                continue;
            }
            let target = &course.pages[link.target];
            let mut d = Diagnostic::error(msg!("anchor_missing", fragment, page = &target.id))
                .in_file(&page.display)
                .at(&page.text, link.line, link.col);
            d = match did_you_mean(fragment, ids_of(link.target).collect::<BTreeSet<_>>()) {
                Some(best) => d.hint(msg!("anchor_did_you_mean", best)),
                None => d.hint(msg!(
                    "anchor_missing_hint",
                    page = &target.id,
                    anchors = first_few(body_anchor_list(&bodies[link.target]))
                )),
            };
            diags.push(d);
        }
    }
    for &(source, _, _) in &fixes {
        if bodies[source].hollow {
            bodies[source] = refill(source);
        }
    }
    for (source, k, id) in fixes {
        if let Err(d) = fix_anchor(course, &mut bodies[source], source, k, &id) {
            diags.push(d);
        }
    }
    // Each body's slugs once: the link check above filled them for the pages it looked into.
    for (body, slugs) in bodies.iter_mut().zip(github) {
        if body.aliased || body.hollow {
            continue; // a hollow body gets them when it is rendered again (`refill`)
        }
        let slugs = slugs.unwrap_or_else(|| github_ids(body));
        add_github_aliases(body, slugs);
    }
}

/// Each heading whose GitHub slug is not its id also answers to the slug (an
/// empty `span` with that id opening the heading), so links the build does not
/// rewrite find it too: a slide deck's, another site's, a bookmark.
fn add_github_aliases(body: &mut Body, slugs: BTreeMap<String, String>) {
    body.aliased = true;
    if slugs.is_empty() {
        return;
    }
    // Every id the page's HTML already has (headings, footnotes, script nodes,
    // aliases of an earlier build in a serve session), and where the first
    // tag ending right after each id ends, found in one pass.
    let content = &body.content;
    let mut taken: BTreeSet<&str> = BTreeSet::new();
    let mut tag_end: BTreeMap<&str, usize> = BTreeMap::new();
    for (at, _) in content.match_indices(" id=\"") {
        let value = &content[at + 5..];
        let id = &value[..value.find('"').unwrap_or(0)];
        taken.insert(id);
        let after = at + 5 + id.len() + 1;
        if content[after..].starts_with('>') {
            tag_end.entry(id).or_insert(after + 1);
        }
    }
    let escape = crate::render::text::escape;
    let mut spans: Vec<(usize, String)> = Vec::new();
    for (slug, id) in &slugs {
        let escaped = escape(slug);
        if taken.contains::<str>(escaped.as_ref()) || crate::syntax::anchor::is_theme_id(slug) {
            continue;
        }
        if let Some(&at) = tag_end.get::<str>(escape(id).as_ref()) {
            spans.push((at, format!("<span id=\"{escaped}\" class=\"anchor-alias\"></span>")));
        }
    }
    if spans.is_empty() {
        return;
    }
    // Written into a new string of the final size (inserting into the old one
    // doubled its capacity: 48 MB more at 10,000 pages). Spans at one place
    // go in the reverse of slug order, as inserting each right after the tag did.
    let mut order: Vec<usize> = (0..spans.len()).collect();
    order.sort_by_key(|&i| (spans[i].0, std::cmp::Reverse(i)));
    let mut out = String::with_capacity(content.len() + spans.iter().map(|(_, s)| s.len()).sum::<usize>());
    let mut copied = 0;
    for i in order {
        let (at, span) = &spans[i];
        out.push_str(&content[copied..*at]);
        out.push_str(span);
        copied = *at;
    }
    out.push_str(&content[copied..]);
    body.content = out;
}

/// A freshly rendered body's GitHub-slug aliases, as every body gets them here.
pub fn add_aliases(body: &mut Body) {
    let slugs = github_ids(body);
    add_github_aliases(body, slugs);
}

/// GitHub slug → id, for each heading whose id is not already its GitHub slug.
fn github_ids(body: &Body) -> BTreeMap<String, String> {
    let headings = body.headings();
    let slugs = crate::syntax::anchor::github_slugs(headings.iter().map(|h| h.text.as_str()));
    slugs.into_iter().zip(headings).filter(|(slug, h)| *slug != h.id).map(|(slug, h)| (slug, h.id.clone())).collect()
}

/// Rewrite link `k` of page `source` (its `#fragment` a GitHub slug) to the
/// heading's id `id`, in the page's HTML and its link record. The page's body
/// is then not cached (see `cache::keep`): the rewrite depends on another page.
fn fix_anchor(course: &Course, body: &mut Body, source: usize, k: usize, id: &str) -> Result<(), Diagnostic> {
    let link = &body.state.links[k];
    let (target, line, col) = (link.target, link.line, link.col);
    let old = link.fragment.clone().unwrap_or_default();
    let href = |fragment: &str| {
        let url = if target == source {
            format!("#{fragment}")
        } else {
            let out = crate::model::url::encode_path(&course.pages[target].out);
            format!("{}{out}#{fragment}", "../".repeat(course.pages[source].depth()))
        };
        let mut escaped = String::new();
        let _ = comrak::html::escape_href(&mut escaped, &url, false);
        format!("href=\"{escaped}\"")
    };
    let (from, to) = (href(&old), href(id));
    let mut found = false;
    for html in std::iter::once(&mut body.content)
        .chain([&mut body.questions.html, &mut body.analysis.html])
        .chain(&mut body.definitions)
    {
        if html.contains(&from) {
            *html = html.replace(&from, &to);
        }
        // Another link with the same URL may have been rewritten already.
        found |= html.contains(&to);
    }
    body.state.links[k].fragment = Some(id.to_string());
    if !body.state.anchor_fixes.iter().any(|(o, _)| *o == old) {
        body.state.anchor_fixes.push((old.clone(), id.to_string()));
    }
    if found {
        return Ok(());
    }
    // The link as written could not be found in the HTML (an unusual spelling): say so.
    let page = &course.pages[source];
    Err(Diagnostic::error(msg!("anchor_missing", fragment = old, page = &course.pages[target].id))
        .in_file(&page.display)
        .at(&page.text, line, col)
        .hint(msg!("anchor_did_you_mean", best = id)))
}

fn body_anchor_list(body: &Body) -> Vec<&str> {
    body.headings().iter().map(|h| h.id.as_str()).collect()
}

fn first_few(ids: Vec<&str>) -> crate::messages::Arg {
    use crate::messages::IntoArg;
    if ids.is_empty() {
        return msg!("anchor_no_headings").into_arg();
    }
    let mut shown: Vec<&str> = ids.iter().copied().take(8).collect();
    if ids.len() > 8 {
        shown.push("…");
    }
    crate::messages::list(shown)
}
