//! The shape of the knowledge data files under `server/data/` (TOML, embedded at build time).
//!
//! One file per dialect (`data/dialects/<id>.toml`, deserialised into [`DialectSpec`]) and one
//! per catalogue (`data/catalogues/*.toml`: [`ClaudeToolCatalogue`], [`VsCodeToolCatalogue`],
//! [`ModelCatalogue`]). Every fact cites its section of `shared/spec/formats.md` in the file.
//! Adding a field, a tool or a model is a data change; the code only interprets the vocabulary
//! defined here.

use serde::Deserialize;

/// Severity named in data files; converted to the analysis severity when a diagnostic is made.
/// Ordered from the most severe (`Error < Warning`: `min` picks the more severe).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum DataSeverity {
    /// The consuming tool rejects or skips the file, or the value can never work.
    Error,
    /// The consuming tool silently ignores or falls back; or the value is deprecated.
    Warning,
    /// Style or portability.
    Information,
    /// A faint suggestion.
    Hint,
}

/// What a dialect does with a key that is not in its field table.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum UnknownFieldPolicy {
    /// `unknown-field` warning with a did-you-mean.
    Warning,
    /// `unknown-field` information (e.g. `OpenCode` passes unknown keys to the provider).
    Information,
    /// `unknown-field` error: the consumer rejects the file (Gemini CLI 0.61.0 drops an agent
    /// with an unrecognised key).
    Error,
    /// No report: the dialect's field set is not known well enough to call a key unknown.
    Ignore,
}

/// The value type a field expects.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum FieldType {
    /// A scalar string (a plain number or boolean is reported as the wrong type).
    String,
    /// `true` / `false` (VS Code: only the literal unquoted words, see `strict_booleans`).
    Boolean,
    /// A whole number (`positive` in the field constrains it further).
    Integer,
    /// Any finite number.
    Number,
    /// A YAML sequence of strings.
    List,
    /// A YAML mapping.
    Map,
    /// A comma-separated string or a YAML sequence of strings (Claude `tools`, VS Code `tools`).
    StringOrList,
    /// Anything.
    Any,
}

impl FieldType {
    /// What a value of this type is, for messages ("a map of `key: value` pairs").
    pub fn describe(self) -> &'static str {
        match self {
            Self::String => "a string",
            Self::Boolean => "`true` or `false`",
            Self::Integer => "a whole number",
            Self::Number => "a number",
            Self::List => "a list",
            Self::Map => "a map of `key: value` pairs",
            Self::StringOrList => "a comma-separated string or a list",
            Self::Any => "a value",
        }
    }
}

/// A semantic validator the analysis runs on a field's value, beyond its type and enum.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum FieldCheck {
    /// Claude subagent `name` rules (formats.md §1.1.2, §1.1.3).
    ClaudeAgentName,
    /// Agent Skills `name` rules and folder match (formats.md §1.2.3, §2.9).
    SkillName,
    /// Gemini CLI `name` slug (formats.md §3.2).
    GeminiName,
    /// Claude Code tool list (formats.md §1.1.4–§1.1.6).
    ClaudeTools,
    /// Claude skill/command `allowed-tools` (space or comma separated; formats.md §1.2.2).
    ClaudeAllowedTools,
    /// VS Code / Copilot tool list (formats.md §2.10, §2.5 aliases).
    VscodeTools,
    /// Claude model alias or id (formats.md §1.1.7).
    ClaudeModel,
    /// Copilot model display name(s) (formats.md §2.11).
    CopilotModel,
    /// `OpenCode` `provider/model` (formats.md §3.1.1).
    OpencodeModel,
    /// VS Code `handoffs` list (formats.md §2.3).
    Handoffs,
    /// VS Code `github.permissions` map (formats.md §2.2).
    GithubPermissions,
    /// Non-empty string that must not exceed `max_len` characters.
    Description,
}

