//! What the client said at `initialize`: the capabilities the server cares about
//! ([`ClientFlags`]) and the `initializationOptions`.
//!
//! `initializationOptions` (all optional):
//! `{ "userFolders": bool, "vscode": { "builtinValidation": "defer" | "duplicate", "version": "1.139.1" } }`.
//! The VS Code extension sends `vscode`: with `defer` (its default) the server leaves to VS Code's
//! built-in validator the findings it reports itself (`agentls_analysis::vscode_defer`).

use tower_lsp_server::ls_types::{InitializeParams, ResourceOperationKind};

/// What the client said it supports, as far as the server cares.
#[derive(Debug, Clone, Copy, Default)]
pub struct ClientFlags {
    /// `textDocument.diagnostic` and `workspace.diagnostics.refreshSupport`: the client pulls
    /// diagnostics (LSP 3.17) and can be asked to pull again; the server then answers pulls
    /// instead of publishing. A client that pulls but cannot be asked again (Neovim 0.11) would
    /// keep stale cross-file findings, so it gets pushes.
    pub pull_diagnostics: bool,
    /// `workspace.configuration`: the server may ask for the `agentls` settings.
    pub configuration: bool,
    /// `workspace.didChangeConfiguration.dynamicRegistration`.
    pub configuration_dynamic: bool,
    /// `workspace.didChangeWatchedFiles.dynamicRegistration`.
    pub watched_files_dynamic: bool,
    /// `window.workDoneProgress`.
    pub work_done_progress: bool,
    /// `workspace.workspaceEdit.documentChanges`.
    pub document_changes: bool,
    /// `workspace.workspaceEdit.resourceOperations` includes `rename`.
    pub rename_files: bool,
    /// `workspace.workspaceEdit.resourceOperations` includes `create` and `delete` (quick fixes
    /// that move a file or create an MCP configuration).
    pub create_delete_files: bool,
    /// `textDocument.codeAction.resolveSupport.properties` includes `edit`: code actions are
    /// sent without their edit, computed on `codeAction/resolve`.
    pub resolve_code_action_edit: bool,
    /// `textDocument.publishDiagnostics.relatedInformation`.
    pub related_information: bool,
    /// `initializationOptions.userFolders`: also index the user-level folders the dialects'
    /// data names (`~/.claude/agents`, `~/.copilot/agents`, …).
    pub user_folders: bool,
    /// `workspace.codeLens.refreshSupport`: the server may ask for the code lenses again when
    /// what they count changes.
    pub code_lens_refresh: bool,
    /// `workspace.inlayHint.refreshSupport`.
    pub inlay_hint_refresh: bool,
    /// `textDocument.inlayHint.resolveSupport.properties` includes `tooltip`: hints are sent
    /// without their tooltip, resolved on hover.
    pub inlay_hint_resolve_tooltip: bool,
    /// `window.showDocument.support`.
    pub show_document: bool,
}

impl ClientFlags {
    /// The flags of `params`.
    pub fn from_params(params: &InitializeParams) -> ClientFlags {
        let caps = &params.capabilities;
        let ws = caps.workspace.as_ref();
        let edit = ws.and_then(|w| w.workspace_edit.as_ref());
        let text = caps.text_document.as_ref();
        ClientFlags {
            pull_diagnostics: text.and_then(|t| t.diagnostic.as_ref()).is_some()
                && ws.and_then(|w| w.diagnostics.as_ref()).and_then(|d| d.refresh_support).unwrap_or(false),
            configuration: ws.and_then(|w| w.configuration).unwrap_or(false),
            configuration_dynamic: ws
                .and_then(|w| w.did_change_configuration.as_ref())
                .and_then(|d| d.dynamic_registration)
                .unwrap_or(false),
            watched_files_dynamic: ws
                .and_then(|w| w.did_change_watched_files.as_ref())
                .and_then(|d| d.dynamic_registration)
                .unwrap_or(false),
            work_done_progress: caps.window.as_ref().and_then(|w| w.work_done_progress).unwrap_or(false),
            document_changes: edit.and_then(|e| e.document_changes).unwrap_or(false),
            rename_files: edit
                .and_then(|e| e.resource_operations.as_ref())
                .is_some_and(|ops| ops.contains(&ResourceOperationKind::Rename)),
            create_delete_files: edit.and_then(|e| e.resource_operations.as_ref()).is_some_and(|ops| {
                ops.contains(&ResourceOperationKind::Create) && ops.contains(&ResourceOperationKind::Delete)
            }),
            resolve_code_action_edit: text
                .and_then(|t| t.code_action.as_ref())
                .and_then(|c| c.resolve_support.as_ref())
                .is_some_and(|r| r.properties.iter().any(|p| p == "edit")),
            related_information: text
                .and_then(|t| t.publish_diagnostics.as_ref())
                .and_then(|p| p.related_information)
                .unwrap_or(false),
            user_folders: option(params, "userFolders").and_then(serde_json::Value::as_bool).unwrap_or(false),
            code_lens_refresh: ws.and_then(|w| w.code_lens.as_ref()).and_then(|c| c.refresh_support).unwrap_or(false),
            inlay_hint_refresh: ws.and_then(|w| w.inlay_hint.as_ref()).and_then(|c| c.refresh_support).unwrap_or(false),
            inlay_hint_resolve_tooltip: text
                .and_then(|t| t.inlay_hint.as_ref())
                .and_then(|h| h.resolve_support.as_ref())
                .is_some_and(|r| r.properties.iter().any(|p| p == "tooltip")),
            show_document: caps.window.as_ref().and_then(|w| w.show_document.as_ref()).is_some_and(|s| s.support),
        }
    }
}

fn option<'a>(params: &'a InitializeParams, key: &str) -> Option<&'a serde_json::Value> {
    params.initialization_options.as_ref()?.get(key)
}

/// The VS Code version to defer to: `initializationOptions.vscode.version` when
/// `builtinValidation` is `defer` (the default when `vscode` is given) and that version
/// validates agent files itself (see [`agentls_analysis::vscode_defer::validates_agent_files`];
/// below it there is nothing to defer to, so the server reports everything).
pub fn vscode_defer(params: &InitializeParams) -> Option<String> {
    let vscode = option(params, "vscode")?;
    let mode = vscode.get("builtinValidation").and_then(serde_json::Value::as_str).unwrap_or("defer");
    let version = vscode.get("version").and_then(serde_json::Value::as_str)?;
    let defers = mode == "defer" && agentls_analysis::vscode_defer::validates_agent_files(version);
    defers.then(|| version.to_string())
}
