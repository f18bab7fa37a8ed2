//! Material written for other tools builds with no conversion and shows no raw
//! syntax (issue 17). Each folder of `tests/fixtures/` is a small course in
//! our own words, written from one tool's documented syntax (MkDocs-Material,
//! VitePress, Docsify + KaTeX, mdBook, Jekyll / Just the Docs, Typora), with
//! an `expect.toml` worked out by hand from its sources: the reading order
//! and how many formulas, callouts, collapsibles and tab sets the pages show.
//!
//! Each fixture is built into a temporary folder; the visible text of every
//! page (code included; scripts, styles and MathML's TeX annotation left out)
//! must hold no raw syntax of any of those tools.

mod common;

use common::*;
use scraper::{Html, Node};
use std::path::{Path, PathBuf};

/// Written in a page, these mean the tool's syntax was not read. The issue's
/// list, then the other tools' markers coursesite reads.
const RAW: &[&str] = &[
    "$\\",
    "$$",
    "!!!",
    "???",
    ":::",
    "=== \"",
    "{%",
    "{#",
    "<u>",
    "[!NOTE]",
    "[!note]",
    "[!TIP]",
    "[!WARNING]",
    "[TOC]",
    "[[toc]]",
    "{: ",
    "{:toc}",
    "?> ",
    "!> ",
    "\\\\(",
    "{{#",
    ":include",
    "<!--@include",
    ":id=",
    "\\begin{",
];

#[derive(serde::Deserialize)]
struct Expect {
    order: Vec<String>,
    math: usize,
    callouts: usize,
    collapsibles: usize,
    tabsets: usize,
}

fn fixtures() -> Vec<PathBuf> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures");
    let mut found: Vec<PathBuf> = std::fs::read_dir(&dir)
        .expect("tests/fixtures")
        .map(|e| e.expect("entry").path())
        .filter(|p| p.join("course.toml").is_file())
        .collect();
    found.sort();
    found
}

/// The text a reader sees: every text node outside the page's head, scripts,
/// styles, templates and MathML annotations (the TeX source, never shown).
fn visible_text(doc: &Html) -> String {
    const UNSEEN: &[&str] = &["head", "script", "style", "template", "annotation", "annotation-xml"];
    let mut out = String::new();
    for node in doc.tree.nodes() {
        let Node::Text(text) = node.value() else { continue };
        let hidden = node.ancestors().any(|a| a.value().as_element().is_some_and(|e| UNSEEN.contains(&e.name())));
        if !hidden {
            out.push_str(text);
            out.push('\n');
        }
    }
    out
}

/// Titles along the 下一页 links from the home page.
fn reading_order(site: &Path) -> Vec<String> {
    let mut titles = Vec::new();
    let mut page = "index.html".to_string();
    for _ in 0..100 {
        let doc = Html::parse_document(&read_to_string(&site.join(&page)));
        let next = select(&doc, "a.pager-next").first().and_then(|a| a.value().attr("href").map(String::from));
        if titles.is_empty() {
            // The home page's own title, as the next page's 上一页 names it.
            if let Some(href) = &next {
                let second = Html::parse_document(&read_to_string(&site.join(site_target(&page, href))));
                titles.extend(texts(&second, ".pager-prev .pager-title"));
            }
        }
        let Some(href) = next else { break };
        titles.extend(texts(&doc, ".pager-next .pager-title"));
        page = site_target(&page, &href);
    }
    titles
}

struct Seen {
    raw: Vec<String>,
    math: usize,
    callouts: usize,
    collapsibles: usize,
    tabsets: usize,
}

fn look(site: &Path) -> Seen {
    let mut seen = Seen { raw: Vec::new(), math: 0, callouts: 0, collapsibles: 0, tabsets: 0 };
    // Each page once: the print book (print.html) holds every page again.
    let pages = html_files(site);
    for rel in pages.iter().filter(|p| !p.ends_with(".slides.html") && *p != "search.html" && *p != "print.html") {
        let doc = Html::parse_document(&read_to_string(&site.join(rel)));
        let text = visible_text(&doc);
        seen.raw.extend(RAW.iter().filter(|t| text.contains(*t)).map(|t| format!("{rel}: {t}")));
        seen.math += select(&doc, ".content math").len();
        seen.callouts += select(&doc, ".content .callout").len();
        seen.collapsibles += select(&doc, ".content details").len();
        seen.tabsets += select(&doc, ".content .tabs").len();
    }
    seen
}

#[test]
fn every_fixture_builds_shows_no_raw_syntax_and_keeps_the_authors_order() {
    let fixtures = fixtures();
    assert!(fixtures.len() >= 6, "a fixture per tool: {fixtures:?}");
    let mut failures = Vec::new();
    for dir in fixtures {
        let name = dir.file_name().unwrap().to_string_lossy().into_owned();
        let expect: Expect = toml::from_str(&read_to_string(&dir.join("expect.toml"))).expect("expect.toml");
        let out = tempfile::tempdir().expect("tempdir");
        let mut opts = coursesite::BuildOptions::new(&dir);
        opts.out = out.path().join("site");
        let report = coursesite::build(&opts);
        if report.status != coursesite::Status::Ok {
            failures.push(format!("{name}: build failed:\n{}", render_all(&report)));
            continue;
        }
        let seen = look(&opts.out);
        let got = (seen.math, seen.callouts, seen.collapsibles, seen.tabsets);
        let want = (expect.math, expect.callouts, expect.collapsibles, expect.tabsets);
        if !seen.raw.is_empty() {
            failures.push(format!("{name}: raw syntax shown: {:?}", seen.raw));
        }
        if got != want {
            failures.push(format!("{name}: (math, callouts, collapsibles, tab sets) {got:?}, expected {want:?}"));
        }
        let order = reading_order(&opts.out);
        if order != expect.order {
            failures.push(format!("{name}: reading order\n  got      {order:?}\n  expected {:?}", expect.order));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}
