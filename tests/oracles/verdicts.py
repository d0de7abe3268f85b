#!/usr/bin/env python3
"""Checks agentls's per-runtime verdicts against what the consumers did.

Usage: verdicts.py [--records FILE ...] [--decisions FILE] [--list] [--no-run]

1. Runs `agentls explain --format json` ($AGENTLS_BIN) on every case file, in its case root (the
   layout the consumer saw), and writes .out/agentls-verdicts.jsonl:
   {"root", "file", "case", "verdicts": {"<consumer id>": "loads" | "loads-ignoring" | "drops" |
   "fails-config"}, "why": {"<consumer id>": "<codes of the reasons>"}}. `--no-run` reuses it.
2. For every consumer record of .out/<consumer>.jsonl (the runners' output; --records adds others,
   e.g. the VS Code runner's) whose `loaded` is known, compares the verdict agentls gives *for
   that consumer* with what it did:

   verdict-drops   agentls: it drops the file or fails its configuration; the consumer loaded it
   verdict-loads   agentls: it loads the file; the consumer rejected it (loaded false, or its
                   configuration failed)
   verdict-config  both say rejected, but only one says the whole configuration failed
   verdict-unread  agentls gives no verdict for this consumer: it thinks the consumer does not
                   read a file at this path (the dialect's `[discovery] readers`)

Each disagreement must match a [[decision]] of decisions.toml (same fields and matching as
compare.py; `match` is a substring of either side's text), or the run fails. Writes the report to
stdout and .out/verdicts.md, every disagreement to .out/verdict-disagreements.jsonl; exits 1 on an
undocumented one, 2 when agentls cannot be run.
"""
from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
from consumers import common  # noqa: E402
from compare import find_decision, load_decisions, load_jsonl  # noqa: E402

REPO = HERE.parent.parent
BIN = os.environ.get("AGENTLS_BIN") or str(REPO / "target" / "release" / "agentls")
VERDICTS = "agentls-verdicts.jsonl"
REJECTS = {"drops", "fails-config"}


def explain_root(args) -> list[dict]:
    root, cases = args
    files = sorted({c["file"] for c in cases})
    found: dict[str, dict] = {}
    for i in range(0, len(files), 200):
        chunk = files[i:i + 200]
        p = subprocess.run([BIN, "explain", "--format", "json", *chunk], cwd=root, capture_output=True,
                           text=True, errors="replace", timeout=300)
        if p.returncode not in (0, 1):
            raise RuntimeError(f"agentls explain exited {p.returncode} in {root}: {p.stderr[-500:]}")
        for v in json.loads(p.stdout or "[]"):
            found[os.path.normpath(v["path"])] = v
    out = []
    for c in cases:
        v = found.get(os.path.normpath(c["file"]), {})
        out.append({"root": root, "file": c["file"], "case": c["case"],
                    "verdicts": {x["consumer"]: x["verdict"] for x in v.get("consumers", [])},
                    "why": {x["consumer"]: ", ".join(f"{r['code']} ({r['severity']}, line {r['line']})"
                                                     for r in x["reasons"][:4])
                            for x in v.get("consumers", [])}})
    return out


def run_explain() -> None:
    cases = load_jsonl(common.OUT / "cases.jsonl")
    rows = [r for rs in common.pool_map(explain_root, list(common.group_by_root(cases).items())) for r in rs]
    with (common.OUT / VERDICTS).open("w") as f:
        for r in rows:
            f.write(json.dumps(r, ensure_ascii=False) + "\n")