/// One frontmatter key of a dialect.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct FieldSpec {
    /// The key exactly as the dialect spells it (`disallowedTools`, `argument-hint`).
    pub key: String,
    /// Expected type.
    #[serde(rename = "type")]
    pub ty: FieldType,
    /// Missing → `missing-required` at the frontmatter (severity `required_severity`).
    #[serde(default)]
    pub required: bool,
    /// Severity of `missing-required` (default error).
    pub required_severity: Option<DataSeverity>,
    /// Who requires the field, when not the dialect's consumer (`the GitHub Copilot cloud agent`).
    pub required_by: Option<String>,
    /// The consumers a missing field breaks, when not all the file's consumers (`affects` of
    /// the `missing-required` finding: the Copilot CLI 1.0.102 drops a custom agent without
    /// `description`, VS Code loads it, oracle tier).
    pub required_affects: Option<Vec<String>>,
    /// Severity of `bad-type` (default: the dialect's `type_severity`, else error).
    pub type_severity: Option<DataSeverity>,
    /// What a wrong type does, for the message ("the agent gets no tools").
    pub type_effect: Option<String>,
    /// For strings: a regular expression an accepted value matches besides `values`
    /// (`OpenCode` `color`: `^#[0-9a-fA-F]{6}$`).
    pub pattern: Option<String>,
    /// Allowed values (for strings, or for each list item).
    #[serde(default)]
    pub values: Vec<String>,
    /// Values the tool accepts in practice but does not document: reported as information.
    #[serde(default)]
    pub info_values: Vec<String>,
    /// Severity of `bad-enum` (default warning).
    pub value_severity: Option<DataSeverity>,
    /// What a value outside `values` does, for the message ("OpenCode rejects the whole
    /// configuration").
    pub value_effect: Option<String>,
    /// An empty string is reported (`empty-value`, with `empty_severity`).
    #[serde(default)]
    pub non_empty: bool,
    /// The consumer treats `key:` with no value as absent here, whatever the dialect's
    /// `[reading] null_value` says (OpenCode 1.18.33 `name:`, `prompt:`: outside its schema).
    #[serde(default)]
    pub null_ok: bool,
    /// Severity of `empty-value` for `""` (default: the type severity): OpenCode loads an
    /// empty `description` but fails its configuration on a list.
    pub empty_severity: Option<DataSeverity>,
    /// Integers: must be > 0.
    #[serde(default)]
    pub positive: bool,
    /// Integers: the smallest accepted value (Claude Code 2.1.328's `autoCompactWindow`:
    /// "Must be an integer of at least 100000", oracle tier).
    pub min: Option<i64>,
    /// Strings: longest accepted value in characters (`value-too-long`, warning).
    pub max_len: Option<usize>,
    /// Semantic validator.
    pub check: Option<FieldCheck>,
    /// Deprecated: the message says what to use instead (`deprecated-field`).
    pub deprecated: Option<String>,
    /// Severity of `deprecated-field` (default warning: the consumer ignores it). `information`
    /// for legacy names the consumer still reads; a present `superseded_by` key makes it a
    /// warning again.
    pub deprecated_severity: Option<DataSeverity>,
    /// The key that replaced this one: when both are present, the consumer uses that one and
    /// the message says so.
    pub superseded_by: Option<String>,
    /// The key a deprecated one was renamed to, with the same value: its quick fix renames the
    /// key (or removes it when the new key is set too).
    pub renamed_to: Option<String>,
    /// Accepted but without effect for this consumer (`ignored-field`), with the reason.
    pub ignored: Option<String>,
    /// Severity of `ignored-field` (default warning).
    pub ignored_severity: Option<DataSeverity>,
    /// Ignored when the file is a Claude Code *plugin* agent (formats.md §1.1.3).
    #[serde(default)]
    pub plugin_ignored: bool,
    /// Offered by completion (default true; VS Code hides `advancedOptions`).
    pub complete: Option<bool>,
    /// Markdown documentation shown on hover and in completion.
    pub doc: String,
    /// Version or date the field appeared, when a source states it.
    pub since: Option<String>,
    /// For a list of maps (VS Code `handoffs`): the keys of each item (`[[field.item_field]]`).
    #[serde(default)]
    pub item_field: Vec<FieldSpec>,
}

/// How a definition's identity is derived (formats.md §4.1).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum IdentityRule {
    /// The `name:` value.
    Name,
    /// `name:` if present, else the file stem (VS Code agents and prompts).
    NameOrStem,
    /// The file stem (commands).
    Stem,
    /// The parent directory name (skills).
    Directory,
    /// Not a definition others can reference.
    None,
}

