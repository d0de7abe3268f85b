//! `agentls convert FILE --to DIALECT`: the agent in FILE rewritten for another tool
//! ([`agentls_analysis::convert`]), written where that tool finds it — under the workspace root
//! (the folder holding the nearest `.claude`, `.github`, `.opencode`, … above FILE; else the
//! nearest folder with `.git`; else the current folder) — and a list of what has no equivalent.
//! An existing file is never overwritten without `--force`.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use clap::ValueEnum;

use super::targets::{absolute, warn};
use crate::config::ConfigCache;
use crate::discover::Classifier;
use agentls_analysis::convert::{convert, workspace_root, Conversion, NoteKind, Target};
use agentls_analysis::knowledge::detect_by_content;
use agentls_analysis::TextShape;

/// A dialect to convert to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ToDialect {
    /// VS Code / GitHub Copilot custom agent (`.github/agents/<name>.agent.md`).
    CopilotAgent,
    /// Claude Code subagent (`.claude/agents/<name>.md`).
    ClaudeAgent,
    /// `OpenCode` agent (`.opencode/agents/<name>.md`).
    OpencodeAgent,
}

impl ToDialect {
    fn target(self) -> Target {
        match self {
            ToDialect::CopilotAgent => Target::CopilotAgent,
            ToDialect::ClaudeAgent => Target::ClaudeAgent,
            ToDialect::OpencodeAgent => Target::OpencodeAgent,
        }
    }
}

/// Arguments of `agentls convert`.
#[derive(Debug, clap::Args)]
pub struct ConvertArgs {
    /// The agent file to convert.
    pub file: PathBuf,
    /// The dialect to convert to.
    #[arg(long, value_enum)]
    pub to: ToDialect,
    /// Print the converted file on standard output (the report goes to standard error) instead
    /// of writing it.
    #[arg(long, conflicts_with = "dry_run")]
    pub stdout: bool,
    /// Print where the file would be written, the report and the converted file; write nothing.
    #[arg(long)]
    pub dry_run: bool,
    /// Overwrite the target file if it exists.
    #[arg(long)]
    pub force: bool,
}

/// Runs `convert`: 0 when converted (written or printed), 1 when the target file exists and
/// `--force` is not given, 2 when FILE cannot be read or is no agent of a dialect agentls
/// converts from.
pub fn run(args: &ConvertArgs) -> ExitCode {
    let conversion = match load_and_convert(&args.file, args.to.target()) {
        Ok(c) => c,
        Err(message) => {
            warn(&message);
            return ExitCode::from(2);
        }
    };
    let dest = destination(&args.file, &conversion);
    let shown = super::graph::display(&dest);
    if args.stdout {
        let _ = std::io::stdout().lock().write_all(conversion.text.as_bytes());
        report(&mut std::io::stderr().lock(), &conversion, &shown, "converted");
        return ExitCode::SUCCESS;
    }
    if args.dry_run {
        let mut out = std::io::stdout().lock();
        report(&mut out, &conversion, &shown, "would write");
        let _ = writeln!(out);
        let _ = out.write_all(conversion.text.as_bytes());
        return ExitCode::SUCCESS;
    }
    if dest.exists() && !args.force {
        warn(&format!("{shown} exists; not overwritten (use --force to replace it, or --stdout to print)"));
        return ExitCode::from(1);
    }
    if let Err(e) = super::disk::write_atomic(&dest, &conversion.text) {
        warn(&format!("cannot write {shown}: {e}"));
        return ExitCode::from(2);
    }
    report(&mut std::io::stdout().lock(), &conversion, &shown, "wrote");
    ExitCode::SUCCESS
}

/// Reads `file`, finds its dialect (by path, else by its frontmatter keys, as `check` does for
/// a named file) and converts it.
fn load_and_convert(file: &Path, target: Target) -> Result<Conversion, String> {
    let bytes = std::fs::read(file).map_err(|e| format!("cannot read {}: {e}", file.display()))?;
    let text = String::from_utf8(bytes).map_err(|_| format!("{} is not UTF-8 text", file.display()))?;
    let classifier = Classifier::with_configs(ConfigCache::new(false, None));
    let path = absolute(file);
    let mut snap = classifier.snapshot(&path, text, classifier.detect(&path), TextShape::Flat);
    if snap.detected.is_none() {
        let keys: Vec<&str> =
            snap.parsed.frontmatter.iter().flat_map(|f| f.entries.iter().map(|e| e.key.as_str())).collect();
        snap.detected = detect_by_content(&keys);
    }
    convert(&snap, target).map_err(|e| format!("{}: {e}", file.display()))
}

/// Where the converted file goes: its target path under the workspace root of `file`.
fn destination(file: &Path, c: &Conversion) -> PathBuf {
    let path = absolute(file);
    let root = workspace_root(&path)
        .or_else(|| path.ancestors().skip(1).find(|d| d.join(".git").exists()).map(Path::to_path_buf))
        .or_else(|| std::env::current_dir().ok())
        .unwrap_or_default();
    root.join(&c.path)
}

/// `<verb> PATH (agent NAME)` and one line per note.
fn report(out: &mut impl Write, c: &Conversion, shown: &str, verb: &str) {
    let _ = writeln!(out, "{verb} {shown} (agent `{}`)", c.name);
    if c.notes.is_empty() {
        let _ = writeln!(out, "every field has an equivalent");
        return;
    }
    for (kind, title) in [
        (NoteKind::Missing, "missing in the source"),
        (NoteKind::Dropped, "no equivalent (left out)"),
        (NoteKind::Changed, "carried with a change"),
    ] {
        let notes: Vec<_> = c.notes.iter().filter(|n| n.kind == kind).collect();
        if !notes.is_empty() {
            let _ = writeln!(out, "{title}:");
        }
        for n in notes {
            let _ = writeln!(out, "  {}: {}", n.key, n.message);
        }
    }
}
