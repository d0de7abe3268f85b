//! Applying many fixes together (the editor's fix-all, `agentls check --fix`): one fix per
//! finding ([`pick`]), fixes whose edits collide with one already taken left for the next pass
//! ([`select`]), and passes until nothing changes ([`fix_document`]).

use std::path::{Path, PathBuf};

use super::edit::{apply_edits, TextEdit};
use super::{fixes, Change, Fix, FixCtx, Safety};
use crate::{Diagnostic, Snapshot, TextShape};

/// How many passes a fix-all makes at most: each pass fixes what the previous one uncovered
/// (a renamed key that is now misspelt, an entry freed by a removed duplicate); the bound keeps
/// two fixes that undo each other from looping.
pub const MAX_PASSES: usize = 8;

/// The fix applied for a finding when fixing many at once: its first fix of at most `allow`'s
/// safety (the rules order fixes best first), and only one that changes nothing but the
/// document when `local_only`.
pub fn pick(candidates: Vec<Fix>, allow: Safety, local_only: bool) -> Option<Fix> {
    candidates.into_iter().find(|f| f.safety <= allow && (!local_only || f.is_local()))
}

/// What a change touches: a file (`None`: the document without a path) and, for text edits,
/// the edits (a create or delete touches the whole file).
fn touches<'a>(own: Option<&'a Path>, change: &'a Change) -> (Option<&'a Path>, Option<Vec<TextEdit>>) {
    match change {
        Change::Edit(e) => (own, Some(e.clone())),
        Change::EditFile { path, edits } => {
            (Some(path), Some(edits.iter().map(|(s, t)| TextEdit::replace(s.range, t.clone())).collect()))
        }
        Change::CreateFile { path, .. } | Change::DeleteFile { path } => (Some(path), None),
    }
}

/// The fixes (each with the path of the document it was computed for) that can be applied
/// together, in order: a fix is skipped — left for the next pass — when one of its edits
/// conflicts with an edit of a fix already taken in the same file, or it creates or deletes a
/// file another taken fix touches, or writes a top-level key another taken fix writes in the
/// same document ([`Fix::claims`]).
pub fn select(candidates: Vec<(Option<PathBuf>, Fix)>) -> Vec<(Option<PathBuf>, Fix)> {
    let mut taken: Vec<(Option<PathBuf>, Fix)> = Vec::new();
    let mut claimed: Vec<(Option<PathBuf>, Option<Vec<TextEdit>>)> = Vec::new();
    let mut keys: Vec<(Option<PathBuf>, &str)> = Vec::new();
    for (own, fix) in &candidates {
        let mine: Vec<_> = fix.changes.iter().map(|c| touches(own.as_deref(), c)).collect();
        let same_key = fix.claims.iter().any(|k| keys.iter().any(|(p, c)| p == own && c == k));
        let clash = same_key
            || mine.iter().any(|(path, edits)| {
                claimed.iter().any(|(p, e)| {
                    p.as_deref() == *path
                        && match (edits, e) {
                            (Some(a), Some(b)) => a.iter().any(|x| b.iter().any(|y| x.conflicts(y))),
                            _ => true,
                        }
                })
            });
        if !clash {
            claimed.extend(mine.into_iter().map(|(p, e)| (p.map(Path::to_path_buf), e)));
            keys.extend(fix.claims.iter().map(|k| (own.clone(), k.as_str())));
            taken.push((own.clone(), fix.clone()));
        }
    }
    taken
}

/// A document after a fix-all.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FixedDocument {
    /// The new text.
    pub text: String,
    /// How many findings were fixed.
    pub fixed: usize,
}

/// Applies to `snap` every fix of at most `allow`'s safety that changes only the document,
/// pass after pass ([`MAX_PASSES`] at most), each pass on the findings `findings` reports for
/// the text so far (the first pass included). `None` when nothing changes.
pub fn fix_document(
    snap: &Snapshot,
    findings: &dyn Fn(&Snapshot) -> Vec<Diagnostic>,
    cx: &FixCtx,
    allow: Safety,
) -> Option<FixedDocument> {
    let mut current = snap.clone();
    let mut fixed = 0;
    for _ in 0..MAX_PASSES {
        let candidates: Vec<(Option<PathBuf>, Fix)> = findings(&current)
            .iter()
            .filter_map(|d| pick(fixes(&current, d, cx), allow, true))
            .map(|f| (None, f))
            .collect();
        let chosen = select(candidates);
        let edits: Vec<TextEdit> = chosen.iter().flat_map(|(_, f)| f.document_edits().cloned()).collect();
        let text = current.text.to_text();
        let Some(next) = apply_edits(&text, &edits).filter(|t| *t != *text) else { break };
        fixed += chosen.len();
        let reparsed =
            Snapshot::new(current.path.clone(), next, current.detected.clone(), snap.version, TextShape::Flat);
        current = reparsed.with_config(snap.config.clone());
    }
    (fixed > 0).then(|| FixedDocument { text: current.text.to_text().into_owned(), fixed })
}
