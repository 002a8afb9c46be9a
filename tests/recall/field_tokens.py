#!/usr/bin/env python3
"""Token generators for the field recall set (field_recall.py), written from
the providers' own descriptions of their formats (prefix, length, alphabet,
checksum), independently of leakhound's rules and of tests/recall/specs.py.
Every value is random (random.Random passed in): none is a real credential.
Private keys are real keys made by the `cryptography` package, so their
structure is exactly what openssl/ssh-keygen write.
"""
import base64
import json
import string
import zlib

UPPER = string.ascii_uppercase
LOWER = string.ascii_lowercase
DIG = string.digits
ALNUM = UPPER + LOWER + DIG
B62 = DIG + UPPER + LOWER
HEX = "0123456789abcdef"
B64 = UPPER + LOWER + DIG + "+/"
B64U = UPPER + LOWER + DIG + "-_"
B32 = UPPER + "234567"


class Gen:
    def __init__(self, rng):
        self.r = rng

    def s(self, alphabet, n):
        """n characters of alphabet, with both a letter and a digit when the
        alphabet has both (a real random token of 16+ chars nearly always
        does)."""
        while True:
            v = "".join(self.r.choice(alphabet) for _ in range(n))
            if n < 12 or not any(c.isalpha() for c in alphabet) or not any(
                    c.isdigit() for c in alphabet):
                return v
            if any(c.isalpha() for c in v) and any(c.isdigit() for c in v):
                return v

    def raw(self, n):
        return bytes(self.r.getrandbits(8) for _ in range(n))

    def b64(self, n, pad=True):
        v = base64.b64encode(self.raw(n)).decode()
        return v if pad else v.rstrip("=")

    def b64u(self, n):
        return base64.urlsafe_b64encode(self.raw(n)).decode().rstrip("=")

    def uuid(self):
        h = self.s(HEX, 32)
        h = h[:12] + "4" + h[13:16] + self.r.choice("89ab") + h[17:]
        return "-".join([h[:8], h[8:12], h[12:16], h[16:20], h[20:]])

    def digits(self, n):
        return str(self.r.randint(1, 9)) + self.s(DIG, n - 1)

    def password(self):
        while True:
            v = self.s(ALNUM + "!#%*-_.+", self.r.randint(14, 22))
            if any(c in "!#%*-_.+" for c in v) and any(c.isdigit() for c in v):
                return v

    # --- checksummed formats -------------------------------------------
    def crc62(self, prefix):
        """GitHub gh?_ and npm_ tokens: 30 base62 + base62 CRC32 (6)."""
        body = self.s(B62, 30)
        c = zlib.crc32(body.encode())
        tail = ""
        for _ in range(6):
            tail = B62[c % 62] + tail
            c //= 62
        return prefix + body + tail

    def gitlab(self, prefix):
        """GitLab routable token: prefix + base64url payload + '.01.' +
        2 base36 payload length + 7 base36 CRC32 of everything before."""
        payload = self.s(B64U, 27)
        head = "%s%s.01.%s" % (prefix, payload, b36(len(payload), 2))
        return head + b36(zlib.crc32(head.encode()), 7)

    def pypi(self):
        def field(tag, data):
            return bytes([tag, len(data)]) + data
        ident = json.dumps({"version": 1, "nonce": self.s(HEX, 32)}).encode()
        cav = json.dumps({"permissions": "user", "version": 1}).encode()
        mac = (b"\x02" + field(1, b"pypi.org") + field(2, ident) + b"\x00" + field(2, cav) +
               b"\x00\x00" + field(6, self.raw(32)))
        return "pypi-" + base64.urlsafe_b64encode(mac).decode().rstrip("=")

    def jwt(self, payload):
        head = base64.urlsafe_b64encode(b'{"alg":"HS256","typ":"JWT"}').decode().rstrip("=")
        body = base64.urlsafe_b64encode(json.dumps(payload).encode()).decode().rstrip("=")
        return "%s.%s.%s" % (head, body, self.b64u(32))


def b36(n, width):
    out = ""
    while n:
        out = (DIG + LOWER)[n % 36] + out
        n //= 36
    return out.rjust(width, "0")


