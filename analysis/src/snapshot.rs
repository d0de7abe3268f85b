//! [`Snapshot`]: one immutable version of one document, with everything analysis needs.
//!
//! An edit ([`Snapshot::edited`]) costs O(edit), not O(document): the text is a rope (shared
//! nodes), the frontmatter is parsed again only when the edit reaches the part of the file its
//! scan read, the body's reference scan is redone only on the edited lines, and the Markdown
//! tree is not touched at all — it is built on first use ([`Snapshot::markdown`]), reusing the
//! last tree built for this document.

use std::path::PathBuf;
use std::sync::{Arc, OnceLock};

use ropey::Rope;
use tree_sitter::{InputEdit, Point, Tree};

use crate::config::Config;
use crate::index::{BodyScan, FileSummary};
use crate::knowledge::Detected;
use crate::syntax::{markdown, Parsed};
use crate::text::{ByteEdit, DocText, LineIndex, TextRange};

/// How far an edited snapshot keeps an unused Markdown tree and its pending edits: beyond this
/// many edits since the last build, the next build parses from scratch.
const MAX_PENDING_TREE_EDITS: usize = 256;

/// An immutable document version. Cheap to share (`Arc`); an edit builds a new one that shares
/// everything the edit did not touch.
#[derive(Debug, Clone)]
pub struct Snapshot {
    /// The file's path, when it has one (detection, skill folder names).
    pub path: Option<PathBuf>,
    /// The editor's version number (LSP), if any.
    pub version: Option<i32>,
    /// The whole text (a rope for open documents, a string on bulk paths).
    pub text: DocText,
    /// A prefix of `text` holding every line the frontmatter scan read (exactly those for open
    /// documents; the whole text on bulk paths). Frontmatter rules, completion and hover read this string; every range in
    /// `parsed` lies inside it.
    pub head: Arc<str>,
    /// Frontmatter layout and YAML.
    pub parsed: Arc<Parsed>,
    /// Reference-shaped matches of every line.
    pub scan: Arc<BodyScan>,
    /// Dialect; `None` means "not an agent file": every feature stays silent.
    pub detected: Option<Detected>,
    /// The configuration that applies to this file (levels, knowledge extras, consumers).
    pub config: Arc<Config>,
    /// The tree-sitter-md block tree, built on first use.
    markdown: OnceLock<Option<Tree>>,
    /// The last tree built for an earlier version and the edits since (for an incremental
    /// build).
    markdown_base: Option<(Tree, Vec<InputEdit>)>,
    /// The workspace-index record of this version, computed on first use.
    summary: OnceLock<Option<Arc<FileSummary>>>,
}

/// Which shape of text a new snapshot keeps.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TextShape {
    /// A string and its line table: read once, never edited (`check`, the cold index).
    Flat,
    /// A rope: an open document that will be edited.
    Rope,
}

impl Snapshot {
    /// Builds a snapshot from a whole text.
    pub fn new(
        path: Option<PathBuf>,
        text: String,
        detected: Option<Detected>,
        version: Option<i32>,
        shape: TextShape,
    ) -> Self {
        match shape {
            TextShape::Rope => Self::from_rope(path, Rope::from_str(&text), detected, version),
            TextShape::Flat => {
                let parsed = Parsed::new(&text);
                let text = DocText::flat(text);
                let DocText::Flat(whole, lines) = &text else { unreachable!() };
                let scan = BodyScan::new(whole, lines);
                let DocText::Flat(whole, _) = &text else { unreachable!() };
                let head = whole.clone();
                Self::assemble(path, version, text, head, parsed, scan, detected)
            }
        }
    }

    /// Tests: the flat snapshot of `text` at `path`, its dialect found by the path alone (no
    /// plugin, no configuration).
    #[cfg(test)]
    pub(crate) fn at_path(path: &str, text: &str) -> Self {
        let path = PathBuf::from(path);
        let det = crate::knowledge::detect_by_path(&path, None);
        Self::new(Some(path), text.to_string(), det, None, TextShape::Flat)
    }

    /// Builds an open document's first snapshot from its rope.
    pub fn from_rope(path: Option<PathBuf>, rope: Rope, detected: Option<Detected>, version: Option<i32>) -> Self {
        let text = DocText::Rope(rope);
        let (head, parsed) = read_head(&text);
        let whole = text.to_text();
        let scan = BodyScan::new(&whole, &LineIndex::new(&whole));
        Self::assemble(path, version, text, head, parsed, scan, detected)
    }

    fn assemble(
        path: Option<PathBuf>,
        version: Option<i32>,
        text: DocText,
        head: Arc<str>,
        parsed: Parsed,
        scan: BodyScan,
        detected: Option<Detected>,
    ) -> Self {
        Self {
            path,
            version,
            text,
            head,
            parsed: Arc::new(parsed),
            scan: Arc::new(scan),
            detected,
            config: Arc::default(),
            markdown: OnceLock::new(),
            markdown_base: None,
            summary: OnceLock::new(),
        }
    }

