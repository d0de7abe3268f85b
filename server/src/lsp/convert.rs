//! Conversions at the protocol edge ("`to_proto`" / "`from_proto")`: byte offsets ↔ LSP positions
//! in the negotiated encoding, analysis results → LSP types.

use tower_lsp_server::ls_types as lsp;

use agentls_analysis::completion::{Completion, CompletionKind};
use agentls_analysis::hover::Hover;
use agentls_analysis::index::Span;
use agentls_analysis::text::{ColumnUnit, LineCol, TextRange};
use agentls_analysis::{Diagnostic, Severity, Snapshot};

/// The column unit of an LSP `positionEncoding` (UTF-16 unless UTF-8 or UTF-32 was agreed).
pub fn unit_of(encoding: &lsp::PositionEncodingKind) -> ColumnUnit {
    if *encoding == lsp::PositionEncodingKind::UTF8 {
        ColumnUnit::Utf8
    } else if *encoding == lsp::PositionEncodingKind::UTF32 {
        ColumnUnit::Char
    } else {
        ColumnUnit::Utf16
    }
}

/// LSP position → byte offset in `snap` (clamped to the text).
pub fn offset(snap: &Snapshot, pos: lsp::Position, unit: ColumnUnit) -> usize {
    snap.text.offset(line_col(pos), unit)
}

/// LSP position → [`LineCol`].
pub fn line_col(pos: lsp::Position) -> LineCol {
    LineCol { line: pos.line, col: pos.character }
}

/// Byte offset → LSP position.
pub fn position(snap: &Snapshot, offset: usize, unit: ColumnUnit) -> lsp::Position {
    let lc = snap.text.line_col(offset, unit);
    lsp::Position { line: lc.line, character: lc.col }
}

/// Byte range → LSP range.
pub fn range(snap: &Snapshot, r: TextRange, unit: ColumnUnit) -> lsp::Range {
    lsp::Range { start: position(snap, r.start, unit), end: position(snap, r.end, unit) }
}

/// Index span → LSP range.
pub fn span_range(span: &Span, unit: ColumnUnit) -> lsp::Range {
    let (s, e) = span.line_cols(unit);
    lsp::Range {
        start: lsp::Position { line: s.line, character: s.col },
        end: lsp::Position { line: e.line, character: e.col },
    }
}

/// A path and span → LSP location (`None` when the path has no `file:` URI).
pub fn location(path: &std::path::Path, span: &Span, unit: ColumnUnit) -> Option<lsp::Location> {
    Some(lsp::Location { uri: lsp::Uri::from_file_path(path)?, range: span_range(span, unit) })
}

/// Analysis diagnostic → LSP diagnostic (`source: "agentls"`, code as a string); related
/// information only when the client supports it.
pub fn diagnostic(snap: &Snapshot, d: &Diagnostic, unit: ColumnUnit, related: bool) -> lsp::Diagnostic {
    let severity = match d.severity {
        Severity::Error => lsp::DiagnosticSeverity::ERROR,
        Severity::Warning => lsp::DiagnosticSeverity::WARNING,
        Severity::Information => lsp::DiagnosticSeverity::INFORMATION,
        Severity::Hint => lsp::DiagnosticSeverity::HINT,
    };
    lsp::Diagnostic {
        range: range(snap, d.range, unit),
        severity: Some(severity),
        code: Some(lsp::NumberOrString::String(d.code.to_string())),
        source: Some("agentls".into()),
        message: d.message.clone(),
        data: d
            .fix
            .as_ref()
            .and_then(|hint| serde_json::to_value(hint).ok())
            .map(|fix| serde_json::json!({ "fix": fix })),
        related_information: (related && !d.related.is_empty()).then(|| {
            d.related
                .iter()
                .filter_map(|r| {
                    Some(lsp::DiagnosticRelatedInformation {
                        location: location(&r.path, &r.span, unit)?,
                        message: r.message.clone(),
                    })
                })
                .collect()
        }),
        ..Default::default()
    }
}

/// Analysis completion → LSP `CompletionItem` with a `textEdit` over the typed prefix.
pub fn completion(snap: &Snapshot, c: &Completion, unit: ColumnUnit) -> lsp::CompletionItem {
    let kind = match c.kind {
        CompletionKind::Field => lsp::CompletionItemKind::PROPERTY,
        CompletionKind::Value => lsp::CompletionItemKind::ENUM_MEMBER,
        CompletionKind::Tool => lsp::CompletionItemKind::FUNCTION,
        CompletionKind::Model => lsp::CompletionItemKind::VALUE,
        CompletionKind::Reference => lsp::CompletionItemKind::REFERENCE,
    };
    lsp::CompletionItem {
        label: c.label.clone(),
        kind: Some(kind),
        detail: c.detail.clone(),
        documentation: c.documentation.as_ref().map(|d| {
            lsp::Documentation::MarkupContent(lsp::MarkupContent { kind: lsp::MarkupKind::Markdown, value: d.clone() })
        }),
        filter_text: Some(c.label.clone()),
        text_edit: Some(lsp::CompletionTextEdit::Edit(lsp::TextEdit {
            range: range(snap, c.replace, unit),
            new_text: c.insert_text.clone(),
        })),
        tags: c.deprecated.then(|| vec![lsp::CompletionItemTag::DEPRECATED]),
        ..Default::default()
    }
}

/// Analysis hover → LSP hover (Markdown).
pub fn hover(snap: &Snapshot, h: &Hover, unit: ColumnUnit) -> lsp::Hover {
    lsp::Hover {
        contents: lsp::HoverContents::Markup(lsp::MarkupContent {
            kind: lsp::MarkupKind::Markdown,
            value: h.markdown.clone(),
        }),
        range: Some(range(snap, h.range, unit)),
    }
}
