//! Builds fixture courses (written into temporary folders by each test) and checks
//! the generated HTML structurally: URL scheme, kinds, titles, order, the 教案
//! card, case pages, Markdown features, escaping, theme overrides, determinism,
//! and the repository's own sample course.

mod common;

use common::*;
use coursesite::model::Kind;
use coursesite::Status;
use scraper::{ElementRef, Html};
use std::path::Path;

// ------------------------------------------------------------------ URL scheme

#[test]
fn url_scheme_maps_sources_to_html_files() {
    let c = TestCourse::new();
    c.file("content/a/b.md", "+++\ntitle = \"乙页\"\n+++\n正文。\n")
        .file("content/a/c/d.md", "+++\ntitle = \"丁页\"\n+++\n正文。\n")
        .file("content/x/index.md", "+++\ntitle = \"X 栏目\"\nsummary = \"自写的栏目首页\"\n+++\n栏目介绍。\n")
        .file("content/x/y.md", "+++\ntitle = \"Y 页\"\nsummary = \"Y 的摘要\"\n+++\n正文。\n")
        .file("content/top.md", "+++\ntitle = \"顶层页\"\n+++\n正文。\n");
    c.build_ok();
    for file in [
        "index.html",
        "a/b.html",
        "a/index.html",
        "a/c/index.html",
        "a/c/d.html",
        "x/index.html",
        "x/y.html",
        "top.html",
        "404.html",
    ] {
        assert!(c.exists(file), "site/{file} missing; site has {:?}", html_files(&c.site()));
    }
    for absent in ["a/b/index.html", "x/index/index.html", "b.html", "index/index.html"] {
        assert!(!c.exists(absent), "site/{absent} should not exist");
    }
    // Home page: generated, titled with the course title.
    let home = c.html("index.html");
    assert_eq!(texts(&home, "main h1"), vec!["测试课程"]);
    // Generated folder index lists its pages and sub-folders.
    let a = c.html("a/index.html");
    let listed = texts(&a, ".listing .card-title");
    assert!(listed.contains(&"乙页".to_string()), "{listed:?}");
    assert!(listed.iter().any(|t| t == "c"), "sub-folder c should be listed: {listed:?}");
    // A written index.md is used as the folder index, with the summary of its pages.
    let x = c.html("x/index.html");
    assert_eq!(texts(&x, "main h1"), vec!["X 栏目"]);
    assert!(texts(&x, ".content").iter().any(|t| t.contains("栏目介绍")));
    assert_eq!(texts(&x, ".listing .card-title"), vec!["Y 页"]);
    assert!(texts(&x, ".listing .card-summary").contains(&"Y 的摘要".to_string()));
    // The embedded theme was used (no themes/ in this project).
    assert!(!c.root().join("themes").exists());
    assert!(!c.read("theme/style.css").is_empty());
}

#[test]
fn every_internal_link_is_relative_and_resolves() {
    let c = TestCourse::new();
    c.file("content/lessons/01-甲.md", simple_lesson(1, "甲课", &["cases/案例一"]))
        .file("content/cases/案例一.md", case("案例一", "故事。", "1. 问题？", "分析。"))
        .file("content/a/b/c.md", "# 深层页\n\n[回到首页](../../index.md)\n")
        .file("content/about.md", "# 关于\n\n[去深层](a/b/c.md)\n");
    c.build_ok();
    let pages = html_files(&c.site());
    assert!(pages.len() >= 9, "{pages:?}");
    for page in pages.iter().filter(|p| *p != "404.html") {
        let doc = c.html(page);
        let mut urls = attrs(&doc, "[href]", "href");
        urls.extend(attrs(&doc, "[src]", "src"));
        for url in urls {
            assert!(!url.starts_with('/'), "{page}: absolute link {url}");
            assert!(!url.to_ascii_lowercase().starts_with("http"), "{page}: internal link with scheme {url}");
        }
    }
    let crawl = assert_links_ok(&c.site(), &["404.html"]);
    for page in ["lessons/01-甲.html", "cases/案例一.html", "a/b/c.html", "a/b/index.html", "about.html"] {
        assert!(crawl.reached.contains(page), "{page} is not linked from anywhere");
    }
    let reach = reachable_from(&c.site(), "index.html");
    for page in pages.iter().filter(|p| *p != "404.html") {
        assert!(reach.contains(page), "{page} is not reachable from the home page");
    }
}

// ------------------------------------------------------------------ kinds and titles

#[test]
fn kinds_come_from_folder_or_front_matter() {
    let c = TestCourse::new();
    c.file("content/lessons/01-课.md", simple_lesson(1, "一课", &[]))
        .file("content/lessons/说明.md", "+++\ntitle = \"说明\"\nkind = \"page\"\n+++\n不是教案。\n")
        .file("content/cases/案.md", "# 案\n\n故事。\n")
        .file("content/scripts/话.md", "# 话\n\n客服：您好。\n")
        .file("content/quizzes/测.md", "# 测\n\n1. 判断。\n")
        .file(
            "content/notes/其实是案例.md",
            "+++\ntitle = \"其实是案例\"\nkind = \"case\"\n+++\n故事。\n\n## 思考\n\n为什么？\n",
        )
        .file("content/glossary.md", "# 术语\n\n客户。\n")
        .file("content/about.md", "# 关于\n");
    let report = c.build_ok();
    let expected = [
        ("lessons/01-课.html", "lesson"),
        ("lessons/说明.html", "page"),
        ("cases/案.html", "case"),
        ("scripts/话.html", "script"),
        ("quizzes/测.html", "quiz"),
        ("notes/其实是案例.html", "case"),
        ("glossary.html", "glossary"),
        ("about.html", "page"),
    ];
    for (page, kind) in expected {
        let doc = c.html(page);
        let body = one(&doc, "body");
        let class = body.value().attr("class").unwrap_or_default();
        assert!(
            class.split_whitespace().any(|k| k == format!("kind-{kind}")),
            "{page}: body class '{class}', want kind-{kind}"
        );
    }
    // A page made a case by `kind` gets the case layout.
    let doc = c.html("notes/其实是案例.html");
    assert_eq!(select(&doc, "section.case-questions").len(), 1);
    // The lesson gets the 教案 card; the page in lessons/ with kind = "page" does not.
    assert_eq!(select(&c.html("lessons/01-课.html"), "table.form").len(), 1);
    assert_eq!(select(&c.html("lessons/说明.html"), "table.form").len(), 0);
    let counts = &report.summary.pages_by_kind;
    assert_eq!(counts.get(&Kind::Lesson), Some(&1));
    assert_eq!(counts.get(&Kind::Case), Some(&2));
    assert_eq!(counts.get(&Kind::Script), Some(&1));
    assert_eq!(counts.get(&Kind::Quiz), Some(&1));
    assert_eq!(counts.get(&Kind::Glossary), Some(&1));
    assert_eq!(counts.get(&Kind::Page), Some(&2));
}

#[test]
fn title_from_front_matter_then_heading_then_file_name() {
    let c = TestCourse::new();
    c.file("content/fm.md", "+++\ntitle = \"前言标题\"\n+++\n正文。\n")
        .file("content/yaml.md", "---\ntitle: YAML 标题\n---\n正文。\n")
        .file("content/heading.md", "\n# 从标题来\n\n正文段落。\n\n## 小节\n")
        .file("content/无标题.md", "只有正文，没有标题。\n");
    c.build_ok();
    let cases =
        [("fm.html", "前言标题"), ("yaml.html", "YAML 标题"), ("heading.html", "从标题来"), ("无标题.html", "无标题")];
    for (page, title) in cases {
        let doc = c.html(page);
        assert_eq!(texts(&doc, "h1"), vec![title.to_string()], "{page}: the title is the one h1");
        let head = squash(one(&doc, "title"));
        assert!(head.starts_with(title), "{page}: <title> is '{head}'");
    }
    // The heading that became the title is not rendered a second time.
    let doc = c.html("heading.html");
    assert_eq!(select(&doc, ".content h1").len(), 0);
    assert!(!texts(&doc, ".content").concat().contains("从标题来"));
    assert!(texts(&doc, ".content").concat().contains("正文段落"));
}

