#!/usr/bin/env bash
# `leakhound git` full-history audit: provenance, exposure, still_present and
# dedup, asserted field by field on the JSON report.
source "$(dirname "$0")/lib.sh"
git_fixture_env
abort_on_error  # setup commands abort; checks count
TOK=$(gh_token history)
AWS=$(aws_key history)

# --- 1. Added in commit 3, removed in commit 5 (of 6), on main.
make_repo "$TMP/linear" && cd "$TMP/linear"
echo "readme" >README.md && C1=$(commit_on 01 "c1")
echo "more" >>README.md && C2=$(commit_on 02 "c2")
printf 'host = "db"\ntoken = "%s"\n' "$TOK" >config.ini && C3=$(commit_on 03 "add config")
echo "other" >>README.md && C4=$(commit_on 04 "c4")
printf 'host = "db"\n' >config.ini && C5=$(commit_on 05 "remove token")
echo "end" >>README.md && C6=$(commit_on 06 "c6")
git_json .
expect_rc 1
check "len(f) == 1"
check "one()['rule_id'] == 'github.pat.classic'"
check "one()['path'] == 'config.ini' and one()['line'] == 2 and one()['column'] == 10" "location"
check "one()['commit']['id'] == '$C3'" "location commit is the commit that added it"
check "one()['commit']['author_name'] == 'Test Author'"
check "one()['exposure']['introduced']['id'] == '$C3'" "introduced"
check "one()['exposure']['removed']['id'] == '$C5'" "removed"
check "one()['exposure']['exposure_days'] == 2.0" "exposure 3 -> 5 = 2 days"
check "one()['exposure']['still_present'] == [] and not one()['exposure']['still_at_head']"
check "one()['also'] == []"
check "r['repository']['commit'] == '$C6' and r['repository']['branch'] == 'main'"
check "r['summary']['commits_walked'] == 6" "commits_walked"

# --- 2. Mailmap applies to authors.
printf 'Canonical Name <canon@example.com> <author@example.com>\n' >.mailmap
C7=$(commit_on 07 "mailmap")
git_json .
check "one()['commit']['author_name'] == 'Canonical Name'" "mailmap"
check "one()['commit']['author_email'] == 'canon@example.com'" "mailmap email"

# --- 3. Only on a side branch: still present there, never removed.
make_repo "$TMP/side" && cd "$TMP/side"
echo base >a.txt && commit_on 01 base >/dev/null
git checkout -q -b feature
echo "key = $AWS" >creds.txt && S2=$(commit_on 02 "feature adds key")
git checkout -q main
echo more >>a.txt && commit_on 03 "main moves on" >/dev/null
git_json .
expect_rc 1
check "one()['exposure']['introduced']['id'] == '$S2'"
check "one()['exposure']['removed'] is None"
check "one()['exposure']['still_present'] == ['refs/heads/feature']" "still_present side branch"
check "one()['exposure']['exposure_days'] == 364.5" "exposure 2024-01-02T12:00 -> SOURCE_DATE_EPOCH"
git_json . --branch main
expect_rc 0
check "f == []" "--branch main does not see the side branch"

# --- 4. Only in a tag (its branch was deleted).
git tag v1 feature
git branch -q -D feature
git_json .
expect_rc 1
check "one()['exposure']['still_present'] == ['refs/tags/v1']" "still_present tag"

# --- 5. Only in an unreachable object: found with --all-objects only.
git tag -d v1 >/dev/null
git reflog expire --expire=now --all
git_json .
expect_rc 0
check "f == []" "unreachable object is not scanned by default"
git_json . --all-objects
expect_rc 1
check "one()['path'] == '' and 'commit' not in one() and 'exposure' not in one()" "unreachable finding"
git gc -q --prune=never  # the unreachable blob moves into a pack
git_json . --all-objects
expect_rc 1
check "len(f) == 1" "unreachable packed object"

# --- 6. Renamed file: one finding, the old path first, the new path in `also`.
make_repo "$TMP/rename" && cd "$TMP/rename"
echo "token=$TOK" >old.txt && R1=$(commit_on 01 "add")
git mv old.txt new.txt && R2=$(commit_on 02 "rename")
git_json .
expect_rc 1
check "one()['path'] == 'old.txt' and one()['commit']['id'] == '$R1'"
check "[(a['path'], a['commit']['id']) for a in one()['also']] == [('new.txt', '$R2')]" "rename in also"
check "one()['exposure']['still_present'] == ['refs/heads/main'] and one()['exposure']['still_at_head']"
check "r['summary']['git']['still_present_at_head'] == 1" "summary counts it at HEAD"

