//! One test per error kind: run the real binary on a course whose `site/` was
//! built before, break one thing, and assert the exact `file:line:col` on stderr,
//! the exit code, that `site/` is byte-for-byte untouched and that no staging or
//! backup folder is left behind.

mod common;

use common::*;

/// A course that builds, built once through the CLI so `site/` exists.
fn built_course() -> TestCourse {
    let c = TestCourse::new();
    c.file("content/index.md", "# 首页\n\n欢迎。\n").file("content/ok.md", "# 正常页\n\n正文。\n");
    let (code, _, stderr) = c.run_cli(&["build"]);
    assert_eq!(code, 0, "the fixture should build: {stderr}");
    assert!(c.exists("ok.html"));
    c
}

/// Run the CLI expecting `code`; the previous `site/` must be untouched and no
/// staging/backup folder left. Returns stderr.
fn fails(c: &TestCourse, args: &[&str], code: i32) -> String {
    let before = tree(&c.site());
    let (got, _, stderr) = c.run_cli(args);
    assert_eq!(got, code, "exit code; stderr:\n{stderr}");
    assert_eq!(tree(&c.site()), before, "site/ was changed by a failed run; stderr:\n{stderr}");
    assert!(leftovers(c.root()).is_empty(), "left behind: {:?}", leftovers(c.root()));
    stderr
}

/// `build` exits 1 (content errors) with site/ untouched.
fn build_fails(c: &TestCourse) -> String {
    fails(c, &["build"], 1)
}

/// The diagnostic block (first line and its source/caret/help lines) starting with `prefix`.
fn block<'a>(stderr: &'a str, prefix: &str) -> Option<Vec<&'a str>> {
    let lines: Vec<&str> = stderr.lines().collect();
    let start = lines.iter().position(|l| l.starts_with(prefix))?;
    let mut out = vec![lines[start]];
    for l in &lines[start + 1..] {
        if l.starts_with(' ') || l.chars().next().is_some_and(|c| c.is_ascii_digit()) {
            out.push(l);
        } else {
            break;
        }
    }
    Some(out)
}

/// Assert stderr has `LOC: error: …MESSAGE…` and return its block.
fn assert_error<'a>(stderr: &'a str, loc: &str, message: &str) -> Vec<&'a str> {
    assert_diag(stderr, loc, "error", message)
}

fn assert_diag<'a>(stderr: &'a str, loc: &str, severity: &str, message: &str) -> Vec<&'a str> {
    let prefix = format!("{loc}: {severity}: ");
    let found =
        block(stderr, &prefix).unwrap_or_else(|| panic!("no line starting with '{prefix}' in stderr:\n{stderr}"));
    assert!(found[0].contains(message), "'{message}' not in '{}'\nstderr:\n{stderr}", found[0]);
    found
}

fn help_of(block: &[&str]) -> String {
    block.iter().find(|l| l.trim_start().starts_with("= help:")).map(|l| l.to_string()).unwrap_or_default()
}

/// The source line shown under a diagnostic, without its `N | ` gutter.
fn shown_source<'a>(block: &[&'a str], line: usize) -> Option<&'a str> {
    let gutter = format!("{line} | ");
    block.iter().find_map(|l| l.strip_prefix(&gutter))
}

/// `line:col` where `needle` starts in `text` (1-based, column in characters).
fn locate(text: &str, needle: &str) -> (usize, usize) {
    let offset = text.find(needle).unwrap_or_else(|| panic!("{needle} not in fixture"));
    let before = &text[..offset];
    let line = before.matches('\n').count() + 1;
    let col = before[before.rfind('\n').map_or(0, |i| i + 1)..].chars().count() + 1;
    (line, col)
}

// ------------------------------------------------------------------ front matter

#[test]
fn unknown_front_matter_key_suggests_the_right_one() {
    let c = built_course();
    c.file("content/a.md", "+++\ntitle = \"甲\"\nhourss = 4\n+++\n正文\n");
    let stderr = build_fails(&c);
    let b = assert_error(&stderr, "content/a.md:3:1", "unknown key 'hourss'");
    assert!(stderr.contains("did you mean 'hours'?"), "{stderr}");
    assert_eq!(shown_source(&b, 3), Some("hourss = 4"), "{b:?}");
    assert!(b.contains(&"  | ^"), "caret under column 1: {b:?}");
}

