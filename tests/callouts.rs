//! Teacher-only callouts and speaker notes, driven by the callout table itself
//! (`syntax::callouts::KINDS`): every alias of every teacher-only kind, as
//! written and in upper and mixed case, sits in one lesson with its own marker
//! string. The student edition must not carry any marker in any byte of any
//! output file; the teacher's must show each as its kind: a teacher box on the
//! page, or speaker notes in the deck's presenter notes and nowhere else.

mod common;

use common::*;
use coursesite::profile::Profile;
use coursesite::syntax::callouts::{Kind, KINDS};
use scraper::{Html, Selector};
use std::path::Path;

/// One teacher-only callout of the fixture.
struct Case {
    kind: &'static Kind,
    /// The name as written in `> [!name]`.
    spelling: String,
    /// A string found nowhere else, inside the callout's body.
    marker: String,
}

/// Every alias of every teacher-only kind, as listed, upper-cased and with a
/// capital first letter (the Latin ones differ; the Chinese ones are the same).
fn cases() -> Vec<Case> {
    let mut out = Vec::new();
    for kind in KINDS.iter().filter(|k| k.teacher_only) {
        for alias in kind.aliases {
            let mut first = alias.chars();
            let capital: String = first.next().map(|c| c.to_uppercase().chain(first).collect()).unwrap_or_default();
            let mut spellings = vec![alias.to_string(), alias.to_uppercase(), capital];
            spellings.dedup();
            spellings.sort();
            spellings.dedup();
            for spelling in spellings {
                // Zero-padded, so no marker is a prefix of another.
                let marker = format!("zqmark{:03}x", out.len());
                out.push(Case { kind, spelling, marker });
            }
        }
    }
    out
}

/// A lesson (lessons get decks): each callout under its own `##` heading, so
/// each is on its own slide with some text of its own.
fn lesson(cases: &[Case]) -> String {
    let mut md = "+++\nnumber = 1\nhours = 1\ncontent = [\"c\"]\nmethods = [\"讲授\"]\n[objectives]\nknowledge = [\"k\"]\nability = [\"a\"]\n[[steps]]\nname = \"讲解\"\nminutes = 45\n+++\n\n# 第一课\n\n导语，谈客户。\n".to_string();
    for (i, c) in cases.iter().enumerate() {
        md.push_str(&format!(
            "\n## 第{i}节\n\n公开正文{i}。\n\n> [!{}] 标题 {}t\n> {} 讲给自己听。\n",
            c.spelling, c.marker, c.marker
        ));
    }
    md
}

fn fixture(cases: &[Case]) -> TestCourse {
    let c = TestCourse::new();
    c.file("content/index.md", "# 首页\n\n欢迎。\n");
    c.file("content/glossary.md", "+++\ntitle = \"术语表\"\n+++\n\n## 客户\n\n买东西的人。\n");
    c.file("content/lessons/01.md", lesson(cases));
    c
}

/// Every output file under `dir` as (relative path, text in ASCII lower case);
/// the search index decoded as the browser reads it.
fn files(dir: &Path) -> Vec<(String, String)> {
    let mut out = Vec::new();
    let mut todo = vec![dir.to_path_buf()];
    while let Some(d) = todo.pop() {
        for entry in std::fs::read_dir(&d).expect("read output folder") {
            let p = entry.expect("entry").path();
            if p.is_dir() {
                todo.push(p);
                continue;
            }
            let rel = p.strip_prefix(dir).unwrap().to_string_lossy().replace('\\', "/");
            let bytes = std::fs::read(&p).expect("read output file");
            let mut text = String::from_utf8_lossy(&bytes).into_owned();
            if rel.starts_with("search/") {
                text = coursesite::search::read_part(&text).expect("readable search file").1.to_string();
            }
            out.push((rel, text.to_ascii_lowercase()));
        }
    }
    assert!(out.len() > 3, "too few output files: {out:?}", out = out.iter().map(|f| &f.0).collect::<Vec<_>>());
    out
}

fn build(c: &TestCourse, profile: Profile) -> Vec<(String, String)> {
    let mut opts = c.options();
    opts.profile = profile;
    opts.out = c.root().join(profile.default_out());
    let report = coursesite::build(&opts);
    assert_eq!(report.status, coursesite::Status::Ok, "{profile:?} build failed:\n{}", render_all(&report));
    files(&opts.out)
}

