#!/usr/bin/env python3
"""Claude Code's built-in tool names, read from the pinned package, against
analysis/data/catalogues/claude-tools.toml.

Sources, all inside the pinned Claude Code (default: the oracle tier's install,
tests/oracles/.cache/claude/node_modules/@anthropic-ai/claude-code-linux-x64/claude, a Bun
executable whose JavaScript modules are stored as text, each starting with `// @bun`):

- the tool-name list: the array of strings that is immediately followed by the legacy-name map
  `{Task:"Agent",…}` (in 2.1.328: `var Rsn=["Agent",…,"Write"],Wgo={Task:"Agent",KillShell:"TaskStop",…}`
  in module /$bunfs/root/chunk-f8hbm97s.js). Claude Code uses the pair as its set of known tool
  names (settings validation: `new Set([...Rsn,...Object.keys(Wgo)])`; telemetry), and resolves
  the map's keys to their values when an agent's `tools` lists them (the spawned subagent gets
  `TaskStop` for `KillShell`).
- the subagent filter: `function X(e){return new Set([...])}var A=X("external"),B=new Set([...A])`
  (tools removed from every subagent: ALL_AGENT_DISALLOWED / CUSTOM_AGENT_DISALLOWED) and
  `function J(e){return new Set([...])}… var C=J("external"),D=new Set([...])` (the only tools a
  background subagent keeps, and the task/cron tools teammates keep). Identifiers are resolved
  through the modules' `import{…}from"…"` / `export{…}` lists.
- each tool's `searchHint:"…"` (one line), used as the doc of a tool the catalogue lacks.
- optionally the npm wrapper's sdk-tools.d.ts (`@anthropic-ai/claude-code`, the TypeScript
  declarations of the tools' inputs, `XInput` interfaces): a cross-check that every declared
  input belongs to a listed tool, and `--inputs` prints each tool's input fields.

Usage:
  scripts/sync-claude-tools.py              report the differences
  scripts/sync-claude-tools.py --check      exit 1 when the catalogue differs from the package
  scripts/sync-claude-tools.py --write      add missing tools and legacy aliases to the catalogue
                                            (hand-written fields of existing entries are kept;
                                            review the added docs and `permission`)
  --binary PATH, --sdk-tools PATH (sdk-tools.d.ts), --fetch-sdk (npm pack the wrapper of the
  binary's version into tests/oracles/.cache/claude-sdk/ when no d.ts is given), --inputs,
  --json (print what was extracted).
"""
from __future__ import annotations

import argparse
import json
import re
import subprocess
import sys
import tomllib
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
CATALOGUE = REPO / "analysis/data/catalogues/claude-tools.toml"
CACHE = REPO / "tests/oracles/.cache"
BINARY = CACHE / "claude/node_modules/@anthropic-ai/claude-code-linux-x64/claude"
SDK_DIR = CACHE / "claude-sdk"

# sdk-tools.d.ts interface stems whose tool name is not the stem itself (nor `<stem>Tool`, nor an
# alias of the legacy map).
DTS_NAMES = {"FileEdit": "Edit", "FileRead": "Read", "FileWrite": "Write", "ProposeSkills": "propose_skills"}
# Declared in sdk-tools.d.ts, but not names an agent's `tools` can list: `Mcp` is any MCP tool,
# `RefreshMcpTools` is not in Claude Code's tool-name list (and is removed from every subagent).
DTS_NOT_LISTED = {"Mcp", "RefreshMcpTools"}


# ---------------------------------------------------------------------------------------------
# Extraction from the binary


