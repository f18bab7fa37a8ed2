//! Markdown → HTML: the one place comrak's options live. The document is parsed to
//! an AST, transformed (raw HTML sanitised or escaped, unsafe URLs neutralised, `.md` links
//! rewritten, images checked, code highlighted, CJK soft breaks dropped, callouts
//! built, heading ids assigned), then formatted. Every problem found is a
//! diagnostic located in the source file.

use super::anchor::Slugger;
use super::anchor::{is_theme_id, split_heading_attrs, HeadingAttrs};
use super::callout;
use super::highlight;
use super::links::Links;
use super::terms::{self, Linked, TermMatcher, TermUse};
use super::text::escape;
use super::{md_links, text};
use crate::config::{Language, MarkdownConfig, RawHtml};
use crate::diag::Diagnostic;
use columns::CharColumns;
use comrak::adapters::{HeadingAdapter, HeadingMeta};
use comrak::nodes::AstNode;
use comrak::nodes::{NodeCodeBlock, NodeHtmlBlock, NodeMath, NodeValue, Sourcepos};
use comrak::{format_html_with_plugins, parse_document, Arena, Options};
use serde::Serialize;
use std::collections::{HashMap, VecDeque};
use std::path::Path;
use std::sync::Mutex;

/// Everything the renderer needs to know about the page being rendered.
pub struct Env<'a> {
    pub markdown: &'a MarkdownConfig,
    pub lang: Language,
    pub display: &'a Path,
    /// The whole source file, to quote lines in diagnostics.
    pub file_text: &'a str,
    /// Added to comrak's line numbers: the Markdown starts on this line + 1.
    pub line_offset: usize,
    pub links: &'a Links<'a>,
    /// Page titles, for the default label of `[[short links]]`.
    pub titles: &'a [String],
    /// Glossary auto-linking, unless off for this page.
    pub terms: Option<&'a TermMatcher>,
    /// A term never linked here (its own definition on the glossary page).
    pub exclude_term: Option<usize>,
    /// The teacher's edition: quiz blocks show their keys.
    pub teacher: bool,
    /// The theme's templates: quiz blocks are written by its macros.
    pub templates: &'a super::templates::Templates,
}

#[derive(Debug, Clone, Serialize, serde::Deserialize, PartialEq, Eq)]
pub struct Heading {
    pub level: u8,
    pub id: String,
    pub text: String,
    /// Classes from the heading's `{.class}` attribute block, space-separated.
    #[serde(skip)]
    pub class: Option<String>,
}

/// A link to a page of the course, kept to check its anchor once every page is
/// rendered and to list it among the target's backlinks.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, serde::Deserialize)]
pub struct LinkRef {
    pub target: usize,
    pub fragment: Option<String>,
    pub line: usize,
    pub col: usize,
    /// The heading the link sits under, as an index into [`PageState::headings`].
    pub heading: Option<usize>,
}

/// What rendering learns about a page, accumulated over its parts (a case is
/// rendered as story, questions and analysis). The build cache (`store`)
/// keeps what later steps read; the state of rendering itself is not kept.
#[derive(Debug, Default, Serialize, serde::Deserialize)]
pub struct PageState {
    #[serde(skip)]
    pub slugger: Slugger,
    pub headings: Vec<Heading>,
    /// The heading the text being rendered sits under.
    #[serde(skip)]
    pub current: Option<usize>,
    pub links: Vec<LinkRef>,
    pub terms: Vec<TermUse>,
    #[serde(skip)]
    linked: Linked,
    /// ```quiz blocks rendered so far (their questions' ids are numbered per block).
    pub quiz_blocks: usize,
    /// Tab sets rendered so far (their tabs' ids are numbered per set).
    pub tab_sets: usize,
    /// Anchors written as another page's GitHub slug, rewritten to its heading
    /// ids once every page is rendered (`graph::check_anchors`): (as written, id).
    pub anchor_fixes: Vec<(String, String)>,
}

