//! `permission-bypass`: a project subagent that sets `permissionMode: bypassPermissions`
//! (formats.md §1.1.3). Claude Code 2.1.328 then allows every tool call of the subagent without a
//! prompt (`bypassPermissions` → "allow" in its permission flow), unless the session already
//! runs in a more permissive mode. Plugin agents are left out: Claude Code ignores their
//! `permissionMode` (`ignored-field` says so).
//!
//! `dontAsk` is not reported: the same binary maps it to "deny" — a call that would prompt is
//! refused, not allowed — and ranks it with `default` (`{plan:0, default:1, dontAsk:1,
//! acceptEdits:2, auto:3, bypassPermissions:4}`).

use super::Ctx;
use crate::syntax::Frontmatter;
use crate::values::inner_range;
use crate::Diagnostic;

/// `permissionMode` values that approve every tool call.
const BYPASS: &[&str] = &["bypassPermissions"];

pub(super) fn check(ctx: &Ctx, fm: &Frontmatter, out: &mut Vec<Diagnostic>) {
    if ctx.det.plugin.is_some() || ctx.spec.field("permissionMode").is_none() {
        return;
    }
    let Some(entry) = fm.get("permissionMode") else { return };
    let Some(mode) = entry.value.as_str().map(str::trim).filter(|m| BYPASS.contains(m)) else { return };
    out.push(Diagnostic::new(
        "permission-bypass",
        inner_range(&entry.value, ctx.text),
        format!(
            "`{mode}`: {} runs every tool call of this agent without asking — shell commands, file edits, web requests — so nobody sees what a prompt injection makes it do; keep the default mode and allow the commands it needs (`tools: Bash(npm test:*)`, permission rules in `.claude/settings.json`)",
            ctx.spec.consumer
        ),
    ));
}
