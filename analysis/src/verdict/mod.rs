//! The per-runtime verdict: for one file, which consumers read it and what each makes of it —
//! loads it, loads it with some of what was written ignored, drops it, or fails its whole
//! configuration — with the findings that say why.
//!
//! One computation, used by the hover on the opening `---`, the code lens at the top of the
//! file and `agentls explain`. Nothing here is a second table of facts: who reads the file comes
//! from the dialects' `[discovery] readers` ([`crate::knowledge::readers`]) narrowed to the
//! project's `consumers` ([`crate::config::Config::targets`]); what each one does comes from the
//! file's own diagnostics, read through the severity model:
//!
//! - an `error` whose [`Diagnostic::affects`] is `None`, or an `error` or `warning` whose
//!   `affects` names the consumer (the severity model's "breaks another consumer of the same
//!   file"): the consumer rejects the file — it drops it, or fails its whole configuration when
//!   its reader data says so ([`Rejection::Configuration`], `OpenCode`), or, for a consumer that
//!   rejects nothing ([`Rejection::Nothing`], VS Code), loads it without what is wrong;
//! - a `warning` whose `affects` is `None`: the consumer loads the file, and what the warning
//!   points at has no effect ("`color` ignored");
//! - findings whose `affects` names only other consumers, and `information` / `hint`, do not
//!   count against it.
//!
//! The diagnostics are the raw ones (default severities, before suppressions and configured
//! levels): a verdict says what the consumer does, whatever the project chose to report.

mod render;

pub use render::{hover_markdown, lens_title};

use crate::knowledge::readers::{consumer, readers_of};
use crate::knowledge::{Dialect, Rejection};
use crate::syntax::{Entry, ValueKind};
use crate::text::TextRange;
use crate::{Diagnostic, Severity, Snapshot, WorkspaceCtx};

/// What one consumer makes of the file.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Outcome {
    /// It loads the file as written.
    Loads,
    /// It loads the file, but some of what was written has no effect.
    LoadsIgnoring,
    /// It drops the file (the agent, command or skill does not exist for it).
    Drops,
    /// It rejects its whole configuration: nothing of the project loads.
    FailsConfig,
}

impl Outcome {
    /// Stable id for JSON (`loads`, `loads-ignoring`, `drops`, `fails-config`).
    pub fn id(self) -> &'static str {
        match self {
            Outcome::Loads => "loads",
            Outcome::LoadsIgnoring => "loads-ignoring",
            Outcome::Drops => "drops",
            Outcome::FailsConfig => "fails-config",
        }
    }

    /// True when the consumer does not load the file.
    pub fn rejects(self) -> bool {
        matches!(self, Outcome::Drops | Outcome::FailsConfig)
    }
}

/// A finding behind a verdict.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Reason {
    /// The diagnostic code.
    pub code: &'static str,
    /// Its default severity.
    pub severity: Severity,
    /// Where (document bytes).
    pub range: TextRange,
    /// The diagnostic's message.
    pub message: String,
    /// What it is about, when it lies in the frontmatter: `` `color` `` for a key or its value,
    /// `` `Docker` in `tools` `` for an item of a list.
    pub subject: Option<String>,
}

/// One consumer's verdict.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ConsumerVerdict {
    /// Consumer id (`claude-code`).
    pub consumer: String,
    /// Its name (`Claude Code`).
    pub name: String,
    /// The version the knowledge was verified against, when one was (`2.1.328`).
    pub verified: Option<String>,
    /// What it makes of the file.
    pub outcome: Outcome,
    /// Why: the errors when it rejects the file, the warnings when it ignores part of it.
    pub reasons: Vec<Reason>,
}

impl ConsumerVerdict {
    /// The subjects of the reasons, in order, without repeats.
    pub fn subjects(&self) -> Vec<&str> {
        let mut seen = std::collections::HashSet::new();
        self.reasons.iter().filter_map(|r| r.subject.as_deref()).filter(|s| seen.insert(*s)).collect()
    }

    /// One line: "loads", "loads, `color` ignored", "drops it", "fails its configuration".
    pub fn summary(&self) -> String {
        match self.outcome {
            Outcome::Loads => "loads".into(),
            Outcome::LoadsIgnoring => match render::subject_list(self, usize::MAX) {
                Some(list) => format!("loads, {list} ignored"),
                // Warnings, or errors whose consumer still loads the file (`loads_anyway`).
                None if self.reasons.len() == 1 => "loads, with 1 finding".into(),
                None => format!("loads, with {} findings", self.reasons.len()),
            },
            Outcome::Drops => "drops it".into(),
            Outcome::FailsConfig => "fails its configuration".into(),
        }
    }
}

/// The verdict on one file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Verdict {
    /// The file's dialect.
    pub dialect: Dialect,
    /// The consumers that read the file and that the project targets, in catalogue order.
    pub consumers: Vec<ConsumerVerdict>,
    /// Consumers that read the file but that the project's `consumers` leaves out (ids).
    pub untargeted: Vec<String>,
    /// The dialect came from the file's content, not its path (a file named on the command
    /// line): no consumer discovers it where it is.
    pub by_content: bool,
}

