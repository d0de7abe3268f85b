//! Quick fixes as an editor gets them: the real server, the fixtures of
//! `tests/fixtures/fixes/<family>/`, every published diagnostic asked for its code actions
//! (resolved lazily, as VS Code does), each action's `WorkspaceEdit` applied to the files, and
//! the before → after diff snapshotted per family; then the document's fix-all
//! (`source.fixAll.agentls`). Every code the catalogue marks fixable has a fixture here.

use std::collections::BTreeSet;
use std::fmt::Write;

use serde_json::{json, Value};

use crate::fix_support::{lazy_editor, Files};
use crate::support::lsp_client::{uri, LspClient, Start};

const FAMILIES: &[&str] = &["yaml", "layout", "tools", "keys", "names", "refs", "files"];

fn root() -> std::path::PathBuf {
    crate::support::repo().join("tests/fixtures/fixes")
}

/// Every file of `family`, sorted, relative to the fixtures root.
fn family_files(family: &str) -> Vec<String> {
    let root = root();
    let mut out: Vec<String> = ignore::WalkBuilder::new(root.join(family))
        .hidden(false)
        .build()
        .flatten()
        .filter(|e| e.path().is_file())
        .map(|e| e.path().strip_prefix(&root).unwrap().to_string_lossy().replace('\\', "/"))
        .collect();
    out.sort();
    out
}

/// The code actions for one diagnostic, with their edits resolved.
fn actions_for(c: &mut LspClient, u: &str, d: &Value) -> Vec<Value> {
    let params =
        json!({"textDocument": {"uri": u}, "range": d["range"], "context": {"diagnostics": [d], "triggerKind": 1}});
    let actions = c.request("textDocument/codeAction", params);
    actions
        .as_array()
        .cloned()
        .unwrap_or_default()
        .into_iter()
        .map(|a| if a.get("edit").is_some() { a } else { c.request("codeAction/resolve", a) })
        .collect()
}

/// One file: its findings, each action with the diff it makes, and the fix-all.
fn render_file(c: &mut LspClient, rel: &str, covered: &mut BTreeSet<String>) -> String {
    let root = root();
    let u = uri(&root.join(rel));
    let text = std::fs::read_to_string(root.join(rel)).unwrap();
    c.open(&u, "markdown", 1, &text);
    let diags = c.diagnostics(&u, 1);
    let mut out = format!("== {rel}\n");
    for d in &diags {
        let code = d["code"].as_str().unwrap_or_default();
        let actions = actions_for(c, &u, d);
        if actions.is_empty() {
            continue;
        }
        covered.insert(code.to_string());
        let start = &d["range"]["start"];
        writeln!(
            out,
            "-- {code} at {}:{}: {}",
            start["line"].as_u64().unwrap() + 1,
            start["character"].as_u64().unwrap() + 1,
            d["message"].as_str().unwrap()
        )
        .unwrap();
        for a in &actions {
            assert_eq!(a["diagnostics"][0]["code"], d["code"], "{a}");
            let preferred = if a["isPreferred"] == json!(true) { " (preferred)" } else { "" };
            writeln!(out, "[{}] {}{preferred}", a["kind"].as_str().unwrap(), a["title"].as_str().unwrap()).unwrap();
            let mut after = Files::default();
            after.apply(&a["edit"]);
            out.push_str(&after.diff(&mut Files::default(), &root));
        }
    }
    let all = c.request(
        "textDocument/codeAction",
        json!({"textDocument": {"uri": u}, "range": {"start": {"line": 0, "character": 0}, "end": {"line": 0, "character": 0}},
               "context": {"diagnostics": [], "only": ["source.fixAll"]}}),
    );
    if let Some(a) = all.as_array().and_then(|a| a.first()) {
        assert_eq!(a["kind"], "source.fixAll.agentls");
        writeln!(out, "-- {}", a["title"].as_str().unwrap()).unwrap();
        let mut after = Files::default();
        after.apply(&a["edit"]);
        out.push_str(&after.diff(&mut Files::default(), &root));
    }
    c.notify("textDocument/didClose", json!({"textDocument": {"uri": u}}));
    out + "\n"
}

