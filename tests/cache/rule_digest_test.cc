#include "cache/rule_digest.h"

#include <gtest/gtest.h>

namespace leakhound::cache {
namespace {

rules::Rule Base() {
  rules::Rule r;
  r.id = "test.tok";
  r.regex = "tok_([a-z0-9]{16})";
  r.secret_group = 1;
  r.keywords = {"tok_"};
  return r;
}

TEST(RuleDigestTest, MatchingFieldsChangeIt) {
  const uint64_t base = RuleDigest(Base());
  EXPECT_EQ(RuleDigest(Base()), base);
  rules::Rule r = Base();
  r.regex = "tok_([a-z0-9]{17})";
  EXPECT_NE(RuleDigest(r), base);
  r = Base();
  r.min_entropy = 3;
  EXPECT_NE(RuleDigest(r), base);
  r = Base();
  r.keywords = {"tok"};
  EXPECT_NE(RuleDigest(r), base);
  r = Base();
  r.id = "test.other";
  EXPECT_NE(RuleDigest(r), base);
}

TEST(RuleDigestTest, AllowlistsAndDescriptionsDoNot) {
  const uint64_t base = RuleDigest(Base());
  rules::Rule r = Base();
  r.description = "a token";
  r.severity = Severity::kLow;
  r.allowlists.push_back(rules::Allowlist{});
  r.allowlists.back().stopwords = {"example"};
  r.examples.push_back(rules::Example{"tok_0123456789abcdef", "", ""});
  r.source = "elsewhere.toml";
  EXPECT_EQ(RuleDigest(r), base);
}

}  // namespace
}  // namespace leakhound::cache
