//! Code lenses: where they go ([`lenses`], cheap: no index, no diagnostics) and what they say
//! ([`verdict_title`], [`references`]), computed on request from a snapshot — never on the
//! publish path. The edge resolves each lens's title when the client asks for it.
//!
//! - At the top of the file, the per-runtime verdict ([`crate::verdict`]): "Claude Code ✓ ·
//!   VS Code: `color` ignored".
//! - Above the definition's `name:` (at the top when the identity is the file or folder name),
//!   "N references · M handoffs in": every reference the workspace index resolves to this
//!   definition, of which M are VS Code `handoffs` (agents only).

use crate::index::resolve::references_to;
use crate::index::RefKind;
use crate::knowledge::{knowledge, DefinitionKind};
use crate::navigate::Location;
use crate::text::TextRange;
use crate::{Snapshot, WorkspaceCtx};

/// What a lens shows.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum LensKind {
    /// Which consumers read the file and what each makes of it.
    Verdict,
    /// How many references point at the file's definition.
    References,
}

impl LensKind {
    /// Stable id (kept in the lens's `data` between the request and its resolution).
    pub fn id(self) -> &'static str {
        match self {
            LensKind::Verdict => "verdict",
            LensKind::References => "references",
        }
    }

    /// The kind of [`LensKind::id`].
    pub fn from_id(id: &str) -> Option<LensKind> {
        match id {
            "verdict" => Some(LensKind::Verdict),
            "references" => Some(LensKind::References),
            _ => None,
        }
    }
}

/// A lens before resolution: where, and what it will show.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Lens {
    /// The line it sits above (document bytes; the edge converts).
    pub range: TextRange,
    /// What it shows.
    pub kind: LensKind,
}

/// The lenses of `snap`: the verdict at the top, and the reference count above `name:` for a
/// file that defines something others can name. Empty for a file of no dialect.
pub fn lenses(snap: &Snapshot) -> Vec<Lens> {
    let Some(det) = &snap.detected else { return Vec::new() };
    let top = TextRange::empty(0);
    let mut out = vec![Lens { range: top, kind: LensKind::Verdict }];
    if knowledge().dialect(det.dialect).defines.is_some() {
        let name = snap.parsed.frontmatter.as_ref().and_then(|fm| fm.get("name")).map_or(top, |e| e.key_range);
        out.push(Lens { range: name, kind: LensKind::References });
    }
    out
}

/// The verdict lens's title ([`crate::verdict::lens_title`]) over the file's file-local and,
/// with a workspace, cross-file findings.
pub fn verdict_title(snap: &Snapshot, ws: Option<&WorkspaceCtx>) -> Option<String> {
    crate::verdict::verdict_of(snap, ws).map(|v| crate::verdict::lens_title(&v))
}

/// The references to a file's definition.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct References {
    /// Where the definition names itself (its `name:` value; the file's start otherwise).
    pub at: Location,
    /// Every reference, in path and position order (what a references request returns).
    pub locations: Vec<Location>,
    /// How many of them are VS Code `handoffs`.
    pub handoffs: usize,
    /// The definition is an agent (handoffs can point at it).
    pub agent: bool,
}

impl References {
    /// "3 references · 1 handoff in" (the handoff part for agents only).
    pub fn title(&self) -> String {
        let n = self.locations.len();
        let refs = if n == 1 { "1 reference".to_string() } else { format!("{n} references") };
        if !self.agent {
            return refs;
        }
        let h = self.handoffs;
        format!("{refs} · {h} handoff{} in", if h == 1 { "" } else { "s" })
    }
}

/// The references the workspace index resolves to `snap`'s definition. `None` when the file
/// defines nothing.
pub fn references(snap: &Snapshot, ws: &WorkspaceCtx) -> Option<References> {
    let summary = snap.summary()?;
    let def = summary.definition.as_ref()?;
    let found = references_to(ws.index, &summary.path);
    let handoffs = found.iter().filter(|(_, r)| r.kind == RefKind::HandoffAgent).count();
    let locations = found.into_iter().map(|(f, r)| Location { path: f.path.clone(), span: r.span }).collect();
    Some(References {
        at: Location { path: summary.path.clone(), span: def.name_span.unwrap_or_default() },
        locations,
        handoffs,
        agent: def.kind == DefinitionKind::Agent,
    })
}

#[cfg(test)]
mod tests {
    use std::path::{Path, PathBuf};

    use super::*;
    use crate::index::WorkspaceIndex;

    fn snap(path: &str, text: &str) -> Snapshot {
        Snapshot::at_path(path, text)
    }

    #[test]
    fn the_verdict_sits_at_the_top_and_the_count_on_name() {
        let s = snap("/w/.claude/agents/a.md", "---\ndescription: D.\nname: a\n---\n");
        let found = lenses(&s);
        assert_eq!(found[0], Lens { range: TextRange::empty(0), kind: LensKind::Verdict });
        assert_eq!(found[1].kind, LensKind::References);
        assert_eq!(found[1].range.slice(&s.head), "name");
        // A rule defines nothing: no count. A command is named by its file: the count at the top.
        assert_eq!(lenses(&snap("/w/.claude/rules/r.md", "---\npaths: [a]\n---\n")).len(), 1);
        let cmd = lenses(&snap("/w/.claude/commands/c.md", "---\ndescription: D.\n---\n"));
        assert_eq!(cmd[1], Lens { range: TextRange::empty(0), kind: LensKind::References });
        assert!(lenses(&snap("/w/docs/notes.md", "# Notes\n")).is_empty());
    }

    #[test]
    fn references_count_handoffs_apart() {
        let index = WorkspaceIndex::new(vec![PathBuf::from("/w")]);
        let target = snap("/w/.github/agents/reviewer.agent.md", "---\nname: reviewer\ndescription: R.\n---\n");
        let from = snap(
            "/w/.github/agents/planner.agent.md",
            "---\nname: planner\ndescription: P.\nagents: [reviewer]\nhandoffs:\n  - label: Review\n    agent: reviewer\n---\n",
        );
        let prompt = snap("/w/.github/prompts/go.prompt.md", "---\nagent: reviewer\n---\n");
        for s in [&target, &from, &prompt] {
            index.upsert(s.summary().unwrap());
        }
        let exists = |_: &Path| true;
        let ws = WorkspaceCtx { index: &index, exists: &exists };
        let refs = references(&target, &ws).unwrap();
        assert_eq!((refs.locations.len(), refs.handoffs), (3, 1));
        assert_eq!(refs.title(), "3 references · 1 handoff in");
        assert_eq!(references(&from, &ws).unwrap().title(), "0 references · 0 handoffs in");
        let cmd = snap("/w/.claude/commands/c.md", "---\ndescription: D.\n---\n");
        index.upsert(cmd.summary().unwrap());
        assert_eq!(references(&cmd, &ws).unwrap().title(), "0 references");
    }
}
