//! Math (issue 17): TeX in lessons, cases, slides, quizzes and the glossary is
//! rendered at build time to MathML; a TeX error is a box and a warning at
//! `file:line:col`, never a broken page; search indexes the TeX, not MathML.

mod common;

use common::*;

const LESSON_BODY: &str = "## 公式\n\n客户的利润率 $\\frac{p}{c}$，价格 $5 和 $10 不是公式。\n\n$$\n\\sum_{i=1}^{n} x_i\n$$\n\n坏公式 $\\frac{a$ 在此。\n";

fn course() -> TestCourse {
    let c = TestCourse::new();
    let lesson = simple_lesson(1, "数学", &[]).replace("## 讲授\n\n正文。\n", LESSON_BODY);
    c.file("content/lessons/01-数学.md", lesson)
        .file("content/cases/案例.md", case("案例", "增长率 \\(\\alpha\\)。", "1. 求 $\\sqrt{x}$？", "见 $x^2$。"))
        .file("content/quizzes/01-测.md", "+++\ntitle = \"测\"\n+++\n\n1. $\\frac{1}{2} + \\frac{1}{2} = 1$。（对）\n")
        .file("content/glossary.md", "+++\ntitle = \"术语表\"\n+++\n\n## 毛利率\n\n毛利率 $\\frac{R-C}{R}$，越高越好。\n\n## 客户\n\n买 $\\alpha$ 产品的人。\n");
    c
}

#[test]
fn math_renders_in_lessons_cases_slides_quizzes_and_the_glossary() {
    let c = course();
    let report = c.build();
    assert_eq!(report.errors(), 0, "{}", render_all(&report));
    let lesson = c.read("lessons/01-数学.html");
    assert!(lesson.contains("<math display=\"inline\">") && lesson.contains("<mfrac>"), "{lesson}");
    assert!(lesson.contains("<span class=\"math-display\"><math display=\"block\">"), "{lesson}");
    assert!(lesson.contains("<munderover>"), "{lesson}");
    assert!(lesson.contains("价格 $5 和 $10 不是公式"), "{lesson}");
    assert!(lesson.contains("<code class=\"math-error\""), "{lesson}");
    let deck = c.read("lessons/01-数学.slides.html");
    assert!(deck.contains("<mfrac>") && deck.contains("math-error"), "{deck}");
    let case = c.read("cases/案例.html");
    assert!(case.contains("<mi>α</mi>") && case.contains("<msqrt>") && case.contains("<msup>"), "{case}");
    let quiz = c.read("quizzes/01-测.html");
    assert!(quiz.contains("<mfrac>"), "{quiz}");
    let glossary = c.read("glossary.html");
    assert!(glossary.contains("<mfrac>"), "{glossary}");
    // Tooltips are plain text: the TeX as written.
    let tips = tooltips(&c, "lessons/01-数学.html");
    assert!(tips.iter().any(|t| t.contains("买 $\\alpha$ 产品的人。")), "{tips:?}");
}

#[test]
fn math_tex_error_is_one_warning_at_file_line_col() {
    let c = course();
    let report = c.build();
    let math: Vec<_> = report.diagnostics.iter().filter(|d| d.message.en().contains("math")).collect();
    assert_eq!(math.len(), 1, "{}", render_all(&report));
    let d = math[0];
    assert!(!d.is_error());
    assert!(d.path.as_ref().unwrap().ends_with("content/lessons/01-数学.md"), "{d:?}");
    let source = read_to_string(&c.path("content/lessons/01-数学.md"));
    let line = source.lines().nth(d.line - 1).unwrap();
    assert_eq!(line.chars().skip(d.col - 1).collect::<String>(), "$\\frac{a$ 在此。", "{d:?}");
}

#[test]
fn math_search_index_holds_tex_never_mathml() {
    let c = course();
    c.build();
    let index = c.search_index().to_string();
    assert!(index.contains("\\\\alpha"), "{index}");
    assert!(index.contains("\\\\frac{p}{c}"), "{index}");
    for markup in ["<mi>", "<mfrac", "<math", "annotation", "mi>"] {
        assert!(!index.contains(markup), "{markup} in {index}");
    }
}

#[test]
fn a_closing_mark_after_a_formula_never_starts_a_line() {
    let c = TestCourse::new();
    c.file("content/index.md", "# 首页\n")
        .file("content/a.md", "# 甲\n\n向量 $\\vec{x}$，均值 $\\bar{x}$。而 $y$ 是别的 $z$ x\n");
    c.build_ok();
    let doc = c.html("a.html");
    let kept: Vec<String> = select(&doc, ".content span.math-nobr").iter().map(|s| text(*s)).collect();
    assert_eq!(kept.len(), 2, "{kept:?}");
    assert!(kept[0].ends_with('，') && kept[1].ends_with('。'), "{kept:?}");
    assert_eq!(select(&doc, ".content math").len(), 4, "every formula is still there");
    assert!(!text(one(&doc, ".content p")).contains("，，"), "the mark is moved, not copied");
}

#[test]
fn dollar_dollar_inside_a_sentence_is_inline_math() {
    let c = TestCourse::new();
    c.file("content/index.md", "# 首页\n").file(
        "content/a.md",
        "# 甲\n\n满意率 $$p$$ 和样本量 $$n$$ 有关。\n\n如下：\n$$\n\\sum_i x_i\n$$\n\n$$E = mc^2$$\n",
    );
    c.build_ok();
    let doc = c.html("a.html");
    assert_eq!(attrs(&doc, ".content math", "display"), ["inline", "inline", "block", "block"]);
}
