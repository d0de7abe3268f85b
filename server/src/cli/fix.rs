//! `agentls check --fix` / `--unsafe-fixes` / `--diff`: the fixes of `agentls_analysis::fix`
//! applied to the checked files in memory, pass after pass (at most
//! [`fix::MAX_PASSES`](agentls_analysis::fix::MAX_PASSES)), each pass on the findings of the
//! text so far — file-local and cross-file, over an index of every checked file — with fixes
//! whose edits collide left for the next pass. Then the files that changed are written (or
//! shown as a diff) by [`super::fix_output`], and the findings that remain are reported.
//!
//! Files that are not valid UTF-8 are never fixed (writing the lossy text back would change
//! bytes no finding is about). Standard input gets only fixes of its own text.

use std::collections::{BTreeMap, HashMap};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use super::analyse::{analyse, config_findings};
use super::fix_output;
use super::report::FileReport;
use super::targets::{absolute, expand, Source};
use super::CheckArgs;
use crate::discover::{mcp_servers_in, Classifier};
use agentls_analysis::fix::{self, apply_edits, Change, Fix, FixCtx, Safety, TextEdit};
use agentls_analysis::index::WorkspaceIndex;
use agentls_analysis::{finalize, Diagnostic, Snapshot, TextShape, WorkspaceCtx};

/// One checked file during fixing.
pub(super) struct Checked {
    /// The path as shown.
    pub shown: PathBuf,
    /// Its absolute path (what fixes of other files name).
    pub path: PathBuf,
    /// Read from standard input: only its own text is fixed, and it is printed, not written.
    pub stdin: bool,
    /// The text as read (`None`: created by a fix).
    pub original: Option<String>,
    /// The current text (`None`: deleted by a fix).
    pub snapshot: Option<Snapshot>,
    /// Findings that come from reading the file, not its text (`invalid-utf8`): kept as they
    /// are, and the file is never fixed.
    pub unreadable: Vec<Diagnostic>,
    /// The file-local findings of the current text, once computed (a pass recomputes only
    /// those of the files it changed).
    local: Option<Vec<Diagnostic>>,
}

/// A file a fix touches that is not checked (an MCP configuration, a file with references to
/// a renamed agent outside the checked paths).
pub(super) struct Other {
    /// Its text before (`None`: it did not exist).
    pub original: Option<String>,
    /// Its text now (`None`: absent).
    pub current: Option<String>,
}

/// Everything fixing changed, for output.
#[derive(Default)]
pub(super) struct Outcome {
    /// The checked files.
    pub files: Vec<Checked>,
    /// Where each checked file is in `files`, by absolute path.
    by_path: HashMap<PathBuf, usize>,
    /// Other files the fixes touched, by absolute path.
    pub others: BTreeMap<PathBuf, Other>,
    /// How many findings were fixed.
    pub fixed: usize,
}

impl Outcome {
    /// The checked file at `path`.
    fn file(&self, path: &Path) -> Option<&Checked> {
        self.by_path.get(path).map(|&i| &self.files[i])
    }

    /// Adds a checked file.
    fn push(&mut self, file: Checked) {
        self.by_path.insert(file.path.clone(), self.files.len());
        self.files.push(file);
    }
}

/// One analysis of every checked file: the index it built, and each file's findings.
struct Analysed {
    index: WorkspaceIndex,
    reports: Vec<FileReport>,
}

/// Runs `check` with fixes (see [`super::CheckArgs::fix`]).
pub(super) fn run(args: &CheckArgs) -> ExitCode {
    let Some(classifier) = super::check::classifier(args) else { return ExitCode::from(2) };
    let mut targets = expand(args, &classifier);
    let stdin: Vec<PathBuf> =
        targets.files.iter().filter(|t| matches!(t.source, Source::Stdin(_))).map(|t| t.path.clone()).collect();
    let (reports, unreadable) = analyse(&classifier, std::mem::take(&mut targets.files));
    let mut outcome = Outcome::default();
    for r in reports {
        outcome.push(checked(r, &stdin));
    }
    let allow = if args.unsafe_fixes { Safety::Unsafe } else { Safety::Safe };
    let session = Session { classifier: &classifier, roots: targets.roots.clone(), mcp_configs: targets.mcp_configs };
    let mut analysed = session.analyse(&mut outcome);
    for _ in 0..fix::MAX_PASSES {
        if session.pass(&mut outcome, &analysed, allow) == 0 {
            break;
        }
        analysed = session.analyse(&mut outcome);
    }
    let more_unsafe = if args.unsafe_fixes { 0 } else { Session::unsafe_fixable(&outcome, &analysed) };
    let mut reports = analysed.reports;
    let config_reports = config_findings(&classifier);
    let bad_config = !config_reports.is_empty();
    reports.extend(config_reports);
    let status = fix_output::finish(args, &outcome, &mut reports, more_unsafe);
    if targets.unreadable || unreadable || bad_config {
        ExitCode::from(2)
    } else {
        status
    }
}

