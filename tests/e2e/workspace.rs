//! The workspace as an editor sees it: agents that hand off to each other, navigation from every
//! reference kind, rename, watched-file changes, and spec-kit's commands as prompt files.

use std::path::Path;
use std::process::Command;

use serde_json::{json, Value};

use crate::support::lsp_client::{summary, uri, LspClient};
use crate::support::{shared, workspace};

const PLANNER: &str = "---\nname: planner\ndescription: Plans work and hands off.\ntools: ['agent', 'search']\nagents: ['implementer']\nhandoffs:\n  - label: Implement\n    agent: implementer\n    prompt: Go\n---\n# Planner\n\nSee [guide](../../docs/guide.md) and [missing](./nope.md).\n\n## Steps\n";
const IMPLEMENTER: &str = "---\ndescription: Implements plans.\nhandoffs:\n  - label: Back\n    agent: planner\n    prompt: Re-plan\n---\nImplement.\n";
const SHIP: &str = "---\nagent: planner\ndescription: Ship it\n---\nShip.\n";
const REVIEWER: &str = "---\nname: reviewer\ndescription: Reviews code. Use the tester agent afterwards.\ntools: Read, Agent(tester), mcp__github__get_issue, mcp__slack__post\nskills: [lint]\n---\nAsk @agent-tester to check, with subagent_type: \"tester\".\n";
const TESTER: &str = "---\nname: tester\ndescription: Runs the tests.\n---\nTest.\n";
const LINT: &str = "---\nname: lint\ndescription: Lints the code.\n---\nLint.\n";

fn files() -> Vec<(&'static str, &'static str)> {
    vec![
        (".github/agents/planner.agent.md", PLANNER),
        (".github/agents/implementer.agent.md", IMPLEMENTER),
        (".github/prompts/ship.prompt.md", SHIP),
        (".claude/agents/reviewer.md", REVIEWER),
        (".claude/agents/tester.md", TESTER),
        (".claude/skills/lint/SKILL.md", LINT),
        (".mcp.json", "{\"mcpServers\": {\"github\": {\"command\": \"gh\"}}}\n"),
        ("docs/guide.md", "# Guide\n"),
    ]
}

/// Line and character of the `nth` occurrence of `needle` in `text` (ASCII texts).
fn pos(text: &str, needle: &str, nth: usize) -> (u32, u32) {
    let at = text.match_indices(needle).nth(nth).unwrap_or_else(|| panic!("{needle}")).0;
    let line = text[..at].matches('\n').count() as u32;
    let col = (at - text[..at].rfind('\n').map_or(0, |i| i + 1)) as u32;
    (line, col)
}

fn range(text: &str, needle: &str, nth: usize) -> Value {
    let (l, c) = pos(text, needle, nth);
    json!({"start": {"line": l, "character": c}, "end": {"line": l, "character": c + needle.len() as u32}})
}

fn at(c: &mut LspClient, method: &str, u: &str, p: (u32, u32), extra: Value) -> Value {
    let mut params = json!({"textDocument": {"uri": u}, "position": {"line": p.0, "character": p.1}});
    if let (Some(obj), Some(more)) = (params.as_object_mut(), extra.as_object()) {
        obj.extend(more.clone());
    }
    c.request(method, params)
}

/// Starts a server on `ws`, waits for the index (the first republish after `initialized`), and
/// opens `open` files.
fn start(ws: &Path, open: &[&str]) -> LspClient {
    start_expecting(ws, open, 6)
}

/// [`start`], waiting until `definitions` definitions are indexed.
fn start_expecting(ws: &Path, open: &[&str], definitions: usize) -> LspClient {
    let (mut c, _) = LspClient::start(ws, &["utf-16"]);
    for (i, rel) in open.iter().enumerate() {
        let text = std::fs::read_to_string(ws.join(rel)).unwrap();
        c.open(&uri(&ws.join(rel)), "markdown", 1 + i as i64, &text);
    }
    // Indexing ends with a republish of every open document: wait for a symbol query to see
    // the whole workspace.
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(20);
    loop {
        let r = c.request("workspace/symbol", json!({"query": ""}));
        if r.as_array().map_or(0, Vec::len) >= definitions {
            break;
        }
        assert!(std::time::Instant::now() < deadline, "index never completed: {r}");
        std::thread::sleep(std::time::Duration::from_millis(50));
    }
    c
}

