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
