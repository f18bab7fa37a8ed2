//! `coursesite export --scorm`: the student edition of the site as a SCORM 2004
//! 4th Edition package, one zip an LMS (Moodle, Canvas, 超星学习通, 雨课堂)
//! imports as a course:
//!
//! - every file of the built site, as `build` writes it;
//! - `imsmanifest.xml` at the root ([`manifest`]): one organization whose
//!   items follow the course's reading order, each page a SCO resource listing
//!   its HTML and the files only it uses, everything shared (theme, search
//!   index, pictures several pages show) one asset resource each page depends on;
//! - the schema files the manifest names, beside it, as the CAM asks.
//!
//! The site reports to the LMS itself: `theme/scorm.js` (on every page) finds
//! the SCORM API and sends completion and quiz scores; without an API it does
//! nothing.

use super::file_name;
use super::links::used_files;
use super::scorm_manifest as manifest;
use crate::diag::Diagnostic;
use crate::model::Course;
use crate::office::{write_all, Imported, Outcome, Output};
use crate::options::{BuildOptions, ExportOptions};
use crate::render::{Contents, Site};
use crate::Status;
use std::collections::{BTreeMap, BTreeSet};
use std::path::PathBuf;

/// One page of the reading order: its file and its title.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Stop {
    pub path: String,
    pub title: String,
}

/// The course's pages in its reading order (`Course::order`, home first):
/// what the package's organization lists.
fn reading_order(course: &Course) -> Vec<Stop> {
    let stop = |&i: &usize| Stop { path: course.pages[i].out.clone(), title: course.pages[i].title.clone() };
    course.order.iter().map(stop).collect()
}

/// A quiz page's mastery score: its SCO is passed at 60 % of the questions
/// right (the usual pass mark of Chinese schools), written into the manifest as
/// the objective's `minNormalizedMeasure`, which the LMS hands the page as
/// `cmi.scaled_passing_score`.
pub const PASSING_SCORE: f64 = 0.6;

/// The script a page loads to answer quizzes (`base.html` adds it to pages
/// with a quiz): a page that uses it is scored.
const QUIZ_SCRIPT: &str = "theme/quiz.js";

/// The manifest's name: the CAM fixes it, at the package's root.
const MANIFEST: &str = "imsmanifest.xml";

/// The schema files of SCORM 2004 4th Edition (see tests/schemas/scorm2004/README.md),
/// put beside the manifest in every package.
const SCHEMAS: &[(&str, &[u8])] = &[
    ("imscp_v1p1.xsd", include_bytes!("../../tests/schemas/scorm2004/imscp_v1p1.xsd")),
    ("adlcp_v1p3.xsd", include_bytes!("../../tests/schemas/scorm2004/adlcp_v1p3.xsd")),
    ("adlseq_v1p3.xsd", include_bytes!("../../tests/schemas/scorm2004/adlseq_v1p3.xsd")),
    ("adlnav_v1p3.xsd", include_bytes!("../../tests/schemas/scorm2004/adlnav_v1p3.xsd")),
    ("imsss_v1p0.xsd", include_bytes!("../../tests/schemas/scorm2004/imsss_v1p0.xsd")),
    ("imsss_v1p0auxresource.xsd", include_bytes!("../../tests/schemas/scorm2004/imsss_v1p0auxresource.xsd")),
    ("imsss_v1p0control.xsd", include_bytes!("../../tests/schemas/scorm2004/imsss_v1p0control.xsd")),
    ("imsss_v1p0delivery.xsd", include_bytes!("../../tests/schemas/scorm2004/imsss_v1p0delivery.xsd")),
    ("imsss_v1p0limit.xsd", include_bytes!("../../tests/schemas/scorm2004/imsss_v1p0limit.xsd")),
    ("imsss_v1p0objective.xsd", include_bytes!("../../tests/schemas/scorm2004/imsss_v1p0objective.xsd")),
    ("imsss_v1p0random.xsd", include_bytes!("../../tests/schemas/scorm2004/imsss_v1p0random.xsd")),
    ("imsss_v1p0rollup.xsd", include_bytes!("../../tests/schemas/scorm2004/imsss_v1p0rollup.xsd")),
    ("imsss_v1p0seqrule.xsd", include_bytes!("../../tests/schemas/scorm2004/imsss_v1p0seqrule.xsd")),
    ("imsss_v1p0util.xsd", include_bytes!("../../tests/schemas/scorm2004/imsss_v1p0util.xsd")),
    ("xml.xsd", include_bytes!("../../tests/schemas/scorm2004/xml.xsd")),
    ("XMLSchema.dtd", include_bytes!("../../tests/schemas/scorm2004/XMLSchema.dtd")),
    ("datatypes.dtd", include_bytes!("../../tests/schemas/scorm2004/datatypes.dtd")),
];

