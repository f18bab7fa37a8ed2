use super::*;

fn rw(text: &str) -> String {
    let out = rewrite(text, 0);
    assert_eq!(out.split('\n').count(), text.split('\n').count(), "lines kept:\n{text}\n→\n{out}");
    out
}

#[test]
fn admonitions_titles_and_folding() {
    assert_eq!(rw("!!! note \"标题\"\n    正文\n"), "> [!note] 标题\n> 正文\n");
    assert_eq!(rw("!!! tip\n    正文\n"), "> [!tip]\n> 正文\n");
    // An empty title keeps the kind's default title.
    assert_eq!(rw("!!! warning \"\"\n    正文\n"), "> [!warning]\n> 正文\n");
    assert_eq!(rw("??? success \"参考答案\"\n    答案\n"), "> [!success]- 参考答案\n> 答案\n");
    assert_eq!(rw("???+ note\n    开着\n"), "> [!note]+\n> 开着\n");
    // Extra type words are CSS classes to MkDocs: ignored.
    assert_eq!(rw("!!! note inline end \"旁注\"\n    x\n"), "> [!note] 旁注\n> x\n");
    // A tab indents the body too.
    assert_eq!(rw("!!! tip\n\t正文\n"), "> [!tip]\n> 正文\n");
}

#[test]
fn admonition_body_ends_at_the_first_line_indented_less() {
    let text = "!!! note\n    一\n\n    二\n\n后文\n";
    assert_eq!(rw(text), "> [!note]\n> 一\n>\n> 二\n\n后文\n");
    // Nested lists, tables and code fences keep their shape, dedented.
    let text = "!!! example\n    - a\n        - b\n\n    | x | y |\n    |---|---|\n    | 1 | 2 |\n\n    ```py\n    !!! note\n    ```\nz\n";
    let out = rw(text);
    assert_eq!(
        out,
        "> [!example]\n> - a\n>     - b\n>\n> | x | y |\n> |---|---|\n> | 1 | 2 |\n>\n> ```py\n> !!! note\n> ```\nz\n"
    );
}

#[test]
fn nesting() {
    let text = "!!! note \"外\"\n    外文\n\n    !!! teacher\n        秘密\n\n    外文二\n";
    assert_eq!(rw(text), "> [!note] 外\n> 外文\n>\n> > [!teacher]\n> > 秘密\n>\n> 外文二\n");
    let text = ":::: tip 外\n::: warning 内\n警告\n:::\n外文\n::::\n后\n";
    assert_eq!(rw(text), "> [!tip] 外\n> > [!warning] 内\n> > 警告\n>\n> 外文\n\n后\n");
    // Same colon count: the inner one is closed first.
    let text = "::: tip\n::: danger\n危险\n:::\n外\n:::\n";
    assert_eq!(rw(text), "> [!tip]\n> > [!danger]\n> > 危险\n>\n> 外\n\n");
}

#[test]
fn colon_containers() {
    assert_eq!(rw("::: tip 标题\n正文\n:::\n"), "> [!tip] 标题\n> 正文\n\n");
    assert_eq!(rw(":::note\nx\n:::\n"), "> [!note]\n> x\n\n");
    assert_eq!(rw(":::info[自定义 标题]\nx\n:::\n"), "> [!info] 自定义 标题\n> x\n\n");
    assert_eq!(rw("::: details 点开看\n细节\n:::\n"), "> [!note]- 点开看\n> 细节\n\n");
    assert_eq!(rw("::: details 点开看 {open}\n细节\n:::\n"), "> [!note]+ 点开看\n> 细节\n\n");
    assert_eq!(rw(":::{note}\nx\n:::\n"), "> [!note]\n> x\n\n");
    // Unclosed: runs to the end.
    assert_eq!(rw("::: danger\nx\n"), "> [!danger]\n> x\n>");
    // A `:::` inside fenced code in the body does not close it.
    assert_eq!(rw("::: tip\n```\n:::\n```\n:::\n"), "> [!tip]\n> ```\n> :::\n> ```\n\n");
}

#[test]
fn myst_directives() {
    assert_eq!(rw("```{note}\n正文\n```\n"), "> [!note]\n> 正文\n\n");
    assert_eq!(rw("```{important}\nx\n```\n"), "> [!important]\nx\n\n".replace("\nx", "\n> x"));
    assert_eq!(rw("```{admonition} 标题\n:class: tip\n\n正文\n```\n"), "> [!note] 标题\n>\n>\n> 正文\n\n");
    // A nested directive uses a longer outer fence.
    assert_eq!(rw("````{note}\n```{warning}\n内\n```\n````\n"), "> [!note]\n> > [!warning]\n> > 内\n>\n\n");
    // Ordinary code is untouched.
    let text = "```rust\nfn main() {}\n```\n";
    assert_eq!(rw(text), text);
}

#[test]
fn tabs() {
    let text = "=== \"Python\"\n    print(1)\n\n=== \"Java\"\n    x\n";
    assert_eq!(rw(text), "> [!tab] Python\n> print(1)\n\n> [!tab] Java\n> x\n");
}

#[test]
fn nothing_inside_fenced_code_and_non_containers_are_left_alone() {
    for text in [
        "```\n!!! note\n    x\n::: tip\n:::\n=== \"a\"\n    b\n```\n",
        "~~~md\n??? note\n    x\n~~~\n",
        "!!! 太棒了！\n",
        "!!! 好\n下一行\n",
        "太棒了 !!! note\n",
        "::: \n:::\n",
        "=== \n",
        "===\n",
        "a\n===\n",
        "!!!\n",
        "???\n",
        "",
        "普通段落 { x }\n",
    ] {
        assert_eq!(rewrite(text, 0), text, "{text:?}");
    }
}

#[test]
fn front_matter_is_left_alone_and_odd_input_does_not_panic() {
    let text = "+++\ntitle = \"!!! note\"\n+++\n!!! note\n    x\n";
    assert_eq!(rewrite(text, 26), "+++\ntitle = \"!!! note\"\n+++\n> [!note]\n> x\n");
    for odd in [
        "!!! \"",
        "??? x \"",
        ":::[",
        ":::{",
        "```{",
        "```{}",
        "=== \"",
        "\t!!! x\n\t\ty",
        "　!!! x",
        "!!! x\n\u{3000}",
    ] {
        let _ = rewrite(odd, 0);
        let _ = rewrite(odd, 3);
    }
}

#[test]
fn tabs_with_a_blank_line_before_the_body() {
    let text = "=== \"Python\"\n\n    ```python\n    print(1)\n    ```\n\n=== \"Java\"\n\n    J\n";
    assert_eq!(rw(text), "> [!tab] Python\n>\n> ```python\n> print(1)\n> ```\n\n> [!tab] Java\n>\n> J\n");
}

#[test]
fn a_vitepress_code_group_is_a_tab_set_line_for_line() {
    let group = "::: code-group\n```js [config.js]\nlet a = 1;\n```\n\n```ts\nlet b: number = 2;\n```\n:::\n";
    let want = "> [!tab] config.js\n> ```js\n> let a = 1;\n\n> [!tab] ts\n> ```ts\n> let b: number = 2;\n\n\n";
    assert_eq!(rw(group), want);
    // No blank line between the fences: one line more, the quotes still apart.
    let tight = rewrite("::: code-group\n```py\nx\n```\n```sh [终端]\ny\n```\n:::\n", 0);
    assert_eq!(tight, "> [!tab] py\n> ```py\n> x\n\n> [!tab] 终端\n> ```sh\n> y\n\n\n");
}
