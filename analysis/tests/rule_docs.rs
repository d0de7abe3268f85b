//! The rule documentation (`data/catalogues/rules.toml`, read by `agentls_analysis::rule_docs`)
//! covers every diagnostic code, and each example does what it says: run through the real
//! analysis — file-local rules, cross-file rules over a workspace index, then inline
//! suppressions and levels (`finalize`), as both edges do — the example produces its code and
//! the fix produces neither that code nor any error or warning. `docs/rules.md` is generated
//! from the same data by `scripts/gen-rule-docs.py`; the last test runs its `--check`.
//!
//! The workspace of an example is the folder `/w` holding only the example file: nothing else
//! exists (links to other files are broken, no other agent, skill or MCP server is defined).
//! [`OTHER_FILES`] adds the few files some examples are about (each named in its rule's
//! explanation): always for the fix, and for the example only where the finding is about two
//! files ([`NEEDS_OTHER_FILES`]). Two codes cannot be shown by running a Markdown file as it
//! is written, and are special-cased: `invalid-utf8` (the example is shown as text; the test
//! saves it as Latin-1, as a Windows editor would, and checks the bytes are not UTF-8 — what
//! `agentls check` reports) and `body-too-long` (the example marks where 30,000 more characters
//! of body would be: [`LONG_BODY_MARKER`], which the test replaces with that much text).
//! `invalid-config` is about `agentls.toml`: its example goes through `Config::parse`.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use std::process::Command;

use agentls_analysis::config::Config;
use agentls_analysis::index::links::clean;
use agentls_analysis::index::WorkspaceIndex;
use agentls_analysis::knowledge::detect_by_path;
use agentls_analysis::rule_docs::{rule_doc, rule_docs, RuleDoc};
use agentls_analysis::{
    codes, diagnostics, finalize, workspace_diagnostics, Diagnostic, Severity, Snapshot, TextShape, WorkspaceCtx,
};

/// The workspace root of every example.
const ROOT: &str = "/w";

/// Files besides the example, by code: `(code, path, text)`. A path with an empty text exists but
/// is not an agent file (a link target).
const OTHER_FILES: &[(&str, &str, &str)] = &[
    (
        "duplicate-agent-name",
        ".claude/agents/reviewer.md",
        "---\nname: reviewer\ndescription: Reviews pull requests for style.\n---\nReview the style of the diff.\n",
    ),
    (
        "skill-not-preloadable",
        ".claude/skills/deploy/SKILL.md",
        "---\nname: deploy\ndescription: Deploys the current branch to staging.\ndisable-model-invocation: true\n---\nRun `make deploy ENV=staging`.\n",
    ),
    (
        "unknown-skill",
        ".claude/skills/pdf-tools/SKILL.md",
        "---\nname: pdf-tools\ndescription: Extracts text and tables from PDF files.\n---\nUse `pdftotext -layout`.\n",
    ),
    (
        "unknown-agent-ref",
        ".github/agents/implementer.agent.md",
        "---\nname: implementer\ndescription: Implements a plan.\n---\nImplement the plan step by step.\n",
    ),
    ("broken-link", "docs/style-guide.md", ""),
    (
        "agent-cycle",
        ".claude/agents/fixer.md",
        "---\nname: fixer\ndescription: Fixes one reported problem, then has it reviewed again.\ntools: Read, Edit\n---\nFix the problem you are given, then ask @agent-reviewer to review the change again.\n",
    ),
];

/// Codes whose example needs [`OTHER_FILES`] to produce the code at all.
const NEEDS_OTHER_FILES: &[&str] = &["duplicate-agent-name", "skill-not-preloadable", "agent-cycle"];

/// Fixes that are the example moved elsewhere (the finding is about where the file is): the
/// path the fix is checked at, which the explanation names.
const FIX_PATHS: &[(&str, &str)] = &[("wrong-location", ".github/copilot-instructions.md")];

/// The line of the `body-too-long` example that stands for 30,000 more characters of body.
const LONG_BODY_MARKER: &str = "<!-- … 30,000 more characters of instructions … -->";

/// The fixes that may keep a warning or an error of another code, and why (none today).
const FIX_MAY_WARN: &[(&str, &str)] = &[];

fn workspace_path(rel: &str) -> PathBuf {
    Path::new(ROOT).join(rel)
}

fn other_files(code: &str) -> Vec<(PathBuf, &'static str)> {
    OTHER_FILES.iter().filter(|(c, _, _)| *c == code).map(|(_, p, t)| (workspace_path(p), *t)).collect()
}

