#!/usr/bin/env bash
# Sets up, builds, and runs the whole test suite (unit + end-to-end), then the
# same suite under ASan+UBSan (without tests labelled `slow` or `install`), then the tests
# that run threads under TSan (ctest label `threads`: the threaded unit tests,
# listed in tests/CMakeLists.txt, and the e2e tests that drive the pipeline). SANITIZE=0 skips both sanitizer passes, TSAN=0 only the TSan pass.
# Each pass prints its duration ("== pass: N s ==").
set -euo pipefail
here=$(cd "$(dirname "$0")/.." && pwd)
cd "$here"
SECONDS=0
DEPS_MODE=--test bash ci/build.sh -DLEAKHOUND_TESTS=ON
# The soak test (label soak, 30 minutes) is run on its own: ctest -L soak.
# `install` (the .deb on a clean Debian 12 chroot: root, network, minutes) runs
# on its own: INSTALL_TEST=1, or `ctest --test-dir build -L install`.
ctest --test-dir build --output-on-failure -j2 --timeout 900 -LE 'soak|install'
if [[ "${INSTALL_TEST:-0}" == 1 ]]; then
  ctest --test-dir build --output-on-failure --timeout 1800 -L install
fi
echo "== main pass (build + tests): ${SECONDS} s =="
if [[ "${FUZZ:-1}" == 1 ]]; then
  # Continuous fuzzing, bounded: every target of fuzz/ for FUZZ_SECONDS from
  # the corpus kept in fuzz/corpus/ (a clang build of its own; FUZZ=0 skips).
  SECONDS=0
  LEAKHOUND_FOR_SEEDS=build/leakhound bash ci/fuzz.sh "${FUZZ_SECONDS:-20}"
  echo "== fuzz pass (build + ${FUZZ_SECONDS:-20} s per target): ${SECONDS} s =="
fi
if [[ "${SANITIZE:-1}" == 1 ]]; then
  SECONDS=0
  echo "== sanitizer build (ASan+UBSan) =="
  BUILD_DIR=build-asan BUILD_TYPE=Debug DEPS_MODE=--test bash ci/build.sh \
    -DLEAKHOUND_TESTS=ON -DLEAKHOUND_SANITIZE=ON
  ASAN_OPTIONS=detect_leaks=1:abort_on_error=1 UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1 \
    ctest --test-dir build-asan --output-on-failure -j2 --timeout 1800 -LE 'slow|install'
  echo "== ASan+UBSan pass (build + tests): ${SECONDS} s =="
fi
if [[ "${SANITIZE:-1}" == 1 && "${TSAN:-1}" == 1 ]]; then
  SECONDS=0
  echo "== thread sanitizer build (threaded tests only) =="
  BUILD_DIR=build-tsan DEPS_MODE=--test bash ci/build.sh -DLEAKHOUND_TESTS=ON -DLEAKHOUND_TSAN=ON
  export TSAN_OPTIONS=halt_on_error=1:second_deadlock_stack=1
  ctest --test-dir build-tsan --output-on-failure -j2 --timeout 1800 -L threads
  echo "== TSan pass (build + tests): ${SECONDS} s =="
fi
