//! The Markdown dialect's shared facts, read by every step (profile stripping,
//! model parsers, rendering, slides, search, lint), so no step keeps its own copy:
//! - [`callouts`]: every `> [!kind]` callout kind, once — aliases, title,
//!   whether it is teacher-only or speaker notes, whether it folds;
//! - [`lines`]: one CommonMark-fence-aware iterator over a page's lines;
//! - [`containers`]: other tools' containers (`!!!`, `:::`, MyST, tabs) rewritten as callouts;
//! - [`include`]: mdBook's `{{#include}}` and Docsify's `':include'`, read (load puts the files in);
//! - [`foreign`]: other tools' one-line markers (`[TOC]`, kramdown `{: .note }`, Docsify `?>`, mdBook `\\(`);
//! - [`liquid`]: Liquid/Jinja leftovers of Jekyll and Hugo pages;
//! - [`anchor`]: how headings become ids, and the ids the theme reserves.

pub mod anchor;
pub mod callouts;
pub mod containers;
pub mod foreign;
pub mod include;
pub mod lines;
pub mod liquid;

/// A page's text split at `body_offset` into front matter and body (an offset
/// past the end or inside a character moves back to the nearest boundary):
/// the pre-passes of this module rewrite the body only.
pub fn split_body(text: &str, body_offset: usize) -> (&str, &str) {
    let mut at = body_offset.min(text.len());
    while !text.is_char_boundary(at) {
        at -= 1;
    }
    text.split_at(at)
}

/// Can a page's body hold anything load rewrites for other tools: includes
/// ([`include`]), template tags ([`liquid`]) or one-line markers ([`foreign`])?
/// Each of them holds `{`, `\\`, `@` or `:i`, or starts a line with `[`, `?`
/// or `!` — three SIMD scans, where the modules' own tests are a search per
/// marker. Every page pays for this; only pages that pass pay for those.
pub fn may_hold_foreign(body: &str) -> bool {
    let bytes = body.as_bytes();
    if memchr::memchr3(b'{', b'\\', b'@', bytes).is_some() || memchr::memmem::find(bytes, b":i").is_some() {
        return true;
    }
    let line_starts = std::iter::once(0).chain(memchr::memchr_iter(b'\n', bytes).map(|i| i + 1));
    line_starts.into_iter().any(|at| matches!(bytes.get(at), Some(b'[' | b'?' | b'!')))
}

#[cfg(test)]
mod tests {
    #[test]
    fn every_foreign_marker_passes_the_quick_test() {
        let markers = [
            "{{#include a.md}}",
            "[x](a.md ':include')",
            "<!--@include: a.md-->",
            "{% raw %}",
            "{{ site.title }}",
            "[TOC]",
            "[[toc]]",
            "{: .note }",
            "?> 提示",
            "!> 重要",
            "## 标题 :id=x",
            "\\\\( x \\\\)",
            "\\begin{aligned}",
        ];
        for marker in markers {
            assert!(super::may_hold_foreign(&format!("正文\n{marker}\n")), "{marker}");
        }
        assert!(!super::may_hold_foreign("# 标题\n\n客户服务是一门学问。[链接](a.md)，见 https://example.org 。\n"));
    }
}
