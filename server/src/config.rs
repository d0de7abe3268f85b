//! Finding and loading configuration files (`agentls.toml`, `.agentls.toml`): the nearest one
//! from a file's folder upwards (to a boundary: a workspace root, a repository root, or the
//! file system root), `extend` composing them, editor settings under them all. Parsing is the
//! analysis crate's ([`Config::parse`]); this module only reads files.

use std::collections::{BTreeMap, HashMap};
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex, RwLock};

use agentls_analysis::config::{Config, ConfigProblem};
use agentls_analysis::{Diagnostic, Snapshot, TextShape};

/// The file names a configuration may have, in order of preference within one folder.
pub const FILE_NAMES: &[&str] = &["agentls.toml", ".agentls.toml"];

/// How many `extend` links are followed before giving up (a cycle, or a very deep chain).
const MAX_EXTEND: usize = 16;

/// True for a configuration file name.
pub fn is_config_file(path: &Path) -> bool {
    path.file_name().and_then(|f| f.to_str()).is_some_and(|f| FILE_NAMES.contains(&f))
}

/// Configurations by folder, loaded on first use.
#[derive(Debug, Default)]
pub struct ConfigCache {
    /// Folder → the configuration that applies to files in it.
    by_dir: Mutex<HashMap<PathBuf, Arc<Config>>>,
    /// Problems of every configuration file read, by file.
    problems: Mutex<BTreeMap<PathBuf, Vec<ConfigProblem>>>,
    /// Editor settings (`workspace/configuration`, section `agentls`): the base of every
    /// configuration (a file's settings win).
    base: RwLock<Arc<Config>>,
    /// Folders the upward search does not leave (workspace roots); empty: stop at a `.git`
    /// folder's parent or the file system root.
    boundaries: RwLock<Vec<PathBuf>>,
    /// `--isolated`: ignore every configuration file.
    isolated: bool,
    /// `--config PATH`: this file, for every file checked.
    explicit: Option<PathBuf>,
}

impl ConfigCache {
    /// A cache that reads no configuration file (`--isolated`) or only `explicit` (`--config`).
    pub fn new(isolated: bool, explicit: Option<PathBuf>) -> Self {
        Self { isolated, explicit, ..Self::default() }
    }

    /// Restricts the upward search to `folders` and below.
    pub fn set_boundaries(&self, folders: Vec<PathBuf>) {
        if let Ok(mut b) = self.boundaries.write() {
            *b = folders;
        }
    }

    /// Sets the editor settings and forgets every loaded configuration.
    pub fn set_base(&self, base: Config) {
        if let Ok(mut b) = self.base.write() {
            *b = Arc::new(base);
        }
        self.clear();
    }

    /// Forgets every loaded configuration (a configuration file changed).
    pub fn clear(&self) {
        if let Ok(mut m) = self.by_dir.lock() {
            m.clear();
        }
        if let Ok(mut p) = self.problems.lock() {
            p.clear();
        }
    }

    /// Problems of every configuration file read so far, by file.
    pub fn problems(&self) -> BTreeMap<PathBuf, Vec<ConfigProblem>> {
        self.problems.lock().map(|p| p.clone()).unwrap_or_default()
    }

    /// The configuration that applies to the file at `path` (relative paths are taken from
    /// the current folder, so one file is never loaded under two names).
    pub fn for_file(&self, path: &Path) -> Arc<Config> {
        let path = std::path::absolute(path).unwrap_or_else(|_| path.to_path_buf());
        let dir = path.parent().unwrap_or(&path);
        if let Some(hit) = self.by_dir.lock().ok().and_then(|m| m.get(dir).cloned()) {
            return hit;
        }
        let config = Arc::new(self.resolve(dir));
        if let Ok(mut m) = self.by_dir.lock() {
            m.insert(dir.to_path_buf(), config.clone());
        }
        config
    }

    fn base(&self) -> Arc<Config> {
        self.base.read().map(|b| b.clone()).unwrap_or_default()
    }

    /// The configuration for files in `dir`: the explicit one, the nearest file's, or the base.
    fn resolve(&self, dir: &Path) -> Config {
        let base = self.base();
        if self.isolated {
            return (*base).clone();
        }
        let file = self.explicit.clone().or_else(|| self.nearest(dir));
        match file {
            Some(f) => self.load(&f, 0).on_top_of(&base),
            None => (*base).clone(),
        }
    }

    /// The nearest configuration file from `dir` upwards, within the boundaries.
    fn nearest(&self, dir: &Path) -> Option<PathBuf> {
        let boundaries = self.boundaries.read().map(|b| b.clone()).unwrap_or_default();
        let mut at = Some(dir);
        while let Some(d) = at {
            if !boundaries.is_empty() && !boundaries.iter().any(|b| d.starts_with(b)) {
                return None;
            }
            if let Some(f) = FILE_NAMES.iter().map(|n| d.join(n)).find(|p| p.is_file()) {
                return Some(f);
            }
            if boundaries.is_empty() && d.join(".git").exists() {
                return None; // the repository root: nothing above it is this project's
            }
            at = d.parent();
        }
        None
    }

    /// Reads and parses the file at `path`, then what it extends; records its problems.
    fn load(&self, path: &Path, depth: usize) -> Config {
        let folder = path.parent().unwrap_or(Path::new("/")).to_path_buf();
        let (config, mut problems) = match std::fs::read_to_string(path) {
            Ok(text) => Config::parse(&text, &folder),
            Err(e) => {
                tracing::warn!("cannot read {}: {e}", path.display());
                (Config { base: folder.clone(), ..Config::default() }, Vec::new())
            }
        };
        let parent = match &config.extend {
            Some(_) if depth >= MAX_EXTEND => {
                problems.push(problem_at_start(format!(
                    "`extend` chain deeper than {MAX_EXTEND} files (a cycle?): not followed"
                )));
                None
            }
            Some(rel) => {
                let target = folder.join(rel);
                if target.is_file() {
                    Some(self.load(&target, depth + 1))
                } else {
                    problems.push(problem_at_start(format!("`extend = \"{rel}\"`: no such file; nothing extended")));
                    None
                }
            }
            None => None,
        };
        if let Ok(mut p) = self.problems.lock() {
            p.insert(path.to_path_buf(), problems);
        }
        match parent {
            Some(parent) => config.on_top_of(&parent),
            None => config,
        }
    }
}

fn problem_at_start(message: String) -> ConfigProblem {
    ConfigProblem { range: agentls_analysis::text::TextRange::empty(0), message }
}

/// One configuration file's problems as findings (`invalid-config` at their ranges), with the
/// file's text as a snapshot to convert positions.
#[derive(Debug)]
pub struct ConfigReport {
    /// The configuration file.
    pub path: PathBuf,
    /// Its text.
    pub snapshot: Snapshot,
    /// Its problems; empty when the file is valid.
    pub diagnostics: Vec<Diagnostic>,
}

/// Every configuration file read so far, valid ones included (with no findings): `check`
/// prints the problems, the server publishes them (and clears what it published before).
pub fn problem_reports(configs: &ConfigCache) -> Vec<ConfigReport> {
    configs
        .problems()
        .into_iter()
        .filter_map(|(path, problems)| {
            let text = std::fs::read_to_string(&path).ok()?;
            let snapshot = Snapshot::new(Some(path.clone()), text, None, None, TextShape::Flat);
            let diagnostics =
                problems.into_iter().map(|p| Diagnostic::new("invalid-config", p.range, p.message)).collect();
            Some(ConfigReport { path, snapshot, diagnostics })
        })
        .collect()
}
