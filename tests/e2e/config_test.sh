#!/usr/bin/env bash
# End to end: .leakhound.toml discovered at the scan root (directory or
# repository), --config overriding it, --no-config, every section acting on a
# scan, invalid configurations (exit 2, one line naming file/line/key), and
# `leakhound config check` (every problem, exit codes).
source "$(dirname "$0")/lib.sh"

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
expect_findings() {
  local expected actual
  expected=$(cat)
  actual=$(findings "$1" "$2")
  if [[ "$actual" == "$expected" ]]; then pass; else
    fail "$3"
    diff <(echo "$expected") <(echo "$actual") >&2
  fi
}
OURS='^(acme\.|aws\.access-key-id$)'

TOK1=acme_live_$(hexof one 24)
TOK2=acme_live_$(hexof two 24)
TOK3=acme_live_$(hexof three 24)
AK_PROD=$(aws_key_id 31)
AK_LOCAL=$(aws_key_id 32)

P="$TMP/proj"
mkdir -p "$P"/{src,testdata,vendor,infra/localstack,docs}
cat >"$P/.leakhound.toml" <<EOF
[rules]
disable = ["generic.*"]

[[rules.override]]
id = "aws.access-key-id"
severity = "critical"
[[rules.override.allowlists]]
description = "LocalStack keys are fake"
paths = ["**/localstack/**"]

[[rule]]
id = "acme.api-token"
description = "Acme internal API token"
provider = "Acme"
regex = '''\\b(acme_live_[0-9a-f]{24})\\b'''
secret_group = 1
keywords = ["acme_live_"]
examples = ["token = $TOK3"]
negative_examples = ["acme_live_short"]

[[allowlists]]
description = "fixtures"
paths = ["**/testdata/**"]

[[allowlists]]
description = "docs samples, only when the line says so"
paths = ["docs/**"]
regexes = ['(?i)sample']
regex_target = "line"
condition = "all"

[scan]
exclude_paths = ["vendor/**"]
max_file_size = "1KiB"
EOF
printf 'A = "%s"\nB = "%s"  # leakhound:allow\nC = "%s"\n' "$TOK1" "$TOK2" "$TOK3" >"$P/src/app.py"
printf 'A = "%s"\n' "$TOK1" >"$P/testdata/fixture.py"
printf 'A = "%s"\n' "$TOK1" >"$P/vendor/lib.py"
{ printf 'A = "%s"\n' "$TOK2"; head -c 2048 /dev/zero | tr '\0' '#'; echo; } >"$P/big.txt"
printf 'AWS_ACCESS_KEY_ID=%s\n' "$AK_LOCAL" >"$P/infra/localstack/env"
printf 'AWS_ACCESS_KEY_ID=%s\n' "$AK_PROD" >"$P/infra/prod.env"
printf 'sample: %s\nreal: %s\n' "$TOK1" "$TOK2" >"$P/docs/guide.md"

# 1. Discovery at the scan root (run from elsewhere), every section applied.
cd "$TMP"
run_lh scan proj --format json --output "$TMP/r1.json"
expect_eq "$RC" "1" "discovered .leakhound.toml: findings exit 1"
expect_findings "$TMP/r1.json" "$OURS" "discovered .leakhound.toml drives the scan" <<'EOF'
acme.api-token proj/docs/guide.md:2
acme.api-token proj/src/app.py:1
acme.api-token proj/src/app.py:3
aws.access-key-id proj/infra/prod.env:1
EOF
sev=$(json_eval "$TMP/r1.json" "[x['severity'] for x in d['findings'] if x['rule_id']=='aws.access-key-id'][0]")
expect_eq "$sev" "critical" "[[rules.override]] changes the built-in rule's severity"
expect_eq "$(findings "$TMP/r1.json" '^generic\.')" "" "disable = [\"generic.*\"] turns off a family"
expect_contains "$ERR" "over --max-file-size" "[scan] max_file_size skips big.txt"

# 2. .leakhoundignore: the fingerprint of TOK3 hides it and nothing else.
fp=$(json_eval "$TMP/r1.json" \
  "[x['fingerprint'] for x in d['findings'] if x['path']=='proj/src/app.py' and x['line']==3][0]")
