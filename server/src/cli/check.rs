//! `agentls check`: discovery, analysis of each file (frontmatter only — bodies are never
//! Markdown-parsed), then printing.

use std::collections::BTreeMap;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use super::render::{self, FileReport};
use super::{CheckArgs, Format};
use crate::discover::{read_mcp_config, walk, PluginCache};
use agentls_analysis::index::WorkspaceIndex;
use agentls_analysis::knowledge::{detect_by_content, Detected};
use agentls_analysis::syntax::Parsed;
use agentls_analysis::text::TextRange;
use agentls_analysis::{diagnostics, workspace_diagnostics, Diagnostic, Severity, Snapshot, TextShape, WorkspaceCtx};

pub(super) fn run(args: &CheckArgs) -> ExitCode {
    let cache = PluginCache::default();
    let mut targets: Vec<(PathBuf, Option<Detected>)> = Vec::new();
    let mut unreadable = false;
    let mut mcp_configs = Vec::new();
    let mut roots = Vec::new();
    let stderr = std::io::stderr();
    for path in &args.paths {
        match std::fs::metadata(path) {
            Err(e) => {
                let _ = writeln!(stderr.lock(), "agentls: cannot read {}: {e}", path.display());
                unreadable = true;
            }
            Ok(m) if m.is_dir() => {
                let walked = walk(path, &cache);
                for e in walked.errors {
                    let _ = writeln!(stderr.lock(), "agentls: {e}");
                }
                mcp_configs.extend(walked.mcp_configs);
                roots.push(absolute(path));
                targets.extend(walked.files.into_iter().map(|f| (f.path, Some(f.detected))));
            }
            Ok(m) if !m.is_file() => {
                // A FIFO or device would block or never end: refuse it.
                let _ = writeln!(stderr.lock(), "agentls: cannot read {}: not a regular file", path.display());
                unreadable = true;
            }
            Ok(_) => {
                roots.push(absolute(path.parent().unwrap_or(Path::new("."))));
                targets.push((path.clone(), cache.detect(path)));
            }
        }
    }
    // A file named twice (`check dir dir`, `check dir dir/a.md`) is checked once.
    let mut seen = std::collections::HashSet::new();
    targets.retain(|(path, _)| seen.insert(absolute(path)));
    use rayon::prelude::*;
    let results: Vec<_> =
        targets.into_par_iter().map(|(path, detected)| (path.clone(), check_file(&path, detected))).collect();
    let mut reports = Vec::new();
    let mut dialect_counts: BTreeMap<&'static str, usize> = BTreeMap::new();
    for (path, result) in results {
        match result {
            Ok(Some(report)) => {
                *dialect_counts
                    .entry(report.snapshot.detected.as_ref().map_or("none", |d| d.dialect.id()))
                    .or_default() += 1;
                reports.push(report);
            }
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
    workspace_findings(&mut reports, roots, mcp_configs);
    let stdout = std::io::stdout();
    let mut out = std::io::BufWriter::new(stdout.lock());
    let _ = match args.format {
        Format::Human => render::human(&mut out, &reports),
        Format::Json => render::json(&mut out, &reports),
    };
    if args.statistics {
        let _ = render::statistics(&mut out, &reports, &dialect_counts);
    }
    let _ = out.flush();
    let errors = reports.iter().flat_map(|r| &r.diagnostics).any(|d| d.severity == Severity::Error);
    if unreadable {
        ExitCode::from(2)
    } else if errors {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    }
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
    // Summaries (frontmatter references and body scans) are built in parallel, then indexed in
    // report order.
    reports.par_iter().for_each(|r| {
        r.snapshot.summary();
    });
    for s in reports.iter().filter_map(|r| r.snapshot.summary()) {
        index.upsert(s);
    }
    for c in mcp_configs {
        let servers = read_mcp_config(&c);
        index.set_mcp_config(absolute(&c), servers);
    }
    let exists = |p: &Path| p.exists();
    let ws = WorkspaceCtx { index: &index, exists: &exists };
    let extra: Vec<Vec<Diagnostic>> = reports.par_iter().map(|r| workspace_diagnostics(&r.snapshot, &ws)).collect();
    for (r, mut e) in reports.iter_mut().zip(extra) {
        r.diagnostics.append(&mut e);
        r.diagnostics.sort_by_key(|d| (d.range.start, d.range.end, d.code));
    }
}

/// Reads and analyses one file. `detected` is the path's verdict; an explicitly named file
/// without one falls back to its frontmatter (formats.md §4.1). `Ok(None)`: not an agent file.
fn check_file(path: &Path, detected: Option<Detected>) -> std::io::Result<Option<FileReport>> {
    let bytes = std::fs::read(path)?;
    let (text, bad_utf8) = match String::from_utf8(bytes) {
        Ok(s) => (s, None),
        Err(e) => {
            let at = e.utf8_error().valid_up_to();
            (String::from_utf8_lossy(e.as_bytes()).into_owned(), Some(at))
        }
    };
    let detected = match detected {
        Some(d) => d,
        None => {
            let parsed = Parsed::new(&text);
            let keys: Vec<&str> =
                parsed.frontmatter.iter().flat_map(|f| f.entries.iter().map(|e| e.key.as_str())).collect();
            match detect_by_content(&keys) {
                Some(d) => d,
                None => return Ok(None),
            }
        }
    };
    let snapshot = Snapshot::new(Some(absolute(path)), text, Some(detected), None, TextShape::Flat);
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
