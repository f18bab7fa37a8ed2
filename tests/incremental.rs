//! Incremental rendering (the cache `serve` keeps) must give exactly the output
//! of a clean build after any sequence of edits, and re-render only what depends
//! on the edit.

mod common;

use common::TestCourse;
use coursesite::render::{Contents, Site};
use coursesite::session::Session;
use coursesite::{render_in_memory, BuildOptions};
use std::collections::BTreeMap;

fn files(site: &Site) -> BTreeMap<String, Vec<u8>> {
    site.files
        .iter()
        .map(|f| {
            let bytes = match &f.contents {
                Contents::Copy(p) => std::fs::read(p).expect("asset"),
                c => c.bytes().expect("in memory").to_vec(),
            };
            (f.path.clone(), bytes)
        })
        .collect()
}

fn clean(opts: &BuildOptions) -> BTreeMap<String, Vec<u8>> {
    let (report, site) = render_in_memory(opts, &mut Session::default());
    assert!(report.diagnostics.iter().all(|d| !d.is_error()), "{:?}", report.diagnostics);
    files(&site.expect("site"))
}

fn cached(opts: &BuildOptions, cache: &mut Session) -> BTreeMap<String, Vec<u8>> {
    let (report, site) = render_in_memory(opts, cache);
    assert!(report.diagnostics.iter().all(|d| !d.is_error()), "{:?}", report.diagnostics);
    files(&site.expect("site"))
}

const LESSON: &str = "+++\nnumber = 1\nhours = 2\ncontent = [\"c\"]\nmethods = [\"讲授\"]\ncases = [\"cases/甲\"]\n[objectives]\nknowledge = [\"k\"]\nability = [\"a\"]\n[[steps]]\nname = \"讲解\"\nminutes = 90\n+++\n\n## 第一节\n\n客户很重要，见 [[cases/甲]]。\n";

#[test]
fn edits_give_the_same_output_as_a_clean_build_and_rerender_only_dependents() {
    let c = TestCourse::new();
    c.file("course.toml", "title = \"课\"\n")
        .file("content/lessons/01-一.md", LESSON)
        .file("content/lessons/02-二.md", "+++\nkind = \"page\"\ntitle = \"二\"\n+++\n\n独立的一页。\n")
        .file("content/cases/甲.md", "+++\ntitle = \"案例甲\"\n+++\n\n故事。\n\n## 思考\n\n问题？\n")
        .file("content/glossary.md", "+++\ntitle = \"术语表\"\n+++\n\n## 客户\n\n买东西的人。\n");
    let opts = BuildOptions::new(c.root());
    let mut cache = Session::default();
    assert_eq!(cached(&opts, &mut cache), clean(&opts));
    let everything = cache.rendered().len();
    assert!(everything >= 6, "{:?}", cache.rendered());

    // Nothing changed: nothing re-rendered.
    assert_eq!(cached(&opts, &mut cache), clean(&opts));
    assert!(cache.rendered().is_empty(), "{:?}", cache.rendered());

    // Body edit of the case: the case itself, plus nothing that does not read it.
    c.file("content/cases/甲.md", "+++\ntitle = \"案例甲\"\n+++\n\n新的故事。\n\n## 思考\n\n问题？\n");
    assert_eq!(cached(&opts, &mut cache), clean(&opts));
    assert_eq!(cache.rendered(), vec!["cases/甲.html"]);

    // A new heading in the lesson: the lesson, the case (its backlink names the
    // heading) and the glossary (where-used names it).
    c.file("content/lessons/01-一.md", LESSON.replace("## 第一节", "## 第一部分"));
    assert_eq!(cached(&opts, &mut cache), clean(&opts));
    let mut rendered = cache.rendered().to_vec();
    rendered.sort();
    assert_eq!(rendered, vec!["cases/甲.html", "glossary.html", "lessons/01-一.html"]);

    // A title change touches every page (sidebar, breadcrumbs, links).
    c.file("content/cases/甲.md", "+++\ntitle = \"案例甲（新）\"\n+++\n\n新的故事。\n\n## 思考\n\n问题？\n");
    assert_eq!(cached(&opts, &mut cache), clean(&opts));
    assert_eq!(cache.rendered().len(), everything);

    // Delete, re-create, add: still identical.
    std::fs::remove_file(c.root().join("content/lessons/02-二.md")).unwrap();
    assert_eq!(cached(&opts, &mut cache), clean(&opts));
    c.file("content/lessons/02-二.md", "+++\nkind = \"page\"\ntitle = \"二\"\n+++\n\n回来了，客户。\n");
    c.file("content/lessons/03-三.md", "+++\nkind = \"page\"\n+++\n# 三\n\n[[lessons/01-一#第一部分]]\n");
    assert_eq!(cached(&opts, &mut cache), clean(&opts));

    // A definition edited: the new tooltip is in the shared terms.js, so only
    // the glossary page is rendered again, not the pages using the term.
    c.file("content/glossary.md", "+++\ntitle = \"术语表\"\n+++\n\n## 客户\n\n购买或使用产品的人。\n");
    let site = cached(&opts, &mut cache);
    assert_eq!(site, clean(&opts));
    assert_eq!(cache.rendered(), vec!["glossary.html"]);
    let terms = String::from_utf8_lossy(&site["terms.js"]).into_owned();
    assert!(terms.contains("\"客户\":\"购买或使用产品的人。\""), "{terms}");
}

