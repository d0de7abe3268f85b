//! Helpers of the quick-fix tests: an editor's files in memory, `WorkspaceEdit`s applied to
//! them as an editor applies them (UTF-16 positions, versioned edits, file creation and
//! deletion), and before → after diffs.

use std::collections::BTreeMap;
use std::path::Path;

use serde_json::{json, Value};

use crate::support::lsp_client::uri;

/// Client capabilities of an editor with code actions resolved lazily (VS Code's set).
pub fn lazy_editor() -> Value {
    json!({
        "general": {"positionEncodings": ["utf-16"]},
        "window": {"workDoneProgress": true},
        "workspace": {
            "configuration": true,
            "workspaceEdit": {"documentChanges": true, "resourceOperations": ["create", "rename", "delete"]}
        },
        "textDocument": {
            "publishDiagnostics": {"versionSupport": true, "dataSupport": true},
            "codeAction": {
                "dataSupport": true,
                "isPreferredSupport": true,
                "resolveSupport": {"properties": ["edit"]},
                "codeActionLiteralSupport": {"codeActionKind": {"valueSet": ["quickfix", "refactor", "source"]}}
            }
        }
    })
}

/// Byte offset of an LSP position (UTF-16 columns; lines end at `\n`, `\r\n` or `\r`).
pub fn offset(text: &str, pos: &Value) -> usize {
    let (line, col) = (pos["line"].as_u64().unwrap() as usize, pos["character"].as_u64().unwrap() as usize);
    let mut start = 0;
    for _ in 0..line {
        match text[start..].find(['\n', '\r']) {
            Some(i) => {
                start += i + if text[start + i..].starts_with("\r\n") { 2 } else { 1 };
            }
            None => return text.len(),
        }
    }
    let end = text[start..].find(['\n', '\r']).map_or(text.len(), |i| start + i);
    let mut units = 0;
    for (i, c) in text[start..end].char_indices() {
        if units >= col {
            return start + i;
        }
        units += c.len_utf16();
    }
    end
}

/// Files by URI: `None` is a deleted (or never existing) file.
#[derive(Clone, Default)]
pub struct Files(pub BTreeMap<String, Option<String>>);

impl Files {
    /// The text of `u`, read from disk the first time.
    pub fn text(&mut self, u: &str) -> Option<String> {
        let path = u.strip_prefix("file://").unwrap().replace("%20", " ");
        self.0.entry(u.to_string()).or_insert_with(|| std::fs::read_to_string(path).ok()).clone()
    }

    /// Applies `edits` (LSP `TextEdit`s) to `u`.
    fn edit(&mut self, u: &str, edits: &[Value]) {
        let text = self.text(u).unwrap_or_else(|| panic!("edit of a missing file {u}"));
        let mut spans: Vec<(usize, usize, &str)> = edits
            .iter()
            .map(|e| {
                (offset(&text, &e["range"]["start"]), offset(&text, &e["range"]["end"]), e["newText"].as_str().unwrap())
            })
            .collect();
        spans.sort_by_key(|s| std::cmp::Reverse((s.0, s.1)));
        let mut out = text.clone();
        for (s, e, new) in spans {
            out.replace_range(s..e, new);
        }
        self.0.insert(u.to_string(), Some(out));
    }

    /// Applies a `WorkspaceEdit` (`documentChanges` or `changes`).
    pub fn apply(&mut self, edit: &Value) {
        if let Some(changes) = edit["changes"].as_object() {
            for (u, edits) in changes {
                self.edit(u, edits.as_array().unwrap());
            }
        }
        for op in edit["documentChanges"].as_array().into_iter().flatten() {
            match op["kind"].as_str() {
                Some("create") => {
                    let u = op["uri"].as_str().unwrap();
                    assert!(self.text(u).is_none(), "create over an existing file {u}");
                    self.0.insert(u.to_string(), Some(String::new()));
                }
                Some("delete") => {
                    self.0.insert(op["uri"].as_str().unwrap().to_string(), None);
                }
                Some(other) => panic!("unexpected resource operation {other}"),
                None => self.edit(op["textDocument"]["uri"].as_str().unwrap(), op["edits"].as_array().unwrap()),
            }
        }
    }

    /// What changed from `before`, as unified diffs with paths relative to `root`.
    pub fn diff(&self, before: &mut Files, root: &Path) -> String {
        let root_uri = uri(root);
        let mut out = String::new();
        for (u, after) in &self.0 {
            let old = before.text(u);
            if old == *after {
                continue;
            }
            let rel = u.strip_prefix(&root_uri).unwrap_or(u).trim_start_matches('/');
            let (a, b) = (old.as_deref().unwrap_or(""), after.as_deref().unwrap_or(""));
            let head =
                |side: &str, exists: bool| if exists { format!("{side}/{rel}") } else { "/dev/null".to_string() };
            let diff = similar::TextDiff::from_lines(a, b);
            let shown = diff
                .unified_diff()
                .context_radius(2)
                .header(&head("a", old.is_some()), &head("b", after.is_some()))
                .to_string();
            // Line endings are part of what is checked: make `\r` visible.
            out.push_str(&shown.replace('\r', "␍"));
        }
        out
    }
}
