//! The `LanguageServer` implementation: one small method per LSP method, delegating to
//! [`State`], [`workspace`](super::workspace) and [`navigation`](super::navigation). Document
//! mutations happen synchronously, before the handler's first `.await`.

use std::path::PathBuf;
use std::sync::Arc;

use tower_lsp_server::jsonrpc::Result;
use tower_lsp_server::ls_types::*;
use tower_lsp_server::{Client, LanguageServer};

use super::state::{ClientFlags, State};
use super::{convert, navigation, workspace};
use agentls_analysis::{Change, Snapshot};

/// Characters that re-trigger completion: after `key:`, list separators, list openers, quotes,
/// `-` (block items, `@agent-`), `(` (`Agent(`), `_` (`mcp__`), `@`.
const TRIGGER_CHARACTERS: &[&str] = &[":", ",", "[", " ", "\"", "'", "-", "(", "@"];

/// The language server.
#[derive(Debug)]
pub struct Backend {
    state: Arc<State>,
}

impl Backend {
    /// A backend talking to `client`.
    pub fn new(client: Client) -> Self {
        Self { state: Arc::new(State::new(client)) }
    }

    /// The open snapshot of `uri` and the byte offset of `pos` in it.
    fn at(&self, uri: &Uri, pos: Position) -> Option<(Arc<Snapshot>, usize)> {
        let snap = self.state.docs.get(uri)?;
        let offset = convert::offset(&snap, pos, self.state.unit());
        Some((snap, offset))
    }
}

/// The position encoding to use: UTF-8 when the client offers it, else UTF-16.
fn negotiate(params: &InitializeParams) -> PositionEncodingKind {
    let offered = params.capabilities.general.as_ref().and_then(|g| g.position_encodings.as_ref());
    if offered.is_some_and(|e| e.contains(&PositionEncodingKind::UTF8)) {
        PositionEncodingKind::UTF8
    } else {
        PositionEncodingKind::UTF16
    }
}

fn client_flags(params: &InitializeParams) -> ClientFlags {
    let caps = &params.capabilities;
    let ws = caps.workspace.as_ref();
    let edit = ws.and_then(|w| w.workspace_edit.as_ref());
    ClientFlags {
        watched_files_dynamic: ws
            .and_then(|w| w.did_change_watched_files.as_ref())
            .and_then(|d| d.dynamic_registration)
            .unwrap_or(false),
        work_done_progress: caps.window.as_ref().and_then(|w| w.work_done_progress).unwrap_or(false),
        document_changes: edit.and_then(|e| e.document_changes).unwrap_or(false),
        rename_files: edit
            .and_then(|e| e.resource_operations.as_ref())
            .is_some_and(|ops| ops.contains(&ResourceOperationKind::Rename)),
        related_information: caps
            .text_document
            .as_ref()
            .and_then(|t| t.publish_diagnostics.as_ref())
            .and_then(|p| p.related_information)
            .unwrap_or(false),
        user_folders: params
            .initialization_options
            .as_ref()
            .and_then(|o| o.get("userFolders"))
            .and_then(|v| v.as_bool())
            .unwrap_or(false),
    }
}

/// Workspace roots from `workspaceFolders`, else `rootUri`.
#[allow(deprecated)]
fn roots(params: &InitializeParams) -> Vec<PathBuf> {
    let from_folders: Vec<PathBuf> = params
        .workspace_folders
        .iter()
        .flatten()
        .filter_map(|f| f.uri.to_file_path().map(|p| p.into_owned()))
        .collect();
    if !from_folders.is_empty() {
        return from_folders;
    }
    params.root_uri.as_ref().and_then(|u| u.to_file_path()).map(|p| vec![p.into_owned()]).unwrap_or_default()
}

impl LanguageServer for Backend {
    async fn initialize(&self, params: InitializeParams) -> Result<InitializeResult> {
        let encoding = negotiate(&params);
        let _ = self.state.encoding.set(encoding.clone());
        let _ = self.state.flags.set(client_flags(&params));
        self.state.index.set_roots(roots(&params));
        self.state.plugins.set_boundaries(self.state.index_folders());
        Ok(InitializeResult {
            server_info: Some(ServerInfo { name: "agentls".into(), version: Some(env!("CARGO_PKG_VERSION").into()) }),
            capabilities: ServerCapabilities {
                position_encoding: Some(encoding),
                text_document_sync: Some(TextDocumentSyncCapability::Options(TextDocumentSyncOptions {
                    open_close: Some(true),
                    change: Some(TextDocumentSyncKind::INCREMENTAL),
                    ..Default::default()
                })),
                completion_provider: Some(CompletionOptions {
                    trigger_characters: Some(TRIGGER_CHARACTERS.iter().map(|s| s.to_string()).collect()),
                    ..Default::default()
                }),
                hover_provider: Some(HoverProviderCapability::Simple(true)),
                definition_provider: Some(OneOf::Left(true)),
                references_provider: Some(OneOf::Left(true)),
                rename_provider: Some(OneOf::Right(RenameOptions {
                    prepare_provider: Some(true),
                    work_done_progress_options: Default::default(),
                })),
                document_symbol_provider: Some(OneOf::Left(true)),
                workspace_symbol_provider: Some(OneOf::Left(true)),
                document_link_provider: Some(DocumentLinkOptions {
                    resolve_provider: Some(false),
                    work_done_progress_options: Default::default(),
                }),
                ..Default::default()
            },
            ..Default::default()
        })
    }

