//! `$/cancelRequest` on the requests that can take long on a big workspace (issue 5:
//! references, rename, workspace symbols): the answer is the `RequestCancelled` error
//! (-32800), and the server goes on answering.

use serde_json::{json, Value};

use crate::support::lsp_client::{uri, LspClient};
use crate::support::workspace;

/// LSP's `RequestCancelled` error code.
const REQUEST_CANCELLED: i64 = -32800;

/// How many agents the workspace holds: enough that each request below takes milliseconds (in
/// a debug build), far longer than reading the `$/cancelRequest` written together with it.
const AGENTS: usize = 1000;

fn agent(i: usize) -> (String, String) {
    (
        format!(".claude/agents/agent-{i}.md"),
        format!("---\nname: agent-{i}\ndescription: Agent {i}. Use the agent-0 agent first.\ntools: Read, Agent(agent-0)\n---\nAsk @agent-agent-0.\n"),
    )
}

/// Sends `method` and its cancellation in one write, `tries` times; returns how many answers
/// were `RequestCancelled` (the others must be ordinary results).
fn cancelled(c: &mut LspClient, method: &str, params: &Value, tries: usize) -> usize {
    let mut n = 0;
    for _ in 0..tries {
        let id = c.send_request_and_cancel(method, params.clone());
        let r = c.response(id);
        match r.get("error") {
            Some(e) => {
                assert_eq!(e["code"], REQUEST_CANCELLED, "{method}: {r}");
                n += 1;
            }
            None => assert!(r.get("result").is_some(), "{method}: {r}"),
        }
    }
    n
}

#[test]
fn long_requests_can_be_cancelled() {
    let files: Vec<(String, String)> = (0..AGENTS).map(agent).collect();
    let refs: Vec<(&str, &str)> = files.iter().map(|(p, t)| (p.as_str(), t.as_str())).collect();
    let ws = workspace(&refs);
    let (mut c, _) = LspClient::start(ws.path(), &["utf-16"]);
    let first = uri(&ws.path().join(&files[0].0));
    c.open(&first, "markdown", 1, &files[0].1);
    // Wait for the cold index: every agent refers to agent-0.
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(60);
    let at_name = json!({"textDocument": {"uri": first}, "position": {"line": 1, "character": 7}});
    let with_decl = {
        let mut p = at_name.clone();
        p["context"] = json!({"includeDeclaration": true});
        p
    };
    loop {
        let r = c.request("textDocument/references", with_decl.clone());
        if r.as_array().map_or(0, Vec::len) > AGENTS {
            break;
        }
        assert!(std::time::Instant::now() < deadline, "index never completed");
        std::thread::sleep(std::time::Duration::from_millis(100));
    }

    let tries = 10;
    let mut rename = at_name.clone();
    rename["newName"] = json!("first");
    for (method, params) in [
        ("workspace/symbol", json!({"query": "agent"})),
        ("textDocument/references", with_decl.clone()),
        ("textDocument/rename", rename),
    ] {
        let n = cancelled(&mut c, method, &params, tries);
        assert!(n > 0, "{method}: none of {tries} requests was cancelled");
    }
    // Still answering, with full results.
    let r = c.request("textDocument/references", with_decl);
    assert!(r.as_array().unwrap().len() > AGENTS);
    c.shutdown();
}
