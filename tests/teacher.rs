//! Teacher and student editions. Every teacher-only construct of a fixture
//! carries a unique marker; the student build must not contain any marker (or
//! any hint of what was removed) in any byte of any output file; the teacher
//! build must contain every one. The same check runs on the sample course, with
//! the teacher-only text found in its sources as the markers.

mod common;

use common::*;
use coursesite::profile::Profile;
use std::path::{Path, PathBuf};

/// Every output file under `dir`, as (relative path, bytes).
fn files(dir: &Path) -> Vec<(String, Vec<u8>)> {
    fn walk(dir: &Path, base: &Path, out: &mut Vec<(String, Vec<u8>)>) {
        let mut entries: Vec<PathBuf> =
            std::fs::read_dir(dir).expect("read dir").map(|e| e.expect("entry").path()).collect();
        entries.sort();
        for p in entries {
            if p.is_dir() {
                walk(&p, base, out);
            } else {
                let rel = p.strip_prefix(base).unwrap().to_string_lossy().replace('\\', "/");
                let mut bytes = std::fs::read(&p).expect("read file");
                // The search files respell their text compactly: look at them as the browser does.
                if rel.starts_with("search/") {
                    let js = String::from_utf8(bytes).expect("utf-8 search file");
                    let read = coursesite::search::read_part(&js).expect("readable search file");
                    bytes = read.1.to_string().into_bytes();
                }
                out.push((rel, bytes));
            }
        }
    }
    let mut out = Vec::new();
    walk(dir, dir, &mut out);
    out
}

fn contains(hay: &[u8], needle: &str) -> bool {
    hay.windows(needle.len()).any(|w| w == needle.as_bytes())
}

/// Output files containing `needle`.
fn where_is(site: &[(String, Vec<u8>)], needle: &str) -> Vec<String> {
    site.iter().filter(|(_, b)| contains(b, needle)).map(|(p, _)| p.clone()).collect()
}

/// Does the print book hold `needle` wherever a page does? (Speaker notes
/// are the decks' alone: text only a deck shows is not in the book.)
fn in_book_if_on_a_page(site: &[(String, Vec<u8>)], needle: &str) -> bool {
    let files = where_is(site, needle);
    let on_a_page = files.iter().any(|f| f.ends_with(".html") && !f.ends_with(".slides.html") && f != "print.html");
    !on_a_page || files.iter().any(|f| f == "print.html")
}

/// The "linked from" section of page `path` (empty when it has none).
fn backlinks(site: &[(String, Vec<u8>)], path: &str) -> String {
    let page = site.iter().find(|(p, _)| p == path).map(|(_, b)| String::from_utf8_lossy(b).into_owned());
    let page = page.unwrap_or_default();
    let section = page.find("<section class=\"backlinks\"").map_or("", |at| &page[at..]);
    section[..section.find("</section>").unwrap_or(section.len())].to_string()
}

fn build(root: &Path, profile: Profile, out: &Path) -> Vec<(String, Vec<u8>)> {
    let mut opts = coursesite::BuildOptions::new(root);
    opts.profile = profile;
    opts.out = out.to_path_buf();
    let report = coursesite::build(&opts);
    assert_eq!(report.status, coursesite::Status::Ok, "{profile:?} build failed:\n{}", render_all(&report));
    files(out)
}

/// Words a student build must never contain: the markers, and anything that
/// names the removed material (a class, the badge, the teacher stylesheet).
const HINTS: &[&str] = &["callout-teacher", "teacher.css", "teacher-badge", "教师版", "is-key", "quiz-key"];

const MARKERS: &[&str] = &[
    "MARK-CALLOUT-LESSON",
    "MARK-REFLECTION",
    "MARK-NOTES",
    "MARK-PAGE",
    "MARK-SCRIPT",
    "MARK-QUIZ",
    "MARK-CASE",
    "MARK-NESTED",
];

