#!/usr/bin/env bash
# Runs the editor end-to-end suites (Neovim, VS Code, Helix) against the agentls binary in
# $AGENTLS_BIN (default: target/release/agentls under the repository root). Install their tools
# first with tests/editors/install.sh.
#
#   tests/editors/run.sh                 # all suites
#   tests/editors/run.sh neovim helix    # some of them
#
# Prints each suite's output, a PASS/FAIL line with its duration, and last a line
# `N passed, M failed` (suites). Exits non-zero if any suite failed.
set -uo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib/common.sh"

suites=("$@")
if ((${#suites[@]} == 0)); then
  suites=(neovim vscode helix)
  # VS Code 1.139 (code-server 4.139, node 24) when install.sh installed it.
  [[ -f "$CACHE/code-server-4.139.1/.installed" ]] && suites=(neovim vscode vscode-1.139 helix)
fi

if [[ ! -x "$AGENTLS_BIN" ]]; then
  echo "AGENTLS_BIN=$AGENTLS_BIN is not an executable (build it: cargo build --release)" >&2
  echo "0 passed, ${#suites[@]} failed"
  exit 1
fi
echo "agentls under test: $AGENTLS_BIN"
rm -rf "$ARTIFACTS"

passed=0 failed=0 summary=()
for suite in "${suites[@]}"; do
  case "$suite" in
    neovim) cmd=("$EDITORS_TESTS/neovim/run.sh") ;;
    vscode) cmd=("$EDITORS_TESTS/vscode/run.sh") ;;
    vscode-1.139) cmd=(env CODE_SERVER_VERSION=4.139.1 "$EDITORS_TESTS/vscode/run.sh") ;;
    helix) cmd=("$EDITORS_TESTS/helix/run.sh") ;;
    *) echo "unknown suite: $suite (neovim, vscode, vscode-1.139, helix)" >&2; exit 2 ;;
  esac
  echo
  echo "=== $suite"
  start_us=${EPOCHREALTIME/[.,]/}
  "${cmd[@]}"
  rc=$?
  elapsed=$(((${EPOCHREALTIME/[.,]/} - start_us) / 100000))
  secs="$((elapsed / 10)).$((elapsed % 10))"
  if ((rc == 0)); then
    passed=$((passed + 1))
    line="PASS $suite (${secs} s)"
  else
    failed=$((failed + 1))
    line="FAIL $suite (${secs} s, exit $rc)"
  fi
  echo "$line"
  summary+=("$line")
done

echo
echo "=== editor suites"
printf '%s\n' "${summary[@]}"
[[ -d "$ARTIFACTS" ]] && echo "artifacts (screenshots, logs): $ARTIFACTS"
echo "$passed passed, $failed failed"
((failed == 0))
