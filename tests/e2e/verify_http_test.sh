#!/usr/bin/env bash
# --verify end to end against a loopback stand-in for the providers' APIs
# (tests/verify/fake_providers.py): live keys with identity and blast radius,
# revoked, rate limited, slow past the timeout, malformed JSON, a redirect to
# another host (never followed), AWS SigV4 checked by the server, the dry run
# (contacts nothing, prints no secret), `leakhound verify REPORT`, filters and
# output formats.
source "$(dirname "$0")/lib.sh"

FAKE="$SOURCE_DIR/tests/verify/fake_providers.py"
rand() { python3 -c "import random,sys; r=random.Random(int(sys.argv[1])); a=sys.argv[2]; print(''.join(r.choice(a) for _ in range(int(sys.argv[3]))))" "$@"; }
ALNUM=ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789
npm_token() { github_token "$1" | sed 's/^ghp_/npm_/'; }  # same CRC32 tail format

GH_LIVE=$(github_token 11); GH_DEAD=$(github_token 12); GH_LIMITED=$(github_token 13)
GH_SLOW=$(github_token 14); GH_GARBLED=$(github_token 15); GH_MOVED=$(github_token 16)
SLACK_LIVE="xoxb-7328780371-2570247556897-$(rand 21 $ALNUM 24)"
SLACK_DEAD="xoxb-7328780372-2570247556898-$(rand 22 $ALNUM 24)"
STRIPE_LIVE="sk_live_$(rand 31 $ALNUM 24)"
NPM_LIVE=$(npm_token 41)
OPENAI_LIVE="sk-proj-$(rand 51 $ALNUM 40)T3BlbkFJ$(rand 52 $ALNUM 40)"
HF_LIVE="hf_$(rand 61 $ALNUM 34)"
GITLAB_LIVE="glpat-$(rand 71 $ALNUM 20)"
AWS_ID=$(aws_key_id 81); AWS_SECRET=$(rand 82 "$ALNUM/+" 40)
AWS_ID2=$(aws_key_id 83); AWS_SECRET2=$(rand 84 "$ALNUM/+" 40)   # paired from another line
AWS_ID3=$(aws_key_id 85); AWS_SECRET3=$(rand 86 "$ALNUM/+" 40)   # key id unknown to AWS

cat >"$TMP/tokens.json" <<JSON
{"live": ["$GH_LIVE", "$SLACK_LIVE", "$STRIPE_LIVE", "$NPM_LIVE", "$OPENAI_LIVE", "$HF_LIVE", "$GITLAB_LIVE"],
 "revoked": ["$GH_DEAD", "$SLACK_DEAD"], "limited": ["$GH_LIMITED"], "slow": ["$GH_SLOW"],
 "malformed": ["$GH_GARBLED"], "redirect": ["$GH_MOVED"],
 "aws": {"$AWS_ID": "$AWS_SECRET", "$AWS_ID2": "$AWS_SECRET2"}}
JSON

PIDS=()
# shellcheck disable=SC2016  # PIDS is expanded at exit
on_exit 'for p in "${PIDS[@]}"; do kill "$p" 2>/dev/null; done'
start_fake() {  # NAME [--other URL]
  local name=$1; shift
  python3 "$FAKE" --tokens "$TMP/tokens.json" --log "$TMP/$name.log" --port-file "$TMP/$name.port" "$@" &
  PIDS+=($!)
  for _ in $(seq 100); do [[ -s "$TMP/$name.port" ]] && break; sleep 0.1; done
  [[ -s "$TMP/$name.port" ]] || die "$name server did not start"
  touch "$TMP/$name.log"
}
start_fake other
OTHER="http://127.0.0.1:$(cat "$TMP/other.port")"
start_fake main --other "$OTHER"
BASE="http://127.0.0.1:$(cat "$TMP/main.port")"
for p in github gitlab slack stripe npm openai; do
  export "LEAKHOUND_VERIFY_BASE_URL_${p^^}=$BASE/$p"
