//! The visible text of a rendered page, split into sections at its headings:
//! what the search index holds for each page.

use crate::render::text::decode_entities;

/// One section of a page: the text under a heading (the first has none).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Section {
    pub anchor: String,
    pub heading: String,
    pub text: String,
}

/// The visible text of rendered HTML, split at headings that carry an `id`.
/// Reads exactly what the page shows: whatever rendering leaves out (a teacher-only
/// block in a student build) is never indexed. Elements marked `data-noindex`,
/// scripts and styles are skipped.
pub fn html_sections(html: &str) -> Vec<Section> {
    let mut sections = vec![Section::default()];
    let mut rest = html;
    // Tag name and depth of an element being skipped.
    let mut skip: Option<(String, usize)> = None;
    let mut in_heading: Option<String> = None;
    while !rest.is_empty() {
        let Some(lt) = rest.find('<') else {
            push_text(&mut sections, in_heading.is_some(), skip.is_some(), rest);
            break;
        };
        push_text(&mut sections, in_heading.is_some(), skip.is_some(), &rest[..lt]);
        rest = &rest[lt..];
        let Some(gt) = tag_end(rest) else {
            break;
        };
        let tag = &rest[1..gt];
        rest = &rest[gt + 1..];
        let closing = tag.starts_with('/');
        // The tag's name, lower-cased in a small buffer: one tag after another
        // of every page passes here, and allocating a String for each showed.
        let bare = tag.trim_start_matches('/');
        let name_len = bare.bytes().take_while(u8::is_ascii_alphanumeric).count();
        let mut name_buf = [0u8; 16];
        let name: &str = match bare.get(..name_len).filter(|n| n.len() <= name_buf.len()) {
            Some(n) => {
                name_buf[..n.len()].copy_from_slice(n.as_bytes());
                name_buf[..n.len()].make_ascii_lowercase();
                std::str::from_utf8(&name_buf[..n.len()]).unwrap_or_default()
            }
            None => "", // longer than any tag this cares about
        };
        let void = tag.ends_with('/') || matches!(name, "br" | "hr" | "img" | "input" | "meta" | "link" | "wbr");
        if let Some((skip_name, depth)) = &mut skip {
            if name == skip_name.as_str() {
                if closing {
                    *depth -= 1;
                    if *depth == 0 {
                        skip = None;
                    }
                } else if !void {
                    *depth += 1;
                }
            }
            continue;
        }
        if name == "math" && !closing && !void {
            rest = math_source(&mut sections, in_heading.is_some(), rest);
            continue;
        }
        if !closing && !void && (matches!(name, "script" | "style" | "template") || has_word(tag, "data-noindex")) {
            skip = Some((name.to_string(), 1));
            continue;
        }
        let heading = name.len() == 2 && name.starts_with('h') && name.as_bytes()[1].is_ascii_digit();
        if heading && !closing {
            if let Some(id) = attr(tag, "id") {
                sections.push(Section { anchor: id, ..Section::default() });
                in_heading = Some(name.to_string());
                continue;
            }
        }
        if closing && in_heading.as_deref() == Some(name) {
            in_heading = None;
            continue;
        }
        if is_block(name) {
            push_text(&mut sections, in_heading.is_some(), false, " ");
        }
    }
    for s in &mut sections {
        s.text = collapse(&s.text);
        s.heading = collapse(&s.heading);
    }
    sections.retain(|s| !s.text.is_empty() || !s.heading.is_empty());
    sections
}

/// Math (`render/markdown/math.rs`) is indexed as its TeX source, kept in an
/// `<annotation>`; the MathML around it is skipped. `rest` starts after `<math …>`;
/// what follows `</math>` is returned.
fn math_source<'h>(sections: &mut [Section], heading: bool, rest: &'h str) -> &'h str {
    let end = rest.find("</math>").unwrap_or(rest.len());
    let inner = &rest[..end];
    let tex = inner.find("<annotation").and_then(|a| {
        let start = a + inner[a..].find('>')? + 1;
        Some(&inner[start..start + inner[start..].find("</annotation>")?])
    });
    if let Some(tex) = tex {
        push_text(sections, heading, false, &format!(" {tex} "));
    }
    rest.get(end + "</math>".len()..).unwrap_or("")
}

