#!/usr/bin/env python3
"""Generic-detector benchmark (issue 12): fresh random credentials in the
ordinary shapes the generic detector must find (NAME=value in .env, YAML,
TOML/INI/properties, HCL, docker-compose, JSON, shell flags, URL query
parameters, HTTP headers, log lines, UUID-shaped secrets) and hard negatives
it must stay quiet on (placeholders, hashes and identifiers, code).

One file per case, so every finding is attributed to one case. A positive is
found when a finding reports exactly the planted value; a negative is a false
positive when any finding is reported in its file. Values come from
random.Random(seed): no rule example is reused.

Usage: generic_recall.py --leakhound BIN [--seed N] [--out DIR]
                         [--min-recall R] [--max-fp F] [--verbose]
Prints recall per positive shape and false-positive rate per negative kind;
exit 1 when total recall < --min-recall or total FP rate > --max-fp.
"""
import argparse
import json
import os
import random
import string
import subprocess
import sys
import tempfile

ALNUM = string.ascii_letters + string.digits
HEX = "0123456789abcdef"
B64URL = ALNUM + "-_"

PREFIXES = ["ACME", "STRIPE", "BILLING", "MAILER", "SEARCH", "PAYMENTS", "ANALYTICS", "CRM",
            "WEATHER", "GEO", "SMS", "PUSH", "CDN", "SYNC", "LEDGER"]
SUFFIXES = ["KEY", "API_KEY", "SECRET", "TOKEN", "ACCESS_TOKEN", "CLIENT_SECRET", "PASSWORD",
            "PASS", "PWD", "AUTH_TOKEN", "CREDENTIALS", "SECRET_KEY", "PRIVATE_KEY", "APIKEY"]


def rnd(r, alphabet, n):
    while True:
        v = "".join(r.choice(alphabet) for _ in range(n))
        # a random value: letters and digits both present
        if any(c.isdigit() for c in v) and any(c.isalpha() for c in v):
            return v


def value(r):
    kind = r.choice(["alnum", "alnum", "hex", "b64url"])
    if kind == "alnum":
        return rnd(r, ALNUM, r.randint(20, 48))
    if kind == "hex":
        return rnd(r, HEX, r.choice([32, 40, 64]))
    return rnd(r, B64URL, r.randint(32, 44))


def uuid(r):
    h = rnd(r, HEX, 32)
    return f"{h[:8]}-{h[8:12]}-{h[12:16]}-{h[16:20]}-{h[20:]}"


def env_name(r):
    return f"{r.choice(PREFIXES)}_{r.choice(SUFFIXES)}"


def snake(name):
    return name.lower()


def camel(name):
    parts = name.lower().split("_")
    return parts[0] + "".join(p.title() for p in parts[1:])