echo "$fp  # rotated" >"$P/.leakhoundignore"
run_lh scan proj --format json --output "$TMP/r2.json"
expect_findings "$TMP/r2.json" '^acme\.' ".leakhoundignore hides one secret" <<'EOF'
acme.api-token proj/docs/guide.md:2
acme.api-token proj/src/app.py:1
EOF
rm "$P/.leakhoundignore"

# 3. --config wins over the discovered file; --no-config ignores both.
cat >"$TMP/only-acme.toml" <<EOF
[rules]
use_builtin = false
[[rule]]
id = "acme.api-token"
description = "Acme internal API token"
regex = '''\\bacme_live_[0-9a-f]{24}\\b'''
examples = ["$TOK3"]
EOF
run_lh scan proj --format json --output "$TMP/r3.json" --config "$TMP/only-acme.toml"
# (proj/.leakhound.toml is now an ordinary file: its example token is found.)
expect_findings "$TMP/r3.json" . "--config replaces the discovered configuration" <<'EOF'
acme.api-token proj/.leakhound.toml:18
acme.api-token proj/big.txt:1
acme.api-token proj/docs/guide.md:1
acme.api-token proj/docs/guide.md:2
acme.api-token proj/src/app.py:1
acme.api-token proj/src/app.py:3
acme.api-token proj/testdata/fixture.py:1
acme.api-token proj/vendor/lib.py:1
EOF
run_lh scan proj --format json --output "$TMP/r4.json" --no-config
expect_eq "$(findings "$TMP/r4.json" '^acme\.')" "" "--no-config: no custom rules"
expect_contains "$(findings "$TMP/r4.json" '^aws\.access-key-id$')" "infra/localstack/env" \
  "--no-config: no overrides"

# 4. Disable by tag and enable_only.
printf '[rules]\ndisable = ["tag:aws"]\n' >"$TMP/notag.toml"
run_lh scan proj --format json --output "$TMP/r5.json" --config "$TMP/notag.toml"
expect_eq "$(findings "$TMP/r5.json" '^aws\.')" "" "disable by tag"
printf '[rules]\nenable_only = ["aws.access-key-id"]\n' >"$TMP/only.toml"
run_lh scan proj --format json --output "$TMP/r6.json" --config "$TMP/only.toml"
expect_findings "$TMP/r6.json" . "enable_only" <<'EOF'
aws.access-key-id proj/infra/localstack/env:1
aws.access-key-id proj/infra/prod.env:1
EOF

# 5. The repository root in git mode.
G="$TMP/repo"
cp -r "$P" "$G"
rm "$G/big.txt"
(cd "$G" && git init -q . && git add -A && git commit -qm init)
run_lh git "$G" --format json --output "$TMP/g1.json"
expect_eq "$RC" "1" "git: findings exit 1"
expect_findings "$TMP/g1.json" "$OURS" "git: .leakhound.toml at the repository root" <<'EOF'
acme.api-token docs/guide.md:2
acme.api-token src/app.py:1
acme.api-token src/app.py:3
aws.access-key-id infra/prod.env:1
EOF

# 6. An invalid configuration stops the scan: exit 2, one line, file/line/key.
mkdir -p "$TMP/bad"
printf 'x = 1\n' >"$TMP/bad/a.txt"
printf '[scan]\nexclude_paths = ["vendor/**"]\nmax_filesize = "1MiB"\n' >"$TMP/bad/.leakhound.toml"
run_lh scan "$TMP/bad"
expect_eq "$RC" "2" "invalid config: exit 2"
expect_eq "$ERR" \
  "leakhound: error: $TMP/bad/.leakhound.toml: [scan]: line 3: unknown key 'max_filesize' (did you mean 'max_file_size'?)" \
  "invalid config: one line naming file, line and key"
run_lh scan "$TMP/bad" --config "$TMP/missing.toml"
expect_eq "$RC" "2" "missing --config: exit 2"
expect_eq "$ERR" "leakhound: error: $TMP/missing.toml: cannot read configuration file" \
  "missing --config: one line"

# 7. config check: ok (with a warning), every problem, and exit codes.
cd "$P"
run_lh config check
expect_eq "$RC" "0" "config check: valid configuration"
expect_contains "$ERR" "leakhound: .leakhound.toml: ok, leakhound configuration (" "config check: ok line"
cat >"$TMP/problems.toml" <<'EOF'
[rules]
use_bultin = false
disable = "generic.password"

[[rules.override]]
id = "no.such.rule"
severity = "low"

[[rule]]
id = "acme.key"
description = "ACME"
regexp = 'acme_[a-z]{8}'

