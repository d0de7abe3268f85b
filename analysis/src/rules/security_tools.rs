//! Tool grants worth a second look (formats.md §4.4 for which tools are which; the names come
//! from `catalogues/tool-capabilities.toml` through [`crate::knowledge::security`]):
//!
//! - `shell-with-web-access`: one agent holds an unrestricted shell and a tool that reads the
//!   web. A page it fetches can carry instructions (prompt injection) that the shell then
//!   carries out — reading credentials and sending them out. Only tools the file names count:
//!   an agent without `tools` inherits every tool, and so does `tools: ['*']` (its written
//!   form); reporting those would report most agents for what they did not write, and `*`
//!   in the GitHub cloud agent has no web tool at all.
//! - `unrestricted-bash`: a Claude Code command or skill whose `allowed-tools` pre-approves the
//!   shell without a command pattern (`Bash`, `Bash(*)`), so every command the model writes
//!   while it runs goes through without a prompt.

use super::tools::{claude_entries, non_agent_prompt};
use super::Ctx;
use crate::knowledge::security::{
    capabilities, claude_unrestricted, unrestricted_specifier, vscode_capabilities, Capabilities, ToolFamily,
};
use crate::knowledge::tools::tool_base_name;
use crate::knowledge::{Dialect, FieldCheck};
use crate::syntax::{Entry, Frontmatter, Value, ValueKind};
use crate::text::TextRange;
use crate::values::{list_entries, quoted_list};
use crate::Diagnostic;

/// A tool list entry and the powers it grants.
type Grant = (String, TextRange, Capabilities);

pub(super) fn check(ctx: &Ctx, fm: &Frontmatter, out: &mut Vec<Diagnostic>) {
    for entry in &fm.entries {
        let check = ctx.spec.field(&entry.key).and_then(|f| f.check);
        if check == Some(FieldCheck::ClaudeAllowedTools) {
            unrestricted_bash(ctx, entry, out);
        }
    }
    let grants = match ctx.spec.field("tools").and_then(|f| f.check) {
        Some(FieldCheck::ClaudeTools) => claude_grants(ctx, fm),
        Some(FieldCheck::VscodeTools) if non_agent_prompt(ctx, fm).is_none() => vscode_grants(ctx, fm),
        _ if ctx.det.dialect == Dialect::GeminiAgent => gemini_grants(ctx, fm),
        _ if ctx.det.dialect == Dialect::OpencodeAgent => opencode_grants(fm),
        _ => Vec::new(),
    };
    shell_with_web(&grants, out);
}

/// `shell-with-web-access`, at the first shell grant.
fn shell_with_web(grants: &[Grant], out: &mut Vec<Diagnostic>) {
    let Some((shell, range, _)) = grants.iter().find(|g| g.2.shell) else { return };
    let web = distinct(grants.iter().filter(|g| g.2.web).map(|g| g.0.as_str()));
    if web.is_empty() {
        return;
    }
    out.push(Diagnostic::new(
        "shell-with-web-access",
        *range,
        format!(
            "`{shell}` (any shell command) and {} (web content) are in one agent: a page it reads can carry instructions that the shell then carries out, such as sending credentials out; give the agent the shell only for the commands it needs, or split web research and command execution into two agents",
            quoted_list(&web)
        ),
    ));
}

/// Claude Code `tools`, less what `disallowedTools` removes.
fn claude_grants(ctx: &Ctx, fm: &Frontmatter) -> Vec<Grant> {
    let Some(tools) = fm.get("tools") else { return Vec::new() };
    let removed = fm.get("disallowedTools").map_or(Capabilities::default(), |d| {
        claude_entries(ctx, d).iter().fold(Capabilities::default(), |acc, (n, _)| acc.union(claude_unrestricted(n)))
    });
    claude_entries(ctx, tools)
        .into_iter()
        .map(|(name, range)| {
            let c = claude_unrestricted(&name);
            let caps = Capabilities { shell: c.shell && !removed.shell, web: c.web && !removed.web };
            (name, range, caps)
        })
        .collect()
}