// ------------------------------------------------------------------ order

/// The sidebar entries under the section whose index is `section_url_end`.
fn sidebar_children(doc: &Html, section_url_end: &str) -> Vec<String> {
    for li in select(doc, "nav.sidebar li.nav-section") {
        let first = select_in(li, "a").into_iter().next().expect("section link");
        if first.value().attr("href").is_some_and(|h| h.ends_with(section_url_end)) {
            // Only this section's own list: <li><a/><ul><li><a/>…</li></ul></li>.
            let mut out = Vec::new();
            for ul in li.children().filter_map(ElementRef::wrap).filter(|e| e.value().name() == "ul") {
                for item in ul.children().filter_map(ElementRef::wrap).filter(|e| e.value().name() == "li") {
                    if let Some(a) = item.children().filter_map(ElementRef::wrap).find(|e| e.value().name() == "a") {
                        out.push(squash(a));
                    }
                }
            }
            return out;
        }
    }
    panic!("no sidebar section for {section_url_end}");
}

#[test]
fn section_order_is_weight_then_number_then_pinyin() {
    let c = TestCourse::new();
    c.file("content/cases/西南航空.md", "+++\ntitle = \"西南航空\"\n+++\n故事。\n")
        .file("content/cases/东方饭店.md", "+++\ntitle = \"东方饭店\"\n+++\n故事。\n")
        .file("content/cases/王永庆.md", "+++\ntitle = \"王永庆\"\n+++\n故事。\n")
        .file("content/notes/02-乙.md", "+++\ntitle = \"乙\"\n+++\n正文。\n")
        .file("content/notes/01-甲.md", "+++\ntitle = \"甲\"\n+++\n正文。\n")
        .file("content/notes/丙.md", "+++\ntitle = \"丙\"\nweight = 1\n+++\n正文。\n")
        .file("content/notes/阿.md", "+++\ntitle = \"阿\"\n+++\n正文。\n");
    c.build_ok();
    let pinyin = vec!["东方饭店", "王永庆", "西南航空"];
    let index = c.html("cases/index.html");
    assert_eq!(texts(&index, ".listing .card-title"), pinyin);
    assert_eq!(sidebar_children(&index, "cases/index.html"), pinyin);
    assert_eq!(sidebar_children(&c.html("cases/西南航空.html"), "cases/index.html"), pinyin);
    // Reading order follows the section order.
    let first = c.html("cases/东方饭店.html");
    assert_eq!(texts(&first, ".pager-next .pager-title"), vec!["王永庆"]);
    let notes = vec!["丙", "甲", "乙", "阿"];
    let index = c.html("notes/index.html");
    assert_eq!(texts(&index, ".listing .card-title"), notes);
    assert_eq!(sidebar_children(&index, "notes/index.html"), notes);
}

#[test]
fn listings_sidebar_and_glossary_sort_the_same_way_in_both_languages() {
    // Mixed Chinese and Latin names, same set as cases and as glossary terms.
    let names = ["西南航空", "zebra 斑马", "东方饭店", "Apple 苹果", "王永庆", "阿里巴巴", "北京"];
    for language in ["zh-CN", "en"] {
        let c = TestCourse::new();
        c.file("course.toml", format!("title = \"测试课程\"\nlanguage = \"{language}\"\n"));
        let mut glossary = String::from("+++\ntitle = \"术语表\"\n+++\n");
        for (i, name) in names.iter().enumerate() {
            c.file(&format!("content/cases/c{i}.md"), format!("+++\ntitle = \"{name}\"\n+++\n故事。\n"));
            glossary.push_str(&format!("\n## {name}\n\n释义。\n"));
        }
        c.file("content/glossary.md", glossary);
        c.build_ok();
        let index = c.html("cases/index.html");
        let listing = texts(&index, ".listing .card-title");
        let terms = texts(&c.html("glossary.html"), ".term-name");
        assert_eq!(listing.len(), names.len(), "{language}: {listing:?}");
        assert_eq!(listing, terms, "{language}: the section and the glossary disagree");
        assert_eq!(sidebar_children(&index, "cases/index.html"), listing, "{language}: sidebar");
        // Pinyin order with Latin words among them (a, b, d, w, x, z).
        assert_eq!(
            listing,
            ["阿里巴巴", "Apple 苹果", "北京", "东方饭店", "王永庆", "西南航空", "zebra 斑马"],
            "{language}"
        );
    }
}

#[test]
fn a_large_course_shares_its_sidebar_in_nav_js_instead_of_repeating_it() {
    use coursesite::render::context::NAV_FULL;
    let c = TestCourse::new();
    let cases = NAV_FULL + 50;
    for i in 0..cases {
        c.file(&format!("content/cases/{i:03}.md"), format!("+++\ntitle = \"案例{i:03}\"\n+++\n故事。\n"));
    }
    for i in 1..=3 {
        c.file(&format!("content/notes/{i:02}.md"), format!("+++\ntitle = \"笔记{i}\"\n+++\n正文。\n"));
    }
    c.build_ok();
    // The page's sidebar holds the home link only, and says where the page is.
    let mid = c.html("cases/100.html");
    assert_eq!(attrs(&mid, "nav.sidebar a", "href"), vec!["../index.html"]);
    assert_eq!(attrs(&mid, "nav.sidebar ul.nav-tree", "data-nav-page"), vec!["cases/100.html"]);
    assert_eq!(attrs(&mid, "nav.sidebar ul.nav-tree", "data-nav-root"), vec!["../"]);
    assert!(attrs(&mid, "script", "src").contains(&"../nav.js".to_string()));
    // nav.js: every section with all its pages, URLs from the site root, once.
    let js = c.read("nav.js");
    let json =
        js.trim_end().strip_prefix("window.coursesiteNav=").and_then(|j| j.strip_suffix(';')).expect("one assignment");
    let tree: serde_json::Value = serde_json::from_str(json).expect("JSON");
    assert_eq!(tree["window"], coursesite::render::context::NAV_WINDOW);
    assert_eq!(tree["more"], "全部 {n} 篇 →");
    let section = |u: &str| tree["items"].as_array().unwrap().iter().find(|i| i["u"] == u).cloned().expect(u);
    let cases_sec = section("cases/index.html");
    assert_eq!(cases_sec["p"].as_array().unwrap().len(), cases);
    assert_eq!(cases_sec["p"][100], serde_json::json!({"t": "案例100", "u": "cases/100.html"}));
    assert_eq!(section("notes/index.html")["p"].as_array().unwrap().len(), 3);
    // A small course keeps its sidebar in the page and writes no nav.js.
    let small = TestCourse::new();
    small.file("content/notes/01.md", "+++\ntitle = \"笔记1\"\n+++\n正文。\n");
    small.build_ok();
    assert!(!small.site().join("nav.js").exists());
    assert!(texts(&small.html("notes/01.html"), "nav.sidebar a").contains(&"笔记1".to_string()));
    // The browser side (the window, folding, no layout shift, no script): tests/browser/nav-shared.test.mjs.
}

// ------------------------------------------------------------------ lessons and cases

