//! Build-time code highlighting with syntect's grammars, to a few short
//! classes (`hl-k`, `hl-s`, …) so one stylesheet serves light and dark mode,
//! pages carry no inline colours, and a highlighted block costs little more
//! than plain text (syntect's own class output names every scope of every
//! token: `hl-meta hl-structure hl-dictionary hl-json`, a sixth of a page).

use super::text::escape;
use std::fmt::Write as _;
use std::sync::OnceLock;
use syntect::parsing::{ParseState, Scope, ScopeStack, SyntaxSet};
use syntect::util::LinesWithEndings;

/// The one table of token kinds: class, the scopes it covers (a scope and
/// its children; the innermost scope of a token that matches one decides),
/// then its light and dark colours (GitHub's Primer syntax palette, chosen for
/// contrast on light and dark backgrounds) and whether it is italic. The
/// kind with no class keeps its scopes plain (`=` is not a keyword).
const KINDS: &[(&str, &[&str], &str, &str, bool)] = &[
    ("", &["keyword.operator"], "", "", false),
    ("c", &["comment"], "#57606a", "#8b949e", true),
    ("s", &["string", "constant.character", "markup.raw"], "#116329", "#7ee787", false),
    ("n", &["constant", "support.constant", "variable.language"], "#0550ae", "#79c0ff", false),
    ("k", &["keyword", "storage", "entity.name.tag.yaml"], "#cf222e", "#ff7b72", false),
    ("f", &["entity.name.function", "support.function", "variable.function"], "#8250df", "#d2a8ff", false),
    (
        "t",
        &["entity.name", "support.type", "support.class", "entity.other.inherited-class"],
        "#953800",
        "#ffa657",
        false,
    ),
    ("g", &["entity.name.tag", "markup.heading", "markup.inserted"], "#0550ae", "#79c0ff", false),
    (
        "a",
        &["entity.other.attribute-name", "support.type.property-name", "meta.object-literal.key"],
        "#953800",
        "#ffa657",
        false,
    ),
    ("d", &["markup.deleted", "invalid"], "#82071e", "#ffa198", false),
];

/// Scopes that decide from outside: a JSON or YAML key is a string inside,
/// but reads as a name (the attribute kind).
const KEYS: &[&str] = &["meta.structure.dictionary.key", "meta.mapping.key"];

/// Loading the syntax definitions costs tens of milliseconds: do it once, and only
/// when a page has code.
fn syntaxes() -> &'static SyntaxSet {
    static SET: OnceLock<SyntaxSet> = OnceLock::new();
    SET.get_or_init(SyntaxSet::load_defaults_newlines)
}

/// The scopes of [`KINDS`], parsed once, each with its kind's class.
fn selectors() -> &'static [(Scope, &'static str)] {
    static SEL: OnceLock<Vec<(Scope, &'static str)>> = OnceLock::new();
    SEL.get_or_init(|| {
        KINDS
            .iter()
            .flat_map(|(class, scopes, ..)| scopes.iter().filter_map(|s| Scope::new(s).ok().map(|s| (s, *class))))
            .collect()
    })
}

fn keys() -> &'static [Scope] {
    static KEY: OnceLock<Vec<Scope>> = OnceLock::new();
    KEY.get_or_init(|| KEYS.iter().filter_map(|s| Scope::new(s).ok()).collect())
}

/// [`kind_from`], remembered per thread: a course's code blocks repeat a few
/// hundred scope stacks, and matching every selector against every scope of
/// each token was a tenth of highlighting.
fn kind_of(stack: &ScopeStack) -> Option<&'static str> {
    type Memo = std::collections::HashMap<Vec<Scope>, Option<&'static str>>;
    thread_local! {
        static MEMO: std::cell::RefCell<Memo> = Default::default();
    }
    MEMO.with_borrow_mut(|memo| {
        if let Some(kind) = memo.get(stack.as_slice()) {
            return *kind;
        }
        // Bounded: stacks are few, but a pathological grammar must not grow it forever.
        if memo.len() >= 4096 {
            memo.clear();
        }
        let kind = kind_from(stack);
        memo.insert(stack.as_slice().to_vec(), kind);
        kind
    })
}

/// The class of a token with this scope stack: the innermost scope some
/// selector covers decides, the longest (most specific) selector winning.
fn kind_from(stack: &ScopeStack) -> Option<&'static str> {
    if stack.as_slice().iter().any(|scope| keys().iter().any(|k| k.is_prefix_of(*scope))) {
        return Some("a");
    }
    stack
        .as_slice()
        .iter()
        .rev()
        .find_map(|scope| {
            selectors()
                .iter()
                .filter(|(sel, _)| sel.is_prefix_of(*scope))
                .max_by_key(|(sel, _)| sel.len())
                .map(|(_, class)| *class)
        })
        .filter(|class| !class.is_empty())
}

/// `<pre><code>` for a fenced block: highlighted when the language is known,
/// escaped plain text otherwise. Never fails.
pub fn code_block(code: &str, lang: &str, highlight: bool) -> String {
    let lang = lang.trim();
    let escaped_lang = escape(lang);
    let class = if lang.is_empty() { String::new() } else { format!(" class=\"language-{escaped_lang}\"") };
    let body = highlight.then(|| highlighted(code, lang)).flatten().unwrap_or_else(|| escape(code));
    format!("<pre class=\"code\"><code{class}>{body}</code></pre>\n")
}

