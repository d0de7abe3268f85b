//! What `check` found, in the shape every output format reads: the checked files, each finding
//! with 1-based positions in characters, the counts of the summary.

use std::path::{Path, PathBuf};

use agentls_analysis::text::ColumnUnit;
use agentls_analysis::{Diagnostic, Severity, Snapshot};

/// One checked file and its findings.
pub(super) struct FileReport {
    /// The path as the user named it (or as the walk found it under a named folder).
    pub path: PathBuf,
    /// The analysed text.
    pub snapshot: Snapshot,
    /// The findings shown, in document order.
    pub diagnostics: Vec<Diagnostic>,
}

/// A position as printed: 1-based line, 1-based column counted in Unicode code points.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) struct Pos {
    pub line: u32,
    pub column: u32,
}

/// One finding and where it is.
pub(super) struct Finding<'a> {
    pub report: &'a FileReport,
    pub diagnostic: &'a Diagnostic,
    pub start: Pos,
    /// The position just after the range.
    pub end: Pos,
}

impl FileReport {
    /// The dialect's id (`claude-agent`), `none` for a configuration file.
    pub fn dialect(&self) -> &'static str {
        self.snapshot.detected.as_ref().map_or("none", |d| d.dialect.id())
    }

    /// The position of byte `offset`.
    pub fn pos(&self, offset: usize) -> Pos {
        let lc = self.snapshot.text.line_col(offset, ColumnUnit::Char);
        Pos { line: lc.line + 1, column: lc.col + 1 }
    }

    /// Every finding with its positions.
    pub fn findings(&self) -> impl Iterator<Item = Finding<'_>> {
        self.diagnostics.iter().map(move |d| Finding {
            report: self,
            diagnostic: d,
            start: self.pos(d.range.start),
            end: self.pos(d.range.end),
        })
    }

    /// The text of 1-based line `line`, without its terminator.
    pub fn line_text(&self, line: u32) -> String {
        let range = self.snapshot.text.line_range(line.saturating_sub(1) as usize).unwrap_or(0..0);
        self.snapshot.text.slice(range.into()).trim_end_matches(['\n', '\r']).to_string()
    }

    /// The path relative to the current folder, `/`-separated, without a leading `./` (as CI
    /// systems name files); the absolute path when the file is outside the current folder.
    pub fn relative_path(&self) -> String {
        relative_path(&self.path)
    }
}

/// `path` relative to the current folder (see [`FileReport::relative_path`]).
pub(super) fn relative_path(path: &Path) -> String {
    let absolute = normalized(&std::path::absolute(path).unwrap_or_else(|_| path.to_path_buf()));
    let cwd = std::env::current_dir().ok();
    let shown = cwd.and_then(|c| absolute.strip_prefix(c).ok().map(Path::to_path_buf)).unwrap_or(absolute);
    shown.to_string_lossy().replace('\\', "/")
}

/// `path` without `.` and `..` components (lexically).
fn normalized(path: &Path) -> PathBuf {
    let mut out = PathBuf::new();
    for c in path.components() {
        match c {
            std::path::Component::CurDir => {}
            std::path::Component::ParentDir => {
                out.pop();
            }
            other => out.push(other),
        }
    }
    out
}

/// How many findings of each severity are shown, in how many files.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub(super) struct Counts {
    pub errors: usize,
    pub warnings: usize,
    pub notes: usize,
    pub hints: usize,
    /// Files with at least one finding.
    pub files_with_findings: usize,
    /// Files checked.
    pub files: usize,
}

impl Counts {
    /// Counts the findings of `reports`.
    pub fn of(reports: &[FileReport]) -> Self {
        let mut c = Counts { files: reports.len(), ..Counts::default() };
        for r in reports {
            if !r.diagnostics.is_empty() {
                c.files_with_findings += 1;
            }
            for d in &r.diagnostics {
                match d.severity {
                    Severity::Error => c.errors += 1,
                    Severity::Warning => c.warnings += 1,
                    Severity::Information => c.notes += 1,
                    Severity::Hint => c.hints += 1,
                }
            }
        }
        c
    }

    /// `1 error, 5 warnings, 14 notes, 2 hints in 3 files (7 files checked)`: errors and
    /// warnings always, notes (information) and hints when there are some.
    pub fn summary(&self) -> String {
        let mut parts = vec![plural(self.errors, "error"), plural(self.warnings, "warning")];
        if self.notes > 0 {
            parts.push(plural(self.notes, "note"));
        }
        if self.hints > 0 {
            parts.push(plural(self.hints, "hint"));
        }
        format!(
            "{} in {} ({} checked)",
            parts.join(", "),
            plural(self.files_with_findings, "file"),
            plural(self.files, "file")
        )
    }
}

/// `1 file`, `2 files`, `0 files`.
pub(super) fn plural(n: usize, word: &str) -> String {
    if n == 1 {
        format!("1 {word}")
    } else {
        format!("{n} {word}s")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn summary_counts_every_severity_in_the_singular_for_one() {
        let c = Counts { errors: 1, warnings: 5, notes: 14, hints: 2, files_with_findings: 3, files: 7 };
        assert_eq!(c.summary(), "1 error, 5 warnings, 14 notes, 2 hints in 3 files (7 files checked)");
        let c = Counts { warnings: 1, files_with_findings: 1, files: 1, ..Counts::default() };
        assert_eq!(c.summary(), "0 errors, 1 warning in 1 file (1 file checked)");
        let c = Counts { hints: 1, files_with_findings: 1, files: 2, ..Counts::default() };
        assert_eq!(c.summary(), "0 errors, 0 warnings, 1 hint in 1 file (2 files checked)");
    }
}
