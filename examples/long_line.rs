//! Build time on very long lines (issue 16, defect 3): a page whose one paragraph
//! is a single 1 MB line of links, or of emphasis, against the same nodes one
//! per line. Before the fix the single line was quadratic (8,000 links: 28 s).
//!
//!     cargo build --release && cargo run --release --example long_line -- [BIN] [BYTES]
//!
//! BIN is the coursesite binary to time (default target/release/coursesite),
//! BYTES the size of the page (default 1,000,000). Each variant is a course of
//! its own in a temporary folder, built once with `BIN build`; the wall time
//! of the whole process is printed.

use std::path::Path;
use std::process::Command;
use std::time::Instant;

/// The repeated pieces: an inline node and the space after it.
const VARIANTS: &[(&str, &str)] =
    &[("links", "[链接](https://example.com/页) "), ("emphasis", "**强调** "), ("mixed", "文字 *斜* [[b]] `码` ")];

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let bin = args.first().map_or("target/release/coursesite", String::as_str);
    let bytes: usize = args.get(1).and_then(|b| b.parse().ok()).unwrap_or(1_000_000);
    if !Path::new(bin).is_file() {
        eprintln!("usage: long_line [BIN] [BYTES]; no binary at {bin}");
        std::process::exit(2);
    }
    println!("{:<10} {:>9} {:>12} {:>14}", "variant", "nodes", "one line", "one per line");
    for (name, piece) in VARIANTS {
        let count = bytes / piece.len();
        let one_line = time_build(bin, &piece.repeat(count));
        let per_line = time_build(bin, &format!("{}\n", piece.trim_end()).repeat(count));
        println!("{name:<10} {count:>9} {one_line:>10.2} s {per_line:>12.2} s");
    }
}

/// Seconds `bin build` takes on a course whose page `a.md` has `body`.
fn time_build(bin: &str, body: &str) -> f64 {
    let dir = tempfile::Builder::new().prefix("long-line-").tempdir().expect("temporary folder");
    let root = dir.path();
    std::fs::write(root.join("course.toml"), "title = \"长行\"\n").expect("write course.toml");
    std::fs::create_dir(root.join("content")).expect("create content/");
    std::fs::write(root.join("content/a.md"), format!("+++\ntitle = \"长行\"\n+++\n\n{body}\n")).expect("write page");
    std::fs::write(root.join("content/b.md"), "+++\ntitle = \"目标\"\n+++\n\n正文。\n").expect("write page");
    let start = Instant::now();
    let status = Command::new(bin).args(["--quiet", "build"]).arg(root).status().expect("run coursesite");
    let seconds = start.elapsed().as_secs_f64();
    if !status.success() {
        eprintln!("build failed ({status}) for a page of {} bytes", body.len());
    }
    seconds
}
