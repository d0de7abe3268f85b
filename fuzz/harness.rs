//! The one writer of the fuzzing logic, shared by the cargo-fuzz targets (`fuzz/fuzz_targets/*`,
//! nightly or `RUSTC_BOOTSTRAP=1`) and by the replay of `fuzz/seeds/*/` in the `properties` test
//! target (ordinary `cargo test`). Both include this file with `#[path]`.
//!
//! It depends on `agentls` and `std` only: the test target has no `arbitrary` crate, and a seed
//! must decode identically in both places, so inputs are read by the small byte reader
//! [`Bytes`] (same convention as `arbitrary::Unstructured`: an exhausted input reads as zeros).
//!
//! Each entry point panics on a violated invariant, so libFuzzer records a crash and the replay
//! test fails:
//! - no panic anywhere in analysis;
//! - every byte range returned for the document lies inside the text, on `char` boundaries
//!   (the conversion to LSP positions silently floors otherwise);
//! - symbol selection ranges lie inside their ranges (VS Code rejects the whole answer otherwise);
//! - an incrementally edited [`Snapshot`] equals a fresh one of the same text (text, diagnostics,
//!   tree-sitter-md tree: S-expression *and* every node's byte/point range), and its text equals
//!   the reference model [`model_apply`].
#![allow(dead_code)]

use std::path::{Path, PathBuf};
use std::sync::{Arc, OnceLock};

use agentls_analysis::index::BodyScan;
use agentls_analysis::index::{FileSummary, Span, WorkspaceIndex};
use agentls_analysis::knowledge::detect_by_path;
use agentls_analysis::syntax::markdown;
use agentls_analysis::syntax::Parsed;
use agentls_analysis::text::{ColumnUnit, LineCol, TextRange};
use agentls_analysis::{self as analysis, completion, hover, navigate, Snapshot, TextShape, WorkspaceCtx};

// ---------------------------------------------------------------------------------------------
// Input decoding
// ---------------------------------------------------------------------------------------------

/// A byte stream read from the front; reads past the end give zeros.
pub struct Bytes<'a> {
    data: &'a [u8],
    pos: usize,
}

impl<'a> Bytes<'a> {
    pub fn new(data: &'a [u8]) -> Self {
        Self { data, pos: 0 }
    }

    pub fn is_empty(&self) -> bool {
        self.pos >= self.data.len()
    }

    pub fn byte(&mut self) -> u8 {
        let b = self.data.get(self.pos).copied().unwrap_or(0);
        self.pos += 1;
        b
    }

    pub fn u16(&mut self) -> u16 {
        u16::from_le_bytes([self.byte(), self.byte()])
    }

    pub fn u32(&mut self) -> u32 {
        u32::from_le_bytes([self.byte(), self.byte(), self.byte(), self.byte()])
    }

    /// A number in `0..n` (`n > 0`).
    pub fn below(&mut self, n: usize) -> usize {
        if n <= 256 {
            self.byte() as usize % n
        } else {
            self.u32() as usize % n
        }
    }

    /// Up to `n` raw bytes.
    pub fn take(&mut self, n: usize) -> &'a [u8] {
        let start = self.pos.min(self.data.len());
        let end = (start + n).min(self.data.len());
        self.pos += n;
        &self.data[start..end]
    }
}

/// The byte that separates a document from the operations that follow it in `edits` and
/// `entry_points` inputs (0xFF never occurs in UTF-8). Without it, the whole input is the
/// document and the operations are read from the same bytes.
pub const SEPARATOR: u8 = 0xFF;

fn split(data: &[u8]) -> (&[u8], &[u8]) {
    match data.iter().position(|&b| b == SEPARATOR) {
        Some(i) => (&data[..i], &data[i + 1..]),
        None => (data, data),
    }
}

// ---------------------------------------------------------------------------------------------
// Documents and the workspace around them
// ---------------------------------------------------------------------------------------------

