//! Edit-to-reload latency of `coursesite serve`: start the real binary on a
//! course, subscribe to its reload events like a browser tab, save one page N
//! times, and time each save → `reload` event. Prints each sample and p50/p95.
//!
//!   cargo build --release
//!   cargo run --release --example serve_latency -- COURSE_DIR [EDITS=20] [BIN=target/release/coursesite]
//!
//! The page edited is the first lesson (or the first page) under content/; its
//! text is restored at the end.

use std::io::{BufRead, BufReader, Write};
use std::net::TcpStream;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::sync::mpsc;
use std::time::{Duration, Instant};

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let Some(course) = args.first().map(PathBuf::from) else {
        eprintln!("usage: serve_latency COURSE_DIR [EDITS=20] [BIN=target/release/coursesite]");
        std::process::exit(2);
    };
    let edits: usize = args.get(1).and_then(|s| s.parse().ok()).unwrap_or(20);
    let bin = args.get(2).map(PathBuf::from).unwrap_or_else(|| PathBuf::from("target/release/coursesite"));
    let page = first_page(&course.join("content")).expect("no .md page under content/");
    let original = std::fs::read_to_string(&page).expect("read the page");

    let mut child = Command::new(&bin)
        .args(["serve", "--port", "0", "--quiet"])
        .arg(&course)
        .env("NO_COLOR", "1")
        .stderr(Stdio::piped())
        .spawn()
        .unwrap_or_else(|e| panic!("cannot start {}: {e}", bin.display()));
    let (port_tx, port_rx) = mpsc::channel();
    let stderr = child.stderr.take().unwrap();
    std::thread::spawn(move || {
        for line in BufReader::new(stderr).lines().map_while(Result::ok) {
            if let Some(rest) = line.split("http://127.0.0.1:").nth(1) {
                let _ = port_tx.send(rest.trim_end_matches(|c: char| !c.is_ascii_digit()).parse::<u16>().unwrap());
            } else if line.contains("error") {
                eprintln!("{line}");
            }
        }
    });
    let started = Instant::now();
    let port = port_rx.recv_timeout(Duration::from_secs(120)).expect("serve did not start");
    let first_build = started.elapsed();

    let mut stream = TcpStream::connect(("127.0.0.1", port)).unwrap();
    write!(stream, "GET /__coursesite/events HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\n\r\n").unwrap();
    let (tx, rx) = mpsc::channel();
    std::thread::spawn(move || {
        for line in BufReader::new(stream).lines().map_while(Result::ok) {
            if let Some(name) = line.strip_prefix("event: ") {
                let _ = tx.send((name.to_string(), Instant::now()));
            }
        }
    });
    rx.recv_timeout(Duration::from_secs(10)).expect("no first event");

    let mut samples = Vec::new();
    for i in 0..edits {
        std::thread::sleep(Duration::from_millis(300)); // a teacher types between saves
        let saved = Instant::now();
        std::fs::write(&page, format!("{original}\n\n第{i}次修改。\n")).unwrap();
        loop {
            let (name, at) = rx.recv_timeout(Duration::from_secs(30)).expect("no reload event within 30 s");
            if name == "reload" {
                let ms = at.duration_since(saved).as_secs_f64() * 1000.0;
                println!("edit {:>2}: {ms:6.1} ms", i + 1);
                samples.push(ms);
                break;
            }
            assert_ne!(name, "build-error", "the edit broke the build");
        }
    }
    std::fs::write(&page, original).unwrap();
    let _ = child.kill();
    let _ = child.wait();

    samples.sort_by(f64::total_cmp);
    let pct = |p: f64| samples[((samples.len() as f64 - 1.0) * p).round() as usize];
    let pages = page_count(&course.join("content"));
    println!(
        "course: {} ({pages} pages); first build + start: {} ms; edited: {}",
        course.display(),
        first_build.as_millis(),
        page.display()
    );
    println!(
        "edit → reload over {edits} edits: p50 {:.1} ms, p95 {:.1} ms, max {:.1} ms",
        pct(0.5),
        pct(0.95),
        pct(1.0)
    );
}

fn first_page(content: &Path) -> Option<PathBuf> {
    let mut pages = Vec::new();
    collect(content, &mut pages);
    pages.sort();
    pages.iter().find(|p| p.to_string_lossy().contains("lessons")).or(pages.first()).cloned()
}

fn collect(dir: &Path, out: &mut Vec<PathBuf>) {
    for entry in std::fs::read_dir(dir).into_iter().flatten().flatten() {
        let path = entry.path();
        if path.is_dir() {
            collect(&path, out);
        } else if path.extension().is_some_and(|e| e == "md") {
            out.push(path);
        }
    }
}

fn page_count(dir: &Path) -> usize {
    let mut pages = Vec::new();
    collect(dir, &mut pages);
    pages.len()
}
