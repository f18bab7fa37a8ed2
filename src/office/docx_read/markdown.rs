//! Formatted text → inline Markdown. A run's text and formatting become a
//! [`Seg`]; [`render`] merges neighbours and adds the markers. `pptx_import`
//! builds its segments from slide runs and renders them the same way.
//! [`join_cjk`] joins plain-text pieces with no space between two CJK
//! characters.

use crate::office::emit::escape;

/// A run of text with its formatting, before Markdown markers are added.
#[derive(Debug, Clone, PartialEq)]
pub struct Seg {
    pub text: String,
    pub bold: bool,
    pub italic: bool,
    pub link: Option<String>,
    /// Already Markdown (images, footnote references): never escaped or wrapped.
    pub raw: bool,
}

/// Segments → inline Markdown: neighbours with the same formatting merge, so
/// Word's habit of splitting a word into many runs leaves no `****`.
pub fn render(segs: &[Seg]) -> String {
    let mut merged: Vec<Seg> = Vec::new();
    for s in segs {
        match merged.last_mut() {
            Some(m) if !m.raw && !s.raw && m.bold == s.bold && m.italic == s.italic && m.link == s.link => {
                m.text.push_str(&s.text);
            }
            _ => merged.push(s.clone()),
        }
    }
    let mut out = String::new();
    for s in merged {
        if s.raw {
            out.push_str(&s.text);
            continue;
        }
        let trimmed = s.text.trim();
        if trimmed.is_empty() {
            out.push_str(&s.text);
            continue;
        }
        let lead = &s.text[..s.text.len() - s.text.trim_start().len()];
        let trail = &s.text[s.text.trim_end().len()..];
        let mut body = escape(trimmed);
        if s.italic {
            body = format!("*{body}*");
        }
        if s.bold {
            body = format!("**{body}**");
        }
        if let Some(link) = &s.link {
            body = format!("[{body}]({})", link.replace(' ', "%20"));
        }
        out.push_str(lead);
        out.push_str(&body);
        out.push_str(trail);
    }
    out
}

/// Plain text of a paragraph list (a table cell), joined the way Chinese text
/// joins: no space between two CJK characters.
pub fn join_cjk(parts: &[String]) -> String {
    let mut out = String::new();
    for part in parts.iter().map(|p| p.trim()).filter(|p| !p.is_empty()) {
        let cjk_end = out.chars().last().is_some_and(crate::search::text::is_cjk);
        let cjk_start = part.chars().next().is_some_and(crate::search::text::is_cjk);
        if !(out.is_empty() || cjk_end && cjk_start) {
            out.push(' ');
        }
        out.push_str(part);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn runs_merge_and_escape() {
        let seg = |t: &str, b: bool| Seg { text: t.into(), bold: b, italic: false, link: None, raw: false };
        assert_eq!(
            render(&[seg("客户", true), seg("服务", true), seg(" 是*什么*", false)]),
            "**客户服务** 是\\*什么\\*"
        );
        assert_eq!(join_cjk(&["内部".into(), "客户".into()]), "内部客户");
        assert_eq!(join_cjk(&["CRM".into(), "系统".into()]), "CRM 系统");
    }
}
