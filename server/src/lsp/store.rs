//! Open documents: `RwLock<HashMap<Uri, Arc<Snapshot>>>`. Locks are never held across `.await`.
//!
//! Mutations (open, change, close) are serialised by one mutex so they apply in the order the
//! client sent them; the map's lock is taken only to read or swap a snapshot, so building the
//! next version of a large document never blocks requests on other documents.

use std::collections::HashMap;
use std::path::Path;
use std::sync::{Arc, Mutex, RwLock};

use tower_lsp_server::ls_types::Uri;

use agentls_analysis::text::ColumnUnit;
use agentls_analysis::{Change, Snapshot};

/// The open documents.
#[derive(Debug, Default)]
pub struct DocumentStore {
    docs: RwLock<HashMap<Uri, Arc<Snapshot>>>,
    /// Serialises mutations.
    mutations: Mutex<()>,
}

impl DocumentStore {
    /// The current snapshot of `uri`.
    pub fn get(&self, uri: &Uri) -> Option<Arc<Snapshot>> {
        self.docs.read().ok()?.get(uri).cloned()
    }

    /// Replaces (or opens) `uri` with `snapshot`.
    pub fn insert(&self, uri: Uri, snapshot: Snapshot) -> Arc<Snapshot> {
        let _serial = self.mutations.lock();
        let snap = Arc::new(snapshot);
        if let Ok(mut docs) = self.docs.write() {
            docs.insert(uri, snap.clone());
        }
        snap
    }

    /// Applies `changes` to `uri`. Mutations are serialised, so concurrent changes cannot
    /// interleave; the map is locked only to read the current version and to swap in the next.
    /// `None` if the document is not open.
    pub fn edit(&self, uri: &Uri, changes: &[Change], unit: ColumnUnit, version: i32) -> Option<Arc<Snapshot>> {
        let _serial = self.mutations.lock();
        let current = self.get(uri)?;
        let next = Arc::new(current.edited(changes, unit, Some(version)));
        self.docs.write().ok()?.insert(uri.clone(), next.clone());
        Some(next)
    }

    /// The open document whose file is `path`, with the URI the client opened it under (which
    /// may be spelt differently from `Uri::from_file_path(path)`, e.g. percent-encoded).
    /// A scan: editors keep few documents open.
    pub fn at_path(&self, path: &Path) -> Option<(Uri, Arc<Snapshot>)> {
        let docs = self.docs.read().ok()?;
        docs.iter().find(|(_, s)| s.path.as_deref() == Some(path)).map(|(u, s)| (u.clone(), s.clone()))
    }

    /// Every open document.
    pub fn all(&self) -> Vec<(Uri, Arc<Snapshot>)> {
        self.docs.read().map(|d| d.iter().map(|(u, s)| (u.clone(), s.clone())).collect()).unwrap_or_default()
    }

    /// Closes `uri`.
    pub fn remove(&self, uri: &Uri) {
        let _serial = self.mutations.lock();
        if let Ok(mut docs) = self.docs.write() {
            docs.remove(uri);
        }
    }

    /// True when `snap` is still the current version of `uri` (a newer edit makes an
    /// in-flight publish stale).
    pub fn is_current(&self, uri: &Uri, snap: &Arc<Snapshot>) -> bool {
        self.get(uri).is_some_and(|s| Arc::ptr_eq(&s, snap))
    }
}
