//! OpenCode values its configuration schema checks (OpenCode 1.18.33, oracle tier): a
//! `permission` action other than `allow`, `ask` or `deny`, and a `tools` value that is not a
//! boolean, make OpenCode reject the whole configuration — no agent or command of the project
//! loads.

use super::Ctx;
use crate::syntax::{Frontmatter, Value, ValueKind};
use crate::{Diagnostic, Severity};

const ACTIONS: &[&str] = &["allow", "ask", "deny"];
const FAILS: &str = "OpenCode rejects the whole configuration: no agent or command of the project loads";

pub(super) fn check(ctx: &Ctx, fm: &Frontmatter, out: &mut Vec<Diagnostic>) {
    if let Some(p) = fm.get("permission") {
        permission(&p.value, "permission", out);
    }
    if let Some(t) = fm.get("tools") {
        for e in t.value.as_mapping().unwrap_or_default() {
            let boolean = e.value.as_scalar().is_some_and(|s| s.as_core_bool().is_some());
            if !boolean && !matches!(e.value.kind, ValueKind::Invalid | ValueKind::Other) {
                let shown = e.value.range.slice(ctx.text);
                out.push(Diagnostic::new(
                    "bad-type",
                    e.value.range,
                    format!("`tools.{}` must be `true` or `false`, not `{shown}`: {FAILS}", e.key),
                ));
            }
        }
    }
}

/// A permission value: an action, a map of keys to actions, or of patterns to actions.
fn permission(v: &Value, path: &str, out: &mut Vec<Diagnostic>) {
    match &v.kind {
        ValueKind::Scalar(s) if !ACTIONS.contains(&s.text.trim()) => out.push(
            Diagnostic::new(
                "bad-enum",
                v.range,
                format!(
                    "`{}` is not a permission action for `{path}` (`allow`, `ask` or `deny`): {FAILS}",
                    s.text.trim()
                ),
            )
            .with_severity(Severity::Error),
        ),
        ValueKind::Mapping(entries) if path.matches('.').count() < 2 => {
            for e in entries {
                permission(&e.value, &format!("{path}.{}", e.key), out);
            }
        }
        _ => {}
    }
}
