//! Rendering tests: each Markdown feature a course page uses, and what it
//! must produce.

use super::*;

use crate::config::LinkMode;
use crate::model::glossary::{Glossary, Term};
use crate::render::links::LinkIndex;

struct Rendered {
    html: String,
    headings: Vec<Heading>,
    links: Vec<LinkRef>,
    terms: Vec<TermUse>,
}

/// The built-in theme's templates for `lang` (its UI strings are written in
/// at load), loaded once for all tests.
fn templates(lang: Language) -> &'static crate::render::templates::Templates {
    use crate::render::templates::{load, Templates};
    static ZH: std::sync::OnceLock<Templates> = std::sync::OnceLock::new();
    static EN: std::sync::OnceLock<Templates> = std::sync::OnceLock::new();
    let cell = if lang == Language::En { &EN } else { &ZH };
    cell.get_or_init(|| load(&crate::theme::Theme::builtin(), lang).expect("built-in theme loads"))
}

fn index() -> LinkIndex {
    let mut index = LinkIndex::default();
    for (i, (source, id)) in [("cases/a.md", "cases/a"), ("lessons/a.md", "lessons/a")].into_iter().enumerate() {
        index.by_source.insert(source.into(), i);
        index.by_id.insert(id.into(), i);
        index.by_stem.entry(id.rsplit('/').next().unwrap().into()).or_default().push(i);
        index.outs.push(source.replace(".md", ".html"));
    }
    index.assets.insert("lessons/img/x.png".into());
    index
}

fn matcher(mode: LinkMode) -> TermMatcher {
    let g = Glossary {
        page: 9,
        intro: String::new(),
        terms: vec![Term::named("客户", &[]), Term::named("关键客户", &["大客户"])],
    };
    TermMatcher::new(&g, "glossary.html", mode).unwrap()
}

fn render_full(
    md: &str,
    markdown: &MarkdownConfig,
    lang: Language,
    terms: Option<&TermMatcher>,
) -> (Rendered, Vec<Diagnostic>) {
    let index = index();
    let links = Links { index: &index, page: 1, page_dir: "lessons", depth: 1 };
    let file_text = format!("+++\n+++\n{md}");
    let titles = vec!["案例甲".to_string(), "教案乙".to_string()];
    let env = Env {
        markdown,
        lang,
        display: Path::new("content/lessons/a.md"),
        file_text: &file_text,
        line_offset: 2,
        links: &links,
        titles: &titles,
        terms,
        exclude_term: None,
        teacher: false,
        templates: templates(lang),
    };
    let mut diags = Vec::new();
    let mut state = PageState::default();
    let html = render(md, &env, &mut state, &mut diags);
    (Rendered { html, headings: state.headings, links: state.links, terms: state.terms }, diags)
}

fn render_with(md: &str, markdown: &MarkdownConfig, lang: Language) -> (Rendered, Vec<Diagnostic>) {
    render_full(md, markdown, lang, None)
}

fn html(md: &str) -> (String, Vec<Diagnostic>) {
    let (r, d) = render_with(md, &MarkdownConfig::default(), Language::ZhCn);
    (r.html, d)
}

#[test]
fn cjk_soft_breaks_vanish_latin_ones_stay() {
    assert!(html("客户\n服务").0.contains("<p>客户服务</p>"));
    assert!(html("**重点**\n内容").0.contains("<strong>重点</strong>内容"));
    assert!(html("hello\nworld").0.contains("hello\nworld"));
    assert!(html("客户\nCRM").0.contains("客户\nCRM"));
    let off = MarkdownConfig { cjk_breaks: false, ..MarkdownConfig::default() };
    assert!(render_with("客户\n服务", &off, Language::ZhCn).0.html.contains("客户\n服务"));
}

#[test]
fn chinese_heading_ids_are_kept_and_unique() {
    let (r, _) =
        render_with("## 教学目标\n\n## 教学目标\n\n### `code` 与 **粗体**", &MarkdownConfig::default(), Language::ZhCn);
    assert!(r.html.contains("<h2 id=\"教学目标\">教学目标</h2>"), "{}", r.html);
    assert!(r.html.contains("<h2 id=\"教学目标-1\">"), "{}", r.html);
    assert_eq!(r.headings[2].text, "code 与 粗体");
    assert_eq!(r.headings[2].id, "code-与-粗体");
}