/// One page of the organization: an item and its SCO resource.
#[derive(Debug, PartialEq)]
pub struct Sco {
    pub title: String,
    /// The page's HTML, the resource's launch file.
    pub href: String,
    /// Its HTML first, then the files no other page uses.
    pub files: Vec<String>,
    /// The page has a quiz: its item carries the mastery score.
    pub scored: bool,
}

/// Build the student edition in memory and write it as `DIR/export/<title>-scorm.zip`
/// (or into `--out`); nothing is written when the course has errors.
pub fn export(opts: &ExportOptions) -> Outcome {
    let (report, rendered) = crate::pipeline::render_course(&BuildOptions::new(&opts.root));
    let (Some((course, site)), Status::Ok) = (rendered, report.status) else {
        return Outcome { status: report.status, files: Vec::new(), diagnostics: report.diagnostics };
    };
    let mut diagnostics = report.diagnostics;
    let title = course.config.title.clone();
    let zip = match read_site(&site).and_then(|files| package(&title, &reading_order(&course), files)) {
        Ok(zip) => zip,
        Err(d) => {
            diagnostics.push(d);
            return Outcome { status: Status::Failed, files: Vec::new(), diagnostics };
        }
    };
    let out_dir = opts.out_dir();
    let path = PathBuf::from(format!("{}-scorm.zip", file_name(&title)));
    let made = Imported { source: opts.root.clone(), created: vec![out_dir.join(&path)], ..Imported::default() };
    let files = vec![made];
    match write_all(&out_dir, &[Output { path, bytes: zip, update: false }], &files, opts.force) {
        Ok(()) => Outcome { status: Status::Ok, files, diagnostics },
        Err(mut d) => {
            diagnostics.append(&mut d);
            Outcome { status: Status::Failed, files: Vec::new(), diagnostics }
        }
    }
}

/// The package's zip: the site, the manifest and its schemas.
fn package(title: &str, order: &[Stop], site: BTreeMap<String, Vec<u8>>) -> Result<Vec<u8>, Diagnostic> {
    let control = std::iter::once(MANIFEST).chain(SCHEMAS.iter().map(|(name, _)| *name));
    if let Some(path) = control.into_iter().find(|name| site.contains_key(*name)) {
        return Err(Diagnostic::error(msg!("scorm_reserved_name", path)).hint(msg!("scorm_reserved_name_hint")));
    }
    let (scos, shared) = resources(order, &site);
    let identifier = format!("coursesite-{:016x}", crate::fingerprint::hash_of(title));
    let xml = manifest::write(&manifest::Manifest { identifier: &identifier, title, scos: &scos, shared: &shared });
    let mut parts: Vec<(String, Vec<u8>)> = vec![(MANIFEST.to_string(), xml.into_bytes())];
    parts.extend(SCHEMAS.iter().map(|(name, bytes)| (name.to_string(), bytes.to_vec())));
    parts.extend(site);
    crate::office::ooxml::write_package(&parts).map_err(|detail| Diagnostic::error(msg!("export_failed", detail)))
}

