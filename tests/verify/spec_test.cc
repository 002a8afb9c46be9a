#include "verify/spec.h"

#include <gtest/gtest.h>

#include <map>
#include <set>

#include "builtin/builtin.h"
#include "rules/loader.h"
#include "verify/http_verifier.h"
#include "verify/verifier_set.h"

namespace leakhound::verify {
namespace {

TEST(SpecTest, ParsesEveryField) {
  auto s = ParseSpec(R"(
name = "svc"
base_url = "https://{{secret|after:-}}.api.example.com"
method = "POST"
path = "/v1/check"
headers = { "X-Key" = "{{secret}}" }
body = '{"k":"{{secret|json}}"}'
basic_auth = ["{{capture.id}}", "{{secret}}"]
identity = { account = "/id", org = { from = "header:X-Org" } }
permissions = ["/scopes", { from = "/role", prefix = "role: ", split = " " }]
expires = "/expires_at"
live = { status = [200, 201] }
revoked = [{ status = 401 }, { status = 403, body_contains = "invalid" }]
unknown = { status = 403, reason = "other region" }
pairs = { id = "svc.id" }
grants = ["full access"]
reports = "account, scopes"
)");
  ASSERT_TRUE(s) << s.error().message;
  EXPECT_EQ(s->name, "svc");
  EXPECT_EQ(s->request.method, "POST");
  EXPECT_EQ(s->request.headers.size(), 1u);
  EXPECT_EQ(s->request.basic_auth.size(), 2u);
  EXPECT_EQ(s->request.identity.size(), 2u);
  EXPECT_EQ(s->request.identity[1].split, ",");  // headers split on commas
  EXPECT_EQ(s->request.permissions[1].prefix, "role: ");
  EXPECT_EQ(s->live[0].status, (std::vector<long>{200, 201}));
  EXPECT_EQ(s->revoked.size(), 2u);
  EXPECT_EQ(s->unknown[0].reason, "other region");
  EXPECT_EQ(s->pairs.at("id"), "svc.id");
  EXPECT_EQ(DescribeReports(*s), "account, scopes");
}

TEST(SpecTest, RejectsUnsafeOrIncompleteSpecs) {
  EXPECT_FALSE(ParseSpec("name='x'\nbase_url='http://api.example.com'\nlive={status=200}"));
  EXPECT_FALSE(ParseSpec("base_url='https://api.example.com'\nlive={status=200}"));
  EXPECT_FALSE(ParseSpec("name='x'\nbase_url='https://api.example.com'"));
  EXPECT_FALSE(ParseSpec("name='x'\nbase_url='https://a'\nlive={status=200}\ncolour='red'"));
  EXPECT_FALSE(ParseSpec("name='x'\nurl_from_secret=true\nlive={status=200}"));  // no hosts
  EXPECT_FALSE(ParseSpec("name='x'\nbase_url='https://a'\npath='x'\nlive={status=200}"));
  EXPECT_FALSE(ParseSpec("same_as='a.b'\nname='x'"));
  auto same = ParseSpec("same_as = 'github.pat.classic'");
  ASSERT_TRUE(same);
  EXPECT_EQ(same->same_as, "github.pat.classic");
}

// The loader keeps [rule.verify] as re-serialized TOML: it must parse back.
TEST(SpecTest, RoundTripsThroughTheRulesLoader) {
  auto rules = rules::ParseToml(R"(
[[rule]]
id = "t.tok"
description = "test"
regex = 'tok_[a-z]{8}'
[rule.verify]
name = "t"
base_url = "https://api.example.com"
path = "/me"
headers = { Authorization = "Bearer {{secret}}" }
live = { status = 200, json = { "/ok" = true } }
[[rule.verify.extra]]
path = "/me/orgs"
permissions = ["/*/name"]
)",
                                "<test>");
  ASSERT_TRUE(rules) << rules.error().message;
  auto spec = ParseSpec((*rules)[0].verify_spec);
  ASSERT_TRUE(spec) << spec.error().message << "\n" << (*rules)[0].verify_spec;
  EXPECT_EQ(spec->live[0].json[0].first, "/ok");
  EXPECT_EQ(spec->extra.size(), 1u);
}

// Every built-in rule's verifier resolves, and together they cover at least
// 40 providers, at least 10 of them reporting blast radius.
TEST(SpecTest, BuiltinVerifiersResolveAndCoverTheProviders) {
  auto rules = builtin::Rules();
  ASSERT_TRUE(rules) << rules.error().message;
  std::vector<const rules::Rule*> list;
  for (const auto& r : *rules) list.push_back(&r);
  VerifierSet set = VerifierSet::Build(list);
  std::set<std::string> providers, blast;
  for (size_t i = 0; i < set.size(); ++i) {
    EXPECT_EQ(set.error(i), "") << list[i]->id;
    const Verifier* v = set.at(i);
    if (v == nullptr) continue;
    providers.insert(list[i]->provider);
    EXPECT_FALSE(v->endpoint().empty()) << list[i]->id;
    if (auto* h = dynamic_cast<const HttpVerifier*>(v)) {
      const HttpSpec& s = h->spec();
      if (!s.url_from_secret && !s.base_url.empty()) {
        EXPECT_EQ(s.base_url.rfind("https://", 0), 0u) << list[i]->id;
      }
      if (!s.request.permissions.empty() || !s.extra.empty()) blast.insert(list[i]->provider);
    } else {
      blast.insert(list[i]->provider);  // code verifiers all report privileges
    }
  }
  std::string all;
  for (const auto& p : providers) all += p + ", ";
  EXPECT_GE(providers.size(), 40u) << all;
  EXPECT_GE(blast.size(), 10u);
  // The providers issue 6 names, by how often their keys leak: every one has a verifier.
  for (const char* named :
       {"GitHub",          "GitLab",     "Slack",        "Stripe",   "AWS",     "Google Cloud",
        "OpenAI",          "Anthropic",  "Hugging Face", "SendGrid", "Twilio",  "Mailgun",
        "Mailchimp",       "npm",        "DigitalOcean", "Heroku",   "Datadog", "New Relic",
        "Sentry",          "Shopify",    "Discord",      "Telegram", "Notion",  "Linear",
        "Atlassian",       "Okta",       "Cloudflare",   "Netlify",  "Vercel",  "Postman",
        "PagerDuty",       "Algolia",    "Mapbox",       "Square",   "PayPal",  "Doppler",
        "HashiCorp Vault", "Docker Hub", "PostgreSQL",   "MySQL"}) {
    std::string n = named;
    if ((n == "PostgreSQL" && !FindCodeVerifier("postgres")) ||
        (n == "MySQL" && !FindCodeVerifier("mysql"))) {
      continue;  // built without libpq / libmariadb
    }
    EXPECT_TRUE(providers.count(n)) << n << " has no verifier";
  }
}

TEST(SpecTest, JsonTypeChecks) {
  auto s = ParseSpec(R"(
name = "svc"
base_url = "https://api.example.com"
path = "/v1/projects"
live = { status = 200, json_type = { "" = "array" } }
)");
  ASSERT_TRUE(s) << s.error().message;
  auto verdict = [&](const std::string& body) {
    return Classify(*s, s->request, HttpResponse{200, {}, body}).verdict;
  };
  EXPECT_EQ(verdict("[]"), Verdict::kLive);
  EXPECT_EQ(verdict(R"([{"id":"p1"}])"), Verdict::kLive);
  EXPECT_EQ(verdict("{}"), Verdict::kUnknown);
  EXPECT_EQ(verdict("<html>ok</html>"), Verdict::kUnknown);
  EXPECT_FALSE(
      ParseSpec("name='x'\nbase_url='https://a'\nlive={status=200,json_type={'/a'='list'}}"));
  EXPECT_FALSE(ParseSpec("name='x'\nbase_url='https://a'\nlive={status=200,json_type=['/a']}"));
}

// The built-in verifiers, by rule id (same_as resolved).
class BuiltinSpecs {
 public:
  BuiltinSpecs() {
    auto loaded = builtin::Rules();
    if (!loaded) return;
    rules_ = std::move(*loaded);
    std::vector<const rules::Rule*> list;
    for (const auto& r : rules_) list.push_back(&r);
    set_ = VerifierSet::Build(list);
    for (size_t i = 0; i < list.size(); ++i) {
      if (auto* h = dynamic_cast<const HttpVerifier*>(set_.at(i))) by_id_[list[i]->id] = h;
    }
  }
  const std::map<std::string, const HttpVerifier*>& all() const { return by_id_; }
  VerifyResult Answer(const std::string& id, long status, const std::string& body) const {
    const HttpSpec& spec = by_id_.at(id)->spec();
    return Classify(spec, spec.request, HttpResponse{status, {}, body});
  }

