//! Property tests (issue 9): random bytes, random Markdown, random front matter,
//! random glossaries and random file names through the whole pipeline
//! (`render_in_memory`: load, parse, render, templates, slides, search index).
//!
//! For every input: no panic; a failed build says why (at least one error); a
//! successful build produces pages with no script the author did not opt into
//! (no `on…=` attribute, no `javascript:`/`vbscript:`/`data:text` URL, no inline
//! `<script>` besides the theme's JSON data).
//!
//! Bounded to about a minute in a debug build. `PROPTEST_CASES=N` sets the case
//! count of every property for a longer run. Deep nesting recurses deeply, as
//! in the binary (256 MB stack thread in src/main.rs), so each property runs in
//! a thread with a big stack.

mod common;

use common::TestCourse;
use coursesite::session::Session;
use coursesite::Status;
use proptest::prelude::*;
use proptest::sample::select;
use proptest::test_runner::{Config, TestCaseError, TestRunner};
use scraper::Html;
use std::sync::atomic::{AtomicUsize, Ordering};

// ------------------------------------------------------------------ harness

/// Run `property` over `cases` values of `strategy` in a 256 MB stack thread;
/// a failure (panic or broken invariant) is shrunk and reported with its input.
fn run_property<S>(name: &str, cases: u32, strategy: S, property: fn(S::Value) -> Result<(), TestCaseError>)
where
    S: Strategy + Send + 'static,
    S::Value: std::fmt::Debug,
{
    let cases = std::env::var("PROPTEST_CASES").ok().and_then(|v| v.parse().ok()).unwrap_or(cases);
    let name = name.to_string();
    let outcome = std::thread::Builder::new()
        .name(name.clone())
        .stack_size(256 << 20)
        .spawn(move || {
            let config = Config { cases, failure_persistence: None, max_shrink_time: 60_000, ..Config::default() };
            // A fixed seed: CI runs the same cases every time, so a failure is
            // reproducible and the "built at least N" checks cannot flake.
            // PROPTEST_RANDOM=1 explores new cases instead.
            let mut runner = if std::env::var_os("PROPTEST_RANDOM").is_some() {
                TestRunner::new(config)
            } else {
                TestRunner::new_with_rng(
                    config,
                    proptest::test_runner::TestRng::deterministic_rng(proptest::test_runner::RngAlgorithm::ChaCha),
                )
            };
            let result = runner.run(&strategy, property);
            result.map_err(|e| e.to_string())
        })
        .expect("spawn property thread")
        .join();
    match outcome {
        Ok(Ok(())) => {}
        Ok(Err(e)) => panic!("property {name} failed: {e}"),
        Err(panic) => std::panic::resume_unwind(panic),
    }
}

/// Render the course in memory and check the invariants; Ok(true) when it built.
fn pipeline(c: &TestCourse) -> Result<bool, TestCaseError> {
    let (report, site) = coursesite::render_in_memory(&c.options(), &mut Session::default());
    if report.status != Status::Ok {
        prop_assert!(
            report.errors() > 0,
            "status {:?} without an error:\n{}",
            report.status,
            common::render_all(&report)
        );
        return Ok(false);
    }
    prop_assert_eq!(report.errors(), 0);
    let site = site.expect("an Ok build has a site");
    prop_assert!(site.files.iter().any(|f| f.path == "index.html"), "no index.html");
    for file in &site.files {
        let Some(bytes) = file.contents.bytes() else { continue };
        if !file.path.ends_with(".html") {
            continue;
        }
        let html =
            std::str::from_utf8(bytes).map_err(|e| TestCaseError::fail(format!("{}: not UTF-8: {e}", file.path)))?;
        no_script(&file.path, html)?;
    }
    Ok(true)
}

/// Count the builds that worked, so a property can insist its inputs reach the
/// renderer and templates instead of all stopping at the first error.
fn counted(ok: &AtomicUsize, built: Result<bool, TestCaseError>) -> Result<(), TestCaseError> {
    if built? {
        ok.fetch_add(1, Ordering::Relaxed);
    }
    Ok(())
}

fn assert_some_built(name: &str, ok: &AtomicUsize, at_least: usize) {
    let n = ok.load(Ordering::Relaxed);
    eprintln!("{name}: {n} random courses built");
    assert!(n >= at_least, "{name}: only {n} random courses built; the generator should reach the renderer more often");
}

