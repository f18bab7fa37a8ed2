//! The hostile-input suite: small broken or malicious course folders, each run
//! through the real binary, each with its exact expected outcome. Every case
//! also checks the invariants that hold for any input:
//!
//! - the process exits 0 (built) or 1 (content errors) — never a panic, a crash
//!   or a hang (a watchdog kills a run after 120 s);
//! - nothing is written outside the output folder (the folder around the course
//!   is fingerprinted before and after);
//! - a failed build leaves no `site/`, no staging and no backup folder;
//! - a built site holds no script the author did not opt into: no `<script>`
//!   other than the theme's, no `on*=` attributes, no `javascript:`/`data:` URL
//!   in a link.

mod common;

use common::*;
use std::io::Read;
use std::path::Path;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

/// The expected end of a run.
enum Expect<'a> {
    /// Exit 0; then the closure checks the site.
    Builds(&'a dyn Fn(&TestCourse, &str)),
    /// Exit 1 with `LOC: error: …MESSAGE…` on stderr (LOC relative to the course).
    Error(&'a str, &'a str),
}

/// Run `coursesite build` on the course with a watchdog: (exit code, stderr).
fn build_with_watchdog(c: &TestCourse) -> (i32, String) {
    let mut child = Command::new(bin())
        .args(["--lang", "en", "build", "--quiet"])
        .current_dir(c.root())
        .env("NO_COLOR", "1")
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .expect("run coursesite");
    let mut stderr = child.stderr.take().expect("stderr");
    let reader = std::thread::spawn(move || {
        let mut s = String::new();
        let _ = stderr.read_to_string(&mut s);
        s
    });
    let started = Instant::now();
    let status = loop {
        if let Some(status) = child.try_wait().expect("wait") {
            break status;
        }
        if started.elapsed() > Duration::from_secs(120) {
            let _ = child.kill();
            panic!("coursesite build hung for 120 s");
        }
        std::thread::sleep(Duration::from_millis(20));
    };
    (status.code().unwrap_or(-1), reader.join().unwrap_or_default())
}

/// Everything in the sandbox around the course but its output folder and the
/// build cache (the two places a build writes).
fn outside_fingerprint(c: &TestCourse) -> Vec<(String, u64)> {
    let cache = format!("course/{}", coursesite::store::DIR);
    tree(c.sandbox()).into_iter().filter(|(p, _)| !p.starts_with("course/site") && !p.starts_with(&cache)).collect()
}

fn check(name: &str, c: &TestCourse, expect: Expect) {
    let before = outside_fingerprint(c);
    let (code, stderr) = build_with_watchdog(c);
    assert!(!stderr.contains("panicked") && !stderr.contains("RUST_BACKTRACE"), "{name}: panic\n{stderr}");
    let after = outside_fingerprint(c);
    assert_eq!(before, after, "{name}: files outside the output folder changed\n{stderr}");
    assert!(leftovers(c.root()).is_empty(), "{name}: left behind {:?}", leftovers(c.root()));
    match expect {
        Expect::Builds(then) => {
            assert_eq!(code, 0, "{name}: expected a build\n{stderr}");
            no_foreign_script(name, &c.site());
            then(c, &stderr);
        }
        Expect::Error(loc, message) => {
            assert_eq!(code, 1, "{name}: expected content errors (exit 1)\n{stderr}");
            // LOC may stop at the line: `a.md:3` matches `a.md:3:7: error: …`, not `a.md:31:…`.
            let located =
                |l: &&str| l.strip_prefix(loc).is_some_and(|rest| rest.starts_with(':')) && l.contains(": error: ");
            let line = stderr.lines().find(located);
            let line = line.unwrap_or_else(|| panic!("{name}: no '{loc}: error:' line\n{stderr}"));
            assert!(line.contains(message), "{name}: '{message}' not in '{line}'");
            assert!(stderr.contains("help:") || stderr.contains("= "), "{name}: no hint\n{stderr}");
            let site = c.site();
            assert!(!site.is_dir() || tree(&site).contains_key(".coursesite-output") || !site.exists());
        }
    }
}

