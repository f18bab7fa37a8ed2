//! Cross-links (issue 4): `.md` links and `[[short links]]` become relative `.html`
//! links from pages at every depth; every broken page, anchor, image or ambiguous
//! stem is an error at its exact `file:line:col` (all of them in one `check` run);
//! every page lists what links to it (被引用 / Referenced by), grouped by kind.

mod common;

use common::*;

const STEPS: &[(&str, u32)] = &[("组织教学", 5), ("案例导入", 15), ("新课讲解", 55), ("归纳总结", 15)];
const CASE_TITLE: &str = "泰国东方饭店的优质服务";
const LESSON_TITLE: &str = "项目一 理解客户服务";
const LESSON_SRC: &str = "content/lessons/01-理解客户服务.md";
const LESSON_OUT: &str = "lessons/01-理解客户服务.html";

/// A course with the case `cases/东方饭店` (headings 思考, 分析提示) and lesson 01
/// whose body is `lesson_body` and whose `cases = [...]` is `cases`.
fn course_with(lesson_body: &str, cases: &[&str]) -> TestCourse {
    let c = TestCourse::new();
    c.file("content/cases/东方饭店.md", case(CASE_TITLE, "故事正文。", "为什么客人念念不忘？", "细节服务。"))
        .file(LESSON_SRC, lesson(1, LESSON_TITLE, 2, STEPS, cases, lesson_body));
    c
}

/// `course_with` plus an about page, built once through the CLI so `site/` exists.
fn built() -> TestCourse {
    let c = course_with("## 教学目标\n\n理解客户。\n", &[]);
    c.file("content/about.md", "# 关于\n\n正文。\n");
    let (code, _, stderr) = c.run_cli(&["build"]);
    assert_eq!(code, 0, "the fixture should build: {stderr}");
    assert!(c.exists(LESSON_OUT));
    c
}

/// (text, decoded href) of the links in a page's Markdown content, exactly as written.
fn content_links(c: &TestCourse, page: &str) -> Vec<(String, String)> {
    links_in(&c.html(page), ".content a")
}

/// (text, site path#fragment it leads to) of the links in a page's Markdown content.
fn content_targets(c: &TestCourse, page: &str) -> Vec<(String, String)> {
    link_targets(&c.html(page), page, ".content a")
}

fn pairs(expected: &[(&str, &str)]) -> Vec<(String, String)> {
    expected.iter().map(|(a, b)| (a.to_string(), b.to_string())).collect()
}

// ------------------------------------------------------------------ rewriting

#[test]
fn md_links_with_and_without_anchor_become_relative_html_from_every_depth() {
    let c = course_with(
        "## 教学目标\n\n理解客户。\n\n## 新课讲解\n\n案例见[源文件](../cases/东方饭店.md)，问题见[思考](../cases/东方饭店.md#思考)，也见[关于](../about.md)。\n",
        &[],
    );
    c.file(
        "content/about.md",
        "# 关于\n\n[案例](cases/东方饭店.md)、[思考题](cases/东方饭店.md#思考)、[目标](lessons/01-理解客户服务.md#教学目标)。\n",
    )
    .file("content/notes/deep/页.md", "# 深处\n\n[分析](../../cases/东方饭店.md#分析提示)、[关于](../../about.md)。\n");
    c.build_ok();

    assert_eq!(
        content_targets(&c, "about.html"),
        pairs(&[
            ("案例", "cases/东方饭店.html"),
            ("思考题", "cases/东方饭店.html#思考"),
            ("目标", "lessons/01-理解客户服务.html#教学目标"),
        ])
    );
    assert_eq!(
        content_targets(&c, LESSON_OUT),
        pairs(&[("源文件", "cases/东方饭店.html"), ("思考", "cases/东方饭店.html#思考"), ("关于", "about.html"),])
    );
    assert_eq!(
        content_targets(&c, "notes/deep/页.html"),
        pairs(&[("分析", "cases/东方饭店.html#分析提示"), ("关于", "about.html")])
    );
    // Written as relative links to the output files, not to the sources.
    for page in ["about.html", LESSON_OUT, "notes/deep/页.html"] {
        for (_, href) in content_links(&c, page) {
            let path = href.split('#').next().unwrap_or_default();
            assert!(path.ends_with(".html") && !path.contains(".md"), "{page}: {href}");
        }
    }
    assert_eq!(content_links(&c, "notes/deep/页.html")[1].1, "../../about.html");
    assert_eq!(content_links(&c, "about.html")[1].1, "cases/东方饭店.html#思考");
    // The anchors are the Chinese heading ids of the targets.
    assert_eq!(select(&c.html(LESSON_OUT), "h2[id='教学目标']").len(), 1);
    assert_eq!(select(&c.html("cases/东方饭店.html"), "[id='思考']").len(), 1);
    assert_eq!(select(&c.html("cases/东方饭店.html"), "[id='分析提示']").len(), 1);
    // Every link of every page resolves, anchors included.
    assert_links_ok(&c.site(), &["404.html"]);
}

