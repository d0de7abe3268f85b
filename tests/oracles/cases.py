#!/usr/bin/env python3
"""Builds the oracle cases in a temporary folder and writes their manifest.

Usage: cases.py [--out DIR] [--only-generated | --only-corpus]

Writes DIR/cases/<n>/... (one folder, "root", per case or per corpus plugin) and
DIR/cases.jsonl, one JSON object per case:

  {"case": id, "consumer": "claude-code"|"opencode"|"gemini-cli"|"copilot-cli",
   "dialect": agentls dialect id, "scope": "project"|"plugin"|"user",
   "kind": "field"|"shape"|"spec"|"corpus", "root": absolute folder, "file": path in root}

Each case file sits where its consumer discovers it (README.md, "Layouts"). Generated cases come
from the dialect data files of agentls (`*data/dialects/*.toml`, found through git, never by a
fixed path), so a field added there gets its cases without editing this file. Corpus files are
copied from ../shared/corpus into the temporary folder (never into the repository).
"""
from __future__ import annotations

import argparse
import json
import os
import re
import shutil
import subprocess
import sys
import tomllib
from pathlib import Path

HERE = Path(__file__).resolve().parent
REPO = HERE.parent.parent
CORPUS = Path(os.environ.get("AGENTLS_CORPUS", REPO.parent / "shared" / "corpus"))
if not CORPUS.is_dir():
    CORPUS = Path("/work/shared/corpus")

# Which consumer runs the cases of each dialect (copilot-agent: the Copilot CLI; the VS Code runner
# of tests/editors covers the same dialect separately).
CONSUMER = {
    "claude-agent": "claude-code",
    "claude-command": "claude-code",
    "skill": "claude-code",
    "opencode-agent": "opencode",
    "opencode-command": "opencode",
    "gemini-agent": "gemini-cli",
    "copilot-agent": "copilot-cli",
}
SCOPES = {
    "claude-agent": ["project", "plugin"],
    "claude-command": ["project", "plugin"],
    "skill": ["project", "plugin"],
    "opencode-agent": ["project"],
    "opencode-command": ["project"],
    "gemini-agent": ["user"],
    "copilot-agent": ["project"],
}
PLUGIN_JSON = {
    "name": "oracle",
    "version": "1.0.0",
    "description": "agentls oracle test plugin",
    "author": {"name": "agentls"},
    "license": "MIT",
}


def case_path(dialect: str, scope: str) -> str:
    """Where the consumer discovers a file of this dialect and scope (relative to the root)."""
    return {
        ("claude-agent", "project"): ".claude/agents/oracle-case.md",
        ("claude-agent", "plugin"): "plugin/agents/oracle-case.md",
        ("claude-command", "project"): ".claude/commands/oracle-cmd.md",
        ("claude-command", "plugin"): "plugin/commands/oracle-cmd.md",
        ("skill", "project"): ".claude/skills/oracle-skill/SKILL.md",
        ("skill", "plugin"): "plugin/skills/oracle-skill/SKILL.md",
        ("opencode-agent", "project"): ".opencode/agents/oracle-case.md",
        ("opencode-command", "project"): ".opencode/commands/oracle-cmd.md",
        ("gemini-agent", "user"): ".gemini/agents/oracle-case.md",
        ("copilot-agent", "project"): ".github/agents/oracle-case-NNN.agent.md",  # see Builder.add
    }[(dialect, scope)]


# The smallest valid frontmatter of each dialect, as (key, YAML text) pairs.
BASE = {
    "claude-agent": [("name", "oracle-case"), ("description", "Oracle test agent.")],
    "claude-command": [("description", "Oracle test command.")],
    "skill": [("name", "oracle-skill"), ("description", "Oracle test skill.")],
    "opencode-agent": [("description", "Oracle test agent.")],
    "opencode-command": [("description", "Oracle test command.")],
    "gemini-agent": [("name", "oracle-case"), ("description", "Oracle test agent.")],
    "copilot-agent": [("name", "oracle-case"), ("description", "Oracle test agent.")],
}