 private:
  std::vector<rules::Rule> rules_;
  VerifierSet set_;
  std::map<std::string, const HttpVerifier*> by_id_;
};

// A bare HTTP 200 (an error page, a captive portal, a proxy answering for the
// provider) is never live: every built-in verifier also checks the body.
TEST(SpecTest, NoBuiltinVerifierIsLiveOnABare200) {
  BuiltinSpecs b;
  ASSERT_GT(b.all().size(), 40u);
  for (const auto& [id, v] : b.all()) {
    for (const char* body : {"", "{}", "<html><body>OK</body></html>", "null"}) {
      EXPECT_NE(b.Answer(id, 200, body).verdict, Verdict::kLive)
          << id << " is live on HTTP 200 with body '" << body << "'";
    }
  }
}

// The providers' documented answers are live.
TEST(SpecTest, DocumentedAnswersAreLive) {
  BuiltinSpecs b;
  auto google =
      b.Answer("google-cloud.api-key", 200,
               R"({"kind":"discovery#directoryList","discoveryVersion":"v1","items":[]})");
  EXPECT_EQ(google.verdict, Verdict::kLive) << google.reason;
  auto render = b.Answer(
      "render.api-key", 200,
      R"([{"owner":{"id":"own-1","name":"Acme","email":"ops@acme.test","type":"team"},"cursor":"c1"}])");
  EXPECT_EQ(render.verdict, Verdict::kLive) << render.reason;
  EXPECT_EQ(render.permissions, (std::vector<std::string>{"workspace: Acme"}));
  auto supabase = b.Answer("supabase.personal-access-token", 200,
                           R"([{"id":"p1","organization_id":"o1","name":"prod"}])");
  EXPECT_EQ(supabase.verdict, Verdict::kLive) << supabase.reason;
  EXPECT_EQ(b.Answer("supabase.personal-access-token", 200, "[]").verdict, Verdict::kLive);
  auto runner = b.Answer("gitlab.runner-authentication-token", 200,
                         R"({"id":12345,"token":"glrt-x","token_expires_at":null})");
  EXPECT_EQ(runner.verdict, Verdict::kLive) << runner.reason;
  EXPECT_EQ(runner.identity["runner_id"], "12345");
}

// A Stripe test-mode key is reported as such, not as the live secret key's
// "full API access".
TEST(SpecTest, StripeTestKeyReportsTestMode) {
  BuiltinSpecs b;
  auto test = b.Answer("stripe.test-key", 200, R"({"id":"acct_1Test","country":"US"})");
  ASSERT_EQ(test.verdict, Verdict::kLive) << test.reason;
  std::string perms;
  for (const auto& p : test.permissions) perms += p + "; ";
  EXPECT_NE(perms.find("test mode"), std::string::npos) << perms;
  EXPECT_EQ(perms.find("full API access"), std::string::npos) << perms;
  auto live = b.Answer("stripe.secret-key", 200, R"({"id":"acct_1Live"})");
  std::string live_perms;
  for (const auto& p : live.permissions) live_perms += p + "; ";
  EXPECT_NE(live_perms.find("full API access"), std::string::npos) << live_perms;
  EXPECT_NE(b.all().at("stripe.test-key")->reports().find("test mode"), std::string::npos);
}

}  // namespace
}  // namespace leakhound::verify
