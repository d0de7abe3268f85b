#!/usr/bin/env python3
"""OpenCode runner: one record per opencode case (README.md, "Record schema").

Each case root is its own git repository (one invalid file fails OpenCode's whole configuration).
`opencode debug config`, run in it with HOME and XDG_* in an empty temporary folder and the
OPENCODE_DISABLE_* switches below, prints the resolved configuration as JSON — its `agent` and
`command` maps hold what was loaded from `.opencode/agents/*.md` / `.opencode/commands/*.md` —
or fails with `Configuration is invalid at <file>` and one `↳ Expected …, got … <field>` line per
problem. Those lines become error findings at the line of <field>; `config_failed` is true and
nothing is loaded.
"""
from __future__ import annotations

import json
import re
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from consumers import common  # noqa: E402

CONSUMER = "opencode"
PKG = common.CACHE / "opencode" / "node_modules" / "opencode-linux-x64" / "bin" / "opencode"
# Keep OpenCode offline, quick and blind to everything but the case's own .opencode folder.
OFFLINE = {
    "OPENCODE_DISABLE_MODELS_FETCH": "1",     # no models.dev download
    "OPENCODE_DISABLE_AUTOUPDATE": "1",
    "OPENCODE_DISABLE_DEFAULT_PLUGINS": "1",  # no npm install of default plugins
    "OPENCODE_DISABLE_LSP_DOWNLOAD": "1",
    "OPENCODE_DISABLE_SHARE": "1",
    "OPENCODE_DISABLE_CLAUDE_CODE": "1",      # do not also read .claude/ (skills, CLAUDE.md)
    "OPENCODE_DISABLE_EXTERNAL_SKILLS": "1",
    "OPENCODE_DISABLE_EMBEDDED_WEB_UI": "1",
}


def env_for(home: Path) -> dict:
    return common.isolated_env(home, OFFLINE)


def version() -> str:
    home = common.tempdir("oc-v-")
    try:
        p = common.run([str(PKG), "--version"], cwd=home, env=env_for(home), timeout=60)
        return p.stdout.strip().splitlines()[-1] if p.stdout.strip() else "unknown"
    finally:
        common.rmtree(home)


def run_case(args) -> dict:
    try:
        return _run_case(args)
    except Exception as e:  # one broken case must not lose the others' records
        import traceback
        return common.record(args[0], CONSUMER, args[1], None, False, [],
                             f"runner error: {e!r}\n{traceback.format_exc()[-800:]}")


def _run_case(args) -> dict:
    case, ver = args
    root = Path(case["root"])
    common.git_init(root)
    home = common.tempdir("oc-h-")
    try:
        p = common.run([str(PKG), "debug", "config"], cwd=root, env=env_for(home), timeout=120)
    finally:
        common.rmtree(home)
    out = common.strip_ansi(p.stdout)
    err = common.strip_ansi(p.stderr)
    findings = []
    config = None
    try:
        config = json.loads(out[out.index("{"):]) if p.returncode == 0 else None
    except ValueError:
        config = None
    config_failed = config is None
    name = Path(case["file"]).stem
    kind = "agent" if case["dialect"] == "opencode-agent" else "command"
    raw = ""
    if config_failed:
        text = (out + "\n" + err).strip()
        raw = text.replace(str(root) + "/", "")
        at = re.search(r"Configuration is invalid at (\S+?):?(?:\s|$)", text)
        invalid_file = at.group(1) if at else None
        for line in text.splitlines():
            line = line.strip()
            if line.startswith("↳"):
                msg = line.lstrip("↳ ").strip()
                key = msg.rsplit(" ", 1)[-1] if re.search(r"\bgot\b", msg) else None
                fline = common.key_line(case["root"], case["file"], key) if key else None
                findings.append({"line": fline, "severity": "error",
                                 "message": f"Configuration is invalid: {msg}"})
        # Commands: "Configuration is invalid at F: SchemaError: Expected …, got …" + `at ["key"]`.
        m = re.search(r"SchemaError: (.*)", text)
        if m and not findings:
            keys = re.findall(r'at \["([^"]+)"', text)
            key = keys[0] if keys else None
            findings.append({"line": common.key_line(case["root"], case["file"], key),
                             "severity": "error",
                             "message": f"Configuration is invalid: {m.group(1).strip()}"
                                        + (f" {'.'.join(keys)}" if keys else "")})
        if not findings:
            first = next((l for l in text.splitlines() if l.strip()), "failed")
            findings.append({"line": None, "severity": "error", "message": first.strip()[:300]})
        if invalid_file and not invalid_file.endswith(case["file"]):
            raw = f"(invalid file is {invalid_file}, not the case file)\n" + raw
        loaded = False
    else:
        # One file per root, and the resolved map holds only the case's own definitions (the
        # built-in agents are not in it), so any entry is the case's, whatever its name.
        entries = config.get(kind) or {}
        entry = entries.get(name)
        if entry is None and entries:
            name, entry = next(iter(entries.items()))
        loaded = entry is not None
        raw = (f"{kind} {name!r}: " + json.dumps(entry, ensure_ascii=False)[:1200]) if loaded \
            else f"(no {kind} in the resolved configuration)"
        if loaded:
            text = (root / case["file"]).read_text(errors="replace").lstrip("\ufeff \t\r\n")
            body = entry.get("prompt" if kind == "agent" else "template") or ""
            if text.startswith("---") and body.lstrip().startswith("---"):
                findings.append({"line": None, "severity": "warning", "message":
                                 "effect: the frontmatter was not read; the whole file, `---` "
                                 "lines included, became the " +
                                 ("prompt" if kind == "agent" else "template")})
    return common.record(case, CONSUMER, ver, loaded, config_failed, findings, raw)


def main() -> int:
    if not PKG.exists():
        print(f"opencode.py: {PKG} missing; run install.sh", file=sys.stderr)
        return 2
    cases = common.load_cases(CONSUMER)
    ver = version()
    records = common.pool_map(run_case, [(c, ver) for c in cases])
    path = common.write_records(CONSUMER, records)
    failed = sum(1 for r in records if r["config_failed"])
    print(f"opencode.py: OpenCode {ver}: {len(records)} records ({failed} configurations invalid) -> {path}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
