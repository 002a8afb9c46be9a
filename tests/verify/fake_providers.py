#!/usr/bin/env python3
"""Loopback stand-in for provider APIs, for leakhound's verification tests.

Each provider in PROVIDERS speaks its API's documented shape under a path
prefix (point --verify-base-url KEY=http://127.0.0.1:PORT/<prefix> at it):
the routes (method + path), where the credential goes (a header, basic auth,
the query, the path or a JSON body), required headers and bodies, the live
answer and the documented answer for an invalid credential. A request of the
wrong shape (unknown path or method, credential in the wrong place, missing
required header, paired value that does not belong to the secret) gets 400
or 404 with a "fake:" message, so a wrong verifier spec fails its test
instead of passing as "revoked". `python3 fake_providers.py --list` prints the
table.

/aws is code: POST / (STS GetCallerIdentity) and GET /?Action=List... (IAM);
the SigV4 signature is recomputed here from the request, independently of
leakhound's signer, with the secret registered for the key id.
/other answers anything: a different host that must never be contacted.

Behaviour per credential comes from --tokens FILE (JSON):
  {"live": [...], "revoked": [...], "limited": [...], "slow": [...],
   "malformed": [...], "redirect": [...], "aws": {"AKIA...": "secret"},
   "pairs": {"secret": "the id/user/email it is paired with"},
   "variants": {"secret": "admin"}}
A credential in none of the lists is rejected like a real provider does.
Every request is appended to --log as one JSON line (method, path, provider,
and "error" for a request of the wrong shape).
With --tls-cert/--tls-key it speaks https instead of http.
"""
import argparse
import base64
import hashlib
import hmac
import json
import os
import re
import threading
import time
import urllib.parse
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Callable, Optional

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


def variant(token):
    return TOKENS.get("variants", {}).get(token, "")


class Mismatch(Exception):
    """The request does not have the provider's documented shape."""


@dataclass
class Request:
    method: str
    path: str  # below the provider prefix, without the query
    query: dict  # name -> first value
    headers: object  # http.client.HTTPMessage (case-insensitive)
    body: bytes
    match: Optional[re.Match] = None

    def json(self):
        try:
            return json.loads(self.body or b"null")
        except ValueError:
            raise Mismatch("body is not JSON")


# --- where the credential goes: each returns (secret, paired value or None) --


def prefixed(name, prefix):
    """The credential after `prefix` in header `name`."""
    def get(req):
        value = req.headers.get(name, "")
        if not value.startswith(prefix) or len(value) == len(prefix):
            raise Mismatch(f"expected '{name}: {prefix}<credential>'")
        return value[len(prefix):], None
    return get


def bearer(scheme="Bearer"):
    return prefixed("Authorization", scheme + " ")


def header(name):
    def get(req):
        value = req.headers.get(name, "")
        if not value:
            raise Mismatch(f"expected the credential in header {name}")
        return value, None
    return get


def basic(user=None, secret_is_user=False):
    """Basic auth: the secret is the password (paired with the user) unless
    `secret_is_user` (Stripe); `user` fixes the user name (Mailgun's "api")."""
    def get(req):
        auth = req.headers.get("Authorization", "")
        if not auth.startswith("Basic "):
            raise Mismatch("expected HTTP basic auth")
        try:
            u, _, p = base64.b64decode(auth[6:]).decode().partition(":")
        except (ValueError, UnicodeDecodeError):
            raise Mismatch("basic auth is not base64 of user:password")
        if secret_is_user:
            return u, None
        if user is not None and u != user:
            raise Mismatch(f"basic auth user must be '{user}'")
        if not u or not p:
            raise Mismatch("basic auth needs a user and a password")
        return p, (None if user is not None else u)
    return get


def query(name):
    def get(req):
        if not req.query.get(name):
            raise Mismatch(f"expected the credential in query parameter {name}")
        return req.query[name], None
    return get


def path_group(name="secret"):
    def get(req):
        return req.match.group(name), None
    return get


def json_fields(secret_field, pair_field):
    def get(req):
        if "application/json" not in req.headers.get("Content-Type", ""):
            raise Mismatch("expected Content-Type: application/json")
        doc = req.json()
        if not isinstance(doc, dict) or not doc.get(secret_field) or not doc.get(pair_field):
            raise Mismatch(f"expected a JSON body with {pair_field} and {secret_field}")
        return doc[secret_field], doc[pair_field]
    return get


def linear_auth(req):
    """Linear: personal API keys go bare, OAuth tokens as Bearer."""
    auth = req.headers.get("Authorization", "")
    if auth.startswith("Bearer lin_oauth_"):
        return auth[7:], None
    if auth.startswith("lin_api_"):
        return auth, None
    raise Mismatch("expected 'Authorization: lin_api_...' or 'Authorization: Bearer lin_oauth_...'")


def algolia_auth(req):
    key = req.headers.get("X-Algolia-API-Key", "")
    app = req.headers.get("X-Algolia-Application-Id", "")
    if not key or not app:
        raise Mismatch("expected X-Algolia-Application-Id and X-Algolia-API-Key")
    return key, app


# --- request requirements besides the credential ---------------------------


def needs_header(name, pattern=".+"):
    def check(req):
        if not re.fullmatch(pattern, req.headers.get(name, "")):
            raise Mismatch(f"missing or wrong header {name}")
    return check


def needs_query(**want):
    def check(req):
        for k, v in want.items():
            if req.query.get(k) != v:
                raise Mismatch(f"expected query parameter {k}={v}")
    return check


def graphql(*fields):
    def check(req):
        if "application/json" not in req.headers.get("Content-Type", ""):
            raise Mismatch("GraphQL: expected Content-Type: application/json")
        doc = req.json()
        q = doc.get("query", "") if isinstance(doc, dict) else ""
        for f in fields:
            if f not in q:
                raise Mismatch(f"GraphQL: the query does not ask for {f}")
    return check


def form_body(**want):
    def check(req):
        if req.headers.get("Content-Type", "") != "application/x-www-form-urlencoded":
            raise Mismatch("expected Content-Type: application/x-www-form-urlencoded")
        got = dict(urllib.parse.parse_qsl(req.body.decode(errors="replace")))
        if got != want:
            raise Mismatch(f"expected the form body {urllib.parse.urlencode(want)}")
    return check


def same_as_path(group):
    def check(req, token):
        if req.match.group(group) != token:
            raise Mismatch(f"the {group} in the path is not the credential's")
    return check


# --- the table ---------------------------------------------------------------


@dataclass
class Route:
    method: str
    path: str  # regex, full match below the prefix
    answer: object  # (status, headers, body) or fn(req, token) -> that
    checks: list = field(default_factory=list)  # fn(req), raise Mismatch


@dataclass
class Provider:
    prefix: str
    doc: str  # the provider's documentation of the request
    auth: Callable  # fn(req) -> (secret, paired value)
    routes: list
    revoked: tuple  # (status, headers, body): the documented invalid answer
    checks: list = field(default_factory=list)  # for every route
    pair_check: Optional[Callable] = None  # fn(req, token): raise Mismatch
    # When the paired value does not belong to the secret, the provider
    # answers as for an invalid credential (pairs in the tokens file).
    paired: bool = False


def ok(body, headers=None, status=200):
    return status, dict(headers or {}), body


def jwt_claim(token, claim):
    """A claim of a Mapbox-style token (usage.payload.signature)."""
    try:
        part = token.split(".")[1]
        return json.loads(base64.urlsafe_b64decode(part + "=" * (-len(part) % 4))).get(claim, "")
    except (IndexError, ValueError):
        return ""


def google_answer(token):
    if variant(token) == "service_disabled":  # the key is valid; its project lacks the API
        return 403, {}, {"error": {"code": 403, "status": "PERMISSION_DENIED",
                                   "message": "API discovery.googleapis.com has not been used in project 123456789012 before or it is disabled.",
                                   "details": [{"@type": "type.googleapis.com/google.rpc.ErrorInfo",
                                                "reason": "SERVICE_DISABLED", "domain": "googleapis.com",
                                                "metadata": {"consumer": "projects/123456789012",
                                                             "service": "discovery.googleapis.com"}}]}}
    return ok({"kind": "discovery#directoryList", "discoveryVersion": "v1", "items": [
        {"kind": "discovery#directoryItem", "id": "discovery:v1", "name": "discovery", "version": "v1",
         "title": "API Discovery Service", "preferred": True}]})


def twilio_account(sid):
    return {"sid": sid, "friendly_name": "Acme Production", "status": "active", "type": "Full",
            "owner_account_sid": sid, "date_created": "Tue, 04 Jan 2022 10:00:00 +0000",
            "uri": f"/2010-04-01/Accounts/{sid}.json"}


def twilio_pair(req):
    """An account auth token authenticates as its account SID: the path must
    name that account."""
    sid = req.match.groupdict().get("sid")
    user = base64.b64decode(req.headers["Authorization"][6:]).decode().partition(":")[0]
    if sid and user.startswith("AC") and sid != user:
        raise Mismatch("the account in the path is not the authenticated account")


ALGOLIA_ACL = ["search", "browse", "addObject", "deleteObject", "listIndexes", "editSettings"]


def algolia_list(token):
    if variant(token) != "admin":
        return 403, {}, {"message": "Method not allowed with this API key", "status": 403}
    return ok({"keys": [{"value": "1eb37de6308abdccf9b760ddacb418b4", "createdAt": 1690882130,
                         "acl": ["search"], "description": "Search-only key", "validity": 0}]})


def algolia_key(req, token):
    if req.match.group("key") != token:  # a non-admin key may only read itself
        return 403, {}, {"message": "Method not allowed with this API key", "status": 403}
    if variant(token) == "admin":  # the admin key is not an API key resource
        return 404, {}, {"message": "Key does not exist", "status": 404}
    return ok({"value": token, "createdAt": 1690882130, "acl": ALGOLIA_ACL,
               "description": "<redacted>", "indexes": ["products*"], "maxHitsPerQuery": 0,
               "maxQueriesPerIPPerHour": 0, "queryParameters": "", "referers": [], "validity": 0})


