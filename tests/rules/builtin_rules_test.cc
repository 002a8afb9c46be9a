// The built-in rules pass `rules check`: both engines compile every rule and
// every example / negative example behaves as declared.
#include <gtest/gtest.h>

#include <algorithm>
#include <set>

#include "builtin/builtin.h"
#include "commands/rule_check.h"
#include "matcher/database.h"
#include "matcher/matcher.h"
#include "rules/loader.h"
#include "rules/rule_set.h"

namespace leakhound::rules {
namespace {

TEST(BuiltinRulesTest, EveryRuleCompilesAndItsExamplesBehave) {
  auto loaded = builtin::Rules();
  ASSERT_TRUE(loaded) << loaded.error().message;
  auto report = commands::CheckRules(*loaded, /*require_examples=*/true);
  std::string failures;
  for (const auto& f : report.failures) failures += f + "\n";
  EXPECT_TRUE(report.failures.empty()) << failures;
}

// Each rule names its provider's documentation of the credential and the page
// (or API) for revoking or rotating it: two references, or one reference and
// a remediation text that names the revocation page's URL.
TEST(BuiltinRulesTest, EveryRuleIsDocumented) {
  auto loaded = builtin::Rules();
  ASSERT_TRUE(loaded);
  for (const auto& r : *loaded) {
    EXPECT_FALSE(r.provider.empty()) << r.id;
    EXPECT_FALSE(r.references.empty()) << r.id;
    EXPECT_FALSE(r.remediation.empty()) << r.id;
    for (const auto& url : r.references)
      EXPECT_TRUE(url.starts_with("https://")) << r.id << ": " << url;
    bool remediation_names_url = r.remediation.find("https://") != std::string::npos;
    EXPECT_TRUE(r.references.size() >= 2 || remediation_names_url)
        << r.id
        << ": needs a documentation reference and a revocation/rotation reference "
           "(a second reference, or the revocation page's URL in the remediation)";
  }
}

// The database compiled at build time is the one a scan of the built-ins
// loads: no compilation at start, and it finds what a fresh compile finds.
TEST(BuiltinRulesTest, PrebuiltDatabaseServesTheBuiltinRules) {
  if (builtin::HyperscanDatabase().empty()) GTEST_SKIP() << "built with LEAKHOUND_PREBUILT_DB=OFF";
  auto loaded = builtin::Rules();
  ASSERT_TRUE(loaded);
  auto set = RuleSet::Build(*loaded, nullptr, /*lazy_builtins=*/true);
  ASSERT_TRUE(set);
  matcher::CacheOptions cache;
  cache.enabled = false;
  cache.prebuilt = builtin::HyperscanDatabase();
  auto db = matcher::Database::Build(*set, cache);
  ASSERT_TRUE(db) << db.error().message;
  EXPECT_EQ((*db)->origin(), "prebuilt");
  matcher::Scanner scanner(*db, matcher::MatchOptions{});
  std::vector<matcher::Match> matches;
  size_t checked = 0;
  for (size_t i = 0; i < (*set)->size(); ++i) {
    for (const auto& ex : (*set)->at(i).rule.examples) {
      ASSERT_TRUE(scanner.Scan(ex.input, ex.path, &matches, nullptr));
      bool found = std::any_of(matches.begin(), matches.end(),
                               [&](const matcher::Match& m) { return m.rule == i; });
      EXPECT_TRUE(found) << (*set)->at(i).rule.id << ": " << ex.input;
      ++checked;
    }
  }
  EXPECT_GT(checked, 400u);
}

}  // namespace
}  // namespace leakhound::rules
