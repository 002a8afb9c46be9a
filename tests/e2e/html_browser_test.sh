#!/usr/bin/env bash
# The HTML report in a real browser (ctest label `browser`): Debian's Chromium,
# headless, driven by tests/e2e/html_browser.mjs through playwright-core (npm,
# installed once into the tools directory). Screenshots and a print PDF are
# left in $LEAKHOUND_ARTIFACTS (default build/test-artifacts).
source "$(dirname "$0")/lib.sh"
source "$(dirname "$0")/html_fixture.sh"
git_fixture_env
abort_on_error
command -v chromium >/dev/null || die "chromium not found (apt-get install chromium)"
NODE_MODULES=$(bash "$(dirname "$0")/npm_tool.sh" playwright-core@1.65.2) || die "playwright-core install"
ART=${LEAKHOUND_ARTIFACTS:-$SOURCE_DIR/build/test-artifacts}
mkdir -p "$ART"
make_html_fixture "$TMP/repo"
set +e

run_lh git "$TMP/repo" --format json --progress never -o "$TMP/r.json"
expect_rc 1 "json report"
run_lh git "$TMP/repo" --format html --progress never -o "$TMP/r.html"
expect_rc 1 "html report"
if timeout 180 node "$(dirname "$0")/html_browser.mjs" "$NODE_MODULES" "$TMP/r.html" "$TMP/r.json" \
  "$ART" >"$TMP/browser.out" 2>&1; then
  pass
else
  fail "browser checks"
fi
cat "$TMP/browser.out" >&2
cp "$TMP/r.html" "$ART/html-report.html"
finish
