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
3. For an agent that loaded: `claude -p` again, and the stub answers with an Agent tool call that
   spawns it; the subagent's own request shows the tools it really got and its model, or the debug
   log says why Claude Code refused to spawn it (then `loaded` is false: the agent is unusable).
   A written tool that the subagent did not get becomes an "effect:" warning at the `tools` line.
"""
from __future__ import annotations

import json
import os
import re
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from consumers import common  # noqa: E402

CONSUMER = "claude-code"
PKG = common.CACHE / "claude" / "node_modules" / "@anthropic-ai" / "claude-code-linux-x64" / "claude"
AGENTS_HEADER = "Available agent types for the Agent tool:\n"
# Every root with a single agent (generated cases, seeds) has it spawned in the same session;
# AGENTLS_ORACLE_SPAWN_CORPUS=1 also spawns each agent of the corpus plugins (one session each).
SPAWN_CORPUS = os.environ.get("AGENTLS_ORACLE_SPAWN_CORPUS") == "1"
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


def runtime(root: Path, scope: str, stub: common.Stub, run_id: str, spawn=None,
            plugin_dirs: list[Path] | None = None) -> dict:
    """One headless session. `spawn` (an agent name, or a function of the first request's
    messages that returns one or None) makes the stub start that agent with an Agent tool call; the
    result then also has the subagent's tools and model, or why Claude Code refused to spawn it."""
    home = common.tempdir("claude-h-")
    chosen: list[str] = []
    if spawn is not None:
        def chooser(msgs: str, spawn=spawn):
            name = spawn(msgs) if callable(spawn) else spawn
            if name:
                chosen.append(name)
            return name
        stub.spawn[run_id] = chooser
    try:
        common.git_init(root)
        log = home / "debug.log"
        cmd = [str(PKG), "-p", "agentls oracle", "--debug-file", str(log)]
        for d in plugin_dirs if plugin_dirs is not None else (
                [root / "plugin"] if scope == "plugin" else []):
            cmd += ["--plugin-dir", str(d)]
        p = common.run(cmd, cwd=root, env=env_for(home, stub, run_id), timeout=300)
        reqs = stub.take(run_id)
        logtext = log.read_text(errors="replace") if log.exists() else ""
    finally:
        stub.spawn.pop(run_id, None)
        common.rmtree(home)
    text = request_texts(reqs)
    out = {"agents": parse_list(text, AGENTS_HEADER), "skills": parse_list(text, SKILLS_HEADER),
           "log": logtext, "saw_request": bool(text), "exit": p.returncode,
           "stderr": p.stderr[-500:], "spawned": chosen[0] if chosen else None,
           "tools": None, "model": None, "refused": None}
    if chosen:
        for path, body in reqs:
            try:
                d = json.loads(body)
            except ValueError:
                continue
            msgs = json.dumps(d.get("messages", []))
            if "Answer ok." in msgs and "toolu_oracle" not in msgs:
                out["tools"] = [t.get("name") for t in d.get("tools") or []]
                out["model"] = d.get("model")
                break
        m = re.search(r"agentType=" + re.escape(chosen[0]) +
                      r" exitPath=error.*?errorKind=\w+:(.*)", logtext)
        if m:
            out["refused"] = m.group(1).strip()
    return out


def written_tools(text: str) -> tuple[list[str], int | None]:
    """The entries of `tools:` as written (comma- or space-separated string, or a list)."""
    lines = frontmatter_lines(text)
    for i, line in enumerate(lines):
        m = re.match(r"^tools:\s*(.*)$", line)
        if not m:
            continue
        val = m.group(1).strip()
        if val.startswith("["):
            val = val.strip("[]")
        elif not val:
            items = []
            for nxt in lines[i + 1:]:
                mm = re.match(r"^\s+-\s*(.*)$", nxt)
                if not mm:
                    break
                items.append(mm.group(1))
            val = ", ".join(items)
        entries = re.findall(r"[\w.*-]+(?:\([^)]*\))?", val)
        return [e.strip("'\"") for e in entries], i + 2
    return [], None