#[test]
fn short_links_by_id_stem_label_and_heading() {
    let c = course_with(
        "## 教学目标\n\n理解客户。\n\n## 新课讲解\n\n[[cases/东方饭店]]，[[东方饭店|泰国东方饭店的故事]]，[[cases/东方饭店#分析提示]]。\n",
        &[],
    );
    c.file("content/about.md", "# 关于\n\n[[东方饭店]] 与 [[lessons/01-理解客户服务#教学目标]]。\n")
        .file("content/notes/deep/页.md", "# 深处\n\n[[lessons/01-理解客户服务#教学目标|本课目标]]\n");
    c.build_ok();

    // The label defaults to the target page's title.
    assert_eq!(
        content_targets(&c, LESSON_OUT),
        pairs(&[
            (CASE_TITLE, "cases/东方饭店.html"),
            ("泰国东方饭店的故事", "cases/东方饭店.html"),
            (CASE_TITLE, "cases/东方饭店.html#分析提示"),
        ])
    );
    assert_eq!(
        content_targets(&c, "about.html"),
        pairs(&[(CASE_TITLE, "cases/东方饭店.html"), (LESSON_TITLE, "lessons/01-理解客户服务.html#教学目标")])
    );
    assert_eq!(
        content_targets(&c, "notes/deep/页.html"),
        pairs(&[("本课目标", "lessons/01-理解客户服务.html#教学目标")])
    );
    for page in [LESSON_OUT, "about.html", "notes/deep/页.html"] {
        let content = texts(&c.html(page), ".content").concat();
        assert!(!content.contains("[["), "{page}: short link left as text: {content}");
    }
    assert_links_ok(&c.site(), &["404.html"]);
}

// ------------------------------------------------------------------ errors

#[test]
fn missing_page_is_an_error_at_its_position_with_a_suggestion() {
    let c = built();
    let text = "# 坏页\n\n前文 [x](../cases/nope.md) 和 [[nope]]。\n\n再如 [y](../cases/东方饭.md) 和 [[东方饭]]。\n";
    c.file("content/notes/坏.md", text);
    let stderr = cli_fails(&c, &["build"], 1);

    let rel = "notes/坏.md";
    let b = expect_error(&stderr, &loc_of(rel, text, "[x]"), "not found");
    assert!(b[0].contains("cases/nope.md"), "{b:?}");
    let b = expect_error(&stderr, &loc_of(rel, text, "[[nope]]"), "'nope'");
    assert!(!help_line(&b).is_empty(), "no hint for [[nope]]: {b:?}");

    let b = expect_error(&stderr, &loc_of(rel, text, "[y]"), "not found");
    let help = help_line(&b);
    assert!(help.contains("did you mean") && help.contains("cases/东方饭店.md"), "{help}");
    let b = expect_error(&stderr, &loc_of(rel, text, "[[东方饭]]"), "'东方饭'");
    let help = help_line(&b);
    assert!(help.contains("did you mean") && help.contains("东方饭店"), "{help}");
    assert_eq!(error_lines(&stderr).len(), 4, "{stderr}");
}

