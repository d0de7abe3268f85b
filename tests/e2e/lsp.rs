//! The language server as an editor sees it: sync, diagnostics, completion, hover, silence.

use serde_json::Value;

use crate::support::lsp_client::{summary, uri, LspClient};
use crate::support::workspace;

const CLAUDE: &str = "---\nname: reviewer\ndescription: Reviews code\nmodel: \ntools: Read, Grep\n---\nBody\n";

fn labels(items: &[Value]) -> Vec<String> {
    let mut l: Vec<String> = items.iter().map(|i| i["label"].as_str().unwrap().to_string()).collect();
    l.sort();
    l
}

#[test]
fn negotiates_utf8_when_offered_and_utf16_otherwise() {
    let ws = workspace(&[]);
    let (c, init) = LspClient::start(ws.path(), &["utf-8", "utf-16"]);
    assert_eq!(init["capabilities"]["positionEncoding"], "utf-8");
    c.shutdown();
    let (c, init) = LspClient::start(ws.path(), &["utf-16"]);
    assert_eq!(init["capabilities"]["positionEncoding"], "utf-16");
    assert_eq!(init["capabilities"]["textDocumentSync"]["change"], 2, "incremental sync");
    let triggers = init["capabilities"]["completionProvider"]["triggerCharacters"].as_array().unwrap();
    for t in [":", ",", "[", " ", "\"", "'"] {
        assert!(triggers.iter().any(|x| x == t), "trigger {t}");
    }
    c.shutdown();
}

#[test]
fn diagnostics_follow_incremental_edits_with_versions() {
    let ws = workspace(&[]);
    let path = ws.path().join(".claude/agents/a.md");
    let u = uri(&path);
    let (mut c, _) = LspClient::start(ws.path(), &["utf-16"]);
    let text = "---\nname: a\ndescription: d\ntools: Read, Docker\n---\n";
    c.open(&u, "markdown", 1, text);
    let d = summary(&c.diagnostics(&u, 1));
    assert_eq!(d, vec![("unknown-tool".to_string(), 2, [3, 13, 3, 19])]);
    // Replace `Docker` with `Bash`: the warning disappears in version 2.
    c.change(&u, 2, [(3, 13), (3, 19)], "Bash");
    assert!(c.diagnostics(&u, 2).is_empty());
    // Insert a line whose bad model starts with an astral character: UTF-16 counts it as 2.
    c.change(&u, 3, [(4, 0), (4, 0)], "model: 😀gpt\n");
    let d = summary(&c.diagnostics(&u, 3));
    assert_eq!(d, vec![("unknown-model".to_string(), 2, [4, 7, 4, 12])]);
    // A multi-line replacement spanning the frontmatter end, then undoing it.
    c.change(&u, 4, [(4, 0), (5, 3)], "");
    c.change(&u, 5, [(4, 0), (4, 0)], "---");
    assert!(c.diagnostics(&u, 5).is_empty());
    c.shutdown();
}

#[test]
fn utf8_positions_when_negotiated() {
    let ws = workspace(&[]);
    let u = uri(&ws.path().join(".claude/agents/a.md"));
    let (mut c, _) = LspClient::start(ws.path(), &["utf-8"]);
    c.open(&u, "markdown", 1, "---\nname: é\ndescription: é\ntools: é, Docker\n---\n");
    let d = summary(&c.diagnostics(&u, 1));
    let docker = d.iter().find(|x| x.2[0] == 3 && x.0 == "unknown-tool" && x.2[1] > 8).unwrap();
    assert_eq!(docker.2, [3, 11, 3, 17], "byte columns: `é` is two bytes");
    c.shutdown();
}

#[test]
fn model_completion_depends_on_dialect() {
    let ws = workspace(&[]);
    let (mut c, _) = LspClient::start(ws.path(), &["utf-16"]);
    let claude = uri(&ws.path().join(".claude/agents/r.md"));
    c.open(&claude, "markdown", 1, CLAUDE);
    c.diagnostics(&claude, 1);
    let items = c.completion(&claude, 3, 7);
    let l = labels(&items);
    for alias in ["opus", "sonnet", "haiku", "inherit"] {
        assert!(l.contains(&alias.to_string()), "{alias} in {l:?}");
    }
    assert!(!l.iter().any(|x| x.contains("(copilot)")), "no Copilot names in a Claude file: {l:?}");

    let copilot = uri(&ws.path().join(".github/agents/r.agent.md"));
    c.open(&copilot, "chatagent", 1, "---\ndescription: d\nmodel: \n---\n");
    c.diagnostics(&copilot, 1);
    let l = labels(&c.completion(&copilot, 2, 7));
    assert!(l.contains(&"Claude Sonnet 4.5 (copilot)".to_string()), "{l:?}");
    assert!(!l.contains(&"opus".to_string()));
    c.shutdown();
}

