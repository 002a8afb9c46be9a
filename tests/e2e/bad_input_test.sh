#!/usr/bin/env bash
# End to end: bad input never crashes, says what is wrong in one line, exits 2
# when the scan could not complete, and still writes the partial results.
source "$(dirname "$0")/lib.sh"

GH=$(github_token 21)
D="$TMP/tree"
mkdir -p "$D/deep"
printf 'GITHUB_TOKEN=%s\n' "$GH" >"$D/found.env"
: >"$D/empty.txt"
printf 'caf\xc3 \xff\xfe invalid utf8 token=%s\n' "$GH" >"$D/invalid-utf8.txt"
printf 'line\r\nGITHUB_TOKEN=%s\r\n' "$GH" >"$D/crlf.txt"
head -c 1000 /dev/urandom | tr -d '\000' >"$D/random.bin"
printf '\000\001\002binary' >>"$D/random.bin"
ln -s "$D" "$D/deep/loop"
mkfifo "$D/fifo"
p="$D"; for i in $(seq 1 60); do p="$p/d$i"; done; mkdir -p "$p"; printf 'GITHUB_TOKEN=%s\n' "$GH" >"$p/deep.env"

# 1. Odd-but-valid files: exit 1 (findings), nothing unreadable, no hang on FIFO/loop.
run_lh scan "$D" --format json --output "$TMP/r1.json" --follow-symlinks
expect_eq "$RC" "1" "odd files scan completes with findings"
n=$(json_eval "$TMP/r1.json" "len(d['findings'])")
expect_eq "$n" "4" "found.env, invalid-utf8, crlf, deep.env (loop not rescanned)"
expect_not_contains "$ERR" "error" "no errors for odd-but-valid files"

# 2. 100 MB single-line file: skipped by default with a count, scanned when allowed.
big="$TMP/big"; mkdir -p "$big"
python3 -c "
import sys
sys.stdout.write('x' * (100 * 1024 * 1024 - 100) + ' GITHUB_TOKEN=$GH\n')" >"$big/huge.txt"
run_lh scan "$big"
expect_eq "$RC" "0" "file over --max-file-size is skipped (not an error)"
expect_contains "$ERR" "over --max-file-size" "summary says why it was skipped"
run_lh scan "$big" --max-file-size 200MiB --format json
expect_eq "$RC" "1" "100 MB single line scanned with a larger limit"
rm -rf "$big"

# 3. Unreadable file and directory (as an unprivileged user): exit 2, partial results written.
U="$TMP/unreadable"; mkdir -p "$U/locked"
printf 'GITHUB_TOKEN=%s\n' "$GH" >"$U/ok.env"
printf 'x\n' >"$U/secret.txt"; chmod 000 "$U/secret.txt"; chmod 000 "$U/locked"
chmod 755 "$TMP" "$U"; chmod 644 "$U/ok.env"
mkdir -p "$TMP/out"; chmod 777 "$TMP/out"
if command -v setpriv >/dev/null && [[ $(id -u) -eq 0 ]] && setpriv --reuid=65534 --regid=65534 --clear-groups test -x "$LEAKHOUND"; then
  RC=0
  setpriv --reuid=65534 --regid=65534 --clear-groups env XDG_CACHE_HOME="$TMP/nobody-cache" \
    "$LEAKHOUND" scan "$U" --format json --output "$TMP/out/partial.json" 2>"$TMP/err3" || RC=$?
  expect_eq "$RC" "2" "unreadable inputs exit 2"
  expect_contains "$(cat "$TMP/err3")" "secret.txt: Permission denied" "names the unreadable file"
  expect_contains "$(cat "$TMP/err3")" "locked: Permission denied" "names the unreadable directory"
  n=$(json_eval "$TMP/out/partial.json" "len(d['findings'])")
  expect_eq "$n" "1" "partial results still written"
else
  echo "note: skipping unreadable-file checks (needs root + setpriv + a world-executable binary)" >&2
fi
chmod 755 "$U/locked"

