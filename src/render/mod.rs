//! Step 3, render: the course model → every output file, in memory. Markdown
//! becomes HTML, pages go through the theme's templates, theme files and assets
//! are listed. Nothing touches the disk here; `write` does that, all or nothing.

pub mod anchor;
pub mod callout;
pub mod case;
pub mod cjk;
pub mod context;
pub mod highlight;
pub mod links;
pub mod markdown;
mod templates;

use crate::diag::{Diagnostic, Diagnostics};
use crate::model::{Course, Kind, Page};
use crate::theme::Theme;
use anchor::Slugger;
use context::{CaseCtx, CasePart, Context, ContextBuilder};
use links::Links;
use markdown::{Env, Rendered};
use std::collections::{BTreeMap, BTreeSet};
use std::path::PathBuf;
use unicode_normalization::UnicodeNormalization;

#[derive(Debug)]
pub enum Contents {
    Bytes(Vec<u8>),
    /// A file copied as is (assets can be large: read them only when writing).
    Copy(PathBuf),
}

#[derive(Debug)]
pub struct OutputFile {
    /// Path under the output folder, `/`-separated.
    pub path: String,
    pub contents: Contents,
    /// What produced it, for collision messages.
    pub origin: PathBuf,
}

#[derive(Debug, Default)]
pub struct Site {
    pub files: Vec<OutputFile>,
}

pub fn render_site(course: &Course, theme: &Theme, diags: &mut Diagnostics) -> Site {
    let tera = match templates::load(theme) {
        Ok(tera) => tera,
        Err(d) => {
            diags.push(d);
            return Site::default();
        }
    };
    let sources: BTreeMap<String, String> = course.pages.iter().map(|p| (p.source.clone(), p.out.clone())).collect();
    let assets: BTreeSet<String> = course.assets.iter().map(|a| a.rel.clone()).collect();
    let builder = ContextBuilder::new(course);
    let mut files = Vec::new();
    let mut found = Vec::new();
    for (index, page) in course.pages.iter().enumerate() {
        let links = Links { page_dir: &page.dir, depth: page.depth(), pages: &sources, assets: &assets };
        let mut ctx = builder.base(index, "../".repeat(page.depth()));
        // A parser bug must not take the whole build down: report the page instead.
        let rendered = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
            let mut diags = Vec::new();
            fill_body(course, page, &links, &mut ctx, &mut diags);
            diags
        }));
        match rendered {
            Ok(diags) => found.extend(diags),
            Err(_) => {
                found.push(
                    Diagnostic::error("internal error while rendering this page's Markdown")
                        .in_file(&page.display)
                        .hint(
                        "please report this file to the coursesite developers; meanwhile simplify its deepest nesting",
                    ),
                );
                continue;
            }
        }
        let template = template_for(course, index, page);
        match templates::render(&tera, theme, template, &ctx) {
            Ok(html) => files.push(OutputFile {
                path: page.out.clone(),
                contents: Contents::Bytes(html.into_bytes()),
                origin: origin(page),
            }),
            Err(d) => found.push(d),
        }
    }
    // Hosts serve 404.html for any missing path, so it links from the base path.
    let mut ctx = builder.base(course.home(), course.config.base_path.clone());
    ctx.breadcrumbs.clear();
    ctx.prev = None;
    ctx.next = None;
    match templates::render(&tera, theme, "404.html", &ctx) {
        Ok(html) => files.push(OutputFile {
            path: "404.html".into(),
            contents: Contents::Bytes(html.into_bytes()),
            origin: "404.html".into(),
        }),
        Err(d) => found.push(d),
    }
    diags.extend(found);
    for (rel, file) in &theme.statics {
        let path = format!("theme/{}", rel.trim_start_matches("static/"));
        files.push(OutputFile { path, contents: Contents::Bytes(file.contents.clone()), origin: file.origin.clone() });
    }
    files.push(OutputFile {
        path: "theme/highlight.css".into(),
        contents: Contents::Bytes(highlight::stylesheet().into_bytes()),
        origin: "(generated) highlight.css".into(),
    });
    for asset in &course.assets {
        files.push(OutputFile {
            path: asset.rel.clone(),
            contents: Contents::Copy(asset.abs.clone()),
            origin: asset.abs.clone(),
        });
    }
    diags.extend(collisions(&files));
    Site { files }
}

