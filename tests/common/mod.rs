//! Shared helpers for the integration tests: a throw-away course project in a
//! temporary folder, ways to build it (library or real binary), and helpers to
//! read the generated HTML, crawl its links and fingerprint an output tree.

#![allow(dead_code)]

use coursesite::messages::Language;
use coursesite::{BuildOptions, Report};
use scraper::{ElementRef, Html, Selector};
use std::collections::hash_map::DefaultHasher;
use std::collections::{BTreeMap, BTreeSet};
use std::hash::{Hash, Hasher};
use std::path::{Component, Path, PathBuf};
use std::process::Command;

pub const COURSE_TOML: &str = "title = \"测试课程\"\n";

/// A course project in a temporary folder, deleted when dropped.
pub struct TestCourse {
    dir: tempfile::TempDir,
    root: PathBuf,
}

impl Default for TestCourse {
    fn default() -> Self {
        Self::new()
    }
}

impl TestCourse {
    /// A project with a minimal `course.toml` (and no content yet).
    pub fn new() -> Self {
        let course = Self::bare();
        course.file("course.toml", COURSE_TOML);
        course
    }

    /// An empty temporary folder: no course.toml, no content/.
    pub fn bare() -> Self {
        let dir = tempfile::Builder::new().prefix("coursesite-test-").tempdir().expect("tempdir");
        TestCourse { root: dir.path().to_path_buf(), dir }
    }

    /// A project in `SANDBOX/course/`, so a test can see anything written beside it.
    pub fn nested() -> Self {
        let dir = tempfile::Builder::new().prefix("coursesite-sandbox-").tempdir().expect("tempdir");
        let root = dir.path().join("course");
        std::fs::create_dir(&root).expect("create course folder");
        let course = TestCourse { root, dir };
        course.file("course.toml", COURSE_TOML);
        course
    }

    /// The folder around the project (the project itself for [`TestCourse::new`]).
    pub fn sandbox(&self) -> &Path {
        self.dir.path()
    }

    pub fn root(&self) -> &Path {
        &self.root
    }

    /// The default output folder, `ROOT/site`.
    pub fn site(&self) -> PathBuf {
        self.root().join("site")
    }

    pub fn path(&self, rel: &str) -> PathBuf {
        self.root().join(rel)
    }

    /// Write a file (text or bytes), creating its folders.
    pub fn file(&self, rel: &str, contents: impl AsRef<[u8]>) -> &Self {
        let path = self.root().join(rel);
        if let Some(parent) = path.parent() {
            std::fs::create_dir_all(parent).expect("create folders");
        }
        std::fs::write(&path, contents).expect("write fixture file");
        self
    }

    pub fn remove(&self, rel: &str) -> &Self {
        std::fs::remove_file(self.root().join(rel)).expect("remove fixture file");
        self
    }

    pub fn rename(&self, from: &str, to: &str) -> &Self {
        std::fs::rename(self.root().join(from), self.root().join(to)).expect("rename fixture file");
        self
    }

    pub fn options(&self) -> BuildOptions {
        BuildOptions::new(self.root())
    }

    /// `coursesite::build` into `ROOT/site`.
    pub fn build(&self) -> Report {
        coursesite::build(&self.options())
    }

    /// `coursesite::build` into another folder.
    pub fn build_into(&self, out: &Path) -> Report {
        let mut opts = self.options();
        opts.out = out.to_path_buf();
        coursesite::build(&opts)
    }

    pub fn check(&self) -> Report {
        coursesite::check(&self.options())
    }

    /// Build and insist it worked, returning the report for further checks.
    pub fn build_ok(&self) -> Report {
        let report = self.build();
        assert_eq!(report.status, coursesite::Status::Ok, "build failed:\n{}", render_all(&report));
        report
    }

    /// Run the real binary in the project folder with `NO_COLOR=1`:
    /// (exit code, stdout, stderr).
    pub fn run_cli(&self, args: &[&str]) -> (i32, String, String) {
        run_cli_in(self.root(), args)
    }

    /// Text of an output file under `site/`.
    pub fn read(&self, rel: &str) -> String {
        read_to_string(&self.site().join(rel))
    }

