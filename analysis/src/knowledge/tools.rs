//! Tool names: splitting tool lists and classifying entries against the catalogues
//! (formats.md §1.1.4–§1.1.6 for Claude Code, §2.5 and §2.10 for VS Code / Copilot).

use std::collections::HashMap;
use std::sync::{Mutex, OnceLock};

use super::{knowledge, ClaudeTool, GithubToolAlias, LegacyTool, RenamedVsCodeTool, VsCodeTool};
use crate::text::suggest::closest;
use crate::text::TextRange;

/// Splits a comma-separated tool string on commas **outside parentheses** (`Agent(a, b)` is one
/// entry), trimming spaces. `base` is the document offset of `s`; ranges are document offsets.
pub fn split_tool_string(s: &str, base: usize) -> Vec<(String, TextRange)> {
    split_outside_parens(s, base, |c| c == ',')
}

/// True when a parenthesis of `s` is still open at its end (as [`split_outside_parens`] counts
/// them): whatever is appended to `s` then lands inside it, not as an entry of its own.
pub fn ends_inside_parens(s: &str) -> bool {
    s.chars().fold(0i32, |depth, c| match c {
        '(' => depth + 1,
        ')' => (depth - 1).max(0),
        _ => depth,
    }) > 0
}

/// Splits on characters matching `sep` that are outside parentheses; trims and drops empty
/// pieces. Ranges are `base`-shifted byte ranges of each piece.
pub fn split_outside_parens(s: &str, base: usize, sep: impl Fn(char) -> bool) -> Vec<(String, TextRange)> {
    let mut out = Vec::new();
    let mut depth = 0i32;
    let mut start = 0;
    let mut push = |from: usize, to: usize| {
        let piece = &s[from..to];
        let lead = piece.len() - piece.trim_start().len();
        let t = piece.trim();
        if !t.is_empty() {
            out.push((t.to_string(), TextRange::new(base + from + lead, base + from + lead + t.len())));
        }
    };
    for (i, c) in s.char_indices() {
        match c {
            '(' => depth += 1,
            ')' => depth = (depth - 1).max(0),
            c if depth == 0 && sep(c) => {
                push(start, i);
                // A separator may be wider than a byte (whitespace such as U+2028: fuzz target
                // `edits`).
                start = i + c.len_utf8();
            }
            _ => {}
        }
    }
    push(start, s.len());
    out
}

