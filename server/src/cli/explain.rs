//! `agentls explain FILE…`: for each file, which consumers read it and what each one makes of
//! it — loads it, loads it with some of what was written ignored, drops it, fails its
//! configuration — with the findings that say why ([`agentls_analysis::verdict`], the same
//! verdict as the hover on `---` and the code lens). Text for people, `--format json` for
//! tools (the oracle tier compares it with what the consumers did).

use std::io::Write;
use std::path::Path;
use std::process::ExitCode;

use serde_json::{json, Value};

use super::analyse::analyse;
use super::report::{relative_path, FileReport};
use super::targets::{expand, warn};
use super::{CheckArgs, ExplainArgs, TextOrJson};
use crate::config::ConfigCache;
use crate::discover::{fill_index, Classifier};
use agentls_analysis::index::WorkspaceIndex;
use agentls_analysis::knowledge::knowledge;
use agentls_analysis::text::ColumnUnit;
use agentls_analysis::verdict::{verdict, Verdict};
use agentls_analysis::{workspace_diagnostics, Snapshot, WorkspaceCtx};

/// Runs `explain`: 0 when every consumer that reads the files loads them, 1 when one drops a
/// file or fails its configuration, 2 when a path cannot be read.
pub(super) fn run(args: &ExplainArgs) -> ExitCode {
    let check = CheckArgs {
        paths: args.paths.clone(),
        config: args.config.clone(),
        isolated: args.isolated,
        ..CheckArgs::default()
    };
    let classifier = Classifier::with_configs(ConfigCache::new(args.isolated, args.config.clone()));
    let mut targets = expand(&check, &classifier);
    let (mut reports, unreadable) = analyse(&classifier, std::mem::take(&mut targets.files));
    add_cross_file(&mut reports, targets.roots.clone(), &targets.mcp_configs);
    let verdicts: Vec<(String, &FileReport, Verdict)> = reports
        .iter()
        .filter_map(|r| Some((relative_path(&r.path), r, verdict(&r.snapshot, &r.diagnostics)?)))
        .collect();
    let printed = match args.output_format {
        TextOrJson::Text => print_text(&verdicts),
        TextOrJson::Json => print_json(&verdicts),
    };
    if let Err(e) = printed {
        warn(&format!("cannot write the output: {e}"));
        return ExitCode::from(2);
    }
    let rejected = verdicts.iter().any(|(_, _, v)| v.consumers.iter().any(|c| c.outcome.rejects()));
    if targets.unreadable || unreadable {
        ExitCode::from(2)
    } else if rejected {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    }
}

/// Adds each file's cross-file findings (references, duplicates, links, MCP servers) to its
/// raw file-local ones: a verdict reads findings before suppressions and configured levels.
fn add_cross_file(reports: &mut [FileReport], roots: Vec<std::path::PathBuf>, mcp_configs: &[std::path::PathBuf]) {
    use rayon::prelude::*;
    let index = WorkspaceIndex::new(roots);
    fill_index(&index, mcp_configs, reports.par_iter().filter_map(|r| r.snapshot.summary()));
    let exists = |p: &Path| p.exists();
    let ws = WorkspaceCtx { index: &index, exists: &exists };
    let extra: Vec<_> = reports.par_iter().map(|r| workspace_diagnostics(&r.snapshot, &ws)).collect();
    for (r, e) in reports.iter_mut().zip(extra) {
        r.diagnostics.extend(e);
        r.diagnostics.sort_by_key(|d| (d.range.start, d.range.end, d.code));
    }
}

fn print_text(verdicts: &[(String, &FileReport, Verdict)]) -> std::io::Result<()> {
    let stdout = std::io::stdout();
    let mut out = std::io::BufWriter::new(stdout.lock());
    for (i, (path, report, v)) in verdicts.iter().enumerate() {
        if i > 0 {
            writeln!(out)?;
        }
        writeln!(out, "{path} — {}", knowledge().dialect(v.dialect).name)?;
        for line in lines(&report.snapshot, v) {
            writeln!(out, "  {line}")?;
        }
    }
    out.flush()
}

