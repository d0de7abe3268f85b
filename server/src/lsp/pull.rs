//! Pull diagnostics (LSP 3.17) for clients that offer them: `textDocument/diagnostic` for a
//! document and `workspace/diagnostic` for every agent file of the workspace, each with a
//! result id so what did not change costs nothing. A result id is the document's version (or the
//! file's modification time) and the server's *generation*, which moves whenever something
//! other files' findings depend on changes (a definition, the configuration, the cold index);
//! the server then asks the client to pull again (`workspace/diagnostic/refresh`).

use std::collections::HashMap;
use std::path::Path;
use std::sync::Arc;

use tower_lsp_server::jsonrpc;
use tower_lsp_server::ls_types::{
    DocumentDiagnosticParams, DocumentDiagnosticReport, DocumentDiagnosticReportResult, FullDocumentDiagnosticReport,
    RelatedFullDocumentDiagnosticReport, RelatedUnchangedDocumentDiagnosticReport, UnchangedDocumentDiagnosticReport,
    Uri, WorkspaceDiagnosticParams, WorkspaceDiagnosticReport, WorkspaceDiagnosticReportResult,
    WorkspaceDocumentDiagnosticReport, WorkspaceFullDocumentDiagnosticReport,
    WorkspaceUnchangedDocumentDiagnosticReport,
};

use super::state::State;
use agentls_analysis::TextShape;

/// `textDocument/diagnostic`.
pub async fn document(
    state: &Arc<State>,
    params: DocumentDiagnosticParams,
) -> jsonrpc::Result<DocumentDiagnosticReportResult> {
    let uri = params.text_document.uri;
    let previous = params.previous_result_id;
    let what = format!("textDocument/diagnostic {}", uri.as_str());
    let report = state
        .run(what, move |st| {
            let Some(snap) = st.snapshot(&uri) else {
                return full(None, Vec::new());
            };
            st.index_snapshot(&uri, &snap);
            let id = format!("v{}-g{}", snap.version.unwrap_or(0), st.generation());
            if previous.as_deref() == Some(id.as_str()) {
                return DocumentDiagnosticReport::Unchanged(RelatedUnchangedDocumentDiagnosticReport {
                    related_documents: None,
                    unchanged_document_diagnostic_report: UnchangedDocumentDiagnosticReport { result_id: id },
                });
            }
            full(Some(id), st.diagnostics(&snap))
        })
        .await?;
    Ok(DocumentDiagnosticReportResult::Report(report))
}

fn full(result_id: Option<String>, items: Vec<tower_lsp_server::ls_types::Diagnostic>) -> DocumentDiagnosticReport {
    DocumentDiagnosticReport::Full(RelatedFullDocumentDiagnosticReport {
        related_documents: None,
        full_document_diagnostic_report: FullDocumentDiagnosticReport { result_id, items },
    })
}

/// The result id of a closed file: its modification time and the generation.
fn file_result_id(path: &Path, generation: u64) -> String {
    let mtime = std::fs::metadata(path)
        .and_then(|m| m.modified())
        .ok()
        .and_then(|t| t.duration_since(std::time::UNIX_EPOCH).ok())
        .map_or(0, |d| d.as_nanos());
    format!("m{mtime}-g{generation}")
}

/// `workspace/diagnostic`: every indexed file that is not open (open ones are pulled one by
/// one), unchanged when its result id matches the client's.
pub async fn workspace(
    state: &Arc<State>,
    params: WorkspaceDiagnosticParams,
) -> jsonrpc::Result<WorkspaceDiagnosticReportResult> {
    let previous: HashMap<Uri, String> = params.previous_result_ids.into_iter().map(|p| (p.uri, p.value)).collect();
    let items = state
        .run("workspace/diagnostic".into(), move |st| {
            let generation = st.generation();
            let paths = st.index.paths().into_iter().filter(|p| st.docs.at_path(p).is_none());
            paths.filter_map(|p| closed_file(st, &p, generation, &previous)).collect::<Vec<_>>()
        })
        .await?;
    Ok(WorkspaceDiagnosticReportResult::Report(WorkspaceDiagnosticReport { items }))
}

fn closed_file(
    state: &State,
    path: &Path,
    generation: u64,
    previous: &HashMap<Uri, String>,
) -> Option<WorkspaceDocumentDiagnosticReport> {
    let uri = Uri::from_file_path(path)?;
    let id = file_result_id(path, generation);
    if previous.get(&uri) == Some(&id) {
        let unchanged = UnchangedDocumentDiagnosticReport { result_id: id };
        return Some(WorkspaceDocumentDiagnosticReport::Unchanged(WorkspaceUnchangedDocumentDiagnosticReport {
            uri,
            version: None,
            unchanged_document_diagnostic_report: unchanged,
        }));
    }
    let detected = state.classifier.detect(path)?;
    let text = String::from_utf8_lossy(&std::fs::read(path).ok()?).into_owned();
    let snap = state.classifier.snapshot(path, text, Some(detected), TextShape::Flat);
    let report = FullDocumentDiagnosticReport { result_id: Some(id), items: state.diagnostics(&snap) };
    Some(WorkspaceDocumentDiagnosticReport::Full(WorkspaceFullDocumentDiagnosticReport {
        uri,
        version: None,
        full_document_diagnostic_report: report,
    }))
}
