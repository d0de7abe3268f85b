//! Workspace diagnostics: pull diagnostics (LSP 3.17) with result ids for clients that offer
//! them, and `agentls.checkWorkspace`, which publishes every agent file's findings (open or not).

use serde_json::{json, Value};

use crate::support::lsp_client::{uri, LspClient, Start};
use crate::support::workspace;

const BROKEN: &str = "---\nname: b\ndescription: B.\ntools: Read, Docker\n---\nB\n";
const GOOD: &str = "---\nname: g\ndescription: G.\ntools: Read\n---\nG\n";

fn pull_client() -> Value {
    json!({
        "general": {"positionEncodings": ["utf-16"]},
        "window": {"workDoneProgress": true},
        "workspace": {"diagnostics": {"refreshSupport": true}},
        "textDocument": {"diagnostic": {"dynamicRegistration": false, "relatedDocumentSupport": false}}
    })
}

#[test]
fn pull_diagnostics_with_result_ids() {
    let ws = workspace(&[(".claude/agents/b.md", BROKEN), (".claude/agents/g.md", GOOD)]);
    let (mut c, init) =
        LspClient::start_opts(ws.path(), &[], Start { capabilities: Some(pull_client()), ..Start::default() });
    assert_eq!(init["capabilities"]["diagnosticProvider"]["workspaceDiagnostics"], true);
    let u = uri(&ws.path().join(".claude/agents/g.md"));
    c.open(&u, "markdown", 1, GOOD);
    let first = c.request("textDocument/diagnostic", json!({"textDocument": {"uri": u}}));
    assert_eq!(first["kind"], "full");
    assert_eq!(first["items"], json!([]));
    let id = first["resultId"].as_str().unwrap().to_string();
    let again = c.request("textDocument/diagnostic", json!({"textDocument": {"uri": u}, "previousResultId": id}));
    assert_eq!(again["kind"], "unchanged", "{again}");
    c.change(&u, 2, [(3, 11), (3, 11)], ", Docker");
    let changed = c.request("textDocument/diagnostic", json!({"textDocument": {"uri": u}, "previousResultId": id}));
    assert_eq!(changed["kind"], "full");
    assert_eq!(changed["items"][0]["code"], "unknown-tool");
    // The workspace report covers the closed file; the second pull with its id is unchanged.
    let report = c.request("workspace/diagnostic", json!({"previousResultIds": []}));
    let items = report["items"].as_array().unwrap();
    let b = uri(&ws.path().join(".claude/agents/b.md"));
    let item = items.iter().find(|i| i["uri"] == b.as_str()).expect("the closed file is reported");
    assert_eq!(item["kind"], "full");
    assert_eq!(item["items"][0]["code"], "unknown-tool");
    assert!(items.iter().all(|i| i["uri"] != u.as_str()), "open documents are pulled one by one");
    let previous = json!([{"uri": b, "value": item["resultId"]}]);
    let second = c.request("workspace/diagnostic", json!({"previousResultIds": previous}));
    let item = second["items"].as_array().unwrap().iter().find(|i| i["uri"] == b.as_str()).unwrap().clone();
    assert_eq!(item["kind"], "unchanged");
    // No push in pull mode.
    let pushed = c.publishes(std::time::Duration::from_millis(300));
    assert!(pushed.is_empty(), "{pushed:?}");
    c.shutdown();
}

#[test]
fn check_workspace_publishes_every_agent_file() {
    let ws = workspace(&[(".claude/agents/b.md", BROKEN), (".claude/agents/g.md", GOOD), ("docs/readme.md", "# x\n")]);
    let (mut c, _) = LspClient::start(ws.path(), &["utf-16"]);
    let counts = c.request("workspace/executeCommand", json!({"command": "agentls.checkWorkspace", "arguments": []}));
    assert_eq!(counts, json!({"files": 2, "findings": 1}));
    let b = uri(&ws.path().join(".claude/agents/b.md"));
    let published =
        c.wait_for(|m| m["method"] == "textDocument/publishDiagnostics" && m["params"]["uri"] == b.as_str());
    assert_eq!(published["params"]["diagnostics"][0]["code"], "unknown-tool");
    let info = c.request("workspace/executeCommand", json!({"command": "agentls.fileInfo", "arguments": [b]}));
    assert_eq!(info["dialect"], "claude-agent");
    assert_eq!(info["consumer"], "Claude Code");
    c.shutdown();
}
