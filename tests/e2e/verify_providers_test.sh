#!/usr/bin/env bash
# --verify against every provider verifier's API shape: for each provider
# (tests/e2e/verify_providers_cases.py), a live credential reports its identity
# and permissions and a revoked one reports revoked, in one scan of a directory
# holding every planted credential. The loopback fake (tests/verify/
# fake_providers.py) checks each request's method, path and where the
# credential goes, so a wrong [rule.verify] fails here rather than passing as
# "revoked".
source "$(dirname "$0")/lib.sh"

FAKE="$SOURCE_DIR/tests/verify/fake_providers.py"
CASES="$SOURCE_DIR/tests/e2e/verify_providers_cases.py"
SRC="$TMP/src"
mkdir -p "$SRC"
python3 "$CASES" plant "$SOURCE_DIR/rules" "$SRC" "$TMP/tokens.json" || die "plant"

python3 "$FAKE" --tokens "$TMP/tokens.json" --log "$TMP/fake.log" --port-file "$TMP/fake.port" &
FAKE_PID=$!
on_exit "kill $FAKE_PID 2>/dev/null"
for _ in $(seq 100); do [[ -s "$TMP/fake.port" ]] && break; sleep 0.1; done
[[ -s "$TMP/fake.port" ]] || die "fake server did not start"
touch "$TMP/fake.log"
BASE="http://127.0.0.1:$(cat "$TMP/fake.port")"

# Provider key (the verifier's name) -> the fake's prefix for it.
OVERRIDES=()
for key in google anthropic sendgrid twilio mailgun mailchimp digitalocean heroku datadog newrelic \
           sentry shopify discord telegram notion linear jira confluence atlassian okta cloudflare \
           netlify vercel postman pagerduty mapbox square doppler vault algolia paypal dockerhub; do
  OVERRIDES+=(--verify-base-url "$key=$BASE/$key")
done
# breadth-2 providers (issue 13)
for key in yandex_cloud yandex_id posthog ubidots mandrill scrapfly uptimerobot onesignal ngrok; do
  OVERRIDES+=(--verify-base-url "$key=$BASE/$key")
done
# issue 13, breadth-1
for key in apify courier kit klaviyo imagekit front lemonsqueezy cloudconvert google_oauth \
           aiven etherscan hunter jotform flickr guardianapi datagov; do
  OVERRIDES+=(--verify-base-url "$key=$BASE/$key")
done

# breadth-3 (verify branch)
for key in cohere deepseek groq mistral xai together openrouter cerebras elevenlabs deepgram \
           replicate stability assemblyai pinecone tavily firecrawl llamacloud langsmith wandb fireworks \
           fastly honeycomb harness infisical flyio frameio prefect twitch facebook linkedin segment \
           sparkpost readme rubygems paddle shippo duffel telnyx wise pipedrive lob flutterwave paystack \
           mollie clerk sonarqube gitea azure_devops databricks consul octopus ipinfo bscscan; do
  OVERRIDES+=(--verify-base-url "$key=$BASE/$key")
done
OVERRIDES+=(--verify-base-url "paddle_sandbox=$BASE/paddle")

run_lh scan "$SRC" --no-config --verify --verify-timeout 5 --no-redact "${OVERRIDES[@]}" \
  -f json -o "$TMP/report.json"
expect_eq "$RC" "1" "findings exit code"
[[ -z "$ERR" ]] || echo "$ERR" >&2

while read -r status msg; do
  if [[ "$status" == ok ]]; then pass; else fail "$msg"; fi
done < <(python3 "$CASES" check "$SOURCE_DIR/rules" "$TMP/report.json" "$TMP/fake.log" || echo "FAIL check script")

# The dry run names the new verifiers' endpoints without their paired values.
run_lh scan "$SRC/algolia.env" "$SRC/paypal.env" --no-config --verify-dry-run
expect_contains "$ERR" "GET https://***-dsn.algolia.net/1/keys" "dry run: Algolia host from the app id, masked"
expect_contains "$ERR" "POST https://api-m.paypal.com/v1/oauth2/token" "dry run: PayPal token endpoint"
finish