#[test]
fn a_front_matter_error_does_not_hide_the_pages_other_errors() {
    let c = built_course();
    c.file("content/lessons/01-甲.md", "+++\ntitle = \"甲\"\nhourss = 4\n+++\n\n见 [不存在的页](nowhere.md)。\n");
    let stderr = build_fails(&c);
    assert_error(&stderr, "content/lessons/01-甲.md:3:1", "unknown key 'hourss'");
    assert_error(&stderr, "content/lessons/01-甲.md:6:3", "nowhere.md");
    // Nothing reported because the front matter was lost: it is read as a page, not a 教案.
    assert!(!stderr.contains("missing required field"), "{stderr}");
}

#[test]
fn unknown_key_inside_an_inline_table_points_at_its_column() {
    let c = built_course();
    c.file("content/b.md", "+++\nobjectives = { knowledge = [\"k\"], abilty = [\"a\"] }\n+++\n正文\n");
    let stderr = build_fails(&c);
    assert_error(&stderr, "content/b.md:2:35", "unknown key 'abilty'");
    assert!(stderr.contains("did you mean 'ability'?"), "{stderr}");
}

#[test]
fn wrong_type_names_the_key_at_its_value() {
    let c = built_course();
    c.file("content/a.md", "+++\ntitle = \"甲\"\nhours = \"four\"\n+++\n正文\n");
    let stderr = build_fails(&c);
    assert_error(&stderr, "content/a.md:3:9", "wrong type for 'hours'");
}

#[test]
fn yaml_wrong_type_points_at_its_key_line() {
    let c = built_course();
    c.file("content/e.md", "---\ntitle: 甲\nweight: abc\n---\n正文\n");
    let stderr = build_fails(&c);
    // The bad value is on line 3 (`weight: abc`); column 1 (the key) or 9 (the value).
    let at_key = block(&stderr, "content/e.md:3:1: error: ");
    let at_value = block(&stderr, "content/e.md:3:9: error: ");
    assert!(at_key.is_some() || at_value.is_some(), "expected content/e.md:3:1 or :3:9; stderr:\n{stderr}");
}

#[test]
fn unclosed_toml_front_matter_points_at_the_opening_line() {
    let c = built_course();
    c.file("content/a.md", "+++\ntitle = \"甲\"\n\n正文\n");
    let stderr = build_fails(&c);
    let b = assert_error(&stderr, "content/a.md:1:1", "never closed");
    assert!(help_of(&b).contains("+++"), "{b:?}");
}

#[test]
fn unclosed_yaml_front_matter_points_at_the_opening_line() {
    let c = built_course();
    c.file("content/a.md", "---\ntitle: 甲\n\n正文\n");
    let stderr = build_fails(&c);
    let b = assert_error(&stderr, "content/a.md:1:1", "never closed");
    assert!(help_of(&b).contains("---"), "{b:?}");
}

#[test]
fn malformed_yaml_is_located_in_file_coordinates() {
    let c = built_course();
    c.file("content/d.md", "---\ntitle: a: b\n---\n正文\n");
    let stderr = build_fails(&c);
    let b = assert_error(&stderr, "content/d.md:2:9", "invalid YAML");
    assert_eq!(shown_source(&b, 2), Some("title: a: b"));
}

#[test]
fn unknown_yaml_key_is_only_a_warning() {
    let c = built_course();
    c.file("content/y.md", "---\ntitle: 乙\nlayout: post\ntitel: 错\n---\n正文\n");
    let (code, _, stderr) = c.run_cli(&["build"]);
    assert_eq!(code, 0, "{stderr}");
    // `layout` is Jekyll's: ignored without a warning (one note per build names it, issue 17).
    assert!(!stderr.contains("content/y.md:3:1"), "{stderr}");
    assert!(stderr.contains("note: ignored front-matter keys other tools read: layout (1 page)"), "{stderr}");
    let b = assert_diag(&stderr, "content/y.md:4:1", "warning", "titel");
    assert!(help_of(&b).contains("did you mean 'title'?"), "{b:?}");
    assert_eq!(texts(&c.html("y.html"), "main h1"), vec!["乙"]);
}

