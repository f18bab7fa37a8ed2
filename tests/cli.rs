//! The command line: help, usage errors, --base-path, and `new` on a used folder.

mod common;

use common::*;

#[test]
fn help_shows_examples_and_exit_codes() {
    let tmp = tempfile::tempdir().unwrap();
    let (code, stdout, stderr) = run_cli_in(tmp.path(), &["--help"]);
    assert_eq!(code, 0, "{stderr}");
    for part in
        ["Examples:", "coursesite new", "coursesite build", "coursesite check", "Exit codes", "0", "1", "2", "--quiet"]
    {
        assert!(stdout.contains(part), "--help lacks '{part}':\n{stdout}");
    }
    for sub in ["new", "build", "check"] {
        let (code, stdout, stderr) = run_cli_in(tmp.path(), &[sub, "--help"]);
        assert_eq!(code, 0, "{sub} --help: {stderr}");
        assert!(stdout.contains("Example"), "{sub} --help has no example:\n{stdout}");
    }
    let (code, stdout, _) = run_cli_in(tmp.path(), &["build", "--help"]);
    assert_eq!(code, 0);
    assert!(stdout.contains("--out") && stdout.contains("--base-path"), "{stdout}");
}

#[test]
fn usage_errors_exit_two() {
    let tmp = tempfile::tempdir().unwrap();
    for args in [&["frobnicate"][..], &[][..], &["build", "--no-such-flag"][..], &["serve"][..]] {
        let (code, _, stderr) = run_cli_in(tmp.path(), args);
        assert_eq!(code, 2, "{args:?}: {stderr}");
        assert!(!stderr.is_empty(), "{args:?}: nothing on stderr");
    }
    assert!(std::fs::read_dir(tmp.path()).unwrap().next().is_none(), "a usage error wrote files");
}

#[test]
fn build_of_a_folder_that_is_not_a_course_exits_two() {
    let tmp = tempfile::tempdir().unwrap();
    let (code, _, stderr) = run_cli_in(tmp.path(), &["build", "no-such-course"]);
    assert_eq!(code, 2, "{stderr}");
    assert!(stderr.contains("course.toml"), "{stderr}");
    let (code, _, stderr) = run_cli_in(tmp.path(), &["check", "no-such-course"]);
    assert_eq!(code, 2, "{stderr}");
}

#[test]
fn base_path_makes_only_404_absolute() {
    let c = TestCourse::new();
    c.file("content/lessons/01-课.md", simple_lesson(1, "课", &[])).file("content/about.md", "# 关于\n");
    let (code, _, stderr) = c.run_cli(&["build", "--base-path", "/sub/"]);
    assert_eq!(code, 0, "{stderr}");
    let doc = c.html("404.html");
    let mut urls = attrs(&doc, "[href]", "href");
    urls.extend(attrs(&doc, "[src]", "src"));
    let all: Vec<&String> = urls.iter().filter(|u| !u.starts_with('#') && !is_external(u)).collect();
    // The theme's own files (and the UI strings its scripts read) are linked
    // relatively too, for 404.html opened from file://: each beside its /sub/
    // twin, nothing else.
    let (relative, internal): (Vec<&String>, Vec<&String>) = all.into_iter().partition(|u| !u.starts_with('/'));
    assert!(!internal.is_empty() && !relative.is_empty());
    for url in &relative {
        let theme_file = url.starts_with("theme/") || *url == "strings.js";
        assert!(theme_file, "404.html link {url} is neither under /sub/ nor a theme file");
        assert!(internal.iter().any(|u| **u == format!("/sub/{url}")), "{url} has no /sub/ twin");
    }
    for url in &internal {
        assert!(url.starts_with("/sub/"), "404.html link {url} does not start with /sub/");
    }
    assert!(internal.iter().any(|u| *u == "/sub/theme/style.css"), "{internal:?}");
    assert!(internal.iter().any(|u| *u == "/sub/index.html"), "{internal:?}");
    // Every other page stays relative and resolves from file://.
    assert_links_ok(&c.site(), &["404.html"]);
    // The 404 page's links resolve once /sub/ is mapped to the site folder.
    for url in &internal {
        let rel = percent_decode(url.trim_start_matches("/sub/").split('#').next().unwrap_or(""));
        assert!(c.site().join(&rel).is_file(), "404.html: {url} has no file");
    }
    // Variants normalise to the same path.
    for variant in ["sub", "/sub", "sub/"] {
        let (code, _, stderr) = c.run_cli(&["build", "--base-path", variant]);
        assert_eq!(code, 0, "{variant}: {stderr}");
        let sheets = attrs(&c.html("404.html"), "link[rel=stylesheet]", "href");
        assert!(sheets.iter().all(|h| h.starts_with("/sub/theme/") || h.starts_with("theme/")), "{sheets:?}");
        assert!(sheets.iter().any(|h| h == "/sub/theme/style.css"), "{variant}: {sheets:?}");
    }
}

