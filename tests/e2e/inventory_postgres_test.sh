#!/usr/bin/env bash
# `merge --inventory postgresql://...` against a real PostgreSQL on loopback
# (tests/e2e/postgres_server.sh): the same shards merged into SQLite and
# PostgreSQL export identically (json, csv); merging twice changes nothing;
# two merges at once serialize; the password never appears in output or
# errors. Also first_seen/last_seen from commit dates (both backends).
source "$(dirname "$0")/lib.sh"
source "$(dirname "$0")/postgres_server.sh"
git_fixture_env
abort_on_error
export XDG_CACHE_HOME="$TMP/cache" LEAKHOUND_FINGERPRINT_KEY=inventory-pg-key-0123456789
start_postgres
PW="$(python3 -c 'import secrets,string; a=string.ascii_letters+string.digits; print("".join(secrets.choice(a) for _ in range(20)))')@x"
psql -d postgres <<SQL
CREATE ROLE inv LOGIN PASSWORD '$PW';
CREATE DATABASE inventory OWNER inv;
CREATE DATABASE other OWNER inv;
SQL
URI="postgresql://inv:${PW%@x}%40x@127.0.0.1:$PORT/inventory"
SHOWN="postgresql://127.0.0.1:$PORT/inventory"

# A fleet of 8 repositories with dated commits (commit_on DAY: 2024-01-DAY).
# r1: OWN1 added on day 03, another commit on 05, removed on 07.
# r2, r3: SHARED added on day 04 (r2, tip on 09) and day 02 (r3, tip on 06).
SHARED=$(gh_token invpg-shared)
mapfile -t OWN < <(gh_tokens invpg 8)
: >"$TMP/repos.jsonl"
for i in $(seq 1 8); do
  make_repo "$TMP/r$i" && cd "$TMP/r$i"
  printf 'mine = "%s"\n' "${OWN[i - 1]}" >own.ini
  case $i in
    1) commit_on 03 a >/dev/null && echo x >x && commit_on 05 b >/dev/null &&
      git rm -q own.ini && commit_on 07 c >/dev/null ;;
    2) commit_on 01 a >/dev/null && printf 'k = "%s"\n' "$SHARED" >s.ini && commit_on 04 b >/dev/null &&
      echo y >y && commit_on 09 c >/dev/null ;;
    3) printf 'k = "%s"\n' "$SHARED" >s.ini && commit_on 02 a >/dev/null && echo y >y &&
      commit_on 06 b >/dev/null ;;
    *) commit_on "0$i" a >/dev/null ;;
  esac
  echo "{\"url\": \"$TMP/r$i\", \"name\": \"org/r$i\"}" >>"$TMP/repos.jsonl"
done
cd "$TMP"
for s in 0 1 2; do run_lh git --manifest "$TMP/repos.jsonl" --shard "$s/3" --out "$TMP/out" -q; done
expect_eq "$(ls "$TMP"/out/shard-*.manifest.json | wc -l)" 3 "3 shards"

# --- 1. The same shards into SQLite and PostgreSQL: identical exports.
run_lh merge "$TMP/out" --inventory "$TMP/inv.db"
expect_rc 0 "merge sqlite"
run_lh merge "$TMP/out" --inventory "$URI"
expect_rc 0 "merge postgresql"
err_has "merged 3 shards into $SHOWN: 8 repository scans merged"
expect_not_contains "$ERR" "${PW%@x}" "password in the merge summary"
for f in json csv; do
  run_lh inventory export --inventory "$TMP/inv.db" -f $f -o "$TMP/sqlite.$f"
  expect_rc 0 "export sqlite $f"
  run_lh inventory export --inventory "$URI" -f $f -o "$TMP/pg.$f"
  expect_rc 0 "export postgresql $f"
  cmp -s "$TMP/sqlite.$f" "$TMP/pg.$f" && pass || fail "$f exports differ: $(diff "$TMP/sqlite.$f" "$TMP/pg.$f" | head -5)"
done
run_lh inventory export --inventory "$URI" -f sarif --repository "$TMP/r2"
expect_rc 0 "sarif from postgresql"
expect_eq "$(json_eval "$TMP/pg.json" "' '.join(str(d['summary'][k]) for k in ('secrets', 'locations', 'repositories'))")" \
  "9 10 8" "8 own keys (r1's removed one too) + 1 shared in 2 repositories"
python3 "$SOURCE_DIR/tests/e2e/validate_scale.py" "$SOURCE_DIR/docs/schema/report.schema.json" \
  inventory "$TMP/pg.json" && pass || fail "postgresql export violates the schema"

# --- 2. first_seen/last_seen are commit dates: r1's key from its introduction
# to its removal; the shared key from its oldest introduction (r3) to the
# newest tip still holding it (r2).
seen() { json_eval "$TMP/pg.json" "' '.join(next((s['first_seen'], s['last_seen']) for s in d['secrets'] if $1))"; }
expect_eq "$(seen "s['repositories'] == 2")" "2024-01-02T12:00:00Z 2024-01-09T12:00:00Z" "shared key seen"
expect_eq "$(seen "any(l['repository'].endswith('/r1') for l in s['locations'])")" \
  "2024-01-03T12:00:00Z 2024-01-07T12:00:00Z" "removed key seen"