/// No script the author did not ask for, in any HTML file of the site.
fn no_foreign_script(name: &str, site: &Path) {
    for rel in html_files(site) {
        let html = read_to_string(&site.join(&rel));
        let doc = scraper::Html::parse_document(&html);
        for script in select(&doc, "script") {
            let src = script.value().attr("src").unwrap_or("");
            let kind = script.value().attr("type").unwrap_or("");
            let theme = src.contains("theme/") || src.ends_with(".js") && !src.contains(':');
            assert!(theme || kind == "application/json", "{name}: {rel}: a foreign <script>: {}", script.html());
            assert!(!text(script).contains("HOSTILE"), "{name}: {rel}: author script inlined");
        }
        for el in doc.root_element().descendants().filter_map(scraper::ElementRef::wrap) {
            for (attr, value) in el.value().attrs() {
                assert!(!attr.starts_with("on"), "{name}: {rel}: event handler attribute {attr}={value}");
                if matches!(attr, "href" | "src" | "action" | "formaction" | "xlink:href") {
                    let v = value.trim().to_ascii_lowercase();
                    let bad = v.starts_with("javascript:") || v.starts_with("vbscript:") || v.starts_with("data:text");
                    assert!(!bad, "{name}: {rel}: dangerous URL {attr}={value}");
                }
            }
        }
    }
}

fn course() -> TestCourse {
    let c = TestCourse::nested();
    c.file("content/index.md", "# 首页\n\n欢迎。\n");
    c
}

fn builds(then: &dyn Fn(&TestCourse, &str)) -> Expect<'_> {
    Expect::Builds(then)
}

fn nothing(_: &TestCourse, _: &str) {}

// ---------------------------------------------------------------- front matter

#[test]
fn malformed_front_matter() {
    let c = course();
    c.file("content/a.md", "+++\ntitle = \"甲\"\nhourss = 2\n+++\n\n正文\n");
    check("unknown key", &c, Expect::Error("content/a.md:3:1", "unknown key 'hourss'"));

    let c = course();
    c.file("content/lessons/01.md", "+++\ntitle = \"甲\"\nhours = \"四\"\n+++\n\n正文\n");
    check("wrong type", &c, Expect::Error("content/lessons/01.md:3:9", "hours"));

    let c = course();
    c.file("content/a.md", "+++\ntitle = \"甲\"\n\n正文没有结束标记\n");
    check("unclosed +++", &c, Expect::Error("content/a.md:1:1", "never closed"));

    let c = course();
    c.file("content/a.md", "---\ntitle: [unclosed\n---\n\n正文\n");
    check("malformed YAML", &c, Expect::Error("content/a.md:3:1", "invalid YAML"));

    let c = course();
    c.file("content/a.md", "+++\ntitle = \"a\"\ntitle = \"b\"\n+++\n\n正文\n");
    check("duplicate key", &c, Expect::Error("content/a.md:3:1", "duplicate key"));

    let c = course();
    c.file("content/a.md", format!("+++\nx = {}1{}\n+++\n", "[".repeat(5000), "]".repeat(5000)));
    check("TOML nested 5000 deep", &c, Expect::Error("content/a.md:2", ""));

    let c = course();
    c.file("course.toml", "title = \"课\"\nlanguage = \"klingon\"\n");
    check("bad language", &c, Expect::Error("course.toml:2:12", "expected one of: zh-CN, en"));
}

