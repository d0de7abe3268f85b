#!/usr/bin/env bash
# Helix suite: Helix 25.01 (Debian trixie, unpacked by install.sh) in tmux with the shipped
# editors/helix/languages.toml (only `command` pointed at $AGENTLS_BIN), driven by send-keys and
# read by capture-pane, as a person would use it.
set -uo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/../lib/common.sh"
[[ -x "$HX" ]] || die "helix not installed: run tests/editors/install.sh"
[[ -x "$AGENTLS_BIN" ]] || die "AGENTLS_BIN=$AGENTLS_BIN is not an executable"
command -v tmux >/dev/null || die "tmux not installed: run tests/editors/install.sh"

TIMEOUT="${AGENTLS_TIMEOUT_S:-8}"
tmp="$(mktemp -d)"
# A copy of the fixture workspace outside the repository: Helix's workspace (and so the server's
# root) is the nearest folder with `.git` above the working directory, else that directory.
WS="$tmp/ws"
cp -r "$EDITORS_TESTS/fixtures/workspace" "$WS"
SOCK_BASE="agentls-helix-$$"
SOCK="$SOCK_BASE-0"
cleanup() { tmux -L "$SOCK" kill-server 2>/dev/null; rm -rf "$tmp"; }
trap cleanup EXIT

# The user's config: the shipped languages.toml and query inheritance, plus the documented
# editor options that show diagnostics inline.
mkdir -p "$tmp/config/helix/runtime"
sed "s#^command = \"agentls\"\(.*\)#command = \"$AGENTLS_BIN\"#" "$REPO/editors/helix/languages.toml" \
  >"$tmp/config/helix/languages.toml"
grep -q "^command = \"$AGENTLS_BIN\"" "$tmp/config/helix/languages.toml" || die "could not point languages.toml at $AGENTLS_BIN"
# The documented way to pass options: `config` (sent as initializationOptions). The user folders
# are then indexed: HOME is a fresh folder below.
awk -v bin="$AGENTLS_BIN" '{ print } $0 == "command = \"" bin "\"" { print "config = { userFolders = true }" }' \
  "$tmp/config/helix/languages.toml" >"$tmp/languages.toml" && mv "$tmp/languages.toml" "$tmp/config/helix/languages.toml"
mkdir -p "$tmp/home"
cp -r "$REPO/editors/helix/runtime/queries" "$tmp/config/helix/runtime/"
cp "$REPO/editors/helix/config.toml" "$tmp/config/helix/config.toml"

passed=0 failed=0 n=0
screen() { tmux -L "$SOCK" capture-pane -p -t hx 2>/dev/null; }
# wait_screen REGEX: polls the screen until a line matches (grep -E), or fails after $TIMEOUT s.
wait_screen() {
  local deadline=$((SECONDS + TIMEOUT))
  while ((SECONDS < deadline)); do
    screen | grep -Eq -- "$1" && return 0
    sleep 0.05
  done
  return 1
}
# wait_gone REGEX: polls until no line matches.
wait_gone() {
  local deadline=$((SECONDS + TIMEOUT))
  while ((SECONDS < deadline)); do
    screen | grep -Eq -- "$1" || return 0
    sleep 0.05
  done
  return 1
}
keys() { tmux -L "$SOCK" send-keys -t hx "$@"; }
# Escape alone, then wait until REGEX is gone: an Escape followed at once by another key reaches
# Helix as Alt+key.
escape_until_gone() {
  keys Escape
  wait_gone "$1" || echo "#   still on screen after Escape: /$1/"
}
start_hx() { # FILE LOG
  # A fresh tmux server per editor session: reusing one races with the previous server's exit
  # ("server exited unexpectedly") on a loaded machine.
  tmux -L "$SOCK" kill-server 2>/dev/null
  starts=$((${starts:-0} + 1))
  SOCK="$SOCK_BASE-$starts"
  tmux -L "$SOCK" new-session -d -s hx -x 160 -y 40 -c "$WS" \
    env HOME="$tmp/home" XDG_CONFIG_HOME="$tmp/config" XDG_CACHE_HOME="$tmp/cache" XDG_DATA_HOME="$tmp/data" \
    "$HX" -vv --log "$2" "$1"
}
result() { # NAME STATUS DETAIL
  n=$((n + 1))
  if [[ "$2" == ok ]]; then
    passed=$((passed + 1))
    echo "ok $n - $1"
  else
    failed=$((failed + 1))
    echo "not ok $n - $1: $3"
    mkdir -p "$ARTIFACTS"
    local slug
    slug="$(echo "$1" | tr -c 'a-zA-Z0-9' '-' | cut -c1-50)"
    screen >"$ARTIFACTS/helix-$n-$slug.screen.txt"
    echo "#   screen saved to $ARTIFACTS/helix-$n-$slug.screen.txt"
  fi
}
check() { # NAME REGEX [DETAIL]
  if wait_screen "$2"; then result "$1" ok; else result "$1" fail "${3:-no line matching /$2/ within ${TIMEOUT}s}"; fi
}