fn loc(v: &Value) -> (String, Value) {
    (v["uri"].as_str().unwrap().rsplit('/').next().unwrap().to_string(), v["range"].clone())
}

const ZERO: &str = r#"{"start":{"line":0,"character":0},"end":{"line":0,"character":0}}"#;

#[test]
fn definition_from_every_reference_kind() {
    let ws = workspace(&files());
    let root = ws.path();
    let mut c = start(
        root,
        &[
            ".github/agents/planner.agent.md",
            ".github/prompts/ship.prompt.md",
            ".claude/agents/reviewer.md",
            ".claude/skills/lint/SKILL.md",
        ],
    );
    let planner = uri(&root.join(".github/agents/planner.agent.md"));
    let ship = uri(&root.join(".github/prompts/ship.prompt.md"));
    let reviewer = uri(&root.join(".claude/agents/reviewer.md"));
    let zero: Value = serde_json::from_str(ZERO).unwrap();
    // (document, its text, the needle, which occurrence, bytes into it, expected file, range).
    let cases: Vec<(&str, &str, &str, usize, u32, &str, Value)> = vec![
        (&planner, PLANNER, "implementer", 1, 1, "implementer.agent.md", zero.clone()),
        (&planner, PLANNER, "implementer", 0, 1, "implementer.agent.md", zero.clone()),
        (&ship, SHIP, "planner", 0, 1, "planner.agent.md", range(PLANNER, "planner", 0)),
        (&reviewer, REVIEWER, "tester)", 0, 1, "tester.md", range(TESTER, "tester", 0)),
        (&reviewer, REVIEWER, "@agent-tester", 0, 8, "tester.md", range(TESTER, "tester", 0)),
        (&reviewer, REVIEWER, "tester\"", 0, 1, "tester.md", range(TESTER, "tester", 0)),
        (&reviewer, REVIEWER, "tester agent", 0, 1, "tester.md", range(TESTER, "tester", 0)),
        (&reviewer, REVIEWER, "lint", 0, 1, "SKILL.md", zero.clone()),
        (&planner, PLANNER, "guide.md", 0, 1, "guide.md", zero.clone()),
    ];
    for (u, text, needle, nth, delta, file, want) in cases {
        let (line, col) = pos(text, needle, nth);
        let r = at(&mut c, "textDocument/definition", u, (line, col + delta), json!({}));
        let first =
            r.as_array().and_then(|a| a.first()).unwrap_or_else(|| panic!("no definition on {needle} in {u}: {r}"));
        assert_eq!(loc(first), (file.to_string(), want), "on {needle} in {u}");
    }
    c.shutdown();
}