#[test]
fn front_matter_after_blank_lines() {
    // Blank line, whitespace-only line, BOM + blank line: the front matter is read.
    for (name, lead) in [("blank line", "\n"), ("whitespace", " \t\n\n"), ("BOM + blank line", "\u{FEFF}\n")] {
        let c = course();
        c.file("content/a.md", format!("{lead}+++\ntitle = \"前置\"\n+++\n\n正文\n"));
        check(
            name,
            &c,
            builds(&|c, _| {
                let doc = c.html("a.html");
                assert_eq!(texts(&doc, "h1"), ["前置"], "title from the front matter");
                assert!(!c.read("a.html").contains("+++"), "front matter shown as text");
            }),
        );
    }
    // Errors inside it keep the file's line numbers.
    let c = course();
    c.file("content/a.md", "\n\n+++\ntitle = \"甲\"\nhourss = 2\n+++\n");
    check("unknown key after blank lines", &c, Expect::Error("content/a.md:5:1", "unknown key 'hourss'"));
    // YAML after a blank line is read when it is front matter …
    let c = course();
    c.file("content/a.md", "\n---\ntitle: 前置\n---\n\n正文\n");
    check("YAML after a blank line", &c, builds(&|c, _| assert_eq!(texts(&c.html("a.html"), "h1"), ["前置"])));
    // … and a horizontal rule that hides a forgotten front matter is a warning at its line.
    let c = course();
    c.file("content/a.md", "# 标题\n");
    c.file("content/b.md", "\n---\ntitle: 前置\n\n正文\n");
    let (code, _, stderr) = c.run_cli(&["build"]);
    assert_eq!(code, 0, "{stderr}");
    let warning = stderr.lines().find(|l| l.starts_with("content/b.md:2:1: warning:"));
    assert!(warning.is_some_and(|w| w.contains("horizontal rule")), "{stderr}");
}

// ---------------------------------------------------------------- encodings

#[test]
fn encodings_and_odd_bytes() {
    let c = course();
    // 客户 in GBK.
    c.file("content/a.md", [b"# title\n\n".as_slice(), &[0xbf, 0xcd, 0xbb, 0xa7], b"\n"].concat());
    check("GBK", &c, Expect::Error("content/a.md:3:1", "UTF-8"));

    let c = course();
    c.file("content/a.md", "\u{feff}+++\ntitle = \"带BOM\"\n+++\n\n正文\n");
    check("BOM", &c, builds(&|c, _| assert!(squash(one(&c.html("a.html"), "h1")).contains("带BOM"))));

    let c = course();
    c.file("content/a.md", "+++\r\ntitle = \"回车换行\"\r\n+++\r\n\r\n第一行\r\n第二行\r\n");
    check(
        "CRLF",
        &c,
        builds(&|c, _| {
            let html = c.read("a.html");
            assert!(html.contains("第一行第二行") && !html.contains('\r'), "CRLF leaked or CJK break kept");
        }),
    );

    let c = course();
    c.file("content/a.md", "");
    check("empty file", &c, builds(&|c, _| assert!(c.exists("a.html"))));

    let c = course();
    c.file("content/a.md", "# 零\n\n前\u{0}后\n");
    check("NUL byte", &c, builds(&|c, _| assert!(!c.read("a.html").contains('\u{0}'))));

    let c = course();
    c.file("course.toml", [b"title = \"".as_slice(), &[0xff, 0xfe], b"\"\n"].concat());
    check("course.toml not UTF-8", &c, Expect::Error("course.toml:1", "UTF-8"));
}

// ---------------------------------------------------------------- size and depth

#[test]
fn big_and_deep_pages() {
    let c = course();
    let para = "客户服务的要点是耐心倾听，准确回应。".repeat(20) + "\n\n";
    c.file("content/big.md", format!("# 大文件\n\n{}", para.repeat(5 * 1024 * 1024 / para.len())));
    check("5 MB page", &c, builds(&|c, _| assert!(c.read("big.html").len() > 5_000_000)));

    let c = course();
    let headings: String = (0..10_000).map(|i| format!("## 标题\n\n第{i}段。\n\n")).collect();
    c.file("content/h.md", format!("# 很多标题\n\n{headings}"));
    check(
        "10,000 headings",
        &c,
        builds(&|c, _| {
            let ids = attrs(&c.html("h.html"), "main h2[id]", "id");
            assert!(ids.len() >= 10_000, "{} ids", ids.len());
            let unique: std::collections::BTreeSet<_> = ids.iter().collect();
            assert_eq!(unique.len(), ids.len(), "duplicate heading anchors");
        }),
    );

    let c = course();
    let list: String = (0..200).map(|d| format!("{}- 第{d}层\n", "  ".repeat(d))).collect();
    c.file("content/l.md", format!("# 深列表\n\n{list}"));
    check("lists nested 200 deep", &c, builds(&|c, _| assert!(c.read("l.html").contains("第199层"))));

    let c = course();
    c.file("content/q.md", format!("# 深引用\n\n{}最里面\n", "> ".repeat(5000)));
    check("blockquotes nested 5000 deep", &c, builds(&|c, _| assert!(c.read("q.html").contains("最里面"))));

    let c = course();
    c.file("content/w.md", format!("# 长行\n\n{}\n", "长".repeat(1_000_000)));
    check("a 3 MB line", &c, builds(&nothing));

    let c = course();
    c.file("content/b.md", format!("# 方括号\n\n{}x{}\n", "[[".repeat(20_000), "]]".repeat(20_000)));
    check("40,000 brackets", &c, builds(&|c, _| assert!(c.exists("b.html"))));
}