/// A report of the first reading as a file to fix.
fn checked(r: FileReport, stdin: &[PathBuf]) -> Checked {
    let text = r.snapshot.text.to_text().into_owned();
    let unreadable: Vec<Diagnostic> = r.diagnostics.into_iter().filter(|d| d.code == "invalid-utf8").collect();
    Checked {
        path: absolute(&r.path),
        stdin: stdin.contains(&r.path),
        shown: r.path,
        original: Some(text),
        snapshot: Some(r.snapshot),
        unreadable,
        local: None,
    }
}

/// What does not change between passes.
struct Session<'a> {
    classifier: &'a Classifier,
    roots: Vec<PathBuf>,
    mcp_configs: Vec<PathBuf>,
}

impl Session<'_> {
    /// The text of `path` now: a checked file, another file a fix touched, or the disk.
    fn read(outcome: &Outcome, path: &Path) -> Option<String> {
        if let Some(f) = outcome.file(path) {
            return f.snapshot.as_ref().map(|s| s.text.to_text().into_owned());
        }
        match outcome.others.get(path) {
            Some(o) => o.current.clone(),
            None => std::fs::read_to_string(path).ok(),
        }
    }

    /// Does `path` exist now (a fix may have created or deleted it)?
    fn exists(outcome: &Outcome, path: &Path) -> bool {
        if let Some(f) = outcome.file(path) {
            return f.snapshot.is_some();
        }
        outcome.others.get(path).map_or_else(|| path.exists(), |o| o.current.is_some())
    }

    /// The index of every checked file as it is now, with the MCP configurations.
    fn index(&self, outcome: &Outcome) -> WorkspaceIndex {
        let index = WorkspaceIndex::new(self.roots.clone());
        let created = outcome.others.keys().filter(|p| crate::discover::is_mcp_config(p));
        for c in self.mcp_configs.iter().map(|c| absolute(c)).chain(created.cloned()) {
            let servers = Self::read(outcome, &c).map(|t| mcp_servers_in(t.as_bytes())).unwrap_or_default();
            index.set_mcp_config(c, servers);
        }
        for s in outcome.files.iter().filter_map(|f| f.snapshot.as_ref()?.summary()) {
            index.upsert(s);
        }
        index
    }

    /// Every checked file's findings (file-local — computed again only for changed texts —,
    /// cross-file, suppressions and levels applied), with the index they were computed on.
    fn analyse(&self, outcome: &mut Outcome) -> Analysed {
        use rayon::prelude::*;
        outcome.files.par_iter_mut().filter(|f| f.local.is_none()).for_each(|f| {
            f.local = f.snapshot.as_ref().map(agentls_analysis::diagnostics);
        });
        let outcome = &*outcome;
        let index = self.index(outcome);
        let exists = |p: &Path| Self::exists(outcome, p);
        let ws = WorkspaceCtx { index: &index, exists: &exists };
        let reports = outcome
            .files
            .par_iter()
            .filter_map(|f| {
                let snapshot = f.snapshot.clone()?;
                let mut all = f.unreadable.clone();
                all.extend(f.local.iter().flatten().cloned());
                all.extend(agentls_analysis::workspace_diagnostics(&snapshot, &ws));
                let diagnostics = finalize(&snapshot, all);
                Some(FileReport { path: f.shown.clone(), snapshot, diagnostics })
            })
            .collect();
        Analysed { index, reports }
    }

    /// The fixes of `reports` this pass may apply: each finding's first fix of at most `allow`'s
    /// safety, keyed by its file's absolute path, then those that do not collide.
    fn chosen(outcome: &Outcome, analysed: &Analysed, allow: Safety) -> Vec<(Option<PathBuf>, Fix)> {
        let exists = |p: &Path| Self::exists(outcome, p);
        let ws = WorkspaceCtx { index: &analysed.index, exists: &exists };
        let reader = |p: &Path| Self::read(outcome, p);
        let cx = FixCtx { ws: Some(&ws), read: &reader, file_ops: true };
        let by_path: HashMap<&Path, &Checked> = outcome.files.iter().map(|f| (f.shown.as_path(), f)).collect();
        let mut candidates = Vec::new();
        for r in &analysed.reports {
            let Some(f) = by_path.get(r.path.as_path()).filter(|f| f.unreadable.is_empty()) else { continue };
            for d in &r.diagnostics {
                if let Some(fix) = fix::pick(fix::fixes(&r.snapshot, d, &cx), allow, f.stdin) {
                    candidates.push((Some(f.path.clone()), fix));
                }
            }
        }
        fix::select(candidates)
    }

    /// One pass: the chosen fixes applied in memory. Returns how many were applied.
    fn pass(&self, outcome: &mut Outcome, analysed: &Analysed, allow: Safety) -> usize {
        let chosen = Self::chosen(outcome, analysed, allow);
        let mut edits: BTreeMap<PathBuf, Vec<TextEdit>> = BTreeMap::new();
        let mut ops = Vec::new();
        for (own, fix) in &chosen {
            for change in &fix.changes {
                match change {
                    Change::Edit(e) => {
                        edits.entry(own.clone().unwrap_or_default()).or_default().extend(e.iter().cloned());
                    }
                    Change::EditFile { path, edits: e } => edits
                        .entry(path.clone())
                        .or_default()
                        .extend(e.iter().map(|(s, t)| TextEdit::replace(s.range, t.clone()))),
                    op => ops.push(op.clone()),
                }
            }
        }
        for (path, e) in edits {
            let Some(text) = Self::read(outcome, &path) else { continue };
            if let Some(new) = apply_edits(&text, &e) {
                self.set(outcome, &path, Some(new));
            }
        }
        for op in ops {
            match op {
                Change::CreateFile { path, text } => self.set(outcome, &path, Some(text)),
                Change::DeleteFile { path } => self.set(outcome, &path, None),
                _ => {}
            }
        }
        outcome.fixed += chosen.len();
        chosen.len()
    }

    /// Sets the text of `path` (`None`: deleted): a checked file's snapshot, or another file's.
    fn set(&self, outcome: &mut Outcome, path: &Path, text: Option<String>) {
        if let Some(&i) = outcome.by_path.get(path) {
            let f = &mut outcome.files[i];
            f.snapshot = text.map(|t| self.snapshot(path, t, f.snapshot.as_ref()));
            f.local = None;
            return;
        }
        let is_agent = text.is_some() && self.classifier.detect(path).is_some();
        if is_agent && !outcome.others.contains_key(path) && std::fs::metadata(path).is_err() {
            // A file a fix creates (a chat mode moved to `.github/agents/`) is checked from now on.
            let snapshot = text.map(|t| self.snapshot(path, t, None));
            let shown = super::report::relative_path(path).into();
            outcome.push(Checked {
                shown,
                path: path.to_path_buf(),
                stdin: false,
                original: None,
                snapshot,
                unreadable: Vec::new(),
                local: None,
            });
            return;
        }
        let original = || std::fs::read_to_string(path).ok();
        outcome
            .others
            .entry(path.to_path_buf())
            .or_insert_with(|| Other { original: original(), current: None })
            .current = text;
    }

    /// A snapshot of `text` at `path`, of the dialect it had (or its path gives).
    fn snapshot(&self, path: &Path, text: String, before: Option<&Snapshot>) -> Snapshot {
        let detected = before.and_then(|s| s.detected.clone()).or_else(|| self.classifier.detect(path));
        self.classifier.snapshot(path, text, detected, TextShape::Flat)
    }

    /// How many of the remaining findings an unsafe fix would address.
    fn unsafe_fixable(outcome: &Outcome, analysed: &Analysed) -> usize {
        let with_unsafe = Self::chosen(outcome, analysed, Safety::Unsafe);
        with_unsafe.iter().filter(|(_, f)| f.safety == Safety::Unsafe).count()
    }
}
