//! The glossary (issue 4): `content/glossary.md` parsed into terms (with an
//! optional inline table of aliases, English name, pinyin and related terms),
//! `glossary.html` in pinyin order under letter headings with a jump bar and
//! 出现在 lists, and terms auto-linked in running Chinese text (longest match,
//! Latin word boundaries, never in headings, links or code).

mod common;

use common::*;
use scraper::Html;
use std::collections::BTreeMap;

const STEPS: &[(&str, u32)] = &[("组织教学", 5), ("案例导入", 15), ("新课讲解", 55), ("归纳总结", 15)];
const LESSON_TITLE: &str = "项目一 理解客户服务";
const LESSON_SRC: &str = "content/lessons/01-理解客户服务.md";
const LESSON_OUT: &str = "lessons/01-理解客户服务.html";

/// Terms written out of order on purpose: the page must sort them.
const GLOSSARY: &str = r#"+++
title = "术语表"
+++

本表收录课程里的核心术语，例如内部客户。

## 买卖
{ en = "trade" }

买进和卖出。

## 卖点
{ en = "selling point" }

商品最能打动人的地方。

## 买点

顾客决定购买的理由。

## 客户
{ aliases = ["客人"], en = "customer", related = ["关键客户", "内部客户"] }

客户就是购买或使用我们产品的人，它不同于关键客户。

第二段也属于这条定义。

## 关键客户
{ aliases = ["大客户"], en = "key account", pinyin = "guan1 jian4 ke4 hu4", related = ["客户"] }

对企业**最重要**的一类，见 `代码` 与 [关于](about.md)；"直引号" & 'x'。

## 内部客户
{ en = "internal customer" }

企业里接受我们工作成果的同事。

## 客户服务

为顾客提供的一切帮助。

## 行业标准
{ pinyin = "hang2 ye4 biao1 zhun3" }

一个行业共同遵守的规范。

## RATER
{ en = "RATER model" }

服务质量的五个维度。

## CRM
{ en = "customer relationship management" }

一种管理方法。

## 促销

促进销售。

## 成本

花费。

## 5W1H

六何分析法。
"#;

/// A course with the glossary above, an about page and one lesson.
fn course(glossary: &str, about: &str, lesson_body: &str) -> TestCourse {
    let c = TestCourse::new();
    c.file("content/glossary.md", glossary)
        .file("content/about.md", about)
        .file(LESSON_SRC, lesson(1, LESSON_TITLE, 2, STEPS, &[], lesson_body));
    c
}

fn standard() -> TestCourse {
    course(
        GLOSSARY,
        "# 关于\n\n客户服务从认识客户开始。\n\n## 第一节\n\n大客户需要特别关照。\n",
        "## 讲授\n\n关键客户和内部客户都是客户。\n",
    )
}

/// Glossary anchor id → term name, read from glossary.html.
fn term_ids(doc: &Html) -> BTreeMap<String, String> {
    select(doc, ".term-entry[id]")
        .into_iter()
        .map(|e| {
            let name = select_in(e, ".term-name").first().map(|n| squash(*n)).unwrap_or_default();
            (e.value().attr("id").unwrap_or_default().to_string(), name)
        })
        .collect()
}

/// (text, term name) of every auto-linked term on `page`; each must lead to an
/// entry of glossary.html.
fn term_links(c: &TestCourse, page: &str) -> Vec<(String, String)> {
    let ids = term_ids(&c.html("glossary.html"));
    link_targets(&c.html(page), page, "a.term")
        .into_iter()
        .map(|(text, target)| {
            let id = target
                .strip_prefix("glossary.html#")
                .unwrap_or_else(|| panic!("{page}: term link '{text}' leads to {target}, not glossary.html#…"));
            let name = ids.get(id).unwrap_or_else(|| panic!("{page}: no glossary entry #{id} for '{text}'"));
            (text, name.clone())
        })
        .collect()
}

