#!/usr/bin/env bash
# End to end: baselines. `baseline create` (from a scan, a git scan, or a
# JSON/JSONL/SARIF report) writes fingerprints only; `--baseline` suppresses
# them in scan, git (range) and staged modes, content-keyed (line moves and
# renames stay suppressed, a different secret on the same line does not);
# `baseline check` reports stale entries and new findings; gitleaks reports
# work as baselines.
source "$(dirname "$0")/lib.sh"

AK1=$(aws_key_id 701)
AK2=$(aws_key_id 702)
AK3=$(aws_key_id 703)
GH1=$(github_token 704)

P="$TMP/proj"
mkdir -p "$P/config"
cd "$P"
git init -q -b main .
printf 'aws_access_key_id = %s\n' "$AK1" >config/prod.ini
printf 'line\nGITHUB_TOKEN=%s\n' "$GH1" >deploy.sh
git add -A
git commit -q --no-verify -m "old secrets"

# 1. create: fingerprints, rule ids, paths; no secrets, no redacted fragments.
run_lh baseline create
expect_eq "$RC" "0" "baseline create exits 0 even with findings"
expect_contains "$ERR" "wrote 2 entries" "create reports the count"
B="$P/.leakhound-baseline.json"
[[ -f "$B" ]] && pass || fail "default file .leakhound-baseline.json"
content=$(cat "$B")
expect_not_contains "$content" "${AK1:4}" "baseline holds no AWS secret"
expect_not_contains "$content" "${GH1:4}" "baseline holds no GitHub secret"
expect_not_contains "$content" "AKIA" "baseline holds no redacted fragment"
expect_not_contains "$content" "ghp_" "baseline holds no token prefix"
expect_eq "$(json_eval "$B" "sorted((e['path'], e['rule_id'].split('.')[0]) for e in d['entries'])")" \
  "[('config/prod.ini', 'aws'), ('deploy.sh', 'github')]" "entries name path and rule"
expect_eq "$(json_eval "$B" "all(len(e['fingerprint']) == 32 for e in d['entries'])")" "True" "fingerprints"

# 2. --baseline suppresses exactly the baselined secrets.
run_lh scan . --baseline "$B"
expect_eq "$RC" "0" "scan with baseline: old secrets suppressed"
printf 'aws_access_key_id = %s\n' "$AK2" >config/staging.ini
run_lh scan . --baseline "$B" --format json
expect_eq "$RC" "1" "a new secret is still reported"
expect_eq "$(python3 -c 'import json,sys; print([f["path"] for f in json.load(sys.stdin)["findings"]])' <<<"$OUT")" \
  "['config/staging.ini']" "only the new secret"

# 3. Content-keyed: a moved line and a renamed file stay suppressed; another
#    secret on the very same line is not hidden.
rm config/staging.ini
printf '# moved down\n\n\naws_access_key_id = %s\n' "$AK1" >config/renamed.ini
rm config/prod.ini
run_lh scan . --baseline "$B"
expect_eq "$RC" "0" "line move + rename keep the suppression"
printf '# moved down\n\n\naws_access_key_id = %s\n' "$AK3" >config/renamed.ini
run_lh scan . --baseline "$B"
expect_eq "$RC" "1" "a different secret on the baselined line is reported"
printf 'aws_access_key_id = %s\n' "$AK1" >config/prod.ini
rm config/renamed.ini

# 4. baseline check: clean, then stale entries and new findings.
run_lh baseline check
expect_eq "$RC" "0" "baseline check: nothing stale, nothing new"
expect_contains "$ERR" "0 stale" "check summary"
printf 'line\nGITHUB_TOKEN=${GITHUB_TOKEN}\n' >deploy.sh  # the token was removed
run_lh baseline check
expect_eq "$RC" "1" "baseline check: a stale entry exits 1"
gh_fp=$(json_eval "$B" "[e['fingerprint'] for e in d['entries'] if e['path']=='deploy.sh'][0]")
expect_contains "$OUT" "stale: $gh_fp" "the stale fingerprint is listed"
expect_contains "$ERR" "1 stale" "check summary counts it"
printf 'k = %s\n' "$AK2" >new.txt
run_lh baseline check
expect_eq "$RC" "1" "baseline check: new findings exit 1"
expect_contains "$ERR" "1 new finding" "new findings are counted"
rm new.txt
git checkout -q -- deploy.sh

