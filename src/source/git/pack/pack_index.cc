#include "source/git/pack/pack_index.h"

#include <algorithm>
#include <cstring>
#include <utility>

namespace leakhound::source::pack {
namespace {

constexpr uint8_t kIdxMagic[4] = {0xff, 't', 'O', 'c'};
constexpr size_t kFanoutBytes = 256 * 4;
constexpr size_t kIdxHeaderBytes = 8;

uint32_t Be32(const uint8_t* p) {
  return (uint32_t{p[0]} << 24) | (uint32_t{p[1]} << 16) | (uint32_t{p[2]} << 8) | p[3];
}

uint64_t Be64(const uint8_t* p) { return (uint64_t{Be32(p)} << 32) | Be32(p + 4); }

Error Invalid(const std::string& path, const std::string& what) {
  return Error::InvalidArgument(path + ": " + what);
}

}  // namespace

std::optional<uint32_t> OffsetOrder::RankAt(uint64_t off) const {
  auto it = std::lower_bound(offset.begin(), offset.end(), off);
  if (it == offset.end() || *it != off) return std::nullopt;
  return static_cast<uint32_t>(it - offset.begin());
}

Result<PackIndex> PackIndex::Open(const std::string& idx_path) {
  auto file = MappedFile::Open(idx_path);
  if (!file) return file.error();
  PackIndex idx;
  idx.path_ = idx_path;
  idx.file_ = std::move(*file);
  const uint8_t* d = idx.file_.data();
  const size_t size = idx.file_.size();
  if (size < kIdxHeaderBytes + kFanoutBytes + 2 * kOidSize) return Invalid(idx_path, "truncated");
  if (std::memcmp(d, kIdxMagic, 4) != 0) return Invalid(idx_path, "not a version 2 pack index");
  if (Be32(d + 4) != 2) return Invalid(idx_path, "unsupported index version");
  idx.fanout_ = d + kIdxHeaderBytes;
  uint32_t prev = 0;
  for (int i = 0; i < 256; ++i) {
    uint32_t v = Be32(idx.fanout_ + 4 * i);
    if (v < prev) return Invalid(idx_path, "fan-out table is not monotonic");
    prev = v;
  }
  idx.count_ = prev;
  const uint64_t n = idx.count_;
  const uint64_t fixed = kIdxHeaderBytes + kFanoutBytes + n * (kOidSize + 4 + 4) + 2 * kOidSize;
  if (size < fixed) return Invalid(idx_path, "truncated");
  idx.large_count_ = static_cast<uint32_t>(std::min<uint64_t>((size - fixed) / 8, UINT32_MAX));
  idx.oids_ = idx.fanout_ + kFanoutBytes;
  idx.offsets32_ = idx.oids_ + n * kOidSize + n * 4;  // skip the CRC32 table
  idx.offsets64_ = idx.offsets32_ + n * 4;
  for (uint32_t i = 0; i < idx.count_; ++i) {
    uint32_t v = Be32(idx.offsets32_ + 4 * size_t{i});
    if ((v & 0x80000000u) && (v & 0x7fffffffu) >= idx.large_count_) {
      return Invalid(idx_path, "large offset reference out of range");
    }
  }
  return idx;
}

BlobId PackIndex::id(uint32_t i) const {
  BlobId id;
  std::memcpy(id.raw.data(), raw_id(i), kOidSize);
  return id;
}

uint64_t PackIndex::offset(uint32_t i) const {
  uint32_t v = Be32(offsets32_ + 4 * size_t{i});
  if (!(v & 0x80000000u)) return v;
  return Be64(offsets64_ + 8 * size_t{v & 0x7fffffffu});
}

std::optional<uint32_t> PackIndex::Find(const uint8_t* oid) const {
  uint32_t lo = oid[0] == 0 ? 0 : Be32(fanout_ + 4 * (oid[0] - 1));
  uint32_t hi = Be32(fanout_ + 4 * oid[0]);
  while (lo < hi) {
    uint32_t mid = lo + (hi - lo) / 2;
    int c = std::memcmp(raw_id(mid), oid, kOidSize);
    if (c == 0) return mid;
    if (c < 0) {
      lo = mid + 1;
    } else {
      hi = mid;
    }
  }
  return std::nullopt;
}

Result<OffsetOrder> PackIndex::BuildOffsetOrder(uint64_t pack_size) const {
  std::vector<std::pair<uint64_t, uint32_t>> pairs(count_);
  for (uint32_t i = 0; i < count_; ++i) pairs[i] = {offset(i), i};
  std::sort(pairs.begin(), pairs.end());
  OffsetOrder order;
  order.offset.resize(count_);
  order.index_pos.resize(count_);
  order.rank_of_pos.resize(count_);
  for (uint32_t r = 0; r < count_; ++r) {
    const uint64_t off = pairs[r].first;
    if (off < kPackHeaderSize || off + kPackTrailerSize >= pack_size) {
      return Invalid(path_, "object offset " + std::to_string(off) + " outside the pack");
    }
    if (r > 0 && off == pairs[r - 1].first) return Invalid(path_, "two objects share an offset");
    order.offset[r] = off;
    order.index_pos[r] = pairs[r].second;
    order.rank_of_pos[pairs[r].second] = r;
  }
  return order;
}

Result<uint32_t> CheckPackHeader(const uint8_t* data, size_t size) {
  if (size < kPackHeaderSize + kPackTrailerSize) {
    return Error::InvalidArgument("truncated pack");
  }
  if (std::memcmp(data, "PACK", 4) != 0) {
    return Error::InvalidArgument("bad pack signature");
  }
  uint32_t version = Be32(data + 4);
  if (version != 2 && version != 3) {
    return Error::InvalidArgument("unsupported pack version " + std::to_string(version));
  }
  return Be32(data + 8);
}

std::string IndexPathForPack(const std::string& pack_path) {
  constexpr std::string_view kExt = ".pack";
  if (pack_path.size() >= kExt.size() &&
      pack_path.compare(pack_path.size() - kExt.size(), kExt.size(), kExt) == 0) {
    return pack_path.substr(0, pack_path.size() - kExt.size()) + ".idx";
  }
  return pack_path + ".idx";
}

}  // namespace leakhound::source::pack
