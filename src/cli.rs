//! Command-line arguments as clap parses them: raw values, no I/O. `lib::options`
//! turns them into validated build options.

use clap::{Args, Parser, Subcommand};
use std::path::PathBuf;

const EXAMPLES: &str = "\
Examples:
  coursesite new 客户服务实务          scaffold a course in ./客户服务实务
  coursesite build                     build ./content into ./site
  coursesite build my-course --out /tmp/site --base-path /course/
  coursesite check                     validate everything, write nothing
  coursesite import 教案.docx 课件.pptx   Word/PowerPoint → pages in content/
  coursesite import old-courseware/ --into my-course --force
  coursesite export lessons/01-理解客户服务 --docx   a lesson as the 教案 form (.docx)
  coursesite export --docx             every lesson into ./export/
  coursesite export lessons/01-理解客户服务 --pptx   its slide deck, editable (.pptx)
  coursesite export --imscc            the course as a Common Cartridge (Canvas, Moodle)
  coursesite export --quizzes gift     the quizzes as a question bank (moodle-xml, gift, qti)
  coursesite export --scorm            the student site as a SCORM 2004 package (.zip) for an LMS

Exit codes: 0 ok, 1 content errors, 2 usage or file-system errors.
Colour is off when NO_COLOR is set or stderr is not a terminal.";

