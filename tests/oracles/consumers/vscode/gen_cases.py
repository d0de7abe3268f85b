#!/usr/bin/env python3
"""Generates the VS Code oracle's own cases into a folder (never into the repository):

    python3 gen_cases.py OUT_DIR [--data DIR]

For every field of the copilot-agent, copilot-prompt, copilot-instructions, skill and claude-agent
dialect data files (found with `git ls-files '*data/dialects/*.toml'` unless --data is given): a
valid value, a wrong type, a bad enum value (when the field has `values`), an empty value (`key:`)
and an empty string (`key: ""`); the keys of a handoff item likewise; file shapes (no frontmatter,
unclosed, CRLF, unquoted `: `, tabs, a flow list continued at column 1, duplicate keys, BOM) per
dialect; and the hand-written cases of SPECIAL below. Writes OUT_DIR/cases.json for run.sh and
OUT_DIR/expect.json (what each case is about) for the comparison.
"""
import json
import os
import subprocess
import sys
import tomllib
from pathlib import Path

HERE = Path(__file__).resolve().parent
REPO = HERE.parents[3]

DIALECTS = ["copilot-agent", "copilot-prompt", "copilot-instructions", "skill", "claude-agent"]


def dialect_files(data_dir):
    if data_dir:
        return {p.stem: p for p in Path(data_dir).glob("*.toml")}
    out = subprocess.run(["git", "-C", str(REPO), "ls-files", "*data/dialects/*.toml"], capture_output=True, text=True, check=True).stdout
    return {Path(p).stem: REPO / p for p in out.split()}


# Where a case of each dialect lives, and the minimal valid header around the field under test.
def place(dialect, cid):
    if dialect == "copilot-agent":
        return f"cases/copilot-agent/{cid}.agent.md", {"description": "Test agent."}
    if dialect == "copilot-prompt":
        return f"cases/copilot-prompt/{cid}.prompt.md", {"description": "Test prompt."}
    if dialect == "copilot-instructions":
        return f"cases/copilot-instructions/{cid}.instructions.md", {"description": "Test instructions.", "applyTo": "'**/*.py'"}
    if dialect == "skill":
        return f".github/skills/{cid}/SKILL.md", {"name": cid, "description": "Test skill."}
    if dialect == "claude-agent":
        return f".claude/agents/{cid}.md", {"name": cid, "description": "Test subagent."}
    raise ValueError(dialect)


# A value every consumer of that dialect accepts, by (dialect, key) first, then by type.
VALID = {
    ("copilot-agent", "name"): "Test Agent Name",
    ("copilot-agent", "tools"): "['read', 'execute/runInTerminal']",
    ("copilot-agent", "agents"): "['*']",
    ("copilot-agent", "model"): "GPT-5 (copilot)",
    ("copilot-agent", "target"): "vscode",
    ("copilot-agent", "handoffs"): "\n  - label: Continue\n    agent: agent\n    prompt: Go on.",
    ("copilot-agent", "hooks"): "\n  SessionStart:\n    - type: command\n      command: echo start",
    ("copilot-agent", "github"): "\n  permissions:\n    contents: read",
    ("copilot-agent", "advancedOptions"): "\n  foo: bar",
    ("copilot-agent", "mcp-servers"): "\n  srv:\n    type: local\n    command: srv",
    ("copilot-agent", "metadata"): "\n  owner: team",
    ("copilot-agent", "reasoning-effort"): "high",
    ("copilot-prompt", "agent"): "agent",
    ("copilot-prompt", "mode"): "agent",
    ("copilot-prompt", "model"): "GPT-5 (copilot)",
    ("copilot-prompt", "tools"): "['read', 'execute/runInTerminal']",
    ("copilot-instructions", "applyTo"): "'**/*.ts'",
    ("copilot-instructions", "excludeAgent"): "code-review",
    ("skill", "allowed-tools"): "Read Grep",
    ("skill", "disallowed-tools"): "Write",
    ("skill", "model"): "sonnet",
    ("skill", "agent"): "Explore",
    ("skill", "hooks"): "\n  PreToolUse:\n    - matcher: Bash\n      hooks:\n        - type: command\n          command: echo hi",
    ("skill", "paths"): "['src/**/*.py']",
    ("skill", "metadata"): "\n  owner: team",
    ("skill", "license"): "MIT",
    ("skill", "compatibility"): "Requires Python 3.11",
    ("skill", "version"): "1.0.0",
    ("skill", "arguments"): "issue",
    ("claude-agent", "tools"): "Read, Grep",
    ("claude-agent", "disallowedTools"): "Write",
    ("claude-agent", "model"): "sonnet",
    ("claude-agent", "skills"): "['my-skill']",
    ("claude-agent", "mcpServers"): "['github']",
    ("claude-agent", "hooks"): "\n  PreToolUse:\n    - matcher: Bash\n      hooks:\n        - type: command\n          command: echo hi",
    ("claude-agent", "initialPrompt"): "Start with a summary.",
}
# The key of a handoff item and its valid value.
HANDOFF_VALID = {"label": "Continue", "agent": "agent", "prompt": "Go on.", "send": "false", "showContinueOn": "true", "model": "GPT-5 (copilot)"}


