#!/usr/bin/env python3
"""Field recall set: an evaluator's view of leakhound. Fresh random secrets
of each provider's documented shape (field_tokens.py) and real private keys,
planted where secrets really leak (field_cases.py: config files of every
kind, containers and Kubernetes, package-manager credential files,
connection strings, cloud credentials, CI files, source code in many
languages, headers, logs, notebooks, encodings, archives, tokens glued to
other text), plus hard negatives (placeholders, documentation examples,
hashes and lock files, identifiers, public keys and certificates, encrypted
secrets, minified code, test fixtures). Written independently of the rules
and of the other recall scripts: the contexts are not taken from any rule's
examples.

Usage: field_recall.py --leakhound BIN [--seed N] [--out DIR] [--git]
                       [--min-recall CAT=R ...] [--max-fp N] [--misses]
                       [--scan-args "--no-builtin-rules --rules rules"]

One directory per case, one scan (`scan DIR -f json --no-redact`) of all of
them. A planted secret is found when a finding in its case reports it: the
same text, or a text containing it or contained in it and at least 60% of its
length (a PEM key reported as its body), or one of its listed alternative
forms (a base64 auth value or the password inside it). "*" means any finding
in the case. A negative case is a false positive when it gets any finding
(findings of confidence "low" are counted separately).
--git also commits a short history (secrets added, then removed) to a
repository and checks `leakhound git` finds each secret of it.
Prints recall per category and false positives per negative kind; exit 1
when a --min-recall (CAT or "total") or --max-fp bound is not met.
"""
import argparse
import collections
import gzip
import io
import json
import os
import random
import shlex
import subprocess
import sys
import tarfile
import tempfile
import zipfile

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import field_cases  # noqa: E402
import field_cases3  # noqa: E402
import field_tokens  # noqa: E402


def pack(name, members):
    """Bytes of an archive named `name` holding members {path: text|dict}."""
    items = {k: (pack(k, v) if isinstance(v, dict) else v.encode()) for k, v in members.items()}
    if name.endswith((".tgz", ".tar.gz")):
        buf = io.BytesIO()
        with tarfile.open(fileobj=buf, mode="w:gz") as tf:
            for k, data in items.items():
                info = tarfile.TarInfo(k)
                info.size = len(data)
                info.mtime = 1700000000
                tf.addfile(info, io.BytesIO(data))
        return buf.getvalue()
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as zf:
        for k, data in items.items():
            zf.writestr(k, data)
    return buf.getvalue()


def write_case(root, files):
    for rel, text in files.items():
        path = os.path.join(root, rel)
        os.makedirs(os.path.dirname(path), exist_ok=True)
        if isinstance(text, dict):
            data = pack(rel, text)
        elif rel.endswith(".gz") and not rel.endswith(".tar.gz"):
            data = gzip.compress(text.encode(), mtime=0)
        else:
            data = text.encode()
        with open(path, "wb") as f:
            f.write(data)


def norm(s):
    return "".join(s.replace("\\n", "").split())


def matches(planted, found):
    """True when a finding's secret text reports the planted secret."""
    forms = planted if isinstance(planted, tuple) else (planted,)
    f = norm(found)
    for p in forms:
        p = norm(p)
        if not p or not f:
            continue
        if p == f or (p in f and len(f) <= 3 * len(p) + 200) or (f in p and len(f) >= 0.6 * len(p)):
            return True
    return False


def scan(binary, target, mode="scan", extra=()):
    cmd = [binary, mode, target, "-f", "json", "--no-redact"] + list(extra)
    res = subprocess.run(cmd, capture_output=True, text=True)
    if res.returncode not in (0, 1):
        sys.exit("field_recall: %s failed (%d): %s" % (" ".join(cmd), res.returncode,
                                                         res.stderr.strip()[-400:]))
    return json.loads(res.stdout)["findings"]


def case_of(path, root):
    rel = os.path.relpath(path.split("!")[0], root)
    return rel.split(os.sep)[1] if rel.startswith(("pos" + os.sep, "neg" + os.sep)) else None


def run_git(binary, g, out, extra):
    repo = os.path.join(out, "history")
    commits, secrets = field_cases.git_history(g)
    env = dict(os.environ, GIT_AUTHOR_NAME="Dev", GIT_AUTHOR_EMAIL="dev@acme.io",
               GIT_COMMITTER_NAME="Dev", GIT_COMMITTER_EMAIL="dev@acme.io",
               GIT_AUTHOR_DATE="2024-01-01T00:00:00Z", GIT_COMMITTER_DATE="2024-01-01T00:00:00Z")
    subprocess.run(["git", "init", "-q", "-b", "main", repo], check=True, env=env)
    for msg, files in commits:
        for rel, text in files.items():
            path = os.path.join(repo, rel)
            if text is None:
                subprocess.run(["git", "-C", repo, "rm", "-q", rel], check=True, env=env)
                continue
            os.makedirs(os.path.dirname(path), exist_ok=True)
            with open(path, "w") as f:
                f.write(text)
            subprocess.run(["git", "-C", repo, "add", rel], check=True, env=env)
        subprocess.run(["git", "-C", repo, "commit", "-q", "-m", msg], check=True, env=env)
    found = scan(binary, repo, "git", extra)
    hit = [s for s in secrets if any(matches(s, f.get("secret", "")) for f in found)]
    return len(hit), len(secrets), [s[:8] for s in secrets if s not in hit]


