//! `agentls graph` as a user runs it: the agent graph of `examples/` and of a corpus plugin in
//! Mermaid, DOT and JSON (snapshots), `--check` and its exit status, the `agent-cycle` and
//! `unreachable-agent` findings of `agentls check`, and DOT that Graphviz itself reads.

use std::path::Path;
use std::process::{Command, Output, Stdio};

use serde_json::Value;

use crate::support::{repo, shared, workspace};

fn run(args: &[&str], cwd: &Path) -> Output {
    Command::new(env!("CARGO_BIN_EXE_agentls")).args(args).current_dir(cwd).output().unwrap()
}

fn stdout(o: &Output) -> String {
    String::from_utf8_lossy(&o.stdout).into_owned()
}

/// The wshobson `incident-response` plugin: two commands that delegate to five of its six
/// agents and to the built-in `general-purpose` with `subagent_type`, and three skills.
fn corpus_plugin() -> std::path::PathBuf {
    shared().join("corpus/wshobson-agents/plugins")
}

#[test]
fn graph_of_the_examples_in_every_format() {
    for (format, name) in [("mermaid", "examples_mermaid"), ("dot", "examples_dot"), ("json", "examples_json")] {
        let o = run(&["graph", "examples", "--format", format], &repo());
        assert_eq!(o.status.code(), Some(0), "{}", String::from_utf8_lossy(&o.stderr));
        insta::assert_snapshot!(name, stdout(&o));
    }
}

#[test]
fn graph_of_a_corpus_plugin_in_every_format() {
    for (format, name) in [("mermaid", "corpus_mermaid"), ("dot", "corpus_dot"), ("json", "corpus_json")] {
        let o = run(&["graph", "incident-response", "--format", format], &corpus_plugin());
        assert_eq!(o.status.code(), Some(0), "{}", String::from_utf8_lossy(&o.stderr));
        insta::assert_snapshot!(name, stdout(&o));
    }
}

#[test]
fn json_names_nodes_edges_broken_references_and_unreachable_agents() {
    let o = run(&["graph", "examples", "--format", "json"], &repo());
    let v: Value = serde_json::from_slice(&o.stdout).unwrap();
    let node = |name: &str| v["nodes"].as_array().unwrap().iter().find(|n| n["name"] == name).unwrap().clone();
    let orchestrator = node("release-orchestrator");
    assert_eq!(orchestrator["path"], "examples/.claude/agents/release-orchestrator.md");
    assert_eq!(orchestrator["line"], 2);
    let missing = node("security-auditor");
    assert_eq!(missing["kind"], "missing");
    let to_missing: Vec<&Value> = v["edges"].as_array().unwrap().iter().filter(|e| e["to"] == missing["id"]).collect();
    assert_eq!(to_missing.len(), 2, "Agent(security-auditor) and subagent_type: {to_missing:?}");
    assert!(to_missing.iter().all(|e| e["broken"] == true && e["from"] == orchestrator["id"]));
    let triage = node("triage");
    assert_eq!((triage["entry"].clone(), triage["reachable"].clone()), (Value::Bool(false), Value::Bool(false)));
    assert_eq!(v["unreachable"], serde_json::json!([triage["id"]]));
    let handoff = v["edges"].as_array().unwrap().iter().find(|e| e["kind"] == "handoff").unwrap();
    assert_eq!(
        (handoff["from"].clone(), handoff["to"].clone()),
        (node("planner")["id"].clone(), node("implementer")["id"].clone())
    );
}

const REVIEWER: &str = "---\nname: reviewer\ndescription: Reviews a change and has each problem repaired.\ntools: Read, Grep, Agent(fixer)\n---\nReview the diff.\n";
const FIXER: &str = "---\nname: fixer\ndescription: Fixes one problem, then has it reviewed again.\ntools: Read, Edit\n---\nFix it, then ask @agent-reviewer to look again.\n";
const HIDDEN: &str = "---\nname: triage\ndescription: Sorts new issues.\nuser-invocable: false\ndisable-model-invocation: true\n---\nLabel each issue.\n";