// ------------------------------------------------------------------ course.toml

#[test]
fn unknown_key_in_course_toml_suggests_the_right_one() {
    let c = built_course();
    c.file("course.toml", "title = \"课程\"\nlanguge = \"en\"\n");
    let stderr = build_fails(&c);
    assert_error(&stderr, "course.toml:2:1", "unknown key 'languge' in course.toml; did you mean 'language'?");
}

#[test]
fn missing_course_toml_is_a_usage_error() {
    let c = built_course();
    c.remove("course.toml");
    let stderr = fails(&c, &["build"], 2);
    let b = assert_error(&stderr, "course.toml", "course.toml");
    assert!(help_of(&b).contains("coursesite new"), "{b:?}");
    let stderr = fails(&c, &["check"], 2);
    assert_error(&stderr, "course.toml", "course.toml");
}

#[test]
fn missing_content_folder_is_reported() {
    let c = TestCourse::new();
    let (code, _, stderr) = c.run_cli(&["build"]);
    assert_eq!(code, 1, "{stderr}");
    assert_error(&stderr, "content", "content/");
    assert!(!c.site().exists());
}

// ------------------------------------------------------------------ encodings and sizes

#[test]
fn invalid_utf8_names_the_first_bad_byte() {
    let c = built_course();
    c.file("content/bad.md", b"# \xff");
    let stderr = build_fails(&c);
    let b = assert_error(&stderr, "content/bad.md:1:3", "UTF-8");
    assert!(help_of(&b).contains("UTF-8"), "{b:?}");
}

#[test]
fn gbk_file_is_located_on_its_line() {
    let c = built_course();
    // "# ok", then "ab" and 第二 in GBK.
    c.file("content/gbk.md", b"# ok\nab\xb5\xda\xb6\xfe\n");
    let stderr = build_fails(&c);
    let b = assert_error(&stderr, "content/gbk.md:2:3", "byte 7");
    assert!(help_of(&b).contains("UTF-8"), "{b:?}");
    // The hint offers the command that converts it; run as offered, the build passes.
    assert!(help_of(&b).contains("coursesite fix-encoding content/gbk.md"), "{b:?}");
    let (code, stdout, stderr) = c.run_cli(&["fix-encoding", "content/gbk.md"]);
    assert_eq!(code, 0, "{stderr}");
    assert!(stdout.contains("converted content/gbk.md"), "{stdout}");
    assert_eq!(read_to_string(&c.path("content/gbk.md")), "# ok\nab第二\n");
    assert_eq!(std::fs::read(c.path("content/gbk.md.bak")).unwrap(), b"# ok\nab\xb5\xda\xb6\xfe\n");
    let (code, _, stderr) = c.run_cli(&["build"]);
    assert_eq!(code, 0, "{stderr}");
    // The backup is not published with the site.
    assert!(!c.exists("gbk.md.bak"));
}

#[test]
fn page_over_six_megabytes_is_refused() {
    let c = built_course();
    let mut big = b"# big\n\n".to_vec();
    big.resize(6_100_000, b'a');
    c.file("content/big.md", big);
    let stderr = build_fails(&c);
    assert_error(&stderr, "content/big.md", "MB");
}

#[test]
fn empty_file_is_a_warning_and_builds() {
    let c = built_course();
    c.file("content/empty.md", "").file("content/blank.md", "\n  \n");
    let (code, _, stderr) = c.run_cli(&["build"]);
    assert_eq!(code, 0, "{stderr}");
    assert_diag(&stderr, "content/empty.md", "warning", "empty");
    assert_diag(&stderr, "content/blank.md", "warning", "empty");
    assert!(c.exists("empty.html") && c.exists("ok.html"));
}

