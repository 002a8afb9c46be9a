#!/usr/bin/env bash
# Builds the libFuzzer targets (fuzz/, clang + ASan + UBSan) into build-fuzz/
# and runs each for a bounded time: ci/fuzz.sh [SECONDS_PER_TARGET] [TARGET...]
# (default 30 s, every target). Inputs: the corpus kept in the repository
# (fuzz/corpus/<target>: units earlier runs found, minimized), the seeds of
# fuzz/make_seeds.sh, and build-fuzz/corpus/<target>, where new units land.
# FUZZ_MERGE=1 merges the new units into fuzz/corpus/<target> (libFuzzer
# -merge=1 keeps only those adding coverage): commit them. Crashes land in
# build-fuzz/crashes/ and fail the run. Reproduce one:
# build-fuzz/fuzz/<target> build-fuzz/crashes/<file>. ci/test.sh runs every
# target for FUZZ_SECONDS (default 20) after the main pass.
set -euo pipefail
cd "$(dirname "$0")/.."
secs=${1:-30}
shift || true
BUILD_DIR=${BUILD_DIR:-build-fuzz}
targets=("$@")
if ((${#targets[@]} == 0)); then
  targets=(fuzz_rules_toml fuzz_config fuzz_gitleaks_config fuzz_matcher fuzz_entropy fuzz_baseline
           fuzz_report_reader fuzz_verify_response fuzz_pack)
fi
command -v clang++ >/dev/null || { echo "fuzz.sh: clang++ not found (apt-get install clang)" >&2; exit 2; }
launcher=()
if command -v ccache >/dev/null 2>&1; then launcher=(-DCMAKE_CXX_COMPILER_LAUNCHER=ccache); fi
CXX=clang++ cmake -S . -B "$BUILD_DIR" -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo \
  -DLEAKHOUND_FUZZ=ON -DLEAKHOUND_TESTS=OFF "${launcher[@]}" >/dev/null
cmake --build "$BUILD_DIR" -j"$(nproc)" --target "${targets[@]}"

seeds="$BUILD_DIR/seeds"
rm -rf "$seeds"
bash fuzz/make_seeds.sh "$seeds" "${LEAKHOUND_FOR_SEEDS:-build/leakhound}"
mkdir -p "$BUILD_DIR/crashes"
export ASAN_OPTIONS=${ASAN_OPTIONS:-detect_leaks=1:allocator_may_return_null=1}
export UBSAN_OPTIONS=${UBSAN_OPTIONS:-print_stacktrace=1:halt_on_error=1}
failed=()
summary=""
for t in "${targets[@]}"; do
  corpus="$BUILD_DIR/corpus/$t"
  kept="fuzz/corpus/$t"
  mkdir -p "$corpus" "$kept"
  max_len=16384
  [[ $t == fuzz_matcher ]] && max_len=8192
  start=$(date +%s)
  rc=0
  "$BUILD_DIR/fuzz/$t" "$corpus" "$kept" "$seeds/$t" -max_total_time="$secs" -timeout=20 \
    -rss_limit_mb=2560 -max_len="$max_len" -print_final_stats=1 \
    -artifact_prefix="$BUILD_DIR/crashes/$t-" >"$BUILD_DIR/$t.log" 2>&1 || rc=$?
  took=$(($(date +%s) - start))
  runs=$(grep -o 'stat::number_of_executed_units: *[0-9]*' "$BUILD_DIR/$t.log" | grep -o '[0-9]*$' || echo "?")
  cov=$(grep -o 'cov: [0-9]*' "$BUILD_DIR/$t.log" | tail -1 | grep -o '[0-9]*' || echo "?")
  line="$t: ${took}s, ${runs} runs, coverage ${cov} edges, exit ${rc}"
  summary+="$line"$'\n'
  echo "fuzz: $line"
  if ((rc == 0)) && [[ ${FUZZ_MERGE:-0} == 1 ]]; then
    "$BUILD_DIR/fuzz/$t" -merge=1 -max_len="$max_len" -timeout=20 "$kept" "$corpus" \
      >>"$BUILD_DIR/$t.log" 2>&1 || true
  fi
  if ((rc != 0)); then
    failed+=("$t")
    grep -m5 -E 'ERROR|SUMMARY|runtime error|Test unit written' "$BUILD_DIR/$t.log" >&2 || true
  fi
done
printf '%s' "$summary" >"$BUILD_DIR/summary.txt"
if ((${#failed[@]})); then
  echo "fuzz: FAILED: ${failed[*]} (logs in $BUILD_DIR/<target>.log, inputs in $BUILD_DIR/crashes/)" >&2
  exit 1
fi
echo "fuzz: ${#targets[@]} targets clean"
