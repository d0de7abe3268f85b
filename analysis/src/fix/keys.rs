//! Key and value fixes: a misspelt key (did-you-mean), handoff `target:` → `agent:` (formats.md
//! §2.3), deprecated keys → their successors (the field's `renamed_to` in the dialect data;
//! `infer` → `user-invocable` / `disable-model-invocation`, §2.5), the earlier of two
//! duplicate keys, and mistyped scalars (`send: "false"` → `send: false`, a bare `yes` in a skill,
//! a number where a string is expected).

use super::doc::Doc;
use super::edit::{whole_lines, TextEdit};
use super::quote::quoted;
use super::{Fix, FixHint, Safety};
use crate::knowledge::{Dialect, FieldType};
use crate::syntax::{Entry, ValueKind};
use crate::Diagnostic;

/// Deletes `entry`'s whole lines.
fn remove(doc: &Doc, entry: &Entry) -> TextEdit {
    TextEdit::delete(whole_lines(&doc.text, entry.range()))
}

/// `unknown-field` with a did-you-mean: rename the key (unless the suggested key is set
/// already: that would make a duplicate).
pub(super) fn unknown_field(doc: &Doc, d: &Diagnostic) -> Vec<Fix> {
    let Some(FixHint::Suggest { candidates }) = &d.fix else { return Vec::new() };
    let Some(entry) = doc.entry_with_key(d.range) else { return Vec::new() };
    let taken = |k: &str| doc.fm.is_some_and(|f| f.get(k).is_some());
    candidates
        .iter()
        .filter(|c| !taken(c))
        .enumerate()
        .map(|(i, c)| {
            let edit = TextEdit::replace(entry.key_range, c.clone());
            let title = format!("Rename `{}` to `{c}`", entry.key);
            Fix { preferred: i == 0, ..Fix::local(d.code, title, Safety::Unsafe, vec![edit]).claiming(c) }
        })
        .collect()
}

/// `handoff-target-key`: rename the handoff's `target:` to `agent:`.
pub(super) fn handoff_target(doc: &Doc, d: &Diagnostic) -> Vec<Fix> {
    let Some((item, prop)) = doc.item_with_key(d.range) else { return Vec::new() };
    if prop.key != "target" || item.get("agent").is_some() {
        return Vec::new();
    }
    let edit = TextEdit::replace(prop.key_range, "agent");
    vec![Fix::local(d.code, "Rename `target` to `agent`".into(), Safety::Safe, vec![edit])]
}

/// `deprecated-field` on a key: its successor, or its removal when the successor is set.
pub(super) fn deprecated(doc: &Doc, d: &Diagnostic) -> Vec<Fix> {
    let (Some(entry), Some(fm)) = (doc.entry_with_key(d.range), doc.fm) else { return Vec::new() };
    if entry.key == "infer" && doc.det.dialect == Dialect::CopilotAgent {
        return infer(doc, d, entry);
    }
    let Some(to) = doc.spec.field(&entry.key).and_then(|f| f.renamed_to.as_deref()) else { return Vec::new() };
    if fm.get(to).is_some() {
        let title = format!("Remove `{}`: `{to}` is used instead", entry.key);
        return vec![Fix::local(d.code, title, Safety::Safe, vec![remove(doc, entry)])];
    }
    let title = format!("Rename `{}` to `{to}`", entry.key);
    vec![Fix::local(d.code, title, Safety::Safe, vec![TextEdit::replace(entry.key_range, to)]).claiming(to)]
}

/// `infer: true` is the default (removed); `infer: false` hid the agent from the picker and
/// from subagent use: `user-invocable: false` and `disable-model-invocation: true` (formats.md
/// §2.5), keeping what the file already sets.
fn infer(doc: &Doc, d: &Diagnostic, entry: &Entry) -> Vec<Fix> {
    let Some(value) = entry.value.as_scalar().and_then(crate::syntax::Scalar::as_core_bool) else {
        return Vec::new();
    };
    // Set, or written under a deprecated name that is renamed to it (`user-invokable`).
    let set = |k: &str| {
        doc.fm.is_some_and(|f| {
            f.entries
                .iter()
                .any(|e| e.key == k || doc.spec.field(&e.key).and_then(|s| s.renamed_to.as_deref()) == Some(k))
        })
    };
    let added: Vec<(&str, &str)> = if value {
        Vec::new()
    } else {
        [("user-invocable", "false"), ("disable-model-invocation", "true")]
            .into_iter()
            .filter(|(k, _)| !set(k))
            .collect()
    };
    let lines = added.iter().fold(String::new(), |mut s, (k, v)| {
        s.push_str(&format!("{k}: {v}{}", doc.eol));
        s
    });
    let title = if added.is_empty() {
        "Remove `infer`".to_string()
    } else {
        let written: Vec<String> = added.iter().map(|(k, v)| format!("{k}: {v}")).collect();
        format!("Replace `infer: false` with {}", crate::values::quoted_list(&written))
    };
    let edit = TextEdit::replace(whole_lines(&doc.text, entry.range()), lines);
    let fix = added.iter().fold(Fix::local(d.code, title, Safety::Safe, vec![edit]), |f, (k, _)| f.claiming(k));
    vec![fix]
}

/// `duplicate-key`: remove the previous occurrence (the later one is what most readers keep).
/// Safe when both hold the same value, a guess otherwise.
pub(super) fn duplicate(doc: &Doc, d: &Diagnostic) -> Vec<Fix> {
    let Some(fm) = doc.fm else { return Vec::new() };
    let Some(at) = fm.entries.iter().position(|e| e.key_range == d.range) else { return Vec::new() };
    let later = &fm.entries[at];
    let Some(earlier) = fm.entries[..at].iter().rev().find(|e| e.key == later.key) else { return Vec::new() };
    let same = doc.at(earlier.value.range) == doc.at(later.value.range);
    let line = doc.snap.text.line_of(earlier.key_range.start) + 1;
    let title = format!("Remove the earlier `{}` (line {line})", later.key);
    vec![Fix::local(d.code, title, if same { Safety::Safe } else { Safety::Unsafe }, vec![remove(doc, earlier)])]
}

/// `bad-type` on a scalar that says what was meant: a quoted `"true"`/`"false"` (or a bare
/// `yes`/`no` in a skill) where a boolean is expected, a bare boolean or number where a string is.
pub(super) fn bad_type(doc: &Doc, d: &Diagnostic) -> Vec<Fix> {
    let Some((field, entry)) = doc.described().into_iter().find(|(_, e)| e.value.range == d.range) else {
        return Vec::new();
    };
    let Some(s) = entry.value.as_scalar() else { return Vec::new() };
    let (title, new) = match field.ty {
        FieldType::Boolean => {
            let Some(b) = s.as_lenient_bool().filter(|_| s.text.chars().all(char::is_alphabetic)) else {
                return Vec::new();
            };
            (format!("Write `{b}` (a boolean)"), b.to_string())
        }
        FieldType::String if s.is_plain() && !matches!(entry.value.kind, ValueKind::Null) => {
            ("Quote the value (a string)".to_string(), quoted(&s.text))
        }
        _ => return Vec::new(),
    };
    if new == doc.at(d.range) {
        return Vec::new();
    }
    vec![Fix::local(d.code, title, Safety::Safe, vec![TextEdit::replace(d.range, new)])]
}
