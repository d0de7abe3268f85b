//! YAML rules: strict failures, the lenient fallback's three cases, non-mapping roots and
//! duplicate keys (formats.md §0.2, §8.6, §8.7).

use std::collections::HashMap;

use super::Ctx;
use crate::syntax::{Frontmatter, RecoveryKind};
use crate::text::{ColumnUnit, TextRange};
use crate::Diagnostic;

pub(super) fn check(ctx: &Ctx, fm: &Frontmatter, out: &mut Vec<Diagnostic>) {
    let text = ctx.text;
    let crlf = fm.layout.content.slice(text).contains("\r\n") || text[fm.layout.open.end..].starts_with("\r\n");
    for rec in &fm.recoveries {
        let at = location(ctx, rec.error.offset);
        let what = if rec.key.is_empty() { "this text".to_string() } else { format!("`{}`", rec.key) };
        match &rec.kind {
            RecoveryKind::LenientScalar { unindented: Some(line) } => out.push(Diagnostic::new(
                "yaml-continuation",
                *line,
                format!("continuation line of {what} is not indented, so the frontmatter is not YAML and {} cannot load the file; indent it or use a block scalar (`{}: |`)", ctx.spec.consumer, rec.key),
            )),
            RecoveryKind::LenientScalar { unindented: None } if ctx.claude_reads() && crlf => out.push(Diagnostic::new(
                "yaml-crlf-colon",
                rec.value_range,
                format!("{what} is not valid YAML ({} at {at}) and the file has CRLF line endings: Claude Code silently drops it. Quote the value or use LF line endings", rec.error.message),
            )),
            RecoveryKind::LenientScalar { unindented: None } if ctx.claude_reads() => out.push(Diagnostic::new(
                "yaml-strict",
                rec.value_range,
                format!("{what} is not valid YAML ({} at {at}); Claude Code reads it with a fallback but other tools reject the file. Quote the value", rec.error.message),
            )),
            _ => {
                let range = if rec.value_range.is_empty() { char_at(text, rec.error.offset) } else { rec.value_range };
                out.push(Diagnostic::new(
                    "yaml-parse",
                    range,
                    format!("{what} is not valid YAML: {} (at {at}); {} cannot read this frontmatter", rec.error.message, ctx.spec.consumer),
                ));
            }
        }
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
            out.push(Diagnostic::new(
                "duplicate-key",
                e.key_range,
                format!("`{}` is already set on line {line}; strict YAML parsers reject duplicate keys, others keep only one value", e.key),
            ));
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
