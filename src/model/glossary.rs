//! The glossary (`content/glossary.md`): each `##` heading is a term; the line
//! under it may hold a TOML inline table (`{ aliases = ["大客户"], en = "key
//! account", pinyin = "guan1 jian4 ke4 hu4", related = ["客户"] }`); the rest, up
//! to the next `##`, is the definition. Terms are sorted in pinyin order, the
//! order of a Chinese index, with Latin terms among them by their letters.

use super::order::{collation_key, index_letter};
use super::page::Page;
use crate::diag::{did_you_mean, Diagnostic, Diagnostics};
use crate::syntax::anchor::Slugger;
use crate::syntax::lines::{lines, Line};
use crate::toml_diag::{self, Located};
use serde::Deserialize;
use std::collections::BTreeMap;

#[derive(Debug, Clone)]
pub struct Term {
    pub name: String,
    /// Anchor on the glossary page: `glossary.html#关键客户`.
    pub id: String,
    pub aliases: Vec<String>,
    pub en: Option<String>,
    pub pinyin: Option<String>,
    /// Other terms, as indexes into [`Glossary::terms`].
    pub related: Vec<usize>,
    /// The definition's Markdown and the 0-based line of the body where it starts.
    pub definition: String,
    pub def_line: usize,
    pub sort: String,
    pub letter: char,
}

#[cfg(test)]
impl Term {
    /// A bare term for tests: its name (also its id) and aliases.
    pub fn named(name: &str, aliases: &[&str]) -> Term {
        Term {
            name: name.into(),
            id: name.into(),
            aliases: aliases.iter().map(|a| a.to_string()).collect(),
            en: None,
            pinyin: None,
            related: vec![],
            definition: String::new(),
            def_line: 0,
            sort: String::new(),
            letter: 'A',
        }
    }
}

#[derive(Debug, Clone, Default)]
pub struct Glossary {
    /// The glossary page, as an index into the course's pages.
    pub page: usize,
    /// Markdown before the first term, and where it starts (0-based body line).
    pub intro: String,
    /// Sorted by collation key.
    pub terms: Vec<Term>,
}

impl Glossary {
    /// Index letters in use, in order (A–Z, `#` for digits and symbols first).
    pub fn letters(&self) -> Vec<char> {
        let mut letters: Vec<char> = self.terms.iter().map(|t| t.letter).collect();
        letters.sort_by_key(|&c| (c != '#', c));
        letters.dedup();
        letters
    }
}

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct Meta {
    #[serde(default)]
    aliases: Vec<String>,
    en: Option<String>,
    pinyin: Option<String>,
    #[serde(default)]
    related: Vec<String>,
}

#[derive(Deserialize)]
struct Wrapper {
    m: Meta,
}

/// A term as written, before sorting and resolving `related`.
struct Draft {
    name: String,
    meta: Meta,
    heading_line: usize,
    definition: String,
    def_line: usize,
}

/// What `serve` keeps between builds: the glossary, parsed again only when
/// its page changed (500 terms took 13 ms of every rebuild at 1,000 pages, a
/// quarter of it).
#[derive(Debug, Default)]
pub struct GlossaryCache {
    kept: Option<(u64, Glossary, Vec<Diagnostic>)>,
}

/// The one page of kind `glossary`, parsed into terms.
pub fn from_pages(pages: &[Page], diags: &mut Diagnostics, cache: Option<&mut GlossaryCache>) -> Option<Glossary> {
    let mut found = pages.iter().enumerate().filter(|(_, p)| p.kind == super::Kind::Glossary);
    let (index, page) = found.next()?;
    for (_, extra) in found {
        diags.push(
            Diagnostic::error(msg!("glossary_second", first = page.display.display()))
                .in_file(&extra.display)
                .hint(msg!("glossary_second_hint")),
        );
    }
    // Its terms are a function of the page's text and place alone.
    let key = crate::fingerprint::hash_of(&(index, &page.display, &page.text, page.body_offset));
    let mut scratch = None;
    let kept = cache.map_or(&mut scratch, |c| &mut c.kept);
    if !matches!(kept, Some((k, _, _)) if *k == key) {
        let mut found = Vec::new();
        let glossary = parse(index, page, &mut found);
        *kept = Some((key, glossary, found));
    }
    let (_, glossary, found) = kept.as_ref()?;
    diags.extend(found.iter().cloned());
    Some(glossary.clone())
}

