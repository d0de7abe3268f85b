//! Shared proptest strategies: documents and edit batches made of the characters that break
//! position arithmetic (multi-byte, astral, CRLF, lone CR, BOM, tabs), with positions that are
//! resolved against the current text when the edit is applied (so they land on real lines and
//! columns, inside surrogate pairs and multi-byte characters, past line ends and past the end).

use agentls_analysis::text::{ColumnUnit, LineCol};
use proptest::prelude::*;
use proptest::test_runner::{Config, RngSeed};

use crate::harness::{model_apply, model_lines, model_position, Change, PIECES};

/// `cases` cases from a fixed seed (reproducible runs), unless `PROPTEST_CASES` /
/// `PROPTEST_RNG_SEED` say otherwise (e.g. a longer soak with a new seed). No regression files.
pub fn config(cases: u32, max_shrink_iters: u32) -> Config {
    let base = Config::default();
    Config {
        cases: if std::env::var_os("PROPTEST_CASES").is_some() { base.cases } else { cases },
        rng_seed: match base.rng_seed {
            RngSeed::Random => RngSeed::Fixed(0x00a6_e715),
            fixed @ RngSeed::Fixed(_) => fixed,
        },
        failure_persistence: None,
        max_shrink_iters,
        ..base
    }
}

/// Realistic starting points (pieces alone rarely make a valid frontmatter).
const TEMPLATES: &[&str] = &[
    "---\nname: reviewer\ndescription: Reviews code\ntools: Read, Grep, Docker\nmodel: sonnet\n---\n# Review\nBe terse. Ask @agent-helper.\n",
    "---\r\nname: crlf\r\ndescription: CRLF file\r\ntools: [Read, Bash]\r\n---\r\nBody\r\n",
    "\u{feff}---\nname: bom\ndescription:\tTabs and 😀 and é\nmodel: claude-sonet\n---\n\u{1d11e}\r\n",
    "---\nname: a\ndescription: |\n  Multi\n  line\nhooks:\n  x: [1, 2\n---\n## Sub\n```\n---\n```\n",
    "",
];

/// Characters worth inserting one at a time, besides [`PIECES`].
fn odd_char() -> impl Strategy<Value = char> {
    prop_oneof![
        4 => prop::sample::select(vec!['\r', '\n', '\t', '\u{feff}', 'é', '😀', '\u{10ffff}', '\u{2028}', '\u{85}', ':', '-', ' ']),
        1 => any::<char>(),
    ]
}

/// Text made of pieces and odd characters.
pub fn fragment(max: usize) -> impl Strategy<Value = String> {
    prop::collection::vec(
        prop_oneof![
            3 => prop::sample::select(PIECES).prop_map(str::to_string),
            1 => odd_char().prop_map(String::from),
        ],
        0..max,
    )
    .prop_map(|v| v.concat())
}

/// A starting document: a template, pieces, or both.
pub fn document() -> impl Strategy<Value = String> {
    (prop::sample::select(TEMPLATES), fragment(16), any::<bool>())
        .prop_map(|(t, f, append)| if append { format!("{t}{f}") } else { f })
}

/// A column unit.
pub fn unit() -> impl Strategy<Value = ColumnUnit> {
    prop::sample::select(vec![ColumnUnit::Utf8, ColumnUnit::Utf16, ColumnUnit::Char])
}

/// A position, resolved against the text it applies to.
#[derive(Debug, Clone)]
pub enum Pos {
    /// The position of byte `n % (len + 1)` (floored to a char), its column moved by `jitter`.
    At(u16, i8),
    /// A literal line and column (possibly past the end).
    Raw(u32, u32),
}

pub fn pos() -> impl Strategy<Value = Pos> {
    prop_oneof![
        6 => (any::<u16>(), -1i8..3).prop_map(|(n, j)| Pos::At(n, j)),
        2 => (0u32..12, 0u32..40).prop_map(|(l, c)| Pos::Raw(l, c)),
        1 => (any::<u32>(), any::<u32>()).prop_map(|(l, c)| Pos::Raw(l, c)),
    ]
}

impl Pos {
    pub fn resolve(&self, text: &str, unit: ColumnUnit) -> LineCol {
        match *self {
            Pos::At(n, jitter) => {
                let mut off = n as usize % (text.len() + 1);
                while !text.is_char_boundary(off) {
                    off -= 1;
                }
                let p = model_position(text, off, unit);
                LineCol { line: p.line, col: p.col.saturating_add_signed(i32::from(jitter)) }
            }
            Pos::Raw(line, col) => LineCol { line, col },
        }
    }
}

/// One content change: `None` replaces the whole text (rare).
#[derive(Debug, Clone)]
pub struct ChangeSpec {
    pub range: Option<(Pos, Pos)>,
    pub text: String,
}

pub fn change() -> impl Strategy<Value = ChangeSpec> {
    prop_oneof![
        12 => ((pos(), prop_oneof![2 => Just(None), 3 => pos().prop_map(Some)]), fragment(5)).prop_map(|((s, e), text)| {
            let e = e.unwrap_or_else(|| s.clone());
            ChangeSpec { range: Some((s, e)), text }
        }),
        1 => fragment(12).prop_map(|text| ChangeSpec { range: None, text }),
    ]
}

/// One `didChange`: 1–3 changes in one unit.
pub fn batch() -> impl Strategy<Value = (ColumnUnit, Vec<ChangeSpec>)> {
    (unit(), prop::collection::vec(change(), 1..4))
}

/// Resolves a batch against `model` (each change against the result of the previous, as LSP
/// specifies) and applies it to `model`.
pub fn resolve_batch(specs: &[ChangeSpec], model: &mut String, unit: ColumnUnit) -> Vec<Change> {
    specs
        .iter()
        .map(|s| {
            let range = s.range.as_ref().map(|(a, b)| (a.resolve(model, unit), b.resolve(model, unit)));
            let change = Change { range, text: s.text.clone() };
            model_apply(model, &change, unit);
            change
        })
        .collect()
}

/// Number of lines of `text` under LSP's terminators.
pub fn line_count(text: &str) -> usize {
    model_lines(text).len()
}
