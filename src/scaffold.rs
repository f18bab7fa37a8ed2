//! `coursesite new DIR`: a starter course that builds as is — course.toml, one
//! lesson plan, one case, one call script, one quiz, one page, a glossary of
//! two terms, a .gitignore and a GitHub Pages workflow. The folder's name is
//! the course's title (`coursesite new 客户服务实务`).

use crate::diag::Diagnostic;
use std::fs;
use std::path::Path;

const FILES: &[(&str, &str)] = &[
    ("course.toml", COURSE_TOML),
    (
        ".gitignore",
        "site/\nsite-teacher/\n.coursesite-cache/\n.site.staging-*\n.site.old-*\n.site-teacher.staging-*\n.site-teacher.old-*\n",
    ),
    (".github/workflows/pages.yml", PAGES_WORKFLOW),
    ("content/index.md", HOME),
    ("content/about.md", ABOUT),
    ("content/lessons/01-认识客户服务.md", LESSON),
    ("content/cases/示例案例.md", CASE),
    ("content/scripts/示例话术.md", SCRIPT),
    ("content/quizzes/示例测验.md", QUIZ),
    ("content/glossary.md", GLOSSARY),
];

/// The title the starter files carry until the folder's name replaces it.
const PLACEHOLDER_TITLE: &str = "我的课程";

/// The course's title: the folder's name (`客户服务实务`, `my-course`).
fn course_title(dir: &Path) -> String {
    let name = std::path::absolute(dir).ok().and_then(|d| d.file_name().map(|n| n.to_string_lossy().into_owned()));
    name.map(|n| n.trim().to_string()).filter(|n| !n.is_empty()).unwrap_or_else(|| PLACEHOLDER_TITLE.to_string())
}

/// Where coursesite's source lives: Cargo.toml's `repository`, the one place
/// it is written. The Pages workflow installs coursesite from there.
pub const REPOSITORY: &str = env!("CARGO_PKG_REPOSITORY");

/// The revision of coursesite the Pages workflow installs: the commit this
/// binary was built from (build.rs reads it from git), else the release tag of
/// its version, so a course's CI builds with the coursesite its author used.
pub const PINNED_REV: &str = match option_env!("COURSESITE_GIT_REV") {
    Some(rev) => rev,
    None => concat!("v", env!("CARGO_PKG_VERSION")),
};

/// A starter file's text for a course titled `title`.
fn fill(text: &str, title: &str) -> String {
    text.replace(&format!("title = \"{PLACEHOLDER_TITLE}\""), &format!("title = {}", toml_string(title)))
        .replace("@COURSESITE_REPOSITORY@", REPOSITORY)
        .replace("@COURSESITE_REV@", PINNED_REV)
}

/// A TOML basic string holding `text`.
fn toml_string(text: &str) -> String {
    toml::Value::String(text.to_string()).to_string()
}

/// Create the project; refuses a folder that exists and is not empty.
pub fn create(dir: &Path) -> Result<usize, Diagnostic> {
    if dir.exists() {
        let empty = fs::read_dir(dir).map(|mut d| d.next().is_none()).unwrap_or(false);
        if !empty {
            return Err(Diagnostic::error(msg!("new_not_empty")).in_file(dir).hint(msg!("new_not_empty_hint")));
        }
    }
    let title = course_title(dir);
    for (rel, text) in FILES {
        let text = fill(text, &title);
        let path = dir.join(rel);
        if let Some(parent) = path.parent() {
            fs::create_dir_all(parent).map_err(|e| {
                Diagnostic::error(msg!("io_cannot_create_folder", error = crate::messages::io_error(&e)))
                    .in_file(parent)
            })?;
        }
        fs::write(&path, text).map_err(|e| {
            Diagnostic::error(msg!("io_cannot_write", error = crate::messages::io_error(&e))).in_file(&path)
        })?;
    }
    Ok(FILES.len())
}

const COURSE_TOML: &str = r#"# 课程设置 — course settings. See README of coursesite for every key.
title = "我的课程"
subtitle = "课程副标题"
authors = ["任课教师"]
language = "zh-CN"      # or "en"
base_path = "/"         # e.g. "/my-course/" when hosted under a sub-path
nav = ["lessons", "cases", "scripts", "quizzes", "glossary", "about"]

[markdown]
raw_html = "sanitize"   # raw HTML: "sanitize" (safe tags kept), "escape" (as text) or "trust"
cjk_breaks = true       # join hard-wrapped Chinese lines without spaces
"#;

/// The GitHub Pages workflow, with its `@…@` fields filled in by [`fill`].
const PAGES_WORKFLOW: &str = include_str!("scaffold/pages.yml");

