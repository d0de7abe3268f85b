//! Position conversion directly on a [`ropey::Rope`], for applying incremental edits without
//! materialising the text.

use ropey::Rope;

use super::{ColumnUnit, LineCol};

/// Byte offset of `pos` in `rope`, clamped like [`super::LineIndex::offset`]: a column past the
/// line end clamps to the end of the line's content, a line past the end to the rope's end.
///
/// ropey is built with `cr_lines` (and without `unicode_lines`), so its lines end at `\n`,
/// `\r\n` or a lone `\r`: exactly LSP's terminators.
pub fn rope_offset(rope: &Rope, pos: LineCol, unit: ColumnUnit) -> usize {
    let line = pos.line as usize;
    if line >= rope.len_lines() {
        return rope.len_bytes();
    }
    let start = rope.line_to_byte(line);
    let slice = rope.line(line);
    let mut remaining = pos.col as usize;
    let mut offset = start;
    for ch in slice.chars() {
        if ch == '\n' || ch == '\r' {
            break;
        }
        let w = match unit {
            ColumnUnit::Utf8 => ch.len_utf8(),
            ColumnUnit::Utf16 => ch.len_utf16(),
            ColumnUnit::Char => 1,
        };
        if remaining < w {
            break;
        }
        remaining -= w;
        offset += ch.len_utf8();
    }
    offset
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::text::LineIndex;

    #[test]
    fn agrees_with_line_index() {
        let text = "a😀b\r\nc\rd\n\u{feff}é";
        let rope = Rope::from_str(text);
        let idx = LineIndex::new(text);
        for line in 0..5 {
            for col in 0..6 {
                for unit in [ColumnUnit::Utf8, ColumnUnit::Utf16, ColumnUnit::Char] {
                    let p = LineCol { line, col };
                    assert_eq!(rope_offset(&rope, p, unit), idx.offset(text, p, unit), "{p:?} {unit:?}");
                }
            }
        }
    }
}