# 4. Missing path: exit 2 with a one-line error.
run_lh scan "$TMP/does-not-exist"
expect_eq "$RC" "2" "missing path exits 2"
expect_contains "$ERR" "does-not-exist: No such file or directory" "missing path named"

# 5. Invalid configuration and rules: exit 2, one line naming file, line and problem.
C="$TMP/badcfg"; mkdir -p "$C"; echo x >"$C/a.txt"
printf '[scan]\nmax_filesize = 3\n' >"$C/.leakhound.toml"
run_lh scan "$C"
expect_eq "$RC" "2" "invalid config exits 2"
expect_contains "$ERR" ".leakhound.toml: [scan]: line 2: unknown key 'max_filesize' (did you mean 'max_file_size'?)" "config error names file, line, key"
expect_eq "$(echo "$ERR" | wc -l)" "1" "config error is one line"
printf '[allowlist\n' >"$C/.leakhound.toml"
run_lh scan "$C"
expect_eq "$RC" "2" "broken TOML exits 2"
expect_contains "$ERR" "invalid TOML" "broken TOML is named"
R="$TMP/badrules"; mkdir -p "$R"
printf '[[rule]]\nid = "bad.re"\ndescription = "d"\nregex = "abc("\n' >"$R/bad.toml"
run_lh scan "$D/found.env" --rules "$R"
expect_eq "$RC" "2" "invalid rule regex exits 2"
expect_contains "$ERR" "bad.toml: rule 'bad.re': invalid regex" "rule error names file and id"
printf '[[rule]]\nid = "dup.a"\ndescription = "d"\nregex = "abc"\n[[rule]]\nid = "dup.a"\ndescription = "d"\nregex = "abd"\n' >"$R/bad.toml"
run_lh scan "$D/found.env" --rules "$R"
expect_contains "$ERR" "rule 'dup.a': duplicate id" "duplicate id named"
printf '[[rule]]\nid = "grp.a"\ndescription = "d"\nregex = "a(b)"\nsecret_group = 3\n' >"$R/bad.toml"
run_lh scan "$D/found.env" --rules "$R"
expect_contains "$ERR" "rule 'grp.a': secret_group 3 out of range" "group out of range named"

# 6. Bad arguments: exit 2.
run_lh scan --format xml .
expect_eq "$RC" "2" "unknown format exits 2"
run_lh scan --max-file-size lots .
expect_eq "$RC" "2" "bad size exits 2"

# 7. Corrupt cache file is rebuilt transparently. The built-in rules use the
# database compiled at build time; a custom rule makes a new set, which is
# compiled once and cached.
export XDG_CACHE_HOME="$TMP/cache"
mkdir -p "$TMP/custom-rules"
cat >"$TMP/custom-rules/custom.toml" <<'EOF'
[[rule]]
id = "custom.internal-token"
description = "Internal token"
regex = '''\bintk_[a-z0-9]{24}\b'''
EOF
printf 'token = intk_0123456789abcdefghijklmn\n' >"$TMP/custom.txt"
run_lh scan "$D/found.env" --stats
expect_contains "$ERR" "database prebuilt" "built-in rules load the database compiled at build time"
run_lh scan "$TMP/custom.txt" --rules "$TMP/custom-rules" --stats
expect_contains "$ERR" "database prebuilt + 1 compiled" "only the custom rule is compiled"
n=$(ls "$TMP"/cache/leakhound/*.db 2>/dev/null | wc -l)
expect_eq "$n" "1" "and cached"
run_lh scan "$TMP/custom.txt" --rules "$TMP/custom-rules" --stats
expect_contains "$ERR" "database prebuilt + 1 cached" "the second run loads the cache"
for f in "$TMP"/cache/leakhound/*.db; do echo garbage >"$f"; done
run_lh scan "$TMP/custom.txt" --rules "$TMP/custom-rules" --stats
expect_eq "$RC" "1" "corrupt cache is rebuilt and the scan still works"
expect_contains "$ERR" "database prebuilt + 1 compiled" "the corrupt cache was recompiled"

finish
