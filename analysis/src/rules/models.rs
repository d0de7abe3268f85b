//! `model` rules: Claude Code (formats.md §1.1.7, §8.17), Copilot (§2.11, §8.16), `OpenCode`
//! (§3.1.1).

use super::tools::suggesting;
use super::Ctx;
use crate::knowledge::models::{
    classify_claude_model, classify_copilot_model, ClaudeModelVerdict, CopilotModelVerdict,
};
use crate::syntax::{Value, ValueKind};
use crate::values::{inner_range, items};
use crate::{Diagnostic, Severity};

pub(super) fn claude(ctx: &Ctx, value: &Value, out: &mut Vec<Diagnostic>) {
    let Some(m) = value.as_str() else { return };
    if ctx.declared(|e| &e.models, m.trim()) {
        return;
    }
    let range = inner_range(value, ctx.text);
    let consumer = &ctx.spec.consumer;
    let d = match classify_claude_model(m) {
        ClaudeModelVerdict::Alias(_) | ClaudeModelVerdict::FullId => return,
        ClaudeModelVerdict::SessionAlias(_) => Diagnostic::new(
            "unknown-model",
            range,
            format!("`{m}` switches models only in the main session: a subagent always runs Sonnet with it (Claude Code 2.1.328) — write `sonnet`, or `opus` for planning work"),
        )
        .with_severity(Severity::Information),
        ClaudeModelVerdict::CopilotName { alias } => {
            let hint = alias.as_ref().map(|a| format!(" such as `{a}`")).unwrap_or_default();
            suggesting(Diagnostic::new("unknown-model", range, format!("`{m}` is a Copilot model name; {consumer} expects an alias{hint} or a model id")), alias)
        }
        ClaudeModelVerdict::Unknown { suggestion } => {
            let hint = suggestion.as_ref().map(|s| format!(" (did you mean `{s}`?)")).unwrap_or_default();
            suggesting(Diagnostic::new("unknown-model", range, format!("unknown model `{m}`{hint}; {consumer} sends it to the API as written, where it fails unless your provider knows it")), suggestion)
        }
    };
    out.push(d);
}

pub(super) fn copilot(ctx: &Ctx, value: &Value, out: &mut Vec<Diagnostic>) {
    if let ValueKind::Sequence(list) = &value.kind {
        if list.is_empty() {
            out.push(Diagnostic::new("empty-value", value.range, "The 'model' array must not be empty."));
            return;
        }
    }
    for item in items(value) {
        let Some(m) = item.as_str() else {
            out.push(Diagnostic::new(
                "bad-type",
                item.range,
                "The 'model' attribute must be a string or an array of strings.",
            ));
            continue;
        };
        if ctx.declared(|e| &e.models, m.trim()) {
            continue;
        }
        let range = inner_range(item, ctx.text);
        match classify_copilot_model(m) {
            CopilotModelVerdict::Known(_) | CopilotModelVerdict::OtherVendor => {}
            CopilotModelVerdict::ClaudeStyle { suggestion } => {
                let hint = suggestion.as_ref().map(|s| format!(" such as `{s}`")).unwrap_or_default();
                out.push(suggesting(
                    Diagnostic::new(
                        "unknown-model",
                        range,
                        format!(
                            "Unknown model `{m}`: Copilot expects a display name{hint}, not a Claude Code alias or id"
                        ),
                    ),
                    suggestion,
                ));
            }
            CopilotModelVerdict::Unknown { suggestion } => {
                let hint = suggestion.as_ref().map(|s| format!(" (did you mean `{s}`?)")).unwrap_or_default();
                let d = Diagnostic::new("unknown-model", item.range, format!("Unknown model `{m}`{hint}"));
                out.push(suggesting(d, suggestion));
            }
        }
    }
}

pub(super) fn opencode(ctx: &Ctx, value: &Value, out: &mut Vec<Diagnostic>) {
    let Some(m) = value.as_str() else { return };
    if ctx.declared(|e| &e.models, m.trim()) {
        return;
    }
    let ok = m.split_once('/').is_some_and(|(p, id)| !p.is_empty() && !id.is_empty());
    if !ok {
        out.push(Diagnostic::new(
            "unknown-model",
            inner_range(value, ctx.text),
            format!("`{m}` is not a `provider/model-id` (e.g. `anthropic/claude-sonnet-4-20250514`)"),
        ));
    }
}