#[derive(Debug, Parser)]
#[command(name = "coursesite", version, about = "Build a cross-linked course website from Markdown lesson plans, cases and scripts.", after_help = EXAMPLES)]
pub struct Cli {
    /// Print only errors (no warnings, no summary).
    #[arg(short, long, global = true)]
    pub quiet: bool,
    /// Language of the messages: `zh-CN` or `en` [default: course.toml's `language`, else zh-CN].
    /// Tools that read the output (editors, CI) can pass `--lang en` for `error:`/`warning:` lines.
    #[arg(long, global = true, value_name = "LANG", value_parser = ["zh-CN", "en"])]
    pub lang: Option<String>,
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Scaffold a new course project: course.toml, example pages, .gitignore and a GitHub Pages workflow.
    #[command(after_help = "Example:\n  coursesite new 客户服务实务")]
    New {
        /// Folder to create (must not exist, or be empty).
        dir: PathBuf,
    },
    /// Build the course into a static site.
    #[command(
        after_help = "Examples:\n  coursesite build\n  coursesite build my-course --out public --base-path /my-course/\n  coursesite build --pdf      # also site/course.pdf, the whole course printed by headless Chromium"
    )]
    Build {
        #[command(flatten)]
        project: ProjectArgs,
        /// Output folder [default: DIR/site].
        #[arg(short, long, value_name = "PATH")]
        out: Option<PathBuf>,
        /// URL path the site is served under, e.g. /my-course/ (overrides course.toml).
        #[arg(long, value_name = "PATH")]
        base_path: Option<String>,
        /// Which edition: `student` (default) leaves out every teacher-only block and page;
        /// `teacher` keeps them, shows quiz keys and a 教师版 badge, and builds into DIR/site-teacher.
        #[arg(long, value_name = "NAME", default_value = "student", value_parser = ["student", "teacher"])]
        profile: String,
        /// Build everything anew, without reading or writing the build cache
        /// (DIR/.coursesite-cache/, which lets the next build redo only what an edit changed).
        #[arg(long)]
        no_cache: bool,
        /// Also print the whole course (print.html) to course.pdf in the output folder with
        /// headless Chromium or Chrome (CHROMIUM_PATH, else found on PATH); builds without the cache.
        #[arg(long)]
        pdf: bool,
    },
    /// Build in memory, serve on http://127.0.0.1:PORT/, rebuild on every save and reload open pages.
    #[command(
        after_help = "Examples:\n  coursesite serve\n  coursesite serve my-course --port 8080 --open\n  coursesite serve --poll        # network drives, containers"
    )]
    Serve {
        #[command(flatten)]
        project: ProjectArgs,
        /// Port to listen on (0 picks a free one).
        #[arg(short, long, default_value_t = 1111)]
        port: u16,
        /// Address to listen on; anything but 127.0.0.1 exposes the course to the network.
        #[arg(long, default_value = "127.0.0.1", value_name = "ADDR")]
        bind: String,
        /// Open the site in the default browser.
        #[arg(long)]
        open: bool,
        /// Poll for changes instead of file-system events (network drives, containers).
        #[arg(long)]
        poll: bool,
        /// Which edition to preview: `student` (default) or `teacher` (teacher-only
        /// blocks and pages, quiz keys and speaker notes shown).
        #[arg(long, value_name = "NAME", default_value = "student", value_parser = ["student", "teacher"])]
        profile: String,
    },
    /// Convert course files saved as GBK/GB18030 (Notepad, Word's plain text) to UTF-8, keeping FILE.bak.
    #[command(
        name = "fix-encoding",
        after_help = "Examples:\n  coursesite fix-encoding content/lessons/01-教案.md\n  coursesite fix-encoding content/*.md\n\nFiles already in UTF-8 are left as they are."
    )]
    FixEncoding {
        /// The files to convert.
        #[arg(required = true, value_name = "FILE")]
        files: Vec<PathBuf>,
    },
    /// Import Word 教案 (.docx) and PowerPoint decks (.pptx) as pages: lessons, cases and call scripts.
    #[command(
        after_help = "Examples:\n  coursesite import 项目一.docx\n  coursesite import 课件/ --into my-course\n  coursesite import 项目一.docx --force      # replace pages made by an earlier import\n\nPrints every page and picture it creates, and every change its text cleaning made.\nNothing is written unless every file converts and no target exists (or --force)."
    )]
    Import {
        /// Files (.docx, .pptx) or folders holding them.
        #[arg(required = true, value_name = "FILE")]
        files: Vec<PathBuf>,
        /// Course folder to import into (holding content/).
        #[arg(long, default_value = ".", value_name = "DIR")]
        into: PathBuf,
        /// Replace pages and pictures that already exist.
        #[arg(long)]
        force: bool,
        /// The decks (.pptx) of this import are this lesson's slides: a lesson
        /// page path (lessons/03-接待客户) or its 章节名称. Without it a deck whose
        /// title is a lesson's 章节名称 or title is attached to that lesson.
        #[arg(long, value_name = "LESSON")]
        deck_for: Option<String>,
    },
    /// Export lessons as the department's 教案 form in Word (.docx) and/or their slide decks in PowerPoint (.pptx).
    #[command(
        after_help = "Examples:\n  coursesite export lessons/01-理解客户服务 --docx\n  coursesite export lessons/01-理解客户服务 --pptx   # the lesson's slides, editable\n  coursesite export --docx --pptx             # every lesson, into ./export/\n  coursesite export -C my-course --docx --out /tmp/教案\n  coursesite export --imscc                   # the course as 客户服务实务.imscc\n  coursesite export --quizzes moodle-xml      # every quiz as a question bank\n  coursesite export --scorm                   # the student site as a SCORM 2004 package for Moodle, 超星, …",
        group(clap::ArgGroup::new("format").required(true).multiple(true).args(["docx", "pptx", "imscc", "quizzes", "scorm"]))
    )]
    Export {
        /// Lessons by page id, file stem or path [default: every lesson] (for --docx and --pptx;
        /// --imscc and --quizzes export the whole course).
        #[arg(value_name = "LESSON")]
        lessons: Vec<String>,
        /// Write the 教案 form as Word .docx.
        #[arg(long)]
        docx: bool,
        /// Write the slide deck as PowerPoint .pptx (the slides of the HTML deck, notes as notes pages).
        #[arg(long)]
        pptx: bool,
        /// Write the whole course as an IMS Common Cartridge 1.3 (.imscc) for Canvas, Moodle and others:
        /// the pages as web content, each quiz as a QTI assessment.
        #[arg(long)]
        imscc: bool,
        /// Write every quiz as a question bank: `moodle-xml` and `gift` (one file, a category per quiz)
        /// or `qti` (QTI 1.2.1, one file per quiz).
        #[arg(long, value_name = "FORMAT", value_parser = ["moodle-xml", "gift", "qti"])]
        quizzes: Option<String>,
        /// Write the whole student site as a SCORM 2004 4th Edition package
        /// (DIR/export/<title>-scorm.zip) for a learning platform: pages report
        /// completion and quiz scores to it.
        #[arg(long, conflicts_with_all = ["lessons", "docx", "pptx", "imscc", "quizzes"])]
        scorm: bool,
        /// Course folder.
        #[arg(short = 'C', long = "course", default_value = ".", value_name = "DIR")]
        course: PathBuf,
        /// Output folder [default: DIR/export].
        #[arg(short, long, value_name = "PATH")]
        out: Option<PathBuf>,
        /// Replace .docx/.pptx files that already exist.
        #[arg(long)]
        force: bool,
    },
    /// Run every check a build runs, and write nothing.
    #[command(after_help = "Example:\n  coursesite check my-course")]
    Check {
        #[command(flatten)]
        project: ProjectArgs,
    },
}

#[derive(Debug, Args)]
pub struct ProjectArgs {
    /// Course project folder (holding course.toml and content/).
    #[arg(default_value = ".", value_name = "DIR")]
    pub dir: PathBuf,
    /// Threads to render with [default: one per core]. The output is the same for any number.
    #[arg(short, long, value_name = "N")]
    pub jobs: Option<usize>,
}
