//! Fixes over every real file (the shared corpus) and every fixture: each fix (a) keeps the
//! frontmatter parseable by the strict YAML parser whenever it was before, (b) removes a finding
//! of the code it fixes, (c) adds no error; and fixing everything (`--fix --unsafe-fixes`) is
//! idempotent — a second run changes nothing — and adds no error, checked both through the
//! analysis and through the real `agentls check` on a copy of the corpus.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::Command;

use agentls::discover::{index_roots, Classifier};
use agentls_analysis::fix::{apply_edits, fix_document, fixes, FixCtx, Safety, TextEdit};
use agentls_analysis::syntax::Parsed;
use agentls_analysis::{
    diagnostics, finalize, workspace_diagnostics, Diagnostic, Severity, Snapshot, TextShape, WorkspaceCtx,
};

use crate::support::{repo, shared};

/// True when the text has a frontmatter the strict parser accepts (`None`: no frontmatter).
fn strict_ok(text: &str) -> Option<bool> {
    Parsed::new(text).frontmatter.map(|f| f.strict_error.is_none())
}

/// Errors per code.
fn errors(found: &[Diagnostic]) -> BTreeMap<&'static str, usize> {
    let mut out = BTreeMap::new();
    for d in found.iter().filter(|d| d.severity == Severity::Error) {
        *out.entry(d.code).or_default() += 1;
    }
    out
}

/// What breaks the properties in one file (empty: none).
fn check_file(snap: &Snapshot, ws: &WorkspaceCtx) -> Vec<String> {
    let findings = |s: &Snapshot| {
        let mut all = diagnostics(s);
        all.extend(workspace_diagnostics(s, ws));
        finalize(s, all)
    };
    let reparse = |text: String| Snapshot::new(snap.path.clone(), text, snap.detected.clone(), None, TextShape::Flat);
    let text = snap.text.to_text().into_owned();
    let before = findings(snap);
    let (strict_before, errors_before) = (strict_ok(&text), errors(&before));
    let cx = FixCtx { ws: Some(ws), read: &|_: &Path| None, file_ops: false };
    let mut problems = Vec::new();
    for d in &before {
        for f in fixes(snap, d, &cx).into_iter().filter(agentls_analysis::fix::Fix::is_local) {
            let edits: Vec<TextEdit> = f.document_edits().cloned().collect();
            let Some(after) = apply_edits(&text, &edits) else {
                problems.push(format!("{}: `{}` has edits that do not apply", d.code, f.title));
                continue;
            };
            let fixed = findings(&reparse(after.clone()));
            let count = |all: &[Diagnostic]| all.iter().filter(|x| x.code == d.code).count();
            if strict_before == Some(true) && strict_ok(&after) != Some(true) {
                problems.push(format!("{}: `{}` breaks the strict YAML", d.code, f.title));
            }
            if count(&fixed) >= count(&before) {
                problems.push(format!("{}: `{}` leaves the finding", d.code, f.title));
            }
            let new_errors = errors(&fixed).into_iter().filter(|(c, n)| errors_before.get(c).is_none_or(|b| n > b));
            for (c, _) in new_errors {
                problems.push(format!("{}: `{}` adds an error {c}", d.code, f.title));
            }
            let catalogue = agentls_analysis::code_info(d.code).and_then(|i| i.fix);
            if !catalogue.is_some_and(|k| k.allows(f.safety)) {
                problems.push(format!(
                    "{}: `{}` is {} but the catalogue says {catalogue:?}",
                    d.code,
                    f.title,
                    f.safety.as_str()
                ));
            }
        }
    }
    if let Some(all) = fix_document(snap, &findings, &cx, Safety::Unsafe) {
        let again = reparse(all.text.clone());
        if fix_document(&again, &findings, &cx, Safety::Unsafe).is_some() {
            problems.push("fixing everything twice changes the text again".into());
        }
        if strict_before == Some(true) && strict_ok(&all.text) != Some(true) {
            problems.push("fixing everything breaks the strict YAML".into());
        }
        let new_errors =
            errors(&findings(&again)).into_iter().filter(|(c, n)| errors_before.get(c).is_none_or(|b| n > b));
        problems.extend(new_errors.map(|(c, _)| format!("fixing everything adds an error {c}")));
    }
    problems
}