/// The paths the fuzzed document is opened at; the path decides the dialect.
pub const PATHS: [&str; 4] = [
    "/w/.claude/agents/a.md",         // Claude Code subagent
    "/w/.github/agents/a.agent.md",   // VS Code / Copilot custom agent
    "/w/.claude/skills/s/SKILL.md",   // skill
    "/w/.github/prompts/p.prompt.md", // VS Code prompt file
];

/// Neighbours in the workspace, so references resolve (or do not), names collide, links exist.
const NEIGHBOURS: &[(&str, &str)] = &[
    (
        "/w/.claude/agents/helper.md",
        "---\nname: helper\ndescription: Helps with chores. Use proactively.\ntools: Read, Grep, Agent(reviewer)\nmodel: sonnet\n---\nAsk @agent-reviewer, then see [notes](../../docs/ok-notes.md).\n",
    ),
    ("/w/.claude/agents/dup.md", "---\nname: reviewer\ndescription: Reviews code\n---\nReview.\n"),
    (
        "/w/.github/agents/planner.agent.md",
        "---\nname: planner\ndescription: Plans work\ntools: ['search', 'edit', 'github/*']\nhandoffs:\n  - label: Build\n    agent: a\n    prompt: Go\n---\nPlan.\n",
    ),
    ("/w/.claude/skills/pdf/SKILL.md", "---\nname: pdf\ndescription: Works with PDF files.\n---\n# PDF\n"),
    ("/w/.github/prompts/fix.prompt.md", "---\nagent: planner\ndescription: Fix it\n---\nFix #file:../../src/ok.rs\n"),
    ("/w/.claude/commands/deploy.md", "---\ndescription: Deploy\nagent: helper\ncontext: fork\n---\nDeploy $ARGUMENTS\n"),
];

/// One change of an editor's `didChange`: a range in some column unit (`None`: the whole
/// text) and its replacement.
#[derive(Debug, Clone)]
pub struct Change {
    /// Start and end (exclusive) of the replaced text.
    pub range: Option<(LineCol, LineCol)>,
    /// The new text.
    pub text: String,
}

/// A snapshot of `text` opened at `PATHS[kind % 4]`, as an open document (`Rope`) or as
/// `check` reads it (`Flat`).
pub fn snapshot(kind: usize, text: String, shape: TextShape) -> Snapshot {
    let path = PathBuf::from(PATHS[kind % PATHS.len()]);
    let detected = detect_by_path(&path, None);
    assert!(detected.is_some(), "{} is detected", path.display());
    Snapshot::new(Some(path), text, detected, Some(1), shape)
}

/// `snap` with `changes` applied in order, as the server does: each change on the rope, the
/// merged edit handed to [`Snapshot::edited`].
pub fn edit(snap: &Snapshot, changes: &[Change], unit: ColumnUnit, version: i32) -> Snapshot {
    let mut rope = match &snap.text {
        agentls_analysis::text::DocText::Rope(r) => r.clone(),
        flat @ agentls_analysis::text::DocText::Flat(..) => ropey::Rope::from_str(&flat.to_text()),
    };
    let mut merged: Option<agentls_analysis::text::ByteEdit> = None;
    for c in changes {
        let e = agentls_analysis::text::apply_change(&mut rope, c.range, &c.text, unit);
        merged = Some(merged.map_or(e, |m| m.then(e)));
    }
    match merged {
        Some(e) => snap.edited(rope, e, Some(version)),
        None => snap.clone(),
    }
}

fn neighbour_summaries() -> &'static [Arc<FileSummary>] {
    static N: OnceLock<Vec<Arc<FileSummary>>> = OnceLock::new();
    N.get_or_init(|| {
        NEIGHBOURS
            .iter()
            .map(|(p, t)| {
                let path = PathBuf::from(p);
                let det = detect_by_path(&path, None);
                Snapshot::new(Some(path), t.to_string(), det, None, TextShape::Flat)
                    .summary()
                    .expect("neighbour is an agent file")
            })
            .collect()
    })
}

