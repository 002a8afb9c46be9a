#!/usr/bin/env bash
# Installs exactly the Debian 12 packages leakhound needs to build, test and
# benchmark. Idempotent and quiet when everything is already installed.
set -euo pipefail

PACKAGES=(
  build-essential cmake ninja-build pkg-config git ca-certificates
  libgit2-dev libhyperscan-dev libre2-dev libtomlplusplus-dev libcli11-dev
  nlohmann-json3-dev libgtest-dev libgmock-dev libcurl4-openssl-dev libssl-dev
  zlib1g-dev libdeflate-dev libpq-dev libmariadb-dev libarchive-dev libsqlite3-dev
)
# Test-only tools: a real PostgreSQL for the verifier tests, a JSON schema
# validator, ripgrep for the benchmark floor, npm for the SARIF and HTML
# validators (and playwright-core), chromium for the HTML report browser test,
# pre-commit (the framework) for the hooks test, hyperfine for bench/staged_bench.sh,
# zsh and fish for the generated completions (e2e.cli_docs), python3-yaml and
# python3-kubernetes (the Job schema) for e2e.engines, slurmctld, slurmd and
# munge for e2e.slurm_cluster.
TEST_PACKAGES=(postgresql mariadb-server python3 python3-jsonschema python3-yaml python3-cryptography openssh-client
               ripgrep npm pre-commit hyperfine
               slurmctld slurmd munge python3-kubernetes
               chromium zsh fish)

want=("${PACKAGES[@]}")
if [[ "${1:-}" == "--test" ]]; then want+=("${TEST_PACKAGES[@]}"); fi

missing=()
for p in "${want[@]}"; do
  if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed"; then
    missing+=("$p")
  fi
done
# npm may come from a non-Debian node install; accept any working npm.
if [[ " ${missing[*]} " == *" npm "* ]] && command -v npm >/dev/null 2>&1; then
  missing=("${missing[@]/npm}")
fi
read -r -a missing <<<"${missing[*]:-}"
if ((${#missing[@]})); then
  echo "install-deps: installing ${missing[*]}" >&2
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi
# The SARIF validator used by the tests (npm registry; a self-contained binary).
if [[ "${1:-}" == "--test" ]]; then
  bash "$(dirname "$0")/../tests/e2e/validate_sarif.sh" --install >/dev/null
fi
