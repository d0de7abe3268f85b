//! The shapes that cost most (`cargo bench -p agentls -- worst`): one agent file holding
//! 10,000 and 100,000 items of one kind, analysed as the server does on open — snapshot, index
//! summary, file-local and cross-file diagnostics, suppressions and levels (with the fold past
//! `FOLD_AFTER` findings per code), LSP conversion in UTF-16. Divan reports items per second:
//! linear analysis keeps the 100,000 case within 2× of the 10,000 case per item.
//!
//! - `tools` as a block list of unknown names, of MCP tools (`mcp__s<k>__t<i>`, 50 servers),
//!   as one comma string, and as one flow list on one line;
//! - 100,000 distinct unknown keys, and 100,000 repetitions of one key;
//! - VS Code handoffs (to agents that do not exist);
//! - a `description` scalar of `n` × 10 bytes;
//! - body links to missing files.

use std::path::Path;

use agentls::discover::Classifier;
use agentls_analysis::index::WorkspaceIndex;
use agentls_analysis::text::ColumnUnit;
use agentls_analysis::{diagnostics, finalize, workspace_diagnostics, Snapshot, TextShape, WorkspaceCtx};
use divan::counter::ItemsCount;

const SIZES: &[usize] = &[10_000, 100_000];

/// One file of the shape `what` with `n` items, and the workspace-relative path it lives at.
pub fn worst_case(what: &str, n: usize) -> (&'static str, String) {
    let claude = ".claude/agents/worst.md";
    let head = "---\nname: worst\ndescription: Worst case.\n";
    let text = match what {
        "tools-list" => format!("{head}tools:\n{}---\nBody\n", lines(n, |i| format!("  - Tool{i}\n"))),
        "tools-mcp" => format!("{head}tools:\n{}---\nBody\n", lines(n, |i| format!("  - mcp__s{}__t{i}\n", i % 50))),
        "tools-comma" => format!("{head}tools: {}\n---\nBody\n", joined(n, |i| format!("Tool{i}"))),
        "tools-flow" => format!("{head}tools: [{}]\n---\nBody\n", joined(n, |i| format!("Tool{i}"))),
        "keys" => format!("{head}{}---\nBody\n", lines(n, |i| format!("key{i}: v\n"))),
        "duplicate-keys" => format!("{head}{}---\nBody\n", lines(n, |_| "model: sonnet\n".to_string())),
        "scalar" => format!("---\nname: worst\ndescription: {}\n---\nBody\n", "0123456789".repeat(n)),
        "links" => format!("{head}---\n{}", lines(n, |i| format!("See [part {i}](./missing-{i}.md).\n"))),
        "handoffs" => {
            let items = lines(n, |i| format!("  - label: Go {i}\n    agent: missing-{i}\n    prompt: Continue\n"));
            return (
                ".github/agents/worst.agent.md",
                format!("---\ndescription: Worst case.\nhandoffs:\n{items}---\nBody\n"),
            );
        }
        other => panic!("unknown shape {other}"),
    };
    (claude, text)
}

fn lines(n: usize, line: impl Fn(usize) -> String) -> String {
    (0..n).map(line).collect()
}

fn joined(n: usize, item: impl Fn(usize) -> String) -> String {
    (0..n).map(item).collect::<Vec<_>>().join(", ")
}

fn exists(_: &Path) -> bool {
    false
}

/// Everything the server does with a newly opened document, up to the LSP diagnostics.
fn open(rel: &str, text: String, index: &WorkspaceIndex) -> usize {
    let path = Path::new("/ws").join(rel);
    let snap = Snapshot::new(Some(path.clone()), text, Classifier::default().detect(&path), Some(1), TextShape::Rope);
    if let Some(s) = snap.summary() {
        index.upsert(s);
    }
    let ws = WorkspaceCtx { index, exists: &exists };
    let mut all = diagnostics(&snap);
    all.extend(workspace_diagnostics(&snap, &ws));
    let shown = finalize(&snap, all);
    let lsp: Vec<_> =
        shown.iter().map(|d| agentls::lsp::convert::diagnostic(&snap, d, ColumnUnit::Utf16, true)).collect();
    divan::black_box(lsp).len()
}

fn bench(bencher: divan::Bencher, what: &str, n: usize) {
    let (rel, text) = worst_case(what, n);
    let index = WorkspaceIndex::new(vec!["/ws".into()]);
    bencher.counter(ItemsCount::new(n)).with_inputs(|| text.clone()).bench_local_values(|t| open(rel, t, &index));
}

#[divan::bench(args = SIZES, sample_count = 10)]
fn worst_tools_list(bencher: divan::Bencher, n: usize) {
    bench(bencher, "tools-list", n);
}

#[divan::bench(args = SIZES, sample_count = 10)]
fn worst_tools_mcp(bencher: divan::Bencher, n: usize) {
    bench(bencher, "tools-mcp", n);
}

#[divan::bench(args = SIZES, sample_count = 10)]
fn worst_tools_comma(bencher: divan::Bencher, n: usize) {
    bench(bencher, "tools-comma", n);
}

#[divan::bench(args = SIZES, sample_count = 10)]
fn worst_tools_flow(bencher: divan::Bencher, n: usize) {
    bench(bencher, "tools-flow", n);
}

#[divan::bench(args = SIZES, sample_count = 10)]
fn worst_keys(bencher: divan::Bencher, n: usize) {
    bench(bencher, "keys", n);
}

#[divan::bench(args = SIZES, sample_count = 10)]
fn worst_duplicate_keys(bencher: divan::Bencher, n: usize) {
    bench(bencher, "duplicate-keys", n);
}

#[divan::bench(args = [1_000, 10_000], sample_count = 10)]
fn worst_handoffs(bencher: divan::Bencher, n: usize) {
    bench(bencher, "handoffs", n);
}

/// `n` × 10 bytes of one scalar: 100 KB and 1 MB.
#[divan::bench(args = SIZES, sample_count = 10)]
fn worst_scalar(bencher: divan::Bencher, n: usize) {
    bench(bencher, "scalar", n);
}

#[divan::bench(args = SIZES, sample_count = 10)]
fn worst_links(bencher: divan::Bencher, n: usize) {
    bench(bencher, "links", n);
}
