//! cargo-fuzz target `fixes`: see `harness::fixes` (shared with the replay test).
#![no_main]

#[path = "../harness.rs"]
mod harness;

libfuzzer_sys::fuzz_target!(|data: &[u8]| harness::fixes(data));
