//! Glossary terms in running text. Chinese has no spaces, so finding a term is
//! substring matching over every term and alias, leftmost-longest (`大客户` is
//! one term, never `客户` inside it; `内部客户` beats `客户`), one pass over each
//! text node (see `Patterns`). Latin terms need word boundaries (`CRM`
//! is not inside `CRMS`). Never inside headings, links, images or code.

use super::text::escape;
use crate::config::LinkMode;
use crate::fingerprint::FastMap;
use crate::model::glossary::Glossary;
use crate::model::Course;
use comrak::nodes::{AstNode, NodeValue};
use comrak::Arena;
use std::collections::{HashMap, HashSet};

pub struct TermMatcher {
    patterns: Patterns,
    /// Pattern index → term index.
    term_of: Vec<usize>,
    /// Per term: its entry's URL from the site root (`glossary.html#客户`).
    /// The tooltip texts are in the shared `terms.js` (see [`script`]).
    pub targets: Vec<String>,
    pub mode: LinkMode,
}

/// One occurrence of a term: which term, under which heading (its id, if any).
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct TermUse {
    pub term: usize,
    pub heading: Option<usize>,
}

impl TermMatcher {
    /// `glossary_out` is the glossary page's output path.
    pub fn new(glossary: &Glossary, glossary_out: &str, mode: LinkMode) -> Option<Self> {
        let mut patterns = Vec::new();
        let mut term_of = Vec::new();
        for (i, term) in glossary.terms.iter().enumerate() {
            for name in std::iter::once(&term.name).chain(&term.aliases) {
                patterns.push(name.clone());
                term_of.push(i);
            }
        }
        let patterns = Patterns::new(patterns);
        let targets =
            glossary.terms.iter().map(|t| format!("{}#{}", super::links::encode_path(glossary_out), t.id)).collect();
        Some(TermMatcher { patterns, term_of, targets, mode })
    }

    /// Matches in `text` as (start, end, term), leftmost-longest, Latin ones on word boundaries.
    pub fn find(&self, text: &str) -> Vec<(usize, usize, usize)> {
        self.patterns
            .leftmost_longest(text)
            .filter(|&(start, end, _)| on_word_boundaries(text, start, end))
            .map(|(start, end, p)| (start, end, self.term_of[p]))
            .collect()
    }
}

/// Leftmost-longest matching of many short patterns (a glossary's terms and
/// aliases) in mostly Chinese text. Every character of every page goes through
/// this, so it is built for that: a bit per character says whether a pattern
/// starts with it, a bit per (hashed) pair of characters whether a pattern of
/// two or more starts with them (8 KB each, always in cache); only then is a
/// table consulted and the few patterns starting with that pair compared,
/// longest first. Common characters (的, 客) start many terms, so the first
/// character alone left dozens of comparisons per position; an Aho-Corasick DFA
/// over the UTF-8 bytes was slower still (with hundreds of CJK terms its table
/// is megabytes, and every byte was a cache miss).
struct Patterns {
    patterns: Vec<String>,
    /// Characters below U+10000 that start a pattern.
    first: Bits,
    /// Hashed first two characters of the patterns of two or more.
    pairs: Bits,
    /// First two characters → those patterns, longest first (equal lengths:
    /// lowest index first, as Aho-Corasick reports them).
    by_pair: FastMap<u64, Vec<usize>>,
    /// One-character patterns: the lowest index of each.
    single: HashMap<char, usize>,
}

impl Patterns {
    /// An empty pattern never matches.
    fn new(patterns: Vec<String>) -> Self {
        let mut first = Bits::default();
        let mut pairs = Bits::default();
        let mut by_pair: FastMap<u64, Vec<usize>> = FastMap::default();
        let mut single = HashMap::new();
        for (i, p) in patterns.iter().enumerate() {
            let mut chars = p.chars();
            let Some(c1) = chars.next() else { continue };
            first.set(c1 as u64);
            match chars.next() {
                Some(c2) => {
                    pairs.set(mix(pair(c1, c2)));
                    by_pair.entry(pair(c1, c2)).or_default().push(i);
                }
                None => {
                    single.entry(c1).or_insert(i);
                }
            }
        }
        for list in by_pair.values_mut() {
            list.sort_by_key(|&i| (std::cmp::Reverse(patterns[i].len()), i));
        }
        Patterns { patterns, first, pairs, by_pair, single }
    }