#[test]
fn heading_attribute_blocks_set_the_id_and_are_not_shown() {
    let md = "## 引言\n\n## 教学目标 {#goal .key}\n\n## 步骤 **一** {#goal}\n\n## 集合 {a, b}\n\n## main {#main}\n\n## goal\n";
    let (r, diags) = render_with(md, &MarkdownConfig::default(), Language::ZhCn);
    assert!(r.html.contains("<h2 id=\"goal\" class=\"key\">教学目标</h2>"), "{}", r.html);
    assert!(!r.html.contains("{#"), "{}", r.html);
    let ids: Vec<&str> = r.headings.iter().map(|h| h.id.as_str()).collect();
    // A repeated or theme id falls back (with a warning); the text `goal` never takes the fixed id.
    assert_eq!(ids, vec!["引言", "goal", "步骤-一", "集合-a-b", "main-1", "goal-1"]);
    assert_eq!(r.headings[1].text, "教学目标");
    assert_eq!(r.headings[2].text, "步骤 一");
    assert_eq!(diags.iter().filter(|d| d.message.en().contains("already taken")).count(), 2, "{diags:?}");
}

#[test]
fn callouts_get_class_and_localized_title() {
    let (out, _) = html("> [!本讲重点]\n> 第一条\n");
    assert!(out.contains("<div class=\"callout callout-key-points\" role=\"note\">"), "{out}");
    assert!(out.contains("<p class=\"callout-title\">本讲重点</p>"), "{out}");
    assert!(out.contains("<p>第一条</p>"), "{out}");
    assert!(!out.contains("[!"), "{out}");
    let (r, _) = render_with("> [!NOTE]\n> text", &MarkdownConfig::default(), Language::En);
    assert!(r.html.contains("callout-note") && r.html.contains(">Note</p>"), "{}", r.html);
    let (out, _) = html("> [!TIP] 自己的<标题>\n> 内容");
    assert!(out.contains(">自己的&lt;标题&gt;</p>"), "{out}");
    let (out, _) = html("> 普通引用");
    assert!(out.contains("<blockquote>"), "{out}");
}

#[test]
fn consecutive_tabs_are_one_tab_set_and_nested_sets_get_their_own_ids() {
    let md = "> [!tab] A & B\n> 甲\n\n> [!tab] B\n> > [!tab] 内一\n> > x\n>\n> > [!tab] 内二\n> > y\n\n段落\n\n> [!TAB] C\n> 丙\n";
    let (out, diags) = html(md);
    assert!(diags.is_empty(), "{diags:?}");
    assert_eq!(out.matches("<div class=\"tabs\" data-tabs>").count(), 3, "{out}");
    assert_eq!(out.matches("role=\"tabpanel\"").count(), 5, "{out}");
    assert!(
        out.contains(
            "id=\"tab1-0\" aria-controls=\"tabpanel1-0\" aria-selected=\"true\" tabindex=\"0\">A &amp; B</button>"
        ),
        "{out}"
    );
    assert!(
        out.contains("id=\"tab1-1\" aria-controls=\"tabpanel1-1\" aria-selected=\"false\" tabindex=\"-1\">B</button>"),
        "{out}"
    );
    assert!(out.contains(">内二</button>") && out.contains("id=\"tabpanel3-0\""), "{out}");
    // The inner set sits in the second panel of the first.
    let inner = out.find(">内一</button>").unwrap();
    assert!(out.find("id=\"tabpanel1-1\"").unwrap() < inner && inner < out.find(">段落<").unwrap(), "{out}");
    assert!(!out.contains("[!") && !out.contains("&lt;div") && !out.contains("callout"), "{out}");
}

#[test]
fn folding_callouts_are_details_and_signs_never_show() {
    let (out, _) = html("> [!TIP]- 收起的<标题>\n> 内容\n\n> [!思考]+\n> 打开的\n");
    assert!(
        out.contains(
            "<details class=\"callout callout-tip\">\n<summary class=\"callout-title\">收起的&lt;标题&gt;</summary>"
        ),
        "{out}"
    );
    assert!(
        out.contains("<details class=\"callout callout-think\" open>\n<summary class=\"callout-title\">思考</summary>"),
        "{out}"
    );
    assert!(out.contains("<p>内容</p>\n</details>") && !out.contains("]-") && !out.contains("[!"), "{out}");
}

