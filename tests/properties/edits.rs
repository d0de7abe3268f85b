//! Property 1: after any sequence of random incremental edits, `Snapshot::edited` has the text
//! the reference model computes (same edits, same clamping, on a plain `String`), and the same
//! diagnostics and Markdown tree as a fresh `Snapshot` of that text.

use proptest::prelude::*;

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
        let mut snap = harness::snapshot(kind, start.clone(), true);
        let mut history = Vec::new();
        for (i, (unit, specs)) in batches.iter().enumerate() {
            let changes = resolve_batch(specs, &mut model, *unit);
            let prev_clean = harness::tree_clean(&snap);
            snap = snap.edited(&changes, *unit, Some(i as i32 + 2));
            history.push((*unit, changes));
            harness::check_edited(&snap, &model, true, prev_clean, &(&start, &history));
        }
    }

    /// Without a Markdown tree (the bulk path never builds one) edits keep text and analysis too.
    #[test]
    fn edited_without_tree_equals_model(
        start in document(),
        batches in prop::collection::vec(batch(), 1..6),
    ) {
        let mut model = start.clone();
        let mut snap = harness::snapshot(0, start, false);
        for (i, (unit, specs)) in batches.iter().enumerate() {
            let changes = resolve_batch(specs, &mut model, *unit);
            snap = snap.edited(&changes, *unit, Some(i as i32 + 2));
            prop_assert_eq!(&*snap.text, model.as_str());
            prop_assert!(snap.markdown.is_none());
        }
        let fresh = harness::snapshot(0, model.clone(), false);
        prop_assert_eq!(agentls_analysis::diagnostics(&snap), agentls_analysis::diagnostics(&fresh));
    }
}
