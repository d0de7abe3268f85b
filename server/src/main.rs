//! The `agentls` binary: `agentls server` (LSP over stdio), `agentls check` (CLI linter),
//! `agentls rule CODE` and `agentls rules` (the rule documentation).

use std::process::ExitCode;

use clap::Parser;

use agentls::cli::{run_check, run_explain, run_rule, run_rules, Cli, Command};

fn main() -> ExitCode {
    let cli = Cli::parse();
    match cli.command {
        Command::Server { .. } => {
            // Logs go to stderr; stdout belongs to the protocol.
            tracing_subscriber::fmt()
                .with_writer(std::io::stderr)
                .with_ansi(false)
                .with_env_filter(
                    tracing_subscriber::EnvFilter::try_from_env("AGENTLS_LOG").unwrap_or_else(|_| "warn".into()),
                )
                .init();
            // Blocking threads are bounded: each keeps its own parsers and allocator arena, and
            // an unbounded pool grows with every burst of documents (issue 15, bounded memory).
            let runtime = tokio::runtime::Builder::new_multi_thread()
                .worker_threads(2)
                .max_blocking_threads(16)
                .enable_all()
                .build();
            let runtime = match runtime {
                Ok(rt) => rt,
                Err(e) => {
                    eprintln!("agentls: cannot start the async runtime: {e}");
                    return ExitCode::from(2);
                }
            };
            runtime.block_on(agentls::lsp::run_stdio());
            ExitCode::SUCCESS
        }
        Command::Check(args) => run_check(&args),
        Command::Rule(args) => run_rule(&args),
        Command::Rules(args) => run_rules(&args),
        Command::Graph(args) => agentls::cli::graph::run(&args),
        Command::Convert(args) => agentls::cli::convert::run(&args),
        Command::Explain(args) => run_explain(&args),
    }
}