fn pairs(expected: &[(&str, &str)]) -> Vec<(String, String)> {
    expected.iter().map(|(a, b)| (a.to_string(), b.to_string())).collect()
}

/// The `.term-entry` of the term with anchor `id`.
fn entry<'a>(doc: &'a Html, id: &str) -> scraper::ElementRef<'a> {
    one(doc, &format!(".term-entry[id='{id}']"))
}

fn entry_texts(doc: &Html, id: &str, selector: &str) -> Vec<String> {
    select_in(entry(doc, id), selector).into_iter().map(squash).collect()
}

// ------------------------------------------------------------------ parsing

#[test]
fn inline_table_and_definition_are_parsed() {
    let c = standard();
    c.build_ok();
    let doc = c.html("glossary.html");
    // 关键客户: aliases and English name; the table line itself is not shown.
    assert_eq!(entry_texts(&doc, "关键客户", ".term-en"), vec!["key account"]);
    let aliases = entry_texts(&doc, "关键客户", ".term-aliases").concat();
    assert!(aliases.contains("大客户"), "{aliases}");
    // 客户: related terms link to their entries; the definition runs to the next `##`.
    assert_eq!(
        link_targets(&doc, "glossary.html", ".term-entry[id='客户'] .term-related a"),
        pairs(&[("关键客户", "glossary.html#关键客户"), ("内部客户", "glossary.html#内部客户")])
    );
    assert!(entry_texts(&doc, "客户", ".term-aliases").concat().contains("客人"));
    assert_eq!(entry_texts(&doc, "客户", ".term-en"), vec!["customer"]);
    let def = entry_texts(&doc, "客户", ".term-definition p");
    assert_eq!(def.len(), 2, "{def:?}");
    assert!(def[0].starts_with("客户就是购买"), "{def:?}");
    assert_eq!(def[1], "第二段也属于这条定义。");
    // A term without a table line: its definition only, no English name or aliases.
    assert_eq!(entry_texts(&doc, "买点", ".term-definition"), vec!["顾客决定购买的理由。"]);
    assert!(entry_texts(&doc, "买点", ".term-en, .term-aliases, .term-related").is_empty());
    for id in term_ids(&doc).keys() {
        let text = entry_texts(&doc, id, ".term-definition").concat();
        assert!(!text.contains('{') && !text.contains("aliases") && !text.contains("##"), "{id}: {text}");
    }
    assert_eq!(term_ids(&doc).len(), 13);
}

/// A course with a valid glossary, built once through the CLI so `site/` exists.
fn built() -> TestCourse {
    let c = course(
        "+++\ntitle = \"术语表\"\n+++\n\n## 客户\n\n买东西的人。\n",
        "# 关于\n\n客户。\n",
        "## 讲授\n\n正文。\n",
    );
    let (code, _, stderr) = c.run_cli(&["build"]);
    assert_eq!(code, 0, "the fixture should build: {stderr}");
    assert!(c.exists("glossary.html"));
    c
}

/// The error line for `content/glossary.md` at `line` (any column) mentioning `message`.
fn error_on_line<'a>(stderr: &'a str, line: usize, message: &str) -> Vec<&'a str> {
    let prefix = format!("content/glossary.md:{line}:");
    let found = stderr
        .lines()
        .find(|l| l.starts_with(&prefix) && l.contains(": error: "))
        .unwrap_or_else(|| panic!("no error at {prefix} in stderr:\n{stderr}"));
    assert!(found.contains(message), "'{message}' not in '{found}'\nstderr:\n{stderr}");
    diag_block(stderr, found).expect("block")
}

