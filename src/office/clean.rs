//! Text cleaning on import: download-site boilerplate lines are dropped and
//! pinyin readings in parentheses (`服務(wù)`, the trace of a bad conversion)
//! are removed, with the detection of `lint` (one definition of what noise
//! is). Every change is reported; nothing else is touched.

use crate::lint;

/// What cleaning changed in one file, in words for the import report.
pub type Changes = Vec<crate::messages::Msg>;

/// Clean a whole page: in the front matter only pinyin is removed (a TOML
/// line cannot go), in the body boilerplate lines go too. Changes name the line.
pub fn clean_page(text: &str, changes: &mut Changes) -> String {
    let mut out = String::with_capacity(text.len());
    let mut fences = 0;
    for (i, line) in text.lines().enumerate() {
        if line == "+++" {
            fences += 1;
        }
        let mut local = Vec::new();
        let cleaned = if fences < 2 { Some(clean_pinyin(line, &mut local)) } else { clean_text(line, &mut local) };
        changes.extend(local.into_iter().map(|change| msg!("clean_line", line = i + 1, change)));
        if let Some(l) = cleaned {
            out.push_str(&l);
            out.push('\n');
        }
    }
    out
}

/// `None` when the text is a boilerplate line, else the text without pinyin.
pub fn clean_text(text: &str, changes: &mut Changes) -> Option<String> {
    let chars: Vec<(usize, char)> = text.char_indices().collect();
    if chars.is_empty() {
        return Some(String::new());
    }
    if let Some(found) = lint::boilerplate(&chars) {
        let shown: String = text.chars().take(40).collect();
        let more = if text.chars().count() > 40 { "…" } else { "" };
        changes.push(msg!("clean_dropped", what = found.message, line = format!("{shown}{more}")));
        return None;
    }
    Some(clean_pinyin(text, changes))
}

fn clean_pinyin(text: &str, changes: &mut Changes) -> String {
    let chars: Vec<(usize, char)> = text.char_indices().collect();
    let found = lint::pinyin(&chars);
    if found.is_empty() {
        return text.to_string();
    }
    let mut out = String::with_capacity(text.len());
    let mut from = 0;
    for f in found {
        if f.offset < from {
            continue;
        }
        let Some(close) = text[f.offset..].find([')', '）']).map(|i| f.offset + i) else {
            continue;
        };
        let close_len = text[close..].chars().next().map_or(1, char::len_utf8);
        out.push_str(&text[from..f.offset]);
        changes.push(msg!("clean_removed", what = f.message));
        from = close + close_len;
    }
    out.push_str(&text[from..]);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pages_keep_their_front_matter_lines() {
        let mut changes = Vec::new();
        let page = "+++\ntitle = \"服務(wù)\"\n+++\n\n下载声明\n正文\n";
        assert_eq!(clean_page(page, &mut changes), "+++\ntitle = \"服務\"\n+++\n\n正文\n");
        assert_eq!(changes.len(), 2);
        assert!(changes[1].en().starts_with("line 5: dropped"), "{changes:?}");
    }

    #[test]
    fn drops_boilerplate_and_pinyin_and_reports_each() {
        let mut changes = Vec::new();
        assert_eq!(clean_text("【下载声明】本站资料仅供学习", &mut changes), None);
        assert_eq!(clean_text("现代客户服務(wù)理念与质(zhì)量", &mut changes).unwrap(), "现代客户服務理念与质量");
        assert_eq!(clean_text("客户关系管理(CRM)", &mut changes).unwrap(), "客户关系管理(CRM)");
        assert_eq!(changes.len(), 3, "{changes:?}");
        assert!(changes[0].en().starts_with("dropped download-site boilerplate"), "{changes:?}");
        assert!(changes[1].en().contains("(wù)"), "{changes:?}");
    }
}
