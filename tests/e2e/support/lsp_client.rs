//! A minimal editor-like LSP client: spawns the real `agentls server` and talks JSON-RPC over
//! its stdio with `Content-Length` framing.

use std::collections::VecDeque;
use std::io::{BufRead, BufReader, Read, Write};
use std::path::Path;
use std::process::{Child, ChildStdin, Command, Stdio};
use std::sync::mpsc::{channel, Receiver, RecvTimeoutError};
use std::time::{Duration, Instant};

use serde_json::{json, Value};

/// How long any single wait may take before the test fails (generous: CI machines are slow).
const TIMEOUT: Duration = Duration::from_secs(60);

/// The server under test: cargo's binary for tests and benches; `$AGENTLS_BIN` or the
/// release build for examples (cargo sets no binary path for them).
fn server_binary() -> std::path::PathBuf {
    match option_env!("CARGO_BIN_EXE_agentls") {
        Some(bin) => bin.into(),
        None => std::env::var_os("AGENTLS_BIN")
            .map_or_else(|| Path::new(env!("CARGO_MANIFEST_DIR")).join("../target/release/agentls"), Into::into),
    }
}

/// How to start the server: [`LspClient::start_opts`].
#[derive(Default)]
pub struct Start<'a> {
    /// `initializationOptions`.
    pub options: Value,
    /// Another `HOME`.
    pub home: Option<&'a Path>,
    /// A program to run the server under (`strace -o log`).
    pub wrapper: &'a [&'a str],
    /// Extra environment variables.
    pub env: &'a [(&'a str, &'a str)],
    /// The client's capabilities, instead of the default editor-like set.
    pub capabilities: Option<Value>,
    /// Where the server's stderr goes (default: nowhere).
    pub stderr: Option<&'a std::fs::File>,
    /// Do not wait for the cold index after `initialized` (default: wait, when the client
    /// capabilities offer `window.workDoneProgress`, for the end of its `$/progress`).
    pub no_index_wait: bool,
    /// The `agentls` settings the client answers `workspace/configuration` with (default
    /// `null`: none).
    pub settings: Value,
}

/// A running server and the messages it sent that nobody consumed yet.
pub struct LspClient {
    child: Child,
    stdin: ChildStdin,
    incoming: Receiver<Value>,
    pending: VecDeque<Value>,
    next_id: i64,
    /// What the client answers to `workspace/configuration` for every item (the `agentls`
    /// section of an editor's settings).
    settings: Value,
}

impl LspClient {
    /// Starts `agentls server` and completes `initialize` / `initialized`. `encodings` is what
    /// the client offers in `general.positionEncodings`. Returns the client and the
    /// `InitializeResult`.
    pub fn start(root: &Path, encodings: &[&str]) -> (Self, Value) {
        Self::start_with(root, encodings, Value::Null, None)
    }

    /// Like [`Self::start`], with `initializationOptions` and optionally another `HOME`.
    pub fn start_with(root: &Path, encodings: &[&str], options: Value, home: Option<&Path>) -> (Self, Value) {
        Self::start_wrapped(root, encodings, options, home, &[])
    }

    /// Like [`Self::start_with`], running the server under `wrapper` (e.g. `strace -o log`).
    pub fn start_wrapped(
        root: &Path,
        encodings: &[&str],
        options: Value,
        home: Option<&Path>,
        wrapper: &[&str],
    ) -> (Self, Value) {
        Self::start_opts(root, encodings, Start { options, home, wrapper, ..Start::default() })
    }