impl PageState {
    /// Start a new heading that is not in the Markdown (a case part's title).
    pub fn push_heading(&mut self, level: u8, text: &str) -> String {
        let id = self.slugger.unique(text);
        self.headings.push(Heading { level, id: id.clone(), text: text.to_string(), class: None });
        self.current = Some(self.headings.len() - 1);
        id
    }
}

pub fn options(md: &MarkdownConfig) -> Options<'static> {
    let mut o = Options::default();
    o.extension.strikethrough = true;
    // `~~删除~~` strikes through; one tilde is a range in Chinese (`1~2 小时`),
    // or Typora's and Pandoc's subscript (`H~2~O`, no spaces inside).
    o.extension.subscript = true;
    // Typora's and Pandoc's `x^2^` and `==重点==`, and GitHub's `:bulb:`.
    o.extension.superscript = true;
    o.extension.highlight = true;
    o.extension.shortcodes = true;
    o.extension.table = true;
    o.extension.autolink = true;
    o.extension.tasklist = true;
    o.extension.footnotes = true;
    o.extension.cjk_friendly_emphasis = true;
    o.extension.wikilinks_title_after_pipe = true;
    // Math is kept from Markdown parsing here and rendered to MathML by
    // `math.rs`. A `$` followed by a space, or closing before a digit, is not
    // math (Pandoc's rule): `$5 和 $10` stays prose; `\$` is a dollar sign.
    o.extension.math_dollars = true;
    o.extension.math_latex = true;
    o.extension.math_code = true;
    o.parse.smart = md.smart_punctuation;
    // Columns stay in bytes: comrak's `sourcepos_chars` converts every node by
    // re-counting its line, quadratic on a long line. The nodes a diagnostic or a
    // link record needs are converted by `columns::CharColumns` instead.
    o.render.hardbreaks = md.hard_breaks;
    // Raw HTML is dealt with on the AST (sanitised, escaped or trusted), and the
    // HTML we inject for callouts, code and terms must pass through.
    o.render.r#unsafe = true;
    o
}

/// Render one piece of Markdown of a page; what it learns goes into `state`.
pub fn render(markdown: &str, env: &Env, state: &mut PageState, diags: &mut Vec<Diagnostic>) -> String {
    render_inspecting(markdown, env, state, diags, |_| {})
}

/// `render`, first showing the parsed document, as written, to `inspect`: a
/// slide reads its fragment lists and height from the parse it is rendered from.
pub fn render_inspecting(
    markdown: &str,
    env: &Env,
    state: &mut PageState,
    diags: &mut Vec<Diagnostic>,
    inspect: impl for<'x> FnOnce(&'x AstNode<'x>),
) -> String {
    let arena = Arena::new();
    let opts = options(env.markdown);
    let root = parse_document(&arena, markdown, &opts);
    inspect(root);
    let first_heading = state.headings.len();
    let quotes: Vec<_> = root.descendants().filter(|n| matches!(n.data().value, NodeValue::BlockQuote)).collect();
    let callouts: Vec<_> = quotes.into_iter().filter_map(|q| callout::take_marker(q).map(|c| (q, c))).collect();
    let mut pass = Pass {
        arena: &arena,
        env,
        columns: CharColumns::new(markdown),
        raw_html_warned: false,
        explicit: HashMap::new(),
    };
    if env.markdown.raw_html_mode() == RawHtml::Sanitize {
        html::sanitize_tree(&arena, root, env, &pass.columns, diags);
    }
    pass.take_heading_attrs(root, state, diags);
    let nodes: Vec<_> = root.descendants().collect();
    // Each node with the heading it sits under, for backlinks and where-used lists.
    let mut placed = Vec::with_capacity(nodes.len());
    for node in nodes {
        pass.visit(node, state, diags);
        placed.push((node, state.current));
    }
    if let Some(matcher) = env.terms {
        text::merge_text_runs(&placed);
        let root_prefix = "../".repeat(env.links.depth);
        let uses = terms::link_terms(&arena, &placed, matcher, &root_prefix, env.exclude_term, &mut state.linked);
        state.terms.extend(uses);
    }
    // Last: tab sets, code blocks (including escaped raw HTML) and callouts,
    // which replace nodes with HTML of our own (a tab panel's content is then
    // replaced like any other).
    let callouts = super::tabs::build(&arena, callouts, &mut state.tab_sets);
    for node in root.descendants().collect::<Vec<_>>() {
        pass.replace(node, &callouts, state, diags);
    }
    let ids = state.headings[first_heading..].iter().map(|h| (h.id.clone(), h.class.clone())).collect();
    let ids = HeadingIds { ids: Mutex::new(ids) };
    let mut plugins = comrak::options::Plugins::default();
    plugins.render.heading_adapter = Some(&ids);
    let mut html = String::new();
    if format_html_with_plugins(root, &opts, &mut html, &plugins).is_err() {
        diags.push(Diagnostic::error(msg!("markdown_failed")).in_file(env.display));
    }
    html
}

