#!/usr/bin/env bash
# `--format html`: one self-contained page. On a repository with hostile paths,
# commit messages and authors: the page validates as HTML (html-validate from
# npm, offline once installed), loads nothing from elsewhere (no src/href to
# another host, a CSP allowing only its own style and script by hash), holds
# no secret unless --no-redact, escapes every hostile string, and has as many
# table rows and timeline bars as the JSON report has findings and exposures.
source "$(dirname "$0")/lib.sh"
source "$(dirname "$0")/html_fixture.sh"
git_fixture_env
abort_on_error
make_html_fixture "$TMP/repo"
NODE_MODULES=$(bash "$(dirname "$0")/npm_tool.sh" html-validate@9.4.1) || die "html-validate install"
set +e

run_lh git "$TMP/repo" --format json --progress never -o "$TMP/r.json"
expect_rc 1 "git --format json"
run_lh git "$TMP/repo" --format html --progress never -o "$TMP/r.html"
expect_rc 1 "git --format html"
expect_eq "$(stat -c %a "$TMP/r.html")" "600" "the report file is owner-only"
html=$(<"$TMP/r.html")
for s in $HTML_SECRETS; do
  expect_not_contains "$html" "${s:4}" "secret redacted in the page"
done

# Structure, escaping and self-containment, read from the file.
python3 - "$TMP/r.html" "$TMP/r.json" <<'PY' || fail "page structure (see above)"
import base64, hashlib, json, re, sys
raw = open(sys.argv[1], "rb").read()
page = raw.decode("utf-8")  # strict: the page is valid UTF-8 whatever the paths were
report = json.load(open(sys.argv[2]))
findings = report["findings"]
bad = []
def want(cond, msg):
    if not cond: bad.append(msg)
want(len(findings) == 4, f"4 findings in the JSON, got {len(findings)}")
want(page.count("<script") == 1 and page.count("</script>") == 1, "exactly one script element")
want(page.count("<style") == 1 and page.count("</style>") == 1, "exactly one style element")
want("onerror=" not in page.replace("onerror=alert(1)&gt;", ""), "no live onerror attribute")
want("&lt;script&gt;alert(1)&lt;/script&gt;" in page, "hostile path shown escaped")
want("&lt;/style&gt;&lt;script&gt;alert(&quot;msg&quot;)" in page, "hostile commit message shown escaped")
want("Mallory &quot;&amp;amp;&quot; &#39;x" in page, "hostile author shown escaped")
want("ключи/🔑 notes.txt" in page, "Unicode path shown as itself")
want("\u202e" not in page, "bidi override not passed through")
want("bad\ufffdname.txt" in page, "invalid UTF-8 in a path shown as U+FFFD")
refs = re.findall(r'\b(?:src|href|action|xlink:href)\s*=\s*["\']?([^"\'\s>]*)', page, re.I)
want(refs and all(r.startswith("#") for r in refs), f"only in-page links: {[r for r in refs if not r.startswith('#')][:5]}")
want(not re.search(r'url\(|@import|https?://[^"<\s]*\.(?:js|css|woff2?)', page), "no external CSS resource")
style = re.search(r"<style>(.*?)</style>", page, re.S).group(1)
script = re.search(r"<script>(.*?)</script>", page, re.S).group(1)
h = lambda t: "'sha256-" + base64.b64encode(hashlib.sha256(t.encode()).digest()).decode() + "'"
csp = re.search(r'http-equiv="Content-Security-Policy" content="([^"]*)"', page).group(1)
want("default-src 'none'" in csp, "CSP default-src 'none'")
want(f"style-src {h(style)}" in csp and f"script-src {h(script)}" in csp, "CSP hashes match the inline style and script")
want(page.count('<tbody class="secret"') == len(findings), "one table row group per finding")
exposed = sum(1 for f in findings if "exposure" in f)
want(exposed == 4, f"every finding has an exposure window, got {exposed}")
want(len(re.findall(r'<rect class="bar ', page)) == exposed, "one timeline bar per exposure")
present = sum(1 for f in findings if f["exposure"]["removed"] is None)
want(len(re.findall(r'<rect class="bar [^"]* open"', page)) == present, "open bars for secrets still present")
want('class="checklist"' in page and page.count('type="checkbox" id="c-') == len(findings), "a checklist item per finding")
for m in bad: print("FAIL:", m, file=sys.stderr)
sys.exit(1 if bad else 0)
PY
pass

# A real HTML validator.
cat >"$TMP/.htmlvalidate.json" <<'JSON'
{ "extends": ["html-validate:recommended"], "rules": { "no-inline-style": "error" } }
JSON
if (cd "$TMP" && node "$NODE_MODULES/html-validate/bin/html-validate.mjs" r.html >"$TMP/validate.out" 2>&1); then
  pass
else
  cat "$TMP/validate.out" >&2
  fail "html-validate rejects the report"
fi

# --no-redact shows the secrets (so the redaction check above can fail).
run_lh git "$TMP/repo" --format html --progress never --no-redact
expect_rc 1 "--no-redact"
for s in $HTML_SECRETS; do expect_contains "$OUT" "$s" "--no-redact shows the secret"; done
expect_contains "$OUT" "SHOWN IN FULL" "--no-redact is announced in the scope"
expect_not_contains "$ERR" "${HTML_SECRETS:4:20}" "never in the log"

# A plain directory scan: no timeline, still a valid page; a clean scan says so.
run_lh scan "$TMP/repo" --format html --progress never
expect_rc 1 "scan --format html"
expect_contains "$OUT" "the timeline needs a" "no timeline without history"
mkdir -p "$TMP/clean" && echo "nothing here" >"$TMP/clean/a.txt"
run_lh scan "$TMP/clean" --format html --progress never -o "$TMP/clean.html"
expect_rc 0 "clean scan"
expect_contains "$(<"$TMP/clean.html")" "No secrets found" "clean page"
expect_contains "$(<"$TMP/clean.html")" "Scan complete" "complete status"
if (cd "$TMP" && node "$NODE_MODULES/html-validate/bin/html-validate.mjs" clean.html >"$TMP/validate2.out" 2>&1); then
  pass
else
  cat "$TMP/validate2.out" >&2
  fail "html-validate rejects the clean report"
fi

# An unreadable file: incomplete, said in the page.
if [[ $(id -u) -ne 0 ]]; then
  echo "x" >"$TMP/clean/locked.txt" && chmod 000 "$TMP/clean/locked.txt"
  run_lh scan "$TMP/clean" --format html --progress never
  expect_rc 2 "unreadable file"
  expect_contains "$OUT" "Incomplete" "incomplete status in the page"
fi
finish
