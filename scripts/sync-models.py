#!/usr/bin/env python3
"""Model names in the pinned consumers against analysis/data/catalogues/models.toml.

Claude Code (the oracle tier's tests/oracles/.cache/claude/…/claude-code-linux-x64/claude, a Bun
executable whose modules are stored as text):
  - the alias list: the array of strings that contains "opusplan" and is followed by the family
    aliases `["sonnet","opus","haiku","fable"]` (2.1.328: `rie=[…],oie=[…]`; `isModelAlias`);
  - `"opusplan[1m]"`, which the plan-mode switch names outside the list;
  - `ANTHROPIC_TIER_NAMES=[…]` (the model families);
  - the known model ids: the array of "claude-…" strings just before the alias list.
  Every alias must be a `claude_alias` or `claude_session_alias`, every catalogue alias must
  still be one (or one of them with `[1m]`), the families must be `claude_families`, and every
  known id must have a family of `claude_families`.

GitHub Copilot CLI (tests/oracles/.cache/copilot/…/copilot-linux-x64/copilot): `copilot help
config` lists the choices of the `model` setting (ids such as `claude-opus-4.8`, `gpt-6.1-sol`);
it runs offline, unpacking the CLI's JavaScript into a temporary folder, whose changelog.json is
read too. Each id must have its display name (see display_name()) among the `[[copilot]]` entries,
except the ids in NO_DISPLAY_NAME. Display names the changelog announces and the catalogue lacks
are printed as notes.

Usage: scripts/sync-models.py [--check] [--json] [--claude PATH] [--copilot PATH]
(report; --check exits 1 on a difference). The catalogue is edited by hand: the report prints the
TOML of what is missing.
"""
from __future__ import annotations

import argparse
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import tomllib
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
CATALOGUE = REPO / "analysis/data/catalogues/models.toml"
CACHE = REPO / "tests/oracles/.cache"
CLAUDE = CACHE / "claude/node_modules/@anthropic-ai/claude-code-linux-x64/claude"
COPILOT = CACHE / "copilot/node_modules/@github/copilot-linux-x64/copilot"

# Copilot CLI model ids whose display name no package states (left out of the catalogue).
NO_DISPLAY_NAME = {"kimi-k3", "mai-code-1.1-flash"}


def claude_models(binary: Path) -> dict:
    data = binary.read_bytes()
    version = re.search(rb"// Version: (\d+\.\d+\.\d+)", data)
    out: dict = {"version": version.group(1).decode() if version else "unknown"}
    at = data.find(b'"opusplan"]')
    m = None
    while at >= 0 and m is None:
        start = data.rfind(b"=[", max(0, at - 2000), at)
        m = re.match(rb'=\[((?:"[^"]*",?)+)\],([\w$]+)=\["sonnet","opus","haiku","fable"\]', data[start:at + 200])
        if m is None:
            at = data.find(b'"opusplan"]', at + 1)
    if m is None:
        sys.exit(f"{binary}: the model alias list was not found")
    out["aliases"] = re.findall(r'"([^"]*)"', m.group(1).decode())
    ids_end = start
    ids_start = data.rfind(b"=[", max(0, ids_end - 3000), ids_end - 1)
    ids = re.match(rb'=\[((?:"claude-[^"]*",?)+)\],[\w$]+$', data[ids_start:ids_end])
    out["ids"] = re.findall(r'"([^"]*)"', ids.group(1).decode()) if ids else []
    out["opusplan_1m"] = b'"opusplan[1m]"' in data
    fam = re.search(rb'ANTHROPIC_TIER_NAMES=\[([^\]]*)\]', data)
    out["families"] = re.findall(r'"([^"]*)"', fam.group(1).decode()) if fam else []
    return out


def copilot_models(binary: Path) -> dict:
    tmp = Path(tempfile.mkdtemp(prefix="agentls-copilot-"))
    try:
        env = {k: v for k, v in os.environ.items() if not k.startswith(("COPILOT_", "GH_", "GITHUB_"))}
        env.update(HOME=str(tmp), XDG_CONFIG_HOME=str(tmp / ".config"), XDG_CACHE_HOME=str(tmp / ".cache"),
                   XDG_DATA_HOME=str(tmp / ".local/share"), XDG_STATE_HOME=str(tmp / ".local/state"),
                   COPILOT_PKG_CACHE_HOME=str(tmp / "pkg-cache"), COPILOT_AUTO_UPDATE="false",
                   COPILOT_OFFLINE="true", NO_COLOR="1")
        ver = subprocess.run([str(binary), "--version"], env=env, capture_output=True, text=True, timeout=120)
        p = subprocess.run([str(binary), "help", "config"], env=env, capture_output=True, text=True, timeout=180)
        m = re.search(r"`model`:[^\n]*\n((?:\s+- \"[^\"]+\"\n)+)", p.stdout)
        ids = re.findall(r'- "([^"]+)"', m.group(1)) if m else []
        changelog = {}
        for f in (tmp / "pkg-cache").rglob("changelog.json"):
            changelog = json.loads(f.read_text())
            break
        vm = re.search(r"(\d+\.\d+\.\d+)", ver.stdout)
        return {"version": vm.group(1) if vm else "unknown", "ids": ids, "changelog": changelog,
                "error": None if ids else (p.stdout + p.stderr)[-500:]}
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


