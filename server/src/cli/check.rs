//! `agentls check`: discovery, analysis of each file (frontmatter only — bodies are never
//! Markdown-parsed), then printing.

use std::collections::BTreeMap;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use super::render::{self, FileReport};
use super::{CheckArgs, Format};
use crate::discover::{fill_index, walk, Classifier};
use agentls_analysis::index::WorkspaceIndex;
use agentls_analysis::knowledge::{detect_by_content, Detected};
use agentls_analysis::text::TextRange;
use agentls_analysis::{
    diagnostics, finalize, workspace_diagnostics, Diagnostic, Severity, Snapshot, TextShape, WorkspaceCtx,
};

/// What the command line names: the files to check (with their dialect by path, when they
/// have one), the roots for cross-file analysis, the MCP configurations found on the way.
#[derive(Default)]
struct Targets {
    files: Vec<(PathBuf, Option<Detected>)>,
    roots: Vec<PathBuf>,
    mcp_configs: Vec<PathBuf>,
    /// A named path could not be read.
    unreadable: bool,
}

/// Expands the paths on the command line: folders are walked by the discovery rules, files are
/// taken as they are. Problems are reported on stderr.
fn targets(paths: &[PathBuf], cache: &Classifier) -> Targets {
    let mut t = Targets::default();
    let stderr = std::io::stderr();
    for path in paths {
        match std::fs::metadata(path) {
            Err(e) => {
                let _ = writeln!(stderr.lock(), "agentls: cannot read {}: {e}", path.display());
                t.unreadable = true;
            }
            Ok(m) if m.is_dir() => {
                let walked = walk(path, cache);
                for e in walked.errors {
                    let _ = writeln!(stderr.lock(), "agentls: {e}");
                }
                t.mcp_configs.extend(walked.mcp_configs);
                t.roots.push(absolute(path));
                t.files.extend(walked.files.into_iter().map(|f| (f.path, Some(f.detected))));
            }
            Ok(m) if !m.is_file() => {
                // A FIFO or device would block or never end: refuse it.
                let _ = writeln!(stderr.lock(), "agentls: cannot read {}: not a regular file", path.display());
                t.unreadable = true;
            }
            Ok(_) => {
                t.roots.push(absolute(path.parent().unwrap_or(Path::new("."))));
                t.files.push((path.clone(), cache.detect(path)));
            }
        }
    }
    // A file named twice (`check dir dir`, `check dir dir/a.md`) is checked once.
    let mut seen = std::collections::HashSet::new();
    t.files.retain(|(path, _)| seen.insert(absolute(path)));
    t
}

/// Reads and analyses every target in parallel (file-local findings), reporting the files that
/// are not agent files or cannot be read. Returns the reports in target order and whether a
/// file could not be read.
fn analyse(classifier: &Classifier, files: Vec<(PathBuf, Option<Detected>)>) -> (Vec<FileReport>, bool) {
    use rayon::prelude::*;
    let results: Vec<_> =
        files.into_par_iter().map(|(path, detected)| (path.clone(), check_file(classifier, &path, detected))).collect();
    let stderr = std::io::stderr();
    let mut unreadable = false;
    let mut reports = Vec::new();
    for (path, result) in results {
        match result {
            Ok(Some(report)) => reports.push(report),
            Ok(None) => {
                let _ = writeln!(
                    stderr.lock(),
                    "agentls: {}: not an agent definition file (no dialect from its path or frontmatter); skipped",
                    path.display()
                );
            }
            Err(e) => {
                let _ = writeln!(stderr.lock(), "agentls: cannot read {}: {e}", path.display());
                unreadable = true;
            }
        }
    }
    (reports, unreadable)
}

pub(super) fn run(args: &CheckArgs) -> ExitCode {
    let cache = Classifier::default();
    let t = targets(&args.paths, &cache);
    let (mut reports, unreadable) = analyse(&cache, t.files);
    workspace_findings(&mut reports, t.roots, t.mcp_configs);
    let config_reports = config_findings(&cache);
    let bad_config = !config_reports.is_empty();
    reports.extend(config_reports);
    let stdout = std::io::stdout();
    let mut out = std::io::BufWriter::new(stdout.lock());
    let _ = match args.format {
        Format::Human => render::human(&mut out, &reports),
        Format::Json => render::json(&mut out, &reports),
    };
    if args.statistics {
        let mut dialect_counts: BTreeMap<&'static str, usize> = BTreeMap::new();
        for r in &reports {
            *dialect_counts.entry(r.snapshot.detected.as_ref().map_or("none", |d| d.dialect.id())).or_default() += 1;
        }
        let _ = render::statistics(&mut out, &reports, &dialect_counts);
    }
    let _ = out.flush();
    let errors = reports.iter().flat_map(|r| &r.diagnostics).any(|d| d.severity == Severity::Error);
    if t.unreadable || unreadable || bad_config {
        ExitCode::from(2)
    } else if errors {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    }
}

