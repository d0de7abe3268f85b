//! Name fixes: an invalid `name` becomes its slug (`SEO Expert` → `seo-expert`), with every
//! reference to it renamed through the rename plan ([`crate::navigate::rename`]); a skill's
//! `name` becomes its folder's (`name-dir-mismatch`). Both change an identity: unsafe.

use super::doc::Doc;
use super::edit::TextEdit;
use super::quote::yaml_scalar;
use super::{Change, Fix, FixCtx, Safety};
use crate::rules::names::to_slug;
use crate::syntax::Entry;
use crate::values::inner_range;
use crate::Diagnostic;

/// The top-level `name` entry whose value is at the range.
fn name_entry<'a>(doc: &Doc<'a>, d: &Diagnostic) -> Option<&'a Entry> {
    doc.fm?.entries.iter().find(|e| e.key == "name" && e.value.range == d.range)
}

/// `invalid-name`: the slug of the name, and the references to it renamed too.
pub(super) fn slug(doc: &Doc, d: &Diagnostic, cx: &FixCtx) -> Vec<Fix> {
    let Some(entry) = name_entry(doc, d) else { return Vec::new() };
    let Some(name) = entry.value.as_str() else { return Vec::new() };
    let new = to_slug(name);
    if new.is_empty() || new == name {
        return Vec::new();
    }
    let mut changes = vec![Change::Edit(vec![TextEdit::replace(entry.value.range, yaml_scalar(&new))])];
    let own = doc.snap.path.as_deref();
    let plan = cx.ws.and_then(|ws| {
        crate::navigate::rename(doc.snap, inner_range(&entry.value, &doc.text).start, &new, ws, false).ok()
    });
    for (path, edits) in plan.map(|p| p.edits).unwrap_or_default() {
        if Some(path.as_path()) != own {
            changes.push(Change::EditFile { path, edits });
        }
    }
    let others = changes.len() - 1;
    let title = if others == 0 {
        format!("Rename to `{new}`")
    } else {
        format!("Rename to `{new}` (and the references in {others} other file{})", if others == 1 { "" } else { "s" })
    };
    vec![Fix { changes, ..Fix::local(d.code, title, Safety::Unsafe, Vec::new()) }]
}

/// `name-dir-mismatch`: the skill's `name` set to its folder's name.
pub(super) fn folder(doc: &Doc, d: &Diagnostic) -> Vec<Fix> {
    let Some(entry) = name_entry(doc, d) else { return Vec::new() };
    let folder = doc.snap.path.as_deref().and_then(|p| p.parent()).and_then(|p| p.file_name()).and_then(|f| f.to_str());
    let Some(folder) = folder.filter(|f| !f.is_empty()) else { return Vec::new() };
    let edit = TextEdit::replace(entry.value.range, yaml_scalar(folder));
    vec![Fix::local(d.code, format!("Set `name` to the folder name `{folder}`"), Safety::Unsafe, vec![edit])]
}
