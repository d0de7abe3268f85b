#!/usr/bin/env python3
"""Copilot CLI runner: one record per copilot-cli case (README.md, "Record schema").

`copilot -p` runs offline (COPILOT_OFFLINE=true) with a "bring your own key" provider that is the
loopback stub (consumers/common.py: Stub; COPILOT_PROVIDER_TYPE=anthropic, a dummy key): no GitHub
account and no network. Each case root is a git repository with the case in .github/agents/;
`--log-level debug --log-dir` keeps the loader's log, whose `[ERROR] <file>: …` lines become error
findings, and the first model request's `task` tool lists the custom agents that loaded (its
`agent_type` enum), which gives `loaded`.
"""
from __future__ import annotations

import json
import re
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from consumers import common  # noqa: E402

CONSUMER = "copilot-cli"
PKG = common.CACHE / "copilot" / "node_modules" / "@github" / "copilot"
BIN = common.CACHE / "copilot" / "node_modules" / ".bin" / "copilot"
BUILTIN = {"explore", "task", "general-purpose", "code-review", "research", "security-review"}


def version() -> str:
    try:
        return json.loads((PKG / "package.json").read_text())["version"]
    except (OSError, ValueError, KeyError):
        return "unknown"


def agent_types(reqs) -> tuple[list[str], bool]:
    for path, body in reqs:
        try:
            d = json.loads(body)
        except ValueError:
            continue
        for t in d.get("tools") or []:
            if t.get("name") == "task":
                props = (t.get("input_schema") or {}).get("properties", {})
                return list(props.get("agent_type", {}).get("enum", [])), True
    return [], False


def fm_name(text: str) -> str | None:
    m = re.search(r"^name:\s*['\"]?([^'\"\r\n]+?)['\"]?\s*$", text, re.M)
    return m.group(1) if m else None


def run_root(args) -> list[dict]:
    try:
        return _run_root(args)
    except Exception as e:  # one broken root must not lose the others' records
        import traceback
        return [common.record(c, CONSUMER, args[2], None, False, [],
                              f"runner error: {e!r}\n{traceback.format_exc()[-800:]}") for c in args[1]]


def _run_root(args) -> list[dict]:
    root_s, cases, ver, stub = args
    root = Path(root_s)
    common.git_init(root)
    home = common.tempdir("cp-h-")
    run_id = "c" + root.name
    try:
        env = common.isolated_env(home, {
            "COPILOT_OFFLINE": "true",
            "COPILOT_PROVIDER_BASE_URL": stub.base_url(run_id),
            "COPILOT_PROVIDER_TYPE": "anthropic",
            "COPILOT_PROVIDER_API_KEY": "agentls-oracle-dummy-key",
            "COPILOT_MODEL": "claude-sonnet-4.5",
            "COPILOT_AUTO_UPDATE": "false",
        })
        logs = home / "logs"
        p = common.run([str(BIN), "-p", "agentls oracle", "--allow-all-tools", "--trust-folder",
                        "--log-level", "debug", "--log-dir", str(logs)], cwd=root, env=env,
                       timeout=180)
        logtext = "\n".join(f.read_text(errors="replace") for f in sorted(logs.glob("*.log"))) \
            if logs.exists() else ""
    finally:
        common.rmtree(home)
    names, saw = agent_types(stub.take(run_id))
    custom = [n for n in names if n not in BUILTIN]
    records = []
    for case in cases:
        rel = case["file"]
        findings = []
        for line in logtext.splitlines():
            m = re.search(r"\[(ERROR|WARNING|WARN)\]\s*(.*)", line)
            if not m or not (m.group(2).startswith(rel + ":") or str(root / rel) in m.group(2)):
                continue
            msg = m.group(2).replace(str(root) + "/", "")
            lm = re.search(r"at line (\d+)", msg)
            if lm:  # the YAML parser counts lines from the first key, under the `---` line
                fline = int(lm.group(1)) + 1
            else:
                km = (re.search(r"unknown field ignored: ([\w.-]+)", msg)
                      or re.search(r"frontmatter is malformed: ([\w-]+)[\w.-]*: ", msg))
                fline = common.key_line(case["root"], rel, km.group(1)) if km else None
            findings.append({"line": fline, "severity": "error" if m.group(1) == "ERROR" else "warning",
                             "message": msg[len(rel) + 2:] if msg.startswith(rel + ":") else msg})
        text = (root / rel).read_text(errors="replace")
        stem = Path(rel).name
        for suffix in (".agent.md", ".md"):
            if stem.endswith(suffix):
                stem = stem[: -len(suffix)]
                break
        cands = {stem, fm_name(text)}
        loaded = bool(cands & set(custom)) if saw else None
        if loaded is False and not any(f["severity"] == "error" for f in findings) and re.search(
                r"^disable-model-invocation:\s*true\s*$", text, re.M):
            loaded = None  # hidden from the model's `task` tool, so its absence says nothing
        raw = "\n".join([f"listed as: {', '.join(sorted(cands & set(custom))) or '(not listed)'}"]
                        + [f["message"] for f in findings] + ([] if saw else [p.stderr[-600:]]))
        records.append(common.record(case, CONSUMER, ver, loaded, False, findings, raw))
    return records


def main() -> int:
    if not BIN.exists():
        print(f"copilot.py: {BIN} missing; run install.sh", file=sys.stderr)
        return 2
    cases = common.load_cases(CONSUMER)
    ver = version()
    stub = common.Stub()
    try:
        groups = common.group_by_root(cases)
        results = common.pool_map(run_root, [(r, cs, ver, stub) for r, cs in groups.items()])
    finally:
        stub.close()
    records = [r for rs in results for r in rs]
    path = common.write_records(CONSUMER, records)
    n = sum(1 for r in records if r["loaded"])
    print(f"copilot.py: Copilot CLI {ver}: {len(records)} records ({n} loaded) -> {path}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
