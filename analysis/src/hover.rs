//! Hover: a key's documentation, a tool's description (and replacement if legacy), a model
//! explained — all from the dialect data and catalogues.

use super::index::resolve::{resolve, Resolution};
use super::index::{display_path, RefKind};
use super::values::{list_entries, quoted_list};
use super::{Snapshot, WorkspaceCtx};
use crate::knowledge::models::{
    classify_claude_model, classify_copilot_model, ClaudeModelVerdict, CopilotModelVerdict,
};
use crate::knowledge::tools::{classify_claude_tool, classify_vscode_tool, ClaudeToolVerdict, VsCodeToolVerdict};
use crate::knowledge::{knowledge, ClaudeTool, DialectSpec, FieldCheck, FieldSpec};
use crate::syntax::{Entry, ValueKind};
use crate::text::TextRange;

/// A hover answer: Markdown, and the byte range it describes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Hover {
    /// Range of the hovered key or value.
    pub range: TextRange,
    /// Markdown text.
    pub markdown: String,
    /// On a reference to another file of the workspace (an agent, prompt, skill).
    pub on_reference: bool,
}

/// The hover at byte `offset`, if the cursor is on a known key, value or (with a workspace) a
/// reference.
pub fn hover(snap: &Snapshot, offset: usize, ws: Option<&WorkspaceCtx>) -> Option<Hover> {
    let det = snap.detected.as_ref()?;
    if let Some(h) = verdict_hover(snap, offset, ws) {
        return Some(h);
    }
    if let Some(h) = ws.and_then(|ws| reference_hover(snap, offset, ws)) {
        return Some(h);
    }
    let spec = knowledge().dialect(det.dialect);
    let fm = snap.parsed.frontmatter.as_ref()?;
    let entry = fm.entries.iter().find(|e| e.range().touches(offset))?;
    let field = spec.field(&entry.key);
    if entry.key_range.touches(offset) {
        let markdown = match field {
            Some(f) => field_markdown(spec, f),
            None => format!("**`{}`** is not a {} field; {} ignores it.", entry.key, spec.name, spec.consumer),
        };
        return Some(Hover { range: entry.key_range, markdown, on_reference: false });
    }
    let field = field?;
    value_hover(snap, spec, field, entry, offset)
}

/// On the opening `---` (or the would-be opening of a frontmatter no consumer reads): which
/// consumers read the file and what each makes of it ([`crate::verdict`]).
fn verdict_hover(snap: &Snapshot, offset: usize, ws: Option<&WorkspaceCtx>) -> Option<Hover> {
    let open = match (&snap.parsed.frontmatter, snap.parsed.top.problem) {
        (Some(fm), _) => fm.layout.open,
        (None, Some((_, opening))) => opening,
        (None, None) => return None,
    };
    if !open.touches(offset) {
        return None;
    }
    let v = crate::verdict::verdict_of(snap, ws)?;
    Some(Hover { range: open, markdown: crate::verdict::hover_markdown(&v), on_reference: false })
}

fn value_hover(snap: &Snapshot, spec: &DialectSpec, field: &FieldSpec, entry: &Entry, offset: usize) -> Option<Hover> {
    match field.check {
        Some(FieldCheck::ClaudeTools | FieldCheck::ClaudeAllowedTools | FieldCheck::VscodeTools) => {
            let (name, range) = list_entries(&entry.value, &snap.head).into_iter().find(|(_, r)| r.touches(offset))?;
            let markdown = if field.check == Some(FieldCheck::VscodeTools) {
                vscode_tool_markdown(&name)
            } else {
                claude_entry_markdown(&name)
            };
            Some(Hover { range, markdown, on_reference: false })
        }
        Some(FieldCheck::ClaudeModel | FieldCheck::CopilotModel) => {
            let item = super::values::items(&entry.value).into_iter().find(|i| i.range.touches(offset))?;
            let m = item.as_str()?;
            let markdown = if field.check == Some(FieldCheck::ClaudeModel) {
                claude_model_markdown(m)
            } else {
                copilot_model_markdown(m)
            };
            Some(Hover { range: item.range, markdown, on_reference: false })
        }
        _ if !field.item_field.is_empty() => {
            let ValueKind::Sequence(items) = &entry.value.kind else {
                return None;
            };
            let props = items.iter().find(|i| i.range.touches(offset))?.as_mapping()?;
            let p = props.iter().find(|p| p.range().touches(offset))?;
            let sub = field.item_field.iter().find(|f| f.key == p.key)?;
            Some(Hover { range: p.key_range, markdown: field_markdown(spec, sub), on_reference: false })
        }
        _ => Some(Hover { range: entry.value.range, markdown: field_markdown(spec, field), on_reference: false }),
    }
}

/// Documentation of a field: name, dialect, doc, type, required, values, since.
pub(crate) fn field_markdown(spec: &DialectSpec, f: &FieldSpec) -> String {
    let mut s =
        format!("**`{}`** · {}\n\n{}\n\n*Type:* {}", f.key, spec.name, f.doc.trim(), super::completion::type_label(f));
    if f.required {
        s.push_str(" · *required*");
    }
    if !f.values.is_empty() {
        s.push_str(&format!(" · *values:* {}", quoted_list(&f.values)));
    }
    if let Some(since) = &f.since {
        s.push_str(&format!(" · *since:* {since}"));
    }
    if let Some(dep) = &f.deprecated {
        s.push_str(&format!("\n\n**Deprecated:** {dep}"));
    }
    s
}

