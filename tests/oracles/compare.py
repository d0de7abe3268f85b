#!/usr/bin/env python3
"""Compares the consumers' records with agentls's findings and checks every disagreement against
decisions.toml.

Usage: compare.py [--records FILE ...] [--decisions FILE] [--list]

Reads .out/cases.jsonl, .out/agentls.jsonl and the records (default: every .out/<consumer>.jsonl
other than cases/agentls; --records adds files written by other runners, e.g. the VS Code one).
A record is compared when its `case` is in cases.jsonl (its `file` is then looked up in that case's
root).

Disagreement kinds:
  error-on-loaded   the consumer loads the file (loaded true, config_failed false) and agentls
                    reports an `error` in it
  missing-error     the consumer rejects it (loaded false or config_failed true) and agentls
                    reports no `error`
  unmatched-finding a consumer error/warning with no agentls finding of severity >= information
                    on the same line (anywhere in the file when the consumer gives no line)

Each one must match a [[decision]] of decisions.toml (consumer, version, case glob, kind, optional
`match` substring); otherwise the run fails. Writes the report (Markdown) to stdout and
.out/report.md, every disagreement to .out/disagreements.jsonl; exits 1 on any undocumented one.
"""
from __future__ import annotations

import argparse
import fnmatch
import json
import sys
import tomllib
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
from consumers import common  # noqa: E402

RANK = {"error": 4, "warning": 3, "information": 2, "hint": 1}
STATUSES = ("agentls-wrong", "intended")


def load_jsonl(path: Path) -> list[dict]:
    with path.open() as f:
        return [json.loads(line) for line in f if line.strip()]


def load_decisions(path: Path) -> list[dict]:
    data = tomllib.loads(path.read_text())
    out = data.get("decision", [])
    for i, d in enumerate(out):
        for k in ("consumer", "version", "case", "kind", "consumer_says", "agentls_says", "why",
                  "status"):
            if k not in d:
                raise SystemExit(f"{path}: decision #{i + 1} ({d.get('case')}) lacks `{k}`")
        if d["status"] not in STATUSES:
            raise SystemExit(f"{path}: decision #{i + 1}: status must be one of {STATUSES}")
        d["_used"] = 0
    return out


def disagreements(rec: dict, agentls: list[dict]) -> list[dict]:
    out = []
    errors = [f for f in agentls if f["severity"] == "error"]
    rejected = rec["loaded"] is False or rec["config_failed"]
    if rec["loaded"] is True and not rec["config_failed"] and errors:
        for f in errors:
            out.append({"kind": "error-on-loaded", "line": f["line"],
                        "consumer": "loads it" + (f" ({rec['findings'][0]['message'][:160]})"
                                                  if rec["findings"] else " without complaint"),
                        "agentls": f"{f['code']} (error, line {f['line']}): {f['message']}"})
    if rejected and not errors:
        msg = "; ".join(f["message"] for f in rec["findings"][:2]) or "(no message)"
        what = "configuration invalid" if rec["config_failed"] else "not loaded"
        got = ", ".join(f"{f['code']} ({f['severity']}, line {f['line']})" for f in agentls) or "nothing"
        out.append({"kind": "missing-error", "line": None, "consumer": f"{what}: {msg[:300]}",
                    "agentls": got})
    for cf in rec["findings"]:
        if cf["severity"] not in ("error", "warning"):
            continue
        near = [f for f in agentls if RANK[f["severity"]] >= RANK["information"]
                and (cf["line"] is None or f["line"] == cf["line"])]
        if not near:
            got = ", ".join(f"{f['code']} ({f['severity']}, line {f['line']})" for f in agentls) or "nothing"
            out.append({"kind": "unmatched-finding", "line": cf["line"],
                        "consumer": f"{cf['severity']} at line {cf['line']}: {cf['message'][:300]}",
                        "agentls": got})
    return out


