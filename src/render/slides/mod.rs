//! Slide decks (issue 6): every lesson, and any page with `slides = true`, also
//! becomes `<page>.slides.html`, cut from the same Markdown.
//!
//! - Slides break at `---` thematic breaks, or (a page with none) at `##`
//!   headings; `[slides] split = "hr" | "h2" … "h6"` in course.toml or the front
//!   matter chooses; a `---` breaks in every mode. A slide holding nothing but
//!   headings joins the next one.
//! - `> [!notes]` blocks (or any speaker-notes alias in `syntax::callouts`) are
//!   speaker notes: dropped from the page and the audience deck, shown in the
//!   presenter view and the handout. Notes are teacher-only: a student's deck
//!   has none.
//! - `<!-- slides: skip -->` keeps the next block off the slides;
//!   `<!-- slides: break -->` starts a new slide; `<!-- slides: step 2 -->` (or a
//!   step's name) ties the slides from here to a teaching step.
//! - Lists written with `+` bullets or `1)` numbers are fragments: their items
//!   appear one by one.
//! - Auto-fit happens in the browser; the build estimates each slide's height at
//!   the smallest text size the runtime allows and warns when it cannot fit.

mod cut;
mod fit;
mod fragments;

use super::anchor::Slugger;
use super::body::Inputs;
use super::cache::RenderCache;
use super::links::{encode_path, Links};
use super::markdown::{self, Env, PageState};
use super::templates::{self, Templates};
use super::OutputFile;
use crate::diag::Diagnostic;
use crate::fingerprint::KeyHasher;
use crate::i18n;
use crate::model::lesson::{chinese_numeral, LessonPlan};
use crate::model::{Course, Page};
use crate::theme::Theme;
/// The one rule that cuts a page into slides, shared with the .pptx export.
pub use cut::{cut_body, RawSlide};
pub use fit::MIN_FONT_PX;
use fit::*;
use fragments::*;
use serde::Serialize;
use std::collections::BTreeMap;
use std::hash::{Hash, Hasher};
// ------------------------------------------------------------- rendering ---

/// `lessons/01.html` → `lessons/01.slides.html`.
pub fn deck_out(out: &str) -> String {
    format!("{}.slides.html", out.strip_suffix(".html").unwrap_or(out))
}

/// The deck's URL relative to its page (they sit side by side).
pub fn deck_href(page: &Page) -> String {
    let out = deck_out(&page.out);
    encode_path(out.rsplit('/').next().unwrap_or(&out))
}

#[derive(Debug, Serialize)]
struct SlideCtx {
    number: usize,
    html: String,
    notes: String,
    trail: Vec<String>,
    step: Option<usize>,
}

#[derive(Debug, Serialize)]
struct StepJs<'a> {
    label: String,
    name: &'a str,
    minutes: u32,
}

#[derive(Debug, Serialize)]
struct DeckCtx<'a> {
    lang: &'static str,
    /// As in pages' contexts: only when a template reads the table itself.
    #[serde(skip_serializing_if = "Option::is_none")]
    t: Option<BTreeMap<&'static str, &'static str>>,
    root: String,
    site_title: &'a str,
    title: &'a str,
    summary: Option<&'a str>,
    page_url: String,
    lesson: Option<&'a LessonPlan>,
    title_step: Option<usize>,
    slides: Vec<SlideCtx>,
    total: usize,
    /// JSON for the runtime (steps), safe inside `<script>`.
    data: String,
    generator: &'static str,
    /// Slides link glossary terms: the deck loads the tooltips' `terms.js`.
    terms: bool,
}

/// A deck's cache key: what the page's Markdown reads (pass 1), the site's
/// navigation and names (pass 2) and the slide settings.
pub fn deck_key(shared2: u64, key1: u64, course: &Course, page: &Page) -> u64 {
    let mut h = KeyHasher::new();
    (shared2, key1, course.config.slides.split, page.slides_split, page.slides).hash(&mut h);
    h.finish()
}