HOOKS = "\n  PreToolUse:\n    - matcher: Bash\n      hooks:\n        - type: command\n          command: echo oracle"
CLAUDE_SHARED = {
    "name": "oracle-skill", "description": "Oracle test.", "when_to_use": "When testing.",
    "argument-hint": "[file]", "arguments": "file", "disable-model-invocation": "false",
    "user-invocable": "true", "allowed-tools": "Read Grep", "disallowed-tools": "Write",
    "model": "sonnet", "effort": "low", "context": "fork", "agent": "general-purpose",
    "background": "true", "hooks": HOOKS, "paths": "src/**", "shell": "bash",
    "metadata": "\n  owner: oracle", "license": "MIT", "compatibility": "Any environment",
    "version": "1.0.0",
}
# A valid value per (dialect, key), where the type alone does not give one.
VALID = {
    "claude-agent": {
        "name": "oracle-case", "description": "Oracle test agent.", "tools": "Read, Grep",
        "disallowedTools": "Write", "model": "sonnet", "maxTurns": "5", "skills": "[oracle-skill]",
        "mcpServers": "\n  - github", "hooks": HOOKS, "background": "true",
        "initialPrompt": "Start.", "autoCompactWindow": "200000",
    },
    "claude-command": {**CLAUDE_SHARED, "name": "oracle-cmd"},
    "skill": CLAUDE_SHARED,
    "opencode-agent": {
        "description": "Oracle test agent.", "mode": "subagent",
        "model": "anthropic/claude-sonnet-4-5", "variant": "high", "temperature": "0.3",
        "top_p": "0.9", "prompt": "You are a test.", "steps": "5", "maxSteps": "5",
        "tools": "\n  bash: false", "permission": "\n  edit: deny", "hidden": "false",
        "disable": "false", "color": '"#ff0000"', "options": "\n  oracle: 1", "name": "oracle-case",
    },
    "opencode-command": {
        "description": "Oracle test command.", "agent": "build",
        "model": "anthropic/claude-sonnet-4-5", "subtask": "true",
    },
    "gemini-agent": {
        "name": "oracle-case", "description": "Oracle test agent.", "kind": "local",
        "tools": "[read_file, grep_search]", "mcpServers": "\n  oracle:\n    command: echo",
        "model": "gemini-2.5-pro", "temperature": "0.5", "max_turns": "5", "timeout_mins": "5",
    },
    "copilot-agent": {
        "name": "oracle-case", "description": "Oracle test agent.", "argument-hint": "[file]",
        "tools": '["read", "search"]', "agents": "[]", "model": '"Claude Sonnet 4.5 (copilot)"',
        "user-invocable": "true", "user-invokable": "true", "disable-model-invocation": "false",
        "infer": "true", "target": "vscode",
        "handoffs": "\n  - label: Go on\n    agent: agent\n    prompt: Continue.",
        "hooks": "\n  SessionStart: []", "github": "\n  permissions: {}",
        "advancedOptions": "\n  oracle: 1", "mcp-servers": "\n  oracle:\n    command: echo",
        "metadata": "\n  owner: oracle", "reasoning-effort": "high",
    },
}
# A value outside the documented set, for fields checked by pattern rather than a `values` list.
BAD_VALUE = {
    ("claude-agent", "model"): "gpt-oracle-9",
    ("claude-command", "model"): "gpt-oracle-9",
    ("skill", "model"): "gpt-oracle-9",
    ("opencode-agent", "model"): "nonsense",
    ("opencode-command", "model"): "nonsense",
    ("opencode-agent", "color"): "blue",
    ("claude-agent", "tools"): "Read, Grpe, Docker",
    ("claude-agent", "name"): "-oracle",
    ("claude-agent", "autoCompactWindow"): "5",
    ("gemini-agent", "name"): "Oracle Case",
    ("gemini-agent", "tools"): "[read_file, no_such_tool]",
    ("copilot-agent", "tools"): '["read", "no-such-tool"]',
}


