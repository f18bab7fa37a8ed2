//! A page of the course: its id, kind, title, output path and kind-specific data,
//! derived from one [`SourcePage`] (or generated for a folder with no index.md).

use super::kind::Kind;
use super::lesson::{self, LessonPlan};
use super::order::{split_number_prefix, SortKey};
use crate::diag::{did_you_mean, key_line, Diagnostic};
use crate::load::frontmatter::SlidesFront;
use crate::load::SourcePage;
use serde::Serialize;
use std::path::PathBuf;

#[derive(Debug, Clone)]
pub struct Page {
    /// Path under content/ without `.md`: `lessons/01-理解客户服务`, `cases/index`, `index`.
    pub id: String,
    /// Source path under content/ (`lessons/01.md`); `dir/index.md` for generated indexes.
    pub source: String,
    pub display: PathBuf,
    /// Whole source text (empty for generated pages) and where the body starts.
    pub text: crate::load::PageText,
    pub body_offset: usize,
    pub body_line: usize,
    pub kind: Kind,
    pub title: String,
    pub summary: Option<String>,
    /// Folder under content/ (`""` for the root).
    pub dir: String,
    /// Output path under the site root, always naming a file: `lessons/01.html`.
    pub out: String,
    /// This page is the index of folder `dir`.
    pub is_index: bool,
    pub generated: bool,
    pub sort: SortKey,
    pub lesson: Option<LessonPlan>,
    pub case: Option<CaseInfo>,
    /// For lessons: the cases listed in `cases = [...]`, as page indexes.
    pub cases_used: Vec<usize>,
    /// The `cases = [...]` entries as written, resolved into `cases_used` by the model.
    pub case_names: Vec<String>,
    /// Link glossary terms in this page's text (front matter `glossary = false` turns it off).
    pub glossary_links: bool,
    /// Also build a slide deck (`<out>.slides.html`): every lesson, and pages with `slides = true`.
    pub slides: bool,
    /// Front matter `[slides] split`, over course.toml's.
    pub slides_split: Option<crate::config::SlideSplit>,
    /// Lint this page's text (front matter `lint = false` turns it off).
    pub lint: bool,
    /// A call script's nodes and branches (kind `script`).
    pub script: Option<super::script::Script>,
    /// A quiz's questions (kind `quiz`).
    pub quiz: Option<super::quiz::Quiz>,
    /// Where another tool published the page (Jekyll's `permalink: /about/`):
    /// root-absolute links to it find the page.
    pub permalink: Option<String>,
}

#[derive(Debug, Clone, Serialize)]
pub struct CaseInfo {
    pub company: Option<String>,
    pub source: Option<String>,
    pub questions: Vec<String>,
}

impl Page {
    pub fn body(&self) -> &str {
        &self.text[self.body_offset..]
    }

    /// How many folders deep the output file is: the number of `../` to the site root.
    pub fn depth(&self) -> usize {
        self.out.matches('/').count()
    }

    /// A generated index for folder `dir` (or the home page for `""`).
    pub fn generated_index(dir: &str, title: String) -> Page {
        let (id, out) = if dir.is_empty() {
            ("index".to_string(), "index.html".to_string())
        } else {
            (format!("{dir}/index"), format!("{dir}/index.html"))
        };
        let number = split_number_prefix(dir.rsplit('/').next().unwrap_or(dir)).0;
        Page {
            sort: SortKey::new(None, number, &title, &id),
            source: format!("{id}.md"),
            id,
            display: PathBuf::new(),
            text: Default::default(),
            body_offset: 0,
            body_line: 1,
            kind: Kind::Page,
            title,
            summary: None,
            dir: dir.to_string(),
            out,
            is_index: true,
            generated: true,
            lesson: None,
            case: None,
            cases_used: Vec::new(),
            case_names: Vec::new(),
            glossary_links: false,
            slides: false,
            slides_split: None,
            lint: false,
            script: None,
            quiz: None,
            permalink: None,
        }
    }
}

