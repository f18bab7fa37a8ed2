//! The author's order (issue 17): a folder's README.md is its index, and a
//! course with mdBook's SUMMARY.md or Docsify's _sidebar.md is ordered by it
//! (sidebar, section listings, 上一页/下一页); pages it leaves out follow, with
//! one warning. YAML `sidebar_position` / `nav_order` order like `weight`; other
//! tools' front-matter keys are ignored with one note per build.

mod common;

use common::*;

/// Titles of the sidebar's links, in order.
fn sidebar(c: &TestCourse, page: &str) -> Vec<String> {
    texts(&c.html(page), "nav.sidebar a")
}

/// The title of the page after `page`.
fn next(c: &TestCourse, page: &str) -> Vec<String> {
    texts(&c.html(page), ".pager-next .pager-title")
}

fn mdbook() -> TestCourse {
    let c = TestCourse::new();
    c.file(
        "content/SUMMARY.md",
        "# Summary\n\n[前言](README.md)\n\n# 第一部分\n\n- [第二章](chapter-b.md)\n- [第一章](chapter-a.md)\n  \
         - [细节](chapter-a/detail.md)\n- [附录](appendix/README.md)\n  - [草稿]()\n",
    )
    .file("content/README.md", "# 前言\n\n见[附录](appendix/README.md)与[第一章](chapter-a.html)。\n")
    .file("content/chapter-a.md", "# 第一章\n")
    .file("content/chapter-b.md", "# 第二章\n")
    .file("content/chapter-a/detail.md", "# 细节\n")
    .file("content/appendix/README.md", "# 附录\n")
    .file("content/appendix/x.md", "# 附录甲\n")
    .file("content/stray.md", "# 游离\n");
    c
}

#[test]
fn summary_md_orders_the_sidebar_and_the_reading_order() {
    let c = mdbook();
    let report = c.build_ok();
    // SUMMARY.md is no page; README.md is the home page and the appendix's index.
    assert!(!c.exists("SUMMARY.html"));
    assert!(!c.exists("README.html") && !c.exists("appendix/README.html"));
    assert!(texts(&c.html("index.html"), ".content").concat().contains("见附录"), "README.md is the home page");
    assert_eq!(texts(&c.html("appendix/index.html"), "main h1"), vec!["附录"]);
    // Reading order: as SUMMARY.md lists the pages, then the one it leaves out.
    assert_eq!(next(&c, "index.html"), vec!["第二章"]);
    assert_eq!(next(&c, "chapter-b.html"), vec!["第一章"]);
    assert_eq!(next(&c, "appendix/x.html"), vec!["游离"]);
    let nav = sidebar(&c, "index.html");
    let at = |t: &str| nav.iter().position(|n| n == t).unwrap_or_else(|| panic!("{t} not in {nav:?}"));
    assert!(at("第二章") < at("第一章") && at("第一章") < at("细节"), "{nav:?}");
    assert!(at("细节") < at("附录") && at("附录") < at("游离"), "{nav:?}");
    // One warning names the pages SUMMARY.md leaves out.
    let warnings: Vec<String> = report.diagnostics.iter().map(|d| d.message.en()).collect();
    let missing: Vec<&String> = warnings.iter().filter(|w| w.contains("not in SUMMARY.md")).collect();
    assert_eq!(missing.len(), 1, "{warnings:?}");
    assert!(missing[0].contains("appendix/x.md, stray.md"), "{warnings:?}");
    // Links into a README.md lead to the folder's index; `.html` links to the page.
    let links = link_targets(&c.html("index.html"), "index.html", ".content a");
    assert_eq!(links.into_iter().map(|(_, t)| t).collect::<Vec<_>>(), vec!["appendix/index.html", "chapter-a.html"]);
    assert_links_ok(&c.site(), &["404.html"]);
}

#[test]
fn summary_md_naming_a_missing_page_warns_at_its_line() {
    let c = mdbook();
    c.file("content/SUMMARY.md", "# Summary\n\n- [第一章](chapter-a.md)\n- [没有](nope.md)\n");
    let report = c.build_ok();
    let d = report.diagnostics.iter().find(|d| d.message.en().contains("'nope.md'")).expect("a warning for nope.md");
    assert!(!d.is_error());
    assert_eq!(next(&c, "index.html"), vec!["第一章"]);
}

