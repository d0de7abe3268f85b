//! `textDocument/codeAction` and `codeAction/resolve`: the quick fixes of agentls's own findings
//! (`quickfix`, and `refactor.rewrite` for alternatives and file moves) and a fix-all of the safe
//! ones (`source.fixAll.agentls`), computed by `agentls_analysis::fix` from the diagnostics the
//! client sends back (their `data` carries the fix's hint).
//!
//! Only findings agentls publishes get actions: in defer mode the findings left to VS Code's
//! validator are not published, so agentls never offers a second action for them; the fix-all
//! works on the published findings too. When the client resolves edits lazily
//! (`codeAction.resolveSupport` with `edit`), actions carry what is needed to compute their
//! edit again on `codeAction/resolve`, which refuses (`ContentModified`) when the document has
//! changed since.

use std::path::Path;
use std::sync::Arc;

use serde_json::{json, Value};
use tower_lsp_server::jsonrpc;
use tower_lsp_server::ls_types::{
    self as lsp, CodeAction, CodeActionKind, CodeActionOrCommand, CodeActionParams, CodeActionResponse, Uri,
};

use super::state::State;
use super::{convert, fix_edit};
use agentls_analysis::fix::{self, Fix, FixCtx, FixHint, FixKind, Safety};
use agentls_analysis::text::TextRange;
use agentls_analysis::{Diagnostic, Snapshot};

/// The fix-all kind agentls offers.
pub const FIX_ALL: &str = "source.fixAll.agentls";

/// The kinds agentls returns (the server capability).
pub fn kinds() -> Vec<CodeActionKind> {
    vec![CodeActionKind::QUICKFIX, CodeActionKind::REFACTOR_REWRITE, CodeActionKind::from(FIX_ALL)]
}

/// True when `kind` is `only` or below it (`source.fixAll.agentls` is below `source`).
fn under(kind: &str, only: &CodeActionKind) -> bool {
    kind == only.as_str() || kind.strip_prefix(only.as_str()).is_some_and(|rest| rest.starts_with('.'))
}

/// The file-access a fix may use from the server: the open document's text, else the file's.
fn read(state: &State, path: &Path) -> Option<String> {
    match state.docs.at_path(path) {
        Some((uri, _)) => state.snapshot(&uri).map(|s| s.text.to_text().into_owned()),
        None => std::fs::read_to_string(path).ok(),
    }
}

/// The fixes of `d` in `snap` with the workspace and the client's abilities.
fn fixes_of(state: &State, snap: &Snapshot, d: &Diagnostic) -> Vec<Fix> {
    let ws = state.ws();
    let reader = |p: &Path| read(state, p);
    let flags = state.flags();
    let cx = FixCtx { ws: Some(&ws), read: &reader, file_ops: flags.document_changes && flags.create_delete_files };
    fix::fixes(snap, d, &cx)
}

/// `textDocument/codeAction`.
pub async fn actions(state: &Arc<State>, params: CodeActionParams) -> jsonrpc::Result<Option<CodeActionResponse>> {
    let uri = params.text_document.uri.clone();
    let what = format!("codeAction {}", uri.as_str());
    let out = state
        .run(what, move |st| {
            let snap = st.snapshot(&uri)?;
            let only = params.context.only.as_deref();
            let wants = |kind: &str| only.is_none_or(|o| o.iter().any(|k| under(kind, k)));
            let mut out: Vec<CodeActionOrCommand> = Vec::new();
            if wants("quickfix") || wants("refactor.rewrite") {
                let mut published = None;
                for lsp_d in params.context.diagnostics.iter().filter(|d| d.source.as_deref() == Some("agentls")) {
                    let Some(d) = finding(st, &snap, lsp_d, &mut published) else { continue };
                    for (i, f) in fixes_of(st, &snap, &d).into_iter().enumerate() {
                        if wants(kind_of(&f).as_str()) {
                            out.push(CodeActionOrCommand::CodeAction(action(st, &uri, &snap, lsp_d, &d, i, f)));
                        }
                    }
                }
            }
            // A source action only when asked for (on save, or the Source Action menu).
            if only.is_some_and(|o| o.iter().any(|k| under(FIX_ALL, k))) {
                out.extend(fix_all(st, &uri, &snap).map(CodeActionOrCommand::CodeAction));
            }
            Some(out)
        })
        .await?;
    Ok(out.filter(|a| !a.is_empty()))
}

fn kind_of(f: &Fix) -> CodeActionKind {
    match f.kind {
        FixKind::QuickFix => CodeActionKind::QUICKFIX,
        FixKind::Rewrite => CodeActionKind::REFACTOR_REWRITE,
    }
}

/// The analysis finding a client's diagnostic stands for: its code and range, and the fix hint
/// from its `data` — or, when the client dropped `data`, from the finding agentls publishes at
/// that range now (`published`, computed once per request).
fn finding(
    state: &State,
    snap: &Snapshot,
    lsp_d: &lsp::Diagnostic,
    published: &mut Option<Vec<Diagnostic>>,
) -> Option<Diagnostic> {
    let code = match lsp_d.code.as_ref()? {
        lsp::NumberOrString::String(c) => agentls_analysis::code_info(c)?.code.as_str(),
        lsp::NumberOrString::Number(_) => return None,
    };
    let unit = state.unit();
    let range =
        TextRange::new(convert::offset(snap, lsp_d.range.start, unit), convert::offset(snap, lsp_d.range.end, unit));
    let mut d = Diagnostic::new(code, range, lsp_d.message.clone());
    d.fix = match lsp_d.data.as_ref().and_then(|v| v.get("fix")) {
        Some(hint) => serde_json::from_value::<FixHint>(hint.clone()).ok(),
        None => published
            .get_or_insert_with(|| state.findings(snap))
            .iter()
            .find(|p| p.code == code && p.range == range)
            .and_then(|p| p.fix.clone()),
    };
    Some(d)
}

