#include "core/bounded_queue.h"

#include <gtest/gtest.h>

#include <atomic>
#include <thread>
#include <vector>

namespace leakhound {
namespace {

TEST(BoundedQueueTest, DeliversInOrderAndDrainsAfterClose) {
  BoundedQueue<int> q(4);
  ASSERT_TRUE(q.Push(1));
  ASSERT_TRUE(q.Push(2));
  q.Close();
  EXPECT_FALSE(q.Push(3));
  EXPECT_EQ(q.Pop(), 1);
  EXPECT_EQ(q.Pop(), 2);
  EXPECT_EQ(q.Pop(), std::nullopt);
}

TEST(BoundedQueueTest, WeightBoundBlocksProducerUntilConsumed) {
  BoundedQueue<int> q(100, 10);
  ASSERT_TRUE(q.Push(1, 8));
  std::atomic<bool> pushed{false};
  std::thread producer([&] {
    q.Push(2, 8);  // 8 + 8 > 10: must wait for the first item to leave
    pushed = true;
  });
  std::this_thread::sleep_for(std::chrono::milliseconds(50));
  EXPECT_FALSE(pushed.load());
  EXPECT_EQ(q.Pop(), 1);
  producer.join();
  EXPECT_TRUE(pushed.load());
  EXPECT_EQ(q.Pop(), 2);
}

TEST(BoundedQueueTest, BlockedProducerWaitsUntilHalfDrained) {
  BoundedQueue<int> q(4);
  for (int i = 0; i < 4; ++i) ASSERT_TRUE(q.Push(int{i}));
  std::atomic<bool> pushed{false};
  std::thread producer([&] {
    q.Push(4);  // full: sleeps until at most 2 items are queued
    pushed = true;
  });
  std::this_thread::sleep_for(std::chrono::milliseconds(50));
  EXPECT_EQ(q.Pop(), 0);  // 3 left: room for one, but not drained to half
  std::this_thread::sleep_for(std::chrono::milliseconds(50));
  EXPECT_FALSE(pushed.load());
  EXPECT_EQ(q.Pop(), 1);  // 2 left: the producer is woken
  producer.join();
  EXPECT_TRUE(pushed.load());
  for (int want = 2; want <= 4; ++want) EXPECT_EQ(q.Pop(), want);
}

TEST(BoundedQueueTest, UnblockedProducerUsesEveryFreeSlot) {
  BoundedQueue<int> q(4);
  for (int i = 0; i < 4; ++i) ASSERT_TRUE(q.Push(int{i}));
  EXPECT_EQ(q.Pop(), 0);
  ASSERT_TRUE(q.Push(4));  // never blocked: no need to wait for half
  for (int want = 1; want <= 4; ++want) EXPECT_EQ(q.Pop(), want);
}

// Producers sleeping until the low-water mark must never miss their wake-up:
// every item arrives, with weights held by consumers as in the pipeline.
TEST(BoundedQueueTest, ManyProducersAndHoldingConsumersDeliverEverything) {
  BoundedQueue<int> q(8, 100);
  constexpr int kPerProducer = 20000;
  std::atomic<long long> sum{0};
  std::atomic<int> count{0};
  std::vector<std::thread> consumers;
  for (int c = 0; c < 2; ++c) {
    consumers.emplace_back([&] {
      size_t weight = 0;
      while (auto item = q.PopHeld(&weight)) {
        sum += *item;
        ++count;
        q.Release(weight);
      }
    });
  }
  std::vector<std::thread> producers;
  for (int p = 0; p < 2; ++p) {
    producers.emplace_back([&, p] {
      for (int i = 0; i < kPerProducer; ++i) {
        ASSERT_TRUE(q.Push(int{i}, static_cast<size_t>((i * 7 + p) % 60)));
      }
    });
  }
  for (auto& t : producers) t.join();
  q.Close();
  for (auto& t : consumers) t.join();
  EXPECT_EQ(count.load(), 2 * kPerProducer);
  EXPECT_EQ(sum.load(), 2LL * kPerProducer * (kPerProducer - 1) / 2);
}

TEST(BoundedQueueTest, OversizedItemAdmittedWhenEmpty) {
  BoundedQueue<int> q(4, 10);
  ASSERT_TRUE(q.Push(7, 1000));
  EXPECT_EQ(q.Pop(), 7);
}

TEST(BoundedQueueTest, AbortDiscardsAndWakesEveryone) {
  BoundedQueue<int> q(1);
  ASSERT_TRUE(q.Push(1));
  std::thread producer([&] { EXPECT_FALSE(q.Push(2)); });
  std::this_thread::sleep_for(std::chrono::milliseconds(20));
  q.Abort();
  producer.join();
  EXPECT_EQ(q.Pop(), std::nullopt);
}

TEST(BoundedQueueTest, PopHeldKeepsWeightCountedUntilRelease) {
  BoundedQueue<int> q(100, 10);
  ASSERT_TRUE(q.Push(1, 8));
  size_t weight = 0;
  EXPECT_EQ(q.PopHeld(&weight), 1);
  EXPECT_EQ(weight, 8u);
  std::atomic<bool> pushed{false};
  std::thread producer([&] {
    q.Push(2, 8);  // the queue is empty, but 8 bytes are still held
    pushed = true;
  });
  std::this_thread::sleep_for(std::chrono::milliseconds(50));
  EXPECT_FALSE(pushed.load());
  q.Release(weight);
  producer.join();
  EXPECT_TRUE(pushed.load());
  EXPECT_EQ(q.Pop(), 2);
}

TEST(BoundedQueueTest, OversizedItemWaitsUntilNothingIsHeld) {
  BoundedQueue<int> q(4, 10);
  ASSERT_TRUE(q.Push(1, 3));
  size_t weight = 0;
  ASSERT_EQ(q.PopHeld(&weight), 1);
  std::atomic<bool> pushed{false};
  std::thread producer([&] {
    q.Push(2, 1000);  // admitted alone only: waits for the held item
    pushed = true;
  });
  std::this_thread::sleep_for(std::chrono::milliseconds(50));
  EXPECT_FALSE(pushed.load());
  q.Release(weight);
  producer.join();
  EXPECT_EQ(q.Pop(), 2);
}

// The next PopHeld can return the previous item's weight (one lock per
// item): the producer waiting on that weight is woken, and a consumer that
// finds the queue closed has still returned it.
TEST(BoundedQueueTest, PopHeldReleasesThePreviousItem) {
  BoundedQueue<int> q(100, 10);
  ASSERT_TRUE(q.Push(1, 8));
  size_t weight = 0;
  ASSERT_EQ(q.PopHeld(&weight), 1);
  std::atomic<bool> pushed{false};
  std::thread producer([&] {
    q.Push(2, 8);  // waits: 8 bytes held
    pushed = true;
    q.Push(3, 8);  // waits again until item 2 is released
    q.Close();
  });
  std::this_thread::sleep_for(std::chrono::milliseconds(50));
  EXPECT_FALSE(pushed.load());
  size_t next = 0;
  EXPECT_EQ(q.PopHeld(&next, weight), 2);  // releases item 1, which lets 2 in
  EXPECT_EQ(q.PopHeld(&weight, next), 3);
  EXPECT_EQ(q.PopHeld(&next, weight), std::nullopt);
  producer.join();
  EXPECT_TRUE(pushed.load());
}

}  // namespace
}  // namespace leakhound
