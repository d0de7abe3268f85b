//! Which consumers read a file: the dialects' `[discovery] readers` (formats.md §1.1.1, §2.1,
//! §2.5, §3, §4.1; the oracle tier where it ran them), and the consumer catalogue
//! (`catalogues/consumers.toml`: names and verified versions).

use std::collections::HashMap;
use std::path::Path;
use std::sync::OnceLock;

use globset::{GlobBuilder, GlobSet, GlobSetBuilder};

use super::detect::slash_path;
use super::{knowledge, ConsumerInfo, Detected, Dialect, Reader};

/// The consumer `id` from the catalogue.
pub fn consumer(id: &str) -> Option<&'static ConsumerInfo> {
    knowledge().consumers.consumer.iter().find(|c| c.id == id)
}

/// The name of consumer `id` (`Claude Code`), or the id itself when the catalogue lacks it.
pub fn consumer_name(id: &str) -> &str {
    consumer(id).map_or(id, |c| c.name.as_str())
}

/// The position of consumer `id` in the catalogue (its order in verdicts).
pub fn consumer_rank(id: &str) -> usize {
    knowledge().consumers.consumer.iter().position(|c| c.id == id).unwrap_or(usize::MAX)
}

/// Each dialect's readers with their globs compiled.
fn compiled() -> &'static HashMap<Dialect, Vec<(&'static Reader, GlobSet)>> {
    static C: OnceLock<HashMap<Dialect, Vec<(&'static Reader, GlobSet)>>> = OnceLock::new();
    C.get_or_init(|| {
        Dialect::ALL
            .iter()
            .map(|&d| {
                let readers = knowledge().dialect(d).discovery.readers.iter().map(|r| (r, globs(d, r))).collect();
                (d, readers)
            })
            .collect()
    })
}

fn globs(d: Dialect, r: &Reader) -> GlobSet {
    let mut set = GlobSetBuilder::new();
    for g in &r.globs {
        let glob = GlobBuilder::new(g)
            .literal_separator(true)
            .build()
            .unwrap_or_else(|e| panic!("{}: reader {} glob {g:?}: {e}", d.id(), r.consumer));
        set.add(glob);
    }
    set.build().expect("reader globs compile")
}

/// The consumers that read the file at `path`, detected as `detected`, in catalogue order: a
/// reader whose globs match the path, or (for a file inside a Claude Code plugin) a reader that
/// reads plugins. Empty for a file no consumer discovers where it is (named on the command line
/// and detected by content, or a suffix-only match such as `docs/x.agent.md`). Without a path,
/// every reader of the dialect.
pub fn readers_of(detected: &Detected, path: Option<&Path>) -> Vec<&'static Reader> {
    let Some(readers) = compiled().get(&detected.dialect) else { return Vec::new() };
    let joined = path.map(slash_path);
    let mut out: Vec<&'static Reader> = readers
        .iter()
        .filter(|(r, set)| {
            !detected.by_content
                && match &joined {
                    None => true,
                    Some(p) => set.is_match(p) || (r.plugin && detected.plugin.is_some()),
                }
        })
        .map(|(r, _)| *r)
        .collect();
    out.sort_by_key(|r| consumer_rank(&r.consumer));
    out.dedup_by(|a, b| a.consumer == b.consumer);
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::knowledge::detect_by_path;

    fn ids(p: &str) -> Vec<String> {
        let d = detect_by_path(Path::new(p), None).expect("a dialect");
        readers_of(&d, Some(Path::new(p))).iter().map(|r| r.consumer.clone()).collect()
    }

    #[test]
    fn the_catalogue_lists_the_configuration_consumers_in_order() {
        let ids: Vec<&str> = knowledge().consumers.consumer.iter().map(|c| c.id.as_str()).collect();
        assert_eq!(ids, crate::config::CONSUMERS);
    }

    #[test]
    fn every_reader_names_a_known_consumer_and_reads_its_dialect() {
        for &d in Dialect::ALL {
            let spec = knowledge().dialect(d);
            assert!(!spec.discovery.readers.is_empty(), "{} has no readers", d.id());
            for r in &spec.discovery.readers {
                assert!(consumer(&r.consumer).is_some(), "{}: unknown consumer {}", d.id(), r.consumer);
                assert!(!r.globs.is_empty() || r.plugin, "{}: reader {} reads nothing", d.id(), r.consumer);
            }
        }
    }

    #[test]
    fn claude_agents_are_read_by_three_consumers_subfolders_by_claude_code_only() {
        assert_eq!(ids("/w/.claude/agents/a.md"), ["claude-code", "vscode", "copilot-cli"]);
        assert_eq!(ids("/w/.claude/agents/sub/a.md"), ["claude-code"]);
        assert_eq!(ids("/w/.github/agents/a.md"), ["vscode", "copilot-cli", "github-copilot"]);
        assert_eq!(ids("/w/.opencode/agents/a.md"), ["opencode"]);
        assert_eq!(ids("/w/.gemini/agents/a.md"), ["gemini-cli"]);
        assert!(ids("/w/docs/a.agent.md").is_empty(), "VS Code reads `*.agent.md` only in its folders");
    }

    #[test]
    fn plugin_agents_are_read_by_claude_code() {
        let p =
            crate::knowledge::PluginInfo { name: "kit".into(), relative: "agents/x.md".into(), listed_agent: false };
        let d = detect_by_path(Path::new("/p/agents/x.md"), Some(&p)).unwrap();
        let got: Vec<&str> =
            readers_of(&d, Some(Path::new("/p/agents/x.md"))).iter().map(|r| r.consumer.as_str()).collect();
        assert_eq!(got, ["claude-code"]);
    }
}