/// No script the course author did not opt into (`unsafe_html` stays off here).
fn no_script(page: &str, html: &str) -> Result<(), TestCaseError> {
    let doc = Html::parse_document(html);
    for el in doc.root_element().descendants().filter_map(scraper::ElementRef::wrap) {
        let v = el.value();
        for (attr, value) in v.attrs() {
            prop_assert!(!attr.to_ascii_lowercase().starts_with("on"), "{page}: <{} {attr}=…> event handler", v.name());
            if matches!(attr, "href" | "src" | "action" | "formaction" | "xlink:href") {
                let url: String = value.chars().filter(|c| !c.is_ascii_whitespace() && !c.is_ascii_control()).collect();
                let url = url.to_ascii_lowercase();
                for scheme in ["javascript:", "vbscript:", "data:text"] {
                    prop_assert!(!url.starts_with(scheme), "{page}: {attr}={value:?}");
                }
            }
        }
        if v.name() == "script" {
            let ok = v.attr("src").is_some() || v.attr("type") == Some("application/json");
            prop_assert!(ok, "{page}: inline <script>: {}", el.html());
        }
        prop_assert!(!matches!(v.name(), "iframe" | "object" | "embed"), "{page}: <{}>", v.name());
    }
    Ok(())
}

// --------------------------------------------------------------- strategies

/// Pieces of Markdown syntax (and its hostile cousins) to string together.
const MD_TOKENS: &[&str] = &[
    "\n",
    "\n\n",
    "  ",
    "\t",
    "# ",
    "## ",
    "###### ",
    "> ",
    "- ",
    "* ",
    "+ ",
    "1. ",
    "1) ",
    "- [ ] ",
    "- [x] ",
    "```",
    "```rust\n",
    "~~~",
    "    ",
    "*",
    "**",
    "_",
    "__",
    "~~",
    "`",
    "``",
    "[",
    "]",
    "(",
    ")",
    "![",
    "](",
    "[[",
    "]]",
    "|",
    "| --- |",
    "---",
    "***",
    "===",
    "<",
    ">",
    "&",
    "&amp;",
    "&#106;avascript:",
    "javascript:alert(1)",
    "JaVaScRiPt:",
    "vbscript:x",
    "data:text/html,<script>alert(1)</script>",
    "<script>alert(1)</script>",
    "<img src=x onerror=alert(1)>",
    "<!--",
    "-->",
    "</title>",
    "<div>",
    "</div>",
    "[^1]",
    "[^1]: ",
    "> [!NOTE]\n",
    "> [!WARNING]\n",
    "> [!notes]\n",
    "\\",
    "$",
    "{",
    "}",
    "+++",
    "客户",
    "服务",
    "客户服务",
    "。",
    "，",
    "“",
    "”",
    "（",
    "）",
    "：",
    "；",
    "、",
    "……",
    "——",
    "\u{200b}",
    "\u{feff}",
    "\u{fffd}",
    "\r",
    "\r\n",
    "\u{2028}",
    "a.md",
    "cases/x.md",
    "lessons/l.md",
    "../../etc/passwd",
    "#锚点",
    "%2e%2e/",
    "https://example.org",
    "mailto:a@b",
    "<https://x.y>",
    "www.example.org",
    "|",
    ":-:",
    "\0",
];

fn md_piece() -> impl Strategy<Value = String> {
    prop_oneof![
        6 => select(MD_TOKENS).prop_map(str::to_string),
        2 => "[a-z客户服务 ]{0,8}",
        1 => any::<char>().prop_map(|c| c.to_string()),
    ]
}

/// Random Markdown: tokens strung together, or one construct nested deeply.
fn markdown() -> impl Strategy<Value = String> {
    prop_oneof![
        8 => prop::collection::vec(md_piece(), 0..120).prop_map(|v| v.concat()),
        1 => (select(&["> ", "- ", "1. ", "* ", "[", "*", "_", "`", "<div>", "> - ", "  - "][..]), 1..3000usize)
            .prop_map(|(t, n)| format!("{}深\n", t.repeat(n))),
    ]
}

/// Every front-matter key the loader knows, plus near misses.
fn fm_keys() -> Vec<&'static str> {
    let mut keys = coursesite::load::frontmatter::KEYS.to_vec();
    keys.extend(["unknown_key", "Title", ""]);
    keys
}

