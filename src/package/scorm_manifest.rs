//! A SCORM 2004 4th Edition `imsmanifest.xml` (Content Aggregation Model,
//! IMS Content Packaging 1.1.4 with ADL's and IMS Simple Sequencing's
//! extensions), written as text: the package's whole structure is known up
//! front. `tests/scorm.rs` validates what this writes against the published
//! schemas (tests/schemas/scorm2004/).

use super::scorm::{Sco, PASSING_SCORE};
use crate::model::url::encode_path;
use crate::office::ooxml::esc;
use std::fmt::Write;

/// The namespaces and, for `xsi:schemaLocation`, the schema file of each
/// (shipped beside the manifest).
const NAMESPACES: &str = r#"xmlns="http://www.imsglobal.org/xsd/imscp_v1p1"
  xmlns:adlcp="http://www.adlnet.org/xsd/adlcp_v1p3"
  xmlns:adlseq="http://www.adlnet.org/xsd/adlseq_v1p3"
  xmlns:adlnav="http://www.adlnet.org/xsd/adlnav_v1p3"
  xmlns:imsss="http://www.imsglobal.org/xsd/imsss"
  xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"
  xsi:schemaLocation="http://www.imsglobal.org/xsd/imscp_v1p1 imscp_v1p1.xsd
                      http://www.adlnet.org/xsd/adlcp_v1p3 adlcp_v1p3.xsd
                      http://www.adlnet.org/xsd/adlseq_v1p3 adlseq_v1p3.xsd
                      http://www.adlnet.org/xsd/adlnav_v1p3 adlnav_v1p3.xsd
                      http://www.imsglobal.org/xsd/imsss imsss_v1p0.xsd""#;

/// The shared asset resource every SCO depends on.
const SHARED: &str = "RES-shared";

/// What the manifest describes.
pub struct Manifest<'a> {
    /// The manifest's identifier: stable for one course, so an LMS sees a
    /// re-export as a new version of the same package.
    pub identifier: &'a str,
    /// The course's title: the organization's.
    pub title: &'a str,
    pub scos: &'a [Sco],
    /// Files of the shared asset resource.
    pub shared: &'a [String],
}

/// The manifest's text.
pub fn write(m: &Manifest) -> String {
    let mut xml = String::new();
    let _ = write!(
        xml,
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<manifest identifier=\"{}\" version=\"1\"\n  {NAMESPACES}>\n",
        esc(m.identifier)
    );
    xml.push_str("  <metadata>\n    <schema>ADL SCORM</schema>\n    <schemaversion>2004 4th Edition</schemaversion>\n  </metadata>\n");
    organization(&mut xml, m);
    xml.push_str("  <resources>\n");
    for (n, sco) in m.scos.iter().enumerate() {
        let _ = writeln!(
            xml,
            "    <resource identifier=\"RES-{}\" type=\"webcontent\" adlcp:scormType=\"sco\" href=\"{}\">",
            n + 1,
            href(&sco.href)
        );
        files(&mut xml, &sco.files);
        let _ = writeln!(xml, "      <dependency identifierref=\"{SHARED}\"/>\n    </resource>");
    }
    let _ = writeln!(xml, "    <resource identifier=\"{SHARED}\" type=\"webcontent\" adlcp:scormType=\"asset\">");
    files(&mut xml, m.shared);
    xml.push_str("    </resource>\n  </resources>\n</manifest>\n");
    xml
}

/// The one organization: an item per page in reading order. The learner may
/// choose any page and go on with the LMS's next/previous (`controlMode`);
/// a page with a quiz is satisfied by its score ([`PASSING_SCORE`]).
fn organization(xml: &mut String, m: &Manifest) {
    let _ = writeln!(
        xml,
        "  <organizations default=\"ORG-1\">\n    <organization identifier=\"ORG-1\">\n      <title>{}</title>",
        esc(m.title)
    );
    for (n, sco) in m.scos.iter().enumerate() {
        let id = n + 1;
        let _ = writeln!(xml, "      <item identifier=\"ITEM-{id}\" identifierref=\"RES-{id}\">");
        let _ = writeln!(xml, "        <title>{}</title>", esc(&sco.title));
        if sco.scored {
            let _ = writeln!(
                xml,
                "        <imsss:sequencing>\n          <imsss:objectives>\n            \
                 <imsss:primaryObjective objectiveID=\"PASS-{id}\" satisfiedByMeasure=\"true\">\n              \
                 <imsss:minNormalizedMeasure>{PASSING_SCORE}</imsss:minNormalizedMeasure>\n            \
                 </imsss:primaryObjective>\n          </imsss:objectives>\n        </imsss:sequencing>"
            );
        }
        xml.push_str("      </item>\n");
    }
    xml.push_str(
        "      <imsss:sequencing>\n        <imsss:controlMode choice=\"true\" flow=\"true\"/>\n      </imsss:sequencing>\n",
    );
    xml.push_str("    </organization>\n  </organizations>\n");
}

fn files(xml: &mut String, files: &[String]) {
    for file in files {
        let _ = writeln!(xml, "      <file href=\"{}\"/>", href(file));
    }
}

/// A site path as a manifest `href`: a URI reference relative to the package's
/// root, Chinese kept as is (as the site's own links keep it).
fn href(path: &str) -> String {
    esc(&encode_path(path))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pages_are_items_in_order_and_quizzes_carry_the_mastery_score() {
        let sco = |href: &str, scored| Sco {
            title: format!("《{href}》"),
            href: href.into(),
            files: vec![href.into()],
            scored,
        };
        let scos = [sco("index.html", false), sco("测验/a b.html", true)];
        let shared = ["theme/style.css".to_string()];
        let xml = write(&Manifest { identifier: "coursesite-1", title: "A & B", scos: &scos, shared: &shared });
        assert!(xml.contains("<title>A &amp; B</title>"));
        let first = xml.find("ITEM-1\" identifierref=\"RES-1").unwrap();
        let second = xml.find("ITEM-2\" identifierref=\"RES-2").unwrap();
        assert!(first < second);
        assert_eq!(xml.matches("<imsss:minNormalizedMeasure>0.6<").count(), 1);
        assert!(xml.contains(r#"adlcp:scormType="sco" href="测验/a%20b.html""#));
        assert_eq!(xml.matches("<dependency identifierref=\"RES-shared\"/>").count(), 2);
        assert!(xml.contains("<schemaversion>2004 4th Edition</schemaversion>"));
    }
}
