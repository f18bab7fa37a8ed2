//! The build cache (`.coursesite-cache/`, src/store.rs): a build that starts
//! from it writes exactly what a clean build writes, after any sequence of
//! edits; a damaged, foreign or stale cache, or `--no-cache`, gives a clean
//! build with a note, never a wrong site.

mod common;

use common::{tree, TestCourse};
use coursesite::{BuildOptions, CacheUse, Report, Status};
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

/// The sample course (content/ and course.toml of this repository) in a
/// temporary folder: real pages, links, a glossary, cases, scripts and images.
fn sample() -> TestCourse {
    let c = TestCourse::bare();
    let repo = Path::new(env!("CARGO_MANIFEST_DIR"));
    std::fs::copy(repo.join("course.toml"), c.path("course.toml")).expect("copy course.toml");
    for entry in walkdir::WalkDir::new(repo.join("content")).into_iter().flatten().filter(|e| e.file_type().is_file()) {
        let rel = entry.path().strip_prefix(repo).expect("inside the repository");
        c.file(&rel.to_string_lossy(), std::fs::read(entry.path()).expect("read sample file"));
    }
    c
}

/// The output tree without the marker, whose build id differs between folders.
fn output(dir: &Path) -> BTreeMap<String, u64> {
    let mut files = tree(dir);
    files.remove(coursesite::write::MARKER);
    files
}

fn source(c: &TestCourse, rel: &str) -> String {
    common::read_to_string(&c.path(rel))
}

fn clean_build(c: &TestCourse) -> (Report, PathBuf) {
    let out = c.sandbox().join("clean");
    let opts = BuildOptions { out: out.clone(), cache: false, ..c.options() };
    (coursesite::build(&opts), out)
}

/// A small deterministic generator (xorshift): the same edits on every run.
struct Edits(u64);

impl Edits {
    fn below(&mut self, n: usize) -> usize {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        (self.0 % n as u64) as usize
    }
}

/// The Markdown pages of the course, as paths under the root.
fn pages(c: &TestCourse) -> Vec<String> {
    let mut pages: Vec<String> = tree(&c.path("content"))
        .into_keys()
        .filter(|p| p.ends_with(".md") && !p.starts_with("quizzes/"))
        .map(|p| format!("content/{p}"))
        .collect();
    pages.sort();
    pages
}

/// One random edit of the kinds a teacher makes; returns what it did.
fn edit(c: &TestCourse, rng: &mut Edits, round: usize) -> String {
    let pages = pages(c);
    let page = pages[rng.below(pages.len())].clone();
    let text = source(c, &page);
    let other = pages[rng.below(pages.len())].trim_start_matches("content/").trim_end_matches(".md").to_string();
    match rng.below(7) {
        0 => {
            c.file(&page, format!("{text}\n\n第 {round} 次补充：服务要有耐心。\n"));
            format!("appended a paragraph to {page}")
        }
        1 => {
            c.file(&page, format!("{text}\n\n## 补充小节{round}\n\n参见 [[{other}]]。\n"));
            format!("added a heading and a link to {other} in {page}")
        }
        2 => match text.find("title = \"") {
            Some(at) => {
                let at = at + "title = \"".len();
                c.file(&page, format!("{}修订{round}·{}", &text[..at], &text[at..]));
                format!("renamed {page}")
            }
            None => format!("left {page} alone (no title)"),
        },
        3 => {
            let new = format!("content/lessons/9{round:02}-新页.md");
            c.file(
                &new,
                format!("+++\nkind = \"page\"\ntitle = \"新页{round}\"\n+++\n\n引用 [[{other}]]，提到客户满意度。\n"),
            );
            format!("added {new}")
        }
        4 => {
            let added: Vec<String> = pages.iter().filter(|p| p.contains("-新页")).cloned().collect();
            match added.first() {
                Some(old) => {
                    c.remove(old);
                    format!("removed {old}")
                }
                None => format!("nothing to remove in round {round}"),
            }
        }
        5 => {
            let glossary = source(c, "content/glossary.md");
            c.file("content/glossary.md", format!("{glossary}\n\n## 回访率{round}\n\n回访成功的客户所占比例。\n"));
            "added a glossary term".into()
        }
        _ => {
            let img = "content/lessons/img/客户分类.svg";
            let svg = source(c, img);
            c.file(img, svg.replacen("</svg>", &format!("<!-- {round} --></svg>"), 1));
            "changed an image".into()
        }
    }
}

