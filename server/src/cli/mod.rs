//! The command line: `agentls server`, `agentls check`, `--version`, `--help`.

mod check;
mod render;

use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Parser, Subcommand, ValueEnum};

/// Language server and linter for AI agent definition files (Claude Code subagents, commands
/// and skills; Copilot / VS Code custom agents, prompts and instructions; `OpenCode`, Gemini CLI).
#[derive(Debug, Parser)]
#[command(name = "agentls", version, about, long_about = None)]
pub struct Cli {
    /// What to do.
    #[command(subcommand)]
    pub command: Command,
}

/// Subcommands.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// Run the language server over stdio (for editors).
    Server {
        /// Accepted and ignored: stdio is the only transport (vscode-languageclient and other
        /// clients pass it).
        #[arg(long)]
        stdio: bool,
    },
    /// Check agent definition files and print diagnostics.
    Check(CheckArgs),
}

/// Output format of `check`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Format {
    /// `path:line:col: severity[code]: message` with the source line and a caret underline.
    Human,
    /// One JSON array of diagnostics (1-based lines, 1-based character columns).
    Json,
}

/// Arguments of `agentls check`.
#[derive(Debug, clap::Args)]
pub struct CheckArgs {
    /// Files or folders to check. Folders are searched for agent files by the discovery rules
    /// (respecting .gitignore); a file named here is always checked.
    #[arg(default_value = ".")]
    pub paths: Vec<PathBuf>,
    /// Output format.
    #[arg(long, value_enum, default_value_t = Format::Human)]
    pub format: Format,
    /// After the summary, print how many files each dialect has and how often each code fires.
    #[arg(long)]
    pub statistics: bool,
}

/// Runs `check` and returns the process exit code: 0 without errors, 1 with errors, 2 when a
/// path could not be read.
pub fn run_check(args: &CheckArgs) -> ExitCode {
    check::run(args)
}
