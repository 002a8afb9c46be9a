#include "source/git/history/git_exposure.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <random>

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

// Blob shards (docs/scale.md): each shard sees a secret only where one of
// its blobs holds it. The merge rule of docs/scale.md, applied to the
// shards' histories, must give the history of the union.
SecretHistory CombineShards(const std::vector<SecretHistory>& parts, const HistoryModel& m) {
  SecretHistory out;
  std::vector<std::string> still;
  bool at_tip = false;
  const SecretHistory* chain = nullptr;
  const SecretHistory* drop = nullptr;
  for (const SecretHistory& p : parts) {
    if (p.introduced == kNoCommit) continue;
    if (out.introduced == kNoCommit || p.introduced < out.introduced) out.introduced = p.introduced;
    for (const std::string& r : p.still_present) {
      if (std::find(still.begin(), still.end(), r) == still.end()) still.push_back(r);
    }
    at_tip |= p.removal == Removal::kAtDefaultTip;
    if (p.removal == Removal::kDefaultBranch && (!chain || p.removed > chain->removed)) chain = &p;
    if (p.removal == Removal::kLastDrop && p.removed != kNoCommit &&
        (!drop || p.removed > drop->removed)) {
      drop = &p;
    }
  }
  if (!at_tip && chain) out.removed = chain->removed;
  if (!at_tip && !chain && still.empty() && drop) out.removed = drop->removed;
  std::sort(still.begin(), still.end());
  out.still_present = still;
  if (out.introduced != kNoCommit) {
    bool ended = out.removed != kNoCommit && still.empty();
    int64_t end = ended ? m.times[out.removed] : m.now;
    out.exposure_days =
        static_cast<double>(std::max<int64_t>(0, end - m.times[out.introduced])) / 86400.0;
  }
  return out;
}

TEST(ExposureTest, BlobShardsCombineToTheWholeHistory) {
  std::mt19937 rng(17);
  for (int round = 0; round < 3000; ++round) {
    // A random DAG in topological order; every childless commit is a ref tip
    // (as in a real walk: every commit is reachable from some ref).
    const uint32_t n = 2 + rng() % 12;
    HistoryModel m;
    std::vector<bool> has_child(n, false);
    for (uint32_t c = 0; c < n; ++c) {
      std::vector<uint32_t> parents;
      if (c > 0) parents.push_back(rng() % c);
      if (c > 1 && rng() % 4 == 0) parents.push_back(rng() % c);
      for (uint32_t p : parents) has_child[p] = true;
      m.parents.push_back(parents);
      m.times.push_back(int64_t{c} * kDay + rng() % 1000);
    }
    m.default_tip = n - 1;
    for (uint32_t c = 0; c < n; ++c) {
      if (!has_child[c]) m.refs.push_back({"refs/heads/b" + std::to_string(c), c});
    }
    m.now = 100 * kDay;
    // Secret 0 is held through blobs of shard A, B or both.
    const unsigned shards = 2 + rng() % 2;
    std::vector<HistoryModel> part(shards, m);
    m.secrets.assign(n, {});
    for (HistoryModel& p : part) p.secrets.assign(n, {});
    for (uint32_t c = 0; c < n; ++c) {
      for (HistoryModel& p : part) {
        if (rng() % 3 == 0) p.secrets[c] = {0};
        if (!p.secrets[c].empty()) m.secrets[c] = {0};
      }
    }
    SecretHistory whole = ComputeHistory(m, 1)[0];
    std::vector<SecretHistory> views;
    for (const HistoryModel& p : part) views.push_back(ComputeHistory(p, 1)[0]);
    SecretHistory merged = CombineShards(views, m);
    std::sort(whole.still_present.begin(), whole.still_present.end());
    ASSERT_EQ(merged.introduced, whole.introduced) << "round " << round;
    ASSERT_EQ(merged.removed, whole.removed) << "round " << round;
    ASSERT_EQ(merged.still_present, whole.still_present) << "round " << round;
    ASSERT_DOUBLE_EQ(merged.exposure_days, whole.exposure_days) << "round " << round;
  }
}

TEST(ExposureTest, RemovalSaysHowRemovedWasDecided) {
  HistoryModel m = Linear(4);
  m.secrets[1] = {0};  // removed on main in c2
  m.secrets[3] = {1};  // at the default tip
  auto h = ComputeHistory(m, 2);
  EXPECT_EQ(h[0].removal, Removal::kDefaultBranch);
  EXPECT_EQ(h[1].removal, Removal::kAtDefaultTip);
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
