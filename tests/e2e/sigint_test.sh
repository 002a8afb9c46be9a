#!/usr/bin/env bash
# End to end: SIGINT (and SIGTERM) stop a scan cleanly: exit 130, a one-line
# notice, and the report written with what was found so far. The signal is
# sent once the progress line shows a finding, so the outcome is
# deterministic: (1) a big tree, (2) a scan blocked reading a stdin that never
# closes (must not wait for the writer), (3) a git history scan.
source "$(dirname "$0")/lib.sh"

GH=$(github_token 51)

# wait_for_finding ERRFILE PID: waits (at most 100 s) until the progress line
# in ERRFILE shows at least one finding, or the process is gone.
wait_for_finding() {
  for _ in $(seq 1 1000); do
    # "1 candidate" while running (the progress line), "1 finding" in the summary.
    if grep -qE '[1-9][0-9]* (finding|candidate)' "$1" 2>/dev/null; then return 0; fi
    kill -0 "$2" 2>/dev/null || return 1
    sleep 0.1
  done
  return 1
}

# interrupt SIGNAL REPORT ARGS...: runs leakhound ARGS in the background with
# --progress always and a JSON report, sends SIGNAL after the first finding,
# and sets RC and ERR. Standard input is $LH_STDIN (default /dev/null).
interrupt() {
  local sig=$1 report=$2
  shift 2
  timeout 150 "$LEAKHOUND" "$@" --progress always --format json --output "$report" \
    <"${LH_STDIN:-/dev/null}" 2>"$TMP/sig.err" &
  local pid=$!
  # timeout(1) forwards the signal to leakhound.
  if wait_for_finding "$TMP/sig.err" "$pid"; then
    kill "-$sig" "$pid"
  else
    fail "no progress before the signal ($*): $(tr '\r' '\n' <"$TMP/sig.err" | tail -3)"
  fi
  wait "$pid"
  RC=$?
  ERR=$(tr '\r' '\n' <"$TMP/sig.err")
}

# 1. A big tree: the secret is in the first file; 60k more files follow.
D="$TMP/tree"; mkdir -p "$D"
printf 'GITHUB_TOKEN=%s\n' "$GH" >"$D/000-first.env"
python3 - "$D" <<'PY'
import os, sys
d = sys.argv[1]
line = "".join(f"value_{i} = some ordinary configuration text {i}\n" for i in range(40))
for i in range(60000):
    sub = os.path.join(d, f"d{i // 1000:03d}")
    if i % 1000 == 0: os.mkdir(sub)
    with open(os.path.join(sub, f"f{i:05d}.txt"), "w") as f: f.write(line)
PY
interrupt INT "$TMP/tree.json" scan "$D" -j 1
expect_eq "$RC" "130" "SIGINT exits 130"
expect_contains "$ERR" "interrupted; the report holds what was found so far" "interruption is announced"
expect_eq "$(json_eval "$TMP/tree.json" "len(d['findings'])")" "1" "the finding so far is in the report"
n=$(json_eval "$TMP/tree.json" "d['summary']['blobs_scanned']")
if ((n < 60001)); then pass; else fail "scan was not interrupted (scanned $n blobs)"; fi

# 2. SIGTERM while the source is blocked on a stdin that never closes.
printf 'GITHUB_TOKEN=%s\n' "$GH" >"$TMP/one.env"
mkfifo "$TMP/stdin.fifo"
sleep 300 >"$TMP/stdin.fifo" &
writer=$!
LH_STDIN="$TMP/stdin.fifo" interrupt TERM "$TMP/stdin.json" scan "$TMP/one.env" -
kill "$writer" 2>/dev/null
expect_eq "$RC" "130" "SIGTERM while reading stdin exits 130 (no wait for the writer)"
expect_eq "$(json_eval "$TMP/stdin.json" "len(d['findings'])")" "1" "findings before stdin are reported"

# 3. A git history scan.
G="$TMP/repo"; git init -q "$G"
python3 - "$GH" <<'PY' | git -C "$G" fast-import --quiet
import sys
gh = sys.argv[1]
for i in range(1, 20001):
    body = f"GITHUB_TOKEN={gh}\n" if i == 1 else "".join(f"v{j} = {i}\n" for j in range(150))
    msg = f"c{i}\n"
    sys.stdout.write(f"commit refs/heads/main\nmark :{i}\ncommitter T <t@e> {1700000000 + i} +0000\n"
                     f"data {len(msg)}\n{msg}" + (f"from :{i - 1}\n" if i > 1 else "") +
                     f"M 100644 inline f{i % 7}.txt\ndata {len(body)}\n{body}\n")
PY
interrupt INT "$TMP/git.json" git "$G" -j 1
# The history scan may finish before the signal lands on a fast machine (exit 1).
expect_contains "1 130" "$RC" "git scan stops on SIGINT"
if [[ "$RC" == 130 ]]; then
  expect_contains "$ERR" "interrupted" "git interruption is announced"
  json_eval "$TMP/git.json" "d['summary']" >/dev/null && pass || fail "git report still written"
fi

finish
