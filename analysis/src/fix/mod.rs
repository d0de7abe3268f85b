//! Quick fixes: for one finding, the edits that remove it — computed from the diagnostic (its
//! code, range and [`FixHint`]) and the snapshot, in byte ranges, with no protocol types. The
//! LSP edge turns a [`Fix`] into a `CodeAction` with a `WorkspaceEdit`; `agentls check --fix`
//! applies it to the files.
//!
//! A fix is [`Safety::Safe`] when the meaning is unchanged (quoting a value so strict YAML reads
//! what the lenient readers read, a renamed tool's documented replacement, a renamed key) and
//! [`Safety::Unsafe`] when it is a guess (a did-you-mean, an inserted placeholder, a new name).
//! Each code's kind of fix is in the diagnostics catalogue (`fix = "safe" | "unsafe" | "mixed"`,
//! [`Fixable`]); a test keeps the fixes within it.
//!
//! One file per family: [`quote`] (YAML the strict readers reject), [`tools`] (tool lists),
//! [`replace`] (did-you-mean), [`keys`] (renamed, deprecated, duplicate keys and mistyped
//! values), [`insert`] (missing keys and frontmatter), [`names`] (agent names), [`files`]
//! (moving a chat mode, defining an MCP server), [`layout`] (frontmatter delimiters); [`engine`]
//! applies many fixes together.

mod doc;
mod edit;
mod engine;
mod files;
mod insert;
mod json;
mod keys;
mod layout;
mod list;
mod names;
mod quote;
mod replace;
mod tools;

use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use crate::index::Span;
use crate::{Diagnostic, Snapshot, WorkspaceCtx};

pub use edit::{apply_edits, TextEdit};
pub use engine::{fix_document, pick, select, FixedDocument, MAX_PASSES};
pub use quote::yaml_scalar;

/// What a rule knows of a finding's fix beyond its code and range, carried on the
/// [`Diagnostic`] (and through editors as LSP `Diagnostic.data`, so it is JSON).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "kebab-case")]
pub enum FixHint {
    /// The text at the range was probably meant to be one of these (did-you-mean), the closest
    /// first: one fix each, the first preferred.
    Suggest {
        /// Candidate replacements.
        candidates: Vec<String>,
    },
    /// The list entry at the range is a renamed or legacy name standing for all of these (the
    /// catalogue's replacements): one fix writes them, without repeating names the list has.
    Replace {
        /// The replacements, in the catalogue's order.
        with: Vec<String>,
    },
    /// A required key is missing (`missing-required`).
    Missing {
        /// The key.
        key: String,
    },
}

/// How sure a fix is of the user's intent.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Safety {
    /// The meaning is unchanged: `check --fix` and the editor's fix-all apply it.
    Safe,
    /// A guess (a did-you-mean, a placeholder, a new name): only `--unsafe-fixes` and an explicit
    /// choice in the editor apply it.
    Unsafe,
}

impl Safety {
    /// `safe` / `unsafe`.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Safe => "safe",
            Self::Unsafe => "unsafe",
        }
    }
}

/// The catalogue's word on a code's fixes (`fix` in `diagnostics.toml`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Fixable {
    /// Every fix of the code is safe.
    Safe,
    /// Every fix of the code is unsafe.
    Unsafe,
    /// Some cases are safe, others not (the rule documentation says which).
    Mixed,
}

impl Fixable {
    /// True when a fix of `safety` may be offered for a code of this kind.
    pub fn allows(self, safety: Safety) -> bool {
        match self {
            Self::Safe => safety == Safety::Safe,
            Self::Unsafe => safety == Safety::Unsafe,
            Self::Mixed => true,
        }
    }

    /// `safe` / `unsafe` / `mixed` (README's table, `agentls rules`).
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Safe => "safe",
            Self::Unsafe => "unsafe",
            Self::Mixed => "mixed",
        }
    }
}

/// What kind of code action a fix is (LSP's `CodeActionKind`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FixKind {
    /// `quickfix`: the fix of the finding.
    QuickFix,
    /// `refactor.rewrite`: another way to write it, or a move of the file.
    Rewrite,
}

/// One change a fix makes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Change {
    /// Edits of the diagnostic's own document: byte ranges of the snapshot's text.
    Edit(Vec<TextEdit>),
    /// Edits of another file, at spans that carry their line data (so the LSP edge needs no
    /// text) and byte ranges (so the command line can apply them).
    EditFile {
        /// The file (absolute).
        path: PathBuf,
        /// Spans of its text and their replacements, not overlapping.
        edits: Vec<(Span, String)>,
    },
    /// Create a file that does not exist, with this text.
    CreateFile {
        /// The file (absolute).
        path: PathBuf,
        /// Its text.
        text: String,
    },
    /// Delete a file.
    DeleteFile {
        /// The file (absolute).
        path: PathBuf,
    },
}