#[test]
fn lesson_header_card_lists_the_form_fields_in_order() {
    let c = TestCourse::new();
    c.file(
        "content/lessons/01-理解客户服务.md",
        lesson(
            1,
            "项目一 理解客户服务",
            2,
            &[("组织教学", 5), ("案例导入", 15), ("新课讲解", 55), ("归纳总结", 15)],
            &["cases/东方饭店", "王永庆"],
            "## 步骤三 新课讲解\n\n讲授内容。\n",
        ),
    )
    .file("content/cases/东方饭店.md", case("东方饭店", "故事。", "问题？", "分析。"))
    .file("content/cases/王永庆.md", case("王永庆卖米", "故事。", "问题？", "分析。"));
    let report = c.build_ok();
    assert_eq!(report.warnings(), 0, "{}", render_all(&report));
    let doc = c.html("lessons/01-理解客户服务.html");
    let fields = texts(&doc, "table.form th");
    let pos = |name: &str| {
        fields.iter().position(|f| f == name).unwrap_or_else(|| panic!("field {name} missing from {fields:?}"))
    };
    assert_eq!(&fields[..6], ["序号", "章节名称", "教学目的和要求", "教学内容", "教学方法", "学时"]);
    for later in ["教学重点", "教学难点", "教学课件名称", "使用案例"] {
        assert!(pos("学时") < pos(later) && pos(later) < pos("教学设计"), "{later} out of order in {fields:?}");
    }
    let row = |name: &str| {
        let rows = select(&doc, "table.form tr");
        let row =
            rows.into_iter().find(|r| select_in(*r, "th").first().is_some_and(|th| squash(*th) == name)).expect("row");
        squash(select_in(row, "td")[0])
    };
    assert_eq!(row("序号"), "1");
    assert_eq!(row("章节名称"), "项目一 理解客户服务");
    assert!(row("学时").contains('2'), "{}", row("学时"));
    assert!(row("教学方法").contains("讲授") && row("教学方法").contains("讨论"));
    assert_eq!(row("教学课件名称"), "项目一.pptx");
    let subs = texts(&doc, "table.form .form-sub");
    assert!(subs.iter().any(|s| s.contains("知识目标")), "{subs:?}");
    assert!(subs.iter().any(|s| s.contains("能力目标")), "{subs:?}");
    let aims = row("教学目的和要求");
    let (k, a) =
        (aims.find("理解客户的含义").expect("knowledge item"), aims.find("能够区分客户").expect("ability item"));
    assert!(k < a, "{aims}");
    // Steps, numbered and timed.
    assert_eq!(texts(&doc, "ol.steps .step-label"), vec!["步骤一", "步骤二", "步骤三", "步骤四"]);
    assert_eq!(texts(&doc, "ol.steps .step-name"), vec!["组织教学", "案例导入", "新课讲解", "归纳总结"]);
    let minutes = texts(&doc, "ol.steps .step-minutes");
    for (m, want) in minutes.iter().zip(["5", "15", "55", "15"]) {
        assert!(m.split_whitespace().next() == Some(want), "step minutes '{m}', want {want}");
    }
    assert!(texts(&doc, ".steps-total").concat().contains("90"));
    // Cases used, linked by id and by file stem.
    let case_links = select(&doc, "table.form a");
    let hrefs: Vec<_> = case_links.iter().filter_map(|a| a.value().attr("href")).collect();
    assert_eq!(hrefs, vec!["../cases/东方饭店.html", "../cases/王永庆.html"]);
    assert_eq!(case_links.iter().map(|a| squash(*a)).collect::<Vec<_>>(), vec!["东方饭店", "王永庆卖米"]);
    // Homework after the body; the lecture itself is rendered.
    assert!(texts(&doc, ".homework li").contains(&"作业一".to_string()));
    assert_eq!(attrs(&doc, ".content h2", "id"), vec!["步骤三-新课讲解"]);
    // Listed with its hours in the section index.
    let index = c.html("lessons/index.html");
    assert!(texts(&index, ".listing .card-meta").iter().any(|m| m.contains('2')));
}

fn minutes_warning(steps: &[(&str, u32)]) -> Vec<String> {
    let c = TestCourse::new();
    c.file("content/lessons/01-课.md", lesson(1, "课", 2, steps, &[], "正文。\n"));
    let report = c.build_ok();
    assert!(c.exists("lessons/01-课.html"));
    warnings_of(&report)
}

#[test]
fn lesson_minutes_must_fit_hours_within_ten_percent() {
    // 2 学时 × 45 = 90 minutes; 81..=99 is fine.
    assert!(minutes_warning(&[("a", 40), ("b", 41)]).is_empty(), "81 minutes is within 10 %");
    assert!(minutes_warning(&[("a", 50), ("b", 49)]).is_empty(), "99 minutes is within 10 %");
    let low = minutes_warning(&[("a", 10), ("b", 20)]);
    assert_eq!(low.len(), 1, "{low:?}");
    for number in ["30", "10 + 20", "90"] {
        assert!(low[0].contains(number), "warning should name {number}: {}", low[0]);
    }
    assert!(low[0].contains("content/lessons/01-课.md:"), "{}", low[0]);
    assert_eq!(minutes_warning(&[("a", 40), ("b", 40)]).len(), 1, "80 minutes is more than 10 % short");
    assert_eq!(minutes_warning(&[("a", 50), ("b", 50)]).len(), 1, "100 minutes is more than 10 % over");
}

#[test]
fn lesson_minutes_warning_via_cli_keeps_exit_zero() {
    let c = TestCourse::new();
    c.file("content/lessons/01-课.md", lesson(1, "课", 2, &[("组织教学", 10), ("新课讲解", 20)], &[], "正文。\n"));
    let (code, _, stderr) = c.run_cli(&["build"]);
    assert_eq!(code, 0, "{stderr}");
    assert!(stderr.contains("warning:"), "{stderr}");
    assert!(stderr.contains("30") && stderr.contains("90"), "{stderr}");
    assert!(c.exists("lessons/01-课.html"));
}

#[test]
fn case_page_has_story_questions_analysis_and_back_links() {
    let c = TestCourse::new();
    c.file(
        "content/cases/东方饭店.md",
        case("东方饭店", "泰国东方饭店记住了每位客人的名字。", "1. 东方饭店做对了什么？", "细节决定服务质量。"),
    )
    .file("content/cases/孤立案例.md", case("孤立案例", "没人用的故事。", "问题？", "分析。"))
    .file("content/lessons/01-理解客户服务.md", simple_lesson(1, "项目一 理解客户服务", &["cases/东方饭店"]))
    .file("content/lessons/02-客户服务理念.md", simple_lesson(2, "项目二 客户服务理念", &["东方饭店"]));
    c.build_ok();
    let doc = c.html("cases/东方饭店.html");
    let story = squash(one(&doc, "section.case-story"));
    let questions = squash(one(&doc, "section.case-questions"));
    let analysis = squash(one(&doc, "section.case-analysis"));
    assert!(story.contains("记住了每位客人的名字"), "{story}");
    assert!(!story.contains("做对了什么") && !story.contains("细节决定"), "story holds other parts: {story}");
    assert!(questions.contains("东方饭店做对了什么"), "{questions}");
    assert!(!questions.contains("细节决定"), "{questions}");
    assert!(analysis.contains("细节决定服务质量"), "{analysis}");
    assert_eq!(texts(&doc, "section.case-questions h2"), vec!["思考"]);
    assert_eq!(texts(&doc, "section.case-analysis h2"), vec!["分析提示"]);
    // Questions come before the analysis in the document.
    let html = c.read("cases/东方饭店.html");
    assert!(html.find("case-questions").expect("questions") < html.find("case-analysis").expect("analysis"));
    assert!(texts(&doc, ".case-meta").concat().contains("某公司"));
    // 被引用: both lessons (their `cases = [...]`), grouped under 教案, in reading order.
    assert_eq!(texts(&doc, ".backlinks h2"), vec!["被引用"]);
    assert_eq!(texts(&doc, ".backlinks h3"), vec!["教案"]);
    assert_eq!(
        attrs(&doc, ".backlinks a", "href"),
        vec!["../lessons/01-理解客户服务.html", "../lessons/02-客户服务理念.html"]
    );
    assert_eq!(texts(&doc, ".backlinks a"), vec!["项目一 理解客户服务", "项目二 客户服务理念"]);
    assert_eq!(select(&c.html("cases/孤立案例.html"), ".backlinks").len(), 0);
}

