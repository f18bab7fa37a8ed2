//! The rebuild `serve` runs after a save, in process and without the watcher's
//! wait: build a course once, then append a line to one page N times and
//! rebuild after each, as serve does (naming the page the watcher would).
//! Prints the median and p90 of the rebuilds, in ms. For profiling the serve
//! path on a noisy machine (many samples; no HTTP, no debounce).
//!
//!   cargo run --release --example rebuild -- COURSE_DIR [REBUILDS=50]

use coursesite::session::Session;
use coursesite::BuildOptions;
use std::time::Instant;

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let Some(course) = args.first().map(std::path::PathBuf::from) else {
        eprintln!("usage: rebuild COURSE_DIR [REBUILDS=50]");
        std::process::exit(2);
    };
    let n: usize = args.get(1).and_then(|s| s.parse().ok()).unwrap_or(50);
    let root = std::path::absolute(&course).expect("course path");
    let page = first_page(&root.join("content")).expect("no .md page under content/");
    let original = std::fs::read_to_string(&page).expect("read the page");
    let opts = BuildOptions::new(&root);
    let mut session = Session::default();
    let (report, site) = coursesite::render_in_memory(&opts, &mut session);
    assert!(site.is_some(), "the course does not build: {:?}", report.diagnostics.first());
    let mut ms = Vec::new();
    for i in 0..n {
        std::fs::write(&page, format!("{original}\n\n第{i}次修改。\n")).expect("write the page");
        session.load.watched(vec![page.clone()]);
        let started = Instant::now();
        let (_, site) = coursesite::render_in_memory(&opts, &mut session);
        ms.push(started.elapsed().as_secs_f64() * 1000.0);
        assert!(site.is_some(), "the edit broke the build");
    }
    std::fs::write(&page, original).expect("restore the page");
    ms.sort_by(f64::total_cmp);
    println!("rebuilds {n}: p50 {:.2} ms p90 {:.2} ms min {:.2} ms", ms[n / 2], ms[n * 9 / 10], ms[0]);
}

fn first_page(dir: &std::path::Path) -> Option<std::path::PathBuf> {
    let mut pages: Vec<_> = walkdir::WalkDir::new(dir)
        .sort_by_file_name()
        .into_iter()
        .flatten()
        .filter(|e| e.path().extension().is_some_and(|x| x == "md") && e.file_name() != "index.md")
        .map(|e| e.into_path())
        .collect();
    pages.truncate(1);
    pages.pop()
}