expect_eq "$(seen "any(l['repository'].endswith('/r5') for l in s['locations'])")" \
  "2024-01-05T12:00:00Z 2024-01-05T12:00:00Z" "single-commit key seen"
expect_eq "$(psql -d inventory -At -c "SELECT count(*) FROM scans WHERE scanned_at LIKE '2024%'")" 0 \
  "scans keep scan times"
expect_eq "$(psql -d inventory -At -c "SELECT value FROM leakhound_meta WHERE key = 'schema_version'")" 1 \
  "schema version"

# --- 3. Idempotent: merging the same shards again changes nothing.
rows() { psql -d inventory -At -c "SELECT (SELECT count(*) FROM scans), (SELECT count(*) FROM secrets), (SELECT count(*) FROM locations)"; }
before=$(rows)
run_lh merge "$TMP/out" --inventory "$URI"
expect_rc 0 "second merge"
err_has "0 repository scans merged, 8 skipped"
expect_eq "$(rows)" "$before" "rows after a second merge"
run_lh inventory export --inventory "$URI" -f json -o "$TMP/pg2.json"
cmp -s "$TMP/pg.json" "$TMP/pg2.json" && pass || fail "second merge changed the export"

# --- 4. Two merges at once into an empty database (one shard directory
# each): both succeed, and the result equals the sequential merge.
mkdir "$TMP/a" "$TMP/b"
cp "$TMP"/out/shard-0.* "$TMP/a/" && cp "$TMP"/out/shard-[12].* "$TMP/b/"
OTHER="postgresql://inv:${PW%@x}%40x@127.0.0.1:$PORT/other"
"$LEAKHOUND" merge "$TMP/a" --inventory "$OTHER" -q 2>"$TMP/a.err" & pa=$!
"$LEAKHOUND" merge "$TMP/b" --inventory "$OTHER" -q 2>"$TMP/b.err" & pb=$!
ra=0 rb=0
wait $pa || ra=$?
wait $pb || rb=$?
expect_eq "$ra $rb" "0 0" "concurrent merges: $(cat "$TMP/a.err" "$TMP/b.err")"
run_lh inventory export --inventory "$OTHER" -f json -o "$TMP/other.json"
cmp -s "$TMP/pg.json" "$TMP/other.json" && pass || fail "concurrent merges differ from one merge"

# --- 4b. An insert that fails on the server (a trigger refusing locations)
# is reported even though inserts are pipelined, and the whole merge is
# rolled back.
psql -d postgres -c "CREATE DATABASE trig OWNER inv" >/dev/null
TRIG="postgresql://inv:${PW%@x}%40x@127.0.0.1:$PORT/trig"
run_lh merge "$TMP/a" --inventory "$TRIG"
expect_rc 0 "merge into trig"
psql -d trig <<'SQL'
CREATE FUNCTION refuse() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN RAISE EXCEPTION 'locations are read-only today'; END $$;
CREATE TRIGGER refuse BEFORE INSERT ON locations FOR EACH ROW EXECUTE FUNCTION refuse();
SQL
trig_rows() { psql -d trig -At -c "SELECT (SELECT count(*) FROM scans), (SELECT count(*) FROM secrets), (SELECT count(*) FROM locations)"; }
before=$(trig_rows)
run_lh merge "$TMP/b" --inventory "$TRIG"
expect_rc 2 "a failing insert fails the merge"
err_has "locations are read-only today"
expect_eq "$(wc -l <"$ERR_FILE")" 1 "one-line error"
expect_eq "$(trig_rows)" "$before" "a failed merge changes nothing"

# --- 5. Errors name the database without its credentials.
run_lh merge "$TMP/out" --inventory "postgresql://inv:wrong-pass-1234@127.0.0.1:$PORT/inventory"
expect_rc 2 "wrong password"
err_has "postgresql://127.0.0.1:$PORT/inventory: cannot connect"
expect_not_contains "$ERR" "wrong-pass-1234" "password in the error"
expect_eq "$(wc -l <"$ERR_FILE")" 1 "one-line error"
run_lh inventory export --inventory "postgresql://inv:bad%zzsecret@127.0.0.1:$PORT/inventory"
expect_rc 2 "malformed password"
expect_not_contains "$ERR" "zzsecret" "malformed password in the error"
run_lh inventory export --inventory "postgresql://inv:${PW%@x}%40x@127.0.0.1:$PORT/nosuchdb"
expect_rc 2 "no such database"
expect_not_contains "$ERR" "${PW%@x}" "password in the error"
run_lh inventory export --inventory "postgres://inv@127.0.0.1:1/inventory?connect_timeout=5&password=${PW%@x}"
expect_rc 2 "refused"
expect_not_contains "$ERR" "${PW%@x}" "query password in the error"
finish