fn toml_value() -> impl Strategy<Value = String> {
    prop_oneof![
        "\"[^\"\\\\\n]{0,12}\"",
        any::<i64>().prop_map(|n| n.to_string()),
        select(
            &[
                "true",
                "false",
                "[]",
                "[\"a\", 1]",
                "[\"cases/x\"]",
                "\"../../x\"",
                "\"a/b\"",
                "\"\"",
                "\"lesson\"",
                "\"case\"",
                "\"glossary\"",
                "\"page\"",
                "\"国\"",
                "{ split = \"h2\" }",
                "{ split = \"h9\" }",
                "{ knowledge = [\"k\"] }",
                "[{ name = \"a\", minutes = 5 }]",
                "[{ name = \"a\" }]",
                "4294967296",
                "-1",
                "1.5",
                "1979-05-27",
                "\"<script>alert(1)</script>\"",
                "\"</title><script>x</script>\"",
                "'''\nmulti\n'''",
                "\"\\u0000\"",
                "[[]]",
                "{",
                "\"unclosed",
                "= =",
            ][..]
        )
        .prop_map(str::to_string),
    ]
}

fn yaml_value() -> impl Strategy<Value = String> {
    prop_oneof![
        "[^\n]{0,12}",
        select(
            &[
                "[a, 1]",
                "- x",
                "{a: 1}",
                "|\n  block",
                "&a x",
                "*a",
                "!!binary x",
                "~",
                "null",
                "'",
                "\"",
                ": :",
                "0x1F"
            ][..]
        )
        .prop_map(str::to_string),
    ]
}

/// Random front matter (TOML `+++` or YAML `---`, sometimes unclosed) and a body.
fn page_source() -> impl Strategy<Value = String> {
    let toml = prop::collection::vec((select(fm_keys()), toml_value()), 0..8)
        .prop_map(|kv| kv.into_iter().map(|(k, v)| format!("{k} = {v}\n")).collect::<String>());
    let yaml = prop::collection::vec((select(fm_keys()), yaml_value()), 0..8)
        .prop_map(|kv| kv.into_iter().map(|(k, v)| format!("{k}: {v}\n")).collect::<String>());
    let table = select(
        &[
            "",
            "[objectives]\nknowledge = [\"k\"]\n",
            "[[steps]]\nname = \"组织教学\"\nminutes = 5\n",
            "[slides]\nsplit = \"h3\"\n",
            "[x]\n",
        ][..],
    );
    prop_oneof![
        (toml, table, any::<bool>(), markdown())
            .prop_map(|(fm, t, closed, body)| format!("+++\n{fm}{t}{}{body}", if closed { "+++\n" } else { "" })),
        (yaml, any::<bool>(), markdown())
            .prop_map(|(fm, closed, body)| format!("---\n{fm}{}{body}", if closed { "---\n" } else { "" })),
    ]
}

fn term_name() -> impl Strategy<Value = String> {
    prop_oneof![
        select(
            &[
                "客户",
                "顾客",
                "客户服务",
                "a.b",
                "(x)",
                "[y]",
                "*",
                "+",
                "?",
                "\\",
                "$",
                "^",
                "|",
                "{}",
                "",
                " ",
                ".*",
                "</title><script>",
                "C++",
                "a|b"
            ][..]
        )
        .prop_map(str::to_string),
        "[^\n#]{0,6}",
    ]
}

/// A glossary page: `## term`, an optional `{ … }` line, a definition.
fn glossary_source() -> impl Strategy<Value = String> {
    let meta = prop_oneof![
        Just(String::new()),
        (term_name(), term_name())
            .prop_map(|(a, r)| format!("{{ en = \"x\", aliases = [\"{a}\"], related = [\"{r}\"] }}\n")),
        select(
            &["{ en = 1 }\n", "{ unknown = 1 }\n", "{\n", "{ aliases = \"x\" }\n", "{ pinyin = \"kè hù\" }\n", "{}\n"]
                [..]
        )
        .prop_map(str::to_string),
    ];
    let entry = (select(&["## ", "# ", "### ", "##"][..]), term_name(), meta, markdown())
        .prop_map(|(h, name, meta, def)| format!("{h}{name}\n{meta}\n{def}\n\n"));
    (any::<bool>(), prop::collection::vec(entry, 0..8)).prop_map(|(fm, entries)| {
        let head = if fm { "+++\ntitle = \"术语表\"\n+++\n\n" } else { "" };
        format!("{head}{}", entries.concat())
    })
}

