// BaseCache: the delta-base cache of one PackReader::Read call, an LRU bounded
// by bytes. Keys are dense item numbers [0, key_count). Also recycles buffers
// so steady-state reading does not allocate. Internal to source/pack.
#pragma once

#include <cstddef>
#include <cstdint>
#include <vector>

#include "source/git/pack/pack_format.h"

namespace leakhound::source::pack {

// Not thread-safe: one per reading thread.
class BaseCache {
 public:
  BaseCache(size_t budget_bytes, uint32_t key_count);

  // The cached bytes of `key` (marked most recently used), or nullptr.
  // The pointer is valid until the next Put or Erase.
  const Buffer* Get(uint32_t key);
  bool Contains(uint32_t key) const { return slot_[key] >= 0; }
  // Caches `buf` under `key` (REQUIRES: !Contains(key)), evicting least
  // recently used entries to stay within budget. A buffer larger than the
  // whole budget is not cached (it is recycled instead).
  void Put(uint32_t key, Buffer buf);
  // Drops `key` if cached; its buffer is recycled.
  void Erase(uint32_t key);
  // A buffer for `n` bytes of new output: a recycled one with capacity >= n
  // (with `tight`, also <= 2n + 16 KiB, for entries about to be cached), else
  // an empty one.
  Buffer TakeBuffer(size_t n, bool tight);
  // Returns a buffer no longer needed, for reuse by TakeBuffer.
  void Recycle(Buffer buf);

  uint64_t evictions() const { return evictions_; }
  size_t bytes() const { return bytes_; }

 private:
  struct Node {
    Buffer buf;
    uint32_t key = 0;
    int32_t prev = -1;  // toward most recently used
    int32_t next = -1;  // toward least recently used
  };
  void Unlink(int32_t n);
  void PushFront(int32_t n);
  void Remove(int32_t n);  // unlink, free the node, recycle its buffer

  size_t budget_;
  size_t bytes_ = 0;
  std::vector<int32_t> slot_;  // key -> node, or -1
  std::vector<Node> nodes_;
  std::vector<int32_t> free_nodes_;
  int32_t head_ = -1;  // most recently used
  int32_t tail_ = -1;  // least recently used
  std::vector<Buffer> spare_;
  uint64_t evictions_ = 0;
};

}  // namespace leakhound::source::pack
