#!/usr/bin/env bash
# End to end: `leakhound staged` (the pre-commit scan) on real repositories:
# exit codes, the block message, added lines only, partial staging (crafted
# index content), renames, deletions, binary files, merges, conflicts,
# GIT_INDEX_FILE, inline allow and .leakhoundignore, errors.
source "$(dirname "$0")/lib.sh"

AK1=$(aws_key_id 501)
AK2=$(aws_key_id 502)
GH1=$(github_token 503)

new_repo() {  # new_repo NAME: an empty repository in $TMP/NAME, cwd there
  rm -rf "$TMP/$1"
  git init -q -b main "$TMP/$1"
  cd "$TMP/$1" || die "cd $TMP/$1"
}
commit_all() { git add -A && git commit -q --no-verify -m "${1:-c}"; }

# 1. Outside a repository: exit 2, never a silent pass.
mkdir -p "$TMP/plain"
cd "$TMP/plain"
run_lh staged
expect_eq "$RC" "2" "not a repository exits 2"
expect_contains "$ERR" "not a git repository" "not a repository is named"

# 2. A fresh repository with nothing staged (no index file yet) says so.
new_repo empty
run_lh staged
expect_eq "$RC" "0" "nothing staged exits 0"
expect_contains "$ERR" "leakhound: nothing staged to scan" "nothing staged is said"

# 3. Initial commit: a planted key blocks; message has file:line, rule, redacted secret, ways out.
new_repo initial
printf 'first line\naws_access_key_id = %s\n' "$AK1" >config.ini
git add config.ini
run_lh staged
expect_eq "$RC" "1" "initial commit with a key exits 1"
expect_contains "$OUT" "config.ini:2  aws.access-key-id  AKIA" "file:line rule redacted"
expect_contains "$OUT" "Commit blocked" "block message"
expect_contains "$OUT" "rotate the credential" "way out 1: remove and rotate"
expect_contains "$OUT" "leakhound:allow" "way out 2: inline allow"
expect_contains "$OUT" ".leakhoundignore" "way out 3: fingerprint ignore"
expect_not_contains "$OUT$ERR" "${AK1:4}" "secret is redacted"
expect_not_contains "$OUT$ERR" "no-verify" "never suggests bypassing the hook"
run_lh staged --format json
expect_eq "$(python3 -c 'import json,sys; d=json.load(sys.stdin); print(len(d["findings"]), d["findings"][0]["path"], d["findings"][0]["line"])' <<<"$OUT")" \
  "1 config.ini 2" "json report of the staged finding"

# 4. An old secret in a modified file does not block; a new one on an added line does.
new_repo old
printf 'a\naws_access_key_id = %s\nc\n' "$AK1" >app.env
commit_all
printf 'a\naws_access_key_id = %s\nc\nd = 4\n' "$AK1" >app.env
git add app.env
run_lh staged
expect_eq "$RC" "0" "old secret in a modified file does not block"
printf 'a\naws_access_key_id = %s\nc\nd = 4\nsecond = %s\n' "$AK1" "$AK2" >app.env
git add app.env
run_lh staged --format json
expect_eq "$RC" "1" "new secret on an added line blocks"
expect_eq "$(python3 -c 'import json,sys; d=json.load(sys.stdin); print([f["line"] for f in d["findings"]])' <<<"$OUT")" \
  "[5]" "only the added line is reported"

# 5. Partial staging: the index, not the work tree, is scanned.
new_repo partial
printf 'one\ntwo\n' >notes.txt
commit_all
printf 'one\ntwo\ntoken = %s\nthree\n' "$GH1" >notes.txt  # work tree has the token ...
clean=$(printf 'one\ntwo\nthree\n' | git hash-object -w --stdin)
git update-index --cacheinfo "100644,$clean,notes.txt"       # ... the index does not (git add -p)
run_lh staged
expect_eq "$RC" "0" "secret only in the work tree does not block"
expect_not_contains "$ERR" "nothing staged" "a clean staged change is still scanned"
git checkout -q -- notes.txt 2>/dev/null || git show :notes.txt >notes.txt
cat >"$TMP/add-token.patch" <<EOF
--- a/notes.txt
+++ b/notes.txt
@@ -2,2 +2,3 @@
 two
+token = $GH1
 three
EOF
git apply --cached "$TMP/add-token.patch"
expect_eq "$(cat notes.txt)" "$(printf 'one\ntwo\nthree')" "work tree is clean"
run_lh staged
expect_eq "$RC" "1" "secret staged with git apply --cached blocks"
expect_contains "$OUT" "notes.txt:3  github." "the staged line is reported"

# 6. Renames and deletions: moving or deleting a file with an old secret adds nothing.
new_repo moves
mkdir -p old
printf 'x = 1\naws_access_key_id = %s\n' "$AK1" >old/keys.txt
printf 'key = %s\n' "$AK2" >doomed.txt
commit_all
mkdir -p new
git mv old/keys.txt new/keys.txt
git rm -q doomed.txt
run_lh staged
expect_eq "$RC" "0" "rename and delete of files with old secrets do not block"
printf 'x = 1\naws_access_key_id = %s\nalso = %s\n' "$AK1" "$GH1" >new/keys.txt
git add new/keys.txt
run_lh staged --format json
expect_eq "$RC" "1" "renamed file with a new secret blocks"
expect_eq "$(python3 -c 'import json,sys; d=json.load(sys.stdin); print([(f["path"], f["line"]) for f in d["findings"]])' <<<"$OUT")" \
  "[('new/keys.txt', 3)]" "only the new line of the renamed file"
