//! The one link resolver: where a Markdown link or a `#file:` reference points, used by the
//! `broken-link` diagnostic and by `textDocument/documentLink` alike (a link is reported broken
//! exactly when no document link is offered for it).
//!
//! Resolution follows VS Code's prompt-file validator ("File not found", formats.md §2.12): a
//! relative link is relative to the file's folder; `#file:` may also be relative to a
//! workspace root; a `/`-rooted path is tried under each root and as an absolute path. The
//! `#fragment` and `?query` are ignored and `%xx` escapes decoded.

use std::path::{Component, Path, PathBuf};

use super::{RefKind, Reference};

/// What a link points at.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum LinkTarget {
    /// An existing file or folder.
    Found(PathBuf),
    /// Nothing exists there: the path the consumer would look at first (`.` and `..`
    /// resolved).
    Missing(PathBuf),
    /// Not a file link (empty, only a `#fragment`).
    None,
}

/// Resolves link `r` of the file at `file` in a workspace with `roots`; `exists` probes the
/// file system (supplied by the edge).
pub fn resolve(file: &Path, roots: &[PathBuf], r: &Reference, exists: &(dyn Fn(&Path) -> bool + Sync)) -> LinkTarget {
    let raw = r.target.split(['#', '?']).next().unwrap_or("");
    if raw.is_empty() {
        return LinkTarget::None;
    }
    let decoded = percent_encoding::percent_decode_str(raw).decode_utf8_lossy().into_owned();
    let Some(dir) = file.parent() else { return LinkTarget::None };
    let mut candidates: Vec<PathBuf> = Vec::new();
    if let Some(rooted) = decoded.strip_prefix('/') {
        candidates.extend(roots.iter().map(|root| root.join(rooted)));
        candidates.push(PathBuf::from(&decoded));
    } else {
        candidates.push(dir.join(&decoded));
        if r.kind == RefKind::FileRef {
            candidates.extend(roots.iter().map(|root| root.join(&decoded)));
        }
    }
    match candidates.iter().find(|c| exists(c)) {
        Some(found) => LinkTarget::Found(clean(found)),
        None => candidates.first().map_or(LinkTarget::None, |c| LinkTarget::Missing(clean(c))),
    }
}

/// `path` with `.` and `..` components resolved lexically.
pub fn clean(path: &Path) -> PathBuf {
    let mut out = PathBuf::new();
    for c in path.components() {
        match c {
            Component::CurDir => {}
            Component::ParentDir => {
                out.pop();
            }
            other => out.push(other),
        }
    }
    out
}

/// How a path is shown to the user: relative to the workspace root that contains it (after
/// resolving `.` and `..`), else as it is.
pub fn display_path(path: &Path, roots: &[PathBuf]) -> String {
    let path = clean(path);
    roots
        .iter()
        .find_map(|r| path.strip_prefix(clean(r)).ok())
        .map_or_else(|| path.display().to_string(), |p| p.display().to_string())
}