class Bundle:
    """The JavaScript modules of a Bun executable, with their import/export lists."""

    def __init__(self, data: bytes):
        self.data = data
        self.starts = [m.start() for m in re.finditer(rb"// @bun", data)]
        self.exports: dict[str, list[int]] = {}
        for i, (s, e) in enumerate(self._spans()):
            for m in re.finditer(rb"export\{([^}]*)\}", data[s:e]):
                for name in m.group(1).decode("latin1").split(","):
                    self.exports.setdefault(name.strip(), []).append(i)
        self._text: dict[int, str] = {}

    def _spans(self):
        ends = self.starts[1:] + [len(self.data)]
        return list(zip(self.starts, ends))

    def chunk_at(self, offset: int) -> int:
        lo, hi = 0, len(self.starts) - 1
        while lo < hi:
            mid = (lo + hi + 1) // 2
            if self.starts[mid] <= offset:
                lo = mid
            else:
                hi = mid - 1
        return lo

    def text(self, i: int) -> str:
        if i not in self._text:
            s, e = self._spans()[i]
            self._text[i] = self.data[s:e].decode("latin1")
        return self._text[i]

    def resolve(self, ident: str, chunk: int, depth: int = 0) -> list[str]:
        """The string value(s) of identifier `ident` as seen from module `chunk`: a string constant
        gives one name, an array or Set of names gives several. Unknown → []."""
        if depth > 6:
            return []
        t = self.text(chunk)
        m = re.search(r'(?:^|[,;{}\s])' + re.escape(ident) + r'="([^"]*)"[,;]', t)
        if m:
            return [m.group(1)]
        m = re.search(r'(?:^|[,;{}\s])' + re.escape(ident) + r'=(?:new Set\()?\[([^\]]*)\]', t)
        if m:
            return self.elements(m.group(1), chunk, depth + 1)
        if re.search(r'import\{[^}]*\b' + re.escape(ident) + r'\b[^}]*\}from', t) or \
                ident not in re.findall(r'(?:var |let |const |,)([\w$]+)=', t):
            for other in self.exports.get(ident, []):
                if other != chunk:
                    got = self.resolve(ident, other, depth + 1)
                    if got:
                        return got
        return []

    def elements(self, body: str, chunk: int, depth: int = 0, flavour: str = "external") -> list[str]:
        """Evaluates the items of an array literal (identifiers, strings, spreads, the build-flavour
        conditionals `...e!=="ant"?[X]:[]`); `import.meta.require(…).NAME` items are skipped."""
        out: list[str] = []
        for item in split_top(body):
            item = item.strip()
            if not item:
                continue
            m = re.fullmatch(r'\.\.\.e(!==|===)"(\w+)"\?\[([^\]]*)\]:\[\]', item)
            if m:
                if (flavour != m.group(2)) == (m.group(1) == "!=="):
                    out += self.elements(m.group(3), chunk, depth, flavour)
                continue
            if item.startswith("import.meta.require("):
                continue
            if item.startswith('"'):
                out.append(item.strip('"'))
                continue
            ident = item[3:] if item.startswith("...") else item
            if re.fullmatch(r"[\w$]+", ident):
                out += self.resolve(ident, chunk, depth)
        return out


def split_top(body: str) -> list[str]:
    """Splits on commas outside brackets, parentheses and strings."""
    parts, depth, cur, quote = [], 0, [], None
    for ch in body:
        if quote:
            cur.append(ch)
            if ch == quote:
                quote = None
            continue
        if ch in "\"'`":
            quote = ch
        elif ch in "([{":
            depth += 1
        elif ch in ")]}":
            depth -= 1
        elif ch == "," and depth == 0:
            parts.append("".join(cur))
            cur = []
            continue
        cur.append(ch)
    parts.append("".join(cur))
    return parts


def extract(binary: Path) -> dict:
    data = binary.read_bytes()
    version = re.search(rb"// Version: (\d+\.\d+\.\d+)", data)
    list_re = re.compile(rb'([\w$]+)=\[((?:"[^"]*",?)+)\],([\w$]+)=\{Task:"Agent"((?:,[\w$]+:"[^"]*")*)\}')
    m = None
    for at in re.finditer(rb'=\{Task:"Agent"', data):  # anchor first: a plain search is slow on 370 MB
        start = data.rfind(b"=[", max(0, at.start() - 5000), at.start())
        begin = max(data.rfind(b",", 0, start), data.rfind(b" ", 0, start), data.rfind(b";", 0, start)) + 1
        m = list_re.match(data, begin) if start > 0 else None
        if m:
            break
    if not m:
        sys.exit(f"{binary}: the tool-name list (an array followed by {{Task:\"Agent\",…}}) was not found")
    names = re.findall(r'"([^"]*)"', m.group(2).decode())
    aliases = {"Task": "Agent"}
    aliases.update(dict(re.findall(r'([\w$]+):"([^"]*)"', m.group(4).decode())))
    bundle = Bundle(data)
    # The module's path, from a module that imports the list.
    imp = re.search(rb'import\{[^}]*\b' + re.escape(m.group(1)) + rb'\b[^}]*\}from"(/\$bunfs/root/[^"]+)"', data)
    module_path = imp.group(1).decode() if imp else None
    list_vars = (m.group(1).decode(), m.group(3).decode())

    # searchHint of each tool object `{name:V,…,searchHint:"…"}` whose V is that tool's name in
    # the object's own module (minified names repeat across modules).
    hints: dict[str, str] = {}
    wanted = set(names)
    for hm in re.finditer(rb'name:([\w$]{1,6}),(?:[a-zA-Z]+:[^,]{0,60},){0,3}?searchHint:"([^"]*)"', data):
        v = hm.group(1).decode()
        got = bundle.resolve(v, bundle.chunk_at(hm.start()))
        if len(got) == 1 and got[0] in wanted and got[0] not in hints:
            hints[got[0]] = hm.group(2).decode().encode().decode("unicode_escape")

    sets = subagent_sets(bundle)
    return {"version": version.group(1).decode() if version else "unknown", "names": names,
            "aliases": aliases, "search_hints": hints, "module": module_path, "list_vars": list_vars, **sets}


