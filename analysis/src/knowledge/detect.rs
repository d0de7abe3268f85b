//! Dialect detection: by path (formats.md §2.1, §4.1) and, for explicitly named files only, by
//! content (§4.1 "recommended detection order"; §8.1: the server never guesses from content).

use std::path::{Component, Path};

/// A file kind as one consumer reads it. Each has a data file `data/dialects/<id>.toml`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Dialect {
    /// Claude Code subagent (`.claude/agents/**/*.md`, plugin `agents/`), §1.1.
    ClaudeAgent,
    /// Claude Code slash command (`.claude/commands/**/*.md`), §1.3.
    ClaudeCommand,
    /// Claude Code rule (`.claude/rules/**/*.md`), §1.4.
    ClaudeRule,
    /// `SKILL.md` (Claude Code, Agent Skills, VS Code), §1.2, §2.9.
    Skill,
    /// VS Code / Copilot custom agent (`*.agent.md`, `.github/agents/*.md`, legacy `*.chatmode.md`), §2.2.
    CopilotAgent,
    /// VS Code prompt file (`*.prompt.md`), §2.7.
    CopilotPrompt,
    /// VS Code / Copilot instructions (`*.instructions.md`), §2.8.
    CopilotInstructions,
    /// OpenCode agent (`.opencode/agent(s)/**/*.md`), §3.1.1.
    OpencodeAgent,
    /// OpenCode command (`.opencode/command(s)/**/*.md`), §3.1.2.
    OpencodeCommand,
    /// Gemini CLI subagent (`.gemini/agents/*.md`), §3.2.
    GeminiAgent,
    /// Cursor subagent (`.cursor/agents/*.md`), §3.3.
    CursorAgent,
    /// Cursor rule (`.cursor/rules/**/*.mdc`), §3.3.
    CursorRule,
    /// Cursor command (`.cursor/commands/*.md`), §3.3.
    CursorCommand,
    /// Codex custom prompt (`.codex/prompts/*.md`), §3.4.
    CodexPrompt,
    /// Windsurf rule (`.windsurf/rules/*.md`), §3.5.
    WindsurfRule,
    /// Windsurf workflow (`.windsurf/workflows/*.md`), §3.5.
    WindsurfWorkflow,
    /// Kiro steering file (`.kiro/steering/*.md`), §3.6.
    KiroSteering,
}

macro_rules! dialect_data {
    ($($v:ident => $id:literal),* $(,)?) => {
        impl Dialect {
            /// Every dialect.
            pub const ALL: &'static [Dialect] = &[$(Dialect::$v),*];

            /// The stable id (`claude-agent`), also the data file's stem and the CLI/JSON name.
            pub fn id(self) -> &'static str {
                match self { $(Dialect::$v => $id),* }
            }

            /// The embedded data file.
            pub(crate) fn data(self) -> &'static str {
                match self { $(Dialect::$v => include_str!(concat!("../../data/dialects/", $id, ".toml"))),* }
            }
        }
    };
}

dialect_data! {
    ClaudeAgent => "claude-agent",
    ClaudeCommand => "claude-command",
    ClaudeRule => "claude-rule",
    Skill => "skill",
    CopilotAgent => "copilot-agent",
    CopilotPrompt => "copilot-prompt",
    CopilotInstructions => "copilot-instructions",
    OpencodeAgent => "opencode-agent",
    OpencodeCommand => "opencode-command",
    GeminiAgent => "gemini-agent",
    CursorAgent => "cursor-agent",
    CursorRule => "cursor-rule",
    CursorCommand => "cursor-command",
    CodexPrompt => "codex-prompt",
    WindsurfRule => "windsurf-rule",
    WindsurfWorkflow => "windsurf-workflow",
    KiroSteering => "kiro-steering",
}

/// A Claude Code plugin that contains the file (formats.md §1.1.1, §4.1).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PluginInfo {
    /// The plugin's `name` from `.claude-plugin/plugin.json` (or its folder name).
    pub name: String,
    /// The file's path relative to the plugin root, `/`-separated (`agents/review/x.md`).
    pub relative: String,
    /// The manifest lists this file among its `agents` paths.
    pub listed_agent: bool,
}

/// The result of detection.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Detected {
    /// The dialect.
    pub dialect: Dialect,
    /// Set when the file belongs to a Claude Code plugin.
    pub plugin: Option<String>,
    /// A legacy `*.chatmode.md` file (formats.md §2.6).
    pub chatmode: bool,
    /// Inferred from content, not path: the consumer would not discover the file where it is.
    pub by_content: bool,
}

