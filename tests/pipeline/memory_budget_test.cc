#include "pipeline/memory_budget.h"

#include <gtest/gtest.h>

namespace leakhound::pipeline {
namespace {

constexpr uint64_t kMiB = uint64_t{1} << 20;

// Everything the budget hands out, with the blobs sources hold in hand.
uint64_t Planned(const MemoryBudget& b, bool git, unsigned readers) {
  const uint64_t holders = git ? 3 * uint64_t{readers} : 2;
  return kReserveBytes + b.blob_pool + holders * b.blob_limit + b.delta_cache + b.tree_store +
         readers * b.resident_window * (git ? 1 : 0) + b.git_cache + b.git_mapped;
}

TEST(MemoryBudgetTest, SplitStaysWithinTheBudget) {
  for (uint64_t total :
       {64 * kMiB, 100 * kMiB, 256 * kMiB, uint64_t{1} << 30, uint64_t{16} << 30}) {
    for (unsigned readers : {1u, 2u, 8u}) {
      for (bool git : {false, true}) {
        MemoryBudget b = SplitMemory(total, git, readers);
        SCOPED_TRACE(testing::Message() << total << " git=" << git << " readers=" << readers);
        EXPECT_EQ(b.total, total);
        EXPECT_LE(Planned(b, git, readers), total);
        EXPECT_GT(b.blob_limit, 0u);
        EXPECT_LE(b.blob_limit, b.blob_pool);  // any blob read fits the pool alone
        if (!git) {
          EXPECT_EQ(b.delta_cache + b.tree_store + b.resident_window + b.git_cache + b.git_mapped,
                    0u);
        } else {
          EXPECT_GT(b.delta_cache, 0u);
          EXPECT_GT(b.resident_window, 0u);
        }
      }
    }
  }
}

TEST(MemoryBudgetTest, MoreMemoryNeverShrinksAPart) {
  MemoryBudget prev = SplitMemory(kMinMaxMemory, true, 2);
  for (uint64_t total = 96 * kMiB; total <= (uint64_t{8} << 30); total *= 2) {
    MemoryBudget b = SplitMemory(total, true, 2);
    EXPECT_GE(b.blob_pool, prev.blob_pool);
    EXPECT_GE(b.blob_limit, prev.blob_limit);
    EXPECT_GE(b.delta_cache, prev.delta_cache);
    EXPECT_GE(b.tree_store, prev.tree_store);
    prev = b;
  }
}

TEST(MemoryBudgetTest, DefaultKeepsTheDefaultMaxFileSize) {
  // With 1 GiB, no blob under the default --max-file-size (64 MiB) is
  // skipped for memory, for a directory scan or a git scan with 2 readers;
  // the pool and caches stay near the former fixed sizes (256/96/128 MiB).
  EXPECT_GE(SplitMemory(kDefaultMaxMemory, false, 1).blob_limit, 64 * kMiB);
  MemoryBudget git = SplitMemory(kDefaultMaxMemory, true, 2);
  EXPECT_GE(git.blob_limit, 64 * kMiB);
  EXPECT_GE(git.blob_pool, 200 * kMiB);
  EXPECT_GE(git.delta_cache, 96 * kMiB);
  EXPECT_GE(git.tree_store, 96 * kMiB);
}

TEST(MemoryBudgetTest, BelowTheMinimumIsRaisedToIt) {
  MemoryBudget b = SplitMemory(1, true, 1);
  EXPECT_EQ(b.total, kMinMaxMemory);
  EXPECT_GT(b.blob_limit, 0u);
}

}  // namespace
}  // namespace leakhound::pipeline
