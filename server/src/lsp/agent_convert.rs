//! `agentls.convert` (arguments: the document's URI, the target dialect id — `copilot-agent`,
//! `claude-agent`, `opencode-agent` — and optionally `{"apply": false}`): the agent converted by
//! `agentls_analysis::convert`, created at the target's discovery path under the document's
//! workspace folder through `workspace/applyEdit` (a `CreateFile` that never overwrites, then
//! the text). Answers `{"uri", "path", "name", "text", "notes": [{"key", "kind", "message"}],
//! "applied"}`; with `apply: false` nothing is created (`applied` is false).

use std::path::{Path, PathBuf};
use std::sync::Arc;

use serde_json::{json, Value};
use tower_lsp_server::jsonrpc;
use tower_lsp_server::ls_types::{self as lsp, Uri};

use super::state::State;
use agentls_analysis::convert::{convert, workspace_root, Conversion, NoteKind, Target};
use agentls_analysis::knowledge::{detect_by_content, Dialect};
use agentls_analysis::{Snapshot, TextShape};

/// The command name.
pub const CONVERT: &str = "agentls.convert";

/// Runs `agentls.convert`.
pub async fn run(state: &Arc<State>, arguments: Vec<Value>) -> jsonrpc::Result<Option<Value>> {
    let uri: Uri =
        arguments.first().and_then(Value::as_str).and_then(|u| u.parse().ok()).ok_or_else(|| {
            jsonrpc::Error::invalid_params("agentls.convert: the first argument is the document's URI")
        })?;
    let target = arguments
        .get(1)
        .and_then(Value::as_str)
        .and_then(|id| Target::ALL.iter().copied().find(|t| t.id() == id))
        .ok_or_else(|| {
            jsonrpc::Error::invalid_params(
                "agentls.convert: the second argument is copilot-agent, claude-agent or opencode-agent",
            )
        })?;
    let apply = arguments.get(2).and_then(|o| o.get("apply")).and_then(Value::as_bool).unwrap_or(true);
    let label = format!("{CONVERT} {}", uri.as_str());
    let job_uri = uri.clone();
    let converted = state.run(label, move |st| converted(st, &job_uri, target)).await?;
    let (conversion, dest) = converted.map_err(jsonrpc::Error::invalid_params)?;
    let dest_uri =
        Uri::from_file_path(&dest).ok_or_else(|| jsonrpc::Error::invalid_params("no file URI for the target"))?;
    let applied = apply && create(state, &dest_uri, &conversion.text).await?;
    let notes: Vec<Value> = conversion
        .notes
        .iter()
        .map(|n| {
            let kind = match n.kind {
                NoteKind::Dropped => "dropped",
                NoteKind::Changed => "changed",
                NoteKind::Missing => "missing",
            };
            json!({"key": n.key, "kind": kind, "message": n.message})
        })
        .collect();
    Ok(Some(json!({
        "uri": dest_uri.as_str(),
        "path": dest.to_string_lossy(),
        "name": conversion.name,
        "text": conversion.text,
        "notes": notes,
        "applied": applied,
    })))
}

/// The conversion of the document (open or on disk) and where it goes: the target path under
/// the file's consumer-folder root, else the workspace folder holding it.
fn converted(state: &State, uri: &Uri, target: Target) -> Result<(Conversion, PathBuf), String> {
    let path = uri.to_file_path().ok_or("agentls.convert: not a file URI")?.into_owned();
    let snap = if let Some(s) = state.snapshot(uri) {
        s
    } else {
        let text = std::fs::read_to_string(&path).map_err(|e| format!("cannot read {}: {e}", path.display()))?;
        Arc::new(state.classifier.snapshot(&path, text, state.classifier.detect(&path), TextShape::Flat))
    };
    let snap = with_dialect(&snap);
    let conversion = convert(&snap, target).map_err(|e| format!("{}: {e}", path.display()))?;
    let root = workspace_root(&path)
        .or_else(|| state.index.roots().into_iter().find(|r| path.starts_with(r)))
        .or_else(|| path.parent().map(Path::to_path_buf))
        .unwrap_or_default();
    Ok((conversion.clone(), root.join(&conversion.path)))
}

/// The snapshot, with a dialect from its frontmatter keys when its path gives none.
fn with_dialect(snap: &Arc<Snapshot>) -> Snapshot {
    let mut s = (**snap).clone();
    if s.detected.is_none() {
        let keys: Vec<&str> =
            snap.parsed.frontmatter.iter().flat_map(|f| f.entries.iter().map(|e| e.key.as_str())).collect();
        s.detected = detect_by_content(&keys)
            .filter(|d| matches!(d.dialect, Dialect::ClaudeAgent | Dialect::CopilotAgent | Dialect::OpencodeAgent));
    }
    s
}

/// Asks the client to create `uri` (failing if it exists) holding `text`.
async fn create(state: &Arc<State>, uri: &Uri, text: &str) -> jsonrpc::Result<bool> {
    let create = lsp::DocumentChangeOperation::Op(lsp::ResourceOp::Create(lsp::CreateFile {
        uri: uri.clone(),
        options: Some(lsp::CreateFileOptions { overwrite: Some(false), ignore_if_exists: Some(false) }),
        annotation_id: None,
    }));
    let insert = lsp::DocumentChangeOperation::Edit(lsp::TextDocumentEdit {
        text_document: lsp::OptionalVersionedTextDocumentIdentifier { uri: uri.clone(), version: None },
        edits: vec![lsp::OneOf::Left(lsp::TextEdit { range: lsp::Range::default(), new_text: text.to_string() })],
    });
    let edit = lsp::WorkspaceEdit {
        document_changes: Some(lsp::DocumentChanges::Operations(vec![create, insert])),
        ..lsp::WorkspaceEdit::default()
    };
    let response = state.client.apply_edit(edit).await?;
    Ok(response.applied)
}
