//! Keystroke and completion latency percentiles, server-side (not a test): for a document,
//! type characters one by one and measure, per keystroke, what the server does before
//! `publishDiagnostics` — apply the incremental change (rope, tree-sitter-md reparse, frontmatter
//! parse), file-local and cross-file diagnostics, conversion to LSP diagnostics — and a completion
//! and a hover at the cursor. Prints p50 / p99 / max in microseconds.
//!
//! ```sh
//! cargo run --release --example bench_latency -- ../shared/corpus/awesome-copilot/instructions/azure-logic-apps-power-automate.instructions.md
//! cargo run --release --example bench_latency -- --all-seeds
//! ```

use std::path::{Path, PathBuf};
use std::time::Instant;

use agentls::discover::{index_roots, PluginCache};
use agentls::lsp::convert;
use agentls_analysis::text::{ColumnUnit, LineCol};
use agentls_analysis::{completion, diagnostics, hover, workspace_diagnostics, Change, Snapshot, WorkspaceCtx};

fn percentiles(mut v: Vec<f64>) -> String {
    v.sort_by(|a, b| a.total_cmp(b));
    let p = |q: f64| v[((v.len() as f64 - 1.0) * q).round() as usize];
    format!("p50 {:>7.1} µs  p99 {:>7.1} µs  max {:>7.1} µs  (n={})", p(0.5), p(0.99), v[v.len() - 1], v.len())
}

fn run(path: &Path, detected_path: &Path, ws: &WorkspaceCtx) {
    let text = std::fs::read_to_string(path).expect("readable file");
    let cache = PluginCache::default();
    let detected = cache.detect(detected_path);
    let mut snap = Snapshot::new(Some(detected_path.to_path_buf()), text, detected, Some(1), true);
    // Type in the body, then in the frontmatter (a description value).
    let body_line = snap.line_index.line_of(snap.parsed.top.body_start) as u32 + 1;
    let mut keystroke = Vec::new();
    let mut completion_t = Vec::new();
    for i in 0..1000u32 {
        let line = if i % 2 == 0 { body_line } else { 2 };
        let pos = LineCol { line, col: 5 + i / 2 % 40 };
        let t = Instant::now();
        let next =
            snap.edited(&[Change { range: Some((pos, pos)), text: "x".into() }], ColumnUnit::Utf16, Some(i as i32 + 2));
        let mut d = diagnostics(&next);
        d.extend(workspace_diagnostics(&next, ws));
        let lsp: Vec<_> = d.iter().map(|x| convert::diagnostic(&next, x, ColumnUnit::Utf16, true)).collect();
        std::hint::black_box(lsp);
        keystroke.push(t.elapsed().as_secs_f64() * 1e6);
        let offset = next.line_index.offset(&next.text, pos, ColumnUnit::Utf16);
        let t = Instant::now();
        std::hint::black_box(completion::complete(&next, offset, Some(ws)));
        std::hint::black_box(hover::hover(&next, offset, Some(ws)));
        completion_t.push(t.elapsed().as_secs_f64() * 1e6);
        snap = next;
    }
    println!("{} ({} bytes)", path.display(), snap.text.len());
    println!("  keystroke → diagnostics  {}", percentiles(keystroke));
    println!("  completion + hover       {}", percentiles(completion_t));
}

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let corpus = std::path::absolute(concat!(env!("CARGO_MANIFEST_DIR"), "/../../shared/corpus")).expect("path");
    let index = index_roots(std::slice::from_ref(&corpus), &PluginCache::default());
    let exists = |p: &Path| p.exists();
    let ws = WorkspaceCtx { index: &index, exists: &exists };
    let files: Vec<(PathBuf, PathBuf)> = if args.first().map(String::as_str) == Some("--all-seeds") {
        let mut seeds: Vec<PathBuf> =
            std::fs::read_dir(corpus.join("seeds")).expect("seeds").map(|e| e.unwrap().path()).collect();
        seeds.sort();
        // Seeds are analysed as Claude subagents, as if placed under `.claude/agents/`.
        seeds.into_iter().map(|p| (p.clone(), Path::new("/ws/.claude/agents").join(p.file_name().unwrap()))).collect()
    } else {
        args.iter().map(|a| (PathBuf::from(a), std::path::absolute(a).unwrap())).collect()
    };
    for (path, as_path) in files {
        run(&path, &as_path, &ws);
    }
}