#[test]
fn references_and_rename_across_files() {
    let ws = workspace(&files());
    let root = ws.path();
    let mut c = start(root, &[".claude/agents/tester.md", ".claude/agents/reviewer.md"]);
    let tester = uri(&root.join(".claude/agents/tester.md"));
    let name_pos = pos(TESTER, "tester", 0);
    let refs =
        at(&mut c, "textDocument/references", &tester, name_pos, json!({"context": {"includeDeclaration": true}}));
    let got: Vec<(String, Value)> = refs.as_array().unwrap().iter().map(loc).collect();
    let mut want = vec![("tester.md".to_string(), range(TESTER, "tester", 0))];
    for (needle, nth) in [("tester", 0), ("tester", 1), ("tester", 2), ("tester", 3)] {
        want.push(("reviewer.md".to_string(), range(REVIEWER, needle, nth)));
    }
    assert_eq!(got, want, "{refs:#}");
    let without =
        at(&mut c, "textDocument/references", &tester, name_pos, json!({"context": {"includeDeclaration": false}}));
    assert_eq!(without.as_array().unwrap().len(), 4);

    let prep = at(&mut c, "textDocument/prepareRename", &tester, name_pos, json!({}));
    assert_eq!(prep["placeholder"], "tester");
    let edit = at(&mut c, "textDocument/rename", &tester, name_pos, json!({"newName": "qa"}));
    let changes = edit["documentChanges"].as_array().unwrap();
    let mut per_file: Vec<(String, Option<i64>, usize)> = changes
        .iter()
        .map(|d| {
            (
                d["textDocument"]["uri"].as_str().unwrap().rsplit('/').next().unwrap().to_string(),
                d["textDocument"]["version"].as_i64(),
                d["edits"].as_array().unwrap().len(),
            )
        })
        .collect();
    per_file.sort();
    assert_eq!(per_file, vec![("reviewer.md".into(), Some(2), 4), ("tester.md".into(), Some(1), 1)]);
    assert!(changes.iter().flat_map(|d| d["edits"].as_array().unwrap()).all(|e| e["newText"] == "qa"));

    // An invalid new name is refused with a message.
    let bad = c.request_raw("textDocument/rename", json!({"textDocument": {"uri": tester}, "position": {"line": name_pos.0, "character": name_pos.1}, "newName": "bad name"}));
    assert!(bad["error"]["message"].as_str().unwrap().contains("not a valid Claude Code agent name"), "{bad}");
    c.shutdown();

    // Applied to disk, the rename leaves no unresolved reference behind.
    apply(root, &edit);
    let findings = check_codes(root);
    assert!(!findings.iter().any(|f| f == "unknown-agent-ref"), "{findings:?}");
}

#[test]
fn rename_leaves_references_it_cannot_rewrite_in_place() {
    // `Agent(tes\x74er)` decodes to `Agent(tester)`: found and resolved, but its source text is
    // not the name, so no edit can replace just the name.
    const ESCAPED: &str =
        "---\nname: escaped\ndescription: d\ntools: \"Read, Agent(tes\\x74er)\"\n---\nAsk @agent-tester.\n";
    let mut all = files();
    all.push((".claude/agents/escaped.md", ESCAPED));
    let ws = workspace(&all);
    let root = ws.path();
    let mut c = start_expecting(root, &[".claude/agents/tester.md", ".claude/agents/escaped.md"], 7);
    let (tester, escaped) = (uri(&root.join(".claude/agents/tester.md")), uri(&root.join(".claude/agents/escaped.md")));
    let refs = at(
        &mut c,
        "textDocument/references",
        &tester,
        pos(TESTER, "tester", 0),
        json!({"context": {"includeDeclaration": false}}),
    );
    let in_escaped = refs.as_array().unwrap().iter().filter(|l| l["uri"] == escaped.as_str()).count();
    assert_eq!(in_escaped, 2, "both references are found: {refs:#}");
    let prep = at(&mut c, "textDocument/prepareRename", &escaped, pos(ESCAPED, "tes", 0), json!({}));
    assert!(prep.is_null(), "no rename from an escaped reference: {prep}");
    let edit = at(&mut c, "textDocument/rename", &tester, pos(TESTER, "tester", 0), json!({"newName": "qa"}));
    let escaped_edits: Vec<&Value> = edit["documentChanges"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|d| d["textDocument"]["uri"] == escaped.as_str())
        .flat_map(|d| d["edits"].as_array().unwrap())
        .collect();
    assert_eq!(escaped_edits.len(), 1, "only the mention: {edit:#}");
    assert_eq!(escaped_edits[0]["range"], range(ESCAPED, "tester", 0));
    // The user is told which reference to fix.
    let shown = c.wait_for(|m| m["method"] == "window/showMessage");
    let text = shown["params"]["message"].as_str().unwrap();
    assert!(text.contains("escaped.md:4") && text.contains("not renamed"), "{text}");
    c.shutdown();
    // Applied, the escaped reference is what is left to fix by hand, and it is reported.
    apply(root, &edit);
    assert_eq!(check_codes(root).iter().filter(|f| *f == "unknown-agent-ref").count(), 1);
}

