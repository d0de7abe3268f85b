//! The five seeds (`shared/corpus/seeds`) placed under `.claude/agents/`: every finding of
//! formats.md §5 at its value's own range, through `agentls check --format json` and through
//! the language server. Seed 002 is also placed as `.github/agents/x.agent.md`.

use std::collections::BTreeSet;
use std::process::Command;

use serde_json::Value;

use crate::support::lsp_client::{uri, LspClient};
use crate::support::shared;

/// (file, code, severity, start line, start col, end line, end col) — 1-based, characters.
type Finding = (String, String, String, u64, u64, u64, u64);

fn seed(n: u32) -> (String, String) {
    let dir = shared().join("corpus/seeds");
    let entry = std::fs::read_dir(&dir)
        .expect("shared/corpus/seeds")
        .map(|e| e.unwrap().path())
        .find(|p| p.file_name().unwrap().to_string_lossy().starts_with(&format!("{n:03}_")))
        .unwrap();
    (entry.file_name().unwrap().to_string_lossy().into_owned(), std::fs::read_to_string(entry).unwrap())
}

/// 1-based line and character columns of the `nth` occurrence of `needle` in `text`.
fn span(text: &str, needle: &str, nth: usize) -> (u64, u64, u64, u64) {
    let start = text.match_indices(needle).nth(nth).unwrap_or_else(|| panic!("{needle} #{nth}")).0;
    let pos = |off: usize| {
        let before = &text[..off];
        let line = before.matches('\n').count() as u64 + 1;
        let col = before[before.rfind('\n').map_or(0, |i| i + 1)..].chars().count() as u64 + 1;
        (line, col)
    };
    let (l1, c1) = pos(start);
    let (l2, c2) = pos(start + needle.len());
    (l1, c1, l2, c2)
}

fn finding(file: &str, code: &str, sev: &str, s: (u64, u64, u64, u64)) -> Finding {
    (file.to_string(), code.to_string(), sev.to_string(), s.0, s.1, s.2, s.3)
}

/// `agentls check --format json` on `root`, which must exit with `exit`.
fn check_json(root: &std::path::Path, exit: i32) -> Vec<Finding> {
    let out =
        Command::new(env!("CARGO_BIN_EXE_agentls")).args(["check", "--format", "json"]).arg(root).output().unwrap();
    assert_eq!(out.status.code(), Some(exit), "{}", String::from_utf8_lossy(&out.stderr));
    let all: Vec<Value> = serde_json::from_slice(&out.stdout).unwrap();
    all.iter()
        .map(|d| {
            let file = d["path"].as_str().unwrap().rsplit('/').next().unwrap().to_string();
            let r = &d["range"];
            let n = |v: &Value| v.as_u64().unwrap();
            (
                file,
                d["code"].as_str().unwrap().into(),
                d["severity"].as_str().unwrap().into(),
                n(&r["start"]["line"]),
                n(&r["start"]["column"]),
                n(&r["end"]["line"]),
                n(&r["end"]["column"]),
            )
        })
        .collect()
}

fn expected() -> BTreeSet<Finding> {
    let seeds: Vec<(String, String)> = (0..5).map(seed).collect();
    let mut e = BTreeSet::new();
    let (f0, t0) = &seeds[0];
    e.insert(finding(f0, "unknown-tool", "warning", span(t0, "Docker", 0)));
    e.insert(finding(f0, "unknown-tool", "warning", span(t0, "Git", 0)));
    let (f1, t1) = &seeds[1];
    for i in 0..t1.matches("Task tool").count() {
        e.insert(finding(f1, "renamed-tool", "information", span(t1, "Task", i)));
    }
    let (f2, t2) = &seeds[2];
    e.insert(finding(f2, "unknown-model", "warning", span(t2, "claude-4-5-opus", 0)));
    e.insert(finding(f2, "unknown-field", "warning", span(t2, "triggers", 0)));
    e.insert(finding(f2, "unknown-field", "warning", span(t2, "handoffs", 0)));
    let x = "x.agent.md";
    e.insert(finding(x, "unknown-model", "warning", span(t2, "claude-4-5-opus", 0)));
    e.insert(finding(x, "unknown-field", "warning", span(t2, "triggers", 0)));
    for (i, target) in
        ["application-architecture-agent", "data-architecture-agent", "devops-agent", "orchestrator"].iter().enumerate()
    {
        let key = span(t2, "target", i);
        e.insert(finding(x, "handoff-target-key", "warning", key));
        let value = span(t2, &format!("target: {target}"), 0);
        e.insert(finding(x, "missing-required", "warning", value));
        // The targets are resolved against the workspace: none of them exists.
        e.insert(finding(x, "unknown-agent-ref", "warning", span(t2, &format!("target: {target}"), 0)).with_cols(8, 0));
    }
    // Seeds 000 and 004 point at absolute paths of their authors' machines.
    for (f, t, prefix) in [(f0, t0, "/home/john/"), (&seeds[4].0, &seeds[4].1, "/opt/sutazaiapp/")] {
        for (at, _) in t.match_indices(prefix) {
            let len = t[at..].find(|c: char| c.is_whitespace() || ")`'\"<>,;".contains(c)).unwrap_or(t.len() - at);
            let path = &t[at..at + len];
            let nth = t[..at].matches(path).count();
            e.insert(finding(f, "path-outside-workspace", "information", span(t, path, nth)));
        }
    }
    let (f3, t3) = &seeds[3];
    let desc3 = t3.lines().nth(2).unwrap().strip_prefix("description: ").unwrap();
    e.insert(finding(f3, "yaml-strict", "warning", span(t3, desc3, 0)));
    let (f4, t4) = &seeds[4];
    let desc4 = t4.lines().nth(2).unwrap().strip_prefix("description: ").unwrap();
    e.insert(finding(f4, "yaml-strict", "warning", span(t4, desc4, 0)));
    e.insert(finding(f4, "unknown-field", "warning", span(t4, "proactive_triggers", 0)));
    e.insert(finding(f4, "renamed-tool", "warning", span(t4, "MultiEdit", 0)));
    e.insert(finding(f4, "renamed-tool", "warning", span(t4, " LS,", 0)).with_cols(1, -1));
    e.insert(finding(f4, "renamed-tool", "information", span(t4, "Task,", 0)).with_cols(0, -1));
    e.insert(finding(f4, "tool-availability", "information", span(t4, "TodoWrite", 0)));
    // Unrestricted Bash beside WebSearch: the prompt-injection exfiltration path (security).
    e.insert(finding(f4, "shell-with-web-access", "warning", span(t4, "Bash", 0)));
    e
}