/// VS Code / Copilot `tools` (tools, tool sets, renamed references, GitHub aliases, `*`).
fn vscode_grants(ctx: &Ctx, fm: &Frontmatter) -> Vec<Grant> {
    let Some(tools) = fm.get("tools") else { return Vec::new() };
    list_entries(&tools.value, ctx.text)
        .into_iter()
        .map(|(name, range)| {
            let caps = vscode_capabilities(&name);
            (name, range, caps)
        })
        .collect()
}

/// Gemini CLI `tools` (a `(…)` specifier narrows a tool).
fn gemini_grants(ctx: &Ctx, fm: &Frontmatter) -> Vec<Grant> {
    let Some(tools) = fm.get("tools") else { return Vec::new() };
    list_entries(&tools.value, ctx.text)
        .into_iter()
        .map(|(name, range)| {
            let caps = if unrestricted_specifier(&name) {
                capabilities(ToolFamily::Gemini, tool_base_name(&name))
            } else {
                Capabilities::default()
            };
            (name, range, caps)
        })
        .collect()
}

/// `OpenCode`: a tool granted with `permission` `allow` (for its key, or for `*`), or enabled
/// in the deprecated `tools` map without a `permission` that asks or denies.
fn opencode_grants(fm: &Frontmatter) -> Vec<Grant> {
    let permission = fm.get("permission");
    let tools = fm.get("tools");
    let mut out = Vec::new();
    for key in ["bash", "webfetch", "websearch"] {
        let caps = capabilities(ToolFamily::Opencode, key);
        let action = permission.and_then(|p| opencode_action(&p.value, key));
        let enabled = tools
            .and_then(|t| t.value.get(key))
            .filter(|e| e.value.as_scalar().and_then(crate::syntax::Scalar::as_core_bool) == Some(true));
        let at = match (action, enabled) {
            (Some(("allow", range)), _) => Some(range),
            (None, Some(e)) => Some(e.key_range),
            _ => None,
        };
        if let Some(range) = at {
            out.push((key.to_string(), range, caps));
        }
    }
    out
}

/// The action `permission` gives `key`, and where it is written (the key that decides, or the
/// value of a `permission` that is one action for everything): the key's own action, its `*`
/// pattern when it maps patterns, else the map's `*` key.
fn opencode_action<'a>(permission: &'a Value, key: &str) -> Option<(&'a str, TextRange)> {
    let action = |e: &'a Entry| e.value.as_str().map(|s| (s.trim(), e.key_range));
    match &permission.kind {
        ValueKind::Scalar(s) => Some((s.text.trim(), permission.range)),
        ValueKind::Mapping(_) => {
            let own = permission.get(key).and_then(|e| match &e.value.kind {
                ValueKind::Mapping(_) => e.value.get("*").and_then(action),
                _ => action(e),
            });
            own.or_else(|| permission.get("*").and_then(action))
        }
        _ => None,
    }
}

/// `unrestricted-bash` on each unrestricted shell entry of an `allowed-tools` list.
fn unrestricted_bash(ctx: &Ctx, entry: &Entry, out: &mut Vec<Diagnostic>) {
    let entries = claude_entries(ctx, entry);
    let web = distinct(entries.iter().filter(|(n, _)| claude_unrestricted(n).web).map(|(n, _)| tool_base_name(n)));
    let also = if web.is_empty() {
        String::new()
    } else {
        let verb = if web.len() == 1 { "is" } else { "are" };
        format!(", and {} {verb} pre-approved too, so a page it reads can steer those commands", quoted_list(&web))
    };
    for (name, range) in entries.iter().filter(|(n, _)| claude_unrestricted(n).shell) {
        let tool = tool_base_name(name);
        out.push(Diagnostic::new(
            "unrestricted-bash",
            *range,
            format!(
                "`{name}` in `{}` pre-approves every shell command: while this runs, {} executes whatever command the model writes without asking{also}; list the commands it needs instead (`{tool}(git status:*)`, `{tool}(npm test:*)`)",
                entry.key, ctx.spec.consumer
            ),
        ));
    }
}

/// The names in order of first appearance, each once and at most [`MAX_NAMED`] of them: a
/// message names each tool once, however long the list.
fn distinct<'a>(names: impl Iterator<Item = &'a str>) -> Vec<&'a str> {
    let mut seen = std::collections::HashSet::new();
    names.filter(|n| seen.insert(*n)).take(MAX_NAMED).collect()
}

/// How many tools a message names.
const MAX_NAMED: usize = 4;