#[test]
fn duplicate_term_is_an_error_at_the_duplicate() {
    let c = built();
    let text = "+++\ntitle = \"术语表\"\n+++\n\n## 客户\n\n第一次。\n\n## 顾客\n\n别的。\n\n## 客户\n\n第二次。\n";
    c.file("content/glossary.md", text);
    let stderr = cli_fails(&c, &["build"], 1);
    let (line, _) = position_of(text, "## 客户\n\n第二次");
    let b = error_on_line(&stderr, line, "客户");
    assert!(b[0].starts_with(&format!("content/glossary.md:{line}:1: error: ")), "{b:?}");
    assert_eq!(error_lines(&stderr).len(), 1, "{stderr}");
}

#[test]
fn alias_claimed_by_two_terms_is_an_error() {
    let c = built();
    let text = "+++\ntitle = \"术语表\"\n+++\n\n## 关键客户\n{ aliases = [\"大客户\"] }\n\n重要。\n\n## 重点客户\n{ aliases = [\"大客户\"] }\n\n也重要。\n";
    c.file("content/glossary.md", text);
    let stderr = cli_fails(&c, &["build"], 1);
    let (line, _) = position_of(text, "{ aliases = [\"大客户\"] }\n\n也重要");
    let b = error_on_line(&stderr, line, "大客户");
    assert!(b.join("\n").contains("关键客户"), "the error names the first owner: {b:?}");
    assert_eq!(error_lines(&stderr).len(), 1, "{stderr}");

    // An alias may not be another term's name either.
    let text = "+++\ntitle = \"术语表\"\n+++\n\n## 客户\n\n人。\n\n## 关键客户\n{ aliases = [\"客户\"] }\n\n重要。\n";
    c.file("content/glossary.md", text);
    let stderr = cli_fails(&c, &["build"], 1);
    let (line, _) = position_of(text, "{ aliases = [\"客户\"] }");
    error_on_line(&stderr, line, "客户");
}

#[test]
fn unknown_related_term_is_an_error_with_a_suggestion() {
    let c = built();
    let text =
        "+++\ntitle = \"术语表\"\n+++\n\n## 客户\n{ related = [\"关键客护\"] }\n\n人。\n\n## 关键客户\n\n重要。\n";
    c.file("content/glossary.md", text);
    let stderr = cli_fails(&c, &["build"], 1);
    let (line, _) = position_of(text, "{ related");
    let b = error_on_line(&stderr, line, "关键客护");
    assert!(help_line(&b).contains("关键客户"), "{b:?}");
    assert_eq!(error_lines(&stderr).len(), 1, "{stderr}");
}

#[test]
fn malformed_inline_table_is_an_error_at_its_line() {
    let c = built();
    let text = "+++\ntitle = \"术语表\"\n+++\n\n## 客户\n\n人。\n\n## 内部客户\n{ aliases = [\"同事\" }\n\n同事。\n";
    c.file("content/glossary.md", text);
    let stderr = cli_fails(&c, &["build"], 1);
    let (line, _) = position_of(text, "{ aliases");
    let b = error_on_line(&stderr, line, "");
    assert!(b.iter().any(|l| l.contains("{ aliases = [\"同事\" }")), "the line is shown: {b:?}");
    assert_eq!(error_lines(&stderr).len(), 1, "{stderr}");

    let text = "+++\ntitle = \"术语表\"\n+++\n\n## 客户\n{ english = \"customer\" }\n\n人。\n";
    c.file("content/glossary.md", text);
    let stderr = cli_fails(&c, &["build"], 1);
    let (line, _) = position_of(text, "{ english");
    error_on_line(&stderr, line, "english");
}

// ------------------------------------------------------------------ glossary.html

