//! The agent graph and conversion through the language server, as the VS Code extension uses
//! them: `agentls.graph` (JSON with file URIs and the Mermaid source) and `agentls.convert`
//! (a `workspace/applyEdit` that creates the converted file).

use serde_json::json;

use crate::support::lsp_client::{uri, LspClient};
use crate::support::workspace;

const REVIEWER: &str = "---\nname: reviewer\ndescription: Reviews a change and has each problem repaired.\ntools: Read, Grep, Agent(fixer)\n---\nReview the diff.\n";
const FIXER: &str = "---\nname: fixer\ndescription: Fixes one problem.\ntools: Read, Edit\n---\nFix it, then ask @agent-reviewer to look again.\n";

#[test]
fn the_graph_command_answers_the_cli_json_with_uris_and_mermaid() {
    let ws = workspace(&[(".claude/agents/reviewer.md", REVIEWER), (".claude/agents/fixer.md", FIXER)]);
    let (mut client, init) = LspClient::start(ws.path(), &["utf-16"]);
    let commands = init["capabilities"]["executeCommandProvider"]["commands"].as_array().unwrap();
    assert!(commands.contains(&json!("agentls.graph")) && commands.contains(&json!("agentls.convert")));
    let v = client.request("workspace/executeCommand", json!({"command": "agentls.graph", "arguments": []}));
    let names: Vec<&str> = v["nodes"].as_array().unwrap().iter().map(|n| n["name"].as_str().unwrap()).collect();
    assert_eq!(names, ["fixer", "reviewer"]);
    assert_eq!(v["nodes"][1]["uri"], json!(uri(&ws.path().join(".claude/agents/reviewer.md"))));
    assert_eq!(v["nodes"][1]["path"], ".claude/agents/reviewer.md");
    assert_eq!(v["cycles"], json!([["n0", "n1"]]));
    let mermaid = v["mermaid"].as_str().unwrap();
    assert!(mermaid.starts_with("flowchart LR\n") && mermaid.contains("n1 -->|\"Agent()\"| n0"), "{mermaid}");
    client.shutdown();
}

#[test]
fn the_convert_command_creates_the_file_through_the_client() {
    let ws = workspace(&[(".claude/agents/reviewer.md", REVIEWER)]);
    let (mut client, _) = LspClient::start(ws.path(), &["utf-16"]);
    let source = uri(&ws.path().join(".claude/agents/reviewer.md"));
    let preview = client.request(
        "workspace/executeCommand",
        json!({"command": "agentls.convert", "arguments": [source, "copilot-agent", {"apply": false}]}),
    );
    assert_eq!(preview["applied"], false);
    let target = uri(&ws.path().join(".github/agents/reviewer.agent.md"));
    assert_eq!(preview["uri"], json!(target));
    let text = "---\nname: reviewer\ndescription: Reviews a change and has each problem repaired.\ntools:\n  - read/readFile\n  - search/textSearch\n  - agent\nagents:\n  - fixer\n---\nReview the diff.\n";
    assert_eq!(preview["text"], text);

    let id = client.send_request(
        "workspace/executeCommand",
        json!({"command": "agentls.convert", "arguments": [source, "copilot-agent"]}),
    );
    let apply = client.wait_for(|m| m["method"] == "workspace/applyEdit");
    let changes = &apply["params"]["edit"]["documentChanges"];
    assert_eq!(
        changes[0],
        json!({"kind": "create", "uri": target, "options": {"overwrite": false, "ignoreIfExists": false}})
    );
    assert_eq!(changes[1]["textDocument"]["uri"], json!(target));
    assert_eq!(changes[1]["edits"][0]["newText"], text);
    client.respond(apply["id"].clone(), json!({"applied": true}));
    let done = client.response(id);
    assert_eq!(done["result"]["applied"], true, "{done}");
    let bad = client.request_raw(
        "workspace/executeCommand",
        json!({"command": "agentls.convert", "arguments": [source, "claude-agent"]}),
    );
    assert!(bad["error"]["message"].as_str().unwrap().contains("already a Claude Code subagent"), "{bad}");
    client.shutdown();
}
