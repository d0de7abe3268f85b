//! Navigation over the workspace index: definition, references, rename, document and workspace
//! symbols, document links. Pure: results are paths and [`Span`]s; the edge converts them.

use std::path::{Path, PathBuf};
use std::sync::Arc;

use nucleo_matcher::pattern::{CaseMatching, Normalization, Pattern};
use nucleo_matcher::{Config, Matcher, Utf32Str};

use super::index::resolve::{references_to, resolve, Resolution};
use super::index::{file_stem, links, target_name, FileSummary, RefKind, Reference, Span};
use super::{Snapshot, WorkspaceCtx};
use crate::knowledge::DefinitionKind;
use crate::knowledge::Dialect;
use crate::syntax::{markdown, ValueKind};
use crate::text::TextRange;

/// A place in a file; a default span means the start of the file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Location {
    /// The file.
    pub path: PathBuf,
    /// Where.
    pub span: Span,
}

/// What the cursor is on.
enum Target {
    /// A reference in this file.
    Ref(Reference),
    /// This file's own `name:` value.
    OwnName(Span),
}

fn target_at(summary: &FileSummary, offset: usize) -> Option<Target> {
    if let Some(r) = summary.references.iter().find(|r| r.span.range.touches(offset)) {
        return Some(Target::Ref(r.clone()));
    }
    let d = summary.definition.as_ref()?;
    d.name_span.filter(|s| s.range.touches(offset)).map(Target::OwnName)
}

fn def_location(def: &FileSummary) -> Location {
    Location { path: def.path.clone(), span: def.definition.as_ref().and_then(|d| d.name_span).unwrap_or_default() }
}

/// The path a link or `#file:` reference points at, if it exists (the resolver `broken-link`
/// uses: a link has a target exactly when it is not reported broken).
fn link_target(summary: &FileSummary, r: &Reference, ws: &WorkspaceCtx) -> Option<PathBuf> {
    match links::resolve(&summary.path, &ws.index.roots(), r, ws.exists) {
        links::LinkTarget::Found(p) => Some(p),
        _ => None,
    }
}

/// The definitions a reference resolves to in the workspace.
fn resolved(ws: &WorkspaceCtx, r: &Reference) -> Vec<Arc<FileSummary>> {
    match resolve(ws.index, r) {
        Resolution::Found(defs) => defs,
        _ => Vec::new(),
    }
}

/// `textDocument/definition`: the defining file and its `name:` value, or a link's file.
pub fn definition(snap: &Snapshot, offset: usize, ws: &WorkspaceCtx) -> Vec<Location> {
    let Some(summary) = snap.summary() else { return Vec::new() };
    match target_at(&summary, offset) {
        Some(Target::Ref(r)) if matches!(r.kind, RefKind::Link | RefKind::FileRef) => {
            link_target(&summary, &r, ws).map(|path| Location { path, span: Span::default() }).into_iter().collect()
        }
        Some(Target::Ref(r)) => resolved(ws, &r).iter().map(|d| def_location(d)).collect(),
        Some(Target::OwnName(span)) => vec![Location { path: summary.path.clone(), span }],
        None => Vec::new(),
    }
}

/// The definition file the cursor designates: a reference's target, or this file when the
/// cursor is on its own `name:` value.
fn designated(snap: &Snapshot, offset: usize, ws: &WorkspaceCtx) -> Option<(Arc<FileSummary>, Option<Reference>)> {
    let summary = snap.summary()?;
    match target_at(&summary, offset)? {
        Target::Ref(r) if r.kind.is_definition_ref() => resolved(ws, &r).into_iter().next().map(|d| (d, Some(r))),
        Target::Ref(_) => None,
        Target::OwnName(_) => Some((ws.index.get(&summary.path).unwrap_or(summary), None)),
    }
}

/// `textDocument/references`: every reference to the designated definition across the
/// workspace, plus the declaration when `include_declaration`.
pub fn references(snap: &Snapshot, offset: usize, include_declaration: bool, ws: &WorkspaceCtx) -> Vec<Location> {
    let Some((def, _)) = designated(snap, offset, ws) else { return Vec::new() };
    let mut out: Vec<Location> = Vec::new();
    if include_declaration {
        out.push(def_location(&def));
    }
    out.extend(
        references_to(ws.index, &def.path).into_iter().map(|(f, r)| Location { path: f.path.clone(), span: r.span }),
    );
    out
}

/// A rename plan: text edits per file, and a file rename when the identity is the file stem.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct RenamePlan {
    /// Edits per file, each (span, new text).
    pub edits: Vec<(PathBuf, Vec<(Span, String)>)>,
    /// Old and new path of the defining file, when its name is its identity.
    pub file_rename: Option<(PathBuf, PathBuf)>,
    /// References that cannot be rewritten in place (not written verbatim: inside an escaped or
    /// folded scalar); the user has to fix them by hand.
    pub not_rewritten: Vec<(PathBuf, Span)>,
}

