//! Text in the flow map: SVG does not wrap, so titles and labels are broken
//! into lines here, by an estimate of each character's width (CJK a full em,
//! Latin about half), and cut with … only past the last allowed line.

use unicode_width::UnicodeWidthChar;

/// Characters that never start a line (Chinese line-breaking rules, 避头尾).
const NO_LINE_START: &str = "，。、；：？！）」』》〉】”’,.;:?!)]}…";

/// Width of `c` in ems at the map's font sizes.
fn em(c: char) -> f64 {
    match c.width() {
        Some(2) => 1.0,
        Some(0) | None => 0.0,
        _ if c.is_ascii_uppercase() || c.is_ascii_digit() => 0.64,
        _ => 0.54,
    }
}

/// The width of `text` in pixels at `size` px.
pub fn width(text: &str, size: f64) -> f64 {
    text.chars().map(em).sum::<f64>() * size
}

/// Break `text` into at most `max_lines` lines no wider than `max_width` px at
/// `size` px. Latin words stay whole when they fit a line; CJK breaks between any
/// two characters except before closing punctuation. Text past the last line is
/// cut, ending that line with `…`.
pub fn wrap(text: &str, size: f64, max_width: f64, max_lines: usize) -> Vec<String> {
    let mut lines: Vec<String> = Vec::new();
    let mut line = String::new();
    for token in tokens(text.trim()) {
        let fits = width(&line, size) + width(&token, size) <= max_width;
        let glued = token.chars().next().is_some_and(|c| NO_LINE_START.contains(c));
        if fits || line.is_empty() || glued {
            line.push_str(&token);
            continue;
        }
        lines.push(std::mem::take(&mut line).trim_end().to_string());
        line = token.trim_start().to_string();
    }
    if !line.trim().is_empty() {
        lines.push(line.trim_end().to_string());
    }
    // A token wider than the line (a long English word) is cut to fit.
    for l in &mut lines {
        *l = cut(l, size, max_width, false);
    }
    if lines.len() > max_lines.max(1) {
        lines.truncate(max_lines.max(1));
        if let Some(last) = lines.last_mut() {
            *last = cut(last, size, max_width, true);
        }
    }
    lines
}

/// `line` cut to `max_width`, ending with `…` when cut (or when `more` says
/// text follows it).
fn cut(line: &str, size: f64, max_width: f64, more: bool) -> String {
    if !more && width(line, size) <= max_width {
        return line.to_string();
    }
    let room = max_width - width("…", size);
    let mut out = String::new();
    for c in line.chars() {
        if width(&out, size) + em(c) * size > room {
            break;
        }
        out.push(c);
    }
    out.truncate(out.trim_end().len());
    out.push('…');
    out
}

/// Words of Latin text (with the space before them) and single other characters.
fn tokens(text: &str) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    let mut word = String::new();
    for c in text.chars() {
        let latin = c.is_ascii_alphanumeric() || matches!(c, '\'' | '-' | '_');
        if latin {
            word.push(c);
            continue;
        }
        if !word.is_empty() {
            out.push(std::mem::take(&mut word));
        }
        if c == ' ' {
            word.push(' ');
        } else {
            out.push(c.to_string());
        }
    }
    if !word.is_empty() {
        out.push(word);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn chinese_wraps_between_characters_but_not_before_punctuation() {
        let lines = wrap("我对这种业务完全不感兴趣。", 12.0, 60.0, 3);
        assert_eq!(lines, vec!["我对这种业", "务完全不感", "兴趣。"]);
        assert!(lines.iter().all(|l| !l.starts_with('。')));
    }

    #[test]
    fn latin_words_stay_whole_and_text_past_the_last_line_is_cut() {
        assert_eq!(wrap("call me back later", 12.0, 70.0, 3), vec!["call me", "back later"]);
        let cut = wrap("一二三四五六七八九十", 10.0, 40.0, 2);
        assert_eq!(cut.len(), 2);
        assert!(cut[1].ends_with('…') && width(&cut[1], 10.0) <= 40.0, "{cut:?}");
    }

    #[test]
    fn empty_text_has_no_lines() {
        assert!(wrap("  ", 12.0, 50.0, 2).is_empty());
    }
}
