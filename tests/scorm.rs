//! `coursesite export --scorm` (issue 22): the package an LMS imports. The
//! manifest is validated with xmllint against the published SCORM 2004 4th
//! Edition schemas in tests/schemas/scorm2004/ (scripts/test.sh installs
//! libxml2-utils), every listed file is in the zip and every file listed, the
//! organization follows the author's order, and the student edition is what
//! is packaged.

mod common;

use common::{run_cli_in, TestCourse};
use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use std::process::Command;

fn repo() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

fn schema() -> PathBuf {
    repo().join("tests/schemas/scorm2004/all.xsd")
}

/// Export `course` with `--out out`; the zip's path.
fn export(course: &Path, out: &Path) -> PathBuf {
    let (code, stdout, stderr) =
        run_cli_in(repo(), &["export", "--scorm", "-C", &course.to_string_lossy(), "--out", &out.to_string_lossy()]);
    assert_eq!(code, 0, "export failed:\n{stdout}\n{stderr}");
    let zips: Vec<PathBuf> = std::fs::read_dir(out).unwrap().map(|e| e.unwrap().path()).collect();
    assert_eq!(zips.len(), 1, "one package: {zips:?}");
    zips.into_iter().next().unwrap()
}

/// Every entry of the zip: (name, bytes).
fn entries(zip: &Path) -> Vec<(String, Vec<u8>)> {
    common::unzip(&std::fs::read(zip).unwrap())
}

fn manifest_of(zip: &Path) -> String {
    let all = entries(zip);
    let (_, bytes) = all.iter().find(|(name, _)| name == "imsmanifest.xml").expect("imsmanifest.xml at the root");
    String::from_utf8(bytes.clone()).unwrap()
}

/// xmllint's verdict on `manifest` against the SCORM 2004 schemas: (valid, what it said).
fn validate(manifest: &str) -> (bool, String) {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("imsmanifest.xml");
    std::fs::write(&file, manifest).unwrap();
    let output = Command::new("xmllint")
        .args(["--noout", "--nonet", "--schema"])
        .arg(schema())
        .arg(&file)
        .output()
        .expect("xmllint runs (apt-get install libxml2-utils; scripts/test.sh installs it)");
    (output.status.success(), String::from_utf8_lossy(&output.stderr).into_owned())
}

/// The values of `attr` on every `<tag …>` of the manifest, in order, XML- and
/// percent-decoded back to zip paths.
fn values(xml: &str, tag: &str, attr: &str) -> Vec<String> {
    let mut found = Vec::new();
    for piece in xml.split(&format!("<{tag} ")).skip(1) {
        let head = &piece[..piece.find('>').unwrap()];
        if let Some(at) = head.find(&format!("{attr}=\"")) {
            let rest = &head[at + attr.len() + 2..];
            let raw = &rest[..rest.find('"').unwrap()];
            found.push(coursesite::model::url::percent_decode(&raw.replace("&amp;", "&")));
        }
    }
    found
}

/// Files a package has besides the site: the manifest and its schemas, at the root.
fn is_control_file(name: &str) -> bool {
    name == "imsmanifest.xml" || (!name.contains('/') && (name.ends_with(".xsd") || name.ends_with(".dtd")))
}

#[test]
fn the_sample_courses_manifest_is_valid_scorm_2004_4th_edition() {
    let out = tempfile::tempdir().unwrap();
    let zip = export(repo(), out.path());
    assert_eq!(zip.file_name().unwrap().to_string_lossy(), "客户服务实务-scorm.zip", "named after the course");
    let manifest = manifest_of(&zip);
    let (valid, said) = validate(&manifest);
    assert!(valid, "xmllint rejects the manifest:\n{said}");
    assert!(said.contains("validates"), "{said}");
    assert!(manifest.contains("<schema>ADL SCORM</schema>"));
    assert!(manifest.contains("<schemaversion>2004 4th Edition</schemaversion>"));
    // The schemas beside it are the published ones this test validated with.
    for (name, bytes) in entries(&zip).iter().filter(|(n, _)| is_control_file(n) && n != "imsmanifest.xml") {
        assert_eq!(bytes, &std::fs::read(repo().join("tests/schemas/scorm2004").join(name)).unwrap(), "{name}");
    }
}