#[test]
fn every_fixable_finding_of_the_fixtures_gets_working_actions() {
    let root = root();
    let start = Start { capabilities: Some(lazy_editor()), ..Start::default() };
    let (mut c, init) = LspClient::start_opts(&root, &["utf-16"], start);
    let provider = &init["capabilities"]["codeActionProvider"];
    assert_eq!(provider["resolveProvider"], true, "{provider}");
    assert_eq!(provider["codeActionKinds"], json!(["quickfix", "refactor.rewrite", "source.fixAll.agentls"]));
    let mut covered = BTreeSet::new();
    for family in FAMILIES {
        let mut out = String::new();
        for rel in family_files(family) {
            out.push_str(&render_file(&mut c, &rel, &mut covered));
        }
        insta::assert_snapshot!(format!("fixes_{family}"), out);
    }
    let fixable: BTreeSet<String> =
        agentls_analysis::codes().iter().filter(|c| c.fix.is_some()).map(|c| c.code.clone()).collect();
    let missing: Vec<&String> = fixable.difference(&covered).collect();
    assert!(missing.is_empty(), "fixable codes without a fixture that gets an action: {missing:?}");
    c.shutdown();
}

/// An editor that neither resolves lazily nor keeps `data`, nor supports `documentChanges`:
/// actions come with `changes` edits, found from the published findings, and nothing that
/// creates or deletes files is offered.
#[test]
fn plain_clients_get_edits_in_changes_and_no_file_operations() {
    let ws = crate::support::workspace(&[
        (".claude/agents/a.md", "---\nname: a\ndescription: Runs CI: make\ntools: Read, Grpe\n---\nBody.\n"),
        (".github/chatmodes/p.chatmode.md", "---\ndescription: Plans.\n---\nPlan.\n"),
    ]);
    let caps = json!({"general": {"positionEncodings": ["utf-16"]}, "window": {"workDoneProgress": true}});
    let (mut c, _) =
        LspClient::start_opts(ws.path(), &["utf-16"], Start { capabilities: Some(caps), ..Start::default() });
    let u = uri(&ws.path().join(".claude/agents/a.md"));
    let text = std::fs::read_to_string(ws.path().join(".claude/agents/a.md")).unwrap();
    c.open(&u, "markdown", 1, &text);
    let diags = c.diagnostics(&u, 1);
    for d in diags.iter().filter(|d| d["code"] == "unknown-tool") {
        let mut d = d.clone();
        d.as_object_mut().unwrap().remove("data");
        let actions = actions_for(&mut c, &u, &d);
        assert_eq!(actions.len(), 1, "{actions:?}");
        assert!(actions[0]["edit"]["documentChanges"].is_null());
        let mut files = Files::default();
        files.apply(&actions[0]["edit"]);
        assert!(files.text(&u).unwrap().contains("tools: Read, Grep\n"));
    }
    let m = uri(&ws.path().join(".github/chatmodes/p.chatmode.md"));
    c.open(&m, "markdown", 1, "---\ndescription: Plans.\n---\nPlan.\n");
    let diags = c.diagnostics(&m, 1);
    let chatmode = diags.iter().find(|d| d["code"] == "deprecated-field").expect("the chat mode finding");
    assert!(actions_for(&mut c, &m, chatmode).is_empty(), "no file move without resource operations");
    c.shutdown();
}

/// A lazily resolved action of a version the user has since edited is refused
/// (`ContentModified`), never applied to the wrong text.
#[test]
fn resolving_after_an_edit_is_refused() {
    let ws = crate::support::workspace(&[(".claude/agents/a.md", "---\nname: a\ndescription: Runs CI: make\n---\n")]);
    let start = Start { capabilities: Some(lazy_editor()), ..Start::default() };
    let (mut c, _) = LspClient::start_opts(ws.path(), &["utf-16"], start);
    let u = uri(&ws.path().join(".claude/agents/a.md"));
    c.open(&u, "markdown", 1, "---\nname: a\ndescription: Runs CI: make\n---\n");
    let diags = c.diagnostics(&u, 1);
    let d = diags.iter().find(|d| d["code"] == "yaml-strict").unwrap();
    let params = json!({"textDocument": {"uri": u}, "range": d["range"], "context": {"diagnostics": [d]}});
    let action = c.request("textDocument/codeAction", params)[0].clone();
    assert!(action.get("edit").is_none() && action.get("data").is_some(), "{action}");
    c.change(&u, 2, [(0, 0), (0, 0)], "\n");
    let answer = c.request_raw("codeAction/resolve", action);
    assert_eq!(answer["error"]["code"], -32801, "{answer}");
    c.shutdown();
}

