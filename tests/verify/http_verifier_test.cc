// Declarative verifiers against a real loopback HTTP server through libcurl:
// valid key, revoked key, rate limiting, a slow answer past the timeout,
// malformed JSON, a redirect to another host, and the https-only policy.
#include "verify/http_verifier.h"

#include <gtest/gtest.h>

#include "verify/curl_http_client.h"
#include "verify/test_server.h"

namespace leakhound::verify {
namespace {

using testing::TestRequest;
using testing::TestResponse;
using testing::TestServer;

constexpr char kGithubLike[] = R"(
name = "testhub"
base_url = "https://api.testhub.invalid"
path = "/user"
headers = { Authorization = "token {{secret}}", Accept = "application/json" }
identity = { login = "/login", name = "/name" }
permissions = ["header:X-OAuth-Scopes"]
expires = "header:X-Token-Expiration"
live = { status = 200, json_present = ["/login"] }
revoked = { status = 401, reason = "bad credentials" }

[[extra]]
path = "/users/{{identity.login}}/orgs"
headers = { Authorization = "token {{secret}}" }
permissions = [{ from = "/*/login", prefix = "org: " }]
)";

TestResponse Hub(const TestRequest& r) {
  std::string auth = r.headers.count("authorization") ? r.headers.at("authorization") : "";
  if (auth == "token live-token" && r.path == "/user") {
    return {200,
            {{"X-OAuth-Scopes", "repo, read:org"}, {"X-Token-Expiration", "2031-01-01"}},
            R"({"login":"octo","name":"Octo Cat"})"};
  }
  if (auth == "token live-token" && r.path == "/users/octo/orgs") {
    return {200, {}, R"([{"login":"acme"},{"login":"initech"}])"};
  }
  if (auth == "token limited") return {429, {}, "{}"};
  if (auth == "token slow") return {200, {}, R"({"login":"late"})", 3000};
  if (auth == "token garbled") return {200, {}, "<html>oops"};
  if (auth == "token moved") return {302, {{"Location", "http://127.0.0.2:9/steal"}}, ""};
  if (auth == "token teapot") return {418, {}, "{}"};
  return {401, {}, R"({"message":"Bad credentials"})"};
}

class HttpVerifierTest : public ::testing::Test {
 protected:
  VerifyResult Run(const std::string& secret, const std::string& base) {
    auto spec = ParseSpec(kGithubLike);
    EXPECT_TRUE(spec) << spec.error().message;
    HttpVerifier v(std::move(*spec));
    Endpoints endpoints({{"testhub", base}});
    Finding f;
    f.secret = Secret(secret);
    Candidate c;
    c.finding = &f;
    CurlHttpClient http;
    Context ctx{&http, &endpoints, nullptr, 1.0};
    return v.Verify(c, ctx);
  }
  TestServer server_{Hub};
};

TEST_F(HttpVerifierTest, LiveKeyReportsIdentityScopesExpiryAndBlastRadius) {
  VerifyResult r = Run("live-token", server_.url());
  EXPECT_EQ(r.verdict, Verdict::kLive) << r.reason;
  EXPECT_EQ(r.identity["login"], "octo");
  EXPECT_EQ(r.identity["name"], "Octo Cat");
  EXPECT_EQ(r.expires, "2031-01-01");
  EXPECT_EQ(r.permissions,
            (std::vector<std::string>{"repo", "read:org", "org: acme", "org: initech"}));
  auto reqs = server_.requests();
  ASSERT_EQ(reqs.size(), 2u);
  EXPECT_EQ(reqs[0].headers["authorization"], "token live-token");
  EXPECT_EQ(reqs[0].headers["accept"], "application/json");
}

TEST_F(HttpVerifierTest, RevokedKey) {
  VerifyResult r = Run("dead-token", server_.url());
  EXPECT_EQ(r.verdict, Verdict::kRevoked);
  EXPECT_EQ(r.reason, "bad credentials");
  EXPECT_TRUE(r.identity.empty());
}

TEST_F(HttpVerifierTest, LineBreaksNeverReachAHeader) {
  VerifyResult r = Run("tok\r\nX-Injected: 1", server_.url());
  EXPECT_EQ(r.verdict, Verdict::kUnknown);
  EXPECT_NE(r.reason.find("line break"), std::string::npos) << r.reason;
  EXPECT_EQ(server_.requests().size(), 0u);
}

TEST_F(HttpVerifierTest, RateLimitedIsUnknown) {
  VerifyResult r = Run("limited", server_.url());
  EXPECT_EQ(r.verdict, Verdict::kUnknown);
  EXPECT_EQ(r.reason, "rate limited (HTTP 429)");
}

TEST_F(HttpVerifierTest, SlowAnswerTimesOutAsUnknown) {
  VerifyResult r = Run("slow", server_.url());
  EXPECT_EQ(r.verdict, Verdict::kUnknown);
  EXPECT_EQ(r.reason, "timeout");
}

TEST_F(HttpVerifierTest, MalformedJsonIsNeverLive) {
  VerifyResult r = Run("garbled", server_.url());
  EXPECT_EQ(r.verdict, Verdict::kUnknown);
  EXPECT_NE(r.reason.find("not JSON"), std::string::npos) << r.reason;
}

TEST_F(HttpVerifierTest, UndeclaredStatusIsUnknown) {
  VerifyResult r = Run("teapot", server_.url());
  EXPECT_EQ(r.verdict, Verdict::kUnknown);
  EXPECT_EQ(r.reason, "unexpected answer: HTTP 418");
}

TEST_F(HttpVerifierTest, RedirectToAnotherHostIsNotFollowed) {
  TestServer other([](const TestRequest&) { return TestResponse{200, {}, R"({"login":"x"})"}; });
  TestServer redirector([&](const TestRequest&) {
    return TestResponse{307, {{"Location", other.url() + "/user"}}, ""};
  });
  VerifyResult r = Run("live-token", redirector.url());
  EXPECT_EQ(r.verdict, Verdict::kUnknown);
  EXPECT_EQ(r.reason, "redirect (HTTP 307) not followed");
  EXPECT_EQ(other.requests().size(), 0u);
  EXPECT_EQ(redirector.requests().size(), 1u);
}

TEST_F(HttpVerifierTest, PlainHttpOnlyForOverriddenLoopbackBases) {
  CurlHttpClient http;
  HttpRequest req;
  req.url = server_.url() + "/user";
  auto refused = http.Send(req);  // not an override: https only
  ASSERT_FALSE(refused);
  EXPECT_NE(refused.error().message.find("non-https"), std::string::npos);
  EXPECT_EQ(server_.requests().size(), 0u);
  req.allow_loopback_http = true;
  auto sent = http.Send(req);
  ASSERT_TRUE(sent) << sent.error().message;
  EXPECT_EQ(sent->status, 401);
  req.url = "http://example.com/user";  // loopback permission is not a general one
  EXPECT_FALSE(http.Send(req));
}

TEST_F(HttpVerifierTest, EndpointOverridesMustBeHttpsOrLoopback) {
  Endpoints e({{"a", "http://10.0.0.1:80"},
               {"b", "https://ghe.example.com/api/v3/"},
               {"c", "http://localhost:8080"}});
  EXPECT_FALSE(e.Resolve("a", "https://default").overridden);
  EXPECT_EQ(e.problems().size(), 1u);
  EXPECT_EQ(e.Resolve("b", "https://default").url, "https://ghe.example.com/api/v3");
  EXPECT_TRUE(e.Resolve("C", "").overridden);
  EXPECT_EQ(Endpoints::EnvName("hugging-face"), "LEAKHOUND_VERIFY_BASE_URL_HUGGING_FACE");
}

TEST_F(HttpVerifierTest, EndpointOverridesFromTheEnvironment) {
  // As cli/ passes them: every variable with the prefix; explicit ones win.
  Endpoints e({{"b", "https://explicit.example.com"}},
              {{"LEAKHOUND_VERIFY_BASE_URL_A", "https://env-a.example.com/"},
               {"LEAKHOUND_VERIFY_BASE_URL_B", "https://env-b.example.com"},
               {"LEAKHOUND_VERIFY_BASE_URL_C", "http://10.0.0.1"},
               {"OTHER_VARIABLE", "https://other.example.com"}});
  BaseUrl a = e.Resolve("a", "https://default");
  EXPECT_EQ(a.url, "https://env-a.example.com");
  EXPECT_EQ(a.source, "LEAKHOUND_VERIFY_BASE_URL_A");
  EXPECT_EQ(e.Resolve("b", "").url, "https://explicit.example.com");
  EXPECT_EQ(e.Resolve("b", "").source, "--verify-base-url");
  EXPECT_FALSE(e.Resolve("c", "https://default").overridden);
  ASSERT_EQ(e.problems().size(), 1u);
  EXPECT_NE(e.problems()[0].find("LEAKHOUND_VERIFY_BASE_URL_C"), std::string::npos);
  EXPECT_FALSE(e.Resolve("other_variable", "").overridden);
}

TEST(HttpVerifierCaptureTest, IdentityFromACaptureOnlyWhenLive) {
  TestServer server([](const TestRequest& r) -> TestResponse {
    if (r.headers.count("x-app") && r.headers.count("x-key") && r.headers.at("x-app") == "APP1" &&
        r.headers.at("x-key") == "good") {
      return {200, {}, R"({"acl":["search"]})"};
    }
    return {403, {}, R"({"message":"Invalid Application-ID or API key"})"};
  });
  auto spec = ParseSpec(R"(
name = "cap"
base_url = "https://{{capture.app}}.cap.invalid"
path = "/1/keys"
headers = { "X-App" = "{{capture.app}}", "X-Key" = "{{secret}}" }
identity = { app_id = "capture:app" }
permissions = ["/acl"]
live = { status = 200 }
revoked = { status = 403 }
)");
  ASSERT_TRUE(spec) << spec.error().message;
  EXPECT_FALSE(ParseSpec("name = 'x'\nlive = { status = 200 }\npermissions = ['capture:app']\n"));
  HttpVerifier v(std::move(*spec));
  Endpoints endpoints({{"cap", server.url()}});
  CurlHttpClient http;
  Context ctx{&http, &endpoints, nullptr, 1.0};
  auto run = [&](const char* secret, const char* app) {
    Finding f;
    f.secret = Secret(secret);
    Candidate c;
    c.finding = &f;
    if (app) c.values.map["app"] = app;
    return v.Verify(c, ctx);
  };
  VerifyResult live = run("good", "APP1");
  EXPECT_EQ(live.verdict, Verdict::kLive) << live.reason;
  EXPECT_EQ(live.identity["app_id"], "APP1");
  EXPECT_EQ(live.permissions, std::vector<std::string>{"search"});
  VerifyResult other_app = run("good", "APP2");
  EXPECT_EQ(other_app.verdict, Verdict::kRevoked);
  EXPECT_TRUE(other_app.identity.empty());
  VerifyResult no_app = run("good", nullptr);
  EXPECT_EQ(no_app.verdict, Verdict::kUnknown);
  EXPECT_NE(no_app.reason.find("capture 'app'"), std::string::npos) << no_app.reason;
}

TEST(ClassifyTest, JsonChecksDecide) {
  auto spec = ParseSpec(R"(
name = "chat"
base_url = "https://chat.invalid"
identity = { team = "/team" }
live = { status = 200, json = { "/ok" = true } }
[[revoked]]
status = 200
json = { "/error" = "invalid_auth" }
reason = "invalid_auth"
[[unknown]]
status = 200
json = { "/error" = "ratelimited" }
reason = "rate limited"
)");
  ASSERT_TRUE(spec) << spec.error().message;
  HttpResponse ok{200, {}, R"({"ok":true,"team":"acme"})"};
  HttpResponse bad{200, {}, R"({"ok":false,"error":"invalid_auth"})"};
  HttpResponse slow{200, {}, R"({"ok":false,"error":"ratelimited"})"};
  HttpResponse odd{200, {}, R"({"ok":"yes"})"};
  EXPECT_EQ(Classify(*spec, spec->request, ok).verdict, Verdict::kLive);
  EXPECT_EQ(Classify(*spec, spec->request, ok).identity.at("team"), "acme");
  EXPECT_EQ(Classify(*spec, spec->request, bad).verdict, Verdict::kRevoked);
  EXPECT_EQ(Classify(*spec, spec->request, slow).reason, "rate limited");
  EXPECT_EQ(Classify(*spec, spec->request, odd).verdict, Verdict::kUnknown);
}

TEST(ClassifyTest, ExtractJsonWildcardsAndEntries) {
  auto doc = nlohmann::json::parse(R"({"orgs":[{"name":"a"},{"name":"b"}],"acl":{"x":"read"}})");
  EXPECT_EQ(ExtractJson(doc, "/orgs/*/name", false), (std::vector<std::string>{"a", "b"}));
  EXPECT_EQ(ExtractJson(doc, "/orgs/1/name", false), (std::vector<std::string>{"b"}));
  EXPECT_EQ(ExtractJson(doc, "/acl", true), (std::vector<std::string>{"x: read"}));
  EXPECT_TRUE(ExtractJson(doc, "/missing", true).empty());
}

}  // namespace
}  // namespace leakhound::verify