#[test]
fn missing_anchor_is_an_error_suggesting_the_closest_heading() {
    let c = built();
    let text = "# 坏页\n\n见 [[cases/东方饭店#不存在]]。\n\n又见 [x](../cases/东方饭店.md#思孝)。\n";
    c.file("content/notes/坏.md", text);
    let stderr = cli_fails(&c, &["build"], 1);

    let rel = "notes/坏.md";
    let b = expect_error(&stderr, &loc_of(rel, text, "[[cases/东方饭店#不存在]]"), "#不存在");
    assert!(b[0].contains("cases/东方饭店"), "{b:?}");
    let b = expect_error(&stderr, &loc_of(rel, text, "[x]"), "#思孝");
    assert!(help_line(&b).contains("#思考"), "{b:?}");
    assert_eq!(error_lines(&stderr).len(), 2, "{stderr}");
}

#[test]
fn ambiguous_stem_is_an_error_listing_every_candidate() {
    let c = built();
    c.file("content/notes/东方饭店.md", "# 另一个东方饭店\n\n正文。\n");
    let text = "# 坏页\n\n见 [[东方饭店]]。\n";
    c.file("content/notes/坏.md", text);
    let stderr = cli_fails(&c, &["build"], 1);
    let b = expect_error(&stderr, &loc_of("notes/坏.md", text, "[[东方饭店]]"), "ambiguous");
    let block = b.join("\n");
    assert!(block.contains("cases/东方饭店") && block.contains("notes/东方饭店"), "{block}");
    assert_eq!(error_lines(&stderr).len(), 1, "{stderr}");

    // The page ids are not ambiguous.
    c.file("content/notes/坏.md", "# 好页\n\n见 [[notes/东方饭店]] 与 [[cases/东方饭店]]。\n");
    let (code, _, stderr) = c.run_cli(&["build"]);
    assert_eq!(code, 0, "{stderr}");
    assert_eq!(
        content_targets(&c, "notes/坏.html"),
        pairs(&[("另一个东方饭店", "notes/东方饭店.html"), (CASE_TITLE, "cases/东方饭店.html")])
    );
}

#[test]
fn missing_image_is_an_error_and_existing_one_is_fine() {
    let c = built();
    c.file("content/notes/img/有.svg", "<svg xmlns=\"http://www.w3.org/2000/svg\"/>");
    let text = "# 坏页\n\n![有](img/有.svg)\n\n图 ![示意图](img/nope.png)\n";
    c.file("content/notes/坏.md", text);
    let stderr = cli_fails(&c, &["build"], 1);
    let b = expect_error(&stderr, &loc_of("notes/坏.md", text, "![示意图]"), "not found");
    assert!(b[0].contains("nope.png"), "{b:?}");
    assert_eq!(error_lines(&stderr).len(), 1, "only the missing image is wrong:\n{stderr}");
}

#[test]
fn check_reports_every_broken_link_in_one_run() {
    let c = built();
    c.file("content/notes/东方饭店.md", "# 另一个东方饭店\n");
    let one =
        "# 坏页一\n\n[a](../cases/nope.md) [[nope]]\n\n[[cases/东方饭店#不存在]] [b](../cases/东方饭店.md#思孝)\n";
    let two = "# 坏页二\n\n[[东方饭店]]\n\n![图](img/nope.png)\n\n[外部](https://example.org/nope.md)\n";
    c.file("content/notes/坏一.md", one).file("content/notes/坏二.md", two);
    let stderr = cli_fails(&c, &["check"], 1);
    let expected = [
        loc_of("notes/坏一.md", one, "[a]"),
        loc_of("notes/坏一.md", one, "[[nope]]"),
        loc_of("notes/坏一.md", one, "[[cases/东方饭店#不存在]]"),
        loc_of("notes/坏一.md", one, "[b]"),
        loc_of("notes/坏二.md", two, "[[东方饭店]]"),
        loc_of("notes/坏二.md", two, "![图]"),
    ];
    for loc in &expected {
        assert!(diag_block(&stderr, &format!("{loc}: error: ")).is_some(), "{loc} not reported:\n{stderr}");
    }
    // External links are left alone: exactly these six.
    assert_eq!(error_lines(&stderr).len(), expected.len(), "{stderr}");
    assert!(stderr.contains(&format!("{} errors", expected.len())), "{stderr}");
}

