#include "matcher/matcher.h"

#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <string_view>
#include <vector>

#include "matcher/test_rules.h"

namespace leakhound::matcher {
namespace {

using testing::Compile;
using testing::Rule;

TEST(MatcherTest, ReportsSecretGroupSpan) {
  auto db = Compile(Rule("test.tok", "tok_([a-z0-9]{16})", 1));
  ASSERT_TRUE(db);
  Scanner scanner(db, MatchOptions{});
  std::vector<Match> matches;
  ASSERT_TRUE(scanner.Scan("x = tok_0123456789abcdef;", "", &matches, nullptr));
  ASSERT_EQ(matches.size(), 1u);
  EXPECT_EQ(matches[0].whole, (Span{4, 24}));
  EXPECT_EQ(matches[0].secret, (Span{8, 24}));
}

TEST(MatcherTest, GreedyMatchExtendsPastFirstPrefilterHit) {
  // Hyperscan reports an end at every length 20..40; RE2 must return the
  // greedy 40-character match, not the first 20 characters.
  auto db = Compile(Rule("test.greedy", "k-[a-z]{20,40}"));
  ASSERT_TRUE(db);
  Scanner scanner(db, MatchOptions{});
  std::vector<Match> matches;
  std::string input = "k-" + std::string(45, 'q');
  ASSERT_TRUE(scanner.Scan(input, "", &matches, nullptr));
  ASSERT_EQ(matches.size(), 1u);  // the remaining 5 letters have no "k-" prefix
  EXPECT_EQ(matches[0].whole, (Span{0, 42}));
}

TEST(MatcherTest, FindsEveryNonOverlappingMatchInOrder) {
  auto db = Compile(Rule("a.one", "AKIA[0-9A-Z]{16}") + Rule("b.two", "ghp_[A-Za-z0-9]{36}"));
  ASSERT_TRUE(db);
  Scanner scanner(db, MatchOptions{});
  std::vector<Match> matches;
  std::string input = "AKIAQWERTYUIOPASDFGH ghp_" + std::string(36, 'x') + " AKIAZXCVBNMQWERTYUIO";
  ASSERT_TRUE(scanner.Scan(input, "", &matches, nullptr));
  ASSERT_EQ(matches.size(), 3u);
  EXPECT_EQ(matches[0].rule, 0u);
  EXPECT_EQ(matches[1].rule, 1u);
  EXPECT_EQ(matches[2].rule, 0u);
}

TEST(MatcherTest, UnboundedPatternFallsBackToWholeBlob) {
  auto db = Compile(Rule("test.url", "https://[a-z]+:([^@\\s]+)@[a-z.]+", 1));
  ASSERT_TRUE(db);
  EXPECT_EQ(db->max_width(0), Database::kUnbounded);
  Scanner scanner(db, MatchOptions{});
  std::vector<Match> matches;
  std::string input = "url = https://" + std::string(5000, 'u') + ":s3cr3tpass@db.example.org/x";
  ASSERT_TRUE(scanner.Scan(input, "", &matches, nullptr));
  ASSERT_EQ(matches.size(), 1u);
  EXPECT_EQ(input.substr(matches[0].secret.begin, matches[0].secret.size()), "s3cr3tpass");
}

TEST(MatcherTest, GatesDropLowEntropyFailedChecksumAndMissingKeyword) {
  auto db = Compile(Rule("e.ent", "ent_([a-z]{12})", 1, "min_entropy = 3.0") +
                    Rule("v.val", "jwt:([A-Za-z0-9_.-]{10,200})", 1, "validate = 'jwt'") +
                    Rule("k.kw", "[0-9a-f]{8}", 0, "keywords = ['zz']"));
  ASSERT_TRUE(db);
  Scanner scanner(db, MatchOptions{});
  std::vector<Match> matches;
  ASSERT_TRUE(
      scanner.Scan("ent_aaaaaaaaaaaa jwt:not.a.jwt.at.all deadbeef", "", &matches, nullptr));
  EXPECT_TRUE(matches.empty());
  ASSERT_TRUE(scanner.Scan("ent_qwertyuiopas", "", &matches, nullptr));
  EXPECT_EQ(matches.size(), 1u);
}

TEST(MatcherTest, PathScopedRulesOnlyApplyToMatchingPaths) {
  auto db = Compile(Rule("p.only", "pw=([a-z0-9]{8})", 1, "paths = ['*.env']") +
                    Rule("p.not", "key=([a-z0-9]{8})", 1, "exclude_paths = ['**/test/**']"));
  ASSERT_TRUE(db);
  Scanner scanner(db, MatchOptions{});
  std::vector<Match> matches;
  const std::string input = "pw=abcd1234 key=abcd1234";
  ASSERT_TRUE(scanner.Scan(input, "config/.env", &matches, nullptr));
  EXPECT_EQ(matches.size(), 2u);
  ASSERT_TRUE(scanner.Scan(input, "src/test/app.py", &matches, nullptr));
  EXPECT_EQ(matches.size(), 0u);
  ASSERT_TRUE(scanner.Scan(input, "src/app.py", &matches, nullptr));
  ASSERT_EQ(matches.size(), 1u);
  EXPECT_EQ(matches[0].rule, 1u);
}

TEST(MatcherTest, RulesHyperscanCannotCompileExactlyUsePrefilterMode) {
  // A large bounded repeat of a class inside alternation is accepted only in
  // prefilter mode by some Hyperscan builds; either way results are exact.
  auto db = Compile(Rule("x.big", "(?:zz|yy)(?:[a-z]{1,300}[0-9]){3}"));
  ASSERT_TRUE(db);
  Scanner scanner(db, MatchOptions{});
  std::vector<Match> matches, naive;
  std::string input = "zzabc1def2ghi3 yyq1";
  ASSERT_TRUE(scanner.Scan(input, "", &matches, nullptr));
  NaiveScan(db->rules(), input, "", MatchOptions{}, &naive);
  EXPECT_EQ(matches, naive);
  EXPECT_EQ(matches.size(), 1u);
}

TEST(DatabaseTest, WarmStartLoadsFromCacheAndCorruptCacheIsRebuilt) {
  std::string dir = ::testing::TempDir() + "/lh-cache-" + std::to_string(getpid());
  std::filesystem::remove_all(dir);
  const std::string toml = Rule("c.one", "tok_[a-z]{8}");
  auto cold = Compile(toml, dir);
  ASSERT_TRUE(cold);
  EXPECT_FALSE(cold->from_cache());
  auto warm = Compile(toml, dir);
  ASSERT_TRUE(warm);
  EXPECT_TRUE(warm->from_cache());
  for (const auto& e : std::filesystem::directory_iterator(dir)) {
    std::ofstream(e.path(), std::ios::binary | std::ios::trunc) << "garbage";
    EXPECT_EQ(std::filesystem::status(dir).permissions() & std::filesystem::perms::others_all,
              std::filesystem::perms::none);
  }
  auto rebuilt = Compile(toml, dir);
  ASSERT_TRUE(rebuilt);
  EXPECT_FALSE(rebuilt->from_cache());
  Scanner scanner(rebuilt, MatchOptions{});
  std::vector<Match> matches;
  ASSERT_TRUE(scanner.Scan("tok_abcdefgh", "", &matches, nullptr));
  EXPECT_EQ(matches.size(), 1u);
  auto again = Compile(toml, dir);
  ASSERT_TRUE(again);
  EXPECT_TRUE(again->from_cache());
  std::filesystem::remove_all(dir);
}

// Builds a Database from TOML with an optional prebuilt database and cache.
std::shared_ptr<const Database> BuildWith(const std::string& toml, std::string_view prebuilt,
                                          const std::string& cache_dir = "") {
  auto rules = rules::ParseToml(toml, "<test>");
  EXPECT_TRUE(rules);
  auto set = rules::RuleSet::Build(std::move(*rules));
  EXPECT_TRUE(set);
  CacheOptions cache;
  cache.enabled = !cache_dir.empty();
  cache.dir = cache_dir;
  cache.prebuilt = prebuilt;
  auto db = Database::Build(*set, cache);
  EXPECT_TRUE(db);
  return db ? *db : nullptr;
}

std::vector<std::string> MatchedIds(const std::shared_ptr<const Database>& db,
                                    std::string_view input) {
  Scanner scanner(db, MatchOptions{});
  std::vector<Match> matches;
  EXPECT_TRUE(scanner.Scan(input, "", &matches, nullptr));
  std::vector<std::string> ids;
  for (const auto& m : matches) ids.push_back(db->rules().at(m.rule).rule.id);
  return ids;
}

TEST(DatabaseTest, PrebuiltDatabaseServesTheRulesItHolds) {
  const std::string base = Rule("p.one", "pre_[a-z]{8}") + Rule("p.two", "two_[a-z]{8}");
  auto compiled = Compile(base);
  ASSERT_TRUE(compiled);
  EXPECT_EQ(compiled->origin(), "compiled");
  const std::string prebuilt = compiled->Serialize();
  ASSERT_FALSE(prebuilt.empty());
  EXPECT_EQ(prebuilt.substr(0, prebuilt.find('\n')), Database::PlatformKey());
  const std::string input = "x pre_abcdefgh two_abcdefgh own_abcdefgh";

  auto same = BuildWith(base, prebuilt);
  ASSERT_TRUE(same);
  EXPECT_EQ(same->origin(), "prebuilt");
  EXPECT_EQ(MatchedIds(same, input), (std::vector<std::string>{"p.one", "p.two"}));

  // A subset (a disabled rule): still prebuilt, the missing rule never fires.
  auto subset = BuildWith(Rule("p.two", "two_[a-z]{8}"), prebuilt);
  ASSERT_TRUE(subset);
  EXPECT_EQ(subset->origin(), "prebuilt");
  EXPECT_EQ(MatchedIds(subset, input), (std::vector<std::string>{"p.two"}));

  // Built-ins plus a custom rule and a changed regex: only those two are
  // compiled (then cached); the rest come from the prebuilt database.
  std::string dir = ::testing::TempDir() + "/lh-prebuilt-" + std::to_string(getpid());
  std::filesystem::remove_all(dir);
  const std::string mixed =
      Rule("p.one", "pre_[a-z]{8}") + Rule("p.two", "two_[a-z]{4}") + Rule("c.own", "own_[a-z]{8}");
  auto first = BuildWith(mixed, prebuilt, dir);
  ASSERT_TRUE(first);
  EXPECT_EQ(first->origin(), "prebuilt + 2 compiled");
  EXPECT_EQ(MatchedIds(first, input), (std::vector<std::string>{"p.one", "p.two", "c.own"}));
  EXPECT_EQ(first->max_width(1), 8u);  // the changed regex's own width
  auto second = BuildWith(mixed, prebuilt, dir);
  ASSERT_TRUE(second);
  EXPECT_EQ(second->origin(), "prebuilt + 2 cached");
  EXPECT_EQ(MatchedIds(second, input), MatchedIds(first, input));
  std::filesystem::remove_all(dir);

  // No rule in common: the prebuilt database is not even loaded.
  auto other = BuildWith(Rule("p.one", "other_[a-z]{8}"), prebuilt);
  ASSERT_TRUE(other);
  EXPECT_EQ(other->origin(), "compiled");
  EXPECT_EQ(other->base_hs(), nullptr);

  // Right platform, corrupt body: compiled instead, never a crash.
  for (size_t cut : {prebuilt.find('\n') + 1, prebuilt.find('\n') + 9, prebuilt.size() / 2}) {
    auto broken = BuildWith(base, std::string_view(prebuilt).substr(0, cut));
    ASSERT_TRUE(broken);
    EXPECT_EQ(broken->origin(), "compiled") << cut;
    EXPECT_EQ(MatchedIds(broken, input), (std::vector<std::string>{"p.one", "p.two"}));
  }
}

// CacheOptions::only (the result cache's added rules): only the marked rules
// are in the database, even with a prebuilt one holding the others, and
// matches keep the full rule indices.
TEST(DatabaseTest, OnlyBuildsTheMarkedRulesWithTheirIndices) {
  const std::string base = Rule("p.one", "pre_[a-z]{8}") + Rule("p.two", "two_[a-z]{8}");
  auto compiled = Compile(base);
  ASSERT_TRUE(compiled);
  const std::string prebuilt = compiled->Serialize();
  auto rules = rules::ParseToml(base + Rule("c.own", "own_[a-z]{8}"), "<test>");
  ASSERT_TRUE(rules);
  auto set = rules::RuleSet::Build(std::move(*rules));
  ASSERT_TRUE(set);
  CacheOptions cache;
  cache.enabled = false;
  cache.prebuilt = prebuilt;
  cache.only = {0, 1, 1};
  auto db = Database::Build(*set, cache);
  ASSERT_TRUE(db);
  EXPECT_EQ((*db)->origin(), "compiled");
  const std::string input = "x pre_abcdefgh two_abcdefgh own_abcdefgh";
  EXPECT_EQ(MatchedIds(*db, input), (std::vector<std::string>{"p.two", "c.own"}));
  Scanner scanner(*db, MatchOptions{});
  std::vector<Match> matches;
  ASSERT_TRUE(scanner.ScanAllPaths(input, &matches, nullptr));
  ASSERT_EQ(matches.size(), 2u);
  EXPECT_EQ(matches[0].rule, 1u);
  EXPECT_EQ(matches[1].rule, 2u);
}

TEST(DatabaseTest, TranslatesWhitespaceClassesForHyperscan) {
  EXPECT_EQ(Database::ToHyperscan("a\\sb"), "a[\\t\\n\\f\\r ]b");
  EXPECT_EQ(Database::ToHyperscan("a\\Sb"), "a[^\\t\\n\\f\\r ]b");
  EXPECT_EQ(Database::ToHyperscan("[\\s=]"), "[\\t\\n\\f\\r =]");
  EXPECT_EQ(Database::ToHyperscan("\\\\s"), "\\\\s");
}

TEST(DatabaseTest, DropsTheUngreedyFlagForHyperscanOnly) {
  EXPECT_EQ(Database::ToHyperscan("(?U)a+"), "a+");
  EXPECT_EQ(Database::ToHyperscan("(?iU)a+(?U:b+)(?i-U)c"), "(?i)a+(?:b+)(?i)c");
  EXPECT_EQ(Database::ToHyperscan("(?s-U:x)[(?U)]\\(a\\)"), "(?s:x)[(?U)]\\(a\\)");
  EXPECT_EQ(Database::ToHyperscan("(?P<U>x)(?:y)(?i)"), "(?P<U>x)(?:y)(?i)");
  // The rule runs, and RE2 keeps the lazy quantifier: the shortest match.
  auto db = Compile(Rule("test.lazy", "(?U)tok_[a-z]{4,12}"));
  ASSERT_TRUE(db);
  EXPECT_TRUE(db->DroppedRules().empty());
  Scanner scanner(db, MatchOptions{});
  std::vector<Match> matches;
  ASSERT_TRUE(scanner.Scan("x tok_abcdefgh", "", &matches, nullptr));
  ASSERT_EQ(matches.size(), 1u);
  EXPECT_EQ(matches[0].whole, (Span{2, 10}));
}

}  // namespace
}  // namespace leakhound::matcher
