#!/usr/bin/env bash
# Builds a large git history quickly for memory measurements (bench/rss_bench.sh,
# docs/hardening.md): COMMITS commits, each rewriting one of 200 files with
# KIB KiB of fresh random base64 text (poorly compressible, so the pack is
# about 3/4 of the distinct blob bytes), plus every 50th commit a one-line
# edit of an earlier file (a delta). git fast-import only, no repack: about
# 2 minutes for the default (1.48 GiB of blobs, a 1.13 GiB pack) on an idle
# 2-core machine.
#
# usage: bench/big_history.sh OUT.git [COMMITS (3000)] [KIB (512)]
set -euo pipefail
out=${1:?usage: big_history.sh OUT.git [COMMITS] [KIB]}
commits=${2:-3000}
kib=${3:-512}
git init -q --bare "$out"
python3 - "$commits" "$kib" <<'PY' | git -C "$out" fast-import --quiet
import base64, random, sys
commits, kib = int(sys.argv[1]), int(sys.argv[2])
rng = random.Random(7)
out = sys.stdout.buffer
last = {}
for i in range(1, commits + 1):
    name = f"data/f{i % 200}.txt"
    raw = rng.randbytes(kib * 768)  # base64: 4/3 -> kib KiB
    body = b"\n".join(base64.b64encode(raw[j:j + 57]) for j in range(0, len(raw), 57)) + b"\n"
    if i % 50 == 0 and last:
        name = sorted(last)[i % len(last)]
        body = last[name] + b"edit %d\n" % i
    last[name] = body
    msg = b"c%d\n" % i
    out.write(b"commit refs/heads/main\nmark :%d\ncommitter T <t@e> %d +0000\n" % (i, 1700000000 + i))
    out.write(b"data %d\n%s" % (len(msg), msg))
    if i > 1:
        out.write(b"from :%d\n" % (i - 1))
    out.write(b"M 100644 inline %s\ndata %d\n%s\n" % (name.encode(), len(body), body))
PY
du -sh "$out"