const HOME: &str = r#"+++
title = "我的课程"
+++

欢迎来到本课程。左侧是按栏目排列的教案与案例，每页底部有“上一页 / 下一页”。
"#;

const ABOUT: &str = r#"+++
title = "关于本课程"
summary = "课程简介与考核方式。"
+++

## 课程简介

在这里介绍课程的定位、对象和学习方法。

## 考核方式

| 项目 | 比例 |
| --- | --- |
| 平时成绩 | 30% |
| 实训任务 | 30% |
| 期末考试 | 40% |
"#;

const LESSON: &str = r#"+++
title = "项目一 认识客户服务"
number = 1
chapter = "项目一 认识客户服务"
hours = 2
summary = "客户与客户服务的基本概念。"
content = ["客户的含义与分类", "客户服务的含义"]
methods = ["讲授", "讨论", "案例分析"]
key_points = ["客户的分类"]
difficulties = ["内部客户的理解"]
deck = "项目一 认识客户服务.pptx"
cases = ["cases/示例案例"]
homework = ["举例说明什么是内部客户。"]

[objectives]
knowledge = ["理解客户的含义", "了解客户服务的类型"]
ability = ["能够区分内部客户与外部客户"]

[[steps]]
name = "组织教学"
minutes = 5

[[steps]]
name = "案例导入"
minutes = 15

[[steps]]
name = "新课讲解"
minutes = 55

[[steps]]
name = "归纳总结"
minutes = 15
+++

## 步骤二 案例导入

阅读[示例案例](../cases/示例案例.md)，思考：好的服务体现在哪里？

## 步骤三 新课讲解

> [!本讲重点]
> 客户不只是买东西的人。

### 一、客户的分类

| 客户类型 | 说明 |
| --- | --- |
| 内部客户 | 企业内部的同事与部门 |
| 外部客户 | 购买或使用产品的个人与组织 |

> [!课堂小思考]
> 你在学校里的“客户”是谁？

## 步骤四 归纳总结

> [!小结]
> 客户包括内部客户和外部客户。
"#;

const CASE: &str = r#"+++
title = "示例案例"
company = "某公司"
source = "教师自编"
summary = "一个用来演示案例页面的小故事。"
+++

一位顾客在下雨天走进门店，店员主动递上毛巾，并记住了他的名字。

## 思考

1. 店员做了哪些超出顾客预期的事？

## 分析提示

优质服务来自对细节的关注和对顾客的尊重。
"#;

const SCRIPT: &str = r#"+++
title = "示例话术：电话回访"
summary = "话术的写法：节点、对话、分支。坐席一方可以打开“练习模式”先说再看。"
agent = "坐席"
customer = "客户"
+++

每个 `##` 标题是通话的一个环节，`{#id}` 是它的编号；`角色：台词` 是一句对话；
`? 提示` 加列表是分支，`-> #id` 指向下一个环节。

## 开场 {#open step="问好，自我介绍"}

坐席：您好，我是某某公司的客服小王，耽误您一分钟做个回访可以吗？

? 客户的反应
- 可以，你说吧。 -> #ask
- 我现在很忙。 -> #busy

## 客户很忙 {#busy step="拒绝处理"}

坐席：不好意思打扰了！您看我是今天下午还是明天上午再打给您？
客户：明天上午吧。

## 回访 {#ask step="表明来意"}

坐席：请问您对上次的服务满意吗？
客户：（想了想）挺满意的。
坐席：谢谢您的支持，祝您生活愉快，再见！

> [!教师]
> 这一块只出现在教师版（coursesite build --profile teacher）中。
"#;

const QUIZ: &str = r#"+++
title = "示例测验"
summary = "测验的写法：题目是编号列表，答案写在题目里。"
+++

1. 内部客户也是企业的客户。（对）
   > 解析：企业内部接手你工作成果的同事，也是你的客户。
2. 下列哪一项属于售后服务？
   - [ ] 产品介绍
   - [x] 上门维修
   > 解析：维修发生在购买之后。
3. 把下列服务分类：
   - 定期服务：季度保养、年度回访
   - 不定期服务：故障抢修、来电咨询
"#;

const GLOSSARY: &str = r#"+++
title = "术语表"
summary = "本课程的核心概念，按拼音排序。"
+++

每个 `##` 标题是一个术语；正文里第一次出现的术语会自动链接到这里。

## 客户
{ en = "customer", related = ["客户满意度"] }

使用我们的产品或服务、并会评价我们工作的个人或组织，包括企业里接手你工作成果的同事。

## 客户满意度
{ en = "customer satisfaction", aliases = ["满意度"] }

客户把实际感受到的服务和自己的期望相比较后得出的评价。
"#;
