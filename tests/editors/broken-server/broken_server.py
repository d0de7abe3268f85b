#!/usr/bin/env python3
"""A deliberately broken stand-in for `agentls server`, to show the editor suites fail.

It speaks just enough LSP to look alive: it answers `initialize` with the same capabilities
as agentls (sync, completion, hover), answers every request with `null`, and never publishes
diagnostics. Every suite must report FAIL against it:

    AGENTLS_BIN=tests/editors/broken-server/broken_server.py tests/editors/run.sh
"""
import json
import sys


def read_message(stream):
    length = None
    while True:
        line = stream.readline()
        if not line:
            return None
        line = line.strip()
        if not line:
            break
        name, _, value = line.decode("ascii").partition(":")
        if name.lower() == "content-length":
            length = int(value.strip())
    return json.loads(stream.read(length)) if length is not None else None


def send(stream, message):
    body = json.dumps(message).encode("utf-8")
    stream.write(b"Content-Length: %d\r\n\r\n" % len(body) + body)
    stream.flush()


def main():
    stdin, stdout = sys.stdin.buffer, sys.stdout.buffer
    while True:
        msg = read_message(stdin)
        if msg is None or msg.get("method") == "exit":
            return
        if "id" not in msg or "method" not in msg:
            continue  # a notification, or a response to us
        result = None
        if msg["method"] == "initialize":
            result = {
                "capabilities": {
                    "textDocumentSync": {"openClose": True, "change": 2},
                    "completionProvider": {"triggerCharacters": [":", " "]},
                    "hoverProvider": True,
                },
                "serverInfo": {"name": "agentls", "version": "broken"},
            }
        send(stdout, {"jsonrpc": "2.0", "id": msg["id"], "result": result})


if __name__ == "__main__":
    main()
