//! Property 1: after any sequence of random incremental edits, `Snapshot::edited` has the text
//! the reference model computes (same edits, same clamping, on a plain `String`), and the same
//! frontmatter parse, line scan, diagnostics and Markdown tree as a fresh `Snapshot` of that
//! text.

use proptest::prelude::*;

use agentls_analysis::TextShape;

use crate::harness;
use crate::strategies::{batch, config, document, resolve_batch};

proptest! {
    #![proptest_config(config(768, 512))]

    #[test]
    fn edited_snapshot_equals_model_and_fresh_snapshot(
        kind in 0usize..4,
        start in document(),
        batches in prop::collection::vec(batch(), 1..10),
    ) {
        let mut model = start.clone();
        let mut snap = harness::snapshot(kind, start.clone(), TextShape::Rope);
        let mut history = Vec::new();
        for (i, (unit, specs)) in batches.iter().enumerate() {
            let changes = resolve_batch(specs, &mut model, *unit);
            let prev_clean = harness::tree_clean(&snap);
            snap = harness::edit(&snap, &changes, *unit, i as i32 + 2);
            history.push((*unit, changes));
            harness::check_edited(&snap, &model, true, prev_clean, &(&start, &history));
        }
    }

    /// Keystrokes that never ask for the Markdown tree keep none, and a tree built after many
    /// edits (incrementally, from the last one built) equals a fresh parse.
    #[test]
    fn tree_is_built_only_when_asked(
        start in document(),
        batches in prop::collection::vec(batch(), 1..6),
    ) {
        let mut model = start.clone();
        let mut snap = harness::snapshot(0, start, TextShape::Rope);
        let _ = snap.markdown();
        for (i, (unit, specs)) in batches.iter().enumerate() {
            let changes = resolve_batch(specs, &mut model, *unit);
            snap = harness::edit(&snap, &changes, *unit, i as i32 + 2);
            prop_assert_eq!(&*snap.text.to_text(), model.as_str());
        }
        let fresh = harness::snapshot(0, model.clone(), TextShape::Flat);
        prop_assert_eq!(agentls_analysis::diagnostics(&snap), agentls_analysis::diagnostics(&fresh));
        let clean = fresh.markdown().is_some_and(|t| !t.root_node().has_error());
        if clean {
            prop_assert_eq!(
                snap.markdown().map(|t| t.root_node().to_sexp()),
                fresh.markdown().map(|t| t.root_node().to_sexp())
            );
        }
    }
}
