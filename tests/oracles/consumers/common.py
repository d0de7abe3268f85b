"""Shared pieces of the consumer runners: the case manifest, the record schema, a loopback stub
of the model APIs, isolated environments and a small process pool.

Python 3.11 standard library only.
"""
from __future__ import annotations

import concurrent.futures
import http.server
import json
import os
import re
import shutil
import subprocess
import tempfile
import threading
from pathlib import Path

HERE = Path(__file__).resolve().parent.parent          # tests/oracles
CACHE = Path(os.environ.get("AGENTLS_ORACLE_CACHE", HERE / ".cache"))
OUT = Path(os.environ.get("AGENTLS_ORACLE_OUT", HERE / ".out"))
JOBS = int(os.environ.get("AGENTLS_ORACLE_JOBS", "3"))

SEVERITIES = ("error", "warning", "information", "hint")


def load_cases(consumer: str) -> list[dict]:
    """The manifest written by cases.py, restricted to one consumer."""
    path = OUT / "cases.jsonl"
    cases = []
    with path.open() as f:
        for line in f:
            c = json.loads(line)
            if c["consumer"] == consumer:
                cases.append(c)
    return cases


def group_by_root(cases: list[dict]) -> dict[str, list[dict]]:
    groups: dict[str, list[dict]] = {}
    for c in cases:
        groups.setdefault(c["root"], []).append(c)
    return groups


def record(case: dict, consumer: str, version: str, loaded, config_failed: bool,
           findings: list[dict], raw: str) -> dict:
    """One line of the shared schema (README.md, "Record schema")."""
    for f in findings:
        assert f["severity"] in SEVERITIES, f
    return {
        "case": case["case"],
        "file": case["file"],
        "consumer": consumer,
        "version": version,
        "loaded": loaded,
        "config_failed": bool(config_failed),
        "findings": findings,
        "raw": raw[-1500:] if raw else "",
    }


def write_records(consumer: str, records: list[dict]) -> Path:
    OUT.mkdir(parents=True, exist_ok=True)
    path = OUT / f"{consumer}.jsonl"
    records.sort(key=lambda r: (r["case"], r["file"]))
    with path.open("w") as f:
        for r in records:
            f.write(json.dumps(r, ensure_ascii=False) + "\n")
    return path


def frontmatter_key_lines(text: str) -> dict[str, int]:
    """1-based line of each top-level frontmatter key (first occurrence), read loosely."""
    lines = text.replace("\r\n", "\n").split("\n")
    start = 0
    if lines and lines[0].lstrip("\ufeff").strip() == "---":
        start = 1
    else:
        return {}
    out: dict[str, int] = {}
    for i in range(start, len(lines)):
        if lines[i].strip() == "---":
            break
        m = re.match(r"^([A-Za-z_][\w.-]*)\s*:", lines[i])
        if m and m.group(1) not in out:
            out[m.group(1)] = i + 1
    return out


def key_line(root: str, file: str, key: str | None):
    if not key:
        return None
    try:
        text = (Path(root) / file).read_text(encoding="utf-8", errors="replace")
    except OSError:
        return None
    return frontmatter_key_lines(text).get(key.split(".")[0].split("[")[0])


def isolated_env(home: Path, extra: dict | None = None) -> dict:
    """An environment with HOME and the XDG folders inside `home`, nothing of the caller's
    credentials, and a PATH that still finds git and node."""
    env = {
        "PATH": os.environ.get("PATH", "/usr/local/bin:/usr/bin:/bin"),
        "HOME": str(home),
        "XDG_CONFIG_HOME": str(home / ".config"),
        "XDG_DATA_HOME": str(home / ".local/share"),
        "XDG_CACHE_HOME": str(home / ".cache"),
        "XDG_STATE_HOME": str(home / ".local/state"),
        "TMPDIR": str(home / "tmp"),
        "LANG": "C.UTF-8",
        "NO_COLOR": "1",
        "TERM": "dumb",
        "CI": "true",
    }
    (home / "tmp").mkdir(parents=True, exist_ok=True)
    if extra:
        env.update(extra)
    return env


def run(cmd: list[str], cwd, env: dict, timeout: int = 120) -> subprocess.CompletedProcess:
    try:
        return subprocess.run(cmd, cwd=cwd, env=env, stdin=subprocess.DEVNULL,
                              capture_output=True, text=True, errors="replace", timeout=timeout)
    except subprocess.TimeoutExpired as e:
        out = e.stdout.decode(errors="replace") if isinstance(e.stdout, bytes) else (e.stdout or "")
        err = e.stderr.decode(errors="replace") if isinstance(e.stderr, bytes) else (e.stderr or "")
        return subprocess.CompletedProcess(cmd, 124, out, err + f"\n[oracle] timed out after {timeout}s")


def git_init(path: Path) -> None:
    if not (path / ".git").exists():
        subprocess.run(["git", "init", "-q", str(path)], check=True,
                       env={**os.environ, "GIT_CONFIG_GLOBAL": "/dev/null"})


def tempdir(prefix: str) -> Path:
    base = OUT / "tmp"
    base.mkdir(parents=True, exist_ok=True)
    return Path(tempfile.mkdtemp(prefix=prefix, dir=base))


def rmtree(path: Path) -> None:
    shutil.rmtree(path, ignore_errors=True)


def pool_map(fn, items, jobs: int = JOBS):
    with concurrent.futures.ThreadPoolExecutor(max_workers=jobs) as ex:
        return list(ex.map(fn, items))


def strip_ansi(s: str) -> str:
    return re.sub(r"\x1b\[[0-9;]*[A-Za-z]", "", s)


