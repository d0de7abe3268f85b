//! Inlay hints, computed on request from a snapshot's frontmatter (never on the publish path):
//!
//! - after a model alias, the concrete model each consumer that reads the file runs for it
//!   (`sonnet` → `claude-sonnet-5-5`), from the models catalogue's `resolves` data;
//! - in a Claude Code subagent, the effective tool set when `disallowedTools` changes what
//!   `tools` gives, or removes tools from the inherited set when `tools` is omitted (Claude
//!   Code applies `disallowedTools` first: a tool in both is removed, formats.md §1.1.3).

use std::collections::HashSet;

use crate::knowledge::models::{classify_claude_model, ClaudeModelVerdict};
use crate::knowledge::readers::{consumer, consumer_name, readers_of};
use crate::knowledge::tools::{is_mcp_tool, tool_base_name};
use crate::knowledge::{knowledge, DataSeverity, FieldCheck, ModelResolution};
use crate::syntax::{Entry, Frontmatter};
use crate::text::TextRange;
use crate::values::list_entries;
use crate::Snapshot;

/// The Claude subagent keys whose combination gives the effective tool set (formats.md §1.1.3).
const TOOLS: &str = "tools";
/// See [`TOOLS`].
const DISALLOWED: &str = "disallowedTools";

/// One hint: a label shown at a byte offset, and what it is based on.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct InlayHint {
    /// Where it is shown (document bytes): the end of the value it explains.
    pub offset: usize,
    /// The text shown (`→ claude-sonnet-5-5`).
    pub label: String,
    /// Markdown: the full answer and where it comes from.
    pub tooltip: String,
}

/// The hints whose offset lies in `range` (the part of the document the editor shows).
pub fn inlay_hints(snap: &Snapshot, range: TextRange) -> Vec<InlayHint> {
    let (Some(det), Some(fm)) = (&snap.detected, &snap.parsed.frontmatter) else { return Vec::new() };
    let spec = knowledge().dialect(det.dialect);
    let mut out = Vec::new();
    for entry in &fm.entries {
        if spec.field(&entry.key).is_some_and(|f| f.check == Some(FieldCheck::ClaudeModel)) {
            out.extend(model_hint(snap, entry));
        }
    }
    if spec.field(TOOLS).is_some_and(|f| f.check == Some(FieldCheck::ClaudeTools)) {
        out.extend(tools_hint(snap, fm));
    }
    out.retain(|h| range.start <= h.offset && h.offset <= range.end);
    out
}

/// The resolutions of an alias that apply to `snap`: for the consumers that read the file and
/// that the project targets (every consumer of the data when none reads it where it is).
fn resolutions<'a>(snap: &Snapshot, all: &'a [ModelResolution]) -> Vec<&'a ModelResolution> {
    let Some(det) = &snap.detected else { return Vec::new() };
    let readers = readers_of(det, snap.path.as_deref());
    all.iter()
        .filter(|r| r.dialects.is_empty() || r.dialects.iter().any(|d| d == det.dialect.id()))
        .filter(|r| snap.config.targets(&r.consumer))
        .filter(|r| readers.is_empty() || readers.iter().any(|x| x.consumer == r.consumer))
        .collect()
}

fn model_hint(snap: &Snapshot, entry: &Entry) -> Option<InlayHint> {
    let value = entry.value.as_str()?;
    let (ClaudeModelVerdict::Alias(alias) | ClaudeModelVerdict::SessionAlias(alias)) = classify_claude_model(value)
    else {
        return None;
    };
    let found = resolutions(snap, &alias.resolves);
    let label = match found.as_slice() {
        [] => return None,
        [one] => format!("→ {}", one.model),
        many => {
            let parts: Vec<String> =
                many.iter().map(|r| format!("{}: {}", consumer_name(&r.consumer), r.model)).collect();
            format!("→ {}", parts.join(" · "))
        }
    };
    let lines: Vec<String> = found
        .iter()
        .map(|r| {
            let version = consumer(&r.consumer).and_then(|c| c.verified.as_deref()).unwrap_or("");
            format!("- {} {version}: `{}`", consumer_name(&r.consumer), r.model)
        })
        .collect();
    let tooltip = format!("`{value}` is a model alias; it resolves to\n\n{}", lines.join("\n"));
    Some(InlayHint { offset: entry.value.range.end, label, tooltip })
}

/// What an entry of `tools` gives: the tool it names (a legacy name Claude Code still reads
/// becomes its replacement), or nothing for a name Claude Code drops. No did-you-mean search:
/// a list of 100,000 unknown names costs a lookup each.
fn effective_entry(entry: &str) -> Option<String> {
    let k = &knowledge().claude_tools;
    let name = tool_base_name(entry);
    if k.tool.iter().any(|t| t.name == name) || is_mcp_tool(name) {
        return Some(entry.to_string());
    }
    let legacy = k.legacy.iter().find(|l| l.name == name)?;
    (legacy.severity == DataSeverity::Information).then(|| legacy.replacement.first().cloned()).flatten()
}