/// Turn a loaded file into a page, reporting what is wrong with it.
/// `is_index`: the file is its folder's index (`index.md`, else `_index.md` or
/// `README.md`, see [`index_files`]).
/// `period`: the minutes of one 学时 (course.toml's `[lesson] period_minutes`).
pub fn from_source(src: &SourcePage, is_index: bool, period: u32, diags: &mut Vec<Diagnostic>) -> Option<Page> {
    let stem_path = src.rel.rsplit_once('.').map_or(src.rel.as_str(), |(s, _)| s);
    let (dir, stem) = stem_path.rsplit_once('/').unwrap_or(("", stem_path));
    let id = stem_path.to_string();
    // README.md or _index.md as the index is written where index.md would be.
    let stem = if is_index { "index" } else { stem };

    let kind = page_kind(src, is_index, diags)?;
    let out = out_path(src, dir, stem, diags)?;
    let title = title_of(src, kind, stem);
    let (body_offset, body_line) = body_start(src, &title);

    let mut lesson_diags = Vec::new();
    let lesson = if kind == Kind::Lesson { lesson::lesson_plan(src, &title, period, &mut lesson_diags) } else { None };
    let lesson_failed = kind == Kind::Lesson && lesson.is_none();
    diags.append(&mut lesson_diags);
    if lesson_failed {
        return None;
    }
    let case = (kind == Kind::Case).then(|| CaseInfo {
        company: src.front.company.clone(),
        source: src.front.source.clone(),
        questions: src.front.questions.clone(),
    });
    let body_text = &src.text[body_offset..];
    let script = (kind == Kind::Script).then(|| {
        let (agent, customer) = (src.front.agent.as_deref(), src.front.customer.as_deref());
        super::script::parse(body_text, body_line, (agent, customer), &src.display, &src.text, diags)
    });
    let quiz = (kind == Kind::Quiz).then(|| super::quiz::parse(body_text, body_line, &src.display, &src.text, diags));
    let weight = src.front.weight.or(src.front.number.map(i64::from));
    let number = split_number_prefix(stem).0;
    Some(Page {
        sort: SortKey::new(weight, number, &title, &id),
        id,
        source: src.rel.clone(),
        display: src.display.clone(),
        kind,
        title,
        summary: src.front.summary.clone(),
        dir: dir.to_string(),
        out,
        is_index,
        generated: false,
        lesson,
        case,
        cases_used: Vec::new(),
        case_names: src.front.cases.clone(),
        glossary_links: src.front.glossary.unwrap_or(true),
        slides: match &src.front.slides {
            Some(SlidesFront::On(on)) => *on,
            Some(SlidesFront::Table(_)) => true,
            None => kind == Kind::Lesson,
        },
        slides_split: match &src.front.slides {
            Some(SlidesFront::Table(t)) => t.split,
            _ => None,
        },
        lint: src.front.lint.unwrap_or(true),
        script,
        quiz,
        permalink: src.front.permalink.clone(),
        text: src.text.clone(),
        body_offset,
        body_line,
    })
}

/// Index file names, best first: Hugo's `_index.md` and the `README.md` GitHub,
/// mdBook and Docsify show for a folder are its index when it has no `index.md`.
pub const INDEX_STEMS: &[&str] = &["index", "_index", "README", "readme"];

/// The source of each folder's index page among `rels` (page files under content/).
pub fn index_files<'a>(rels: impl IntoIterator<Item = &'a str>) -> std::collections::BTreeSet<String> {
    let mut best: std::collections::BTreeMap<&str, (usize, &str)> = std::collections::BTreeMap::new();
    for rel in rels {
        let stem_path = rel.rsplit_once('.').map_or(rel, |(s, _)| s);
        let (dir, stem) = stem_path.rsplit_once('/').unwrap_or(("", stem_path));
        if let Some(rank) = INDEX_STEMS.iter().position(|s| *s == stem) {
            let slot = best.entry(dir).or_insert((rank, rel));
            if rank < slot.0 {
                *slot = (rank, rel);
            }
        }
    }
    best.into_values().map(|(_, rel)| rel.to_string()).collect()
}

/// The front matter's `kind`, else a folder index is a plain page and any other
/// page's kind comes from its folder. None (and an error) for an unknown kind.
fn page_kind(src: &SourcePage, is_index: bool, diags: &mut Vec<Diagnostic>) -> Option<Kind> {
    let Some(name) = &src.front.kind else {
        return Some(if is_index { Kind::Page } else { Kind::infer(&src.rel) });
    };
    if let Some(kind) = Kind::parse(name) {
        return Some(kind);
    }
    let line = key_line(&src.text, "kind").unwrap_or(1);
    let mut d = Diagnostic::error(msg!("unknown_kind", name)).in_file(&src.display).at(&src.text, line, 1);
    d = match did_you_mean(name, Kind::NAMES) {
        Some(best) => d.hint(msg!("kinds_best", best, kinds = crate::messages::list(Kind::NAMES))),
        None => d.hint(msg!("kinds", kinds = crate::messages::list(Kind::NAMES))),
    };
    diags.push(d);
    None
}

