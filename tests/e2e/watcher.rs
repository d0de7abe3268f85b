//! Editors that cannot watch files for the server (Neovim 0.11: no dynamic registration of
//! `didChangeWatchedFiles`): the server's own watcher reacts only to changes, is idle when the
//! disk is, and never lets the disk override an open document. Also the clients without
//! `documentChanges` (rename) and the cold index (no cross-file finding before it is complete).

use std::time::Duration;

use serde_json::{json, Value};

use crate::support::lsp_client::{uri, LspClient, Start};
use crate::support::workspace;

/// Neovim 0.11's relevant capabilities: no dynamic watched-files registration, resource
/// operations but no `documentChanges`.
fn neovim_like() -> Value {
    json!({
        "general": {"positionEncodings": ["utf-16"]},
        "window": {"workDoneProgress": true},
        "workspace": {
            "didChangeWatchedFiles": {"dynamicRegistration": false},
            "workspaceEdit": {"resourceOperations": ["rename", "create", "delete"]}
        },
        "textDocument": {"publishDiagnostics": {"versionSupport": true}}
    })
}

/// User + system CPU time of a process, in clock ticks (Linux `/proc`).
fn cpu_ticks(pid: u32) -> u64 {
    let stat = std::fs::read_to_string(format!("/proc/{pid}/stat")).expect("/proc/<pid>/stat");
    // The fields after the command name (which may contain spaces) start after the last ')'.
    let fields: Vec<&str> = stat[stat.rfind(')').unwrap() + 2..].split(' ').collect();
    fields[11].parse::<u64>().unwrap() + fields[12].parse::<u64>().unwrap()
}

#[test]
fn the_fallback_watcher_is_idle_when_the_disk_is() {
    let files: Vec<(String, String)> = (0..1000)
        .map(|i| {
            (
                format!(".claude/agents/a{i}.md"),
                format!(
                    "---\nname: a{i}\ndescription: Agent {i}.\ntools: Read, Agent(a{})\n---\nBody {i}\n",
                    (i + 1) % 1000
                ),
            )
        })
        .collect();
    let refs: Vec<(&str, &str)> = files.iter().map(|(p, t)| (p.as_str(), t.as_str())).collect();
    let ws = workspace(&refs);
    let (mut c, _) =
        LspClient::start_opts(ws.path(), &[], Start { capabilities: Some(neovim_like()), ..Start::default() });
    let u = uri(&ws.path().join(".claude/agents/a0.md"));
    c.open(&u, "markdown", 1, &files[0].1);
    c.diagnostics(&u, 1);
    // Let the cold index, its republish and the watcher's start settle.
    std::thread::sleep(Duration::from_secs(2));
    c.drain(Duration::from_millis(100));
    let before = cpu_ticks(c.pid());
    std::thread::sleep(Duration::from_secs(5));
    let after = cpu_ticks(c.pid());
    let published = c.publishes(Duration::from_millis(100));
    assert!(published.is_empty(), "idle server published: {published:?}");
    let ticks_per_second = 100; // USER_HZ on Linux
    assert!((after - before) * 1000 / ticks_per_second < 50, "idle CPU: {} ticks in 5 s", after - before);
    c.shutdown();
}

#[test]
fn an_open_document_overrides_the_disk_whatever_the_watcher_reports() {
    let a = "---\nname: old\ndescription: A.\n---\nA\n";
    let b = "---\nname: b\ndescription: B.\nhandoffs:\n  - label: Go\n    agent: new\n    prompt: Continue\n---\nB\n";
    let ws = workspace(&[(".github/agents/a.agent.md", a), (".github/agents/b.agent.md", b)]);
    let (mut c, _) =
        LspClient::start_opts(ws.path(), &[], Start { capabilities: Some(neovim_like()), ..Start::default() });
    let (ua, ub) =
        (uri(&ws.path().join(".github/agents/a.agent.md")), uri(&ws.path().join(".github/agents/b.agent.md")));
    c.open(&ub, "markdown", 1, b);
    c.open(&ua, "markdown", 1, a);
    // Rename in the editor, unsaved: b's handoff to `new` resolves.
    c.change(&ua, 2, [(1, 6), (1, 9)], "new");
    let unknown = |d: &[Value]| d.iter().any(|x| x["code"] == "unknown-agent-ref");
    let resolved = c.wait_for(|m| {
        m["method"] == "textDocument/publishDiagnostics"
            && m["params"]["uri"] == ub.as_str()
            && !unknown(m["params"]["diagnostics"].as_array().unwrap())
    });
    assert_eq!(resolved["params"]["version"], 1);
    // Forget the publishes from before the rename (still queued), and any in flight.
    c.drain(Duration::from_millis(500));
    // The disk still says `old`; a folder event makes the watcher walk the folder (and a new
    // agent file there makes it republish).
    std::fs::write(ws.path().join(".github/agents/c.agent.md"), "---\nname: c\ndescription: C.\n---\nC\n").unwrap();
    std::fs::write(ws.path().join(".github/agents/a.agent.md"), a).unwrap();
    let dir = ws.path().join(".github/agents");
    let mut perms = std::fs::metadata(&dir).unwrap().permissions();
    std::os::unix::fs::PermissionsExt::set_mode(&mut perms, 0o755);
    std::fs::set_permissions(&dir, perms).unwrap();
    // Wait until the watcher has run (it republishes b), then b must still resolve `new`.
    std::thread::sleep(Duration::from_millis(1500));
    let later: Vec<Value> =
        c.publishes(Duration::from_millis(500)).into_iter().filter(|m| m["params"]["uri"] == ub.as_str()).collect();
    assert!(!later.is_empty(), "the watcher never republished b");
    for m in &later {
        assert!(!unknown(m["params"]["diagnostics"].as_array().unwrap()), "disk overrode the open document: {m}");
    }
    c.shutdown();
}

