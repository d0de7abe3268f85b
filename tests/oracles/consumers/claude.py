#!/usr/bin/env python3
"""Claude Code runner: one record per claude-code case (README.md, "Record schema").

Two probes per case root, both offline with HOME an empty temporary folder:

1. `claude plugin validate --json DIR` — the validator. DIR is the plugin folder (plugin scope) or
   the project folder (project scope: it validates `.claude/agents`, `commands`, `skills`). Its
   errors and warnings become findings ("validate: ..."), at the line of the frontmatter key they
   name (`path`), or no line for `frontmatter`.
2. `claude -p` — the runtime, started in the case root (a git repository, so Claude Code does not
   walk up into this checkout) with `--plugin-dir` for plugins and `--debug-file`. The model API is
   a loopback stub (consumers/common.py: Stub) with a dummy key, so no account and no network: the
   first request that Claude Code sends lists the agents it loaded ("Available agent types for the
   Agent tool") and the skills/commands ("The following skills are available"), and the debug log
   has the loader's [ERROR]/[WARN] lines about the file ("runtime: ..."). `loaded` comes from that
   list, never from the validator.
"""
from __future__ import annotations

import json
import re
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from consumers import common  # noqa: E402

CONSUMER = "claude-code"
PKG = common.CACHE / "claude" / "node_modules" / "@anthropic-ai" / "claude-code-linux-x64" / "claude"
AGENTS_HEADER = "Available agent types for the Agent tool:\n"
SKILLS_HEADER = "The following skills are available for use with the Skill tool:\n"


def env_for(home: Path, stub: common.Stub | None = None, run_id: str = "") -> dict:
    extra = {
        "CLAUDE_CODE_DISABLE_NONESSENTIAL_TRAFFIC": "1",
        "DISABLE_AUTOUPDATER": "1",
        "DISABLE_TELEMETRY": "1",
        "DISABLE_ERROR_REPORTING": "1",
        "ENABLE_TOOL_SEARCH": "false",
    }
    if stub:
        extra["ANTHROPIC_API_KEY"] = "agentls-oracle-dummy-key"
        extra["ANTHROPIC_BASE_URL"] = stub.base_url(run_id)
    return common.isolated_env(home, extra)


def version() -> str:
    home = common.tempdir("claude-v-")
    try:
        p = common.run([str(PKG), "--version"], cwd=home, env=env_for(home), timeout=60)
        m = re.search(r"(\d+\.\d+\.\d+)", p.stdout)
        return m.group(1) if m else "unknown"
    finally:
        common.rmtree(home)


def parse_list(text: str, header: str) -> list[str]:
    """Entries of a "- name: description" list that follows `header` (one string per entry)."""
    i = text.find(header)
    if i < 0:
        return []
    block = text[i + len(header):]
    block = block.lstrip("\n")
    end = block.find("\n\n")
    block = block if end < 0 else block[:end]
    entries: list[str] = []
    for line in block.split("\n"):
        if line.startswith("- "):
            entries.append(line[2:])
        elif entries:
            entries[-1] += "\n" + line
    return entries


def entry_name(entry: str) -> str:
    return entry.split(": ", 1)[0].strip()


def request_texts(reqs: list[tuple[str, bytes]]) -> str:
    """All text of the first messages request, flattened."""
    for path, body in reqs:
        if "/messages" not in path:
            continue
        try:
            d = json.loads(body)
        except ValueError:
            continue
        parts = []
        for m in d.get("messages", []):
            content = m.get("content")
            if isinstance(content, str):
                parts.append(content)
            elif isinstance(content, list):
                parts += [c.get("text", "") for c in content if isinstance(c, dict)]
        text = "\n".join(parts)
        if AGENTS_HEADER in text:
            return text
    return ""


def runtime(root: Path, scope: str, stub: common.Stub, run_id: str) -> dict:
    home = common.tempdir("claude-h-")
    try:
        common.git_init(root)
        log = home / "debug.log"
        cmd = [str(PKG), "-p", "agentls oracle", "--debug-file", str(log)]
        if scope == "plugin":
            cmd += ["--plugin-dir", str(root / "plugin")]
        p = common.run(cmd, cwd=root, env=env_for(home, stub, run_id), timeout=120)
        text = request_texts(stub.take(run_id))
        logtext = log.read_text(errors="replace") if log.exists() else ""
        return {"agents": parse_list(text, AGENTS_HEADER), "skills": parse_list(text, SKILLS_HEADER),
                "log": logtext, "saw_request": bool(text), "exit": p.returncode,
                "stderr": p.stderr[-500:]}
    finally:
        common.rmtree(home)


def validate(root: Path, scope: str) -> dict:
    home = common.tempdir("claude-v-")
    try:
        target = root / "plugin" if scope == "plugin" else root
        p = common.run([str(PKG), "plugin", "validate", "--json", str(target)], cwd=root,
                       env=env_for(home), timeout=120)
        try:
            start = p.stdout.index("{")
            return json.loads(p.stdout[start:])
        except ValueError:
            return {"error": (p.stdout + p.stderr)[-800:]}
    finally:
        common.rmtree(home)


def frontmatter_name(text: str) -> str | None:
    m = re.search(r"^name:\s*['\"]?([^'\"\r\n]+?)['\"]?\s*$", text, re.M)
    return m.group(1) if m else None


