#!/usr/bin/env bash
# Installs a pinned npm package used by the tests (html-validate,
# playwright-core) once into the shared tools directory and prints that
# directory's node_modules path. Exit 2 when npm is missing or the install
# fails.
#
#   tests/e2e/npm_tool.sh html-validate@9.4.1
#
# The tools directory is the one tests/e2e/validate_sarif.sh uses:
# $LEAKHOUND_TOOLS_DIR, else /opt/leakhound-tools, else
# ~/.cache/leakhound-tools. Installs are serialized with its lock file, so
# parallel tests (ctest -j) never run two npm installs into it at once.
set -euo pipefail
spec=${1:?usage: npm_tool.sh PACKAGE@VERSION}
name=${spec%@*}
version=${spec##*@}

if [[ -n "${LEAKHOUND_TOOLS_DIR:-}" ]]; then
  DIR=$LEAKHOUND_TOOLS_DIR
elif mkdir -p /opt/leakhound-tools 2>/dev/null && [[ -w /opt/leakhound-tools ]]; then
  DIR=/opt/leakhound-tools
else
  DIR="${XDG_CACHE_HOME:-$HOME/.cache}/leakhound-tools"
fi
PKG="$DIR/node_modules/$name/package.json"

installed() {
  [[ -f "$PKG" ]] && python3 -c 'import json,sys; sys.exit(json.load(open(sys.argv[1]))["version"] != sys.argv[2])' "$PKG" "$version"
}

if ! installed; then
  command -v npm >/dev/null || { echo "npm_tool: npm not found (ci/install-deps.sh --test)" >&2; exit 2; }
  mkdir -p "$DIR"
  exec 9>"$DIR/.install.lock"
  flock 9
  if ! installed; then
    echo "npm_tool: installing $spec into $DIR" >&2
    npm install --prefix "$DIR" --no-audit --no-fund --loglevel=error "$spec" >&2 ||
      { echo "npm_tool: npm install $spec failed" >&2; exit 2; }
  fi
  exec 9>&-
fi
echo "$DIR/node_modules"
