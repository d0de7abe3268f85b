#!/usr/bin/env bash
# The oracle tier's one command: install the pinned consumers, generate the cases, run every
# consumer on them, run agentls ($AGENTLS_BIN, default target/release/agentls) on the same files,
# compare; check the catalogues for drift. Exits 1 on any disagreement that decisions.toml does
# not record or on catalogue drift, 2 when a consumer or check could not run.
#   AGENTLS_ORACLE_JOBS   parallel consumer processes per runner (default 3)
#   AGENTLS_ORACLE_ONLY   space-separated subset of: claude opencode gemini copilot
set -euo pipefail
HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
REPO="$(cd "$HERE/../.." && pwd)"
export AGENTLS_BIN="${AGENTLS_BIN:-$REPO/target/release/agentls}"
OUT="${AGENTLS_ORACLE_OUT:-$HERE/.out}"
export AGENTLS_ORACLE_OUT="$OUT"
ONLY="${AGENTLS_ORACLE_ONLY:-claude opencode gemini copilot}"
t0=$SECONDS
step() { printf '== %s (at %d s)\n' "$*" $((SECONDS - t0)); }

step install
bash "$HERE/install.sh"
# The catalogues against the pinned consumers (tools, models): drift is reported at the end.
step drift
drift=0
bash "$HERE/drift/run.sh" || drift=$?
# VS Code's tool catalogue, when the editor tier installed VS Code 1.139 (tests/editors/install.sh).
if [[ -d "${AGENTLS_EDITOR_CACHE:-$REPO/tests/editors/.cache}/code-server-4.139.1" ]]; then
  step vscode drift
  vdrift=0
  bash "$HERE/consumers/vscode/drift.sh" || vdrift=$?
  ((vdrift > drift)) && drift=$vdrift
fi
step cases
rm -rf "$OUT" && mkdir -p "$OUT"
python3 "$HERE/cases.py" --out "$OUT"
step agentls
python3 "$HERE/agentls_run.py"
# Claude Code has most of the cases: it runs alongside the other three, which run one after the
# other (each runner keeps AGENTLS_ORACLE_JOBS processes busy; the work is mostly process start-up).
run_one() { local n="$1"; local s=$SECONDS
  python3 "$HERE/consumers/$n.py" >"$OUT/$n.log" 2>&1 || { echo "runner $n failed:"; tail -n 20 "$OUT/$n.log"; return 1; }
  echo "$(tail -n 1 "$OUT/$n.log") [$((SECONDS - s)) s]"; }
step consumers: $ONLY
pids=()
for n in $ONLY; do [[ $n == claude ]] && { run_one claude & pids+=($!); }; done
( rc=0; for n in $ONLY; do [[ $n == claude ]] || run_one "$n" || rc=1; done; exit $rc ) & pids+=($!)
status=0
for p in "${pids[@]}"; do wait "$p" || status=1; done
((status == 0)) || { echo "a runner failed"; exit 2; }
step compare
set +e
python3 "$HERE/compare.py"
rc=$?
# The per-runtime verdicts (`agentls explain`) against the same records.
step verdicts
python3 "$HERE/verdicts.py"
vrc=$?
((vrc > rc)) && rc=$vrc
set -e
rm -rf "$OUT/tmp"
if ((drift != 0)); then
  echo "catalogue drift (exit $drift): see the DRIFT lines above; scripts/sync-*.py --write regenerates the lists"
  ((drift > rc)) && rc=$drift
fi
echo "oracle tier: $((SECONDS - t0)) s"
exit $rc
