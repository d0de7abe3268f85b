//! Gemini CLI subagents (Gemini CLI 0.61.0, oracle tier): tool names outside its built-in list
//! and a `kind: remote` agent without `agent_card_url` drop the agent; so does a byte order mark
//! before the frontmatter (reported by the layout rule).

use super::Ctx;
use crate::knowledge::knowledge;
use crate::syntax::{Frontmatter, ValueKind};
use crate::text::suggest::closest;
use crate::values::list_entries;
use crate::{Diagnostic, Severity};

/// True for a name Gemini CLI 0.61.0 accepts besides its built-in tools (`isValidToolName`
/// with wildcards, bundle `chunk-*.js`): `*`, `discovered_tool_…`, `mcp_*`, and
/// `mcp_<server>_<tool>` / `mcp_<server>_*` with slug-like parts (the server name ends at the
/// first `_`).
fn valid_pattern(name: &str) -> bool {
    let slug = |s: &str| !s.is_empty() && s.chars().all(|c| c.is_ascii_alphanumeric() || "_.:-".contains(c));
    if name == "*" || name.starts_with("discovered_tool_") || name == "mcp_*" {
        return true;
    }
    let Some(rest) = name.strip_prefix("mcp_") else { return false };
    match rest.split_once('_') {
        Some((server, tool)) if !server.is_empty() => {
            slug(server) && (tool == "*" || (slug(tool) && !tool.chars().all(|c| c == '_')))
        }
        _ => false,
    }
}

/// Each `mcp_servers` entry must be a mapping (Gemini CLI 0.61.0: `mcp_servers.x: Expected
/// object, received number` drops the agent, oracle).
fn mcp_server_entries(fm: &Frontmatter, out: &mut Vec<Diagnostic>) {
    let Some(servers) = fm.get("mcp_servers") else { return };
    let ValueKind::Mapping(entries) = &servers.value.kind else { return };
    for e in entries.iter().filter(|e| !matches!(e.value.kind, ValueKind::Mapping(_))) {
        let range = if e.value.range.is_empty() { e.key_range } else { e.value.range };
        out.push(Diagnostic::new(
            "bad-type",
            range,
            format!("MCP server `{}` must be a mapping (`command`, `args`, …): Gemini CLI drops the agent", e.key),
        ));
    }
}

pub(super) fn check(ctx: &Ctx, fm: &Frontmatter, out: &mut Vec<Diagnostic>) {
    mcp_server_entries(fm, out);
    let known = &knowledge().gemini_tools.tool;
    if let (Some(tools), false) = (fm.get("tools"), known.is_empty()) {
        for (name, range) in list_entries(&tools.value, ctx.text) {
            if known.iter().any(|t| t.name == name) || valid_pattern(&name) || ctx.declared(|e| &e.tools, &name) {
                continue;
            }
            let hint = closest(&name, known.iter().map(|t| t.name.as_str()))
                .map(|s| format!(" (did you mean `{s}`?)"))
                .unwrap_or_default();
            out.push(
                Diagnostic::new(
                    "unknown-tool",
                    range,
                    format!("unknown Gemini CLI tool `{name}`{hint}: Gemini CLI drops the agent (`Invalid tool name`)"),
                )
                // Gemini CLI 0.61.0 drops the agent (oracle tier: gemini-agent/*/field/tools/bad-value).
                .with_severity(Severity::Error),
            );
        }
    }
    let remote = fm.get("kind").and_then(|k| k.value.as_str()).is_some_and(|k| k.trim() == "remote");
    if remote && fm.get("agent_card_url").is_none() {
        let kind = fm.get("kind").expect("checked");
        out.push(Diagnostic::new(
            "missing-required",
            kind.range(),
            "a `kind: remote` agent needs `agent_card_url`: Gemini CLI drops the agent without it",
        ));
    }
}

#[cfg(test)]
mod tests {
    use super::valid_pattern;

    #[test]
    fn gemini_patterns_as_its_validator_reads_them() {
        for ok in ["*", "mcp_*", "mcp_github_*", "mcp_github_create_issue", "discovered_tool_x", "mcp_a.b_c"] {
            assert!(valid_pattern(ok), "{ok}");
        }
        for bad in ["mcp_", "mcp__x", "mcp_github", "mcp_git hub_x", "mcp_github___", "Read", "mcp_*_x"] {
            assert!(!valid_pattern(bad), "{bad}");
        }
    }
}
