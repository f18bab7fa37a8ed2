//! The Rust side of search: the key → documents table and the ranking the
//! browser's `search.js` follows. Tests pin the behaviour both implement.

use super::text::{self, Term};
use super::{parts::DocPart, shards, Doc, DocKind, SCORE_BODY, SCORE_HEADING, SCORE_TERM, SCORE_TITLE};
use crate::config::Language;
use std::collections::{BTreeMap, BTreeSet};

/// Glossary names: any of them typed as a query also finds the others.
#[derive(Debug, Clone)]
struct Synonyms {
    /// Normalised name or alias → all normalised names of that term.
    by_name: BTreeMap<String, Vec<String>>,
}

#[derive(Debug)]
pub struct Index {
    pub docs: Vec<Doc>,
    /// Key (CJK character, CJK bigram or word) → documents holding it.
    postings: BTreeMap<String, Vec<u32>>,
    /// Per document: normalised title, names, headings, section texts.
    norm: Vec<NormDoc>,
    synonyms: Synonyms,
    kinds: Vec<&'static str>,
}

#[derive(Debug)]
struct NormDoc {
    title: String,
    names: Vec<String>,
    headings: Vec<String>,
    texts: Vec<String>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Hit {
    pub doc: usize,
    pub score: u32,
    /// The section whose text (or heading) matched first, for the link and snippet.
    pub section: usize,
}

impl Index {
    pub fn new(docs: Vec<Doc>, lang: Language) -> Index {
        let mut postings: BTreeMap<String, Vec<u32>> = BTreeMap::new();
        let mut norm = Vec::with_capacity(docs.len());
        let mut groups = Vec::new();
        for (i, doc) in docs.iter().enumerate() {
            let n = NormDoc {
                title: text::normalize(&doc.title),
                names: doc.names.iter().map(|s| text::normalize(s)).collect(),
                headings: doc.sections.iter().map(|s| text::normalize(&s.heading)).collect(),
                texts: doc.sections.iter().map(|s| text::normalize(&s.text)).collect(),
            };
            let mut keys = BTreeSet::new();
            for field in std::iter::once(&n.title).chain(&n.names).chain(&n.headings).chain(&n.texts) {
                keys.extend(text::tokens(field));
            }
            for key in keys {
                postings.entry(key).or_default().push(i as u32);
            }
            if doc.kind == DocKind::Term {
                groups.push(doc.all_names());
            }
            norm.push(n);
        }
        let by_name = super::synonym_map(&groups);
        Index { docs, postings, norm, synonyms: Synonyms { by_name }, kinds: super::kinds(lang) }
    }

    /// Documents matching every term of `query`, best first (ties in page order).
    pub fn search(&self, query: &str) -> Vec<Hit> {
        let terms = text::terms(query);
        if terms.is_empty() {
            return Vec::new();
        }
        // Each term with the names it stands for (an alias finds its term's pages).
        let expanded: Vec<(Term, Vec<Term>)> = terms
            .iter()
            .map(|t| {
                let others = self.synonyms.by_name.get(t.as_str()).cloned().unwrap_or_default();
                let others = others.into_iter().filter(|o| o != t.as_str()).map(|o| as_term(&o)).collect();
                (t.clone(), others)
            })
            .collect();
        let mut hits = Vec::new();
        for doc in 0..self.docs.len() {
            let mut total = 0;
            let mut section = None;
            let mut all = true;
            for (term, syns) in &expanded {
                let (mut score, mut sec) = self.score(doc, term);
                // Another name of the same glossary term counts half.
                for s in syns {
                    let (sc, se) = self.score(doc, s);
                    if sc / 2 > score {
                        score = sc / 2;
                        sec = se;
                    }
                }
                if score == 0 {
                    all = false;
                    break;
                }
                total += score;
                section = section.or(sec);
            }
            if all {
                if self.norm[doc].title == text::normalize(query.trim()) {
                    total += SCORE_TITLE;
                }
                hits.push(Hit { doc, score: total, section: section.unwrap_or(0) });
            }
        }
        hits.sort_by(|a, b| b.score.cmp(&a.score).then(a.doc.cmp(&b.doc)));
        hits
    }

    /// Candidate documents for a term, from the postings.
    fn candidates(&self, term: &Term) -> Option<BTreeSet<u32>> {
        match term {
            Term::Cjk(s) => {
                let mut set: Option<BTreeSet<u32>> = None;
                for key in text::keys_for(s) {
                    let docs: BTreeSet<u32> = self.postings.get(&key)?.iter().copied().collect();
                    set = Some(match set {
                        Some(prev) => prev.intersection(&docs).copied().collect(),
                        None => docs,
                    });
                }
                set
            }
            Term::Word(w) => {
                let set: BTreeSet<u32> = self
                    .postings
                    .range(w.clone()..)
                    .take_while(|(k, _)| k.starts_with(w.as_str()))
                    .flat_map(|(_, d)| d.iter().copied())
                    .collect();
                Some(set)
            }
        }
    }

