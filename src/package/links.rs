//! Which files of the site a rendered page uses: every `src`, `href` and
//! `poster` attribute of its HTML that points into the site, resolved against
//! the page's own folder. A package lists these per page (SCORM's `<file>`),
//! so it reads what the templates actually wrote rather than a second list of
//! what they might write.

use crate::model::url::percent_decode;
use crate::render::links::join;
use crate::render::text::decode_entities;
use std::collections::BTreeSet;

/// The site paths (`/`-separated, as `render::OutputFile::path`) that the page
/// at `page` refers to; only those in `site` are kept (links out, anchors and
/// the page itself are not files it uses).
pub fn used_files(html: &str, page: &str, site: &BTreeSet<&str>) -> BTreeSet<String> {
    let mut used = BTreeSet::new();
    for attr in [" src=\"", " href=\"", " poster=\""] {
        let mut rest = html;
        while let Some(at) = rest.find(attr) {
            rest = &rest[at + attr.len()..];
            let Some(end) = rest.find('"') else { break };
            if let Some(path) = resolve(&rest[..end], page) {
                if path != page && site.contains(path.as_str()) {
                    used.insert(path);
                }
            }
        }
    }
    used
}

/// An attribute's URL as a site path, or None when it leaves the site (a
/// scheme, `//host`) or names no file (`#anchor`, empty).
fn resolve(raw: &str, page: &str) -> Option<String> {
    // Attribute values are HTML-escaped (`&amp;`, and `&#x2F;` from themes of old).
    let url = decode_entities(raw);
    let url = url.split(['#', '?']).next().unwrap_or_default();
    let scheme = url.find(':').is_some_and(|colon| !url[..colon].contains('/'));
    if url.is_empty() || scheme || url.starts_with("//") {
        return None;
    }
    let decoded = percent_decode(url);
    // Root-relative (404.html's links) from the top of the site, else from the page's folder.
    let base = match decoded.strip_prefix('/') {
        Some(_) => "",
        None => page.rsplit_once('/').map_or("", |(dir, _)| dir),
    };
    join(base, decoded.trim_start_matches('/'))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn resolves_relative_root_and_encoded_links_into_the_site() {
        let site: BTreeSet<&str> =
            ["theme/style.css", "lessons/img/图 1.svg", "lessons/02.html", "index.html", "nav.js"].into();
        let html = r##"<link href="../theme/style.css"><img src="img/%E5%9B%BE%201.svg"><a href="02.html#x" title="&#x2F;"><link href="..&#x2F;index.html">
            <a href="https://example.org/a.html"><a href="#top"><a href="01.html"><script src="/nav.js?v=1"></script>
            <a href="../../outside.html"><a href="mailto:a@b"><a href="../index.html">"##;
        let used = used_files(html, "lessons/01.html", &site);
        let want: BTreeSet<String> =
            ["theme/style.css", "lessons/img/图 1.svg", "lessons/02.html", "nav.js", "index.html"]
                .iter()
                .map(|s| s.to_string())
                .collect();
        assert_eq!(used, want);
    }

    #[test]
    fn a_link_climbing_above_the_site_resolves_to_nothing() {
        assert_eq!(resolve("../../x.css", "a/b.html"), None);
        assert_eq!(resolve("../x.css", "a/b.html").as_deref(), Some("x.css"));
        assert_eq!(resolve("", "a/b.html"), None);
        assert_eq!(resolve("javascript:void(0)", "a.html"), None);
    }
}