#[test]
fn terms_are_sorted_by_pinyin_with_tone_tie_break_overrides_and_latin_among_them() {
    let c = standard();
    c.build_ok();
    let doc = c.html("glossary.html");
    assert_eq!(
        texts(&doc, ".term-entry .term-name"),
        vec![
            "5W1H",
            "成本",
            "CRM",
            "促销",
            "关键客户",
            "行业标准",
            "客户",
            "客户服务",
            "买点",
            "卖点",
            "买卖",
            "内部客户",
            "RATER"
        ]
    );
    // Grouped under letter headings, in the same order.
    let groups: Vec<(String, Vec<String>)> = select(&doc, "section.letter-group")
        .into_iter()
        .map(|g| {
            let letter = select_in(g, "h2.letter").first().map(|h| squash(*h)).unwrap_or_default();
            (letter, select_in(g, ".term-name").into_iter().map(squash).collect())
        })
        .collect();
    let expected: Vec<(&str, Vec<&str>)> = vec![
        ("#", vec!["5W1H"]),
        ("C", vec!["成本", "CRM", "促销"]),
        ("G", vec!["关键客户"]),
        ("H", vec!["行业标准"]),
        ("K", vec!["客户", "客户服务"]),
        ("M", vec!["买点", "卖点", "买卖"]),
        ("N", vec!["内部客户"]),
        ("R", vec!["RATER"]),
    ];
    let expected: Vec<(String, Vec<String>)> =
        expected.into_iter().map(|(l, names)| (l.to_string(), names.into_iter().map(String::from).collect())).collect();
    assert_eq!(groups, expected);
    // The jump bar links every group heading, in order.
    let ids: Vec<String> = attrs(&doc, "h2.letter", "id").into_iter().map(|id| format!("#{id}")).collect();
    assert_eq!(ids.len(), 8);
    assert_eq!(attrs(&doc, ".letter-bar a", "href"), ids);
    assert_eq!(texts(&doc, ".letter-bar a"), texts(&doc, "h2.letter"));
    // Stable anchors: the term itself.
    let anchors = term_ids(&doc);
    assert_eq!(anchors.get("关键客户").map(String::as_str), Some("关键客户"));
    assert_eq!(anchors.get("行业标准").map(String::as_str), Some("行业标准"));
    assert_links_ok(&c.site(), &["404.html"]);
}

#[test]
fn without_an_override_a_polyphone_reads_as_the_word_it_is_in() {
    let c = course(
        "+++\ntitle = \"术语表\"\n+++\n\n## 行业标准\n\n规范。\n\n## 客户\n\n人。\n",
        "# 关于\n\n正文。\n",
        "## 讲授\n\n正文。\n",
    );
    c.build_ok();
    let doc = c.html("glossary.html");
    // 行业 is a word (the phrase table): háng, before 客户, under H; 行 alone is xíng.
    assert_eq!(texts(&doc, ".term-name"), vec!["行业标准", "客户"]);
    assert_eq!(texts(&doc, "h2.letter"), vec!["H", "K"]);
}

#[test]
fn entries_show_where_each_term_is_used_but_not_the_glossary_itself() {
    let c = standard();
    c.build_ok();
    let doc = c.html("glossary.html");
    let used = |id: &str| -> Vec<(String, String)> {
        let mut v = link_targets(&doc, "glossary.html", &format!(".term-entry[id='{id}'] .term-used a"));
        v.sort();
        v
    };
    let lesson_at = |h: &str| format!("{LESSON_OUT}#{h}");
    let mut expected = vec![
        ("关于 › 第一节".to_string(), "about.html#第一节".to_string()),
        (format!("{LESSON_TITLE} › 讲授"), lesson_at("讲授")),
    ];
    expected.sort();
    assert_eq!(used("关键客户"), expected);
    let mut expected =
        vec![("关于".to_string(), "about.html".to_string()), (format!("{LESSON_TITLE} › 讲授"), lesson_at("讲授"))];
    expected.sort();
    assert_eq!(used("客户"), expected);
    // 内部客户 also occurs in the glossary's intro, which does not count.
    assert_eq!(used("内部客户"), vec![(format!("{LESSON_TITLE} › 讲授"), lesson_at("讲授"))]);
    assert_eq!(used("客户服务"), vec![("关于".to_string(), "about.html".to_string())]);
    // A term used nowhere has no list.
    assert!(select(&doc, ".term-entry[id='促销'] .term-used").is_empty());
    let summary = entry_texts(&doc, "关键客户", ".term-used summary").concat();
    assert!(summary.contains("出现在"), "{summary}");
    for (_, target) in link_targets(&doc, "glossary.html", ".term-used a") {
        assert!(!target.starts_with("glossary.html"), "the glossary lists itself: {target}");
    }
}