#[test]
fn readme_is_a_folder_index_unless_there_is_an_index_md() {
    let c = TestCourse::new();
    c.file("content/guide/README.md", "# 指南\n\n正文。\n")
        .file("content/guide/a.md", "# 甲\n")
        .file("content/other/index.md", "# 其他\n")
        .file("content/other/README.md", "# 说明\n")
        .file("content/about.md", "# 关于\n\n[指南](guide/README.md)、[目录](guide/)、[说明](other/README.md)\n");
    c.build_ok();
    assert_eq!(texts(&c.html("guide/index.html"), "main h1"), vec!["指南"]);
    assert!(!c.exists("guide/README.html"));
    assert_eq!(texts(&c.html("other/index.html"), "main h1"), vec!["其他"]);
    assert_eq!(texts(&c.html("other/README.html"), "main h1"), vec!["说明"]);
    let links = link_targets(&c.html("about.html"), "about.html", ".content a");
    assert_eq!(
        links.into_iter().map(|(_, t)| t).collect::<Vec<_>>(),
        vec!["guide/index.html", "guide/index.html", "other/README.html"]
    );
}

#[test]
fn docsify_sidebar_orders_pages_linked_without_extension_or_from_the_root() {
    let c = TestCourse::new();
    c.file("content/_sidebar.md", "- [乙](b)\n- [甲](/a)\n- [丙](c.md)\n")
        .file("content/a.md", "# 甲\n")
        .file("content/b.md", "# 乙\n")
        .file("content/c.md", "# 丙\n");
    let report = c.build_ok();
    assert!(!c.exists("_sidebar.html"));
    assert_eq!(next(&c, "index.html"), vec!["乙"]);
    assert_eq!(next(&c, "b.html"), vec!["甲"]);
    assert_eq!(next(&c, "a.html"), vec!["丙"]);
    assert_eq!(report.warnings(), 0, "{}", render_all(&report));
}

#[test]
fn sidebar_position_and_nav_order_order_like_weight() {
    let c = TestCourse::new();
    c.file("content/a.md", "---\ntitle: 甲\nsidebar_position: 2\n---\n")
        .file("content/b.md", "---\ntitle: 乙\nnav_order: 1\n---\n")
        .file("content/c.md", "# 丙\n");
    let report = c.build_ok();
    assert_eq!(next(&c, "index.html"), vec!["乙"]);
    assert_eq!(next(&c, "b.html"), vec!["甲"]);
    assert_eq!(next(&c, "a.html"), vec!["丙"]);
    assert_eq!(report.warnings(), 0, "{}", render_all(&report));
}

#[test]
fn other_tools_front_matter_keys_get_one_note_per_build() {
    let c = TestCourse::new();
    for (i, extra) in
        ["layout: post\ntags: [a]", "nav_order: 1\nparent: 指南\nhas_children: true", "permalink: /x/\ntoc: true"]
            .iter()
            .enumerate()
    {
        c.file(&format!("content/p{i}.md"), format!("---\ntitle: 页{i}\n{extra}\ndate: 2024-01-01\n---\n正文。\n"));
    }
    let (code, _, stderr) = c.run_cli(&["build"]);
    assert_eq!(code, 0, "{stderr}");
    assert!(!stderr.contains("warning:"), "{stderr}");
    let notes: Vec<&str> = stderr.lines().filter(|l| l.contains("note: ignored front-matter keys")).collect();
    assert_eq!(notes.len(), 1, "{stderr}");
    assert!(notes[0].contains("date (3 pages)") && notes[0].contains("layout (1 page)"), "{}", notes[0]);
    // A key no tool uses is still a warning, at its line.
    c.file("content/p0.md", "---\ntitle: 页0\ntitel: x\n---\n正文。\n");
    let (code, _, stderr) = c.run_cli(&["build"]);
    assert_eq!(code, 0, "{stderr}");
    assert!(stderr.contains("ignored key 'titel'"), "{stderr}");
}

