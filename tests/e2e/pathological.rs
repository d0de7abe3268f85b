//! Pathological inputs: each must end with a clear diagnostic or error message — never a panic,
//! an abort or a hang. The time bound is a hang guard (the process is killed after it), not a
//! speed assertion: speed is measured by the benchmarks.

use std::path::Path;
use std::process::{Command, Output, Stdio};
use std::time::{Duration, Instant};

use serde_json::Value;

use crate::support::lsp_client::{uri, LspClient};

/// Generous hang guard for debug builds on a loaded 2-core machine.
const GUARD: Duration = Duration::from_secs(120);

fn check(args: &[&str], cwd: &Path) -> Output {
    let mut child = Command::new(env!("CARGO_BIN_EXE_agentls"))
        .args(args)
        .current_dir(cwd)
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let start = Instant::now();
    // Drain stdout on a thread so a large output cannot block the child.
    let mut stdout = child.stdout.take().unwrap();
    let reader = std::thread::spawn(move || {
        let mut buf = Vec::new();
        std::io::Read::read_to_end(&mut stdout, &mut buf).unwrap();
        buf
    });
    loop {
        if let Some(status) = child.try_wait().unwrap() {
            let mut stderr = Vec::new();
            std::io::Read::read_to_end(child.stderr.as_mut().unwrap(), &mut stderr).unwrap();
            return Output { status, stdout: reader.join().unwrap(), stderr };
        }
        if start.elapsed() > GUARD {
            let _ = child.kill();
            panic!("agentls {args:?} did not finish within {GUARD:?}");
        }
        std::thread::sleep(Duration::from_millis(20));
    }
}

fn json(o: &Output) -> Vec<Value> {
    serde_json::from_slice(&o.stdout).unwrap_or_else(|e| panic!("{e}: {}", String::from_utf8_lossy(&o.stderr)))
}

fn agents_dir() -> tempfile::TempDir {
    let ws = tempfile::tempdir().unwrap();
    std::fs::create_dir_all(ws.path().join(".claude/agents")).unwrap();
    ws
}

fn big_body() -> String {
    let para = format!(
        "Use the helper agent. See [x](./x.md). @agent-helper\n{}\n",
        "Lorem ipsum dolor sit amet. ".repeat(40)
    );
    para.repeat(10 * 1024 * 1024 / para.len() + 1)
}

#[test]
fn ten_megabyte_agent_file() {
    let ws = agents_dir();
    let text = format!("---\nname: big\ndescription: d\ntools: Read, Docker\n---\n{}", big_body());
    assert!(text.len() > 10 * 1024 * 1024);
    std::fs::write(ws.path().join(".claude/agents/big.md"), &text).unwrap();
    let o = check(&["check", "--format", "json", "."], ws.path());
    let all = json(&o);
    assert!(all.iter().any(|d| d["code"] == "unknown-tool"));
    assert!(all.iter().any(|d| d["code"] == "broken-link"));

    // In the server: the big file is opened and edited; a small file still gets answers.
    let (mut c, _) = LspClient::start(ws.path(), &["utf-16"]);
    let big = uri(&ws.path().join(".claude/agents/big.md"));
    c.open(&big, "markdown", 1, &text);
    c.change(&big, 2, [(3, 13), (3, 19)], "Bash");
    let small = uri(&ws.path().join(".claude/agents/small.md"));
    c.open(&small, "markdown", 1, "---\nname: small\ndescription: d\nmodel: opus\n---\n");
    let h = c.hover(&small, 3, 8);
    assert!(h["contents"]["value"].as_str().unwrap().contains("opus"));
    let d = c.diagnostics(&big, 2);
    assert!(!d.iter().any(|x| x["code"] == "unknown-tool"), "the edit removed Docker");
    c.shutdown();
}

