//! The graph as JSON, for `agentls graph --format json` and the `agentls.graph` command of the
//! language server (the VS Code webview draws it):
//!
//! ```json
//! {"nodes": [{"id": "n0", "name": "planner", "kind": "agent", "dialect": "copilot-agent",
//!             "consumer": "VS Code", "path": ".github/agents/planner.agent.md", "line": 2,
//!             "description": "…", "entry": true, "reachable": true}],
//!  "edges": [{"from": "n0", "to": "n1", "kind": "handoff", "label": "handoff", "count": 1,
//!             "line": 9, "broken": false}],
//!  "cycles": [["n2", "n3"]], "unreachable": ["n4"]}
//! ```
//!
//! `kind` of a node: `agent`, `prompt`, `skill`, `builtin`, `declared`, `missing`; `dialect`,
//! `consumer`, `path`, `line` and `description` are `null` for the last three. `line` is
//! 1-based: the `name:` line of a definition (1 when its name is its file or folder name), the
//! line of an edge's first reference in the `from` file. A cycle `[a, b]` is `a → b → a`.

use std::path::Path;

use serde_json::{json, Value};

use agentls_analysis::graph::{edge_kind_id, edge_label, Graph};
use agentls_analysis::knowledge::knowledge;

/// `graph` as JSON, paths shown with `shown`.
pub fn render(graph: &Graph, shown: &dyn Fn(&Path) -> String) -> Value {
    let id = |i: &usize| format!("n{i}");
    let nodes: Vec<Value> = graph
        .nodes
        .iter()
        .enumerate()
        .map(|(i, n)| {
            let file = n.file.as_ref();
            let def = file.and_then(|f| f.definition.as_ref());
            json!({
                "id": id(&i),
                "name": n.name,
                "kind": n.kind.as_str(),
                "dialect": file.map(|f| f.detected.dialect.id()),
                "consumer": file.map(|f| knowledge().dialect(f.detected.dialect).consumer.as_str()),
                "path": file.map(|f| shown(&f.path)),
                "line": file.map(|_| def.and_then(|d| d.name_span).map_or(1, |s| s.start.line + 1)),
                "description": def.and_then(|d| d.description.as_deref()),
                "entry": n.entry,
                "reachable": n.reachable,
            })
        })
        .collect();
    let edges: Vec<Value> = graph
        .edges
        .iter()
        .map(|e| {
            json!({
                "from": id(&e.from),
                "to": id(&e.to),
                "kind": edge_kind_id(e.kind),
                "label": edge_label(e.kind),
                "count": e.count,
                "line": e.span.start.line + 1,
                "broken": e.broken(graph),
            })
        })
        .collect();
    let cycles: Vec<Vec<String>> = graph.cycles.iter().map(|c| c.iter().map(id).collect()).collect();
    let unreachable: Vec<String> = graph.unreachable.iter().map(id).collect();
    json!({"nodes": nodes, "edges": edges, "cycles": cycles, "unreachable": unreachable})
}
