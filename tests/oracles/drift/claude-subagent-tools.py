#!/usr/bin/env python3
"""Drift check (runtime): the tools a *background* subagent of the pinned Claude Code really gets,
against `subagents` in analysis/data/catalogues/claude-tools.toml.

One headless session (consumers/claude.py's way: `claude -p` against the loopback stub, HOME an
empty folder, a plugin whose .lsp.json configures a language server so that the LSP tool exists):
the project agent `probe` has `background: true` and lists every catalogue tool, except that a
tool with a still-resolved legacy name (`TaskStop` ← `KillShell`, `Agent` ← `Task`) is listed by
that name instead. The stub answers the main conversation with an Agent call that spawns `probe`
and records both requests. For every tool of the main session, the subagent must have it exactly
when the catalogue says `bg` (or `removed at depth limit`: the Agent tool, at depth 0); a tool
listed by its legacy name must arrive under its current name. Tools the session does not enable
(feature-gated ones, `Grep`/`Glob` when `Bash` is there) cannot be judged and are skipped.
Exit 0 = agrees, 1 = drift, 2 = could not run.
"""
from __future__ import annotations

import json
import sys
import tomllib
from pathlib import Path

HERE = Path(__file__).resolve().parent
REPO = HERE.parent.parent.parent
sys.path.insert(0, str(HERE.parent))
from consumers import claude, common  # noqa: E402

CATALOGUE = REPO / "analysis/data/catalogues/claude-tools.toml"


def session(agent_md: str, plugin: Path, stub: common.Stub, run_id: str) -> tuple[list[str], list[str] | None, str]:
    """(main session's tools, the spawned subagent's tools or None, debug log)."""
    root = common.tempdir("drift-cc-")
    home = common.tempdir("drift-cc-h-")
    try:
        (root / ".claude/agents").mkdir(parents=True)
        (root / ".claude/agents/probe.md").write_text(agent_md)
        common.git_init(root)
        stub.spawn[run_id] = "probe"
        log = home / "debug.log"
        common.run([str(claude.PKG), "-p", "agentls oracle", "--debug-file", str(log), "--plugin-dir", str(plugin)],
                   cwd=root, env=claude.env_for(home, stub, run_id), timeout=300)
        main_tools: list[str] = []
        sub_tools = None
        for path, body in stub.take(run_id):
            try:
                req = json.loads(body)
            except ValueError:
                continue
            msgs = json.dumps(req.get("messages", []))
            names = [t.get("name") for t in req.get("tools") or []]
            if "Answer ok." in msgs and "toolu_oracle" not in msgs:
                sub_tools = sub_tools if sub_tools is not None else names
            elif not main_tools:
                main_tools = names
        return main_tools, sub_tools, log.read_text(errors="replace") if log.exists() else ""
    finally:
        stub.spawn.pop(run_id, None)
        common.rmtree(root)
        common.rmtree(home)


def main() -> int:
    if not claude.PKG.exists():
        print(f"claude-subagent-tools: {claude.PKG} missing; run tests/oracles/install.sh", file=sys.stderr)
        return 2
    cat = tomllib.loads(CATALOGUE.read_text())
    avail = {t["name"]: t["subagents"] for t in cat["tool"]}
    kept = lambda n: avail.get(n) == "bg" or avail.get(n, "").startswith("removed at depth")  # noqa: E731
    # A kept tool with a still-resolved legacy name is listed by that name.
    by_alias: dict[str, str] = {}
    for l in cat["legacy"]:
        tgt = l["replacement"][0]
        if l["severity"] == "information" and len(l["replacement"]) == 1 and kept(tgt) and tgt not in by_alias.values():
            by_alias[l["name"]] = tgt
    listed = [n for n in avail if n not in by_alias.values()] + list(by_alias)
    plugin = common.tempdir("drift-cc-lsp-")
    (plugin / ".claude-plugin").mkdir()
    (plugin / ".claude-plugin/plugin.json").write_text(json.dumps(
        {"name": "agentls-drift-lsp", "version": "1.0.0", "description": "LSP server for the drift check"}))
    (plugin / ".lsp.json").write_text(json.dumps(
        {"drift-lsp": {"command": "/bin/cat", "args": [], "extensionToLanguage": {".agentlsdrift": "agentlsdrift"}}}))
    agent = ("---\nname: probe\ndescription: Drift probe.\nbackground: true\ntools: " + ", ".join(listed) +
             "\n---\nAnswer.\n")
    stub = common.Stub()
    try:
        main_tools, sub_tools, log = session(agent, plugin, stub, "driftbg")
    finally:
        stub.close()
        common.rmtree(plugin)
    ver = claude.version()
    if not main_tools or sub_tools is None:
        print(f"claude-subagent-tools: Claude Code {ver}: no subagent request reached the stub\n{log[-1500:]}",
              file=sys.stderr)
        return 2
    errors = []
    got = set(sub_tools)
    for n in main_tools:
        if n not in avail:
            errors.append(f"the main session has `{n}`, which the catalogue does not list")
            continue
        if kept(n) and n not in got:
            errors.append(f"`{n}`: catalogue says {avail[n]!r}, but the background subagent did not get it")
        if not kept(n) and n in got:
            errors.append(f"`{n}`: catalogue says {avail[n]!r}, but the background subagent got it")
    for n in got - set(main_tools):
        if n in avail and not kept(n) and not avail[n].startswith("subagents only"):
            errors.append(f"`{n}`: the background subagent got it (the main session has not); catalogue says {avail[n]!r}")
    for old, new in by_alias.items():
        if new in main_tools and new not in got:
            errors.append(f"legacy `{old}` was listed, but the subagent did not get `{new}`")
    print(f"claude-subagent-tools: Claude Code {ver}: main session {len(main_tools)} tools, background subagent "
          f"{sorted(got)}; legacy names listed: {by_alias}")
    for e in errors:
        print("DRIFT: " + e)
    return 1 if errors else 0


if __name__ == "__main__":
    sys.exit(main())
