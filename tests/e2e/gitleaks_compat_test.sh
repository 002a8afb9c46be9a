#!/usr/bin/env bash
# End to end: gitleaks configurations as teams write them (extend useDefault
# + custom rules + allowlists in both forms + .gitleaksignore + gitleaks:allow),
# read from .gitleaks.toml at the root or --config, in `scan` and `git` runs.
# The expected findings are the ones gitleaks' semantics give for these
# rules (keywords anywhere in the file, path regexes, first non-empty group,
# entropy strictly above the threshold, allowlists, fingerprints).
source "$(dirname "$0")/lib.sh"

# hexof SEED LEN: deterministic fake token material.
hexof() { printf %s "$1" | sha256sum | cut -c1-"$2"; }
# findings FILE [ID-REGEX]: "rule path:line" per finding, sorted.
findings() {
  python3 - "$1" "${2:-.}" <<'PY'
import json, re, sys
d = json.load(open(sys.argv[1]))
rx = re.compile(sys.argv[2])
print("\n".join(sorted(f"{x['rule_id']} {x['path']}:{x['line']}" for x in d["findings"]
                       if rx.search(x["rule_id"]))))
PY
}
# expect_findings REPORT ID-REGEX MESSAGE <<< expected lines
expect_findings() {
  local expected actual
  expected=$(cat)
  actual=$(findings "$1" "$2")
  if [[ "$actual" == "$expected" ]]; then pass; else
    fail "$3"
    diff <(echo "$expected") <(echo "$actual") >&2
  fi
}
OURS='^(acme-|legacy-|team-|aws\.access-key-id$)'

LIVE=acme_live_$(hexof live 24)
TEST=acme_test_$(hexof test 24)
VENDORED=acme_live_$(hexof vendored 24)
WH1=whsk_$(hexof wh1 32)
WH2=whsk_$(hexof wh2 32)
WH3=whsk_$(hexof wh3 32)
WH4=whsk_$(hexof wh4 32)
SIGNKEY=$(hexof signer 64)
AK_DOCS=$(aws_key_id 21)
AK_README=$(aws_key_id 22)

# --- 1. A real-world-shaped .gitleaks.toml at the scan root --------------------
P="$TMP/proj"
mkdir -p "$P"/{src/app,deploy/prod,deploy/dev,config,docs,vendor/lib,web,scripts}
cat >"$P/.gitleaks.toml" <<'EOF'
title = "Acme Corp secrets policy"

[extend]
useDefault = true
# gitleaks' generic rule id, and leakhound's generic password rules
disabledRules = ["generic-api-key", "generic.password.quoted", "generic.password.unquoted"]

[[rules]]
id = "acme-api-token"
description = "Acme internal API token"
regex = '''\b(acme_(?:live|test)_[0-9A-Za-z]{24})\b'''
keywords = ["acme_live_", "acme_test_"]
tags = ["acme", "token"]

  [[rules.allowlists]]
  description = "test-mode tokens are not secrets"
  regexes = ['''^acme_test_''']

[[rules]]
id = "acme-db-password"
description = "Database password in service configuration"
regex = '''(?i)\bdb_?pass(?:word)?\s*[:=]\s*["']?(?<pw>[^\s"']{10,64})'''
entropy = 3.0
keywords = ["DB_PASS"]
path = '''(?i)\.(?:ya?ml|env)$'''

  [[rules.allowlists]]
  description = "dev passwords in the dev overlay"
  condition = "AND"
  paths = ['''(^|/)deploy/dev/''']
  stopwords = ["dev"]

[[rules]]
id = "acme-signing-key"
description = "Request-signing key in files that configure the signer"
regex = '''\b[0-9a-f]{64}\b'''
keywords = ["acme-signer"]
entropy = 3.5

[[rules]]
id = "legacy-webhook-secret"
description = "Legacy webhook signing secret (e.g. whsk_ followed by 32 characters)"
regex = '''\bwhsk_[A-Za-z0-9]{32}\b'''
keywords = ["whsk_"]