done
export LEAKHOUND_VERIFY_BASE_URL_HUGGINGFACE=$BASE/hf LEAKHOUND_VERIFY_BASE_URL_AWS=$BASE/aws \
       LEAKHOUND_VERIFY_BASE_URL_AWS_IAM=$BASE/aws

SRC="$TMP/src"
mkdir -p "$SRC"
cat >"$SRC/tokens.env" <<ENV
GITHUB_TOKEN=$GH_LIVE
OLD_GITHUB_TOKEN=$GH_DEAD
BUSY_GITHUB_TOKEN=$GH_LIMITED
SLOW_GITHUB_TOKEN=$GH_SLOW
ODD_GITHUB_TOKEN=$GH_GARBLED
MOVED_GITHUB_TOKEN=$GH_MOVED
SLACK_BOT_TOKEN=$SLACK_LIVE
SLACK_OLD_TOKEN=$SLACK_DEAD
STRIPE_SECRET_KEY=$STRIPE_LIVE
OPENAI_API_KEY=$OPENAI_LIVE
HF_TOKEN=$HF_LIVE
GITLAB_TOKEN=$GITLAB_LIVE
ENV
printf '//registry.npmjs.org/:_authToken=%s\n' "$NPM_LIVE" >"$SRC/.npmrc"
printf '[default]\naws_access_key_id = %s\naws_secret_access_key = %s\n' "$AWS_ID" "$AWS_SECRET" >"$SRC/credentials"
{ printf 'aws_access_key_id: %s\n' "$AWS_ID2"; for i in $(seq 8); do echo "# ---------------------------- padding line $i"; done
  printf 'aws_secret_access_key: %s\n' "$AWS_SECRET2"; } >"$SRC/deploy.yml"
printf '[x]\naws_access_key_id = %s\naws_secret_access_key = %s\n' "$AWS_ID3" "$AWS_SECRET3" >"$SRC/old_credentials"
cp "$SRC/tokens.env" "$SRC/copy.env"  # the same credentials again: verified once each

# verdict SECRET: the verification verdict of the finding with that secret.
# (Findings of rules without a verifier carry no "verification".)
verdict() { json_eval "$TMP/report.json" "next((f['verification']['verdict'] for f in d['findings'] if f['secret']=='$1' and 'verification' in f), 'unverified')"; }
field() { json_eval "$TMP/report.json" "next((f['verification']$2 for f in d['findings'] if f['secret']=='$1' and 'verification' in f), None)"; }

# 1. --dry-run lists endpoints and overrides, contacts nothing, prints no secret.
run_lh scan "$SRC" --no-config --verify-dry-run -f json -o "$TMP/dry.json"
expect_contains "$ERR" "GET $BASE/github/user (base URL from LEAKHOUND_VERIFY_BASE_URL_GITHUB)" "dry run lists GitHub"
expect_contains "$ERR" "POST $BASE/aws/ (GetCallerIdentity)" "dry run lists AWS STS"
expect_contains "$ERR" "base URL override: github=$BASE/github" "dry run prints overrides"
expect_contains "$ERR" "nothing was contacted" "dry run says so"
for s in "$GH_LIVE" "$SLACK_LIVE" "$AWS_SECRET" "$STRIPE_LIVE"; do expect_not_contains "$ERR" "$s" "dry run prints no secret"; done
expect_eq "$(wc -l <"$TMP/main.log")" "0" "dry run contacted nothing"

