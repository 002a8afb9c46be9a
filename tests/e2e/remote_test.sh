#!/usr/bin/env bash
# `leakhound git URL`: bare mirrors in the cache directory, cloned from real
# git servers on loopback (file://, and git's own smart-HTTP CGI behind Basic
# auth in tests/remote/git_http_server.py), updated on later runs;
# credentials from the URL or $LEAKHOUND_GIT_TOKEN, never in any output.
source "$(dirname "$0")/lib.sh"
git_fixture_env
abort_on_error
export XDG_CACHE_HOME="$TMP/cache"
TOK=$(gh_token remote-1)
TOK2=$(gh_token remote-2)
PASS=s3cretPassw0rd-$RANDOM

mkdir -p "$TMP/srv"
make_repo "$TMP/work" && cd "$TMP/work"
printf 'token = "%s"\n' "$TOK" >app.ini && commit_on 01 "add app" >/dev/null
git clone -q --bare "$TMP/work" "$TMP/srv/proj.git"
cd "$TMP"

# --- 1. file:// URL: cloned bare into $XDG_CACHE_HOME/leakhound/repos.
git_json "file://$TMP/srv/proj.git"
expect_rc 1
check "len(f) == 1 and f[0]['rule_id'].startswith('github.pat')" "finding from the clone"
check "r['repository']['url'] == 'file://$TMP/srv/proj.git'" "report names the remote"
MIRRORS=("$XDG_CACHE_HOME"/leakhound/repos/proj-*.git)
expect_eq "${#MIRRORS[@]}" 1 "one mirror"
expect_eq "$(git -C "${MIRRORS[0]}" rev-parse --is-bare-repository)" true "mirror is bare"
expect_eq "$(git -C "${MIRRORS[0]}" config --get remote.origin.partialclonefilter || echo none)" \
  none "no partial clone"
err_has "updating the mirror of file://$TMP/srv/proj.git"

# --- 2. A new commit upstream on a new branch: the next run fetches it.
cd "$TMP/work"
git checkout -q -b feature
printf 'other = "%s"\n' "$TOK2" >more.ini && commit_on 02 "more" >/dev/null
git push -q "$TMP/srv/proj.git" feature
cd "$TMP"
git_json "file://$TMP/srv/proj.git"
expect_rc 1
check "len(f) == 2" "the fetch brought the new branch's secret"
expect_eq "$(ls -d "$XDG_CACHE_HOME"/leakhound/repos/proj-*.git | wc -l)" 1 "same mirror reused"
# A branch deleted upstream is pruned from the mirror.
git -C "$TMP/srv/proj.git" branch -q -D feature
git_json "file://$TMP/srv/proj.git"
check "len(f) == 1" "deleted branch pruned"

# --- 3. Smart HTTP with Basic auth (git http-backend on loopback).
PIDS=()
# shellcheck disable=SC2016
on_exit 'for p in "${PIDS[@]}"; do kill "$p" 2>/dev/null; done'
python3 "$SOURCE_DIR/tests/remote/git_http_server.py" --root "$TMP/srv" --user alice \
  --password "$PASS" --port-file "$TMP/http.port" --log "$TMP/http.log" &
PIDS+=($!)
for _ in $(seq 100); do [[ -s "$TMP/http.port" ]] && break; sleep 0.1; done
[[ -s "$TMP/http.port" ]] || die "git http server did not start"
URL="http://127.0.0.1:$(cat "$TMP/http.port")/proj.git"

# No credentials: a one-line error, exit 2, no prompt, no hang.
run_lh git "$URL" --format json --progress never
expect_rc 2 "no credentials"
err_has "clone $URL"
expect_eq "$(grep -c 'leakhound: error' "$ERR_FILE")" 1 "one error line"

# Credentials in the URL: cloned; the password appears nowhere.
run_lh git "http://alice:$PASS@${URL#http://}" --format json --progress never
expect_rc 1 "userinfo credentials"
check "r['repository']['url'] == '$URL'" "report URL without userinfo"
expect_not_contains "$OUT$ERR" "$PASS" "password in output"
if grep -rqF -- "$PASS" "$XDG_CACHE_HOME/leakhound/repos"; then
  fail "password stored in the mirror"
else pass; fi

# A wrong password: error with the URL redacted, the password nowhere.
run_lh git "http://alice:wrong-$PASS@${URL#http://}" --format json --progress never
expect_rc 2 "wrong password"
expect_not_contains "$OUT$ERR" "wrong-$PASS" "wrong password in error"
err_has "fetch $URL"

# Token from the environment (user from the URL), on an update.
rm -rf "$XDG_CACHE_HOME/leakhound/repos"
LEAKHOUND_GIT_TOKEN=$PASS run_lh git "http://alice@${URL#http://}" --format jsonl --progress never
expect_rc 1 "LEAKHOUND_GIT_TOKEN"
expect_not_contains "$OUT$ERR" "$PASS" "token in output"
grep -q 'auth=True' "$TMP/http.log" && pass || fail "server never saw credentials"

# --- 4. Not a repository at the URL: exit 2, one line.
run_lh git "file://$TMP/srv/missing.git" --progress never
expect_rc 2 "missing remote"
err_has "clone file://$TMP/srv/missing.git"
finish
