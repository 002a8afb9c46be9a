#!/usr/bin/env python3
"""Recall benchmark, encoded/boundary/archive section: fresh random
credentials (credgen.py from specs.py, seeded) planted in realistic encoded,
packed and run-together shapes, plus hard negatives of the same shapes.

Usage: encoded_recall.py --leakhound BIN [--seed N] [--out DIR]
                         [--min-recall SECTION=R ...] [--max-fp SECTION=N ...]

Sections:
  encoded   Kubernetes Secret data, docker config auths.*.auth, Authorization:
            Basic, base64 CI variable, token%3D / %22...%22 in URLs, JSON
            \\u005f escapes, HTML &#95; entities, base64 inside base64
  boundary  a token right after `_`, `=`, `/`, `%3D`, `%22`, or inside a longer
            identifier run (checksum-validated formats)
  archive   jar (Spring properties), wheel, tar.gz, single .gz, zip in zip,
            Jupyter notebook outputs
A positive is found when a finding of its rule reports exactly its secret
(the scan runs with --no-redact). A negative file reporting anything is a
false positive. Prints recall and false positives per section; exit 1 when a
--min-recall or --max-fp bound is not met.
"""
import argparse
import base64
import gzip
import io
import json
import os
import random
import subprocess
import sys
import tarfile
import tempfile
import zipfile

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import credgen  # noqa: E402
import specs  # noqa: E402

RULES = ["github.pat.classic", "npm.access-token", "gitlab.pat", "stripe.secret-key",
         "slack.bot-token", "openai.project-key", "anthropic.api-key", "sendgrid.api-key"]
CHECKSUM = ["github.pat.classic", "npm.access-token"]


def b64(s):
    return base64.b64encode(s.encode() if isinstance(s, str) else s).decode()


def zipped(files):
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as z:
        for name, data in files:
            z.writestr(name, data)
    return buf.getvalue()


def targz(files):
    buf = io.BytesIO()
    with tarfile.open(fileobj=buf, mode="w:gz") as t:
        for name, data in files:
            data = data.encode() if isinstance(data, str) else data
            info = tarfile.TarInfo(name)
            info.size = len(data)
            t.addfile(info, io.BytesIO(data))
    return buf.getvalue()


class Bench:
    def __init__(self, out, seed):
        self.out, self.seed = out, seed
        self.pos = []  # (section, file, rule, secret)
        self.neg = []  # (section, file)
        self.n = 0

    def token(self, rule, salt):
        spec = specs.SPECS[rule]
        if isinstance(spec, list):
            spec = spec[0]
        g = credgen.Gen(random.Random("%d:%s:%s" % (self.seed, rule, salt)))
        return g.expand(spec)

    def write(self, section, name, data, rule=None, secret=None):
        self.n += 1
        path = os.path.join(self.out, section, "%03d-%s" % (self.n, name))
        os.makedirs(os.path.dirname(path), exist_ok=True)
        with open(path, "wb") as f:
            f.write(data.encode() if isinstance(data, str) else data)
        if rule:
            self.pos.append((section, path, rule, secret))
        else:
            self.neg.append((section, path))


