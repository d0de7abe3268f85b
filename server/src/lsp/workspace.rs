//! Keeping the workspace index current: the cold index on `initialized` (with `$/progress`),
//! `workspace/didChangeWatchedFiles` (registered dynamically with string globs, which every
//! client accepts), and our own watcher for clients that cannot watch (changes only, coalesced
//! per burst). Open documents always override their files.

use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::Duration;

use notify::event::{EventKind, MetadataKind, ModifyKind};
use notify::Watcher;
use tower_lsp_server::ls_types::{
    DidChangeWatchedFilesParams, DidChangeWatchedFilesRegistrationOptions, FileSystemWatcher, GlobPattern,
    NumberOrString, Registration,
};

use super::state::State;
use crate::config::is_config_file;
use crate::discover::{fill, is_mcp_config, read_mcp_config, summarize, walk, Walked};
use agentls_analysis::index::Changed;

/// Glob patterns the client watches for us (strings, not relative patterns: Helix ignores
/// those).
const WATCH_GLOBS: &[&str] = &[
    "**/*.md",
    "**/*.mdc",
    "**/.mcp.json",
    "**/.vscode/mcp.json",
    "**/.claude-plugin/plugin.json",
    "**/agentls.toml",
    "**/.agentls.toml",
];

/// Builds the index of every root, then keeps it current and republishes open documents.
pub async fn index_workspace(state: Arc<State>) {
    let flags = state.flags();
    let token = NumberOrString::String("agentls/index".into());
    let progress = if flags.work_done_progress && state.client.create_work_done_progress(token.clone()).await.is_ok() {
        Some(state.client.progress(token, "agentls: indexing agent files").begin().await)
    } else {
        None
    };
    let st = state.clone();
    let count = tokio::task::spawn_blocking(move || {
        for folder in st.index_folders() {
            fill(&st.index, walk(&folder, &st.classifier));
        }
        // Open documents override their files on disk.
        for uri in st.docs.uris() {
            if let Some(snap) = st.snapshot(&uri) {
                st.index_snapshot(&uri, &snap);
            }
        }
        st.index.len()
    })
    .await
    .unwrap_or(0);
    tracing::info!("indexed {count} agent files");
    state.index_ready.store(true, std::sync::atomic::Ordering::Release);
    super::settings::publish_problems(&state).await;
    // Cross-file findings exist from here: republish (or move the pull generation) before the
    // progress ends, so a client that waits for the end sees the final generation.
    state.schedule_all();
    if let Some(p) = progress {
        p.finish_with_message(format!("{count} agent files")).await;
    }
    if flags.watched_files_dynamic {
        register_watchers(&state).await;
    } else {
        start_fallback_watcher(&state);
    }
}

async fn register_watchers(state: &Arc<State>) {
    let watchers = WATCH_GLOBS
        .iter()
        .map(|g| FileSystemWatcher { glob_pattern: GlobPattern::String(g.to_string()), kind: None })
        .collect();
    let options = DidChangeWatchedFilesRegistrationOptions { watchers };
    let registration = Registration {
        id: "agentls-watched-files".into(),
        method: "workspace/didChangeWatchedFiles".into(),
        register_options: serde_json::to_value(options).ok(),
    };
    if let Err(e) = state.client.register_capability(vec![registration]).await {
        tracing::warn!("client refused file watching ({e}); using our own watcher");
        start_fallback_watcher(state);
    }
}

/// How long the fallback watcher waits for a burst of events (a `git checkout`, a save that
/// writes several files) to end before it applies them all at once.
const QUIET: Duration = Duration::from_millis(200);

/// True for events that change what is on disk. Reads (`Access`: open, close without write)
/// and access-time updates are not changes — and the server's own reads cause them, so
/// reacting to them would loop.
fn is_change(kind: EventKind) -> bool {
    match kind {
        EventKind::Modify(ModifyKind::Metadata(m)) => !matches!(m, MetadataKind::AccessTime),
        EventKind::Create(_) | EventKind::Remove(_) | EventKind::Modify(_) | EventKind::Any => true,
        EventKind::Access(_) | EventKind::Other => false,
    }
}

