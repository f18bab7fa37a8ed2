//! Where a URL in Markdown leads. Links between pages are written to the source
//! file (`../cases/东方饭店.md`) and become the output file, relative to the page so
//! the site works from `file://` and under any sub-path; local images and files
//! must exist inside the course; script URLs are removed.

use crate::diag::did_you_mean;
use std::collections::{BTreeMap, BTreeSet};

pub struct Links<'a> {
    /// Source folder of the page under content/ (`lessons`), `""` at the root.
    pub page_dir: &'a str,
    /// Output depth of the page: how many `../` lead to the site root.
    pub depth: usize,
    /// Source path under content/ → output path (`lessons/01.md` → `lessons/01.html`).
    /// Folder indexes are listed as `dir/index.md` even when generated.
    pub pages: &'a BTreeMap<String, String>,
    /// Every non-Markdown file under content/.
    pub assets: &'a BTreeSet<String>,
}

#[derive(Debug, PartialEq, Eq)]
pub enum LinkTarget {
    Keep,
    Rewritten(String),
    Unsafe,
    Missing { message: String, hint: Option<String> },
}

impl Links<'_> {
    pub fn resolve(&self, url: &str, image: bool) -> LinkTarget {
        let url = url.trim();
        if url.is_empty() || url.starts_with('#') {
            return LinkTarget::Keep;
        }
        if let Some(scheme) = scheme(url) {
            return if is_safe_scheme(&scheme, url, image) { LinkTarget::Keep } else { LinkTarget::Unsafe };
        }
        if url.starts_with("//") {
            return LinkTarget::Keep;
        }
        let what = if image { "image" } else { "link" };
        if url.starts_with('/') || url.starts_with('\\') {
            return missing(
                format!(
                    "{what} '{url}' starts with '/', which breaks when the site is opened from a file or a sub-path"
                ),
                Some("write the path relative to this page, e.g. ../img/figure.png".into()),
            );
        }
        let (path_part, fragment) = match url.find(['#', '?']) {
            Some(i) => (&url[..i], &url[i..]),
            None => (url, ""),
        };
        let decoded = percent_decode(path_part);
        let Some(target) = join(self.page_dir, &decoded) else {
            return missing(
                format!("{what} '{url}' points outside the course folder"),
                Some("keep linked files inside content/".into()),
            );
        };
        if !image && (target.is_empty() || decoded.ends_with('/')) {
            let index = if target.is_empty() { "index.md".to_string() } else { format!("{target}/index.md") };
            return match self.pages.get(&index) {
                Some(out) => LinkTarget::Rewritten(format!("{}{}{fragment}", self.root(), encode_path(out))),
                None => missing(format!("link '{url}': no folder '{target}' in content/"), None),
            };
        }
        if !image && (target.ends_with(".md") || target.ends_with(".markdown")) {
            return match self.pages.get(&target) {
                Some(out) => LinkTarget::Rewritten(format!("{}{}{fragment}", self.root(), encode_path(out))),
                None => missing(
                    format!("link target '{target}' not found"),
                    did_you_mean(&target, self.pages.keys().map(String::as_str))
                        .map(|b| format!("did you mean '{b}'?")),
                ),
            };
        }
        if self.assets.contains(&target) || (!image && self.pages.values().any(|out| *out == target)) {
            return LinkTarget::Keep;
        }
        let hint = did_you_mean(&target, self.assets.iter().map(String::as_str))
            .map(|b| format!("did you mean '{b}'?"))
            .or_else(|| Some("put the file inside content/, next to the page or in a folder below it".into()));
        missing(format!("{what} '{target}' not found in content/"), hint)
    }

    fn root(&self) -> String {
        "../".repeat(self.depth)
    }
}

fn missing(message: String, hint: Option<String>) -> LinkTarget {
    LinkTarget::Missing { message, hint }
}

/// The URL scheme, lower-cased, ignoring the whitespace and control characters
/// browsers ignore (`java\tscript:` is still `javascript:`).
fn scheme(url: &str) -> Option<String> {
    let cleaned: String = url.chars().filter(|c| !c.is_whitespace() && !c.is_control()).collect();
    let colon = cleaned.find(':')?;
    let candidate = &cleaned[..colon];
    let valid = candidate.chars().next().is_some_and(|c| c.is_ascii_alphabetic())
        && candidate.chars().all(|c| c.is_ascii_alphanumeric() || matches!(c, '+' | '-' | '.'));
    valid.then(|| candidate.to_ascii_lowercase())
}

fn is_safe_scheme(scheme: &str, url: &str, image: bool) -> bool {
    match scheme {
        "http" | "https" | "mailto" | "tel" | "ftp" => true,
        "data" => {
            let lower = url.to_ascii_lowercase();
            image
                && ["data:image/png", "data:image/gif", "data:image/jpeg", "data:image/webp"]
                    .iter()
                    .any(|p| lower.starts_with(p))
        }
        _ => false,
    }
}