/// An index holding the neighbours and `snap` (as the server indexes an open document).
pub fn world(snap: &Snapshot) -> WorkspaceIndex {
    let index = WorkspaceIndex::new(vec![PathBuf::from("/w")]);
    for s in neighbour_summaries() {
        index.upsert(Arc::clone(s));
    }
    index.set_mcp_config(PathBuf::from("/w/.mcp.json"), vec!["github".into(), "db".into()]);
    if let Some(s) = snap.summary() {
        index.upsert(s);
    }
    index
}

/// The file-existence probe: the neighbours, their folders, and any name starting with `ok`.
pub fn exists(p: &Path) -> bool {
    let s = p.to_string_lossy();
    NEIGHBOURS.iter().any(|(n, _)| Path::new(n) == p || Path::new(n).starts_with(p))
        || p.file_name().is_some_and(|f| f.to_string_lossy().starts_with("ok"))
        || s == "/w"
}

// ---------------------------------------------------------------------------------------------
// Invariants
// ---------------------------------------------------------------------------------------------

/// `r` lies inside `text` with both ends on char boundaries.
pub fn check_range(text: &str, r: TextRange, what: &str) {
    assert!(
        r.start <= r.end && r.end <= text.len() && text.is_char_boundary(r.start) && text.is_char_boundary(r.end),
        "{what}: range {r:?} is not a char-aligned range of the {}-byte text {text:?}",
        text.len()
    );
}

/// `span` is a valid range of `text` and its precomputed line data matches the text.
pub fn check_span(snap: &Snapshot, span: &Span, what: &str) {
    let text = &*snap.text.to_text();
    check_range(text, span.range, what);
    for (pos, off) in [(span.start, span.range.start), (span.end, span.range.end)] {
        let lc = snap.text.line_col(off, ColumnUnit::Utf16);
        let line_start = snap.text.line_range(lc.line as usize).map_or(0, |r| r.start);
        assert_eq!(
            (pos.line, pos.line_start as usize, pos.col16),
            (lc.line, line_start, lc.col),
            "{what}: span line data of {:?} disagrees with the text {text:?}",
            span.range
        );
    }
}

fn check_summary(snap: &Snapshot) {
    let Some(s) = snap.summary() else { return };
    if let Some(span) = s.definition.as_ref().and_then(|d| d.name_span) {
        check_span(snap, &span, "definition name span");
    }
    for r in &s.references {
        check_span(snap, &r.span, &format!("reference {:?} {:?}", r.kind, r.target));
    }
}

fn check_symbols(text: &str, syms: &[navigate::Symbol]) {
    for s in syms {
        check_range(text, s.range, &format!("symbol {:?} range", s.name));
        check_range(text, s.selection, &format!("symbol {:?} selection", s.name));
        assert!(
            s.range.start <= s.selection.start && s.selection.end <= s.range.end,
            "symbol {:?}: selection {:?} outside range {:?} in {text:?}",
            s.name,
            s.selection,
            s.range
        );
        check_symbols(text, &s.children);
    }
}

fn check_locations(snap: &Snapshot, locs: &[navigate::Location], what: &str) {
    for l in locs {
        if Some(&l.path) == snap.path.as_ref() {
            check_span(snap, &l.span, what);
        }
    }
}

/// Diagnostics of a snapshot, checked.
pub fn checked_diagnostics(snap: &Snapshot) -> Vec<analysis::Diagnostic> {
    let diags = analysis::diagnostics(snap);
    for d in &diags {
        check_range(&snap.text.to_text(), d.range, &format!("diagnostic {}", d.code));
    }
    diags
}

// ---------------------------------------------------------------------------------------------
// Target 1: parse_file
// ---------------------------------------------------------------------------------------------

/// Arbitrary bytes: the first selects the dialect (even, e.g. `0`: Claude agent; odd, e.g. `1`:
/// Copilot agent), the rest is the document, read lossily as UTF-8. Diagnostics, workspace
/// diagnostics, document symbols and links, the index summary.
pub fn parse_file(data: &[u8]) {
    let kind = data.first().map_or(0, |b| (b & 1) as usize);
    parse_file_as(kind, data.get(1..).unwrap_or_default());
}

