//! Chinese done right (issue 18): soft breaks next to quotation marks,
//! ellipses and dashes; links written as a heading's text.

mod common;

use common::*;

#[test]
fn no_stray_space_where_a_line_ends_or_starts_with_a_chinese_mark() {
    let c = TestCourse::new();
    c.file("content/index.md", "# 首页\n")
        .file(
            "content/a.md",
            "# 甲\n\n他说：“就这样。”\n然后走了。写下\n“顾客至上”四个字。等一等……\n再说。台阶——\n“找到小票再来”。\n\nHe said “hi”\nand left.\n",
        );
    c.build_ok();
    let html = c.read("a.html");
    for joined in ["就这样。”然后", "写下“顾客至上”", "等一等……再说", "台阶——“找到"]
    {
        assert!(html.contains(joined), "{joined} in:\n{html}");
    }
    assert!(html.contains("“hi”\nand") || html.contains("“hi” and"), "Latin keeps its break: {html}");
}

#[test]
fn a_link_written_as_the_headings_text_finds_it() {
    let c = TestCourse::new();
    c.file("content/index.md", "# 首页\n")
        .file("content/a.md", "# 甲\n\n## 一、服务礼仪（上）\n\n正文。\n")
        .file("content/b.md", "# 乙\n\n[上一节](a.md#一、服务礼仪（上）) 和 [本页](#二、练习)\n\n## 二、练习\n");
    let report = c.build_ok();
    assert_eq!(report.errors(), 0);
    let doc = c.html("b.html");
    let hrefs = decoded_attrs(&doc, ".content a", "href");
    let a = c.html("a.html");
    let id = attrs(&a, "h2", "id").into_iter().next().expect("a heading");
    assert_eq!(hrefs[0], format!("a.html#{id}"));
    let own = attrs(&doc, "h2", "id").into_iter().next().expect("a heading");
    assert_eq!(hrefs[1], format!("#{own}"));
}

/// The letters of a word as coursesite reads it for sorting.
fn read_letters(word: &str) -> String {
    use coursesite::model::order::{readings, Reading};
    let syllables: Vec<String> = readings(word)
        .into_iter()
        .map(|r| match r {
            Reading::Syllable(s) => s.trim_end_matches(|c: char| c.is_ascii_digit()).replace('ü', "v"),
            Reading::Other(c) => c.to_string(),
        })
        .collect();
    syllables.join(" ")
}

#[test]
fn polyphonic_words_read_as_the_dictionary_reads_them() {
    let list =
        read_to_string(&std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data/polyphonic_words.txt"));
    let words: Vec<(&str, &str)> = list
        .lines()
        .filter(|l| !l.starts_with('#') && !l.trim().is_empty())
        .filter_map(|l| l.split_once(' '))
        .collect();
    assert!(words.len() >= 200, "{} words", words.len());
    let wrong: Vec<String> = words
        .iter()
        .filter(|(word, want)| read_letters(word) != *want)
        .map(|(word, want)| format!("{word}: read {}, dictionary {want}", read_letters(word)))
        .collect();
    let right = words.len() - wrong.len();
    eprintln!(
        "polyphonic words: {right} of {} read right ({:.1} %)",
        words.len(),
        100.0 * right as f64 / words.len() as f64
    );
    assert!(wrong.is_empty(), "{}", wrong.join("\n"));
}

#[test]
fn titles_and_glossary_terms_sort_and_group_by_word_readings() {
    let c = TestCourse::new();
    c.file("content/index.md", "# 首页\n")
        .file("content/cases/重庆火锅店.md", "# 重庆火锅店\n")
        .file("content/cases/长城饭店.md", "# 长城饭店\n")
        .file("content/cases/张秉贵卖糖.md", "# 张秉贵卖糖\n")
        .file("content/cases/银行网点.md", "# 银行网点\n")
        .file("content/cases/银卡会员.md", "# 银卡会员\n")
        .file(
            "content/glossary.md",
            "# 术语\n\n## 行业标准\n\n行业通用的标准。\n\n## 客户\n\n买东西的人。\n\n## 重复购买\n\n再次购买。\n",
        );
    c.build_ok();
    let cases = texts(&c.html("cases/index.html"), "a.card-title");
    let order = ["长城饭店", "重庆火锅店", "银行网点", "银卡会员", "张秉贵卖糖"];
    let found: Vec<&str> = order.iter().copied().filter(|t| cases.iter().any(|c| c.contains(t))).collect();
    assert_eq!(found.len(), order.len(), "{cases:?}");
    let positions: Vec<usize> = order.iter().map(|t| cases.iter().position(|c| c.contains(t)).unwrap()).collect();
    assert!(positions.windows(2).all(|w| w[0] < w[1]), "cases in pinyin order by words: {cases:?}");
    let glossary = c.html("glossary.html");
    let letters = texts(&glossary, "h2.letter");
    assert_eq!(letters, ["C", "H", "K"], "重复 under C, 行业 under H");
}