# Extends gitleaks' default rule of that id: not a leakhound rule (warning).
[[rules]]
id = "generic-api-key"
  [[rules.allowlists]]
  regexes = ['''(?i)example''']

[[allowlists]]
description = "vendored and generated files"
paths = [
  '''(^|/)vendor/''',
  '''(^|/)node_modules/''',
  '''\.min\.js$''',
]

[[allowlists]]
description = "the AWS key in the README is the public demo account"
targetRules = ["aws.access-key-id"]
paths = ['''^README\.md$''']
EOF
# A rotated secret quoted in the configuration: the configuration is not scanned.
printf '# rotated in 2023: %s\n' "whsk_$(hexof rotated 32)" >>"$P/.gitleaks.toml"
printf '# settings\nACME_TOKEN = "%s"\n' "$LIVE" >"$P/src/app/settings.py"
printf 'ACME_TOKEN = "%s"\n' "$TEST" >"$P/src/app/test_settings.py"
printf 'db_password = "Rk9#vT2q!Lm7xW4z"\n' >"$P/src/app/db.py"
printf 'service: api\nreplicas: 3\ndb_password: "Rk9#vT2q!Lm7xW4z"\n' >"$P/deploy/prod/values.yaml"
printf 'db_password: "dev-Pq8Xz3Wk"\n' >"$P/deploy/dev/values.yaml"
printf 'db_password: "Zx81kq0mPLa2"\n' >"$P/deploy/dev/other.yaml"
printf 'DB_PASS=aaaaaaaaaaaa\nDB_PASSWORD=Tq4Nz8Rw2Kx6\n' >"$P/config/app.env"
printf '# acme-signer configuration\nkey = %s\n' "$SIGNKEY" >"$P/config/signer.conf"
printf 'app.tar.gz %s\n' "$SIGNKEY" >"$P/config/checksums.txt"
printf '# Demo\n\nexport AWS_ACCESS_KEY_ID=%s\n' "$AK_README" >"$P/README.md"
printf '# Setup\n\nexport AWS_ACCESS_KEY_ID=%s\n' "$AK_DOCS" >"$P/docs/setup.md"
printf 'const t = "%s";\n' "$VENDORED" >"$P/vendor/lib/config.js"
printf 'var t="%s";\n' "$VENDORED" >"$P/web/app.min.js"
printf '#!/bin/sh\nWHSK=%s\nWHSK_OLD=%s # gitleaks:allow\n' "$WH1" "$WH2" >"$P/scripts/hook.sh"
printf '#!/bin/sh\n\nWHSK=%s\n\nWHSK_NEXT=%s\n' "$WH3" "$WH4" >"$P/scripts/deploy.sh"
printf '# accepted after review\nscripts/deploy.sh:legacy-webhook-secret:3\n' >"$P/.gitleaksignore"

cd "$P"
run_lh scan . --format json --no-redact --output "$TMP/scan1.json"
expect_eq "$RC" "1" "gitleaks config: findings exit 1"
expect_findings "$TMP/scan1.json" "$OURS" "gitleaks config: findings follow gitleaks semantics" <<'EOF'
acme-api-token src/app/settings.py:2
acme-db-password config/app.env:2
acme-db-password deploy/dev/other.yaml:1
acme-db-password deploy/prod/values.yaml:3
acme-signing-key config/signer.conf:2
aws.access-key-id docs/setup.md:3
legacy-webhook-secret scripts/deploy.sh:5
legacy-webhook-secret scripts/hook.sh:2
EOF
secret=$(json_eval "$TMP/scan1.json" \
  "[x['secret'] for x in d['findings'] if x['path']=='deploy/prod/values.yaml'][0]")
expect_eq "$secret" "Rk9#vT2q!Lm7xW4z" "no secretGroup: the secret is the first non-empty group"
expect_eq "$(findings "$TMP/scan1.json" '^generic\.password\.')" "" \
  "disabledRules turns off leakhound rules by id"
expect_contains "$ERR" \
  "leakhound: warning: .gitleaks.toml: disabled rule 'generic-api-key' matches no rule" \
  "a gitleaks default rule id is reported"
