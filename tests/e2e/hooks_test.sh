#!/usr/bin/env bash
# End to end: `leakhound hook install|uninstall` and the installed hooks under
# real `git commit` / `git push`: blocking (exit code, message), the three
# ways out, git commit -a and partial commits, chaining an existing hook,
# core.hooksPath, linked worktrees, a missing binary, and pre-push for new
# and existing branches, merges of already-pushed work and branch deletion.
source "$(dirname "$0")/lib.sh"

export LEAKHOUND  # the hooks run this binary
AK1=$(aws_key_id 601)
AK2=$(aws_key_id 602)
AK3=$(aws_key_id 603)
GH1=$(github_token 604)

new_repo() {
  rm -rf "$TMP/$1"
  git init -q -b main "$TMP/$1"
  cd "$TMP/$1" || die "cd $TMP/$1"
  printf 'readme\n' >README
  git add README
  git commit -q --no-verify -m init
}
# try_commit MSG [git commit args...]: sets RC, OUT (stdout+stderr of git commit).
try_commit() {
  local msg=$1
  shift
  OUT=$(git commit -q -m "$msg" "$@" 2>&1)
  RC=$?
}
head_is() { git rev-parse -q --verify HEAD; }

# 1. Install, then a commit with a planted key is blocked.
new_repo basic
run_lh hook install
expect_eq "$RC" "0" "hook install exits 0"
expect_contains "$ERR" "installed" "install says what it did"
grep -q 'leakhound-managed-hook' .git/hooks/pre-commit && pass || fail "pre-commit hook written"
[[ -x .git/hooks/pre-commit ]] && pass || fail "pre-commit hook is executable"
before=$(head_is)
printf 'db = postgres\naws_access_key_id = %s\n' "$AK1" >settings.ini
git add settings.ini
try_commit "add settings"
expect_eq "$RC" "1" "commit with a key is blocked (git exits 1)"
expect_eq "$(head_is)" "$before" "no commit was created"
expect_contains "$OUT" "settings.ini:2  aws.access-key-id  AKIA" "block message: file:line rule redacted"
expect_contains "$OUT" "Ways out" "block message: ways out"
expect_not_contains "$OUT" "${AK1:4}" "block message is redacted"
expect_not_contains "$OUT" "no-verify" "block message never suggests --no-verify"

# 2. Ways out: inline allow, fingerprint in .leakhoundignore, removal.
printf 'db = postgres\naws_access_key_id = %s  # leakhound:allow documented test key\n' "$AK1" >settings.ini
git add settings.ini
try_commit "inline allow"
expect_eq "$RC" "0" "inline leakhound:allow lets the commit through"
printf 'token: %s\n' "$GH1" >ci.yml
git add ci.yml
try_commit "token"
expect_eq "$RC" "1" "a second key is blocked"
fp=$("$LEAKHOUND" staged --format json 2>/dev/null | python3 -c 'import json,sys; print(json.load(sys.stdin)["findings"][0]["fingerprint"])')
echo "$fp" >.leakhoundignore
git add .leakhoundignore
try_commit "ignored by fingerprint"
expect_eq "$RC" "0" "fingerprint in .leakhoundignore lets the commit through"
printf 'key = %s\n' "$AK2" >oops.txt
git add oops.txt
try_commit "oops"
expect_eq "$RC" "1" "another key is blocked"
printf 'key = (from the vault)\n' >oops.txt
git add oops.txt
try_commit "removed"
expect_eq "$RC" "0" "after removing the key the commit passes"

# 3. An old secret in a modified file does not block (settings.ini holds AK1).
printf 'db = mysql\naws_access_key_id = %s  # leakhound:allow documented test key\n' "$AK1" >settings.ini
printf 'key = (from the vault)\nnote = ok\n' >oops.txt
git add -A
try_commit "edit files with old content"
expect_eq "$RC" "0" "editing a file that already holds an allowed/old key passes"