// ------------------------------------------------------------------ auto-linking

fn with_link_mode(mode: &str, c: &TestCourse) {
    c.file("course.toml", format!("title = \"测试课程\"\n\n[glossary]\nlink = \"{mode}\"\n"));
}

#[test]
fn terms_in_running_text_link_to_their_entry_at_every_depth() {
    let c = standard();
    c.file("content/notes/deep/页.md", "# 深处\n\n内部客户。\n");
    c.build_ok();
    for (page, prefix) in [("about.html", ""), (LESSON_OUT, "../"), ("notes/deep/页.html", "../../")] {
        let doc = c.html(page);
        let hrefs = decoded_attrs(&doc, ".content a.term", "href");
        assert!(!hrefs.is_empty(), "{page} links no term");
        for href in hrefs {
            assert!(href.starts_with(&format!("{prefix}glossary.html#")), "{page}: {href}");
        }
    }
    assert_eq!(term_links(&c, "notes/deep/页.html"), pairs(&[("内部客户", "内部客户")]));
    assert_eq!(attrs(&c.html("about.html"), "a.term", "href").len(), 3);
    assert_links_ok(&c.site(), &["404.html"]);
}

#[test]
fn longest_match_wins_and_a_term_may_be_a_prefix_of_another() {
    let c = standard();
    with_link_mode("all", &c);
    c.file("content/about.md", "# 关于\n\n大客户和客户服务都离不开客户，内部客户也是客户。\n");
    c.build_ok();
    assert_eq!(
        term_links(&c, "about.html"),
        pairs(&[
            ("大客户", "关键客户"),
            ("客户服务", "客户服务"),
            ("客户", "客户"),
            ("内部客户", "内部客户"),
            ("客户", "客户"),
        ])
    );
}

#[test]
fn regex_metacharacters_match_literally_and_latin_terms_need_word_boundaries() {
    let g = "+++\ntitle = \"术语表\"\n+++\n\n## C++\n\n语言。\n\n## 5W1H\n\n分析法。\n\n## (CRM)\n\n括号写法。\n\n## CRM\n\n客户关系管理。\n\n## a.b\n\n点。\n";
    let c = course(
        g,
        "# 关于\n\n学 C++ 不是 C+，用 5W1H 而非 5W1HX；(CRM) 与 CRM 同义，CRMS 和 xCRM 不是，axb 也不是。\n",
        "## 讲授\n\n用CRM管理客户。\n",
    );
    with_link_mode("all", &c);
    c.build_ok();
    assert_eq!(
        term_links(&c, "about.html"),
        pairs(&[("C++", "C++"), ("5W1H", "5W1H"), ("(CRM)", "(CRM)"), ("CRM", "CRM")])
    );
    // Between Chinese characters a Latin term needs no spaces.
    assert_eq!(term_links(&c, LESSON_OUT), pairs(&[("CRM", "CRM")]));
}

