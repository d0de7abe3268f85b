//! VS Code `handoffs` (formats.md §2.3, §8.13–§8.14): list of maps with `label`, `agent`,
//! `prompt`, optional `send`, `showContinueOn`, `model`; `target:` is the classic mistake.

use super::fields::{check_entry, missing};
use super::Ctx;
use crate::syntax::{Entry, ValueKind};
use crate::Diagnostic;

pub(super) fn check(ctx: &Ctx, entry: &Entry, out: &mut Vec<Diagnostic>) {
    let Some(field) = ctx.spec.field(&entry.key) else {
        return;
    };
    let ValueKind::Sequence(items) = &entry.value.kind else {
        return;
    };
    let Some(fm) = &ctx.snap.parsed.frontmatter else {
        return;
    };
    let keys: Vec<&str> = field.item_field.iter().map(|f| f.key.as_str()).collect();
    for item in items {
        let Some(props) = item.as_mapping() else {
            out.push(Diagnostic::new(
                "bad-type",
                item.range,
                "Each handoff in the 'handoffs' attribute must be an object with 'label', 'agent', 'prompt' and optional 'send'",
            ));
            continue;
        };
        let at = props.first().map_or(item.range, Entry::range);
        missing(ctx, &field.item_field, props, at, "handoff", out);
        for p in props {
            match field.item_field.iter().find(|f| f.key == p.key) {
                Some(f) => check_entry(ctx, fm, f, p, out),
                None if p.key == "target" => out.push(Diagnostic::new(
                    "handoff-target-key",
                    p.key_range,
                    "`target` is not a handoff property: VS Code expects `agent:` here (`target` is a top-level field, `vscode` or `github-copilot`)",
                )),
                None => out.push(Diagnostic::new(
                    "unknown-field",
                    p.key_range,
                    format!("Unknown property `{}` in handoff object. Supported properties are {}", p.key, crate::values::quoted_list(&keys)),
                )),
            }
        }
    }
}
