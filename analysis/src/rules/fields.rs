//! Field-table rules driven by the dialect data: required, unknown, deprecated and ignored
//! fields, types, enums, emptiness and length; then each field's semantic check.

use std::borrow::Cow;

use super::{run_field_check, Ctx};
use crate::fix::FixHint;
use crate::knowledge::{DataSeverity, FieldSpec, FieldType, UnknownFieldPolicy};
use crate::syntax::value::Scalar;
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
    let mut unknowns = 0;
    for entry in &fm.entries {
        if let Some(field) = ctx.spec.field(&entry.key) {
            check_entry(ctx, fm, field, entry, out);
        } else {
            // Past the fold nobody reads the did-you-mean: skip its catalogue scan.
            unknown(ctx, entry, unknowns < crate::diagnostic::FOLD_AFTER, out);
            unknowns += 1;
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
        if plugin_lenient(ctx) && f.key == "name" {
            severity = Severity::Information;
            note = "a plugin agent without a name loads under its file name".into();
        } else if plugin_lenient(ctx) {
            // Claude Code 2.1.328 (oracle): plugin agents load without it.
            severity = Severity::Warning;
            note = "Claude Code loads this plugin agent without it, but project agents without it are dropped".into();
        }
        let message = if what.is_empty() {
            format!("missing required field `{}`: {note}", f.key)
        } else {
            format!("missing required property `{}` in {what}", f.key)
        };
        let fix = FixHint::Missing { key: f.key.clone() };
        let mut d = Diagnostic::new("missing-required", at, message).with_severity(severity).with_fix(fix);
        d.affects.clone_from(&f.required_affects);
        out.push(d);
    }
}

fn unknown(ctx: &Ctx, entry: &Entry, suggest: bool, out: &mut Vec<Diagnostic>) {
    let severity = match ctx.spec.unknown_fields {
        UnknownFieldPolicy::Ignore => return,
        UnknownFieldPolicy::Warning => Severity::Warning,
        UnknownFieldPolicy::Information => Severity::Information,
        UnknownFieldPolicy::Error => Severity::Error,
    };
    let keys = ctx.spec.fields.iter().map(|f| f.key.as_str());
    let fate = match ctx.spec.unknown_fields {
        UnknownFieldPolicy::Information => {
            format!("{} passes it on to the model provider as an option", ctx.spec.consumer)
        }
        UnknownFieldPolicy::Error => format!("{} rejects unrecognised keys and drops the file", ctx.spec.consumer),
        _ => format!("{} ignores it", ctx.spec.consumer),
    };
    let mut message = format!("`{}` is not one of the {} fields; {fate}", entry.key, ctx.spec.name);
    let suggestion = if suggest { closest(&entry.key, keys) } else { None };
    if let Some(s) = &suggestion {
        message.push_str(&format!(" (did you mean `{s}`?)"));
    } else if entry.key == "handoffs" {
        message.push_str(" (`handoffs` is a VS Code custom-agent field, for `.agent.md` files)");
    }
    let d = Diagnostic::new("unknown-field", entry.key_range, message).with_severity(severity);
    out.push(super::tools::suggesting(d, suggestion));
}

/// All generic checks of one entry against its field spec, then the field's own validator.
/// True for a Claude Code plugin agent: Claude Code 2.1.328 loads those where a project agent
/// is dropped (no description, an empty or mistyped `name`/`description`), so what would be an
/// error is a warning there (oracle tier).
fn plugin_lenient(ctx: &Ctx) -> bool {
    ctx.det.plugin.is_some() && ctx.det.dialect == crate::knowledge::Dialect::ClaudeAgent
}

