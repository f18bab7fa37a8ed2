//! Glossary terms in running text. Chinese has no spaces, so finding a term is
//! substring matching: one Aho-Corasick automaton over every term and alias,
//! leftmost-longest (`大客户` is one term, never `客户` inside it; `内部客户` beats
//! `客户`), one pass over each text node. Latin terms need word boundaries (`CRM`
//! is not inside `CRMS`). Never inside headings, links, images or code.

use super::highlight::escape;
use crate::config::LinkMode;
use crate::model::glossary::Glossary;
use aho_corasick::{AhoCorasick, AhoCorasickBuilder, AhoCorasickKind, MatchKind};
use comrak::nodes::{AstNode, NodeValue};
use comrak::Arena;
use std::collections::HashSet;

pub struct TermMatcher {
    automaton: AhoCorasick,
    /// Pattern index → term index.
    term_of: Vec<usize>,
    /// Per term: anchor URL from the site root (`glossary.html#客户`) and tooltip text.
    pub targets: Vec<(String, String)>,
    pub mode: LinkMode,
}

/// One occurrence of a term: which term, under which heading (its id, if any).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TermUse {
    pub term: usize,
    pub heading: Option<usize>,
}

impl TermMatcher {
    /// `summaries[i]` is the tooltip text of term `i`; `glossary_out` the page's output path.
    pub fn new(glossary: &Glossary, summaries: Vec<String>, glossary_out: &str, mode: LinkMode) -> Option<Self> {
        let mut patterns = Vec::new();
        let mut term_of = Vec::new();
        for (i, term) in glossary.terms.iter().enumerate() {
            for name in std::iter::once(&term.name).chain(&term.aliases) {
                patterns.push(name.clone());
                term_of.push(i);
            }
        }
        // A DFA: a few MB for thousands of terms, and every byte of every page runs
        // through it (the default picks a slower NFA above a hundred patterns).
        let automaton = AhoCorasickBuilder::new()
            .match_kind(MatchKind::LeftmostLongest)
            .kind(Some(AhoCorasickKind::DFA))
            .build(&patterns)
            .ok()?;
        let targets = glossary
            .terms
            .iter()
            .zip(summaries)
            .map(|(t, summary)| (format!("{}#{}", super::links::encode_path(glossary_out), t.id), summary))
            .collect();
        Some(TermMatcher { automaton, term_of, targets, mode })
    }

    /// Matches in `text` as (start, end, term), leftmost-longest, Latin ones on word boundaries.
    pub fn find(&self, text: &str) -> Vec<(usize, usize, usize)> {
        self.automaton
            .find_iter(text)
            .filter(|m| on_word_boundaries(text, m.start(), m.end()))
            .map(|m| (m.start(), m.end(), self.term_of[m.pattern().as_usize()]))
            .collect()
    }
}

/// A match that starts or ends with an ASCII letter or digit must not continue a
/// Latin word: `CRM` in `CRM 系统` or `用CRM管理`, not in `CRMS`.
fn on_word_boundaries(text: &str, start: usize, end: usize) -> bool {
    let word = |c: char| c.is_ascii_alphanumeric();
    let first = text[start..end].chars().next();
    let last = text[start..end].chars().next_back();
    let before = text[..start].chars().next_back();
    let after = text[end..].chars().next();
    let glued_before = first.is_some_and(word) && before.is_some_and(word);
    let glued_after = last.is_some_and(word) && after.is_some_and(word);
    !glued_before && !glued_after
}

/// Per-page linking state, kept across the parts of a page (a case's story,
/// questions and analysis count as one page for "first occurrence").
#[derive(Debug, Default)]
pub struct Linked {
    terms: HashSet<usize>,
}

