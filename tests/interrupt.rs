//! A build interrupted by a signal leaves no staging folder behind, and staging
//! folders left by builds that were killed outright are removed by the next one
//! (issue 16, defect 4). The real binary, real signals (`kill -INT`, `kill -TERM`).

#![cfg(unix)]

mod common;

use common::*;
use coursesite::write::MARKER;
use std::os::unix::process::ExitStatusExt;
use std::path::Path;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

/// How long anything may take before the test gives up (a hang guard, not a measurement).
const WAIT: Duration = Duration::from_secs(120);

/// A course that takes the debug binary a few seconds: long enough to be caught mid-build.
fn big_course() -> TestCourse {
    let c = TestCourse::new();
    let text = "客户服务的要点是耐心倾听，了解需求，再给出建议。".repeat(30);
    let pages = 1500;
    for i in 0..pages {
        let next = (i + 1) % pages;
        c.file(
            &format!("content/notes/第{i}课.md"),
            format!("+++\ntitle = \"第{i}课\"\n+++\n\n## 要点\n\n{text}\n\n## 练习\n\n见 [[第{next}课]]。\n"),
        );
    }
    c
}

/// Names in `dir` that start with `prefix`.
fn entries_starting(dir: &Path, prefix: &str) -> Vec<String> {
    std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.starts_with(prefix))
        .collect()
}

/// Start a build, wait until it is writing pages into its staging folder, send
/// `signal`, and return how the process ended.
fn interrupt_build(c: &TestCourse, signal: &str) -> std::process::ExitStatus {
    // A clean build (a cached one writes only what changed, in place, and
    // makes no staging folder).
    let mut child = Command::new(bin())
        .args(["build", "--no-cache"])
        .arg(c.root())
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .expect("start coursesite build");
    let staging = c.root().join(format!(".site.staging-{}", child.id()));
    let deadline = Instant::now() + WAIT;
    while !staging.join("notes").is_dir() {
        if let Some(status) = child.try_wait().unwrap() {
            panic!("the build ended ({status}) before it could be interrupted; make the course bigger");
        }
        assert!(Instant::now() < deadline, "no pages in {} yet", staging.display());
        std::thread::sleep(Duration::from_millis(5));
    }
    let sent = Command::new("kill").arg(format!("-{signal}")).arg(child.id().to_string()).status().unwrap();
    assert!(sent.success(), "kill -{signal} failed");
    loop {
        if let Some(status) = child.try_wait().unwrap() {
            return status;
        }
        if Instant::now() > deadline {
            let _ = child.kill();
            panic!("the build did not end after SIG{signal}");
        }
        std::thread::sleep(Duration::from_millis(20));
    }
}

#[test]
fn a_signal_mid_build_leaves_no_staging_folder_and_the_previous_site() {
    let c = big_course();
    let (code, _, stderr) = c.run_cli(&["--quiet", "build"]);
    assert_eq!(code, 0, "{stderr}");
    let before = std::fs::read(c.site().join("notes/第7课.html")).unwrap();
    for (signal, number) in [("INT", 2), ("TERM", 15)] {
        let status = interrupt_build(&c, signal);
        // Ended by the signal itself, as without a handler: shells and make see an interruption.
        assert_eq!(status.signal(), Some(number), "SIG{signal}: {status}");
        let left = entries_starting(c.root(), ".site.");
        assert!(left.is_empty(), "SIG{signal} left {left:?}");
        assert_eq!(std::fs::read(c.site().join("notes/第7课.html")).unwrap(), before, "SIG{signal}");
        assert!(c.site().join(MARKER).is_file());
    }
}

/// A folder as a killed build leaves it: our marker and some pages.
fn leftover(dir: &Path, marker: bool) {
    std::fs::create_dir_all(dir.join("lessons")).unwrap();
    std::fs::write(dir.join("lessons/a.html"), "<p>old</p>").unwrap();
    if marker {
        std::fs::write(dir.join(MARKER), "").unwrap();
    }
}

#[test]
fn stale_staging_folders_of_dead_builds_are_removed_and_nothing_else() {
    let c = TestCourse::new();
    c.file("content/index.md", "+++\ntitle = \"首页\"\n+++\n\n正文。\n");
    let root = c.root();
    // Ours, of processes that no longer run: removed.
    leftover(&root.join(".site.staging-999999"), true);
    leftover(&root.join(".site.old-999998"), true);
    // Ours, but its process runs (this test): another build may be writing there.
    let running = format!(".site.staging-{}", std::process::id());
    leftover(&root.join(&running), true);
    // Not ours (no marker), or not this output's, or not a staging name: kept.
    let kept = [".site.staging-999997", ".other.staging-999999", ".site.staging-x1", ".site.staging-"];
    for name in &kept[..1] {
        leftover(&root.join(name), false);
    }
    for name in &kept[1..] {
        leftover(&root.join(name), true);
    }
    let (code, _, stderr) = c.run_cli(&["build"]);
    assert_eq!(code, 0, "{stderr}");
    assert!(!root.join(".site.staging-999999").exists());
    assert!(!root.join(".site.old-999998").exists());
    assert!(root.join(&running).join(MARKER).is_file(), "a running build's folder was removed");
    for name in kept {
        assert!(root.join(name).join("lessons/a.html").is_file(), "{name} was removed");
    }
    assert!(c.exists("index.html"));
}
