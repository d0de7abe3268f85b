//! `agentls.toml`, editor settings and inline suppressions as a user sees them: `check` and the
//! server honour the same settings (a changed severity, a collection mapped to a dialect, MCP
//! servers and models the workspace cannot see, a suppression); the server reloads a changed
//! configuration file and changed settings live; a malformed configuration is reported on
//! itself at its ranges while the valid rest still applies.

use std::process::Command;
use std::time::Duration;

use serde_json::{json, Value};

use crate::support::lsp_client::{uri, LspClient, Start};
use crate::support::workspace;

const CONFIG: &str = "[rules]\nunknown-model = \"error\"\n\n[[files.dialect]]\nglob = \"agents/**/*.md\"\ndialect = \"claude-agent\"\n\n[knowledge]\nmodels = [\"corp-large\"]\nmcp-servers = [\"corp\"]\n";

/// Mapped to `claude-agent` by the configuration only; its model and MCP server are declared
/// there; `Dockr` is suppressed inline (without the suppression it is `unknown-tool`; with
/// nothing to suppress it would be `unused-suppression`).
const REVIEWER: &str = "---\nname: reviewer\ndescription: Reviews code.\nmodel: corp-large\npermissionMode: plan-ish\ntools: Read, mcp__corp__search, Dockr  # agentls: ignore[unknown-tool]\n---\nReview the diff.\n";

/// An unknown model (an error by the configuration) and an undeclared MCP server.
const WRITER: &str =
    "---\nname: writer\ndescription: Writes tests.\nmodel: gpt-9\ntools: Read, mcp__other__x\n---\nWrite tests.\n";

/// `(code, severity, line, column)`, 0-based like LSP, of `check --format json` findings of
/// the file shown as `path` (JSON lines and columns are 1-based).
fn check_findings(root: &std::path::Path, path: &str) -> Vec<(String, String, u64, u64)> {
    let o = Command::new(env!("CARGO_BIN_EXE_agentls"))
        .args(["check", "--format", "json", "."])
        .current_dir(root)
        .output()
        .unwrap();
    let v: Vec<Value> = serde_json::from_slice(&o.stdout).unwrap_or_else(|e| panic!("{e}: {o:?}"));
    v.iter()
        .filter(|d| d["path"] == path)
        .map(|d| {
            let start = &d["range"]["start"];
            (
                d["code"].as_str().unwrap().to_string(),
                d["severity"].as_str().unwrap().to_string(),
                start["line"].as_u64().unwrap() - 1,
                start["column"].as_u64().unwrap() - 1,
            )
        })
        .collect()
}

/// The same shape from LSP diagnostics.
fn lsp_findings(diags: &[Value]) -> Vec<(String, String, u64, u64)> {
    let severity =
        |n: &Value| ["", "error", "warning", "information", "hint"][n.as_u64().unwrap() as usize].to_string();
    let mut out: Vec<_> = diags
        .iter()
        .map(|d| {
            let start = &d["range"]["start"];
            (
                d["code"].as_str().unwrap().to_string(),
                severity(&d["severity"]),
                start["line"].as_u64().unwrap(),
                start["character"].as_u64().unwrap(),
            )
        })
        .collect();
    out.sort();
    out
}

fn finding(code: &str, severity: &str, line: u64, column: u64) -> (String, String, u64, u64) {
    (code.into(), severity.into(), line, column)
}

#[test]
fn check_and_server_honour_every_setting_of_agentls_toml() {
    let ws = workspace(&[
        ("agentls.toml", CONFIG),
        ("agents/review/reviewer.md", REVIEWER),
        (".claude/agents/writer.md", WRITER),
    ]);
    let reviewer = vec![finding("bad-enum", "warning", 4, 16)];
    let writer = vec![finding("unknown-mcp-server", "warning", 4, 18), finding("unknown-model", "error", 3, 7)];
    let mut from_check = check_findings(ws.path(), "./agents/review/reviewer.md");
    from_check.sort();
    assert_eq!(from_check, reviewer, "check: the collection is read as Claude Code agents");
    let mut from_check = check_findings(ws.path(), "./.claude/agents/writer.md");
    from_check.sort();
    assert_eq!(from_check, writer, "check: the configured severity and knowledge");

    let (mut c, _) = LspClient::start(ws.path(), &[]);
    let (ur, uw) =
        (uri(&ws.path().join("agents/review/reviewer.md")), uri(&ws.path().join(".claude/agents/writer.md")));
    c.open(&ur, "markdown", 1, REVIEWER);
    assert_eq!(lsp_findings(&c.diagnostics(&ur, 1)), reviewer, "server: same as check");
    c.open(&uw, "markdown", 1, WRITER);
    assert_eq!(lsp_findings(&c.diagnostics(&uw, 1)), writer, "server: same as check");
    c.shutdown();
}

/// Waits for the next `publishDiagnostics` of `uri` (any version) and returns it.
fn next_publish(c: &mut LspClient, uri: &str) -> Vec<Value> {
    let m = c.wait_for(|m| m["method"] == "textDocument/publishDiagnostics" && m["params"]["uri"] == uri);
    m["params"]["diagnostics"].as_array().cloned().unwrap_or_default()
}

