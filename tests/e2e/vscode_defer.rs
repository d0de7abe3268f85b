//! VS Code's defer mode (`initializationOptions.vscode`) as VS Code sees it: what the server
//! publishes and completes beside VS Code's own prompt/agent validator, per VS Code version.

use serde_json::{json, Value};

use crate::support::lsp_client::{uri, LspClient, Start};
use crate::support::workspace;

fn vscode(ws: &std::path::Path, version: &str) -> LspClient {
    let options = json!({"vscode": {"builtinValidation": "defer", "version": version}});
    LspClient::start_opts(ws, &["utf-16"], Start { options, ..Start::default() }).0
}

fn codes(diagnostics: &[Value]) -> Vec<String> {
    diagnostics.iter().map(|d| d["code"].as_str().unwrap_or_default().to_string()).collect()
}

/// The diagnostics published for `rel` once opened with `text`.
fn published(c: &mut LspClient, ws: &std::path::Path, rel: &str, text: &str) -> Vec<Value> {
    let u = uri(&ws.join(rel));
    c.open(&u, "markdown", 1, text);
    c.diagnostics(&u, 1)
}

const COPILOT: &str = "---\ndescription: Docs.\ntools: ['search', 'dockerize']\n---\nBody.\n";

/// VS Code 1.100 validates no agent file: nothing is left to it, the unknown tool is ours to
/// report; from 1.139 VS Code reports it itself.
#[test]
fn defer_applies_only_from_the_first_vscode_that_validates_agent_files() {
    let ws = workspace(&[("docs.agent.md", COPILOT)]);
    let mut old = vscode(ws.path(), "1.100.3");
    assert!(codes(&published(&mut old, ws.path(), "docs.agent.md", COPILOT)).contains(&"unknown-tool".into()));
    old.shutdown();
    let mut new = vscode(ws.path(), "1.139.1");
    let found = codes(&published(&mut new, ws.path(), "docs.agent.md", COPILOT));
    assert!(!found.contains(&"unknown-tool".into()), "{found:?}");
    new.shutdown();
}

/// An empty `model:` in a Claude agent: VS Code says "Missing value" there itself; the unknown
/// tool (which VS Code does not check in Claude agents) is still agentls's.
#[test]
fn empty_values_in_claude_agents_are_vscodes() {
    let text = "---\nname: r\ndescription: Reviews.\nmodel:\ntools: Read, Docker\n---\nReview.\n";
    let ws = workspace(&[(".claude/agents/r.md", text)]);
    let mut c = vscode(ws.path(), "1.139.1");
    let found = codes(&published(&mut c, ws.path(), ".claude/agents/r.md", text));
    assert_eq!(found, ["unknown-tool"]);
    c.shutdown();
    let mut duplicate = vscode(ws.path(), "1.100.3");
    let all = codes(&published(&mut duplicate, ws.path(), ".claude/agents/r.md", text));
    assert!(all.contains(&"empty-value".into()) && all.contains(&"unknown-tool".into()), "{all:?}");
    duplicate.shutdown();
}

/// VS Code asks for a handoff's `agent` but never for an agent's `description`: only the
/// handoff's `missing-required` is left to it.
#[test]
fn a_missing_description_is_still_reported() {
    let text = "---\ntools: ['search']\nhandoffs:\n  - label: Go\n    prompt: Now.\n---\nBody.\n";
    let ws = workspace(&[(".github/agents/a.agent.md", text)]);
    let mut c = vscode(ws.path(), "1.139.1");
    let diagnostics = published(&mut c, ws.path(), ".github/agents/a.agent.md", text);
    let missing: Vec<&Value> = diagnostics.iter().filter(|d| d["code"] == "missing-required").collect();
    assert_eq!(missing.len(), 1, "{diagnostics:#?}");
    assert!(missing[0]["message"].as_str().unwrap().contains("`description`"), "{missing:?}");
    assert_eq!(missing[0]["range"]["start"]["line"], 0);
    c.shutdown();
}

/// Completion after `model: ` in a Claude agent: VS Code lists sonnet, opus, haiku and inherit
/// itself, agentls the rest (full ids, `fable`), and no label twice.
#[test]
fn claude_model_completion_leaves_vscodes_aliases_to_it() {
    let text = "---\nname: r\ndescription: Reviews.\nmodel: \n---\nReview.\n";
    let ws = workspace(&[(".claude/agents/r.md", text)]);
    let mut c = vscode(ws.path(), "1.139.1");
    let u = uri(&ws.path().join(".claude/agents/r.md"));
    c.open(&u, "markdown", 1, text);
    let labels: Vec<String> =
        c.completion(&u, 3, 7).iter().map(|i| i["label"].as_str().unwrap_or_default().to_string()).collect();
    for vscodes in ["sonnet", "opus", "haiku", "inherit"] {
        assert!(!labels.contains(&vscodes.to_string()), "{vscodes} offered beside VS Code's: {labels:?}");
    }
    assert!(labels.contains(&"fable".to_string()), "{labels:?}");
    let mut unique = labels.clone();
    unique.sort();
    unique.dedup();
    assert_eq!(unique.len(), labels.len(), "{labels:?}");
    c.shutdown();
    // Below 1.139 VS Code offers nothing there: agentls offers the aliases.
    let mut old = vscode(ws.path(), "1.100.3");
    old.open(&u, "markdown", 1, text);
    let labels: Vec<Value> = old.completion(&u, 3, 7).iter().map(|i| i["label"].clone()).collect();
    assert!(labels.contains(&json!("sonnet")), "{labels:?}");
    old.shutdown();
}
