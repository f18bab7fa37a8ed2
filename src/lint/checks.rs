//! The checks that look at one line at a time: download-site boilerplate,
//! pinyin readings in parentheses, half-width punctuation between Chinese
//! characters. Each takes the line's characters with their byte offsets
//! (see `for_each_line`); `office::clean` uses the first two on import.

use super::{is_han, Check, Finding};
use crate::hanzi::tables;
use std::sync::OnceLock;

/// Phrases only download sites put in documents (simplified; lines are converted
/// to simplified before matching, so traditional copies are caught too).
const BOILERPLATE: &[&str] = &[
    "下载声明",
    "下载本文档",
    "下载文档前",
    "本文档由",
    "本页资料",
    "仅供学习",
    "仅供参考交流",
    "版权说明",
    "继续免费阅读",
    "页未读",
    "收益归属",
    "文档简介",
    "如文档侵犯",
    "请联系客服",
    "仅部分预览",
    "自愿下载",
];

/// Also used by `office::clean` to drop such lines on import.
pub(crate) fn boilerplate(chars: &[(usize, char)]) -> Option<Finding> {
    if !chars.iter().any(|(_, c)| is_han(*c)) {
        return None;
    }
    // Converting every line to simplified was most of the lint's time; only a
    // line with a traditional character can differ after conversion.
    let phrase = match boilerplate_in(chars.iter().map(|(_, c)| *c)) {
        Some(phrase) => phrase,
        None if chars.iter().any(|(_, c)| tables().is_traditional(*c)) => {
            let line: String = chars.iter().map(|(_, c)| *c).collect();
            boilerplate_in(hanconv::t2s(&line).chars())?
        }
        None => return None,
    };
    let first = chars.iter().find(|(_, c)| !c.is_whitespace()).map_or(chars[0].0, |(o, _)| *o);
    Some(Finding {
        offset: first,
        check: Check::Boilerplate,
        message: msg!("lint_boilerplate", phrase),
        hint: msg!("lint_boilerplate_hint"),
    })
}

/// The first phrase of `BOILERPLATE` (in its order) found in a line. One pass
/// over the line, comparing only where a phrase's first character stands:
/// sixteen substring searches per line were a third of the lint's time.
fn boilerplate_in(line: impl Iterator<Item = char>) -> Option<&'static str> {
    // The phrases' first characters, a bit each (all below U+10000).
    static FIRST: OnceLock<Vec<u64>> = OnceLock::new();
    let first = FIRST.get_or_init(|| {
        let mut bits = vec![0u64; 0x10000 / 64];
        for c in BOILERPLATE.iter().filter_map(|p| p.chars().next()) {
            bits[c as usize / 64] |= 1 << (c as usize % 64);
        }
        bits
    });
    let line: Vec<char> = line.collect();
    let mut found = 0u32;
    for (i, &c) in line.iter().enumerate() {
        if first.get(c as usize / 64).is_none_or(|bits| bits & (1 << (c as usize % 64)) == 0) {
            continue;
        }
        for (n, phrase) in BOILERPLATE.iter().enumerate() {
            let mut rest = line[i..].iter();
            if phrase.chars().all(|p| rest.next() == Some(&p)) {
                found |= 1 << n;
            }
        }
    }
    (found != 0).then(|| BOILERPLATE[found.trailing_zeros() as usize])
}

/// Pinyin letters: a–z, ü and the tone-marked vowels.
fn is_pinyin_letter(c: char) -> bool {
    c.is_ascii_lowercase() || "āáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜüńňǹ".contains(c)
}

fn has_tone(s: &str) -> bool {
    s.chars().any(|c| "āáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜńňǹ".contains(c)) || s.chars().any(|c| ('1'..='5').contains(&c))
}

/// Also used by `office::clean` to remove the readings on import.
pub(crate) fn pinyin(chars: &[(usize, char)]) -> Vec<Finding> {
    let mut out = Vec::new();
    for i in 1..chars.len() {
        let (offset, open) = chars[i];
        if !(open == '(' || open == '（') || !is_han(chars[i - 1].1) {
            continue;
        }
        let inner: String =
            chars[i + 1..].iter().map(|(_, c)| *c).take_while(|&c| c != ')' && c != '）').take(24).collect();
        let closed = chars.get(i + 1 + inner.chars().count()).is_some_and(|(_, c)| *c == ')' || *c == '）');
        let syllables: Vec<&str> = inner.split_whitespace().collect();
        let looks = closed
            && !syllables.is_empty()
            && syllables.iter().all(|s| {
                let letters = s.trim_end_matches(|c: char| ('1'..='5').contains(&c));
                !letters.is_empty() && letters.chars().count() <= 6 && letters.chars().all(is_pinyin_letter)
            })
            && has_tone(&inner);
        if looks {
            out.push(Finding {
                offset,
                check: Check::Pinyin,
                message: msg!(
                    "lint_pinyin",
                    after = chars[i - 1].1,
                    reading = format!("{open}{inner}{}", if open == '(' { ')' } else { '）' })
                ),
                hint: msg!("lint_pinyin_hint"),
            });
        }
    }
    out
}

