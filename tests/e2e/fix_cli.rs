//! `agentls check --fix`, `--unsafe-fixes` and `--diff` as a user and a CI job run them: what is
//! written, what is left alone, exit statuses, the summary line, standard input.

use std::os::unix::fs::MetadataExt;
use std::path::Path;
use std::process::{Command, Output, Stdio};

use crate::support::workspace;

fn run(args: &[&str], cwd: &Path) -> Output {
    Command::new(env!("CARGO_BIN_EXE_agentls")).args(args).current_dir(cwd).output().unwrap()
}

fn read(dir: &Path, rel: &str) -> String {
    std::fs::read_to_string(dir.join(rel)).unwrap()
}

/// The inode of a file: an atomic rewrite gives it a new one.
fn inode(dir: &Path, rel: &str) -> u64 {
    std::fs::metadata(dir.join(rel)).unwrap().ino()
}

const AGENT: &str = ".claude/agents/a.md";
const MIXED: &str = "---\nname: a\ndescription: Runs CI: make all\ntools: Read, Grpe, MultiEdit\n---\nBody.\n";

#[test]
fn fix_applies_the_safe_fixes_and_says_what_remains() {
    let ws = workspace(&[(AGENT, MIXED), (".claude/agents/ok.md", "---\nname: ok\ndescription: Fine.\n---\n")]);
    let untouched = inode(ws.path(), ".claude/agents/ok.md");
    let o = run(&["check", "--fix"], ws.path());
    let out = String::from_utf8_lossy(&o.stdout);
    assert_eq!(o.status.code(), Some(0), "only a warning remains: {out}");
    assert_eq!(
        read(ws.path(), AGENT),
        "---\nname: a\ndescription: 'Runs CI: make all'\ntools: Read, Grpe, Edit\n---\nBody.\n"
    );
    assert!(out.contains("warning[unknown-tool]"), "{out}");
    assert!(
        out.ends_with("Fixed 2 findings in 1 file; 1 finding remains. 1 more can be fixed with --unsafe-fixes.\n"),
        "{out}"
    );
    assert_eq!(inode(ws.path(), ".claude/agents/ok.md"), untouched, "a file with nothing to fix is not rewritten");
    // Idempotent: nothing left to fix safely.
    let again = run(&["check", "--fix"], ws.path());
    assert!(String::from_utf8_lossy(&again.stdout).contains("Nothing to fix; 1 finding remains."));
}

#[test]
fn unsafe_fixes_apply_the_guesses_too() {
    let ws = workspace(&[(AGENT, MIXED)]);
    let o = run(&["check", "--unsafe-fixes"], ws.path());
    assert_eq!(o.status.code(), Some(0), "{}", String::from_utf8_lossy(&o.stdout));
    assert_eq!(
        read(ws.path(), AGENT),
        "---\nname: a\ndescription: 'Runs CI: make all'\ntools: Read, Grep, Edit\n---\nBody.\n"
    );
    assert!(String::from_utf8_lossy(&o.stdout).ends_with("Fixed 3 findings in 1 file; 0 findings remain.\n"));
}

#[test]
fn diff_prints_without_writing_and_exits_1_when_something_would_change() {
    let ws = workspace(&[(AGENT, MIXED)]);
    let before = inode(ws.path(), AGENT);
    let o = run(&["check", "--diff"], ws.path());
    assert_eq!(o.status.code(), Some(1));
    let diff = String::from_utf8_lossy(&o.stdout);
    let expected = "--- a/.claude/agents/a.md\n+++ b/.claude/agents/a.md\n@@ -1,6 +1,6 @@\n ---\n name: a\n-description: Runs CI: make all\n-tools: Read, Grpe, MultiEdit\n+description: 'Runs CI: make all'\n+tools: Read, Grpe, Edit\n ---\n Body.\n";
    assert_eq!(diff, expected);
    assert!(String::from_utf8_lossy(&o.stderr).contains("Would fix 2 findings in 1 file"));
    assert_eq!((read(ws.path(), AGENT), inode(ws.path(), AGENT)), (MIXED.to_string(), before));
    let clean = workspace(&[(AGENT, "---\nname: a\ndescription: Fine.\n---\n")]);
    let o = run(&["check", "--diff"], clean.path());
    assert_eq!((o.status.code(), o.stdout.is_empty()), (Some(0), true));
}

