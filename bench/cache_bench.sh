#!/usr/bin/env bash
# Incremental re-scans (issue 17, docs/scale.md "Incremental re-scans"): the
# result cache of `git --incremental` on curl's real history and on a fleet of
# REPOS repositories built from real text (/usr/include headers, 300 commits
# each, as bench/shard_bench.sh). For each: the full run without the cache
# (the floor every ratio is against, same invocation), the first run with an
# empty cache, a second run over the unchanged history, a run after adding
# one rule (by --config) and the run after that. Prints CPU and wall time,
# their ratio to the full run, and blobs read with every rule / with only
# the new rule / skipped (not read); checks that every run reports the same
# findings as the full run (with the added rule: as a full run with it).
#
# usage: bench/cache_bench.sh build/leakhound [CURL_GIT (/work/curl.git; "" = skip)] [REPOS (56)]
set -euo pipefail
lh=$(realpath "${1:?usage: cache_bench.sh LEAKHOUND [CURL_GIT] [REPOS]}")
curl_git=${2-/work/curl.git}
repos=${3:-56}
work=$(mktemp -d /tmp/lh-cache-bench.XXXXXX)
trap 'rm -rf "$work"' EXIT
# A fixed "now" (exposure ages), so reports of different runs compare equal.
export XDG_CACHE_HOME=$work/xdg LEAKHOUND_FINGERPRINT_KEY=bench-key-0123456789abcdef \
  SOURCE_DATE_EPOCH=1767225600
cat >"$work/rule.toml" <<'TOML'
[[rule]]
id = "bench.added"
description = "a rule added after the first scans"
regex = '''\b(zzbench_[0-9a-f]{24})\b'''
secret_group = 1
keywords = ["zzbench_"]
examples = ["id = zzbench_0123456789abcdef01234567"]
negative_examples = ["zzbench_short"]
TOML

# Findings without run-dependent fields, sorted (JSON report or JSONL lines).
findings() {
  python3 - "$@" <<'PY'
import hashlib, json, sys
rows = []
for p in sys.argv[1:]:
    text = open(p).read()
    docs = [json.loads(l) for l in text.splitlines() if l.strip()] if p.endswith("jsonl") else [json.loads(text)]
    for d in docs:
        fs = d.get("findings") if isinstance(d.get("findings"), list) else [d] if d.get("type") == "finding" else []
        for f in fs:
            f.pop("manifest", None)
            rows.append(json.dumps(f, sort_keys=True))
print(len(rows), hashlib.sha256("\n".join(sorted(rows)).encode()).hexdigest()[:16])
PY
}
# Counters summed over the reports: blobs scanned, of which with the delta
# rules only, and skipped.
counts() {
  python3 - "$@" <<'PY'
import json, sys
b = d = s = 0
for p in sys.argv[1:]:
    text = open(p).read()
    docs = [json.loads(l) for l in text.splitlines() if l.strip()] if p.endswith("jsonl") else [json.loads(text)]
    for doc in docs:
        st = doc.get("summary", doc) if doc.get("type") != "finding" else None
        if not st or "blobs_scanned" not in st:
            continue
        rc = st.get("result_cache", {})
        b += st["blobs_scanned"]; d += rc.get("delta_scanned", 0); s += rc.get("skipped", 0)
print(b - d, d, s)
PY
}

# run NAME REPORT ARGS...: one timed run; prints its line.
base_cpu=0 base_wall=0 base_findings="" rule_findings=""
run() {
  local name=$1 report=$2
  shift 2
  /usr/bin/time -f '%U %S %e' -o "$work/t" "$lh" "$@" || [[ $? == 1 ]]
  read -r u sy w < <(tail -n1 "$work/t")
  local cpu
  cpu=$(python3 -c "print(round($u + $sy, 2))")
  if [[ $name == full ]]; then base_cpu=$cpu base_wall=$w; fi
  read -r full delta skipped < <(counts "$report")
  local same=$base_findings
  [[ $name == rule* ]] && same=$rule_findings
  local f
  f=$(findings "$report")
  printf '  %-14s cpu %7.2f s (x%.3f)  wall %7.2f s (x%.3f)  blobs: %7d every rule, %7d new rule only, %7d skipped  findings %s%s\n' \
    "$name" "$cpu" "$(python3 -c "print($cpu / max($base_cpu, 0.01))")" "$w" \
    "$(python3 -c "print($w / max($base_wall, 0.01))")" "$full" "$delta" "$skipped" "${f%% *}" \
    "$([[ -z $same || $f == "$same" ]] && echo "" || echo " DIFFER from the full run")"
}

