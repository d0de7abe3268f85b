//! Benchmarks (divan): `cargo bench -p agentls`. Speed is measured here, never in tests.
//!
//! - keystroke → diagnostics, in process: everything the server does per keystroke (rope edit,
//!   the new snapshot, index update, file-local + cross-file diagnostics, LSP conversion, and
//!   dropping the old snapshot) on generated prose agents of 64 KB, 1 MB and 10 MB and on the
//!   seeds;
//! - completion and hover;
//! - cold workspace index of the corpus and of 1,000 / 10,000 generated agent files;
//! - `agentls check` over the corpus (the release binary, as a user runs it);
//! - the shapes that cost most (`worst`): 10,000 vs 100,000 items in one file.
//!
//! Percentiles over the real protocol (p50/p99, keystroke → `publishDiagnostics`) come from
//! `cargo run --release --example bench_latency`.

use std::path::{Path, PathBuf};
use std::sync::OnceLock;

use agentls::discover::{index_roots, Classifier};
use agentls_analysis::index::WorkspaceIndex;
use agentls_analysis::text::{ByteEdit, ColumnUnit, TextRange};
use agentls_analysis::{completion, diagnostics, hover, workspace_diagnostics, Snapshot, TextShape, WorkspaceCtx};

mod generate;
mod lens;
mod security;
mod worst;

fn main() {
    divan::main();
}

fn corpus() -> PathBuf {
    std::path::absolute(concat!(env!("CARGO_MANIFEST_DIR"), "/../../shared/corpus")).expect("corpus path")
}

fn index() -> &'static WorkspaceIndex {
    static I: OnceLock<WorkspaceIndex> = OnceLock::new();
    I.get_or_init(|| index_roots(&[corpus()], &Classifier::default()))
}

fn exists(p: &Path) -> bool {
    p.exists()
}

/// A snapshot of `file`, analysed as if it lived at `as_path`.
fn snapshot(file: &Path, as_path: &Path) -> Snapshot {
    let text = std::fs::read_to_string(file).expect("readable");
    Snapshot::new(Some(as_path.to_path_buf()), text, Classifier::default().detect(as_path), Some(1), TextShape::Rope)
}

const LARGEST: &str = "awesome-copilot/instructions/azure-logic-apps-power-automate.instructions.md";
const SEEDS: &[&str] = &[
    "000_72f7cfec94b6d2b8.md",
    "001_b2c078a95ffc8006.md",
    "002_d434945e9f6c1b9d.md",
    "003_2150ecda94c0e37d.md",
    "004_1e65144114ff67ca.md",
];

fn target(name: &str) -> (PathBuf, PathBuf) {
    if name.ends_with(".instructions.md") {
        let p = corpus().join(name);
        (p.clone(), p)
    } else {
        (corpus().join("seeds").join(name), Path::new("/ws/.claude/agents").join(name))
    }
}

/// One keystroke as the server handles it: a character typed at `offset` of `snap`, the new
/// snapshot, its index entry and its diagnostics in LSP form.
fn keystroke(snap: &Snapshot, offset: usize, index: &WorkspaceIndex) -> Snapshot {
    let agentls_analysis::text::DocText::Rope(rope) = &snap.text else { unreachable!() };
    let mut rope = rope.clone();
    rope.insert(rope.byte_to_char(offset), "x");
    let next = snap.edited(rope, ByteEdit { old: TextRange::empty(offset), new_len: 1 }, Some(2));
    if let Some(s) = next.summary() {
        index.upsert(s);
    }
    let ws = WorkspaceCtx { index, exists: &exists };
    let mut d = diagnostics(&next);
    d.extend(workspace_diagnostics(&next, &ws));
    let lsp: Vec<_> = d.iter().map(|x| agentls::lsp::convert::diagnostic(&next, x, ColumnUnit::Utf16, true)).collect();
    divan::black_box(lsp);
    next
}

#[divan::bench(args = [LARGEST, SEEDS[0], SEEDS[1], SEEDS[2], SEEDS[3], SEEDS[4]])]
fn keystroke_in_the_body(bencher: divan::Bencher, name: &str) {
    let (file, as_path) = target(name);
    let snap = snapshot(&file, &as_path);
    let offset = snap.body_start() + 3.min(snap.text.len() - snap.body_start());
    bencher.bench_local(|| keystroke(&snap, offset, index()));
}

/// Generated prose subagents of 64 KB, 1 MB and 10 MB: a keystroke in the body and one in the
/// `description`.
#[divan::bench(args = [64 << 10, 1 << 20, 10 << 20], sample_count = 200)]
fn keystroke_in_a_prose_agent(bencher: divan::Bencher, size: usize) {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join(".claude/agents/prose.md");
    let snap = Snapshot::new(
        Some(path.clone()),
        generate::prose_agent(size),
        Classifier::default().detect(&path),
        Some(1),
        TextShape::Rope,
    );
    let index = WorkspaceIndex::new(vec![dir.path().to_path_buf()]);
    let body = snap.text.len() - 2;
    let description = snap.head.find("Reviews").unwrap();
    let mut n = 0usize;
    bencher.bench_local(|| {
        n += 1;
        keystroke(&snap, if n.is_multiple_of(2) { body } else { description }, &index)
    });
}