#[test]
fn key_and_tool_completion() {
    let ws = workspace(&[]);
    let (mut c, _) = LspClient::start(ws.path(), &["utf-16"]);
    let u = uri(&ws.path().join(".claude/agents/r.md"));
    let text = "---\nname: r\ndescription: d\ntools: Read, \nco\n---\n";
    c.open(&u, "markdown", 1, text);
    c.diagnostics(&u, 1);
    // Keys: not those already present, with documentation and a `key: ` insertion.
    let keys = c.completion(&u, 4, 2);
    let l = labels(&keys);
    assert!(l.contains(&"color".to_string()) && l.contains(&"model".to_string()));
    assert!(!l.contains(&"name".to_string()) && !l.contains(&"description".to_string()));
    let color = keys.iter().find(|i| i["label"] == "color").unwrap();
    assert_eq!(color["textEdit"]["newText"], "color: ");
    assert_eq!(color["textEdit"]["range"]["start"], serde_json::json!({"line": 4, "character": 0}));
    assert!(color["documentation"]["value"].as_str().unwrap().contains("color"));
    // Tools in a comma string: no `Read` (already listed), bare names.
    let tools = c.completion(&u, 3, 13);
    let l = labels(&tools);
    assert!(l.contains(&"Grep".to_string()) && !l.contains(&"Read".to_string()), "{l:?}");
    let grep = tools.iter().find(|i| i["label"] == "Grep").unwrap();
    assert_eq!(grep["textEdit"]["newText"], "Grep");
    c.shutdown();
}

#[test]
fn tool_completion_keeps_quote_style_in_lists() {
    let ws = workspace(&[]);
    let (mut c, _) = LspClient::start(ws.path(), &["utf-16"]);
    let u = uri(&ws.path().join(".github/agents/q.agent.md"));
    c.open(&u, "chatagent", 1, "---\ndescription: d\ntools: ['search', \n---\n");
    c.diagnostics(&u, 1);
    let items = c.completion(&u, 2, 18);
    let fetch = items.iter().find(|i| i["label"] == "web/fetch").expect("web/fetch offered");
    assert_eq!(fetch["textEdit"]["newText"], "'web/fetch'");
    assert!(!items.iter().any(|i| i["label"] == "search"), "already listed");
    c.shutdown();
}

#[test]
fn hover_on_key_tool_and_model() {
    let ws = workspace(&[]);
    let (mut c, _) = LspClient::start(ws.path(), &["utf-16"]);
    let u = uri(&ws.path().join(".claude/agents/r.md"));
    c.open(&u, "markdown", 1, "---\nname: r\ndescription: d\nmodel: opus\ntools: Read, MultiEdit\n---\n");
    c.diagnostics(&u, 1);
    let h = c.hover(&u, 4, 2);
    let text = h["contents"]["value"].as_str().unwrap();
    assert!(text.contains("`tools`") && text.len() > 60, "{text}");
    assert_eq!(h["range"]["start"], serde_json::json!({"line": 4, "character": 0}));
    let h = c.hover(&u, 4, 8);
    assert!(h["contents"]["value"].as_str().unwrap().contains("Read"));
    let h = c.hover(&u, 4, 15);
    let t = h["contents"]["value"].as_str().unwrap();
    assert!(t.contains("MultiEdit") && t.contains("`Edit`"), "{t}");
    let h = c.hover(&u, 3, 8);
    assert!(h["contents"]["value"].as_str().unwrap().contains("alias"));
    c.shutdown();
}

#[test]
fn ordinary_markdown_gets_silence() {
    let ws = workspace(&[]);
    let (mut c, _) = LspClient::start(ws.path(), &["utf-16"]);
    for rel in ["README.md", ".claude/agents/README.md", "docs/notes.md"] {
        let u = uri(&ws.path().join(rel));
        c.open(&u, "markdown", 1, "---\nname: x\ntools: Docker\nmodel: \n---\n");
        assert!(c.diagnostics(&u, 1).is_empty(), "{rel}");
        assert!(c.completion(&u, 3, 7).is_empty(), "{rel}");
        assert_eq!(c.hover(&u, 2, 2), Value::Null, "{rel}");
    }
    c.shutdown();
}

#[test]
fn close_clears_diagnostics() {
    let ws = workspace(&[]);
    let (mut c, _) = LspClient::start(ws.path(), &["utf-16"]);
    let u = uri(&ws.path().join(".claude/agents/a.md"));
    c.open(&u, "markdown", 1, "no frontmatter\n");
    assert_eq!(summary(&c.diagnostics(&u, 1))[0].0, "missing-frontmatter");
    c.notify("textDocument/didClose", serde_json::json!({"textDocument": {"uri": u}}));
    let msg = c.wait_for(|m| {
        m["method"] == "textDocument/publishDiagnostics"
            && m["params"]["uri"] == u.as_str()
            && m["params"]["version"].is_null()
    });
    assert!(msg["params"]["diagnostics"].as_array().unwrap().is_empty());
    c.shutdown();
}
