//! One link resolver: a link or `#file:` reference is reported `broken-link` exactly when
//! `textDocument/documentLink` offers no target for it.

use serde_json::{json, Value};

use crate::support::lsp_client::{uri, LspClient};
use crate::support::workspace;

#[test]
fn a_link_is_broken_exactly_when_it_has_no_document_link() {
    let agent = "---\nname: a\ndescription: Links.\n---\n\
                 [here](notes.md) [root only](docs/guide.md) [up](../../docs/guide.md)\n\
                 [missing](nope.md) [rooted](/docs/guide.md) #file:docs/guide.md #file:nope.md\n\
                 [frag](notes.md#part) [enc](my%20notes.md)\n";
    let ws = workspace(&[
        (".claude/agents/a.md", agent),
        (".claude/agents/notes.md", "notes\n"),
        (".claude/agents/my notes.md", "notes\n"),
        ("docs/guide.md", "# Guide\n"),
    ]);
    let (mut c, _) = LspClient::start(ws.path(), &["utf-16"]);
    let u = uri(&ws.path().join(".claude/agents/a.md"));
    c.open(&u, "markdown", 1, agent);
    let broken: Vec<Value> =
        c.diagnostics(&u, 1).into_iter().filter(|d| d["code"] == "broken-link").map(|d| d["range"].clone()).collect();
    let links = c.request("textDocument/documentLink", json!({"textDocument": {"uri": u}}));
    let linked: Vec<Value> = links.as_array().unwrap().iter().map(|l| l["range"].clone()).collect();
    let text = |r: &Value| {
        let line = agent.lines().nth(r["start"]["line"].as_u64().unwrap() as usize).unwrap();
        let chars: Vec<char> = line.chars().collect();
        chars[r["start"]["character"].as_u64().unwrap() as usize..r["end"]["character"].as_u64().unwrap() as usize]
            .iter()
            .collect::<String>()
    };
    let mut broken_texts: Vec<String> = broken.iter().map(text).collect();
    let mut linked_texts: Vec<String> = linked.iter().map(text).collect();
    broken_texts.sort();
    linked_texts.sort();
    // The consumer's rules: relative to the file; `#file:` also from a root; `/x` from a root.
    // `[root only](docs/guide.md)` is broken; `#file:docs/guide.md` is not.
    assert_eq!(broken_texts, ["docs/guide.md", "nope.md", "nope.md"]);
    assert_eq!(
        linked_texts,
        ["../../docs/guide.md", "/docs/guide.md", "docs/guide.md", "my%20notes.md", "notes.md", "notes.md#part"]
    );
    assert!(broken.iter().all(|b| !linked.contains(b)), "a range is both broken and linked");
    c.shutdown();
}
