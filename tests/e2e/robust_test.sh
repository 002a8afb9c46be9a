#!/usr/bin/env bash
# End to end, issue 16 items 6-16: no hang, no false "clean", no silently lost
# secret. Each block is a regression test that failed on the binary before
# the fix: FIFOs in a repository, refs to blobs and trees, interrupted
# reports, zero rules and unmatched selectors, a bad -o, damaged trees,
# UTF-16 with --scan-binary, the rules cache, presence at HEAD in ranges,
# configuration discovery, conflicting and empty flags.
source "$(dirname "$0")/lib.sh"
git_fixture_env

GH=$(gh_token robust-1)
GH2=$(gh_token robust-2)
GH3=$(gh_token robust-3)

# --- 6. A FIFO in place of a loose object or packed-refs: an error, no hang.
R="$TMP/fifo"
make_repo "$R"
(cd "$R" && echo "a = 1" >a.txt && commit_on 01 one >/dev/null)
blob=$(git -C "$R" rev-parse HEAD:a.txt)
obj="$R/.git/objects/${blob:0:2}/${blob:2}"
rm -f "$obj" && mkfifo "$obj"
start=$(date +%s)
run_lh git "$R" --progress never
expect_rc 2 "a FIFO loose object is an error"
err_has "not a regular file"
err_has "${blob:2}"
if (($(date +%s) - start < 60)); then pass; else fail "FIFO loose object: took $(($(date +%s) - start)) s"; fi
R2="$TMP/fifo-refs"
make_repo "$R2"
(cd "$R2" && echo "a = 1" >a.txt && commit_on 01 one >/dev/null)
mkfifo "$R2/.git/packed-refs"
run_lh git "$R2" --progress never
expect_rc 2 "a FIFO packed-refs is an error"
err_has "packed-refs: not a regular file"

# --- 7. Refs to blobs and trees are scanned; an annotated tag on a blob says so.
R="$TMP/tags"
make_repo "$R"
(cd "$R" && echo "x = 1" >x.txt && commit_on 01 base >/dev/null)
b=$(printf 'GITHUB_TOKEN=%s\n' "$GH" | git -C "$R" hash-object -w --stdin)
git -C "$R" tag light-blob "$b"
b2=$(printf 'token: %s\n' "$GH2" | git -C "$R" hash-object -w --stdin)
git -C "$R" tag -a -m "a key" annotated-blob "$b2"
b3=$(printf 'key = "%s"\n' "$GH3" | git -C "$R" hash-object -w --stdin)
tree=$(printf '100644 blob %s\tkeys/k.txt\n' "$b3" | sed 's|keys/||' | git -C "$R" mktree)
tree=$(printf '040000 tree %s\tkeys\n' "$tree" | git -C "$R" mktree)
git -C "$R" tag -a -m "a tree" annotated-tree "$tree"
git_json "$R"
expect_rc 1 "secrets behind tags on blobs and trees are findings"
check "len(f) == 3" "three findings (blob, annotated blob, tree)"
check "any(x['path'] == 'refs/tags/light-blob' for x in f)" "the blob's finding names the tag"
check "any(x['path'] == 'refs/tags/annotated-tree:keys/k.txt' for x in f)" "the tree's finding names tag and path"
check "r['summary']['incomplete'] == False" "complete"
err_has "refs/tags/annotated-blob: an annotated tag on a blob"

# --- 8. Interrupted reports say so in every format.
printf 'GITHUB_TOKEN=%s\n' "$GH" >"$TMP/one.env"
mkfifo "$TMP/stdin.fifo"
sleep 600 >"$TMP/stdin.fifo" &
writer=$!
on_exit "kill $writer 2>/dev/null"
interrupt_format() {
  local fmt=$1 out="$TMP/int.$1"
  timeout 100 "$LEAKHOUND" scan "$TMP/one.env" - --progress always --format "$fmt" \
    --output "$out" <"$TMP/stdin.fifo" 2>"$TMP/int.err" &
  local pid=$! i
  for i in $(seq 1 600); do
    grep -qE '[1-9][0-9]* (finding|candidate)' "$TMP/int.err" 2>/dev/null && break
    kill -0 "$pid" 2>/dev/null || break
    sleep 0.1
  done
  kill -TERM "$pid"
  wait "$pid"
  RC=$?
  expect_eq "$RC" "130" "$fmt: SIGTERM exits 130"
}
interrupt_format json
expect_eq "$(json_eval "$TMP/int.json" "(d['summary']['incomplete'], d['summary']['interrupted'])")" \
  "(True, True)" "json: interrupted and incomplete"
