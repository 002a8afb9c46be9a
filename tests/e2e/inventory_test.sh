#!/usr/bin/env bash
# `leakhound merge DIR... --inventory inv.db` and `inventory export`: shards
# of a fleet where one key is planted in several repositories become one
# distinct credential with many locations; merging is idempotent; a newer
# scan of a repository replaces its locations; exports are redacted.
source "$(dirname "$0")/lib.sh"
git_fixture_env
abort_on_error
export XDG_CACHE_HOME="$TMP/cache" LEAKHOUND_FINGERPRINT_KEY=inventory-test-key-0123456789
SHARED=$(gh_token inv-shared)
: >"$TMP/repos.jsonl"
mapfile -t OWN < <(gh_tokens inv-own 10)
for i in $(seq -w 1 10); do
  make_repo "$TMP/r$i" && cd "$TMP/r$i"
  printf 'mine = "%s"\n' "${OWN[10#$i - 1]}" >own.ini
  if ((10#$i % 2 == 0)); then printf 'shared = "%s"\n' "$SHARED" >shared.ini; fi
  commit_on "$i" "r$i" >/dev/null
  echo "{\"url\": \"$TMP/r$i\", \"name\": \"org/r$i\"}" >>"$TMP/repos.jsonl"
done
cd "$TMP"
for s in 0 1 2; do
  run_lh git --manifest "$TMP/repos.jsonl" --shard "$s/3" --out "$TMP/out" -q
done

# --- 1. Merge: 10 own keys + 1 shared key in 5 repositories.
run_lh merge "$TMP/out" --inventory "$TMP/inv.db"
expect_rc 0 "merge"
err_has "10 repository scans merged"
expect_eq "$(stat -c %a "$TMP/inv.db")" 600 "inventory owner-only"
run_lh inventory export --inventory "$TMP/inv.db"
expect_rc 0 "export json"
cp "$OUT_FILE" "$TMP/inv1.json"
python3 "$SOURCE_DIR/tests/e2e/validate_scale.py" "$SOURCE_DIR/docs/schema/report.schema.json" \
  inventory "$TMP/inv1.json" && pass || fail "inventory export violates the schema"
inv() { python3 -c "import json,sys; d=json.load(open(sys.argv[1])); v=($1); print(*(v if isinstance(v, tuple) else (v,)))" "$TMP/inv1.json"; }
expect_eq "$(inv "d['summary']['secrets'], d['summary']['locations'], d['summary']['repositories']")" \
  "11 15 10" "distinct secrets, locations, repositories"
expect_eq "$(inv "sorted(s['repositories'] for s in d['secrets'])[-1]")" 5 "shared key: 5 repositories"
expect_not_contains "$OUT" "$SHARED" "secret in the inventory export"
if grep -qF -- "$SHARED" "$TMP/inv.db"; then fail "secret in the database"; else pass; fi

# --- 2. Idempotent: the same shards again change nothing.
run_lh merge "$TMP/out" --inventory "$TMP/inv.db"
expect_rc 0
err_has "0 repository scans merged, 10 skipped"
run_lh inventory export --inventory "$TMP/inv.db"
expect_eq "$(cat "$OUT_FILE")" "$(cat "$TMP/inv1.json")" "second merge changed the inventory"

# --- 3. A newer scan of r02 after the shared key was removed (history
# rewritten): r02's locations are replaced, the others stay.
cd "$TMP/r02" && git rm -q shared.ini && git commit -q --amend -m r02 && git reflog expire --expire=now --all && git gc -q --prune=now
cd "$TMP"
sleep 1  # scans are ordered by their finish time (seconds)
for s in 0 1 2; do
  run_lh git --manifest "$TMP/repos.jsonl" --shard "$s/3" --out "$TMP/out2" -q
done
run_lh merge "$TMP/out2" --inventory "$TMP/inv.db"
expect_rc 0 "merge newer"
run_lh inventory export --inventory "$TMP/inv.db"
cp "$OUT_FILE" "$TMP/inv1.json"
expect_eq "$(inv "d['summary']['locations'], sorted(s['repositories'] for s in d['secrets'])[-1]")" \
  "14 4" "newer scan replaced r02's locations"
# Merging the older shards afterwards changes nothing either.
run_lh merge "$TMP/out" --inventory "$TMP/inv.db"
err_has "0 repository scans merged"

# --- 4. CSV (one row per location) and SARIF for one repository.
run_lh inventory export --inventory "$TMP/inv.db" --format csv -o "$TMP/inv.csv"
expect_rc 0 "csv"
expect_eq "$(($(wc -l <"$TMP/inv.csv") - 1))" 14 "csv rows"
run_lh inventory export --inventory "$TMP/inv.db" --format sarif --repository "$TMP/r04"
expect_rc 0 "sarif"
python3 - "$OUT_FILE" <<'PY' && pass || fail "sarif run"
import json, sys
d = json.load(open(sys.argv[1]))
assert d["version"] == "2.1.0" and len(d["runs"]) == 1
res = d["runs"][0]["results"]
assert len(res) == 2 and all(r["partialFingerprints"]["leakhound/v2"] for r in res), res
PY
run_lh inventory export --inventory "$TMP/inv.db" --format sarif
expect_rc 2 "sarif without --repository"

# --- 4b. HTML organisation view: one row per distinct credential with its
# repositories, owner-only, redacted, self-contained.
run_lh inventory export --inventory "$TMP/inv.db" --format html -o "$TMP/inv.html"
expect_rc 0 "html"
expect_eq "$(stat -c %a "$TMP/inv.html")" 600 "html owner-only"
H=$(cat "$TMP/inv.html")
expect_contains "$H" "organisation (merged inventory)" "organisation view scope"
expect_contains "$H" "Distinct credentials" "distinct credentials card"
expect_contains "$H" "$TMP/r01: own.ini" "a location names its repository and path"
expect_contains "$H" "$TMP/r04, $TMP/r06" "the shared key lists its repositories"
expect_not_contains "$H" "$SHARED" "secret in the html inventory"
expect_not_contains "$H" "src=\"http" "no external resource"
NODE_MODULES=$(bash "$(dirname "$0")/npm_tool.sh" html-validate@9.4.1) || die "html-validate install"
printf '%s\n' '{ "extends": ["html-validate:recommended"], "rules": { "no-inline-style": "error" } }' \
  >"$TMP/.htmlvalidate.json"
if (cd "$TMP" && node "$NODE_MODULES/html-validate/bin/html-validate.mjs" inv.html >"$TMP/validate.out" 2>&1); then
  pass
else
  cat "$TMP/validate.out" >&2
  fail "html-validate rejects the organisation page"
fi

# --- 5. Failures: an incomplete shard still merges, exit 2; no shards; a
# symlinked inventory is refused.
echo "{\"url\": \"file://$TMP/none.git\", \"name\": \"org/none\"}" >"$TMP/bad.jsonl"
cat "$TMP/repos.jsonl" >>"$TMP/bad.jsonl"
run_lh git --manifest "$TMP/bad.jsonl" --shard 0/1 --out "$TMP/bad" -q
run_lh merge "$TMP/bad" --inventory "$TMP/inv2.db"
expect_rc 2 "incomplete shard"
err_has "1 repositories failed"
run_lh merge "$TMP/r01" --inventory "$TMP/inv3.db"
expect_rc 2 "no shards" && err_has "no shard-*.manifest.json"
ln -s "$TMP/elsewhere.db" "$TMP/link.db"
run_lh merge "$TMP/out" --inventory "$TMP/link.db"
expect_rc 2 "symlink refused"
[[ ! -e "$TMP/elsewhere.db" ]] && pass || fail "wrote through a symlink"
finish