    /// Best place of `term` in document `doc`: (score, section).
    fn score(&self, doc: usize, term: &Term) -> (u32, Option<usize>) {
        if !self.candidates(term).is_some_and(|c| c.contains(&(doc as u32))) {
            return (0, None);
        }
        let n = &self.norm[doc];
        let found = |s: &str| !text::find_all(s, term).is_empty();
        if found(&n.title) {
            let sec = n.texts.iter().position(|t| found(t));
            return (SCORE_TITLE, sec);
        }
        if let Some(i) = n.headings.iter().position(|h| found(h)) {
            return (SCORE_HEADING, Some(i));
        }
        if n.names.iter().any(|s| found(s)) {
            return (SCORE_TERM, None);
        }
        match n.texts.iter().position(|t| found(t)) {
            Some(i) => (SCORE_BODY, Some(i)),
            None => (0, None),
        }
    }

    /// The search files of these documents (see [`shards`]), as a build writes them.
    pub fn files(&self) -> Vec<shards::File> {
        let parts: Vec<std::sync::Arc<DocPart>> =
            self.docs.iter().map(|d| std::sync::Arc::new(DocPart::of(d))).collect();
        let synonyms = self.docs.iter().filter(|d| d.kind == DocKind::Term).map(Doc::all_names).collect();
        shards::files(&parts, &shards::Meta { kinds: &self.kinds, synonyms, filed: &[] }, None, false)
    }
}

fn as_term(normalised: &str) -> Term {
    match text::terms(normalised).as_slice() {
        [Term::Word(w)] => Term::Word(w.clone()),
        _ => Term::Cjk(normalised.to_string()),
    }
}

#[cfg(test)]
mod tests {
    use super::super::read_index;
    use super::*;
    use crate::model::Kind;
    use crate::search::sections::Section;

    fn doc(url: &str, title: &str, kind: DocKind, names: &[&str], secs: &[(&str, &str)]) -> Doc {
        Doc {
            url: url.into(),
            title: title.into(),
            kind,
            names: names.iter().map(|s| s.to_string()).collect(),
            sections: secs
                .iter()
                .map(|(h, t)| Section { anchor: h.to_string(), heading: h.to_string(), text: t.to_string() })
                .collect(),
        }
    }

    fn sample() -> Index {
        Index::new(
            vec![
                doc(
                    "lessons/01.html",
                    "项目一 理解客户服务",
                    DocKind::Page(Kind::Lesson),
                    &[],
                    &[("", "客户是企业的衣食父母。"), ("售后服务", "售后服务包括退换货。大客户要专人跟进。")],
                ),
                doc(
                    "lessons/02.html",
                    "项目二 接待",
                    DocKind::Page(Kind::Lesson),
                    &[],
                    &[("", "CRM 系统记录每位关键客户的需求。Customers come first.")],
                ),
                doc(
                    "cases/a.html",
                    "投诉处理六步",
                    DocKind::Page(Kind::Case),
                    &[],
                    &[("", "第一步，倾听。用ＣＲＭ系统查询。")],
                ),
                doc(
                    "glossary.html#关键客户",
                    "关键客户",
                    DocKind::Term,
                    &["大客户", "key account"],
                    &[("", "利润贡献最大的客户。")],
                ),
            ],
            Language::ZhCn,
        )
    }

    fn urls(index: &Index, q: &str) -> Vec<String> {
        index.search(q).into_iter().map(|h| index.docs[h.doc].url.clone()).collect()
    }

    #[test]
    fn bigram_queries_have_exact_substring_recall() {
        let ix = sample();
        assert_eq!(urls(&ix, "售后服务"), vec!["lessons/01.html"]);
        assert_eq!(urls(&ix, "投诉处理六步"), vec!["cases/a.html"]);
        assert_eq!(urls(&ix, "户服务"), vec!["lessons/01.html"]);
        assert_eq!(urls(&ix, "衣食父母"), vec!["lessons/01.html"]);
        // Lesson 1 holds every bigram of 户服务包 (客户服务 in the title, 售后服务包括
        // in the body) but not the string: no false hit.
        assert!(urls(&ix, "户服务包").is_empty());
        assert!(urls(&ix, "父母衣食").is_empty());
        assert!(urls(&ix, "售前服务").is_empty());
    }

    #[test]
    fn traditional_queries_find_simplified_text() {
        let ix = sample();
        assert_eq!(urls(&ix, "售後服務"), urls(&ix, "售后服务"));
        assert!(!urls(&ix, "售後服務").is_empty());
    }

    #[test]
    fn one_character_queries_use_single_characters() {
        let ix = sample();
        assert_eq!(urls(&ix, "衣"), vec!["lessons/01.html"]);
        assert_eq!(urls(&ix, "步"), vec!["cases/a.html"]);
        assert!(urls(&ix, "龙").is_empty());
    }

    #[test]
    fn latin_words_are_case_folded_and_prefix_matched() {
        let ix = sample();
        assert_eq!(urls(&ix, "custom"), vec!["lessons/02.html"]);
        assert_eq!(urls(&ix, "CUSTOMERS"), vec!["lessons/02.html"]);
        assert!(urls(&ix, "ustomer").is_empty(), "prefix, not infix");
        assert_eq!(urls(&ix, "key acc"), vec!["glossary.html#关键客户"]);
    }

