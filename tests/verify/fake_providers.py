#!/usr/bin/env python3
"""Loopback stand-in for provider APIs, for leakhound's verification tests.

Speaks the API shape of each tested verifier under a path prefix (point
LEAKHOUND_VERIFY_BASE_URL_<PROVIDER> at http://127.0.0.1:PORT/<prefix>):
  /github  GET /user, /user/orgs            (Authorization: Bearer)
  /gitlab  GET /api/v4/personal_access_tokens/self, /api/v4/user (PRIVATE-TOKEN)
  /slack   POST /api/auth.test              (Bearer; always HTTP 200, "ok" decides)
  /stripe  GET /v1/account                  (basic auth, key as user)
  /npm     GET /-/whoami, /-/user/NAME/package (Bearer)
  /openai  GET /v1/models, /v1/me           (Bearer)
  /hf      GET /api/whoami-v2               (Bearer)
  /aws     POST / (STS GetCallerIdentity), GET /?Action=List... (IAM); the
           SigV4 signature is recomputed here from the request, independently
           of leakhound's signer, with the secret registered for the key id.
  /other   anything: a different host that must never be contacted.
Behaviour per credential comes from --tokens FILE (JSON):
  {"live": [...], "revoked": [...], "limited": [...], "slow": [...],
   "malformed": [...], "redirect": [...], "aws": {"AKIA...": "secret"}}
Every request is appended to --log as one JSON line (method, path, provider).
With --tls-cert/--tls-key it speaks https instead of http.
"""
import argparse
import base64
import hashlib
import hmac
import json
import threading
import time
import urllib.parse
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

ARGS = None
TOKENS = {}
LOCK = threading.Lock()


def log(entry):
    with LOCK, open(ARGS.log, "a") as f:
        f.write(json.dumps(entry) + "\n")


def kind_of(token):
    for k in ("live", "revoked", "limited", "slow", "malformed", "redirect"):
        if token in TOKENS.get(k, []):
            return k
    return "revoked"  # unknown credentials are rejected, like a real provider


def sigv4_ok(handler, body, secret):
    """Recomputes the AWS SigV4 signature of the request (RFC-free: AWS docs)."""
    auth = handler.headers.get("Authorization", "")
    try:
        fields = dict(p.strip().split("=", 1) for p in auth.split(" ", 1)[1].split(","))
        key_id, date, region, service, _ = fields["Credential"].split("/")
        signed = fields["SignedHeaders"].split(";")
    except (IndexError, ValueError, KeyError):
        return False, ""
    url = urllib.parse.urlsplit(handler.path)
    query = "&".join(sorted(p for p in url.query.split("&") if p))
    headers = "".join(f"{h}:{' '.join(handler.headers.get(h, '').split())}\n" for h in signed)
    creq = "\n".join([handler.command, url.path, query, headers, ";".join(signed),
                      hashlib.sha256(body).hexdigest()])
    amz_date = handler.headers.get("x-amz-date", "")
    sts = "\n".join(["AWS4-HMAC-SHA256", amz_date, f"{date}/{region}/{service}/aws4_request",
                     hashlib.sha256(creq.encode()).hexdigest()])
    k = ("AWS4" + secret).encode()
    for part in (date, region, service, "aws4_request"):
        k = hmac.new(k, part.encode(), hashlib.sha256).digest()
    want = hmac.new(k, sts.encode(), hashlib.sha256).hexdigest()
    return hmac.compare_digest(want, fields.get("Signature", "")), key_id


def aws_error(code, status=403):
    return status, {"Content-Type": "text/xml"}, (
        f"<ErrorResponse><Error><Type>Sender</Type><Code>{code}</Code>"
        f"<Message>{code}</Message></Error></ErrorResponse>")


class Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"

    def log_message(self, *a):
        pass

    def bearer(self):
        auth = self.headers.get("Authorization", "")
        return auth.split(" ", 1)[1] if " " in auth else auth

    def reply(self, status, headers, body, delay=0):
        if delay:
            time.sleep(delay)
        data = body if isinstance(body, bytes) else (
            body if isinstance(body, str) else json.dumps(body)).encode()
        self.send_response(status)
        for k, v in headers.items():
            self.send_header(k, v)
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        try:
            self.wfile.write(data)
        except (BrokenPipeError, ConnectionResetError):
            pass  # the client gave up (timeout tests)

    def common(self, token):
        """The behaviours every provider shares; None for live/revoked."""
        k = kind_of(token)
        if k == "limited":
            return 429, {"Retry-After": "60"}, {"message": "slow down"}
        if k == "slow":
            return 200, {"X-Delay": "1"}, {"login": "late"}
        if k == "malformed":
            return 200, {"Content-Type": "application/json"}, "{\"login\": \"oops\""
        if k == "redirect":
            return 302, {"Location": ARGS.other + "/other/steal"}, ""
        return None

    def handle_any(self):
        body = self.rfile.read(int(self.headers.get("Content-Length") or 0))
        prefix = self.path.split("/")[1] if self.path.count("/") else ""
        log({"method": self.command, "path": self.path.split("?")[0], "provider": prefix})
        route = getattr(self, "route_" + prefix, None)
        if route is None:
            return self.reply(404, {}, {"message": "no such provider"})
        status, headers, out = route(body)
        self.reply(status, headers, out, delay=3 if headers.pop("X-Delay", None) else 0)

    do_GET = do_POST = handle_any

    def route_other(self, body):
        return 200, {}, {"login": "stolen"}

    def route_github(self, body):
        token = self.bearer()
        if (c := self.common(token)):
            return c
        if kind_of(token) != "live":
            return 401, {}, {"message": "Bad credentials"}
        if self.path.startswith("/github/user/orgs"):
            return 200, {}, [{"login": "acme"}, {"login": "initech"}]
        return 200, {"X-OAuth-Scopes": "repo, read:org", "GitHub-Authentication-Token-Expiration":
                     "2031-01-01 00:00:00 UTC"}, {"login": "octo", "id": 1, "name": "Octo Cat",
                                                  "type": "User"}

    def route_gitlab(self, body):
        token = self.headers.get("PRIVATE-TOKEN", "")
        if (c := self.common(token)):
            return c
        if kind_of(token) != "live":
            return 401, {}, {"message": "401 Unauthorized"}
        if self.path.startswith("/gitlab/api/v4/user"):
            return 200, {}, {"username": "gitlab-octo", "email": "o@example.com"}
        return 200, {}, {"name": "ci", "active": True, "user_id": 7, "scopes": ["api", "write_repository"],
                         "expires_at": "2031-06-30"}

    def route_slack(self, body):
        token = self.bearer()
        if (c := self.common(token)):
            return c
        if kind_of(token) != "live":
            return 200, {}, {"ok": False, "error": "invalid_auth"}
        return 200, {"X-OAuth-Scopes": "chat:write,channels:read"}, {
            "ok": True, "team": "Acme", "team_id": "T1", "user": "bot", "user_id": "U1",
            "url": "https://acme.slack.com/"}

    def route_stripe(self, body):
        raw = self.headers.get("Authorization", "").split(" ", 1)[-1]
        token = base64.b64decode(raw).decode(errors="replace").rstrip(":") if raw else ""
        if (c := self.common(token)):
            return c
        if kind_of(token) != "live":
            return 401, {}, {"error": {"type": "invalid_request_error", "message": "Invalid API Key"}}
        return 200, {}, {"id": "acct_1Acme", "email": "billing@acme.example", "country": "US",
                         "charges_enabled": True, "payouts_enabled": True,
                         "business_profile": {"name": "Acme"}}

    def route_npm(self, body):
        token = self.bearer()
        if (c := self.common(token)):
            return c
        if kind_of(token) != "live":
            return 401, {}, {"error": "unauthorized"}
        if self.path.startswith("/npm/-/user/"):
            return 200, {}, {"left-pad": "read-write", "@acme/core": "read-only"}
        return 200, {}, {"username": "npm-octo"}

    def route_openai(self, body):
        token = self.bearer()
        if (c := self.common(token)):
            return c
        if kind_of(token) != "live":
            return 401, {}, {"error": {"code": "invalid_api_key"}}
        if self.path.startswith("/openai/v1/me"):
            return 200, {}, {"name": "Ada", "email": "ada@example.com",
                             "orgs": {"data": [{"title": "Acme AI", "role": "owner"}]}}
        return 200, {"OpenAI-Organization": "acme-ai", "OpenAI-Project": "proj_1"}, {"data": []}

    def route_hf(self, body):
        token = self.bearer()
        if (c := self.common(token)):
            return c
        if kind_of(token) != "live":
            return 401, {}, {"error": "Invalid credentials in Authorization header"}
        return 200, {}, {"name": "hf-octo", "fullname": "HF Octo", "orgs": [{"name": "acme-ml"}],
                         "auth": {"accessToken": {"displayName": "ci", "role": "write"}}}

    def route_aws(self, body):
        key_id = self.headers.get("Authorization", "").split("Credential=")[-1].split("/")[0]
        secret = TOKENS.get("aws", {}).get(key_id)
        if secret is None:
            return aws_error("InvalidClientTokenId")
        ok, _ = sigv4_ok(self, body, secret)
        if not ok:
            return aws_error("SignatureDoesNotMatch")
        if self.command == "POST" and b"Action=GetCallerIdentity" in body:
            return 200, {"Content-Type": "text/xml"}, (
                "<GetCallerIdentityResponse><GetCallerIdentityResult>"
                "<Arn>arn:aws:iam::123456789012:user/deploy-bot</Arn><UserId>AIDAEXAMPLE</UserId>"
                "<Account>123456789012</Account></GetCallerIdentityResult></GetCallerIdentityResponse>")
        q = urllib.parse.parse_qs(urllib.parse.urlsplit(self.path).query)
        action = q.get("Action", [""])[0]
        if action == "ListAttachedUserPolicies":
            return 200, {}, ("<R><AttachedPolicies><member><PolicyName>AdministratorAccess</PolicyName>"
                             "</member></AttachedPolicies></R>")
        if action == "ListGroupsForUser":
            return 200, {}, "<R><Groups><member><GroupName>deployers</GroupName></member></Groups></R>"
        return aws_error("AccessDenied")


def main():
    global ARGS, TOKENS
    p = argparse.ArgumentParser()
    p.add_argument("--tokens", required=True)
    p.add_argument("--log", required=True)
    p.add_argument("--port-file", required=True)
    p.add_argument("--other", default="http://127.0.0.2:9")
    p.add_argument("--tls-cert", help="serve https with this certificate chain (PEM)")
    p.add_argument("--tls-key", help="... and this private key (PEM)")
    ARGS = p.parse_args()
    TOKENS = json.load(open(ARGS.tokens))
    ThreadingHTTPServer.daemon_threads = True
    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    if ARGS.tls_cert:
        import ssl
        ctx = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
        ctx.load_cert_chain(ARGS.tls_cert, ARGS.tls_key)
        server.socket = ctx.wrap_socket(server.socket, server_side=True)
    with open(ARGS.port_file + ".tmp", "w") as f:
        f.write(str(server.server_address[1]))
    import os
    os.rename(ARGS.port_file + ".tmp", ARGS.port_file)
    server.serve_forever()


if __name__ == "__main__":
    main()
