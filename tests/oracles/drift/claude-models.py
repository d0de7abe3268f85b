#!/usr/bin/env python3
"""Drift check (runtime): every Claude model alias of analysis/data/catalogues/models.toml
(`claude_alias`, `claude_session_alias`; not `inherit`) still resolves in the pinned Claude Code.

For each alias, a headless session (consumers/claude.py's runtime probe: `claude -p` against the
loopback stub, HOME an empty folder) spawns a project agent with `model: <alias>`; the subagent's
own request carries the model Claude Code chose. An alias resolves when that is a full id
(`claude-…`) rather than the alias as written (Claude Code sends an unknown value unchanged). As a
control, `model: default` — a `/model` value, not an alias — must arrive unchanged.
Exit 0 = agrees, 1 = drift, 2 = could not run.
"""
from __future__ import annotations

import sys
import tomllib
from pathlib import Path

HERE = Path(__file__).resolve().parent
REPO = HERE.parent.parent.parent
sys.path.insert(0, str(HERE.parent))
from consumers import claude, common  # noqa: E402

CATALOGUE = REPO / "analysis/data/catalogues/models.toml"
CONTROL = "default"


def spawn_model(args) -> tuple[str, str | None]:
    i, model, stub = args
    root = common.tempdir("drift-cm-")
    try:
        (root / ".claude/agents").mkdir(parents=True)
        (root / ".claude/agents/probe.md").write_text(
            f"---\nname: probe\ndescription: Drift probe.\ntools: Read\nmodel: {model}\n---\nAnswer.\n")
        rt = claude.runtime(root, "project", stub, f"driftm{i}", spawn="probe")
        return model, rt["model"]
    finally:
        common.rmtree(root)


def main() -> int:
    if not claude.PKG.exists():
        print(f"claude-models: {claude.PKG} missing; run tests/oracles/install.sh", file=sys.stderr)
        return 2
    cat = tomllib.loads(CATALOGUE.read_text())
    aliases = [a["name"] for a in cat["claude_alias"] + cat["claude_session_alias"] if a["name"] != "inherit"]
    stub = common.Stub()
    try:
        results = common.pool_map(spawn_model, [(i, m, stub) for i, m in enumerate(aliases + [CONTROL])])
    finally:
        stub.close()
    ver = claude.version()
    errors, missing = [], []
    for model, sent in results:
        if sent is None:
            missing.append(model)
        elif model == CONTROL:
            if sent != CONTROL:
                errors.append(f"`{CONTROL}` now resolves (to {sent}): add it to claude_alias or claude_session_alias")
        elif sent == model or not sent.startswith("claude-"):
            errors.append(f"`{model}` is sent to the API as {sent!r}: Claude Code {ver} no longer resolves it")
    print(f"claude-models: Claude Code {ver}: " + ", ".join(f"{m} → {s}" for m, s in results))
    if missing:
        print(f"claude-models: no subagent request for {missing}", file=sys.stderr)
        return 2
    for e in errors:
        print("DRIFT: " + e)
    return 1 if errors else 0


if __name__ == "__main__":
    sys.exit(main())
