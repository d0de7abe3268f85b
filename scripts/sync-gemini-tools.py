#!/usr/bin/env python3
"""Gemini CLI's built-in tool names, from the pinned package, into
analysis/data/catalogues/gemini-tools.toml (schema: `[[tool]] name = "…" doc = "…"`,
analysis/src/knowledge/schema.rs::GeminiToolCatalogue).

Source: the bundle of @google/gemini-cli (default: the oracle tier's install,
tests/oracles/.cache/gemini/node_modules/@google/gemini-cli/bundle/*.js). A subagent's `tools:`
entries are validated by `isValidToolName(name, {allowWildcards: true})` (packages/core
agents/agentLoader: `tools.N: Invalid tool name` drops the agent), which accepts:
  - `ALL_BUILTIN_TOOL_NAMES` (packages/core/src/tools/tool-names.ts) — written here;
  - the keys of `TOOL_LEGACY_ALIASES` (`search_file_content` → `grep_search`) — written here, with
    a doc naming the current name;
  - and by pattern, not listed here: `*`, `mcp_*`, `mcp_<server>_<tool>` / `mcp_<server>_*`
    (server and tool `[a-z0-9_.:-]+`, a server name without `_`), `discovered_tool_<name>`.
Each doc is the first sentence of the tool's declaration (`{name: X_TOOL_NAME, description: "…"}`
in packages/core/src/tools/definitions), or DOCS below when the bundle has none.

Usage: scripts/sync-gemini-tools.py [--check | --write] [--json] [--package DIR]
(report / exit 1 when the catalogue's names differ / regenerate the catalogue).
"""
from __future__ import annotations

import argparse
import json
import re
import sys
import tomllib
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
CATALOGUE = REPO / "analysis/data/catalogues/gemini-tools.toml"
PACKAGE = REPO / "tests/oracles/.cache/gemini/node_modules/@google/gemini-cli"

# Hand-written docs, used instead of the declaration's first sentence where that is built at run
# time (run_shell_command, activate_skill), absent (complete_task and invoke_agent are classes whose
# description depends on the run) or says little out of context (update_topic, write_todos).
DOCS = {
    "run_shell_command": "Executes a shell command (`bash -c <command>`; `powershell.exe` on Windows), optionally in the background.",
    "activate_skill": "Activates an agent skill by name and returns its instructions.",
    "complete_task": "Submits the subagent's final answer or findings and completes its task (the only way a subagent finishes).",
    "invoke_agent": "Runs one of the available subagents on a task and returns its result.",
    "update_topic": "Updates the title, summary and strategic intent of the current phase of work.",
    "write_todos": "Lists the subtasks of the current request and tracks their status.",
}


def first_sentence(text: str) -> str:
    text = " ".join(text.split())
    m = re.match(r"(.+?[.!?])(?:\s+(?=[A-Z(`*])|$)", text)
    s = m.group(1) if m else text
    s = re.sub(r"\$\{[^}]*\}", "…", s)
    return s if len(s) <= 240 else s[:237].rsplit(" ", 1)[0] + "…"


def extract(package: Path) -> dict:
    version = json.loads((package / "package.json").read_text())["version"]
    candidates = []
    for f in sorted((package / "bundle").glob("*.js")):
        t = f.read_text(errors="replace")
        if "var ALL_BUILTIN_TOOL_NAMES = [" in t:
            cv = re.search(r'var CLI_VERSION = "([^"]*)"', t)
            candidates.append((cv.group(1) if cv else "", f, t))
    if not candidates:
        sys.exit(f"{package}: no bundle module defines ALL_BUILTIN_TOOL_NAMES")
    candidates.sort(key=lambda c: c[0] != version)  # the module of the package's own version first
    cli_version, path, t = candidates[0]

    def const(ident: str) -> str:
        m = re.search(r"\bvar " + re.escape(ident) + r' = "([^"]*)";', t)
        if not m:
            sys.exit(f"{path.name}: {ident} is not a string constant")
        return m.group(1)

    body = re.search(r"var ALL_BUILTIN_TOOL_NAMES = \[([^\]]*)\]", t).group(1)
    idents = [x.strip() for x in body.split(",") if x.strip()]
    names = [const(i) if not i.startswith('"') else i.strip('"') for i in idents]
    al = re.search(r"TOOL_LEGACY_ALIASES = \{([^}]*)\}", t)
    aliases = {}
    for k, v in re.findall(r"^\s*(\w+)\s*:\s*(\w+|\"[^\"]*\")\s*,?\s*$", re.sub(r"//[^\n]*", "", al.group(1)), re.M):
        aliases[k] = v.strip('"') if v.startswith('"') else const(v)
    docs = {}
    for ident, name in zip(idents, names):
        if name in DOCS:
            docs[name] = DOCS[name]
            continue
        m = re.search(r"name: " + re.escape(ident) + r',\s*description: (?:"((?:[^"\\]|\\.)*)"|`([^`]*)`)', t)
        if m:
            raw = m.group(1) if m.group(1) is not None else m.group(2)
            docs[name] = first_sentence(raw.encode().decode("unicode_escape") if m.group(1) is not None else raw)
    others = [c[1].name for c in candidates[1:]
              if re.search(r"var ALL_BUILTIN_TOOL_NAMES = \[([^\]]*)\]", c[2]).group(1) != body]
    return {"version": version, "module": f"bundle/{path.name}", "module_cli_version": cli_version,
            "names": names, "aliases": aliases, "docs": docs, "disagreeing_modules": others}


