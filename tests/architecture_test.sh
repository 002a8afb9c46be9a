#!/usr/bin/env bash
# docs/architecture.md's folder table must name every folder of src/, and
# only folders that exist. Usage: architecture_test.sh SOURCE_DIR
set -uo pipefail
root=${1:?usage: architecture_test.sh SOURCE_DIR}
doc=$root/docs/architecture.md
[[ -f $doc ]] || { echo "FAIL: $doc is missing" >&2; exit 1; }
listed=$(grep -oE '^\| `src/[^`]*`' "$doc" | sed -E 's/^\| `//; s/`$//; s#/$##' | sort -u)
actual=$(cd "$root" && find src -type d | sort -u)
status=0
for d in $actual; do
  grep -qxF "$d" <<<"$listed" || { echo "FAIL: $d/ is not in docs/architecture.md's folder table" >&2; status=1; }
done
for d in $listed; do
  grep -qxF "$d" <<<"$actual" || { echo "FAIL: docs/architecture.md names $d/, which does not exist" >&2; status=1; }
done
[[ $status == 0 ]] && echo "docs/architecture.md lists all $(wc -l <<<"$actual") folders of src/"
exit $status