interrupt_format jsonl
expect_eq "$(tail -1 "$TMP/int.jsonl" | python3 -c "import json,sys; d=json.load(sys.stdin); print(d.get('interrupted'), d.get('incomplete'), sorted(d)[:3])" | cut -c1-10)" \
  "True True " "jsonl: the summary line says interrupted"
interrupt_format sarif
expect_eq "$(json_eval "$TMP/int.sarif" "d['runs'][0]['invocations'][0]['executionSuccessful']")" \
  "False" "sarif: executionSuccessful false"
expect_contains "$(cat "$TMP/int.sarif")" "interrupted" "sarif: says interrupted"
interrupt_format text
expect_contains "$(cat "$TMP/int.text")" "interrupted" "text: says interrupted"
interrupt_format gitlab
expect_contains "$(cat "$TMP/int.gitlab")" "interrupted" "gitlab: says interrupted"

# --- 9. Zero rules, or a selector matching no rule: exit 2 with did-you-mean.
printf 'GITHUB_TOKEN=%s\n' "$GH" >"$TMP/tok.txt"
run_lh scan --enable-rule github-pat "$TMP/tok.txt"
expect_rc 2 "--enable-rule naming no rule"
err_has "--enable-rule 'github-pat' matches no rule (did you mean 'github.pat"
run_lh scan --disable-rule=githb.pat.classic "$TMP/tok.txt"
expect_rc 2 "--disable-rule naming no rule"
err_has "did you mean 'github.pat.classic'"
run_lh scan --enable-rule github.pat.classic "$TMP/tok.txt"
expect_rc 1 "a valid selector still works, and takes one value (the path is a path)"
mkdir -p "$TMP/only"
printf '[rules]\nenable_only = ["no-such-rule"]\n' >"$TMP/only/.leakhound.toml"
run_lh config check "$TMP/only/.leakhound.toml"
if [[ $RC != 0 ]]; then pass; else fail "config check: enable_only matching nothing passed"; fi
err_has "no rules active"
run_lh scan --config "$TMP/only/.leakhound.toml" "$TMP/tok.txt"
expect_rc 2 "a scan with zero rules is an error, not clean"

# --- 10. A bad -o is found before scanning.
run_lh scan "$TMP/tok.txt" -o "$TMP/no/such/dir/x.json"
expect_rc 2 "-o in a missing directory"
err_has "no/such/dir"
expect_not_contains "$ERR" "scanned" "nothing was scanned"
run_lh scan "$TMP/tok.txt" -o "$TMP"
expect_rc 2 "-o naming a directory"
err_has "is a directory"

# --- 11. A damaged tree: readable secrets are still found, and it is said.
R="$TMP/damaged"
make_repo "$R"
(
  cd "$R" && mkdir -p sub && printf 'GITHUB_TOKEN=%s\n' "$GH" >sub/a.env &&
    printf 'x = 1\n' >top.txt && commit_on 01 one >/dev/null &&
    printf 'y = 2\n' >>top.txt && commit_on 02 two >/dev/null
)
subtree=$(git -C "$R" rev-parse HEAD:sub)
rm -f "$R/.git/objects/${subtree:0:2}/${subtree:2}"
git_json "$R"
expect_rc 2 "a missing tree makes the run incomplete"
check "any(x['rule_id'].startswith('github') for x in f)" "the blob under the lost tree is still scanned"
err_has "scanning every readable blob"

# --- 12. --scan-binary keeps UTF-16 findings.
printf 'GITHUB_TOKEN=%s\n' "$GH" | iconv -f UTF-8 -t UTF-16LE >"$TMP/u16.txt"
run_lh scan "$TMP/u16.txt" --format json
expect_rc 1 "UTF-16 found by default"
run_lh scan "$TMP/u16.txt" --format json --scan-binary
expect_rc 1 "UTF-16 found with --scan-binary"