/// [`parse_file`] with the dialect chosen by the caller (`PATHS[kind]`).
pub fn parse_file_as(kind: usize, data: &[u8]) {
    let text = String::from_utf8_lossy(data).into_owned();
    let snap = snapshot(kind, text.clone(), TextShape::Rope);
    let diags = checked_diagnostics(&snap);
    check_summary(&snap);
    let index = world(&snap);
    let ws = WorkspaceCtx { index: &index, exists: &exists };
    for d in analysis::workspace_diagnostics(&snap, &ws) {
        check_range(&snap.text.to_text(), d.range, &format!("workspace diagnostic {}", d.code));
    }
    check_symbols(&snap.text.to_text(), &navigate::document_symbols(&snap));
    for (r, _, _) in navigate::document_links(&snap, &ws) {
        check_range(&snap.text.to_text(), r, "document link");
    }
    if THOROUGH.load(std::sync::atomic::Ordering::Relaxed) {
        // The bulk path (`agentls check`: no Markdown tree) reports the same. (No rule reads the
        // tree today, so the fuzzers skip this for speed; the replay test checks it.)
        let bulk = snapshot(kind, text, TextShape::Flat);
        assert_eq!(analysis::diagnostics(&bulk), diags, "bulk and open-document diagnostics differ");
    }
}

/// Extra, slower checks: on in the replay test, off in the fuzzers (throughput).
pub static THOROUGH: std::sync::atomic::AtomicBool = std::sync::atomic::AtomicBool::new(false);

// ---------------------------------------------------------------------------------------------
// Target 2: edits — and the reference model
// ---------------------------------------------------------------------------------------------

/// Line starts under LSP's terminators (`\n`, `\r\n`, lone `\r`), written independently of
/// `LineIndex` and ropey: (start of line, end of its content, start of the next line).
pub fn model_lines(text: &str) -> Vec<(usize, usize, usize)> {
    let b = text.as_bytes();
    let mut out = Vec::new();
    let mut start = 0;
    let mut i = 0;
    while i < b.len() {
        let term = match (b[i], b.get(i + 1)) {
            (b'\r', Some(b'\n')) => 2,
            (b'\r' | b'\n', _) => 1,
            _ => 0,
        };
        if term > 0 {
            out.push((start, i, i + term));
            start = i + term;
            i += term;
        } else {
            i += 1;
        }
    }
    out.push((start, b.len(), b.len()));
    out
}

fn unit_width(c: char, unit: ColumnUnit) -> usize {
    match unit {
        ColumnUnit::Utf8 => c.len_utf8(),
        ColumnUnit::Utf16 => c.len_utf16(),
        ColumnUnit::Char => 1,
    }
}

/// The model's position → byte offset: a line past the end clamps to the end of the text; a
/// column past the line's content clamps to its end (before the terminator); a column inside a
/// character (a UTF-8 byte or the second half of a surrogate pair) clamps to its start.
pub fn model_offset(text: &str, pos: LineCol, unit: ColumnUnit) -> usize {
    let lines = model_lines(text);
    let Some(&(start, content_end, _)) = lines.get(pos.line as usize) else { return text.len() };
    let mut col = 0usize;
    for (i, c) in text[start..content_end].char_indices() {
        let next = col + unit_width(c, unit);
        if next > pos.col as usize {
            return start + i;
        }
        col = next;
    }
    content_end
}

/// The model's byte offset → position (for generating positions; `offset` on a boundary).
pub fn model_position(text: &str, offset: usize, unit: ColumnUnit) -> LineCol {
    let lines = model_lines(text);
    let line = lines.iter().rposition(|&(s, _, _)| s <= offset).unwrap_or(0);
    let start = lines[line].0;
    let col: usize = text[start..offset].chars().map(|c| unit_width(c, unit)).sum();
    LineCol { line: line as u32, col: col as u32 }
}