expect_contains "$ERR" \
  "leakhound: warning: .gitleaks.toml: [[rules]] 'generic-api-key': 'generic-api-key' matches no rule; ignored" \
  "extending an unknown default rule is reported"

# From outside, `scan proj`: paths still match relative to the scan root.
cd "$TMP"
run_lh scan proj --format json --output "$TMP/scan1b.json"
expect_eq "$(findings "$TMP/scan1b.json" "$OURS")" "$(findings "$TMP/scan1.json" "$OURS" |
  sed -E 's| | proj/|')" "scan DIR: path regexes and ignore entries are root-relative"
cd "$P"
run_lh config check
expect_eq "$RC" "0" "config check accepts the gitleaks configuration"
expect_contains "$ERR" "leakhound: .gitleaks.toml: ok, gitleaks configuration (" \
  "config check names the format"

# A gitleaks JSON report as a baseline suppresses by file and line.
cat >"$TMP/gitleaks-report.json" <<'EOF'
[{"Description":"Acme internal API token","StartLine":2,"EndLine":2,"File":"src/app/settings.py",
  "RuleID":"acme-api-token","Fingerprint":"src/app/settings.py:acme-api-token:2"}]
EOF
run_lh scan . --format json --baseline "$TMP/gitleaks-report.json" --output "$TMP/scan-bl.json"
expect_eq "$(findings "$TMP/scan-bl.json" '^acme-api-token$')" "" "gitleaks report as a baseline"
cd - >/dev/null

# --- 2. The same repository as git history ---------------------------------------
G="$TMP/repo"
cp -r "$P" "$G"
cd "$G"
git init -q . && git add -A && git commit -qm "initial import"
printf '#!/bin/sh\nWHSK=%s\n' "whsk_$(hexof rotate 32)" >scripts/rotate.sh
git add -A && git commit -qm "rotate webhook"
ROTATE=$(git rev-parse HEAD)
printf 'WHSK=%s\n' "whsk_$(hexof notes 32)" >docs/notes.md
printf 'WHSK=%s\n' "whsk_$(hexof other 32)" >docs/other.md
git add -A && git commit -qm "notes"
NOTES=$(git rev-parse HEAD)
cat >>.gitleaks.toml <<EOF

[[allowlists]]
description = "rotated in the incident response"
commits = ["${ROTATE^^}"]
EOF
{
  echo "$NOTES:docs/notes.md:legacy-webhook-secret:1"
  echo "$ROTATE:docs/other.md:legacy-webhook-secret:1"
} >>.gitleaksignore
run_lh git . --format json --output "$TMP/git1.json"
expect_eq "$RC" "1" "git history: findings exit 1"
expect_findings "$TMP/git1.json" "$OURS" "git history: commits allowlist and commit fingerprints" <<'EOF'
acme-api-token src/app/settings.py:2
acme-db-password config/app.env:2
acme-db-password deploy/dev/other.yaml:1
acme-db-password deploy/prod/values.yaml:3
acme-signing-key config/signer.conf:2
aws.access-key-id docs/setup.md:3
legacy-webhook-secret docs/other.md:1
legacy-webhook-secret scripts/deploy.sh:5
legacy-webhook-secret scripts/hook.sh:2
EOF
cd - >/dev/null

# --- 3. [extend] path with the old single-table allowlist forms -------------------
E="$TMP/extend"
mkdir -p "$E"/{security,src,fixtures,third_party,scripts,docs}
cat >"$E/security/gitleaks-base.toml" <<'EOF'
title = "Acme shared rules"
[extend]
useDefault = true
[[rules]]
id = "acme-api-token"
description = "Acme internal API token"
regex = '''\b(acme_(?:live|test)_[0-9A-Za-z]{24})\b'''
keywords = ["acme_"]
[rules.allowlist]
regexes = ['''^acme_test_''']
[[rules]]
id = "legacy-webhook-secret"
regex = '''\bwhsk_[A-Za-z0-9]{32}\b'''
[allowlist]
description = "shared exclusions"
paths = ['''(^|/)third_party/''']
EOF
cat >"$E/.gitleaks.toml" <<'EOF'
[extend]
path = "security/gitleaks-base.toml"
disabledRules = ["legacy-webhook-secret"]

