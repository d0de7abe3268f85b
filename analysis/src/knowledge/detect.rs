//! Dialect detection: by path (formats.md §2.1, §4.1) and, for explicitly named files only, by
//! content (§4.1 "recommended detection order"; §8.1: the server never guesses from content).

use std::path::{Component, Path};
use std::sync::OnceLock;

use globset::{GlobBuilder, GlobSet, GlobSetBuilder};

use super::{knowledge, Legacy};

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
    /// `OpenCode` agent (`.opencode/agent(s)/**/*.md`), §3.1.1.
    OpencodeAgent,
    /// `OpenCode` command (`.opencode/command(s)/**/*.md`), §3.1.2.
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

/// The compiled path associations of every dialect: one [`GlobSet`] and, per glob, its dialect,
/// priority and legacy reading.
struct PathRules {
    set: GlobSet,
    rules: Vec<(Dialect, u8, Option<Legacy>)>,
}

fn path_rules() -> &'static PathRules {
    static RULES: OnceLock<PathRules> = OnceLock::new();
    RULES.get_or_init(|| {
        let mut set = GlobSetBuilder::new();
        let mut rules = Vec::new();
        for &d in Dialect::ALL {
            for g in &knowledge().dialect(d).discovery.globs {
                let glob = GlobBuilder::new(&g.glob)
                    .literal_separator(true)
                    .build()
                    .unwrap_or_else(|e| panic!("{}: glob {:?}: {e}", d.id(), g.glob));
                set.add(glob);
                rules.push((d, g.priority, g.legacy));
            }
        }
        PathRules { set: set.build().expect("the discovery globs compile"), rules }
    })
}

/// Classifies a file by its path, from the dialects' `[discovery]` data: the matching glob of
/// highest priority, else (inside a Claude Code plugin) the dialect whose `plugin_dirs` hold
/// the file. `plugin` describes the enclosing plugin, when the caller found one.
///
/// Returns `None` for Markdown that no consumer reads as a definition — including `README.md`
/// in any folder (§8.1).
pub fn detect_by_path(path: &Path, plugin: Option<&PluginInfo>) -> Option<Detected> {
    let file = path.file_name()?.to_str()?;
    if file.eq_ignore_ascii_case("readme.md") {
        return None;
    }
    let joined = slash_path(path);
    let rules = path_rules();
    let best = rules.set.matches(&joined).into_iter().map(|i| rules.rules[i]).max_by_key(|(_, p, _)| *p);
    if let Some((dialect, _, legacy)) = best {
        let scoped = knowledge().dialect(dialect).discovery.plugin_scoped;
        return Some(Detected {
            plugin: plugin.filter(|_| scoped).map(|p| p.name.clone()),
            chatmode: legacy == Some(Legacy::Chatmode),
            ..Detected::path(dialect)
        });
    }
    let plugin = plugin?;
    if Path::new(file).extension().is_none_or(|e| e != "md") {
        return None;
    }
    let in_plugin = |dir: &str| plugin.relative.starts_with(&format!("{dir}/"));
    let dialect = Dialect::ALL.iter().copied().find(|&d| {
        let discovery = &knowledge().dialect(d).discovery;
        discovery.plugin_dirs.iter().any(|dir| in_plugin(dir))
            || (plugin.listed_agent && discovery.plugin_dirs.iter().any(|dir| dir == "agents"))
    })?;
    Some(Detected { plugin: Some(plugin.name.clone()), ..Detected::path(dialect) })
}

/// `path` as the discovery globs see it: its normal components joined with `/` (a leading `/`
/// for an absolute path; `.` and `..` dropped).
pub(crate) fn slash_path(path: &Path) -> String {
    path.components()
        .filter_map(|c| match c {
            Component::Normal(s) => s.to_str(),
            Component::RootDir => Some(""),
            _ => None,
        })
        .collect::<Vec<_>>()
        .join("/")
}

/// Infers a dialect from frontmatter keys, for a file named explicitly on the command line
/// whose path says nothing (formats.md §4.1): each dialect's `content_keys` vote; with no vote,
/// a dialect whose `content_fallback` key set is all present. `None` when nothing points to an
/// agent dialect.
pub fn detect_by_content(keys: &[&str]) -> Option<Detected> {
    let discovery = |d: Dialect| &knowledge().dialect(d).discovery;
    let score = |d: Dialect| keys.iter().filter(|k| discovery(d).content_keys.iter().any(|c| c == *k)).count();
    let voted = Dialect::ALL
        .iter()
        .map(|&d| (d, score(d)))
        .filter(|(_, s)| *s > 0)
        .max_by_key(|(d, s)| (*s, std::cmp::Reverse(*d)));
    let dialect = match voted {
        Some((d, _)) => d,
        None => *Dialect::ALL.iter().find(|&&d| {
            discovery(d).content_fallback.iter().any(|set| set.iter().all(|k| keys.contains(&k.as_str())))
        })?,
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
        assert_eq!(d("/w/.github/agents/readme.MD"), None);
        assert_eq!(d("/w/.claude/agents/x.agent.md"), Some(Dialect::CopilotAgent), "a suffix beats a folder");
        assert_eq!(d("/w/.cursor/rules/a/b.mdc"), Some(Dialect::CursorRule));
        assert_eq!(d("/w/.kiro/steering/x.md"), Some(Dialect::KiroSteering));
        assert_eq!(d("relative/.claude/commands/x.md"), Some(Dialect::ClaudeCommand));
        assert_eq!(d("/home/u/.config/opencode/agents/x.md"), Some(Dialect::OpencodeAgent));
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
