#include "pipeline/memory_budget.h"

#include <algorithm>
#include <cstdio>

namespace leakhound::pipeline {

namespace {

constexpr uint64_t kMiB = uint64_t{1} << 20;

uint64_t Clamp(uint64_t v, uint64_t lo, uint64_t hi) { return std::min(std::max(v, lo), hi); }

}  // namespace

MemoryBudget SplitMemory(uint64_t max_memory, bool git, unsigned readers) {
  MemoryBudget b;
  b.total = std::max(max_memory, kMinMaxMemory);
  uint64_t avail = b.total - kReserveBytes;
  uint64_t holders = 2;
  if (git) {
    readers = std::max(readers, 1u);
    b.git_cache = Clamp(b.total / 32, 2 * kMiB, 32 * kMiB);
    b.git_mapped = Clamp(b.total / 16, 4 * kMiB, 64 * kMiB);
    avail -= b.git_cache + b.git_mapped;
    b.delta_cache = avail / 8;
    b.tree_store = avail / 8;
    b.resident_window = Clamp(avail / 32, kMiB, 16 * kMiB);
    avail -= b.delta_cache + b.tree_store + readers * b.resident_window;
    holders = 3 * uint64_t{readers};
  }
  b.blob_pool = avail / 3;
  b.blob_limit = std::min(b.blob_pool, 2 * avail / (3 * holders));
  return b;
}

}  // namespace leakhound::pipeline
