//! The panic boundary: a panic in a request handler answers `InternalError`, is logged with the
//! request and document, and the server keeps serving — other requests, other documents and
//! diagnostics. The panic is injected with the test hook `AGENTLS_INJECT_PANIC=<method>`.

use serde_json::json;

use crate::support::lsp_client::{uri, LspClient, Start};
use crate::support::workspace;

#[test]
fn a_panicking_handler_answers_internal_error_and_the_server_keeps_serving() {
    let text = "---\nname: r\ndescription: Reviews.\ntools: Read, Docker\n---\nBody\n";
    let ws = workspace(&[(".claude/agents/r.md", text)]);
    let log = tempfile::NamedTempFile::new().unwrap();
    let start = Start { env: &[("AGENTLS_INJECT_PANIC", "hover")], stderr: Some(log.as_file()), ..Start::default() };
    let (mut c, _) = LspClient::start_opts(ws.path(), &["utf-16"], start);
    let u = uri(&ws.path().join(".claude/agents/r.md"));
    c.open(&u, "markdown", 1, text);
    let hover = c.request_raw(
        "textDocument/hover",
        json!({"textDocument": {"uri": u}, "position": {"line": 3, "character": 14}}),
    );
    assert_eq!(hover["error"]["code"], -32603, "{hover}");
    // The same server answers the next requests and keeps publishing.
    let items = c.completion(&u, 3, 14);
    assert!(!items.is_empty());
    let diags = c.diagnostics(&u, 1);
    assert!(diags.iter().any(|d| d["code"] == "unknown-tool"), "{diags:?}");
    c.change(&u, 2, [(3, 19), (3, 19)], "x");
    assert!(c.diagnostics(&u, 2).iter().any(|d| d["message"].as_str().unwrap().contains("Dockerx")));
    let again = c.request_raw(
        "textDocument/hover",
        json!({"textDocument": {"uri": u}, "position": {"line": 3, "character": 14}}),
    );
    assert_eq!(again["error"]["code"], -32603);
    c.shutdown();
    let logged = std::fs::read_to_string(log.path()).unwrap();
    assert!(logged.contains("hover") && logged.contains(&u) && logged.contains("injected panic"), "{logged}");
}
