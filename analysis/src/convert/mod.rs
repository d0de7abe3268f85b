//! Converting an agent definition between dialects: a Claude Code subagent, a VS Code / Copilot
//! custom agent, an `OpenCode` agent. Pure: a [`Snapshot`] in, the new file's text, its place and
//! a report out; the body is kept byte for byte, the frontmatter rewritten in the target's keys
//! (YAML quoted so strict parsers read it, [`yaml`]).
//!
//! What maps (both ways unless said):
//!
//! | Portable | Claude Code | VS Code / Copilot | `OpenCode` |
//! |---|---|---|---|
//! | identity | `name` | `name` | file name |
//! | description | `description` | `description` | `description` |
//! | allowed tools | `tools` | `tools` | `permission: {"*": deny, key: allow}` |
//! | removed tools | `disallowedTools` | — | `permission: {key: deny}` |
//! | subagents | `Agent(a, b)` | `agents: [a, b]` (+ `agent` tool) | `permission.task: {"*": deny, a: allow}` |
//! | handoffs | → subagents (one way) | `handoffs[].agent` | → subagents (one way) |
//! | model | alias / id | display name | `anthropic/<id>` |
//! | turn limit | `maxTurns` | — | `steps` |
//! | who starts it | — | `user-invocable: false` / `disable-model-invocation: true` | `mode: subagent` / `primary` |
//!
//! Tools map through `catalogues/tool-equivalents.toml` ([`tools`]), models through the model
//! catalogue ([`models`]). Every key with no equivalent is listed in [`Conversion::notes`].

mod models;
mod opencode_permission;
mod portable;
mod read;
mod tools;
mod write;
mod yaml;

use std::fmt;
use std::path::{Path, PathBuf};

use crate::index::file_stem;
use crate::knowledge::{knowledge, Dialect};
use crate::Snapshot;

/// A dialect agentls converts to (and from).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Target {
    /// Claude Code subagent (`.claude/agents/<name>.md`).
    ClaudeAgent,
    /// VS Code / GitHub Copilot custom agent (`.github/agents/<name>.agent.md`).
    CopilotAgent,
    /// `OpenCode` agent (`.opencode/agents/<name>.md`).
    OpencodeAgent,
}

impl Target {
    /// Every target.
    pub const ALL: &'static [Target] = &[Target::ClaudeAgent, Target::CopilotAgent, Target::OpencodeAgent];

    /// The dialect written.
    pub fn dialect(self) -> Dialect {
        match self {
            Target::ClaudeAgent => Dialect::ClaudeAgent,
            Target::CopilotAgent => Dialect::CopilotAgent,
            Target::OpencodeAgent => Dialect::OpencodeAgent,
        }
    }

    /// The dialect id (`claude-agent`, `copilot-agent`, `opencode-agent`).
    pub fn id(self) -> &'static str {
        self.dialect().id()
    }

    /// The target whose dialect is `dialect`.
    pub fn of(dialect: Dialect) -> Option<Target> {
        Target::ALL.iter().copied().find(|t| t.dialect() == dialect)
    }

    /// Where the target's consumer finds a project agent named `stem`, relative to the
    /// workspace root (the discovery folders of formats.md §4.1; a test checks each path is
    /// detected as the target's dialect).
    pub fn relative_path(self, stem: &str) -> PathBuf {
        match self {
            Target::ClaudeAgent => Path::new(".claude/agents").join(format!("{stem}.md")),
            Target::CopilotAgent => Path::new(".github/agents").join(format!("{stem}.agent.md")),
            Target::OpencodeAgent => Path::new(".opencode/agents").join(format!("{stem}.md")),
        }
    }

    fn consumer(self) -> &'static str {
        match self {
            Target::ClaudeAgent => "Claude Code",
            Target::CopilotAgent => "VS Code",
            Target::OpencodeAgent => "OpenCode",
        }
    }
}

/// What happened to one key.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum NoteKind {
    /// The target has no equivalent: left out.
    Dropped,
    /// Carried with a change of meaning (a handoff became a subagent, `ask` became allowed).
    Changed,
    /// The target requires it and the source has none.
    Missing,
}

/// One line of the conversion report.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Note {
    /// The source key concerned (`permissionMode`, `tools`).
    pub key: String,
    /// What happened.
    pub kind: NoteKind,
    /// One sentence naming the value and what the target does.
    pub message: String,
}

/// A converted agent.
#[derive(Debug, Clone)]
pub struct Conversion {
    /// The new file's text: the target's frontmatter, then the source's body unchanged.
    pub text: String,
    /// Where the target finds it, relative to the workspace root ([`workspace_root`]).
    pub path: PathBuf,
    /// Its identity in the target.
    pub name: String,
    /// What could not be carried as it was.
    pub notes: Vec<Note>,
}