// ------------------------------------------------------------------ Markdown

#[test]
fn markdown_gfm_extensions_and_highlighting() {
    let c = TestCourse::new();
    c.file(
        "content/md.md",
        "+++\ntitle = \"Markdown\"\n+++\n\n| 客户类型 | 说明 |\n| --- | --- |\n| 内部客户 | 同事 |\n\n~~删除线~~\n\n- [x] 已完成\n- [ ] 未完成\n\n脚注在此[^1]。见 https://example.org 网站。\n\n[^1]: 脚注内容。\n\n```rust\nfn main() { let x = 1; }\n```\n",
    );
    c.build_ok();
    let doc = c.html("md.html");
    assert_eq!(texts(&doc, ".content table th"), vec!["客户类型", "说明"]);
    assert_eq!(texts(&doc, ".content table td"), vec!["内部客户", "同事"]);
    assert_eq!(texts(&doc, ".content del"), vec!["删除线"]);
    let boxes = select(&doc, ".content li input[type=checkbox]");
    assert_eq!(boxes.len(), 2);
    assert!(boxes[0].value().attr("checked").is_some() && boxes[1].value().attr("checked").is_none());
    // Each box is labelled by its task's text (axe `label`).
    assert_eq!(texts(&doc, ".content li > label.task"), vec!["已完成", "未完成"]);
    assert_eq!(select(&doc, ".content li > label.task > input[type=checkbox]").len(), 2);
    // Footnote reference and its note, linked both ways.
    let fnref = one(&doc, ".content sup a");
    let target = fnref.value().attr("href").expect("footnote href");
    let target_id = target.strip_prefix('#').expect("fragment link");
    let note = select(&doc, &format!(".content [id=\"{target_id}\"]"));
    assert_eq!(note.len(), 1, "footnote {target} has no target");
    assert!(squash(note[0]).contains("脚注内容"));
    // Bare URL autolinked.
    assert_eq!(attrs(&doc, ".content a[href=\"https://example.org\"]", "href").len(), 1);
    // Highlighted code, with classes, not inline colours.
    let code = one(&doc, ".content pre code");
    assert!(
        select_in(code, "span").iter().any(|s| s.value().attr("class").is_some_and(|k| k.starts_with("hl-"))),
        "no hl- spans"
    );
    assert!(select_in(code, "[style]").is_empty());
    assert_eq!(squash(code), "fn main() { let x = 1; }");
    assert!(!c.read("theme/highlight.css").is_empty());
}

#[test]
fn heading_ids_keep_chinese_and_are_unique() {
    let c = TestCourse::new();
    c.file("content/h.md", "# 标题\n\n## 教学目标\n\n## 思考\n\n正文\n\n## 思考\n\n### 思考\n\n## Key Points\n");
    c.build_ok();
    let doc = c.html("h.html");
    assert_eq!(select(&doc, "h2[id=\"教学目标\"]").len(), 1);
    let ids = attrs(&doc, ".content h2, .content h3", "id");
    assert_eq!(ids.len(), 5, "{ids:?}");
    let unique: std::collections::BTreeSet<_> = attrs(&doc, "[id]", "id").into_iter().collect();
    assert_eq!(
        unique.len(),
        attrs(&doc, "[id]", "id").len(),
        "duplicate ids on the page: {:?}",
        attrs(&doc, "[id]", "id")
    );
    assert!(ids.contains(&"思考".to_string()), "{ids:?}");
    // The on-page table of contents links to them.
    let toc = attrs(&doc, "nav.toc a", "href");
    assert!(toc.contains(&"#教学目标".to_string()), "{toc:?}");
    assert_links_ok(&c.site(), &["404.html"]);
}

#[test]
fn callouts_become_titled_boxes() {
    let c = TestCourse::new();
    c.file(
        "content/c.md",
        "# 提示框\n\n> [!NOTE]\n> 说明内容。\n\n> [!本讲重点]\n> 重点内容。\n\n> [!课堂小思考]\n> 你的客户是谁？\n\n> [!TIP] 自定义标题\n> 提示。\n\n> 普通引用。\n",
    );
    c.build_ok();
    let doc = c.html("c.html");
    for (class, title, body) in [
        ("callout-note", "说明", "说明内容。"),
        ("callout-key-points", "本讲重点", "重点内容。"),
        ("callout-class-question", "课堂小思考", "你的客户是谁？"),
        ("callout-tip", "自定义标题", "提示。"),
    ] {
        let div = one(&doc, &format!(".content div.callout.{class}"));
        assert_eq!(select_in(div, ".callout-title").into_iter().map(squash).collect::<Vec<_>>(), vec![title]);
        assert!(squash(div).contains(body), "{class}: {}", squash(div));
        assert!(!squash(div).contains("[!"), "marker left in {class}: {}", squash(div));
    }
    assert_eq!(texts(&doc, ".content blockquote"), vec!["普通引用。"]);
}

#[test]
fn english_course_uses_english_ui_strings() {
    let c = TestCourse::bare();
    c.file("course.toml", "title = \"Customer Service\"\nlanguage = \"en\"\n")
        .file("content/a.md", "# First\n\n> [!NOTE]\n> text\n\n> [!本讲重点]\n> key\n")
        .file("content/b.md", "# Second\n\ntext\n");
    c.build_ok();
    let doc = c.html("b.html");
    assert_eq!(one(&doc, "html").value().attr("lang"), Some("en"));
    let prev = texts(&doc, ".pager-prev .pager-label").concat();
    assert!(prev.contains("Previous"), "{prev}");
    assert!(!c.read("b.html").contains("上一页"));
    let a = c.html("a.html");
    assert_eq!(texts(&a, ".callout-note .callout-title"), vec!["Note"]);
    assert_eq!(texts(&a, ".callout-key-points .callout-title"), vec!["Key points"]);
    // The Chinese default, for contrast.
    let zh = TestCourse::new();
    zh.file("content/a.md", "# 甲\n").file("content/b.md", "# 乙\n");
    zh.build_ok();
    let doc = zh.html("b.html");
    assert_eq!(one(&doc, "html").value().attr("lang"), Some("zh-CN"));
    assert!(texts(&doc, ".pager-prev .pager-label").concat().contains("上一页"));
}

#[test]
fn cjk_soft_breaks_vanish_latin_ones_stay() {
    let c = TestCourse::new();
    c.file("content/p.md", "# 换行\n\n客户\n服务\n\nhello\nworld\n\n中文\nEnglish\n\n句号。\n下一句\n");
    c.build_ok();
    let doc = c.html("p.html");
    let paras: Vec<String> = select(&doc, ".content p").into_iter().map(text).collect();
    assert!(paras.contains(&"客户服务".to_string()), "{paras:?}");
    assert!(paras.contains(&"句号。下一句".to_string()), "{paras:?}");
    let hello = paras.iter().find(|p| p.starts_with("hello")).expect("hello paragraph");
    assert!(hello == "hello world" || hello == "hello\nworld", "{hello:?}");
    let mixed = paras.iter().find(|p| p.starts_with("中文")).expect("mixed paragraph");
    assert_ne!(mixed, "中文English", "a break between Chinese and Latin text is kept");
}

// ------------------------------------------------------------------ safety

