//! The whole course as one printable book (issue 22): `print.html`, written by
//! every build, and `build --pdf`, which prints it to `course.pdf` with
//! headless Chromium. The teacher-only leak checks of tests/teacher.rs read
//! print.html too (every output file); these check the book itself.

mod common;

use common::*;
use coursesite::profile::Profile;
use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use std::process::Command;

/// The repository's sample course, built into `out` (no build cache).
fn build_sample(out: &Path, profile: Profile) {
    let mut opts = coursesite::BuildOptions::new(Path::new(env!("CARGO_MANIFEST_DIR")));
    opts.out = out.to_path_buf();
    opts.profile = profile;
    opts.cache = false;
    let report = coursesite::build(&opts);
    assert_eq!(report.status, coursesite::Status::Ok, "{}", render_all(&report));
}

fn parse(path: &Path) -> scraper::Html {
    scraper::Html::parse_document(&read_to_string(path))
}

/// The reading order as the site shows it: from the home page, 下一页 after
/// 下一页, each page's file and its `<h1>`.
fn pager_chain(site: &Path) -> Vec<(String, String)> {
    let mut chain = Vec::new();
    let mut page = Some("index.html".to_string());
    while let Some(rel) = page.take() {
        assert!(chain.len() < 500, "the pager loops");
        let doc = parse(&site.join(&rel));
        chain.push((rel.clone(), text(one(&doc, "h1"))));
        page = attrs(&doc, "a[rel=next]", "href").first().map(|href| resolve(&rel, &percent_decode(href)).unwrap());
    }
    chain
}

#[test]
fn the_book_holds_every_page_in_reading_order_each_on_a_new_sheet() {
    let tmp = tempfile::tempdir().unwrap();
    let site = tmp.path().join("site");
    build_sample(&site, Profile::Student);
    let doc = parse(&site.join("print.html"));
    // The home page is the cover; folder listings the build generated are no
    // chapters (the book's contents list does their work).
    let expected: Vec<String> = pager_chain(&site)
        .into_iter()
        .filter(|(rel, _)| rel == "index.html" || select(&parse(&site.join(rel)), "section.listing").is_empty())
        .map(|(_, h1)| h1)
        .collect();
    let chapters = select(&doc, "main > section.book-page");
    let titles: Vec<String> = chapters.iter().map(|c| text(select_in(*c, "h1")[0])).collect();
    assert_eq!(titles, expected);
    // 21 pages of the sample course (5 lessons, 8 cases, 3 scripts, 2 quizzes, the glossary, 2 pages).
    assert_eq!(titles.len(), 21);
    let ids: Vec<&str> = chapters.iter().map(|c| c.value().attr("id").unwrap()).collect();
    assert_eq!(ids, (1..=21).map(|n| format!("page-{n}")).collect::<Vec<_>>());
    // Each lesson keeps its 教案 form, each script its flow map, each quiz its questions.
    let kinds: Vec<(&str, usize)> = ["kind-lesson", "kind-case", "kind-script", "kind-quiz", "kind-glossary"]
        .into_iter()
        .map(|k| (k, select(&doc, &format!("section.book-page.{k}")).len()))
        .collect();
    assert_eq!(kinds.iter().map(|k| k.1).collect::<Vec<_>>(), [5, 8, 3, 2, 1], "{kinds:?}");
    assert_eq!(select(&doc, "section.kind-lesson table.form").len(), 5);
    assert_eq!(select(&doc, "section.kind-script svg.flowmap-svg").len(), 3);
    assert!(select(&doc, "section.kind-quiz fieldset.quiz-q").len() >= 10);
    // Figures and math as on screen: the lesson's figure, MathML.
    assert!(!select(&doc, "section.book-page img").is_empty());
    // Every page but the cover starts on a new sheet (print.css), and the
    // running header names the course.
    let css = read_to_string(&site.join("theme/print.css"));
    assert!(css.contains(".book-page + .book-page { break-before: page;"), "{css}");
    assert!(css.contains("counter(page)"), "{css}");
    let head = read_to_string(&site.join("print.html"));
    assert!(head.contains("@top-center { content: \"客户服务实务\"; }"), "the running header");
    // The contents list links every chapter but the cover, in order.
    let contents: Vec<String> = attrs(&doc, "nav.book-contents a", "href");
    let linked: Vec<&String> = contents.iter().filter(|h| h.starts_with("#page-")).collect();
    assert!(ids[1..].iter().all(|id| linked.contains(&&format!("#{id}"))), "{contents:?}");
    // The home page links the book.
    let home = parse(&site.join("index.html"));
    assert_eq!(attrs(&home, "a.print-link", "href"), ["print.html"]);
    assert_eq!(texts(&home, "a.print-link"), ["打印全书"]);
}

