#!/usr/bin/env bash
# Side-by-side comparison (not a test): `agentls check` and `agnix` over the shared corpus, run
# alternately RUNS times each; prints per-run wall time and peak RSS, the medians and the ratio.
#
#   cargo install agnix-cli        # once; agnix must be on PATH
#   cargo build --release
#   scripts/compare-agnix.sh [CORPUS] [RUNS]
set -euo pipefail
cd "$(dirname "$0")/.."
CORPUS="${1:-../shared/corpus}"
RUNS="${2:-7}"
AGENTLS="${AGENTLS_BIN:-target/release/agentls}"
command -v agnix >/dev/null || { echo "agnix is not on PATH: cargo install agnix-cli"; exit 2; }
[ -x "$AGENTLS" ] || { echo "$AGENTLS is missing: cargo build --release"; exit 2; }
[ -x /usr/bin/time ] || { echo "/usr/bin/time is missing: apt-get install time"; exit 2; }

measure() { # NAME CMD... → appends "seconds kb" to $tmp/NAME (wall in ms precision: %e has 10 ms steps)
  local name="$1"; shift
  local t0 t1
  t0=$(date +%s%N)
  /usr/bin/time -f "%M" -o "$tmp/last" "$@" >/dev/null 2>&1 || true
  t1=$(date +%s%N)
  echo "$(awk -v a="$t0" -v b="$t1" 'BEGIN {printf "%.3f", (b - a) / 1e9}') $(grep -E "^[0-9]+$" "$tmp/last")" >>"$tmp/$name"
}
median() { sort -n | awk '{a[NR]=$1} END {print (NR%2 ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2)}'; }

tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT
echo "corpus: $CORPUS ($(find "$CORPUS" -type f | wc -l) files), $RUNS runs each, alternating"
echo "agentls: $("$AGENTLS" --version)   agnix: $(agnix --version 2>&1 | head -n1)"
for i in $(seq "$RUNS"); do
  measure agentls "$AGENTLS" check "$CORPUS"
  measure agnix agnix "$CORPUS"
  printf 'run %d: agentls %s s %s KB | agnix %s s %s KB\n' "$i" $(tail -n1 "$tmp/agentls") $(tail -n1 "$tmp/agnix")
done
a_t=$(cut -d' ' -f1 "$tmp/agentls" | median); a_m=$(cut -d' ' -f2 "$tmp/agentls" | median)
b_t=$(cut -d' ' -f1 "$tmp/agnix" | median); b_m=$(cut -d' ' -f2 "$tmp/agnix" | median)
echo "median wall: agentls ${a_t} s, agnix ${b_t} s, ratio agentls/agnix $(awk -v a="$a_t" -v b="$b_t" 'BEGIN {printf "%.3f", a/b}')"
echo "median peak RSS: agentls $((a_m / 1024)) MB, agnix $((b_m / 1024)) MB"
