//! The deploy workflows, run the way a GitHub runner runs them: the Pages
//! workflow that `coursesite new` writes, and this repository's release
//! workflow. Each `run:` step is executed with bash as GitHub executes a
//! `shell: bash` step (`bash --noprofile --norc -eo pipefail`), in order, with
//! the workflow's, job's and step's `env:` and the runner's own variables
//! (HOME, RUNNER_TEMP, GITHUB_PATH, …) pointing into a temporary folder; the
//! `uses:` actions are not run (their one output the build reads, the site's
//! base path, is given).
//!
//! The install step has three ways, each run for real from the step's text:
//! the cached binary, a release archive made by the release workflow's own
//! package step (served from a `file://` "repository"), and `cargo install
//! --git` of this checkout at the pinned revision. That last one runs with
//! `--dry-run` added (a `cargo` on PATH that adds it: unstable, so with
//! `RUSTC_BOOTSTRAP=1`): cargo fetches the revision, reads its Cargo.lock
//! under `--locked` and resolves every dependency, then stops before
//! compiling — a real install is a release build of a few hundred crates.
#![cfg(unix)]

mod common;

use common::{bin, read_to_string, run_cli_in, select};
use serde_yaml::Value;
use std::collections::BTreeMap;
use std::fs;
use std::os::unix::fs::PermissionsExt;
use std::path::{Path, PathBuf};
use std::process::Command;

const MANIFEST_DIR: &str = env!("CARGO_MANIFEST_DIR");

