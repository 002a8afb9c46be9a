#!/usr/bin/env bash
# End to end: `leakhound scan` over the corpus (golden expected findings),
# every output format, redaction, exit codes, stdin, ignore files, config.
source "$(dirname "$0")/lib.sh"

CORPUS="$SOURCE_DIR/corpus"

# 1. Golden findings over the realistic corpus.
cd "$CORPUS"
run_lh scan . --format json --output "$TMP/corpus.json" --threads 2
expect_eq "$RC" "1" "corpus scan exits 1 with findings"
actual=$(json_eval "$TMP/corpus.json" "'\n'.join(sorted(f\"{x['path']}:{x['line']}:{x['rule_id']}\" for x in d['findings']))")
expected=$(grep -v '^#' "$CORPUS/expected-findings.txt" | sort)
if [[ "$actual" == "$expected" ]]; then pass; else
  fail "corpus findings differ from corpus/expected-findings.txt"
  diff <(echo "$expected") <(echo "$actual") >&2
fi
perm=$(stat -c %a "$TMP/corpus.json")
expect_eq "$perm" "600" "report file is owner-only"
cd - >/dev/null

# 2. Every format is redacted: no planted secret appears anywhere.
mkdir -p "$TMP/proj"
GH=$(github_token 11)
AK=$(aws_key_id 12)
printf 'GITHUB_TOKEN=%s\naws_access_key_id = %s\n' "$GH" "$AK" >"$TMP/proj/.env"
for fmt in text json jsonl sarif gitlab html; do
  run_lh scan "$TMP/proj" --format "$fmt" --stats --progress always
  expect_eq "$RC" "1" "$fmt: exit 1 on findings"
  expect_not_contains "$OUT$ERR" "${GH:4}" "$fmt: GitHub token redacted"
  expect_not_contains "$OUT$ERR" "${AK:4}" "$fmt: AWS key redacted"
done
run_lh scan "$TMP/proj" --format json --no-redact
expect_contains "$OUT" "$GH" "--no-redact shows the secret in the report"
expect_not_contains "$ERR" "$GH" "--no-redact never puts secrets in logs"

# 3. JSONL: one object per finding plus a summary line; JSON validates against its schema.
run_lh scan "$TMP/proj" --format jsonl
lines=$(echo "$OUT" | wc -l)
expect_eq "$lines" "3" "jsonl has 2 findings + summary"
run_lh scan "$TMP/proj" --format json --output "$TMP/p.json"
if [[ -f "$SOURCE_DIR/docs/schema/report.schema.json" ]]; then
  if python3 "$SOURCE_DIR/tests/e2e/validate_json.py" "$TMP/p.json" "$SOURCE_DIR/docs/schema/report.schema.json" >&2; then pass; else fail "json report violates docs/schema/report.schema.json"; fi
fi

# 4. SARIF validated by the Microsoft SARIF Multitool when available.
run_lh scan "$TMP/proj" --format sarif --output "$TMP/p.sarif"
if [[ -x "$SOURCE_DIR/tests/e2e/validate_sarif.sh" ]] || [[ -f "$SOURCE_DIR/tests/e2e/validate_sarif.sh" ]]; then
  if bash "$SOURCE_DIR/tests/e2e/validate_sarif.sh" "$TMP/p.sarif" >&2; then pass; else fail "SARIF multitool validation"; fi
fi

# 5. Exit codes: clean = 0, --exit-code, stdin.
mkdir -p "$TMP/clean"
echo "nothing to see" >"$TMP/clean/a.txt"
run_lh scan "$TMP/clean"
expect_eq "$RC" "0" "clean scan exits 0"
run_lh scan "$TMP/proj" --exit-code 42 -q
expect_eq "$RC" "42" "--exit-code changes the findings exit code"
RC=0; OUT=$(printf 'token: %s\n' "$GH" | timeout 60 "$LEAKHOUND" scan - --format json 2>/dev/null) || RC=$?
expect_eq "$RC" "1" "stdin scan finds the token"
expect_contains "$OUT" '"path": "<stdin>"' "stdin findings are attributed to <stdin>"

# 6. Inline allow, .leakhoundignore (content-keyed), config path/regex allowlists.
printf 'GITHUB_TOKEN=%s # leakhound:allow\n' "$GH" >"$TMP/clean/allowed.env"
run_lh scan "$TMP/clean"
expect_eq "$RC" "0" "inline leakhound:allow suppresses"
run_lh scan "$TMP/proj" --format json --output "$TMP/fp.json"
fp=$(json_eval "$TMP/fp.json" "[f['fingerprint'] for f in d['findings'] if f['rule_id'].startswith('github')][0]")
echo "$fp  # test token" >"$TMP/proj/.leakhoundignore"
run_lh scan "$TMP/proj" --format json
expect_not_contains "$OUT" "\"rule_id\": \"github" "fingerprint in .leakhoundignore suppresses the token"
expect_contains "$OUT" "\"rule_id\": \"aws" "ignore file does not hide other secrets"
rm "$TMP/proj/.leakhoundignore"
mkdir -p "$TMP/cfg/fixtures"
printf 'GITHUB_TOKEN=%s\n' "$GH" >"$TMP/cfg/fixtures/t.env"
printf 'aws_access_key_id = %s\n' "$AK" >"$TMP/cfg/app.env"
printf '[[allowlists]]\npaths = ["fixtures/**"]\n[[allowlists]]\nregexes = ["^%s$"]\n' "$AK" >"$TMP/cfg/.leakhound.toml"
run_lh scan "$TMP/cfg"
expect_eq "$RC" "0" ".leakhound.toml path and regex allowlists apply"

# 7. rules list / check.
run_lh rules list --format json
count=$(echo "$OUT" | python3 -c "import json,sys; print(len(json.load(sys.stdin)))")
if [[ "$count" -ge 1 ]]; then pass; else fail "rules list --format json lists rules"; fi
# Every rule's examples: CPU-bound (~25 s idle); a loaded machine needs more.
LH_TIMEOUT=1200 run_lh rules check
expect_eq "$RC" "0" "built-in rules pass rules check: $ERR"
mkdir -p "$TMP/badrules"
printf '[[rule]]\nid = "x.y"\ndescription = "d"\nregex = "abc"\nexamples = ["zzz"]\n' >"$TMP/badrules/x.toml"
run_lh rules check "$TMP/badrules" --lenient
expect_eq "$RC" "1" "failing example exits 1"
expect_contains "$ERR" "x.toml: rule 'x.y': example does not match" "failure names file and rule"

# 8. --help everywhere, --version.
for sub in scan git staged rules baseline config; do
  run_lh "$sub" --help
  expect_eq "$RC" "0" "$sub --help"
done
run_lh --version
expect_contains "$OUT" "leakhound " "--version"

# 9. Every flag of every subcommand is documented in the README.
for sub in scan git staged verify "rules list" "rules check" "config check" "baseline create" \
           "baseline check" "hook install" "hook uninstall"; do
  # shellcheck disable=SC2086
  for flag in $("$LEAKHOUND" $sub --help 2>/dev/null | grep -oE -- '--[a-z][a-z0-9-]+' | sort -u); do
    if grep -q -- "$flag" "$SOURCE_DIR/README.md"; then pass; else fail "README lacks '$sub $flag'"; fi
  done
done

finish