[[allowlists]]
regexes = ['(']

[scan]
max_file_size = "12 parsecs"
EOF
run_lh config check "$TMP/problems.toml"
expect_eq "$RC" "1" "config check: problems exit 1"
# The checks after parsing run on what parsed (the override that selects
# nothing is still reported), and every problem of the rule is listed.
expected="leakhound: warning: $TMP/problems.toml: [[rules.override]] #1: 'no.such.rule' matches no rule; ignored
leakhound: error: $TMP/problems.toml: [rules]: line 2: unknown key 'use_bultin' (did you mean 'use_builtin'?)
leakhound: error: $TMP/problems.toml: [rules]: line 3: 'disable' must be an array of strings
leakhound: error: $TMP/problems.toml: [scan]: line 18: 'max_file_size': invalid size unit in '12 parsecs'
leakhound: error: $TMP/problems.toml: [[allowlists]] #1: line 15: 'regexes': invalid regex '(': missing ): (
leakhound: error: $TMP/problems.toml: rule 'acme.key': line 12: unknown key 'regexp' (did you mean 'regex'?)
leakhound: error: $TMP/problems.toml: rule 'acme.key': line 9: missing 'regex'
leakhound: $TMP/problems.toml: 6 problems"
expect_eq "$ERR" "$expected" "config check lists every problem with file, line and key"
cat >"$TMP/warn.toml" <<EOF
[[rules.override]]
id = "no.such.rule"
severity = "low"
[[rule]]
id = "acme.api-token"
description = "Acme internal API token"
regex = '''\\bacme_live_[0-9a-f]{24}\\b'''
examples = ["acme_live_tooshort"]
EOF
run_lh config check "$TMP/warn.toml"
expect_eq "$RC" "1" "config check: a custom rule's failing example is a problem"
expect_contains "$ERR" "rule 'acme.api-token'" "config check: failing example names the rule"
expect_contains "$ERR" \
  "leakhound: warning: $TMP/warn.toml: [[rules.override]] #1: 'no.such.rule' matches no rule; ignored" \
  "config check: an override that selects nothing is a warning"
# A problem in parsing does not hide a failing example of a rule that parsed.
cat >"$TMP/mixed.toml" <<EOF
[scan]
max_file_size = "lots"
[[rule]]
id = "acme.api-token"
description = "Acme internal API token"
regex = '''\\bacme_live_[0-9a-f]{24}\\b'''
examples = ["acme_live_tooshort"]
EOF
run_lh config check "$TMP/mixed.toml"
expect_eq "$RC" "1" "config check: parse problems exit 1"
expect_contains "$ERR" "'max_file_size': invalid size 'lots'" "config check: the parse problem"
expect_contains "$ERR" "rule 'acme.api-token': example does not match" \
  "config check: examples are checked despite a parse problem"
expect_contains "$ERR" "leakhound: $TMP/mixed.toml: 2 problems" "config check: both counted"
# A custom rule without examples is a warning, not a problem.
cat >"$TMP/noexamples.toml" <<EOF
[[rule]]
id = "acme.api-token"
description = "Acme internal API token"
regex = '''\\bacme_live_[0-9a-f]{24}\\b'''
EOF
run_lh config check "$TMP/noexamples.toml"
expect_eq "$RC" "0" "config check: a custom rule without examples is accepted"
expect_contains "$ERR" \
  "leakhound: warning: $TMP/noexamples.toml: line 1: rule 'acme.api-token': has no examples" \
  "config check: a custom rule without examples is a warning"
# The summary of a discovered configuration names the file.
mkdir -p "$TMP/discovered" && cd "$TMP/discovered"
printf '[scan]\nmax_file_size = "lots"\nexclude_pathz = []\n' >.leakhound.toml
run_lh config check
expect_eq "$RC" "1" "config check: discovered configuration with problems"
expect_contains "$ERR" "leakhound: .leakhound.toml: 2 problems" \
  "config check: the summary names the discovered file"
cd "$P"
run_lh config check "$TMP/nope.toml"
expect_eq "$RC" "2" "config check: missing file exits 2"
cd "$TMP/bad/.." && mkdir -p empty && cd empty
run_lh config check
expect_eq "$RC" "2" "config check: no configuration exits 2"
cd - >/dev/null