#[test]
fn raw_html_is_escaped_and_warned_about_when_asked() {
    let c = TestCourse::bare();
    c.file("course.toml", "title = \"T\"\n\n[markdown]\nraw_html = \"escape\"\n");
    c.file(
        "content/raw.md",
        "+++\ntitle = \"Raw\"\n+++\n\n正文。\n\n<script>alert(1)</script>\n\n图 <img src=x onerror=alert(1)> 在此\n",
    );
    let report = c.build_ok();
    let doc = c.html("raw.html");
    assert!(select(&doc, "main script").is_empty(), "a script element made it into the page body");
    assert!(select(&doc, "[onerror]").is_empty(), "an onerror attribute made it into the page");
    assert!(select(&doc, ".content img").is_empty());
    let shown = text(one(&doc, ".content"));
    assert!(shown.contains("<script>alert(1)</script>"), "raw HTML should show as text: {shown}");
    assert!(shown.contains("<img src=x onerror=alert(1)>"), "{shown}");
    let warnings = warnings_of(&report);
    assert!(
        warnings.iter().any(|w| w.contains("raw.md:7:1: warning:") && w.contains("raw HTML")),
        "expected a located raw-HTML warning: {warnings:?}"
    );
}

#[test]
fn raw_html_allowed_with_unsafe_html() {
    let c = TestCourse::bare();
    c.file("course.toml", "title = \"T\"\n\n[markdown]\nunsafe_html = true\n")
        .file("content/raw.md", "# Raw\n\n<div class=\"mine\">你好</div>\n\n文字 <kbd>Ctrl</kbd>\n");
    let report = c.build_ok();
    assert_eq!(report.warnings(), 0, "{}", render_all(&report));
    let doc = c.html("raw.html");
    assert_eq!(texts(&doc, ".content div.mine"), vec!["你好"]);
    assert_eq!(texts(&doc, ".content kbd"), vec!["Ctrl"]);
}

#[test]
fn script_urls_are_removed() {
    let c = TestCourse::new();
    c.file(
        "content/x.md",
        "# 链接\n\n[x](javascript:alert(1)) [y](JaVaScRiPt:alert(1)) [w](&#106;avascript:alert(1)) [v](vbscript:x) [ok](https://example.org/)\n",
    );
    let report = c.build_ok();
    let doc = c.html("x.html");
    for label in ["x", "y", "w", "v"] {
        let link = select(&doc, ".content a").into_iter().find(|a| squash(*a) == label).expect("link kept as text");
        let href = link.value().attr("href").unwrap_or("");
        assert!(href.is_empty(), "[{label}] kept href {href:?}");
    }
    assert_eq!(attrs(&doc, ".content a[href=\"https://example.org/\"]", "href").len(), 1);
    for el in select(&doc, "*") {
        for (name, value) in el.value().attrs() {
            let v: String = value.chars().filter(|c| !c.is_whitespace()).collect::<String>().to_ascii_lowercase();
            assert!(!v.starts_with("javascript:") && !v.starts_with("vbscript:"), "{name}={value:?}");
        }
    }
    assert!(warnings_of(&report).iter().any(|w| w.contains("x.md:3:")), "{}", render_all(&report));
}

#[test]
fn html_in_titles_is_escaped_everywhere() {
    let evil = "</title><script>alert(1)</script>";
    let c = TestCourse::new();
    c.file("content/x.md", format!("+++\ntitle = \"{evil}\"\nsummary = \"<b>粗</b>\"\n+++\n正文。\n"))
        .file("content/y.md", "# 另一页\n");
    c.build_ok();
    for page in ["x.html", "y.html", "index.html"] {
        let doc = c.html(page);
        for script in select(&doc, "script") {
            assert!(script.value().attr("src").is_some(), "{page}: inline script element: {}", script.html());
        }
        assert!(select(&doc, "main b").is_empty(), "{page}: summary HTML was not escaped");
        let nav: Vec<String> = select(&doc, "nav.sidebar a").into_iter().map(text).collect();
        assert!(nav.iter().any(|t| t == evil), "{page}: sidebar should show the title as text: {nav:?}");
    }
    let doc = c.html("x.html");
    assert!(text(one(&doc, "title")).starts_with(evil), "{}", text(one(&doc, "title")));
    assert_eq!(texts(&doc, "main h1"), vec![evil]);
    let listing: Vec<String> = select(&c.html("index.html"), "main a").into_iter().map(text).collect();
    assert!(listing.iter().any(|t| t == evil), "{listing:?}");
}

// ------------------------------------------------------------------ links and assets

#[test]
fn md_links_are_rewritten_and_assets_copied() {
    let png = b"\x89PNG\r\n\x1a\n\0\0\0\rIHDRfake-image-bytes";
    let pdf = b"%PDF-1.4\n% fake\n";
    let c = TestCourse::new();
    c.file(
        "content/lessons/01-课.md",
        lesson(
            1,
            "课",
            2,
            &[("a", 90)],
            &[],
            "[看案例](../cases/东方饭店.md) [看片段](../cases/东方饭店.md#思考) [案例栏目](../cases/) [讲义](files/讲义.pdf)\n\n![客户分类](img/分类.png)\n",
        ),
    )
    .file("content/cases/东方饭店.md", "# 东方饭店\n\n故事。\n\n## 思考\n\n为什么？\n")
    .file("content/lessons/img/分类.png", png)
    .file("content/lessons/files/讲义.pdf", pdf)
    .file("content/about.md", "# 关于\n\n[第一课](lessons/01-课.md)\n");
    let report = c.build_ok();
    assert_eq!(report.summary.assets, 2);
    let doc = c.html("lessons/01-课.html");
    // Non-ASCII may be percent-encoded in the href; compare what it names.
    let decoded = |v: Vec<String>| v.iter().map(|h| percent_decode(h)).collect::<Vec<_>>();
    assert_eq!(
        decoded(attrs(&doc, ".content a", "href")),
        vec!["../cases/东方饭店.html", "../cases/东方饭店.html#思考", "../cases/index.html", "files/讲义.pdf"]
    );
    assert_eq!(decoded(attrs(&doc, ".content img", "src")), vec!["img/分类.png"]);
    assert_eq!(attrs(&doc, ".content img", "alt"), vec!["客户分类"]);
    assert_eq!(std::fs::read(c.site().join("lessons/img/分类.png")).unwrap(), png);
    assert_eq!(std::fs::read(c.site().join("lessons/files/讲义.pdf")).unwrap(), pdf);
    assert_eq!(decoded(attrs(&c.html("about.html"), ".content a", "href")), vec!["lessons/01-课.html"]);
    let crawl = crawl(&c.site(), &["404.html"]);
    assert!(crawl.broken.is_empty(), "{:?}", crawl.broken);
}

// ------------------------------------------------------------------ theme

#[test]
fn project_theme_files_override_the_embedded_ones() {
    let c = TestCourse::new();
    c.file("content/p.md", "# 页\n\n正文。\n")
        .file(
            "themes/default/templates/page.html",
            "{% extends \"base.html\" %}{% block content %}<div class=\"custom-marker\">{{ content | safe }}</div>{% endblock content %}",
        )
        .file("themes/default/static/style.css", "/* custom stylesheet */\nbody { color: red; }\n")
        .file("themes/default/static/extra.js", "console.log('extra');\n");
    c.build_ok();
    let doc = c.html("p.html");
    assert_eq!(texts(&doc, ".custom-marker p"), vec!["正文。"]);
    assert_eq!(c.read("theme/style.css"), "/* custom stylesheet */\nbody { color: red; }\n");
    assert_eq!(c.read("theme/extra.js"), "console.log('extra');\n");
    // Templates the project did not override still come from the embedded theme.
    assert!(!c.read("theme/main.js").is_empty());
    assert_eq!(texts(&c.html("index.html"), "main h1"), vec!["测试课程"]);
    // Without the override, the same page has no marker.
    let plain = TestCourse::new();
    plain.file("content/p.md", "# 页\n\n正文。\n");
    plain.build_ok();
    assert!(select(&plain.html("p.html"), ".custom-marker").is_empty());
    assert_ne!(plain.read("theme/style.css"), c.read("theme/style.css"));
}