#[divan::bench(args = ["model", "tools", "key"])]
fn completion_in_a_subagent(bencher: divan::Bencher, what: &str) {
    let text = "---\nname: r\ndescription: d\nmodel: \ntools: Read, \nco\n---\nBody\n";
    let snap = Snapshot::new(
        Some("/ws/.claude/agents/r.md".into()),
        text.into(),
        Classifier::default().detect(Path::new("/ws/.claude/agents/r.md")),
        Some(1),
        TextShape::Rope,
    );
    let offset = match what {
        "model" => text.find("model: ").unwrap() + 7,
        "tools" => text.find("Read, ").unwrap() + 6,
        _ => text.find("\nco").unwrap() + 3,
    };
    let ws = WorkspaceCtx { index: index(), exists: &exists };
    bencher.bench_local(|| completion::complete(&snap, offset, Some(&ws)));
}

#[divan::bench]
fn hover_on_a_tool(bencher: divan::Bencher) {
    let (file, as_path) = target(SEEDS[4]);
    let snap = snapshot(&file, &as_path);
    let offset = snap.head.find("MultiEdit").unwrap() + 2;
    let ws = WorkspaceCtx { index: index(), exists: &exists };
    bencher.bench_local(|| hover::hover(&snap, offset, Some(&ws)));
}

#[divan::bench(sample_count = 10)]
fn cold_index_of_the_corpus(bencher: divan::Bencher) {
    let root = corpus();
    bencher.bench(|| index_roots(std::slice::from_ref(&root), &Classifier::default()).len());
}

#[divan::bench(args = [1_000, 10_000], sample_count = 5)]
fn cold_index_of_generated_files(bencher: divan::Bencher, n: usize) {
    let dir = tempfile::tempdir().expect("temp dir");
    generate::generate(dir.path(), n);
    let root = dir.path().to_path_buf();
    bencher.bench(|| index_roots(std::slice::from_ref(&root), &Classifier::default()).len());
}

#[divan::bench(sample_count = 10)]
fn check_the_corpus_release_binary(bencher: divan::Bencher) {
    let bin = Path::new(env!("CARGO_MANIFEST_DIR")).join("../target/release/agentls");
    if !bin.exists() {
        eprintln!("build the release binary first (cargo build --release) to bench `check`");
        return;
    }
    let root = corpus();
    bencher.bench(|| {
        std::process::Command::new(&bin)
            .arg("check")
            .arg(&root)
            .stdout(std::process::Stdio::null())
            .status()
            .expect("runs")
    });
}

/// What one `textDocument/codeAction` computes, without the protocol: the fixes of every finding
/// of a seed (seed 003: an unquoted `: ` and more) in a workspace of the corpus.
#[divan::bench]
fn fixes_of_every_finding_of_a_seed(bencher: divan::Bencher) {
    let (file, at) = target(SEEDS[3]);
    let snap = snapshot(&file, &at);
    let ws = WorkspaceCtx { index: index(), exists: &exists };
    let mut found = diagnostics(&snap);
    found.extend(workspace_diagnostics(&snap, &ws));
    let cx = agentls_analysis::fix::FixCtx { ws: Some(&ws), read: &|_: &Path| None, file_ops: true };
    bencher.bench(|| found.iter().map(|d| agentls_analysis::fix::fixes(&snap, d, &cx).len()).sum::<usize>());
}

/// Every fix of every corpus file applied in memory, pass after pass (`check --unsafe-fixes`
/// without the file system), file-local findings only.
#[divan::bench(sample_count = 5)]
fn fix_everything_in_the_corpus_in_process(bencher: divan::Bencher) {
    let cache = Classifier::default();
    let snaps: Vec<Snapshot> = ignore::WalkBuilder::new(corpus())
        .hidden(false)
        .build()
        .flatten()
        .filter_map(|e| {
            let det = cache.detect(e.path())?;
            let text = std::fs::read_to_string(e.path()).ok()?;
            Some(Snapshot::new(Some(e.path().to_path_buf()), text, Some(det), None, TextShape::Flat))
        })
        .collect();
    let cx = agentls_analysis::fix::FixCtx::local();
    bencher.bench(|| {
        snaps
            .iter()
            .filter_map(|s| {
                agentls_analysis::fix::fix_document(s, &diagnostics, &cx, agentls_analysis::fix::Safety::Unsafe)
            })
            .map(|f| f.fixed)
            .sum::<usize>()
    });
}

/// `agentls check --unsafe-fixes --diff` over the corpus (the release binary: every fix
/// computed, nothing written).
#[divan::bench(sample_count = 5)]
fn check_fix_diff_of_the_corpus_release_binary(bencher: divan::Bencher) {
    let bin = Path::new(env!("CARGO_MANIFEST_DIR")).join("../target/release/agentls");
    if !bin.exists() {
        eprintln!("build the release binary first (cargo build --release) to bench `check --diff`");
        return;
    }
    let root = corpus();
    bencher.bench(|| {
        std::process::Command::new(&bin)
            .args(["check", "--unsafe-fixes", "--diff"])
            .arg(&root)
            .stdout(std::process::Stdio::null())
            .stderr(std::process::Stdio::null())
            .status()
            .expect("runs")
    });
}
