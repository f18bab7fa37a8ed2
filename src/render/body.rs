//! Pass 1 of rendering: every page's Markdown → HTML, in memory, with what it
//! learned (headings, links to other pages, glossary terms used). Templates run
//! in pass 2, once every page's links are known, so each page can list its
//! backlinks and every link's anchor can be checked.

use super::case;
use super::context::CasePart;
use super::links::{LinkIndex, Links};
use super::markdown::{self, Env, Heading, PageState};
use super::terms::TermMatcher;
use crate::diag::Diagnostic;
use crate::model::{Course, Page};

/// A page's rendered Markdown and what rendering learned about it.
#[derive(Debug, Default, serde::Serialize, serde::Deserialize)]
pub struct Body {
    /// Not in the build cache (`store`): the page's output file holds it. A body
    /// restored from there is `hollow` until rendered again (see `render::refill`).
    #[serde(skip)]
    pub content: String,
    /// A case's three parts (the story is in `content`).
    pub questions: CasePart,
    pub analysis: CasePart,
    /// The glossary page: each term's rendered definition, in glossary order.
    pub definitions: Vec<String>,
    pub state: PageState,
    /// Restored from the build cache without `content`.
    #[serde(skip)]
    pub hollow: bool,
    /// `content` has its headings' GitHub-slug aliases (see `graph::add_aliases`):
    /// a body `serve` reuses from the last build is not scanned for them again.
    #[serde(skip)]
    pub aliased: bool,
}

impl Body {
    pub fn headings(&self) -> &[Heading] {
        &self.state.headings
    }
}

/// Shared, read-only inputs of pass 1.
pub struct Inputs<'a> {
    pub course: &'a Course,
    pub index: &'a LinkIndex,
    pub titles: &'a [String],
    pub terms: Option<&'a TermMatcher>,
    /// Quizzes and call scripts are written by the theme's macros.
    pub templates: &'a super::templates::Templates,
}

/// Render one page. A panic in the Markdown parser becomes a diagnostic naming
/// the file instead of taking the whole build down.
pub fn render_page(inputs: &Inputs, page_index: usize, diags: &mut Vec<Diagnostic>) -> Body {
    let page = &inputs.course.pages[page_index];
    if page.generated {
        return Body::default();
    }
    let mut found = Vec::new();
    let result =
        std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| render(inputs, page_index, page, &mut found)));
    match result {
        Ok(mut body) => {
            diags.append(&mut found);
            body.content.shrink_to_fit();
            body.state.slugger = Default::default();
            body
        }
        Err(_) => {
            diags.push(
                Diagnostic::error(msg!("internal_markdown"))
                    .in_file(&page.display)
                    .hint(msg!("internal_markdown_hint")),
            );
            Body::default()
        }
    }
}

fn render(inputs: &Inputs, page_index: usize, page: &Page, diags: &mut Vec<Diagnostic>) -> Body {
    let links = Links { index: inputs.index, page: page_index, page_dir: &page.dir, depth: page.depth() };
    let at = PageEnv { inputs, page, links };
    if page.script.is_some() || page.quiz.is_some() {
        return structured(&at, diags);
    }
    if page.case.is_some() {
        return case_body(&at, diags);
    }
    match &inputs.course.glossary {
        Some(glossary) if glossary.page == page_index => glossary_body(&at, glossary, diags),
        _ => {
            let mut body = Body::default();
            body.content = markdown::render(page.body(), &at.env(at.base_line(), None), &mut body.state, diags);
            body
        }
    }
}

/// What every piece of one page renders with.
struct PageEnv<'a> {
    inputs: &'a Inputs<'a>,
    page: &'a Page,
    links: Links<'a>,
}

impl PageEnv<'_> {
    /// The Markdown environment for a piece starting `line_offset` lines into
    /// the file (`exclude_term`: a glossary definition never links its own term).
    fn env(&self, line_offset: usize, exclude_term: Option<usize>) -> Env<'_> {
        let (course, page) = (self.inputs.course, self.page);
        Env {
            markdown: &course.config.markdown,
            lang: course.config.language,
            display: &page.display,
            file_text: &page.text,
            line_offset,
            links: &self.links,
            titles: self.inputs.titles,
            terms: self.inputs.terms.filter(|_| page.glossary_links),
            exclude_term,
            teacher: course.profile.is_teacher(),
            templates: self.inputs.templates,
        }
    }

    /// Lines before the body, in the file.
    fn base_line(&self) -> usize {
        self.page.body_line - 1
    }
}

/// A call script or a quiz: its parsed structure through the theme's macros,
/// each Markdown piece rendered at its line.
fn structured(at: &PageEnv, diags: &mut Vec<Diagnostic>) -> Body {
    let (inputs, page) = (at.inputs, at.page);
    let mut body = Body::default();
    let mut md = |text: &str, line: usize, state: &mut PageState| {
        markdown::render(text, &at.env(line.saturating_sub(1), None), state, diags)
    };
    let lang = inputs.course.config.language;
    let html = match (&page.script, &page.quiz) {
        (Some(s), _) => super::script::render(s, &page.id, (inputs.templates, lang), &mut body.state, &mut md),
        (_, Some(q)) => {
            let teacher = inputs.course.profile.is_teacher();
            super::quiz::render(q, &page.id, (inputs.templates, lang, teacher), &mut body.state, &mut md)
        }
        _ => Ok(String::new()),
    };
    body.content = html.unwrap_or_else(|d| {
        // The diagnostic names the template that failed.
        diags.push(d);
        String::new()
    });
    body
}

/// A case: the story, then its 思考 and 分析提示 parts, each under its heading.
fn case_body(at: &PageEnv, diags: &mut Vec<Diagnostic>) -> Body {
    let mut body = Body::default();
    let state = &mut body.state;
    for chunk in case::split(at.page.body()) {
        let part = match chunk.part {
            case::Part::Story => None,
            case::Part::Questions => Some(&mut body.questions),
            case::Part::Analysis => Some(&mut body.analysis),
        };
        // A part's heading comes before its text, so that text sits under it.
        if let (Some(part), Some(title)) = (part, chunk.heading) {
            if part.title.is_none() {
                part.id = Some(state.push_heading(2, title));
                part.title = Some(title.to_string());
            }
        }
        let html = markdown::render(chunk.text, &at.env(at.base_line() + chunk.first_line, None), state, diags);
        match chunk.part {
            case::Part::Story => body.content.push_str(&html),
            case::Part::Questions => body.questions.html.push_str(&html),
            case::Part::Analysis => body.analysis.html.push_str(&html),
        }
    }
    body
}

/// The glossary page: its intro, then each term's definition under the term.
fn glossary_body(at: &PageEnv, glossary: &crate::model::glossary::Glossary, diags: &mut Vec<Diagnostic>) -> Body {
    let mut body = Body::default();
    let state = &mut body.state;
    let base_line = at.base_line();
    // Term anchors are fixed (`glossary.html#关键客户`): the intro's headings make way.
    for term in &glossary.terms {
        state.slugger.reserve(&term.id);
    }
    for letter in glossary.letters() {
        state.slugger.reserve(&super::glossary_page::letter_id(letter));
    }
    body.content = markdown::render(&glossary.intro, &at.env(base_line, None), state, diags);
    for (i, term) in glossary.terms.iter().enumerate() {
        state.headings.push(Heading { level: 3, id: term.id.clone(), text: term.name.clone(), class: None });
        state.current = Some(state.headings.len() - 1);
        let html = markdown::render(&term.definition, &at.env(base_line + term.def_line, Some(i)), state, diags);
        body.definitions.push(html);
    }
    body
}
