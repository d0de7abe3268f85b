#!/usr/bin/env bash
# The check step of the agentls GitHub Action (action.yml). tests/e2e/check_formats.rs runs it
# locally too. Environment:
#   AGENTLS             the binary (default: agentls on PATH)
#   AGENTLS_ARGS        arguments of `agentls check`, split on whitespace (default: .)
#   AGENTLS_SARIF_FILE  where the SARIF log is written (default: agentls.sarif)
#   GITHUB_OUTPUT       set by GitHub Actions: receives `sarif-file=…`
# Writes the SARIF log, prints the findings for the job's log and as GitHub annotations (the
# `github` format's workflow commands), and exits with agentls's status: 0 without errors, 1 with
# errors (or too many warnings), 2 on bad usage, an unreadable path or an invalid configuration.
set -uo pipefail

agentls="${AGENTLS:-agentls}"
sarif="${AGENTLS_SARIF_FILE:-agentls.sarif}"
read -r -a args <<<"${AGENTLS_ARGS:-.}"
[ "${#args[@]}" -gt 0 ] || args=(.)

"$agentls" check --output-format sarif "${args[@]}" >"$sarif"
status=$?
# The findings for the log, then as annotations (their status is the same as above).
"$agentls" check --output-format human "${args[@]}" 2>/dev/null
"$agentls" check --output-format github --quiet "${args[@]}" 2>/dev/null

if [ -n "${GITHUB_OUTPUT:-}" ]; then
  echo "sarif-file=$sarif" >>"$GITHUB_OUTPUT"
fi
exit "$status"
