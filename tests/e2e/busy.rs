//! Saying when the server is busy (`server/src/lsp/busy.rs`): a document whose analysis takes
//! longer than 200 ms — 100,000 `mcp__s__tN` tools — reports `$/progress` `begin` naming the
//! file before its `publishDiagnostics`, and `end` after it, to a client that offers
//! `window.workDoneProgress`; to one that does not, an info line on stderr naming the file.
//! Asserted through the order of events, never through time.

use std::time::{Duration, Instant};

use serde_json::{json, Value};

use crate::support::lsp_client::{uri, LspClient, Start};
use crate::support::workspace;

/// A Claude agent whose `tools:` names 100,000 MCP tools of one (undefined) server.
fn huge_agent() -> String {
    let mut tools = String::new();
    for i in 0..100_000 {
        tools.push_str(&format!("  - mcp__s__t{i}\n"));
    }
    format!("---\nname: huge\ndescription: Many tools.\ntools:\n{tools}---\nBody\n")
}

/// What the client saw, in order, until `huge.md`'s diagnostics and the end of its progress.
#[derive(Debug, PartialEq)]
enum Event {
    Create(String),
    Begin(String, String),
    Publish,
    End(String),
}

fn event(c: &mut LspClient, huge: &str) -> Option<Event> {
    let m = c.wait_for(|_| true);
    let token = m["params"]["token"].as_str().unwrap_or("").to_string();
    if m.get("id").is_some() {
        // A request from the server: accepted like an editor does.
        c.respond(m["id"].clone(), Value::Null);
        return (m["method"] == "window/workDoneProgress/create").then_some(Event::Create(token));
    }
    match m["method"].as_str() {
        Some("$/progress") if token.starts_with("agentls/busy/") => match m["params"]["value"]["kind"].as_str() {
            Some("begin") => {
                let message = m["params"]["value"]["message"].as_str().unwrap_or("").to_string();
                Some(Event::Begin(token, message))
            }
            Some("end") => Some(Event::End(token)),
            _ => None,
        },
        Some("textDocument/publishDiagnostics") if m["params"]["uri"] == huge => Some(Event::Publish),
        _ => None,
    }
}

#[test]
fn slow_document_reports_progress_around_its_diagnostics() {
    let ws = workspace(&[(".claude/agents/small.md", "---\nname: small\ndescription: Small.\n---\nBody\n")]);
    let huge = uri(&ws.path().join(".claude/agents/huge.md"));
    let (mut c, _) = LspClient::start(ws.path(), &["utf-16"]);
    c.open(&huge, "markdown", 1, &huge_agent());
    let mut events = Vec::new();
    while !events.iter().any(|e| matches!(e, Event::End(_))) {
        events.extend(event(&mut c, &huge));
    }
    let [Event::Create(created), Event::Begin(begun, message), Event::Publish, Event::End(ended)] = &events[..] else {
        panic!("create, begin, publishDiagnostics, end expected: {events:?}");
    };
    assert!(created == begun && begun == ended, "one token: {events:?}");
    assert!(message.contains("huge.md"), "the progress names the file: {message:?}");
    c.shutdown();
}

#[test]
fn without_progress_support_an_info_line_names_the_slow_file() {
    let ws = workspace(&[]);
    let log_path = ws.path().join("stderr.log");
    let log = std::fs::File::create(&log_path).unwrap();
    let huge = uri(&ws.path().join(".claude/agents/huge.md"));
    let capabilities = json!({"textDocument": {"publishDiagnostics": {"versionSupport": true}}});
    let start = Start {
        capabilities: Some(capabilities),
        stderr: Some(&log),
        env: &[("AGENTLS_LOG", "info")],
        ..Start::default()
    };
    let (mut c, _) = LspClient::start_opts(ws.path(), &["utf-16"], start);
    c.open(&huge, "markdown", 1, &huge_agent());
    c.diagnostics(&huge, 1);
    // The first line is written before the publish; the second right after it.
    let deadline = Instant::now() + Duration::from_secs(60);
    let text = loop {
        let text = std::fs::read_to_string(&log_path).unwrap();
        if text.contains("analysed huge.md in") || Instant::now() > deadline {
            break text;
        }
        std::thread::sleep(Duration::from_millis(20));
    };
    let begun = text.find("analysing huge.md takes more than 200 ms").expect("a line before the publish");
    let ended = text.find("analysed huge.md in").expect("a line after it");
    assert!(begun < ended, "{text}");
    assert!(
        !c.drain(Duration::from_millis(100)).iter().any(|m| m["method"] == "$/progress"),
        "no progress without support"
    );
    c.shutdown();
}