fn fixture() -> TestCourse {
    let c = TestCourse::new();
    c.file("content/index.md", "# 首页\n\n欢迎。\n");
    c.file(
        "content/glossary.md",
        "+++\ntitle = \"术语表\"\n+++\n\n## 客户\n\n买东西的人。\n\n## 秘密术语\n\n只在教师内容里出现的术语。\n",
    );
    c.file(
        "content/lessons/01.md",
        "+++\nnumber = 1\nhours = 1\ncontent = [\"c\"]\nmethods = [\"讲授\"]\n[objectives]\nknowledge = [\"k\"]\nability = [\"a\"]\n[[steps]]\nname = \"讲解\"\nminutes = 45\n+++\n\n# 第一课\n\n客户是什么。[^pub]\n\n> [!教师] 上课提示\n> MARK-CALLOUT-LESSON：先问学生，再讲 秘密术语。\n> 见 [[cases/甲]] 和 [[teacher-notes]]。\n\n- 列表项\n\n  > [!teacher]\n  > MARK-NESTED\n\n> [!notes]\n> MARK-NOTES 讲稿\n\n## 课后自我总结分析\n\nMARK-REFLECTION 本次课效果一般。[^t]\n\n### 下次改进\n\n更多反思。\n\n[^pub]: 公开的注释。\n[^t]: 只属于反思的注释 MARK-REFLECTION。\n",
    );
    c.file("content/cases/甲.md", "+++\ntitle = \"案例甲\"\n+++\n\n故事。\n\n> [!教师]\n> MARK-CASE\n\n## 思考\n\n1. 为什么？\n\n## 分析提示\n\n因为。\n");
    c.file(
        "content/teacher-notes.md",
        "+++\ntitle = \"教师手册\"\nteacher_only = true\n+++\n\nMARK-PAGE 只给教师看。\n",
    );
    c.file(
        "content/scripts/话术.md",
        "+++\ntitle = \"话术\"\n+++\n\n## 开场 {#open}\n\n坐席：您好。\n\n> [!教师]\n> MARK-SCRIPT\n",
    );
    c.file(
        "content/quizzes/测.md",
        "+++\ntitle = \"测验\"\n+++\n\n> [!教师]\n> MARK-QUIZ\n\n1. 客户也包括内部员工。（对）\n",
    );
    c
}

#[test]
fn student_build_has_no_trace_of_teacher_material_and_teacher_build_has_all() {
    let c = fixture();
    let student = build(c.root(), Profile::Student, &c.root().join("site"));
    // The print book is one of the files checked: it holds every page the student sees.
    let book = student.iter().find(|(p, _)| p == "print.html").expect("the student build has print.html");
    assert!(contains(&book.1, "第一课") && contains(&book.1, "公开的注释"), "the book holds the lesson");
    assert!(!contains(&book.1, "data-answer"), "quiz.js's keys are not in the student's book");
    for needle in MARKERS.iter().chain(HINTS) {
        assert_eq!(where_is(&student, needle), Vec::<String>::new(), "'{needle}' leaked into the student build");
    }
    // Not even the headings or the footnote only the reflection used.
    assert!(where_is(&student, "课后自我总结分析").is_empty());
    assert!(where_is(&student, "只属于反思的注释").is_empty());
    assert!(where_is(&student, "上课提示").is_empty());
    assert!(!c.root().join("site/teacher-notes.html").exists());
    // The lesson's public footnote is still defined.
    assert!(where_is(&student, "公开的注释").contains(&"lessons/01.html".to_string()));
    // The glossary's where-used list does not name the lesson for a term only teacher text used.
    let glossary = String::from_utf8(student.iter().find(|(p, _)| p == "glossary.html").unwrap().1.clone()).unwrap();
    let secret = &glossary[glossary.find("秘密术语").unwrap()..];
    let secret = &secret[..secret.find("</dd>").unwrap_or(secret.len())];
    assert!(!secret.contains("lessons/01"), "where-used list names the lesson: {secret}");
    // The case's backlinks do not list the lesson (its only link sat in the
    // teacher block); the teacher's edition lists it.
    assert!(!backlinks(&student, "cases/甲.html").contains("lessons/01.html"), "backlink leaked");

    let teacher = build(c.root(), Profile::Teacher, &c.root().join("site-teacher"));
    for needle in MARKERS {
        assert!(!where_is(&teacher, needle).is_empty(), "'{needle}' missing from the teacher build");
        assert!(in_book_if_on_a_page(&teacher, needle), "'{needle}' missing from the teacher's book");
    }
    assert!(!where_is(&teacher, "callout-teacher").is_empty());
    assert!(!where_is(&teacher, "teacher-badge").is_empty());
    assert!(teacher.iter().any(|(p, _)| p == "theme/teacher.css"));
    assert!(teacher.iter().any(|(p, _)| p == "teacher-notes.html"));
    let lesson = String::from_utf8(teacher.iter().find(|(p, _)| p == "lessons/01.html").unwrap().1.clone()).unwrap();
    assert!(lesson.contains("教师版") && lesson.contains("课后自我总结分析"));
    assert!(backlinks(&teacher, "cases/甲.html").contains("lessons/01.html"), "the teacher's backlink is missing");
    // Quiz keys are shown inline in the teacher's edition.
    assert!(!where_is(&teacher, "quiz-key").is_empty());
}