#[test]
fn a_broken_manifest_is_rejected_by_the_same_validation() {
    let out = tempfile::tempdir().unwrap();
    let good = manifest_of(&export(repo(), out.path()));
    // Each broken in one place, and rejected for that reason: the checks of
    // imscp, adlcp and imsss (inside imscp's open slots) all apply.
    let broken = [
        ("scormType", good.replacen("adlcp:scormType=\"sco\"", "adlcp:scormType=\"lesson\"", 1)),
        (
            "organisations",
            good.replacen("<organizations default=\"ORG-1\">", "<organisations>", 1).replacen(
                "</organizations>",
                "</organisations>",
                1,
            ),
        ),
        (
            "'RES-1' is not a valid value of the atomic type 'xs:ID'",
            good.replacen("identifier=\"RES-2\"", "identifier=\"RES-1\"", 1),
        ),
        ("measureType", good.replacen(">0.6<", ">sixty<", 1)),
    ];
    for (what, manifest) in broken {
        assert_ne!(manifest, good, "{what}: the change applies");
        let (valid, said) = validate(&manifest);
        assert!(!valid, "{what}: xmllint accepted it");
        assert!(said.contains("fails to validate") && said.contains(what), "{what}: {said}");
    }
}

#[test]
fn every_listed_file_is_in_the_zip_and_every_file_is_listed() {
    let out = tempfile::tempdir().unwrap();
    let zip = export(repo(), out.path());
    let manifest = manifest_of(&zip);
    let listed: Vec<String> = values(&manifest, "file", "href");
    let unique: BTreeSet<String> = listed.iter().cloned().collect();
    assert_eq!(unique.len(), listed.len(), "each file belongs to one resource");
    let in_zip: BTreeSet<String> = entries(&zip).into_iter().map(|(n, _)| n).filter(|n| !is_control_file(n)).collect();
    assert_eq!(unique, in_zip);
    // Each SCO launches a file it lists, and each item points at a resource.
    let resources: BTreeSet<String> = values(&manifest, "resource", "identifier").into_iter().collect();
    for href in values(&manifest, "resource", "href") {
        assert!(unique.contains(&href), "{href}");
    }
    for target in values(&manifest, "item", "identifierref") {
        assert!(resources.contains(&target), "{target}");
    }
    // The built site, file for file.
    let site = tempfile::tempdir().unwrap();
    let (code, _, stderr) = run_cli_in(repo(), &["build", "--no-cache", "--out", &site.path().to_string_lossy()]);
    assert_eq!(code, 0, "{stderr}");
    let built: BTreeSet<String> =
        common::tree(site.path()).into_keys().filter(|p| p != ".coursesite-output" && !p.ends_with('/')).collect();
    assert_eq!(in_zip, built);
}

/// A course whose table of contents (SUMMARY.md) puts its pages out of file-name order.
fn ordered_course() -> TestCourse {
    let course = TestCourse::new();
    course
        .file("content/index.md", "# 首页\n")
        .file("content/SUMMARY.md", "# Summary\n\n- [乙](b.md)\n- [测验](quiz.md)\n- [甲](a.md)\n- [丙](c.md)\n")
        .file("content/a.md", "# 甲\n\n![只在甲](img/only.png)\n\n![共用](img/both.png)\n")
        .file("content/b.md", "# 乙\n\n![共用](img/both.png)\n")
        .file("content/c.md", "# 丙\n\n> [!教师]\n> 教师的秘密提示\n")
        .file("content/secret.md", "+++\ntitle = \"教师页\"\nteacher_only = true\n+++\n\n只给教师看的页面\n")
        .file(
            "content/quiz.md",
            "+++\ntitle = \"测验\"\nkind = \"quiz\"\n+++\n\n1. 天是蓝的。（对）\n   > 解析：晴天时。\n",
        )
        .file("content/img/only.png", b"\x89PNG\r\n\x1a\n")
        .file("content/img/both.png", b"\x89PNG\r\n\x1a\n");
    course
}

