//! Ordering under load: 1,000 incremental edits interleaved with hover and completion requests,
//! sent as fast as possible without waiting; the server's final state must equal the client's.

use serde_json::{json, Value};

use crate::support::lsp_client::{summary, uri, LspClient};
use crate::support::workspace;

/// A small deterministic PRNG (xorshift), so failures reproduce.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }
}

/// LSP position (UTF-16) of char index `at` in `text`.
fn position(text: &str, at: usize) -> (u32, u32) {
    let (mut line, mut col) = (0u32, 0u32);
    let chars: Vec<char> = text.chars().collect();
    let mut i = 0;
    while i < at {
        match chars[i] {
            '\r' if chars.get(i + 1) == Some(&'\n') && i + 1 < at => {
                line += 1;
                col = 0;
                i += 1;
            }
            '\n' | '\r' => {
                line += 1;
                col = 0;
            }
            c => col += c.len_utf16() as u32,
        }
        i += 1;
    }
    (line, col)
}

const PIECES: &[&str] = &[
    "x",
    "é",
    "😀",
    "\n",
    "\r\n",
    "tools: Read, Docker\n",
    "model: opus\n",
    ": ",
    "  - ",
    "\t",
    "description: a: b\n",
    "---\n",
    "name: k\n",
    "Agent(",
    "中文",
];

#[test]
fn a_thousand_interleaved_edits_and_requests_end_in_the_clients_state() {
    let ws = workspace(&[]);
    let (mut c, _) = LspClient::start(ws.path(), &["utf-16"]);
    let u = uri(&ws.path().join("a/.claude/agents/x.md"));
    let mut model = String::from("---\nname: x\ndescription: d\ntools: Read\n---\nBody\n");
    c.open(&u, "markdown", 1, &model);
    let mut rng = Rng(0x9e37_79b9_7f4a_7c15);
    let mut pending = Vec::new();
    for v in 2..1002 {
        let chars: Vec<char> = model.chars().collect();
        let a = rng.below(chars.len() + 1);
        let b = (a + rng.below(4)).min(chars.len());
        // Never split a CRLF pair: LSP positions cannot point between `\r` and `\n`.
        let splits_crlf = |i: usize| i > 0 && i < chars.len() && chars[i - 1] == '\r' && chars[i] == '\n';
        if splits_crlf(a) || splits_crlf(b) {
            continue;
        }
        let insert = if rng.below(3) == 0 { "" } else { PIECES[rng.below(PIECES.len())] };
        let (start, end) = (position(&model, a), position(&model, b));
        c.change(&u, v, [start, end], insert);
        let new_model: String = chars[..a].iter().collect::<String>() + insert + &chars[b..].iter().collect::<String>();
        model = new_model;
        let (line, character) = position(&model, rng.below(model.chars().count() + 1));
        let method = if v % 2 == 0 { "textDocument/hover" } else { "textDocument/completion" };
        pending.push(c.send_request(
            method,
            json!({"textDocument": {"uri": u}, "position": {"line": line, "character": character}}),
        ));
    }
    let last = 1001;
    // Every request is answered (none lost, none failing).
    for id in pending {
        let r = c.response(id);
        assert!(r.get("error").is_none(), "{r}");
    }
    // Force a final, known version and compare with a fresh open of the client's text.
    c.change(&u, last + 1, [(0, 0), (0, 0)], "");
    let edited = c.diagnostics(&u, last + 1);
    let fresh_uri = uri(&ws.path().join("b/.claude/agents/x.md"));
    c.open(&fresh_uri, "markdown", 1, &model);
    let fresh = c.diagnostics(&fresh_uri, 1);
    let messages = |d: &[Value]| d.iter().map(|x| x["message"].as_str().unwrap().to_string()).collect::<Vec<_>>();
    assert_eq!(summary(&edited), summary(&fresh), "final text:\n{model}");
    assert_eq!(messages(&edited), messages(&fresh));
    let symbols =
        |c: &mut LspClient, u: &str| c.request("textDocument/documentSymbol", json!({"textDocument": {"uri": u}}));
    assert_eq!(symbols(&mut c, &u), symbols(&mut c, &fresh_uri));
    c.shutdown();
}

/// A keystroke in a 10 MB document whose analysis is slow (an unclosed frontmatter: every edit
/// re-reads all of it) never holds up a request on another document: the hover is answered
/// before the big document's diagnostics of that version are published — by the order of
/// events, not by timing.
#[test]
fn a_hover_on_a_small_document_is_not_held_behind_a_big_documents_analysis() {
    let small = "---\nname: planner\ndescription: Plans work.\ntools: Read\n---\nPlan.\n";
    let ws = workspace(&[(".claude/agents/planner.md", small)]);
    let (mut c, _) = LspClient::start(ws.path(), &["utf-16"]);
    let small_uri = uri(&ws.path().join(".claude/agents/planner.md"));
    c.open(&small_uri, "markdown", 1, small);
    c.diagnostics(&small_uri, 1);
    let big_uri = uri(&ws.path().join(".claude/agents/big.md"));
    let mut big = String::from("---\nname: big\ndescription: A big agent\n");
    while big.len() < 10 << 20 {
        big.push_str("note: a long frontmatter that is never closed, so each edit reads all of it\n");
    }
    c.open(&big_uri, "markdown", 1, &big);
    for version in 2..5 {
        c.change(&big_uri, version, [(1, 6), (1, 6)], "x");
        let hover = c.send_request(
            "textDocument/hover",
            json!({"textDocument": {"uri": small_uri}, "position": {"line": 3, "character": 8}}),
        );
        // Whichever comes first: the hover's answer or the big document's publish.
        let first = c.wait_for(|m| {
            m.get("id") == Some(&json!(hover))
                || (m["method"] == "textDocument/publishDiagnostics" && m["params"]["uri"] == big_uri.as_str())
        });
        assert_eq!(first.get("id"), Some(&json!(hover)), "the big document's analysis came first: {first}");
        assert!(first["result"]["contents"]["value"].as_str().is_some_and(|v| v.contains("`Read`")), "{first}");
    }
    // The big document is still analysed to the end: its last version gets published.
    let diags = c.diagnostics(&big_uri, 4);
    assert!(diags.iter().any(|d| d["code"] == "unclosed-frontmatter"), "{diags:?}");
    c.shutdown();
}
