//! Cooperating with VS Code's built-in prompt/agent validator: in the files VS Code validates
//! itself, the findings it reports at the same place (`catalogues/vscode-overlap.toml`, per
//! VS Code version) are left to it, so each problem shows once in the Problems panel.

use std::path::Path;

use crate::completion::{Completion, CompletionKind};
use crate::knowledge::{knowledge, Dialect};
use crate::{Diagnostic, Snapshot};

/// A VS Code version as (major, minor, patch); missing parts are 0.
fn version(v: &str) -> (u32, u32, u32) {
    let mut parts = v.trim().split(['.', '-']).map(|p| p.parse::<u32>().unwrap_or(0));
    (parts.next().unwrap_or(0), parts.next().unwrap_or(0), parts.next().unwrap_or(0))
}

/// True when VS Code validates the file at `path` of `dialect` itself (VS Code 1.139.1: agent
/// files, chat modes, prompts, instructions, skills, and Claude agents directly in
/// `.claude/agents/`).
fn validated_by_vscode(path: Option<&Path>, dialect: Dialect) -> bool {
    match dialect {
        Dialect::CopilotAgent | Dialect::CopilotPrompt | Dialect::CopilotInstructions | Dialect::Skill => true,
        Dialect::ClaudeAgent => path.and_then(Path::parent).is_some_and(|p| p.ends_with(".claude/agents")),
        _ => false,
    }
}

/// Completion labels VS Code 1.139.1 offers itself in Claude agents (`.claude/agents/*.md`):
/// the values of its own `model`, `permissionMode` and `memory` lists.
const VSCODE_CLAUDE_VALUES: &[&str] = &[
    "sonnet",
    "opus",
    "haiku",
    "inherit",
    "default",
    "acceptEdits",
    "plan",
    "delegate",
    "dontAsk",
    "bypassPermissions",
    "user",
    "project",
    "local",
];

/// `items` at a position of `snap` without what VS Code offers itself: in the Copilot dialects
/// and skills VS Code completes keys, values, tools and models, so only references to the
/// workspace's agents, prompts, skills and MCP servers (which VS Code cannot see) remain; in
/// Claude agents, VS Code's own `model` / `permissionMode` / `memory` values are dropped.
pub fn defer_completions(snap: &Snapshot, items: Vec<Completion>) -> Vec<Completion> {
    let Some(det) = &snap.detected else { return items };
    if !validated_by_vscode(snap.path.as_deref(), det.dialect) {
        return items;
    }
    match det.dialect {
        Dialect::ClaudeAgent => items
            .into_iter()
            .filter(|c| c.kind != CompletionKind::Value || !VSCODE_CLAUDE_VALUES.contains(&c.label.as_str()))
            .collect(),
        _ => items.into_iter().filter(|c| c.kind == CompletionKind::Reference).collect(),
    }
}

/// True when VS Code shows its own hover at this place of `snap`: everywhere in the Copilot
/// dialects and skills except on references to the workspace (which it cannot resolve).
pub fn vscode_hovers(snap: &Snapshot, on_reference: bool) -> bool {
    let Some(det) = &snap.detected else { return false };
    validated_by_vscode(snap.path.as_deref(), det.dialect) && det.dialect != Dialect::ClaudeAgent && !on_reference
}

/// `diagnostics` of `snap` without what VS Code `vscode_version` reports itself.
pub fn defer_to_vscode(snap: &Snapshot, vscode_version: &str, diagnostics: Vec<Diagnostic>) -> Vec<Diagnostic> {
    let Some(det) = &snap.detected else { return diagnostics };
    if !validated_by_vscode(snap.path.as_deref(), det.dialect) {
        return diagnostics;
    }
    let client = version(vscode_version);
    let id = det.dialect.id();
    let overlaps: Vec<&str> = knowledge()
        .vscode_overlap
        .overlap
        .iter()
        .filter(|o| version(&o.since) <= client && o.dialects.iter().any(|d| d == id))
        .map(|o| o.code.as_str())
        .collect();
    diagnostics.into_iter().filter(|d| !overlaps.contains(&d.code)).collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::TextShape;

    #[test]
    fn vscode_findings_are_left_to_vscode_in_its_files_only() {
        let text = "---\ndescription: A.\ntools: ['serch', 'Bash']\nfoo: 1\n---\nBody\n";
        let snap = |p: &str| {
            let path = std::path::PathBuf::from(p);
            let det = crate::knowledge::detect_by_path(&path, None);
            Snapshot::new(Some(path), text.into(), det, None, TextShape::Flat)
        };
        let agent = snap("/w/.github/agents/a.agent.md");
        let all = crate::diagnostics(&agent);
        assert!(all.iter().any(|d| d.code == "unknown-tool") && all.iter().any(|d| d.code == "unknown-field"));
        let deferred = defer_to_vscode(&agent, "1.139.1", all.clone());
        assert!(deferred.iter().all(|d| d.code != "unknown-tool" && d.code != "unknown-field"), "{deferred:?}");
        // An older VS Code does not report the newer checks.
        assert_eq!(version("1.99.3"), (1, 99, 3));
        assert_eq!(defer_to_vscode(&agent, "1.99.0", all.clone()).len(), all.len());
        // Files VS Code does not validate keep everything.
        let nested = snap("/w/.claude/agents/team/a.md");
        let own = crate::diagnostics(&nested);
        assert_eq!(defer_to_vscode(&nested, "1.139.1", own.clone()), own);
    }
}