impl Detected {
    fn path(dialect: Dialect) -> Self {
        Self { dialect, plugin: None, chatmode: false, by_content: false }
    }
}

/// Classifies a file by its path. `plugin` describes the enclosing Claude Code plugin, when
/// the caller found one (a directory with `.claude-plugin/plugin.json`).
///
/// Returns `None` for Markdown that no consumer reads as a definition — including `README.md`
/// in any agent folder (§8.1).
pub fn detect_by_path(path: &Path, plugin: Option<&PluginInfo>) -> Option<Detected> {
    let file = path.file_name()?.to_str()?;
    let lower = file.to_ascii_lowercase();
    if lower == "readme.md" {
        return None;
    }
    let dirs: Vec<&str> = path
        .parent()
        .map(|p| {
            p.components()
                .filter_map(|c| match c {
                    Component::Normal(s) => s.to_str(),
                    _ => None,
                })
                .collect()
        })
        .unwrap_or_default();
    let parent = dirs.last().copied().unwrap_or("");
    let grandparent = dirs.len().checked_sub(2).map_or("", |i| dirs[i]);
    // `.x/y` somewhere above the file, and the file is directly inside it (`direct`).
    let under = |dot: &str, sub: &[&str]| dirs.windows(2).any(|w| w[0] == dot && sub.contains(&w[1]));
    let direct = |dot: &str, sub: &[&str]| grandparent == dot && sub.contains(&parent);

    if lower == "skill.md" {
        return Some(Detected { plugin: plugin.map(|p| p.name.clone()), ..Detected::path(Dialect::Skill) });
    }
    if lower.ends_with(".mdc") {
        return under(".cursor", &["rules"]).then(|| Detected::path(Dialect::CursorRule));
    }
    if !lower.ends_with(".md") {
        return None;
    }
    if lower.ends_with(".chatmode.md") {
        return Some(Detected { chatmode: true, ..Detected::path(Dialect::CopilotAgent) });
    }
    if lower.ends_with(".agent.md") {
        return Some(Detected::path(Dialect::CopilotAgent));
    }
    if lower.ends_with(".prompt.md") {
        return Some(Detected::path(Dialect::CopilotPrompt));
    }
    if lower.ends_with(".instructions.md") || lower == "copilot-instructions.md" {
        return Some(Detected::path(Dialect::CopilotInstructions));
    }
    if under(".claude", &["agents"]) {
        return Some(Detected::path(Dialect::ClaudeAgent));
    }
    if under(".claude", &["commands"]) {
        return Some(Detected::path(Dialect::ClaudeCommand));
    }
    if under(".claude", &["rules"]) {
        return Some(Detected::path(Dialect::ClaudeRule));
    }
    if direct(".github", &["agents"]) || direct(".copilot", &["agents"]) {
        return Some(Detected::path(Dialect::CopilotAgent));
    }
    if under(".opencode", &["agent", "agents", "mode", "modes"]) || under("opencode", &["agent", "agents"]) {
        return Some(Detected::path(Dialect::OpencodeAgent));
    }
    if under(".opencode", &["command", "commands"]) || under("opencode", &["command", "commands"]) {
        return Some(Detected::path(Dialect::OpencodeCommand));
    }
    if direct(".gemini", &["agents"]) || direct("gemini-cli", &["agents"]) {
        return Some(Detected::path(Dialect::GeminiAgent));
    }
    if direct(".cursor", &["agents"]) {
        return Some(Detected::path(Dialect::CursorAgent));
    }
    if direct(".cursor", &["commands"]) {
        return Some(Detected::path(Dialect::CursorCommand));
    }
    if direct(".codex", &["prompts"]) {
        return Some(Detected::path(Dialect::CodexPrompt));
    }
    if direct(".windsurf", &["rules"]) {
        return Some(Detected::path(Dialect::WindsurfRule));
    }
    if direct(".windsurf", &["workflows"]) {
        return Some(Detected::path(Dialect::WindsurfWorkflow));
    }
    if direct(".kiro", &["steering"]) {
        return Some(Detected::path(Dialect::KiroSteering));
    }
    let plugin = plugin?;
    let in_plugin = |dir: &str| plugin.relative.starts_with(&format!("{dir}/"));
    let dialect = if plugin.listed_agent || in_plugin("agents") {
        Dialect::ClaudeAgent
    } else if in_plugin("commands") {
        Dialect::ClaudeCommand
    } else {
        return None;
    };
    Some(Detected { plugin: Some(plugin.name.clone()), ..Detected::path(dialect) })
}

