//! `agentls.graph`: the workspace's agent graph for an editor view — the JSON of
//! `agentls graph --format json` (`cli::graph::json`), each file node with its `uri`, and the
//! same graph as Mermaid source (`mermaid`), so a client draws exactly what the CLI prints.

use std::path::Path;
use std::sync::Arc;

use serde_json::Value;
use tower_lsp_server::jsonrpc;
use tower_lsp_server::ls_types::Uri;

use super::state::State;
use crate::cli::graph::{build, json, mermaid};
use agentls_analysis::index::display_path;

/// The command name.
pub const GRAPH: &str = "agentls.graph";

/// Runs `agentls.graph` on the index as it is now (open documents included).
pub async fn graph(state: &Arc<State>) -> jsonrpc::Result<Option<Value>> {
    state
        .run(GRAPH.to_string(), |st| {
            let graph = build(&st.index, &st.classifier);
            let roots = st.index.roots();
            let mut v = json::render(&graph, &|p: &Path| display_path(p, &roots));
            if let Some(nodes) = v["nodes"].as_array_mut() {
                for (node, n) in nodes.iter_mut().zip(&graph.nodes) {
                    let uri =
                        n.file.as_ref().and_then(|f| Uri::from_file_path(&f.path)).map(|u| u.as_str().to_string());
                    node["uri"] = uri.map_or(Value::Null, Value::String);
                }
            }
            v["mermaid"] = Value::String(mermaid::render(&graph));
            Some(v)
        })
        .await
}
