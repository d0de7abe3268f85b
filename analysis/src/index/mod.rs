//! The workspace index: every definition (agents, prompts, commands, skills) and every reference
//! in the workspace, kept current file by file. Pure data: the edges (`lsp`, `cli`, `discover`)
//! feed it [`FileSummary`]s and MCP configurations.
//!
//! Concurrent reads and writes go through `dashmap`; no guard is held across an `.await` (the
//! index is only touched from synchronous code).

mod body_scan;
mod extract;
pub mod links;
pub mod resolve;
pub mod span;
pub mod summary;

use std::path::{Path, PathBuf};
use std::sync::{Arc, RwLock};

use dashmap::DashMap;

pub use body_scan::{BodyScan, ItemKind, ScanItem};
pub use links::display_path;
pub use span::{Span, SpanPos};
pub use summary::{file_stem, Definition, FileSummary, RefKind, Reference};

/// Normalised lookup key: lowercase, spaces and `_` as `-` (Claude Code matches `subagent_type`
/// case- and separator-insensitively, formats.md §4.2).
pub fn normalize(name: &str) -> String {
    name.trim().chars().map(|c| if c.is_whitespace() || c == '_' { '-' } else { c.to_ascii_lowercase() }).collect()
}

/// All indexed files.
#[derive(Debug, Default)]
pub struct WorkspaceIndex {
    files: DashMap<PathBuf, Arc<FileSummary>>,
    /// Normalised identity → files defining it.
    by_identity: DashMap<String, Vec<PathBuf>>,
    /// Normalised reference target → files referring to it.
    by_target: DashMap<String, Vec<PathBuf>>,
    /// MCP configuration file → server names it defines.
    mcp_configs: DashMap<PathBuf, Vec<String>>,
    /// Workspace roots.
    roots: RwLock<Vec<PathBuf>>,
}

/// Adds `path` under `key`, keeping each list sorted and without repeats: lookups answer in
/// path order whatever order (or thread) the files were indexed in.
fn add(map: &DashMap<String, Vec<PathBuf>>, key: String, path: &Path) {
    let mut paths = map.entry(key).or_default();
    if let Err(at) = paths.binary_search_by(|p| p.as_path().cmp(path)) {
        paths.insert(at, path.to_path_buf());
    }
}

/// The distinct normalised targets of a file's definition references.
fn target_keys(summary: &FileSummary) -> Vec<String> {
    // Bodies repeat the same few names: normalise each distinct one once.
    let distinct: std::collections::HashSet<&str> =
        summary.references.iter().filter(|r| r.kind.is_definition_ref()).map(|r| &*r.target).collect();
    let mut keys: Vec<String> = distinct.into_iter().map(|t| normalize(target_name(t))).collect();
    keys.sort_unstable();
    keys.dedup();
    keys
}

fn drop_from(map: &DashMap<String, Vec<PathBuf>>, key: &str, path: &Path) {
    if let Some(mut e) = map.get_mut(key) {
        e.retain(|p| p != path);
    }
    map.remove_if(key, |_, v| v.is_empty());
}

/// What an index update changed, for republishing other documents: the normalised names whose
/// definition (identity, kind, preloadability, `name:` position) or referrers changed, or
/// everything (an MCP configuration, a folder). A document whose cross-file findings can change
/// defines or references one of these names ([`Changed::concerns`]).
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct Changed {
    /// Everything may have changed.
    pub all: bool,
    /// The names concerned.
    pub names: std::collections::BTreeSet<String>,
}

impl Changed {
    /// Everything may have changed.
    pub fn everything() -> Self {
        Self { all: true, names: std::collections::BTreeSet::new() }
    }

    /// Nothing changed.
    pub fn is_empty(&self) -> bool {
        !self.all && self.names.is_empty()
    }

    /// Adds `other`'s changes.
    pub fn merge(&mut self, other: Changed) {
        self.all |= other.all;
        self.names.extend(other.names);
    }

