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
    assert!(out.ends_with("0 errors, 1 warning in 1 file (1 file checked)\n"), "{out}");
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
    assert!(
        String::from_utf8_lossy(&o.stderr).contains("no file checked: nothing under loose matches the discovery rules")
    );
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

fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

const WARNING_ONLY: &str = "---\nname: a\ndescription: d\ntools: Read, Docker\n---\n";
const WITH_ERROR: &str = "---\nname: -b\ndescription: d\n---\n";

#[test]
fn exit_zero_max_warnings_severity_and_quiet_decide_what_is_shown_and_the_status() {
    let ws = workspace(&[(".claude/agents/a.md", WARNING_ONLY)]);
    assert_eq!(run(&["check"], ws.path()).status.code(), Some(0));
    let o = run(&["check", "--max-warnings", "0"], ws.path());
    assert_eq!(o.status.code(), Some(1), "one warning is more than 0");
    assert!(stderr(&o).contains("1 warning shown, more than --max-warnings 0"), "{}", stderr(&o));
    assert_eq!(run(&["check", "--max-warnings", "1"], ws.path()).status.code(), Some(0));
    assert_eq!(run(&["check", "--max-warnings", "0", "--exit-zero"], ws.path()).status.code(), Some(0));
    // `--severity error` hides the warning, and the summary counts what is shown.
    let o = run(&["check", "--severity", "error", "--max-warnings", "0"], ws.path());
    assert_eq!((o.status.code(), stdout(&o).as_str()), (Some(0), "0 errors, 0 warnings in 0 files (1 file checked)\n"));
    // `--quiet`: the findings, no summary.
    let o = run(&["check", "--quiet"], ws.path());
    assert!(stdout(&o).contains("warning[unknown-tool]") && !stdout(&o).contains("checked"), "{}", stdout(&o));

    let ws = workspace(&[(".claude/agents/b.md", WITH_ERROR), ("agentls.toml", "[rules]\nunknown-tool = \"of\"\n")]);
    let o = run(&["check", "--exit-zero"], ws.path());
    assert_eq!(o.status.code(), Some(2), "an invalid configuration is 2 even with --exit-zero");
    assert!(stdout(&o).contains("agentls.toml:2:"), "reported at its line: {}", stdout(&o));
    let o = run(&["check", "--isolated"], ws.path());
    assert_eq!(o.status.code(), Some(1), "--isolated reads no configuration: the agent's error remains");
    assert_eq!(run(&["check", "--isolated", "--exit-zero"], ws.path()).status.code(), Some(0));
}

#[test]
fn config_names_the_configuration_for_every_file() {
    let ws = workspace(&[
        (".claude/agents/a.md", WARNING_ONLY),
        ("ci/strict.toml", "[rules]\nunknown-tool = \"error\"\n"),
        ("agentls.toml", "[rules]\nunknown-tool = \"off\"\n"),
    ]);
    let o = run(&["check", "--format", "json"], ws.path());
    assert_eq!(serde_json::from_slice::<Vec<Value>>(&o.stdout).unwrap().len(), 0, "the nearest file turns it off");
    let o = run(&["check", "--format", "json", "--config", "ci/strict.toml"], ws.path());
    let v: Vec<Value> = serde_json::from_slice(&o.stdout).unwrap();
    assert_eq!((o.status.code(), v[0]["severity"].as_str()), (Some(1), Some("error")));
    let o = run(&["check", "--config", "missing.toml"], ws.path());
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("missing.toml"));
    assert_eq!(run(&["check", "--config", "ci/strict.toml", "--isolated"], ws.path()).status.code(), Some(2));
}

#[test]
fn stdin_is_checked_as_the_stdin_filename() {
    use std::io::Write;
    let ws = workspace(&[]);
    let check = |args: &[&str], input: &str| {
        let mut child = Command::new(env!("CARGO_BIN_EXE_agentls"))
            .args(args)
            .current_dir(ws.path())
            .stdin(std::process::Stdio::piped())
            .stdout(std::process::Stdio::piped())
            .stderr(std::process::Stdio::piped())
            .spawn()
            .unwrap();
        child.stdin.take().unwrap().write_all(input.as_bytes()).unwrap();
        child.wait_with_output().unwrap()
    };
    let o = check(&["check", "--format", "json", "-", "--stdin-filename", ".claude/agents/new.md"], WITH_ERROR);
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
    let v: Vec<Value> = serde_json::from_slice(&o.stdout).unwrap();
    assert_eq!(
        (v[0]["path"].as_str(), v[0]["dialect"].as_str()),
        (Some(".claude/agents/new.md"), Some("claude-agent"))
    );
    // `--stdin-filename` alone reads standard input too; its path decides the dialect.
    let o = check(&["check", "--stdin-filename", "x.prompt.md", "--format", "json"], "---\nmode: agent\n---\n");
    let v: Vec<Value> = serde_json::from_slice(&o.stdout).unwrap();
    assert_eq!((v[0]["dialect"].as_str(), v[0]["code"].as_str()), (Some("copilot-prompt"), Some("deprecated-field")));
    // Without a name, the frontmatter's keys decide.
    let o = check(&["check", "-"], WARNING_ONLY);
    assert!(stdout(&o).starts_with("-:4:14: warning[unknown-tool]"), "{}", stdout(&o));
}