# 2. --verify: verdicts, identity, permissions.
run_lh scan "$SRC" --no-config --verify --verify-timeout 1 --no-redact -f json -o "$TMP/report.json"
expect_eq "$RC" "1" "findings exit code"
expect_eq "$(verdict "$GH_LIVE")" "live" "GitHub live"
expect_eq "$(field "$GH_LIVE" "['identity']['login']")" "octo" "GitHub login"
expect_eq "$(field "$GH_LIVE" "['permissions']")" "['scope: repo', 'scope: read:org', 'org: acme', 'org: initech']" "GitHub scopes and orgs"
expect_eq "$(field "$GH_LIVE" "['expires']")" "2031-01-01 00:00:00 UTC" "GitHub expiry"
expect_eq "$(verdict "$GH_DEAD")" "revoked" "GitHub revoked"
expect_eq "$(verdict "$GH_LIMITED")" "unknown" "rate limited is unknown"
expect_eq "$(field "$GH_LIMITED" "['reason']")" "rate limited (HTTP 429)" "rate-limit reason"
expect_eq "$(field "$GH_SLOW" "['reason']")" "timeout" "slow answer times out"
expect_contains "$(field "$GH_GARBLED" "['reason']")" "not JSON" "malformed JSON is unknown"
expect_eq "$(verdict "$GH_GARBLED")" "unknown" "malformed JSON is never live"
expect_eq "$(field "$GH_MOVED" "['reason']")" "redirect (HTTP 302) not followed" "redirect not followed"
expect_eq "$(wc -l <"$TMP/other.log")" "0" "the other host was never contacted"
expect_eq "$(verdict "$SLACK_LIVE")" "live" "Slack live"
expect_eq "$(field "$SLACK_LIVE" "['identity']['team']")" "Acme" "Slack team"
expect_eq "$(verdict "$SLACK_DEAD")" "revoked" "Slack invalid_auth is revoked"
expect_eq "$(field "$STRIPE_LIVE" "['identity']['account']")" "acct_1Acme" "Stripe account"
expect_eq "$(verdict "$NPM_LIVE")" "live" "npm live"
expect_contains "$(field "$NPM_LIVE" "['permissions']")" "package left-pad: read-write" "npm packages"
expect_eq "$(field "$OPENAI_LIVE" "['identity']['organization']")" "acme-ai" "OpenAI organization"
expect_contains "$(field "$OPENAI_LIVE" "['permissions']")" "org role: owner" "OpenAI org role"
expect_contains "$(field "$HF_LIVE" "['permissions']")" "token role: write" "Hugging Face role"
expect_contains "$(field "$GITLAB_LIVE" "['permissions']")" "scope: api" "GitLab scopes"
expect_eq "$(field "$GITLAB_LIVE" "['identity']['username']")" "gitlab-octo" "GitLab user"
expect_eq "$(verdict "$AWS_SECRET")" "live" "AWS live (SigV4 accepted by the server)"
expect_eq "$(field "$AWS_SECRET" "['identity']['arn']")" "arn:aws:iam::123456789012:user/deploy-bot" "AWS ARN"
expect_eq "$(field "$AWS_SECRET" "['permissions']")" "['policy: AdministratorAccess', '(not allowed to ListUserPolicies)', 'group: deployers']" "AWS blast radius"
expect_eq "$(field "$AWS_SECRET" "['access']")" "{'level': 'admin', 'basis': 'policy: AdministratorAccess'}" "AWS access level from its policy"
expect_eq "$(field "$GH_LIVE" "['access']")" "{'level': 'write', 'basis': 'scope: repo'}" "GitHub access level from its scopes"
expect_eq "$(field "$STRIPE_LIVE" "['access']['level']")" "admin" "Stripe secret key: admin"
expect_eq "$(field "$NPM_LIVE" "['access']['level']")" "write" "npm read-write package: write"
expect_eq "$(field "$GH_DEAD" "['access']")" "None" "no access level without a live verdict"
expect_eq "$(verdict "$AWS_SECRET2")" "live" "AWS key id paired from another line"
expect_eq "$(verdict "$AWS_SECRET3")" "revoked" "AWS unknown key id is revoked"
sts_calls=$(grep -c '"POST", "path": "/aws/"' "$TMP/main.log")
expect_eq "$sts_calls" "3" "each AWS credential verified once"
gh_user_calls=$(grep -c '"path": "/github/user"' "$TMP/main.log")
expect_eq "$gh_user_calls" "6" "each GitHub token verified once (copy.env repeats them)"