def provider_tokens(g):
    """(provider, conventional variable name, token, has_prefix) tuples."""
    s, r = g.s, g.r
    t = [
        ("github-classic", "GITHUB_TOKEN", g.crc62("ghp_"), True),
        ("github-oauth", "GH_OAUTH_TOKEN", g.crc62("gho_"), True),
        ("github-app-user", "GITHUB_USER_TOKEN", g.crc62("ghu_"), True),
        ("github-app-install", "GITHUB_APP_TOKEN", g.crc62("ghs_"), True),
        ("github-refresh", "GITHUB_REFRESH_TOKEN", g.crc62("ghr_"), True),
        ("github-fine-grained", "GH_TOKEN", "github_pat_" + s(B62, 22) + "_" + s(B62, 59), True),
        ("gitlab-pat-legacy", "GITLAB_TOKEN", "glpat-" + s(ALNUM + "-_", 20), True),
        ("gitlab-pat", "GITLAB_PRIVATE_TOKEN", g.gitlab("glpat-"), True),
        ("gitlab-deploy", "CI_DEPLOY_TOKEN", g.gitlab("gldt-"), True),
        ("gitlab-runner", "RUNNER_TOKEN", g.gitlab("glrt-"), True),
        ("gitlab-runner-reg", "REGISTRATION_TOKEN", "GR1348941" + s(ALNUM + "_-", 20), True),
        ("gitlab-oauth-secret", "GITLAB_OAUTH_SECRET", "gloas-" + s(HEX, 64), True),
        ("slack-bot", "SLACK_BOT_TOKEN",
         "xoxb-%s-%s-%s" % (g.digits(12), g.digits(13), s(ALNUM, 24)), True),
        ("slack-user", "SLACK_USER_TOKEN",
         "xoxp-%s-%s-%s-%s" % (g.digits(12), g.digits(12), g.digits(13), s(HEX, 32)), True),
        ("slack-app", "SLACK_APP_TOKEN",
         "xapp-1-A%s-%s-%s" % (s(UPPER + DIG, 10), g.digits(13), s(HEX, 64)), True),
        ("slack-webhook", "SLACK_WEBHOOK_URL", "https://hooks.slack.com/services/T%s/B%s/%s" % (
            s(UPPER + DIG, 10), s(UPPER + DIG, 10), s(ALNUM, 24)), True),
        ("stripe-secret", "STRIPE_SECRET_KEY", "sk_live_51" + s(ALNUM, 97), True),
        ("stripe-restricted", "STRIPE_RESTRICTED_KEY", "rk_live_51" + s(ALNUM, 97), True),
        ("stripe-webhook", "STRIPE_WEBHOOK_SECRET", "whsec_" + s(ALNUM, 32), True),
        ("twilio-api-key", "TWILIO_API_SECRET", s(ALNUM, 32), False),
        ("twilio-auth", "TWILIO_AUTH_TOKEN", s(HEX, 32), False),
        ("sendgrid", "SENDGRID_API_KEY", "SG.%s.%s" % (s(B64U, 22), s(B64U, 43)), True),
        ("openai-project", "OPENAI_API_KEY",
         "sk-proj-" + s(B64U, 74) + "T3BlbkFJ" + s(B64U, 74), True),
        ("openai-svcacct", "OPENAI_API_KEY",
         "sk-svcacct-" + s(B64U, 74) + "T3BlbkFJ" + s(B64U, 74), True),
        ("openai-legacy", "OPENAI_KEY", "sk-" + s(ALNUM, 20) + "T3BlbkFJ" + s(ALNUM, 20), True),
        ("anthropic", "ANTHROPIC_API_KEY", "sk-ant-api03-" + s(B64U, 93) + "AA", True),
        ("anthropic-admin", "ANTHROPIC_ADMIN_KEY", "sk-ant-admin01-" + s(B64U, 93) + "AA", True),
        ("groq", "GROQ_API_KEY", "gsk_" + s(ALNUM, 52), True),
        ("xai", "XAI_API_KEY", "xai-" + s(ALNUM, 80), True),
        ("perplexity", "PERPLEXITY_API_KEY", "pplx-" + s(ALNUM, 48), True),
        ("huggingface", "HF_TOKEN", "hf_" + s(UPPER + LOWER, 34), True),
        ("replicate", "REPLICATE_API_TOKEN", "r8_" + s(ALNUM, 37), True),
        ("openrouter", "OPENROUTER_API_KEY", "sk-or-v1-" + s(HEX, 64), True),
        ("gemini", "GEMINI_API_KEY", "AIza" + s(B64U, 35), True),
        ("nvidia", "NVIDIA_API_KEY", "nvapi-" + s(B64U, 64), True),
        ("mistral", "MISTRAL_API_KEY", s(ALNUM, 32), False),
        ("cohere", "COHERE_API_KEY", s(ALNUM, 40), False),
        ("deepseek", "DEEPSEEK_API_KEY", "sk-" + s(HEX, 32), True),
        ("langsmith", "LANGSMITH_API_KEY", "lsv2_pt_%s_%s" % (s(HEX, 32), s(HEX, 10)), True),
        ("elevenlabs", "ELEVENLABS_API_KEY", "sk_" + s(HEX, 48), True),
        ("tavily", "TAVILY_API_KEY", "tvly-" + s(ALNUM, 32), True),
        ("npm", "NPM_TOKEN", g.crc62("npm_"), True),
        ("pypi", "PYPI_API_TOKEN", g.pypi(), True),
        ("dockerhub", "DOCKERHUB_TOKEN", "dckr_pat_" + s(B64U, 27), True),
        ("shopify-admin", "SHOPIFY_ACCESS_TOKEN", "shpat_" + s(HEX, 32), True),
        ("shopify-secret", "SHOPIFY_API_SECRET", "shpss_" + s(HEX, 32), True),
        ("atlassian", "JIRA_API_TOKEN",
         "ATATT3xFfGF0" + s(B64U, 171) + "=" + s(HEX.upper()[:16], 8), True),
        ("vault", "VAULT_TOKEN", "hvs." + s(ALNUM, 24), True),
        ("vault-batch", "VAULT_TOKEN", "hvb.AAAAAQ" + s(B64U, 128), True),
        ("terraform-cloud", "TFE_TOKEN", "%s.atlasv1.%s" % (s(ALNUM, 14), s(ALNUM, 67)), True),
        ("digitalocean", "DIGITALOCEAN_TOKEN", "dop_v1_" + s(HEX, 64), True),
        ("digitalocean-oauth", "DO_OAUTH_TOKEN", "doo_v1_" + s(HEX, 64), True),
        ("heroku", "HEROKU_API_KEY", g.uuid(), False),
        ("heroku-new", "HEROKU_API_KEY", "HRKU-AA" + s(B64U, 58), True),
        ("datadog-api", "DD_API_KEY", s(HEX, 32), False),
        ("datadog-app", "DD_APP_KEY", s(HEX, 40), False),
        ("newrelic-user", "NEW_RELIC_API_KEY", "NRAK-" + s(UPPER + DIG, 27), True),
        ("newrelic-license", "NEW_RELIC_LICENSE_KEY", s(HEX, 36) + "NRAL", True),
        ("sentry-user", "SENTRY_AUTH_TOKEN", "sntryu_" + s(HEX, 64), True),
        ("sentry-org", "SENTRY_AUTH_TOKEN", "sntrys_" + base64.b64encode(json.dumps(
            {"iat": r.randint(1.6e9, 1.8e9), "url": "https://sentry.io",
             "region_url": "https://us.sentry.io", "org": "acme"}).encode()).decode().rstrip("=")
         + "_" + s(B64, 43).replace("/", "A").replace("+", "B"), True),
        ("mailgun", "MAILGUN_API_KEY", "key-" + s(HEX, 32), True),
        ("mailgun-new", "MAILGUN_API_KEY", "%s-%s-%s" % (s(HEX, 32), s(HEX, 8), s(HEX, 8)), False),
        ("mailchimp", "MAILCHIMP_API_KEY", s(HEX, 32) + "-us" + str(r.randint(2, 21)), True),
        ("telegram", "TELEGRAM_BOT_TOKEN", "%s:AA%s" % (g.digits(10), s(B64U, 33)), True),
        ("discord-bot", "DISCORD_TOKEN", "%s.%s.%s" % (
            base64.b64encode(g.digits(19).encode()).decode().rstrip("="), s(B64U, 6),
            s(B64U, 38)), True),
        ("discord-webhook", "DISCORD_WEBHOOK", "https://discord.com/api/webhooks/%s/%s" % (
            g.digits(19), s(B64U, 68)), True),
        ("gcp-api", "GOOGLE_API_KEY", "AIza" + s(B64U, 35), True),
        ("gcp-oauth-secret", "GOOGLE_CLIENT_SECRET", "GOCSPX-" + s(B64U, 28), True),
        ("azure-ad-secret", "AZURE_CLIENT_SECRET",
         s(ALNUM, 3) + "8Q~" + s(ALNUM + "_~.-", 34), True),
        ("azure-openai", "AZURE_OPENAI_API_KEY", s(HEX, 32), False),
        ("linear", "LINEAR_API_KEY", "lin_api_" + s(ALNUM, 40), True),
        ("notion", "NOTION_TOKEN", "ntn_" + s(DIG, 11) + s(ALNUM, 35), True),
        ("notion-legacy", "NOTION_API_KEY", "secret_" + s(ALNUM, 43), True),
        ("figma", "FIGMA_TOKEN", "figd_" + s(B64U, 40), True),
        ("airtable", "AIRTABLE_TOKEN", "pat%s.%s" % (s(ALNUM, 14), s(HEX, 64)), True),
        ("doppler", "DOPPLER_TOKEN", "dp.st.prd." + s(ALNUM, 40), True),
        ("pulumi", "PULUMI_ACCESS_TOKEN", "pul-" + s(HEX, 40), True),
        ("netlify", "NETLIFY_AUTH_TOKEN", "nfp_" + s(ALNUM, 36), True),
        ("supabase", "SUPABASE_ACCESS_TOKEN", "sbp_" + s(HEX, 40), True),
        ("databricks", "DATABRICKS_TOKEN", "dapi" + s(HEX, 32), True),
        ("grafana-sa", "GRAFANA_TOKEN", None, True),
        ("tailscale", "TS_AUTHKEY", "tskey-auth-k%s-%s" % (s(ALNUM, 16), s(ALNUM, 33)), True),
        ("sourcegraph", "SRC_ACCESS_TOKEN", "sgp_%s_%s" % (s(HEX, 16), s(HEX, 40)), True),
        ("postman", "POSTMAN_API_KEY", "PMAK-%s-%s" % (s(HEX, 24), s(HEX, 34)), True),
        ("dynatrace", "DT_API_TOKEN", "dt0c01.%s.%s" % (s(UPPER + DIG, 24), s(UPPER + DIG, 64)),
         True),
        ("planetscale", "PLANETSCALE_TOKEN", "pscale_tkn_" + s(B64U, 43), True),
        ("square", "SQUARE_ACCESS_TOKEN", "EAAA" + s(B64U, 60), True),
        ("okta", "OKTA_API_TOKEN", "00" + s(B64U, 40), False),
        ("buildkite", "BUILDKITE_API_TOKEN", "bkua_" + s(HEX, 40), True),
        ("circleci", "CIRCLE_TOKEN", "CCIPAT_%s_%s" % (s(ALNUM, 22), s(HEX, 40)), True),
        ("bitbucket", "BITBUCKET_APP_PASSWORD", "ATBB" + s(ALNUM, 32) + s(HEX.upper(), 8), True),
        ("sonarqube", "SONAR_TOKEN", "squ_" + s(HEX, 40), True),
        ("contentful", "CONTENTFUL_MANAGEMENT_TOKEN", "CFPAT-" + s(B64U, 43), True),
        ("hubspot", "HUBSPOT_ACCESS_TOKEN", "pat-na1-" + g.uuid(), True),
        ("linode", "LINODE_TOKEN", s(HEX, 64), False),
        ("hetzner", "HCLOUD_TOKEN", s(ALNUM, 64), False),
        ("dropbox", "DROPBOX_ACCESS_TOKEN", "sl." + s(B64U, 136), True),
        ("asana", "ASANA_ACCESS_TOKEN", "2/%s/%s:%s" % (g.digits(16), g.digits(16), s(HEX, 32)),
         True),
        ("mollie", "MOLLIE_API_KEY", "live_" + s(ALNUM, 30), True),
        ("razorpay", "RAZORPAY_KEY_SECRET", s(ALNUM, 24), False),
        ("paystack", "PAYSTACK_SECRET_KEY", "sk_live_" + s(HEX, 40), True),
        ("flutterwave", "FLW_SECRET_KEY", "FLWSECK-" + s(HEX, 32) + "-X", True),
        ("shippo", "SHIPPO_API_TOKEN", "shippo_live_" + s(HEX, 40), True),
        ("easypost", "EASYPOST_API_KEY", "EZAK" + s(HEX, 54), True),
        ("duffel", "DUFFEL_ACCESS_TOKEN", "duffel_live_" + s(B64U, 43), True),
        ("cloudflare", "CLOUDFLARE_API_TOKEN", s(B64U, 40), False),
        ("algolia", "ALGOLIA_ADMIN_KEY", s(HEX, 32), False),
        ("launchdarkly", "LD_SDK_KEY", "sdk-" + g.uuid(), True),
        ("honeycomb", "HONEYCOMB_API_KEY", s(ALNUM, 22), False),
        ("prefect", "PREFECT_API_KEY", "pnu_" + s(ALNUM, 36), True),
        ("age", "SOPS_AGE_KEY", None, True),
        ("fly", "FLY_API_TOKEN", "FlyV1 fm2_" + s(B64, 300).replace("/", "_"), True),
        ("wandb", "WANDB_API_KEY", s(HEX, 40), False),
        ("mapbox-secret", "MAPBOX_SECRET_TOKEN", "sk.eyJ1IjoiYWNtZSIsImEiOiJ" + s(B64U, 22) +
         "In0." + s(B64U, 22), True),
        ("scaleway", "SCW_SECRET_KEY", g.uuid(), False),
        ("jfrog", "JFROG_ACCESS_TOKEN", "cmVmdGtuOjAxOjE3" + s(ALNUM, 48), True),
        ("render", "RENDER_API_KEY", "rnd_" + s(ALNUM, 32), True),
        ("vercel", "VERCEL_TOKEN", s(ALNUM, 24), False),
        ("zapier-webhook", "ZAPIER_WEBHOOK", "https://hooks.zapier.com/hooks/catch/%s/%s/" % (
            g.digits(7), s(LOWER + DIG, 7)), True),
        ("teams-webhook", "TEAMS_WEBHOOK_URL",
         "https://acme.webhook.office.com/webhookb2/%s@%s/IncomingWebhook/%s/%s" % (
             g.uuid(), g.uuid(), s(HEX, 32), g.uuid()), True),
        ("firebase-fcm", "FCM_SERVER_KEY", "AAAA" + s(B64U, 7) + ":APA91b" + s(B64U, 134), True),
    ]
    out = []
    for p, name, tok, pre in t:
        if p == "grafana-sa":
            body = s(ALNUM, 32)
            c = zlib.crc32(("glsa_" + body).encode())
            tok = "glsa_%s_%s" % (body, c.to_bytes(4, "little").hex())
        if p == "age":
            tok = age_key(g)
        out.append((p, name, tok, pre))
    return out


