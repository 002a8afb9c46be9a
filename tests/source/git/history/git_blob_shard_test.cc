#include "source/git/history/git_blob_shard.h"

#include <gtest/gtest.h>

#include <random>
#include <vector>

namespace leakhound::source {
namespace {

BlobId IdWithPrefix(uint32_t prefix) {
  BlobId id;
  for (int i = 0; i < 4; ++i) id.raw[i] = static_cast<uint8_t>(prefix >> (24 - 8 * i));
  id.raw[19] = 0xab;  // bytes past the prefix do not matter
  return id;
}

TEST(BlobShardTest, ContiguousPrefixRangesCoverTheIdSpace) {
  for (uint32_t n : {1u, 2u, 3u, 4u, 7u, 100000u}) {
    EXPECT_EQ(BlobShardOf(IdWithPrefix(0), n), 0u);
    EXPECT_EQ(BlobShardOf(IdWithPrefix(0xffffffffu), n), n - 1);
    uint32_t last = 0;
    for (uint64_t p = 0; p <= 0xffffffffu; p += 0x00fedcbau) {  // ascending prefixes
      uint32_t s = BlobShardOf(IdWithPrefix(static_cast<uint32_t>(p)), n);
      EXPECT_LT(s, n);
      EXPECT_GE(s, last) << "prefix ranges are contiguous";
      last = s;
    }
  }
  EXPECT_EQ(BlobShardOf(IdWithPrefix(0x3fffffffu), 4), 0u);
  EXPECT_EQ(BlobShardOf(IdWithPrefix(0x40000000u), 4), 1u);
  EXPECT_EQ(BlobShardOf(IdWithPrefix(0xbfffffffu), 4), 2u);
  EXPECT_EQ(BlobShardOf(IdWithPrefix(0xc0000000u), 4), 3u);
}

TEST(BlobShardTest, UniformIdsBalance) {
  std::mt19937 rng(4);
  std::vector<int> count(4, 0);
  for (int i = 0; i < 40000; ++i) {
    BlobId id;
    for (auto& b : id.raw) b = static_cast<uint8_t>(rng());
    ++count[BlobShardOf(id, 4)];
  }
  for (int c : count) EXPECT_NEAR(c, 10000, 400);
}

}  // namespace
}  // namespace leakhound::source