def evaluate(findings, root, positives, negatives):
    by_case = collections.defaultdict(list)
    for f in findings:
        c = case_of(f["path"], root)
        if c is not None:
            by_case[c].append(f)
    recall = collections.defaultdict(lambda: [0, 0])
    misses = []
    for i, case in enumerate(positives):
        fs = by_case.get("p%03d" % i, [])
        for s in case["secrets"]:
            ok = bool(fs) if s == "*" else any(matches(s, f.get("secret", "")) for f in fs)
            recall[case["cat"]][1] += 1
            recall[case["cat"]][0] += ok
            if not ok:
                misses.append((case["cat"], case["id"], s, [f["rule_id"] for f in fs]))
    fps = collections.defaultdict(lambda: [0, 0, 0])
    fp_list = []
    for i, (kind, cid, _) in enumerate(negatives):
        fs = by_case.get("n%03d" % i, [])
        fps[kind][2] += 1
        fps[kind][0] += sum(1 for f in fs if f.get("confidence") != "low")
        fps[kind][1] += sum(1 for f in fs if f.get("confidence") == "low")
        for f in fs:
            fp_list.append((kind, cid, f["rule_id"], f.get("confidence"), f.get("secret", "")[:24]))
    return recall, misses, fps, fp_list


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--leakhound", required=True)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--out")
    ap.add_argument("--git", action="store_true")
    ap.add_argument("--min-recall", action="append", default=[])
    ap.add_argument("--max-fp", type=int)
    ap.add_argument("--misses", action="store_true")
    ap.add_argument("--no-batch3", action="store_true",
                    help="leave out the third set (s8-* categories), e.g. to compare with older runs")
    ap.add_argument("--scan-args", default="", help="extra arguments for leakhound, e.g. "
                    "\"--no-builtin-rules --rules rules\" to measure edited rules")
    a = ap.parse_args()
    g = field_tokens.Gen(random.Random(a.seed))
    positives, negatives = [], []
    field_cases.providers(g, positives)
    field_cases.connection_strings(g, positives)
    field_cases.package_managers(g, positives)
    field_cases.containers(g, positives)
    field_cases.infra(g, positives)
    field_cases.private_keys(g, positives, negatives)
    field_cases.headers(g, positives)
    field_cases.code_misc(g, positives)
    field_cases.encodings(g, positives)
    field_cases.archives(g, positives)
    field_cases.glued(g, positives)
    field_cases.negatives(g, negatives)
    field_cases.batch2(g, positives)
    field_cases.negatives2(g, negatives)
    if not a.no_batch3:
        field_cases3.batch3(g, positives)
        field_cases3.negatives3(g, negatives)
    out = a.out or tempfile.mkdtemp(prefix="field-recall-")
    for i, case in enumerate(positives):
        write_case(os.path.join(out, "pos", "p%03d" % i), case["files"])
    for i, (_, _, files) in enumerate(negatives):
        write_case(os.path.join(out, "neg", "n%03d" % i), files)
    extra = shlex.split(a.scan_args)
    findings = scan(a.leakhound, out, extra=extra)
    recall, misses, fps, fp_list = evaluate(findings, out, positives, negatives)

    tot_f = sum(v[0] for v in recall.values())
    tot_n = sum(v[1] for v in recall.values())
    print("field recall, seed %d: %d cases, %d planted secrets" % (a.seed, len(positives), tot_n))
    for cat in sorted(recall):
        f, n = recall[cat]
        print("  %-22s %4d/%-4d %6.1f%%" % (cat, f, n, 100.0 * f / n))
    print("  %-22s %4d/%-4d %6.1f%%" % ("total", tot_f, tot_n, 100.0 * tot_f / tot_n))
    fp_hi = sum(v[0] for v in fps.values())
    fp_lo = sum(v[1] for v in fps.values())
    print("false positives on %d negative cases: %d (+%d low confidence)" % (
        len(negatives), fp_hi, fp_lo))
    for kind in sorted(fps):
        hi, lo, n = fps[kind]
        print("  %-22s %3d cases  %d findings (+%d low)" % (kind, n, hi, lo))
    git_fail = False
    if a.git:
        hit, n, missed = run_git(a.leakhound, g, out, extra)
        print("git history: %d/%d secrets found%s" % (hit, n, (" (missed %s)" % missed) if missed else ""))
        git_fail = hit < n
    if a.misses or fp_list:
        for cat, cid, s, rules in misses if a.misses else []:
            shown = s if isinstance(s, str) else s[0]
            print("MISS %-20s %-34s %s... rules in case: %s" % (cat, cid, shown[:16], rules))
        for kind, cid, rule, conf, sec in fp_list:
            print("FP   %-20s %-26s %s (%s) %s..." % (kind, cid, rule, conf, sec[:12]))
    failed = git_fail
    for spec in a.min_recall:
        cat, _, r = spec.partition("=")
        f, n = (tot_f, tot_n) if cat == "total" else recall.get(cat, (0, 0))
        if n == 0 or f / n < float(r):
            print("FAIL: recall of %s %d/%d below %s" % (cat, f, n, r))
            failed = True
    if a.max_fp is not None and fp_hi + fp_lo > a.max_fp:
        print("FAIL: %d false positives, at most %d allowed" % (fp_hi + fp_lo, a.max_fp))
        failed = True
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
