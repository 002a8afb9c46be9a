#!/usr/bin/env bash
# `leakhound git` on odd and broken repositories: empty, bare, worktree,
# detached HEAD, shallow, partial (blobless) clone, corrupt objects,
# non-UTF-8 paths, not a repository.
source "$(dirname "$0")/lib.sh"
git_fixture_env
abort_on_error  # setup commands abort; checks count
TOK=$(gh_token odd)
AWS=$(aws_key odd)

# --- Not a repository / missing directory: exit 2, one line naming it.
mkdir -p "$TMP/plain"
git_json "$TMP/plain"
expect_rc 2
err_has "leakhound: error: $TMP/plain: not a git repository"
expect_eq "$(wc -l <"$ERR_FILE")" 1 "the error is one line"
git_json "$TMP/absent"
expect_rc 2
err_has "$TMP/absent: no such directory"

# --- Empty repository: clean, says so.
make_repo "$TMP/empty"
git_json "$TMP/empty"
expect_rc 0
check "f == []"
err_has "no commits"

# --- A source repository with history: the secret lives only in commit 2.
make_repo "$TMP/src" && cd "$TMP/src"
echo one >a.txt && commit_on 01 one >/dev/null
echo "token: $TOK" >secret.yml && S2=$(commit_on 02 "add token")
git rm -q secret.yml && commit_on 03 "remove token" >/dev/null
echo "key=$AWS" >head.txt && S4=$(commit_on 04 "key at head")

# --- Bare clone.
git clone -q --bare "$TMP/src" "$TMP/bare.git"
git_json "$TMP/bare.git"
expect_rc 1
check "len(f) == 2" "bare: both secrets"
check "r['root'] == '$TMP/bare.git'" "bare root is the git directory"

# --- Worktree and detached HEAD.
git -C "$TMP/src" worktree add -q --detach "$TMP/wt" "$S2"
git_json "$TMP/wt"
expect_rc 1
check "len(f) == 2" "worktree sees the whole repository"
check "[x for x in f if x['rule_id'] == 'github.pat.classic'][0]['exposure']['still_present'] == ['HEAD']" "the worktree's detached HEAD holds the old token"
cd "$TMP/src" && git checkout -q --detach "$S2"
git_json .
check "'HEAD' in [x for x in f if x['rule_id'] == 'github.pat.classic'][0]['exposure']['still_present']" "detached HEAD"
check "[x for x in f if x['rule_id'] == 'github.pat.classic'][0]['exposure']['still_at_head']" "still at (detached) HEAD"
git checkout -q main

# --- Shallow clone: scans what is present and says what is not.
git clone -q --depth 1 "file://$TMP/src" "$TMP/shallow"
git_json "$TMP/shallow"
expect_rc 1
check "len(f) == 1 and one()['rule_id'] == 'aws.access-key-id'" "shallow: only the tip is present"
check "one()['commit']['id'] == '$S4'"
err_has "shallow clone"
err_has "${S4:0:12}"

# --- Partial (blobless) clone: missing blobs are counted, exit 2 with the reason.
git -C "$TMP/src" config uploadpack.allowFilter true
git clone -q --bare --filter=blob:none "file://$TMP/src" "$TMP/partial.git"
git_json "$TMP/partial.git"
expect_rc 2
check "r['summary']['missing_objects'] >= 3" "missing blobs counted"
err_has "partial clone"
err_has "promisor remote 'origin'"

# --- Corrupt loose object: reported per object, the rest still scanned, exit 2.
make_repo "$TMP/corrupt" && cd "$TMP/corrupt"
echo "token = $TOK" >good.txt
echo "aws = $AWS" >bad.txt
commit_on 01 both >/dev/null
BAD=$(git rev-parse HEAD:bad.txt)
obj=".git/objects/${BAD:0:2}/${BAD:2}"
chmod u+w "$obj" && printf 'this is not zlib data' >"$obj"
git_json .
expect_rc 2
check "len(f) == 1 and one()['path'] == 'good.txt'" "the intact blob is still reported"
err_has "blob $BAD ('bad.txt' in commit"
err_has "unreadable"

# --- Non-UTF-8 path.
make_repo "$TMP/bytes" && cd "$TMP/bytes"
name=$(printf 'caf\xe9.txt')
echo "key = $AWS" >"$name"
commit_on 01 latin1 >/dev/null
git_json .
expect_rc 1
check "one()['path'] == 'caf\ufffd.txt'" "invalid UTF-8 replaced in JSON"

# A repository owned by another user (a mounted volume in a container, a CI
# checkout): refused like git refuses it, unless git's global configuration
# trusts every directory (safe.directory = *), which libgit2 1.5 alone ignores.
if [[ $(id -u) == 0 ]]; then
  make_repo "$TMP/foreign"
  (cd "$TMP/foreign" && printf 'k = %s\n' "$(aws_key_id 841)" >k.env && commit_on 01 key >/dev/null)
  chown -R 12345:12345 "$TMP/foreign"
  mkdir -p "$TMP/home-strict" "$TMP/home-trust"
  printf '[safe]\n\tdirectory = *\n' >"$TMP/home-trust/.gitconfig"
  HOME="$TMP/home-strict" run_lh git "$TMP/foreign"
  expect_rc 2 "repository owned by another user: refused"
  HOME="$TMP/home-trust" run_lh git "$TMP/foreign"
  expect_rc 1 "safe.directory = * in the global configuration: scanned"
fi
finish