#[test]
fn bom_and_crlf_are_accepted_and_lines_still_count() {
    let c = built_course();
    c.file("content/win.md", b"\xEF\xBB\xBF+++\r\ntitle = \"\xE7\xAA\x97\"\r\n+++\r\n\r\n\xE6\xAD\xA3\xE6\x96\x87\r\n");
    let (code, _, stderr) = c.run_cli(&["build"]);
    assert_eq!(code, 0, "{stderr}");
    assert!(!stderr.contains("warning:"), "{stderr}");
    assert_eq!(texts(&c.html("win.html"), "main h1"), vec!["窗"]);
    // An error in a BOM + CRLF file is on the same line:col as in an LF file.
    c.file("content/win2.md", b"\xEF\xBB\xBF+++\r\ntitle = \"x\"\r\nhourss = 4\r\n+++\r\n");
    let stderr = build_fails(&c);
    let b = assert_error(&stderr, "content/win2.md:3:1", "hourss");
    assert_eq!(shown_source(&b, 3), Some("hourss = 4"), "no CR or BOM in the quoted line: {b:?}");
}

// ------------------------------------------------------------------ pages and references

#[test]
fn missing_image_is_an_error_at_the_image() {
    let c = built_course();
    c.file("content/c.md", "+++\ntitle = \"图\"\n+++\n\n客户服务 ![图](img/none.png)\n");
    let stderr = build_fails(&c);
    assert_error(&stderr, "content/c.md:5:6", "img/none.png");
}

#[test]
fn missing_link_target_is_an_error_at_the_link() {
    let c = built_course();
    c.file("content/l.md", "# 链接\n\n见[这里](不存在.md)。\n");
    let stderr = build_fails(&c);
    assert_error(&stderr, "content/l.md:3:2", "不存在.md");
}

#[test]
fn caret_is_aligned_under_cjk_text() {
    let c = built_course();
    c.file("content/c.md", "+++\ntitle = \"图\"\n+++\n\n客户服务 ![图](img/none.png)\n");
    let stderr = build_fails(&c);
    let b = assert_error(&stderr, "content/c.md:5:6", "img/none.png");
    assert_eq!(shown_source(&b, 5), Some("客户服务 ![图](img/none.png)"));
    // Four CJK characters (two columns each) and a space: the caret sits in column 10.
    let caret = format!("  | {}^", " ".repeat(9));
    assert!(b.contains(&caret.as_str()), "caret line should be {caret:?}, block: {b:?}");
}

#[test]
fn lesson_missing_required_fields_lists_them_all() {
    let c = built_course();
    c.file("content/lessons/01-x.md", "+++\ntitle = \"课\"\nhours = 2\n+++\n正文\n");
    let stderr = build_fails(&c);
    let b = assert_error(&stderr, "content/lessons/01-x.md:1:1", "missing required field");
    for field in ["number", "knowledge", "ability", "content", "methods", "steps"] {
        assert!(b[0].contains(field), "{field} not named: {}", b[0]);
    }
    assert!(!b[0].contains("hours"), "hours is present: {}", b[0]);
}

#[test]
fn unknown_case_id_is_located_at_the_name() {
    let c = built_course();
    let text = simple_lesson(1, "课", &["cases/不存在"]);
    let (line, col) = locate(&text, "cases/不存在\"");
    c.file("content/lessons/01-x.md", &text).file("content/cases/东方饭店.md", "# 东方饭店\n");
    let stderr = build_fails(&c);
    assert_error(&stderr, &format!("content/lessons/01-x.md:{line}:{col}"), "cases/不存在");
}

#[test]
fn unknown_kind_suggests_the_right_one() {
    let c = built_course();
    c.file("content/a.md", "+++\ntitle = \"甲\"\nkind = \"lessen\"\n+++\n正文\n");
    let stderr = build_fails(&c);
    let b = assert_error(&stderr, "content/a.md:3:1", "lessen");
    assert!(help_of(&b).contains("did you mean 'lesson'?"), "{b:?}");
}

#[test]
fn two_files_for_one_output_path_are_one_error_naming_both() {
    let c = built_course();
    c.file("content/p.md", "+++\nslug = \"dup\"\n+++\n甲\n").file("content/dup.md", "乙\n");
    let stderr = build_fails(&c);
    let lines: Vec<&str> = stderr.lines().filter(|l| l.contains(": error: ")).collect();
    assert_eq!(lines.len(), 1, "{stderr}");
    assert!(lines[0].contains("content/p.md") && lines[0].contains("content/dup.md"), "{}", lines[0]);
}

