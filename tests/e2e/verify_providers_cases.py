#!/usr/bin/env python3
"""Cases for verify_providers_test.sh: one live and one revoked credential per
provider verifier, planted as files, checked against the report of a single
`leakhound scan --verify` run pointed at tests/verify/fake_providers.py.

  plant RULES_DIR SRC_DIR TOKENS_JSON   writes one file per credential and the
                                        fake server's tokens file
  check RULES_DIR REPORT_JSON FAKE_LOG  prints "ok MESSAGE" / "FAIL MESSAGE"

Credentials come from each rule's own `examples` (so they pass the rule,
checksums included), or are derived from one by changing characters.
"""
import json
import os
import sys
import tomllib
from dataclasses import dataclass, field
from glob import glob


@dataclass
class Case:
    name: str      # file name of the planted credential
    rule: str      # rule id whose finding carries the verdict
    verdict: str   # live | revoked | unknown
    text: str = ""  # file content; {secret} and friends filled by plant()
    example: int = 0  # which example of the rule supplies the secret
    derive: bool = False  # change the example's secret (a second, revoked key)
    identity: dict = field(default_factory=dict)
    permission: str = ""  # a permission the live verdict must list
    reason: str = ""     # substring of the reason (revoked/unknown)
    pair: str = ""       # the value the fake expects with the secret (pairs)
    variant: str = ""    # fake_providers.py per-token behaviour
    access: str = ""     # the access level the live verdict must report
    keep: int = 0        # derive: characters kept as they are (the token's prefix)


def examples(rules_dir):
    out = {}
    for f in sorted(glob(os.path.join(rules_dir, "*.toml"))):
        with open(f, "rb") as fh:
            for r in tomllib.load(fh).get("rule", []):
                out[r["id"]] = [(e["input"], e.get("secret", "")) for e in r.get("examples", [])
                                if isinstance(e, dict)]
    return out


TW_SID, TW_SID2 = "SK33ec2acb1ca4e4c34c741e1768ad7994", "SK481c6f70fab01d3b887712bbd5de7b95"
PP_ID = "AdnMxCIMQ0tkAX3ID-gA2Y6m6r0rhHRhLyhsxmAB1TJ61GvVMJxw7YzbUVBePhhPWuIllA9kHe9nZH8s"
ORG = "9b7e2c4a-51d0-4f3e-a1c2-0d6f8e9b7a11"

