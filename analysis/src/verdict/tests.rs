//! The verdict on files each consumer reads differently: "this file, this path → these
//! consumers, each loading, ignoring part of it, dropping it or failing its configuration".

use std::path::Path;
use std::sync::Arc;

use super::*;
use crate::config::Config;

fn snap(path: &str, text: &str) -> Snapshot {
    Snapshot::at_path(path, text)
}

fn judged(path: &str, text: &str) -> Verdict {
    let s = snap(path, text);
    verdict(&s, &crate::diagnostics(&s)).expect("an agent file")
}

/// `(consumer, outcome, subjects)` of each consumer.
fn rows(v: &Verdict) -> Vec<(&str, Outcome, Vec<&str>)> {
    v.consumers.iter().map(|c| (c.consumer.as_str(), c.outcome, c.subjects())).collect()
}

const AGENT: &str = "---\nname: reviewer\ndescription: Reviews diffs.\n---\nBody\n";

#[test]
fn a_valid_claude_agent_loads_everywhere_that_reads_it() {
    let v = judged("/w/.claude/agents/reviewer.md", AGENT);
    assert_eq!(
        rows(&v),
        [
            ("claude-code", Outcome::Loads, vec![]),
            ("vscode", Outcome::Loads, vec![]),
            ("copilot-cli", Outcome::Loads, vec![])
        ]
    );
    assert_eq!(lens_title(&v), "Claude Code ✓ · VS Code ✓ · Copilot CLI ✓");
    // In a subfolder only Claude Code finds it.
    let nested = judged("/w/.claude/agents/team/reviewer.md", AGENT);
    assert_eq!(rows(&nested), [("claude-code", Outcome::Loads, vec![])]);
}

#[test]
fn an_ignored_value_is_named_for_every_consumer_it_concerns() {
    let text = "---\nname: reviewer\ndescription: Reviews diffs.\nmemory: forever\ntools: Read, Dockr\n---\n";
    let v = judged("/w/.claude/agents/reviewer.md", text);
    let cc = &v.consumers[0];
    assert_eq!(cc.outcome, Outcome::LoadsIgnoring);
    assert_eq!(cc.subjects(), ["`memory`", "`Dockr` in `tools`"]);
    assert_eq!(cc.summary(), "loads, `memory`, `Dockr` in `tools` ignored");
    assert!(lens_title(&v).starts_with("Claude Code: `memory`, `Dockr` in `tools` ignored · "), "{}", lens_title(&v));
}

#[test]
fn a_finding_that_breaks_another_consumer_counts_only_against_it() {
    // An unquoted `: `: Claude Code and VS Code read it; the Copilot CLI drops the agent.
    let text = "---\nname: reviewer\ndescription: Use when: reviewing\n---\n";
    let v = judged("/w/.claude/agents/reviewer.md", text);
    assert_eq!(
        rows(&v),
        [
            ("claude-code", Outcome::Loads, vec![]),
            ("vscode", Outcome::Loads, vec![]),
            ("copilot-cli", Outcome::Drops, vec!["`description`"])
        ]
    );
    assert_eq!(lens_title(&v), "Claude Code ✓ · VS Code ✓ · Copilot CLI ✗ drops it");
    // Tab-indented list items: only VS Code minds, and VS Code rejects nothing.
    let tabs = "---\nname: reviewer\ndescription: Reviews diffs.\ntools:\n\t- Read\n---\n";
    let v = judged("/w/.claude/agents/reviewer.md", tabs);
    let outcomes: Vec<Outcome> = v.consumers.iter().map(|c| c.outcome).collect();
    assert_eq!(outcomes, [Outcome::Loads, Outcome::LoadsIgnoring, Outcome::Loads]);
}