# --- 13. The rules cache is read with type and size checks (no hang on a FIFO).
mkdir -p "$TMP/rules" "$TMP/cache"
cat >"$TMP/rules/r.toml" <<'EOF'
[[rule]]
id = "robust.tok"
description = "test token"
regex = '''robust_[a-z0-9]{16}'''
EOF
echo "v = robust_0123456789abcdef" >"$TMP/r.txt"
run_lh scan "$TMP/r.txt" --rules "$TMP/rules" --cache-dir "$TMP/cache" --no-builtin-rules
expect_rc 1 "custom rule finds (and fills the cache)"
db=$(ls "$TMP/cache"/*.db 2>/dev/null | head -1)
if [[ -n $db ]]; then
  rm -f "$db" && mkfifo "$db"
  start=$(date +%s)
  run_lh scan "$TMP/r.txt" --rules "$TMP/rules" --cache-dir "$TMP/cache" --no-builtin-rules
  expect_rc 1 "a FIFO in the cache is ignored (recompiled), not read"
  if (($(date +%s) - start < 60)); then pass; else fail "cache FIFO: took too long"; fi
else
  fail "no cache file was written in $TMP/cache"
fi

# --- 14. Ranges: presence at HEAD is stated.
R="$TMP/range"
make_repo "$R"
(
  cd "$R" && echo "x = 1" >x.txt && commit_on 01 base >/dev/null && git checkout -q -b feature &&
    printf 'GITHUB_TOKEN=%s\n' "$GH" >k.env && commit_on 02 key >/dev/null
)
git_json "$R" --range main..feature
expect_rc 1 "range finding"
check "r['summary']['git']['still_present_at_head'] == 1" "the secret in HEAD's tree is present at HEAD"
# ... by secret, not by blob: edited after the range (another blob at the
# same path), then moved to another file: still present; then removed: not.
(
  cd "$R" && printf 'GITHUB_TOKEN=%s\nOTHER=2\n' "$GH" >k.env && commit_on 03 edit >/dev/null &&
    git mv k.env moved.env && echo "Y=3" >>moved.env && commit_on 04 move >/dev/null
)
git_json "$R" --range main..feature~2
expect_rc 1 "range before an edit"
check "r['summary']['git']['still_present_at_head'] == 1" "edited and moved after the range: still present at HEAD"
(cd "$R" && git rm -q moved.env && commit_on 05 remove >/dev/null)
git_json "$R" --range main..feature~3
check "r['summary']['git']['still_present_at_head'] == 0" "removed at HEAD: not present"

# --- 15. Configuration discovery does not depend on the number of paths.
P="$TMP/proj"
make_repo "$P"
mkdir -p "$P/src"
printf '[rules]\ndisable = ["github.*"]\n' >"$P/.leakhound.toml"
printf 'GITHUB_TOKEN=%s\n' "$GH" >"$P/src/tok.txt"
echo "nothing" >"$P/other.txt"
one=$(cd "$P" && timeout 60 "$LEAKHOUND" scan src/tok.txt --format json 2>/dev/null |
  python3 -c "import json,sys; print(len(json.load(sys.stdin)['findings']))")
two=$(cd "$P" && timeout 60 "$LEAKHOUND" scan src/tok.txt other.txt --format json 2>/dev/null |
  python3 -c "import json,sys; print(len(json.load(sys.stdin)['findings']))")
expect_eq "$one/$two" "0/0" "one path or two: the project's configuration applies"

# --- 16. Conflicting or empty flags: one-line errors, exit 2.
R="$TMP/range"
for args in "--range main..feature --since-commit main" "--range main..feature --branch main" \
  "--since-commit main --since 2024-01-01" "--no-config --config missing.toml"; do
  # shellcheck disable=SC2086
  run_lh git "$R" $args
  expect_rc 2 "git $args"
  expect_eq "$(wc -l <"$ERR_FILE")" "1" "git $args: one line"
  err_has "exclude each other"
done
run_lh git "$R" --range ''
expect_rc 2 "--range ''"
err_has "--range: empty value"
printf '[scan]\nmax_memory = 5\n' >"$TMP/mem.toml"
run_lh config check "$TMP/mem.toml"
if [[ $RC != 0 ]]; then pass; else fail "config check accepted max_memory = 5"; fi
err_has "max_memory"

finish