// ------------------------------------------------------------------ backlinks

/// The backlinks of `page`, per group: (h3 label, [(text, site path#fragment)]).
fn backlinks(c: &TestCourse, page: &str) -> Vec<(String, Vec<(String, String)>)> {
    let doc = c.html(page);
    let sections = select(&doc, ".backlinks");
    assert!(sections.len() <= 1, "{page}: {} .backlinks sections", sections.len());
    select(&doc, ".backlinks .backlink-group")
        .into_iter()
        .map(|g| {
            let label = select_in(g, "h3").first().map(|h| squash(*h)).unwrap_or_default();
            let items = select_in(g, "a")
                .into_iter()
                .map(|a| (squash(a), site_target(page, a.value().attr("href").unwrap_or_default())))
                .collect();
            (label, items)
        })
        .collect()
}

#[test]
fn backlinks_go_both_ways_with_the_heading_of_the_link() {
    let c = course_with("## 导入\n\n先读[乙页](../notes/乙.md)。\n", &[]);
    c.file("content/notes/甲.md", "# 甲页\n\n开头没有链接。\n\n## 第一节\n\n见 [[乙]]。\n")
        .file("content/notes/乙.md", "# 乙页\n\n## 回顾\n\n回到[甲](甲.md#第一节)。\n");
    c.build_ok();

    let b = backlinks(&c, "notes/乙.html");
    assert_eq!(
        b,
        vec![
            ("教案".to_string(), pairs(&[(&format!("{LESSON_TITLE} › 导入"), "lessons/01-理解客户服务.html#导入")])),
            ("页面".to_string(), pairs(&[("甲页 › 第一节", "notes/甲.html#第一节")])),
        ]
    );
    let doc = c.html("notes/乙.html");
    assert_eq!(texts(&doc, ".backlinks h2"), vec!["被引用"]);
    assert_eq!(texts(&doc, ".backlinks .backlink-heading"), vec!["› 导入", "› 第一节"]);
    assert_eq!(
        backlinks(&c, "notes/甲.html"),
        vec![("页面".to_string(), pairs(&[("乙页 › 回顾", "notes/乙.html#回顾")]))]
    );
    assert_links_ok(&c.site(), &["404.html"]);
}

#[test]
fn a_lessons_cases_front_matter_lists_the_lesson_on_the_case() {
    let c = course_with("## 讲授\n\n不在正文里链接案例。\n", &["cases/东方饭店"]);
    c.file(
        "content/lessons/02-客户服务理念.md",
        lesson(2, "项目二 客户服务理念", 2, STEPS, &["东方饭店"], "## 讲授\n\n正文。\n"),
    );
    c.build_ok();
    assert_eq!(
        backlinks(&c, "cases/东方饭店.html"),
        vec![(
            "教案".to_string(),
            pairs(&[
                (LESSON_TITLE, "lessons/01-理解客户服务.html"),
                ("项目二 客户服务理念", "lessons/02-客户服务理念.html"),
            ])
        )]
    );
    // The case does not link back, so the lessons have no backlinks.
    assert!(select(&c.html(LESSON_OUT), ".backlinks").is_empty());
}

