//! `rust-version` in Cargo.toml is a promise to whoever installs coursesite
//! with an older Rust: it must stay at or above every dependency's own
//! minimum, or `cargo install` fails deep in a dependency instead of saying
//! which Rust to get.

use std::process::Command;

/// "1.91" or "1.91.1" as comparable numbers.
fn version(v: &str) -> Vec<u64> {
    v.split('.').map(|n| n.parse().unwrap_or(0)).collect()
}

#[test]
fn rust_version_is_at_least_every_dependencys_minimum() {
    let out = Command::new(env!("CARGO"))
        .args(["metadata", "--format-version", "1", "--locked"])
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .output()
        .expect("cargo metadata runs");
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let meta: serde_json::Value = serde_json::from_slice(&out.stdout).expect("cargo metadata prints JSON");
    let packages = meta["packages"].as_array().expect("a package list");
    let ours = packages.iter().find(|p| p["name"] == "coursesite").expect("coursesite itself");
    let promised = ours["rust_version"].as_str().expect("Cargo.toml sets rust-version");
    let mut needed: Vec<(Vec<u64>, String)> = packages
        .iter()
        .filter_map(|p| Some((version(p["rust_version"].as_str()?), p["name"].as_str()?.to_string())))
        .collect();
    needed.sort();
    let (highest, name) = needed.last().expect("dependencies state their minimum Rust");
    assert!(version(promised) >= *highest, "rust-version {promised} is below {name}'s {highest:?}");
}
