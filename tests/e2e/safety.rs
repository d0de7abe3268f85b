//! Safety: agentls writes no file (edits reach files only through a `WorkspaceEdit` the editor
//! applies), spawns no process, opens no network connection, and reads nothing outside the
//! folders it was given — nor through a symlink out of them. Shown two ways: a scan of the
//! source for the APIs that could do it, and `strace` of real runs. The one exception is
//! `agentls check --fix`, which writes the files it fixes, and `agentls convert`, which writes
//! the file it converted: their writes live in one module
//! ([`WRITER`]), and a traced run shows it touches nothing else.

use std::path::Path;
use std::process::{Command, Stdio};

use serde_json::json;

use crate::support::lsp_client::{uri, LspClient};
use crate::support::{repo, workspace};

/// The only source file that may write: `check --fix` writing the files it fixes, `convert`
/// the file it converted.
const WRITER: &str = "server/src/cli/disk.rs";

/// The write APIs of the forbidden list (allowed in [`WRITER`] only).
const WRITE_APIS: &[&str] = &[
    "fs::write",
    "File::create",
    "OpenOptions",
    "fs::remove",
    "fs::rename",
    "fs::create_dir",
    "fs::copy",
    "set_permissions",
];

#[test]
fn the_source_has_no_process_network_or_write_apis() {
    let process_and_network = ["process::Command", "Command::new", "std::net", "TcpStream", "UdpSocket"];
    let forbidden: Vec<&str> = process_and_network.iter().chain(WRITE_APIS).copied().collect();
    let mut offenders = Vec::new();
    for entry in ignore::WalkBuilder::new(repo().join("server/src")).build().flatten() {
        let p = entry.path();
        if p.extension().is_some_and(|e| e == "rs") {
            let text = std::fs::read_to_string(p).unwrap();
            let writer = p.ends_with(WRITER);
            for f in forbidden.iter().filter(|f| !(writer && WRITE_APIS.contains(f))) {
                if text.contains(f) {
                    offenders.push(format!("{}: {f}", p.display()));
                }
            }
        }
    }
    assert!(offenders.is_empty(), "{offenders:#?}");
}

/// Runs `agentls args` under `strace -f`, feeding `stdin`, and returns the trace.
fn traced(args: &[&str], cwd: &Path, stdin: &str) -> String {
    let log = tempfile::NamedTempFile::new().unwrap();
    let mut child = Command::new("strace")
        .args([
            "-f",
            "-qq",
            "-e",
            "trace=execve,connect,socket,bind,openat,open,creat,mkdir,unlink,rename,renameat,renameat2",
            "-o",
        ])
        .arg(log.path())
        .arg(env!("CARGO_BIN_EXE_agentls"))
        .args(args)
        .current_dir(cwd)
        .stdin(Stdio::piped())
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .expect("strace is installed (.ci/run installs it)");
    std::io::Write::write_all(child.stdin.as_mut().unwrap(), stdin.as_bytes()).unwrap();
    drop(child.stdin.take());
    child.wait().unwrap();
    std::fs::read_to_string(log.path()).unwrap()
}

fn assert_no_writes_processes_or_network(trace: &str, root: &Path, outside: &Path) {
    let execs = trace.lines().filter(|l| l.contains("execve(")).count();
    assert_eq!(execs, 1, "only the initial exec:\n{trace}");
    for l in trace.lines() {
        assert!(!l.contains("connect(") && !l.contains("bind("), "network: {l}");
        assert!(!l.contains("socket(") || l.contains("AF_UNIX"), "network socket: {l}");
        let writes = ["O_WRONLY", "O_RDWR", "O_CREAT"].iter().any(|f| l.contains(f));
        let allowed_write = l.contains("/dev/null") || l.contains("/dev/tty");
        assert!(!writes || allowed_write, "write access: {l}");
        assert!(!l.contains("mkdir(") && !l.contains("unlink(") && !l.contains("rename"), "file system change: {l}");
        assert!(!l.contains(&*outside.to_string_lossy()), "read outside the workspace: {l}");
    }
    assert!(trace.contains("a.md"), "the trace covers the run:\n{trace}");
    let _ = root;
}

