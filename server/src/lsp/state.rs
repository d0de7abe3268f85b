//! The server's shared state ([`State`]): open documents, the workspace index, the negotiated
//! encoding and client capabilities; the per-document analysis workers that publish
//! diagnostics; and the panic boundary every handler and job runs behind.

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::sync::{Arc, Mutex, OnceLock};

use tower_lsp_server::jsonrpc;
use tower_lsp_server::ls_types::{self as lsp, PositionEncodingKind, Uri};
use tower_lsp_server::Client;

use super::client::ClientFlags;
use super::convert;
use super::store::DocumentStore;
use crate::discover::Classifier;
use agentls_analysis::index::{Changed, WorkspaceIndex};
use agentls_analysis::text::ColumnUnit;
use agentls_analysis::{Snapshot, WorkspaceCtx};

/// A document's analysis worker: running, and whether a newer version arrived meanwhile.
#[derive(Debug, Default, Clone, Copy)]
struct Worker {
    dirty: bool,
}

/// How long a burst of index changes must pause before the documents they concern are
/// republished.
const QUIET: std::time::Duration = std::time::Duration::from_millis(200);

/// Who changed a name during a burst: one open document (its own analysis), or several
/// documents or the disk. Small on purpose: a burst of 10,000 documents opened and closed holds
/// one per changed name.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Origin {
    /// Only this document's analysis changed it (shared by the names of one change).
    One(Arc<Uri>),
    /// Several documents, or the disk.
    Several,
}

/// A burst of index changes longer than this is republished anyway, so what is pending stays
/// bounded while changes never pause.
const LONGEST_BURST: std::time::Duration = std::time::Duration::from_secs(5);

/// Index changes not yet republished.
#[derive(Debug, Default)]
struct Pending {
    changed: Changed,
    /// For each changed name, who made the change: a document concerned only by its own
    /// changes (it already saw them) is not republished.
    origins: HashMap<String, Origin>,
    /// Moves with every change, so the flusher sees whether the burst is over.
    seq: u64,
    /// A flusher is waiting for the burst to end.
    flushing: bool,
}

/// Shared by every handler (behind an `Arc`); no lock is held across `.await`.
#[derive(Debug)]
pub struct State {
    /// The client connection.
    pub client: Client,
    /// Open documents.
    pub docs: DocumentStore,
    /// Every agent file of the workspace (open documents override the disk).
    pub index: WorkspaceIndex,
    /// What decides a file's dialect: plugins and configuration.
    pub classifier: Classifier,
    /// Negotiated `positionEncoding`.
    pub encoding: OnceLock<PositionEncodingKind>,
    /// Client capabilities.
    pub flags: OnceLock<ClientFlags>,
    /// The VS Code version whose built-in validator the client runs, when the client asked the
    /// server to leave that validator's findings to it (`initializationOptions.vscode`).
    pub vscode_defer: OnceLock<Option<String>>,
    /// The file-system watcher, when the client cannot watch for us.
    pub watcher: Mutex<Option<notify::RecommendedWatcher>>,
    /// Serialises index updates of one path between open documents ([`State::index_snapshot`])
    /// and the disk ([`super::workspace::apply_change`]), so a closed document's last version
    /// cannot land after the disk took over again.
    pub(super) index_updates: Mutex<()>,
    /// The cold index is complete: until then a document gets only its file-local findings
    /// (a reference to an agent not indexed yet is not "unknown").
    pub index_ready: AtomicBool,
    /// Moves whenever something other files' findings depend on changes (a definition, the
    /// configuration, the end of the cold index): part of pull-diagnostic result ids.
    generation: AtomicU64,
    /// Documents whose analysis worker runs.
    workers: Mutex<HashMap<Uri, Worker>>,
    /// Configuration files whose `invalid-config` problems are published.
    config_uris: Mutex<Vec<Uri>>,
    /// Index changes waiting for the end of their burst ([`State::republish_dependents`]).
    pending: Mutex<Pending>,
    /// Test hook: the handler named here panics (`AGENTLS_INJECT_PANIC`, read at start), so a
    /// test can show the panic boundary at work.
    inject_panic: Option<String>,
}

