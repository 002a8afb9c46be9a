"""Seeded generation of fresh, realistic credentials from a format spec.

A spec (tests/recall/specs.py) is either a string in a small template language
or a function of a Gen. Template language:
  text            literal text ({{ and }} for braces)
  {ALPHABET:N}    N random characters of a named alphabet (ALPHABETS below)
  {ALPHABET:N-M}  a random length between N and M
  {[abc0-9]:N}    N random characters of a class written like a regex class
  {@NAME}         a structured value from Gen.NAME() (e.g. {@uuid}, {@gh})
  {@NAME:ARG}     the same with one string argument (e.g. {@pem:rsa})
Structured values (JWTs, PEM keys, macaroons, service-account JSON) are built
with the standard library only (base64, json, zlib, hashlib, random): they are
well-formed (a JWT's header and payload are JSON with `alg`; a PEM body is
DER that parses as the key type's ASN.1 structure) but sign or decrypt nothing.
"""
import base64
import json
import re
import string
import zlib

ALPHABETS = {
    "b62": string.ascii_letters + string.digits,
    "hex": "0123456789abcdef",
    "HEX": "0123456789ABCDEF",
    "xdig": "0123456789abcdefABCDEF",
    "b64": string.ascii_letters + string.digits + "+/",
    "b64u": string.ascii_letters + string.digits + "_-",
    "lo": string.ascii_lowercase,
    "up": string.ascii_uppercase,
    "alpha": string.ascii_letters,
    "dig": string.digits,
    "lodig": string.ascii_lowercase + string.digits,
    "updig": string.ascii_uppercase + string.digits,
    "b32": string.ascii_uppercase + "234567",
    "b32lo": string.ascii_lowercase + "234567",
    "bech32": "qpzry9x8gf2tvdw0s3jn54khce6mua7l",
    "BECH32": "QPZRY9X8GF2TVDW0S3JN54KHCE6MUA7L",
    "crock": "0123456789ABCDEFGHJKMNPQRSTVWXYZ",  # Crockford base32 (ULIDs)
}
B62 = ALPHABETS["b62"]
# Digit order of the base62 checksums (GitHub, npm): 0-9, A-Z, a-z.
B62_DIGITS = string.digits + string.ascii_uppercase + string.ascii_lowercase

# Substrings leakhound's not-placeholder validator rejects (src/rules/validators.cc):
# a generated value holding one by chance is drawn again.
_PLACEHOLDER_WORDS = ("example", "changeme", "change_me", "placeholder", "your_", "your-",
                      "yourkey", "xxxxxx", "******", "redacted", "dummy", "sample", "insert",
                      "replace", "todo", "fixme", "0000000000", "1234567890", "abcdefgh")

_TOKEN = re.compile(r"\{\{|\}\}|\{([^{}]+)\}")


def _class_chars(body):
    out, i = [], 0
    while i < len(body):
        c = body[i]
        if c == "\\" and i + 1 < len(body):
            out.append(body[i + 1])
            i += 2
        elif i + 2 < len(body) and body[i + 1] == "-":
            out.extend(chr(x) for x in range(ord(c), ord(body[i + 2]) + 1))
            i += 3
        else:
            out.append(c)
            i += 1
    return "".join(sorted(set(out)))


def b62(n, width=0):
    s = ""
    while n:
        n, d = divmod(n, 62)
        s = B62_DIGITS[d] + s
    return s.rjust(width, "0")