/// A file name a teacher might produce (no `/` or NUL: those cannot be names).
fn file_name() -> impl Strategy<Value = String> {
    prop_oneof![
        select(
            &[
                "a",
                "A",
                "客户",
                "with space",
                "#?%",
                "%2e%2e",
                "..x",
                ".hidden",
                "index",
                "Index",
                "search",
                "404",
                "site",
                "theme",
                "con",
                "a.b.c",
                "~x",
                "x~",
                "4913"
            ][..]
        )
        .prop_map(str::to_string),
        "[^/\\x00]{1,12}",
    ]
    .prop_filter("a real file name", |n| !n.is_empty() && n != "." && n != ".." && n.len() < 200)
}

// --------------------------------------------------------------- properties

/// Pieces that decoders trip over: BOM, CR, GBK and truncated UTF-8, delimiters.
const BYTE_PIECES: &[&[u8]] = &[
    b"\xef\xbb\xbf",
    b"\r\n",
    b"\r",
    b"\xbf\xcd\xbb\xa7",
    b"\xe5\xae",
    b"+++\n",
    b"---\n",
    b"# ",
    b"\n",
    b"\0",
    b"title = \"t\"\n",
    b"\xe5\xae\xa2\xe6\x88\xb7",
];

#[test]
fn random_bytes_never_panic() {
    // Bytes as a page, as course.toml, or as the glossary.
    static OK: AtomicUsize = AtomicUsize::new(0);
    let bytes = prop_oneof![
        prop::collection::vec(any::<u8>(), 0..600),
        any::<String>().prop_map(String::into_bytes),
        prop::collection::vec(select(BYTE_PIECES), 0..40).prop_map(|v| v.concat()),
    ];
    let strategy = (bytes, 0..3u8);
    run_property("random bytes", 300, strategy, |(bytes, place)| {
        let c = TestCourse::new();
        match place {
            0 => c.file("content/a.md", &bytes),
            1 => c.file("course.toml", &bytes).file("content/a.md", "# 甲\n"),
            _ => c.file("content/glossary.md", &bytes).file("content/a.md", "# 甲\n"),
        };
        counted(&OK, pipeline(&c))
    });
    assert_some_built("random bytes", &OK, 1);
}

#[test]
fn random_markdown_never_panics_or_injects_script() {
    // In a plain page, a complete 教案 (lesson plan, with its slide deck) and a case.
    static OK: AtomicUsize = AtomicUsize::new(0);
    let strategy = (markdown(), markdown(), markdown());
    run_property("random Markdown", 300, strategy, |(a, b, story)| {
        let c = TestCourse::new();
        c.file("content/a.md", &a);
        c.file(
            "content/lessons/l.md",
            common::lesson(1, "课", 2, &[("组织教学", 5), ("新课讲解", 40)], &["cases/x"], &b),
        );
        c.file("content/cases/x.md", common::case("案例", &story, "1. 为什么？", "提示。"));
        counted(&OK, pipeline(&c))
    });
    assert_some_built("random Markdown", &OK, 20);
}

#[test]
fn random_front_matter_never_panics() {
    // One page with random front matter, among a valid lesson and case.
    static OK: AtomicUsize = AtomicUsize::new(0);
    let strategy = (
        page_source(),
        select(&["content/lessons/r.md", "content/cases/r.md", "content/r.md", "content/x/index.md"][..]),
    );
    run_property("random front matter", 300, strategy, |(source, place)| {
        let c = TestCourse::new();
        c.file("content/lessons/l.md", common::lesson(1, "课", 2, &[("组织教学", 5)], &["cases/x"], "正文。\n"));
        c.file("content/cases/x.md", common::case("案例", "故事。", "1. 为什么？", "提示。"));
        c.file(place, &source);
        counted(&OK, pipeline(&c))
    });
    assert_some_built("random front matter", &OK, 10);
}

/// One line of a call script or quiz: dialogue, directions, nodes, branches,
/// jumps, callouts and quiz keys, well-formed or not.
fn script_line() -> impl Strategy<Value = String> {
    prop_oneof![
        select(
            &[
                "## 开场 {#open}",
                "## 很忙 {#busy step=\"拒绝处理\"}",
                "## 重复 {#open}",
                "## 无id",
                "## {#}",
                "? 客户反应",
                "?",
                "- 我很忙。 -> #busy",
                "- 不感兴趣 -> #nowhere",
                "- -> #open",
                "- 没有箭头",
                "-> #open",
                "-> #",
                "->",
                "坐席：您好！",
                "客户：（很生气）你们怎么回事？",
                "客户: 半角冒号",
                "经理：不是角色",
                "：没有名字",
                "坐席：（",
                "> [!反面示例]",
                "> [!步骤] 二择一",
                "> [!教师] 只给老师",
                "1. 客户就是上帝。（对）",
                "2. 选一个：",
                "   - [x] 对的",
                "   - [ ] 错的",
                "   > 解析：因为。",
                "- 定期服务：保养、回访",
                "> 参考答案：写在这里",
                "```quiz",
                "```",
                "",
            ][..],
        )
        .prop_map(str::to_string),
        md_piece(),
    ]
}

