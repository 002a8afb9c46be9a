#!/usr/bin/env bash
# `leakhound repos github|gitlab`: manifests from a loopback server that
# speaks the forges' pagination and rate-limit shapes
# (tests/remote/fake_forge.py); tokens from GITHUB_TOKEN/GITLAB_TOKEN, never
# printed, never sent to another host.
source "$(dirname "$0")/lib.sh"
abort_on_error
TOKEN="ghp_forgeTestToken$RANDOM$RANDOM"
PIDS=()
# shellcheck disable=SC2016
on_exit 'for p in "${PIDS[@]}"; do kill "$p" 2>/dev/null; done'
python3 "$SOURCE_DIR/tests/remote/fake_forge.py" --repos 120 --token "$TOKEN" \
  --port-file "$TMP/forge.port" --log "$TMP/forge.log" &
PIDS+=($!)
for _ in $(seq 100); do [[ -s "$TMP/forge.port" ]] && break; sleep 0.1; done
[[ -s "$TMP/forge.port" ]] || die "fake forge did not start"
BASE="http://127.0.0.1:$(cat "$TMP/forge.port")"
lines() { python3 -c "import json,sys; print(sum(1 for l in open(sys.argv[1]) if l.strip()))" "$1"; }
jq_py() { python3 -c "import json,sys; L=[json.loads(l) for l in open(sys.argv[1]) if l.strip()]; print($2)" "$1"; }

# --- 1. GitHub: 3 pages of 50 (120 repos), a secondary limit on page 2 and
# a primary limit on page 3, both waited out; archived and forks dropped.
start=$(date +%s)
GITHUB_TOKEN=$TOKEN run_lh repos github --org acme --api-url "$BASE/api/v3" -o "$TMP/gh.jsonl"
expect_rc 0 "github listing"
expect_eq "$(lines "$TMP/gh.jsonl")" 96 "120 minus 12 archived minus 12 forks"
expect_eq "$(jq_py "$TMP/gh.jsonl" "L[0]['url'], L[0]['name'], L[0]['default_branch'], L[0]['size_kb'], L[0]['forge']")" \
  "https://github.example/acme/r000.git acme/r000 master 100 github" "first entry"
expect_eq "$(jq_py "$TMP/gh.jsonl" "any(e['archived'] or e['fork'] for e in L)")" False "filters"
expect_eq "$(grep -c 'page=2.*-> 403' "$TMP/forge.log")" 1 "secondary limit hit once"
expect_eq "$(grep -c 'page=2.*-> 200' "$TMP/forge.log")" 1 "page 2 retried"
expect_eq "$(grep -c 'page=3.*-> 200' "$TMP/forge.log")" 1 "page 3 retried after reset"
(( $(date +%s) - start >= 2 )) && pass || fail "rate limits not waited out"
err_has "retrying in"
expect_not_contains "$OUT$ERR$(cat "$TMP/gh.jsonl")" "$TOKEN" "token printed"
expect_eq "$(stat -c %a "$TMP/gh.jsonl")" 644 "manifest mode"

# --- 2. Filters off: every repository.
GITHUB_TOKEN=$TOKEN run_lh repos github --org acme --api-url "$BASE/api/v3" \
  --include-archived --include-forks -q
expect_rc 0
expect_eq "$(printf '%s\n' "$OUT" | grep -c '"url"')" 120 "all repositories to stdout"

# --- 3. Bad token: exit 2, the forge's message, no token.
GITHUB_TOKEN=wrong-$TOKEN run_lh repos github --org acme --api-url "$BASE/api/v3"
expect_rc 2 "bad credentials"
err_has "HTTP 401: Bad credentials"
expect_not_contains "$ERR" "$TOKEN" "token in error"

# --- 4. A next-page link to another host: refused, the token is not sent.
GITHUB_TOKEN=$TOKEN run_lh repos github --org evil --api-url "$BASE/api/v3"
expect_rc 2 "next page elsewhere"
err_has "refusing to send the token"

# --- 5. Rate limit longer than --max-wait: exit 2 instead of sleeping.
: >"$TMP/forge.log"
GITHUB_TOKEN=$TOKEN run_lh repos github --org slow --api-url "$BASE/api/v3" --max-wait 0
expect_rc 2 "max-wait"
err_has "longer than --max-wait"

# --- 6. GitLab: nested group path (URL-encoded), x-next-page, 429 Retry-After.
GITLAB_TOKEN=$TOKEN run_lh repos gitlab --group acme/platform --api-url "$BASE/api/v4" -o "$TMP/gl.jsonl"
expect_rc 0 "gitlab listing"
expect_eq "$(lines "$TMP/gl.jsonl")" 96 "gitlab: archived (server side) and forks dropped"
expect_eq "$(jq_py "$TMP/gl.jsonl" "L[0]['name'], L[0]['forge']")" "acme/platform/p000 gitlab" "gitlab entry"
grep -q '/groups/acme%2Fplatform/projects' "$TMP/forge.log" && pass || fail "group path not encoded"
expect_eq "$(grep -c 'page=2.*-> 429' "$TMP/forge.log")" 1 "gitlab 429 once"
expect_not_contains "$OUT$ERR" "$TOKEN" "gitlab token printed"

# --- 7. Missing --org: usage error, exit 2.
run_lh repos github
expect_rc 2 "missing --org"
finish
