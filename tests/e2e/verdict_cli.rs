//! `agentls explain`: which consumers read each file and what each makes of it, as a user reads
//! it (text) and as a tool does (`--format json`), narrowed by the project's `consumers`.

use std::process::{Command, Output};

use serde_json::{json, Value};

use crate::support::workspace;

const REVIEWER: &str = "---\nname: reviewer\ndescription: Use when: reviewing diffs\nmemory: forever\n---\nBody\n";
const OPENCODE: &str = "---\ndescription: Reviews.\ncolor: blue\n---\nBody\n";

fn explain(args: &[&str], cwd: &std::path::Path) -> Output {
    Command::new(env!("CARGO_BIN_EXE_agentls")).arg("explain").args(args).current_dir(cwd).output().unwrap()
}

fn json_of(o: &Output) -> Vec<Value> {
    serde_json::from_slice(&o.stdout).unwrap_or_else(|e| panic!("{e}: {}", String::from_utf8_lossy(&o.stdout)))
}

#[test]
fn text_says_what_each_consumer_does_and_why() {
    let ws = workspace(&[(".claude/agents/reviewer.md", REVIEWER), (".opencode/agents/review.md", OPENCODE)]);
    let o = explain(&[".claude/agents/reviewer.md", ".opencode/agents/review.md"], ws.path());
    assert_eq!(o.status.code(), Some(1), "a consumer rejects a file");
    let out = String::from_utf8_lossy(&o.stdout);
    let lines: Vec<&str> = out.lines().collect();
    assert_eq!(lines[0], ".claude/agents/reviewer.md — Claude Code subagent");
    assert_eq!(lines[1], "  Claude Code 2.1.328  loads, `memory` ignored");
    assert!(lines[2].trim_start().starts_with("4:9 warning[bad-enum] `forever` is not a valid `memory`"), "{out}");
    assert_eq!(lines[3], "  VS Code 1.139.1      loads, `memory` ignored");
    assert_eq!(lines[5], "  Copilot CLI 1.0.102  drops it");
    assert!(lines[6].trim_start().starts_with("3:14 warning[yaml-strict]"), "{out}");
    assert!(
        out.contains(".opencode/agents/review.md — OpenCode agent\n  OpenCode 1.18.33  fails its configuration\n"),
        "{out}"
    );
    // A file every consumer loads: exit 0.
    let ok = workspace(&[(".claude/agents/ok.md", "---\nname: ok\ndescription: Fine.\n---\n")]);
    let o = explain(&[".claude/agents/ok.md"], ok.path());
    assert_eq!(o.status.code(), Some(0));
    assert!(String::from_utf8_lossy(&o.stdout).contains("  Copilot CLI 1.0.102  loads\n"));
}

#[test]
fn json_has_one_verdict_per_consumer_with_positions() {
    let ws = workspace(&[(".claude/agents/reviewer.md", REVIEWER)]);
    let v = json_of(&explain(&["--format", "json", ".claude/agents/reviewer.md"], ws.path()));
    assert_eq!(v.len(), 1);
    assert_eq!(
        (&v[0]["path"], &v[0]["dialect"], &v[0]["discovered"]),
        (&json!(".claude/agents/reviewer.md"), &json!("claude-agent"), &json!(true))
    );
    let consumers = v[0]["consumers"].as_array().unwrap();
    let verdicts: Vec<(&str, &str)> =
        consumers.iter().map(|c| (c["consumer"].as_str().unwrap(), c["verdict"].as_str().unwrap())).collect();
    assert_eq!(verdicts, [("claude-code", "loads-ignoring"), ("vscode", "loads-ignoring"), ("copilot-cli", "drops")]);
    let cli = &consumers[2];
    assert_eq!(cli["subjects"], json!(["`description`"]));
    assert_eq!(cli["reasons"][0]["code"], "yaml-strict");
    assert_eq!((&cli["reasons"][0]["line"], &cli["reasons"][0]["column"]), (&json!(3), &json!(14)));
    assert_eq!(consumers[0]["verified"], "2.1.328");
}

#[test]
fn the_project_consumers_narrow_the_verdict_and_isolated_ignores_them() {
    let ws =
        workspace(&[("agentls.toml", "consumers = [\"claude-code\"]\n"), (".claude/agents/reviewer.md", REVIEWER)]);
    let v = json_of(&explain(&["--format", "json", ".claude/agents/reviewer.md"], ws.path()));
    let ids: Vec<&str> =
        v[0]["consumers"].as_array().unwrap().iter().map(|c| c["consumer"].as_str().unwrap()).collect();
    assert_eq!(ids, ["claude-code"]);
    assert_eq!(v[0]["untargeted"], json!(["vscode", "copilot-cli"]));
    let text = explain(&[".claude/agents/reviewer.md"], ws.path());
    assert_eq!(text.status.code(), Some(0), "Claude Code loads it; the Copilot CLI is not targeted");
    assert!(String::from_utf8_lossy(&text.stdout)
        .contains("also read by VS Code, Copilot CLI (not in this project's `consumers`)"));
    let all = json_of(&explain(&["--isolated", "--format", "json", ".claude/agents/reviewer.md"], ws.path()));
    assert_eq!(all[0]["consumers"].as_array().unwrap().len(), 3);
}

#[test]
fn a_file_no_consumer_discovers_is_said_to_be_undiscovered() {
    let ws = workspace(&[("loose/agent.md", "---\nname: loose\ndescription: d\ntools: Read\n---\n")]);
    let v = json_of(&explain(&["--format", "json", "loose/agent.md"], ws.path()));
    assert_eq!((&v[0]["discovered"], &v[0]["consumers"]), (&json!(false), &json!([])));
    let o = explain(&["loose/agent.md"], ws.path());
    assert!(String::from_utf8_lossy(&o.stdout).contains("No consumer discovers this file where it is"));
    assert_eq!(explain(&[], ws.path()).status.code(), Some(2), "a file is required");
    assert_eq!(explain(&["missing.md"], ws.path()).status.code(), Some(2));
}
