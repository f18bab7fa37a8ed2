//! A lint for Chinese text pasted from document-sharing sites. `build` and
//! `check` warn, at `file:line:col`, about:
//!
//! - **script**: traditional characters mixed into a simplified page (or the
//!   reverse), the trace of a bad conversion (`現代客戶服務` in a 简体 course);
//! - **pinyin**: pinyin in parentheses after a word, `服務(wù)`, `質(zhì)量`;
//! - **boilerplate**: download-site lines (下载声明, 本文档由…提供, 仅供学习,
//!   已阅读5页，还剩60页未读);
//! - **punctuation**: half-width `,;:?!()` between Chinese characters.
//!
//! Which characters are traditional or simplified comes from OpenCC's
//! character tables, as shipped by the `hanconv` crate (no hand-written list).
//! A page opts out with `lint = false` in its front matter; course.toml's
//! `[lint]` turns single checks off or skips page kinds (`skip_kinds = ["case"]`).
//! Code spans, fenced code and link targets are never linted.

use crate::config::LintConfig;
use crate::diag::{did_you_mean, key_line, Diagnostic, Diagnostics};
use crate::model::{Course, Kind};
use crate::syntax::lines::{lines, Line};
use std::collections::HashMap;

mod checks;

use crate::hanzi::tables;
use checks::punctuation;
pub(crate) use checks::{boilerplate, pinyin};

/// At most this many warnings per check and page; then one saying how many more.
const MAX_PER_CHECK: usize = 8;

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Check {
    Script,
    Pinyin,
    Boilerplate,
    Punctuation,
}

impl Check {
    fn name(self) -> &'static str {
        match self {
            Check::Script => "script",
            Check::Pinyin => "pinyin",
            Check::Boilerplate => "boilerplate",
            Check::Punctuation => "punctuation",
        }
    }
}

/// One problem: where (byte offset into the linted text) and what.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Finding {
    pub offset: usize,
    pub check: Check,
    pub message: crate::messages::Msg,
    pub hint: crate::messages::Msg,
}

/// Lint every page of the course that asks for it.
/// Each page's lint warnings from the last build, keyed by a hash of the page
/// and the settings: `serve` lints only the pages that changed.
#[derive(Debug, Default, serde::Serialize, serde::Deserialize)]
pub struct LintCache {
    pages: std::collections::HashMap<String, (u64, Vec<Diagnostic>)>,
}

pub fn check_course(course: &Course, diags: &mut Diagnostics, cache: &mut LintCache) {
    let cfg = &course.config.lint;
    let mut skip = Vec::new();
    for name in &cfg.skip_kinds {
        match Kind::parse(name) {
            Some(k) => skip.push(k),
            None => {
                let mut d = Diagnostic::warning(msg!("lint_skip_kind", name))
                    .in_file(&course.config_source.display)
                    .at(&course.config_source.text, key_line(&course.config_source.text, "skip_kinds").unwrap_or(1), 1);
                d = match did_you_mean(name, Kind::NAMES) {
                    Some(best) => d.hint(msg!("kinds_best", best, kinds = crate::messages::list(Kind::NAMES))),
                    None => d.hint(msg!("kinds", kinds = crate::messages::list(Kind::NAMES))),
                };
                diags.push(d);
            }
        }
    }
    let settings = format!("{cfg:?} {:?}", course.config.language);
    let simplified = course.config.language == crate::config::Language::ZhCn;
    let pages: Vec<(&crate::model::Page, u64)> = course
        .pages
        .iter()
        .filter(|page| !page.generated && page.lint && !skip.contains(&page.kind))
        .map(|page| (page, crate::fingerprint::hash_of(&(&settings, &page.text, page.body_offset, &page.display))))
        .collect();
    let slots = pages
        .iter()
        .map(|(page, key)| match cache.pages.remove(&page.source) {
            Some((k, found)) if k == *key => Some(found),
            _ => None,
        })
        .collect();
    let done = crate::parallel::fill(slots, |i| lint_page(pages[i].0, cfg, simplified));
    let mut fresh = std::collections::HashMap::new();
    for ((page, key), found) in pages.into_iter().zip(done) {
        diags.extend(found.iter().cloned());
        fresh.insert(page.source.clone(), (key, found));
    }
    cache.pages = fresh;
}

fn lint_page(page: &crate::model::Page, cfg: &LintConfig, simplified: bool) -> Vec<Diagnostic> {
    let mut diags = Vec::new();
    {
        for f in lint_text_in(page.body(), cfg, simplified) {
            let hint = msg!("lint_silence", hint = f.hint, check = f.check.name());
            diags.push(
                Diagnostic::warning(f.message)
                    .in_file(&page.display)
                    .at_offset(&page.text, page.body_offset + f.offset)
                    .hint(hint),
            );
        }
    }
    diags
}