#[test]
fn backlinks_are_grouped_by_kind_lessons_first() {
    let c = course_with("## 讲授\n\n参见[[cases/东方饭店#思考]]。\n", &[]);
    // Cases come first in the reading order, yet the 教案 group comes first.
    c.file("course.toml", "title = \"测试课程\"\nnav = [\"notes\", \"cases\", \"lessons\"]\n")
        .file("content/cases/西南航空.md", case("西南航空", "参见[[cases/东方饭店]]。", "问题。", "分析。"))
        .file("content/notes/甲.md", "# 甲页\n\n参见[[东方饭店]]。\n");
    c.build_ok();
    let b = backlinks(&c, "cases/东方饭店.html");
    let labels: Vec<&str> = b.iter().map(|(l, _)| l.as_str()).collect();
    assert_eq!(labels, vec!["教案", "案例", "页面"], "{b:?}");
    assert_eq!(b[0].1, pairs(&[(&format!("{LESSON_TITLE} › 讲授"), "lessons/01-理解客户服务.html#讲授")]));
    assert_eq!(b[1].1, pairs(&[("西南航空", "cases/西南航空.html")]));
    assert_eq!(b[2].1, pairs(&[("甲页", "notes/甲.html")]));
    let doc = c.html("cases/东方饭店.html");
    let kinds: Vec<String> = select(&doc, ".backlink-group")
        .into_iter()
        .map(|g| g.value().attr("class").unwrap_or_default().to_string())
        .collect();
    assert!(
        kinds[0].contains("kind-lesson") && kinds[1].contains("kind-case") && kinds[2].contains("kind-page"),
        "{kinds:?}"
    );
}

#[test]
fn self_links_are_not_backlinks_and_unlinked_pages_have_no_section() {
    let c = course_with("## 讲授\n\n见[[cases/东方饭店]]。\n", &[]);
    c.file(
        "content/notes/自己.md",
        "# 自己\n\n## 一\n\n[跳到二](#二)、[[自己]]、[本页](自己.md#一)、[[notes/自己#二]]。\n\n## 二\n\n文字。\n",
    )
    .file("content/notes/孤.md", "# 孤页\n\n没有人链接这里。\n");
    c.build_ok();
    for page in ["notes/自己.html", "notes/孤.html"] {
        let doc = c.html(page);
        assert!(select(&doc, ".backlinks").is_empty(), "{page} has a backlinks section");
        assert!(!c.read(page).contains("被引用"), "{page} mentions 被引用");
    }
    // The self-links still work as links.
    assert_eq!(content_links(&c, "notes/自己.html").len(), 4);
    // For contrast, a linked page has the section.
    assert_eq!(backlinks(&c, "cases/东方饭店.html").len(), 1);
}

#[test]
fn english_ui_says_referenced_by() {
    let c = TestCourse::bare();
    c.file("course.toml", "title = \"Customer Service\"\nlanguage = \"en\"\n")
        .file("content/a.md", "# First\n\n## Start\n\nSee [[b]].\n")
        .file("content/b.md", "# Second\n\ntext\n");
    c.build_ok();
    let doc = c.html("b.html");
    assert_eq!(texts(&doc, ".backlinks h2"), vec!["Referenced by"]);
    assert_eq!(backlinks(&c, "b.html"), vec![("Page".to_string(), pairs(&[("First › Start", "a.html#start")]))]);
    assert!(!c.read("b.html").contains("被引用"));
}

// ------------------------------------------------- pages written for other tools

/// A guide whose headings have GitHub slugs unlike their ids, and a fixed id.
const GUIDE: &str = "# Guide\n\n## Dependencies & Environments\n\n## Step 1\n\n## 教学目标 {#goal .key}\n\n## What's new? (v2.0)\n\n[本页](#dependencies--environments)\n";

#[test]
fn heading_attribute_block_fixes_the_id_and_is_not_shown() {
    let c = TestCourse::new();
    c.file("content/guide.md", GUIDE).file("content/notes/a.md", "# A\n\n[目标](../guide.md#goal)、[[guide#goal]]\n");
    c.build_ok();
    let guide = c.html("guide.html");
    assert_eq!(attrs(&guide, ".content h2.key", "id"), vec!["goal"]);
    assert_eq!(texts(&guide, ".content h2.key"), vec!["教学目标"]);
    assert!(!c.read("guide.html").contains("{#goal"), "the attribute block is not shown");
    let targets = content_targets(&c, "notes/a.html");
    assert_eq!(targets, pairs(&[("目标", "guide.html#goal"), ("Guide", "guide.html#goal")]));
}

