//! Security knowledge, as data: which built-in tools give an agent a shell or the web
//! (`data/catalogues/tool-capabilities.toml`) and the credential formats that identify
//! themselves by a prefix (`data/catalogues/secrets.toml`). Read by the security rules
//! (`rules/security*.rs`); the sources are cited in the data files.

use std::sync::OnceLock;

use regex::Regex;
use serde::Deserialize;

use super::tools::{classify_vscode_tool, tool_base_name, VsCodeToolVerdict};

/// The powers of a tool (or of a set of tools) that the security rules weigh.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Capabilities {
    /// Runs any shell command the model writes.
    pub shell: bool,
    /// Brings text from the web (fetched pages, search results) into the agent's context.
    pub web: bool,
}

impl Capabilities {
    /// The powers of either.
    #[must_use]
    pub fn union(self, other: Self) -> Self {
        Self { shell: self.shell || other.shell, web: self.web || other.web }
    }
}

/// The catalogue a tool name is looked up in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ToolFamily {
    /// Claude Code built-in tools (`claude-tools.toml`), exact names.
    Claude,
    /// VS Code tool and tool-set references (`vscode-tools.toml` `[[tool]]`).
    Vscode,
    /// GitHub tool aliases (`vscode-tools.toml` `[[github_alias]]`, primary names).
    Github,
    /// Gemini CLI built-in tools (`gemini-tools.toml`).
    Gemini,
    /// `OpenCode` `permission` / `tools` keys (formats.md §3.1.1).
    Opencode,
}

/// The tool names of one capability, per family.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct Names {
    claude: Vec<String>,
    vscode: Vec<String>,
    github: Vec<String>,
    gemini: Vec<String>,
    opencode: Vec<String>,
}

impl Names {
    fn of(&self, family: ToolFamily) -> &[String] {
        match family {
            ToolFamily::Claude => &self.claude,
            ToolFamily::Vscode => &self.vscode,
            ToolFamily::Github => &self.github,
            ToolFamily::Gemini => &self.gemini,
            ToolFamily::Opencode => &self.opencode,
        }
    }
}

/// `tool-capabilities.toml`.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct ToolCapabilities {
    shell: Names,
    web: Names,
}

fn tool_capabilities() -> &'static ToolCapabilities {
    static C: OnceLock<ToolCapabilities> = OnceLock::new();
    C.get_or_init(|| {
        toml::from_str(include_str!("../../data/catalogues/tool-capabilities.toml"))
            .unwrap_or_else(|e| panic!("embedded data file tool-capabilities is invalid: {e}"))
    })
}

/// The powers of the tool `name` (exact, without a `(…)` specifier) of `family`.
pub fn capabilities(family: ToolFamily, name: &str) -> Capabilities {
    let c = tool_capabilities();
    let listed = |names: &Names| names.of(family).iter().any(|n| n == name);
    Capabilities { shell: listed(&c.shell), web: listed(&c.web) }
}

/// The powers a VS Code / Copilot `tools` entry names: a tool or tool set of the catalogue, a
/// renamed reference (the powers of its replacements), a GitHub alias. `*` (every tool, like a
/// missing `tools`), unknown, MCP and extension tools name none the workspace can show.
pub fn vscode_capabilities(entry: &str) -> Capabilities {
    match classify_vscode_tool(entry) {
        VsCodeToolVerdict::Known(t) => capabilities(ToolFamily::Vscode, &t.name),
        VsCodeToolVerdict::Renamed(r) => {
            r.replacements.iter().fold(Capabilities::default(), |acc, n| acc.union(capabilities(ToolFamily::Vscode, n)))
        }
        VsCodeToolVerdict::GithubAlias(a) => capabilities(ToolFamily::Github, &a.name),
        _ => Capabilities::default(),
    }
}

/// The powers a Claude Code tool entry grants without restriction: the tool's, when the entry
/// has no specifier or one that matches everything (`Bash`, `Bash(*)`); none for a narrowed
/// entry (`Bash(git *)`, `WebFetch(domain:docs.rs)`).
pub fn claude_unrestricted(entry: &str) -> Capabilities {
    if !unrestricted_specifier(entry) {
        return Capabilities::default();
    }
    capabilities(ToolFamily::Claude, tool_base_name(entry))
}

/// True for an entry without `(…)`, or whose specifier matches every use (`*`, `:*`, `*:*`,
/// empty), in Claude Code's permission-rule syntax.
pub fn unrestricted_specifier(entry: &str) -> bool {
    let Some((_, rest)) = entry.split_once('(') else { return true };
    let spec = rest.trim_end().strip_suffix(')').unwrap_or(rest).trim();
    matches!(spec, "" | "*" | "**" | ":*" | "*:*")
}