def subagent_sets(bundle: Bundle) -> dict:
    """ALL_AGENT_DISALLOWED, ASYNC_AGENT_ALLOWED and the teammates' set, for the external build."""
    out = {"never": None, "background": None, "teammates": None}
    m = re.search(rb'function ([\w$]+)\(e\)\{return new Set\(\[((?:(?!\]\)\}).){0,4000}?)\]\)\}var ([\w$]+)=\1\("external"\),'
                  rb'([\w$]+)=new Set\(\[\.\.\.\3\]\)', bundle.data, re.S)
    if not m:
        return out
    chunk = bundle.chunk_at(m.start())
    t = bundle.text(chunk)
    out["never"] = sorted(set(bundle.elements(m.group(2).decode("latin1"), chunk)))
    for fm in re.finditer(r'function ([\w$]+)\(e\)\{return new Set\(\[((?:(?!\]\)\}).)*)\]\)\}', t):
        if fm.group(1) == m.group(1).decode():
            continue
        cm = re.search(r'([\w$]+)=' + re.escape(fm.group(1)) + r'\("external"\),([\w$]+)=new Set\(\[([^\]]*)\]\)', t)
        if cm:
            out["background"] = sorted(set(bundle.elements(fm.group(2), chunk)))
            out["teammates"] = sorted(set(bundle.elements(cm.group(3), chunk)))
            break
    return out


def parse_dts(path: Path) -> dict[str, dict[str, str]]:
    """`XInput` interface stem → {field: description} from sdk-tools.d.ts."""
    text = path.read_text()
    out: dict[str, dict[str, str]] = {}
    for m in re.finditer(r"^export interface (\w+)Input \{(\}$|.*?^\})", text, re.S | re.M):
        fields: dict[str, str] = {}
        body = m.group(2)
        for fm in re.finditer(r"(?:/\*\*((?:(?!\*/).)*)\*/\s*)?^  (\w+)\??:", body, re.S | re.M):
            doc = " ".join(l.strip().lstrip("*").strip() for l in (fm.group(1) or "").splitlines()).strip()
            fields[fm.group(2)] = doc
        out[m.group(1)] = fields
    return out


def dts_tool(stem: str, names: list[str], aliases: dict[str, str]) -> str | None:
    if stem in DTS_NAMES:
        return DTS_NAMES[stem]
    for cand in (stem, stem + "Tool"):
        if cand in names:
            return cand
    if stem in aliases:
        return aliases[stem]
    return None


def fetch_sdk(version: str) -> Path | None:
    dest = SDK_DIR / version
    dts = dest / "package" / "sdk-tools.d.ts"
    if dts.exists():
        return dts
    dest.mkdir(parents=True, exist_ok=True)
    try:
        p = subprocess.run(["npm", "pack", "--silent", f"@anthropic-ai/claude-code@{version}"], cwd=dest,
                           capture_output=True, text=True, timeout=300)
        tgz = dest / p.stdout.strip().splitlines()[-1] if p.returncode == 0 and p.stdout.strip() else None
        if not tgz or not tgz.exists():
            print(f"note: npm pack @anthropic-ai/claude-code@{version} failed: {p.stderr.strip()[-300:]}",
                  file=sys.stderr)
            return None
        subprocess.run(["tar", "xzf", tgz.name, "package/sdk-tools.d.ts", "package/package.json"], cwd=dest,
                       check=True)
    except (OSError, subprocess.SubprocessError) as e:
        print(f"note: could not fetch sdk-tools.d.ts: {e}", file=sys.stderr)
        return None
    return dts if dts.exists() else None


