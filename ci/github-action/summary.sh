#!/usr/bin/env bash
# summary.sh SARIF EXIT_CODE: prints a Markdown summary of a leakhound SARIF
# report for $GITHUB_STEP_SUMMARY (or a GitLab/other job log): outcome,
# counts, and a findings table with the redacted secret, location, commit,
# exposure and verdict. Secrets are never in SARIF unless --no-redact was
# given; the table shows `snippet.text` (the redacted form) only.
set -euo pipefail
sarif=${1:?usage: summary.sh SARIF EXIT_CODE}
rc=${2:-}
python3 - "$sarif" "$rc" <<'PY'
import json, sys

path, rc = sys.argv[1], sys.argv[2]
MAX_ROWS = 100

def cell(s):
    s = "" if s is None else str(s)
    return s.replace("|", "\\|").replace("\n", " ").replace("`", "'")

try:
    with open(path) as f:
        run = json.load(f)["runs"][0]
except (OSError, ValueError, KeyError, IndexError) as e:
    print("## leakhound: no report\n\nThe scan wrote no readable SARIF (%s); exit code %s." % (cell(e), rc or "?"))
    sys.exit(0)

results = run.get("results", [])
summary = run.get("properties", {}).get("summary", {})
incomplete = summary.get("incomplete") or rc not in ("", "0", "1")
if incomplete:
    head = ":warning: scan incomplete (exit %s)" % (rc or "?")
elif results:
    head = ":x: %d secret%s found" % (len(results), "" if len(results) == 1 else "s")
else:
    head = ":white_check_mark: no secrets found"
print("## leakhound: " + head + "\n")
parts = []
if "commits_walked" in summary:
    parts.append("%d commits" % summary["commits_walked"])
if "blobs_scanned" in summary:
    parts.append("%d blobs (%d bytes)" % (summary["blobs_scanned"], summary.get("bytes_scanned", 0)))
if "elapsed_seconds" in summary:
    parts.append("%.2f s" % summary["elapsed_seconds"])
if parts:
    print("Scanned " + ", ".join(parts) + ".\n")
ver = summary.get("verification") or {}
if ver and (ver.get("live") or ver.get("revoked") or ver.get("unknown")):
    print("Verification: %d live, %d revoked, %d unknown, %d not verified.\n" % (
        ver.get("live", 0), ver.get("revoked", 0), ver.get("unknown", 0), ver.get("unverified", 0)))
for p in summary.get("problems", [])[:10]:
    print("- problem: " + cell(p))
if summary.get("problems"):
    print()
if not results:
    sys.exit(0)
print("| Rule | Location | Secret (redacted) | Commit | Exposure | Verdict |")
print("|---|---|---|---|---|---|")
for r in results[:MAX_ROWS]:
    loc = (r.get("locations") or [{}])[0].get("physicalLocation", {})
    uri = loc.get("artifactLocation", {}).get("uri", "")
    region = loc.get("region", {})
    line = region.get("startLine")
    where = "%s:%s" % (uri, line) if line else uri
    secret = region.get("snippet", {}).get("text", "")
    props = r.get("properties", {})
    commit = (props.get("commit") or {}).get("id", "")[:12]
    days = props.get("exposure_days")
    exposure = "" if days is None else "%s days" % days
    if (props.get("exposure") or {}).get("still_at_head"):
        exposure += (", " if exposure else "") + "still at HEAD"
    verdict = (props.get("verification") or {}).get("verdict", "unverified")
    print("| %s | `%s` | `%s` | %s | %s | %s |" % (cell(r.get("ruleId")), cell(where), cell(secret),
                                                 cell(commit), cell(exposure), cell(verdict)))
if len(results) > MAX_ROWS:
    print("\n%d more in the SARIF report." % (len(results) - MAX_ROWS))
print("\nRemove each secret from the history and rotate it; a false positive: a `leakhound:allow` "
      "comment on the line or its fingerprint in `.leakhoundignore`.")
PY
