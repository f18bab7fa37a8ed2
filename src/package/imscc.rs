//! IMS Common Cartridge 1.3 (`.imscc`): a zip with `imsmanifest.xml` at its
//! root. The rendered site goes in whole under `web_resources/` (its links are
//! relative, so every page works where the platform shows it); each page is a
//! `webcontent` resource depending on one resource that holds every other file
//! (CSS, scripts, pictures, the search index). The organization follows the
//! author's reading order, a top-level folder becoming a titled item around its
//! pages; a quiz page's item is its QTI assessment (`qti`), which Canvas and
//! Moodle turn into a quiz.

use super::bank::{self, QuizPage};
use super::qti;
use crate::messages::Msg;
use crate::model::Course;
use crate::office::ooxml::{esc, write_package};
use crate::render::{Contents, Site};
use std::collections::BTreeMap;
use std::fmt::Write;

/// Where the site's files sit in the cartridge.
pub const WEB: &str = "web_resources";
const CP_NS: &str = "http://www.imsglobal.org/xsd/imsccv1p3/imscp_v1p1";
const LOMM_NS: &str = "http://ltsc.ieee.org/xsd/imsccv1p3/LOM/manifest";
const SCHEMA_LOCATION: &str = "http://www.imsglobal.org/xsd/imsccv1p3/imscp_v1p1 http://www.imsglobal.org/profile/cc/ccv1p3/ccv1p3_imscp_v1p2_v1p0.xsd http://ltsc.ieee.org/xsd/imsccv1p3/LOM/manifest http://www.imsglobal.org/profile/cc/ccv1p3/LOM/ccv1p3_lommanifest_v1p0.xsd";
const ASSESSMENT: &str = "imsqti_xmlv1p2/imscc_xmlv1p3/assessment";

/// The cartridge of a rendered course, as the bytes of the `.imscc` file.
pub fn cartridge(course: &Course, site: &Site) -> Result<Vec<u8>, Msg> {
    let lang = course.config.language;
    let mut parts = Vec::with_capacity(site.files.len() + 8);
    for file in &site.files {
        let bytes = match &file.contents {
            Contents::Bytes(b) => b.clone(),
            Contents::Shared(b) => b.to_vec(),
            Contents::Copy(path) => std::fs::read(path).map_err(|e| {
                msg!("package_cannot_read", path = path.display(), error = crate::messages::io_error(&e))
            })?,
            Contents::Written | Contents::Kept => return Err(msg!("package_failed", detail = &file.path)),
        };
        parts.push((format!("{WEB}/{}", file.path), bytes));
    }
    let quizzes = bank::quizzes(course);
    let mut idents = BTreeMap::new();
    for (k, page) in quizzes.iter().enumerate() {
        let ident = format!("QUIZ{}", k + 1);
        parts.push((format!("{ident}/assessment.xml"), qti::assessment(page, &ident, lang).into_bytes()));
        idents.insert(page.id, ident);
    }
    let manifest = manifest(course, &parts, &quizzes, &idents);
    parts.push(("imsmanifest.xml".to_string(), manifest.into_bytes()));
    write_package(&parts).map_err(|detail| msg!("package_failed", detail))
}