# ---------------------------------------------------------------------------------------------
# Comparison with the catalogue


def expected_availability(name: str, ex: dict) -> str | None:
    """What the package says about a tool in subagents: "never", "bg" or "foreground"."""
    if ex["never"] is None or ex["background"] is None:
        return None
    if name in ex["never"]:
        return "never"
    if name in ex["background"]:
        return "bg"
    return "foreground"


def compare(cat: dict, ex: dict, dts: dict | None) -> tuple[list[str], list[str]]:
    """(errors, notes)."""
    errors: list[str] = []
    notes: list[str] = []
    tools = {t["name"]: t for t in cat["tool"]}
    legacy = {l["name"]: l for l in cat["legacy"]}
    names = ex["names"]
    for n in names:
        if n not in tools:
            errors.append(f"missing tool `{n}` (in Claude Code {ex['version']}'s tool-name list)")
    for n in tools:
        if n not in names:
            errors.append(f"tool `{n}` is not in Claude Code {ex['version']}'s tool-name list "
                          "(removed or renamed: move it to [[legacy]])")
    for old, new in ex["aliases"].items():
        entry = legacy.get(old)
        if entry is None:
            errors.append(f"missing [[legacy]] `{old}` → `{new}` (Claude Code still resolves it)")
            continue
        if entry["severity"] != "information":
            errors.append(f"[[legacy]] `{old}` has severity {entry['severity']}, but Claude Code "
                          f"{ex['version']} still resolves it to `{new}` (information)")
        if entry["replacement"] != [new]:
            errors.append(f"[[legacy]] `{old}` replacement {entry['replacement']}, Claude Code maps it to `{new}`")
    for old, entry in legacy.items():
        if entry["severity"] == "information" and old not in ex["aliases"]:
            errors.append(f"[[legacy]] `{old}` is information (still works), but Claude Code "
                          f"{ex['version']} no longer resolves it")
        if old in names:
            errors.append(f"`{old}` is both a current tool and a legacy name")
    if ex["never"] is None or ex["background"] is None:
        errors.append("the subagent tool sets were not found in the binary (update subagent_sets())")
    else:
        for n, t in tools.items():
            want = expected_availability(n, ex)
            have = t["subagents"]
            if want == "never" and not have.startswith("never"):
                errors.append(f"`{n}`: subagents = {have!r}, but Claude Code removes it from every subagent (never)")
            elif want == "bg" and have != "bg":
                errors.append(f"`{n}`: subagents = {have!r}, but background subagents keep it (bg)")
            elif want == "foreground" and (have == "bg" or have.startswith("never")):
                errors.append(f"`{n}`: subagents = {have!r}, but it is neither removed from subagents "
                              "nor kept for background ones (foreground)")
            if ex["teammates"] and n in ex["teammates"] and want == "foreground" and "teammates" not in have:
                notes.append(f"`{n}`: teammates keep it in the background; the catalogue does not say so")
    if dts is not None:
        for stem in dts:
            tool = dts_tool(stem, names, ex["aliases"])
            if stem in DTS_NOT_LISTED:
                continue
            if tool is None or tool not in names:
                errors.append(f"sdk-tools.d.ts declares `{stem}Input`, which names no listed tool")
        covered = {dts_tool(s, names, ex["aliases"]) for s in dts}
        notes.append("tools without a declared input in sdk-tools.d.ts: "
                     + ", ".join(n for n in names if n not in covered))
    return errors, notes


# ---------------------------------------------------------------------------------------------
# Writing


def tool_block(name: str, ex: dict) -> str:
    hint = ex["search_hints"].get(name, "")
    doc = (hint[:1].upper() + hint[1:] + ".") if hint else f"Claude Code {ex['version']} built-in tool."
    avail = expected_availability(name, ex) or "foreground"
    return (f"[[tool]]\n# added by scripts/sync-claude-tools.py from Claude Code {ex['version']}: review doc and permission\n"
            f"name = {json.dumps(name)}\ndoc = {json.dumps(doc)}\npermission = false\nsubagents = {json.dumps(avail)}\n\n")


