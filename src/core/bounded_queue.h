// BoundedQueue: a blocking multi-producer multi-consumer FIFO bounded by item
// count and by total weight (bytes), used between pipeline stages. An item
// heavier than the weight bound is still admitted when the queue is empty, so
// memory stays within max(weight bound, largest item). Thread-safe.
#pragma once

#include <condition_variable>
#include <cstddef>
#include <cstdint>
#include <deque>
#include <mutex>
#include <optional>

namespace leakhound {

template <typename T>
class BoundedQueue {
 public:
  explicit BoundedQueue(size_t capacity, size_t max_weight = SIZE_MAX)
      : capacity_(capacity ? capacity : 1), max_weight_(max_weight) {}

  // Blocks while full. Returns false (dropping `item`) once Close() was called.
  bool Push(T&& item, size_t weight = 0) {
    std::unique_lock<std::mutex> lock(mu_);
    not_full_.wait(lock, [&] {
      return closed_ || items_.empty() ||
             (items_.size() < capacity_ && weight_ + weight <= max_weight_);
    });
    if (closed_) return false;
    items_.push_back(Entry{std::move(item), weight});
    weight_ += weight;
    not_empty_.notify_one();
    return true;
  }

  // Blocks while empty. Returns nullopt when closed and drained.
  std::optional<T> Pop() {
    std::unique_lock<std::mutex> lock(mu_);
    not_empty_.wait(lock, [&] { return closed_ || !items_.empty(); });
    if (items_.empty()) return std::nullopt;
    T item = std::move(items_.front().item);
    weight_ -= items_.front().weight;
    items_.pop_front();
    not_full_.notify_all();
    return item;
  }

  // No more pushes; consumers drain what is queued, then see nullopt.
  void Close() {
    std::lock_guard<std::mutex> lock(mu_);
    closed_ = true;
    not_empty_.notify_all();
    not_full_.notify_all();
  }

  // Close and discard everything queued (cancellation).
  void Abort() {
    std::lock_guard<std::mutex> lock(mu_);
    closed_ = true;
    items_.clear();
    weight_ = 0;
    not_empty_.notify_all();
    not_full_.notify_all();
  }

 private:
  struct Entry {
    T item;
    size_t weight;
  };
  const size_t capacity_;
  const size_t max_weight_;
  size_t weight_ = 0;
  std::mutex mu_;
  std::condition_variable not_empty_, not_full_;
  std::deque<Entry> items_;
  bool closed_ = false;
};

}  // namespace leakhound
