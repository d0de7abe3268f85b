//! Republishing is coalesced: an editor restoring a session opens hundreds of agents in a row,
//! each a new definition; every document is published for itself and at most once more after
//! the burst, and only documents whose cross-file findings can change (they define or
//! reference a changed name) are republished at all. Asserted by counting `publishDiagnostics`
//! per document, never by timing.

use std::collections::HashMap;
use std::time::Duration;

use serde_json::Value;

use crate::support::lsp_client::{uri, LspClient};
use crate::support::workspace;

/// An agent that delegates to the next one of the ring.
fn ring_agent(i: usize, n: usize) -> String {
    format!("---\nname: a{i}\ndescription: Agent {i}.\ntools: Read, Agent(a{})\n---\nBody {i}\n", (i + 1) % n)
}

/// Every message until the server has been quiet for `quiet`.
fn until_quiet(c: &mut LspClient, quiet: Duration) -> Vec<Value> {
    let mut all = Vec::new();
    loop {
        let batch = c.drain(quiet);
        if batch.is_empty() {
            return all;
        }
        all.extend(batch);
    }
}

#[test]
fn opening_500_agents_in_a_row_publishes_each_at_most_twice() {
    let (ring, solo) = (500, 50);
    // On disk the files exist but are empty: every opened text is a new definition.
    let paths: Vec<String> = (0..ring)
        .map(|i| format!(".claude/agents/a{i}.md"))
        .chain((0..solo).map(|i| format!(".claude/agents/solo{i}.md")))
        .collect();
    let files: Vec<(&str, &str)> = paths.iter().map(|p| (p.as_str(), "")).collect();
    let ws = workspace(&files);
    let (mut c, _) = LspClient::start(ws.path(), &[]);
    let uris: Vec<String> = paths.iter().map(|p| uri(&ws.path().join(p))).collect();
    for (i, u) in uris.iter().enumerate() {
        let text = if i < ring {
            ring_agent(i, ring)
        } else {
            format!("---\nname: solo{i}\ndescription: Stands alone.\n---\nBody\n")
        };
        c.open(u, "markdown", 1, &text);
    }
    let mut published: HashMap<String, Vec<Value>> = HashMap::new();
    for m in until_quiet(&mut c, Duration::from_secs(3)) {
        if m["method"] == "textDocument/publishDiagnostics" {
            let u = m["params"]["uri"].as_str().unwrap().to_string();
            published.entry(u).or_default().push(m["params"]["diagnostics"].clone());
        }
    }
    for (i, u) in uris.iter().enumerate() {
        let got = published.get(u).map_or(&[][..], Vec::as_slice);
        assert!(!got.is_empty(), "{u} never published");
        if i < ring {
            assert!(got.len() <= 2, "{u} published {} times", got.len());
        } else {
            assert_eq!(got.len(), 1, "{u} references nothing another file changed, yet was republished");
        }
        let last = got.last().unwrap().as_array().unwrap();
        let unresolved: Vec<&Value> = last.iter().filter(|d| d["code"] == "unknown-agent-ref").collect();
        assert!(unresolved.is_empty(), "{u}: the final publish still misses a definition: {unresolved:?}");
    }
    c.shutdown();
}