/// `textDocument/prepareRename`: the range of the name under the cursor and its text, when the
/// cursor is on a renamable identity. `None` on a reference that is not written verbatim (an
/// escaped or folded scalar): rename cannot rewrite it.
pub fn prepare_rename(snap: &Snapshot, offset: usize, ws: &WorkspaceCtx) -> Option<(TextRange, String)> {
    let (def, r) = designated(snap, offset, ws)?;
    let identity = def.definition.as_ref()?.identity.clone();
    match r {
        Some(r) if !r.verbatim => None,
        Some(r) => {
            let name = target_name(&r.target);
            let start = r.span.range.end - name.len();
            Some((TextRange::new(start, r.span.range.end), name.to_string()))
        }
        None => def.definition.as_ref()?.name_span.map(|s| (s.range, identity)),
    }
}

/// Why a new name is refused, for the dialect that defines the identity.
fn invalid_name(def: &FileSummary, new: &str) -> Option<String> {
    let d = def.definition.as_ref()?;
    if new.trim().is_empty() || new != new.trim() {
        return Some("the new name must not be empty or start or end with spaces".into());
    }
    if new.contains(['\n', '\r', '/', '\\']) {
        return Some(format!("`{new}` cannot be a name: it contains a line break or a path separator"));
    }
    if new.contains([':', '#', '[', ']', '{', '}', ',', '&', '*', '!', '|', '>', '\'', '"', '%', '@', '`']) {
        return Some(format!(
            "`{new}` would need quoting in YAML and in references; use letters, digits, `-`, `_`, `.` and spaces"
        ));
    }
    if def.detected.dialect == Dialect::ClaudeAgent && (new.starts_with('-') || new.contains(char::is_whitespace)) {
        return Some(format!(
            "`{new}` is not a valid Claude Code agent name: use lowercase letters, digits and hyphens"
        ));
    }
    if d.from_stem && (new.starts_with('.') || new.contains(['<', '>', '?', '*'])) {
        return Some(format!("`{new}` is not a valid file name"));
    }
    if d.kind == DefinitionKind::Skill {
        return Some("a skill is named by its folder; rename the folder".into());
    }
    None
}

/// `textDocument/rename`: the `name:` value (or the file) and every reference. `Err` carries a
/// message for the user when the new name is invalid or nothing renamable is under the cursor.
///
/// When the identity is the file name and the client cannot rename files
/// (`can_rename_files` false: no `documentChanges` or no `rename` resource operation), a
/// dialect that reads `name:` first (VS Code agents and prompts) gets a `name:` line instead, so
/// every reference keeps resolving; for a dialect named only by its file the rename is refused
/// with the reason — never a silent half rename.
pub fn rename(
    snap: &Snapshot,
    offset: usize,
    new_name: &str,
    ws: &WorkspaceCtx,
    can_rename_files: bool,
) -> Result<RenamePlan, String> {
    let (def, _) = designated(snap, offset, ws)
        .ok_or("nothing to rename here: put the cursor on an agent name or a reference to one")?;
    if let Some(why) = invalid_name(&def, new_name) {
        return Err(why);
    }
    let d = def.definition.as_ref().ok_or("not a definition")?;
    let mut plan = RenamePlan::default();
    let mut add = |path: &Path, span: Span, text: String| match plan.edits.iter_mut().find(|(p, _)| p == path) {
        Some((_, edits)) => edits.push((span, text)),
        None => plan.edits.push((path.to_path_buf(), vec![(span, text)])),
    };
    if let Some(span) = d.name_span {
        add(&def.path, span, new_name.to_string());
    }
    for (file, r) in references_to(ws.index, &def.path) {
        if !r.verbatim {
            plan.not_rewritten.push((file.path.clone(), r.span));
            continue;
        }
        let name = target_name(&r.target);
        let prefix = &r.target[..r.target.len() - name.len()];
        add(&file.path, r.span, format!("{prefix}{new_name}"));
    }
    if d.from_stem && can_rename_files {
        let file = def.path.file_name().map(|f| f.to_string_lossy().into_owned()).unwrap_or_default();
        let stem = file_stem(&def.path);
        let suffix = &file[stem.len()..];
        plan.file_rename = Some((def.path.clone(), def.path.with_file_name(format!("{new_name}{suffix}"))));
    } else if d.from_stem {
        let spec = crate::knowledge::knowledge().dialect(def.detected.dialect);
        if spec.identity != crate::knowledge::IdentityRule::NameOrStem {
            return Err(format!(
                "`{}` is named by its file `{}`, and this editor cannot rename files through the language server: rename the file to `{new_name}` yourself, then rename again to update the references",
                d.identity,
                def.path.display()
            ));
        }
        // The name the file gives becomes an explicit `name:`, which the consumer reads first.
        let (at, text) = match d.name_insert {
            Some(span) => (span, format!("name: {new_name}\n")),
            None => (Span::default(), format!("---\nname: {new_name}\n---\n")),
        };
        add(&def.path, at, text);
    }
    Ok(plan)
}

