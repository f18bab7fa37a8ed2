//! Every word of the UI comes from the strings table (src/i18n.rs): the theme's
//! templates and scripts hold no literal text, and every `t.key` they use exists
//! in every language.

use coursesite::i18n::{table, LANGUAGES};
use std::path::Path;

fn theme_files(ext: &str) -> Vec<(String, String)> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut out = Vec::new();
    for dir in ["themes/default/templates", "themes/default/templates/macros", "themes/default/static", "src/serve"] {
        for entry in std::fs::read_dir(root.join(dir)).expect("theme folder") {
            let path = entry.expect("entry").path();
            if path.extension().is_some_and(|e| e == ext) {
                out.push((path.display().to_string(), std::fs::read_to_string(&path).expect("read")));
            }
        }
    }
    out.sort();
    assert!(!out.is_empty(), "no .{ext} files found");
    out
}

/// `s` with every `open … close` span removed (replaced by a space).
fn strip(s: &str, open: &str, close: &str) -> String {
    let mut out = String::new();
    let mut rest = s;
    while let Some(i) = rest.find(open) {
        out.push_str(&rest[..i]);
        out.push(' ');
        rest = match rest[i + open.len()..].find(close) {
            Some(j) => &rest[i + open.len() + j + close.len()..],
            None => "",
        };
    }
    out.push_str(rest);
    out
}

fn is_han(c: char) -> bool {
    ('\u{3000}'..='\u{9fff}').contains(&c) || ('\u{ff00}'..='\u{ffef}').contains(&c)
}

#[test]
fn every_key_templates_use_exists_in_every_language() {
    let mut used = Vec::new();
    for (name, text) in theme_files("html") {
        let mut rest = text.as_str();
        while let Some(i) = rest.find("t.") {
            let before = rest[..i].chars().next_back();
            rest = &rest[i + 2..];
            if before.is_some_and(|c| c.is_alphanumeric() || c == '_' || c == '.') {
                continue;
            }
            let key: String = rest.chars().take_while(|c| c.is_ascii_alphanumeric() || *c == '_').collect();
            if !key.is_empty() {
                used.push((name.clone(), key));
            }
        }
    }
    assert!(used.len() > 50, "found only {} t.* uses", used.len());
    for lang in LANGUAGES {
        let strings = table(lang);
        for (file, key) in &used {
            assert!(strings.contains_key(key.as_str()), "{file}: t.{key} is not in the strings table ({})", lang.tag());
        }
    }
}

#[test]
fn templates_hold_no_literal_words() {
    for (name, text) in theme_files("html") {
        let text = strip(&strip(&strip(&text, "{#", "#}"), "{{", "}}"), "{%", "%}");
        // Inline CSS and scripts are code, not words people read.
        let text = strip(&strip(&text, "<style>", "</style>"), "<script>", "</script>");
        // Attributes people read: labels, titles, placeholders, alt text.
        for attr in ["aria-label=\"", "title=\"", "placeholder=\"", "alt=\""] {
            let mut rest = text.as_str();
            while let Some(i) = rest.find(attr) {
                rest = &rest[i + attr.len()..];
                let value = &rest[..rest.find('"').unwrap_or(rest.len())];
                assert!(!value.chars().any(char::is_alphabetic), "{name}: literal {attr}{value}\"");
            }
        }
        let body = strip(&text, "<", ">");
        let words: Vec<&str> = body.split_whitespace().filter(|w| w.chars().any(char::is_alphabetic)).collect();
        assert!(words.is_empty(), "{name}: literal text {words:?}; put it in src/i18n.rs");
        assert!(!body.chars().any(is_han), "{name}: literal Chinese text or punctuation");
    }
}

#[test]
fn scripts_hold_no_literal_ui_text() {
    for (name, text) in theme_files("js") {
        let code = strip(&text, "/*", "*/");
        let code: String = code.lines().map(|l| l.split(" // ").next().unwrap_or(l)).collect::<Vec<_>>().join("\n");
        assert!(!code.chars().any(is_han), "{name}: Chinese text in code; UI words come from src/i18n.rs");
        for sink in ["textContent = \"", "innerText = \"", "alert(\""] {
            for (i, _) in code.match_indices(sink) {
                let literal: String = code[i + sink.len()..].chars().take_while(|&c| c != '"').collect();
                assert!(
                    !literal.chars().any(char::is_alphabetic),
                    "{name}: literal UI text {sink}{literal}\"; UI words come from src/i18n.rs"
                );
            }
        }
    }
}