/// Applies one LSP content change to `text` the way `Snapshot::edited` promises to: no range
/// replaces everything; otherwise both ends clamp, an end before the start is the start.
pub fn model_apply(text: &mut String, change: &Change, unit: ColumnUnit) {
    match change.range {
        None => text.clone_from(&change.text),
        Some((s, e)) => {
            let a = model_offset(text, s, unit);
            let b = model_offset(text, e, unit).max(a);
            text.replace_range(a..b, &change.text);
        }
    }
}

/// Pieces inserted text is made of: line ends of every kind, BOM, tabs, multi-byte and astral
/// characters, and the syntax agent files are made of.
pub const PIECES: &[&str] = &[
    "a",
    "x",
    "-",
    " ",
    "  ",
    "\t",
    "\n",
    "\r\n",
    "\r",
    "\u{feff}",
    "é",
    "😀",
    "𝄞",
    "日本",
    "\u{301}",
    "---",
    "---\n",
    "...",
    ":",
    ": ",
    "- ",
    "name",
    "name: a\n",
    "description: Does things\n",
    "tools: Read, Bash\n",
    "model: sonnet\n",
    "tools: ['search', 'edit']\n",
    "handoffs:\n  - label: Go\n    agent: planner\n",
    "#",
    "# Title\n",
    "## Sub\n",
    "```\n",
    "[n](ok.md)",
    "[m](missing.md)",
    "@agent-helper",
    "Agent(reviewer)",
    "#file:x.md",
    "'",
    "\"",
    "[",
    "]",
    "{",
    "}",
    ",",
    "|\n",
    ">-\n",
    "\\",
    "<<<<<<< HEAD\n",
    "mcp__github__x",
    "\u{2028}",
    "\u{85}",
    "\0",
];

/// Inserted text: pieces, or (one time in eight) raw bytes read lossily.
pub fn gen_text(u: &mut Bytes) -> String {
    let n = u.below(6);
    let mut s = String::new();
    for _ in 0..n {
        let k = u.byte() as usize;
        if k % 8 == 7 {
            let len = u.below(8);
            s.push_str(&String::from_utf8_lossy(u.take(len)));
        } else {
            s.push_str(PIECES[k % PIECES.len()]);
        }
    }
    s
}

/// A position in `text`: mostly a real position (then jittered into characters, surrogate pairs
/// and past line ends), sometimes arbitrary small or huge numbers.
pub fn gen_position(u: &mut Bytes, text: &str, unit: ColumnUnit) -> LineCol {
    match u.below(8) {
        0..=4 => {
            let mut off = u.below(text.len() + 1);
            while !text.is_char_boundary(off) {
                off -= 1;
            }
            let mut p = model_position(text, off, unit);
            match u.below(6) {
                0 => p.col += 1,
                1 => p.col = p.col.saturating_sub(1),
                2 => p.col += 2 + u.below(4) as u32,
                _ => {}
            }
            p
        }
        5 | 6 => LineCol { line: u.below(model_lines(text).len() + 2) as u32, col: u.below(48) as u32 },
        _ => LineCol { line: u.u32() % 4096, col: u.u32() },
    }
}

pub fn unit_of(b: u8) -> ColumnUnit {
    [ColumnUnit::Utf8, ColumnUnit::Utf16, ColumnUnit::Char][b as usize % 3]
}

/// One batch of changes (one `didChange`), generated against the model text.
pub fn gen_changes(u: &mut Bytes, text: &str, unit: ColumnUnit) -> Vec<Change> {
    let n = 1 + u.below(3);
    let mut model = text.to_string();
    let mut out = Vec::new();
    for _ in 0..n {
        let kind = u.byte();
        let change = if kind.is_multiple_of(32) {
            Change { range: None, text: gen_text(u) }
        } else {
            let start = gen_position(u, &model, unit);
            let end = match kind % 4 {
                0 => start,
                1 => LineCol { line: start.line, col: start.col.saturating_add(u.below(6) as u32) },
                2 => LineCol { line: start.line.saturating_add(u.below(3) as u32), col: u.below(20) as u32 },
                _ => gen_position(u, &model, unit), // possibly before the start
            };
            Change { range: Some((start, end)), text: gen_text(u) }
        };
        model_apply(&mut model, &change, unit);
        out.push(change);
    }
    out
}

