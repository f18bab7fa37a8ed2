//! `coursesite serve` end to end: the real binary on a free port, a real
//! Server-Sent Events client, real file edits the way editors make them.
//! Every wait has a generous timeout and fails with what was seen.

mod common;

use common::TestCourse;
use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::path::Path;
use std::process::{Child, Command, Stdio};
use std::sync::mpsc::{self, Receiver};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

const WAIT: Duration = Duration::from_secs(20);
const LIVE_TAG: &str = "<script src=\"/__coursesite/live.js\"></script>";

/// A running `coursesite serve`, killed when dropped.
struct Server {
    child: Child,
    port: u16,
    stderr: Arc<Mutex<Vec<String>>>,
}

impl Server {
    /// Serve in English (`--lang en`): the tests assert English wording.
    fn start(root: &Path, extra: &[&str]) -> Server {
        let english: Vec<&str> = ["--lang", "en"].into_iter().chain(extra.iter().copied()).collect();
        Server::start_as_is(root, &english)
    }

    /// Serve with exactly `extra` (the language from course.toml, else zh-CN).
    fn start_as_is(root: &Path, extra: &[&str]) -> Server {
        let mut child = Command::new(env!("CARGO_BIN_EXE_coursesite"))
            .arg("serve")
            .arg(root)
            .args(["--port", "0"])
            .args(extra)
            .env("NO_COLOR", "1")
            .stdout(Stdio::null())
            .stderr(Stdio::piped())
            .spawn()
            .expect("start coursesite serve");
        let stderr = Arc::new(Mutex::new(Vec::new()));
        let (tx, rx) = mpsc::channel();
        let lines = Arc::clone(&stderr);
        let pipe = child.stderr.take().expect("stderr");
        std::thread::spawn(move || {
            for line in BufReader::new(pipe).lines().map_while(Result::ok) {
                if let Some(port) = line.split("http://127.0.0.1:").nth(1) {
                    let _ = tx.send(port.trim_end_matches(|c: char| !c.is_ascii_digit()).parse::<u16>().ok());
                }
                lines.lock().unwrap().push(line);
            }
        });
        let port = match rx.recv_timeout(WAIT) {
            Ok(Some(port)) => port,
            _ => {
                let _ = child.kill();
                panic!("serve did not start:\n{}", stderr.lock().unwrap().join("\n"));
            }
        };
        Server { child, port, stderr }
    }

    fn log(&self) -> String {
        self.stderr.lock().unwrap().join("\n")
    }

    /// The log once it holds `text` (the stderr reader runs on a thread of its
    /// own: a line may arrive just after the event that follows it), or as it
    /// is after the hang guard.
    fn log_with(&self, text: &str) -> String {
        let deadline = Instant::now() + WAIT;
        loop {
            let log = self.log();
            if log.contains(text) || Instant::now() > deadline {
                return log;
            }
            std::thread::sleep(Duration::from_millis(20));
        }
    }

    /// Send raw request bytes, return (status, body).
    fn raw(&self, request: &str) -> (u16, Vec<u8>) {
        let mut stream = TcpStream::connect(("127.0.0.1", self.port)).expect("connect");
        stream.set_read_timeout(Some(WAIT)).unwrap();
        stream.write_all(request.as_bytes()).expect("send");
        let mut response = Vec::new();
        stream.read_to_end(&mut response).expect("read response");
        let end = response.windows(4).position(|w| w == b"\r\n\r\n").expect("response head");
        let head = String::from_utf8_lossy(&response[..end]).into_owned();
        let status = head.split_whitespace().nth(1).and_then(|s| s.parse().ok()).expect("status");
        (status, response[end + 4..].to_vec())
    }

    fn get(&self, path: &str) -> (u16, Vec<u8>) {
        self.raw(&format!("GET {path} HTTP/1.1\r\nHost: 127.0.0.1:{}\r\n\r\n", self.port))
    }