def valid_value(dialect: str, field: dict) -> str | None:
    v = VALID.get(dialect, {}).get(field["key"])
    if v is not None:
        return v
    if field.get("values"):
        return field["values"][0]
    return {
        "string": "oracle value", "string-or-list": "oracle", "boolean": "true",
        "integer": "5", "number": "0.5", "map": "\n  oracle: 1", "list": "[oracle]",
    }.get(field.get("type", "any"))


def wrong_type_value(field: dict) -> str | None:
    return {
        "string": "[oracle, list]", "string-or-list": "{oracle: 1}", "boolean": "maybe",
        "integer": "many", "number": "hot", "map": "oracle text", "list": "{oracle: 1}",
    }.get(field.get("type", "any"))


def render(fields: list[tuple[str, str]], body: str = "Body of the oracle case.\n") -> str:
    out = ["---"]
    for k, v in fields:
        out.append(f"{k}:{v}" if v.startswith("\n") or v == "" else f"{k}: {v}")
    out.append("---")
    return "\n".join(out) + "\n" + body


def with_field(dialect: str, key: str, value: str | None) -> list[tuple[str, str]]:
    """The base frontmatter with `key` set to `value` (None: removed)."""
    fields = [(k, v) for k, v in BASE[dialect] if k != key]
    if value is not None:
        replaced = [(k, value if k == key else v) for k, v in BASE[dialect]]
        if any(k == key for k, _ in BASE[dialect]):
            return replaced
        fields.append((key, value))
    return fields


def list_key(dialect: str) -> str:
    return {"claude-agent": "tools", "claude-command": "allowed-tools", "skill": "allowed-tools",
            "gemini-agent": "tools", "copilot-agent": "tools"}.get(dialect, "oracle-tags")


def shapes(dialect: str) -> dict[str, bytes]:
    """File-level shapes, each a whole file (bytes, so CRLF and BOM stay exact)."""
    base = BASE[dialect]
    good = render(base)
    desc_key = "description"
    colon = [(k, "Oracle: a value with a colon" if k == desc_key else v) for k, v in base]
    lk = list_key(dialect)
    first = {"claude-agent": "Read", "claude-command": "Read", "skill": "Read",
             "gemini-agent": "read_file", "copilot-agent": "read"}.get(dialect, "alpha")
    second = {"claude-agent": "Grep", "claude-command": "Grep", "skill": "Grep",
              "gemini-agent": "grep_search", "copilot-agent": "search"}.get(dialect, "beta")
    head = "---\n" + "\n".join(f"{k}: {v}" for k, v in base)
    tail = "---\nBody of the oracle case.\n"
    flow = head + f"\n{lk}: [{first},\n{second}]\n" + tail
    tabs = head + f"\n{lk}:\n\t- {first}\n\t- {second}\n" + tail
    if dialect == "opencode-agent":
        tabs = head + "\npermission:\n\tedit: deny\n" + tail
    dup = head + f"\n{desc_key}: Second description.\n" + tail
    indented = "  ---\n" + "\n".join(f"  {k}: {v}" for k, v in base) + "\n  ---\nBody.\n"
    return {
        "valid": good.encode(),
        "no-frontmatter": b"Body of the oracle case, without frontmatter.\n",
        "unclosed-frontmatter": (head + "\nBody of the oracle case.\n").encode(),
        "crlf": good.replace("\n", "\r\n").encode(),
        "crlf-colon": render(colon).replace("\n", "\r\n").encode(),
        "colon-lf": render(colon).encode(),
        "tabs": tabs.encode(),
        "flow-list-column-1": flow.encode(),
        "duplicate-keys": dup.encode(),
        "bom": b"\xef\xbb\xbf" + good.encode(),
        "blank-line-before-frontmatter": ("\n" + good).encode(),
        "indented-frontmatter": indented.encode(),
        "multiline-description-unindented": (
            head.replace(f"{desc_key}: Oracle test", f"{desc_key}: Use this agent.\n"
                         "<example>\nuser: hello\n</example>\nOracle test") + "\n" + tail).encode(),
    }


