//! `agentls check` over the whole shared corpus: no panic, every Markdown file classified
//! (a dialect, or "not an agent file" by the discovery rules), counts per code printed.

use std::collections::BTreeMap;
use std::process::Command;

use serde_json::Value;

use crate::support::shared;

#[test]
fn checks_the_whole_corpus_and_classifies_every_file() {
    let corpus = shared().join("corpus");
    let out =
        Command::new(env!("CARGO_BIN_EXE_agentls")).args(["check", "--statistics"]).arg(&corpus).output().unwrap();
    let code = out.status.code().expect("exited normally, no signal");
    assert!(code == 0 || code == 1, "exit {code}: {}", String::from_utf8_lossy(&out.stderr));
    let text = String::from_utf8_lossy(&out.stdout);
    let summary = text.lines().find(|l| l.contains("files checked")).expect("summary line");
    let checked: usize = summary.rsplit('(').next().unwrap().split_whitespace().next().unwrap().parse().unwrap();

    // Every .md file is either checked (its path gives a dialect) or silently not an agent file.
    let cache = agentls::discover::Classifier::default();
    let mut total = 0;
    let mut by_dialect: BTreeMap<&str, usize> = BTreeMap::new();
    for entry in ignore::WalkBuilder::new(&corpus).hidden(false).build().flatten() {
        let p = entry.path();
        if p.extension().is_some_and(|e| e == "md") {
            total += 1;
            *by_dialect.entry(cache.detect(p).map_or("not an agent file", |d| d.dialect.id())).or_default() += 1;
        }
    }
    let not_agent = by_dialect.get("not an agent file").copied().unwrap_or(0);
    assert_eq!(checked + not_agent, total, "{by_dialect:?}");
    assert!(checked > 1000, "{by_dialect:?}");
    println!("corpus: {total} Markdown files: {by_dialect:?}");

    // Counts per code, from the JSON output.
    let out =
        Command::new(env!("CARGO_BIN_EXE_agentls")).args(["check", "--format", "json"]).arg(&corpus).output().unwrap();
    let all: Vec<Value> = serde_json::from_slice(&out.stdout).unwrap();
    let mut per_code: BTreeMap<String, usize> = BTreeMap::new();
    for d in &all {
        *per_code
            .entry(format!("{} ({})", d["code"].as_str().unwrap(), d["severity"].as_str().unwrap()))
            .or_default() += 1;
    }
    println!("findings per code over the corpus:");
    for (c, n) in &per_code {
        println!("  {n:>6}  {c}");
    }
    assert!(text.contains("findings per code:"));
}

#[test]
fn every_corpus_file_survives_the_analysis_entry_points_at_every_line() {
    // Diagnostics, completion and hover at the start, middle and end of every frontmatter line
    // of every corpus file: none may panic.
    // Body offsets are sampled more sparsely; with the workspace index of the whole corpus.
    let cache = agentls::discover::Classifier::default();
    let root = std::path::absolute(shared().join("corpus")).unwrap();
    let index = agentls::discover::index_roots(std::slice::from_ref(&root), &cache);
    let exists = |p: &std::path::Path| p.exists();
    let ws = agentls_analysis::WorkspaceCtx { index: &index, exists: &exists };
    for entry in ignore::WalkBuilder::new(&root).hidden(false).build().flatten() {
        let p = entry.path();
        let Some(det) = cache.detect(p) else { continue };
        let text = std::fs::read_to_string(p).unwrap();
        let snap = agentls_analysis::Snapshot::new(
            Some(p.to_path_buf()),
            text,
            Some(det),
            None,
            agentls_analysis::TextShape::Rope,
        );
        agentls_analysis::diagnostics(&snap);
        agentls_analysis::workspace_diagnostics(&snap, &ws);
        agentls_analysis::navigate::document_symbols(&snap);
        let end = snap.parsed.top.body_start.min(snap.text.len());
        let mut offsets: Vec<usize> = (0..end).step_by(7).chain((end..snap.text.len()).step_by(97)).collect();
        offsets.push(snap.text.len());
        for off in offsets.into_iter().filter(|&i| snap.text.floor_boundary(i) == i) {
            agentls_analysis::completion::complete(&snap, off, Some(&ws));
            agentls_analysis::hover::hover(&snap, off, Some(&ws));
            agentls_analysis::navigate::definition(&snap, off, &ws);
        }
    }
}