def valid_value(dialect, f):
    key, typ = f["key"], f.get("type", "string")
    if (dialect, key) in VALID:
        return VALID[(dialect, key)]
    if f.get("values"):
        return f["values"][0]
    return {
        "string": "Some text",
        "boolean": "true",
        "integer": "5",
        "list": "['a']",
        "map": "\n  k: v",
        "string-or-list": "a, b",
        "any": "x",
    }.get(typ, "x")


def wrong_value(f):
    typ = f.get("type", "string")
    return {
        "string": "[a, b]",
        "boolean": "yes",
        "integer": "many",
        "list": "\n  k: v",
        "map": "just-a-string",
        "string-or-list": "\n  k: v",
        "any": "\n  k: v",
    }.get(typ, "[a, b]")


def render(header, body="Body text.\n"):
    lines = ["---"]
    for k, v in header.items():
        lines.append(f"{k}:{'' if v == '' or v.startswith(chr(10)) else ' '}{v}")
    lines.append("---")
    return "\n".join(lines) + "\n" + body


class Cases:
    def __init__(self, out):
        self.out = Path(out)
        self.list = []
        self.expect = {}

    def add(self, cid, rel, content, about, dialect=None, mode="w"):
        p = self.out / rel
        p.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(content, str):
            content = content.encode("utf-8")
        p.write_bytes(content)
        self.list.append({"case": cid, "file": rel})
        self.expect[cid] = {"about": about, "dialect": dialect, "file": rel}

    def field(self, dialect, cid, key, value, about):
        rel, base = place(dialect, cid)
        header = {k: v for k, v in base.items() if k != key}
        header[key] = value
        self.add(cid, rel, render(header), about, dialect)


def field_cases(c, dialect, spec):
    for f in spec.get("field", []):
        key = f["key"]
        slug = key.replace("_", "-").lower()
        d = dialect.replace("copilot-", "c").replace("claude-agent", "cl").replace("skill", "sk")
        cid = f"{d}-{slug}-valid"
        # A skill's name must match its folder and a subagent's name is its identity: use the case id.
        value = cid if key == "name" and dialect in ("skill", "claude-agent") else valid_value(dialect, f)
        c.field(dialect, cid, key, value, f"{dialect}.{key}: valid value")
        c.field(dialect, f"{d}-{slug}-wrongtype", key, wrong_value(f), f"{dialect}.{key}: wrong type (expected {f.get('type', 'string')})")
        if f.get("values"):
            c.field(dialect, f"{d}-{slug}-badenum", key, "bogus-value", f"{dialect}.{key}: value not in {f['values']}")
        c.field(dialect, f"{d}-{slug}-empty", key, "", f"{dialect}.{key}: empty (null) value")
        c.field(dialect, f"{d}-{slug}-emptystr", key, '""', f"{dialect}.{key}: empty string")
        for item in f.get("item_field", []):
            ik = item["key"]
            for kind, val in [("valid", HANDOFF_VALID.get(ik, "x")), ("wrongtype", wrong_value(item).replace("\n  ", "\n      ")), ("empty", ""), ("emptystr", '""')]:
                other = {k: v for k, v in HANDOFF_VALID.items() if k in ("label", "agent", "prompt") and k != ik}
                lines = [f"\n  - {ik}:{'' if val == '' or val.startswith(chr(10)) else ' '}{val}"] + [f"\n    {k}: {v}" for k, v in other.items()]
                c.field(dialect, f"{d}-{slug}-{ik.lower()}-{kind}", key, "".join(lines), f"{dialect}.{key}[].{ik}: {kind}")


