//! Code lenses: `textDocument/codeLens` (where, with no command), `codeLens/resolve` (the title
//! and command, computed then: the verdict's findings, the index's references), the lens
//! commands `agentls.showReferences` and `agentls.explain`, and the refresh requests sent when
//! what the lenses and hints show may have changed.
//!
//! Commands follow what the clients do with a lens's `Command`: Neovim 0.11
//! (`vim.lsp.codelens.run` → `Client:exec_cmd`) runs a client-side handler registered in
//! `vim.lsp.commands` first, else sends `workspace/executeCommand` for a command the server
//! lists; vscode-languageclient 9 registers every listed command as a VS Code command that
//! forwards to the server, which its `middleware.executeCommand` can intercept to open VS Code's
//! references peek (`editor.action.showReferences`). The arguments of `agentls.showReferences`
//! are therefore the LSP-typed `[uri, position, locations]` both can convert; run on the server
//! (no client-side handler), it opens the first reference with `window/showDocument` when the
//! client supports it, and answers the locations.

use std::sync::Arc;

use serde_json::{json, Value};
use tower_lsp_server::jsonrpc;
use tower_lsp_server::ls_types::{self as lsp, CodeLens, Command, Uri};

use super::convert;
use super::state::State;
use agentls_analysis::lens::{self, LensKind};
use agentls_analysis::Snapshot;

/// Shows the references to a definition (arguments: `[uri, position, locations]`).
pub const SHOW_REFERENCES: &str = "agentls.showReferences";
/// Shows which consumers read a file and what each makes of it (argument: its URI); answers the
/// verdict as `agentls explain --format json` prints it.
pub const EXPLAIN: &str = "agentls.explain";

/// `textDocument/codeLens`: the lenses of `snap`, unresolved (their `data` names the document
/// and the kind).
pub fn code_lens(state: &State, snap: &Snapshot, uri: &Uri) -> Option<Vec<CodeLens>> {
    let unit = state.unit();
    let lenses: Vec<CodeLens> = lens::lenses(snap)
        .iter()
        .map(|l| CodeLens {
            range: convert::range(snap, l.range, unit),
            command: None,
            data: Some(json!({"uri": uri.as_str(), "kind": l.kind.id()})),
        })
        .collect();
    (!lenses.is_empty()).then_some(lenses)
}

/// The document and kind a lens's `data` names.
fn target(lens: &CodeLens) -> Option<(Uri, LensKind)> {
    let data = lens.data.as_ref()?;
    let uri: Uri = data.get("uri")?.as_str()?.parse().ok()?;
    Some((uri, LensKind::from_id(data.get("kind")?.as_str()?)?))
}

/// `codeLens/resolve`: the lens with its title and command, for the newest version of its
/// document. A lens of a closed document, or with foreign `data`, comes back unchanged.
pub fn resolve(state: &State, mut lens: CodeLens) -> CodeLens {
    let Some((uri, kind)) = target(&lens) else { return lens };
    let Some(snap) = state.snapshot(&uri) else { return lens };
    let ready = state.index_ready.load(std::sync::atomic::Ordering::Acquire);
    let ws = state.ws();
    lens.command = match kind {
        LensKind::Verdict => lens::verdict_title(&snap, ready.then_some(&ws)).map(|title| Command {
            title,
            command: EXPLAIN.into(),
            arguments: Some(vec![json!(uri.as_str())]),
        }),
        LensKind::References => lens::references(&snap, &ws).map(|refs| {
            let unit = state.unit();
            let at = convert::span_range(&refs.at.span, unit).start;
            let locations: Vec<lsp::Location> =
                refs.locations.iter().filter_map(|l| convert::location(&l.path, &l.span, unit)).collect();
            Command {
                title: refs.title(),
                command: SHOW_REFERENCES.into(),
                arguments: Some(vec![json!(uri.as_str()), json!(at), json!(locations)]),
            }
        }),
    };
    lens
}

/// `agentls.showReferences` run on the server: opens the first location (when the client can
/// show documents) and answers the locations.
pub async fn show_references(state: &Arc<State>, arguments: Vec<Value>) -> jsonrpc::Result<Option<Value>> {
    let locations: Vec<lsp::Location> = arguments
        .get(2)
        .cloned()
        .map(serde_json::from_value)
        .transpose()
        .map_err(|e| jsonrpc::Error::invalid_params(format!("{SHOW_REFERENCES}: locations: {e}")))?
        .unwrap_or_default();
    if let (Some(first), true) = (locations.first(), state.flags().show_document) {
        let params = lsp::ShowDocumentParams {
            uri: first.uri.clone(),
            external: None,
            take_focus: Some(true),
            selection: Some(first.range),
        };
        if let Err(e) = state.client.show_document(params).await {
            tracing::debug!("window/showDocument: {e}");
        }
    }
    Ok(Some(json!(locations)))
}

/// `agentls.explain`: the verdict on an open document, shown as a message and answered as JSON.
pub async fn explain(state: &Arc<State>, arguments: Vec<Value>) -> jsonrpc::Result<Option<Value>> {
    let uri = arguments.first().and_then(Value::as_str).map(str::to_string);
    let what = format!("{EXPLAIN} {uri:?}");
    let answer = state
        .run(what, move |st| {
            let uri: Uri = uri?.parse().ok()?;
            let snap = st.snapshot(&uri)?;
            let ready = st.index_ready.load(std::sync::atomic::Ordering::Acquire);
            let ws = st.ws();
            let v = agentls_analysis::verdict::verdict_of(&snap, ready.then_some(&ws))?;
            let path = snap.path.as_deref().map(|p| p.display().to_string()).unwrap_or_default();
            Some((crate::cli::explain::text(&snap, &v), crate::cli::explain::json(&path, &snap, &v)))
        })
        .await?;
    let Some((text, json)) = answer else { return Ok(None) };
    state.client.show_message(lsp::MessageType::INFO, text).await;
    Ok(Some(json))
}

/// Asks the client to request code lenses again, and inlay hints too when `hints` (when it
/// supports the refresh requests): something they show may have changed — a definition
/// (reference counts: lenses only), the configuration (which consumers are targeted), the end
/// of the cold index (cross-file findings in verdicts).
pub fn refresh(state: &Arc<State>, hints: bool) {
    let flags = state.flags();
    let (lenses, hints) = (flags.code_lens_refresh, hints && flags.inlay_hint_refresh);
    if !lenses && !hints {
        return;
    }
    let client = state.client.clone();
    tokio::spawn(async move {
        if lenses {
            if let Err(e) = client.code_lens_refresh().await {
                tracing::debug!("workspace/codeLens/refresh: {e}");
            }
        }
        if hints {
            if let Err(e) = client.inlay_hint_refresh().await {
                tracing::debug!("workspace/inlayHint/refresh: {e}");
            }
        }
    });
}
