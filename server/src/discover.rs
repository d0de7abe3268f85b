//! Finding agent files on disk and the Claude Code plugins they belong to (formats.md §4.1).
//!
//! The only module besides `lsp` and `cli` that touches the file system; both edges use it so
//! the editor and `agentls check` classify every file the same way.

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};

use serde::Deserialize;

use agentls_analysis::index::{FileSummary, WorkspaceIndex};
use agentls_analysis::knowledge::{detect_by_path, Detected, PluginInfo};
use agentls_analysis::{Snapshot, TextShape};

use crate::config::ConfigCache;

/// `.claude-plugin/plugin.json`, the parts detection needs.
#[derive(Debug, Clone, Default, Deserialize)]
struct Manifest {
    name: Option<String>,
    #[serde(default)]
    agents: Option<PathList>,
}

/// A manifest path field: one path or a list.
#[derive(Debug, Clone, Deserialize)]
#[serde(untagged)]
enum PathList {
    One(String),
    Many(Vec<String>),
}

/// A plugin root and its manifest.
#[derive(Debug, Clone)]
struct Plugin {
    root: PathBuf,
    name: String,
    /// Manifest `agents` paths relative to the root, without `./`.
    agents: Vec<String>,
}

/// Decides which files are agent files, of which dialect, under which configuration: the
/// configuration's `[[files.dialect]]` and `[files]` first, then the dialects' path rules and
/// the Claude Code plugin a file belongs to. Caches plugin and configuration lookups per folder.
#[derive(Debug, Default)]
pub struct Classifier {
    by_dir: Mutex<HashMap<PathBuf, Option<Plugin>>>,
    /// When set, plugin manifests are looked for only in these folders and below (the server's
    /// workspace and user folders), so nothing outside them is read.
    boundaries: std::sync::RwLock<Vec<PathBuf>>,
    /// Configuration files.
    pub configs: ConfigCache,
}

impl Classifier {
    /// The plugin containing `path`, if an ancestor directory has `.claude-plugin/plugin.json`.
    /// An unreadable or malformed manifest still marks a plugin (named after its folder).
    pub fn plugin_of(&self, path: &Path) -> Option<PluginInfo> {
        let boundaries = self.boundaries.read().map(|b| b.clone()).unwrap_or_default();
        let mut dir = path.parent();
        while let Some(d) = dir {
            if !boundaries.is_empty() && !boundaries.iter().any(|b| d.starts_with(b)) {
                return None;
            }
            if let Some(p) = self.lookup(d) {
                let relative = path.strip_prefix(&p.root).ok()?.to_string_lossy().replace('\\', "/");
                let listed_agent = p
                    .agents
                    .iter()
                    .any(|a| relative == *a || relative.starts_with(&format!("{}/", a.trim_end_matches('/'))));
                return Some(PluginInfo { name: p.name, relative, listed_agent });
            }
            dir = d.parent();
        }
        None
    }

    /// A classifier reading configuration files as `configs` does.
    pub fn with_configs(configs: ConfigCache) -> Self {
        Self { configs, ..Self::default() }
    }

    /// Restricts manifest and configuration lookups to `folders` and below (empty: no
    /// restriction, as for `agentls check`, which may look above an explicitly named path).
    pub fn set_boundaries(&self, folders: Vec<PathBuf>) {
        self.configs.set_boundaries(folders.clone());
        if let Ok(mut b) = self.boundaries.write() {
            *b = folders;
        }
    }

    /// Forgets every loaded configuration and plugin manifest (one of them changed).
    pub fn forget(&self) {
        self.configs.clear();
        if let Ok(mut m) = self.by_dir.lock() {
            m.clear();
        }
    }

    fn lookup(&self, dir: &Path) -> Option<Plugin> {
        if let Some(hit) = self.by_dir.lock().ok()?.get(dir) {
            return hit.clone();
        }
        let manifest_path = dir.join(".claude-plugin").join("plugin.json");
        let plugin = manifest_path.is_file().then(|| {
            let manifest: Manifest =
                std::fs::read(&manifest_path).ok().and_then(|b| serde_json::from_slice(&b).ok()).unwrap_or_default();
            let folder = dir.file_name().map(|f| f.to_string_lossy().into_owned()).unwrap_or_default();
            let agents = match manifest.agents {
                Some(PathList::One(p)) => vec![p],
                Some(PathList::Many(ps)) => ps,
                None => Vec::new(),
            };
            Plugin {
                root: dir.to_path_buf(),
                name: manifest.name.unwrap_or(folder),
                agents: agents.into_iter().map(|a| a.trim_start_matches("./").to_string()).collect(),
            }
        });
        if let Ok(mut map) = self.by_dir.lock() {
            map.insert(dir.to_path_buf(), plugin.clone());
        }
        plugin
    }

