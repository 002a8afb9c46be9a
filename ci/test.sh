#!/usr/bin/env bash
# Sets up, builds, and runs the whole test suite (unit + end-to-end), then the
# same suite under ASan+UBSan. Set SANITIZE=0 to skip the sanitizer pass.
set -euo pipefail
here=$(cd "$(dirname "$0")/.." && pwd)
cd "$here"
DEPS_MODE=--test bash ci/build.sh -DLEAKHOUND_TESTS=ON
ctest --test-dir build --output-on-failure -j2 --timeout 900 --repeat until-pass:3
if [[ "${SANITIZE:-1}" == 1 ]]; then
  echo "== sanitizer build (ASan+UBSan) =="
  BUILD_DIR=build-asan BUILD_TYPE=Debug DEPS_MODE=--test bash ci/build.sh \
    -DLEAKHOUND_TESTS=ON -DLEAKHOUND_SANITIZE=ON
  ASAN_OPTIONS=detect_leaks=1:abort_on_error=1 UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1 \
    ctest --test-dir build-asan --output-on-failure -j2 --timeout 1800 -LE slow --repeat until-pass:3
fi
