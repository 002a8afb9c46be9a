#include "verify/limiter.h"

#include <thread>

namespace leakhound::verify {

void HostLimiter::Acquire(const std::string& host) {
  if (per_second_ <= 0) return;
  using Clock = std::chrono::steady_clock;
  auto interval =
      std::chrono::duration_cast<Clock::duration>(std::chrono::duration<double>(1.0 / per_second_));
  Clock::time_point start;
  {
    std::lock_guard<std::mutex> lock(mu_);
    auto now = Clock::now();
    auto& next = next_[host];
    start = next > now ? next : now;
    next = start + interval;  // reserve this slot
  }
  std::this_thread::sleep_until(start);
}

}  // namespace leakhound::verify
