//! [`Snapshot`]: one immutable version of one document, with everything analysis needs.

use std::path::PathBuf;
use std::sync::{Arc, OnceLock};

use ropey::Rope;
use tree_sitter::Tree;

use crate::index::FileSummary;
use crate::knowledge::Detected;
use crate::syntax::{markdown, Parsed};
use crate::text::{rope_offset, ColumnUnit, LineCol, LineIndex, TextRange};

/// One incremental change, as positions in the text it applies to (`None` = whole text).
#[derive(Debug, Clone)]
pub struct Change {
    /// Start and end (exclusive) of the replaced text, in the caller's column unit.
    pub range: Option<(LineCol, LineCol)>,
    /// The new text.
    pub text: String,
}

/// An immutable document version. Cheap to share (`Arc`); an edit builds a new one, reusing the
/// rope's nodes and the Markdown tree.
#[derive(Debug, Clone)]
pub struct Snapshot {
    /// The file's path, when it has one (detection, skill folder names).
    pub path: Option<PathBuf>,
    /// The editor's version number (LSP), if any.
    pub version: Option<i32>,
    /// The text as a rope (edits).
    pub rope: Rope,
    /// The text as one string (analysis).
    pub text: Arc<str>,
    /// Line starts of `text`.
    pub line_index: LineIndex,
    /// Frontmatter layout and YAML.
    pub parsed: Parsed,
    /// Dialect; `None` means "not an agent file": every feature stays silent.
    pub detected: Option<Detected>,
    /// tree-sitter-md block tree (open documents only; bulk paths leave it `None`).
    pub markdown: Option<Tree>,
    /// The workspace-index record of this version, computed on first use.
    summary: OnceLock<Option<Arc<FileSummary>>>,
}

impl Snapshot {
    /// Builds a snapshot from a whole text. `with_markdown` parses the body's block tree (open
    /// documents); bulk paths pass `false`.
    pub fn new(
        path: Option<PathBuf>,
        text: String,
        detected: Option<Detected>,
        version: Option<i32>,
        with_markdown: bool,
    ) -> Self {
        let rope = Rope::from_str(&text);
        let markdown = if with_markdown { markdown::parse(&rope, None) } else { None };
        Self::assemble(path, version, rope, text, detected, markdown)
    }

    fn assemble(
        path: Option<PathBuf>,
        version: Option<i32>,
        rope: Rope,
        text: String,
        detected: Option<Detected>,
        markdown: Option<Tree>,
    ) -> Self {
        let line_index = LineIndex::new(&text);
        let parsed = Parsed::new(&text);
        Self {
            path,
            version,
            rope,
            text: text.into(),
            line_index,
            parsed,
            detected,
            markdown,
            summary: OnceLock::new(),
        }
    }

    /// Applies `changes` in order (each relative to the result of the previous one, as LSP
    /// specifies) and returns the new version. Positions out of range are clamped; the text is
    /// never lost or corrupted.
    pub fn edited(&self, changes: &[Change], unit: ColumnUnit, version: Option<i32>) -> Self {
        let mut rope = self.rope.clone();
        let mut tree = self.markdown.clone();
        for change in changes {
            match change.range {
                None => {
                    rope = Rope::from_str(&change.text);
                    tree = None;
                }
                Some((start, end)) => {
                    let a = rope_offset(&rope, start, unit);
                    let b = rope_offset(&rope, end, unit).max(a);
                    let old = rope.clone();
                    let (ca, cb) = (rope.byte_to_char(a), rope.byte_to_char(b));
                    rope.remove(ca..cb);
                    rope.insert(ca, &change.text);
                    if let Some(t) = tree.as_mut() {
                        t.edit(&markdown::input_edit(&old, &rope, TextRange::new(a, b), change.text.len()));
                    }
                }
            }
        }
        let markdown = if self.markdown.is_some() { markdown::parse(&rope, tree.as_ref()) } else { None };
        let text = rope.to_string();
        Self::assemble(self.path.clone(), version, rope, text, self.detected.clone(), markdown)
    }

    /// What the workspace index records of this version (definition and references); `None`
    /// for non-agent files and files without a path.
    pub fn summary(&self) -> Option<Arc<FileSummary>> {
        self.summary
            .get_or_init(|| {
                let (path, det) = (self.path.as_ref()?, self.detected.as_ref()?);
                Some(Arc::new(FileSummary::build(path, &self.text, &self.parsed, &self.line_index, det)))
            })
            .clone()
    }
}