/// Every node of a tree with its kind and byte and point ranges.
pub fn tree_dump(tree: &tree_sitter::Tree) -> Vec<String> {
    let mut out = Vec::new();
    let mut cursor = tree.walk();
    'outer: loop {
        let n = cursor.node();
        out.push(format!(
            "{}{} {}..{} {:?}..{:?}",
            "  ".repeat(cursor.depth() as usize),
            n.kind(),
            n.start_byte(),
            n.end_byte(),
            (n.start_position().row, n.start_position().column),
            (n.end_position().row, n.end_position().column)
        ));
        if cursor.goto_first_child() {
            continue;
        }
        loop {
            if cursor.goto_next_sibling() {
                continue 'outer;
            }
            if !cursor.goto_parent() {
                break 'outer;
            }
        }
    }
    out
}

/// `edited`'s text equals the model's, and its incrementally reparsed Markdown tree equals a
/// fresh parse of that text (S-expression and every node's byte and point range). With
/// `full`, also the diagnostics of a fresh [`Snapshot`] (they depend on the text only, so the
/// fuzzer does this after the last batch).
pub fn check_edited(edited: &Snapshot, model: &str, full: bool, prev_clean: bool, history: &dyn std::fmt::Debug) {
    assert_eq!(&*edited.text.to_text(), model, "edited text differs from the model after {history:#?}");
    assert_eq!(
        edited.text.line_count(),
        model_lines(model).len(),
        "line count differs from the model after {history:#?}"
    );
    // What the edit reused or redid by parts equals a fresh reading of the whole text.
    assert!(model.starts_with(&*edited.head), "head is not a prefix of the text after {history:#?}");
    assert_eq!(*edited.parsed, Parsed::new(model), "frontmatter parse differs from a fresh one after {history:#?}");
    assert_eq!(
        *edited.scan,
        BodyScan::new(model, &agentls_analysis::text::LineIndex::new(model)),
        "line scan differs from a fresh one after {history:#?}"
    );
    let fresh_tree = markdown::parse(&agentls_analysis::text::DocText::flat(model), None).expect("fresh tree");
    let a = edited.markdown().expect("edited tree");
    // tree-sitter does not promise that error recovery ends the same way incrementally as from
    // scratch (seeds/edits/diverges-after-error-recovery): compare only when the tree before the
    // edit and the fresh tree are free of errors. A wrong `InputEdit` shows there too.
    if prev_clean && !fresh_tree.root_node().has_error() {
        assert_eq!(
            a.root_node().to_sexp(),
            fresh_tree.root_node().to_sexp(),
            "incremental Markdown tree differs from a fresh parse of {model:?} after {history:#?}"
        );
        assert_eq!(
            tree_dump(a),
            tree_dump(&fresh_tree),
            "incremental Markdown tree's ranges differ from a fresh parse of {model:?} after {history:#?}"
        );
    }
    if full {
        let fresh =
            Snapshot::new(edited.path.clone(), model.to_string(), edited.detected.clone(), None, TextShape::Flat);
        assert_eq!(
            checked_diagnostics(edited),
            analysis::diagnostics(&fresh),
            "diagnostics of the edited snapshot differ from a fresh one after {history:#?}"
        );
        check_summary(edited);
        // What the workspace index records of the file (definition, references, MCP servers).
        assert_eq!(
            edited.summary(),
            fresh.summary(),
            "index summary of the edited snapshot differs from a fresh one after {history:#?}"
        );
        check_symbols(model, &navigate::document_symbols(edited));
    }
}

