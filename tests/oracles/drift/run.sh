#!/usr/bin/env bash
# Catalogue drift checks: the knowledge catalogues of agentls against the pinned consumers that
# tests/oracles/install.sh put into tests/oracles/.cache/ (run it first; these checks install
# nothing, except that the Claude check npm-packs the @anthropic-ai/claude-code wrapper of the
# pinned version into .cache/claude-sdk/ for its sdk-tools.d.ts, and goes on without it offline).
#   static  (read the packages)   scripts/sync-claude-tools.py --check   claude-tools.toml
#                                 scripts/sync-models.py --check         models.toml
#                                 scripts/sync-gemini-tools.py --check   gemini-tools.toml
#   runtime (run the consumers against the loopback stub, offline)
#                                 claude-subagent-tools.py   background subagents' tools vs `subagents`
#                                 claude-models.py           every Claude alias still resolves
#                                 gemini-tools.py            every Gemini tool name is accepted
# AGENTLS_DRIFT_STATIC=1 skips the runtime checks (about 30 s of the 40 s).
# Exit: 0 = the catalogues match, 1 = drift (each line starting with DRIFT: says what to change;
# scripts/sync-*.py --write regenerates the tool lists), 2 = a package is missing or a check could not run.
set -uo pipefail
HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
REPO="$(cd "$HERE/../../.." && pwd)"
status=0
check() {
  local rc=0
  "$@" || rc=$?
  if ((rc != 0)); then
    echo "drift: $* exited $rc"
    ((rc > status)) && status=$rc
  fi
  return 0
}
check python3 "$REPO/scripts/sync-claude-tools.py" --check --fetch-sdk
check python3 "$REPO/scripts/sync-models.py" --check
check python3 "$REPO/scripts/sync-gemini-tools.py" --check
if [[ "${AGENTLS_DRIFT_STATIC:-}" != 1 ]]; then
  check python3 "$HERE/claude-subagent-tools.py"
  check python3 "$HERE/claude-models.py"
  check python3 "$HERE/gemini-tools.py"
fi
((status == 0)) && echo "drift: the catalogues match the pinned consumers"
exit $status
