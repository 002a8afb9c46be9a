# Helpers of the result-cache tests (e2e.incremental, e2e.incremental_files);
# source after lib.sh.

# Findings without the secret, sorted: what must not depend on the cache.
findings() {
  python3 - "$1" <<'PY'
import json, sys
d = json.load(open(sys.argv[1]))
rows = [json.dumps({k: v for k, v in f.items() if k != "secret"}, sort_keys=True) for f in d["findings"]]
print("\n".join(sorted(rows)))
PY
}

# stat_of NAME: a number from the --stats result-cache line of the last run.
stat_of() {
  local line
  line=$(grep 'stats: result cache:' "$ERR_FILE" || true)
  case $1 in
    skipped) sed -E 's/.*cache: ([0-9]+) blobs skipped.*/\1/' <<<"$line" ;;
    delta) sed -E 's/.*, ([0-9]+) scanned with only.*/\1/' <<<"$line" ;;
    full) sed -E 's/.*since, ([0-9]+) scanned with every.*/\1/' <<<"$line" ;;
    recorded) sed -E 's/.*; ([0-9]+) recorded clean.*/\1/' <<<"$line" ;;
  esac
}
