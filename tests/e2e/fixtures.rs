//! Snapshot tests over our own fixtures (`tests/fixtures/<feature>/…`): one snapshot per
//! feature folder, so adding a case is adding a file. Each fixture keeps the workspace-relative
//! path that gives it its dialect.
//!
//! - diagnostics: every file under `layout/`, `yaml/`, `fields/`, `tools/`, `models/`,
//!   `copilot/`, `others/`, `security/` with its findings, each shown under the source it points at;
//! - completion / hover: files under `completion/` and `hover/` with a `$0` cursor marker.

use std::fmt::Write;
use std::path::{Path, PathBuf};

use agentls::discover::{walk, Classifier};
use agentls_analysis::index::WorkspaceIndex;
use agentls_analysis::text::ColumnUnit;
use agentls_analysis::{completion, diagnostics, hover, workspace_diagnostics, Snapshot, TextShape, WorkspaceCtx};

fn fixtures() -> PathBuf {
    crate::support::repo().join("tests/fixtures")
}

fn rel(root: &Path, p: &Path) -> String {
    p.strip_prefix(root).unwrap().to_string_lossy().replace('\\', "/")
}

/// Renders each file's diagnostics: `line:col-line:col severity[code] message` and the text.
fn render_diagnostics(feature: &str) -> String {
    let root = fixtures().join(feature);
    let cache = Classifier::default();
    let walked = walk(&root, &cache);
    let found = &walked.files;
    let index = WorkspaceIndex::new(vec![root.clone()]);
    let snaps: Vec<Snapshot> = found
        .iter()
        .map(|f| {
            Snapshot::new(
                Some(f.path.clone()),
                std::fs::read_to_string(&f.path).unwrap(),
                Some(f.detected.clone()),
                None,
                TextShape::Flat,
            )
        })
        .collect();
    for s in &snaps {
        if let Some(sum) = s.summary() {
            index.upsert(sum);
        }
    }
    for c in &walked.mcp_configs {
        index.set_mcp_config(c.clone(), agentls::discover::read_mcp_config(c));
    }
    let exists = |p: &Path| p.exists();
    let ws = WorkspaceCtx { index: &index, exists: &exists };
    let mut out = String::new();
    let mut all_md: Vec<PathBuf> = ignore::WalkBuilder::new(&root)
        .hidden(false)
        .build()
        .flatten()
        .map(ignore::DirEntry::into_path)
        .filter(|p| p.extension().is_some_and(|e| e == "md"))
        .collect();
    all_md.sort();
    for path in all_md {
        let Some(i) = found.iter().position(|f| f.path == path) else {
            writeln!(out, "== {} (not an agent file)\n", rel(&root, &path)).unwrap();
            continue;
        };
        let (f, snap) = (&found[i], &snaps[i]);
        writeln!(out, "== {} [{}]", rel(&root, &path), f.detected.dialect.id()).unwrap();
        let mut all = diagnostics(snap);
        all.extend(workspace_diagnostics(snap, &ws));
        all.sort_by_key(|d| (d.range.start, d.range.end, d.code));
        for d in all {
            let s = snap.text.line_col(d.range.start, ColumnUnit::Char);
            let e = snap.text.line_col(d.range.end, ColumnUnit::Char);
            let covered: String = snap.text.slice(d.range).chars().take(60).collect();
            writeln!(
                out,
                "{}:{}-{}:{} {}[{}] {}",
                s.line + 1,
                s.col + 1,
                e.line + 1,
                e.col + 1,
                d.severity.as_str(),
                d.code,
                d.message
            )
            .unwrap();
            writeln!(out, "    at {covered:?}").unwrap();
        }
        writeln!(out).unwrap();
    }
    out
}

macro_rules! diagnostics_snapshot {
    ($($name:ident),*) => {$(
        #[test]
        fn $name() {
            insta::assert_snapshot!(stringify!($name), render_diagnostics(stringify!($name)));
        }
    )*};
}

diagnostics_snapshot!(layout, yaml, fields, tools, models, copilot, others, trust, security);

/// Fixtures with a `$0` cursor: (workspace-relative path, snapshot, offset).
fn cursor_fixtures(feature: &str) -> Vec<(String, Snapshot, usize)> {
    let root = fixtures().join(feature);
    let cache = Classifier::default();
    let mut files: Vec<PathBuf> = ignore::WalkBuilder::new(&root)
        .hidden(false)
        .build()
        .flatten()
        .map(ignore::DirEntry::into_path)
        .filter(|p| p.is_file())
        .collect();
    files.sort();
    files
        .into_iter()
        .map(|path| {
            let raw = std::fs::read_to_string(&path).unwrap();
            let offset = raw.find("$0").unwrap_or_else(|| panic!("{} has no $0", path.display()));
            let text = raw.replacen("$0", "", 1);
            let detected = cache.detect(&path);
            (rel(&root, &path), Snapshot::new(Some(path), text, detected, None, TextShape::Rope), offset)
        })
        .collect()
}

#[test]
fn completion_fixtures() {
    let mut out = String::new();
    for (name, snap, offset) in cursor_fixtures("completion") {
        let items = completion::complete(&snap, offset, None);
        writeln!(out, "== {name}: {} items", items.len()).unwrap();
        for c in items.iter().take(12) {
            writeln!(
                out,
                "{:?} -> {:?} at {:?}{}",
                c.label,
                c.insert_text,
                snap.text.slice(c.replace),
                if c.deprecated { " (deprecated)" } else { "" }
            )
            .unwrap();
        }
        writeln!(out).unwrap();
    }
    insta::assert_snapshot!("completion", out);
}

#[test]
fn hover_fixtures() {
    let mut out = String::new();
    for (name, snap, offset) in cursor_fixtures("hover") {
        let h = hover::hover(&snap, offset, None);
        writeln!(out, "== {name}").unwrap();
        match h {
            Some(h) => writeln!(out, "range {:?}\n{}", snap.text.slice(h.range), h.markdown).unwrap(),
            None => writeln!(out, "(none)").unwrap(),
        }
        writeln!(out).unwrap();
    }
    insta::assert_snapshot!("hover", out);
}
