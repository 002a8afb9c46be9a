#!/usr/bin/env bash
# The HTML report of a real history: size, and time to open and render in
# headless Chromium against a floor page in the same browser session (the same
# bytes as one <pre> of text: what any page that size costs to load). Target:
# under 2 s for curl's history (issue 19).
#
# usage: bench/html_report_bench.sh [--runs R] [REPO]
#   REPO   a repository (default: curl, cloned bare from
#          /work/shared/corpora/curl.bundle or $CURL_BUNDLE)
# Environment: LEAKHOUND (default build/leakhound), LEAKHOUND_BENCH_DIR
# (default /tmp/leakhound-bench). Needs chromium and npm (playwright-core is
# installed by tests/e2e/npm_tool.sh).
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/.." && pwd)
WORK=${LEAKHOUND_BENCH_DIR:-/tmp/leakhound-bench}
BIN=${LEAKHOUND:-$ROOT/build/leakhound}
RUNS=5
REPO=""
while [[ $# -gt 0 ]]; do
  case $1 in
    --runs) RUNS=$2; shift 2 ;;
    -h|--help) sed -n '2,12p' "$0"; exit 0 ;;
    -*) sed -n '2,12p' "$0" >&2; exit 2 ;;
    *) REPO=$1; shift ;;
  esac
done
[[ -x $BIN ]] || { echo "html_report_bench: no leakhound binary at $BIN" >&2; exit 2; }
command -v chromium >/dev/null || { echo "html_report_bench: needs chromium" >&2; exit 2; }
mkdir -p "$WORK"
if [[ -z $REPO ]]; then
  REPO=$WORK/curl.git
  bundle=${CURL_BUNDLE:-/work/shared/corpora/curl.bundle}
  [[ -d $REPO ]] || git clone -q --bare "$bundle" "$REPO"
fi
NM=$(bash "$ROOT/tests/e2e/npm_tool.sh" playwright-core@1.65.2)
out=$WORK/html-bench
mkdir -p "$out"
SECONDS=0
"$BIN" git "$REPO" --format html -o "$out/report.html" --progress never 2>"$out/scan.err" || true
"$BIN" git "$REPO" --format json -o "$out/report.json" --progress never 2>/dev/null || true
echo "scan + report: ${SECONDS} s ($(tail -1 "$out/scan.err"))"
size=$(stat -c %s "$out/report.html")
python3 - "$out/report.html" "$out/floor.html" <<'PY'
import html, sys
n = len(open(sys.argv[1], "rb").read())
body = ("x" * 79 + "\n") * (n // 80)
open(sys.argv[2], "w").write("<!DOCTYPE html><html lang=en><meta charset=utf-8><title>floor</title><pre>" + body + "</pre></html>")
PY
findings=$(python3 -c "import json,sys; print(len(json.load(open(sys.argv[1]))['findings']))" "$out/report.json")
read -r floor_ms report_ms < <(node "$ROOT/bench/html_render.mjs" "$NM" "$RUNS" "$out/floor.html" "$out/report.html" |
  awk -F'\t' '{printf "%s ", $2} END {print ""}')
echo "findings: $findings"
echo "report size: $size bytes ($(numfmt --to=iec "$size"))"
echo "render (median of $RUNS): report ${report_ms} ms, floor ${floor_ms} ms, ratio $(python3 -c "print(round($report_ms/max($floor_ms,1),2))")"
if ((report_ms < 2000)); then echo "target < 2000 ms: met"; else echo "target < 2000 ms: MISSED"; fi
