#!/usr/bin/env bash
# Drift check of agentls's VS Code tool catalogue (analysis/data/catalogues/vscode-tools.toml)
# against the pinned VS Code of this tier:
#   tests/oracles/consumers/vscode/drift.sh [--from-json DATA.json] [--save-json DATA.json]
# Runs extract-tools.js and VS Code's own validator (tool_table.py, via run.sh; bundled Copilot
# Chat enabled, then again with the settings that gate Copilot tools on) on every candidate name,
# and compares with the catalogue what `python3 scripts/sync-vscode-tools.py` would write.
# Exit 0: in sync. Exit 1: drift — it prints what VS Code says per differing name and the diff
# the sync script would apply (run it, review, commit). Exit 2: VS Code is not installed
# (tests/editors/install.sh) or its run failed. Offline; about 45 s on 2 cores.
set -euo pipefail
HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
REPO="$(cd "$HERE/../../../.." && pwd)"
exec python3 "$REPO/scripts/sync-vscode-tools.py" --check "$@"
