// ProgressReporter: while alive, redraws a one-line progress indicator on
// stderr (blobs, bytes, MB/s; commits and trees while a git history is being
// walked) every 200 ms when stderr is a TTY (or
// --progress always). RAII: the destructor stops the thread and clears the line.
#pragma once

#include <chrono>
#include <cstdio>
#include <condition_variable>
#include <mutex>
#include <thread>

#include <unistd.h>

#include "core/stats.h"
#include "pipeline/options.h"

namespace leakhound::pipeline {

class ProgressReporter {
 public:
  ProgressReporter(const ScanOptions& o, const ScanStats& stats) {
    bool on = o.progress == Progress::kAlways ||
              (o.progress == Progress::kAuto && isatty(STDERR_FILENO) && !o.quiet);
    if (!on) return;
    thread_ = std::jthread([&stats](std::stop_token st) {
      auto start = std::chrono::steady_clock::now();
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
        double secs =
            std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
        double mb = stats.bytes_scanned.load() / 1e6;
        if (stats.blobs_scanned.load() == 0 && stats.commits_walked.load() > 0) {
          std::fprintf(stderr, "\r\033[Kleakhound: walking history: %llu commits, %llu trees",
                       static_cast<unsigned long long>(stats.commits_walked.load()),
                       static_cast<unsigned long long>(stats.trees_walked.load()));
          drew = true;
          continue;
        }
        std::fprintf(stderr, "\r\033[Kleakhound: %llu blobs, %.1f MB, %.1f MB/s, %llu findings",
                     static_cast<unsigned long long>(stats.blobs_scanned.load()), mb,
                     secs > 0 ? mb / secs : 0.0,
                     static_cast<unsigned long long>(stats.findings.load()));
        drew = true;
      }
      if (drew) std::fprintf(stderr, "\r\033[K");
    });
  }

 private:
  std::jthread thread_;
};

}  // namespace leakhound::pipeline
