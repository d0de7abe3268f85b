//! Text primitives: byte ranges, line tables and position encodings.
//!
//! Everything inside agentls works in **byte offsets** into UTF-8 text ([`TextRange`]).
//! Columns in another unit (UTF-16 code units for LSP by default, UTF-8 bytes when negotiated,
//! characters for the CLI) exist only at the edges, through [`LineIndex`].

mod line_index;
mod range;
mod rope_pos;

pub use line_index::{ColumnUnit, LineCol, LineIndex};
pub use range::TextRange;
pub use rope_pos::rope_offset;