#[test]
fn names_differing_only_in_case_collide() {
    let c = built_course();
    c.file("content/Intro.md", "# 大写\n").file("content/intro.md", "# 小写\n");
    let stderr = build_fails(&c);
    let lines: Vec<&str> = stderr.lines().filter(|l| l.contains(": error: ")).collect();
    assert_eq!(lines.len(), 1, "{stderr}");
    assert!(lines[0].contains("content/Intro.md") && lines[0].contains("content/intro.md"), "{}", lines[0]);
}

#[test]
fn slug_with_traversal_is_refused() {
    let c = built_course();
    c.file("content/b.md", "+++\ntitle = \"乙\"\nslug = \"../../x\"\n+++\n正文\n");
    let stderr = build_fails(&c);
    assert_error(&stderr, "content/b.md:3:1", "../../x");
    assert!(!c.path("x.html").exists() && !c.path("content/x.html").exists());
}

#[cfg(unix)]
#[test]
fn symlink_pointing_outside_the_course_is_an_error() {
    let c = built_course();
    let outside = tempfile::tempdir().unwrap();
    let secret = outside.path().join("secret.md");
    std::fs::write(&secret, "# TOP-SECRET-42\n").unwrap();
    std::os::unix::fs::symlink(&secret, c.path("content/s.md")).unwrap();
    let stderr = build_fails(&c);
    assert_error(&stderr, "content/s.md", "outside");
    // And `check` says the same.
    let (code, _, check) = c.run_cli(&["check"]);
    assert_eq!(code, 1, "{check}");
    assert_error(&check, "content/s.md", "outside");
}

#[cfg(unix)]
#[test]
fn symlink_loops_are_warnings_and_the_build_finishes() {
    let c = built_course();
    std::os::unix::fs::symlink("..", c.path("content/loop")).unwrap();
    std::os::unix::fs::symlink("self", c.path("content/self")).unwrap();
    let (code, _, stderr) = c.run_cli(&["build"]);
    assert_eq!(code, 0, "{stderr}");
    assert_diag(&stderr, "content/loop", "warning", "link");
    assert_diag(&stderr, "content/self", "warning", "link");
    assert!(c.exists("ok.html"));
    assert!(!c.site().join("loop").exists());
}

// ------------------------------------------------------------------ the output folder

#[test]
fn site_existing_as_a_file_is_left_alone() {
    let c = TestCourse::new();
    c.file("content/ok.md", "# 正常页\n").file("site", "我不是文件夹\n");
    let (code, _, stderr) = c.run_cli(&["build"]);
    assert_eq!(code, 2, "{stderr}");
    assert!(stderr.contains("error:") && stderr.contains("site"), "{stderr}");
    assert_eq!(read_to_string(&c.site()), "我不是文件夹\n");
    assert!(leftovers(c.root()).is_empty(), "{:?}", leftovers(c.root()));
}

#[test]
fn out_pointing_at_a_foreign_folder_is_refused() {
    let c = TestCourse::new();
    c.file("content/ok.md", "# 正常页\n").file("mine/keep.txt", "重要\n").file("mine/sub/notes.md", "笔记\n");
    let before = tree(&c.path("mine"));
    let (code, _, stderr) = c.run_cli(&["build", "--out", "mine"]);
    assert_eq!(code, 2, "{stderr}");
    assert!(stderr.contains("mine") && stderr.contains("error:"), "{stderr}");
    assert_eq!(tree(&c.path("mine")), before, "files in the foreign folder changed");
    assert!(leftovers(c.root()).is_empty(), "{:?}", leftovers(c.root()));
}

#[test]
fn out_inside_content_or_containing_the_course_is_refused() {
    let c = built_course();
    let before = tree(&c.path("content"));
    for out in ["content/site", "."] {
        let (code, _, stderr) = c.run_cli(&["build", "--out", out]);
        assert_eq!(code, 2, "--out {out}: {stderr}");
        assert!(stderr.contains("error:"), "{stderr}");
    }
    assert_eq!(tree(&c.path("content")), before);
}

// ------------------------------------------------------------------ reporting