/// With VS Code's validator deferred to, findings VS Code reports itself are not published, so
/// agentls offers no action for them — in the lightbulb or in the fix-all.
#[test]
fn deferred_findings_get_no_actions() {
    let text = "---\ndescription: Runs CI: make\ntools: ['codebase']\n---\nBody.\n";
    let ws = crate::support::workspace(&[(".github/agents/a.agent.md", text)]);
    let options = json!({"vscode": {"builtinValidation": "defer", "version": "1.139.1"}});
    let start = Start { capabilities: Some(lazy_editor()), options, ..Start::default() };
    let (mut c, _) = LspClient::start_opts(ws.path(), &["utf-16"], start);
    let u = uri(&ws.path().join(".github/agents/a.agent.md"));
    c.open(&u, "markdown", 1, text);
    let codes: Vec<String> = c.diagnostics(&u, 1).iter().map(|d| d["code"].as_str().unwrap().to_string()).collect();
    assert!(!codes.contains(&"renamed-tool".to_string()), "{codes:?}");
    // VS Code's own marker for the renamed tool: not agentls's, so no action.
    let theirs = json!({"range": {"start": {"line": 2, "character": 9}, "end": {"line": 2, "character": 19}},
                        "source": "vscode", "code": "renamed-tool", "message": "Tool or toolset 'codebase' has been renamed"});
    assert!(actions_for(&mut c, &u, &theirs).is_empty());
    let all = c.request(
        "textDocument/codeAction",
        json!({"textDocument": {"uri": u}, "range": {"start": {"line": 0, "character": 0}, "end": {"line": 0, "character": 0}},
               "context": {"diagnostics": [], "only": ["source.fixAll.agentls"]}}),
    );
    let mut files = Files::default();
    files.apply(&all[0]["edit"]);
    let fixed = files.text(&u).unwrap();
    assert!(fixed.contains("description: 'Runs CI: make'") && fixed.contains("['codebase']"), "{fixed}");
    c.shutdown();
}

/// Renaming an invalid agent name renames its references in other files.
#[test]
fn invalid_names_are_renamed_with_their_references() {
    let ws = crate::support::workspace(&[
        (".claude/agents/r.md", "---\nname: Code_Reviewer\ndescription: Reviews.\n---\nReview.\n"),
        (".claude/agents/lead.md", "---\nname: lead\ndescription: Leads.\ntools: Agent(Code_Reviewer)\n---\nLead.\n"),
    ]);
    let start = Start { capabilities: Some(lazy_editor()), ..Start::default() };
    let (mut c, _) = LspClient::start_opts(ws.path(), &["utf-16"], start);
    let u = uri(&ws.path().join(".claude/agents/r.md"));
    c.open(&u, "markdown", 1, &std::fs::read_to_string(ws.path().join(".claude/agents/r.md")).unwrap());
    let diags = c.diagnostics(&u, 1);
    let d = diags.iter().find(|d| d["code"] == "invalid-name").expect("invalid-name");
    let actions = actions_for(&mut c, &u, d);
    let mut files = Files::default();
    files.apply(&actions[0]["edit"]);
    assert!(files.text(&u).unwrap().contains("name: code-reviewer\n"));
    let lead = uri(&ws.path().join(".claude/agents/lead.md"));
    assert!(files.text(&lead).unwrap().contains("tools: Agent(code-reviewer)\n"), "{:?}", files.0);
    c.shutdown();
}
