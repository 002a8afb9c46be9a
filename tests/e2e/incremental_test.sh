#!/usr/bin/env bash
# `leakhound git --incremental` (issue 17, docs/scale.md "Incremental
# re-scans"): a second run over unchanged history reads none of the blobs
# and commit messages the first found no match in and reports the same
# findings (a message with a secret is read again); a new commit's
# secret is found; an added rule runs alone on the old blobs and finds its
# match; an allowlist change applies without clearing the cache; a corrupt
# cache is one warning and a full scan; the cache holds no secret.
source "$(dirname "$0")/lib.sh"
git_fixture_env
abort_on_error
export XDG_CACHE_HOME="$TMP/xdg" LEAKHOUND_FINGERPRINT_KEY=incremental-test-key-0123456789
CACHE=$TMP/xdg/leakhound/results.db
TOKEN=$(gh_token incremental-old)
NEW_TOKEN=$(gh_token incremental-new)
MSG_TOKEN=$(gh_token incremental-msg)
CUSTOM=zzacme_5b1e0c7d9a42f6e8

make_repo "$TMP/repo" && cd "$TMP/repo"
for i in $(seq -w 1 20); do
  printf 'int f%s(void) { return %s; }\n' "$i" "$i" >"f$i.c"
  if ((10#$i == 5)); then printf 'token = "%s"\n' "$TOKEN" >config.ini; fi
  if ((10#$i == 9)); then printf 'legacy id: %s\n' "$CUSTOM" >legacy.txt; fi
  msg="commit $i"
  if ((10#$i == 12)); then msg="commit $i: token $MSG_TOKEN"; fi
  commit_on "$i" "$msg" >/dev/null
done
cd "$TMP"

source "$(dirname "$0")/result_cache_lib.sh"

# --- 1. First run: everything read, the blobs without a match recorded.
run_lh git "$TMP/repo" --incremental --stats -f json -o "$TMP/a.json"
expect_rc 1 "first run finds the token"
expect_eq "$(stat_of skipped)" 0 "first run skips nothing"
RECORDED=$(stat_of recorded)
FULL_A=$(stat_of full)
# 20 .c files and 19 clean commit messages at least.
((RECORDED >= 39)) && pass || fail "first run recorded $RECORDED clean blobs and messages"
expect_eq "$(stat -c %a "$CACHE")" 600 "owner-only result cache"
expect_eq "$(stat -c %a "$(dirname "$CACHE")")" 700 "owner-only cache directory"
if grep -a -q -F "$TOKEN" "$CACHE"* 2>/dev/null; then fail "secret in the cache"; else pass; fi

# --- 2. Second run: no clean blob read again; same findings as without the cache.
run_lh git "$TMP/repo" --incremental --stats -f json -o "$TMP/b.json"
expect_rc 1 "second run"
expect_eq "$(stat_of skipped)" "$RECORDED" "second run skips every recorded blob"
expect_eq "$(stat_of full)" "$((FULL_A - RECORDED))" "second run reads only blobs with matches"
expect_eq "$(stat_of recorded)" 0 "nothing new to record"
expect_contains "$(cat "$ERR_FILE")" "$RECORDED known clean in the result cache" \
  "the summary line counts the blobs skipped as known clean"
expect_eq "$(json_eval "$TMP/b.json" 'sum(f["path"] == "<commit message>" for f in d["findings"])')" 1 \
  "the commit message with a secret is read again"
expect_eq "$(json_eval "$TMP/b.json" 'd["summary"]["result_cache"]["skipped"]')" "$RECORDED" \
  "JSON summary.result_cache.skipped"
python3 "$SOURCE_DIR/tests/e2e/validate_json.py" "$TMP/b.json" \
  "$SOURCE_DIR/docs/schema/report.schema.json" >/dev/null && pass || fail "report violates the schema"
run_lh git "$TMP/repo" -f json -o "$TMP/plain.json"
expect_rc 1 "run without the cache"
[[ -n $(findings "$TMP/plain.json") ]] && pass || fail "no findings without the cache"
expect_eq "$(findings "$TMP/b.json")" "$(findings "$TMP/plain.json")" "cached run = plain run"
expect_eq "$(findings "$TMP/a.json")" "$(findings "$TMP/plain.json")" "first run = plain run"

# --- 3. A new commit with a new secret is found; old clean blobs stay unread.
cd "$TMP/repo"
printf 'token = "%s"\n' "$NEW_TOKEN" >new.ini
commit_on 21 "commit 21" >/dev/null
cd "$TMP"
run_lh git "$TMP/repo" --incremental --stats -f json -o "$TMP/c.json"
expect_rc 1 "run after a new commit"
expect_contains "$(findings "$TMP/c.json")" '"new.ini"' "new secret found"
expect_eq "$(stat_of skipped)" "$RECORDED" "old clean blobs skipped after a new commit"
RECORDED_C=$(stat_of recorded)  # the new commit's message
expect_eq "$RECORDED_C" 1 "the new commit's clean message recorded"
RECORDED=$((RECORDED + RECORDED_C))
run_lh git "$TMP/repo" -f json -o "$TMP/plain2.json"
expect_eq "$(findings "$TMP/c.json")" "$(findings "$TMP/plain2.json")" "cached = plain after a commit"

# --- 4. A rule added by configuration runs alone on the old blobs.
cat >"$TMP/rule.toml" <<TOML
[[rule]]
id = "acme.legacy-id"
description = "ACME legacy id"
regex = '''\b(zzacme_[0-9a-f]{16})\b'''
secret_group = 1
keywords = ["zzacme_"]
examples = ["id: zzacme_0123456789abcdef"]
negative_examples = ["zzacme_short"]
TOML
run_lh git "$TMP/repo" --incremental --stats --config "$TMP/rule.toml" -f json -o "$TMP/d.json"
expect_rc 1 "run with an added rule"
expect_contains "$(findings "$TMP/d.json")" '"acme.legacy-id"' "added rule finds its match in an old blob"
DELTA=$(stat_of delta)
expect_eq "$DELTA" "$RECORDED" "every old clean blob scanned with the new rule only"
expect_eq "$(stat_of skipped)" 0 "nothing is clean under the added rule yet"
run_lh git "$TMP/repo" --config "$TMP/rule.toml" -f json -o "$TMP/plain3.json"
expect_eq "$(findings "$TMP/d.json")" "$(findings "$TMP/plain3.json")" "cached = plain with the added rule"
run_lh git "$TMP/repo" --incremental --stats --config "$TMP/rule.toml" -f json -o "$TMP/e.json"
expect_eq "$(stat_of delta)" 1 "then only the blob the new rule matched is re-checked with it"
expect_eq "$(stat_of skipped)" "$((RECORDED - 1))" "every other old blob is clean under the added rule"
expect_eq "$(findings "$TMP/e.json")" "$(findings "$TMP/plain3.json")" "cached = plain, again"

# --- 5. An allowlist change applies with the cache as it is.
cat "$TMP/rule.toml" >"$TMP/allow.toml"
cat >>"$TMP/allow.toml" <<TOML
[[allowlists]]
description = "the legacy ids are revoked"
stopwords = ["zzacme_"]
TOML
run_lh git "$TMP/repo" --incremental --stats --config "$TMP/allow.toml" -f json -o "$TMP/f.json"
expect_not_contains "$(findings "$TMP/f.json")" '"acme.legacy-id"' "allowlist applies"
expect_eq "$(stat_of skipped)" "$((RECORDED - 1))" "an allowlist change keeps the cache"
run_lh git "$TMP/repo" --incremental --config "$TMP/rule.toml" -f json -o "$TMP/g.json"
expect_contains "$(findings "$TMP/g.json")" '"acme.legacy-id"' "allowlist removed: finding back"

# --- 6. A corrupt cache: one warning, a full scan, the same findings.
head -c 4096 /dev/urandom >"$CACHE"
rm -f "$CACHE-wal" "$CACHE-shm"
run_lh git "$TMP/repo" --incremental --stats -f json -o "$TMP/h.json"
expect_rc 1 "corrupt cache still scans"
expect_eq "$(grep -c 'warning: result cache' "$ERR_FILE")" 1 "one warning for a corrupt cache"
err_has "$CACHE" "the warning names the file"
expect_eq "$(findings "$TMP/h.json")" "$(findings "$TMP/plain2.json")" "corrupt cache = plain run"

# --- 7. --result-cache FILE; --incremental outside git history is refused nowhere but unused.
run_lh git "$TMP/repo" --result-cache "$TMP/other.db" --stats -f json -o "$TMP/i.json"
[[ -f $TMP/other.db ]] && pass || fail "--result-cache FILE not created"
expect_contains "$(cat "$ERR_FILE")" "stats: result cache: 0 blobs skipped" "--result-cache implies --incremental"
ln -s "$TMP/other.db" "$TMP/link.db"
run_lh git "$TMP/repo" --result-cache "$TMP/link.db" -f json -o "$TMP/j.json"
expect_rc 1 "a symlinked cache is refused, the scan goes on"
err_has "not a regular file" "symlink refused"

# --- 8. Concurrent runs (shards on one host) share one cache file.
git clone -q --bare "$TMP/repo" "$TMP/copy.git"
pids=()
for r in "$TMP/repo" "$TMP/copy.git" "$TMP/repo"; do
  "$LEAKHOUND" git "$r" --result-cache "$TMP/shared.db" -q -f json -o "$TMP/par-${#pids[@]}.json" \
    2>"$TMP/par-${#pids[@]}.err" &
  pids+=($!)
done
for i in "${!pids[@]}"; do
  rc=0
  wait "${pids[$i]}" || rc=$?
  expect_eq "$rc" 1 "concurrent run $i"
  # (LeakSanitizer's "Suppressions used" block, in sanitizer builds, is not ours.)
  expect_eq "$(sed '/^-\{20,\}$/,$d' "$TMP/par-$i.err")" "" "concurrent run $i: no warning"
  expect_eq "$(findings "$TMP/par-$i.json")" "$(findings "$TMP/plain2.json")" "concurrent run $i findings"
done
run_lh git "$TMP/copy.git" --result-cache "$TMP/shared.db" --stats -f json -o "$TMP/k.json"
# new.ini is the one blob with a match since the first run.
expect_eq "$(stat_of full)" "$((FULL_A + 1 - (RECORDED - 1)))" "after concurrent runs: only blobs with matches read"

finish
