//! CJK line breaks. Teachers hard-wrap Chinese paragraphs; a browser turns each
//! newline into a space, which is wrong in Chinese. CSS Text Level 3 §4.1.2
//! (segment break transformation): a break between two characters whose East
//! Asian Width is F, W or H, neither of them Hangul, is removed. The quotation
//! marks, ellipsis and dashes Chinese shares with Western text (“ ” ‘ ’ … — ·)
//! are East Asian Width Ambiguous: next to a wide character they count as wide
//! (CLReq; CSS Text 4), so `就这样。”⏎然后` loses its break too, while
//! `said “hi”⏎and` keeps its space.

use unicode_width::UnicodeWidthChar;

/// East Asian Width F, W or H, and not Hangul.
pub fn is_wide(ch: char) -> bool {
    if is_hangul(ch) {
        return false;
    }
    let halfwidth = matches!(ch, '\u{FF61}'..='\u{FFDC}' | '\u{FFE8}'..='\u{FFEE}' | '\u{20A9}');
    halfwidth || ch.width() == Some(2)
}

fn is_hangul(ch: char) -> bool {
    matches!(ch,
        '\u{1100}'..='\u{11FF}' | '\u{3130}'..='\u{318F}' | '\u{A960}'..='\u{A97F}'
        | '\u{AC00}'..='\u{D7AF}' | '\u{D7B0}'..='\u{D7FF}' | '\u{FFA0}'..='\u{FFDC}')
}

/// Punctuation of East Asian Width Ambiguous that Chinese text uses: wide when
/// the character on the other side of the break is.
const AMBIGUOUS_MARKS: &[char] = &['“', '”', '‘', '’', '…', '—', '―', '·', '‥'];

/// Should a soft break vanish? `before` and `after` are the characters on
/// each side, nearest first (a few of them: where a mark touches the break,
/// the nearest character that is not a mark decides, so `台阶——⏎“找到` loses
/// its break and `“hi”⏎“bye”` keeps its space).
pub fn drop_break(before: &[char], after: &[char]) -> bool {
    let (Some(&b), Some(&a)) = (before.first(), after.first()) else { return false };
    if is_wide(b) && is_wide(a) {
        return true;
    }
    let mark = |c: char| AMBIGUOUS_MARKS.contains(&c);
    if !(is_wide(b) || mark(b)) || !(is_wide(a) || mark(a)) {
        return false;
    }
    let solid = |chars: &[char]| chars.iter().copied().find(|&c| !mark(c));
    solid(before).is_some_and(is_wide) || solid(after).is_some_and(is_wide)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn drops(before: &str, after: &str) -> bool {
        drop_break(&before.chars().rev().collect::<Vec<_>>(), &after.chars().collect::<Vec<_>>())
    }

    #[test]
    fn segment_break_rule() {
        assert!(drops("客", "户"));
        assert!(drops("，", "客"));
        assert!(drops("。", "（"));
        assert!(drops("ｱ", "漢")); // halfwidth katakana is H
        assert!(!drops("a", "客"));
        assert!(!drops("客", "b"));
        assert!(!drops("한", "국")); // Hangul keeps its space
        assert!(!drops("", "客"));
    }

    #[test]
    fn quotation_marks_ellipsis_and_dashes_are_wide_next_to_chinese() {
        for (b, a) in [("。”", "然"), ("下", "“"), ("……", "他"), ("——", "客"), ("说", "——"), ("’", "。"), ("·", "路")]
        {
            assert!(drops(b, a), "{b}⏎{a}");
        }
        // Between marks, the nearest other character decides.
        assert!(drops("台阶——", "“找到"));
        assert!(!drops("“hi”", "“bye”"));
        // Next to Latin or Hangul the space stays.
        for (b, a) in [("”", "a"), ("x", "“"), ("…", "a"), ("—", "한")] {
            assert!(!drops(b, a), "{b}⏎{a}");
        }
    }
}
