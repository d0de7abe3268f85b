//! Field-table rules driven by the dialect data: required, unknown, deprecated and ignored
//! fields, types, enums, emptiness and length; then each field's semantic check.

use super::{run_field_check, Ctx};
use crate::knowledge::{DataSeverity, FieldSpec, FieldType, UnknownFieldPolicy};
use crate::syntax::{Entry, Frontmatter, Value, ValueKind};
use crate::text::suggest::closest;
use crate::text::TextRange;
use crate::values::{items, quoted_list};
use crate::{Diagnostic, Severity};

pub(super) fn check(ctx: &Ctx, fm: &Frontmatter, out: &mut Vec<Diagnostic>) {
    if fm.non_mapping_root.is_some() {
        return;
    }
    missing(ctx, &ctx.spec.fields, &fm.entries, fm.layout.open, "", out);
    for entry in &fm.entries {
        match ctx.spec.field(&entry.key) {
            Some(field) => check_entry(ctx, fm, field, entry, out),
            None => unknown(ctx, entry, out),
        }
    }
}

/// `missing-required` for each required field of `fields` absent from `entries`; reported at
/// `at` (the opening `---`, or a handoff item's first entry).
pub(super) fn missing(
    ctx: &Ctx,
    fields: &[FieldSpec],
    entries: &[Entry],
    at: TextRange,
    what: &str,
    out: &mut Vec<Diagnostic>,
) {
    let absent: Vec<&FieldSpec> =
        fields.iter().filter(|f| f.required && entries.iter().all(|e| e.key != f.key)).collect();
    for f in absent {
        let mut severity: Severity = f.required_severity.unwrap_or(DataSeverity::Error).into();
        let mut note = format!("{} requires it", f.required_by.as_deref().unwrap_or(&ctx.spec.consumer));
        if ctx.det.plugin.is_some() && f.key == "name" {
            severity = Severity::Information;
            note = "a plugin agent without a name loads under its file name".into();
        }
        let message = if what.is_empty() {
            format!("missing required field `{}`: {note}", f.key)
        } else {
            format!("missing required property `{}` in {what}", f.key)
        };
        out.push(Diagnostic::new("missing-required", at, message).with_severity(severity));
    }
}

fn unknown(ctx: &Ctx, entry: &Entry, out: &mut Vec<Diagnostic>) {
    let severity = match ctx.spec.unknown_fields {
        UnknownFieldPolicy::Ignore => return,
        UnknownFieldPolicy::Warning => Severity::Warning,
        UnknownFieldPolicy::Information => Severity::Information,
    };
    let keys = ctx.spec.fields.iter().map(|f| f.key.as_str());
    let fate = match ctx.spec.unknown_fields {
        UnknownFieldPolicy::Information => {
            format!("{} passes it on to the model provider as an option", ctx.spec.consumer)
        }
        _ => format!("{} ignores it", ctx.spec.consumer),
    };
    let mut message = format!("`{}` is not one of the {} fields; {fate}", entry.key, ctx.spec.name);
    if let Some(s) = closest(&entry.key, keys) {
        message.push_str(&format!(" (did you mean `{s}`?)"));
    } else if entry.key == "handoffs" {
        message.push_str(" (`handoffs` is a VS Code custom-agent field, for `.agent.md` files)");
    }
    out.push(Diagnostic::new("unknown-field", entry.key_range, message).with_severity(severity));
}

/// All generic checks of one entry against its field spec, then the field's own validator.
/// A deprecated or ignored field gets only that finding (VS Code 1.139.1 reports nothing else
/// on it: its value has no effect either way).
pub(super) fn check_entry(ctx: &Ctx, fm: &Frontmatter, field: &FieldSpec, entry: &Entry, out: &mut Vec<Diagnostic>) {
    if let Some(msg) = &field.deprecated {
        let sev = field.deprecated_severity.unwrap_or(DataSeverity::Warning);
        let message = match field.superseded_by.as_deref().filter(|k| fm.get(k).is_some()) {
            Some(newer) => format!("`{}` is deprecated: the `{newer}` attribute is used instead", entry.key),
            None => format!("`{}` is deprecated: {msg}", entry.key),
        };
        out.push(Diagnostic::new("deprecated-field", entry.key_range, message).with_severity(sev));
        return;
    }
    if let Some(msg) = &field.ignored {
        let sev = field.ignored_severity.unwrap_or(DataSeverity::Warning);
        out.push(
            Diagnostic::new("ignored-field", entry.key_range, format!("`{}` is {msg}", entry.key)).with_severity(sev),
        );
        return;
    }
    if field.plugin_ignored && ctx.det.plugin.is_some() {
        out.push(Diagnostic::new(
            "ignored-field",
            entry.key_range,
            format!("`{}` is ignored for plugin subagents (Claude Code drops it for security reasons)", entry.key),
        ));
    }
    if !type_ok(ctx, field, entry, out) {
        return;
    }
    enum_values(field, &entry.value, out);
    if let (Some(max), Some(s)) = (field.max_len, entry.value.as_str()) {
        let n = s.chars().count();
        if n > max {
            out.push(Diagnostic::new(
                "value-too-long",
                entry.value.range,
                format!("`{}` is {n} characters long; the limit is {max}", entry.key),
            ));
        }
    }
    if let Some(check) = field.check {
        run_field_check(ctx, fm, entry, check, out);
    }
}

