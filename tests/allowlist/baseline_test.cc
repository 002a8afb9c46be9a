#include "allowlist/baseline.h"

#include <gtest/gtest.h>

#include "allowlist/fingerprint.h"

namespace leakhound::allowlist {
namespace {

Finding At(const std::string& path, uint32_t line, const std::string& secret,
           const std::string& fp = "") {
  Finding f;
  f.location.path = path;
  f.location.line = line;
  f.secret = Secret(secret);
  f.fingerprint = fp.empty() ? Fingerprint("rule.x", secret) : fp;
  return f;
}

TEST(BaselineFormatsTest, ReadsJsonLinesReports) {
  auto b = ParseBaseline(
      "{\"type\":\"finding\",\"fingerprint\":\"f1\",\"rule_id\":\"r\",\"path\":\"a\"}\n"
      "{\"type\":\"finding\",\"fingerprint\":\"f2\",\"rule_id\":\"r\",\"path\":\"b\"}\n"
      "{\"type\":\"summary\",\"findings\":2}\n",
      "r.jsonl");
  ASSERT_TRUE(b) << b.error().message;
  ASSERT_EQ(b->entries.size(), 2u);
  EXPECT_TRUE(b->Contains(At("x", 1, "s", "f2")));
  EXPECT_FALSE(b->Contains(At("x", 1, "s", "f3")));
}

TEST(BaselineFormatsTest, ReadsSarifPartialFingerprints) {
  auto b = ParseBaseline(R"({"version":"2.1.0","runs":[{"results":[
      {"ruleId":"aws.key","partialFingerprints":{"leakhound/v1":"abc"},
       "locations":[{"physicalLocation":{"artifactLocation":{"uri":"src/a.py"}}}]},
      {"ruleId":"other","partialFingerprints":{"somethingElse":"zzz"}}]}]})",
                         "r.sarif");
  ASSERT_TRUE(b) << b.error().message;
  ASSERT_EQ(b->entries.size(), 1u);
  EXPECT_EQ(b->entries[0].path, "src/a.py");
  EXPECT_EQ(b->entries[0].rule_id, "aws.key");
  EXPECT_TRUE(b->Contains(At("elsewhere", 9, "s", "abc")));
}

TEST(BaselineFormatsTest, GitleaksFindingWithASecretNeverHidesAnotherSecret) {
  auto b = ParseBaseline(R"([
      {"RuleID":"aws","File":"a.ini","StartLine":2,"Secret":"AKIAOLD"},
      {"RuleID":"gh","File":"b.sh","StartLine":5,"Secret":"REDACTED"}])",
                         "gitleaks.json");
  ASSERT_TRUE(b) << b.error().message;
  EXPECT_TRUE(b->entries.empty());
  ASSERT_EQ(b->gitleaks.size(), 2u);
  EXPECT_TRUE(b->Contains(At("a.ini", 2, "AKIAOLD")));
  EXPECT_FALSE(b->Contains(At("a.ini", 2, "AKIANEW")));  // same line, other secret
  EXPECT_FALSE(b->Contains(At("a.ini", 3, "AKIAOLD")));
  EXPECT_TRUE(b->Contains(At("b.sh", 5, "anything")));  // redacted report: the line
}

TEST(BaselineFormatsTest, SerializesSortedWithoutSecrets) {
  std::string text = SerializeBaseline({{"f2", "r", "z.txt", ""}, {"f1", "r", "a.txt", "c1"}});
  EXPECT_LT(text.find("a.txt"), text.find("z.txt"));
  auto b = ParseBaseline(text, "x");
  ASSERT_TRUE(b);
  ASSERT_EQ(b->entries.size(), 2u);
  EXPECT_EQ(b->entries[0].fingerprint, "f1");
  EXPECT_EQ(b->entries[0].commit, "c1");
}

TEST(BaselineFormatsTest, RejectsOtherJson) {
  auto b = ParseBaseline(R"({"something": 1})", "odd.json");
  ASSERT_FALSE(b);
  EXPECT_NE(b.error().message.find("odd.json: not a leakhound baseline"), std::string::npos);
  auto bad = ParseBaseline("{\"a\":1}\nnot json\n", "bad.jsonl");
  ASSERT_FALSE(bad);
  EXPECT_NE(bad.error().message.find("bad.jsonl: invalid JSON"), std::string::npos);
}

}  // namespace
}  // namespace leakhound::allowlist
