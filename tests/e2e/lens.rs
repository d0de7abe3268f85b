//! Code lenses, inlay hints and the hover on `---`, through the real server: what an editor
//! shows above and inside an agent file, at positions in the negotiated encoding.

use serde_json::{json, Value};

use crate::support::lsp_client::{uri, LspClient, Start};
use crate::support::workspace;

const REVIEWER: &str = "---\nname: reviewer\ndescription: Use when: reviewing diffs\nmemory: forever\nmodel: sonnet\n---\nReview the diff.\n";
const LEAD: &str = "---\nname: lead\ndescription: Leads.\ntools: mcp__café__x, Read, Edit, Agent(reviewer)\ndisallowedTools: Edit\n---\nHand it to 😀 @agent-reviewer when done.\n";
const PLANNER: &str =
    "---\nname: planner\ndescription: Plans.\nhandoffs:\n  - label: Review\n    agent: reviewer\n---\nPlan.\n";

/// An editor that shows code lenses and inlay hints, refreshes both on request, and resolves
/// inlay tooltips lazily (as VS Code and Neovim 0.11 do).
fn capabilities(encoding: &str) -> Value {
    json!({
        "general": {"positionEncodings": [encoding]},
        "window": {"workDoneProgress": true},
        "workspace": {"codeLens": {"refreshSupport": true}, "inlayHint": {"refreshSupport": true}},
        "textDocument": {
            "codeLens": {},
            "inlayHint": {"resolveSupport": {"properties": ["tooltip"]}},
            "hover": {"contentFormat": ["markdown"]}
        }
    })
}

fn start(root: &std::path::Path, caps: Value) -> LspClient {
    LspClient::start_opts(root, &[], Start { capabilities: Some(caps), ..Start::default() }).0
}

fn pos(line: u32, character: u32) -> Value {
    json!({"line": line, "character": character})
}

/// The column of `needle` in `line` in the encoding's units.
fn column(line: &str, needle: &str, encoding: &str) -> u32 {
    let before = &line[..line.find(needle).expect("needle on the line")];
    let n = if encoding == "utf-8" { before.len() } else { before.encode_utf16().count() };
    u32::try_from(n).unwrap()
}

#[test]
fn lenses_show_the_verdict_and_the_references_in_the_negotiated_encoding() {
    let ws = workspace(&[
        (".claude/agents/reviewer.md", REVIEWER),
        (".claude/agents/lead.md", LEAD),
        (".github/agents/planner.agent.md", PLANNER),
    ]);
    for encoding in ["utf-16", "utf-8"] {
        let mut c = start(ws.path(), capabilities(encoding));
        let doc = uri(&ws.path().join(".claude/agents/reviewer.md"));
        c.open(&doc, "markdown", 1, REVIEWER);
        let lenses = c.request("textDocument/codeLens", json!({"textDocument": {"uri": doc}}));
        let lenses = lenses.as_array().expect("lenses");
        assert_eq!(lenses.len(), 2, "{lenses:?}");
        assert_eq!(lenses[0]["range"], json!({"start": pos(0, 0), "end": pos(0, 0)}));
        assert_eq!(lenses[1]["range"], json!({"start": pos(1, 0), "end": pos(1, 4)}), "above `name:`");
        assert!(lenses.iter().all(|l| l.get("command").is_none()), "resolved on codeLens/resolve");

        let verdict = c.request("codeLens/resolve", lenses[0].clone());
        assert_eq!(
            verdict["command"]["title"],
            "Claude Code: `memory` ignored · VS Code: `memory` ignored · Copilot CLI ✗ drops it"
        );
        assert_eq!(verdict["command"]["command"], "agentls.explain");

        let refs = c.request("codeLens/resolve", lenses[1].clone());
        assert_eq!(refs["command"]["title"], "3 references · 1 handoff in");
        assert_eq!(refs["command"]["command"], "agentls.showReferences");
        let args = refs["command"]["arguments"].as_array().unwrap().clone();
        assert_eq!(args[0], json!(doc));
        assert_eq!(args[1], pos(1, 6), "the `name:` value");
        let mention_line = "Hand it to 😀 @agent-reviewer when done.";
        let locations: Vec<(String, Value)> = args[2]
            .as_array()
            .unwrap()
            .iter()
            .map(|l| (l["uri"].as_str().unwrap().rsplit('/').next().unwrap().to_string(), l["range"]["start"].clone()))
            .collect();
        let mention = column(mention_line, "reviewer", encoding);
        assert!(locations.contains(&("lead.md".into(), pos(6, mention))), "{encoding}: {locations:?}");
        assert!(locations.iter().any(|(f, _)| f == "planner.agent.md"), "{locations:?}");

        // Clicking the lens on a client without its own handler: the server answers the locations.
        let run =
            c.request("workspace/executeCommand", json!({"command": "agentls.showReferences", "arguments": args}));
        assert_eq!(run.as_array().map(Vec::len), Some(3));
        c.shutdown();
    }
}

