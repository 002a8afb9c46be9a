#include "matcher/rule_cost.h"

#include <gtest/gtest.h>

#include <string>

#include "matcher/test_rules.h"

namespace leakhound::matcher {
namespace {

using testing::Compile;
using testing::Rule;

TEST(RuleCostTest, MeasuresEveryRuleAndCountsItsHits) {
  auto db = Compile(Rule("test.tok", "tok_([a-z0-9]{16})", 1) + Rule("test.kv", "kv=[0-9]{4}") +
                    Rule("test.none", "zzzq_[A-Z]{8}"));
  ASSERT_TRUE(db);
  const std::string line = "x = tok_0123456789abcdef; kv=1234 other text\n";
  std::string text;
  for (int i = 0; i < 200; ++i) text += line;
  RuleCostOptions opts;
  opts.block = static_cast<uint32_t>(line.size() * 10);  // blocks are scanned apart: cut at lines
  opts.leave_one_out = 1;
  opts.repeat = 1;
  auto report = MeasureRuleCosts(*db, text, opts);
  ASSERT_TRUE(report) << report.error().message;
  EXPECT_EQ(report->bytes, text.size());
  EXPECT_EQ(report->rule_count, 3u);
  ASSERT_EQ(report->rules.size(), 3u);
  uint64_t hits[3] = {};
  for (const RuleCost& c : report->rules) hits[c.rule] = c.hits;
  EXPECT_EQ(hits[0], 200u);  // one end per token: exactly 16 characters
  EXPECT_EQ(hits[1], 200u);
  EXPECT_EQ(hits[2], 0u);
  EXPECT_EQ(report->all_hits, 400u);
  EXPECT_EQ(report->matches, 400u);  // the whole matcher confirms both rules
  for (size_t i = 1; i < report->rules.size(); ++i) {
    EXPECT_GE(report->rules[i - 1].alone_seconds, report->rules[i].alone_seconds);
  }
  EXPECT_GT(report->rules[0].without_seconds, 0);  // the costliest was left out once
  EXPECT_EQ(report->rules[1].without_seconds, 0);
  // Confirmation cost: only the rules with hits, their windows and matches.
  ASSERT_EQ(report->confirm.size(), 2u);
  uint64_t confirmed[3] = {}, windows[3] = {};
  for (const ConfirmCost& c : report->confirm) {
    confirmed[c.rule] = c.matches;
    windows[c.rule] = c.windows;
    EXPECT_GT(c.window_bytes, 0u);
  }
  EXPECT_EQ(confirmed[0], 200u);
  EXPECT_EQ(confirmed[1], 200u);
  EXPECT_GE(windows[0], 20u);  // at least one per block: blocks are confirmed apart
  EXPECT_LE(windows[0], 200u);
  EXPECT_GE(report->confirm[0].seconds, report->confirm[1].seconds);
}

TEST(RuleCostTest, WholeOnlySkipsThePerRulePass) {
  auto db = Compile(Rule("test.kv", "kv=[0-9]{4}"));
  ASSERT_TRUE(db);
  RuleCostOptions opts;
  opts.per_rule = false;
  opts.repeat = 1;
  auto report = MeasureRuleCosts(*db, "kv=1234\n", opts);
  ASSERT_TRUE(report) << report.error().message;
  EXPECT_TRUE(report->rules.empty());
  EXPECT_EQ(report->rule_count, 1u);
  EXPECT_EQ(report->all_hits, 1u);
}

}  // namespace
}  // namespace leakhound::matcher