def plant(b):
    rng = random.Random(b.seed)
    for rule in RULES:
        t = b.token(rule, "enc")
        env = "API_TOKEN=%s\n" % t
        b.write("encoded", "secret.yaml", "apiVersion: v1\nkind: Secret\nmetadata:\n  name: app\n"
                "type: Opaque\ndata:\n  API_TOKEN: %s\n  LOG_LEVEL: %s\n" % (b64(t), b64("debug")), rule, t)
        b.write("encoded", "config.json", json.dumps(
            {"auths": {"registry.example.com": {"auth": b64("deploy:" + t)}}}, indent=2) + "\n", rule, t)
        b.write("encoded", "request.http", "GET /api/v2/items HTTP/1.1\nHost: api.example.com\n"
                "Authorization: Basic %s\n" % b64("svc-account:" + t), rule, t)
        b.write("encoded", ".gitlab-ci.yml", "variables:\n  ENV_FILE_B64: \"%s\"\n" % b64(env), rule, t)
        b.write("encoded", "hook.log", "POST https://ci.example.com/cb?build=%d&token%%3D%s&ok=1\n"
                % (rng.randrange(9999), t), rule, t)
        b.write("encoded", "url.txt", "https://app.example.com/#state=%%7B%%22key%%22%%3A%%22%s%%22%%7D\n"
                % t, rule, t)
        b.write("encoded", "bundle.json", '{"settings": {"token": "%s"}}\n'
                % t.replace("_", "\\u005f").replace("-", "\\u002d"), rule, t)
        b.write("encoded", "docs.html", "<pre>export TOKEN=%s</pre>\n" % t.replace("_", "&#95;")
                .replace("-", "&#x2d;"), rule, t)
        inner = json.dumps({"auths": {"ghcr.io": {"auth": b64("bot:" + t)}}})
        b.write("encoded", "pull-secret.yaml", "kind: Secret\ndata:\n  .dockerconfigjson: %s\n"
                % b64(inner), rule, t)
        b.write("boundary", "vars.sh", "export CI_TOKEN_%s\n" % t, rule, t)
        b.write("boundary", "query.txt", "curl 'https://api.example.com/x?key=%s'\n" % t, rule, t)
        b.write("boundary", "path.txt", "secrets/%s\n" % t, rule, t)
        b.write("boundary", "pct.txt", "Location: /cb?t%%3D%s\n" % t, rule, t)
        b.write("boundary", "quoted.txt", "data=%%22%s%%22\n" % t, rule, t)
        if rule in CHECKSUM:
            b.write("boundary", "ident.txt", "const tokenValue%s = 1;\n" % t, rule, t)
        b.write("archive", "app.jar", zipped([
            ("META-INF/MANIFEST.MF", "Manifest-Version: 1.0\n"),
            ("BOOT-INF/classes/application.properties", "server.port=8080\napi.token=%s\n" % t)]), rule, t)
        b.write("archive", "pkg-1.0-py3-none-any.whl", zipped([
            ("pkg/settings.py", "DEBUG = False\nAPI_TOKEN = \"%s\"\n" % t)]), rule, t)
        b.write("archive", "conf.tgz", targz([("etc/app/.env", env)]), rule, t)
        b.write("archive", "dump.sql.gz", gzip.compress(
            ("INSERT INTO settings VALUES ('token', '%s');\n" % t).encode()), rule, t)
        b.write("archive", "release.zip", zipped([("lib/app.jar", zipped([("app.yml", "token: %s\n" % t)]))]),
                rule, t)
        nb = {"cells": [{"cell_type": "code", "source": ["import os\n", "print(os.environ['TOKEN'])"],
                         "outputs": [{"output_type": "stream", "name": "stdout", "text": [t + "\n"]}]}],
              "metadata": {}, "nbformat": 4, "nbformat_minor": 5}
        b.write("archive", "analysis.ipynb", json.dumps(nb, indent=1) + "\n", rule, t)
    # Hard negatives: the same shapes without a credential.
    for i in range(len(RULES)):
        rnd = random.Random("%d:neg:%d" % (b.seed, i))
        blob = bytes(rnd.getrandbits(8) for _ in range(48))
        b.write("encoded", "neg-secret.yaml", "kind: Secret\ndata:\n  ca.crt: %s\n  mode: %s\n"
                % (b64(blob), b64("production")))
        b.write("encoded", "neg-config.json", json.dumps({"auths": {"r.io": {"auth": b64("user:changeme")}}}) + "\n")
        b.write("encoded", "neg-basic.http", "Authorization: Basic %s\n" % b64("admin:your-password-here"))
        b.write("encoded", "neg-url.txt", "https://example.com/search?q=hello%20world%3Dyes&lang=en%2DUS\n")
        b.write("encoded", "neg-esc.json", '{"msg": "caf\\u00e9 \\/ na\\u00efve", "path": "a\\/b"}\n')
        b.write("encoded", "neg-b64-placeholder.yaml", "data:\n  token: %s\n" % b64("ghp_" + "x" * 36))
        b.write("boundary", "neg-crc.txt", "MY_VAR_ghp_%s\n" % "".join(rnd.choice(credgen.ALPHABETS["b62"])
                                                                   for _ in range(36)))
        b.write("boundary", "neg-ident.txt", "task_live_%s = mask_live_%s\n" % (
            "".join(rnd.choice("abcdefghij") for _ in range(24)), "".join(rnd.choice("klmnop") for _ in range(24))))
        b.write("archive", "neg-app.jar", zipped([("application.properties", "api.token=${API_TOKEN}\n"),
                                                  ("logo.png", blob)]))
        b.write("archive", "neg-data.tgz", targz([("data/readme.txt", "sample data, no secrets\n")]))


def scan(binary, out):
    p = subprocess.run([binary, "scan", "--no-redact", "--format", "json", "--no-config", out],
                       capture_output=True, text=True)
    if p.returncode not in (0, 1):
        sys.exit("leakhound failed (%d): %s" % (p.returncode, p.stderr[:400]))
    return json.loads(p.stdout)["findings"]


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--leakhound", required=True)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--out")
    ap.add_argument("--min-recall", action="append", default=[])
    ap.add_argument("--max-fp", action="append", default=[])
    a = ap.parse_args()
    out = a.out or tempfile.mkdtemp(prefix="lh-encoded-")
    b = Bench(out, a.seed)
    plant(b)
    found = scan(a.leakhound, out)
    by_path = {}
    for f in found:
        by_path.setdefault(f["path"], []).append(f)
    sections = ["encoded", "boundary", "archive"]
    stats = {s: [0, 0, 0, 0] for s in sections}  # found, positives, fp files, negatives
    misses = []
    for s, path, rule, secret in b.pos:
        stats[s][1] += 1
        if any(f["rule_id"] == rule and f["secret"] == secret for f in by_path.get(path, [])):
            stats[s][0] += 1
        else:
            misses.append("%s %s %s" % (s, os.path.basename(path), rule))
    for s, path in b.neg:
        stats[s][3] += 1
        if by_path.get(path):
            stats[s][2] += 1
            misses.append("FP %s %s: %s" % (s, os.path.basename(path),
                                             ",".join(f["rule_id"] for f in by_path[path])))
    ok = True
    mins = dict(x.split("=") for x in a.min_recall)
    maxfp = dict(x.split("=") for x in a.max_fp)
    for s in sections:
        fnd, pos, fp, neg = stats[s]
        r = fnd / pos if pos else 0
        print("%-9s recall %.3f (%d/%d)  false positives %d/%d" % (s, r, fnd, pos, fp, neg))
        if s in mins and r < float(mins[s]):
            ok = False
        if s in maxfp and fp > int(maxfp[s]):
            ok = False
    for m in misses[:60]:
        print("  " + m)
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