#[test]
fn line_endings_and_the_byte_order_mark_are_kept() {
    let text = "\u{feff}---\r\nname: a\r\ndescription: Builds: make\r\ntools: Read, MultiEdit\r\n---\r\nBody.\r\n";
    let ws = workspace(&[(AGENT, text)]);
    let o = run(&["check", "--fix"], ws.path());
    assert_eq!(o.status.code(), Some(0), "{}", String::from_utf8_lossy(&o.stdout));
    let fixed = read(ws.path(), AGENT);
    assert_eq!(fixed, "\u{feff}---\r\nname: a\r\ndescription: 'Builds: make'\r\ntools: Read, Edit\r\n---\r\nBody.\r\n");
}

#[test]
fn fixes_that_uncover_more_are_applied_in_later_passes() {
    // The frontmatter is read only once the blank line is gone; then its value is quoted.
    let ws = workspace(&[(AGENT, "\n---\nname: a\ndescription: Runs CI: make\n---\nBody.\n")]);
    let o = run(&["check", "--fix"], ws.path());
    assert_eq!(read(ws.path(), AGENT), "---\nname: a\ndescription: 'Runs CI: make'\n---\nBody.\n");
    assert!(String::from_utf8_lossy(&o.stdout).contains("Fixed 2 findings in 1 file; 0 findings remain."));
}

#[test]
fn standard_input_is_fixed_onto_standard_output() {
    let ws = workspace(&[]);
    let mut child = Command::new(env!("CARGO_BIN_EXE_agentls"))
        .args(["check", "--fix", "--stdin-filename", AGENT, "-"])
        .current_dir(ws.path())
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    std::io::Write::write_all(&mut child.stdin.take().unwrap(), MIXED.as_bytes()).unwrap();
    let o = child.wait_with_output().unwrap();
    assert_eq!(
        String::from_utf8_lossy(&o.stdout),
        "---\nname: a\ndescription: 'Runs CI: make all'\ntools: Read, Grpe, Edit\n---\nBody.\n"
    );
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(err.contains("warning[unknown-tool]") && err.contains("Fixed 2 findings"), "{err}");
    assert!(!ws.path().join(AGENT).exists(), "nothing is written for standard input");
}

#[test]
fn files_that_are_not_utf8_are_never_fixed() {
    let ws = workspace(&[]);
    let bytes = b"---\nname: a\ndescription: Caf\xe9: open\n---\n";
    std::fs::create_dir_all(ws.path().join(".claude/agents")).unwrap();
    std::fs::write(ws.path().join(AGENT), bytes).unwrap();
    let o = run(&["check", "--fix"], ws.path());
    assert_eq!(std::fs::read(ws.path().join(AGENT)).unwrap(), bytes);
    assert!(String::from_utf8_lossy(&o.stdout).contains("invalid-utf8"));
}

#[test]
fn unsafe_fixes_move_chat_modes_and_define_mcp_servers() {
    let ws = workspace(&[
        (".github/chatmodes/plan.chatmode.md", "---\ndescription: Plans.\n---\nPlan.\n"),
        (".claude/agents/db.md", "---\nname: db\ndescription: Queries.\ntools: mcp__postgres__query\n---\nQuery.\n"),
    ]);
    let o = run(&["check", "--unsafe-fixes"], ws.path());
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stdout));
    assert!(!ws.path().join(".github/chatmodes/plan.chatmode.md").exists());
    assert_eq!(read(ws.path(), ".github/agents/plan.agent.md"), "---\ndescription: Plans.\n---\nPlan.\n");
    let mcp: serde_json::Value = serde_json::from_str(&read(ws.path(), ".mcp.json")).unwrap();
    assert!(mcp["mcpServers"]["postgres"]["command"].is_string(), "{mcp}");
    let again = run(&["check", "--unsafe-fixes", "--diff"], ws.path());
    assert_eq!(again.status.code(), Some(0), "{}", String::from_utf8_lossy(&again.stdout));
}