pub fn parse(page_index: usize, page: &Page, diags: &mut Vec<Diagnostic>) -> Glossary {
    let body = page.body();
    let (intro, drafts) = split_terms(body);
    let mut drafts: Vec<Draft> = drafts
        .into_iter()
        .filter_map(|(name, heading_line, text, first_line)| {
            let (meta, definition, def_line) = read_meta(text, first_line, page, diags)?;
            Some(Draft { name, meta, heading_line, definition, def_line })
        })
        .collect();

    drop_duplicate_names(&mut drafts, page, diags);

    let mut order: Vec<(String, usize)> =
        drafts.iter().enumerate().map(|(i, d)| (collation_key(&d.name, d.meta.pinyin.as_deref()), i)).collect();
    order.sort();
    let position: BTreeMap<usize, usize> = order.iter().enumerate().map(|(pos, (_, i))| (*i, pos)).collect();
    let by_name: BTreeMap<&str, usize> =
        drafts.iter().enumerate().map(|(i, d)| (d.name.as_str(), position[&i])).collect();
    let mut slugger = Slugger::default();
    let mut terms = Vec::with_capacity(drafts.len());
    for (sort, i) in order {
        let d = &drafts[i];
        let related = related_terms(d, &by_name, page, diags);
        terms.push(Term {
            id: slugger.unique(&d.name),
            name: d.name.clone(),
            aliases: d.meta.aliases.iter().map(|a| a.trim().to_string()).filter(|a| !a.is_empty()).collect(),
            en: d.meta.en.clone(),
            pinyin: d.meta.pinyin.clone(),
            related,
            definition: d.definition.clone(),
            def_line: d.def_line,
            letter: index_letter(&sort),
            sort,
        });
    }
    Glossary { page: page_index, intro, terms }
}

/// Every name and alias must point at exactly one term: a term whose name is
/// taken is dropped (an alias that is taken only reported), each at its line.
fn drop_duplicate_names(drafts: &mut Vec<Draft>, page: &Page, diags: &mut Vec<Diagnostic>) {
    let file_line = |body_line: usize| page.body_line + body_line;
    let mut owner: BTreeMap<String, (String, usize)> = BTreeMap::new();
    let mut keep = vec![true; drafts.len()];
    for (i, d) in drafts.iter().enumerate() {
        let names = std::iter::once(&d.name).chain(d.meta.aliases.iter());
        for (n, name) in names.enumerate() {
            let key = name.trim().to_lowercase();
            if key.is_empty() {
                continue;
            }
            if let Some((other, other_line)) = owner.get(&key) {
                let what = if n == 0 { "glossary_term" } else { "glossary_alias" };
                diags.push(
                    Diagnostic::error(msg!(
                        "glossary_duplicate",
                        what = crate::messages::Msg::new(what),
                        name,
                        other,
                        line = other_line
                    ))
                    .in_file(&page.display)
                    .at(&page.text, file_line(d.heading_line + usize::from(n > 0)), 1)
                    .hint(msg!("glossary_duplicate_hint")),
                );
                keep[i] = n > 0 && keep[i];
                continue;
            }
            owner.insert(key, (d.name.clone(), file_line(d.heading_line)));
        }
    }
    let mut kept = keep.iter();
    drafts.retain(|_| *kept.next().unwrap_or(&true));
}

