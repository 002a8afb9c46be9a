#!/usr/bin/env bash
# End to end: ci/release.sh in a temporary clone of this repository (never
# in the repository itself: nothing here is tagged or pushed). It bumps the
# version, moves the Unreleased notes into CHANGELOG.md, commits, tags,
# writes a source tarball and SHA256SUMS (--skip-package: the .deb is built
# by ci/package.sh, covered by install_test.sh), and refuses a repeated
# version, a lower one and a dirty work tree.
source "$(dirname "$0")/lib.sh"
git_fixture_env
git -C "$SOURCE_DIR" rev-parse HEAD >/dev/null 2>&1 || { echo "SKIP: $SOURCE_DIR is not a git checkout" >&2; exit 77; }
tags_before=$(git -C "$SOURCE_DIR" tag -l | sort | tr '\n' ' ')
git clone -q "$SOURCE_DIR" "$TMP/rel" 2>/dev/null || die "clone $SOURCE_DIR"
cd "$TMP/rel" || die "cd $TMP/rel"
git remote set-url --push origin "$TMP/no-such-remote.git"  # a push would fail loudly
current=$(sed -n 's/^project(leakhound VERSION \([0-9.]*\).*/\1/p' CMakeLists.txt)
IFS=. read -r major minor _ <<<"$current"
next="$major.$((minor + 1)).0"

OUT=$(bash ci/release.sh "$next" --skip-package 2>&1)
expect_eq "$?" "0" "release $next: succeeds"
expect_contains "$OUT" "nothing was pushed" "release: says nothing was pushed"
expect_contains "$OUT" "git push origin HEAD v$next" "release: prints the publish command"
expect_eq "$(git tag -l "v$next")" "v$next" "tag v$next made in the clone"
expect_eq "$(git cat-file -t "v$next")" "tag" "the tag is annotated"
expect_eq "$(git log -1 --format=%s)" "Release v$next" "release commit"
expect_eq "$(git status --porcelain --untracked-files=no)" "" "work tree clean after the release commit"
expect_contains "$(cat CMakeLists.txt)" "project(leakhound VERSION $next" "CMakeLists.txt bumped"
expect_contains "$(cat CHANGELOG.md)" "## v$next ($(date -u +%Y-%m-%d))" "CHANGELOG.md has the release heading"
expect_eq "$(sed -n '/^## Unreleased/,/^## v/p' CHANGELOG.md | grep -c '^- ')" "0" "the Unreleased notes moved"
expect_contains "$(cat docs/hooks.md)" "rev: v$next" "docs/hooks.md names the new tag"
expect_contains "$(cat docs/ci.md)" "github-action@v$next" "docs/ci.md names the new Action tag"
expect_contains "$(cat ci/github-action/action.yml)" "leakhound/leakhound:$next" "action.yml uses the new image"
expect_not_contains "$(git grep -h 'rev: v' -- docs README.md)" "rev: v$current" "no old rev left in the docs"
(cd "dist/v$next" && sha256sum -c --quiet SHA256SUMS)
expect_eq "$?" "0" "SHA256SUMS verifies"
expect_contains "$(tar -xzOf "dist/v$next/leakhound-$next.tar.gz" "leakhound-$next/CMakeLists.txt")" \
  "project(leakhound VERSION $next" "source tarball has the bumped version"

OUT=$(bash ci/release.sh "$next" --skip-package 2>&1)
expect_eq "$?" "2" "same version again: refused"
expect_contains "$OUT" "already exists" "same version: names the tag"
OUT=$(bash ci/release.sh "$current" --skip-package 2>&1)
expect_eq "$?" "2" "lower version: refused"
echo x >>README.md
OUT=$(bash ci/release.sh "$major.$((minor + 2)).0" --skip-package 2>&1)
expect_eq "$?" "2" "dirty work tree: refused"
expect_contains "$OUT" "uncommitted changes" "dirty work tree: said"
expect_eq "$(git -C "$SOURCE_DIR" tag -l | sort | tr '\n' ' ')" "$tags_before" "the source repository's tags are untouched"
finish
