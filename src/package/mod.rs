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