def is_hidden_from_model(text: str) -> bool:
    return bool(re.search(r"^disable-model-invocation:\s*(true|yes|on|1)\s*$", text, re.M | re.I))


def loaded_for(case: dict, rt: dict, baseline: dict, plugin_name: str | None) -> tuple[bool | None, str]:
    """Whether Claude Code's runtime lists this case's agent/command/skill, and the entry."""
    root = Path(case["root"])
    rel = case["file"]
    try:
        text = (root / rel).read_text(errors="replace")
    except OSError:
        text = ""
    dialect = case["dialect"]
    if dialect == "claude-agent":
        entries = [e for e in rt["agents"] if entry_name(e) not in baseline["agents"]]
    else:
        entries = [e for e in rt["skills"] if entry_name(e) not in baseline["skills"]]
    if case["kind"] != "corpus":
        # One file per root: any entry that is not built in is this case's.
        if case["scope"] == "plugin":
            entries = [e for e in entries if entry_name(e).startswith("oracle:")]
        if entries:
            return True, entries[0]
    else:
        stem = Path(rel).stem
        fm = frontmatter_name(text)
        inner = Path(rel).relative_to("plugin")
        if dialect == "skill":
            cands = {inner.parent.name, fm}
        elif dialect == "claude-agent" and case["scope"] == "plugin":
            sub = inner.parts[1:-1] if inner.parts and inner.parts[0] == "agents" else ()
            cands = {":".join([*sub, stem]), ":".join([*sub, fm]) if fm else None, fm}
        else:
            cands = {stem, fm}
        prefix = f"{plugin_name}:" if case["scope"] == "plugin" else ""
        ids = {prefix + c for c in cands if c}
        for e in entries:
            if entry_name(e) in ids:
                return True, e
    if dialect != "claude-agent" and is_hidden_from_model(text):
        return None, "(not listed: disable-model-invocation hides it from the model's list)"
    if not rt["saw_request"]:
        return None, "(no request reached the stub: " + rt["stderr"] + ")"
    if case["kind"] == "corpus" and dialect != "claude-agent":
        return None, "(not in the skills listing, which may be cut to its budget)"
    return False, "(not listed)"


def run_root(args) -> list[dict]:
    root_s, cases, stub, baseline, ver = args
    root = Path(root_s)
    scope = cases[0]["scope"]
    run_id = "r" + root.name
    val = validate(root, scope)
    rt = runtime(root, scope, stub, run_id)
    plugin_name = None
    if scope == "plugin":
        try:
            plugin_name = json.loads((root / "plugin/.claude-plugin/plugin.json").read_text())["name"]
        except (OSError, ValueError, KeyError):
            plugin_name = None
    by_file: dict[str, dict] = {}
    for item in val.get("contents") or []:
        f = item.get("file", "")
        try:
            by_file[str(Path(f).resolve().relative_to(root.resolve()))] = item
        except ValueError:
            pass
    records = []
    for case in cases:
        findings = []
        item = by_file.get(case["file"], {})
        raw = []
        for sev, key in (("error", "errors"), ("warning", "warnings"), ("information", "notes")):
            for e in item.get(key) or []:
                msg = e.get("message", "") if isinstance(e, dict) else str(e)
                path = e.get("path") if isinstance(e, dict) else None
                line = common.key_line(case["root"], case["file"], path) if path != "frontmatter" else None
                findings.append({"line": line, "severity": sev,
                                 "message": f"validate: {path + ': ' if path else ''}{msg}"})
                raw.append(f"validate {sev}: {path}: {msg}")
        abs_file = str(root / case["file"])
        for line in rt["log"].splitlines():
            if abs_file not in line:
                continue
            m = re.search(r"\[(ERROR|WARN)\]\s*(.*)", line)
            if not m:
                continue
            msg = m.group(2).replace(str(root) + "/", "")
            findings.append({"line": None, "severity": "error" if m.group(1) == "ERROR" else "warning",
                             "message": f"runtime: {msg}"})
            raw.append(f"runtime {m.group(1)}: {msg}")
        loaded, entry = loaded_for(case, rt, baseline, plugin_name)
        raw.append(f"runtime listing: {entry}")
        if "error" in val:
            raw.append("validate failed: " + val["error"])
        records.append(common.record(case, CONSUMER, ver, loaded, False, findings, "\n".join(raw)))
    return records


def main() -> int:
    cases = common.load_cases(CONSUMER)
    if not PKG.exists():
        print(f"claude.py: {PKG} missing; run install.sh", file=sys.stderr)
        return 2
    ver = version()
    stub = common.Stub()
    try:
        empty = common.tempdir("claude-empty-")
        rt = runtime(empty, "project", stub, "baseline")
        common.rmtree(empty)
        baseline = {"agents": {entry_name(e) for e in rt["agents"]},
                    "skills": {entry_name(e) for e in rt["skills"]}}
        if not rt["saw_request"]:
            print("claude.py: the baseline run sent no request to the stub:\n" + rt["stderr"],
                  file=sys.stderr)
            return 2
        groups = common.group_by_root(cases)
        results = common.pool_map(run_root, [(r, cs, stub, baseline, ver) for r, cs in groups.items()])
    finally:
        stub.close()
    records = [r for rs in results for r in rs]
    path = common.write_records(CONSUMER, records)
    loaded = sum(1 for r in records if r["loaded"])
    print(f"claude.py: Claude Code {ver}: {len(records)} records ({loaded} loaded) -> {path}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