L, V, U = "live", "revoked", "unknown"
CASES = [
    Case("google.env", "google-cloud.api-key", L),
    Case("google_disabled.env", "google-cloud.api-key", L, example=1, variant="service_disabled",
         identity={"project": "projects/123456789012"}, permission="valid key; the probed API is disabled"),
    Case("google_old.js", "google-cloud.api-key", V, example=2, reason="API key not valid"),
    Case("anthropic.env", "anthropic.api-key", L, identity={"organization": ORG}),
    Case("anthropic_old.py", "anthropic.api-key", V, example=1, reason="invalid x-api-key"),
    Case("anthropic_admin.env", "anthropic.admin-key", L, identity={"organization": ORG}),
    Case("sendgrid.env", "sendgrid.api-key", L, identity={"username": "acme-mailer"},
         permission="mail.send"),
    Case("sendgrid_old.py", "sendgrid.api-key", V, example=1),
    Case("twilio_key.env", "twilio.api-key-secret", L, text=f"TWILIO_API_KEY={TW_SID}\n{{input}}\n",
         pair=TW_SID, permission="account: Acme Production"),
    Case("twilio_key_other.env", "twilio.api-key-secret", V, example=1,
         text=f"TWILIO_API_KEY={TW_SID2}\n{{input}}\n", reason="API key or secret rejected"),
    Case("twilio_account.sh", "twilio.account-credentials", L,
         identity={"account_sid": "AC41c3fa57e428ad9d9d2349d103c5ead5", "name": "Acme Production"}),
    Case("twilio_account_old.env", "twilio.account-credentials", V, example=1),
    Case("mailgun.env", "mailgun.api-key", L, identity={"domains": "2"}, permission="domain: mg.acme.io"),
    Case("mailgun_old.env", "mailgun.api-key", V, example=1),
    Case("mailgun_curl.sh", "mailgun.api-key-basic-auth", L, permission="domain: mg.acme.io"),
    Case("mailchimp.env", "mailchimp.api-key", L, identity={"account_id": "8d3a3db4d97663a9074efcc16"}),
    Case("mailchimp_old.js", "mailchimp.api-key", V, example=1, reason="API key invalid"),
    Case("digitalocean.env", "digitalocean.personal-access-token", L,
         identity={"email": "sammy@acme.example", "team": "Acme Infra"}, permission="droplet limit: 25"),
    Case("digitalocean_old.env", "digitalocean.personal-access-token", V, example=1),
    Case("heroku.env", "heroku.api-token", L, identity={"email": "ops@acme.example"}),
    Case("heroku_old.env", "heroku.api-token", V, example=1),
    Case("datadog.env", "datadog.api-key", L, permission="API key: submit metrics"),
    # Datadog answers 403 for an unknown key on any site: unknown, not revoked (the spec says why).
    Case("datadog_old.env", "datadog.api-key", U, example=1, reason="not valid on api.datadoghq.com"),
    Case("newrelic.env", "newrelic.user-api-key", L, identity={"user": "Ada Ops"},
         permission="account: Acme Production"),
    Case("newrelic_old.env", "newrelic.user-api-key", V, example=1),
    Case("sentry.env", "sentry.user-auth-token", L, identity={"user": "ada"}, permission="scope: org:read"),
    Case("sentry_old.ini", "sentry.user-auth-token", V, example=1),
    Case("shopify.env", "shopify.admin-access-token", L, identity={"shop": "Acme Outdoor"},
         permission="scope: read_products"),
    Case("shopify_old.env", "shopify.admin-access-token", V, example=1),
    Case("discord.env", "discord.bot-token", L, identity={"username": "acme-bot"}, permission="guild: Acme HQ"),
    Case("discord_old.env", "discord.bot-token", V, example=1),
    Case("telegram.env", "telegram.bot-token", L, identity={"username": "acme_alerts_bot"}),
    Case("telegram_old.env", "telegram.bot-token", V, example=1),
    Case("notion.env", "notion.integration-token", L, identity={"workspace": "Acme Wiki"}),
    Case("notion_old.env", "notion.integration-token", V, example=1),
    Case("linear.env", "linear.api-key", L, identity={"organization": "Acme"}),
    Case("linear_old.env", "linear.api-key", V, example=1, reason="authentication failed"),
    Case("linear_oauth.env", "linear.oauth-token", L, identity={"email": "ada@acme.example"}),
    Case("jira.env", "jira.datacenter-pat", L, identity={"user": "ada"}),
    Case("jira_old.env", "jira.datacenter-pat", V, example=1),
    Case("confluence.env", "confluence.datacenter-pat", L, identity={"user": "ada"}),
    Case("confluence_old.env", "confluence.datacenter-pat", V, example=1),
    Case("atlassian.py", "atlassian.api-token", L, example=1, pair="ops@acme.io",
         identity={"account_id": "5b10a2844c20165700ede21g", "site": "acme"}, permission="group: site-admins"),
    Case("atlassian_old.env", "atlassian.api-token", V, pair="ops@acme.io",
         text="JIRA_URL=https://acme.atlassian.net\nJIRA_EMAIL=ops@acme.io\n{input}\n"),
    Case("atlassian_legacy.yml", "atlassian.api-token-legacy", L, example=1, pair="dev@acme.io",
         text="# https://acme.atlassian.net, user dev@acme.io\n{input}\n", identity={"site": "acme"}),
    Case("okta.env", "okta.api-token", L, identity={"login": "ada@acme.example"},
         permission="admin role: SUPER_ADMIN"),
    Case("okta_old.env", "okta.api-token", V, example=1),
    Case("cloudflare.env", "cloudflare.api-token", L, identity={"token_id": "ed17574386854bf78a67040be0a770b0"},
         permission="permission: DNS Write"),
    Case("cloudflare_old.env", "cloudflare.api-token", V, example=1, reason="invalid API token"),
    Case("netlify.env", "netlify.personal-access-token", L, identity={"slug": "adalee"},
         permission="team: Acme Web"),
    Case("netlify_old.env", "netlify.personal-access-token", V, example=1),
    Case("vercel.env", "vercel.access-token", L, identity={"username": "adalee"}, permission="team: acme"),
    Case("vercel_old.env", "vercel.access-token", V, example=1, reason="token not valid"),
    Case("postman.env", "postman.api-key", L, identity={"team": "Acme API"}),
    Case("postman_old.env", "postman.api-key", V, example=1),
    Case("pagerduty.sh", "pagerduty.api-key", L, permission="ability: sso"),
    Case("pagerduty_old.env", "pagerduty.api-key", V, example=1),
    Case("mapbox.env", "mapbox.secret-token", L, identity={"user": "acme-maps"}),
    Case("mapbox_old.env", "mapbox.secret-token", V, example=1, reason="invalid, expired or revoked"),
    Case("square.env", "square.access-token", L, identity={"merchant": "MLQW2KE7RBC5T"}),
    Case("square_old.env", "square.access-token", V, example=1),
    Case("doppler.env", "doppler.personal-token", L, identity={"workplace": "Acme"}),
    Case("doppler_old.env", "doppler.service-token", V),
    Case("vault.sh", "hashicorp-vault.service-token", L, identity={"display_name": "token-ci-deploy"},
         permission="policy: deploy"),
    Case("vault_old.sh", "hashicorp-vault.service-token", V, example=1),
    Case("algolia.env", "algolia.admin-api-key", L, text="ALGOLIA_APP_ID=PMIATL7CP5\n{input}\n",
         pair="PMIATL7CP5", identity={"app_id": "PMIATL7CP5"}, permission="acl: addObject"),
    Case("algolia_admin.yml", "algolia.admin-api-key", L, example=1, pair="PMIATL7CP5", variant="admin",
         identity={"app_id": "PMIATL7CP5"}, permission="admin API key"),
    # A live key with another application's id: Algolia rejects the pair.
    Case("algolia_other_app.env", "algolia.admin-api-key", V, derive=True, pair="PMIATL7CP5",
         text="ALGOLIA_APPLICATION_ID=Q2883E34C1\n{input}\n", reason="invalid application id"),
    Case("paypal.env", "paypal.client-secret", L, text=f"PAYPAL_CLIENT_ID={PP_ID}\n{{input}}\n",
         pair=PP_ID, identity={"app_id": "APP-80W284485P519543T", "client_id": PP_ID},
         permission="scope: openid"),
    Case("paypal_old.yml", "paypal.client-secret", V, example=1,
         text=f"{{input}}\n  client_id: \"{PP_ID}\"\n", reason="client authentication failed"),
    Case("paypal_no_id.env", "paypal.client-secret", U, derive=True, reason="client_id"),
    Case("dockerhub.sh", "docker.hub.personal-access-token", L, pair="acme", identity={"username": "acme"}),
    Case("dockerhub_old.env", "docker.hub.personal-access-token", V, example=1, pair="acme",
         text="DOCKERHUB_USERNAME=acme\n{input}\n", reason="incorrect credentials"),
    Case("dockerhub_org.sh", "docker.hub.organization-access-token", L, pair="acme-org",
         identity={"username": "acme-org"}),
    # --- issue 13, breadth-1: live, revoked and malformed (a 200 that is not JSON) per verifier ---
    Case("apify.env", "apify.api-token", L, identity={"username": "acme-scraper"}, permission="plan: SCALE"),
    Case("apify_old.js", "apify.api-token", V, example=1, reason="token not valid"),
    Case("apify_garbled.env", "apify.api-token", U, derive=True, variant="malformed"),
    Case("courier.env", "courier.api-key", L, permission="brand: Acme default"),
    Case("courier_old.js", "courier.api-key", V, example=1, reason="unauthorized"),
    Case("courier_garbled.yml", "courier.api-key", U, example=2, variant="malformed"),
    Case("kit.env", "kit.api-key", L, identity={"account": "Acme Letters", "email": "ada@acme.example"}),
    Case("kit_old.py", "kit.api-key", V, example=1, reason="invalid"),
    Case("kit_garbled.env", "kit.api-key", U, derive=True, variant="malformed"),
    Case("klaviyo.env", "klaviyo.private-api-key", L, identity={"organization": "Acme Outdoor"}),
    Case("klaviyo_old.sh", "klaviyo.private-api-key", V, example=1, reason="authentication failed"),
    Case("klaviyo_garbled.env", "klaviyo.private-api-key", U, derive=True, variant="malformed"),
    Case("imagekit.env", "imagekit.private-api-key", L),
    Case("imagekit_old.js", "imagekit.private-api-key", V, example=1, reason="cannot be authenticated"),
    Case("imagekit_garbled.yml", "imagekit.private-api-key", U, example=2, variant="malformed"),
    Case("front.env", "front.api-token", L, identity={"company": "Acme Support"}),
    Case("front_old.js", "front.api-token", V, example=1, reason="unauthorized"),
    Case("front_garbled.sh", "front.api-token", U, example=2, variant="malformed"),
    Case("lemonsqueezy.env", "lemonsqueezy.api-key", L, identity={"email": "ada@acme.example"}),
    Case("lemonsqueezy_old.yml", "lemonsqueezy.api-key", V, example=1, reason="unauthenticated"),
    Case("lemonsqueezy_garbled.env", "lemonsqueezy.api-key", U, example=2, variant="malformed"),
    Case("cloudconvert.env", "cloudconvert.api-key", L, identity={"username": "acme-docs"},
         permission="credits: 4434"),
    Case("cloudconvert_old.yml", "cloudconvert.api-key", V, example=1, reason="unauthenticated"),
    Case("cloudconvert_garbled.yml", "cloudconvert.api-key", U, example=2, variant="malformed"),
    Case("google_oauth.sh", "google-cloud.oauth-access-token", L, identity={"email": "ops@acme.example"},
         permission="scope: openid"),
    Case("google_oauth_old.json", "google-cloud.oauth-access-token", V, example=1, reason="expired"),
    Case("aiven.env", "aiven.token", L, identity={"user": "ops@acme.example"},
         permission="project access: acme-prod"),
    Case("aiven_old.tf", "aiven.token", V, example=1, reason="invalid token"),
    Case("aiven_garbled.sh", "aiven.token", U, example=2, variant="malformed"),
    Case("etherscan.env", "etherscan.api-key-url", L, permission=""),
    Case("etherscan_old.js", "etherscan.api-key-url", V, example=1, reason="invalid API key"),
    Case("etherscan_garbled.sh", "etherscan.api-key-url", U, example=2, variant="malformed"),
    Case("hunter.env", "hunter.api-key-url", L, identity={"email": "ada@acme.example", "plan": "Starter"},
         permission="searches available: 500"),
    Case("hunter_old.py", "hunter.api-key-url", V, example=1, reason="no user"),
    Case("hunter_garbled.sh", "hunter.api-key-url", U, example=2, variant="malformed"),
    Case("jotform.env", "jotform.api-key-url", L, identity={"username": "acme-forms"}),
    Case("jotform_old.py", "jotform.api-key-url", V, example=1, reason="not authorized"),
    Case("jotform_garbled.sh", "jotform.api-key-url", U, example=2, variant="malformed"),
    Case("flickr.env", "flickr.api-key-url", L),
    Case("flickr_old.py", "flickr.api-key-url", V, example=1, reason="invalid API key"),
    Case("flickr_garbled.sh", "flickr.api-key-url", U, example=2, variant="malformed"),
    Case("guardian.env", "guardianapi.api-key-url", L, identity={"tier": "developer"}),
    Case("guardian_old.py", "guardianapi.api-key-url", V, example=1, reason="unauthorized"),
    Case("guardian_garbled.sh", "guardianapi.api-key-url", U, example=2, variant="malformed"),
    Case("datagov.env", "datagov.api-key-url", L, permission="hourly limit: 1000"),
    Case("datagov_old.py", "datagov.api-key-url", V, example=1, reason="invalid api_key"),
    Case("datagov_garbled.sh", "datagov.api-key-url", U, example=2, variant="malformed"),
    Case("google_oauth_garbled.env", "google-cloud.oauth-access-token", U, example=2, variant="malformed"),
]

