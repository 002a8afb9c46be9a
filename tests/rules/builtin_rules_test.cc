// The built-in rules pass `rules check`: both engines compile every rule and
// every example / negative example behaves as declared.
#include <gtest/gtest.h>

#include <set>

#include "pipeline/rule_check.h"
#include "rules/loader.h"

namespace leakhound::rules {
namespace {

TEST(BuiltinRulesTest, EveryRuleCompilesAndItsExamplesBehave) {
  auto loaded = LoadBuiltin();
  ASSERT_TRUE(loaded) << loaded.error().message;
  auto report = pipeline::CheckRules(*loaded, /*require_examples=*/true);
  std::string failures;
  for (const auto& f : report.failures) failures += f + "\n";
  EXPECT_TRUE(report.failures.empty()) << failures;
}

TEST(BuiltinRulesTest, EveryRuleIsDocumented) {
  auto loaded = LoadBuiltin();
  ASSERT_TRUE(loaded);
  for (const auto& r : *loaded) {
    EXPECT_FALSE(r.provider.empty()) << r.id;
    EXPECT_FALSE(r.references.empty()) << r.id;
    EXPECT_FALSE(r.remediation.empty()) << r.id;
  }
}

}  // namespace
}  // namespace leakhound::rules