// ---------------------------------------------------------------- names

#[test]
fn file_names() {
    let c = course();
    c.file("content/a.md", "+++\nslug = \"same\"\n+++\n# 甲\n")
        .file("content/b.md", "+++\nslug = \"same\"\n+++\n# 乙\n");
    check("duplicate slugs", &c, Expect::Error("content/a.md", "same.html"));

    let c = course();
    c.file("content/Case.md", "# 大写\n").file("content/case.md", "# 小写\n");
    check("names differing only in case", &c, Expect::Error("content/Case.md", "2 files would be written"));

    let c = course();
    c.file("content/a b#c?d%e.md", "# 怪名字\n")
        .file("content/links.md", "# 链接\n\n[去](a%20b%23c%3Fd%25e.md) 和 [再去](<a%20b%23c%3Fd%25e.md>)\n");
    check(
        "spaces and #?% in names",
        &c,
        builds(&|c, _| {
            assert!(c.exists("a b#c?d%e.html"));
            let hrefs = attrs(&c.html("links.html"), "main a", "href");
            assert!(hrefs.iter().filter(|h| h.as_str() == "a%20b%23c%3Fd%25e.html").count() >= 2, "{hrefs:?}");
        }),
    );

    let c = course();
    c.file("content/a.md", "+++\nslug = \"../../逃出\"\n+++\n# 甲\n");
    check("slug climbing out", &c, Expect::Error("content/a.md:2", "slug"));
}

// ---------------------------------------------------------------- escaping the course

#[test]
fn paths_leaving_the_course() {
    let c = course();
    c.file("content/a.md", "# 甲\n\n[密码](../../../../../../etc/passwd.md)\n");
    check("link ../../../", &c, Expect::Error("content/a.md:3:1", "outside"));

    let c = course();
    c.file("content/a.md", "# 甲\n\n![图](../../../../../../etc/x.png)\n");
    check("image ../../../", &c, Expect::Error("content/a.md:3:1", "outside"));

    let c = course();
    let secret = c.sandbox().join("secret.md");
    std::fs::write(&secret, "# 机密\n\nTOPSECRET\n").unwrap();
    std::os::unix::fs::symlink(&secret, c.path("content/link.md")).unwrap();
    check("symlink out of the course", &c, Expect::Error("content/link.md", "symbolic link points outside the course"));

    let c = course();
    std::fs::create_dir_all(c.path("content/loop")).unwrap();
    std::os::unix::fs::symlink(c.path("content/loop"), c.path("content/loop/again")).unwrap();
    check("symlink loop", &c, builds(&|_, stderr| assert!(stderr.is_empty() || !stderr.contains("error"))));

    let c = course();
    c.file("site", "a file where the output folder should be\n");
    let (code, stderr) = build_with_watchdog(&c);
    assert_eq!(code, 2, "site/ as a file: {stderr}");
    assert_eq!(std::fs::read_to_string(c.path("site")).unwrap(), "a file where the output folder should be\n");
}