# 5. create --from a report (JSON, JSONL, SARIF) equals create from a scan.
want=$(json_eval "$B" "sorted(e['fingerprint'] for e in d['entries'])")
for fmt in json jsonl sarif; do
  "$LEAKHOUND" scan . --format "$fmt" -o "$TMP/report.$fmt" 2>/dev/null
  run_lh baseline create --from "$TMP/report.$fmt" -o "$TMP/from-$fmt.json"
  expect_eq "$RC" "0" "create --from $fmt report"
  expect_eq "$(json_eval "$TMP/from-$fmt.json" "sorted(e['fingerprint'] for e in d['entries'])")" \
    "$want" "create --from $fmt: same fingerprints"
  run_lh scan . --baseline "$TMP/report.$fmt"
  expect_eq "$RC" "0" "a $fmt report works directly as --baseline"
done
"$LEAKHOUND" scan . --format json --no-redact -o "$TMP/raw.json" 2>/dev/null
run_lh baseline create --from "$TMP/raw.json" -o "$TMP/from-raw.json"
expect_not_contains "$(cat "$TMP/from-raw.json")" "${AK1:4}" "create --from a --no-redact report drops secrets"

# 6. gitleaks reports: by path+line, and by secret when the report has it.
cat >"$TMP/gitleaks.json" <<EOF
[{"RuleID": "aws-access-token", "File": "config/prod.ini", "StartLine": 1, "Secret": "$AK1",
  "Match": "aws_access_key_id = $AK1", "Fingerprint": "abc:config/prod.ini:aws-access-token:1"},
 {"RuleID": "github-pat", "File": "deploy.sh", "StartLine": 2, "Secret": "REDACTED"}]
EOF
run_lh scan . --baseline "$TMP/gitleaks.json"
expect_eq "$RC" "0" "gitleaks report as baseline"
printf 'aws_access_key_id = %s\n' "$AK2" >config/prod.ini
run_lh scan . --baseline "$TMP/gitleaks.json"
expect_eq "$RC" "1" "gitleaks entry with a secret does not hide a different secret on its line"
git checkout -q -- config/prod.ini
run_lh baseline create --from "$TMP/gitleaks.json" -o "$TMP/gl-base.json"
expect_eq "$RC" "2" "create --from a gitleaks report is refused (no fingerprints)"
expect_contains "$ERR" "--baseline" "refusal says how to use it"

# 7. git history and range mode, staged mode.
run_lh baseline create --git -o "$TMP/git-base.json"
expect_eq "$RC" "0" "baseline create --git"
expect_eq "$(json_eval "$TMP/git-base.json" "all(len(e['commit']) == 40 for e in d['entries'])")" "True" \
  "git baseline records the commit"
run_lh git . --baseline "$TMP/git-base.json"
expect_eq "$RC" "0" "git scan with a git baseline"
git checkout -q -b feature
printf 'aws_access_key_id = %s\n' "$AK1" >copy-of-old.ini
git add copy-of-old.ini
git commit -q --no-verify -m "copies an old secret"
run_lh git . --range main..feature --baseline "$TMP/git-base.json"
expect_eq "$RC" "0" "range scan: a baselined secret copied in a new commit stays suppressed"
printf 'aws_access_key_id = %s\n' "$AK2" >>copy-of-old.ini
git add copy-of-old.ini
run_lh staged --baseline "$TMP/git-base.json"
expect_eq "$RC" "1" "staged scan with a baseline still blocks new secrets"
git commit -q --no-verify -m "new secret"
run_lh git . --range main..feature --baseline "$TMP/git-base.json" --format json
expect_eq "$RC" "1" "range scan reports the new secret"
expect_eq "$(python3 -c 'import json,sys; print(len(json.load(sys.stdin)["findings"]))' <<<"$OUT")" "1" \
  "range scan: only the new secret"

# 8. Errors: a missing or malformed baseline is exit 2, never an empty suppression.
run_lh scan . --baseline "$TMP/nope.json"
expect_eq "$RC" "2" "missing baseline file exits 2"
echo '{"something": 1}' >"$TMP/odd.json"
run_lh scan . --baseline "$TMP/odd.json"
expect_eq "$RC" "2" "unknown JSON exits 2"
expect_contains "$ERR" "not a leakhound baseline" "unknown JSON is named"

finish
