// HostLimiter: request starts to one host are spaced 1/rate apart; other
// hosts are not held up; a rate <= 0 means no limit.
#include "verify/limiter.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <chrono>
#include <thread>
#include <vector>

namespace leakhound::verify {
namespace {

using Clock = std::chrono::steady_clock;

double SecondsSince(Clock::time_point t) {
  return std::chrono::duration<double>(Clock::now() - t).count();
}

TEST(HostLimiterTest, SpacesRequestsToOneHost) {
  HostLimiter limiter(20);  // one start per 50 ms
  auto start = Clock::now();
  for (int i = 0; i < 5; ++i) limiter.Acquire("api.example.com");
  EXPECT_GE(SecondsSince(start), 0.19);  // starts at 0, 50, 100, 150, 200 ms
}

TEST(HostLimiterTest, SpacesConcurrentCallers) {
  HostLimiter limiter(20);
  auto start = Clock::now();
  std::vector<Clock::time_point> at(6);
  {
    std::vector<std::jthread> threads;
    for (size_t i = 0; i < at.size(); ++i) {
      threads.emplace_back([&, i] {
        limiter.Acquire("api.example.com");
        at[i] = Clock::now();
      });
    }
  }
  std::sort(at.begin(), at.end());
  EXPECT_GE(std::chrono::duration<double>(at.back() - start).count(), 0.24);
}

TEST(HostLimiterTest, HostsAreIndependent) {
  HostLimiter limiter(2);  // one start per 500 ms per host
  auto start = Clock::now();
  limiter.Acquire("a.example.com");
  limiter.Acquire("b.example.com");
  limiter.Acquire("c.example.com");
  EXPECT_LT(SecondsSince(start), 0.4);
  limiter.Acquire("a.example.com");  // the second start to a waits its turn
  EXPECT_GE(SecondsSince(start), 0.45);
}

TEST(HostLimiterTest, ZeroMeansNoLimit) {
  HostLimiter limiter(0);
  auto start = Clock::now();
  for (int i = 0; i < 100; ++i) limiter.Acquire("api.example.com");
  EXPECT_LT(SecondsSince(start), 0.5);
}

}  // namespace
}  // namespace leakhound::verify
