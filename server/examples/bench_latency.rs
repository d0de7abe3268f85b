//! Keystroke → `publishDiagnostics` latency over the real protocol (not a test): starts the
//! release `agentls server` like an editor does, opens a generated prose subagent
//! (`.claude/agents/prose.md`) of each size, types one character per step — alternately at the
//! end of a body line and inside the `description` — and measures, per keystroke, the time from
//! writing `didChange` to reading the `publishDiagnostics` of that version. That includes
//! everything the server does per keystroke: the rope edit, the snapshot of the new version
//! (frontmatter re-read when touched, line scan of the edited lines), the index update,
//! file-local and cross-file diagnostics, conversion, JSON and the pipe. Also a hover on a
//! second, small document right after a keystroke in the big one. Prints p50 / p99 / max.
//!
//! ```sh
//! cargo build --release && cargo run --release --example bench_latency            # 64K 1M 10M
//! cargo run --release --example bench_latency -- 64K 1M --keystrokes 2000
//! cargo run --release --example bench_latency -- 10M --body          # or --description
//! ```

#[path = "../benches/generate.rs"]
#[allow(dead_code)]
mod generate;
#[path = "../../tests/e2e/support/lsp_client.rs"]
#[allow(dead_code)]
mod lsp_client;

use std::time::Instant;

use lsp_client::{uri, LspClient};

fn percentiles(mut v: Vec<f64>) -> String {
    v.sort_by(f64::total_cmp);
    let p = |q: f64| v[((v.len() as f64 - 1.0) * q).round() as usize];
    format!("p50 {:>8.3} ms  p99 {:>8.3} ms  max {:>8.3} ms  (n={})", p(0.5), p(0.99), v[v.len() - 1], v.len())
}

fn parse_size(s: &str) -> usize {
    let (num, mult) = match s.chars().last() {
        Some('K' | 'k') => (&s[..s.len() - 1], 1 << 10),
        Some('M' | 'm') => (&s[..s.len() - 1], 1 << 20),
        _ => (s, 1),
    };
    num.parse::<usize>().expect("a size such as 64K or 1M") * mult
}

/// Where keystrokes go.
#[derive(Clone, Copy, PartialEq)]
enum Place {
    Body,
    Description,
    Both,
}

fn run(size: usize, keystrokes: usize, place: Place) {
    let dir = tempfile::tempdir().expect("temp dir");
    let root = dir.path();
    std::fs::create_dir_all(root.join(".claude/agents")).unwrap();
    std::fs::create_dir_all(root.join("docs")).unwrap();
    std::fs::write(root.join("docs/style.md"), "# Style\n").unwrap();
    std::fs::write(root.join("docs/notes.md"), "# Notes\n").unwrap();
    let small = "---\nname: planner\ndescription: Plans work.\ntools: Read\n---\nPlan.\n";
    std::fs::write(root.join(".claude/agents/planner.md"), small).unwrap();
    let text = generate::prose_agent(size);
    let path = root.join(".claude/agents/prose.md");
    std::fs::write(&path, &text).unwrap();
    let (big, planner) = (uri(&path), uri(&root.join(".claude/agents/planner.md")));

    let (mut client, _) = LspClient::start(root, &["utf-16"]);
    client.open(&planner, "markdown", 1, small);
    client.diagnostics(&planner, 1);
    let t = Instant::now();
    client.open(&big, "markdown", 1, &text);
    client.diagnostics(&big, 1);
    let open_ms = t.elapsed().as_secs_f64() * 1e3;

    let body_line = text.lines().count() as u32 - 2;
    let body_col = text.lines().nth(body_line as usize).unwrap().chars().count() as u32;
    let (mut keystroke, mut hover) = (Vec::new(), Vec::new());
    for i in 0..keystrokes {
        let version = i as i64 + 2;
        let in_body = match place {
            Place::Body => true,
            Place::Description => false,
            Place::Both => i % 2 == 0,
        };
        let (line, col) = if in_body { (body_line, body_col + i as u32) } else { (2, 13 + i as u32) };
        let t = Instant::now();
        client.change(&big, version, [(line, col), (line, col)], "x");
        if i % 10 == 9 {
            // A hover on the small document right behind a keystroke in the big one.
            let t = Instant::now();
            client.hover(&planner, 3, 8);
            hover.push(t.elapsed().as_secs_f64() * 1e3);
            client.diagnostics(&big, version);
        } else {
            client.diagnostics(&big, version);
            keystroke.push(t.elapsed().as_secs_f64() * 1e3);
        }
    }
    println!("prose agent {} KB (open → first publish {open_ms:.1} ms)", text.len() / 1024);
    println!("  keystroke → publishDiagnostics  {}", percentiles(keystroke));
    println!("  hover on another document        {}", percentiles(hover));
    client.shutdown();
}

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let mut keystrokes = 1000;
    let mut place = Place::Both;
    let mut sizes = Vec::new();
    let mut it = args.iter();
    while let Some(a) = it.next() {
        match a.as_str() {
            "--keystrokes" => keystrokes = it.next().and_then(|n| n.parse().ok()).expect("--keystrokes N"),
            "--body" => place = Place::Body,
            "--description" => place = Place::Description,
            s => sizes.push(parse_size(s)),
        }
    }
    if sizes.is_empty() {
        sizes = vec![64 << 10, 1 << 20, 10 << 20];
    }
    for size in sizes {
        run(size, keystrokes, place);
    }
}
