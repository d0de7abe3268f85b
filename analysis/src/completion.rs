//! Completion in the frontmatter: keys not yet present, enum values, booleans, tools (without
//! those already listed, in the list's quote style) and models — all from the dialect data.

use super::cursor::{context, CursorContext, ListStyle};
use super::{completion_refs, Snapshot, WorkspaceCtx};
use crate::knowledge::{knowledge, DialectSpec, FieldCheck, FieldSpec, FieldType};
use crate::text::TextRange;

/// The kind of a completion item (mapped to LSP `CompletionItemKind` at the edge).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CompletionKind {
    /// A frontmatter key.
    Field,
    /// An enum value or boolean.
    Value,
    /// A tool name.
    Tool,
    /// A model name.
    Model,
    /// Another agent, prompt, skill or MCP server of the workspace.
    Reference,
}

/// One completion candidate.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Completion {
    /// What the list shows (and what filtering matches).
    pub label: String,
    /// Item kind.
    pub kind: CompletionKind,
    /// One-line detail.
    pub detail: Option<String>,
    /// Markdown documentation.
    pub documentation: Option<String>,
    /// Text that replaces `replace`.
    pub insert_text: String,
    /// Byte range the insertion replaces (the partial word before the cursor).
    pub replace: TextRange,
    /// Deprecated or legacy: editors strike it through.
    pub deprecated: bool,
}

/// Completion candidates at byte `offset`. Empty outside the frontmatter (except `@agent-`
/// mentions) and in non-agent files. With a workspace, reference positions offer the
/// workspace's definitions.
pub fn complete(snap: &Snapshot, offset: usize, ws: Option<&WorkspaceCtx>) -> Vec<Completion> {
    let Some(det) = &snap.detected else { return Vec::new() };
    let spec = knowledge().dialect(det.dialect);
    let ctx = context(snap, offset);
    if let (Some(ws), None) = (ws, &ctx) {
        return completion_refs::for_mention(snap, offset, ws);
    }
    match ctx {
        Some(CursorContext::Key { prefix, parent: None }) => keys(spec, &spec.fields, snap, prefix, None),
        Some(CursorContext::Key { prefix, parent: Some(p) }) => match spec.field(&p) {
            Some(f) if !f.item_field.is_empty() => keys(spec, &f.item_field, snap, prefix, Some(offset)),
            _ => Vec::new(),
        },
        Some(here @ CursorContext::Value { .. }) => value_completions(snap, spec, here, offset, ws),
        None => Vec::new(),
    }
}

/// Completions at a value position: reference targets from the workspace, else the field's
/// values (enums, tools, models), each wrapped in the quote the list uses.
fn value_completions(
    snap: &Snapshot,
    spec: &DialectSpec,
    here: CursorContext,
    offset: usize,
    ws: Option<&WorkspaceCtx>,
) -> Vec<Completion> {
    let CursorContext::Value { key, parent, prefix, style, existing, open_quote, sibling_quote } = &here else {
        return Vec::new();
    };
    let field = match parent {
        Some(p) => spec.field(p).and_then(|f| f.item_field.iter().find(|i| i.key == *key)),
        None => spec.field(key),
    };
    let Some(field) = field else { return Vec::new() };
    if *style == ListStyle::Block && !field.item_field.is_empty() {
        return keys(spec, &field.item_field, snap, *prefix, Some(offset));
    }
    let quote = open_quote.or(if matches!(style, ListStyle::Flow | ListStyle::Block) { *sibling_quote } else { None });
    let close = |s: &str| -> String {
        match (open_quote, quote) {
            // The user opened a quote: close it unless the closing one is already there.
            (Some(q), _) if snap.head.get(offset..).is_some_and(|t| t.starts_with(*q)) => s.to_string(),
            (Some(q), _) => format!("{s}{q}"),
            (None, Some(q)) => format!("{q}{s}{q}"),
            (None, None) => s.to_string(),
        }
    };
    let candidates =
        ws.and_then(|ws| completion_refs::for_value(snap, &here, ws, &close)).unwrap_or_else(|| values(field, *prefix));
    candidates
        .into_iter()
        .filter(|c| !existing.iter().any(|e| crate::knowledge::tools::tool_base_name(e) == c.label))
        .map(|mut c| {
            if c.kind != CompletionKind::Reference {
                c.insert_text = close(&c.insert_text);
            }
            c
        })
        .collect()
}

