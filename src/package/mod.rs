//! Packages for learning platforms (issue 22): the built student site wrapped
//! the way an LMS imports it.
//!
//! - `scorm`     SCORM 2004 4th Edition: the site, `imsmanifest.xml` and its schemas in one zip
//! - `scorm_manifest` its `imsmanifest.xml`
//! - `links`     which files of the site a page uses (read from its HTML)

mod links;
pub mod scorm;
mod scorm_manifest;
