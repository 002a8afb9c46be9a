#!/usr/bin/env bash
# End to end: hostile files (beyond bad_input_test.sh, which covers empty,
# invalid UTF-8, CRLF, 60-deep trees, a directory symlink loop, a FIFO in a
# tree, unreadable files and the 100 MB line). Every case: no crash, no hang
# (run_lh's `timeout` proves it), a clear message, exit 2 when something was
# not scanned, and the findings that could be produced still reported.
source "$(dirname "$0")/lib.sh"

GH=$(github_token 31)
count() { json_eval "$1" "len(d['findings'])"; }

# 1. A 4 GB sparse file is skipped by its size, never read (a read would take
#    far longer than the timeout on a sparse 4 GiB); a limit above 4 GiB is capped.
D="$TMP/sparse"; mkdir -p "$D"
truncate -s 4G "$D/huge.bin"
printf 'GITHUB_TOKEN=%s\n' "$GH" >"$D/found.env"
run_lh scan "$D" --format json --output "$TMP/sparse.json"
expect_eq "$RC" "1" "4 GB sparse file skipped, the other file scanned"
expect_contains "$ERR" "1 over --max-file-size" "skip is counted"
expect_eq "$(count "$TMP/sparse.json")" "1" "finding of the readable file reported"
run_lh scan "$D/found.env" --max-file-size 16GiB
expect_eq "$RC" "1" "--max-file-size above 4 GiB still scans"
expect_contains "$ERR" "max file size capped at 4 GiB" "the cap is explained"
rm -f "$D/huge.bin"

# 2. NUL-heavy binaries: skipped (counted) by default, scanned with --scan-binary.
B="$TMP/binary"; mkdir -p "$B"
python3 -c "
import sys
sys.stdout.buffer.write(b'\0' * 65536 + b'GITHUB_TOKEN=$GH\n' + b'\0\1\2\3' * 65536)" >"$B/nul.bin"
run_lh scan "$B"
expect_eq "$RC" "0" "NUL-heavy file is skipped as binary"
expect_contains "$ERR" "1 binary" "binary skip is counted"
run_lh scan "$B" --scan-binary --format json --output "$TMP/bin.json"
expect_eq "$RC" "1" "--scan-binary finds the key between NULs"

# 3. UTF-16 text (LE and BE with a BOM, LE without): decoded and scanned.
U="$TMP/utf16"; mkdir -p "$U"
python3 - "$U" "$GH" <<'PY'
import sys
d, tok = sys.argv[1], sys.argv[2]
text = "# settings\r\nGITHUB_TOKEN=" + tok + "\r\nname = caf\u00e9 \u4e2d\r\n"
open(d + "/le-bom.txt", "wb").write(b"\xff\xfe" + text.encode("utf-16-le"))
open(d + "/be-bom.txt", "wb").write(b"\xfe\xff" + text.encode("utf-16-be"))
open(d + "/le-nobom.txt", "wb").write(text.encode("utf-16-le"))
PY
run_lh scan "$U" --format json --output "$TMP/utf16.json"
expect_eq "$RC" "1" "UTF-16 files scanned"
expect_eq "$(count "$TMP/utf16.json")" "3" "the key is found in each UTF-16 file"
expect_eq "$(json_eval "$TMP/utf16.json" "sorted(f['line'] for f in d['findings'])")" "[2, 2, 2]" \
  "UTF-16 findings on line 2"

# 4. 500 nested directories.
N="$TMP/nested"; p="$N"
for i in $(seq 1 500); do p="$p/d$i"; done
mkdir -p "$p" && printf 'GITHUB_TOKEN=%s\n' "$GH" >"$p/deep.env"
run_lh scan "$N" --format json --output "$TMP/nested.json"
expect_eq "$RC" "1" "500-level tree scanned"
expect_eq "$(count "$TMP/nested.json")" "1" "the deepest file is found"

# 5. Symlink loops (self, two-link cycle, directory cycle) and device links,
#    followed: skipped, no hang, no error.
S="$TMP/links"; mkdir -p "$S/sub"
printf 'GITHUB_TOKEN=%s\n' "$GH" >"$S/found.env"
ln -s self "$S/self"
ln -s b "$S/a" && ln -s a "$S/b"
ln -s .. "$S/sub/up"
ln -s /dev/zero "$S/zero" && ln -s /dev/urandom "$S/urandom"
mkfifo "$S/fifo" && ln -s fifo "$S/fifo-link"
run_lh scan "$S" --follow-symlinks --format json --output "$TMP/links.json"
expect_eq "$RC" "1" "symlink loops and devices: completes"
expect_eq "$(count "$TMP/links.json")" "1" "found.env scanned once"
expect_not_contains "$ERR" "error" "loops and devices are not errors"

# 6. FIFOs and devices named directly, and stdin that never ends.
run_lh scan "$S/fifo"
expect_eq "$RC" "0" "a FIFO argument is skipped without blocking"
expect_contains "$ERR" "1 special" "FIFO counted as special"
run_lh scan /dev/zero /dev/null
expect_eq "$RC" "0" "device arguments are skipped"
timeout 120 "$LEAKHOUND" scan - </dev/zero >/dev/null 2>"$TMP/stdin.err"
RC=$?
expect_eq "$RC" "2" "endless stdin stops at --max-file-size, exit 2"
expect_contains "$(cat "$TMP/stdin.err")" "<stdin>: larger than --max-file-size" "endless stdin named"

