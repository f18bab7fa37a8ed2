//! The code's shape, checked on every test run so it cannot drift:
//! - modules depend only on the modules before them in [`LAYERS`] (no import
//!   cycles; data flows config → load → profile → model → render → search →
//!   write, and the commands sit on top);
//! - no function outside tests is over 80 lines or takes over 6 parameters.
//!
//! Both read the source text (comments, strings and test modules left out);
//! a rough reader, but one that errs towards reporting too much.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

/// Top-level modules of `src/`, lowest first. A module may use any module
/// listed before it, never one after it.
const LAYERS: &[&str] = &[
    "messages",
    "diag",
    "fix",
    "toml_diag",
    "fingerprint",
    "parallel",
    "timing",
    "hanzi",
    "syntax",
    "config",
    "i18n",
    "load",
    "profile",
    "model",
    "theme",
    "render",
    "search",
    "lint",
    "write",
    "pdf",
    "session",
    "store",
    "pipeline",
    "cli",
    "options",
    "serve",
    "office",
    "package",
    "scaffold",
];

const MAX_LINES: usize = 80;
const MAX_PARAMS: usize = 6;

fn src() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("src")
}

/// Every `.rs` file under `dir`, with the module it belongs to.
fn files_of(dir: &Path) -> Vec<(String, PathBuf)> {
    let mut out = Vec::new();
    for entry in walkdir::WalkDir::new(dir).sort_by_file_name() {
        let entry = entry.expect("readable src/");
        let path = entry.path();
        if path.extension().is_none_or(|e| e != "rs") {
            continue;
        }
        let rel = path.strip_prefix(dir).expect("under src/");
        let first = rel.components().next().expect("a component").as_os_str().to_string_lossy();
        out.push((first.trim_end_matches(".rs").to_string(), path.to_path_buf()));
    }
    out
}

/// The file's code: no comments, no string or char literals (their text
/// blanked), no `#[cfg(test)]` items.
fn code_lines(text: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut in_string = false;
    let mut skip_depth: Option<i64> = None;
    let mut pending_test = false;
    for raw in text.lines() {
        let line = blank_literals(raw, &mut in_string);
        let trimmed = line.trim();
        if let Some(depth) = skip_depth.as_mut() {
            *depth += braces(&line);
            if *depth <= 0 && line.contains('}') {
                skip_depth = None;
            }
            out.push(String::new());
            continue;
        }
        if trimmed.starts_with("#[cfg(test)]") {
            pending_test = true;
            out.push(String::new());
            continue;
        }
        if pending_test && !trimmed.is_empty() && !trimmed.starts_with("#[") {
            pending_test = false;
            let depth = braces(&line);
            if depth > 0 {
                skip_depth = Some(depth);
            }
            out.push(String::new());
            continue;
        }
        out.push(line);
    }
    out
}

fn braces(line: &str) -> i64 {
    line.matches('{').count() as i64 - line.matches('}').count() as i64
}

/// A line with its comment cut and string/char literals emptied. `in_string`
/// carries a string across lines.
fn blank_literals(line: &str, in_string: &mut bool) -> String {
    let chars: Vec<char> = line.chars().collect();
    let mut out = String::with_capacity(line.len());
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        if *in_string {
            if c == '\\' {
                i += 2;
                continue;
            }
            if c == '"' {
                *in_string = false;
                out.push('"');
            }
            i += 1;
            continue;
        }
        if c == '/' && chars.get(i + 1) == Some(&'/') {
            break;
        }
        if c == '"' {
            *in_string = true;
            out.push('"');
        } else if c == '\'' && chars.get(i + 2) == Some(&'\'') {
            out.push_str("' '");
            i += 3;
            continue;
        } else if c == '\'' && chars.get(i + 1) == Some(&'\\') {
            let end = chars[i + 2..].iter().position(|&c| c == '\'').map_or(chars.len(), |p| i + 3 + p);
            out.push_str("' '");
            i = end;
            continue;
        } else {
            out.push(c);
        }
        i += 1;
    }
    out
}

/// Every top-level module a module's code names (`crate::x`, `use crate::{x, y}`).
fn uses(lines: &[String]) -> BTreeSet<String> {
    let code = lines.join("\n");
    let mut found = BTreeSet::new();
    let mut rest = code.as_str();
    while let Some(at) = rest.find("crate::") {
        rest = &rest[at + "crate::".len()..];
        if let Some(group) = rest.strip_prefix('{') {
            let end = group.find('}').unwrap_or(group.len());
            for item in group[..end].split(',') {
                let name: String = item.trim().chars().take_while(|c| c.is_alphanumeric() || *c == '_').collect();
                found.insert(name);
            }
        } else {
            found.insert(rest.chars().take_while(|c| c.is_alphanumeric() || *c == '_').collect());
        }
    }
    found
}

#[test]
fn modules_depend_only_on_the_modules_before_them() {
    let mut wrong = Vec::new();
    let mut unlisted = BTreeSet::new();
    for (module, path) in files_of(&src()) {
        if module == "lib" || module == "main" {
            continue;
        }
        let Some(rank) = LAYERS.iter().position(|m| *m == module) else {
            unlisted.insert(module);
            continue;
        };
        let text = std::fs::read_to_string(&path).expect("readable");
        for used in uses(&code_lines(&text)) {
            let Some(used_rank) = LAYERS.iter().position(|m| *m == used) else { continue };
            if used_rank > rank {
                wrong.push(format!("{} uses crate::{used} (a later layer)", path.display()));
            }
        }
    }
    assert!(unlisted.is_empty(), "modules missing from LAYERS: {unlisted:?}");
    assert!(wrong.is_empty(), "{}", wrong.join("\n"));
}

