//! Step 2, model: the course as data. Pages with their kinds and output paths,
//! folders as sections with an index each, the reading order (上一页/下一页), and
//! the references between pages. Later steps only read this.

mod cache;
mod edition;
pub mod glossary;
pub mod kind;
pub mod lesson;
pub mod navfile;
pub mod order;
mod outline;
pub mod page;
pub mod quiz;
pub mod script;
pub mod url;

use crate::config::Config;
use crate::diag::{did_you_mean, Diagnostic, Diagnostics};
use crate::i18n;
use crate::load::{Asset, Sources};
use crate::profile::Profile;
pub use cache::ModelCache;
pub use kind::Kind;
pub use page::Page;
use std::collections::{BTreeMap, BTreeSet};

/// A folder of content/: its index page, its pages and sub-folders, in order.
#[derive(Debug, Clone)]
pub struct Section {
    pub dir: String,
    pub index: usize,
    pub pages: Vec<usize>,
    pub subsections: Vec<String>,
    /// The folder has a title of its own: an index page, or a group of the
    /// author's table of contents. A folder without one, in a course that
    /// follows a table of contents, is no sidebar entry: its pages stand in.
    pub named: bool,
}

/// What sits at the top level of the navigation, in order.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum TopItem {
    Section(String),
    Page(usize),
}

#[derive(Debug)]
pub struct Course {
    pub config: Config,
    /// course.toml's text and path, for diagnostics pointing into it.
    pub config_source: crate::config::Source,
    /// The edition being built (from the command line, not course.toml).
    pub profile: Profile,
    pub pages: Vec<Page>,
    /// Keyed by folder; `""` is the root, whose index is the home page.
    pub sections: BTreeMap<String, Section>,
    pub top: Vec<TopItem>,
    /// The author's table of contents ordered the pages (`outline.rs`'s
    /// `follows_nav_file`): generated listings are no stops, unnamed folders
    /// no sidebar entries.
    pub follows_nav_file: bool,
    /// Every page in reading order, home first.
    pub order: Vec<usize>,
    pub assets: Vec<Asset>,
    pub glossary: Option<glossary::Glossary>,
    /// Pages on disk that failed to load (as ids): links to them are not reported
    /// again, their own error is the one to fix.
    pub unloaded: BTreeSet<String>,
    /// Ids of `teacher_only` pages left out of this (student) edition: a link to
    /// one from a page students see is an error, not a dead link naming it.
    pub teacher_only: BTreeSet<String>,
}

impl Course {
    pub fn home(&self) -> usize {
        self.sections[""].index
    }

    /// Position of each page in the reading order.
    pub fn position(&self, page: usize) -> Option<usize> {
        self.order.iter().position(|&p| p == page)
    }

    pub fn count_by_kind(&self) -> BTreeMap<Kind, usize> {
        let mut counts = BTreeMap::new();
        for page in self.pages.iter().filter(|p| !p.generated) {
            *counts.entry(page.kind).or_insert(0) += 1;
        }
        counts
    }
}

/// The inputs of the model step: what course.toml says, where it says it, and
/// which edition the command line asked for.
pub struct Settings {
    pub config: Config,
    pub source: crate::config::Source,
    pub profile: Profile,
}

