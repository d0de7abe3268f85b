//! The language server: the only module (with `cli`) that speaks a protocol.
//!
//! - [`store`]: open documents as `Arc<Snapshot>`s, mutated synchronously in notification
//!   handlers before their first `.await`;
//! - [`convert`]: byte offsets ↔ LSP positions in the negotiated `positionEncoding`, and
//!   analysis results → LSP types;
//! - [`server`]: the `LanguageServer` implementation, one small method per LSP method.

pub mod convert;
pub mod navigation;
pub mod server;
pub mod state;
pub mod store;
pub mod workspace;

pub use server::Backend;

use tower_lsp_server::{LspService, Server};

/// Serves LSP over stdin/stdout until the client exits.
pub async fn run_stdio() {
    let (service, socket) = LspService::new(Backend::new);
    Server::new(tokio::io::stdin(), tokio::io::stdout(), socket).serve(service).await;
}
