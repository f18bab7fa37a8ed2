//! Recognising what a piece of imported text is: Chinese outline numbering
//! (一、 （一） 1.), odd bullets left by lost Wingdings fonts (ü l n Ø),
//! dialogue lines of a call script, and file names for new pages.

use super::emit::{Block, Marker};

const NUMERALS: &str = "一二三四五六七八九十";

/// 一 → 1 … 十九 → 19; digits too.
pub fn numeral_value(s: &str) -> Option<u32> {
    if let Ok(n) = s.parse() {
        return Some(n);
    }
    let digit = |c: char| NUMERALS.chars().position(|d| d == c).map(|i| i as u32 + 1);
    let chars: Vec<char> = s.chars().collect();
    match chars.as_slice() {
        [c] => digit(*c),
        ['十', c] => Some(10 + digit(*c)?),
        [c, '十'] => Some(digit(*c)? * 10),
        [a, '十', b] => Some(digit(*a)? * 10 + digit(*b)?),
        _ => None,
    }
}

/// Outline numbering at the start of a paragraph: its rank (0 = 任务N,
/// 1 = 一、, 2 = （一）, 3 = 1.) and the text after it.
pub fn outline(text: &str) -> Option<(usize, &str)> {
    let t = text.trim_start();
    if let Some(rest) = t.strip_prefix("任务") {
        let n: String = rest.chars().take_while(|c| c.is_ascii_digit() || NUMERALS.contains(*c)).collect();
        if !n.is_empty() {
            return Some((0, rest[n.len()..].trim_start_matches([' ', '、', '.', '：', ':'])));
        }
    }
    let head: String = t.chars().take_while(|c| NUMERALS.contains(*c)).collect();
    if !head.is_empty() {
        let rest = &t[head.len()..];
        if let Some(r) = rest.strip_prefix('、') {
            return Some((1, r.trim_start()));
        }
    }
    for (open, close) in [('（', '）'), ('(', ')')] {
        if let Some(rest) = t.strip_prefix(open) {
            let n: String = rest.chars().take_while(|c| NUMERALS.contains(*c)).collect();
            if !n.is_empty() {
                if let Some(r) = rest[n.len()..].strip_prefix(close) {
                    return Some((2, r.trim_start()));
                }
            }
        }
    }
    let digits: String = t.chars().take_while(char::is_ascii_digit).collect();
    if !digits.is_empty() && digits.len() < 3 {
        let rest = &t[digits.len()..];
        for sep in ['.', '．', '、'] {
            if let Some(r) = rest.strip_prefix(sep) {
                // 1.5 is a number, not numbering.
                if !r.starts_with(|c: char| c.is_ascii_digit()) {
                    return Some((3, r.trim_start()));
                }
            }
        }
    }
    None
}

/// `（1）…` / `(1)…`: a numbered item inside a paragraph list.
pub fn paren_number(text: &str) -> Option<&str> {
    let t = text.trim_start();
    for (open, close) in [('（', '）'), ('(', ')')] {
        if let Some(rest) = t.strip_prefix(open) {
            let digits: String = rest.chars().take_while(char::is_ascii_digit).collect();
            if !digits.is_empty() {
                if let Some(r) = rest[digits.len()..].strip_prefix(close) {
                    return Some(r.trim_start());
                }
            }
        }
    }
    None
}

/// A bullet typed as a character: `ü`, `l`, `n`, `Ø`, `q`, `v` are what
/// Wingdings bullets turn into when the font is lost; the rest are real glyphs.
pub fn odd_bullet(text: &str) -> Option<&str> {
    let t = text.trim_start();
    let mut chars = t.chars();
    let first = chars.next()?;
    let rest = chars.as_str();
    let next = rest.chars().next()?;
    let glyph = "•●○◆◇■□▪▫►▶➢➤√✓✔·-–—*".contains(first);
    let wingding = "üÜlnØqvØ§".contains(first);
    let followed = next.is_whitespace() || crate::search::text::is_cjk(next);
    if (glyph && followed) || (wingding && followed && (next.is_whitespace() || !first.is_ascii_lowercase())) {
        return Some(rest.trim_start());
    }
    // `l` and `n` only before a space: `l 目前预算不足`.
    None
}

/// Strip list numbering a form's cell carries: `1.`, `1、`, `（1）`, `①`.
pub fn strip_number(text: &str) -> String {
    let t = text.trim();
    let t = match outline(t) {
        Some((3, rest)) | Some((1, rest)) => rest,
        _ => paren_number(t).unwrap_or(t),
    };
    let t = t.trim_start_matches(|c: char| ('①'..='⑳').contains(&c)).trim();
    t.trim_end_matches(['；', ';', '，', ',']).trim().to_string()
}