def shape_cases(c):
    for dialect in DIALECTS:
        d = dialect.replace("copilot-", "c").replace("claude-agent", "cl").replace("skill", "sk")
        def put(kind, content, about):
            cid = f"{d}-shape-{kind}"
            rel, _ = place(dialect, cid)
            c.add(cid, rel, content, f"{dialect}: {about}", dialect)
        _, base = place(dialect, f"{d}-shape-x")
        name_line = lambda kind: (f"name: {d}-shape-{kind}\n" if "name" in base else "")
        desc = {"copilot-agent": "Test agent.", "copilot-prompt": "Test prompt.", "copilot-instructions": "Test instructions.", "skill": "Test skill.", "claude-agent": "Test subagent."}[dialect]
        tools = {"claude-agent": "Read, Grep", "skill": None}.get(dialect, "['read', 'execute']")
        put("nofm", "Just a body, no frontmatter.\n", "no frontmatter")
        put("unclosed", f"---\n{name_line('unclosed')}description: {desc}\nBody without a closing marker.\n", "frontmatter never closed")
        put("crlf", f"---\r\n{name_line('crlf')}description: {desc}\r\n---\r\nBody.\r\n", "CRLF line endings (valid header)")
        put("crlf-colon", f"---\r\n{name_line('crlf-colon')}description: Use it: when needed\r\n---\r\nBody.\r\n", "CRLF + unquoted ': ' in a value")
        put("colon", f"---\n{name_line('colon')}description: Use it: when needed\n---\nBody.\n", "unquoted ': ' inside a plain scalar")
        put("tabs", f"---\n{name_line('tabs')}description: {desc}\n\tfoo: bar\n---\nBody.\n", "tab-indented line in the header")
        put("tab-after-colon", f"---\n{name_line('tab-after-colon')}description:\t{desc}\n---\nBody.\n", "tab after the colon")
        if tools:
            put("flowcont", f"---\n{name_line('flowcont')}description: {desc}\ntools: ['read',\n'execute']\n---\nBody.\n"
                if dialect != "claude-agent" else f"---\n{name_line('flowcont')}description: {desc}\ntools: ['Read',\n'Grep']\n---\nBody.\n",
                "flow list continued on a line starting at column 1")
        put("dupkey", f"---\n{name_line('dupkey')}description: {desc}\ndescription: Second.\n---\nBody.\n", "duplicate key")
        put("bom", ("\ufeff" + f"---\n{name_line('bom')}description: {desc}\n---\nBody.\n"), "UTF-8 BOM before ---")
        put("indented", f"  ---\n{name_line('indented')}description: {desc}\n---\nBody.\n", "indented opening marker")
        put("blankfirst", f"\n---\n{name_line('blankfirst')}description: {desc}\n---\nBody.\n", "blank line before the frontmatter")
        put("dots", f"---\n{name_line('dots')}description: {desc}\n...\nBody.\n", "closed with ... instead of ---")
        put("notmap", "---\n- a\n- b\n---\nBody.\n", "frontmatter is a list, not a map")
        put("scalarfm", "---\njust text\n---\nBody.\n", "frontmatter is a plain scalar")
        put("emptyfm", "---\n---\nBody.\n", "empty frontmatter")
        put("multiline-unindented", f"---\n{name_line('multiline-unindented')}description: first line\nsecond line\n---\nBody.\n", "multi-line plain scalar with an unindented continuation")
        put("conflict", f"---\n{name_line('conflict')}<<<<<<< HEAD\ndescription: {desc}\n=======\ndescription: Other.\n>>>>>>> branch\n---\nBody.\n", "merge-conflict markers in the header")
        put("quoted-key", f"---\n{name_line('quoted-key')}'description': {desc}\n---\nBody.\n", "quoted key")
        put("unknown", f"---\n{name_line('unknown')}description: {desc}\nfrobnicate: yes\n---\nBody.\n", "unknown key")