pub fn build_course(
    settings: Settings,
    sources: Sources,
    diags: &mut Diagnostics,
    mut cache: Option<&mut ModelCache>,
) -> Course {
    let Settings { config, source: config_source, profile } = settings;
    // Top-level names that exist on disk, even if their pages failed to load: `nav`
    // naming them is right, and reporting it would only add noise to the real error.
    let on_disk: BTreeSet<String> = sources
        .names
        .iter()
        .map(|rel| {
            let top = rel.split('/').next().unwrap_or(rel);
            top.strip_suffix(".md").unwrap_or(top).to_string()
        })
        .collect();
    let mut timer = crate::timing::Timer::from_env();
    let mut found = Vec::new();
    let teacher_only: BTreeSet<String> = sources
        .pages
        .iter()
        .filter(|p| !profile.is_teacher() && p.front.teacher_only_page())
        .map(|p| p.rel.rsplit_once('.').map_or(p.rel.as_str(), |(stem, _)| stem).to_string())
        .collect();
    let sources_pages = crate::profile::edition(profile, sources.pages, cache.as_deref_mut().map(|c| &mut c.student));
    timer.lap("m/edition");
    let hidden: std::collections::HashMap<String, Vec<String>> = sources_pages
        .iter()
        .filter(|p| !p.front.teacher_only_fields().is_empty())
        .map(|p| (p.rel.clone(), p.front.teacher_only_fields().to_vec()))
        .collect();
    let mut pages = make_pages(&sources_pages, config.lesson.period_minutes, &mut found, cache.as_deref_mut());
    for page in &mut pages {
        if let Some(fields) = hidden.get(&page.source) {
            edition::hide_fields(page, fields, profile, &mut found);
        }
    }
    diags.extend(found);
    timer.lap("m/pages");
    let loaded: BTreeSet<&str> = pages.iter().map(|p| p.source.as_str()).collect();
    let unloaded: BTreeSet<String> = sources
        .names
        .iter()
        .filter(|n| (n.ends_with(".md") || n.ends_with(".markdown")) && !loaded.contains(n.as_str()))
        .map(|n| n.rsplit_once('.').map_or(n.as_str(), |(stem, _)| stem).to_string())
        .collect();
    let mut folder_titles = BTreeMap::new();
    if let Some(file) = &sources.nav_file {
        apply_nav_file(file, &mut pages, diags);
        folder_titles = nav_folder_titles(file, &pages);
    }
    let sections = build_sections(&config, &mut pages, &folder_titles);
    resolve_cases(&mut pages, &unloaded, diags);
    let top = outline::top_items(&config, &config_source, &pages, &sections, &on_disk, diags);
    timer.lap("m/sections");
    let glossary = glossary::from_pages(&pages, diags, cache.map(|c| &mut c.glossary));
    timer.lap("m/glossary");
    let follows_nav_file = outline::follows_nav_file(&pages);
    let mut course = Course {
        config,
        config_source,
        profile,
        pages,
        sections,
        top,
        follows_nav_file,
        order: Vec::new(),
        assets: sources.assets,
        glossary,
        unloaded,
        teacher_only,
    };
    course.order = outline::reading_order(&course);
    course
}

/// Every loaded file as a page, in parallel; diagnostics gathered in page
/// order. With `cache` (serve), a page whose source is unchanged is a copy.
fn make_pages(
    sources: &[std::sync::Arc<crate::load::SourcePage>],
    period: u32,
    found: &mut Vec<Diagnostic>,
    mut cache: Option<&mut ModelCache>,
) -> Vec<Page> {
    let index_files = page::index_files(sources.iter().map(|p| p.rel.as_str()));
    let is_index: Vec<bool> = sources.iter().map(|src| index_files.contains(&src.rel)).collect();
    let keys: Vec<u64> = match &cache {
        Some(_) => sources.iter().zip(&is_index).map(|(src, &ix)| cache::page_key(src, ix, period)).collect(),
        None => Vec::new(),
    };
    let slots = match &mut cache {
        Some(cache) => keys.iter().map(|&key| cache.reuse(key)).collect(),
        None => vec![None; sources.len()],
    };
    let made: Vec<cache::Made> = crate::parallel::fill(slots, |i| {
        let mut diags = Vec::new();
        (page::from_source(&sources[i], is_index[i], period, &mut diags), diags)
    });
    if let Some(cache) = cache {
        cache.keep(keys.into_iter().zip(made.iter().cloned()).collect());
    }
    let mut pages: Vec<Page> = Vec::with_capacity(made.len());
    for (page, page_diags) in made {
        found.extend(page_diags);
        pages.extend(page);
    }
    pages
}