/// `imsmanifest.xml`: metadata (the course title), the organization, the resources.
fn manifest(
    course: &Course,
    parts: &[(String, Vec<u8>)],
    quizzes: &[QuizPage],
    idents: &BTreeMap<&str, String>,
) -> String {
    let mut x = String::from("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
    let _ = writeln!(
        x,
        "<manifest identifier=\"coursesite_cartridge\" xmlns=\"{CP_NS}\" xmlns:lomimscc=\"{LOMM_NS}\" xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\" xsi:schemaLocation=\"{SCHEMA_LOCATION}\">"
    );
    x.push_str("  <metadata>\n    <schema>IMS Common Cartridge</schema>\n    <schemaversion>1.3.0</schemaversion>\n");
    let _ = writeln!(
        x,
        "    <lomimscc:lom><lomimscc:general><lomimscc:title><lomimscc:string language=\"{}\">{}</lomimscc:string></lomimscc:title></lomimscc:general></lomimscc:lom>",
        course.config.language.tag(),
        esc(&course.config.title)
    );
    x.push_str("  </metadata>\n");
    organization(&mut x, course, idents);
    resources(&mut x, course, parts, quizzes, idents);
    x.push_str("</manifest>\n");
    x
}

/// The resource an item of page `i` opens: its assessment for a quiz, else the page.
fn target(course: &Course, i: usize, idents: &BTreeMap<&str, String>) -> String {
    idents.get(course.pages[i].id.as_str()).cloned().unwrap_or_else(|| format!("PAGE{i}"))
}

/// The author's reading order; a top-level folder's pages inside an item
/// titled as the folder. Generated folder listings are left out: the folder
/// item stands for them.
fn organization(x: &mut String, course: &Course, idents: &BTreeMap<&str, String>) {
    x.push_str("  <organizations>\n    <organization identifier=\"ORG\" structure=\"rooted-hierarchy\">\n");
    x.push_str("      <item identifier=\"ROOT\">\n");
    let mut open: Option<&str> = None;
    for &i in &course.order {
        let page = &course.pages[i];
        if page.generated {
            continue;
        }
        let folder = page.dir.split('/').next().filter(|d| !d.is_empty());
        if open != folder {
            if open.take().is_some() {
                x.push_str("        </item>\n");
            }
            if let Some(dir) = folder {
                let title = course.sections.get(dir).map_or(dir, |s| course.pages[s.index].title.as_str());
                let _ = writeln!(x, "        <item identifier=\"DIR{i}\">\n          <title>{}</title>", esc(title));
                open = Some(dir);
            }
        }
        let indent = if open.is_some() { "          " } else { "        " };
        let _ = writeln!(
            x,
            "{indent}<item identifier=\"ITEM{i}\" identifierref=\"{}\">\n{indent}  <title>{}</title>\n{indent}</item>",
            target(course, i, idents),
            esc(&page.title)
        );
    }
    if open.is_some() {
        x.push_str("        </item>\n");
    }
    x.push_str("      </item>\n    </organization>\n  </organizations>\n");
}

/// A resource per page (its HTML file, depending on the shared files), one for
/// every other file of the site, and one per quiz assessment.
fn resources(
    x: &mut String,
    course: &Course,
    parts: &[(String, Vec<u8>)],
    quizzes: &[QuizPage],
    idents: &BTreeMap<&str, String>,
) {
    x.push_str("  <resources>\n");
    let mut pages: Vec<&str> = Vec::new();
    for &i in &course.order {
        let href = format!("{WEB}/{}", course.pages[i].out);
        if !parts.iter().any(|(p, _)| *p == href) {
            continue;
        }
        let _ = writeln!(
            x,
            "    <resource identifier=\"PAGE{i}\" type=\"webcontent\" href=\"{0}\">\n      <file href=\"{0}\"/>\n      <dependency identifierref=\"SHARED\"/>\n    </resource>",
            esc(&href)
        );
        pages.push(&course.pages[i].out);
    }
    x.push_str("    <resource identifier=\"SHARED\" type=\"webcontent\">\n");
    for (path, _) in parts {
        let rel = path.strip_prefix(WEB).and_then(|p| p.strip_prefix('/'));
        if rel.is_some_and(|rel| !pages.contains(&rel)) {
            let _ = writeln!(x, "      <file href=\"{}\"/>", esc(path));
        }
    }
    x.push_str("    </resource>\n");
    for page in quizzes {
        if let Some(ident) = idents.get(page.id) {
            let _ = writeln!(
                x,
                "    <resource identifier=\"{ident}\" type=\"{ASSESSMENT}\">\n      <file href=\"{ident}/assessment.xml\"/>\n    </resource>"
            );
        }
    }
    x.push_str("  </resources>\n");
}
