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
    /// Column units before every [`BLOCK`] boundary, built on the first column question.
    units: std::sync::OnceLock<Units>,
}

/// Bytes per block of the [`Units`] table: a column costs one lookup and a scan of at most
/// this many bytes, however long its line (one line of 1 MB holding 100,000 findings).
const BLOCK: usize = 1024;

/// For every block boundary `k * BLOCK`: the UTF-16 code units and the characters of all
/// characters that start before it.
#[derive(Debug, Clone, Default)]
struct Units {
    utf16: Vec<usize>,
    chars: Vec<usize>,
}

/// True for the first byte of a UTF-8 sequence.
fn is_lead(b: u8) -> bool {
    b & 0xC0 != 0x80
}

/// Width in `unit` of the character whose first byte is `lead`.
fn lead_width(lead: u8, unit: ColumnUnit) -> usize {
    if unit == ColumnUnit::Utf16 {
        1 + usize::from(lead >= 0xF0)
    } else {
        1
    }
}

impl Units {
    fn new(bytes: &[u8]) -> Self {
        let blocks = bytes.len() / BLOCK + 1;
        let (mut utf16, mut chars) = (Vec::with_capacity(blocks), Vec::with_capacity(blocks));
        let (mut u, mut c) = (0, 0);
        for chunk in bytes.chunks(BLOCK) {
            utf16.push(u);
            chars.push(c);
            for &b in chunk.iter().filter(|&&b| is_lead(b)) {
                c += 1;
                u += lead_width(b, ColumnUnit::Utf16);
            }
        }
        if bytes.len().is_multiple_of(BLOCK) {
            utf16.push(u);
            chars.push(c);
        }
        Self { utf16, chars }
    }

    fn table(&self, unit: ColumnUnit) -> &[usize] {
        if unit == ColumnUnit::Utf16 {
            &self.utf16
        } else {
            &self.chars
        }
    }
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
        Self { line_starts, len: text.len(), units: std::sync::OnceLock::new() }
    }

    fn units(&self, text: &str) -> &Units {
        self.units.get_or_init(|| Units::new(text.as_bytes()))
    }

    /// Column units (`unit`) of the characters of `text` (this index's text) that start before
    /// byte `at`. O(1): a table lookup and a scan of at most [`BLOCK`] bytes.
    pub(crate) fn units_before(&self, text: &str, at: usize, unit: ColumnUnit) -> usize {
        let at = at.min(text.len());
        if unit == ColumnUnit::Utf8 {
            return at;
        }
        let k = at / BLOCK;
        let scanned = text.as_bytes()[k * BLOCK..at].iter().filter(|&&b| is_lead(b));
        self.units(text).table(unit)[k] + scanned.map(|&b| lead_width(b, unit)).sum::<usize>()
    }

    /// The byte offset in `text[from..end]` (`from` a char boundary) where `col` units from
    /// `from` fall: the start of the character holding that column, or `end` when the column
    /// is past it. O(log n) plus a scan of at most about [`BLOCK`] bytes.
    pub(crate) fn offset_at_units(&self, text: &str, from: usize, end: usize, col: usize, unit: ColumnUnit) -> usize {
        if unit == ColumnUnit::Utf8 {
            return floor_char_boundary(text, (from + col).min(end));
        }
        let target = self.units_before(text, from, unit) + col;
        let table = self.units(text).table(unit);
        let k = table.partition_point(|&u| u <= target).saturating_sub(1);
        let mut at = (k * BLOCK).max(from);
        let mut cum = self.units_before(text, at, unit);
        let bytes = text.as_bytes();
        while at < end {
            let b = bytes[at];
            if is_lead(b) {
                let w = lead_width(b, unit);
                if cum + w > target {
                    return at;
                }
                cum += w;
            }
            at += 1;
        }
        end
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