#[test]
fn never_inside_headings_links_images_or_code() {
    let c = standard();
    with_link_mode("all", &c);
    c.file("content/notes/img/图.svg", "<svg xmlns=\"http://www.w3.org/2000/svg\"/>").file(
        "content/notes/不链.md",
        "# 不链接\n\n## 客户的分类\n\n`客户` 与 [客户](../about.md) 与 [[about|客户服务]] 与 ![客户](img/图.svg)\n\n```\n客户\n```\n\n    缩进的客户\n\n正文里的客户。\n",
    );
    c.build_ok();
    let page = "notes/不链.html";
    let doc = c.html(page);
    assert_eq!(term_links(&c, page), pairs(&[("客户", "客户")]));
    assert_eq!(texts(&doc, ".content p a.term"), vec!["客户"]);
    assert_eq!(texts(&doc, ".content h2"), vec!["客户的分类"]);
    for sel in ["h1 a.term", "h2 a.term", "code a.term", "pre a.term", "a.term a", "a a.term", ".content h2 a"] {
        assert!(select(&doc, sel).is_empty(), "{page}: '{sel}' matches");
    }
    assert_eq!(texts(&doc, ".content a:not(.term)"), vec!["客户", "客户服务"]);
    assert_eq!(attrs(&doc, ".content img", "alt"), vec!["客户"]);
    assert_eq!(texts(&doc, ".content code"), vec!["客户", "客户", "缩进的客户"]);
}

#[test]
fn first_occurrence_by_default_all_or_none_by_config() {
    let about = "# 关于\n\n客户、客户、客户。\n\n## 另一节\n\n另一段的客户。\n";
    let c = course(GLOSSARY, about, "## 讲授\n\n客户和客户。\n");
    c.file("content/cases/东方饭店.md", case("东方饭店", "故事里的客户。", "问题里的客户？", "分析里的客户。"));
    c.build_ok();
    let count = |page: &str| select(&c.html(page), "a.term").len();
    assert_eq!(count("about.html"), 1);
    assert_eq!(count(LESSON_OUT), 1, "each page links its own first occurrence");
    assert_eq!(count("cases/东方饭店.html"), 1, "a case's story, questions and analysis are one page");
    assert_eq!(texts(&c.html("cases/东方饭店.html"), ".case-story a.term"), vec!["客户"]);

    with_link_mode("all", &c);
    c.build_ok();
    assert_eq!(count("about.html"), 4);
    assert_eq!(count(LESSON_OUT), 2);
    assert_eq!(count("cases/东方饭店.html"), 3);

    with_link_mode("none", &c);
    c.build_ok();
    for page in ["about.html", LESSON_OUT, "cases/东方饭店.html", "glossary.html"] {
        assert_eq!(count(page), 0, "{page}");
    }
}

#[test]
fn a_page_can_turn_linking_off() {
    let c = standard();
    c.file("content/notes/无.md", "+++\ntitle = \"不要术语链接\"\nglossary = false\n+++\n\n客户和内部客户。\n")
        .file("content/notes/有.md", "+++\ntitle = \"要术语链接\"\n+++\n\n客户和内部客户。\n");
    c.build_ok();
    assert!(select(&c.html("notes/无.html"), "a.term").is_empty());
    assert_eq!(term_links(&c, "notes/有.html"), pairs(&[("客户", "客户"), ("内部客户", "内部客户")]));
}

#[test]
fn a_definition_links_other_terms_but_not_itself() {
    let c = standard();
    c.build_ok();
    let doc = c.html("glossary.html");
    let own =
        |id: &str| link_targets(&doc, "glossary.html", &format!(".term-entry[id='{id}'] .term-definition a.term"));
    // 客户's definition names 客户 and 关键客户: only the other term is linked.
    assert_eq!(own("客户"), pairs(&[("关键客户", "glossary.html#关键客户")]));
    for id in term_ids(&doc).keys() {
        for (text, target) in own(id) {
            assert_ne!(target, format!("glossary.html#{id}"), "{id} links itself via '{text}'");
        }
    }
}

