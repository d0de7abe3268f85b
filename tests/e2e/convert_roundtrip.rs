//! Converting every agent of the shared corpus to each other dialect and back keeps every value
//! that maps both ways: a key the report names (dropped or changed) is excused, and within a
//! tool list only the entries the report names; everything else must read back equal. And every
//! converted file, checked by `agentls check`, has no `error`.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use std::process::Command;

use agentls::discover::{walk, Classifier};
use agentls_analysis::convert::{convert, Conversion, NoteKind, Target};
use agentls_analysis::knowledge::{detect_by_path, tools::split_tool_string};
use agentls_analysis::syntax::value::{Value, ValueKind};
use agentls_analysis::{Snapshot, TextShape};

use crate::support::shared;

fn snapshot(path: &Path, text: String) -> Snapshot {
    Snapshot::new(Some(path.to_path_buf()), text, detect_by_path(path, None), None, TextShape::Flat)
}

/// A frontmatter value as a comparable set of strings: scalars trimmed, lists (and Claude comma
/// strings for tool keys) as sets, maps as `key=value` pairs.
fn normal(key: &str, v: &Value) -> BTreeSet<String> {
    match &v.kind {
        ValueKind::Scalar(s) if matches!(key, "tools" | "disallowedTools") => {
            split_tool_string(&s.text, 0).into_iter().map(|(t, _)| t).collect()
        }
        // VS Code matches a model by its display name with or without `(vendor)` (formats.md §2.11).
        ValueKind::Scalar(s) if key == "model" => {
            BTreeSet::from([s.text.trim().trim_end_matches(" (copilot)").to_string()])
        }
        ValueKind::Scalar(s) => BTreeSet::from([s.text.trim().to_string()]),
        ValueKind::Sequence(items) => items.iter().filter_map(|i| i.as_str()).map(|s| s.trim().to_string()).collect(),
        ValueKind::Mapping(entries) => entries
            .iter()
            .flat_map(|e| normal(&e.key, &e.value).into_iter().map(move |x| format!("{}={x}", e.key)))
            .collect(),
        _ => BTreeSet::new(),
    }
}

/// The values that mean "the default" in each dialect, as absent.
fn is_default(key: &str, v: &BTreeSet<String>) -> bool {
    let one = |s: &str| v.len() == 1 && v.contains(s);
    match key {
        "model" => one("inherit"),
        "agents" => one("*"),
        "user-invocable" => one("true"),
        "disable-model-invocation" | "infer" => one("false"),
        "mode" => one("all"),
        _ => false,
    }
}

/// The keys a dialect shares with the others (the rest is reported as dropped when converted).
fn both_ways(target: Target) -> &'static [&'static str] {
    match target {
        Target::ClaudeAgent => &["name", "description", "tools", "disallowedTools", "model", "maxTurns"],
        Target::CopilotAgent => {
            &["name", "description", "tools", "agents", "model", "user-invocable", "disable-model-invocation"]
        }
        Target::OpencodeAgent => &["description", "mode", "model", "steps", "permission"],
    }
}

/// Compares `source` with `back` key by key; returns the differences not named by the notes.
fn differences(source: &Snapshot, back: &Snapshot, target: Target, notes: &[&Conversion]) -> Vec<String> {
    let (Some(a), Some(b)) = (&source.parsed.frontmatter, &back.parsed.frontmatter) else { return Vec::new() };
    let noted_key = |k: &str| notes.iter().flat_map(|c| &c.notes).any(|n| n.key == k);
    let noted_entry = |e: &str| notes.iter().flat_map(|c| &c.notes).any(|n| n.message.contains(&format!("`{e}`")));
    let mut out = Vec::new();
    for key in both_ways(target) {
        let Some(ea) = a.get(key) else { continue };
        let va = normal(key, &ea.value);
        let vb = b.get(key).map(|e| normal(key, &e.value)).unwrap_or_default();
        if va == vb || (is_default(key, &va) && vb.is_empty()) {
            continue;
        }
        if matches!(*key, "tools" | "disallowedTools" | "permission") {
            let lost: Vec<&String> = va
                .difference(&vb)
                .filter(|e| !noted_entry(e) && !noted_entry(e.split('(').next().unwrap_or(e)))
                .collect();
            if !lost.is_empty() {
                out.push(format!("{key}: {lost:?} lost ({va:?} → {vb:?})"));
            }
        } else if !noted_key(key) {
            out.push(format!("{key}: {va:?} → {vb:?}"));
        }
    }
    out
}

#[test]
fn every_corpus_agent_survives_a_round_trip_through_each_other_dialect() {
    let corpus = shared().join("corpus");
    let classifier = Classifier::default();
    let out_dir = tempfile::tempdir().unwrap();
    let (mut failures, mut trips, mut written) = (Vec::new(), 0, 0);
    // Converted files whose report says the source lacks a field the target requires.
    let mut told_missing = BTreeSet::new();
    for found in walk(&corpus, &classifier).files {
        let Some(source_target) = Target::of(found.detected.dialect) else { continue };
        let text = std::fs::read_to_string(&found.path).unwrap();
        let source = Snapshot::new(Some(found.path.clone()), text, Some(found.detected.clone()), None, TextShape::Flat);
        for &via in Target::ALL.iter().filter(|t| **t != source_target) {
            let forward = convert(&source, via).unwrap_or_else(|e| panic!("{}: {e}", found.path.display()));
            written += 1;
            if forward.notes.iter().any(|n| n.kind == NoteKind::Missing) {
                told_missing.insert(written.to_string());
            }
            let root = out_dir.path().join(written.to_string());
            let forward_path = root.join(&forward.path);
            std::fs::create_dir_all(forward_path.parent().unwrap()).unwrap();
            std::fs::write(&forward_path, &forward.text).unwrap();
            let converted = snapshot(&forward_path, forward.text.clone());
            let back = convert(&converted, source_target).unwrap();
            let back_snap = snapshot(&PathBuf::from("/rt").join(&back.path), back.text.clone());
            trips += 1;
            for d in differences(&source, &back_snap, source_target, &[&forward, &back]) {
                failures.push(format!("{} via {}: {d}", found.path.display(), via.id()));
            }
            assert!(
                back.text.ends_with(&source.text.to_text()[source.body_start()..]),
                "{}: body changed",
                found.path.display()
            );
        }
    }
    assert!(trips >= 1000, "only {trips} round trips: is the corpus there?");
    assert!(failures.is_empty(), "{} of {trips} round trips lost values:\n{}", failures.len(), failures.join("\n"));
    // Every converted file: no error for its new consumer.
    let o = Command::new(env!("CARGO_BIN_EXE_agentls"))
        .args(["check", "--format", "json", "--severity", "error", "--no-ignore", "."])
        .current_dir(out_dir.path())
        .output()
        .unwrap();
    let v: Vec<serde_json::Value> = serde_json::from_slice(&o.stdout).unwrap();
    // A source without a description converts to a target that requires one: the report says
    // so (a `Missing` note), and that is the only error allowed.
    let told = |d: &serde_json::Value| {
        let dir = d["path"].as_str().unwrap_or("").trim_start_matches("./").split('/').next().unwrap_or("").to_string();
        d["code"] == "missing-required" && told_missing.contains(&dir)
    };
    let errors: Vec<String> =
        v.iter().filter(|d| !told(d)).map(|d| format!("{}: {} {}", d["path"], d["code"], d["message"])).collect();
    assert!(errors.is_empty(), "{} errors in {written} converted files:\n{}", errors.len(), errors.join("\n"));
}
