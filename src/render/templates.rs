//! Tera, loaded from the theme. Template names end in `.html`, so Tera escapes
//! every value by default; only rendered Markdown is marked `safe` in templates.

use crate::diag::Diagnostic;
use crate::theme::Theme;
use serde::Serialize;
use tera::Tera;

pub fn load(theme: &Theme) -> Result<Tera, Diagnostic> {
    let mut tera = Tera::default();
    let mut templates = Vec::new();
    for (rel, file) in &theme.templates {
        let name = rel.trim_start_matches("templates/").to_string();
        let text = String::from_utf8(file.contents.clone())
            .map_err(|_| Diagnostic::error("template is not valid UTF-8").in_file(&file.origin))?;
        templates.push((name, text));
    }
    tera.add_raw_templates(templates).map_err(|e| {
        let origin = theme
            .templates
            .values()
            .find(|f| {
                chain(&e).contains(
                    &f.origin
                        .to_string_lossy()
                        .rsplit('/')
                        .next()
                        .unwrap_or_default()
                        .to_string(),
                )
            })
            .map(|f| f.origin.clone())
            .unwrap_or_else(|| "themes/".into());
        Diagnostic::error(format!("template error: {}", chain(&e)))
            .in_file(&origin)
            .hint("fix the template's Tera syntax")
    })?;
    Ok(tera)
}

pub fn render<C: Serialize>(
    tera: &Tera,
    theme: &Theme,
    name: &str,
    ctx: &C,
) -> Result<String, Diagnostic> {
    let context = tera::Context::from_serialize(ctx)
        .map_err(|e| Diagnostic::error(format!("cannot prepare template data: {}", chain(&e))))?;
    tera.render(name, &context).map_err(|e| {
        let origin = theme
            .templates
            .get(&format!("templates/{name}"))
            .map(|f| f.origin.clone())
            .unwrap_or_else(|| name.into());
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
