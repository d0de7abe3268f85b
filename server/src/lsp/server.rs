//! The `LanguageServer` implementation: lifecycle, document sync, diagnostics, completion,
//! hover. Document mutations happen synchronously before any `.await`.

use std::sync::{Arc, OnceLock};

use tower_lsp_server::jsonrpc::Result;
use tower_lsp_server::ls_types::*;
use tower_lsp_server::{Client, LanguageServer};

use super::convert;
use super::store::DocumentStore;
use crate::analysis::{self, Change, Snapshot};
use crate::discover::PluginCache;
use crate::text::ColumnUnit;

/// Characters that re-trigger completion: after `key:`, list separators, list openers, quotes.
const TRIGGER_CHARACTERS: &[&str] = &[":", ",", "[", " ", "\"", "'", "-"];

/// The server state shared by all handlers.
#[derive(Debug)]
pub struct Backend {
    client: Client,
    docs: DocumentStore,
    plugins: PluginCache,
    encoding: OnceLock<PositionEncodingKind>,
}

impl Backend {
    /// A backend talking to `client`.
    pub fn new(client: Client) -> Self {
        Self { client, docs: DocumentStore::default(), plugins: PluginCache::default(), encoding: OnceLock::new() }
    }

    fn unit(&self) -> ColumnUnit {
        self.encoding.get().map_or(ColumnUnit::Utf16, convert::unit_of)
    }

    /// Publishes `snap`'s diagnostics unless a newer version replaced it meanwhile.
    async fn publish(&self, uri: Uri, snap: Arc<Snapshot>) {
        let unit = self.unit();
        let diagnostics: Vec<Diagnostic> =
            analysis::diagnostics(&snap).iter().map(|d| convert::diagnostic(&snap, d, unit)).collect();
        if self.docs.is_current(&uri, &snap) {
            self.client.publish_diagnostics(uri, diagnostics, snap.version).await;
        }
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

impl LanguageServer for Backend {
    async fn initialize(&self, params: InitializeParams) -> Result<InitializeResult> {
        let encoding = negotiate(&params);
        let _ = self.encoding.set(encoding.clone());
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
                ..Default::default()
            },
            ..Default::default()
        })
    }

    async fn initialized(&self, _: InitializedParams) {
        tracing::info!("agentls initialized (positionEncoding {:?})", self.encoding.get().map(|e| e.as_str()));
    }

    async fn shutdown(&self) -> Result<()> {
        Ok(())
    }

    async fn did_open(&self, params: DidOpenTextDocumentParams) {
        let doc = params.text_document;
        let path = doc.uri.to_file_path().map(|p| p.into_owned());
        let detected = path.as_deref().and_then(|p| self.plugins.detect(p));
        let snap = Snapshot::new(path, doc.text, detected, Some(doc.version), true);
        let snap = self.docs.insert(doc.uri.clone(), snap);
        self.publish(doc.uri, snap).await;
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
        let Some(snap) = self.docs.edit(&uri, &changes, self.unit(), params.text_document.version) else {
            tracing::warn!("didChange for a document that is not open: {}", uri.as_str());
            return;
        };
        self.publish(uri, snap).await;
    }

    async fn did_close(&self, params: DidCloseTextDocumentParams) {
        let uri = params.text_document.uri;
        self.docs.remove(&uri);
        self.client.publish_diagnostics(uri, Vec::new(), None).await;
    }

    async fn completion(&self, params: CompletionParams) -> Result<Option<CompletionResponse>> {
        let pos = params.text_document_position;
        let Some(snap) = self.docs.get(&pos.text_document.uri) else {
            return Ok(None);
        };
        let unit = self.unit();
        let offset = convert::offset(&snap, pos.position, unit);
        let items: Vec<CompletionItem> =
            analysis::completion::complete(&snap, offset).iter().map(|c| convert::completion(&snap, c, unit)).collect();
        Ok((!items.is_empty()).then_some(CompletionResponse::Array(items)))
    }

    async fn hover(&self, params: HoverParams) -> Result<Option<Hover>> {
        let pos = params.text_document_position_params;
        let Some(snap) = self.docs.get(&pos.text_document.uri) else {
            return Ok(None);
        };
        let unit = self.unit();
        let offset = convert::offset(&snap, pos.position, unit);
        Ok(analysis::hover::hover(&snap, offset).map(|h| convert::hover(&snap, &h, unit)))
    }
}
