//! The search outputs of a build: search-index.js (what is indexed, how it is
//! labelled, that it is deterministic) and search.html; the box on every page.

mod common;

use common::{attrs, case, select, simple_lesson, TestCourse};
use coursesite::search::sections::Section;
use coursesite::search::{Doc, DocKind, Index};

/// The JSON inside `window.coursesiteSearchIndex=…;`, its text decoded.
fn index_json(c: &TestCourse) -> serde_json::Value {
    coursesite::search::read_index_js(&c.read("search-index.js")).expect("index assignment")
}

fn course() -> TestCourse {
    let c = TestCourse::new();
    c.file("content/lessons/01-甲.md", simple_lesson(1, "接待大客户", &["cases/案例一"]))
        .file("content/lessons/02-乙.md", simple_lesson(2, "售后服务", &[]).replace("+++\n\n", "+++\n\n## 投诉处理六步\n\n先倾听，再道歉。\n\n"))
        .file("content/cases/案例一.md", case("案例一", "VIP 客户的故事。", "1. 为什么？", "因为关键客户。"))
        .file("content/glossary.md", "+++\ntitle = \"术语表\"\n+++\n\n## 关键客户\n{ aliases = [\"大客户\"], en = \"key account\" }\n\n贡献最大的客户。\n");
    c.build_ok();
    c
}

#[test]
fn the_index_holds_every_page_and_term_by_section() {
    let c = course();
    let ix = index_json(&c);
    assert_eq!(ix["kinds"], serde_json::json!(["教案", "案例", "话术", "测验", "术语表", "页面", "术语"]));
    let docs = ix["docs"].as_array().expect("docs");
    let urls: Vec<&str> = docs.iter().map(|d| d[0].as_str().unwrap()).collect();
    for url in ["lessons/01-甲.html", "lessons/02-乙.html", "cases/案例一.html", "glossary.html#关键客户"] {
        assert!(urls.contains(&url), "{url} in {urls:?}");
    }
    assert!(
        !urls.iter().any(|u| u.ends_with("index.html") && *u != "index.html"),
        "generated indexes are not indexed: {urls:?}"
    );
    let term = docs.iter().find(|d| d[0] == "glossary.html#关键客户").unwrap();
    assert_eq!(term[1], "关键客户");
    assert_eq!(term[2], 6);
    assert_eq!(term[3], serde_json::json!(["大客户", "key account"]));
    // A case's 思考 and 分析提示 keep their anchors.
    let case = docs.iter().find(|d| d[0] == "cases/案例一.html").unwrap();
    let anchors: Vec<&str> = case[4].as_array().unwrap().iter().map(|s| s[0].as_str().unwrap()).collect();
    assert!(anchors.contains(&"思考") && anchors.contains(&"分析提示"), "{anchors:?}");
    // A lesson's heading is a section with its anchor and text.
    let lesson = docs.iter().find(|d| d[0] == "lessons/02-乙.html").unwrap();
    let sec = lesson[4].as_array().unwrap().iter().find(|s| s[1] == "投诉处理六步").expect("heading section");
    assert_eq!(sec[0], "投诉处理六步");
    assert!(sec[2].as_str().unwrap().contains("先倾听，再道歉。"));
}

#[test]
fn the_index_is_deterministic_and_labels_follow_the_language() {
    let c = course();
    let first = c.read("search-index.js");
    c.build_ok();
    assert_eq!(c.read("search-index.js"), first);
    c.file("course.toml", "title = \"测试课程\"\nlanguage = \"en\"\n");
    c.build_ok();
    let ix = index_json(&c);
    assert_eq!(ix["kinds"][0], "Lesson plan");
    assert_eq!(ix["kinds"][6], "Term");
}

#[test]
fn every_page_has_the_search_box_and_search_html_exists() {
    let c = course();
    for page in ["index.html", "lessons/01-甲.html", "cases/案例一.html", "glossary.html", "search.html", "404.html"]
    {
        let doc = c.html(page);
        assert_eq!(select(&doc, "form.search input.search-input[name=q]").len(), 1, "{page}");
    }
    let lesson = c.html("lessons/01-甲.html");
    assert_eq!(attrs(&lesson, "form.search", "action"), vec!["../search.html"]);
    assert_eq!(attrs(&lesson, "form.search", "data-index"), vec!["../search-index.js"]);
    let search = c.html("search.html");
    assert_eq!(select(&search, "#search-page .search-results").len(), 1);
    assert_eq!(attrs(&search, "html", "lang"), vec!["zh-CN"]);
}

#[test]
fn the_alias_finds_its_term_and_the_pages_that_use_it() {
    let c = course();
    let ix = index_json(&c);
    // Rebuild the library's index from the file and query it like the browser does.
    let docs: Vec<Doc> = ix["docs"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| Doc {
            url: d[0].as_str().unwrap().into(),
            title: d[1].as_str().unwrap().into(),
            kind: if d[2] == 6 { DocKind::Term } else { DocKind::Page(coursesite::model::Kind::Page) },
            names: d[3].as_array().unwrap().iter().map(|n| n.as_str().unwrap().to_string()).collect(),
            sections: d[4]
                .as_array()
                .unwrap()
                .iter()
                .map(|s| Section {
                    anchor: s[0].as_str().unwrap().into(),
                    heading: s[1].as_str().unwrap().into(),
                    text: s[2].as_str().unwrap().into(),
                })
                .collect(),
        })
        .collect();
    let index = Index::new(docs, coursesite::config::Language::ZhCn);
    let urls: Vec<String> = index.search("大客户").iter().map(|h| index.docs[h.doc].url.clone()).collect();
    // The lesson titled 接待大客户 (title match), then the term (alias), then the
    // case that only says 关键客户 in its body.
    assert_eq!(urls, vec!["lessons/01-甲.html", "glossary.html#关键客户", "cases/案例一.html"]);
    let urls: Vec<String> = index.search("vip").iter().map(|h| index.docs[h.doc].url.clone()).collect();
    assert_eq!(urls, vec!["cases/案例一.html"]);
}

#[test]
fn the_index_follows_edits_made_through_the_render_cache() {
    use coursesite::session::Session;
    let c = course();
    let opts = c.options();
    let mut cache = Session::default();
    let index_of = |cache: &mut Session| {
        let (report, site) = coursesite::render_in_memory(&opts, cache);
        assert_eq!(report.status, coursesite::Status::Ok);
        let site = site.expect("site");
        let file = site.files.iter().find(|f| f.path == "search-index.js").expect("index file");
        let bytes = file.contents.bytes().expect("the index is generated, not copied");
        let js = String::from_utf8(bytes.to_vec()).expect("utf-8");
        coursesite::search::read_index_js(&js).expect("readable index").to_string()
    };
    let before = index_of(&mut cache);
    assert!(!before.contains("独一无二的新说法"));
    c.file(
        "content/lessons/02-乙.md",
        simple_lesson(2, "售后服务", &[]).replace("+++\n\n", "+++\n\n独一无二的新说法。\n\n"),
    );
    let after = index_of(&mut cache);
    assert!(after.contains("独一无二的新说法"), "the edit reached the index");
    assert_eq!(after, index_of(&mut Session::default()), "same as a clean build");
}