/// The verdict on `snap` from its `diagnostics` (file-local and cross-file, raw: default
/// severities, before suppressions and configured levels). `None` for a file of no dialect.
pub fn verdict(snap: &Snapshot, diagnostics: &[Diagnostic]) -> Option<Verdict> {
    let det = snap.detected.as_ref()?;
    let readers = readers_of(det, snap.path.as_deref());
    let (targeted, untargeted): (Vec<_>, Vec<_>) = readers.into_iter().partition(|r| snap.config.targets(&r.consumer));
    let consumers = targeted
        .into_iter()
        .map(|r| {
            let info = consumer(&r.consumer);
            let (outcome, reasons) = judge(snap, &r.consumer, r.rejects, diagnostics);
            ConsumerVerdict {
                consumer: r.consumer.clone(),
                name: info.map_or_else(|| r.consumer.clone(), |c| c.name.clone()),
                verified: info.and_then(|c| c.verified.clone()),
                outcome,
                reasons,
            }
        })
        .collect();
    Some(Verdict {
        dialect: det.dialect,
        consumers,
        untargeted: untargeted.into_iter().map(|r| r.consumer.clone()).collect(),
        by_content: det.by_content,
    })
}

/// The verdict on `snap`, computing its diagnostics: file-local, and cross-file when a
/// workspace is given.
pub fn verdict_of(snap: &Snapshot, ws: Option<&WorkspaceCtx>) -> Option<Verdict> {
    snap.detected.as_ref()?;
    let mut diagnostics = crate::diagnostics(snap);
    if let Some(ws) = ws {
        diagnostics.extend(crate::workspace_diagnostics(snap, ws));
    }
    verdict(snap, &diagnostics)
}

/// How a finding counts for one consumer.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Weight {
    /// It does not concern the consumer (or is information or a hint).
    None,
    /// What it points at has no effect for the consumer.
    Ignored,
    /// The consumer rejects the file (as far as its reader data says it rejects anything).
    Rejects,
}

/// How `d` counts for `consumer`: a finding that names consumers in `affects` breaks those it
/// names (a warning there is the severity model's "breaks another consumer of the same file")
/// and no other; one that names none is an error or a warning for every consumer.
fn weight(d: &Diagnostic, consumer: &str) -> Weight {
    let breaking = d.severity <= Severity::Warning;
    match &d.affects {
        Some(named) if named.iter().any(|c| c == consumer) && breaking => Weight::Rejects,
        None if d.severity == Severity::Error && !d.loads_anyway => Weight::Rejects,
        None if d.severity <= Severity::Warning => Weight::Ignored,
        _ => Weight::None,
    }
}

/// The outcome for one consumer, and the findings behind it.
fn judge(snap: &Snapshot, consumer: &str, rejects: Rejection, diagnostics: &[Diagnostic]) -> (Outcome, Vec<Reason>) {
    let with = |w: Weight| diagnostics.iter().filter(move |d| weight(d, consumer) == w).map(|d| reason(snap, d));
    let rejecting: Vec<Reason> = with(Weight::Rejects).collect();
    let ignored: Vec<Reason> = with(Weight::Ignored).collect();
    match rejects {
        _ if rejecting.is_empty() && ignored.is_empty() => (Outcome::Loads, Vec::new()),
        Rejection::File if !rejecting.is_empty() => (Outcome::Drops, rejecting),
        Rejection::Configuration if !rejecting.is_empty() => (Outcome::FailsConfig, rejecting),
        _ => {
            let mut all = rejecting;
            all.extend(ignored);
            all.sort_by_key(|r| (r.range.start, r.range.end));
            (Outcome::LoadsIgnoring, all)
        }
    }
}

fn reason(snap: &Snapshot, d: &Diagnostic) -> Reason {
    Reason {
        code: d.code,
        severity: d.severity,
        range: d.range,
        message: d.message.clone(),
        subject: subject(snap, d.range),
    }
}

/// What a finding at `range` is about: the frontmatter key it lies on, or the list item of that
/// key's value.
fn subject(snap: &Snapshot, range: TextRange) -> Option<String> {
    let fm = snap.parsed.frontmatter.as_ref()?;
    // Entries are in source order: the last one starting at or before the finding (O(log n),
    // so a file with 100,000 findings costs no more per finding than one with ten).
    let at = fm.entries.partition_point(|e| e.range().start <= range.start);
    let entry = fm.entries[..at].last().filter(|e| e.range().touches(range.start) && range.end <= e.range().end)?;
    Some(match item_at(entry, range, &snap.head) {
        Some(item) => format!("`{item}` in `{}`", entry.key),
        None => format!("`{}`", entry.key),
    })
}

/// The text of the sequence item of `entry`'s value that `range` lies in, when the value is a
/// sequence of scalars or a comma-separated string (`head`: the text the frontmatter's ranges
/// index) and `range` is narrower than the value.
fn item_at(entry: &Entry, range: TextRange, head: &str) -> Option<String> {
    if range.start < entry.value.range.start || range == entry.value.range {
        return None;
    }
    match &entry.value.kind {
        ValueKind::Sequence(items) => {
            let at = items.partition_point(|i| i.range.start <= range.start);
            let item = items[..at].last().filter(|i| i.range.touches(range.start))?;
            item.as_str().map(str::to_string)
        }
        ValueKind::Scalar(_) if range.len() < entry.value.range.len() && !range.is_empty() => {
            // A comma-separated list written as one string: the finding's range is the item.
            let text = head.get(range.start..range.end)?.trim();
            (!text.is_empty()).then(|| text.to_string())
        }
        _ => None,
    }
}

#[cfg(test)]
mod tests;
