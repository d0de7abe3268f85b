//! `workspace/executeCommand`: `agentls.checkWorkspace` (diagnostics for every agent file of the
//! workspace, open or not — `agentls check` in the editor's Problems list) and
//! `agentls.fileInfo` (what the server makes of one document: its dialect and consumer, for a
//! status bar).

use std::path::Path;
use std::sync::Arc;

use serde_json::{json, Value};
use tower_lsp_server::jsonrpc;
use tower_lsp_server::ls_types::{self as lsp, Uri};

use super::state::State;
use agentls_analysis::knowledge::knowledge;
use agentls_analysis::TextShape;

/// Publishes diagnostics for every agent file of the workspace.
pub const CHECK_WORKSPACE: &str = "agentls.checkWorkspace";
/// `{ "dialect", "dialectName", "consumer" }` of a document (argument: its URI).
pub const FILE_INFO: &str = "agentls.fileInfo";
/// Every command the server executes.
pub const COMMANDS: &[&str] = &[
    CHECK_WORKSPACE,
    FILE_INFO,
    super::lens::SHOW_REFERENCES,
    super::lens::EXPLAIN,
    super::agent_graph::GRAPH,
    super::agent_convert::CONVERT,
];

/// Runs `command` with `arguments`.
pub async fn execute(state: &Arc<State>, command: &str, arguments: Vec<Value>) -> jsonrpc::Result<Option<Value>> {
    match command {
        CHECK_WORKSPACE => check_workspace(state).await.map(Some),
        FILE_INFO => {
            let uri = arguments.first().and_then(Value::as_str).map(str::to_string);
            state.run(format!("{FILE_INFO} {uri:?}"), move |st| file_info(st, uri.as_deref())).await
        }
        super::lens::SHOW_REFERENCES => super::lens::show_references(state, arguments).await,
        super::lens::EXPLAIN => super::lens::explain(state, arguments).await,
        super::agent_graph::GRAPH => super::agent_graph::graph(state).await,
        super::agent_convert::CONVERT => super::agent_convert::run(state, arguments).await,
        other => Err(jsonrpc::Error::invalid_params(format!("unknown command `{other}`"))),
    }
}

fn file_info(state: &State, uri: Option<&str>) -> Option<Value> {
    let uri: Uri = uri?.parse().ok()?;
    let path = uri.to_file_path()?.into_owned();
    let detected = match state.snapshot(&uri) {
        Some(snap) => snap.detected.clone(),
        None => state.classifier.detect(&path),
    };
    Some(match detected {
        Some(d) => {
            let spec = knowledge().dialect(d.dialect);
            json!({"dialect": d.dialect.id(), "dialectName": spec.name, "consumer": spec.consumer, "plugin": d.plugin})
        }
        None => json!({"dialect": null}),
    })
}

/// The diagnostics of one closed file, read from disk, in LSP form.
fn closed_file(state: &State, path: &Path) -> Option<(Uri, Vec<lsp::Diagnostic>)> {
    let detected = state.classifier.detect(path)?;
    let bytes = std::fs::read(path).ok()?;
    let text = String::from_utf8_lossy(&bytes).into_owned();
    let snap = state.classifier.snapshot(path, text, Some(detected), TextShape::Flat);
    Some((Uri::from_file_path(path)?, state.diagnostics(&snap)))
}

/// The diagnostics of an open document at `path` (its newest text, not the disk's).
fn open_file(state: &State, path: &Path) -> Option<Vec<lsp::Diagnostic>> {
    let (uri, _) = state.docs.at_path(path)?;
    Some(state.diagnostics(&*state.snapshot(&uri)?))
}

/// What `agentls.checkWorkspace` found: every indexed file's diagnostics, and which of them
/// are of closed files (those a push client has not been sent yet).
struct Checked {
    files: usize,
    findings: usize,
    closed: Vec<(Uri, Vec<lsp::Diagnostic>)>,
}

fn check_all(st: &State) -> Checked {
    let mut checked = Checked { files: 0, findings: 0, closed: Vec::new() };
    for path in st.index.paths() {
        let found = match open_file(st, &path) {
            Some(diagnostics) => diagnostics.len(),
            None => match closed_file(st, &path) {
                Some(report) => {
                    let n = report.1.len();
                    checked.closed.push(report);
                    n
                }
                None => continue,
            },
        };
        checked.files += 1;
        checked.findings += found;
    }
    checked
}

/// `agentls.checkWorkspace`: computes the diagnostics of every indexed agent file, open or not,
/// and answers `{ "files": N, "findings": M }` (all of them). Push clients are sent the closed
/// files' diagnostics (open ones are published as they change); pull clients are asked to pull
/// again (`workspace/diagnostic/refresh`), since they ignore pushes.
async fn check_workspace(state: &Arc<State>) -> jsonrpc::Result<Value> {
    let checked = state.run(CHECK_WORKSPACE.to_string(), check_all).await?;
    if state.flags().pull_diagnostics {
        if let Err(e) = state.client.workspace_diagnostic_refresh().await {
            tracing::debug!("workspace/diagnostic/refresh: {e}");
        }
    } else {
        for (uri, diagnostics) in checked.closed {
            state.client.publish_diagnostics(uri, diagnostics, None).await;
        }
    }
    Ok(json!({"files": checked.files, "findings": checked.findings}))
}
