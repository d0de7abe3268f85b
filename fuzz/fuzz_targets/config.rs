//! cargo-fuzz target `config`: see `harness::config` (shared with the replay test).
#![no_main]

#[path = "../harness.rs"]
mod harness;

libfuzzer_sys::fuzz_target!(|data: &[u8]| harness::config(data));