/// Everything wrong with `text` (a page body), in order. With `simplified`
/// (a zh-CN course) any traditional character in a page that also has
/// simplified ones is reported; otherwise the page's majority script decides
/// which characters are the strays.
pub fn lint_text(text: &str, cfg: &LintConfig) -> Vec<Finding> {
    lint_text_in(text, cfg, false)
}

pub fn lint_text_in(text: &str, cfg: &LintConfig, simplified: bool) -> Vec<Finding> {
    let tables = tables();
    let mut out = Vec::new();
    // Script: decided per page, once the majority is known.
    let mut trad_lines: Vec<(usize, Vec<char>)> = Vec::new();
    let mut simp_lines: Vec<(usize, Vec<char>)> = Vec::new();
    let (mut trad_total, mut simp_total) = (0usize, 0usize);
    for_each_line(text, |chars| {
        if chars.is_empty() {
            return;
        }
        if cfg.script {
            let trad: Vec<&(usize, char)> = chars.iter().filter(|(_, c)| tables.is_traditional(*c)).collect();
            let simp: Vec<&(usize, char)> = chars.iter().filter(|(_, c)| tables.is_simplified(*c)).collect();
            trad_total += trad.len();
            simp_total += simp.len();
            if let Some(first) = trad.first() {
                trad_lines.push((first.0, trad.iter().map(|(_, c)| *c).collect()));
            }
            if let Some(first) = simp.first() {
                simp_lines.push((first.0, simp.iter().map(|(_, c)| *c).collect()));
            }
        }
        if cfg.boilerplate {
            out.extend(boilerplate(chars));
        }
        if cfg.pinyin {
            out.extend(pinyin(chars));
        }
        if cfg.punctuation {
            out.extend(punctuation(chars));
        }
    });
    // In a zh-CN course any traditional character is a stray (a page wholly in
    // traditional characters is a pasted download, like seed 001); elsewhere only
    // a mix is, and the page's majority script decides which side strays.
    if trad_total > 0 && (simp_total > 0 || simplified) {
        let (lines, to_simplified) =
            if simplified || simp_total >= trad_total { (trad_lines, true) } else { (simp_lines, false) };
        for (offset, chars) in lines {
            let mut pairs: Vec<String> = Vec::new();
            for c in chars {
                let other = if to_simplified { tables.trad_only(c) } else { tables.simp_only(c) };
                let pair = format!("{c}→{}", other.unwrap_or(c));
                if !pairs.contains(&pair) && pairs.len() < 6 {
                    pairs.push(pair);
                }
            }
            let (message, hint) = if to_simplified {
                let place = crate::messages::Msg::new(if simp_total == 0 { "lint_zh_course" } else { "lint_zh_page" });
                (msg!("lint_traditional", place, pairs = pairs.join(" ")), msg!("lint_traditional_hint"))
            } else {
                (msg!("lint_simplified", pairs = pairs.join(" ")), msg!("lint_simplified_hint"))
            };
            out.push(Finding { offset, check: Check::Script, message, hint });
        }
    }
    out.sort_by_key(|f| (f.offset, f.check));
    cap(out)
}

/// Keep [`MAX_PER_CHECK`] findings per check, then one that counts the rest.
fn cap(findings: Vec<Finding>) -> Vec<Finding> {
    let mut counts: HashMap<Check, usize> = HashMap::new();
    let mut out = Vec::new();
    let mut more: Vec<(Check, usize, usize)> = Vec::new(); // check, offset of the first dropped, how many
    for f in findings {
        let n = counts.entry(f.check).or_default();
        *n += 1;
        if *n <= MAX_PER_CHECK {
            out.push(f);
        } else if let Some(m) = more.iter_mut().find(|m| m.0 == f.check) {
            m.2 += 1;
        } else {
            more.push((f.check, f.offset, 1));
        }
    }
    for (check, offset, n) in more {
        out.push(Finding {
            offset,
            check,
            message: msg!("lint_more", n, check = check.name()),
            hint: msg!("lint_more_hint"),
        });
    }
    out.sort_by_key(|f| (f.offset, f.check));
    out
}