/// A deprecated or ignored field gets that finding and, at most, a wrong type (VS Code 1.139.1
/// reports nothing else on it, but the Copilot CLI 1.0.102 and OpenCode 1.18.33 still
/// validate its type and drop the file: `infer: yes`, `maxSteps: many`, oracle).
pub(super) fn check_entry(ctx: &Ctx, fm: &Frontmatter, field: &FieldSpec, entry: &Entry, out: &mut Vec<Diagnostic>) {
    if deprecated_or_ignored(ctx, fm, field, entry, out) {
        type_ok(ctx, field, entry, out);
        return;
    }
    if !type_ok(ctx, field, entry, out) {
        return;
    }
    portable_boolean(ctx, field, entry, out);
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

/// The `deprecated-field` / `ignored-field` finding of a field the consumer does not use as
/// written; true when there is one.
fn deprecated_or_ignored(
    ctx: &Ctx,
    fm: &Frontmatter,
    field: &FieldSpec,
    entry: &Entry,
    out: &mut Vec<Diagnostic>,
) -> bool {
    if let Some(msg) = &field.deprecated {
        // Superseded by a newer key that is present: the old one has no effect (a warning).
        let (sev, message) = match field.superseded_by.as_deref().filter(|k| fm.get(k).is_some()) {
            Some(newer) => (
                DataSeverity::Warning,
                format!("`{}` is deprecated: the `{newer}` attribute is used instead", entry.key),
            ),
            None => (
                field.deprecated_severity.unwrap_or(DataSeverity::Warning),
                format!("`{}` is deprecated: {msg}", entry.key),
            ),
        };
        out.push(Diagnostic::new("deprecated-field", entry.key_range, message).with_severity(sev));
        return true;
    }
    if let Some(msg) = &field.ignored {
        let sev = field.ignored_severity.unwrap_or(DataSeverity::Warning);
        out.push(
            Diagnostic::new("ignored-field", entry.key_range, format!("`{}` is {msg}", entry.key)).with_severity(sev),
        );
        return true;
    }
    if field.plugin_ignored && ctx.det.plugin.is_some() {
        out.push(Diagnostic::new(
            "ignored-field",
            entry.key_range,
            format!("`{}` is ignored for plugin subagents (Claude Code drops it for security reasons)", entry.key),
        ));
        return true;
    }
    false
}

/// Type and emptiness; false when the value is unusable for further checks.
fn type_ok(ctx: &Ctx, field: &FieldSpec, entry: &Entry, out: &mut Vec<Diagnostic>) -> bool {
    let v = &entry.value;
    let mut sev = field.type_severity.or(ctx.spec.type_severity).unwrap_or(DataSeverity::Error);
    if plugin_lenient(ctx) && sev == DataSeverity::Error {
        sev = DataSeverity::Warning;
    }
    let key = &entry.key;
    if matches!(v.kind, ValueKind::Invalid | ValueKind::Other) {
        return false;
    }
    let null = matches!(v.kind, ValueKind::Null);
    if null || v.as_str().is_some_and(|s| s.trim().is_empty()) {
        empty(ctx, field, entry, null, sev, out);
        return false;
    }
    let below_min = match (field.ty, field.min, v.as_scalar().and_then(Scalar::as_int)) {
        (FieldType::Integer, Some(m), Some(n)) if n < m => Some(format!("a whole number of at least {m}")),
        _ => None,
    };
    match below_min.map(Cow::Owned).or_else(|| type_problem(ctx, field, v).map(Cow::Borrowed)) {
        None => true,
        Some(what) => {
            let effect = field.type_effect.as_deref().map(|e| format!(": {e}")).unwrap_or_default();
            out.push(
                Diagnostic::new(
                    "bad-type",
                    v.range,
                    format!("`{key}` must be {what}; {}{effect}", describe(v, ctx.text)),
                )
                .with_severity(sev),
            );
            false
        }
    }
}

/// What the value of a field of type `field.ty` should have been, when it is not (`None`: fine).
fn type_problem(ctx: &Ctx, field: &FieldSpec, v: &Value) -> Option<&'static str> {
    match field.ty {
        FieldType::Any => None,
        FieldType::String => match v.as_scalar() {
            Some(s) if s.as_core_bool().is_some() || (s.is_number() && field.values.is_empty()) => {
                Some("a string (quote it)")
            }
            Some(_) => None,
            None => Some("a string"),
        },
        FieldType::Boolean => boolean_problem(ctx, v),
        FieldType::Integer => match v.as_scalar().and_then(Scalar::as_int) {
            Some(n) if field.positive && n <= 0 => Some("a positive whole number"),
            Some(_) => None,
            None => Some(if field.positive { "a positive whole number" } else { "a whole number" }),
        },
        FieldType::Number => (!v.as_scalar().is_some_and(Scalar::is_number)).then_some("a number"),
        FieldType::List => list_problem(field, v),
        FieldType::Map => (!matches!(v.kind, ValueKind::Mapping(_))).then_some("a map of `key: value` pairs"),
        FieldType::StringOrList => match &v.kind {
            ValueKind::Scalar(_) => None,
            ValueKind::Sequence(_) => list_problem(field, v),
            _ => Some("a comma-separated string or a list"),
        },
    }
}