# Adds an allowlist to the base rule (no regex: gitleaks merges it).
[[rules]]
id = "acme-api-token"
[[rules.allowlists]]
paths = ['''^fixtures/''']

[[rules]]
id = "team-session-secret"
description = "Team session secret"
regex = '''SESSION_SECRET\s*=\s*(\S{20,})'''
secretGroup = 1
EOF
printf 'T = "%s"\n' "$LIVE" >"$E/src/a.py"
printf 'T = "%s"\n' "$LIVE" >"$E/fixtures/t.py"
printf 'T = "%s"\n' "$LIVE" >"$E/third_party/x.py"
printf 'T = "%s"\n' "$TEST" >"$E/src/test_a.py"
printf 'W=%s\n' "$WH1" >"$E/scripts/h.sh"
printf 'x\nSESSION_SECRET = %s\n' "$(hexof session 28)" >"$E/src/settings.ini"
printf 'export AWS_ACCESS_KEY_ID=%s\n' "$AK_DOCS" >"$E/docs/aws.md"
cd "$E"
run_lh scan . --format json --output "$TMP/extend.json"
expect_eq "$RC" "1" "extend path: findings exit 1"
expect_findings "$TMP/extend.json" "$OURS" "extend path: merged rules, disabled base rule, old forms" <<'EOF'
acme-api-token src/a.py:1
aws.access-key-id docs/aws.md:1
team-session-secret src/settings.ini:2
EOF
cd - >/dev/null

# --- 4. --config: detected by shape, and it wins over a discovered file -------------
mkdir -p "$TMP/cfgsel"
printf '[rules]\nuse_builtin = false\n' >"$TMP/cfgsel/.leakhound.toml"
printf 'W=%s\n' "$WH1" >"$TMP/cfgsel/a.sh"
cat >"$TMP/policy.toml" <<'EOF'
[[rules]]
id = "legacy-webhook-secret"
regex = '''\bwhsk_[A-Za-z0-9]{32}\b'''
EOF
run_lh scan "$TMP/cfgsel" --format json --output "$TMP/cfgsel.json" --config "$TMP/policy.toml"
expect_eq "$RC" "1" "--config policy.toml is read as a gitleaks file"
expect_findings "$TMP/cfgsel.json" . "--config: only the gitleaks file's rules (no extend = no built-ins)" <<EOF
legacy-webhook-secret $TMP/cfgsel/a.sh:1
EOF

# --- 5. A regex neither engine accepts: warning by rule id, the rest still runs ------
mkdir -p "$TMP/broken"
cat >"$TMP/broken/.gitleaks.toml" <<'EOF'
[[rules]]
id = "broken-rule"
regex = '''(?i)(token|key)\s*=\s*([a-z0-9]{32}'''
[[rules]]
id = "empty-match"
regex = '''x*'''
[[rules]]
id = "legacy-webhook-secret"
regex = '''\bwhsk_[A-Za-z0-9]{32}\b'''
EOF
printf 'W=%s\n' "$WH1" >"$TMP/broken/a.sh"
cd "$TMP/broken"
run_lh scan . --format json --output "$TMP/broken.json"
expect_eq "$RC" "1" "bad regexes: the other rules still run"
expect_findings "$TMP/broken.json" . "bad regexes: findings of the good rule" <<'EOF'
legacy-webhook-secret a.sh:1
EOF
expect_contains "$ERR" \
  "leakhound: warning: .gitleaks.toml: line 1: rule 'broken-rule': invalid regex: missing ): " \
  "RE2-rejected regex is named by rule id"
expect_contains "$ERR" \
  "leakhound: warning: .gitleaks.toml: line 4: rule 'empty-match': hyperscan cannot compile regex: " \
  "Hyperscan-rejected regex is named by rule id"
run_lh config check
expect_eq "$RC" "0" "config check: dropped gitleaks rules are warnings"
expect_contains "$ERR" "rule 'broken-rule': invalid regex" "config check lists the dropped rule"
cd - >/dev/null

