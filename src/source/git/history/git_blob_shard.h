// Blob shards of one repository (`git REPO --shard I/N --out DIR`,
// docs/scale.md): shard I of N owns the object ids whose first 32 bits, read
// big-endian, fall in the I-th of N equal contiguous ranges of the id space.
// Object ids are uniform, so the ranges balance; every id belongs to exactly
// one shard, whatever the repository holds.
#pragma once

#include <cstdint>

#include "core/blob.h"

namespace leakhound::source {

// The shard (in [0, count)) owning `id`. REQUIRES: 1 <= count <= 2^31.
inline uint32_t BlobShardOf(const BlobId& id, uint32_t count) {
  const uint64_t prefix = (uint64_t{id.raw[0]} << 24) | (uint64_t{id.raw[1]} << 16) |
                          (uint64_t{id.raw[2]} << 8) | uint64_t{id.raw[3]};
  return static_cast<uint32_t>((prefix * count) >> 32);
}

}  // namespace leakhound::source