/// The output path under the site root: the file's folder and stem, or its
/// front matter `slug` in place of the stem. None (and an error) for a bad slug.
fn out_path(src: &SourcePage, dir: &str, stem: &str, diags: &mut Vec<Diagnostic>) -> Option<String> {
    let out_stem = match &src.front.slug {
        Some(slug) => match check_slug(slug) {
            Ok(()) => slug.as_str(),
            Err(why) => {
                let line = key_line(&src.text, "slug").unwrap_or(1);
                diags.push(
                    Diagnostic::error(msg!("bad_slug", slug, why = crate::messages::Msg::new(why)))
                        .in_file(&src.display)
                        .at(&src.text, line, 1)
                        .hint(msg!("bad_slug_hint")),
                );
                return None;
            }
        },
        None => stem,
    };
    Some(if dir.is_empty() { format!("{out_stem}.html") } else { format!("{dir}/{out_stem}.html") })
}

/// The front matter's `title`, else a lesson's `chapter`, else the body's
/// leading `# heading`, else the file name without its number prefix.
fn title_of(src: &SourcePage, kind: Kind, stem: &str) -> String {
    let heading = first_h1(&src.text[src.body_offset..]);
    match (&src.front.title, &src.front.chapter, heading) {
        (Some(t), _, _) if !t.trim().is_empty() => t.trim().to_string(),
        (_, Some(c), _) if kind == Kind::Lesson && !c.trim().is_empty() => c.trim().to_string(),
        (_, _, Some((h, _, _))) => h,
        _ => split_number_prefix(stem).1.to_string(),
    }
}

/// Where the body starts, as (byte offset, line). The title is rendered by the
/// template: a leading `# Title` that repeats it is dropped.
fn body_start(src: &SourcePage, title: &str) -> (usize, usize) {
    let (mut body_offset, mut body_line) = (src.body_offset, src.body_line);
    if let Some((h, consumed, lines)) = first_h1(&src.text[body_offset..]) {
        if h == title {
            body_offset += consumed;
            body_line += lines;
        }
    }
    (body_offset, body_line)
}

/// A leading ATX `# heading` (after blank lines): (text, bytes consumed, lines consumed).
fn first_h1(body: &str) -> Option<(String, usize, usize)> {
    let mut consumed = 0;
    for (i, line) in body.split_inclusive('\n').enumerate() {
        consumed += line.len();
        let trimmed = line.trim();
        if trimmed.is_empty() {
            continue;
        }
        let text = trimmed.strip_prefix("# ")?.trim().trim_end_matches('#').trim();
        // `# 标题 {#top}`: the attribute block is no part of the title.
        let text = crate::syntax::anchor::split_heading_attrs(text).map_or(text, |(kept, _)| kept);
        return (!text.is_empty()).then(|| (text.to_string(), consumed, i + 1));
    }
    None
}

/// A slug names one output file: no folders, no traversal, nothing a file system
/// or URL would treat specially. The error is a message key (why).
pub fn check_slug(slug: &str) -> Result<(), &'static str> {
    if slug.trim().is_empty() {
        return Err("slug_empty");
    }
    if slug.contains(['/', '\\']) {
        return Err("slug_folder");
    }
    if slug.starts_with('.') {
        return Err("slug_dot");
    }
    if slug.contains(['\0', ':', '?', '#', '%', '<', '>', '"', '|', '*']) || slug.chars().any(char::is_control) {
        return Err("slug_char");
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn slugs_reject_traversal() {
        assert!(check_slug("客户分类").is_ok());
        assert!(check_slug("../../x").is_err());
        assert!(check_slug("a/b").is_err());
        assert!(check_slug("C:x").is_err());
        assert!(check_slug(".hidden").is_err());
        assert!(check_slug("a\0b").is_err());
    }

    #[test]
    fn first_h1_skips_blank_lines() {
        assert_eq!(first_h1("\n# 标题\n正文"), Some(("标题".to_string(), 10, 2)));
        assert_eq!(first_h1("正文\n# 标题"), None);
        assert_eq!(first_h1("## 二级"), None);
        assert_eq!(first_h1("# 标题 {#top .x}\n"), Some(("标题".to_string(), 19, 1)));
    }
}