#[test]
fn scripts_quizzes_and_editions_stay_identical_to_clean_builds() {
    let c = TestCourse::new();
    c.file("course.toml", "title = \"课\"\n")
        .file("content/index.md", "# 首页\n\n见 [[scripts/话#busy]]。\n")
        .file("content/glossary.md", "+++\ntitle = \"术语表\"\n+++\n\n## 客户\n\n买东西的人。\n")
        .file(
            "content/scripts/话.md",
            "## 开场 {#open}\n\n坐席：您好，客户。\n\n? 反应\n- 忙 -> #busy\n\n## 很忙 {#busy}\n\n坐席：改天再打。\n\n> [!教师]\n> 只给教师。\n",
        )
        .file("content/quizzes/测.md", "1. 客户也包括员工。（对）\n");
    let mut opts = BuildOptions::new(c.root());
    let mut cache = Session::default();
    assert_eq!(cached(&opts, &mut cache), clean(&opts));
    c.file(
        "content/scripts/话.md",
        "## 开场 {#open}\n\n坐席：您好。\n\n? 反应\n- 很忙 -> #busy\n- 没兴趣 -> #nope\n\n## 很忙 {#busy}\n\n坐席：改天再打。\n\n## 没兴趣 {#nope}\n\n坐席：理解。\n",
    );
    assert_eq!(cached(&opts, &mut cache), clean(&opts));
    c.file("content/quizzes/测.md", "1. 客户也包括员工。（错）\n2. 简述。\n");
    assert_eq!(cached(&opts, &mut cache), clean(&opts));
    // Switching editions with the same cache gives each edition's clean output.
    opts.profile = coursesite::profile::Profile::Teacher;
    assert_eq!(cached(&opts, &mut cache), clean(&opts));
    opts.profile = coursesite::profile::Profile::Student;
    assert_eq!(cached(&opts, &mut cache), clean(&opts));
}

#[test]
fn cached_rebuilds_report_the_same_warnings_as_a_clean_build() {
    let c = TestCourse::new();
    c.file("content/a.md", "+++\ntitle = \"甲\"\n+++\n\n客户服務很重要。\n")
        .file("content/b.md", "+++\ntitle = \"乙\"\n+++\n\n另一页。\n");
    let opts = BuildOptions::new(c.root());
    let warnings = |cache: &mut Session| {
        let (report, _) = render_in_memory(&opts, cache);
        report.diagnostics.iter().map(|d| d.render(coursesite::messages::Language::En, false)).collect::<Vec<_>>()
    };
    let mut cache = Session::default();
    let first = warnings(&mut cache);
    assert!(first.iter().any(|w| w.contains("a.md:5")), "the lint warning is missing: {first:?}");
    // Another page changes: a.md's warning comes from the cache, unchanged.
    c.file("content/b.md", "+++\ntitle = \"乙\"\n+++\n\n另一页，改过。\n");
    assert_eq!(warnings(&mut cache), warnings(&mut Session::default()));
    assert_eq!(warnings(&mut cache), first);
}

