//! `agentls graph`: the agent graph of the files and folders named ([`agentls_analysis::graph`])
//! printed as Mermaid, Graphviz DOT or JSON; with `--check`, its delegation cycles and the agents
//! nothing can start, and exit status 1 when there are any.

mod dot;
pub mod json;
pub mod mermaid;

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use clap::ValueEnum;

use super::analyse::{index_of, read_all};
use super::targets::{expand_paths, warn};
use crate::config::ConfigCache;
use crate::discover::{Classifier, WalkOptions};
use agentls_analysis::graph::Graph;
use agentls_analysis::index::{target_name, FileSummary, Reference, WorkspaceIndex};

/// Output format of `graph`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum GraphFormat {
    /// A Mermaid flowchart (renders on GitHub and in the VS Code extension).
    Mermaid,
    /// Graphviz DOT (`dot -Tsvg`).
    Dot,
    /// `{"nodes", "edges", "cycles", "unreachable"}`.
    Json,
}

/// Arguments of `agentls graph`.
#[derive(Debug, clap::Args)]
pub struct GraphArgs {
    /// Files or folders (default: `.`), found as `agentls check` finds them.
    pub paths: Vec<PathBuf>,
    /// Output format.
    #[arg(long = "format", alias = "output-format", value_enum, default_value_t = GraphFormat::Mermaid)]
    pub format: GraphFormat,
    /// Print the delegation cycles and the agents nothing can start instead of the graph; exit
    /// with status 1 when there are any.
    #[arg(long)]
    pub check: bool,
    /// Do not honour .gitignore, .ignore and .git/info/exclude when searching folders.
    #[arg(long)]
    pub no_ignore: bool,
}

/// Runs `graph`: 0, or 1 with `--check` when there is a cycle or an unreachable agent, or 2
/// when a named path cannot be read.
pub fn run(args: &GraphArgs) -> ExitCode {
    let classifier = Classifier::with_configs(ConfigCache::new(false, None));
    let options = WalkOptions { ignore_files: !args.no_ignore, parent_ignore_files: false };
    let mut targets = expand_paths(&args.paths, None, options, &classifier);
    let (reports, unreadable) = read_all(&classifier, std::mem::take(&mut targets.files), false);
    let index = index_of(&reports, targets.roots.clone(), &targets.mcp_configs);
    let graph = build(&index, &classifier);
    let stdout = std::io::stdout();
    let mut out = std::io::BufWriter::new(stdout.lock());
    let shown = |p: &Path| display(p);
    let written = if args.check {
        check(&mut out, &graph, &shown)
    } else {
        match args.format {
            GraphFormat::Mermaid => out.write_all(mermaid::render(&graph).as_bytes()),
            GraphFormat::Dot => out.write_all(dot::render(&graph, &shown).as_bytes()),
            GraphFormat::Json => writeln!(out, "{:#}", json::render(&graph, &shown)),
        }
    };
    if let Err(e) = written.and_then(|()| out.flush()) {
        warn(&format!("cannot write the graph: {e}"));
        return ExitCode::from(2);
    }
    if targets.unreadable || unreadable {
        ExitCode::from(2)
    } else if args.check && !(graph.cycles.is_empty() && graph.unreachable.is_empty()) {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    }
}

/// The graph of `index`, a name counting as defined when the referring file's `agentls.toml`
/// declares it (`[knowledge] agents`), as `unknown-agent-ref` counts it.
pub fn build(index: &WorkspaceIndex, classifier: &Classifier) -> Graph {
    let declared = |f: &FileSummary, r: &Reference| {
        classifier.configs.for_file(&f.path).knows(f.detected.dialect, |e| &e.agents, target_name(&r.target))
    };
    Graph::build(index, &declared)
}