    /// True when a file summarised as `summary` may now get other cross-file findings: it
    /// defines or references a changed name (or everything changed).
    pub fn concerns(&self, summary: &FileSummary) -> bool {
        self.all || !self.concerning(summary).is_empty()
    }

    /// The changed names `summary` defines or references.
    pub fn concerning(&self, summary: &FileSummary) -> Vec<String> {
        let own = summary.definition.as_ref().map(|d| normalize(&d.identity));
        own.into_iter().chain(target_keys(summary)).filter(|k| self.names.contains(k)).collect()
    }

    /// The names `old` and `new` (two versions of one file) differ in.
    fn between(old: Option<&FileSummary>, new: Option<&FileSummary>) -> Self {
        let keys = |s: Option<&FileSummary>| -> std::collections::BTreeSet<(String, Option<DefinitionKey>)> {
            let Some(s) = s else { return std::collections::BTreeSet::new() };
            let def = s.definition.as_ref().map(|d| (normalize(&d.identity), Some(DefinitionKey::of(d))));
            def.into_iter().chain(target_keys(s).into_iter().map(|k| (k, None))).collect()
        };
        let (a, b) = (keys(old), keys(new));
        let names = a.symmetric_difference(&b).map(|(k, _)| k.clone()).collect();
        Self { all: false, names }
    }
}

/// What of a definition other files' findings depend on.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
struct DefinitionKey {
    kind: String,
    preloadable: bool,
    name_at: Option<(usize, usize)>,
}

impl DefinitionKey {
    fn of(d: &Definition) -> Self {
        Self {
            kind: format!("{:?}", d.kind),
            preloadable: !d.model_invocation_disabled,
            name_at: d.name_span.as_ref().map(|s| (s.range.start, s.range.end)),
        }
    }
}

impl WorkspaceIndex {
    /// An empty index over `roots`.
    pub fn new(roots: Vec<PathBuf>) -> Self {
        Self { roots: RwLock::new(roots), ..Default::default() }
    }

    /// The workspace roots.
    pub fn roots(&self) -> Vec<PathBuf> {
        self.roots.read().map(|r| r.clone()).unwrap_or_default()
    }

    /// Replaces the workspace roots.
    pub fn set_roots(&self, roots: Vec<PathBuf>) {
        if let Ok(mut r) = self.roots.write() {
            *r = roots;
        }
    }

    /// Adds or replaces a file's summary (owned, or the `Arc` a `Snapshot` already holds: no
    /// copy). Returns the names whose definitions or referrers changed, which may change other
    /// files' diagnostics.
    pub fn upsert(&self, summary: impl Into<Arc<FileSummary>>) -> Changed {
        let summary: Arc<FileSummary> = summary.into();
        let path = summary.path.clone();
        let old = self.files.get(&path).map(|f| f.clone());
        let changed = Changed::between(old.as_deref(), Some(&summary));
        // The new keys first, the stale ones dropped after: a concurrent lookup never misses a
        // name both versions define or reference (re-indexing an unchanged file, as every
        // document does when the cold index ends, is invisible to other documents' analyses).
        let identity = summary.definition.as_ref().map(|d| normalize(&d.identity));
        if let Some(id) = &identity {
            add(&self.by_identity, id.clone(), &path);
        }
        let targets = target_keys(&summary);
        for key in &targets {
            add(&self.by_target, key.clone(), &path);
        }
        self.files.insert(path.clone(), summary);
        if let Some(old) = old {
            let old_identity = old.definition.as_ref().map(|d| normalize(&d.identity));
            if let Some(k) = old_identity.filter(|k| identity.as_ref() != Some(k)) {
                drop_from(&self.by_identity, &k, &path);
            }
            for key in target_keys(&old).iter().filter(|k| targets.binary_search(k).is_err()) {
                drop_from(&self.by_target, key, &path);
            }
        }
        changed
    }

