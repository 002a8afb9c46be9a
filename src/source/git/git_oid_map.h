// OidMap: an open-addressing hash map from object id to uint32_t, used on
// the hot path of the tree walk (millions of lookups of already-seen blobs
// and trees). One contiguous slot array (linear probing, load <= 1/2) costs
// one cache miss per lookup where std::unordered_map costs two or three.
// Slot positions are salted per process so a crafted repository cannot
// cluster its ids. Not thread-safe for writes; const lookups are.
#pragma once

#include <cstdint>
#include <cstring>
#include <random>
#include <utility>
#include <vector>

#include "core/blob.h"

namespace leakhound::source {

class OidMap {
 public:
  static constexpr uint32_t kAbsent = 0xffffffffu;

  OidMap() : slots_(16), mask_(15), salt_(Salt()) {}

  // Inserts id -> value unless id is present. Returns {stored value, inserted}.
  // REQUIRES: value != kAbsent.
  std::pair<uint32_t, bool> Insert(const BlobId& id, uint32_t value) {
    if ((size_ + 1) * 2 > slots_.size()) Grow();
    Slot& s = Probe(id);
    if (s.value != kAbsent) return {s.value, false};
    s.id = id;
    s.value = value;
    ++size_;
    return {value, true};
  }

  // Makes room for `n` ids without growing.
  void Reserve(size_t n) {
    size_t slots = slots_.size();
    while (n * 2 > slots) slots *= 2;
    if (slots != slots_.size()) Rehash(slots);
  }

  // The value stored for id, or kAbsent.
  uint32_t Find(const BlobId& id) const { return const_cast<OidMap*>(this)->Probe(id).value; }
  bool Contains(const BlobId& id) const { return Find(id) != kAbsent; }
  size_t size() const { return size_; }

 private:
  struct Slot {
    BlobId id;
    uint32_t value = kAbsent;
  };

  static uint64_t Salt() {
    static const uint64_t salt = (static_cast<uint64_t>(std::random_device{}()) << 32) | 1u;
    return salt;
  }

  size_t Position(const BlobId& id) const {
    uint64_t h;
    std::memcpy(&h, id.raw.data(), sizeof(h));
    h ^= salt_;
    h *= 0x9e3779b97f4a7c15ull;  // Fibonacci hashing: high bits are well mixed
    return static_cast<size_t>(h >> 32) & mask_;
  }

  // 20-byte equality without a memcmp call (this is the hot loop).
  static bool Same(const BlobId& a, const BlobId& b) {
    uint64_t x[2], y[2];
    uint32_t xs, ys;
    std::memcpy(x, a.raw.data(), 16);
    std::memcpy(y, b.raw.data(), 16);
    std::memcpy(&xs, a.raw.data() + 16, 4);
    std::memcpy(&ys, b.raw.data() + 16, 4);
    return ((x[0] ^ y[0]) | (x[1] ^ y[1]) | (xs ^ ys)) == 0;
  }

  Slot& Probe(const BlobId& id) {
    size_t i = Position(id);
    while (slots_[i].value != kAbsent && !Same(slots_[i].id, id)) i = (i + 1) & mask_;
    return slots_[i];
  }

  void Grow() { Rehash(slots_.size() * 2); }
  void Rehash(size_t slots) {  // REQUIRES: a power of two, > 2 * size_
    std::vector<Slot> old;
    old.swap(slots_);
    slots_.assign(slots, Slot{});
    mask_ = slots_.size() - 1;
    for (const Slot& s : old) {
      if (s.value != kAbsent) Probe(s.id) = s;
    }
  }

  std::vector<Slot> slots_;
  size_t mask_;
  size_t size_ = 0;
  uint64_t salt_;
};

}  // namespace leakhound::source
