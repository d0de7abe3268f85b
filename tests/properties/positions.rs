//! Property 2: positions round-trip through `DocText` in UTF-8, UTF-16 and characters, the flat
//! and the rope shapes agree (ropes apply edits and answer open documents' requests, flat texts
//! answer `check`), and both agree with the reference model, on text with multi-byte and astral
//! characters, CRLF, lone CR, BOM and tabs.

use agentls_analysis::text::{ColumnUnit, DocText, LineCol};
use proptest::prelude::*;

use crate::harness::{model_offset, model_position};
use crate::strategies::{config, fragment, line_count};

const UNITS: [ColumnUnit; 3] = [ColumnUnit::Utf8, ColumnUnit::Utf16, ColumnUnit::Char];

proptest! {
    #![proptest_config(config(384, 1024))]

    #[test]
    fn offsets_round_trip_in_every_unit(text in fragment(40)) {
        let idx = DocText::flat(text.as_str());
        prop_assert_eq!(idx.line_count(), line_count(&text));
        let boundaries: Vec<usize> = text.char_indices().map(|(i, _)| i).chain([text.len()]).collect();
        for &off in &boundaries {
            let per_unit: Vec<LineCol> = UNITS.iter().map(|&u| idx.line_col(off, u)).collect();
            for (k, &unit) in UNITS.iter().enumerate() {
                let lc = per_unit[k];
                prop_assert_eq!(lc, model_position(&text, off, unit), "line_col of {} in {:?}", off, unit);
                // Between the `\r` and `\n` of a CRLF no position exists: it clamps to the line end.
                let inside_crlf = off > 0 && text.as_bytes()[off - 1] == b'\r' && text.as_bytes().get(off) == Some(&b'\n');
                let expected = if inside_crlf { off - 1 } else { off };
                prop_assert_eq!(idx.offset(lc, unit), expected, "round trip of {} via {:?} {:?}", off, unit, lc);
                prop_assert_eq!(idx.line_of(off), lc.line as usize);
            }
            // The line never depends on the unit.
            prop_assert!(per_unit.iter().all(|p| p.line == per_unit[0].line));
        }
        // An offset inside a character floors to its start.
        for off in 0..=text.len() {
            if !text.is_char_boundary(off) {
                let floor = boundaries.iter().rev().find(|&&b| b < off).copied().unwrap();
                for unit in UNITS {
                    prop_assert_eq!(idx.line_col(off, unit), idx.line_col(floor, unit));
                }
            }
        }
    }

    #[test]
    fn rope_and_flat_agree_with_the_model(text in fragment(40), extra in 0u32..4) {
        let idx = DocText::flat(text.as_str());
        let rope = DocText::Rope(ropey::Rope::from_str(&text));
        prop_assert_eq!(rope.line_count(), idx.line_count(), "ropey's lines (cr_lines) are LSP's");
        for line in 0..(idx.line_count() as u32 + 1 + extra) {
            // Every column of the line's content, a few past its end, and a huge one.
            let width = idx.line_range(line as usize).map_or(0, |r| r.len()) as u32;
            for col in (0..=width + 2).chain([u32::MAX]) {
                let p = LineCol { line, col };
                for unit in UNITS {
                    let a = idx.offset(p, unit);
                    prop_assert_eq!(rope.offset(p, unit), a, "rope vs flat at {:?} {:?}", p, unit);
                    prop_assert_eq!(model_offset(&text, p, unit), a, "model vs flat at {:?} {:?}", p, unit);
                    prop_assert!(text.is_char_boundary(a));
                    // Clamping is idempotent: the clamped position maps to the same offset.
                    let back = idx.line_col(a, unit);
                    prop_assert_eq!(rope.line_col(a, unit), back);
                    prop_assert_eq!(idx.offset(back, unit), a);
                    prop_assert!(back.line <= p.line);
                }
            }
        }
    }
}
