//! cargo-fuzz target `parse_file`: see `harness::parse_file` (shared with the replay test).
#![no_main]

#[path = "../harness.rs"]
mod harness;

libfuzzer_sys::fuzz_target!(|data: &[u8]| harness::parse_file(data));