/// Random sequences of incremental edits (1–3 changes per batch, up to 24 batches, each batch
/// in a random column unit), checked after every batch.
pub fn edits(data: &[u8]) {
    let (doc, ops) = split(data);
    let mut u = Bytes::new(ops);
    let kind = u.below(2);
    let mut model = String::from_utf8_lossy(doc).into_owned();
    let mut snap = snapshot(kind, model.clone(), TextShape::Rope);
    let mut history: Vec<(ColumnUnit, Vec<Change>)> = Vec::new();
    for version in 2..26 {
        if u.is_empty() {
            break;
        }
        let unit = unit_of(u.byte());
        let changes = gen_changes(&mut u, &model, unit);
        for c in &changes {
            model_apply(&mut model, c, unit);
        }
        let prev_clean = tree_clean(&snap);
        snap = edit(&snap, &changes, unit, version);
        history.push((unit, changes));
        let full = u.is_empty() || version == 25 || THOROUGH.load(std::sync::atomic::Ordering::Relaxed);
        check_edited(&snap, &model, full, prev_clean, &(doc_preview(doc), &history));
    }
}

/// The snapshot's Markdown tree (if any) has no error node.
pub fn tree_clean(snap: &Snapshot) -> bool {
    snap.markdown().is_none_or(|t| !t.root_node().has_error())
}

fn doc_preview(doc: &[u8]) -> String {
    String::from_utf8_lossy(doc).into_owned()
}

// ---------------------------------------------------------------------------------------------
// Target 3: entry_points
// ---------------------------------------------------------------------------------------------

/// Completion, hover, definition, references, prepare-rename and rename at many offsets of an
/// arbitrary text, in one of four dialects. Input: `dialect byte, text [0xFF offsets...]`.
/// Offsets: every position just after a completion trigger (`:`, `,`, `[`, space, quote, `@`,
/// `-`, line start; at most 64), plus 16 from the operation bytes, floored to char boundaries
/// as the server's position conversion does.
pub fn entry_points(data: &[u8]) {
    let (head, ops) = split(data);
    let kind = head.first().map_or(0, |b| *b as usize);
    let text = String::from_utf8_lossy(head.get(1..).unwrap_or_default()).into_owned();
    let snap = snapshot(kind, text.clone(), TextShape::Rope);
    let index = world(&snap);
    let ws = WorkspaceCtx { index: &index, exists: &exists };
    let mut offsets: Vec<usize> = text
        .char_indices()
        .filter(|&(_, c)| matches!(c, ':' | ',' | '[' | ' ' | '"' | '\'' | '@' | '-' | '\n' | '\r' | '('))
        .map(|(i, c)| i + c.len_utf8())
        .take(64)
        .collect();
    offsets.extend([0, text.len()]);
    let mut u = Bytes::new(ops);
    for _ in 0..16 {
        let mut off = u.below(text.len() + 2).min(text.len());
        while !text.is_char_boundary(off) {
            off -= 1;
        }
        offsets.push(off);
    }
    offsets.sort_unstable();
    offsets.dedup();
    for off in offsets {
        at_offset(&snap, &ws, off);
    }
}

/// Every entry point at one offset, with and without a workspace.
pub fn at_offset(snap: &Snapshot, ws: &WorkspaceCtx, off: usize) {
    let text = &*snap.text.to_text();
    for w in [None, Some(ws)] {
        for c in completion::complete(snap, off, w) {
            check_range(text, c.replace, &format!("completion {:?} at {off}", c.label));
        }
        if let Some(h) = hover::hover(snap, off, w) {
            check_range(text, h.range, &format!("hover at {off}"));
        }
    }
    check_locations(snap, &navigate::definition(snap, off, ws), &format!("definition at {off}"));
    check_locations(snap, &navigate::references(snap, off, true, ws), &format!("references at {off}"));
    if let Some((r, _name)) = navigate::prepare_rename(snap, off, ws) {
        check_range(text, r, &format!("prepare_rename at {off}"));
        for new in ["renamed", "bad name:"] {
            if let Ok(plan) = navigate::rename(snap, off, new, ws, off.is_multiple_of(2)) {
                for (path, edits) in &plan.edits {
                    if Some(path) == snap.path.as_ref() {
                        for (span, _) in edits {
                            check_span(snap, span, &format!("rename edit at {off}"));
                        }
                    }
                }
            }
        }
    }
}

