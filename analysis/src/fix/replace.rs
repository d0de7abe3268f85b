//! Did-you-mean fixes: the name at a finding's range replaced by one of the rule's candidates
//! (unknown tools, models, enum values, agents, skills and MCP servers), one fix per candidate,
//! the closest preferred. Unsafe: a guess at what was meant.

use super::doc::Doc;
use super::edit::TextEdit;
use super::{Fix, FixHint, Safety};
use crate::knowledge::tools::tool_base_name;
use crate::text::TextRange;
use crate::Diagnostic;

/// The range of the name written at `range`: without its quotes, and for a tool with a
/// specifier (`Bsh(git *)`) the name before the parenthesis.
fn name_range(doc: &Doc, d: &Diagnostic) -> (TextRange, Option<char>) {
    let raw = doc.at(d.range);
    let quote = raw.chars().next().filter(|&q| matches!(q, '\'' | '"') && raw.len() >= 2 && raw.ends_with(q));
    let mut range = match quote {
        Some(_) => TextRange::new(d.range.start + 1, d.range.end - 1),
        None => d.range,
    };
    if d.code == "unknown-tool" {
        let written = doc.at(range);
        range.end = range.start + tool_base_name(written).len();
    }
    (range, quote)
}

/// `new` as it must be written in place of the name at `range` (inside `quote`, or a bare YAML
/// scalar when the name is a whole plain value).
fn written(doc: &Doc, range: TextRange, quote: Option<char>, new: &str) -> String {
    match quote {
        Some('"') => new.replace('\\', "\\\\").replace('"', "\\\""),
        Some(_) => new.replace('\'', "''"),
        None => {
            let whole_value = doc.fm.is_some_and(|f| f.entries.iter().any(|e| e.value.range == range));
            if whole_value {
                super::quote::yaml_scalar(new)
            } else {
                new.to_string()
            }
        }
    }
}

/// One fix per did-you-mean candidate.
pub(super) fn suggested(doc: &Doc, d: &Diagnostic) -> Vec<Fix> {
    let Some(FixHint::Suggest { candidates }) = &d.fix else { return Vec::new() };
    if !doc.verbatim(d.range) {
        return Vec::new();
    }
    let (range, quote) = name_range(doc, d);
    let old = doc.at(range);
    if old.is_empty() {
        return Vec::new();
    }
    candidates
        .iter()
        .filter(|c| c.as_str() != old)
        .enumerate()
        .map(|(i, c)| {
            let edit = TextEdit::replace(range, written(doc, range, quote, c));
            Fix {
                preferred: i == 0,
                ..Fix::local(d.code, format!("Replace `{old}` with `{c}`"), Safety::Unsafe, vec![edit])
            }
        })
        .collect()
}