#[test]
fn profile_teacher_builds_into_site_teacher_by_default() {
    let c = fixture();
    let (code, _, stderr) = c.run_cli(&["build", "--profile", "teacher"]);
    assert_eq!(code, 0, "{stderr}");
    assert!(c.root().join("site-teacher/index.html").exists());
    assert!(!c.root().join("site").exists(), "the student site was not asked for");
    let (code, _, stderr) = c.run_cli(&["build", "--profile", "principal"]);
    assert_eq!(code, 2, "unknown profile is a usage error: {stderr}");
    let (code, _, stderr) = c.run_cli(&["build"]);
    assert_eq!(code, 0, "{stderr}");
    assert!(c.root().join("site/index.html").exists());
}

/// The teacher-only text of a sample source file: the body of its `> [!教师]`
/// blocks and of its 课后自我总结分析 section, as lines long enough to be unique.
fn teacher_text(source: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut in_callout = false;
    let mut in_section = false;
    for line in source.lines() {
        let t = line.trim();
        if t.starts_with("## ") {
            in_section = t == "## 课后自我总结分析";
            continue;
        }
        if coursesite::profile::is_teacher_callout(line) {
            in_callout = true;
            continue;
        }
        if in_callout && (t.is_empty() || !t.starts_with('>')) {
            in_callout = false;
        }
        let text = t.trim_start_matches('>').trim();
        // The longest run free of Markdown syntax: `**bold**` is not in the HTML as typed.
        let plain = text.split(['*', '`', '[', ']', '_', '(', ')', '<', '>']).max_by_key(|s| s.chars().count());
        let plain = plain.unwrap_or("").trim();
        if (in_callout || in_section) && plain.chars().count() >= 8 && !text.starts_with("[^") {
            out.push(plain.chars().take(24).collect());
        }
    }
    out
}

#[test]
fn sample_course_student_build_has_no_teacher_text_and_teacher_build_has_it() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut markers = Vec::new();
    let mut reflections = 0;
    for dir in ["lessons", "scripts", "cases", "quizzes"] {
        let mut entries: Vec<PathBuf> =
            std::fs::read_dir(root.join("content").join(dir)).unwrap().map(|e| e.unwrap().path()).collect();
        entries.sort();
        for p in entries.into_iter().filter(|p| p.extension().is_some_and(|e| e == "md")) {
            let text = std::fs::read_to_string(&p).unwrap();
            if dir == "lessons" {
                assert!(text.contains("\n## 课后自我总结分析\n"), "{} has no 课后自我总结分析", p.display());
                reflections += 1;
            }
            markers.extend(teacher_text(&text));
        }
    }
    assert!(reflections >= 5 && markers.len() >= 10, "{reflections} reflections, {} markers", markers.len());
    let tmp = tempfile::tempdir().unwrap();
    let student = build(root, Profile::Student, &tmp.path().join("student"));
    for m in &markers {
        assert_eq!(where_is(&student, m), Vec::<String>::new(), "teacher text '{m}' leaked into the student build");
    }
    for h in HINTS {
        assert_eq!(where_is(&student, h), Vec::<String>::new(), "'{h}' in the student build");
    }
    let teacher = build(root, Profile::Teacher, &tmp.path().join("teacher"));
    for m in &markers {
        assert!(!where_is(&teacher, m).is_empty(), "teacher text '{m}' missing from the teacher build");
        assert!(in_book_if_on_a_page(&teacher, m), "teacher text '{m}' missing from the teacher's book");
    }
    assert!(student.iter().any(|(p, _)| p == "print.html"), "the student's book was checked too");
}