commit_all moved
git rm -q new/keys.txt
run_lh staged
expect_eq "$RC" "0" "deletion only exits 0"
expect_contains "$ERR" "add no lines" "deletion only says there is nothing to scan"

# 7. Binary files are skipped (counted), mode changes add nothing.
new_repo binary
printf 'x\n' >run.sh
commit_all
printf 'bin\0\0key=%s\n' "$AK1" >blob.bin
git add blob.bin
git update-index --chmod=+x run.sh
run_lh staged
expect_eq "$RC" "0" "binary file is not scanned"
expect_contains "$ERR" "1 binary" "binary skip is counted"

# 8. Inline allow and .leakhoundignore fingerprints.
new_repo allow
printf 'a\n' >a.txt
commit_all
printf 'a\nexample = %s  # leakhound:allow test fixture\n' "$AK1" >a.txt
git add a.txt
run_lh staged
expect_eq "$RC" "0" "inline leakhound:allow passes"
printf 'a\nexample = %s\n' "$AK1" >a.txt
git add a.txt
run_lh staged --format json
expect_eq "$RC" "1" "without the comment it blocks"
fp=$(python3 -c 'import json,sys; print(json.load(sys.stdin)["findings"][0]["fingerprint"])' <<<"$OUT")
echo "$fp" >.leakhoundignore
run_lh staged
expect_eq "$RC" "0" "fingerprint in .leakhoundignore passes"
mkdir -p sub/dir
cd sub/dir
run_lh staged
expect_eq "$RC" "0" "from a subdirectory the root .leakhoundignore still applies"
cd "$TMP/allow"
printf 'a\nexample = %s\nother = %s\n' "$AK1" "$AK2" >a.txt
git add a.txt
run_lh staged
expect_eq "$RC" "1" "an ignored fingerprint never hides a different secret"

# 9. GIT_INDEX_FILE (git commit -a / git commit <paths> stage into a temporary index).
new_repo indexfile
printf 'a\n' >a.txt
commit_all
cp .git/index "$TMP/alt-index"
printf 'a\nk = %s\n' "$AK1" >a.txt
GIT_INDEX_FILE="$TMP/alt-index" git add a.txt
git checkout -q -- a.txt
GIT_INDEX_FILE="$TMP/alt-index" run_lh staged
expect_eq "$RC" "1" "GIT_INDEX_FILE is the index scanned"
run_lh staged
expect_eq "$RC" "0" "the default index is clean"

# 10. Merge in progress: what the merged branch already committed does not block;
#     a line typed during the merge does.
new_repo merge
printf 'l1\nl2\nl3\n' >f.txt
commit_all base
git checkout -q -b side
printf 'l1\nside = %s\nl2\nl3\n' "$AK1" >f.txt
commit_all side
git checkout -q main
printf 'l1\nl2\nl3\nmain\n' >f.txt
commit_all main
git merge -q --no-commit --no-ff side >/dev/null 2>&1
run_lh staged
expect_eq "$RC" "0" "merge: the side branch's own secret does not block the merge commit"
printf 'l1\nside = %s\nl2\nl3\nmain\nresolution = %s\n' "$AK1" "$AK2" >f.txt
git add f.txt
run_lh staged --format json
expect_eq "$RC" "1" "merge: a line added during the merge blocks"
expect_eq "$(python3 -c 'import json,sys; d=json.load(sys.stdin); print([f["line"] for f in d["findings"]])' <<<"$OUT")" \
  "[6]" "merge: only the line new to both parents"
git merge --abort

# 11. Conflicts: the incoming side of an unmerged path is scanned, and said so.
#     Cherry-pick: the picked lines are new to this branch. Merge: the incoming
#     side is the merged commit's own version, so nothing is new to every parent.
git checkout -q -b other HEAD~1
printf 'l1\nl2\nl3\nother = %s\n' "$AK2" >f.txt
commit_all other
git checkout -q main
git cherry-pick other >/dev/null 2>&1
expect_eq "$(git ls-files -u | wc -l | tr -d ' ')" "3" "cherry-pick conflict stages exist"
run_lh staged
expect_eq "$RC" "1" "cherry-pick conflict: the incoming side's secret is reported"
expect_contains "$ERR" "unmerged" "conflict: unmerged paths are announced"
git cherry-pick --abort
git merge -q other >/dev/null 2>&1
expect_eq "$(git ls-files -u | wc -l | tr -d ' ')" "3" "merge conflict stages exist"
run_lh staged
expect_eq "$RC" "0" "merge conflict: what the merged branch committed does not block"
git merge --abort

# 12. An unreadable index is an error (exit 2), never a pass.
new_repo broken
printf 'a\n' >a.txt
git add a.txt
printf 'DIRC\0\0\0\2\0\0\0\5truncated' >.git/index
run_lh staged
expect_eq "$RC" "2" "corrupt index exits 2"
expect_contains "$ERR" "index" "corrupt index is named"

finish