#[test]
fn base_path_from_course_toml_is_used_and_flag_overrides_it() {
    let c = TestCourse::bare();
    c.file("course.toml", "title = \"T\"\nbase_path = \"/course/\"\n").file("content/a.md", "# 甲\n");
    let (code, _, stderr) = c.run_cli(&["build"]);
    assert_eq!(code, 0, "{stderr}");
    assert!(attrs(&c.html("404.html"), "a[href]", "href").iter().any(|h| h == "/course/index.html"));
    let (code, _, stderr) = c.run_cli(&["build", "--base-path", "/other/"]);
    assert_eq!(code, 0, "{stderr}");
    assert!(attrs(&c.html("404.html"), "a[href]", "href").iter().any(|h| h == "/other/index.html"));
    assert!(!c.read("404.html").contains("/course/"));
}

#[test]
fn invalid_base_path_is_a_usage_error() {
    let c = TestCourse::new();
    c.file("content/a.md", "# 甲\n");
    let (code, _, stderr) = c.run_cli(&["build"]);
    assert_eq!(code, 0, "{stderr}");
    let before = tree(&c.site());
    for bad in ["http://x", "https://example.org/sub/", "/../x", "/a b/"] {
        let (code, _, stderr) = c.run_cli(&["build", "--base-path", bad]);
        assert_eq!(code, 2, "--base-path {bad}: {stderr}");
        assert!(stderr.contains("base-path") || stderr.contains("base_path"), "{stderr}");
    }
    assert_eq!(tree(&c.site()), before, "a refused build changed site/");
    assert!(leftovers(c.root()).is_empty());
}

#[test]
fn new_refuses_a_non_empty_folder() {
    let tmp = tempfile::tempdir().unwrap();
    std::fs::create_dir(tmp.path().join("used")).unwrap();
    std::fs::write(tmp.path().join("used/notes.txt"), "mine").unwrap();
    let (code, _, stderr) = run_cli_in(tmp.path(), &["new", "used"]);
    assert_eq!(code, 2, "{stderr}");
    assert!(stderr.contains("used"), "{stderr}");
    let names: Vec<_> = std::fs::read_dir(tmp.path().join("used")).unwrap().map(|e| e.unwrap().file_name()).collect();
    assert_eq!(names, vec![std::ffi::OsString::from("notes.txt")]);
    // An existing empty folder is fine.
    std::fs::create_dir(tmp.path().join("empty")).unwrap();
    let (code, _, stderr) = run_cli_in(tmp.path(), &["new", "empty"]);
    assert_eq!(code, 0, "{stderr}");
    assert!(tmp.path().join("empty/course.toml").is_file());
}

#[test]
fn build_defaults_to_the_current_folder() {
    let c = TestCourse::new();
    c.file("content/a.md", "# 甲\n");
    let (code, _, stderr) = c.run_cli(&["build"]);
    assert_eq!(code, 0, "{stderr}");
    assert!(c.exists("a.html") && c.exists("index.html"));
    // And `build DIR --out PATH` from elsewhere.
    let elsewhere = tempfile::tempdir().unwrap();
    let out = elsewhere.path().join("public");
    let (code, _, stderr) =
        run_cli_in(elsewhere.path(), &["build", c.root().to_str().unwrap(), "--out", out.to_str().unwrap()]);
    assert_eq!(code, 0, "{stderr}");
    assert!(out.join("a.html").is_file());
    assert_eq!(tree(&out), tree(&c.site()), "the same course built elsewhere differs");
}

#[test]
fn protocol_relative_base_path_is_refused() {
    // `//host/x` is a URL on another host, not a path: it must not be read as /host/x/.
    let c = TestCourse::new();
    c.file("content/a.md", "# 甲\n");
    let (code, _, stderr) = c.run_cli(&["build", "--base-path", "//host/x"]);
    assert_eq!(code, 2, "--base-path //host/x was accepted: {stderr}");
    assert!(!c.site().exists());
}