/// Quiz, call-script and sidebar markup comes from the theme's macros: a
/// project's `themes/default/templates/macros/*.html` replaces it, in quiz
/// pages, ```quiz blocks, script pages and every page's sidebar.
#[test]
fn project_macros_override_quiz_script_and_sidebar_markup() {
    let c = TestCourse::new();
    c.file("content/p.md", "# 页\n\n正文。\n\n```quiz\n1. 准时上门体现信赖度。（对）\n```\n")
        .file("content/quizzes/01-测.md", "+++\ntitle = \"测\"\n+++\n\n1. 内部客户也是客户。（对）\n2. 售中服务？\n   - [ ] 安装\n   - [x] 挑选\n")
        .file("content/scripts/01-话.md", "+++\ntitle = \"话\"\n+++\n\n## 开场 {#open}\n\n坐席：您好。\n-> #close\n\n## 结束 {#close}\n\n客户：再见。\n")
        .file(
            "themes/default/templates/macros/quiz.html",
            "{% macro quiz(quiz) %}<div class=\"my-quiz\">{% for part in quiz.parts %}{% if part.question %}\
             <p class=\"my-q\">{{ part.question.number }}/{{ part.question.kind }}</p>{% endif %}{% endfor %}</div>{% endmacro quiz %}",
        )
        .file(
            "themes/default/templates/macros/script.html",
            "{% macro script(script) %}<ol class=\"my-script\">{% for node in script.nodes %}<li>{{ node.id }}</li>{% endfor %}</ol>{% endmacro script %}",
        )
        .file(
            "themes/default/templates/macros/nav.html",
            "{% macro item(node, children) %}<li class=\"my-nav{% if node.current %} here{% endif %}\">{{ node.title }}\
             {% if children %}<ul>{{ children | safe }}</ul>{% endif %}</li>{% endmacro item %}",
        );
    c.build_ok();
    let quiz = c.html("quizzes/01-测.html");
    assert_eq!(texts(&quiz, ".my-quiz .my-q"), vec!["1/tf", "2/single"]);
    assert!(select(&quiz, ".quiz-q").is_empty(), "the built-in quiz markup is replaced");
    assert_eq!(texts(&c.html("p.html"), ".my-quiz .my-q"), vec!["1/tf"]);
    let script = c.html("scripts/01-话.html");
    assert_eq!(texts(&script, ".my-script li"), vec!["open", "close"]);
    assert!(select(&script, ".script-node").is_empty(), "the built-in script markup is replaced");
    // Each page's sidebar marks that page, though items are rendered once per build.
    for (page, title) in [("p.html", "页"), ("quizzes/01-测.html", "测"), ("scripts/01-话.html", "话")] {
        let doc = c.html(page);
        assert_eq!(texts(&doc, ".my-nav.here"), vec![title.to_string()], "{page}");
        assert!(select(&doc, ".nav-tree .nav-section").is_empty(), "{page}");
        assert!(texts(&doc, ".my-nav").len() >= 4, "{page}: {:?}", texts(&doc, ".my-nav"));
    }
    // A section's pages sit in its nested list.
    let mut nested = texts(&c.html("p.html"), ".my-nav ul .my-nav");
    nested.sort();
    assert_eq!(nested, vec!["测", "话"]);
}

/// The UI strings written as `t.key` are put into the templates when they are
/// loaded, and fields no template reads are left out of the page data: a theme
/// that reads the whole `t` table, or walks `nav` itself, must still get them.
#[test]
fn a_theme_reading_the_whole_string_table_and_the_nav_tree_gets_both() {
    let theme = "{% extends \"base.html\" %}{% block content %}<p class=\"t-count\">{{ t | length }}</p>\
        <p class=\"t-key\">{{ t.home }}|{{ t[\"next\"] }}</p>\
        <ul class=\"walked\">{% for n in nav %}<li>{{ n.title }}</li>{% endfor %}</ul>{% endblock content %}";
    for (language, home, next) in [("zh-CN", "首页", "下一页"), ("en", "Home", "Next")] {
        let c = TestCourse::new();
        c.file("course.toml", format!("title = \"课\"\nlanguage = \"{language}\"\n"))
            .file("content/p.md", "# 页\n\n正文。\n")
            .file("content/lessons/01-甲.md", simple_lesson(1, "甲课", &[]))
            .file("themes/default/templates/page.html", theme);
        c.build_ok();
        let doc = c.html("p.html");
        let count: usize = texts(&doc, ".t-count")[0].parse().unwrap();
        assert!(count > 100, "{language}: the table has {count} strings");
        assert_eq!(texts(&doc, ".t-key"), vec![format!("{home}|{next}")], "{language}");
        assert!(texts(&doc, ".walked li").len() >= 2, "{language}: {:?}", texts(&doc, ".walked li"));
        // The default templates, which read `t.key` only, still print the strings.
        assert_eq!(texts(&doc, ".nav-home a"), vec![home.to_string()], "{language}");
    }
}

// ------------------------------------------------------------------ output

fn rich_course() -> TestCourse {
    let c = TestCourse::new();
    c.file("content/index.md", "+++\ntitle = \"首页\"\n+++\n欢迎。\n")
        .file("content/lessons/01-甲.md", simple_lesson(1, "甲课", &["cases/乙案"]))
        .file("content/lessons/02-丙.md", simple_lesson(2, "丙课", &[]))
        .file("content/cases/乙案.md", case("乙案", "故事。", "问题？", "分析。"))
        .file("content/cases/丁案.md", case("丁案", "故事。", "问题？", "分析。"))
        .file("content/about.md", "# 关于\n\n```rust\nfn main() {}\n```\n\n> [!NOTE]\n> 说明。\n")
        .file("content/lessons/img/图.png", b"\x89PNG fake");
    c
}

#[test]
fn two_builds_are_byte_identical() {
    let c = rich_course();
    c.build_ok();
    let first = tree(&c.site());
    c.build_ok();
    assert_eq!(tree(&c.site()), first, "rebuilding changed the output");
    let other = c.root().join("elsewhere");
    let report = c.build_into(&other);
    assert_eq!(report.status, Status::Ok, "{}", render_all(&report));
    assert_eq!(tree(&other), first, "building into another folder gave different bytes");
    assert!(leftovers(c.root()).is_empty(), "{:?}", leftovers(c.root()));
}

#[test]
fn renamed_or_deleted_pages_leave_no_stale_output() {
    let c = TestCourse::new();
    c.file("content/a.md", "# 甲\n").file("content/old/x.md", "# 旧\n").file("content/old/img.png", b"png");
    c.build_ok();
    assert!(c.exists("a.html") && c.exists("old/x.html") && c.exists("old/img.png"));
    c.rename("content/a.md", "content/b.md");
    std::fs::remove_dir_all(c.path("content/old")).unwrap();
    c.build_ok();
    assert!(!c.exists("a.html"), "stale a.html left behind");
    assert!(c.exists("b.html"));
    assert!(!c.site().join("old").exists(), "stale old/ left behind");
    assert!(c.exists(".coursesite-output"));
    assert!(leftovers(c.root()).is_empty(), "{:?}", leftovers(c.root()));
}

