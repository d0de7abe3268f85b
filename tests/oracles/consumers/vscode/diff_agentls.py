#!/usr/bin/env python3
"""Lines up VS Code's verdicts (run.sh output) with agentls's on the same files.

    python3 diff_agentls.py CASES_DIR VSCODE.jsonl [--agentls AGENTLS_BIN] [--json OUT.json] [--cases ID,ID]

Runs `agentls check --format json . FILES…` in CASES_DIR (the folder as workspace, every case file named), names
each VS Code finding by the validator message it comes from (VS Code's own nls message table in the
code-server install), pairs findings of both tools that start on the same line, and prints:
  - pairs on the same line: VS Code message key + severity  ↔  agentls code + severity (counts, examples)
  - VS Code findings agentls has no finding for on that line (by message key)
  - agentls findings VS Code has none for on that line (by code)
--json writes the per-case alignment for further analysis.
"""
import collections
import json
import os
import re
import subprocess
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
REPO = HERE.parents[3]
CACHE = Path(os.environ.get("AGENTLS_EDITOR_CACHE", REPO / "tests/editors/.cache"))
OUT = CACHE / "code-server-4.139.1/node_modules/code-server/lib/vscode/out"


def message_patterns():
    """(key, regex) for every message of VS Code's prompt validator, YAML parser and header parser."""
    keys = json.loads((OUT / "nls.keys.json").read_text())
    msgs = json.loads((OUT / "nls.messages.json").read_text())
    pats = []
    i = 0
    for mod, ks in keys:
        for k in ks:
            if mod.endswith("promptValidator") and k.startswith("promptValidator.") or mod == "vs/base/common/yaml":
                m = msgs[i]
                rx = re.escape(m)
                rx = re.sub(r"\\\{\d\\\}", "(.*?)", rx)
                pats.append((k if k.startswith("promptValidator.") else "yaml." + k, re.compile("^" + rx + "$", re.S)))
            i += 1
    pats.append(("header.invalid", re.compile(r"^Invalid header, expecting <key: value> pairs$")))
    # Longest literal first, so "…must be a non-empty string" wins over "…must be a string".
    pats.sort(key=lambda p: -len(p[1].pattern.replace("(.*?)", "")))
    return pats


def vscode_key(pats, msg):
    for k, rx in pats:
        if rx.match(msg):
            return k
    return "?" + msg[:60]


def main():
    args = sys.argv[1:]
    cases_dir, vs_file = Path(args[0]), Path(args[1])
    agentls = args[args.index("--agentls") + 1] if "--agentls" in args else os.environ.get("AGENTLS_BIN", "/work/agentls-bin/agentls")
    only = set(args[args.index("--cases") + 1].split(",")) if "--cases" in args else None
    pats = message_patterns()
    vs = [json.loads(l) for l in vs_file.read_text().splitlines() if l.strip()]
    if only:
        vs = [r for r in vs if r["case"] in only]
    files = [r["file"] for r in vs]
    # `.` first: agentls then indexes the whole folder (agents, skills, .vscode/mcp.json) as the
    # workspace; the files named after it are checked even where its discovery would skip them.
    out = subprocess.run([agentls, "check", "--format", "json", ".", *files], cwd=cases_dir, capture_output=True, text=True)
    al = json.loads(out.stdout or "[]")
    by_file = collections.defaultdict(list)
    for d in al:
        by_file[d["path"][2:] if d["path"].startswith("./") else d["path"]].append(d)
    pairs = collections.defaultdict(list)
    vs_only = collections.defaultdict(list)
    al_only = collections.defaultdict(list)
    per_case = []
    for r in vs:
        a = by_file.get(r["file"], [])
        v = r["findings"]
        used = set()
        rows = []
        for f in v:
            k = vscode_key(pats, f["message"])
            # Same start (line and column) first, then the same line.
            match = [j for j, d in enumerate(a) if j not in used and d["range"]["start"]["line"] == f["line"] and d["range"]["start"]["column"] == f["column"]]
            match = match or [j for j, d in enumerate(a) if j not in used and d["range"]["start"]["line"] == f["line"]]
            if match:
                j = match[0]
                used.add(j)
                d = a[j]
                pairs[(k, f["severity"], d["code"], d["severity"])].append((r["case"], f["line"], f["message"], d["message"]))
                rows.append({"line": f["line"], "vscode": [k, f["severity"], f["message"]], "agentls": [d["code"], d["severity"], d["message"]]})
            else:
                vs_only[(k, f["severity"])].append((r["case"], f["line"], f["message"]))
                rows.append({"line": f["line"], "vscode": [k, f["severity"], f["message"]], "agentls": None})
        for j, d in enumerate(a):
            if j not in used:
                al_only[(d["code"], d["severity"])].append((r["case"], d["range"]["start"]["line"], d["message"]))
                rows.append({"line": d["range"]["start"]["line"], "vscode": None, "agentls": [d["code"], d["severity"], d["message"]]})
        per_case.append({"case": r["case"], "file": r["file"], "language_id": r.get("language_id"), "loaded": r.get("loaded"), "validated": r.get("validated"), "rows": sorted(rows, key=lambda x: x["line"])})

    def show(title, table, n=3):
        print(f"\n## {title}")
        for key, items in sorted(table.items(), key=lambda kv: (-len(kv[1]), kv[0])):
            print(f"- {' / '.join(map(str, key))}: {len(items)}")
            for it in items[:n]:
                print("    " + " | ".join(str(x)[:150] for x in it))

    show("same line: VS Code key, severity / agentls code, severity", pairs)
    show("VS Code only (key, severity)", vs_only)
    show("agentls only (code, severity)", al_only)
    if "--json" in args:
        Path(args[args.index("--json") + 1]).write_text(json.dumps(per_case, indent=1))


if __name__ == "__main__":
    main()
