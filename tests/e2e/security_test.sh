#!/usr/bin/env bash
# End to end, issue 16 (security): secrets never reach a report's other text
# fields (commit messages) in any format; report and baseline files are never
# written through a symlink or into another user's file; an invalid
# --verify-base-url is an error before anything is scanned or sent; and
# configuration errors and `config check` never echo a secret.
source "$(dirname "$0")/lib.sh"
git_fixture_env
TOK=$(gh_token security-message)

# --- 1. A secret in a commit message is redacted in every format.
R="$TMP/repo"
make_repo "$R"
cd "$R" || die "cd"
printf 'token = "%s"\n' "$TOK" >a.txt
commit_on 02 "add token $TOK" >/dev/null || die "commit"
for fmt in text json jsonl sarif gitlab; do
  run_lh git "$R" --format "$fmt" --progress never
  expect_rc 1 "git --format $fmt finds the token"
  expect_not_contains "$OUT$ERR" "$TOK" "git --format $fmt: the commit message's secret is redacted"
done
git_json "$R"
check "any('add token ghp_' in json.dumps(x) and '*' in json.dumps(x) for x in f)" \
  "the commit summary is still shown, redacted"
# A secret only in a commit message is a finding, located at that commit.
MSG_TOK=$(gh_token security-only-in-message)
echo "readme" >b.txt
msg_commit=$(commit_on 03 "rotate: old token was $MSG_TOK") || die "commit"
git_json "$R"
check "any(x['path'] == '<commit message>' and x['commit']['id'] == '$msg_commit' for x in f)" \
  "a secret in a commit message is reported at its commit"
for fmt in text json sarif gitlab; do
  run_lh git "$R" --format "$fmt" --progress never
  expect_not_contains "$OUT$ERR" "$MSG_TOK" "git --format $fmt: the message-only secret is redacted"
done
cd "$TMP" || die "cd"

# --- 2. Report and baseline files: never through a symlink, never into a
# file another user owns.
D="$TMP/d"
mkdir -p "$D"
printf 'token = "%s"\n' "$TOK" >"$D/t.txt"
echo "victim" >"$TMP/victim"
ln -s "$TMP/victim" "$TMP/link.json"
run_lh scan "$D" --no-redact --format json -o "$TMP/link.json"
expect_rc 2 "-o through a symlink is refused"
err_has "symlink"
expect_eq "$(cat "$TMP/victim")" "victim" "the symlink's target is untouched"
ln -s "$TMP/nowhere.json" "$TMP/dangling.json"
run_lh scan "$D" --no-redact --format json -o "$TMP/dangling.json"
expect_rc 2 "-o to a dangling symlink is refused"
expect_eq "$([[ -e $TMP/nowhere.json ]] && echo created || echo absent)" "absent" \
  "a dangling symlink's target is not created"
run_lh baseline create "$D" --output "$TMP/link.json"
expect_rc 2 "baseline create through a symlink is refused"
expect_eq "$(cat "$TMP/victim")" "victim" "baseline: the symlink's target is untouched"
if [[ $(id -u) -eq 0 ]]; then
  echo "theirs" >"$TMP/foreign.json"
  chmod 666 "$TMP/foreign.json"
  chown 65534:65534 "$TMP/foreign.json"
  run_lh scan "$D" --no-redact --format json -o "$TMP/foreign.json"
  expect_rc 2 "-o over another user's file is refused"
  err_has "another user"
  expect_eq "$(cat "$TMP/foreign.json")" "theirs" "another user's file is untouched"
fi
echo "old" >"$TMP/mine.json"
chmod 644 "$TMP/mine.json"
ln "$TMP/mine.json" "$TMP/mine-hardlink.json"
run_lh scan "$D" --format json -o "$TMP/mine.json"
expect_rc 1 "-o over one's own file replaces it"
expect_eq "$(stat -c %a "$TMP/mine.json")" "600" "the replaced report is owner-only"
expect_eq "$(cat "$TMP/mine-hardlink.json")" "old" "a hard link to the old file is not written"
expect_eq "$(find "$TMP" -maxdepth 1 -name '.*tmp-*' | wc -l)" "0" "no temporary file is left"
run_lh scan "$D" --format json -o /dev/null
expect_rc 1 "-o /dev/null still works"

# --- 3. An invalid --verify-base-url is an error; nothing is scanned or sent.
run_lh scan "$D" --verify --verify-base-url github=http://localhost@127.0.0.2:18084 --format json
expect_rc 2 "userinfo in --verify-base-url is an error"
err_has "invalid base URL"
expect_eq "$OUT" "" "no report: the run stops before scanning"
run_lh scan "$D" --verify --verify-base-url github=http://example.com --format json
expect_rc 2 "plain http to a public host is an error"
run_lh scan "$D" --verify --verify-base-url github --format json
expect_rc 2 "--verify-base-url without =URL is an error"
printf '[scan]\n' >"$TMP/ok.toml"
LEAKHOUND_VERIFY_BASE_URL_GITHUB=http://localhost@127.0.0.2:1 run_lh config check "$TMP/ok.toml"
expect_rc 1 "config check rejects an invalid base URL override"
err_has "invalid base URL"