/// Every deck of a build, and what rendering one reads.
pub struct Decks<'a> {
    pub inputs: &'a Inputs<'a>,
    pub tera: &'a Templates,
    pub theme: &'a Theme,
    /// The site-wide pass-2 key and every page's pass-1 key (see [`deck_key`]).
    pub shared2: u64,
    pub keys1: &'a [u64],
    /// A one-off build's sink (see `render::Output`).
    pub sink: Option<&'a dyn super::Sink>,
}

impl Decks<'_> {
    /// Render every deck, reusing the cached ones whose key matches.
    pub fn render(&self, cache: &mut RenderCache, files: &mut Vec<OutputFile>, diags: &mut Vec<Diagnostic>) {
        let Decks { inputs, tera, theme, shared2, keys1, sink } = *self;
        let course = inputs.course;
        let mut old = std::mem::take(&mut cache.decks);
        let decks: Vec<(usize, String, u64)> = course
            .pages
            .iter()
            .enumerate()
            .filter(|(_, page)| page.slides && !page.generated)
            .map(|(i, page)| (i, deck_out(&page.out), deck_key(shared2, keys1[i], course, page)))
            .collect();
        let slots = decks
            .iter()
            .map(|(_, out, key)| match old.remove(out) {
                Some((k, html, found)) if k == *key => Some((Some(html.contents()), found)),
                _ => None,
            })
            .collect();
        // No contents: the deck failed (its diagnostics say why), so there is no file.
        let done = crate::parallel::fill(slots, |d| {
            let (i, out, _) = &decks[d];
            let mut found = Vec::new();
            let contents = render_deck(inputs, tera, theme, *i, &mut found)
                .and_then(|html| super::deliver(sink, out, html).map_err(|e| found.push(e)).ok());
            (contents, found)
        });
        for ((i, out, key), (contents, found)) in decks.into_iter().zip(done) {
            diags.extend(found.iter().cloned());
            if let Some(kept) = contents.as_ref().and_then(super::cache::Cached::of) {
                cache.decks.insert(out.clone(), (key, kept, found));
            }
            if let Some(contents) = contents {
                files.push(OutputFile { path: out, contents, origin: course.pages[i].display.clone() });
            }
        }
    }
}

/// None when the deck failed (`diags` says why).
fn render_deck(
    inputs: &Inputs,
    tera: &Templates,
    theme: &Theme,
    index: usize,
    diags: &mut Vec<Diagnostic>,
) -> Option<Vec<u8>> {
    let course = inputs.course;
    let page = &course.pages[index];
    let result = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| deck_context(inputs, tera, index, diags)));
    let ctx = match result {
        Ok(ctx) => ctx,
        Err(_) => {
            diags.push(
                Diagnostic::error(msg!("internal_slides")).in_file(&page.display).hint(msg!("internal_slides_hint")),
            );
            return None;
        }
    };
    // The slides and notes, and about 8 KB of markup around them.
    let size = ctx.slides.iter().map(|s| s.html.len() + s.notes.len() + 256).sum::<usize>() + 8 * 1024;
    templates::render(tera, theme, "slides.html", &ctx, size).map_err(|d| diags.push(d)).ok()
}

fn deck_context<'a>(inputs: &Inputs<'a>, tera: &Templates, index: usize, diags: &mut Vec<Diagnostic>) -> DeckCtx<'a> {
    let course = inputs.course;
    let page = &course.pages[index];
    let lang = course.config.language;
    let md = &course.config.markdown;
    let links = Links { index: inputs.index, page: index, page_dir: &page.dir, depth: page.depth() };
    let terms = inputs.terms.filter(|_| page.glossary_links);
    let env = Env {
        markdown: md,
        lang,
        display: &page.display,
        file_text: &page.text,
        line_offset: page.body_line - 1,
        links: &links,
        titles: inputs.titles,
        terms,
        exclude_term: None,
        teacher: course.profile.is_teacher(),
        templates: inputs.templates,
    };
    let page_file = encode_path(page.out.rsplit('/').next().unwrap_or(&page.out));
    let (raw, defs) = cut_body(page.body(), page.slides_split.or(course.config.slides.split), md);
    let steps = page.lesson.as_ref().map(|l| l.steps.as_slice()).unwrap_or(&[]);
    let labels = step_labels(steps, lang);
    let names: Vec<&str> = steps.iter().map(|s| s.name.as_str()).collect();
    let each = SlideInputs { env: &env, page, page_file: &page_file, defs: &defs, names: &names, labels: &labels };
    let slides = each.render_all(&raw, diags);
    let t = i18n::table(lang);
    let data = deck_data(steps, &labels, lang);
    DeckCtx {
        lang: lang.tag(),
        t: tera.reads("t").then_some(t),
        root: "../".repeat(page.depth()),
        site_title: &course.config.title,
        title: &page.title,
        summary: page.summary.as_deref(),
        page_url: page_file,
        lesson: page.lesson.as_ref(),
        title_step: (!steps.is_empty()).then_some(0),
        total: slides.len() + 1,
        slides,
        data,
        generator: concat!("coursesite ", env!("CARGO_PKG_VERSION")),
        terms: crate::render::terms::linked(course),
    }
}

