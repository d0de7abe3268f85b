//! Knowledge of the dialects, as data: field tables, tool and model catalogues, detection.
//!
//! The facts live in `server/data/**/*.toml` (embedded at build time, checked by tests); this
//! module loads them once ([`knowledge`]) and answers questions about them. Sources: the
//! sections of `shared/spec/formats.md` each data file cites.

mod detect;
pub mod models;
pub mod readers;
pub mod schema;
pub mod security;
pub mod tools;

pub use detect::{detect_by_content, detect_by_path, Detected, Dialect, PluginInfo};
pub use schema::*;

use std::collections::HashMap;
use std::sync::OnceLock;

/// All data files, parsed.
#[derive(Debug)]
pub struct Knowledge {
    /// Field tables by dialect.
    dialects: HashMap<Dialect, DialectSpec>,
    /// `catalogues/claude-tools.toml`.
    pub claude_tools: ClaudeToolCatalogue,
    /// `catalogues/vscode-tools.toml`.
    pub vscode_tools: VsCodeToolCatalogue,
    /// `catalogues/models.toml`.
    pub models: ModelCatalogue,
    /// `catalogues/builtin-agents.toml`.
    pub builtin_agents: BuiltinAgents,
    /// `catalogues/vscode-overlap.toml`.
    pub vscode_overlap: VsCodeOverlaps,
    /// `catalogues/gemini-tools.toml`.
    pub gemini_tools: GeminiToolCatalogue,
    /// `catalogues/consumers.toml`.
    pub consumers: ConsumerCatalogue,
}

impl Knowledge {
    /// The field table of `dialect`.
    pub fn dialect(&self, dialect: Dialect) -> &DialectSpec {
        &self.dialects[&dialect]
    }
}

impl DialectSpec {
    /// The field spec for `key`, if the dialect knows it.
    pub fn field(&self, key: &str) -> Option<&FieldSpec> {
        self.fields.iter().find(|f| f.key == key)
    }
}

/// Every user-level folder (relative to the home folder) some consumer reads, from the
/// dialects' `discovery.user_folders`, sorted and without repeats.
pub fn user_folders() -> Vec<&'static str> {
    let mut all: Vec<&str> = Dialect::ALL
        .iter()
        .flat_map(|&d| knowledge().dialect(d).discovery.user_folders.iter().map(String::as_str))
        .collect();
    all.sort_unstable();
    all.dedup();
    all
}

fn parse<T: serde::de::DeserializeOwned>(name: &str, src: &str) -> T {
    toml::from_str(src).unwrap_or_else(|e| panic!("embedded data file {name} is invalid: {e}"))
}

/// The embedded knowledge, parsed on first use.
///
/// # Panics
/// If an embedded data file does not match [`schema`]; `cargo test` checks every file, so a
/// release build cannot ship a broken one.
pub fn knowledge() -> &'static Knowledge {
    static K: OnceLock<Knowledge> = OnceLock::new();
    K.get_or_init(|| {
        let dialects = Dialect::ALL
            .iter()
            .map(|&d| {
                let spec: DialectSpec = parse(d.id(), d.data());
                assert_eq!(spec.id, d.id(), "data file id mismatch");
                (d, spec)
            })
            .collect();
        Knowledge {
            dialects,
            claude_tools: parse("claude-tools", include_str!("../../data/catalogues/claude-tools.toml")),
            vscode_tools: parse::<VsCodeToolCatalogue>(
                "vscode-tools",
                include_str!("../../data/catalogues/vscode-tools.toml"),
            )
            .with_bare_renames(),
            models: parse("models", include_str!("../../data/catalogues/models.toml")),
            builtin_agents: parse("builtin-agents", include_str!("../../data/catalogues/builtin-agents.toml")),
            vscode_overlap: parse("vscode-overlap", include_str!("../../data/catalogues/vscode-overlap.toml")),
            gemini_tools: parse("gemini-tools", include_str!("../../data/catalogues/gemini-tools.toml")),
            consumers: parse("consumers", include_str!("../../data/catalogues/consumers.toml")),
        }
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_data_file_loads_and_keys_are_unique() {
        let k = knowledge();
        for d in Dialect::ALL {
            let spec = k.dialect(*d);
            let mut keys: Vec<_> = spec.fields.iter().map(|f| f.key.as_str()).collect();
            keys.sort_unstable();
            let n = keys.len();
            keys.dedup();
            assert_eq!(n, keys.len(), "duplicate field in {}", d.id());
            for f in &spec.fields {
                assert!(!f.doc.trim().is_empty(), "{}.{} has no doc", d.id(), f.key);
            }
        }
        assert!(k.claude_tools.tool.iter().any(|t| t.name == "Agent"));
        assert!(k.vscode_tools.tool.iter().any(|t| t.name == "read/readFile"));
    }

    #[test]
    fn reading_effects_name_known_consumers() {
        let k = knowledge();
        for d in Dialect::ALL {
            let r = &k.dialect(*d).reading;
            let all = [r.clone()].into_iter().chain(r.plugin.as_deref().cloned());
            for r in all {
                let effects = [
                    &r.unquoted_colon,
                    &r.crlf_colon,
                    &r.unindented,
                    &r.flow_indent,
                    &r.tab_indent,
                    &r.misplaced,
                    &r.missing,
                    &r.duplicate_keys,
                    &r.null_value,
                    &r.empty_non_string,
                    &r.bom,
                ];
                for c in effects.into_iter().flatten().flat_map(|e| e.affects.iter().flatten()) {
                    assert!(crate::config::CONSUMERS.contains(&c.as_str()), "{}: unknown consumer {c}", d.id());
                }
            }
        }
    }

    #[test]
    fn no_name_is_both_current_and_legacy() {
        let k = knowledge();
        for l in &k.claude_tools.legacy {
            assert!(k.claude_tools.tool.iter().all(|t| t.name != l.name), "{}", l.name);
        }
        for r in &k.vscode_tools.renamed {
            assert!(k.vscode_tools.tool.iter().all(|t| t.name != r.name), "{}", r.name);
        }
    }
}