#[test]
fn renaming_a_file_named_agent_renames_the_file() {
    let ws = workspace(&files());
    let root = ws.path();
    let mut c = start(root, &[".github/agents/planner.agent.md"]);
    let planner = uri(&root.join(".github/agents/planner.agent.md"));
    let edit =
        at(&mut c, "textDocument/rename", &planner, pos(PLANNER, "implementer", 1), json!({"newName": "builder"}));
    let ops = edit["documentChanges"].as_array().unwrap();
    let rename = ops.iter().find(|o| o["kind"] == "rename").expect("a file rename");
    assert!(rename["oldUri"].as_str().unwrap().ends_with("/implementer.agent.md"));
    assert!(rename["newUri"].as_str().unwrap().ends_with("/builder.agent.md"));
    let planner_edits = ops.iter().find(|o| o["textDocument"]["uri"] == planner.as_str()).unwrap();
    assert_eq!(planner_edits["edits"].as_array().unwrap().len(), 2, "agents item and handoff");
    c.shutdown();
    apply(root, &edit);
    assert!(!check_codes(root).iter().any(|f| f == "unknown-agent-ref"));
}

#[test]
fn broken_references_list_the_available_names_and_watched_files_fix_them() {
    let ws = workspace(&files());
    let root = ws.path();
    let mut c = start(root, &[]);
    let reviewer_path = root.join(".claude/agents/reviewer.md");
    let reviewer = uri(&reviewer_path);
    let text = REVIEWER.replace("Agent(tester)", "Agent(checker)");
    c.open(&reviewer, "markdown", 10, &text);
    let diags = c.diagnostics(&reviewer, 10);
    let broken = diags.iter().find(|d| d["code"] == "unknown-agent-ref").expect("checker is unknown");
    assert_eq!(broken["range"], range(&text, "checker", 0));
    assert_eq!(broken["severity"], 2);
    assert!(broken["message"].as_str().unwrap().contains("`tester`"), "{broken}");
    let slack = diags.iter().find(|d| d["code"] == "unknown-mcp-server").expect("slack is not configured");
    assert_eq!(slack["range"], range(&text, "slack", 0));
    assert!(!diags.iter().any(|d| d["message"].as_str().unwrap().contains("`github`")));

    // Create the agent on disk and tell the server: the warning goes away.
    let checker = root.join(".claude/agents/checker.md");
    std::fs::write(&checker, "---\nname: checker\ndescription: Checks.\n---\n").unwrap();
    c.notify("workspace/didChangeWatchedFiles", json!({"changes": [{"uri": uri(&checker), "type": 1}]}));
    let after = c.wait_for(|m| {
        m["method"] == "textDocument/publishDiagnostics"
            && m["params"]["uri"] == reviewer.as_str()
            && !m["params"]["diagnostics"].as_array().unwrap().iter().any(|d| d["code"] == "unknown-agent-ref")
    });
    assert!(after["params"]["diagnostics"].as_array().unwrap().iter().any(|d| d["code"] == "unknown-mcp-server"));

    // Rename it on disk (delete + create): the reference is broken again.
    let renamed = root.join(".claude/agents/renamed.md");
    std::fs::rename(&checker, &renamed).unwrap();
    std::fs::write(&renamed, "---\nname: renamed\ndescription: Checks.\n---\n").unwrap();
    c.notify(
        "workspace/didChangeWatchedFiles",
        json!({"changes": [{"uri": uri(&checker), "type": 3}, {"uri": uri(&renamed), "type": 1}]}),
    );
    c.wait_for(|m| {
        m["method"] == "textDocument/publishDiagnostics"
            && m["params"]["uri"] == reviewer.as_str()
            && m["params"]["diagnostics"].as_array().unwrap().iter().any(|d| d["code"] == "unknown-agent-ref")
    });
    c.shutdown();
}