/// The file-existence probe handed to analysis.
pub fn exists(path: &Path) -> bool {
    path.exists()
}

/// The text of a panic payload.
fn panic_message(payload: &(dyn std::any::Any + Send)) -> String {
    payload
        .downcast_ref::<&str>()
        .map(std::string::ToString::to_string)
        .or_else(|| payload.downcast_ref::<String>().cloned())
        .unwrap_or_else(|| "(no message)".into())
}

impl State {
    /// Fresh state for `client`.
    pub fn new(client: Client) -> Self {
        Self {
            client,
            docs: DocumentStore::default(),
            index: WorkspaceIndex::default(),
            classifier: Classifier::default(),
            encoding: OnceLock::new(),
            flags: OnceLock::new(),
            vscode_defer: OnceLock::new(),
            watcher: Mutex::new(None),
            index_updates: Mutex::new(()),
            index_ready: AtomicBool::new(false),
            generation: AtomicU64::new(0),
            workers: Mutex::new(HashMap::new()),
            config_uris: Mutex::new(Vec::new()),
            pending: Mutex::new(Pending::default()),
            inject_panic: std::env::var("AGENTLS_INJECT_PANIC").ok().filter(|s| !s.is_empty()),
        }
    }

    /// Column unit of the negotiated encoding.
    pub fn unit(&self) -> ColumnUnit {
        self.encoding.get().map_or(ColumnUnit::Utf16, convert::unit_of)
    }

    /// Client capabilities (defaults before `initialize`).
    pub fn flags(&self) -> ClientFlags {
        self.flags.get().copied().unwrap_or_default()
    }

