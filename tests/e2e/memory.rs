//! Bounded memory (Linux: the server's resident set from `/proc/<pid>/status`, `VmRSS`).
//!
//! *Start* is the resident set after a warm-up that runs the same workload at a tenth of its
//! size (1,000 documents opened and closed, or 10,000 edits): by then the catalogues, regular
//! expressions, the blocking threads and their allocator arenas, and the index of the workspace
//! exist, so what remains to grow is what the workload leaves behind — documents never
//! forgotten, superseded snapshots kept, per-document maps never pruned. The workload at full
//! size (10,000 documents opened and closed; 100,000 edits to one document that leave its text
//! as it was) must then end within 10 % of start.
//!
//! Every batch waits for its `publishDiagnostics`, so the server has done the work (and could
//! have dropped what it no longer needs) before the next one; the end is measured once the
//! server is quiet.
#![cfg(target_os = "linux")]

use std::time::Duration;

use serde_json::json;

use crate::support::lsp_client::{uri, LspClient};
use crate::support::workspace;

/// `VmRSS` of `pid`, in KiB.
fn rss_kib(pid: u32) -> u64 {
    let status = std::fs::read_to_string(format!("/proc/{pid}/status")).unwrap();
    let line = status.lines().find(|l| l.starts_with("VmRSS:")).expect("a VmRSS line");
    line.split_whitespace().nth(1).and_then(|n| n.parse().ok()).expect("VmRSS in kB")
}

/// Lets the server finish what it scheduled: republishing after a burst waits 200 ms, giving
/// freed memory back after closes 500 ms (`lsp::trim`).
fn settle(c: &mut LspClient) {
    c.drain(Duration::from_secs(1));
}

/// An agent that references others and has findings (cross-file ones included), so each
/// document costs what a real one does.
fn agent(i: usize) -> String {
    format!(
        "---\nname: agent-{i}\ndescription: Agent {i}.\ntools: Read, Grep, Agent(agent-{}), Docker\nmodel: sonnet\n---\nUse the agent-{} agent. See [x](./missing-{i}.md).\n",
        i + 1,
        i + 2
    )
}

fn ws() -> tempfile::TempDir {
    workspace(&[
        (".claude/agents/planner.md", "---\nname: planner\ndescription: Plans.\ntools: Read\n---\nPlan.\n"),
        (
            ".claude/agents/reviewer.md",
            "---\nname: reviewer\ndescription: Reviews.\ntools: Read, Agent(agent-7)\n---\nAsk the agent-3 agent.\n",
        ),
    ])
}

/// Opens and closes `n` documents (not on disk), `batch` at a time, numbered from `first`.
fn open_close(c: &mut LspClient, root: &std::path::Path, first: usize, n: usize) {
    const BATCH: usize = 100;
    for b in (first..first + n).step_by(BATCH) {
        let uris: Vec<String> = (b..b + BATCH).map(|i| uri(&root.join(format!(".claude/agents/a{i}.md")))).collect();
        for (k, u) in uris.iter().enumerate() {
            c.open(u, "markdown", 1, &agent(b + k));
        }
        for u in &uris {
            c.diagnostics(u, 1);
        }
        for u in &uris {
            c.notify("textDocument/didClose", json!({"textDocument": {"uri": u}}));
        }
    }
}

/// A ratio as a percentage, for messages.
fn percent(after: u64, start: u64) -> f64 {
    (after as f64 / start as f64 - 1.0) * 100.0
}

/// Documents opened and closed before start.
const WARM_UP: usize = 3_000;

#[test]
fn opening_and_closing_10000_documents_returns_rss_to_start() {
    let ws = ws();
    let (mut c, _) = LspClient::start(ws.path(), &["utf-16"]);
    open_close(&mut c, ws.path(), 0, WARM_UP);
    settle(&mut c);
    let start = rss_kib(c.pid());
    let mut seen = Vec::new();
    for k in 0..10 {
        open_close(&mut c, ws.path(), WARM_UP + 1_000 * k, 1_000);
        seen.push(rss_kib(c.pid()));
    }
    settle(&mut c);
    let after = rss_kib(c.pid());
    eprintln!("open/close: RSS after each 1,000 documents {seen:?} KiB");
    eprintln!("open/close: start {start} KiB, after 10,000 documents {after} KiB ({:+.1} %)", percent(after, start));
    assert!(after * 10 <= start * 11, "RSS grew from {start} KiB to {after} KiB ({:+.1} %)", percent(after, start));
    c.shutdown();
}

/// Sends `n` edits to `u` (from `version` on), 2,000 per `didChange` burst; each pair inserts a
/// word into the description and removes it again. Returns the last version.
fn edit(c: &mut LspClient, u: &str, mut version: i64, n: usize) -> i64 {
    for k in 0..n / 2 {
        let col = 13 + (k % 7) as u32;
        version += 1;
        c.change(u, version, [(2, col), (2, col)], "word ");
        version += 1;
        c.change(u, version, [(2, col), (2, col + 5)], "");
        // Every 2,000 edits the server catches up (the last version is awaited after the loop:
        // a publish is consumed once).
        if k % 1_000 == 999 && k + 1 < n / 2 {
            c.diagnostics(u, version);
        }
    }
    c.diagnostics(u, version);
    version
}

#[test]
fn one_hundred_thousand_edits_return_rss_to_start() {
    let ws = ws();
    let (mut c, _) = LspClient::start(ws.path(), &["utf-16"]);
    let u = uri(&ws.path().join(".claude/agents/edited.md"));
    let text = format!("{}{}", agent(0), "Some prose to keep the body realistic.\n".repeat(200));
    c.open(&u, "markdown", 1, &text);
    c.diagnostics(&u, 1);
    let version = edit(&mut c, &u, 1, 10_000);
    settle(&mut c);
    let start = rss_kib(c.pid());
    edit(&mut c, &u, version, 100_000);
    settle(&mut c);
    let after = rss_kib(c.pid());
    eprintln!("edits: start {start} KiB, after 100,000 edits {after} KiB ({:+.1} %)", percent(after, start));
    assert!(after * 10 <= start * 11, "RSS grew from {start} KiB to {after} KiB ({:+.1} %)", percent(after, start));
    c.shutdown();
}