#[test]
fn tooltip_text_is_the_plain_escaped_first_paragraph() {
    let c = standard();
    c.file("content/about.md", "# 关于\n\n大客户与客户。\n");
    c.build_ok();
    let defs = tooltips(&c, "about.html");
    assert_eq!(defs.len(), 2);
    let key = &defs[0];
    let compact: String = key.chars().filter(|c| !c.is_whitespace()).collect();
    assert!(compact.starts_with("对企业最重要的一类，见代码与关于；"), "{key}");
    assert!(key.contains("\"直引号\" & 'x'"), "quotes survive escaping: {key}");
    for def in &defs {
        assert!(!def.contains(['<', '>', '*', '`']) && !def.contains("]("), "markup in tooltip: {def}");
    }
    assert_eq!(defs[1], "客户就是购买或使用我们产品的人，它不同于关键客户。", "only the first paragraph");
}

/// Where a page loads the shared tooltip texts from, if it does.
fn terms_script(c: &TestCourse, rel: &str) -> Vec<String> {
    attrs(&c.html(rel), "script[src$='terms.js']", "src")
}

#[test]
fn tooltip_texts_are_one_shared_file_loaded_only_where_terms_are_linked() {
    let c = standard();
    c.build_ok();
    // Every page loads it from the site root; no link repeats a definition.
    assert_eq!(terms_script(&c, "about.html"), ["terms.js"]);
    assert_eq!(terms_script(&c, "lessons/01-理解客户服务.html"), ["../terms.js"]);
    assert_eq!(terms_script(&c, "lessons/01-理解客户服务.slides.html"), ["../terms.js"]);
    assert!(select(&c.html("about.html"), "a.term[data-def], a.term[title]").is_empty());
    let tips = tooltips(&c, "lessons/01-理解客户服务.html");
    assert!(!tips.is_empty() && tips.iter().all(|t| !t.is_empty()), "{tips:?}");
    // With term links off, neither the file nor the script tags.
    c.file("course.toml", format!("{}\n[glossary]\nlink = \"none\"\n", common::COURSE_TOML));
    c.build_ok();
    assert!(!c.exists("terms.js"));
    assert!(terms_script(&c, "about.html").is_empty() && terms_script(&c, "lessons/01-理解客户服务.html").is_empty());
    // Nor in a course without a glossary.
    c.file("course.toml", common::COURSE_TOML);
    c.remove("content/glossary.md");
    c.build_ok();
    assert!(!c.exists("terms.js"));
    assert!(terms_script(&c, "about.html").is_empty());
}

#[test]
fn hostile_and_regex_like_term_names_break_nothing() {
    let hostile = "</title><script>alert(1)</script>";
    let regexy = "a.*b(c)?[d]+|^$";
    let g = format!(
        "+++\ntitle = \"术语表\"\n+++\n\n## {hostile}\n{{ aliases = [\"<img src=x onerror=alert(1)>\"], en = \"<script>alert(3)</script>\" }}\n\n坏名字的定义 \"引号\" & 'x' <script>alert(2)</script>。\n\n## {regexy}\n\n正则元字符。\n\n## 客户\n\n普通术语。\n"
    );
    let c = course(&g, &format!("# 关于\n\n提到 {hostile} 和 {regexy} 以及客户。\n"), "## 讲授\n\n客户。\n");
    // Raw HTML shown as text, so the page's running text holds the hostile
    // name itself (sanitised, its tags would be gone before term matching).
    c.file("course.toml", format!("{}\n[markdown]\nraw_html = \"escape\"\n", common::COURSE_TOML));
    let report = c.build();
    assert_eq!(report.status, coursesite::Status::Ok, "{}", render_all(&report));
    for page in ["glossary.html", "about.html"] {
        let doc = c.html(page);
        for script in select(&doc, "script") {
            let src = script.value().attr("src").unwrap_or_default();
            let ours =
                ["theme/colour.js", "strings.js", "terms.js", "theme/main.js", "theme/search.js", "theme/scorm.js"]
                    .iter()
                    .any(|s| src.ends_with(s));
            assert!(ours && squash(script).is_empty(), "{page}: unexpected script {src:?}");
        }
        assert!(select(&doc, "[onerror], img").is_empty(), "{page}: injected element");
        assert_eq!(select(&doc, "title").len(), 1, "{page}");
    }
    // The search index carries the hostile names as JSON strings, nothing more.
    let parsed = c.search_index();
    assert!(parsed["docs"].as_array().is_some_and(|d| d.iter().any(|d| d[1] == hostile)));
    let doc = c.html("glossary.html");
    assert_eq!(texts(&doc, "title"), vec!["术语表 · 测试课程"]);
    let names = texts(&doc, ".term-name");
    assert!(names.contains(&hostile.to_string()) && names.contains(&regexy.to_string()), "{names:?}");
    assert_eq!(term_links(&c, "about.html"), pairs(&[(hostile, hostile), (regexy, regexy), ("客户", "客户")]));
    // Their tooltips come through terms.js as JSON strings: plain text, quotes kept.
    let tips = tooltips(&c, "about.html");
    assert_eq!(tips, ["坏名字的定义 \"引号\" & 'x' alert(2)。", "正则元字符。", "普通术语。"]);
    assert_eq!(texts(&c.html("about.html"), "title"), vec!["关于 · 测试课程"]);
    assert_links_ok(&c.site(), &["404.html"]);
}