def spec_cases() -> list[tuple[str, str, str, bytes]]:
    """(dialect, scope-or-'*', detail, content): formats.md §10 and the cases named in the brief."""
    oc = BASE["opencode-agent"]
    ca = BASE["claude-agent"]
    out = []
    for detail, val in [("color-blue", "blue"), ("color-hex", '"#ff0000"'),
                        ("color-primary", "primary"), ("color-unquoted-hex", "#ff0000")]:
        out.append(("opencode-agent", "*", detail, render(oc + [("color", val)]).encode()))
    out.append(("opencode-agent", "*", "description-unquoted-colon",
                render([("description", "Bad: colon")]).encode()))
    out.append(("opencode-agent", "*", "permission-question",
                render(oc + [("permission", "\n  question: allow")]).encode()))
    out.append(("opencode-agent", "*", "permission-bad-action",
                render(oc + [("permission", "\n  edit: maybe")]).encode()))
    out.append(("opencode-agent", "*", "permission-unknown-key",
                render(oc + [("permission", "\n  nosuchtool: deny")]).encode()))
    out.append(("opencode-agent", "*", "mode-primary-no-description",
                render([("mode", "primary")]).encode()))
    out.append(("opencode-agent", "*", "no-description",
                render([("mode", "subagent")]).encode()))
    out.append(("opencode-agent", "*", "unknown-key",
                render(oc + [("reasoningEffort", "high")]).encode()))
    out.append(("opencode-agent", "*", "tools-non-boolean",
                render(oc + [("tools", "\n  bash: maybe")]).encode()))
    out.append(("opencode-agent", "*", "claude-style-tools-string",
                render(oc + [("tools", "Read, Grep")]).encode()))
    out.append(("opencode-agent", "*", "claude-style-model",
                render(oc + [("model", "sonnet")]).encode()))
    out.append(("opencode-agent", "*", "steps-zero", render(oc + [("steps", "0")]).encode()))
    out.append(("opencode-agent", "*", "temperature-string",
                render(oc + [("temperature", '"0.5"')]).encode()))
    claude = [
        ("no-frontmatter", b"You are an agent without frontmatter.\n"),
        ("crlf-colon", render([("name", "oracle-case"), ("description", "Bad: colon here")])
         .replace("\n", "\r\n").encode()),
        ("tools-unknown", render(ca + [("tools", "Read, Grpe, Docker")]).encode()),
        ("tools-all-unknown", render(ca + [("tools", "Grpe, Docker")]).encode()),
        ("tools-space-separated", render(ca + [("tools", "Read Grep Glob")]).encode()),
        ("tools-task", render(ca + [("tools", "Read, Task")]).encode()),
        ("tools-task-agent", render(ca + [("tools", "Task(reviewer), Read")]).encode()),
        ("tools-legacy", render(ca + [("tools", "Read, MultiEdit, LS")]).encode()),
        ("tools-empty-list", render(ca + [("tools", "[]")]).encode()),
        ("tools-mcp", render(ca + [("tools", "Read, mcp__github__get_issue")]).encode()),
        ("model-bad", render(ca + [("model", "claude-4-5-opus")]).encode()),
        ("model-full-id", render(ca + [("model", "claude-opus-4-5")]).encode()),
        ("model-copilot-name", render(ca + [("model", "Claude Sonnet 4.5")]).encode()),
        ("no-name", render([("description", "Oracle test agent.")]).encode()),
        ("no-description", render([("name", "oracle-case")]).encode()),
        ("name-colon", render([("name", "a:b"), ("description", "x")]).encode()),
        ("name-uppercase", render([("name", "Oracle_Case"), ("description", "x")]).encode()),
        ("name-number", render([("name", "123"), ("description", "x")]).encode()),
        ("unknown-key", render(ca + [("triggers", "[deploy]")]).encode()),
        ("hooks-empty-list", render(ca + [("hooks", "[]")]).encode()),
        ("color-magenta", render(ca + [("color", "magenta")]).encode()),
        ("permission-mode-plugin", render(ca + [("permissionMode", "plan")]).encode()),
        ("background-yes", render(ca + [("background", "yes")]).encode()),
        ("description-number", render([("name", "oracle-case"), ("description", "42")]).encode()),
        ("merge-conflict", ("<<<<<<< HEAD\n" + render(ca) + "=======\n>>>>>>> x\n").encode()),
        ("description-list", render([("name", "oracle-case"), ("description", "[a, b]")]).encode()),
        ("description-empty", render([("name", "oracle-case"), ("description", '""')]).encode()),
        ("name-dash", render([("name", "-oracle"), ("description", "x")]).encode()),
        ("name-empty", render([("name", '""'), ("description", "x")]).encode()),
        ("hooks-not-a-map", render(ca + [("hooks", "[]")]).encode()),
        ("initial-prompt", render(ca + [("initialPrompt", "Start.")]).encode()),
        ("hooks-valid", render(ca + [("hooks", HOOKS)]).encode()),
        ("mcp-servers-inline", render(ca + [("mcpServers", "\n  - oracle:\n      command: echo")]).encode()),
    ]
    for detail, content in claude:
        out.append(("claude-agent", "*", detail, content))
    gb = BASE["gemini-agent"]
    for detail, content in [
        ("name-uppercase", render([("name", "OracleCase"), ("description", "x")]).encode()),
        ("name-underscore", render([("name", "oracle_case"), ("description", "x")]).encode()),
        ("kind-remote-no-url", render(gb + [("kind", "remote")]).encode()),
        ("unknown-key", render(gb + [("color", "blue")]).encode()),
        ("tools-string", render(gb + [("tools", "read_file")]).encode()),
        ("temperature-out-of-range", render(gb + [("temperature", "5")]).encode()),
        ("no-description", render([("name", "oracle-case")]).encode()),
        ("mcp_servers-snake-case", render(gb + [("mcp_servers", "\n  oracle:\n    command: echo")]).encode()),
        ("display_name", render(gb + [("display_name", "Oracle Case")]).encode()),
        ("timeout_mins-fraction", render(gb + [("timeout_mins", "1.5")]).encode()),
        ("tools-wildcard", render(gb + [("tools", '["*"]')]).encode()),
        ("tools-mcp-wildcard", render(gb + [("tools", '["mcp_*"]')]).encode()),
        ("tools-claude-names", render(gb + [("tools", "[Read, Grep]")]).encode()),
    ]:
        out.append(("gemini-agent", "*", detail, content))
    cb = BASE["copilot-agent"]
    for detail, content in [
        ("infer", render(cb + [("infer", "true")]).encode()),
        ("claude-tools", render(cb + [("tools", "Read, Grep")]).encode()),
        ("claude-model", render(cb + [("model", "sonnet")]).encode()),
        ("target-bad", render(cb + [("target", "nowhere")]).encode()),
        ("handoff-target-key", render(cb + [("handoffs", "\n  - label: Go\n    target: x\n    prompt: y")]).encode()),
        ("description-colon", render([("name", "oracle-case"), ("description", "Bad: colon")]).encode()),
    ]:
        out.append(("copilot-agent", "*", detail, content))
    return out