/// One dialect: a consumer's reading of one file kind (formats.md §1–§3).
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct DialectSpec {
    /// Stable id, also the data file's stem (`claude-agent`).
    pub id: String,
    /// Human name (`Claude Code subagent`).
    pub name: String,
    /// The tool that reads these files, used to tag messages (`Claude Code`).
    pub consumer: String,
    /// Section of formats.md the table comes from.
    pub spec: String,
    /// A file of this dialect without frontmatter is an error (`missing-frontmatter`).
    #[serde(default)]
    pub requires_frontmatter: bool,
    /// What an unknown key gets.
    pub unknown_fields: UnknownFieldPolicy,
    /// VS Code accepts only the literal, unquoted `true`/`false` (formats.md §0.3).
    #[serde(default)]
    pub strict_booleans: bool,
    /// How definitions of this dialect are named.
    pub identity: IdentityRule,
    /// Longest body in characters before `body-too-long` (GitHub cloud agent: 30,000).
    pub max_body_chars: Option<usize>,
    /// `` !`cmd` `` in the body (and Claude Code's `` ```! `` blocks) run in a shell when the
    /// file is invoked (Claude Code commands and skills, formats.md §1.3; `OpenCode` commands,
    /// §3.1.2): the security rules read those lines as commands.
    #[serde(default)]
    pub body_commands: bool,
    /// What a file of this dialect defines for the workspace index; `None`: nothing others
    /// can name (rules, instructions).
    pub defines: Option<DefinitionKind>,
    /// Default severity of `bad-type` for fields that do not set `type_severity` (error when
    /// omitted).
    pub type_severity: Option<DataSeverity>,
    /// How the consumers read a frontmatter that is not strict YAML or not where it should be,
    /// as measured by the oracle tier.
    #[serde(default)]
    pub reading: Reading,
    /// Where the consumers find these files.
    #[serde(default)]
    pub discovery: Discovery,
    /// Which keys name other definitions or MCP servers.
    #[serde(rename = "reference", default)]
    pub references: Vec<ReferenceSpec>,
    /// The field table.
    #[serde(rename = "field", default)]
    pub fields: Vec<FieldSpec>,
}

/// What a definition is (formats.md §4.1).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum DefinitionKind {
    /// A subagent / custom agent / chat mode.
    Agent,
    /// A prompt file or slash command.
    Prompt,
    /// A skill.
    Skill,
}

/// A special reading of files matched by one glob.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Legacy {
    /// A `*.chatmode.md` file: a custom agent of the renamed kind (formats.md §2.6).
    Chatmode,
}

/// One path association (taplo's schema associations): files whose whole `/`-separated path
/// matches `glob` belong to the dialect, unless a rule of higher `priority` also matches.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PathGlob {
    /// A glob over the whole path (`**/.claude/agents/**/*.md`), case-sensitive, `*` within
    /// one folder.
    pub glob: String,
    /// Higher wins (file-name suffixes 90, `SKILL.md` 100, folders 50).
    pub priority: u8,
    /// Files matched here are read the legacy way.
    pub legacy: Option<Legacy>,
}

/// Where consumers discover a dialect's files (formats.md §4.1).
#[derive(Debug, Clone, Default, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Discovery {
    /// Path associations.
    #[serde(default)]
    pub globs: Vec<PathGlob>,
    /// Folders of a Claude Code plugin (relative to the folder holding `.claude-plugin/`) whose
    /// Markdown files are of this dialect.
    #[serde(default)]
    pub plugin_dirs: Vec<String>,
    /// Inside a plugin, the file's identity is qualified with the plugin name.
    #[serde(default)]
    pub plugin_scoped: bool,
    /// User-level folders (relative to the home folder) the consumer also reads.
    #[serde(default)]
    pub user_folders: Vec<String>,
    /// Frontmatter keys that vote for this dialect, for an explicitly named file whose path
    /// says nothing.
    #[serde(default)]
    pub content_keys: Vec<String>,
    /// Key sets that make a file this dialect when no key voted.
    #[serde(default)]
    pub content_fallback: Vec<Vec<String>>,
    /// Which consumers read files of this dialect, and where (the per-runtime verdict,
    /// `crate::verdict`).
    #[serde(default)]
    pub readers: Vec<Reader>,
}

/// What a consumer rejects when a file it reads has an `error`.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Rejection {
    /// The file: the agent, command or skill is dropped, the rest loads.
    #[default]
    File,
    /// The whole configuration: nothing of the project loads (`OpenCode` validates every agent
    /// and command against one schema).
    Configuration,
    /// Nothing: it reports what is wrong, ignores it and loads the file (VS Code).
    Nothing,
}

/// One consumer that reads files of a dialect (`[[discovery.readers]]` / `readers = [...]`).
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Reader {
    /// Consumer id, one of `agentls.toml`'s `consumers` (`claude-code`, `vscode`, …).
    pub consumer: String,
    /// Where it reads them: globs over the whole `/`-separated path, like
    /// [`PathGlob::glob`].
    #[serde(default)]
    pub globs: Vec<String>,
    /// It also reads the dialect's files inside a Claude Code plugin (`plugin_dirs`).
    #[serde(default)]
    pub plugin: bool,
    /// What an `error` in the file makes it reject (default: the file).
    #[serde(default)]
    pub rejects: Rejection,
}

