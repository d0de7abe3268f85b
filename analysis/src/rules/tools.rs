//! Tool-list rules: Claude Code (formats.md §1.1.4–§1.1.6, §8.8–§8.11) and VS Code / Copilot
//! (§2.2, §2.5, §2.10, §9).

use super::Ctx;
use crate::diagnostic::FOLD_AFTER;
use crate::fix::FixHint;
use crate::knowledge::tools::{
    classify_claude_tool_with, classify_vscode_tool_with, split_outside_parens, ClaudeToolVerdict, VsCodeToolVerdict,
};
use crate::knowledge::{ClaudeTool, DataSeverity};
use crate::syntax::{Entry, Frontmatter, ValueKind};
use crate::text::TextRange;
use crate::values::{list_entries, quoted_list, scalar_text_base};
use crate::{Diagnostic, Severity};

/// The entries of a Claude tool list (`tools`, `disallowedTools`, `allowed-tools`): a YAML
/// list, a comma string, or a space-separated string, with each entry's range.
pub(super) fn claude_entries(ctx: &Ctx, entry: &Entry) -> Vec<(String, TextRange)> {
    if let ValueKind::Scalar(s) = &entry.value.kind {
        if !s.text.contains(',') {
            // Space-separated lists work too: skills and commands (formats.md §1.2.2) and
            // agents (Claude Code 2.1.328, oracle: `tools: Read Grep Glob` gets all three).
            if let Some(base) = scalar_text_base(&entry.value, ctx.text) {
                return split_outside_parens(&s.text, base, char::is_whitespace);
            }
        }
    }
    list_entries(&entry.value, ctx.text)
}

/// Claude `tools` / `disallowedTools` (`agent_tools`) or a skill's `allowed-tools`.
pub(super) fn claude(ctx: &Ctx, entry: &Entry, agent_tools: bool, out: &mut Vec<Diagnostic>) {
    let entries = claude_entries(ctx, entry);
    let mut resolved = 0;
    let mut unresolved = Vec::new();
    for (name, range) in &entries {
        match classify_claude_tool_with(name, unresolved.len() < FOLD_AFTER) {
            ClaudeToolVerdict::Known(t) => {
                resolved += 1;
                if agent_tools && entry.key == "tools" {
                    availability(t, *range, out);
                }
            }
            ClaudeToolVerdict::Mcp => resolved += 1,
            ClaudeToolVerdict::Legacy(l) => {
                if l.severity != DataSeverity::Warning {
                    resolved += 1;
                } else {
                    unresolved.push(name.clone());
                }
                let mut msg = format!("`{}` is a legacy Claude Code tool name: {}", l.name, lower_first(&l.note));
                if !l.note.to_lowercase().contains("use ") {
                    msg.push_str(&format!(" Use {} instead", quoted_list(&l.replacement)));
                }
                let fix = FixHint::Replace { with: l.replacement.clone() };
                out.push(Diagnostic::new("renamed-tool", *range, msg).with_severity(l.severity).with_fix(fix));
            }
            ClaudeToolVerdict::Unknown { .. } if ctx.declared(|e| &e.tools, name) => resolved += 1,
            ClaudeToolVerdict::Unknown { suggestion } => {
                unresolved.push(name.clone());
                let hint = suggestion.as_ref().map(|s| format!(" (did you mean `{s}`?)")).unwrap_or_default();
                out.push(suggesting(
                    Diagnostic::new(
                        "unknown-tool",
                        *range,
                        format!("unknown tool `{name}` for Claude Code{hint}: it is dropped"),
                    ),
                    suggestion,
                ));
            }
        }
    }
    if agent_tools && entry.key == "tools" && resolved == 0 && !unresolved.is_empty() {
        out.push(Diagnostic::new(
            "no-known-tools",
            entry.value.range,
            format!(
                "none of these tools resolves, so Claude Code refuses to spawn the agent (unrecognized: {})",
                quoted_list_capped(&unresolved)
            ),
        ));
    }
}

/// The first ten names quoted, then how many more (a message stays short whatever the list).
fn quoted_list_capped(names: &[String]) -> String {
    const SHOWN: usize = 10;
    match names.len() {
        n if n <= SHOWN => quoted_list(names),
        n => format!("{} and {} more", quoted_list(&names[..SHOWN]), n - SHOWN),
    }
}

/// `tool-availability`: tools subagents never get, and tools with a caveat.
fn availability(t: &ClaudeTool, range: TextRange, out: &mut Vec<Diagnostic>) {
    let message = if t.subagents.starts_with("never") && !t.subagents.contains("unless") {
        format!(
            "`{}` is not available to subagents ({}): Claude Code removes it from this agent's tools",
            t.name, t.subagents
        )
    } else if let Some(note) = &t.note {
        format!("`{}`: {note}", t.name)
    } else {
        return;
    };
    out.push(Diagnostic::new("tool-availability", range, message));
}

