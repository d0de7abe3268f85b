//! The `LanguageServer` implementation: one small method per LSP method, delegating to
//! [`State`], [`workspace`](super::workspace) and [`navigation`](super::navigation). Document
//! mutations happen synchronously, before the handler's first `.await`.

use std::path::PathBuf;
use std::sync::Arc;

use tower_lsp_server::jsonrpc::{self, Result};
use tower_lsp_server::ls_types::{
    CompletionItem, CompletionOptions, CompletionParams, CompletionResponse, DiagnosticOptions,
    DiagnosticServerCapabilities, DidChangeConfigurationParams, DidChangeTextDocumentParams,
    DidChangeWatchedFilesParams, DidCloseTextDocumentParams, DidOpenTextDocumentParams, DocumentDiagnosticParams,
    DocumentDiagnosticReportResult, DocumentLink, DocumentLinkOptions, DocumentLinkParams, DocumentSymbolParams,
    DocumentSymbolResponse, ExecuteCommandOptions, ExecuteCommandParams, GotoDefinitionParams, GotoDefinitionResponse,
    Hover, HoverParams, HoverProviderCapability, InitializeParams, InitializeResult, InitializedParams, Location,
    MessageType, OneOf, PositionEncodingKind, PrepareRenameResponse, ReferenceParams, RenameOptions, RenameParams,
    ServerCapabilities, ServerInfo, TextDocumentPositionParams, TextDocumentSyncCapability, TextDocumentSyncKind,
    TextDocumentSyncOptions, Uri, WorkDoneProgressOptions, WorkspaceDiagnosticParams, WorkspaceDiagnosticReportResult,
    WorkspaceEdit, WorkspaceSymbolParams, WorkspaceSymbolResponse,
};
use tower_lsp_server::{Client, LanguageServer};