trait Cols {
    fn with_cols(self, start: i64, end: i64) -> Self;
}

impl Cols for Finding {
    fn with_cols(mut self, start: i64, end: i64) -> Self {
        self.4 = (self.4 as i64 + start) as u64;
        self.6 = (self.6 as i64 + end) as u64;
        self
    }
}

fn seeded_workspace() -> tempfile::TempDir {
    let ws = tempfile::tempdir().unwrap();
    let agents = ws.path().join(".claude/agents");
    std::fs::create_dir_all(&agents).unwrap();
    for n in 0..5 {
        let (name, text) = seed(n);
        std::fs::write(agents.join(name), text).unwrap();
    }
    let gh = ws.path().join(".github/agents");
    std::fs::create_dir_all(&gh).unwrap();
    std::fs::write(gh.join("x.agent.md"), seed(2).1).unwrap();
    ws
}

#[test]
fn seeds_match_the_spec_findings_with_ranges() {
    let ws = seeded_workspace();
    let expected = expected();
    // No seed has an error: every consumer loads them (the .agent.md copy's handoffs without
    // `agent` are ignored, not dropped).
    let got: BTreeSet<Finding> = check_json(ws.path(), 0).into_iter().collect();
    let missing: Vec<_> = expected.difference(&got).collect();
    let extra: Vec<_> = got.difference(&expected).collect();
    assert!(missing.is_empty() && extra.is_empty(), "missing: {missing:#?}\nextra: {extra:#?}");
}

#[test]
fn the_language_server_reports_the_same_findings() {
    let ws = seeded_workspace();
    let cli: BTreeSet<(String, String, u64, u64)> =
        check_json(ws.path(), 0).into_iter().map(|f| (f.0, f.1, f.3, f.4)).collect();
    let (mut c, _) = LspClient::start(ws.path(), &["utf-32", "utf-16"]);
    let mut lsp = BTreeSet::new();
    let mut files: Vec<_> = (0..5).map(|n| ws.path().join(".claude/agents").join(seed(n).0)).collect();
    files.push(ws.path().join(".github/agents/x.agent.md"));
    for path in files {
        let u = uri(&path);
        c.open(&u, "markdown", 7, &std::fs::read_to_string(&path).unwrap());
        for d in c.diagnostics(&u, 7) {
            let name = path.file_name().unwrap().to_string_lossy().into_owned();
            // Frontmatter of the seeds is ASCII up to each finding, so UTF-16 columns equal
            // character columns.
            lsp.insert((
                name,
                d["code"].as_str().unwrap().to_string(),
                d["range"]["start"]["line"].as_u64().unwrap() + 1,
                d["range"]["start"]["character"].as_u64().unwrap() + 1,
            ));
        }
    }
    c.shutdown();
    assert_eq!(cli, lsp);
}

#[test]
fn unquoted_colon_with_crlf_is_an_error_and_other_findings_remain() {
    let (_, text) = seed(4);
    let crlf = text.replace("\r\n", "\n").replace('\n', "\r\n");
    let ws = tempfile::tempdir().unwrap();
    let dir = ws.path().join(".claude/agents");
    std::fs::create_dir_all(&dir).unwrap();
    std::fs::write(dir.join("crlf.md"), &crlf).unwrap();
    let got = check_json(ws.path(), 1);
    let codes: BTreeSet<&str> = got.iter().map(|f| f.1.as_str()).collect();
    assert!(codes.contains("yaml-crlf-colon") && !codes.contains("yaml-strict"), "{codes:?}");
    let crlf_finding = got.iter().find(|f| f.1 == "yaml-crlf-colon").unwrap();
    assert_eq!((crlf_finding.2.as_str(), crlf_finding.3, crlf_finding.4), ("error", 3, 14));
    for other in ["unknown-field", "renamed-tool", "tool-availability"] {
        assert!(codes.contains(other), "{other} still reported: {codes:?}");
    }
}
