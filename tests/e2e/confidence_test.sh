#!/usr/bin/env bash
# End to end: the generic detector's judgement and the context confidence
# (issue 12): secret-named values in ordinary shapes are found with a
# confidence and its reasons; test paths, example words and demo passwords
# lower it; --min-confidence, [scan] min_confidence and --exclude-path filter;
# the text report lists low-confidence findings last; a keyword-only provider
# is named from the words near the value.
source "$(dirname "$0")/lib.sh"

rand() { python3 -c "import random,string,sys; r=random.Random(int(sys.argv[1])); a=sys.argv[2]; print(''.join(r.choice(a) for _ in range(int(sys.argv[3]))))" "$@"; }
AL=abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789
K1="Q7$(rand 1 "$AL" 28)"
K2="Z3$(rand 2 "$AL" 28)"
HEX=$(rand 3 0123456789abcdef 32)

P="$TMP/proj"
mkdir -p "$P/deploy" "$P/tests/fixtures"
printf 'APP_ENV=production\nPAYMENTS_API_KEY=%s\n' "$K1" >"$P/deploy/prod.env"
printf '# example values for the unit tests\nPAYMENTS_API_KEY=%s  # example\n' "$K2" \
  >"$P/tests/fixtures/app.env"
# base64("testuser:wrongpass"): a demo password
printf 'curl -H "Authorization: Basic dGVzdHVzZXI6d3JvbmdwYXNz" https://api.acme.io/v1/me\n' \
  >"$P/deploy/call.sh"
printf '# Weatherstack\nWEATHER_KEY=%s\n' "$HEX" >"$P/deploy/weather.env"

# 1. Found, with confidence and reasons.
run_lh scan "$P" --format json --no-config --progress never
expect_rc 1 "findings"
check "any(x['path'].endswith('deploy/prod.env') and x['rule_id'].startswith('generic.') and x['confidence'] == 'high' and 'secret-like name' in x['confidence_reasons'] for x in f)" \
  "a secret-named random value in .env is found at high confidence"
check "any(x['path'].endswith('tests/fixtures/app.env') and x['confidence'] == 'low' and 'test path' in x['confidence_reasons'] and 'example word nearby' in x['confidence_reasons'] for x in f)" \
  "the same shape in a test fixture with an example comment is low, with reasons"
check "any(x['rule_id'] == 'generic.authorization.basic' and x['confidence'] == 'low' and 'dictionary password' in x['confidence_reasons'] for x in f)" \
  "a Basic credential with a demo password is low: dictionary password"
check "any(x['path'].endswith('weather.env') and x['provider'] == 'Weatherstack' and any('inferred' in c for c in x['confidence_reasons']) for x in f)" \
  "a keyword-only provider is inferred from the comment above the key"
expect_not_contains "$OUT" "$K1" "secrets redacted"

# 2. --min-confidence drops what is below it; exit code follows what is left.
run_lh scan "$P" --format json --no-config --progress never --min-confidence medium
expect_rc 1 "medium and above remain"
check "all(x['confidence'] != 'low' for x in f) and len(f) >= 1" "no low-confidence finding under --min-confidence medium"
run_lh scan "$P/tests" --format json --no-config --progress never --min-confidence medium
expect_rc 0 "only low-confidence findings: exit 0 under --min-confidence medium"
run_lh scan "$P" --min-confidence bogus
expect_rc 2 "invalid --min-confidence is a usage error"

# 3. [scan] min_confidence in the configuration; a bad value names the line.
printf '[scan]\nmin_confidence = "high"\n' >"$TMP/high.toml"
run_lh scan "$P" --format json --config "$TMP/high.toml" --progress never
check "all(x['confidence'] == 'high' for x in f) and len(f) >= 1" "[scan] min_confidence = high"
run_lh scan "$P" --format json --config "$TMP/high.toml" --progress never --min-confidence low
check "any(x['confidence'] == 'low' for x in f)" "--min-confidence wins over the configuration"
printf '[scan]\nmin_confidence = "sure"\n' >"$TMP/bad.toml"
run_lh scan "$P" --config "$TMP/bad.toml"
expect_rc 2 "bad [scan] min_confidence"
err_has "min_confidence"

# 4. --exclude-path (repeatable) skips paths.
run_lh scan "$P" --format json --no-config --progress never --exclude-path 'tests/**' \
  --exclude-path '**/call.sh'
check "not any('tests/' in x['path'] or x['path'].endswith('call.sh') for x in f) and len(f) >= 1" \
  "--exclude-path globs are not reported"

# 5. Text: low-confidence findings come last, under their own heading, with reasons.
run_lh scan "$P" --no-config --progress never --color never
expect_contains "$OUT" "Low confidence" "text report has a low-confidence section"
before_low=${OUT%%Low confidence*}
expect_contains "$before_low" "deploy/prod.env" "the high-confidence finding is listed before the section"
after_low=${OUT#*Low confidence}
expect_contains "$after_low" "tests/fixtures/app.env" "the fixture is listed in the low-confidence section"
expect_contains "$after_low" "confidence low: " "reasons are shown"

# 6. Private keys: every copy of one key has the same key_identity, whatever
#    its encoding (a PEM file, the same key with \n escapes in JSON).
K="$TMP/keys"
mkdir -p "$K"
openssl genrsa -traditional -out "$K/id_rsa" 2048 2>/dev/null || openssl genrsa -out "$K/id_rsa" 2048 2>/dev/null
python3 -c "import json,sys; print(json.dumps({'key': open(sys.argv[1]).read()}))" "$K/id_rsa" >"$K/creds.json"
run_lh scan "$K" --format json --no-config --progress never
check "len({x.get('key_identity') for x in f}) == 1 and len(f) == 2 and f[0]['key_identity'].startswith('RSA 2048 SHA256:')" \
  "two copies of one private key share one key_identity"

# 7. A published test key (RFC 9500 testECCP256, rules/generic/published-keys.tsv)
#    is still reported, at low confidence with its reason; a fresh key is not.
openssl ecparam -name prime256v1 -genkey -noout -out "$K/fresh_ec" 2>/dev/null
cat >"$K/rfc9500.pem" <<'PEM'
-----BEGIN EC PRIVATE KEY-----
MHcCAQEEIObLW92AqkWunJXowVR2Z5/+yVPBaFHnEedDk5WJxk/BoAoGCCqGSM49
AwEHoUQDQgAEQiVI+I+3gv+17KN0RFLHKh5Vj71vc75eSOkyMsxFxbFsTNEMTLjV
uKFxOelIgsiZJXKZNCX0FBmrfpCkKklCcg==
-----END EC PRIVATE KEY-----
PEM
run_lh scan "$K/rfc9500.pem" --format json --no-config --progress never
check "len(f) == 1 and f[0]['confidence'] == 'low' and 'published test key' in f[0]['confidence_reasons']" \
  "a published test key is reported at low confidence with its reason"
run_lh scan "$K/fresh_ec" --format json --no-config --progress never
check "len(f) == 1 and 'published test key' not in f[0].get('confidence_reasons', [])" \
  "a freshly generated key is not marked as published"

finish