# 4. git commit -a and git commit <path> use a temporary index: still scanned.
printf 'key = (from the vault)\nnote = ok\nnew = %s\n' "$AK3" >oops.txt
try_commit "commit -a" -a
expect_eq "$RC" "1" "git commit -a with a key is blocked"
try_commit "commit path" oops.txt
expect_eq "$RC" "1" "git commit <path> with a key is blocked"
git checkout -q -- oops.txt

# 5. Partial staging: only the staged hunk matters.
printf 'key = (from the vault)\nnote = ok\nsafe = 1\n' >oops.txt
git add oops.txt
printf 'key = (from the vault)\nnote = ok\nsafe = 1\nunstaged = %s\n' "$AK3" >oops.txt
try_commit "partial"
expect_eq "$RC" "0" "a key only in the work tree does not block the staged commit"
git checkout -q -- oops.txt

# 6. Chaining: an existing hook keeps running (first), uninstall restores it.
new_repo chain
cat >.git/hooks/pre-commit <<'EOF'
#!/bin/sh
echo ran >"$(git rev-parse --git-dir)/chained-ran"
[ ! -f stop-here ] || { echo "chained hook says no" >&2; exit 3; }
EOF
chmod +x .git/hooks/pre-commit
original=$(cat .git/hooks/pre-commit)
run_lh hook install
expect_contains "$ERR" "pre-commit.leakhound-chained" "install names the chained hook"
expect_eq "$(cat .git/hooks/pre-commit.leakhound-chained)" "$original" "existing hook kept verbatim"
printf 'k = %s\n' "$AK1" >k.txt
git add k.txt
try_commit "both run"
expect_eq "$RC" "1" "chained: leakhound still blocks"
[[ -f .git/chained-ran ]] && pass || fail "chained: the existing hook ran too"
touch stop-here
git rm -q --cached k.txt
printf 'clean\n' >c.txt
git add c.txt
try_commit "chained fails"
expect_eq "$RC" "1" "chained: a failing existing hook still stops the commit"
expect_contains "$OUT" "chained hook says no" "chained: its message is shown"
rm stop-here
run_lh hook install
expect_eq "$RC" "0" "reinstall is idempotent"
expect_eq "$(cat .git/hooks/pre-commit.leakhound-chained)" "$original" "reinstall keeps the chained hook"
run_lh hook uninstall
expect_eq "$RC" "0" "uninstall exits 0"
expect_eq "$(cat .git/hooks/pre-commit)" "$original" "uninstall restores the original hook"
[[ ! -e .git/hooks/pre-commit.leakhound-chained ]] && pass || fail "uninstall removes the chained copy"

# 7. core.hooksPath: outside the work tree it is used; inside it needs --force.
new_repo hookspath
git config core.hooksPath "$TMP/shared-hooks"
run_lh hook install
expect_eq "$RC" "0" "install into core.hooksPath"
[[ -f "$TMP/shared-hooks/pre-commit" && ! -f .git/hooks/pre-commit ]] && pass || fail "hook went to core.hooksPath"
printf 'k = %s\n' "$AK1" >k.txt
git add k.txt
try_commit "hooksPath"
expect_eq "$RC" "1" "hook in core.hooksPath blocks"
git config core.hooksPath .githooks
run_lh hook install
expect_eq "$RC" "2" "core.hooksPath inside the work tree is refused"
expect_contains "$ERR" "--force" "refusal names --force"
run_lh hook install --force
expect_eq "$RC" "0" "--force installs inside the work tree"
[[ -f .githooks/pre-commit ]] && pass || fail "relative core.hooksPath is taken from the work tree top"
git config --unset core.hooksPath

# 8. Linked worktree: git runs the common hooks with GIT_DIR set.
new_repo wt
run_lh hook install
git worktree add -q "$TMP/wt-linked" -b linked 2>/dev/null
cd "$TMP/wt-linked"
printf 'k = %s\n' "$AK2" >k.txt
git add k.txt
try_commit "in worktree"
expect_eq "$RC" "1" "commit in a linked worktree is blocked"
git rm -q --cached k.txt
printf 'ok\n' >ok.txt
git add ok.txt
try_commit "clean in worktree"
expect_eq "$RC" "0" "clean commit in a linked worktree passes"

