#!/usr/bin/env bash
# Precision benchmark: scan a large body of real text that holds no live
# secrets and report how much noise every rule makes.
#
# Usage: bench/precision_bench.sh [DIR...]
#   default DIRs: /usr/share /usr/include, plus unpacked npm packages when
#   present (/usr/lib/node_modules, /usr/share/nodejs, /usr/local/lib/node_modules).
# Env:   LEAKHOUND  binary (default build/leakhound)
#        TOP        rules to list (default 25)     EXAMPLES  paths per rule (default 3)
#        KEEP       write the raw JSON report (redacted) to this file
#        LH_ARGS    extra scan arguments, e.g. "--no-builtin-rules --rules rules"
#                   to measure edited rule files without rebuilding
#
# Reports: text MB scanned, findings per 100 MB, and the breakdown by rule with
# a few example locations (secrets redacted). Private keys found under
# test-fixture folders are real keys of the format (true positives) and are
# counted separately as "known test keys"; they are not subtracted from the
# total. A larger corpus for a manual run: unpacked npm packages, e.g.
#   mkdir /tmp/npm && cd /tmp/npm && npm init -y && npm i --ignore-scripts aws-sdk stripe twilio
#   bench/precision_bench.sh /usr/share /usr/include /tmp/npm/node_modules
set -euo pipefail
here=$(cd "$(dirname "$0")/.." && pwd)
LH=${LEAKHOUND:-$here/build/leakhound}
dirs=("$@")
if ((${#dirs[@]} == 0)); then
  dirs=(/usr/share /usr/include)
  for d in /usr/lib/node_modules /usr/share/nodejs /usr/local/lib/node_modules; do
    [[ -d $d ]] && dirs+=("$d")
  done
fi
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
report=${KEEP:-$work/report.json}

start=$(date +%s.%N)
rc=0
# shellcheck disable=SC2086  # LH_ARGS is a word list on purpose
"$LH" scan "${dirs[@]}" -q -f json -o "$report" ${LH_ARGS:-} || rc=$?
end=$(date +%s.%N)
if ((rc != 0 && rc != 1)); then
  echo "precision_bench: leakhound exited $rc" >&2
  exit 2
fi

python3 - "$report" "$(echo "$end - $start" | bc -l)" "${TOP:-25}" "${EXAMPLES:-3}" "${dirs[@]}" <<'PY'
import collections, json, re, sys

report, seconds, top, examples = sys.argv[1], float(sys.argv[2]), int(sys.argv[3]), int(sys.argv[4])
dirs = sys.argv[5:]
d = json.load(open(report))
s = d["summary"]
mb = s["bytes_scanned"] / 1e6
findings = d["findings"]

# Private keys of well-known test-fixture folders: real keys, public on purpose.
KEY_RULE = re.compile(r"^(private-key|pgp|putty|age|ssh)\.")
FIXTURE = re.compile(r"(^|/)(tests?|testing|testdata|test_data|test-data|fixtures?|"
                     r"examples?|samples?|demos?|certs?|keys|ssl|data)(/|$)|"
                     r"(test|example|sample|dummy|fake|demo)[^/]*$", re.I)
def is_test_key(f):
    return bool(KEY_RULE.match(f["rule_id"]) and FIXTURE.search(f["path"]))

test_keys = [f for f in findings if is_test_key(f)]
other = [f for f in findings if not is_test_key(f)]
per100 = lambda n: n * 100 / mb if mb else 0.0

print(f"corpus: {' '.join(dirs)}")
print(f"scanned: {s['blobs_scanned']} text files, {mb:.1f} MB in {seconds:.1f}s "
      f"(skipped {s['skipped']['binary']} binary, {s['skipped']['too_large']} too large)")
print(f"findings: {len(findings)} = {per100(len(findings)):.2f} per 100 MB "
      f"(allowlisted by rule/global allowlists: {s['allowlisted']})")
print(f"  known test keys (private keys in test-fixture folders): {len(test_keys)}")
print(f"  everything else: {len(other)} = {per100(len(other)):.2f} per 100 MB")

def table(title, items):
    if not items:
        return
    print(f"\n{title}")
    print(f"{'count':>6} {'/100MB':>7}  rule")
    by = collections.defaultdict(list)
    for f in items:
        by[f["rule_id"]].append(f)
    for rule, fs in sorted(by.items(), key=lambda kv: (-len(kv[1]), kv[0]))[:top]:
        print(f"{len(fs):>6} {per100(len(fs)):>7.2f}  {rule}")
        for f in fs[:examples]:
            ctx = " ".join(f.get("context", "").split())[:90]
            print(f"{'':>16}{f['path']}:{f['line']}  {ctx}")

table("by rule (excluding known test keys):", other)
table("known test keys:", test_keys)
PY
