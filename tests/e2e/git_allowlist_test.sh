#!/usr/bin/env bash
# `leakhound git` applies path and commit allowlists, .gitleaksignore entries
# and rule path scopes at every location of a blob (not only where the blob
# was first seen), and rule allowlists before the cross-rule dedupe.
source "$(dirname "$0")/lib.sh"
git_fixture_env
abort_on_error  # setup commands abort; checks count
tok() { python3 -c "import random,sys; r=random.Random('lh-alloc-'+sys.argv[1]); print('acme_'+''.join(r.choice('abcdefghijklmnopqrstuvwxyz0123456789') for _ in range(24)))" "$1"; }
T1=$(tok 1)
T2=$(tok 2)
CFG="$TMP/cfg.toml"
# rules_cfg EXTRA: a configuration with only the acme rule, plus EXTRA.
rules_cfg() {
  cat >"$CFG" <<EOF
[rules]
use_builtin = false

[[rule]]
id = "acme.token"
description = "ACME token"
regex = '''\b(acme_[a-z0-9]{24})\b'''
secret_group = 1
keywords = ["acme_"]
$1
EOF
}
locs() { echo "sorted([(x['path'], x['commit']['id']) for x in f] + [(a['path'], a['commit']['id']) for x in f for a in x['also']])"; }

# --- 1. Rule allowlist paths: first seen under tests/, later in config/.
make_repo "$TMP/rule-paths" && cd "$TMP/rule-paths"
mkdir -p tests/fixtures config
echo "key = $T1" >tests/fixtures/x.env && A1=$(commit_on 01 "fixture")
echo "key = $T1" >config/prod.env && A2=$(commit_on 02 "prod")
rules_cfg "[[rule.allowlists]]
paths = ['tests/**']"
git_json . --config "$CFG"
expect_rc 1 "rule paths: the real path is reported"
check "$(locs) == [('config/prod.env', '$A2')]" "rule paths: only config/prod.env, from its own commit"
check "len(f) == 1 and one()['exposure']['introduced']['id'] == '$A2'" "rule paths: introduced where the real path got it"
# Reverse order: the real path first, the fixture later: no fixture in `also`.
make_repo "$TMP/rule-paths-rev" && cd "$TMP/rule-paths-rev"
mkdir -p tests/fixtures config
echo "key = $T1" >config/prod.env && B1=$(commit_on 01 "prod")
echo "key = $T1" >tests/fixtures/x.env && B2=$(commit_on 02 "fixture")
git_json . --config "$CFG"
expect_rc 1 "rule paths reversed"
check "$(locs) == [('config/prod.env', '$B1')]" "rule paths reversed: the fixture is not in also"
# Removed from the real path, still in the fixture: not present anywhere that counts.
git rm -q config/prod.env && B3=$(commit_on 03 "drop prod")
git_json . --config "$CFG"
check "len(f) == 1 and one()['exposure']['still_present'] == [] and one()['exposure']['removed']['id'] == '$B3'" \
  "rule paths: exposure ends when the last reported location goes"
# Only under allowlisted paths: nothing.
make_repo "$TMP/rule-paths-only" && cd "$TMP/rule-paths-only"
mkdir -p tests/a tests/b
echo "key = $T1" >tests/a/x.env && commit_on 01 "a" >/dev/null
echo "key = $T1" >tests/b/y.env && commit_on 02 "b" >/dev/null
git_json . --config "$CFG"
expect_rc 0 "only allowlisted paths"
check "f == []" "only allowlisted paths: nothing reported"

# --- 2. Global allowlist with a path and a regex (condition all): not a
# skip-without-reading exclusion, so it is checked per location.
cd "$TMP/rule-paths"
rules_cfg "" && cat >>"$CFG" <<'EOF'
[[allowlists]]
paths = ['tests/**']
regexes = ['^acme_']
condition = "all"
EOF
git_json . --config "$CFG"
expect_rc 1 "global path+regex allowlist"
check "$(locs) == [('config/prod.env', '$A2')]" "global path+regex allowlist: only config/prod.env"

# --- 3. Global path-only allowlist (files never read): a directory copied
# unchanged (same tree id) from an excluded path to a real one.
make_repo "$TMP/global-tree" && cd "$TMP/global-tree"
mkdir -p tests/fixtures && echo "key = $T2" >tests/fixtures/x.env && commit_on 01 "fixture" >/dev/null
cp -r tests/fixtures config && G2=$(commit_on 02 "copy the fixtures to config")
rules_cfg "" && printf '[[allowlists]]\npaths = ["tests/**"]\n' >>"$CFG"
git_json . --config "$CFG"
expect_rc 1 "global exclusion, copied tree"
check "$(locs) == [('config/x.env', '$G2')]" "global exclusion: the copy outside tests/ is scanned and reported"
# Both copies in the same commit.
make_repo "$TMP/global-tree-1" && cd "$TMP/global-tree-1"
mkdir -p tests/fixtures && echo "key = $T2" >tests/fixtures/x.env && cp -r tests/fixtures config
H1=$(commit_on 01 "fixtures and config")
git_json . --config "$CFG"
check "$(locs) == [('config/x.env', '$H1')]" "global exclusion: a copy in the same commit is reported"

