// BoundedQueue: a blocking multi-producer multi-consumer FIFO bounded by item
// count and by total weight (bytes), used between pipeline stages. An item
// heavier than the weight bound is still admitted when nothing is in flight,
// so memory stays within max(weight bound, largest item). With PopHeld, an
// item's weight stays counted until the consumer calls Release: the bound
// then covers items queued and items being processed. A producer that finds
// the queue full sleeps until it has drained to half its item bound and three
// quarters of its weight bound (or is empty), so a fast producer and slow
// consumers trade one wake-up per batch, not one per item. Thread-safe.
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
    if (!closed_ && !Fits(weight)) {
      ++waiting_producers_;
      not_full_.wait(lock, [&] { return closed_ || (Fits(weight) && LowWater()); });
      --waiting_producers_;
    }
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
    WakeProducers();
    return item;
  }

  // Like Pop, but the item's weight stays counted (*weight receives it) until
  // Release(*weight) is called, after the consumer is done with the item.
  // `release`: the weight of the consumer's previous item, returned first
  // (as Release(release) would, in the same critical section: one lock per
  // item instead of two).
  std::optional<T> PopHeld(size_t* weight, size_t release = 0) {
    std::unique_lock<std::mutex> lock(mu_);
    if (release) {
      held_ -= release;
      WakeProducers();
    }
    not_empty_.wait(lock, [&] { return closed_ || !items_.empty(); });
    if (items_.empty()) return std::nullopt;
    T item = std::move(items_.front().item);
    *weight = items_.front().weight;
    weight_ -= *weight;
    held_ += *weight;
    items_.pop_front();
    return item;
  }

  // Returns the weight of an item taken with PopHeld.
  void Release(size_t weight) {
    std::lock_guard<std::mutex> lock(mu_);
    held_ -= weight;
    WakeProducers();
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
  bool Empty() const { return items_.empty() && weight_ + held_ == 0; }
  // Room for an item of `weight` now.
  bool Fits(size_t weight) const {
    return Empty() || (items_.size() < capacity_ && weight_ + held_ <= max_weight_ &&
                       weight <= max_weight_ - (weight_ + held_));
  }
  // Drained enough to wake a producer that found the queue full.
  bool LowWater() const {
    return Empty() ||
           (items_.size() <= capacity_ / 2 && weight_ + held_ <= max_weight_ - max_weight_ / 4);
  }
  // Called with mu_ held after the queue shrank.
  void WakeProducers() {
    if (waiting_producers_ > 0 && LowWater()) not_full_.notify_all();
  }

  struct Entry {
    T item;
    size_t weight;
  };
  const size_t capacity_;
  const size_t max_weight_;
  size_t weight_ = 0;  // of queued items
  size_t held_ = 0;    // of items taken with PopHeld and not released
  size_t waiting_producers_ = 0;
  std::mutex mu_;
  std::condition_variable not_empty_, not_full_;
  std::deque<Entry> items_;
  bool closed_ = false;
};

}  // namespace leakhound
