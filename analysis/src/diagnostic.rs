//! [`Diagnostic`]: what the analysis reports, in byte ranges, before any protocol conversion.

use std::sync::OnceLock;

use serde::Deserialize;

use crate::knowledge::DataSeverity;
use crate::text::TextRange;

/// How bad a finding is (LSP's four levels).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Severity {
    /// The consumer rejects or skips the file, or the value can never work.
    Error,
    /// The consumer ignores or falls back.
    Warning,
    /// Style, portability, deprecation that still works.
    Information,
    /// A faint suggestion.
    Hint,
}

impl Severity {
    /// Lowercase name as the CLI and JSON print it.
    pub fn as_str(self) -> &'static str {
        match self {
            Severity::Error => "error",
            Severity::Warning => "warning",
            Severity::Information => "information",
            Severity::Hint => "hint",
        }
    }
}

impl From<DataSeverity> for Severity {
    fn from(s: DataSeverity) -> Self {
        match s {
            DataSeverity::Error => Severity::Error,
            DataSeverity::Warning => Severity::Warning,
            DataSeverity::Information => Severity::Information,
            DataSeverity::Hint => Severity::Hint,
        }
    }
}

/// One finding.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Diagnostic {
    /// Stable kebab-case code, listed in `data/catalogues/diagnostics.toml`.
    pub code: &'static str,
    /// Severity.
    pub severity: Severity,
    /// Byte range in the document: the offending key or value.
    pub range: TextRange,
    /// One sentence, naming the value and what to do.
    pub message: String,
    /// Other places that explain this one (the other definition of a duplicate).
    pub related: Vec<Related>,
    /// The consumers this finding matters to, when they are not all the file's consumers
    /// (e.g. `["copilot-cli"]` for a Claude Code agent the Copilot CLI rejects); `Some([])`
    /// for portability to no named consumer. `None`: it matters to every consumer. A
    /// configuration's `consumers` list drops findings that matter to none of its consumers
    /// ([`crate::config::Config::apply`]).
    pub affects: Option<Vec<String>>,
}

/// A place in another (or the same) file related to a diagnostic.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Related {
    /// The file.
    pub path: std::path::PathBuf,
    /// Where in it.
    pub span: crate::index::Span,
    /// What it is.
    pub message: String,
}

impl Diagnostic {
    /// A diagnostic with the code's default severity from the catalogue.
    ///
    /// # Panics
    /// In debug builds, if `code` is not in the catalogue (tests cover every code).
    pub fn new(code: &'static str, range: TextRange, message: impl Into<String>) -> Self {
        let severity = code_info(code).map_or(Severity::Warning, |c| c.severity.into());
        debug_assert!(code_info(code).is_some(), "diagnostic code {code} missing from diagnostics.toml");
        Self { code, severity, range, message: message.into(), related: Vec::new(), affects: None }
    }

    /// The same diagnostic at the severity a dialect's `[reading]` entry gives it, for the
    /// consumers it names.
    pub fn with_effect(mut self, effect: &crate::knowledge::Effect) -> Self {
        self.severity = effect.severity.into();
        self.affects.clone_from(&effect.affects);
        self
    }

    /// The same diagnostic with another severity.
    pub fn with_severity(mut self, severity: impl Into<Severity>) -> Self {
        self.severity = severity.into();
        self
    }
}

/// A catalogue entry: a code, its default severity and its documentation.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CodeInfo {
    /// The code.
    pub code: String,
    /// Default severity.
    pub severity: DataSeverity,
    /// One-line description (also in README's list).
    pub doc: String,
}

#[derive(Deserialize)]
struct Catalogue {
    code: Vec<CodeInfo>,
}

/// Every diagnostic code, from `data/catalogues/diagnostics.toml`.
pub fn codes() -> &'static [CodeInfo] {
    static C: OnceLock<Vec<CodeInfo>> = OnceLock::new();
    C.get_or_init(|| {
        toml::from_str::<Catalogue>(include_str!("../data/catalogues/diagnostics.toml"))
            .expect("diagnostics.toml is valid")
            .code
    })
}

/// The catalogue entry of `code`.
pub fn code_info(code: &str) -> Option<&'static CodeInfo> {
    codes().iter().find(|c| c.code == code)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn readme_lists_every_code_with_its_severity() {
        let readme = include_str!("../../README.md");
        for c in codes() {
            let row = format!(
                "| `{}` | {} |",
                c.code,
                match c.severity {
                    DataSeverity::Error => "error",
                    DataSeverity::Warning => "warning",
                    DataSeverity::Information => "information",
                    DataSeverity::Hint => "hint",
                }
            );
            assert!(readme.contains(&row), "README.md lacks the row for {}", c.code);
        }
    }
}