#[test]
fn all_errors_of_a_run_are_reported() {
    let c = built_course();
    c.file("content/a.md", "+++\nhourss = 4\n+++\n")
        .file("content/b.md", "+++\nkind = \"lessen\"\n+++\n")
        .file("content/c.md", b"\xff\xfe");
    let stderr = build_fails(&c);
    assert_error(&stderr, "content/a.md:2:1", "hourss");
    assert_error(&stderr, "content/b.md:2:1", "lessen");
    assert_error(&stderr, "content/c.md:1:1", "UTF-8");
    assert_eq!(stderr.lines().filter(|l| l.contains(": error: ")).count(), 3, "{stderr}");
    let last = stderr.lines().last().unwrap_or_default();
    assert!(last.contains("3 errors"), "summary: {last}");
}

#[test]
fn check_writes_nothing_and_reports_the_same_errors() {
    let c = TestCourse::new();
    c.file("content/ok.md", "# 正常页\n")
        .file("content/a.md", "+++\nhourss = 4\n+++\n")
        .file("content/b.md", b"# \xff");
    let (check_code, check_out, check_err) = c.run_cli(&["check"]);
    assert_eq!(check_code, 1, "{check_err}");
    assert!(check_out.is_empty());
    assert!(!c.site().exists(), "check created site/");
    assert!(leftovers(c.root()).is_empty());
    let (build_code, _, build_err) = c.run_cli(&["build"]);
    assert_eq!(build_code, check_code);
    let errors = |s: &str| s.lines().filter(|l| l.contains(": error: ")).map(str::to_owned).collect::<Vec<_>>();
    assert_eq!(errors(&check_err), errors(&build_err));
    assert_eq!(errors(&check_err).len(), 2, "{check_err}");
    assert!(!c.site().exists(), "a failed first build created site/");
    // A good course: check succeeds and still writes nothing.
    c.remove("content/a.md").remove("content/b.md");
    let (code, _, stderr) = c.run_cli(&["check"]);
    assert_eq!(code, 0, "{stderr}");
    assert!(!c.site().exists(), "check created site/");
    assert_eq!(std::fs::read_dir(c.root()).unwrap().count(), 2, "only course.toml and content/ expected");
}

#[test]
fn quiet_hides_warnings_and_summary() {
    let c = TestCourse::new();
    c.file("content/ok.md", "# 正常页\n").file("content/empty.md", "");
    let (code, _, loud) = c.run_cli(&["build"]);
    assert_eq!(code, 0, "{loud}");
    assert!(loud.contains("warning:") && loud.contains("coursesite: built"), "{loud}");
    for args in [&["--quiet", "build"][..], &["build", "-q"][..]] {
        let (code, stdout, stderr) = c.run_cli(args);
        assert_eq!(code, 0, "{args:?}: {stderr}");
        assert_eq!(stderr, "", "{args:?}: quiet build should print nothing");
        assert_eq!(stdout, "");
    }
    // Errors still show; warnings do not.
    c.file("content/bad.md", "+++\nhourss = 1\n+++\n");
    let (code, _, stderr) = c.run_cli(&["--quiet", "build"]);
    assert_eq!(code, 1, "{stderr}");
    assert_error(&stderr, "content/bad.md:2:1", "hourss");
    assert!(!stderr.contains("warning:"), "{stderr}");
}

#[test]
fn no_color_means_no_escape_codes() {
    let c = TestCourse::new();
    c.file("content/ok.md", "# 正常页\n").file("content/empty.md", "").file("content/bad.md", "+++\nhourss = 1\n+++\n");
    let (code, _, stderr) = c.run_cli(&["build"]);
    assert_eq!(code, 1);
    assert!(stderr.contains("error:") && stderr.contains("warning:"), "{stderr}");
    assert!(!stderr.contains('\x1b'), "ANSI escapes with NO_COLOR=1: {stderr:?}");
}

#[test]
fn summary_line_comes_last() {
    let c = TestCourse::new();
    c.file("content/lessons/01-课.md", simple_lesson(1, "课", &["cases/案"]))
        .file("content/cases/案.md", case("案", "故事。", "问题？", "分析。"))
        .file("content/about.md", "# 关于\n")
        .file("content/empty.md", "");
    let (code, _, stderr) = c.run_cli(&["build"]);
    assert_eq!(code, 0, "{stderr}");
    let last = stderr.lines().last().unwrap_or_default();
    assert!(last.starts_with("coursesite: built"), "{last}");
    for part in ["1 lesson", "1 case", "2 pages", "1 warning", " ms"] {
        assert!(last.contains(part), "summary lacks '{part}': {last}");
    }
    let warning_line = stderr.lines().position(|l| l.contains("warning:")).expect("warning");
    assert!(warning_line < stderr.lines().count() - 1);
}

