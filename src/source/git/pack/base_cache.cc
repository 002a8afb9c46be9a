#include "source/git/pack/base_cache.h"

#include <utility>

namespace leakhound::source::pack {
namespace {

// Recycled buffers are bounded in number and size so that the pool never
// holds much memory beyond the budget.
constexpr size_t kMaxSpare = 8;
constexpr size_t kMaxSpareCapacity = size_t{8} << 20;
// A recycled buffer may exceed the requested size by 2x plus this.
constexpr size_t kSlack = size_t{16} << 10;

}  // namespace

BaseCache::BaseCache(size_t budget_bytes, uint32_t key_count)
    : budget_(budget_bytes), slot_(key_count, -1) {}

const Buffer* BaseCache::Get(uint32_t key) {
  const int32_t n = slot_[key];
  if (n < 0) return nullptr;
  if (n != head_) {
    Unlink(n);
    PushFront(n);
  }
  return &nodes_[n].buf;
}

void BaseCache::Put(uint32_t key, Buffer buf) {
  const size_t cost = buf.capacity();
  if (cost > budget_) {
    Recycle(std::move(buf));
    return;
  }
  while (bytes_ + cost > budget_ && tail_ >= 0) {
    Remove(tail_);
    ++evictions_;
  }
  int32_t n;
  if (!free_nodes_.empty()) {
    n = free_nodes_.back();
    free_nodes_.pop_back();
  } else {
    n = static_cast<int32_t>(nodes_.size());
    nodes_.emplace_back();
  }
  nodes_[n].buf = std::move(buf);
  nodes_[n].key = key;
  slot_[key] = n;
  bytes_ += cost;
  PushFront(n);
}

void BaseCache::Erase(uint32_t key) {
  if (slot_[key] >= 0) Remove(slot_[key]);
}

Buffer BaseCache::TakeBuffer(size_t n, bool tight) {
  size_t best = spare_.size();
  for (size_t i = 0; i < spare_.size(); ++i) {
    const size_t cap = spare_[i].capacity();
    if (cap >= n && (!tight || cap <= 2 * n + kSlack) &&
        (best == spare_.size() || cap < spare_[best].capacity())) {
      best = i;
    }
  }
  if (best == spare_.size()) return Buffer();
  Buffer b = std::move(spare_[best]);
  spare_[best] = std::move(spare_.back());
  spare_.pop_back();
  return b;
}

void BaseCache::Recycle(Buffer buf) {
  if (spare_.size() < kMaxSpare && buf.capacity() <= kMaxSpareCapacity && buf.capacity() > 0) {
    spare_.push_back(std::move(buf));
  }
}

void BaseCache::Unlink(int32_t n) {
  Node& node = nodes_[n];
  if (node.prev >= 0) {
    nodes_[node.prev].next = node.next;
  } else {
    head_ = node.next;
  }
  if (node.next >= 0) {
    nodes_[node.next].prev = node.prev;
  } else {
    tail_ = node.prev;
  }
  node.prev = node.next = -1;
}

void BaseCache::PushFront(int32_t n) {
  nodes_[n].prev = -1;
  nodes_[n].next = head_;
  if (head_ >= 0) nodes_[head_].prev = n;
  head_ = n;
  if (tail_ < 0) tail_ = n;
}

void BaseCache::Remove(int32_t n) {
  Unlink(n);
  Node& node = nodes_[n];
  slot_[node.key] = -1;
  bytes_ -= node.buf.capacity();
  Recycle(std::move(node.buf));
  node.buf = Buffer();
  free_nodes_.push_back(n);
}

}  // namespace leakhound::source::pack
