#!/usr/bin/env bash
# Regenerates the verification matrix (provider x rule x what a live verdict
# reports) in README.md and docs/verify.md from the binary's own
# `rules list --verifiers`, in place: the table under the line
# "| Provider | Rule | Verifier | Endpoint | Reports when live |" is replaced.
# tests/e2e/verify_http_test.sh checks both copies are current.
# Usage: docs/gen-verifier-matrix.sh build/leakhound
set -euo pipefail
lh=${1:-build/leakhound}
root=$(cd "$(dirname "$0")/.." && pwd)
table=$("$lh" rules list --verifiers --no-config 2>/dev/null)
for doc in "$root/README.md" "$root/docs/verify.md"; do
  python3 - "$doc" "$table" <<'PY'
import sys
path, table = sys.argv[1], sys.argv[2].rstrip("\n").split("\n")
lines = open(path).read().split("\n")
start = next(i for i, l in enumerate(lines) if l.startswith("| Provider | Rule | Verifier |"))
end = start
while end < len(lines) and lines[end].startswith("|"):
    end += 1
lines[start:end] = table
open(path, "w").write("\n".join(lines))
PY
done