/// How a reference-bearing key is written.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum ReferenceKind {
    /// A list of maps whose `item_keys` name a custom agent (VS Code `handoffs[].agent`).
    HandoffAgent,
    /// List items naming custom agents (VS Code `agents:`; `*` means all).
    AgentsItem,
    /// A scalar naming the agent a prompt file runs in (`agent:`, legacy `mode:`).
    PromptAgent,
    /// A scalar naming the subagent a Claude skill or command forks into.
    SkillAgent,
    /// A scalar naming the agent an `OpenCode` command runs in.
    OpencodeAgent,
    /// List items naming skills to preload (Claude `skills:`).
    SkillsItem,
    /// A Claude tool list: `Agent(x)` / `Task(x)` name agents, `mcp__srv__…` a server.
    ClaudeTools,
    /// A VS Code tool list: `srv/tool` names an MCP server.
    VscodeTools,
    /// Claude `mcpServers`: string items name servers; map items define them inline.
    ClaudeMcpServers,
    /// A map whose keys define MCP servers inline (`mcp-servers`, Gemini `mcpServers`).
    InlineMcpServers,
}

/// A key that names other definitions or servers.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ReferenceSpec {
    /// The top-level key.
    pub key: String,
    /// How it is written.
    pub kind: ReferenceKind,
    /// For a list of maps: the keys inside each item that name the target.
    #[serde(default)]
    pub item_keys: Vec<String>,
}

/// A built-in Claude Code tool (formats.md §1.1.5).
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ClaudeTool {
    /// Exact, case-sensitive name (`WebFetch`).
    pub name: String,
    /// One-line description.
    pub doc: String,
    /// Asks for permission in manual mode.
    #[serde(default)]
    pub permission: bool,
    /// Availability to subagents (`bg`, `foreground only`, `never`, …).
    pub subagents: String,
    /// Takes a parenthesised argument list (`Agent(a, b)`, `Bash(git *)`).
    #[serde(default)]
    pub takes_arguments: bool,
    /// A caveat worth telling whoever lists the tool in a subagent (`tool-availability`).
    pub note: Option<String>,
}

/// A Claude Code tool name that was removed or renamed (formats.md §1.1.5 legacy table, §8.8–9).
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct LegacyTool {
    /// The old name (`MultiEdit`).
    pub name: String,
    /// What to write instead (`Edit`); may name several (`Glob`, `Bash`).
    pub replacement: Vec<String>,
    /// `information` when the old name still works (`Task`), else `warning`.
    pub severity: DataSeverity,
    /// What happened and when.
    pub note: String,
}

/// `data/catalogues/claude-tools.toml`.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ClaudeToolCatalogue {
    /// Current built-in tools.
    pub tool: Vec<ClaudeTool>,
    /// Removed / renamed names.
    pub legacy: Vec<LegacyTool>,
    /// Names people write that are no tool, with the tool they probably meant (`Docker` → `Bash`).
    #[serde(default)]
    pub not_a_tool: Vec<NotATool>,
}

/// A frequent non-tool entry and its likely intent.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct NotATool {
    /// The entry as written (`Docker`).
    pub name: String,
    /// The tool that does it (`Bash`).
    pub suggest: String,
}

/// A VS Code tool or tool set reference name (formats.md §2.10).
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct VsCodeTool {
    /// Full reference name (`read/readFile`, `search`).
    pub name: String,
    /// One-line description.
    pub doc: String,
}

/// A renamed VS Code tool reference (formats.md §2.10 legacy table, §9).
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RenamedVsCodeTool {
    /// The old reference (`editFiles`).
    pub name: String,
    /// Its replacements (`edit/editFiles`).
    pub replacements: Vec<String>,
    /// The mapping is not confirmed by a primary source.
    #[serde(default)]
    pub unverified: bool,
}

/// A GitHub tool alias accepted by the Copilot cloud agent and CLI (formats.md §2.5).
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct GithubToolAlias {
    /// Primary alias (`execute`).
    pub name: String,
    /// Compatible aliases, matched case-insensitively (`shell`, `Bash`, `powershell`).
    pub compatible: Vec<String>,
    /// Meaning.
    pub doc: String,
}

