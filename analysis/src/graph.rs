//! The agent graph: the definitions of a workspace (agents, prompts and commands, skills) as
//! nodes, and the references between them — handoffs, `agents:` allow-lists, `Agent(x)` /
//! `Task(x)` delegations, `subagent_type`, `@agent-x` mentions, prompt and command `agent:`
//! bindings, skill `agent:` forks, `skills:` preloads and resolved prose mentions — as labelled
//! edges. Built from the [`WorkspaceIndex`] alone: the edges are the index's references,
//! resolved by [`crate::index::resolve`] exactly as navigation and `unknown-agent-ref` resolve
//! them, so the graph, go-to-definition and the diagnostics cannot disagree.
//!
//! Two questions are answered on it, both as `information` diagnostics ([`diagnostics`]) and in
//! [`Graph::cycles`] / [`Graph::unreachable`]:
//!
//! - **Cycles** (`agent-cycle`): agents that can delegate back to themselves through *delegation*
//!   edges — `agents:` items, `Agent(x)` / `Task(x)`, `subagent_type`, `@agent-x` mentions (see
//!   [`delegates`]). Handoffs are left out on purpose: a handoff is a button the user clicks, so
//!   `planner ⇄ implementer` is a workflow, not a loop. Prose mentions are left out because they
//!   are a guess. Self-references are left out: a self-handoff has its own hint.
//! - **Unreachable agents** (`unreachable-agent`): an agent nothing can start. An agent is an
//!   *entry point* unless both ways its consumer starts it on its own are switched off
//!   ([`is_entry`]): the user picking it (`user-invocable: false`) and the model delegating to it
//!   automatically (`disable-model-invocation: true`, or the retired `infer: false`). Only keys
//!   the dialect's consumer reads count, so a Claude Code, `OpenCode`, Gemini CLI or Cursor
//!   subagent is always an entry point (the main agent delegates to it by its description; the
//!   user can `@`-mention it), and so is every prompt file and command. A non-entry agent is
//!   reachable when an edge leads to it from a reachable definition — a handoff, an `agents:`
//!   item (VS Code: listing an agent there overrides `disable-model-invocation`), a prompt's
//!   `agent:`, a delegation ([`reaches`]). In practice the finding is a VS Code custom agent
//!   hidden from the picker and from automatic delegation that no handoff, `agents:` list or
//!   prompt leads to: nothing can ever run it.

mod check;
mod cycles;
mod edges;
mod reach;

use std::collections::{HashMap, VecDeque};
use std::sync::Arc;

pub use check::diagnostics;
pub use edges::{delegates, edge_kind_id, edge_label, reaches};
pub use reach::is_entry;

use crate::index::resolve::Resolution;
use crate::index::{normalize, FileSummary, RefKind, Reference, Span, WorkspaceIndex};
use crate::knowledge::DefinitionKind;

/// What a node stands for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum NodeKind {
    /// A subagent / custom agent defined by a file.
    Agent,
    /// A prompt file or slash command defined by a file.
    Prompt,
    /// A skill defined by a file.
    Skill,
    /// A built-in agent of the consumer (`general-purpose`, `Plan`, `agent`): exists without a file.
    Builtin,
    /// A name the configuration declares known (`[knowledge] agents` in `agentls.toml`).
    Declared,
    /// A name nothing defines: the target of a broken reference.
    Missing,
}

impl NodeKind {
    /// Lowercase name, as JSON writes it (`agent`, `prompt`, `skill`, `builtin`, `declared`, `missing`).
    pub fn as_str(self) -> &'static str {
        match self {
            NodeKind::Agent => "agent",
            NodeKind::Prompt => "prompt",
            NodeKind::Skill => "skill",
            NodeKind::Builtin => "builtin",
            NodeKind::Declared => "declared",
            NodeKind::Missing => "missing",
        }
    }
}

/// One node.
#[derive(Debug, Clone)]
pub struct Node {
    /// The name references use: the plugin-qualified identity (`kit:reviewer`) for a file, the
    /// name as first written for the others.
    pub name: String,
    /// What it is.
    pub kind: NodeKind,
    /// The defining file (agents, prompts, skills).
    pub file: Option<Arc<FileSummary>>,
    /// Its consumer starts it on its own ([`is_entry`]); false for non-file nodes.
    pub entry: bool,
    /// An entry point, or reached from one ([`reaches`]); false for non-file nodes.
    pub reachable: bool,
}

/// One edge: every reference of one kind from one definition to one target, merged.
#[derive(Debug, Clone)]
pub struct Edge {
    /// Index of the referring node in [`Graph::nodes`].
    pub from: usize,
    /// Index of the target node.
    pub to: usize,
    /// The syntax of the reference.
    pub kind: RefKind,
    /// How many references of this kind `from` makes to `to` (≥ 1).
    pub count: usize,
    /// Where the first of them is written, in `from`'s file.
    pub span: Span,
}

impl Edge {
    /// True when the target is defined nowhere (drawn dashed, to a "missing" node).
    pub fn broken(&self, graph: &Graph) -> bool {
        graph.nodes[self.to].kind == NodeKind::Missing
    }
}

/// The agent graph of a workspace.
#[derive(Debug, Clone, Default)]
pub struct Graph {
    /// Nodes: file definitions sorted by path, then built-in, declared and missing targets in
    /// order of first reference.
    pub nodes: Vec<Node>,
    /// Edges, sorted by (from, to, kind).
    pub edges: Vec<Edge>,
    /// Delegation cycles, each a list of node indices `a, b, …` meaning `a → b → … → a`; every
    /// agent on some cycle appears in at least one.
    pub cycles: Vec<Vec<usize>>,
    /// Agents nothing can start (node indices, in node order).
    pub unreachable: Vec<usize>,
}