# --- breadth-2 providers (issue 13): live, revoked (or unknown) and a
# malformed answer (a 200 whose body is not JSON: never live) each.
CASES += [
    Case("yandex_iam.sh", "yandex.cloud-iam-token", L, permission="cloud: acme-prod"),
    Case("yandex_iam_old.sh", "yandex.cloud-iam-token", V, example=1, reason="invalid or expired"),
    Case("yandex_iam_bad.sh", "yandex.cloud-iam-token", U, example=2, variant="malformed", reason="JSON"),
    Case("yandex_oauth.sh", "yandex.oauth-token", L, identity={"login": "ada.ops", "user_id": "1000034426"}),
    Case("yandex_oauth_old.env", "yandex.oauth-token", V, example=1, reason="OAuth token invalid"),
    Case("yandex_oauth_bad.sh", "yandex.oauth-token", U, example=2, variant="malformed", reason="JSON"),
    Case("posthog.env", "posthog.personal-api-key", L, identity={"organization": "Acme Analytics"},
         permission="project: Acme Web"),
    # 401 at us.posthog.com may be an EU Cloud or self-hosted key: unknown, not revoked.
    Case("posthog_old.py", "posthog.personal-api-key", U, example=1, reason="not valid on us.posthog.com"),
    Case("posthog_bad.env", "posthog.personal-api-key", U, derive=True, variant="malformed", reason="JSON"),
    Case("ubidots.env", "ubidots.token", L, identity={"devices": "2"}, permission="device: greenhouse-1"),
    Case("ubidots_old.h", "ubidots.token", V, example=1, reason="invalid or deleted"),
    Case("ubidots_bad.env", "ubidots.token", U, derive=True, variant="malformed", reason="JSON"),
    Case("mandrill.env", "mailchimp.transactional-api-key", L, identity={"username": "acme-mailer"},
         permission="hourly quota: 250"),
    Case("mandrill_old.js", "mailchimp.transactional-api-key", V, example=1, reason="invalid API key"),
    Case("mandrill_bad.env", "mailchimp.transactional-api-key", U, example=2, variant="malformed",
         reason="JSON"),
    Case("scrapfly.env", "scrapfly.api-key", L, identity={"plan": "DISCOVERY"}),
    Case("scrapfly_old.py", "scrapfly.api-key", V, example=1, reason="invalid API key"),
    Case("scrapfly_bad.yml", "scrapfly.api-key", U, example=2, variant="malformed", reason="JSON"),
    Case("uptimerobot.env", "uptimerobot.api-key", L, identity={"email": "ops@acme.example"},
         permission="monitors down: 1"),
    Case("uptimerobot_old.js", "uptimerobot.api-key", V, example=1, reason="invalid API key"),
    Case("uptimerobot_bad.yml", "uptimerobot.api-key", U, example=2, variant="malformed", reason="JSON"),
    Case("ngrok.env", "ngrok.api-key", L, permission="tunnel: https://acme-dev.ngrok.app"),
    Case("ngrok_old.yml", "ngrok.api-key", V, example=1, reason="invalid API key"),
    Case("ngrok_bad.sh", "ngrok.api-key", U, example=2, variant="malformed", reason="JSON"),
    Case("ngrok_pat.sh", "ngrok.access-token", L, example=1, permission="tunnel: https://acme-dev.ngrok.app"),
    Case("onesignal.env", "onesignal.organization-api-key", L, permission="app: Acme Mobile"),
    Case("onesignal_old.js", "onesignal.organization-api-key", U, example=1, reason="rejected"),
    Case("onesignal_bad.env", "onesignal.organization-api-key", U, example=2, variant="malformed", reason="JSON"),
]


