#include "allowlist/allowlist.h"

#include <gtest/gtest.h>

#include "allowlist/baseline.h"
#include "allowlist/fingerprint.h"
#include "rules/loader.h"

namespace leakhound::allowlist {
namespace {

rules::Allowlist Spec(std::vector<std::string> paths, std::vector<std::string> regexes,
                      std::vector<std::string> stopwords, rules::Condition c = rules::Condition::kAny,
                      rules::RegexTarget t = rules::RegexTarget::kSecret) {
  rules::Allowlist a;
  a.paths = std::move(paths);
  a.regexes = std::move(regexes);
  a.stopwords = std::move(stopwords);
  a.condition = c;
  a.regex_target = t;
  return a;
}

std::shared_ptr<const rules::RuleSet> OneRule(const std::string& extra = "") {
  auto r = rules::ParseToml("[[rule]]\nid = 't.r'\ndescription = 'd'\nregex = 'x'\n" + extra, "t");
  EXPECT_TRUE(r) << r.error().message;
  auto set = rules::RuleSet::Build(*r);
  EXPECT_TRUE(set) << set.error().message;
  return *set;
}

Candidate Cand(std::string_view path, std::string_view secret, std::string_view line,
               std::string_view fp = "") {
  return Candidate{path, "", secret, secret, line, fp};
}

TEST(FingerprintTest, DependsOnRuleAndSecretOnlyAndHidesTheSecret) {
  std::string a = Fingerprint("github.pat", "ghp_secretvalue");
  EXPECT_EQ(a, Fingerprint("github.pat", "ghp_secretvalue"));
  EXPECT_NE(a, Fingerprint("github.oauth", "ghp_secretvalue"));
  EXPECT_NE(a, Fingerprint("github.pat", "ghp_secretvaluf"));
  EXPECT_EQ(a.size(), 32u);
  EXPECT_EQ(a.find("secret"), std::string::npos);
}

TEST(AllowlistTest, InlineCommentsAllowTheLine) {
  auto set = AllowlistSet::Build({}, {});
  ASSERT_TRUE(set);
  auto rules = OneRule();
  EXPECT_EQ((*set)->Check(rules->at(0), Cand("a", "s", "key = 'x'  # leakhound:allow")),
            Reason::kInline);
  EXPECT_EQ((*set)->Check(rules->at(0), Cand("a", "s", "key = 'x'  // gitleaks:allow")),
            Reason::kInline);
  EXPECT_EQ((*set)->Check(rules->at(0), Cand("a", "s", "key = 'x'")), Reason::kNone);
}

TEST(AllowlistTest, IgnoreFileMatchesFingerprintOnly) {
  std::string fp = Fingerprint("t.r", "s1");
  auto set = AllowlistSet::Build({}, ParseIgnoreFile("# comment\n" + fp + "  # old key\n\n"));
  ASSERT_TRUE(set);
  auto rules = OneRule();
  EXPECT_EQ((*set)->Check(rules->at(0), Cand("a", "s1", "l", fp)), Reason::kIgnoreFile);
  // A different secret on the same line is not hidden.
  EXPECT_EQ((*set)->Check(rules->at(0), Cand("a", "s2", "l", Fingerprint("t.r", "s2"))),
            Reason::kNone);
}

TEST(AllowlistTest, GlobalPathsRegexTargetsAndStopwords) {
  auto set = AllowlistSet::Build(
      {Spec({"**/fixtures/**"}, {}, {}), Spec({}, {"^AKIA.*EXAMPLE$"}, {}),
       Spec({}, {"(?i)dummy"}, {}, rules::Condition::kAny, rules::RegexTarget::kLine),
       Spec({}, {}, {"notreal"})},
      {});
  ASSERT_TRUE(set) << set.error().message;
  auto rules = OneRule();
  const auto& r = rules->at(0);
  EXPECT_EQ((*set)->Check(r, Cand("a/fixtures/k.txt", "zzz", "l")), Reason::kGlobal);
  EXPECT_EQ((*set)->Check(r, Cand("a.txt", "AKIAIOSFODNN7EXAMPLE", "l")), Reason::kGlobal);
  EXPECT_EQ((*set)->Check(r, Cand("a.txt", "zzz", "key = zzz # DUMMY value")), Reason::kGlobal);
  EXPECT_EQ((*set)->Check(r, Cand("a.txt", "abcNOTREALdef", "l")), Reason::kGlobal);
  EXPECT_EQ((*set)->Check(r, Cand("a.txt", "zzz", "l")), Reason::kNone);
  EXPECT_TRUE((*set)->PathExcluded("x/fixtures/y"));
  EXPECT_FALSE((*set)->PathExcluded("x/src/y"));
}

TEST(AllowlistTest, ConditionAllRequiresEveryCriterion) {
  auto set = AllowlistSet::Build({Spec({"*.md"}, {}, {"sample"}, rules::Condition::kAll)}, {});
  ASSERT_TRUE(set);
  auto rules = OneRule();
  const auto& r = rules->at(0);
  EXPECT_EQ((*set)->Check(r, Cand("README.md", "sample123", "l")), Reason::kGlobal);
  EXPECT_EQ((*set)->Check(r, Cand("README.md", "real123", "l")), Reason::kNone);
  EXPECT_EQ((*set)->Check(r, Cand("app.py", "sample123", "l")), Reason::kNone);
  EXPECT_FALSE((*set)->PathExcluded("README.md"));  // paths alone do not decide under "all"
}

TEST(AllowlistTest, PerRuleAllowlistsUseTheirOwnRegexes) {
  auto rules = OneRule(
      "[[rule.allowlists]]\nstopwords = ['foo']\n[[rule.allowlists]]\nregexes = ['^bar']\n");
  auto set = AllowlistSet::Build({}, {});
  ASSERT_TRUE(set);
  const auto& r = rules->at(0);
  EXPECT_EQ((*set)->Check(r, Cand("a", "xfoox", "l")), Reason::kRule);
  EXPECT_EQ((*set)->Check(r, Cand("a", "barx", "l")), Reason::kRule);
  EXPECT_EQ((*set)->Check(r, Cand("a", "xbar", "l")), Reason::kNone);
}

TEST(AllowlistTest, InvalidGlobalRegexIsAnError) {
  auto set = AllowlistSet::Build({Spec({}, {"("}, {})}, {});
  ASSERT_FALSE(set);
  EXPECT_NE(set.error().message.find("allowlist regex '('"), std::string::npos);
}

TEST(BaselineTest, ReadsLeakhoundBaselinesReportsAndGitleaksReports) {
  auto b = ParseBaseline(R"({"version":1,"entries":[{"fingerprint":"abc","rule_id":"r","path":"p"}]})",
                         "b.json");
  ASSERT_TRUE(b) << b.error().message;
  Finding f;
  f.fingerprint = "abc";
  EXPECT_TRUE(b->Contains(f));
  f.fingerprint = "abd";
  EXPECT_FALSE(b->Contains(f));
  auto report = ParseBaseline(R"({"findings":[{"fingerprint":"abd"}]})", "r.json");
  ASSERT_TRUE(report);
  EXPECT_TRUE(report->Contains(f));
  auto gl = ParseBaseline(R"([{"RuleID":"x","File":"a/b.py","StartLine":3}])", "g.json");
  ASSERT_TRUE(gl);
  f.location.path = "a/b.py";
  f.location.line = 3;
  EXPECT_TRUE(gl->Contains(f));
  auto bad = ParseBaseline("{nope", "bad.json");
  ASSERT_FALSE(bad);
  EXPECT_NE(bad.error().message.find("bad.json: invalid JSON"), std::string::npos);
}

TEST(BaselineTest, SerializedBaselineRoundTripsWithoutSecrets) {
  std::string text = SerializeBaseline({{"f1", "r1", "p1", "c1"}});
  auto b = ParseBaseline(text, "x");
  ASSERT_TRUE(b);
  ASSERT_EQ(b->entries.size(), 1u);
  EXPECT_EQ(b->entries[0].commit, "c1");
}

}  // namespace
}  // namespace leakhound::allowlist