/// Decides whether a reference that resolves to nothing names something the configuration
/// declares (`[knowledge] agents` of the referring file's `agentls.toml`). The edges supply it:
/// the index holds no configuration.
pub type Declared<'a> = &'a dyn Fn(&FileSummary, &Reference) -> bool;

impl Graph {
    /// The graph of every definition in `index`.
    pub fn build(index: &WorkspaceIndex, declared: Declared) -> Graph {
        let mut files = index.definitions();
        files.sort_by(|a, b| a.path.cmp(&b.path));
        let mut graph = Graph::default();
        let mut by_path = HashMap::new();
        for f in &files {
            by_path.insert(f.path.clone(), graph.nodes.len());
            graph.nodes.push(file_node(f));
        }
        let mut others: HashMap<(NodeKind, String), usize> = HashMap::new();
        let mut merged: HashMap<(usize, usize, RefKind), usize> = HashMap::new();
        for (from, f) in files.iter().enumerate() {
            for (r, resolution) in edges::resolved(index, f) {
                let targets = match resolution {
                    Resolution::Found(defs) => defs.iter().filter_map(|d| by_path.get(&d.path).copied()).collect(),
                    Resolution::Builtin => vec![graph.other(&mut others, NodeKind::Builtin, &r.target)],
                    // Prose that names nothing is a guess, not a broken reference.
                    Resolution::Missing if r.kind == RefKind::NaturalLanguage => Vec::new(),
                    Resolution::Missing if declared(f, r) => {
                        vec![graph.other(&mut others, NodeKind::Declared, &r.target)]
                    }
                    Resolution::Missing => vec![graph.other(&mut others, NodeKind::Missing, &r.target)],
                };
                for to in targets {
                    graph.add_edge(&mut merged, from, to, r);
                }
            }
        }
        graph.edges.sort_by_key(|e| (e.from, e.to, edge_kind_id(e.kind)));
        graph.mark_reachable();
        graph.cycles = graph.find_cycles();
        graph
    }

    /// The node of a target without a file, created on first use.
    fn other(&mut self, others: &mut HashMap<(NodeKind, String), usize>, kind: NodeKind, name: &str) -> usize {
        *others.entry((kind, normalize(name))).or_insert_with(|| {
            self.nodes.push(Node { name: name.to_string(), kind, file: None, entry: false, reachable: false });
            self.nodes.len() - 1
        })
    }

    fn add_edge(
        &mut self,
        merged: &mut HashMap<(usize, usize, RefKind), usize>,
        from: usize,
        to: usize,
        r: &Reference,
    ) {
        if let Some(&i) = merged.get(&(from, to, r.kind)) {
            self.edges[i].count += 1;
        } else {
            merged.insert((from, to, r.kind), self.edges.len());
            self.edges.push(Edge { from, to, kind: r.kind, count: 1, span: r.span });
        }
    }

    /// Marks every node reached from an entry point over [`reaches`] edges, and lists the
    /// agents left out.
    fn mark_reachable(&mut self) {
        let mut queue: VecDeque<usize> = (0..self.nodes.len()).filter(|&i| self.nodes[i].entry).collect();
        for &i in &queue {
            self.nodes[i].reachable = true;
        }
        while let Some(n) = queue.pop_front() {
            for e in self.edges.iter().filter(|e| e.from == n && reaches(e.kind)) {
                let target = &mut self.nodes[e.to];
                if target.file.is_some() && !target.reachable {
                    target.reachable = true;
                    queue.push_back(e.to);
                }
            }
        }
        self.unreachable = (0..self.nodes.len())
            .filter(|&i| self.nodes[i].kind == NodeKind::Agent && !self.nodes[i].reachable)
            .collect();
    }

    /// One shortest delegation cycle through each agent on a cycle (an agent already on a listed
    /// cycle starts no new one).
    fn find_cycles(&self) -> Vec<Vec<usize>> {
        let mut succ: HashMap<usize, Vec<usize>> = HashMap::new();
        for e in self.edges.iter().filter(|e| delegates(e.kind) && e.from != e.to) {
            if self.nodes[e.to].kind == NodeKind::Agent {
                succ.entry(e.from).or_default().push(e.to);
            }
        }
        let mut covered = vec![false; self.nodes.len()];
        let mut out = Vec::new();
        for start in 0..self.nodes.len() {
            if covered[start] || !succ.contains_key(&start) {
                continue;
            }
            if let Some(cycle) = cycles::shortest_cycle(&start, |n| succ.get(n).cloned().unwrap_or_default()) {
                for &n in &cycle {
                    covered[n] = true;
                }
                out.push(cycle);
            }
        }
        out
    }
}

fn file_node(f: &Arc<FileSummary>) -> Node {
    let kind = match f.definition.as_ref().map(|d| d.kind) {
        Some(DefinitionKind::Prompt) => NodeKind::Prompt,
        Some(DefinitionKind::Skill) => NodeKind::Skill,
        _ => NodeKind::Agent,
    };
    let entry = is_entry(f);
    Node { name: f.qualified_identity().unwrap_or_default(), kind, file: Some(f.clone()), entry, reachable: entry }
}