# --- breadth-3 (verify branch): AI and data providers; live (with the access
# level), revoked, and a malformed answer each.
CASES += [
    Case("cohere.env", "cohere.api-key", L, identity={"organization_id": "org-7d41c2"}, access="write"),
    Case("cohere_old.env", "cohere.api-key", V, example=1, reason="invalid API key"),
    Case("cohere_bad.env", "cohere.api-key", U, derive=True, variant="malformed", reason="JSON"),
    Case("deepseek.env", "deepseek.api-key", L, permission="balance currency: USD", access="write"),
    Case("deepseek_old.py", "deepseek.api-key", V, example=1, reason="authentication fails"),
    Case("deepseek_bad.env", "deepseek.api-key", U, derive=True, variant="malformed", reason="JSON"),
    Case("groq.env", "groq.api-key", L, access="write"),
    Case("groq_old.py", "groq.api-key", V, example=1, reason="invalid API key"),
    Case("groq_bad.env", "groq.api-key", U, derive=True, variant="malformed", reason="JSON"),
    Case("mistral.env", "mistral.api-key", L, access="write"),
    Case("mistral_old.yml", "mistral.api-key", V, example=1, reason="unauthorized"),
    Case("mistral_bad.env", "mistral.api-key", U, derive=True, variant="malformed", reason="JSON"),
    Case("xai.env", "xai.api-key", L, identity={"name": "ci-bot"}, permission="acl: api-key:model:*",
         access="write"),
    Case("xai_old.py", "xai.api-key", V, example=1, reason="invalid API key"),
    Case("xai_disabled.env", "xai.api-key", V, derive=True, keep=4, variant="disabled", reason="key disabled"),
    Case("together.env", "together.api-key", L, access="write"),
    Case("together_old.yml", "together.api-key", V, example=1, reason="invalid API key"),
    Case("together_bad.env", "together.api-key", U, derive=True, variant="malformed", reason="JSON"),
    Case("openrouter.env", "openrouter.api-key", L, permission="credit limit: 100", access="write"),
    Case("openrouter_mgmt.py", "openrouter.api-key", L, example=1, variant="admin", access="admin"),
    Case("openrouter_old.env", "openrouter.api-key", V, derive=True, keep=9, reason="invalid API key"),
    Case("cerebras.env", "cerebras.api-key", L, access="write"),
    Case("cerebras_old.py", "cerebras.api-key", V, example=1, reason="wrong API key"),
    Case("cerebras_bad.env", "cerebras.api-key", U, derive=True, variant="malformed", reason="JSON"),
    Case("elevenlabs.env", "elevenlabs.api-key", L, identity={"first_name": "Ada"}, permission="tier: creator",
         access="write"),
    Case("elevenlabs_old.sh", "elevenlabs.api-key", V, example=1, reason="invalid API key"),
    Case("elevenlabs_bad.env", "elevenlabs.api-key", U, derive=True, variant="malformed", reason="JSON"),
    Case("deepgram.env", "deepgram.api-key", L, permission="project: Acme Voice"),
    Case("deepgram_old.py", "deepgram.api-key", V, example=1, reason="invalid credentials"),
    Case("deepgram_bad.env", "deepgram.api-key", U, derive=True, variant="malformed", reason="JSON"),
    Case("replicate.env", "replicate.api-token", L, identity={"username": "acme"}, access="write"),
    Case("replicate_old.py", "replicate.api-token", V, example=1, reason="invalid token"),
    Case("replicate_bad.env", "replicate.api-token", U, derive=True, keep=3, variant="malformed", reason="JSON"),
    Case("stability.env", "stability.api-key", L, identity={"email": "ada@acme.example"},
         permission="organization: Acme Art", access="admin"),
    Case("stability_old.py", "stability.api-key", V, example=1, reason="invalid API key"),
    Case("stability_bad.env", "stability.api-key", U, derive=True, variant="malformed", reason="JSON"),
    Case("assemblyai.env", "assemblyai.api-key", L, access="write"),
    Case("assemblyai_old.json", "assemblyai.api-key", V, example=1, reason="invalid API key"),
    Case("assemblyai_bad.env", "assemblyai.api-key", U, derive=True, variant="malformed", reason="JSON"),
    Case("pinecone.env", "pinecone.api-key", L, permission="index: docs-prod", access="write"),
    Case("pinecone_old.py", "pinecone.api-key", V, example=1, reason="invalid API key"),
    Case("pinecone_bad.env", "pinecone.api-key", U, derive=True, keep=5, variant="malformed", reason="JSON"),
    Case("tavily.env", "tavily.api-key", L, permission="plan: Researcher", access="write"),
    Case("tavily_old.py", "tavily.api-key", V, example=1, reason="invalid API key"),
    Case("tavily_bad.env", "tavily.api-key", U, derive=True, variant="malformed", reason="JSON"),
    Case("firecrawl.env", "firecrawl.api-key", L, permission="remaining credits: 1000", access="write"),
    Case("firecrawl_old.py", "firecrawl.api-key", V, example=1, reason="unauthorized"),
    Case("firecrawl_bad.env", "firecrawl.api-key", U, derive=True, keep=3, variant="malformed", reason="JSON"),
    Case("llamacloud.env", "llamacloud.api-key", L, permission="project: Default", access="write"),
    Case("llamacloud_old.py", "llamacloud.api-key", V, example=1, reason="invalid API key"),
    Case("llamacloud_bad.env", "llamacloud.api-key", U, derive=True, variant="malformed", reason="JSON"),
    Case("langsmith.env", "langsmith.personal-access-token", L, identity={"organization": "Acme ML"},
         access="write"),
    Case("langsmith_old.py", "langsmith.personal-access-token", V, example=1, reason="invalid API key"),
    Case("langsmith_svc.env", "langsmith.service-key", L, identity={"organization": "Acme ML"}),
    Case("langsmith_bad.env", "langsmith.service-key", U, example=1, variant="malformed", reason="JSON"),
    Case("wandb.env", "wandb.api-key", L, identity={"username": "ada"}, permission="team: acme-ml",
         access="write"),
    Case("wandb_admin.netrc", "wandb.api-key", L, example=1, variant="admin", access="admin"),
    Case("wandb_old.env", "wandb.api-key", V, derive=True, reason="invalid API key"),
    Case("fireworks.env", "fireworks.api-key", L, access="write"),
    Case("fireworks_old.py", "fireworks.api-key", V, example=1, reason="invalid API key"),
    Case("fireworks_bad.env", "fireworks.api-key", U, derive=True, variant="malformed", reason="JSON"),
]