    /// Response head (lower-cased) of a GET.
    fn head_of(&self, path: &str) -> String {
        let mut stream = TcpStream::connect(("127.0.0.1", self.port)).expect("connect");
        stream.set_read_timeout(Some(WAIT)).unwrap();
        write!(stream, "HEAD {path} HTTP/1.1\r\nHost: 127.0.0.1:{}\r\n\r\n", self.port).unwrap();
        let mut response = String::new();
        stream.read_to_string(&mut response).expect("read head");
        response.to_ascii_lowercase()
    }

    /// Subscribe to the reload channel; returns once the first event arrived.
    fn events(&self) -> Events {
        let mut stream = TcpStream::connect(("127.0.0.1", self.port)).expect("connect");
        write!(stream, "GET /__coursesite/events HTTP/1.1\r\nHost: 127.0.0.1:{}\r\n\r\n", self.port).unwrap();
        let (tx, rx) = mpsc::channel();
        std::thread::spawn(move || {
            let mut name = String::new();
            for line in BufReader::new(stream).lines().map_while(Result::ok) {
                if let Some(n) = line.strip_prefix("event: ") {
                    name = n.to_string();
                } else if let Some(data) = line.strip_prefix("data: ") {
                    let text: String = serde_json::from_str(data).unwrap_or_default();
                    if tx.send((std::mem::take(&mut name), text)).is_err() {
                        return;
                    }
                }
            }
        });
        let events = Events { rx };
        events.next().expect("the event stream says the current state first");
        events
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

struct Events {
    rx: Receiver<(String, String)>,
}

impl Events {
    fn next(&self) -> Option<(String, String)> {
        self.rx.recv_timeout(WAIT).ok()
    }

    /// Wait for an event by name, skipping others; panics with what came instead.
    fn wait_for(&self, name: &str, server: &Server) -> String {
        let deadline = Instant::now() + WAIT;
        let mut seen = Vec::new();
        while let Some(left) = deadline.checked_duration_since(Instant::now()) {
            match self.rx.recv_timeout(left) {
                Ok((n, data)) if n == name => return data,
                Ok(other) => seen.push(other),
                Err(_) => break,
            }
        }
        panic!("no '{name}' event; saw {seen:?}\nserver log:\n{}", server.log());
    }

    /// Events that arrive until the stream has been quiet for `quiet`.
    fn drain(&self, quiet: Duration) -> Vec<(String, String)> {
        let mut got = Vec::new();
        while let Ok(e) = self.rx.recv_timeout(quiet) {
            got.push(e);
        }
        got
    }
}

fn strip_live(bytes: &[u8]) -> Vec<u8> {
    String::from_utf8_lossy(bytes).replace(LIVE_TAG, "").into_bytes()
}

/// Every file of a clean `build` of the same folder must be served with the
/// same bytes (the live-reload tag aside).
fn assert_served_equals_clean_build(course: &TestCourse, server: &Server) {
    let out = tempfile::tempdir().unwrap();
    let report = course.build_into(out.path());
    assert_eq!(report.status, coursesite::Status::Ok, "{:?}", report.diagnostics);
    let mut compared = 0;
    for entry in walkdir::WalkDir::new(out.path()) {
        let entry = entry.unwrap();
        if !entry.file_type().is_file() || entry.file_name() == ".coursesite-output" {
            continue;
        }
        let rel = entry.path().strip_prefix(out.path()).unwrap().to_string_lossy().replace('\\', "/");
        let url: String = rel.split('/').map(encode).collect::<Vec<_>>().join("/");
        let (status, body) = server.get(&format!("/{url}"));
        assert_eq!(status, 200, "/{rel}");
        let want = std::fs::read(entry.path()).unwrap();
        assert!(strip_live(&body) == want, "/{rel} differs from a clean build");
        compared += 1;
    }
    assert!(compared >= 5, "only {compared} files compared");
}

fn encode(segment: &str) -> String {
    segment
        .bytes()
        .map(|b| {
            if b.is_ascii_alphanumeric() || b"-._".contains(&b) {
                (b as char).to_string()
            } else {
                format!("%{b:02X}")
            }
        })
        .collect()
}

fn sample() -> TestCourse {
    let c = TestCourse::new();
    c.file("content/index.md", "+++\ntitle = \"首页\"\n+++\n\n欢迎。见 [[cases/甲]]。\n")
        .file("content/cases/甲.md", "+++\ntitle = \"案例甲\"\n+++\n\n第一版的故事。\n\n## 思考\n\n为什么？\n")
        .file("content/cases/乙.md", "+++\ntitle = \"案例乙\"\n+++\n\n另一个故事，参见 [[甲]]。\n")
        .file("content/about.md", "+++\ntitle = \"关于\"\n+++\n\n课程说明。\n");
    c
}

#[test]
fn an_edit_reloads_and_the_served_site_equals_a_clean_build() {
    let c = sample();
    let server = Server::start(c.root(), &[]);
    let (status, page) = server.get("/cases/%E7%94%B2.html");
    assert_eq!(status, 200, "{}", server.log());
    let page = String::from_utf8(page).unwrap();
    assert!(page.contains("第一版的故事") && page.contains(LIVE_TAG), "{page}");
    let (status, js) = server.get("/__coursesite/live.js");
    assert_eq!(status, 200);
    assert!(String::from_utf8_lossy(&js).contains("EventSource"));

    let events = server.events();
    c.file("content/cases/甲.md", "+++\ntitle = \"案例甲\"\n+++\n\n第二版的故事。\n\n## 思考\n\n为什么？\n");
    let changed = events.wait_for("reload", &server);
    assert!(changed.contains("cases/甲.html"), "{changed}");
    assert!(!changed.contains("about.html"), "an unrelated page was re-rendered: {changed}");
    let (_, page) = server.get("/cases/%E7%94%B2.html");
    assert!(String::from_utf8(page).unwrap().contains("第二版的故事"));
    assert_served_equals_clean_build(&c, &server);
    let log = server.log_with("rebuilt 1 page(s) in");
    assert!(log.contains("rebuilt 1 page(s) in"), "{log}");

    // A clean build never carries the reload script.
    let out = tempfile::tempdir().unwrap();
    c.build_into(out.path());
    let built = std::fs::read_to_string(out.path().join("cases/甲.html")).unwrap();
    assert!(!built.contains("__coursesite"), "build output has the live-reload script");
}

#[test]
fn editor_save_patterns_each_reload_once_and_end_equal_to_a_clean_build() {
    let c = sample();
    let server = Server::start(c.root(), &[]);
    let events = server.events();
    let page = "content/cases/甲.md";
    let text = |n: u32| format!("+++\ntitle = \"案例甲\"\n+++\n\n版本{n}。\n");

    // JetBrains safe-write / VS Code: write a temp file, rename it over.
    c.file("content/cases/甲.md___jb_tmp___", text(1)).rename("content/cases/甲.md___jb_tmp___", page);
    events.wait_for("reload", &server);
    assert!(String::from_utf8(server.get("/cases/%E7%94%B2.html").1).unwrap().contains("版本1"));

    // vim: probe file 4913, backup, swap file, write the new file, drop the backup.
    c.file("content/cases/4913", "").remove("content/cases/4913");
    c.file("content/cases/.甲.md.swp", "swap");
    c.rename(page, "content/cases/甲.md~").file(page, text(2)).remove("content/cases/甲.md~");
    c.remove("content/cases/.甲.md.swp");
    events.wait_for("reload", &server);
    assert!(String::from_utf8(server.get("/cases/%E7%94%B2.html").1).unwrap().contains("版本2"));
    let extra = events.drain(Duration::from_millis(800));
    assert!(extra.is_empty(), "editor litter caused more events: {extra:?}");

    // Delete a page, then create it again.
    c.remove("content/cases/乙.md");
    events.wait_for("reload", &server);
    assert_eq!(server.get("/cases/%E4%B9%99.html").0, 404);
    c.file("content/cases/乙.md", "+++\ntitle = \"案例乙\"\n+++\n\n回来了。\n");
    events.wait_for("reload", &server);
    assert_eq!(server.get("/cases/%E4%B9%99.html").0, 200);

    // A whole folder deleted and re-created (git checkout of another branch).
    std::fs::remove_dir_all(c.path("content/cases")).unwrap();
    events.wait_for("build-error", &server); // index.md links to cases/甲
    c.file(page, text(3)).file("content/cases/乙.md", "+++\ntitle = \"案例乙\"\n+++\n\n又回来了。\n");
    events.wait_for("reload", &server);
    assert!(String::from_utf8(server.get("/cases/%E7%94%B2.html").1).unwrap().contains("版本3"));
    // The re-created folder is watched again.
    c.file(page, text(4));
    events.wait_for("reload", &server);
    assert!(String::from_utf8(server.get("/cases/%E7%94%B2.html").1).unwrap().contains("版本4"));
    assert_served_equals_clean_build(&c, &server);
}

#[test]
fn hundreds_of_files_changing_at_once_cause_one_rebuild() {
    let c = sample();
    let server = Server::start(c.root(), &[]);
    let events = server.events();
    for i in 0..300 {
        c.file(&format!("content/extra/第{i:03}页.md"), format!("+++\ntitle = \"第{i}页\"\n+++\n\n内容{i}。\n"));
    }
    events.wait_for("reload", &server);
    let more: Vec<_> = events.drain(Duration::from_secs(2)).into_iter().filter(|(n, _)| n == "reload").collect();
    assert!(more.len() <= 1, "300 files caused {} rebuilds\n{}", more.len() + 1, server.log());
    assert_eq!(server.get("/extra/%E7%AC%AC299%E9%A1%B5.html").0, 200);
    assert_served_equals_clean_build(&c, &server);
}

#[test]
fn a_bad_save_keeps_the_last_good_site_reports_and_recovers() {
    let c = sample();
    let server = Server::start(c.root(), &[]);
    let events = server.events();
    c.file("content/cases/甲.md", "+++\ntitle = \"案例甲\"\ntitel = 1\n+++\n\n坏了。\n");
    let errors = events.wait_for("build-error", &server);
    assert!(errors.contains("cases/甲.md:3:1"), "{errors}");
    assert!(errors.contains("did you mean 'title'"), "no did-you-mean: {errors}");
    // The last good version is still served, and a new subscriber is told the errors at once.
    let (status, page) = server.get("/cases/%E7%94%B2.html");
    assert_eq!(status, 200);
    assert!(String::from_utf8(page).unwrap().contains("第一版的故事"));
    let late = server.events_first();
    assert_eq!(late.0, "build-error");
    let log = server.log_with("still serving the last good version");
    assert!(log.contains("still serving the last good version"), "{log}");

    c.file("content/cases/甲.md", "+++\ntitle = \"案例甲\"\n+++\n\n修好了。\n");
    events.wait_for("reload", &server);
    assert!(String::from_utf8(server.get("/cases/%E7%94%B2.html").1).unwrap().contains("修好了"));
    assert_eq!(server.events_first().0, "ok");
}

impl Server {
    /// The first event a new subscriber gets: the current state.
    fn events_first(&self) -> (String, String) {
        let mut stream = TcpStream::connect(("127.0.0.1", self.port)).expect("connect");
        stream.set_read_timeout(Some(WAIT)).unwrap();
        write!(stream, "GET /__coursesite/events HTTP/1.1\r\nHost: 127.0.0.1:{}\r\n\r\n", self.port).unwrap();
        let mut name = String::new();
        for line in BufReader::new(stream).lines().map_while(Result::ok) {
            if let Some(n) = line.strip_prefix("event: ") {
                name = n.to_string();
            } else if let Some(data) = line.strip_prefix("data: ") {
                return (name, serde_json::from_str(data).unwrap_or_default());
            }
        }
        panic!("no event");
    }
}

#[test]
fn the_overlay_and_terminal_speak_the_course_language() {
    // The default (zh-CN) course: the overlay's diagnostics are Chinese, as the terminal's.
    let c = sample();
    let server = Server::start_as_is(c.root(), &[]);
    let events = server.events();
    c.file("content/cases/甲.md", "+++\ntitle = \"案例甲\"\ntitel = 1\n+++\n\n坏了。\n");
    let errors = events.wait_for("build-error", &server);
    assert!(
        errors.contains("cases/甲.md:3:1: 错误：front matter 中有未知的键 'titel'；是不是想写 'title'？"),
        "{errors}"
    );
    assert!(errors.contains("= 帮助：这里可以用的键："), "{errors}");
    assert!(!errors.contains("error:"), "{errors}");
    let log = server.log_with("仍在预览上一个正确的版本");
    assert!(log.contains("coursesite：构建失败，用时 ") && log.contains("仍在预览上一个正确的版本"), "{log}");
    assert!(log.contains("coursesite：正在预览 "), "{log}");
    // course.toml switched to English while serving: the next errors are English.
    c.file("course.toml", "title = \"测试课程\"\nlanguage = \"en\"\n");
    let errors = events.wait_for("build-error", &server);
    assert!(errors.contains("cases/甲.md:3:1: error: unknown key 'titel' in front matter"), "{errors}");
    // And --lang en wins over a zh-CN course.
    let c = sample();
    c.file("content/cases/甲.md", "+++\ntitle = \"案例甲\"\ntitel = 1\n+++\n\n坏了。\n");
    let server = Server::start_as_is(c.root(), &["--lang", "en"]);
    let (name, errors) = server.events_first();
    assert_eq!(name, "build-error");
    assert!(errors.contains("cases/甲.md:3:1: error: unknown key 'titel'"), "{errors}");
}

#[test]
fn a_course_broken_from_the_start_says_there_is_no_good_version_yet() {
    let c = sample();
    c.file("content/cases/甲.md", "+++\ntitle = \"案例甲\"\ntitel = 1\n+++\n\n坏了。\n");
    let server = Server::start(c.root(), &[]);
    assert_eq!(server.events_first().0, "build-error");
    // The waiting page is marked, so the overlay on it says there is no good
    // version (live.js picks `none` over `errors` on a marked page).
    let (status, page) = server.get("/index.html");
    assert_eq!(status, 503);
    let page = String::from_utf8(page).unwrap();
    assert!(page.contains("<body data-coursesite-no-site>") && page.contains(LIVE_TAG), "{page}");
    let js = String::from_utf8(server.get("/__coursesite/live.js").1).unwrap();
    assert!(js.contains("there is no good version to show yet"), "{js}");
    assert!(js.contains("还没有构建成功过"), "{js}");
    assert!(js.contains("data-coursesite-no-site") && js.contains("words.none"), "{js}");
    let log = server.log_with("there is no good version to serve yet");
    assert!(log.contains("there is no good version to serve yet"), "{log}");
    assert!(!log.contains("last good version"), "{log}");

    // Once a build succeeds, pages are real (unmarked), and a later failure
    // does keep a last good version.
    let events = server.events();
    c.file("content/cases/甲.md", "+++\ntitle = \"案例甲\"\n+++\n\n修好了。\n");
    events.wait_for("reload", &server);
    let (status, page) = server.get("/index.html");
    assert_eq!(status, 200);
    assert!(!String::from_utf8(page).unwrap().contains("data-coursesite-no-site"));
    c.file("content/cases/甲.md", "+++\ntitle = \"案例甲\"\ntitel = 1\n+++\n\n又坏了。\n");
    events.wait_for("build-error", &server);
    let log = server.log_with("still serving the last good version");
    assert!(log.contains("still serving the last good version"), "{log}");
}

#[test]
fn a_forwarded_port_is_still_this_server() {
    let c = sample();
    let server = Server::start(c.root(), &[]);
    // ssh -L 8080:localhost:PORT, or an editor's port forwarding: the browser
    // names the forwarded port, not ours.
    for host in ["localhost:8080", "127.0.0.1:1", "[::1]:8080", "localhost"] {
        let (status, _) = server.raw(&format!("GET /index.html HTTP/1.1\r\nHost: {host}\r\n\r\n"));
        assert_eq!(status, 200, "{host}");
    }
    // DNS rebinding: a foreign name is refused on any port, ours included.
    for host in ["evil.example:8080".to_string(), format!("evil.example:{}", server.port)] {
        let (status, _) = server.raw(&format!("GET /index.html HTTP/1.1\r\nHost: {host}\r\n\r\n"));
        assert_eq!(status, 403, "{host}");
    }
}

#[test]
fn theme_and_course_toml_changes_rebuild_everything() {
    let c = sample();
    let server = Server::start(c.root(), &[]);
    let events = server.events();
    c.file("course.toml", "title = \"改过的课程名\"\n");
    events.wait_for("reload", &server);
    for page in ["/index.html", "/about.html", "/cases/%E4%B9%99.html"] {
        assert!(String::from_utf8(server.get(page).1).unwrap().contains("改过的课程名"), "{page}");
    }
    c.file("themes/default/static/style.css", "body { color: rebeccapurple }\n");
    let changed = events.wait_for("reload", &server);
    assert!(changed.contains("about.html") && changed.contains("index.html"), "{changed}");
    assert!(String::from_utf8(server.get("/theme/style.css").1).unwrap().contains("rebeccapurple"));
    assert_served_equals_clean_build(&c, &server);
}

#[test]
fn the_output_folder_never_triggers_a_rebuild() {
    let c = sample();
    c.build_ok();
    let server = Server::start(c.root(), &[]);
    let events = server.events();
    c.file("site/index.html", "changed by hand").file("site/new.html", "x");
    c.file("target/x.md", "x").file(".git/index", "x").file("notes.md", "x");
    let got = events.drain(Duration::from_millis(1500));
    assert!(got.is_empty(), "{got:?}\n{}", server.log());
}

#[test]
fn the_teacher_edition_previews_teacher_only_material_and_its_edits() {
    let c = sample();
    c.file("content/about.md", "+++\ntitle = \"关于\"\n+++\n\n课程说明。\n\n> [!教师]\n> 第一版的教学提示。\n");
    let student = Server::start(c.root(), &[]);
    assert!(!String::from_utf8(student.get("/about.html").1).unwrap().contains("教学提示"));
    drop(student);
    let server = Server::start(c.root(), &["--profile", "teacher"]);
    assert!(String::from_utf8(server.get("/about.html").1).unwrap().contains("第一版的教学提示"), "{}", server.log());
    let events = server.events();
    c.file("content/about.md", "+++\ntitle = \"关于\"\n+++\n\n课程说明。\n\n> [!教师]\n> 第二版的教学提示。\n");
    events.wait_for("reload", &server);
    assert!(String::from_utf8(server.get("/about.html").1).unwrap().contains("第二版的教学提示"));
}

#[test]
fn polling_mode_sees_edits() {
    let c = sample();
    let server = Server::start(c.root(), &["--poll"]);
    let events = server.events();
    c.file("content/about.md", "+++\ntitle = \"关于\"\n+++\n\n轮询也看得见。\n");
    events.wait_for("reload", &server);
    assert!(String::from_utf8(server.get("/about.html").1).unwrap().contains("轮询也看得见"));
}

#[test]
fn traversal_and_odd_requests_never_leave_the_output() {
    let c = sample();
    // A secret next to the course and one at the course root: neither may be served.
    c.file("secret.txt", "TOP-SECRET");
    let outside = c.root().parent().unwrap().join(format!("coursesite-secret-{}.txt", std::process::id()));
    std::fs::write(&outside, "TOP-SECRET").unwrap();
    let name = outside.file_name().unwrap().to_string_lossy().into_owned();
    let server = Server::start(c.root(), &[]);
    let attempts = [
        "/../secret.txt".to_string(),
        "/../../secret.txt".into(),
        format!("/../../{name}"),
        "/%2e%2e/secret.txt".into(),
        "/%2E%2E/%2E%2E/secret.txt".into(),
        "/..%2fsecret.txt".into(),
        "/..%2Fcourse.toml".into(),
        "/cases/..%5c..%5csecret.txt".into(),
        "//etc/passwd".into(),
        "/..\\secret.txt".into(),
        "/cases\\..\\..\\secret.txt".into(),
        "/%00".into(),
        "/secret.txt".into(),
        "/course.toml".into(),
        "/content/about.md".into(),
        format!("/{}", outside.display()),
        "http://example.com/../secret.txt".into(),
    ];
    for path in &attempts {
        let (status, body) = server.get(path);
        assert!(status == 400 || status == 404, "{path}: {status}");
        let body = String::from_utf8_lossy(&body);
        assert!(!body.contains("TOP-SECRET") && !body.contains("root:"), "{path} leaked: {body}");
    }
    let _ = std::fs::remove_file(&outside);

    // Methods other than GET and HEAD; a foreign Host (DNS rebinding); a foreign
    // page subscribing to reload events.
    let (status, _) = server.raw("POST /index.html HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Length: 0\r\n\r\n");
    assert_eq!(status, 405);
    let (status, _) = server.raw("GET /index.html HTTP/1.1\r\nHost: evil.example\r\n\r\n");
    assert_eq!(status, 403);
    let (status, _) = server.raw(&format!(
        "GET /__coursesite/events HTTP/1.1\r\nHost: 127.0.0.1:{}\r\nOrigin: http://evil.example\r\n\r\n",
        server.port
    ));
    assert_eq!(status, 403);
    let (status, _) = server.raw("garbage\r\n\r\n");
    assert_eq!(status, 400);

    // The 404 is the theme's page; HEAD has no body; types are right; nothing cached.
    let (status, body) = server.get("/no-such-page.html");
    assert_eq!(status, 404);
    assert!(String::from_utf8_lossy(&body).contains("<html"), "not the theme's 404 page");
    let head = server.head_of("/index.html");
    assert!(head.starts_with("http/1.1 200"), "{head}");
    assert!(head.contains("content-type: text/html; charset=utf-8"), "{head}");
    assert!(head.contains("cache-control: no-store"), "{head}");
    assert!(head.ends_with("\r\n\r\n"), "HEAD sent a body: {head}");
    assert!(server.head_of("/theme/style.css").contains("content-type: text/css; charset=utf-8"));
    assert!(server.head_of("/theme/main.js").contains("content-type: text/javascript; charset=utf-8"));
}

#[test]
fn a_port_in_use_is_a_clear_error() {
    let c = sample();
    let taken = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let port = taken.local_addr().unwrap().port().to_string();
    let (code, _, stderr) = c.run_cli(&["serve", "--port", &port]);
    assert_eq!(code, 2, "{stderr}");
    assert!(stderr.contains(&port) && stderr.contains("--port"), "{stderr}");
}

#[test]
fn binding_another_address_warns() {
    let c = sample();
    let server = Server::start(c.root(), &["--bind", "0.0.0.0"]);
    let log = server.log_with("warning");
    assert!(log.contains("warning"), "{log}");
    assert_eq!(server.get("/index.html").0, 200);
}