/// A 步骤 heading: `步骤一、组织教学（5分钟）` → (步骤一, 组织教学, Some(5)).
pub fn step(text: &str) -> Option<(String, String, Option<u32>)> {
    let t = text.trim().trim_matches('*').trim();
    let rest = t.strip_prefix("步骤")?;
    let n: String = rest.chars().take_while(|c| c.is_ascii_digit() || NUMERALS.contains(*c)).collect();
    numeral_value(&n)?;
    let mut name = rest[n.len()..].trim_start_matches([' ', '、', '.', '．', '：', ':', '\u{3000}']).trim().to_string();
    let mut minutes = None;
    for (open, close) in [('（', '）'), ('(', ')')] {
        if let Some(i) = name.rfind(open) {
            let inner = &name[i + open.len_utf8()..];
            let inner = inner.strip_suffix(close).unwrap_or(inner);
            let digits: String = inner.trim().chars().take_while(char::is_ascii_digit).collect();
            if !digits.is_empty() && inner.contains("分钟") {
                minutes = digits.parse().ok();
                name = name[..i].trim().to_string();
                break;
            }
        }
    }
    if name.is_empty() || name.chars().count() > 30 {
        return None;
    }
    Some((format!("步骤{n}"), name, minutes))
}

/// The roles of a dialogue, when at least four lines are `角色：台词` with two
/// or more speakers: (agent, customer) names for a call script's front matter.
pub fn dialogue(lines: &[&str]) -> Option<(String, String)> {
    let speakers: Vec<&str> = lines
        .iter()
        .filter_map(|l| crate::model::script::split_speaker(l).map(|(name, _)| name))
        .filter(|n| n.chars().last().is_some_and(|c| "员人户客席服表者方长理师问".contains(c)))
        .collect();
    if speakers.len() < 4 {
        return None;
    }
    let customer_words = ["客户", "顾客", "用户", "客人", "买家"];
    let customer = speakers.iter().find(|s| customer_words.iter().any(|w| s.contains(w)))?;
    let agent = speakers.iter().find(|s| *s != customer)?;
    Some((agent.to_string(), customer.to_string()))
}

/// A file stem from a title: `项目一 理解客户服务` → `理解客户服务`; characters
/// that are not allowed in file names (or awkward in URLs) become `-`.
pub fn stem(title: &str) -> String {
    let mut t = title.trim();
    for prefix in ["项目", "模块", "单元", "第"] {
        if let Some(rest) = t.strip_prefix(prefix) {
            let n: String = rest.chars().take_while(|c| c.is_ascii_digit() || NUMERALS.contains(*c)).collect();
            if !n.is_empty() {
                let r = rest[n.len()..].trim_start_matches(['章', '节', '课', '讲', '单', '元']);
                let r = r.trim_start_matches([' ', '、', '：', ':', '\u{3000}']);
                // `第一课件` is not 第一课 + 件: a one-character rest is a fragment
                // of a word, never a name.
                if r.chars().count() >= 2 {
                    t = r;
                }
            }
        }
    }
    let cleaned: String = t
        .chars()
        .map(|c| if c.is_whitespace() || "/\\:*?\"<>|#%&{}$!'@+`=".contains(c) || c.is_control() { '-' } else { c })
        .collect();
    let cleaned = cleaned.trim_matches(['-', '.']).to_string();
    let short: String = cleaned.chars().take(40).collect();
    if short.is_empty() {
        "imported".into()
    } else {
        short
    }
}

