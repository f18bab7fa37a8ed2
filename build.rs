//! Records the git revision this binary is built from, as the compile-time
//! variable `COURSESITE_GIT_REV`: `coursesite new` pins the Pages workflow it
//! writes to that revision, so a course's CI builds the coursesite its author
//! used (src/scaffold.rs). The revision is, first found:
//! - `COURSESITE_GIT_REV` from the environment (the release workflow sets the tag);
//! - the release tag (`v…`) at HEAD, whose binary the Pages workflow can download;
//! - HEAD's commit.
//!
//! Git is asked only when the crate's own folder is the top of a git checkout
//! (this repository, or cargo's checkout of it under `cargo install --git`); a
//! build from anywhere else leaves the variable unset and the scaffold pins the
//! release tag of the crate's version instead.

use std::path::Path;
use std::process::Command;

fn main() {
    println!("cargo:rerun-if-changed=build.rs");
    println!("cargo:rerun-if-env-changed=COURSESITE_GIT_REV");
    if let Some(rev) = std::env::var("COURSESITE_GIT_REV").ok().filter(|r| !r.is_empty()) {
        println!("cargo:rustc-env=COURSESITE_GIT_REV={rev}");
        return;
    }
    let manifest_dir = std::env::var("CARGO_MANIFEST_DIR").unwrap_or_default();
    // A crate vendored inside some other repository is not that repository's HEAD.
    let top = git(&manifest_dir, &["rev-parse", "--show-toplevel"]);
    if !top.is_some_and(|top| same_dir(&top, &manifest_dir)) {
        return;
    }
    let tag = git(&manifest_dir, &["describe", "--tags", "--exact-match", "--match", "v[0-9]*", "HEAD"]);
    let Some(rev) = tag.or_else(|| git(&manifest_dir, &["rev-parse", "--verify", "HEAD"])) else {
        return;
    };
    println!("cargo:rustc-env=COURSESITE_GIT_REV={rev}");
    // Built again after a commit, a checkout or a new tag: HEAD, the branch it
    // names, the tags and the packed refs (the paths git reports, which also work in a worktree).
    let mut watched = vec!["HEAD".to_string(), "packed-refs".to_string(), "refs/tags".to_string()];
    watched.extend(git(&manifest_dir, &["symbolic-ref", "-q", "HEAD"]));
    for name in watched {
        if let Some(path) = git(&manifest_dir, &["rev-parse", "--git-path", &name]) {
            let path = Path::new(&manifest_dir).join(path);
            // A missing file would make cargo run this script on every build.
            if path.exists() {
                println!("cargo:rerun-if-changed={}", path.display());
            }
        }
    }
}

/// One line of git's output, or None when git is missing or fails.
fn git(dir: &str, args: &[&str]) -> Option<String> {
    let out = Command::new("git").arg("-C").arg(dir).args(args).output().ok()?;
    let text = String::from_utf8(out.stdout).ok()?;
    let line = text.trim();
    (out.status.success() && !line.is_empty()).then(|| line.to_string())
}

fn same_dir(a: &str, b: &str) -> bool {
    match (Path::new(a).canonicalize(), Path::new(b).canonicalize()) {
        (Ok(a), Ok(b)) => a == b,
        _ => false,
    }
}