/// Resolve `rel` against folder `base` (both under content/); None if it climbs out.
pub fn join(base: &str, rel: &str) -> Option<String> {
    let mut parts: Vec<&str> = base.split('/').filter(|s| !s.is_empty()).collect();
    for seg in rel.split(['/', '\\']) {
        match seg {
            "" | "." => {}
            ".." => {
                parts.pop()?;
            }
            s => parts.push(s),
        }
    }
    Some(parts.join("/"))
}

pub fn percent_decode(s: &str) -> String {
    let bytes = s.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%' && i + 2 < bytes.len() && s.is_char_boundary(i + 3) {
            if let Ok(b) = u8::from_str_radix(&s[i + 1..i + 3], 16) {
                out.push(b);
                i += 3;
                continue;
            }
        }
        out.push(bytes[i]);
        i += 1;
    }
    String::from_utf8_lossy(&out).into_owned()
}

/// Percent-encode what would end or confuse a URL path; keep Chinese as is.
pub fn encode_path(path: &str) -> String {
    let mut out = String::with_capacity(path.len());
    for ch in path.chars() {
        match ch {
            ' ' => out.push_str("%20"),
            '#' => out.push_str("%23"),
            '?' => out.push_str("%3F"),
            '%' => out.push_str("%25"),
            '"' => out.push_str("%22"),
            '<' => out.push_str("%3C"),
            '>' => out.push_str("%3E"),
            '\\' => out.push_str("%5C"),
            c if c.is_control() => {
                let mut buf = [0u8; 4];
                for b in c.encode_utf8(&mut buf).bytes() {
                    out.push_str(&format!("%{b:02X}"));
                }
            }
            c => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn fixture() -> (BTreeMap<String, String>, BTreeSet<String>) {
        let pages = BTreeMap::from([
            ("cases/东方饭店.md".to_string(), "cases/东方饭店.html".to_string()),
            ("cases/index.md".to_string(), "cases/index.html".to_string()),
            ("lessons/01 a#b.md".to_string(), "lessons/01 a#b.html".to_string()),
        ]);
        let assets = BTreeSet::from(["lessons/img/图1.svg".to_string()]);
        (pages, assets)
    }

    #[test]
    fn md_links_become_relative_html() {
        let (pages, assets) = fixture();
        let links = Links { page_dir: "lessons", depth: 1, pages: &pages, assets: &assets };
        assert_eq!(
            links.resolve("../cases/东方饭店.md#思考", false),
            LinkTarget::Rewritten("../cases/东方饭店.html#思考".into())
        );
        assert_eq!(links.resolve("../cases/", false), LinkTarget::Rewritten("../cases/index.html".into()));
        assert_eq!(links.resolve("01%20a%23b.md", false), LinkTarget::Rewritten("../lessons/01%20a%23b.html".into()));
        assert!(
            matches!(links.resolve("../cases/东方饭.md", false), LinkTarget::Missing { hint: Some(h), .. } if h.contains("东方饭店"))
        );
    }

    #[test]
    fn images_must_exist_inside_the_course() {
        let (pages, assets) = fixture();
        let links = Links { page_dir: "lessons", depth: 1, pages: &pages, assets: &assets };
        assert_eq!(links.resolve("img/图1.svg", true), LinkTarget::Keep);
        assert!(matches!(links.resolve("img/图2.svg", true), LinkTarget::Missing { .. }));
        assert!(
            matches!(links.resolve("../../../etc/passwd", true), LinkTarget::Missing { message, .. } if message.contains("outside"))
        );
        assert!(matches!(links.resolve("/img/x.png", true), LinkTarget::Missing { .. }));
    }

    #[test]
    fn script_urls_are_unsafe_and_web_urls_kept() {
        let (pages, assets) = fixture();
        let links = Links { page_dir: "", depth: 0, pages: &pages, assets: &assets };
        for bad in [
            "javascript:alert(1)",
            "JaVa\tScRiPt:alert(1)",
            " vbscript:x",
            "data:text/html,<script>",
            "file:///etc/passwd",
        ] {
            assert_eq!(links.resolve(bad, false), LinkTarget::Unsafe, "{bad}");
        }
        assert_eq!(links.resolve("data:image/png;base64,AAAA", true), LinkTarget::Keep);
        for ok in ["https://example.org/a", "mailto:a@b.c", "#教学目标", "tel:10086"] {
            assert_eq!(links.resolve(ok, false), LinkTarget::Keep, "{ok}");
        }
    }

    #[test]
    fn helpers() {
        assert_eq!(join("a/b", "../c/d.md"), Some("a/c/d.md".into()));
        assert_eq!(join("a", "../../x"), None);
        assert_eq!(percent_decode("%E5%AE%A2%20x%zz"), "客 x%zz");
        assert_eq!(encode_path("a b/c#d?.html"), "a%20b/c%23d%3F.html");
    }
}
