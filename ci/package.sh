#!/usr/bin/env bash
# ci/package.sh OUTDIR: builds leakhound for release (Release, no tests) and
# writes the Debian package (CPack: stripped binary, man page, bash/zsh/fish
# completions, the CI script and hooks; Depends = the runtime libraries the
# binary links) and its SHA256SUMS into OUTDIR. Prints the package path.
# Environment: BUILD_DIR (default build-package), BUILD_TYPE (default Release),
# LEAKHOUND_COMMIT (the commit --version prints; default: git rev-parse).
set -euo pipefail
out=${1:?usage: ci/package.sh OUTDIR}
cd "$(dirname "$0")/.."
src=$(pwd)
build=${BUILD_DIR:-build-package}
mkdir -p "$out"
out=$(cd "$out" && pwd)
for tool in cmake ninja dpkg-deb dpkg-shlibdeps; do
  command -v "$tool" >/dev/null 2>&1 || { echo "package: error: $tool is missing (ci/install-deps.sh)" >&2; exit 2; }
done
launcher=()
if command -v ccache >/dev/null 2>&1; then launcher=(-DCMAKE_CXX_COMPILER_LAUNCHER=ccache); fi
cmake -S "$src" -B "$build" -G Ninja -DCMAKE_BUILD_TYPE="${BUILD_TYPE:-Release}" \
  -DLEAKHOUND_TESTS=OFF -DLEAKHOUND_COMMIT="${LEAKHOUND_COMMIT:-}" "${launcher[@]}" >/dev/null
cmake --build "$build" --target leakhound leakhound_docs
(cd "$build" && cpack -G DEB -B "$out" >/dev/null)
rm -rf "$out/_CPack_Packages"
deb=$(ls -t "$out"/leakhound_*.deb | head -1)
(cd "$out" && sha256sum "$(basename "$deb")" >"$(basename "$deb").sha256")
echo "$deb"