    /// The search index under `site/search/`, as the browser sees it once every
    /// file is loaded (see `coursesite::search::read_index`).
    pub fn search_index(&self) -> serde_json::Value {
        coursesite::search::read_index(|p| std::fs::read_to_string(self.site().join(p)).ok())
            .expect("readable search files")
    }

    /// Parsed output page under `site/`.
    pub fn html(&self, rel: &str) -> Html {
        Html::parse_document(&self.read(rel))
    }

    pub fn exists(&self, rel: &str) -> bool {
        self.site().join(rel).exists()
    }
}

pub fn bin() -> &'static str {
    env!("CARGO_BIN_EXE_coursesite")
}

/// Run the binary in English (`--lang en`): the tests assert English wording;
/// [`run_cli_as_is`] runs it in the course's own language.
pub fn run_cli_in(dir: &Path, args: &[&str]) -> (i32, String, String) {
    let english: Vec<&str> = ["--lang", "en"].into_iter().chain(args.iter().copied()).collect();
    run_cli_as_is(dir, &english)
}

/// Run the binary with exactly `args` (the language from course.toml, else zh-CN).
pub fn run_cli_as_is(dir: &Path, args: &[&str]) -> (i32, String, String) {
    let output =
        Command::new(bin()).args(args).current_dir(dir).env("NO_COLOR", "1").output().expect("run coursesite binary");
    (
        output.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&output.stdout).into_owned(),
        String::from_utf8_lossy(&output.stderr).into_owned(),
    )
}

pub fn read_to_string(path: &Path) -> String {
    std::fs::read_to_string(path).unwrap_or_else(|e| panic!("cannot read {}: {e}", path.display()))
}

/// Every diagnostic of a report, rendered without colour (for assertion messages).
pub fn render_all(report: &Report) -> String {
    report.diagnostics.iter().map(|d| d.render(Language::En, false)).collect()
}

/// Every warning of a report, each rendered without colour.
pub fn warnings_of(report: &Report) -> Vec<String> {
    report.diagnostics.iter().filter(|d| !d.is_error()).map(|d| d.render(Language::En, false)).collect()
}

// ---------------------------------------------------------------- HTML helpers

pub fn sel(selector: &str) -> Selector {
    Selector::parse(selector).unwrap_or_else(|e| panic!("bad selector {selector:?}: {e:?}"))
}

pub fn select<'a>(doc: &'a Html, selector: &str) -> Vec<ElementRef<'a>> {
    doc.select(&sel(selector)).collect()
}

pub fn select_in<'a>(el: ElementRef<'a>, selector: &str) -> Vec<ElementRef<'a>> {
    el.select(&sel(selector)).collect()
}

/// The one element matching `selector`; fails when there are none or several.
pub fn one<'a>(doc: &'a Html, selector: &str) -> ElementRef<'a> {
    let found = select(doc, selector);
    assert_eq!(found.len(), 1, "expected exactly one '{selector}', found {}", found.len());
    found[0]
}

pub fn text(el: ElementRef) -> String {
    el.text().collect::<String>()
}

/// Text with runs of whitespace collapsed to one space, trimmed.
pub fn squash(el: ElementRef) -> String {
    text(el).split_whitespace().collect::<Vec<_>>().join(" ")
}

pub fn texts(doc: &Html, selector: &str) -> Vec<String> {
    select(doc, selector).into_iter().map(squash).collect()
}

pub fn attrs(doc: &Html, selector: &str, attr: &str) -> Vec<String> {
    select(doc, selector).into_iter().filter_map(|e| e.value().attr(attr).map(str::to_owned)).collect()
}

// ---------------------------------------------------------------- output trees