use super::client::{self, ClientFlags};
use super::state::State;
use super::{code_actions, commands, convert, navigation, pull, settings, workspace};
use super::{inlay, lens};
use agentls_analysis::Snapshot;
use tower_lsp_server::ls_types::{
    CodeLens, CodeLensOptions, CodeLensParams, InlayHint, InlayHintOptions, InlayHintParams,
    InlayHintServerCapabilities,
};

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

    /// Runs a request on the newest snapshot of `uri` behind the panic boundary, off the
    /// dispatch task. `Ok(None)` when the document is not open.
    async fn on_doc<T: Send + 'static>(
        &self,
        method: &str,
        uri: &Uri,
        f: impl FnOnce(&State, &Snapshot) -> Option<T> + Send + 'static,
    ) -> Result<Option<T>> {
        let u = uri.clone();
        self.state.run(format!("{method} {}", uri.as_str()), move |st| f(st, &*st.snapshot(&u)?)).await
    }

    /// [`Backend::on_doc`] at a position: `f` gets the byte offset of `pos`.
    async fn at<T: Send + 'static>(
        &self,
        method: &str,
        pos: TextDocumentPositionParams,
        f: impl FnOnce(&State, &Snapshot, usize) -> Option<T> + Send + 'static,
    ) -> Result<Option<T>> {
        self.on_doc(method, &pos.text_document.uri, move |st, snap| {
            let offset = convert::offset(snap, pos.position, st.unit());
            f(st, snap, offset)
        })
        .await
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

/// Workspace roots from `workspaceFolders`, else `rootUri`.
#[allow(deprecated)]
fn roots(params: &InitializeParams) -> Vec<PathBuf> {
    let from_folders: Vec<PathBuf> = params
        .workspace_folders
        .iter()
        .flatten()
        .filter_map(|f| f.uri.to_file_path().map(std::borrow::Cow::into_owned))
        .collect();
    if !from_folders.is_empty() {
        return from_folders;
    }
    params
        .root_uri
        .as_ref()
        .and_then(tower_lsp_server::ls_types::Uri::to_file_path)
        .map(|p| vec![p.into_owned()])
        .unwrap_or_default()
}

impl LanguageServer for Backend {
    async fn initialize(&self, params: InitializeParams) -> Result<InitializeResult> {
        let encoding = negotiate(&params);
        let _ = self.state.encoding.set(encoding.clone());
        let flags = ClientFlags::from_params(&params);
        let _ = self.state.flags.set(flags);
        let _ = self.state.vscode_defer.set(client::vscode_defer(&params));
        self.state.index.set_roots(roots(&params));
        self.state.classifier.set_boundaries(self.state.index_folders());
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
                    trigger_characters: Some(TRIGGER_CHARACTERS.iter().map(std::string::ToString::to_string).collect()),
                    ..Default::default()
                }),
                hover_provider: Some(HoverProviderCapability::Simple(true)),
                definition_provider: Some(OneOf::Left(true)),
                references_provider: Some(OneOf::Left(true)),
                rename_provider: Some(OneOf::Right(RenameOptions {
                    prepare_provider: Some(true),
                    work_done_progress_options: WorkDoneProgressOptions::default(),
                })),
                document_symbol_provider: Some(OneOf::Left(true)),
                workspace_symbol_provider: Some(OneOf::Left(true)),
                diagnostic_provider: flags.pull_diagnostics.then(|| {
                    DiagnosticServerCapabilities::Options(DiagnosticOptions {
                        identifier: Some("agentls".into()),
                        inter_file_dependencies: true,
                        workspace_diagnostics: true,
                        work_done_progress_options: WorkDoneProgressOptions::default(),
                    })
                }),
                execute_command_provider: Some(ExecuteCommandOptions {
                    commands: commands::COMMANDS.iter().map(|c| (*c).to_string()).collect(),
                    work_done_progress_options: WorkDoneProgressOptions::default(),
                }),
                document_link_provider: Some(DocumentLinkOptions {
                    resolve_provider: Some(false),
                    work_done_progress_options: WorkDoneProgressOptions::default(),
                }),
                code_lens_provider: Some(CodeLensOptions { resolve_provider: Some(true) }),
                inlay_hint_provider: Some(OneOf::Right(InlayHintServerCapabilities::Options(InlayHintOptions {
                    resolve_provider: Some(flags.inlay_hint_resolve_tooltip),
                    work_done_progress_options: WorkDoneProgressOptions::default(),
                }))),
                code_action_provider: Some(tower_lsp_server::ls_types::CodeActionProviderCapability::Options(
                    tower_lsp_server::ls_types::CodeActionOptions {
                        code_action_kinds: Some(code_actions::kinds()),
                        resolve_provider: Some(true),
                        work_done_progress_options: WorkDoneProgressOptions::default(),
                    },
                )),
                ..Default::default()
            },
            ..Default::default()
        })
    }

    async fn initialized(&self, _: InitializedParams) {
        tracing::info!(
            "agentls initialized (positionEncoding {:?})",
            self.state.encoding.get().map(tower_lsp_server::ls_types::PositionEncodingKind::as_str)
        );
        let state = self.state.clone();
        tokio::spawn(async move {
            // The settings first: they may map dialects and exclude files the index walks.
            settings::fetch(&state).await;
            settings::register(&state).await;
            workspace::index_workspace(state).await;
        });
    }

    async fn did_change_configuration(&self, params: DidChangeConfigurationParams) {
        tokio::spawn(settings::changed(self.state.clone(), params.settings));
    }

    async fn shutdown(&self) -> Result<()> {
        if let Ok(mut w) = self.state.watcher.lock() {
            w.take();
        }
        Ok(())
    }

    async fn did_open(&self, params: DidOpenTextDocumentParams) {
        let doc = params.text_document;
        let path = doc.uri.to_file_path().map(std::borrow::Cow::into_owned);
        self.state.docs.open(doc.uri.clone(), path, &doc.text, doc.version);
        self.state.schedule(doc.uri);
    }

    async fn did_change(&self, params: DidChangeTextDocumentParams) {
        let uri = params.text_document.uri;
        let version = params.text_document.version;
        let unit = self.state.unit();
        let docs = &self.state.docs;
        let applied = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
            docs.change(&uri, &params.content_changes, unit, version)
        }));
        match applied {
            Ok(true) => self.state.schedule(uri),
            Ok(false) => tracing::warn!("didChange for a document that is not open: {}", uri.as_str()),
            Err(_) => {
                // The document's text can no longer be trusted: forget it (the client's next
                // didOpen restores it) rather than analyse a corrupt text.
                tracing::error!("didChange failed for {}; the document is closed on the server", uri.as_str());
                docs.close(&uri);
            }
        }
    }

    async fn did_close(&self, params: DidCloseTextDocumentParams) {
        let uri = params.text_document.uri;
        self.state.docs.close(&uri);
        // The file on disk takes over again in the index (reading it, and waiting for an
        // in-flight index update of the same path, happen on a blocking thread).
        let path = uri.to_file_path().map(std::borrow::Cow::into_owned);
        let what = format!("didClose {}", uri.as_str());
        let changed = self
            .state
            .run(what, move |st| path.map(|p| workspace::apply_change(st, &p)).unwrap_or_default())
            .await
            .unwrap_or_default();
        self.state.client.publish_diagnostics(uri, Vec::new(), None).await;
        self.state.republish_dependents(changed, None);
        super::trim::after_close();
    }

    async fn did_change_watched_files(&self, params: DidChangeWatchedFilesParams) {
        workspace::watched_files_changed(self.state.clone(), params).await;
    }

    async fn completion(&self, params: CompletionParams) -> Result<Option<CompletionResponse>> {
        self.at("completion", params.text_document_position, |st, snap, offset| {
            let unit = st.unit();
            let mut items = agentls_analysis::completion::complete(snap, offset, Some(&st.ws()));
            if st.deferring() {
                items = agentls_analysis::vscode_defer::defer_completions(snap, items);
            }
            let items: Vec<CompletionItem> = items.iter().map(|c| convert::completion(snap, c, unit)).collect();
            (!items.is_empty()).then_some(CompletionResponse::Array(items))
        })
        .await
    }

    async fn hover(&self, params: HoverParams) -> Result<Option<Hover>> {
        self.at("hover", params.text_document_position_params, |st, snap, offset| {
            let h = agentls_analysis::hover::hover(snap, offset, Some(&st.ws()))?;
            if st.deferring() && agentls_analysis::vscode_defer::vscode_hovers(snap, h.on_reference) {
                return None; // VS Code shows its own hover here
            }
            Some(convert::hover(snap, &h, st.unit()))
        })
        .await
    }

    async fn goto_definition(&self, params: GotoDefinitionParams) -> Result<Option<GotoDefinitionResponse>> {
        self.at("definition", params.text_document_position_params, navigation::definition).await
    }

    async fn references(&self, params: ReferenceParams) -> Result<Option<Vec<Location>>> {
        let include = params.context.include_declaration;
        self.at("references", params.text_document_position, move |st, snap, offset| {
            navigation::references(st, snap, offset, include)
        })
        .await
    }

    async fn prepare_rename(&self, params: TextDocumentPositionParams) -> Result<Option<PrepareRenameResponse>> {
        self.at("prepareRename", params, navigation::prepare_rename).await
    }

    async fn rename(&self, params: RenameParams) -> Result<Option<WorkspaceEdit>> {
        let new_name = params.new_name;
        let planned = self
            .at("rename", params.text_document_position, move |st, snap, offset| {
                Some(navigation::rename(st, snap, offset, &new_name))
            })
            .await?;
        let Some(planned) = planned else { return Ok(None) };
        let (edit, warning) = planned.map_err(jsonrpc::Error::invalid_params)?;
        if let Some(message) = warning {
            self.state.client.show_message(MessageType::WARNING, message).await;
        }
        Ok(Some(edit))
    }

    async fn document_symbol(&self, params: DocumentSymbolParams) -> Result<Option<DocumentSymbolResponse>> {
        self.on_doc("documentSymbol", &params.text_document.uri, navigation::document_symbols).await
    }

    async fn symbol(&self, params: WorkspaceSymbolParams) -> Result<Option<WorkspaceSymbolResponse>> {
        let query = params.query;
        self.state.run("workspace/symbol".into(), move |st| navigation::workspace_symbols(st, &query)).await
    }

    async fn diagnostic(&self, params: DocumentDiagnosticParams) -> Result<DocumentDiagnosticReportResult> {
        pull::document(&self.state, params).await
    }

    async fn workspace_diagnostic(&self, params: WorkspaceDiagnosticParams) -> Result<WorkspaceDiagnosticReportResult> {
        pull::workspace(&self.state, params).await
    }

    async fn execute_command(&self, params: ExecuteCommandParams) -> Result<Option<serde_json::Value>> {
        commands::execute(&self.state, &params.command, params.arguments).await
    }

    async fn document_link(&self, params: DocumentLinkParams) -> Result<Option<Vec<DocumentLink>>> {
        self.on_doc("documentLink", &params.text_document.uri, navigation::document_links).await
    }

    async fn code_lens(&self, params: CodeLensParams) -> Result<Option<Vec<CodeLens>>> {
        let uri = params.text_document.uri;
        let u = uri.clone();
        self.on_doc("codeLens", &uri, move |st, snap| lens::code_lens(st, snap, &u)).await
    }

    async fn code_lens_resolve(&self, params: CodeLens) -> Result<CodeLens> {
        self.state.run("codeLens/resolve".into(), move |st| lens::resolve(st, params)).await
    }

    async fn inlay_hint(&self, params: InlayHintParams) -> Result<Option<Vec<InlayHint>>> {
        let (uri, range) = (params.text_document.uri, params.range);
        let u = uri.clone();
        self.on_doc("inlayHint", &uri, move |st, snap| inlay::inlay_hints(st, snap, &u, range)).await
    }

    async fn inlay_hint_resolve(&self, params: InlayHint) -> Result<InlayHint> {
        self.state.run("inlayHint/resolve".into(), move |st| inlay::resolve(st, params)).await
    }

    async fn code_action(
        &self,
        params: tower_lsp_server::ls_types::CodeActionParams,
    ) -> Result<Option<tower_lsp_server::ls_types::CodeActionResponse>> {
        code_actions::actions(&self.state, params).await
    }

    async fn code_action_resolve(
        &self,
        action: tower_lsp_server::ls_types::CodeAction,
    ) -> Result<tower_lsp_server::ls_types::CodeAction> {
        code_actions::resolve(&self.state, action).await
    }
}
