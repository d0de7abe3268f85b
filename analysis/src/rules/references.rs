//! Cross-file rules: references that resolve to nothing, duplicates, self-handoffs, skills that
//! cannot be preloaded, broken links, absolute paths outside the workspace, undefined MCP
//! servers (formats.md §1.1.9, §2.2, §4.2, §4.3, §8.12–§8.13).

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use crate::config::Config;
use crate::fix::FixHint;
use crate::index::resolve::{available, resolve, Resolution};
use crate::index::{display_path, links};
use crate::index::{normalize, target_name, FileSummary, RefKind, Reference};
use crate::knowledge::{knowledge, Dialect};
use crate::text::suggest::{close_matches, closest, ranked};
use crate::{Diagnostic, Related, Severity, Snapshot, WorkspaceCtx};

/// Verdicts already reached in one run, by reference kind and target: a long body names the
/// same few agents and files again and again, and each is resolved (or looked up on disk) once.
#[derive(Default)]
struct Memo {
    links: HashMap<(RefKind, Arc<str>), links::LinkTarget>,
    definitions: HashMap<(RefKind, Arc<str>), Resolution>,
    /// MCP servers already looked at.
    servers: std::collections::HashSet<Arc<str>>,
}

pub(crate) fn check(snap: &Snapshot, ws: &WorkspaceCtx) -> Vec<Diagnostic> {
    let Some(summary) = snap.summary() else { return Vec::new() };
    let mut out = Vec::new();
    let roots = ws.index.roots();
    let mut memo = Memo::default();
    for r in &summary.references {
        let range = r.span.range;
        match r.kind {
            RefKind::Link | RefKind::FileRef => {
                let target = memo
                    .links
                    .entry((r.kind, r.target.clone()))
                    .or_insert_with(|| links::resolve(&summary.path, &roots, r, ws.exists));
                if let links::LinkTarget::Missing(missing) = target {
                    let shown = display_path(missing, &roots);
                    out.push(Diagnostic::new(
                        "broken-link",
                        range,
                        format!("File `{}` not found at `{shown}`", r.target),
                    ));
                }
            }
            RefKind::AbsolutePath => {
                if !roots.iter().any(|root| Path::new(&*r.target).starts_with(root)) {
                    out.push(Diagnostic::new(
                        "path-outside-workspace",
                        range,
                        format!(
                            "`{}` is an absolute path outside the workspace; it will not exist on other machines",
                            r.target
                        ),
                    ));
                }
            }
            RefKind::McpServer => {
                // One finding per server and file: a file that names one undefined server in
                // twenty tools has one problem, not twenty.
                if memo.servers.insert(r.target.clone()) {
                    mcp_server(&summary, &snap.config, r, ws, &mut out);
                }
            }
            _ => {
                let resolution =
                    memo.definitions.entry((r.kind, r.target.clone())).or_insert_with(|| resolve(ws.index, r));
                if !snap.config.knows(summary.detected.dialect, |e| &e.agents, target_name(&r.target)) {
                    definition_ref(&summary, r, resolution, ws, &mut out);
                }
            }
        }
    }
    duplicates(&summary, ws, &mut out);
    out
}

/// `unknown-mcp-server` when no configuration (workspace `.mcp.json` / `.vscode/mcp.json`, the
/// agent's own servers, VS Code's built-in `github` server) defines the server `r` names.
fn mcp_server(summary: &FileSummary, config: &Config, r: &Reference, ws: &WorkspaceCtx, out: &mut Vec<Diagnostic>) {
    let builtin = summary.detected.dialect == Dialect::CopilotAgent
        && knowledge().builtin_agents.copilot_mcp.iter().any(|s| **s == *r.target);
    let declared = config.knows(summary.detected.dialect, |e| &e.mcp_servers, &r.target);
    if builtin
        || declared
        || summary.mcp_servers.iter().any(|s| **s == *r.target)
        || ws.index.mcp_server_configured(&r.target)
    {
        return;
    }
    let names = ws.index.mcp_servers();
    let suggestion = closest(&r.target, names.iter().map(String::as_str));
    let d = Diagnostic::new(
        "unknown-mcp-server",
        r.span.range,
        format!(
            "MCP server `{}` is not defined in `.mcp.json`, `.vscode/mcp.json` or this agent's own MCP servers{}",
            r.target,
            suggestion.as_ref().map(|c| format!(" (did you mean `{c}`?)")).unwrap_or_default()
        ),
    );
    out.push(match suggestion {
        Some(c) if r.verbatim => d.with_fix(FixHint::Suggest { candidates: vec![c] }),
        _ => d,
    });
}

