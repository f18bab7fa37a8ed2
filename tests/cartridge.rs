//! `coursesite export --imscc` and `--quizzes qti`, validated with xmllint
//! (libxml2) against the IMS Common Cartridge profile schemas shipped in
//! tests/schemas/imscc/ (see its README: the CC 1.1 profile files, which the
//! CC 1.3 manifest is checked against with its namespaces mapped to 1.1's),
//! plus the profile's schematron rules that XSD validation cannot express,
//! checked here one by one; and every `<file href>` against the zip.

mod common;

use common::*;
use coursesite::office::ooxml::{parse_xml, Element};
use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};
use std::process::Command;

const MANIFEST_XSD: &str = "ccv1p1_imscp_v1p2_v1p0.xsd";
const QTI_XSD: &str = "ccv1p1_qtiasiv1p2p1_v1p0.xsd";

fn schema(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/schemas/imscc").join(name)
}

/// Validate `xml` against `xsd` with xmllint: Ok, or xmllint's complaint.
fn xmllint(xsd: &str, xml: &[u8]) -> Result<(), String> {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("doc.xml");
    std::fs::write(&file, xml).unwrap();
    let out = Command::new("xmllint")
        .args(["--noout", "--nonet", "--schema"])
        .arg(schema(xsd))
        .arg(&file)
        .output()
        .unwrap_or_else(|e| panic!("xmllint is needed (Debian: libxml2-utils; scripts/test.sh installs it): {e}"));
    if out.status.success() {
        Ok(())
    } else {
        Err(String::from_utf8_lossy(&out.stderr).into_owned())
    }
}

/// The CC 1.3 manifest in the CC 1.1 profile's namespaces, resource types and
/// version: the only differences between the two profiles for the parts a
/// coursesite cartridge uses (web content and QTI assessments).
fn as_cc11(manifest: &str) -> String {
    manifest
        .replace("/imsccv1p3/", "/imsccv1p1/")
        .replace("imscc_xmlv1p3/", "imscc_xmlv1p1/")
        .replace("<schemaversion>1.3.0</schemaversion>", "<schemaversion>1.1.0</schemaversion>")
}

fn cartridge(course: &TestCourse) -> BTreeMap<String, Vec<u8>> {
    let (code, stdout, stderr) = course.run_cli(&["export", "--imscc"]);
    assert_eq!(code, 0, "{stderr}");
    let title = std::fs::read_to_string(course.path("course.toml")).unwrap();
    let title = title.lines().find_map(|l| l.strip_prefix("title = \"")).unwrap().trim_end_matches('"').to_string();
    assert!(stdout.contains(&format!("{title}.imscc")), "{stdout}");
    unzip(&std::fs::read(course.path(&format!("export/{title}.imscc"))).unwrap()).into_iter().collect()
}

/// Every element named `name` below `root`, with the given attribute.
fn attrs<'a>(root: &'a Element, name: &str, attr: &str) -> Vec<&'a str> {
    root.all(name).into_iter().filter_map(|e| e.attr(attr)).collect()
}

/// The manifest rules of the CC profile's schematron (rule sets 3, 5, 7, 8, 10).
fn manifest_rules(manifest: &Element) {
    let resources: BTreeMap<&str, &Element> =
        manifest.all("resource").into_iter().map(|r| (r.attr("identifier").unwrap(), r)).collect();
    for r in resources.values() {
        let files = r.all("file");
        if r.attr("type").unwrap().ends_with("/assessment") {
            assert!(r.attr("href").is_none() && files.len() == 1, "3a-c: an assessment has one file, no href");
        }
        if let Some(href) = r.attr("href") {
            assert!(files.iter().any(|f| f.attr("href") == Some(href)), "10b: {href} is one of its files");
        }
        let deps = attrs(r, "dependency", "identifierref");
        assert_eq!(deps.len(), deps.iter().collect::<BTreeSet<_>>().len(), "7b: no dependency twice");
        for d in deps {
            assert_ne!(Some(d), r.attr("identifier"), "7a: no resource depends on itself");
            assert!(!resources[d].attr("type").unwrap().ends_with("/assessment"), "5c: web content needs no quiz");
        }
    }
    for item in manifest.all("item") {
        if let Some(target) = item.attr("identifierref") {
            assert!(resources.contains_key(target), "{target} is a resource");
            assert!(item.child("item").is_none(), "8b: an item that opens a resource has no children");
        }
    }
}

