#!/usr/bin/env bash
# End to end: --max-memory. Bad values are one-line errors (exit 2); blobs too
# large for the budget are skipped and counted (summary line, JSON
# skipped.over_memory), never a crash; and peak RSS, measured here with
# getrusage(RUSAGE_CHILDREN), stays under the budget on inputs where the code
# before --max-memory peaked far above it: a 320 MiB tree (its 256 MiB queue
# filled up) and a ~115 MB pack (its mapping became resident as it was read).
source "$(dirname "$0")/lib.sh"

GH=$(github_token 81)
MIB=$((1 << 20))

# peak_rss ARGS...: runs leakhound ARGS; sets RC, ERR and RSS (peak, bytes).
peak_rss() {
  local line
  line=$(python3 - "$LEAKHOUND" "$@" 2>"$TMP/.err" <<'PY'
import resource, subprocess, sys
rc = subprocess.call(sys.argv[1:], stdout=subprocess.DEVNULL, timeout=300)
print(rc, resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss * 1024)
PY
  )
  read -r RC RSS <<<"$line"
  ERR=$(cat "$TMP/.err")
}

# --- bad values -----------------------------------------------------------------
mkdir -p "$TMP/small"
echo "token = $GH" >"$TMP/small/a.txt"
for bad in abc 12Q -1G 1.G; do
  run_lh scan "$TMP/small" --max-memory "$bad"
  expect_eq "$RC" 2 "--max-memory '$bad' exits 2"
  expect_contains "$ERR" "leakhound: error: --max-memory: invalid size" "--max-memory '$bad' names the flag"
  expect_eq "$(wc -l <<<"$ERR")" 1 "--max-memory '$bad' is a one-line error"
done
for low in 10M 63M 1.5 0; do
  run_lh scan "$TMP/small" --max-memory "$low"
  expect_eq "$RC" 2 "--max-memory $low exits 2"
  expect_eq "$ERR" "leakhound: error: --max-memory: '$low' is below the minimum of 64M" \
    "--max-memory $low: minimum"
done
printf '[scan]\nmax_memory = "1K"\n' >"$TMP/low.toml"
run_lh scan "$TMP/small" --config "$TMP/low.toml"
expect_eq "$RC" 2 "[scan] max_memory below the minimum exits 2"
expect_contains "$ERR" "below the minimum of 64 MiB" "[scan] max_memory minimum message"
for ok in 64M 1.5G 2g 512MiB; do
  run_lh scan "$TMP/small" --max-memory "$ok" --format json
  expect_eq "$RC" 1 "--max-memory $ok scans (finding: exit 1)"
done

# --- blobs over the budget are skipped and counted ------------------------------
mkdir -p "$TMP/big"
echo "token = $GH" >"$TMP/big/secret.txt"
python3 -c "
import sys
line = b'config_value = some-ordinary-setting-0123456789\n'
sys.stdout.buffer.write(line * (40 * 2**20 // len(line)))" >"$TMP/big/huge.txt"
run_lh scan "$TMP/big" --max-memory 64M --max-file-size 1G --format json -o "$TMP/big.json"
expect_eq "$RC" 1 "over-memory file skipped, the secret still found"
expect_eq "$(json_eval "$TMP/big.json" "d['summary']['skipped']['over_memory']")" 1 "JSON counts over_memory"
expect_eq "$(json_eval "$TMP/big.json" "len(d['findings'])")" 1 "the small file's secret is reported"
expect_contains "$ERR" "skipped 1 over the" "summary names the memory skip"
expect_contains "$ERR" "blob limit of --max-memory 64 MiB" "summary names the budget"
run_lh scan "$TMP/big" --format json -o "$TMP/big2.json"
expect_eq "$(json_eval "$TMP/big2.json" "d['summary']['skipped']['over_memory']")" 0 "default budget: not skipped"
expect_eq "$(json_eval "$TMP/big2.json" "d['summary']['blobs_scanned']")" 2 "default budget: both scanned"

git init -q "$TMP/repo"
cp "$TMP/big/secret.txt" "$TMP/big/huge.txt" "$TMP/repo/"
git -C "$TMP/repo" add -A && git -C "$TMP/repo" commit -qm big
for cmd in git staged; do
  [[ $cmd == staged ]] && { echo "x" >>"$TMP/repo/huge.txt"; git -C "$TMP/repo" add huge.txt; }
  run_lh "$cmd" "$TMP/repo" --max-memory 64M --max-file-size 1G --format json -o "$TMP/g.json"
  expect_contains "$RC" "$([[ $cmd == git ]] && echo 1 || echo 0)" "$cmd: exit code"
  expect_eq "$(json_eval "$TMP/g.json" "d['summary']['skipped']['over_memory']")" 1 "$cmd: over_memory counted"
done

# --- peak RSS under the budget: a 320 MiB directory tree ------------------------
mkdir -p "$TMP/tree/src"
python3 -c "
import random, sys
rng = random.Random(3)
words = ['config', 'value', 'server', 'timeout', 'user', 'path', 'level', 'retry']
out, size = [], 0
while size < 8 * 2**20 - 100:
    l = f'{rng.choice(words)}_{rng.randrange(10**6)} = {rng.choice(words)}-{rng.randrange(10**9)}'
    out.append(l); size += len(l) + 1
sys.stdout.write('\n'.join(out) + '\n')" >"$TMP/tree/src/base.txt"
for i in $(seq 1 40); do  # hard links: 320 MiB to read, 8 MiB of disk
  mkdir -p "$TMP/tree/d$i" && ln "$TMP/tree/src/base.txt" "$TMP/tree/d$i/f.txt"
done
peak_rss scan "$TMP/tree" --max-memory 96M -j 2 --progress never --format json -o "$TMP/t.json"
expect_eq "$RC" 0 "tree scan with --max-memory 96M"
expect_eq "$(json_eval "$TMP/t.json" "d['summary']['blobs_scanned']")" 41 "every file scanned"
echo "tree: peak RSS $((RSS / MIB)) MiB with --max-memory 96M"
# rss_within LABEL: peak RSS under 96 MiB (not asserted in sanitizer builds,
# whose shadow memory and quarantine dwarf the budget; the plain build asserts).
rss_within() {
  if [[ -n "${LEAKHOUND_SANITIZED:-}" ]]; then
    echo "$1: peak RSS not asserted under a sanitizer"
  elif ((RSS < 96 * MIB)); then pass; else fail "$1: peak RSS $((RSS / MIB)) MiB over 96 MiB"; fi
}
rss_within tree

# --- peak RSS under the budget: a ~115 MB pack ----------------------------------
bash "$SOURCE_DIR/bench/big_history.sh" "$TMP/hist.git" 300 512 >/dev/null
pack_bytes=$(stat -c %s "$TMP"/hist.git/objects/pack/*.pack)
if ((pack_bytes > 100 * MIB)); then pass; else fail "history pack only $pack_bytes bytes"; fi
peak_rss git "$TMP/hist.git" --max-memory 96M --progress never --format json -o "$TMP/h.json"
# 300 file blobs and, since commit messages are scanned too, 300 messages.
expect_eq "$(json_eval "$TMP/h.json" "d['summary']['blobs_scanned']")" 600 \
  "every history blob and commit message scanned"
echo "history: pack $((pack_bytes / MIB)) MiB, peak RSS $((RSS / MIB)) MiB with --max-memory 96M"
rss_within history

finish
