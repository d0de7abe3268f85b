//! agentls: the language server and linter for AI agent definition files — the edges around
//! the protocol-free [`agentls_analysis`] crate.
//!
//! [`lsp`] speaks the Language Server Protocol over stdio, [`cli`] prints `agentls check`
//! results, [`discover`] walks the file system; all analysis lives in `agentls_analysis`
//! (see ARCHITECTURE.md).

pub mod cli;
pub mod config;
pub mod discover;
pub mod lsp;
