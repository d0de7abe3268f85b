//! Property 3, through the real server over stdio: random incremental `didChange` sequences on
//! an open `.claude/agents/x.md` (positions in the negotiated encoding, UTF-8 or UTF-16), then
//! the diagnostics published for the last version equal those of a fresh `didOpen` of the final
//! text (computed by the reference model) in a second document of the same folder.

use proptest::prelude::*;
use serde_json::{json, Value};

use crate::lsp_client::{uri, LspClient};
use crate::strategies::{batch, config, document, resolve_batch};
use agentls_analysis::text::ColumnUnit;

/// (code, severity, range, message) of each diagnostic, sorted.
fn normalised(diags: &[Value]) -> Vec<(String, i64, Value, String)> {
    let mut out: Vec<_> = diags
        .iter()
        .map(|d| {
            (
                d["code"].as_str().unwrap_or("").to_string(),
                d["severity"].as_i64().unwrap_or(0),
                d["range"].clone(),
                d["message"].as_str().unwrap_or("").to_string(),
            )
        })
        .collect();
    out.sort_by(|a, b| format!("{a:?}").cmp(&format!("{b:?}")));
    out
}

fn position(p: agentls_analysis::text::LineCol) -> Value {
    json!({"line": p.line, "character": p.col})
}

proptest! {
    #![proptest_config(config(32, 24))]

    #[test]
    fn server_diagnostics_after_edits_equal_fresh_open(
        utf8 in any::<bool>(),
        start in document(),
        batches in prop::collection::vec(batch(), 1..8),
    ) {
        let ws = tempfile::tempdir().unwrap();
        let (encodings, unit): (&[&str], _) =
            if utf8 { (&["utf-8", "utf-16"], ColumnUnit::Utf8) } else { (&["utf-16"], ColumnUnit::Utf16) };
        let (mut c, init) = LspClient::start(ws.path(), encodings);
        prop_assert_eq!(&init["capabilities"]["positionEncoding"], if utf8 { "utf-8" } else { "utf-16" });

        let x = uri(&ws.path().join(".claude/agents/x.md"));
        c.open(&x, "markdown", 1, &start);
        let mut model = start.clone();
        let mut version = 1;
        for (_, specs) in &batches {
            // The batch's own unit is ignored: a server has one negotiated encoding.
            let changes = resolve_batch(specs, &mut model, unit);
            version += 1;
            let content: Vec<Value> = changes
                .iter()
                .map(|ch| match ch.range {
                    Some((s, e)) => json!({"range": {"start": position(s), "end": position(e)}, "text": ch.text}),
                    None => json!({"text": ch.text}),
                })
                .collect();
            c.notify(
                "textDocument/didChange",
                json!({"textDocument": {"uri": x, "version": version}, "contentChanges": content}),
            );
        }
        let edited = normalised(&c.diagnostics(&x, version));
        c.notify("textDocument/didClose", json!({"textDocument": {"uri": x}}));

        let y = uri(&ws.path().join(".claude/agents/y.md"));
        c.open(&y, "markdown", 1, &model);
        let fresh = normalised(&c.diagnostics(&y, 1));
        c.shutdown();
        prop_assert_eq!(edited, fresh, "final text {:?}", model);
    }
}
