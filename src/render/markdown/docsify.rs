//! Docsify's link and image options, written where Markdown puts a title:
//! `[下载](a.pdf ':disabled')`, `![图](a.png ':size=50%')`, `':size=100x60'`,
//! `':target=_blank'`, `':ignore'`, `':no-zoom'`, `':class=x'`. They are read
//! for what they mean here and never shown as a tooltip.

/// What a title of Docsify options asks for.
#[derive(Debug, Default, PartialEq, Eq)]
pub struct Options {
    /// `:disabled`: the link is shown as text.
    pub disabled: bool,
    /// `:size=W`, `:size=WxH` or `:size=N%`: the image's width (and height).
    pub size: Option<(String, Option<String>)>,
}

/// The options of a title made of them only (every word starts with `:`).
pub fn options(title: &str) -> Option<Options> {
    let words: Vec<&str> = title.split_whitespace().collect();
    if words.is_empty() || !words.iter().all(|w| w.starts_with(':') && w.len() > 1) {
        return None;
    }
    let mut out = Options::default();
    for word in words {
        match word.split_once('=') {
            Some((":size", size)) => out.size = parse_size(size),
            None if word == ":disabled" => out.disabled = true,
            _ => {}
        }
    }
    Some(out)
}

/// `50x100` → (50, 100); `50` or `50%` → (50, none). Digits only (and `%`).
fn parse_size(size: &str) -> Option<(String, Option<String>)> {
    let ok = |s: &str| !s.is_empty() && s.trim_end_matches('%').bytes().all(|b| b.is_ascii_digit()) && s != "%";
    match size.split_once('x') {
        Some((w, h)) if ok(w) && ok(h) => Some((w.to_string(), Some(h.to_string()))),
        None if ok(size) => Some((size.to_string(), None)),
        _ => None,
    }
}

/// An `<img>` of that size (attribute values are digits and `%` only).
pub fn sized_image(url: &str, alt: &str, (width, height): &(String, Option<String>)) -> String {
    let escape = |s: &str| super::super::text::escape(s).replace('"', "&quot;");
    let height = height.as_ref().map(|h| format!(" height=\"{h}\"")).unwrap_or_default();
    format!("<img src=\"{}\" alt=\"{}\" width=\"{width}\"{height}>", escape(url), escape(alt))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn docsify_titles_are_options() {
        assert_eq!(options("说明"), None);
        assert_eq!(options(":disabled"), Some(Options { disabled: true, size: None }));
        let sized = options(":size=50x100 :no-zoom").unwrap();
        assert_eq!(sized.size, Some(("50".into(), Some("100".into()))));
        assert_eq!(options(":size=50%").unwrap().size, Some(("50%".into(), None)));
        assert_eq!(options(":size=big").unwrap().size, None, "not a size");
        assert_eq!(options(":target=_blank").unwrap(), Options::default());
        assert_eq!(options(": 怪"), None);
        let img = sized_image("a\".png", "图<", &("50".into(), None));
        assert_eq!(img, "<img src=\"a&quot;.png\" alt=\"图&lt;\" width=\"50\">");
    }
}
