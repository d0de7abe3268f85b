//! Inserting what is missing: a required key (`missing-required`) at the top level or in a
//! handoff, and a whole frontmatter (`missing-frontmatter`). The values are placeholders — the
//! name from the file or folder, `TODO:` text for the rest — so these fixes are unsafe.

use super::doc::Doc;
use super::edit::{line_end, line_start, TextEdit};
use super::quote::yaml_scalar;
use super::{Fix, FixHint, Safety};
use crate::index::file_stem;
use crate::knowledge::Dialect;
use crate::rules::names::to_slug;
use crate::syntax::{Entry, Value};
use crate::text::suggest::closest;
use crate::text::TextRange;
use crate::Diagnostic;

/// The name a file gets when it has none: a skill's folder, else the file name without its
/// dialect suffix, as a slug where the consumer wants one.
fn default_name(doc: &Doc) -> Option<String> {
    let path = doc.snap.path.as_deref()?;
    let name = if doc.det.dialect == Dialect::Skill {
        path.parent()?.file_name()?.to_string_lossy().into_owned()
    } else {
        file_stem(path)
    };
    let name = match doc.det.dialect {
        Dialect::ClaudeAgent | Dialect::GeminiAgent | Dialect::Skill => to_slug(&name),
        _ => name,
    };
    (!name.is_empty()).then_some(name)
}

/// A placeholder value for `key` (`None`: no sensible placeholder, no fix).
fn placeholder(doc: &Doc, key: &str, item: Option<&[Entry]>) -> Option<String> {
    let agent = item.and_then(|props| props.iter().find(|p| p.key == "agent")).and_then(|p| p.value.as_str());
    let text = match (key, item) {
        ("name", None) => default_name(doc)?,
        ("description", _) => format!("TODO: describe what this {} does and when to use it", what(doc)),
        ("label", Some(_)) => agent.map_or_else(|| "TODO: button label".to_string(), |a| format!("Hand off to {a}")),
        ("prompt", Some(_)) => format!("TODO: what {} should do", agent.unwrap_or("the next agent")),
        ("agent", Some(_)) => return None,
        _ => "TODO".to_string(),
    };
    Some(yaml_scalar(&text))
}

/// "agent", "skill", "command"… for placeholders.
fn what(doc: &Doc) -> &'static str {
    match doc.det.dialect {
        Dialect::Skill => "skill",
        Dialect::ClaudeCommand | Dialect::OpencodeCommand | Dialect::CopilotPrompt => "command",
        _ => "agent",
    }
}

/// `missing-required`: insert the key with a placeholder — `name` first in the frontmatter,
/// other keys last; in a handoff, after its last property.
pub(super) fn missing_key(doc: &Doc, d: &Diagnostic) -> Vec<Fix> {
    let (Some(FixHint::Missing { key }), Some(fm)) = (&d.fix, doc.fm) else { return Vec::new() };
    let top = d.range == fm.layout.open;
    let edit = if top {
        // A misspelt key the dialect does not know (`nmae:`) is fixed by its rename instead.
        let typo = fm
            .entries
            .iter()
            .any(|e| doc.spec.field(&e.key).is_none() && closest(&e.key, [key.as_str()].into_iter()).is_some());
        let Some(value) = placeholder(doc, key, None).filter(|_| !typo) else { return Vec::new() };
        let at = if key == "name" { fm.layout.content.start } else { fm.layout.content.end };
        TextEdit::insert(at, format!("{key}: {value}{}", doc.eol))
    } else {
        let Some(item) = handoff_at(doc, d.range) else { return Vec::new() };
        let Some(props) = item.as_mapping() else { return Vec::new() };
        let Some(value) = placeholder(doc, key, Some(props)) else { return Vec::new() };
        let Some(edit) = into_mapping(doc, item, props, &format!("{key}: {value}")) else { return Vec::new() };
        edit
    };
    let fix = Fix::local(d.code, format!("Add `{key}`"), Safety::Unsafe, vec![edit]);
    vec![if top { fix.claiming(key) } else { fix }]
}

/// The list item (a handoff) whose first property starts the range.
fn handoff_at<'a>(doc: &Doc<'a>, range: TextRange) -> Option<&'a Value> {
    doc.fm?.entries.iter().find_map(|e| match &e.value.kind {
        crate::syntax::ValueKind::Sequence(items) => {
            items.iter().find(|i| i.as_mapping().and_then(|m| m.first()).is_some_and(|p| p.range() == range))
        }
        _ => None,
    })
}

/// The edit adding `line` (`key: value`) to the mapping `item`: before the `}` of a flow
/// mapping, else on a new line after its last property, indented like its first.
fn into_mapping(doc: &Doc, item: &Value, props: &[Entry], line: &str) -> Option<TextEdit> {
    let text = &doc.text;
    if doc.at(item.range).starts_with('{') {
        return Some(TextEdit::insert(item.range.end - 1, format!(", {line}")));
    }
    let first = props.first()?;
    let column = text[line_start(text, first.key_range.start)..first.key_range.start].chars().count();
    let last_end = props.iter().map(|p| p.range().end).max()?;
    Some(TextEdit::insert(line_end(text, last_end), format!("{}{}{line}", doc.eol, " ".repeat(column))))
}

/// `missing-frontmatter`: a frontmatter with the dialect's required keys (and a description)
/// at the top of the file.
pub(super) fn frontmatter(doc: &Doc, d: &Diagnostic) -> Vec<Fix> {
    if doc.fm.is_some() {
        return Vec::new();
    }
    let mut keys: Vec<&str> = doc.spec.fields.iter().filter(|f| f.required).map(|f| f.key.as_str()).collect();
    if !keys.contains(&"description") && doc.spec.field("description").is_some() {
        keys.push("description");
    }
    let mut block = format!("---{}", doc.eol);
    for key in &keys {
        let Some(value) = placeholder(doc, key, None) else { return Vec::new() };
        block.push_str(&format!("{key}: {value}{}", doc.eol));
    }
    block.push_str(&format!("---{}", doc.eol));
    let at = if doc.text.starts_with('\u{feff}') { 3 } else { 0 };
    let title = format!("Add a frontmatter with {}", crate::values::quoted_list(&keys));
    let fix = Fix::local(d.code, title, Safety::Unsafe, vec![TextEdit::insert(at, block)]);
    vec![keys.iter().fold(fix, |f, k| f.claiming(k))]
}
