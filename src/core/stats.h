// ScanStats: counters shared by all stages of one scan (passed by reference,
// never global). Every counter is atomic so workers can bump them freely.
#pragma once

#include <atomic>
#include <chrono>
#include <cstdint>
#include <mutex>
#include <string>
#include <vector>

namespace leakhound {

struct ScanStats {
  std::atomic<uint64_t> blobs_scanned{0};
  std::atomic<uint64_t> bytes_scanned{0};
  std::atomic<uint64_t> skipped_binary{0};
  std::atomic<uint64_t> skipped_too_large{0};    // over --max-file-size
  std::atomic<uint64_t> skipped_over_memory{0};  // over the --max-memory blob limit
  std::atomic<uint64_t> skipped_unreadable{0};
  std::atomic<uint64_t> skipped_special{0};  // fifos, devices, sockets
  std::atomic<uint64_t> skipped_symlinks{0};
  std::atomic<uint64_t> skipped_excluded{0};  // by path allowlist/ignore
  std::atomic<uint64_t> skipped_lfs{0};
  // Archive members not scanned (over the depth, size, ratio or member-count
  // limits, encrypted, or unreadable archives); decoded layers scanned.
  std::atomic<uint64_t> skipped_archive{0};
  std::atomic<uint64_t> decoded_layers{0};
  std::atomic<uint64_t> skipped_submodules{0};
  std::atomic<uint64_t> missing_objects{0};
  std::atomic<uint64_t> commits_walked{0};
  std::atomic<uint64_t> trees_walked{0};
  std::atomic<uint64_t> blobs_deduplicated{0};
  // Git history timings (microseconds; --stats): commit walk, tree loading
  // (the packs' trees, on other threads during the commit walk), tree walk
  // (or range diffs), blob reading (wall time of the read phase), time the source
  // spent blocked on a full queue (workers were the bottleneck), attribution.
  std::atomic<uint64_t> commit_walk_us{0};
  std::atomic<uint64_t> tree_load_us{0};
  std::atomic<uint64_t> tree_walk_us{0};
  std::atomic<uint64_t> blob_read_us{0};
  std::atomic<uint64_t> source_wait_us{0};
  std::atomic<uint64_t> attribution_us{0};
  std::atomic<uint64_t> blobs_via_libgit2{0};  // git: blobs not served by the pack reader
  // --incremental (cache/): blobs not read because the result cache knows
  // them clean under every rule; blobs scanned with only the rules added or
  // changed since they were cached; blobs found clean and recorded.
  std::atomic<uint64_t> cache_skipped{0};
  std::atomic<uint64_t> cache_delta{0};
  std::atomic<uint64_t> cache_recorded{0};
  // Set once by sources that know how many blobs they will deliver (git),
  // through ExpectBlobs: progress then shows "N/M blobs" and an ETA.
  std::atomic<uint64_t> blobs_expected{0};
  void ExpectBlobs(uint64_t n) {
    expected_at_ns_.store(std::chrono::steady_clock::now().time_since_epoch().count());
    blobs_expected.store(n);
  }
  std::chrono::steady_clock::time_point blobs_expected_at() const {
    return std::chrono::steady_clock::time_point(
        std::chrono::steady_clock::duration(expected_at_ns_.load()));
  }
  std::atomic<uint64_t> prefilter_hits{0};
  std::atomic<uint64_t> candidates{0};
  std::atomic<uint64_t> allowlisted{0};
  std::atomic<uint64_t> confirm_capped{0};  // blobs whose confirmation work hit the cap
  std::atomic<uint64_t> findings{0};

  // Non-fatal problems ("path: permission denied"). Bounded; excess is counted.
  void AddProblem(std::string message) {
    std::lock_guard<std::mutex> lock(mu_);
    if (problems_.size() < kMaxProblems) {
      problems_.push_back(std::move(message));
    } else {
      ++problems_dropped_;
    }
  }
  std::vector<std::string> Problems() const {
    std::lock_guard<std::mutex> lock(mu_);
    return problems_;
  }
  uint64_t ProblemsDropped() const {
    std::lock_guard<std::mutex> lock(mu_);
    return problems_dropped_;
  }
  // True when something that should have been scanned was not (exit 2); a
  // blob whose confirmation hit the work cap was only partly scanned; an
  // interrupted run (SIGINT/SIGTERM, exit 130) is incomplete too.
  bool Incomplete() const {
    return skipped_unreadable.load() > 0 || missing_objects.load() > 0 ||
           confirm_capped.load() > 0 || incomplete.load() || interrupted.load();
  }
  std::atomic<bool> incomplete{false};
  std::atomic<bool> interrupted{false};  // set by commands/ when a signal stopped the run

 private:
  static constexpr size_t kMaxProblems = 1000;
  std::atomic<std::chrono::steady_clock::rep> expected_at_ns_{0};
  mutable std::mutex mu_;
  std::vector<std::string> problems_;
  uint64_t problems_dropped_ = 0;
};

}  // namespace leakhound