fn where_is(site: &[(String, String)], needle: &str) -> Vec<String> {
    site.iter().filter(|(_, text)| text.contains(needle)).map(|(p, _)| p.clone()).collect()
}

/// HTML files containing `needle`.
fn pages_with(site: &[(String, String)], needle: &str) -> Vec<String> {
    where_is(site, needle).into_iter().filter(|p| p.ends_with(".html")).collect()
}

/// Every output file under `dir`, joined (the search files, read as the browser sees them).
fn files_under(site: &[(String, String)], dir: &str) -> String {
    site.iter().filter(|(rel, _)| rel.starts_with(dir)).map(|(_, text)| text.as_str()).collect::<Vec<_>>().join("\n")
}

fn file<'a>(site: &'a [(String, String)], rel: &str) -> &'a str {
    &site.iter().find(|(p, _)| p == rel).unwrap_or_else(|| panic!("no {rel} in the output")).1
}

#[test]
fn every_teacher_only_alias_is_absent_from_the_student_edition_and_its_kind_in_the_teachers() {
    let cases = cases();
    // Both teacher-only kinds, all seven aliases, and the case variants.
    assert!(cases.iter().any(|c| c.kind.speaker_notes) && cases.iter().any(|c| !c.kind.speaker_notes));
    assert!(cases.iter().any(|c| c.spelling == "SPEAKER-NOTES") && cases.iter().any(|c| c.spelling == "Teacher"));
    // 7 aliases, 3 of them Latin with an upper-case and a capitalised spelling.
    assert!(cases.len() >= 7 + 3 * 2, "{} cases", cases.len());
    let c = fixture(&cases);

    let student = build(&c, Profile::Student);
    for case in &cases {
        let found = where_is(&student, &case.marker);
        assert!(found.is_empty(), "[!{}] leaked into the student edition: {found:?}", case.spelling);
    }
    assert_eq!(where_is(&student, "callout-teacher"), Vec::<String>::new());
    // No alias fell through to a box of its own (style.css styles every kind).
    for hint in ["callout-notes", "callout-custom"] {
        assert_eq!(pages_with(&student, hint), Vec::<String>::new(), "{hint}");
    }
    // The lesson and its deck are there, with their public text.
    assert!(file(&student, "lessons/01.html").contains("公开正文0"));
    assert!(file(&student, "lessons/01.slides.html").contains("公开正文0"));
    assert!(files_under(&student, "search/").contains("公开正文0"));

    let teacher = build(&c, Profile::Teacher);
    let page = Html::parse_document(file(&teacher, "lessons/01.html"));
    let boxes: Vec<String> = page
        .select(&Selector::parse("div.callout.callout-teacher").unwrap())
        .map(|b| b.text().collect::<String>())
        .collect();
    let deck = Html::parse_document(file(&teacher, "lessons/01.slides.html"));
    let notes: Vec<String> =
        deck.select(&Selector::parse("aside.slide-notes").unwrap()).map(|n| n.text().collect::<String>()).collect();
    let index = files_under(&teacher, "search/");
    for case in &cases {
        let m = &case.marker;
        let in_boxes = boxes.iter().filter(|b| b.contains(&format!("{m} 讲给自己听"))).count();
        let in_notes = notes.iter().filter(|n| n.contains(m.as_str())).count();
        if case.kind.speaker_notes {
            assert_eq!((in_boxes, in_notes), (0, 1), "[!{}]: notes are in the presenter notes only", case.spelling);
            assert!(!page.html().contains(m.as_str()), "[!{}] notes on the page", case.spelling);
            assert!(!index.contains(m.as_str()), "[!{}] notes in the search index", case.spelling);
        } else {
            assert_eq!((in_boxes, in_notes), (1, 0), "[!{}]: one teacher box on the page", case.spelling);
            assert!(boxes.iter().any(|b| b.contains(&format!("标题 {m}t"))), "[!{}] box title", case.spelling);
            assert!(index.contains(m.as_str()), "[!{}] box text is searchable by the teacher", case.spelling);
        }
    }
    // No alias fell through to an unknown ("custom") box or a notes box.
    for hint in ["callout-notes", "callout-custom"] {
        assert_eq!(pages_with(&teacher, hint), Vec::<String>::new(), "{hint}");
    }
}