#[test]
fn a_named_pipe_does_not_hang_the_build() {
    let c = course();
    let fifo = c.path("content/pipe.md");
    let made = Command::new("mkfifo").arg(&fifo).status().map(|s| s.success()).unwrap_or(false);
    assert!(made, "mkfifo failed");
    check("FIFO", &c, builds(&|c, _| assert!(!c.exists("pipe.html"))));
}

#[cfg(unix)]
#[test]
fn special_files_are_skipped_with_a_warning() {
    let c = course();
    for fifo in ["content/pipe.md", "content/img/pipe.png"] {
        std::fs::create_dir_all(c.path(fifo).parent().unwrap()).unwrap();
        let made = Command::new("mkfifo").arg(c.path(fifo)).status().map(|s| s.success()).unwrap_or(false);
        assert!(made, "mkfifo failed");
    }
    // A socket too; it stays bound (and the file stays) while the listener lives.
    let _socket = std::os::unix::net::UnixListener::bind(c.path("content/sock")).expect("bind a unix socket");
    check("FIFO and socket", &c, builds(&|c, _| assert!(!c.exists("pipe.html") && !c.exists("img/pipe.png"))));
    // Without --quiet, so warnings are printed; a watchdog is not needed: check
    // above already proved the build does not block.
    let (code, _, stderr) = c.run_cli(&["build"]);
    assert_eq!(code, 0, "{stderr}");
    for (loc, what) in [
        ("content/pipe.md: warning: 'pipe.md' is a named pipe (FIFO), not a file; skipped", "FIFO page"),
        ("content/img/pipe.png: warning: 'pipe.png' is a named pipe (FIFO)", "FIFO asset"),
        ("content/sock: warning: 'sock' is a socket, not a file; skipped", "socket"),
    ] {
        assert!(stderr.lines().any(|l| l.starts_with(loc)), "{what}: no '{loc}'\n{stderr}");
    }
    assert!(stderr.contains("only regular files"), "no hint\n{stderr}");
}

#[test]
fn an_unreadable_file() {
    use std::os::unix::fs::PermissionsExt;
    let c = course();
    c.file("content/secret.md", "# 读不到\n");
    std::fs::set_permissions(c.path("content/secret.md"), std::fs::Permissions::from_mode(0o000)).unwrap();
    // root reads anything: then the page simply builds; anyone else gets a located error.
    if std::fs::read(c.path("content/secret.md")).is_ok() {
        check("unreadable file (as root)", &c, builds(&|c, _| assert!(c.exists("secret.html"))));
    } else {
        check("unreadable file", &c, Expect::Error("content/secret.md", "cannot read"));
    }
}

// ---------------------------------------------------------------- heading ids

/// Every `id` on every page of the site is unique, and `#main` is the theme's `<main>`.
fn ids_unique_and_skip_link_intact(site: &Path) {
    for rel in html_files(site) {
        let doc = scraper::Html::parse_document(&read_to_string(&site.join(&rel)));
        let ids = attrs(&doc, "[id]", "id");
        let mut seen = std::collections::BTreeSet::new();
        for id in &ids {
            assert!(seen.insert(id), "{rel}: id=\"{id}\" appears twice");
        }
        if ids.iter().any(|i| i == "main") {
            assert_eq!(one(&doc, "#main").value().name(), "main", "{rel}: #main is not the theme's <main>");
        }
    }
}

