//! The course's outline: what the sidebar's top level lists, what each
//! section lists (its pages and sub-folders, in one order), and the reading
//! order 上一页/下一页 follow.

use super::{order, Course, Kind, Page, Section, TopItem};
use crate::config::Config;
use crate::diag::{did_you_mean, Diagnostic, Diagnostics};
use std::collections::{BTreeMap, BTreeSet};

/// Top-level navigation: `nav` from course.toml first, then the known kinds'
/// folders (教案, 案例, 话术, 测验), then other folders and root pages by order.
pub(super) fn top_items(
    config: &Config,
    source: &crate::config::Source,
    pages: &[Page],
    sections: &BTreeMap<String, Section>,
    on_disk: &BTreeSet<String>,
    diags: &mut Diagnostics,
) -> Vec<TopItem> {
    let root = &sections[""];
    let mut rest: Vec<(String, TopItem)> =
        root.subsections.iter().map(|d| (d.clone(), TopItem::Section(d.clone()))).collect();
    rest.extend(root.pages.iter().map(|&p| {
        let stem = pages[p].id.clone();
        (stem, TopItem::Page(p))
    }));
    let mut top = Vec::new();
    for name in &config.nav {
        match rest.iter().position(|(n, _)| n == name) {
            Some(i) => top.push(rest.remove(i).1),
            None if on_disk.contains(name) => {}
            None => {
                let names: Vec<&str> = on_disk.iter().map(String::as_str).collect();
                let offset = source.text.find(&format!("\"{name}\"")).map_or(0, |o| o + 1);
                let mut d = Diagnostic::error(msg!("nav_unknown", name))
                    .in_file(&source.display)
                    .at_offset(&source.text, offset);
                d = match did_you_mean(name, names) {
                    Some(best) => d.hint(msg!("did_you_mean", best)),
                    None => d.hint(msg!("nav_unknown_hint")),
                };
                diags.push(d);
            }
        }
    }
    // The known kinds' folders first; then other folders among the pages the
    // author placed (a number prefix, a weight); then the other pages (关于,
    // 术语表).
    let rank = |item: &TopItem| match item {
        TopItem::Section(dir) => Kind::from_folder(dir).map_or(10, |k| k as usize),
        TopItem::Page(p) if pages[*p].sort.weight.is_some() || pages[*p].sort.number.is_some() => 10,
        TopItem::Page(_) => 20,
    };
    let key = |item: &TopItem| match item {
        TopItem::Section(dir) => pages[sections[dir].index].sort.clone(),
        TopItem::Page(p) => pages[*p].sort.clone(),
    };
    // The author's table of contents first, when there is one.
    rest.sort_by(|(_, a), (_, b)| {
        order::some_first(&key(a).rank, &key(b).rank)
            .then_with(|| rank(a).cmp(&rank(b)))
            .then_with(|| key(a).cmp(&key(b)))
    });
    top.extend(rest.into_iter().map(|(_, item)| item));
    top
}

impl Course {
    /// A section's pages and sub-folders in one order: by their sort keys (a
    /// folder by its index page's), so `01-…` pages and `02-…` folders, or a
    /// page with `nav_order: 4` and a folder whose index has 3, interleave.
    pub fn section_items(&self, dir: &str) -> Vec<TopItem> {
        let section = &self.sections[dir];
        let key = |item: &TopItem| match item {
            TopItem::Section(d) => &self.pages[self.sections[d].index].sort,
            TopItem::Page(p) => &self.pages[*p].sort,
        };
        let mut items: Vec<TopItem> = section.pages.iter().map(|&p| TopItem::Page(p)).collect();
        items.extend(section.subsections.iter().cloned().map(TopItem::Section));
        items.sort_by(|a, b| key(a).cmp(key(b)));
        items
    }
}

/// Did the author's table of contents (SUMMARY.md, _sidebar.md, mkdocs.yml
/// nav) order these pages? Then folder pages it does not have (generated
/// listings) are left out of the reading order and the sidebar.
pub(super) fn follows_nav_file(pages: &[Page]) -> bool {
    pages.iter().any(|p| p.sort.rank.is_some() && !p.generated)
}

/// Home first, then every section's index and items in order. A generated
/// listing is a stop only for coursesite's own kind folders (教案, 案例 …, the
/// overview a class starts from); a listing of any other folder, or of any
/// folder when the author's table of contents ordered the course, is not.
pub(super) fn reading_order(course: &Course) -> Vec<usize> {
    let nav_file = course.follows_nav_file;
    let is_stop = |dir: &str, index: usize| {
        !course.pages[index].generated || (!nav_file && !dir.contains('/') && Kind::from_folder(dir).is_some())
    };
    let mut out = vec![course.home()];
    walk(course, &course.top, &is_stop, &mut out);
    out
}

fn walk(course: &Course, items: &[TopItem], is_stop: &dyn Fn(&str, usize) -> bool, out: &mut Vec<usize>) {
    for item in items {
        match item {
            TopItem::Section(dir) => {
                let index = course.sections[dir].index;
                if is_stop(dir, index) {
                    out.push(index);
                }
                walk(course, &course.section_items(dir), is_stop, out);
            }
            TopItem::Page(p) => out.push(*p),
        }
    }
}