/// The problems of every configuration file read, as reports of those files (`invalid-config`
/// errors at their ranges): they are printed like any finding, and make the exit status 2.
fn config_findings(classifier: &Classifier) -> Vec<FileReport> {
    classifier
        .configs
        .problems()
        .into_iter()
        .filter(|(_, problems)| !problems.is_empty())
        .filter_map(|(path, problems)| {
            let text = std::fs::read_to_string(&path).ok()?;
            let snapshot = Snapshot::new(Some(path.clone()), text, None, None, TextShape::Flat);
            let diagnostics =
                problems.into_iter().map(|p| Diagnostic::new("invalid-config", p.range, p.message)).collect();
            Some(FileReport { path, snapshot, diagnostics })
        })
        .collect()
}

/// An absolute form of `path` (the index compares paths; relative ones are shown to the user).
fn absolute(path: &Path) -> PathBuf {
    std::path::absolute(path).unwrap_or_else(|_| path.to_path_buf())
}

/// Indexes every checked file, then adds each file's cross-file findings (references,
/// duplicates, links, MCP servers).
fn workspace_findings(reports: &mut [FileReport], roots: Vec<PathBuf>, mcp_configs: Vec<PathBuf>) {
    use rayon::prelude::*;
    let index = WorkspaceIndex::new(roots);
    // The snapshots already hold each file's parse: their summaries are what is indexed.
    fill_index(&index, &mcp_configs, reports.par_iter().filter_map(|r| r.snapshot.summary()));
    let exists = |p: &Path| p.exists();
    let ws = WorkspaceCtx { index: &index, exists: &exists };
    let extra: Vec<Vec<Diagnostic>> = reports.par_iter().map(|r| workspace_diagnostics(&r.snapshot, &ws)).collect();
    for (r, mut e) in reports.iter_mut().zip(extra) {
        let mut all = std::mem::take(&mut r.diagnostics);
        all.append(&mut e);
        // Suppressions and configured levels: what the user sees.
        r.diagnostics = finalize(&r.snapshot, all);
    }
}

/// Reads and analyses one file. `detected` is the path's verdict; an explicitly named file
/// without one falls back to its frontmatter (formats.md §4.1). `Ok(None)`: not an agent file.
fn check_file(classifier: &Classifier, path: &Path, detected: Option<Detected>) -> std::io::Result<Option<FileReport>> {
    let bytes = std::fs::read(path)?;
    let (text, bad_utf8) = match String::from_utf8(bytes) {
        Ok(s) => (s, None),
        Err(e) => {
            let at = e.utf8_error().valid_up_to();
            (String::from_utf8_lossy(e.as_bytes()).into_owned(), Some(at))
        }
    };
    let mut snapshot = classifier.snapshot(&absolute(path), text, detected, TextShape::Flat);
    if snapshot.detected.is_none() {
        // Named explicitly, no dialect from its path: the frontmatter's keys decide (the same
        // parse the analysis then uses).
        let keys: Vec<&str> =
            snapshot.parsed.frontmatter.iter().flat_map(|f| f.entries.iter().map(|e| e.key.as_str())).collect();
        match detect_by_content(&keys) {
            Some(d) => snapshot.detected = Some(d),
            None => return Ok(None),
        }
    }
    let mut diagnostics = diagnostics(&snapshot);
    if let Some(at) = bad_utf8 {
        diagnostics.insert(
            0,
            Diagnostic::new(
                "invalid-utf8",
                TextRange::empty(0),
                format!("the file is not valid UTF-8 (first bad byte at offset {at}); agent files must be UTF-8 text"),
            ),
        );
    }
    Ok(Some(FileReport { path: path.to_path_buf(), snapshot, diagnostics }))
}
