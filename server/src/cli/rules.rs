//! `agentls rule CODE` (what the consumer does, an example file, the fix — as `ruff rule`
//! prints) and `agentls rules` (every code, its default severity, its one-line description).
//! The codes come from the diagnostics catalogue, the documentation from `rules.toml`; a code
//! without documentation says so.

use std::io::{self, Write};
use std::process::ExitCode;

use serde::Serialize;

use agentls_analysis::knowledge::DataSeverity;
use agentls_analysis::rule_docs::rule_doc;
use agentls_analysis::text::suggest::ranked;
use agentls_analysis::{code_info, codes, CodeInfo, Severity};

use super::args::{RuleArgs, RulesArgs, TextOrJson};
use super::sarif::fenced;
use super::targets::warn;

/// What a code without documentation shows.
const UNDOCUMENTED: &str = "no documentation yet";

fn severity(s: DataSeverity) -> &'static str {
    Severity::from(s).as_str()
}

/// `agentls rule CODE`: 0, or 2 (with the closest code) when the code is unknown.
pub(super) fn rule(args: &RuleArgs) -> ExitCode {
    let Some(info) = code_info(args.code.trim()) else {
        let closest = ranked(&args.code, codes().iter().map(|c| c.code.as_str())).first().copied().unwrap_or("");
        warn(&format!("unknown rule `{}`; did you mean `{closest}`? (`agentls rules` lists every code)", args.code));
        return ExitCode::from(2);
    };
    let mut out = io::stdout().lock();
    let written = match args.output_format {
        TextOrJson::Text => write!(out, "{}", rule_text(info)),
        TextOrJson::Json => print_json(&mut out, &rule_json(info)),
    };
    exit(written)
}

/// `agentls rules`: every code.
pub(super) fn rules(args: &RulesArgs) -> ExitCode {
    let mut out = io::stdout().lock();
    let written = match args.output_format {
        TextOrJson::Text => rules_text(&mut out),
        TextOrJson::Json => print_json(&mut out, &codes().iter().map(rule_json).collect::<Vec<_>>()),
    };
    exit(written)
}

/// 0, or 2 when stdout could not be written (other than a closed pipe: `agentls rules | head`).
fn exit(written: io::Result<()>) -> ExitCode {
    match written {
        Err(e) if e.kind() != io::ErrorKind::BrokenPipe => {
            warn(&format!("cannot write: {e}"));
            ExitCode::from(2)
        }
        _ => ExitCode::SUCCESS,
    }
}

/// A code's page: heading, one-line description, explanation, example, fix.
fn rule_text(info: &CodeInfo) -> String {
    let mut s = format!("# {} ({})\n\n{}\n\n", info.code, severity(info.severity), info.doc);
    match rule_doc(&info.code) {
        Some(d) => {
            s.push_str(&format!("{}\n\n", d.explanation.trim()));
            s.push_str(&format!("## Example (`{}`)\n\n{}\n\n", d.example_path, fenced(&d.example)));
            s.push_str(&format!("## Fix\n\n{}\n", fenced(&d.fix)));
        }
        None => s.push_str(&format!("{UNDOCUMENTED}\n")),
    }
    s
}

/// A code as JSON: `code`, `severity`, `summary`, and `explanation`, `example_path`,
/// `example`, `fix` (null when not documented yet).
#[derive(Serialize)]
struct RuleJson {
    code: &'static str,
    severity: &'static str,
    summary: &'static str,
    explanation: Option<&'static str>,
    example_path: Option<&'static str>,
    example: Option<&'static str>,
    fix: Option<&'static str>,
}

fn rule_json(info: &'static CodeInfo) -> RuleJson {
    let d = rule_doc(&info.code);
    RuleJson {
        code: &info.code,
        severity: severity(info.severity),
        summary: &info.doc,
        explanation: d.map(|d| d.explanation.trim()),
        example_path: d.map(|d| d.example_path.as_str()),
        example: d.map(|d| d.example.as_str()),
        fix: d.map(|d| d.fix.as_str()),
    }
}

/// One line per code: code, default severity, one-line description.
fn rules_text(out: &mut impl Write) -> io::Result<()> {
    let width = codes().iter().map(|c| c.code.len()).max().unwrap_or(0);
    for c in codes() {
        let note = if rule_doc(&c.code).is_some() { String::new() } else { format!(" ({UNDOCUMENTED})") };
        writeln!(out, "{:<width$}  {:<11}  {}{note}", c.code, severity(c.severity), c.doc)?;
    }
    Ok(())
}

fn print_json(out: &mut impl Write, value: &impl Serialize) -> io::Result<()> {
    serde_json::to_writer_pretty(&mut *out, value).map_err(io::Error::other)?;
    writeln!(out)
}