#[test]
fn a_student_page_linking_to_a_teacher_only_page_is_an_error_not_a_dead_link() {
    let c = fixture();
    c.file("content/about.md", "# 关于\n\n另见 [教师手册](teacher-notes.md) 和 [[teacher-notes]]。\n");
    let report = c.build();
    assert_eq!(report.status, coursesite::Status::ContentErrors);
    let all = render_all(&report);
    assert!(all.contains("content/about.md:3:4: error: link to the teacher-only page 'teacher-notes'"), "{all}");
    assert_eq!(all.matches("teacher-only page").count(), 2, "{all}");
    // The teacher's edition has the page: the same links are fine there.
    let mut opts = c.options();
    opts.profile = Profile::Teacher;
    opts.out = c.root().join("site-teacher");
    let report = coursesite::build(&opts);
    assert_eq!(report.status, coursesite::Status::Ok, "{}", render_all(&report));
}

#[test]
fn check_reports_problems_inside_teacher_only_material_too() {
    let c = fixture();
    c.file("content/about.md", "# 关于\n\n> [!教师]\n> 见 [[不存在的页]]。\n");
    // The student build never sees the block …
    let report = c.build();
    assert_eq!(report.status, coursesite::Status::Ok, "{}", render_all(&report));
    // … but `check` looks at both editions.
    let report = c.check();
    assert_eq!(report.status, coursesite::Status::ContentErrors);
    let all = render_all(&report);
    assert!(all.contains("content/about.md:4:5: error: no page '不存在的页'"), "{all}");
    assert_eq!(all.matches("不存在的页' for").count(), 1, "reported once: {all}");
}

#[test]
fn teacher_only_fields_are_absent_from_the_student_edition() {
    let c = TestCourse::new();
    c.file("content/index.md", "# 首页\n\n欢迎。\n");
    c.file(
        "content/lessons/01.md",
        "+++\nnumber = 1\nhours = 1\ncontent = [\"c\"]\nmethods = [\"讲授\"]\nsummary = \"MARK-SUMMARY 摘要\"\ndifficulties = [\"MARK-DIFFICULTY 难点\"]\nkey_points = [\"公开的重点\"]\nteacher_only = [\"difficulties\", \"summary\"]\n[objectives]\nknowledge = [\"k\"]\nability = [\"a\"]\n[[steps]]\nname = \"讲解\"\nminutes = 45\n+++\n\n# 第一课\n\n正文。\n",
    );
    let student = build(c.root(), Profile::Student, &c.root().join("site"));
    for m in ["MARK-SUMMARY", "MARK-DIFFICULTY"] {
        assert_eq!(where_is(&student, m), Vec::<String>::new(), "{m} leaked into the student build");
    }
    assert!(!where_is(&student, "公开的重点").is_empty(), "a field not listed was hidden");
    let teacher = build(c.root(), Profile::Teacher, &c.root().join("site-teacher"));
    for m in ["MARK-SUMMARY", "MARK-DIFFICULTY"] {
        assert!(where_is(&teacher, m).iter().any(|p| p == "lessons/01.html"), "{m} missing from the teacher build");
    }

    // A field that cannot be hidden is an error at the key, with a suggestion.
    c.file(
        "content/cases/甲.md",
        "+++\ntitle = \"案例甲\"\ncompany = \"某公司\"\nteacher_only = [\"compnay\"]\n+++\n\n故事。\n",
    );
    let report = c.check();
    let all = render_all(&report);
    assert!(all.contains("cases/甲.md:4:1: error: 'compnay' cannot be teacher-only"), "{all}");
    assert!(all.contains("did you mean 'company'?"), "{all}");
}