#[test]
fn an_error_drops_the_file_fails_opencode_and_is_ignored_by_vscode() {
    let no_name = "---\ndescription: Reviews diffs.\n---\n";
    let v = judged("/w/.claude/agents/reviewer.md", no_name);
    let outcomes: Vec<Outcome> = v.consumers.iter().map(|c| c.outcome).collect();
    assert_eq!(outcomes, [Outcome::Drops, Outcome::LoadsIgnoring, Outcome::Drops]);
    assert!(v.consumers[0].reasons.iter().all(|r| r.severity == Severity::Error));
    let opencode = judged("/w/.opencode/agents/review.md", "---\ndescription: Reviews.\ncolor: blue\n---\n");
    assert_eq!(rows(&opencode), [("opencode", Outcome::FailsConfig, vec!["`color`"])]);
    assert_eq!(opencode.consumers[0].summary(), "fails its configuration");
}

#[test]
fn the_project_consumers_narrow_the_verdict() {
    let (config, problems) = Config::parse("consumers = [\"claude-code\"]\n", Path::new("/w"));
    assert!(problems.is_empty());
    let s = snap("/w/.claude/agents/reviewer.md", "---\nname: reviewer\ndescription: Use when: reviewing\n---\n")
        .with_config(Arc::new(config));
    let v = verdict(&s, &crate::diagnostics(&s)).unwrap();
    assert_eq!(rows(&v), [("claude-code", Outcome::Loads, vec![])]);
    assert_eq!(v.untargeted, ["vscode", "copilot-cli"]);
    let md = hover_markdown(&v);
    assert!(md.contains("| Claude Code 2.1.328 | ✓ loads |"), "{md}");
    assert!(md.contains("Also read by VS Code, Copilot CLI (not in this project's `consumers`)."), "{md}");
}

#[test]
fn a_file_no_consumer_discovers_says_so() {
    let v = judged("/w/docs/reviewer.agent.md", "---\ndescription: Reviews.\n---\n");
    assert!(v.consumers.is_empty());
    assert_eq!(lens_title(&v), "No consumer discovers a VS Code / Copilot custom agent at this path.");
    let mut s = snap("/w/notes/reviewer.md", AGENT);
    s.detected = crate::knowledge::detect_by_content(&["name", "description"]);
    let v = verdict(&s, &crate::diagnostics(&s)).unwrap();
    assert!(v.by_content && v.consumers.is_empty());
    assert!(hover_markdown(&v).contains("No consumer discovers this file where it is"));
}

#[test]
fn the_hover_table_has_a_row_per_consumer_with_the_reasons() {
    let text = "---\nname: reviewer\ndescription: Use when: reviewing\nmemory: forever\n---\n";
    let md = hover_markdown(&judged("/w/.claude/agents/reviewer.md", text));
    let lines: Vec<&str> = md.lines().collect();
    assert_eq!(lines[0], "**Who reads this file** · Claude Code subagent");
    assert_eq!(lines[2], "| Runtime | Verdict | Why |");
    assert!(lines[4].starts_with("| Claude Code 2.1.328 | ⚠ loads, `memory` ignored | "), "{md}");
    assert!(lines[6].starts_with("| Copilot CLI 1.0.102 | ✗ drops it | "), "{md}");
    assert!(lines[6].contains("(`yaml-strict`)"), "{md}");
}

#[test]
fn an_error_whose_consumer_still_loads_the_file_reads_as_loads() {
    // Claude Code 2.1.328 loads a command whose CRLF frontmatter with an unquoted `: ` it cannot
    // parse, without its fields (`[reading] crlf_colon`, `loads = true`): an error, not a drop.
    let text = "---\r\ndescription: Deploy: now\r\n---\r\nDeploy.\r\n";
    let s = snap("/w/.claude/commands/deploy.md", text);
    let d = crate::diagnostics(&s);
    assert!(
        d.iter().any(|d| d.code == "yaml-crlf-colon" && d.severity == crate::Severity::Error && d.loads_anyway),
        "{d:?}"
    );
    let v = verdict(&s, &d).expect("an agent file");
    let claude = v.consumers.iter().find(|c| c.consumer == "claude-code").expect("Claude Code reads it");
    assert_eq!((claude.outcome, claude.summary().as_str()), (Outcome::LoadsIgnoring, "loads, `description` ignored"));
}