pub(super) fn punctuation(chars: &[(usize, char)]) -> Option<Finding> {
    let mut found: Vec<(usize, char)> = Vec::new();
    for i in 1..chars.len() {
        let c = chars[i].1;
        if !matches!(c, ',' | ';' | ':' | '?' | '!' | '(' | ')') {
            continue;
        }
        let next = chars[i + 1..].iter().map(|(_, c)| *c).find(|c| *c != ' ');
        if is_han(chars[i - 1].1) && next.is_some_and(is_han) {
            found.push(chars[i]);
        }
    }
    let (offset, c) = *found.first()?;
    let full = |c: char| match c {
        ',' => '，',
        ';' => '；',
        ':' => '：',
        '?' => '？',
        '!' => '！',
        '(' => '（',
        _ => '）',
    };
    let mut kinds: Vec<char> = found.iter().map(|f| f.1).collect();
    kinds.dedup();
    let fixes: Vec<String> = kinds.iter().take(4).map(|&k| format!("'{k}' → '{}'", full(k))).collect();
    let message = match found.len() {
        1 => msg!("lint_half_width", c),
        n => msg!("lint_half_width_n", c, n),
    };
    Some(Finding {
        offset,
        check: Check::Punctuation,
        message,
        hint: msg!("lint_half_width_hint", fixes = crate::messages::list(fixes)),
    })
}

#[cfg(test)]
mod tests {
    use super::super::tests::all;
    use super::super::{lint_text, Check, Finding};
    use crate::config::LintConfig;

    #[test]
    fn pinyin_in_parentheses_after_a_word() {
        let text = "现代客户服务(wù)理念，服务质(zhì)量很重要。\n发展（fā zhǎn）与进步\n客户(kehu4)\n";
        let got: Vec<Check> = lint_text(text, &all()).iter().map(|f| f.check).collect();
        assert_eq!(got.iter().filter(|c| **c == Check::Pinyin).count(), 4, "{got:?}");
        // Not pinyin: English, an abbreviation, list markers, a year.
        for ok in ["服务质量(service quality)\n", "客户关系管理(CRM)\n", "方法(一)\n", "成立(1998)\n", "见(a)项\n"]
        {
            assert!(!lint_text(ok, &all()).iter().any(|f| f.check == Check::Pinyin), "{ok}");
        }
    }

    #[test]
    fn download_boilerplate_lines() {
        let text = "第1讲 现代客户服务理念\n已閱讀5頁,還剩60頁未讀, 繼續免費閱讀\n- 【下载声明】\n版權說明:本文檔由用戶提供並上傳\n本资料仅供学习使用\n正文：客户服务很重要。\n";
        let found: Vec<Finding> =
            lint_text(text, &LintConfig { script: false, punctuation: false, ..all() }).into_iter().collect();
        let lines: Vec<usize> = found.iter().map(|f| text[..f.offset].matches('\n').count() + 1).collect();
        assert_eq!(lines, vec![2, 3, 4, 5], "{found:?}");
        assert!(found.iter().all(|f| f.check == Check::Boilerplate));
        assert!(found[1].message.en().contains("下载声明"));
        // Several phrases on a line: the message names the first in the list's
        // order (本文档由 before 版权说明), wherever they stand.
        assert!(found[2].message.en().contains("本文档由"), "{}", found[2].message.en());
    }

    #[test]
    fn half_width_punctuation_inside_chinese_sentences() {
        let text = "当前市场的竞争越来越猛烈,越来越残酷;企业怎么办?\n客户服务(简称客服)很重要。\n";
        let found = lint_text(text, &all());
        assert_eq!(found.len(), 2, "{found:?}");
        assert!(found[0].message.en().contains("(2 on this line)"), "{}", found[0].message.en());
        assert!(found[0].hint.en().contains("',' → '，'") && found[0].hint.en().contains("';' → '；'"));
        assert_eq!(&text[found[1].offset..found[1].offset + 1], "(");
        // Fine: Latin around the comma, digits, full-width, code, links, fenced code.
        for ok in [
            "支持 CRM, ERP 两种系统。\n",
            "1,000 元\n",
            "竞争越来越猛烈，越来越残酷。\n",
            "用 `a,b` 表示\n",
            "见[案例](cases/甲.md)说明\n",
            "```\n中文,中文\n```\n",
            "````\n```\n中文,中文\n````\n",
            "~~~\r\n中文,中文\r\n~~~\r\n",
            "时间:9:00\n",
        ] {
            assert!(lint_text(ok, &all()).is_empty(), "{ok}: {:?}", lint_text(ok, &all()));
        }
    }
}