def find_decision(decisions: list[dict], rec: dict, d: dict) -> dict | None:
    for dec in decisions:
        if dec["consumer"] != rec["consumer"]:
            continue
        if not fnmatch.fnmatchcase(rec["version"], dec["version"]):
            continue
        if not fnmatch.fnmatchcase(rec["case"], dec["case"]):
            continue
        if dec["kind"] not in ("*", d["kind"]):
            continue
        m = dec.get("match")
        if m and m not in d["consumer"] and m not in d["agentls"]:
            continue
        return dec
    return None


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--records", action="append", default=[])
    ap.add_argument("--decisions", default=str(HERE / "decisions.toml"))
    ap.add_argument("--list", action="store_true", help="print every disagreement")
    args = ap.parse_args()
    out = common.OUT
    cases = {c["case"]: c for c in load_jsonl(out / "cases.jsonl")}
    agentls = {(r["root"], r["file"]): r["findings"] for r in load_jsonl(out / "agentls.jsonl")}
    version = (out / "agentls.version").read_text().strip() if (out / "agentls.version").exists() else "?"
    files = [p for p in sorted(out.glob("*.jsonl"))
             if p.name not in ("cases.jsonl", "agentls.jsonl", "disagreements.jsonl",
                               "agentls-verdicts.jsonl", "verdict-disagreements.jsonl")]
    files += [Path(p) for p in args.records]
    # Verdict decisions are verdicts.py's (agentls explain against `loaded`).
    decisions = [d for d in load_decisions(Path(args.decisions)) if not d["kind"].startswith("verdict-")]
    stats: dict[tuple[str, str], dict] = {}
    all_d = []
    skipped = 0
    for path in files:
        for rec in load_jsonl(path):
            case = cases.get(rec["case"])
            if not case:
                skipped += 1
                continue
            st = stats.setdefault((rec["consumer"], rec["version"]), {
                "cases": 0, "agree": 0, "documented": 0, "undocumented": 0, "wrong": 0,
                "corpus": 0, "loaded": 0, "rejected": 0})
            st["cases"] += 1
            st["corpus"] += case["kind"] == "corpus"
            st["loaded"] += rec["loaded"] is True and not rec["config_failed"]
            st["rejected"] += rec["loaded"] is False or rec["config_failed"]
            found = agentls.get((case["root"], rec["file"]), [])
            ds = disagreements(rec, found)
            undocumented = False
            wrong = False
            for d in ds:
                dec = find_decision(decisions, rec, d)
                d.update({"consumer_id": rec["consumer"], "version": rec["version"],
                          "case": rec["case"], "file": rec["file"], "corpus": case["kind"] == "corpus"})
                if dec:
                    dec["_used"] += 1
                    d["status"] = dec["status"]
                    d["decision"] = dec["case"]
                    wrong |= dec["status"] == "agentls-wrong"
                else:
                    d["status"] = "undocumented"
                    undocumented = True
                all_d.append(d)
            if not ds:
                st["agree"] += 1
            elif undocumented:
                st["undocumented"] += 1
            else:
                st["documented"] += 1
                st["wrong"] += wrong
    with (out / "disagreements.jsonl").open("w") as f:
        for d in all_d:
            f.write(json.dumps(d, ensure_ascii=False) + "\n")
    lines = [f"# Oracle tier report — {version}", "",
             "| consumer | version | cases (corpus) | loaded / rejected | agreeing | documented differences (of which agentls-wrong) | undocumented disagreements |",
             "|---|---|---|---|---|---|---|"]
    for (cons, ver), st in sorted(stats.items()):
        lines.append(f"| {cons} | {ver} | {st['cases']} ({st['corpus']}) | {st['loaded']} / {st['rejected']} "
                     f"| {st['agree']} | {st['documented']} ({st['wrong']}) | {st['undocumented']} |")
    undoc = [d for d in all_d if d["status"] == "undocumented"]
    corpus_undoc = [d for d in undoc if d["corpus"] and d["kind"] == "error-on-loaded"]
    lines += ["", f"Disagreements: {len(all_d)} ({len(all_d) - len(undoc)} documented in decisions.toml, "
              f"{len(undoc)} undocumented; {len(corpus_undoc)} undocumented agentls errors on corpus files the consumer loads)."]
    if skipped:
        lines.append(f"Records whose case is not in cases.jsonl (not compared): {skipped}.")
    unused = [d for d in decisions if d["_used"] == 0]
    if unused:
        lines += ["", "Decisions that matched nothing in this run (stale? remove once fixed):", ""]
        lines += [f"- {d['consumer']} {d['version']} `{d['case']}` {d['kind']}"
                  + (f" match `{d['match']}`" if d.get("match") else "") for d in unused]
    show = all_d if args.list else undoc
    if show:
        lines += ["", "## " + ("All disagreements" if args.list else "Undocumented disagreements"), ""]
        for d in show[:400]:
            lines.append(f"- **{d['consumer_id']} {d['version']}** `{d['case']}` ({d['file']}) "
                         f"[{d['kind']}, {d['status']}]: consumer: {d['consumer']} — agentls: {d['agentls']}")
        if len(show) > 400:
            lines.append(f"- … {len(show) - 400} more in .out/disagreements.jsonl")
    report = "\n".join(lines) + "\n"
    (out / "report.md").write_text(report)
    sys.stdout.write(report)
    return 1 if undoc else 0


if __name__ == "__main__":
    sys.exit(main())