/// The `disallowedTools` entries as sets: tool names (a legacy name counts as its replacement),
/// `mcp__*` for every MCP tool, `mcp__srv` or `mcp__srv__*` for one server's tools.
#[derive(Default)]
struct Disallowed {
    names: HashSet<String>,
    all_mcp: bool,
    servers: HashSet<String>,
}

impl Disallowed {
    fn new(rules: &[String]) -> Self {
        let mut out = Disallowed::default();
        for rule in rules {
            let rule = effective_entry(rule).unwrap_or_else(|| rule.clone());
            let base = tool_base_name(&rule);
            let server = match base.strip_prefix("mcp__").filter(|_| is_mcp_tool(base)) {
                Some("*") => {
                    out.all_mcp = true;
                    continue;
                }
                Some(rest) => match rest.split_once("__") {
                    Some((server, "*")) => Some(server),
                    Some(_) => None,
                    None => Some(rest),
                },
                None => None,
            };
            match server {
                Some(s) => out.servers.insert(s.to_string()),
                None => out.names.insert(base.to_string()),
            };
        }
        out
    }

    /// True when these rules remove `tool`.
    fn removes(&self, tool: &str) -> bool {
        let base = tool_base_name(tool);
        if self.names.contains(base) {
            return true;
        }
        let server =
            base.strip_prefix("mcp__").filter(|_| is_mcp_tool(base)).map(|r| r.split_once("__").map_or(r, |(s, _)| s));
        server.is_some_and(|s| self.all_mcp || self.servers.contains(s))
    }
}

/// The tools a subagent inherits when `tools` is omitted: every catalogue tool available to
/// subagents (`subagents` not "never…").
fn inherited() -> Vec<String> {
    knowledge().claude_tools.tool.iter().filter(|t| !t.subagents.starts_with("never")).map(|t| t.name.clone()).collect()
}

fn tools_hint(snap: &Snapshot, fm: &Frontmatter) -> Option<InlayHint> {
    let disallowed = fm.get(DISALLOWED)?;
    let rules: Vec<String> = list_entries(&disallowed.value, &snap.head).into_iter().map(|(n, _)| n).collect();
    if rules.is_empty() {
        return None;
    }
    let version = consumer("claude-code").and_then(|c| c.verified.as_deref()).unwrap_or("");
    match fm.get(TOOLS) {
        Some(tools) => narrowed(snap, tools, &rules, version),
        None => Some(inherited_minus(disallowed, &rules, version)),
    }
}

/// `tools` given: the hint after it, when `disallowedTools` removes some of its tools.
fn narrowed(snap: &Snapshot, tools: &Entry, rules: &[String], version: &str) -> Option<InlayHint> {
    let given: Vec<String> =
        list_entries(&tools.value, &snap.head).into_iter().filter_map(|(n, _)| effective_entry(&n)).collect();
    let disallowed = Disallowed::new(rules);
    let effective: Vec<&String> = given.iter().filter(|t| !disallowed.removes(t)).collect();
    if effective.len() == given.len() {
        return None;
    }
    let shown = if effective.is_empty() {
        "no tools".to_string()
    } else {
        effective.iter().map(|t| t.as_str()).collect::<Vec<_>>().join(", ")
    };
    Some(InlayHint {
        offset: tools.value.range.end,
        label: format!("→ {shown}"),
        tooltip: format!(
            "Effective tools in Claude Code {version}: `{DISALLOWED}` is applied first, so a tool in both is removed.\n\n{shown}"
        ),
    })
}

/// `tools` omitted: the hint after `disallowedTools`, with the inherited set it leaves.
fn inherited_minus(disallowed: &Entry, rules: &[String], version: &str) -> InlayHint {
    let removed = Disallowed::new(rules);
    let effective: Vec<String> = inherited().into_iter().filter(|t| !removed.removes(t)).collect();
    InlayHint {
        offset: disallowed.value.range.end,
        label: format!("→ all tools but {}", rules.join(", ")),
        tooltip: format!(
            "Without `{TOOLS}` the subagent inherits every tool available to subagents; Claude Code {version} then removes these. Effective built-in tools ({}): {}",
            effective.len(),
            effective.join(", ")
        ),
    }
}

#[cfg(test)]
mod tests {
    use std::path::Path;
    use std::sync::Arc;

    use super::*;
    use crate::config::Config;

    fn snap(path: &str, text: &str) -> Snapshot {
        Snapshot::at_path(path, text)
    }

