//! The security rules over the shared corpus: every finding there was reviewed by hand and is
//! real (see [`REVIEWED`]); a finding beyond those counts is new and unreviewed — noise until
//! someone looks — and fails the test. Every code of the `security` group must be listed.
//! The group name works as a selector for `agentls check` like any code.

use std::collections::BTreeMap;
use std::process::Command;

use serde_json::Value;

use crate::support::{shared, workspace};

/// Per security code: the findings reviewed on the corpus, and what they are.
const REVIEWED: &[(&str, usize, &str)] = &[
    ("permission-bypass", 0, "no corpus agent sets `permissionMode`"),
    (
        "download-piped-to-shell",
        5,
        "vendor installers in `bash` blocks the agent is told to run: droid.agent.md (factory.ai), \
         the uv skill (`install.sh | sh` and `install.ps1 | iex`), linkerd-patterns, gitops-workflow \
         (`| sudo bash`); prose and inline-code mentions (trojan-skill-hunter, healthcare-admin) are silent",
    ),
    (
        "shell-with-web-access",
        75,
        "68 awesome-copilot agents listing `runCommands` / `execute` / `execute/runInTerminal` / `shell` \
         with `fetch` / `web` / `web/fetch`, 7 voltagent and 1 wshobson Claude agents with `Bash` and \
         `WebFetch` / `WebSearch`; `tools: ['*']` (2 agents) and agents without `tools` are not reported",
    ),
    (
        "secret-in-file",
        0,
        "the corpus holds only references (`COPILOT_MCP_…`, `${{ secrets.… }}`, `process.env.…`) and \
         documentation keys (`sk_live_abc123xyz789`)",
    ),
    (
        "unrestricted-bash",
        3,
        "the three startup-business-analyst commands pre-approve bare `Bash` with `WebSearch` and `WebFetch`",
    ),
];

fn check_json(args: &[&str], path: &std::path::Path) -> Vec<Value> {
    let out = Command::new(env!("CARGO_BIN_EXE_agentls"))
        .args(["check", "--format", "json"])
        .args(args)
        .arg(path)
        .output()
        .unwrap();
    serde_json::from_slice(&out.stdout).unwrap_or_else(|e| panic!("{e}: {}", String::from_utf8_lossy(&out.stderr)))
}

#[test]
fn security_findings_on_the_corpus_are_the_reviewed_ones() {
    let group: Vec<&str> = agentls_analysis::codes()
        .iter()
        .filter(|c| c.category.as_deref() == Some("security"))
        .map(|c| c.code.as_str())
        .collect();
    for code in &group {
        assert!(REVIEWED.iter().any(|(c, _, _)| c == code), "`{code}` has no reviewed count on the corpus");
    }
    let mut counts: BTreeMap<String, usize> = BTreeMap::new();
    for d in check_json(&[], &shared().join("corpus")) {
        let code = d["code"].as_str().unwrap();
        if group.contains(&code) {
            *counts.entry(code.to_string()).or_default() += 1;
        }
    }
    for (code, reviewed, what) in REVIEWED {
        let n = counts.get(*code).copied().unwrap_or(0);
        println!("{code}: {n} on the corpus (reviewed: {reviewed})");
        assert!(n <= *reviewed, "`{code}`: {n} findings on the corpus, {reviewed} reviewed ({what})");
    }
}

#[test]
fn the_security_group_selects_and_ignores_its_codes() {
    let dir = workspace(&[
        (
            ".claude/agents/a.md",
            "---\nname: a\ndescription: Researches and runs.\ntools: Bash, WebFetch, Grpe\n---\nGo.\n",
        ),
        ("only.toml", "[rules]\nselect = [\"security\"]\n"),
        ("none.toml", "[rules]\nignore = [\"security\"]\n"),
    ]);
    let codes = |config: &str| -> Vec<String> {
        let cfg = dir.path().join(config);
        let args = ["--config", cfg.to_str().unwrap()];
        check_json(&args, &dir.path().join(".claude")).iter().map(|d| d["code"].as_str().unwrap().to_string()).collect()
    };
    assert_eq!(codes("only.toml"), ["shell-with-web-access"]);
    assert_eq!(codes("none.toml"), ["unknown-tool"]);
}
