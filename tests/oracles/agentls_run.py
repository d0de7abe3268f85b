#!/usr/bin/env python3
"""Runs `agentls check --format json` on every case file, in its case root, and writes
.out/agentls.jsonl: {"root", "file", "case", "findings": [{line, severity, code, message, dialect}]}.

The binary is $AGENTLS_BIN (default: target/release/agentls of this checkout). Each root is checked
on its own, with the root as the working directory and the case files named relative to it, so
the file sits in the same layout the consumer saw (plugin/agents/x.md with plugin.json above it is a
plugin agent, .claude/agents/x.md a project agent, …).
"""
from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from consumers import common  # noqa: E402

REPO = Path(__file__).resolve().parent.parent.parent
BIN = os.environ.get("AGENTLS_BIN") or str(REPO / "target" / "release" / "agentls")


def check_root(args) -> list[dict]:
    root, cases = args
    files = sorted({c["file"] for c in cases})
    out: list[dict] = []
    findings: dict[str, list] = {f: [] for f in files}
    # Named files are always checked; in chunks to stay under the argument limit.
    for i in range(0, len(files), 200):
        chunk = files[i:i + 200]
        p = subprocess.run([BIN, "check", "--format", "json", *chunk], cwd=root,
                           capture_output=True, text=True, errors="replace", timeout=300)
        if p.returncode not in (0, 1):
            raise RuntimeError(f"agentls exited {p.returncode} in {root}: {p.stderr[-500:]}")
        for d in json.loads(p.stdout or "[]"):
            path = os.path.normpath(d["path"])
            if path not in findings:
                continue
            findings[path].append({
                "line": d["range"]["start"]["line"], "severity": d["severity"], "code": d["code"],
                "message": d["message"], "dialect": d.get("dialect")})
    for c in cases:
        out.append({"root": root, "file": c["file"], "case": c["case"],
                    "findings": findings.get(c["file"], [])})
    return out


def main() -> int:
    if not os.access(BIN, os.X_OK):
        print(f"agentls_run.py: no agentls binary at {BIN} (set AGENTLS_BIN)", file=sys.stderr)
        return 2
    cases = []
    with (common.OUT / "cases.jsonl").open() as f:
        cases = [json.loads(line) for line in f]
    groups = common.group_by_root(cases)
    results = common.pool_map(check_root, list(groups.items()))
    rows = [r for rs in results for r in rs]
    path = common.OUT / "agentls.jsonl"
    with path.open("w") as f:
        for r in rows:
            f.write(json.dumps(r, ensure_ascii=False) + "\n")
    v = subprocess.run([BIN, "--version"], capture_output=True, text=True).stdout.strip()
    (common.OUT / "agentls.version").write_text(v + "\n")
    n = sum(len(r["findings"]) for r in rows)
    print(f"agentls_run.py: {v}: {len(rows)} case files, {n} findings -> {path}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
