#!/usr/bin/env bash
# End to end: the seeded recall benchmark. tests/recall/generate_recall.py
# makes a fresh credential of every rule's documented format
# (tests/recall/specs.py), plants it into .env, YAML, JSON, Python, JS, shell,
# Dockerfile, Terraform, Java properties and XML files and, for rules bound to
# a file's structure, into that file (a Secret manifest, .npmrc, wg0.conf...),
# and scans them. Every rule must be reported under its own id with the exact
# secret span in every pair specs.py expects (at least its native file).
source "$(dirname "$0")/lib.sh"

GEN="$SOURCE_DIR/tests/recall/generate_recall.py"
# Found (rule, format) pairs, seed 1, with 401 built-in rules: a second net
# under the per-rule check (the "native" row counts the native files).
FLOORS=(env=379 yaml=374 json=374 python=377 js=376 shell=376 dockerfile=363
        terraform=377 properties=376 xml=376 native=43 total=3791)
mins=()
for f in "${FLOORS[@]}"; do mins+=(--min "$f"); done

# 0. The structured generators make what they claim (CRC32 tails, DER, JWT
#    JSON, macaroon, PGP armor checksum).
expect_eq "$(python3 "$SOURCE_DIR/tests/recall/credgen.py" 2>&1)" "credgen self-check: ok" "credgen self-check"

# 1. Every rule is found under its own id where expected, the per-format
#    floors hold, and the realistic filler around the planted values raises
#    no finding.
python3 "$GEN" --leakhound "$LEAKHOUND" --seed 1 --out "$TMP/recall" --require-all --max-stray 0 \
  "${mins[@]}" >"$TMP/recall.txt" 2>&1
rc=$?
sed -n '1,16p' "$TMP/recall.txt"
expect_eq "$rc" "0" "every rule found under its own id, floors met, no finding outside the planted lines"
if [[ $rc -ne 0 ]]; then sed -n '/^expected pairs/,$p' "$TMP/recall.txt" | head -80 >&2; fi

# 2. The check bites: with one rule disabled, the per-rule check fails and
#    names it (only the GitHub rules are planted, to keep this quick).
python3 "$GEN" --leakhound "$LEAKHOUND" --seed 1 --out "$TMP/recall-less" --only '^github\.' \
  --require-all --scan-only-args "--disable-rule github.pat.classic" >"$TMP/recall-less.txt" 2>&1
expect_eq "$?" "1" "disabling a rule fails the per-rule check"
expect_contains "$(grep -E '^  github.pat.classic ' "$TMP/recall-less.txt")" \
  "found under its own id in no format" "the miss is reported by rule"
expect_contains "$(cat "$TMP/recall-less.txt")" "FAIL: 1 rules not found" "only that rule misses"

# 3. Seeded: the same seed writes the same files, whichever other rules are
#    planted beside them.
python3 "$GEN" --leakhound "$LEAKHOUND" --seed 1 --out "$TMP/recall-again" --only '^(github|aws|kubernetes)\.' \
  >/dev/null 2>&1
digest() { (cd "$1" && find $(cd "$TMP/recall-again" && ls -A) -type f | sort | xargs cat | md5sum); }
expect_eq "$(digest "$TMP/recall-again")" "$(digest "$TMP/recall")" "same seed, same files"

# 4. The generic section (tests/recall/generic_recall.py): fresh random values
#    in ordinary shapes (.env, YAML, TOML, INI, properties, HCL, compose, JSON,
#    URL query, headers, CLI flags, logs, UUID secrets) and hard negatives
#    (placeholders, hashes, identifiers, code). Floors: 90% recall, <= 3% FP.
python3 "$SOURCE_DIR/tests/recall/generic_recall.py" --leakhound "$LEAKHOUND" --seed 12 \
  --out "$TMP/generic" --min-recall 0.90 --max-fp 0.03 >"$TMP/generic.txt" 2>&1
rc=$?
tail -1 "$TMP/generic.txt"
expect_eq "$rc" "0" "generic recall >= 90% and hard-negative FP <= 3%: $(tail -2 "$TMP/generic.txt" | tr '\n' ' ')"

finish
