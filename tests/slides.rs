//! Slide decks (issue 6): a small course built for real, checking the deck file,
//! its slides, notes, skipped blocks, fragments, links and the page's link to it.

mod common;

use common::*;

const STEPS: &[(&str, u32)] = &[("组织教学", 5), ("案例导入", 15), ("新课讲解", 55), ("归纳总结", 15)];

const BODY: &str = "## 步骤一 组织教学

师生问好。

> [!notes]
> 先点名，再检查作业。

## 步骤二 案例导入

阅读[东方饭店](../cases/东方饭店.md)的故事。

<!-- slides: skip -->
> [!TIP]
> 这段只在教案里。

## 步骤三 新课讲解

+ 第一点
+ 第二点

参见[案例][东方]。

### 小节

| 类型 | 说明 |
| --- | --- |
| 内部客户 | 同事 |

```rust
fn main() {}
```

> [!注意]
> 注意事项。

[东方]: ../cases/东方饭店.md
";

fn course() -> TestCourse {
    let c = TestCourse::new();
    c.file("content/lessons/01-客户.md", lesson(1, "项目一 客户", 2, STEPS, &["cases/东方饭店"], BODY))
        .file("content/cases/东方饭店.md", case("东方饭店", "故事。", "问题？", "分析。"));
    c
}

#[test]
fn every_lesson_builds_a_deck_split_at_h2_with_a_title_slide() {
    let c = course();
    let report = c.build_ok();
    assert_eq!(report.warnings(), 0, "{}", render_all(&report));
    assert!(c.exists("lessons/01-客户.slides.html"));
    assert!(!c.exists("cases/东方饭店.slides.html"), "cases get no deck unless they ask");
    let deck = c.html("lessons/01-客户.slides.html");
    // Title slide + 步骤一 + 步骤二 + 步骤三 (its ### joins it).
    let slides = select(&deck, ".stage .slide");
    assert_eq!(slides.len(), 4);
    assert_eq!(texts(&deck, ".stage .deck-total"), ["4"]);
    let title = squash(slides[0]);
    for needle in ["项目一 客户", "2 学时", "理解客户的含义", "能够区分客户"] {
        assert!(title.contains(needle), "{needle} in title slide: {title}");
    }
    // Slides map to the lesson's steps by their ## heading.
    assert_eq!(attrs(&deck, ".slide-wrap", "data-step"), ["0", "0", "1", "2"]);
    // Everything renders: table, highlighted code, callout.
    let third = &slides[3];
    assert_eq!(select_in(*third, "table").len(), 1);
    assert!(!select_in(*third, "pre.code").is_empty());
    assert!(!select_in(*third, ".callout-attention").is_empty());
}

#[test]
fn notes_go_to_the_presenter_only_and_skip_is_honoured() {
    let c = course();
    c.build_ok();
    // Speaker notes are teacher material: the students' deck has none at all.
    let student = c.read("lessons/01-客户.slides.html");
    assert!(!student.contains("先点名"), "notes in the student edition");
    // The teacher's edition carries them, for the presenter view only.
    let mut opts = c.options();
    opts.profile = coursesite::profile::Profile::Teacher;
    opts.out = c.root().join("site-teacher");
    let report = coursesite::build(&opts);
    assert_eq!(report.status, coursesite::Status::Ok, "{}", render_all(&report));
    let teacher = |rel: &str| read_to_string(&c.root().join("site-teacher").join(rel));
    let deck = scraper::Html::parse_document(&teacher("lessons/01-客户.slides.html"));
    let notes = texts(&deck, ".slide-notes");
    assert_eq!(notes.len(), 4);
    assert!(notes[1].contains("先点名，再检查作业"), "{notes:?}");
    assert!(notes[0].is_empty() && notes[2].is_empty(), "{notes:?}");
    let on_slides: String = select(&deck, ".stage .slide").into_iter().map(squash).collect();
    assert!(!on_slides.contains("先点名"), "notes leaked onto a slide");
    assert!(!on_slides.contains("这段只在教案里"), "the skipped block is on a slide");
    assert!(!deck.html().contains("[!notes]"));
    // The page keeps the skipped block and hides the notes.
    let page = teacher("lessons/01-客户.html");
    assert!(page.contains("这段只在教案里"));
    assert!(!page.contains("先点名"));
}