/// A document symbol: a frontmatter key or a heading, with children.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Symbol {
    /// Key or heading text.
    pub name: String,
    /// The value's first line, for keys.
    pub detail: Option<String>,
    /// Key or heading.
    pub is_heading: bool,
    /// Whole range.
    pub range: TextRange,
    /// The part to select (key or title).
    pub selection: TextRange,
    /// Nested symbols (sub-headings).
    pub children: Vec<Symbol>,
}

/// `textDocument/documentSymbol`: frontmatter keys, then the heading outline (from the
/// tree-sitter-md block tree via `queries/markdown-outline.scm`).
pub fn document_symbols(snap: &Snapshot) -> Vec<Symbol> {
    if snap.detected.is_none() {
        return Vec::new();
    }
    let text = &snap.text;
    let mut out: Vec<Symbol> = snap
        .parsed
        .frontmatter
        .iter()
        .flat_map(|f| f.entries.iter())
        .map(|e| {
            let detail = match &e.value.kind {
                ValueKind::Scalar(s) => Some(s.text.lines().next().unwrap_or("").chars().take(60).collect()),
                ValueKind::Sequence(items) => Some(format!("{} items", items.len())),
                _ => None,
            };
            Symbol {
                name: e.key.clone(),
                detail,
                is_heading: false,
                range: e.range(),
                selection: e.key_range,
                children: Vec::new(),
            }
        })
        .collect();
    let Some(tree) = snap.markdown() else { return out };
    let headings = markdown::headings(tree, text);
    // Each heading's range runs to the next heading of the same or a higher level.
    let mut flat: Vec<(u8, Symbol)> = Vec::new();
    for (i, (level, title)) in headings.iter().enumerate() {
        let line_start = text.line_content_at(title.start).start;
        let end = headings[i + 1..]
            .iter()
            .find(|(l, _)| l <= level)
            .map_or(text.len(), |(_, t)| text.line_content_at(t.start).start);
        flat.push((
            *level,
            Symbol {
                name: text.slice(*title).into_owned(),
                detail: None,
                is_heading: true,
                range: TextRange::new(line_start, end.max(title.end)),
                selection: *title,
                children: Vec::new(),
            },
        ));
    }
    out.extend(nest(&mut flat.into_iter().peekable(), 0));
    out
}

fn nest(it: &mut std::iter::Peekable<impl Iterator<Item = (u8, Symbol)>>, parent_level: u8) -> Vec<Symbol> {
    let mut out = Vec::new();
    while let Some((level, _)) = it.peek() {
        if *level <= parent_level {
            break;
        }
        let (level, mut sym) = it.next().expect("peeked");
        sym.children = nest(it, level);
        out.push(sym);
    }
    out
}

/// A definition found by `workspace/symbol`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct WorkspaceSymbol {
    /// The identity.
    pub name: String,
    /// Agent, prompt or skill.
    pub kind: DefinitionKind,
    /// Dialect name, shown as the container.
    pub container: String,
    /// Where it is defined.
    pub location: Location,
}

/// `workspace/symbol`: every definition whose identity fuzzy-matches `query` (all for an empty
/// query), best first, at most `limit`.
pub fn workspace_symbols(ws: &WorkspaceCtx, query: &str, limit: usize) -> Vec<WorkspaceSymbol> {
    let mut matcher = Matcher::new(Config::DEFAULT);
    let pattern = Pattern::parse(query, CaseMatching::Smart, Normalization::Smart);
    let mut buf = Vec::new();
    let mut scored: Vec<(u32, WorkspaceSymbol)> = ws
        .index
        .definitions()
        .into_iter()
        .filter_map(|f| {
            let d = f.definition.as_ref()?;
            let score =
                if query.is_empty() { 0 } else { pattern.score(Utf32Str::new(&d.identity, &mut buf), &mut matcher)? };
            let sym = WorkspaceSymbol {
                name: d.identity.clone(),
                kind: d.kind,
                container: crate::knowledge::knowledge().dialect(f.detected.dialect).name.clone(),
                location: def_location(&f),
            };
            Some((score, sym))
        })
        .collect();
    scored.sort_by(|a, b| b.0.cmp(&a.0).then_with(|| a.1.name.cmp(&b.1.name)));
    scored.into_iter().take(limit).map(|(_, s)| s).collect()
}

/// `textDocument/documentLink`: body links to existing files and reference targets, with a
/// tooltip.
pub fn document_links(snap: &Snapshot, ws: &WorkspaceCtx) -> Vec<(TextRange, PathBuf, String)> {
    let Some(summary) = snap.summary() else { return Vec::new() };
    let mut out = Vec::new();
    for r in &summary.references {
        match r.kind {
            RefKind::Link | RefKind::FileRef => {
                if let Some(p) = link_target(&summary, r, ws) {
                    out.push((r.span.range, p, format!("Open {}", r.target)));
                }
            }
            RefKind::AbsolutePath | RefKind::McpServer | RefKind::NaturalLanguage => {}
            _ => {
                if let Some(d) = resolved(ws, r).into_iter().next() {
                    out.push((r.span.range, d.path.clone(), format!("Open the `{}` definition", r.target)));
                }
            }
        }
    }
    out
}
