#!/usr/bin/env bash
# ci/release.sh VERSION [--skip-package] [--dist DIR]: cuts release vVERSION
# from a clean work tree in one command:
#   1. bumps the version: CMakeLists.txt project(VERSION), and the version
#      named in the docs and integrations (pre-commit `rev: vX.Y.Z`, Action
#      `@vX.Y.Z`, image tags `leakhound:X.Y.Z`, package file names);
#   2. CHANGELOG.md: the "## Unreleased" notes (else the commit subjects since
#      the previous tag) under "## vVERSION (DATE)";
#   3. commits "Release vVERSION" and makes the annotated tag vVERSION;
#   4. builds the Debian package (ci/package.sh) and a source tarball
#      (git archive) into DIR (default dist/vVERSION) with SHA256SUMS.
# It never pushes: it prints the commands that publish the release.
# --skip-package: steps 1-3 and the source tarball only (tests, dry runs).
set -euo pipefail
usage() { echo "usage: ci/release.sh VERSION [--skip-package] [--dist DIR]" >&2; exit 2; }
die() { echo "release: error: $*" >&2; exit 2; }
[ $# -ge 1 ] || usage
version=${1#v}
shift
skip_package=0
dist=""
while [ $# -gt 0 ]; do
  case "$1" in
    --skip-package) skip_package=1; shift ;;
    --dist) [ $# -ge 2 ] || usage; dist=$2; shift 2 ;;
    *) usage ;;
  esac
done
[[ $version =~ ^[0-9]+\.[0-9]+\.[0-9]+$ ]] || die "version '$version' is not X.Y.Z"
cd "$(git rev-parse --show-toplevel 2>/dev/null)" || die "not inside a git work tree"
[ -f CMakeLists.txt ] && grep -q '^project(leakhound' CMakeLists.txt || die "not the leakhound repository"
[ -z "$(git status --porcelain --untracked-files=no)" ] || die "the work tree has uncommitted changes"
tag=v$version
git rev-parse -q --verify "refs/tags/$tag" >/dev/null && die "tag $tag already exists"
current=$(sed -n 's/^project(leakhound VERSION \([0-9.]*\).*/\1/p' CMakeLists.txt)
[ "$(printf '%s\n%s\n' "$current" "$version" | sort -V | tail -1)" = "$version" ] &&
  [ "$current" != "$version" ] || die "version $version is not above the current $current"
dist=${dist:-dist/$tag}

# 1. Version bump.
sed -i "s/^project(leakhound VERSION [0-9.]*/project(leakhound VERSION $version/" CMakeLists.txt
files=$(git ls-files README.md docs ci hooks .pre-commit-hooks.yaml | grep -v '^ci/release.sh$')
# shellcheck disable=SC2086
sed -i -E \
  -e "s/(rev: )v[0-9]+\.[0-9]+\.[0-9]+/\1$tag/g" \
  -e "s/(github-action@)v[0-9]+\.[0-9]+\.[0-9]+/\1$tag/g" \
  -e "s/(leakhound\/leakhound:)[0-9]+\.[0-9]+\.[0-9]+/\1$version/g" \
  -e "s/(leakhound:)[0-9]+\.[0-9]+\.[0-9]+( |\"|$)/\1$version\2/g" \
  -e "s/(leakhound_)[0-9]+\.[0-9]+\.[0-9]+(-1_)/\1$version\2/g" \
  -e "s/(releases\/download\/)v[0-9]+\.[0-9]+\.[0-9]+/\1$tag/g" \
  $files

# 2. Changelog.
prev=$(git describe --tags --abbrev=0 --match 'v[0-9]*' 2>/dev/null || true)
date=$(date -u +%Y-%m-%d)
python3 - "$tag" "$date" "$prev" <<'PY'
import os, re, subprocess, sys
tag, date, prev = sys.argv[1:4]
path = "CHANGELOG.md"
text = open(path).read() if os.path.exists(path) else "# Changelog\n"
m = re.search(r"^## Unreleased\n(.*?)(?=^## |\Z)", text, re.S | re.M)
notes = m.group(1).strip() if m else ""
if not notes:
    rng = [prev + "..HEAD"] if prev else ["HEAD"]
    log = subprocess.run(["git", "log", "--no-merges", "--format=- %s"] + rng,
                         capture_output=True, text=True, check=True).stdout.strip()
    notes = log or "- (no changes recorded)"
section = "## %s (%s)\n\n%s\n\n" % (tag, date, notes)
if m:
    text = text[:m.start()] + "## Unreleased\n\n" + section + text[m.end():]
else:
    head, _, rest = text.partition("\n")
    text = head + "\n\n" + section + rest.lstrip("\n")
open(path, "w").write(text)
PY

# 3. Commit and tag.
git add -A CMakeLists.txt CHANGELOG.md $files
git commit -q -m "Release $tag"
git tag -a "$tag" -m "leakhound $tag"
echo "release: committed and tagged $tag ($(git rev-parse --short HEAD))"

# 4. Artifacts and checksums.
mkdir -p "$dist"
git archive --format=tar.gz --prefix="leakhound-$version/" -o "$dist/leakhound-$version.tar.gz" "$tag"
if [ "$skip_package" = 0 ]; then
  LEAKHOUND_COMMIT=$(git rev-parse --short=12 "$tag") bash ci/package.sh "$dist" >/dev/null
  rm -f "$dist"/*.deb.sha256
  deb=$(ls "$dist"/leakhound_"$version"-*.deb 2>/dev/null | head -1)
  [ -n "$deb" ] || die "no leakhound_$version package in $dist"
fi
(cd "$dist" && find . -maxdepth 1 -type f ! -name SHA256SUMS -printf '%P\n' | sort | xargs sha256sum >SHA256SUMS)
echo "release: artifacts in $dist:"
sed 's/^/  /' "$dist/SHA256SUMS"
cat <<NEXT
release: nothing was pushed. To publish:
  git push origin HEAD $tag
  gh release create $tag $dist/* --notes-file <(sed -n '/^## $tag/,/^## v/p' CHANGELOG.md | sed '1d;\$d')
  docker build -f ci/Dockerfile -t ghcr.io/leakhound/leakhound:$version . && docker push ghcr.io/leakhound/leakhound:$version
NEXT