def age_key(g):
    charset = "qpzry9x8gf2tvdw0s3jn54khce6mua7l"
    data = [g.r.randrange(32) for _ in range(52)]
    hrp = "age-secret-key-"

    def polymod(values):
        gen = [0x3b6a57b2, 0x26508e6d, 0x1ea119fa, 0x3d4233dd, 0x2a1462b3]
        chk = 1
        for v in values:
            b = chk >> 25
            chk = (chk & 0x1ffffff) << 5 ^ v
            for i in range(5):
                chk ^= gen[i] if ((b >> i) & 1) else 0
        return chk
    exp = [ord(x) >> 5 for x in hrp] + [0] + [ord(x) & 31 for x in hrp]
    pm = polymod(exp + data + [0] * 6) ^ 1
    chk = [(pm >> 5 * (5 - i)) & 31 for i in range(6)]
    return (hrp + "1" + "".join(charset[d] for d in data + chk)).upper()


def aws_pair(g):
    kid = "AKIA" + g.s("ABCDEFGHIJKLMNOPQRSTUVWXYZ234567", 16)
    return kid, g.s(ALNUM + "+/", 40)


def azure_storage(g):
    acct = "acme" + g.s(LOWER + DIG, 8)
    key = g.b64(64)
    return acct, key


def private_keys(g):
    """(kind, pem text, encrypted?) for real keys of each format."""
    from cryptography.hazmat.primitives import serialization as ser
    from cryptography.hazmat.primitives.asymmetric import rsa, ec, ed25519
    rsa_k = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    ec_k = ec.generate_private_key(ec.SECP256R1())
    ed_k = ed25519.Ed25519PrivateKey.generate()
    pw = ser.BestAvailableEncryption(b"hunter2-" + g.s(ALNUM, 8).encode())
    none = ser.NoEncryption()
    P, E = ser.PrivateFormat, ser.Encoding
    out = [
        ("rsa-pkcs1", rsa_k.private_bytes(E.PEM, P.TraditionalOpenSSL, none).decode(), False),
        ("rsa-pkcs8", rsa_k.private_bytes(E.PEM, P.PKCS8, none).decode(), False),
        ("ec-sec1", ec_k.private_bytes(E.PEM, P.TraditionalOpenSSL, none).decode(), False),
        ("ec-pkcs8", ec_k.private_bytes(E.PEM, P.PKCS8, none).decode(), False),
        ("openssh-ed25519", ed_k.private_bytes(E.PEM, P.OpenSSH, none).decode(), False),
        ("openssh-rsa", rsa_k.private_bytes(E.PEM, P.OpenSSH, none).decode(), False),
        ("rsa-pkcs8-encrypted", rsa_k.private_bytes(E.PEM, P.PKCS8, pw).decode(), True),
        ("rsa-pkcs1-encrypted", rsa_k.private_bytes(E.PEM, P.TraditionalOpenSSL, pw).decode(),
         True),
        ("openssh-encrypted", ssh_keygen_encrypted(g), True),
    ]
    pub_ssh = ed_k.public_key().public_bytes(E.OpenSSH, ser.PublicFormat.OpenSSH).decode()
    pub_pem = rsa_k.public_key().public_bytes(E.PEM, ser.PublicFormat.SubjectPublicKeyInfo).decode()
    return out, pub_ssh, pub_pem, ec_k


def ssh_keygen_encrypted(g):
    """An ed25519 OpenSSH key encrypted with a passphrase (bcrypt KDF), made by
    ssh-keygen (the cryptography package needs the bcrypt module for it)."""
    import subprocess
    import tempfile
    with tempfile.TemporaryDirectory() as d:
        path = d + "/k"
        subprocess.run(["ssh-keygen", "-q", "-t", "ed25519", "-N", "pass-" + g.s(ALNUM, 10),
                        "-C", "deploy@acme", "-f", path], check=True)
        with open(path) as f:
            return f.read()


def certificate(ec_key):
    import datetime
    from cryptography import x509
    from cryptography.x509.oid import NameOID
    from cryptography.hazmat.primitives import hashes, serialization as ser
    name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "acme.internal")])
    now = datetime.datetime(2025, 1, 1)
    cert = (x509.CertificateBuilder().subject_name(name).issuer_name(name)
            .public_key(ec_key.public_key()).serial_number(1000)
            .not_valid_before(now).not_valid_after(now + datetime.timedelta(days=365))
            .sign(ec_key, hashes.SHA256()))
    return cert.public_bytes(ser.Encoding.PEM).decode()
