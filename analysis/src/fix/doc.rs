//! [`Doc`]: what every fix reads of a snapshot — its whole text, frontmatter, dialect and line
//! ending — and the lookups fixes share (the entry at a range, the field spec of a value).

use std::borrow::Cow;

use super::edit::eol;
use crate::knowledge::{knowledge, Detected, DialectSpec, FieldSpec};
use crate::syntax::{Entry, Frontmatter, ValueKind};
use crate::text::TextRange;
use crate::Snapshot;

/// A snapshot seen by the fixes.
pub(super) struct Doc<'a> {
    /// The snapshot.
    pub snap: &'a Snapshot,
    /// Its whole text (ranges are byte offsets into it).
    pub text: Cow<'a, str>,
    /// Its frontmatter, when it has one.
    pub fm: Option<&'a Frontmatter>,
    /// Its dialect.
    pub det: &'a Detected,
    /// The dialect's field table.
    pub spec: &'static DialectSpec,
    /// The line ending new lines get: the document's own (`\r\n` when its first line ends so).
    pub eol: &'static str,
}

impl<'a> Doc<'a> {
    /// `None` for a file with no dialect (no finding, no fix).
    pub fn new(snap: &'a Snapshot) -> Option<Self> {
        let det = snap.detected.as_ref()?;
        let text = snap.text.to_text();
        let eol = eol(&text);
        Some(Self {
            snap,
            text,
            fm: snap.parsed.frontmatter.as_ref(),
            det,
            spec: knowledge().dialect(det.dialect),
            eol,
        })
    }

    /// The text of `range` (empty when out of bounds).
    pub fn at(&self, range: TextRange) -> &str {
        range.slice(&self.text)
    }

    /// False when `range` is the whole of a frontmatter scalar whose text is not written
    /// verbatim (escapes, folding): the rules then report the names inside it at the scalar's
    /// range, and no edit can replace one name there (fuzz target `fixes`).
    pub fn verbatim(&self, range: TextRange) -> bool {
        fn find(v: &crate::syntax::Value, range: TextRange, text: &str) -> Option<bool> {
            match &v.kind {
                ValueKind::Scalar(_) if v.range == range => Some(crate::values::scalar_text_base(v, text).is_some()),
                ValueKind::Sequence(items) => items.iter().find_map(|i| find(i, range, text)),
                ValueKind::Mapping(entries) => entries.iter().find_map(|e| find(&e.value, range, text)),
                _ => None,
            }
        }
        let entries = self.fm.into_iter().flat_map(|f| f.entries.iter());
        let holds = |e: &&Entry| e.value.range.start <= range.start && range.end <= e.value.range.end;
        entries.filter(holds).find_map(|e| find(&e.value, range, &self.text)).unwrap_or(true)
    }

    /// The top-level entry whose key is at `range`.
    pub fn entry_with_key(&self, range: TextRange) -> Option<&'a Entry> {
        self.fm?.entries.iter().find(|e| e.key_range == range)
    }

    /// The top-level entry whose value holds `range`.
    pub fn entry_holding(&self, range: TextRange) -> Option<&'a Entry> {
        self.fm?.entries.iter().find(|e| e.value.range.start <= range.start && range.end <= e.value.range.end)
    }

    /// Every `key: value` the dialect's field table describes, with its spec: the top-level
    /// entries and the properties of list items whose field has an item table (handoffs).
    pub fn described(&self) -> Vec<(&'static FieldSpec, &'a Entry)> {
        let mut out = Vec::new();
        for e in self.fm.map(|f| f.entries.as_slice()).unwrap_or_default() {
            let Some(field) = self.spec.field(&e.key) else { continue };
            out.push((field, e));
            if let ValueKind::Sequence(items) = &e.value.kind {
                for p in items.iter().filter_map(|i| i.as_mapping()).flatten() {
                    if let Some(f) = field.item_field.iter().find(|f| f.key == p.key) {
                        out.push((f, p));
                    }
                }
            }
        }
        out
    }

    /// The handoff (or other list item) mapping holding the property whose key is at `range`.
    pub fn item_with_key(&self, range: TextRange) -> Option<(&'a crate::syntax::Value, &'a Entry)> {
        for e in &self.fm?.entries {
            let ValueKind::Sequence(items) = &e.value.kind else { continue };
            for item in items {
                if let Some(p) = item.as_mapping().and_then(|m| m.iter().find(|p| p.key_range == range)) {
                    return Some((item, p));
                }
            }
        }
        None
    }
}
