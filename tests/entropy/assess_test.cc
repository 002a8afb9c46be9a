#include "entropy/assess.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <string>

#include "entropy/generic_data.h"
#include "entropy/providers.h"

namespace leakhound::entropy {
namespace {

bool Has(const Finding& f, const std::string& reason) {
  return std::find(f.confidence_reasons.begin(), f.confidence_reasons.end(), reason) !=
         f.confidence_reasons.end();
}

TEST(AssessTest, PathsOfTestsExamplesAndDocs) {
  EXPECT_STREQ(PathReason("src/app/tests/fixtures/keys.py"), "test path");
  EXPECT_STREQ(PathReason("pkg/client_test.go"), "test path");
  EXPECT_STREQ(PathReason("examples/deploy.sh"), "example path");
  EXPECT_STREQ(PathReason("docs/api.md"), "docs path");
  EXPECT_STREQ(PathReason("README.md"), "docs path");
  EXPECT_EQ(PathReason("src/config/latest.json"), nullptr);
  EXPECT_EQ(PathReason("deploy/prod.env"), nullptr);
}

TEST(AssessTest, ContextLowersAndSaysWhy) {
  std::string line = "token = \"Wq7Zt2Lm9Rx4Vb8Nc3Kd6Hs1\"  # example value";
  AssessInput in;
  in.path = "tests/test_client.py";
  in.line = line;
  in.secret = std::string_view(line).substr(9, 24);
  in.whole = in.secret;
  in.base = Confidence::kHigh;
  Finding f;
  Assess(in, Thresholds{}, &f);
  EXPECT_EQ(f.confidence, Confidence::kLow);
  EXPECT_TRUE(Has(f, "test path"));
  EXPECT_TRUE(Has(f, "example word nearby"));
}

TEST(AssessTest, ChecksumValidatedFormatsStayAtMedium) {
  std::string line = "GITHUB_TOKEN=ghp_x  # fake, for the tests";
  AssessInput in;
  in.path = "test/fixtures/env";
  in.line = line;
  in.secret = std::string_view(line).substr(13, 5);
  in.base = Confidence::kHigh;
  in.checksum = true;
  Finding f;
  Assess(in, Thresholds{}, &f);
  EXPECT_EQ(f.confidence, Confidence::kMedium);
  EXPECT_TRUE(Has(f, "test path"));
}

TEST(AssessTest, DictionaryPasswords) {
  EXPECT_TRUE(IsDictionaryPassword("secret"));
  EXPECT_TRUE(IsDictionaryPassword("Password123!"));
  EXPECT_TRUE(IsDictionaryPassword("wrongpass"));
  EXPECT_FALSE(IsDictionaryPassword("u95vFrDoDpgtgqTyWiFP"));
  std::string scratch;
  // base64("fake:user")
  EXPECT_EQ(PasswordOf(CredentialKind::kBasicAuth, "ZmFrZTp1c2Vy", &scratch), "user");
  EXPECT_EQ(PasswordOf(CredentialKind::kUserPass, "name:passwd", &scratch), "passwd");
  std::string line = "Authorization: Basic dGVzdHVzZXI6d3JvbmdwYXNz";  // testuser:wrongpass
  AssessInput in;
  in.path = "lib/http.c";
  in.line = line;
  in.secret = std::string_view(line).substr(21);
  in.base = Confidence::kMedium;
  in.credential = CredentialKind::kBasicAuth;
  Finding f;
  Assess(in, Thresholds{}, &f);
  EXPECT_EQ(f.confidence, Confidence::kLow);
  EXPECT_TRUE(Has(f, "dictionary password"));
}

TEST(AssessTest, InfersKeywordOnlyProviders) {
  size_t bad = 0;
  auto table = ParseProviders(data::ProvidersTsv(), &bad);
  EXPECT_EQ(bad, 0u);
  EXPECT_GE(table.size(), 40u);
  std::string text = "# Zipcodebase\nZIP_API_KEY=5c1e7a0b-94d2-4f3e-8a61-d07b2c9e3f45";
  std::string_view all(text);
  AssessInput in;
  in.path = "config/.env";
  in.line = all.substr(14);
  in.whole = all.substr(14);
  in.secret = all.substr(26);
  in.before = all.substr(0, 26);
  in.scored = true;
  Finding f;
  Assess(in, Thresholds{}, &f);
  EXPECT_EQ(f.inferred_provider, "Zipcodebase");
  EXPECT_TRUE(Has(f, "provider Zipcodebase inferred from the word 'zipcodebase'"));
  // The shape must fit: a 32-hex key is not a Zipcodebase (UUID) key.
  EXPECT_EQ(InferProvider("", "zipcodebase", "0123456789abcdef0123456789abcdef"), nullptr);
  EXPECT_NE(InferProvider("WEATHERSTACK_KEY", "", "9f86d081884c7d659a2feaa0c55ad015"), nullptr);
}

}  // namespace
}  // namespace leakhound::entropy