#[test]
fn random_call_scripts_and_quizzes_never_panic() {
    static OK: AtomicUsize = AtomicUsize::new(0);
    let lines = || prop::collection::vec(script_line(), 0..24).prop_map(|l| l.join("\n"));
    let strategy = (lines(), lines(), select(&["", "agent = \"坐席\"\ncustomer = \"客户\"\n", "agent = \"\"\n"][..]));
    run_property("random call scripts and quizzes", 200, strategy, |(script, quiz, roles)| {
        let c = TestCourse::new();
        c.file("content/scripts/s.md", format!("+++\ntitle = \"话术\"\n{roles}+++\n\n{script}\n"));
        c.file("content/quizzes/q.md", format!("+++\ntitle = \"测验\"\n+++\n\n{quiz}\n"));
        counted(&OK, pipeline(&c))
    });
    assert_some_built("random call scripts and quizzes", &OK, 10);
}

#[test]
fn random_glossaries_never_panic() {
    static OK: AtomicUsize = AtomicUsize::new(0);
    let strategy = (glossary_source(), term_name(), markdown());
    run_property("random glossary", 300, strategy, |(glossary, term, body)| {
        let c = TestCourse::new();
        c.file("content/glossary.md", &glossary).file("content/a.md", format!("# 用词\n\n[[{term}]] {term} {body}\n"));
        counted(&OK, pipeline(&c))
    });
    assert_some_built("random glossary", &OK, 10);
}

#[test]
fn random_file_names_never_panic() {
    static OK: AtomicUsize = AtomicUsize::new(0);
    let strategy = prop::collection::vec(
        (file_name(), select(&["content/", "content/lessons/", "content/cases/", "content/x/"][..]), any::<bool>()),
        1..5,
    );
    run_property("random file names", 150, strategy, |files| {
        let c = TestCourse::new();
        for (name, dir, md) in &files {
            let rel = format!("{dir}{name}{}", if *md { ".md" } else { "" });
            // Some names are not creatable (too long in bytes, ...): skip those files.
            let path = c.path(&rel);
            if std::fs::create_dir_all(path.parent().unwrap()).is_ok() {
                let _ = std::fs::write(&path, format!("# {name}\n\n[[{name}]] [链接]({name}.md)\n"));
            }
        }
        counted(&OK, pipeline(&c))
    });
    assert_some_built("random file names", &OK, 10);
}

#[test]
fn the_invariants_catch_an_opted_in_script() {
    // The no-script check is not vacuous: with unsafe_html on, raw HTML passes through.
    let c = TestCourse::new();
    c.file("course.toml", "title = \"t\"\n[markdown]\nunsafe_html = true\n");
    c.file("content/a.md", "# 甲\n\n<img src=x onerror=alert(1)>\n");
    let err = pipeline(&c).expect_err("an onerror attribute must be caught");
    assert!(err.to_string().contains("onerror"), "{err}");
    c.file("content/a.md", "# 甲\n\n<script>alert(1)</script>\n");
    let err = pipeline(&c).expect_err("an inline script must be caught");
    assert!(err.to_string().contains("inline <script>"), "{err}");
    c.file("content/a.md", "# 甲\n\n正文。\n");
    assert_eq!(pipeline(&c).ok(), Some(true));
}

// ------------------------------------------------ other tools' syntax (issue 17)

