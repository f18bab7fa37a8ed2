//! Includes of other tools (issue 17): mdBook's `{{#include}}` (whole file,
//! anchor, line ranges, in fenced code, nested, escaped) and Docsify's
//! `':include'` embeds (Markdown and code) put the file in; an included
//! Markdown file is no page of its own; a missing file, anchor or a cycle is
//! an error at the directive; and a diagnostic after an include, or inside an
//! included file, still names the right file and line.

mod common;

use common::*;

const CODE: &str =
    "use std::io;\n// ANCHOR: main\nfn main() {\n    println!(\"你好\");\n}\n// ANCHOR_END: main\nfn other() {}\n";

const PAGE: &str = "# 引用\n\n```rust\n{{#include ../code/hello.rs:main}}\n```\n\n```rust\n{{#include ../code/hello.rs:7}}\n```\n\n{{#include shared/note.md}}\n\n[规则表](/_media/rules.md ':include')\n\n[示例](../code/demo.py ':include :type=code')\n\n写法：\\{{#include x.md}}\n\n[坏链接](nowhere.md)\n";

fn course() -> TestCourse {
    let c = TestCourse::new();
    c.file("content/index.md", "# 首页\n");
    c.file("content/code/hello.rs", CODE);
    c.file("content/code/demo.py", "print('演示')\n");
    c.file("content/ch1/page.md", PAGE);
    c.file("content/ch1/shared/note.md", "片段**正文**\n\n{{#include inner.md}}\n");
    c.file("content/ch1/shared/inner.md", "内层片段\n");
    c.file("content/_media/rules.md", "| 规则 | 说明 |\n|---|---|\n| 一 | 先听 |\n");
    c
}

#[test]
fn includes_put_the_files_in_and_fragments_are_not_pages() {
    let c = course();
    c.file("content/ch1/page.md", PAGE.replace("[坏链接](nowhere.md)\n", ""));
    c.build_ok();
    let doc = c.html("ch1/page.html");
    let codes = texts(&doc, "main pre");
    assert!(codes[0].contains("fn main()") && codes[0].contains("你好"), "{codes:?}");
    assert!(!codes[0].contains("ANCHOR") && !codes[0].contains("use std"), "anchor only: {codes:?}");
    assert_eq!(codes[1].trim(), "fn other() {}");
    assert!(codes[2].contains("print('演示')"), "docsify code embed: {codes:?}");
    assert_eq!(texts(&doc, "main strong"), ["正文"], "the fragment is Markdown");
    let body = text(one(&doc, "main"));
    assert!(body.contains("内层片段"), "nested include: {body}");
    assert_eq!(texts(&doc, "main table td"), ["一", "先听"], "docsify markdown embed");
    assert!(body.contains("写法：{{#include x.md}}"), "escaped include shown as text: {body}");
    assert_eq!((body.matches("{{#").count(), body.matches(":include").count()), (1, 0), "{body}");
    assert!(!c.exists("site/ch1/shared/note.html") && !c.exists("site/_media/rules.html"), "fragments are no pages");
}

#[test]
fn a_diagnostic_after_or_inside_an_include_names_its_own_file_and_line() {
    let c = course();
    c.file("content/ch1/shared/inner.md", "内层\n\n[内层坏链](missing.md)\n");
    let report = c.check();
    let all = render_all(&report);
    let (line, col) = position_of(PAGE, "[坏链接]");
    assert!(all.contains(&format!("content/ch1/page.md:{line}:{col}: error: ")), "after the includes:\n{all}");
    assert!(all.contains("content/ch1/shared/inner.md:3:1: error: "), "inside the nested fragment:\n{all}");
}

#[test]
fn a_bad_include_is_an_error_at_the_directive() {
    for (directive, message) in [
        ("{{#include ../code/hello.rs:mian}}", "no anchor 'mian' in the file (it has: main)"),
        ("{{#include nothing.md}}", "cannot include 'nothing.md'"),
        ("{{#include ../../../../../../../../etc/passwd}}", "outside the course folder"),
        ("{{#include page.md}}", "includes itself"),
    ] {
        let c = course();
        let text = format!("# 页\n\n前文\n\n{directive}\n");
        c.file("content/ch1/page.md", &text);
        let (code, _, stderr) = c.run_cli(&["build"]);
        assert_eq!(code, 1, "{stderr}");
        let block = expect_error(&stderr, &loc_of("ch1/page.md", &text, directive), message);
        assert!(block.iter().any(|l| l.contains(directive)), "shows the line: {block:?}");
    }
}
