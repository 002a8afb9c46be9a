// ProgressReporter: while alive, redraws a one-line progress indicator on
// stderr (blobs, bytes, MB/s; commits and trees while a git history is being
// walked) every 200 ms when stderr is a TTY (or
// --progress always). RAII: the destructor stops the thread and clears the line.
#pragma once

#include <unistd.h>

#include <chrono>
#include <condition_variable>
#include <cstdio>
#include <mutex>
#include <string>
#include <thread>

#include "core/stats.h"
#include "pipeline/options.h"

namespace leakhound::pipeline {

class ProgressReporter {
 public:
  using Clock = std::chrono::steady_clock;

  // One progress line. While a git history is walked: commits and trees.
  // Then blobs, MB, MB/s and candidates (raw matches, not the report's findings); with "N/M blobs"
  // and an ETA when the source announced how many blobs it will deliver (stats.blobs_expected).
  static void Draw(const ScanStats& s, Clock::time_point start) {
    uint64_t blobs = s.blobs_scanned.load();
    if (blobs == 0 && s.commits_walked.load() > 0 && s.blobs_expected.load() == 0) {
      std::fprintf(stderr, "\r\033[Kleakhound: walking history: %llu commits, %llu trees",
                   static_cast<unsigned long long>(s.commits_walked.load()),
                   static_cast<unsigned long long>(s.trees_walked.load()));
      return;
    }
    double secs = std::chrono::duration<double>(Clock::now() - start).count();
    double mb = s.bytes_scanned.load() / 1e6;
    uint64_t expected = s.blobs_expected.load();
    std::string count = std::to_string(blobs);
    char eta[32] = "";
    if (expected > 0) {
      uint64_t done = blobs + s.skipped_binary.load() + s.skipped_too_large.load() +
                      s.skipped_lfs.load() + s.skipped_unreadable.load() + s.missing_objects.load();
      double since = std::chrono::duration<double>(Clock::now() - s.blobs_expected_at()).count();
      count += "/" + std::to_string(expected);
      if (done > 0 && done < expected) {
        std::snprintf(eta, sizeof(eta), ", ETA %.0fs",
                      since * double(expected - done) / double(done));
      }
    }
    // Raw matches before deduplication, allowlists and baselines: the report
    // may hold far fewer findings, so they are not called findings here.
    uint64_t candidates = s.findings.load();
    std::fprintf(stderr, "\r\033[Kleakhound: %s blob%s, %.1f MB, %.1f MB/s%s, %llu candidate%s",
                 count.c_str(), blobs == 1 && expected == 0 ? "" : "s", mb,
                 secs > 0 ? mb / secs : 0.0, eta, static_cast<unsigned long long>(candidates),
                 candidates == 1 ? "" : "s");
  }

  ProgressReporter(const ScanOptions& o, const ScanStats& stats) {
    bool on = o.progress == Progress::kAlways ||
              (o.progress == Progress::kAuto && isatty(STDERR_FILENO) && !o.quiet);
    if (!on) return;
    thread_ = std::jthread([&stats](std::stop_token st) {
      auto start = Clock::now();
      bool drew = false;
      std::mutex mu;
      std::condition_variable_any cv;
      std::unique_lock<std::mutex> lock(mu);
      while (!st.stop_requested()) {
        // Returns at once when the scan ends instead of sleeping out 200 ms.
        if (cv.wait_for(lock, st, std::chrono::milliseconds(200), [] { return false; }) ||
            st.stop_requested()) {
          break;
        }
        Draw(stats, start);
        drew = true;
      }
      if (drew) std::fprintf(stderr, "\r\033[K");
    });
  }

 private:
  std::jthread thread_;
};

}  // namespace leakhound::pipeline
