//! Cold workspace-index benchmark (not a test): indexes a folder the way the server does on
//! `initialized` and prints wall time, files indexed and peak RSS.
//!
//! ```sh
//! cargo run --release --example bench_index -- ../shared/corpus
//! cargo run --release --example bench_index -- --generate 10000
//! ```
//! `--generate N` writes N agent files of realistic shape (Claude subagents, Copilot agents
//! with handoffs, prompts and skills, cross-referencing each other) into a temporary folder
//! first; generation is not timed.

use std::path::PathBuf;
use std::time::Instant;

use agentls::discover::{index_roots, Classifier};

#[path = "../benches/generate.rs"]
#[allow(dead_code)]
mod generate;
use generate::generate;

fn peak_rss_kb() -> u64 {
    std::fs::read_to_string("/proc/self/status")
        .ok()
        .and_then(|s| {
            s.lines().find(|l| l.starts_with("VmHWM:")).and_then(|l| l.split_whitespace().nth(1)?.parse().ok())
        })
        .unwrap_or(0)
}

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let (root, _tmp): (PathBuf, Option<tempfile::TempDir>) = match args.as_slice() {
        [flag, n] if flag == "--generate" => {
            let dir = tempfile::tempdir().expect("temp dir");
            generate(dir.path(), n.parse().expect("a number of files"));
            (dir.path().to_path_buf(), Some(dir))
        }
        [path] => (std::path::absolute(path).expect("path"), None),
        _ => {
            eprintln!("usage: bench_index <folder> | --generate N");
            std::process::exit(2);
        }
    };
    let rss_before = peak_rss_kb();
    let start = Instant::now();
    let index = index_roots(std::slice::from_ref(&root), &Classifier::default());
    let elapsed = start.elapsed();
    println!(
        "indexed {} files in {:.1} ms; peak RSS {:.1} MB (before indexing {:.1} MB); {} definitions",
        index.len(),
        elapsed.as_secs_f64() * 1000.0,
        peak_rss_kb() as f64 / 1024.0,
        rss_before as f64 / 1024.0,
        index.definitions().len()
    );
}
