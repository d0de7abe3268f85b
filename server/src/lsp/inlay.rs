//! `textDocument/inlayHint` and `inlayHint/resolve`: model aliases resolved and the effective
//! tool set of a Claude subagent ([`agentls_analysis::inlay`]), in the negotiated encoding.
//! When the client resolves tooltips lazily (`inlayHint.resolveSupport.properties` has
//! `tooltip`), hints go out without them and `inlayHint/resolve` adds the one asked for.

use serde_json::json;
use tower_lsp_server::ls_types::{
    self as lsp, InlayHint, InlayHintLabel, InlayHintTooltip, MarkupContent, MarkupKind, Uri,
};

use super::convert;
use super::state::State;
use agentls_analysis::text::TextRange;
use agentls_analysis::Snapshot;

/// `textDocument/inlayHint` over `range`.
pub fn inlay_hints(state: &State, snap: &Snapshot, uri: &Uri, range: lsp::Range) -> Option<Vec<InlayHint>> {
    let unit = state.unit();
    let bytes = TextRange::new(convert::offset(snap, range.start, unit), convert::offset(snap, range.end, unit));
    let lazy = state.flags().inlay_hint_resolve_tooltip;
    let hints: Vec<InlayHint> = agentls_analysis::inlay::inlay_hints(snap, bytes)
        .into_iter()
        .map(|h| {
            let position = convert::position(snap, h.offset, unit);
            InlayHint {
                position,
                label: InlayHintLabel::String(h.label),
                kind: None,
                text_edits: None,
                tooltip: (!lazy).then(|| tooltip(h.tooltip)),
                padding_left: Some(true),
                padding_right: None,
                data: lazy.then(|| json!({"uri": uri.as_str(), "position": position})),
            }
        })
        .collect();
    (!hints.is_empty()).then_some(hints)
}

fn tooltip(markdown: String) -> InlayHintTooltip {
    InlayHintTooltip::MarkupContent(MarkupContent { kind: MarkupKind::Markdown, value: markdown })
}

/// `inlayHint/resolve`: the hint with its tooltip, recomputed from the newest version of its
/// document (the hint at the same position). A hint that no longer exists comes back unchanged.
pub fn resolve(state: &State, mut hint: InlayHint) -> InlayHint {
    let Some(data) = hint.data.as_ref() else { return hint };
    let Some(uri) = data.get("uri").and_then(|u| u.as_str()).and_then(|u| u.parse::<Uri>().ok()) else {
        return hint;
    };
    let Some(snap) = state.snapshot(&uri) else { return hint };
    let unit = state.unit();
    let offset = convert::offset(&snap, hint.position, unit);
    let found =
        agentls_analysis::inlay::inlay_hints(&snap, TextRange::empty(offset)).into_iter().find(|h| h.offset == offset);
    if let Some(h) = found {
        hint.tooltip = Some(tooltip(h.tooltip));
    }
    hint
}