    async fn initialized(&self, _: InitializedParams) {
        tracing::info!("agentls initialized (positionEncoding {:?})", self.state.encoding.get().map(|e| e.as_str()));
        tokio::spawn(workspace::index_workspace(self.state.clone()));
    }

    async fn shutdown(&self) -> Result<()> {
        if let Ok(mut w) = self.state.watcher.lock() {
            w.take();
        }
        Ok(())
    }

    async fn did_open(&self, params: DidOpenTextDocumentParams) {
        let doc = params.text_document;
        let path = doc.uri.to_file_path().map(|p| p.into_owned());
        let detected = path.as_deref().and_then(|p| self.state.plugins.detect(p));
        let snap =
            self.state.docs.insert(doc.uri.clone(), Snapshot::new(path, doc.text, detected, Some(doc.version), true));
        self.state.document_changed(doc.uri, snap).await;
    }

    async fn did_change(&self, params: DidChangeTextDocumentParams) {
        let changes: Vec<Change> = params
            .content_changes
            .into_iter()
            .map(|c| Change {
                range: c.range.map(|r| (convert::line_col(r.start), convert::line_col(r.end))),
                text: c.text,
            })
            .collect();
        let uri = params.text_document.uri;
        let Some(snap) = self.state.docs.edit(&uri, &changes, self.state.unit(), params.text_document.version) else {
            tracing::warn!("didChange for a document that is not open: {}", uri.as_str());
            return;
        };
        self.state.document_changed(uri, snap).await;
    }

    async fn did_close(&self, params: DidCloseTextDocumentParams) {
        let uri = params.text_document.uri;
        self.state.docs.remove(&uri);
        // The file on disk takes over again in the index (reading it, and waiting for an
        // in-flight index update of the same path, happen on a blocking thread).
        let (st, path) = (self.state.clone(), uri.to_file_path().map(|p| p.into_owned()));
        let changed = tokio::task::spawn_blocking(move || path.is_some_and(|p| workspace::apply_change(&st, &p)))
            .await
            .unwrap_or(false);
        self.state.client.publish_diagnostics(uri, Vec::new(), None).await;
        if changed {
            self.state.republish_open().await;
        }
    }

    async fn did_change_watched_files(&self, params: DidChangeWatchedFilesParams) {
        workspace::watched_files_changed(self.state.clone(), params).await;
    }

    async fn completion(&self, params: CompletionParams) -> Result<Option<CompletionResponse>> {
        let pos = params.text_document_position;
        let Some((snap, offset)) = self.at(&pos.text_document.uri, pos.position) else { return Ok(None) };
        let unit = self.state.unit();
        let items: Vec<CompletionItem> = agentls_analysis::completion::complete(&snap, offset, Some(&self.state.ws()))
            .iter()
            .map(|c| convert::completion(&snap, c, unit))
            .collect();
        Ok((!items.is_empty()).then_some(CompletionResponse::Array(items)))
    }

    async fn hover(&self, params: HoverParams) -> Result<Option<Hover>> {
        let pos = params.text_document_position_params;
        let Some((snap, offset)) = self.at(&pos.text_document.uri, pos.position) else { return Ok(None) };
        let unit = self.state.unit();
        Ok(agentls_analysis::hover::hover(&snap, offset, Some(&self.state.ws()))
            .map(|h| convert::hover(&snap, &h, unit)))
    }

    async fn goto_definition(&self, params: GotoDefinitionParams) -> Result<Option<GotoDefinitionResponse>> {
        let pos = params.text_document_position_params;
        let Some((snap, offset)) = self.at(&pos.text_document.uri, pos.position) else { return Ok(None) };
        Ok(navigation::definition(&self.state, &snap, offset))
    }

    async fn references(&self, params: ReferenceParams) -> Result<Option<Vec<Location>>> {
        let pos = params.text_document_position;
        let Some((snap, offset)) = self.at(&pos.text_document.uri, pos.position) else { return Ok(None) };
        Ok(navigation::references(self.state.clone(), snap, offset, params.context.include_declaration).await)
    }

    async fn prepare_rename(&self, params: TextDocumentPositionParams) -> Result<Option<PrepareRenameResponse>> {
        let Some((snap, offset)) = self.at(&params.text_document.uri, params.position) else { return Ok(None) };
        Ok(navigation::prepare_rename(&self.state, &snap, offset))
    }

    async fn rename(&self, params: RenameParams) -> Result<Option<WorkspaceEdit>> {
        let pos = params.text_document_position;
        let Some((snap, offset)) = self.at(&pos.text_document.uri, pos.position) else { return Ok(None) };
        navigation::rename(self.state.clone(), snap, offset, params.new_name).await
    }

    async fn document_symbol(&self, params: DocumentSymbolParams) -> Result<Option<DocumentSymbolResponse>> {
        let Some(snap) = self.state.docs.get(&params.text_document.uri) else { return Ok(None) };
        Ok(navigation::document_symbols(&self.state, &snap))
    }

    async fn symbol(&self, params: WorkspaceSymbolParams) -> Result<Option<WorkspaceSymbolResponse>> {
        Ok(navigation::workspace_symbols(self.state.clone(), params.query).await)
    }

    async fn document_link(&self, params: DocumentLinkParams) -> Result<Option<Vec<DocumentLink>>> {
        let Some(snap) = self.state.docs.get(&params.text_document.uri) else { return Ok(None) };
        Ok(navigation::document_links(&self.state, &snap))
    }
}
