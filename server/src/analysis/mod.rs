//! Analysis: pure functions of a [`Snapshot`] returning byte-range results.
//!
//! Nothing here speaks LSP or prints: [`diagnostics`], [`completion::complete`] and
//! [`hover::hover`] return our own types, converted by `lsp` and `cli`.

pub mod completion;
mod cursor;
pub mod diagnostic;
pub mod hover;
mod rules;
pub mod snapshot;
mod values;

pub use diagnostic::{code_info, codes, CodeInfo, Diagnostic, Severity};
pub use snapshot::{Change, Snapshot};

/// Every finding for the snapshot, sorted by position. Empty for non-agent files.
pub fn diagnostics(snapshot: &Snapshot) -> Vec<Diagnostic> {
    let mut out = rules::run(snapshot);
    out.sort_by_key(|d| (d.range.start, d.range.end, d.code));
    out.dedup();
    out
}