#[test]
fn speaker_notes_and_stray_teacher_boxes_stay_off_a_student_page() {
    // Every notes alias, any case: off the page (the deck's presenter view has them).
    for alias in crate::syntax::callouts::SPEAKER_NOTES.aliases {
        let (out, _) = html(&format!("正文\n\n> [!{}]\n> 讲稿秘密\n", alias.to_uppercase()));
        assert!(!out.contains("讲稿秘密") && out.contains("<p>正文</p>"), "{alias}: {out}");
    }
    // The student edition strips teacher boxes from the source; one it missed
    // (inside a list item, a nested quote) is still never drawn.
    let (out, _) = html("- 项目\n\n  - > [!教师] 标题\n    > 教师秘密\n\n> > [!Teacher]\n> > 也是秘密\n");
    assert!(!out.contains("秘密") && !out.contains("callout-teacher") && out.contains("项目"), "{out}");
}

#[test]
fn raw_html_is_escaped_with_one_warning() {
    let escape = MarkdownConfig { raw_html: crate::config::RawHtml::Escape, ..MarkdownConfig::default() };
    let (r, diags) = render_with(
        "<script>alert(1)</script>\n\n文字 <b onmouseover=x>粗</b>\n\n<!-- 注释 -->",
        &escape,
        Language::ZhCn,
    );
    let out = r.html;
    assert!(!out.contains("<script>"), "{out}");
    assert!(!out.contains("<b "), "{out}");
    assert!(out.contains("language-html") && out.contains("&lt;b onmouseover=x&gt;"), "{out}");
    assert!(!out.contains("注释"), "{out}");
    assert_eq!(diags.len(), 1, "{diags:?}");
    assert_eq!((diags[0].line, diags[0].col), (3, 1));
    let unsafe_ok = MarkdownConfig { unsafe_html: true, ..MarkdownConfig::default() };
    let (r, d) = render_with("<b>粗</b>", &unsafe_ok, Language::ZhCn);
    assert!(r.html.contains("<b>粗</b>") && d.is_empty());
}

#[test]
fn script_links_are_emptied_and_md_links_rewritten() {
    let (out, diags) = html("[x](javascript:alert(1)) [y](&#106;avascript:alert(1)) [案例](../cases/a.md#思考)");
    assert!(!out.contains("javascript"), "{out}");
    assert!(
        out.contains("href=\"../cases/a.html#%E6%80%9D%E8%80%83\"") || out.contains("href=\"../cases/a.html#思考\""),
        "{out}"
    );
    assert_eq!(diags.len(), 2);
}

#[test]
fn missing_image_is_an_error_at_its_position() {
    let (_, diags) = html("正文\n\n前 ![图](img/nope.png)");
    assert_eq!(diags.len(), 1);
    assert!(diags[0].is_error());
    assert_eq!((diags[0].line, diags[0].col), (5, 3));
    let (_, diags) = html("![图](img/x.png)");
    assert!(diags.is_empty(), "{diags:?}");
}

#[test]
fn short_links_resolve_with_default_and_given_labels() {
    let (r, d) =
        render_with("见 [[cases/a]] 与 [[a|这里]] 与 [[cases/a#思考]]", &MarkdownConfig::default(), Language::ZhCn);
    assert!(d.iter().any(|d| d.message.en().contains("ambiguous")), "{d:?}");
    assert!(r.html.contains("<a href=\"../cases/a.html\">案例甲</a>"), "{}", r.html);
    assert!(
        r.html.contains("<a href=\"../cases/a.html#思考\">") || r.html.contains("#%E6%80%9D%E8%80%83"),
        "{}",
        r.html
    );
    assert_eq!(r.links.len(), 2);
    assert_eq!(r.links[1].fragment.as_deref(), Some("思考"));
    let (_, d) = render_with("[[没有这页]]", &MarkdownConfig::default(), Language::ZhCn);
    assert_eq!(d.len(), 1);
    assert_eq!((d[0].line, d[0].col), (3, 1));
}

#[test]
fn links_remember_the_heading_they_sit_under() {
    let (r, _) = render_with(
        "[x](../cases/a.md)\n\n## 第一节\n\n[y](../cases/a.md)",
        &MarkdownConfig::default(),
        Language::ZhCn,
    );
    assert_eq!(r.links[0].heading, None);
    assert_eq!(r.links[1].heading, Some(0));
    assert_eq!(r.headings[0].id, "第一节");
}