#[test]
fn headings_named_like_theme_ids() {
    let c = course();
    let body =
        "## main\n\n[跳到作业](#homework-1)\n\n## sidebar\n\n## Homework\n\n我的作业。\n\n## backlinks\n\n## sec 1\n";
    c.file("content/lessons/01.md", lesson(1, "项目一", 2, &[("讲授", 90)], &[], body));
    c.file("content/a.md", "# 甲\n\n## Main\n\n## Search Page\n\n[项目一](lessons/01.md#homework-1)\n");
    c.file("content/index.md", "# 首页\n\n## sec 1\n\n[甲](a.md)\n");
    c.file("content/glossary.md", "# 术语\n\n## sidebar\n\n侧栏。\n");
    check(
        "theme ids",
        &c,
        builds(&|c, _| {
            ids_unique_and_skip_link_intact(&c.site());
            let doc = c.html("lessons/01.html");
            assert!(!select(&doc, "a[href='#main']").is_empty(), "the skip link is gone");
            assert_eq!(texts(&doc, "h2#main-1"), ["main"]);
            assert_eq!(texts(&doc, "h2#sidebar-1"), ["sidebar"]);
            // The author's link to the suffixed heading hits it; the theme keeps #homework.
            assert_eq!(texts(&doc, "h2#homework-1"), ["Homework"]);
            assert_eq!(one(&doc, "#homework").value().name(), "h2");
            assert!(one(&doc, "section.homework").html().contains("id=\"homework\""));
            assert!(!select(&doc, "a[href='#homework-1']").is_empty());
            assert_eq!(texts(&c.html("a.html"), "h2#main-1"), ["Main"]);
        }),
    );
    // A call-script node cannot be renamed (links name it): its id is an error.
    let c = course();
    c.file("content/scripts/a.md", "## 开场 {#main}\n\n坐席：您好。\n");
    check(
        "script node #main",
        &c,
        Expect::Error("content/scripts/a.md:1:1", "'#main' is also an id of the page layout"),
    );
}

// ---------------------------------------------------------------- scripts and markup

#[test]
fn scripts_never_run() {
    let c = course();
    c.file("course.toml", "title = \"测试课程\"\n[markdown]\nraw_html = \"escape\"\n");
    c.file("content/a.md", "# 甲\n\n<script>window.HOSTILE=1</script>\n\n<img src=x onerror=\"HOSTILE()\">\n");
    check(
        "raw <script> and on*= (raw_html = escape)",
        &c,
        builds(&|c, stderr| {
            let shown = squash(one(&c.html("a.html"), "main"));
            assert!(shown.contains("<script>window.HOSTILE=1</script>"), "raw HTML not shown as text: {shown}");
            assert!(stderr.is_empty(), "--quiet prints only errors: {stderr}");
        }),
    );

    for (what, link) in [
        ("javascript:", "[点我](javascript:alert(1))"),
        ("JavaScript: mixed case", "[点我](JaVaScRiPt:alert(1))"),
        ("javascript: with entity", "[点我](javascript&#58;alert(1))"),
        ("data:text/html", "[点我](data:text/html,<script>alert(1)</script>)"),
        ("vbscript:", "[点我](vbscript:msgbox(1))"),
        ("autolink", "<javascript:alert(1)>"),
        ("reference", "[点我][x]\n\n[x]: javascript:alert(1)"),
    ] {
        let c = course();
        c.file("course.toml", "title = \"测试课程\"\n[markdown]\nunsafe_html = true\n");
        c.file("content/a.md", format!("# 甲\n\n{link}\n"));
        check(what, &c, builds(&nothing));
    }

    let c = course();
    c.file("content/a.md", "+++\ntitle = \"</title><script>HOSTILE()</script>\"\n+++\n\n正文\n");
    check(
        "title with </title><script>",
        &c,
        builds(&|c, _| {
            let doc = c.html("a.html");
            let title = text(one(&doc, "title"));
            assert!(title.contains("</title><script>"), "title text not kept literally: {title}");
        }),
    );

    let c = course();
    c.file(
        "content/glossary.md",
        "# 术语表\n\n## </title><script>HOSTILE()</script>\n\n危险的术语。\n\n## 客户\n\n买东西的人。\n",
    )
    .file("content/a.md", "# 甲\n\n客户说 </title><script>HOSTILE()</script> 没用。\n");
    check("glossary term with </title><script>", &c, builds(&|c, _| assert!(c.exists("glossary.html"))));

    let c = course();
    let metas = [".*", "a+b", "(客户)", "[服务]", "{1,2}", "a|b", "^$", "\\d", "C++", "?"];
    let glossary: String = metas.iter().map(|t| format!("## {t}\n\n定义。\n\n")).collect();
    let body: String = metas.iter().map(|t| format!("我们说 {t} 的时候。")).collect();
    c.file("content/glossary.md", format!("# 术语表\n\n{glossary}")).file("content/a.md", format!("# 甲\n\n{body}\n"));
    check(
        "regex metacharacters in terms",
        &c,
        builds(&|c, _| {
            let links = attrs(&c.html("a.html"), "main a", "href");
            assert!(links.iter().filter(|h| h.contains("glossary.html#")).count() >= metas.len() - 2, "{links:?}");
        }),
    );

    let c = course();
    c.file("content/a.md", "# 甲\n\n<!-- 没有结束的注释\n\n正文\n");
    check("unclosed HTML comment", &c, builds(&nothing));

    let c = course();
    c.file("content/a.md", "# 甲 {#dup}\n\n## 乙 {#dup}\n\n## 丙 {#dup}\n");
    check(
        "explicit duplicate heading ids",
        &c,
        builds(&|c, _| {
            let ids = attrs(&c.html("a.html"), "main [id]", "id");
            let unique: std::collections::BTreeSet<_> = ids.iter().collect();
            assert_eq!(unique.len(), ids.len(), "{ids:?}");
        }),
    );
}

