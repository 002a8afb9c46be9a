#!/usr/bin/env bash
# `leakhound git --range BASE..HEAD`: only lines the range adds are reported;
# secrets already in BASE are never blamed on the range (modified files,
# renames, merges from the base branch).
source "$(dirname "$0")/lib.sh"
git_fixture_env
abort_on_error  # setup commands abort; checks count
OLD=$(gh_token range-old)
NEW=$(gh_token range-new)
AWS=$(aws_key range)

make_repo "$TMP/r" && cd "$TMP/r"
printf 'a = 1\ntoken = "%s"\nb = 2\n' "$OLD" >settings.py
echo "# project" >README.md
BASE=$(commit_on 01 "base with an old secret")
git checkout -q -b pr

# PR commit 1 edits the file holding the old secret (no new secret).
printf 'a = 1\ntoken = "%s"\nb = 3\nc = 4\n' "$OLD" >settings.py
P1=$(commit_on 02 "edit settings")
git_json . --range "$BASE..pr"
expect_rc 0
check "f == []" "a secret already in BASE is not blamed on an edit of its file"

# PR commit 2 renames the file: still nothing new.
git mv settings.py config.py
P2=$(commit_on 03 "rename settings")
git_json . --range "$BASE..pr"
expect_rc 0
check "f == []" "a renamed file is not blamed"

# PR commit 3 adds a new secret to the same file, next to the old one.
printf 'a = 1\ntoken = "%s"\nb = 3\nc = 4\nnew_token = "%s"\n' "$OLD" "$NEW" >config.py
P3=$(commit_on 04 "add new token")
git_json . --range "$BASE..pr"
expect_rc 1
check "len(f) == 1" "exactly the new secret"
check "one()['path'] == 'config.py' and one()['line'] == 5" "new secret location"
check "one()['commit']['id'] == '$P3'" "blamed on the commit that added it"
git_json . --range "$P1..$P2"
expect_rc 0
check "f == []" "a range before the new secret is clean"
git_json . --range "$BASE"  # BASE alone means BASE..HEAD (pr is checked out)
expect_rc 1
check "one()['commit']['id'] == '$P3'" "--range BASE"

# The base branch moves on with another secret, and the PR merges it in:
# the merge must not blame the PR for main's secret.
git checkout -q main
echo "AWS_ACCESS_KEY_ID=$AWS" >deploy.env
M2=$(commit_on 05 "main adds a key")
git checkout -q pr
GIT_AUTHOR_DATE=2024-01-06T12:00:00Z GIT_COMMITTER_DATE=2024-01-06T12:00:00Z git merge -q --no-ff -m "merge main" main
git_json . --range "main..pr"
expect_rc 1
check "len(f) == 1 and one()['rule_id'] == 'github.pat.classic'" "only the PR's own secret, not main's key"

# An evil merge (a secret written in the merge commit itself) is blamed on the merge.
git checkout -q -b evil "$P3"
git merge -q --no-ff --no-commit main >/dev/null 2>&1 || true
echo "evil = $(aws_key evil)" >>deploy.env
git add -A
GIT_AUTHOR_DATE=2024-01-07T12:00:00Z GIT_COMMITTER_DATE=2024-01-07T12:00:00Z git commit -q -m "evil merge"
EVIL=$(git rev-parse HEAD)
git_json . --range "main..evil"
expect_rc 1
check "sorted(x['rule_id'] for x in f) == ['aws.access-key-id', 'github.pat.classic']"
check "[x['commit']['id'] for x in f if x['rule_id'] == 'aws.access-key-id'] == ['$EVIL']" "merge blamed"
check "[x['line'] for x in f if x['rule_id'] == 'aws.access-key-id'] == [2]" "only the merge's own line"

# Errors are one line naming the option.
git_json . --range "nope..pr"
expect_rc 2
err_has "--range 'nope..pr'"
finish