#[test]
fn hundred_thousand_line_frontmatter() {
    let ws = agents_dir();
    let mut text = String::from("---\nname: long\ndescription: d\n");
    for i in 0..100_000 {
        text.push_str(&format!("key{i}: value {i}\n"));
    }
    text.push_str("---\nbody\n");
    std::fs::write(ws.path().join(".claude/agents/long.md"), &text).unwrap();
    let o = check(&["check", "--format", "json", "."], ws.path());
    let unknown: Vec<_> = json(&o).into_iter().filter(|d| d["code"] == "unknown-field").collect();
    // The first 1,000 are listed; the rest fold into one finding at the 1,001st key.
    assert_eq!(unknown.len(), 1001);
    let summary = &unknown[1000];
    assert_eq!(summary["message"], "… and 99000 more `unknown-field` findings in this file, from here on (not listed)");
    assert_eq!(summary["range"]["start"]["line"], 1004, "{summary}"); // key1000, 1-based
}

#[test]
fn deeply_nested_yaml_and_alias_bomb() {
    let ws = agents_dir();
    let dir = ws.path().join(".claude/agents");
    let flow = format!("---\nname: flow\ndescription: d\nx: {}{}\n---\n", "[".repeat(100_000), "]".repeat(100_000));
    let mut block = String::from("---\nname: block\ndescription: d\nx:\n");
    for i in 0..2_000 {
        block.push_str(&format!("{}k{i}:\n", " ".repeat(i + 1)));
    }
    block.push_str("---\n");
    let dashes = format!("---\nname: dashes\ndescription: d\nx:\n{}a\n---\n", "- ".repeat(5_000));
    let mut bomb =
        String::from("---\nname: bomb\ndescription: d\na: &a [lol, lol, lol, lol, lol, lol, lol, lol, lol]\n");
    for i in 0..8u8 {
        let (me, prev) = ((b'b' + i) as char, (b'a' + i) as char);
        bomb.push_str(&format!("{me}: &{me} [{}]\n", vec![format!("*{prev}"); 9].join(", ")));
    }
    bomb.push_str("model: nope\n---\n");
    for (name, text) in [("flow.md", &flow), ("block.md", &block), ("dashes.md", &dashes), ("bomb.md", &bomb)] {
        std::fs::write(dir.join(name), text).unwrap();
    }
    let o = check(&["check", "--format", "json", "."], ws.path());
    let all = json(&o);
    let of = |f: &str| {
        all.iter()
            .filter(|d| d["path"].as_str().unwrap().ends_with(f))
            .map(|d| d["code"].as_str().unwrap().to_string())
            .collect::<Vec<_>>()
    };
    assert!(of("bomb.md").contains(&"unknown-model".to_string()), "{all:#?}");
    // The nested ones are reported as unknown fields (`x`), never crash.
    for f in ["flow.md", "block.md", "dashes.md"] {
        assert!(of(f).contains(&"unknown-field".to_string()), "{f}: {:?}", of(f));
    }
}

#[test]
fn binary_unreadable_looping_and_misnamed_entries() {
    let ws = agents_dir();
    let dir = ws.path().join(".claude/agents");
    std::fs::write(dir.join("binary.md"), (0..=255u8).cycle().take(64 * 1024).collect::<Vec<u8>>()).unwrap();
    std::fs::create_dir_all(dir.join("folder.agent.md")).unwrap();
    std::os::unix::fs::symlink("loop-b.md", dir.join("loop-a.md")).unwrap();
    std::os::unix::fs::symlink("loop-a.md", dir.join("loop-b.md")).unwrap();
    let fifo = dir.join("fifo.md");
    assert!(Command::new("mkfifo").arg(&fifo).status().unwrap().success());

    // Walking: the FIFO, the loop and the folder are skipped; the binary file gets a diagnostic.
    let o = check(&["check", "--format", "json", "."], ws.path());
    let all = json(&o);
    assert!(all.iter().any(|d| d["code"] == "invalid-utf8" && d["path"].as_str().unwrap().ends_with("binary.md")));
    assert!(all
        .iter()
        .all(|d| !d["path"].as_str().unwrap().contains("fifo") && !d["path"].as_str().unwrap().contains("loop")));

    // Named explicitly: a clear error and exit status 2, no hang.
    for name in ["fifo.md", "loop-a.md"] {
        let o = check(&["check", &format!(".claude/agents/{name}")], ws.path());
        assert_eq!(o.status.code(), Some(2), "{name}");
        assert!(String::from_utf8_lossy(&o.stderr).contains(name));
    }
    let o = check(&["check", ".claude/agents/folder.agent.md"], ws.path());
    assert_eq!(o.status.code(), Some(0));
}