# --- 4. Configuration errors never echo a secret.
printf '[[rule]]\nid = "my.rule"\ndescription = "d"\nregex = '"'"'key_%s('"'"'\n' "$TOK" >"$TMP/re.toml"
run_lh scan "$D" --config "$TMP/re.toml"
expect_rc 2 "an invalid regex is an error"
expect_not_contains "$ERR" "$TOK" "an invalid regex is not echoed"
printf '[[allowlists]]\nregexes = ['"'"'%s('"'"']\n' "$TOK" >"$TMP/al.toml"
run_lh scan "$D" --config "$TMP/al.toml"
expect_rc 2 "an invalid allowlist regex is an error"
expect_not_contains "$ERR" "$TOK" "an invalid allowlist regex is not echoed"
printf '[scan]\nmax_file_size = "%s"\n' "$TOK" >"$TMP/size.toml"
run_lh scan "$D" --config "$TMP/size.toml"
expect_rc 2 "an invalid size is an error"
expect_not_contains "$ERR" "$TOK" "an invalid size is not echoed"
C="$TMP/cfgrepo"
mkdir -p "$C"
printf '[rules]\ndisable = ["%s"]\n[[rules.override]]\nid = "%s"\nseverity = "low"\n' \
  "$TOK" "$TOK" >"$C/.leakhound.toml"
echo hello >"$C/x.txt"
run_lh scan "$C"
expect_rc 0 "a configuration naming no rule still scans"
err_has "matches no rule"
expect_not_contains "$ERR" "$TOK" "the repository's disable/override values are not echoed"
printf '[[rule]]\nid = "my.rule"\ndescription = "d"\nregex = '"'"'(ghp_[a-zA-Z0-9]{10})'"'"'\nsecret_group = 1\nexamples = [{input = "token %s", secret = "%s"}, "x %s"]\nnegative_examples = ["nothing"]\n' \
  "$TOK" "${TOK/ghp_/ghp_x}" "${TOK/ghp_/zz_}" >"$TMP/ex.toml"
run_lh config check "$TMP/ex.toml"
expect_rc 1 "config check reports the failing examples"
err_has "example"
expect_not_contains "$ERR" "${TOK:4:20}" "config check does not print the example secrets"

# --- 5. Fingerprints are keyed (or slow), never a plain hash of the secret;
# stable under one key; old (plain) fingerprints in baselines still match.
F="$TMP/fp"
mkdir -p "$F"
printf 'token = "%s"\n' "$TOK" >"$F/t.txt"
legacy=$(python3 -c "import hashlib,sys; print(hashlib.sha256(b'leakhound:v1\0github.pat.classic\0'+sys.argv[1].encode()).hexdigest()[:32])" "$TOK")
run_lh scan "$F" --format json --progress never
check "one('github.pat.classic')['fingerprint'] != '$legacy'" "the fingerprint is not a plain hash of the secret"
check "len(one('github.pat.classic')['fingerprint']) == 32" "fingerprints keep their 32 hex characters"
keyless=$(json_eval "$OUT_FILE" "d['findings'][0]['fingerprint']")
LEAKHOUND_FINGERPRINT_KEY=project-key-one-0123456789 run_lh scan "$F" --format json
k1=$(json_eval "$OUT_FILE" "d['findings'][0]['fingerprint']")
LEAKHOUND_FINGERPRINT_KEY=project-key-one-0123456789 run_lh scan "$F" --format json
expect_eq "$(json_eval "$OUT_FILE" "d['findings'][0]['fingerprint']")" "$k1" "one key, one fingerprint"
LEAKHOUND_FINGERPRINT_KEY=project-key-two-0123456789 run_lh scan "$F" --format json
k2=$(json_eval "$OUT_FILE" "d['findings'][0]['fingerprint']")
expect_eq "$([[ $k1 != "$k2" && $k1 != "$keyless" ]] && echo differ)" "differ" "the key changes the fingerprint"
printf '{"entries": [{"fingerprint": "%s", "rule_id": "github.pat.classic", "path": "t.txt"}]}\n' \
  "$legacy" >"$TMP/old-baseline.json"
run_lh scan "$F" --format json --baseline "$TMP/old-baseline.json"
expect_rc 0 "a baseline holding the old plain fingerprint still suppresses"
run_lh baseline create "$F" --output "$TMP/new-baseline.json"
expect_rc 0 "baseline create"
err_has "created the fingerprint key"
expect_eq "$(stat -c %a "$F/.leakhound/fingerprint.key" 2>&1)" "600" "the generated key is owner-only"
run_lh scan "$F" --format json --baseline "$TMP/new-baseline.json"
expect_rc 0 "the new baseline suppresses with the project key"
run_lh scan "$F" --format json --progress never
check "all('.leakhound' not in x['path'] for x in f)" "the key file is not reported as a secret"
expect_not_contains "$(cat "$TMP/new-baseline.json")" "$(cat "$F/.leakhound/fingerprint.key")" \
  "the baseline does not hold the key"
