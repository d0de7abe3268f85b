//! Open documents. A notification only records text: `didChange` converts the client's
//! positions against the document's rope and applies the change (O(log n + edit)), and keeps
//! the edit as pending; the analysed [`Snapshot`] of the newest version is built on demand, off
//! the dispatch task ([`DocumentStore::snapshot`]), from the last one built plus the pending
//! edits.
//!
//! Locks: the map's mutex is held only to read or swap small records (never while a snapshot is
//! built, never across `.await`); each document's `build` mutex serialises the builders of that
//! one document, so two requests never build the same version twice.

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};

use ropey::Rope;
use tower_lsp_server::ls_types::{TextDocumentContentChangeEvent, Uri};

use agentls_analysis::text::{apply_change, ByteEdit, ColumnUnit, TextRange};
use agentls_analysis::Snapshot;

use super::convert;

/// One open document.
#[derive(Debug)]
struct Document {
    /// Its file, when the URI is a `file:` URI.
    path: Option<PathBuf>,
    /// The newest text.
    rope: Rope,
    /// The newest version.
    version: i32,
    /// The newest snapshot built (of `version` when `pending` is empty); `None` until the
    /// first build.
    analyzed: Option<Arc<Snapshot>>,
    /// Edits since `analyzed`, each relative to the text before it, merged into one.
    pending: Option<ByteEdit>,
    /// Serialises builders of this document's snapshots.
    build: Arc<Mutex<()>>,
}

/// What a builder needs, read under the map's lock.
enum Work {
    Done(Arc<Snapshot>),
    First(Option<PathBuf>, Rope, i32),
    Edit(Arc<Snapshot>, Rope, ByteEdit, i32),
}

/// The open documents.
#[derive(Debug, Default)]
pub struct DocumentStore {
    docs: Mutex<HashMap<Uri, Document>>,
}

/// Applies one LSP content change to `rope` (positions in `unit`), returning the byte edit.
fn apply(rope: &mut Rope, change: &TextDocumentContentChangeEvent, unit: ColumnUnit) -> ByteEdit {
    let range = change.range.map(|r| (convert::line_col(r.start), convert::line_col(r.end)));
    apply_change(rope, range, &change.text, unit)
}

impl DocumentStore {
    /// Opens (or replaces) `uri` with `text` at `version`. Only records the text: the first
    /// snapshot (dialect detection, frontmatter parse, line scan) is built on demand.
    pub fn open(&self, uri: Uri, path: Option<PathBuf>, text: &str, version: i32) {
        let doc = Document {
            path,
            rope: Rope::from_str(text),
            version,
            analyzed: None,
            pending: None,
            build: Arc::default(),
        };
        if let Ok(mut docs) = self.docs.lock() {
            docs.insert(uri, doc);
        }
    }

    /// Applies `changes` (in order) to the text of `uri` and records `version`. Only text:
    /// no analysis. `false` if the document is not open.
    pub fn change(
        &self,
        uri: &Uri,
        changes: &[TextDocumentContentChangeEvent],
        unit: ColumnUnit,
        version: i32,
    ) -> bool {
        let Ok(mut docs) = self.docs.lock() else { return false };
        let Some(doc) = docs.get_mut(uri) else { return false };
        for change in changes {
            let edit = apply(&mut doc.rope, change, unit);
            if doc.analyzed.is_some() {
                doc.pending = Some(doc.pending.map_or(edit, |p| p.then(edit)));
            }
        }
        doc.version = version;
        true
    }

    fn work(&self, uri: &Uri) -> Option<Work> {
        let docs = self.docs.lock().ok()?;
        let doc = docs.get(uri)?;
        Some(match (&doc.analyzed, doc.pending) {
            (Some(s), None) => Work::Done(s.clone()),
            (Some(s), Some(edit)) => Work::Edit(s.clone(), doc.rope.clone(), edit, doc.version),
            (None, _) => Work::First(doc.path.clone(), doc.rope.clone(), doc.version),
        })
    }

    /// The snapshot of the newest version of `uri`, built now from the last one when edits are
    /// pending (O(edit) in the usual case), or from scratch the first time (`first` builds it
    /// from the document's path, text and version: dialect and configuration). Blocking: call
    /// it off the dispatch task.
    pub fn snapshot(
        &self,
        uri: &Uri,
        first: impl FnOnce(Option<PathBuf>, Rope, i32) -> Snapshot,
    ) -> Option<Arc<Snapshot>> {
        let build = match self.work(uri)? {
            Work::Done(s) => return Some(s),
            _ => self.docs.lock().ok()?.get(uri)?.build.clone(),
        };
        let _one_builder = build.lock();
        // Read again: another builder may have done the work while we waited.
        let (next, base, version) = match self.work(uri)? {
            Work::Done(s) => return Some(s),
            Work::First(path, rope, version) => (first(path, rope, version), None, version),
            Work::Edit(base, rope, edit, version) => (base.edited(rope, edit, Some(version)), Some(base), version),
        };
        let next = Arc::new(next);
        let mut docs = self.docs.lock().ok()?;
        let doc = docs.get_mut(uri)?;
        let same_base = match (&doc.analyzed, &base) {
            (Some(a), Some(b)) => Arc::ptr_eq(a, b),
            (None, None) => true,
            _ => false,
        };
        if doc.version == version && same_base {
            doc.analyzed = Some(next.clone());
            doc.pending = None;
        } else if base.is_none() && doc.analyzed.is_none() {
            // Edited while the first build ran: the next build edits this one.
            doc.analyzed = Some(next.clone());
            doc.pending = Some(ByteEdit { old: TextRange::new(0, next.text.len()), new_len: doc.rope.len_bytes() });
        }
        Some(next)
    }

    /// Forgets every built snapshot: the next build of each document starts from scratch (its
    /// dialect and configuration looked up again). The text stays.
    pub fn reset_all(&self) {
        if let Ok(mut docs) = self.docs.lock() {
            for doc in docs.values_mut() {
                doc.analyzed = None;
                doc.pending = None;
            }
        }
    }

    /// The newest version number of `uri`, if open.
    pub fn version(&self, uri: &Uri) -> Option<i32> {
        self.docs.lock().ok()?.get(uri).map(|d| d.version)
    }

    /// The open document whose file is `path`: the URI the client opened it under (which may
    /// be spelt differently from `Uri::from_file_path(path)`, e.g. percent-encoded) and its
    /// newest version. A scan: editors keep few documents open.
    pub fn at_path(&self, path: &Path) -> Option<(Uri, i32)> {
        let docs = self.docs.lock().ok()?;
        docs.iter().find(|(_, d)| d.path.as_deref() == Some(path)).map(|(u, d)| (u.clone(), d.version))
    }

    /// The URIs of every open document.
    pub fn uris(&self) -> Vec<Uri> {
        self.docs.lock().map(|d| d.keys().cloned().collect()).unwrap_or_default()
    }

    /// Closes `uri`.
    pub fn close(&self, uri: &Uri) {
        if let Ok(mut docs) = self.docs.lock() {
            docs.remove(uri);
        }
    }

    /// True when `version` is the newest version of `uri` (a newer edit makes an in-flight
    /// publish stale).
    pub fn is_current(&self, uri: &Uri, version: Option<i32>) -> bool {
        version.is_some_and(|v| self.version(uri) == Some(v))
    }
}