/// Fingerprint of a folder: every path under it (folders too) → hash of its bytes.
/// Equal maps mean the tree was not touched.
pub fn tree(dir: &Path) -> BTreeMap<String, u64> {
    fn walk(base: &Path, dir: &Path, out: &mut BTreeMap<String, u64>) {
        let mut entries: Vec<_> = std::fs::read_dir(dir)
            .unwrap_or_else(|e| panic!("cannot list {}: {e}", dir.display()))
            .map(|e| e.expect("dir entry").path())
            .collect();
        entries.sort();
        for path in entries {
            let rel = path.strip_prefix(base).expect("inside").to_string_lossy().replace('\\', "/");
            let meta = std::fs::symlink_metadata(&path).expect("metadata");
            if meta.is_dir() {
                out.insert(format!("{rel}/"), 0);
                walk(base, &path, out);
            } else if !meta.is_file() {
                // Symlinks, FIFOs (reading one would block), sockets: by name only.
                out.insert(rel, 1);
            } else {
                let bytes = std::fs::read(&path).expect("read output file");
                let mut h = DefaultHasher::new();
                bytes.hash(&mut h);
                out.insert(rel, h.finish());
            }
        }
    }
    let mut out = BTreeMap::new();
    walk(dir, dir, &mut out);
    out
}

/// Staging or backup folders a build may have left beside `site/`.
pub fn leftovers(parent: &Path) -> Vec<String> {
    std::fs::read_dir(parent)
        .expect("list parent")
        .filter_map(|e| e.ok())
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|n| n.contains(".staging-") || n.contains(".old-"))
        .collect()
}

/// Every `.html` file under `dir`, as `/`-separated relative paths.
pub fn html_files(dir: &Path) -> Vec<String> {
    tree(dir).into_keys().filter(|p| p.ends_with(".html")).collect()
}

// ---------------------------------------------------------------- link crawler

/// The library's decoder (unit-tested in src/render/links.rs).
pub use coursesite::render::links::percent_decode;

/// Is this URL one the crawler should leave alone (another site, mail, …)?
pub fn is_external(url: &str) -> bool {
    let lower = url.trim().to_ascii_lowercase();
    ["http://", "https://", "mailto:", "tel:", "ftp://", "data:", "//"].iter().any(|p| lower.starts_with(p))
}

/// Resolve `url` (already without fragment, percent-decoded) against the folder of
/// `page` (a site-relative path); None when it climbs above the site root.
pub fn resolve(page: &str, url: &str) -> Option<String> {
    let mut parts: Vec<String> = Path::new(page)
        .parent()
        .map(|p| p.components().map(|c| c.as_os_str().to_string_lossy().into_owned()).collect())
        .unwrap_or_default();
    for comp in Path::new(url).components() {
        match comp {
            Component::Normal(s) => parts.push(s.to_string_lossy().into_owned()),
            Component::ParentDir => {
                parts.pop()?;
            }
            Component::CurDir => {}
            Component::RootDir | Component::Prefix(_) => return None,
        }
    }
    Some(parts.join("/"))
}

/// Result of crawling a built site: every problem found, as readable lines.
#[derive(Debug, Default)]
pub struct Crawl {
    /// `page: href` of links whose target file does not exist.
    pub broken: Vec<String>,
    /// `page: href` of internal links that are absolute (`/x`) or name a folder.
    pub not_relative: Vec<String>,
    /// `page: href` of links to `page.html#frag` whose target has no such id.
    pub missing_anchor: Vec<String>,
    /// Every internal target file reached from some page.
    pub reached: BTreeSet<String>,
}