/// A credential format that identifies itself (`secrets.toml`).
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SecretFormat {
    /// What it is (`GitHub personal access token`).
    pub name: String,
    /// The literal start of every match, the only part a message shows (`ghp_`).
    pub prefix: String,
    /// Regular expression of the whole token, matched within one line.
    pub pattern: String,
    /// A header that counts only when key material follows on the next line (private keys).
    #[serde(default)]
    pub block: bool,
}

/// Every [`SecretFormat`], and one regular expression that finds any of them: capture group
/// `i + 1` is format `i`.
#[derive(Debug)]
pub struct SecretFormats {
    /// The formats, in file order (earlier wins where two match at one place).
    pub formats: Vec<SecretFormat>,
    /// `(p0)|(p1)|…`.
    pub any: Regex,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct SecretsFile {
    secret: Vec<SecretFormat>,
}

/// The credential formats of `secrets.toml`, compiled once.
///
/// # Panics
/// If the embedded file or one of its patterns is invalid (tests load it).
pub fn secret_formats() -> &'static SecretFormats {
    static S: OnceLock<SecretFormats> = OnceLock::new();
    S.get_or_init(|| {
        let file: SecretsFile = toml::from_str(include_str!("../../data/catalogues/secrets.toml"))
            .unwrap_or_else(|e| panic!("embedded data file secrets is invalid: {e}"));
        let alternation: Vec<String> = file.secret.iter().map(|f| format!("({})", f.pattern)).collect();
        let any = Regex::new(&alternation.join("|")).expect("secrets.toml patterns are valid");
        SecretFormats { formats: file.secret, any }
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::knowledge::knowledge;

    #[test]
    fn every_capability_name_is_a_tool_of_its_catalogue() {
        let k = knowledge();
        let c = tool_capabilities();
        for names in [&c.shell, &c.web] {
            for n in &names.claude {
                assert!(k.claude_tools.tool.iter().any(|t| &t.name == n), "claude: {n} is not in claude-tools.toml");
            }
            for n in &names.vscode {
                assert!(k.vscode_tools.tool.iter().any(|t| &t.name == n), "vscode: {n} is not in vscode-tools.toml");
            }
            for n in &names.github {
                assert!(k.vscode_tools.github_alias.iter().any(|a| &a.name == n), "github: {n} is no alias");
            }
            for n in &names.gemini {
                assert!(k.gemini_tools.tool.iter().any(|t| &t.name == n), "gemini: {n} is not in gemini-tools.toml");
            }
        }
    }

    #[test]
    fn vscode_entries_resolve_through_renames_and_aliases() {
        assert_eq!(vscode_capabilities("execute/runInTerminal"), Capabilities { shell: true, web: false });
        assert_eq!(vscode_capabilities("runCommands"), Capabilities { shell: true, web: false });
        assert_eq!(vscode_capabilities("fetch"), Capabilities { shell: false, web: true });
        assert_eq!(vscode_capabilities("shell"), Capabilities { shell: true, web: false }, "GitHub alias");
        assert_eq!(vscode_capabilities("*"), Capabilities::default(), "every tool, as without `tools`");
        assert_eq!(vscode_capabilities("execute/runTests"), Capabilities::default());
        assert_eq!(vscode_capabilities("github/*"), Capabilities::default());
    }

    #[test]
    fn claude_specifiers_narrow() {
        assert!(claude_unrestricted("Bash").shell);
        assert!(claude_unrestricted("Bash(*)").shell);
        assert!(claude_unrestricted("Bash( :* )").shell);
        assert!(!claude_unrestricted("Bash(git *)").shell);
        assert!(claude_unrestricted("WebFetch").web);
        assert!(!claude_unrestricted("WebFetch(domain:docs.rs)").web);
        assert_eq!(claude_unrestricted("Read"), Capabilities::default());
    }

    #[test]
    fn secret_formats_compile_and_start_with_their_prefix() {
        let s = secret_formats();
        assert_eq!(s.any.captures_len(), s.formats.len() + 1, "no pattern may hold a capture group of its own");
        for f in &s.formats {
            assert!(
                f.pattern.replace('\\', "").starts_with(&f.prefix),
                "{}: pattern must start with `{}`",
                f.name,
                f.prefix
            );
            Regex::new(&f.pattern).unwrap();
        }
    }
}