CASES += [
    Case("fastly.env", "fastly.api-token", L, identity={"name": "deploy"}, permission="scope: purge_select",
         access="write"),
    Case("fastly_ro.sh", "fastly.api-token", L, example=1, variant="read", access="read"),
    Case("fastly_old.env", "fastly.api-token", V, derive=True, reason="invalid or expired"),
    Case("honeycomb.env", "honeycomb.api-key", L, identity={"team": "Acme Observability"},
         permission="queries: true", access="write"),
    Case("honeycomb_old.sh", "honeycomb.api-key", V, example=1, reason="unknown API key"),
    Case("honeycomb_ingest.env", "honeycomb.ingest-key", L, variant="ingest", identity={"type": "ingest"},
         access="write"),
    Case("honeycomb_bad.env", "honeycomb.ingest-key", U, example=1, variant="malformed", reason="JSON"),
    Case("harness.env", "harness.api-token", L, identity={"email": "ada@acme.example"}, permission="account: Acme"),
    Case("harness_admin.sh", "harness.api-token", L, example=1, variant="admin", access="admin"),
    Case("harness_old.env", "harness.api-token", V, derive=True, keep=4, reason="invalid API token"),
    Case("infisical.env", "infisical.service-token", L, identity={"name": "ci-prod"},
         permission="environment: prod", access="write"),
    Case("infisical_old.sh", "infisical.service-token", V, example=1, reason="invalid service token"),
    Case("infisical_bad.env", "infisical.service-token", U, derive=True, variant="malformed", reason="JSON"),
    Case("flyio.env", "flyio.personal-token", L, identity={"email": "ops@acme.example"},
         permission="organization: acme", access="admin"),
    Case("flyio_old.yml", "flyio.personal-token", V, example=1, reason="token rejected"),
    Case("flyio_bad.env", "flyio.personal-token", U, derive=True, variant="malformed", reason="JSON"),
    Case("frameio.env", "frameio.developer-token", L, identity={"email": "ada@acme.example"}),
    Case("frameio_old.py", "frameio.developer-token", V, example=1, reason="invalid token"),
    Case("frameio_bad.env", "frameio.developer-token", U, derive=True, variant="malformed", reason="JSON"),
    Case("prefect.env", "prefect.api-key", L, identity={"handle": "ada"}, permission="workspace: prod"),
    Case("prefect_old.sh", "prefect.api-key", V, example=1, reason="invalid API key"),
    Case("prefect_bad.env", "prefect.api-key", U, derive=True, variant="malformed", reason="JSON"),
    Case("twitch.env", "twitch.chat-oauth-token", L, identity={"login": "acme_bot"}, permission="scope: chat:edit",
         access="write"),
    Case("twitch_old.js", "twitch.chat-oauth-token", V, example=1, reason="invalid access token"),
    Case("twitch_bad.env", "twitch.chat-oauth-token", U, derive=True, keep=6, variant="malformed", reason="JSON"),
    Case("facebook.env", "facebook.access-token", L, identity={"name": "Acme Page"},
         permission="permission: pages_manage_posts", access="write"),
    Case("facebook_old.py", "facebook.access-token", V, example=1, reason="invalid or expired"),
    Case("facebook_app.env", "facebook.app-access-token", L, identity={"app": "Acme Login"}, access="admin"),
    Case("facebook_app_old.txt", "facebook.app-access-token", V, example=1, reason="app access token invalid"),
    Case("linkedin.env", "linkedin.access-token", L, identity={"email": "ada@acme.example"}),
    Case("linkedin_old.json", "linkedin.access-token", V, example=1, reason="invalid or expired"),
    Case("segment.env", "segment.public-api-token", L, identity={"workspace": "Acme"}),
    Case("segment_old.sh", "segment.public-api-token", V, example=1, reason="invalid token"),
    Case("segment_bad.env", "segment.public-api-token", U, derive=True, variant="malformed", reason="JSON"),
    Case("sparkpost.env", "sparkpost.api-key", L, identity={"company": "Acme"}, permission="plan: Starter 50K"),
    Case("sparkpost_old.yml", "sparkpost.api-key", U, example=1, reason="EU account"),
    Case("sparkpost_bad.env", "sparkpost.api-key", U, derive=True, variant="malformed", reason="JSON"),
    Case("readme.env", "readme.api-key", L, identity={"subdomain": "acme"}, access="admin"),
    Case("readme_old.yml", "readme.api-key", V, example=1, reason="API key invalid"),
    Case("readme_bad.env", "readme.api-key", U, derive=True, keep=5, variant="malformed", reason="JSON"),
    Case("rubygems.yml", "rubygems.api-key", L, permission="gem: acme-client"),
    Case("rubygems_old.env", "rubygems.api-key", V, example=1, reason="invalid API key"),
    Case("rubygems_bad.yml", "rubygems.api-key", U, derive=True, variant="malformed", reason="JSON"),
    Case("paddle.env", "paddle.api-key", L),
    Case("paddle_old.js", "paddle.api-key", V, example=1, reason="invalid or revoked"),
    Case("paddle_sandbox.env", "paddle.sandbox-api-key", L),
    Case("paddle_sandbox_bad.py", "paddle.sandbox-api-key", U, example=1, variant="malformed", reason="JSON"),
    Case("shippo.env", "shippo.live-token", L, access="write"),
    Case("shippo_old.sh", "shippo.live-token", V, example=1, reason="token invalid"),
    Case("shippo_test.env", "shippo.test-token", L, access="read"),
    Case("shippo_bad.env", "shippo.test-token", U, example=1, variant="malformed", reason="JSON"),
    Case("duffel.env", "duffel.live-access-token", L, access="write"),
    Case("duffel_old.js", "duffel.live-access-token", V, example=1, reason="invalid access token"),
    Case("duffel_test.env", "duffel.test-access-token", L),
    Case("duffel_bad.py", "duffel.test-access-token", U, example=1, variant="malformed", reason="JSON"),
    Case("telnyx.env", "telnyx.api-key", L, permission="balance currency: USD", access="admin"),
    Case("telnyx_old.sh", "telnyx.api-key", V, example=1, reason="authentication failed"),
    Case("telnyx_bad.env", "telnyx.api-key", U, derive=True, keep=36, variant="malformed", reason="JSON"),
    Case("wise.env", "wise.api-token", L, identity={"email": "ada@acme.example"}),
    Case("wise_old.yml", "wise.api-token", V, example=1, reason="invalid token"),
    Case("wise_bad.env", "wise.api-token", U, derive=True, variant="malformed", reason="JSON"),
    Case("pipedrive.env", "pipedrive.api-token", L, identity={"company": "Acme"}, access="write"),
    Case("pipedrive_admin.json", "pipedrive.api-token", L, example=1, variant="admin", access="admin"),
    Case("pipedrive_old.env", "pipedrive.api-token", V, derive=True, reason="unauthorized"),
    Case("lob.env", "lob.api-key", L, access="write"),
    Case("lob_old.yml", "lob.api-key", V, example=1, reason="invalid API key"),
    Case("lob_bad.env", "lob.api-key", U, derive=True, variant="malformed", reason="JSON"),
    Case("flutterwave.env", "flutterwave.secret-key", L, permission="balance currency: NGN", access="admin"),
    Case("flutterwave_old.js", "flutterwave.secret-key", V, example=1, reason="invalid authorization key"),
    Case("flutterwave_test.env", "flutterwave.test-secret-key", L, access="read"),
    Case("flutterwave_bad.json", "flutterwave.test-secret-key", U, example=1, variant="malformed", reason="JSON"),
    Case("paystack.env", "paystack.secret-key", L, access="admin"),
    Case("paystack_old.js", "paystack.secret-key", V, example=1, reason="invalid key"),
    Case("paystack_test.env", "paystack.test-secret-key", L, access="read"),
    Case("paystack_bad.py", "paystack.test-secret-key", U, example=1, variant="malformed", reason="JSON"),
    Case("mollie.env", "mollie.api-key", L, access="write"),
    Case("mollie_old.php", "mollie.api-key", V, example=1, reason="invalid key"),
    Case("mollie_bad.env", "mollie.api-key", U, derive=True, variant="malformed", reason="JSON"),
    Case("clerk.env", "clerk.secret-key", L, access="admin"),
    Case("clerk_old.yml", "clerk.secret-key", V, example=1, reason="invalid secret key"),
    Case("clerk_bad.env", "clerk.secret-key", U, derive=True, variant="malformed", reason="JSON"),
    Case("sonar.env", "sonarqube.user-token", L, identity={"login": "ci-bot"}, permission="global: scan",
         access="write"),
    Case("sonar_admin.sh", "sonarqube.user-token", L, example=1, variant="admin", access="admin"),
    Case("sonar_project.yml", "sonarqube.project-analysis-token", L, access="write"),
    Case("sonar_global_old.env", "sonarqube.global-analysis-token", V, reason="invalid token"),
    Case("sonar_bad.env", "sonarqube.global-analysis-token", U, example=1, variant="malformed", reason="JSON"),
    Case("gitea.env", "gitea.access-token", L, identity={"login": "ada"}, permission="site admin: false"),
    Case("gitea_old.yml", "gitea.access-token", V, example=1, reason="invalid token"),
    Case("gitea_bad.env", "gitea.access-token", U, derive=True, variant="malformed", reason="JSON"),
]

