//! [`TextEdit`] (a replacement of a byte range), applying edits to a text, and the line
//! arithmetic fixes share. Lines end at `\n`, `\r\n` or a lone `\r`, as everywhere in agentls.

use crate::text::TextRange;

/// Replace the bytes of `range` (of the text the fix was computed on) with `new_text`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TextEdit {
    /// Byte range replaced (empty: an insertion).
    pub range: TextRange,
    /// Its replacement.
    pub new_text: String,
}

impl TextEdit {
    /// Replaces `range` with `text`.
    pub fn replace(range: TextRange, text: impl Into<String>) -> Self {
        Self { range, new_text: text.into() }
    }

    /// Inserts `text` at byte `at`.
    pub fn insert(at: usize, text: impl Into<String>) -> Self {
        Self::replace(TextRange::empty(at), text)
    }

    /// Deletes `range`.
    pub fn delete(range: TextRange) -> Self {
        Self::replace(range, "")
    }

    /// True when `self` and `other` cannot both be applied unambiguously: their ranges
    /// overlap, or both insert at (or one replaces from) the same offset.
    pub fn conflicts(&self, other: &TextEdit) -> bool {
        let (a, b) = (self.range, other.range);
        a.start == b.start || (a.start < b.end && b.start < a.end)
    }
}

/// `text` with `edits` applied (their ranges are in `text`; order does not matter). `None` when
/// two edits conflict ([`TextEdit::conflicts`]) or an edit does not lie on char boundaries of
/// `text`: nothing is applied then, never a part.
pub fn apply_edits(text: &str, edits: &[TextEdit]) -> Option<String> {
    let mut sorted: Vec<&TextEdit> = edits.iter().collect();
    sorted.sort_by_key(|e| (e.range.start, e.range.end));
    let mut out = String::with_capacity(text.len() + sorted.iter().map(|e| e.new_text.len()).sum::<usize>());
    let mut at = 0;
    for (i, e) in sorted.iter().enumerate() {
        let ok = e.range.start >= at
            && e.range.end <= text.len()
            && text.is_char_boundary(e.range.start)
            && text.is_char_boundary(e.range.end)
            && !(i > 0 && sorted[i - 1].conflicts(e));
        if !ok {
            return None;
        }
        out.push_str(&text[at..e.range.start]);
        out.push_str(&e.new_text);
        at = e.range.end;
    }
    out.push_str(&text[at..]);
    Some(out)
}

/// The line ending of `text`: that of its first line (`\n` when it has one line).
pub(crate) fn eol(text: &str) -> &'static str {
    match text.find(['\n', '\r']) {
        Some(i) if text[i..].starts_with("\r\n") => "\r\n",
        Some(i) if text.as_bytes()[i] == b'\r' => "\r",
        _ => "\n",
    }
}

/// The start of the line holding byte `offset`.
pub(crate) fn line_start(text: &str, offset: usize) -> usize {
    let offset = offset.min(text.len());
    text.as_bytes()[..offset].iter().rposition(|&b| b == b'\n' || b == b'\r').map_or(0, |i| i + 1)
}

/// The end of the content of the line holding byte `offset` (before its terminator).
pub(crate) fn line_end(text: &str, offset: usize) -> usize {
    let offset = offset.min(text.len());
    text.as_bytes()[offset..].iter().position(|&b| b == b'\n' || b == b'\r').map_or(text.len(), |i| offset + i)
}

/// The start of the line after the one holding byte `offset` (the text's end on the last line).
pub(crate) fn next_line_start(text: &str, offset: usize) -> usize {
    let end = line_end(text, offset);
    match text.as_bytes().get(end) {
        Some(b'\r') if text.as_bytes().get(end + 1) == Some(&b'\n') => end + 2,
        Some(_) => end + 1,
        None => end,
    }
}

/// The whole lines `range` touches, terminators included.
pub(crate) fn whole_lines(text: &str, range: TextRange) -> TextRange {
    let last = if range.end > range.start { range.end - 1 } else { range.end };
    TextRange::new(line_start(text, range.start), next_line_start(text, last))
}

/// The leading spaces and tabs of the line holding byte `offset`.
pub(crate) fn indentation(text: &str, offset: usize) -> &str {
    let start = line_start(text, offset);
    let line = &text[start..line_end(text, start)];
    &line[..line.len() - line.trim_start_matches([' ', '\t']).len()]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn edits_apply_in_any_order_and_refuse_conflicts() {
        let t = "abcdef";
        let edits =
            [TextEdit::replace(TextRange::new(4, 6), "XY"), TextEdit::insert(0, ">"), TextEdit::delete((1..2).into())];
        assert_eq!(apply_edits(t, &edits).as_deref(), Some(">acdXY"));
        let clash = [TextEdit::replace((1..3).into(), "x"), TextEdit::replace((2..4).into(), "y")];
        assert_eq!(apply_edits(t, &clash), None);
        assert_eq!(apply_edits(t, &[TextEdit::insert(2, "a"), TextEdit::insert(2, "b")]), None);
        assert_eq!(apply_edits("é", &[TextEdit::insert(1, "x")]), None);
        assert_eq!(apply_edits(t, &[TextEdit::insert(9, "x")]), None);
    }

    #[test]
    fn lines_and_endings() {
        let t = "a: 1\r\n  b\r\nc";
        assert_eq!(eol(t), "\r\n");
        assert_eq!(eol("x\ny"), "\n");
        assert_eq!(whole_lines(t, (7..8).into()).slice(t), "  b\r\n");
        assert_eq!(whole_lines(t, (11..12).into()).slice(t), "c");
        assert_eq!(indentation(t, 8), "  ");
        assert_eq!((line_start(t, 9), line_end(t, 6), next_line_start(t, 0)), (6, 9, 6));
    }
}