def legacy_block(old: str, new: str, version: str) -> str:
    note = f"Claude Code {version} still accepts `{old}` and resolves it to `{new}`."
    return (f"[[legacy]]\n# added by scripts/sync-claude-tools.py from Claude Code {version}\nname = {json.dumps(old)}\n"
            f"replacement = [{json.dumps(new)}]\nseverity = \"information\"\nnote = {json.dumps(note)}\n\n")


def write(cat_text: str, cat: dict, ex: dict) -> tuple[str, list[str]]:
    done: list[str] = []
    have = {t["name"] for t in cat["tool"]}
    missing = [n for n in ex["names"] if n not in have]
    # [[tool]] blocks: insert each missing tool before the first block whose name sorts after it.
    for n in missing:
        blocks = list(re.finditer(r'^\[\[tool\]\]\n(?:#[^\n]*\n)*name = "([^"]+)"', cat_text, re.M))
        pos = None
        for b in blocks:
            if b.group(1).lower() > n.lower():
                pos = b.start()
                break
        if pos is None:  # after the last tool block
            last = blocks[-1]
            nxt = re.search(r"^(?:\[\[|# ----)", cat_text[last.end():], re.M)
            pos = last.end() + nxt.start() if nxt else len(cat_text)
        cat_text = cat_text[:pos] + tool_block(n, ex) + cat_text[pos:]
        done.append(f"added tool {n}")
    legacy = {l["name"] for l in cat["legacy"]}
    new_legacy = [(o, n) for o, n in ex["aliases"].items() if o not in legacy]
    if new_legacy:
        last = list(re.finditer(r"^\[\[legacy\]\]\n", cat_text, re.M))[-1]
        nxt = re.search(r"^(?:\n# ----|\[\[not_a_tool\]\])", cat_text[last.end():], re.M)
        pos = last.end() + nxt.start() + 1 if nxt else len(cat_text)
        cat_text = cat_text[:pos] + "".join(legacy_block(o, n, ex["version"]) for o, n in new_legacy) + cat_text[pos:]
        done += [f"added legacy {o} -> {n}" for o, n in new_legacy]
    return cat_text, done


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--binary", type=Path, default=BINARY)
    ap.add_argument("--sdk-tools", type=Path)
    ap.add_argument("--fetch-sdk", action="store_true")
    ap.add_argument("--catalogue", type=Path, default=CATALOGUE)
    ap.add_argument("--check", action="store_true")
    ap.add_argument("--write", action="store_true")
    ap.add_argument("--inputs", action="store_true")
    ap.add_argument("--json", action="store_true")
    a = ap.parse_args()
    if not a.binary.exists():
        print(f"{a.binary} missing: run tests/oracles/install.sh", file=sys.stderr)
        return 2
    ex = extract(a.binary)
    dts_path = a.sdk_tools or (fetch_sdk(ex["version"]) if a.fetch_sdk else None)
    if dts_path is None and (SDK_DIR / ex["version"] / "package/sdk-tools.d.ts").exists():
        dts_path = SDK_DIR / ex["version"] / "package/sdk-tools.d.ts"
    dts = parse_dts(dts_path) if dts_path else None
    if a.json:
        print(json.dumps(ex, indent=1))
    if a.inputs and dts:
        for stem, fields in dts.items():
            tool = dts_tool(stem, ex["names"], ex["aliases"]) or f"({stem})"
            print(f"{tool}: " + ", ".join(f"{f}" for f in fields))
    text = a.catalogue.read_text()
    cat = tomllib.loads(text)
    if a.write:
        text, done = write(text, cat, ex)
        a.catalogue.write_text(text)
        for d in done:
            print(d)
        cat = tomllib.loads(text)
    errors, notes = compare(cat, ex, dts)
    print(f"Claude Code {ex['version']}: {len(ex['names'])} tool names, {len(ex['aliases'])} legacy aliases "
          f"(module {ex['module']}); {len(cat['tool'])} catalogue tools"
          + ("" if dts else "; sdk-tools.d.ts not read (--sdk-tools / --fetch-sdk)"))
    for n in notes:
        print("note: " + n)
    for e in errors:
        print("DRIFT: " + e)
    if not errors:
        print("claude-tools.toml matches the package")
    return 1 if errors and a.check else 0


if __name__ == "__main__":
    sys.exit(main())