def special_cases(c):
    A = "cases/special"
    def add(cid, rel, text, about, dialect):
        c.add(cid, rel, text, about, dialect)
    # prompt files: mode / agent / tools
    add("sp-prompt-mode-alone", f"{A}/mode-alone.prompt.md", "---\ndescription: x\nmode: agent\n---\nBody.\n", "prompt: mode alone", "copilot-prompt")
    add("sp-prompt-mode-ask-alone", f"{A}/mode-ask-alone.prompt.md", "---\ndescription: x\nmode: ask\n---\nBody.\n", "prompt: mode: ask alone", "copilot-prompt")
    add("sp-prompt-mode-and-agent", f"{A}/mode-and-agent.prompt.md", "---\ndescription: x\nmode: ask\nagent: agent\n---\nBody.\n", "prompt: mode + agent", "copilot-prompt")
    add("sp-prompt-agent-ask-tools", f"{A}/agent-ask-tools.prompt.md", "---\ndescription: x\nagent: ask\ntools: ['read']\n---\nBody.\n", "prompt: agent: ask + tools", "copilot-prompt")
    add("sp-prompt-mode-ask-tools", f"{A}/mode-ask-tools.prompt.md", "---\ndescription: x\nmode: ask\ntools: ['read']\n---\nBody.\n", "prompt: mode: ask + tools", "copilot-prompt")
    add("sp-prompt-agent-edit-tools", f"{A}/agent-edit-tools.prompt.md", "---\ndescription: x\nagent: edit\ntools: ['read']\n---\nBody.\n", "prompt: agent: edit + tools", "copilot-prompt")
    add("sp-prompt-agent-plan", f"{A}/agent-plan.prompt.md", "---\ndescription: x\nagent: Plan\n---\nBody.\n", "prompt: agent: Plan", "copilot-prompt")
    add("sp-prompt-agent-plan-lower", f"{A}/agent-plan-lower.prompt.md", "---\ndescription: x\nagent: plan\n---\nBody.\n", "prompt: agent: plan (lowercase)", "copilot-prompt")
    add("sp-prompt-agent-custom", f"{A}/agent-custom.prompt.md", "---\ndescription: x\nagent: sp-self-handoff\n---\nBody.\n", "prompt: agent = a custom agent's file name", "copilot-prompt")
    add("sp-prompt-agent-unknown", f"{A}/agent-unknown.prompt.md", "---\ndescription: x\nagent: no-such-agent\n---\nBody.\n", "prompt: agent unknown", "copilot-prompt")
    add("sp-prompt-nofm", f"{A}/nofm.prompt.md", "Just run the tests.\n", "prompt without frontmatter", "copilot-prompt")
    # chat modes
    add("sp-chatmode-noheader", f"{A}/legacy.chatmode.md", "You are a helpful mode.\n", "chatmode without header", "copilot-agent")
    add("sp-chatmode-header", f"{A}/legacy-header.chatmode.md", "---\ndescription: Old mode\ntools: ['codebase']\n---\nBody.\n", "chatmode with header", "copilot-agent")
    add("sp-chatmode-in-chatmodes", ".github/chatmodes/old.chatmode.md", "---\ndescription: Old mode\n---\nBody.\n", "chatmode in .github/chatmodes", "copilot-agent")
    # flow list continued at column 1
    add("sp-flowcont-agent", f"{A}/flowcont.agent.md", "---\ndescription: x\ntools: ['read', 'execute',\n'agent']\n---\nBody.\n", "agent: tools flow list continued at column 1", "copilot-agent")
    add("sp-flowcont-prompt", f"{A}/flowcont.prompt.md", "---\ndescription: x\ntools: ['read', 'execute',\n'agent']\n---\nBody.\n", "prompt: tools flow list continued at column 1", "copilot-prompt")
    # tool names
    for i, (name, about) in enumerate([
        ("notatool", "unknown tool"), ("searchResults", "simple name of search/searchResults"), ("memory", "simple name of vscode/memory"),
        ("runInTerminal", "simple name of execute/runInTerminal"), ("getTerminalOutput", "simple name of execute/getTerminalOutput"),
        ("runNotebooks", "orphaned legacy tool set runNotebooks"), ("playwright", "MCP server name alone (defined in .vscode/mcp.json)"),
        ("myserver", "MCP server name alone (defined in .vscode/mcp.json)"), ("myserver/*", "MCP server wildcard"), ("myserver/sometool", "MCP server tool"),
        ("browser", "browser tool set"), ("execute/awaitTerminal", "current tool"), ("execute/killTerminal", "current tool"),
        ("vscode/resolveMemoryFileUri", "current tool"), ("github/*", "GitHub MCP alias"), ("playwright/*", "Playwright MCP alias"),
        ("codebase", "legacy codebase"), ("editFiles", "legacy editFiles"), ("runCommands", "legacy runCommands"), ("todos", "legacy todos"),
        ("think", "removed think"), ("shell", "alias of execute"), ("custom-agent", "alias of agent"), ("runSubagent", "agent/runSubagent"),
        ("ms-python.python/tool", "extension tool"), ("a/b/c", "deep MCP-like path"), ("Read", "Claude tool name in a VS Code file"),
    ]):
        safe = name.replace("/", "_").replace("*", "star").replace(".", "_")
        add(f"sp-tool-{safe}", f"{A}/tool-{safe}.agent.md", f"---\ndescription: x\ntools: ['{name}']\n---\nBody.\n", f"agent tools: {name} ({about})", "copilot-agent")
    # custom-agent specials
    add("sp-model-empty", f"{A}/model-empty.agent.md", "---\ndescription: x\nmodel:\n---\nBody.\n", "agent: empty model", "copilot-agent")
    add("sp-model-emptylist", f"{A}/model-emptylist.agent.md", "---\ndescription: x\nmodel: []\n---\nBody.\n", "agent: empty model list", "copilot-agent")
    add("sp-model-claude-alias", f"{A}/model-claude.agent.md", "---\ndescription: x\nmodel: sonnet\n---\nBody.\n", "agent: Claude alias as model", "copilot-agent")
    add("sp-handoff-agent-empty", f"{A}/handoff-agent-empty.agent.md", "---\ndescription: x\nhandoffs:\n  - label: Go\n    agent:\n    prompt: Do it.\n---\nBody.\n", "handoff with empty agent", "copilot-agent")
    add("sp-handoff-target", f"{A}/handoff-target.agent.md", "---\ndescription: x\nhandoffs:\n  - label: Go\n    target: agent\n    prompt: Do it.\n---\nBody.\n", "handoff with target: instead of agent:", "copilot-agent")
    add("sp-self-handoff", f"{A}/sp-self-handoff.agent.md", "---\ndescription: x\nhandoffs:\n  - label: Again\n    agent: sp-self-handoff\n    prompt: Again.\n---\nBody.\n", "handoff to the agent itself", "copilot-agent")
    add("sp-handoff-unknown", f"{A}/handoff-unknown.agent.md", "---\ndescription: x\nhandoffs:\n  - label: Go\n    agent: no-such-agent\n    prompt: Do it.\n---\nBody.\n", "handoff to an unknown agent", "copilot-agent")
    add("sp-handoff-noprompt", f"{A}/handoff-noprompt.agent.md", "---\ndescription: x\nhandoffs:\n  - label: Go\n    agent: agent\n---\nBody.\n", "handoff without prompt", "copilot-agent")
    add("sp-handoff-duplabel", f"{A}/handoff-duplabel.agent.md", "---\ndescription: x\nhandoffs:\n  - label: Go\n    agent: agent\n    prompt: a\n  - label: go\n    agent: ask\n    prompt: b\n---\nBody.\n", "two handoffs with the same label (case-insensitive)", "copilot-agent")
    add("sp-handoff-label-nonalnum", f"{A}/handoff-label-sym.agent.md", "---\ndescription: x\nhandoffs:\n  - label: '->'\n    agent: agent\n    prompt: a\n---\nBody.\n", "handoff label without letters/digits", "copilot-agent")
    add("sp-handoff-builtin-plan", f"{A}/handoff-plan.agent.md", "---\ndescription: x\nhandoffs:\n  - label: Plan it\n    agent: Plan\n    prompt: a\n---\nBody.\n", "handoff to Plan", "copilot-agent")
    add("sp-handoff-builtin-ask", f"{A}/handoff-ask.agent.md", "---\ndescription: x\nhandoffs:\n  - label: Ask it\n    agent: ask\n    prompt: a\n---\nBody.\n", "handoff to ask", "copilot-agent")
    add("sp-infer-true", f"{A}/infer-true.agent.md", "---\ndescription: x\ninfer: true\n---\nBody.\n", "infer: true", "copilot-agent")
    add("sp-infer-false", f"{A}/infer-false.agent.md", "---\ndescription: x\ninfer: false\n---\nBody.\n", "infer: false", "copilot-agent")
    add("sp-user-invokable", f"{A}/user-invokable.agent.md", "---\ndescription: x\nuser-invokable: false\n---\nBody.\n", "user-invokable (misspelling)", "copilot-agent")
    for v in ["low", "medium", "high", "xhigh", "max", "minimal", "none", "bogus"]:
        add(f"sp-reasoning-{v}", f"{A}/reasoning-{v}.agent.md", f"---\ndescription: x\nreasoning-effort: {v}\n---\nBody.\n", f"reasoning-effort: {v}", "copilot-agent")
    add("sp-reasoning-prompt", f"{A}/reasoning.prompt.md", "---\ndescription: x\nreasoning-effort: high\n---\nBody.\n", "reasoning-effort in a prompt file", "copilot-prompt")
    add("sp-target-gh-handoffs", f"{A}/target-gh-handoffs.agent.md", "---\ndescription: x\ntarget: github-copilot\nhandoffs:\n  - label: Go\n    agent: agent\n    prompt: a\nargument-hint: a file\nmodel: GPT-5 (copilot)\ntools: ['notatool']\n---\nBody.\n", "target: github-copilot with handoffs, argument-hint, model, unknown tool", "copilot-agent")
    add("sp-target-gh-mcp", f"{A}/target-gh-mcp.agent.md", "---\ndescription: x\ntarget: github-copilot\nmcp-servers:\n  srv:\n    type: local\n    command: srv\nmetadata:\n  owner: team\n---\nBody.\n", "target: github-copilot with mcp-servers and metadata", "copilot-agent")
    add("sp-mcp-servers-vscode", f"{A}/mcp-servers-vscode.agent.md", "---\ndescription: x\nmcp-servers:\n  srv:\n    type: local\n    command: srv\n---\nBody.\n", "mcp-servers without target", "copilot-agent")
    add("sp-metadata-vscode", f"{A}/metadata-vscode.agent.md", "---\ndescription: x\nmetadata:\n  owner: team\n---\nBody.\n", "metadata without target", "copilot-agent")
    add("sp-applyto-badglob", f"{A}/badglob.instructions.md", "---\ndescription: x\napplyTo: '**/*.{ts'\n---\nBody.\n", "applyTo with an invalid glob", "copilot-instructions")
    add("sp-applyto-badglob2", f"{A}/badglob2.instructions.md", "---\ndescription: x\napplyTo: '[a-'\n---\nBody.\n", "applyTo with an unclosed bracket", "copilot-instructions")
    add("sp-applyto-list", f"{A}/applyto-list.instructions.md", "---\ndescription: x\napplyTo: ['**/*.ts']\n---\nBody.\n", "applyTo as a list", "copilot-instructions")
    add("sp-applyto-empty-item", f"{A}/applyto-emptyitem.instructions.md", "---\ndescription: x\napplyTo: '**/*.ts,'\n---\nBody.\n", "applyTo with a trailing comma", "copilot-instructions")
    add("sp-applyto-star", f"{A}/applyto-star.instructions.md", "---\ndescription: x\napplyTo: '*'\n---\nBody.\n", "applyTo: *", "copilot-instructions")
    add("sp-excludeagent-cloud", f"{A}/exclude-cloud.instructions.md", "---\ndescription: x\napplyTo: '**'\nexcludeAgent: cloud-agent\n---\nBody.\n", "excludeAgent: cloud-agent", "copilot-instructions")
    add("sp-copilot-instructions-in-agents", ".github/agents/copilot-instructions.md", "# Project instructions\n\nUse tabs.\n", "copilot-instructions.md placed in .github/agents/", "copilot-agent")
    add("sp-readme-in-agents", ".github/agents/README.md", "# Agents\n\nThese are our agents.\n", "README.md in .github/agents/", None)
    add("sp-agents-without-agent-tool", f"{A}/agents-no-agent-tool.agent.md", "---\ndescription: x\ntools: ['read']\nagents: ['sp-self-handoff']\n---\nBody.\n", "agents set while tools lacks agent", "copilot-agent")
    add("sp-agents-with-agent-tool", f"{A}/agents-with-agent-tool.agent.md", "---\ndescription: x\ntools: ['read', 'agent']\nagents: ['sp-self-handoff']\n---\nBody.\n", "agents set with the agent tool", "copilot-agent")
    add("sp-agents-unknown", f"{A}/agents-unknown.agent.md", "---\ndescription: x\nagents: ['no-such-agent']\n---\nBody.\n", "agents: unknown agent", "copilot-agent")
    add("sp-agents-empty", f"{A}/agents-empty.agent.md", "---\ndescription: x\ntools: ['read']\nagents: []\n---\nBody.\n", "agents: [] with tools without agent", "copilot-agent")
    add("sp-github-bad", f"{A}/github-bad.agent.md", "---\ndescription: x\ngithub:\n  permissions:\n    contents: admin\n    bogus: read\n  other: 1\n---\nBody.\n", "github permissions: bad value, bad scope, unknown key", "copilot-agent")
    add("sp-nodesc-agent", f"{A}/nodesc.agent.md", "---\nname: No Description\n---\nBody.\n", "agent without description", "copilot-agent")
    add("sp-body-tool-ref", f"{A}/body-tool.agent.md", "---\ndescription: x\ntools: ['read']\n---\nUse #tool:execute/runInTerminal and #tool:codebase and #tool:notatool.\n", "body #tool: references", "copilot-agent")
    add("sp-body-file-ref", f"{A}/body-file.agent.md", "---\ndescription: x\n---\nSee [the guide](./missing-guide.md).\n", "body link to a missing file", "copilot-agent")
    add("sp-tools-string", f"{A}/tools-string.agent.md", "---\ndescription: x\ntools: read, execute\n---\nBody.\n", "tools as comma string", "copilot-agent")
    add("sp-tools-empty-list", f"{A}/tools-emptylist.agent.md", "---\ndescription: x\ntools: []\n---\nBody.\n", "tools: []", "copilot-agent")
    add("sp-hooks-bad", f"{A}/hooks-bad.agent.md", "---\ndescription: x\nhooks:\n  NoSuchEvent:\n    - type: command\n      command: x\n  PreToolUse:\n    - type: script\n---\nBody.\n", "hooks: unknown event, bad type, no command", "copilot-agent")
    # skills
    add("sp-skill-name-mismatch", ".github/skills/sk-folder/SKILL.md", "---\nname: other-name\ndescription: x\n---\nBody.\n", "skill name differs from folder", "skill")
    add("sp-skill-name-upper", ".github/skills/Sk-Upper/SKILL.md", "---\nname: Sk-Upper\ndescription: x\n---\nBody.\n", "skill name with capitals", "skill")
    add("sp-skill-noname", ".github/skills/sk-noname/SKILL.md", "---\ndescription: x\n---\nBody.\n", "skill without name", "skill")
    add("sp-skill-nodesc", ".github/skills/sk-nodesc/SKILL.md", "---\nname: sk-nodesc\n---\nBody.\n", "skill without description", "skill")
    add("sp-skill-nodesc-noninvocable", ".github/skills/sk-nodesc-ui/SKILL.md", "---\nname: sk-nodesc-ui\nuser-invocable: false\n---\nBody.\n", "skill without description, user-invocable false", "skill")
    add("sp-skill-context-fork", ".github/skills/sk-fork/SKILL.md", "---\nname: sk-fork\ndescription: x\ncontext: fork\n---\nBody.\n", "skill context: fork", "skill")
    add("sp-skill-claude-dir", ".claude/skills/sk-claude/SKILL.md", "---\nname: sk-claude\ndescription: x\nallowed-tools: Read Grep\nmodel: sonnet\n---\nBody.\n", "skill under .claude/skills with Claude fields", "skill")
    # claude agents
    add("sp-claude-model-full", ".claude/agents/sp-cl-model-full.md", "---\nname: sp-cl-model-full\ndescription: x\nmodel: claude-opus-4-5\n---\nBody.\n", "claude agent: full model id", "claude-agent")
    add("sp-claude-model-fable", ".claude/agents/sp-cl-model-fable.md", "---\nname: sp-cl-model-fable\ndescription: x\nmodel: fable\n---\nBody.\n", "claude agent: model fable", "claude-agent")
    add("sp-claude-perm-auto", ".claude/agents/sp-cl-perm-auto.md", "---\nname: sp-cl-perm-auto\ndescription: x\npermissionMode: auto\n---\nBody.\n", "claude agent: permissionMode auto", "claude-agent")
    add("sp-claude-perm-delegate", ".claude/agents/sp-cl-perm-delegate.md", "---\nname: sp-cl-perm-delegate\ndescription: x\npermissionMode: delegate\n---\nBody.\n", "claude agent: permissionMode delegate", "claude-agent")
    add("sp-claude-handoffs", ".claude/agents/sp-cl-handoffs.md", "---\nname: sp-cl-handoffs\ndescription: x\nhandoffs:\n  - target: other\n    label: Go\n---\nBody.\n", "claude agent with VS Code handoffs (target:)", "claude-agent")
    add("sp-claude-noname", ".claude/agents/sp-cl-noname.md", "---\ndescription: x\n---\nBody.\n", "claude agent without name", "claude-agent")
    add("sp-claude-tools-spaces", ".claude/agents/sp-cl-tools-spaces.md", "---\nname: sp-cl-tools-spaces\ndescription: x\ntools: Read Grep Glob\n---\nBody.\n", "claude agent tools separated by spaces", "claude-agent")
    add("sp-claude-tools-unknown", ".claude/agents/sp-cl-tools-unknown.md", "---\nname: sp-cl-tools-unknown\ndescription: x\ntools: Read, Docker\n---\nBody.\n", "claude agent unknown tool", "claude-agent")
    add("sp-claude-copilot-model", ".claude/agents/sp-cl-copilot-model.md", "---\nname: sp-cl-copilot-model\ndescription: x\nmodel: Claude Sonnet 4.5 (copilot)\n---\nBody.\n", "claude agent with a Copilot model name", "claude-agent")
    add("sp-claude-subdir", ".claude/agents/sub/sp-cl-subdir.md", "---\nname: sp-cl-subdir\ndescription: x\nmodel: bogus\n---\nBody.\n", "claude agent in a subfolder of .claude/agents", "claude-agent")
    add("sp-github-agents-subdir", ".github/agents/sub/nested.md", "---\ndescription: x\nbogus: 1\n---\nBody.\n", ".github/agents subfolder without .agent.md", "copilot-agent")
    add("sp-github-agents-plain", ".github/agents/plain.md", "---\ndescription: x\nbogus: 1\n---\nBody.\n", ".github/agents plain .md", "copilot-agent")
    add("sp-github-agents-nofm", ".github/agents/nofm.md", "You are an agent without a header.\n", ".github/agents file without frontmatter", "copilot-agent")
    add("sp-claude-rules", ".claude/rules/style.md", "---\ndescription: x\npaths: ['**/*.py']\napplyTo: '**'\n---\nBody.\n", ".claude/rules file (instructions, Claude target)", None)
    # The workspace's MCP configuration, for the playwright/myserver cases.
    vs = c.out / ".vscode"
    vs.mkdir(parents=True, exist_ok=True)
    (vs / "mcp.json").write_text(json.dumps({"servers": {"playwright": {"type": "stdio", "command": "npx", "args": ["@playwright/mcp@latest"]}, "myserver": {"type": "stdio", "command": "myserver"}}}, indent=2) + "\n")


def main():
    args = sys.argv[1:]
    if not args:
        print(__doc__, file=sys.stderr)
        sys.exit(2)
    out = Path(args[0])
    data = args[args.index("--data") + 1] if "--data" in args else None
    c = Cases(out)
    files = dialect_files(data)
    for d in DIALECTS:
        if d not in files:
            sys.exit(f"dialect data file {d}.toml not found")
        field_cases(c, d, tomllib.loads(files[d].read_text()))
    shape_cases(c)
    special_cases(c)
    ids = [x["case"] for x in c.list]
    dup = {i for i in ids if ids.count(i) > 1}
    if dup:
        sys.exit(f"duplicate case ids: {sorted(dup)}")
    (out / "cases.json").write_text(json.dumps(c.list, indent=1) + "\n")
    (out / "expect.json").write_text(json.dumps(c.expect, indent=1) + "\n")
    print(f"{len(c.list)} cases in {out}", file=sys.stderr)


if __name__ == "__main__":
    main()