    /// The general form: everything [`Start`] can set.
    pub fn start_opts(root: &Path, encodings: &[&str], start: Start) -> (Self, Value) {
        let mut cmd = match start.wrapper.split_first() {
            Some((program, args)) => {
                let mut c = Command::new(program);
                c.args(args).arg(server_binary());
                c
            }
            None => Command::new(server_binary()),
        };
        if let Some(h) = start.home {
            cmd.env("HOME", h);
        }
        for (k, v) in start.env {
            cmd.env(k, v);
        }
        let mut child = cmd
            .arg("server")
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(start.stderr.map_or_else(Stdio::null, |f| f.try_clone().expect("stderr file").into()))
            .spawn()
            .expect("agentls server starts");
        let stdin = child.stdin.take().unwrap();
        let stdout = child.stdout.take().unwrap();
        let (tx, rx) = channel();
        std::thread::spawn(move || {
            let mut reader = BufReader::new(stdout);
            loop {
                let mut len = None;
                loop {
                    let mut line = String::new();
                    if reader.read_line(&mut line).unwrap_or(0) == 0 {
                        return;
                    }
                    let line = line.trim_end();
                    if line.is_empty() {
                        break;
                    }
                    if let Some(v) = line.strip_prefix("Content-Length: ") {
                        len = v.parse::<usize>().ok();
                    }
                }
                let mut body = vec![0; len.expect("Content-Length header")];
                if reader.read_exact(&mut body).is_err() {
                    return;
                }
                let msg: Value = serde_json::from_slice(&body).expect("server sends JSON");
                if tx.send(msg).is_err() {
                    return;
                }
            }
        });
        let mut client =
            Self { child, stdin, incoming: rx, pending: VecDeque::new(), next_id: 1, settings: start.settings };
        let root_uri = uri(root);
        let capabilities = start.capabilities.unwrap_or_else(|| {
            json!({
                "general": {"positionEncodings": encodings},
                "window": {"workDoneProgress": true},
                "workspace": {
                    "configuration": true,
                    "workspaceEdit": {"documentChanges": true, "resourceOperations": ["create", "rename", "delete"]}
                },
                "textDocument": {
                    "completion": {"completionItem": {"snippetSupport": false}},
                    "hover": {"contentFormat": ["markdown", "plaintext"]},
                    "publishDiagnostics": {"versionSupport": true}
                }
            })
        });
        let progress = capabilities["window"]["workDoneProgress"] == json!(true);
        let result = client.request(
            "initialize",
            json!({
                "processId": null,
                "rootUri": root_uri,
                "initializationOptions": start.options,
                "workspaceFolders": [{"uri": root_uri, "name": "ws"}],
                "capabilities": capabilities
            }),
        );
        client.notify("initialized", json!({}));
        if progress && !start.no_index_wait {
            client.wait_indexed();
        }
        (client, result)
    }

    fn send(&mut self, msg: Value) {
        self.send_all(&[msg]);
    }

    /// Writes `msgs` in one write, so the server reads them together.
    fn send_all(&mut self, msgs: &[Value]) {
        let mut frames = String::new();
        for msg in msgs {
            let body = serde_json::to_string(msg).unwrap();
            frames.push_str(&format!("Content-Length: {}\r\n\r\n{}", body.len(), body));
        }
        self.stdin.write_all(frames.as_bytes()).unwrap();
        self.stdin.flush().unwrap();
    }

    /// Sends a request and, in the same write, its `$/cancelRequest`; returns the request id
    /// (collect the answer with [`Self::response`]).
    pub fn send_request_and_cancel(&mut self, method: &str, params: Value) -> i64 {
        let id = self.next_id;
        self.next_id += 1;
        self.send_all(&[
            json!({"jsonrpc": "2.0", "id": id, "method": method, "params": params}),
            json!({"jsonrpc": "2.0", "method": "$/cancelRequest", "params": {"id": id}}),
        ]);
        id
    }

    /// Answers a request the server sent (`workspace/applyEdit`, taken with [`Self::wait_for`]).
    pub fn respond(&mut self, id: Value, result: Value) {
        self.send(json!({"jsonrpc": "2.0", "id": id, "result": result}));
    }

    /// Sends a notification.
    pub fn notify(&mut self, method: &str, params: Value) {
        self.send(json!({"jsonrpc": "2.0", "method": method, "params": params}));
    }