/// A fix: a title, what it changes and how sure it is.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Fix {
    /// The code it fixes.
    pub code: &'static str,
    /// What it does, as a code action title ("Replace `Grpe` with `Grep`").
    pub title: String,
    /// Quick fix or rewrite.
    pub kind: FixKind,
    /// Safe or unsafe.
    pub safety: Safety,
    /// The best of several fixes for one finding (LSP `isPreferred`).
    pub preferred: bool,
    /// What changes, in order.
    pub changes: Vec<Change>,
    /// The top-level keys the fix writes into the document (a renamed or inserted key): two
    /// fixes applied together must not both write one key, or the file would have it twice.
    pub claims: Vec<String>,
}

impl Fix {
    /// A quick fix that edits only the document.
    pub(crate) fn local(code: &'static str, title: String, safety: Safety, edits: Vec<TextEdit>) -> Self {
        let changes = if edits.is_empty() { Vec::new() } else { vec![Change::Edit(edits)] };
        Self { code, title, kind: FixKind::QuickFix, safety, preferred: true, changes, claims: Vec::new() }
    }

    /// The same fix, noting that it writes the top-level key `key`.
    pub(crate) fn claiming(mut self, key: &str) -> Self {
        self.claims.push(key.to_string());
        self
    }

    /// The edits of the document itself.
    pub fn document_edits(&self) -> impl Iterator<Item = &TextEdit> {
        self.changes.iter().filter_map(|c| if let Change::Edit(e) = c { Some(e) } else { None }).flatten()
    }

    /// True when the fix changes only the document itself.
    pub fn is_local(&self) -> bool {
        self.changes.iter().all(|c| matches!(c, Change::Edit(_)))
    }

    /// True when the fix only edits `text` (the document) and every edit writes what is there
    /// already: offering it would claim a fix that changes nothing.
    pub fn changes_nothing(&self, text: &str) -> bool {
        self.is_local()
            && self.document_edits().all(|e| text.get(e.range.start..e.range.end) == Some(e.new_text.as_str()))
    }

    /// True when the fix creates or deletes files.
    pub fn has_file_ops(&self) -> bool {
        self.changes.iter().any(|c| matches!(c, Change::CreateFile { .. } | Change::DeleteFile { .. }))
    }
}

/// What fixes may consult besides the document, supplied by the edge (analysis does no I/O).
pub struct FixCtx<'a> {
    /// The workspace (references to rename, MCP configurations, files that exist); `None` for a
    /// document on its own.
    pub ws: Option<&'a WorkspaceCtx<'a>>,
    /// Another file's text (the MCP configuration a server is added to): the open document's
    /// text in an editor, the file (or the text already fixed in memory) on the command line.
    pub read: &'a (dyn Fn(&Path) -> Option<String> + Sync),
    /// The edge can create and delete files (LSP `resourceOperations` `create` and `delete`).
    pub file_ops: bool,
}

/// A reader that knows no file.
fn read_nothing(_: &Path) -> Option<String> {
    None
}

impl FixCtx<'static> {
    /// Fixes of the document alone: no workspace, no other file read, no file created.
    pub fn local() -> Self {
        Self { ws: None, read: &read_nothing, file_ops: false }
    }
}

/// The fixes of `d`, a finding of `snap`, best first (empty when agentls cannot fix it, or when
/// the document changed so that the finding's range no longer holds what it reported, or the
/// file has merge-conflict markers). Fixes that create or delete files are left out unless
/// `cx.file_ops`.
pub fn fixes(snap: &Snapshot, d: &Diagnostic, cx: &FixCtx) -> Vec<Fix> {
    let Some(doc) = doc::Doc::new(snap) else { return Vec::new() };
    if !snap.parsed.top.conflict_markers.is_empty() {
        // Both sides of a merge conflict are in the text: resolving it is the only fix.
        return Vec::new();
    }
    let mut out = match d.code {
        "yaml-strict" | "yaml-crlf-colon" | "yaml-continuation" => quote::recovery(&doc, d),
        "renamed-tool" => tools::renamed(&doc, d),
        "agents-needs-agent-tool" => tools::add_agent_tool(&doc, d),
        "unknown-tool" | "unknown-model" | "bad-enum" | "unknown-agent-ref" | "unknown-skill" => {
            replace::suggested(&doc, d)
        }
        "unknown-field" => keys::unknown_field(&doc, d),
        "unknown-mcp-server" => {
            let mut all = replace::suggested(&doc, d);
            all.extend(files::mcp_server(&doc, d, cx));
            all
        }
        "handoff-target-key" => keys::handoff_target(&doc, d),
        "deprecated-field" => {
            let mut all = keys::deprecated(&doc, d);
            all.extend(files::chatmode(&doc, d, cx));
            all
        }
        "bad-type" => keys::bad_type(&doc, d),
        "duplicate-key" => keys::duplicate(&doc, d),
        "missing-required" => insert::missing_key(&doc, d),
        "missing-frontmatter" => insert::frontmatter(&doc, d),
        "invalid-name" => names::slug(&doc, d, cx),
        "name-dir-mismatch" => names::folder(&doc, d),
        "misplaced-frontmatter" | "unclosed-frontmatter" => layout::delimiters(&doc, d),
        _ => Vec::new(),
    };
    out.retain(|f| !f.changes.is_empty() && !f.changes_nothing(&doc.text) && (cx.file_ops || !f.has_file_ops()));
    out
}

#[cfg(test)]
mod tests;
