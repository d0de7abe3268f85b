//! YAML rules: strict failures, the lenient fallback's three cases, non-mapping roots and
//! duplicate keys (formats.md §0.2, §8.6, §8.7).

use std::collections::HashMap;

use super::Ctx;
use crate::knowledge::{Effect, Reading};
use crate::syntax::{Frontmatter, RecoveryKind};
use crate::text::{ColumnUnit, TextRange};
use crate::Diagnostic;

/// How the dialect's consumers read what only a lenient reader accepts (the dialect's
/// `[reading]`, the plugin overrides for plugin files); `None`: they cannot read it.
pub(super) fn reading<'a>(ctx: &'a Ctx, pick: fn(&'a Reading) -> Option<&'a Effect>) -> Option<&'a Effect> {
    let reading = &ctx.spec.reading;
    let plugin = ctx.det.plugin.as_ref().and(reading.plugin.as_deref()).and_then(pick);
    plugin.or_else(|| pick(reading))
}

/// The code, the dialect's reading, and the advice for one recovery.
fn recovery_rule<'a>(
    ctx: &'a Ctx,
    kind: &RecoveryKind,
    crlf: bool,
) -> (&'static str, Option<&'a Effect>, &'static str) {
    match kind {
        RecoveryKind::LenientScalar { unindented: Some(_) } => (
            "yaml-continuation",
            reading(ctx, |r| r.unindented.as_ref()),
            "indent the continuation lines or use a block scalar (`key: |`)",
        ),
        RecoveryKind::LenientScalar { unindented: None } if crlf => {
            ("yaml-crlf-colon", reading(ctx, |r| r.crlf_colon.as_ref()), "quote the value or use LF line endings")
        }
        RecoveryKind::LenientScalar { unindented: None } => {
            ("yaml-strict", reading(ctx, |r| r.unquoted_colon.as_ref()), "quote the value")
        }
        RecoveryKind::LenientFlow => {
            ("yaml-strict", reading(ctx, |r| r.flow_indent.as_ref()), "indent the list's lines past the key")
        }
        RecoveryKind::TabIndented => ("yaml-strict", reading(ctx, |r| r.tab_indent.as_ref()), "indent with spaces"),
        RecoveryKind::Unparseable => ("yaml-parse", None, "fix the YAML"),
    }
}

pub(super) fn check(ctx: &Ctx, fm: &Frontmatter, out: &mut Vec<Diagnostic>) {
    let text = ctx.text;
    let crlf = fm.layout.content.slice(text).contains("\r\n") || text[fm.layout.open.end..].starts_with("\r\n");
    for rec in &fm.recoveries {
        let at = location(ctx, rec.error.offset);
        let what = if rec.key.is_empty() { "this text".to_string() } else { format!("`{}`", rec.key) };
        let (code, effect, advice) = recovery_rule(ctx, &rec.kind, crlf);
        let range = match &rec.kind {
            RecoveryKind::LenientScalar { unindented: Some(line) } => *line,
            _ if rec.value_range.is_empty() => char_at(text, rec.error.offset),
            _ => rec.value_range,
        };
        let d = match effect {
            Some(e) => Diagnostic::new(
                if code == "yaml-parse" { "yaml-strict" } else { code },
                range,
                format!("{what} is not valid YAML ({} at {at}): {}; {advice}", rec.error.message, e.effect),
            )
            .with_effect(e),
            None => Diagnostic::new(
                "yaml-parse",
                range,
                format!(
                    "{what} is not valid YAML: {} (at {at}); {} cannot read this frontmatter",
                    rec.error.message, ctx.spec.consumer
                ),
            ),
        };
        out.push(d);
    }
    // With merge-conflict markers the whole-document error only repeats `merge-conflict`.
    if fm.recoveries.is_empty() && ctx.snap.parsed.top.conflict_markers.is_empty() {
        if let Some(err) = &fm.strict_error {
            out.push(Diagnostic::new(
                "yaml-parse",
                char_at(text, err.offset),
                format!("frontmatter is not valid YAML: {}", err.message),
            ));
        }
    }
    if let Some(root) = &fm.non_mapping_root {
        out.push(Diagnostic::new(
            "frontmatter-not-mapping",
            root.range,
            format!("frontmatter must be a map of `key: value` pairs, not {}", root.kind_name()),
        ));
    }
    let mut seen: HashMap<&str, TextRange> = HashMap::new();
    for e in &fm.entries {
        if let Some(first) = seen.get(e.key.as_str()) {
            let line = ctx.snap.text.line_of(first.start) + 1;
            let d = match reading(ctx, |r| r.duplicate_keys.as_ref()) {
                Some(effect) => Diagnostic::new(
                    "duplicate-key",
                    e.key_range,
                    format!("`{}` is already set on line {line}; {}", e.key, effect.effect),
                )
                .with_effect(effect),
                None => Diagnostic::new(
                    "duplicate-key",
                    e.key_range,
                    format!("`{}` is already set on line {line}; strict YAML parsers reject duplicate keys, others keep only one value", e.key),
                ),
            };
            out.push(d);
        } else {
            seen.insert(&e.key, e.key_range);
        }
    }
}

/// "line L, column C" (1-based, characters) of a byte offset.
fn location(ctx: &Ctx, offset: usize) -> String {
    let lc = ctx.snap.text.line_col(offset, ColumnUnit::Char);
    format!("line {}, column {}", lc.line + 1, lc.col + 1)
}

/// The character at `offset` (empty range at the end of the text).
fn char_at(text: &str, offset: usize) -> TextRange {
    let len = text[offset.min(text.len())..].chars().next().map_or(0, char::len_utf8);
    TextRange::new(offset, offset + len)
}