def frontmatter_lines(text: str) -> list[str]:
    lines = text.replace("\r\n", "\n").lstrip("\ufeff").split("\n")
    if not lines or lines[0].strip() != "---":
        return []
    out = []
    for line in lines[1:]:
        if line.strip() == "---":
            break
        out.append(line)
    return out


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
        inner = Path(rel).relative_to("plugin") if case["scope"] == "plugin" else Path(rel)
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
    if not rt["saw_request"]:
        return None, "(no request reached the stub: " + rt["stderr"] + ")"
    if dialect != "claude-agent":
        # The model's skill listing leaves out what it cannot use (disable-model-invocation,
        # `paths`-conditional skills, entries without a description, past the listing budget):
        # absence only counts when the loader logged an error for the file.
        dropped = any(str(root / rel) in line and "[ERROR]" in line for line in rt["log"].splitlines())
        return (False, "(not listed; the loader logged an error)") if dropped else \
            (None, "(not in the model's skill listing, which omits some loaded entries)")
    return False, "(not listed)"


def run_root(args) -> list[dict]:
    try:
        return _run_root(*args)
    except Exception as e:  # one broken root must not lose the others' records
        import traceback
        tb = traceback.format_exc()[-800:]
        return [common.record(c, CONSUMER, args[4], None, False, [], f"runner error: {e!r}\n{tb}")
                for c in args[1]]


def _run_root(root_s, cases, stub, baseline, ver, shared_rt=None) -> list[dict]:
    root = Path(root_s)
    scope = cases[0]["scope"]
    run_id = "r" + root.name
    val = validate(root, scope)
    # Roots with one agent file (generated cases, seeds): the same session also spawns it.
    one_agent = len(cases) == 1 and cases[0]["dialect"] == "claude-agent"

    def pick(msgs: str):
        try:
            text = json.loads(msgs)
        except ValueError:
            return None
        flat = "\n".join(c.get("text", "") if isinstance(c, dict) else str(c)
                         for m in text for c in (m.get("content") if isinstance(m.get("content"), list)
                                                 else [{"text": m.get("content", "")}]))
        for e in parse_list(flat, AGENTS_HEADER):
            n = entry_name(e)
            if n not in baseline["agents"] and (scope != "plugin" or n.startswith("oracle:")
                                                or cases[0]["kind"] == "corpus"):
                return n
        return None

    rt = shared_rt if shared_rt is not None else \
        runtime(root, scope, stub, run_id, spawn=pick if one_agent else None)
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
        sp = rt if one_agent else None
        if loaded and case["dialect"] == "claude-agent" and sp is None and SPAWN_CORPUS:
            sp = runtime(root, case["scope"], stub, run_id + "s", spawn=entry_name(entry))
        if loaded and sp is not None and sp["spawned"]:
            text = (root / case["file"]).read_text(errors="replace")
            if sp["refused"]:
                loaded = False
                findings.append({"line": common.key_line(case["root"], case["file"], "tools"),
                                 "severity": "error", "message": f"runtime: {sp['refused']}"})
                raw.append(f"spawn refused: {sp['refused']}")
            elif sp["tools"] is not None:
                raw.append(f"spawned with tools {sp['tools']} and model {sp['model']}")
                got = set(sp["tools"])
                if "Bash" in got:
                    # 2.1.328 gives no Grep/Glob tool when Bash is in the list (search runs through
                    # Bash); the names are valid, so that is not an effect of the file.
                    got |= {"Grep", "Glob"}
                entries, tline = written_tools(text)
                for e in entries:
                    base = e.split("(")[0]
                    if base == "Task":
                        base = "Agent"
                    if base not in got and not base.startswith("mcp__"):
                        findings.append({"line": tline, "severity": "warning", "message":
                                         f"effect: `{e}` is not among the tools the spawned subagent got"})
            else:
                raw.append("spawn: no subagent request seen")
        elif loaded and one_agent:
            raw.append("spawn: not attempted (agent not found in the listing)")
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
        # The corpus plugins all load in one session (--plugin-dir per plugin, in an empty git
        # repository); each is still validated on its own.
        corpus_plugins = {r: cs for r, cs in groups.items()
                          if cs[0]["kind"] == "corpus" and cs[0]["scope"] == "plugin"}
        jobs = [(r, cs, stub, baseline, ver) for r, cs in groups.items() if r not in corpus_plugins]
        if corpus_plugins:
            proj = common.tempdir("claude-corpus-")
            shared = runtime(proj, "project", stub, "corpus",
                             plugin_dirs=[Path(r) / "plugin" for r in corpus_plugins])
            jobs += [(r, cs, stub, baseline, ver, shared) for r, cs in corpus_plugins.items()]
        results = common.pool_map(run_root, jobs)
    finally:
        stub.close()
    records = [r for rs in results for r in rs]
    path = common.write_records(CONSUMER, records)
    loaded = sum(1 for r in records if r["loaded"])
    print(f"claude.py: Claude Code {ver}: {len(records)} records ({loaded} loaded) -> {path}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
