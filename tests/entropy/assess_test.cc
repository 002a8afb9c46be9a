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

TEST(AssessTest, PasswordEqualToTheUserIsADefault) {
  EXPECT_TRUE(IsDictionaryPassword("postgres"));
  EXPECT_FALSE(PasswordIsUser("postgres://app:Kq7Lw2Rt9Zx4@db", "Kq7Lw2Rt9Zx4"));
  std::string url = "amqp://svc-billing:svc-billing@rabbit.acme.io:5672/";
  EXPECT_TRUE(PasswordIsUser(url, "svc-billing"));
  AssessInput in;
  in.path = "docker-compose.yml";
  in.line = url;
  in.whole = url;
  in.secret = std::string_view(url).substr(19, 11);
  in.base = Confidence::kHigh;
  in.credential = CredentialKind::kPassword;
  Finding f;
  Assess(in, Thresholds{}, &f);
  EXPECT_EQ(f.confidence, Confidence::kLow);
  EXPECT_TRUE(Has(f, "password equals the user name"));
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

TEST(AssessTest, ProviderAliasesMatchAsNamePartsWhenShort) {
  const std::string hex32 = "9e107d9d372bb6826bd81d3542a419d6";
  // "atera" (5 characters) names Atera as a name part, in any case or camel case...
  const Provider* p = InferProvider("ATERA_API_KEY", "", hex32);
  ASSERT_NE(p, nullptr);
  EXPECT_EQ(p->name, "Atera");
  p = InferProvider("ateraApiKey", "", hex32);
  ASSERT_NE(p, nullptr);
  EXPECT_EQ(p->name, "Atera");
  p = InferProvider("myAteraKey", "", hex32);
  ASSERT_NE(p, nullptr);
  EXPECT_EQ(p->name, "Atera");
  // ... but not inside another word.
  EXPECT_EQ(InferProvider("BILATERAL_API_KEY", "", hex32), nullptr);
  EXPECT_EQ(InferProvider("", "# collateral damage\n", hex32), nullptr);
  // Longer aliases match anywhere.
  p = InferProvider("MYVIRUSTOTALKEY", "", hex32 + hex32);
  ASSERT_NE(p, nullptr);
  EXPECT_EQ(p->name, "VirusTotal");
}

TEST(AssessTest, ProviderNearestTheValueWins) {
  const std::string uuid = "3f9c2a71-8d4e-4b06-a5f2-c71e9d03b8a4";
  std::string_view alias;
  // Both Opsgenie and Moosend take UUID keys; the name nearer the value wins.
  const Provider* p =
      InferProvider("KEY", "# moosend list sync\n# opsgenie heartbeat\n", uuid, &alias);
  ASSERT_NE(p, nullptr);
  EXPECT_EQ(p->name, "Opsgenie");
  EXPECT_EQ(alias, "opsgenie");
  // The key's own name beats the text before it.
  p = InferProvider("MOOSEND_KEY", "# opsgenie heartbeat\nMOOSEND_KEY=", uuid);
  ASSERT_NE(p, nullptr);
  EXPECT_EQ(p->name, "Moosend");
}

TEST(AssessTest, ProviderTableRejectsShortOrUpperCaseAliases) {
  size_t bad = 0;
  auto t = ParseProviders("A\tab\thex\t32\t32\nB\tBee\thex\t32\t32\nC\tcee\thex\t32\t32\n", &bad);
  EXPECT_EQ(bad, 2u);
  ASSERT_EQ(t.size(), 1u);
  EXPECT_EQ(t[0].name, "C");
  // The built-in table: several hundred providers, every line well formed.
  bad = 0;
  EXPECT_GE(ParseProviders(data::ProvidersTsv(), &bad).size(), 400u);
  EXPECT_EQ(bad, 0u);
}

}  // namespace
}  // namespace leakhound::entropy