#[test]
fn items_follow_the_authors_order_and_pages_own_the_files_only_they_use() {
    let course = ordered_course();
    let out = tempfile::tempdir().unwrap();
    let manifest = manifest_of(&export(course.root(), out.path()));
    assert!(validate(&manifest).0, "{}", validate(&manifest).1);
    let org = &manifest[manifest.find("<organization ").unwrap()..manifest.find("</organization>").unwrap()];
    let titles: Vec<&str> = org.split("<title>").skip(1).map(|t| &t[..t.find('<').unwrap()]).collect();
    assert_eq!(titles, ["测试课程", "首页", "乙", "测验", "甲", "丙"]);
    let resource = |href: &str| {
        let at = manifest.find(&format!("adlcp:scormType=\"sco\" href=\"{href}\"")).unwrap();
        manifest[at..at + manifest[at..].find("</resource>").unwrap()].to_string()
    };
    assert_eq!(values(&resource("a.html"), "file", "href"), ["a.html", "img/only.png"]);
    assert_eq!(values(&resource("b.html"), "file", "href"), ["b.html"]);
    let shared = &manifest[manifest.find("scormType=\"asset\"").unwrap()..];
    assert!(shared.contains("<file href=\"img/both.png\"/>") && shared.contains("<file href=\"theme/style.css\"/>"));
    // Only the quiz's item is passed by its score.
    assert_eq!(manifest.matches("<imsss:minNormalizedMeasure>0.6</imsss:minNormalizedMeasure>").count(), 1);
    let quiz_item = &org[org.find("<title>测验</title>").unwrap()..];
    assert!(quiz_item[..quiz_item.find("</item>").unwrap()].contains("satisfiedByMeasure=\"true\""));
}

#[test]
fn the_package_is_the_student_edition() {
    let course = ordered_course();
    let out = tempfile::tempdir().unwrap();
    let zip = export(course.root(), out.path());
    for (name, bytes) in entries(&zip) {
        let text = String::from_utf8_lossy(&bytes);
        assert!(!text.contains("教师的秘密提示") && !text.contains("只给教师看的页面"), "teacher-only text in {name}");
        assert!(!name.contains("secret"), "{name}");
    }
}

#[test]
fn an_existing_package_is_kept_without_force_and_a_broken_course_writes_nothing() {
    let course = ordered_course();
    let out = tempfile::tempdir().unwrap();
    let zip = export(course.root(), out.path());
    std::fs::write(&zip, b"old").unwrap();
    let args = |force: bool| {
        let mut a = vec!["export".to_string(), "--scorm".into(), "-C".into(), course.root().display().to_string()];
        a.extend(["--out".to_string(), out.path().display().to_string()]);
        a.extend(force.then(|| "--force".to_string()));
        a
    };
    let run = |force| {
        let a = args(force);
        run_cli_in(repo(), &a.iter().map(String::as_str).collect::<Vec<_>>())
    };
    let (code, _, stderr) = run(false);
    assert_eq!(code, 2, "{stderr}");
    assert!(stderr.contains("--force"), "the hint names --force: {stderr}");
    assert_eq!(std::fs::read(&zip).unwrap(), b"old");
    assert_eq!(run(true).0, 0);
    assert!(std::fs::read(&zip).unwrap().starts_with(b"PK"));

    course.file("content/b.md", "# 乙\n\n[坏链接](nowhere.md)\n\n![缺图](img/missing.png)\n");
    let empty = tempfile::tempdir().unwrap();
    let (code, _, stderr) = run_cli_in(
        repo(),
        &["export", "--scorm", "-C", &course.root().to_string_lossy(), "--out", &empty.path().to_string_lossy()],
    );
    assert_eq!(code, 1, "{stderr}");
    assert!(stderr.contains("b.md:"), "the error names the file: {stderr}");
    assert_eq!(std::fs::read_dir(empty.path()).unwrap().count(), 0, "nothing written");
}

#[test]
fn scorm_exports_the_whole_course_so_a_lesson_argument_is_a_usage_error() {
    let (code, _, stderr) = run_cli_in(repo(), &["export", "lessons/01-理解客户服务", "--scorm"]);
    assert_eq!(code, 2, "{stderr}");
    assert!(stderr.contains("--scorm"), "{stderr}");
}