/// `d` with its did-you-mean as the fix's candidate, when there is one.
pub(super) fn suggesting(d: Diagnostic, suggestion: Option<String>) -> Diagnostic {
    match suggestion {
        Some(s) => d.with_fix(FixHint::Suggest { candidates: vec![s] }),
        None => d,
    }
}

fn lower_first(s: &str) -> String {
    let mut c = s.chars();
    c.next().map(|f| f.to_lowercase().chain(c).collect()).unwrap_or_default()
}

/// VS Code / Copilot `tools`, and the `agents` ⇒ `agent` tool rule.
pub(super) fn vscode(ctx: &Ctx, fm: &Frontmatter, entry: &Entry, out: &mut Vec<Diagnostic>) {
    let entries = list_entries(&entry.value, ctx.text);
    if let ValueKind::Sequence(items) = &entry.value.kind {
        for item in items.iter().filter(|i| i.as_scalar().is_none()) {
            out.push(Diagnostic::new(
                "bad-type",
                item.range,
                "Each tool name in the 'tools' attribute must be a string.",
            ));
        }
    }
    if let Some(mode) = non_agent_prompt(ctx, fm) {
        // VS Code 1.139.1: "The 'tools' attribute is only supported when using agents.
        // Attribute will be ignored." — then the names do not matter either.
        out.push(Diagnostic::new(
            "ignored-field",
            entry.key_range,
            format!("`tools` is ignored: this prompt runs in `{mode}`, and VS Code uses tools only in agents"),
        ));
        return;
    }
    let mut found = 0;
    for (name, range) in entries.iter().filter(|(n, _)| !ctx.declared(|e| &e.tools, n)) {
        if let Some(d) = vscode_tool(name, *range, found < FOLD_AFTER) {
            found += 1;
            out.push(d);
        }
    }
    agents_need_agent_tool(ctx, fm, &entries, out);
}

/// A prompt file that runs in `ask` or `edit` (its `agent:`, else its legacy `mode:`).
pub(super) fn non_agent_prompt<'a>(ctx: &Ctx, fm: &'a Frontmatter) -> Option<&'a str> {
    if ctx.det.dialect != crate::knowledge::Dialect::CopilotPrompt {
        return None;
    }
    let runs_in = fm.get("agent").or_else(|| fm.get("mode"))?.value.as_str()?.trim();
    matches!(runs_in, "ask" | "edit").then_some(runs_in)
}

/// The finding for one VS Code tool entry: renamed (information, with the replacements),
/// removed (warning), unknown (hint: VS Code 1.139.1 says "Unknown tool 'X' will be ignored."
/// at hint severity, and a name may come from an MCP server or extension the workspace does not
/// show).
fn vscode_tool(name: &str, range: TextRange, suggest: bool) -> Option<Diagnostic> {
    Some(match classify_vscode_tool_with(name, suggest) {
        VsCodeToolVerdict::Renamed(r) => {
            let msg = if r.replacements.len() == 1 {
                format!("Tool or toolset `{name}` has been renamed, use `{}` instead", r.replacements[0])
            } else {
                format!(
                    "Tool or toolset `{name}` has been renamed, use the following tools instead: {}",
                    quoted_list(&r.replacements)
                )
            };
            Diagnostic::new("renamed-tool", range, msg)
                .with_severity(Severity::Information)
                .with_fix(FixHint::Replace { with: r.replacements.clone() })
        }
        VsCodeToolVerdict::Removed => Diagnostic::new(
            "unknown-tool",
            range,
            format!("Unknown tool `{name}`: it was removed from VS Code and is ignored"),
        ),
        VsCodeToolVerdict::Unknown { suggestion } => {
            let message = match &suggestion {
                Some(s) => format!("Unknown tool `{name}` (did you mean `{s}`?): VS Code ignores it"),
                None => {
                    format!("Unknown tool `{name}`: VS Code ignores it unless an MCP server or extension provides it")
                }
            };
            suggesting(Diagnostic::new("unknown-tool", range, message).with_severity(Severity::Hint), suggestion)
        }
        _ => return None,
    })
}

/// VS Code 1.139.1: when `agents` names at least one agent (`*` included) and `tools` is set,
/// `tools` must contain exactly `agent` (warning at the `agents` value).
fn agents_need_agent_tool(ctx: &Ctx, fm: &Frontmatter, tools: &[(String, TextRange)], out: &mut Vec<Diagnostic>) {
    let Some(agents) = fm.get("agents") else { return };
    let named = list_entries(&agents.value, ctx.text).iter().any(|(a, _)| !a.trim().is_empty());
    if named && !tools.iter().any(|(n, _)| n == "agent") {
        out.push(Diagnostic::new(
            "agents-needs-agent-tool",
            agents.value.range,
            "When 'agents' and 'tools' are specified, the 'agent' tool must be included in the 'tools' attribute",
        ));
    }
}
