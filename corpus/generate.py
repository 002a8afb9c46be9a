#!/usr/bin/env python3
"""Writes the realistic scan corpus (corpus/positive, corpus/negative).

Deterministic (seeded). Every credential is fake but has the real format
(prefix, length, alphabet, checksum) so rules fire as on real leaks. Run it
again after changing it, then update expected-findings.txt by reviewing
`leakhound scan corpus -f json` by hand.
"""
import base64
import json
import os
import random
import zlib

R = random.Random(20261121)
B62 = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz"
ALNUM = B62
HEX = "0123456789abcdef"
B64 = B62 + "+/"


def rnd(alphabet, n):
    return "".join(R.choice(alphabet) for _ in range(n))


def crc_token(prefix):
    body = rnd(B62, 30)
    c = zlib.crc32(body.encode())
    tail = ""
    for _ in range(6):
        tail = B62[c % 62] + tail
        c //= 62
    return prefix + body + tail


def b64url(obj):
    return base64.urlsafe_b64encode(json.dumps(obj, separators=(",", ":")).encode()).decode().rstrip("=")


def jwt():
    return ".".join([b64url({"alg": "HS256", "typ": "JWT"}),
                     b64url({"sub": "svc-billing", "iat": 1732000000, "exp": 1763536000}),
                     rnd(B62 + "-_", 43)])


def pem_rsa():
    # SEQUENCE of 0x4a4 bytes, version 0, 257-byte modulus...: the outer DER
    # length must cover the body (the pem-key validator), so 1180 bytes follow
    # the 12-byte header; the last two are fixed to keep the seeded stream.
    rest = bytes(R.getrandbits(8) for _ in range(1178)) + b"\x02\x01"
    body = "MIIEpAIBAAKCAQEA" + base64.b64encode(rest).decode()
    lines = [body[i:i + 64] for i in range(0, len(body), 64)]
    return "-----BEGIN RSA PRIVATE KEY-----\n" + "\n".join(lines) + "\n-----END RSA PRIVATE KEY-----\n"


def write(rel, text):
    path = os.path.join(os.path.dirname(os.path.abspath(__file__)), rel)
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "w", newline="") as f:
        f.write(text)


GH = crc_token("ghp_")
NPM = crc_token("npm_")
AKID = "AKIA" + rnd("ABCDFGHJKLMNPQRSTUVWXYZ234567", 16)
ASEC = rnd(ALNUM + "/+", 40)
SLACK = "xoxb-" + rnd("0123456789", 12) + "-" + rnd("0123456789", 13) + "-" + rnd(ALNUM, 24)
STRIPE = "sk_live_" + rnd(ALNUM, 99)
OPENAI = "sk-proj-" + rnd(ALNUM + "-_", 74) + "T3BlbkFJ" + rnd(ALNUM + "-_", 74)
ANTHROPIC = "sk-ant-api03-" + rnd(ALNUM + "-_", 93) + "AA"
GOOGLE = "AIza" + rnd(ALNUM + "-_", 35)
SENDGRID = "SG." + rnd(ALNUM + "-_", 22) + "." + rnd(ALNUM + "-_", 43)
PGPASS = rnd(ALNUM, 20)
MONGOPASS = rnd(ALNUM, 18)
DBPASS = rnd(ALNUM + "!#%", 18)

write("positive/.env", f"""# Local development settings
APP_ENV=production
GITHUB_TOKEN={GH}
AWS_ACCESS_KEY_ID={AKID}
AWS_SECRET_ACCESS_KEY={ASEC}
SLACK_BOT_TOKEN={SLACK}
""")
write("positive/config/settings.yaml", f"""service:
  name: billing
  port: 8080
payments:
  stripe_secret_key: {STRIPE}
database:
  url: postgresql://billing:{PGPASS}@db.internal.acme.io:5432/billing
  pool: 10
""")
write("positive/app/client.py", f'''import os

import openai

# TODO: move to the secret manager
openai.api_key = "{OPENAI}"
ANTHROPIC_API_KEY = "{ANTHROPIC}"


def client():
    return openai.OpenAI(api_key=openai.api_key)
''')
write("positive/web/maps.js", f"""const config = {{
  mapsKey: "{GOOGLE}",
  region: "eu-west-1",
}};
export default config;
""")
write("positive/deploy/deploy.sh", f"""#!/bin/sh
set -e
export SENDGRID_API_KEY={SENDGRID}
mongosh "mongodb+srv://deployer:{MONGOPASS}@cluster0.ab1cd.mongodb.net/admin"
""")
write("positive/deploy/id_rsa", pem_rsa())
write("positive/.npmrc", f"""registry=https://registry.npmjs.org/
//registry.npmjs.org/:_authToken={NPM}
""")
write("positive/api/session.json", json.dumps({"user": "svc-billing", "token": jwt()}, indent=2) + "\n")
write("positive/java/application.properties", f"""spring.datasource.url=jdbc:mysql://db.internal:3306/shop
spring.datasource.username=shop
spring.datasource.password={DBPASS}
""")
write("positive/crlf.env", f"LINE=1\r\nGITHUB_TOKEN={crc_token('ghp_')}\r\n")

# Hard negatives: things that look like secrets and are not.
write("negative/README.md", """# Setup

Set `GITHUB_TOKEN=<your-token>` and `AWS_ACCESS_KEY_ID=AKIAIOSFODNN7EXAMPLE`,
`AWS_SECRET_ACCESS_KEY=wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY` (AWS documentation values).
Use `password: changeme` locally and `${DATABASE_PASSWORD}` in production.
The API key looks like `sk_live_xxxxxxxxxxxxxxxxxxxxxxxx`.
""")
write("negative/package-lock.json", json.dumps({
    "name": "web", "lockfileVersion": 3,
    "packages": {f"node_modules/pkg{i}": {
        "version": f"{i}.{R.randint(0, 9)}.{R.randint(0, 20)}",
        "resolved": f"https://registry.npmjs.org/pkg{i}/-/pkg{i}-1.0.0.tgz",
        "integrity": "sha512-" + base64.b64encode(bytes(R.getrandbits(8) for _ in range(64))).decode()}
        for i in range(40)}}, indent=2) + "\n")
write("negative/ids.txt", "\n".join(
    [f"request_id = {rnd(HEX, 8)}-{rnd(HEX, 4)}-4{rnd(HEX, 3)}-a{rnd(HEX, 3)}-{rnd(HEX, 12)}" for _ in range(10)] +
    [f"commit {rnd(HEX, 40)}" for _ in range(10)] +
    [f"version = \"{R.randint(1, 20)}.{R.randint(0, 30)}.{R.randint(0, 99)}\"" for _ in range(5)]) + "\n")
write("negative/placeholders.yaml", """api_key: ${API_KEY}
password: "{{ vault_password }}"
secret: <insert-secret-here>
token: xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx
client_secret: REPLACE_ME_WITH_REAL_SECRET
db_password: process.env.DB_PASSWORD
""")
write("negative/wrong-checksum.txt", "old token: ghp_" + rnd(B62, 36) + "\n")
write("negative/image.html",
      '<img src="data:image/png;base64,' + base64.b64encode(bytes(R.getrandbits(8) for _ in range(300))).decode() + '">\n')
