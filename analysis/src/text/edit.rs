//! Edits: [`ByteEdit`] (what changed, in bytes) and [`apply_change`] (one editor change, in
//! line/column positions, applied to a rope).

use ropey::Rope;

use super::{ColumnUnit, DocText, LineCol, TextRange};

/// One edit between two versions of a text: `old` (bytes of the older text) became `new_len`
/// bytes. Several LSP content changes of one notification merge into one covering edit.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ByteEdit {
    /// Replaced range, in the older text.
    pub old: TextRange,
    /// Length of the replacement in bytes.
    pub new_len: usize,
}

impl ByteEdit {
    /// The single edit that covers `self` followed by `next` (whose range is in the text after
    /// `self`).
    pub fn then(self, next: ByteEdit) -> ByteEdit {
        let (a, b) = (self.old.start, self.old.start + self.new_len); // self's result, new coords
        let (s, e) = (next.old.start, next.old.end);
        let start = a.min(s);
        // Parts of `next` outside `self`'s result map back to the older text unchanged (before
        // it) or shifted by `self`'s growth (after it).
        let old_end = if e > b { e - b + self.old.end } else { self.old.end };
        let new_end = b.max(e) + next.new_len - (e - s);
        ByteEdit { old: TextRange::new(start.min(self.old.start), old_end), new_len: new_end - start }
    }

    /// The change in length (new − old), in bytes.
    pub fn delta(self) -> isize {
        self.new_len as isize - self.old.len() as isize
    }
}

/// Applies one change to `rope`: `range` in `unit` columns (`None` replaces the whole text),
/// replaced by `new_text`. Positions out of range are clamped (never lost or corrupted text);
/// returns the edit in bytes. O(log n + edit).
pub fn apply_change(rope: &mut Rope, range: Option<(LineCol, LineCol)>, new_text: &str, unit: ColumnUnit) -> ByteEdit {
    let old_len = rope.len_bytes();
    let Some((start, end)) = range else {
        *rope = Rope::from_str(new_text);
        return ByteEdit { old: TextRange::new(0, old_len), new_len: new_text.len() };
    };
    let text = DocText::Rope(rope.clone());
    let a = text.offset(start, unit);
    let b = text.offset(end, unit).max(a);
    let (ca, cb) = (rope.byte_to_char(a), rope.byte_to_char(b));
    rope.remove(ca..cb);
    rope.insert(ca, new_text);
    ByteEdit { old: TextRange::new(a, b), new_len: new_text.len() }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn merged_edits_cover_both() {
        // "abcdef": replace "bc" by "X" (→ "aXdef"), then "de" by "YYY" (→ "aXYYYf").
        let e =
            ByteEdit { old: TextRange::new(1, 3), new_len: 1 }.then(ByteEdit { old: TextRange::new(2, 4), new_len: 3 });
        assert_eq!(e, ByteEdit { old: TextRange::new(1, 5), new_len: 4 });
        // A second edit before the first.
        let e =
            ByteEdit { old: TextRange::new(4, 5), new_len: 2 }.then(ByteEdit { old: TextRange::new(0, 1), new_len: 0 });
        assert_eq!(e, ByteEdit { old: TextRange::new(0, 5), new_len: 5 });
    }

    #[test]
    fn changes_clamp_and_keep_the_text() {
        let mut rope = Rope::from_str("a😀b\nc");
        let at = |line, col| LineCol { line, col };
        // Inside the surrogate pair: clamps to the emoji's start.
        let e = apply_change(&mut rope, Some((at(0, 2), at(0, 2))), "x", ColumnUnit::Utf16);
        assert_eq!((rope.to_string(), e), ("ax😀b\nc".to_string(), ByteEdit { old: TextRange::empty(1), new_len: 1 }));
        // Past the end: clamps to the end.
        apply_change(&mut rope, Some((at(9, 0), at(9, 9))), "!", ColumnUnit::Utf16);
        assert_eq!(rope.to_string(), "ax😀b\nc!");
        apply_change(&mut rope, None, "new", ColumnUnit::Utf8);
        assert_eq!(rope.to_string(), "new");
    }
}
