//! Finding references: in frontmatter values (by dialect) and in bodies (the snapshot's
//! [`super::BodyScan`], formats.md §4.3).

use super::body_scan::ItemKind;
use super::span::Span;
use super::summary::{FileSummary, RefKind, Reference};
use crate::knowledge::tools::{classify_vscode_tool, is_mcp_tool, VsCodeToolVerdict};
use crate::knowledge::{knowledge, Dialect, ReferenceKind, ReferenceSpec};
use crate::syntax::{Parsed, Value, ValueKind};
use crate::text::{DocText, TextRange};
use crate::values::{inner_range, list_entries};
use crate::Snapshot;

/// The file references are read from: the frontmatter's text (`head`) and the whole text (for
/// positions).
#[derive(Clone, Copy)]
pub(super) struct Source<'a> {
    /// The top of the file, holding the whole frontmatter ([`Snapshot::head`]).
    pub text: &'a str,
    /// The whole document.
    pub doc: &'a DocText,
}

fn push(out: &mut Vec<Reference>, kind: RefKind, target: &str, range: TextRange, src: Source) {
    if !target.is_empty() {
        let verbatim = range.slice(src.text) == target;
        out.push(Reference { kind, target: target.into(), span: Span::new(src.doc, range), verbatim });
    }
}

/// References written in the frontmatter, at the keys the dialect's `[[reference]]` data
/// names.
pub(super) fn frontmatter_refs(parsed: &Parsed, dialect: Dialect, src: Source, out: &mut FileSummary) {
    let Some(fm) = &parsed.frontmatter else { return };
    let spec = knowledge().dialect(dialect);
    for e in &fm.entries {
        if let Some(r) = spec.references.iter().find(|r| r.key == e.key) {
            entry_refs(r, &e.value, src, out);
        }
    }
}

/// The references one reference-bearing key makes.
fn entry_refs(spec: &ReferenceSpec, value: &Value, src: Source, out: &mut FileSummary) {
    let text = src.text;
    let refs = &mut out.references;
    let scalar = |v: &Value| v.as_str().map(|s| (s.trim().to_string(), inner_range(v, text)));
    match spec.kind {
        ReferenceKind::HandoffAgent => {
            let ValueKind::Sequence(items) = &value.kind else { return };
            let named = items.iter().flat_map(|i| i.as_mapping().unwrap_or_default());
            for (t, r) in named.filter(|p| spec.item_keys.contains(&p.key)).filter_map(|p| scalar(&p.value)) {
                push(refs, RefKind::HandoffAgent, &t, r, src);
            }
        }
        ReferenceKind::AgentsItem | ReferenceKind::SkillsItem => {
            let kind = RefKind::of(spec.kind).expect("a definition reference");
            for (t, r) in list_entries(value, text).into_iter().filter(|(t, _)| t != "*") {
                push(refs, kind, &t, r, src);
            }
        }
        ReferenceKind::PromptAgent | ReferenceKind::SkillAgent | ReferenceKind::OpencodeAgent => {
            if let Some((t, r)) = scalar(value) {
                push(refs, RefKind::of(spec.kind).expect("a definition reference"), &t, r, src);
            }
        }
        ReferenceKind::ClaudeTools => {
            for (t, r) in list_entries(value, text) {
                claude_tool_refs(&t, r, src, refs);
            }
        }
        ReferenceKind::VscodeTools => {
            for (t, r) in list_entries(value, text) {
                if let Some((server, _)) = t.split_once('/') {
                    if matches!(classify_vscode_tool(&t), VsCodeToolVerdict::External) && !server.contains('.') {
                        push(refs, RefKind::McpServer, server, sub_range(src, r, &t, 0, server.len()), src);
                    }
                }
            }
        }
        ReferenceKind::ClaudeMcpServers => {
            for item in crate::values::items(value) {
                match &item.kind {
                    ValueKind::Scalar(s) => push(refs, RefKind::McpServer, s.text.trim(), inner_range(item, text), src),
                    ValueKind::Mapping(m) => out.mcp_servers.extend(m.iter().map(|p| p.key.clone())),
                    _ => {}
                }
            }
        }
        ReferenceKind::InlineMcpServers => {
            out.mcp_servers.extend(value.as_mapping().unwrap_or_default().iter().map(|p| p.key.clone()));
        }
    }
}

/// The range of `entry[from..from + len]` when `range` holds `entry` verbatim; else the whole
/// `range` (an escaped or folded scalar: offsets inside the decoded text do not map to the
/// source).
fn sub_range(src: Source, range: TextRange, entry: &str, from: usize, len: usize) -> TextRange {
    if range.slice(src.text) == entry {
        TextRange::new(range.start + from, range.start + from + len)
    } else {
        range
    }
}

/// `Agent(a, b)` / `Task(a)` → agent references; `mcp__srv__x` → server reference.
fn claude_tool_refs(entry: &str, range: TextRange, src: Source, refs: &mut Vec<Reference>) {
    if let Some(rest) = entry.strip_prefix("mcp__") {
        if is_mcp_tool(entry) && rest != "*" {
            let server = rest.split("__").next().unwrap_or(rest);
            push(refs, RefKind::McpServer, server, sub_range(src, range, entry, 5, server.len()), src);
        }
        return;
    }
    let (Some(open), Some(close)) = (entry.find('('), entry.rfind(')')) else { return };
    let name = entry[..open].trim();
    if name != "Agent" && name != "Task" {
        return;
    }
    let inner = &entry[open + 1..close];
    let mut offset = open + 1;
    for piece in inner.split(',') {
        let lead = piece.len() - piece.trim_start().len();
        let t = piece.trim();
        push(refs, RefKind::AgentTool, t, sub_range(src, range, entry, offset + lead, t.len()), src);
        offset += piece.len() + 1;
    }
}

/// References in the body (and, for mentions and prose, in the frontmatter's description too),
/// from the snapshot's line scan.
pub(super) fn body_refs(snap: &Snapshot, dialect: Dialect, refs: &mut Vec<Reference>) {
    let prose = matches!(
        dialect,
        Dialect::ClaudeAgent | Dialect::ClaudeCommand | Dialect::Skill | Dialect::ClaudeRule | Dialect::CopilotAgent
    );
    for item in snap.scan.references(snap.body_start(), prose) {
        let ItemKind::Ref(kind) = item.kind else { continue };
        refs.push(Reference { kind, target: item.target.clone(), span: item.span, verbatim: true });
    }
}