/// A term's `related` names as term positions; a name not in the glossary is
/// an error at the term's metadata line.
fn related_terms(d: &Draft, by_name: &BTreeMap<&str, usize>, page: &Page, diags: &mut Vec<Diagnostic>) -> Vec<usize> {
    let file_line = |body_line: usize| page.body_line + body_line;
    let mut related = Vec::new();
    for name in &d.meta.related {
        match by_name.get(name.as_str()) {
            Some(&t) => related.push(t),
            None => {
                let mut e = Diagnostic::error(msg!("glossary_related_missing", name)).in_file(&page.display).at(
                    &page.text,
                    file_line(d.heading_line + 1),
                    1,
                );
                if let Some(best) = did_you_mean(name, by_name.keys().copied()) {
                    e = e.hint(msg!("did_you_mean", best));
                }
                diags.push(e);
            }
        }
    }
    related
}

/// Split the body at `##` headings (outside code fences):
/// (intro, [(term, heading line, text after it, its first line)]), lines 0-based.
fn split_terms(body: &str) -> (String, Vec<(String, usize, &str, usize)>) {
    // (name, heading line, offset of the heading line, offset after it)
    let mut headings: Vec<(String, usize, usize, usize)> = Vec::new();
    for line in lines(body).filter(Line::is_text) {
        if let Some(name) = line.raw.strip_prefix("## ") {
            let name = name.trim().trim_end_matches('#').trim();
            headings.push((name.to_string(), line.number - 1, line.offset, line.end()));
        }
    }
    let intro_end = headings.first().map_or(body.len(), |h| h.2);
    let terms = headings
        .iter()
        .enumerate()
        .filter(|(_, h)| !h.0.is_empty())
        .map(|(k, (name, line, _, start))| {
            let end = headings.get(k + 1).map_or(body.len(), |next| next.2);
            (name.clone(), *line, &body[*start..end], line + 1)
        })
        .collect();
    (body[..intro_end].to_string(), terms)
}

/// The optional `{ … }` line under a term, then the definition.
fn read_meta(text: &str, first_line: usize, page: &Page, diags: &mut Vec<Diagnostic>) -> Option<(Meta, String, usize)> {
    let mut skipped = 0;
    let mut offset = 0;
    for line in text.split_inclusive('\n') {
        if !line.trim().is_empty() {
            break;
        }
        skipped += 1;
        offset += line.len();
    }
    let rest = &text[offset..];
    let first = rest.lines().next().unwrap_or("").trim();
    if !(first.starts_with('{') && first.ends_with('}')) {
        return Some((Meta::default(), text.to_string(), first_line));
    }
    let line_len = rest.find('\n').map_or(rest.len(), |i| i + 1);
    let line_in_body = first_line + skipped;
    // Where the `{` sits in the file, so TOML errors point at the right column.
    let file_offset = line_offset(&page.text, page.body_line + line_in_body) + rest.find('{').unwrap_or(0);
    let snippet = format!("m = {first}");
    let at = Located {
        path: &page.display,
        file_text: &page.text,
        offset: file_offset.saturating_sub(4),
        what: "where_glossary_term",
    };
    match toml_diag::parse::<Wrapper>(&snippet, &at) {
        Ok(w) => Some((w.m, rest[line_len..].to_string(), line_in_body + 1)),
        Err(d) => {
            diags.push(d.hint(msg!("glossary_meta_hint")));
            None
        }
    }
}

/// Byte offset of the start of 1-based `line` in `text`.
fn line_offset(text: &str, line: usize) -> usize {
    text.split_inclusive('\n').take(line.saturating_sub(1)).map(str::len).sum()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn terms_split_at_headings_outside_fenced_code() {
        let body = "前言\n````\n```\n## 代码里\n````\n## 客户\n定义\n";
        let (intro, terms) = split_terms(body);
        assert_eq!(intro, "前言\n````\n```\n## 代码里\n````\n");
        assert_eq!(terms, [("客户".to_string(), 5, "定义\n", 6)]);
    }
}
