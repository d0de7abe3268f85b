#!/usr/bin/env bash
# Neovim suite: headless nvim 0.11 with editors/neovim, against $AGENTLS_BIN.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/../lib/common.sh"
NVIM="$(nvim_bin)"
[[ -x "$NVIM" ]] || die "nvim not installed: run tests/editors/install.sh"
[[ -x "$AGENTLS_BIN" ]] || die "AGENTLS_BIN=$AGENTLS_BIN is not an executable"
state="$(mktemp -d)"
trap 'rm -rf "$state"' EXIT
export AGENTLS_REPO="$REPO"
# A copy of the fixture workspace: the rename case edits buffers there (nothing is saved, but a
# server asking for a file rename must not touch the repository).
cp -r "$EDITORS_TESTS/fixtures/workspace" "$state/ws"
export AGENTLS_WORKSPACE="$state/ws"
# Isolated state and config: the LSP log lands in $state/nvim/lsp.log.
set +e
XDG_STATE_HOME="$state" XDG_CONFIG_HOME="$state/config" XDG_DATA_HOME="$state/data" \
  timeout 60 "$NVIM" --clean --headless -u "$EDITORS_TESTS/neovim/test_init.lua" </dev/null
rc=$?
set -e
if ((rc != 0)); then
  mkdir -p "$ARTIFACTS"
  cp "$state/nvim/lsp.log" "$ARTIFACTS/neovim-lsp.log" 2>/dev/null && echo "# LSP log saved to $ARTIFACTS/neovim-lsp.log"
fi
exit "$rc"
