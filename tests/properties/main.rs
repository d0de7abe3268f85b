//! Property tests (proptest): random edit sequences and position round trips, plus the replay of
//! the fuzzers' seeds and crashes (`fuzz/seeds/*/`) through the same harness as the fuzz targets.
//!
//! - `edits`: `Snapshot::edited` equals a reference model and a fresh snapshot;
//! - `positions`: UTF-8 / UTF-16 / char round trips, `rope_offset` vs `LineIndex::offset`;
//! - `server`: the real `agentls server` over stdio, incremental changes vs a fresh open;
//! - `index`: the same for the workspace index: a workspace of agents that name each other, every
//!   answer of the edited server vs a fresh server (and the regression case);
//! - `replay`: `fuzz/seeds/<target>/*` through `fuzz/harness.rs`.
//!
//! Case counts are fixed (and the seed too, see `strategies::config`); `PROPTEST_CASES` and
//! `PROPTEST_RNG_SEED` override them for a longer soak.

#[path = "../../fuzz/harness.rs"]
mod harness;

#[allow(dead_code)]
#[path = "../e2e/support/lsp_client.rs"]
mod lsp_client;

mod strategies;

mod edits;
mod index;
mod positions;
mod replay;
mod server;
