//! cargo-fuzz target `entry_points`: see `harness::entry_points` (shared with the replay test).
#![no_main]

#[path = "../harness.rs"]
mod harness;

libfuzzer_sys::fuzz_target!(|data: &[u8]| harness::entry_points(data));