/// Other tools' math, containers, includes, template tags and raw HTML, hostile
/// ones among them.
const FOREIGN_TOKENS: &[&str] = &[
    "\n",
    "\n\n",
    "    ",
    "x",
    "中文",
    "> ",
    "- ",
    "$",
    "$$",
    "\\(",
    "\\)",
    "\\[",
    "\\]",
    "\\\\(",
    "\\\\)",
    "\\\\[",
    "\\\\]",
    "\\frac{",
    "}{",
    "}",
    "{",
    "_",
    "^",
    "\\\\",
    "\\begin{aligned}",
    "\\end{aligned}",
    "\\begin{cases}",
    "&",
    "\\text{中}",
    "\\alpha",
    "!!! note \"标题\"\n",
    "??? success\n",
    "???+ tip\n",
    "=== \"Python\"\n",
    "::: tip 标题\n",
    "::: details 看 {open}\n",
    ":::\n",
    "::::\n",
    "::: code-group\n",
    "```js [a.js]\n",
    "```{note}\n",
    "```math\n",
    "```\n",
    "> [!TIP]-\n",
    "{% raw %}",
    "{% endraw %}",
    "{% comment %}",
    "{% endcomment %}",
    "{{ site.baseurl }}",
    "{{#include nothing.md}}",
    "[x](a.md ':include')",
    "<!--@include: a.md-->",
    "[TOC]",
    "{: .note }\n",
    "?> ",
    "!> ",
    " :id=x",
    "<u>",
    "</u>",
    "<details>",
    "<summary>",
    "</summary>",
    "</details>",
    "<p align=\"center\">",
    "</p>",
    "<img src=\"/x.png\" onerror=\"alert(1)\">",
    "<a href=\"javascript:alert(1)\">",
    "</a>",
    "<table><tr><td colspan=2>",
    "</td>",
    "</table>",
    "</main>",
    "</div></div>",
    "</nav>",
    "</footer>",
    "<style>",
    "</style>",
    "<iframe src=x>",
    "<form action=x>",
    "<math><mi>x</mi></math>",
    "<svg onload=alert(1)>",
    "<script>alert(1)</script>",
    "<a href=\"/x.html\" style=\"zoom:2\">",
    "<details markdown=\"1\">",
    "H~2~O",
    "==重点==",
    "x^2^",
];

/// The theme's frame survives the page's own HTML: one `main`, the page's
/// `.content` inside it, and the pager and footer outside the content.
fn frame_intact(page: &str, html: &str) -> Result<(), TestCaseError> {
    let doc = Html::parse_document(html);
    let count = |sel: &str| doc.select(&scraper::Selector::parse(sel).expect("selector")).count();
    if count("div.content") == 0 {
        return Ok(()); // a page without the content frame (search, decks)
    }
    prop_assert_eq!(count("main"), 1, "{}: main elements", page);
    prop_assert_eq!(count("main div.content"), count("div.content"), "{}: content outside main", page);
    prop_assert_eq!(
        count("div.content nav.pager, div.content footer.site-footer"),
        0,
        "{}: frame inside content",
        page
    );
    prop_assert_eq!(count("footer.site-footer"), 1, "{}: footer", page);
    Ok(())
}

#[test]
fn other_tools_syntax_never_injects_script_or_breaks_the_page_frame() {
    static OK: AtomicUsize = AtomicUsize::new(0);
    let text = prop::collection::vec(select(FOREIGN_TOKENS), 0..60).prop_map(|v| v.concat());
    run_property("other tools' syntax", 200, text, |text| {
        let c = TestCourse::new();
        c.file("content/index.md", "# 首页\n").file("content/a.md", format!("# 甲\n\n{text}"));
        let (report, site) = coursesite::render_in_memory(&c.options(), &mut Session::default());
        let Some(site) = site else {
            prop_assert!(report.errors() > 0, "no site and no error:\n{}", common::render_all(&report));
            return Ok(());
        };
        OK.fetch_add(1, Ordering::Relaxed);
        for file in site.files.iter().filter(|f| f.path.ends_with(".html")) {
            let Some(bytes) = file.contents.bytes() else { continue };
            let html = String::from_utf8_lossy(bytes);
            no_script(&file.path, &html)?;
            frame_intact(&file.path, &html)?;
        }
        Ok(())
    });
    assert_some_built("other tools' syntax", &OK, 50);
}

#[test]
fn the_frame_check_catches_a_page_whose_html_escaped_the_content() {
    let c = TestCourse::new();
    c.file("course.toml", "title = \"t\"\n[markdown]\nraw_html = \"trust\"\n")
        .file("content/index.md", "# 首页\n")
        .file("content/a.md", "# 甲\n\n</article></main><main><nav class=\"pager\"></nav>\n");
    let (_, site) = coursesite::render_in_memory(&c.options(), &mut Session::default());
    let site = site.expect("builds");
    let page = site.files.iter().find(|f| f.path == "a.html").expect("a.html");
    let html = String::from_utf8_lossy(page.contents.bytes().expect("bytes")).into_owned();
    assert!(frame_intact("a.html", &html).is_err(), "trusted HTML closing the theme's main");
}
