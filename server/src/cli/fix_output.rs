//! The end of `check --fix` / `--diff`: the files that changed written atomically (a temporary
//! file in the same folder, renamed over the original, which keeps its permissions; never
//! touched when its text did not change) or shown as a unified diff, standard input's fixed
//! text printed, the remaining findings reported, and a line saying how many were fixed.

use std::io::{self, Write};
use std::path::Path;
use std::process::ExitCode;

use super::disk;
use super::fix::Outcome;
use super::report::{plural, relative_path, Counts, FileReport};
use super::targets::warn;
use super::{github, human, json, junit, sarif, CheckArgs, OutputFormat};

/// One file whose text a fix changed.
struct Changed<'a> {
    /// Where it is (absolute).
    path: &'a Path,
    /// How it is shown.
    shown: String,
    /// Text before (`None`: did not exist) and after (`None`: deleted).
    before: Option<&'a str>,
    after: Option<String>,
}

/// Every file whose text changed, checked files first; standard input is not among them.
fn changed(outcome: &Outcome) -> Vec<Changed<'_>> {
    let checked = outcome.files.iter().filter(|f| !f.stdin).map(|f| Changed {
        path: &f.path,
        shown: relative_path(&f.path),
        before: f.original.as_deref(),
        after: f.snapshot.as_ref().map(|s| s.text.to_text().into_owned()),
    });
    let others = outcome.others.iter().map(|(path, o)| Changed {
        path,
        shown: relative_path(path),
        before: o.original.as_deref(),
        after: o.current.clone(),
    });
    checked.chain(others).filter(|c| c.before != c.after.as_deref()).collect()
}

/// Applies one change to the disk.
fn write(c: &Changed) -> io::Result<()> {
    match &c.after {
        Some(text) => disk::write_atomic(c.path, text),
        None => disk::remove(c.path),
    }
}

/// The unified diff of one change (`/dev/null` for a created or deleted file).
fn diff(out: &mut impl Write, c: &Changed) -> io::Result<()> {
    let (before, after) = (c.before.unwrap_or(""), c.after.as_deref().unwrap_or(""));
    let a = if c.before.is_some() { format!("a/{}", c.shown) } else { "/dev/null".into() };
    let b = if c.after.is_some() { format!("b/{}", c.shown) } else { "/dev/null".into() };
    let text = similar::TextDiff::from_lines(before, after);
    write!(out, "{}", text.unified_diff().context_radius(3).header(&a, &b))
}

/// Prints the findings in the chosen format.
fn report(out: &mut impl Write, args: &CheckArgs, reports: &[FileReport]) -> io::Result<()> {
    match args.output_format {
        OutputFormat::Human => human::write(out, reports, !args.quiet)?,
        OutputFormat::Json => json::write(out, reports)?,
        OutputFormat::Sarif => sarif::write(out, reports)?,
        OutputFormat::Github => github::write(out, reports)?,
        OutputFormat::Junit => junit::write(out, reports)?,
    }
    if args.statistics {
        human::statistics(out, reports)?;
    }
    Ok(())
}

/// "Fixed 3 findings in 2 files; 1 remains. 2 more can be fixed with --unsafe-fixes."
fn summary(fixed: usize, files: usize, remaining: usize, more_unsafe: usize, diff: bool) -> String {
    let mut s = match (fixed, diff) {
        (0, _) => "Nothing to fix".to_string(),
        (n, true) => format!("Would fix {} in {}", plural(n, "finding"), plural(files, "file")),
        (n, false) => format!("Fixed {} in {}", plural(n, "finding"), plural(files, "file")),
    };
    s.push_str(&format!("; {} {}.", plural(remaining, "finding"), if remaining == 1 { "remains" } else { "remain" }));
    if more_unsafe > 0 {
        s.push_str(&format!(" {more_unsafe} more can be fixed with --unsafe-fixes."));
    }
    s
}

/// Writes (or diffs) the changes, prints standard input's text and the findings; returns the
/// exit status: `--diff` 1 when something would change; `--fix` as `check` on what remains;
/// 2 when a file could not be written.
pub(super) fn finish(args: &CheckArgs, outcome: &Outcome, reports: &mut [FileReport], more_unsafe: usize) -> ExitCode {
    for r in reports.iter_mut() {
        r.diagnostics.retain(|d| args.severity.shows(d.severity));
    }
    let changes = changed(outcome);
    let counts = Counts::of(reports);
    let remaining = counts.errors + counts.warnings + counts.notes + counts.hints;
    let stdin = outcome.files.iter().find(|f| f.stdin);
    let stdin_changed =
        stdin.is_some_and(|f| f.original.as_deref() != f.snapshot.as_ref().map(|s| s.text.to_text()).as_deref());
    let files = changes.len() + usize::from(stdin_changed);
    let line = summary(outcome.fixed, files, remaining, more_unsafe, args.diff);
    let stdout = io::stdout();
    let mut out = io::BufWriter::new(stdout.lock());
    if args.diff {
        for c in &changes {
            let _ = diff(&mut out, c);
        }
        let _ = out.flush();
        warn(&line);
        return ExitCode::from(u8::from(files > 0));
    }
    let mut failed = false;
    for c in &changes {
        if let Err(e) = write(c) {
            warn(&format!("cannot write {}: {e}", c.shown));
            failed = true;
        }
    }
    if let Some(s) = stdin.and_then(|f| f.snapshot.as_ref()) {
        let _ = write!(out, "{}", s.text.to_text());
    }
    let _ = out.flush();
    let mut findings: Box<dyn Write> = if stdin.is_some() { Box::new(io::stderr()) } else { Box::new(out) };
    let _ = report(&mut findings, args, reports);
    if args.output_format == OutputFormat::Human && stdin.is_none() && !args.quiet {
        let _ = writeln!(findings, "{line}");
    } else if !args.quiet {
        warn(&line);
    }
    let _ = findings.flush();
    let too_many = args.max_warnings.is_some_and(|max| counts.warnings > max);
    if failed {
        ExitCode::from(2)
    } else if (counts.errors > 0 || too_many) && !args.exit_zero {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    }
}