#[test]
fn rename_without_document_changes_never_half_renames() {
    let planner = "---\ndescription: Plans.\n---\nPlan\n";
    let caller =
        "---\nname: caller\ndescription: Calls.\nhandoffs:\n  - label: Plan\n    agent: planner\n    prompt: Plan it\n---\nC\n";
    let review = "---\ndescription: Reviews.\n---\nReview\n";
    let cmd = "---\ndescription: Runs review.\nagent: review\n---\nGo\n";
    let ws = workspace(&[
        (".github/agents/planner.agent.md", planner),
        (".github/agents/caller.agent.md", caller),
        (".opencode/agents/review.md", review),
        (".opencode/commands/run.md", cmd),
    ]);
    let (mut c, _) =
        LspClient::start_opts(ws.path(), &[], Start { capabilities: Some(neovim_like()), ..Start::default() });
    let ucaller = uri(&ws.path().join(".github/agents/caller.agent.md"));
    c.open(&ucaller, "markdown", 1, caller);
    c.diagnostics(&ucaller, 1);
    // A Copilot agent named by its file: the rename writes `name:` instead of renaming the file.
    let edit = c.request(
        "textDocument/rename",
        json!({"textDocument": {"uri": ucaller}, "position": {"line": 5, "character": 13}, "newName": "architect"}),
    );
    let changes = edit["changes"].as_object().expect("`changes` for a client without documentChanges");
    let uplanner = uri(&ws.path().join(".github/agents/planner.agent.md"));
    assert_eq!(
        changes[&uplanner],
        json!([{"range": {"start": {"line": 1, "character": 0}, "end": {"line": 1, "character": 0}}, "newText": "name: architect\n"}])
    );
    assert_eq!(changes[&ucaller][0]["newText"], "architect");
    assert!(edit.get("documentChanges").is_none());
    // An OpenCode agent is named only by its file: refused, with the reason.
    let urun = uri(&ws.path().join(".opencode/commands/run.md"));
    c.open(&urun, "markdown", 1, cmd);
    c.diagnostics(&urun, 1);
    let refused = c.request_raw(
        "textDocument/rename",
        json!({"textDocument": {"uri": urun}, "position": {"line": 2, "character": 9}, "newName": "audit"}),
    );
    let message = refused["error"]["message"].as_str().unwrap_or_default();
    assert!(message.contains("rename the file"), "{refused}");
    c.shutdown();
}

#[test]
fn no_cross_file_finding_before_the_index_is_complete() {
    let mut files: Vec<(String, String)> = (0..3000)
        .map(|i| (format!(".github/agents/g{i}.agent.md"), format!("---\ndescription: Agent {i}.\n---\nBody {i}\n")))
        .collect();
    files.push((".github/agents/target.agent.md".into(), "---\ndescription: Target.\n---\nT\n".into()));
    let refs: Vec<(&str, &str)> = files.iter().map(|(p, t)| (p.as_str(), t.as_str())).collect();
    let ws = workspace(&refs);
    let (mut c, _) = LspClient::start_opts(ws.path(), &["utf-16"], Start { no_index_wait: true, ..Start::default() });
    let u = uri(&ws.path().join(".github/agents/caller.agent.md"));
    let text = "---\ndescription: Calls.\nhandoffs:\n  - label: Go\n    agent: target\n    prompt: Go\n  - label: No\n    agent: missing\n    prompt: No\n---\nC\n";
    c.open(&u, "markdown", 1, text);
    // Every publish until the one that names `missing`: never "unknown" for `target`.
    loop {
        let m = c.wait_for(|m| m["method"] == "textDocument/publishDiagnostics" && m["params"]["uri"] == u.as_str());
        let diags = m["params"]["diagnostics"].as_array().unwrap().clone();
        let unknown: Vec<&str> =
            diags.iter().filter(|d| d["code"] == "unknown-agent-ref").map(|d| d["message"].as_str().unwrap()).collect();
        assert!(unknown.iter().all(|m| !m.contains("`target`")), "{unknown:?}");
        if unknown.iter().any(|m| m.contains("`missing`")) {
            break;
        }
    }
    c.shutdown();
}