/// One page piece's walk over its parsed Markdown.
struct Pass<'a, 'e> {
    arena: &'a Arena<'a>,
    env: &'e Env<'e>,
    /// Byte columns → character columns, computed only for the nodes that ask.
    columns: CharColumns<'e>,
    /// Raw HTML is warned about once per piece.
    raw_html_warned: bool,
    /// Headings with a `{#id .class}` block (keyed by node address): the id the
    /// author fixed (None if it could not be used) and the classes.
    explicit: HashMap<usize, (Option<String>, Option<String>)>,
}

impl<'a> Pass<'a, '_> {
    /// Before any id is handed out: cut every heading's `{#id .class}` block from
    /// its text and reserve its id, so an earlier heading never takes it. An id
    /// the theme uses or another heading already fixed is a warning and falls
    /// back to the heading's own id.
    fn take_heading_attrs(&mut self, root: &'a AstNode<'a>, state: &mut PageState, diags: &mut Vec<Diagnostic>) {
        for node in root.descendants() {
            if !matches!(node.data().value, NodeValue::Heading(_)) {
                continue;
            }
            let Some(attrs) = cut_heading_attrs(node) else { continue };
            let id = attrs.id.filter(|id| {
                let usable = !is_theme_id(id) && state.slugger.reserve(id);
                if !usable {
                    let pos = self.columns.sourcepos(node.data().sourcepos);
                    let d = Diagnostic::warning(msg!("heading_id_taken", id));
                    diags.push(located(d, self.env, pos).hint(msg!("heading_id_taken_hint")));
                }
                usable
            });
            let class = (!attrs.classes.is_empty()).then(|| attrs.classes.join(" "));
            self.explicit.insert(node as *const AstNode as usize, (id, class));
        }
    }

    /// Check and record what a node says (links, images, headings, raw HTML),
    /// as written, before any node is replaced.
    fn visit(&mut self, node: &'a AstNode<'a>, state: &mut PageState, diags: &mut Vec<Diagnostic>) {
        let env = self.env;
        // In characters; only the nodes that report or record a position ask.
        let raw_pos = node.data().sourcepos;
        let columns = &self.columns;
        let pos = || columns.sourcepos(raw_pos);
        let value = node.data().value.clone();
        match value {
            NodeValue::HtmlBlock(NodeHtmlBlock { literal, .. }) => {
                if is_comment(&literal) {
                    node.detach();
                } else if env.markdown.raw_html_mode() == RawHtml::Escape {
                    warn_raw_html(env, pos(), &mut self.raw_html_warned, diags);
                    let code = NodeCodeBlock { fenced: true, info: "html".into(), literal, ..Default::default() };
                    node.data_mut().value = NodeValue::CodeBlock(Box::new(code));
                }
            }
            NodeValue::HtmlInline(literal) => {
                if is_comment(&literal) {
                    node.detach();
                } else if env.markdown.raw_html_mode() == RawHtml::Escape {
                    warn_raw_html(env, pos(), &mut self.raw_html_warned, diags);
                    node.data_mut().value = NodeValue::Text(literal.into());
                }
            }
            NodeValue::Link(mut link) => {
                link.url = md_links::check_url(&link.url, false, env, pos(), state, diags);
                let docsify = docsify::options(&link.title);
                if docsify.is_some() {
                    link.title = String::new();
                }
                node.data_mut().value = NodeValue::Link(link);
                if docsify.is_some_and(|o| o.disabled) {
                    adjust::as_written(self.arena, node, "");
                }
            }
            NodeValue::Image(mut link) => {
                link.url = md_links::check_url(&link.url, true, env, pos(), state, diags);
                match docsify::options(&link.title) {
                    Some(docsify::Options { size: Some(size), .. }) => {
                        let html = docsify::sized_image(&link.url, &text::plain_text(node), &size);
                        node.children().collect::<Vec<_>>().into_iter().for_each(|c| c.detach());
                        node.data_mut().value = NodeValue::HtmlInline(html);
                    }
                    Some(_) => {
                        link.title = String::new();
                        node.data_mut().value = NodeValue::Image(link);
                    }
                    None => node.data_mut().value = NodeValue::Image(link),
                }
            }
            NodeValue::WikiLink(_) => md_links::short_link(self.arena, node, env, pos(), state, diags),
            NodeValue::Heading(h) => {
                let heading_text = text::plain_text(node);
                let (id, class) = self.explicit.remove(&(node as *const AstNode as usize)).unwrap_or_default();
                let id = id.unwrap_or_else(|| state.slugger.unique(&heading_text));
                state.headings.push(Heading { level: h.level, id, text: heading_text, class });
                state.current = Some(state.headings.len() - 1);
            }
            NodeValue::SoftBreak if env.markdown.cjk_breaks => {
                text::drop_cjk_break(node);
            }
            NodeValue::Subscript if !adjust::is_sub_or_superscript(&text::plain_text(node)) => {
                adjust::as_written(self.arena, node, "~");
            }
            _ => {}
        }
    }

    /// Replace a node with HTML of our own: quiz blocks, highlighted code,
    /// labelled task items, callout boxes (speaker notes and stray
    /// teacher-only boxes removed).
    fn replace(
        &self,
        node: &'a AstNode<'a>,
        callouts: &[(&'a AstNode<'a>, callout::Callout)],
        state: &mut PageState,
        diags: &mut Vec<Diagnostic>,
    ) {
        let env = self.env;
        let value = node.data().value.clone();
        match value {
            NodeValue::Math(m) => self.math(node, &m, diags),
            NodeValue::CodeBlock(code) if code.fenced && code.info.split_whitespace().next() == Some("math") => {
                // ```math: display math, its TeX starting the line after the fence.
                let html = match math::html(&code.literal, math::Style::Display) {
                    Ok(html) => html,
                    Err((html, message)) => {
                        let mut pos = node.data().sourcepos;
                        (pos.start.line, pos.start.column) = (pos.start.line + 1, 1);
                        diags.push(tex_error(env, pos, &message));
                        html
                    }
                };
                let literal = format!("<p>{html}</p>\n");
                node.data_mut().value = NodeValue::HtmlBlock(NodeHtmlBlock { block_type: 0, literal });
            }
            NodeValue::CodeBlock(code) if code.fenced && code.info.split_whitespace().next() == Some("quiz") => {
                // A quiz inside a page: ```quiz … ``` (the content starts the line after the fence).
                let first = node.data().sourcepos.start.line + env.line_offset + 1;
                let html = super::quiz::block(&code.literal, first, env, state, diags);
                node.data_mut().value = NodeValue::HtmlBlock(NodeHtmlBlock { block_type: 0, literal: html });
            }
            NodeValue::CodeBlock(code) => {
                let lang = code.info.split_whitespace().next().unwrap_or("");
                let lang = lang.split(',').next().unwrap_or(lang); // mdBook's `rust,ignore`
                let literal = if lang == "rust" { adjust::without_hidden_lines(&code.literal) } else { code.literal };
                let html = highlight::code_block(&literal, lang, env.markdown.highlight);
                node.data_mut().value = NodeValue::HtmlBlock(NodeHtmlBlock { block_type: 0, literal: html });
            }
            NodeValue::TaskItem(task) => label_task_item(self.arena, node, task.symbol.is_some()),
            NodeValue::TableCell => keep_short_cell(self.arena, node),
            NodeValue::BlockQuote => {
                if let Some((_, c)) = callouts.iter().find(|(q, _)| std::ptr::eq(*q, node)) {
                    // Speaker notes: only a deck's presenter view shows them. A
                    // teacher-only box in a student build slipped past the source
                    // stripping (say `- > [!教师]` in a list item): never draw it.
                    if c.is_speaker_notes() || (c.is_teacher_only() && !env.teacher) {
                        node.detach();
                    } else {
                        callout::wrap_callout(self.arena, node, c, env.lang);
                    }
                }
            }
            _ => {}
        }
    }
}