/// The QTI rules of the profile's schematron (rule sets 1, 2, 3, 8, 12, 13).
fn qti_rules(qti: &Element) {
    let profiles = ["cc.multiple_choice.v0p1", "cc.multiple_response.v0p1", "cc.true_false.v0p1", "cc.essay.v0p1"];
    let assessment = qti.child("assessment").unwrap();
    let fields = |e: &Element| -> BTreeMap<String, String> {
        e.all("qtimetadatafield")
            .into_iter()
            .map(|f| (f.child("fieldlabel").unwrap().text(), f.child("fieldentry").unwrap().text()))
            .collect()
    };
    assert_eq!(fields(assessment.child("qtimetadata").unwrap())["cc_profile"], "cc.exam.v0p1", "1j");
    let mut idents = BTreeSet::new();
    for item in qti.all("item") {
        assert!(idents.insert(item.attr("ident").unwrap()), "13a: unique item idents");
        let meta = fields(item.child("itemmetadata").unwrap());
        let profile = meta["cc_profile"].as_str();
        assert!(profiles.contains(&profile), "2b: {profile}");
        if profile == "cc.true_false.v0p1" {
            assert_eq!(item.all("response_label").len(), 2, "3d: two labels");
        }
        if profile == "cc.essay.v0p1" {
            assert_eq!(meta["qmd_computerscored"], "No", "8f");
            assert!(item.all("varequal").is_empty(), "8c");
        }
        let feedback: BTreeSet<&str> = attrs(item, "itemfeedback", "ident").into_iter().collect();
        let shown: BTreeSet<&str> = attrs(item, "displayfeedback", "linkrefid").into_iter().collect();
        assert_eq!(feedback, shown, "12c/d: each feedback shown, each shown feedback present");
        let lid = attrs(item, "response_lid", "ident");
        assert!(attrs(item, "varequal", "respident").iter().all(|r| lid.contains(r)), "3e/4e/5e");
    }
}

#[test]
fn the_cartridge_validates_against_the_cc_profile_schemas() {
    let course = sample_course();
    let files = cartridge(&course);
    let manifest_text = String::from_utf8(files["imsmanifest.xml"].clone()).unwrap();
    assert!(manifest_text.contains("<schemaversion>1.3.0</schemaversion>"));
    xmllint(MANIFEST_XSD, as_cc11(&manifest_text).as_bytes()).unwrap();
    let manifest = parse_xml(&manifest_text).unwrap();
    manifest_rules(&manifest);
    // Every <file href> is in the zip, and every file of the zip is listed.
    let listed: BTreeSet<&str> = attrs(&manifest, "file", "href").into_iter().collect();
    let zipped: BTreeSet<&str> = files.keys().map(String::as_str).filter(|f| *f != "imsmanifest.xml").collect();
    assert_eq!(listed, zipped);
    assert!(
        listed.contains("web_resources/index.html") && listed.contains("web_resources/lessons/01-理解客户服务.html")
    );
    let quizzes: Vec<&Element> = manifest
        .all("resource")
        .into_iter()
        .filter(|r| r.attr("type") == Some("imsqti_xmlv1p2/imscc_xmlv1p3/assessment"))
        .collect();
    assert_eq!(quizzes.len(), 2, "the sample course's two quiz pages");
    for quiz in quizzes {
        let href = quiz.child("file").unwrap().attr("href").unwrap();
        xmllint(QTI_XSD, &files[href]).unwrap_or_else(|e| panic!("{href}: {e}"));
        qti_rules(&parse_xml(std::str::from_utf8(&files[href]).unwrap()).unwrap());
        let id = quiz.attr("identifier").unwrap();
        assert!(attrs(&manifest, "item", "identifierref").contains(&id), "the quiz's item opens its assessment");
    }
}