/// `--check`: one line per cycle and per unreachable agent, then a summary.
fn check(out: &mut impl Write, graph: &Graph, shown: &dyn Fn(&Path) -> String) -> std::io::Result<()> {
    let name = |i: usize| format!("`{}`", graph.nodes[i].name);
    let path = |i: usize| graph.nodes[i].file.as_ref().map(|f| shown(&f.path)).unwrap_or_default();
    for cycle in &graph.cycles {
        let names: Vec<String> = cycle.iter().chain(cycle.first()).map(|&i| name(i)).collect();
        writeln!(out, "{}: delegation cycle {}", path(cycle[0]), names.join(" → "))?;
    }
    for &i in &graph.unreachable {
        writeln!(out, "{}: nothing can start agent {}", path(i), name(i))?;
    }
    let agents = graph.nodes.iter().filter(|n| n.kind == agentls_analysis::graph::NodeKind::Agent).count();
    writeln!(
        out,
        "{}, {} ({} of {} checked)",
        super::report::plural(graph.cycles.len(), "delegation cycle"),
        super::report::plural(graph.unreachable.len(), "unreachable agent"),
        super::report::plural(agents, "agent"),
        super::report::plural(graph.nodes.iter().filter(|n| n.file.is_some()).count(), "definition"),
    )
}

/// A path as shown: relative to the current folder when under it.
pub fn display(path: &Path) -> String {
    let rel = std::env::current_dir().ok().and_then(|cwd| path.strip_prefix(cwd).ok().map(Path::to_path_buf));
    rel.unwrap_or_else(|| path.to_path_buf()).to_string_lossy().replace('\\', "/")
}

/// The consumer whose box a node is drawn in (`Claude Code`, `VS Code`, …): its dialect's
/// consumer; `None` for built-in, declared and missing targets.
fn consumer_of(node: &agentls_analysis::graph::Node) -> Option<&'static str> {
    let f = node.file.as_ref()?;
    Some(agentls_analysis::knowledge::knowledge().dialect(f.detected.dialect).consumer.as_str())
}

/// The consumers of the graph's file nodes, in order of first appearance, each with its nodes.
fn groups(graph: &Graph) -> Vec<(&'static str, Vec<usize>)> {
    let mut out: Vec<(&'static str, Vec<usize>)> = Vec::new();
    for (i, n) in graph.nodes.iter().enumerate() {
        let Some(c) = consumer_of(n) else { continue };
        match out.iter_mut().find(|(name, _)| *name == c) {
            Some((_, members)) => members.push(i),
            None => out.push((c, vec![i])),
        }
    }
    out
}

/// An edge's label: its syntax, with `×N` when the file writes it N > 1 times.
fn edge_text(e: &agentls_analysis::graph::Edge) -> String {
    let label = agentls_analysis::graph::edge_label(e.kind);
    if e.count > 1 {
        format!("{label} ×{}", e.count)
    } else {
        label.to_string()
    }
}

/// How an arrow is drawn.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Style {
    /// A reference that resolves.
    Solid,
    /// Only prose mentions ("use the x agent").
    Dotted,
    /// A reference to a missing node.
    Broken,
}

/// The arrows drawn: one per (from, to), labelled with every syntax joining them
/// (`Agent(), @mention`), in edge order.
fn arrows(graph: &Graph) -> Vec<(usize, usize, String, Style)> {
    let mut out: Vec<(usize, usize, String, Style)> = Vec::new();
    for e in &graph.edges {
        let style = if e.broken(graph) {
            Style::Broken
        } else if e.kind == agentls_analysis::index::RefKind::NaturalLanguage {
            Style::Dotted
        } else {
            Style::Solid
        };
        match out.iter_mut().find(|a| a.0 == e.from && a.1 == e.to) {
            Some(a) => {
                a.2.push_str(", ");
                a.2.push_str(&edge_text(e));
                if a.3 == Style::Dotted {
                    a.3 = style;
                }
            }
            None => out.push((e.from, e.to, edge_text(e), style)),
        }
    }
    out
}