    #[test]
    fn mixed_queries_need_every_term() {
        let ix = sample();
        assert_eq!(urls(&ix, "CRM 系统"), vec!["lessons/02.html", "cases/a.html"]);
        assert_eq!(urls(&ix, "crm系统"), vec!["lessons/02.html", "cases/a.html"]);
        assert_eq!(urls(&ix, "CRM 倾听"), vec!["cases/a.html"]);
        assert!(urls(&ix, "CRM 售后").is_empty());
    }

    #[test]
    fn full_width_and_punctuation_are_normalised() {
        let ix = sample();
        // Full-width ＣＲＭ in the text, half-width in the query, and the reverse.
        assert!(urls(&ix, "crm").contains(&"cases/a.html".to_string()));
        assert!(urls(&ix, "ＣＲＭ").contains(&"lessons/02.html".to_string()));
        // Punctuation separates terms whatever its width.
        assert_eq!(urls(&ix, "第一步,倾听"), vec!["cases/a.html"]);
        assert_eq!(urls(&ix, "第一步，倾听"), vec!["cases/a.html"]);
        assert!(urls(&ix, "，。").is_empty());
        assert!(urls(&ix, "").is_empty());
    }

    #[test]
    fn ranking_title_heading_term_body_and_aliases_find_their_term() {
        let ix = sample();
        let hits = ix.search("大客户");
        let got: Vec<&str> = hits.iter().map(|h| ix.docs[h.doc].url.as_str()).collect();
        // The term (its title 关键客户 is the alias's other name), then the lesson
        // saying 大客户 in its body, then the lesson using the name 关键客户.
        assert_eq!(got, vec!["glossary.html#关键客户", "lessons/01.html", "lessons/02.html"]);
        assert_eq!(hits.iter().map(|h| h.score).collect::<Vec<_>>(), vec![SCORE_TITLE / 2, SCORE_BODY, SCORE_BODY / 2]);
        // An alias alone (no synonym involved) ranks at the glossary level.
        let hits = ix.search("key account");
        assert_eq!(hits[0].score, SCORE_TERM * 2);
        // 客户: in the titles of lesson 1 and the term; headings outrank body.
        let hits = ix.search("售后");
        assert_eq!(hits[0].score, SCORE_HEADING);
        assert_eq!(hits[0].section, 1);
        let hits = ix.search("关键客户");
        assert_eq!(ix.docs[hits[0].doc].url, "glossary.html#关键客户");
        assert_eq!(hits[0].score, SCORE_TITLE * 2, "exact title");
    }

    #[test]
    fn the_files_are_scripts_with_labels_the_fold_table_and_compact_text() {
        let ix = sample();
        let files = ix.files();
        let read = |path: &str| {
            files.iter().find(|f| f.path == path).map(|f| String::from_utf8(f.bytes.held().to_vec()).expect("utf-8"))
        };
        let manifest = read("search/manifest.js").expect("manifest");
        assert!(manifest.starts_with("coursesiteSearchPart(\"manifest\",{\"v\":3,"), "{manifest}");
        assert!(manifest.contains("\"kinds\":[\"教案\",\"案例\",\"话术\",\"测验\",\"术语表\",\"页面\",\"术语\"]"));

        // One head file, one text file per 8 documents, one key shard at this size.
        let names: Vec<&str> = files.iter().map(|f| f.path.as_str()).collect();
        assert_eq!(names, ["search/manifest.js", "search/h-0.js", "search/t-0.js", "search/k-0.js"]);
        // The documents are respelt: the term's title is not in the file as typed…
        let heads = read("search/h-0.js").expect("heads");
        assert!(!heads.contains("关键客户") && heads.contains("glossary.html#"));
        // …and read back exactly.
        let back = read_index(read).expect("readable");
        let docs = back["docs"].as_array().expect("docs");
        assert_eq!(docs.len(), ix.docs.len());
        for (row, doc) in docs.iter().zip(&ix.docs) {
            assert_eq!(row[0], doc.url.as_str());
            assert_eq!(row[1], doc.title.as_str());
            assert_eq!(row[3], serde_json::json!(doc.names));
            let secs = row[4].as_array().expect("sections");
            assert_eq!(secs.len(), doc.sections.len());
            for (s, d) in secs.iter().zip(&doc.sections) {
                assert_eq!(s, &serde_json::json!([d.anchor, d.heading, d.text]));
            }
        }
        // Keys: characters and word prefixes, each in the shard its hash names.
        let (_, keys) = crate::search::read_part(&read("search/k-0.js").expect("keys")).expect("shard");
        assert_eq!(keys["衣"], serde_json::json!([0]), "衣 only in document 0");
        assert_eq!(keys["cr"], serde_json::json!([1, 1]), "documents 1 and 2");
        assert!(keys.get("客户").is_none(), "no bigram keys");
        // A glossary name's synonyms sit with its first key.
        assert_eq!(keys["=大客户"], serde_json::json!(["关键客户", "大客户", "key account"]));
        assert_eq!(keys["=key account"], serde_json::json!(["关键客户", "大客户", "key account"]));
    }
}
