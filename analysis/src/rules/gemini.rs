//! Gemini CLI subagents (Gemini CLI 0.61.0, oracle tier): tool names outside its built-in list
//! and a `kind: remote` agent without `agent_card_url` drop the agent; so does a byte order mark
//! before the frontmatter (reported by the layout rule).

use super::Ctx;
use crate::knowledge::knowledge;
use crate::syntax::Frontmatter;
use crate::text::suggest::closest;
use crate::values::list_entries;
use crate::Diagnostic;

pub(super) fn check(ctx: &Ctx, fm: &Frontmatter, out: &mut Vec<Diagnostic>) {
    let known = &knowledge().gemini_tools.tool;
    if let (Some(tools), false) = (fm.get("tools"), known.is_empty()) {
        for (name, range) in list_entries(&tools.value, ctx.text) {
            if known.iter().any(|t| t.name == name) || ctx.declared(|e| &e.tools, &name) {
                continue;
            }
            let hint = closest(&name, known.iter().map(|t| t.name.as_str()))
                .map(|s| format!(" (did you mean `{s}`?)"))
                .unwrap_or_default();
            out.push(Diagnostic::new(
                "unknown-tool",
                range,
                format!("unknown Gemini CLI tool `{name}`{hint}: Gemini CLI drops the agent (`Invalid tool name`)"),
            ));
        }
    }
    let remote = fm.get("kind").and_then(|k| k.value.as_str()).is_some_and(|k| k.trim() == "remote");
    if remote && fm.get("agent_card_url").is_none() {
        let kind = fm.get("kind").expect("checked");
        out.push(Diagnostic::new(
            "missing-required",
            kind.range(),
            "a `kind: remote` agent needs `agent_card_url`: Gemini CLI drops the agent without it",
        ));
    }
}
