//! Messages in the course's language (issue 20, point 14): with the default
//! `language = "zh-CN"` every diagnostic, hint and summary line is Chinese;
//! `language = "en"` or `--lang en` makes them English. And the code can only
//! say things through the message table: no diagnostic from a bare sentence,
//! every `msg!` key in the table with exactly the placeholders it fills.

mod common;

use common::*;
use coursesite::messages::{keys, placeholders_of};
use std::path::{Path, PathBuf};

/// A page with an unknown front-matter key (`titel`) one edit from `title`.
const BAD_PAGE: &str = "+++\ntitle = \"甲\"\ntitel = 1\n+++\n\n正文。\n";
const GOOD_PAGE: &str = "+++\ntitle = \"甲\"\n+++\n\n正文。\n";

fn course(toml: &str, page: &str) -> TestCourse {
    let c = TestCourse::new();
    c.file("course.toml", toml).file("content/a.md", page);
    c
}

#[test]
fn a_default_course_speaks_chinese_in_errors_hints_and_the_summary() {
    let c = course(COURSE_TOML, BAD_PAGE);
    let (code, _, stderr) = run_cli_as_is(c.root(), &["build"]);
    assert_eq!(code, 1, "{stderr}");
    // The location prefix is as in English; the rest is Chinese, with full-width punctuation.
    assert!(
        stderr.contains("content/a.md:3:1: 错误：front matter 中有未知的键 'titel'；是不是想写 'title'？\n"),
        "{stderr}"
    );
    assert!(stderr.contains("  = 帮助：这里可以用的键：title、kind、summary"), "{stderr}");
    assert!(stderr.contains("coursesite：失败，1 个错误、0 个警告，用时 "), "{stderr}");
    assert!(stderr.contains("；上一次的输出保持不变"), "{stderr}");
    assert!(!stderr.contains("error") && !stderr.contains("help:"), "English left: {stderr}");

    c.file("content/a.md", GOOD_PAGE);
    let (code, _, stderr) = run_cli_as_is(c.root(), &["build", "--no-cache"]);
    assert_eq!(code, 0, "{stderr}");
    let summary = stderr.lines().last().unwrap_or_default();
    assert!(summary.starts_with("coursesite：已生成 1 页（页面 1）+ 1 个索引页 + 0 个资源，输出到 "), "{summary}");
    assert!(summary.ends_with(" ms；0 个警告"), "{summary}");
}

#[test]
fn a_warning_is_chinese_too_and_check_says_checked() {
    let c = course(COURSE_TOML, "+++\ntitle = \"甲\"\n+++\n\n正文,还有。\n");
    let (code, _, stderr) = run_cli_as_is(c.root(), &["check"]);
    assert_eq!(code, 0, "{stderr}");
    assert!(stderr.contains("content/a.md:5:3: 警告：中文里用了半角的 ','\n"), "{stderr}");
    assert!(stderr.contains("= 帮助：中文句子要用全角标点：',' → '，'（不想看到这条提示："), "{stderr}");
    assert!(stderr.contains("coursesite：已检查 1 页（页面 1）"), "{stderr}");
    assert!(stderr.contains("；1 个警告"), "{stderr}");
}

#[test]
fn warnings_kept_by_the_build_cache_are_shown_in_the_language_of_this_run() {
    let c = course(COURSE_TOML, "+++\ntitle = \"甲\"\n+++\n\n正文,还有。\n");
    let (_, _, stderr) = run_cli_as_is(c.root(), &["build"]);
    assert!(stderr.contains("警告：中文里用了半角的 ','"), "{stderr}");
    // The second build reuses the first's lint findings (stored as data, not text).
    let (_, _, stderr) = run_cli_as_is(c.root(), &["build", "--lang", "en"]);
    assert!(stderr.contains("from the build cache"), "not a cached build: {stderr}");
    assert!(stderr.contains("content/a.md:5:3: warning: half-width ',' inside Chinese text"), "{stderr}");
    let (_, _, stderr) = run_cli_as_is(c.root(), &["build"]);
    assert!(stderr.contains("（使用构建缓存：重新生成 0 页，写入 0 个文件）"), "{stderr}");
    assert!(stderr.contains("警告：中文里用了半角的 ','"), "{stderr}");
}