/// What a Claude Code `tools` entry is.
#[derive(Debug, Clone, PartialEq)]
pub enum ClaudeToolVerdict {
    /// A current built-in tool (possibly with a `(…)` specifier).
    Known(&'static ClaudeTool),
    /// A removed or renamed tool.
    Legacy(&'static LegacyTool),
    /// `mcp__server`, `mcp__server__tool`, `mcp__server__*`, `mcp__*`.
    Mcp,
    /// Not a tool; `suggestion` is the likely intended tool.
    Unknown {
        /// Closest tool name, if one is close.
        suggestion: Option<String>,
    },
}

/// The name part of an entry: `Agent(a, b)` → `Agent`.
pub fn tool_base_name(entry: &str) -> &str {
    entry.split('(').next().unwrap_or(entry).trim()
}

/// Classifies one Claude Code tool entry (exact, case-sensitive names; §1.1.5).
pub fn classify_claude_tool(entry: &str) -> ClaudeToolVerdict {
    classify_claude_tool_with(entry, true)
}

/// [`classify_claude_tool`], looking for a did-you-mean only when `suggest` (a list of 100,000
/// unknown names costs one catalogue scan per name otherwise; past
/// [`crate::diagnostic::FOLD_AFTER`] findings nobody reads the suggestions).
pub fn classify_claude_tool_with(entry: &str, suggest: bool) -> ClaudeToolVerdict {
    let k = &knowledge().claude_tools;
    let name = tool_base_name(entry);
    if let Some(t) = k.tool.iter().find(|t| t.name == name) {
        return ClaudeToolVerdict::Known(t);
    }
    if let Some(l) = k.legacy.iter().find(|l| l.name == name) {
        return ClaudeToolVerdict::Legacy(l);
    }
    if is_mcp_tool(name) {
        return ClaudeToolVerdict::Mcp;
    }
    let suggestion = k
        .not_a_tool
        .iter()
        .find(|n| n.name.eq_ignore_ascii_case(name))
        .map(|n| n.suggest.clone())
        .or_else(|| suggest.then(|| closest_tool(Catalogue::Claude, name)).flatten());
    ClaudeToolVerdict::Unknown { suggestion }
}

/// `mcp__<server>` with optional `__<tool>` (globs allowed in the tool part), or `mcp__*`
/// (formats.md §1.1.6).
pub fn is_mcp_tool(name: &str) -> bool {
    let Some(rest) = name.strip_prefix("mcp__") else {
        return false;
    };
    if rest == "*" {
        return true;
    }
    let (server, tool) = match rest.split_once("__") {
        Some((s, t)) => (s, Some(t)),
        None => (rest, None),
    };
    let server_ok = !server.is_empty() && server.chars().all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_');
    let tool_ok =
        tool.is_none_or(|t| !t.is_empty() && t.chars().all(|c| c.is_ascii_alphanumeric() || "_.*-".contains(c)));
    server_ok && tool_ok
}

/// What a VS Code / Copilot `tools` entry is.
#[derive(Debug, Clone, PartialEq)]
pub enum VsCodeToolVerdict {
    /// A current tool or tool set.
    Known(&'static VsCodeTool),
    /// A GitHub tool alias (primary or compatible, case-insensitive).
    GithubAlias(&'static GithubToolAlias),
    /// A renamed reference.
    Renamed(&'static RenamedVsCodeTool),
    /// A removed reference (`think`).
    Removed,
    /// `<server>/<tool>`, `<server>/*` or `<publisher.ext>/<tool>` outside the built-in sets:
    /// an MCP or extension tool the catalogue cannot know.
    External,
    /// `*` (all tools; GitHub cloud agent).
    All,
    /// Unknown.
    Unknown {
        /// Closest known reference.
        suggestion: Option<String>,
    },
}

/// Classifies one VS Code tool reference (§2.10; GitHub aliases §2.5).
pub fn classify_vscode_tool(name: &str) -> VsCodeToolVerdict {
    classify_vscode_tool_with(name, true)
}

/// [`classify_vscode_tool`], looking for a did-you-mean only when `suggest`.
pub fn classify_vscode_tool_with(name: &str, suggest: bool) -> VsCodeToolVerdict {
    let k = &knowledge().vscode_tools;
    if name == "*" {
        return VsCodeToolVerdict::All;
    }
    if let Some(t) = k.tool.iter().find(|t| t.name == name) {
        return VsCodeToolVerdict::Known(t);
    }
    if let Some(r) = k.renamed.iter().find(|r| r.name == name) {
        return VsCodeToolVerdict::Renamed(r);
    }
    if k.removed.iter().any(|r| r == name) {
        return VsCodeToolVerdict::Removed;
    }
    if let Some(a) = k
        .github_alias
        .iter()
        .find(|a| a.name.eq_ignore_ascii_case(name) || a.compatible.iter().any(|c| c.eq_ignore_ascii_case(name)))
    {
        return VsCodeToolVerdict::GithubAlias(a);
    }
    if let Some((set, _)) = name.split_once('/') {
        let builtin_set = k.tool.iter().any(|t| t.name.starts_with(&format!("{set}/")));
        if !builtin_set {
            return VsCodeToolVerdict::External;
        }
    }
    VsCodeToolVerdict::Unknown { suggestion: suggest.then(|| closest_tool(Catalogue::VsCode, name)).flatten() }
}

/// The tool catalogue a suggestion comes from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
enum Catalogue {
    Claude,
    VsCode,
}

/// [`closest`](crate::text::suggest::closest) over a tool catalogue, remembered per (catalogue, name): the same unknown tools
/// recur across a workspace (the corpus has 212 unknown VS Code tool entries but 76 distinct
/// names, each scored against all 59 tools). The memo stops growing at [`MEMO_LIMIT`] names,
/// so arbitrary input cannot make it grow without bound.
fn closest_tool(catalogue: Catalogue, name: &str) -> Option<String> {
    type Memo = Mutex<HashMap<(Catalogue, String), Option<String>>>;
    static MEMO: OnceLock<Memo> = OnceLock::new();
    let memo = MEMO.get_or_init(Memo::default);
    let key = (catalogue, name.to_string());
    if let Some(hit) = memo.lock().ok().and_then(|m| m.get(&key).cloned()) {
        return hit;
    }
    let found = match catalogue {
        Catalogue::Claude => closest(name, knowledge().claude_tools.tool.iter().map(|t| t.name.as_str())),
        Catalogue::VsCode => closest(name, knowledge().vscode_tools.tool.iter().map(|t| t.name.as_str())),
    };
    if let Ok(mut m) = memo.lock() {
        if m.len() < MEMO_LIMIT {
            m.insert(key, found.clone());
        }
    }
    found
}

/// How many names [`closest_tool`] remembers.
const MEMO_LIMIT: usize = 4096;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn split_respects_parentheses() {
        let s = "Agent(a, b), Read ,Bash(git *)";
        let parts = split_tool_string(s, 10);
        let names: Vec<_> = parts.iter().map(|p| p.0.as_str()).collect();
        assert_eq!(names, ["Agent(a, b)", "Read", "Bash(git *)"]);
        assert_eq!(parts[1].1, TextRange::new(10 + 13, 10 + 17));
    }

    #[test]
    fn claude_tools() {
        assert!(matches!(classify_claude_tool("Read"), ClaudeToolVerdict::Known(_)));
        assert!(matches!(classify_claude_tool("Agent(x)"), ClaudeToolVerdict::Known(_)));
        assert!(matches!(classify_claude_tool("MultiEdit"), ClaudeToolVerdict::Legacy(_)));
        assert!(matches!(classify_claude_tool("mcp__github__get_issue"), ClaudeToolVerdict::Mcp));
        assert_eq!(classify_claude_tool("Docker"), ClaudeToolVerdict::Unknown { suggestion: Some("Bash".into()) });
        assert_eq!(classify_claude_tool("Grpe"), ClaudeToolVerdict::Unknown { suggestion: Some("Grep".into()) });
    }

    #[test]
    fn vscode_tools() {
        assert!(matches!(classify_vscode_tool("read/readFile"), VsCodeToolVerdict::Known(_)));
        assert!(matches!(classify_vscode_tool("editFiles"), VsCodeToolVerdict::Renamed(_)));
        assert!(matches!(classify_vscode_tool("shell"), VsCodeToolVerdict::GithubAlias(_)));
        assert!(matches!(classify_vscode_tool("github/*"), VsCodeToolVerdict::External));
        assert_eq!(classify_vscode_tool("think"), VsCodeToolVerdict::Removed);
        assert!(matches!(classify_vscode_tool("read/nope"), VsCodeToolVerdict::Unknown { .. }));
    }
}