# --- 4. Allowlist commits: the blob came in at a.env in an allowlisted
# commit and at b.env in another.
make_repo "$TMP/commits" && cd "$TMP/commits"
echo "key = $T1" >a.env && C1=$(commit_on 01 "a")
echo "key = $T1" >b.env && C2=$(commit_on 02 "b")
rules_cfg "" && printf '[[allowlists]]\ncommits = ["%s"]\n' "$C1" >>"$CFG"
git_json . --config "$CFG"
expect_rc 1 "allowlist commits"
check "$(locs) == [('b.env', '$C2')]" "allowlist commits: b.env from its own commit"
check "len(f) == 1 and one()['exposure']['introduced']['id'] == '$C2'" "allowlist commits: introduced by the commit not allowlisted"

# --- 5. .gitleaksignore with and without a commit.
rules_cfg ""
echo "$C1:a.env:acme.token:1" >.gitleaksignore
git_json . --config "$CFG"
expect_rc 1 ".gitleaksignore commit:path:rule:line"
check "$(locs) == [('b.env', '$C2')]" ".gitleaksignore commit entry drops only that location"
echo "a.env:acme.token:1" >.gitleaksignore
git_json . --config "$CFG"
check "$(locs) == [('b.env', '$C2')]" ".gitleaksignore path entry drops only that location"
printf 'a.env:acme.token:1\nb.env:acme.token:1\n' >.gitleaksignore
git_json . --config "$CFG"
expect_rc 0 ".gitleaksignore naming every location"
rm .gitleaksignore

# --- 6. Path-scoped rule: first seen where it does not apply.
make_repo "$TMP/scoped" && cd "$TMP/scoped"
mkdir -p docs config
echo "key = $T1" >docs/x.txt && commit_on 01 "docs" >/dev/null
echo "key = $T1" >config/x.env && S2=$(commit_on 02 "config")
rules_cfg "paths = ['config/**']"
git_json . --config "$CFG"
expect_rc 1 "path-scoped rule, first seen outside its paths"
check "$(locs) == [('config/x.env', '$S2')]" "path-scoped rule: reported where it applies only"
rules_cfg "exclude_paths = ['docs/**']"
git_json . --config "$CFG"
check "$(locs) == [('config/x.env', '$S2')]" "rule exclude_paths: reported where it applies only"
# Where it applies first, then also where it does not: no `also`.
make_repo "$TMP/scoped-rev" && cd "$TMP/scoped-rev"
mkdir -p docs config
echo "key = $T1" >config/x.env && R1=$(commit_on 01 "config")
echo "key = $T1" >docs/x.txt && commit_on 02 "docs" >/dev/null
rules_cfg "paths = ['config/**']"
git_json . --config "$CFG"
check "$(locs) == [('config/x.env', '$R1')]" "path-scoped rule: the path outside its scope is not in also"

# --- 7. Rule allowlists before the cross-rule dedupe: the specific rule's
# match is allowlisted, the generic rule still reports the span.
make_repo "$TMP/dedupe" && cd "$TMP/dedupe"
mkdir -p tests src
echo "key = $T1" >src/app.txt && D1=$(commit_on 01 "app")
rules_cfg "confidence = 'high'
[[rule.allowlists]]
regexes = ['^acme_']

[[rule]]
id = \"generic.tokenish\"
description = \"anything token-like\"
regex = '''key = ([a-z0-9_]{20,})'''
secret_group = 1
confidence = 'low'"
git_json . --config "$CFG"
expect_rc 1 "dedupe: allowlisted specific rule"
check "len(f) == 1 and one()['rule_id'] == 'generic.tokenish'" "dedupe: the generic rule reports what the allowlisted one matched"
# Location-dependent: the specific rule is allowlisted under tests/ only.
echo "key = $T1" >tests/app.txt && D2=$(commit_on 02 "test copy")
rules_cfg "confidence = 'high'
[[rule.allowlists]]
paths = ['tests/**']

[[rule]]
id = \"generic.tokenish\"
description = \"anything token-like\"
regex = '''key = ([a-z0-9_]{20,})'''
secret_group = 1
confidence = 'low'"
git_json . --config "$CFG"
check "sorted((x['rule_id'], x['path']) for x in f) == [('acme.token', 'src/app.txt'), ('generic.tokenish', 'tests/app.txt')]" \
  "dedupe per location: the specific rule where it is not allowlisted, the generic one elsewhere"
check "all(x['also'] == [] for x in f)" "dedupe per location: no location twice"

finish
