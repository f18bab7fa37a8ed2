//! The search outputs of a build: the files under search/ (what is indexed, how
//! it is labelled, that it is deterministic, that serve re-encodes only what an
//! edit touched) and search.html; the box on every page.

mod common;

use common::{attrs, case, select, simple_lesson, TestCourse};
use coursesite::search::sections::Section;
use coursesite::search::{Doc, DocKind, Index};

/// The whole index as the browser sees it once every file is loaded.
fn index_json(c: &TestCourse) -> serde_json::Value {
    c.search_index()
}

/// Every file under site/search/, by name.
fn search_files(c: &TestCourse) -> std::collections::BTreeMap<String, String> {
    std::fs::read_dir(c.site().join("search"))
        .expect("search/")
        .map(|e| e.expect("entry").path())
        .map(|p| (p.file_name().unwrap().to_string_lossy().into_owned(), std::fs::read_to_string(&p).expect("read")))
        .collect()
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
    let first = search_files(&c);
    assert!(first.len() >= 4 && first.contains_key("manifest.js"), "{:?}", first.keys());
    c.build_ok();
    assert_eq!(search_files(&c), first);
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
    assert_eq!(attrs(&lesson, "form.search", "data-index"), vec!["../search/manifest.js"]);
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
fn the_index_follows_edits_made_through_the_render_cache_re_encoding_only_the_files_they_touch() {
    use coursesite::render::Contents;
    use coursesite::session::Session;
    use std::collections::BTreeMap;
    use std::sync::Arc;
    let c = course();
    let opts = c.options();
    let mut cache = Session::default();
    // Every search file of an in-memory build (as serve holds it), by path.
    let files_of = |cache: &mut Session| -> BTreeMap<String, Arc<Vec<u8>>> {
        let (report, site) = coursesite::render_in_memory(&opts, cache);
        assert_eq!(report.status, coursesite::Status::Ok);
        let site = site.expect("site");
        site.files
            .into_iter()
            .filter(|f| f.path.starts_with("search/"))
            .map(|f| match f.contents {
                Contents::Shared(bytes) => (f.path, bytes),
                _ => panic!("{} is generated in memory", f.path),
            })
            .collect()
    };
    let index_of = |files: &BTreeMap<String, Arc<Vec<u8>>>| {
        let read = |p: &str| files.get(p).map(|b| String::from_utf8(b.to_vec()).expect("utf-8"));
        coursesite::search::read_index(read).expect("readable index").to_string()
    };
    let before = files_of(&mut cache);
    assert!(!index_of(&before).contains("独一无二的新说法"));
    c.file(
        "content/lessons/02-乙.md",
        simple_lesson(2, "售后服务", &[])
            .replace("+++\n\n", "+++\n\n## 投诉处理六步\n\n先倾听，再道歉。独一无二的新说法。\n\n"),
    );
    let after = files_of(&mut cache);
    let text = index_of(&after);
    assert!(text.contains("独一无二的新说法"), "the edit reached the index");
    assert_eq!(text, index_of(&files_of(&mut Session::default())), "same as a clean build");
    // Only the edited page's text bucket and the key shards of its new
    // characters were made again; every other file is the very same bytes.
    let remade: Vec<&String> =
        after.iter().filter(|(p, b)| before.get(*p).is_none_or(|old| !Arc::ptr_eq(old, b))).map(|(p, _)| p).collect();
    assert!(remade.contains(&&"search/t-0.js".to_string()), "{remade:?}");
    assert!(!remade.contains(&&"search/h-0.js".to_string()), "no title or heading changed: {remade:?}");
    let unchanged_but_remade: Vec<&&String> =
        remade.iter().filter(|p| p.as_str() != "search/manifest.js" && before[**p] == after[**p]).collect();
    assert!(unchanged_but_remade.is_empty(), "re-encoded with the same bytes: {unchanged_but_remade:?}");
}