/// Why a file cannot be converted.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ConvertError {
    /// Not an agent definition file.
    NotAnAgent,
    /// Already of the target's dialect.
    SameDialect(Target),
    /// An agent dialect agentls does not convert from (Gemini CLI, Cursor).
    Unsupported(Dialect),
}

impl fmt::Display for ConvertError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ConvertError::NotAnAgent => write!(f, "not an agent definition file"),
            ConvertError::SameDialect(t) => {
                write!(f, "the file is already a {}", knowledge().dialect(t.dialect()).name)
            }
            ConvertError::Unsupported(d) => write!(
                f,
                "converting from a {} is not supported (from: claude-agent, copilot-agent, opencode-agent)",
                knowledge().dialect(*d).name
            ),
        }
    }
}

/// Converts the agent in `snap` to `target`.
pub fn convert(snap: &Snapshot, target: Target) -> Result<Conversion, ConvertError> {
    let detected = snap.detected.as_ref().ok_or(ConvertError::NotAnAgent)?;
    let source = detected.dialect;
    if source == target.dialect() {
        return Err(ConvertError::SameDialect(target));
    }
    if Target::of(source).is_none() {
        return Err(if knowledge().dialect(source).defines == Some(crate::knowledge::DefinitionKind::Agent) {
            ConvertError::Unsupported(source)
        } else {
            ConvertError::NotAnAgent
        });
    }
    let identity = snap
        .summary()
        .and_then(|s| s.definition.as_ref().map(|d| d.identity.clone()))
        .or_else(|| snap.path.as_deref().map(file_stem))
        .unwrap_or_else(|| "agent".to_string());
    let target_name = knowledge().dialect(target.dialect()).name.as_str();
    let mut p = read::read(snap.parsed.frontmatter.as_ref(), &snap.head, source, &identity, target_name);
    handoffs_to_subagents(&mut p, target);
    if target == Target::ClaudeAgent && (identity.contains(':') || identity.starts_with('-')) {
        p.name = slug(&identity);
        p.changed(
            "name",
            format!(
                "`{identity}` becomes `{}`: Claude Code skips an agent whose name contains `:` or starts with `-`",
                p.name
            ),
        );
    }
    let identity = p.name.clone();
    let written = match target {
        Target::ClaudeAgent => write::claude(&p),
        Target::CopilotAgent => write::copilot(&p),
        Target::OpencodeAgent => write::opencode(&p),
    };
    let full = snap.text.to_text();
    let newline = if full[..snap.body_start()].contains("\r\n") { "\r\n" } else { "\n" };
    let text =
        format!("---{newline}{}---{newline}{}", yaml::emit(&written.entries, newline), &full[snap.body_start()..]);
    let stem = safe_stem(&identity);
    let mut notes = p.notes;
    notes.extend(written.notes);
    if target == Target::OpencodeAgent && stem != identity {
        notes.push(Note {
            key: "name".into(),
            kind: NoteKind::Changed,
            message: format!("OpenCode names an agent after its file: `{identity}` becomes `{stem}`"),
        });
    }
    Ok(Conversion { text, path: target.relative_path(&stem), name: identity, notes })
}

/// VS Code handoffs in a dialect without them: each target becomes an allowed subagent where the
/// agent already names its subagents or lists its tools; the label and prompt are lost.
fn handoffs_to_subagents(p: &mut portable::Portable, target: Target) {
    if target == Target::CopilotAgent {
        return;
    }
    let handoffs = std::mem::take(&mut p.handoffs);
    let consumer = target.consumer();
    for h in handoffs {
        let restricted = p.agents.is_some() || p.tools.is_some();
        if restricted {
            p.allow_agent(&h.agent);
            if let Some(agent) = tools::claude_row("Agent") {
                p.allow(tools::Tool::Row(agent));
            }
        }
        let how = if restricted {
            "it may run it as a subagent instead"
        } else {
            "every subagent, this one included, stays allowed"
        };
        p.changed(
            "handoffs",
            format!(
                "handoff \"{}\" to `{}`: {consumer} has no handoff buttons; {how} (label and prompt dropped)",
                h.label, h.agent
            ),
        );
    }
}

/// `name` in lowercase letters, digits and single hyphens (Claude Code's documented form).
fn slug(name: &str) -> String {
    let mut out = String::new();
    for c in name.chars().flat_map(char::to_lowercase) {
        if c.is_ascii_alphanumeric() {
            out.push(c);
        } else if !out.ends_with('-') && !out.is_empty() {
            out.push('-');
        }
    }
    let out = out.trim_end_matches('-');
    if out.is_empty() {
        "agent".to_string()
    } else {
        out.to_string()
    }
}

