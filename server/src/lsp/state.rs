//! The server's shared state ([`State`]): open documents, the workspace index, the negotiated
//! encoding and client capabilities, and publishing.

use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex, OnceLock};

use tower_lsp_server::ls_types::{self as lsp, PositionEncodingKind, Uri};
use tower_lsp_server::Client;

use super::convert;
use super::store::DocumentStore;
use crate::discover::PluginCache;
use agentls_analysis::index::WorkspaceIndex;
use agentls_analysis::text::ColumnUnit;
use agentls_analysis::{Snapshot, WorkspaceCtx};

/// What the client said it supports, as far as the server cares.
#[derive(Debug, Clone, Copy, Default)]
pub struct ClientFlags {
    /// `workspace.didChangeWatchedFiles.dynamicRegistration`.
    pub watched_files_dynamic: bool,
    /// `window.workDoneProgress`.
    pub work_done_progress: bool,
    /// `workspace.workspaceEdit.documentChanges`.
    pub document_changes: bool,
    /// `workspace.workspaceEdit.resourceOperations` includes `rename`.
    pub rename_files: bool,
    /// `textDocument.publishDiagnostics.relatedInformation`.
    pub related_information: bool,
    /// `initializationOptions.userFolders`: also index the user-level folders
    /// (`~/.claude/agents`, `~/.copilot/agents`, …).
    pub user_folders: bool,
}

/// User-level folders the consumers read (formats.md §4.1), indexed when
/// `initializationOptions.userFolders` is true. Relative to the home directory.
pub const USER_FOLDERS: &[&str] = &[
    ".claude/agents",
    ".claude/commands",
    ".claude/skills",
    ".copilot/agents",
    ".copilot/skills",
    ".agents/skills",
    ".config/opencode/agent",
    ".config/opencode/agents",
    ".config/opencode/command",
    ".config/opencode/commands",
    ".gemini/agents",
    ".config/gemini-cli/agents",
];

/// Shared by every handler (behind an `Arc`); no lock is held across `.await`.
#[derive(Debug)]
pub struct State {
    /// The client connection.
    pub client: Client,
    /// Open documents.
    pub docs: DocumentStore,
    /// Every agent file of the workspace (open documents override the disk).
    pub index: WorkspaceIndex,
    /// Plugin lookups.
    pub plugins: PluginCache,
    /// Negotiated `positionEncoding`.
    pub encoding: OnceLock<PositionEncodingKind>,
    /// Client capabilities.
    pub flags: OnceLock<ClientFlags>,
    /// The file-system watcher, when the client cannot watch for us.
    pub watcher: Mutex<Option<notify_debouncer_mini::Debouncer<notify::RecommendedWatcher>>>,
    /// Serialises index updates of one path between open documents ([`State::index_snapshot`])
    /// and the disk ([`super::workspace::apply_change`]), so a closed document's last version
    /// cannot land after the disk took over again.
    pub(super) index_updates: Mutex<()>,
}

/// The file-existence probe handed to analysis.
pub fn exists(path: &Path) -> bool {
    path.exists()
}

impl State {
    /// Fresh state for `client`.
    pub fn new(client: Client) -> Self {
        Self {
            client,
            docs: DocumentStore::default(),
            index: WorkspaceIndex::default(),
            plugins: PluginCache::default(),
            encoding: OnceLock::new(),
            flags: OnceLock::new(),
            watcher: Mutex::new(None),
            index_updates: Mutex::new(()),
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

    /// Records an open document's version in the index, unless a newer version replaced it or
    /// the document was closed meanwhile (its file on disk took over again). Returns true when
    /// its definition changed (other open files' diagnostics may change).
    pub fn index_snapshot(&self, snap: &Snapshot) -> bool {
        let _serial = self.index_updates.lock();
        let Some(path) = snap.path.as_deref() else { return false };
        if self.docs.at_path(path).is_none_or(|(_, cur)| cur.version != snap.version) {
            return false;
        }
        match snap.summary() {
            Some(s) => self.index.upsert(s),
            None => snap.path.as_deref().is_some_and(|p| self.index.remove(p)),
        }
    }

    /// Indexes an open document's new version and publishes what it affects: itself, or every
    /// open document when its definition changed. The work runs on a blocking thread, so a huge
    /// document never stalls requests on others.
    pub async fn document_changed(self: &Arc<Self>, uri: Uri, snap: Arc<Snapshot>) {
        let (st, s) = (self.clone(), snap.clone());
        let changed = tokio::task::spawn_blocking(move || st.index_snapshot(&s)).await.unwrap_or(false);
        if changed {
            self.republish_open().await;
        } else {
            self.publish(uri, snap).await;
        }
    }

    /// Publishes `snap`'s diagnostics (file-local and cross-file, computed on a blocking
    /// thread) unless a newer version replaced it meanwhile.
    pub async fn publish(self: &Arc<Self>, uri: Uri, snap: Arc<Snapshot>) {
        let (st, s) = (self.clone(), snap.clone());
        let computed = tokio::task::spawn_blocking(move || {
            let (unit, related) = (st.unit(), st.flags().related_information);
            let mut diags = agentls_analysis::diagnostics(&s);
            diags.extend(agentls_analysis::workspace_diagnostics(&s, &st.ws()));
            diags.iter().map(|d| convert::diagnostic(&s, d, unit, related)).collect::<Vec<lsp::Diagnostic>>()
        })
        .await;
        let Ok(diagnostics) = computed else { return };
        if self.docs.is_current(&uri, &snap) {
            self.client.publish_diagnostics(uri, diagnostics, snap.version).await;
        }
    }

    /// Publishes every open document again (after the workspace changed).
    pub async fn republish_open(self: &Arc<Self>) {
        for (uri, snap) in self.docs.all() {
            self.publish(uri, snap).await;
        }
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
                folders.extend(USER_FOLDERS.iter().map(|f| home.join(f)).filter(|p| p.is_dir()));
            }
        }
        folders
    }
}
