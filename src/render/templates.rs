//! Tera, loaded from the theme. Template names end in `.html`, so Tera escapes
//! every value by default; only rendered Markdown is marked `safe` in templates.

use super::template_text;
use crate::config::Language;
use crate::diag::Diagnostic;
use crate::i18n;
use crate::theme::Theme;
use serde::Serialize;
use std::collections::HashSet;
use tera::Tera;

/// A theme's templates, ready for one language.
#[derive(Debug)]
pub struct Templates {
    tera: Tera,
    /// The names the templates read (see `template_text`).
    names: HashSet<String>,
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
    for (rel, file) in &theme.templates {
        let name = rel.trim_start_matches("templates/").to_string();
        let text = String::from_utf8(file.contents.clone())
            .map_err(|_| Diagnostic::error("template is not valid UTF-8").in_file(&file.origin))?;
        // Parse each template alone first, as written (so a syntax error's
        // position is the author's), naming its own file: Tera's combined
        // error mentions every template in the inheritance chain.
        if let Err(e) = tera::Template::new(&name, None, &text) {
            return Err(Diagnostic::error(format!("template error: {}", chain(&e)))
                .in_file(&file.origin)
                .hint("fix the template's Tera syntax"));
        }
        let text = template_text::inline_strings(&text, &strings);
        template_text::identifiers(&text, &mut names);
        templates.push((name, text));
    }
    tera.add_raw_templates(templates).map_err(|e| {
        Diagnostic::error(format!("template error: {}", chain(&e)))
            .in_file(std::path::Path::new("themes/"))
            .hint("check the templates' {% extends %}, {% import %} and block names")
    })?;
    Ok(Templates { tera, names })
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
    let context = tera::Context::from_serialize(ctx)
        .map_err(|e| Diagnostic::error(format!("cannot prepare template data: {}", chain(&e))))?;
    let mut out = Vec::with_capacity(size);
    templates.tera.render_to(name, &context, &mut out).map(|()| out).map_err(|e| {
        let origin =
            theme.templates.get(&format!("templates/{name}")).map(|f| f.origin.clone()).unwrap_or_else(|| name.into());
        Diagnostic::error(format!("template '{name}' failed: {}", chain(&e)))
            .in_file(&origin)
            .hint("check the variables and blocks the template uses")
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