/// A link to another page's GitHub slug is rewritten to that page's heading id
/// (issue 17): when the heading's id changes, the linking page must follow
/// although its own source did not change.
#[test]
fn github_slug_links_follow_the_target_heading_across_edits() {
    let c = TestCourse::new();
    c.file("content/guide.md", "# 指南\n\n## Step 1 {#s1}\n\n正文。\n")
        .file("content/a.md", "# 甲\n\n见[第一步](guide.md#step-1)。\n");
    let opts = BuildOptions::new(c.root());
    let mut cache = Session::default();
    let first = cached(&opts, &mut cache);
    assert_eq!(first, clean(&opts));
    assert!(String::from_utf8_lossy(&first["a.html"]).contains("href=\"guide.html#s1\""));
    c.file("content/guide.md", "# 指南\n\n## Step 1 {#first}\n\n正文。\n");
    let second = cached(&opts, &mut cache);
    assert_eq!(second, clean(&opts));
    assert!(String::from_utf8_lossy(&second["a.html"]).contains("href=\"guide.html#first\""));
}

/// `serve` names the files its watcher saw change; a rebuild then looks only
/// at those pages when each is one the last walk found (load::LoadCache), and
/// the search postings are updated in place. After random edits, adds,
/// deletes and renames, each named as a watcher would, the output is a clean
/// build's.
#[test]
fn rebuilds_told_what_changed_match_clean_builds_after_random_edits() {
    let c = TestCourse::new();
    c.file("course.toml", "title = \"课\"\n").file("content/glossary.md", "## 客户\n\n买东西的人。\n");
    let words = ["客户", "投诉", "退款", "物流", "话术", "安抚", "升级", "回访", "Refund", "SLA"];
    let mut seed = 19u64;
    let mut next = move |n: u64| {
        seed = seed.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
        (seed >> 33) % n
    };
    let page_text = |next: &mut dyn FnMut(u64) -> u64, n: u64| {
        let mut text = format!("+++\ntitle = \"第{n}页\"\n+++\n\n");
        for _ in 0..1 + next(4) {
            text.push_str(&format!("## {}{}\n\n", words[next(10) as usize], next(3)));
            for _ in 0..1 + next(5) {
                text.push_str(words[next(10) as usize]);
            }
            // Pages p0–p3 are only ever edited: links to them never break.
            text.push_str(&format!("，见 [第{}页](p{}.md)。\n\n", next(8), next(4)));
        }
        text
    };
    for n in 0..8 {
        c.file(&format!("content/p{n}.md"), page_text(&mut next, n));
    }
    let root = std::path::absolute(c.root()).unwrap();
    let opts = BuildOptions::new(&root);
    let mut session = Session::default();
    let build = |session: &mut Session| {
        let (report, site) = render_in_memory(&opts, session);
        assert!(report.diagnostics.iter().all(|d| !d.is_error()), "{:?}", report.diagnostics);
        files(&site.expect("site"))
    };
    assert_eq!(build(&mut session), build(&mut Session::default()));
    for step in 0..40 {
        let n = next(10);
        let path = root.join(format!("content/p{n}.md"));
        let mut named = vec![path.clone()];
        match next(6) {
            0 if n >= 4 && path.exists() => std::fs::remove_file(&path).unwrap(),
            1 if n >= 4 && path.exists() => {
                let to = root.join(format!("content/p{}.md", 10 + next(3)));
                std::fs::rename(&path, &to).unwrap();
                named.push(to);
            }
            _ => {
                std::fs::write(&path, page_text(&mut next, n)).unwrap();
            }
        }
        session.load.watched(named);
        assert_eq!(build(&mut session), build(&mut Session::default()), "step {step}");
    }
}
