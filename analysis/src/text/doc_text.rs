//! [`DocText`]: a document's whole text with line lookups — a flat string with its
//! [`LineIndex`] on bulk paths, a [`Rope`] for open documents (edits in O(log n), no copies).
//!
//! This is the one place where byte offsets and (line, column) positions are converted; the
//! protocol edge (`agentls::lsp::convert`) and the CLI's renderer call it.

use std::borrow::Cow;
use std::ops::Range;
use std::sync::Arc;

use ropey::Rope;

use super::line_index::floor_char_boundary;
use super::{ColumnUnit, LineCol, LineIndex, TextRange};

/// A document's text. Cloning is O(1) for both shapes (an `Arc` or ropey's shared nodes).
#[derive(Debug, Clone)]
pub enum DocText {
    /// One string and its line table: `agentls check` and the cold index, which read each file
    /// once and never edit it.
    Flat(Arc<str>, Arc<LineIndex>),
    /// A rope: open documents. ropey is built with `cr_lines` (and without `unicode_lines`), so
    /// its lines end at `\n`, `\r\n` or a lone `\r`: exactly LSP's terminators.
    Rope(Rope),
}

impl DocText {
    /// A flat text (builds its line table in one pass).
    pub fn flat(text: impl Into<Arc<str>>) -> Self {
        let text: Arc<str> = text.into();
        let index = LineIndex::new(&text);
        Self::Flat(text, Arc::new(index))
    }

    /// Length in bytes.
    pub fn len(&self) -> usize {
        match self {
            Self::Flat(t, _) => t.len(),
            Self::Rope(r) => r.len_bytes(),
        }
    }

    /// True for an empty text.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// The largest char boundary `<= offset` (clamped to the text).
    pub fn floor_boundary(&self, offset: usize) -> usize {
        let offset = offset.min(self.len());
        match self {
            Self::Flat(t, _) => floor_char_boundary(t, offset),
            Self::Rope(r) => r.char_to_byte(r.byte_to_char(offset)),
        }
    }