#[test]
fn check_lists_cycles_and_unreachable_agents_and_exits_1() {
    let ws = workspace(&[
        (".claude/agents/reviewer.md", REVIEWER),
        (".claude/agents/fixer.md", FIXER),
        (".github/agents/triage.agent.md", HIDDEN),
    ]);
    let o = run(&["graph", "--check"], ws.path());
    assert_eq!(o.status.code(), Some(1));
    assert_eq!(
        stdout(&o),
        ".claude/agents/fixer.md: delegation cycle `fixer` → `reviewer` → `fixer`\n\
         .github/agents/triage.agent.md: nothing can start agent `triage`\n\
         1 delegation cycle, 1 unreachable agent (3 agents of 3 definitions checked)\n"
    );
    // A coordinator that lists `triage` in `agents:` makes it reachable; the fixer that reports
    // back instead of mentioning the reviewer ends the cycle.
    let coordinator = "---\nname: coordinator\ndescription: Routes issues.\ntools: ['agent', 'read']\nagents: [triage]\n---\nRoute.\n";
    let ws = workspace(&[
        (".claude/agents/reviewer.md", REVIEWER),
        (".claude/agents/fixer.md", &FIXER.replace("ask @agent-reviewer to look again", "report back")),
        (".github/agents/triage.agent.md", HIDDEN),
        (".github/agents/coordinator.agent.md", coordinator),
    ]);
    let o = run(&["graph", "--check"], ws.path());
    assert_eq!(o.status.code(), Some(0), "{}", stdout(&o));
    assert_eq!(stdout(&o), "0 delegation cycles, 0 unreachable agents (4 agents of 4 definitions checked)\n");
}

#[test]
fn check_reports_the_graph_findings_at_their_ranges() {
    let ws = workspace(&[
        (".claude/agents/reviewer.md", REVIEWER),
        (".claude/agents/fixer.md", FIXER),
        (".github/agents/triage.agent.md", HIDDEN),
    ]);
    let o = run(&["check", "--format", "json"], ws.path());
    let v: Vec<Value> = serde_json::from_slice(&o.stdout).unwrap();
    let found: Vec<(String, String, Value, String)> = v
        .iter()
        .filter(|d| d["code"] == "agent-cycle" || d["code"] == "unreachable-agent")
        .map(|d| {
            let (code, path) = (d["code"].as_str().unwrap().to_string(), d["path"].as_str().unwrap().to_string());
            (code, path, d["range"].clone(), d["severity"].as_str().unwrap().to_string())
        })
        .collect();
    let range = |l1: u32, c1: u32, l2: u32, c2: u32| serde_json::json!({"start": {"line": l1, "column": c1}, "end": {"line": l2, "column": c2}});
    assert_eq!(
        found,
        vec![
            // `@agent-reviewer` in the fixer's body, `Agent(fixer)` in the reviewer's tools.
            ("agent-cycle".into(), "./.claude/agents/fixer.md".into(), range(6, 25, 6, 33), "information".into()),
            ("agent-cycle".into(), "./.claude/agents/reviewer.md".into(), range(4, 26, 4, 31), "information".into()),
            (
                "unreachable-agent".into(),
                "./.github/agents/triage.agent.md".into(),
                range(2, 7, 2, 13),
                "information".into()
            ),
        ]
    );
    let cycle = v.iter().find(|d| d["code"] == "agent-cycle" && d["path"] == "./.claude/agents/reviewer.md").unwrap();
    assert!(cycle["message"].as_str().unwrap().contains("`reviewer` → `fixer` → `reviewer`"), "{cycle}");
}