#[test]
fn english_with_language_en_or_the_lang_flag() {
    let english = "content/a.md:3:1: error: unknown key 'titel' in front matter; did you mean 'title'?\n";
    // course.toml says en.
    let c = course("title = \"测试课程\"\nlanguage = \"en\"\n", BAD_PAGE);
    let (_, _, stderr) = run_cli_as_is(c.root(), &["build"]);
    assert!(stderr.contains(english), "{stderr}");
    assert!(stderr.contains("  = help: valid keys here: title, kind, summary"), "{stderr}");
    assert!(stderr.contains("coursesite: failed with 1 error, 0 warnings in "), "{stderr}");
    // --lang en on a zh-CN course; before or after the command.
    let c = course(COURSE_TOML, BAD_PAGE);
    for args in [&["--lang", "en", "build"][..], &["build", "--lang", "en"]] {
        let (_, _, stderr) = run_cli_as_is(c.root(), args);
        assert!(stderr.contains(english), "{args:?}: {stderr}");
    }
    // The flag wins over course.toml.
    let c = course("title = \"测试课程\"\nlanguage = \"en\"\n", BAD_PAGE);
    let (_, _, stderr) = run_cli_as_is(c.root(), &["check", "--lang", "zh-CN"]);
    assert!(stderr.contains("错误：front matter 中有未知的键 'titel'"), "{stderr}");
    // A language clap does not know is clap's usage error (exit 2).
    let (code, _, stderr) = run_cli_as_is(c.root(), &["build", "--lang", "fr"]);
    assert_eq!(code, 2, "{stderr}");
}

#[test]
fn a_broken_course_toml_still_speaks_its_language() {
    // course.toml fails (an unknown key) but says en: its error is English.
    let c = course("title = \"测试课程\"\nlanguage = \"en\"\nthem = \"x\"\n", GOOD_PAGE);
    let (code, _, stderr) = run_cli_as_is(c.root(), &["build"]);
    assert_eq!(code, 1, "{stderr}");
    assert!(
        stderr.contains("course.toml:3:1: error: unknown key 'them' in course.toml; did you mean 'theme'?"),
        "{stderr}"
    );
    // Not TOML at all: zh-CN, the default, and the TOML parser's own words kept as the detail.
    let c = course("title = \"测试课程\nlanguage = \"zh-CN\"\n", GOOD_PAGE);
    let (code, _, stderr) = run_cli_as_is(c.root(), &["build"]);
    assert_eq!(code, 1, "{stderr}");
    assert!(stderr.contains(": 错误：course.toml 不是有效的 TOML："), "{stderr}");
    // No course.toml: the default language.
    let c = TestCourse::bare();
    let (code, _, stderr) = run_cli_as_is(c.root(), &["build"]);
    assert_eq!(code, 2, "{stderr}");
    assert!(stderr.contains("错误：无法读取 course.toml："), "{stderr}");
    assert!(stderr.contains("= 帮助：请在课程文件夹"), "{stderr}");
}

#[test]
fn usage_errors_and_other_commands_follow_the_language() {
    let c = course(COURSE_TOML, GOOD_PAGE);
    let (code, _, stderr) = run_cli_as_is(c.root(), &["build", "--base-path", "http://x/"]);
    assert_eq!(code, 2, "{stderr}");
    assert!(stderr.contains("错误：--base-path 'http://x/' 无效：这里要写路径，不是完整的网址"), "{stderr}");
    let (code, _, stderr) = run_cli_as_is(c.root(), &["export", "--docx", "没有这课"]);
    assert_eq!(code, 2, "{stderr}");
    assert!(stderr.contains("错误：没有教案 '没有这课'"), "{stderr}");
    assert!(stderr.contains("coursesite：什么都没有写入"), "{stderr}");
}

#[test]
fn import_speaks_the_course_language() {
    let c = course(COURSE_TOML, GOOD_PAGE);
    c.file("教案.docx", "hello");
    let (code, _, stderr) = run_cli_as_is(c.root(), &["import", "教案.docx"]);
    assert_eq!(code, 1, "{stderr}");
    assert!(
        stderr.contains("教案.docx: 错误：无法导入：不是 Word 或 PowerPoint 文件（.docx/.pptx）：它不是 zip 包"),
        "{stderr}"
    );
    assert!(stderr.contains("= 帮助：import 读取 Word .docx 和 PowerPoint .pptx 文件"), "{stderr}");
    assert!(stderr.contains("coursesite：什么都没有写入"), "{stderr}");
    let (_, _, stderr) = run_cli_as_is(c.root(), &["import", "教案.docx", "--lang", "en"]);
    assert!(
        stderr.contains("教案.docx: error: not a Word or PowerPoint file (.docx/.pptx): it is not a zip package"),
        "{stderr}"
    );
}

// ------------------------------------------------- the code says it through the table

fn rust_files(dir: &Path) -> Vec<PathBuf> {
    walkdir::WalkDir::new(dir)
        .into_iter()
        .filter_map(Result::ok)
        .map(walkdir::DirEntry::into_path)
        .filter(|p| p.extension().is_some_and(|e| e == "rs"))
        .collect()
}

fn src() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("src")
}

/// A source file's code: no comment lines, no `#[cfg(test)] mod tests` (whose
/// messages may be made up on purpose).
fn code_of(path: &Path) -> String {
    let text = std::fs::read_to_string(path).unwrap();
    let text = text.split("#[cfg(test)]\nmod tests").next().unwrap_or_default();
    text.lines().filter(|l| !l.trim_start().starts_with("//")).collect::<Vec<_>>().join("\n")
}

