#!/usr/bin/env bash
# Peak memory (RSS) and throughput of `leakhound scan` on a huge directory
# tree and of `leakhound git` on a large generated history.
#   [BIG_HISTORY=REPO] bench/rss_bench.sh LEAKHOUND [TREE_GIB] [HISTORY_MIB]
# The tree is TREE_GIB (default 10) GiB of 1 MiB text files: 256 distinct
# files (1 in 64 with a few planted secrets), hard-linked over and over, so it costs
# 256 MiB of disk; every link is read and scanned as its own file. The
# history is HISTORY_MIB (default 512) MiB of distinct blob content over 5000
# commits (git fast-import). Everything is created under a mktemp directory
# in ${TMPDIR:-/tmp} and removed at the end. Each input is scanned with the
# default --max-memory (1G) and with --max-memory 128M; BIG_HISTORY (e.g. made
# by bench/big_history.sh) adds that repository.
set -euo pipefail
bin=${1:?usage: rss_bench.sh LEAKHOUND [TREE_GIB] [HISTORY_MIB]}
gib=${2:-10}
hist_mib=${3:-512}
work=$(mktemp -d "${TMPDIR:-/tmp}/lh-rss.XXXXXX")
trap 'rm -rf "$work"' EXIT
export XDG_CACHE_HOME="$work/cache"

python3 - "$work/tree" "$gib" <<'PY'
import os, random, sys
root, gib = sys.argv[1], int(sys.argv[2])
rng = random.Random(1)
alnum = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789"
words = ["config", "value", "server", "timeout", "user", "name", "path", "enable", "level", "retry"]
os.makedirs(os.path.join(root, "src"))
for i in range(256):
    lines, size = [], 0
    while size < (1 << 20) - 200:
        w = rng.choice(words)
        line = f"{w}_{rng.randrange(10**6)} = {rng.choice(words)}-{rng.randrange(10**9)}"
        if i % 64 == 0 and rng.random() < 0.0005:  # ~60 secrets, 1 file in 64
            line = "aws_access_key_id = AKIA" + "".join(rng.choice("ABCDEFGHIJKLMNOPQRSTUVWXYZ234567") for _ in range(16))
        lines.append(line)
        size += len(line) + 1
    with open(os.path.join(root, "src", f"s{i}.txt"), "w") as f:
        f.write("\n".join(lines) + "\n")
n = gib * 1024
for j in range(n):
    d = os.path.join(root, f"d{j // 1000:04d}")
    if j % 1000 == 0: os.makedirs(d)
    os.link(os.path.join(root, "src", f"s{j % 256}.txt"), os.path.join(d, f"f{j}.txt"))
PY
rm -rf "$work/tree/src"

measure() {  # measure LABEL ARGS...: runs leakhound under GNU time, prints RSS and rate
  local label=$1
  shift
  local rc=0
  /usr/bin/time -f '%M %e' -o "$work/time" "$bin" "$@" --format json --output "$work/r.json" \
    --progress never 2>"$work/err" || rc=$?
  read -r rss secs < <(tail -n 1 "$work/time")  # GNU time may add a status line first
  local bytes
  local bytes findings
  read -r bytes findings < <(python3 -c "
import json; d = json.load(open('$work/r.json')); print(d['summary']['bytes_scanned'], len(d['findings']))")
  python3 -c "
rss, secs, b = $rss, $secs, $bytes
print(f'$label: exit $rc, {b / 2**30:.2f} GiB scanned in {secs:.1f} s ({b / 2**20 / max(secs, 1e-9):.0f} MiB/s), $findings findings, peak RSS {rss / 1024:.0f} MiB')"
}

measure "scan ${gib} GiB tree" scan "$work/tree"
measure "scan ${gib} GiB tree, --max-memory 128M" scan "$work/tree" --max-memory 128M
rm -rf "$work/tree"

git init -q "$work/repo"
python3 - "$hist_mib" <<'PY' | git -C "$work/repo" fast-import --quiet
import random, sys
mib, commits = int(sys.argv[1]), 5000
rng = random.Random(2)
per = (mib << 20) // commits
out = sys.stdout
for i in range(1, commits + 1):
    body = "".join(f"k{rng.randrange(10**9)} = v{rng.randrange(10**9)}\n" for _ in range(per // 26))
    msg = f"c{i}\n"
    out.write(f"commit refs/heads/main\nmark :{i}\ncommitter T <t@e> {1700000000 + i} +0000\n"
              f"data {len(msg)}\n{msg}" + (f"from :{i - 1}\n" if i > 1 else "") +
              f"M 100644 inline f{i % 100}.txt\ndata {len(body)}\n{body}\n")
PY
git -C "$work/repo" repack -adq
measure "git history (${hist_mib} MiB of blobs, 5000 commits)" git "$work/repo"
measure "git history (${hist_mib} MiB of blobs, 5000 commits), --max-memory 128M" git "$work/repo" \
  --max-memory 128M
if [[ -n ${BIG_HISTORY:-} ]]; then  # a repository from bench/big_history.sh
  measure "git $BIG_HISTORY" git "$BIG_HISTORY"
  measure "git $BIG_HISTORY, --max-memory 128M" git "$BIG_HISTORY" --max-memory 128M
fi
