#!/usr/bin/env bash
# Directory-scan throughput: leakhound (every rule + the entropy detector)
# versus ripgrep with the same rules' regexes over the same tree, in the same
# run, plus warm and cold start for one small file.
# Usage: bench/scan_bench.sh [TREE...]   (default: /usr/include /usr/share)
# Needs: a built leakhound (build/leakhound or $LEAKHOUND), ripgrep, python3.
set -euo pipefail
here=$(cd "$(dirname "$0")/.." && pwd)
LH=${LEAKHOUND:-$here/build/leakhound}
RUNS=${RUNS:-3}
trees=("$@")
((${#trees[@]})) || trees=(/usr/include /usr/share)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
export XDG_CACHE_HOME="$work/cache"

bytes=$(du -sb --apparent-size "${trees[@]}" | awk '{s+=$1} END {print s}')
echo "tree: ${trees[*]} ($((bytes / 1048576)) MiB, $(find "${trees[@]}" -type f 2>/dev/null | wc -l) files)"

# The same regexes ripgrep can compile (Rust regex syntax is close to RE2).
"$LH" rules list --format json >"$work/rules.json"
python3 - "$work/rules.json" "$work/patterns.txt" <<'PY'
import json, re, subprocess, sys
rules = json.load(open(sys.argv[1]))
ok = []
for r in rules:
    # Rust regex rejects escaped quotes, which RE2 accepts.
    rx = r["regex"].replace('\\"', '"').replace("\\'", "'").replace("\\`", "`")
    rx = re.sub(r"\(\?P<[A-Za-z_][A-Za-z0-9_]*>", "(", rx)  # names clash once patterns are joined
    p = subprocess.run(["rg", "-q", "--regex-size-limit", "1G", "-e", rx, "-"], input=b"x\n", capture_output=True)
    if p.returncode in (0, 1) and b"error" not in p.stderr:
        ok.append(rx)
open(sys.argv[2], "w").write("\n".join(ok) + "\n")
print(f"ripgrep accepts {len(ok)} of {len(rules)} rule regexes", file=sys.stderr)
PY

median() { sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }
timeit() {  # prints wall seconds of "$@" (output discarded)
  local s e
  s=$(date +%s.%N); "$@" >/dev/null 2>&1 || true; e=$(date +%s.%N)
  echo "$e - $s" | bc -l
}
cat "${trees[@]/%//dev/null}" >/dev/null 2>&1 || true
find "${trees[@]}" -type f -print0 2>/dev/null | xargs -0 cat >/dev/null 2>&1 || true  # warm page cache
"$LH" scan "${trees[@]}" -q -f json -o "$work/warm.json" >/dev/null 2>&1 || true        # warm rule cache

lh=$(for i in $(seq "$RUNS"); do timeit "$LH" scan "${trees[@]}" -q -f json -o "$work/r.json"; done | median)
RG=(rg -c --no-ignore --hidden -j"$(nproc)" --regex-size-limit 1G --dfa-size-limit 1G -f "$work/patterns.txt")
rc=0; "${RG[@]}" /dev/stdin </dev/null >/dev/null 2>"$work/rg.err" || rc=$?
if [[ $rc -eq 2 ]]; then echo "ripgrep rejected the pattern set: $(head -c 300 "$work/rg.err")" >&2; exit 1; fi
rg=$(for i in $(seq "$RUNS"); do timeit "${RG[@]}" "${trees[@]}"; done | median)
findings=$(python3 -c "import json; print(len(json.load(open('$work/r.json'))['findings']))")
printf 'leakhound scan: %.2fs (%.0f MB/s), %s findings (%.1f per 100 MB)\n' "$lh" "$(echo "$bytes/1000000/$lh" | bc -l)" "$findings" "$(echo "$findings*100000000/$bytes" | bc -l)"
printf 'rg -f (same regexes): %.2fs (%.0f MB/s)\n' "$rg" "$(echo "$bytes/1000000/$rg" | bc -l)"
printf 'ratio leakhound/rg: %.2f (<= 1.00 means leakhound is at least as fast)\n' "$(echo "$lh/$rg" | bc -l)"

echo 'AWS_REGION=eu-west-1' >"$work/small.env"
warm=$(for i in $(seq 10); do timeit "$LH" scan "$work/small.env" -q; done | median)
cold=$(for i in $(seq 3); do rm -rf "$work/cache"; timeit "$LH" scan "$work/small.env" -q; done | median)
printf 'one small file: warm start %.1f ms, cold start (empty cache; built-in database is prebuilt) %.1f ms\n' "$(echo "$warm*1000" | bc -l)" "$(echo "$cold*1000" | bc -l)"
# A custom rule set (here: every built-in rule plus one) is compiled on its
# first run and cached: the cost a repository with its own rules pays once.
mkdir -p "$work/custom"
printf '[[rule]]\nid = "bench.custom"\ndescription = "bench"\nregex = %s\n' "'''\\bbenchtok_[a-z0-9]{24}\\b'''" >"$work/custom/c.toml"
custom_cold=$(rm -rf "$work/cache"; timeit "$LH" scan "$work/small.env" -q --rules "$work/custom")
custom_warm=$(for i in $(seq 5); do timeit "$LH" scan "$work/small.env" -q --rules "$work/custom"; done | median)
printf 'custom rule set: first run (compiles) %.0f ms, then %.1f ms\n' "$(echo "$custom_cold*1000" | bc -l)" "$(echo "$custom_warm*1000" | bc -l)"
