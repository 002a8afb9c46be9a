#include "source/git/history/git_exposure.h"

#include <gtest/gtest.h>

#include "source/git/git_commit_graph.h"
#include "source/git/history/git_attribution.h"

namespace leakhound::source {
namespace {

constexpr int64_t kDay = 86400;

// A linear history c0..c(n-1), one commit per day, HEAD = "refs/heads/main".
HistoryModel Linear(size_t n) {
  HistoryModel m;
  for (uint32_t c = 0; c < n; ++c) {
    m.parents.push_back(c == 0 ? std::vector<uint32_t>{} : std::vector<uint32_t>{c - 1});
    m.times.push_back(1000 * kDay + c * kDay);
    m.secrets.emplace_back();
  }
  m.default_tip = static_cast<uint32_t>(n - 1);
  m.refs = {{"refs/heads/main", static_cast<uint32_t>(n - 1)}};
  m.now = 2000 * kDay;
  return m;
}

TEST(ExposureTest, AddedInThirdRemovedInFifth) {
  HistoryModel m = Linear(6);
  m.secrets[2] = {0};
  m.secrets[3] = {0};
  auto h = ComputeHistory(m, 1);
  EXPECT_EQ(h[0].introduced, 2u);
  EXPECT_EQ(h[0].removed, 4u);
  EXPECT_TRUE(h[0].still_present.empty());
  EXPECT_DOUBLE_EQ(h[0].exposure_days, 2.0);
}

TEST(ExposureTest, StillAtTipRunsToNow) {
  HistoryModel m = Linear(3);
  m.secrets[1] = {0};
  m.secrets[2] = {0};
  auto h = ComputeHistory(m, 1);
  EXPECT_EQ(h[0].introduced, 1u);
  EXPECT_EQ(h[0].removed, kNoCommit);
  EXPECT_EQ(h[0].still_present, std::vector<std::string>{"refs/heads/main"});
  EXPECT_DOUBLE_EQ(h[0].exposure_days, 2000 - 1001);
}

TEST(ExposureTest, ReAddedAfterRemovalUsesTheLastRemoval) {
  HistoryModel m = Linear(6);
  m.secrets[1] = {0};  // added, removed in 2, re-added in 3, removed in 5
  m.secrets[3] = {0};
  m.secrets[4] = {0};
  auto h = ComputeHistory(m, 1);
  EXPECT_EQ(h[0].introduced, 1u);
  EXPECT_EQ(h[0].removed, 5u);
  EXPECT_DOUBLE_EQ(h[0].exposure_days, 4.0);
}

TEST(ExposureTest, SideBranchOnlyIsStillPresentThere) {
  // c0 - c1 (main);  c0 - c2 (side, holds the secret)
  HistoryModel m = Linear(2);
  m.parents.push_back({0});
  m.times.push_back(1005 * kDay);
  m.secrets.push_back({0});
  m.refs.push_back({"refs/heads/side", 2});
  auto h = ComputeHistory(m, 1);
  EXPECT_EQ(h[0].introduced, 2u);
  EXPECT_EQ(h[0].removed, kNoCommit);
  EXPECT_EQ(h[0].still_present, std::vector<std::string>{"refs/heads/side"});
  EXPECT_DOUBLE_EQ(h[0].exposure_days, 2000 - 1005);
}

TEST(ExposureTest, RemovedOnADeletedBranchUsesThatRemoval) {
  // c0 - c1 (main); c0 - c2 (secret) - c3 (removes it); c3 is only reachable
  // from a tag, so no ref tip holds it and main never had it.
  HistoryModel m = Linear(2);
  m.parents.push_back({0});
  m.parents.push_back({2});
  m.times.push_back(1010 * kDay);
  m.times.push_back(1013 * kDay);
  m.secrets.push_back({0});
  m.secrets.emplace_back();
  m.refs.push_back({"refs/tags/old", 3});
  auto h = ComputeHistory(m, 1);
  EXPECT_EQ(h[0].introduced, 2u);
  EXPECT_EQ(h[0].removed, 3u);
  EXPECT_TRUE(h[0].still_present.empty());
  EXPECT_DOUBLE_EQ(h[0].exposure_days, 3.0);
}

TEST(ExposureTest, MergedFromASideBranchThenRemovedOnMain) {
  // c0 - c1 - c3(merge of c2) - c4 (removes);  c0 - c2 (adds the secret)
  HistoryModel m;
  m.parents = {{}, {0}, {0}, {1, 2}, {3}};
  m.times = {0, kDay, 2 * kDay, 3 * kDay, 7 * kDay};
  m.secrets = {{}, {}, {0}, {0}, {}};
  m.default_tip = 4;
  m.refs = {{"refs/heads/main", 4}};
  m.now = 100 * kDay;
  auto h = ComputeHistory(m, 1);
  EXPECT_EQ(h[0].introduced, 2u);
  EXPECT_EQ(h[0].removed, 4u);
  EXPECT_DOUBLE_EQ(h[0].exposure_days, 5.0);
}

TEST(ExposureTest, RemovedFromMainButStillOnABranchRunsToNow) {
  HistoryModel m = Linear(3);
  m.secrets[0] = {0};
  m.parents.push_back({0});  // c3: branch from c0 that keeps it
  m.times.push_back(1001 * kDay);
  m.secrets.push_back({0});
  m.refs.push_back({"refs/heads/keep", 3});
  auto h = ComputeHistory(m, 1);
  EXPECT_EQ(h[0].removed, 1u);
  EXPECT_EQ(h[0].still_present, std::vector<std::string>{"refs/heads/keep"});
  EXPECT_DOUBLE_EQ(h[0].exposure_days, 1000.0);
}

TEST(TopoOrderTest, ParentsFirstThenOlderFirst) {
  // 0 <- 1 <- 3, 0 <- 2 (older than 1), 3 also has parent 2; 4 is unrelated and oldest.
  std::vector<std::vector<uint32_t>> parents = {{}, {0}, {0}, {1, 2}, {}};
  std::vector<int64_t> times = {10, 30, 20, 5, 1};  // 3 has a skewed (old) time
  auto order = TopoOrder(parents, times);
  EXPECT_EQ(order, (std::vector<uint32_t>{4, 0, 2, 1, 3}));
  auto with_missing = TopoOrder({{kNoCommit}, {0}}, {5, 1});
  EXPECT_EQ(with_missing, (std::vector<uint32_t>{0, 1}));
}

Finding Make(const char* rule, const char* fp, uint32_t line) {
  Finding f;
  f.rule_id = rule;
  f.fingerprint = fp;
  f.location.line = line;
  return f;
}

TEST(BuildFindingsTest, DedupKeepsTheOldestLocationFirst) {
  Finding a = Make("r", "f1", 3), b = Make("r", "f2", 1);
  auto loc = [](const Finding& f, const char* path) {
    Location l = f.location;
    l.path = path;
    return l;
  };
  std::vector<LocatedFinding> locs = {{0, 5, &a, loc(a, "z.txt")},
                                      {0, 2, &a, loc(a, "y.txt")},
                                      {1, 1, &b, loc(b, "b.txt")},
                                      {0, 2, &a, loc(a, "a.txt")}};
  auto out = BuildFindings(locs, true);
  ASSERT_EQ(out.size(), 2u);
  EXPECT_EQ(out[0].location.path, "a.txt");
  ASSERT_EQ(out[0].also.size(), 2u);
  EXPECT_EQ(out[0].also[0].path, "y.txt");
  EXPECT_EQ(out[0].also[1].path, "z.txt");
  EXPECT_EQ(out[1].location.path, "b.txt");
  auto all = BuildFindings(locs, false);
  ASSERT_EQ(all.size(), 4u);
  for (const Finding& f : all) EXPECT_TRUE(f.also.empty());
}

}  // namespace
}  // namespace leakhound::source
