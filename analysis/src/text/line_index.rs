//! [`LineIndex`]: the line starts of one flat text (positions are converted by
//! [`super::DocText`]).
//!
//! Line terminators are those of LSP: `\n`, `\r\n` and a lone `\r`. A `\r\n` pair is one
//! terminator; the `\r` belongs to the line it ends.

/// The unit a column counts in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ColumnUnit {
    /// UTF-8 bytes (LSP `positionEncoding: "utf-8"`).
    Utf8,
    /// UTF-16 code units (LSP's default, `"utf-16"`).
    Utf16,
    /// Unicode scalar values (the CLI's columns, LSP `"utf-32"`).
    Char,
}

/// A zero-based line and a zero-based column in some [`ColumnUnit`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub struct LineCol {
    /// Zero-based line.
    pub line: u32,
    /// Zero-based column, in the unit the conversion was asked for.
    pub col: u32,
}

/// Start offsets of every line of one text.
#[derive(Debug, Clone, Default)]
pub struct LineIndex {
    /// Byte offset at which each line starts; `line_starts[0] == 0`.
    line_starts: Vec<usize>,
    /// Length of the text in bytes.
    len: usize,
}

impl LineIndex {
    /// Builds the table for `text` in one pass.
    pub fn new(text: &str) -> Self {
        let bytes = text.as_bytes();
        let mut line_starts = Vec::with_capacity(bytes.len() / 40 + 1);
        line_starts.push(0);
        for i in memchr::memchr2_iter(b'\n', b'\r', bytes) {
            // `\r\n` is one terminator: the line starts after the `\n`.
            if bytes[i] == b'\r' && bytes.get(i + 1) == Some(&b'\n') {
                continue;
            }
            line_starts.push(i + 1);
        }
        Self { line_starts, len: text.len() }
    }

    /// Number of lines (a text ending in a terminator has an empty last line).
    pub fn line_count(&self) -> usize {
        self.line_starts.len()
    }

    /// Byte range of line `line` including its terminator; `None` past the end.
    pub fn line_range(&self, line: usize) -> Option<std::ops::Range<usize>> {
        let start = *self.line_starts.get(line)?;
        let end = self.line_starts.get(line + 1).copied().unwrap_or(self.len);
        Some(start..end)
    }

    /// Zero-based line containing byte `offset` (clamped to the text).
    pub fn line_of(&self, offset: usize) -> usize {
        let offset = offset.min(self.len);
        self.line_starts.partition_point(|&s| s <= offset) - 1
    }
}

/// Width of `s` in `unit`.
pub(crate) fn column_width(s: &str, unit: ColumnUnit) -> usize {
    match unit {
        ColumnUnit::Utf8 => s.len(),
        ColumnUnit::Utf16 => s.chars().map(char::len_utf16).sum(),
        ColumnUnit::Char => s.chars().count(),
    }
}

/// The largest char boundary `<= offset`.
pub(crate) fn floor_char_boundary(text: &str, mut offset: usize) -> usize {
    while offset > 0 && !text.is_char_boundary(offset) {
        offset -= 1;
    }
    offset
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn terminators_lf_crlf_lone_cr() {
        let text = "a\nb\r\nc\rd";
        let idx = LineIndex::new(text);
        assert_eq!(idx.line_count(), 4);
        assert_eq!(idx.line_of(7), 3);
        assert_eq!(idx.line_of(6), 2);
        assert_eq!(idx.line_of(3), 1);
        assert_eq!(idx.line_range(1), Some(2..5));
    }
}
