#include "allowlist/allowlist.h"

#include <gtest/gtest.h>

#include "allowlist/baseline.h"
#include "allowlist/fingerprint.h"
#include "rules/loader.h"

namespace leakhound::allowlist {
namespace {

rules::Allowlist Spec(std::vector<std::string> paths, std::vector<std::string> regexes,
                      std::vector<std::string> stopwords,
                      rules::Condition c = rules::Condition::kAny,
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

Candidate At(std::string_view path, std::string_view commit, std::string_view secret, uint32_t line,
             uint32_t match_line = 0) {
  Candidate c{path, commit, secret, secret, "l", ""};
  c.line_number = line;
  c.match_line_number = match_line ? match_line : line;
  return c;
}

TEST(AllowlistTest, PathRegexesMatchFilesNotDirectories) {
  rules::Allowlist gl;
  gl.path_regexes = {"(^|/)vendor/", "\\.min\\.js$"};
  auto set = AllowlistSet::Build({gl}, {});
  ASSERT_TRUE(set) << set.error().message;
  auto rules = OneRule();
  EXPECT_EQ((*set)->Check(rules->at(0), Cand("a/vendor/x.go", "s", "l")), Reason::kGlobal);
  EXPECT_EQ((*set)->Check(rules->at(0), Cand("app.min.js", "s", "l")), Reason::kGlobal);
  EXPECT_EQ((*set)->Check(rules->at(0), Cand("app.js", "s", "l")), Reason::kNone);
  EXPECT_TRUE((*set)->PathExcluded("vendor/lib.go"));
  EXPECT_TRUE((*set)->PathExcluded("x/app.min.js"));
  EXPECT_FALSE((*set)->PathExcluded("x/app.js"));
  // A directory is only skipped by globs: a regex may be anchored on a file name.
  EXPECT_FALSE((*set)->PathExcluded("vendor/"));
}

TEST(AllowlistTest, PathGlobsAndRegexesFormOneCriterion) {
  rules::Allowlist a;
  a.paths = {"*.md"};
  a.path_regexes = {"^docs/"};
  a.stopwords = {"sample"};
  a.condition = rules::Condition::kAll;
  auto set = AllowlistSet::Build({a}, {});
  ASSERT_TRUE(set);
  auto rules = OneRule();
  const auto& r = rules->at(0);
  EXPECT_EQ((*set)->Check(r, Cand("README.md", "sample1", "l")), Reason::kGlobal);
  EXPECT_EQ((*set)->Check(r, Cand("docs/a.txt", "sample1", "l")), Reason::kGlobal);
  EXPECT_EQ((*set)->Check(r, Cand("src/a.txt", "sample1", "l")), Reason::kNone);
  EXPECT_EQ((*set)->Check(r, Cand("docs/a.txt", "real1", "l")), Reason::kNone);
}

TEST(AllowlistTest, PerRulePathRegexesFollowTheirRegexes) {
  // Flattened per-rule regexes: allowlist 1 has a content regex and a path
  // regex, allowlist 2 a path regex only; each must use its own.
  auto parsed = rules::ParseToml("[[rule]]\nid = 't.r'\ndescription = 'd'\nregex = 'x'\n", "t");
  ASSERT_TRUE(parsed);
  rules::Allowlist first, second;
  first.regexes = {"^abc"};
  first.path_regexes = {"^gen/"};
  first.condition = rules::Condition::kAll;
  second.path_regexes = {"\\.snap$"};
  (*parsed)[0].allowlists = {first, second};
  auto set = rules::RuleSet::Build(*parsed);
  ASSERT_TRUE(set) << set.error().message;
  auto allow = AllowlistSet::Build({}, {});
  const auto& r = (*set)->at(0);
  EXPECT_EQ((*allow)->Check(r, Cand("gen/a.go", "abcdef", "l")), Reason::kRule);
  EXPECT_EQ((*allow)->Check(r, Cand("gen/a.go", "xabcdef", "l")), Reason::kNone);
  EXPECT_EQ((*allow)->Check(r, Cand("src/a.go", "abcdef", "l")), Reason::kNone);
  EXPECT_EQ((*allow)->Check(r, Cand("t/x.snap", "xyz", "l")), Reason::kRule);
}

TEST(AllowlistTest, CommitsAloneAndCombinedWithPaths) {
  rules::Allowlist any, all;
  any.commits = {"c0ffee"};
  all.commits = {"d00d"};
  all.paths = {"fixtures/**"};
  all.condition = rules::Condition::kAll;
  auto set = AllowlistSet::Build({any, all}, {});
  ASSERT_TRUE(set);
  auto rules = OneRule();
  const auto& r = rules->at(0);
  EXPECT_EQ((*set)->Check(r, At("a.py", "c0ffee1234", "s", 1)), Reason::kGlobal);  // prefix
  EXPECT_EQ((*set)->Check(r, At("a.py", "", "s", 1)), Reason::kNone);  // no commit outside git
  EXPECT_EQ((*set)->Check(r, At("fixtures/a.py", "d00d99", "s", 1)), Reason::kGlobal);
  EXPECT_EQ((*set)->Check(r, At("src/a.py", "d00d99", "s", 1)), Reason::kNone);
  EXPECT_EQ((*set)->Check(r, At("fixtures/a.py", "beef", "s", 1)), Reason::kNone);
  EXPECT_FALSE((*set)->PathExcluded("fixtures/a.py"));  // commits also decide
}

TEST(AllowlistTest, RegexTargetMatchAndEmptyTargets) {
  auto set = AllowlistSet::Build(
      {Spec({}, {"^key="}, {}, rules::Condition::kAny, rules::RegexTarget::kMatch),
       Spec({}, {".*"}, {}, rules::Condition::kAny, rules::RegexTarget::kLine)},
      {});
  ASSERT_TRUE(set);
  auto rules = OneRule();
  Candidate c{"a", "", "abc", "key=abc", "", ""};
  EXPECT_EQ((*set)->Check(rules->at(0), c), Reason::kGlobal);
  c.match = "tok=abc";
  EXPECT_EQ((*set)->Check(rules->at(0), c), Reason::kNone);  // ".*" never matches an empty line
}

TEST(AllowlistTest, GitleaksIgnoreEntriesMatchPathRuleAndLine) {
  auto set = AllowlistSet::Build(
      {}, ParseIgnoreFile("# .gitleaksignore\n"
                          "src/config.py:t.r:12\n"
                          "./docs\\setup.md:t.r:3\n"
                          "C0FFEE0000000000000000000000000000000000:app/k.env:t.r:7\n"));
  ASSERT_TRUE(set);
  auto rules = OneRule();
  const auto& r = rules->at(0);
  EXPECT_EQ((*set)->Check(r, At("src/config.py", "", "s", 12)), Reason::kIgnoreFile);
  EXPECT_EQ((*set)->Check(r, At("src/config.py", "abc", "s", 12)), Reason::kIgnoreFile);
  EXPECT_EQ((*set)->Check(r, At("./src/config.py", "", "s", 13, 12)), Reason::kIgnoreFile);
  EXPECT_EQ((*set)->Check(r, At("src/config.py", "", "s", 13)), Reason::kNone);
  EXPECT_EQ((*set)->Check(r, At("docs/setup.md", "", "s", 3)), Reason::kIgnoreFile);
  EXPECT_EQ((*set)->Check(r, At("app/k.env", "c0ffee0000000000000000000000000000000000", "s", 7)),
            Reason::kIgnoreFile);
  EXPECT_EQ((*set)->Check(r, At("app/k.env", "beef000000000000000000000000000000000000", "s", 7)),
            Reason::kNone);
  EXPECT_EQ((*set)->Check(r, At("app/k.env", "", "s", 7)), Reason::kNone);
  auto other = rules::ParseToml("[[rule]]\nid = 'o.r'\ndescription = 'd'\nregex = 'x'\n", "t");
  auto other_set = rules::RuleSet::Build(*other);
  EXPECT_EQ((*set)->Check((*other_set)->at(0), At("src/config.py", "", "s", 12)), Reason::kNone);
}

TEST(AllowlistTest, GitleaksIgnoreEntriesWithRulesThatAreNotLoadedMatchAnyRule) {
  auto rules = OneRule();
  auto set = AllowlistSet::Build({},
                                 ParseIgnoreFile("a.txt:aws-access-token:1\n"
                                                 "d00d0000:b.txt:generic-api-key:5\n"
                                                 "c.txt:t.r:9\n"),
                                 "", rules.get());
  ASSERT_TRUE(set);
  const auto& r = rules->at(0);
  EXPECT_EQ((*set)->Check(r, At("a.txt", "", "s", 1)), Reason::kIgnoreFile);
  EXPECT_EQ((*set)->Check(r, At("a.txt", "", "s", 2)), Reason::kNone);
  EXPECT_EQ((*set)->Check(r, At("b.txt", "d00d0000", "s", 5)), Reason::kIgnoreFile);
  EXPECT_EQ((*set)->Check(r, At("b.txt", "beef0000", "s", 5)), Reason::kNone);
  EXPECT_EQ((*set)->Check(r, At("c.txt", "", "s", 9)), Reason::kIgnoreFile);
  // Per location (git history): deferred, then decided at the location.
  DeferredCheck d;
  EXPECT_EQ((*set)->CheckContent(r, At("x", "", "s", 1), &d), Reason::kNone);
  ASSERT_TRUE(d.ignore_entries);
  d.rule = 0;
  d.line = 1;
  EXPECT_TRUE((*set)->SuppressedAt(r, d, "a.txt", "c0ffee"));
  EXPECT_FALSE((*set)->SuppressedAt(r, d, "z.txt", "c0ffee"));
  // A loaded rule id only ever matches its own rule.
  auto other = rules::ParseToml("[[rule]]\nid = 'o.r'\ndescription = 'd'\nregex = 'x'\n", "t");
  auto other_set = rules::RuleSet::Build(*other);
  EXPECT_EQ((*set)->Check((*other_set)->at(0), At("c.txt", "", "s", 9)), Reason::kNone);
}

TEST(AllowlistTest, PathsAreRelativeToTheScanRoot) {
  rules::Allowlist a;
  a.paths = {"/docs/**"};
  a.path_regexes = {"^fixtures/"};
  auto set = AllowlistSet::Build({a}, ParseIgnoreFile("src/a.py:t.r:3\n"), "proj/");
  ASSERT_TRUE(set);
  auto rules = OneRule();
  const auto& r = rules->at(0);
  EXPECT_EQ((*set)->Check(r, Cand("proj/docs/x.md", "s", "l")), Reason::kGlobal);
  EXPECT_EQ((*set)->Check(r, Cand("proj/fixtures/x.py", "s", "l")), Reason::kGlobal);
  EXPECT_EQ((*set)->Check(r, Cand("other/docs/x.md", "s", "l")), Reason::kNone);
  EXPECT_EQ((*set)->Check(r, At("proj/src/a.py", "", "s", 3)), Reason::kIgnoreFile);
  EXPECT_TRUE((*set)->PathExcluded("proj/docs/x.md"));
  EXPECT_TRUE((*set)->PathExcluded("proj/docs/"));
  EXPECT_FALSE((*set)->PathExcluded("proj/src/x.md"));
}

TEST(AllowlistTest, FirstMatchingSourceWins) {
  // Inline comment, then ignore file, then global, then per-rule.
  auto rules = OneRule("[[rule.allowlists]]\nstopwords = ['s']\n");
  std::string fp = Fingerprint("t.r", "s");
  auto set = AllowlistSet::Build({Spec({"a"}, {}, {})}, {fp});
  ASSERT_TRUE(set);
  const auto& r = rules->at(0);
  EXPECT_EQ((*set)->Check(r, Cand("a", "s", "x # leakhound:allow", fp)), Reason::kInline);
  EXPECT_EQ((*set)->Check(r, Cand("a", "s", "x", fp)), Reason::kIgnoreFile);
  EXPECT_EQ((*set)->Check(r, Cand("a", "s", "x")), Reason::kGlobal);
  EXPECT_EQ((*set)->Check(r, Cand("b", "s", "x")), Reason::kRule);
  EXPECT_EQ((*set)->Check(r, Cand("b", "t", "x")), Reason::kNone);
}

TEST(BaselineTest, ReadsLeakhoundBaselinesReportsAndGitleaksReports) {
  auto b = ParseBaseline(
      R"({"version":1,"entries":[{"fingerprint":"abc","rule_id":"r","path":"p"}]})", "b.json");
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

TEST(BaselineTest, GitleaksReportPathsAreRelativeToTheScanRoot) {
  auto gl = ParseBaseline(R"([{"RuleID":"x","File":"src/a.txt","StartLine":3},
                               {"RuleID":"x","File":".\\lib\\b.txt","StartLine":1,
                                "Secret":"s3cr3t"}])",
                          "g.json");
  ASSERT_TRUE(gl) << gl.error().message;
  Finding f;
  f.location.path = "proj/src/a.txt";
  f.location.line = 3;
  EXPECT_TRUE(gl->Contains(f, "proj/"));
  EXPECT_FALSE(gl->Contains(f));
  f.location.line = 4;
  EXPECT_FALSE(gl->Contains(f, "proj/"));
  // An unredacted report also compares the secret.
  f.location.path = "proj/lib/b.txt";
  f.location.line = 1;
  f.secret = Secret("s3cr3t");
  EXPECT_TRUE(gl->Contains(f, "proj/"));
  f.secret = Secret("other");
  EXPECT_FALSE(gl->Contains(f, "proj/"));
}

TEST(BaselineTest, SerializedBaselineRoundTripsWithoutSecrets) {
  std::string text = SerializeBaseline({{"f1", "r1", "p1", "c1"}});
  auto b = ParseBaseline(text, "x");
  ASSERT_TRUE(b);
  ASSERT_EQ(b->entries.size(), 1u);
  EXPECT_EQ(b->entries[0].commit, "c1");
}

// CheckContent + SuppressedAt (git history: per location) decide exactly as
// Check at one location, for every combination of criteria and conditions.
TEST(AllowlistTest, DeferredChecksAgreeWithCheckAtEveryLocation) {
  const std::vector<std::string> paths = {"tests/a.env", "src/a.env", ""};
  const std::vector<std::string> commits = {"c0ffee11", "beef22", ""};
  const std::vector<std::string> secrets = {"fake123", "real456"};
  int deferred = 0;
  for (int mask = 1; mask < 32; ++mask) {
    for (auto cond : {rules::Condition::kAny, rules::Condition::kAll}) {
      rules::Allowlist a;
      if (mask & 1) a.paths = {"tests/**"};
      if (mask & 2) a.path_regexes = {"^src/"};
      if (mask & 4) a.commits = {"c0ffee"};
      if (mask & 8) a.regexes = {"^fake"};
      if (mask & 16) a.stopwords = {"456"};
      a.condition = cond;
      auto set = AllowlistSet::Build({a}, ParseIgnoreFile("tests/a.env:t.r:3\n"));
      ASSERT_TRUE(set);
      auto rules = OneRule(
          "paths = ['tests/**', 'src/**']\n[[rule.allowlists]]\npaths = ['src/**']\n"
          "regexes = ['^real']\ncondition = 'all'\n");
      const auto& r = rules->at(0);
      for (const auto& secret : secrets) {
        for (uint32_t line : {3u, 4u}) {
          DeferredCheck d;
          Reason content = (*set)->CheckContent(r, At("", "", secret, line), &d);
          d.line = d.match_line = line;
          deferred += AllowlistSet::Pending(d) ? 1 : 0;
          for (const auto& path : paths) {
            for (const auto& commit : commits) {
              bool whole = (*set)->Check(r, At(path, commit, secret, line)) != Reason::kNone ||
                           !r.AppliesToPath(path);
              bool split = content != Reason::kNone || (*set)->SuppressedAt(r, d, path, commit);
              EXPECT_EQ(whole, split)
                  << "mask " << mask << " all " << (cond == rules::Condition::kAll) << " " << path
                  << " " << commit << " " << secret << " " << line;
            }
          }
        }
      }
    }
  }
  EXPECT_GT(deferred, 0);
}

TEST(AllowlistTest, ContentOnlyCriteriaAreNeverDeferred) {
  auto set = AllowlistSet::Build({Spec({}, {"^fake"}, {})}, {});
  ASSERT_TRUE(set);
  auto rules = OneRule();
  DeferredCheck d;
  EXPECT_EQ((*set)->CheckContent(rules->at(0), At("x", "", "fake1", 1), &d), Reason::kGlobal);
  EXPECT_EQ((*set)->CheckContent(rules->at(0), At("x", "", "real1", 1), &d), Reason::kNone);
  EXPECT_FALSE(AllowlistSet::Pending(d));  // nothing left to check per location: no cost
}

TEST(AllowlistTest, KeptAtNeedsOwnChecksToPassAndEveryShadowToBeSuppressed) {
  // Rule 0 (specific) is allowlisted under tests/; rule 1 (generic) nowhere.
  auto loaded = rules::ParseToml(
      "[[rule]]\nid = 'a.specific'\ndescription = 'd'\nregex = 'x'\n"
      "[[rule.allowlists]]\npaths = ['tests/**']\n"
      "[[rule]]\nid = 'generic.any'\ndescription = 'd'\nregex = 'x'\n"
      "[[rule.allowlists]]\ncommits = ['dead']\n",
      "t");
  ASSERT_TRUE(loaded) << loaded.error().message;
  auto rules = rules::RuleSet::Build(*loaded);
  ASSERT_TRUE(rules);
  auto set = AllowlistSet::Build({}, {});
  ASSERT_TRUE(set);
  LocationCheck specific, generic;
  ASSERT_EQ((*set)->CheckContent((*rules)->at(0), At("", "", "s", 1), &specific.own),
            Reason::kNone);
  ASSERT_EQ((*set)->CheckContent((*rules)->at(1), At("", "", "s", 1), &generic.own), Reason::kNone);
  specific.own.rule = 0;
  generic.own.rule = 1;
  generic.shadows = {specific.own};
  EXPECT_TRUE((*set)->KeptAt(**rules, specific, "src/a", "beef"));
  EXPECT_FALSE((*set)->KeptAt(**rules, specific, "tests/a", "beef"));
  EXPECT_FALSE((*set)->KeptAt(**rules, generic, "src/a", "beef"));  // the specific rule reports
  EXPECT_TRUE((*set)->KeptAt(**rules, generic, "tests/a", "beef"));
  EXPECT_FALSE((*set)->KeptAt(**rules, generic, "tests/a", "dead00"));  // its own allowlist
}

}  // namespace
}  // namespace leakhound::allowlist
