//! `agentls check`: discovery, analysis of each file (frontmatter only — bodies are never
//! Markdown-parsed), then printing in the chosen format and the exit status.

use std::io::Write;
use std::process::ExitCode;

use super::analyse::{analyse, config_findings, workspace_findings};
use super::report::{Counts, FileReport};
use super::targets::{expand, warn};
use super::{github, human, json, junit, sarif, silence, CheckArgs, OutputFormat};
use crate::config::ConfigCache;
use crate::discover::Classifier;

/// Runs `check` (see [`super::run_check`]).
pub(super) fn run(args: &CheckArgs) -> ExitCode {
    if args.fix || args.unsafe_fixes || args.diff {
        return super::fix::run(args);
    }
    let Some(classifier) = classifier(args) else { return ExitCode::from(2) };
    let mut targets = expand(args, &classifier);
    let (mut reports, unreadable) = analyse(&classifier, std::mem::take(&mut targets.files));
    if reports.is_empty() {
        silence::explain(&targets, &classifier, !args.no_ignore);
    }
    workspace_findings(&mut reports, targets.roots.clone(), &targets.mcp_configs);
    let config_reports = config_findings(&classifier);
    let bad_config = !config_reports.is_empty();
    reports.extend(config_reports);
    for r in &mut reports {
        r.diagnostics.retain(|d| args.severity.shows(d.severity));
    }
    let _ = print(args, &reports);
    let counts = Counts::of(&reports);
    let too_many_warnings = args.max_warnings.is_some_and(|max| counts.warnings > max);
    if too_many_warnings && !args.exit_zero {
        warn(&format!(
            "{} shown, more than --max-warnings {}",
            super::report::plural(counts.warnings, "warning"),
            args.max_warnings.unwrap_or_default()
        ));
    }
    if targets.unreadable || unreadable || bad_config {
        ExitCode::from(2)
    } else if (counts.errors > 0 || too_many_warnings) && !args.exit_zero {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    }
}

/// The classifier with the configuration the flags ask for: `--isolated` (none), `--config`
/// (one file for all), or the nearest file. `None` (after a message) when `--config` names no
/// readable file.
pub(super) fn classifier(args: &CheckArgs) -> Option<Classifier> {
    if let Some(path) = &args.config {
        if !path.is_file() {
            warn(&format!("cannot read the configuration {}: no such file", path.display()));
            return None;
        }
    }
    let configs = ConfigCache::new(args.isolated, args.config.clone());
    Some(Classifier::with_configs(configs))
}

/// Prints the reports in the chosen format, then the statistics if asked.
fn print(args: &CheckArgs, reports: &[FileReport]) -> std::io::Result<()> {
    let stdout = std::io::stdout();
    let mut out = std::io::BufWriter::new(stdout.lock());
    match args.output_format {
        OutputFormat::Human => human::write(&mut out, reports, !args.quiet)?,
        OutputFormat::Json => json::write(&mut out, reports)?,
        OutputFormat::Sarif => sarif::write(&mut out, reports)?,
        OutputFormat::Github => github::write(&mut out, reports)?,
        OutputFormat::Junit => junit::write(&mut out, reports)?,
    }
    if args.statistics {
        human::statistics(&mut out, reports)?;
    }
    out.flush()
}
