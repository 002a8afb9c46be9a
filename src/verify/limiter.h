// HostLimiter: per-host request pacing shared by the verify workers, so a
// report full of one provider's keys does not hammer its API. The global
// concurrency limit is the size of the worker pool (verify.cc).
#pragma once

#include <chrono>
#include <map>
#include <mutex>
#include <string>

namespace leakhound::verify {

class HostLimiter {
 public:
  // At most `per_second` requests start per host per second (<= 0: no limit).
  explicit HostLimiter(double per_second) : per_second_(per_second) {}
  // Blocks until a request to `host` may start. Thread-safe.
  void Acquire(const std::string& host);

 private:
  double per_second_;
  std::mutex mu_;
  std::map<std::string, std::chrono::steady_clock::time_point> next_;
};

}  // namespace leakhound::verify
