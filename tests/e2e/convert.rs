//! `agentls convert` as a user runs it: where the file goes, what the report lists, `--stdout`,
//! `--dry-run`, never overwriting without `--force`, and clear refusals.

use std::path::Path;
use std::process::{Command, Output};

use crate::support::workspace;

fn run(args: &[&str], cwd: &Path) -> Output {
    Command::new(env!("CARGO_BIN_EXE_agentls")).args(args).current_dir(cwd).output().unwrap()
}

fn out(o: &Output) -> (String, String) {
    (String::from_utf8_lossy(&o.stdout).into_owned(), String::from_utf8_lossy(&o.stderr).into_owned())
}

const REVIEWER: &str = "---\nname: code-reviewer\ndescription: Reviews changed code. Use proactively after every change.\ntools: Read, Grep, Glob, Bash, Agent(test-writer)\nmodel: claude-opus-4-5\npermissionMode: acceptEdits\ncolor: green\n---\n\nYou are a senior code reviewer.\n";

#[test]
fn a_claude_subagent_becomes_a_copilot_agent_where_vs_code_finds_it() {
    let ws = workspace(&[(".claude/agents/code-reviewer.md", REVIEWER)]);
    let o = run(&["convert", ".claude/agents/code-reviewer.md", "--to", "copilot-agent"], ws.path());
    let (stdout, stderr) = out(&o);
    assert_eq!(o.status.code(), Some(0), "{stderr}");
    assert_eq!(
        stdout,
        "wrote .github/agents/code-reviewer.agent.md (agent `code-reviewer`)\n\
         no equivalent (left out):\n  \
         permissionMode: `permissionMode` has no equivalent in VS Code / Copilot custom agent\n  \
         color: `color` has no equivalent in VS Code / Copilot custom agent\n"
    );
    let written = std::fs::read_to_string(ws.path().join(".github/agents/code-reviewer.agent.md")).unwrap();
    assert_eq!(
        written,
        "---\nname: code-reviewer\ndescription: Reviews changed code. Use proactively after every change.\ntools:\n  - read/readFile\n  - search/textSearch\n  - search/fileSearch\n  - search/listDirectory\n  - execute/runInTerminal\n  - execute/getTerminalOutput\n  - agent\nagents:\n  - test-writer\nmodel: Claude Opus 4.5 (copilot)\n---\n\nYou are a senior code reviewer.\n"
    );
    // The converted agent is clean for VS Code: `agentls check` finds no error or warning in it
    // but the unknown subagent (nothing defines `test-writer` here).
    let o = run(&["check", "--format", "json", ".github/agents/code-reviewer.agent.md"], ws.path());
    let v: Vec<serde_json::Value> = serde_json::from_slice(&o.stdout).unwrap();
    let codes: Vec<&str> = v.iter().filter(|d| d["severity"] != "hint").map(|d| d["code"].as_str().unwrap()).collect();
    assert_eq!(codes, ["unknown-agent-ref"], "{v:#?}");
}

#[test]
fn an_existing_file_is_kept_unless_forced_and_stdout_and_dry_run_write_nothing() {
    let ws = workspace(&[
        (".claude/agents/code-reviewer.md", REVIEWER),
        (".opencode/agents/code-reviewer.md", "---\ndescription: mine\n---\nkeep me\n"),
    ]);
    let target = ws.path().join(".opencode/agents/code-reviewer.md");
    let o = run(&["convert", ".claude/agents/code-reviewer.md", "--to", "opencode-agent"], ws.path());
    assert_eq!(o.status.code(), Some(1));
    assert!(
        out(&o).1.contains(".opencode/agents/code-reviewer.md exists; not overwritten (use --force"),
        "{}",
        out(&o).1
    );
    assert_eq!(std::fs::read_to_string(&target).unwrap(), "---\ndescription: mine\n---\nkeep me\n");

    let o = run(&["convert", ".claude/agents/code-reviewer.md", "--to", "opencode-agent", "--stdout"], ws.path());
    let (stdout, stderr) = out(&o);
    assert_eq!(o.status.code(), Some(0));
    assert!(stdout.starts_with("---\ndescription: Reviews changed code."), "{stdout}");
    assert!(stdout.contains("permission:\n  \"*\": deny\n  read: allow\n  grep: allow\n  glob: allow\n  list: allow\n  bash: allow\n  task:\n    \"*\": deny\n    test-writer: allow\n"), "{stdout}");
    assert!(stdout.contains("model: anthropic/claude-opus-4-5\n"), "{stdout}");
    assert!(stderr.starts_with("converted .opencode/agents/code-reviewer.md (agent `code-reviewer`)\n"), "{stderr}");

    let o = run(&["convert", ".claude/agents/code-reviewer.md", "--to", "opencode-agent", "--dry-run"], ws.path());
    assert!(out(&o).0.starts_with("would write .opencode/agents/code-reviewer.md"), "{}", out(&o).0);
    assert_eq!(std::fs::read_to_string(&target).unwrap(), "---\ndescription: mine\n---\nkeep me\n");

    let o = run(&["convert", ".claude/agents/code-reviewer.md", "--to", "opencode-agent", "--force"], ws.path());
    assert_eq!(o.status.code(), Some(0), "{}", out(&o).1);
    assert!(std::fs::read_to_string(&target).unwrap().ends_with("\nYou are a senior code reviewer.\n"));
}

#[test]
fn handoffs_become_subagents_and_the_report_says_so() {
    let planner = "---\nname: planner\ndescription: Plans.\ntools: ['search', 'web/fetch']\nhandoffs:\n  - label: Implement\n    agent: implementer\n    prompt: Go.\n---\nPlan.\n";
    let ws = workspace(&[(".github/agents/planner.agent.md", planner)]);
    let o = run(&["convert", ".github/agents/planner.agent.md", "--to", "claude-agent", "--stdout"], ws.path());
    let (stdout, stderr) = out(&o);
    assert_eq!(
        stdout,
        "---\nname: planner\ndescription: Plans.\ntools: \"Grep, Glob, WebFetch, Agent(implementer)\"\n---\nPlan.\n"
    );
    assert!(stderr.contains("handoffs: handoff \"Implement\" to `implementer`: Claude Code has no handoff buttons; it may run it as a subagent instead (label and prompt dropped)"), "{stderr}");
    assert!(stderr.contains("tools: `search` is read as the tools Grep, Glob"), "{stderr}");
}

#[test]
fn files_that_cannot_be_converted_are_refused_with_a_reason() {
    let ws = workspace(&[
        (".claude/agents/a.md", "---\nname: a\ndescription: d\n---\n"),
        (".claude/skills/s/SKILL.md", "---\nname: s\ndescription: d\n---\n"),
        ("notes.md", "# notes\n"),
    ]);
    for (file, to, message) in [
        (".claude/agents/a.md", "claude-agent", "the file is already a Claude Code subagent"),
        (".claude/skills/s/SKILL.md", "copilot-agent", "not an agent definition file"),
        ("notes.md", "copilot-agent", "not an agent definition file"),
        ("missing.md", "copilot-agent", "cannot read missing.md"),
    ] {
        let o = run(&["convert", file, "--to", to], ws.path());
        assert_eq!(o.status.code(), Some(2), "{file}");
        assert!(out(&o).1.contains(message), "{file}: {}", out(&o).1);
    }
    let o = run(&["convert", ".claude/agents/a.md", "--to", "gemini-agent"], ws.path());
    assert_eq!(o.status.code(), Some(2), "clap rejects an unknown dialect");
}
