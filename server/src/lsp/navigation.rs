//! Navigation requests converted to LSP: definition, references, rename, symbols, links.

use tower_lsp_server::ls_types::{
    DocumentChangeOperation, DocumentChanges, DocumentLink, DocumentSymbol, DocumentSymbolResponse,
    GotoDefinitionResponse, Location, OneOf, OptionalVersionedTextDocumentIdentifier, PrepareRenameResponse,
    RenameFile, ResourceOp, SymbolKind, TextDocumentEdit, TextEdit, Uri, WorkspaceEdit, WorkspaceSymbol,
    WorkspaceSymbolResponse,
};

use super::convert;
use super::state::State;
use agentls_analysis::knowledge::DefinitionKind;
use agentls_analysis::navigate::{self, RenamePlan, Symbol};
use agentls_analysis::Snapshot;

/// `textDocument/definition`.
pub fn definition(state: &State, snap: &Snapshot, offset: usize) -> Option<GotoDefinitionResponse> {
    let unit = state.unit();
    let locs: Vec<Location> = navigate::definition(snap, offset, &state.ws())
        .iter()
        .filter_map(|l| convert::location(&l.path, &l.span, unit))
        .collect();
    (!locs.is_empty()).then_some(GotoDefinitionResponse::Array(locs))
}

/// `textDocument/references`.
pub fn references(state: &State, snap: &Snapshot, offset: usize, include_declaration: bool) -> Option<Vec<Location>> {
    let unit = state.unit();
    let locs: Vec<Location> = navigate::references(snap, offset, include_declaration, &state.ws())
        .iter()
        .filter_map(|l| convert::location(&l.path, &l.span, unit))
        .collect();
    (!locs.is_empty()).then_some(locs)
}

/// `textDocument/prepareRename`.
pub fn prepare_rename(state: &State, snap: &Snapshot, offset: usize) -> Option<PrepareRenameResponse> {
    let (range, placeholder) = navigate::prepare_rename(snap, offset, &state.ws())?;
    Some(PrepareRenameResponse::RangeWithPlaceholder { range: convert::range(snap, range, state.unit()), placeholder })
}

/// `textDocument/rename`: a `WorkspaceEdit` with `documentChanges` (versioned for open
/// documents) and a file rename when the identity is the file name; `changes` for clients
/// without `documentChanges`. The second part is a warning to show the user (references that
/// could not be rewritten). `Err` carries the reason the rename is refused.
pub fn rename(
    state: &State,
    snap: &Snapshot,
    offset: usize,
    new_name: &str,
) -> Result<(WorkspaceEdit, Option<String>), String> {
    let flags = state.flags();
    let plan = navigate::rename(snap, offset, new_name, &state.ws(), flags.document_changes && flags.rename_files)?;
    let warning = (!plan.not_rewritten.is_empty()).then(|| {
        let places: Vec<String> = plan
            .not_rewritten
            .iter()
            .map(|(path, span)| format!("{}:{}", path.display(), span.start.line + 1))
            .collect();
        format!(
            "agentls: {} reference(s) are written inside an escaped or folded YAML value and were not renamed; edit them by hand: {}",
            places.len(),
            places.join(", ")
        )
    });
    Ok((workspace_edit(state, plan), warning))
}