#[test]
fn builds_from_the_cache_after_random_edits_write_what_a_clean_build_writes() {
    let c = sample();
    let first = c.build_ok();
    assert_eq!(first.summary.cache, Some(CacheUse::Clean { reason: None }));
    let mut rng = Edits(0x9E37_79B9_7F4A_7C15);
    let mut reused = 0;
    for round in 1..=16 {
        let what = edit(&c, &mut rng, round);
        let cached = c.build();
        let (clean, clean_out) = clean_build(&c);
        assert_eq!(cached.status, clean.status, "round {round} ({what}): {:?}", cached.diagnostics);
        if cached.status == Status::Ok {
            assert_eq!(output(&c.site()), output(&clean_out), "round {round} ({what})");
            if let Some(CacheUse::Reused { rendered, .. }) = cached.summary.cache {
                reused += 1;
                let total = output(&clean_out).keys().filter(|p| p.ends_with(".html")).count();
                assert!(rendered < total, "round {round} ({what}): {rendered} of {total} pages rendered again");
            }
        }
    }
    assert!(reused >= 12, "only {reused} of 16 builds started from the cache");
}

#[test]
fn an_unchanged_course_renders_and_writes_nothing() {
    let c = sample();
    c.build_ok();
    let before = tree(&c.site());
    let report = c.build_ok();
    assert_eq!(report.summary.cache, Some(CacheUse::Reused { rendered: 0, written: 0 }));
    assert_eq!(tree(&c.site()), before);
}

#[test]
fn one_page_edit_renders_that_page_and_what_shows_it() {
    let c = sample();
    c.build_ok();
    let page = "content/cases/东方饭店.md";
    c.file(page, format!("{}\n\n一段新的结尾。\n", source(&c, page)));
    let report = c.build_ok();
    let Some(CacheUse::Reused { rendered, written }) = report.summary.cache else {
        panic!("not from the cache: {:?}", report.summary.cache);
    };
    // The case itself; its body is not read by any other page's template.
    assert_eq!(rendered, 1, "{:?}", report.summary.cache);
    assert!(written >= 1);
    assert!(c.read("cases/东方饭店.html").contains("一段新的结尾"));
}

/// Build once, spoil the cache or the output with `spoil`, build again: a
/// clean build with the reason as a note, and a correct site.
fn refused_after(spoil: impl FnOnce(&TestCourse, &Path)) -> String {
    let c = sample();
    c.build_ok();
    let file = coursesite::store::file(&c.options());
    assert!(file.is_file(), "no cache at {}", file.display());
    spoil(&c, &file);
    let report = c.build_ok();
    let (_, clean_out) = clean_build(&c);
    assert_eq!(output(&c.site()), output(&clean_out));
    match report.summary.cache {
        Some(CacheUse::Clean { reason: Some(why) }) => why.en(),
        other => panic!("expected a clean build with a reason, got {other:?}"),
    }
}

#[test]
fn a_damaged_cache_gives_a_clean_build_with_a_note() {
    let why = refused_after(|_, file| std::fs::write(file, b"\x07not a cache at all").expect("spoil"));
    assert!(why.contains("damaged"), "{why}");
    let why = refused_after(|_, file| {
        let bytes = std::fs::read(file).expect("read");
        std::fs::write(file, &bytes[..bytes.len() / 2]).expect("truncate");
    });
    assert!(why.contains("damaged"), "{why}");
    // The file beside it with the search texts: cut short, changed, or gone.
    let texts = |file: &Path| file.with_extension("text");
    let why = refused_after(|_, file| {
        let bytes = std::fs::read(texts(file)).expect("read the texts");
        std::fs::write(texts(file), &bytes[..bytes.len() - 1]).expect("truncate");
    });
    assert!(why.contains("damaged"), "{why}");
    let why = refused_after(|_, file| {
        let mut bytes = std::fs::read(texts(file)).expect("read the texts");
        bytes[0] ^= 1;
        std::fs::write(texts(file), bytes).expect("change");
    });
    assert!(why.contains("damaged"), "{why}");
    let why = refused_after(|_, file| std::fs::remove_file(texts(file)).expect("remove"));
    assert!(why.contains("damaged"), "{why}");
}