CASES += [
    Case("ado.env", "azure-devops.pat", L, pair="pat", identity={"email": "ada@acme.example"}),
    Case("ado_old.sh", "azure-devops.pat", V, example=1, reason="not accepted"),
    Case("ado_legacy.env", "azure-devops.pat.legacy", L, pair="pat", identity={"name": "Ada Lee"}),
    Case("ado_legacy_bad.yml", "azure-devops.pat.legacy", U, example=1, variant="malformed", reason="JSON"),
    Case("databricks.env", "databricks.personal-access-token", L, identity={"user": "ada@acme.example"},
         permission="group: data-eng", access="write"),
    Case("databricks_admin.cfg", "databricks.personal-access-token", L, example=1, variant="admin", access="admin"),
    Case("databricks_old.env", "databricks.personal-access-token", V, derive=True, keep=4, reason="invalid access token"),
    Case("consul.env", "hashicorp-consul.acl-token", L, permission="policy: global-management", access="admin"),
    Case("consul_old.sh", "hashicorp-consul.acl-token", V, example=1, reason="ACL token not found"),
    Case("consul_bad.env", "hashicorp-consul.acl-token", U, derive=True, variant="malformed", reason="JSON"),
    Case("octopus.env", "octopus-deploy.api-key", L, identity={"username": "ci"}),
    Case("octopus_old.sh", "octopus-deploy.api-key", V, example=1, reason="invalid API key"),
    Case("ipinfo.env", "ipinfo.api-key-url", L, permission="monthly limit: 50000", access="read"),
    Case("ipinfo_old.py", "ipinfo.api-key-url", V, example=1, reason="unknown token"),
    Case("ipinfo_bad.sh", "ipinfo.api-key-url", U, example=2, variant="malformed", reason="JSON"),
    Case("bscscan.env", "bscscan.api-key-url", L, access="read"),
    Case("bscscan_old.js", "bscscan.api-key-url", V, example=1, reason="invalid API key"),
    Case("bscscan_bad.sh", "bscscan.api-key-url", U, example=2, variant="malformed", reason="JSON"),
]


