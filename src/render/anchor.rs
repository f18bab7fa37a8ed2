//! Heading anchors that keep Chinese: `## 教学目标` → `id="教学目标"`. Transliterating
//! to pinyin would collide (实验 and 试验 are both `shi-yan`) and be unreadable in
//! a shared link, so ids keep every letter of every script; repeats get `-1`, `-2`.

use std::collections::HashSet;

#[derive(Debug, Default)]
pub struct Slugger {
    used: HashSet<String>,
}

impl Slugger {
    /// Mark `id` as taken (an anchor the template or glossary fixes).
    pub fn reserve(&mut self, id: &str) {
        self.used.insert(id.to_string());
    }

    /// A fresh id for `text`, unique among the ids this slugger has handed out.
    pub fn unique(&mut self, text: &str) -> String {
        let base = slugify(text);
        let mut id = base.clone();
        let mut n = 1;
        while !self.used.insert(id.clone()) {
            id = format!("{base}-{n}");
            n += 1;
        }
        id
    }
}

/// Letters and digits of any script are kept (ASCII lower-cased), whitespace and
/// dashes become one `-`, everything else (punctuation, symbols) is dropped.
pub fn slugify(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut dash = false;
    for ch in text.chars() {
        if ch.is_alphanumeric() || ch == '_' {
            if dash && !out.is_empty() {
                out.push('-');
            }
            dash = false;
            out.extend(ch.to_lowercase());
        } else if ch.is_whitespace() || ch == '-' || ch == '\u{3000}' {
            dash = true;
        }
    }
    if out.is_empty() {
        "section".to_string()
    } else {
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keeps_chinese_and_drops_punctuation() {
        assert_eq!(slugify("教学目标"), "教学目标");
        assert_eq!(slugify("步骤一 组织教学"), "步骤一-组织教学");
        assert_eq!(slugify("（一）客户的内涵"), "一客户的内涵");
        assert_eq!(slugify("RATER 五个度：Reliability"), "rater-五个度reliability");
        assert_eq!(slugify("4P → 4C"), "4p-4c");
        assert_eq!(slugify("？！"), "section");
    }

    #[test]
    fn repeats_are_numbered() {
        let mut s = Slugger::default();
        assert_eq!(s.unique("思考"), "思考");
        assert_eq!(s.unique("思考"), "思考-1");
        assert_eq!(s.unique("思考"), "思考-2");
        assert_eq!(s.unique("思考-1"), "思考-1-1");
    }
}
