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

/// The titled groups of a table of contents, outer ones first: (title, the
/// link targets under it). MkDocs' `Title: [entries]`; in a list, an item
/// without a link (Docsify's `- 基础篇`) or with an empty one (mdBook's draft
/// `- [基础]()`) over its indented items; mdBook's part titles (`# 第一部分`)
/// over the items up to the next part.
pub fn groups(file: &NavFile) -> Vec<(String, Vec<String>)> {
    if file.rel.ends_with(".yml") {
        return mkdocs_groups(&file.text);
    }
    let mut out: Vec<(String, Vec<String>)> = Vec::new();
    // Open groups: (indent of the title item, or None for a part; index in `out`).
    let mut open: Vec<(Option<usize>, usize)> = Vec::new();
    for line in file.text.lines() {
        let indent = line.len() - line.trim_start().len();
        let item = line.trim_start().strip_prefix(['-', '*', '+']).filter(|r| r.starts_with(' ')).map(str::trim);
        if let Some(part) = line.strip_prefix("# ").filter(|t| !t.trim().eq_ignore_ascii_case("summary")) {
            open.clear();
            open.push((None, out.len()));
            out.push((part.trim().to_string(), Vec::new()));
            continue;
        }
        let Some(item) = item else { continue };
        open.retain(|(at, _)| at.is_none_or(|at| at < indent));
        let targets: Vec<String> = links(item).into_iter().map(|(t, _)| t).collect();
        for (_, group) in &open {
            out[*group].1.extend(targets.iter().cloned());
        }
        let title = match item.strip_prefix('[').and_then(|r| r.split_once("]()")) {
            Some((title, _)) => Some(title),
            None => (!item.contains("](")).then_some(item),
        };
        if let Some(title) = title.map(str::trim).filter(|t| !t.is_empty()) {
            open.push((Some(indent), out.len()));
            out.push((title.to_string(), Vec::new()));
        }
    }
    out
}

fn mkdocs_groups(text: &str) -> Vec<(String, Vec<String>)> {
    fn leaves(value: &serde_yaml::Value, out: &mut Vec<String>) {
        match value {
            serde_yaml::Value::String(path) => out.push(path.clone()),
            serde_yaml::Value::Sequence(items) => items.iter().for_each(|v| leaves(v, out)),
            serde_yaml::Value::Mapping(map) => map.values().for_each(|v| leaves(v, out)),
            _ => {}
        }
    }
    fn walk(value: &serde_yaml::Value, out: &mut Vec<(String, Vec<String>)>) {
        match value {
            serde_yaml::Value::Sequence(items) => items.iter().for_each(|v| walk(v, out)),
            serde_yaml::Value::Mapping(map) => {
                for (key, value) in map {
                    if let (Some(title), serde_yaml::Value::Sequence(_)) = (key.as_str(), value) {
                        let mut paths = Vec::new();
                        leaves(value, &mut paths);
                        out.push((title.to_string(), paths));
                        walk(value, out);
                    }
                }
            }
            _ => {}
        }
    }
    let mut out = Vec::new();
    if let Some(nav) = serde_yaml::from_str::<serde_yaml::Value>(text).ok().as_ref().and_then(|d| d.get("nav")) {
        walk(nav, &mut out);
    }
    out
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
                Diagnostic::warning(msg!("navfile_no_page", file = &file.rel, target))
                    .in_file(&file.display)
                    .at(&file.text, line, 1)
                    .hint(msg!("navfile_no_page_hint")),
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
        Diagnostic::warning(msg!(
            "navfile_missing",
            n = missing.len(),
            file = &file.rel,
            pages = crate::messages::list(shown)
        ))
        .in_file(&file.display)
        .hint(msg!("navfile_missing_hint", file = &file.rel)),
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
    fn groups_of_lists_parts_and_mkdocs() {
        let nav = |rel: &str, text: &str| NavFile { rel: rel.into(), display: rel.into(), text: text.into() };
        let sidebar =
            "- [首页](/)\n- 基础篇\n  - [甲](basics/a.md)\n  - 进阶\n    - [乙](basics/more/b.md)\n- [丙](c.md)\n";
        let want = [("基础篇", vec!["basics/a.md", "basics/more/b.md"]), ("进阶", vec!["basics/more/b.md"])];
        let want: Vec<(String, Vec<String>)> =
            want.iter().map(|(t, v)| (t.to_string(), v.iter().map(|s| s.to_string()).collect())).collect();
        assert_eq!(groups(&nav("_sidebar.md", sidebar)), want);
        let got = groups(&nav("SUMMARY.md", SUMMARY));
        assert_eq!(got[0].0, "第一部分");
        assert_eq!(got[0].1, ["lessons/01.md", "cases/东方饭店.md#思考", "appendix/", "/about"]);
        assert_eq!(got[1], ("草稿".to_string(), Vec::new()));
        let yml = "nav:\n  - 首页: index.md\n  - 指南:\n      - guide/b.md\n      - 深入:\n          - guide/x/c.md\n";
        let got = groups(&nav("mkdocs.yml", yml));
        assert_eq!(got[0], ("指南".to_string(), vec!["guide/b.md".to_string(), "guide/x/c.md".to_string()]));
        assert_eq!(got[1], ("深入".to_string(), vec!["guide/x/c.md".to_string()]));
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