/// Check every `href` and `src` of every HTML file in `site` (except `skip`).
pub fn crawl(site: &Path, skip: &[&str]) -> Crawl {
    let mut result = Crawl::default();
    let pages = html_files(site);
    let mut ids: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    for page in &pages {
        let doc = Html::parse_document(&read_to_string(&site.join(page)));
        ids.insert(page.clone(), attrs(&doc, "[id]", "id").into_iter().collect());
    }
    for page in pages.iter().filter(|p| !skip.contains(&p.as_str())) {
        let doc = Html::parse_document(&read_to_string(&site.join(page)));
        let mut urls = attrs(&doc, "[href]", "href");
        urls.extend(attrs(&doc, "[src]", "src"));
        for url in urls {
            if url.is_empty() || is_external(&url) {
                continue;
            }
            let (path_part, fragment) = match url.find('#') {
                Some(i) => (&url[..i], Some(&url[i + 1..])),
                None => (url.as_str(), None),
            };
            let path_part = path_part.split('?').next().unwrap_or("");
            if path_part.starts_with('/') || path_part.ends_with('/') {
                result.not_relative.push(format!("{page}: {url}"));
                continue;
            }
            let target = if path_part.is_empty() {
                page.clone()
            } else {
                match resolve(page, &percent_decode(path_part)) {
                    Some(t) => t,
                    None => {
                        result.broken.push(format!("{page}: {url} (above the site root)"));
                        continue;
                    }
                }
            };
            if !site.join(&target).is_file() {
                result.broken.push(format!("{page}: {url}"));
                continue;
            }
            result.reached.insert(target.clone());
            if let (Some(frag), Some(known)) = (fragment, ids.get(&target)) {
                let frag = percent_decode(frag);
                if !frag.is_empty() && !known.contains(&frag) {
                    result.missing_anchor.push(format!("{page}: {url}"));
                }
            }
        }
    }
    result
}

/// Crawl and assert there is nothing wrong.
pub fn assert_links_ok(site: &Path, skip: &[&str]) -> Crawl {
    let c = crawl(site, skip);
    assert!(c.broken.is_empty(), "broken links:\n{}", c.broken.join("\n"));
    assert!(c.not_relative.is_empty(), "links that are not relative file links:\n{}", c.not_relative.join("\n"));
    assert!(c.missing_anchor.is_empty(), "links to missing anchors:\n{}", c.missing_anchor.join("\n"));
    c
}

// ---------------------------------------------------------------- fixtures

/// A complete 教案 (lesson plan) page. `steps` are (name, minutes); `cases` are ids.
pub fn lesson(number: u32, title: &str, hours: u32, steps: &[(&str, u32)], cases: &[&str], body: &str) -> String {
    let mut s = String::from("+++\n");
    s.push_str(&format!("title = \"{title}\"\nnumber = {number}\nchapter = \"{title}\"\nhours = {hours}\n"));
    s.push_str("content = [\"客户的含义\", \"客户的分类\"]\nmethods = [\"讲授\", \"讨论\"]\n");
    s.push_str("key_points = [\"客户的分类\"]\ndifficulties = [\"内部客户\"]\ndeck = \"项目一.pptx\"\n");
    let cases: Vec<String> = cases.iter().map(|c| format!("\"{c}\"")).collect();
    s.push_str(&format!("cases = [{}]\nhomework = [\"作业一\"]\n", cases.join(", ")));
    s.push_str("\n[objectives]\nknowledge = [\"理解客户的含义\"]\nability = [\"能够区分客户\"]\n");
    for (name, minutes) in steps {
        s.push_str(&format!("\n[[steps]]\nname = \"{name}\"\nminutes = {minutes}\n"));
    }
    s.push_str("+++\n\n");
    s.push_str(body);
    s
}

/// A lesson whose steps fit its 2 学时 exactly (90 minutes).
pub fn simple_lesson(number: u32, title: &str, cases: &[&str]) -> String {
    lesson(
        number,
        title,
        2,
        &[("组织教学", 5), ("案例导入", 15), ("新课讲解", 55), ("归纳总结", 15)],
        cases,
        "## 讲授\n\n正文。\n",
    )
}

/// A case page with a story, questions and analysis.
pub fn case(title: &str, story: &str, questions: &str, analysis: &str) -> String {
    format!(
        "+++\ntitle = \"{title}\"\ncompany = \"某公司\"\nsource = \"教师自编\"\nsummary = \"{title}的摘要\"\n+++\n\n{story}\n\n## 思考\n\n{questions}\n\n## 分析提示\n\n{analysis}\n"
    )
}