/// Every agent file under `root`, checked; the problems by file.
fn check_tree(root: &Path) -> (usize, Vec<String>) {
    let cache = Classifier::default();
    let root = std::path::absolute(root).unwrap();
    let index = index_roots(std::slice::from_ref(&root), &cache);
    let exists = |p: &Path| p.exists();
    let ws = WorkspaceCtx { index: &index, exists: &exists };
    let mut files = 0;
    let mut problems = Vec::new();
    for entry in ignore::WalkBuilder::new(&root).hidden(false).build().flatten() {
        let p = entry.path();
        let Some(det) = cache.detect(p) else { continue };
        let Ok(text) = std::fs::read_to_string(p) else { continue };
        files += 1;
        let snap = cache.snapshot(p, text, Some(det), TextShape::Flat);
        problems.extend(check_file(&snap, &ws).into_iter().map(|m| format!("{}: {m}", p.display())));
    }
    (files, problems)
}

#[test]
fn every_fix_of_the_corpus_keeps_the_yaml_removes_its_finding_and_adds_no_error() {
    let (files, problems) = check_tree(&shared().join("corpus"));
    assert!(files > 1000, "{files} files");
    assert!(problems.is_empty(), "{} problems:\n{}", problems.len(), problems.join("\n"));
}

#[test]
fn every_fix_of_the_fixtures_keeps_the_yaml_removes_its_finding_and_adds_no_error() {
    let (files, problems) = check_tree(&repo().join("tests/fixtures"));
    assert!(files > 50, "{files} files");
    assert!(problems.is_empty(), "{} problems:\n{}", problems.len(), problems.join("\n"));
}

/// Copies `from` to `to` (files only).
fn copy_tree(from: &Path, to: &Path) {
    for entry in ignore::WalkBuilder::new(from).hidden(false).ignore(false).git_ignore(false).build().flatten() {
        let rel = entry.path().strip_prefix(from).unwrap();
        let dest: PathBuf = to.join(rel);
        if entry.path().is_dir() {
            std::fs::create_dir_all(&dest).unwrap();
        } else {
            std::fs::copy(entry.path(), &dest).unwrap();
        }
    }
}

/// Errors per code from `agentls check --output-format json`.
fn cli_errors(dir: &Path) -> BTreeMap<String, usize> {
    let out = Command::new(env!("CARGO_BIN_EXE_agentls"))
        .args(["check", "--output-format", "json", "."])
        .current_dir(dir)
        .output()
        .unwrap();
    let all: Vec<serde_json::Value> = serde_json::from_slice(&out.stdout).unwrap();
    let mut counts = BTreeMap::new();
    for d in all.iter().filter(|d| d["severity"] == "error") {
        *counts.entry(d["code"].as_str().unwrap().to_string()).or_default() += 1;
    }
    counts
}

#[test]
fn check_fix_on_a_copy_of_the_corpus_is_idempotent_and_adds_no_error() {
    let dir = tempfile::tempdir().unwrap();
    copy_tree(&shared().join("corpus"), dir.path());
    let before = cli_errors(dir.path());
    let run = |args: &[&str]| {
        Command::new(env!("CARGO_BIN_EXE_agentls")).args(args).current_dir(dir.path()).output().unwrap()
    };
    let first = run(&["check", "--unsafe-fixes", "--output-format", "json", "."]);
    let stderr = String::from_utf8_lossy(&first.stderr);
    assert!(matches!(first.status.code(), Some(0 | 1)), "{stderr}");
    assert!(stderr.contains("Fixed "), "{stderr}");
    let after = cli_errors(dir.path());
    for (code, n) in &after {
        assert!(before.get(code).is_some_and(|b| n <= b), "{code}: {n} errors after, {:?} before", before.get(code));
    }
    let second = run(&["check", "--unsafe-fixes", "--diff", "."]);
    assert_eq!(
        second.status.code(),
        Some(0),
        "a second run would change:\n{}",
        String::from_utf8_lossy(&second.stdout)
    );
    assert!(second.stdout.is_empty());
}
