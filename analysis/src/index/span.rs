//! [`Span`]: a byte range with precomputed line data, so the index can answer LSP positions
//! (UTF-8 or UTF-16) for files whose text it does not keep.

use crate::text::{ColumnUnit, DocText, LineCol, TextRange};

/// One end of a span.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash)]
pub struct SpanPos {
    /// Zero-based line.
    pub line: u32,
    /// Byte offset of that line's start.
    pub line_start: u32,
    /// Column in UTF-16 code units.
    pub col16: u32,
}

/// A byte range plus both ends' line data.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash)]
pub struct Span {
    /// Byte range in the file.
    pub range: TextRange,
    /// Start.
    pub start: SpanPos,
    /// End.
    pub end: SpanPos,
}

impl Span {
    /// Builds a span of `range` in `text`.
    pub fn new(text: &DocText, range: TextRange) -> Self {
        let pos = |off: usize| {
            let lc = text.line_col(off, ColumnUnit::Utf16);
            let line_start = text.line_range(lc.line as usize).map_or(0, |r| r.start) as u32;
            SpanPos { line: lc.line, line_start, col16: lc.col }
        };
        Self { range, start: pos(range.start), end: pos(range.end) }
    }

    /// The ends as line/column in `unit` (UTF-8 or UTF-16; `Char` is answered in UTF-16,
    /// which equals characters for BMP text).
    pub fn line_cols(&self, unit: ColumnUnit) -> (LineCol, LineCol) {
        let f = |p: SpanPos, off: usize| LineCol {
            line: p.line,
            col: match unit {
                ColumnUnit::Utf8 => off as u32 - p.line_start,
                _ => p.col16,
            },
        };
        (f(self.start, self.range.start), f(self.end, self.range.end))
    }
}
