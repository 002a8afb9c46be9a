#include "entropy/judge.h"

#include <gtest/gtest.h>

#include <string>

namespace leakhound::entropy {
namespace {

// Judges "prefix + value" with the value as the secret.
Judgement J(const std::string& prefix, const std::string& value) {
  static std::string buf;  // the views must point into one buffer
  buf = prefix + value;
  return JudgeAssignment(buf, std::string_view(buf).substr(prefix.size()), '\n', Thresholds{});
}

TEST(JudgeTest, NameWordsDecide) {
  EXPECT_TRUE(J("STRIPE_KEY=", "Wq7Zt2Lm9Rx4Vb8Nc3Kd6Hs1").keep);
  EXPECT_TRUE(J("apiKey: '", "Wq7Zt2Lm9Rx4Vb8Nc3Kd6Hs1").keep);
  EXPECT_TRUE(J("client_secret = ", "Wq7Zt2Lm9Rx4Vb8Nc3Kd6Hs1").keep);
  EXPECT_TRUE(J("X-Api-Key: ", "Wq7Zt2Lm9Rx4Vb8Nc3Kd6Hs1").keep);
  EXPECT_TRUE(J("--api-key ", "Wq7Zt2Lm9Rx4Vb8Nc3Kd6Hs1").keep);
  EXPECT_FALSE(J("monkey=", "Wq7Zt2Lm9Rx4Vb8Nc3Kd6Hs1").keep);
  EXPECT_FALSE(J("public_key: ", "Wq7Zt2Lm9Rx4Vb8Nc3Kd6Hs1").keep);
  EXPECT_FALSE(J("TOKEN_URL=", "Wq7Zt2Lm9Rx4Vb8Nc3Kd6Hs1").keep);
  EXPECT_FALSE(J("commit_key: ", "4b825dc642cb6eb9a060e54bf8d69288fbee4904").keep);
  EXPECT_FALSE(J("request_id=", "Wq7Zt2Lm9Rx4Vb8Nc3Kd6Hs1").keep);
}

TEST(JudgeTest, OneWordNamesEndingWithAStrongWord) {
  EXPECT_TRUE(J("PGPASSWORD=", "leDkf9yuAnKwqTku").keep);
  EXPECT_TRUE(J("ROOTPASSWORD: ", "Wq7Zt2Lm9Rx4Vb8Nc3Kd6Hs1").keep);
  EXPECT_TRUE(J("apitoken=", "Wq7Zt2Lm9Rx4Vb8Nc3Kd6Hs1").keep);
  EXPECT_FALSE(J("csrftoken=", "Wq7Zt2Lm9Rx4Vb8Nc3Kd6Hs1").keep);
  EXPECT_FALSE(J("nexttoken: ", "Wq7Zt2Lm9Rx4Vb8Nc3Kd6Hs1").keep);
  EXPECT_FALSE(J("readpassphrase.3 => ", "Wq7Zt2Lm9Rx4Vb8Nc3Kd6Hs1").keep);  // an identifier
  EXPECT_TRUE(J("(\"api.secret\", \"", "Wq7Zt2Lm9Rx4Vb8Nc3Kd6Hs1").keep);    // a call pair
  EXPECT_FALSE(J("iconKey: ", "modeButton1AltLarge.tif").keep);              // a file name
  EXPECT_FALSE(J("PASS: ", "gdb.ada/assign_1.exp").keep);  // a test log result line
}

TEST(JudgeTest, ValueCutAtTheRuleLimitIsABlob) {
  const std::string alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
  std::string blob;
  uint32_t x = 12345;
  for (int i = 0; i < 256; ++i) {
    x = x * 1103515245u + 12345u;
    blob += alphabet[(x >> 16) % alphabet.size()];
  }
  std::string buf = "password: " + blob;
  std::string_view v = std::string_view(buf).substr(10);
  EXPECT_FALSE(JudgeAssignment(buf, v, 'Q', Thresholds{}).keep);  // runs on
  EXPECT_TRUE(JudgeAssignment(buf, v, '\n', Thresholds{}).keep);
}

TEST(JudgeTest, SplitsCamelCaseAndSeparators) {
  EXPECT_EQ(NameOf("--client-secret value"), "client-secret");
  EXPECT_EQ(NameOf("apiKey: x"), "apiKey");
  EXPECT_TRUE(J("stripeSecretKey = \"", "Wq7Zt2Lm9Rx4Vb8Nc3Kd6Hs1").keep);
  EXPECT_FALSE(J("keyboardShortcut = \"", "Wq7Zt2Lm9Rx4Vb8Nc3Kd6Hs1").keep);
}

TEST(JudgeTest, PlaceholdersAndIdentifiersAreQuiet) {
  for (const char* v :
       {"your-api-key-here", "xxxxxxxxxxxxxxxxxxxx", "00000000000000000000", "1234567890abcdef1234",
        "EXAMPLEKEY12345678", "dummy-value-123456", "test-token-123456789", "home.page.title",
        "USER_PROFILE_SETTINGS", "iVBORw0KGgoAAAANSUhEUgAAAAE", "#1a2b3c4d5e", "get_token"}) {
    EXPECT_FALSE(J("api_key = ", v).keep) << v;
  }
}

TEST(JudgeTest, UnquotedValueBeforeCallOrStatementEndIsCode) {
  std::string c = "passwd = Curl_memdup0x(creds_in);";
  std::string_view v = std::string_view(c).substr(9, 12);
  EXPECT_FALSE(JudgeAssignment(c, v, '(', Thresholds{}).keep);
  EXPECT_FALSE(JudgeAssignment(c, v, ';', Thresholds{}).keep);
  EXPECT_FALSE(J("Authorization: Basic ", "dXNlcjpzM2NyZXQxMjM0NTY=").keep);  // left to .basic
}

TEST(JudgeTest, WeakWordsCountAtTheEndOfTheName) {
  EXPECT_FALSE(J("using FunctionPassCtor = ", "ScheduleDAGSDNodes").keep);
  EXPECT_FALSE(J("@NL80211_ATTR_TDLS_DIALOG_TOKEN: ", "Non-zero").keep);
  EXPECT_TRUE(J("DB_PASS=", "Wq7Zt2Lm9Rx4Vb8Nc3Kd6Hs1").keep);
}

TEST(JudgeTest, CamelCaseWordsAreIdentifiers) {
  EXPECT_FALSE(J("auth: ", "RequireAuthentication").keep);
  EXPECT_FALSE(J("token_type: ", "BearerAccessTokenType").keep);
  EXPECT_TRUE(J("auth_token: ", "xYaJAhdTWhuUtjQhhiVXXuzULmeImnOHkW").keep);
}

TEST(JudgeTest, UuidCountsOnlyWhenNamedAsSecret) {
  const std::string u = "5c1e7a0b-94d2-4f3e-8a61-d07b2c9e3f45";
  Judgement j = J("billing_secret: ", u);
  EXPECT_TRUE(j.keep);
  EXPECT_TRUE(j.reasons & kUuidValue);
  EXPECT_FALSE(J("session_key: ", u).keep);  // weak name: a UUID is an identifier
}

TEST(JudgeTest, ConfidenceFollowsStrength) {
  EXPECT_EQ(J("PAYMENTS_API_KEY=", "Wq7Zt2Lm9Rx4Vb8Nc3Kd6Hs1").confidence, Confidence::kHigh);
  EXPECT_EQ(J("STRIPE_TEST_TOKEN=", "Wq7Zt2Lm9Rx4Vb8Nc3Kd6Hs1").confidence, Confidence::kLow);
  Judgement weak = J("key=", "Wq7Zt2Lm9Rx4Vb8Nc3Kd6Hs1");
  EXPECT_TRUE(weak.keep);
  EXPECT_TRUE(weak.reasons & kWeakName);
  EXPECT_NE(weak.confidence, Confidence::kHigh);
  EXPECT_FALSE(J("key=", "Wq7Zt2Lm9Rx4").keep);  // weak name needs 16+ characters
  Judgement scheme = J("Authorization: Token ", "3f9a1c7e5b2d4068a1c3e5f7092b4d6e8a0c2e4f");
  EXPECT_TRUE(scheme.keep);
  EXPECT_TRUE(scheme.reasons & kAuthScheme);
}

}  // namespace
}  // namespace leakhound::entropy
