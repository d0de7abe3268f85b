//! Entry points and reachability of one definition, by walking the index's references
//! backwards (the per-file form of [`super::Graph::unreachable`]).

use std::collections::{HashSet, VecDeque};
use std::path::{Path, PathBuf};

use super::edges::reaches;
use crate::index::resolve::references_to;
use crate::index::{FileSummary, WorkspaceIndex};

/// True when the definition's consumer can start it on its own: unless the user cannot pick it
/// (`user-invocable: false`) *and* no model invokes it automatically
/// (`disable-model-invocation: true`, retired `infer: false`). Only keys the dialect reads count
/// ([`crate::index::Definition`]), so Claude Code, `OpenCode`, Gemini CLI and Cursor subagents,
/// prompt files and commands without both flags are always entry points. False without a
/// definition.
pub fn is_entry(file: &FileSummary) -> bool {
    file.definition.as_ref().is_some_and(|d| !(d.user_invocation_disabled && d.model_invocation_disabled))
}

/// True when some entry point leads to the definition in `path` (itself included) over
/// [`reaches`] edges; `this` is the current version of that file (the index may hold an older
/// one).
pub(crate) fn reachable(index: &WorkspaceIndex, this: &FileSummary, path: &Path) -> bool {
    if is_entry(this) {
        return true;
    }
    let mut seen: HashSet<PathBuf> = HashSet::from([path.to_path_buf()]);
    let mut queue = VecDeque::from([path.to_path_buf()]);
    while let Some(p) = queue.pop_front() {
        for (referrer, r) in references_to(index, &p) {
            if !reaches(r.kind) || referrer.definition.is_none() || referrer.path == path {
                continue;
            }
            if is_entry(&referrer) {
                return true;
            }
            if seen.insert(referrer.path.clone()) {
                queue.push_back(referrer.path.clone());
            }
        }
    }
    false
}