def derive(secret):
    """Another secret of the same shape: shift the hex or alnum characters."""
    out = []
    for i, c in enumerate(secret):
        if i % 3 == 1 and c in "0123456789abcdef":
            c = "0123456789abcdef"[("0123456789abcdef".index(c) + 7) % 16]
        out.append(c)
    return "".join(out)


def case_secret(c, ex):
    inp, secret = ex[c.rule][c.example]
    if c.derive:
        new = secret[:c.keep] + derive(secret[c.keep:])
        inp, secret = inp.replace(secret, new), new
    return inp, secret


def plant(rules_dir, src, tokens_path):
    ex = examples(rules_dir)
    tokens = {"live": [], "revoked": [], "pairs": {}, "variants": {}}
    for c in CASES:
        inp, secret = case_secret(c, ex)
        text = c.text.replace("{input}", inp) if c.text else inp + "\n"
        with open(os.path.join(src, c.name), "w") as f:
            f.write(text)
        # A revoked case's secret is unknown to the fake, except when the pair
        # is what makes it fail (the secret itself is live) or the provider
        # answers for a known but disabled key.
        if c.verdict == "live" or c.name == "algolia_other_app.env" or c.variant == "disabled":
            tokens["live"].append(secret)
        if c.pair:
            tokens["pairs"][secret] = c.pair
        if c.variant:
            tokens["variants"][secret] = c.variant
        if c.variant == "malformed":  # fake_providers.py answers a 200 that is not JSON
            tokens.setdefault("malformed", []).append(secret)
    with open(tokens_path, "w") as f:
        json.dump(tokens, f)