class Gen:
    """Random credential parts from one seeded random.Random."""

    def __init__(self, rng):
        self.rng = rng

    # -- primitives ---------------------------------------------------------
    def chars(self, alphabet, n):
        return "".join(self.rng.choice(alphabet) for _ in range(n))

    def s(self, alphabet, n):
        return self.chars(ALPHABETS.get(alphabet, alphabet), n)

    def bytes(self, n):
        return bytes(self.rng.getrandbits(8) for _ in range(n))

    def expand(self, spec):
        """Expands a template; redraws when the value looks like a placeholder."""
        for _ in range(20):
            value = _TOKEN.sub(self._token, spec)
            lower = value.lower()
            if not any(w in lower for w in _PLACEHOLDER_WORDS):
                return value
        return value

    def _token(self, m):
        if m.group(0) == "{{":
            return "{"
        if m.group(0) == "}}":
            return "}"
        body = m.group(1)
        if body.startswith("@"):
            name, _, arg = body[1:].partition(":")
            fn = getattr(self, name.replace("-", "_"))
            return fn(arg) if arg else fn()
        alpha, _, count = body.rpartition(":")
        lo, _, hi = count.partition("-")
        n = self.rng.randint(int(lo), int(hi)) if hi else int(lo)
        chars = _class_chars(alpha[1:-1]) if alpha.startswith("[") else ALPHABETS[alpha]
        return self.chars(chars, n)

    # -- common shapes ------------------------------------------------------
    def uuid(self, upper=""):
        h = self.s("hex", 32)
        h = h[:12] + "4" + h[13:16] + self.rng.choice("89ab") + h[17:]
        u = "%s-%s-%s-%s-%s" % (h[:8], h[8:12], h[12:16], h[16:20], h[20:])
        return u.upper() if upper else u

    def gh(self):
        """30 random base62 characters and their CRC32 in 6 base62 digits
        (GitHub gh*_ and npm_ tokens)."""
        body = self.s("b62", 30)
        return body + b62(zlib.crc32(body.encode()), 6)

    def password(self, length=""):
        """A realistic generated password: letters, digits and a few symbols,
        with at least one digit and one symbol."""
        n = int(length) if length else self.rng.randint(16, 24)
        body = list(self.s("b62", n - 2) + self.rng.choice(string.digits) + self.rng.choice("-_.!*"))
        self.rng.shuffle(body)
        if not body[0].isalpha():
            body[0] = self.rng.choice(string.ascii_letters)
        return "".join(body)

    def word(self):
        return self.rng.choice(["orders", "billing", "deploy", "ci-bot", "reporting", "etl",
                                "backend", "payments", "svc-app", "release"])

    def b64(self, raw, pad=True):
        s = base64.b64encode(raw if isinstance(raw, bytes) else raw.encode()).decode()
        return s if pad else s.rstrip("=")

    def b64u(self, raw, pad=False):
        s = base64.urlsafe_b64encode(raw if isinstance(raw, bytes) else raw.encode()).decode()
        return s if pad else s.rstrip("=")

    def basic(self, user=""):
        """base64("user:password") as in Authorization: Basic and docker/npm auth."""
        return self.b64("%s:%s" % (user or self.word(), self.password()))

    # -- JWTs ---------------------------------------------------------------
    def jwt(self, kind=""):
        """A JWT whose header and payload are JSON (with alg) and whose
        signature is random bytes of the algorithm's size."""
        now = 1_700_000_000 + self.rng.randint(0, 60_000_000)
        alg = {"supabase": "HS256", "calendly": "ES512", "k8s": "RS256"}.get(kind, self.rng.choice(
            ["RS256", "HS256", "ES256"]))
        header = {"alg": alg, "typ": "JWT"}
        if kind == "calendly":
            header = {"kid": self.s("hex", 16), "typ": "PAT", "alg": alg}
        payloads = {
            "supabase": {"iss": "supabase", "ref": self.s("lo", 20), "role": "service_role",
                         "iat": now, "exp": now + 315_360_000},
            "calendly": {"iss": "https://auth.calendly.com", "iat": now, "jti": self.uuid(),
                         "user_uuid": self.uuid()},
            "k8s": {"iss": "kubernetes/serviceaccount",
                    "kubernetes.io/serviceaccount/namespace": "ci",
                    "kubernetes.io/serviceaccount/service-account.name": "deployer",
                    "sub": "system:serviceaccount:ci:deployer"},
            "auth0": {"iss": "https://acme.eu.auth0.com/", "sub": self.s("b62", 32) + "@clients",
                      "aud": "https://acme.eu.auth0.com/api/v2/", "iat": now, "exp": now + 86400,
                      "gty": "client-credentials"},
            "onepassword": {"aud": ["com.1password.connect"], "iss": "com.1password.auth",
                            "sub": self.s("updig", 26), "iat": now,
                            "x-1p": {"sid": self.s("updig", 26), "v": "2"}},
        }
        payload = payloads.get(kind) or {"sub": self.uuid(), "iat": now, "exp": now + 3600,
                                         "iss": "https://auth.%s.io/" % self.rng.choice(
                                             ["acme", "orders", "example-corp"]),
                                         "scope": self.rng.choice(["orders:write", "read", "admin"])}
        sig = {"HS256": 32, "RS256": 256, "ES256": 64, "ES512": 132}[alg]
        return "%s.%s.%s" % (self.b64u(json.dumps(header, separators=(",", ":"))),
                             self.b64u(json.dumps(payload, separators=(",", ":"))),
                             self.b64u(self.bytes(sig)))

    def token(self, length="32"):
        """A random base62 token with at least one digit (generic secrets)."""
        body = list(self.s("b62", int(length) - 1) + self.rng.choice(string.digits))
        self.rng.shuffle(body)
        return "".join(body)

    def b64pw(self):
        """A Kubernetes Secret data value: base64 of a generated password."""
        return self.b64(self.password())

    def sas_sig(self):
        """An Azure SAS signature: URL-encoded base64 of an HMAC-SHA256."""
        return self.b64(self.bytes(32)).replace("+", "%2B").replace("/", "%2F").replace("=", "%3D")

    def dc_pat(self):
        """Atlassian Data Center PAT: base64 of "<12-digit id>:<20 random bytes>"."""
        return self.b64(("%012d:" % self.rng.randint(10**11, 10**12 - 1)).encode() + self.bytes(20))

    def elastic_key(self):
        """Elasticsearch API key as sent in `ApiKey`: base64("id:api_key")."""
        return self.b64("%s:%s" % (self.s("b64u", 20), self.s("b64u", 22)))

    def flymac(self):
        """A Fly.io macaroon: base64 of msgpack (fixarray, bin8 ...)."""
        head = b"\x94\x93\xc4" + bytes([self.rng.randint(60, 120)])
        return self.b64(head + self.bytes(self.rng.randint(90, 140)))

    def intercom(self):
        """Intercom access token: base64("tok:<uuid with _>:1:0")."""
        return self.b64("tok:%s:1:0" % self.uuid().replace("-", "_"))

    def jfrog_ref(self):
        """JFrog reference token: base64("reftkn:01:<expiry>:<random>")."""
        expiry = self.rng.randint(1_750_000_000, 2_000_000_000)
        return self.b64("reftkn:01:%d:%s" % (expiry, self.s("b62", 27)))

    def miro(self):
        """Miro access token: base64url({"miro.origin":"eu01"}) _ random."""
        return "%s_%s" % (self.b64u('{"miro.origin":"%s"}' % self.rng.choice(["eu01", "us01"])),
                          self.s("b64u", 27))

    def mapbox(self):
        """Mapbox secret token: sk. base64url({"u":user,"a":id}) . random."""
        return "sk.%s.%s" % (self.b64u(json.dumps({"u": self.word(), "a": self.s("lodig", 25)},
                                                  separators=(",", ":"))), self.s("b64u", 22))

    def b64json(self, kind):
        """base64 of a JSON object: the tokens that are one (Grafana Cloud,
        Cloudflare tunnel, Grafana API key, 1Password service account...).
        A kind ending in -u is base64url without padding."""
        url = kind.endswith("-u")
        kind = kind[:-2] if url else kind
        obj = {
            "grafana-cloud": {"o": str(self.rng.randint(100000, 999999)),
                              "n": "stack-%d-%s" % (self.rng.randint(100000, 999999), self.word()),
                              "k": self.s("b62", 24), "m": {"r": "prod-eu-west-2"}},
            "grafana-api": {"k": self.s("b62", 32), "n": self.word(), "id": self.rng.randint(1, 9)},
            "cf-tunnel": {"a": self.s("hex", 32), "t": self.uuid(), "s": self.b64(self.bytes(32))},
            "sentry": {"iat": self.rng.randint(1_700_000_000, 1_760_000_000) + 0.5,
                       "url": "https://sentry.io", "region_url": "https://de.sentry.io",
                       "org": self.word()},
            "onepassword": {"signInAddress": "acme.1password.com",
                            "userAuth": {"method": "SRPg-4096", "alg": "PBES2g-HS256",
                                         "iterations": 650000, "salt": self.s("b64u", 22)},
                            "email": "%s@1passwordserviceaccounts.com" % self.s("lodig", 26),
                            "srpX": self.s("hex", 64),
                            "muk": {"alg": "A256GCM", "ext": True, "k": self.s("b64u", 43),
                                    "key_ops": ["encrypt", "decrypt"], "kty": "oct", "kid": "mp"},
                            "secretKey": "A3-" + self.s("updig", 6) + "-" + self.s("updig", 6),
                            "deviceUuid": self.s("lodig", 26)},
        }[kind]
        text = json.dumps(obj, separators=(",", ":"))
        return self.b64u(text) if url else self.b64(text)

    # -- binary-structured tokens ------------------------------------------
    def macaroon(self, location):
        """A macaroon (v2 binary format) with a location, identifier, one
        caveat and a 32-byte signature: PyPI tokens are pypi- + base64url."""
        def field(tag, data):
            return bytes([tag]) + _varint(len(data)) + data
        ident = self.bytes(16)
        caveat = json.dumps({"version": 1, "permissions": "user"}).encode()
        raw = (b"\x02" + field(1, location.encode()) + field(2, ident) + b"\x00" +
               field(2, caveat) + b"\x00\x00" + field(6, self.bytes(32)))
        return self.b64u(raw)

    def aws_session(self, prefix):
        """An STS session token: a protobuf-like blob that starts with the
        service's fixed header (IQoJb3JpZ2luX2... = "\\x0b\\x09origin_e...")."""
        heads = {"IQoJb3JpZ2luX2": b"\x21\x0a\x09origin_ec\x10", "FwoGZXIvYXdz": b"\x17\x0a\x06er/aws",
                 "AQoDYXdz": b"\x01\x0a\x03aws"}
        head = heads[prefix]
        body = self.b64(head + self.bytes(self.rng.randint(300, 420)))
        assert body.startswith(prefix), (body[:20], prefix)
        return body

    def bedrock_long(self):
        raw = "BedrockAPIKey-%s-at-%d:%s" % (self.s("lodig", 4), self.rng.randint(10**11, 10**12 - 1),
                                             self.b64(self.bytes(30)))
        return "ABSK" + self.b64(raw)

    def bedrock_short(self):
        cred = "ASIA" + self.s("b32", 16)
        url = ("bedrock.amazonaws.com/?Action=CallWithBearerToken&X-Amz-Algorithm=AWS4-HMAC-SHA256"
               "&X-Amz-Credential=%s%%2F20250601%%2Fus-east-1%%2Fbedrock%%2Faws4_request"
               "&X-Amz-Date=20250601T101500Z&X-Amz-Expires=43200&X-Amz-Security-Token=%s"
               "&X-Amz-Signature=%s&Version=1") % (cred, self.aws_session("IQoJb3JpZ2luX2")[:160],
                                                   self.s("hex", 64))
        return "bedrock-api-key-" + self.b64(url)

    def discord(self, digits="18"):
        """Discord bot token: base64(user id) . timestamp . HMAC."""
        n = int(digits)
        uid = str(self.rng.randint(10**(n - 1), 10**n * 9 // 10))
        return "%s.%s.%s" % (self.b64(uid, pad=False), self.s("b64u", 6), self.s("b64u", 38))

    # -- PEM and other key files ---------------------------------------------
    def der_int(self, nbytes):
        v = bytearray(self.bytes(nbytes))
        v[0] |= 0x80 if nbytes > 4 else 0x40
        return _der(0x02, (b"\x00" if v[0] & 0x80 else b"") + bytes(v))

    def der_rsa(self, bits=2048):
        n = bits // 8
        return _der(0x30, _der(0x02, b"\x00") + self.der_int(n) + _der(0x02, b"\x01\x00\x01") +
                    self.der_int(n) + self.der_int(n // 2) + self.der_int(n // 2) +
                    self.der_int(n // 2) + self.der_int(n // 2) + self.der_int(n // 2))

    def der_ec(self):
        oid = bytes.fromhex("06082a8648ce3d030107")  # prime256v1
        return _der(0x30, _der(0x02, b"\x01") + _der(0x04, self.bytes(32)) + _der(0xa0, oid) +
                    _der(0xa1, _der(0x03, b"\x00\x04" + self.bytes(64))))

    def der_dsa(self):
        return _der(0x30, _der(0x02, b"\x00") + self.der_int(128) + self.der_int(20) +
                    self.der_int(128) + self.der_int(128) + self.der_int(20))

    def der_pkcs8(self, bits=2048):
        alg = _der(0x30, bytes.fromhex("06092a864886f70d010101") + b"\x05\x00")
        return _der(0x30, _der(0x02, b"\x00") + alg + _der(0x04, self.der_rsa(bits)))

    def der_pkcs8_encrypted(self):
        pbes2 = bytes.fromhex("06092a864886f70d01050d")
        kdf = _der(0x30, bytes.fromhex("06092a864886f70d01050c") +
                   _der(0x30, _der(0x04, self.bytes(8)) + _der(0x02, b"\x08\x00") +
                        _der(0x30, bytes.fromhex("06082a864886f70d020905") + b"\x05\x00")))
        enc = _der(0x30, bytes.fromhex("060960864801650304012a") + _der(0x04, self.bytes(16)))
        algo = _der(0x30, pbes2 + _der(0x30, kdf + enc))
        return _der(0x30, algo + _der(0x04, self.bytes(1232)))

    def openssh(self, encrypted=""):
        def sshstr(b):
            return len(b).to_bytes(4, "big") + b
        if encrypted:
            head = (sshstr(b"aes256-ctr") + sshstr(b"bcrypt") +
                    sshstr(sshstr(self.bytes(16)) + (16).to_bytes(4, "big")))
        else:
            head = sshstr(b"none") + sshstr(b"none") + sshstr(b"")
        pub = sshstr(b"ssh-ed25519") + sshstr(self.bytes(32))
        check = self.bytes(4)
        priv = (check + check + pub + sshstr(self.bytes(64)) +
                sshstr(("%s@build" % self.word()).encode()))
        priv += bytes(range(1, 1 + (-len(priv)) % 8))
        return b"openssh-key-v1\x00" + head + (1).to_bytes(4, "big") + sshstr(pub) + sshstr(priv)

    def pem(self, kind):
        """A PEM private key of the given kind with a well-formed body."""
        label, der, headers = {
            "rsa": ("RSA PRIVATE KEY", lambda: self.der_rsa(), ""),
            "rsa1024": ("RSA PRIVATE KEY", lambda: self.der_rsa(1024), ""),
            "rsa4096": ("RSA PRIVATE KEY", lambda: self.der_rsa(4096), ""),
            "ec": ("EC PRIVATE KEY", self.der_ec, ""),
            "dsa": ("DSA PRIVATE KEY", self.der_dsa, ""),
            "pkcs8": ("PRIVATE KEY", lambda: self.der_pkcs8(), ""),
            "pkcs8-1024": ("PRIVATE KEY", lambda: self.der_pkcs8(1024), ""),
            "pkcs8-enc": ("ENCRYPTED PRIVATE KEY", self.der_pkcs8_encrypted, ""),
            "openssh": ("OPENSSH PRIVATE KEY", lambda: self.openssh(), ""),
            "openssh-enc": ("OPENSSH PRIVATE KEY", lambda: self.openssh("enc"), ""),
            "rsa-legacy-enc": ("RSA PRIVATE KEY", lambda: self.bytes(1200),
                               "Proc-Type: 4,ENCRYPTED\nDEK-Info: AES-256-CBC,%s\n\n" % self.s("HEX", 32)),
            "ec-legacy-enc": ("EC PRIVATE KEY", lambda: self.bytes(128),
                              "Proc-Type: 4,ENCRYPTED\nDEK-Info: AES-128-CBC,%s\n\n" % self.s("HEX", 32)),
        }[kind]
        body = base64.b64encode(der()).decode()
        width = 70 if kind.startswith("openssh") else 64
        lines = [body[i:i + width] for i in range(0, len(body), width)]
        return "-----BEGIN %s-----\n%s%s\n-----END %s-----" % (label, headers, "\n".join(lines), label)

    def pem_b64(self, kind):
        return self.b64(self.pem(kind) + "\n")

    def pgp(self):
        """An ASCII-armored secret key packet (tag 5, v4, EdDSA) with its CRC24."""
        body = (b"\x04" + self.rng.getrandbits(32).to_bytes(4, "big") + b"\x16\x09" +
                bytes.fromhex("2b06010401da470f01") + b"\x01\x07" + b"\x40" + self.bytes(32) +
                b"\x00" + b"\x01\x00" + self.bytes(32) + self.bytes(2))
        packet = b"\xc5" + _varint_pgp(len(body)) + body
        uid = ("%s <%s@acme.io>" % (self.word(), self.word())).encode()
        packet += b"\xcd" + bytes([len(uid)]) + uid + b"\xc2" + bytes([100]) + self.bytes(100)
        armored = base64.b64encode(packet).decode()
        lines = [armored[i:i + 64] for i in range(0, len(armored), 64)]
        crc = base64.b64encode(_crc24(packet).to_bytes(3, "big")).decode()
        return ("-----BEGIN PGP PRIVATE KEY BLOCK-----\n\n%s\n=%s\n-----END PGP PRIVATE KEY BLOCK-----"
                % ("\n".join(lines), crc))

    def putty(self, encrypted=""):
        """A PuTTY .ppk v3 file (ssh-ed25519) up to its private blob's base64
        lines: the Private-MAC line that follows is not part of the secret."""
        def sshstr(b):
            return len(b).to_bytes(4, "big") + b
        pub = base64.b64encode(sshstr(b"ssh-ed25519") + sshstr(self.bytes(32))).decode()
        priv = base64.b64encode(sshstr(self.bytes(32)) + (self.bytes(16) if encrypted else b"")).decode()
        lines = ["PuTTY-User-Key-File-3: ssh-ed25519",
                 "Encryption: %s" % ("aes256-cbc" if encrypted else "none"),
                 "Comment: %s@build" % self.word()]
        if encrypted:
            lines += ["Key-Derivation: Argon2id", "Argon2-Memory: 8192", "Argon2-Passes: 13",
                      "Argon2-Parallelism: 1", "Argon2-Salt: %s" % self.s("hex", 32)]
        for name, blob in (("Public", pub), ("Private", priv)):
            lines.append("%s-Lines: %d" % (name, (len(blob) + 63) // 64))
            lines += [blob[i:i + 64] for i in range(0, len(blob), 64)]
        return "\n".join(lines)

    def sha1b64(self):
        return self.b64(self.bytes(20))

    def bcrypt(self):
        return "$2y$%02d$%s" % (self.rng.choice([10, 12]), self.s("./" + B62, 53))

    def apr1(self):
        return "$apr1$%s$%s" % (self.s("./" + B62, 8), self.s("./" + B62, 22))

    def wg(self):
        """A WireGuard key: base64 of 32 bytes (a clamped Curve25519 scalar)."""
        k = bytearray(self.bytes(32))
        k[0] &= 248
        k[31] = (k[31] & 127) | 64
        return self.b64(bytes(k))

    def azure_key(self, nbytes="64"):
        return self.b64(self.bytes(int(nbytes)))

    def glsa(self):
        """A Grafana service account token: glsa_ + 32 base62 + _ + the hex of
        the little-endian bytes of the CRC32 of what precedes the last _."""
        head = "glsa_" + self.s("b62", 32)
        return head + "_" + (zlib.crc32(head.encode()) & 0xFFFFFFFF).to_bytes(4, "little").hex()

    def age(self):
        """An age identity: Bech32 (BIP-173) of 32 random bytes, HRP
        AGE-SECRET-KEY-, upper case."""
        return _bech32("age-secret-key-", self.bytes(32)).upper()


def _bech32(hrp, data):
    charset = "qpzry9x8gf2tvdw0s3jn54khce6mua7l"
    gen = [0x3B6A57B2, 0x26508E6D, 0x1EA119FA, 0x3D4233DD, 0x2A1462B3]

    def polymod(values):
        chk = 1
        for v in values:
            top = chk >> 25
            chk = (chk & 0x1FFFFFF) << 5 ^ v
            for i in range(5):
                chk ^= gen[i] if (top >> i) & 1 else 0
        return chk

    acc, bits, five = 0, 0, []
    for b in data:
        acc = (acc << 8) | b
        bits += 8
        while bits >= 5:
            bits -= 5
            five.append((acc >> bits) & 31)
    if bits:
        five.append((acc << (5 - bits)) & 31)
    expanded = [ord(c) >> 5 for c in hrp] + [0] + [ord(c) & 31 for c in hrp]
    mod = polymod(expanded + five + [0] * 6) ^ 1
    check = [(mod >> 5 * (5 - i)) & 31 for i in range(6)]
    return hrp + "1" + "".join(charset[d] for d in five + check)


def _der(tag, body):
    n = len(body)
    if n < 0x80:
        return bytes([tag, n]) + body
    ln = n.to_bytes((n.bit_length() + 7) // 8, "big")
    return bytes([tag, 0x80 | len(ln)]) + ln + body


def _varint(n):
    out = bytearray()
    while True:
        b = n & 0x7f
        n >>= 7
        out.append(b | (0x80 if n else 0))
        if not n:
            return bytes(out)


def _varint_pgp(n):
    if n < 192:
        return bytes([n])
    n -= 192
    return bytes([(n >> 8) + 192, n & 0xff])


def _crc24(data):
    crc = 0xB704CE
    for b in data:
        crc ^= b << 16
        for _ in range(8):
            crc <<= 1
            if crc & 0x1000000:
                crc ^= 0x1864CFB
    return crc & 0xFFFFFF


def _self_check():
    """Checks the structured generators produce what they claim."""
    import random
    g = Gen(random.Random(7))
    # A valid token's tail (the github.pat.classic example in rules/github.toml).
    assert b62(zlib.crc32(b"cbdU9JPmevCDRE342pMwarmYijwop5"), 6) == "3iprHS"
    tok = g.gh()
    assert b62(zlib.crc32(tok[:30].encode()), 6) == tok[30:], tok
    for kind in ("rsa", "ec", "dsa", "pkcs8", "pkcs8-enc"):
        der = base64.b64decode("".join(g.pem(kind).split("\n")[1:-1]))
        _, length, hdr = _der_header(der)
        assert der[0] == 0x30 and hdr + length == len(der), kind
    ssh = base64.b64decode("".join(g.pem("openssh").split("\n")[1:-1]))
    assert ssh.startswith(b"openssh-key-v1\x00\x00\x00\x00\x04none"), ssh[:20]
    for kind in ("", "supabase", "k8s", "calendly"):
        head, payload, sig = g.jwt(kind).split(".")
        assert "alg" in json.loads(base64.urlsafe_b64decode(head + "==")), kind
        assert isinstance(json.loads(base64.urlsafe_b64decode(payload + "==")), dict), kind
        assert len(base64.urlsafe_b64decode(sig + "==")) >= 32, kind
    mac = base64.urlsafe_b64decode(g.macaroon("pypi.org") + "==")
    assert mac.startswith(b"\x02\x01\x08pypi.org"), mac[:12]
    armor = g.pgp().split("\n")
    body, crc = base64.b64decode("".join(armor[2:-2])), base64.b64decode(armor[-2][1:])
    assert _crc24(body) == int.from_bytes(crc, "big")
    assert len(base64.b64decode(g.wg())) == 32
    print("credgen self-check: ok")


def _der_header(der):
    n = der[1]
    if n < 0x80:
        return der[0], n, 2
    k = n & 0x7f
    return der[0], int.from_bytes(der[2:2 + k], "big"), 2 + k


if __name__ == "__main__":
    _self_check()
