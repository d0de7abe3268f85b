//! The graph as a Mermaid flowchart: one box per consumer, a shape per kind (agent `[ ]`,
//! prompt or command `([ ])`, skill `[[ ]]`, built-in `{{ }}`), broken references dashed to a
//! red dashed "missing" node, agents nothing can start outlined in red.

use super::{arrows, groups, Style};
use agentls_analysis::graph::{Graph, NodeKind};

/// `graph` in Mermaid's flowchart syntax (node ids `n0`, `n1`, … in [`Graph::nodes`] order).
pub fn render(graph: &Graph) -> String {
    let mut out = String::from("flowchart LR\n");
    for (g, (consumer, members)) in groups(graph).iter().enumerate() {
        out.push_str(&format!("  subgraph g{g}[\"{}\"]\n", text(consumer)));
        for &i in members {
            out.push_str(&format!("    {}\n", node(graph, i)));
        }
        out.push_str("  end\n");
    }
    for (i, n) in graph.nodes.iter().enumerate().filter(|(_, n)| n.file.is_none()) {
        let class = match n.kind {
            NodeKind::Missing => "missing",
            NodeKind::Declared => "declared",
            _ => "builtin",
        };
        let name = text(&n.name);
        let shape = if n.kind == NodeKind::Missing { format!("[\"{name}\"]") } else { format!("{{{{\"{name}\"}}}}") };
        out.push_str(&format!("  n{i}{shape}:::{class}\n"));
    }
    for (from, to, label, style) in arrows(graph) {
        let arrow = if style == Style::Solid { "-->" } else { "-.->" };
        out.push_str(&format!("  n{from} {arrow}|\"{}\"| n{to}\n", text(&label)));
    }
    out.push_str("  classDef missing stroke:#b00,stroke-dasharray:5 5,color:#b00\n");
    out.push_str("  classDef builtin fill:#eee,stroke:#888,color:#333\n");
    out.push_str("  classDef declared fill:#eef,stroke:#88a,color:#333\n");
    out.push_str("  classDef unreachable stroke:#b00,stroke-width:3px\n");
    if !graph.unreachable.is_empty() {
        let ids: Vec<String> = graph.unreachable.iter().map(|i| format!("n{i}")).collect();
        out.push_str(&format!("  class {} unreachable\n", ids.join(",")));
    }
    out
}

/// One file node: its shape by kind and its name (the JSON form carries its path).
fn node(graph: &Graph, i: usize) -> String {
    let n = &graph.nodes[i];
    let name = text(&n.name);
    match n.kind {
        NodeKind::Prompt => format!("n{i}([\"{name}\"])"),
        NodeKind::Skill => format!("n{i}[[\"{name}\"]]"),
        _ => format!("n{i}[\"{name}\"]"),
    }
}

/// Text for a quoted Mermaid label: `"`, `#`, `<`, `>`, `&` and `` ` `` as Mermaid entity codes
/// (`#34;` …, which Mermaid turns back into the character), control characters as spaces.
pub fn text(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '"' | '#' | '<' | '>' | '&' | '`' => out.push_str(&format!("#{};", u32::from(c))),
            c if c.is_control() => out.push(' '),
            c => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::text;

    #[test]
    fn labels_escape_what_mermaid_would_read_as_syntax() {
        assert_eq!(text("plain-name"), "plain-name");
        assert_eq!(text("a \"quoted\" <b> & #1 `x`"), "a #34;quoted#34; #60;b#62; #38; #35;1 #96;x#96;");
        assert_eq!(text("two\nlines"), "two lines");
        assert_eq!(text("Docs Writer é"), "Docs Writer é");
    }
}
