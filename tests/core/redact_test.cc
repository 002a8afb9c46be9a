#include "core/redact.h"

#include <gtest/gtest.h>

namespace leakhound {
namespace {

TEST(RedactTest, RedactsSecretLikeTokens) {
  const std::string tok = "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";
  std::string out = RedactSecretLike("invalid regex: missing ): key_" + tok + "(");
  EXPECT_EQ(out.find("dGlMoiyrlf"), std::string::npos) << out;
  EXPECT_EQ(out, "invalid regex: missing ): key_********(");
  EXPECT_EQ(RedactSecretLike("size 'Tr0ub4dor3xyz'"), "size 'Tr********'");
  EXPECT_EQ(RedactSecretLike("CorrectHorseBatteryStaple"), "Corr********");
}

TEST(RedactTest, KeepsPathsRuleIdsAndWords) {
  for (const char* keep :
       {"rules/github.toml: rule 'github.pat.classic'", "'no.such.rule' matches no rule; ignored",
        "invalid size '12X'", "generic-api-key", "/tmp/lh-e2e.Ab12Cd/config.toml"}) {
    EXPECT_EQ(RedactSecretLike(keep), keep);
  }
}

}  // namespace
}  // namespace leakhound
