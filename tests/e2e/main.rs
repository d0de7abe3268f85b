//! End-to-end tests: the real `agentls` binary driven like an editor (LSP over stdio) and like
//! a CI job (`agentls check`), on fixtures of our own, the seeds and the shared corpus.

mod support;

mod busy;
mod cancel;
mod check_cli;
mod check_formats;
mod coalesce;
mod config;
mod config_schema;
mod convert;
mod convert_roundtrip;
mod corpus;
mod editor_config;
mod fix_actions;
mod fix_cli;
mod fix_corpus;
mod fix_support;
mod fixtures;
mod graph;
mod graph_lsp;
mod lens;
mod links;
mod lsp;
mod memory;
mod ordering;
mod panics;
mod pathological;
mod pull;
mod pull_check;
mod safety;
mod security;
mod seeds;
mod verdict_cli;
mod vscode_defer;
mod watcher;
mod workspace;
