//! The arguments of `check`, `rule` and `rules` (clap).

use std::path::PathBuf;

use clap::ValueEnum;

use agentls_analysis::Severity;

/// Output format of `check`.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, ValueEnum)]
pub enum OutputFormat {
    /// `path:line:col: severity[code]: message` with the source line and a caret underline,
    /// then a summary.
    #[default]
    Human,
    /// One JSON array of diagnostics (1-based lines, 1-based character columns).
    Json,
    /// SARIF 2.1.0, one run (GitHub code scanning, IDE viewers).
    Sarif,
    /// GitHub Actions workflow commands (`::error file=…::message`): annotations on the diff.
    Github,
    /// `JUnit` XML: one test case per checked file, one failure per error or warning.
    Junit,
}

/// The lowest severity `check` shows.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, ValueEnum)]
pub enum MinSeverity {
    /// Everything.
    #[default]
    Hint,
    /// Errors, warnings and information (notes).
    Information,
    /// Errors and warnings.
    Warning,
    /// Errors only.
    Error,
}

impl MinSeverity {
    /// True when a finding of `severity` is shown.
    pub fn shows(self, severity: Severity) -> bool {
        let lowest = match self {
            Self::Hint => Severity::Hint,
            Self::Information => Severity::Information,
            Self::Warning => Severity::Warning,
            Self::Error => Severity::Error,
        };
        // `Severity` orders from the most severe (`Error`) to the least (`Hint`).
        severity <= lowest
    }
}

/// Arguments of `agentls check` (the default: what `check` does without flags).
#[derive(Debug, Default, clap::Args)]
pub struct CheckArgs {
    /// Files or folders to check (default: `.`). Folders are searched for agent files by the
    /// discovery rules, honouring the .gitignore and .ignore files inside them (not those
    /// above them); a file named here is always checked. `-` reads standard input.
    pub paths: Vec<PathBuf>,
    /// Output format.
    #[arg(long = "output-format", alias = "format", value_enum, default_value_t = OutputFormat::Human)]
    pub output_format: OutputFormat,
    /// After the summary, print how many files each dialect has and how often each code fires.
    #[arg(long)]
    pub statistics: bool,
    /// Exit with status 0 even when errors are found (2 still reports bad usage, an unreadable
    /// path or an invalid configuration).
    #[arg(long)]
    pub exit_zero: bool,
    /// Exit with status 1 when more than N warnings are shown.
    #[arg(long, value_name = "N")]
    pub max_warnings: Option<usize>,
    /// The lowest severity shown (and counted).
    #[arg(long, value_enum, default_value_t = MinSeverity::Hint)]
    pub severity: MinSeverity,
    /// Print only the findings: no summary.
    #[arg(long, short)]
    pub quiet: bool,
    /// The path of the text read from standard input (`-`): it decides the dialect and where
    /// relative links point. The file need not exist.
    #[arg(long, value_name = "PATH")]
    pub stdin_filename: Option<PathBuf>,
    /// Use this configuration file for every file checked, instead of the nearest
    /// `agentls.toml` / `.agentls.toml`.
    #[arg(long, value_name = "PATH", conflicts_with = "isolated")]
    pub config: Option<PathBuf>,
    /// Read no configuration file.
    #[arg(long)]
    pub isolated: bool,
    /// Do not honour .gitignore, .ignore and .git/info/exclude when searching folders.
    #[arg(long)]
    pub no_ignore: bool,
    /// Apply the safe fixes (the meaning stays: quoting, renamed tools and keys), pass after pass
    /// until nothing changes, then report what remains. Files are rewritten only when they
    /// change, atomically, keeping their line endings and byte order mark. With `-`, the fixed
    /// text is printed on standard output and the findings on standard error.
    #[arg(long)]
    pub fix: bool,
    /// Also apply the unsafe fixes (did-you-mean replacements, placeholders, new names, moved
    /// files); implies `--fix` unless `--diff` is given.
    #[arg(long)]
    pub unsafe_fixes: bool,
    /// Print the fixes as a unified diff instead of applying them; exit with status 1 when
    /// something would change.
    #[arg(long)]
    pub diff: bool,
}

/// `text` or `json`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum TextOrJson {
    /// Plain text (Markdown).
    Text,
    /// JSON.
    Json,
}

/// Arguments of `agentls rule`.
#[derive(Debug, clap::Args)]
pub struct RuleArgs {
    /// The diagnostic code (`unknown-tool`).
    pub code: String,
    /// Output format.
    #[arg(long = "output-format", alias = "format", value_enum, default_value_t = TextOrJson::Text)]
    pub output_format: TextOrJson,
}

/// Arguments of `agentls rules`.
#[derive(Debug, clap::Args)]
pub struct RulesArgs {
    /// Output format.
    #[arg(long = "output-format", alias = "format", value_enum, default_value_t = TextOrJson::Text)]
    pub output_format: TextOrJson,
}

/// Arguments of `agentls explain`.
#[derive(Debug, clap::Args)]
pub struct ExplainArgs {
    /// Files (or folders, searched like `check` does) to explain.
    #[arg(required = true)]
    pub paths: Vec<PathBuf>,
    /// Output format.
    #[arg(long = "output-format", alias = "format", value_enum, default_value_t = TextOrJson::Text)]
    pub output_format: TextOrJson,
    /// Use this configuration file (its `consumers`) for every file, instead of the nearest
    /// `agentls.toml` / `.agentls.toml`.
    #[arg(long, value_name = "PATH", conflicts_with = "isolated")]
    pub config: Option<PathBuf>,
    /// Read no configuration file: every consumer that reads a file is explained.
    #[arg(long)]
    pub isolated: bool,
}