#[test]
fn the_server_reloads_agentls_toml_and_reports_its_problems_at_their_ranges() {
    let ws = workspace(&[(".claude/agents/writer.md", WRITER)]);
    // Neovim-like: no dynamic watched-files registration, so the server's own watcher runs.
    let caps = json!({
        "general": {"positionEncodings": ["utf-16"]},
        "window": {"workDoneProgress": true},
        "workspace": {"configuration": true, "didChangeWatchedFiles": {"dynamicRegistration": false}},
        "textDocument": {"publishDiagnostics": {"versionSupport": true}}
    });
    let (mut c, _) = LspClient::start_opts(ws.path(), &[], Start { capabilities: Some(caps), ..Start::default() });
    let uw = uri(&ws.path().join(".claude/agents/writer.md"));
    c.open(&uw, "markdown", 1, WRITER);
    let before = lsp_findings(&c.diagnostics(&uw, 1));
    assert!(before.contains(&finding("unknown-model", "warning", 3, 7)), "{before:?}");
    c.drain(Duration::from_millis(500)); // the republish at the end of the cold index, if any

    // A configuration appears: one mistyped code and one bad level, around a valid setting.
    let config = "[rules]\nunknown-modle = \"off\"\nunknown-mcp-server = \"off\"\nunknown-model = \"loud\"\n";
    std::fs::write(ws.path().join("agentls.toml"), config).unwrap();
    let uc = uri(&ws.path().join("agentls.toml"));
    let problems = next_publish(&mut c, &uc);
    let got: Vec<_> = problems
        .iter()
        .map(|d| (d["code"].as_str().unwrap().to_string(), d["severity"].clone(), d["range"].clone()))
        .collect();
    let at = |l1, c1, l2, c2| json!({"start": {"line": l1, "character": c1}, "end": {"line": l2, "character": c2}});
    assert_eq!(
        got,
        vec![
            ("invalid-config".to_string(), json!(1), at(1, 0, 1, 13)),
            ("invalid-config".to_string(), json!(1), at(3, 16, 3, 22)),
        ],
        "{problems:#?}"
    );
    assert!(problems[0]["message"].as_str().unwrap().contains("did you mean `unknown-model`"));
    // The valid rest applies to the open document, republished at its version.
    let after = lsp_findings(&next_publish(&mut c, &uw));
    assert_eq!(after, vec![finding("unknown-model", "warning", 3, 7)], "unknown-mcp-server is off");

    // Fixed: the problems are cleared and the new level applies.
    std::fs::write(ws.path().join("agentls.toml"), "[rules]\nunknown-model = \"hint\"\n").unwrap();
    assert!(next_publish(&mut c, &uc).is_empty(), "problems cleared");
    let fixed = lsp_findings(&next_publish(&mut c, &uw));
    assert_eq!(fixed, vec![finding("unknown-mcp-server", "warning", 4, 18), finding("unknown-model", "hint", 3, 7)]);
    c.shutdown();
}

#[test]
fn editor_settings_apply_under_the_file_and_change_live() {
    let ws = workspace(&[(".claude/agents/writer.md", WRITER)]);
    // VS Code's `agentls` section also holds the extension's own keys: not ours, left alone.
    let settings = json!({"rules": {"unknown-model": "error"}, "server": {"path": null}, "trace": {"server": "off"}});
    let (mut c, _) = LspClient::start_opts(ws.path(), &[], Start { settings, ..Start::default() });
    let uw = uri(&ws.path().join(".claude/agents/writer.md"));
    c.open(&uw, "markdown", 1, WRITER);
    let first = lsp_findings(&c.diagnostics(&uw, 1));
    assert!(first.contains(&finding("unknown-model", "error", 3, 7)), "{first:?}");
    let shown: Vec<Value> =
        c.drain(Duration::from_millis(500)).into_iter().filter(|m| m["method"] == "window/showMessage").collect();
    assert!(shown.is_empty(), "the extension's own keys are not problems: {shown:?}");

    c.set_settings(json!({"rules": {"unknown-model": "off", "unknown-mcp-server": "information"}}));
    c.notify("workspace/didChangeConfiguration", json!({"settings": null}));
    let changed = lsp_findings(&next_publish(&mut c, &uw));
    assert_eq!(changed, vec![finding("unknown-mcp-server", "information", 4, 18)]);

    // A file's configuration wins over the settings.
    std::fs::write(ws.path().join("agentls.toml"), "[rules]\nunknown-mcp-server = \"error\"\n").unwrap();
    c.notify(
        "workspace/didChangeWatchedFiles",
        json!({"changes": [{"uri": uri(&ws.path().join("agentls.toml")), "type": 1}]}),
    );
    let both = lsp_findings(&next_publish(&mut c, &uw));
    assert_eq!(both, vec![finding("unknown-mcp-server", "error", 4, 18)], "settings still turn unknown-model off");
    c.shutdown();
}