    /// Removes a file. Returns the names it defined or referenced.
    pub fn remove(&self, path: &Path) -> Changed {
        let old = self.remove_keys(path);
        self.files.remove(path);
        let mut changed = Changed::between(old.as_deref(), None);
        if self.mcp_configs.remove(path).is_some() {
            changed.all = true;
        }
        changed
    }

    /// Removes `path` and every file below it (a deleted folder). Returns what they defined or
    /// referenced (everything, when an MCP configuration goes).
    pub fn remove_under(&self, path: &Path) -> Changed {
        let doomed: Vec<PathBuf> =
            self.files.iter().filter(|f| f.key().starts_with(path)).map(|f| f.key().clone()).collect();
        let configs: Vec<PathBuf> =
            self.mcp_configs.iter().filter(|c| c.key().starts_with(path)).map(|c| c.key().clone()).collect();
        let mut changed = Changed { all: !configs.is_empty(), ..Changed::default() };
        for c in configs {
            self.mcp_configs.remove(&c);
        }
        for p in doomed {
            changed.merge(self.remove(&p));
        }
        changed
    }

    fn remove_keys(&self, path: &Path) -> Option<Arc<FileSummary>> {
        let old = self.files.get(path).map(|f| f.clone())?;
        if let Some(d) = &old.definition {
            drop_from(&self.by_identity, &normalize(&d.identity), path);
        }
        for key in target_keys(&old) {
            drop_from(&self.by_target, &key, path);
        }
        Some(old)
    }

    /// The path of every indexed file, sorted.
    pub fn paths(&self) -> Vec<PathBuf> {
        let mut paths: Vec<PathBuf> = self.files.iter().map(|f| f.key().clone()).collect();
        paths.sort();
        paths
    }

    /// Forgets every file and MCP configuration (the roots stay).
    pub fn clear(&self) {
        self.files.clear();
        self.by_identity.clear();
        self.by_target.clear();
        self.mcp_configs.clear();
    }

    /// The summary of `path`.
    pub fn get(&self, path: &Path) -> Option<Arc<FileSummary>> {
        self.files.get(path).map(|f| f.clone())
    }

    /// Number of indexed files.
    pub fn len(&self) -> usize {
        self.files.len()
    }

    /// True when nothing is indexed.
    pub fn is_empty(&self) -> bool {
        self.files.is_empty()
    }

    /// Files defining a name whose normalised form is `normalize(name)`.
    pub fn defining(&self, name: &str) -> Vec<Arc<FileSummary>> {
        let paths = self.by_identity.get(&normalize(name)).map(|v| v.clone()).unwrap_or_default();
        paths.iter().filter_map(|p| self.get(p)).collect()
    }

    /// Files with a reference whose normalised target is `normalize(name)`.
    pub fn referring(&self, name: &str) -> Vec<Arc<FileSummary>> {
        let paths = self.by_target.get(&normalize(name)).map(|v| v.clone()).unwrap_or_default();
        paths.iter().filter_map(|p| self.get(p)).collect()
    }

    /// Every file with a definition (a snapshot of the index, in no particular order).
    pub fn definitions(&self) -> Vec<Arc<FileSummary>> {
        self.files.iter().filter(|f| f.definition.is_some()).map(|f| f.clone()).collect()
    }

    /// Records the server names an MCP configuration file defines.
    pub fn set_mcp_config(&self, path: PathBuf, servers: Vec<String>) {
        self.mcp_configs.insert(path, servers);
    }

    /// True when some MCP configuration in the workspace defines `server`.
    pub fn mcp_server_configured(&self, server: &str) -> bool {
        self.mcp_configs.iter().any(|c| c.value().iter().any(|s| s == server))
    }

    /// All configured MCP server names.
    pub fn mcp_servers(&self) -> Vec<String> {
        let mut all: Vec<String> = self.mcp_configs.iter().flat_map(|c| c.value().clone()).collect();
        all.sort();
        all.dedup();
        all
    }
}

/// The name part of a possibly plugin-qualified target (`kit:review` → `review`).
pub fn target_name(target: &str) -> &str {
    target.rsplit(':').next().unwrap_or(target)
}