#[test]
fn mkdocs_yml_nav_orders_the_pages() {
    let c = TestCourse::new();
    c.file(
        "mkdocs.yml",
        "site_name: 课程\nnav:\n  - 首页: index.md\n  - 指南:\n      - guide/b.md\n      - 'A': guide/a.md\n  - c.md\n",
    )
    .file("content/index.md", "# 首页\n")
    .file("content/c.md", "# 丙\n")
    .file("content/guide/a.md", "# 甲\n")
    .file("content/guide/b.md", "# 乙\n");
    let report = c.build_ok();
    assert_eq!(next(&c, "index.html"), vec!["乙"], "the guide folder comes first; its listing, not in nav, is skipped");
    let sidebar = texts(&c.html("index.html"), ".sidebar a");
    assert!(sidebar.iter().any(|t| t.contains("指南")), "the nav's group titles the folder: {sidebar:?}");
    assert_eq!(next(&c, "guide/b.html"), vec!["甲"]);
    assert_eq!(next(&c, "guide/a.html"), vec!["丙"]);
    assert_eq!(report.warnings(), 0, "{}", render_all(&report));
    // Without `nav:` MkDocs orders by name, and so do we (no warning).
    c.file("mkdocs.yml", "site_name: 课程\n");
    let report = c.build_ok();
    assert_eq!(report.warnings(), 0, "{}", render_all(&report));
}

#[test]
fn pages_and_folders_interleave_by_their_numbers_and_weights() {
    // Typora: a numbered page at the top sits among numbered folders.
    let c = TestCourse::new();
    c.file("content/README.md", "# 课程\n")
        .file("content/03-推断/01-区间.md", "# 区间\n")
        .file("content/01-基础.md", "# 基础\n")
        .file("content/02-描述/01-均值.md", "# 均值\n")
        .file("content/关于.md", "# 关于\n");
    c.build_ok();
    assert_eq!(sidebar(&c, "index.html"), ["首页", "基础", "描述", "均值", "推断", "区间", "关于"]);
    // Jekyll: a folder's index with nav_order 3 comes before a page with 4.
    let c = TestCourse::new();
    c.file("content/index.md", "# 首页\n")
        .file("content/docs/qa.md", "---\ntitle: 质检\nnav_order: 4\n---\n")
        .file("content/docs/sat/README.md", "---\ntitle: 满意度\nnav_order: 3\n---\n")
        .file("content/docs/sat/mean.md", "---\ntitle: 平均值\nnav_order: 1\n---\n");
    c.build_ok();
    assert_eq!(next(&c, "index.html"), ["满意度"], "the docs/ listing is no stop");
    assert_eq!(next(&c, "docs/sat/mean.html"), ["质检"]);
}

#[test]
fn a_table_of_contents_names_folders_and_skips_listings_it_does_not_have() {
    let c = TestCourse::new();
    c.file(
        "content/_sidebar.md",
        "- [首页](/)\n- 基础篇\n  - [甲](basics/a.md)\n  - [乙](basics/b.md)\n- [丙](more/c.md)\n- [丁](more/d.md)\n",
    )
    .file("content/README.md", "# 首页\n")
    .file("content/basics/a.md", "# 甲\n")
    .file("content/basics/b.md", "# 乙\n")
    .file("content/more/c.md", "# 丙\n")
    .file("content/more/d.md", "# 丁\n");
    let report = c.build_ok();
    assert_eq!(report.warnings(), 0, "{}", render_all(&report));
    // The group names the folder; `more/` has no name and no index: its pages stand in its place.
    assert_eq!(sidebar(&c, "index.html"), ["首页", "基础篇", "甲", "乙", "丙", "丁"]);
    assert_eq!(next(&c, "index.html"), ["甲"], "listings are not in the reading order");
    assert_eq!(next(&c, "basics/b.html"), ["丙"]);
    assert!(c.exists("basics/index.html"), "the folder's listing still exists, for its breadcrumb");
}