# series LABEL ARGS...: the five runs of one scan command. mode: "json"
# (one report, -o FILE) or "shard" (--out DIR, the report is DIR/shard-0.jsonl).
mode=json
report_of() { [[ $mode == json ]] && echo "$1.json" || echo "$1/shard-0.jsonl"; }
out_args() { [[ $mode == json ]] && echo "-f json -o $1.json" || echo "--out $1"; }
series() {
  local label=$1
  shift
  echo "$label"
  local out=$work/$label cache=$work/$label.results.db
  mkdir -p "$out"
  base_findings="" rule_findings=""
  # shellcheck disable=SC2046  # out_args is two words, paths without spaces
  run full "$(report_of "$out/full")" "$@" $(out_args "$out/full")
  base_findings=$(findings "$(report_of "$out/full")")
  # shellcheck disable=SC2046
  "$lh" "$@" --config "$work/rule.toml" $(out_args "$out/plain-rule") || [[ $? == 1 ]]
  rule_findings=$(findings "$(report_of "$out/plain-rule")")
  local name
  for name in first second; do
    # shellcheck disable=SC2046
    run $name "$(report_of "$out/$name")" "$@" --result-cache "$cache" $(out_args "$out/$name")
  done
  for name in rule-added rule-again; do
    # shellcheck disable=SC2046
    run $name "$(report_of "$out/$name")" "$@" --result-cache "$cache" --config "$work/rule.toml" \
      $(out_args "$out/$name")
  done
  echo "  result cache file: $(du -k "$cache" | cut -f1) KiB (+ WAL $(du -k "$cache-wal" 2>/dev/null | cut -f1) KiB)"
}

if [[ -n $curl_git ]]; then
  series curl git "$curl_git" -q --progress never
fi

mapfile -t headers < <(find /usr/include -name '*.h' -size +2k -size -64k | sort | head -n 20000)
: >"$work/repos.jsonl"
for ((r = 0; r < repos; r++)); do
  dir=$work/fleet/r$r.git
  git init -q --bare "$dir"
  python3 - "$r" "${headers[@]}" <<'PY' | git -C "$dir" fast-import --quiet
import random, sys
r, files = int(sys.argv[1]), sys.argv[2:]
rng = random.Random(r)
out = sys.stdout.buffer
for i in range(300):
    data = open(rng.choice(files), "rb").read()
    msg = b"c%d\n" % i
    out.write(b"commit refs/heads/main\ncommitter B <b@x> %d +0000\ndata %d\n%s" % (1700000000 + i, len(msg), msg))
    out.write(b"M 100644 inline src/%s\ndata %d\n" % (b"f%d.h" % rng.randrange(40), len(data)) + data + b"\n")
    if i == 150:
        tok = b"zzbench_%024x" % rng.getrandbits(96)
        out.write(b"M 100644 inline config/app.ini\ndata %d\nid = %s\n\n" % (len(tok) + 6, tok))
PY
  echo "{\"url\": \"$dir\", \"name\": \"fleet/r$r\"}" >>"$work/repos.jsonl"
done
echo "fleet: $repos repositories, $(du -sm "$work/fleet" | cut -f1) MiB of packs"
# One shard over the whole manifest: its JSONL holds every repository's summary.
mode=shard
series fleet git --manifest "$work/repos.jsonl" --shard 0/1 -q
