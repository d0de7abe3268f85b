//! Tool names across consumers, from `catalogues/tool-equivalents.toml` (one row per Claude Code
//! tool, with the VS Code tools and `OpenCode` permission keys that do the same), through the
//! tool catalogues' own rename tables (Claude Code `[[legacy]]`, VS Code `[[renamed]]`).

use std::collections::HashMap;
use std::sync::OnceLock;

use serde::Deserialize;

use crate::knowledge::tools::{classify_claude_tool, classify_vscode_tool, ClaudeToolVerdict, VsCodeToolVerdict};

/// One row: the same tool in each consumer's words.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct Row {
    /// The current Claude Code tool (`Read`).
    pub claude: String,
    /// VS Code tools doing the same (`read/readFile`); empty: none.
    pub vscode: Vec<String>,
    /// `OpenCode` permission keys doing the same (`read`); empty: none.
    pub opencode: Vec<String>,
}

/// `catalogues/tool-equivalents.toml`.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct Equivalents {
    tool: Vec<Row>,
    /// `OpenCode` `tools:` names read as another permission key (`write` → `edit`).
    opencode_tool_aliases: HashMap<String, String>,
}

fn table() -> &'static Equivalents {
    static T: OnceLock<Equivalents> = OnceLock::new();
    T.get_or_init(|| {
        toml::from_str(include_str!("../../data/catalogues/tool-equivalents.toml"))
            .unwrap_or_else(|e| panic!("embedded data file tool-equivalents is invalid: {e}"))
    })
}

/// A tool as the portable form of an agent holds it.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub(crate) enum Tool {
    /// A row of the table (its index).
    Row(usize),
    /// An MCP server's tools: one (`Some`) or all (`None`).
    Mcp {
        /// The server name.
        server: String,
        /// The tool.
        tool: Option<String>,
    },
}

/// The row of a table index.
pub(crate) fn row(i: usize) -> &'static Row {
    &table().tool[i]
}

/// The row index of the Claude Code tool `name`.
pub(crate) fn claude_row(name: &str) -> Option<usize> {
    table().tool.iter().position(|r| r.claude == name)
}

/// A Claude Code `tools` entry (without `Agent(…)` lists, read by the caller): a current tool,
/// a legacy name through its replacement, an MCP tool. `None`: no equivalent.
pub(crate) fn from_claude(entry: &str) -> Option<Tool> {
    match classify_claude_tool(entry) {
        ClaudeToolVerdict::Known(t) => claude_row(&t.name).map(Tool::Row),
        ClaudeToolVerdict::Legacy(l) => l.replacement.iter().find_map(|r| claude_row(r)).map(Tool::Row),
        ClaudeToolVerdict::Mcp => {
            let rest = entry.strip_prefix("mcp__")?;
            let (server, tool) = match rest.split_once("__") {
                Some((s, t)) => (s, (t != "*").then(|| t.to_string())),
                None => (rest, None),
            };
            (server != "*").then(|| Tool::Mcp { server: server.to_string(), tool })
        }
        ClaudeToolVerdict::Unknown { .. } => None,
    }
}

/// A VS Code `tools` entry: a tool of a row, a tool set (every row with a tool inside it), a
/// GitHub alias (as its tool set), a renamed tool (as its replacements), an MCP tool. Empty: no
/// equivalent.
pub(crate) fn from_vscode(name: &str) -> Vec<Tool> {
    let rows = |n: &str| -> Vec<Tool> {
        let exact: Vec<Tool> = rows_where(|r| r.vscode.iter().any(|v| v == n));
        if !exact.is_empty() {
            return exact;
        }
        let prefix = format!("{n}/");
        rows_where(|r| r.vscode.iter().any(|v| v.starts_with(&prefix)))
    };
    match classify_vscode_tool(name) {
        VsCodeToolVerdict::Known(t) => rows(&t.name),
        VsCodeToolVerdict::GithubAlias(a) => rows(&a.name),
        VsCodeToolVerdict::Renamed(r) => {
            let mut out: Vec<Tool> = r.replacements.iter().flat_map(|n| rows(n)).collect();
            out.dedup();
            out
        }
        VsCodeToolVerdict::External => match name.split_once('/') {
            Some((server, tool)) if !server.contains('.') => {
                vec![Tool::Mcp { server: server.to_string(), tool: (tool != "*").then(|| tool.to_string()) }]
            }
            _ => Vec::new(),
        },
        _ => Vec::new(),
    }
}

/// An `OpenCode` permission key (or deprecated `tools:` name): every row listing it.
pub(crate) fn from_opencode(key: &str) -> Vec<Tool> {
    let key = table().opencode_tool_aliases.get(key).map_or(key, String::as_str);
    rows_where(|r| r.opencode.iter().any(|o| o == key))
}

fn rows_where(pred: impl Fn(&Row) -> bool) -> Vec<Tool> {
    table().tool.iter().enumerate().filter(|(_, r)| pred(r)).map(|(i, _)| Tool::Row(i)).collect()
}