/// Watches the roots ourselves (clients that cannot watch for us): only events that change the
/// disk, coalesced per burst, so an idle workspace costs nothing.
fn start_fallback_watcher(state: &Arc<State>) {
    let (tx, mut rx) = tokio::sync::mpsc::unbounded_channel::<Vec<PathBuf>>();
    let watcher = notify::recommended_watcher(move |res: notify::Result<notify::Event>| match res {
        Ok(event) if is_change(event.kind) => {
            let _ = tx.send(event.paths);
        }
        Ok(_) => {}
        Err(e) => tracing::warn!("file watcher: {e}"),
    });
    let mut watcher = match watcher {
        Ok(w) => w,
        Err(e) => {
            tracing::warn!("cannot start a file watcher ({e}); the index follows open documents only");
            return;
        }
    };
    for root in state.index_folders() {
        if let Err(e) = watcher.watch(&root, notify::RecursiveMode::Recursive) {
            tracing::warn!("cannot watch {}: {e}", root.display());
        }
    }
    if let Ok(mut w) = state.watcher.lock() {
        *w = Some(watcher);
    }
    let state = state.clone();
    tokio::spawn(async move {
        while let Some(first) = rx.recv().await {
            let mut burst: std::collections::BTreeSet<PathBuf> = first.into_iter().collect();
            while let Ok(Some(more)) = tokio::time::timeout(QUIET, rx.recv()).await {
                burst.extend(more);
            }
            let paths: Vec<PathBuf> = burst.into_iter().collect();
            apply_and_republish(&state, "file watcher", paths).await;
        }
    });
}

/// Applies disk changes of `paths` to the index (on a blocking thread) and republishes the
/// open documents when something they may depend on changed.
async fn apply_and_republish(state: &Arc<State>, what: &str, paths: Vec<PathBuf>) {
    tracing::debug!("{what}: {paths:?}");
    if paths.iter().any(|p| is_config_file(p) || is_plugin_manifest(p)) {
        // Dialects, exclusions and levels of any file may change: reload everything.
        super::settings::reload(state).await;
        return;
    }
    let changed = state
        .run(format!("{what}: {} path(s)", paths.len()), move |st| {
            paths.iter().fold(Changed::default(), |mut acc, p| {
                acc.merge(apply_change(st, p));
                acc
            })
        })
        .await
        .unwrap_or_else(|_| Changed::everything());
    state.republish_dependents(changed, None);
}

/// Brings the index up to date with `path` on disk (created, changed, deleted or renamed;
/// folders included). Open documents are left alone: the editor's text wins. Returns what
/// other files' findings may depend on.
pub fn apply_change(state: &State, path: &Path) -> Changed {
    let _serial = state.index_updates.lock();
    if state.docs.at_path(path).is_some() {
        return Changed::default();
    }
    if path.is_dir() {
        let mut walked: Walked = walk(path, &state.classifier);
        // Open documents override their files: the editor's text stays in the index.
        walked.files.retain(|f| state.docs.at_path(&f.path).is_none());
        let any = !walked.files.is_empty() || !walked.mcp_configs.is_empty();
        fill(&state.index, walked);
        return if any { Changed::everything() } else { Changed::default() };
    }
    if is_mcp_config(path) {
        state.index.set_mcp_config(path.to_path_buf(), if path.exists() { read_mcp_config(path) } else { Vec::new() });
        return Changed::everything();
    }
    if !path.exists() {
        return state.index.remove_under(path);
    }
    match state.classifier.detect(path).and_then(|det| summarize(path, &det)) {
        Some(s) => state.index.upsert(s),
        None => state.index.remove(path),
    }
}

/// True for a Claude Code plugin manifest (`.claude-plugin/plugin.json`): which files are
/// plugin agents, and their plugin's name, depend on it.
fn is_plugin_manifest(path: &Path) -> bool {
    path.ends_with(".claude-plugin/plugin.json")
}

/// `workspace/didChangeWatchedFiles`.
pub async fn watched_files_changed(state: Arc<State>, params: DidChangeWatchedFilesParams) {
    let paths: Vec<PathBuf> =
        params.changes.iter().filter_map(|c| c.uri.to_file_path().map(std::borrow::Cow::into_owned)).collect();
    apply_and_republish(&state, "didChangeWatchedFiles", paths).await;
}
