#!/usr/bin/env bash
# End to end: `leakhound git` on hostile repositories, beyond what
# git_odd_repos_test.sh covers (corrupt loose object, partial and shallow
# clones): a truncated pack, a blob missing from a full repository, symbolic
# ref cycles, 100k refs, 5k-commit history, a 100-parent octopus merge, and
# grafted/replaced commits. Every case: no crash, no hang (run_lh's timeout),
# a clear message, exit 2 when something was not scanned, and the findings
# that could be produced still reported.
source "$(dirname "$0")/lib.sh"

GH=$(github_token 41)
AWS=$(aws_key_id 41)
export GIT_CONFIG_GLOBAL="$TMP/gitconfig" GIT_CONFIG_NOSYSTEM=1
git config --global user.name "T" && git config --global user.email "t@example.com"
git config --global init.defaultBranch main
count() { json_eval "$1" "len(d['findings'])"; }
lh_git() {
  run_lh git "$1" --format json --output "$TMP/r.json" --progress never "${@:2}"
  echo "git $(basename "$1"): exit $RC; ${ERR:0:300}" >&2
}

# fast_history DIR COMMITS: a linear history through git fast-import; commit i
# changes file f$((i % 50)).txt; the GitHub token is added in commit 2 and the
# AWS key id in the last commit.
fast_history() {
  git init -q "$1"
  python3 - "$2" "$GH" "$AWS" <<'PY' | git -C "$1" fast-import --quiet
import sys
n, gh, aws = int(sys.argv[1]), sys.argv[2], sys.argv[3]
out = sys.stdout
for i in range(1, n + 1):
    body = f"value = {i}\n"
    if i == 2: body = f"GITHUB_TOKEN={gh}\n"
    if i == n: body = f"aws_access_key_id = {aws}\n"
    path = "key.txt" if i in (2, n) else f"f{i % 50}.txt"
    msg = f"commit {i}\n"
    out.write(f"commit refs/heads/main\nmark :{i}\ncommitter T <t@example.com> {1700000000 + i} +0000\n")
    out.write(f"data {len(msg)}\n{msg}")
    if i > 1: out.write(f"from :{i - 1}\n")
    out.write(f"M 100644 inline {path}\ndata {len(body)}\n{body}\n")
PY
}

# 1. Very deep history (5k commits): both secrets found, clean exit 1.
fast_history "$TMP/deep" 5000
lh_git "$TMP/deep"
expect_eq "$RC" "1" "5k-commit history scanned"
expect_eq "$(count "$TMP/r.json")" "2" "secrets in commit 2 and commit 5000 found"
expect_eq "$(json_eval "$TMP/r.json" "d['summary']['commits_walked']")" "5000" "every commit walked"

# 2. 100k refs (packed-refs), plus a symbolic-ref cycle: completes, finds both.
git clone -q --bare "$TMP/deep" "$TMP/refs.git"
head=$(git -C "$TMP/refs.git" rev-parse main)
python3 - "$TMP/refs.git/packed-refs" "$head" <<'PY'
import sys
with open(sys.argv[1], "a") as f:
    for i in range(100000):
        f.write(f"{sys.argv[2]} refs/tags/t{i:06d}\n")
PY
git -C "$TMP/refs.git" symbolic-ref refs/heads/loop-a refs/heads/loop-b
git -C "$TMP/refs.git" symbolic-ref refs/heads/loop-b refs/heads/loop-a
lh_git "$TMP/refs.git"
expect_contains "1 2" "$RC" "100k refs and a symref cycle: completes"
expect_eq "$(count "$TMP/r.json")" "2" "findings reported despite the ref cycle"

# 3. Octopus merge of 100 branches, each adding its own file.
O="$TMP/octopus"; git init -q "$O"
(
  cd "$O" && echo base >base.txt && git add -A && git commit -qm base
  base=$(git rev-parse HEAD)
  parents=()
  for i in $(seq 1 100); do
    blob=$(printf 'value%d = %d\n' "$i" "$i" | git hash-object -w --stdin)
    [[ $i == 77 ]] && blob=$(printf 'GITHUB_TOKEN=%s\n' "$GH" | git hash-object -w --stdin)
    tree=$(printf '100644 blob %s\tb%d.txt\n' "$blob" "$i" | git mktree)
    parents+=(-p "$(git commit-tree "$tree" -p "$base" -m "branch $i")")
  done
  tree=$(git write-tree)
  git update-ref refs/heads/main "$(git commit-tree "$tree" "${parents[@]}" -m octopus)"
)
lh_git "$O"
expect_eq "$RC" "1" "100-parent octopus scanned"
expect_eq "$(count "$TMP/r.json")" "1" "secret of the 77th parent found"

# 4. Grafted and replaced commits: `git replace` hides the commit holding the
#    token from git log; the scan still completes (it reads the real objects).
G="$TMP/graft"
fast_history "$G" 10
(
  cd "$G"
  c8=$(git rev-parse main~2) c5=$(git rev-parse main~5) c2=$(git rev-parse main~8)
  git replace --graft "$c5"  # cut history below commit 5 (hides commit 2)
  echo "$c8 $c2" >.git/info/grafts  # an old-style graft: commit 8's parent is commit 2
)
lh_git "$G"
expect_contains "1 2" "$RC" "grafted/replaced history: completes"
expect_contains "$(json_eval "$TMP/r.json" "sorted(f['rule_id'] for f in d['findings'])")" \
  "aws" "the head's secret is still found"

# 5. A blob missing from a full (non-partial) repository: counted, named,
#    exit 2; the other blobs' findings still reported.
M="$TMP/missing"
fast_history "$M" 6
(
  cd "$M"
  for p in .git/objects/pack/*.pack; do  # loose objects, so one can be removed
    [[ -f $p ]] || continue
    mv "$p" "$TMP/m.pack" && rm -f .git/objects/pack/*
    git unpack-objects -q <"$TMP/m.pack"
  done
  missing=$(git rev-parse main~2:f4.txt)
  rm -f ".git/objects/${missing:0:2}/${missing:2}"
  echo "$missing" >"$TMP/missing.oid"
)
lh_git "$M"
expect_eq "$RC" "2" "missing blob: exit 2"
expect_contains "$ERR" "$(cat "$TMP/missing.oid")" "missing blob named"
expect_eq "$(count "$TMP/r.json")" "2" "readable blobs' findings still reported"

# 6. A truncated pack: what can be read is scanned; the rest is named, exit 2.
T="$TMP/trunc"
fast_history "$T" 300
git -C "$T" repack -adq
pack=$(ls "$T"/.git/objects/pack/*.pack)
size=$(stat -c %s "$pack")
chmod u+w "$pack" && truncate -s $((size * 2 / 3)) "$pack"
lh_git "$T"
expect_eq "$RC" "2" "truncated pack: exit 2"
expect_contains "$ERR" "error" "truncated pack is reported"
if [[ -s "$TMP/r.json" ]]; then pass; else fail "truncated pack: report still written"; fi

finish