# --- 6. Invalid gitleaks configuration: exit 2 with one line naming file/line/key ----
mkdir -p "$TMP/invalid"
printf '[[rules]]\nid = "r"\nregex = "x_[0-9]{4}"\nentropy = "high"\n' >"$TMP/invalid/.gitleaks.toml"
cd "$TMP/invalid"
run_lh scan .
expect_eq "$RC" "2" "invalid gitleaks config: exit 2"
expect_eq "$ERR" \
  "leakhound: error: .gitleaks.toml: [[rules]] 'r': line 4: 'entropy' must be a number" \
  "invalid gitleaks config: one line naming file, line and key"
run_lh config check
expect_eq "$RC" "1" "config check: invalid gitleaks config exits 1"
cd - >/dev/null

# --- 7. Generic rules, gitleaks rule ids in .gitleaksignore, report baselines -----
D="$TMP/dedupe"
mkdir -p "$D/src"
cat >"$D/.gitleaks.toml" <<'EOF'
[extend]
useDefault = true
disabledRules = ["tag:generic"]

# Copied from gitleaks' default configuration (shortened).
[[rules]]
id = "generic-api-key"
regex = '''(?i)(?:key|token|secret)\s*[:=]\s*["']?([A-Za-z0-9]{16,64})'''
entropy = 3.0
keywords = ["key", "token", "secret"]

# A team rule for the same keys: both rules report.
[[rules]]
id = "team-aws-key-id"
regex = '''\b(AKIA[A-Z2-7]{16})\b'''

[[rules]]
id = "lazy-token"
regex = '''(?U)lazy_[a-z0-9]{4,12}'''
EOF
AK1=$(aws_key_id 41)
AK2=$(aws_key_id 42)
AK3=$(aws_key_id 43)
printf 'aws_key = "%s"\nother_key = "%s"\n' "$AK1" "$AK2" >"$D/src/a.txt"
printf 'api_token = "%s"\nx = lazy_abcdefgh\n' "Zq8Rk2LmNp4Xv7Bc9Df1Gh" >"$D/src/b.txt"
printf 'AWS_ACCESS_KEY_ID=%s\n' "$AK3" >"$D/c.txt"
# Entries with gitleaks' default rule ids: they match any rule at that file and line.
printf 'src/a.txt:aws-access-token:2\n' >"$D/.gitleaksignore"
cd "$TMP"
run_lh scan dedupe --format json --no-redact --output "$TMP/dedupe.json"
expect_findings "$TMP/dedupe.json" . \
  "generic-api-key yields to specific rules, which all report; gitleaks ids in .gitleaksignore" <<'EOF'
aws.access-key-id dedupe/c.txt:1
aws.access-key-id dedupe/src/a.txt:1
generic-api-key dedupe/src/b.txt:1
lazy-token dedupe/src/b.txt:2
team-aws-key-id dedupe/c.txt:1
team-aws-key-id dedupe/src/a.txt:1
EOF
secret=$(json_eval "$TMP/dedupe.json" "[x['secret'] for x in d['findings'] if x['rule_id']=='lazy-token'][0]")
expect_eq "$secret" "lazy_abcd" "(?U) rules run, ungreedy"
expect_not_contains "$ERR" "lazy-token" "(?U) rules are not dropped"
# A gitleaks report of `gitleaks dir .` inside the project: File is root-relative.
cat >"$TMP/gl-dedupe.json" <<EOF
[{"RuleID":"aws-access-token","File":"src/a.txt","StartLine":1,"Secret":"$AK1"},
 {"RuleID":"aws-access-token","File":"c.txt","StartLine":1,"Secret":"AKIAOTHERSECRET00000"}]
EOF
run_lh scan dedupe --format json --baseline "$TMP/gl-dedupe.json" --output "$TMP/dedupe-bl.json"
expect_findings "$TMP/dedupe-bl.json" '^(aws|team)' \
  "scan DIR --baseline: report paths are relative to the scan root; unredacted secrets compared" <<'EOF'
aws.access-key-id dedupe/c.txt:1
team-aws-key-id dedupe/c.txt:1
EOF
cd - >/dev/null

finish