def check(rules_dir, report_path, log_path):
    ex = examples(rules_dir)
    with open(report_path) as f:
        findings = json.load(f)["findings"]
    results = []

    def expect(cond, msg):
        results.append(("ok " if cond else "FAIL ") + msg)

    for c in CASES:
        _, secret = case_secret(c, ex)
        f = next((f for f in findings if f["rule_id"] == c.rule and f["secret"] == secret
                  and os.path.basename(f["path"]) == c.name), None)
        if f is None:
            expect(False, f"{c.name}: no {c.rule} finding")
            continue
        v = f.get("verification", {})
        expect(v.get("verdict") == c.verdict,
               f"{c.name}: {c.rule} is {c.verdict} (got {v.get('verdict')}: {v.get('reason', '')})")
        for k, want in c.identity.items():
            got = v.get("identity", {}).get(k)
            expect(got == want, f"{c.name}: identity {k} = {want!r} (got {got!r})")
        if c.permission:
            perms = v.get("permissions", [])
            expect(any(c.permission in p for p in perms),
                   f"{c.name}: permission '{c.permission}' (got {perms})")
        if c.reason:
            expect(c.reason in v.get("reason", ""), f"{c.name}: reason has '{c.reason}' (got {v.get('reason')!r})")
        if c.access:
            got = (v.get("access") or {}).get("level")
            expect(got == c.access, f"{c.name}: access {c.access} (got {v.get('access')})")
    with open(log_path) as f:
        bad = [json.loads(line) for line in f if '"error"' in line]
    expect(not bad, f"every request had its provider's documented shape (wrong: {bad[:5]})")
    providers = {json.loads(line)["provider"] for line in open(log_path)}
    expect(len(providers) >= 30, f"requests reached {len(providers)} providers: {sorted(providers)}")
    print("\n".join(results))


if __name__ == "__main__":
    {"plant": plant, "check": check}[sys.argv[1]](*sys.argv[2:])