# Positive shapes: (shape, file name, text with {v}). The value is planted once.
def positives(r):
    n, v = env_name(r), value(r)
    yield "env", ".env", f"# service\nAPP_ENV=production\n{n}={{v}}\nLOG_LEVEL=info\n", v
    v = value(r)
    yield "yaml", "config.yaml", f"service:\n  region: eu-west-1\n  {snake(n)}: \"{{v}}\"\n", v
    v = value(r)
    yield "yaml-unquoted", "app.yml", f"billing:\n  {snake(n)}: {{v}}\n  retries: 3\n", v
    v = value(r)
    yield "toml", "settings.toml", f"[api]\nhost = \"api.acme.io\"\n{snake(n)} = \"{{v}}\"\n", v
    v = value(r)
    yield "ini", "app.ini", f"[upstream]\nurl = https://api.acme.io\n{snake(n)} = {{v}}\n", v
    v = value(r)
    yield "properties", "application.properties", \
        f"server.port=8080\n{snake(n).replace('_', '.')}={{v}}\n", v
    v = value(r)
    yield "hcl", "main.tf", f"provider \"acme\" {{\n  {snake(n)} = \"{{v}}\"\n}}\n".replace(
        "{{\n", "{\n").replace("\n}}", "\n}"), v
    v = value(r)
    yield "compose", "docker-compose.yml", \
        f"services:\n  web:\n    image: acme/web:1.4\n    environment:\n      - {n}={{v}}\n", v
    v = value(r)
    yield "json", "settings.json", f"{{\n  \"endpoint\": \"https://api.acme.io\",\n  \"{camel(n)}\": \"{{v}}\"\n}}\n".replace(
        "{{\n", "{\n").replace("\n}}", "\n}"), v
    v = uuid(r)
    yield "uuid", "config.yaml", f"{snake(r.choice(PREFIXES))}_secret: \"{{v}}\"\n", v
    v = value(r)
    p = r.choice(["key", "api_key", "apikey", "access_token", "token"])
    yield "url-query", "client.py", \
        f"URL = \"https://api.acme.io/v1/data?q=berlin&{p}={{v}}&format=json\"\n", v
    v = value(r)
    scheme = r.choice(["Token", "Bearer"])
    yield "authorization", "request.http", \
        f"GET /v1/orders HTTP/1.1\nHost: api.acme.io\nAuthorization: {scheme} {{v}}\n", v
    v = value(r)
    h = r.choice(["X-Api-Key", "x-api-key", "apikey", "X-Auth-Token"])
    yield "header", "call.sh", f"curl -s -H \"{h}: {{v}}\" https://api.acme.io/v1/items\n", v
    v = value(r)
    f = r.choice(["--api-key", "--token", "--client-secret", "--auth-token"])
    yield "cli-flag", "deploy.sh", f"#!/bin/sh\nacme-cli deploy {f} {{v}} --region eu\n", v
    v = value(r)
    yield "log", "app.log", \
        f"2024-05-01T12:00:01Z INFO upstream call ok status=200 key={{v}} ms=41\n", v


PLACEHOLDERS = ["your-api-key-here", "<API_KEY>", "${{API_KEY}}", "%(key)s", "changeme",
                "xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx", "00000000000000000000000000000000",
                "1234567890abcdef1234567890abcdef", "EXAMPLEKEY1234567890EXAMPLE",
                "dummy-secret-value-123", "test-token-0123456789", "fake_api_key_42",
                "YOUR_ACCESS_TOKEN", "{{{{ api_key }}}}", "$API_TOKEN", "<insert-token>",
                "sk_test_placeholder_000", "REPLACE_ME_WITH_KEY_1", "todo-add-key-99",
                "secret123secret123"]


def negatives(r):
    for p in PLACEHOLDERS:
        yield "placeholder", ".env", f"{env_name(r)}={p}\n"
        yield "placeholder", "config.yaml", f"{snake(env_name(r))}: \"{p}\"\n"
    for _ in range(20):
        b = "".join(r.choice(ALNUM + "+/") for _ in range(86))
        yield "hash", "package-lock.json", \
            f"{{\n  \"node_modules/x\": {{\n    \"integrity\": \"sha512-{b}==\"\n  }}\n}}\n"
        yield "hash", "state.yaml", f"commit_sha: {rnd(r, HEX, 40)}\nlast_commit: {rnd(r, HEX, 40)}\n"
        yield "hash", "deps.lock", f"checksum = \"{rnd(r, HEX, 64)}\"\n"
        yield "identifier", "log.json", f"{{\"request_id\": \"{uuid(r)}\", \"trace_id\": \"{rnd(r, HEX, 32)}\"}}\n"
        yield "identifier", "theme.yaml", f"color_key: \"#{rnd(r, HEX, 8)}\"\nprimary_key: id\n"
        yield "identifier", "i18n.json", \
            f"{{\"title_key\": \"home.{r.choice(['header','footer','nav'])}.title\", \"label_key\": \"auth.login.button\"}}\n"
        img = "iVBORw0KGgoAAAANSUhEUgAAAA" + "".join(r.choice(ALNUM + "+/") for _ in range(60))
        yield "identifier", "icons.css", f".logo {{ background: url(data:image/png;base64,{img}); }}\n"
        yield "identifier", "manifest.yaml", f"public_key: \"{value(r)}\"\nsite_key: \"{value(r)}\"\n"
    code = ["token = get_token()", "key: keyof Translations;", "secret = os.environ[\"APP_SECRET\"]",
            "password = self.password", "apiKey: string;", "const key = await fetchKey(id);",
            "api_key = settings.API_KEY", "token = request.headers.get(\"Authorization\")",
            "passwd = getpass.getpass()", "secretKey := os.Getenv(\"SECRET_KEY\")",
            "let authToken = localStorage.getItem('auth_token');", "TOKEN_URL=https://auth.acme.io/oauth/token",
            "cache_key = \"user_profile_settings\"", "key = hashlib.sha256(data).hexdigest()",
            "private_key_path: /etc/ssl/private/server.key", "password_min_length: 12",
            "token_type: bearer_access_token", "api_key_header_name = \"X-Api-Key\"",
            "secret_name = \"prod/orders/db_credentials\"", "auth: RequireAuthentication"]
    for c in code:
        yield "code", "app.py", c + "\n"
        yield "code", "app.ts", "  " + c + "\n"


