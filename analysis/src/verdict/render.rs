//! A [`Verdict`] as text: the Markdown table of the hover on `---` and the one-line code lens
//! title. (`agentls explain` prints its own text and JSON from the same values.)

use super::{ConsumerVerdict, Outcome, Verdict};
use crate::knowledge::knowledge;
use crate::knowledge::readers::consumer_name;

/// How many reasons a hover row shows before "and N more".
const HOVER_REASONS: usize = 3;
/// How many subjects a code lens names before "+N".
const LENS_SUBJECTS: usize = 2;

/// The subjects of `v`'s reasons as "`a`, `b`" (at most `max`, then "+N"), or `None` when no
/// reason has one.
pub(super) fn subject_list(v: &ConsumerVerdict, max: usize) -> Option<String> {
    let subjects = v.subjects();
    if subjects.is_empty() {
        return None;
    }
    let shown = subjects.iter().take(max).copied().collect::<Vec<_>>().join(", ");
    Some(match subjects.len().saturating_sub(max) {
        0 => shown,
        more => format!("{shown} +{more}"),
    })
}

/// The consumer's name with the version the knowledge was verified against (`Claude Code
/// 2.1.328`).
fn versioned(v: &ConsumerVerdict) -> String {
    match &v.verified {
        Some(ver) => format!("{} {ver}", v.name),
        None => v.name.clone(),
    }
}

/// A mark for the outcome: ✓ loads, ⚠ loads with something ignored, ✗ rejected.
fn mark(o: Outcome) -> &'static str {
    match o {
        Outcome::Loads => "✓",
        Outcome::LoadsIgnoring => "⚠",
        Outcome::Drops | Outcome::FailsConfig => "✗",
    }
}

/// Text safe inside a Markdown table cell.
fn cell(s: &str) -> String {
    s.replace('|', "\\|").replace(['\n', '\r'], " ")
}

fn why(v: &ConsumerVerdict) -> String {
    let mut parts: Vec<String> =
        v.reasons.iter().take(HOVER_REASONS).map(|r| format!("{} (`{}`)", cell(&r.message), r.code)).collect();
    if v.reasons.len() > HOVER_REASONS {
        parts.push(format!("… and {} more", v.reasons.len() - HOVER_REASONS));
    }
    parts.join("<br>")
}

/// Why no consumer is listed.
fn nobody(v: &Verdict) -> String {
    let spec = knowledge().dialect(v.dialect);
    if v.by_content {
        return format!("No consumer discovers this file where it is: it was read as a {} from its keys.", spec.name);
    }
    if v.untargeted.is_empty() {
        return format!("No consumer discovers a {} at this path.", spec.name);
    }
    format!("Read by {}, which this project's `consumers` leaves out.", names(&v.untargeted))
}

fn names(ids: &[String]) -> String {
    ids.iter().map(|c| consumer_name(c)).collect::<Vec<_>>().join(", ")
}

/// The hover on the opening `---`: a table runtime · verdict · why.
pub fn hover_markdown(v: &Verdict) -> String {
    let spec = knowledge().dialect(v.dialect);
    let mut s = format!("**Who reads this file** · {}\n\n", spec.name);
    if v.consumers.is_empty() {
        s.push_str(&nobody(v));
        return s;
    }
    s.push_str("| Runtime | Verdict | Why |\n|---|---|---|\n");
    for c in &v.consumers {
        s.push_str(&format!("| {} | {} {} | {} |\n", versioned(c), mark(c.outcome), cell(&c.summary()), why(c)));
    }
    if !v.untargeted.is_empty() {
        s.push_str(&format!("\nAlso read by {} (not in this project's `consumers`).", names(&v.untargeted)));
    }
    s
}

/// The code lens at the top of the file: "Claude Code ✓ · Copilot CLI ✓ · VS Code: `color`
/// ignored".
pub fn lens_title(v: &Verdict) -> String {
    if v.consumers.is_empty() {
        return nobody(v);
    }
    v.consumers
        .iter()
        .map(|c| match c.outcome {
            Outcome::Loads => format!("{} ✓", c.name),
            Outcome::LoadsIgnoring => match subject_list(c, LENS_SUBJECTS) {
                Some(list) => format!("{}: {list} ignored", c.name),
                None => format!("{} ⚠ {}", c.name, c.summary()),
            },
            Outcome::Drops | Outcome::FailsConfig => format!("{} ✗ {}", c.name, c.summary()),
        })
        .collect::<Vec<_>>()
        .join(" · ")
}
