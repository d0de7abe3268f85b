#!/usr/bin/env bash
# Installs the pinned consumers of the oracle tier with npm into tests/oracles/.cache/
# (gitignored), idempotently, non-interactively, as root on a fresh Debian machine that reaches
# the npm registry. Only the platform packages that carry the native binaries are installed for
# Claude Code, OpenCode and the Copilot CLI, so the machine's node 20 is enough (the
# @anthropic-ai/claude-code wrapper itself asks for node >= 22; its binary does not).
# Prints the versions. Override a pin with e.g. CLAUDE_CODE_VERSION=2.1.330 (then record the
# new version's decisions).
set -euo pipefail
HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
CACHE="${AGENTLS_ORACLE_CACHE:-$HERE/.cache}"
CLAUDE_CODE_VERSION="${CLAUDE_CODE_VERSION:-2.1.328}"
OPENCODE_VERSION="${OPENCODE_VERSION:-1.18.33}"
GEMINI_CLI_VERSION="${GEMINI_CLI_VERSION:-0.61.0}"
COPILOT_CLI_VERSION="${COPILOT_CLI_VERSION:-1.0.102}"
export npm_config_yes=true npm_config_fund=false npm_config_audit=false \
  npm_config_update_notifier=false npm_config_loglevel=error
exec </dev/null

command -v node >/dev/null && command -v npm >/dev/null || {
  echo "install.sh: node and npm are needed (Debian: apt-get install nodejs npm)" >&2; exit 1; }
command -v git >/dev/null || { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq git; }

# install NAME SPEC...: npm-installs the packages into $CACHE/NAME unless the same specs are there.
install() {
  local name="$1"; shift
  local dir="$CACHE/$name" want="$*"
  if [[ -f "$dir/.installed" && "$(cat "$dir/.installed")" == "$want" ]]; then
    return 0
  fi
  rm -rf "$dir" && mkdir -p "$dir"
  printf '{ "name": "agentls-oracle-%s", "private": true }\n' "$name" >"$dir/package.json"
  (cd "$dir" && npm install --no-audit --no-fund "$@" >"$dir/install.log" 2>&1) || {
    tail -n 30 "$dir/install.log"; echo "install.sh: npm install $* failed" >&2; exit 1; }
  echo "$want" >"$dir/.installed"
}

install claude "@anthropic-ai/claude-code-linux-x64@$CLAUDE_CODE_VERSION"
install opencode "opencode-linux-x64@$OPENCODE_VERSION"
install gemini "@google/gemini-cli@$GEMINI_CLI_VERSION"
install copilot "@github/copilot@$COPILOT_CLI_VERSION"

T="$(mktemp -d)"; trap 'rm -rf "$T"' EXIT
v() { HOME="$T" XDG_CONFIG_HOME="$T/.config" XDG_DATA_HOME="$T/.local/share" XDG_CACHE_HOME="$T/.cache" \
  XDG_STATE_HOME="$T/.local/state" DISABLE_AUTOUPDATER=1 OPENCODE_DISABLE_AUTOUPDATE=1 \
  OPENCODE_DISABLE_MODELS_FETCH=1 COPILOT_AUTO_UPDATE=false timeout 60 "$@" 2>/dev/null | head -n1; }
echo "claude-code  $(v "$CACHE/claude/node_modules/@anthropic-ai/claude-code-linux-x64/claude" --version)"
echo "opencode     $(v "$CACHE/opencode/node_modules/opencode-linux-x64/bin/opencode" --version)"
echo "gemini-cli   $(v "$CACHE/gemini/node_modules/.bin/gemini" --version)"
echo "copilot-cli  $(v "$CACHE/copilot/node_modules/.bin/copilot" --version)"
