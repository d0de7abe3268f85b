//! The human format: rustc/ruff-style findings with the source line and a caret underline,
//! the summary, and `--statistics`.

use std::collections::BTreeMap;
use std::io::{self, Write};

use super::report::{Counts, FileReport, Finding};

/// Longest part of a source line printed under a diagnostic, in characters.
const MAX_SHOWN: usize = 100;

/// `path:line:col: severity[code]: message`, the source line, a caret underline; then, when
/// `summary`, `1 error, 5 warnings, 14 notes in 3 files (7 files checked)`.
pub(super) fn write(out: &mut impl Write, reports: &[FileReport], summary: bool) -> io::Result<()> {
    for f in reports.iter().flat_map(FileReport::findings) {
        finding(out, &f)?;
    }
    if summary {
        writeln!(out, "{}", Counts::of(reports).summary())?;
    }
    Ok(())
}

fn finding(out: &mut impl Write, f: &Finding) -> io::Result<()> {
    let d = f.diagnostic;
    writeln!(
        out,
        "{}:{}:{}: {}[{}]: {}",
        f.report.path.display(),
        f.start.line,
        f.start.column,
        d.severity.as_str(),
        d.code,
        d.message
    )?;
    let line = f.report.line_text(f.start.line);
    let chars: Vec<char> = line.chars().map(|c| if c == '\t' { ' ' } else { c }).collect();
    let col = f.start.column as usize - 1;
    let end_col = if f.end.line == f.start.line { f.end.column as usize - 1 } else { chars.len() };
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
    let gutter = f.start.line.to_string();
    let pad = " ".repeat(gutter.len());
    writeln!(out, "{pad} |")?;
    writeln!(out, "{gutter} | {lead}{shown}")?;
    writeln!(out, "{pad} | {}{}", " ".repeat(caret_start), "^".repeat(width))?;
    writeln!(out)
}

/// Files per dialect and findings per code.
pub(super) fn statistics(out: &mut impl Write, reports: &[FileReport]) -> io::Result<()> {
    let mut dialects: BTreeMap<&'static str, usize> = BTreeMap::new();
    for r in reports {
        *dialects.entry(r.dialect()).or_default() += 1;
    }
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
