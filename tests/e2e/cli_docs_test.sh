#!/usr/bin/env bash
# End to end: what the package ships about the CLI comes from the CLI itself.
# --version names the commit, Hyperscan, libgit2 and the built-in rules
# (count = `rules list`, digest stable); `generate man` is valid roff (groff
# without warnings) naming every subcommand and option --help shows;
# `generate bash` completes subcommands, nested subcommands and options;
# zsh and fish scripts parse (zsh -n, fish -n) and complete subcommands and
# options; unknown shells exit 2.
source "$(dirname "$0")/lib.sh"

run_lh --version
expect_rc 0 "--version"
expect_contains "$OUT" "leakhound " "--version: release"
[[ $OUT =~ \(commit\ [0-9a-f]{7,}(-dirty)?\)|\(commit\ unknown\) ]] && pass || fail "--version: commit in: $OUT"
expect_contains "$OUT" $'\nhyperscan ' "--version: Hyperscan version"
[[ $OUT =~ libgit2\ [0-9]+\.[0-9]+\.[0-9]+ ]] && pass || fail "--version: libgit2 version in: $OUT"
rules=$("$LEAKHOUND" rules list --no-config --format json | python3 -c "import json,sys; d=json.load(sys.stdin); print(len(d['rules'] if isinstance(d, dict) else d))")
[[ $OUT =~ rules\ ([0-9]+)\ built-in,\ digest\ sha256:([0-9a-f]{16}) ]] && pass || fail "--version: rules line in: $OUT"
expect_eq "${BASH_REMATCH[1]:-}" "$rules" "--version: built-in rule count = rules list"
run_lh -V
expect_contains "$OUT" "digest sha256:" "-V is --version"

run_lh generate man
expect_rc 0 "generate man"
man=$OUT
expect_contains "$man" ".TH LEAKHOUND 1" "man: title"
if command -v groff >/dev/null 2>&1; then
  warnings=$(printf '%s\n' "$man" | groff -man -z -ww 2>&1)
  expect_eq "$warnings" "" "man: groff -man -ww reports nothing"
fi
for sub in scan git staged verify "rules list" "rules check" "config check" "baseline create" \
           "baseline check" "hook install" "hook uninstall" "repos github" "repos gitlab" merge \
           "inventory export"; do
  expect_contains "$man" ".SS \"leakhound ${sub}" "man: section for $sub"
  # shellcheck disable=SC2086
  for opt in $("$LEAKHOUND" $sub --help | grep -oE -- '--[a-z][a-z-]+' | sort -u); do
    expect_contains "$man" "${opt//-/\\-}" "man: $sub $opt" # roff escapes hyphens
  done
done
expect_not_contains "$man" '.SS "leakhound generate' "man: the hidden generate command is not documented"

run_lh generate bash
expect_rc 0 "generate bash"
printf '%s\n' "$OUT" >"$TMP/lh.bash"
bash -n "$TMP/lh.bash" && pass || fail "bash completion parses"
complete_bash() {  # complete_bash WORD...: completions for the last word
  bash -c 'source "$1"; shift; COMP_WORDS=("$@"); COMP_CWORD=$(($# - 1)); _leakhound; echo "${COMPREPLY[*]}"' _ "$TMP/lh.bash" "$@"
}
expect_eq "$(complete_bash leakhound st)" "staged" "bash: subcommand"
expect_eq "$(complete_bash leakhound rules "")" "list check bench" "bash: nested subcommands"
expect_eq "$(complete_bash leakhound rules list --verif)" "--verifiers" "bash: nested options"
expect_eq "$(complete_bash leakhound git --since-)" "--since-commit" "bash: options of git"
expect_eq "$(complete_bash leakhound git --format "")" "" "bash: after a value option, no words (files)"
for shell in zsh fish; do
  run_lh generate $shell
  expect_rc 0 "generate $shell"
  printf '%s\n' "$OUT" >"$TMP/lh.$shell"
  # ci/install-deps.sh --test installs zsh and fish: a missing shell fails.
  command -v $shell >/dev/null 2>&1 || { fail "$shell is not installed (ci/install-deps.sh --test)"; continue; }
  $shell -n "$TMP/lh.$shell" && pass || fail "$shell completion parses ($shell -n)"
done
# zsh: the completion function run with stand-ins for the completion system
# (_describe prints the candidates of its array, _files a marker).
complete_zsh() {  # complete_zsh WORD...: candidates for the last word
  zsh -f -c '_describe() { print -rl -- "${(@P)4}"; }; _files() { print -r -- "<files>"; }
             f=$1; shift; words=("$@"); CURRENT=$#; source "$f"' _ "$TMP/lh.zsh" "$@" 2>&1
}
if command -v zsh >/dev/null 2>&1; then
  expect_contains "$(complete_zsh leakhound gi)" "git:Audit git history" "zsh: subcommands"
  expect_contains "$(complete_zsh leakhound rules "")" $'list:List active rules\ncheck:' "zsh: nested subcommands"
  expect_contains "$(complete_zsh leakhound git --ran)" "--range:Scan commits in A..B" "zsh: options of git"
  expect_eq "$(complete_zsh leakhound git --format "")" "<files>" "zsh: after a value option, files"
fi
# fish: its own completion engine (complete -C) over the sourced script.
complete_fish() { fish -c 'source $argv[1]; complete -C $argv[2]' "$TMP/lh.fish" "$1" 2>&1; }
if command -v fish >/dev/null 2>&1; then
  expect_eq "$(complete_fish "leakhound gi" | cut -f1)" "git" "fish: subcommand"
  expect_contains "$(complete_fish "leakhound git --ran" | cut -f1)" "--range" "fish: options of git"
  expect_not_contains "$(complete_fish "leakhound scan --ran" | cut -f1)" "--range" "fish: scan has no --range"
fi
expect_contains "$(cat "$TMP/lh.zsh")" "#compdef leakhound" "zsh: compdef header"
expect_contains "$(cat "$TMP/lh.fish")" "complete -c leakhound -n '__fish_seen_subcommand_from git' -l range -r" "fish: git --range takes a value"
run_lh generate powershell
expect_rc 2 "generate: unknown shell refused"
finish