echo "# agentls $AGENTLS_BIN, $("$HX" --version), workspace $WS"
echo "# hx --health agent-markdown: $(XDG_CONFIG_HOME="$tmp/config" "$HX" --health agent-markdown 2>&1 | sed 's/\x1b\[[0-9;]*m//g' | grep -F "$AGENTLS_BIN" | head -n1 | tr -s ' ')"

# --- a broken Claude subagent --------------------------------------------------------------
LOG="$tmp/hx-agent.log"
start_hx .claude/agents/code-reviewer.md "$LOG"
check "diagnostic shows inline on line 5" \
  '^. +5 +tools: Read, Grep, Docker +unknown tool `Docker` for Claude Code \(did you mean `Bash`\?\): it is dropped'
check "status line counts the file's warnings" 'code-reviewer\.md .*● [0-9]+ '
if grep -qF '"initializationOptions":{"userFolders":true}' "$LOG"; then
  result "config = { userFolders = true } reaches the server as initializationOptions" ok
else
  result "config = { userFolders = true } reaches the server as initializationOptions" fail "no such initializationOptions in $LOG"
fi

keys Space d
check "Space d picker lists the diagnostic" 'WARN +unknown-tool +unknown tool `Docker` for Claude Code'
escape_until_gone 'severity +code +message'

keys : 5 Enter
wait_screen ' 5:1 *$' || echo "#   the cursor did not reach line 5"
keys Space k
check "Space k hover on \`tools\`" 'tools · Claude Code subagent'
escape_until_gone 'Claude Code subagent'

keys : 4 Enter
wait_screen ' 4:1 *$' || echo "#   the cursor did not reach line 4"
keys A
wait_screen '^ INS ' || echo "#   not in insert mode"
keys C-x
if wait_screen '^.{8,} opus +value' && wait_screen ' inherit +value'; then
  result "C-x completion after \`model: \` offers opus … inherit" ok
else
  result "C-x completion after \`model: \` offers opus … inherit" fail "no opus/inherit items within ${TIMEOUT}s"
fi
escape_until_gone '^ INS '

# `:lsp-workspace-command agentls.checkWorkspace` publishes every agent file's findings: the
# workspace diagnostics picker (`Space D`) then lists the unopened test-writer.md.
keys : lsp-workspace-command Space agentls.checkWorkspace Enter
# The picker shows what has arrived when it opens: reopen it until the publish is in.
name=":lsp-workspace-command agentls.checkWorkspace, then Space D lists the unopened test-writer.md"
deadline=$((SECONDS + TIMEOUT)) found=0
while ((SECONDS < deadline)); do
  keys Space D
  wait_screen 'severity +(source +)?code' || break
  if screen | grep -Eq 'unknown-tool +[^ ]*test-writer\.md +unknown tool `Kub'; then found=1; break; fi
  escape_until_gone 'severity +(source +)?code'
  sleep 0.2
done
if ((found)); then result "$name" ok; else result "$name" fail "no Kubectl finding of test-writer.md in the picker"; fi
escape_until_gone 'severity +(source +)?code'
keys : q ! Enter

