#!/usr/bin/env bash
# End to end: the scanner never leaks the secrets it finds. Scans the corpus
# (corpus/positive) in every mode (scan, git, staged) and format (text, json,
# jsonl, sarif, gitlab, html), to stdout and to --output files, with --stats and
# --progress always, plus error paths (unwritable --output, bad baseline), a
# verification dry run, `leakhound verify` and `baseline create`. With
# redaction on, no output (stdout, stderr, written files) may hold a secret or
# any 5-character piece of one (the redaction prefix is 4) that is not public
# rule metadata (ids, descriptions, regexes: "sk_live_" is public). With
# --no-redact only the report carries them, never stderr. Report files are 0600.
source "$(dirname "$0")/lib.sh"

C="$TMP/corpus"
mkdir -p "$C"
cp -a "$SOURCE_DIR/corpus/positive/." "$C/"
O="$TMP/out"
mkdir -p "$O"

# 1. The secrets: what a --no-redact scan reports (values and named captures).
run_lh scan "$C" --no-redact --format json --output "$TMP/raw.json"
expect_eq "$RC" "1" "raw scan finds the corpus secrets"
python3 - "$TMP/raw.json" "$TMP/secrets.json" <<'PY'
import json, sys
d = json.load(open(sys.argv[1]))
s = set()
for f in d["findings"]:
    s.add(f["secret"])
    # A capture that contains the secret (a whole connection URI around its
    # password) wraps it: user and host are not secret; the secret is checked.
    s.update(v for v in f.get("captures", {}).values() if f["secret"] not in v)
json.dump(sorted(x for x in s if len(x) > 4), open(sys.argv[2], "w"))
PY
n=$(python3 -c "import json,sys; print(len(json.load(open(sys.argv[1]))))" "$TMP/secrets.json")
if ((n >= 15)); then pass; else fail "expected >= 15 distinct corpus secrets, got $n"; fi
# Public rule metadata (never secret): every string of `rules list` except examples.
timeout 120 "$LEAKHOUND" rules list --format json >"$TMP/rules.json" 2>/dev/null
python3 - "$TMP/rules.json" "$TMP/public.txt" <<'PY'
import json, sys
out = []
def walk(v):
    if isinstance(v, str): out.append(v)
    elif isinstance(v, list): [walk(x) for x in v]
    elif isinstance(v, dict): [walk(x) for k, x in v.items() if k not in ("examples", "negative_examples")]
walk(json.load(open(sys.argv[1])))
open(sys.argv[2], "w").write("\n".join(out))
PY

# check_no_leak FILE...: no secret, nor a non-public 5-char piece of one.
check_no_leak() {
  local msg
  msg=$(python3 - "$TMP/secrets.json" "$TMP/public.txt" "$@" <<'PY'
import json, sys
secrets = json.load(open(sys.argv[1]))
public = open(sys.argv[2], encoding="utf-8", errors="replace").read()
for path in sys.argv[3:]:
    data = open(path, "rb").read().decode("utf-8", "replace")
    for s in secrets:
        if s in data:
            print(f"{path}: holds a whole secret ({s[:4]}..., {len(s)} bytes)")
            continue
        for i in range(len(s) - 4):
            w = s[i:i + 5]
            if "\n" in w or w in public or w not in data:
                continue
            j = data.find(w)
            print(f"{path}: holds {w!r} of secret {s[:4]}...: {data[max(0, j - 30):j + 30]!r}")
            break
PY
  )
  if [[ -z "$msg" ]]; then pass; else fail "secret leaked: $msg"; fi
}
# check_holds_secret FILE: the file carries at least one whole secret.
check_holds_secret() {
  if python3 -c "
import json, sys
s = json.load(open(sys.argv[1])); d = open(sys.argv[2], encoding='utf-8', errors='replace').read()
sys.exit(0 if any(x in d for x in s) else 1)" "$TMP/secrets.json" "$1"; then pass; else fail "$1 should hold raw secrets (--no-redact)"; fi
}
check_mode() {
  local m
  m=$(stat -c %a "$1")
  expect_eq "$m" "600" "report file $1 is owner-only"
}

# Git repository with the corpus committed, and one with it staged.
G="$TMP/repo"
S="$TMP/staged"
for r in "$G" "$S"; do
  git init -q "$r"
  cp -a "$C/." "$r/"
