//! What an editor asks for beside diagnostics (`cargo bench -p agentls -- lens`): the hover on
//! `---` (the per-runtime verdict: file-local and cross-file findings against the corpus index),
//! the code lenses resolved (verdict title, reference count), inlay hints — on the seeds, and on
//! the worst shapes of `worst.rs` (10,000 and 100,000 findings in one file), where a verdict must
//! stay linear in the number of findings.

use std::path::Path;

use agentls::discover::Classifier;
use agentls_analysis::index::WorkspaceIndex;
use agentls_analysis::text::TextRange;
use agentls_analysis::{hover, inlay, lens, Snapshot, TextShape, WorkspaceCtx};
use divan::counter::ItemsCount;

use crate::{exists, index, snapshot, target, SEEDS};

#[divan::bench(args = SEEDS)]
fn hover_on_the_delimiter(bencher: divan::Bencher, name: &str) {
    let (file, as_path) = target(name);
    let snap = snapshot(&file, &as_path);
    let ws = WorkspaceCtx { index: index(), exists: &exists };
    bencher.bench_local(|| hover::hover(&snap, 1, Some(&ws)).expect("a verdict"));
}

#[divan::bench(args = SEEDS)]
fn code_lenses_resolved(bencher: divan::Bencher, name: &str) {
    let (file, as_path) = target(name);
    let snap = snapshot(&file, &as_path);
    let ws = WorkspaceCtx { index: index(), exists: &exists };
    bencher.bench_local(|| {
        let title = lens::verdict_title(&snap, Some(&ws));
        let refs = lens::references(&snap, &ws).map(|r| r.title());
        (lens::lenses(&snap), title, refs)
    });
}

#[divan::bench(args = SEEDS)]
fn inlay_hints(bencher: divan::Bencher, name: &str) {
    let (file, as_path) = target(name);
    let snap = snapshot(&file, &as_path);
    let all = TextRange::new(0, snap.text.len());
    bencher.bench_local(|| inlay::inlay_hints(&snap, all));
}

/// The verdict title (every finding judged for every reader) on a worst shape.
fn worst_verdict(bencher: divan::Bencher, what: &str, n: usize) {
    let (rel, text) = crate::worst::worst_case(what, n);
    let path = Path::new("/ws").join(rel);
    let snap = Snapshot::new(Some(path.clone()), text, Classifier::default().detect(&path), Some(1), TextShape::Rope);
    let index = WorkspaceIndex::new(vec!["/ws".into()]);
    let ws = WorkspaceCtx { index: &index, exists: &|_: &Path| false };
    bencher.counter(ItemsCount::new(n)).bench_local(|| lens::verdict_title(&snap, Some(&ws)));
}

#[divan::bench(args = [10_000, 100_000], sample_count = 5)]
fn worst_verdict_unknown_tools(bencher: divan::Bencher, n: usize) {
    worst_verdict(bencher, "tools-list", n);
}

#[divan::bench(args = [10_000, 100_000], sample_count = 5)]
fn worst_verdict_unknown_keys(bencher: divan::Bencher, n: usize) {
    worst_verdict(bencher, "keys", n);
}

/// 100,000 tools and as many disallowed ones: the effective set stays linear.
#[divan::bench(args = [10_000, 100_000], sample_count = 5)]
fn worst_inlay_tool_set(bencher: divan::Bencher, n: usize) {
    let item = |i: usize| format!("  - mcp__s{}__t{i}\n", i % 50);
    let tools = (0..n).map(item).collect::<Vec<_>>().concat();
    let denied = (0..n).step_by(2).map(item).collect::<Vec<_>>().concat();
    let text = format!("---\nname: w\ndescription: W.\ntools:\n{tools}disallowedTools:\n{denied}---\n");
    let path = Path::new("/ws/.claude/agents/w.md");
    let snap = Snapshot::new(Some(path.into()), text, Classifier::default().detect(path), Some(1), TextShape::Rope);
    let all = TextRange::new(0, snap.text.len());
    bencher.counter(ItemsCount::new(n)).bench_local(|| inlay::inlay_hints(&snap, all));
}