    /// This version under another configuration (what is computed from the configuration is
    /// computed again).
    pub fn with_config(&self, config: Arc<Config>) -> Self {
        let mut next = self.clone();
        next.config = config;
        next.summary = OnceLock::new();
        next
    }

    /// The next version: `new_text` is this text with `edit` applied (several content changes
    /// of one notification merge into one covering edit, [`ByteEdit::then`]). O(edit) unless
    /// the edit reaches the lines the frontmatter scan read, which are read again.
    pub fn edited(&self, new_text: Rope, edit: ByteEdit, version: Option<i32>) -> Self {
        let text = DocText::Rope(new_text);
        // The head is reused only when the edit starts after it (so it stays a prefix) and
        // after everything the frontmatter scan read (so its verdict stands).
        let keep = edit.old.start >= self.head.len() && self.parsed.top.survives_edit_at(&self.head, edit.old.start);
        let (head, parsed) = if keep {
            (self.head.clone(), self.parsed.clone())
        } else {
            let (head, parsed) = read_head(&text);
            (head, Arc::new(parsed))
        };
        let scan = Arc::new(self.scan.edited(&self.text, &text, edit));
        let tree_edit = input_edit(&self.text, &text, edit);
        let markdown_base = match (self.markdown.get(), &self.markdown_base) {
            (Some(Some(tree)), _) => Some((tree.clone(), vec![tree_edit])),
            (_, Some((tree, edits))) if edits.len() < MAX_PENDING_TREE_EDITS => {
                let mut edits = edits.clone();
                edits.push(tree_edit);
                Some((tree.clone(), edits))
            }
            _ => None,
        };
        Self {
            path: self.path.clone(),
            version,
            text,
            head,
            parsed,
            scan,
            detected: self.detected.clone(),
            config: self.config.clone(),
            markdown: OnceLock::new(),
            markdown_base,
            summary: OnceLock::new(),
        }
    }

    /// The tree-sitter-md block tree, built on the first call (incrementally from the last
    /// tree of this document when there is one). `None` for files with no dialect: only
    /// requests that need the outline (`documentSymbol`) call this.
    pub fn markdown(&self) -> Option<&Tree> {
        self.markdown
            .get_or_init(|| {
                self.detected.as_ref()?;
                let old = self.markdown_base.as_ref().map(|(tree, edits)| {
                    let mut tree = tree.clone();
                    for e in edits {
                        tree.edit(e);
                    }
                    tree
                });
                markdown::parse(&self.text, old.as_ref())
            })
            .as_ref()
    }

    /// What the workspace index records of this version (definition and references); `None`
    /// for non-agent files and files without a path.
    pub fn summary(&self) -> Option<Arc<FileSummary>> {
        self.summary
            .get_or_init(|| {
                let (path, det) = (self.path.as_ref()?, self.detected.as_ref()?);
                Some(Arc::new(FileSummary::build(path, self, det)))
            })
            .clone()
    }

    /// Byte offset where the body starts (0 without frontmatter).
    pub fn body_start(&self) -> usize {
        self.parsed.top.body_start
    }
}

/// The prefix of a rope the frontmatter scan needs, and its parse: the first 256 lines, or
/// four times more until the scan reaches a verdict before the prefix ends (or the prefix is
/// the whole text). Amortised O(lines read).
fn read_head(text: &DocText) -> (Arc<str>, Parsed) {
    let mut lines = 256;
    loop {
        let end = text.line_range(lines).map_or(text.len(), |r| r.start);
        let mut head = text.slice(TextRange::new(0, end)).into_owned();
        let parsed = Parsed::new(&head);
        if parsed.top.scanned_to != usize::MAX || end == text.len() {
            // Keep exactly what the scan read: edits after it leave the head a prefix.
            head.truncate(parsed.top.scanned_to.min(head.len()));
            return (head.into(), parsed);
        }
        lines *= 4;
    }
}

/// tree-sitter's point of `offset`: row and byte column. Rows follow the text's LSP lines,
/// which differ from tree-sitter's `\n`-only rows only after a lone `\r`; tree reuse is
/// decided on bytes, which stay exact.
fn point(text: &DocText, offset: usize) -> Point {
    let row = text.line_of(offset);
    let start = text.line_range(row).map_or(0, |r| r.start);
    Point { row, column: offset - start }
}

/// The tree-sitter edit for `edit` from `old` to `new`.
fn input_edit(old: &DocText, new: &DocText, edit: ByteEdit) -> InputEdit {
    let new_end = edit.old.start + edit.new_len;
    InputEdit {
        start_byte: edit.old.start,
        old_end_byte: edit.old.end,
        new_end_byte: new_end,
        start_position: point(old, edit.old.start),
        old_end_position: point(old, edit.old.end),
        new_end_position: point(new, new_end),
    }
}