/// The code action of fix number `index` of `d`: with its edit, or with what `resolve` needs
/// to compute it when the client resolves edits lazily.
fn action(
    state: &State,
    uri: &Uri,
    snap: &Snapshot,
    lsp_d: &lsp::Diagnostic,
    d: &Diagnostic,
    index: usize,
    f: Fix,
) -> CodeAction {
    let lazy = state.flags().resolve_code_action_edit;
    let data = lazy.then(|| {
        json!({
            "uri": uri.as_str(), "version": snap.version, "code": d.code, "start": d.range.start, "end": d.range.end,
            "message": d.message, "fix": d.fix, "index": index, "title": f.title,
        })
    });
    CodeAction {
        title: f.title.clone(),
        kind: Some(kind_of(&f)),
        diagnostics: Some(vec![lsp_d.clone()]),
        edit: (!lazy).then(|| fix_edit::workspace_edit(state, snap, uri, &f)),
        is_preferred: Some(f.preferred),
        data,
        ..CodeAction::default()
    }
}

/// `codeAction/resolve`: the edit of an action sent without one.
pub async fn resolve(state: &Arc<State>, mut action: CodeAction) -> jsonrpc::Result<CodeAction> {
    let Some(data) = action.data.clone() else { return Ok(action) };
    let edit = state
        .run("codeAction/resolve".into(), move |st| {
            let uri: Uri = data["uri"].as_str()?.parse().ok()?;
            let snap = st.snapshot(&uri)?;
            if data["version"] != json!(snap.version) {
                return Some(Err(()));
            }
            let code = agentls_analysis::code_info(data["code"].as_str()?)?.code.as_str();
            let range = TextRange::new(usize_of(&data["start"])?, usize_of(&data["end"])?);
            let mut d = Diagnostic::new(code, range, data["message"].as_str().unwrap_or_default());
            d.fix = serde_json::from_value(data["fix"].clone()).ok();
            let f = fixes_of(st, &snap, &d).into_iter().nth(usize_of(&data["index"])?)?;
            (f.title == data["title"].as_str()?).then(|| Ok(fix_edit::workspace_edit(st, &snap, &uri, &f)))
        })
        .await?;
    match edit {
        Some(Ok(edit)) => action.edit = Some(edit),
        Some(Err(())) => return Err(jsonrpc::Error::content_modified()),
        None => {}
    }
    Ok(action)
}

fn usize_of(v: &Value) -> Option<usize> {
    v.as_u64().map(|n| n as usize)
}

/// `source.fixAll.agentls`: every safe fix of the document, applied pass after pass, as one
/// edit of the part that changed. `None` when nothing is safely fixable.
fn fix_all(state: &State, uri: &Uri, snap: &Snapshot) -> Option<CodeAction> {
    let ws = state.ws();
    let reader = |p: &Path| read(state, p);
    let cx = FixCtx { ws: Some(&ws), read: &reader, file_ops: false };
    let fixed = fix::fix_document(snap, &|s| state.findings(s), &cx, Safety::Safe)?;
    let old = snap.text.to_text();
    let (start, old_end, new_end) = changed_part(&old, &fixed.text);
    let edit = fix::TextEdit::replace(TextRange::new(start, old_end), &fixed.text[start..new_end]);
    let one = Fix {
        code: "",
        title: format!("Fix all safely fixable agentls problems ({})", fixed.fixed),
        kind: FixKind::QuickFix,
        safety: Safety::Safe,
        preferred: false,
        changes: vec![fix::Change::Edit(vec![edit])],
        claims: Vec::new(),
    };
    Some(CodeAction {
        title: one.title.clone(),
        kind: Some(CodeActionKind::from(FIX_ALL)),
        edit: Some(fix_edit::workspace_edit(state, snap, uri, &one)),
        ..CodeAction::default()
    })
}

/// The part of `old` that differs from `new`: (start, end in `old`, end in `new`), on char
/// boundaries.
fn changed_part(old: &str, new: &str) -> (usize, usize, usize) {
    let mut start = old.bytes().zip(new.bytes()).take_while(|(a, b)| a == b).count();
    while !old.is_char_boundary(start) || !new.is_char_boundary(start) {
        start -= 1;
    }
    let max_suffix = old.len().min(new.len()) - start;
    let mut suffix = old.bytes().rev().zip(new.bytes().rev()).take(max_suffix).take_while(|(a, b)| a == b).count();
    while !old.is_char_boundary(old.len() - suffix) || !new.is_char_boundary(new.len() - suffix) {
        suffix -= 1;
    }
    (start, old.len() - suffix, new.len() - suffix)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_changed_part_is_minimal_and_on_char_boundaries() {
        assert_eq!(changed_part("abcdef", "abXYef"), (2, 4, 4));
        assert_eq!(changed_part("aaa", "aaaa"), (3, 3, 4));
        assert_eq!(changed_part("é1", "è1"), (0, 2, 2));
        assert_eq!(changed_part("same", "same"), (4, 4, 4));
        assert!(under(FIX_ALL, &CodeActionKind::SOURCE) && under(FIX_ALL, &CodeActionKind::SOURCE_FIX_ALL));
        assert!(!under("quickfix", &CodeActionKind::SOURCE) && !under("sourcex", &CodeActionKind::SOURCE));
    }
}