#[test]
fn handoff_loops_and_claude_subagents_are_not_findings() {
    // planner ⇄ implementer handoffs are a workflow; a Claude subagent that nothing names is
    // still started by the main agent; `user-invocable: false` alone leaves automatic delegation.
    let ws = workspace(&[
        (".github/agents/planner.agent.md", "---\nname: planner\ndescription: Plans.\nhandoffs:\n  - label: Implement\n    agent: implementer\n    prompt: Go.\n---\nPlan.\n"),
        (".github/agents/implementer.agent.md", "---\nname: implementer\ndescription: Implements.\nuser-invocable: false\nhandoffs:\n  - label: Replan\n    agent: planner\n    prompt: Again.\n---\nDo.\n"),
        (".claude/agents/lonely.md", "---\nname: lonely\ndescription: Nobody names me.\nuser-invocable: false\ndisable-model-invocation: true\n---\nWait.\n"),
    ]);
    let o = run(&["graph", "--check"], ws.path());
    assert_eq!(o.status.code(), Some(0), "{}", stdout(&o));
}

/// Runs Graphviz's `dot` on `source` and returns the SVG.
fn graphviz(source: &str) -> String {
    let mut child = Command::new("dot")
        .arg("-Tsvg")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("Graphviz `dot` is installed (.ci/run installs the graphviz package)");
    std::io::Write::write_all(child.stdin.as_mut().unwrap(), source.as_bytes()).unwrap();
    let o = child.wait_with_output().unwrap();
    assert!(o.status.success(), "dot rejected the graph: {}\n{source}", String::from_utf8_lossy(&o.stderr));
    String::from_utf8_lossy(&o.stdout).into_owned()
}

#[test]
fn graphviz_reads_the_dot_output_and_shows_names_as_written() {
    // Names with quotes, backslashes, braces and DOT keywords survive as labels.
    let tricky = "---\nname: 'say \"hi\" \\N {edge} -> node;'\ndescription: d\ntools: Agent(back\\slash)\n---\nx\n";
    let ws = workspace(&[(".claude/agents/tricky.md", tricky)]);
    let o = run(&["graph", "--format", "dot"], ws.path());
    let svg = graphviz(&stdout(&o));
    assert!(svg.contains("say &quot;hi&quot; \\N {edge} &#45;&gt; node;"), "{svg}");
    assert!(svg.contains("back\\slash"), "{svg}");
    for cwd in [repo(), shared().join("corpus")] {
        let o = run(&["graph", ".", "--format", "dot"], &cwd);
        assert_eq!(o.status.code(), Some(0));
        graphviz(&stdout(&o));
    }
}

#[test]
fn the_whole_corpus_has_no_cycle_and_no_unreachable_agent() {
    // The decision that keeps the findings from being noise, measured: 1,086 real files, none.
    let o = run(&["graph", ".", "--check"], &shared().join("corpus"));
    assert_eq!(o.status.code(), Some(0), "{}", stdout(&o));
    assert!(stdout(&o).starts_with("0 delegation cycles, 0 unreachable agents ("), "{}", stdout(&o));
}

#[test]
fn the_readme_graph_shows_every_definition_of_the_examples() {
    // docs/graph-example.svg is made by scripts/gen-graph-example.sh; a changed example needs a
    // new picture.
    let svg = std::fs::read_to_string(repo().join("docs/graph-example.svg")).unwrap();
    let o = run(&["graph", "examples", "--format", "json"], &repo());
    let v: Value = serde_json::from_slice(&o.stdout).unwrap();
    for n in v["nodes"].as_array().unwrap() {
        // Graphviz writes `-` as `&#45;`.
        let name = n["name"].as_str().unwrap().replace('-', "&#45;");
        assert!(
            svg.contains(&format!(">{name}</text>")),
            "docs/graph-example.svg lacks {name}: run scripts/gen-graph-example.sh"
        );
    }
    let drawn = svg.matches("<g id=\"node").count();
    assert_eq!(
        drawn,
        v["nodes"].as_array().unwrap().len(),
        "docs/graph-example.svg draws other nodes: run scripts/gen-graph-example.sh"
    );
}