#[test]
fn the_page_links_its_deck_and_deck_links_work_from_its_folder() {
    let c = course();
    c.build_ok();
    let page = c.html("lessons/01-客户.html");
    let link = one(&page, ".deck-link a");
    assert_eq!(site_target("lessons/01-客户.html", link.value().attr("href").unwrap()), "lessons/01-客户.slides.html");
    assert_eq!(squash(link), "▶ 放映幻灯片");
    let deck = c.html("lessons/01-客户.slides.html");
    let targets = link_targets(&deck, "lessons/01-客户.slides.html", ".stage a[href]");
    // One inline link (步骤二) and one reference link whose definition sits at the page's end (步骤三).
    assert_eq!(targets.iter().filter(|(_, t)| t == "cases/东方饭店.html").count(), 2, "{targets:?}");
    for (_, target) in &targets {
        assert!(c.exists(target), "deck links to missing {target}");
    }
    let back = link_targets(&deck, "lessons/01-客户.slides.html", ".deck-back");
    assert_eq!(back[0].1, "lessons/01-客户.html");
    // Fragment lists are marked for the runtime; theme files are published.
    assert_eq!(select(&deck, "ul[data-fragments] > li").len(), 2);
    assert!(c.exists("theme/slides.js") && c.exists("theme/slides.css"));
}

#[test]
fn slides_front_matter_opts_pages_in_and_out_and_picks_the_split() {
    let c = course();
    c.file(
        "content/about.md",
        "+++\ntitle = \"关于\"\n[slides]\nsplit = \"hr\"\n+++\n\n## 一\n\n甲\n\n## 二\n\n乙\n\n---\n\n丙\n",
    )
    .file(
        "content/lessons/02-无.md",
        lesson(2, "项目二", 2, STEPS, &[], "正文\n").replacen("+++\n", "+++\nslides = false\n", 1),
    );
    let report = c.build_ok();
    assert_eq!(report.warnings(), 0, "{}", render_all(&report));
    let deck = c.html("about.slides.html");
    // Title + two slides: `## 二` does not split in hr mode.
    assert_eq!(select(&deck, ".stage .slide").len(), 3);
    assert!(!c.exists("lessons/02-无.slides.html"));
    assert!(select(&c.html("lessons/02-无.html"), ".deck-link").is_empty());
}

#[test]
fn a_slide_too_full_to_fit_is_a_warning_naming_page_and_slide() {
    let c = TestCourse::new();
    let long = format!("## 步骤三 新课讲解\n\n{}\n", "这是一段很长的讲稿，需要拆分成几张幻灯片。".repeat(120));
    c.file("content/lessons/01-长.md", lesson(1, "项目一 长", 2, STEPS, &[], &long));
    let report = c.build_ok();
    let warnings = warnings_of(&report);
    assert_eq!(warnings.len(), 1, "{warnings:?}");
    assert!(warnings[0].contains("content/lessons/01-长.md"), "{}", warnings[0]);
    assert!(warnings[0].contains("slide 2"), "{}", warnings[0]);
    assert!(c.exists("lessons/01-长.slides.html"), "the deck is still built");
}

#[test]
fn bad_slides_settings_are_errors_not_panics() {
    let c = course();
    c.file("course.toml", "title = \"T\"\n[slides]\nsplit = \"h9\"\n");
    let report = c.build();
    assert!(report.errors() > 0);
    assert!(render_all(&report).contains("split"), "{}", render_all(&report));
}

#[test]
fn a_wrong_slides_value_in_front_matter_says_what_is_expected() {
    let c = course();
    c.file("content/about.md", "+++\ntitle = \"关于\"\nslides = \"yes\"\n+++\n\n正文\n");
    let report = c.build();
    let all = render_all(&report);
    assert!(report.errors() > 0, "{all}");
    assert!(all.contains("content/about.md:3"), "{all}");
    assert!(all.contains("true, false, or a table"), "{all}");
    c.file("content/about.md", "---\ntitle: 关于\nslides: true\n---\n\n## 一\n\n甲\n");
    c.build_ok();
    assert!(c.exists("about.slides.html"), "YAML front matter opts in too");
}

#[test]
fn english_courses_get_english_deck_strings() {
    let c = course();
    c.file("course.toml", "title = \"T\"\nlanguage = \"en\"\n");
    c.build_ok();
    let page = c.html("lessons/01-客户.html");
    assert_eq!(squash(one(&page, ".deck-link a")), "▶ Present as slides");
    let deck = c.html("lessons/01-客户.slides.html");
    assert_eq!(squash(one(&deck, ".deck-back")), "← Back to the page");
    let title = squash(select(&deck, ".stage .slide")[0]);
    assert!(title.contains("Class hours") && title.contains("Knowledge objectives"), "{title}");
    // Steps still map by name, and the runtime gets English labels.
    assert_eq!(attrs(&deck, ".slide-wrap", "data-step"), ["0", "0", "1", "2"]);
    let data = one(&deck, "#deck-data").inner_html();
    assert!(data.contains("\"label\":\"Step 2\"") && data.contains("min behind"), "{data}");
}
