#!/usr/bin/env bash
# Prints the README's command-line reference from the binary's own --help.
# Usage: docs/gen-cli-reference.sh build/leakhound
set -euo pipefail
lh=${1:-build/leakhound}
for sub in "" scan git staged verify "rules list" "rules check" "rules bench" "config check" \
           "baseline create" "baseline check" "hook install" "hook uninstall" \
           "repos github" "repos gitlab" merge "inventory export"; do
  echo "### leakhound ${sub}"
  echo
  echo '```'
  # shellcheck disable=SC2086
  "$lh" $sub --help 2>&1 | sed -e 's/[[:space:]]*$//'
  echo '```'
  echo
done