    /// Detects a file's dialect: `None` when the configuration excludes it; the configuration's
    /// `[[files.dialect]]` when one matches; else by path, looking up its plugin.
    pub fn detect(&self, path: &Path) -> Option<Detected> {
        let config = self.configs.for_file(path);
        // Configuration globs are relative to the configuration's folder (an absolute path).
        let absolute = std::path::absolute(path).unwrap_or_else(|_| path.to_path_buf());
        if config.excludes(&absolute) {
            return None;
        }
        if let Some(dialect) = config.dialect_of(&absolute) {
            let plugin = self.plugin_of(path).map(|p| p.name);
            return Some(Detected { dialect, plugin, chatmode: false, by_content: false });
        }
        let plugin = self.plugin_of(path);
        detect_by_path(path, plugin.as_ref())
    }

    /// A snapshot of `text`, the file at `path`, with its dialect and configuration.
    pub fn snapshot(&self, path: &Path, text: String, detected: Option<Detected>, shape: TextShape) -> Snapshot {
        Snapshot::new(Some(path.to_path_buf()), text, detected, None, shape).with_config(self.configs.for_file(path))
    }
}

/// A file found under a root.
#[derive(Debug)]
pub struct Found {
    /// Its path.
    pub path: PathBuf,
    /// Its dialect.
    pub detected: Detected,
}

/// What a walk found.
#[derive(Debug, Default)]
pub struct Walked {
    /// Agent files, sorted by path.
    pub files: Vec<Found>,
    /// MCP configurations (`.mcp.json`, `.vscode/mcp.json`).
    pub mcp_configs: Vec<PathBuf>,
    /// Walk errors (unreadable directories, loops).
    pub errors: Vec<String>,
}

/// True for `.mcp.json` and `.vscode/mcp.json`.
pub fn is_mcp_config(path: &Path) -> bool {
    let name = path.file_name().and_then(|f| f.to_str()).unwrap_or("");
    name == ".mcp.json"
        || (name == "mcp.json" && path.parent().and_then(|p| p.file_name()).is_some_and(|p| p == ".vscode"))
}

/// The server names an MCP configuration defines: the keys of `mcpServers` (Claude Code
/// `.mcp.json`) or `servers` (VS Code `.vscode/mcp.json`). Unreadable or invalid JSON → none.
pub fn read_mcp_config(path: &Path) -> Vec<String> {
    let Ok(bytes) = std::fs::read(path) else { return Vec::new() };
    mcp_servers_in(&bytes)
}

/// The server names of an MCP configuration's text (see [`read_mcp_config`]).
pub fn mcp_servers_in(bytes: &[u8]) -> Vec<String> {
    let Ok(json) = serde_json::from_slice::<serde_json::Value>(bytes) else { return Vec::new() };
    ["mcpServers", "servers"]
        .iter()
        .filter_map(|k| json.get(k).and_then(|v| v.as_object()))
        .flat_map(|o| o.keys().cloned())
        .collect()
}

/// Which ignore files a walk honours.
#[derive(Debug, Clone, Copy)]
pub struct WalkOptions {
    /// Honour `.gitignore`, `.ignore` and `.git/info/exclude` (`agentls check --no-ignore`: no).
    pub ignore_files: bool,
    /// Also honour the ignore files of the folders above the root (`agentls check` does not for
    /// the folders named on its command line).
    pub parent_ignore_files: bool,
}

impl Default for WalkOptions {
    fn default() -> Self {
        Self { ignore_files: true, parent_ignore_files: true }
    }
}

/// Walks `root` (respecting `.gitignore`, `.ignore` and git excludes; hidden folders such as
/// `.claude` and `.github` included; `.git`, `node_modules` and symlinks skipped) and returns
/// every file whose path gives it a dialect, and the MCP configurations. Directories are read on
/// every core (ripgrep's parallel walker); the result is sorted, so it does not depend on timing.
pub fn walk(root: &Path, cache: &Classifier) -> Walked {
    walk_with(root, cache, WalkOptions::default())
}

