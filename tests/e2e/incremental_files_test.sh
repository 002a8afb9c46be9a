#!/usr/bin/env bash
# `leakhound scan DIR --incremental` and `leakhound staged --incremental`
# (issue 17, docs/scale.md "Incremental re-scans"): the result cache of `git
# --incremental`, keyed by the git blob id of a file's content and the rules
# that apply at its path. A second run skips the files found clean and
# reports the same findings as a run without the cache; a rule scoped by
# path to other files does not make a file "clean" for a path it applies to;
# an allowlist change applies with the cache kept; files found clean in git
# history are not matched again in the work tree; a corrupt cache is one
# warning and a full scan; the cache is owner-only, never a symlink, and
# holds no secret.
source "$(dirname "$0")/lib.sh"
git_fixture_env
abort_on_error
export XDG_CACHE_HOME="$TMP/xdg" LEAKHOUND_FINGERPRINT_KEY=incremental-files-key-0123456789
CACHE=$TMP/xdg/leakhound/results.db
TOKEN=$(gh_token files-old)
NEW_TOKEN=$(gh_token files-new)
SCOPED=zzscoped_5b1e0c7d9a42f6e8

mkdir -p "$TMP/tree/src" "$TMP/tree/etc"
for i in $(seq -w 1 30); do
  printf 'int g%s(void) { return %s; }\n' "$i" "$i" >"$TMP/tree/src/g$i.c"
done
printf 'token = "%s"\n' "$TOKEN" >"$TMP/tree/etc/config.ini"
printf 'scoped id: %s\n' "$SCOPED" >"$TMP/tree/etc/notes.txt"
# A rule that applies to *.env files only.
cat >"$TMP/scoped.toml" <<TOML
[[rule]]
id = "acme.scoped-id"
description = "ACME id, only in .env files"
regex = '''\b(zzscoped_[0-9a-f]{16})\b'''
secret_group = 1
keywords = ["zzscoped_"]
paths = ['**/*.env']
examples = [{ input = "id: zzscoped_0123456789abcdef", path = "a.env" }]
negative_examples = ["zzscoped_short"]
TOML

source "$(dirname "$0")/result_cache_lib.sh"
scan() { run_lh scan "$TMP/tree" --config "$TMP/scoped.toml" "$@"; }

# --- 1. scan DIR: first run records the clean files, the second skips them.
scan --incremental --stats -f json -o "$TMP/a.json"
expect_rc 1 "first run finds the token"
expect_eq "$(stat_of skipped)" 0 "first run skips nothing"
expect_eq "$(stat_of recorded)" 31 "30 .c files and notes.txt recorded clean"
expect_eq "$(stat -c %a "$CACHE")" 600 "owner-only result cache"
expect_eq "$(stat -c %a "$(dirname "$CACHE")")" 700 "owner-only cache directory"
scan --incremental --stats -f json -o "$TMP/b.json"
expect_rc 1 "second run finds the token"
expect_eq "$(stat_of skipped)" 31 "second run skips every clean file"
expect_eq "$(stat_of full)" 1 "second run matches only the file with a finding"
expect_eq "$(json_eval "$TMP/b.json" 'd["summary"]["result_cache"]["skipped"]')" 31 \
  "JSON summary.result_cache.skipped"
python3 "$SOURCE_DIR/tests/e2e/validate_json.py" "$TMP/b.json" \
  "$SOURCE_DIR/docs/schema/report.schema.json" >/dev/null && pass || fail "report violates the schema"
scan -f json -o "$TMP/plain.json"
expect_rc 1 "run without the cache"
expect_eq "$(findings "$TMP/b.json")" "$(findings "$TMP/plain.json")" "cached run = plain run"
expect_eq "$(findings "$TMP/a.json")" "$(findings "$TMP/plain.json")" "first run = plain run"
if grep -a -q -F -e "$TOKEN" -e "$SCOPED" "$CACHE"* 2>/dev/null; then fail "secret in the cache"; else pass; fi

# --- 2. Path scopes: the bytes of notes.txt (clean there) at a path the
# scoped rule applies to are matched with it, and found.
cp "$TMP/tree/etc/notes.txt" "$TMP/tree/etc/prod.env"
printf 'token = "%s"\n' "$NEW_TOKEN" >"$TMP/tree/etc/new.ini"
scan --incremental --stats -f json -o "$TMP/c.json"
expect_rc 1 "run after adding files"
expect_contains "$(findings "$TMP/c.json")" '"acme.scoped-id"' "scoped rule finds the clean bytes at its path"
expect_contains "$(findings "$TMP/c.json")" 'etc/new.ini"' "new secret found"
expect_eq "$(stat_of skipped)" 31 "notes.txt and the .c files still skipped"
expect_eq "$(stat_of delta)" 1 "prod.env matched with only the scoped rule"
scan -f json -o "$TMP/plain2.json"
expect_eq "$(findings "$TMP/c.json")" "$(findings "$TMP/plain2.json")" "cached = plain with a scoped rule"
rm "$TMP/tree/etc/prod.env"