/// Link terms in the text nodes of `root`. `heading_of` gives, for a node, the
/// index of the heading it sits under; `root_prefix` leads to the site root;
/// `exclude` is a term never linked here (its own glossary entry).
pub fn link_terms<'a>(
    arena: &'a Arena<'a>,
    nodes: &[(&'a AstNode<'a>, Option<usize>)],
    matcher: &TermMatcher,
    root_prefix: &str,
    exclude: Option<usize>,
    linked: &mut Linked,
) -> Vec<TermUse> {
    let mut uses = Vec::new();
    for &(node, heading) in nodes {
        let text = match &node.data().value {
            NodeValue::Text(t) => t.to_string(),
            _ => continue,
        };
        if in_excluded_context(node) {
            continue;
        }
        let mut pieces: Vec<&'a AstNode<'a>> = Vec::new();
        let mut last = 0;
        for (start, end, term) in matcher.find(&text) {
            if Some(term) == exclude {
                continue;
            }
            uses.push(TermUse { term, heading });
            let link = match matcher.mode {
                LinkMode::None => false,
                LinkMode::All => true,
                LinkMode::First => linked.terms.insert(term),
            };
            if !link {
                continue;
            }
            let (href, summary) = &matcher.targets[term];
            if start > last {
                pieces.push(text_node(arena, &text[last..start]));
            }
            pieces.push(html_node(
                arena,
                format!(
                    "<a class=\"term\" href=\"{}{}\" data-def=\"{}\">",
                    escape(root_prefix),
                    escape(href),
                    escape(summary)
                ),
            ));
            pieces.push(text_node(arena, &text[start..end]));
            pieces.push(html_node(arena, "</a>".into()));
            last = end;
        }
        if pieces.is_empty() {
            continue;
        }
        if last < text.len() {
            pieces.push(text_node(arena, &text[last..]));
        }
        for piece in pieces {
            node.insert_before(piece);
        }
        node.detach();
    }
    uses
}

fn text_node<'a>(arena: &'a Arena<'a>, text: &str) -> &'a AstNode<'a> {
    arena.alloc(AstNode::from(NodeValue::Text(text.to_string().into())))
}

fn html_node<'a>(arena: &'a Arena<'a>, html: String) -> &'a AstNode<'a> {
    arena.alloc(AstNode::from(NodeValue::HtmlInline(html)))
}

/// Headings, links and images keep their text as written.
fn in_excluded_context<'a>(node: &'a AstNode<'a>) -> bool {
    node.ancestors().skip(1).any(|a| {
        matches!(
            a.data().value,
            NodeValue::Heading(_) | NodeValue::Link(_) | NodeValue::WikiLink(_) | NodeValue::Image(_)
        )
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::glossary::{Glossary, Term};

    fn term(name: &str, aliases: &[&str]) -> Term {
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

    fn matcher(terms: Vec<Term>) -> TermMatcher {
        let n = terms.len();
        let g = Glossary { page: 0, intro: String::new(), terms };
        TermMatcher::new(&g, vec![String::new(); n], "glossary.html", LinkMode::All).unwrap()
    }

    fn found(m: &TermMatcher, text: &str) -> Vec<String> {
        m.find(text).into_iter().map(|(s, e, _)| text[s..e].to_string()).collect()
    }

    #[test]
    fn longest_match_first() {
        let m = matcher(vec![term("客户", &[]), term("关键客户", &["大客户"]), term("内部客户", &[])]);
        assert_eq!(found(&m, "大客户和内部客户都是客户"), vec!["大客户", "内部客户", "客户"]);
        assert_eq!(m.find("大客户")[0].2, 1);
    }

    #[test]
    fn latin_terms_need_word_boundaries_and_metacharacters_are_literal() {
        let m = matcher(vec![term("CRM", &[]), term("C++", &[]), term("5W1H", &[]), term("(CRM)", &[])]);
        assert_eq!(found(&m, "用CRM系统，CRMS 不算，学 C++ 和 5W1H。"), vec!["CRM", "C++", "5W1H"]);
        assert_eq!(found(&m, "见 (CRM) 一节"), vec!["(CRM)"]);
        assert!(found(&m, "ACRM").is_empty());
    }
}