P = Provider
R = Route
PROVIDERS = {p.prefix: p for p in [
    P("github", "GET /user, Authorization: Bearer (docs.github.com/rest/users/users)",
      bearer(), [
          R("GET", "/user", ok({"login": "octo", "id": 1, "name": "Octo Cat", "type": "User"},
                               {"X-OAuth-Scopes": "repo, read:org",
                                "GitHub-Authentication-Token-Expiration": "2031-01-01 00:00:00 UTC"})),
          R("GET", "/user/orgs", ok([{"login": "acme"}, {"login": "initech"}])),
          R("GET", "/installation/repositories",
            ok({"total_count": 1, "repositories": [{"full_name": "acme/api"}]})),
      ], (401, {}, {"message": "Bad credentials", "status": "401"})),
    P("gitlab", "GET /api/v4/personal_access_tokens/self, PRIVATE-TOKEN header",
      header("PRIVATE-TOKEN"), [
          R("GET", "/api/v4/personal_access_tokens/self",
            ok({"name": "ci", "active": True, "user_id": 7, "scopes": ["api", "write_repository"],
                "expires_at": "2031-06-30"})),
          R("GET", "/api/v4/user", ok({"username": "gitlab-octo", "email": "o@example.com"})),
      ], (401, {}, {"message": "401 Unauthorized"})),
    P("slack", "POST /api/auth.test, Authorization: Bearer; HTTP 200, \"ok\" decides",
      bearer(), [
          R("POST", "/api/auth.test", ok({"ok": True, "team": "Acme", "team_id": "T1", "user": "bot",
                                          "user_id": "U1", "url": "https://acme.slack.com/"},
                                         {"X-OAuth-Scopes": "chat:write,channels:read"})),
      ], (200, {}, {"ok": False, "error": "invalid_auth"})),
    P("stripe", "GET /v1/account, basic auth with the key as user",
      basic(secret_is_user=True), [
          R("GET", "/v1/account", ok({"id": "acct_1Acme", "object": "account",
                                      "email": "billing@acme.example", "country": "US",
                                      "charges_enabled": True, "payouts_enabled": True,
                                      "business_profile": {"name": "Acme"}})),
      ], (401, {}, {"error": {"type": "invalid_request_error", "message": "Invalid API Key provided"}})),
    P("npm", "GET /-/whoami, Authorization: Bearer", bearer(), [
        R("GET", "/-/whoami", ok({"username": "npm-octo"})),
        R("GET", "/-/user/npm-octo/package", ok({"left-pad": "read-write", "@acme/core": "read-only"})),
    ], (401, {}, {"error": "unauthorized"})),
    P("openai", "GET /v1/models, Authorization: Bearer", bearer(), [
        R("GET", "/v1/models", ok({"object": "list", "data": []},
                                  {"OpenAI-Organization": "acme-ai", "OpenAI-Project": "proj_1"})),
        R("GET", "/v1/me", ok({"name": "Ada", "email": "ada@example.com",
                               "orgs": {"data": [{"title": "Acme AI", "role": "owner"}]}})),
    ], (401, {}, {"error": {"message": "Incorrect API key provided", "type": "invalid_request_error",
                            "code": "invalid_api_key"}})),
    P("hf", "GET /api/whoami-v2, Authorization: Bearer", bearer(), [
        R("GET", "/api/whoami-v2", ok({"type": "user", "name": "hf-octo", "fullname": "HF Octo",
                                       "orgs": [{"name": "acme-ml"}],
                                       "auth": {"type": "access_token",
                                                "accessToken": {"displayName": "ci", "role": "write"}}})),
    ], (401, {}, {"error": "Invalid credentials in Authorization header"})),
    P("google", "GET /discovery/v1/apis?key=KEY (cloud.google.com/docs/authentication/api-keys-use)",
      query("key"), [
          R("GET", "/discovery/v1/apis", lambda req, tok: google_answer(tok),
            [needs_query(name="discovery")]),
      ], (400, {}, {"error": {"code": 400, "message": "API key not valid. Please pass a valid API key.",
                              "status": "INVALID_ARGUMENT", "details": [{
                                  "@type": "type.googleapis.com/google.rpc.ErrorInfo",
                                  "reason": "API_KEY_INVALID", "domain": "googleapis.com",
                                  "metadata": {"service": "discovery.googleapis.com"}}]}})),
    P("anthropic", "GET /v1/models, x-api-key + anthropic-version headers",
      header("x-api-key"), [
          R("GET", "/v1/models", ok({"data": [{"type": "model", "id": "claude-sonnet-4-20250514",
                                               "display_name": "Claude Sonnet 4",
                                               "created_at": "2025-05-22T00:00:00Z"}],
                                     "has_more": True, "first_id": "claude-sonnet-4-20250514",
                                     "last_id": "claude-sonnet-4-20250514"},
                                    {"anthropic-organization-id": "9b7e2c4a-51d0-4f3e-a1c2-0d6f8e9b7a11"})),
          R("GET", "/v1/organizations/users",
            ok({"data": [{"type": "user", "id": "user_01WCz1FkmYMm4gnmykNKUu3Q",
                          "email": "ada@acme.example", "name": "Ada", "role": "admin",
                          "added_at": "2024-10-30T23:58:27.427722Z"}],
                "has_more": False, "first_id": "user_01WCz1FkmYMm4gnmykNKUu3Q",
                "last_id": "user_01WCz1FkmYMm4gnmykNKUu3Q"},
               {"anthropic-organization-id": "9b7e2c4a-51d0-4f3e-a1c2-0d6f8e9b7a11"})),
      ], (401, {}, {"type": "error", "error": {"type": "authentication_error",
                                              "message": "invalid x-api-key"}}),
      checks=[needs_header("anthropic-version", r"\d{4}-\d{2}-\d{2}")]),
    P("sendgrid", "GET /v3/scopes, Authorization: Bearer", bearer(), [
        R("GET", "/v3/scopes", ok({"scopes": ["mail.send", "alerts.read", "api_keys.read"]})),
        R("GET", "/v3/user/username", ok({"username": "acme-mailer", "user_id": 4192837})),
    ], (401, {}, {"errors": [{"field": None, "message": "authorization required"}]})),
    P("twilio", "GET /2010-04-01/Accounts[/SID].json, basic auth SID:secret", basic(), [
        R("GET", "/2010-04-01/Accounts\\.json",
          ok({"accounts": [twilio_account("AC2b9e5d3c6f1a4e7d8c0b2a4f6e8d0c1a")],
              "first_page_uri": "/2010-04-01/Accounts.json?PageSize=20&Page=0",
              "next_page_uri": None, "page": 0, "page_size": 20,
              "previous_page_uri": None, "uri": "/2010-04-01/Accounts.json?PageSize=20&Page=0"})),
        R("GET", "/2010-04-01/Accounts/(?P<sid>AC[0-9a-f]{32})\\.json",
          lambda req, tok: ok(twilio_account(req.match.group("sid")))),
    ], (401, {}, {"code": 20003, "message": "Authenticate",
                  "more_info": "https://www.twilio.com/docs/errors/20003", "status": 401}),
      paired=True, pair_check=lambda req, tok: twilio_pair(req)),
    P("mailgun", "GET /v3/domains, basic auth api:KEY", basic(user="api"), [
        R("GET", "/v3/domains", ok({"total_count": 2, "items": [
            {"name": "mg.acme.io", "state": "active", "type": "custom", "spam_action": "disabled",
             "created_at": "Thu, 13 Oct 2022 18:16:39 GMT", "smtp_login": "postmaster@mg.acme.io"},
            {"name": "sandbox3f1c.mailgun.org", "state": "active", "type": "sandbox",
             "spam_action": "disabled", "created_at": "Mon, 02 May 2022 09:00:00 GMT",
             "smtp_login": "postmaster@sandbox3f1c.mailgun.org"}]})),
    ], (401, {"Content-Type": "text/plain"}, "Forbidden")),
    P("mailchimp", "GET /3.0/ (API root) at https://DC.api.mailchimp.com, basic auth anystring:KEY",
      basic(), [
          R("GET", "/3.0/", ok({"account_id": "8d3a3db4d97663a9074efcc16", "login_id": "40123987",
                                "account_name": "Acme Outdoor", "email": "marketing@acme.example",
                                "first_name": "Ada", "last_name": "Lee", "username": "acmeoutdoor",
                                "role": "owner", "member_since": "2019-04-02T16:03:55+00:00",
                                "pricing_plan_type": "monthly", "total_subscribers": 1200})),
      ], (401, {}, {"type": "https://mailchimp.com/developer/marketing/docs/errors/",
                    "title": "API Key Invalid", "status": 401,
                    "detail": "Your API key may be invalid, or you've attempted to access the wrong datacenter.",
                    "instance": "4f1b5e5e-0d5a-4b47-9a5e-6f1c0c8e2a3d"})),
    P("digitalocean", "GET /v2/account, Authorization: Bearer", bearer(), [
        R("GET", "/v2/account", ok({"account": {
            "droplet_limit": 25, "floating_ip_limit": 5, "volume_limit": 100,
            "email": "sammy@acme.example", "name": "Sammy", "uuid": "b6fr89dbf6d9156cace5f3c78dc9851d957381ef",
            "email_verified": True, "status": "active", "status_message": "",
            "team": {"uuid": "5df3e3004a17e242b7c20ca6c9fc25b701a47ece", "name": "Acme Infra"}}})),
    ], (401, {}, {"id": "Unauthorized", "message": "Unable to authenticate you"})),
    P("heroku", "GET /account, Bearer + Accept: application/vnd.heroku+json; version=3",
      bearer(), [
          R("GET", "/account", ok({"allow_tracking": True, "beta": False, "created_at": "2014-01-01T12:00:00Z",
                                   "email": "ops@acme.example", "federated": False,
                                   "id": "01234567-89ab-cdef-0123-456789abcdef", "name": "Acme Ops",
                                   "two_factor_authentication": True, "verified": True})),
      ], (401, {}, {"id": "unauthorized", "message": "Invalid credentials provided."}),
      checks=[needs_header("Accept", r"application/vnd\.heroku\+json; version=3")]),
    P("datadog", "GET /api/v1/validate, DD-API-KEY header", header("DD-API-KEY"), [
        R("GET", "/api/v1/validate", ok({"valid": True})),
    ], (403, {}, {"errors": ["Forbidden"]})),
    P("newrelic", "POST /graphql (NerdGraph), API-Key header", header("API-Key"), [
        R("POST", "/graphql", ok({"data": {"actor": {
            "user": {"id": 1004321, "name": "Ada Ops", "email": "ada@acme.example"},
            "accounts": [{"id": 3141592, "name": "Acme Production"}, {"id": 2718281, "name": "Acme Staging"}]}}}),
          [graphql("actor", "user")]),
    ], (401, {}, {"errors": [{"message": "Invalid API key"}]})),
    P("sentry", "GET /api/0/, Authorization: Bearer", bearer(), [
        R("GET", "/api/0/", ok({"version": "0", "auth": {"scopes": ["org:read", "project:read",
                                                                    "project:releases", "event:read"]},
                                "user": {"id": "1", "name": "Ada Lee", "username": "ada",
                                         "email": "ada@acme.example"}})),
    ], (401, {}, {"detail": "Invalid token"})),
    P("shopify", "GET /admin/api/VERSION/shop.json, X-Shopify-Access-Token header",
      header("X-Shopify-Access-Token"), [
          R("GET", "/admin/api/\\d{4}-\\d{2}/shop\\.json", ok({"shop": {
              "id": 548380009, "name": "Acme Outdoor", "email": "owner@acme.example",
              "domain": "shop.acme.example", "myshopify_domain": "acme-outdoor.myshopify.com",
              "plan_name": "shopify_plus", "country_code": "US", "currency": "USD"}})),
          R("GET", "/admin/oauth/access_scopes\\.json", ok({"access_scopes": [
              {"handle": "read_products"}, {"handle": "write_orders"}]})),
      ], (401, {}, {"errors": "[API] Invalid API key or access token (unrecognized login or wrong password)"})),
    P("discord", "GET /api/v10/users/@me, Authorization: Bot TOKEN", bearer("Bot"), [
        R("GET", "/api/v10/users/@me", ok({"id": "619827414714793449", "username": "acme-bot",
                                           "discriminator": "0", "global_name": None, "avatar": None,
                                           "bot": True, "mfa_enabled": False, "flags": 0})),
        R("GET", "/api/v10/users/@me/guilds", ok([{"id": "80351110224678912", "name": "Acme HQ",
                                                   "owner": False, "permissions": "2147483647"}])),
    ], (401, {}, {"message": "401: Unauthorized", "code": 0})),
    P("telegram", "GET /bot<token>/getMe", path_group(), [
        R("GET", "/bot(?P<secret>[0-9]+:[A-Za-z0-9_-]+)/getMe",
          ok({"ok": True, "result": {"id": 2778641340, "is_bot": True, "first_name": "Acme Alerts",
                                     "username": "acme_alerts_bot", "can_join_groups": True,
                                     "can_read_all_group_messages": False,
                                     "supports_inline_queries": False}})),
    ], (401, {}, {"ok": False, "error_code": 401, "description": "Unauthorized"})),
    P("notion", "GET /v1/users/me, Bearer + Notion-Version", bearer(), [
        R("GET", "/v1/users/me", ok({"object": "user", "id": "16d84278-ab0e-484c-9bdd-b35da3bd8905",
                                     "name": "Acme Sync", "avatar_url": None, "type": "bot",
                                     "bot": {"owner": {"type": "workspace", "workspace": True},
                                             "workspace_name": "Acme Wiki"}})),
    ], (401, {}, {"object": "error", "status": 401, "code": "unauthorized",
                  "message": "API token is invalid."}),
      checks=[needs_header("Notion-Version", r"\d{4}-\d{2}-\d{2}")]),
    P("linear", "POST /graphql; API keys bare in Authorization, OAuth tokens as Bearer",
      linear_auth, [
          R("POST", "/graphql", ok({"data": {
              "viewer": {"id": "2f6c8d2e-5c1b-4c1e-9a63-7a1c2b3d4e5f", "name": "Ada Lee",
                         "email": "ada@acme.example", "admin": True},
              "organization": {"name": "Acme", "urlKey": "acme"}}}), [graphql("viewer")]),
      ], (400, {}, {"errors": [{"message": "Authentication required, not authenticated",
                                "extensions": {"type": "authentication error",
                                               "code": "AUTHENTICATION_ERROR", "statusCode": 401,
                                               "userPresentableMessage": "You need to authenticate to access this operation."}}]})),
    P("jira", "GET /rest/api/2/myself (Data Center), Authorization: Bearer PAT", bearer(), [
        R("GET", "/rest/api/2/myself", ok({
            "self": "https://jira.acme.example/rest/api/2/user?username=ada", "key": "JIRAUSER10100",
            "name": "ada", "emailAddress": "ada@acme.example", "displayName": "Ada Lee",
            "active": True, "timeZone": "Europe/Berlin", "locale": "en_US",
            "groups": {"size": 2, "items": [{"name": "jira-software-users"}, {"name": "jira-administrators"}]},
            "expand": "groups,applicationRoles"})),
    ], (401, {}, {"errorMessages": ["You are not authenticated. Authentication required to perform this operation."],
                  "errors": {}})),
    P("confluence", "GET /rest/api/user/current (Data Center), Authorization: Bearer PAT",
      bearer(), [
          R("GET", "/rest/api/user/current", ok({"type": "known", "username": "ada",
                                                 "userKey": "8a7f808a7a1c2b3d017a1c2b3d4e0000",
                                                 "displayName": "Ada Lee"})),
      ], (401, {}, {"statusCode": 401, "message": "This request requires authentication."})),
    P("okta", "GET /api/v1/users/me, Authorization: SSWS TOKEN", bearer("SSWS"), [
        R("GET", "/api/v1/users/me", ok({"id": "00ub0oNGTSWTBKOLGLNR", "status": "ACTIVE",
                                         "profile": {"login": "ada@acme.example", "email": "ada@acme.example",
                                                     "firstName": "Ada", "lastName": "Lee"}})),
        R("GET", "/api/v1/users/00ub0oNGTSWTBKOLGLNR/roles",
          ok([{"id": "ra1b8aahBZuGJRRa30g4", "label": "Super Organization Administrator",
               "type": "SUPER_ADMIN", "status": "ACTIVE", "assignmentType": "USER"}])),
    ], (401, {}, {"errorCode": "E0000011", "errorSummary": "Invalid token provided",
                  "errorLink": "E0000011", "errorId": "oae3iIlSFn1T6m2d6TKGg6yQA", "errorCauses": []})),
    P("cloudflare", "GET /client/v4/user/tokens/verify, Authorization: Bearer", bearer(), [
        R("GET", "/client/v4/user/tokens/verify", ok({
            "result": {"id": "ed17574386854bf78a67040be0a770b0", "status": "active",
                       "not_before": "2024-01-01T00:00:00Z", "expires_on": "2031-01-01T00:00:00Z"},
            "success": True, "errors": [],
            "messages": [{"code": 10000, "message": "This API Token is valid and active", "type": None}]})),
        R("GET", "/client/v4/user/tokens/ed17574386854bf78a67040be0a770b0", ok({
            "result": {"id": "ed17574386854bf78a67040be0a770b0", "name": "ci deploy", "status": "active",
                       "policies": [{"id": "f267e341f3dd4697bd3b9f71dd96247f", "effect": "allow",
                                     "resources": {"com.cloudflare.api.account.zone.*": "*"},
                                     "permission_groups": [{"id": "c8fed203ed3043cba015a93ad1616f1f", "name": "Zone Read"},
                                                           {"id": "4755a26eedb94da69e1066d98aa820be", "name": "DNS Write"}]}]},
            "success": True, "errors": [], "messages": []})),
    ], (401, {}, {"success": False, "errors": [{"code": 1000, "message": "Invalid API Token"}],
                  "messages": [], "result": None})),
    P("netlify", "GET /api/v1/user, Authorization: Bearer", bearer(), [
        R("GET", "/api/v1/user", ok({"id": "5a8f0c1e2d3b4a5c6d7e8f90", "uid": None,
                                     "full_name": "Ada Lee", "avatar_url": None, "email": "ada@acme.example",
                                     "slug": "adalee", "site_count": 4})),
        R("GET", "/api/v1/accounts", ok([{"id": "5a8f0c1e2d3b4a5c6d7e8f91", "name": "Acme Web",
                                          "slug": "acme-web", "type_name": "Pro"}])),
    ], (401, {}, {"code": 401, "message": "Access Denied: Invalid token"})),
    P("vercel", "GET /v2/user, Authorization: Bearer", bearer(), [
        R("GET", "/v2/user", ok({"user": {"id": "Xyk2hUHt6mZ5oBpp7F1gxzNl", "email": "ada@acme.example",
                                          "name": "Ada Lee", "username": "adalee", "avatar": None,
                                          "defaultTeamId": "team_nLlpyC6REAqxydlFKbrMDlud"}})),
        R("GET", "/v2/teams", ok({"teams": [{"id": "team_nLlpyC6REAqxydlFKbrMDlud", "slug": "acme",
                                             "name": "Acme"}],
                                  "pagination": {"count": 1, "next": None, "prev": None}})),
    ], (403, {}, {"error": {"code": "forbidden", "message": "Not authorized", "invalidToken": True}})),
    P("postman", "GET /me, X-API-Key header", header("X-API-Key"), [
        R("GET", "/me", ok({"user": {"id": 12345678, "username": "ada-lee", "email": "ada@acme.example",
                                     "fullName": "Ada Lee", "avatar": None, "isPublic": False,
                                     "teamId": 4321, "teamName": "Acme API", "teamDomain": "acme-api"},
                            "operations": [{"name": "api_usage", "limit": 1000, "usage": 12, "overage": 0}]})),
    ], (401, {}, {"error": {"name": "AuthenticationError",
                            "message": "Invalid API Key. Every request requires a valid API Key to be sent."}})),
    P("pagerduty", "GET /abilities, Authorization: Token token=KEY", prefixed("Authorization", "Token token="), [
        R("GET", "/abilities", ok({"abilities": ["sso", "advanced_reports", "teams", "urgencies"]})),
    ], (401, {}, {"error": {"message": "Authentication failed", "code": 2006}}),
      checks=[needs_header("Accept", r"application/vnd\.pagerduty\+json;version=2")]),
    P("mapbox", "GET /tokens/v2?access_token=TOKEN (retrieve a token)", query("access_token"), [
        R("GET", "/tokens/v2", lambda req, tok: ok({"code": "TokenValid", "token": {
            "usage": tok.split(".")[0], "user": jwt_claim(tok, "u"),
            "authorization": jwt_claim(tok, "a")}})),
    ], (401, {}, {"code": "TokenInvalid", "token": {}})),
    P("square", "GET /v2/merchants/me, Bearer + Square-Version", bearer(), [
        R("GET", "/v2/merchants/me", ok({"merchant": {
            "id": "MLQW2KE7RBC5T", "business_name": "Acme Coffee", "country": "US",
            "language_code": "en-US", "currency": "USD", "status": "ACTIVE",
            "main_location_id": "L4Q6KXY3YV5ZF", "created_at": "2021-03-01T17:00:00.000Z"}})),
    ], (401, {}, {"errors": [{"category": "AUTHENTICATION_ERROR", "code": "UNAUTHORIZED",
                              "detail": "This request could not be authorized."}]}),
      checks=[needs_header("Square-Version", r"\d{4}-\d{2}-\d{2}")]),
    P("doppler", "GET /v3/me, Authorization: Bearer", bearer(), [
        R("GET", "/v3/me", ok({"workplace": {"slug": "acme", "name": "Acme"}, "type": "service_token",
                               "token_preview": "dp.st.prd...", "slug": "5f8e1a2b-3c4d-4e5f-8a9b-0c1d2e3f4a5b",
                               "created_at": "2023-05-01T10:00:00.000Z", "last_seen_at": None,
                               "name": "ci-prd"})),
    ], (401, {}, {"messages": ["Invalid Auth token"], "success": False})),
    P("vault", "GET /v1/auth/token/lookup-self, X-Vault-Token header", header("X-Vault-Token"), [
        R("GET", "/v1/auth/token/lookup-self", ok({
            "request_id": "0b3c1d9e-2f4a-4b5c-8d6e-7f8091a2b3c4", "lease_id": "", "renewable": False,
            "lease_duration": 0, "data": {
                "accessor": "8609694a-cdbc-db9b-d345-e782dbb562ed", "display_name": "token-ci-deploy",
                "entity_id": "7d2e3179-f69b-450c-7179-ac8ee8bd8ca9", "expire_time": "2031-01-01T00:00:00Z",
                "policies": ["default", "deploy"], "path": "auth/token/create", "ttl": 2591976},
            "warnings": None, "auth": None})),
    ], (403, {}, {"errors": ["permission denied"]})),
    P("algolia", "GET /1/keys (admin only), GET /1/keys/KEY; X-Algolia-Application-Id + X-Algolia-API-Key",
      algolia_auth, [
          R("GET", "/1/keys", lambda req, tok: algolia_list(tok)),
          R("GET", "/1/keys/(?P<key>[^/]+)", lambda req, tok: algolia_key(req, tok)),
      ], (403, {}, {"message": "Invalid Application-ID or API key", "status": 403}), paired=True),
    P("paypal", "POST /v1/oauth2/token, basic auth CLIENT_ID:SECRET, grant_type=client_credentials",
      basic(), [
          R("POST", "/v1/oauth2/token", ok({
              "scope": "https://uri.paypal.com/services/invoicing https://uri.paypal.com/services/disputes/read-buyer "
                       "https://uri.paypal.com/services/payments/payment/authcapture openid",
              "access_token": "A21AAFEpH4PsADK7qSS7pSRsgzfENtu-Q1ysgEDVDESseMHBYXVJYE8ovjj68elIDy8nF26AwPhfXTIeWAZHSLIsQkSYz9ifg",
              "token_type": "Bearer", "app_id": "APP-80W284485P519543T", "expires_in": 32400,
              "nonce": "2024-05-01T10:00:00ZmsSCbHWXzFnDAUAxjmO3ttuIavQQ0wrjk7AXCB6sXOU"}),
            [form_body(grant_type="client_credentials")]),
      ], (401, {}, {"error": "invalid_client", "error_description": "Client Authentication failed"}),
      paired=True),
    P("dockerhub", "POST /v2/auth/token, JSON {identifier, secret}",
      json_fields("secret", "identifier"), [
          R("POST", "/v2/auth/token", ok({"access_token": "eyJhbGciOiJSUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiJhY21lIn0.c2lnbmF0dXJl"})),
      ], (401, {}, {"detail": "Incorrect authentication credentials",
                    "message": "Incorrect authentication credentials"}), paired=True),
    P("atlassian", "GET /rest/api/3/myself (Jira Cloud), basic auth EMAIL:API_TOKEN", basic(), [
        R("GET", "/rest/api/3/myself", ok({
            "self": "https://acme.atlassian.net/rest/api/3/user?accountId=5b10a2844c20165700ede21g",
            "accountId": "5b10a2844c20165700ede21g", "accountType": "atlassian",
            "emailAddress": "ops@acme.io", "displayName": "Acme Ops", "active": True,
            "timeZone": "Europe/Berlin", "locale": "en_US",
            "groups": {"size": 2, "items": [{"name": "jira-software-users", "groupId": "a1"},
                                            {"name": "site-admins", "groupId": "a2"}]},
            "expand": "groups,applicationRoles"})),
    ], (401, {}, {"errorMessages": ["Client must be authenticated to access this resource."], "errors": {}}),
      paired=True),
    # --- issue 13, breadth-1: Apify .. Lemon Squeezy, Google OAuth tokeninfo ---
    P("apify", "GET /v2/users/me, Authorization: Bearer (docs.apify.com/api/v2/users-me-get)", bearer(), [
        R("GET", "/v2/users/me", ok({"data": {
            "id": "YiKoxjkaS9gjGTqhF", "username": "acme-scraper", "email": "ops@acme.example",
            "profile": {"name": "Acme Scraping"}, "plan": {"id": "SCALE", "monthlyUsageCreditsUsd": 199}}})),
    ], (401, {}, {"error": {"type": "token-not-valid", "message": "Authentication token is not valid."}})),
    P("courier", "GET /brands, Authorization: Bearer (courier.com/docs/reference/brands/list)", bearer(), [
        R("GET", "/brands", ok({"paging": {"cursor": None, "more": False}, "results": [
            {"id": "W50NC77P524K14M5300PGPEK4JMJ", "name": "Acme default", "created": 1700000000000,
             "published": 1700000000000, "version": "v3"}]})),
    ], (401, {}, {"message": "Unauthorized", "type": "authentication_error"})),
    P("kit", "GET /v4/account, X-Kit-Api-Key (developers.kit.com/api-reference/accounts)",
      header("X-Kit-Api-Key"), [
          R("GET", "/v4/account", ok({"user": {"id": 3417, "email": "ada@acme.example"},
                                      "account": {"id": 52871, "name": "Acme Letters", "plan_type": "creator",
                                                  "primary_email_address": "ada@acme.example"}})),
      ], (401, {}, {"errors": ["The access token is invalid"]})),
    P("klaviyo", "GET /api/accounts/, Authorization: Klaviyo-API-Key + revision header",
      prefixed("Authorization", "Klaviyo-API-Key "), [
          R("GET", "/api/accounts/", ok({"data": [{"type": "account", "id": "XyZ123", "attributes": {
              "contact_information": {"default_sender_name": "Acme", "default_sender_email": "news@acme.example",
                                      "organization_name": "Acme Outdoor"},
              "industry": "Retail", "timezone": "Europe/Berlin", "preferred_currency": "EUR",
              "public_api_key": "XyZ123"}}]})),
      ], (401, {}, {"errors": [{"id": "0b7b8a4e", "status": 401, "code": "not_authenticated",
                                "title": "Authentication credentials were not provided.",
                                "detail": "Missing or invalid private key.", "source": {"pointer": "/data/"}}]}),
      checks=[needs_header("revision", r"\d{4}-\d{2}-\d{2}")]),
    P("imagekit", "GET /v1/files, basic auth with the private key as user and no password",
      basic(secret_is_user=True), [
          R("GET", "/v1/files", ok([{"type": "file", "name": "hero.jpg", "fileId": "5f4a1c2b3d",
                                     "filePath": "/hero.jpg", "fileType": "image"}]),
            [needs_query(limit="1")]),
      ], (401, {}, {"message": "Your account cannot be authenticated.",
                    "help": "For support kindly contact us at support@imagekit.io ."})),
    P("front", "GET /me, Authorization: Bearer (dev.frontapp.com/reference/get-api-token-details)", bearer(), [
        R("GET", "/me", ok({"_links": {"self": "https://api2.frontapp.com/me"}, "name": "Acme Support",
                            "id": "cmp_2f1a"})),
    ], (401, {}, {"_error": {"status": 401, "title": "Unauthorized",
                             "message": "Your token is invalid or has been revoked."}})),
    P("lemonsqueezy", "GET /v1/users/me, Authorization: Bearer, Accept: application/vnd.api+json",
      bearer(), [
          R("GET", "/v1/users/me", ok({"jsonapi": {"version": "1.0"}, "data": {
              "type": "users", "id": "1", "attributes": {"name": "Ada Lee", "email": "ada@acme.example",
                                                        "color": "#898FA9", "has_custom_avatar": False}}})),
      ], (401, {}, {"jsonapi": {"version": "1.0"}, "errors": [{"detail": "Unauthenticated.", "status": "401",
                                                               "title": "Unauthorized"}]}),
      checks=[needs_header("Accept", r"application/vnd\.api\+json")]),
    P("cloudconvert", "GET /v2/users/me, Authorization: Bearer (cloudconvert.com/api/v2/users)", bearer(), [
        R("GET", "/v2/users/me", ok({"data": {"id": 152, "username": "acme-docs", "email": "docs@acme.example",
                                              "created_at": "2023-05-02T10:11:12+00:00", "credits": 4434}})),
    ], (401, {}, {"message": "Unauthenticated.", "code": "UNAUTHENTICATED"})),
    P("google_oauth", "GET /tokeninfo?access_token=TOKEN (developers.google.com/identity/sign-in/web/backend-auth)",
      query("access_token"), [
          R("GET", "/tokeninfo", ok({"azp": "407408718192.apps.googleusercontent.com",
                                     "aud": "407408718192.apps.googleusercontent.com",
                                     "sub": "110248495921238986420", "email": "ops@acme.example",
                                     "email_verified": "true", "access_type": "offline",
                                     "scope": "https://www.googleapis.com/auth/cloud-platform openid",
                                     "exp": "1924992000", "expires_in": "3599"})),
      ], (400, {}, {"error": "invalid_token", "error_description": "Invalid Value"})),
    P("aiven", "GET /v1/me, GET /v1/project; Authorization: aivenv1 TOKEN (api.aiven.io/doc)",
      prefixed("Authorization", "aivenv1 "), [
          R("GET", "/v1/me", ok({"user": {"user": "ops@acme.example", "real_name": "Acme Ops", "state": "active",
                                          "user_id": "a2b3c4d5e6f7", "projects": ["acme-prod", "acme-dev"],
                                          "token_validity_begin": "2025-01-02T10:11:12.000000Z"}})),
          R("GET", "/v1/project", ok({"projects": [{"project_name": "acme-prod", "default_cloud": "aws-eu-west-1"},
                                                   {"project_name": "acme-dev", "default_cloud": "aws-eu-west-1"}]})),
      ], (403, {}, {"errors": [{"message": "Invalid token", "status": 403}], "message": "Invalid token"})),
    P("etherscan", "GET /v2/api?chainid=1&module=stats&action=ethprice&apikey=KEY; HTTP 200, status/message decide",
      query("apikey"), [
          R("GET", "/v2/api", ok({"status": "1", "message": "OK", "result": {
              "ethbtc": "0.03612", "ethbtc_timestamp": "1733150000", "ethusd": "3612.55",
              "ethusd_timestamp": "1733150000"}}), [needs_query(chainid="1", module="stats", action="ethprice")]),
      ], (200, {}, {"status": "0", "message": "NOTOK", "result": "Invalid API Key (#err2)|etherscan.com"})),
    P("hunter", "GET /v2/account?api_key=KEY (hunter.io/api-documentation/v2#account)", query("api_key"), [
        R("GET", "/v2/account", ok({"data": {
            "first_name": "Ada", "last_name": "Lee", "email": "ada@acme.example", "plan_name": "Starter",
            "plan_level": 1, "reset_date": "2025-01-01", "team_id": 31,
            "requests": {"searches": {"used": 12, "available": 500}, "verifications": {"used": 3, "available": 1000}}}})),
    ], (401, {}, {"errors": [{"id": "authentication_failed", "code": 401,
                              "details": "No user found for the API key supplied"}]})),
    P("jotform", "GET /user?apiKey=KEY (api.jotform.com/docs/#user)", query("apiKey"), [
        R("GET", "/user", ok({"responseCode": 200, "message": "success", "content": {
            "username": "acme-forms", "name": "Acme Forms", "email": "forms@acme.example",
            "account_type": "https://api.jotform.com/system/plan/BRONZE", "status": "ACTIVE"},
            "duration": "12.3ms"})),
    ], (401, {}, {"responseCode": 401, "message": "You're not authorized to use (/user) ", "content": "",
                  "duration": "3.1ms"})),
    P("flickr", "GET /services/rest/?method=flickr.test.echo&api_key=KEY&format=json; HTTP 200, stat decides",
      query("api_key"), [
          R("GET", "/services/rest/", lambda req, tok: ok({"method": {"_content": "flickr.test.echo"},
                                                           "api_key": {"_content": tok}, "stat": "ok"}),
            [needs_query(method="flickr.test.echo", format="json", nojsoncallback="1")]),
      ], (200, {}, {"stat": "fail", "code": 100, "message": "Invalid API Key (Key has invalid format)"})),
    P("guardianapi", "GET /sections?api-key=KEY (open-platform.theguardian.com/documentation/section)",
      query("api-key"), [
          R("GET", "/sections", ok({"response": {"status": "ok", "userTier": "developer", "total": 1, "results": [
              {"id": "technology", "webTitle": "Technology"}]}})),
      ], (401, {}, {"message": "Unauthorized"})),
    P("datagov", "GET /planetary/apod?api_key=KEY (api.data.gov key, api.nasa.gov)", query("api_key"), [
        R("GET", "/planetary/apod", ok({"date": "2025-01-02", "title": "A Galaxy", "media_type": "image",
                                        "url": "https://apod.nasa.gov/apod/image/2501/galaxy.jpg"},
                                       {"X-RateLimit-Limit": "1000", "X-RateLimit-Remaining": "999"})),
    ], (403, {}, {"error": {"code": "API_KEY_INVALID",
                            "message": "An invalid api_key was supplied. Get one at https://api.nasa.gov:443"}})),
    # --- end breadth-1 ---
]}


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
    q = "&".join(sorted(p for p in url.query.split("&") if p))
    headers = "".join(f"{h}:{' '.join(handler.headers.get(h, '').split())}\n" for h in signed)
    creq = "\n".join([handler.command, url.path, q, headers, ";".join(signed),
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


def route_aws(handler, body):
    key_id = handler.headers.get("Authorization", "").split("Credential=")[-1].split("/")[0]
    secret = TOKENS.get("aws", {}).get(key_id)
    if secret is None:
        return aws_error("InvalidClientTokenId")
    ok_sig, _ = sigv4_ok(handler, body, secret)
    if not ok_sig:
        return aws_error("SignatureDoesNotMatch")
    if handler.command == "POST" and b"Action=GetCallerIdentity" in body:
        return 200, {"Content-Type": "text/xml"}, (
            "<GetCallerIdentityResponse><GetCallerIdentityResult>"
            "<Arn>arn:aws:iam::123456789012:user/deploy-bot</Arn><UserId>AIDAEXAMPLE</UserId>"
            "<Account>123456789012</Account></GetCallerIdentityResult></GetCallerIdentityResponse>")
    qs = urllib.parse.parse_qs(urllib.parse.urlsplit(handler.path).query)
    action = qs.get("Action", [""])[0]
    if action == "ListAttachedUserPolicies":
        return 200, {}, ("<R><AttachedPolicies><member><PolicyName>AdministratorAccess</PolicyName>"
                         "</member></AttachedPolicies></R>")
    if action == "ListGroupsForUser":
        return 200, {}, "<R><Groups><member><GroupName>deployers</GroupName></member></Groups></R>"
    return aws_error("AccessDenied")


def common(token):
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


def serve(p, req):
    """Answers one request to provider `p`; raises Mismatch on a wrong shape."""
    for route in p.routes:
        m = re.fullmatch(route.path, req.path)
        if m and route.method == req.method:
            break
    else:
        raise Mismatch(f"no route {req.method} {req.path}")
    req.match = m
    for check in p.checks + route.checks:
        check(req)
    token, pair = p.auth(req)
    if p.pair_check:
        p.pair_check(req, token)
    if (c := common(token)):
        return c
    if kind_of(token) != "live":
        return p.revoked
    want = TOKENS.get("pairs", {}).get(token)
    if p.paired and want is not None and pair != want:
        return p.revoked  # a secret with somebody else's id: authentication fails
    return route.answer(req, token) if callable(route.answer) else route.answer


class Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"

    def log_message(self, *a):
        pass

    def reply(self, status, headers, body, delay=0):
        if delay:
            time.sleep(delay)
        data = body if isinstance(body, bytes) else (
            body if isinstance(body, str) else json.dumps(body)).encode()
        self.send_response(status)
        for k, v in headers.items():
            self.send_header(k, v)
        if "Content-Type" not in headers and not isinstance(body, str):
            self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        try:
            self.wfile.write(data)
        except (BrokenPipeError, ConnectionResetError):
            pass  # the client gave up (timeout tests)

    def handle_any(self):
        body = self.rfile.read(int(self.headers.get("Content-Length") or 0))
        url = urllib.parse.urlsplit(self.path)
        prefix = url.path.split("/")[1] if url.path.count("/") else ""
        entry = {"method": self.command, "path": url.path, "provider": prefix}
        if prefix == "other":
            status, headers, out = 200, {}, {"login": "stolen"}
        elif prefix == "aws":
            status, headers, out = route_aws(self, body)
        elif prefix in PROVIDERS:
            req = Request(self.command, url.path[len(prefix) + 1:] or "/",
                          {k: v[0] for k, v in urllib.parse.parse_qs(url.query).items()},
                          self.headers, body)
            try:
                status, headers, out = serve(PROVIDERS[prefix], req)
                headers = dict(headers)
            except Mismatch as e:
                entry["error"] = str(e)
                status, headers, out = (404 if str(e).startswith("no route") else 400), {}, {
                    "error": "fake: " + str(e)}
        else:
            status, headers, out = 404, {}, {"message": "no such provider"}
        log(entry)
        self.reply(status, headers, out, delay=3 if headers.pop("X-Delay", None) else 0)

    do_GET = do_POST = do_PUT = do_DELETE = do_HEAD = handle_any


# --- breadth-2 providers (issue 13): Yandex, PostHog, Ubidots, Mandrill -----


def json_key(name):
    """The credential as a top-level string field of a JSON body (Mandrill)."""
    def get(req):
        if "application/json" not in req.headers.get("Content-Type", ""):
            raise Mismatch("expected Content-Type: application/json")
        doc = req.json()
        if not isinstance(doc, dict) or not isinstance(doc.get(name), str) or not doc[name]:
            raise Mismatch(f"expected a JSON body with {name}")
        return doc[name], None
    return get


def form_key(name):
    """The credential as a field of an x-www-form-urlencoded body (UptimeRobot)."""
    def get(req):
        if req.headers.get("Content-Type", "") != "application/x-www-form-urlencoded":
            raise Mismatch("expected Content-Type: application/x-www-form-urlencoded")
        got = dict(urllib.parse.parse_qsl(req.body.decode(errors="replace")))
        if not got.get(name):
            raise Mismatch(f"expected the form field {name}")
        return got[name], None
    return get


PROVIDERS.update({p.prefix: p for p in [
    P("yandex_cloud", "GET /resource-manager/v1/clouds, Authorization: Bearer IAM_TOKEN", bearer(), [
        R("GET", "/resource-manager/v1/clouds", ok({"clouds": [
            {"id": "b1gia87mbaomkfvsleds", "createdAt": "2022-03-01T09:00:00Z", "name": "acme-prod",
             "organizationId": "bpf3crucp1v28b74p3rk"},
            {"id": "b1g8dn6s3v2eiid9fhsk", "createdAt": "2023-05-12T11:30:00Z", "name": "acme-dev",
             "organizationId": "bpf3crucp1v28b74p3rk"}]})),
    ], (401, {}, {"code": 16, "message": "The token is invalid", "details": []})),
    P("yandex_id", "GET /info?format=json, Authorization: OAuth TOKEN", prefixed("Authorization", "OAuth "), [
        R("GET", "/info", ok({"id": "1000034426", "login": "ada.ops", "client_id": "4760187d81bc4b7799476b42b5103713",
                              "display_name": "Ada", "default_email": "ada.ops@yandex.ru",
                              "psuid": "1.AAceCw.tbHgw5DtJ9_zeqPrk-Ba2w.qPWSRC5v2t2IaksPJgnge"}),
          [needs_query(format="json")]),
    ], (401, {}, "unauthorized")),
    P("posthog", "GET /api/users/@me/, Authorization: Bearer phx_", bearer(), [
        R("GET", "/api/users/@me/", ok({
            "uuid": "0188e0d4-7d4a-0000-5c3b-2a1f8e9d7c6b", "first_name": "Ada", "email": "ada@acme.example",
            "organization": {"id": "0188e0d4-6c3b-0000-1a2b-3c4d5e6f7a8b", "name": "Acme Analytics"},
            "team": {"id": 2, "name": "Acme Web"},
            "organizations": [{"id": "0188e0d4-6c3b-0000-1a2b-3c4d5e6f7a8b", "name": "Acme Analytics"}]})),
    ], (401, {}, {"type": "authentication_error", "code": "authentication_failed",
                  "detail": "Personal API key found in request Authorization header is invalid.", "attr": None})),
    P("ubidots", "GET /api/v2.0/devices/, X-Auth-Token header", header("X-Auth-Token"), [
        R("GET", "/api/v2.0/devices/", ok({"count": 2, "next": None, "previous": None, "results": [
            {"label": "greenhouse-1", "name": "Greenhouse 1"}, {"label": "boiler-room", "name": "Boiler room"}]})),
    ], (401, {}, {"code": 401001, "message": "Authentication credentials were not provided."})),
    P("mandrill", "POST /api/1.0/users/info, JSON body {key}", json_key("key"), [
        R("POST", "/api/1.0/users/info", ok({
            "username": "acme-mailer", "created_at": "2021-06-01 10:00:00.00000", "public_id": "aef9a8cb1f",
            "reputation": 72, "hourly_quota": 250, "backlog": 0,
            "stats": {"today": {"sent": 12}}})),
    ], (500, {}, {"status": "error", "code": -1, "name": "Invalid_Key", "message": "Invalid API key"})),
    P("scrapfly", "GET /account?key=KEY", query("key"), [
        R("GET", "/account", ok({
            "account": {"account_id": "5f0c3b1e-8d2a-4c6e-9b7f-1a2d3e4f5a6b", "currency": "USD",
                        "timezone": "Europe/Paris"},
            "projects": {"default": {"name": "default", "tags": [], "scrape_request_count": 1200}},
            "subscription": {"plan_name": "DISCOVERY", "period": {"start": "2026-11-01", "end": "2026-12-01"}}})),
    ], (401, {}, {"status": "error", "http_code": 401, "reason": "Unauthorized",
                  "error_id": "3b5c7e9a", "message": "Invalid API key"})),
    P("uptimerobot", "POST /v2/getAccountDetails, form body api_key=KEY&format=json", form_key("api_key"), [
        R("POST", "/v2/getAccountDetails", ok({"stat": "ok", "account": {
            "email": "ops@acme.example", "user_id": 1234567, "firstname": "Ada", "monitor_limit": 50,
            "monitor_interval": 5, "up_monitors": 12, "down_monitors": 1, "paused_monitors": 0}})),
    ], (200, {}, {"stat": "fail", "error": {"type": "invalid_parameter", "parameter_name": "api_key",
                                            "passed_value": "<redacted>"}})),
    P("ngrok", "GET /tunnels, Authorization: Bearer + Ngrok-Version: 2", bearer(), [
        R("GET", "/tunnels", ok({"tunnels": [
            {"id": "tn_2Lr3tk8dLxWb0e3YzUJcQz6Kp1M", "public_url": "https://acme-dev.ngrok.app",
             "proto": "https", "region": "eu", "forwards_to": "http://localhost:3000"}],
            "uri": "https://api.ngrok.com/tunnels", "next_page_uri": None})),
    ], (401, {}, {"error_code": "ERR_NGROK_203", "status_code": 401,
                  "msg": "The API authentication you specified is properly formed, but it is invalid.",
                  "details": {"operation_id": "op_2Lr3v0uV7mY1kqj"}}),
      checks=[needs_header("Ngrok-Version", "2")]),
    P("onesignal", "GET /apps (View apps), Authorization: Key ORG_API_KEY", prefixed("Authorization", "Key "), [
        R("GET", "/apps", ok([
            {"id": "3beb3078-e0f1-4629-af17-fde833b9f716", "name": "Acme Mobile", "players": 150000,
             "messageable_players": 143000, "organization_id": "7a1c2e3f-4b5d-4e6f-8a9b-0c1d2e3f4a5b"},
            {"id": "e4e87830-b954-11e3-811d-f3b376925f15", "name": "Acme Web Push", "players": 42000,
             "messageable_players": 40100, "organization_id": "7a1c2e3f-4b5d-4e6f-8a9b-0c1d2e3f4a5b"}])),
    ], (401, {}, {"errors": ["Access denied.  Please include an 'Authorization: Key ...' header with a valid API key."]})),
]})


# --- issue 13, breadth-3 (verify branch): AI and data providers -------------

PROVIDERS.update({p.prefix: p for p in [
    P("cohere", "POST /v1/check-api-key, Authorization: Bearer (docs.cohere.com/reference/check-api-key)",
      bearer(), [
          R("POST", "/v1/check-api-key", ok({"valid": True, "organization_id": "org-7d41c2",
                                              "owner_id": "usr-19ab3f"})),
      ], (401, {}, {"id": "5b1f", "message": "invalid api token"})),
    P("deepseek", "GET /user/balance, Authorization: Bearer (api-docs.deepseek.com/api/get-user-balance)",
      bearer(), [
          R("GET", "/user/balance", ok({"is_available": True, "balance_infos": [
              {"currency": "USD", "total_balance": "42.00", "granted_balance": "0.00",
               "topped_up_balance": "42.00"}]})),
      ], (401, {}, {"error": {"message": "Authentication Fails, Your api key is invalid",
                              "type": "authentication_error", "code": "invalid_request_error"}})),
    P("groq", "GET /openai/v1/models, Authorization: Bearer (console.groq.com/docs/api-reference#models-list)",
      bearer(), [
          R("GET", "/openai/v1/models", ok({"object": "list", "data": [
              {"id": "llama-3.3-70b-versatile", "object": "model", "owned_by": "Meta"}]})),
      ], (401, {}, {"error": {"message": "Invalid API Key", "type": "invalid_request_error",
                              "code": "invalid_api_key"}})),
    P("mistral", "GET /v1/models, Authorization: Bearer (docs.mistral.ai/api/#tag/models)", bearer(), [
        R("GET", "/v1/models", ok({"object": "list", "data": [{"id": "mistral-large-latest", "object": "model"}]})),
    ], (401, {}, {"message": "Unauthorized", "request_id": "3f2a"})),
    P("xai", "GET /v1/api-key, Authorization: Bearer (docs.x.ai/docs/api-reference#api-key)", bearer(), [
        R("GET", "/v1/api-key", lambda req, tok: ok({
            "redacted_api_key": "xai-...b14o", "user_id": "59fbe5f2-040b-46d5-8325-868bb8f23eb2",
            "name": "ci-bot", "create_time": "2026-01-01T12:55:18.139305Z",
            "modify_time": "2026-08-28T17:20:12.343321Z", "modified_by": "3d38b4dc-4eb7-4785-ae26-c3fa8997ffc7",
            "team_id": "5ea6f6bd-7815-4b8a-9135-28b2d7ba6722",
            "acls": ["api-key:model:*", "api-key:endpoint:*"], "api_key_id": "ae1e1841-4326-4b36-a8a9-8a1a7237db11",
            "team_blocked": False, "api_key_blocked": False,
            "api_key_disabled": variant(tok) == "disabled"})),
    ], (400, {}, {"code": "Client specified an invalid argument", "error": "Incorrect API key provided"})),
    P("together", "GET /v1/models, Authorization: Bearer (docs.together.ai/reference/models-1)", bearer(), [
        R("GET", "/v1/models", ok([{"id": "meta-llama/Llama-3.3-70B-Instruct-Turbo", "object": "model",
                                    "type": "chat"}])),
    ], (401, {}, {"error": {"message": "Invalid API key provided", "type": "invalid_request_error",
                            "code": "invalid_api_key"}})),
    P("openrouter", "GET /api/v1/key, Authorization: Bearer (openrouter.ai/docs/api-reference/get-current-key)",
      bearer(), [
          R("GET", "/api/v1/key", lambda req, tok: ok({"data": {
              "label": "sk-or-v1-b04...eab", "limit": 100, "usage": 25.5, "limit_remaining": 74.5,
              "is_free_tier": False, "is_provisioning_key": False,
              "is_management_key": variant(tok) == "admin"}})),
      ], (401, {}, {"error": {"message": "No auth credentials found", "code": 401}})),
    P("cerebras", "GET /v1/models, Authorization: Bearer (inference-docs.cerebras.ai/api-reference/models)",
      bearer(), [
          R("GET", "/v1/models", ok({"object": "list", "data": [{"id": "llama3.1-8b", "object": "model"}]})),
      ], (401, {}, {"message": "Wrong API Key", "type": "invalid_request_error", "param": "api_key",
                    "code": "wrong_api_key"})),
    P("elevenlabs", "GET /v1/user, xi-api-key header (elevenlabs.io/docs/api-reference/user/get)",
      header("xi-api-key"), [
          R("GET", "/v1/user", ok({"user_id": "a1b2c3d4e5", "first_name": "Ada", "is_new_user": False,
                                   "subscription": {"tier": "creator", "character_count": 1200,
                                                    "character_limit": 100000}})),
      ], (401, {}, {"detail": {"status": "invalid_api_key", "message": "Invalid API key"}})),
    P("deepgram", "GET /v1/projects, Authorization: Token KEY (developers.deepgram.com/reference/get-projects)",
      prefixed("Authorization", "Token "), [
          R("GET", "/v1/projects", ok({"projects": [
              {"project_id": "3b9a6c1e-1f2d-4e5a-9b8c-7d6e5f4a3b2c", "name": "Acme Voice"}]})),
      ], (401, {}, {"err_code": "INVALID_AUTH", "err_msg": "Invalid credentials.", "request_id": "6c2f"})),
    P("replicate", "GET /v1/account, Authorization: Bearer (replicate.com/docs/reference/http#account.get)",
      bearer(), [
          R("GET", "/v1/account", ok({"type": "organization", "username": "acme", "name": "Acme Labs",
                                      "github_url": "https://github.com/acme"})),
      ], (401, {}, {"title": "Unauthenticated", "detail": "You did not pass a valid authentication token",
                    "status": 401})),
    P("stability", "GET /v1/user/account, Authorization: Bearer (platform.stability.ai/docs/api-reference#tag/User)",
      bearer(), [
          R("GET", "/v1/user/account", ok({"id": "user-9f2c", "email": "ada@acme.example",
                                           "profile_picture": "", "organizations": [
                                               {"id": "org-5d1e", "name": "Acme Art", "role": "OWNER",
                                                "is_default": True}]})),
      ], (401, {}, {"id": "9160aa70", "name": "unauthorized",
                    "message": "Missing or invalid API key"})),
    P("assemblyai", "GET /v2/transcript?limit=1, Authorization: KEY (assemblyai.com/docs/api-reference/transcripts/list)",
      header("Authorization"), [
          R("GET", "/v2/transcript", ok({"page_details": {"limit": 1, "result_count": 1},
                                         "transcripts": [{"id": "6x5y4z", "status": "completed"}]}),
            [needs_query(limit="1")]),
      ], (401, {}, {"error": "Authentication error, API token missing/invalid"})),
    P("pinecone", "GET /indexes, Api-Key + X-Pinecone-API-Version headers (docs.pinecone.io/reference/api/control-plane/list_indexes)",
      header("Api-Key"), [
          R("GET", "/indexes", ok({"indexes": [{"name": "docs-prod", "dimension": 1536, "metric": "cosine",
                                               "host": "docs-prod-abc123.svc.pinecone.io"}]})),
      ], (401, {}, {"error": {"code": "UNAUTHENTICATED", "message": "Invalid API Key"}, "status": 401}),
      checks=[needs_header("X-Pinecone-API-Version", r"\d{4}-\d{2}")]),
    P("tavily", "GET /usage, Authorization: Bearer (docs.tavily.com/documentation/api-reference/endpoint/usage)",
      bearer(), [
          R("GET", "/usage", ok({"key": {"usage": 150, "limit": 1000},
                                 "account": {"current_plan": "Researcher", "plan_usage": 150, "plan_limit": 1000}})),
      ], (401, {}, {"detail": {"error": "Unauthorized: missing or invalid API key."}})),
    P("firecrawl", "GET /v1/team/credit-usage, Authorization: Bearer (docs.firecrawl.dev/api-reference/endpoint/credit-usage)",
      bearer(), [
          R("GET", "/v1/team/credit-usage", ok({"success": True, "data": {"remaining_credits": 1000}})),
      ], (401, {}, {"success": False, "error": "Unauthorized: Invalid token"})),
    P("llamacloud", "GET /api/v1/projects, Authorization: Bearer (docs.cloud.llamaindex.ai/API/list-projects-api-v-1-projects-get)",
      bearer(), [
          R("GET", "/api/v1/projects", ok([{"id": "5e7f", "name": "Default", "organization_id": "1a2b"}])),
      ], (401, {}, {"detail": "Invalid API key"})),
    P("langsmith", "GET /api/v1/orgs/current, X-API-Key header (api.smith.langchain.com/redoc)",
      header("X-API-Key"), [
          R("GET", "/api/v1/orgs/current", ok({"id": "c0ffee00-1111-2222-3333-444455556666",
                                               "display_name": "Acme ML", "is_personal": False})),
      ], (401, {}, {"detail": "Invalid token"})),
    P("wandb", "POST /graphql (viewer query), basic auth api:KEY (docs.wandb.ai/ref/python/public-api)",
      basic(user="api"), [
          R("POST", "/graphql", lambda req, tok: ok({"data": {"viewer": {
              "username": "ada", "email": "ada@acme.example", "entity": "acme-ml",
              "admin": variant(tok) == "admin",
              "teams": {"edges": [{"node": {"name": "acme-ml"}}]}}}}), [graphql("viewer", "username")]),
      ], (401, {}, {"errors": [{"message": "user is not logged in"}]})),
    P("fireworks", "GET /inference/v1/models, Authorization: Bearer (docs.fireworks.ai/api-reference/list-models)",
      bearer(), [
          R("GET", "/inference/v1/models", ok({"object": "list", "data": [
              {"id": "accounts/fireworks/models/llama-v3p1-8b-instruct", "object": "model"}]})),
      ], (401, {}, {"error": {"object": "error", "type": "invalid_request_error",
                              "message": "The API key you provided is invalid."}})),
]})


# --- issue 13, breadth-3 (verify branch): developer tools, payments, social --


def honeycomb_auth(req, tok):
    configuration = variant(tok) != "ingest"
    return ok({"id": "kS3c", "type": "configuration" if configuration else "ingest",
               "api_key_access": {"events": True, "markers": configuration, "triggers": configuration,
                                  "boards": False, "queries": configuration, "columns": False,
                                  "createDatasets": False, "slos": False, "recipients": False,
                                  "privateBoards": False},
               "environment": {"name": "production", "slug": "production"},
               "team": {"name": "Acme Observability", "slug": "acme"}})


def facebook_auth(req):
    tok = req.query.get("access_token", "")
    if not tok:
        raise Mismatch("expected the credential in query parameter access_token")
    return tok, None


FB_INVALID = (400, {}, {"error": {"message": "Invalid OAuth access token - Cannot parse access token",
                                  "type": "OAuthException", "code": 190, "fbtrace_id": "A1b2"}})

PROVIDERS.update({p.prefix: p for p in [
    P("fastly", "GET /tokens/self, Fastly-Key header (developer.fastly.com/reference/api/auth-tokens/user)",
      header("Fastly-Key"), [
          R("GET", "/tokens/self", lambda req, tok: ok({
              "id": "5Yo3XXnrQpjc20u0ybrf2g", "user_id": "4y5K5trZocEAQYkesWlk7M", "customer_id": "7Ik9dz1r",
              "name": "deploy", "scope": "global:read" if variant(tok) == "read" else "global purge_select",
              "services": ["SU1Z0isxPaozGVKXdv0eY"], "expires_at": "2031-01-01T00:00:00Z",
              "created_at": "2026-01-01T00:00:00Z"})),
      ], (401, {}, {"msg": "Provided credentials are missing or invalid"})),
    P("honeycomb", "GET /1/auth, X-Honeycomb-Team header (docs.honeycomb.io/api/auth)",
      header("X-Honeycomb-Team"), [
          R("GET", "/1/auth", honeycomb_auth),
      ], (401, {}, {"error": "unknown API key - check your credentials"})),
    P("harness", "GET /ng/api/user/currentUser, x-api-key header (apidocs.harness.io)", header("x-api-key"), [
        R("GET", "/ng/api/user/currentUser", lambda req, tok: ok({"status": "SUCCESS", "data": {
            "uuid": "lv0euRhKRCyiXWzS7pOg6g", "name": "Ada", "email": "ada@acme.example",
            "admin": variant(tok) == "admin",
            "accounts": [{"uuid": "px7xd_BFRCi-pfWPYXVjvw", "accountName": "Acme"}]}})),
    ], (401, {}, {"status": "ERROR", "code": "INVALID_TOKEN", "message": "Token is not valid."})),
    P("infisical", "GET /api/v2/service-token, Authorization: Bearer (infisical.com/docs/api-reference)",
      bearer(), [
          R("GET", "/api/v2/service-token", ok({
              "_id": "64f1", "name": "ci-prod", "workspace": "64a1b2c3d4e5f6a7b8c9d0e1",
              "scopes": [{"environment": "prod", "secretPath": "/"}], "permissions": ["read", "write"],
              "expiresAt": "2031-01-01T00:00:00.000Z"})),
      ], (401, {}, {"statusCode": 401, "message": "Failed to authenticate service token",
                    "error": "UnauthorizedError"})),
    P("flyio", "POST /graphql (viewer, organizations), Authorization: Bearer (fly.io/docs/machines/api)",
      bearer(), [
          R("POST", "/graphql", ok({"data": {"viewer": {"email": "ops@acme.example", "name": "Ada"},
                                             "organizations": {"nodes": [{"slug": "personal", "type": "PERSONAL"},
                                                                         {"slug": "acme", "type": "SHARED"}]}}}),
            [graphql("viewer", "organizations")]),
      ], (401, {}, {"errors": [{"message": "You must be authenticated to view this."}]})),
    P("frameio", "GET /v2/me, Authorization: Bearer (developer.frame.io/api/reference/operation/getMe)",
      bearer(), [
          R("GET", "/v2/me", ok({"id": "b6f2", "email": "ada@acme.example", "name": "Ada",
                                 "account_id": "a1c3"})),
      ], (401, {}, {"code": 401, "errors": [{"code": 401, "detail": "Invalid token", "status": 401}]})),
    P("prefect", "GET /api/me/ and /api/me/workspaces, Authorization: Bearer (app.prefect.cloud/api/docs)",
      bearer(), [
          R("GET", "/api/me/", ok({"id": "9d2e", "handle": "ada", "email": "ada@acme.example",
                                   "first_name": "Ada"})),
          R("GET", "/api/me/workspaces", ok([{"account_handle": "acme", "workspace_handle": "prod",
                                              "workspace_id": "1f2e"}])),
      ], (401, {}, {"detail": "Invalid authentication credentials"})),
    P("twitch", "GET /oauth2/validate, Authorization: OAuth TOKEN (dev.twitch.tv/docs/authentication/validate-tokens)",
      lambda req: ("oauth:" + prefixed("Authorization", "OAuth ")(req)[0], None), [
          R("GET", "/oauth2/validate", ok({"client_id": "wbmytr93xzw8zbg0p1izqyzzc5mbiz", "login": "acme_bot",
                                           "scopes": ["chat:read", "chat:edit"], "user_id": "141981764",
                                           "expires_in": 5520838})),
      ], (401, {}, {"status": 401, "message": "invalid access token"})),
    P("facebook", "GET /v19.0/me, /v19.0/me/permissions, /v19.0/app ?access_token= (developers.facebook.com/docs/graph-api)",
      facebook_auth, [
          R("GET", "/v19.0/me", ok({"id": "102938475610", "name": "Acme Page"}),
            [needs_query(fields="id,name")]),
          R("GET", "/v19.0/me/permissions", ok({"data": [
              {"permission": "pages_show_list", "status": "granted"},
              {"permission": "pages_manage_posts", "status": "granted"}]})),
          R("GET", "/v19.0/app", ok({"id": "6897946454303661", "name": "Acme Login",
                                     "link": "https://www.facebook.com/games/?app_id=6897946454303661"})),
      ], FB_INVALID),
    P("linkedin", "GET /v2/userinfo, Authorization: Bearer (learn.microsoft.com/linkedin/consumer/integrations/self-serve/sign-in-with-linkedin-v2)",
      bearer(), [
          R("GET", "/v2/userinfo", ok({"sub": "782bbtaQ", "name": "Ada Lee", "email": "ada@acme.example",
                                       "email_verified": True})),
      ], (401, {}, {"serviceErrorCode": 65600, "message": "Invalid access token", "status": 401})),
    P("segment", "GET / (get workspace), Authorization: Bearer (docs.segmentapis.com/tag/Workspaces)",
      bearer(), [
          R("GET", "/", ok({"data": {"workspace": {"id": "9aQ1Lj62S4bomZKLF4DPqW", "name": "Acme",
                                                   "slug": "acme"}}})),
      ], (401, {}, {"errors": [{"type": "unauthorized", "message": "Unauthorized"}]})),
    P("sparkpost", "GET /api/v1/account, Authorization: KEY (developers.sparkpost.com/api/account)",
      header("Authorization"), [
          R("GET", "/api/v1/account", ok({"results": {"customer_id": 123456, "company_name": "Acme",
                                                      "subscription": {"name": "Starter 50K"}}})),
      ], (401, {}, {"errors": [{"message": "Unauthorized."}]})),
    P("readme", "GET /api/v1, basic auth with the key as user (docs.readme.com/main/reference/getproject)",
      basic(secret_is_user=True), [
          R("GET", "/api/v1", ok({"name": "Acme API", "subdomain": "acme", "plan": "business",
                                  "baseUrl": "https://docs.acme.example"})),
      ], (401, {}, {"error": "APIKEY_NOTFOUND", "message": "We couldn't find your API key."})),
    P("rubygems", "GET /api/v1/gems.json, Authorization: KEY (guides.rubygems.org/rubygems-org-api)",
      header("Authorization"), [
          R("GET", "/api/v1/gems.json", ok([{"name": "acme-client", "version": "2.4.1"}])),
      ], (401, {"Content-Type": "text/plain"}, "Access Denied. Please sign up for an account at https://rubygems.org")),
    P("paddle", "GET /event-types, Authorization: Bearer (developer.paddle.com/api-reference/event-types/list-event-types)",
      bearer(), [
          R("GET", "/event-types", ok({"data": [{"name": "transaction.completed", "group": "Transaction"}],
                                       "meta": {"request_id": "5b1d"}})),
      ], (403, {}, {"error": {"type": "request_error", "code": "invalid_token",
                              "detail": "Invalid or revoked API key."}, "meta": {"request_id": "5b1e"}})),
    P("shippo", "GET /addresses?results=1, Authorization: ShippoToken (docs.goshippo.com/shippoapi/public-api)",
      prefixed("Authorization", "ShippoToken "), [
          R("GET", "/addresses", ok({"next": None, "previous": None, "results": []}), [needs_query(results="1")]),
      ], (401, {}, {"detail": "Invalid token."})),
    P("duffel", "GET /air/airlines?limit=1, Bearer + Duffel-Version (duffel.com/docs/api/airlines)", bearer(), [
        R("GET", "/air/airlines", ok({"meta": {"limit": 1, "after": None},
                                      "data": [{"id": "arl_00009VME7DAGiJjwomhv32", "name": "British Airways",
                                                "iata_code": "BA"}]}), [needs_query(limit="1")]),
    ], (401, {}, {"meta": {"request_id": "FZW0H3HdJwKk5HMAAKxB", "status": 401},
                  "errors": [{"type": "authentication_error", "title": "Invalid access token",
                              "code": "invalid_access_token"}]}),
      checks=[needs_header("Duffel-Version", "v2")]),
    P("telnyx", "GET /v2/balance, Authorization: Bearer (developers.telnyx.com/api/account/get-user-balance)",
      bearer(), [
          R("GET", "/v2/balance", ok({"data": {"record_type": "balance", "balance": "300.00",
                                               "credit_limit": "100.00", "currency": "USD"}})),
      ], (401, {}, {"errors": [{"code": "10009", "title": "Authentication failed",
                                "detail": "The API key looks malformed."}]})),
    P("wise", "GET /v1/me, Authorization: Bearer (docs.wise.com/api-docs/api-reference/user)", bearer(), [
        R("GET", "/v1/me", ok({"id": 101, "name": "Ada Lee", "email": "ada@acme.example", "active": True})),
    ], (401, {}, {"error": "invalid_token", "error_description": "Invalid token"})),
    P("pipedrive", "GET /v1/users/me?api_token=KEY (developers.pipedrive.com/docs/api/v1/Users#getCurrentUser)",
      query("api_token"), [
          R("GET", "/v1/users/me", lambda req, tok: ok({"success": True, "data": {
              "id": 123, "name": "Ada Lee", "email": "ada@acme.example", "is_admin": variant(tok) == "admin",
              "company_name": "Acme", "company_domain": "acme"}})),
      ], (401, {}, {"success": False, "error": "unauthorized access", "errorCode": 401})),
    P("lob", "GET /v1/addresses?limit=1, basic auth with the key as user (docs.lob.com/#tag/Addresses)",
      basic(secret_is_user=True), [
          R("GET", "/v1/addresses", ok({"data": [], "object": "list", "count": 0}), [needs_query(limit="1")]),
      ], (401, {}, {"error": {"message": "Your API key is not valid. Please sign up on lob.com to get a valid api key.",
                              "status_code": 401, "code": "unauthorized"}})),
    P("flutterwave", "GET /v3/balances, Authorization: Bearer (developer.flutterwave.com/reference/get-all-wallet-balances)",
      bearer(), [
          R("GET", "/v3/balances", ok({"status": "success", "message": "Wallet balances fetched",
                                       "data": [{"currency": "NGN", "available_balance": 1200}]})),
      ], (401, {}, {"status": "error", "message": "Invalid authorization key", "data": None})),
    P("paystack", "GET /balance, Authorization: Bearer (paystack.com/docs/api/transfer-control)", bearer(), [
        R("GET", "/balance", ok({"status": True, "message": "Balances retrieved",
                                 "data": [{"currency": "NGN", "balance": 123450}]})),
    ], (401, {}, {"status": False, "message": "Invalid key"})),
    P("mollie", "GET /v2/methods, Authorization: Bearer (docs.mollie.com/reference/list-methods)", bearer(), [
        R("GET", "/v2/methods", ok({"count": 1, "_embedded": {"methods": [{"resource": "method", "id": "ideal"}]}})),
    ], (401, {}, {"status": 401, "title": "Unauthorized Request", "detail": "Missing authentication, or failed to authenticate"})),
    P("clerk", "GET /v1/jwks, Authorization: Bearer (clerk.com/docs/reference/backend-api/tag/JWKS)", bearer(), [
        R("GET", "/v1/jwks", ok({"keys": [{"kty": "RSA", "kid": "ins_2a", "use": "sig", "alg": "RS256"}]})),
    ], (401, {}, {"errors": [{"message": "Invalid authentication", "code": "authentication_invalid"}]})),
    P("sonarqube", "GET /api/users/current, Authorization: Bearer (SonarQube Web API)", bearer(), [
        R("GET", "/api/users/current", lambda req, tok: ok({
            "isLoggedIn": True, "login": "ci-bot", "name": "CI Bot",
            "permissions": {"global": ["admin", "scan"] if variant(tok) == "admin" else ["scan"]}})),
    ], (401, {}, {"errors": [{"msg": "Authentication failed"}]})),
    P("gitea", "GET /api/v1/user, Authorization: token TOKEN (docs.gitea.com/api)", prefixed("Authorization", "token "), [
        R("GET", "/api/v1/user", ok({"id": 1, "login": "ada", "email": "ada@acme.example", "is_admin": False})),
    ], (401, {}, {"message": "user does not exist [uid: 0, name: ]", "url": "https://git.acme.example/api/swagger"})),
]})


PROVIDERS.update({p.prefix: p for p in [
    P("azure_devops", "GET /_apis/profile/profiles/me?api-version=7.1, basic auth ANY:PAT (learn.microsoft.com/rest/api/azure/devops/profile)",
      basic(), [
          R("GET", "/_apis/profile/profiles/me", ok({"displayName": "Ada Lee", "publicAlias": "8c2b",
                                                     "emailAddress": "ada@acme.example",
                                                     "id": "8c2b6f4e-0000-4c5a-9d1e-1f2a3b4c5d6e"}),
            [needs_query(**{"api-version": "7.1"})]),
      ], (203, {"Content-Type": "text/html"}, "<html><title>Azure DevOps Services | Sign In</title></html>")),
    P("databricks", "GET /api/2.0/preview/scim/v2/Me, Authorization: Bearer (docs.databricks.com/api/workspace/currentuser/me)",
      bearer(), [
          R("GET", "/api/2.0/preview/scim/v2/Me", lambda req, tok: ok({
              "userName": "ada@acme.example", "displayName": "Ada Lee",
              "groups": [{"display": "admins" if variant(tok) == "admin" else "data-eng"}, {"display": "users"}],
              "entitlements": [{"value": "workspace-access"}]})),
      ], (403, {}, {"error_code": "403", "message": "Invalid access token."})),
    P("consul", "GET /v1/acl/token/self, X-Consul-Token header (developer.hashicorp.com/consul/api-docs/acl/tokens#read-self-token)",
      header("X-Consul-Token"), [
          R("GET", "/v1/acl/token/self", ok({"AccessorID": "6a1253d2-1785-24fd-91c2-f8e78c745511",
                                             "Description": "Bootstrap Token (Global Management)",
                                             "Policies": [{"ID": "00000000-0000-0000-0000-000000000001",
                                                           "Name": "global-management"}],
                                             "Local": False})),
      ], (403, {"Content-Type": "text/plain"}, "ACL not found")),
    P("octopus", "GET /api/users/me, X-Octopus-ApiKey header (octopus.com/docs/octopus-rest-api)",
      header("X-Octopus-ApiKey"), [
          R("GET", "/api/users/me", ok({"Id": "Users-1", "Username": "ci", "DisplayName": "CI",
                                        "EmailAddress": "ci@acme.example", "IsService": True})),
      ], (401, {}, {"ErrorMessage": "The API key you provided was not valid."})),
    P("ipinfo", "GET /me?token=TOKEN (ipinfo.io/developers)", query("token"), [
        R("GET", "/me", ok({"requests": {"day": 12, "month": 340, "limit": 50000, "remaining": 49660},
                            "features": {"core": {"daily": 0, "monthly": 50000}}})),
    ], (403, {}, {"status": 403, "error": {"title": "Unknown token", "message": "Please ensure you've entered your token correctly."}})),
    P("bscscan", "GET /api?module=stats&action=bnbprice&apikey=KEY; HTTP 200, status/message decide (docs.bscscan.com)",
      query("apikey"), [
          R("GET", "/api", ok({"status": "1", "message": "OK", "result": {"ethbtc": "0.0085", "ethusd": "600.1"}}),
            [needs_query(module="stats", action="bnbprice")]),
      ], (200, {}, {"status": "0", "message": "NOTOK", "result": "Invalid API Key"})),
]})


def main():
    global ARGS, TOKENS
    p = argparse.ArgumentParser()
    p.add_argument("--tokens")
    p.add_argument("--log")
    p.add_argument("--port-file")
    p.add_argument("--other", default="http://127.0.0.2:9")
    p.add_argument("--list", action="store_true", help="print the provider table and exit")
    p.add_argument("--tls-cert", help="serve https with this certificate chain (PEM)")
    p.add_argument("--tls-key", help="... and this private key (PEM)")
    ARGS = p.parse_args()
    if ARGS.list:
        for prefix, prov in sorted(PROVIDERS.items()):
            print(f"/{prefix:13} {prov.doc}")
        return
    if not (ARGS.tokens and ARGS.log and ARGS.port_file):
        p.error("--tokens, --log and --port-file are required")
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
    os.rename(ARGS.port_file + ".tmp", ARGS.port_file)
    server.serve_forever()


if __name__ == "__main__":
    main()