#[test]
fn github_slug_anchors_are_rewritten_to_the_heading_ids() {
    let c = TestCourse::new();
    c.file("content/guide.md", GUIDE).file(
        "content/notes/a.md",
        "# A\n\n[依赖](../guide.md#dependencies--environments)、[新](../guide.md#whats-new-v20)、\
         [第一步](../guide.md#step-1)、[[guide#dependencies--environments|环境]]\n",
    );
    c.build_ok();
    let targets = content_targets(&c, "notes/a.html");
    assert_eq!(
        targets,
        pairs(&[
            ("依赖", "guide.html#dependencies-environments"),
            ("新", "guide.html#whats-new-v20"),
            ("第一步", "guide.html#step-1"),
            ("环境", "guide.html#dependencies-environments"),
        ])
    );
    // Links on the page itself too.
    let own = content_targets(&c, "guide.html");
    assert_eq!(own, pairs(&[("本页", "guide.html#dependencies-environments")]));
    // Every link of the site leads somewhere, anchors included.
    assert_links_ok(&c.site(), &["404.html"]);
}

#[test]
fn an_anchor_that_is_no_heading_or_github_slug_is_still_an_error() {
    let c = TestCourse::new();
    let text = "# A\n\n[坏](../guide.md#dependencies-environmentz)\n";
    c.file("content/guide.md", GUIDE).file("content/notes/a.md", "# A\n");
    c.build_ok();
    c.file("content/notes/a.md", text);
    let stderr = cli_fails(&c, &["build"], 1);
    let b = expect_error(&stderr, &loc_of("notes/a.md", text, "[坏]"), "#dependencies-environmentz");
    assert!(help_line(&b).contains("#dependencies-environments"), "{b:?}");
}

#[test]
fn root_absolute_html_folder_and_bare_links_lead_to_pages_and_files() {
    let c = TestCourse::new();
    c.file("content/2019/foo.md", "# Foo\n\n## 小结\n")
        .file("content/2019/bar/index.md", "# Bar\n")
        .file("content/images/a.png", "png")
        .file(
            "content/notes/a.md",
            "# A\n\n[根](/2019/foo/)、[锚](/2019/foo.html#小结)、[无扩展名](../2019/foo)、\
             [文件夹](/2019/bar/)、[html](../2019/bar/index.html)\n\n![图](/images/a.png)\n",
        );
    c.build_ok();
    let targets = content_targets(&c, "notes/a.html");
    assert_eq!(
        targets,
        pairs(&[
            ("根", "2019/foo.html"),
            ("锚", "2019/foo.html#小结"),
            ("无扩展名", "2019/foo.html"),
            ("文件夹", "2019/bar/index.html"),
            ("html", "2019/bar/index.html"),
        ])
    );
    let page = c.html("notes/a.html");
    assert_eq!(attrs(&page, ".content img", "src"), vec!["../images/a.png"]);
    // Root-absolute links count as links: the target lists the page that links to it.
    let from: Vec<String> =
        backlinks(&c, "2019/foo.html").into_iter().flat_map(|(_, items)| items).map(|(_, t)| t).collect();
    assert_eq!(from, vec!["notes/a.html"]);
    assert_links_ok(&c.site(), &["404.html"]);
}

#[test]
fn a_root_absolute_link_to_nothing_is_an_error() {
    let c = TestCourse::new();
    c.file("content/notes/a.md", "# A\n");
    c.build_ok();
    let text = "# A\n\n![缺](/images/none.png) [缺页](/2019/none/)\n";
    c.file("content/notes/a.md", text);
    let stderr = cli_fails(&c, &["build"], 1);
    expect_error(&stderr, &loc_of("notes/a.md", text, "![缺]"), "images/none.png");
    expect_error(&stderr, &loc_of("notes/a.md", text, "[缺页]"), "2019/none");
}