# 9. A missing binary fails the hook (exit 2): never a silent pass.
new_repo missing
cp "$LEAKHOUND" "$TMP/lh-copy"
"$TMP/lh-copy" hook install >/dev/null 2>&1
rm "$TMP/lh-copy"
printf 'ok\n' >ok.txt
git add ok.txt
OUT=$(env -u LEAKHOUND PATH=/usr/bin:/bin git commit -q -m x 2>&1)
RC=$?
expect_eq "$RC" "1" "missing binary: the commit is stopped"
expect_contains "$OUT" "NOT scanned" "missing binary: says nothing was scanned"

# 10. pre-push: new branch, existing branch, already-pushed merges, deletion.
rm -rf "$TMP/remote.git"
git init -q --bare "$TMP/remote.git"
new_repo pusher
git remote add origin "$TMP/remote.git"
run_lh hook install --pre-push
[[ -x .git/hooks/pre-push ]] && pass || fail "pre-push installed"
printf 'old = %s\n' "$AK1" >legacy.txt  # an old secret, pushed before leakhound
git add legacy.txt
git commit -q --no-verify -m legacy
git push -q --no-verify origin main 2>/dev/null
OUT=$(git push -q origin main 2>&1)
RC=$?
expect_eq "$RC" "0" "pushing nothing new passes"
git checkout -q -b feature
printf 'feature\n' >feature.txt
git add feature.txt
git commit -q -m feature >/dev/null 2>&1
OUT=$(git push -q origin feature 2>&1)
RC=$?
expect_eq "$RC" "0" "new branch without new secrets: old secret on the remote does not block"
expect_eq "$(git ls-remote origin refs/heads/feature | cut -f1)" "$(git rev-parse feature)" "new branch pushed"
printf 'feature\nk = %s\n' "$AK2" >feature.txt
git commit -q --no-verify -am "leak"
printf 'feature\nk = (vault)\n' >feature.txt
git commit -q --no-verify -am "remove leak"
OUT=$(git push -q origin feature 2>&1)
RC=$?
expect_eq "$RC" "1" "existing branch: a secret in any pushed commit blocks (even if removed later)"
expect_contains "$OUT" "Push blocked" "pre-push block message"
expect_contains "$OUT" "feature.txt" "pre-push names the file"
expect_not_contains "$OUT" "legacy.txt" "pre-push does not rescan already-pushed commits"
git reset -q --hard HEAD~2
git checkout -q -b brand-new
printf 'k3 = %s\n' "$AK3" >new.txt
git add new.txt
git commit -q --no-verify -m "secret on a new branch"
OUT=$(git push -q origin brand-new 2>&1)
RC=$?
expect_eq "$RC" "1" "new branch with a secret is blocked"
expect_eq "$(git ls-remote origin refs/heads/brand-new)" "" "blocked branch is not on the remote"
git checkout -q main
printf 'main2 = %s\n' "$GH1" >main2.txt
git add main2.txt
git commit -q --no-verify -m "pushed around the hook"
git push -q --no-verify origin main 2>/dev/null
git checkout -q feature
git merge -q --no-edit main
OUT=$(git push -q origin feature 2>&1)
RC=$?
expect_eq "$RC" "0" "merging already-pushed work does not rescan it"
OUT=$(git push -q origin :feature 2>&1)
RC=$?
expect_eq "$RC" "0" "deleting a branch pushes nothing and passes"
run_lh hook uninstall
[[ ! -e .git/hooks/pre-push && ! -e .git/hooks/pre-commit ]] && pass || fail "uninstall removes both hooks"

# The pre-commit framework (.pre-commit-hooks.yaml): precommit_framework_test.sh.

finish
