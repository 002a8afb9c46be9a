#!/usr/bin/env bash
# End to end: docs/rules-reference.md is generated from the rules
# (docs/gen-rules-reference.sh over `rules list` and rules/generic/providers.tsv)
# and is current: regenerating it changes nothing. It names every built-in
# rule and every keyword-only provider, and a keyword-only provider of the
# table is really inferred by a scan.
source "$(dirname "$0")/lib.sh"

gen=$SOURCE_DIR/docs/gen-rules-reference.sh
doc=$SOURCE_DIR/docs/rules-reference.md
bash "$gen" "$LEAKHOUND" "$TMP/ref.md" 2>"$TMP/gen.err" || fail "generator failed: $(cat "$TMP/gen.err")"
if cmp -s "$TMP/ref.md" "$doc"; then pass; else
  fail "docs/rules-reference.md is stale (regenerate: docs/gen-rules-reference.sh build/leakhound): $(diff "$doc" "$TMP/ref.md" | head -8)"
fi

# The generator is not vacuous: every rule id and every keyword-only provider is in it.
run_lh rules list --format json --no-config
expect_rc 0 "rules list"
missing=$(python3 - "$OUT_FILE" "$TMP/ref.md" "$SOURCE_DIR/rules/generic/providers.tsv" <<'PY'
import json, sys
rules = json.load(open(sys.argv[1]))
rules = rules["rules"] if isinstance(rules, dict) else rules
doc = open(sys.argv[2]).read()
miss = [r["id"] for r in rules if "| `%s` |" % r["id"] not in doc]
names = [l.split("\t")[0] for l in open(sys.argv[3]) if l.strip() and not l.startswith("#")]
miss += [n for n in names if "\n| %s | " % n not in doc]
head = "%d built-in rules for %d providers" % (len(rules), len({r["provider"] for r in rules}))
if head not in doc:
    miss.append("count line: " + head)
if len(names) < 400:
    miss.append("only %d keyword-only providers" % len(names))
print(" ".join(miss))
PY
)
expect_eq "$missing" "" "rules reference names every rule and keyword-only provider"

# A staleness check that cannot fail is no check: one more table row changes the output.
cp -r "$SOURCE_DIR/docs" "$TMP/docs" && mkdir -p "$TMP/rules/generic"
cp "$SOURCE_DIR/rules/generic/providers.tsv" "$TMP/rules/generic/"
printf 'Staleprobe\tstaleprobe\thex\t32\t32\n' >>"$TMP/rules/generic/providers.tsv"
bash "$TMP/docs/gen-rules-reference.sh" "$LEAKHOUND" "$TMP/ref2.md" 2>/dev/null || fail "generator on a copy failed"
if cmp -s "$TMP/ref2.md" "$doc"; then fail "a new table row leaves the reference unchanged"; else pass; fi

# Keyword-only providers from the table are named by a scan (a 64-hex value
# next to VirusTotal's name; a UUID next to Opsgenie's), and a short alias
# (atera, 5 characters) does not match inside another word (bilateral).
mkdir -p "$TMP/src/config"
printf 'VIRUSTOTAL_API_KEY=5d0f8e2a7c91b3e64f20a9d8c7b1e3f5a2d4c6e8b0f1a3c5e7d9b2f4a6c8e0d1\n' >"$TMP/src/config/vt.env"
printf '# Opsgenie integration\nALERTS_API_KEY=3f9c2a71-8d4e-4b06-a5f2-c71e9d03b8a4\n' >"$TMP/src/config/alerts.env"
printf 'BILATERAL_API_KEY=9e107d9d372bb6826bd81d3542a419d6\n' >"$TMP/src/config/bilateral.env"
run_lh scan "$TMP/src" --format json --no-config
expect_rc 1 "scan finds the planted keys"
check "any(x['path'].endswith('vt.env') and x.get('provider') == 'VirusTotal' and any('inferred' in c for c in x['confidence_reasons']) for x in f)" \
  "VirusTotal inferred from the key name"
check "any(x['path'].endswith('alerts.env') and x.get('provider') == 'Opsgenie' for x in f)" \
  "Opsgenie inferred from the comment above the key"
check "any(x['path'].endswith('bilateral.env') for x in f) and all(x.get('provider') != 'Atera' for x in f)" \
  "no provider inferred from a word that merely contains an alias"
finish