/// `data/catalogues/vscode-tools.toml`.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct VsCodeToolCatalogue {
    /// Current tools and tool sets.
    pub tool: Vec<VsCodeTool>,
    /// Renamed references.
    pub renamed: Vec<RenamedVsCodeTool>,
    /// Removed references (`think`).
    #[serde(default)]
    pub removed: Vec<String>,
    /// GitHub aliases.
    pub github_alias: Vec<GithubToolAlias>,
}

impl VsCodeToolCatalogue {
    /// Adds the renames VS Code derives itself: the bare name of a tool in a tool set
    /// (`runInTerminal`) is reported as renamed to every `<set>/<name>` it names
    /// (`LanguageModelToolsService.getDeprecatedFullReferenceNames`, VS Code 1.139.1:
    /// `runInTerminal` → `execute/runInTerminal`, oracle), unless the name means something else.
    #[must_use]
    pub fn with_bare_renames(mut self) -> Self {
        let mut derived: std::collections::BTreeMap<String, Vec<String>> = std::collections::BTreeMap::new();
        for t in &self.tool {
            if let Some((_, bare)) = t.name.split_once('/') {
                derived.entry(bare.to_string()).or_default().push(t.name.clone());
            }
        }
        let taken = |name: &str| {
            self.tool.iter().any(|t| t.name == name)
                || self.renamed.iter().any(|r| r.name == name)
                || self.removed.iter().any(|r| r == name)
                || self.github_alias.iter().any(|a| {
                    a.name.eq_ignore_ascii_case(name) || a.compatible.iter().any(|c| c.eq_ignore_ascii_case(name))
                })
        };
        let fresh: Vec<RenamedVsCodeTool> = derived
            .into_iter()
            .filter(|(bare, _)| !taken(bare))
            .map(|(name, replacements)| RenamedVsCodeTool { name, replacements, unverified: false })
            .collect();
        self.renamed.extend(fresh);
        self
    }
}

/// A Claude model alias (formats.md §1.1.7).
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ClaudeModelAlias {
    /// `sonnet`, `opus`, `haiku`, `fable`, `inherit`.
    pub name: String,
    /// What it selects.
    pub doc: String,
    /// The concrete model each consumer runs for it (`models.toml` cites where each was read).
    #[serde(default)]
    pub resolves: Vec<ModelResolution>,
}

/// The model a consumer runs for an alias.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ModelResolution {
    /// Consumer id (`claude-code`).
    pub consumer: String,
    /// The model, as that consumer names it (`claude-sonnet-5-5`, `Claude Sonnet 4.5 (copilot)`).
    pub model: String,
    /// The dialects whose files it resolves the alias in (empty: every dialect with the field).
    #[serde(default)]
    pub dialects: Vec<String>,
}

/// A Copilot model as VS Code names it (formats.md §2.11).
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CopilotModel {
    /// Display name (`Claude Sonnet 4.5`).
    pub name: String,
    /// Vendor qualifier (`copilot`).
    pub vendor: String,
    /// The Claude Code alias of the same family, if any (`sonnet`).
    pub claude_alias: Option<String>,
}

/// `data/catalogues/models.toml`.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ModelCatalogue {
    /// Aliases valid in agent `model`.
    pub claude_alias: Vec<ClaudeModelAlias>,
    /// `/model` values whose validity in agent frontmatter is unverified (→ information).
    pub claude_session_alias: Vec<ClaudeModelAlias>,
    /// Claude model families (`opus`, `sonnet`, `haiku`, `fable`, `mythos`).
    pub claude_families: Vec<String>,
    /// Copilot models.
    pub copilot: Vec<CopilotModel>,
}

/// `data/catalogues/builtin-agents.toml`: agents (and MCP servers) that exist without a file.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct BuiltinAgents {
    /// Claude Code subagent types (formats.md §1.1.8).
    pub claude: Vec<String>,
    /// VS Code built-in agents (§2.1).
    pub vscode: Vec<String>,
    /// `OpenCode` built-in agents (§3.1.1).
    pub opencode: Vec<String>,
    /// MCP servers the Copilot cloud agent provides (§2.5).
    pub copilot_mcp: Vec<String>,
    /// Claude Code's built-in slash commands.
    #[serde(default)]
    pub claude_commands: Vec<String>,
}