/// The verdict as lines of text: a line per consumer, then its reasons indented under it.
fn lines(snap: &Snapshot, v: &Verdict) -> Vec<String> {
    let mut out = Vec::new();
    if v.consumers.is_empty() {
        out.push(agentls_analysis::verdict::lens_title(v));
    }
    let width = v.consumers.iter().map(|c| label(c).chars().count()).max().unwrap_or(0);
    for c in &v.consumers {
        out.push(format!("{:width$}  {}", label(c), c.summary()));
        for r in &c.reasons {
            let (line, column) = position(snap, r.range.start);
            out.push(format!("{:width$}    {line}:{column} {}[{}] {}", "", r.severity.as_str(), r.code, r.message));
        }
    }
    if !v.untargeted.is_empty() && !v.consumers.is_empty() {
        let names: Vec<&str> =
            v.untargeted.iter().map(|c| agentls_analysis::knowledge::readers::consumer_name(c)).collect();
        out.push(format!("also read by {} (not in this project's `consumers`)", names.join(", ")));
    }
    out
}

fn label(c: &agentls_analysis::verdict::ConsumerVerdict) -> String {
    match &c.verified {
        Some(v) => format!("{} {v}", c.name),
        None => c.name.clone(),
    }
}

/// The verdict as plain text (no path line): what `agentls.explain` shows in the editor.
pub(crate) fn text(snap: &Snapshot, v: &Verdict) -> String {
    lines(snap, v).join("\n")
}

/// 1-based line and character column of byte `offset`.
fn position(snap: &Snapshot, offset: usize) -> (u32, u32) {
    let lc = snap.text.line_col(offset, ColumnUnit::Char);
    (lc.line + 1, lc.col + 1)
}

fn print_json(verdicts: &[(String, &FileReport, Verdict)]) -> std::io::Result<()> {
    let all: Vec<Value> = verdicts.iter().map(|(path, r, v)| json(path, &r.snapshot, v)).collect();
    let stdout = std::io::stdout();
    let mut out = std::io::BufWriter::new(stdout.lock());
    serde_json::to_writer_pretty(&mut out, &all).map_err(std::io::Error::other)?;
    writeln!(out)?;
    out.flush()
}

/// One file's verdict as JSON: `path`, `dialect`, `discovered` (false when no consumer finds the
/// file where it is), `consumers` (each: `consumer` id, `name`, `verified` version, `verdict` —
/// `loads` | `loads-ignoring` | `drops` | `fails-config` —, `summary`, `subjects` (what the
/// reasons are about: `` `color` ``, `` `Docker` in `tools` ``),
/// `reasons` with `code`, `severity`, `message`, `subject`, 1-based `line` and `column`), and
/// `untargeted` (consumer ids that read the file but that the project's `consumers` leaves out).
pub(crate) fn json(path: &str, snap: &Snapshot, v: &Verdict) -> Value {
    let consumers: Vec<Value> = v
        .consumers
        .iter()
        .map(|c| {
            let reasons: Vec<Value> = c
                .reasons
                .iter()
                .map(|r| {
                    let (line, column) = position(snap, r.range.start);
                    json!({"code": r.code, "severity": r.severity.as_str(), "message": r.message,
                           "subject": r.subject, "line": line, "column": column})
                })
                .collect();
            json!({"consumer": c.consumer, "name": c.name, "verified": c.verified, "verdict": c.outcome.id(),
                   "summary": c.summary(), "subjects": c.subjects(), "reasons": reasons})
        })
        .collect();
    let read_somewhere = !v.consumers.is_empty() || !v.untargeted.is_empty();
    json!({
        "path": path,
        "dialect": v.dialect.id(),
        "discovered": !v.by_content && read_somewhere,
        "consumers": consumers,
        "untargeted": v.untargeted,
    })
}