impl<'a> Pass<'a, '_> {
    /// `$…$`, `$$…$$`, `\(…\)`, `\[…\]`, `` $`…`$ ``: MathML in place of the
    /// node, or its source in an error box and a warning where it starts.
    fn math(&self, node: &'a AstNode<'a>, m: &NodeMath, diags: &mut Vec<Diagnostic>) {
        // `$$…$$` inside a sentence is inline math, as kramdown (Jekyll) reads
        // it: a centred block in the middle of a line is never what was meant.
        let in_sentence = m.dollar_math && adjust::has_words_beside(node);
        let style = if m.display_math && !in_sentence { math::Style::Display } else { math::Style::Inline };
        let html = math::html(&m.literal, style).unwrap_or_else(|(html, message)| {
            diags.push(tex_error(self.env, self.columns.sourcepos(node.data().sourcepos), &message));
            html
        });
        let html = match style {
            math::Style::Inline => adjust::with_closing_mark(node, html),
            math::Style::Display => html,
        };
        node.data_mut().value = NodeValue::HtmlInline(html);
    }
}

fn tex_error(env: &Env, pos: Sourcepos, message: &str) -> Diagnostic {
    located(Diagnostic::warning(msg!("math_not_rendered", message)), env, pos).hint(msg!("math_not_rendered_hint"))
}