fn setup() -> (tempfile::TempDir, tempfile::TempDir) {
    let outside = workspace(&[(".claude/agents/secret.md", "---\nname: secret\ndescription: outside\n---\n")]);
    let ws = workspace(&[(
        ".claude/agents/a.md",
        "---\nname: a\ndescription: d\ntools: Agent(secret)\n---\nSee [b](b.md).\n",
    )]);
    std::os::unix::fs::symlink(outside.path(), ws.path().join("linked")).unwrap();
    (ws, outside)
}

#[test]
fn check_writes_nothing_spawns_nothing_and_stays_inside() {
    let (ws, outside) = setup();
    let trace = traced(&["check", "--format", "json", &ws.path().to_string_lossy()], ws.path(), "");
    assert_no_writes_processes_or_network(&trace, ws.path(), outside.path());
}

/// `check --fix` writes the file it fixes (a temporary file beside it, renamed over it) and
/// nothing else; no process, no network, nothing read outside.
#[test]
fn check_fix_writes_only_the_file_it_fixes() {
    let (ws, outside) = setup();
    let fixed = ws.path().join(".claude/agents/a.md");
    std::fs::write(&fixed, "---\nname: a\ndescription: Runs CI: make\ntools: Agent(secret)\n---\n").unwrap();
    let trace = traced(&["check", "--fix", &ws.path().to_string_lossy()], ws.path(), "");
    let agents = ws.path().join(".claude/agents").canonicalize().unwrap();
    let mut wrote = false;
    for l in trace.lines() {
        let writes = ["O_WRONLY", "O_RDWR", "O_CREAT", "rename", "unlink(", "mkdir("].iter().any(|f| l.contains(f));
        if writes && !l.contains("/dev/null") && !l.contains("/dev/tty") {
            assert!(
                l.contains(&*agents.to_string_lossy()) && (l.contains("a.md.agentls-") || l.contains("/a.md\"")),
                "{l}"
            );
            wrote = true;
        }
        assert!(!l.contains("connect(") && !l.contains("bind("), "network: {l}");
        assert!(!l.contains(&*outside.path().to_string_lossy()), "read outside the workspace: {l}");
    }
    assert!(wrote, "the fix was written:\n{trace}");
    assert_eq!(trace.lines().filter(|l| l.contains("execve(")).count(), 1, "only the initial exec:\n{trace}");
    assert!(std::fs::read_to_string(&fixed).unwrap().contains("description: 'Runs CI: make'"));
}

#[test]
fn the_server_writes_nothing_spawns_nothing_and_stays_inside() {
    let (ws, outside) = setup();
    let log = tempfile::NamedTempFile::new().unwrap();
    let log_path = log.path().to_string_lossy().into_owned();
    let wrapper = [
        "strace",
        "-f",
        "-qq",
        "-e",
        "trace=execve,connect,socket,bind,openat,open,creat,mkdir,unlink,rename,renameat,renameat2",
        "-o",
        &log_path,
    ];
    let (mut c, _) = LspClient::start_wrapped(ws.path(), &["utf-16"], json!(null), None, &wrapper);
    let a = uri(&ws.path().join(".claude/agents/a.md"));
    c.open(&a, "markdown", 1, "---\nname: a\ndescription: d\ntools: Agent(secret)\n---\n");
    // Wait until the index has walked the workspace (and skipped the symlink out of it).
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(20);
    while c.request("workspace/symbol", json!({"query": ""})).as_array().map_or(0, Vec::len) < 1 {
        assert!(std::time::Instant::now() < deadline, "index never completed");
        std::thread::sleep(std::time::Duration::from_millis(50));
    }
    let d = c.diagnostics(&a, 1);
    assert!(d.iter().any(|x| x["code"] == "unknown-agent-ref"), "`secret` lives outside the workspace: {d:?}");
    c.shutdown();
    let trace = std::fs::read_to_string(log.path()).unwrap();
    assert_no_writes_processes_or_network(&trace, ws.path(), outside.path());
}