    /// Sends a request and waits for its result (panics on an error response or time-out).
    pub fn request(&mut self, method: &str, params: Value) -> Value {
        let id = self.next_id;
        self.next_id += 1;
        self.send(json!({"jsonrpc": "2.0", "id": id, "method": method, "params": params}));
        let msg = self.wait_for(|m| m.get("id") == Some(&json!(id)) && m.get("method").is_none());
        if let Some(err) = msg.get("error") {
            panic!("{method} failed: {err}");
        }
        msg["result"].clone()
    }

    /// Sends a request without waiting; returns its id (collect the answer with
    /// [`Self::response`]).
    pub fn send_request(&mut self, method: &str, params: Value) -> i64 {
        let id = self.next_id;
        self.next_id += 1;
        self.send(json!({"jsonrpc": "2.0", "id": id, "method": method, "params": params}));
        id
    }

    /// The response message to request `id`.
    pub fn response(&mut self, id: i64) -> Value {
        self.wait_for(|m| m.get("id") == Some(&json!(id)) && m.get("method").is_none())
    }

    /// Sends a request and returns the whole response message (result or error).
    pub fn request_raw(&mut self, method: &str, params: Value) -> Value {
        let id = self.next_id;
        self.next_id += 1;
        self.send(json!({"jsonrpc": "2.0", "id": id, "method": method, "params": params}));
        self.wait_for(|m| m.get("id") == Some(&json!(id)) && m.get("method").is_none())
    }

    /// Waits for the first message (already received or new) matching `pred`, removing it.
    pub fn wait_for(&mut self, mut pred: impl FnMut(&Value) -> bool) -> Value {
        if let Some(i) = self.pending.iter().position(&mut pred) {
            return self.pending.remove(i).unwrap();
        }
        let deadline = Instant::now() + TIMEOUT;
        loop {
            let left = deadline.saturating_duration_since(Instant::now());
            match self.incoming.recv_timeout(left) {
                // A request from the server (registerCapability, workDoneProgress/create):
                // answer like an editor that accepts it.
                Ok(m) if m.get("id").is_some() && m.get("method").is_some() && !pred(&m) => {
                    let id = m["id"].clone();
                    let result = if m["method"] == "workspace/configuration" {
                        let items = m["params"]["items"].as_array().map_or(0, Vec::len);
                        Value::Array(vec![self.settings.clone(); items])
                    } else {
                        Value::Null
                    };
                    self.send(json!({"jsonrpc": "2.0", "id": id, "result": result}));
                }
                Ok(m) if pred(&m) => return m,
                Ok(m) => self.pending.push_back(m),
                Err(RecvTimeoutError::Timeout) => panic!("timed out; unconsumed messages: {:#?}", self.pending),
                Err(RecvTimeoutError::Disconnected) => {
                    panic!("server exited; unconsumed messages: {:#?}", self.pending)
                }
            }
        }
    }

    /// Changes what the client answers to `workspace/configuration` (then notify
    /// `workspace/didChangeConfiguration`, as an editor does).
    pub fn set_settings(&mut self, settings: Value) {
        self.settings = settings;
    }

    /// Waits for `publishDiagnostics` of `uri` with `version` and returns its diagnostics.
    pub fn diagnostics(&mut self, uri: &str, version: i64) -> Vec<Value> {
        let msg = self.wait_for(|m| {
            m["method"] == "textDocument/publishDiagnostics"
                && m["params"]["uri"] == uri
                && m["params"]["version"] == version
        });
        msg["params"]["diagnostics"].as_array().cloned().unwrap_or_default()
    }

    /// Opens a document.
    pub fn open(&mut self, uri: &str, language: &str, version: i64, text: &str) {
        self.notify(
            "textDocument/didOpen",
            json!({"textDocument": {"uri": uri, "languageId": language, "version": version, "text": text}}),
        );
    }