/// Every folder that holds a page (and its ancestors) becomes a section with an
/// index: its `index.md`, or a generated one listing its pages.
fn build_sections(
    config: &Config,
    pages: &mut Vec<Page>,
    titles: &BTreeMap<String, String>,
) -> BTreeMap<String, Section> {
    let mut dirs: BTreeSet<String> = BTreeSet::from([String::new()]);
    for page in pages.iter() {
        let mut dir = page.dir.as_str();
        while !dir.is_empty() {
            dirs.insert(dir.to_string());
            dir = dir.rsplit_once('/').map_or("", |(parent, _)| parent);
        }
    }
    let mut sections = BTreeMap::new();
    for dir in &dirs {
        let named = titles.contains_key(dir) || pages.iter().any(|p| p.is_index && &p.dir == dir);
        let index = match pages.iter().position(|p| p.is_index && &p.dir == dir) {
            Some(i) => i,
            None => {
                let title = titles.get(dir).cloned().unwrap_or_else(|| default_title(config, dir));
                pages.push(Page::generated_index(dir, title));
                pages.len() - 1
            }
        };
        let mut members: Vec<usize> =
            (0..pages.len()).filter(|&i| !pages[i].is_index && &pages[i].dir == dir).collect();
        members.sort_by(|&a, &b| pages[a].sort.cmp(&pages[b].sort));
        let section = Section { dir: dir.clone(), index, pages: members, subsections: Vec::new(), named };
        sections.insert(dir.clone(), section);
    }
    // Sub-folders in the order of their index pages.
    let children: Vec<(String, String)> = dirs
        .iter()
        .filter(|d| !d.is_empty())
        .map(|d| (d.rsplit_once('/').map_or(String::new(), |(p, _)| p.to_string()), d.clone()))
        .collect();
    for (parent, child) in children {
        if let Some(section) = sections.get_mut(&parent) {
            section.subsections.push(child);
        }
    }
    rank_folders(pages, &sections);
    let keys: BTreeMap<String, order::SortKey> =
        sections.iter().map(|(d, s)| (d.clone(), pages[s.index].sort.clone())).collect();
    for section in sections.values_mut() {
        section.subsections.sort_by(|a, b| keys[a].cmp(&keys[b]));
    }
    sections
}

/// The author's table of contents ranks the pages it links; the others follow
/// them (one warning names them; folder indexes are placed by their folder).
fn apply_nav_file(file: &crate::load::NavFile, pages: &mut [Page], diags: &mut Diagnostics) {
    let sources: BTreeSet<String> = pages.iter().map(|p| p.source.clone()).collect();
    let ranks = navfile::ranks(file, &sources, diags);
    if ranks.is_empty() {
        // No `nav:` in mkdocs.yml (MkDocs then orders by file name), or no links: nothing to follow.
        return;
    }
    let mut missing = Vec::new();
    for page in pages.iter_mut() {
        match ranks.get(&page.source) {
            Some(&rank) => page.sort.rank = Some(rank),
            None if !page.is_index => missing.push(page.source.clone()),
            None => {}
        }
    }
    diags.extend(navfile::missing_warning(file, &missing));
}

/// Titles the table of contents gives folders: a group whose pages all sit in
/// one folder (`- 基础篇` over `basics/…`, MkDocs' `指南: [guide/…]`) names it,
/// when the folder has no index page of its own. Inner groups win.
fn nav_folder_titles(file: &crate::load::NavFile, pages: &[Page]) -> BTreeMap<String, String> {
    let sources: BTreeSet<String> = pages.iter().map(|p| p.source.clone()).collect();
    let dirs: BTreeMap<&str, &str> = pages.iter().map(|p| (p.source.as_str(), p.dir.as_str())).collect();
    let mut titles = BTreeMap::new();
    for (title, targets) in navfile::groups(file) {
        let mut found = targets.iter().filter_map(|t| navfile::resolve(t, &sources)).map(|s| dirs[s.as_str()]);
        let Some(first) = found.next() else { continue };
        let common = found.fold(first.to_string(), |common, dir| {
            let shared: Vec<&str> =
                common.split('/').zip(dir.split('/')).take_while(|(a, b)| a == b).map(|(a, _)| a).collect();
            shared.join("/")
        });
        if !common.is_empty() {
            titles.insert(common, title);
        }
    }
    titles
}