    /// The text of `range`, with both ends clamped to the text and floored to char
    /// boundaries. Borrowed for flat texts and for ropes when the range lies in one chunk.
    pub fn slice(&self, range: TextRange) -> Cow<'_, str> {
        let (a, b) = (self.floor_boundary(range.start), self.floor_boundary(range.end));
        let b = b.max(a);
        match self {
            Self::Flat(t, _) => Cow::Borrowed(&t[a..b]),
            Self::Rope(r) => {
                let s = r.byte_slice(a..b);
                s.as_str().map_or_else(|| Cow::Owned(s.to_string()), Cow::Borrowed)
            }
        }
    }

    /// Number of lines (a text ending in a terminator has an empty last line).
    pub fn line_count(&self) -> usize {
        match self {
            Self::Flat(_, i) => i.line_count(),
            Self::Rope(r) => r.len_lines(),
        }
    }

    /// Zero-based line containing byte `offset` (clamped to the text).
    pub fn line_of(&self, offset: usize) -> usize {
        match self {
            Self::Flat(_, i) => i.line_of(offset),
            Self::Rope(r) => r.byte_to_line(offset.min(r.len_bytes())),
        }
    }

    /// Byte range of line `line` including its terminator; `None` past the end.
    pub fn line_range(&self, line: usize) -> Option<Range<usize>> {
        match self {
            Self::Flat(_, i) => i.line_range(line),
            Self::Rope(r) => {
                (line < r.len_lines()).then(|| r.line_to_byte(line)..r.line_to_byte((line + 1).min(r.len_lines())))
            }
        }
    }

    /// The content range (terminator excluded) of the line holding `offset`.
    pub fn line_content_at(&self, offset: usize) -> TextRange {
        let range = self.line_range(self.line_of(offset)).unwrap_or(self.len()..self.len());
        let line = self.slice(range.clone().into());
        TextRange::new(range.start, range.start + line.trim_end_matches(['\n', '\r']).len())
    }

    /// Converts a byte offset to a line and a column in `unit`. An offset inside a multi-byte
    /// character or past the end is clamped to the character start / the text end.
    pub fn line_col(&self, offset: usize, unit: ColumnUnit) -> LineCol {
        let offset = self.floor_boundary(offset);
        let line = self.line_of(offset);
        let start = self.line_range(line).map_or(0, |r| r.start);
        let col = self.units_before(offset, unit) - self.units_before(start, unit);
        LineCol { line: line as u32, col: col as u32 }
    }

    /// Column units (`unit`) of the characters before byte `at` (a char boundary), from the
    /// start of the text: O(log n) on a rope, O(1) on a flat text (its block table).
    fn units_before(&self, at: usize, unit: ColumnUnit) -> usize {
        match (self, unit) {
            (_, ColumnUnit::Utf8) => at,
            (Self::Flat(t, i), _) => i.units_before(t, at, unit),
            (Self::Rope(r), ColumnUnit::Char) => r.byte_to_char(at),
            (Self::Rope(r), ColumnUnit::Utf16) => r.char_to_utf16_cu(r.byte_to_char(at)),
        }
    }

    /// Converts a line and a column in `unit` back to a byte offset. A column past the end of
    /// the line (terminator excluded) clamps to the line end; a line past the end clamps to the
    /// text end; a UTF-16 column inside a surrogate pair clamps to the character start.
    pub fn offset(&self, pos: LineCol, unit: ColumnUnit) -> usize {
        let Some(range) = self.line_range(pos.line as usize) else { return self.len() };
        let end = self.line_content_at(range.start).end;
        let col = pos.col as usize;
        match (self, unit) {
            (Self::Flat(t, i), _) => i.offset_at_units(t, range.start, end, col, unit),
            (Self::Rope(r), _) => {
                // Characters are counted in O(log n); the column's character is found by
                // converting back, then clamped to the line's content.
                let first = r.byte_to_char(range.start);
                let target = self.units_before(range.start, unit) + col;
                let ch = match unit {
                    ColumnUnit::Utf8 => return self.floor_boundary((range.start + col).min(end)),
                    ColumnUnit::Char => target,
                    ColumnUnit::Utf16 => r.utf16_cu_to_char(target.min(r.len_utf16_cu())),
                };
                r.char_to_byte(ch.clamp(first, r.len_chars())).min(end)
            }
        }
    }

    /// Number of characters from byte `from` to the end (O(log n) on a rope).
    pub fn chars_from(&self, from: usize) -> usize {
        let from = self.floor_boundary(from);
        match self {
            Self::Flat(t, _) => t[from..].chars().count(),
            Self::Rope(r) => r.len_chars() - r.byte_to_char(from),
        }
    }

    /// Byte offset of the character `n` characters after byte `from`, if the text is that long.
    pub fn char_after(&self, from: usize, n: usize) -> Option<usize> {
        let from = self.floor_boundary(from);
        match self {
            Self::Flat(t, _) => t[from..].char_indices().nth(n).map(|(i, _)| from + i),
            Self::Rope(r) => {
                let c = r.byte_to_char(from) + n;
                (c < r.len_chars()).then(|| r.char_to_byte(c))
            }
        }
    }

    /// The whole text as one string (tests and tools; never on the keystroke path).
    pub fn to_text(&self) -> Cow<'_, str> {
        self.slice(TextRange::new(0, self.len()))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Both shapes answer every question alike.
    #[test]
    fn flat_and_rope_agree() {
        let text = "a😀b\r\nc\rd\n\u{feff}é\n\nlast";
        let (flat, rope) = (DocText::flat(text), DocText::Rope(Rope::from_str(text)));
        assert_eq!(flat.line_count(), rope.line_count());
        for off in 0..=text.len() + 2 {
            assert_eq!(flat.line_of(off), rope.line_of(off), "line_of {off}");
            assert_eq!(flat.floor_boundary(off), rope.floor_boundary(off));
            assert_eq!(flat.line_content_at(off), rope.line_content_at(off));
            assert_eq!(flat.chars_from(off), rope.chars_from(off));
            for unit in [ColumnUnit::Utf8, ColumnUnit::Utf16, ColumnUnit::Char] {
                assert_eq!(flat.line_col(off, unit), rope.line_col(off, unit), "{off} {unit:?}");
            }
        }
        for line in 0..8 {
            assert_eq!(flat.line_range(line), rope.line_range(line));
            for col in 0..6 {
                for unit in [ColumnUnit::Utf8, ColumnUnit::Utf16, ColumnUnit::Char] {
                    let p = LineCol { line: line as u32, col };
                    assert_eq!(flat.offset(p, unit), rope.offset(p, unit), "{p:?} {unit:?}");
                }
            }
        }
        for n in 0..20 {
            assert_eq!(flat.char_after(2, n), rope.char_after(2, n));
        }
    }

    /// Lines longer than the flat table's blocks, with characters of every width straddling
    /// block boundaries: both shapes agree with counting from the line start.
    #[test]
    fn long_lines_agree_with_counting() {
        let line: String = (0..3000).map(|i| ["a", "é", "😀", "中", "bc"][i % 5]).collect();
        let text = format!("{line}\r\n{line}\r{line}\n{line}");
        let (flat, rope) = (DocText::flat(text.as_str()), DocText::Rope(Rope::from_str(&text)));
        for (off, _) in text.char_indices().step_by(37).filter(|(_, c)| !matches!(c, '\r' | '\n')) {
            let start = flat.line_range(flat.line_of(off)).unwrap().start;
            let before = &text[start..off];
            for (unit, n) in [
                (ColumnUnit::Utf16, before.encode_utf16().count()),
                (ColumnUnit::Char, before.chars().count()),
                (ColumnUnit::Utf8, before.len()),
            ] {
                let want = LineCol { line: flat.line_of(off) as u32, col: n as u32 };
                assert_eq!(flat.line_col(off, unit), want, "{off} {unit:?}");
                assert_eq!(rope.line_col(off, unit), want, "{off} {unit:?}");
                assert_eq!(flat.offset(want, unit), off, "{off} {unit:?}");
                assert_eq!(rope.offset(want, unit), off, "{off} {unit:?}");
            }
        }
    }

    #[test]
    fn round_trips_and_clamps() {
        let text = "😀a\nb";
        let t = DocText::flat(text);
        assert_eq!(t.offset(LineCol { line: 0, col: 1 }, ColumnUnit::Utf16), 0);
        assert_eq!(t.offset(LineCol { line: 0, col: 99 }, ColumnUnit::Utf16), 5);
        assert_eq!(t.offset(LineCol { line: 9, col: 0 }, ColumnUnit::Utf16), text.len());
        for unit in [ColumnUnit::Utf8, ColumnUnit::Utf16, ColumnUnit::Char] {
            for (off, _) in text.char_indices() {
                assert_eq!(t.offset(t.line_col(off, unit), unit), off);
            }
        }
    }
}