/// Numbered paragraphs typed by hand (`1.…` `2.…`, `（1）…`) in a document
/// that is not our own export: a run of two or more becomes a list; a lone
/// `1.` followed by other content is a heading, like 一、 and （一）.
/// Heading levels follow the ranks present, from `base` down.
pub fn outline_pass(blocks: Vec<Block>, base: u8) -> Vec<Block> {
    let text_of = |b: &Block| match b {
        Block::Para(t) => Some(t.trim_start_matches("**").to_string()),
        _ => None,
    };
    let rank_at = |i: usize, blocks: &[Block]| -> Option<usize> {
        let t = text_of(blocks.get(i)?)?;
        let (rank, rest) = outline(&t)?;
        (!rest.is_empty() && t.chars().count() <= 60).then_some(rank)
    };
    // Which ranks are headings: a `1.` run of two or more is a list.
    let mut kinds: Vec<Option<usize>> = (0..blocks.len()).map(|i| rank_at(i, &blocks)).collect();
    for i in 0..blocks.len() {
        if kinds[i] == Some(3) {
            let prev3 = i > 0 && kinds[i - 1] == Some(3);
            let next3 = kinds.get(i + 1).copied().flatten() == Some(3);
            if prev3 || next3 {
                kinds[i] = Some(9); // list item
            }
        }
    }
    for i in 0..blocks.len() {
        if kinds[i] == Some(9) && i > 0 && kinds[i - 1] == Some(3) {
            kinds[i - 1] = Some(9);
        }
    }
    let mut present: Vec<usize> = kinds.iter().flatten().copied().filter(|k| *k < 9).collect();
    present.sort_unstable();
    present.dedup();
    let mut out = Vec::new();
    for (i, block) in blocks.into_iter().enumerate() {
        let text = text_of(&block);
        match (kinds[i], text) {
            (Some(9), Some(t)) => {
                let rest = outline(&t).map_or(t.as_str(), |(_, r)| r).trim_end_matches("**").to_string();
                out.push(Block::Item { level: 0, marker: Marker::Ordered, text: rest });
            }
            (Some(rank), Some(t)) => {
                let pos = present.iter().position(|r| *r == rank).unwrap_or(0) as u8;
                out.push(Block::Heading((base + pos).min(6), t.trim_end_matches("**").trim().to_string()));
            }
            _ => match &block {
                Block::Para(t) if paren_number(t).is_some() => {
                    let rest = paren_number(t).unwrap_or(t).to_string();
                    out.push(Block::Item { level: 0, marker: Marker::Ordered, text: rest });
                }
                Block::Para(t) if odd_bullet(t).is_some() => {
                    let rest = odd_bullet(t).unwrap_or(t).to_string();
                    out.push(Block::Item { level: 0, marker: Marker::Bullet('-'), text: rest });
                }
                _ => out.push(block),
            },
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn outline_numbering() {
        assert_eq!(outline("一、客户"), Some((1, "客户")));
        assert_eq!(outline("（二）客户的分类"), Some((2, "客户的分类")));
        assert_eq!(outline("3.按位置分类"), Some((3, "按位置分类")));
        assert_eq!(outline("任务2 掌握方法"), Some((0, "掌握方法")));
        assert_eq!(outline("1.5 倍"), None);
        assert_eq!(outline("客户"), None);
        assert_eq!(numeral_value("十二"), Some(12));
        assert_eq!(odd_bullet("ü 目前预算不足"), Some("目前预算不足"));
        assert_eq!(odd_bullet("ü目前预算不足"), Some("目前预算不足"));
        assert_eq!(odd_bullet("long word"), None);
        assert_eq!(strip_number("1.理解客户的内涵；"), "理解客户的内涵");
        assert_eq!(stem("项目一 理解客户服务"), "理解客户服务");
        assert_eq!(stem("a/b: c"), "a-b--c");
        // A fragment of a word is never a name.
        assert_eq!(stem("第一课件"), "第一课件");
        assert_eq!(stem("第三课 接待"), "接待");
    }

    #[test]
    fn steps_with_and_without_minutes() {
        assert_eq!(step("步骤一、组织教学"), Some(("步骤一".into(), "组织教学".into(), None)));
        assert_eq!(step("步骤三 新课讲解（130分钟）"), Some(("步骤三".into(), "新课讲解".into(), Some(130))));
        assert_eq!(step("步骤很多"), None);
    }

    #[test]
    fn numbered_runs_become_lists_and_lone_numbers_headings() {
        let p = |t: &str| Block::Para(t.into());
        let out = outline_pass(vec![p("一、客户"), p("1.甲"), p("2.乙"), p("（一）分类"), p("1.按来源"), p("正文")], 4);
        assert_eq!(out[0], Block::Heading(4, "一、客户".into()));
        assert!(matches!(&out[1], Block::Item { text, .. } if text == "甲"));
        assert_eq!(out[3], Block::Heading(5, "（一）分类".into()));
        assert_eq!(out[4], Block::Heading(6, "1.按来源".into()));
    }

    #[test]
    fn dialogue_roles() {
        let lines = ["客户：你好", "坐席：您好", "客户：我要投诉", "坐席：请讲"];
        assert_eq!(dialogue(&lines), Some(("坐席".into(), "客户".into())));
        assert_eq!(dialogue(&lines[..2]), None);
    }
}