/// Spans of one class per run of tokens of the same kind; text of no kind
/// (punctuation, plain names) bare. None when the language is unknown or its
/// grammar fails on this text.
fn highlighted(code: &str, lang: &str) -> Option<String> {
    if lang.is_empty() {
        return None;
    }
    let set = syntaxes();
    let mut state = ParseState::new(set.find_syntax_by_token(lang)?);
    let mut stack = ScopeStack::new();
    let mut runs = Runs::default();
    for line in LinesWithEndings::from(code) {
        let mut at = 0;
        for (to, op) in state.parse_line(line, set).ok()? {
            runs.push(kind_of(&stack), &line[at..to]);
            stack.apply(&op).ok()?;
            at = to;
        }
        runs.push(kind_of(&stack), &line[at..]);
    }
    Some(runs.finish())
}

/// Text gathered into runs of one kind, written as HTML.
#[derive(Default)]
struct Runs {
    html: String,
    kind: Option<&'static str>,
    text: String,
}

impl Runs {
    fn push(&mut self, kind: Option<&'static str>, text: &str) {
        if text.is_empty() {
            return;
        }
        // Whitespace takes the kind of the run it sits in: fewer spans.
        if kind != self.kind && !text.trim().is_empty() {
            self.flush();
            self.kind = kind;
        }
        self.text.push_str(text);
    }

    fn flush(&mut self) {
        let text = escape(&std::mem::take(&mut self.text));
        match self.kind {
            Some(class) if !text.trim().is_empty() => {
                let _ = write!(self.html, "<span class=\"hl-{class}\">{text}</span>");
            }
            _ => self.html.push_str(&text),
        }
    }

    fn finish(mut self) -> String {
        self.flush();
        self.html
    }
}

/// Light colours by default, dark under `prefers-color-scheme: dark` or when
/// the reader chose 深色 (see `render::dark`); made once.
pub fn stylesheet() -> &'static str {
    static CSS: OnceLock<String> = OnceLock::new();
    CSS.get_or_init(make_stylesheet)
}

fn make_stylesheet() -> String {
    let rules = |dark: bool| {
        let mut css = String::new();
        for (class, _, light_colour, dark_colour, italic) in KINDS.iter().filter(|k| !k.0.is_empty()) {
            let colour = if dark { dark_colour } else { light_colour };
            let style = if *italic { " font-style: italic;" } else { "" };
            let _ = writeln!(css, ".hl-{class} {{ color: {colour};{style} }}");
        }
        css
    };
    let mut out = String::from("/* Generated by coursesite: the token kinds of render/highlight.rs. */\n");
    out.push_str(&rules(false));
    out.push_str("@media (prefers-color-scheme: dark) {\n");
    out.push_str(&rules(true));
    out.push_str("}\n");
    // Dark follows the reader's choice as well as the system (render::dark).
    super::dark::expand(&out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn known_language_gets_classes() {
        let html = code_block("fn main() {}\n", "rust", true);
        assert!(html.contains("class=\"hl-"), "{html}");
        assert!(html.starts_with("<pre class=\"code\"><code class=\"language-rust\">"));
    }

    #[test]
    fn unknown_language_and_html_are_escaped() {
        let html = code_block("<script>alert(1)</script>\n", "nope\"><x", true);
        assert!(!html.contains("<script>"), "{html}");
        assert!(html.contains("language-nope&quot;&gt;&lt;x"), "{html}");
    }

    #[test]
    fn tokens_get_their_kind_in_one_short_span_per_run() {
        let html = code_block("// 注释\nlet n = \"文字\"; // 又一个\n", "js", true);
        assert!(html.contains("<span class=\"hl-c\">// 注释\n</span>"), "{html}");
        assert!(html.contains("<span class=\"hl-k\">let </span>n = <span"), "{html}");
        assert!(html.contains("<span class=\"hl-s\">&quot;文字&quot;</span>"), "{html}");
        // The text is all there, in order, with nothing else but spans.
        let source = "// 注释\nlet n = \"文字\"; // 又一个\n";
        let spans = highlighted(source, "js").unwrap();
        let text: String = spans.split('<').map(|p| p.split_once('>').map_or(p, |(_, t)| t)).collect();
        assert_eq!(text, escape(source));
        let json = code_block("{\"ticket\": 42}\n", "json", true);
        assert!(!json.contains("hl-meta") && json.contains("hl-n\">42<"), "{json}");
        assert!(json.contains("<span class=\"hl-a\">&quot;ticket&quot;</span>"), "a key reads as a name: {json}");
    }

    #[test]
    fn every_kind_has_both_colours_in_the_stylesheet() {
        let css = stylesheet();
        for (class, ..) in KINDS.iter().filter(|k| !k.0.is_empty()) {
            // Light once; dark twice (the reader's choice, and the system's).
            assert_eq!(css.matches(&format!(".hl-{class} {{")).count(), 3, "{class}");
        }
    }

    #[test]
    fn stylesheet_has_light_and_dark() {
        let css = stylesheet();
        assert!(css.contains(".hl-"));
        assert!(css.contains("prefers-color-scheme: dark"));
        assert!(css.contains(":where(:root[data-theme=\"dark\"]) .hl-"), "dark does not follow the reader's choice");
    }
}
