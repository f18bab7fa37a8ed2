//! The Chinese text lint through the CLI: `check` and `build` warn at
//! file:line:col, exit 0, and the warnings can be silenced per page or in course.toml.

mod common;

use common::TestCourse;

/// A page modelled on seed 001 (a download converted badly to traditional, with
/// pinyin noise and the site's boilerplate), under a line the teacher wrote.
const PASTED: &str = "+++\ntitle = \"现代客户服务理念\"\n+++\n\n本讲介绍客户服务的基本理念。\n\n第1講 現(xiàn)代客戶服務(wù)理念\n\n已閱讀5頁,還剩60頁未讀, 繼續免費閱讀\n\n客户是企业的老板,企业必须重视客户服务。\n";

fn warnings(stderr: &str) -> Vec<String> {
    stderr.lines().filter(|l| l.contains(": warning: ")).map(str::to_string).collect()
}

#[test]
fn check_and_build_warn_at_file_line_col() {
    let c = TestCourse::new();
    c.file("content/lessons/pasted.md", PASTED.replace("title", "kind = \"page\"\ntitle"));
    let (code, _, stderr) = c.run_cli(&["check"]);
    assert_eq!(code, 0, "lint findings are warnings: {stderr}");
    let w = warnings(&stderr);
    let at = |prefix: &str| w.iter().any(|l| l.starts_with(prefix));
    assert!(at("content/lessons/pasted.md:8:3: warning: traditional characters in a simplified page: 講→讲"), "{w:#?}");
    assert!(at("content/lessons/pasted.md:8:6: warning: pinyin in parentheses after '現': (xiàn)"), "{w:#?}");
    assert!(at("content/lessons/pasted.md:8:17: warning: pinyin in parentheses after '務': (wù)"), "{w:#?}");
    assert!(at("content/lessons/pasted.md:10:1: warning: download-site boilerplate (继续免费阅读)"), "{w:#?}");
    assert!(at("content/lessons/pasted.md:12:9: warning: half-width ',' inside Chinese text"), "{w:#?}");
    let (code, _, built) = c.run_cli(&["build"]);
    assert_eq!(code, 0);
    assert_eq!(warnings(&built), w, "build reports what check reports");
}

#[test]
fn lint_false_in_front_matter_silences_a_page() {
    let c = TestCourse::new();
    c.file("content/a.md", PASTED.replace("+++\n\n", "lint = false\n+++\n\n"));
    let (code, _, stderr) = c.run_cli(&["check"]);
    assert_eq!(code, 0);
    assert_eq!(warnings(&stderr), Vec::<String>::new());
}

#[test]
fn course_toml_turns_checks_or_page_kinds_off() {
    let c = TestCourse::new();
    c.file("content/cases/a.md", PASTED).file("content/b.md", PASTED);
    c.file(
        "course.toml",
        "title = \"课\"\n[lint]\nskip_kinds = [\"case\"]\npunctuation = false\nboilerplate = false\n",
    );
    let (_, _, stderr) = c.run_cli(&["check"]);
    let w = warnings(&stderr);
    assert!(w.iter().all(|l| l.starts_with("content/b.md")), "cases are skipped: {w:#?}");
    assert!(w.iter().any(|l| l.contains("pinyin")) && w.iter().any(|l| l.contains("traditional")), "{w:#?}");
    assert!(!w.iter().any(|l| l.contains("half-width") || l.contains("boilerplate")), "{w:#?}");
    c.file("course.toml", "title = \"课\"\n[lint]\nskip_kinds = [\"cases\"]\n");
    let (code, _, stderr) = c.run_cli(&["check"]);
    assert_eq!(code, 0);
    assert!(stderr.contains("warning: [lint] skip_kinds: unknown page kind 'cases'"), "{stderr}");
    assert!(stderr.contains("did you mean 'case'?"), "{stderr}");
    c.file("course.toml", "title = \"课\"\n[lint]\npinyn = false\n");
    let (code, _, stderr) = c.run_cli(&["check"]);
    assert_eq!(code, 1, "unknown [lint] keys are errors like every course.toml key: {stderr}");
    assert!(stderr.contains("did you mean 'pinyin'"), "{stderr}");
}

#[test]
fn the_sample_course_is_clean() {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
    let (code, _, stderr) = common::run_cli_in(root, &["check"]);
    assert_eq!(code, 0, "{stderr}");
    assert_eq!(warnings(&stderr), Vec::<String>::new());
}