/// Internal target files reachable from `start` by following links (BFS).
pub fn reachable_from(site: &Path, start: &str) -> BTreeSet<String> {
    let mut seen = BTreeSet::from([start.to_string()]);
    let mut queue = vec![start.to_string()];
    while let Some(page) = queue.pop() {
        if !page.ends_with(".html") {
            continue;
        }
        let Ok(text) = std::fs::read_to_string(site.join(&page)) else {
            continue;
        };
        let doc = Html::parse_document(&text);
        let mut urls = attrs(&doc, "[href]", "href");
        urls.extend(attrs(&doc, "[src]", "src"));
        // A form's action is a way to a page too (the search box → search.html).
        urls.extend(attrs(&doc, "form[action]", "action"));
        for url in urls {
            if url.is_empty() || is_external(&url) || url.starts_with('/') {
                continue;
            }
            let path_part = url.split(['#', '?']).next().unwrap_or("");
            if path_part.is_empty() {
                continue;
            }
            if let Some(target) = resolve(&page, &percent_decode(path_part)) {
                if site.join(&target).is_file() && seen.insert(target.clone()) {
                    queue.push(target);
                }
            }
        }
    }
    seen
}

// ---------------------------------------------------------------- CLI diagnostics

/// Run the real binary expecting exit `code`: the `site/` built before must be
/// byte-for-byte untouched and no staging or backup folder left. Returns stderr.
pub fn cli_fails(c: &TestCourse, args: &[&str], code: i32) -> String {
    let before = tree(&c.site());
    let (got, _, stderr) = c.run_cli(args);
    assert_eq!(got, code, "exit code of {args:?}; stderr:\n{stderr}");
    assert_eq!(tree(&c.site()), before, "site/ was changed by a failed run; stderr:\n{stderr}");
    assert!(leftovers(c.root()).is_empty(), "left behind: {:?}", leftovers(c.root()));
    stderr
}

/// The diagnostic block (its first line, then the source, caret and help lines)
/// whose first line starts with `prefix`.
pub fn diag_block<'a>(stderr: &'a str, prefix: &str) -> Option<Vec<&'a str>> {
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

/// Assert stderr holds `LOC: error: …MESSAGE…` and return that diagnostic's block.
pub fn expect_error<'a>(stderr: &'a str, loc: &str, message: &str) -> Vec<&'a str> {
    let prefix = format!("{loc}: error: ");
    let found =
        diag_block(stderr, &prefix).unwrap_or_else(|| panic!("no line starting with '{prefix}' in stderr:\n{stderr}"));
    assert!(found[0].contains(message), "'{message}' not in '{}'\nstderr:\n{stderr}", found[0]);
    found
}

/// The `= help:` line of a diagnostic block (empty when it has none).
pub fn help_line(block: &[&str]) -> String {
    block.iter().find(|l| l.trim_start().starts_with("= help:")).map(|l| l.to_string()).unwrap_or_default()
}

/// Every `path:line:col: error: …` line of stderr.
pub fn error_lines(stderr: &str) -> Vec<&str> {
    stderr.lines().filter(|l| !l.starts_with(' ') && l.contains(": error: ")).collect()
}

/// `line:col` (1-based, column in characters) where `needle` starts in `text`.
pub fn position_of(text: &str, needle: &str) -> (usize, usize) {
    let offset = text.find(needle).unwrap_or_else(|| panic!("{needle} not in fixture"));
    let before = &text[..offset];
    let line = before.matches('\n').count() + 1;
    let col = before[before.rfind('\n').map_or(0, |i| i + 1)..].chars().count() + 1;
    (line, col)
}

/// `content/REL:line:col` of `needle` in the fixture text of `content/REL`.
pub fn loc_of(rel: &str, text: &str, needle: &str) -> String {
    let (line, col) = position_of(text, needle);
    format!("content/{rel}:{line}:{col}")
}

/// Percent-decoded values of `attr` on the elements matching `selector`.
pub fn decoded_attrs(doc: &Html, selector: &str, attr: &str) -> Vec<String> {
    attrs(doc, selector, attr).iter().map(|v| percent_decode(v)).collect()
}

/// (text, percent-decoded href) of every link matching `selector`.
pub fn links_in(doc: &Html, selector: &str) -> Vec<(String, String)> {
    select(doc, selector)
        .into_iter()
        .map(|a| (squash(a), percent_decode(a.value().attr("href").unwrap_or_default())))
        .collect()
}

