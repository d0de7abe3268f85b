//! The user's configuration (`agentls.toml` / `.agentls.toml`, or the editor's `agentls`
//! settings): rule levels, per-path overrides, which files are which dialect, knowledge the
//! workspace cannot show, and the consumers a project targets.
//!
//! Protocol- and file-system-free: [`Config::parse`] reads TOML text the edge loaded and reports
//! every problem at its byte range in that text, applying the valid rest (a bad config never
//! silences everything). The edge finds the file that applies to a document (the nearest one,
//! `extend` composing them) and hands the result to the [`crate::Snapshot`]; rules read it from
//! there.

mod apply;
mod parse;
pub mod suppress;

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use globset::GlobSet;

use crate::knowledge::Dialect;
use crate::text::TextRange;
use crate::Severity;

pub use parse::{CONSUMERS, KEYS};

/// How a rule is reported: off, or at a severity.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Level {
    /// Not reported.
    Off,
    /// Reported at this severity.
    On(Severity),
}

impl Level {
    /// Parses `off`, `hint`, `information` (or `info`), `warning`, `error`.
    pub fn parse(s: &str) -> Option<Level> {
        Some(match s {
            "off" => Level::Off,
            "hint" => Level::On(Severity::Hint),
            "information" | "info" => Level::On(Severity::Information),
            "warning" => Level::On(Severity::Warning),
            "error" => Level::On(Severity::Error),
            _ => return None,
        })
    }
}

/// `[rules]`: levels per code, and `select` / `ignore` lists (ruff's model: `select` keeps
/// only the codes named, `ignore` turns codes off; `all` means every code, a group name such as
/// `security` every code of that group).
#[derive(Debug, Clone, Default, PartialEq)]
pub struct RuleLevels {
    /// Level per diagnostic code.
    pub levels: BTreeMap<String, Level>,
    /// When set, only these codes are reported.
    pub select: Option<Vec<String>>,
    /// Codes never reported.
    pub ignore: Vec<String>,
}

/// `[[overrides]]`: rule levels for the files matching `files` (globs relative to the config
/// file's folder).
#[derive(Debug, Clone)]
pub struct Override {
    /// The globs as written.
    pub files: Vec<String>,
    /// Their matcher.
    pub matcher: GlobSet,
    /// The levels that apply there.
    pub rules: RuleLevels,
}

/// `[[files.dialect]]`: files matching `glob` (relative to the config file's folder) are of
/// `dialect`, whatever their path says.
#[derive(Debug, Clone)]
pub struct DialectGlob {
    /// The glob as written.
    pub glob: String,
    /// Its matcher.
    pub matcher: globset::GlobMatcher,
    /// The dialect.
    pub dialect: Dialect,
}

/// Names the workspace cannot show (`[knowledge]` for every dialect, `[knowledge.<dialect>]`
/// for one): they are known, never reported as unknown.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Extra {
    /// Tool names (extension tools, tools of user-level MCP servers).
    pub tools: Vec<String>,
    /// Model names (private models).
    pub models: Vec<String>,
    /// Agent names (user-level agents, agents of other repositories).
    pub agents: Vec<String>,
    /// MCP server names (configured in user settings).
    pub mcp_servers: Vec<String>,
}

/// A problem in a configuration file, at its byte range in that file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ConfigProblem {
    /// Where (bytes of the TOML text).
    pub range: TextRange,
    /// What is wrong and what was done instead.
    pub message: String,
}

/// A parsed configuration. The default is "no configuration": every rule at its default
/// level.
#[derive(Debug, Clone, Default)]
pub struct Config {
    /// The folder globs are relative to (the configuration file's folder).
    pub base: PathBuf,
    /// `extend`: another configuration file this one builds on (relative to `base`).
    pub extend: Option<String>,
    /// `[rules]`.
    pub rules: RuleLevels,
    /// `[[overrides]]`, in file order (a later one wins).
    pub overrides: Vec<Override>,
    /// `[files] include`: when set, only matching files are checked.
    pub include: Option<GlobSet>,
    /// `[files] exclude`: matching files are never checked.
    pub exclude: Option<GlobSet>,
    /// `[[files.dialect]]`.
    pub dialects: Vec<DialectGlob>,
    /// `[knowledge]` for every dialect.
    pub extra: Extra,
    /// `[knowledge.<dialect>]`.
    pub extra_by_dialect: BTreeMap<Dialect, Extra>,
    /// `consumers`: the consumers the project targets (ids such as `claude-code`, `vscode`);
    /// `None` means all.
    pub consumers: Option<Vec<String>>,
}

impl Config {
    /// `path` relative to [`Config::base`], `/`-separated, for glob matching; `None` outside it.
    fn relative(&self, path: &Path) -> Option<String> {
        let rel = path.strip_prefix(&self.base).ok()?;
        Some(rel.to_string_lossy().replace('\\', "/"))
    }

    /// The dialect `[[files.dialect]]` gives `path`, if any (the first matching entry).
    pub fn dialect_of(&self, path: &Path) -> Option<Dialect> {
        let rel = self.relative(path)?;
        self.dialects.iter().find(|d| d.matcher.is_match(&rel)).map(|d| d.dialect)
    }

    /// True when `[files]` include/exclude leave `path` out.
    pub fn excludes(&self, path: &Path) -> bool {
        let Some(rel) = self.relative(path) else { return false };
        self.exclude.as_ref().is_some_and(|x| x.is_match(&rel))
            || self.include.as_ref().is_some_and(|i| !i.is_match(&rel))
    }

    /// True when a name is declared known for `dialect` (`which` picks the list).
    pub fn knows(&self, dialect: Dialect, which: fn(&Extra) -> &Vec<String>, name: &str) -> bool {
        let hit = |e: &Extra| which(e).iter().any(|n| n == name);
        hit(&self.extra) || self.extra_by_dialect.get(&dialect).is_some_and(hit)
    }

    /// True when the project targets `consumer` (always, without a `consumers` list).
    pub fn targets(&self, consumer: &str) -> bool {
        self.consumers.as_ref().is_none_or(|c| c.iter().any(|x| x == consumer))
    }

    /// This configuration on top of `parent` (`extend`): everything set here wins, lists of
    /// overrides and dialect globs add to the parent's, levels merge code by code.
    pub fn on_top_of(mut self, parent: &Config) -> Config {
        let mut levels = parent.rules.levels.clone();
        levels.extend(std::mem::take(&mut self.rules.levels));
        self.rules.levels = levels;
        if self.rules.select.is_none() {
            self.rules.select.clone_from(&parent.rules.select);
        }
        let mut ignore = parent.rules.ignore.clone();
        ignore.append(&mut self.rules.ignore);
        self.rules.ignore = ignore;
        let mut overrides = parent.overrides.clone();
        overrides.append(&mut self.overrides);
        self.overrides = overrides;
        self.include = self.include.or_else(|| parent.include.clone());
        self.exclude = self.exclude.or_else(|| parent.exclude.clone());
        self.dialects.extend(parent.dialects.iter().cloned());
        merge_extra(&mut self.extra, &parent.extra);
        for (d, e) in &parent.extra_by_dialect {
            merge_extra(self.extra_by_dialect.entry(*d).or_default(), e);
        }
        self.consumers = self.consumers.or_else(|| parent.consumers.clone());
        self
    }
}

fn merge_extra(into: &mut Extra, from: &Extra) {
    into.tools.extend(from.tools.iter().cloned());
    into.models.extend(from.models.iter().cloned());
    into.agents.extend(from.agents.iter().cloned());
    into.mcp_servers.extend(from.mcp_servers.iter().cloned());
}
