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

use std::path::{Path, PathBuf};
use std::time::Instant;

use agentls::discover::{index_roots, PluginCache};

fn peak_rss_kb() -> u64 {
    std::fs::read_to_string("/proc/self/status")
        .ok()
        .and_then(|s| {
            s.lines().find(|l| l.starts_with("VmHWM:")).and_then(|l| l.split_whitespace().nth(1)?.parse().ok())
        })
        .unwrap_or(0)
}

/// Writes `n` agent files under `root`.
pub fn generate(root: &Path, n: usize) {
    let body = "You are a specialist. Follow the checklist below.\n\n## Checklist\n\n- Read the code\n- Run the tests\n- Report findings with file and line\n\nUse the reviewer-0 agent when done. See [guide](../../docs/guide.md).\n".repeat(8);
    for i in 0..n {
        let (rel, text) = match i % 4 {
            0 => (
                format!(".claude/agents/group-{}/agent-{i}.md", i / 500),
                format!("---\nname: agent-{i}\ndescription: Handles task {i}. Use proactively for area {}.\ntools: Read, Grep, Glob, Bash, Agent(agent-{})\nmodel: sonnet\ncolor: blue\nskills: [skill-{}]\n---\n{body}", i % 17, (i + 4) % n, (i / 4) * 4 + 3),
            ),
            1 => (
                format!(".github/agents/agent-{i}.agent.md"),
                format!("---\nname: agent-{i}\ndescription: Plans step {i}.\ntools: ['search', 'edit', 'agent']\nmodel: Claude Sonnet 4.5 (copilot)\nhandoffs:\n  - label: Next\n    agent: agent-{}\n    prompt: Continue\n---\n{body}", (i + 4) % n),
            ),
            2 => (format!(".github/prompts/prompt-{i}.prompt.md"), format!("---\nagent: agent-{}\ndescription: Runs step {i}.\n---\n{body}", (i / 4) * 4 + 1)),
            _ => (format!(".claude/skills/skill-{i}/SKILL.md"), format!("---\nname: skill-{i}\ndescription: Skill {i}.\n---\n{body}")),
        };
        let p = root.join(rel);
        std::fs::create_dir_all(p.parent().unwrap()).unwrap();
        std::fs::write(p, text).unwrap();
    }
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
    let index = index_roots(std::slice::from_ref(&root), &PluginCache::default());
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
