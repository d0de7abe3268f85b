//! agentls-analysis: the protocol-free core of agentls.
//!
//! Layers, each depending only on those before it (see ARCHITECTURE.md):
//! [`text`] → [`syntax`] → [`knowledge`] → analysis ([`Snapshot`], [`diagnostics`],
//! [`completion`], [`hover`], [`index`], [`navigate`]).
//!
//! Nothing here speaks LSP, runs an async runtime, touches the file system or prints: results
//! are our own types with byte ranges, converted by the `agentls` crate's `lsp` and `cli`
//! edges. The compiler keeps it so: this crate does not depend on `tower-lsp-server`, `tokio`
//! or any file-walking crate, and no source here reads files (`tests/layering.rs` checks both).

pub mod config;
pub mod knowledge;
pub mod syntax;
pub mod text;

pub mod completion;
mod completion_refs;
pub mod convert;
mod cursor;
pub mod diagnostic;
pub mod fix;
pub mod graph;
pub mod hover;
pub mod index;
pub mod inlay;
pub mod lens;
pub mod navigate;
pub mod rule_docs;
mod rules;
pub mod snapshot;
mod values;
pub mod verdict;
pub mod vscode_defer;

pub use diagnostic::{code_info, codes, CodeInfo, Diagnostic, Related, Severity};
pub use snapshot::{Snapshot, TextShape};

/// Every finding for the snapshot, sorted by position. Empty for non-agent files.
pub fn diagnostics(snapshot: &Snapshot) -> Vec<Diagnostic> {
    let mut out = rules::run(snapshot);
    out.sort_by_key(|d| (d.range.start, d.range.end, d.code));
    out.dedup();
    out
}

/// What workspace-wide analysis may consult: the index, and a file-existence probe supplied by
/// the edge (so analysis itself does no I/O).
pub struct WorkspaceCtx<'a> {
    /// The workspace index.
    pub index: &'a index::WorkspaceIndex,
    /// Does this path exist (file or folder)?
    pub exists: &'a (dyn Fn(&std::path::Path) -> bool + Sync),
}

/// The findings a user sees for `snapshot`, given its file-local and cross-file ones: inline
/// suppressions applied (with `unused-suppression` hints), then the configured rule levels,
/// sorted by position, each code past [`diagnostic::FOLD_AFTER`] findings folded into one.
/// Both edges call this last.
pub fn finalize(snapshot: &Snapshot, diagnostics: Vec<Diagnostic>) -> Vec<Diagnostic> {
    let kept = config::suppress::apply(snapshot, diagnostics);
    let mut out = snapshot.config.apply(snapshot.path.as_deref(), kept);
    out.sort_by_key(|d| (d.range.start, d.range.end, d.code));
    diagnostic::fold(out)
}

/// Cross-file findings for the snapshot: unresolved references, duplicates, broken links,
/// MCP servers. Empty for non-agent files.
pub fn workspace_diagnostics(snapshot: &Snapshot, ws: &WorkspaceCtx) -> Vec<Diagnostic> {
    let mut out = rules::references::check(snapshot, ws);
    out.extend(graph::diagnostics(snapshot, ws));
    out.sort_by_key(|d| (d.range.start, d.range.end, d.code));
    out
}