fn yaml(path: &Path) -> Value {
    serde_yaml::from_str(&read_to_string(path)).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

fn text(v: &Value) -> &str {
    v.as_str().unwrap_or_else(|| panic!("not a string: {v:?}"))
}

fn strings(v: &Value) -> Vec<String> {
    v.as_sequence().map(|s| s.iter().map(|x| text(x).to_string()).collect()).unwrap_or_default()
}

/// A `key: value` mapping of strings (`env:`), empty when absent.
fn string_map(v: &Value) -> BTreeMap<String, String> {
    let Some(map) = v.as_mapping() else { return BTreeMap::new() };
    map.iter().map(|(k, v)| (text(k).to_string(), text(v).to_string())).collect()
}

/// `${{ name }}` replaced by `values[name]`; an expression the test does not
/// know is a failure, not an empty string.
fn expand(raw: &str, values: &BTreeMap<&str, String>) -> String {
    let mut out = String::new();
    let mut rest = raw;
    while let Some(start) = rest.find("${{") {
        let end = rest[start..].find("}}").map(|e| start + e).expect("closed expression");
        let name = rest[start + 3..end].trim();
        let value = values.get(name).unwrap_or_else(|| panic!("unknown expression {name} in {raw:?}"));
        out.push_str(&rest[..start]);
        out.push_str(value);
        rest = &rest[end + 2..];
    }
    out + rest
}

/// What a step printed and how it ended.
struct Ran {
    ok: bool,
    stdout: String,
    stderr: String,
}

/// A GitHub runner in a temporary folder: HOME, RUNNER_TEMP, the GITHUB_PATH
/// file (each line a folder put before PATH for the later steps, as GitHub
/// does) and `shims/`, folders of stand-in commands the test puts first.
struct Runner {
    tmp: tempfile::TempDir,
    workspace: PathBuf,
    env: BTreeMap<String, String>,
    expressions: BTreeMap<&'static str, String>,
}

impl Runner {
    fn new(workspace: &Path, workflow_env: BTreeMap<String, String>) -> Self {
        let tmp = tempfile::Builder::new().prefix("coursesite-runner-").tempdir().expect("tempdir");
        for dir in ["home", "temp", "shims"] {
            fs::create_dir(tmp.path().join(dir)).expect("runner folder");
        }
        let at = |rel: &str| tmp.path().join(rel).display().to_string();
        let mut env = BTreeMap::from([
            ("HOME".to_string(), at("home")),
            ("RUNNER_TEMP".to_string(), at("temp")),
            ("RUNNER_OS".to_string(), "Linux".to_string()),
            ("GITHUB_PATH".to_string(), at("github_path")),
            ("GITHUB_WORKSPACE".to_string(), workspace.display().to_string()),
            ("GITHUB_REPOSITORY".to_string(), "teacher/my-course".to_string()),
            ("GITHUB_REF_NAME".to_string(), "main".to_string()),
            ("NO_COLOR".to_string(), "1".to_string()),
        ]);
        // The machine's Rust, as a runner has it: rustup's proxies need their home.
        for var in ["RUSTUP_HOME", "RUSTUP_TOOLCHAIN"] {
            env.extend(std::env::var(var).ok().map(|v| (var.to_string(), v)));
        }
        env.extend(workflow_env);
        fs::write(tmp.path().join("github_path"), "").expect("GITHUB_PATH file");
        let workspace = workspace.to_path_buf();
        Runner { tmp, workspace, env, expressions: BTreeMap::new() }
    }

    fn home(&self) -> PathBuf {
        self.tmp.path().join("home")
    }

    /// A stand-in for `name`, found before the real one on PATH.
    fn shim(&self, name: &str, script: &str) {
        let path = self.tmp.path().join("shims").join(name);
        fs::write(&path, format!("#!/bin/bash\n{script}\n")).expect("write shim");
        fs::set_permissions(&path, fs::Permissions::from_mode(0o755)).expect("make shim executable");
    }

    /// PATH as the next step sees it: the shims, GITHUB_PATH's folders (last added first), the system's.
    fn path(&self) -> String {
        let added = read_to_string(&self.tmp.path().join("github_path"));
        let mut dirs = vec![self.tmp.path().join("shims").display().to_string()];
        dirs.extend(added.lines().rev().map(str::to_string));
        dirs.push(std::env::var("PATH").unwrap_or_default());
        dirs.join(":")
    }

    /// Run one `run:` step with `env` (the job's and the step's, already expanded).
    fn run(&self, script: &str, env: &BTreeMap<String, String>) -> Ran {
        let file = self.tmp.path().join("temp").join("step.sh");
        fs::write(&file, script).expect("write step");
        let out = Command::new("bash")
            .args(["--noprofile", "--norc", "-eo", "pipefail"])
            .arg(&file)
            .current_dir(&self.workspace)
            .env_clear()
            .envs(&self.env)
            .envs(env)
            .env("PATH", self.path())
            .output()
            .expect("run bash");
        let ran = Ran {
            ok: out.status.success(),
            stdout: String::from_utf8_lossy(&out.stdout).into_owned(),
            stderr: String::from_utf8_lossy(&out.stderr).into_owned(),
        };
        eprintln!("$ {script}\n{}{}", ran.stdout, ran.stderr);
        ran
    }

    /// Every `run:` step of `job` in order (the `uses:` ones skipped); stops at a failing step.
    fn run_job(&self, job: &Value) -> Vec<(String, Ran)> {
        let mut done = Vec::new();
        for step in job["steps"].as_sequence().expect("steps") {
            let Some(script) = step["run"].as_str() else { continue };
            assert!(!script.contains("${{"), "expressions belong in env:, not in the script: {script}");
            let mut env = string_map(&job["env"]);
            env.extend(string_map(&step["env"]).into_iter().map(|(k, v)| (k, expand(&v, &self.expressions))));
            let name = step["name"].as_str().unwrap_or(script).to_string();
            let ran = self.run(script, &env);
            let ok = ran.ok;
            done.push((name, ran));
            if !ok {
                break;
            }
        }
        done
    }
}

/// A course made by `coursesite new`, its Pages workflow and that workflow's `env:`.
fn new_course() -> (tempfile::TempDir, PathBuf, Value) {
    let tmp = tempfile::Builder::new().prefix("coursesite-new-").tempdir().expect("tempdir");
    let (code, _, stderr) = run_cli_in(tmp.path(), &["new", "my-course"]);
    assert_eq!(code, 0, "{stderr}");
    let course = tmp.path().join("my-course");
    let workflow = yaml(&course.join(".github/workflows/pages.yml"));
    (tmp, course, workflow)
}

/// The steps' names and actions, in order (`uses:` without the version).
fn step_names(job: &Value) -> Vec<String> {
    let steps = job["steps"].as_sequence().expect("steps");
    let name = |s: &Value| match (s["uses"].as_str(), s["name"].as_str()) {
        (Some(uses), _) => uses.split('@').next().unwrap_or(uses).to_string(),
        (None, Some(name)) => name.to_string(),
        (None, None) => "?".to_string(),
    };
    steps.iter().map(name).collect()
}

fn git(args: &[&str]) -> String {
    let out = Command::new("git").args(args).current_dir(MANIFEST_DIR).output().expect("git runs");
    assert!(out.status.success(), "git {args:?}: {}", String::from_utf8_lossy(&out.stderr));
    String::from_utf8_lossy(&out.stdout).trim().to_string()
}

#[test]
fn the_pages_workflow_builds_with_a_pinned_coursesite_and_deploys() {
    let (_tmp, _course, wf) = new_course();
    assert_eq!(strings(&wf["on"]["push"]["branches"]), ["main"]);
    assert!(wf["on"].get("workflow_dispatch").is_some(), "can be run by hand");
    assert_eq!(string_map(&wf["permissions"]).get("pages").map(String::as_str), Some("write"));
    assert_eq!(string_map(&wf["permissions"]).get("id-token").map(String::as_str), Some("write"));
    assert_eq!(text(&wf["concurrency"]["group"]), "pages");
    assert_eq!(text(&wf["defaults"]["run"]["shell"]), "bash");
    // Pinned to this repository (Cargo.toml's `repository`) at the commit (or
    // release tag) this binary was built from: build.rs asked git.
    let env = string_map(&wf["env"]);
    assert_eq!(env["COURSESITE_REPOSITORY"], env!("CARGO_PKG_REPOSITORY"));
    let rev = &env["COURSESITE_REV"];
    assert_eq!(git(&["rev-parse", &format!("{rev}^{{commit}}")]), git(&["rev-parse", "HEAD"]), "pinned to {rev}");
    let build = &wf["jobs"]["build"];
    let expected = [
        "actions/checkout",
        "actions/cache",
        "Install coursesite",
        "actions/configure-pages",
        "Build the course",
        "actions/upload-pages-artifact",
    ];
    assert_eq!(step_names(build), expected);
    // The cache holds the binary, cargo's registry and git checkouts, per revision.
    let cache = &build["steps"][1]["with"];
    let cached: Vec<&str> = text(&cache["path"]).lines().collect();
    for path in ["~/.cargo/bin/coursesite", "~/.cargo/registry", "~/.cargo/git"] {
        assert!(cached.contains(&path), "{path} not cached: {cached:?}");
    }
    assert!(text(&cache["key"]).ends_with("${{ env.COURSESITE_REV }}"), "{:?}", cache["key"]);
    assert_eq!(text(&build["steps"][5]["with"]["path"]), "site");
    let deploy = &wf["jobs"]["deploy"];
    assert_eq!(text(&deploy["needs"]), "build");
    assert_eq!(text(&deploy["environment"]["name"]), "github-pages");
    assert_eq!(step_names(deploy), ["actions/deploy-pages"]);
}

/// The job's steps run with `base_path` given as configure-pages gives it for a project site.
fn pages_runner(course: &Path, wf: &Value) -> Runner {
    let mut runner = Runner::new(course, string_map(&wf["env"]));
    runner.expressions.insert("steps.pages.outputs.base_path", "/my-course".to_string());
    runner
}

/// The job ran to its end and left what upload-pages-artifact uploads.
fn assert_site_built(ran: &[(String, Ran)], course: &Path, wf: &Value) {
    let (last, result) = ran.last().expect("steps ran");
    assert!(result.ok && last == "Build the course", "stopped at {last}: {}", result.stderr);
    let upload = text(&wf["jobs"]["build"]["steps"][5]["with"]["path"]);
    let site = course.join(upload);
    assert!(site.join("index.html").is_file(), "no {upload}/index.html");
    // The base path configure-pages gave: 404.html, served at any depth, links from the site's root.
    let not_found = scraper::Html::parse_document(&read_to_string(&site.join("404.html")));
    let hrefs: Vec<&str> = select(&not_found, "a[href]").iter().filter_map(|a| a.value().attr("href")).collect();
    assert!(hrefs.iter().any(|h| h.starts_with("/my-course/")), "404.html ignores the base path: {hrefs:?}");
}

#[test]
fn a_cached_coursesite_builds_the_site_without_compiling() {
    let (_tmp, course, wf) = new_course();
    let runner = pages_runner(&course, &wf);
    let bin_dir = runner.home().join(".cargo/bin");
    fs::create_dir_all(&bin_dir).unwrap();
    fs::copy(bin(), bin_dir.join("coursesite")).unwrap();
    fs::write(bin_dir.join("coursesite.rev"), format!("{}\n", text(&wf["env"]["COURSESITE_REV"]))).unwrap();
    runner.shim("cargo", "echo 'cargo ran on a cache hit' >&2; exit 1");
    runner.shim("curl", "echo 'curl ran on a cache hit' >&2; exit 1");
    let ran = runner.run_job(&wf["jobs"]["build"]);
    assert!(ran[0].1.stdout.contains("from the cache"), "{}", ran[0].1.stdout);
    assert_site_built(&ran, &course, &wf);
}

#[test]
fn a_release_tag_downloads_the_archive_the_release_workflow_packs() {
    let release = yaml(&Path::new(MANIFEST_DIR).join(".github/workflows/release.yml"));
    let tag = concat!("v", env!("CARGO_PKG_VERSION"));
    let target = format!("{}-unknown-linux-gnu", std::env::consts::ARCH);
    // The release job's checkout, with the binary `cargo build --release --target` leaves.
    let repo = tempfile::Builder::new().prefix("coursesite-release-").tempdir().expect("tempdir");
    let built = repo.path().join("target").join(&target).join("release");
    fs::create_dir_all(&built).unwrap();
    fs::copy(bin(), built.join("coursesite")).unwrap();
    fs::copy(Path::new(MANIFEST_DIR).join("README.md"), repo.path().join("README.md")).unwrap();
    let packer = Runner::new(repo.path(), string_map(&release["env"]));
    let job = &release["jobs"]["build"];
    let package = job["steps"].as_sequence().unwrap().iter().find(|s| s["name"] == "Package").expect("Package step");
    let env = BTreeMap::from([("TARGET".to_string(), target.clone()), ("GITHUB_REF_NAME".to_string(), tag.into())]);
    let packed = packer.run(text(&package["run"]), &env);
    assert!(packed.ok, "{}", packed.stderr);
    // Published where GitHub serves a release's files: REPOSITORY/releases/download/TAG/.
    let downloads = repo.path().join("releases/download").join(tag);
    fs::create_dir_all(&downloads).unwrap();
    let archive = format!("coursesite-{tag}-{target}.tar.gz");
    fs::rename(repo.path().join("dist").join(&archive), downloads.join(&archive)).expect("the archive was packed");

    let (_tmp, course, mut wf) = new_course();
    wf["env"]["COURSESITE_REPOSITORY"] = Value::from(format!("file://{}", repo.path().display()));
    wf["env"]["COURSESITE_REV"] = Value::from(tag);
    let runner = pages_runner(&course, &wf);
    runner.shim("cargo", "echo 'cargo ran although the release has a binary' >&2; exit 1");
    let ran = runner.run_job(&wf["jobs"]["build"]);
    assert!(ran[0].1.stdout.contains("the release's binary"), "{}", ran[0].1.stdout);
    assert_site_built(&ran, &course, &wf);
    // The next run, with the cache restored, takes the binary from it.
    let again = runner.run(text(&wf["jobs"]["build"]["steps"][2]["run"]), &BTreeMap::new());
    assert!(again.ok && again.stdout.contains("from the cache"), "{}", again.stdout);
}

/// HEAD of this checkout committed alone into a new repository under `dir`:
/// its `file://` URL and the commit. A copy, not this checkout itself: cargo
/// cannot fetch from a shallow clone (CI's may be one) nor needs its history.
fn snapshot_repository(dir: &Path) -> (String, String) {
    let repo = dir.join("coursesite.git");
    fs::create_dir_all(&repo).unwrap();
    let archive = Command::new("git").args(["archive", "--format=tar", "HEAD"]).current_dir(MANIFEST_DIR).output();
    let archive = archive.expect("git archive runs");
    assert!(archive.status.success(), "git archive: {}", String::from_utf8_lossy(&archive.stderr));
    let mut tar = Command::new("tar").arg("-x").current_dir(&repo).stdin(std::process::Stdio::piped()).spawn().unwrap();
    std::io::Write::write_all(tar.stdin.as_mut().unwrap(), &archive.stdout).unwrap();
    drop(tar.stdin.take());
    assert!(tar.wait().unwrap().success(), "tar -x");
    let in_repo = |args: &[&str]| {
        let mut git = Command::new("git");
        git.args(["-c", "user.name=t", "-c", "user.email=t@example.com"]).args(args).current_dir(&repo);
        let out = git.output().expect("git runs");
        assert!(out.status.success(), "git {args:?}: {}", String::from_utf8_lossy(&out.stderr));
        String::from_utf8_lossy(&out.stdout).trim().to_string()
    };
    in_repo(&["init", "-q"]);
    in_repo(&["add", "-A"]);
    in_repo(&["commit", "-qm", "snapshot"]);
    (format!("file://{}", repo.display()), in_repo(&["rev-parse", "HEAD"]))
}

#[test]
fn a_cache_miss_installs_the_pinned_revision_with_cargo() {
    let (tmp, course, mut wf) = new_course();
    let (url, rev) = snapshot_repository(tmp.path());
    wf["env"]["COURSESITE_REPOSITORY"] = Value::from(url.as_str());
    wf["env"]["COURSESITE_REV"] = Value::from(rev.as_str());
    let runner = pages_runner(&course, &wf);
    // crates.io's index as this machine has it, read with -Zno-index-update:
    // resolving the revision's Cargo.lock needs no network.
    let cargo_home = std::env::var("CARGO_HOME").map(PathBuf::from).unwrap_or_else(|_| home_dir().join(".cargo"));
    fs::create_dir_all(runner.home().join(".cargo")).unwrap();
    std::os::unix::fs::symlink(cargo_home.join("registry"), runner.home().join(".cargo/registry")).unwrap();
    // The real cargo with --dry-run added (unstable: RUSTC_BOOTSTRAP), its arguments logged.
    let log = runner.home().join("cargo-args");
    runner.shim(
        "cargo",
        &format!(
            "printf '%s\\n' \"$@\" > '{}'\nRUSTC_BOOTSTRAP=1 exec '{}' \"$1\" -Zunstable-options -Zno-index-update --dry-run \"${{@:2}}\"",
            log.display(),
            env!("CARGO")
        ),
    );
    let install = text(&wf["jobs"]["build"]["steps"][2]["run"]);
    let ran = runner.run(install, &BTreeMap::new());
    assert!(ran.ok, "{}", ran.stderr);
    assert!(ran.stderr.contains("aborting install due to dry run"), "cargo stopped early: {}", ran.stderr);
    let args: Vec<String> = read_to_string(&log).lines().map(str::to_string).collect();
    let expected = ["install", "--locked", "--force", "--git", &url, "--rev", &rev, "coursesite"];
    assert_eq!(args, expected);
    // A revision the repository does not have fails the step.
    let mut env = BTreeMap::new();
    env.insert("COURSESITE_REV".to_string(), "0123456789abcdef0123456789abcdef01234567".to_string());
    let bad = runner.run(install, &env);
    assert!(!bad.ok, "an unknown revision installed: {}", bad.stdout);
}

fn home_dir() -> PathBuf {
    std::env::var("HOME").map(PathBuf::from).expect("HOME is set")
}

#[test]
fn the_release_workflow_builds_linux_macos_and_windows_on_a_tag() {
    let release = yaml(&Path::new(MANIFEST_DIR).join(".github/workflows/release.yml"));
    assert_eq!(strings(&release["on"]["push"]["tags"]), ["v*"]);
    let matrix = release["jobs"]["build"]["strategy"]["matrix"]["include"].as_sequence().expect("a matrix");
    let pairs: Vec<(&str, &str)> = matrix.iter().map(|m| (text(&m["os"]), text(&m["target"]))).collect();
    for (os, target) in [
        ("ubuntu", "x86_64-unknown-linux-gnu"),
        ("macos", "aarch64-apple-darwin"),
        ("macos", "x86_64-apple-darwin"),
        ("windows", "x86_64-pc-windows-msvc"),
    ] {
        assert!(pairs.iter().any(|(o, t)| o.starts_with(os) && *t == target), "no {target} on {os}: {pairs:?}");
    }
    let publish = &release["jobs"]["release"];
    assert_eq!(text(&publish["needs"]), "build");
    assert_eq!(text(&publish["permissions"]["contents"]), "write");
    // The tag must be Cargo.toml's version: the step passes on it and stops on another.
    let job = &release["jobs"]["build"];
    let check = job["steps"].as_sequence().unwrap().iter().find(|s| s["name"] == "Check the tag against Cargo.toml");
    let check = text(&check.expect("a tag check")["run"]);
    let runner = Runner::new(Path::new(MANIFEST_DIR), BTreeMap::new());
    let tag = |t: &str| BTreeMap::from([("GITHUB_REF_NAME".to_string(), t.to_string())]);
    assert!(runner.run(check, &tag(concat!("v", env!("CARGO_PKG_VERSION")))).ok);
    let wrong = runner.run(check, &tag("v999.0.0"));
    assert!(!wrong.ok && wrong.stdout.contains("v999.0.0"), "{}", wrong.stdout);
    for step in job["steps"].as_sequence().unwrap().iter().chain(publish["steps"].as_sequence().unwrap()) {
        assert!(!step["run"].as_str().unwrap_or_default().contains("${{"), "expression in a script: {step:?}");
    }
}