done
git -C "$G" add -A && git -C "$G" -c user.name=t -c user.email=t@e commit -qm corpus
git -C "$S" add -A
# A report file that exists with loose permissions is tightened.
install -m 644 /dev/null "$O/preexisting.json"

modes=("scan $C" "git $G" "staged $S")
files=()
for mode in "${modes[@]}"; do
  read -r cmd target <<<"$mode"
  for fmt in text json jsonl sarif gitlab html; do
    base="$O/$cmd-$fmt"
    if [[ $cmd == scan ]]; then  # the report on stdout (the same writer as --output)
      timeout 120 "$LEAKHOUND" $cmd "$target" --format "$fmt" --stats --progress always \
        >"$base.stdout" 2>"$base.stderr"
      expect_eq "$?" "1" "$cmd --format $fmt finds the secrets"
      files+=("$base.stdout" "$base.stderr")
    fi
    timeout 120 "$LEAKHOUND" $cmd "$target" --format "$fmt" --output "$base.report" --stats \
      --progress always >"$base.stdout2" 2>"$base.stderr2"
    expect_eq "$?" "1" "$cmd --format $fmt --output finds the secrets"
    check_mode "$base.report"
    files+=("$base.report" "$base.stdout2" "$base.stderr2")
  done
done
timeout 120 "$LEAKHOUND" scan "$C" --format json --output "$O/preexisting.json" 2>/dev/null
check_mode "$O/preexisting.json"
files+=("$O/preexisting.json")

# Error paths and side commands.
run_lh scan "$C" --format json --output "$TMP/no/such/dir/r.json" --stats
expect_eq "$RC" "2" "unwritable --output exits 2"
expect_contains "$ERR" "r.json" "unwritable --output is named"
printf '%s' "$OUT" >"$O/unwritable.stdout"; printf '%s' "$ERR" >"$O/unwritable.stderr"
run_lh scan "$C" --format json --output "$O" --no-redact
expect_eq "$RC" "2" "--output naming a directory exits 2"
printf '%s' "$OUT" >"$O/outdir.stdout"; printf '%s' "$ERR" >"$O/outdir.stderr"
printf '{"findings": [' >"$TMP/bad-baseline.json"
run_lh scan "$C" --baseline "$TMP/bad-baseline.json" --no-redact
expect_eq "$RC" "2" "malformed baseline exits 2"
printf '%s' "$OUT" >"$O/badbase.stdout"; printf '%s' "$ERR" >"$O/badbase.stderr"
run_lh scan "$C" --verify-dry-run --format json --stats --no-redact --output "$O/dryrun.report"
expect_eq "$RC" "1" "verification dry run completes"
expect_contains "$ERR" "https://" "dry run lists endpoints"
printf '%s' "$OUT" >"$O/dryrun.stdout"; printf '%s' "$ERR" >"$O/dryrun.stderr"
run_lh verify "$O/scan-json.report" --verify-dry-run
printf '%s' "$OUT" >"$O/verify.stdout"; printf '%s' "$ERR" >"$O/verify.stderr"
run_lh baseline create "$C" --output "$O/baseline.json"
expect_eq "$RC" "0" "baseline create succeeds"
printf '%s' "$OUT" >"$O/bl.stdout"; printf '%s' "$ERR" >"$O/bl.stderr"
files+=("$O"/unwritable.* "$O"/outdir.std* "$O"/badbase.* "$O"/dryrun.std* "$O"/verify.* "$O"/bl.*
        "$O/baseline.json")
check_no_leak "${files[@]}"

# --no-redact: the report carries secrets; stderr never does.
nr=()
for mode in "${modes[@]}"; do
  read -r cmd target <<<"$mode"
  for fmt in text json sarif; do
    base="$O/nr-$cmd-$fmt"
    timeout 120 "$LEAKHOUND" $cmd "$target" --no-redact --format "$fmt" --stats --progress always \
      --output "$base.report" >"$base.stdout" 2>"$base.stderr"
    check_holds_secret "$base.report"
    check_mode "$base.report"
    nr+=("$base.stderr" "$base.stdout")
  done
done
nr+=("$O/dryrun.stderr")
check_no_leak "${nr[@]}"

finish
