//! TeX math → MathML at build time (pulldown-latex): the page needs no
//! JavaScript and no web fonts. comrak finds the math (`$…$`, `$$…$$`,
//! `\(…\)`, `\[…\]`, `` $`…`$ `` and ```` ```math ```` blocks) and keeps it
//! from Markdown parsing; this module only turns its TeX into HTML.
//!
//! The TeX source rides along in `<annotation encoding="application/x-tex">`:
//! browsers do not show it, and the search index reads it instead of the
//! MathML (`search/sections.rs`). A TeX error never breaks the page: the source
//! is shown in a `math-error` box and the caller warns at its position.

use super::super::text::escape;
use pulldown_latex::config::DisplayMode;
use pulldown_latex::{push_mathml, Parser, RenderConfig, Storage};

/// Inline math sits in the line; display math is a centred block of its own.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Style {
    Inline,
    Display,
}

/// Inline math with more TeX than this may be wider than a phone's line: it
/// goes in a box that scrolls sideways (a browser never breaks a formula, and
/// a wider one would widen the whole page). Shorter math stays bare, on the
/// text's baseline.
const WIDE_INLINE_TEX: usize = 40;

/// The HTML for one piece of math, or the HTML of its error box with the error.
pub fn html(tex: &str, style: Style) -> Result<String, (String, String)> {
    let tex = tex.trim();
    match mathml(tex, style) {
        Ok(mathml) if style == Style::Display => Ok(format!("<span class=\"math-display\">{mathml}</span>")),
        Ok(mathml) if tex.chars().filter(|c| !c.is_whitespace()).count() > WIDE_INLINE_TEX => {
            Ok(format!("<span class=\"math-wide\">{mathml}</span>"))
        }
        Ok(mathml) => Ok(mathml),
        Err(message) => {
            let code = format!("<code class=\"math-error\" title=\"{}\">{}</code>", escape(&message), escape(tex));
            let boxed = match style {
                Style::Display => format!("<span class=\"math-display\">{code}</span>"),
                Style::Inline => code,
            };
            Err((boxed, message))
        }
    }
}

/// TeX → `<math>`, or the parser's first error (its first line, without the
/// source excerpt pulldown-latex appends).
fn mathml(tex: &str, style: Style) -> Result<String, String> {
    if tex.is_empty() {
        return Err("empty math".into());
    }
    let storage = Storage::new();
    let spelled = common_spellings(tex);
    let events: Vec<_> = Parser::new(&spelled, &storage).collect();
    if let Some(Err(e)) = events.iter().find(|e| e.is_err()) {
        let text = e.to_string();
        let first = text.lines().next().unwrap_or("").trim_start_matches("parsing error: ");
        return Err(first.to_string());
    }
    // pulldown-latex writes the annotation as given: escape it here.
    let annotation = escape(tex);
    let config = RenderConfig {
        display_mode: match style {
            Style::Inline => DisplayMode::Inline,
            Style::Display => DisplayMode::Block,
        },
        annotation: Some(&annotation),
        ..RenderConfig::default()
    };
    let mut out = String::new();
    push_mathml(&mut out, events.into_iter(), config).map_err(|e| e.to_string())?;
    Ok(out)
}

