//! Helpers over [`Value`]s shared by rules, completion and hover.

use crate::knowledge::tools::split_tool_string;
use crate::syntax::{ScalarStyle, Value, ValueKind};
use crate::text::TextRange;

/// The entries of a tool-like list: a YAML sequence's scalar items, or a comma string split
/// outside parentheses. Ranges point at each entry's own text where the source allows (plain
/// and simply-quoted single-line strings); otherwise at the whole value.
pub fn list_entries(value: &Value, text: &str) -> Vec<(String, TextRange)> {
    match &value.kind {
        ValueKind::Sequence(items) => {
            items.iter().filter_map(|i| i.as_scalar().map(|s| (s.text.clone(), inner_range(i, text)))).collect()
        }
        ValueKind::Scalar(s) => {
            let base = scalar_text_base(value, text);
            split_tool_string(&s.text, base.unwrap_or(0))
                .into_iter()
                .map(|(name, r)| (name, if base.is_some() { r } else { value.range }))
                .collect()
        }
        _ => Vec::new(),
    }
}

/// For a scalar whose decoded text appears verbatim in the source, the offset where it starts.
pub fn scalar_text_base(value: &Value, text: &str) -> Option<usize> {
    let s = value.as_scalar()?;
    let raw = value.range.slice(text);
    match s.style {
        ScalarStyle::Plain | ScalarStyle::Lenient if raw == s.text => Some(value.range.start),
        ScalarStyle::SingleQuoted | ScalarStyle::DoubleQuoted
            if raw.get(1..raw.len().saturating_sub(1)) == Some(s.text.as_str()) =>
        {
            Some(value.range.start + 1)
        }
        _ => None,
    }
}

/// A scalar's range without its quotes, when it has simple quotes; else its range.
pub fn inner_range(value: &Value, text: &str) -> TextRange {
    match scalar_text_base(value, text) {
        Some(b) => TextRange::new(b, b + value.as_str().map_or(0, str::len)),
        None => value.range,
    }
}

/// Items of a sequence, or the value itself as a single item (fields that take a string or a list).
pub fn items(value: &Value) -> Vec<&Value> {
    match &value.kind {
        ValueKind::Sequence(items) => items.iter().collect(),
        _ => vec![value],
    }
}

/// "`a`, `b` and `c`" for messages.
pub fn quoted_list<S: AsRef<str>>(names: &[S]) -> String {
    let q: Vec<String> = names.iter().map(|n| format!("`{}`", n.as_ref())).collect();
    match q.len() {
        0 => String::new(),
        1 => q[0].clone(),
        n => format!("{} and {}", q[..n - 1].join(", "), q[n - 1]),
    }
}