#[test]
fn inlay_hints_resolve_aliases_and_tool_sets_with_lazy_tooltips() {
    let ws = workspace(&[(".claude/agents/reviewer.md", REVIEWER), (".claude/agents/lead.md", LEAD)]);
    for encoding in ["utf-16", "utf-8"] {
        let mut c = start(ws.path(), capabilities(encoding));
        let reviewer = uri(&ws.path().join(".claude/agents/reviewer.md"));
        c.open(&reviewer, "markdown", 1, REVIEWER);
        let range = json!({"start": pos(0, 0), "end": pos(7, 0)});
        let hints = c.request("textDocument/inlayHint", json!({"textDocument": {"uri": reviewer}, "range": range}));
        let hints = hints.as_array().expect("hints");
        assert_eq!(hints.len(), 1, "{hints:?}");
        assert_eq!(hints[0]["position"], pos(4, 13), "after `model: sonnet`");
        assert_eq!(hints[0]["label"], "→ Claude Code: claude-sonnet-5-5 · VS Code: Claude Sonnet 4.5 (copilot)");
        assert!(hints[0].get("tooltip").is_none(), "the client resolves tooltips");
        let resolved = c.request("inlayHint/resolve", hints[0].clone());
        let tip = resolved["tooltip"]["value"].as_str().unwrap();
        assert!(tip.contains("Claude Code 2.1.328: `claude-sonnet-5-5`"), "{tip}");

        let lead = uri(&ws.path().join(".claude/agents/lead.md"));
        c.open(&lead, "markdown", 1, LEAD);
        let hints = c.request("textDocument/inlayHint", json!({"textDocument": {"uri": lead}, "range": range}));
        let tools_line = "tools: mcp__café__x, Read, Edit, Agent(reviewer)";
        let end = column(&format!("{tools_line}$"), "$", encoding);
        assert_eq!(
            hints,
            json!([{"position": pos(3, end), "label": "→ Read, Agent(reviewer)", "paddingLeft": true,
                                  "data": {"uri": lead, "position": pos(3, end)}}])
        );
        // Outside the requested range: nothing.
        let top = json!({"start": pos(0, 0), "end": pos(2, 0)});
        assert_eq!(
            c.request("textDocument/inlayHint", json!({"textDocument": {"uri": lead}, "range": top})),
            Value::Null
        );
        c.shutdown();
    }
}

#[test]
fn without_lazy_tooltips_hints_carry_them_and_the_hover_on_the_delimiter_explains() {
    let ws = workspace(&[(".claude/agents/reviewer.md", REVIEWER)]);
    let caps = json!({"general": {"positionEncodings": ["utf-16"]}, "window": {"workDoneProgress": true},
                      "textDocument": {"inlayHint": {}, "hover": {"contentFormat": ["markdown"]}}});
    let (mut c, init) = LspClient::start_opts(ws.path(), &[], Start { capabilities: Some(caps), ..Start::default() });
    assert_eq!(init["capabilities"]["codeLensProvider"], json!({"resolveProvider": true}));
    assert_eq!(init["capabilities"]["inlayHintProvider"]["resolveProvider"], json!(false));
    let doc = uri(&ws.path().join(".claude/agents/reviewer.md"));
    c.open(&doc, "markdown", 1, REVIEWER);
    let range = json!({"start": pos(0, 0), "end": pos(7, 0)});
    let hints = c.request("textDocument/inlayHint", json!({"textDocument": {"uri": doc}, "range": range}));
    assert!(hints[0]["tooltip"]["value"].as_str().unwrap().contains("claude-sonnet-5-5"), "{hints}");
    assert!(hints[0].get("data").is_none());

    let hover = c.hover(&doc, 0, 1);
    assert_eq!(hover["range"], json!({"start": pos(0, 0), "end": pos(0, 3)}));
    let md = hover["contents"]["value"].as_str().unwrap();
    let rows: Vec<&str> = md.lines().filter(|l| l.starts_with("| ") && !l.starts_with("| Runtime")).collect();
    assert_eq!(rows.len(), 3, "{md}");
    assert!(rows[0].starts_with("| Claude Code 2.1.328 | ⚠ loads, `memory` ignored | "), "{md}");
    assert!(rows[1].starts_with("| VS Code 1.139.1 | ⚠ loads, `memory` ignored | "), "{md}");
    assert!(rows[2].starts_with("| Copilot CLI 1.0.102 | ✗ drops it | "), "{md}");
    c.shutdown();
}

#[test]
fn a_changed_definition_asks_the_client_to_refresh_the_lenses() {
    let ws = workspace(&[(".claude/agents/reviewer.md", REVIEWER), (".claude/agents/lead.md", LEAD)]);
    let mut c = start(ws.path(), capabilities("utf-16"));
    let lead = uri(&ws.path().join(".claude/agents/lead.md"));
    c.open(&lead, "markdown", 1, LEAD);
    // Renaming the lead changes what refers to what: the reference counts may change.
    c.change(&lead, 2, [(1, 6), (1, 10)], "chief");
    let refresh = c.wait_for(|m| m["method"] == "workspace/codeLens/refresh");
    assert!(refresh.get("id").is_some(), "a request");
    c.shutdown();
}