def render(ex: dict) -> str:
    out = [
        "# Gemini CLI built-in tool names: what a subagent's `tools:` may list. Any other name (that is",
        "# not `*`, `mcp_*`, `mcp_<server>_<tool>`, `mcp_<server>_*` or `discovered_tool_<name>`) drops the",
        "# agent: \"tools.N: Invalid tool name\" (oracle tier, FINDINGS.md §2.13).",
        f"# Generated by scripts/sync-gemini-tools.py from @google/gemini-cli {ex['version']}",
        f"# ({ex['module']}: ALL_BUILTIN_TOOL_NAMES and TOOL_LEGACY_ALIASES, the lists isValidToolName",
        "# accepts); docs: the first sentence of each tool's declaration, or the script's DOCS. Do not",
        "# edit by hand: rerun the script; tests/oracles/drift/ fails when the pinned package's list differs.",
        "",
    ]
    for n in ex["names"]:
        doc = ex["docs"].get(n, f"Gemini CLI {ex['version']} built-in tool.")
        out += ["[[tool]]", f"name = {json.dumps(n)}", f"doc = {json.dumps(doc, ensure_ascii=False)}", ""]
    for old, new in ex["aliases"].items():
        out += ["[[tool]]", "# TOOL_LEGACY_ALIASES: still accepted", f"name = {json.dumps(old)}",
                f"doc = {json.dumps(f'Legacy name of `{new}`, still accepted: write `{new}`.')}", ""]
    return "\n".join(out)


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--package", type=Path, default=PACKAGE)
    ap.add_argument("--catalogue", type=Path, default=CATALOGUE)
    ap.add_argument("--check", action="store_true")
    ap.add_argument("--write", action="store_true")
    ap.add_argument("--json", action="store_true")
    a = ap.parse_args()
    if not (a.package / "package.json").exists():
        print(f"{a.package} missing: run tests/oracles/install.sh", file=sys.stderr)
        return 2
    ex = extract(a.package)
    if a.json:
        print(json.dumps(ex, indent=1))
    if a.write:
        a.catalogue.write_text(render(ex))
    cat = tomllib.loads(a.catalogue.read_text())
    have = [t["name"] for t in cat.get("tool", [])]
    want = ex["names"] + list(ex["aliases"])
    errors = [f"missing `{n}` (Gemini CLI {ex['version']} accepts it)" for n in want if n not in have]
    errors += [f"`{n}` is not a Gemini CLI {ex['version']} tool name (the agent would be dropped)"
               for n in have if n not in want]
    if ex["disagreeing_modules"]:
        errors.append(f"bundle modules disagree on ALL_BUILTIN_TOOL_NAMES: {ex['disagreeing_modules']}")
    missing_docs = [n for n in ex["names"] if n not in ex["docs"]]
    print(f"Gemini CLI {ex['version']}: {len(ex['names'])} built-in tool names + {len(ex['aliases'])} legacy "
          f"({ex['module']}); {len(have)} catalogue entries")
    if missing_docs:
        print("note: no description found for " + ", ".join(missing_docs) + " (add to DOCS)")
    for e in errors:
        print("DRIFT: " + e)
    if not errors:
        print("gemini-tools.toml matches the package")
    return 1 if errors and a.check else 0


if __name__ == "__main__":
    sys.exit(main())