// ---------------------------------------------------------------------------------------------
// Target 4: fixes
// ---------------------------------------------------------------------------------------------

/// Arbitrary bytes as for [`parse_file`] (first byte: dialect, `PATHS[byte % 4]`; the rest: the
/// document). Every fix of every finding (with the workspace of [`world`]): its edits lie inside
/// the text on `char` boundaries and apply without conflict, the fixed text analyses without a
/// panic; then fixing everything (unsafe fixes too) ends within the pass bound and a second
/// fix-all of its result changes nothing.
pub fn fixes(data: &[u8]) {
    use agentls_analysis::fix::{self, Change, FixCtx, Safety, TextEdit};
    let kind = data.first().map_or(0, |&b| b as usize % PATHS.len());
    let text = String::from_utf8_lossy(data.get(1..).unwrap_or_default()).into_owned();
    let snap = snapshot(kind, text.clone(), TextShape::Flat);
    let index = world(&snap);
    let ws = WorkspaceCtx { index: &index, exists: &exists };
    let cx = FixCtx { ws: Some(&ws), read: &|_: &Path| None, file_ops: true };
    let mut found = analysis::diagnostics(&snap);
    found.extend(analysis::workspace_diagnostics(&snap, &ws));
    for d in &found {
        for f in fix::fixes(&snap, d, &cx) {
            let edits: Vec<TextEdit> = f.document_edits().cloned().collect();
            for e in &edits {
                check_range(&text, e.range, &format!("fix `{}` of {}", f.title, d.code));
            }
            for c in &f.changes {
                if let Change::EditFile { edits, .. } = c {
                    assert!(edits.iter().all(|(s, _)| s.range.start <= s.range.end), "fix `{}`", f.title);
                }
            }
            let after = fix::apply_edits(&text, &edits)
                .unwrap_or_else(|| panic!("fix `{}` of {} has conflicting edits: {edits:?}", f.title, d.code));
            let _ = analysis::diagnostics(&snapshot(kind, after, TextShape::Flat));
        }
    }
    let findings = |s: &Snapshot| analysis::diagnostics(s);
    if let Some(all) = fix::fix_document(&snap, &findings, &FixCtx::local(), Safety::Unsafe) {
        let again = snapshot(kind, all.text.clone(), TextShape::Flat);
        let second = fix::fix_document(&again, &findings, &FixCtx::local(), Safety::Unsafe);
        assert!(second.is_none(), "a second fix-all changes {:?} into {:?}", all.text, second.map(|s| s.text));
    }
}

/// A configuration file (`agentls.toml`): any bytes (read lossily as UTF-8) parse into a
/// configuration and problems, never a panic; every problem range lies inside the text on
/// `char` boundaries; the configuration then applies to a small agent of each dialect (file
/// classification, exclusion, levels and suppressions in its diagnostics) without a panic.
pub fn config(data: &[u8]) {
    use agentls_analysis::config::Config;
    let text = String::from_utf8_lossy(data).into_owned();
    let (config, problems) = Config::parse(&text, Path::new("/ws"));
    for p in &problems {
        check_range(&text, p.range, &format!("config problem {:?}", p.message));
    }
    let config = Arc::new(config.on_top_of(&Config::default()));
    let agent = "---\nname: a\ndescription: d\ntools: Read, Nope\nmodel: sonet\n---\nSee [x](x.md).\n";
    for (kind, path) in PATHS.iter().enumerate() {
        let _ = config.dialect_of(Path::new(path));
        let _ = config.excludes(Path::new(path));
        let snap = snapshot(kind, agent.to_string(), TextShape::Flat).with_config(config.clone());
        let found = analysis::diagnostics(&snap);
        let _ = analysis::finalize(&snap, found);
    }
}