    /// `(text before the hint, label)` of every hint.
    fn hints(s: &Snapshot) -> Vec<(String, String)> {
        let text = s.text.to_text();
        inlay_hints(s, TextRange::new(0, text.len()))
            .into_iter()
            .map(|h| (text[..h.offset].lines().last().unwrap_or("").to_string(), h.label))
            .collect()
    }

    fn agent(fields: &str) -> String {
        format!("---\nname: a\ndescription: D.\n{fields}---\nBody\n")
    }

    #[test]
    fn a_model_alias_shows_the_model_each_reader_runs() {
        let s = snap("/w/.claude/agents/a.md", &agent("model: sonnet\n"));
        assert_eq!(
            hints(&s),
            [(
                "model: sonnet".into(),
                "→ Claude Code: claude-sonnet-5-5 · VS Code: Claude Sonnet 4.5 (copilot)".into()
            )]
        );
        let tip = &inlay_hints(&s, TextRange::new(0, 200))[0].tooltip;
        assert!(tip.contains("- Claude Code 2.1.328: `claude-sonnet-5-5`"), "{tip}");
        // Only Claude Code reads agents in subfolders, and skills' `model` is not VS Code's.
        let nested = snap("/w/.claude/agents/team/a.md", &agent("model: opus\n"));
        assert_eq!(hints(&nested), [("model: opus".into(), "→ claude-opus-5-5".into())]);
        let skill = snap("/w/.claude/skills/s/SKILL.md", "---\nname: s\ndescription: D.\nmodel: haiku\n---\n");
        assert_eq!(hints(&skill), [("model: haiku".into(), "→ claude-haiku-5-5".into())]);
        // Full ids and `inherit` resolve to nothing more concrete.
        assert!(hints(&snap("/w/.claude/agents/a.md", &agent("model: claude-opus-4-5\n"))).is_empty());
        assert!(hints(&snap("/w/.claude/agents/a.md", &agent("model: inherit\n"))).is_empty());
    }

    #[test]
    fn the_project_consumers_choose_whose_model_is_shown() {
        let (config, _) = Config::parse("consumers = [\"vscode\"]\n", Path::new("/w"));
        let s = snap("/w/.claude/agents/a.md", &agent("model: sonnet\n")).with_config(Arc::new(config));
        assert_eq!(hints(&s), [("model: sonnet".into(), "→ Claude Sonnet 4.5 (copilot)".into())]);
    }

    #[test]
    fn disallowed_tools_show_the_effective_set() {
        let s = snap("/w/.claude/agents/a.md", &agent("tools: Read, Write, Edit\ndisallowedTools: Write\n"));
        assert_eq!(hints(&s), [("tools: Read, Write, Edit".into(), "→ Read, Edit".into())]);
        let list =
            agent("tools:\n  - Task\n  - Read\n  - mcp__github__get_issue\ndisallowedTools: [Agent, \"mcp__*\"]\n");
        assert_eq!(
            hints(&snap("/w/.claude/agents/a.md", &list)),
            [("  - mcp__github__get_issue".into(), "→ Read".into())]
        );
        let all_gone = agent("tools: Write\ndisallowedTools: Write\n");
        assert_eq!(hints(&snap("/w/.claude/agents/a.md", &all_gone)), [("tools: Write".into(), "→ no tools".into())]);
        // Nothing removed: no hint.
        assert!(hints(&snap("/w/.claude/agents/a.md", &agent("tools: Read\ndisallowedTools: Write\n"))).is_empty());
    }

    #[test]
    fn without_tools_the_inherited_set_loses_the_disallowed_ones() {
        let s = snap("/w/.claude/agents/a.md", &agent("disallowedTools: Write, Edit\n"));
        assert_eq!(hints(&s), [("disallowedTools: Write, Edit".into(), "→ all tools but Write, Edit".into())]);
        let tip = &inlay_hints(&s, TextRange::new(0, 200))[0].tooltip;
        let listed: Vec<&str> = tip.rsplit_once("): ").unwrap().1.split(", ").collect();
        assert!(listed.contains(&"Read") && listed.contains(&"Bash"), "{tip}");
        assert!(!listed.contains(&"Write") && !listed.contains(&"Edit"), "{tip}");
        assert!(!listed.contains(&"ExitPlanMode"), "not available to subagents: {tip}");
    }

    #[test]
    fn only_hints_in_the_requested_range_are_returned() {
        let s = snap("/w/.claude/agents/a.md", &agent("model: sonnet\n"));
        let model_line = s.text.to_text().find("model").unwrap();
        assert!(inlay_hints(&s, TextRange::new(0, model_line)).is_empty());
        assert_eq!(inlay_hints(&s, TextRange::new(model_line, model_line + 13)).len(), 1);
        assert!(inlay_hints(&snap("/w/docs/notes.md", "model: sonnet\n"), TextRange::new(0, 20)).is_empty());
    }
}