/// Every `id` of the document, and every reference to one that must resolve.
fn ids_and_references(doc: &scraper::Html) -> (Vec<String>, Vec<(String, String)>) {
    let mut ids = Vec::new();
    let mut refs = Vec::new();
    for el in select(doc, "*") {
        for (name, value) in el.value().attrs() {
            match name {
                "id" => ids.push(value.to_string()),
                "href" if value.starts_with('#') => refs.push((name.into(), percent_decode(&value[1..]))),
                "for" | "aria-labelledby" | "aria-describedby" | "aria-controls" | "data-target" => {
                    refs.extend(value.split_whitespace().map(|v| (name.to_string(), v.to_string())));
                }
                _ if value.contains("url(#") => {
                    let id = value.split("url(#").nth(1).unwrap().split(')').next().unwrap();
                    refs.push((name.into(), id.to_string()));
                }
                _ => {}
            }
        }
    }
    (ids, refs)
}

#[test]
fn ids_are_unique_and_every_link_lands_in_the_book_or_on_a_file() {
    let tmp = tempfile::tempdir().unwrap();
    let site = tmp.path().join("site");
    build_sample(&site, Profile::Teacher);
    let doc = parse(&site.join("print.html"));
    let (ids, refs) = ids_and_references(&doc);
    let unique: BTreeSet<&String> = ids.iter().collect();
    let repeated: Vec<&String> =
        unique.iter().copied().filter(|id| ids.iter().filter(|i| i == id).count() > 1).collect();
    assert!(repeated.is_empty(), "ids repeated in print.html: {repeated:?}");
    assert!(ids.len() > 300, "{} ids: is the whole course there?", ids.len());
    let dangling: Vec<&(String, String)> = refs.iter().filter(|(_, id)| !unique.contains(id)).collect();
    assert!(dangling.is_empty(), "references to no id: {dangling:?}");
    // Links to other pages became jumps inside the book: the sample's lessons
    // link cases, cases link lessons, every page links the glossary.
    let jumps = refs.iter().filter(|(n, id)| n == "href" && id.starts_with("page-")).count();
    assert!(jumps > 100, "{jumps} jumps");
    // What is not a jump is another site, or a file of this one (a figure, a
    // deck, the style sheets) — never a page of the course.
    let pages: BTreeSet<String> = html_files(&site).into_iter().collect();
    for el in select(&doc, "[href], [src]") {
        let url = el.value().attr("href").or(el.value().attr("src")).unwrap();
        if url.starts_with('#') || is_external(url) {
            continue;
        }
        let path = percent_decode(url.split(['#', '?']).next().unwrap());
        assert!(site.join(&path).is_file(), "print.html links {url}: no such file");
        let deck_or_home = path.ends_with(".slides.html") || path == "index.html";
        assert!(!pages.contains(&path) || deck_or_home, "print.html links the page {url} instead of its chapter");
    }
    // A heading link keeps its heading: the glossary's terms are jumps to their entries.
    let term_links: Vec<String> = attrs(&doc, "a.term", "href");
    assert!(!term_links.is_empty() && term_links.iter().all(|h| h.starts_with("#page-21-")), "{term_links:?}");
}

/// A course with a quiz (keys, an explanation), a teacher's note and links
/// between pages and into a generated folder listing.
fn small_course() -> TestCourse {
    let c = TestCourse::new();
    c.file("content/index.md", "# 首页\n\n从[教案](lessons/index.md)开始，或看[第二课](lessons/02.md#练习)。\n");
    let lesson = |n: usize, body: &str| {
        format!(
            "+++\nnumber = {n}\nchapter = \"第{n}课\"\nhours = 1\ncontent = [\"c\"]\nmethods = [\"讲授\"]\n\
             [objectives]\nknowledge = [\"k\"]\nability = [\"a\"]\n[[steps]]\nname = \"讲解\"\nminutes = 45\n+++\n\n{body}\n"
        )
    };
    c.file(
        "content/lessons/01.md",
        lesson(1, "## 练习\n\n见[测验](../quizzes/测.md)。\n\n> [!教师]\n> MARK-TEACHER 只给教师看。\n"),
    );
    c.file("content/lessons/02.md", lesson(2, "## 练习\n\n回到[第一课](01.md#练习)。\n"));
    c.file(
        "content/quizzes/测.md",
        "+++\ntitle = \"测验\"\n+++\n\n1. 客户也包括内部员工。（对）\n   > 解析：内部员工是内部客户。\n\n\
         2. 哪一项是售后服务？\n   - [ ] 产品介绍\n   - [x] 上门维修\n",
    );
    c
}

