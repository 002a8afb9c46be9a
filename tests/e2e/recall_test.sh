#!/usr/bin/env bash
# End to end: the seeded recall benchmark. Every rule's first example secret is
# planted into .env, YAML, JSON, Python, JS, shell, Dockerfile, Terraform, Java
# properties and XML files (tests/recall/generate_recall.py); the scan must
# report at least as many of them, with the right rule id and the exact secret
# span, as measured when this test was written. Raise the floors when recall
# improves; a drop means a rule change lost secrets in some format.
source "$(dirname "$0")/lib.sh"

GEN="$SOURCE_DIR/tests/recall/generate_recall.py"
# Found (rule, format) pairs, seed 1, with 401 built-in rules.
FLOORS=(env=379 yaml=374 json=374 python=377 js=376 shell=376 dockerfile=363
        terraform=377 properties=376 xml=376 total=3748)
mins=()
for f in "${FLOORS[@]}"; do mins+=(--min "$f"); done

# 1. Recall over the built-in rules meets every per-format floor, and the
#    realistic filler around the planted values raises no finding.
python3 "$GEN" --leakhound "$LEAKHOUND" --seed 1 --out "$TMP/recall" --misses --max-stray 0 \
  "${mins[@]}" >"$TMP/recall.txt" 2>&1
rc=$?
sed -n '1,14p' "$TMP/recall.txt"
expect_eq "$rc" "0" "recall floors met, no finding outside the planted lines"
if [[ $rc -ne 0 ]]; then grep -E '^(FAIL|  )' "$TMP/recall.txt" | head -80 >&2; fi

# 2. The floors bite: with the GitHub and AWS rules disabled, recall must fail.
python3 "$GEN" --leakhound "$LEAKHOUND" --seed 1 --out "$TMP/recall-less" "${mins[@]}" \
  --scan-only-args "--disable-rule github.* aws.*" >"$TMP/recall-less.txt" 2>&1
expect_eq "$?" "1" "disabling rules drops recall below the floors"
expect_contains "$(cat "$TMP/recall-less.txt")" "FAIL: total" "the total floor reports the drop"

finish