/// A finding VS Code's built-in validator reports itself (`catalogues/vscode-overlap.toml`).
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct VsCodeOverlap {
    /// The agentls code.
    pub code: String,
    /// Dialect ids where VS Code reports it.
    pub dialects: Vec<String>,
    /// First VS Code version known to report it (`1.139.0`).
    pub since: String,
    /// When set, a top-level frontmatter key (`handoffs`): VS Code reports the finding only
    /// inside that key's value, so the same code elsewhere (a missing `description`) is kept.
    #[serde(default)]
    pub within: Option<String>,
    /// VS Code's wording, for reference.
    pub message: String,
}

/// `catalogues/vscode-overlap.toml`.
#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct VsCodeOverlaps {
    /// The overlapping findings.
    #[serde(default)]
    pub overlap: Vec<VsCodeOverlap>,
}

/// A tool known by name only (`catalogues/gemini-tools.toml`).
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct NamedTool {
    /// Exact name.
    pub name: String,
    /// One-line description.
    pub doc: String,
}

/// `catalogues/gemini-tools.toml`: Gemini CLI's built-in tools.
#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct GeminiToolCatalogue {
    /// The tools.
    #[serde(default)]
    pub tool: Vec<NamedTool>,
}

/// One way of reading a problem: its severity and what the consumers do (a sentence for the
/// message, e.g. "OpenCode reads it; strict YAML parsers do not").
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Effect {
    /// Severity of the finding.
    pub severity: DataSeverity,
    /// What happens, for the message.
    pub effect: String,
    /// The consumers that read the file differently (ids of `agentls.toml`'s `consumers`),
    /// when the finding matters only to them; `[]` when it matters to no named consumer
    /// (strict YAML parsers in general). Absent: every consumer of the file.
    #[serde(default)]
    pub affects: Option<Vec<String>>,
    /// The consumer still loads the file, without what the finding is about (Claude Code 2.1.328
    /// loads a plugin agent whose frontmatter it cannot parse under its file name, and commands
    /// and skills with empty metadata, oracle tier), although the finding is an error for
    /// another reason (its validator, `claude plugin validate`, rejects the file): the
    /// per-runtime verdict says "loads, … ignored", not "drops it".
    #[serde(default)]
    pub loads: bool,
}

/// `[reading]` of a dialect data file: what its consumers do with YAML that only a lenient
/// reader accepts, and with a frontmatter that is missing, misplaced or never closed. Each
/// entry names the consumer versions it was verified against in a comment. Missing entries
/// fall back to an error that says the consumer cannot read the file.
#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Reading {
    /// An unquoted `: ` inside a plain value (LF line endings).
    pub unquoted_colon: Option<Effect>,
    /// The same with CRLF line endings.
    pub crlf_colon: Option<Effect>,
    /// Continuation lines of a plain value at column 0.
    pub unindented: Option<Effect>,
    /// A flow list (`[a,` / `b]`) continued on lines at or left of the key's column.
    pub flow_indent: Option<Effect>,
    /// Tab-indented block list items.
    pub tab_indent: Option<Effect>,
    /// Frontmatter after a blank line, indented, opened with `----`, closed with `...` or never
    /// closed.
    pub misplaced: Option<Effect>,
    /// No frontmatter at all (only for dialects with `requires_frontmatter`).
    pub missing: Option<Effect>,
    /// A key written twice (default: a warning — most consumers keep one value).
    pub duplicate_keys: Option<Effect>,
    /// `key:` with no value (YAML null) on a field that is not required.
    pub null_value: Option<Effect>,
    /// `key: ""` on a field whose type is not a string.
    pub empty_non_string: Option<Effect>,
    /// A UTF-8 byte order mark before the frontmatter.
    pub bom: Option<Effect>,
    /// Merge-conflict markers in the frontmatter (default: an error, no tool reads it).
    pub merge_conflict: Option<Effect>,
    /// Overrides for files of a Claude Code plugin (whose agents load where project agents are
    /// dropped).
    #[serde(default)]
    pub plugin: Option<Box<Reading>>,
}

/// A consumer: a tool that reads agent definition files (`catalogues/consumers.toml`).
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ConsumerInfo {
    /// Id, as `agentls.toml`'s `consumers` writes it (`claude-code`).
    pub id: String,
    /// Name shown to users (`Claude Code`).
    pub name: String,
    /// The version agentls's knowledge of it was checked against, when it was (`2.1.328`).
    pub verified: Option<String>,
}

/// `catalogues/consumers.toml`: every consumer, in the order verdicts list them.
#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ConsumerCatalogue {
    /// The consumers.
    #[serde(default)]
    pub consumer: Vec<ConsumerInfo>,
}