// ---------------------------------------------------------------- call scripts

#[test]
fn call_scripts_with_cycles_and_missing_targets() {
    let c = course();
    c.file(
        "content/scripts/loop.md",
        "+++\ntitle = \"循环\"\n+++\n\n## 甲 {#a}\n\n坐席：您好。\n\n-> #b\n\n## 乙 {#b}\n\n客户：嗯。\n\n-> #a\n",
    );
    check(
        "script cycle",
        &c,
        builds(&|c, _| {
            let (code, _, stderr) = c.run_cli(&["check"]);
            assert_eq!(code, 0, "{stderr}");
            assert!(stderr.contains("scripts/loop.md:") && stderr.contains("warning"), "no loop warning: {stderr}");
        }),
    );

    let c = course();
    c.file(
        "content/scripts/gap.md",
        "+++\ntitle = \"断头\"\n+++\n\n## 开场 {#open}\n\n坐席：您好。\n\n? 客户反应\n- 很忙。 -> #busyy\n\n## 很忙 {#busy}\n\n坐席：打扰了。\n",
    );
    check("script missing target", &c, Expect::Error("content/scripts/gap.md:10", "busyy"));
}

#[test]
fn call_script_choices_after_a_blank_line() {
    // The blank line after the prompt used to end the branch: its choices became
    // a plain list and the bad target below went unchecked (exit 0).
    let c = course();
    c.file(
        "content/scripts/gap.md",
        "+++\ntitle = \"空行\"\n+++\n\n## 开场 {#open}\n\n坐席：您好。\n\n? 客户反应\n\n- 很忙。 -> #busy\n- 没兴趣。 -> #missing\n\n## 很忙 {#busy}\n\n坐席：打扰了。\n",
    );
    check("blank line before choices", &c, Expect::Error("content/scripts/gap.md:12:11", "missing node '#missing'"));

    let c = course();
    c.file(
        "content/scripts/ok.md",
        "+++\ntitle = \"空行\"\n+++\n\n## 开场 {#open}\n\n坐席：您好。\n\n? 客户反应\n\n- 很忙。 -> #busy\n\n- 没兴趣。 -> #nope\n\n## 很忙 {#busy}\n\n坐席：打扰了。\n\n## 没兴趣 {#nope}\n\n坐席：好的。\n",
    );
    check(
        "blank lines around choices",
        &c,
        builds(&|c, _| {
            let doc = c.html("scripts/ok.html");
            let open = one(&doc, "section.script-node[data-node='open']");
            let buttons: Vec<String> = select_in(open, "[data-target]")
                .into_iter()
                .filter_map(|b| b.value().attr("data-target").map(str::to_owned))
                .collect();
            assert_eq!(buttons, ["busy", "nope"], "{}", open.html());
        }),
    );
}

// ---------------------------------------------------------------- sanitised raw HTML

