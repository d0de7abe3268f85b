//! The analysis crate stays protocol-free, runtime-free and file-system-free (ARCHITECTURE.md):
//! its dependency closure in `Cargo.lock` holds no LSP, async-runtime, walking or watching
//! crate, and its sources never call into `std::fs`.

use std::collections::{BTreeSet, HashMap};
use std::path::Path;

/// Crates the analysis layer must never reach, directly or through another crate.
const FORBIDDEN: &[&str] = &["tower-lsp-server", "tokio", "ignore", "notify", "walkdir", "clap"];

#[test]
fn dependency_closure_has_no_protocol_runtime_or_file_system_crate() {
    let lock = std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("../Cargo.lock")).unwrap();
    let lock: toml::Table = lock.parse().unwrap();
    let mut deps: HashMap<String, Vec<String>> = HashMap::new();
    for pkg in lock["package"].as_array().unwrap() {
        let name = pkg["name"].as_str().unwrap().to_string();
        let list = pkg.get("dependencies").and_then(|d| d.as_array()).cloned().unwrap_or_default();
        // Entries read "name" or "name version" when several versions are locked.
        let names = list.iter().filter_map(|d| d.as_str()).map(|d| d.split(' ').next().unwrap().to_string());
        deps.entry(name).or_default().extend(names);
    }
    let mut seen = BTreeSet::new();
    let mut stack = vec!["agentls-analysis".to_string()];
    while let Some(name) = stack.pop() {
        if seen.insert(name.clone()) {
            stack.extend(deps.get(&name).cloned().unwrap_or_default());
        }
    }
    assert!(seen.len() > 5, "the closure was not read: {seen:?}");
    let bad: Vec<_> = FORBIDDEN.iter().filter(|f| seen.contains(**f)).collect();
    assert!(bad.is_empty(), "agentls-analysis depends on {bad:?}");
}

#[test]
fn sources_do_not_touch_the_file_system() {
    let mut offenders = Vec::new();
    let mut stack = vec![Path::new(env!("CARGO_MANIFEST_DIR")).join("src")];
    while let Some(dir) = stack.pop() {
        for entry in std::fs::read_dir(&dir).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                stack.push(path);
            } else if path.extension().is_some_and(|e| e == "rs") {
                let text = std::fs::read_to_string(&path).unwrap();
                if ["std::fs", "fs::read", "File::open", "read_dir("].iter().any(|p| text.contains(p)) {
                    offenders.push(path);
                }
            }
        }
    }
    assert!(offenders.is_empty(), "file-system access in {offenders:?}");
}
