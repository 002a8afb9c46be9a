#!/usr/bin/env bash
# The main job: set up, build, and audit the full history of a repository.
# Usage: ci/audit.sh [REPO] [leakhound git options...]   (default REPO: this repository)
set -euo pipefail
here=$(cd "$(dirname "$0")/.." && pwd)
LEAKHOUND_TESTS=OFF bash "$here/ci/build.sh" -DLEAKHOUND_TESTS=OFF
repo=${1:-$here}
shift || true
exec "$here/build/leakhound" git "$repo" "$@"