def disagreement(rec: dict, verdict: str | None, why: str) -> dict | None:
    rejected = rec["loaded"] is False or rec["config_failed"]
    msg = "; ".join(f["message"] for f in rec["findings"][:2])[:300]
    did = ("configuration invalid" if rec["config_failed"] else "not loaded" if rejected else "loads it")
    consumer = f"{did}" + (f": {msg}" if msg else "")
    agentls = f"{verdict or 'no verdict (does not read it here)'}" + (f": {why}" if why else "")
    if verdict is None:
        kind = "verdict-unread"
    elif verdict in REJECTS and not rejected:
        kind = "verdict-drops"
    elif verdict not in REJECTS and rejected:
        kind = "verdict-loads"
    elif rejected and (verdict == "fails-config") != bool(rec["config_failed"]):
        kind = "verdict-config"
    else:
        return None
    return {"kind": kind, "consumer": consumer, "agentls": agentls}


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--records", action="append", default=[])
    ap.add_argument("--decisions", default=str(HERE / "decisions.toml"))
    ap.add_argument("--list", action="store_true", help="print every disagreement")
    ap.add_argument("--no-run", action="store_true", help=f"reuse .out/{VERDICTS}")
    args = ap.parse_args()
    out = common.OUT
    if not args.no_run:
        if not os.access(BIN, os.X_OK):
            print(f"verdicts.py: no agentls binary at {BIN} (set AGENTLS_BIN)", file=sys.stderr)
            return 2
        run_explain()
    verdicts = {(r["root"], r["file"]): r for r in load_jsonl(out / VERDICTS)}
    cases = {c["case"]: c for c in load_jsonl(out / "cases.jsonl")}
    skip = {"cases.jsonl", "agentls.jsonl", "disagreements.jsonl", VERDICTS, "verdict-disagreements.jsonl"}
    files = [p for p in sorted(out.glob("*.jsonl")) if p.name not in skip] + [Path(p) for p in args.records]
    decisions = [d for d in load_decisions(Path(args.decisions)) if d["kind"].startswith("verdict-")
                 or d["kind"] == "*"]
    stats: dict[tuple[str, str], list[int]] = {}
    found = []
    for path in files:
        for rec in load_jsonl(path):
            case = cases.get(rec["case"])
            if not case or rec["loaded"] is None:
                continue
            st = stats.setdefault((rec["consumer"], rec["version"]), [0, 0, 0])
            st[0] += 1
            v = verdicts.get((case["root"], rec["file"]), {"verdicts": {}, "why": {}})
            d = disagreement(rec, v["verdicts"].get(rec["consumer"]), v["why"].get(rec["consumer"], ""))
            if d is None:
                continue
            dec = find_decision(decisions, rec, d)
            d.update({"consumer_id": rec["consumer"], "version": rec["version"], "case": rec["case"],
                      "file": rec["file"], "status": dec["status"] if dec else "undocumented"})
            if dec:
                dec["_used"] += 1
            st[1 if dec else 2] += 1
            found.append(d)
    with (out / "verdict-disagreements.jsonl").open("w") as f:
        for d in found:
            f.write(json.dumps(d, ensure_ascii=False) + "\n")
    undoc = [d for d in found if d["status"] == "undocumented"]
    lines = ["# Verdicts against the consumers", "",
             "| consumer | version | records with `loaded` | agreeing | documented differences | undocumented |",
             "|---|---|---|---|---|---|"]
    for (c, ver), (n, doc, und) in sorted(stats.items()):
        lines.append(f"| {c} | {ver} | {n} | {n - doc - und} | {doc} | {und} |")
    unused = [d for d in decisions if d["_used"] == 0 and d["kind"].startswith("verdict-")]
    if unused:
        lines += ["", "Verdict decisions that matched nothing (stale? remove once fixed):", ""]
        lines += [f"- {d['consumer']} {d['version']} `{d['case']}` {d['kind']}" for d in unused]
    show = found if args.list else undoc
    if show:
        lines += ["", "## " + ("All verdict disagreements" if args.list else "Undocumented verdict disagreements"), ""]
        lines += [f"- **{d['consumer_id']} {d['version']}** `{d['case']}` ({d['file']}) [{d['kind']}, {d['status']}]: "
                  f"consumer: {d['consumer']} — agentls: {d['agentls']}" for d in show[:400]]
    report = "\n".join(lines) + "\n"
    (out / "verdicts.md").write_text(report)
    sys.stdout.write(report)
    return 1 if undoc else 0


if __name__ == "__main__":
    sys.exit(main())