/// The tool in Claude Code's words (`Read`, `mcp__github__get_issue`, `mcp__github`).
pub(crate) fn to_claude(tool: &Tool) -> Vec<String> {
    match tool {
        Tool::Row(i) => vec![row(*i).claude.clone()],
        Tool::Mcp { server, tool: Some(t) } => vec![format!("mcp__{server}__{t}")],
        Tool::Mcp { server, tool: None } => vec![format!("mcp__{server}")],
    }
}

/// The tool in VS Code's words (`read/readFile`, `github/get_issue`, `github/*`); empty: none.
pub(crate) fn to_vscode(tool: &Tool) -> Vec<String> {
    match tool {
        Tool::Row(i) => row(*i).vscode.clone(),
        Tool::Mcp { server, tool } => vec![format!("{server}/{}", tool.as_deref().unwrap_or("*"))],
    }
}

/// The `OpenCode` permission keys of the tool; empty: none (MCP tools have no permission key).
pub(crate) fn to_opencode(tool: &Tool) -> Vec<String> {
    match tool {
        Tool::Row(i) => row(*i).opencode.clone(),
        Tool::Mcp { .. } => Vec::new(),
    }
}

/// The tool for a note, in backticks: its Claude Code name; an MCP tool in both spellings
/// (`` `mcp__github__get_issue` (`github/get_issue`) ``), as the source may have written either.
pub(crate) fn describe(tool: &Tool) -> String {
    match tool {
        Tool::Row(_) => format!("`{}`", to_claude(tool).join(", ")),
        Tool::Mcp { .. } => format!("`{}` (`{}`)", to_claude(tool).join(", "), to_vscode(tool).join(", ")),
    }
}

/// The names `tool` takes in a consumer (`write`) and what reading them back gives (`read`):
/// when that is not exactly `tool`, the conversion widens or changes it (`Write` → OpenCode
/// `edit`, which reads back as Edit and Write).
pub(crate) fn comes_back(tool: &Tool, write: fn(&Tool) -> Vec<String>, read: fn(&str) -> Vec<Tool>) -> Vec<Tool> {
    let mut back: Vec<Tool> = Vec::new();
    for name in write(tool) {
        for t in read(&name) {
            if !back.contains(&t) {
                back.push(t);
            }
        }
    }
    back
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::knowledge::knowledge;

    fn rows() -> impl Iterator<Item = (usize, &'static Row)> {
        table().tool.iter().enumerate()
    }

    fn vscode_known(name: &str) -> bool {
        knowledge().vscode_tools.tool.iter().any(|t| t.name == name)
    }

    fn round_trips(i: usize) -> bool {
        let t = Tool::Row(i);
        comes_back(&t, to_vscode, from_vscode) == vec![t.clone()]
            && comes_back(&t, to_opencode, from_opencode) == vec![t]
    }

    #[test]
    fn every_name_is_a_current_tool_of_its_catalogue() {
        for (_, r) in rows() {
            assert!(matches!(classify_claude_tool(&r.claude), ClaudeToolVerdict::Known(_)), "{}", r.claude);
            for v in &r.vscode {
                assert!(vscode_known(v), "{v} (row {}) is not a VS Code tool of vscode-tools.toml", r.claude);
            }
        }
        for target in table().opencode_tool_aliases.values() {
            assert!(rows().any(|(_, r)| r.opencode.contains(target)), "{target}");
        }
    }

    #[test]
    fn tools_map_between_consumers_through_sets_renames_and_legacy_names() {
        let read = Tool::Row(claude_row("Read").unwrap());
        assert_eq!(from_claude("Read"), Some(read.clone()));
        assert_eq!(from_claude("NotebookRead"), Some(read.clone()), "legacy name → its replacement");
        assert_eq!(from_vscode("read/readFile"), vec![read.clone()]);
        assert_eq!(from_opencode("read"), vec![read.clone()]);
        let names = |ts: Vec<Tool>| ts.iter().flat_map(to_claude).collect::<Vec<_>>();
        assert_eq!(names(from_vscode("edit")), ["Edit", "Write", "NotebookEdit"], "a tool set is its tools");
        assert_eq!(names(from_vscode("editFiles")), ["Edit"], "a renamed tool is its replacement");
        assert_eq!(names(from_vscode("execute")), ["Bash"]);
        assert_eq!(names(from_opencode("edit")), ["Edit", "Write"], "OpenCode's edit covers writing");
        assert_eq!(names(from_opencode("write")), ["Edit", "Write"], "deprecated tools: name");
        assert_eq!(from_claude("mcp__github__get_issue").map(|t| to_vscode(&t)), Some(vec!["github/get_issue".into()]));
        assert_eq!(names(from_vscode("github/*")), ["mcp__github"]);
        assert_eq!(from_claude("Docker"), None);
        assert!(round_trips(claude_row("Read").unwrap()));
        assert!(!round_trips(claude_row("Write").unwrap()), "OpenCode edit comes back as Edit and Write");
    }
}
