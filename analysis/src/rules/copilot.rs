//! VS Code / GitHub Copilot custom agents beyond the field table: the inline MCP servers the
//! Copilot CLI validates, the attributes the GitHub cloud agent ignores under
//! `target: github-copilot`, and instruction files in a folder where nothing reads them.

use super::Ctx;
use crate::knowledge::Dialect;
use crate::syntax::Frontmatter;
use crate::{Diagnostic, Severity};

/// Keys the GitHub cloud agent reads (VS Code 1.139.1: "Attribute 'X' is not supported in
/// custom GitHub Copilot agent files. Supported: …").
const CLOUD_KEYS: &[&str] =
    &["description", "github", "infer", "mcp-servers", "model", "name", "reasoning-effort", "target", "tools"];

pub(super) fn check(ctx: &Ctx, fm: &Frontmatter, out: &mut Vec<Diagnostic>) {
    if ctx.det.dialect == Dialect::CopilotAgent {
        mcp_servers(fm, out);
        cloud_target(fm, out);
    }
}

/// Copilot CLI 1.0.102 (oracle): every `mcp-servers` entry needs `tools`, and a server started
/// by a command needs `args`; otherwise the CLI drops the agent ("frontmatter is malformed").
fn mcp_servers(fm: &Frontmatter, out: &mut Vec<Diagnostic>) {
    let Some(servers) = fm.get("mcp-servers") else { return };
    for server in servers.value.as_mapping().unwrap_or_default() {
        let Some(props) = server.value.as_mapping() else { continue };
        let has = |k: &str| props.iter().any(|p| p.key == k);
        let mut missing = Vec::new();
        if !has("tools") {
            missing.push("tools");
        }
        if has("command") && !has("args") {
            missing.push("args");
        }
        if !missing.is_empty() {
            out.push(Diagnostic::new(
                "missing-required",
                server.key_range,
                format!(
                    "MCP server `{}` needs {}: the Copilot CLI drops the agent (`mcp-servers.{}.{}: Required`)",
                    server.key,
                    missing.iter().map(|k| format!("`{k}`")).collect::<Vec<_>>().join(" and "),
                    server.key,
                    missing[0]
                ),
            ));
        }
    }
}

/// `target: github-copilot`: the attributes only VS Code reads have no effect (VS Code 1.139.1
/// hints them "not supported in custom GitHub Copilot agent files").
fn cloud_target(fm: &Frontmatter, out: &mut Vec<Diagnostic>) {
    let cloud = fm.get("target").and_then(|t| t.value.as_str()).is_some_and(|t| t.trim() == "github-copilot");
    if !cloud {
        return;
    }
    for e in fm.entries.iter().filter(|e| !CLOUD_KEYS.contains(&e.key.as_str())) {
        out.push(
            Diagnostic::new(
                "ignored-field",
                e.key_range,
                format!(
                    "`{}` is ignored with `target: github-copilot`: the GitHub cloud agent reads only {}",
                    e.key,
                    CLOUD_KEYS.join(", ")
                ),
            )
            .with_severity(Severity::Warning),
        );
    }
}

/// `copilot-instructions.md` anywhere but `.github/`: nothing reads it there (VS Code 1.139.1
/// validates one in `.github/agents/` as an agent file but does not discover it).
pub(super) fn location(ctx: &Ctx, out: &mut Vec<Diagnostic>) {
    let Some(path) = ctx.snap.path.as_deref() else { return };
    let named = path.file_name().is_some_and(|f| f == "copilot-instructions.md");
    let in_github = path.parent().and_then(|p| p.file_name()).is_some_and(|f| f == ".github");
    if named && !in_github {
        let first = ctx.snap.text.line_content_at(0);
        out.push(Diagnostic::new(
            "wrong-location",
            first,
            "`copilot-instructions.md` only has an effect at `.github/copilot-instructions.md`; here no consumer reads it",
        ));
    }
}
