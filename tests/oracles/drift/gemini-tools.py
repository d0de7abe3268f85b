#!/usr/bin/env python3
"""Drift check (runtime): the pinned Gemini CLI accepts every name of
analysis/data/catalogues/gemini-tools.toml in a subagent's `tools:`, and still rejects others.

Two sessions (consumers/gemini.py's way: a *user* agent in $HOME/.gemini/agents/, `gemini -p`
against the loopback stub): the agent `probe` lists (1) every catalogue name plus the pattern forms
`'*'`, `mcp_*`, `mcp_srv_*`, `mcp_srv_tool`, `discovered_tool_x` — it must load with no
"tools.N: Invalid tool name"; (2) names that are not Gemini tools (`save_memory`, `web_search`
and `edit` from formats.md §3.2, Claude's `Read`, a bare `mcp_srv`) — each must be rejected, which
shows the check still bites. Exit 0 = agrees, 1 = drift, 2 = could not run.
"""
from __future__ import annotations

import json
import re
import sys
import tomllib
from pathlib import Path

HERE = Path(__file__).resolve().parent
REPO = HERE.parent.parent.parent
sys.path.insert(0, str(HERE.parent))
from consumers import common, gemini  # noqa: E402

CATALOGUE = REPO / "analysis/data/catalogues/gemini-tools.toml"
PATTERNS = ["*", "mcp_*", "mcp_srv_*", "mcp_srv_tool", "discovered_tool_x"]
NOT_TOOLS = ["save_memory", "web_search", "edit", "Read", "mcp_srv"]


def run(tools: list[str], stub: common.Stub, run_id: str) -> tuple[bool | None, list[str], str]:
    """(probe registered?, the listed names reported invalid, stderr)."""
    root = common.tempdir("drift-gem-")
    try:
        (root / ".gemini/agents").mkdir(parents=True)
        items = "".join(f"  - {json.dumps(t)}\n" for t in tools)
        (root / ".gemini/agents/probe.md").write_text(f"---\nname: probe\ndescription: Drift probe.\ntools:\n{items}---\nBody.\n")
        (root / ".gemini/settings.json").write_text(json.dumps(gemini.SETTINGS))
        work = root / "work"
        work.mkdir()
        common.git_init(work)
        env = common.isolated_env(root, {"GEMINI_API_KEY": "agentls-oracle-dummy-key",
                                         "GOOGLE_GEMINI_BASE_URL": stub.base_url(run_id),
                                         "GEMINI_CLI_NO_RELAUNCH": "true"})
        p = common.run([str(gemini.BIN), "-p", "agentls oracle", "--skip-trust", "-o", "json"], cwd=work,
                       env=env, timeout=120)
        names, saw = gemini.subagents(stub.take(run_id))
        err = common.strip_ansi(p.stderr)
        bad = sorted({int(i) for i in re.findall(r"tools\.(\d+): Invalid tool name", err)})
        return ("probe" in names) if saw else None, [tools[i] for i in bad if i < len(tools)], err
    finally:
        common.rmtree(root)


def main() -> int:
    if not gemini.BIN.exists():
        print(f"gemini-tools: {gemini.BIN} missing; run tests/oracles/install.sh", file=sys.stderr)
        return 2
    names = [t["name"] for t in tomllib.loads(CATALOGUE.read_text()).get("tool", [])]
    stub = common.Stub()
    try:
        loaded, bad, err = run(names + PATTERNS, stub, "driftg1")
        loaded2, bad2, err2 = run(NOT_TOOLS, stub, "driftg2")
    finally:
        stub.close()
    ver = gemini.version()
    if loaded is None or loaded2 is None:
        print(f"gemini-tools: Gemini CLI {ver}: no request reached the stub\n{(err or err2)[-1500:]}", file=sys.stderr)
        return 2
    errors = [f"`{n}` is in the catalogue but Gemini CLI {ver} says Invalid tool name" for n in bad]
    if not loaded and not bad:
        errors.append("the agent listing every catalogue name did not load: "
                      + " ".join(l for l in err.splitlines() if "probe.md" in l)[-600:])
    errors += [f"`{n}` is not in the catalogue but Gemini CLI {ver} now accepts it" for n in NOT_TOOLS if n not in bad2]
    print(f"gemini-tools: Gemini CLI {ver}: {len(names)} catalogue names + {len(PATTERNS)} patterns "
          f"{'load' if loaded else 'do not load'}; rejected as expected: {bad2}")
    for e in errors:
        print("DRIFT: " + e)
    return 1 if errors else 0


if __name__ == "__main__":
    sys.exit(main())
