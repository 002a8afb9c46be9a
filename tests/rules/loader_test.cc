#include "rules/loader.h"

#include <gtest/gtest.h>

#include "rules/rule_set.h"

namespace leakhound::rules {
namespace {

constexpr char kGood[] = R"(
[[rule]]
id = "test.token"
description = "Test token"
provider = "Test"
regex = '''\b(tok_[a-z0-9]{16})\b'''
secret_group = 1
keywords = ["tok_"]
severity = "critical"
confidence = "medium"
examples = [{ input = "x = tok_0123456789abcdef", secret = "tok_0123456789abcdef" }, "tok_abcdefabcdef0123"]
negative_examples = ["tok_short"]

[[rule.allowlists]]
regexes = ['^tok_0{16}$']
stopwords = ["example"]
condition = "any"
)";

TEST(LoaderTest, ParsesEveryField) {
  auto rules = ParseToml(kGood, "good.toml");
  ASSERT_TRUE(rules) << rules.error().message;
  ASSERT_EQ(rules->size(), 1u);
  const Rule& r = (*rules)[0];
  EXPECT_EQ(r.id, "test.token");
  EXPECT_EQ(r.secret_group, 1);
  EXPECT_EQ(r.severity, Severity::kCritical);
  EXPECT_EQ(r.confidence, Confidence::kMedium);
  ASSERT_EQ(r.examples.size(), 2u);
  EXPECT_EQ(r.examples[0].secret, "tok_0123456789abcdef");
  EXPECT_EQ(r.examples[1].secret, "");
  ASSERT_EQ(r.allowlists.size(), 1u);
  EXPECT_EQ(r.allowlists[0].stopwords[0], "example");
  EXPECT_EQ(r.source, "good.toml");
}

TEST(LoaderTest, UnknownKeySuggestsTheClosestKey) {
  auto rules = ParseToml("[[rule]]\nid = 'a.b'\ndescription = 'd'\nregx = 'x'\n", "bad.toml");
  ASSERT_FALSE(rules);
  EXPECT_EQ(rules.error().message,
            "bad.toml: rule 'a.b': line 4: unknown key 'regx' (did you mean 'regex'?)");
}

TEST(LoaderTest, InvalidTomlNamesFileAndLine) {
  auto rules = ParseToml("[[rule]]\nid = 'a.b\n", "broken.toml");
  ASSERT_FALSE(rules);
  EXPECT_NE(rules.error().message.find("broken.toml: line 2: invalid TOML"), std::string::npos)
      << rules.error().message;
}

TEST(LoaderTest, MissingRegexIsAnError) {
  auto rules = ParseToml("[[rule]]\nid = 'a.b'\ndescription = 'd'\n", "r.toml");
  ASSERT_FALSE(rules);
  EXPECT_EQ(rules.error().message, "r.toml: rule 'a.b': line 1: missing 'regex'");
}

TEST(LoaderTest, ReachNeedsAGateAndTwoIntegers) {
  const std::string head = "[[rule]]\nid = 'a.b'\ndescription = 'd'\nregex = 'x=[0-9]{4,9}'\n";
  auto good = ParseToml(head + "prefilter = '=[0-9]{4}'\nreach = [1, 5]\n", "r.toml");
  ASSERT_TRUE(good) << good.error().message;
  EXPECT_EQ((*good)[0].reach_before, 1);
  EXPECT_EQ((*good)[0].reach_after, 5);
  auto no_gate = ParseToml(head + "reach = [1, 5]\n", "r.toml");
  ASSERT_FALSE(no_gate);
  EXPECT_NE(no_gate.error().message.find("'reach' needs a 'prefilter' gate"), std::string::npos);
  auto bad = ParseToml(head + "prefilter = '=[0-9]{4}'\nreach = [-1]\n", "r.toml");
  ASSERT_FALSE(bad);
  EXPECT_NE(bad.error().message.find("'reach' must be [before, after]"), std::string::npos);
}

TEST(LoaderTest, WrongTypeIsAnError) {
  auto rules =
      ParseToml("[[rule]]\nid = 'a.b'\ndescription = 'd'\nregex = 'x'\nkeywords = 'k'\n", "r.toml");
  ASSERT_FALSE(rules);
  EXPECT_NE(rules.error().message.find("'keywords' must be an array of strings"),
            std::string::npos);
}

TEST(RuleSetTest, RejectsDuplicateIds) {
  auto rules = ParseToml(std::string(kGood) + kGood, "dup.toml");
  ASSERT_TRUE(rules) << rules.error().message;
  auto set = RuleSet::Build(*rules);
  ASSERT_FALSE(set);
  EXPECT_EQ(set.error().message, "dup.toml: rule 'test.token': duplicate id");
}

TEST(RuleSetTest, RejectsSecretGroupOutOfRange) {
  auto rules = ParseToml(
      "[[rule]]\nid = 'a.b'\ndescription = 'd'\nregex = 'x(y)'\nsecret_group = 2\n", "g.toml");
  ASSERT_TRUE(rules);
  auto set = RuleSet::Build(*rules);
  ASSERT_FALSE(set);
  EXPECT_EQ(set.error().message,
            "g.toml: rule 'a.b': secret_group 2 out of range (regex has 1 groups)");
}

TEST(RuleSetTest, RejectsBadRegexAndUnknownValidator) {
  auto bad = ParseToml("[[rule]]\nid = 'a.b'\ndescription = 'd'\nregex = 'x('\n", "re.toml");
  ASSERT_TRUE(bad);
  auto set = RuleSet::Build(*bad);
  ASSERT_FALSE(set);
  EXPECT_NE(set.error().message.find("re.toml: rule 'a.b': invalid regex"), std::string::npos);
  auto val = ParseToml("[[rule]]\nid = 'a.b'\ndescription = 'd'\nregex = 'x'\nvalidate = 'nope'\n",
                       "v.toml");
  ASSERT_TRUE(val);
  auto set2 = RuleSet::Build(*val);
  ASSERT_FALSE(set2);
  EXPECT_EQ(set2.error().message, "v.toml: rule 'a.b': unknown validator 'nope'");
}

TEST(RuleSetTest, ResolvesNamedSecretGroupAndCaptures) {
  auto rules = ParseToml(
      "[[rule]]\nid = 'a.b'\ndescription = 'd'\n"
      "regex = '(?P<id>AK[0-9]{4}).{0,5}(?P<secret>[a-z]{8})'\nsecret_group = 'secret'\n",
      "n.toml");
  ASSERT_TRUE(rules) << rules.error().message;
  auto set = RuleSet::Build(*rules);
  ASSERT_TRUE(set) << set.error().message;
  EXPECT_EQ((*set)->at(0).secret_group, 2);
  ASSERT_EQ((*set)->at(0).captures.size(), 1u);
  EXPECT_EQ((*set)->at(0).captures[0].first, "id");
}

TEST(RuleSetTest, CompanionsNeedAGroupAndFindTheNearestValue) {
  auto bad = ParseToml(
      "[[rule]]\nid = 'a.b'\ndescription = 'd'\nregex = 'k_[a-z]{8}'\n"
      "companions = { app = 'APP=[A-Z]{4}' }\n",
      "c.toml");
  ASSERT_TRUE(bad) << bad.error().message;
  auto set = RuleSet::Build(*bad);
  ASSERT_FALSE(set);
  EXPECT_EQ(set.error().message,
            "c.toml: rule 'a.b': companion 'app' needs a capture group for its value");
  auto rules = ParseToml(
      "[[rule]]\nid = 'a.b'\ndescription = 'd'\nregex = 'k_[a-z]{8}'\n"
      "companions = { app = 'APP=([A-Z]{4})' }\n",
      "c.toml");
  ASSERT_TRUE(rules) << rules.error().message;
  ASSERT_EQ(rules->at(0).companions, (std::vector<Companion>{{"app", "APP=([A-Z]{4})"}}));
  auto ok = RuleSet::Build(*rules);
  ASSERT_TRUE(ok) << ok.error().message;
  const CompiledRule& cr = (*ok)->at(0);
  ASSERT_NE(cr.Regex(), nullptr);
  //                      0         1         2         3         4
  //                      0123456789012345678901234567890123456789012345
  std::string_view data = "APP=FARR\nAPP=NEAR k_abcdefgh\nAPP=NEXT";
  EXPECT_EQ(cr.FindCompanion(0, data, Span{18, 28}), (Span{13, 17}));  // nearest, before
  EXPECT_EQ(cr.FindCompanion(0, data, Span{29, 30}), (Span{33, 37}));  // nearest, after
  std::string far = "APP=AWAY" + std::string(kCompanionWindow, ' ') + "k_abcdefgh";
  EXPECT_EQ(
      cr.FindCompanion(
          0, far, Span{static_cast<uint32_t>(far.size() - 10), static_cast<uint32_t>(far.size())}),
      Span{});  // beyond the window
}

TEST(LoaderTest, MergeReplacesByIdAndAppendsNew) {
  auto a = ParseToml(kGood, "a.toml");
  ASSERT_TRUE(a);
  std::vector<Rule> extra = *a;
  extra[0].description = "replaced";
  Rule other = extra[0];
  other.id = "test.other";
  extra.push_back(other);
  MergeRules(*a, extra);
  ASSERT_EQ(a->size(), 2u);
  EXPECT_EQ((*a)[0].description, "replaced");
  EXPECT_EQ((*a)[1].id, "test.other");
}

}  // namespace
}  // namespace leakhound::rules
