//! Learning-platform packages (issue 22): the course for Moodle, Canvas and
//! other platforms, read from the rendered site and the quiz model; nothing
//! here parses Markdown again.
//!
//! - `scorm`          SCORM 2004 4th Edition: the site, `imsmanifest.xml` and its schemas in one zip
//! - `scorm_manifest` its `imsmanifest.xml`
//! - `links`          which files of the site a page uses (read from its HTML)
//! - `imscc`          Common Cartridge 1.3: the pages as web content, the quizzes as QTI
//! - `qti`            QTI 1.2.1 (Common Cartridge profile): one assessment per quiz
//! - `bank`           the quiz pages in reading order, and what every bank format shares
//! - `moodle_xml`     Moodle XML question bank
//! - `gift`           GIFT question bank
//! - `run`            `coursesite export --imscc / --quizzes FORMAT`

pub mod bank;
pub mod gift;
pub mod imscc;
mod links;
pub mod moodle_xml;
pub mod qti;
mod run;
pub mod scorm;
mod scorm_manifest;

pub use run::export;

/// The course title as a file name: characters no file system takes become `-`.
pub(crate) fn file_name(title: &str) -> String {
    let name: String =
        title.trim().chars().map(|c| if c.is_control() || "/\\:*?\"<>|".contains(c) { '-' } else { c }).collect();
    let name = name.trim_matches(['.', ' ']);
    if name.is_empty() {
        "course".to_string()
    } else {
        name.to_string()
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn a_title_becomes_a_safe_file_name() {
        assert_eq!(super::file_name("客户服务实务"), "客户服务实务");
        assert_eq!(super::file_name(" a/b:c? "), "a-b-c-");
        assert_eq!(super::file_name(".."), "course");
    }
}
