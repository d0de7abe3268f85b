//! Which references are graph edges, what each kind is called, and which kinds delegate or
//! reach (the decisions written down in [`super`]).

use std::collections::HashMap;
use std::sync::Arc;

use crate::index::resolve::{resolve, Resolution};
use crate::index::{FileSummary, RefKind, Reference, WorkspaceIndex};

/// The references of `file` that are graph edges (those naming agents, prompts or skills),
/// each with its resolution; each distinct (kind, target) is resolved once.
pub(crate) fn resolved<'a>(index: &WorkspaceIndex, file: &'a FileSummary) -> Vec<(&'a Reference, Resolution)> {
    let mut memo: HashMap<(RefKind, Arc<str>), Resolution> = HashMap::new();
    file.references
        .iter()
        .filter(|r| r.kind.is_definition_ref())
        .map(|r| {
            let res = memo.entry((r.kind, r.target.clone())).or_insert_with(|| resolve(index, r)).clone();
            (r, res)
        })
        .collect()
}

/// The paths of the agents `file` delegates to (see [`delegates`]), without itself.
pub(crate) fn delegation_targets(index: &WorkspaceIndex, file: &FileSummary) -> Vec<std::path::PathBuf> {
    let mut out: Vec<std::path::PathBuf> = resolved(index, file)
        .into_iter()
        .filter(|(r, _)| delegates(r.kind))
        .filter_map(|(_, res)| match res {
            Resolution::Found(defs) => Some(defs),
            _ => None,
        })
        .flatten()
        .filter(|d| {
            d.path != file.path
                && d.definition.as_ref().is_some_and(|x| x.kind == crate::knowledge::DefinitionKind::Agent)
        })
        .map(|d| d.path.clone())
        .collect();
    out.sort();
    out.dedup();
    out
}

/// True for references by which one agent runs another as a subagent: `agents:` items,
/// `Agent(x)` / `Task(x)`, `subagent_type`, `@agent-x`. Cycles are looked for over these only.
pub fn delegates(kind: RefKind) -> bool {
    matches!(kind, RefKind::AgentsItem | RefKind::AgentTool | RefKind::SubagentType | RefKind::Mention)
}

/// True for references that make their target runnable when the referring definition is:
/// every edge kind but `skills:` preloads (a preloaded skill's text joins the agent; its own
/// `agent:` fork does not run) and prose mentions (a guess).
pub fn reaches(kind: RefKind) -> bool {
    kind.is_definition_ref() && !matches!(kind, RefKind::SkillsItem | RefKind::NaturalLanguage)
}

/// The kind's stable id, as JSON writes it.
pub fn edge_kind_id(kind: RefKind) -> &'static str {
    match kind {
        RefKind::HandoffAgent => "handoff",
        RefKind::AgentsItem => "agents",
        RefKind::PromptAgent => "prompt-agent",
        RefKind::SkillAgent => "fork-agent",
        RefKind::OpencodeAgent => "command-agent",
        RefKind::SkillsItem => "skills",
        RefKind::AgentTool => "agent-tool",
        RefKind::SubagentType => "subagent-type",
        RefKind::Mention => "mention",
        RefKind::NaturalLanguage => "prose",
        RefKind::Link => "link",
        RefKind::FileRef => "file-ref",
        RefKind::AbsolutePath => "absolute-path",
        RefKind::McpServer => "mcp-server",
    }
}

/// The label drawn on an edge: the syntax as the file writes it.
pub fn edge_label(kind: RefKind) -> &'static str {
    match kind {
        RefKind::HandoffAgent => "handoff",
        RefKind::AgentsItem => "agents",
        RefKind::PromptAgent | RefKind::OpencodeAgent => "agent:",
        RefKind::SkillAgent => "fork",
        RefKind::SkillsItem => "skills",
        RefKind::AgentTool => "Agent()",
        RefKind::SubagentType => "subagent_type",
        RefKind::Mention => "@mention",
        RefKind::NaturalLanguage => "mentions",
        RefKind::Link | RefKind::FileRef | RefKind::AbsolutePath | RefKind::McpServer => edge_kind_id(kind),
    }
}