fn workspace_edit(state: &State, plan: RenamePlan) -> WorkspaceEdit {
    let unit = state.unit();
    let flags = state.flags();
    let text_edits = |edits: &[(agentls_analysis::index::Span, String)]| -> Vec<TextEdit> {
        edits
            .iter()
            .map(|(span, text)| TextEdit { range: convert::span_range(span, unit), new_text: text.clone() })
            .collect()
    };
    if !flags.document_changes {
        let changes = plan.edits.iter().filter_map(|(p, e)| Some((Uri::from_file_path(p)?, text_edits(e)))).collect();
        return WorkspaceEdit { changes: Some(changes), ..Default::default() };
    }
    let mut ops: Vec<DocumentChangeOperation> = plan
        .edits
        .iter()
        .filter_map(|(path, edits)| {
            // An open document is edited under the URI the client opened it with, at its version.
            let (uri, version) = match state.docs.at_path(path) {
                Some((uri, version)) => (uri, Some(version)),
                None => (Uri::from_file_path(path)?, None),
            };
            Some(DocumentChangeOperation::Edit(TextDocumentEdit {
                text_document: OptionalVersionedTextDocumentIdentifier { uri, version },
                edits: text_edits(edits).into_iter().map(OneOf::Left).collect(),
            }))
        })
        .collect();
    if let (Some((old, new)), true) = (&plan.file_rename, flags.rename_files) {
        if let (Some(old_uri), Some(new_uri)) = (Uri::from_file_path(old), Uri::from_file_path(new)) {
            ops.push(DocumentChangeOperation::Op(ResourceOp::Rename(RenameFile {
                old_uri,
                new_uri,
                options: None,
                annotation_id: None,
            })));
        }
    }
    WorkspaceEdit { document_changes: Some(DocumentChanges::Operations(ops)), ..Default::default() }
}

/// One analysis symbol as an LSP `DocumentSymbol` (headings as strings, keys as properties).
fn convert_symbol(snap: &Snapshot, s: &Symbol, unit: agentls_analysis::text::ColumnUnit) -> DocumentSymbol {
    #[allow(deprecated)]
    DocumentSymbol {
        name: if s.name.is_empty() { " ".into() } else { s.name.clone() },
        detail: s.detail.clone(),
        kind: if s.is_heading { SymbolKind::STRING } else { SymbolKind::PROPERTY },
        tags: None,
        deprecated: None,
        range: convert::range(snap, s.range, unit),
        selection_range: convert::range(snap, s.selection, unit),
        children: (!s.children.is_empty()).then(|| s.children.iter().map(|c| convert_symbol(snap, c, unit)).collect()),
    }
}

/// `textDocument/documentSymbol`.
pub fn document_symbols(state: &State, snap: &Snapshot) -> Option<DocumentSymbolResponse> {
    let unit = state.unit();
    let symbols = navigate::document_symbols(snap);
    (!symbols.is_empty())
        .then(|| DocumentSymbolResponse::Nested(symbols.iter().map(|s| convert_symbol(snap, s, unit)).collect()))
}

/// `workspace/symbol`.
pub fn workspace_symbols(state: &State, query: &str) -> Option<WorkspaceSymbolResponse> {
    {
        let unit = state.unit();
        let symbols: Vec<WorkspaceSymbol> = navigate::workspace_symbols(&state.ws(), query, 200)
            .into_iter()
            .filter_map(|s| {
                Some(WorkspaceSymbol {
                    name: s.name,
                    kind: match s.kind {
                        DefinitionKind::Agent => SymbolKind::CLASS,
                        DefinitionKind::Prompt => SymbolKind::FUNCTION,
                        DefinitionKind::Skill => SymbolKind::MODULE,
                    },
                    tags: None,
                    container_name: Some(s.container),
                    location: OneOf::Left(convert::location(&s.location.path, &s.location.span, unit)?),
                    data: None,
                })
            })
            .collect();
        Some(WorkspaceSymbolResponse::Nested(symbols))
    }
}

/// `textDocument/documentLink`.
pub fn document_links(state: &State, snap: &Snapshot) -> Option<Vec<DocumentLink>> {
    let unit = state.unit();
    let links: Vec<DocumentLink> = navigate::document_links(snap, &state.ws())
        .into_iter()
        .filter_map(|(range, path, tooltip)| {
            Some(DocumentLink {
                range: convert::range(snap, range, unit),
                target: Some(Uri::from_file_path(&path)?),
                tooltip: Some(tooltip),
                data: None,
            })
        })
        .collect();
    (!links.is_empty()).then_some(links)
}
