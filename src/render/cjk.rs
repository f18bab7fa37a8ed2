//! CJK line breaks. Teachers hard-wrap Chinese paragraphs; a browser turns each
//! newline into a space, which is wrong in Chinese. CSS Text Level 3 §4.1.2
//! (segment break transformation): a break between two characters whose East
//! Asian Width is F, W or H, neither of them Hangul, is removed.

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

/// Should a soft break between `before` and `after` vanish?
pub fn drop_break(before: Option<char>, after: Option<char>) -> bool {
    matches!((before, after), (Some(b), Some(a)) if is_wide(b) && is_wide(a))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn segment_break_rule() {
        assert!(drop_break(Some('客'), Some('户')));
        assert!(drop_break(Some('，'), Some('客')));
        assert!(drop_break(Some('。'), Some('（')));
        assert!(drop_break(Some('ｱ'), Some('漢'))); // halfwidth katakana is H
        assert!(!drop_break(Some('a'), Some('客')));
        assert!(!drop_break(Some('客'), Some('b')));
        assert!(!drop_break(Some('한'), Some('국'))); // Hangul keeps its space
        assert!(!drop_break(None, Some('客')));
    }
}