# 7. Files that vanish, appear and grow during the scan: never an error.
V="$TMP/churn"; mkdir -p "$V"
for i in $(seq 1 3000); do printf 'x = %d\n' "$i" >"$V/f$i.txt"; done
printf 'GITHUB_TOKEN=%s\n' "$GH" >"$V/zzz-found.env"
(
  for round in $(seq 1 200); do
    for i in $(seq $((round * 10)) $((round * 10 + 9))); do rm -f "$V/f$i.txt"; done
    printf 'new\n' >"$V/new$round.txt"
    printf 'grow %d\n' "$round" >>"$V/f1.txt"
  done
) &
churn=$!
run_lh scan "$V" --format json --output "$TMP/churn.json" -j 2
wait "$churn"
expect_eq "$RC" "1" "churning tree scanned"
expect_eq "$(count "$TMP/churn.json")" "1" "stable file found"
expect_not_contains "$ERR" "error" "vanished files are not errors"

# 8. Regex cost: many near-miss prefixes for the rules, and a large base64
#    blob under the private-key rules; both finish (no blow-up).
R="$TMP/cost"; mkdir -p "$R"
python3 - "$R" <<'PY'
import random, sys
d = sys.argv[1]
rng = random.Random(5)
alnum = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789"
near = []
for p in ("ghp_", "github_pat_", "AKIA", "xoxb-", "sk_live_", "glpat-", "npm_", "AIza", "eyJ",
          "sk-proj-", "SG.", "password=", "token: ", "https://u:", "postgres://a:"):
    near.append(p + "".join(rng.choice(alnum) for _ in range(35)) + "!")
out, size = [], 0
while size < (1 << 20):
    s = near[len(out) % len(near)]
    out.append(s)
    size += len(s) + 1
open(d + "/near-miss.txt", "w").write("\n".join(out))
b64 = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/"
with open(d + "/key.pem", "w") as f:
    f.write("-----BEGIN RSA PRIVATE KEY-----\n")
    line = "".join(rng.choice(b64) for _ in range(4096))
    for i in range(50 * 1024 * 1024 // 4096):
        f.write(line[i % 64:] + line[:i % 64])  # one 50 MB line: no END marker
PY
run_lh scan "$R/near-miss.txt" --format json --output "$TMP/near.json"
expect_contains "0 1" "$RC" "1 MB of near-miss prefixes completes"
expect_eq "$(json_eval "$TMP/near.json" "d['summary']['confirm_capped']")" "0" "near misses stay under the cap"
run_lh scan "$R/key.pem" --format json --output "$TMP/pem.json"
expect_contains "0 1" "$RC" "50 MB base64 under a private-key header completes"

# 9. The confirmation work cap: a small [scan] confirm_budget triggers it; it is
#    reported on stderr and in the report, the scan is incomplete (exit 2), and
#    what was confirmed before the cap is still reported.
cp "$R/near-miss.txt" "$R/capped.txt"
printf 'GITHUB_TOKEN=%s\n' "$GH" >"$R/first.env"
printf '[scan]\nconfirm_budget = "4KiB"\nmax_file_size = "64MiB"\n' >"$TMP/cap.toml"
run_lh scan "$R/first.env" "$R/capped.txt" --config "$TMP/cap.toml" --format json \
  --output "$TMP/cap.json"
expect_eq "$RC" "2" "confirmation cap makes the scan incomplete"
expect_contains "$ERR" "1 blobs hit the confirmation work cap" "cap reported on stderr"
expect_eq "$(json_eval "$TMP/cap.json" "d['summary']['confirm_capped']")" "1" "cap counted in the report"
expect_eq "$(json_eval "$TMP/cap.json" "sum(f['path'].endswith('first.env') for f in d['findings'])")" \
  "1" "findings of other blobs still reported"
run_lh scan "$R/capped.txt" --format json --output "$TMP/nocap.json"
expect_eq "$(json_eval "$TMP/nocap.json" "d['summary']['confirm_capped']")" "0" "default budget is not hit"
capped=$(json_eval "$TMP/cap.json" "sum(f['path'].endswith('capped.txt') for f in d['findings'])")
full=$(count "$TMP/nocap.json")
if ((capped < full)); then pass; else fail "the cap stops confirmation early ($capped vs $full findings)"; fi

# 10. Configuration-like files planted in the scanned tree that never end or
#     are huge (a FIFO, links to /dev/zero, a gitleaks [extend] of /dev/zero):
#     refused at once by name, exit 2 (never read into memory or waited on).
H="$TMP/planted"; mkdir -p "$H"
printf 'GITHUB_TOKEN=%s\n' "$GH" >"$H/found.env"
ln -s /dev/zero "$H/.leakhoundignore"
run_lh scan "$H"
expect_eq "$RC" "2" "ignore file linked to /dev/zero: exit 2"
expect_contains "$ERR" ".leakhoundignore: not a regular file" "planted ignore file named"
rm "$H/.leakhoundignore" && mkfifo "$H/.leakhound.toml"
run_lh scan "$H"
expect_eq "$RC" "2" "configuration FIFO: exit 2 without waiting for a writer"
expect_contains "$ERR" ".leakhound.toml: not a regular file" "planted configuration named"
rm "$H/.leakhound.toml" && printf '[extend]\npath = "/dev/zero"\n' >"$H/.gitleaks.toml"
run_lh scan "$H"
expect_eq "$RC" "2" "gitleaks [extend] of /dev/zero: exit 2"
expect_contains "$ERR" "cannot read extended configuration '/dev/zero': /dev/zero: not a regular file" \
  "extended file named"
rm "$H/.gitleaks.toml" && truncate -s 17M "$H/.gitleaksignore"
run_lh scan "$H"
expect_eq "$RC" "2" "a 17 MB ignore file is refused"
expect_contains "$ERR" ".gitleaksignore: larger than 16 MiB" "oversized ignore file named"

finish