/// Infers a dialect from frontmatter keys, for a file named explicitly on the command line
/// whose path says nothing (formats.md §4.1). Each dialect's distinctive keys vote; `None` when
/// nothing points to an agent dialect.
pub fn detect_by_content(keys: &[&str]) -> Option<Detected> {
    const VOTES: &[(Dialect, &[&str])] = &[
        (Dialect::OpencodeAgent, &["mode", "temperature", "top_p", "steps", "maxSteps", "permission", "variant"]),
        (Dialect::GeminiAgent, &["kind", "max_turns", "timeout_mins"]),
        (
            Dialect::CopilotAgent,
            &[
                "handoffs",
                "target",
                "infer",
                "user-invocable",
                "user-invokable",
                "agents",
                "argument-hint",
                "mcp-servers",
            ],
        ),
        (Dialect::CopilotInstructions, &["applyTo", "excludeAgent"]),
        (
            Dialect::ClaudeAgent,
            &[
                "permissionMode",
                "disallowedTools",
                "maxTurns",
                "color",
                "memory",
                "isolation",
                "initialPrompt",
                "mcpServers",
            ],
        ),
    ];
    let score = |words: &[&str]| keys.iter().filter(|k| words.contains(k)).count();
    let best = VOTES.iter().map(|(d, w)| (*d, score(w))).filter(|(_, s)| *s > 0).max_by_key(|(_, s)| *s);
    let dialect = match best {
        Some((d, _)) => d,
        None if keys.contains(&"name") && keys.contains(&"description") => Dialect::ClaudeAgent,
        None if keys.contains(&"description") && (keys.contains(&"tools") || keys.contains(&"model")) => {
            Dialect::ClaudeAgent
        }
        None => return None,
    };
    Some(Detected { by_content: true, ..Detected::path(dialect) })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(p: &str) -> Option<Dialect> {
        detect_by_path(Path::new(p), None).map(|d| d.dialect)
    }

    #[test]
    fn paths() {
        assert_eq!(d("/w/.claude/agents/x.md"), Some(Dialect::ClaudeAgent));
        assert_eq!(d("/w/.claude/agents/sub/x.md"), Some(Dialect::ClaudeAgent));
        assert_eq!(d("/w/.claude/agents/README.md"), None);
        assert_eq!(d("/w/.claude/commands/a/b.md"), Some(Dialect::ClaudeCommand));
        assert_eq!(d("/w/.claude/skills/s/SKILL.md"), Some(Dialect::Skill));
        assert_eq!(d("/w/.github/agents/x.md"), Some(Dialect::CopilotAgent));
        assert_eq!(d("/w/.github/agents/sub/x.md"), None);
        assert_eq!(d("/w/docs/x.agent.md"), Some(Dialect::CopilotAgent));
        assert!(detect_by_path(Path::new("a/b.chatmode.md"), None).unwrap().chatmode);
        assert_eq!(d("x.prompt.md"), Some(Dialect::CopilotPrompt));
        assert_eq!(d("/w/.opencode/agents/r/x.md"), Some(Dialect::OpencodeAgent));
        assert_eq!(d("/w/.gemini/agents/x.md"), Some(Dialect::GeminiAgent));
        assert_eq!(d("/w/docs/guide.md"), None);
        assert_eq!(d("/w/README.md"), None);
    }

    #[test]
    fn plugin_paths() {
        let p = PluginInfo { name: "kit".into(), relative: "agents/x.md".into(), listed_agent: false };
        let det = detect_by_path(Path::new("/p/agents/x.md"), Some(&p)).unwrap();
        assert_eq!((det.dialect, det.plugin.as_deref()), (Dialect::ClaudeAgent, Some("kit")));
        let p = PluginInfo { name: "kit".into(), relative: "docs/x.md".into(), listed_agent: false };
        assert_eq!(detect_by_path(Path::new("/p/docs/x.md"), Some(&p)), None);
    }

    #[test]
    fn content() {
        assert_eq!(detect_by_content(&["name", "description", "tools"]).unwrap().dialect, Dialect::ClaudeAgent);
        assert_eq!(detect_by_content(&["description", "mode", "temperature"]).unwrap().dialect, Dialect::OpencodeAgent);
        assert_eq!(detect_by_content(&["title"]), None);
    }
}