#[test]
fn the_qti_bank_is_the_cartridges_assessments_and_validates() {
    let course = sample_course();
    let files = cartridge(&course);
    let (code, stdout, stderr) = course.run_cli(&["export", "--quizzes", "qti"]);
    assert_eq!(code, 0, "{stderr}");
    for (k, stem) in ["01-判断题自检", "02-服务分类练习"].iter().enumerate() {
        let path = format!("export/客户服务实务-qti/{stem}.xml");
        assert!(stdout.contains(stem), "{stdout}");
        let bytes = std::fs::read(course.path(&path)).unwrap();
        xmllint(QTI_XSD, &bytes).unwrap_or_else(|e| panic!("{path}: {e}"));
        assert_eq!(bytes, files[&format!("QUIZ{}/assessment.xml", k + 1)], "one writer, two uses");
    }
}

#[test]
fn the_validation_can_fail() {
    let course = sample_course();
    let files = cartridge(&course);
    let manifest = as_cc11(std::str::from_utf8(&files["imsmanifest.xml"]).unwrap());
    // An item without its title, and a resource of a type the profile does not know.
    let untitled = manifest.replacen("<title>", "<nottitle>", 1).replacen("</title>", "</nottitle>", 1);
    assert!(xmllint(MANIFEST_XSD, untitled.as_bytes()).unwrap_err().contains("nottitle"));
    let unknown = manifest.replacen("type=\"webcontent\"", "type=\"webpage\"", 1);
    assert!(xmllint(MANIFEST_XSD, unknown.as_bytes()).unwrap_err().contains("webpage"));
    // CC 1.3 as written is not CC 1.1: the mapping is what makes it pass.
    let as_written = std::str::from_utf8(&files["imsmanifest.xml"]).unwrap();
    assert!(xmllint(MANIFEST_XSD, as_written.as_bytes()).is_err());
    let qti = std::str::from_utf8(&files["QUIZ1/assessment.xml"]).unwrap();
    let bad = qti.replacen("rcardinality=\"Single\"", "rcardinality=\"Several\"", 1);
    assert!(xmllint(QTI_XSD, bad.as_bytes()).unwrap_err().contains("Several"));
}

#[test]
fn the_organization_follows_the_authors_order() {
    let course = TestCourse::new();
    course
        .file("content/index.md", "# 首页\n")
        .file("content/SUMMARY.md", "# Summary\n\n- [乙](b.md)\n- [甲](a.md)\n- [测验](quizzes/q.md)\n- [第二课](lessons/02.md)\n- [第一课](lessons/01.md)\n")
        .file("content/a.md", "# 甲\n")
        .file("content/b.md", "# 乙\n")
        .file("content/quizzes/q.md", "+++\ntitle = \"测验\"\n+++\n\n1. 对吗？（对）\n")
        .file("content/lessons/01.md", "+++\ntitle = \"第一课\"\nkind = \"page\"\n+++\n")
        .file("content/lessons/02.md", "+++\ntitle = \"第二课\"\nkind = \"page\"\n+++\n");
    let files = cartridge(&course);
    let manifest = parse_xml(std::str::from_utf8(&files["imsmanifest.xml"]).unwrap()).unwrap();
    // Folder items (测验, 教案) hold their pages; the table of contents' order wins over file names.
    let titles: Vec<String> =
        manifest.all("item").into_iter().filter_map(|i| i.child("title")).map(Element::text).collect();
    assert_eq!(titles, ["首页", "乙", "甲", "测验", "测验", "教案", "第二课", "第一课"].map(String::from));
    let quiz_item = manifest
        .all("item")
        .into_iter()
        .find(|i| i.child("title").is_some_and(|t| t.text() == "测验") && i.attr("identifierref").is_some())
        .unwrap();
    assert_eq!(quiz_item.attr("identifierref"), Some("QUIZ1"));
}