#[test]
fn bom_crlf_and_cr_sources_give_identical_output() {
    let lf = format!(
        "{}客户\n服务是一种\n态度。\n\n```rust\nlet a = 1;\nlet b = 2;\n```\n",
        lesson(1, "课", 2, &[("组织教学", 45), ("新课讲解", 45)], &[], "")
    );
    let variants = [
        ("lf", lf.clone().into_bytes()),
        ("crlf", lf.replace('\n', "\r\n").into_bytes()),
        ("bom+crlf", [b"\xEF\xBB\xBF".as_slice(), lf.replace('\n', "\r\n").as_bytes()].concat()),
        ("bom+lf", [b"\xEF\xBB\xBF".as_slice(), lf.as_bytes()].concat()),
        ("cr", lf.replace('\n', "\r").into_bytes()),
    ];
    let mut trees = Vec::new();
    for (name, bytes) in &variants {
        let c = TestCourse::new();
        c.file("content/lessons/01-课.md", bytes);
        let report = c.build_ok();
        assert_eq!(report.diagnostics.len(), 0, "{name}: {}", render_all(&report));
        let html = c.read("lessons/01-课.html");
        assert!(!html.contains('\u{FEFF}'), "{name}: BOM in output");
        assert!(!html.contains('\r'), "{name}: CR in output");
        let doc = c.html("lessons/01-课.html");
        assert_eq!(texts(&doc, "main h1"), vec!["课"], "{name}: front matter not read");
        assert!(texts(&doc, ".content p").contains(&"客户服务是一种态度。".to_string()), "{name}");
        trees.push((name, tree(&c.site())));
    }
    for (name, t) in &trees[1..] {
        assert_eq!(t, &trees[0].1, "{name} output differs from the LF version");
    }
}

// ------------------------------------------------------------------ the sample course and the scaffold

#[test]
fn sample_course_builds_cleanly() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let tmp = tempfile::tempdir().unwrap();
    let out = tmp.path().join("site");
    let mut opts = coursesite::BuildOptions::new(root);
    opts.out = out.clone();
    let report = coursesite::build(&opts);
    assert_eq!(report.status, Status::Ok, "{}", render_all(&report));
    assert_eq!(report.errors(), 0, "{}", render_all(&report));
    assert_eq!(report.warnings(), 0, "{}", render_all(&report));
    let md_stems = |dir: &str| -> Vec<String> {
        let mut stems: Vec<String> = std::fs::read_dir(root.join("content").join(dir))
            .unwrap()
            .filter_map(|e| e.ok())
            .map(|e| e.file_name().to_string_lossy().into_owned())
            .filter(|n| n.ends_with(".md") && n != "index.md")
            .map(|n| n.trim_end_matches(".md").to_string())
            .collect();
        stems.sort();
        stems
    };
    let lessons = md_stems("lessons");
    let cases = md_stems("cases");
    assert!(lessons.len() >= 5, "the sample course should have at least 5 lessons: {lessons:?}");
    assert!(cases.len() >= 6, "the sample course should have at least 6 cases: {cases:?}");
    let reach = reachable_from(&out, "index.html");
    for stem in &lessons {
        let page = format!("lessons/{stem}.html");
        let doc = Html::parse_document(&read_to_string(&out.join(&page)));
        assert_eq!(select(&doc, "table.form").len(), 1, "{page} has no 教案 header card");
        assert!(!select(&doc, "ol.steps li").is_empty(), "{page} lists no teaching steps");
        assert!(reach.contains(&page), "{page} is not reachable from the home page");
    }
    for stem in &cases {
        let page = format!("cases/{stem}.html");
        assert!(out.join(&page).is_file(), "{page} missing");
        assert!(reach.contains(&page), "{page} is not reachable from the home page");
        let doc = Html::parse_document(&read_to_string(&out.join(&page)));
        assert_eq!(select(&doc, "section.case-story").len(), 1, "{page} has no story section");
    }
    // Every internal link and anchor resolves, slide decks and search.html included.
    let crawl = assert_links_ok(&out, &["404.html"]);
    let pages = html_files(&out);
    let decks: Vec<_> = pages.iter().filter(|p| p.ends_with(".slides.html")).collect();
    assert!(decks.len() >= lessons.len(), "a deck per lesson: {decks:?}");
    let mut form_targets = std::collections::BTreeSet::new();
    for page in pages.iter().filter(|p| *p != "404.html") {
        assert!(crawl.reached.contains(page) || page == "index.html", "nothing links to {page}");
        // Forms (the search box) point at real pages too; the crawler reads only href and src.
        let doc = Html::parse_document(&read_to_string(&out.join(page)));
        for action in attrs(&doc, "form[action]", "action") {
            let target = resolve(page, &percent_decode(&action)).unwrap_or_default();
            assert!(out.join(&target).is_file(), "{page}: form action {action} does not resolve");
            form_targets.insert(target);
        }
    }
    assert_eq!(form_targets.into_iter().collect::<Vec<_>>(), vec!["search.html"]);
}

#[test]
fn two_builds_of_the_sample_course_are_byte_identical() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let tmp = tempfile::tempdir().unwrap();
    // The second build is of a copy elsewhere: no path of the machine leaks into the output.
    let copy = tmp.path().join("copy");
    std::fs::create_dir(&copy).unwrap();
    std::fs::copy(root.join("course.toml"), copy.join("course.toml")).unwrap();
    for entry in walkdir::WalkDir::new(root.join("content")) {
        let entry = entry.unwrap();
        let to = copy.join(entry.path().strip_prefix(root).unwrap());
        if entry.file_type().is_dir() {
            std::fs::create_dir_all(&to).unwrap();
        } else {
            std::fs::copy(entry.path(), &to).unwrap();
        }
    }
    let mut trees = Vec::new();
    for (name, course) in [("a", root), ("b", copy.as_path())] {
        let mut opts = coursesite::BuildOptions::new(course);
        opts.out = tmp.path().join(name);
        let report = coursesite::build(&opts);
        assert_eq!(report.status, Status::Ok, "{}", render_all(&report));
        trees.push(tree(&opts.out));
    }
    assert!(trees[0].len() > 20, "too few files: {:?}", trees[0].keys());
    assert!(trees[0].keys().any(|p| p.ends_with(".slides.html")) && trees[0].contains_key("search/manifest.js"));
    let differ: Vec<_> = trees[0].iter().filter(|(k, v)| trees[1].get(*k) != Some(v)).map(|(k, _)| k).collect();
    assert!(differ.is_empty(), "files that differ between two builds: {differ:?}");
    assert_eq!(trees[0], trees[1]);
}

#[test]
fn new_scaffold_builds_without_warnings() {
    let tmp = tempfile::tempdir().unwrap();
    let (code, _, stderr) = run_cli_in(tmp.path(), &["new", "客户服务实务"]);
    assert_eq!(code, 0, "{stderr}");
    let dir = tmp.path().join("客户服务实务");
    // The folder's name is the course's title.
    let config = read_to_string(&dir.join("course.toml"));
    assert!(config.lines().any(|l| l == "title = \"客户服务实务\""), "{config}");
    for file in ["course.toml", ".gitignore", ".github/workflows/pages.yml"] {
        assert!(dir.join(file).is_file(), "scaffold lacks {file}");
    }
    let gitignore = read_to_string(&dir.join(".gitignore"));
    assert!(gitignore.lines().any(|l| l.trim() == "site/" || l.trim() == "/site/"), "{gitignore}");
    let workflow = read_to_string(&dir.join(".github/workflows/pages.yml"));
    assert!(workflow.contains("coursesite build"), "{workflow}");
    assert!(workflow.contains("site"), "{workflow}");
    let (code, _, stderr) = run_cli_in(tmp.path(), &["build", "客户服务实务"]);
    assert_eq!(code, 0, "{stderr}");
    assert!(!stderr.contains("warning:"), "{stderr}");
    assert!(stderr.contains("0 warnings"), "{stderr}");
    let site = dir.join("site");
    let home = Html::parse_document(&read_to_string(&site.join("index.html")));
    assert_eq!(texts(&home, "main h1"), vec!["客户服务实务"]);
    // A glossary of two example terms, linked from the pages that use them.
    let glossary = Html::parse_document(&read_to_string(&site.join("glossary.html")));
    assert_eq!(select(&glossary, ".term-entry").len(), 2);
    let pages = html_files(&site);
    let kind_of = |page: &str| {
        let doc = Html::parse_document(&read_to_string(&site.join(page)));
        one(&doc, "body").value().attr("class").unwrap_or_default().to_string()
    };
    let lessons: Vec<_> = pages.iter().filter(|p| kind_of(p).contains("kind-lesson")).collect();
    let cases: Vec<_> = pages.iter().filter(|p| kind_of(p).contains("kind-case")).collect();
    let plain: Vec<_> = pages
        .iter()
        .filter(|p| kind_of(p).contains("kind-page") && !p.ends_with("index.html") && *p != "404.html")
        .collect();
    assert!(!lessons.is_empty(), "no lesson in the scaffold: {pages:?}");
    assert!(!cases.is_empty(), "no case in the scaffold: {pages:?}");
    assert!(!plain.is_empty(), "no plain page in the scaffold: {pages:?}");
    assert_links_ok(&site, &["404.html"]);
}

