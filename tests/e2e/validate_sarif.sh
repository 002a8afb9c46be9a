#!/usr/bin/env bash
# Validates SARIF files with the Microsoft SARIF Multitool (JSON schema plus
# the SARIF1xxx/SARIF2xxx rules). Exits 0 when no file has an error, 1 when
# one does (with --strict, warnings count too), 2 on a usage or tool problem.
#
#   tests/e2e/validate_sarif.sh [--strict] FILE...
#   tests/e2e/validate_sarif.sh --install    # only install the multitool
#
# The multitool is the npm package @microsoft/sarif-multitool-linux, a
# self-contained .NET binary. It is installed once into $LEAKHOUND_TOOLS_DIR
# (default /opt/leakhound-tools, or ~/.cache/leakhound-tools when /opt is not
# writable) and reused. `Sarif.Multitool validate` exits 0 even when it finds
# errors, so this script reads its SARIF output log instead.
set -euo pipefail

MULTITOOL_VERSION=5.7.0
PACKAGE="@microsoft/sarif-multitool-linux@${MULTITOOL_VERSION}"

tools_dir() {
  if [[ -n "${LEAKHOUND_TOOLS_DIR:-}" ]]; then
    echo "$LEAKHOUND_TOOLS_DIR"
  elif mkdir -p /opt/leakhound-tools 2>/dev/null && [[ -w /opt/leakhound-tools ]]; then
    echo /opt/leakhound-tools
  else
    echo "${XDG_CACHE_HOME:-$HOME/.cache}/leakhound-tools"
  fi
}

DIR="$(tools_dir)"
BIN="$DIR/node_modules/@microsoft/sarif-multitool-linux/Sarif.Multitool"

install_multitool() {
  [[ -x "$BIN" ]] && return 0
  command -v npm >/dev/null || { echo "validate_sarif: npm not found (ci/install-deps.sh --test)" >&2; exit 2; }
  mkdir -p "$DIR"
  # One installer at a time (ctest -j may start several validations at once).
  exec 9>"$DIR/.install.lock"
  flock 9
  if [[ ! -x "$BIN" ]]; then
    echo "validate_sarif: installing $PACKAGE into $DIR" >&2
    npm install --prefix "$DIR" --no-audit --no-fund --loglevel=error "$PACKAGE" >&2
    chmod u+x "$BIN"  # the package's postinstall does this; not when scripts are disabled
  fi
  exec 9>&-
}

strict=0
files=()
for arg in "$@"; do
  case "$arg" in
    --install) install_multitool; echo "$BIN"; exit 0 ;;
    --strict) strict=1 ;;
    -*) echo "validate_sarif: unknown option $arg" >&2; exit 2 ;;
    *) files+=("$arg") ;;
  esac
done
if ((${#files[@]} == 0)); then
  echo "usage: $0 [--strict] FILE... | --install" >&2
  exit 2
fi

install_multitool
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

status=0
for f in "${files[@]}"; do
  if [[ ! -f "$f" ]]; then
    echo "validate_sarif: $f: no such file" >&2
    status=2
    continue
  fi
  log="$work/log.sarif"
  rm -f "$log"
  DOTNET_SYSTEM_GLOBALIZATION_INVARIANT=1 "$BIN" validate "$f" -o "$log" >"$work/console" 2>&1 || true
  if [[ ! -s "$log" ]]; then
    cat "$work/console" >&2
    echo "validate_sarif: $f: the multitool produced no log" >&2
    status=2
    continue
  fi
  # Results without a level are warnings (SARIF 3.27.10).
  if ! python3 - "$log" "$f" "$strict" <<'EOF'
import json, sys
log, name, strict = sys.argv[1], sys.argv[2], sys.argv[3] == "1"
run = json.load(open(log, encoding="utf-8"))["runs"][0]
bad = 0
for inv in run.get("invocations", []):
    if not inv.get("executionSuccessful", False):
        print(f"{name}: multitool did not run successfully", file=sys.stderr)
        bad += 1
for r in run.get("results", []):
    level = r.get("level", "warning")
    text = r.get("message", {}).get("text") or " ".join(r.get("message", {}).get("arguments", []))
    print(f"{name}: {level} {r.get('ruleId')}: {text}", file=sys.stderr)
    if level == "error" or (strict and level == "warning"):
        bad += 1
sys.exit(1 if bad else 0)
EOF
  then
    status=$((status > 1 ? status : 1))
  else
    echo "validate_sarif: $f: valid"
  fi
done
exit "$status"
