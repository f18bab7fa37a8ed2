//! Other tools' containers in a lesson (MkDocs admonitions, VitePress /
//! Docusaurus `:::`, MyST directives, pymdown tabs) are built as coursesite's
//! own callouts and tab sets, no raw syntax left; teacher-only ones are gone
//! from the student edition (`syntax::containers`). Jekyll's template tags are
//! dropped, unwrapped or named (`syntax::liquid`).

mod common;

use common::*;
use coursesite::profile::Profile;
use scraper::Html;

const PAGE: &str = r#"+++
title = "容器"
+++

# 容器

!!! note "MK标题"
    MK正文

    - 列表
        - 嵌套

    ```py
    print("!!! not a box")
    ```

??? success "参考答案"
    MK折叠

???+ tip
    MK展开

!!! warning ""
    MK无标题

::: tip VP标题
VP正文
:::

::: details VP细节
VP折叠
:::

:::: danger 外层
::: info 内层
VP内文
:::
::::

```{note}
MYST正文
```

```{admonition} MYST标题
:class: tip

MYST通用
```

=== "Python"

    ```python
    print(1)
    ```

=== "Java"

    JAVA正文

!!! teacher "教师的"
    SECRET-MK

::: teacher
SECRET-VP
:::

```{teacher}
SECRET-MYST
```

```md
!!! note
    代码里的
```
"#;

fn course() -> TestCourse {
    let c = TestCourse::new();
    c.file("content/index.md", "# 首页\n\n欢迎。\n");
    c.file("content/page.md", PAGE);
    c
}

fn build(c: &TestCourse, profile: Profile) -> Html {
    let mut opts = c.options();
    opts.profile = profile;
    opts.out = c.root().join(profile.default_out());
    let report = coursesite::build(&opts);
    assert_eq!(report.status, coursesite::Status::Ok, "{profile:?}:\n{}", render_all(&report));
    Html::parse_document(&read_to_string(&opts.out.join("page.html")))
}

/// The callout box whose title is `title`: its classes, element name and text.
fn box_titled(doc: &Html, title: &str) -> (String, String, String) {
    let el = select(doc, ".callout")
        .into_iter()
        .find(|b| select_in(*b, ".callout-title").first().is_some_and(|t| text(*t).trim() == title))
        .unwrap_or_else(|| panic!("no box titled {title}:\n{}", one(doc, "main").html()));
    (el.value().attr("class").unwrap().to_string(), el.value().name().to_string(), text(el))
}