#[test]
fn duplicates_symbols_links_completion_and_hover() {
    let mut fs = files();
    fs.push((".claude/agents/tester-copy.md", TESTER));
    let ws = workspace(&fs);
    let root = ws.path();
    let mut c = start_expecting(
        root,
        &[".claude/agents/tester.md", ".github/agents/planner.agent.md", ".claude/agents/reviewer.md"],
        7,
    );
    let tester = uri(&root.join(".claude/agents/tester.md"));
    let planner = uri(&root.join(".github/agents/planner.agent.md"));
    let reviewer = uri(&root.join(".claude/agents/reviewer.md"));
    c.notify(
        "textDocument/didChange",
        json!({"textDocument": {"uri": tester, "version": 5}, "contentChanges": [{"text": TESTER}]}),
    );
    let d = c.diagnostics(&tester, 5);
    assert_eq!(summary(&d), vec![("duplicate-agent-name".to_string(), 2, [1, 6, 1, 12])]);

    let symbols = c.request("textDocument/documentSymbol", json!({"textDocument": {"uri": planner}}));
    let names: Vec<&str> = symbols.as_array().unwrap().iter().map(|s| s["name"].as_str().unwrap()).collect();
    assert_eq!(names, ["name", "description", "tools", "agents", "handoffs", "Planner"]);
    assert_eq!(symbols[5]["children"][0]["name"], "Steps");

    let found = c.request("workspace/symbol", json!({"query": "impl"}));
    assert_eq!(found[0]["name"], "implementer");

    let links = c.request("textDocument/documentLink", json!({"textDocument": {"uri": planner}}));
    let targets: Vec<&str> =
        links.as_array().unwrap().iter().map(|l| l["target"].as_str().unwrap().rsplit('/').next().unwrap()).collect();
    assert!(
        targets.contains(&"guide.md") && targets.contains(&"implementer.agent.md") && !targets.contains(&"nope.md"),
        "{targets:?}"
    );
    let pd = c.diagnostics(&planner, 2);
    let broken = pd.iter().find(|d| d["code"] == "broken-link").expect("nope.md is missing");
    assert_eq!(broken["range"], range(PLANNER, "./nope.md", 0));

    let items = c.completion(&planner, pos(PLANNER, "implementer", 1).0, pos(PLANNER, "implementer", 1).1);
    let labels: Vec<&str> = items.iter().map(|i| i["label"].as_str().unwrap()).collect();
    assert!(labels.contains(&"implementer") && labels.contains(&"ask"), "{labels:?}");
    let imp = items.iter().find(|i| i["label"] == "implementer").unwrap();
    assert!(imp["documentation"]["value"].as_str().unwrap().contains("Implements plans."));

    let hover = c.hover(&reviewer, pos(REVIEWER, "tester)", 0).0, pos(REVIEWER, "tester)", 0).1 + 1);
    let text = hover["contents"]["value"].as_str().unwrap();
    assert!(
        text.contains("`tester`")
            && text.contains("Claude Code subagent")
            && text.contains(".claude/agents/tester.md")
            && text.contains("Runs the tests."),
        "{text}"
    );
    c.shutdown();
}

#[test]
fn spec_kit_commands_as_prompt_files_resolve_every_handoff() {
    let ws = tempfile::tempdir().unwrap();
    let prompts = ws.path().join(".github/prompts");
    std::fs::create_dir_all(&prompts).unwrap();
    let src = shared().join("corpus/spec-kit/templates/commands");
    let mut handoffs = 0;
    for e in std::fs::read_dir(&src).unwrap() {
        let p = e.unwrap().path();
        let text = std::fs::read_to_string(&p).unwrap();
        handoffs += text.matches("agent: speckit.").count();
        std::fs::write(prompts.join(format!("speckit.{}.prompt.md", p.file_stem().unwrap().to_string_lossy())), text)
            .unwrap();
    }
    assert!(handoffs >= 8);
    assert!(!check_codes(ws.path()).iter().any(|c| c == "unknown-agent-ref"));
    // Break one handoff: exactly one unknown reference, listing the real target first.
    let plan = prompts.join("speckit.plan.prompt.md");
    let text = std::fs::read_to_string(&plan).unwrap().replacen("agent: speckit.tasks", "agent: speckit.taks", 1);
    std::fs::write(&plan, text).unwrap();
    let out = Command::new(env!("CARGO_BIN_EXE_agentls"))
        .args(["check", "--format", "json"])
        .arg(ws.path())
        .output()
        .unwrap();
    let all: Vec<Value> = serde_json::from_slice(&out.stdout).unwrap();
    let unknown: Vec<&Value> = all.iter().filter(|d| d["code"] == "unknown-agent-ref").collect();
    assert_eq!(unknown.len(), 1, "{unknown:#?}");
    assert!(
        unknown[0]["message"].as_str().unwrap().contains("available agents: `speckit.tasks`"),
        "{}",
        unknown[0]["message"]
    );
}