/// `key:` with no value or `key: ""`: `empty-value` for a field that must not be empty (at the
/// field's type severity), else what the dialect's consumers do with a null value, or with an
/// empty string where the field is not a string (`[reading]`).
fn empty(ctx: &Ctx, field: &FieldSpec, entry: &Entry, null: bool, sev: DataSeverity, out: &mut Vec<Diagnostic>) {
    let (key, v) = (&entry.key, &entry.value);
    let range = if v.range.is_empty() { entry.key_range } else { v.range };
    // A field whose own `type_severity` is milder than the dialect's reading is one its
    // consumer does not read (the Copilot CLI 1.0.102 ignores `handoffs`, `agents`, … whatever
    // their value, oracle tier): the reading does not apply there.
    let applies = |e: &&crate::knowledge::Effect| field.type_severity.is_none_or(|s| e.severity >= s);
    let null_effect = super::yaml::reading(ctx, |r| r.null_value.as_ref()).filter(applies).filter(|_| null);
    if field.non_empty || field.required {
        let sev = field.empty_severity.unwrap_or(sev);
        // A null the consumer treats more severely than an empty value (OpenCode fails its
        // configuration on `description:`) is reported as the consumer does.
        let d = match null_effect.filter(|e| e.severity < sev) {
            Some(e) => {
                Diagnostic::new("empty-value", range, format!("`{key}` has no value: {}", e.effect)).with_effect(e)
            }
            None => Diagnostic::new("empty-value", range, format!("`{key}` must not be empty")).with_severity(sev),
        };
        out.push(d);
        return;
    }
    if null && field.null_ok {
        return;
    }
    let string = matches!(field.ty, FieldType::String | FieldType::Any | FieldType::StringOrList);
    if !null && string {
        // `""` is not one of the allowed values (Gemini CLI `kind: ""`, OpenCode `mode: ""`,
        // Claude Code `shell: ""`: each rejects it as it rejects any other value, oracle).
        enum_values(field, v, out);
        return;
    }
    let (code, what, effect) = if null {
        ("empty-value", "has no value", super::yaml::reading(ctx, |r| r.null_value.as_ref()))
    } else {
        ("bad-type", "is an empty string", super::yaml::reading(ctx, |r| r.empty_non_string.as_ref()))
    };
    match effect {
        Some(e) if applies(&e) => {
            out.push(Diagnostic::new(code, range, format!("`{key}` {what}: {}", e.effect)).with_effect(e));
        }
        // A reading that does not apply to this field: its value is ignored.
        Some(_) => out.push(
            Diagnostic::new(code, range, format!("`{key}` {what}; expected {}: it is ignored", field.ty.describe()))
                .with_severity(sev.max(DataSeverity::Warning)),
        ),
        // Without a reading of its own, `""` where a map, a number or a boolean is expected is
        // a wrong type whose value is ignored (a warning at most: no consumer was seen to drop
        // the file for it).
        None if !null => out.push(
            Diagnostic::new(code, range, format!("`{key}` {what}; expected {}", field.ty.describe()))
                .with_severity(sev.max(DataSeverity::Warning)),
        ),
        None => {}
    }
}

/// A skill boolean written `yes`/`no`/`on`/`off`: Claude Code accepts it (2.1.218+), VS Code
/// 1.139.1 — which reads skills too — reports "must be 'true' or 'false'" (oracle).
fn portable_boolean(ctx: &Ctx, field: &FieldSpec, entry: &Entry, out: &mut Vec<Diagnostic>) {
    let lenient_only =
        entry.value.as_scalar().is_some_and(|s| s.as_core_bool().is_none() && s.as_lenient_bool().is_some());
    if field.ty == FieldType::Boolean && ctx.det.dialect == crate::knowledge::Dialect::Skill && lenient_only {
        out.push(
            Diagnostic::new(
                "bad-type",
                entry.value.range,
                format!("`{}`: Claude Code reads `{}` as a boolean, but VS Code (which reads skills too) accepts only `true` or `false`", entry.key, entry.value.range.slice(ctx.text)),
            )
            .with_severity(Severity::Warning),
        );
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
        if field.values.iter().any(|v| v == s) || matches_pattern(field, s) {
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
        let suggestion = closest(s, field.values.iter().map(String::as_str));
        let mean = suggestion.as_ref().map(|c| format!(" (did you mean `{c}`?)"));
        let mut message = format!(
            "`{s}` is not a valid `{}`{}; expected {}",
            field.key,
            mean.unwrap_or_default(),
            one_of(&field.values)
        );
        if let Some(p) = &field.pattern {
            message.push_str(&format!(" or a value matching `{p}`"));
        }
        if let Some(e) = &field.value_effect {
            message.push_str(&format!(": {e}"));
        }
        let sev = field.value_severity.unwrap_or(DataSeverity::Warning);
        out.push(super::tools::suggesting(
            Diagnostic::new("bad-enum", item.range, message).with_severity(sev),
            suggestion,
        ));
    }
}

/// True when `field.pattern` accepts `s` (an invalid pattern in the data accepts nothing; the
/// data tests compile every pattern).
fn matches_pattern(field: &FieldSpec, s: &str) -> bool {
    field.pattern.as_deref().is_some_and(|p| regex::Regex::new(p).is_ok_and(|re| re.is_match(s)))
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
