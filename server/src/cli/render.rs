//! Printing `check` results: rustc/ruff-style text, JSON, statistics.

use std::collections::BTreeMap;
use std::io::{self, Write};
use std::path::PathBuf;

use serde::Serialize;

use agentls_analysis::text::{ColumnUnit, LineCol};
use agentls_analysis::{Diagnostic, Severity, Snapshot};

/// Longest part of a source line printed under a diagnostic, in characters.
const MAX_SHOWN: usize = 100;

/// One checked file and its findings.
pub(super) struct FileReport {
    pub path: PathBuf,
    pub snapshot: Snapshot,
    pub diagnostics: Vec<Diagnostic>,
}

fn pos(snap: &Snapshot, offset: usize) -> LineCol {
    snap.text.line_col(offset, ColumnUnit::Char)
}

/// `path:line:col: severity[code]: message`, the source line, a caret underline; then the
/// summary `N errors, M warnings in K files (J files checked)`.
pub(super) fn human(out: &mut impl Write, reports: &[FileReport]) -> io::Result<()> {
    let (mut errors, mut warnings, mut files) = (0, 0, 0);
    for r in reports {
        if !r.diagnostics.is_empty() {
            files += 1;
        }
        for d in &r.diagnostics {
            match d.severity {
                Severity::Error => errors += 1,
                Severity::Warning => warnings += 1,
                _ => {}
            }
            let start = pos(&r.snapshot, d.range.start);
            let end = pos(&r.snapshot, d.range.end);
            writeln!(
                out,
                "{}:{}:{}: {}[{}]: {}",
                r.path.display(),
                start.line + 1,
                start.col + 1,
                d.severity.as_str(),
                d.code,
                d.message
            )?;
            let line_range = r.snapshot.text.line_range(start.line as usize).unwrap_or(0..0);
            let line = r.snapshot.text.slice(line_range.into());
            let line = line.trim_end_matches(['\n', '\r']);
            let chars: Vec<char> = line.chars().map(|c| if c == '\t' { ' ' } else { c }).collect();
            let (col, end_col) =
                (start.col as usize, if end.line == start.line { end.col as usize } else { chars.len() });
            // Long lines: show a window of the line around the start of the range.
            let from = if chars.len() <= MAX_SHOWN { 0 } else { col.saturating_sub(20).min(chars.len()) };
            let to = (from + MAX_SHOWN).min(chars.len());
            let mut shown: String = chars[from..to].iter().collect();
            let lead = if from > 0 { "…" } else { "" };
            if to < chars.len() {
                shown.push('…');
            }
            let caret_start = col - from + lead.chars().count();
            let width = end_col.min(to).saturating_sub(col).max(1);
            let gutter = format!("{}", start.line + 1);
            let pad = " ".repeat(gutter.len());
            writeln!(out, "{pad} |")?;
            writeln!(out, "{gutter} | {lead}{shown}")?;
            writeln!(out, "{pad} | {}{}", " ".repeat(caret_start), "^".repeat(width))?;
            writeln!(out)?;
        }
    }
    writeln!(out, "{errors} errors, {warnings} warnings in {files} files ({} files checked)", reports.len())
}

#[derive(Serialize)]
struct JsonPos {
    line: u32,
    column: u32,
}

#[derive(Serialize)]
struct JsonRange {
    start: JsonPos,
    end: JsonPos,
}

#[derive(Serialize)]
struct JsonDiagnostic<'a> {
    path: String,
    dialect: &'static str,
    severity: &'static str,
    code: &'static str,
    message: &'a str,
    range: JsonRange,
}

/// One JSON array of all diagnostics; lines and columns are 1-based, columns in characters.
pub(super) fn json(out: &mut impl Write, reports: &[FileReport]) -> io::Result<()> {
    let mut all = Vec::new();
    for r in reports {
        let dialect = r.snapshot.detected.as_ref().map_or("none", |d| d.dialect.id());
        for d in &r.diagnostics {
            let (s, e) = (pos(&r.snapshot, d.range.start), pos(&r.snapshot, d.range.end));
            all.push(JsonDiagnostic {
                path: r.path.display().to_string(),
                dialect,
                severity: d.severity.as_str(),
                code: d.code,
                message: &d.message,
                range: JsonRange {
                    start: JsonPos { line: s.line + 1, column: s.col + 1 },
                    end: JsonPos { line: e.line + 1, column: e.col + 1 },
                },
            });
        }
    }
    serde_json::to_writer_pretty(&mut *out, &all).map_err(io::Error::other)?;
    writeln!(out)
}

/// Files per dialect and findings per code.
pub(super) fn statistics(
    out: &mut impl Write,
    reports: &[FileReport],
    dialects: &BTreeMap<&'static str, usize>,
) -> io::Result<()> {
    writeln!(out, "\nfiles per dialect:")?;
    for (d, n) in dialects {
        writeln!(out, "  {n:>6}  {d}")?;
    }
    let mut codes: BTreeMap<(&str, &str), usize> = BTreeMap::new();
    for d in reports.iter().flat_map(|r| &r.diagnostics) {
        *codes.entry((d.code, d.severity.as_str())).or_default() += 1;
    }
    writeln!(out, "findings per code:")?;
    for ((code, sev), n) in codes {
        writeln!(out, "  {n:>6}  {code} ({sev})")?;
    }
    Ok(())
}