def scan(lh, root):
    p = subprocess.run([lh, "scan", root, "--format", "json", "--no-redact", "--no-config", "-q",
                        "--progress", "never"], capture_output=True, text=True)
    if p.returncode not in (0, 1):
        sys.exit(f"leakhound failed ({p.returncode}): {p.stderr.strip()}")
    return json.loads(p.stdout)["findings"]


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--leakhound", required=True)
    ap.add_argument("--seed", type=int, default=12)
    ap.add_argument("--rounds", type=int, default=8, help="positive cases per shape")
    ap.add_argument("--out")
    ap.add_argument("--min-recall", type=float, default=0.0)
    ap.add_argument("--max-fp", type=float, default=1.0)
    ap.add_argument("--verbose", action="store_true")
    a = ap.parse_args()
    r = random.Random(a.seed)
    root = a.out or tempfile.mkdtemp(prefix="generic-recall-")
    cases = []  # (kind, shape, dir, value or None)
    for i in range(a.rounds):
        for shape, name, text, v in positives(r):
            cases.append(("pos", shape, text.replace("{v}", v), name, v))
    for kind, name, text in negatives(r):
        cases.append(("neg", kind, text, name, None))
    for i, (_, shape, text, name, _) in enumerate(cases):
        d = os.path.join(root, f"c{i:04d}-{shape}")
        os.makedirs(d, exist_ok=True)
        with open(os.path.join(d, name), "w") as f:
            f.write(text)
    by_dir = {}
    for f in scan(a.leakhound, root):
        d = os.path.relpath(os.path.join(root, f["path"]), root).split(os.sep)[0]
        if not d.startswith("c"):
            d = f["path"].split("/")[-2]
        by_dir.setdefault(d, []).append(f)
    stats = {}
    for i, (pn, shape, text, name, v) in enumerate(cases):
        d = f"c{i:04d}-{shape}"
        got = by_dir.get(d, [])
        s = stats.setdefault((pn, shape), [0, 0])
        s[1] += 1
        ok = any(f["secret"] == v for f in got) if pn == "pos" else bool(got)
        s[0] += ok
        if a.verbose and ((pn == "pos" and not ok) or (pn == "neg" and ok)):
            what = "MISS" if pn == "pos" else "FP  "
            print(f"{what} {shape:14} {text.strip()[:110]!r}"
                  + (f" -> {[x['rule_id'] for x in got]}" if got else ""))
    tp = sum(s[0] for (pn, _), s in stats.items() if pn == "pos")
    npos = sum(s[1] for (pn, _), s in stats.items() if pn == "pos")
    fp = sum(s[0] for (pn, _), s in stats.items() if pn == "neg")
    nneg = sum(s[1] for (pn, _), s in stats.items() if pn == "neg")
    print(f"{'section':8} {'shape':14} {'found':>7} {'cases':>6} {'rate':>6}")
    for (pn, shape), (k, n) in sorted(stats.items()):
        label = "recall" if pn == "pos" else "FP"
        print(f"{label:8} {shape:14} {k:>7} {n:>6} {k / n:6.1%}")
    print(f"total recall {tp}/{npos} = {tp / npos:.1%}; hard-negative FP {fp}/{nneg} = {fp / nneg:.1%}")
    if tp / npos < a.min_recall or fp / nneg > a.max_fp:
        print(f"FAIL: need recall >= {a.min_recall:.0%} and FP <= {a.max_fp:.0%}")
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
