# Sourced by the HTML report tests (after lib.sh and git_fixture_env): a git
# repository whose history spans four years, with secrets introduced and
# removed at different times and hostile strings in paths, commit messages and
# author names (markup, quotes, </style>, </script>, Unicode, a bidi override,
# invalid UTF-8).
#
# make_html_fixture DIR: creates the repository; sets HTML_SECRETS (the raw
# secrets planted, space-separated) and HTML_HOSTILE_PATH.
make_html_fixture() {
  local dir=$1
  local tok_a tok_b tok_c aws
  tok_a=$(gh_token html-a)
  tok_b=$(gh_token html-b)
  tok_c=$(gh_token html-c)
  aws=$(aws_key html)
  HTML_SECRETS="$tok_a $tok_b $tok_c $aws"
  HTML_HOSTILE_PATH=$'deploy/<script>alert(1)</script> "q" \'s\' & </style>.yml'
  make_repo "$dir"
  (
    set -e
    cd "$dir"
    at() { GIT_AUTHOR_DATE="$1T12:00:00Z" GIT_COMMITTER_DATE="$1T12:00:00Z" git "${@:2}"; }
    mkdir -p config deploy "ключи"
    printf 'APP=1\nGITHUB_TOKEN=%s\n' "$tok_a" >config/settings.env
    git add -A && at 2021-03-10 commit -qm "initial settings"
    mkdir -p "$(dirname "$HTML_HOSTILE_PATH")"  # '/' in </script> makes directories
    printf 'aws_access_key_id = %s\n' "$aws" >"$HTML_HOSTILE_PATH"
    git add -A && at 2022-02-14 commit -qm $'deploy: <b>bold</b> & "quotes" \'single\''
    printf 'token: %s\n' "$tok_b" >"ключи/🔑 notes.txt"
    git add -A && at 2023-07-01 commit -qm $'</style><script>alert("msg")</script> café ✓ \u202eevil' \
      --author $'Mallory "&amp;" \'x\' <m@example.com>'  # git drops < and > from names
    printf 'GH=%s\n' "$tok_c" >$'bad\xffname.txt'
    git add -A && at 2024-05-05 commit -qm "notes"
    git rm -q config/settings.env && at 2024-11-01 commit -qm "remove settings"
  ) || die "html fixture"
}
