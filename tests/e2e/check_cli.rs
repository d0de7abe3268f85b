//! `agentls check` as a user and a CI job run it: output format, JSON shape, exit codes,
//! explicit files, `.gitignore`.

use std::process::{Command, Output};

use serde_json::Value;

use crate::support::workspace;

fn run(args: &[&str], cwd: &std::path::Path) -> Output {
    Command::new(env!("CARGO_BIN_EXE_agentls")).args(args).current_dir(cwd).output().unwrap()
}

fn stdout(o: &Output) -> String {
    String::from_utf8_lossy(&o.stdout).into_owned()
}

#[test]
fn human_output_has_location_source_line_caret_and_summary() {
    let ws = workspace(&[(".claude/agents/a.md", "---\nname: a\ndescription: d\ntools: Read, Docker\n---\n")]);
    let o = run(&["check"], ws.path());
    assert_eq!(o.status.code(), Some(0), "warnings only");
    let out = stdout(&o);
    let expected = "./.claude/agents/a.md:4:14: warning[unknown-tool]: unknown tool `Docker` for Claude Code (did you mean `Bash`?): it is dropped\n  |\n4 | tools: Read, Docker\n  |              ^^^^^^\n";
    assert!(out.starts_with(expected), "{out}");
    assert!(out.ends_with("0 errors, 1 warnings in 1 files (1 files checked)\n"), "{out}");
}

#[test]
fn json_output_and_error_exit_code() {
    let ws = workspace(&[
        (".claude/agents/bad.md", "---\nname: -bad\ndescription: d\n---\n"),
        (".claude/agents/ok.md", "---\nname: ok\ndescription: é ok\n---\n"),
        ("notes/readme.md", "---\nname: -ignored\n---\n"),
    ]);
    let o = run(&["check", "--format", "json", "."], ws.path());
    assert_eq!(o.status.code(), Some(1));
    let v: Vec<Value> = serde_json::from_slice(&o.stdout).unwrap();
    assert_eq!(v.len(), 1, "{v:#?}");
    let d = &v[0];
    assert_eq!(d["path"], "./.claude/agents/bad.md");
    assert_eq!(d["dialect"], "claude-agent");
    assert_eq!(d["severity"], "error");
    assert_eq!(d["code"], "invalid-name");
    assert_eq!(d["range"], serde_json::json!({"start": {"line": 2, "column": 7}, "end": {"line": 2, "column": 11}}));
    assert!(d["message"].as_str().unwrap().contains("-bad"));
}

#[test]
fn unreadable_path_exits_2_and_bad_usage_exits_2() {
    let ws = workspace(&[]);
    let o = run(&["check", "does-not-exist"], ws.path());
    assert_eq!(o.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&o.stderr).contains("does-not-exist"));
    let o = run(&["check", "--format", "xml"], ws.path());
    assert_eq!(o.status.code(), Some(2));
    // `server --stdio` (as vscode-languageclient starts it) is accepted; EOF on stdin ends it.
    let o = Command::new(env!("CARGO_BIN_EXE_agentls"))
        .args(["server", "--stdio"])
        .stdin(std::process::Stdio::null())
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(0), "{}", String::from_utf8_lossy(&o.stderr));
    let o = run(&["--version"], ws.path());
    assert!(stdout(&o).starts_with("agentls "));
    let o = run(&["--help"], ws.path());
    assert!(stdout(&o).contains("check") && stdout(&o).contains("server"));
}

#[test]
fn explicit_file_outside_agent_folders_is_checked_by_content() {
    let ws = workspace(&[
        ("loose/agent.md", "---\nname: loose\ndescription: d\ntools: Read, Grpe\ncolor: blue\n---\n"),
        ("loose/notes.md", "# notes\n"),
    ]);
    let o = run(&["check", "--format", "json", "loose/agent.md", "loose/notes.md"], ws.path());
    let v: Vec<Value> = serde_json::from_slice(&o.stdout).unwrap();
    assert_eq!(v.len(), 1);
    assert_eq!(v[0]["dialect"], "claude-agent");
    assert!(v[0]["message"].as_str().unwrap().contains("did you mean `Grep`"));
    assert!(String::from_utf8_lossy(&o.stderr).contains("notes.md: not an agent definition file"));
    // The same folder walked: neither file is discovered there.
    let o = run(&["check", "loose"], ws.path());
    assert!(stdout(&o).ends_with("0 errors, 0 warnings in 0 files (0 files checked)\n"));
}

#[test]
fn gitignored_files_are_skipped() {
    let ws = workspace(&[
        (".gitignore", "ignored/\n"),
        ("ignored/.claude/agents/a.md", "no frontmatter\n"),
        (".claude/agents/b.md", "no frontmatter\n"),
    ]);
    let o = run(&["check", "--format", "json"], ws.path());
    let v: Vec<Value> = serde_json::from_slice(&o.stdout).unwrap();
    assert_eq!(v.len(), 1);
    assert_eq!(v[0]["path"], "./.claude/agents/b.md");
    assert_eq!(v[0]["code"], "missing-frontmatter");
}

#[test]
fn invalid_utf8_and_binary_files_get_a_diagnostic_not_a_crash() {
    let ws = workspace(&[]);
    let dir = ws.path().join(".claude/agents");
    std::fs::create_dir_all(&dir).unwrap();
    std::fs::write(dir.join("bin.md"), [0xff, 0xfe, 0x00, 0x2d, 0x2d, 0x2d, 0x0a, 0x80]).unwrap();
    let o = run(&["check", "--format", "json"], ws.path());
    assert_eq!(o.status.code(), Some(1));
    let v: Vec<Value> = serde_json::from_slice(&o.stdout).unwrap();
    assert!(v.iter().any(|d| d["code"] == "invalid-utf8"), "{v:#?}");
}