/// Where `href`, written on site page `page`, leads: the site-relative file path
/// plus `#fragment` (percent-decoded). Fails unless it is a relative link inside the site.
pub fn site_target(page: &str, href: &str) -> String {
    assert!(!is_external(href) && !href.starts_with('/'), "{page}: '{href}' is not a relative link");
    let (path_part, fragment) = match href.find('#') {
        Some(i) => (&href[..i], Some(percent_decode(&href[i + 1..]))),
        None => (href, None),
    };
    let path = if path_part.is_empty() {
        page.to_string()
    } else {
        resolve(page, &percent_decode(path_part)).unwrap_or_else(|| panic!("{page}: '{href}' climbs above the site"))
    };
    match fragment {
        Some(f) => format!("{path}#{f}"),
        None => path,
    }
}

/// (text, [`site_target`]) of every link matching `selector` on site page `page`.
pub fn link_targets(doc: &Html, page: &str, selector: &str) -> Vec<(String, String)> {
    select(doc, selector)
        .into_iter()
        .map(|a| (squash(a), site_target(page, a.value().attr("href").unwrap_or_default())))
        .collect()
}

/// An Office file (.docx, .pptx) made of these parts, for import fixtures.
pub fn zip(parts: &[(&str, &[u8])]) -> Vec<u8> {
    use std::io::Write;
    let mut z = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    for (name, data) in parts {
        z.start_file(*name, zip::write::SimpleFileOptions::default()).unwrap();
        z.write_all(data).unwrap();
    }
    z.finish().unwrap().into_inner()
}

/// Every entry of a zip (a package, an Office file): (name, bytes), in zip order.
pub fn unzip(bytes: &[u8]) -> Vec<(String, Vec<u8>)> {
    use std::io::Read;
    let mut zip = zip::ZipArchive::new(std::io::Cursor::new(bytes)).expect("a zip");
    (0..zip.len())
        .map(|i| {
            let mut entry = zip.by_index(i).unwrap();
            let mut data = Vec::new();
            entry.read_to_end(&mut data).unwrap();
            (entry.name().unwrap().to_string(), data)
        })
        .collect()
}

/// One Word paragraph of plain text.
pub fn p(text: &str) -> String {
    format!(r#"<w:p><w:r><w:t xml:space="preserve">{text}</w:t></w:r></w:p>"#)
}

/// Copy a folder tree (the sample course's content/, for tests that change or export it).
pub fn copy_tree(from: &Path, to: &Path) {
    for entry in walkdir::WalkDir::new(from).into_iter().filter_map(Result::ok) {
        let rel = entry.path().strip_prefix(from).unwrap();
        let target = to.join(rel);
        if entry.file_type().is_dir() {
            std::fs::create_dir_all(&target).unwrap();
        } else {
            std::fs::copy(entry.path(), &target).unwrap();
        }
    }
}

/// The repository's sample course (course.toml and content/), copied into a temporary project.
pub fn sample_course() -> TestCourse {
    let repo = Path::new(env!("CARGO_MANIFEST_DIR"));
    let sample = TestCourse::bare();
    copy_tree(&repo.join("content"), &sample.path("content"));
    std::fs::copy(repo.join("course.toml"), sample.path("course.toml")).unwrap();
    sample
}

/// The tooltip text of each term link (`a.term`) of the site's page `rel`, in
/// page order: looked up in the shared `terms.js` by the link's fragment, as
/// the theme's script does ("" for a term it does not hold).
pub fn tooltips(c: &TestCourse, rel: &str) -> Vec<String> {
    let script = c.read("terms.js");
    let json = script.trim_end().strip_prefix("window.coursesiteTerms=").and_then(|s| s.strip_suffix(';'));
    let defs: serde_json::Value =
        serde_json::from_str(json.expect("terms.js sets window.coursesiteTerms")).expect("JSON");
    attrs(&c.html(rel), "a.term", "href")
        .iter()
        .map(|href| {
            let id = percent_decode(href.rsplit_once('#').map_or("", |(_, f)| f));
            defs[id.as_str()].as_str().unwrap_or_default().to_string()
        })
        .collect()
}
