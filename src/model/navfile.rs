//! The author's order from a table-of-contents file: mdBook's `SUMMARY.md`
//! (nested `- [title](path.md)` lists under `# Summary` and part titles) or
//! Docsify's `_sidebar.md` (the same lists, links often without `.md` or from
//! the root), or the `nav:` of MkDocs' `mkdocs.yml`. Each page it links gets its rank, the order of its first link;
//! sections, the sidebar and 上一页/下一页 follow the ranks.

use crate::diag::{Diagnostic, Diagnostics};
use crate::load::NavFile;
use std::collections::{BTreeMap, BTreeSet};

/// The links of a table-of-contents file in order: (target as written, line).
/// Links to other sites and empty (draft) links are left out.
pub fn links(text: &str) -> Vec<(String, usize)> {
    let mut out = Vec::new();
    for (i, line) in text.lines().enumerate() {
        let mut rest = line;
        while let Some(at) = rest.find("](") {
            let after = &rest[at + 2..];
            let Some(end) = after.find(')') else { break };
            let target = after[..end].split_whitespace().next().unwrap_or("").trim_matches(['<', '>']);
            if !target.is_empty() && !target.contains("://") && !target.starts_with("mailto:") {
                out.push((target.to_string(), i + 1));
            }
            rest = &after[end + 1..];
        }
    }
    out
}

/// The pages of a `mkdocs.yml`'s `nav:` in order: (path, line). Entries are
/// `path`, `Title: path` or `Title: [entries]`; links to other sites are left out.
pub fn mkdocs_links(text: &str) -> Vec<(String, usize)> {
    fn walk(value: &serde_yaml::Value, out: &mut Vec<String>) {
        match value {
            serde_yaml::Value::String(path) if !path.contains("://") => out.push(path.clone()),
            serde_yaml::Value::Sequence(items) => items.iter().for_each(|v| walk(v, out)),
            serde_yaml::Value::Mapping(map) => map.values().for_each(|v| walk(v, out)),
            _ => {}
        }
    }
    let Ok(doc) = serde_yaml::from_str::<serde_yaml::Value>(text) else { return Vec::new() };
    let mut paths = Vec::new();
    if let Some(nav) = doc.get("nav") {
        walk(nav, &mut paths);
    }
    let line_of = |path: &str| text.lines().position(|l| l.contains(path)).map_or(1, |i| i + 1);
    paths.into_iter().map(|p| (p.clone(), line_of(&p))).collect()
}

/// The page source a link names, among `sources`: `x.md` as written, else
/// `x.md`, `x/README.md` or `x/index.md` for `x`, `x/` or `/x` (Docsify).
pub fn resolve<'a>(target: &str, sources: &'a BTreeSet<String>) -> Option<&'a String> {
    let path = target.split(['#', '?']).next().unwrap_or("");
    let path = super::url::percent_decode(path);
    let path = path.trim_start_matches("./").trim_start_matches('/');
    let stem = path.trim_end_matches('/');
    let candidates: Vec<String> = if path.ends_with(".md") || path.ends_with(".markdown") {
        vec![path.to_string()]
    } else {
        let under = |f: &str| if stem.is_empty() { f.to_string() } else { format!("{stem}/{f}") };
        let mut c = vec![under("README.md"), under("index.md"), under("_index.md")];
        if !stem.is_empty() && !path.ends_with('/') {
            c.insert(0, format!("{stem}.md"));
        }
        c
    };
    candidates.iter().find_map(|c| sources.get(c))
}

/// Rank of each page source the file links (first link wins); a link to no
/// page is a warning at its line.
pub fn ranks(file: &NavFile, sources: &BTreeSet<String>, diags: &mut Diagnostics) -> BTreeMap<String, u64> {
    let mut ranks = BTreeMap::new();
    let links = if file.rel.ends_with(".yml") { mkdocs_links(&file.text) } else { links(&file.text) };
    for (target, line) in links {
        match resolve(&target, sources) {
            Some(source) => {
                let next = ranks.len() as u64;
                ranks.entry(source.clone()).or_insert(next);
            }
            None => diags.push(
                Diagnostic::warning(format!("{} lists '{target}', which is no page in content/", file.rel))
                    .in_file(&file.display)
                    .at(&file.text, line, 1)
                    .hint("write the page's path under content/, e.g. lessons/01-理解客户服务.md"),
            ),
        }
    }
    ranks
}

/// One warning naming the pages the file leaves out (they follow its pages).
pub fn missing_warning(file: &NavFile, missing: &[String]) -> Option<Diagnostic> {
    if missing.is_empty() {
        return None;
    }
    let mut shown: Vec<&str> = missing.iter().take(8).map(String::as_str).collect();
    if missing.len() > 8 {
        shown.push("…");
    }
    Some(
        Diagnostic::warning(format!(
            "{} page(s) not in {}, listed after its pages: {}",
            missing.len(),
            file.rel,
            shown.join(", ")
        ))
        .in_file(&file.display)
        .hint(format!("add them to {} to place them", file.rel)),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    const SUMMARY: &str = "# Summary\n\n[前言](README.md)\n\n# 第一部分\n\n- [项目一](lessons/01.md)\n  - [案例](cases/东方饭店.md#思考)\n- [草稿]()\n- [外链](https://example.org)\n\n---\n\n- [附录](appendix/)\n- [关于](/about)\n";

    fn sources() -> BTreeSet<String> {
        ["README.md", "lessons/01.md", "cases/东方饭店.md", "appendix/README.md", "about.md"]
            .into_iter()
            .map(String::from)
            .collect()
    }

    #[test]
    fn links_in_order_without_drafts_or_other_sites() {
        let got: Vec<String> = links(SUMMARY).into_iter().map(|(t, _)| t).collect();
        assert_eq!(got, vec!["README.md", "lessons/01.md", "cases/东方饭店.md#思考", "appendix/", "/about"]);
    }

    #[test]
    fn mkdocs_nav_in_order() {
        let yml = "site_name: 课程\nnav:\n  - 首页: README.md\n  - 第一部分:\n      - lessons/01.md\n      - '案例': cases/东方饭店.md\n  - 外链: https://example.org\n  - about.md\ntheme:\n  name: material\n";
        let got: Vec<(String, usize)> = mkdocs_links(yml);
        let want = [("README.md", 3), ("lessons/01.md", 5), ("cases/东方饭店.md", 6), ("about.md", 8)];
        assert_eq!(got, want.iter().map(|(p, l)| (p.to_string(), *l)).collect::<Vec<_>>());
        assert!(mkdocs_links("site_name: x\n").is_empty());
        assert!(mkdocs_links(": : bad").is_empty());
    }

    #[test]
    fn ranks_follow_the_file_and_unknown_links_warn() {
        let file = NavFile { rel: "SUMMARY.md".into(), display: "content/SUMMARY.md".into(), text: SUMMARY.into() };
        let mut diags = Diagnostics::default();
        let got = ranks(&file, &sources(), &mut diags);
        let order: Vec<(&str, u64)> = got.iter().map(|(k, v)| (k.as_str(), *v)).collect();
        assert_eq!(
            order,
            vec![
                ("README.md", 0),
                ("about.md", 4),
                ("appendix/README.md", 3),
                ("cases/东方饭店.md", 2),
                ("lessons/01.md", 1)
            ]
        );
        assert_eq!(diags.warning_count(), 0);
        let file = NavFile { text: "- [缺](nope.md)\n".into(), ..file };
        ranks(&file, &sources(), &mut diags);
        assert_eq!(diags.warning_count(), 1);
    }
}