// ------------------------------------------------------------------ themes and hostile input

#[test]
fn broken_template_syntax_names_the_template_and_keeps_site() {
    let c = built_course();
    c.file(
        "themes/default/templates/page.html",
        "{% extends \"base.html\" %}{% block content %}{% if %}{% endblock content %}\n",
    );
    let stderr = build_fails(&c);
    let first = stderr.lines().find(|l| l.contains("error:")).unwrap_or_default();
    assert!(
        first.starts_with("themes/default/templates/page.html"),
        "the error should name the broken template file, got: {first}\nstderr:\n{stderr}"
    );
}

/// UI strings written `t.key` are put into the templates when they load; a
/// syntax error must still point into the template as its author wrote it.
#[test]
fn a_template_syntax_error_is_shown_as_written() {
    let c = built_course();
    c.file(
        "themes/default/templates/page.html",
        "{% extends \"base.html\" %}{% block content %}<p>{{ t.home }}</p>{% if %}{% endblock content %}\n",
    );
    let stderr = build_fails(&c);
    assert!(stderr.contains("{{ t.home }}"), "the error should quote the template as written:\n{stderr}");
    assert!(!stderr.contains("首页"), "the error quotes the template with its strings put in:\n{stderr}");
    // The caret under `{% if %}`: column 70 of line 1, as written.
    assert!(stderr.contains("--> 1:70"), "{stderr}");
}

#[test]
fn template_runtime_error_names_the_template_and_keeps_site() {
    let c = built_course();
    c.file(
        "themes/default/templates/page.html",
        "{% extends \"base.html\" %}{% block content %}{{ nosuch.var }}{% endblock content %}\n",
    );
    let stderr = build_fails(&c);
    assert_error(&stderr, "themes/default/templates/page.html", "nosuch");
}

#[test]
fn deeply_nested_markdown_does_not_crash() {
    let c = built_course();
    c.file("content/deep.md", format!("# 深\n\n{} 引用\n", ">".repeat(3000)))
        .file("content/list.md", (0..1000).map(|i| format!("{}- 项\n", "  ".repeat(i))).collect::<String>())
        .file("content/brackets.md", format!("{}x{}\n", "[".repeat(20000), "]".repeat(20000)));
    let (code, _, stderr) = c.run_cli(&["build"]);
    assert!(
        code == 0 || code == 1,
        "exit {code} (killed by a signal is -1): {}",
        stderr.lines().last().unwrap_or_default()
    );
    assert!(!stderr.contains("panicked"), "{stderr}");
    if code == 0 {
        assert!(c.exists("deep.html") && c.exists("list.html"));
    }
}

#[test]
fn unknown_nav_entry_is_located_in_course_toml() {
    let c = built_course();
    c.file("course.toml", "title = \"课程\"\nnav = [\"ok\", \"abuot\"]\n");
    let stderr = build_fails(&c);
    assert_error(&stderr, "course.toml:2:15", "abuot");
}

#[test]
fn unknown_theme_is_located_in_course_toml() {
    let c = built_course();
    c.file("course.toml", "title = \"课程\"\ntheme = \"nope\"\n");
    let stderr = build_fails(&c);
    let line = stderr.lines().find(|l| l.contains(": error: ")).unwrap_or_default();
    assert!(line.starts_with("course.toml:2:"), "expected course.toml:2:…, got: {line}");
    assert!(line.contains("nope"), "{line}");
}

#[test]
fn root_absolute_link_to_nothing_is_an_error_at_the_link() {
    // `/index.md` is the home page (links from the course root resolve, issue 17);
    // one to no page is an error where it is written.
    let c = built_course();
    c.file("content/l.md", "# 链接\n\n[首页](/index.md)\n\n[无](/nowhere.md)\n");
    let stderr = build_fails(&c);
    assert_error(&stderr, "content/l.md:5:1", "nowhere.md");
    assert!(!stderr.contains("content/l.md:3:"), "{stderr}");
}