/// Raw HTML attacks, each in a paragraph (inline tags) and as a block; the
/// footer after the content must still sit inside the page (nothing swallowed).
const RAW_ATTACKS: &[&str] = &[
    "<script>HOSTILE()</script>",
    "<img src=x onerror=\"HOSTILE()\">",
    "<a href=\"javascript:HOSTILE()\">点</a>",
    "<a href=\"javascript&#58;HOSTILE()\">点</a>",
    "<a href=\"java&#x09;script:HOSTILE()\">点</a>",
    "<svg onload=HOSTILE()>",
    "<svg/onload=HOSTILE()>",
    "<iframe src=\"javascript:HOSTILE()\"></iframe>",
    "<style>body{display:none}</style>",
    "<math><mi xlink:href=\"javascript:HOSTILE()\">x</mi></math>",
    "<details open ontoggle=HOSTILE()><summary>看</summary>",
    "<div><div><u><b>没有闭合",
    "<form action=\"javascript:HOSTILE()\"><button formaction=javascript:x>提交</button></form>",
    "<img src=\"data:text/html,<script>HOSTILE()</script>\">",
    "<p style=\"background:url(javascript:HOSTILE())\">样式</p>",
    "<img src=x onerror=HOSTILE() <b",
];

#[test]
fn raw_html_attacks_are_sanitised() {
    for attack in RAW_ATTACKS {
        let c = course();
        c.file("content/a.md", format!("# 甲\n\n文字 {attack} 后文\n\n{attack}\n\n## 之后\n\n最后一段。\n"));
        check(
            attack,
            &c,
            builds(&|c, stderr| {
                let doc = c.html("a.html");
                for name in ["script", "iframe", "style", "svg", "math", "form", "button"] {
                    assert!(select(&doc, &format!("main {name}")).is_empty(), "{attack}: <{name}> in the content");
                }
                assert_eq!(select(&doc, "main h2").len(), 1, "{attack}: heading after the attack lost");
                assert_eq!(select(&doc, "footer.site-footer").len(), 1, "{attack}: footer lost");
                // The footer is the page's, a child of <main>: an unclosed tag
                // in the content would have made it a child of that tag instead.
                assert_eq!(
                    select(&doc, "main > footer.site-footer").len(),
                    1,
                    "{attack}: the content swallowed the footer"
                );
                assert!(select(&doc, "main u footer, main div footer.site-footer").is_empty(), "{attack}");
                let after = select(&doc, "main p").into_iter().any(|p| text(p).contains("最后一段"));
                assert!(after, "{attack}: the last paragraph lost");
                assert!(stderr.is_empty(), "--quiet prints only errors: {stderr}");
            }),
        );
    }
}

#[test]
fn raw_html_kept_tags_render() {
    let c = course();
    c.file(
        "content/a.md",
        "# 甲\n\n按 <kbd>Ctrl</kbd>，<u>下划线</u>，H<sub>2</sub>O，x<sup>2</sup>，<mark>重点</mark><br>\n\n\
         <p align=\"center\"><img src=\"img/a.png\" width=\"300\"></p>\n\n\
         <details><summary>答案</summary>\n\n- 一\n\n</details>\n\n\
         <table><tr><td colspan=\"2\">合并</td></tr></table>\n\n<font color=\"red\">红</font>\n",
    )
    .file("content/img/a.png", "png");
    check(
        "kept tags",
        &c,
        builds(&|c, _| {
            let doc = c.html("a.html");
            for sel in ["main kbd", "main u", "main sub", "main sup", "main mark", "main br", "main details summary"] {
                assert_eq!(select(&doc, sel).len(), 1, "{sel}");
            }
            assert_eq!(attrs(&doc, "main p[align=center] img", "width"), vec!["300"]);
            assert_eq!(attrs(&doc, "main td", "colspan"), vec!["2"]);
            assert_eq!(attrs(&doc, "main font", "color"), vec!["red"]);
            assert_eq!(select(&doc, "main details li").len(), 1, "Markdown inside <details> stays inside");
        }),
    );
}