#[test]
fn the_students_book_has_no_key_and_the_teachers_has_every_key() {
    let c = small_course();
    c.build_ok();
    let student = c.read("print.html");
    for key in ["data-answer", "quiz-key", "is-key", "MARK-TEACHER", "callout-teacher"] {
        assert!(!student.contains(key), "'{key}' in the student's print.html");
    }
    assert_eq!(student.matches("class=\"quiz-q\"").count(), 2, "both questions are in the book");
    let mut opts = c.options();
    opts.profile = Profile::Teacher;
    opts.out = c.root().join("site-teacher");
    assert_eq!(coursesite::build(&opts).status, coursesite::Status::Ok);
    let teacher = parse(&c.root().join("site-teacher/print.html"));
    assert_eq!(texts(&teacher, ".quiz-key").len(), 2, "every question shows its key");
    assert!(texts(&teacher, ".quiz-key")[1].contains("上门维修"));
    assert!(squash(one(&teacher, "main")).contains("MARK-TEACHER"));
    // The running header names the edition (`·` written as a CSS escape).
    let head = read_to_string(&c.root().join("site-teacher/print.html"));
    assert!(head.contains(r#"@top-center { content: "测试课程 \b7  教师版"; }"#), "running header");
}

#[test]
fn links_between_pages_and_to_a_folder_listing_land_on_chapters() {
    let c = small_course();
    c.build_ok();
    let doc = c.html("print.html");
    let chapter = |title: &str| {
        let section =
            select(&doc, "section.book-page").into_iter().find(|s| s.value().attr("aria-label") == Some(title));
        section.unwrap_or_else(|| panic!("no chapter {title}")).value().attr("id").unwrap().to_string()
    };
    let (home, first, second, quiz) = (chapter("测试课程"), chapter("第1课"), chapter("第2课"), chapter("测验"));
    assert_eq!(home, "page-1", "the home page is the cover");
    let links = |chapter: &str| -> Vec<String> {
        attrs(&doc, &format!("#{chapter} .content a"), "href").iter().map(|h| percent_decode(h)).collect()
    };
    let cover_links = links(&home);
    // lessons/index.md is a generated listing: its first chapter stands in.
    assert_eq!(cover_links, [format!("#{first}"), format!("#{second}-练习")]);
    assert_eq!(links(&second), [format!("#{first}-练习")]);
    assert_eq!(links(&first), [format!("#{quiz}")]);
    // Both lessons have a heading 练习: one id each in the book.
    assert_eq!(select(&doc, &format!("[id='{first}-练习']")).len(), 1);
    assert_eq!(select(&doc, &format!("[id='{second}-练习']")).len(), 1);
}

/// `serve`'s render (in memory, with its session): print.html's text.
fn book_in_memory(opts: &coursesite::BuildOptions, session: &mut coursesite::session::Session) -> String {
    let (report, site) = coursesite::render_in_memory(opts, session);
    assert!(report.diagnostics.iter().all(|d| !d.is_error()), "{}", render_all(&report));
    let site = site.expect("a site");
    let book = site.files.iter().find(|f| f.path == "print.html").expect("print.html");
    String::from_utf8(book.contents.bytes().expect("in memory").to_vec()).unwrap()
}

#[test]
fn serve_puts_an_edit_into_the_book_rendering_only_the_edited_page() {
    let c = small_course();
    let opts = c.options();
    let mut session = coursesite::session::Session::default();
    let before = book_in_memory(&opts, &mut session);
    let source = read_to_string(&c.path("content/lessons/02.md"));
    c.file("content/lessons/02.md", format!("{source}\n## 新的一节\n\n改过的课文。\n"));
    let after = book_in_memory(&opts, &mut session);
    // The other chapters came from the session's cache, not from rendering their pages again.
    assert_eq!(session.rendered(), ["lessons/02.html"]);
    assert!(after.contains("改过的课文") && !before.contains("改过的课文"));
    assert_eq!(after, book_in_memory(&opts, &mut coursesite::session::Session::default()), "same as a clean render");
}

// ------------------------------------------------------------- build --pdf ---

/// The browser the tests print with (scripts/test.sh installs Debian's chromium).
fn chromium() -> PathBuf {
    let path = std::env::var_os("CHROMIUM_PATH").map(PathBuf::from).unwrap_or_else(|| "/usr/bin/chromium".into());
    assert!(path.is_file(), "{} not found: apt-get install chromium, or set CHROMIUM_PATH", path.display());
    path
}

/// `pdfinfo`'s page count (poppler-utils, installed by scripts/test.sh).
fn pdf_pages(pdf: &Path) -> usize {
    let out = Command::new("pdfinfo").arg(pdf).output().expect("pdfinfo (apt-get install poppler-utils)");
    let info = String::from_utf8_lossy(&out.stdout).into_owned();
    let line = info.lines().find(|l| l.starts_with("Pages:")).unwrap_or_else(|| panic!("pdfinfo said: {info}"));
    line["Pages:".len()..].trim().parse().unwrap()
}

/// What a poppler-utils command prints.
fn command_output(program: &str, args: &[&str]) -> String {
    let out = Command::new(program).args(args).output().unwrap_or_else(|e| panic!("{program}: {e}"));
    String::from_utf8_lossy(&out.stdout).into_owned()
}

/// The PDF's named destinations (`page-3` → its page), as `pdfinfo -dests` lists them.
fn pdf_destinations(pdf: &Path) -> std::collections::HashMap<String, usize> {
    let listing = command_output("pdfinfo", &["-dests", pdf.to_str().unwrap()]);
    let entry = |line: &str| {
        let page = line.split_whitespace().next()?.parse().ok()?;
        let name = line.rsplit('"').nth(1)?;
        Some((name.to_string(), page))
    };
    listing.lines().filter_map(entry).collect()
}

/// The binary on `args` (in the course's language unless they say `--lang`),
/// with `CHROMIUM_PATH` and `PATH` as given: its exit code and stderr.
fn run_with(dir: &Path, args: &[&str], chromium_path: &Path, path: &Path) -> (i32, String) {
    let out = Command::new(bin())
        .args(args)
        .current_dir(dir)
        .env("NO_COLOR", "1")
        .env("CHROMIUM_PATH", chromium_path)
        .env("PATH", path)
        .output()
        .expect("run coursesite");
    (out.status.code().unwrap_or(-1), String::from_utf8_lossy(&out.stderr).into_owned())
}

#[test]
fn build_pdf_prints_the_book_into_the_site_with_page_numbers_in_its_contents() {
    let c = TestCourse::nested();
    let small = small_course();
    for rel in ["content/index.md", "content/lessons/01.md", "content/lessons/02.md", "content/quizzes/测.md"] {
        c.file(rel, read_to_string(&small.path(rel)));
    }
    let empty_path = c.sandbox().join("no-browser-here");
    std::fs::create_dir(&empty_path).unwrap();
    let (code, stderr) = run_with(c.root(), &["--lang", "en", "build", "--pdf"], &chromium(), &empty_path);
    assert_eq!(code, 0, "{stderr}");
    let pdf = c.site().join("course.pdf");
    assert!(stderr.contains("coursesite: wrote ./site/course.pdf ("), "{stderr}");
    assert!(stderr.contains("; 0 warnings"), "{stderr}");
    assert!(std::fs::read(&pdf).unwrap().starts_with(b"%PDF"));
    // The cover, the contents, and every lesson on sheets of its own (its form, then its text).
    let pages = pdf_pages(&pdf);
    assert!(pages > 2 + 2, "{pages} pages for 2 lessons, a quiz and a cover");
    // The contents list (the second sheet) gives the page each chapter starts
    // on: the page of its destination in the PDF, as poppler reads it.
    let dests = pdf_destinations(&pdf);
    let toc = command_output("pdftotext", &["-layout", "-f", "2", "-l", "2", pdf.to_str().unwrap(), "-"]);
    let book = parse(&c.site().join("print.html"));
    for title in ["第1课", "第2课"] {
        let href = select(&book, "nav.book-contents a").into_iter().find(|a| text(*a).contains(title)).unwrap();
        let anchor = &href.value().attr("href").unwrap()[1..];
        let line =
            toc.lines().find(|l| l.contains(title)).unwrap_or_else(|| panic!("{title} not in the contents:\n{toc}"));
        let number: usize = line.split_whitespace().last().and_then(|n| n.parse().ok()).unwrap_or_else(|| {
            panic!("{title}: no page number at the end of '{line}' in the contents:\n{toc}");
        });
        assert_eq!(Some(&number), dests.get(anchor), "{title}: {line}");
    }
    assert_eq!(leftovers(c.sandbox()), Vec::<String>::new(), "staging or temporary folders left behind");
}

#[test]
fn build_pdf_without_a_browser_says_what_to_install_and_still_builds() {
    let c = small_course();
    let empty_path = c.root().join("no-browser-here");
    std::fs::create_dir(&empty_path).unwrap();
    let (code, stderr) =
        run_with(c.root(), &["--lang", "en", "build", "--pdf"], &c.root().join("nowhere/chromium"), &empty_path);
    assert_eq!(code, 0, "the site is built without the PDF: {stderr}");
    assert!(stderr.contains("warning: course.pdf not written: Chromium or Chrome not found"), "{stderr}");
    assert!(stderr.contains("help: install Chromium (Debian/Ubuntu: sudo apt-get install chromium)"), "{stderr}");
    assert!(c.exists("print.html") && c.exists("index.html"));
    assert!(!c.exists("course.pdf"));
    // The same in Chinese, the course's language.
    let (_, stderr) = run_with(c.root(), &["build", "--pdf"], &c.root().join("nowhere"), &empty_path);
    assert!(stderr.contains("警告：没有生成 course.pdf：找不到 Chromium 或 Chrome"), "{stderr}");
    assert!(stderr.contains("sudo apt-get install chromium"), "{stderr}");
}

#[test]
fn build_pdf_leaves_an_authors_own_course_pdf_alone() {
    let c = small_course();
    c.file("content/course.pdf", "%PDF-1.4 the author's own");
    let empty_path = c.root().join("no-browser-here");
    std::fs::create_dir(&empty_path).unwrap();
    let (code, stderr) = run_with(c.root(), &["--lang", "en", "build", "--pdf"], &chromium(), &empty_path);
    assert_eq!(code, 0, "{stderr}");
    assert!(
        stderr.contains("warning: course.pdf not written: a file of content/ is published at that path"),
        "{stderr}"
    );
    assert!(stderr.contains("help: rename the course.pdf in content/"), "{stderr}");
    assert_eq!(c.read("course.pdf"), "%PDF-1.4 the author's own");
}

/// `[print] book = false` leaves the book out (and the home page's link to it);
/// a course past `PrintConfig::AUTO_MAX_PAGES` pages has none unless
/// `book = true`; `--pdf` without a book says how to ask for one.
#[test]
fn the_book_can_be_turned_off_and_a_very_large_course_has_none_unless_asked() {
    let c = small_course();
    c.file("course.toml", format!("{}\n[print]\nbook = false\n", common::COURSE_TOML));
    let (code, _, stderr) = c.run_cli(&["build", "--pdf"]);
    assert_eq!(code, 0, "{stderr}");
    assert!(!c.root().join("site/print.html").exists(), "book = false wrote print.html");
    assert!(!c.html("index.html").html().contains("print.html"), "the home page links to a book that is not there");
    assert!(stderr.contains("course.pdf not written") && stderr.contains("[print] book = true"), "{stderr}");
    assert!(!c.root().join("site/course.pdf").exists());

    let big = TestCourse::new();
    let pages = coursesite::config::PrintConfig::AUTO_MAX_PAGES + 1;
    for n in 0..pages {
        big.file(&format!("content/p/{n:04}.md"), format!("# 第 {n} 页\n\n正文。\n"));
    }
    assert_eq!(big.build().status, coursesite::Status::Ok);
    assert!(!big.root().join("site/print.html").exists(), "a {pages}-page course got a book by default");
    big.file("course.toml", format!("{}\n[print]\nbook = true\n", common::COURSE_TOML));
    assert_eq!(big.build().status, coursesite::Status::Ok);
    let book = read_to_string(&big.root().join("site/print.html"));
    assert!(book.contains("第 1000 页"), "book = true left pages out");
}