# The key file is never content, wherever it is and whatever it looks like:
# a key shaped like a token is neither reported nor scanned, in the work
# tree, below it, or committed to history; it still keys the fingerprints.
K="$TMP/keyed"
make_repo "$K"
mkdir -p "$K/.leakhound" "$K/sub/.leakhound"
KEY_TOK=$(gh_token fingerprint-key-file)
echo "$KEY_TOK" >"$K/.leakhound/fingerprint.key"
echo "$KEY_TOK" >"$K/sub/.leakhound/fingerprint.key"
echo "x = 1" >"$K/a.txt"
(cd "$K" && git add -A && commit_on 01 init >/dev/null) || die "keyed repo"
run_lh scan "$K" --format json --progress never
expect_rc 0 "a key file shaped like a token is no finding (scan)"
check "r['summary']['skipped']['excluded'] == 2" "both key files are skipped, not scanned"
(cd "$K" && timeout 60 "$LEAKHOUND" scan .leakhound/fingerprint.key ./sub/.leakhound/fingerprint.key \
  --format json >"$TMP/kf.json" 2>/dev/null)
expect_eq "$(json_eval "$TMP/kf.json" "(len(d['findings']), d['summary']['skipped']['excluded'])")" "(0, 2)" \
  "key files named on the command line are skipped too"
git_json "$K"
expect_rc 0 "a committed key file is no finding (git)"
expect_not_contains "$OUT" "$KEY_TOK" "the key does not appear in the report"
printf 'token = "%s"\n' "$TOK" >"$K/t.txt"
run_lh scan "$K" --format json --progress never
kf=$(json_eval "$OUT_FILE" "d['findings'][0]['fingerprint']")
LEAKHOUND_FINGERPRINT_KEY=$KEY_TOK run_lh scan "$K" --format json --progress never
expect_eq "$(json_eval "$OUT_FILE" "d['findings'][0]['fingerprint']")" "$kf" "the excluded key file still keys fingerprints"
# A baseline that cannot be written leaves no new key behind: refused before
# the scan (missing directory) or after it (a foreign-owned file).
N="$TMP/nokey"
mkdir -p "$N" && printf 'token = "%s"\n' "$TOK" >"$N/t.txt"
run_lh baseline create "$N" --output "$TMP/missing-dir/b.json"
expect_rc 2 "baseline create into a missing directory"
expect_eq "$(ls -A "$N")" "t.txt" "no key (nor .leakhound) after an unwritable baseline path"
touch "$TMP/foreign.json" && chown 4321 "$TMP/foreign.json"
run_lh baseline create "$N" --output "$TMP/foreign.json"
expect_rc 2 "baseline create refuses to replace a foreign-owned file"
expect_eq "$(ls -A "$N")" "t.txt" "no key (nor .leakhound) after a refused baseline write"

# --- 17. staged with nothing staged says so once; a text report on a
# terminal prints its totals once.
S="$TMP/staged"
make_repo "$S"
(cd "$S" && echo hi >a && git add a && git commit -qm init) || die "staged repo"
(cd "$S" && timeout 120 "$LEAKHOUND" staged >"$TMP/st.out" 2>"$TMP/st.err")
# (LeakSanitizer's "Suppressions used" block, in sanitizer builds, is not ours.)
expect_eq "$(cat "$TMP/st.out" "$TMP/st.err" | sed '/^-\{20,\}$/,$d' | sed '/^$/d')" \
  "leakhound: nothing staged to scan" "nothing staged: one message"
# on_tty CMD...: runs CMD with stdout and stderr on one pseudo-terminal;
# prints what it wrote.
on_tty() {
  python3 - "$@" <<'PY'
import os, pty, subprocess, sys
master, slave = pty.openpty()
p = subprocess.Popen(sys.argv[1:], stdin=subprocess.DEVNULL, stdout=slave, stderr=slave)
os.close(slave)
out = b""
while True:
    try:
        chunk = os.read(master, 65536)
    except OSError:
        break
    if not chunk:
        break
    out += chunk
p.wait(timeout=120)
sys.stdout.write(out.decode(errors="replace"))
PY
}
on_tty "$LEAKHOUND" scan "$D" --progress never >"$TMP/tty.out"
expect_eq "$(grep -c 'scanned [0-9]* blob' "$TMP/tty.out")" "1" "on a terminal the totals appear once"

# --- 17. "1 blob", not "1 blobs".
run_lh scan "$D/t.txt" --format json --progress never
expect_contains "$ERR" "scanned 1 blob " "one blob is singular"

finish
