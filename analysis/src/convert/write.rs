//! Writing the [`Portable`] form as each target dialect's frontmatter, noting what the target
//! cannot express.

use super::opencode_permission;
use super::portable::{Invocation, Portable};
use super::tools::{self, Tool};
use super::yaml::Node;
use super::{models, Note, NoteKind};

/// A target's frontmatter entries, in the order they are written, and the notes.
pub(crate) struct Written {
    /// `key: value` entries.
    pub entries: Vec<(String, Node)>,
    /// What could not be written.
    pub notes: Vec<Note>,
}

impl Written {
    fn new() -> Self {
        Self { entries: Vec::new(), notes: Vec::new() }
    }

    fn put(&mut self, key: &str, node: Node) {
        self.entries.push((key.to_string(), node));
    }

    fn note(&mut self, key: &str, kind: NoteKind, message: impl Into<String>) {
        self.notes.push(Note { key: key.to_string(), kind, message: message.into() });
    }

    fn description(&mut self, p: &Portable, consumer: &str, effect: &str) {
        match &p.description {
            Some(d) => self.put("description", Node::Str(d.clone())),
            None => self.note("description", NoteKind::Missing, format!("{consumer} needs a `description`: {effect}")),
        }
    }
}

fn is_agent_row(t: &Tool) -> bool {
    tools::claude_row("Agent").is_some_and(|i| *t == Tool::Row(i))
}

/// Claude Code subagent frontmatter (formats.md §1.1.3).
pub(crate) fn claude(p: &Portable) -> Written {
    let mut w = Written::new();
    w.put("name", Node::Str(p.name.clone()));
    w.description(p, "Claude Code", "add one, or Claude Code skips the agent");
    if let Some(list) = &p.tools {
        let mut names: Vec<String> = Vec::new();
        let delegation = p.agents.as_ref().filter(|a| !a.is_empty()).map(|a| format!("Agent({})", a.join(", ")));
        for t in list {
            match (is_agent_row(t), &delegation) {
                (true, Some(agent)) => names.push(agent.clone()),
                _ => names.extend(tools::to_claude(t)),
            }
        }
        if let (Some(agent), false) = (&delegation, list.iter().any(is_agent_row)) {
            w.note(
                "agents",
                NoteKind::Changed,
                format!("the listed subagents need the agent tool, which `tools` lacks: written as `{agent}`"),
            );
            names.push(agent.clone());
        }
        w.put("tools", Node::Str(names.join(", ")));
    } else if p.agents.is_some() {
        w.note(
            "agents",
            NoteKind::Dropped,
            "Claude Code restricts subagents only inside a `tools` list, and there is none: every subagent is allowed",
        );
    }
    if !p.denied.is_empty() {
        let names: Vec<String> = p.denied.iter().flat_map(tools::to_claude).collect();
        w.put("disallowedTools", Node::Str(names.join(", ")));
    }
    model(&mut w, p, "Claude Code", models::to_claude);
    if let Some(n) = p.max_turns {
        w.put("maxTurns", Node::Int(n));
    }
    match p.invocation {
        Invocation::UserOnly => w.note(p.invocation_key, NoteKind::Dropped, "Claude Code delegates to every subagent whose description fits: it cannot be kept from automatic delegation"),
        Invocation::ModelOnly => w.note(p.invocation_key, NoteKind::Dropped, "Claude Code has no agents picker to hide a subagent from: the user can still @-mention it"),
        Invocation::Both => {}
    }
    w
}

/// VS Code / Copilot custom agent frontmatter (formats.md §2.2).
pub(crate) fn copilot(p: &Portable) -> Written {
    let mut w = Written::new();
    w.put("name", Node::Str(p.name.clone()));
    w.description(p, "The GitHub Copilot cloud agent", "add one for the cloud agent (VS Code loads the agent without)");
    if let Some(list) = &p.tools {
        let mut names: Vec<String> = Vec::new();
        for t in list {
            let vs = tools::to_vscode(t);
            if vs.is_empty() {
                w.note("tools", NoteKind::Dropped, format!("tool {} has no equivalent in VS Code", tools::describe(t)));
            }
            names.extend(vs.into_iter().filter(|n| !names.contains(n)).collect::<Vec<_>>());
        }
        // VS Code: "When 'agents' and 'tools' are specified, the 'agent' tool must be included".
        if p.agents.as_ref().is_some_and(|a| !a.is_empty()) && !names.iter().any(|n| n == "agent") {
            names.push("agent".to_string());
        }
        w.put("tools", Node::List(names.into_iter().map(Node::Str).collect()));
    }
    if let Some(agents) = &p.agents {
        w.put("agents", Node::List(agents.iter().cloned().map(Node::Str).collect()));
    }
    for t in &p.denied {
        w.note(
            "disallowedTools",
            NoteKind::Dropped,
            format!(
                "VS Code cannot remove a tool: {} stays available unless `tools` leaves it out",
                tools::describe(t)
            ),
        );
    }
    model(&mut w, p, "VS Code", models::to_copilot);
    if p.max_turns.is_some() {
        w.note("maxTurns", NoteKind::Dropped, "VS Code custom agents have no turn limit");
    }
    match p.invocation {
        Invocation::ModelOnly => w.put("user-invocable", Node::Bool(false)),
        Invocation::UserOnly => w.put("disable-model-invocation", Node::Bool(true)),
        Invocation::Both => {}
    }
    w
}

/// `OpenCode` agent frontmatter (formats.md §3.1.1); the file name is its identity.
pub(crate) fn opencode(p: &Portable) -> Written {
    let mut w = Written::new();
    w.description(p, "OpenCode", "add one; OpenCode uses it to pick subagents");
    match p.invocation {
        Invocation::ModelOnly => w.put("mode", Node::Str("subagent".into())),
        Invocation::UserOnly => w.put("mode", Node::Str("primary".into())),
        Invocation::Both => {}
    }
    model(&mut w, p, "OpenCode", models::to_opencode);
    if let Some(n) = p.max_turns {
        w.put("steps", Node::Int(n));
    }
    if let Some(permission) = opencode_permission::write(p, &mut w.notes) {
        w.put("permission", permission);
    }
    w
}

fn model(w: &mut Written, p: &Portable, consumer: &str, map: fn(&models::Model) -> Option<String>) {
    let Some(m) = &p.model else { return };
    match map(m) {
        Some(name) => w.put("model", Node::Str(name)),
        None => w.note(
            "model",
            NoteKind::Dropped,
            format!(
                "model `{}` has no equivalent in {consumer}: the agent runs on the caller's model",
                models::describe(m)
            ),
        ),
    }
}
