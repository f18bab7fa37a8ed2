//! Learning-platform packages (issue 22): the course for Moodle, Canvas and
//! other platforms that import IMS Common Cartridge, and its quizzes as
//! question banks. Read from the rendered site and the quiz model; nothing
//! here parses Markdown again.
//!
//! - `bank`       the quiz pages in reading order, and what every bank format shares
//! - `qti`        QTI 1.2.1 (Common Cartridge profile): one assessment per quiz
//! - `moodle_xml` Moodle XML question bank
//! - `gift`       GIFT question bank
//! - `imscc`      Common Cartridge 1.3: the pages as web content, the quizzes as QTI
//! - `run`        `coursesite export --imscc / --quizzes FORMAT`

pub mod bank;
pub mod gift;
pub mod imscc;
pub mod moodle_xml;
pub mod qti;
mod run;

pub use run::export;
