#!/usr/bin/env bash
# Pre-commit latency: `leakhound staged` on a repository of N files (default
# 100k small text files, generated deterministically and committed) with one
# 50-line file staged, against `git diff --cached --quiet` on the same index.
# Prints both timings and the ratio (issue budget: under 50 ms warm, within
# 2x of git), then the cold first run (empty rules cache, which compiles and
# writes the Hyperscan database; budget: under 1 s).
#
#   bench/staged_bench.sh [--files N] [--dir DIR] [--runs N]
#   LEAKHOUND=/path/to/leakhound (default build/leakhound)
#
# The repository is kept in DIR (default /tmp/leakhound-staged-bench) and
# reused by later runs with the same N. Needs git, python3 and hyperfine.
set -euo pipefail

files=100000
dir=/tmp/leakhound-staged-bench
runs=30
while [[ $# -gt 0 ]]; do
  case "$1" in
    --files) files=$2; shift 2 ;;
    --dir) dir=$2; shift 2 ;;
    --runs) runs=$2; shift 2 ;;
    *) echo "usage: $0 [--files N] [--dir DIR] [--runs N]" >&2; exit 2 ;;
  esac
done
here=$(cd "$(dirname "$0")/.." && pwd)
lh=$(realpath "${LEAKHOUND:-$here/build/leakhound}")
[[ -x "$lh" ]] || { echo "staged_bench: $lh is not executable (set LEAKHOUND)" >&2; exit 2; }
command -v hyperfine >/dev/null || { echo "staged_bench: needs hyperfine (apt-get install hyperfine)" >&2; exit 2; }

repo="$dir/repo-$files"
export GIT_CONFIG_NOSYSTEM=1 GIT_AUTHOR_NAME=bench GIT_AUTHOR_EMAIL=bench@example.com
export GIT_COMMITTER_NAME=bench GIT_COMMITTER_EMAIL=bench@example.com
if [[ ! -f "$repo/.bench-ready" ]]; then
  echo "staged_bench: generating $files files in $repo (once)" >&2
  rm -rf "$repo"
  mkdir -p "$repo"
  git -C "$repo" init -q -b main
  # 100 files per directory, 10 directories per parent: d000/e0/f000000.txt ...
  python3 - "$repo" "$files" <<'PY'
import os, sys
root, n = sys.argv[1], int(sys.argv[2])
for i in range(n):
    d = os.path.join(root, "d%03d" % (i // 1000), "e%d" % ((i // 100) % 10))
    if i % 100 == 0:
        os.makedirs(d, exist_ok=True)
    with open(os.path.join(d, "f%06d.txt" % i), "w") as f:
        f.write("file %d\nconfig_value = %d\n" % (i, i * 7919 % 100003))
PY
  git -C "$repo" add -A
  git -C "$repo" commit -q -m "bench: $files files"
  touch "$repo/.bench-ready"
fi
cd "$repo"
# The staged change: one new 50-line file (no secret in it).
target="d$(printf %03d $(( (files / 2) / 1000 % 1000 )))/e5/staged.txt"
mkdir -p "$(dirname "$target")"
python3 -c "import sys; sys.stdout.write(''.join('line %d: value = %d\n' % (i, i * 31) for i in range(1, 51)))" >"$target"
git add "$target"
git update-index --refresh -q >/dev/null || true
[[ "$(git diff --cached --name-only)" == "$target" ]] || { echo "staged_bench: unexpected index state" >&2; exit 2; }

warm="$dir/cache-warm"
export XDG_CACHE_HOME="$warm"
"$lh" staged -q || { echo "staged_bench: leakhound staged failed" >&2; exit 2; }  # fills the cache

json="$dir/staged-bench.json"
# The machine may be shared: the load average belongs next to every figure.
echo "staged_bench: before: $(uptime | sed 's/.*load/load/')"
hyperfine -N -i --warmup 5 --runs "$runs" --export-json "$json" \
  -n "leakhound staged" "$lh staged -q" \
  -n "git diff --cached --quiet" "git diff --cached --quiet"
python3 - "$json" <<'PY'
import json, sys
r = {x["command"]: x for x in json.load(open(sys.argv[1]))["results"]}
lh, git = r["leakhound staged"], r["git diff --cached --quiet"]
ms = lambda x: x * 1000
print("staged_bench: leakhound staged   median %.1f ms (mean %.1f, user %.1f, sys %.1f)" %
      (ms(lh["median"]), ms(lh["mean"]), ms(lh["user"]), ms(lh["system"])))
print("staged_bench: git diff --cached  median %.1f ms (mean %.1f, user %.1f, sys %.1f)" %
      (ms(git["median"]), ms(git["mean"]), ms(git["user"]), ms(git["system"])))
print("staged_bench: ratio (median) leakhound / git = %.2f" % (lh["median"] / git["median"]))
print("staged_bench: ratio (user+sys CPU) leakhound / git = %.2f" %
      ((lh["user"] + lh["system"]) / (git["user"] + git["system"])))
print("staged_bench: budget: leakhound median < 50 ms: %s; within 2x of git: %s" %
      ("yes" if lh["median"] < 0.050 else "NO", "yes" if lh["median"] <= 2 * git["median"] else "NO"))
PY
echo "staged_bench: after: $(uptime | sed 's/.*load/load/')"

cold="$dir/cache-cold"
echo "staged_bench: cold first run (empty $cold: compiles and caches the rules)" >&2
XDG_CACHE_HOME="$cold" hyperfine -N -i --runs 3 --prepare "rm -rf $cold" \
  --export-json "$dir/staged-bench-cold.json" -n "leakhound staged (cold cache)" "$lh staged -q"
python3 - "$dir/staged-bench-cold.json" <<'PY'
import json, sys
x = json.load(open(sys.argv[1]))["results"][0]
print("staged_bench: cold first run median %.0f ms" % (x["median"] * 1000))
PY
git rm -q --cached "$target"
rm -f "$target"