/// A Claude tool's one-line doc.
pub(crate) fn claude_tool_markdown(t: &ClaudeTool) -> String {
    format!(
        "**`{}`** · Claude Code tool\n\n{}\n\n*Asks permission:* {} · *In subagents:* {}",
        t.name,
        t.doc,
        if t.permission { "yes" } else { "no" },
        if t.subagents == "bg" { "yes, also in background subagents" } else { &t.subagents }
    )
}

fn claude_entry_markdown(entry: &str) -> String {
    match classify_claude_tool(entry) {
        ClaudeToolVerdict::Known(t) => claude_tool_markdown(t),
        ClaudeToolVerdict::Legacy(l) => format!(
            "**`{}`** · legacy Claude Code tool\n\n{}. Use {} instead.",
            l.name,
            l.note.trim_end_matches('.'),
            quoted_list(&l.replacement)
        ),
        ClaudeToolVerdict::Mcp => format!("**`{entry}`** · MCP tool (`mcp__<server>__<tool>`)"),
        ClaudeToolVerdict::Unknown { suggestion } => {
            format!(
                "**`{entry}`** is not a Claude Code tool{}",
                suggestion.map(|s| format!("; did you mean `{s}`?")).unwrap_or_default()
            )
        }
    }
}

fn vscode_tool_markdown(name: &str) -> String {
    match classify_vscode_tool(name) {
        VsCodeToolVerdict::Known(t) => format!("**`{}`** · VS Code tool\n\n{}", t.name, t.doc),
        VsCodeToolVerdict::GithubAlias(a) => format!("**`{name}`** · GitHub tool alias of `{}`\n\n{}", a.name, a.doc),
        VsCodeToolVerdict::Renamed(r) => {
            format!("**`{name}`** · renamed VS Code tool: use {}", quoted_list(&r.replacements))
        }
        VsCodeToolVerdict::Removed => format!("**`{name}`** was removed from VS Code"),
        VsCodeToolVerdict::External => format!("**`{name}`** · MCP server or extension tool"),
        VsCodeToolVerdict::All => "**`*`** · all available tools".into(),
        VsCodeToolVerdict::Unknown { .. } => format!("**`{name}`** is not a known VS Code tool"),
    }
}

fn claude_model_markdown(m: &str) -> String {
    match classify_claude_model(m) {
        ClaudeModelVerdict::Alias(a) | ClaudeModelVerdict::SessionAlias(a) => {
            format!("**`{}`** · Claude model alias\n\n{}", a.name, a.doc)
        }
        ClaudeModelVerdict::FullId => {
            format!("**`{m}`** · full Claude model id (honoured since Claude Code v2.1.74)")
        }
        ClaudeModelVerdict::CopilotName { alias } => {
            format!(
                "**`{m}`** is a Copilot model name{}",
                alias.map(|a| format!("; the Claude Code alias is `{a}`")).unwrap_or_default()
            )
        }
        ClaudeModelVerdict::Unknown { suggestion } => {
            format!(
                "**`{m}`** is not a Claude model{}",
                suggestion.map(|s| format!("; did you mean `{s}`?")).unwrap_or_default()
            )
        }
    }
}

fn copilot_model_markdown(m: &str) -> String {
    match classify_copilot_model(m) {
        CopilotModelVerdict::Known(c) => {
            format!("**{}** · Copilot model (vendor `{}`)", c.name, c.vendor)
        }
        CopilotModelVerdict::OtherVendor => {
            format!("**{m}** · model from a bring-your-own-key provider")
        }
        CopilotModelVerdict::ClaudeStyle { suggestion } | CopilotModelVerdict::Unknown { suggestion } => {
            format!(
                "**{m}** is not a known Copilot model{}",
                suggestion.map(|s| format!("; did you mean `{s}`?")).unwrap_or_default()
            )
        }
    }
}

/// Hover on a reference: the target's identity, dialect, path and first description paragraph.
fn reference_hover(snap: &Snapshot, offset: usize, ws: &WorkspaceCtx) -> Option<Hover> {
    let summary = snap.summary()?;
    let r = summary.references.iter().find(|r| r.span.range.touches(offset) && r.kind.is_definition_ref())?;
    let roots = ws.index.roots();
    let markdown = match resolve(ws.index, r) {
        Resolution::Found(defs) => defs
            .iter()
            .map(|d| {
                let spec = knowledge().dialect(d.detected.dialect);
                let identity = d.qualified_identity().unwrap_or_default();
                let desc = d.definition.as_ref().and_then(|x| x.description.clone()).unwrap_or_default();
                format!(
                    "**`{identity}`** · {}

`{}`

{desc}",
                    spec.name,
                    display_path(&d.path, &roots)
                )
                .trim_end()
                .to_string()
            })
            .collect::<Vec<_>>()
            .join("\n\n---\n\n"),
        Resolution::Builtin => format!("**`{}`** · built-in agent", r.target),
        Resolution::Missing => {
            let what = if r.kind == RefKind::SkillsItem { "skill" } else { "agent" };
            format!("**`{}`**: no {what} with this name in the workspace", r.target)
        }
    };
    Some(Hover { range: r.span.range, markdown, on_reference: true })
}