def display_name(model_id: str) -> str | None:
    """The display name a Copilot model id goes by (the changelog's spelling)."""
    m = re.fullmatch(r"claude-(opus|sonnet|haiku|fable|mythos)-([\d.]+)(-fast)?", model_id)
    if m:
        return f"Claude {m.group(1).capitalize()} {m.group(2)}" + (" Fast" if m.group(3) else "")
    m = re.fullmatch(r"gpt-([\d.]+)(?:-(mini|nano|codex|[a-z]+))?", model_id)
    if m:
        ver, tail = m.group(1), m.group(2)
        if tail is None:
            return f"GPT-{ver}"
        if tail in ("mini", "nano"):
            return f"GPT-{ver} {tail}"
        if tail == "codex":
            return f"GPT-{ver}-Codex"
        return f"GPT-{ver} {tail.capitalize()}"
    m = re.fullmatch(r"gemini-([\d.]+)-([a-z]+)", model_id)
    if m:
        return f"Gemini {m.group(1)} {m.group(2).capitalize()}"
    m = re.fullmatch(r"grok-([\d.]+)", model_id)
    if m:
        return f"Grok {m.group(1)}"
    return None


def changelog_names(changelog: dict) -> set[str]:
    pat = re.compile(r"\b(Claude (?:Opus|Sonnet|Haiku|Fable|Mythos) \d+(?:\.\d+)?(?: Fast)?|GPT-\d+(?:\.\d+)?"
                     r"(?:-Codex(?:-Max|-Mini)?| (?:Sol|Luna|Terra|Astra|mini))?|Gemini \d+(?:\.\d+)? (?:Flash|Pro|Argon)"
                     r"|Grok \d+(?:\.\d+)?)\b")
    text = json.dumps(changelog)
    return set(pat.findall(text))


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--claude", type=Path, default=CLAUDE)
    ap.add_argument("--copilot", type=Path, default=COPILOT)
    ap.add_argument("--catalogue", type=Path, default=CATALOGUE)
    ap.add_argument("--check", action="store_true")
    ap.add_argument("--json", action="store_true")
    a = ap.parse_args()
    cat = tomllib.loads(a.catalogue.read_text())
    errors: list[str] = []
    notes: list[str] = []

    if a.claude.exists():
        cm = claude_models(a.claude)
        if a.json:
            print(json.dumps(cm, indent=1))
        aliases = {x["name"] for x in cat["claude_alias"]}
        session = {x["name"] for x in cat["claude_session_alias"]}
        known = set(cm["aliases"]) | ({"opusplan[1m]"} if cm["opusplan_1m"] else set())
        for al in sorted(known):
            if al not in aliases | session:
                errors.append(f"Claude Code {cm['version']} alias `{al}` is in neither claude_alias nor "
                              f"claude_session_alias:\n[[claude_alias]]\nname = \"{al}\"\ndoc = \"…\"")
        for al in sorted(aliases | session):
            base = al[:-4] if al.endswith("[1m]") else al
            if al != "inherit" and al not in known and base not in known:
                errors.append(f"catalogue alias `{al}` is not a Claude Code {cm['version']} alias "
                              "(it would be sent to the API as written)")
        if set(cm["families"]) != set(cat["claude_families"]):
            errors.append(f"claude_families {cat['claude_families']} != Claude Code {cm['version']}'s "
                          f"ANTHROPIC_TIER_NAMES {cm['families']}")
        fam = "|".join(map(re.escape, cat["claude_families"]))
        for i in cm["ids"]:
            if not re.fullmatch(rf"claude-(?:({fam})-\d+(?:-\d+)?|3(?:-[57])?-(?:opus|sonnet|haiku))", i):
                errors.append(f"Claude Code {cm['version']} model id `{i}` does not fit claude_families")
        print(f"Claude Code {cm['version']}: aliases {cm['aliases']}"
              f"{' + opusplan[1m]' if cm['opusplan_1m'] else ''}; families {cm['families']}; {len(cm['ids'])} ids")
    else:
        notes.append(f"{a.claude} missing: Claude Code not checked (run tests/oracles/install.sh)")

    if a.copilot.exists():
        co = copilot_models(a.copilot)
        if a.json:
            print(json.dumps({k: v for k, v in co.items() if k != "changelog"}, indent=1))
        names = {x["name"] for x in cat["copilot"]}
        if not co["ids"]:
            errors.append(f"`copilot help config` listed no model choices: {co['error']}")
        for i in co["ids"]:
            if i in NO_DISPLAY_NAME:
                notes.append(f"Copilot CLI model `{i}`: no known display name (NO_DISPLAY_NAME)")
                continue
            dn = display_name(i)
            if dn is None:
                errors.append(f"Copilot CLI {co['version']} model `{i}`: no display-name rule "
                              "(extend display_name() or NO_DISPLAY_NAME)")
            elif dn not in names:
                errors.append(f"Copilot CLI {co['version']} model `{i}` → \"{dn}\" is not in [[copilot]]:\n"
                              f"[[copilot]]\n# {i}\nname = \"{dn}\"\nvendor = \"copilot\"")
        current = {display_name(i) for i in co["ids"]}
        for n in sorted(changelog_names(co["changelog"]) - names - current):
            notes.append(f"the Copilot CLI changelog names \"{n}\", which [[copilot]] lacks")
        print(f"Copilot CLI {co['version']}: {len(co['ids'])} model choices; {len(names)} [[copilot]] entries")
    else:
        notes.append(f"{a.copilot} missing: Copilot not checked (run tests/oracles/install.sh)")

    for n in notes:
        print("note: " + n)
    for e in errors:
        print("DRIFT: " + e)
    if not errors:
        print("models.toml matches the packages")
    return 1 if errors and a.check else 0


if __name__ == "__main__":
    sys.exit(main())