# 3. Text and SARIF carry the verdict; live findings come first.
run_lh scan "$SRC" --no-config --verify --verify-timeout 1 --only-verified -f json -o "$TMP/live.json"
expect_eq "$(json_eval "$TMP/live.json" "sorted({f['verification']['verdict'] for f in d['findings']})")" "['live']" "--only-verified keeps live only"
run_lh scan "$SRC/credentials" --no-config --verify
expect_contains "$OUT" "verified live" "text shows the verdict"
expect_contains "$OUT" "arn=arn:aws:iam::123456789012:user/deploy-bot" "text shows identity"
expect_contains "$OUT" "policy: AdministratorAccess" "text shows permissions"
expect_contains "$OUT" "access: admin (policy: AdministratorAccess)" "text shows the access level in one line"
run_lh scan "$SRC/tokens.env" --no-config --verify --verify-timeout 1 -f sarif -o "$TMP/r.sarif"
expect_eq "$(json_eval "$TMP/r.sarif" "d['runs'][0]['results'][0]['properties']['verification']['verdict']")" "live" "SARIF: live first, verdict in properties"

# 4. `leakhound verify REPORT` re-verifies without rescanning; redacted reports are refused.
rm -rf "$SRC"
: >"$TMP/main.log"
run_lh verify "$TMP/report.json" --no-config -f json -o "$TMP/again.json"
expect_eq "$RC" "1" "verify exits 1 when findings are reported"
expect_eq "$(json_eval "$TMP/again.json" "next(f['verification']['verdict'] for f in d['findings'] if f['rule_id']=='aws.secret-access-key' and f['path'].split('/')[-1]=='credentials')")" "live" "re-verified AWS"
expect_eq "$(json_eval "$TMP/again.json" "d['findings'][0]['verification']['verdict']")" "live" "re-verified report sorts live first"
expect_contains "$ERR" "re-verified" "verify prints a summary"
expect_eq "$(json_eval "$TMP/again.json" "d['secrets_redacted']")" "True" "verify output is redacted by default"
# The same as an HTML page: verdicts and access levels, no secret.
run_lh verify "$TMP/report.json" --no-config -f html -o "$TMP/again.html"
expect_eq "$RC" "1" "verify --format html"
page=$(<"$TMP/again.html")
live=$(json_eval "$TMP/again.json" "sum(1 for f in d['findings'] if f.get('verification', {}).get('verdict') == 'live')")
expect_contains "$page" "<li class=\"card live\"><span class=\"value\">$live</span>" "HTML live card counts the live findings"
expect_contains "$page" "Rotate now: verified live" "HTML checklist puts live credentials first"
expect_contains "$page" "admin: policy: AdministratorAccess" "HTML shows the access level"
for s in "$GH_LIVE" "$SLACK_LIVE" "$AWS_SECRET" "$STRIPE_LIVE"; do expect_not_contains "$page" "$s" "HTML is redacted"; done
run_lh verify "$TMP/dry.json" --no-config
expect_eq "$RC" "2" "redacted report is an error"
expect_contains "$ERR" "--no-redact" "error says how to get a usable report"

# 5. rules list names verifiers and what they report.
run_lh rules list --no-config
expect_contains "$OUT" "github.pat.classic" "rules list"
expect_contains "$(grep '^aws.secret-access-key' <<<"$OUT")" " aws " "AWS rule shows its verifier"
expect_contains "$(grep '^github.pat.classic' <<<"$OUT")" "[verifies: login" "GitHub rule shows what it reports"
run_lh rules list --verifiers --no-config
expect_contains "$OUT" '| GitHub | `github.pat.classic` | github (http) | `GET https://api.github.com/user` |' "verifier matrix"
# The matrix in README.md and docs/verify.md: exactly the current one (no row
# missing, none stale).
matrix_of() { awk '/^\| Provider \| Rule \| Verifier \|/{p=1} p && !/^\|/{exit} p' "$1"; }
for doc in docs/verify.md README.md; do
  stale=$(diff <(matrix_of "$SOURCE_DIR/$doc") - <<<"$OUT" | head -5)
  expect_eq "$stale" "" "$doc carries the current verifier matrix (regenerate: docs/gen-verifier-matrix.sh build/leakhound)"
done
finish