fn snapshot(path: &Path, text: &str) -> Snapshot {
    let detected = detect_by_path(path, None);
    Snapshot::new(Some(path.to_path_buf()), text.to_string(), detected, None, TextShape::Flat)
}

/// What a user sees for `text` at `rel` in a workspace that also holds `others`.
fn findings(rel: &str, text: &str, others: &[(PathBuf, &str)]) -> Vec<Diagnostic> {
    let path = workspace_path(rel);
    let snap = snapshot(&path, text);
    assert!(snap.detected.is_some(), "{rel} is not an agent file for agentls");
    let index = WorkspaceIndex::new(vec![PathBuf::from(ROOT)]);
    index.upsert(snap.summary().expect("an agent file has a summary"));
    for (p, t) in others.iter().filter(|(_, t)| !t.is_empty()) {
        index.upsert(snapshot(p, t).summary().expect("the other files are agent files"));
    }
    let files: Vec<&Path> = std::iter::once(path.as_path()).chain(others.iter().map(|(p, _)| p.as_path())).collect();
    // Files and the folders that hold them exist; nothing else does (`..` resolved, as the
    // file system would).
    let exists = |p: &Path| {
        let p = clean(p);
        files.iter().any(|f| f.starts_with(&p) && p.starts_with(ROOT))
    };
    let ws = WorkspaceCtx { index: &index, exists: &exists };
    let mut all = diagnostics(&snap);
    all.extend(workspace_diagnostics(&snap, &ws));
    finalize(&snap, all)
}

fn show(found: &[Diagnostic], text: &str) -> String {
    let mut out = String::new();
    for d in found {
        let at = text.get(d.range.start..d.range.end).unwrap_or("?");
        out.push_str(&format!("  {}[{}] at `{at}`: {}\n", d.severity.as_str(), d.code, d.message));
    }
    out
}

/// The example as the test runs it (see the module documentation).
fn runnable_example(doc: &RuleDoc) -> String {
    if doc.code == "body-too-long" {
        assert!(doc.example.contains(LONG_BODY_MARKER), "the body-too-long example lacks {LONG_BODY_MARKER:?}");
        let filler = "Check every changed line against the checklist above. ".repeat(600);
        return doc.example.replace(LONG_BODY_MARKER, filler.trim_end());
    }
    doc.example.clone()
}

#[test]
fn every_code_has_exactly_one_rule_doc() {
    let known: BTreeSet<&str> = codes().iter().map(|c| c.code.as_str()).collect();
    let mut seen = BTreeSet::new();
    for doc in rule_docs() {
        assert!(
            known.contains(doc.code.as_str()),
            "rules.toml documents `{}`, which is not a diagnostic code",
            doc.code
        );
        assert!(seen.insert(doc.code.as_str()), "rules.toml documents `{}` twice", doc.code);
    }
    let missing: Vec<&&str> = known.difference(&seen).collect();
    assert!(missing.is_empty(), "rules.toml does not document {missing:?}");
}

#[test]
fn rule_docs_are_complete() {
    for doc in rule_docs() {
        let code = &doc.code;
        for (what, text) in [("explanation", &doc.explanation), ("example", &doc.example), ("fix", &doc.fix)] {
            assert!(!text.trim().is_empty(), "`{code}`: empty {what}");
        }
        // `invalid-utf8`: the fix is the same text in another encoding; [`FIX_PATHS`]: the same
        // file in another place.
        if code != "invalid-utf8" && fix_path(doc) == doc.example_path {
            assert_ne!(doc.example, doc.fix, "`{code}`: the fix is the example");
        }
        assert!(
            !doc.example_path.starts_with('/') && !doc.example_path.contains(".."),
            "`{code}`: example_path must be relative to the workspace root"
        );
        for (_, path, _) in OTHER_FILES.iter().filter(|(c, _, _)| c == code) {
            assert!(doc.explanation.contains(path), "`{code}`: the explanation must name the other file `{path}`");
        }
        if let Some((_, fixed_at)) = FIX_PATHS.iter().find(|(c, _)| c == code) {
            assert!(
                doc.explanation.contains(fixed_at),
                "`{code}`: the explanation must name where the fix is, `{fixed_at}`"
            );
        }
    }
}

#[test]
fn every_example_produces_its_code_and_its_fix_does_not() {
    let mut failures = String::new();
    for doc in rule_docs() {
        let code = doc.code.as_str();
        match code {
            "invalid-config" => check_config_example(doc, &mut failures),
            "invalid-utf8" => check_utf8_example(doc, &mut failures),
            _ => check_file_example(doc, &mut failures),
        }
    }
    assert!(failures.is_empty(), "{failures}");
}

