#!/usr/bin/python3
"""Compares a single run of a repository with its blob shards (docs/scale.md).

    shard_compare.py jsonl SINGLE.jsonl SHARD.jsonl...   the shards' JSONL findings,
        combined by the rule of docs/scale.md, against the single run's
    shard_compare.py inventory SINGLE.json MERGED.json   two `inventory export -f json`

Per credential (rule_id, fingerprint) the jsonl mode compares every location
(path, commit, line, column; the finding's own and its `also`), the refs
still holding it, the introduced and removed commits and the exposure days;
the inventory mode compares every secret with its locations, first_seen and
last_seen (commit dates). Prints "equal" or each difference and
exits 0 or 1."""
import json
import sys
from datetime import datetime

NONE = None


def stamp(commit):
    return datetime.fromisoformat(commit["date"].replace("Z", "+00:00")).timestamp()


def findings(paths):
    for path in paths:
        for line in open(path):
            j = json.loads(line)
            if j.get("type") == "finding":
                yield j


def combine(group):
    """One credential's findings (from one run, or from N blob shards) ->
    its normalized provenance, by the merge rule of docs/scale.md."""
    locs, still = set(), set()
    for f in group:
        for l in [f] + f.get("also", []):
            locs.add((l["path"], (l.get("commit") or {}).get("id"), l["line"], l["column"]))
        still |= set((f.get("exposure") or {}).get("still_present") or [])
    exp = [f["exposure"] for f in group if f.get("exposure")]
    out = {"locations": sorted(locs, key=str), "still_present": sorted(still)}
    if not exp:
        return out
    intro = min(exp, key=lambda e: e["order"]["introduced"])
    removal = {e["order"]["removal"] for e in exp}
    if "default_tip" in removal:
        removed = NONE
    elif "default_branch" in removal:
        removed = max((e for e in exp if e["order"]["removal"] == "default_branch"),
                      key=lambda e: e["order"]["removed"])
    elif still:
        removed = NONE
    else:
        drops = [e for e in exp if e["order"]["removal"] == "last_drop" and e["removed"]]
        removed = max(drops, key=lambda e: e["order"]["removed"]) if drops else NONE
    out["introduced"] = intro["introduced"]["id"]
    out["removed"] = removed["removed"]["id"] if removed else None
    ended = removed is not None and not still
    if ended:
        out["exposure_days"] = round(
            max(0, stamp(removed["removed"]) - stamp(intro["introduced"])) / 86400, 1)
    return out


def by_credential(paths):
    groups = {}
    for f in findings(paths):
        groups.setdefault((f["rule_id"], f["fingerprint"]), []).append(f)
    return {k: combine(v) for k, v in groups.items()}


def inventory(path):
    d = json.load(open(path))
    out = {}
    for s in d["secrets"]:
        s["locations"] = sorted(s["locations"], key=lambda l: json.dumps(l, sort_keys=True))
        out[s["fingerprint"]] = s
    return out


def main():
    mode, single, merged = sys.argv[1], sys.argv[2], sys.argv[3:]
    if mode == "jsonl":
        a, b = by_credential([single]), by_credential(merged)
        # The single run's own exposure days must follow the same rule.
        for f in findings([single]):
            e = f.get("exposure")
            c = a[(f["rule_id"], f["fingerprint"])]
            if e and "exposure_days" in c and abs(c["exposure_days"] - e["exposure_days"]) > 0.051:
                print(f"rule mismatch: {f['rule_id']} {f['fingerprint']}: days "
                      f"{e['exposure_days']} vs {c['exposure_days']}")
                return 1
    else:
        a, b = inventory(single), inventory(merged[0])
    diffs = 0
    for k in sorted(set(a) | set(b), key=str):
        if a.get(k) != b.get(k):
            diffs += 1
            if diffs <= 10:
                x, y = a.get(k) or {}, b.get(k) or {}
                keys = sorted(f for f in set(x) | set(y) if x.get(f) != y.get(f))
                print(f"different: {k}: {', '.join(keys)}"
                      + (" (missing on one side)" if not x or not y else ""))
    locations = sum(len(v["locations"]) for v in a.values())
    if diffs:
        print(f"different: {diffs} of {len(set(a) | set(b))} credentials")
        return 1
    print(f"equal: {len(a)} credentials, {locations} locations")
    return 0


if __name__ == "__main__":
    sys.exit(main())