    /// The workspace context for analysis.
    pub fn ws(&self) -> WorkspaceCtx<'_> {
        WorkspaceCtx { index: &self.index, exists: &exists }
    }

    /// Runs `job` on a blocking thread behind the panic boundary: a panic is logged with
    /// `what` (the method and document) and answered with `InternalError`; the server keeps
    /// serving. The only way handlers and analysis jobs run work.
    pub async fn run<T: Send + 'static>(
        self: &Arc<Self>,
        what: String,
        job: impl FnOnce(&State) -> T + Send + 'static,
    ) -> jsonrpc::Result<T> {
        let st = self.clone();
        let label = what.clone();
        let joined = tokio::task::spawn_blocking(move || {
            assert!(!st.inject_panic.as_deref().is_some_and(|m| label.starts_with(m)), "injected panic ({label})");
            job(&st)
        })
        .await;
        joined.map_err(|e| {
            let message = if e.is_panic() { panic_message(&e.into_panic()) } else { e.to_string() };
            tracing::error!("{what} failed: {message}");
            jsonrpc::Error::internal_error()
        })
    }

    /// The newest snapshot of the open document `uri` (built now if edits are pending).
    /// Blocking: call it inside [`State::run`].
    pub fn snapshot(&self, uri: &Uri) -> Option<Arc<Snapshot>> {
        self.docs.snapshot(uri, |path, rope, version| {
            let detected = path.as_deref().and_then(|p| self.classifier.detect(p));
            let config = path.as_deref().map(|p| self.classifier.configs.for_file(p));
            let snap = Snapshot::from_rope(path, rope, detected, Some(version));
            match config {
                Some(c) => snap.with_config(c),
                None => snap,
            }
        })
    }

    /// Records the configuration files that have problems published now, returning those
    /// recorded before (whose problems may need clearing).
    pub fn replace_config_uris(&self, now: Vec<Uri>) -> Vec<Uri> {
        self.config_uris.lock().map(|mut u| std::mem::replace(&mut *u, now)).unwrap_or_default()
    }

    /// Records an open document's version in the index, unless a newer version replaced it or
    /// the document was closed meanwhile (its file on disk took over again). Returns the names
    /// whose definitions or referrers changed (other open files' diagnostics may change).
    pub fn index_snapshot(&self, uri: &Uri, snap: &Snapshot) -> Changed {
        let _serial = self.index_updates.lock();
        if !self.docs.is_current(uri, snap.version) {
            return Changed::default();
        }
        match (snap.summary(), snap.path.as_deref()) {
            (Some(s), _) => self.index.upsert(s),
            (None, Some(p)) => self.index.remove(p),
            (None, None) => Changed::default(),
        }
    }

    /// Republishes, once a burst of index changes is over ([`QUIET`] without another), the open
    /// documents whose cross-file findings `changed` can affect — those that define or
    /// reference a changed name (pull clients: one refresh). Opening 500 files in a row costs
    /// each one publish for itself and at most one after the burst, not one per other file.
    pub fn republish_dependents(self: &Arc<Self>, changed: Changed, origin: Option<&Uri>) {
        if changed.is_empty() {
            return;
        }
        let Ok(mut pending) = self.pending.lock() else { return };
        let origin = origin.map(|u| Arc::new(u.clone()));
        for name in &changed.names {
            let now = origin.clone().map_or(Origin::Several, Origin::One);
            pending
                .origins
                .entry(name.clone())
                .and_modify(|o| {
                    if *o != now {
                        *o = Origin::Several;
                    }
                })
                .or_insert(now);
        }
        // The names are the keys of `origins`; `changed` keeps only whether everything changed.
        pending.changed.all |= changed.all;
        pending.seq += 1;
        if pending.flushing {
            return;
        }
        pending.flushing = true;
        drop(pending);
        let state = self.clone();
        tokio::spawn(async move {
            let (mut seen, started) = (u64::MAX, std::time::Instant::now());
            loop {
                let seq = state.pending.lock().map_or(seen, |p| p.seq);
                if seq == seen || started.elapsed() > LONGEST_BURST {
                    break;
                }
                seen = seq;
                tokio::time::sleep(QUIET).await;
            }
            let (mut changed, origins) = match state.pending.lock() {
                Ok(mut p) => {
                    p.flushing = false;
                    (std::mem::take(&mut p.changed), std::mem::take(&mut p.origins))
                }
                Err(_) => return,
            };
            changed.names = origins.keys().cloned().collect();
            state.republish(&changed, &origins);
        });
    }

    /// Publishes again the open documents `changed` concerns (see
    /// [`State::republish_dependents`]).
    fn republish(self: &Arc<Self>, changed: &Changed, origins: &HashMap<String, Origin>) {
        if changed.all || self.flags().pull_diagnostics {
            self.schedule_all();
            return;
        }
        // Reference counts and verdicts in code lenses may have changed too.
        super::lens::refresh(self, false);
        self.generation.fetch_add(1, Ordering::AcqRel);
        for uri in self.docs.uris() {
            let path = uri.to_file_path();
            let Some(summary) = path.as_deref().and_then(|p| self.index.get(p)) else { continue };
            let names = changed.concerning(&summary);
            let only_its_own = names.iter().all(|n| matches!(origins.get(n), Some(Origin::One(u)) if **u == uri));
            if !names.is_empty() && !only_its_own {
                self.schedule(uri);
            }
        }
    }

    /// Asks for `uri`'s diagnostics to be published for its newest version. Never waits: a
    /// worker per document builds the newest snapshot, updates the index and publishes; edits
    /// that arrive while it works are coalesced into its next round, and a result that a newer
    /// version made stale is dropped, not published.
    pub fn schedule(self: &Arc<Self>, uri: Uri) {
        let Ok(mut workers) = self.workers.lock() else { return };
        if let Some(w) = workers.get_mut(&uri) {
            w.dirty = true;
            return;
        }
        workers.insert(uri.clone(), Worker::default());
        tokio::spawn(self.clone().work(uri));
    }

    /// True when the client runs VS Code's built-in validator and asked the server to leave
    /// what it covers to it.
    pub fn deferring(&self) -> bool {
        self.vscode_defer.get().is_some_and(Option::is_some)
    }

    /// The current generation (see the field).
    pub fn generation(&self) -> u64 {
        self.generation.load(Ordering::Acquire)
    }

    /// Something every file's findings may depend on changed: publish every open document again
    /// (push clients), or move the generation and ask the client to pull again (pull clients);
    /// clients that support it are asked to refresh code lenses and inlay hints.
    pub fn schedule_all(self: &Arc<Self>) {
        self.generation.fetch_add(1, Ordering::AcqRel);
        // What code lenses and inlay hints show depends on the same things.
        super::lens::refresh(self, true);
        if self.flags().pull_diagnostics {
            let client = self.client.clone();
            tokio::spawn(async move {
                if let Err(e) = client.workspace_diagnostic_refresh().await {
                    tracing::debug!("workspace/diagnostic/refresh: {e}");
                }
            });
            return;
        }
        for uri in self.docs.uris() {
            self.schedule(uri);
        }
    }

    /// The worker loop of one document (see [`State::schedule`]).
    async fn work(self: Arc<Self>, uri: Uri) {
        loop {
            let u = uri.clone();
            // A round that takes long says so (`$/progress` or a log line naming the file).
            let changed = super::busy::report(&self, &uri, async {
                let round = self.run(format!("diagnostics {}", uri.as_str()), move |st| st.analyse(&u)).await;
                let Ok(Some((version, diagnostics, changed))) = round else { return Changed::default() };
                // Pull clients ask for diagnostics themselves; the worker keeps the index
                // current for them.
                if !self.flags().pull_diagnostics && self.docs.is_current(&uri, version) {
                    self.client.publish_diagnostics(uri.clone(), diagnostics, version).await;
                }
                changed
            })
            .await;
            self.republish_dependents(changed, Some(&uri));
            let Ok(mut workers) = self.workers.lock() else { return };
            match workers.get_mut(&uri) {
                Some(w) if w.dirty => w.dirty = false,
                _ => {
                    workers.remove(&uri);
                    return;
                }
            }
        }
    }

    /// One round of a document's worker: its newest snapshot, indexed, and its diagnostics in
    /// LSP form. `None` when the document is closed.
    fn analyse(&self, uri: &Uri) -> Option<(Option<i32>, Vec<lsp::Diagnostic>, Changed)> {
        let t0 = std::time::Instant::now();
        let snap = self.snapshot(uri)?;
        let t1 = std::time::Instant::now();
        let changed = self.index_snapshot(uri, &snap);
        let t2 = std::time::Instant::now();
        let diagnostics = self.diagnostics(&snap);
        let t3 = std::time::Instant::now();
        tracing::debug!(
            "analysed {} v{:?}: snapshot {:?}, index {:?}, diagnostics {:?}",
            uri.as_str(),
            snap.version,
            t1 - t0,
            t2 - t1,
            t3 - t2
        );
        Some((snap.version, diagnostics, changed))
    }

    /// File-local and cross-file diagnostics of `snap`, in LSP form.
    pub fn diagnostics(&self, snap: &Snapshot) -> Vec<lsp::Diagnostic> {
        let (unit, related) = (self.unit(), self.flags().related_information);
        self.findings(snap).iter().map(|d| convert::diagnostic(snap, d, unit, related)).collect()
    }

    /// What [`State::diagnostics`] publishes for `snap`, before the protocol conversion (the
    /// findings code actions fix).
    pub fn findings(&self, snap: &Snapshot) -> Vec<agentls_analysis::Diagnostic> {
        let mut diags = agentls_analysis::diagnostics(snap);
        if self.index_ready.load(Ordering::Acquire) {
            diags.extend(agentls_analysis::workspace_diagnostics(snap, &self.ws()));
        }
        let mut diags = agentls_analysis::finalize(snap, diags);
        if let Some(version) = self.vscode_defer.get().and_then(Option::as_deref) {
            diags = agentls_analysis::vscode_defer::defer_to_vscode(snap, version, diags);
        }
        diags
    }

    /// Workspace roots as paths.
    pub fn roots(&self) -> Vec<PathBuf> {
        self.index.roots()
    }

    /// Every folder to index: the workspace roots, plus the existing user-level folders when
    /// enabled. Nothing outside these is ever read.
    pub fn index_folders(&self) -> Vec<PathBuf> {
        let mut folders = self.roots();
        if self.flags().user_folders {
            if let Some(home) = std::env::var_os("HOME").map(PathBuf::from) {
                let user = agentls_analysis::knowledge::user_folders();
                folders.extend(user.iter().map(|f| home.join(f)).filter(|p| p.is_dir()));
            }
        }
        folders
    }
}