#[test]
fn bytes_left_after_the_saved_texts_by_a_cut_append_are_ignored() {
    let c = sample();
    c.build_ok();
    let texts = coursesite::store::file(&c.options()).with_extension("text");
    let mut bytes = std::fs::read(&texts).expect("read the texts");
    bytes.extend_from_slice("半截追加".as_bytes());
    std::fs::write(&texts, bytes).expect("append");
    let page = "content/cases/东方饭店.md";
    c.file(page, format!("{}\n\n又一段结尾。\n", source(&c, page)));
    let report = c.build_ok();
    assert!(matches!(report.summary.cache, Some(CacheUse::Reused { .. })), "{:?}", report.summary.cache);
    let (_, clean_out) = clean_build(&c);
    assert_eq!(output(&c.site()), output(&clean_out));
    // And the next build still reads the file the last one saved.
    c.file(page, format!("{}\n\n第三段。\n", source(&c, page)));
    let report = c.build_ok();
    assert!(matches!(report.summary.cache, Some(CacheUse::Reused { .. })), "{:?}", report.summary.cache);
    let (_, clean_out) = clean_build(&c);
    assert_eq!(output(&c.site()), output(&clean_out));
}

#[test]
fn a_foreign_cache_or_a_changed_output_gives_a_clean_build() {
    // Another output folder's cache, copied over this one's.
    let why = refused_after(|c, file| {
        let other = BuildOptions { out: c.sandbox().join("elsewhere"), ..c.options() };
        assert!(coursesite::build(&other).status == Status::Ok);
        std::fs::copy(coursesite::store::file(&other), file).expect("copy");
    });
    assert!(why.contains("options changed"), "{why}");
    // The output rebuilt without the cache since.
    let why = refused_after(|c, _| {
        assert!(coursesite::build(&BuildOptions { cache: false, ..c.options() }).status == Status::Ok);
    });
    assert!(why.contains("was not written by"), "{why}");
    // A page deleted from the output by hand.
    let why = refused_after(|c, _| std::fs::remove_file(c.site().join("about.html")).expect("remove"));
    assert!(why.contains("about.html"), "{why}");
    // course.toml changed.
    let why = refused_after(|c, _| {
        c.file("course.toml", source(c, "course.toml").replacen("title = \"", "title = \"新版·", 1));
    });
    assert!(why.contains("course.toml"), "{why}");
}

#[test]
fn a_failed_build_leaves_the_site_and_the_cache_as_they_were() {
    let c = sample();
    c.build_ok();
    let site = tree(&c.site());
    let cache = std::fs::read(coursesite::store::file(&c.options())).expect("cache");
    c.file("content/lessons/99-坏.md", "+++\nkind = \"lesson\"\nhourss = 2\n+++\n\n正文\n");
    assert_ne!(c.build().status, Status::Ok);
    assert_eq!(tree(&c.site()), site);
    assert_eq!(std::fs::read(coursesite::store::file(&c.options())).expect("cache"), cache);
    c.remove("content/lessons/99-坏.md");
    let report = c.build_ok();
    assert_eq!(report.summary.cache, Some(CacheUse::Reused { rendered: 0, written: 0 }));
}

#[test]
fn no_cache_builds_everything_and_keeps_no_cache() {
    let c = sample();
    let (code, _, stderr) = c.run_cli(&["build", "--no-cache"]);
    assert_eq!(code, 0, "{stderr}");
    assert!(!c.path(coursesite::store::DIR).exists());
    assert!(!stderr.contains("from the build cache"), "{stderr}");
    let (code, _, stderr) = c.run_cli(&["build"]);
    assert_eq!(code, 0, "{stderr}");
    assert!(!stderr.contains("from the build cache"), "{stderr}");
    let (code, _, stderr) = c.run_cli(&["build"]);
    assert_eq!(code, 0, "{stderr}");
    assert!(stderr.contains("from the build cache (0 pages rendered again"), "{stderr}");
    // Git ignores the cache folder without a line in the course's .gitignore.
    let ignore = source(&c, &format!("{}/.gitignore", coursesite::store::DIR));
    assert!(ignore.lines().any(|l| l.trim() == "*"), "{ignore}");
}
