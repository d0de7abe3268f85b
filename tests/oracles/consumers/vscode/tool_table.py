#!/usr/bin/env python3
"""Asks VS Code 1.139.1's own validator which tool names it knows, and diffs that with agentls.

    python3 tool_table.py OUT.json [--no-copilot] [--copilot-only]

Candidates: every name extract-tools.js --candidates derives from the bundle and the built-in
extensions, plus every [[tool]] / [[renamed]] name of agentls's vscode-tools.toml catalogue. They go,
one per line, into the `tools:` list of one `.agent.md` in a scratch workspace, which run.sh validates
twice: as shipped (the bundled Copilot Chat disabled until sign-in) and with the bundled Copilot Chat
enabled (AGENTLS_VSCODE_COPILOT=1). Each line's verdict: `known` (no finding), `renamed` (information,
with VS Code's replacements), `unknown` (hint), or another finding. OUT.json gets both tables and
the diff against the catalogue; a summary is printed.
"""
import json
import os
import re
import subprocess
import sys
import tempfile
import tomllib
from pathlib import Path

HERE = Path(__file__).resolve().parent
REPO = HERE.parents[3]


def catalogue():
    out = subprocess.run(["git", "-C", str(REPO), "ls-files", "*data/catalogues/vscode-tools.toml"], capture_output=True, text=True, check=True).stdout.split()
    if not out:
        sys.exit("vscode-tools.toml not found")
    data = tomllib.loads((REPO / out[0]).read_text())
    return out[0], data


def verdicts(names, copilot):
    with tempfile.TemporaryDirectory(prefix="agentls-vscode-tools-") as tmp:
        ws = Path(tmp) / "ws"
        (ws / "cases").mkdir(parents=True)
        lines = ["---", "description: tool table", "tools:"] + [f"  - '{n}'" for n in names] + ["---", "Body.", ""]
        (ws / "cases" / "tools.agent.md").write_text("\n".join(lines))
        (ws / "cases.json").write_text(json.dumps([{"case": "tools", "file": "cases/tools.agent.md"}]))
        out = Path(tmp) / "out.jsonl"
        env = dict(os.environ, AGENTLS_VSCODE_COPILOT="1" if copilot else "0")
        subprocess.run([str(HERE / "run.sh"), str(ws), str(out)], env=env, check=True, stderr=subprocess.DEVNULL)
        rec = json.loads(out.read_text().splitlines()[0])
    by_line = {}
    for f in rec["findings"]:
        by_line.setdefault(f["line"], []).append(f)
    table = {}
    for i, n in enumerate(names):
        fs = by_line.get(4 + i, [])
        if not fs:
            table[n] = {"verdict": "known"}
            continue
        f = fs[0]
        m = f["message"]
        r1 = re.match(r"Tool or toolset '.*' has been renamed, use '(.*)' instead\.$", m)
        r2 = re.match(r"Tool or toolset '.*' has been renamed, use the following tools instead: (.*)$", m)
        if r1 or r2:
            table[n] = {"verdict": "renamed", "to": [r1.group(1)] if r1 else r2.group(1).split(", ")}
        elif f["severity"] == "hint":
            table[n] = {"verdict": "unknown", "message": m}
        else:
            table[n] = {"verdict": "other", "severity": f["severity"], "message": m}
    return table


def main():
    out = Path(sys.argv[1])
    cat_path, cat = catalogue()
    cands = subprocess.run(["node", str(HERE / "extract-tools.js"), "--candidates"], capture_output=True, text=True, check=True).stdout.split()
    cat_tools = [t["name"] for t in cat.get("tool", [])]
    cat_renamed = {r["name"]: r.get("replacements", []) for r in cat.get("renamed", [])}
    names = sorted(set(cands) | set(cat_tools) | set(cat_renamed) | set(cat.get("removed", [])))
    result = {"catalogue": cat_path, "names": len(names)}
    modes = [] if "--copilot-only" in sys.argv else [("plain", False)]
    if "--no-copilot" not in sys.argv:
        modes.append(("copilot", True))
    for mode, cop in modes:
        t = verdicts(names, cop)
        diff = {"catalogue_current_but_vscode": {}, "catalogue_renamed_but_vscode": {}, "vscode_known_not_in_catalogue": [], "vscode_renamed_not_in_catalogue": {}}
        for n in cat_tools:
            if t[n]["verdict"] != "known":
                diff["catalogue_current_but_vscode"][n] = t[n]
        for n, to in cat_renamed.items():
            v = t[n]
            if v["verdict"] != "renamed" or sorted(v["to"]) != sorted(to):
                diff["catalogue_renamed_but_vscode"][n] = {"catalogue": to, "vscode": v}
        for n, v in t.items():
            if v["verdict"] == "known" and n not in cat_tools:
                diff["vscode_known_not_in_catalogue"].append(n)
            if v["verdict"] == "renamed" and n not in cat_renamed:
                diff["vscode_renamed_not_in_catalogue"][n] = v["to"]
        result[mode] = {"table": t, "diff": diff}
        print(f"== {mode}: known {sum(v['verdict'] == 'known' for v in t.values())}, renamed {sum(v['verdict'] == 'renamed' for v in t.values())}, unknown {sum(v['verdict'] == 'unknown' for v in t.values())}, other {sum(v['verdict'] == 'other' for v in t.values())}")
        for k, v in diff.items():
            print(f"  {k}: {len(v)}")
    out.write_text(json.dumps(result, indent=1, sort_keys=True) + "\n")


if __name__ == "__main__":
    main()