#[test]
fn no_diagnostic_or_hint_is_made_from_a_sentence() {
    // The compiler already refuses it (they take a `Msg`); this says so in words
    // and catches a `Msg` built around a sentence instead of a key.
    let mut found = Vec::new();
    for path in rust_files(&src()) {
        let text = std::fs::read_to_string(&path).unwrap();
        for (i, line) in text.lines().enumerate() {
            let bad = [
                "Diagnostic::error(\"",
                "Diagnostic::warning(\"",
                "Diagnostic::error(format!",
                "Diagnostic::warning(format!",
                ".hint(\"",
                ".hint(format!",
                "Msg::new(format!",
            ];
            if bad.iter().any(|b| line.contains(b)) {
                found.push(format!("{}:{}: {}", path.display(), i + 1, line.trim()));
            }
        }
    }
    assert!(found.is_empty(), "sentences instead of message keys:\n{}", found.join("\n"));
}

/// Each `msg!(…)` of `text`: its key and the names of its arguments.
fn msg_calls(text: &str) -> Vec<(String, Vec<String>)> {
    let mut calls = Vec::new();
    let mut rest = text;
    while let Some(at) = rest.find("msg!(\"") {
        rest = &rest[at + "msg!(".len()..];
        let body = balanced(rest);
        let mut items = split_top_level(body).into_iter();
        let key = items.next().unwrap_or_default().trim().trim_matches('"').to_string();
        let names = items
            .map(|item| item.split('=').next().unwrap_or_default().trim().to_string())
            .filter(|name| !name.is_empty())
            .collect();
        calls.push((key, names));
    }
    calls
}

/// The text up to the `)` that closes the one before it (strings and char literals skipped).
fn balanced(text: &str) -> &str {
    let bytes = text.as_bytes();
    let (mut depth, mut i) = (0i32, 0);
    while i < bytes.len() {
        match bytes[i] {
            b'"' => {
                i += 1;
                while i < bytes.len() && bytes[i] != b'"' {
                    i += if bytes[i] == b'\\' { 2 } else { 1 };
                }
            }
            b'\'' => {
                // A char literal ('x', '\n', '）'); a lifetime has no closing quote nearby.
                if let Some(end) = text[i + 1..].char_indices().take(4).find(|(_, c)| *c == '\'').map(|(j, _)| j) {
                    i += end + 1;
                }
            }
            b'(' | b'[' | b'{' => depth += 1,
            b')' | b']' | b'}' if depth == 0 => return &text[..i],
            b')' | b']' | b'}' => depth -= 1,
            _ => {}
        }
        i += 1;
    }
    text
}

fn split_top_level(text: &str) -> Vec<&str> {
    let (mut parts, mut depth, mut start, mut in_string) = (Vec::new(), 0i32, 0, false);
    let mut prev = ' ';
    for (i, c) in text.char_indices() {
        match c {
            '"' if prev != '\\' => in_string = !in_string,
            '(' | '[' | '{' if !in_string => depth += 1,
            ')' | ']' | '}' if !in_string => depth -= 1,
            ',' if !in_string && depth == 0 => {
                parts.push(&text[start..i]);
                start = i + 1;
            }
            _ => {}
        }
        prev = c;
    }
    parts.push(&text[start..]);
    parts
}

#[test]
fn every_msg_names_a_key_of_the_table_and_fills_exactly_its_placeholders() {
    let mut wrong = Vec::new();
    let mut calls = 0;
    for path in rust_files(&src()) {
        for (key, mut names) in msg_calls(&code_of(&path)) {
            calls += 1;
            let Some(mut wanted) = placeholders_of(&key) else {
                wrong.push(format!("{}: msg!(\"{key}\") is not in the table", path.display()));
                continue;
            };
            names.sort();
            wanted.sort();
            if names != wanted {
                wrong.push(format!("{}: msg!(\"{key}\") fills {names:?}, the table has {wanted:?}", path.display()));
            }
        }
    }
    assert!(calls > 200, "only {calls} msg! calls found: the scanner is broken");
    assert!(wrong.is_empty(), "{}", wrong.join("\n"));
}

#[test]
fn every_key_of_the_table_is_used() {
    let code: String = rust_files(&src())
        .iter()
        .map(|p| {
            let text = std::fs::read_to_string(p).unwrap();
            // The table itself does not count as a use.
            match text.find("const MESSAGES") {
                Some(at) => text[..at].to_string(),
                None => text,
            }
        })
        .collect();
    let unused: Vec<&str> = keys().filter(|k| !code.contains(&format!("\"{k}\""))).collect();
    assert!(unused.is_empty(), "keys no code uses: {unused:?}");
}