#[test]
fn a_named_folder_is_checked_even_when_gitignore_above_covers_it() {
    let ws = workspace(&[
        (".gitignore", "vendored/\n"),
        ("vendored/.claude/agents/a.md", WITH_ERROR),
        ("vendored/.claude/agents/.gitignore", "skipped.md\n"),
        ("vendored/.claude/agents/skipped.md", "---\nname: -c\ndescription: d\n---\n"),
    ]);
    let o = run(&["check", "--format", "json", "vendored"], ws.path());
    let v: Vec<Value> = serde_json::from_slice(&o.stdout).unwrap();
    let paths: Vec<&str> = v.iter().map(|d| d["path"].as_str().unwrap()).collect();
    assert_eq!(paths, ["vendored/.claude/agents/a.md"], "ignore files inside the folder still apply");
    // From the top, the .gitignore hides both: nothing checked, and agentls says why.
    let o = run(&["check"], ws.path());
    assert!(stdout(&o).ends_with("(0 files checked)\n"));
    assert!(
        stderr(&o).contains("no file checked: 2 agent files under . were skipped because .gitignore or .ignore files cover them; run `agentls check --no-ignore`"),
        "{}",
        stderr(&o)
    );
    let o = run(&["check", "--no-ignore"], ws.path());
    assert!(stdout(&o).ends_with("2 errors, 0 warnings in 2 files (2 files checked)\n"), "{}", stdout(&o));
}

#[test]
fn a_named_file_with_an_indented_or_late_frontmatter_gets_misplaced_frontmatter() {
    let ws = workspace(&[
        ("loose/late.md", "\n\n---\nname: late\ndescription: d\n---\nbody\n"),
        ("loose/indented.md", "  ---\n  name: indented\n  description: d\n  tools: Read\n  ---\n"),
    ]);
    let o = run(&["check", "--format", "json", "loose/late.md", "loose/indented.md"], ws.path());
    let v: Vec<Value> = serde_json::from_slice(&o.stdout).unwrap();
    let got: Vec<(&str, &str, u64)> = v
        .iter()
        .map(|d| {
            (d["path"].as_str().unwrap(), d["code"].as_str().unwrap(), d["range"]["start"]["line"].as_u64().unwrap())
        })
        .collect();
    assert_eq!(got, [("loose/late.md", "misplaced-frontmatter", 3), ("loose/indented.md", "misplaced-frontmatter", 1)]);
    assert!(!stderr(&o).contains("not an agent definition file"), "{}", stderr(&o));
}

#[test]
fn rule_explains_a_code_and_rules_lists_them_all() {
    let ws = workspace(&[]);
    let o = run(&["rules"], ws.path());
    assert_eq!(o.status.code(), Some(0));
    let out = stdout(&o);
    for c in agentls_analysis::codes() {
        let line = out.lines().find(|l| l.split_whitespace().next() == Some(c.code.as_str())).expect(&c.code);
        assert!(line.contains(&c.doc), "{line}");
    }
    let o = run(&["rules", "--format", "json"], ws.path());
    let v: Vec<Value> = serde_json::from_slice(&o.stdout).unwrap();
    assert_eq!(v.len(), agentls_analysis::codes().len());
    assert_eq!(v.iter().find(|r| r["code"] == "unknown-tool").unwrap()["severity"], "warning");

    for c in agentls_analysis::codes() {
        let o = run(&["rule", &c.code], ws.path());
        let out = stdout(&o);
        assert_eq!(o.status.code(), Some(0));
        assert!(out.starts_with(&format!("# {} (", c.code)) && out.contains(&c.doc), "{out}");
        match agentls_analysis::rule_docs::rule_doc(&c.code) {
            Some(d) => assert!(out.contains(d.example.trim_end()) && out.contains("## Fix"), "{out}"),
            None => assert!(out.contains("no documentation yet"), "{out}"),
        }
    }
    let o = run(&["rule", "unknwn-tool"], ws.path());
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("did you mean `unknown-tool`?"), "{}", stderr(&o));
}