    /// Applies one incremental change.
    pub fn change(&mut self, uri: &str, version: i64, range: [(u32, u32); 2], text: &str) {
        self.notify(
            "textDocument/didChange",
            json!({"textDocument": {"uri": uri, "version": version},
                   "contentChanges": [{"range": {"start": {"line": range[0].0, "character": range[0].1},
                                                 "end": {"line": range[1].0, "character": range[1].1}},
                                       "text": text}]}),
        );
    }

    /// `textDocument/completion` labels at a position.
    pub fn completion(&mut self, uri: &str, line: u32, character: u32) -> Vec<Value> {
        let r = self.request(
            "textDocument/completion",
            json!({"textDocument": {"uri": uri}, "position": {"line": line, "character": character}}),
        );
        match r {
            Value::Null => Vec::new(),
            Value::Array(items) => items,
            other => other["items"].as_array().cloned().unwrap_or_default(),
        }
    }

    /// `textDocument/hover` at a position.
    pub fn hover(&mut self, uri: &str, line: u32, character: u32) -> Value {
        self.request(
            "textDocument/hover",
            json!({"textDocument": {"uri": uri}, "position": {"line": line, "character": character}}),
        )
    }

    /// Waits for the end of the cold index (its `$/progress` `end`): from then on, every
    /// publish has the cross-file findings.
    pub fn wait_indexed(&mut self) {
        self.wait_for(|m| {
            m["method"] == "$/progress"
                && m["params"]["token"] == "agentls/index"
                && m["params"]["value"]["kind"] == "end"
        });
    }

    /// The server's process id.
    pub fn pid(&self) -> u32 {
        self.child.id()
    }

    /// Every message received so far that nobody consumed, removed (after draining what has
    /// arrived within `wait`).
    pub fn drain(&mut self, wait: Duration) -> Vec<Value> {
        let deadline = Instant::now() + wait;
        while let Ok(m) = self.incoming.recv_timeout(deadline.saturating_duration_since(Instant::now())) {
            self.pending.push_back(m);
        }
        self.pending.drain(..).collect()
    }

    /// The `publishDiagnostics` notifications among what arrives within `wait` (and what was
    /// pending): see [`LspClient::drain`].
    pub fn publishes(&mut self, wait: Duration) -> Vec<Value> {
        self.drain(wait).into_iter().filter(|m| m["method"] == "textDocument/publishDiagnostics").collect()
    }

    /// `shutdown` + `exit`, and waits for the process.
    pub fn shutdown(mut self) {
        self.request("shutdown", Value::Null);
        self.notify("exit", Value::Null);
        let deadline = Instant::now() + TIMEOUT;
        while Instant::now() < deadline {
            if let Ok(Some(_)) = self.child.try_wait() {
                return;
            }
            std::thread::sleep(Duration::from_millis(10));
        }
        let _ = self.child.kill();
        panic!("server did not exit after shutdown/exit");
    }
}

impl Drop for LspClient {
    fn drop(&mut self) {
        let _ = self.child.kill();
    }
}

/// `file://` URI of a path.
pub fn uri(path: &Path) -> String {
    let p = path.to_string_lossy().replace('\\', "/");
    let p = p.replace(' ', "%20");
    if p.starts_with('/') {
        format!("file://{p}")
    } else {
        format!("file:///{p}")
    }
}

/// `(code, severity, [start line, start char, end line, end char])` of each diagnostic.
pub fn summary(diags: &[Value]) -> Vec<(String, i64, [u64; 4])> {
    let mut out: Vec<_> = diags
        .iter()
        .map(|d| {
            let r = &d["range"];
            (
                d["code"].as_str().unwrap_or("").to_string(),
                d["severity"].as_i64().unwrap_or(0),
                [
                    r["start"]["line"].as_u64().unwrap(),
                    r["start"]["character"].as_u64().unwrap(),
                    r["end"]["line"].as_u64().unwrap(),
                    r["end"]["character"].as_u64().unwrap(),
                ],
            )
        })
        .collect();
    out.sort();
    out
}
