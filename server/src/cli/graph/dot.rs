//! The graph in Graphviz DOT: a cluster per consumer, a shape per kind (agent `box`, prompt or
//! command rounded `box`, skill `component`, built-in `hexagon`), broken references dashed and
//! red to a dashed "missing" node, agents nothing can start outlined in red; each file node's
//! tooltip is its path.
//!
//! Every ID and attribute value is written as a double-quoted DOT string ([`quoted`]). No crate
//! was taken for this: `dot-writer` leaves escaping quotes to its caller, `petgraph`'s `Dot`
//! escapes only its own labels, `graphviz-rust` brings a whole DOT parser; the rule itself is two
//! characters (see the DOT language reference, "double-quoted strings").

use std::path::Path;

use super::{arrows, groups, Style};
use agentls_analysis::graph::{Graph, NodeKind};

/// `graph` as a DOT `digraph` (node ids `n0`, `n1`, … in [`Graph::nodes`] order).
pub fn render(graph: &Graph, shown: &dyn Fn(&Path) -> String) -> String {
    let mut out = String::from("digraph agents {\n  rankdir=LR;\n");
    out.push_str("  graph [fontname=\"Helvetica\"];\n  node [fontname=\"Helvetica\", fontsize=11, shape=box];\n");
    out.push_str("  edge [fontname=\"Helvetica\", fontsize=9];\n");
    for (g, (consumer, members)) in groups(graph).iter().enumerate() {
        out.push_str(&format!("  subgraph cluster_{g} {{\n    label={};\n    style=rounded;\n", quoted(consumer)));
        for &i in members {
            out.push_str(&format!("    {}\n", node(graph, i, shown)));
        }
        out.push_str("  }\n");
    }
    for i in (0..graph.nodes.len()).filter(|&i| graph.nodes[i].file.is_none()) {
        out.push_str(&format!("  {}\n", node(graph, i, shown)));
    }
    for (from, to, label, style) in arrows(graph) {
        let style = match style {
            Style::Solid => "",
            Style::Dotted => ", style=dotted",
            Style::Broken => ", style=dashed, color=\"#bb0000\", fontcolor=\"#bb0000\"",
        };
        out.push_str(&format!("  n{from} -> n{to} [label={}{style}];\n", quoted(&label)));
    }
    out.push_str("}\n");
    out
}

/// One node statement.
fn node(graph: &Graph, i: usize, shown: &dyn Fn(&Path) -> String) -> String {
    let n = &graph.nodes[i];
    let mut attrs = vec![format!("label={}", quoted(&n.name))];
    attrs.push(
        match n.kind {
            NodeKind::Agent => "shape=box",
            NodeKind::Prompt => "shape=box, style=rounded",
            NodeKind::Skill => "shape=component",
            NodeKind::Builtin | NodeKind::Declared => "shape=hexagon, style=filled, fillcolor=\"#eeeeee\"",
            NodeKind::Missing => "shape=box, style=dashed, color=\"#bb0000\", fontcolor=\"#bb0000\"",
        }
        .to_string(),
    );
    if let Some(f) = &n.file {
        attrs.push(format!("tooltip={}", quoted(&shown(&f.path))));
    }
    if graph.unreachable.contains(&i) {
        attrs.push("color=\"#bb0000\", penwidth=2".into());
    }
    format!("n{i} [{}];", attrs.join(", "))
}

/// `s` as a DOT double-quoted string: `\` doubled (so Graphviz's `\N`, `\l`… escapes are not
/// read into a name), `"` as `\"`, line breaks as `\n`.
pub fn quoted(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 2);
    out.push('"');
    for c in s.chars() {
        match c {
            '\\' => out.push_str("\\\\"),
            '"' => out.push_str("\\\""),
            '\n' => out.push_str("\\n"),
            '\r' => {}
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

#[cfg(test)]
mod tests {
    use super::quoted;

    #[test]
    fn dot_strings_escape_quotes_backslashes_and_newlines() {
        assert_eq!(quoted("plain"), "\"plain\"");
        assert_eq!(quoted("say \"hi\""), "\"say \\\"hi\\\"\"");
        assert_eq!(quoted("C:\\agents\\N"), "\"C:\\\\agents\\\\N\"");
        assert_eq!(quoted("a\r\nb"), "\"a\\nb\"");
        assert_eq!(quoted("Docs Writer é {x} ; -> [y]"), "\"Docs Writer é {x} ; -> [y]\"");
    }
}