#[test]
fn root_absolute_urls_in_raw_html_resolve_like_markdown_links() {
    let c = TestCourse::new();
    c.file("content/index.md", "# 首页\n")
        .file("content/images/a.png", b"\x89PNG\r\n\x1a\n")
        .file("content/docs/b.md", "# 乙\n")
        .file(
            "content/docs/deep/c.md",
            "# 丙\n\n<p align=\"center\"><img src=\"/images/a.png\" width=\"300\"></p>\n\n见 <a href=\"/docs/b.html#乙\">乙</a> 与 <a href=\"//example.org/x\">外站</a>。\n",
        );
    c.build_ok();
    let doc = c.html("docs/deep/c.html");
    assert_eq!(attrs(&doc, ".content img", "src"), ["../../images/a.png"]);
    let hrefs = attrs(&doc, ".content a", "href");
    assert!(hrefs[0].starts_with("../../docs/b.html#"), "{hrefs:?}");
    assert_eq!(hrefs[1], "//example.org/x", "protocol-relative stays");
}

#[test]
fn a_github_slug_link_in_a_slide_deck_lands_on_the_heading() {
    let c = TestCourse::new();
    let body = "## 环境\n\n见 [依赖](../guide.md#dependencies--environments)。\n";
    c.file("content/index.md", "# 首页\n")
        .file("content/guide.md", "# 指南\n\n## Dependencies & Environments\n\n正文。\n")
        .file("content/lessons/01-课.md", lesson(1, "课", 2, &[("讲授", 90)], &[], body));
    c.build_ok();
    let deck = c.html("lessons/01-课.slides.html");
    let href =
        attrs(&deck, "a", "href").into_iter().find(|h| h.contains("guide.html")).expect("the deck links the guide");
    let fragment = href.split_once('#').expect("with its anchor").1.to_string();
    let guide = c.html("guide.html");
    let ids = attrs(&guide, "[id]", "id");
    assert!(ids.contains(&percent_decode(&fragment)), "#{fragment} is an id of guide.html: {ids:?}");
    // The page's own link is rewritten to the heading's id; the alias answers for the rest.
    assert_eq!(attrs(&guide, "h2 > span.anchor-alias", "id"), ["dependencies--environments"]);
}

#[test]
fn a_link_to_a_jekyll_permalink_finds_its_page() {
    let c = TestCourse::new();
    c.file(
        "content/index.md",
        "---\ntitle: 首页\n---\n[关于](/about/) 与 [流程](/guide/qa.html#步骤) 与 [别处](/nowhere/)\n",
    )
    .file("content/docs/x.md", "---\ntitle: 关于我们\npermalink: /about/\n---\n正文。\n")
    .file("content/docs/qa.md", "---\ntitle: 质检\npermalink: /guide/qa.html\n---\n## 步骤\n\n正文。\n")
    .file("content/docs/p.md", "---\ntitle: 模式\npermalink: /:categories/:title/\n---\n正文。\n");
    let report = c.build();
    let all = render_all(&report);
    assert!(all.contains("/nowhere/"), "a path that is no permalink is still an error: {all}");
    c.file("content/index.md", "---\ntitle: 首页\n---\n[关于](/about/) 与 [流程](/guide/qa.html#步骤)\n");
    c.build_ok();
    let hrefs = decoded_attrs(&c.html("index.html"), ".content a", "href");
    assert_eq!(hrefs, ["docs/x.html", "docs/qa.html#步骤"]);
}

#[test]
fn docsify_link_and_image_options_are_read_not_shown() {
    let c = TestCourse::new();
    c.file("content/index.md", "# 首页\n\n![图](a.png ':size=50x60') [下载](a.png ':disabled') [新窗](a.png ':target=_blank') [说明](a.png \"标题\")\n")
        .file("content/a.png", b"\x89PNG\r\n\x1a\n");
    c.build_ok();
    let doc = c.html("index.html");
    let img = one(&doc, ".content img");
    assert_eq!((img.value().attr("width"), img.value().attr("height")), (Some("50"), Some("60")));
    assert_eq!(texts(&doc, ".content a"), ["新窗", "说明"], "a :disabled link is text");
    assert_eq!(attrs(&doc, ".content a[title]", "title"), ["标题"], "options are no tooltip; a real title stays");
    assert!(text(one(&doc, ".content")).contains("下载"));
}