fn definition_ref(
    summary: &FileSummary,
    r: &Reference,
    resolution: &Resolution,
    ws: &WorkspaceCtx,
    out: &mut Vec<Diagnostic>,
) {
    match resolution {
        Resolution::Builtin => {}
        Resolution::Found(defs) => {
            if r.kind == RefKind::HandoffAgent && defs.iter().any(|d| d.path == summary.path) {
                // VS Code 1.139.1 accepts it (a "continue" button): only a hint.
                out.push(
                    Diagnostic::new(
                        "self-handoff",
                        r.span.range,
                        format!(
                            "handoff to `{}` hands off to this agent itself (fine for a \"continue\" button)",
                            r.target
                        ),
                    )
                    .with_severity(Severity::Hint),
                );
            }
            if r.kind == RefKind::SkillsItem
                && defs.iter().any(|d| d.definition.as_ref().is_some_and(|x| x.model_invocation_disabled))
            {
                out.push(Diagnostic::new(
                    "skill-not-preloadable",
                    r.span.range,
                    format!("skill `{}` sets `disable-model-invocation: true`, so it cannot be preloaded", r.target),
                ));
            }
        }
        Resolution::Missing => {
            let (code, what) =
                if r.kind == RefKind::SkillsItem { ("unknown-skill", "skill") } else { ("unknown-agent-ref", "agent") };
            // Prose and mentions are hints: name the gap without ranking every definition.
            let available = if matches!(r.kind, RefKind::NaturalLanguage | RefKind::Mention) {
                format!("no {what} by that name in the workspace")
            } else {
                let names: Vec<String> = available(ws.index, r.kind).into_iter().map(|(n, _)| n).collect();
                let listed = closest_first(&r.target, &names);
                if listed.is_empty() {
                    format!("no {what}s are defined in the workspace")
                } else {
                    format!("available {what}s: {listed}")
                }
            };
            let mut d = Diagnostic::new(code, r.span.range, format!("Unknown {what} `{}`; {available}", r.target));
            if r.verbatim && r.kind != RefKind::NaturalLanguage {
                let names: Vec<String> =
                    crate::index::resolve::available(ws.index, r.kind).into_iter().map(|(n, _)| n).collect();
                let candidates: Vec<String> = close_matches(&r.target, names.iter().map(String::as_str), 3)
                    .into_iter()
                    .map(String::from)
                    .collect();
                if !candidates.is_empty() {
                    d = d.with_fix(FixHint::Suggest { candidates });
                }
            }
            d.severity = match r.kind {
                RefKind::NaturalLanguage => Severity::Hint,
                RefKind::Mention => Severity::Information,
                _ => Severity::Warning,
            };
            out.push(d);
        }
    }
}

/// Up to eight names, the closest to `target` first.
fn closest_first(target: &str, names: &[String]) -> String {
    let shown: Vec<String> =
        ranked(target, names.iter().map(String::as_str)).iter().take(8).map(|n| format!("`{n}`")).collect();
    let more = names.len().saturating_sub(8);
    let mut s = shown.join(", ");
    if more > 0 {
        s.push_str(&format!(" and {more} more"));
    }
    s
}

/// The folder that scopes an identity: the plugin, or the path up to the tool's dot-folder.
fn scope(summary: &FileSummary) -> String {
    if let Some(p) = &summary.detected.plugin {
        return format!("plugin:{p}");
    }
    let mut prefix = PathBuf::new();
    let mut scope = String::new();
    for c in summary.path.components() {
        prefix.push(c);
        let name = c.as_os_str().to_string_lossy();
        if matches!(name.as_ref(), ".claude" | ".github" | ".opencode" | ".gemini" | ".cursor" | ".copilot") {
            scope = prefix.to_string_lossy().into_owned();
        }
    }
    scope
}

fn duplicates(summary: &FileSummary, ws: &WorkspaceCtx, out: &mut Vec<Diagnostic>) {
    let Some(def) = &summary.definition else { return };
    let my_scope = scope(summary);
    let insensitive = summary.detected.dialect == Dialect::ClaudeAgent;
    let others: Vec<_> = ws
        .index
        .defining(&def.identity)
        .into_iter()
        .filter(|o| o.path != summary.path && o.detected.dialect == summary.detected.dialect && scope(o) == my_scope)
        .filter(|o| {
            o.definition.as_ref().is_some_and(|d| {
                if insensitive {
                    normalize(&d.identity) == normalize(&def.identity)
                } else {
                    d.identity == def.identity
                }
            })
        })
        .collect();
    if others.is_empty() {
        return;
    }
    let range = def.name_span.map_or(crate::text::TextRange::empty(0), |s| s.range);
    let mut d = Diagnostic::new(
        "duplicate-agent-name",
        range,
        format!(
            "`{}` is also defined in {}; only one of them loads",
            def.identity,
            others.iter().map(|o| format!("`{}`", o.path.display())).collect::<Vec<_>>().join(", ")
        ),
    );
    for o in others {
        let span = o.definition.as_ref().and_then(|x| x.name_span).unwrap_or_default();
        d.related.push(Related {
            path: o.path.clone(),
            span,
            message: format!("`{}` is also defined here", def.identity),
        });
    }
    out.push(d);
}
