//! The language server: the only module (with `cli`) that speaks a protocol.
//!
//! - [`store`]: open documents as `Arc<Snapshot>`s, mutated synchronously in notification
//!   handlers before their first `.await`;
//! - [`convert`]: byte offsets ↔ LSP positions in the negotiated `positionEncoding`, and
//!   analysis results → LSP types;
//! - [`server`]: the `LanguageServer` implementation, one small method per LSP method.

pub mod agent_convert;
pub mod agent_graph;
pub mod busy;
pub mod client;
pub mod code_actions;
pub mod commands;
pub mod convert;
pub mod fix_edit;
pub mod inlay;
pub mod lens;
pub mod navigation;
pub mod pull;
pub mod server;
pub mod settings;
pub mod state;
pub mod store;
pub mod trim;
pub mod workspace;

pub use server::Backend;

use tower_lsp_server::{LspService, Server};

/// Serves LSP over stdin/stdout until the client exits.
pub async fn run_stdio() {
    let (service, socket) = LspService::new(Backend::new);
    // tower-lsp-server runs at most this many handlers at once (default 4) and reads no further
    // message while they are all busy: with slow requests (references in a large workspace)
    // in flight, a keystroke would wait. Handlers only await their work on blocking threads.
    Server::new(tokio::io::stdin(), tokio::io::stdout(), socket).concurrency_level(64).serve(service).await;
}
