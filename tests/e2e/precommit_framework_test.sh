#!/usr/bin/env bash
# End to end: .pre-commit-hooks.yaml with the real pre-commit framework (the
# Debian package), offline, against a local clone of a hooks repository.
# The manifest uses the current stage names (pre-commit, pre-push), which
# pre-commit accepts from 3.2.0: an older pre-commit (Debian 12 ships 3.0.4)
# must refuse it (3.0.4: "Expected one of commit, ..." for the stage name),
# not misbehave. The hooks' entries
# are then exercised with that pre-commit through a copy of the manifest with
# the old stage names (commit, push) and the same entries: the staged hook
# blocks a staged key, args reach leakhound, the pre-push hook scans the
# pushed commits with args, and leakhound-files makes --all-files mean all
# files (a committed key is found).
source "$(dirname "$0")/lib.sh"
git_fixture_env
command -v pre-commit >/dev/null 2>&1 || { echo "SKIP: pre-commit is not installed" >&2; exit 77; }
AK1=$(aws_key_id 621)
AK2=$(aws_key_id 622)
export PRE_COMMIT_HOME="$TMP/pc-home"
mkdir -p "$TMP/bin"
ln -s "$LEAKHOUND" "$TMP/bin/leakhound"
export PATH="$TMP/bin:$PATH"
pc_version=$(pre-commit --version | awk '{print $2}')
modern=$(python3 -c "import sys; v=tuple(int(x) for x in sys.argv[1].split('.')[:2]); print(int(v >= (3, 2)))" "$pc_version")

# hooks_repo DIR MANIFEST: a git repository holding MANIFEST as .pre-commit-hooks.yaml; prints its HEAD.
hooks_repo() {
  rm -rf "$1" && mkdir -p "$1"
  cp "$2" "$1/.pre-commit-hooks.yaml"
  git -C "$1" init -q -b main && git -C "$1" add . && git -C "$1" commit -q -m hooks
  git -C "$1" rev-parse HEAD
}
# use_hooks REPO REV ARGS_YAML: writes .pre-commit-config.yaml using all three hooks.
use_hooks() {
  cat >.pre-commit-config.yaml <<YAML
repos:
  - repo: $1
    rev: $2
    hooks:
      - id: leakhound
        args: $3
      - id: leakhound-pre-push
        args: $3
      - id: leakhound-files
YAML
}

REAL_REV=$(hooks_repo "$TMP/hooks-real" "$SOURCE_DIR/.pre-commit-hooks.yaml")
if [[ $modern == 1 ]]; then
  HOOKS=$TMP/hooks-real REV=$REAL_REV
  STAGE_COMMIT=pre-commit STAGE_PUSH=pre-push
else
  # The real manifest, on this older pre-commit: refused by version.
  git init -q -b main "$TMP/probe" && cd "$TMP/probe" || die "probe repository"
  use_hooks "$TMP/hooks-real" "$REAL_REV" '[]'
  git add . && git commit -q -m cfg
  OUT=$(pre-commit run --all-files 2>&1)
  RC=$?
  expect_eq "$RC" "1" "pre-commit $pc_version refuses the manifest"
  # 3.0.x validates the stage names before the minimum version.
  [[ $OUT == *"version 3.2.0 is required"* || $OUT == *"Expected one of commit"* ]] && pass ||
    fail "pre-commit $pc_version: refusal names the version or the stage: $OUT"
  sed -e 's/stages: \[pre-commit\]/stages: [commit]/' -e 's/stages: \[pre-push\]/stages: [push]/' \
    -e 's/stages: \[pre-commit, pre-push, manual\]/stages: [commit, push, manual]/' \
    -e 's/minimum_pre_commit_version: "3.2.0"/minimum_pre_commit_version: "2.9.0"/' \
    "$SOURCE_DIR/.pre-commit-hooks.yaml" >"$TMP/old-stages.yaml"
  expect_eq "$(diff <(grep entry: "$SOURCE_DIR/.pre-commit-hooks.yaml") <(grep entry: "$TMP/old-stages.yaml") && echo same)" \
    "same" "the translated manifest keeps the entries"
  HOOKS=$TMP/hooks-old REV=$(hooks_repo "$TMP/hooks-old" "$TMP/old-stages.yaml")
  STAGE_COMMIT=commit STAGE_PUSH=push
fi

# A project with a committed key (history) and a remote.
git init -q --bare "$TMP/remote.git"
git clone -q "$TMP/remote.git" "$TMP/proj" 2>/dev/null
cd "$TMP/proj" || die "cd $TMP/proj"
git checkout -q -b main
printf 'old = %s\n' "$AK1" >committed.env
use_hooks "$HOOKS" "$REV" '["--format", "json"]'
git add . && git commit -q -m "committed key"
git push -q origin main 2>/dev/null

# Staged hook: clean staged change passes even though a committed file has a key.
echo clean >c.txt && git add c.txt
OUT=$(pre-commit run --hook-stage "$STAGE_COMMIT" leakhound 2>&1)
expect_eq "$?" "0" "staged hook: a clean staged change passes"
# ... a staged key is blocked, and args (--format json) reached leakhound.
printf 'new = %s\n' "$AK2" >k.txt && git add k.txt
OUT=$(pre-commit run --hook-stage "$STAGE_COMMIT" leakhound 2>&1)
expect_eq "$?" "1" "staged hook blocks a staged key"
expect_contains "$OUT" '"rule_id": "aws.access-key-id"' "staged hook: args passed through (JSON report)"
expect_not_contains "$OUT" "$AK2" "staged hook: secret redacted"

# leakhound-files: --all-files means every tracked file, so the committed key is found.
git rm -q --cached k.txt && rm k.txt
OUT=$(pre-commit run --all-files leakhound-files 2>&1)
expect_eq "$?" "1" "leakhound-files --all-files finds the committed key"
expect_contains "$OUT" $'committed.env\n  1:7' "leakhound-files names the file and line"
OUT=$(pre-commit run --hook-stage "$STAGE_COMMIT" --files c.txt leakhound-files 2>&1)
expect_eq "$?" "0" "leakhound-files on a clean file passes"

# Pre-push hook: the pushed commits (not yet on a remote-tracking ref), with args.
git commit -q -m clean --no-verify
BASE=$(git rev-parse origin/main)
OUT=$(pre-commit run --hook-stage "$STAGE_PUSH" --from-ref "$BASE" --to-ref HEAD leakhound-pre-push 2>&1)
expect_eq "$?" "0" "pre-push hook: clean pushed commits pass"
printf 'new = %s\n' "$AK2" >k.txt && git add k.txt && git commit -q -m leak --no-verify
OUT=$(pre-commit run --hook-stage "$STAGE_PUSH" --from-ref "$BASE" --to-ref HEAD leakhound-pre-push 2>&1)
expect_eq "$?" "1" "pre-push hook blocks a pushed key"
expect_contains "$OUT" '"rule_id": "aws.access-key-id"' "pre-push hook: args passed through (JSON report)"
expect_not_contains "$OUT" "committed.env" "pre-push hook: only the unpushed commits"

# Installed as git hooks: a real `git commit` is blocked.
pre-commit install -q >/dev/null 2>&1 || pre-commit install >/dev/null
printf 'again = %s\n' "$AK2" >k2.txt && git add k2.txt
OUT=$(git commit -q -m "leak again" 2>&1)
expect_eq "$?" "1" "pre-commit install: git commit is blocked"
finish