#[test]
fn homophone_file_names_get_distinct_pages() {
    // 实验 and 试验 are both "shi yan" in pinyin: URLs keep the characters.
    let c = TestCourse::new();
    c.file("content/实验.md", "# 实验\n").file("content/试验.md", "# 试验\n");
    c.build_ok();
    assert_eq!(texts(&c.html("实验.html"), "main h1"), vec!["实验"]);
    assert_eq!(texts(&c.html("试验.html"), "main h1"), vec!["试验"]);
}

#[test]
fn editor_temp_files_and_hidden_files_are_ignored() {
    let c = TestCourse::new();
    c.file("content/a.md", "# 甲\n")
        .file("content/4913", "vim probe")
        .file("content/.a.md.swp", b"\0\x01swap")
        .file("content/a.md~", "# backup\n")
        .file("content/#a.md#", "# emacs\n")
        .file("content/a.md___jb_tmp___", "# jetbrains\n")
        .file("content/.DS_Store", b"\0\0")
        .file("content/.hidden/x.md", "# 隐藏\n");
    let report = c.build_ok();
    assert_eq!(report.diagnostics.len(), 0, "{}", render_all(&report));
    let files: Vec<String> = tree(&c.site()).into_keys().collect();
    for name in ["4913", "swp", "a.md~", "#a.md#", "jb_tmp", "DS_Store", "hidden", "backup"] {
        assert!(!files.iter().any(|f| f.contains(name)), "{name} was published: {files:?}");
    }
    assert!(c.exists("a.html"));
}

/// Top-level sidebar entries (after 首页), in order.
fn sidebar_top(doc: &Html) -> Vec<String> {
    let tree = one(doc, "nav.sidebar ul.nav-tree");
    tree.children()
        .filter_map(ElementRef::wrap)
        .filter(|li| li.value().name() == "li" && !li.value().classes().any(|k| k == "nav-home"))
        .filter_map(|li| li.children().filter_map(ElementRef::wrap).find(|e| e.value().name() == "a"))
        .map(squash)
        .collect()
}

#[test]
fn navigation_follows_nav_in_course_toml_else_kinds_first() {
    let files = [
        ("content/about.md", "# 关于\n".to_string()),
        ("content/cases/案.md", "# 案\n".to_string()),
        ("content/lessons/01-课.md", simple_lesson(1, "课", &[])),
        ("content/extra/页.md", "# 页\n".to_string()),
    ];
    let default = TestCourse::new();
    for (rel, text) in &files {
        default.file(rel, text);
    }
    default.build_ok();
    let top = sidebar_top(&default.html("index.html"));
    assert_eq!(&top[..2], ["教案", "案例"], "lessons and cases lead by default: {top:?}");
    let ordered = TestCourse::bare();
    ordered.file("course.toml", "title = \"T\"\nnav = [\"about\", \"cases\", \"lessons\"]\n");
    for (rel, text) in &files {
        ordered.file(rel, text);
    }
    ordered.build_ok();
    let top = sidebar_top(&ordered.html("about.html"));
    assert_eq!(&top[..3], ["关于", "案例", "教案"], "{top:?}");
    assert!(top.contains(&"extra".to_string()), "folders not in nav still appear: {top:?}");
    // The reading order follows the navigation too.
    assert_eq!(texts(&ordered.html("index.html"), ".pager-next .pager-title"), vec!["关于"]);
}

#[test]
fn written_home_page_is_used() {
    let c = TestCourse::new();
    c.file("content/index.md", "+++\ntitle = \"首页\"\n+++\n欢迎来到本课程。\n").file("content/a.md", "# 甲\n");
    let report = c.build_ok();
    assert_eq!(report.summary.indexes, 0, "no index should be generated");
    let doc = c.html("index.html");
    assert!(texts(&doc, ".content").concat().contains("欢迎来到本课程。"));
    assert!(!c.exists("index/index.html"));
}

#[test]
fn case_part_headings_keep_their_chinese_anchors() {
    // A lesson may link to `东方饭店.md#思考`; the case page must have that anchor.
    let c = TestCourse::new();
    c.file("content/cases/东方饭店.md", case("东方饭店", "故事。", "问题？", "分析。"))
        .file("content/about.md", "# 关于\n\n[思考题](cases/东方饭店.md#思考) [分析](cases/东方饭店.md#分析提示)\n");
    c.build_ok();
    let ids = attrs(&c.html("cases/东方饭店.html"), "[id]", "id");
    assert!(
        ids.contains(&"思考".to_string()) && ids.contains(&"分析提示".to_string()),
        "ids on the case page: {ids:?}"
    );
    assert_links_ok(&c.site(), &["404.html"]);
}

#[test]
fn one_and_many_threads_build_byte_identical_sites() {
    // The sample course in both editions, and a course large enough for the
    // windowed sidebar, through the binary with --jobs 1 and --jobs 4.
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let big = TestCourse::new();
    for i in 0..260 {
        let kind = if i % 2 == 0 { "cases" } else { "notes" };
        big.file(
            &format!("content/{kind}/{i:03}.md"),
            format!("+++\ntitle = \"第{i}篇\"\nslides = true\n+++\n\n## 一\n\n客户服务[[glossary#客户]]，见 [[cases/000]]。\n\n## 二\n\n反思。\n"),
        );
    }
    big.file("content/glossary.md", "+++\ntitle = \"术语表\"\n+++\n\n## 客户\n\n买东西的人。\n");
    let tmp = tempfile::tempdir().unwrap();
    for (name, course, profile) in
        [("sample", root, "student"), ("teacher", root, "teacher"), ("big", big.root(), "student")]
    {
        let mut trees = Vec::new();
        for jobs in ["1", "4"] {
            let out = tmp.path().join(format!("{name}-{jobs}"));
            let out_arg = out.to_string_lossy().into_owned();
            let course_arg = course.to_string_lossy().into_owned();
            let (code, _, err) = run_cli_in(
                tmp.path(),
                &["build", &course_arg, "--out", &out_arg, "--profile", profile, "--jobs", jobs],
            );
            assert_eq!(code, 0, "{name} with {jobs} thread(s): {err}");
            trees.push(tree(&out));
        }
        assert!(trees[0].len() > 20, "{name}: too few files");
        let differ: Vec<_> = trees[0].iter().filter(|(k, v)| trees[1].get(*k) != Some(v)).map(|(k, _)| k).collect();
        assert!(differ.is_empty(), "{name}: files that differ between 1 and 4 threads: {differ:?}");
        assert_eq!(trees[0], trees[1], "{name}");
    }
}