// ------------------------------------------------------------------ the sample course

#[test]
fn sample_course_has_a_rich_glossary_linked_from_every_lesson() {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
    let tmp = tempfile::tempdir().unwrap();
    let out = tmp.path().join("site");
    let mut opts = coursesite::BuildOptions::new(root);
    opts.out = out.clone();
    let report = coursesite::build(&opts);
    assert_eq!(report.errors(), 0, "{}", render_all(&report));
    let glossary = Html::parse_document(&read_to_string(&out.join("glossary.html")));
    let terms = select(&glossary, ".term-entry").len();
    assert!(terms >= 40, "the sample glossary has {terms} terms, fewer than 40");
    assert!(!select(&glossary, ".term-en").is_empty(), "no English names");
    assert!(!select(&glossary, ".term-aliases").is_empty(), "no aliases");
    let lessons: Vec<String> = html_files(&out.join("lessons")).into_iter().filter(|p| p != "index.html").collect();
    assert!(lessons.len() >= 5, "{lessons:?}");
    for page in &lessons {
        let doc = Html::parse_document(&read_to_string(&out.join("lessons").join(page)));
        assert!(!select(&doc, ".content a.term").is_empty(), "lessons/{page} links no glossary term");
    }
    assert_links_ok(&out, &["404.html"]);
}

#[test]
fn a_kept_glossary_still_reports_its_errors_and_follows_its_edits() {
    use coursesite::session::Session;
    let c = TestCourse::new();
    let dup = "+++\ntitle = \"术语表\"\n+++\n\n## 客户\n\n买东西的人。\n\n## 客户\n\n又一次。\n";
    c.file("content/glossary.md", dup).file("content/a.md", "+++\ntitle = \"甲\"\n+++\n\n客户来了。\n");
    let opts = c.options();
    let mut session = Session::default();
    let errors = |session: &mut Session| {
        let (report, _) = coursesite::render_in_memory(&opts, session);
        report.diagnostics.iter().filter(|d| d.is_error()).map(|d| d.message.en()).collect::<Vec<_>>()
    };
    let first = errors(&mut session);
    assert!(first.iter().any(|m| m.contains("客户")), "{first:?}");
    // Another page edited: the glossary is reused, and its error is still reported.
    c.file("content/a.md", "+++\ntitle = \"甲\"\n+++\n\n客户又来了。\n");
    assert_eq!(errors(&mut session), first);
    // The glossary fixed: parsed again, no error.
    c.file("content/glossary.md", "+++\ntitle = \"术语表\"\n+++\n\n## 客户\n\n买东西的人。\n");
    assert_eq!(errors(&mut session), Vec::<String>::new());
}