class Stub:
    """A loopback stand-in for the model APIs (Anthropic Messages, Gemini generateContent).

    Every request is recorded under the first path segment of its URL (`/<run-id>/v1/...`), so
    parallel runs that share one stub each get their own base URL. Anthropic Messages requests get
    a one-word `end_turn` answer; anything else HTTP 400 `invalid_request_error`; either ends a
    headless session at once. Nothing leaves the
    machine: the consumers are told to use http://127.0.0.1:<port>/<run-id> as their API.
    """

    def __init__(self):
        self.requests: dict[str, list[tuple[str, bytes]]] = {}
        # run id -> agent to spawn, or a function of the request's messages (JSON text) that names
        # it or returns None (Claude Code runtime probe)
        self.spawn: dict = {}
        self.lock = threading.Lock()
        stub = self

        class Handler(http.server.BaseHTTPRequestHandler):
            def _handle(self):
                n = int(self.headers.get("content-length") or 0)
                body = self.rfile.read(n) if n else b""
                parts = self.path.split("/", 2)
                run_id = parts[1] if len(parts) > 1 else ""
                with stub.lock:
                    stub.requests.setdefault(run_id, []).append((self.path, body))
                if "/messages" in self.path:
                    self._anthropic(body, stub.spawn.get(run_id))
                    return
                msg = json.dumps({"type": "error", "error": {
                    "type": "invalid_request_error", "message": "agentls oracle stub"}}).encode()
                self.send_response(400)
                self.send_header("content-type", "application/json")
                self.send_header("content-length", str(len(msg)))
                self.end_headers()
                self.wfile.write(msg)

            def _anthropic(self, body: bytes, spawn: str | None):
                """A one-word `end_turn` answer (streamed when asked), so the session ends after
                one request instead of retrying an error. With `spawn` set for this run, the main
                conversation's first request is answered with an Agent tool call that spawns that
                agent, so its own request (tools, model, system prompt) reaches the stub too."""
                try:
                    req = json.loads(body)
                except ValueError:
                    req = {}
                stream = bool(req.get("stream"))
                msgs = json.dumps(req.get("messages", []))
                usage = {"input_tokens": 1, "output_tokens": 1}
                message = {"id": "msg_oracle", "type": "message", "role": "assistant",
                           "model": "oracle", "content": [], "stop_reason": None,
                           "stop_sequence": None, "usage": usage}
                if callable(spawn) and stream and "Available agent types" in msgs \
                        and "toolu_oracle" not in msgs and "Answer ok." not in msgs:
                    spawn = spawn(msgs)
                else:
                    spawn = None if callable(spawn) else spawn
                if spawn and stream and "Available agent types" in msgs and "toolu_oracle" not in msgs \
                        and "Answer ok." not in msgs:
                    call = json.dumps({"subagent_type": spawn, "description": "oracle probe",
                                       "prompt": "Answer ok."})
                    events = [
                        ("message_start", {"type": "message_start", "message": message}),
                        ("content_block_start", {"type": "content_block_start", "index": 0,
                                                 "content_block": {"type": "tool_use", "id": "toolu_oracle",
                                                                   "name": "Agent", "input": {}}}),
                        ("content_block_delta", {"type": "content_block_delta", "index": 0,
                                                 "delta": {"type": "input_json_delta", "partial_json": call}}),
                        ("content_block_stop", {"type": "content_block_stop", "index": 0}),
                        ("message_delta", {"type": "message_delta", "delta": {
                            "stop_reason": "tool_use", "stop_sequence": None}, "usage": {"output_tokens": 1}}),
                        ("message_stop", {"type": "message_stop"}),
                    ]
                    data = "".join(f"event: {e}\ndata: {json.dumps(d)}\n\n" for e, d in events).encode()
                    self.send_response(200)
                    self.send_header("content-type", "text/event-stream")
                    self.send_header("content-length", str(len(data)))
                    self.end_headers()
                    self.wfile.write(data)
                    return
                if not stream:
                    message.update(content=[{"type": "text", "text": "ok"}], stop_reason="end_turn")
                    data = json.dumps(message).encode()
                    ctype = "application/json"
                else:
                    events = [
                        ("message_start", {"type": "message_start", "message": message}),
                        ("content_block_start", {"type": "content_block_start", "index": 0,
                                                 "content_block": {"type": "text", "text": ""}}),
                        ("content_block_delta", {"type": "content_block_delta", "index": 0,
                                                 "delta": {"type": "text_delta", "text": "ok"}}),
                        ("content_block_stop", {"type": "content_block_stop", "index": 0}),
                        ("message_delta", {"type": "message_delta", "delta": {
                            "stop_reason": "end_turn", "stop_sequence": None},
                            "usage": {"output_tokens": 1}}),
                        ("message_stop", {"type": "message_stop"}),
                    ]
                    data = "".join(f"event: {e}\ndata: {json.dumps(d)}\n\n" for e, d in events).encode()
                    ctype = "text/event-stream"
                self.send_response(200)
                self.send_header("content-type", ctype)
                self.send_header("content-length", str(len(data)))
                self.end_headers()
                self.wfile.write(data)

            do_POST = _handle
            do_GET = _handle

            def log_message(self, *args):
                pass

        self.server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.port = self.server.server_address[1]
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)
        self.thread.start()

    def base_url(self, run_id: str) -> str:
        return f"http://127.0.0.1:{self.port}/{run_id}"

    def take(self, run_id: str) -> list[tuple[str, bytes]]:
        with self.lock:
            return self.requests.pop(run_id, [])

    def close(self):
        self.server.shutdown()
