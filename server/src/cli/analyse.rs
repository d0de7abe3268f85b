//! Reading and analysing the files `check` names (file-local findings in parallel, then the
//! cross-file ones over an index of them all), and the configuration files' problems.

use std::path::{Path, PathBuf};

use super::report::FileReport;
use super::targets::{absolute, warn, Source, Target};
use crate::discover::{fill_index, Classifier};
use agentls_analysis::index::WorkspaceIndex;
use agentls_analysis::knowledge::{detect_by_content, Detected};
use agentls_analysis::syntax::Parsed;
use agentls_analysis::text::TextRange;
use agentls_analysis::{diagnostics, finalize, workspace_diagnostics, Diagnostic, Snapshot, TextShape, WorkspaceCtx};

/// Reads and analyses every target in parallel (file-local findings), reporting the files that
/// are not agent files or cannot be read. Returns the reports in target order and whether a
/// file could not be read.
pub(super) fn analyse(classifier: &Classifier, files: Vec<Target>) -> (Vec<FileReport>, bool) {
    read_all(classifier, files, true)
}

/// [`analyse`], with the file-local findings only when `diagnose` (`graph` needs the snapshots,
/// not the findings).
pub(super) fn read_all(classifier: &Classifier, files: Vec<Target>, diagnose: bool) -> (Vec<FileReport>, bool) {
    use rayon::prelude::*;
    let results: Vec<_> = files
        .into_par_iter()
        .map(|t| {
            let path = t.path.clone();
            (path, check_file(classifier, t, diagnose))
        })
        .collect();
    let mut unreadable = false;
    let mut reports = Vec::new();
    for (path, result) in results {
        match result {
            Ok(Some(report)) => reports.push(report),
            Ok(None) => warn(&format!(
                "{}: not an agent definition file (no dialect from its path or frontmatter); skipped",
                path.display()
            )),
            Err(e) => {
                warn(&format!("cannot read {}: {e}", path.display()));
                unreadable = true;
            }
        }
    }
    (reports, unreadable)
}

/// Reads and analyses one file. Its dialect comes from its path; a file named explicitly
/// without one falls back to its frontmatter's keys (formats.md §4.1). `Ok(None)`: not an
/// agent file.
fn check_file(classifier: &Classifier, target: Target, diagnose: bool) -> std::io::Result<Option<FileReport>> {
    let bytes = match target.source {
        Source::Disk => std::fs::read(&target.path)?,
        Source::Stdin(bytes) => bytes,
    };
    let (text, bad_utf8) = match String::from_utf8(bytes) {
        Ok(s) => (s, None),
        Err(e) => {
            let at = e.utf8_error().valid_up_to();
            (String::from_utf8_lossy(e.as_bytes()).into_owned(), Some(at))
        }
    };
    let mut snapshot = classifier.snapshot(&absolute(&target.path), text, target.detected, TextShape::Flat);
    if snapshot.detected.is_none() {
        match detect_explicit(&snapshot) {
            Some(d) => snapshot.detected = Some(d),
            None => return Ok(None),
        }
    }
    if !diagnose {
        return Ok(Some(FileReport { path: target.path, snapshot, diagnostics: Vec::new() }));
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
    Ok(Some(FileReport { path: target.path, snapshot, diagnostics }))
}

/// The dialect of an explicitly named file without one by path: from its frontmatter's keys
/// (the same parse the analysis then uses) or, when the top of the file holds a would-be
/// frontmatter no consumer reads (after a blank line, indented, `----`, unclosed), from the
/// keys of that block — so the layout rules report why it is not read.
fn detect_explicit(snapshot: &Snapshot) -> Option<Detected> {
    let keys: Vec<&str> =
        snapshot.parsed.frontmatter.iter().flat_map(|f| f.entries.iter().map(|e| e.key.as_str())).collect();
    if !keys.is_empty() {
        return detect_by_content(&keys);
    }
    let (_, opening) = snapshot.parsed.top.problem?;
    let text = snapshot.text.to_text();
    let block = would_be_block(&text, opening);
    let parsed = Parsed::new(&format!("---\n{block}---\n"));
    let keys: Vec<&str> = parsed.frontmatter.iter().flat_map(|f| f.entries.iter().map(|e| e.key.as_str())).collect();
    detect_by_content(&keys)
}

/// The lines after the would-be opening delimiter `opening`, up to the next delimiter-like
/// line (`---`, `----`, `...`) or 500 lines, with the opening's indentation removed.
fn would_be_block(text: &str, opening: TextRange) -> String {
    let open_line = &text[opening.start..opening.end];
    let indent = &open_line[..open_line.len() - open_line.trim_start().len()];
    let rest = &text[opening.end..];
    let rest = rest.strip_prefix("\r\n").or_else(|| rest.strip_prefix(['\n', '\r'])).unwrap_or(rest);
    let mut block = String::new();
    for line in rest.lines().take(500) {
        let t = line.trim();
        if t == "..." || (t.len() >= 3 && t.bytes().all(|b| b == b'-')) {
            break;
        }
        block.push_str(line.strip_prefix(indent).unwrap_or(line.trim_start()));
        block.push('\n');
    }
    block
}

/// Indexes every checked file, then adds each file's cross-file findings (references,
/// duplicates, links, MCP servers) and applies suppressions and configured levels.
pub(super) fn workspace_findings(reports: &mut [FileReport], roots: Vec<PathBuf>, mcp_configs: &[PathBuf]) {
    use rayon::prelude::*;
    let index = index_of(reports, roots, mcp_configs);
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

/// The index of the analysed files over `roots`, with the MCP configurations found: the
/// snapshots already hold each file's parse, so their summaries are what is indexed.
pub(super) fn index_of(reports: &[FileReport], roots: Vec<PathBuf>, mcp_configs: &[PathBuf]) -> WorkspaceIndex {
    use rayon::prelude::*;
    let index = WorkspaceIndex::new(roots);
    fill_index(&index, mcp_configs, reports.par_iter().filter_map(|r| r.snapshot.summary()));
    index
}

/// The problems of every configuration file read, as reports of those files (`invalid-config`
/// errors at their ranges): they are printed like any finding, and make the exit status 2.
pub(super) fn config_findings(classifier: &Classifier) -> Vec<FileReport> {
    crate::config::problem_reports(&classifier.configs)
        .into_iter()
        .filter(|r| !r.diagnostics.is_empty())
        .map(|r| FileReport { path: shown_path(&r.path), snapshot: r.snapshot, diagnostics: r.diagnostics })
        .collect()
}

/// A configuration file's path as shown: relative to the current folder when under it.
fn shown_path(path: &Path) -> PathBuf {
    std::env::current_dir()
        .ok()
        .and_then(|cwd| path.strip_prefix(cwd).ok().map(Path::to_path_buf))
        .unwrap_or_else(|| path.to_path_buf())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_would_be_block_is_dedented_and_ends_at_a_delimiter() {
        let text = "\n  ---\n  name: a\n  description: d\n  ---\nbody\n";
        let open = TextRange::new(1, 6);
        assert_eq!(would_be_block(text, open), "name: a\ndescription: d\n");
        let text = "\n---\nname: a\r\ntools: Read\n...\n";
        assert_eq!(would_be_block(text, TextRange::new(1, 4)), "name: a\ntools: Read\n");
    }
}