#[test]
fn terms_link_first_occurrence_longest_match_outside_headings_links_and_code() {
    let m = matcher(LinkMode::First);
    let md = "## 客户\n\n大客户和客户，再说客户。\n\n`客户` [客户](../cases/a.md)\n\n```\n客户\n```";
    let (r, _) = render_full(md, &MarkdownConfig::default(), Language::ZhCn, Some(&m));
    assert!(r.html.contains("<h2 id=\"客户\">客户</h2>"), "{}", r.html);
    assert!(r.html.contains("<a class=\"term\" href=\"../glossary.html#关键客户\">大客户</a>和<a class=\"term\" href=\"../glossary.html#客户\""), "{}", r.html);
    assert_eq!(r.html.matches("class=\"term\"").count(), 2, "{}", r.html);
    assert!(r.html.contains("<code>客户</code>"));
    // Every occurrence in running text counts as a use, linked or not.
    assert_eq!(r.terms.iter().filter(|t| t.term == 0).count(), 2);
    let all = matcher(LinkMode::All);
    let (r, _) = render_full("客户\n服务的客户", &MarkdownConfig::default(), Language::ZhCn, Some(&all));
    assert_eq!(r.html.matches("class=\"term\"").count(), 2, "{}", r.html);
    let none = matcher(LinkMode::None);
    let (r, _) = render_full("客户", &MarkdownConfig::default(), Language::ZhCn, Some(&none));
    assert!(!r.html.contains("class=\"term\""));
    assert_eq!(r.terms.len(), 1);
}

#[test]
fn gfm_extensions_and_highlighting() {
    let (out, _) = html("| a | b |\n|---|---|\n| 1 | 2 |\n\n~~删~~ https://example.org\n\n- [x] 完成\n\n注[^1]\n\n[^1]: 脚注\n\n```rust\nfn main() {}\n```\n");
    for needle in ["<table>", "<del>删</del>", "href=\"https://example.org\"", "type=\"checkbox\"", "footnote", "hl-"]
    {
        assert!(out.contains(needle), "{needle} in {out}");
    }
}

/// Issue 16: columns are converted per node that needs one, not by comrak for
/// every node; on a long line of Chinese and inline nodes they must still count
/// characters, for every link, wherever it sits on the line.
#[test]
fn diagnostics_and_links_on_a_long_line_point_at_their_character_column() {
    let piece = "**强调** [案例](../cases/a.md) "; // 27 characters
    let count = 2_000;
    let line = format!("{}[坏](nope.md) {}![图](img/nope.png)", piece.repeat(count), "字".repeat(50));
    let (r, diags) = render_with(&format!("段落\n\n{line}\n"), &MarkdownConfig::default(), Language::ZhCn);
    let chars = piece.chars().count();
    assert_eq!(r.links.len(), count);
    for (i, link) in r.links.iter().enumerate() {
        assert_eq!((link.line, link.col), (5, i * chars + 8), "link {i}");
    }
    let at: Vec<_> = diags.iter().map(|d| (d.line, d.col)).collect();
    let broken = count * chars + 1;
    assert_eq!(at, vec![(5, broken), (5, broken + "[坏](nope.md) ".chars().count() + 50)], "{diags:?}");
}

#[test]
fn math_every_delimiter_becomes_mathml() {
    let (out, diags) = html(
        "行内 $\\frac{a}{b}$ 与 \\(\\sqrt{x}\\)，代码式 $`x^2`$。\n\n$$\n\\sum_{i=1}^{n} i\n$$\n\n\\[\\alpha\\]\n\n```math\n\\begin{cases} 1 & x > 0 \\\\ 0 & \\text{否则} \\end{cases}\n```\n",
    );
    assert!(diags.is_empty(), "{diags:?}");
    assert_eq!(out.matches("<math display=\"inline\">").count(), 3, "{out}");
    assert_eq!(out.matches("<span class=\"math-display\"><math display=\"block\">").count(), 3, "{out}");
    for want in ["<mfrac>", "<msqrt>", "<msup>", "<munderover>", "<mtable", "<mtext>否则</mtext>", "α"] {
        assert!(out.contains(want), "no {want} in {out}");
    }
    // Markdown inside math is left alone: `*` and `_` are TeX.
    let (out, _) = html("$a*b*c_1 + d_2$");
    assert!(!out.contains("<em>") && out.contains("<math"), "{out}");
}

