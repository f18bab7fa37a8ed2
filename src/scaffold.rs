//! `coursesite new DIR`: a starter course that builds as is — course.toml, one
//! lesson plan, one case, one page, a .gitignore and a GitHub Pages workflow.

use crate::diag::Diagnostic;
use std::fs;
use std::path::Path;

const FILES: &[(&str, &str)] = &[
    ("course.toml", COURSE_TOML),
    (".gitignore", "site/\n.site.staging-*\n.site.old-*\n"),
    (".github/workflows/pages.yml", PAGES_WORKFLOW),
    ("content/index.md", HOME),
    ("content/about.md", ABOUT),
    ("content/lessons/01-认识客户服务.md", LESSON),
    ("content/cases/示例案例.md", CASE),
];

/// Create the project; refuses a folder that exists and is not empty.
pub fn create(dir: &Path) -> Result<usize, Diagnostic> {
    if dir.exists() {
        let empty = fs::read_dir(dir).map(|mut d| d.next().is_none()).unwrap_or(false);
        if !empty {
            return Err(Diagnostic::error("folder exists and is not empty")
                .in_file(dir)
                .hint("choose a new folder name, e.g. coursesite new my-course"));
        }
    }
    for (rel, text) in FILES {
        let path = dir.join(rel);
        if let Some(parent) = path.parent() {
            fs::create_dir_all(parent)
                .map_err(|e| Diagnostic::error(format!("cannot create folder: {e}")).in_file(parent))?;
        }
        fs::write(&path, text).map_err(|e| Diagnostic::error(format!("cannot write: {e}")).in_file(&path))?;
    }
    Ok(FILES.len())
}

const COURSE_TOML: &str = r#"# 课程设置 — course settings. See README of coursesite for every key.
title = "我的课程"
subtitle = "课程副标题"
authors = ["任课教师"]
language = "zh-CN"      # or "en"
base_path = "/"         # e.g. "/my-course/" when hosted under a sub-path
nav = ["lessons", "cases", "about"]

[markdown]
unsafe_html = false     # raw HTML in Markdown is shown as text unless true
cjk_breaks = true       # join hard-wrapped Chinese lines without spaces
"#;

const PAGES_WORKFLOW: &str = r#"# Builds the course with coursesite and publishes site/ to GitHub Pages.
# Enable it under Settings → Pages → Source: GitHub Actions.
name: Deploy course site

on:
  push:
    branches: [main]
  workflow_dispatch:

permissions:
  contents: read
  pages: write
  id-token: write

concurrency:
  group: pages
  cancel-in-progress: false

jobs:
  build:
    runs-on: ubuntu-latest
    steps:
      - uses: actions/checkout@v4
      - uses: actions/cache@v4
        with:
          path: ~/.cargo/bin/coursesite
          key: coursesite-${{ runner.os }}
      # Installs coursesite from crates.io; to use a fork or an unreleased version,
      # replace with: cargo install --locked --git <repository URL of coursesite>
      - name: Install coursesite
        run: command -v coursesite || cargo install coursesite --locked
      - name: Build
        run: coursesite build --base-path "/${{ github.event.repository.name }}/"
      - uses: actions/upload-pages-artifact@v3
        with:
          path: site

  deploy:
    needs: build
    runs-on: ubuntu-latest
    environment:
      name: github-pages
      url: ${{ steps.deployment.outputs.page_url }}
    steps:
      - id: deployment
        uses: actions/deploy-pages@v4
"#;

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
