// PackIndex: a memory-mapped git pack index (.idx, version 2, SHA-1), giving
// oid <-> pack offset lookups and the offset order of a pack's objects.
// Also checks .pack headers. No libgit2: this is the fast path of pack_reader.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/blob.h"
#include "core/error.h"
#include "source/git/pack/mapped_file.h"

namespace leakhound::source::pack {

inline constexpr size_t kOidSize = 20;
// Bytes of the SHA-1 trailer at the end of every .pack file.
inline constexpr size_t kPackTrailerSize = 20;
// Bytes of the "PACK" + version + count header at the start of a .pack file.
inline constexpr size_t kPackHeaderSize = 12;

// The objects of one pack sorted by pack offset. "Rank" = position in that order.
struct OffsetOrder {
  std::vector<uint64_t> offset;       // offset[rank], strictly increasing
  std::vector<uint32_t> index_pos;    // index_pos[rank]: position in oid order
  std::vector<uint32_t> rank_of_pos;  // inverse of index_pos
  // Rank of the object starting exactly at `offset`, if any. O(log n).
  std::optional<uint32_t> RankAt(uint64_t offset) const;
};

// Immutable after Open; every const method is thread-safe.
class PackIndex {
 public:
  // Maps and validates `idx_path` (size, magic, version 2, fan-out table,
  // large-offset references). Errors: kNotFound, kIo, kInvalidArgument.
  static Result<PackIndex> Open(const std::string& idx_path);

  uint32_t count() const { return count_; }
  // Position `i` in oid order. REQUIRES: i < count().
  // raw_id's pointer is valid for the lifetime of this PackIndex.
  const uint8_t* raw_id(uint32_t i) const { return oids_ + size_t{i} * kOidSize; }
  BlobId id(uint32_t i) const;
  uint64_t offset(uint32_t i) const;
  // Position of `oid` (20 raw bytes) in oid order, if present. O(log n).
  std::optional<uint32_t> Find(const uint8_t* oid) const;
  // Sorts the objects by offset. Fails (kInvalidArgument) when two objects
  // share an offset or an offset is outside [kPackHeaderSize, pack_size - 20).
  Result<OffsetOrder> BuildOffsetOrder(uint64_t pack_size) const;
  const std::string& path() const { return path_; }

 private:
  std::string path_;
  MappedFile file_;
  uint32_t count_ = 0;
  const uint8_t* fanout_ = nullptr;  // 256 big-endian uint32
  const uint8_t* oids_ = nullptr;
  const uint8_t* offsets32_ = nullptr;
  const uint8_t* offsets64_ = nullptr;
  uint32_t large_count_ = 0;
};

// Checks a .pack header ("PACK", version 2 or 3) and returns its object count.
// `data`/`size` is the whole mapped pack (its trailer included).
Result<uint32_t> CheckPackHeader(const uint8_t* data, size_t size);

// "<path>.idx" for "<path>.pack"; other names get ".idx" appended.
std::string IndexPathForPack(const std::string& pack_path);

}  // namespace leakhound::source::pack