/// Keys of `fields` not yet present at the current level.
fn keys(
    spec: &DialectSpec,
    fields: &[FieldSpec],
    snap: &Snapshot,
    prefix: TextRange,
    nested_at: Option<usize>,
) -> Vec<Completion> {
    let present: Vec<String> = match nested_at {
        None => snap
            .parsed
            .frontmatter
            .as_ref()
            .map(|f| f.entries.iter().map(|e| e.key.clone()).collect())
            .unwrap_or_default(),
        Some(offset) => snap
            .parsed
            .frontmatter
            .as_ref()
            .and_then(|f| f.entries.iter().rfind(|e| e.key_range.start <= offset))
            .and_then(|e| match &e.value.kind {
                crate::syntax::ValueKind::Sequence(items) => items.iter().rfind(|i| i.range.start <= offset),
                _ => None,
            })
            .and_then(|item| item.as_mapping())
            .map(|m| m.iter().map(|e| e.key.clone()).collect())
            .unwrap_or_default(),
    };
    let current = prefix.slice(&snap.head);
    fields
        .iter()
        .filter(|f| f.complete != Some(false) && (!present.contains(&f.key) || f.key == current))
        .map(|f| Completion {
            label: f.key.clone(),
            kind: CompletionKind::Field,
            detail: Some(format!("{}{}", type_label(f), if f.required { " · required" } else { "" })),
            documentation: Some(crate::hover::field_markdown(spec, f)),
            insert_text: format!("{}: ", f.key),
            replace: prefix,
            deprecated: f.deprecated.is_some(),
        })
        .collect()
}

/// A short type label for details and hover.
pub(crate) fn type_label(f: &FieldSpec) -> &'static str {
    match f.ty {
        FieldType::String => "string",
        FieldType::Boolean => "boolean",
        FieldType::Integer => "integer",
        FieldType::Number => "number",
        FieldType::List => "list",
        FieldType::Map => "map",
        FieldType::StringOrList => "comma-separated string or list",
        FieldType::Any => "any",
    }
}

fn item(
    label: &str,
    kind: CompletionKind,
    detail: Option<String>,
    doc: Option<String>,
    replace: TextRange,
    deprecated: bool,
) -> Completion {
    Completion {
        label: label.to_string(),
        kind,
        detail,
        documentation: doc,
        insert_text: label.to_string(),
        replace,
        deprecated,
    }
}

/// Values a field accepts.
fn values(field: &FieldSpec, replace: TextRange) -> Vec<Completion> {
    let k = knowledge();
    let mut out: Vec<Completion> = field
        .values
        .iter()
        .map(|v| item(v, CompletionKind::Value, Some(format!("{} value", field.key)), None, replace, false))
        .collect();
    if field.ty == FieldType::Boolean {
        out.extend(
            ["true", "false"].map(|b| item(b, CompletionKind::Value, Some("boolean".into()), None, replace, false)),
        );
    }
    match field.check {
        Some(FieldCheck::ClaudeModel) => out.extend(k.models.claude_alias.iter().map(|a| {
            item(&a.name, CompletionKind::Model, Some("Claude model alias".into()), Some(a.doc.clone()), replace, false)
        })),
        Some(FieldCheck::CopilotModel) => out.extend(k.models.copilot.iter().map(|m| {
            let label = format!("{} ({})", m.name, m.vendor);
            item(&label, CompletionKind::Model, Some("Copilot model".into()), None, replace, false)
        })),
        Some(FieldCheck::ClaudeTools | FieldCheck::ClaudeAllowedTools) => {
            out.extend(k.claude_tools.tool.iter().map(|t| {
                item(
                    &t.name,
                    CompletionKind::Tool,
                    Some("Claude Code tool".into()),
                    Some(crate::hover::claude_tool_markdown(t)),
                    replace,
                    false,
                )
            }));
        }
        Some(FieldCheck::VscodeTools) => out.extend(k.vscode_tools.tool.iter().map(|t| {
            item(&t.name, CompletionKind::Tool, Some("VS Code tool".into()), Some(t.doc.clone()), replace, false)
        })),
        _ => {}
    }
    out
}