/// Each page of the reading order as a SCO with the files only it uses; the
/// rest of the site (theme, search index, shared pictures, pages outside the
/// reading order) as the shared asset resource.
pub fn resources(order: &[Stop], site: &BTreeMap<String, Vec<u8>>) -> (Vec<Sco>, Vec<String>) {
    let paths: BTreeSet<&str> = site.keys().map(String::as_str).collect();
    let mut seen = BTreeSet::new();
    let pages: Vec<&Stop> = order.iter().filter(|s| paths.contains(s.path.as_str()) && seen.insert(&s.path)).collect();
    let uses: Vec<BTreeSet<String>> = pages
        .iter()
        .map(|stop| {
            let html = String::from_utf8_lossy(&site[&stop.path]);
            let mut used = used_files(&html, &stop.path, &paths);
            used.retain(|f| !seen.contains(f));
            used
        })
        .collect();
    let mut users: BTreeMap<&str, usize> = BTreeMap::new();
    for file in uses.iter().flatten() {
        *users.entry(file.as_str()).or_insert(0) += 1;
    }
    let scos: Vec<Sco> = pages
        .iter()
        .zip(&uses)
        .map(|(stop, used)| {
            let own = used.iter().filter(|f| users[f.as_str()] == 1).cloned();
            Sco {
                title: stop.title.clone(),
                href: stop.path.clone(),
                files: std::iter::once(stop.path.clone()).chain(own).collect(),
                scored: used.contains(QUIZ_SCRIPT),
            }
        })
        .collect();
    let owned: BTreeSet<&str> = scos.iter().flat_map(|s| s.files.iter().map(String::as_str)).collect();
    let shared = paths.iter().filter(|p| !owned.contains(*p)).map(|p| p.to_string()).collect();
    (scos, shared)
}

/// Every file of the rendered site, by path (assets read from the course).
fn read_site(site: &Site) -> Result<BTreeMap<String, Vec<u8>>, Diagnostic> {
    let mut files = BTreeMap::new();
    for file in &site.files {
        let bytes = match &file.contents {
            Contents::Copy(from) => std::fs::read(from).map_err(|e| {
                Diagnostic::error(msg!("io_cannot_read", error = crate::messages::io_error(&e))).in_file(from)
            })?,
            other => other.bytes().map(<[u8]>::to_vec).unwrap_or_default(),
        };
        files.insert(file.path.clone(), bytes);
    }
    Ok(files)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn stop(path: &str, title: &str) -> Stop {
        Stop { path: path.into(), title: title.into() }
    }

    #[test]
    fn a_file_one_page_uses_is_its_own_and_the_rest_is_shared() {
        let site: BTreeMap<String, Vec<u8>> = [
            ("index.html", r#"<link href="theme/style.css"><a href="a/1.html">1</a>"#),
            ("a/1.html", r#"<link href="../theme/style.css"><img src="img/x.png"><img src="../both.png">"#),
            (
                "a/2.html",
                r#"<link href="../theme/style.css"><script src="../theme/quiz.js"></script><img src="../both.png">"#,
            ),
            ("a/img/x.png", ""),
            ("both.png", ""),
            ("theme/style.css", ""),
            ("theme/quiz.js", ""),
            ("search.html", ""),
        ]
        .iter()
        .map(|(p, c)| (p.to_string(), c.as_bytes().to_vec()))
        .collect();
        let order =
            [stop("index.html", "首页"), stop("a/1.html", "一"), stop("a/2.html", "二"), stop("a/1.html", "again")];
        let (scos, shared) = resources(&order, &site);
        assert_eq!(scos.len(), 3, "a page listed twice is one SCO");
        assert_eq!(scos[1].files, ["a/1.html", "a/img/x.png"]);
        assert_eq!((scos[0].scored, scos[1].scored, scos[2].scored), (false, false, true));
        assert_eq!(scos[2].files, ["a/2.html", "theme/quiz.js"]);
        assert_eq!(shared, ["both.png", "search.html", "theme/style.css"]);
    }

    #[test]
    fn a_site_file_named_like_a_control_file_is_an_error_naming_it() {
        let site: BTreeMap<String, Vec<u8>> = [("xml.xsd".to_string(), Vec::new())].into();
        let err = package("课程", &[], site).unwrap_err();
        assert!(err.message.en().contains("xml.xsd"), "{}", err.message.en());
        let site: BTreeMap<String, Vec<u8>> = [("img/xml.xsd".to_string(), Vec::new())].into();
        assert!(package("课程", &[], site).is_ok(), "in a folder it is no control file");
    }
}