def dialect_files() -> dict[str, Path]:
    """The dialect data files of agentls, located through git (the folder moves between crates)."""
    try:
        ls = subprocess.run(["git", "-C", str(REPO), "ls-files", "*data/dialects/*.toml"],
                            capture_output=True, text=True, check=True).stdout.split()
    except (OSError, subprocess.CalledProcessError):
        ls = []
    paths = [REPO / p for p in ls if (REPO / p).is_file()]
    if not paths:  # an uncommitted move: fall back to the work tree
        paths = [p for p in REPO.glob("*/data/dialects/*.toml")]
    out = {}
    for p in sorted(paths):
        d = tomllib.loads(p.read_text())
        out[d["id"]] = p
    return out


class Builder:
    def __init__(self, out: Path):
        self.out = out
        self.cases_dir = out / "cases"
        self.n = 0
        self.manifest: list[dict] = []
        self.copilot_root: Path | None = None
        self.copilot_n = 0

    def new_root(self) -> Path:
        self.n += 1
        root = self.cases_dir / f"{self.n:04d}"
        root.mkdir(parents=True)
        return root

    def add(self, case_id: str, dialect: str, scope: str, kind: str, content: bytes,
            rel: str | None = None) -> None:
        if dialect == "copilot-agent" and rel is None:
            # The Copilot CLI loads every other agent when one file is bad, so all generated
            # copilot-agent cases share one root (one CLI run), each under its own file and name.
            if self.copilot_root is None:
                self.copilot_root = self.new_root()
            root = self.copilot_root
            self.copilot_n += 1
            ident = f"oracle-case-{self.copilot_n:03d}"
            rel = f".github/agents/{ident}.agent.md"
            content = content.replace(b"name: oracle-case", b"name: " + ident.encode())
        else:
            root = self.new_root()
        rel = rel or case_path(dialect, scope)
        path = root / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(content)
        if scope == "plugin":
            pj = root / "plugin" / ".claude-plugin" / "plugin.json"
            pj.parent.mkdir(parents=True, exist_ok=True)
            pj.write_text(json.dumps(PLUGIN_JSON, indent=2) + "\n")
        self.manifest.append({"case": case_id, "consumer": CONSUMER[dialect], "dialect": dialect,
                              "scope": scope, "kind": kind, "root": str(root), "file": rel})

    def generated(self, dialects: dict[str, Path]) -> None:
        for dialect in CONSUMER:
            if dialect not in dialects:
                print(f"cases.py: no data file for {dialect}; its field cases are skipped",
                      file=sys.stderr)
                fields = []
            else:
                fields = tomllib.loads(dialects[dialect].read_text()).get("field", [])
            for scope in SCOPES[dialect]:
                pre = f"{dialect}/{scope}"
                # Field mutations in the first scope only (the same parser reads both); file shapes
                # and spec cases in every scope.
                field_list = fields if scope == SCOPES[dialect][0] else []
                for f in field_list:
                    key = f["key"]
                    variants = {
                        "valid": valid_value(dialect, f),
                        "wrong-type": wrong_type_value(f),
                        "bad-value": (BAD_VALUE.get((dialect, key))
                                      or ("not-a-valid-value" if f.get("values") else None)),
                        "empty": '""',
                        "null": "",
                    }
                    for v, val in variants.items():
                        if val is None:
                            continue
                        self.add(f"{pre}/field/{key}/{v}", dialect, scope, "field",
                                 render(with_field(dialect, key, val)).encode())
                for detail, content in shapes(dialect).items():
                    self.add(f"{pre}/shape/{detail}", dialect, scope, "shape", content)
        for dialect, scope, detail, content in spec_cases():
            for sc in (SCOPES[dialect] if scope == "*" else [scope]):
                self.add(f"{dialect}/{sc}/spec/{detail}", dialect, sc, "spec", content)

    def corpus(self) -> None:
        """Corpus files of these consumers' dialects, laid out where the consumer finds them.

        Claude Code: each plugin folder (a folder with .claude-plugin/plugin.json) is copied whole,
        one root per plugin (its agents, commands and skills are one case each); the seeds, Claude
        agents outside any discovery path, become project agents (.claude/agents/), one root each.
        Copilot CLI: every awesome-copilot agent in one .github/agents/ folder (one bad file does
        not stop the others from loading). No corpus file is of an OpenCode or Gemini dialect.
        """
        if not CORPUS.is_dir():
            print(f"cases.py: no corpus at {CORPUS}", file=sys.stderr)
            return
        for pj in sorted(CORPUS.rglob(".claude-plugin/plugin.json")):
            src = pj.parent.parent
            root = self.new_root()
            dst = root / "plugin"
            shutil.copytree(src, dst)
            manifest = json.loads(pj.read_text())
            files: list[tuple[str, str]] = []
            agents = manifest.get("agents")
            if isinstance(agents, list):
                for a in agents:
                    files.append((os.path.normpath(a), "claude-agent"))
            elif isinstance(agents, str):
                files += [(str(p.relative_to(dst)), "claude-agent")
                          for p in sorted((dst / agents).rglob("*.md"))]
            else:
                files += [(str(p.relative_to(dst)), "claude-agent")
                          for p in sorted((dst / "agents").rglob("*.md"))]
            files += [(str(p.relative_to(dst)), "claude-command")
                      for p in sorted((dst / "commands").rglob("*.md"))]
            files += [(str(p.relative_to(dst)), "skill")
                      for p in sorted((dst / "skills").glob("*/SKILL.md"))]
            for rel, dialect in files:
                if Path(rel).name.lower() == "readme.md" or not (dst / rel).is_file():
                    continue
                corpus_rel = (src / rel).relative_to(CORPUS)
                self.manifest.append({
                    "case": f"corpus/{corpus_rel}", "consumer": "claude-code", "dialect": dialect,
                    "scope": "plugin", "kind": "corpus", "root": str(root),
                    "file": f"plugin/{rel}"})
        for seed in sorted((CORPUS / "seeds").glob("*.md")):
            self.add(f"corpus/seeds/{seed.name}", "claude-agent", "project", "corpus",
                     seed.read_bytes(), rel=f".claude/agents/{seed.name}")
        agents_dir = CORPUS / "awesome-copilot" / "agents"
        if agents_dir.is_dir():
            root = self.new_root()
            dst = root / ".github" / "agents"
            dst.mkdir(parents=True)
            for p in sorted(agents_dir.glob("*.md")):
                shutil.copyfile(p, dst / p.name)
                self.manifest.append({
                    "case": f"corpus/awesome-copilot/agents/{p.name}", "consumer": "copilot-cli",
                    "dialect": "copilot-agent", "scope": "project", "kind": "corpus",
                    "root": str(root), "file": f".github/agents/{p.name}"})

    def write(self) -> Path:
        path = self.out / "cases.jsonl"
        with path.open("w") as f:
            for c in self.manifest:
                f.write(json.dumps(c) + "\n")
        return path


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--out", default=os.environ.get("AGENTLS_ORACLE_OUT", str(HERE / ".out")))
    g = ap.add_mutually_exclusive_group()
    g.add_argument("--only-generated", action="store_true")
    g.add_argument("--only-corpus", action="store_true")
    args = ap.parse_args()
    out = Path(args.out)
    shutil.rmtree(out / "cases", ignore_errors=True)
    (out / "cases").mkdir(parents=True)
    b = Builder(out)
    dialects = dialect_files()
    if not args.only_corpus:
        b.generated(dialects)
    if not args.only_generated:
        b.corpus()
    path = b.write()
    by = {}
    for c in b.manifest:
        by[c["consumer"]] = by.get(c["consumer"], 0) + 1
    used = sorted({str(dialects[d].relative_to(REPO)) for d in CONSUMER if d in dialects})
    print(f"cases.py: {len(b.manifest)} cases in {b.n} roots "
          f"({', '.join(f'{k} {v}' for k, v in sorted(by.items()))}); "
          f"data: {', '.join(used) or 'none found'} -> {path}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