# --- a Copilot agent's handoff: gd, then Space r on a file-named agent ------------------------
LOG3="$tmp/hx-handoff.log"
start_hx .github/agents/planner.agent.md "$LOG3"
wait_screen 'agent: helper' || echo "#   planner.agent.md not shown"
keys : 9 Enter
keys g l
wait_screen ' 9:17 *$' || echo "#   the cursor did not reach 9:17"
keys g d
check "gd on a handoff's \`agent: helper\` opens .github/agents/helper.agent.md" '\.github/agents/helper\.agent\.md '
keys C-o
wait_screen 'planner\.agent\.md ' || echo "#   C-o did not come back"
keys Space r
if wait_screen 'rename-to: ?helper'; then
  keys C-u assistant Enter
  name="Space r renames the file-named agent: the reference and the file (helper.agent.md → assistant.agent.md)"
  deadline=$((SECONDS + TIMEOUT)) renamed=0
  while ((SECONDS < deadline)); do
    if [[ -f "$WS/.github/agents/assistant.agent.md" && ! -e "$WS/.github/agents/helper.agent.md" ]] && screen | grep -q 'agent: assistant'; then renamed=1; break; fi
    sleep 0.05
  done
  if ((renamed)); then result "$name" ok; else result "$name" fail "files: $(ls "$WS/.github/agents" | tr '\n' ' ')"; fi
else
  result "Space r renames the file-named agent" fail "no rename-to prompt with the placeholder"
fi
keys Escape
keys : q a ! Enter

# --- a quick fix (Space a) and an inlay hint -------------------------------------------------
LOG4="$tmp/hx-fix.log"
start_hx .claude/agents/deployer.md "$LOG4"
wait_screen 'tools: Read, Bash, Grpe' || echo "#   deployer.md not shown"
# editors/helix/config.toml turns inlay hints on: the model `sonnet` runs, after the value.
check "inlay hint after \`model: sonnet\` names the model it runs" '^. +4 +model: sonnet +→ Claude Code: claude-sonnet-'
check "the unknown tool \`Grpe\` is reported inline" '5 +tools: Read, Bash, Grpe +unknown tool `Grpe`'
keys : 5 Enter
keys g l
wait_screen ' 5:[0-9]+ *$' || echo "#   the cursor did not reach line 5"
keys Space a
if wait_screen 'Replace `Grpe` with `Grep`'; then
  keys Enter
  name="Space a applies the quick fix: \`Grpe\` becomes \`Grep\` and the warning goes"
  if wait_screen '5 +tools: Read, Bash, Grep *$' && wait_gone 'unknown tool `Grpe`'; then result "$name" ok; else result "$name" fail "line 5 not fixed"; fi
else
  result "Space a offers the quick fix" fail "no 'Replace \`Grpe\` with \`Grep\`' in the code action menu"
fi
keys Escape
keys : q ! Enter

# --- an ordinary README.md --------------------------------------------------------------------
LOG2="$tmp/hx-readme.log"
start_hx README.md "$LOG2"
if wait_screen 'Fixture workspace'; then
  sleep 0.3 # the language (and so the servers) is chosen when the file opens; allow a late spawn
  # `agentls -> {...initialize...}` is how -vv logs the request that starts the server; the
  # agent file's log must have it (else this check proves nothing), the README's must not.
  marker='agentls -> {"jsonrpc":"2.0","method":"initialize"'
  if ! grep -qF "$marker" "$LOG"; then
    result "README.md starts no agentls" fail "the agent file's log lacks '$marker': the check is blind"
  elif grep -qF "$marker" "$LOG2"; then
    result "README.md starts no agentls" fail "agentls was initialized for README.md"
  else
    result "README.md starts no agentls" ok
  fi
else
  result "README.md starts no agentls" fail "README.md not shown"
fi
keys : q ! Enter

if ((failed)); then
  cp "$LOG" "$ARTIFACTS/helix-agent.log" 2>/dev/null
  cp "$LOG2" "$ARTIFACTS/helix-readme.log" 2>/dev/null
  cp "$LOG3" "$ARTIFACTS/helix-handoff.log" 2>/dev/null
  cp "$LOG4" "$ARTIFACTS/helix-fix.log" 2>/dev/null
  echo "# helix logs saved to $ARTIFACTS/helix-*.log"
fi
echo "# helix: $passed passed, $failed failed"
((failed == 0))