/// [`walk`] with a choice of the ignore files honoured.
pub fn walk_with(root: &Path, cache: &Classifier, options: WalkOptions) -> Walked {
    let walked = Mutex::new(Walked::default());
    ignore::WalkBuilder::new(root)
        .hidden(false)
        .follow_links(false)
        .require_git(false)
        .git_ignore(options.ignore_files)
        .git_exclude(options.ignore_files)
        .ignore(options.ignore_files)
        .parents(options.parent_ignore_files)
        // No global git config (~/.gitconfig, core.excludesFile): nothing outside the roots is read.
        .git_global(false)
        .filter_entry(|e| e.file_name() != ".git" && e.file_name() != "node_modules")
        .build_parallel()
        .run(|| {
            Box::new(|entry| {
                if let Some(found) = classify(entry, cache) {
                    if let Ok(mut w) = walked.lock() {
                        match found {
                            Entry::File(f) => w.files.push(f),
                            Entry::McpConfig(p) => w.mcp_configs.push(p),
                            Entry::Error(e) => w.errors.push(e),
                        }
                    }
                }
                ignore::WalkState::Continue
            })
        });
    let mut walked = walked.into_inner().unwrap_or_default();
    walked.files.sort_by(|a, b| a.path.cmp(&b.path));
    walked.mcp_configs.sort();
    walked.errors.sort();
    walked
}

/// What one walk entry contributes.
enum Entry {
    File(Found),
    McpConfig(PathBuf),
    Error(String),
}

/// Classifies one walk entry: an agent file (by path), an MCP configuration, an error, or
/// nothing (directories, other files).
fn classify(entry: Result<ignore::DirEntry, ignore::Error>, cache: &Classifier) -> Option<Entry> {
    let entry = match entry {
        Ok(e) => e,
        Err(e) => return Some(Entry::Error(e.to_string())),
    };
    if !entry.file_type().is_some_and(|t| t.is_file()) {
        return None;
    }
    let path = entry.path();
    if is_mcp_config(path) {
        return Some(Entry::McpConfig(path.to_path_buf()));
    }
    let is_md = path
        .extension()
        .and_then(|e| e.to_str())
        .is_some_and(|e| e.eq_ignore_ascii_case("md") || e.eq_ignore_ascii_case("mdc"));
    if !is_md {
        return None;
    }
    let detected = cache.detect(path)?;
    Some(Entry::File(Found { path: path.to_path_buf(), detected }))
}

/// Reads and summarises one file for the index (frontmatter parse and a regex scan of the
/// body; no Markdown parse). `None` if unreadable.
pub fn summarize(path: &Path, detected: &Detected) -> Option<Arc<FileSummary>> {
    let bytes = std::fs::read(path).ok()?;
    let text = String::from_utf8_lossy(&bytes).into_owned();
    Snapshot::new(Some(path.to_path_buf()), text, Some(detected.clone()), None, TextShape::Flat).summary()
}

/// Builds the index of `roots` (in parallel): every agent file and MCP configuration.
pub fn index_roots(roots: &[PathBuf], cache: &Classifier) -> WorkspaceIndex {
    let index = WorkspaceIndex::new(roots.to_vec());
    for root in roots {
        let walked = walk(root, cache);
        fill(&index, walked);
    }
    index
}

/// Adds what a walk found to `index`: reads and summarises its files in parallel.
pub fn fill(index: &WorkspaceIndex, walked: Walked) {
    use rayon::prelude::*;
    let summaries = walked.files.par_iter().filter_map(|f| summarize(&f.path, &f.detected));
    fill_index(index, &walked.mcp_configs, summaries);
}

/// The one way a [`WorkspaceIndex`] is filled — by the server's cold index, `agentls check` and
/// the benchmarks: the MCP configurations first (so a file that shows up can be checked against
/// them), then the files' summaries (from disk, or from the snapshots `check` already holds).
/// The index keeps its lists sorted, so the result does not depend on the order of arrival.
pub fn fill_index(
    index: &WorkspaceIndex,
    mcp_configs: &[PathBuf],
    summaries: impl rayon::iter::ParallelIterator<Item = Arc<FileSummary>>,
) {
    for c in mcp_configs {
        index.set_mcp_config(std::path::absolute(c).unwrap_or_else(|_| c.clone()), read_mcp_config(c));
    }
    summaries.for_each(|s| {
        index.upsert(s);
    });
}
