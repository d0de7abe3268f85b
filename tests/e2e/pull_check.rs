//! `agentls.checkWorkspace` for pull and push clients, and which clients get pull diagnostics
//! at all: only those the server can ask to pull again (`workspace.diagnostics.refreshSupport`).

use std::time::Duration;

use serde_json::{json, Value};

use crate::support::lsp_client::{uri, LspClient, Start};
use crate::support::workspace;

const BROKEN: &str = "---\nname: b\ndescription: B.\ntools: Read, Docker\n---\nB\n";
const GOOD: &str = "---\nname: g\ndescription: G.\ntools: Read\n---\nG\n";
/// `g.md` as edited in the editor and not saved: one finding the disk does not have.
const EDITED: &str = "---\nname: g\ndescription: G.\ntools: Read, Kubectl\n---\nG\n";

fn capabilities(refresh: bool) -> Value {
    json!({
        "general": {"positionEncodings": ["utf-16"]},
        "window": {"workDoneProgress": true},
        "workspace": {"diagnostics": {"refreshSupport": refresh}},
        "textDocument": {"diagnostic": {"dynamicRegistration": false, "relatedDocumentSupport": false}}
    })
}

/// Answers the server's pending `workspace/diagnostic/refresh` requests (the cold index and the
/// open document may have asked) and drops everything else received so far.
fn settle(c: &mut LspClient) {
    for m in c.drain(Duration::from_millis(500)) {
        if m["method"] == "workspace/diagnostic/refresh" {
            c.respond(m["id"].clone(), Value::Null);
        }
    }
}

/// A pull client (VS Code) drops pushed diagnostics: the check asks it to pull again, before it
/// answers, and its counts cover every agent file, the open one with its unsaved text.
#[test]
fn check_workspace_asks_a_pull_client_to_pull_again_and_counts_open_files() {
    let ws = workspace(&[(".claude/agents/b.md", BROKEN), (".claude/agents/g.md", GOOD)]);
    let start = Start { capabilities: Some(capabilities(true)), ..Start::default() };
    let (mut c, init) = LspClient::start_opts(ws.path(), &[], start);
    assert_eq!(init["capabilities"]["diagnosticProvider"]["workspaceDiagnostics"], true);
    let g = uri(&ws.path().join(".claude/agents/g.md"));
    c.open(&g, "markdown", 1, EDITED);
    settle(&mut c);
    let id = c.send_request("workspace/executeCommand", json!({"command": "agentls.checkWorkspace", "arguments": []}));
    let first = c.wait_for(|m| m["method"] == "workspace/diagnostic/refresh" || m["id"] == json!(id));
    assert_eq!(first["method"], "workspace/diagnostic/refresh", "answered before the refresh: {first}");
    c.respond(first["id"].clone(), Value::Null);
    let answer = c.response(id);
    assert_eq!(answer["result"], json!({"files": 2, "findings": 2}), "{answer}");
    let pushed = c.publishes(Duration::from_millis(300));
    assert!(pushed.is_empty(), "a pull client was pushed to: {pushed:?}");
    c.shutdown();
}

/// A push client gets the closed files published; the open one was published as it changed.
#[test]
fn check_workspace_counts_open_files_for_a_push_client() {
    let ws = workspace(&[(".claude/agents/b.md", BROKEN), (".claude/agents/g.md", GOOD)]);
    let (mut c, _) = LspClient::start(ws.path(), &["utf-16"]);
    let g = uri(&ws.path().join(".claude/agents/g.md"));
    c.open(&g, "markdown", 1, EDITED);
    assert_eq!(c.diagnostics(&g, 1)[0]["code"], "unknown-tool");
    let counts = c.request("workspace/executeCommand", json!({"command": "agentls.checkWorkspace", "arguments": []}));
    assert_eq!(counts, json!({"files": 2, "findings": 2}));
    let b = uri(&ws.path().join(".claude/agents/b.md"));
    let published =
        c.wait_for(|m| m["method"] == "textDocument/publishDiagnostics" && m["params"]["uri"] == b.as_str());
    assert_eq!(published["params"]["diagnostics"][0]["code"], "unknown-tool");
    c.shutdown();
}

/// Neovim 0.11 offers `textDocument.diagnostic` but cannot be asked to pull again: it gets
/// pushes (a pull-only client would keep stale cross-file findings).
#[test]
fn a_client_without_refresh_support_is_pushed_to() {
    let ws = workspace(&[(".claude/agents/b.md", BROKEN)]);
    let start = Start { capabilities: Some(capabilities(false)), ..Start::default() };
    let (mut c, init) = LspClient::start_opts(ws.path(), &[], start);
    assert!(init["capabilities"].get("diagnosticProvider").is_none(), "{}", init["capabilities"]);
    let b = uri(&ws.path().join(".claude/agents/b.md"));
    c.open(&b, "markdown", 1, BROKEN);
    assert_eq!(c.diagnostics(&b, 1)[0]["code"], "unknown-tool");
    c.shutdown();
}
