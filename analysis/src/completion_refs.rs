//! Completion of reference positions from the workspace index: handoff `agent:`, `agents:`
//! items, prompt / skill / command `agent:`, `skills:` items, `Agent(…)` in Claude tools,
//! `@agent-` in bodies, and MCP server prefixes.

use super::completion::{Completion, CompletionKind};
use super::cursor::CursorContext;
use super::index::resolve::available;
use super::index::{FileSummary, RefKind};
use super::{Snapshot, WorkspaceCtx};
use crate::knowledge::{knowledge, Dialect, ReferenceKind};
use crate::text::TextRange;

/// The data kind of the reference-bearing key at a value position (`key`, inside an item of
/// `parent` when nested), from the dialect's `[[reference]]` table.
fn reference_at(dialect: Dialect, key: &str, parent: Option<&str>) -> Option<ReferenceKind> {
    knowledge().dialect(dialect).references.iter().find_map(|r| {
        let here = match parent {
            Some(p) => r.key == p && r.item_keys.iter().any(|k| k == key),
            None => r.key == key && r.item_keys.is_empty(),
        };
        here.then_some(r.kind)
    })
}

fn documentation(def: Option<&FileSummary>, ws: &WorkspaceCtx) -> (Option<String>, Option<String>) {
    match def {
        None => (Some("built-in".into()), None),
        Some(f) => {
            let spec = knowledge().dialect(f.detected.dialect);
            let path = crate::index::display_path(&f.path, &ws.index.roots());
            let desc = f.definition.as_ref().and_then(|d| d.description.clone()).unwrap_or_default();
            (Some(spec.name.clone()), Some(format!("{desc}\n\n`{path}`").trim().to_string()))
        }
    }
}

fn items(ws: &WorkspaceCtx, kind: RefKind, replace: TextRange, wrap: &dyn Fn(&str) -> String) -> Vec<Completion> {
    available(ws.index, kind)
        .into_iter()
        .map(|(name, def)| {
            let (detail, documentation) = documentation(def.as_deref(), ws);
            Completion {
                insert_text: wrap(&name),
                label: name,
                kind: CompletionKind::Reference,
                detail,
                documentation,
                replace,
                deprecated: false,
            }
        })
        .collect()
}

/// Reference completions for a value position (`context` from the cursor), or `None` when the
/// position is not a reference.
pub(crate) fn for_value(
    snap: &Snapshot,
    context: &CursorContext,
    ws: &WorkspaceCtx,
    wrap: &dyn Fn(&str) -> String,
) -> Option<Vec<Completion>> {
    let CursorContext::Value { key, parent, prefix, .. } = context else { return None };
    let dialect = snap.detected.as_ref()?.dialect;
    let reference = reference_at(dialect, key, parent.as_deref())?;
    if let Some(kind) = RefKind::of(reference) {
        return Some(items(ws, kind, *prefix, wrap));
    }
    let typed = prefix.slice(&snap.head);
    if reference == ReferenceKind::ClaudeTools {
        // `Agent(wor|` or `Agent(a, wor|`: agent names after the last `(` or `,`.
        if let Some(open) = typed.rfind('(').filter(|_| typed.starts_with("Agent(") || typed.starts_with("Task(")) {
            let after = typed[open + 1..].rfind(',').map_or(open + 1, |c| open + 1 + c + 1);
            let lead = typed[after..].len() - typed[after..].trim_start().len();
            let r = TextRange::new(prefix.start + after + lead, prefix.end);
            return Some(items(ws, RefKind::AgentTool, r, &|s| s.to_string()));
        }
        if typed.starts_with("mcp__") {
            let servers = ws
                .index
                .mcp_servers()
                .into_iter()
                .chain(snap.summary().map(|s| s.mcp_servers.clone()).unwrap_or_default());
            return Some(servers.map(|s| server_item(format!("mcp__{s}__"), *prefix, wrap)).collect());
        }
    }
    if reference == ReferenceKind::VscodeTools && !typed.is_empty() {
        let inline = snap.summary().map(|s| s.mcp_servers.clone()).unwrap_or_default();
        let servers: Vec<String> = ws.index.mcp_servers().into_iter().chain(inline).collect();
        if servers.iter().any(|s| s.starts_with(typed) || typed.starts_with(s.as_str())) {
            return Some(servers.into_iter().map(|s| server_item(format!("{s}/*"), *prefix, wrap)).collect());
        }
    }
    None
}

fn server_item(label: String, replace: TextRange, wrap: &dyn Fn(&str) -> String) -> Completion {
    Completion {
        insert_text: wrap(&label),
        label,
        kind: CompletionKind::Reference,
        detail: Some("MCP server".into()),
        documentation: None,
        replace,
        deprecated: false,
    }
}

/// `@agent-` in a body (or anywhere outside the frontmatter): Claude agents by name.
pub(crate) fn for_mention(snap: &Snapshot, offset: usize, ws: &WorkspaceCtx) -> Vec<Completion> {
    let line_start = snap.text.line_content_at(offset).start;
    let before = snap.text.slice(TextRange::new(line_start, offset));
    let Some(at) = before.rfind("@agent-") else { return Vec::new() };
    let typed = &before[at + 7..];
    if !typed.chars().all(|c| c.is_alphanumeric() || "-_.:".contains(c)) {
        return Vec::new();
    }
    let replace = TextRange::new(line_start + at + 7, offset);
    let mut out = items(ws, RefKind::Mention, replace, &|s| s.to_string());
    // Plugin agents are mentioned with their plugin: `@agent-plugin:name`.
    for c in &mut out {
        if let Some(def) = ws.index.defining(&c.label).into_iter().find(|d| d.detected.plugin.is_some()) {
            if let Some(q) = def.qualified_identity() {
                c.insert_text.clone_from(&q);
                c.label = q;
            }
        }
    }
    out
}
