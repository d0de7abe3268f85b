#!/usr/bin/env bash
# Packages the VS Code extension (editors/vscode) as a VSIX.
#
#   scripts/package-vsix.sh                     # this machine's platform, with target/release/agentls inside
#   scripts/package-vsix.sh --target darwin-arm64 --binary target/aarch64-apple-darwin/release/agentls
#   scripts/package-vsix.sh --universal         # no server inside: agentls.server.path or PATH
#
# Options:
#   --target T     a VS Code platform: linux-x64, linux-arm64, linux-armhf, alpine-x64,
#                  alpine-arm64, darwin-x64, darwin-arm64, win32-x64, win32-arm64
#                  (default: this machine's)
#   --binary PATH  the agentls binary built for that platform (default: target/release/agentls,
#                  agentls.exe for win32-*); it is copied to bin/ in the VSIX, stripped when
#                  `strip` understands it
#   --universal    a VSIX for every platform without a binary
#   --no-strip     keep the binary's debug information
#   --out FILE     where to write it (default: editors/vscode/agentls-<target>.vsix, or
#                  editors/vscode/agentls.vsix with --universal)
#
# Needs Node.js >= 20 and the extension's npm packages (`npm ci` in editors/vscode; run here when
# node_modules is missing). `npm run package` in editors/vscode runs this script.
set -euo pipefail

REPO="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
EXT="$REPO/editors/vscode"
TARGETS=(linux-x64 linux-arm64 linux-armhf alpine-x64 alpine-arm64 darwin-x64 darwin-arm64 win32-x64 win32-arm64)

die() { echo "package-vsix: $*" >&2; exit 1; }

target="" binary="" out="" universal=0 strip=1
while (($#)); do
  case "$1" in
    --target) target="${2:?--target needs a value}"; shift 2 ;;
    --binary) binary="${2:?--binary needs a value}"; shift 2 ;;
    --out) out="${2:?--out needs a value}"; shift 2 ;;
    --universal) universal=1; shift ;;
    --no-strip) strip=0; shift ;;
    -h | --help) sed -n '2,/^set -e/p' "${BASH_SOURCE[0]}" | sed '$d; s/^# \{0,1\}//'; exit 0 ;;
    *) die "unknown argument: $1 (see --help)" ;;
  esac
done

host_target() {
  local os arch
  os="$(uname -s)" arch="$(uname -m)"
  case "$os" in
    Linux) os=linux; [[ -f /etc/alpine-release ]] && os=alpine ;;
    Darwin) os=darwin ;;
    MINGW* | MSYS* | CYGWIN*) os=win32 ;;
    *) die "no VS Code platform for $os: pass --target" ;;
  esac
  case "$arch" in
    x86_64 | amd64) arch=x64 ;;
    aarch64 | arm64) arch=arm64 ;;
    armv7l) arch=armhf ;;
    *) die "no VS Code platform for $arch: pass --target" ;;
  esac
  echo "$os-$arch"
}

# Relative paths are taken from where the script was called (through `npm run package`, where
# npm was: INIT_CWD).
CALLER_DIR="${INIT_CWD:-$PWD}"
abs() { case "$1" in /*) echo "$1" ;; *) echo "$CALLER_DIR/$1" ;; esac; }

staged="$EXT/bin"
cleanup() { rm -rf "$staged"; }
trap cleanup EXIT
rm -rf "$staged"

vsce_args=(package --no-dependencies --no-yarn --allow-missing-repository)
if ((universal)); then
  [[ -z "$target$binary" ]] || die "--universal takes no --target or --binary"
  out="$(abs "${out:-$EXT/agentls.vsix}")"
else
  target="${target:-$(host_target)}"
  [[ " ${TARGETS[*]} " == *" $target "* ]] || die "unknown target $target (one of: ${TARGETS[*]})"
  exe=agentls
  [[ "$target" == win32-* ]] && exe=agentls.exe
  binary="$(abs "${binary:-$REPO/target/release/$exe}")"
  [[ -f "$binary" ]] || die "no agentls binary at $binary: build it (cargo build --release) or pass --binary"
  out="$(abs "${out:-$EXT/agentls-$target.vsix}")"
  mkdir -p "$staged"
  if ((strip)) && command -v strip >/dev/null && strip -o "$staged/$exe" "$binary" 2>/dev/null; then
    how="stripped"
  else
    cp "$binary" "$staged/$exe"
    how="as is"
  fi
  chmod 755 "$staged/$exe"
  echo "package-vsix: bundling $binary ($how, $(du -h "$staged/$exe" | cut -f1)) for $target"
  vsce_args+=(--target "$target")
fi

cd "$EXT"
[[ -d node_modules ]] || npm ci --no-audit --no-fund
# vsce runs `vscode:prepublish` (type-check and bundle) first.
npx --no-install vsce "${vsce_args[@]}" --out "$out"
echo "package-vsix: wrote $out ($(du -h "$out" | cut -f1))"
