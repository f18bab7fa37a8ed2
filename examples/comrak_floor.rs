//! The Markdown-only floor for benchmarks: the same pages rendered by comrak
//! alone, with coursesite's comrak options, no templates, links, glossary,
//! search or decks. Reads every .md under DIR/content, drops the front matter,
//! renders, writes OUT/<page>.html. Prints milliseconds and pages/s for one
//! thread and for all cores (rayon).
//!
//!   cargo run --release --example comrak_floor -- DIR OUT

use coursesite::config::MarkdownConfig;
use rayon::prelude::*;
use std::path::{Path, PathBuf};
use std::time::Instant;

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let (Some(dir), Some(out)) = (args.first(), args.get(1)) else {
        eprintln!("usage: comrak_floor DIR OUT");
        std::process::exit(2);
    };
    let content = Path::new(dir).join("content");
    let mut pages = Vec::new();
    collect(&content, &mut pages);
    pages.sort();
    let options = coursesite::render::markdown::options(&MarkdownConfig::default());
    let render = |path: &PathBuf, out: &Path| {
        let text = std::fs::read_to_string(path).expect("read page");
        let body = match text.strip_prefix("+++\n").and_then(|rest| rest.split_once("\n+++\n")) {
            Some((_, body)) => body,
            None => &text,
        };
        let html = comrak::markdown_to_html(body, &options);
        let rel = path.strip_prefix(&content).unwrap_or(path).with_extension("html");
        let to = out.join(rel);
        if let Some(parent) = to.parent() {
            std::fs::create_dir_all(parent).expect("create folder");
        }
        std::fs::write(to, html).expect("write page");
    };
    for (label, parallel) in [("1 thread", false), ("all cores", true)] {
        let out = Path::new(out).join(if parallel { "parallel" } else { "single" });
        let _ = std::fs::remove_dir_all(&out);
        let start = Instant::now();
        if parallel {
            pages.par_iter().for_each(|p| render(p, &out));
        } else {
            pages.iter().for_each(|p| render(p, &out));
        }
        let ms = start.elapsed().as_secs_f64() * 1000.0;
        println!(
            "comrak floor ({label}): {} pages in {ms:.0} ms, {:.0} pages/s",
            pages.len(),
            pages.len() as f64 / ms * 1000.0
        );
    }
}

fn collect(dir: &Path, out: &mut Vec<PathBuf>) {
    let Ok(entries) = std::fs::read_dir(dir) else { return };
    for entry in entries.flatten() {
        let path = entry.path();
        if path.is_dir() {
            collect(&path, out);
        } else if path.extension().is_some_and(|e| e == "md") {
            out.push(path);
        }
    }
}