/// `步骤二` (or `Step 2`) for each step of a lesson, as the presenter view shows them.
fn step_labels(steps: &[crate::model::lesson::StepView], lang: crate::config::Language) -> Vec<String> {
    let zh = lang == crate::config::Language::ZhCn;
    steps
        .iter()
        .map(|s| if zh { format!("步骤{}", chinese_numeral(s.ordinal)) } else { format!("Step {}", s.ordinal) })
        .collect()
}

/// The deck script's data: the lesson's steps (for pacing) and the UI strings.
fn deck_data(steps: &[crate::model::lesson::StepView], labels: &[String], lang: crate::config::Language) -> String {
    let steps_js: Vec<StepJs> = steps
        .iter()
        .zip(labels)
        .map(|(s, label)| StepJs { label: label.clone(), name: &s.name, minutes: s.minutes })
        .collect();
    let strings: BTreeMap<&str, &str> = i18n::table(lang)
        .iter()
        .filter(|(k, _)| k.starts_with("slides_") || **k == "lesson_minutes")
        .map(|(k, v)| (*k, *v))
        .collect();
    serde_json::to_string(&serde_json::json!({ "steps": steps_js, "t": strings }))
        .unwrap_or_else(|_| "{}".into())
        .replace('<', "\\u003c")
}

/// What rendering each slide of one deck reads.
struct SlideInputs<'a> {
    env: &'a Env<'a>,
    page: &'a Page,
    /// The page's own file name: a slide's `#anchor` links point back into it.
    page_file: &'a str,
    /// The page's link reference definitions, appended to every slide.
    defs: &'a str,
    /// The lesson's step names and labels, to tie slides to steps.
    names: &'a [&'a str],
    labels: &'a [String],
}

impl SlideInputs<'_> {
    /// Every slide after the title slide, in order; heading ids stay unique
    /// across the deck (one slugger runs through all of them).
    fn render_all(&self, raw: &[RawSlide], diags: &mut Vec<Diagnostic>) -> Vec<SlideCtx> {
        let mut slugger = PageState::default().slugger;
        let mut slides = Vec::with_capacity(raw.len());
        for (n, s) in raw.iter().enumerate() {
            let number = n + 2; // slide 1 is the title slide
            slides.push(self.render_one(s, number, &mut slugger, diags));
        }
        slides
    }

    fn render_one(&self, s: &RawSlide, number: usize, slugger: &mut Slugger, diags: &mut Vec<Diagnostic>) -> SlideCtx {
        let env = self.env;
        // Problems in the Markdown are reported once, by the page; a deck only warns about fit.
        let mut ignored = Vec::new();
        let mut state = PageState::default();
        state.slugger = std::mem::take(slugger);
        let source =
            if self.defs.is_empty() { s.markdown.clone() } else { format!("{}\n\n{}\n", s.markdown, self.defs) };
        // The link definitions after the slide add no blocks: the lists and the
        // height are the slide's own.
        let (mut fragments, mut lines) = (Vec::new(), 0.0);
        let html = markdown::render_inspecting(&source, env, &mut state, &mut ignored, |root| {
            fragments = fragment_lists_in(root);
            lines = estimate_lines_in(root);
        });
        *slugger = std::mem::take(&mut state.slugger);
        let html = mark_fragments(&html, &fragments).replace("href=\"#", &format!("href=\"{}#", self.page_file));
        let notes = if s.notes.is_empty() {
            String::new()
        } else {
            let mut notes_state = PageState::default();
            markdown::render(&s.notes, &Env { terms: None, ..env_copy(env) }, &mut notes_state, &mut ignored)
        };
        let step = s
            .step
            .as_deref()
            .and_then(|m| match_marker(m, self.names, self.labels))
            .or_else(|| s.section.as_deref().and_then(|h| match_step(h, self.names, self.labels)));
        if lines > CAPACITY_LINES {
            diags.push(self.too_full(s, number, lines));
        }
        SlideCtx { number, html, notes, trail: s.trail.clone(), step }
    }

    fn too_full(&self, s: &RawSlide, number: usize, lines: f32) -> Diagnostic {
        let page = self.page;
        let (lines, room) = (format!("{lines:.0}"), format!("{CAPACITY_LINES:.0}"));
        Diagnostic::warning(msg!("slide_too_full", number, lines, room))
            .in_file(&page.display)
            .at(&page.text, page.body_line - 1 + s.first_line, 1)
            .hint(msg!("slide_too_full_hint", notes = crate::syntax::callouts::SPEAKER_NOTES.aliases[0]))
    }
}

