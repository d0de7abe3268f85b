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
    /// What the rule knows of the fix beyond the code and range (the did-you-mean candidates, a
    /// renamed tool's replacements, the missing key); `None` when the fix needs nothing more or
    /// there is none. Sent to editors as LSP `Diagnostic.data` and read back by
    /// [`crate::fix::fixes`].
    pub fix: Option<crate::fix::FixHint>,
    /// The consumer loads the file anyway, without what this finding is about (an error for
    /// another reason: see [`crate::knowledge::Effect::loads`]); the verdict counts it as
    /// ignored, not as dropping the file.
    pub loads_anyway: bool,
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

/// At most this many findings of one code reach the user per file; the rest are folded into
/// one summary finding ([`fold`]), so 100,000 unknown tools cost 1,001 diagnostics, not a
/// 100 MB `publishDiagnostics`.
pub const FOLD_AFTER: usize = 1000;

/// `diagnostics` (sorted by position) with every code past its first [`FOLD_AFTER`] findings
/// folded into one finding at the first one left out: same code, the most severe of the
/// severities folded, "… and N more".
pub fn fold(diagnostics: Vec<Diagnostic>) -> Vec<Diagnostic> {
    let mut count: std::collections::HashMap<&'static str, usize> = std::collections::HashMap::new();
    let mut folded: Vec<(Diagnostic, usize)> = Vec::new();
    let mut out = Vec::with_capacity(diagnostics.len().min(4 * FOLD_AFTER));
    for d in diagnostics {
        let n = count.entry(d.code).or_insert(0);
        *n += 1;
        if *n <= FOLD_AFTER {
            out.push(d);
        } else if let Some((first, more)) = folded.iter_mut().find(|(f, _)| f.code == d.code) {
            *more += 1;
            first.severity = first.severity.min(d.severity); // `Error` sorts first
        } else {
            folded.push((d, 1));
        }
    }
    for (first, more) in folded {
        let message = format!("… and {more} more `{}` findings in this file, from here on (not listed)", first.code);
        out.push(Diagnostic { message, related: Vec::new(), fix: None, ..first });
    }
    out.sort_by_key(|d| (d.range.start, d.range.end, d.code));
    out
}

impl Diagnostic {
    /// A diagnostic with the code's default severity from the catalogue.
    ///
    /// # Panics
    /// In debug builds, if `code` is not in the catalogue (tests cover every code).
    pub fn new(code: &'static str, range: TextRange, message: impl Into<String>) -> Self {
        let severity = code_info(code).map_or(Severity::Warning, |c| c.severity.into());
        debug_assert!(code_info(code).is_some(), "diagnostic code {code} missing from diagnostics.toml");
        Self {
            code,
            severity,
            range,
            message: message.into(),
            related: Vec::new(),
            affects: None,
            fix: None,
            loads_anyway: false,
        }
    }

    /// The same diagnostic at the severity a dialect's `[reading]` entry gives it, for the
    /// consumers it names.
    pub fn with_effect(mut self, effect: &crate::knowledge::Effect) -> Self {
        self.severity = effect.severity.into();
        self.affects.clone_from(&effect.affects);
        self.loads_anyway = effect.loads;
        self
    }

    /// The same diagnostic carrying what its fix needs.
    pub fn with_fix(mut self, hint: crate::fix::FixHint) -> Self {
        self.fix = Some(hint);
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
    /// The group the code belongs to (`security`), a name `[rules] select` / `ignore` accept
    /// for all its codes; `None` for codes in no group.
    #[serde(default)]
    pub category: Option<String>,
    /// Whether agentls can fix it, and how safely (`None`: no fix).
    #[serde(default)]
    pub fix: Option<crate::fix::Fixable>,
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

/// The group names of the catalogue (`category` of its entries), sorted, each once.
pub fn categories() -> Vec<&'static str> {
    let mut all: Vec<&str> = codes().iter().filter_map(|c| c.category.as_deref()).collect();
    all.sort_unstable();
    all.dedup();
    all
}

/// True when `code` belongs to the group `category`.
pub fn in_category(code: &str, category: &str) -> bool {
    code_info(code).is_some_and(|c| c.category.as_deref() == Some(category))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn readme_lists_every_code_with_its_severity() {
        let readme = include_str!("../../README.md");
        for c in codes() {
            let row = format!(
                "| `{}` | {} | {} |",
                c.code,
                match c.severity {
                    DataSeverity::Error => "error",
                    DataSeverity::Warning => "warning",
                    DataSeverity::Information => "information",
                    DataSeverity::Hint => "hint",
                },
                c.fix.map_or("—", crate::fix::Fixable::as_str)
            );
            assert!(readme.contains(&row), "README.md lacks the row for {}", c.code);
        }
    }

    #[test]
    fn findings_past_the_cap_fold_into_one() {
        let at = |i: usize| crate::text::TextRange::new(i, i + 1);
        let mut all: Vec<Diagnostic> =
            (0..FOLD_AFTER + 5).map(|i| Diagnostic::new("unknown-tool", at(i), "t")).collect();
        all.push(Diagnostic::new("unknown-model", at(3), "m"));
        all[FOLD_AFTER + 2].severity = Severity::Error;
        all.sort_by_key(|d| (d.range.start, d.range.end, d.code));
        let out = fold(all);
        assert_eq!(out.len(), FOLD_AFTER + 2);
        let last = out.last().unwrap();
        assert_eq!((last.code, last.range, last.severity), ("unknown-tool", at(FOLD_AFTER), Severity::Error));
        assert!(last.message.contains("and 5 more `unknown-tool`"), "{}", last.message);
    }
}