/// Applies a `WorkspaceEdit` with `documentChanges` to the files on disk.
fn apply(_root: &Path, edit: &Value) {
    for op in edit["documentChanges"].as_array().unwrap() {
        if op["kind"] == "rename" {
            let from = path_of(op["oldUri"].as_str().unwrap());
            std::fs::rename(from, path_of(op["newUri"].as_str().unwrap())).unwrap();
            continue;
        }
        let path = path_of(op["textDocument"]["uri"].as_str().unwrap());
        let text = std::fs::read_to_string(&path).unwrap();
        let mut edits: Vec<&Value> = op["edits"].as_array().unwrap().iter().collect();
        edits.sort_by_key(|e| {
            std::cmp::Reverse((e["range"]["start"]["line"].as_u64(), e["range"]["start"]["character"].as_u64()))
        });
        let mut lines: Vec<String> = text.split('\n').map(String::from).collect();
        for e in edits {
            let r = &e["range"];
            let (l, s, end) = (
                r["start"]["line"].as_u64().unwrap() as usize,
                r["start"]["character"].as_u64().unwrap() as usize,
                r["end"]["character"].as_u64().unwrap() as usize,
            );
            assert_eq!(r["start"]["line"], r["end"]["line"]);
            lines[l].replace_range(s..end, e["newText"].as_str().unwrap());
        }
        std::fs::write(&path, lines.join("\n")).unwrap();
    }
}

fn path_of(u: &str) -> std::path::PathBuf {
    std::path::PathBuf::from(u.strip_prefix("file://").unwrap().replace("%20", " "))
}

fn check_codes(root: &Path) -> Vec<String> {
    let out =
        Command::new(env!("CARGO_BIN_EXE_agentls")).args(["check", "--format", "json"]).arg(root).output().unwrap();
    let all: Vec<Value> = serde_json::from_slice(&out.stdout).unwrap();
    all.iter().map(|d| d["code"].as_str().unwrap().to_string()).collect()
}

#[test]
fn user_level_folders_are_indexed_only_when_enabled() {
    let home = workspace(&[(".claude/agents/global.md", "---\nname: global\ndescription: Everywhere.\n---\n")]);
    // `other.md` is never opened: seeing it in the index shows the cold index has run.
    let ws = workspace(&[(".claude/agents/other.md", "---\nname: other\ndescription: d\n---\n")]);
    let indexed = |c: &mut LspClient, name: &str| {
        c.request("workspace/symbol", json!({"query": name}))
            .as_array()
            .is_some_and(|a| a.iter().any(|s| s["name"] == name))
    };
    let wait_for = |c: &mut LspClient, name: &str| {
        let deadline = std::time::Instant::now() + std::time::Duration::from_secs(20);
        while !indexed(c, name) {
            assert!(std::time::Instant::now() < deadline, "`{name}` never indexed");
            std::thread::sleep(std::time::Duration::from_millis(50));
        }
    };
    // Disabled (the default): the workspace is indexed, the home folder is not.
    let (mut c, _) = LspClient::start_with(ws.path(), &["utf-16"], json!({"userFolders": false}), Some(home.path()));
    wait_for(&mut c, "other");
    assert!(!indexed(&mut c, "global"));
    c.shutdown();
    // Enabled: `~/.claude/agents` is indexed too.
    let (mut c, _) = LspClient::start_with(ws.path(), &["utf-16"], json!({"userFolders": true}), Some(home.path()));
    wait_for(&mut c, "global");
    c.shutdown();
}