/// A task-list item (`- [ ] …`) is rendered as a plain item whose first
/// paragraph is the label of its checkbox, so assistive technology can name the
/// box (axe `label`). Items that do not start with text keep comrak's bare box.
fn label_task_item<'a>(arena: &'a Arena<'a>, item: &'a comrak::nodes::AstNode<'a>, checked: bool) {
    let Some(first) = item.first_child().filter(|c| matches!(c.data().value, NodeValue::Paragraph)) else {
        return;
    };
    let Some(NodeValue::List(list)) = item.parent().map(|p| p.data().value.clone()) else {
        return;
    };
    let html = |s: &str| arena.alloc(comrak::nodes::AstNode::from(NodeValue::HtmlInline(s.to_string())));
    let checked = if checked { " checked" } else { "" };
    first.prepend(html(&format!("<label class=\"task\"><input type=\"checkbox\"{checked} disabled> ")));
    first.append(html("</label>"));
    item.data_mut().value = NodeValue::Item(list);
}

/// The widest table cell (in terminal columns: a Chinese character is two)
/// kept on one line.
const SHORT_CELL: usize = 12;

/// A short table cell (a word or two: 漠不关心型, 说明来意) is kept on one
/// line: a narrow column would split it (漠不关心／型). Longer cells wrap.
fn keep_short_cell<'a>(arena: &'a Arena<'a>, cell: &'a AstNode<'a>) {
    use unicode_width::UnicodeWidthStr;
    let mut width = 0;
    for node in cell.descendants() {
        match &node.data().value {
            NodeValue::Text(text) => width += text.width(),
            NodeValue::Code(code) => width += code.literal.width(),
            // A tag alone (a glossary term's link) shows nothing itself.
            NodeValue::HtmlInline(tag) if is_bare_tag(tag) => {}
            // Markup of unknown width (a picture, a break, raw HTML with text): leave it be.
            NodeValue::HtmlInline(_) | NodeValue::Image(_) | NodeValue::LineBreak | NodeValue::SoftBreak => return,
            _ => {}
        }
    }
    if width == 0 || width > SHORT_CELL {
        return;
    }
    let html = |s: &str| arena.alloc(AstNode::from(NodeValue::HtmlInline(s.to_string())));
    cell.prepend(html("<span class=\"cell-short\">"));
    cell.append(html("</span>"));
}

