#!/usr/bin/env bash
# Soak test (ctest label `soak`, not in the default run): SOAK_SECONDS
# (default 1800) of random repositories with planted secrets and random
# damage; every planted readable secret must be reported and the exit code
# be right. SOAK_SEED repeats a run. See soak.py.
set -uo pipefail
: "${LEAKHOUND:?LEAKHOUND must point at the leakhound binary}"
export XDG_CACHE_HOME="${E2E_CACHE:-/tmp/leakhound-e2e-cache}"
exec python3 "$(dirname "$0")/soak.py" "$LEAKHOUND" "${SOAK_SECONDS:-1800}" ${SOAK_SEED:+"$SOAK_SEED"}