fn check_file_example(doc: &RuleDoc, failures: &mut String) {
    let code = doc.code.as_str();
    let others = other_files(code);
    let example = runnable_example(doc);
    let with = if NEEDS_OTHER_FILES.contains(&code) { others.as_slice() } else { &[] };
    let found = findings(&doc.example_path, &example, with);
    if !found.iter().any(|d| d.code == code) {
        failures.push_str(&format!(
            "`{code}`: the example ({}) does not produce `{code}`; it produces:\n{}",
            doc.example_path,
            show(&found, &example)
        ));
    }
    check_fix(doc, &findings(fix_path(doc), &doc.fix, &others), failures);
}

/// Where the fix is checked: the example's path, or the path [`FIX_PATHS`] gives.
fn fix_path(doc: &RuleDoc) -> &str {
    FIX_PATHS.iter().find(|(c, _)| *c == doc.code).map_or(doc.example_path.as_str(), |(_, p)| p)
}

fn check_fix(doc: &RuleDoc, found: &[Diagnostic], failures: &mut String) {
    let code = doc.code.as_str();
    let may_warn = FIX_MAY_WARN.iter().any(|(c, _)| *c == code);
    let bad: Vec<Diagnostic> = found
        .iter()
        .filter(|d| d.code == code || (!may_warn && matches!(d.severity, Severity::Error | Severity::Warning)))
        .cloned()
        .collect();
    if !bad.is_empty() {
        failures.push_str(&format!(
            "`{code}`: the fix still produces `{code}` or another error or warning:\n{}",
            show(&bad, &doc.fix)
        ));
    }
}

fn check_config_example(doc: &RuleDoc, failures: &mut String) {
    assert_eq!(doc.example_path, "agentls.toml", "the invalid-config example is a configuration file");
    let (_, problems) = Config::parse(&doc.example, Path::new(ROOT));
    if problems.is_empty() {
        failures.push_str("`invalid-config`: the example configuration has no problem\n");
    }
    let (_, problems) = Config::parse(&doc.fix, Path::new(ROOT));
    if !problems.is_empty() {
        failures.push_str(&format!("`invalid-config`: the fixed configuration still has problems: {problems:?}\n"));
    }
}

/// The example, saved as Latin-1 (every character is one byte), is not UTF-8 — what `agentls
/// check` reports as `invalid-utf8`; the fix (the same text, saved as UTF-8) is a clean file.
fn check_utf8_example(doc: &RuleDoc, failures: &mut String) {
    let latin1: Option<Vec<u8>> = doc.example.chars().map(|c| u8::try_from(u32::from(c)).ok()).collect();
    match latin1 {
        Some(bytes) if std::str::from_utf8(&bytes).is_err() => {}
        Some(_) => failures.push_str("`invalid-utf8`: the example saved as Latin-1 is valid UTF-8\n"),
        None => failures.push_str("`invalid-utf8`: the example has characters Latin-1 cannot save\n"),
    }
    check_fix(doc, &findings(&doc.example_path, &doc.fix, &[]), failures);
}

#[test]
fn other_files_are_clean() {
    // The files an example relies on must not themselves be what the reader sees as a finding.
    for (code, path, text) in OTHER_FILES.iter().filter(|(_, _, t)| !t.is_empty()) {
        let found: Vec<Diagnostic> = findings(path, text, &other_files(code))
            .into_iter()
            .filter(|d| matches!(d.severity, Severity::Error | Severity::Warning))
            .collect();
        assert!(found.is_empty(), "{path} (for `{code}`):\n{}", show(&found, text));
    }
    assert!(rule_doc("unknown-tool").is_some());
}

#[test]
fn docs_rules_md_is_generated_from_the_rule_docs() {
    let repo = Path::new(env!("CARGO_MANIFEST_DIR")).join("..");
    let out = Command::new("python3")
        .arg(repo.join("scripts/gen-rule-docs.py"))
        .arg("--check")
        .output()
        .expect("python3 runs the generator");
    assert!(
        out.status.success(),
        "docs/rules.md differs from the rule documentation:\n{}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    // The generator keeps its own copy of `FIX_PATHS` (it shows where those fixes go).
    let page = std::fs::read_to_string(repo.join("docs/rules.md")).unwrap();
    for (code, path) in FIX_PATHS {
        assert!(page.contains(&format!("moved to `{path}`")), "docs/rules.md does not show the `{code}` fix at {path}");
    }
}