# --- 3. An added rule runs alone on the clean files; an allowlist change
# applies with the cache as it is.
cat "$TMP/scoped.toml" >"$TMP/added.toml"
cat >>"$TMP/added.toml" <<'TOML'
[[rule]]
id = "acme.any-id"
description = "ACME id anywhere"
regex = '''\b(zzscoped_[0-9a-f]{16})\b'''
secret_group = 1
keywords = ["zzscoped_"]
examples = ["id: zzscoped_0123456789abcdef"]
negative_examples = ["zzscoped_short"]
TOML
run_lh scan "$TMP/tree" --config "$TMP/added.toml" --incremental --stats -f json -o "$TMP/d.json"
expect_contains "$(findings "$TMP/d.json")" '"acme.any-id"' "added rule finds its match in a clean file"
expect_eq "$(stat_of delta)" 31 "every clean file matched with the added rule only"
run_lh scan "$TMP/tree" --config "$TMP/added.toml" -f json -o "$TMP/plain3.json"
expect_eq "$(findings "$TMP/d.json")" "$(findings "$TMP/plain3.json")" "cached = plain with the added rule"
cat "$TMP/scoped.toml" >"$TMP/allow.toml"
cat >>"$TMP/allow.toml" <<'TOML'
[[allowlists]]
description = "the token is revoked"
paths = ['**/config.ini']
TOML
run_lh scan "$TMP/tree" --config "$TMP/allow.toml" --incremental --stats -f json -o "$TMP/e.json"
expect_rc 1 "new.ini still reported"
expect_not_contains "$(findings "$TMP/e.json")" 'etc/config.ini"' "allowlist applies"
expect_eq "$(stat_of skipped)" 31 "an allowlist change keeps the cache"

# --- 4. A corrupt cache: one warning, a full scan, the same findings; symlinks refused.
head -c 4096 /dev/urandom >"$CACHE"
rm -f "$CACHE-wal" "$CACHE-shm"
scan --incremental --stats -f json -o "$TMP/f.json"
expect_rc 1 "corrupt cache still scans"
expect_eq "$(grep -c 'warning: result cache' "$ERR_FILE")" 1 "one warning for a corrupt cache"
scan -f json -o "$TMP/plain5.json"
expect_eq "$(findings "$TMP/f.json")" "$(findings "$TMP/plain5.json")" "corrupt cache = plain run"
ln -s "$TMP/other.db" "$TMP/link.db"
: >"$TMP/other.db"
scan --result-cache "$TMP/link.db" -f json -o "$TMP/g.json"
expect_rc 1 "a symlinked cache is refused, the scan goes on"
err_has "not a regular file" "symlink refused"

# --- 5. History and work tree share the cache: files clean in history are
# not matched again by `scan`.
make_repo "$TMP/repo" && cd "$TMP/repo"
cp "$TMP"/tree/src/*.c .
commit_on 01 "sources" >/dev/null
printf 'token = "%s"\n' "$TOKEN" >config.ini
commit_on 02 "config" >/dev/null
cd "$TMP"
run_lh git "$TMP/repo" --result-cache "$TMP/shared.db" -f json -o "$TMP/h.json"
expect_rc 1 "history run"
run_lh scan "$TMP/repo" --result-cache "$TMP/shared.db" --stats -f json -o "$TMP/i.json"
expect_rc 1 "work tree run"
expect_eq "$(stat_of skipped)" 30 "work tree files clean in history are skipped"
run_lh scan "$TMP/repo" -f json -o "$TMP/plain4.json"
expect_eq "$(findings "$TMP/i.json")" "$(findings "$TMP/plain4.json")" "work tree: cached = plain"

# --- 6. staged: the clean staged files are skipped the second time; the
# staged secret is found every time.
cd "$TMP/repo"
for i in $(seq -w 31 40); do printf 'int h%s(void) { return %s; }\n' "$i" "$i" >"h$i.c"; done
printf 'token = "%s"\n' "$NEW_TOKEN" >new.ini
git add -A
cd "$TMP"
staged() { run_lh staged "$TMP/repo" --result-cache "$TMP/staged.db" "$@"; }
staged --stats -f json -o "$TMP/s1.json"
expect_rc 1 "staged finds the new token"
expect_eq "$(stat_of recorded)" 10 "clean staged files recorded"
staged --stats -f json -o "$TMP/s2.json"
expect_rc 1 "staged again finds it"
expect_eq "$(stat_of skipped)" 10 "clean staged files skipped"
run_lh staged "$TMP/repo" -f json -o "$TMP/s0.json"
expect_eq "$(findings "$TMP/s2.json")" "$(findings "$TMP/s0.json")" "staged: cached = plain"
expect_contains "$(findings "$TMP/s2.json")" 'new.ini"' "staged secret reported"

finish
