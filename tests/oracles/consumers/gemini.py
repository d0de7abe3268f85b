#!/usr/bin/env python3
"""Gemini CLI runner: one record per gemini-cli case (README.md, "Record schema").

Gemini CLI has no command that lists agents, and loads *project* agents (.gemini/agents/) only
after the user acknowledges them in the TUI; *user* agents ($HOME/.gemini/agents/*.md) go through
the same loader (loadAgentsFromDirectory) and are registered at once. So each case root is used as
HOME, with the case file in .gemini/agents/ and a settings.json that selects API-key auth and
enables agents, and `gemini -p` runs against the loopback stub (consumers/common.py: Stub) with a
dummy key (GOOGLE_GEMINI_BASE_URL). The loader's complaints go to stderr ("Agent loading error:
Failed to load agent from <file>: <reason>") and become error findings; the agents it registered
are listed in the system instruction of the first request (<available_subagents>), which gives
`loaded`.
"""
from __future__ import annotations

import json
import re
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from consumers import common  # noqa: E402

CONSUMER = "gemini-cli"
PKG = common.CACHE / "gemini" / "node_modules" / "@google" / "gemini-cli"
BIN = common.CACHE / "gemini" / "node_modules" / ".bin" / "gemini"
SETTINGS = {"security": {"auth": {"selectedType": "gemini-api-key"}},
            "experimental": {"enableAgents": True},
            "general": {"disableAutoUpdate": True, "disableUpdateNag": True},
            "privacy": {"usageStatisticsEnabled": False}}
BUILTIN = {"codebase_investigator", "cli_help", "generalist", "generalist_agent", "browser_agent"}


def version() -> str:
    try:
        return json.loads((PKG / "package.json").read_text())["version"]
    except (OSError, ValueError, KeyError):
        return "unknown"


def subagents(reqs) -> tuple[list[str], bool]:
    for path, body in reqs:
        try:
            d = json.loads(body)
        except ValueError:
            continue
        for part in (d.get("systemInstruction") or {}).get("parts", []):
            t = part.get("text", "")
            i = t.find("<available_subagents>")
            if i >= 0:
                block = t[i:t.find("</available_subagents>", i)]
                return re.findall(r"<name>(.*?)</name>", block), True
    return [], False


def run_case(args) -> dict:
    try:
        return _run_case(args)
    except Exception as e:  # one broken case must not lose the others' records
        import traceback
        return common.record(args[0], CONSUMER, args[1], None, False, [],
                             f"runner error: {e!r}\n{traceback.format_exc()[-800:]}")


def _run_case(args) -> dict:
    case, ver, stub = args
    root = Path(case["root"])
    (root / ".gemini").mkdir(exist_ok=True)
    (root / ".gemini" / "settings.json").write_text(json.dumps(SETTINGS))
    work = root / "work"
    work.mkdir(exist_ok=True)
    common.git_init(work)
    run_id = "g" + root.name
    env = common.isolated_env(root, {
        "GEMINI_API_KEY": "agentls-oracle-dummy-key",
        "GOOGLE_GEMINI_BASE_URL": stub.base_url(run_id),
        "GEMINI_CLI_NO_RELAUNCH": "true",
    })
    p = common.run([str(BIN), "-p", "agentls oracle", "--skip-trust", "-o", "json"], cwd=work,
                   env=env, timeout=120)
    names, saw = subagents(stub.take(run_id))
    err = common.strip_ansi(p.stderr)
    findings = []
    abs_file = str(root / case["file"])
    for m in re.finditer(r"^Agent loading error: (.*(?:\n(?!\S*Error|\s+at ).*)*)", err, re.M):
        msg = m.group(1).strip()
        if abs_file not in msg:
            continue
        msg = msg.replace(str(root) + "/", "")
        km = (re.search(r"Unrecognized key\(s\) in object: '([^']+)'", msg)
              or re.search(r"Agent Definition:\s*(?:\([^)]*\)\s*)?([A-Za-z_]+)(?:\.\d+)?:", msg))
        key = km.group(1) if km else None
        findings.append({"line": common.key_line(case["root"], case["file"], key),
                         "severity": "error", "message": "Agent loading error: " + " ".join(msg.split())})
    custom = [n for n in names if n not in BUILTIN]
    loaded = bool(custom) if saw else None
    raw = "\n".join([f"subagents: {', '.join(names) or '(none)'}"] +
                    [f["message"] for f in findings] + ([] if saw else [err[-600:]]))
    return common.record(case, CONSUMER, ver, loaded, False, findings, raw)


def main() -> int:
    if not BIN.exists():
        print(f"gemini.py: {BIN} missing; run install.sh", file=sys.stderr)
        return 2
    cases = common.load_cases(CONSUMER)
    ver = version()
    stub = common.Stub()
    try:
        records = common.pool_map(run_case, [(c, ver, stub) for c in cases])
    finally:
        stub.close()
    path = common.write_records(CONSUMER, records)
    n = sum(1 for r in records if r["loaded"])
    print(f"gemini.py: Gemini CLI {ver}: {len(records)} records ({n} loaded) -> {path}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