fn env_copy<'a>(env: &Env<'a>) -> Env<'a> {
    Env {
        markdown: env.markdown,
        lang: env.lang,
        display: env.display,
        file_text: env.file_text,
        line_offset: env.line_offset,
        links: env.links,
        titles: env.titles,
        terms: env.terms,
        exclude_term: env.exclude_term,
        teacher: env.teacher,
        templates: env.templates,
    }
}

/// The step a `##` heading names: `步骤二 案例导入` by the step's name (longest
/// match) or its label (步骤二 / Step 2).
pub fn match_step(heading: &str, names: &[&str], labels: &[String]) -> Option<usize> {
    let by_name = names
        .iter()
        .enumerate()
        .filter(|(_, n)| !n.trim().is_empty() && heading.contains(n.trim()))
        .max_by_key(|(_, n)| n.chars().count())
        .map(|(i, _)| i);
    by_name.or_else(|| {
        let head = heading.trim();
        // Longest label first: 步骤十一 before 步骤十.
        let mut order: Vec<usize> = (0..labels.len()).collect();
        order.sort_by_key(|&i| std::cmp::Reverse(labels[i].chars().count()));
        order.into_iter().find(|&i| {
            head.strip_prefix(labels[i].as_str()).is_some_and(|rest| !rest.starts_with(|c: char| c.is_ascii_digit()))
        })
    })
}

/// `<!-- slides: step 2 -->` or `<!-- slides: step 案例导入 -->`.
fn match_marker(marker: &str, names: &[&str], labels: &[String]) -> Option<usize> {
    match marker.trim().parse::<usize>() {
        Ok(n) if n >= 1 && n <= names.len() => Some(n - 1),
        Ok(_) => None,
        Err(_) => match_step(marker, names, labels).or_else(|| names.iter().position(|n| n.trim() == marker.trim())),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn steps_match_by_name_then_label() {
        let names = ["组织教学", "案例导入", "新课讲解"];
        let labels: Vec<String> = ["步骤一", "步骤二", "步骤三"].iter().map(|s| s.to_string()).collect();
        assert_eq!(match_step("步骤二 案例导入", &names, &labels), Some(1));
        assert_eq!(match_step("新课讲解（续）", &names, &labels), Some(2));
        assert_eq!(match_step("步骤一", &names, &labels), Some(0));
        assert_eq!(match_step("课后自我总结分析", &names, &labels), None);
        assert_eq!(match_marker("2", &names, &labels), Some(1));
        assert_eq!(match_marker("9", &names, &labels), None);
        assert_eq!(match_marker("新课讲解", &names, &labels), Some(2));
    }

    #[test]
    fn deck_paths() {
        assert_eq!(deck_out("lessons/01-理解.html"), "lessons/01-理解.slides.html");
        assert_eq!(deck_out("about.html"), "about.slides.html");
    }
}
