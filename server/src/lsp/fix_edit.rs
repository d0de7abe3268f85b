//! A [`Fix`]'s changes as an LSP `WorkspaceEdit`: `documentChanges` (versioned edits of open
//! documents, file creation and deletion) for clients that support them, `changes` otherwise
//! (fixes that create or delete files are then never offered). Positions only through
//! [`convert`].

use std::collections::HashMap;

use tower_lsp_server::ls_types::{
    CreateFile, CreateFileOptions, DeleteFile, DocumentChangeOperation, DocumentChanges, OneOf,
    OptionalVersionedTextDocumentIdentifier, Position, Range, ResourceOp, TextDocumentEdit, TextEdit, Uri,
    WorkspaceEdit,
};

use super::convert;
use super::state::State;
use agentls_analysis::fix::{Change, Fix};
use agentls_analysis::Snapshot;

/// The document a change edits: its URI (the open document's own spelling when it is open) and
/// version (open documents only).
fn target(state: &State, path: &std::path::Path) -> Option<(Uri, Option<i32>)> {
    match state.docs.at_path(path) {
        Some((uri, version)) => Some((uri, Some(version))),
        None => Some((Uri::from_file_path(path)?, None)),
    }
}

/// The LSP text edits of one change (`None` for a file operation), with its document.
fn text_edits(state: &State, snap: &Snapshot, uri: &Uri, change: &Change) -> Option<(Uri, Option<i32>, Vec<TextEdit>)> {
    let unit = state.unit();
    match change {
        Change::Edit(edits) => {
            let edits = edits
                .iter()
                .map(|e| TextEdit { range: convert::range(snap, e.range, unit), new_text: e.new_text.clone() });
            Some((uri.clone(), snap.version, edits.collect()))
        }
        Change::EditFile { path, edits } => {
            let (uri, version) = target(state, path)?;
            let edits =
                edits.iter().map(|(s, t)| TextEdit { range: convert::span_range(s, unit), new_text: t.clone() });
            Some((uri, version, edits.collect()))
        }
        Change::CreateFile { .. } | Change::DeleteFile { .. } => None,
    }
}

/// The `WorkspaceEdit` of `fix`, computed on `snap` (the document `uri`).
pub fn workspace_edit(state: &State, snap: &Snapshot, uri: &Uri, fix: &Fix) -> WorkspaceEdit {
    if !state.flags().document_changes {
        let mut changes: HashMap<Uri, Vec<TextEdit>> = HashMap::new();
        for (uri, _, edits) in fix.changes.iter().filter_map(|c| text_edits(state, snap, uri, c)) {
            changes.entry(uri).or_default().extend(edits);
        }
        return WorkspaceEdit { changes: Some(changes), ..Default::default() };
    }
    let mut ops = Vec::new();
    for change in &fix.changes {
        match change {
            Change::CreateFile { path, text } => {
                let Some(new) = Uri::from_file_path(path) else { continue };
                let options = CreateFileOptions { overwrite: Some(false), ignore_if_exists: Some(false) };
                let create = CreateFile { uri: new.clone(), options: Some(options), annotation_id: None };
                ops.push(DocumentChangeOperation::Op(ResourceOp::Create(create)));
                let at = Range { start: Position::new(0, 0), end: Position::new(0, 0) };
                ops.push(versioned(new, None, vec![TextEdit { range: at, new_text: text.clone() }]));
            }
            Change::DeleteFile { path } => {
                let Some((uri, _)) = target(state, path) else { continue };
                ops.push(DocumentChangeOperation::Op(ResourceOp::Delete(DeleteFile {
                    uri,
                    options: None,
                    annotation_id: None,
                })));
            }
            _ => {
                if let Some((uri, version, edits)) = text_edits(state, snap, uri, change) {
                    ops.push(versioned(uri, version, edits));
                }
            }
        }
    }
    WorkspaceEdit { document_changes: Some(DocumentChanges::Operations(ops)), ..Default::default() }
}

fn versioned(uri: Uri, version: Option<i32>, edits: Vec<TextEdit>) -> DocumentChangeOperation {
    DocumentChangeOperation::Edit(TextDocumentEdit {
        text_document: OptionalVersionedTextDocumentIdentifier { uri, version },
        edits: edits.into_iter().map(OneOf::Left).collect(),
    })
}
