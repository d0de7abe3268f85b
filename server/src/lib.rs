//! agentls: a language server and linter for AI agent definition files.
//!
//! Layers, each depending only on those above it (see ARCHITECTURE.md):
//! [`text`] → [`syntax`] → [`knowledge`] → [`analysis`] → [`lsp`] and [`cli`].

pub mod analysis;
pub mod cli;
pub mod discover;
pub mod knowledge;
pub mod lsp;
pub mod syntax;
pub mod text;