# 8. [scan] ignore_file naming a missing file: an error naming it.
mkdir -p "$TMP/ign"
printf 'x = 1\n' >"$TMP/ign/a.txt"
printf '[scan]\nignore_file = "security/ignore"\n' >"$TMP/ign/.leakhound.toml"
run_lh scan "$TMP/ign"
expect_eq "$RC" "2" "missing ignore_file: exit 2"
expect_eq "$ERR" \
  "leakhound: error: $TMP/ign/.leakhound.toml: [scan]: line 2: 'ignore_file': cannot read ignore file '$TMP/ign/security/ignore'" \
  "missing ignore_file: one line naming the setting and the file"
run_lh config check "$TMP/ign/.leakhound.toml"
expect_eq "$RC" "1" "config check: missing ignore_file is a problem"
expect_contains "$ERR" "'ignore_file': cannot read ignore file '$TMP/ign/security/ignore'" \
  "config check reports the missing ignore_file"
mkdir -p "$TMP/ign/security" && echo "# none" >"$TMP/ign/security/ignore"
run_lh scan "$TMP/ign"
expect_eq "$RC" "0" "existing ignore_file: clean scan"

# 9. Both .leakhound.toml and .gitleaks.toml: the unused .gitleaks.toml is
# configuration too (example secrets), not scanned; with --no-config it is.
mkdir -p "$TMP/both"
printf '[rules]\nenable_only = ["aws.access-key-id"]\n' >"$TMP/both/.leakhound.toml"
printf '# docs example: AWS_ACCESS_KEY_ID=%s\n[[rules]]\nid = "x"\nregex = "x_[0-9]{4}"\n' \
  "$AK_PROD" >"$TMP/both/.gitleaks.toml"
printf 'AWS_ACCESS_KEY_ID=%s\n' "$AK_LOCAL" >"$TMP/both/app.env"
run_lh scan "$TMP/both" --format json --output "$TMP/both.json"
expect_findings "$TMP/both.json" . "both configurations: the unused .gitleaks.toml is not scanned" <<EOF
aws.access-key-id $TMP/both/app.env:1
EOF
run_lh scan "$TMP/both" --format json --output "$TMP/both2.json" --no-config
expect_contains "$(findings "$TMP/both2.json" '^aws\.')" "$TMP/both/.gitleaks.toml:1" \
  "--no-config: the root files are scanned like any file"

# 10. A .leakhound.toml in gitleaks syntax: a hint first.
mkdir -p "$TMP/glsyntax"
printf 'title = "ours"\n[extend]\nuseDefault = true\n' >"$TMP/glsyntax/.leakhound.toml"
run_lh scan "$TMP/glsyntax"
expect_eq "$RC" "2" "gitleaks syntax in .leakhound.toml: exit 2"
expect_eq "$ERR" \
  "leakhound: error: $TMP/glsyntax/.leakhound.toml: this looks like a gitleaks configuration; name it .gitleaks.toml" \
  "gitleaks syntax in .leakhound.toml: the hint"

# 11. A bare clone (CI mirrors, server-side audits) has no work tree: the
# .leakhound.toml committed at HEAD is its configuration.
git_fixture_env
make_repo "$TMP/cfgsrc"
(
  cd "$TMP/cfgsrc" || exit 1
  printf 'AWS_ACCESS_KEY_ID=%s\n' "$AK_PROD" >app.env
  printf '[[allowlists]]\npaths = ["app\\\\.env"]\n' >.leakhound.toml
  commit_on 01 "config and key" >/dev/null
)
git clone -q --bare "$TMP/cfgsrc" "$TMP/cfgbare.git"
run_lh git "$TMP/cfgbare.git"
expect_eq "$RC" "0" "bare clone: the committed .leakhound.toml allowlists app.env"
run_lh git "$TMP/cfgbare.git" --no-config
expect_eq "$RC" "1" "bare clone with --no-config: the key is found"
printf 'this is = = not toml\n' >"$TMP/cfgsrc/.leakhound.toml"
(cd "$TMP/cfgsrc" && commit_on 02 "broken config" >/dev/null)
rm -rf "$TMP/cfgbare.git" && git clone -q --bare "$TMP/cfgsrc" "$TMP/cfgbare.git"
run_lh git "$TMP/cfgbare.git"
expect_eq "$RC" "2" "bare clone with a broken committed config: exit 2"
expect_contains "$ERR" "HEAD:.leakhound.toml" "the error names the committed file"

finish
