//! Cooperating with VS Code's built-in prompt/agent validator: in the files VS Code validates
//! itself, the findings it reports at the same place (`catalogues/vscode-overlap.toml`, per
//! VS Code version) are left to it, so each problem shows once in the Problems panel.

use std::path::Path;

use crate::completion::{Completion, CompletionKind};
use crate::knowledge::schema::VsCodeOverlap;
use crate::knowledge::{knowledge, Dialect};
use crate::{Diagnostic, Snapshot};

/// A VS Code version as (major, minor, patch); missing parts are 0.
fn version(v: &str) -> (u32, u32, u32) {
    let mut parts = v.trim().split(['.', '-']).map(|p| p.parse::<u32>().unwrap_or(0));
    (parts.next().unwrap_or(0), parts.next().unwrap_or(0), parts.next().unwrap_or(0))
}

/// The first VS Code version that validates agent and prompt files itself (measured: 1.100.3
/// validates none of them, 1.139.1 all the files [`validated_by_vscode`] names).
pub const FIRST_VALIDATING: &str = "1.139.0";

/// True when VS Code `vscode_version` (`"1.139.1"`) validates agent files itself, so that
/// deferring to it makes sense; below [`FIRST_VALIDATING`] nothing is deferred.
pub fn validates_agent_files(vscode_version: &str) -> bool {
    version(vscode_version) >= version(FIRST_VALIDATING)
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

/// The `model` values VS Code 1.139.1 offers itself in Claude agents (FINDINGS.md §5.4).
const VSCODE_CLAUDE_MODELS: &[&str] = &["sonnet", "opus", "haiku", "inherit"];

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
/// Claude agents, VS Code's own `model` / `permissionMode` / `memory` values are dropped
/// (whether agentls offers them as values or as models), the other models kept.
pub fn defer_completions(snap: &Snapshot, items: Vec<Completion>) -> Vec<Completion> {
    let Some(det) = &snap.detected else { return items };
    if !validated_by_vscode(snap.path.as_deref(), det.dialect) {
        return items;
    }
    match det.dialect {
        Dialect::ClaudeAgent => items.into_iter().filter(|c| !vscode_offers_in_claude_agent(c)).collect(),
        _ => items.into_iter().filter(|c| c.kind == CompletionKind::Reference).collect(),
    }
}

/// True when VS Code's own completion in a Claude agent lists `c` too.
fn vscode_offers_in_claude_agent(c: &Completion) -> bool {
    match c.kind {
        CompletionKind::Value => VSCODE_CLAUDE_VALUES.contains(&c.label.as_str()),
        CompletionKind::Model => VSCODE_CLAUDE_MODELS.contains(&c.label.as_str()),
        _ => false,
    }
}

/// True when VS Code shows its own hover at this place of `snap`: everywhere in the Copilot
/// dialects and skills except on references to the workspace (which it cannot resolve).
pub fn vscode_hovers(snap: &Snapshot, on_reference: bool) -> bool {
    let Some(det) = &snap.detected else { return false };
    validated_by_vscode(snap.path.as_deref(), det.dialect) && det.dialect != Dialect::ClaudeAgent && !on_reference
}

/// `diagnostics` of `snap` without what VS Code `vscode_version` reports itself: the codes of
/// `catalogues/vscode-overlap.toml` for the file's dialect since that version, and for entries
/// with `within` only the findings inside that top-level key's value.
pub fn defer_to_vscode(snap: &Snapshot, vscode_version: &str, diagnostics: Vec<Diagnostic>) -> Vec<Diagnostic> {
    let Some(det) = &snap.detected else { return diagnostics };
    if !validates_agent_files(vscode_version) || !validated_by_vscode(snap.path.as_deref(), det.dialect) {
        return diagnostics;
    }
    let client = version(vscode_version);
    let id = det.dialect.id();
    let overlaps: Vec<&VsCodeOverlap> = knowledge()
        .vscode_overlap
        .overlap
        .iter()
        .filter(|o| version(&o.since) <= client && o.dialects.iter().any(|d| d == id))
        .collect();
    diagnostics.into_iter().filter(|d| !overlaps.iter().any(|o| reported_by_vscode(snap, o, d))).collect()
}

/// True when VS Code reports `d` itself as the overlap entry `o` says.
fn reported_by_vscode(snap: &Snapshot, o: &VsCodeOverlap, d: &Diagnostic) -> bool {
    if o.code != d.code {
        return false;
    }
    let Some(key) = &o.within else { return true };
    let fm = snap.parsed.frontmatter.as_ref();
    let entry = fm.and_then(|f| f.entries.iter().find(|e| &e.key == key));
    entry.is_some_and(|e| {
        let r = e.range();
        r.start <= d.range.start && d.range.end <= r.end
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn vscode_findings_are_left_to_vscode_in_its_files_only() {
        let text = "---\ndescription: A.\ntools: ['serch', 'Bash']\nfoo: 1\n---\nBody\n";
        let snap = |p: &str| Snapshot::at_path(p, text);
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

    fn snapshot(p: &str, text: &str) -> Snapshot {
        Snapshot::at_path(p, text)
    }

    #[test]
    fn nothing_is_deferred_to_a_vscode_that_validates_no_agent_file() {
        assert!(validates_agent_files("1.139.1") && validates_agent_files("1.140.0") && validates_agent_files("2.0.0"));
        assert!(!validates_agent_files("1.100.3") && !validates_agent_files("1.138.9") && !validates_agent_files(""));
        let agent = snapshot("/w/.github/agents/a.agent.md", "---\ndescription: A.\ntools: ['serch']\n---\nB\n");
        let all = crate::diagnostics(&agent);
        assert!(all.iter().any(|d| d.code == "unknown-tool"), "{all:?}");
        assert_eq!(defer_to_vscode(&agent, "1.138.0", all.clone()), all);
    }

    #[test]
    fn missing_required_is_deferred_in_handoffs_only() {
        let text = "---\ntools: ['search']\nhandoffs:\n  - label: Go\n    prompt: Now.\n---\nB\n";
        let agent = snapshot("/w/.github/agents/a.agent.md", text);
        let all = crate::diagnostics(&agent);
        let missing = |ds: &[Diagnostic]| -> Vec<String> {
            ds.iter().filter(|d| d.code == "missing-required").map(|d| d.message.clone()).collect()
        };
        assert_eq!(missing(&all).len(), 2, "the description and the handoff's agent: {all:?}");
        let kept = missing(&defer_to_vscode(&agent, "1.139.1", all));
        assert_eq!(kept.len(), 1, "{kept:?}");
        assert!(kept[0].contains("`description`"), "{kept:?}");
    }

    #[test]
    fn empty_values_in_claude_agents_are_left_to_vscode() {
        let text = "---\nname: a\ndescription: A.\nmodel:\n---\nB\n";
        let agent = snapshot("/w/.claude/agents/a.md", text);
        let all = crate::diagnostics(&agent);
        assert!(all.iter().any(|d| d.code == "empty-value"), "{all:?}");
        assert!(defer_to_vscode(&agent, "1.139.1", all).iter().all(|d| d.code != "empty-value"));
    }

    #[test]
    fn claude_model_completion_keeps_only_what_vscode_lacks() {
        let text = "---\nname: a\ndescription: A.\nmodel: \n---\nB\n";
        let agent = snapshot("/w/.claude/agents/a.md", text);
        let offset = text.find("model: ").unwrap() + "model: ".len();
        let items = crate::completion::complete(&agent, offset, None);
        let labels = |cs: &[Completion]| cs.iter().map(|c| c.label.clone()).collect::<Vec<_>>();
        assert!(labels(&items).contains(&"sonnet".to_string()), "{:?}", labels(&items));
        let deferred = labels(&defer_completions(&agent, items.clone()));
        for vscode_lists in VSCODE_CLAUDE_MODELS {
            assert!(!deferred.iter().any(|l| l == vscode_lists), "{vscode_lists} kept: {deferred:?}");
        }
        assert!(!deferred.is_empty() && deferred.len() < items.len(), "{deferred:?}");
    }
}