/// One opening or closing tag that draws nothing (`<a …>`, `</strong>`): not a
/// picture or a break, and no text outside its angle brackets.
fn is_bare_tag(html: &str) -> bool {
    let inner = html.strip_prefix('<').and_then(|h| h.strip_suffix('>')).unwrap_or("<");
    let name: String = inner.trim_start_matches('/').chars().take_while(char::is_ascii_alphanumeric).collect();
    !inner.contains(['<', '>'])
        && !name.is_empty()
        && !["img", "br", "svg", "math", "input"].contains(&name.to_ascii_lowercase().as_str())
}

/// A heading's trailing `{#id .class}` block, cut from its last text node.
fn cut_heading_attrs<'a>(heading: &'a AstNode<'a>) -> Option<HeadingAttrs> {
    let last = heading.last_child()?;
    let mut data = last.data_mut();
    let NodeValue::Text(text) = &data.value else { return None };
    let (kept, attrs) = split_heading_attrs(text)?;
    data.value = NodeValue::Text(kept.to_string().into());
    Some(attrs)
}

/// Headings are rendered in document order, so ids (and `{.class}` classes) are
/// handed out in that order.
struct HeadingIds {
    ids: Mutex<VecDeque<(String, Option<String>)>>,
}

impl HeadingAdapter for HeadingIds {
    fn enter(&self, out: &mut dyn std::fmt::Write, h: &HeadingMeta, _: Option<Sourcepos>) -> std::fmt::Result {
        let (id, class) = self.ids.lock().ok().and_then(|mut q| q.pop_front()).unwrap_or_default();
        write!(out, "<h{} id=\"{}\"", h.level, escape(&id))?;
        if let Some(class) = class {
            write!(out, " class=\"{}\"", escape(&class))?;
        }
        out.write_str(">")
    }

    fn exit(&self, out: &mut dyn std::fmt::Write, h: &HeadingMeta) -> std::fmt::Result {
        writeln!(out, "</h{}>", h.level)
    }
}

fn is_comment(html: &str) -> bool {
    let t = html.trim();
    t.starts_with("<!--") && t.ends_with("-->")
}

fn warn_raw_html(env: &Env, pos: Sourcepos, warned: &mut bool, diags: &mut Vec<Diagnostic>) {
    if std::mem::replace(warned, true) {
        return;
    }
    diags.push(located(Diagnostic::warning(msg!("raw_html_shown")), env, pos).hint(msg!("raw_html_shown_hint")));
}

pub fn located(d: Diagnostic, env: &Env, pos: Sourcepos) -> Diagnostic {
    d.in_file(env.display).at(env.file_text, pos.start.line + env.line_offset, pos.start.column)
}

mod adjust;
mod columns;
mod docsify;
mod html;
mod math;

// The tests are many (every Markdown feature the pages use): their own file.
#[cfg(test)]
mod tests;
