//! Fixes that reach other files: a `.chatmode.md` moved to `.github/agents/<name>.agent.md`
//! (formats.md §2.6; VS Code 1.139.1 says "Chat modes have been renamed to agents"), and an
//! undefined MCP server defined in the workspace's `.mcp.json` (Claude Code) or
//! `.vscode/mcp.json` (VS Code), created when absent. Both are unsafe: a moved file breaks links
//! to its path, and the server definition is a skeleton to complete.

use std::path::{Path, PathBuf};

use super::doc::Doc;
use super::{Change, Fix, FixCtx, FixKind, Safety};
use crate::index::{file_stem, Span};
use crate::knowledge::Dialect;
use crate::text::DocText;
use crate::Diagnostic;

/// True when `path` exists for the edge (on disk, or created by an earlier fix in memory).
fn exists(cx: &FixCtx, path: &Path) -> bool {
    cx.ws.is_some_and(|ws| (ws.exists)(path)) || (cx.read)(path).is_some()
}

/// The `.github/agents` folder a chat mode moves to: under the `.github` folder it is in, else
/// under the workspace root holding it, else beside it.
fn agents_folder(path: &Path, cx: &FixCtx) -> Option<PathBuf> {
    if let Some(github) = path.ancestors().find(|a| a.file_name().is_some_and(|n| n == ".github")) {
        return Some(github.join("agents"));
    }
    let roots = cx.ws.map(|ws| ws.index.roots()).unwrap_or_default();
    let root = roots.into_iter().filter(|r| path.starts_with(r)).max_by_key(|r| r.components().count());
    match root {
        Some(r) => Some(r.join(".github").join("agents")),
        None => path.parent().map(Path::to_path_buf),
    }
}

/// `deprecated-field` on a `.chatmode.md`: create `<name>.agent.md` in `.github/agents/` with
/// the file's text and delete the chat mode.
pub(super) fn chatmode(doc: &Doc, d: &Diagnostic, cx: &FixCtx) -> Vec<Fix> {
    let Some(path) = doc.snap.path.as_deref() else { return Vec::new() };
    if !doc.det.chatmode || doc.entry_with_key(d.range).is_some() || !cx.file_ops {
        return Vec::new();
    }
    let Some(folder) = agents_folder(path, cx) else { return Vec::new() };
    let target = folder.join(format!("{}.agent.md", file_stem(path)));
    if exists(cx, &target) {
        return Vec::new();
    }
    let shown = target.strip_prefix(folder.parent().and_then(Path::parent).unwrap_or(Path::new(""))).unwrap_or(&target);
    let changes = vec![
        Change::CreateFile { path: target.clone(), text: doc.text.to_string() },
        Change::DeleteFile { path: path.to_path_buf() },
    ];
    let title = format!("Move to `{}`", shown.to_string_lossy().replace('\\', "/"));
    vec![Fix { kind: FixKind::Rewrite, changes, ..Fix::local(d.code, title, Safety::Unsafe, Vec::new()) }]
}

/// The MCP configuration a dialect's consumer reads (path under the root, section key), and
/// the skeleton of a server in it.
fn mcp_config(dialect: Dialect) -> Option<(&'static str, &'static str, &'static str)> {
    const SKELETON: &str = r#"{ "type": "stdio", "command": "TODO: the command that starts the server", "args": [] }"#;
    match dialect {
        Dialect::ClaudeAgent | Dialect::ClaudeCommand | Dialect::Skill => Some((".mcp.json", "mcpServers", SKELETON)),
        Dialect::CopilotAgent | Dialect::CopilotPrompt => Some((".vscode/mcp.json", "servers", SKELETON)),
        _ => None,
    }
}

/// `unknown-mcp-server`: add the server's skeleton to the workspace's MCP configuration.
pub(super) fn mcp_server(doc: &Doc, d: &Diagnostic, cx: &FixCtx) -> Vec<Fix> {
    let (Some(ws), Some(path)) = (cx.ws, doc.snap.path.as_deref()) else { return Vec::new() };
    let Some((rel, section, skeleton)) = mcp_config(doc.det.dialect) else { return Vec::new() };
    let name = doc.at(d.range);
    if name.is_empty() || name.contains(['/', '"', '\\']) {
        return Vec::new();
    }
    let roots = ws.index.roots();
    let Some(root) = roots.iter().filter(|r| path.starts_with(r)).max_by_key(|r| r.components().count()) else {
        return Vec::new();
    };
    let config = root.join(rel);
    let change = match (cx.read)(&config) {
        Some(text) => {
            let Some(edit) = super::json::add_member(&text, section, name, skeleton) else { return Vec::new() };
            let span = Span::new(&DocText::flat(text.as_str()), edit.range);
            Change::EditFile { path: config, edits: vec![(span, edit.new_text)] }
        }
        None if !exists(cx, &config) => {
            let text = super::json::add_member("{}", section, name, skeleton)
                .and_then(|e| super::apply_edits("{}", &[e]))
                .map(|t| format!("{t}\n"));
            let Some(text) = text else { return Vec::new() };
            Change::CreateFile { path: config, text }
        }
        None => return Vec::new(),
    };
    let title = format!("Define `{name}` in `{rel}`");
    vec![Fix { preferred: false, changes: vec![change], ..Fix::local(d.code, title, Safety::Unsafe, Vec::new()) }]
}
