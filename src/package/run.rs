//! `coursesite export --imscc` and `--quizzes moodle-xml|gift|qti`: render the
//! course (student edition) in memory, turn it into the asked packages and
//! write them with the Office export's all-or-nothing writer, into the same
//! folder (`DIR/export` unless `--out`). `--docx`/`--pptx` in the same command
//! run first, as `office::export` does them.

use super::{bank, file_name, gift, imscc, moodle_xml, qti};
use crate::diag::Diagnostic;
use crate::office::{self, ExportOptions, Imported, Outcome, Output};
use crate::options::QuizFormat;
use crate::{BuildOptions, Status};
use std::path::{Path, PathBuf};

/// Run the export: Office files, then the packages (`--scorm` alone: clap
/// refuses it beside the others).
pub fn export(opts: &ExportOptions) -> Outcome {
    if opts.scorm {
        return super::scorm::export(opts);
    }
    let office_asked = opts.docx || opts.pptx;
    let mut outcome = if office_asked {
        office::export(opts)
    } else {
        Outcome { status: Status::Ok, files: Vec::new(), diagnostics: Vec::new() }
    };
    if outcome.status != Status::Ok || (!opts.imscc && opts.quizzes.is_none()) {
        return outcome;
    }
    let (report, rendered) = crate::pipeline::render_course(&BuildOptions::new(&opts.root));
    outcome.diagnostics.extend(report.diagnostics);
    let Some((course, site)) = rendered else {
        outcome.status = report.status;
        return outcome;
    };
    match packages(opts, &course, &site) {
        Ok((outputs, files)) => match office::write_all(&opts.out_dir(), &outputs, &files, opts.force) {
            Ok(()) => outcome.files.extend(files),
            Err(d) => fail(&mut outcome, Status::Failed, d),
        },
        Err(d) => fail(&mut outcome, Status::ContentErrors, vec![*d]),
    }
    outcome
}

fn fail(outcome: &mut Outcome, status: Status, diags: Vec<Diagnostic>) {
    outcome.status = status;
    outcome.diagnostics.extend(diags);
}

/// The files to write (relative to the output folder) and what each came from.
fn packages(
    opts: &ExportOptions,
    course: &crate::model::Course,
    site: &crate::render::Site,
) -> Result<(Vec<Output>, Vec<Imported>), Box<Diagnostic>> {
    let name = file_name(&course.config.title);
    let source = if opts.root == Path::new(".") { PathBuf::from("content") } else { opts.root.join("content") };
    let mut outputs = Vec::new();
    let mut files = Vec::new();
    let out_dir = opts.out_dir();
    let mut add = |path: PathBuf, bytes: Vec<u8>, from: &Path| {
        files.push(Imported { source: from.to_path_buf(), created: vec![out_dir.join(&path)], ..Imported::default() });
        outputs.push(Output { path, bytes, update: false });
    };
    if let Some(format) = opts.quizzes {
        let quizzes = bank::quizzes(course);
        if quizzes.is_empty() {
            let d =
                Diagnostic::error(msg!("package_no_quizzes")).in_file(&source).hint(msg!("package_no_quizzes_hint"));
            return Err(Box::new(d));
        }
        let title = &course.config.title;
        match format {
            QuizFormat::MoodleXml => {
                add(format!("{name}.moodle.xml").into(), moodle_xml::bank(title, &quizzes).into_bytes(), &source)
            }
            QuizFormat::Gift => {
                add(format!("{name}.gift.txt").into(), gift::bank(title, &quizzes).into_bytes(), &source)
            }
            QuizFormat::Qti => {
                for (k, page) in quizzes.iter().enumerate() {
                    let xml = qti::assessment(page, &format!("QUIZ{}", k + 1), course.config.language);
                    add(
                        Path::new(&format!("{name}-qti")).join(format!("{}.xml", page.stem())),
                        xml.into_bytes(),
                        page.display,
                    );
                }
            }
        }
    }
    if opts.imscc {
        let bytes = imscc::cartridge(course, site).map_err(|m| Box::new(Diagnostic::error(m)))?;
        add(format!("{name}.imscc").into(), bytes, &source);
    }
    Ok((outputs, files))
}