/// Type and emptiness; false when the value is unusable for further checks.
fn type_ok(ctx: &Ctx, field: &FieldSpec, entry: &Entry, out: &mut Vec<Diagnostic>) -> bool {
    let v = &entry.value;
    let sev = field.type_severity.unwrap_or(DataSeverity::Error);
    let key = &entry.key;
    if matches!(v.kind, ValueKind::Invalid | ValueKind::Other) {
        return false;
    }
    let empty = matches!(v.kind, ValueKind::Null) || v.as_str().is_some_and(|s| s.trim().is_empty());
    if empty {
        if field.non_empty || field.required {
            let range = if v.range.is_empty() { entry.key_range } else { v.range };
            out.push(Diagnostic::new("empty-value", range, format!("`{key}` must not be empty")).with_severity(sev));
        }
        return false;
    }
    let expected = match field.ty {
        FieldType::Any => return true,
        FieldType::String => match v.as_scalar() {
            Some(s) if s.as_core_bool().is_some() || (s.is_number() && field.values.is_empty()) => {
                Some("a string (quote it)")
            }
            Some(_) => None,
            None => Some("a string"),
        },
        FieldType::Boolean => boolean_problem(ctx, v),
        FieldType::Integer => match v.as_scalar().and_then(super::super::syntax::value::Scalar::as_int) {
            Some(n) if field.positive && n <= 0 => Some("a positive whole number"),
            Some(_) => None,
            None => Some(if field.positive { "a positive whole number" } else { "a whole number" }),
        },
        FieldType::Number => {
            (!v.as_scalar().is_some_and(super::super::syntax::value::Scalar::is_number)).then_some("a number")
        }
        FieldType::List => list_problem(field, v),
        FieldType::Map => (!matches!(v.kind, ValueKind::Mapping(_))).then_some("a map of `key: value` pairs"),
        FieldType::StringOrList => match &v.kind {
            ValueKind::Scalar(_) => None,
            ValueKind::Sequence(_) => list_problem(field, v),
            _ => Some("a comma-separated string or a list"),
        },
    };
    match expected {
        None => true,
        Some(what) => {
            out.push(
                Diagnostic::new("bad-type", v.range, format!("`{key}` must be {what}; {}", describe(v, ctx.text)))
                    .with_severity(sev),
            );
            false
        }
    }
}

fn boolean_problem(ctx: &Ctx, v: &Value) -> Option<&'static str> {
    let ok = match v.as_scalar() {
        None => false,
        Some(s) if ctx.spec.strict_booleans => s.is_plain() && (s.text == "true" || s.text == "false"),
        Some(s) => s.as_core_bool().is_some() || s.as_lenient_bool().is_some(),
    };
    let expected =
        if ctx.spec.strict_booleans { "the literal `true` or `false` (unquoted)" } else { "`true` or `false`" };
    (!ok).then_some(expected)
}

fn list_problem(field: &FieldSpec, v: &Value) -> Option<&'static str> {
    let ValueKind::Sequence(items) = &v.kind else {
        return Some("a list");
    };
    if !field.item_field.is_empty() {
        return None;
    }
    items.iter().any(|i| i.as_scalar().is_none()).then_some("a list of strings")
}

fn enum_values(field: &FieldSpec, value: &Value, out: &mut Vec<Diagnostic>) {
    if field.values.is_empty() {
        return;
    }
    for item in items(value) {
        let Some(s) = item.as_str() else { continue };
        if field.values.iter().any(|v| v == s) {
            continue;
        }
        if field.info_values.iter().any(|v| v == s) {
            out.push(
                Diagnostic::new(
                    "bad-enum",
                    item.range,
                    format!(
                        "`{s}` works in practice but is not a documented `{}` value ({})",
                        field.key,
                        quoted_list(&field.values)
                    ),
                )
                .with_severity(Severity::Information),
            );
            continue;
        }
        let mut message = format!("`{s}` is not a valid `{}`; expected {}", field.key, one_of(&field.values));
        if let Some(c) = closest(s, field.values.iter().map(String::as_str)) {
            message = format!(
                "`{s}` is not a valid `{}` (did you mean `{c}`?); expected {}",
                field.key,
                one_of(&field.values)
            );
        }
        let sev = field.value_severity.unwrap_or(DataSeverity::Warning);
        out.push(Diagnostic::new("bad-enum", item.range, message).with_severity(sev));
    }
}

fn one_of(values: &[String]) -> String {
    if values.len() == 1 {
        format!("`{}`", values[0])
    } else {
        format!("one of {}", values.iter().map(|v| format!("`{v}`")).collect::<Vec<_>>().join(", "))
    }
}

/// "`-3` is a number" / "this is a list", for type messages.
fn describe(v: &Value, text: &str) -> String {
    match v.as_scalar() {
        Some(s) if !s.is_plain() => format!("`{}` is a quoted string", v.range.slice(text)),
        Some(s) => format!("`{}` is {}", s.text, v.kind_name()),
        None => format!("this is {}", v.kind_name()),
    }
}
