//! `agentls check` never checks nothing in silence: when no file was checked, say why.

use std::path::PathBuf;

use super::report::plural;
use super::targets::{warn, Targets};
use crate::discover::{walk_with, Classifier, WalkOptions};

/// Where the discovery rules look, as the explanation lists them.
const RULES: &str = ".claude/agents/, .claude/commands/, .claude/rules/, SKILL.md, *.agent.md, \
                     .github/agents/, *.chatmode.md, *.prompt.md, *.instructions.md, .opencode/, \
                     .gemini/agents/, .cursor/agents/, …";

/// Explains on stderr why no file was checked: the agent files under the walked folders that
/// ignore files hide (counted by a second walk without them, only now), or that nothing there
/// matches the discovery rules. Files named explicitly have already been reported one by one.
pub(super) fn explain(targets: &Targets, classifier: &Classifier, ignore_files: bool) {
    if targets.walked.is_empty() {
        return;
    }
    let folders = targets.walked.iter().map(|p| p.display().to_string()).collect::<Vec<_>>().join(", ");
    let hidden = if ignore_files { hidden_by_ignore_files(&targets.walked, classifier) } else { 0 };
    if hidden > 0 {
        warn(&format!(
            "no file checked: {} under {folders} {} skipped because .gitignore or .ignore files cover {}; \
             run `agentls check --no-ignore` to check {}",
            plural(hidden, "agent file"),
            if hidden == 1 { "was" } else { "were" },
            if hidden == 1 { "it" } else { "them" },
            if hidden == 1 { "it" } else { "them" },
        ));
    } else {
        warn(&format!(
            "no file checked: nothing under {folders} matches the discovery rules ({RULES}); \
             name a file to check it by its frontmatter"
        ));
    }
}

/// How many agent files the walked folders hold when no ignore file is honoured.
fn hidden_by_ignore_files(folders: &[PathBuf], classifier: &Classifier) -> usize {
    let all = WalkOptions { ignore_files: false, parent_ignore_files: false };
    folders.iter().map(|f| walk_with(f, classifier, all).files.len()).sum()
}