#[test]
fn every_container_is_a_callout_or_a_tab_set() {
    let c = course();
    let doc = build(&c, Profile::Teacher);
    let (class, tag, body) = box_titled(&doc, "MK标题");
    assert_eq!((class.as_str(), tag.as_str()), ("callout callout-note", "div"));
    assert!(body.contains("MK正文") && body.contains("嵌套") && body.contains("print"), "{body}");
    assert_eq!(select(&doc, ".callout-note li li").len(), 1, "nested list kept");
    let (class, tag, _) = box_titled(&doc, "参考答案");
    assert_eq!((class.as_str(), tag.as_str()), ("callout callout-tip", "details"));
    let open = select(&doc, "details.callout[open]");
    assert!(open.iter().any(|d| text(*d).contains("MK展开")));
    assert!(box_titled(&doc, "警告").2.contains("MK无标题"), "empty title: the default one");
    assert_eq!(box_titled(&doc, "VP标题").0, "callout callout-tip");
    let (class, tag, _) = box_titled(&doc, "VP细节");
    assert_eq!((class.as_str(), tag.as_str()), ("callout callout-note", "details"));
    let (class, _, outer) = box_titled(&doc, "外层");
    assert!(class.ends_with("callout-caution") && outer.contains("内层") && outer.contains("VP内文"));
    assert_eq!(select(&doc, ".callout-caution .callout-note").len(), 1, "nested");
    assert!(box_titled(&doc, "说明").2.contains("MYST正文"));
    let (_, _, myst) = box_titled(&doc, "MYST标题");
    assert!(myst.contains("MYST通用") && !myst.contains(":class:"), "{myst}");
    assert_eq!(box_titled(&doc, "教师的").0, "callout callout-teacher");
    // Tabs.
    let tabs = select(&doc, ".tabs [role=tablist] [role=tab]");
    assert!(!tabs.is_empty(), "{}", one(&doc, "main").html());
    assert_eq!(tabs.iter().map(|t| text(*t)).collect::<Vec<_>>(), ["Python", "Java"]);
    assert_eq!(tabs[0].value().attr("aria-selected"), Some("true"));
    assert_eq!(tabs[1].value().attr("aria-selected"), Some("false"));
    let panels = select(&doc, ".tabs [role=tabpanel]");
    assert_eq!(panels.len(), 2);
    assert_eq!(tabs[1].value().attr("aria-controls"), panels[1].value().attr("id"));
    assert!(text(panels[1]).contains("JAVA正文") && select_in(panels[0], "pre").len() == 1);
    assert_eq!(select(&doc, "script[src$='theme/tabs.js']").len(), 1);
    assert!(c.root().join("site-teacher/theme/tabs.js").exists());
    // No raw syntax in the visible text, except inside code blocks.
    let content = one(&doc, "main");
    let mut visible = text(content);
    for code in select_in(content, "pre") {
        visible = visible.replace(&text(code), "");
    }
    for raw in ["!!!", "???", ":::", "=== \"", "```{", "[!"] {
        assert!(!visible.contains(raw), "{raw} left in:\n{visible}");
    }
    // A container inside fenced code stays code.
    assert!(select(&doc, "pre").iter().any(|p| text(*p).contains("!!! note")));
}

#[test]
fn teacher_containers_are_absent_from_the_student_edition() {
    let c = course();
    build(&c, Profile::Student);
    let html = read_to_string(&c.root().join("site/page.html"));
    for secret in ["SECRET-MK", "SECRET-VP", "SECRET-MYST", "教师的", "callout-teacher"] {
        assert!(!html.contains(secret), "{secret} in the student edition");
    }
    assert!(html.contains("MK正文") && html.contains("VP内文") && html.contains("JAVA正文"));
}

#[test]
fn pages_without_tabs_do_not_load_the_tab_script() {
    let c = course();
    c.build_ok();
    assert!(!c.read("index.html").contains("tabs.js"));
}

#[test]
fn jekyll_template_tags_are_dropped_unwrapped_or_named() {
    let c = TestCourse::new();
    c.file(
        "content/post.md",
        "---\ntitle: 旧文章\nlayout: post\n---\n\n开头。\n\n{% comment %}\n草稿，不该显示。\n{% endcomment %}\n\n{% raw %}模板写法 {{ name }} 原样。{% endraw %}\n\n首页在 {{ site.title }} 。[回首页]({{ site.baseurl }}/)\n",
    );
    let report = c.build_ok();
    let shown = text(one(&c.html("post.html"), ".content"));
    assert!(!shown.contains("草稿") && !shown.contains("comment"), "{shown}");
    assert!(shown.contains("模板写法 {{ name }} 原样。") && !shown.contains("raw"), "{shown}");
    assert!(shown.contains("首页在 {{ site.title }} 。回首页"), "{shown}");
    assert_eq!(attrs(&c.html("post.html"), ".content a", "href"), ["index.html"], "site.baseurl is the course's root");
    let warnings = warnings_of(&report);
    let named: Vec<&String> = warnings.iter().filter(|w| w.contains("template tag")).collect();
    assert_eq!(named.len(), 1, "{warnings:?}");
    assert!(named[0].contains("post.md:14:5:") && named[0].contains("{{ site.title }}"), "{warnings:?}");
}