# --- 7. A merge brings the secret: introduced on the branch, present on both.
make_repo "$TMP/merge" && cd "$TMP/merge"
echo base >a.txt && commit_on 01 base >/dev/null
git checkout -q -b topic
echo "aws = $AWS" >deploy.sh && M2=$(commit_on 02 "topic adds key")
git checkout -q main
echo main >>a.txt && commit_on 03 "main" >/dev/null
GIT_AUTHOR_DATE=2024-01-04T12:00:00Z GIT_COMMITTER_DATE=2024-01-04T12:00:00Z git merge -q --no-ff -m merge topic
git_json .
expect_rc 1
check "one()['exposure']['introduced']['id'] == '$M2'" "introduced on the branch"
check "one()['commit']['id'] == '$M2' and one()['also'] == []"
check "sorted(one()['exposure']['still_present']) == ['refs/heads/main', 'refs/heads/topic']"
git rm -q deploy.sh && M5=$(commit_on 09 "remove key")
git branch -q -D topic
git_json .
check "one()['exposure']['removed']['id'] == '$M5'" "removed after the merge"
check "one()['exposure']['exposure_days'] == 7.0"

# --- 8. Same secret in two files: one finding, two locations; two with --no-dedup.
make_repo "$TMP/dup" && cd "$TMP/dup"
echo "a: $TOK" >one.yml && echo "b = '$TOK'" >two.toml && D1=$(commit_on 01 "twice")
git_json .
expect_rc 1
check "len(f) == 1 and len(one()['also']) == 1" "deduplicated"
check "sorted([one()['path'], one()['also'][0]['path']]) == ['one.yml', 'two.toml']"
check "one()['also'][0]['column'] != one()['column']" "each location keeps its own column"
git_json . --no-dedup
expect_rc 1
check "len(f) == 2 and all(x['also'] == [] for x in f)" "--no-dedup"
check "sorted(x['path'] for x in f) == ['one.yml', 'two.toml']"
check "all(x['exposure']['introduced']['id'] == '$D1' for x in f)"

# --- 9. Stashes (the top one and older ones in the stash reflog) and octopus merges.
make_repo "$TMP/stash" && cd "$TMP/stash"
echo base >a.txt && commit_on 01 base >/dev/null
echo "staged = $TOK" >>a.txt && git stash -q
echo "older = $AWS" >>a.txt && git stash -q
git stash list | grep -q 'stash@{1}' || die "setup: two stashes"
git_json .
expect_rc 1
check "sorted(x['rule_id'] for x in f) == ['aws.access-key-id', 'github.pat.classic']" "both stashes scanned"
check "[x['exposure']['still_present'] for x in f if x['rule_id'] == 'aws.access-key-id'] == [['refs/stash']]"
check "[x['exposure']['still_present'] for x in f if x['rule_id'] == 'github.pat.classic'] == [['refs/stash@{1}']]"
make_repo "$TMP/octopus" && cd "$TMP/octopus"
echo base >a.txt && commit_on 01 base >/dev/null
for b in x y z; do
  git checkout -q -b "$b" main
  echo "$b = $(gh_token "octo-$b")" >"$b.txt" && commit_on 02 "$b" >/dev/null
done
git checkout -q main
GIT_AUTHOR_DATE=2024-01-03T12:00:00Z GIT_COMMITTER_DATE=2024-01-03T12:00:00Z git merge -q -m octopus x y z
git branch -q -D x y z
git_json .
expect_rc 1
check "len(f) == 3 and all(x['exposure']['still_present'] == ['refs/heads/main'] for x in f)" "octopus"
check "sorted(x['commit']['summary'] for x in f) == ['x', 'y', 'z']" "each introduced on its branch"

# --- 10. --since-commit / --since report what later commits add, not older secrets.
make_repo "$TMP/since" && cd "$TMP/since"
printf 'old = %s\n' "$TOK" >a.txt && N1=$(commit_on 01 "old secret")
printf 'old = %s\nmore = 1\n' "$TOK" >a.txt && echo "aws = $AWS" >b.txt && N2=$(commit_on 10 "new key")
git_json . --since-commit "$N1"
expect_rc 1
check "len(f) == 1 and one()['rule_id'] == 'aws.access-key-id' and one()['commit']['id'] == '$N2'" "--since-commit"
git_json . --since 2024-01-05
expect_rc 1
check "len(f) == 1 and one()['path'] == 'b.txt'" "--since DATE"
git_json . --since 2023-12-31
check "len(f) == 2" "--since before the first commit sees everything"
git_json . --since-commit "$N2"
expect_rc 0
git_json . --since last-week
expect_rc 2
err_has "--since 'last-week'"

# --- 11. Text output ends with the history summary.
run_lh git . --progress never
expect_contains "$OUT" "still present at HEAD" "text summary: the HEAD count"
expect_contains "$OUT" "oldest exposure" "text summary: the oldest exposure"
finish
