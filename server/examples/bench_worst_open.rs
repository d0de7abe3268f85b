//! Open → first `publishDiagnostics` over the real protocol for the four worst shapes of
//! issue 15 (not a test): starts the release `agentls server` like an editor does, opens one
//! generated agent file (`server/benches/worst.rs` generates the shapes), and measures the time
//! from writing `didOpen` to reading that document's first `publishDiagnostics`, then
//! `documentSymbol` on it. Each shape runs in a fresh server, `--runs` times (default 3);
//! prints min / median / max in milliseconds and the number of diagnostics published.
//!
//! - `tools-mcp`: `tools:` naming 100,000 `mcp__sK__tN` entries (block list);
//! - `tools-flow`: `tools:` as one flow list on one line, 70,000 items;
//! - `tools-comma`: `tools:` as one 100,000-item comma string;
//! - `duplicate-keys`: 100,000 repetitions of one key.
//!
//! ```sh
//! cargo build --release && cargo run --release --example bench_worst_open
//! cargo run --release --example bench_worst_open -- tools-mcp --runs 5
//! ```

#[path = "../../tests/e2e/support/lsp_client.rs"]
#[allow(dead_code)]
mod lsp_client;
#[path = "../benches/worst.rs"]
#[allow(dead_code)]
mod worst;

use std::time::Instant;

use lsp_client::{uri, LspClient};
use serde_json::json;

/// The issue's four rows: (shape, items).
const ROWS: &[(&str, usize)] =
    &[("tools-mcp", 100_000), ("tools-flow", 70_000), ("tools-comma", 100_000), ("duplicate-keys", 100_000)];

/// One run: (open → first publish, documentSymbol, diagnostics published), times in ms.
fn run(shape: &str, n: usize) -> (f64, f64, usize) {
    let dir = tempfile::tempdir().expect("temp dir");
    let (rel, text) = worst::worst_case(shape, n);
    let path = dir.path().join(rel);
    std::fs::create_dir_all(path.parent().unwrap()).unwrap();
    let u = uri(&path);
    let (mut client, _) = LspClient::start(dir.path(), &["utf-16"]);
    let t = Instant::now();
    client.open(&u, "markdown", 1, &text);
    let published = client.diagnostics(&u, 1).len();
    let open_ms = t.elapsed().as_secs_f64() * 1e3;
    let t = Instant::now();
    client.request("textDocument/documentSymbol", json!({"textDocument": {"uri": u}}));
    let symbols_ms = t.elapsed().as_secs_f64() * 1e3;
    client.shutdown();
    (open_ms, symbols_ms, published)
}

fn spread(mut v: Vec<f64>) -> String {
    v.sort_by(f64::total_cmp);
    format!("min {:>7.1}  median {:>7.1}  max {:>7.1} ms", v[0], v[v.len() / 2], v[v.len() - 1])
}

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let mut runs = 3;
    let mut only = Vec::new();
    let mut it = args.iter();
    while let Some(a) = it.next() {
        match a.as_str() {
            "--runs" => runs = it.next().and_then(|n| n.parse().ok()).expect("--runs N"),
            s => only.push(s.to_string()),
        }
    }
    for &(shape, n) in ROWS.iter().filter(|(s, _)| only.is_empty() || only.iter().any(|o| o == s)) {
        let bytes = worst::worst_case(shape, n).1.len();
        let results: Vec<_> = (0..runs).map(|_| run(shape, n)).collect();
        println!("{shape} ({n} items, {} KB)", bytes / 1024);
        println!("  open → first publishDiagnostics  {}", spread(results.iter().map(|r| r.0).collect()));
        println!("  documentSymbol                   {}", spread(results.iter().map(|r| r.1).collect()));
        println!("  diagnostics published            {}", results[0].2);
    }
}