/// Commands courses use that pulldown-latex spells another way: `\bm` (the
/// bm package) is `\boldsymbol`, `\mbox` is `\text`, `\tag{1}` is set as
/// ` (1)` at the right, `\hline` in an array is dropped (its rule is lost).
fn common_spellings(tex: &str) -> std::borrow::Cow<'_, str> {
    const SPELLINGS: &[(&str, &str)] = &[("\\bm", "\\boldsymbol"), ("\\mbox", "\\text"), ("\\hline", "")];
    if !tex.contains("\\bm") && !tex.contains("\\mbox") && !tex.contains("\\hline") && !tex.contains("\\tag{") {
        return std::borrow::Cow::Borrowed(tex);
    }
    let mut out = String::with_capacity(tex.len() + 16);
    let mut rest = tex;
    while let Some(at) = rest.find('\\') {
        out.push_str(&rest[..at]);
        let after = &rest[at + 1..];
        let name_len = match after.find(|c: char| !c.is_ascii_alphabetic()).unwrap_or(after.len()) {
            0 => after.chars().next().map_or(0, char::len_utf8), // `\\`, `\{`, `\中`: one character
            n => n,
        };
        let command = &rest[at..at + 1 + name_len];
        let tag =
            (command == "\\tag").then(|| after[name_len..].strip_prefix('{').and_then(|r| r.split_once('}'))).flatten();
        if let Some((label, tail)) = tag {
            out.push_str(&format!("\\qquad\\text{{({label})}}"));
            rest = tail;
            continue;
        }
        match SPELLINGS.iter().find(|(from, _)| *from == command) {
            Some((_, to)) => out.push_str(to),
            None => out.push_str(command),
        }
        rest = &rest[at + command.len()..];
    }
    out.push_str(rest);
    std::borrow::Cow::Owned(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ok(tex: &str) -> String {
        html(tex, Style::Inline).unwrap_or_else(|(_, e)| panic!("{tex}: {e}"))
    }

    #[test]
    fn math_renders_every_construct_the_courses_use() {
        let cases: &[(&str, &[&str])] = &[
            (r"\frac{a}{b}", &["<mfrac>"]),
            (r"\sqrt{x}", &["<msqrt>"]),
            (r"\sqrt[3]{x}", &["<mroot>"]),
            (r"x_i^2", &["<msubsup>"]),
            (r"\alpha + \beta = \Gamma", &["α", "β", "Γ"]),
            // \boldsymbol makes Latin letters bold italic; pulldown-latex 0.8
            // leaves Greek ones (\boldsymbol{\mu}) regular.
            (
                r"\mathbf{v} \mathrm{d}x \boldsymbol{x}",
                &["<mi>𝐯</mi>", "<mi mathvariant=\"normal\">d</mi>", "<mi>𝒙</mi>"],
            ),
            (r"\left( x \right)", &["<mo stretchy=\"true\">(</mo>", "<mo stretchy=\"true\">)</mo>"]),
            (r"\begin{matrix} a & b \\ c & d \end{matrix}", &["<mtable", "<mtr>", "<mtd"]),
            (r"\begin{pmatrix} 1 & 0 \\ 0 & 1 \end{pmatrix}", &["<mtable", "("]),
            (r"\begin{bmatrix} 1 & 0 \\ 0 & 1 \end{bmatrix}", &["<mtable", "["]),
            (r"\text{中文}", &["<mtext>中文</mtext>"]),
            (r"\operatorname{rank} A", &["rank"]),
            (r"\hat{x} \bar{y} \vec{v}", &["<mover", "^", "‾", "→"]),
            (r"a \leq b, x \in A, f \rightarrow g", &["≤", "∈", "→"]),
            (r"\{ 1, 2 \}", &["{", "}"]),
        ];
        for (tex, wants) in cases {
            let out = ok(tex);
            for want in *wants {
                assert!(out.contains(want), "{tex}: no {want} in {out}");
            }
        }
    }

    #[test]
    fn math_big_operators_take_limits_in_display() {
        for tex in [r"\sum_{i=1}^{n} i", r"\prod_{k=1}^{n} k", r"\int_0^1 f(x)\,dx"] {
            let out = html(tex, Style::Display).unwrap();
            assert!(out.contains("<munderover>") || out.contains("<msubsup>"), "{tex}: {out}");
            assert!(out.contains("<math display=\"block\">"), "{out}");
        }
        assert!(html(r"\sum_{i=1}^{n} i", Style::Display).unwrap().contains("<munderover>"));
    }

    #[test]
    fn math_environments_with_line_breaks() {
        let aligned = ok(r"\begin{aligned} a &= b + c \\ &= d \end{aligned}");
        assert!(aligned.contains("<mtable") && aligned.matches("<mtr>").count() == 2, "{aligned}");
        let cases = ok(r"f(x) = \begin{cases} 1 & x \geq 0 \\ 0 & \text{否则} \end{cases}");
        assert!(cases.contains("<mtable") && cases.contains("<mtext>否则</mtext>"), "{cases}");
        assert!(cases.contains("{"), "{cases}");
    }

    #[test]
    fn math_keeps_its_source_escaped_in_an_annotation() {
        let out = ok(r"a < b");
        assert!(out.contains("<annotation encoding=\"application/x-tex\">a &lt; b</annotation>"), "{out}");
        assert!(out.starts_with("<math display=\"inline\">"), "{out}");
    }

    #[test]
    fn math_common_spellings_render() {
        for tex in
            ["\\bm{x}", "\\mbox{中}", "E = mc^2 \\tag{1}", "\\begin{array}{c} a \\\\ \\hline b \\end{array}", "\\bmod"]
        {
            assert!(html(tex, Style::Display).is_ok(), "{tex}");
        }
        assert_eq!(common_spellings("a\\中\\bm"), "a\\中\\boldsymbol", "a backslash before a wide character");
        assert_eq!(common_spellings("\\bm{x}+\\bmod+\\tag{2}"), "\\boldsymbol{x}+\\bmod+\\qquad\\text{(2)}");
        assert!(html("\\bm{\\alpha}", Style::Inline).unwrap().contains("\\bm{\\alpha}"), "the source is kept");
    }

    #[test]
    fn math_errors_become_a_box_with_the_source() {
        for bad in [r"\frac{a", r"\begin{aligned} a", r"x^^2", ""] {
            let (html, message) = html(bad, Style::Inline).expect_err(bad);
            assert!(html.starts_with("<code class=\"math-error\""), "{html}");
            assert!(!message.is_empty() && !message.contains('\n'), "{message}");
        }
        let (html, _) = html(r"\frac{<b>", Style::Display).unwrap_err();
        assert!(html.contains("&lt;b&gt;") && html.contains("math-display"), "{html}");
    }
}
