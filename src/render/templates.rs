//! Tera, loaded from the theme. Template names end in `.html`, so Tera escapes
//! every value by default; only rendered Markdown is marked `safe` in templates.

use super::template_text;
use crate::config::Language;
use crate::diag::Diagnostic;
use crate::i18n;
use crate::theme::Theme;
use serde::Serialize;
use std::collections::{HashMap, HashSet};
use std::hash::{Hash, Hasher};
use std::path::PathBuf;
use tera::Tera;

/// A theme's templates, ready for one language.
#[derive(Debug)]
pub struct Templates {
    /// The templates, escaping values as the Markdown renderer does (`&#39;`,
    /// `/` kept), not as Tera does (`&#x27;`, `&#x2F;`): a body reads the same
    /// whichever of them wrote a piece of it, and a page's links are not
    /// five bytes longer per slash (a tenth of a sidebar-less page's chrome).
    tera: Tera,
    /// The names the templates read (see `template_text`).
    names: HashSet<String>,
    /// Where each template came from, for error messages.
    origins: HashMap<String, PathBuf>,
    /// A hash of the templates and the language: page bodies depend on them
    /// now that quizzes and scripts are written by templates (pass 1's key).
    pub key: u64,
}

/// A piece of markup Rust asks the templates for: each is a one-line driver
/// calling a theme macro, so the markup lives in `templates/macros/*.html`
/// where a theme can override it.
#[derive(Debug, Clone, Copy)]
pub enum Fragment {
    Quiz,
    Script,
    Nav,
}

impl Fragment {
    fn driver(self) -> (&'static str, &'static str, &'static str) {
        // (driver name, the macro file, the driver's text)
        match self {
            Fragment::Quiz => {
                ("__quiz.html", "macros/quiz.html", r#"{%- import "macros/quiz.html" as m -%}{{ m::quiz(quiz=quiz) }}"#)
            }
            Fragment::Script => (
                "__script.html",
                "macros/script.html",
                r#"{%- import "macros/script.html" as m -%}{{ m::script(script=script) }}"#,
            ),
            Fragment::Nav => (
                "__nav.html",
                "macros/nav.html",
                r#"{%- import "macros/nav.html" as m -%}{{ m::item(node=nav.node, children=nav.children) }}"#,
            ),
        }
    }

    const ALL: [Fragment; 3] = [Fragment::Quiz, Fragment::Script, Fragment::Nav];
}

impl Templates {
    /// Does any template read the context field `name`? Fields none reads are
    /// left out of the data each page hands Tera.
    pub fn reads(&self, name: &str) -> bool {
        self.names.contains(name) || self.names.contains("__tera_context")
    }
}

pub fn load(theme: &Theme, lang: Language) -> Result<Templates, Diagnostic> {
    let mut tera = Tera::default();
    let mut templates = Vec::new();
    let strings = i18n::table(lang);
    let mut names = HashSet::new();
    let mut origins = HashMap::new();
    let mut key = crate::fingerprint::KeyHasher::new();
    lang.tag().hash(&mut key);
    for (rel, file) in &theme.templates {
        (rel, &file.contents).hash(&mut key);
        let name = rel.trim_start_matches("templates/").to_string();
        let text = String::from_utf8(file.contents.clone())
            .map_err(|_| Diagnostic::error(msg!("template_not_utf8")).in_file(&file.origin))?;
        let text = template_text::inline_strings(&text, &strings);
        template_text::identifiers(&text, &mut names);
        origins.insert(name.clone(), file.origin.clone());
        templates.push((name, text));
    }
    for fragment in Fragment::ALL {
        let (name, _, text) = fragment.driver();
        templates.push((name.to_string(), text.to_string()));
    }
    let failed = |e: tera::Error| {
        Diagnostic::error(msg!("template_error", error = chain(&e)))
            .in_file(std::path::Path::new("themes/"))
            .hint(msg!("template_names_hint"))
    };
    tera.set_escape_fn(super::text::escape);
    if let Err(e) = tera.add_raw_templates(templates) {
        return Err(syntax_error(theme).unwrap_or_else(|| failed(e)));
    }
    Ok(Templates { tera, names, origins, key: key.finish() })
}

/// The first template that does not parse alone, as written (so the error's
/// position is the author's), naming its own file: Tera's combined error
/// mentions every template in the inheritance chain. Looked for only once the
/// combined parse failed: parsing every template twice was a fifth of the
/// instructions of a cached 1,000-page build.
fn syntax_error(theme: &Theme) -> Option<Diagnostic> {
    theme.templates.iter().find_map(|(rel, file)| {
        let name = rel.trim_start_matches("templates/");
        let text = String::from_utf8_lossy(&file.contents);
        tera::Template::new(name, None, &text).err().map(|e| {
            Diagnostic::error(msg!("template_error", error = chain(&e)))
                .in_file(&file.origin)
                .hint(msg!("template_syntax_hint"))
        })
    })
}

impl Templates {
    /// Render a [`Fragment`] (a quiz, a call script, the sidebar) with `data` under `name`.
    pub fn fragment<T: Serialize + ?Sized>(
        &self,
        fragment: Fragment,
        name: &str,
        data: &T,
    ) -> Result<String, Diagnostic> {
        let (driver, file, _) = fragment.driver();
        let fail = |e: &dyn std::error::Error| {
            let origin = self.origins.get(file).cloned().unwrap_or_else(|| file.into());
            Diagnostic::error(msg!("template_failed", name = file, error = chain(e)))
                .in_file(&origin)
                .hint(msg!("template_macro_hint"))
        };
        let mut context = tera::Context::new();
        context.try_insert(name, data).map_err(|e| fail(&e))?;
        self.tera.render(driver, &context).map_err(|e| fail(&e))
    }
}

/// Render template `name` into bytes. `size` is about how large the page will
/// be: Tera starts from 2 KB and grows by doubling, then checks the UTF-8 of
/// what it wrote (its own output of valid strings) — 5 % of a build's time
/// for pages of 20 KB, spent for nothing when the bytes go to a file.
pub fn render<C: Serialize>(
    templates: &Templates,
    theme: &Theme,
    name: &str,
    ctx: &C,
    size: usize,
) -> Result<Vec<u8>, Diagnostic> {
    let context =
        tera::Context::from_serialize(ctx).map_err(|e| Diagnostic::error(msg!("template_data", error = chain(&e))))?;
    let mut out = Vec::with_capacity(size);
    templates.tera.render_to(name, &context, &mut out).map(|()| out).map_err(|e| {
        let origin =
            theme.templates.get(&format!("templates/{name}")).map(|f| f.origin.clone()).unwrap_or_else(|| name.into());
        Diagnostic::error(msg!("template_failed", name, error = chain(&e)))
            .in_file(&origin)
            .hint(msg!("template_vars_hint"))
    })
}

/// Tera nests the useful message in its error's sources.
fn chain(err: &dyn std::error::Error) -> String {
    let mut parts = vec![err.to_string()];
    let mut source = err.source();
    while let Some(s) = source {
        parts.push(s.to_string());
        source = s.source();
    }
    parts.join(": ")
}
