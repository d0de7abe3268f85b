//! What the command line names: the files to check (with their dialect by path, when they have
//! one), the folders walked, the roots for cross-file analysis, standard input.

use std::io::{Read, Write};
use std::path::{Path, PathBuf};

use super::CheckArgs;
use crate::discover::{walk_with, Classifier, WalkOptions};
use agentls_analysis::knowledge::Detected;

/// Where a file's text comes from.
pub(super) enum Source {
    /// Read it from disk.
    Disk,
    /// Already read from standard input.
    Stdin(Vec<u8>),
}

/// One file to check.
pub(super) struct Target {
    /// The path shown (for standard input: `--stdin-filename`, or `-`).
    pub path: PathBuf,
    /// Its dialect by path, if it has one.
    pub detected: Option<Detected>,
    /// Where its text comes from.
    pub source: Source,
}

/// The expansion of the command line.
#[derive(Default)]
pub(super) struct Targets {
    pub files: Vec<Target>,
    /// The folders walked, as named.
    pub walked: Vec<PathBuf>,
    /// Roots for cross-file analysis (absolute).
    pub roots: Vec<PathBuf>,
    /// MCP configurations found on the way.
    pub mcp_configs: Vec<PathBuf>,
    /// A named path could not be read.
    pub unreadable: bool,
}

/// The ignore files a walk of a named folder honours: those inside it (unless `--no-ignore`),
/// never those above it — a folder named on the command line is checked.
pub(super) fn walk_options(args: &CheckArgs) -> WalkOptions {
    WalkOptions { ignore_files: !args.no_ignore, parent_ignore_files: false }
}

/// Expands the paths on the command line: folders are walked by the discovery rules, files are
/// taken as they are, `-` is standard input. Problems are reported on stderr.
pub(super) fn expand(args: &CheckArgs, classifier: &Classifier) -> Targets {
    expand_paths(&args.paths, args.stdin_filename.as_deref(), walk_options(args), classifier)
}

/// [`expand`] for any command naming files and folders (`check`, `graph`): `paths` (default
/// `.`, or `-` when only `stdin_filename` is given), walked with `options`.
pub(super) fn expand_paths(
    paths: &[PathBuf],
    stdin_filename: Option<&Path>,
    options: WalkOptions,
    classifier: &Classifier,
) -> Targets {
    let mut t = Targets::default();
    let stdin_only = paths.is_empty() && stdin_filename.is_some();
    let default = [PathBuf::from(if stdin_only { "-" } else { "." })];
    let paths = if paths.is_empty() { &default[..] } else { paths };
    for path in paths {
        if path.as_os_str() == "-" {
            add_stdin(&mut t, stdin_filename, classifier);
            continue;
        }
        match std::fs::metadata(path) {
            Err(e) => report(&mut t, &format!("cannot read {}: {e}", path.display())),
            Ok(m) if m.is_dir() => {
                let walked = walk_with(path, classifier, options);
                for e in walked.errors {
                    warn(&e);
                }
                t.mcp_configs.extend(walked.mcp_configs);
                t.roots.push(absolute(path));
                t.walked.push(path.clone());
                t.files.extend(walked.files.into_iter().map(|f| Target {
                    path: f.path,
                    detected: Some(f.detected),
                    source: Source::Disk,
                }));
            }
            // A FIFO or device would block or never end: refuse it.
            Ok(m) if !m.is_file() => report(&mut t, &format!("cannot read {}: not a regular file", path.display())),
            Ok(_) => {
                t.roots.push(absolute(path.parent().unwrap_or(Path::new("."))));
                t.files.push(Target { path: path.clone(), detected: classifier.detect(path), source: Source::Disk });
            }
        }
    }
    // A file named twice (`check dir dir`, `check dir dir/a.md`) is checked once.
    let mut seen = std::collections::HashSet::new();
    t.files.retain(|f| seen.insert(absolute(&f.path)));
    t
}

/// Reads standard input as the file `name` (which need not exist; without one, the text's
/// frontmatter decides the dialect).
fn add_stdin(t: &mut Targets, name: Option<&Path>, classifier: &Classifier) {
    if t.files.iter().any(|f| matches!(f.source, Source::Stdin(_))) {
        return; // `-` named twice: standard input is read once
    }
    let mut bytes = Vec::new();
    if let Err(e) = std::io::stdin().lock().read_to_end(&mut bytes) {
        report(t, &format!("cannot read standard input: {e}"));
        return;
    }
    let path = name.map_or_else(|| PathBuf::from("-"), Path::to_path_buf);
    let parent = name.and_then(Path::parent).filter(|p| !p.as_os_str().is_empty()).unwrap_or(Path::new("."));
    t.roots.push(absolute(parent));
    let detected = name.and_then(|n| classifier.detect(n));
    t.files.push(Target { path, detected, source: Source::Stdin(bytes) });
}

fn report(t: &mut Targets, message: &str) {
    warn(message);
    t.unreadable = true;
}

/// Prints `agentls: message` on stderr.
pub(super) fn warn(message: &str) {
    let _ = writeln!(std::io::stderr().lock(), "agentls: {message}");
}

/// An absolute form of `path` (the index compares paths; relative ones are shown to the user).
pub(super) fn absolute(path: &Path) -> PathBuf {
    std::path::absolute(path).unwrap_or_else(|_| path.to_path_buf())
}