/// A file stem for `name`: path separators, `:` and control characters as `-`, no leading dot.
fn safe_stem(name: &str) -> String {
    let s: String =
        name.chars().map(|c| if matches!(c, '/' | '\\' | ':') || c.is_control() { '-' } else { c }).collect();
    let s = s.trim_start_matches('.').trim();
    if s.is_empty() {
        "agent".to_string()
    } else {
        s.to_string()
    }
}

/// The workspace root of a file inside a consumer's folder: the folder holding the nearest
/// `.claude`, `.github`, `.opencode`, `.gemini` or `.cursor` above it. `None` elsewhere (the
/// edge decides: a repository root, the current folder).
pub fn workspace_root(path: &Path) -> Option<PathBuf> {
    path.ancestors().skip(1).find_map(|dir| {
        let name = dir.file_name()?.to_str()?;
        matches!(name, ".claude" | ".github" | ".opencode" | ".gemini" | ".cursor")
            .then(|| dir.parent())
            .flatten()
            .map(Path::to_path_buf)
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::knowledge::detect_by_path;

    fn snap(path: &str, text: &str) -> Snapshot {
        Snapshot::at_path(path, text)
    }

    #[test]
    fn each_target_path_is_found_as_the_target_dialect() {
        for &t in Target::ALL {
            let path = Path::new("/w").join(t.relative_path("Docs Writer"));
            assert_eq!(detect_by_path(&path, None).map(|d| d.dialect), Some(t.dialect()), "{}", path.display());
        }
        assert_eq!(workspace_root(Path::new("/w/.github/agents/x.agent.md")), Some(PathBuf::from("/w")));
        assert_eq!(workspace_root(Path::new("/w/loose/x.md")), None);
    }

    #[test]
    fn the_body_is_kept_byte_for_byte_and_crlf_stays_crlf() {
        let body = "\r\nReview the diff.\r\n\r\n- `a: b` # not YAML\r\n";
        let text = format!("---\r\nname: reviewer\r\ndescription: \"Reviews: code\"\r\ntools: Read, Grep\r\n---{body}");
        let c = convert(&snap("/w/.claude/agents/reviewer.md", &text), Target::CopilotAgent).unwrap();
        assert_eq!(c.path, PathBuf::from(".github/agents/reviewer.agent.md"));
        assert!(c.text.ends_with(&format!("---{body}")), "{:?}", c.text);
        assert_eq!(
            c.text,
            format!("---\r\nname: reviewer\r\ndescription: \"Reviews: code\"\r\ntools:\r\n  - read/readFile\r\n  - search/textSearch\r\n---{body}")
        );
        assert!(c.notes.is_empty(), "{:?}", c.notes);
    }

    #[test]
    fn what_has_no_equivalent_is_reported_and_refusals_say_why() {
        let text = "---\nname: deployer\ndescription: Deploys.\ntools: Bash, Docker, mcp__github__get_issue\npermissionMode: acceptEdits\nmaxTurns: 3\n---\nDeploy.\n";
        let c = convert(&snap("/w/.claude/agents/deployer.md", text), Target::CopilotAgent).unwrap();
        let keys: Vec<(&str, NoteKind)> = c.notes.iter().map(|n| (n.key.as_str(), n.kind)).collect();
        assert!(keys.contains(&("permissionMode", NoteKind::Dropped)), "{keys:?}");
        assert!(keys.contains(&("maxTurns", NoteKind::Dropped)), "{keys:?}");
        assert!(c.notes.iter().any(|n| n.message.contains("`Docker`")), "{:?}", c.notes);
        assert!(
            c.text.contains("  - execute/runInTerminal\n  - execute/getTerminalOutput\n  - github/get_issue\n"),
            "{}",
            c.text
        );
        let same = convert(&snap("/w/.claude/agents/deployer.md", text), Target::ClaudeAgent).unwrap_err();
        assert_eq!(same, ConvertError::SameDialect(Target::ClaudeAgent));
        let skill = snap("/w/.claude/skills/x/SKILL.md", "---\nname: x\ndescription: d\n---\n");
        assert_eq!(convert(&skill, Target::CopilotAgent).unwrap_err(), ConvertError::NotAnAgent);
        let gemini = snap("/w/.gemini/agents/x.md", "---\nname: x\ndescription: d\n---\n");
        assert_eq!(
            convert(&gemini, Target::CopilotAgent).unwrap_err(),
            ConvertError::Unsupported(Dialect::GeminiAgent)
        );
    }
}
