//! Reference resolution: which definitions a reference names, by the rules of the consumer that
//! reads it (formats.md §4.2, §8.13).

use std::path::Path;
use std::sync::Arc;

use super::summary::{FileSummary, RefKind, Reference};
use super::{normalize, target_name, WorkspaceIndex};
use crate::knowledge::DefinitionKind;
use crate::knowledge::{knowledge, Dialect};

/// What a reference resolves to.
#[derive(Debug, Clone)]
pub enum Resolution {
    /// Definitions in the workspace (more than one when duplicated).
    Found(Vec<Arc<FileSummary>>),
    /// A built-in agent of the consumer.
    Builtin,
    /// Nothing.
    Missing,
}

/// Which definitions a reference kind may name, and how names compare.
struct Rule {
    kinds: &'static [DefinitionKind],
    dialects: &'static [Dialect],
    /// Case- and separator-insensitive (Claude Code, v2.1.140).
    insensitive: bool,
}

fn rule(kind: RefKind) -> Option<Rule> {
    const VSCODE: &[Dialect] = &[Dialect::CopilotAgent, Dialect::CopilotPrompt, Dialect::ClaudeAgent];
    const CLAUDE: &[Dialect] = &[Dialect::ClaudeAgent];
    Some(match kind {
        RefKind::HandoffAgent | RefKind::AgentsItem | RefKind::PromptAgent => {
            Rule { kinds: &[DefinitionKind::Agent, DefinitionKind::Prompt], dialects: VSCODE, insensitive: false }
        }
        RefKind::SkillAgent | RefKind::AgentTool | RefKind::SubagentType | RefKind::Mention => {
            Rule { kinds: &[DefinitionKind::Agent], dialects: CLAUDE, insensitive: true }
        }
        RefKind::OpencodeAgent => {
            Rule { kinds: &[DefinitionKind::Agent], dialects: &[Dialect::OpencodeAgent], insensitive: false }
        }
        RefKind::SkillsItem => {
            Rule { kinds: &[DefinitionKind::Skill], dialects: &[Dialect::Skill], insensitive: false }
        }
        RefKind::NaturalLanguage => Rule {
            kinds: &[DefinitionKind::Agent],
            dialects: &[
                Dialect::ClaudeAgent,
                Dialect::CopilotAgent,
                Dialect::OpencodeAgent,
                Dialect::GeminiAgent,
                Dialect::CursorAgent,
            ],
            insensitive: true,
        },
        _ => return None,
    })
}

fn builtins(kind: RefKind) -> &'static [String] {
    let b = &knowledge().builtin_agents;
    match kind {
        RefKind::HandoffAgent | RefKind::AgentsItem | RefKind::PromptAgent => &b.vscode,
        RefKind::SkillAgent
        | RefKind::AgentTool
        | RefKind::SubagentType
        | RefKind::Mention
        | RefKind::NaturalLanguage => &b.claude,
        RefKind::OpencodeAgent => &b.opencode,
        _ => &[],
    }
}

/// True when `def` is a definition `r` (of kind `kind`) may name.
fn matches(rule: &Rule, target: &str, def: &FileSummary) -> bool {
    let Some(d) = &def.definition else { return false };
    if !rule.kinds.contains(&d.kind) || !rule.dialects.contains(&def.detected.dialect) {
        return false;
    }
    let (plugin, name) = match target.rsplit_once(':') {
        Some((p, n)) => (Some(p), n),
        None => (None, target),
    };
    if let Some(p) = plugin {
        let def_plugin = def.detected.plugin.as_deref().unwrap_or("");
        if !(def_plugin == p || p.starts_with(&format!("{def_plugin}:"))) {
            return false;
        }
    }
    if rule.insensitive {
        normalize(&d.identity) == normalize(name)
    } else {
        d.identity == name
    }
}

/// Resolves `r` against `index`.
pub fn resolve(index: &WorkspaceIndex, r: &Reference) -> Resolution {
    let Some(rule) = rule(r.kind) else { return Resolution::Missing };
    let found: Vec<_> =
        index.defining(target_name(&r.target)).into_iter().filter(|d| matches(&rule, &r.target, d)).collect();
    if !found.is_empty() {
        return Resolution::Found(found);
    }
    let is_builtin = builtins(r.kind).iter().any(|b| {
        if rule.insensitive {
            normalize(b) == normalize(&r.target)
        } else {
            **b == *r.target
        }
    });
    if is_builtin {
        Resolution::Builtin
    } else {
        Resolution::Missing
    }
}

/// The names a reference of `kind` could use, closest to `target` first (for messages and
/// completion): workspace identities and built-ins.
pub fn available(index: &WorkspaceIndex, kind: RefKind) -> Vec<(String, Option<Arc<FileSummary>>)> {
    let Some(rule) = rule(kind) else { return Vec::new() };
    let mut out: Vec<(String, Option<Arc<FileSummary>>)> = index
        .definitions()
        .into_iter()
        .filter(|d| {
            d.definition.as_ref().is_some_and(|def| rule.kinds.contains(&def.kind))
                && rule.dialects.contains(&d.detected.dialect)
        })
        .map(|d| (d.definition.as_ref().map(|x| x.identity.clone()).unwrap_or_default(), Some(d)))
        .collect();
    out.extend(builtins(kind).iter().map(|b| (b.clone(), None)));
    out.sort_by(|a, b| a.0.cmp(&b.0));
    out.dedup_by(|a, b| a.0 == b.0);
    out
}

/// Every reference in the workspace that resolves to the definition in `def_path`, as
/// (referring file, reference).
pub fn references_to(index: &WorkspaceIndex, def_path: &Path) -> Vec<(Arc<FileSummary>, Reference)> {
    let Some(def) = index.get(def_path) else { return Vec::new() };
    let Some(d) = &def.definition else { return Vec::new() };
    let mut out = Vec::new();
    for file in index.referring(&d.identity) {
        for r in file.references.iter().filter(|r| r.kind.is_definition_ref()) {
            if normalize(target_name(&r.target)) != normalize(&d.identity) {
                continue;
            }
            if let Resolution::Found(defs) = resolve(index, r) {
                if defs.iter().any(|x| x.path == def_path) {
                    out.push((file.clone(), r.clone()));
                }
            }
        }
    }
    out.sort_by(|a, b| (&a.0.path, a.1.span.range.start).cmp(&(&b.0.path, b.1.span.range.start)));
    out
}
