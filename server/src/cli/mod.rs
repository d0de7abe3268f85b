//! The command line: `agentls server`, `agentls check`, `agentls rule`, `agentls rules`,
//! `--version`, `--help`.

mod analyse;
mod args;
mod check;
pub mod convert;
mod disk;
pub(crate) mod explain;
mod fix;
mod fix_output;
mod github;
pub mod graph;
mod human;
mod json;
mod junit;
mod report;
mod rules;
mod sarif;
mod sarif_model;
mod silence;
mod targets;

use std::process::ExitCode;

use clap::{Parser, Subcommand};

pub use args::{CheckArgs, ExplainArgs, MinSeverity, OutputFormat, RuleArgs, RulesArgs, TextOrJson};

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
    /// Explain one diagnostic code: what the consumer does, an example file and the fix.
    Rule(RuleArgs),
    /// List every diagnostic code with its default severity and a one-line description.
    Rules(RulesArgs),
    /// Draw the agent graph (agents, prompts, commands, skills and the references between
    /// them) as Mermaid, DOT or JSON; `--check` lists delegation cycles and unreachable agents.
    Graph(graph::GraphArgs),
    /// Convert an agent file to another tool's dialect (Claude Code, Copilot / VS Code,
    /// `OpenCode`), writing it where that tool finds it and listing what has no equivalent.
    Convert(convert::ConvertArgs),
    /// Say which consumers read each file and what each makes of it (loads, ignores part of
    /// it, drops it, fails its configuration), and why.
    Explain(ExplainArgs),
}

/// Runs `check` and returns the process exit code: 0 without errors, 1 with errors (or more
/// warnings than `--max-warnings`), 2 on an unreadable path or an invalid configuration.
pub fn run_check(args: &CheckArgs) -> ExitCode {
    check::run(args)
}

/// Runs `rule CODE`: 0, or 2 for an unknown code.
pub fn run_rule(args: &RuleArgs) -> ExitCode {
    rules::rule(args)
}

/// Runs `rules`: always 0.
pub fn run_rules(args: &RulesArgs) -> ExitCode {
    rules::rules(args)
}

/// Runs `explain`: 0, 1 when a consumer drops a file or fails its configuration, 2 for an
/// unreadable path.
pub fn run_explain(args: &ExplainArgs) -> ExitCode {
    explain::run(args)
}