/// A folder sorts where the table of contents first links a page inside it.
fn rank_folders(pages: &mut [Page], sections: &BTreeMap<String, Section>) {
    let mut dir_rank: BTreeMap<&str, u64> = BTreeMap::new();
    for page in pages.iter() {
        let Some(rank) = page.sort.rank else { continue };
        let mut dir = page.dir.as_str();
        loop {
            let best = dir_rank.entry(dir).or_insert(rank);
            *best = (*best).min(rank);
            if dir.is_empty() {
                break;
            }
            dir = dir.rsplit_once('/').map_or("", |(parent, _)| parent);
        }
    }
    let ranks: Vec<(usize, u64)> =
        sections.iter().filter_map(|(dir, s)| dir_rank.get(dir.as_str()).map(|&r| (s.index, r))).collect();
    for (index, rank) in ranks {
        let key = &mut pages[index].sort;
        key.rank = Some(key.rank.map_or(rank, |own| own.min(rank)));
    }
}

/// Title of a folder without index.md: 教案 for `lessons/`, the course title for
/// the home page, else the folder name without its number prefix.
fn default_title(config: &Config, dir: &str) -> String {
    if dir.is_empty() {
        return config.title.clone();
    }
    let name = dir.rsplit('/').next().unwrap_or(dir);
    match Kind::from_folder(name).filter(|_| !dir.contains('/')) {
        Some(kind) => i18n::t(config.language, &format!("section_{}", kind.as_str())).to_string(),
        None => order::split_number_prefix(name).1.to_string(),
    }
}

/// A lesson's `cases = [...]` names case pages by id (`cases/东方饭店`) or by file
/// stem (`东方饭店`); each must exist.
fn resolve_cases(pages: &mut [Page], unloaded: &BTreeSet<String>, diags: &mut Diagnostics) {
    let by_id: BTreeMap<String, usize> = pages.iter().enumerate().map(|(i, p)| (p.id.clone(), i)).collect();
    let case_ids: Vec<&str> = pages.iter().filter(|p| p.kind == Kind::Case).map(|p| p.id.as_str()).collect();
    // File stem → case ids, built once: scanning every case per name was
    // quadratic (10,000 pages: 200 ms).
    let mut stems: BTreeMap<&str, Vec<&str>> = BTreeMap::new();
    for id in &case_ids {
        stems.entry(id.rsplit('/').next().unwrap_or(id)).or_default().push(id);
    }
    let mut resolved = Vec::new();
    for (i, page) in pages.iter().enumerate() {
        if page.case_names.is_empty() {
            continue;
        }
        let mut found = Vec::new();
        for name in &page.case_names {
            let wanted = name.trim().trim_end_matches(".md").trim_start_matches("./");
            let by_stem: &[&str] = stems.get(wanted).map_or(&[], Vec::as_slice);
            let target = match by_id.get(wanted) {
                Some(&t) => Some(t),
                None if by_stem.len() == 1 => by_id.get(by_stem[0]).copied(),
                None => None,
            };
            let failed_to_load = unloaded.iter().any(|u| u == wanted || u.rsplit('/').next() == Some(wanted));
            match target {
                Some(t) => found.push(t),
                None if failed_to_load => {}
                None => {
                    let offset = page.text.find(&format!("\"{name}\"")).map_or(0, |o| o + 1);
                    let mut d = Diagnostic::error(msg!("case_not_found", name))
                        .in_file(&page.display)
                        .at_offset(&page.text, offset);
                    d = match (by_stem.len() > 1, did_you_mean(wanted, case_ids.iter().copied())) {
                        (true, _) => d.hint(msg!("case_ambiguous_hint", cases = crate::messages::list(by_stem.iter()))),
                        (false, Some(best)) => d.hint(msg!("did_you_mean", best)),
                        (false, None) => d.hint(msg!("case_not_found_hint")),
                    };
                    diags.push(d);
                }
            }
        }
        resolved.push((i, found));
    }
    for (i, found) in resolved {
        pages[i].cases_used = found;
    }
}
