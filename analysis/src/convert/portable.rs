//! The portable form of an agent: what the three agent dialects share, read from one and written
//! to another, plus the notes about what could not be carried.

use super::models::Model;
use super::tools::Tool;
use super::{Note, NoteKind};

/// Who can start the agent (VS Code `user-invocable` / `disable-model-invocation` ⇄ `OpenCode`
/// `mode`; Claude Code subagents are always both).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub(crate) enum Invocation {
    /// The user picks it and the model delegates to it (VS Code default, `OpenCode` `all`).
    #[default]
    Both,
    /// Only the user (`disable-model-invocation: true`, `OpenCode` `primary`).
    UserOnly,
    /// Only the model, as a subagent (`user-invocable: false`, `OpenCode` `subagent`).
    ModelOnly,
}

/// A VS Code handoff.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Handoff {
    /// Button label.
    pub label: String,
    /// Target agent.
    pub agent: String,
}

/// An agent in no dialect's words.
#[derive(Debug, Clone, Default)]
pub(crate) struct Portable {
    /// Its identity (`name:`, or the file stem where the dialect names agents so).
    pub name: String,
    /// `description`.
    pub description: Option<String>,
    /// Allowed tools; `None`: every tool (no list).
    pub tools: Option<Vec<Tool>>,
    /// Removed tools (Claude `disallowedTools`, `OpenCode` `deny`).
    pub denied: Vec<Tool>,
    /// Subagents it may run (`Agent(x)`, VS Code `agents:`, `OpenCode` `permission.task`);
    /// `None`: any.
    pub agents: Option<Vec<String>>,
    /// VS Code handoffs.
    pub handoffs: Vec<Handoff>,
    /// `model`; `None`: the caller's model.
    pub model: Option<Model>,
    /// Maximum agentic turns (Claude `maxTurns`, `OpenCode` `steps`).
    pub max_turns: Option<i64>,
    /// Who starts it.
    pub invocation: Invocation,
    /// The source key(s) that said so, for notes (`mode`, `disable-model-invocation`).
    pub invocation_key: &'static str,
    /// What reading the source dropped or changed.
    pub notes: Vec<Note>,
}

impl Portable {
    /// Records that `key` (with `why`) has no equivalent in the portable form.
    pub fn drop_key(&mut self, key: &str, why: impl Into<String>) {
        self.notes.push(Note { key: key.to_string(), kind: NoteKind::Dropped, message: why.into() });
    }

    /// Records a change of meaning.
    pub fn changed(&mut self, key: &str, why: impl Into<String>) {
        self.notes.push(Note { key: key.to_string(), kind: NoteKind::Changed, message: why.into() });
    }

    /// Adds `tool` to the allowed tools (when there is a list) without repeats.
    pub fn allow(&mut self, tool: Tool) {
        if let Some(tools) = &mut self.tools {
            if !tools.contains(&tool) {
                tools.push(tool);
            }
        }
    }

    /// Adds `name` to the allowed subagents without repeats.
    pub fn allow_agent(&mut self, name: &str) {
        let agents = self.agents.get_or_insert_with(Vec::new);
        if !agents.iter().any(|a| a == name) {
            agents.push(name.to_string());
        }
    }
}
