//! Text primitives: byte ranges, line tables, document texts and position encodings.
//!
//! Everything inside agentls works in **byte offsets** into UTF-8 text ([`TextRange`]).
//! Columns in another unit (UTF-16 code units for LSP by default, UTF-8 bytes when negotiated,
//! characters for the CLI) are converted in one place, [`DocText::line_col`] /
//! [`DocText::offset`], called only by the edges.

mod doc_text;
mod edit;
mod line_index;
mod range;
pub mod suggest;

pub use doc_text::DocText;
pub use edit::{apply_change, ByteEdit};
pub use line_index::{ColumnUnit, LineCol, LineIndex};
pub use range::TextRange;