fn origin(page: &Page) -> PathBuf {
    if page.generated {
        PathBuf::from(format!("(generated index of {}/)", page.dir))
    } else {
        page.display.clone()
    }
}

fn template_for(course: &Course, index: usize, page: &Page) -> &'static str {
    if index == course.home() {
        "index.html"
    } else if page.is_index {
        "section.html"
    } else {
        match page.kind {
            Kind::Lesson => "lesson.html",
            Kind::Case => "case.html",
            _ => "page.html",
        }
    }
}

/// Render the page's Markdown into the context (a case in its three parts).
fn fill_body<'a>(
    course: &'a Course,
    page: &'a Page,
    links: &Links,
    ctx: &mut Context<'a>,
    diags: &mut Vec<Diagnostic>,
) {
    if page.generated {
        return;
    }
    let mut slugger = Slugger::default();
    let env = |line_offset: usize| Env {
        markdown: &course.config.markdown,
        lang: course.config.language,
        display: &page.display,
        file_text: &page.text,
        line_offset,
        links,
    };
    let base_line = page.body_line - 1;
    if let Some(info) = &page.case {
        let mut story = String::new();
        let mut parts = [CasePart::default(), CasePart::default()];
        let mut headings = Vec::new();
        for chunk in case::split(page.body()) {
            if let Some(title) = chunk.heading {
                let id = slugger.unique(title);
                headings.push(markdown::Heading { level: 2, id: id.clone(), text: title.to_string() });
                let part = &mut parts[usize::from(chunk.part == case::Part::Analysis)];
                part.title = Some(title.to_string());
                part.id = Some(id);
            }
            let rendered = markdown::render(chunk.text, &env(base_line + chunk.first_line), &mut slugger, diags);
            match chunk.part {
                case::Part::Story => story.push_str(&rendered.html),
                case::Part::Questions => parts[0].html.push_str(&rendered.html),
                case::Part::Analysis => parts[1].html.push_str(&rendered.html),
            }
            headings.extend(rendered.headings);
        }
        let [questions, analysis] = parts;
        ctx.toc = toc(headings);
        ctx.case = Some(CaseCtx { info, story, questions, analysis });
        return;
    }
    let Rendered { html, headings } = markdown::render(page.body(), &env(base_line), &mut slugger, diags);
    ctx.content = html;
    ctx.toc = toc(headings);
}

/// The on-page table of contents: `##` and `###` headings, when there are two or more.
fn toc(headings: Vec<markdown::Heading>) -> Vec<markdown::Heading> {
    let toc: Vec<_> = headings.into_iter().filter(|h| (2..=3).contains(&h.level)).collect();
    if toc.len() < 2 {
        Vec::new()
    } else {
        toc
    }
}

/// Two outputs at one path, compared as a case-insensitive file system would
/// (NFC + lower case): all reported at once, each naming every source.
fn collisions(files: &[OutputFile]) -> Vec<Diagnostic> {
    let mut by_key: BTreeMap<String, Vec<&OutputFile>> = BTreeMap::new();
    for file in files {
        let key: String = file.path.nfc().collect::<String>().to_lowercase();
        by_key.entry(key).or_default().push(file);
    }
    by_key
        .values()
        .filter(|group| group.len() > 1)
        .map(|group| {
            let names: Vec<String> = group.iter().map(|f| f.origin.display().to_string()).collect();
            Diagnostic::error(format!("{} files would be written to '{}': {}", group.len(), group[0].path, names.join(", ")))
                .in_file(&group[0].origin)
                .hint("rename one of them, or give one a different `slug` in its front matter (names differing only in letter case collide on Windows and macOS)")
        })
        .collect()
}