/// Does `tag` contain `word`? Tags are short, and `str::contains` sets up a
/// two-way search on every call.
fn has_word(tag: &str, word: &str) -> bool {
    let (tag, word) = (tag.as_bytes(), word.as_bytes());
    tag.len() >= word.len() && tag.windows(word.len()).any(|w| w[0] == word[0] && w == word)
}

fn tag_end(s: &str) -> Option<usize> {
    let mut quote: Option<char> = None;
    for (i, c) in s.char_indices().skip(1) {
        match (quote, c) {
            (Some(q), c) if c == q => quote = None,
            (Some(_), _) => {}
            (None, '"' | '\'') => quote = Some(c),
            (None, '>') => return Some(i),
            _ => {}
        }
    }
    None
}

fn attr(tag: &str, name: &str) -> Option<String> {
    let pat = format!(" {name}=\"");
    let start = tag.find(&pat)? + pat.len();
    let end = tag[start..].find('"')? + start;
    Some(decode_entities(&tag[start..end]))
}

fn is_block(name: &str) -> bool {
    matches!(
        name,
        "p" | "div"
            | "li"
            | "ul"
            | "ol"
            | "td"
            | "th"
            | "tr"
            | "table"
            | "br"
            | "hr"
            | "pre"
            | "blockquote"
            | "section"
            | "dt"
            | "dd"
            | "dl"
            | "h1"
            | "h2"
            | "h3"
            | "h4"
            | "h5"
            | "h6"
            | "figcaption"
            | "details"
            | "summary"
    )
}

fn push_text(sections: &mut [Section], heading: bool, skipped: bool, raw: &str) {
    if skipped || raw.is_empty() {
        return;
    }
    let Some(last) = sections.last_mut() else { return };
    let text = decode_entities(raw);
    if heading {
        last.heading.push_str(&text);
    } else {
        last.text.push_str(&text);
    }
}

fn collapse(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn html_sections_follow_headings_and_skip_hidden() {
        let html = "<p>引言&amp;说明</p><h2 id=\"一-客户\">一 客户</h2><p>客户<a class=\"term\" data-def=\"x>y\" href=\"#\">服务</a></p>\
                    <table><tr><td>甲</td><td>乙</td></tr></table><div data-noindex><p>教师用</p><div>秘密</div></div><h3>无锚</h3><p>尾</p>";
        let s = html_sections(html);
        assert_eq!(s.len(), 2, "{s:?}");
        assert_eq!(s[0], Section { anchor: String::new(), heading: String::new(), text: "引言&说明".into() });
        assert_eq!(s[1].anchor, "一-客户");
        assert_eq!(s[1].heading, "一 客户");
        assert_eq!(s[1].text, "客户服务 甲 乙 无锚 尾");
        assert!(!s[1].text.contains("教师用") && !s[1].text.contains("秘密"));
    }

    #[test]
    fn math_is_indexed_as_its_tex_source() {
        let html = "<p>公式<math display=\"inline\"><semantics><mrow><mi>α</mi><mo>&lt;</mo></mrow>\
                    <annotation encoding=\"application/x-tex\">\\alpha &lt; 1</annotation></semantics></math>成立</p>\
                    <h2 id=\"h\">标题 <math><mi>x</mi></math></h2><p>尾<math><mi>y</mi>";
        let s = html_sections(html);
        assert_eq!(s[0].text, "公式 \\alpha < 1 成立");
        assert_eq!(s[1].heading, "标题");
        assert_eq!(s[1].text, "尾");
    }

    #[test]
    fn bad_html_does_not_panic() {
        for html in [
            "<",
            "<h2 id=\"x",
            "&#xFFFFFFFF;",
            "&;",
            "<p>&amp",
            "</h2>文字",
            "<div data-noindex>",
            "<math>",
            "<math><annotation",
            "<math><annotation>x",
        ] {
            let _ = html_sections(html);
        }
        assert_eq!(decode_entities("&#x5BA2;&#25143;&bogus;"), "客户&bogus;");
    }
}