/// A function: its name, first line (1-based), length in lines and parameter count.
struct Function {
    name: String,
    line: usize,
    lines: usize,
    params: usize,
}

fn functions(lines: &[String]) -> Vec<Function> {
    let mut out = Vec::new();
    for (i, line) in lines.iter().enumerate() {
        let Some(name) = fn_name(line) else { continue };
        let mut signature = String::new();
        let mut end = i;
        while end < lines.len() {
            signature.push_str(&lines[end]);
            signature.push('\n');
            if lines[end].contains('{') || lines[end].trim_end().ends_with(';') {
                break;
            }
            end += 1;
        }
        if !signature.contains('{') {
            continue; // a declaration in a trait
        }
        let mut depth = 0i64;
        let mut last = end;
        for (j, l) in lines.iter().enumerate().skip(i) {
            depth += braces(l);
            last = j;
            if j >= end && depth <= 0 {
                break;
            }
        }
        out.push(Function { name, line: i + 1, lines: last - i + 1, params: params(&signature) });
    }
    out
}

fn fn_name(line: &str) -> Option<String> {
    let mut words = line.split_whitespace().peekable();
    while let Some(w) = words.peek() {
        if w.starts_with("pub") || ["const", "async", "unsafe", "extern"].contains(w) {
            words.next();
        } else {
            break;
        }
    }
    if words.next() != Some("fn") {
        return None;
    }
    let name: String = words.next()?.chars().take_while(|c| c.is_alphanumeric() || *c == '_').collect();
    (!name.is_empty()).then_some(name)
}

/// Parameters of a signature, `self` not counted.
fn params(signature: &str) -> usize {
    let Some(open) = signature.find('(') else { return 0 };
    let mut depth = 0;
    let mut parts = vec![String::new()];
    for c in signature[open + 1..].chars() {
        match c {
            '(' | '<' | '[' => depth += 1,
            ')' | ']' if depth == 0 => break,
            ')' | '>' | ']' => depth -= 1,
            ',' if depth == 0 => {
                parts.push(String::new());
                continue;
            }
            _ => {}
        }
        parts.last_mut().expect("one part").push(c);
    }
    parts.iter().filter(|p| !p.trim().is_empty() && !p.trim().trim_start_matches(['&', '\'']).ends_with("self")).count()
}

#[test]
fn no_function_is_over_80_lines_or_6_parameters() {
    let mut wrong = Vec::new();
    let mut seen = 0;
    for (_, path) in files_of(&src()) {
        let text = std::fs::read_to_string(&path).expect("readable");
        for f in functions(&code_lines(&text)) {
            seen += 1;
            if f.lines > MAX_LINES || f.params > MAX_PARAMS {
                wrong.push(format!(
                    "{}:{} {}: {} lines, {} parameters",
                    path.display(),
                    f.line,
                    f.name,
                    f.lines,
                    f.params
                ));
            }
        }
    }
    assert!(seen > 500, "the reader found only {seen} functions: it is broken");
    assert!(wrong.is_empty(), "{}", wrong.join("\n"));
}

#[test]
fn the_readers_see_what_they_should() {
    let text = "use crate::{config, load::x};\n// crate::write in a comment\nlet s = \"crate::serve\";\nfn f(a: u8, b: Vec<(u8, u8)>, self) {\n  crate::model::y();\n}\n#[cfg(test)]\nmod tests {\n  use crate::office;\n  fn g() {}\n}\n";
    let lines = code_lines(text);
    let used: Vec<String> = uses(&lines).into_iter().collect();
    assert_eq!(used, ["config", "load", "model"]);
    let fns = functions(&lines);
    assert_eq!(fns.len(), 1);
    assert_eq!((fns[0].name.as_str(), fns[0].line, fns[0].lines, fns[0].params), ("f", 4, 3, 2));
}

/// Steps that only compute: they never touch the file system (load reads the
/// course, theme reads the theme, write writes the output).
const NO_IO: &[&str] = &["profile", "model", "render", "search", "lint", "syntax"];

#[test]
fn only_load_theme_and_write_touch_the_disk() {
    let mut wrong = Vec::new();
    for (module, path) in files_of(&src()) {
        if !NO_IO.contains(&module.as_str()) {
            continue;
        }
        let text = std::fs::read_to_string(&path).expect("readable");
        for (i, line) in code_lines(&text).iter().enumerate() {
            if ["fs::", "File::", "OpenOptions"].iter().any(|io| line.contains(io)) {
                wrong.push(format!("{}:{}: {}", path.display(), i + 1, line.trim()));
            }
        }
    }
    assert!(wrong.is_empty(), "file-system calls outside load, theme and write:\n{}", wrong.join("\n"));
}

#[test]
fn the_readme_code_map_names_every_module() {
    let readme = std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("README.md")).expect("README");
    let map = readme.split("## Code map").nth(1).expect("a code map section");
    let modules: BTreeSet<String> = files_of(&src()).into_iter().map(|(m, _)| m).collect();
    let missing: Vec<&String> = modules
        .iter()
        .filter(|m| !map.contains(&format!("src/{m}.rs")) && !map.contains(&format!("src/{m}/")))
        .filter(|m| !(m.as_str() == "lib" || m.as_str() == "main") || !map.contains("src/lib.rs"))
        .collect();
    assert!(missing.is_empty(), "README's code map does not name: {missing:?}");
    let order: Vec<usize> = LAYERS
        .iter()
        .filter_map(|m| map.find(&format!("src/{m}.rs")).or_else(|| map.find(&format!("src/{m}/"))))
        .collect();
    assert!(order.windows(2).all(|w| w[0] < w[1]), "README's code map lists the modules out of LAYERS order");
}