#[test]
fn math_currency_and_escaped_dollars_stay_prose() {
    for (md, text) in [
        ("价格 $5 和 $10", "价格 $5 和 $10"),
        ("\\$x\\$ 不是公式", "$x$ 不是公式"),
        ("$ x$ 与 $x $", "$ x$ 与 $x $"),
        ("花了 $20,000 买 $3", "花了 $20,000 买 $3"),
        ("`$x$` 是代码", "<code>$x$</code> 是代码"),
    ] {
        let (out, diags) = html(md);
        assert!(!out.contains("<math"), "{md}: {out}");
        assert!(out.contains(text), "{md}: {out}");
        assert!(diags.is_empty(), "{diags:?}");
    }
    let (out, _) = html("```\n$x$\n```\n");
    assert!(!out.contains("<math"), "{out}");
}

#[test]
fn math_error_is_a_box_and_a_warning_at_its_position() {
    let (out, diags) = html("正文\n\n前面 $\\frac{a$ 后面");
    assert!(out.contains("<code class=\"math-error\""), "{out}");
    assert!(out.contains(">\\frac{a</code>") && out.contains("后面"), "{out}");
    assert_eq!(diags.len(), 1, "{diags:?}");
    assert!(!diags[0].is_error() && diags[0].message.en().contains("math"), "{diags:?}");
    assert_eq!((diags[0].line, diags[0].col), (5, 4));
    let (out, diags) = html("段\n\n```math\n\\begin{aligned} a\n```\n");
    assert!(out.contains("math-error"), "{out}");
    assert_eq!((diags[0].line, diags[0].col), (6, 1), "{diags:?}");
}

#[test]
fn math_in_a_heading_keeps_its_tex_as_heading_text() {
    let (r, _) = render_with("## 公式 $E=mc^2$", &MarkdownConfig::default(), Language::ZhCn);
    assert_eq!(r.headings[0].text, "公式 E=mc^2");
    assert!(r.html.contains("<msup>"), "{}", r.html);
}

#[test]
fn raw_html_is_sanitised_by_default_with_located_warnings() {
    let md = "正文\n\n文字 <u>下划线</u> <b onmouseover=x>粗</b> <kbd>Ctrl</kbd>\n\n<script>alert(1)</script>\n\n<details open ontoggle=x><summary>看</summary>\n\n- 列表\n\n</details>\n\n没闭合 <sup>上";
    let (out, diags) = html(md);
    assert!(out.contains("<u>下划线</u> <b>粗</b> <kbd>Ctrl</kbd>"), "{out}");
    assert!(out.contains("<details open=\"\"><summary>看</summary>") && out.contains("</ul>\n</details>"), "{out}");
    assert!(out.contains("<sup>上</sup></p>"), "{out}");
    assert!(
        !out.contains("script") && !out.contains("alert") && !out.contains("onmouseover") && !out.contains("ontoggle"),
        "{out}"
    );
    let at: Vec<_> = diags.iter().map(|d| (d.line, d.col, d.message.clone())).collect();
    assert_eq!(at.len(), 3, "{at:?}");
    assert_eq!((at[0].0, at[0].1), (5, 15), "{at:?}");
    assert!(at[0].2.en().contains("onmouseover"), "{at:?}");
    assert_eq!((at[1].0, at[1].1), (7, 1), "{at:?}");
    assert!(at[1].2.en().contains("<script>"), "{at:?}");
    assert_eq!((at[2].0, at[2].1), (9, 1), "{at:?}");
    assert!(at[2].2.en().contains("ontoggle"), "{at:?}");
    let trust = MarkdownConfig { unsafe_html: true, ..MarkdownConfig::default() };
    assert_eq!(trust.raw_html_mode(), crate::config::RawHtml::Trust);
}

#[test]
fn short_table_cells_stay_whole_and_long_ones_wrap() {
    let (out, _) = html("| 类型 | 说明 |\n|---|---|\n| 漠不关心型 | 对服务没有什么要求，也不在意服务人员的态度，只想尽快办完事。 |\n| `API` | ![图](a.png) |\n");
    assert!(out.contains("<td><span class=\"cell-short\">漠不关心型</span></td>"), "{out}");
    assert!(out.contains("<th><span class=\"cell-short\">类型</span></th>"), "{out}");
    assert!(!out.contains("cell-short\">对服务"), "a long cell wraps: {out}");
    assert!(out.contains("<td><span class=\"cell-short\"><code>API</code></span></td>"), "{out}");
    assert!(!out.contains("cell-short\"><img"), "a picture's width is unknown: {out}");
    assert!(is_bare_tag("<a class=\"term\" href=\"x\">") && is_bare_tag("</a>"));
    assert!(!is_bare_tag("<img src=\"a.png\">") && !is_bare_tag("<br>") && !is_bare_tag("<b>x</b>"));
}
