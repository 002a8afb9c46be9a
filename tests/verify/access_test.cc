#include "verify/access.h"

#include <gtest/gtest.h>

#include <set>

#include "builtin/builtin.h"
#include "verify/http_verifier.h"
#include "verify/verifier_set.h"

namespace leakhound::verify {
namespace {

VerifyResult Live(std::vector<std::string> permissions) {
  VerifyResult r;
  r.verdict = Verdict::kLive;
  r.permissions = std::move(permissions);
  return r;
}

TEST(AccessTest, GlobMatchesWholeStrings) {
  EXPECT_TRUE(GlobMatch("scope: repo", "scope: repo"));
  EXPECT_FALSE(GlobMatch("scope: repo", "scope: repo:status"));
  EXPECT_TRUE(GlobMatch("scope: write:*", "scope: write:packages"));
  EXPECT_TRUE(GlobMatch("*.read", "alerts.read"));
  EXPECT_FALSE(GlobMatch("*.read", "alerts.read.more"));
  EXPECT_TRUE(GlobMatch("tables in *INSERT*", "tables in app: INSERT 3, SELECT 4"));
  EXPECT_TRUE(GlobMatch("*", ""));
  EXPECT_TRUE(GlobMatch("a*b*c", "aXXbYYc"));
  EXPECT_FALSE(GlobMatch("a*b*c", "aXXbYY"));
  EXPECT_FALSE(GlobMatch("", "x"));
}

TEST(AccessTest, HighestMatchingLevelWins) {
  AccessSpec spec;
  spec.admin = {"scope: admin:*"};
  spec.write = {"scope: repo"};
  spec.read = {"scope: read:*"};
  VerifyResult r = Live({"scope: read:org", "scope: repo"});
  ApplyAccess(spec, &r);
  EXPECT_EQ(r.access, "write");
  EXPECT_EQ(r.access_basis, "scope: repo");
  r = Live({"scope: repo", "scope: admin:org"});
  ApplyAccess(spec, &r);
  EXPECT_EQ(r.access, "admin");
  EXPECT_EQ(r.access_basis, "scope: admin:org");
  r = Live({"scope: gist"});
  ApplyAccess(spec, &r);
  EXPECT_EQ(r.access, "");  // no level given: undetermined
}

TEST(AccessTest, FixedLevelAppliesWhenNothingMatches) {
  AccessSpec spec;
  spec.admin = {"role: OWNER"};
  spec.level = "write";
  spec.basis = "API key: generation billed to the account";
  VerifyResult r = Live({"role: MEMBER"});
  ApplyAccess(spec, &r);
  EXPECT_EQ(r.access, "write");
  EXPECT_EQ(r.access_basis, "API key: generation billed to the account");
  r = Live({"role: OWNER"});
  ApplyAccess(spec, &r);
  EXPECT_EQ(r.access, "admin");
}

TEST(AccessTest, OnlyLiveResultsGetALevel) {
  AccessSpec spec;
  spec.level = "admin";
  VerifyResult r;
  r.verdict = Verdict::kRevoked;
  ApplyAccess(spec, &r);
  EXPECT_EQ(r.access, "");
  r.verdict = Verdict::kUnknown;
  ApplyAccess(spec, &r);
  EXPECT_EQ(r.access, "");
}

TEST(AccessTest, RaiseNeverLowers) {
  VerifyResult r = Live({});
  RaiseAccess(&r, "admin", "root");
  RaiseAccess(&r, "read", "x");
  EXPECT_EQ(r.access, "admin");
  EXPECT_EQ(r.access_basis, "root");
  EXPECT_EQ(AccessRank("bogus"), -1);
}

TEST(AccessTest, SpecParsesTheAccessForms) {
  auto s = ParseSpec(R"(
name = "svc"
base_url = "https://api.example.com"
path = "/me"
live = { status = 200, json_present = ["/id"] }
access = { admin = ["role: owner"], write = ["scope: *:write"], read = ["scope: *"], level = "read", basis = "key" }
)");
  ASSERT_TRUE(s) << s.error().message;
  EXPECT_EQ(s->access.admin, std::vector<std::string>{"role: owner"});
  EXPECT_EQ(s->access.level, "read");
  EXPECT_EQ(s->access.basis, "key");
  EXPECT_NE(DescribeReports(*s).find("access level"), std::string::npos);
  auto fixed = ParseSpec(
      "name = 'svc'\nbase_url = 'https://a.example.com'\nlive = { status = 200, json_present = "
      "['/id'] }\naccess = 'admin'\n");
  ASSERT_TRUE(fixed) << fixed.error().message;
  EXPECT_EQ(fixed->access.level, "admin");
  for (const char* bad : {"access = 'owner'", "access = {}", "access = { level = 'root' }",
                          "access = { admin = 'x' }", "access = { extra = ['x'] }", "access = 3"}) {
    auto r = ParseSpec(
        std::string("name = 'svc'\nbase_url = 'https://a.example.com'\nlive = { status = 200, "
                    "json_present = ['/id'] }\n") +
        bad + "\n");
    EXPECT_FALSE(r) << bad;
  }
}

TEST(AccessTest, ClassifiedLiveAnswerGetsItsLevelThroughTheVerifierSpec) {
  auto s = ParseSpec(R"(
name = "svc"
base_url = "https://api.example.com"
path = "/me"
permissions = [{ from = "/scopes", prefix = "scope: " }]
live = { status = 200, json_present = ["/scopes"] }
access = { write = ["scope: *:write"], read = ["scope: *:read"] }
)");
  ASSERT_TRUE(s) << s.error().message;
  HttpResponse resp;
  resp.status = 200;
  resp.body = R"({"scopes": ["boards:read", "boards:write"]})";
  VerifyResult r = Classify(*s, s->request, resp);
  ApplyAccess(s->access, &r);
  EXPECT_EQ(r.access, "write");
  EXPECT_EQ(r.access_basis, "scope: boards:write");
}

// Issue 13: at least 190 verifiable built-in rules, and at least 60
// providers whose live verdicts carry an access level.
TEST(AccessTest, BuiltinCoverage) {
  auto rules = builtin::Rules();
  ASSERT_TRUE(rules) << rules.error().message;
  std::vector<const rules::Rule*> list;
  for (const auto& r : *rules) list.push_back(&r);
  VerifierSet set = VerifierSet::Build(list);
  size_t verifiable = 0;
  std::set<std::string> with_access;
  for (size_t i = 0; i < set.size(); ++i) {
    const Verifier* v = set.at(i);
    if (v == nullptr) continue;
    ++verifiable;
    auto* h = dynamic_cast<const HttpVerifier*>(v);
    if (h == nullptr || !h->spec().access.empty()) with_access.insert(list[i]->provider);
  }
  EXPECT_GE(verifiable, 190u);
  EXPECT_GE(with_access.size(), 60u);
}

}  // namespace
}  // namespace leakhound::verify