    /// Matches as (start, end, pattern): at each position the longest pattern
    /// found there, the search going on after its end.
    fn leftmost_longest<'t>(&'t self, text: &'t str) -> impl Iterator<Item = (usize, usize, usize)> + 't {
        let mut chars = text.char_indices().peekable();
        std::iter::from_fn(move || {
            while let Some((i, c)) = chars.next() {
                if (c as u32) < 0x10000 && !self.first.get(c as u64) {
                    continue;
                }
                let longer = chars.peek().and_then(|&(_, c2)| {
                    let key = pair(c, c2);
                    if !self.pairs.get(mix(key)) {
                        return None;
                    }
                    let rest = &text.as_bytes()[i..];
                    self.by_pair.get(&key)?.iter().copied().find(|&p| rest.starts_with(self.patterns[p].as_bytes()))
                });
                let Some(p) = longer.or_else(|| self.single.get(&c).copied()) else { continue };
                let end = i + self.patterns[p].len();
                while chars.next_if(|&(j, _)| j < end).is_some() {}
                return Some((i, end, p));
            }
            None
        })
    }
}

fn pair(c1: char, c2: char) -> u64 {
    (c1 as u64) << 32 | c2 as u64
}

fn mix(key: u64) -> u64 {
    key.wrapping_mul(0x9E37_79B9_7F4A_7C15) >> 48
}

/// 65,536 bits; keys are folded into that range.
struct Bits(Vec<u64>);

impl Default for Bits {
    fn default() -> Self {
        Bits(vec![0; 1024])
    }
}

impl Bits {
    fn set(&mut self, key: u64) {
        let k = key as usize & 0xFFFF;
        self.0[k / 64] |= 1 << (k % 64);
    }

    /// Keys above 65,535 share bits with lower ones: a "maybe", never a wrong "no".
    fn get(&self, key: u64) -> bool {
        let k = key as usize & 0xFFFF;
        self.0[k / 64] & (1 << (k % 64)) != 0
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

/// The shared file of the terms' tooltip texts, beside `index.html`.
pub const SCRIPT: &str = "terms.js";

/// Whether the course links terms in its pages, so its pages load [`SCRIPT`].
pub fn linked(course: &Course) -> bool {
    course.glossary.is_some() && course.config.glossary.link != LinkMode::None
}

/// [`SCRIPT`]: `window.coursesiteTerms`, each term's id → its tooltip text
/// (`summaries`, in glossary order), for the theme's tooltips. A classic
/// script, so it loads from `file://`, once for the whole site: written into
/// every link instead, the texts were a third of a glossary-rich page.
pub fn script(glossary: &Glossary, summaries: &[String]) -> String {
    let json = |s: &str| serde_json::to_string(s).unwrap_or_else(|_| "\"\"".into());
    let mut out = String::from("window.coursesiteTerms={");
    for (i, (term, summary)) in glossary.terms.iter().zip(summaries).enumerate() {
        if i > 0 {
            out.push(',');
        }
        out.push_str(&json(&term.id));
        out.push(':');
        out.push_str(&json(summary));
    }
    out.push_str("};\n");
    out
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
            let href = &matcher.targets[term];
            if start > last {
                pieces.push(text_node(arena, &text[last..start]));
            }
            pieces
                .push(html_node(arena, format!("<a class=\"term\" href=\"{}{}\">", escape(root_prefix), escape(href))));
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
        Term::named(name, aliases)
    }

    fn matcher(terms: Vec<Term>) -> TermMatcher {
        let g = Glossary { page: 0, intro: String::new(), terms };
        TermMatcher::new(&g, "glossary.html", LinkMode::All).unwrap()
    }

    fn found(m: &TermMatcher, text: &str) -> Vec<String> {
        m.find(text).into_iter().map(|(s, e, _)| text[s..e].to_string()).collect()
    }

    proptest::proptest! {
        /// The same matches as Aho-Corasick's leftmost-longest search, on texts
        /// and patterns from a small alphabet (so that they overlap a lot):
        /// CJK, Latin, a 4-byte character.
        #[test]
        fn patterns_match_like_aho_corasick(
            text in "[客户大内部服务aA𠀋 ]{0,40}",
            patterns in proptest::collection::vec("[客户大内部服务aA𠀋]{1,4}", 1..12),
        ) {
            let mine = Patterns::new(patterns.clone());
            let ours: Vec<_> = mine.leftmost_longest(&text).collect();
            let reference = aho_corasick::AhoCorasick::builder()
                .match_kind(aho_corasick::MatchKind::LeftmostLongest)
                .build(&patterns)
                .unwrap();
            let theirs: Vec<_> =
                reference.find_iter(&text).map(|m| (m.start(), m.end(), m.pattern().as_usize())).collect();
            proptest::prop_assert_eq!(ours, theirs);
        }
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