/// The characters of each line worth linting, with their byte offsets in
/// `text`: fenced code is skipped; code spans and link targets become a
/// single space, so text on either side never looks adjacent. One buffer
/// serves every line.
fn for_each_line(text: &str, mut each: impl FnMut(&[(usize, char)])) {
    let mut chars = Vec::new();
    for Line { offset: start, raw: line, .. } in lines(text).filter(Line::is_text) {
        chars.clear();
        let mut it = line.char_indices().peekable();
        while let Some((i, c)) = it.next() {
            if c == '`' {
                // Inline code: up to the next backquote on the line.
                for (_, d) in it.by_ref() {
                    if d == '`' {
                        break;
                    }
                }
                chars.push((start + i, ' '));
            } else if c == ']' && it.peek().is_some_and(|&(_, d)| d == '(') {
                chars.push((start + i, c));
                for (_, d) in it.by_ref() {
                    if d == ')' {
                        break;
                    }
                }
                chars.push((start + i, ' '));
            } else if c != '\n' && c != '\r' {
                chars.push((start + i, c));
            }
        }
        each(&chars);
    }
}

fn is_han(c: char) -> bool {
    crate::search::text::is_cjk(c) && !('\u{3040}'..='\u{30ff}').contains(&c)
}
#[cfg(test)]
mod tests {
    use super::*;

    /// Every check on (shared with the line checks' tests).
    pub(super) fn all() -> LintConfig {
        LintConfig::default()
    }

    fn checks(text: &str) -> Vec<(Check, String)> {
        lint_text(text, &all()).into_iter().map(|f| (f.check, text[f.offset..].chars().take(4).collect())).collect()
    }

    #[test]
    fn traditional_characters_in_a_simplified_page() {
        // Modelled on a badly converted download: a simplified course page with a
        // pasted paragraph still in traditional characters.
        let text = "客户是企业的衣食父母，我们要重视客户。\n做好服务，留住客户，赢得口碑。\n企業必須重視客戶服務。\n";
        let found = lint_text(text, &all());
        assert_eq!(found.len(), 1, "{found:?}");
        assert_eq!(found[0].check, Check::Script);
        assert_eq!(&text[found[0].offset..found[0].offset + 3], "業");
        assert!(
            found[0].message.en().contains("業→业") && found[0].message.en().contains("戶→户"),
            "{}",
            found[0].message.en()
        );
        // A page wholly in one script is fine either way.
        assert!(lint_text("企業必須重視客戶服務。\n", &all()).is_empty());
        assert!(lint_text("企业必须重视客户服务。\n", &all()).is_empty());
    }

    #[test]
    fn simplified_characters_in_a_traditional_page() {
        let text = "現代企業必須重視客戶服務，關注顧客體驗。\n這個問題很重要，請認真對待。\n服务质量\n";
        let found = lint_text(text, &all());
        assert_eq!(found.len(), 1, "{found:?}");
        assert!(
            found[0].message.en().starts_with("simplified characters in a traditional page"),
            "{}",
            found[0].message.en()
        );
    }

    #[test]
    fn a_simplified_course_reports_the_traditional_side_even_when_it_is_larger() {
        // Seed-001-like: one simplified line by the teacher, then a pasted,
        // badly converted traditional passage.
        let text = "本讲介绍客户服务。\n導言：當前市場的競爭越來越猛烈，國內的專門多企業都關注戰略問題。\n";
        let found = lint_text_in(text, &all(), true);
        assert_eq!(found.len(), 1, "{found:?}");
        assert!(
            found[0].message.en().starts_with("traditional characters in a simplified page: 導→导"),
            "{}",
            found[0].message.en()
        );
        assert_eq!(text[..found[0].offset].matches('\n').count(), 1);
        // A page wholly in traditional characters, in a zh-CN course.
        let all_trad = "第1講 現代客戶服務理念\n";
        let found = lint_text_in(all_trad, &all(), true);
        assert_eq!(found.len(), 1, "{found:?}");
        assert!(
            found[0].message.en().starts_with("traditional characters in a simplified (zh-CN) course: 講→讲"),
            "{}",
            found[0].message.en()
        );
        // Without the course's hint the majority (traditional) wins.
        assert!(lint_text(text, &all())[0].message.en().starts_with("simplified characters in a traditional page"));
    }

    #[test]
    fn many_findings_are_capped_with_a_count() {
        let text = "中文,中文\n".repeat(20);
        let found = lint_text(&text, &all());
        assert_eq!(found.len(), MAX_PER_CHECK + 1);
        assert_eq!(found.last().unwrap().message.en(), "12 more lines with the same punctuation problem on this page");
    }

    #[test]
    fn checks_can_be_turned_off_and_bad_input_is_harmless() {
        let text = "企業必須重視客戶服務(wù)。\n中文,中文\n下载声明\n客户服务\n";
        let none = LintConfig { script: false, pinyin: false, boilerplate: false, punctuation: false, ..all() };
        assert!(lint_text(text, &none).is_empty());
        assert!(!checks(text).is_empty());
        for bad in ["", "(", "中(", "中(wù", "```", "`", "](", "\u{feff}中,", "中（）", "中(  )"] {
            let _ = lint_text(bad, &all());
        }
    }
}
