//! `agent-cycle` and `unreachable-agent`: the graph's findings for one agent file, computed from
//! the index around it (a breadth-first search each) rather than from the whole graph, so a
//! file's diagnostics cost what its neighbourhood costs.

use std::path::PathBuf;

use super::cycles::shortest_cycle;
use super::edges::{delegates, delegation_targets, resolved};
use super::reach::reachable;
use crate::index::resolve::Resolution;
use crate::index::FileSummary;
use crate::knowledge::DefinitionKind;
use crate::text::TextRange;
use crate::{Diagnostic, Snapshot, WorkspaceCtx};

/// The graph findings of `snap` (an agent file): `unreachable-agent` at its name (or the key
/// that hides it) when nothing can start it, `agent-cycle` at the first delegation that leads
/// back to it. Empty for other files.
pub fn diagnostics(snap: &Snapshot, ws: &WorkspaceCtx) -> Vec<Diagnostic> {
    let Some(summary) = snap.summary() else { return Vec::new() };
    let Some(def) = &summary.definition else { return Vec::new() };
    if def.kind != DefinitionKind::Agent {
        return Vec::new();
    }
    let mut out = Vec::new();
    if !reachable(ws.index, &summary, &summary.path) {
        out.push(Diagnostic::new(
            "unreachable-agent",
            hiding_range(snap, &summary),
            format!(
                "nothing can start agent `{}`: it is hidden from the agents picker (`user-invocable: false`) and from \
                 automatic delegation (`disable-model-invocation: true`), and no handoff, `agents:` list or prompt \
                 leads to it from an agent that can run",
                def.identity
            ),
        ));
    }
    if let Some(d) = cycle(ws, &summary) {
        out.push(d);
    }
    out
}

/// `agent-cycle` at the first delegation of `summary` on its shortest delegation cycle.
fn cycle(ws: &WorkspaceCtx, summary: &FileSummary) -> Option<Diagnostic> {
    let me = summary.path.clone();
    let succ = |p: &PathBuf| -> Vec<PathBuf> {
        if *p == me {
            return delegation_targets(ws.index, summary);
        }
        ws.index.get(p).map(|f| delegation_targets(ws.index, &f)).unwrap_or_default()
    };
    let path = shortest_cycle(&me, succ)?;
    let next = path.get(1)?;
    let first = resolved(ws.index, summary).into_iter().find(|(r, res)| {
        delegates(r.kind) && matches!(res, Resolution::Found(defs) if defs.iter().any(|d| d.path == *next))
    })?;
    let names: Vec<String> =
        path.iter()
            .chain(std::iter::once(&me))
            .map(|p| {
                if *p == me {
                    summary.qualified_identity()
                } else {
                    ws.index.get(p).and_then(|f| f.qualified_identity())
                }
            })
            .map(|n| format!("`{}`", n.unwrap_or_default()))
            .collect();
    Some(Diagnostic::new(
        "agent-cycle",
        first.0.span.range,
        format!(
            "delegation cycle {}: each agent can hand the task back to the one that called it, and only the \
             consumer's nesting limit stops the loop",
            names.join(" → ")
        ),
    ))
}

/// Where `unreachable-agent` is shown: the `name:` value, else the first key that hides the
/// agent, else the opening `---`.
fn hiding_range(snap: &Snapshot, summary: &FileSummary) -> TextRange {
    if let Some(span) = summary.definition.as_ref().and_then(|d| d.name_span) {
        return span.range;
    }
    let Some(fm) = snap.parsed.frontmatter.as_ref() else { return TextRange::empty(0) };
    ["user-invocable", "user-invokable", "disable-model-invocation", "infer"]
        .iter()
        .find_map(|k| fm.get(k))
        .map_or(fm.layout.open, crate::syntax::value::Entry::range)
}
